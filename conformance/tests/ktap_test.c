/*
 * ktap_test - the runner's console parsing, boot merging, aggregation and
 * expectations, on recorded console logs (logs/).
 */
#include <atf-c.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktap.h"
#include "profile.h"
#include "report.h"
#include "rows.h"
#include "session.h"
#include "testfile.h"
#include "util.h"

static char *
logpath(const atf_tc_t *tc, const char *name)
{
	return xasprintf("%s/logs/%s", atf_tc_get_config_var(tc, "srcdir"),
	    name);
}

/* Feed a recorded boot; return what session_boot_end says. */
static long
feed_log(const atf_tc_t *tc, struct session *s, const char *name,
    long first, enum boot_end how)
{
	char *path = logpath(tc, name), *buf, *line, *next;

	buf = read_file(path, NULL);
	ATF_REQUIRE_MSG(buf != NULL, "cannot read %s", path);
	session_boot_begin(s, first);
	for (line = buf; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		session_feed(s, line);
	}
	free(buf);
	free(path);
	return session_boot_end(s, how, 120);
}

static const struct result *
res(const struct session *s, long num, const char *clause)
{
	size_t i;

	ATF_REQUIRE(num >= 1 && num <= s->plan);
	for (i = 0; i < s->cases[num].nres; i++)
		if (strcmp(s->cases[num].res[i].clause, clause) == 0)
			return &s->cases[num].res[i];
	atf_tc_fail("case %ld has no result for %s", num, clause);
	return NULL;
}

static void
check(const struct session *s, long num, const char *clause,
    enum verdict v, const char *detail_part)
{
	const struct result *r = res(s, num, clause);

	ATF_CHECK_MSG(r->v == v, "case %ld %s: verdict %s, expected %s", num,
	    clause, verdict_name(r->v), verdict_name(v));
	if (detail_part != NULL)
		ATF_CHECK_MSG(strstr(r->detail, detail_part) != NULL,
		    "case %ld %s: detail \"%s\" lacks \"%s\"", num, clause,
		    r->detail, detail_part);
}

/* Every case 1..plan has results, and rows name each case exactly once
   per announced clause. */
static void
check_complete(const struct session *s, long plan)
{
	struct row *rows;
	size_t n, i, j;
	long c;

	ATF_REQUIRE_EQ(s->plan, plan);
	for (c = 1; c <= plan; c++) {
		ATF_CHECK_MSG(s->cases[c].done, "case %ld has no result", c);
		ATF_CHECK_MSG(s->cases[c].nres > 0, "case %ld: no rows", c);
	}
	n = session_rows(s, &rows);
	for (i = 0; i < n; i++) {
		ATF_CHECK(rows[i].v != V_NONE);
		ATF_CHECK(rows[i].detail[0] != '\0' || rows[i].v == V_PASS);
		for (j = i + 1; j < n; j++)
			ATF_CHECK_MSG(!(rows[i].num == rows[j].num &&
			    strcmp(rows[i].clause, rows[j].clause) == 0),
			    "case %ld clause %s twice", rows[i].num,
			    rows[i].clause);
	}
	rows_free(rows, n);
}

ATF_TC_WITHOUT_HEAD(line_parse);
ATF_TC_BODY(line_parse, tc)
{
	struct ktap_line k;

	(void)tc;
	ATF_CHECK_EQ(ktap_parse_line("KTAP version 1\r\n", &k), KT_VERSION);
	ATF_CHECK_EQ(k.level, 0);
	ATF_CHECK_EQ(ktap_parse_line("    KTAP version 1\r\n", &k),
	    KT_VERSION);
	ATF_CHECK_EQ(k.level, 1);
	ATF_CHECK_EQ(ktap_parse_line("1..600\r", &k), KT_PLAN);
	ATF_CHECK_EQ(k.num, 600);
	ATF_CHECK_EQ(ktap_parse_line("    not ok 2 SC-CMP-2 # no biodone "
	    "within 2000 ms\r\n", &k), KT_RESULT);
	ATF_CHECK_EQ(k.level, 1);
	ATF_CHECK_EQ(k.ok, 0);
	ATF_CHECK_EQ(k.num, 2);
	ATF_CHECK_STREQ(k.desc, "SC-CMP-2");
	ATF_CHECK_STREQ(k.text, "no biodone within 2000 ms");
	ATF_CHECK_EQ(k.directive, KD_NONE);
	ATF_CHECK_EQ(ktap_parse_line("    ok 3 SC-ERR-4 # SKIP unit is "
	    "writable", &k), KT_RESULT);
	ATF_CHECK_EQ(k.directive, KD_SKIP);
	ATF_CHECK_STREQ(k.text, "unit is writable");
	ATF_CHECK_EQ(ktap_parse_line("    not ok 4 SC-CMP-4 # ERROR cannot "
	    "allocate buffer", &k), KT_RESULT);
	ATF_CHECK_EQ(k.directive, KD_ERROR);
	ATF_CHECK_STREQ(k.text, "cannot allocate buffer");
	ATF_CHECK_EQ(ktap_parse_line("ok 9 ld0 spl zero # SKIP", &k),
	    KT_RESULT);
	ATF_CHECK_EQ(k.directive, KD_SKIP);
	ATF_CHECK_STREQ(k.desc, "ld0 spl zero");
	ATF_CHECK_EQ(ktap_parse_line("ok 17 wd0 thread read\r\n", &k),
	    KT_RESULT);
	ATF_CHECK_EQ(k.level, 0);
	ATF_CHECK_STREQ(k.desc, "wd0 thread read");
	ATF_CHECK_EQ(ktap_parse_line("    # Subtest: ld0 hardintr burst", &k),
	    KT_SUBTEST);
	ATF_CHECK_STREQ(k.desc, "ld0 hardintr burst");
	ATF_CHECK_EQ(ktap_parse_line("    # clauses: SC-SLP-1,SC-CMP-2", &k),
	    KT_CLAUSES);
	ATF_CHECK_STREQ(k.text, "SC-SLP-1,SC-CMP-2");
	ATF_CHECK_EQ(ktap_parse_line("    # on-panic: SC-CTX-5\r\n", &k),
	    KT_ONPANIC);
	ATF_CHECK_STREQ(k.desc, "SC-CTX-5");
	ATF_CHECK_EQ(ktap_parse_line("# device sd0 attach=\"sd0 at scsibus0 "
	    "target 0 lun 0\" bmajor=4 secsize=512", &k), KT_DEVICE);
	ATF_CHECK_STREQ(k.desc, "sd0");
	ATF_CHECK_STREQ(k.text, "sd0 at scsibus0 target 0 lun 0");
	ATF_CHECK_EQ(ktap_parse_line("# strategy-checker: done pass=1 fail=0 "
	    "skip=0", &k), KT_DONE);
	ATF_CHECK_EQ(ktap_parse_line("panic: biodone2 already\r\n", &k),
	    KT_PANIC);
	ATF_CHECK_STREQ(k.text, "panic: biodone2 already");
	/* kernel chatter is not protocol */
	ATF_CHECK_EQ(ktap_parse_line("wd0 at atabus0 drive 0\r\n", &k),
	    KT_OTHER);
	ATF_CHECK_EQ(ktap_parse_line("okay 1 fine", &k), KT_OTHER);
	ATF_CHECK_EQ(ktap_parse_line("  ok 1 two-space indent", &k),
	    KT_OTHER);
	ATF_CHECK_EQ(ktap_parse_line("", &k), KT_OTHER);
}

ATF_TC_WITHOUT_HEAD(panic_table);
ATF_TC_BODY(panic_table, tc)
{
	(void)tc;
	ATF_CHECK_STREQ(panic_clause("panic: biodone2 already"), "SC-CMP-1");
	ATF_CHECK_STREQ(panic_clause("panic: kernel diagnostic assertion "
	    "\"(bp->b_oflags & BO_DONE) == 0\" failed"), "SC-CMP-1");
	ATF_CHECK_STREQ(panic_clause("panic: kernel diagnostic assertion "
	    "\"!cpu_intr_p()\" failed: file \"../../../../kern/kern_mutex.c\""),
	    "SC-SLP-2");
	ATF_CHECK_STREQ(panic_clause("panic: lock error: Mutex: "
	    "mutex_vector_enter,540: assertion failed"), "SC-SLP-2");
	ATF_CHECK_STREQ(panic_clause("panic: assert_sleepable: interrupt "
	    "caller=0xffffffff80618a7d"), "SC-SLP-1");
	ATF_CHECK_STREQ(panic_clause("panic: sleepq_block: bad state"),
	    "SC-SLP-1");
	ATF_CHECK(panic_clause("panic: trap") == NULL);
	ATF_CHECK(panic_clause("panic: kernel diagnostic assertion "
	    "\"!cpu_intr_p()\" failed: file \"kern_kmem.c\"") == NULL);
}

ATF_TC_WITHOUT_HEAD(clean_run);
ATF_TC_BODY(clean_run, tc)
{
	struct session s;
	long c[V_FAIL + 1];

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "clean.log", 1, BE_EXIT), 0);
	ATF_CHECK(!s.fatal);
	ATF_CHECK(s.done);
	check_complete(&s, 6);
	session_counts(&s, c);
	ATF_CHECK_EQ(c[V_PASS], 18);
	ATF_CHECK_EQ(c[V_FAIL], 3);
	ATF_CHECK_EQ(c[V_SKIP] + c[V_BROKEN], 0);
	check(&s, 3, "SC-SLP-1", V_FAIL, "vcsw=1");
	check(&s, 4, "SC-CMP-4", V_PASS, "data ok");
	ATF_CHECK_STREQ(s.cases[5].device, "wd0");
	ATF_CHECK_STREQ(s.cases[5].context, "softint");
	ATF_CHECK_STREQ(s.cases[5].op, "eom-past");
	ATF_CHECK_STREQ(s.cases[5].on_panic, "SC-CTX-3");
	ATF_CHECK_EQ(s.ndevs, 3);
	ATF_CHECK_STREQ(s.devs[0].attach, "wd0 at atabus0 drive 0");
	session_free(&s);
}

ATF_TC_WITHOUT_HEAD(panic_mid_case);
ATF_TC_BODY(panic_mid_case, tc)
{
	struct session s;

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "panic-boot1.log", 1, BE_EXIT), 4);
	ATF_CHECK(!s.fatal);
	/* the cases before are kept */
	check(&s, 1, "SC-CMP-4", V_PASS, "data ok");
	check(&s, 2, "SC-CTX-5", V_PASS, "edu0");
	/* the panic text names SC-SLP-1; the case's own clause (on-panic)
	   fails too */
	check(&s, 3, "SC-SLP-1", V_FAIL, "panic: assert_sleepable");
	check(&s, 3, "SC-SLP-2", V_SKIP, "not observed: the guest panicked");
	check(&s, 3, "SC-CMP-2", V_SKIP, "not observed");
	check(&s, 3, "SC-CTX-5", V_FAIL, "panic: assert_sleepable");
	ATF_CHECK_EQ(s.cases[3].nres, 4);
	ATF_CHECK(!s.cases[4].done);
	/* with no further boot, the rest is broken, nothing lost */
	session_finish(&s, "not run: boot limit");
	check_complete(&s, 6);
	check(&s, 5, "-", V_BROKEN, "boot limit");
	session_free(&s);
}

ATF_TC_WITHOUT_HEAD(panic_on_panic_clause);
ATF_TC_BODY(panic_on_panic_clause, tc)
{
	struct session s;

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "panic-boot2.log", 4, BE_EXIT), 6);
	/* "panic: trap" maps nowhere: the case's on-panic clause fails */
	check(&s, 5, "SC-CTX-3", V_FAIL, "panic: trap");
	/* reported before the panic: kept */
	check(&s, 5, "SC-SLP-1", V_PASS, "vcsw=0");
	check(&s, 5, "SC-ERR-1", V_SKIP, "panicked");
	/* cases before first= were not run in this boot */
	ATF_CHECK(!s.cases[1].done);
	check(&s, 4, "SC-SLP-1", V_PASS, NULL);
	session_free(&s);
}

/*
 * A boot of the lab kernel (NetBSD 7.99.4, DIAGNOSTIC, LOCKDEBUG) that
 * panicked in case 178: the reference disk with a contended adaptive
 * mutex, called (by the checker of that time) holding a spin mutex.
 * LOCKDEBUG's backtrace ends at mutex_enter (that module kept no frame
 * pointers, so ddb could not unwind it), so it cannot say which adaptive
 * lock was wanted under which spin mutex: the panic fails the case's own
 * SC-CTX-2 and names no other clause, and whether the call slept is not
 * established (broken), never passed; the frames of the panic machinery
 * are left out of the text.
 */
ATF_TC_WITHOUT_HEAD(lab_panic_backtrace);
ATF_TC_BODY(lab_panic_backtrace, tc)
{
	struct session s;
	const struct result *r;

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "lab-mutex-spl.log", 160, BE_EXIT),
	    179);
	ATF_CHECK_EQ(s.plan, 504);
	check(&s, 177, "-", V_SKIP, "first unit");
	check(&s, 176, "SC-SLP-2", V_PASS, "tolerated at softint-safe level");
	check(&s, 178, "SC-SLP-2", V_SKIP, "panicked in this case");
	check(&s, 178, "SC-CTX-2", V_FAIL, "spin lock held < mutex_enter+");
	check(&s, 178, "SC-SLP-1", V_BROKEN, "not established: the guest "
	    "went down in this case with no evidence either way");
	r = res(&s, 178, "SC-CTX-2");
	ATF_CHECK_MSG(strstr(r->detail, "vpanic") == NULL &&
	    strstr(r->detail, "lockdebug_abort1") == NULL,
	    "panic machinery in the text: %s", r->detail);
	ATF_CHECK_STREQ(s.down, "178");
	session_free(&s);
}

/*
 * A boot of the NetBSD-current lab kernel (10.99.12, time-stamped console
 * lines) in which the reference disk that sleeps was called from the edu
 * interrupt (case 104).  kpause() there let the CPU go idle in interrupt
 * context, and LOCKDEBUG then caught acpicpu's idle loop, not the call
 * under test.  The backtrace alone decides: cpu0, which ran the hard
 * interrupt, panicked in the idle loop with its interrupt depth still
 * raised, so the call gave the CPU away: it slept.  The watcher's
 * "# watch: sleep" only corroborates.
 */
ATF_TC_WITHOUT_HEAD(panic_elsewhere);
ATF_TC_BODY(panic_elsewhere, tc)
{
	struct session s;

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "current-consequence.log", 96,
	    BE_EXIT), 105);
	ATF_CHECK_EQ(s.plan, 620);
	ATF_CHECK_EQ(s.ndevs, 10);
	check(&s, 96, "-", V_SKIP, "took the guest down");
	check(&s, 104, "SC-SLP-1", V_FAIL, "the call slept inside the hard "
	    "interrupt: cpu0, which ran it, panicked below a hard interrupt's "
	    "context with its interrupt depth still raised; the watcher saw sleep "
	    "wmesg=scrslp: panic: LOCKDEBUG");
	check(&s, 104, "SC-CTX-5", V_FAIL, "< idle_loop+");
	check(&s, 104, "SC-SLP-2", V_SKIP, "panicked in this case");
	check(&s, 104, "SC-CMP-2", V_SKIP, "panicked in this case");
	ATF_CHECK_STREQ(s.down, "104");
	session_free(&s);
}

/*
 * A boot of the lab kernel in which the reference disk that sleeps was
 * called from a callout (case 85): the call never came back, the checker
 * reported the case and asked for a fresh boot.  That panic blames no
 * case; the stuck case keeps what the checker said; down= grows.
 */
ATF_TC_WITHOUT_HEAD(lab_restart_request);
ATF_TC_BODY(lab_restart_request, tc)
{
	struct session s;

	session_init(&s);
	snprintf(s.down, sizeof(s.down), "66,67");
	ATF_CHECK_EQ(feed_log(tc, &s, "lab-stuck-callout.log", 68, BE_EXIT),
	    86);
	check(&s, 84, "SC-RES-1", V_FAIL, "slept");
	check(&s, 85, "SC-SLP-1", V_FAIL, "still inside strategy");
	check(&s, 85, "SC-CMP-2", V_SKIP, "did not return");
	check(&s, 85, "SC-SLP-2", V_PASS, NULL);
	check(&s, 85, "SC-CTX-4", V_FAIL, "SC-SLP-1 failed");
	ATF_CHECK_STREQ(s.down, "66,67,85");
	session_free(&s);
}

static void
feed_lines(struct session *s, const char *const *lines)
{
	for (; *lines != NULL; lines++)
		session_feed(s, *lines);
}

/*
 * on-panic may list several clauses (the operation's and the context's);
 * a fault names none more; a sleep in the backtrace names SC-SLP-1.
 */
ATF_TC_WITHOUT_HEAD(panic_clause_list);
ATF_TC_BODY(panic_clause_list, tc)
{
	static const char *const fault[] = {
		"KTAP version 1\r\n", "1..2\r\n",
		"    KTAP version 1\r\n", "    # Subtest: wd0 softint nounit\r\n",
		"    # on-panic: SC-ERR-5,SC-CTX-3\r\n",
		"    # clauses: SC-SLP-1,SC-CMP-2,SC-ERR-5,SC-CTX-3\r\n",
		"    1..4\r\n",
		"fatal page fault in supervisor mode\r\n",
		"panic: trap\r\n",
		"cpu0: Begin traceback...\r\n",
		"vpanic() at netbsd:vpanic+0x14e\r\n",
		"panic() at netbsd:panic+0x3c\r\n",
		"trap() at netbsd:trap+0xc64\r\n",
		"--- trap (number 6) ---\r\n",
		"wdstrategy() at netbsd:wdstrategy+0x38\r\n",
		"sleepq_block() at netbsd:sleepq_block+0x1\r\n",
		"cpu0: End traceback...\r\n", NULL
	};
	struct session s;
	const struct result *r;

	(void)tc;
	session_init(&s);
	session_boot_begin(&s, 1);
	feed_lines(&s, fault);
	ATF_CHECK_EQ(session_boot_end(&s, BE_EXIT, 120), 2);
	check(&s, 1, "SC-ERR-5", V_FAIL, "panic: trap (after a fatal fault)");
	check(&s, 1, "SC-CTX-3", V_FAIL, "< wdstrategy+0x38");
	/* the fault explains the sleep queue the trap handler reached */
	check(&s, 1, "SC-SLP-1", V_SKIP, "not observed");
	check(&s, 1, "SC-CMP-2", V_SKIP, "not observed");
	r = res(&s, 1, "SC-ERR-5");
	ATF_CHECK_MSG(strstr(r->detail, "vpanic") == NULL, "%s", r->detail);
	ATF_CHECK_STREQ(s.down, "1");
	session_free(&s);
}

ATF_TC_WITHOUT_HEAD(panic_outside_case);
ATF_TC_BODY(panic_outside_case, tc)
{
	static const char *const head[] = {
		"KTAP version 1\r\n", "1..3\r\n",
		"    KTAP version 1\r\n", "    # Subtest: ref-twice thread write\r\n",
		"    # on-panic: SC-CTX-1\r\n", "    # clauses: SC-CMP-1,SC-CMP-2\r\n",
		"    ok 1 SC-CMP-1 # biodone count=1\r\n",
		"    ok 2 SC-CMP-2 # biodone after 9 us\r\n",
		"ok 1 ref-twice thread write\r\n",
		"panic: biodone2 already\r\n", NULL
	};
	static const char *const early[] = {
		"KTAP version 1\r\n", "1..3\r\n",
		"panic: kernel diagnostic assertion \"x\" failed\r\n", NULL
	};
	struct session s;

	(void)tc;
	/* a late second biodone after the case's result line: that case
	   fails the clause the panic names, and no case is lost */
	session_init(&s);
	session_boot_begin(&s, 1);
	feed_lines(&s, head);
	ATF_CHECK_EQ(session_boot_end(&s, BE_EXIT, 120), 2);
	check(&s, 1, "SC-CMP-1", V_FAIL, "after the case ended: panic: "
	    "biodone2 already");
	check(&s, 1, "SC-CMP-2", V_PASS, NULL);
	ATF_CHECK_EQ(s.cases[1].nres, 2);
	ATF_CHECK(!s.cases[2].done);
	session_free(&s);

	/* a panic before the first case of a boot: that case is broken and
	   the next boot starts after it (progress guaranteed) */
	session_init(&s);
	session_boot_begin(&s, 2);
	feed_lines(&s, early);
	ATF_CHECK_EQ(session_boot_end(&s, BE_EXIT, 120), 3);
	check(&s, 2, "-", V_BROKEN, "panic before the case was announced");
	ATF_CHECK(!s.fatal);
	session_free(&s);
}

ATF_TC_WITHOUT_HEAD(truncated);
ATF_TC_BODY(truncated, tc)
{
	struct session s;

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "truncated.log", 1, BE_EXIT), 0);
	ATF_CHECK(!s.fatal);
	check_complete(&s, 6);
	check(&s, 1, "SC-SLP-1", V_PASS, NULL);
	check(&s, 2, "SC-SLP-1", V_PASS, NULL);	/* printed before the end */
	check(&s, 2, "SC-SLP-2", V_BROKEN, "truncated");
	check(&s, 2, "SC-CTX-5", V_BROKEN, "truncated");
	check(&s, 3, "-", V_BROKEN, "without \"done\"");
	check(&s, 6, "-", V_BROKEN, "truncated log");
	session_free(&s);
}

ATF_TC_WITHOUT_HEAD(hang);
ATF_TC_BODY(hang, tc)
{
	struct session s;

	session_init(&s);
	/* the same console, but QEMU was killed after the hang timeout */
	ATF_CHECK_EQ(feed_log(tc, &s, "truncated.log", 1, BE_HANG), 3);
	check(&s, 2, "SC-SLP-1", V_PASS, NULL);
	check(&s, 2, "SC-CMP-2", V_BROKEN,
	    "hang: no console output for 120 s");
	ATF_CHECK(!s.cases[3].done);
	/* the next boot continues with case 3 */
	ATF_CHECK_EQ(feed_log(tc, &s, "clean.log", 3, BE_EXIT), 0);
	check_complete(&s, 6);
	check(&s, 2, "SC-CMP-2", V_BROKEN, "hang");	/* not overwritten */
	check(&s, 3, "SC-SLP-1", V_FAIL, "vcsw=1");
	check(&s, 6, "SC-CMP-2", V_PASS, NULL);
	session_free(&s);
}

ATF_TC_WITHOUT_HEAD(directives);
ATF_TC_BODY(directives, tc)
{
	struct session s;

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "directives.log", 1, BE_EXIT), 0);
	check_complete(&s, 3);
	check(&s, 1, "SC-ERR-4", V_SKIP, "unit is writable");
	/* a case the host asked to skip: one line, no subtests */
	check(&s, 2, "-", V_SKIP, "host: known to hang");
	ATF_CHECK_STREQ(s.cases[2].device, "ld0");
	ATF_CHECK_STREQ(s.cases[2].context, "spl");
	/* ERROR: the checker could not judge -> broken */
	check(&s, 3, "SC-CMP-2", V_BROKEN, "could not allocate");
	check(&s, 3, "SC-RES-1", V_PASS, NULL);
	/* announced, never reported */
	check(&s, 3, "SC-CTX-4", V_BROKEN, "not reported");
	session_free(&s);
}

ATF_TC_WITHOUT_HEAD(no_ktap);
ATF_TC_BODY(no_ktap, tc)
{
	struct session s;

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "noktap.log", 1, BE_EXIT), 0);
	ATF_CHECK(s.fatal);
	ATF_CHECK_MSG(strstr(s.error, "never printed \"KTAP version 1\"") !=
	    NULL, "error: %s", s.error);
	ATF_CHECK_MSG(strstr(s.error, "root device:") != NULL,
	    "error does not show the last console lines: %s", s.error);
	ATF_CHECK_MSG(strstr(s.error, "unexpected relocation type 4") !=
	    NULL, "error: %s", s.error);
	session_free(&s);
}

ATF_TC_WITHOUT_HEAD(multi_boot_merge);
ATF_TC_BODY(multi_boot_merge, tc)
{
	struct session s;
	long c[V_FAIL + 1];

	session_init(&s);
	ATF_REQUIRE_EQ(feed_log(tc, &s, "panic-boot1.log", 1, BE_EXIT), 4);
	ATF_REQUIRE_EQ(feed_log(tc, &s, "panic-boot2.log", 4, BE_EXIT), 6);
	ATF_REQUIRE_EQ(feed_log(tc, &s, "panic-boot3.log", 6, BE_EXIT), 0);
	ATF_CHECK(!s.fatal);
	session_finish(&s, "not run");
	check_complete(&s, 6);
	ATF_CHECK_EQ(s.cases[2].boot, 1);
	ATF_CHECK_EQ(s.cases[4].boot, 2);
	ATF_CHECK_EQ(s.cases[6].boot, 3);
	check(&s, 3, "SC-SLP-1", V_FAIL, "assert_sleepable");
	check(&s, 5, "SC-CTX-3", V_FAIL, "panic: trap");
	check(&s, 6, "SC-SLP-1", V_FAIL, "vcsw=1");
	session_counts(&s, c);
	ATF_CHECK_EQ(c[V_BROKEN], 0);
	ATF_CHECK_EQ(c[V_PASS] + c[V_FAIL] + c[V_SKIP], 21);
	session_free(&s);

	/* A boot that repeats cases already settled does not duplicate or
	   overwrite them. */
	session_init(&s);
	ATF_REQUIRE_EQ(feed_log(tc, &s, "panic-boot1.log", 1, BE_EXIT), 4);
	ATF_REQUIRE_EQ(feed_log(tc, &s, "clean.log", 4, BE_EXIT), 0);
	check_complete(&s, 6);
	check(&s, 3, "SC-SLP-1", V_FAIL, "panic: assert_sleepable");
	check(&s, 3, "SC-CMP-2", V_SKIP, NULL);
	session_free(&s);
}

static struct row
mkrow(const char *dev, const char *ctx, const char *op, const char *cl,
    enum verdict v, const char *detail)
{
	struct row r;

	r.num = 0;
	r.device = xstrdup(dev);
	r.context = xstrdup(ctx);
	r.op = xstrdup(op);
	r.clause = xstrdup(cl);
	r.v = v;
	r.detail = xstrdup(detail);
	return r;
}

static const struct mrow *
cell(const struct mrow *m, size_t n, const char *dev, const char *ctx,
    const char *cl)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(m[i].device, dev) == 0 &&
		    strcmp(m[i].context, ctx) == 0 &&
		    strcmp(m[i].clause, cl) == 0)
			return &m[i];
	atf_tc_fail("no matrix row %s %s %s", dev, ctx, cl);
	return NULL;
}

ATF_TC_WITHOUT_HEAD(aggregation);
ATF_TC_BODY(aggregation, tc)
{
	struct row r[8];
	struct kdevice d = { "wd0", "wd0 at atabus0 drive 0", NULL, NULL };
	struct mrow *m;
	struct tally t;
	const struct mrow *x;
	size_t n;

	(void)tc;
	r[0] = mkrow("wd0", "thread", "read", "SC-SLP-1", V_PASS, "vcsw=0");
	r[1] = mkrow("wd0", "thread", "write", "SC-SLP-1", V_FAIL, "vcsw=2");
	r[2] = mkrow("wd0", "thread", "burst", "SC-SLP-1", V_BROKEN, "hang");
	r[3] = mkrow("wd0", "spl", "read", "SC-CMP-2", V_SKIP, "n/a");
	r[4] = mkrow("wd0", "spl", "write", "SC-CMP-2", V_PASS, "ok");
	r[5] = mkrow("wd0", "spl", "burst", "SC-CMP-2", V_BROKEN, "hang");
	r[6] = mkrow("wd0", "callout", "read", "SC-CMP-2", V_SKIP, "n/a");
	r[7] = mkrow("wd0", "callout", "zero", "SC-CMP-2", V_PASS, "fine");
	n = matrix_build(r, 8, &d, 1, &m);
	ATF_REQUIRE_EQ(n, 3);
	x = cell(m, n, "wd0", "thread", "SC-SLP-1");
	ATF_CHECK_EQ(x->v, V_FAIL);		/* fail > broken > pass */
	ATF_CHECK_STREQ(x->detail, "write: vcsw=2");
	ATF_CHECK_STREQ(x->attach, "wd0 at atabus0 drive 0");
	x = cell(m, n, "wd0", "spl", "SC-CMP-2");
	ATF_CHECK_EQ(x->v, V_BROKEN);		/* broken > pass > skip */
	ATF_CHECK_STREQ(x->detail, "burst: hang");
	x = cell(m, n, "wd0", "callout", "SC-CMP-2");
	ATF_CHECK_EQ(x->v, V_PASS);		/* pass > skip */
	ATF_CHECK_STREQ(x->detail, "zero: fine");
	matrix_apply(NULL, m, n, &t);
	ATF_CHECK_EQ(t.fail, 1);
	ATF_CHECK_EQ(t.broken, 1);
	ATF_CHECK_EQ(t.pass, 1);
	ATF_CHECK_EQ(t.unexpected_fail, 1);
	matrix_free(m, n);
	rows_free(NULL, 0);
	for (n = 0; n < 8; n++) {
		free(r[n].device); free(r[n].context); free(r[n].op);
		free(r[n].clause); free(r[n].detail);
	}
}

ATF_TC_WITHOUT_HEAD(expectations);
ATF_TC_BODY(expectations, tc)
{
	struct session s;
	struct expects x;
	struct row *rows;
	struct mrow *m;
	struct tally t;
	const struct mrow *c;
	char err[512];
	size_t nr, nm;

	write_text("exp.tsv",
	    "# reference pseudo-disks\n"
	    "device\tcontext\tclause\tkernels\texpected\tnote\n"
	    "\n"
	    "ref-sleep\t*\tSC-SLP-1\t*\tfail\treference: sleeps\n"
	    "ref-sleep\thardintr\tSC-CTX-5\t*\tfail\tPR kern/34293\n"
	    "ref-sleep\thardintr\tSC-SLP-2\t*\tfail\twrongly expected\n");
	ATF_REQUIRE_MSG(expects_load("exp.tsv", &x, err, sizeof(err)) == 0,
	    "%s", err);
	ATF_REQUIRE_EQ(x.n, 3);
	ATF_CHECK_EQ(expects_lookup(&x, "ref-sleep", "callout", "SC-SLP-1",
	    NULL), V_FAIL);
	ATF_CHECK_EQ(expects_lookup(&x, "wd0", "thread", "SC-SLP-1", NULL),
	    V_PASS);

	session_init(&s);
	ATF_REQUIRE_EQ(feed_log(tc, &s, "clean.log", 1, BE_EXIT), 0);
	nr = session_rows(&s, &rows);
	nm = matrix_build(rows, nr, s.devs, s.ndevs, &m);
	matrix_apply(&x, m, nm, &t);
	c = cell(m, nm, "ref-sleep", "thread", "SC-SLP-1");
	ATF_CHECK_EQ(c->v, V_XFAIL);
	ATF_CHECK_EQ(c->regression, RG_NONE);
	ATF_CHECK(strstr(c->detail, "reference: sleeps") != NULL);
	c = cell(m, nm, "ref-sleep", "hardintr", "SC-CTX-5");
	ATF_CHECK_EQ(c->v, V_XFAIL);
	ATF_CHECK(strstr(c->detail, "PR kern/34293") != NULL);
	c = cell(m, nm, "ref-sleep", "hardintr", "SC-SLP-2");
	ATF_CHECK_EQ(c->v, V_PASS);
	ATF_CHECK_EQ(c->regression, RG_UNEXPECTED_PASS);
	ATF_CHECK(strstr(c->detail, "unexpected pass") != NULL);
	ATF_CHECK_STREQ(cell(m, nm, "ref-sleep", "thread", "SC-SLP-1")->attach,
	    "pseudo-disk (reference, sleeps)");
	ATF_CHECK_EQ(t.xfail, 3);
	ATF_CHECK_EQ(t.fail, 0);
	ATF_CHECK_EQ(t.unexpected_fail, 0);
	ATF_CHECK_EQ(t.unexpected_pass, 1);
	matrix_free(m, nm);
	rows_free(rows, nr);
	expects_free(&x);
	session_free(&s);

	/* a bad expected verdict is refused with the line number */
	write_text("bad.tsv", "# x\nwd0\tthread\tSC-SLP-1\t*\tmaybe\tnote\n");
	ATF_CHECK(expects_load("bad.tsv", &x, err, sizeof(err)) == -1);
	ATF_CHECK_MSG(strstr(err, "bad.tsv:2") != NULL, "%s", err);
	write_text("short.tsv", "wd0\tthread\n");
	ATF_CHECK(expects_load("short.tsv", &x, err, sizeof(err)) == -1);
	/* the old five-column form has no kernels: refused, not misread */
	write_text("old.tsv", "wd0\tthread\tSC-SLP-1\tfail\tnote\n");
	ATF_CHECK(expects_load("old.tsv", &x, err, sizeof(err)) == -1);
	ATF_CHECK_MSG(strstr(err, "kernels \"fail\"") != NULL, "%s", err);
}

/* An expectation holds for the kernels its line names, no others. */
ATF_TC_WITHOUT_HEAD(expectations_by_kernel);
ATF_TC_BODY(expectations_by_kernel, tc)
{
	struct expects x;
	char err[512], buf[32];

	ATF_CHECK_EQ(version_of("10.99.12"), 1099001200);
	ATF_CHECK_EQ(version_of("7.99.4"), 799000400);
	ATF_CHECK_EQ(version_of("10.0"), 1000000000);
	ATF_CHECK_EQ(version_of("799000400"), 799000400);
	ATF_CHECK_EQ(version_of("ten"), -1);
	ATF_CHECK_EQ(version_of("7.99.4.1"), -1);
	ATF_CHECK_STREQ(release_of(1099001200, buf, sizeof(buf)), "10.99.12");
	ATF_CHECK_STREQ(release_of(799000400, buf, sizeof(buf)), "7.99.4");
	ATF_CHECK_EQ(kernels_match("*", 799000400), 1);
	ATF_CHECK_EQ(kernels_match("7.99.4", 799000400), 1);
	ATF_CHECK_EQ(kernels_match("7.99.4", 1099001200), 0);
	ATF_CHECK_EQ(kernels_match("10.99.0-", 1099001200), 1);
	ATF_CHECK_EQ(kernels_match("10.99.0-", 799000400), 0);
	ATF_CHECK_EQ(kernels_match("-9.99.99", 799000400), 1);
	ATF_CHECK_EQ(kernels_match("7.0-7.99.99,10.99.12", 1099001200), 1);
	ATF_CHECK_EQ(kernels_match("8.0-7.0", 799000400), -1);
	ATF_CHECK_EQ(kernels_match("7.99.4,", 799000400), -1);

	write_text("k.tsv",
	    "vnd\t*\tSC-SLP-1\t-9.99.99\tfail\told vnd\n"
	    "vnd\t*\tSC-SLP-1\t10.99.0-\tskip\tnew vnd\n");
	memset(&x, 0, sizeof(x));
	x.kversion = 799000400;
	ATF_REQUIRE_MSG(expects_load("k.tsv", &x, err, sizeof(err)) == 0,
	    "%s", err);
	ATF_CHECK_EQ(expects_lookup(&x, "vnd0", "thread", "SC-SLP-1", NULL),
	    V_PASS);
	ATF_CHECK_EQ(expects_lookup(&x, "vnd", "thread", "SC-SLP-1", NULL),
	    V_FAIL);
	x.kversion = 1099001200;
	ATF_CHECK_EQ(expects_lookup(&x, "vnd", "thread", "SC-SLP-1", NULL),
	    V_SKIP);
	/* an unknown kernel takes only the lines for every kernel */
	x.kversion = 0;
	ATF_CHECK_EQ(expects_lookup(&x, "vnd", "thread", "SC-SLP-1", NULL),
	    V_PASS);
	expects_free(&x);
	write_text("badk.tsv", "vnd\t*\tSC-SLP-1\tcurrent\tfail\n");
	ATF_CHECK(expects_load("badk.tsv", &x, err, sizeof(err)) == -1);
	ATF_CHECK_MSG(strstr(err, "badk.tsv:1") != NULL, "%s", err);
}

ATF_TC_WITHOUT_HEAD(fixture_parses);
ATF_TC_BODY(fixture_parses, tc)
{
	struct expects x;
	char err[512];
	char *path = xasprintf("%s/../fixtures/expected.tsv",
	    atf_tc_get_config_var(tc, "srcdir"));

	ATF_CHECK_MSG(expects_load(path, &x, err, sizeof(err)) == 0, "%s",
	    err);
	expects_free(&x);
	free(path);
}

/*
 * A 7.99.4 boot whose mfi(4) never completes the first INQUIRY on QEMU's
 * megasas: scsibus0 at mfi0 attached nothing, the buses after it had no
 * turn, and the kernel says nothing more.  session_pending_bus() names
 * it from the attach lines alone, before any hang timeout; a bus with a
 * disk, or one followed by a bus with a disk, is not stuck.
 */
/*
 * The stuck mfi0 blocks the row on it and no other: megasas-gen2 is
 * mfi1 (buses that share a controller driver are its units in profile
 * order), and the next machine tries it.
 */
ATF_TC_WITHOUT_HEAD(blocked_instance);
ATF_TC_BODY(blocked_instance, tc)
{
	struct session s;
	struct profile p;
	char err[256], why[512];
	int blocked[4];
	FILE *f;

	ATF_REQUIRE((f = fopen("mfi.profile", "w")) != NULL);
	fputs("name=mfi\ndisk=lsi53c810:64M\ndisk=megasas:64M\n"
	    "disk=megasas-gen2:64M\ndisk=nvme:64M\n", f);
	fclose(f);
	ATF_REQUIRE_EQ_MSG(profile_load("mfi.profile", &p, err, sizeof(err)),
	    0, "%s", err);
	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "megasas-autoconf.log", 1, BE_HANG), 0);
	ATF_CHECK_EQ(profile_rows_blocked(&p, &s, blocked, why, sizeof(why)),
	    1);
	ATF_CHECK(!blocked[0] && blocked[1] && !blocked[2] && !blocked[3]);
	ATF_CHECK_MSG(strstr(why, "scsibus0<mfi0") != NULL, "%s", why);
	session_free(&s);
	profile_free(&p);
}

ATF_TC_WITHOUT_HEAD(autoconf_pending_bus);
ATF_TC_BODY(autoconf_pending_bus, tc)
{
	struct session s;

	session_init(&s);
	ATF_CHECK_EQ(feed_log(tc, &s, "megasas-autoconf.log", 1, BE_HANG), 0);
	ATF_CHECK_STREQ(s.blocker, "scsibus0");
	ATF_CHECK_MSG(strstr(s.stuck_line, "scsibus0 attached nothing") !=
	    NULL, "stuck line: %s", s.stuck_line);
	session_free(&s);

	session_init(&s);
	session_boot_begin(&s, 1);
	session_feed(&s, "scsibus0 at mfi0: 64 targets, 8 luns per target");
	ATF_CHECK_STREQ(session_pending_bus(&s), "scsibus0 mfi0");
	session_feed(&s, "scsibus1 at vioscsi0: 1 target, 1 lun per target");
	ATF_CHECK_STREQ(session_pending_bus(&s), "scsibus0 mfi0");
	session_feed(&s, "sd0 at scsibus1 target 0 lun 0: <QEMU, QEMU "
	    "HARDDISK, 2.5+> disk fixed");
	ATF_CHECK(session_pending_bus(&s) == NULL);
	session_feed(&s, "scsibus2 at umass0: 2 targets, 1 lun per target");
	ATF_CHECK_STREQ(session_pending_bus(&s), "scsibus2 umass0");
	session_feed(&s, "KTAP version 1");
	ATF_CHECK(session_pending_bus(&s) == NULL);
	session_free(&s);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, autoconf_pending_bus);
	ATF_TP_ADD_TC(tp, blocked_instance);
	ATF_TP_ADD_TC(tp, line_parse);
	ATF_TP_ADD_TC(tp, panic_table);
	ATF_TP_ADD_TC(tp, clean_run);
	ATF_TP_ADD_TC(tp, panic_mid_case);
	ATF_TP_ADD_TC(tp, panic_on_panic_clause);
	ATF_TP_ADD_TC(tp, lab_panic_backtrace);
	ATF_TP_ADD_TC(tp, panic_clause_list);
	ATF_TP_ADD_TC(tp, lab_restart_request);
	ATF_TP_ADD_TC(tp, panic_elsewhere);
	ATF_TP_ADD_TC(tp, panic_outside_case);
	ATF_TP_ADD_TC(tp, truncated);
	ATF_TP_ADD_TC(tp, hang);
	ATF_TP_ADD_TC(tp, no_ktap);
	ATF_TP_ADD_TC(tp, directives);
	ATF_TP_ADD_TC(tp, multi_boot_merge);
	ATF_TP_ADD_TC(tp, aggregation);
	ATF_TP_ADD_TC(tp, expectations);
	ATF_TP_ADD_TC(tp, expectations_by_kernel);
	ATF_TP_ADD_TC(tp, fixture_parses);
	return atf_no_error();
}
