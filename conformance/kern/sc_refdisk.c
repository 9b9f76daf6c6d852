/*
 * strategy_checker: reference pseudo-disks.
 *
 * One memory-backed disk per behaviour.  "ok" keeps every clause of the
 * contract; each of the others breaks exactly one, the way real drivers
 * have.  The checker is right only if it gives each of them exactly the
 * verdicts listed in conformance/fixtures/expected.tsv.
 *
 * Unit u (< SCREF_N) is the writable disk of behaviour u; unit u + 16 is
 * a read-only view of the same disk; unit u + 32 is a unit that exists
 * but is not configured, and unit u + 48 one that does not exist at all:
 * calls to either still go through behaviour u, as a driver's own code
 * runs before it finds out; every other unit is absent.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/atomic.h>
#include <sys/buf.h>
#include <sys/condvar.h>
#include <sys/conf.h>
#include <sys/cpu.h>
#include <sys/disklabel.h>
#include <sys/errno.h>
#include <sys/kmem.h>
#include <sys/kthread.h>
#include <sys/mutex.h>
#include <sys/lwp.h>
#include <sys/queue.h>
#include <sys/syncobj.h>

#include "sc.h"

#define SCREF_SECSIZE	512
#define SCREF_NSECTORS	2048
#define SCREF_RO_UNIT	16	/* unit + 16: read-only view */
#define SCREF_UNCONF	32	/* unit + 32: not configured, u's behaviour */
#define SCREF_ABSENT	48	/* unit + 48: absent, with u's behaviour */
#define SCREF_QMAX	4	/* "qfull" sleeps beyond this many pending */

enum scref_mode {
	SCREF_OK,
	SCREF_SLEEP,
	SCREF_QFULL,
	SCREF_MUTEX,
	SCREF_SPIN,
	SCREF_TWICE,
	SCREF_LOST,
	SCREF_RESID,
	SCREF_PANIC,
	SCREF_SPINDONE,
	SCREF_N
};

static const struct {
	const char	*name;
	const char	*what;
} scref_modes[SCREF_N] = {
	[SCREF_OK] =	{ "ok",		"conforms" },
	[SCREF_SLEEP] =	{ "sleep",	"sleeps in every call" },
	[SCREF_QFULL] =	{ "qfull",	"sleeps when its queue is full" },
	[SCREF_MUTEX] =	{ "mutex",	"takes a contended adaptive mutex" },
	[SCREF_SPIN] =	{ "spin",	"busy-waits 10 ms" },
	[SCREF_TWICE] =	{ "twice",	"completes every transfer twice" },
	[SCREF_LOST] =	{ "lost",	"never completes a transfer" },
	[SCREF_RESID] =	{ "resid",	"completes with a wrong b_resid" },
	[SCREF_PANIC] =	{ "panic",	"panics on a block past the end" },
	[SCREF_SPINDONE] = { "spinbiodone",
			    "completes what it rejects under a spin mutex" },
};

struct scref {
	enum scref_mode	 r_mode;
	uint8_t		*r_store;
	kmutex_t	 r_mtx;		/* spin, IPL_BIO: queue and counts */
	kcondvar_t	 r_work;	/* worker: queue not empty */
	kcondvar_t	 r_drain;	/* qfull: a buf completed */
	TAILQ_HEAD(, buf) r_queue;
	u_int		 r_npending;
	bool		 r_exit;
	lwp_t		*r_worker;
	/* SCREF_MUTEX: an adaptive lock that another thread holds. */
	kmutex_t	 r_contended;
	kmutex_t	 r_wantmtx;	/* spin: r_wanting and r_wantcv */
	kcondvar_t	 r_wantcv;	/* a caller wants r_contended */
	volatile u_int	 r_wanting;
	lwp_t		*volatile r_caller;	/* the LWP that wants it */
	u_int		 r_seen;	/* sc_watch_seen before it blocked */
	lwp_t		*r_holder;
};

static struct scref scref[SCREF_N];
static int scref_bmajor = -1, scref_cmajor = -1;

static dev_type_open(scref_open);
static dev_type_close(scref_close);
static dev_type_strategy(scref_strategy);

static const struct bdevsw scref_bdevsw = {
	.d_open = scref_open,
	.d_close = scref_close,
	.d_strategy = scref_strategy,
	.d_ioctl = noioctl,
	.d_dump = nodump,
	.d_psize = nosize,
	.d_discard = nodiscard,
	.d_flag = D_DISK | D_MPSAFE,
};

static const struct cdevsw scref_cdevsw = {
	.d_open = noopen,
	.d_close = noclose,
	.d_read = noread,
	.d_write = nowrite,
	.d_ioctl = noioctl,
	.d_stop = nostop,
	.d_tty = notty,
	.d_poll = nopoll,
	.d_mmap = nommap,
	.d_kqfilter = nokqfilter,
	.d_discard = nodiscard,
	.d_flag = D_DISK | D_MPSAFE,
};

/*
 * The disk of a unit, or NULL when absent; *mode is the behaviour its
 * calls go through either way (SCREF_OK for a unit of nobody's).
 */
static struct scref *
scref_unit(dev_t dev, bool *ro, enum scref_mode *mode)
{
	int unit = DISKUNIT(dev);
	bool absent = false;

	*ro = false;
	if (unit >= SCREF_ABSENT + SCREF_N) {
		*mode = SCREF_OK;
		return NULL;
	} else if (unit >= SCREF_ABSENT) {
		unit -= SCREF_ABSENT;
		absent = true;
	} else if (unit >= SCREF_UNCONF) {
		unit -= SCREF_UNCONF;
		absent = true;
	} else if (unit >= SCREF_RO_UNIT) {
		unit -= SCREF_RO_UNIT;
		*ro = true;
	}
	if (unit < 0 || unit >= SCREF_N || scref[unit].r_store == NULL) {
		*mode = SCREF_OK;
		return NULL;
	}
	*mode = scref[unit].r_mode;
	return absent ? NULL : &scref[unit];
}

static int
scref_open(dev_t dev, int flags, int fmt, struct lwp *l)
{
	enum scref_mode mode;
	bool ro;

	if (scref_unit(dev, &ro, &mode) == NULL)
		return ENXIO;
	return 0;
}

static int
scref_close(dev_t dev, int flags, int fmt, struct lwp *l)
{

	return 0;
}

static void
scref_strategy(struct buf *bp)
{
	enum scref_mode mode;
	struct scref *r;
	daddr_t blk, nblk;
	bool ro;

	r = scref_unit(bp->b_dev, &ro, &mode);

	/* The behaviours that break the calling-context clauses. */
	switch (mode) {
	case SCREF_SLEEP:
		kpause("scrslp", false, 1, NULL);
		break;
	case SCREF_MUTEX:
		/* scref[m] is the disk of behaviour m, present or not. */
		mutex_spin_enter(&scref[mode].r_wantmtx);
		scref[mode].r_seen = sc_watch_seen;
		scref[mode].r_caller = curlwp;
		atomic_inc_uint(&scref[mode].r_wanting);
		cv_signal(&scref[mode].r_wantcv);
		mutex_spin_exit(&scref[mode].r_wantmtx);
		mutex_enter(&scref[mode].r_contended);
		scref[mode].r_caller = NULL;
		atomic_dec_uint(&scref[mode].r_wanting);
		mutex_exit(&scref[mode].r_contended);
		break;
	case SCREF_SPIN:
		DELAY(10000);
		break;
	default:
		break;
	}

	if (r == NULL) {
		bp->b_error = ENXIO;
		goto done;
	}
	if (bp->b_bcount == 0)
		goto done;
	if (bp->b_bcount % SCREF_SECSIZE != 0 || bp->b_blkno < 0) {
		bp->b_error = EINVAL;
		goto done;
	}
	if (ro && (bp->b_flags & B_READ) == 0) {
		bp->b_error = EROFS;
		goto done;
	}
	blk = bp->b_blkno;
	nblk = bp->b_bcount / SCREF_SECSIZE;
	if (blk + nblk > SCREF_NSECTORS) {
		if (blk == SCREF_NSECTORS)
			goto done;		/* at the end: EOF */
		if (blk > SCREF_NSECTORS) {
			if (r->r_mode == SCREF_PANIC)
				panic("ref-panic: block %lld past the end",
				    (long long)blk);
			bp->b_error = EINVAL;
			goto done;
		}
		bp->b_bcount = (SCREF_NSECTORS - blk) * SCREF_SECSIZE;
	}

	mutex_spin_enter(&r->r_mtx);
	if (r->r_mode == SCREF_QFULL) {
		/* The PR kern/34293 mistake: wait for room in the queue. */
		while (r->r_npending >= SCREF_QMAX)
			cv_wait(&r->r_drain, &r->r_mtx);
	}
	TAILQ_INSERT_TAIL(&r->r_queue, bp, b_actq);
	r->r_npending++;
	cv_signal(&r->r_work);
	mutex_spin_exit(&r->r_mtx);
	return;

done:
	bp->b_resid = bp->b_bcount;
	if (mode == SCREF_SPINDONE) {
		/*
		 * The dk_drain() mistake: bufs it rejects or finishes at once
		 * are completed with the disk's spin mutex held, so biodone()
		 * takes the buf's adaptive b_objlock and runs b_iodone under
		 * it.  Transfers take the worker, as on every other disk.
		 * scref[m] is the disk of behaviour m, present or not.
		 */
		mutex_spin_enter(&scref[mode].r_mtx);
		biodone(bp);
		mutex_spin_exit(&scref[mode].r_mtx);
		return;
	}
	biodone(bp);
}

/* The "device": moves the data and completes, in a thread of its own. */
static void
scref_worker(void *arg)
{
	struct scref *r = arg;
	struct buf *bp;
	uint8_t *p;

	for (;;) {
		mutex_spin_enter(&r->r_mtx);
		while (TAILQ_EMPTY(&r->r_queue) && !r->r_exit)
			cv_wait(&r->r_work, &r->r_mtx);
		if (r->r_exit) {
			mutex_spin_exit(&r->r_mtx);
			break;
		}
		bp = TAILQ_FIRST(&r->r_queue);
		TAILQ_REMOVE(&r->r_queue, bp, b_actq);
		mutex_spin_exit(&r->r_mtx);

		p = r->r_store + bp->b_blkno * SCREF_SECSIZE;
		if (bp->b_flags & B_READ)
			memcpy(bp->b_data, p, bp->b_bcount);
		else
			memcpy(p, bp->b_data, bp->b_bcount);
		bp->b_error = 0;
		bp->b_resid = 0;
		/* Away from the end, where no transfer is truncated. */
		if (r->r_mode == SCREF_RESID &&
		    bp->b_blkno + bp->b_bcount / SCREF_SECSIZE <
		    SCREF_NSECTORS)
			bp->b_resid = SCREF_SECSIZE;

		switch (r->r_mode) {
		case SCREF_LOST:
			break;
		case SCREF_TWICE:
			biodone(bp);
			biodone(bp);
			break;
		default:
			biodone(bp);
			break;
		}

		mutex_spin_enter(&r->r_mtx);
		r->r_npending--;
		cv_broadcast(&r->r_drain);
		mutex_spin_exit(&r->r_mtx);
	}
	kthread_exit(0);
}

/*
 * Keeps r_contended held, and lets it go only once a caller is asleep on
 * its turnstile, so that every call finds it contended and blocks.  It
 * waits for callers on a condvar and for the block by yielding its CPU,
 * never with a timeout, which would need the clock soft interrupt of a
 * CPU (the caller may be that very soft interrupt).
 */
static void
scref_holder(void *arg)
{
	struct scref *r = arg;
	uint64_t until;
	lwp_t *l;

	mutex_enter(&r->r_contended);
	for (;;) {
		mutex_spin_enter(&r->r_wantmtx);
		while (r->r_wanting == 0 && !r->r_exit)
			cv_wait(&r->r_wantcv, &r->r_wantmtx);
		mutex_spin_exit(&r->r_wantmtx);
		if (r->r_exit)
			break;
		for (until = sc_now_us() + 50000; sc_now_us() < until; ) {
			l = r->r_caller;
			if (l != NULL && l->l_stat == LSSLEEP &&
			    l->l_syncobj == &mutex_syncobj)
				break;
			yield();
		}
		/*
		 * Asleep now, it costs the caller nothing to stay so until
		 * the watcher has seen it (a reference disk may know its
		 * checker), or a while where there is no watcher.
		 */
		for (until = sc_now_us() + (sc_watcher ? 50000 : 2000);
		    sc_now_us() < until && sc_watch_seen == r->r_seen; )
			yield();
		mutex_exit(&r->r_contended);
		while (r->r_wanting != 0 && !r->r_exit)
			yield();
		mutex_enter(&r->r_contended);
	}
	mutex_exit(&r->r_contended);
	kthread_exit(0);
}

int
sc_ref_count(void)
{

	return SCREF_N;
}

void
sc_ref_describe(int i, struct sc_dev *d)
{

	memset(d, 0, sizeof(*d));
	snprintf(d->d_name, sizeof(d->d_name), "ref-%s", scref_modes[i].name);
	snprintf(d->d_attach, sizeof(d->d_attach),
	    "pseudo-disk (reference: %s)", scref_modes[i].what);
	d->d_dev = MAKEDISKDEV(scref_bmajor, i, RAW_PART);
	d->d_rodev = MAKEDISKDEV(scref_bmajor, i + SCREF_RO_UNIT, RAW_PART);
	d->d_unconf = MAKEDISKDEV(scref_bmajor, i + SCREF_UNCONF, RAW_PART);
	d->d_nounit = MAKEDISKDEV(scref_bmajor, i + SCREF_ABSENT, RAW_PART);
	d->d_secsize = SCREF_SECSIZE;
	d->d_nsectors = SCREF_NSECTORS;
	d->d_mpsafe = true;
	d->d_ref = true;
}

int
sc_ref_init(void)
{
	struct scref *r;
	struct cpu_info *other;
	int error, i;

	error = devsw_attach("scref", &scref_bdevsw, &scref_bmajor,
	    &scref_cdevsw, &scref_cmajor);
	if (error != 0)
		return error;

	/*
	 * The lock holder runs on the CPU the contexts run on: a caller
	 * there finds the owner off its CPU and sleeps on the turnstile at
	 * once, rather than spinning, and the owner, raised to the caller's
	 * priority by the turnstile, never keeps the watcher (the other
	 * CPU) from seeing it, as it would if it shared the watcher's CPU.
	 */
	other = cpu_lookup(0);
	for (i = 0; i < SCREF_N; i++) {
		r = &scref[i];
		r->r_mode = i;
		mutex_init(&r->r_mtx, MUTEX_DEFAULT, IPL_BIO);
		mutex_init(&r->r_contended, MUTEX_DEFAULT, IPL_NONE);
		mutex_init(&r->r_wantmtx, MUTEX_DEFAULT, IPL_HIGH);
		cv_init(&r->r_wantcv, "scrwant");
		cv_init(&r->r_work, "scrwork");
		cv_init(&r->r_drain, "scrqful");
		TAILQ_INIT(&r->r_queue);
		r->r_store = kmem_zalloc(SCREF_NSECTORS * SCREF_SECSIZE,
		    KM_SLEEP);
		error = kthread_create(PRI_BIO, KTHREAD_MPSAFE |
		    KTHREAD_MUSTJOIN, NULL, scref_worker, r, &r->r_worker,
		    "scref%d", i);
		if (error != 0)
			return error;
		if (r->r_mode == SCREF_MUTEX) {
			error = kthread_create(PRI_NONE, KTHREAD_MPSAFE |
			    KTHREAD_MUSTJOIN, other, scref_holder, r,
			    &r->r_holder, "scrhold");
			if (error != 0)
				return error;
		}
	}
	return 0;
}

int
sc_ref_fini(void)
{
	struct scref *r;
	int i;

	for (i = 0; i < SCREF_N; i++) {
		r = &scref[i];
		if (r->r_store == NULL)
			continue;
		mutex_spin_enter(&r->r_mtx);
		r->r_exit = true;
		cv_broadcast(&r->r_work);
		mutex_spin_exit(&r->r_mtx);
		mutex_spin_enter(&r->r_wantmtx);
		cv_broadcast(&r->r_wantcv);
		mutex_spin_exit(&r->r_wantmtx);
		if (r->r_worker != NULL)
			kthread_join(r->r_worker);
		if (r->r_holder != NULL)
			kthread_join(r->r_holder);
		kmem_free(r->r_store, SCREF_NSECTORS * SCREF_SECSIZE);
		r->r_store = NULL;
		cv_destroy(&r->r_drain);
		cv_destroy(&r->r_work);
		cv_destroy(&r->r_wantcv);
		mutex_destroy(&r->r_wantmtx);
		mutex_destroy(&r->r_contended);
		mutex_destroy(&r->r_mtx);
	}
	/* Its result, where it has one, is of no use to a module that
	 * cannot be unloaded anyway (MODULE_CMD_FINI says EBUSY). */
	devsw_detach(&scref_bdevsw, &scref_cdevsw);
	return 0;
}
