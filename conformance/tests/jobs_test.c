/*
 * jobs_test - the order in which a run starts its profiles, and the job
 * slots that the runs of several kernels share (../host/jobs.c).
 */
#include <atf-c.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jobs.h"
#include "testfile.h"
#include "util.h"

ATF_TC_WITHOUT_HEAD(order_longest_first);
ATF_TC_BODY(order_longest_first, tc)
{
	char *names[] = { "reference", "nvme", "base", "controllers",
	    "pseudo" };
	size_t order[5];
	double secs[5];

	/* The last duration counts; other releases' do not; a profile
	   history does not know (pseudo) goes first. */
	write_text("h.tsv",
	    "10.99.12\treference\t90.0\n"
	    "10.99.12\tnvme\t80.0\n"
	    "10.99.12\tbase\t30.0\n"
	    "10.99.12\tcontrollers\t200.0\n"
	    "7.99.4\tpseudo\t5.0\n"
	    "10.99.12\tnvme\t60.5\n"
	    "garbage line\n");
	jobs_order("h.tsv", "10.99.12", names, 5, order, secs);
	ATF_CHECK_STREQ(names[order[0]], "pseudo");
	ATF_CHECK_STREQ(names[order[1]], "controllers");
	ATF_CHECK_STREQ(names[order[2]], "reference");
	ATF_CHECK_STREQ(names[order[3]], "nvme");
	ATF_CHECK_STREQ(names[order[4]], "base");
	ATF_CHECK(secs[0] == 90.0 && secs[1] == 60.5 && secs[2] == 30.0);
	ATF_CHECK(secs[3] == 200.0 && secs[4] == HUGE_VAL);
}

ATF_TC_WITHOUT_HEAD(order_no_history);
ATF_TC_BODY(order_no_history, tc)
{
	char *names[] = { "a", "b", "c" };
	size_t order[3];

	jobs_order("absent.tsv", "10.99.12", names, 3, order, NULL);
	ATF_CHECK(order[0] == 0 && order[1] == 1 && order[2] == 2);
}

ATF_TC_WITHOUT_HEAD(record_then_order);
ATF_TC_BODY(record_then_order, tc)
{
	char *names[] = { "short", "long" };
	size_t order[2];

	jobs_record("dir/sub/h.tsv", "7.99.4", "short", 4.5);
	jobs_record("dir/sub/h.tsv", "7.99.4", "long", 99.0);
	jobs_order("dir/sub/h.tsv", "7.99.4", names, 2, order, NULL);
	ATF_CHECK_STREQ(names[order[0]], "long");
	ATF_CHECK_STREQ(names[order[1]], "short");
}

ATF_TC_WITHOUT_HEAD(slots_bound);
ATF_TC_BODY(slots_bound, tc)
{
	int a, b, c, st;
	pid_t pid;

	a = jobs_slot_try("slots", 2, 1.0);
	b = jobs_slot_try("slots", 2, 1.0);
	ATF_REQUIRE(a != -1 && b != -1);
	/* Two held: a third waits, in this process or in another. */
	ATF_CHECK_EQ(jobs_slot_try("slots", 2, 1.0), -1);
	if ((pid = fork()) == 0)
		_exit(jobs_slot_try("slots", 2, 1.0) == -1 ? 0 : 1);
	ATF_REQUIRE(waitpid(pid, &st, 0) == pid);
	ATF_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* A slot handed to a child stays held until the child ends. */
	if ((pid = fork()) == 0) {
		usleep(300000);
		_exit(0);
	}
	close(a);
	ATF_CHECK_EQ(jobs_slot_try("slots", 2, 1.0), -1);
	ATF_REQUIRE(waitpid(pid, &st, 0) == pid);
	c = jobs_slot_try("slots", 2, 1.0);
	ATF_CHECK(c != -1);
	close(b);
	close(c);
}

/* A child that waits for a slot for a profile of secs, until told. */
static pid_t
waiter(double secs, int *tell)
{
	int up[2], down[2];
	char c;
	pid_t pid;

	ATF_REQUIRE(pipe(up) == 0 && pipe(down) == 0);
	if ((pid = fork()) == 0) {
		int fd = jobs_wait_begin("slots", secs);

		close(up[0]);
		close(down[1]);
		(void)write(up[1], fd == -1 ? "-" : "+", 1);
		(void)read(down[0], &c, 1);
		_exit(0);	/* without jobs_wait_end, as if killed */
	}
	ATF_REQUIRE(read(up[0], &c, 1) == 1 && c == '+');
	close(up[0]);
	close(up[1]);
	close(down[0]);
	*tell = down[1];
	return pid;
}

static void
end_waiter(pid_t pid, int tell)
{
	int st;

	close(tell);
	ATF_REQUIRE(waitpid(pid, &st, 0) == pid);
}

ATF_TC_WITHOUT_HEAD(slots_longest_waiter);
ATF_TC_BODY(slots_longest_waiter, tc)
{
	char stale[64];
	int a, b, tell;
	pid_t pid;

	/* Another run waits for a longer profile: the free slot is its. */
	pid = waiter(100.0, &tell);
	ATF_CHECK_EQ(jobs_slot_try("slots", 2, 10.0), -1);
	/* ... for an unknown one, which counts as the longest */
	end_waiter(pid, tell);
	pid = waiter(HUGE_VAL, &tell);
	ATF_CHECK_EQ(jobs_slot_try("slots", 2, 10.0), -1);
	end_waiter(pid, tell);
	/* A killed waiter's file is nobody's: it neither holds a slot back
	   nor stays. */
	snprintf(stale, sizeof(stale), "slots/wait.%ld", (long)pid);
	ATF_REQUIRE(access(stale, F_OK) == 0);
	a = jobs_slot_try("slots", 2, 10.0);
	ATF_CHECK(a != -1);
	ATF_CHECK(access(stale, F_OK) == -1);
	/* A shorter waiter does not hold one back. */
	pid = waiter(5.0, &tell);
	b = jobs_slot_try("slots", 2, 10.0);
	ATF_CHECK(b != -1);
	end_waiter(pid, tell);
	close(a);
	close(b);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, order_longest_first);
	ATF_TP_ADD_TC(tp, order_no_history);
	ATF_TP_ADD_TC(tp, record_then_order);
	ATF_TP_ADD_TC(tp, slots_bound);
	ATF_TP_ADD_TC(tp, slots_longest_waiter);
	return atf_no_error();
}
