/*
 * panic.c - panic attribution: which clause, and which case, a panic
 * is blamed on.  The console parser (console.c) hands over the panic
 * line and the backtrace as it reads them; here they are read: the
 * clause the panic text names, where in the stack the panic happened,
 * what the watcher saw, and how the case that was running (or the one
 * that had just ended) is settled.  Kept apart so that the policy
 * (conformance/PROTOCOL) is in one place.
 */
#include "session.h"
#include "session_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Panics that name what the driver did, beside the clause the running
 * case exists to judge (its on-panic clause).  The text is the panic
 * line and the backtrace, innermost frame first ("panic: ... < f+0x1 <
 * g+0x2").  The first matching row wins; every needle of a row must
 * occur; a row without a clause means "nothing more than on-panic".
 * Order matters: a fault inside the driver explains whatever the trap
 * handler tripped over next; a turnstile (adaptive lock) explains the
 * sleep queue beneath it.
 */
static const struct {
	const char *needle1, *needle2;
	const char *clause;
} panic_table[] = {
	{ "biodone2 already", NULL, "SC-CMP-1" },
	{ "BO_DONE", NULL, "SC-CMP-1" },
	{ "< trap+", NULL, NULL },
	{ "after a fatal fault", NULL, NULL },
	{ "sleep lock from interrupt", NULL, "SC-SLP-2" },
	/* biodone() under a spin mutex: biodone2 takes b_objlock */
	{ "spin lock held", "< biodone", "SC-CMP-5" },
	/*
	 * Any other adaptive lock taken under the driver's own spin mutex
	 * (no caller of the checker holds one): which lock, LOCKDEBUG's
	 * frame walk often does not say (on 7.99.4 it ends at the lock
	 * call), so nothing more than on-panic.
	 */
	{ "spin lock held", NULL, NULL },
	{ "turnstile_block", NULL, "SC-SLP-2" },
	{ "mutex_vector_enter", NULL, "SC-SLP-2" },
	{ "rw_vector_enter", NULL, "SC-SLP-2" },
	{ "!cpu_intr_p()", "kern_mutex.c", "SC-SLP-2" },
	{ "!cpu_intr_p()", "kern_rwlock.c", "SC-SLP-2" },
	{ "assert_sleepable", NULL, "SC-SLP-1" },
	{ "sleepq", NULL, "SC-SLP-1" },
	{ "mi_switch", NULL, "SC-SLP-1" },
	{ "kpause", NULL, "SC-SLP-1" },
	{ "tsleep", NULL, "SC-SLP-1" },
	{ "cv_wait", NULL, "SC-SLP-1" },
	{ "cv_timedwait", NULL, "SC-SLP-1" },
	{ "sleeping", NULL, "SC-SLP-1" },
};

const char *
panic_clause(const char *text)
{
	size_t i;

	for (i = 0; i < sizeof(panic_table) / sizeof(panic_table[0]); i++)
		if (strstr(text, panic_table[i].needle1) != NULL &&
		    (panic_table[i].needle2 == NULL ||
		    strstr(text, panic_table[i].needle2) != NULL))
			return panic_table[i].clause;
	return NULL;
}

/*
 * "wdstrategy() at netbsd:wdstrategy+0x38" -> "< wdstrategy+0x38" on the
 * panic text; the frames of the panic machinery itself are left out.
 */
void
panic_frame(struct session *s, const char *line)
{
	static const char *const skip[] = {
		"vpanic", "panic", "kern_assert", "lockdebug_abort1",
		"lockdebug_abort", "mutex_abort", "rw_abort",
	};
	const char *at, *colon, *fn;
	size_t i, len, n;

	if ((at = strstr(line, "() at ")) == NULL)
		return;
	for (fn = at; fn > line && (isalnum((unsigned char)fn[-1]) ||
	    fn[-1] == '_' || fn[-1] == '.'); fn--)
		continue;
	n = (size_t)(at - fn);
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strlen(skip[i]) == n && strncmp(fn, skip[i], n) == 0)
			return;
	colon = strchr(at + 6, ':');
	at = colon != NULL ? colon + 1 : at + 6;
	len = strlen(s->panic);
	if (s->nframes++ < 24 && len + 4 < sizeof(s->panic))
		snprintf(s->panic + len, sizeof(s->panic) - len, " < %.*s",
		    (int)strcspn(at, " \r\n"), at);
}

/* "cpu1: Begin traceback..." (a panic's backtrace) or "db{1}> bt" (the
   ddb prompt of a kernel that stops there): the CPU that panicked. */
void
note_panic_cpu(struct session *s, const char *line)
{
	const char *p;

	if (s->panic_cpu != -1)
		return;
	if (strncmp(line, "cpu", 3) == 0 && isdigit((unsigned char)line[3]) &&
	    (p = strchr(line, ':')) != NULL &&
	    strncmp(p, ": Begin traceback", 17) == 0)
		s->panic_cpu = atoi(line + 3);
	else if (strncmp(line, "db{", 3) == 0 && isdigit((unsigned char)line[3]))
		s->panic_cpu = atoi(line + 3);
}

/*
 * Where a panic during a case happened, read from its backtrace
 * (innermost frame first) and the CPU that printed it.  Nothing here
 * races the watcher on the other CPU: its line corroborates, and its
 * absence proves nothing.  That needs whole backtraces, which is why
 * the module keeps the kernel's frame pointers (conformance/kern/
 * Makefile) and the runner reads the console to its end.
 */
enum panic_where {
	PW_CALL,	/* in the call under test: the text names the clause */
	PW_SLEPT,	/* the hard-interrupt case's CPU, in a thread's or a
			   soft interrupt's context with its interrupt depth
			   still raised: the call gave the CPU away inside
			   the interrupt: it slept */
	PW_ELSEWHERE,	/* whole, in another context: a consequence */
	PW_CUT		/* the backtrace did not come out whole */
};

/* Does the backtrace end in a kernel thread's own function? (current's
   ddb stops there, above lwp_trampoline.) */
static int
in_thread(const char *panic)
{
	const char *last = strrchr(panic, '<');
	size_t n, i;

	if (last == NULL)
		return 0;
	n = strcspn(last, "+");
	for (i = 2; i + 6 <= n; i++)
		if (strncasecmp(last + i, "thread", 6) == 0 && i + 6 == n)
			return 1;
	return 0;
}

static int
any_frame(const char *panic, const char *const *frames, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(panic, frames[i]) != NULL)
			return 1;
	return 0;
}

/*
 * A context below a hard interrupt's, from the bottom up: the idle
 * loop, a new LWP, a system call, a kernel thread's function, or a soft
 * interrupt (which runs only once the IPL has come down), with no hard
 * interrupt entry (amd64's Xintr, Xresume, Xrecurse, Xhandle vector
 * stubs) between.  cpu_intr_p() is false there unless a hard interrupt
 * handler below switched away and left its depth raised.
 */
static int
below_hardintr(const char *panic)
{
	static const char *const bottom[] = {
		"< idle_loop+", "< lwp_trampoline+", "< syscall+",
		"< softint_dispatch+", "< Xsoftintr+",
		"< sc_worker_main+",	/* the checker's kernel thread */
	};
	static const char *const hard[] = {
		"< Xintr", "< Xresume", "< Xrecurse", "< Xhandle",
	};

	if (any_frame(panic, hard, sizeof(hard) / sizeof(hard[0])))
		return 0;
	return any_frame(panic, bottom, sizeof(bottom) / sizeof(bottom[0]))
	    || in_thread(panic);
}

/*
 * A frame of the checker's own (sc_*) other than its worker thread's
 * function, sc_worker_main: the worker is where hard-interrupt cases
 * are raised from, the bottom of a kernel thread, not the call under
 * test.  A panic in it with cpu_intr_p() true (current, final run of
 * 2026-12-03: "mutex_enter < sc_worker_main" for ref-sleep in
 * hardintr-klock) means a handler below switched away with its depth
 * raised: below_hardintr, not the call.
 */
static int
checker_call_frame(const char *panic)
{
	const char *p;

	for (p = panic; (p = strstr(p, "< sc_")) != NULL; p += 5)
		if (strncmp(p, "< sc_worker_main+", 17) != 0)
			return 1;
	return 0;
}

/* The kernel asserted that the CPU was in interrupt context. */
static int
intr_asserted(const char *panic)
{
	return strstr(panic, "from interrupt context") != NULL ||
	    strstr(panic, "!cpu_intr_p()") != NULL;
}

/*
 * The checker's d_diskstart wrapper on the panicking stack, called from
 * a hard interrupt's handler rather than from the case's strategy call
 * (below the wrapper, an interrupt entry comes before any bdev_strategy),
 * and the kernel saying the CPU was in interrupt context: d_diskstart
 * slept or took a sleep lock in the hard interrupt of the driver's
 * completion (SC-DKS-4).  Inline in a hard-interrupt case it is the
 * strategy routine's own context, judged like any call there.  The
 * wrapper is there only for calls with the checker's own bufs.
 */
static int
dks_completion_panic(const char *panic)
{
	static const char *const entry[] = {
		"< intr_wrapper+", "< intr_biglock_wrapper+", "< Xintr",
		"< Xresume", "< Xrecurse", "< Xhandle",
	};
	const char *w = strstr(panic, "< sc_dks_diskstart+"), *call, *e;
	size_t i;

	if (w == NULL || !intr_asserted(panic))
		return 0;
	call = strstr(w, "< bdev_strategy+");
	for (i = 0; i < sizeof(entry) / sizeof(entry[0]); i++)
		if ((e = strstr(w, entry[i])) != NULL &&
		    (call == NULL || e < call))
			return 1;
	return 0;
}

static int
hardintr_case(const struct kcase *c)
{
	return c->context != NULL && strncmp(c->context, "hardintr", 8) == 0;
}

/* A frame of a strategy routine ("< wdstrategy+0x38"): the call under
   test, or a disk below it that the call reached. */
static int
strategy_frame(const char *panic)
{
	const char *p, *plus;

	for (p = strstr(panic, "< "); p != NULL; p = strstr(p + 2, "< ")) {
		plus = p + 2 + strcspn(p + 2, "+ ");
		if (plus - (p + 2) >= 8 && strncmp(plus - 8, "strategy", 8)
		    == 0)
			return 1;
	}
	return 0;
}

static enum panic_where
panic_where(const struct session *s, const struct kcase *c)
{
	static const char *const call[] = {
		"< bdev_strategy+", "< sc_ctx_call+", "< spec_strategy+",
		"< strategy_checker_",	/* older checkers' names */
	};
	int whole = s->panic_over && s->nframes > 0 && s->nframes <= 24;

	if (strstr(s->panic, RESTART_PANIC) != NULL ||
	    any_frame(s->panic, call, sizeof(call) / sizeof(call[0])) ||
	    checker_call_frame(s->panic) ||
	    strategy_frame(s->panic))
		return PW_CALL;
	if (!whole)
		return PW_CUT;
	if (hardintr_case(c) && intr_asserted(s->panic) &&
	    below_hardintr(s->panic) && (s->intr_cpu == -1 ||
	    s->panic_cpu == -1 || s->panic_cpu == s->intr_cpu))
		return PW_SLEPT;
	return PW_ELSEWHERE;
}

/* The clause the watcher's evidence names: a sleep, or an adaptive lock
   where the context is at the hardint-safe level. */
static const char *
watch_clause(const struct kcase *c)
{
	if (c->watch == NULL)
		return NULL;
	if (strncmp(c->watch, "sleep", 5) == 0)
		return "SC-SLP-1";
	if (strncmp(c->watch, "adaptive-lock", 13) == 0 &&
	    c->context != NULL && strncmp(c->context, "hardintr", 8) == 0)
		return "SC-SLP-2";
	return NULL;
}

/*
 * What the panic in case c shows of the call under test: the clause it
 * violated, or NULL; *open is set when whether the call slept is left
 * unknown (no evidence either way), so that the clauses about it are
 * not established rather than passed.  The panic text becomes the
 * verdicts' detail, saying how it was read.
 */
static const char *
attribute(struct session *s, const struct kcase *c, const char *cl,
    int *open)
{
	char why[1200];
	enum panic_where where;
	const char *saw = c->watch ? "; the watcher saw " : "";
	const char *what = c->watch ? c->watch : "";

	*open = 0;
	where = panic_where(s, c);
	/* A call that returned (its SC-SLP-1 is out) gave nothing away
	   that it did not get back: the panic came after it. */
	if (where == PW_SLEPT && kcase_result(c, "SC-SLP-1") != NULL)
		where = PW_ELSEWHERE;
	switch (where) {
	case PW_CALL:
		return cl;
	case PW_SLEPT:
		cl = "SC-SLP-1";
		snprintf(why, sizeof(why), "the call slept inside the hard "
		    "interrupt: cpu%d, which ran it, panicked below a hard "
		    "interrupt's context with its interrupt depth still "
		    "raised%s%s: %s",
		    s->panic_cpu, saw, what, s->panic);
		break;
	case PW_CUT:
		cl = watch_clause(c);
		*open = cl == NULL;
		snprintf(why, sizeof(why), "the guest panicked and its "
		    "backtrace did not come out whole, so it names no "
		    "clause%s%s: %s", saw, what, s->panic);
		break;
	case PW_ELSEWHERE:
	default:
		cl = watch_clause(c);
		*open = cl == NULL;
		snprintf(why, sizeof(why), "the guest panicked outside the "
		    "call under test, a consequence of the case%s%s: %s",
		    saw, what, s->panic);
		break;
	}
	snprintf(s->panic, sizeof(s->panic), "%.1000s", why);
	return cl;
}

/* Is clause one that a panic without evidence leaves open in case c:
   whether the call slept, or (in a hard interrupt) took an adaptive
   lock? */
static int
left_open(const struct kcase *c, const char *clause)
{
	return strcmp(clause, "SC-SLP-1") == 0 || (hardintr_case(c) &&
	    strcmp(clause, "SC-SLP-2") == 0);
}

static const char *
open_why(char *buf, size_t len, const char *detail)
{
	snprintf(buf, len, "not established: the guest went down in this "
	    "case with no evidence either way; %s", detail);
	return buf;
}

/*
 * The running case took the guest down: its own clauses (on-panic, a
 * list) fail, and the clause the panic names; announced clauses that
 * were not reported: skip (in announced order), or broken where the
 * panic leaves them open.
 */
static long
blame_running(struct session *s, const char *cl)
{
	struct kcase *c = &s->pending;
	const char *own = c->on_panic, *p;
	char why[1200], one[64];
	int open = 0, dks = 0;
	size_t j, len;
	long n;

	if (dks_completion_panic(s->panic) &&
	    kcase_announced(c, "SC-DKS-4")) {
		/* what the panic names is d_diskstart's, not the
		   call's under test */
		kcase_set(c, "SC-DKS-4", V_FAIL, s->panic);
		cl = NULL;
		dks = 1;
	} else
		cl = attribute(s, c, cl, &open);
	n = c->num;
	if (own == NULL)
		own = c->clauses.n ? c->clauses.v[0] : "-";
	if (dks)
		own = "";	/* the call itself is not at fault */
	for (j = 0; j < c->clauses.n; j++)
		if (comma_list_has(own, c->clauses.v[j]) ||
		    (cl != NULL && strcmp(c->clauses.v[j], cl) == 0))
			kcase_set(c, c->clauses.v[j], V_FAIL, s->panic);
		else if (kcase_result(c, c->clauses.v[j]) != NULL)
			continue;
		else if (open && left_open(c, c->clauses.v[j]))
			kcase_set(c, c->clauses.v[j], V_BROKEN,
			    open_why(why, sizeof(why), s->panic));
		else
			kcase_set(c, c->clauses.v[j], V_SKIP,
			    "not observed: the guest panicked in this case");
	for (p = own; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		snprintf(one, sizeof(one), "%.*s", (int)len, p);
		if (one[0] != '\0')
			kcase_set(c, one, V_FAIL, s->panic);
	}
	if (cl != NULL)
		kcase_set(c, cl, V_FAIL, s->panic);
	session_commit(s, c, n);
	s->in_case = 0;
	session_note_down(s, n);
	return session_next_or_stop(s, n + 1);
}

long
session_settle_panic(struct session *s)
{
	const char *cl = panic_clause(s->panic);
	char why[1200];

	if (s->in_case)
		return blame_running(s, cl);
	if (s->completed > 0 && strstr(s->panic, RESTART_PANIC)) {
		/* the case reported in full; go on after it */
		session_note_down(s, s->last_done);
		return session_next_or_stop(s, s->next);
	}
	if (s->completed > 0) {
		/* after a case's result line: blame that case */
		struct kcase *d = &s->cases[s->last_done];
		char first[64];
		if (cl == NULL && d->on_panic != NULL) {
			snprintf(first, sizeof(first), "%.*s",
			    (int)strcspn(d->on_panic, ","), d->on_panic);
			cl = first;
		}
		if (cl == NULL)
			cl = "-";
		snprintf(why, sizeof(why), "after the case ended: %s",
		    s->panic);
		kcase_set(d, cl, V_FAIL, why);
		return session_next_or_stop(s, s->next);
	}
	snprintf(why, sizeof(why), "panic before the case was "
	    "announced: %s", s->panic);
	session_mark(s, s->next, V_BROKEN, why);
	return session_next_or_stop(s, s->next + 1);
}
