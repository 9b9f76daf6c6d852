/*
 * strategy_checker: the judge.  From the observations of one case to one
 * verdict per clause of spec/strategy-contract.md.  Pure: no kernel calls,
 * so that conformance/tests/judge_test.c runs the same code on the host.
 */

#ifdef _KERNEL
#include <sys/param.h>
#include <sys/systm.h>
#else
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#endif

#include "sc_judge.h"

/* Clause ids, as in spec/strategy-contract.md. */
#define SC_CTX_1	"SC-CTX-1"
#define SC_CTX_2	"SC-CTX-2"
#define SC_CTX_3	"SC-CTX-3"
#define SC_CTX_4	"SC-CTX-4"
#define SC_CTX_5	"SC-CTX-5"
#define SC_CTX_6	"SC-CTX-6"
#define SC_SLP_1	"SC-SLP-1"
#define SC_SLP_2	"SC-SLP-2"
#define SC_SLP_3	"SC-SLP-3"
#define SC_CMP_1	"SC-CMP-1"
#define SC_CMP_2	"SC-CMP-2"
#define SC_CMP_3	"SC-CMP-3"
#define SC_CMP_4	"SC-CMP-4"
#define SC_CMP_5	"SC-CMP-5"
#define SC_DKS_1	"SC-DKS-1"
#define SC_DKS_2	"SC-DKS-2"
#define SC_DKS_4	"SC-DKS-4"
#define SC_ERR_1	"SC-ERR-1"
#define SC_ERR_2	"SC-ERR-2"
#define SC_ERR_3	"SC-ERR-3"
#define SC_ERR_4	"SC-ERR-4"
#define SC_ERR_5	"SC-ERR-5"
#define SC_RES_1	"SC-RES-1"
#define SC_ADV_1	"SC-ADV-1"
#define SC_ADV_2	"SC-ADV-2"

const char *const sc_ctx_names[SC_NCTX] = {
	[SC_CTX_THREAD] = "thread",
	[SC_CTX_SPL] = "spl",
	[SC_CTX_SOFTINT] = "softint",
	[SC_CTX_CALLOUT] = "callout",
	[SC_CTX_HARDINTR] = "hardintr",
	[SC_CTX_HARDINTR_KLOCK] = "hardintr-klock",
};

const char *const sc_op_names[SC_NOP] = {
	[SC_OP_READ] = "read",
	[SC_OP_WRITE] = "write",
	[SC_OP_EOM_AT] = "eom-at",
	[SC_OP_EOM_PAST] = "eom-past",
	[SC_OP_EOM_CROSS] = "eom-cross",
	[SC_OP_PARTIAL] = "partial",
	[SC_OP_ZERO] = "zero",
	[SC_OP_RDONLY] = "rdonly",
	[SC_OP_UNCONF] = "unconf",
	[SC_OP_NOUNIT] = "nounit",
	[SC_OP_BURST] = "burst",
};

/* The clause that says "callable in this context". */
static const char *const ctx_clause[SC_NCTX] = {
	[SC_CTX_THREAD] = SC_CTX_1,
	[SC_CTX_SPL] = SC_CTX_2,
	[SC_CTX_SOFTINT] = SC_CTX_3,
	[SC_CTX_CALLOUT] = SC_CTX_4,
	[SC_CTX_HARDINTR] = SC_CTX_5,
	[SC_CTX_HARDINTR_KLOCK] = SC_CTX_5,
};

/* The clause an operation exists to judge. */
static const char *const op_clause[SC_NOP] = {
	[SC_OP_READ] = SC_CMP_4,
	[SC_OP_WRITE] = SC_CMP_4,
	[SC_OP_EOM_AT] = SC_ERR_1,
	[SC_OP_EOM_PAST] = SC_ERR_1,
	[SC_OP_EOM_CROSS] = SC_ERR_1,
	[SC_OP_PARTIAL] = SC_ERR_2,
	[SC_OP_ZERO] = SC_ERR_3,
	[SC_OP_RDONLY] = SC_ERR_4,
	[SC_OP_UNCONF] = SC_ERR_5,
	[SC_OP_NOUNIT] = SC_ADV_2,
	[SC_OP_BURST] = SC_RES_1,
};

/* Judged by every case, before the operation's and the context's own. */
static const char *const common_clauses[] = {
	SC_SLP_1, SC_SLP_2, SC_SLP_3, SC_CTX_6,
	SC_CMP_1, SC_CMP_2, SC_CMP_3, SC_CMP_5, SC_ADV_1,
};
#define NCOMMON	(sizeof(common_clauses) / sizeof(common_clauses[0]))

/* Advisory clauses never make a context fail (spec: Level advisory). */
static bool
advisory(const char *clause)
{

	return strcmp(clause, SC_ADV_1) == 0 || strcmp(clause, SC_ADV_2) == 0;
}

const char *
sc_op_clause(enum sc_op op)
{

	return op_clause[op];
}

const char *
sc_ctx_clause(enum sc_ctx ctx)
{

	return ctx_clause[ctx];
}

int
sc_case_clauses(enum sc_ctx ctx, enum sc_op op, bool dks, const char **v,
    int max)
{
	int n = 0;
	unsigned i;

	for (i = 0; i < NCOMMON && n < max; i++)
		v[n++] = common_clauses[i];
	if (dks && n + 3 <= max) {
		v[n++] = SC_DKS_1;
		v[n++] = SC_DKS_2;
		v[n++] = SC_DKS_4;
	}
	if (n < max)
		v[n++] = op_clause[op];
	if (n < max)
		v[n++] = ctx_clause[ctx];
	return n;
}

bool
sc_op_applies(enum sc_ctx ctx, enum sc_op op)
{

	/* A burst is the interrupt-context load case. */
	if (op == SC_OP_BURST)
		return ctx == SC_CTX_SOFTINT || ctx == SC_CTX_HARDINTR;
	return true;
}

/*
 * The contexts of the hardint-safe level, where any adaptive lock fails
 * SC-SLP-2.  (splbio() alone is not one: a thread at IPL_BIO may block.)
 */
static bool
hardint_level(enum sc_ctx ctx)
{

	return ctx == SC_CTX_HARDINTR || ctx == SC_CTX_HARDINTR_KLOCK;
}

uint64_t
sc_busy_us(const struct sc_obs *ob, int nio)
{
	uint64_t busy = nio == 1 ? ob->ob_us : ob->ob_maxcall_us;

	/* Both over-estimate the time on the CPU, never under: the wall
	   time less what the watcher saw blocked (it may see a block
	   late), and the LWP's own run time (see sc_obs). */
	busy = busy > ob->ob_blocked_us ? busy - ob->ob_blocked_us : 0;
	if (ob->ob_oncpu_known && ob->ob_oncpu_us < busy)
		busy = ob->ob_oncpu_us;
	return busy;
}

static void
#ifdef _KERNEL
__printflike(4, 5)
#else
__attribute__((__format__(__printf__, 4, 5)))
#endif
set(struct sc_result *r, const char *clause, enum sc_verdict v,
    const char *fmt, ...)
{
	va_list ap;

	r->r_clause = clause;
	r->r_v = v;
	va_start(ap, fmt);
	vsnprintf(r->r_detail, sizeof(r->r_detail), fmt, ap);
	va_end(ap);
}

/* Appends ",s" (or "s") to buf, as far as it fits. */
static void
append(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	if (n + 1 < len)
		snprintf(buf + n, len - n, "%s%s", n > 0 ? "," : "", s);
}

#define ULL(x)	((unsigned long long)(x))

/* The judgement of the operation's own clause, from its first buf. */
static void
judge_op(const struct sc_jin *in, struct sc_result *r)
{
	const struct sc_obs *ob = in->obs;
	const struct sc_ioobs *io = &in->io[0];
	const char *cl = op_clause[in->op];
	int moved, want, i, done;

	if (in->op == SC_OP_BURST) {
		for (i = done = 0; i < in->nio; i++)
			if (in->io[i].ndone > 0)
				done++;
		if (!ob->ob_returned)
			set(r, cl, SCV_FAIL, "burst of %d: strategy did not "
			    "return", in->nio);
		else if (ob->ob_nsleep > 0 ||
		    ob->ob_vcsw > ob->ob_nlock + ob->ob_npreempt)
			set(r, cl, SCV_FAIL, "burst of %d: slept (vcsw=%llu "
			    "wmesg=%s)", in->nio, ULL(ob->ob_vcsw),
			    ob->ob_wmesg[0] ? ob->ob_wmesg : "-");
		else
			set(r, cl, SCV_PASS, "burst of %d: no call waited; "
			    "%d completed (SC-CMP-2); longest call %llu us",
			    in->nio, done, ULL(ob->ob_maxcall_us));
		return;
	}
	if (in->nio < 1 || io->ndone == 0) {
		set(r, cl, SCV_SKIP, "not observed: the buf never completed");
		return;
	}
	moved = io->bcount_done - io->resid;
#define ERRFMT "b_error=%d b_resid=%d b_bcount=%d"
#define ERRARGS io->error, io->resid, io->bcount_done
	switch (in->op) {
	case SC_OP_READ:
	case SC_OP_WRITE:
		if (in->aux_error != 0)
			set(r, cl, SCV_SKIP, "not observed: the checker's own "
			    "%s failed, error %d", in->op == SC_OP_READ ?
			    "set-up I/O" : "read-back", in->aux_error);
		else if (io->error != 0 || io->resid != 0)
			set(r, cl, SCV_FAIL, ERRFMT, ERRARGS);
		else if (!in->data_ok)
			set(r, cl, SCV_FAIL, "data %s differ", in->op ==
			    SC_OP_READ ? "read" : "read back");
		else
			set(r, cl, SCV_PASS, ERRFMT " data intact", ERRARGS);
		break;
	case SC_OP_EOM_AT:
		if (io->error == 0 && io->resid == io->bcount_done)
			set(r, cl, SCV_PASS, "EOF: " ERRFMT, ERRARGS);
		else
			set(r, cl, SCV_FAIL, "at the end: want b_error=0 "
			    "b_resid=b_bcount, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_EOM_PAST:
		if (io->error == SC_EINVAL && io->resid == io->bcount_done)
			set(r, cl, SCV_PASS, "EINVAL: " ERRFMT, ERRARGS);
		else
			set(r, cl, SCV_FAIL, "past the end: want EINVAL and "
			    "nothing transferred, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_EOM_CROSS:
		/* Eight sectors from four before the end: four inside. */
		want = 4 * (int)in->secsize;
		if (io->error == 0 && moved == want)
			set(r, cl, SCV_PASS, "truncated to %d bytes: " ERRFMT,
			    moved, ERRARGS);
		else
			set(r, cl, SCV_FAIL, "across the end: want %d bytes "
			    "moved, got %d (" ERRFMT ")", want, moved,
			    ERRARGS);
		break;
	case SC_OP_PARTIAL:
		if (io->error == SC_EINVAL && io->resid == io->bcount_done)
			set(r, cl, SCV_PASS, "EINVAL: " ERRFMT, ERRARGS);
		else
			set(r, cl, SCV_FAIL, "part of a sector: want EINVAL "
			    "and nothing transferred, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_ZERO:
		if (io->error == 0 && io->resid == 0)
			set(r, cl, SCV_PASS, ERRFMT, ERRARGS);
		else
			set(r, cl, SCV_FAIL, "zero length: want b_error=0 "
			    "b_resid=0, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_RDONLY:
		if (in->aux_error != 0)
			set(r, cl, SCV_SKIP, "not observed: the checker's own "
			    "set-up I/O failed, error %d", in->aux_error);
		else if ((io->error == SC_EROFS || io->error == SC_EACCES) &&
		    in->data_ok)
			set(r, cl, SCV_PASS, ERRFMT " data unchanged", ERRARGS);
		else
			set(r, cl, SCV_FAIL, "write to a read-only unit: want"
			    " EROFS or EACCES and no change, got " ERRFMT
			    "%s", ERRARGS, in->data_ok ? "" : " data changed");
		break;
	case SC_OP_UNCONF:
		if (io->error == SC_ENXIO && io->resid == io->bcount_done)
			set(r, cl, SCV_PASS, "ENXIO: " ERRFMT, ERRARGS);
		else
			set(r, cl, SCV_FAIL, "unconfigured unit: want ENXIO "
			    "and nothing transferred, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_NOUNIT:
		if (io->error == SC_ENXIO)
			set(r, cl, SCV_PASS, "ENXIO: " ERRFMT, ERRARGS);
		else
			set(r, cl, SCV_FAIL, "absent unit: want ENXIO, got "
			    ERRFMT, ERRARGS);
		break;
	default:
		break;
	}
#undef ERRFMT
#undef ERRARGS
}

/*
 * SC-DKS-4: the calls of d_diskstart from the driver's completion in a
 * hard interrupt.  One that gave up the CPU there fails; a lock or sleep
 * the kernel catches first (LOCKDEBUG, DIAGNOSTIC) panics, and the host
 * reads the panic.  A call inline in a hard-interrupt case is the strategy
 * routine's own hard-interrupt context, which SC-CTX-5 and SC-SLP-2 judge
 * at the hardint-safe level: counted in the detail, never deciding.  No
 * call from a completion: the clause was not exercised.
 */
static void
judge_dks_hard(const struct sc_jin *in, unsigned calls, struct sc_result *r)
{
	unsigned hard = 0, inl = 0, switched = 0, done;
	int i;

	for (i = 0; i < in->nio; i++) {
		hard += in->io[i].dks_hard;
		inl += in->io[i].dks_hard_inline;
		switched += in->io[i].dks_hard_switched;
	}
	done = hard - inl;
	if (done == 0)
		set(r, SC_DKS_4, SCV_SKIP, "not observed: d_diskstart ran %u "
		    "time(s) for this case, %u inline in a hard-interrupt "
		    "case (SC-CTX-5's), none from the driver's completion in "
		    "a hard interrupt", calls, inl);
	else if (switched > 0)
		set(r, SC_DKS_4, SCV_FAIL, "d_diskstart gave up the CPU in the "
		    "hard interrupt of the driver's completion: %u of %u "
		    "call(s) there (and %u inline in the case's context)",
		    switched, done, inl);
	else
		set(r, SC_DKS_4, SCV_PASS, "%u d_diskstart call(s) from the "
		    "driver's completion in a hard interrupt, none gave up the "
		    "CPU (and %u inline in the case's context)", done, inl);
}

/* d_diskstart of a dksubr(9) disk: SC-DKS-1, SC-DKS-2 and SC-DKS-4. */
static int
judge_dks(const struct sc_jin *in, struct sc_result *res)
{
	unsigned calls = 0, refused = 0, touched = 0;
	int i, last = 0;

	for (i = 0; i < in->nio; i++) {
		calls += in->io[i].dks_calls;
		refused += in->io[i].dks_refused_done;
		touched += in->io[i].dks_deferred_touched;
		if (in->io[i].dks_last_error != 0)
			last = in->io[i].dks_last_error;
	}
	judge_dks_hard(in, calls, &res[2]);
	if (calls == 0) {
		set(&res[0], SC_DKS_1, SCV_SKIP, "not observed: d_diskstart "
		    "was not called for this case");
		set(&res[1], SC_DKS_2, SCV_SKIP, "not observed: d_diskstart "
		    "was not called for this case");
		return 3;
	}
	if (refused > 0)
		set(&res[0], SC_DKS_1, SCV_FAIL, "d_diskstart completed %u "
		    "buf(s) and returned %d for them", refused, last);
	else
		set(&res[0], SC_DKS_1, SCV_PASS, "%u d_diskstart call(s), none "
		    "completed a buf it refused", calls);
	if (touched > 0)
		set(&res[1], SC_DKS_2, SCV_FAIL, "%u buf(s) changed by "
		    "d_diskstart before it returned %d", touched, last);
	else
		set(&res[1], SC_DKS_2, SCV_PASS, "%u d_diskstart call(s), no "
		    "deferred buf changed", calls);
	return 3;
}

int
sc_judge(const struct sc_jin *in, struct sc_result *res)
{
	const struct sc_obs *ob = in->obs;
	char ctxd[80], failed[96];
	uint64_t busy;
	int i, twice = 0, done = 0, touched = 0, spin = 0, n = 0, k;

	snprintf(ctxd, sizeof(ctxd), "cpu_intr_p=%d cpu_softintr_p=%d ipl=%d%s",
	    ob->ob_intr, ob->ob_softintr, ob->ob_ipl_in,
	    ob->ob_ipl_in == in->ipl_bio ? "(IPL_BIO)" : "");
	for (i = 0; i < in->nio; i++) {
		const struct sc_ioobs *io = &in->io[i];

		if (io->ndone > 0)
			done++;
		if (io->ndone > 1)
			twice++;
		if (io->ndone > 0 && io->touched)
			touched++;
		if (io->ndone > 0 && io->done_mtx != 0 && !io->done_intr)
			spin++;
	}

	/*
	 * SC-SLP-1: a turnstile block is voluntary too, and SC-SLP-2's; so
	 * is a kernel preemption on NetBSD 7 (kpreempt() does not count it
	 * as involuntary), which the watcher sees as runnable, not asleep.
	 */
	if (!in->returned)
		set(&res[n++], SC_SLP_1, SCV_FAIL, "still inside strategy "
		    "after %d ms (wmesg %s) %s", in->stuck_ms,
		    ob->ob_wmesg[0] ? ob->ob_wmesg : "-", ctxd);
	else if (ob->ob_nsleep > 0 || (hardint_level(in->ctx) &&
	    (ob->ob_vcsw > ob->ob_nlock + ob->ob_npreempt ||
	    (!ob->ob_watched && ob->ob_vcsw > 0))))
		set(&res[n++], SC_SLP_1, SCV_FAIL, "slept: vcsw=%llu "
		    "ivcsw=%llu sleeps=%u wmesg=%s us=%llu %s",
		    ULL(ob->ob_vcsw), ULL(ob->ob_ivcsw), ob->ob_nsleep,
		    ob->ob_wmesg[0] ? ob->ob_wmesg : "-", ULL(ob->ob_us),
		    ctxd);
	/*
	 * A voluntary switch the watcher saw as nothing (it samples: a
	 * short block can fall between two looks) was a sleep or a block
	 * on an adaptive lock, which the softint-safe level tolerates:
	 * not established either way, never a pass.
	 */
	else if (ob->ob_vcsw > ob->ob_nlock + ob->ob_npreempt ||
	    (!ob->ob_watched && ob->ob_vcsw > 0))
		set(&res[n++], SC_SLP_1, SCV_SKIP, "not established: "
		    "vcsw=%llu, of which the watcher saw %u block(s) on a "
		    "lock and %u preemption(s): a sleep or a lock block it "
		    "did not see us=%llu %s", ULL(ob->ob_vcsw), ob->ob_nlock,
		    ob->ob_npreempt, ULL(ob->ob_us), ctxd);
	else
		set(&res[n++], SC_SLP_1, SCV_PASS, "vcsw=%llu ivcsw=%llu "
		    "locks=%u preempted=%u us=%llu %s", ULL(ob->ob_vcsw),
		    ULL(ob->ob_ivcsw), ob->ob_nlock, ob->ob_npreempt,
		    ULL(ob->ob_us), ctxd);

	/* SC-SLP-2 */
	if (!ob->ob_watched)
		set(&res[n++], SC_SLP_2, SCV_SKIP, "needs a second CPU to "
		    "watch the call");
	else if (ob->ob_nlock > 0 && hardint_level(in->ctx))
		set(&res[n++], SC_SLP_2, SCV_FAIL, "blocked on an adaptive "
		    "lock %u time(s) at hardint-safe level %s", ob->ob_nlock,
		    ctxd);
	else if (ob->ob_nlock > 0)
		set(&res[n++], SC_SLP_2, SCV_PASS, "blocked on an adaptive "
		    "lock %u time(s): tolerated at softint-safe level",
		    ob->ob_nlock);
	else
		set(&res[n++], SC_SLP_2, SCV_PASS, "no adaptive lock blocked");

	/* SC-SLP-3: the caller holds no spin mutex in any context. */
	if (!in->returned)
		set(&res[n++], SC_SLP_3, SCV_SKIP, "not observed: the call "
		    "did not return");
	else if (ob->ob_mtx_in != ob->ob_mtx_out ||
	    ob->ob_ipl_out != ob->ob_ipl_in)
		set(&res[n++], SC_SLP_3, SCV_FAIL, "ipl %d -> %d, spin "
		    "mutexes %d -> %d", ob->ob_ipl_in, ob->ob_ipl_out,
		    -ob->ob_mtx_in, -ob->ob_mtx_out);
	else
		set(&res[n++], SC_SLP_3, SCV_PASS, "ipl %d -> %d, spin "
		    "mutexes %d", ob->ob_ipl_in, ob->ob_ipl_out,
		    -ob->ob_mtx_in);

	/* SC-CTX-6 */
	if (!in->returned)
		set(&res[n++], SC_CTX_6, SCV_SKIP, "not observed: the call "
		    "did not return");
	else if (ob->ob_big_in != ob->ob_big_out)
		set(&res[n++], SC_CTX_6, SCV_FAIL, "kernel lock depth %d -> "
		    "%d (mpsafe=%d)", ob->ob_big_in, ob->ob_big_out,
		    in->mpsafe);
	else
		set(&res[n++], SC_CTX_6, SCV_PASS, "kernel lock depth %d "
		    "unchanged (mpsafe=%d)", ob->ob_big_in, in->mpsafe);

	/* SC-CMP-1 */
	if (done == 0)
		set(&res[n++], SC_CMP_1, SCV_SKIP, "not observed: nothing "
		    "completed");
	else if (twice > 0)
		set(&res[n++], SC_CMP_1, SCV_FAIL, "%d of %d buf(s) "
		    "completed more than once", twice, in->nio);
	else
		set(&res[n++], SC_CMP_1, SCV_PASS, "%d of %d completed once",
		    done, in->nio);

	/* SC-CMP-2 */
	if (!in->returned && done == 0)
		set(&res[n++], SC_CMP_2, SCV_SKIP, "not observed: the call "
		    "did not return");
	else if (!in->all_done)
		set(&res[n++], SC_CMP_2, SCV_FAIL, "%d of %d buf(s) completed"
		    " within %d ms", done, in->nio, in->deadline_ms);
	else
		set(&res[n++], SC_CMP_2, SCV_PASS, "%d completed, first in "
		    "%s context%s", in->nio, in->io[0].done_intr ?
		    "interrupt" : "thread or softint",
		    in->io[0].done_early ? ", before strategy returned" : "");

	/* SC-CMP-3 */
	if (done == 0)
		set(&res[n++], SC_CMP_3, SCV_SKIP, "not observed: nothing "
		    "completed");
	else if (touched > 0)
		set(&res[n++], SC_CMP_3, SCV_FAIL, "%d buf(s) changed after "
		    "biodone", touched);
	else
		set(&res[n++], SC_CMP_3, SCV_PASS, "no buf touched after "
		    "biodone");

	/* SC-CMP-5: b_iodone under the driver's spin mutex. */
	if (done == 0)
		set(&res[n++], SC_CMP_5, SCV_SKIP, "not observed: nothing "
		    "completed");
	else if (spin > 0)
		set(&res[n++], SC_CMP_5, SCV_FAIL, "%d of %d completion(s) ran "
		    "with %d spin mutex(es) held outside a hard interrupt",
		    spin, done, -in->io[0].done_mtx);
	else
		set(&res[n++], SC_CMP_5, SCV_PASS, "%d completion(s), no spin "
		    "mutex held", done);

	/* SC-ADV-1: time on the CPU inside one call. */
	busy = sc_busy_us(ob, in->nio);
	if (!in->returned)
		set(&res[n++], SC_ADV_1, SCV_SKIP, "not observed: the call "
		    "did not return");
	else if (!ob->ob_watched && ob->ob_vcsw > 0)
		set(&res[n++], SC_ADV_1, SCV_SKIP, "the call blocked and no "
		    "second CPU measured for how long");
	else if (busy > (uint64_t)in->adv_us &&
	    in->busy_again <= (uint64_t)in->adv_us)
		set(&res[n++], SC_ADV_1, SCV_PASS, "%llu us on the CPU, but "
		    "%llu us for the same request again: a stall of the "
		    "machine, not of the driver", ULL(busy),
		    ULL(in->busy_again));
	else if (busy > (uint64_t)in->adv_us)
		set(&res[n++], SC_ADV_1, SCV_FAIL, "%llu us on the CPU inside"
		    " strategy, %llu us at best again (limit %d)", ULL(busy),
		    ULL(in->busy_again), in->adv_us);
	else
		set(&res[n++], SC_ADV_1, SCV_PASS, "%llu us on the CPU",
		    ULL(busy));

	if (in->dks)
		n += judge_dks(in, &res[n]);

	judge_op(in, &res[n++]);

	/* The context clause: callable here, all the rest considered. */
	failed[0] = '\0';
	for (k = 0; k < n; k++)
		if (res[k].r_v == SCV_FAIL && !advisory(res[k].r_clause))
			append(failed, sizeof(failed), res[k].r_clause);
	if (failed[0] != '\0')
		set(&res[n++], ctx_clause[in->ctx], SCV_FAIL,
		    "%s: %s failed %s", sc_ctx_names[in->ctx], failed, ctxd);
	else
		set(&res[n++], ctx_clause[in->ctx], SCV_PASS, "%s %s",
		    sc_ctx_names[in->ctx], ctxd);
	return n;
}
