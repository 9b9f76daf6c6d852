/*
 * jobs_test - the order in which a run starts its profiles, and the job
 * slots that the runs of several kernels share (../host/jobs.c).
 */
#include <atf-c.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jobs.h"
#include "util.h"

static void
write_history(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ATF_REQUIRE(f != NULL);
	fputs(text, f);
	fclose(f);
}

ATF_TC_WITHOUT_HEAD(order_longest_first);
ATF_TC_BODY(order_longest_first, tc)
{
	char *names[] = { "reference", "nvme", "base", "controllers",
	    "pseudo" };
	size_t order[5];

	/* The last duration counts; other releases' do not; a profile
	   history does not know (pseudo) goes first. */
	write_history("h.tsv",
	    "10.99.12\treference\t90.0\n"
	    "10.99.12\tnvme\t80.0\n"
	    "10.99.12\tbase\t30.0\n"
	    "10.99.12\tcontrollers\t200.0\n"
	    "7.99.4\tpseudo\t5.0\n"
	    "10.99.12\tnvme\t60.5\n"
	    "garbage line\n");
	jobs_order("h.tsv", "10.99.12", names, 5, order);
	ATF_CHECK_STREQ(names[order[0]], "pseudo");
	ATF_CHECK_STREQ(names[order[1]], "controllers");
	ATF_CHECK_STREQ(names[order[2]], "reference");
	ATF_CHECK_STREQ(names[order[3]], "nvme");
	ATF_CHECK_STREQ(names[order[4]], "base");
}

ATF_TC_WITHOUT_HEAD(order_no_history);
ATF_TC_BODY(order_no_history, tc)
{
	char *names[] = { "a", "b", "c" };
	size_t order[3];

	jobs_order("absent.tsv", "10.99.12", names, 3, order);
	ATF_CHECK(order[0] == 0 && order[1] == 1 && order[2] == 2);
}

ATF_TC_WITHOUT_HEAD(record_then_order);
ATF_TC_BODY(record_then_order, tc)
{
	char *names[] = { "short", "long" };
	size_t order[2];

	jobs_record("dir/sub/h.tsv", "7.99.4", "short", 4.5);
	jobs_record("dir/sub/h.tsv", "7.99.4", "long", 99.0);
	jobs_order("dir/sub/h.tsv", "7.99.4", names, 2, order);
	ATF_CHECK_STREQ(names[order[0]], "long");
	ATF_CHECK_STREQ(names[order[1]], "short");
}

ATF_TC_WITHOUT_HEAD(slots_bound);
ATF_TC_BODY(slots_bound, tc)
{
	int a, b, c, st;
	pid_t pid;

	a = jobs_slot_try("slots", 2);
	b = jobs_slot_try("slots", 2);
	ATF_REQUIRE(a != -1 && b != -1);
	/* Two held: a third waits, in this process or in another. */
	ATF_CHECK_EQ(jobs_slot_try("slots", 2), -1);
	if ((pid = fork()) == 0)
		_exit(jobs_slot_try("slots", 2) == -1 ? 0 : 1);
	ATF_REQUIRE(waitpid(pid, &st, 0) == pid);
	ATF_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* A slot handed to a child stays held until the child ends. */
	if ((pid = fork()) == 0) {
		usleep(300000);
		_exit(0);
	}
	close(a);
	ATF_CHECK_EQ(jobs_slot_try("slots", 2), -1);
	ATF_REQUIRE(waitpid(pid, &st, 0) == pid);
	c = jobs_slot_try("slots", 2);
	ATF_CHECK(c != -1);
	close(b);
	close(c);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, order_longest_first);
	ATF_TP_ADD_TC(tp, order_no_history);
	ATF_TP_ADD_TC(tp, record_then_order);
	ATF_TP_ADD_TC(tp, slots_bound);
	return atf_no_error();
}
