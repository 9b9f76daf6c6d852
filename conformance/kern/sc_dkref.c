/*
 * strategy_checker: the reference dksubr(9) disks, ref-dkstart and
 * ref-dkslock.
 *
 * Memory disks built the way ld, cgd and xbd are: the strategy routine
 * is dk_strategy(), and dksubr hands each buf to d_diskstart.
 * ref-dkstart's d_diskstart breaks SC-DKS-1: it performs a write,
 * completes the buf, and then returns EIO, so that dk_start() completes
 * the buf a second time (and writes b_error and b_resid after the first
 * completion); reads are right.  ref-dkslock is built like wd: one
 * transfer at a time (EAGAIN while one is in flight), ended a clock tick
 * later by a hard interrupt (the checker's edu device, raised from a
 * callout, so that a burst queues bufs behind the first) whose handler
 * completes it and calls dk_start() for the next.  Its d_diskstart is right but for one
 * thing: it takes an IPL_NONE adaptive mutex, tolerated in a thread or a
 * soft interrupt and not in the hard interrupt of its own completion
 * (SC-DKS-4): a burst brings that about in any context.  Only where
 * struct dkdriver has d_diskstart (SC_HAVE_DISKSTART); elsewhere there is
 * no such disk to build.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/buf.h>
#include <sys/bufq.h>
#include <sys/conf.h>
#include <sys/device.h>
#include <sys/disk.h>
#include <sys/disklabel.h>
#include <sys/errno.h>
#include <sys/atomic.h>
#include <sys/callout.h>
#include <sys/kmem.h>
#include <sys/mutex.h>

#include <dev/dkvar.h>

#include "sc.h"

#ifdef SC_HAVE_DISKSTART

#define SCDK_SECSIZE	512
#define SCDK_NSECTORS	2048

#define SCDK_NUNITS	2	/* unit 0: ref-dkstart; 1: ref-dkslock */

struct scdk_softc {
	struct dk_softc	 sc_dksc;	/* first: dksubr's */
	uint8_t		*sc_store;
	bool		 sc_locks;	/* ref-dkslock */
	kmutex_t	 sc_lock;	/* its adaptive mutex */
	struct buf	*volatile sc_inflight;	/* its one transfer */
	callout_t	 sc_later;	/* ... ends a tick later */
};

static const struct {
	const char	*name;
	const char	*what;
} scdk_units[SCDK_NUNITS] = {
	{ "ref-dkstart", "completes a write, then refuses it" },
	{ "ref-dkslock", "d_diskstart takes an adaptive mutex" },
};

static int	scdk_match(device_t, cfdata_t, void *);
static void	scdk_attach(device_t, device_t, void *);
static int	scdk_detach(device_t, int);

CFDRIVER_DECL(scdk, DV_DISK, NULL);
CFATTACH_DECL_NEW(scdk, sizeof(struct scdk_softc), scdk_match, scdk_attach,
    scdk_detach, NULL);

static struct cfdata scdk_cfdata = {
	.cf_name = "scdk",
	.cf_atname = "scdk",
	.cf_unit = 0,
	.cf_fstate = FSTATE_STAR,
};

static dev_type_open(scdk_open);
static dev_type_close(scdk_close);
static dev_type_strategy(scdk_strategy);
static int	scdk_diskstart(device_t, struct buf *);
static void	scdk_later(void *);

static const struct bdevsw scdk_bdevsw = {
	.d_open = scdk_open,
	.d_close = scdk_close,
	.d_strategy = scdk_strategy,
	.d_ioctl = noioctl,
	.d_dump = nodump,
	.d_psize = nosize,
	.d_discard = nodiscard,
	.d_flag = D_DISK | D_MPSAFE,
};

static const struct cdevsw scdk_cdevsw = {
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

static const struct dkdriver scdk_dkdriver = {
	.d_strategy = scdk_strategy,	/* label I/O */
	.d_minphys = minphys,
	.d_diskstart = scdk_diskstart,
};

static int scdk_bmajor = -1, scdk_cmajor = -1;
static device_t scdk_dev[SCDK_NUNITS];

static struct scdk_softc *
scdk_lookup(dev_t dev)
{
	int unit = DISKUNIT(dev);

	if (unit < 0 || unit >= SCDK_NUNITS || scdk_dev[unit] == NULL)
		return NULL;
	return device_private(scdk_dev[unit]);
}

static int
scdk_match(device_t parent, cfdata_t cf, void *aux)
{

	return 1;
}

static void
scdk_attach(device_t parent, device_t self, void *aux)
{
	struct scdk_softc *sc = device_private(self);
	struct dk_softc *dksc = &sc->sc_dksc;
	struct disk_geom *dg;

	sc->sc_locks = device_unit(self) == 1;
	mutex_init(&sc->sc_lock, MUTEX_DEFAULT, IPL_NONE);
	callout_init(&sc->sc_later, CALLOUT_MPSAFE);
	callout_setfunc(&sc->sc_later, scdk_later, sc);
	dk_init(dksc, self, DKTYPE_UNKNOWN);
	dksc->sc_flags |= DKF_NO_RND;
	sc->sc_store = kmem_zalloc(SCDK_NSECTORS * SCDK_SECSIZE, KM_SLEEP);
	disk_init(&dksc->sc_dkdev, dksc->sc_xname, &scdk_dkdriver);
	dk_attach(dksc);
	disk_attach(&dksc->sc_dkdev);
	bufq_alloc(&dksc->sc_bufq, "fcfs", 0);
	dg = &dksc->sc_dkdev.dk_geom;
	memset(dg, 0, sizeof(*dg));
	dg->dg_secperunit = SCDK_NSECTORS;
	dg->dg_secsize = SCDK_SECSIZE;
	dg->dg_nsectors = 32;
	dg->dg_ntracks = 64;
	dg->dg_ncylinders = SCDK_NSECTORS / (32 * 64);
	disk_set_info(self, &dksc->sc_dkdev, NULL);
	dksc->sc_flags |= DKF_INITED;
	aprint_normal_dev(self, "reference dksubr disk for strategy_checker\n");
}

static int
scdk_detach(device_t self, int flags)
{

	return EBUSY;	/* the module never unloads (MODULE_CMD_FINI) */
}

static int
scdk_open(dev_t dev, int flags, int fmt, struct lwp *l)
{
	struct scdk_softc *sc = scdk_lookup(dev);

	if (sc == NULL)
		return ENXIO;
	return dk_open(&sc->sc_dksc, dev, flags, fmt, l);
}

static int
scdk_close(dev_t dev, int flags, int fmt, struct lwp *l)
{
	struct scdk_softc *sc = scdk_lookup(dev);

	if (sc == NULL)
		return ENXIO;
	return dk_close(&sc->sc_dksc, dev, flags, fmt, l);
}

static void
scdk_strategy(struct buf *bp)
{
	struct scdk_softc *sc = scdk_lookup(bp->b_dev);

	if (sc == NULL) {
		bp->b_error = ENXIO;
		bp->b_resid = bp->b_bcount;
		biodone(bp);
		return;
	}
	dk_strategy(&sc->sc_dksc, bp);
}

/*
 * ref-dkslock's completion, in the edu device's hard interrupt: the
 * transfer in flight is done, and dk_start() hands d_diskstart the next
 * buf, here.
 */
static void
scdk_intr_done(void *arg)
{
	struct scdk_softc *sc = arg;
	struct buf *bp;

	if ((bp = atomic_swap_ptr(&sc->sc_inflight, NULL)) == NULL)
		return;
	dk_done(&sc->sc_dksc, bp);
	dk_start(&sc->sc_dksc, NULL);
}

/* A tick after the transfer began: its interrupt, or (no edu device)
   its completion here. */
static void
scdk_later(void *arg)
{
	struct scdk_softc *sc = arg;

	if (!sc_ctx_raise_done(scdk_intr_done, sc))
		scdk_intr_done(sc);
}

/*
 * The transfer, at b_rawblkno (dksubr's translation).  ref-dkstart: a
 * write is done and completed, and then refused, the SC-DKS-1 mistake.
 * ref-dkslock: one at a time, the copy under an adaptive mutex (the
 * SC-DKS-4 mistake once its completion calls this), ended by the
 * interrupt; without the edu device, here.
 */
static int
scdk_diskstart(device_t dv, struct buf *bp)
{
	struct scdk_softc *sc = device_private(dv);
	uint8_t *p = sc->sc_store + bp->b_rawblkno * SCDK_SECSIZE;

	if (sc->sc_locks) {
		mutex_enter(&sc->sc_lock);
		if (sc->sc_inflight != NULL) {
			mutex_exit(&sc->sc_lock);
			return EAGAIN;	/* dk_start() keeps it */
		}
		if (bp->b_flags & B_READ)
			memcpy(bp->b_data, p, bp->b_bcount);
		else
			memcpy(p, bp->b_data, bp->b_bcount);
		bp->b_resid = 0;
		sc->sc_inflight = bp;
		mutex_exit(&sc->sc_lock);
		callout_schedule(&sc->sc_later, 1);
		return 0;
	}
	if (bp->b_flags & B_READ) {
		memcpy(bp->b_data, p, bp->b_bcount);
		bp->b_resid = 0;
		dk_done(&sc->sc_dksc, bp);
		return 0;
	}
	/* biodone(), not dk_done(): dk_start() does the unbusy itself. */
	memcpy(p, bp->b_data, bp->b_bcount);
	bp->b_resid = 0;
	biodone(bp);
	return EIO;
}

/* Registers the driver and attaches its units. */
int
sc_dkref_init(void)
{
	int error, i;

	if ((error = config_cfdriver_attach(&scdk_cd)) != 0)
		return error;
	if ((error = config_cfattach_attach("scdk", &scdk_ca)) != 0)
		return error;
	error = devsw_attach("scdk", &scdk_bdevsw, &scdk_bmajor,
	    &scdk_cdevsw, &scdk_cmajor);
	if (error != 0)
		return error;
	for (i = 0; i < SCDK_NUNITS; i++) {
		scdk_cfdata.cf_unit = i;
		if ((scdk_dev[i] = config_attach_pseudo(&scdk_cfdata)) == NULL)
			return ENXIO;
	}
	return 0;
}

bool
sc_dkref_describe(int i, struct sc_dev *d)
{

	if (i < 0 || i >= SCDK_NUNITS || scdk_dev[i] == NULL)
		return false;
	memset(d, 0, sizeof(*d));
	strlcpy(d->d_name, scdk_units[i].name, sizeof(d->d_name));
	strlcpy(d->d_xname, device_xname(scdk_dev[i]), sizeof(d->d_xname));
	snprintf(d->d_attach, sizeof(d->d_attach), "dksubr disk (reference: "
	    "%s)", scdk_units[i].what);
	d->d_dev = MAKEDISKDEV(scdk_bmajor, device_unit(scdk_dev[i]),
	    RAW_PART);
	d->d_rodev = NODEV;
	d->d_unconf = NODEV;
	d->d_nounit = MAKEDISKDEV(scdk_bmajor, SCDK_NUNITS, RAW_PART);
	d->d_secsize = SCDK_SECSIZE;
	d->d_nsectors = SCDK_NSECTORS;
	d->d_mpsafe = true;
	d->d_ref = true;
	return true;
}

#else /* !SC_HAVE_DISKSTART */

int
sc_dkref_init(void)
{

	return 0;
}

bool
sc_dkref_describe(int i, struct sc_dev *d)
{

	return false;
}

#endif /* SC_HAVE_DISKSTART */
