/*
 * strategy_checker: the plan and the cases.  One case is (device,
 * context, operation), numbered in the same order on every boot; the
 * host restarts a boot at a case number and tells which earlier cases
 * took the guest down.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/atomic.h>
#include <sys/buf.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/kmem.h>
#include <sys/proc.h>

#include "sc.h"

CTASSERT(SC_EIO == EIO && SC_ENXIO == ENXIO && SC_ENOMEM == ENOMEM);
CTASSERT(SC_EACCES == EACCES && SC_ENODEV == ENODEV);
CTASSERT(SC_EINVAL == EINVAL && SC_EROFS == EROFS && SC_EAGAIN == EAGAIN);

/*
 * The judge's input from a case: its observations, and what the bufs
 * look like now (a driver that wrote b_error or b_resid after biodone
 * changed the poison sc_iodone left there).
 */
static int
sc_judge_case(struct sc_case *c, bool returned, bool all_done,
    int aux_error, bool data_ok, struct sc_result *res)
{
	static struct sc_ioobs io[SC_MAXBUFS];
	struct sc_jin in;
	int i;

	for (i = 0; i < c->c_nio; i++) {
		const buf_t *bp = c->c_io[i].io_bp;

		io[i] = c->c_io[i].io_o;
		/* A completion still in sc_iodone has not poisoned yet. */
		membar_consumer();
		io[i].touched = io[i].nsettled > 0 &&
		    io[i].nsettled == io[i].ndone &&
		    (bp->b_error != SC_POISON_ERROR ||
		    bp->b_resid != SC_POISON_RESID);
	}
	memset(&in, 0, sizeof(in));
	in.ctx = c->c_ctx;
	in.op = c->c_op;
	in.nio = c->c_nio;
	in.io = io;
	in.obs = &c->c_obs;
	in.returned = returned;
	in.all_done = all_done;
	in.data_ok = data_ok;
	in.aux_error = aux_error;
	in.busy_again = c->c_busy_again;
	in.mpsafe = c->c_dev->d_mpsafe;
	in.dks = c->c_dev->d_dks;
	in.secsize = c->c_dev->d_secsize;
	in.adv_us = sc_args.adv_us;
	in.deadline_ms = sc_args.deadline_ms;
	in.stuck_ms = SC_STUCK_MS;
	in.ipl_bio = IPL_BIO;
	return sc_judge(&in, res);
}

/* A case of the plan: the operation applies, the context is selected. */
/*
 * A case exists where its operation has a unit to act on: rdonly needs
 * a read-only unit, unconf an attached unit that is not configured (a
 * pseudo-disk's), nounit a unit the driver could have (not the
 * drum's).  Without one the clause it judges does not apply to the
 * device in this run (the reports say so), rather than being announced
 * and skipped.
 */
static bool
sc_in_plan(const struct sc_dev *d, enum sc_ctx x, enum sc_op o)
{

	if (o == SC_OP_RDONLY && d->d_rodev == NODEV)
		return false;
	if (o == SC_OP_UNCONF && d->d_unconf == NODEV)
		return false;
	/* The drum has one unit, and swstrategy() ignores the minor. */
	if (o == SC_OP_NOUNIT && d->d_nounit == NODEV)
		return false;
	return sc_op_applies(x, o) &&
	    sc_selected(sc_args.contexts, sc_ctx_names[x]);
}

/* The device and operation of case number num. */
static bool
sc_case_of(int num, int *dev, enum sc_op *op)
{
	int n = 0, i, x, o;

	for (i = 0; i < sc_ndevs; i++)
		for (x = 0; x < SC_NCTX; x++)
			for (o = 0; o < SC_NOP; o++)
				if (sc_in_plan(&sc_devs[i], x, o) && ++n == num) {
					*dev = i;
					*op = o;
					return true;
				}
	return false;
}

/*
 * Cases that took earlier boots down (a panic, a stuck call, a hang)
 * tend to do it again.  The rest of a device and context group that did
 * so twice is skipped; with opstrikes=N, so is an operation that did so
 * in N contexts of the same device.  Case c is the first of its group
 * when it is numbered "group".
 */
static const char *
sc_down_reason(const struct sc_case *c, int group)
{
	const char *p = sc_args.down, *e;
	int n, sameop = 0, dev;
	enum sc_op op;

	if (sc_list_count(sc_args.down, group, c->c_num - 1) >= 2)
		return "two earlier cases of this device and context took "
		    "the guest down";
	while (*p != '\0') {
		n = sc_atol(p, &e);
		if (n < c->c_num && sc_case_of(n, &dev, &op) &&
		    &sc_devs[dev] == c->c_dev && op == c->c_op)
			sameop++;
		if (*e != ',')
			break;
		p = e + 1;
	}
	if (sc_args.opstrikes > 0 && sameop >= sc_args.opstrikes)
		return "this operation took the guest down in other contexts"
		    " (opstrikes)";
	return NULL;
}

/*
 * Of the devices whose absent unit is d's (the units of one driver), the
 * lowest-numbered: unit numbers may race between boots, unit 0 stays.
 */
static const struct sc_dev *
sc_nounit_owner(const struct sc_dev *d)
{
	const struct sc_dev *o = d;
	int i;

	for (i = 0; i < sc_ndevs; i++)
		if (sc_devs[i].d_nounit == d->d_nounit &&
		    minor(sc_devs[i].d_dev) < minor(o->d_dev))
			o = &sc_devs[i];
	return o;
}

static void
sc_run_case(struct sc_case *c, int group)
{
	const struct sc_dev *d = c->c_dev;
	struct sc_result res[SC_MAXCLAUSES];
	/* one case at a time (the runner's thread): off the stack */
	static struct sc_result early[SC_MAXCLAUSES];
	const char *why = NULL, *skip = NULL;
	char dead[96];
	size_t len = (size_t)SC_RWLEN * d->d_secsize;
	int64_t rw = SC_RWBASE + (int64_t)c->c_ctx * 2 * SC_RWLEN;
	uint8_t *want = NULL, *got = NULL;
	bool returned, all_done, data_ok = true, leak = false;
	struct sc_case *again;
	int aux_error = 0, n, i, printed = 0, tries;

	if (sc_list_count(sc_args.skip, c->c_num, c->c_num) > 0) {
		sc_report_skip(c, "host: asked to skip this case");
		return;
	}
	if ((why = sc_down_reason(c, group)) != NULL) {
		sc_report_skip(c, why);
		return;
	}
	if (c->c_op == SC_OP_NOUNIT && sc_nounit_owner(d) != d) {
		/* The same I/O to the same absent unit: judged once. */
		sc_report_skip(c, "judged with the driver's lowest unit");
		return;
	}
	if (!d->d_opened) {
		if (d->d_small) {
			snprintf(dead, sizeof(dead), "the unit reports %lld "
			    "sectors of %u bytes: too small to judge",
			    (long long)d->d_nsectors, d->d_secsize);
			sc_report_skip(c, dead);
		} else {
			snprintf(dead, sizeof(dead), "the unit could not be "
			    "opened: error %d", d->d_open_error);
			sc_report_skip(c, dead);
		}
		return;
	}
	if (!sc_ctx_available(c->c_ctx, &why)) {
		sc_report_skip(c, why);
		return;
	}
	/* (rdonly and unconf without their unit are not in the plan) */
	if (c->c_op == SC_OP_WRITE && d->d_readonly)
		skip = "a read-only unit: its writes are judged by rdonly";

	sc_announce(c);
	want = kmem_alloc(len, KM_SLEEP);
	got = kmem_alloc(len, KM_SLEEP);

	/* Known contents where read, rdonly and write look. */
	if (d->d_readonly) {
		/* Nothing can be written: what is there is the reference. */
		if (c->c_op == SC_OP_READ || c->c_op == SC_OP_RDONLY)
			aux_error = sc_aux_io(d, rw, want, len, true);
	} else if (c->c_op == SC_OP_READ || c->c_op == SC_OP_RDONLY) {
		sc_pattern(want, len, c->c_num + 1000);
		aux_error = sc_aux_io(d, rw, want, len, false);
	}
	if (skip != NULL) {
		/* Judge nothing; report the clauses as not applicable. */
		c->c_nio = 0;
		sc_report_all(c, SCV_SKIP, skip);
		goto out;
	}

	sc_prepare(c);
	sc_ctx_run(c);
	returned = sc_watch(c);
	if (returned) {
		n = sc_judge_case(c, true, false, aux_error, false, early);
		printed = sc_report_returned(c, early, n);
	}
	if (!c->c_obs.ob_ran) {
		/* The context never came: nothing about the driver. */
		snprintf(dead, sizeof(dead), "the %s context did not run "
		    "within %d ms", sc_ctx_names[c->c_ctx], SC_STUCK_MS);
		sc_report_all(c, SCV_ERROR, dead);
		printf("# strategy-checker: restart: context %s is dead\n",
		    sc_ctx_names[c->c_ctx]);
		panic("strategy-checker: restart after case %d", c->c_num);
	}
	all_done = returned && sc_wait_done(c->c_io, c->c_nio,
	    sc_args.deadline_ms);
	/* Give a second biodone, or a late write to the buf, a moment. */
	kpause("scsettle", false, MAX(1, hz / 100), NULL);

	switch (c->c_op) {
	case SC_OP_READ:
		if (aux_error == 0 && c->c_io[0].io_o.ndone > 0)
			data_ok = memcmp(c->c_io[0].io_data, want, len) == 0;
		break;
	case SC_OP_WRITE:
		if (c->c_io[0].io_o.ndone > 0 && c->c_io[0].io_o.error == 0) {
			aux_error = sc_aux_io(d, rw, got, len, true);
			data_ok = aux_error == 0 &&
			    memcmp(got, c->c_io[0].io_data, len) == 0;
		}
		break;
	case SC_OP_RDONLY:
		if (c->c_io[0].io_o.ndone > 0 && aux_error == 0) {
			aux_error = sc_aux_io(d, rw, got, len, true);
			data_ok = aux_error == 0 &&
			    memcmp(got, want, d->d_secsize) == 0;
		}
		break;
	default:
		break;
	}

	/*
	 * Over SC-ADV-1's limit: issue the same request from the same
	 * context again, up to SC_ADV_AGAIN times while it stays over, and
	 * keep the shortest.  A driver that busy-waits does it every time;
	 * an emulator's or a host's stall of the guest CPU does not (the
	 * guest counts the time its CPU's host thread was not running as
	 * the driver's: with more guests than cores, a floppy write that
	 * takes 1.3 ms alone took 39 ms and then 20.2 ms).
	 */
	c->c_busy_again = UINT64_MAX;
	for (tries = 0; returned && tries < SC_ADV_AGAIN &&
	    c->c_busy_again > (uint64_t)sc_args.adv_us &&
	    sc_busy_us(&c->c_obs, c->c_nio) > (uint64_t)sc_args.adv_us &&
	    (c->c_obs.ob_watched || c->c_obs.ob_vcsw == 0); tries++) {
		again = kmem_zalloc(sizeof(*again), KM_SLEEP);
		again->c_num = c->c_num;
		again->c_dev = c->c_dev;
		again->c_ctx = c->c_ctx;
		again->c_op = c->c_op;
		sc_prepare(again);
		sc_ctx_run(again);
		if (!sc_watch(again)) {
			returned = false;	/* stuck now: restart below */
			break;
		}
		c->c_busy_again = MIN(c->c_busy_again,
		    sc_busy_us(&again->c_obs, again->c_nio));
		(void)sc_wait_done(again->c_io, again->c_nio,
		    sc_args.deadline_ms);
		for (i = 0; i < again->c_nio; i++)
			if (!sc_io_release(&again->c_io[i]))
				leak = true;
		if (leak)
			break;		/* the driver holds its bufs */
		kmem_free(again, sizeof(*again));
	}

	n = sc_judge_case(c, returned, all_done, aux_error, data_ok, res);
	/* What was printed stands: the same observations decided it. */
	for (i = 0; i < printed; i++)
		res[i] = early[i];
	sc_report(c, res, n, printed);

	if (!returned) {
		/*
		 * The call is stuck, and with it whatever context made it:
		 * nothing after this case could be trusted.  Ask the host
		 * for a fresh boot that starts after it.
		 */
		printf("# strategy-checker: restart: case %d did not return\n",
		    c->c_num);
		panic("strategy-checker: restart after case %d", c->c_num);
	}
	for (i = 0; i < c->c_nio; i++)
		if (!sc_io_release(&c->c_io[i]))
			leak = true;
	if (leak)
		printf("# case %d: leaving bufs the driver never returned\n",
		    c->c_num);
out:
	kmem_free(want, len);
	kmem_free(got, len);
}

int
sc_plan(void)
{
	int n = 0, i, x, o;

	for (i = 0; i < sc_ndevs; i++)
		for (x = 0; x < SC_NCTX; x++)
			for (o = 0; o < SC_NOP; o++)
				if (sc_in_plan(&sc_devs[i], x, o))
					n++;
	return n;
}


/* Runs every case of the plan from sc_args.first on. */
void
sc_run_all(void)
{
	struct sc_case *c;
	int num, group, i, x, o;

	c = kmem_zalloc(sizeof(*c), KM_SLEEP);
	num = 0;
	for (i = 0; i < sc_ndevs; i++)
		for (x = 0; x < SC_NCTX; x++)
			for (group = num + 1, o = 0; o < SC_NOP; o++) {
				if (!sc_in_plan(&sc_devs[i], x, o))
					continue;
				if (++num < sc_args.first)
					continue;
				memset(c, 0, sizeof(*c));
				c->c_num = num;
				c->c_dev = &sc_devs[i];
				c->c_ctx = x;
				c->c_op = o;
				sc_run_case(c, group);
				/* The driver may still hold bufs of c. */
				if (c->c_nio > 0 && c->c_io[0].io_bp != NULL)
					c = kmem_zalloc(sizeof(*c), KM_SLEEP);
			}
	kmem_free(c, sizeof(*c));
}
