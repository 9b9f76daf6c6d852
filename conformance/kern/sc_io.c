/*
 * strategy_checker: the bufs the checker issues.  Each gets the checker's
 * own b_iodone, which records what the completion looked like; the
 * b_objlock is the one getiobuf() gives every buf (the adaptive
 * buffer_lock), as in any real caller's buf.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/atomic.h>
#include <sys/buf.h>
#include <sys/condvar.h>
#include <sys/conf.h>
#include <sys/cpu.h>
#include <sys/kmem.h>
#include <sys/mutex.h>
#include <sys/proc.h>

#include "sc.h"

/*
 * Tells a checker waiting for its bufs that one has settled.  A spin
 * mutex at IPL_HIGH, since sc_iodone runs wherever the driver calls
 * biodone, whatever it holds; nothing else is taken under it.
 */
static kmutex_t sc_settle_mtx;
static kcondvar_t sc_settle_cv;

void
sc_io_init(void)
{

	mutex_init(&sc_settle_mtx, MUTEX_DEFAULT, IPL_HIGH);
	cv_init(&sc_settle_cv, "scwait");
}

void
sc_io_fini(void)
{

	cv_destroy(&sc_settle_cv);
	mutex_destroy(&sc_settle_mtx);
}

uint64_t
sc_now_us(void)
{
	struct timespec ts;

	nanouptime(&ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * b_iodone of every buf the checker issues.  Records the first
 * completion (with the spin mutexes the CPU holds: SC-CMP-5), then
 * poisons b_error and b_resid (a driver that writes them after biodone
 * is caught) and re-arms itself, so that a second biodone is counted
 * instead of panicking.
 */
void
sc_iodone(buf_t *bp)
{
	struct sc_io *io = bp->b_private;
	struct sc_ioobs *o = &io->io_o;

	if (atomic_inc_uint_nv(&o->ndone) == 1) {
		o->error = bp->b_error;
		o->resid = bp->b_resid;
		o->bcount_done = bp->b_bcount;
		o->done_mtx = curcpu()->ci_mtx_count;
		o->done_intr = cpu_intr_p();
		o->done_early = io->io_case != NULL &&
		    io->io_case->c_issuing;
	}
	bp->b_error = SC_POISON_ERROR;
	bp->b_resid = SC_POISON_RESID;
	bp->b_oflags &= ~BO_DONE;
	bp->b_iodone = sc_iodone;
	/* Only now may the checker look at the buf (SC-CMP-3). */
	membar_producer();
	atomic_inc_uint(&o->nsettled);
	mutex_enter(&sc_settle_mtx);
	cv_broadcast(&sc_settle_cv);
	mutex_exit(&sc_settle_mtx);
}

void
sc_pattern(void *buf, size_t len, u_int seed)
{
	uint8_t *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(seed * 131 + i * 7 + (i >> 9));
}

static daddr_t
sc_blkno(const struct sc_dev *d, int64_t sector)
{

	return (d->d_base + sector) * (d->d_secsize / DEV_BSIZE);
}

static void
sc_io_setup(struct sc_io *io, struct sc_case *c, dev_t dev, daddr_t blkno,
    size_t len, size_t bcount, bool rd)
{
	buf_t *bp;

	memset(&io->io_o, 0, sizeof(io->io_o));
	io->io_case = c;
	io->io_len = len;
	io->io_data = kmem_zalloc(len, KM_SLEEP);
	io->io_o.bcount = bcount;
	bp = io->io_bp = getiobuf(NULL, true);
	bp->b_data = io->io_data;
	bp->b_bcount = bcount;
	bp->b_resid = 0;
	bp->b_error = 0;
	bp->b_blkno = blkno;
	bp->b_rawblkno = 0;
	bp->b_dev = dev;
	bp->b_flags = rd ? B_READ : B_WRITE;
	bp->b_proc = NULL;
	bp->b_iodone = sc_iodone;
	bp->b_private = io;
}

/* Frees what the driver gave back; a buf it still holds is left alone. */
bool
sc_io_release(struct sc_io *io)
{

	if (io->io_bp == NULL)
		return true;
	if (io->io_o.nsettled == 0)
		return false;
	putiobuf(io->io_bp);
	kmem_free(io->io_data, io->io_len);
	io->io_bp = NULL;
	return true;
}

static bool
sc_all_settled(const struct sc_io *io, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (io[i].io_o.nsettled == 0)
			return false;
	return true;
}

/*
 * Waits up to ms for every one of the n bufs to settle, woken by their
 * sc_iodone: a wait of a clock tick per look made every transfer of a
 * case take a tick or more.  The tick's timeout stays, as the bound.
 */
bool
sc_wait_done(struct sc_io *io, int n, int ms)
{
	uint64_t limit = sc_now_us() + (uint64_t)ms * 1000;
	bool done;

	mutex_enter(&sc_settle_mtx);
	while (!(done = sc_all_settled(io, n)) && sc_now_us() <= limit)
		(void)cv_timedwait(&sc_settle_cv, &sc_settle_mtx, 1);
	mutex_exit(&sc_settle_mtx);
	return done;
}

/*
 * An I/O the checker needs for itself (set up a region, read one back),
 * issued from this thread and not judged.  Returns the b_error, or
 * ETIMEDOUT.
 */
int
sc_aux_io(const struct sc_dev *d, int64_t sector, void *data, size_t len,
    bool rd)
{
	struct sc_io *io;
	int error;

	/* Not on the stack: a driver that never completes keeps it. */
	io = kmem_zalloc(sizeof(*io), KM_SLEEP);
	sc_io_setup(io, NULL, d->d_dev, sc_blkno(d, sector), len, len, rd);
	if (!rd)
		memcpy(io->io_data, data, len);
	bdev_strategy(io->io_bp);
	if (!sc_wait_done(io, 1, sc_args.deadline_ms))
		return ETIMEDOUT;	/* io leaks: the driver holds it */
	/* b_resid is the judged op's business, not the checker's. */
	error = io->io_o.error;
	if (rd && error == 0)
		memcpy(data, io->io_data, len);
	sc_io_release(io);
	kmem_free(io, sizeof(*io));
	return error;
}

/*
 * The bufs of case c, ready to be issued.
 */
void
sc_prepare(struct sc_case *c)
{
	const struct sc_dev *d = c->c_dev;
	u_int ss = d->d_secsize;
	int64_t rw = SC_RWBASE + (int64_t)c->c_ctx * 2 * SC_RWLEN;
	int i;

	c->c_nio = 1;
	switch (c->c_op) {
	case SC_OP_READ:
		sc_io_setup(&c->c_io[0], c, d->d_dev, sc_blkno(d, rw),
		    SC_RWLEN * ss, SC_RWLEN * ss, true);
		break;
	case SC_OP_WRITE:
		sc_io_setup(&c->c_io[0], c, d->d_dev, sc_blkno(d, rw),
		    SC_RWLEN * ss, SC_RWLEN * ss, false);
		sc_pattern(c->c_io[0].io_data, SC_RWLEN * ss, c->c_num);
		break;
	case SC_OP_EOM_AT:
		sc_io_setup(&c->c_io[0], c, d->d_dev,
		    sc_blkno(d, d->d_nsectors), ss, ss, true);
		break;
	case SC_OP_EOM_PAST:
		sc_io_setup(&c->c_io[0], c, d->d_dev,
		    sc_blkno(d, d->d_nsectors + 8), ss, ss, true);
		break;
	case SC_OP_EOM_CROSS:
		sc_io_setup(&c->c_io[0], c, d->d_dev,
		    sc_blkno(d, d->d_nsectors - 4), 8 * ss, 8 * ss, true);
		break;
	case SC_OP_PARTIAL:
		sc_io_setup(&c->c_io[0], c, d->d_dev, sc_blkno(d, rw),
		    ss, ss / 2, true);
		break;
	case SC_OP_ZERO:
		sc_io_setup(&c->c_io[0], c, d->d_dev, sc_blkno(d, rw),
		    ss, 0, true);
		break;
	case SC_OP_RDONLY:
		sc_io_setup(&c->c_io[0], c, d->d_rodev, sc_blkno(d, rw),
		    ss, ss, false);
		sc_pattern(c->c_io[0].io_data, ss, c->c_num);
		break;
	case SC_OP_UNCONF:
		sc_io_setup(&c->c_io[0], c, d->d_unconf, sc_blkno(d, rw),
		    ss, ss, true);
		break;
	case SC_OP_NOUNIT:
		sc_io_setup(&c->c_io[0], c, d->d_nounit, sc_blkno(d, rw),
		    ss, ss, true);
		break;
	case SC_OP_BURST:
		c->c_nio = SC_BURST;
		for (i = 0; i < SC_BURST; i++)
			sc_io_setup(&c->c_io[i], c, d->d_dev,
			    sc_blkno(d, 1024 + 2 * i), ss, ss, true);
		break;
	default:
		panic("strategy_checker: op %d", c->c_op);
	}
}

