/*
 * strategy_checker: module glue, the case plan, the watcher and the
 * verdicts.  Results go to the console as KTAP version 1; the format is
 * described in conformance/README and man9/strategy_checker.4... see the
 * project README.  One case is (device, context, operation); its subtests
 * are the clauses of spec/strategy-contract.md it judges.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/atomic.h>
#include <sys/buf.h>
#include <sys/conf.h>
#include <sys/cpu.h>
#include <sys/device.h>
#include <sys/disk.h>
#include <sys/disklabel.h>
#include <sys/errno.h>
#include <sys/fcntl.h>
#include <sys/kernel.h>
#include <sys/kmem.h>
#include <sys/kthread.h>
#include <sys/lwp.h>
#include <sys/module.h>
#include <sys/mutex.h>
#include <sys/condvar.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syncobj.h>

#include <machine/cpufunc.h>
#include <machine/pio.h>

#include "sc.h"

MODULE(MODULE_CLASS_DRIVER, strategy_checker, NULL);

/* The runner reads this to refuse a module built for another kernel. */
__used const char sc_built_for[] =
    "strategy-checker built-for=" ___STRING(__NetBSD_Version__);

#define SC_MAXDEVS	32
#define SC_STUCK_MS	5000	/* a call not back by then is stuck */
#define SC_ADV_US	5000	/* default limit on time inside strategy */
#define SC_POISON_ERROR	0x5ca1
#define SC_POISON_RESID	0x5ca1ab1e
#define SC_RWBASE	64	/* first sector of the read/write regions */
#define SC_RWLEN	8	/* sectors per read/write */

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
#define SC_ERR_1	"SC-ERR-1"
#define SC_ERR_2	"SC-ERR-2"
#define SC_ERR_3	"SC-ERR-3"
#define SC_ERR_4	"SC-ERR-4"
#define SC_ERR_5	"SC-ERR-5"
#define SC_RES_1	"SC-RES-1"
#define SC_ADV_1	"SC-ADV-1"

static const char *const sc_op_names[SC_NOP] = {
	[SC_OP_READ] = "read",
	[SC_OP_WRITE] = "write",
	[SC_OP_EOM_AT] = "eom-at",
	[SC_OP_EOM_PAST] = "eom-past",
	[SC_OP_EOM_CROSS] = "eom-cross",
	[SC_OP_PARTIAL] = "partial",
	[SC_OP_ZERO] = "zero",
	[SC_OP_RDONLY] = "rdonly",
	[SC_OP_NOUNIT] = "nounit",
	[SC_OP_BURST] = "burst",
};

/* The clause that says "callable in this context". */
static const char *const sc_ctx_clause[SC_NCTX] = {
	[SC_CTX_THREAD] = SC_CTX_1,
	[SC_CTX_SPL] = SC_CTX_2,
	[SC_CTX_SOFTINT] = SC_CTX_3,
	[SC_CTX_CALLOUT] = SC_CTX_4,
	[SC_CTX_HARDINTR] = SC_CTX_5,
	[SC_CTX_HARDINTR_KLOCK] = SC_CTX_5,
};

/* The clause an operation exists to judge. */
static const char *const sc_op_clause[SC_NOP] = {
	[SC_OP_READ] = SC_CMP_4,
	[SC_OP_WRITE] = SC_CMP_4,
	[SC_OP_EOM_AT] = SC_ERR_1,
	[SC_OP_EOM_PAST] = SC_ERR_1,
	[SC_OP_EOM_CROSS] = SC_ERR_1,
	[SC_OP_PARTIAL] = SC_ERR_2,
	[SC_OP_ZERO] = SC_ERR_3,
	[SC_OP_RDONLY] = SC_ERR_4,
	[SC_OP_NOUNIT] = SC_ERR_5,
	[SC_OP_BURST] = SC_RES_1,
};

/* Judged by every case, before the operation's and the context's own. */
static const char *const sc_common_clauses[] = {
	SC_SLP_1, SC_SLP_2, SC_SLP_3, SC_CTX_6,
	SC_CMP_1, SC_CMP_2, SC_CMP_3, SC_ADV_1,
};
#define SC_NCOMMON	__arraycount(sc_common_clauses)
#define SC_NCLAUSES	(SC_NCOMMON + 2)

/* Arguments from the host (QEMU fw_cfg "opt/org.strategy9/args"). */
static struct {
	int	first;
	int	deadline_ms;
	int	opstrikes;	/* see sc_down_reason() */
	int	adv_us;		/* SC-ADV-1: limit on the CPU inside a call */
	bool	disks;		/* the disks the kernel attached */
	bool	refs;		/* the reference pseudo-disks */
	char	skip[256];
	char	down[256];	/* cases that brought earlier boots down */
	char	raw[600];
	bool	qemu;
} sc_args = {
	.first = 1, .deadline_ms = 1000, .disks = true, .refs = true,
	.adv_us = SC_ADV_US,
};

static struct sc_dev sc_devs[SC_MAXDEVS];
static int sc_ndevs;
static bool sc_watcher;		/* a second CPU watches the calls */
static struct { int pass, fail, skip, broken; } sc_tally;

/*
 * b_objlock of the checker's bufs.  biodone() takes it when called
 * outside a hard interrupt; the default, buffer_lock, is adaptive and
 * may not be taken by a caller that holds a spin mutex (the spl
 * context).  A spin mutex makes synchronous completion legal there.
 */
static kmutex_t sc_objlock;

static kmutex_t sc_done_mtx;
static kcondvar_t sc_done_cv;
static bool sc_done;

uint64_t
sc_now_us(void)
{
	struct timespec ts;

	nanouptime(&ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * b_iodone of every buf the checker issues.  Records the first
 * completion, then poisons b_error and b_resid (a driver that writes them
 * after biodone is caught) and re-arms itself, so that a second biodone
 * is counted instead of panicking.
 */
static void
sc_iodone(buf_t *bp)
{
	struct sc_io *io = bp->b_private;

	if (atomic_inc_uint_nv(&io->io_ndone) == 1) {
		io->io_error = bp->b_error;
		io->io_resid = bp->b_resid;
		io->io_bcount_done = bp->b_bcount;
		io->io_done_intr = cpu_intr_p();
		io->io_done_early = io->io_case != NULL &&
		    io->io_case->c_issuing;
		nanouptime(&io->io_tdone);
	}
	bp->b_error = SC_POISON_ERROR;
	bp->b_resid = SC_POISON_RESID;
	bp->b_oflags &= ~BO_DONE;
	bp->b_iodone = sc_iodone;
}

/* --- host arguments over fw_cfg ------------------------------------- */

#define FW_CFG_SEL	0x510
#define FW_CFG_DATA	0x511
#define FW_CFG_SIG	0x0000
#define FW_CFG_DIR	0x0019
#define SC_ARGS_FILE	"opt/org.strategy9/args"

static void
fwcfg_read(void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len-- > 0)
		*p++ = inb(FW_CFG_DATA);
}

static uint32_t
be32(const uint8_t *p)
{

	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* Reads the argument file if QEMU gave one; notes whether this is QEMU. */
static void
sc_read_args(void)
{
	uint8_t sig[4], ent[64];
	uint32_t n, i, size;

	outw(FW_CFG_SEL, FW_CFG_SIG);
	fwcfg_read(sig, sizeof(sig));
	if (memcmp(sig, "QEMU", 4) != 0)
		return;
	sc_args.qemu = true;
	outw(FW_CFG_SEL, FW_CFG_DIR);
	fwcfg_read(sig, sizeof(sig));
	n = be32(sig);
	for (i = 0; i < n && i < 1024; i++) {
		fwcfg_read(ent, sizeof(ent));
		ent[63] = '\0';
		if (strcmp((char *)ent + 8, SC_ARGS_FILE) != 0)
			continue;
		size = be32(ent);
		if (size >= sizeof(sc_args.raw))
			size = sizeof(sc_args.raw) - 1;
		outw(FW_CFG_SEL, (uint16_t)(ent[4] << 8 | ent[5]));
		fwcfg_read(sc_args.raw, size);
		sc_args.raw[size] = '\0';
		break;
	}
}

static long
sc_atol(const char *s, const char **end)
{
	long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	*end = s;
	return v;
}

static const char *
sc_copy_list(const char *p, char *buf, size_t len)
{
	size_t n;

	for (n = 0; p[n] != '\0' && p[n] != ' ' && p[n] != '\n'; n++)
		continue;
	strlcpy(buf, p, MIN(n + 1, len));
	return p + n;
}

/*
 * "first=N skip=a,b-c down=a,b deadline=MS opstrikes=N advus=US
 *  disks=0|1 refs=0|1"
 */
static void
sc_parse_args(void)
{
	const char *p = sc_args.raw, *e;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (strncmp(p, "first=", 6) == 0) {
			sc_args.first = sc_atol(p + 6, &e);
			p = e;
		} else if (strncmp(p, "advus=", 6) == 0) {
			sc_args.adv_us = sc_atol(p + 6, &e);
			p = e;
		} else if (strncmp(p, "opstrikes=", 10) == 0) {
			sc_args.opstrikes = sc_atol(p + 10, &e);
			p = e;
		} else if (strncmp(p, "disks=", 6) == 0) {
			sc_args.disks = sc_atol(p + 6, &e) != 0;
			p = e;
		} else if (strncmp(p, "refs=", 5) == 0) {
			sc_args.refs = sc_atol(p + 5, &e) != 0;
			p = e;
		} else if (strncmp(p, "deadline=", 9) == 0) {
			sc_args.deadline_ms = sc_atol(p + 9, &e);
			p = e;
		} else if (strncmp(p, "skip=", 5) == 0) {
			p = sc_copy_list(p + 5, sc_args.skip,
			    sizeof(sc_args.skip));
		} else if (strncmp(p, "down=", 5) == 0) {
			p = sc_copy_list(p + 5, sc_args.down,
			    sizeof(sc_args.down));
		} else {
			while (*p != '\0' && *p != ' ')
				p++;
		}
	}
	if (sc_args.first < 1)
		sc_args.first = 1;
	if (sc_args.deadline_ms < 10)
		sc_args.deadline_ms = 10;
}

/* How many numbers of a list like "3,7-9" fall in [lo, hi]. */
static int
sc_list_count(const char *p, int lo, int hi)
{
	const char *e;
	long a, b;
	int n = 0;

	while (*p != '\0') {
		a = b = sc_atol(p, &e);
		if (*e == '-')
			b = sc_atol(e + 1, &e);
		if (a < lo)
			a = lo;
		if (b > hi)
			b = hi;
		if (a <= b)
			n += b - a + 1;
		if (*e != ',')
			break;
		p = e + 1;
	}
	return n;
}

/* --- targets --------------------------------------------------------- */

/* "atabus0 at piixide0": the parent, and the controller above it. */
static void
sc_describe_attach(device_t dv, char *buf, size_t len)
{
	device_t p = device_parent(dv), gp;

	if (p == NULL) {
		strlcpy(buf, "root", len);
		return;
	}
	gp = device_parent(p);
	if (gp == NULL || device_is_a(gp, "pci") || device_is_a(gp, "isa") ||
	    device_is_a(gp, "mainbus"))
		snprintf(buf, len, "%s at %s", device_xname(p),
		    gp != NULL ? device_xname(gp) : "root");
	else
		snprintf(buf, len, "%s at %s", device_xname(p),
		    device_xname(gp));
}

static void
sc_add_disk(device_t dv)
{
	const struct bdevsw *bdev;
	struct sc_dev *d;
	struct disk *dk;
	const char *drv;
	int bmaj, unit, u;

	if (sc_ndevs >= SC_MAXDEVS)
		return;
	drv = device_cfdriver(dv)->cd_name;
	/* Optical drives hold the boot image; leave them alone. */
	if (strcmp(drv, "cd") == 0)
		return;
	if ((bmaj = devsw_name2blk(device_xname(dv), NULL, 0)) < 0)
		return;
	unit = device_unit(dv);
	d = &sc_devs[sc_ndevs];
	memset(d, 0, sizeof(*d));
	strlcpy(d->d_name, device_xname(dv), sizeof(d->d_name));
	sc_describe_attach(dv, d->d_attach, sizeof(d->d_attach));
	d->d_dev = MAKEDISKDEV(bmaj, unit, RAW_PART);
	d->d_rodev = NODEV;
	for (u = 0; u < 64; u++)
		if (device_find_by_driver_unit(drv, u) == NULL)
			break;
	d->d_nounit = MAKEDISKDEV(bmaj, u, RAW_PART);
	bdev = bdevsw_lookup(d->d_dev);
	d->d_mpsafe = bdev != NULL && (bdev->d_flag & D_MPSAFE) != 0;
	if ((dk = disk_find(d->d_name)) != NULL) {
		d->d_secsize = dk->dk_geom.dg_secsize;
		d->d_nsectors = dk->dk_geom.dg_secperunit;
	}
	sc_ndevs++;
}

static int
sc_devcmp(const struct sc_dev *a, const struct sc_dev *b)
{
	int r;

	/* Attachment first: unit numbers of parallel probes may race. */
	if ((r = strcmp(a->d_attach, b->d_attach)) != 0)
		return r;
	return strcmp(a->d_name, b->d_name);
}

static void
sc_find_targets(void)
{
	deviter_t di;
	device_t dv;
	struct sc_dev tmp;
	int i, j, n;

	for (dv = deviter_first(&di, 0); dv != NULL; dv = deviter_next(&di))
		if (sc_args.disks && device_class(dv) == DV_DISK)
			sc_add_disk(dv);
	deviter_release(&di);

	/* Stable order across boots, so case numbers mean the same. */
	for (i = 1; i < sc_ndevs; i++)
		for (j = i; j > 0 &&
		    sc_devcmp(&sc_devs[j - 1], &sc_devs[j]) > 0; j--) {
			tmp = sc_devs[j];
			sc_devs[j] = sc_devs[j - 1];
			sc_devs[j - 1] = tmp;
		}

	n = sc_args.refs ? sc_ref_count() : 0;
	for (i = 0; i < n && sc_ndevs < SC_MAXDEVS; i++)
		sc_ref_describe(i, &sc_devs[sc_ndevs++]);
}

static void
sc_open_targets(void)
{
	struct sc_dev *d;
	struct disk *dk;
	int error, i;

	for (i = 0; i < sc_ndevs; i++) {
		d = &sc_devs[i];
		error = bdev_open(d->d_dev, FREAD | FWRITE, S_IFBLK, curlwp);
		if (error != 0) {
			printf("# device %s: open failed, error %d\n",
			    d->d_name, error);
			continue;
		}
		d->d_opened = true;
		if (!d->d_ref && (dk = disk_find(d->d_name)) != NULL) {
			d->d_secsize = dk->dk_geom.dg_secsize;
			d->d_nsectors = dk->dk_geom.dg_secperunit;
		}
		if (d->d_secsize < DEV_BSIZE || d->d_nsectors < 2048) {
			printf("# device %s: unusable geometry %u x %lld\n",
			    d->d_name, d->d_secsize, (long long)d->d_nsectors);
			bdev_close(d->d_dev, FREAD | FWRITE, S_IFBLK, curlwp);
			d->d_opened = false;
		}
	}
}

static void
sc_close_targets(void)
{
	int i;

	for (i = 0; i < sc_ndevs; i++)
		if (sc_devs[i].d_opened)
			bdev_close(sc_devs[i].d_dev, FREAD | FWRITE, S_IFBLK,
			    curlwp);
}

/* --- issuing bufs ---------------------------------------------------- */

static void
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

	return sector * (d->d_secsize / DEV_BSIZE);
}

static void
sc_io_setup(struct sc_io *io, struct sc_case *c, dev_t dev, daddr_t blkno,
    size_t len, size_t bcount, bool rd)
{
	buf_t *bp;

	io->io_case = c;
	io->io_len = len;
	io->io_data = kmem_zalloc(len, KM_SLEEP);
	io->io_bcount = bcount;
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
	bp->b_objlock = &sc_objlock;
}

/* Frees what the driver gave back; a buf it still holds is left alone. */
static bool
sc_io_release(struct sc_io *io)
{

	if (io->io_bp == NULL)
		return true;
	if (io->io_ndone == 0)
		return false;
	putiobuf(io->io_bp);
	kmem_free(io->io_data, io->io_len);
	io->io_bp = NULL;
	return true;
}

static bool
sc_wait_done(struct sc_io *io, int n, int ms)
{
	uint64_t limit = sc_now_us() + (uint64_t)ms * 1000;
	int i;

	for (;;) {
		for (i = 0; i < n; i++)
			if (io[i].io_ndone == 0)
				break;
		if (i == n)
			return true;
		if (sc_now_us() > limit)
			return false;
		kpause("scwait", false, 1, NULL);
	}
}

/*
 * An I/O the checker needs for itself (set up a region, read one back),
 * issued from this thread and not judged.  Returns the b_error, or
 * ETIMEDOUT.
 */
static int
sc_aux_io(const struct sc_dev *d, int64_t sector, void *data, size_t len,
    bool rd)
{
	struct sc_io io;
	int error;

	memset(&io, 0, sizeof(io));
	sc_io_setup(&io, NULL, d->d_dev, sc_blkno(d, sector), len, len, rd);
	if (!rd)
		memcpy(io.io_data, data, len);
	bdev_strategy(io.io_bp);
	if (!sc_wait_done(&io, 1, sc_args.deadline_ms))
		return ETIMEDOUT;	/* io leaks: the driver holds it */
	/* b_resid is the judged op's business, not the checker's. */
	error = io.io_error;
	if (rd && error == 0)
		memcpy(data, io.io_data, len);
	sc_io_release(&io);
	return error;
}

/* --- the watcher ------------------------------------------------------ */

/*
 * Waits for the call(s) of case c to return, watching the calling LWP
 * from this CPU: a sleep on a turnstile is an adaptive lock, any other
 * sleep queue is a sleep.  Time the LWP spends off its CPU (asleep, or
 * runnable after a preemption) is not time the driver kept the CPU.
 * False if the call is not back in time.
 */
static bool
sc_watch(struct sc_case *c)
{
	struct sc_obs *ob = &c->c_obs;
	uint64_t t0, now, since = 0;
	bool off = false, sleeping;
	bool asleep = false;
	syncobj_t *so;
	const char *wm;
	u_int spins = 0, stat;
	lwp_t *l;

	ob->ob_watched = sc_watcher;
	t0 = now = sc_now_us();
	while (!ob->ob_returned) {
		now = sc_now_us();
		if (now - t0 > (uint64_t)SC_STUCK_MS * 1000)
			break;
		if (!sc_watcher) {
			kpause("scwatch", false, 1, NULL);
			continue;
		}
		l = c->c_lwp;
		if (l != NULL && c->c_issuing) {
			stat = l->l_stat;
			sleeping = stat == LSSLEEP;
			if (sleeping && !asleep) {
				so = l->l_syncobj;
				if (so == &mutex_syncobj || so == &rw_syncobj)
					ob->ob_nlock++;
				else {
					ob->ob_nsleep++;
					if ((wm = l->l_wmesg) != NULL &&
					    ob->ob_wmesg[0] == '\0')
						strlcpy(ob->ob_wmesg, wm,
						    sizeof(ob->ob_wmesg));
				}
			}
			asleep = sleeping;
			if (stat != LSONPROC && !off) {
				off = true;
				since = now;
			} else if (stat == LSONPROC && off) {
				off = false;
				ob->ob_blocked_us += now - since;
			}
		}
		/* Let this CPU's other threads run now and then. */
		if ((++spins & 1023) == 0)
			preempt();
		else
			x86_pause();
	}
	if (off)
		ob->ob_blocked_us += now - since;
	return ob->ob_returned;
}

/* --- verdicts and KTAP ------------------------------------------------ */

enum sc_verdict { V_PASS, V_FAIL, V_SKIP, V_ERROR };

struct sc_result {
	const char	*r_clause;
	enum sc_verdict	 r_v;
	char		 r_detail[160];
};

static void __printflike(4, 5)
sc_set(struct sc_result *r, const char *clause, enum sc_verdict v,
    const char *fmt, ...)
{
	va_list ap;

	r->r_clause = clause;
	r->r_v = v;
	va_start(ap, fmt);
	vsnprintf(r->r_detail, sizeof(r->r_detail), fmt, ap);
	va_end(ap);
}

static bool
sc_hardint_level(enum sc_ctx ctx)
{

	return ctx == SC_CTX_SPL || ctx == SC_CTX_HARDINTR ||
	    ctx == SC_CTX_HARDINTR_KLOCK;
}

/* Time on the CPU inside one call of c, not counting time off it. */
static uint64_t
sc_busy_us(const struct sc_case *c)
{
	const struct sc_obs *ob = &c->c_obs;
	uint64_t busy = c->c_nio == 1 ? ob->ob_us : ob->ob_maxcall_us;

	return busy > ob->ob_blocked_us ? busy - ob->ob_blocked_us : 0;
}

/* The judgement of the operation's own clause, from its first buf. */
static void
sc_judge_op(struct sc_case *c, struct sc_result *r, int aux_error,
    bool data_ok)
{
	const struct sc_dev *d = c->c_dev;
	const struct sc_io *io = &c->c_io[0];
	const char *cl = sc_op_clause[c->c_op];
	int moved = io->io_bcount_done - io->io_resid;
	int want;
	u_int i, done;

	if (c->c_op == SC_OP_BURST) {
		for (i = done = 0; i < (u_int)c->c_nio; i++)
			if (c->c_io[i].io_ndone > 0)
				done++;
		if (!c->c_obs.ob_returned)
			sc_set(r, cl, V_FAIL, "burst of %d: strategy did not "
			    "return", c->c_nio);
		else if (c->c_obs.ob_nsleep > 0 || c->c_obs.ob_vcsw >
		    c->c_obs.ob_nlock)
			sc_set(r, cl, V_FAIL, "burst of %d: slept (vcsw=%llu "
			    "wmesg=%s)", c->c_nio,
			    (unsigned long long)c->c_obs.ob_vcsw,
			    c->c_obs.ob_wmesg[0] ? c->c_obs.ob_wmesg : "-");
		else
			sc_set(r, cl, V_PASS, "burst of %d: no call waited; "
			    "%u completed (SC-CMP-2); longest call %llu us",
			    c->c_nio, done,
			    (unsigned long long)c->c_obs.ob_maxcall_us);
		return;
	}
	if (io->io_ndone == 0) {
		sc_set(r, cl, V_SKIP, "not observed: the buf never completed");
		return;
	}
#define ERRFMT "b_error=%d b_resid=%d b_bcount=%d"
#define ERRARGS io->io_error, io->io_resid, io->io_bcount_done
	switch (c->c_op) {
	case SC_OP_READ:
	case SC_OP_WRITE:
		if (aux_error != 0)
			sc_set(r, cl, V_SKIP, "not observed: the checker's own "
			    "%s failed, error %d", c->c_op == SC_OP_READ ?
			    "set-up write" : "read-back", aux_error);
		else if (io->io_error != 0 || io->io_resid != 0)
			sc_set(r, cl, V_FAIL, ERRFMT, ERRARGS);
		else if (!data_ok)
			sc_set(r, cl, V_FAIL, "data %s differ", c->c_op ==
			    SC_OP_READ ? "read" : "read back");
		else
			sc_set(r, cl, V_PASS, ERRFMT " data intact", ERRARGS);
		break;
	case SC_OP_EOM_AT:
		if (io->io_error == 0 && io->io_resid == io->io_bcount)
			sc_set(r, cl, V_PASS, "EOF: " ERRFMT, ERRARGS);
		else
			sc_set(r, cl, V_FAIL, "at the end: want b_error=0 "
			    "b_resid=b_bcount, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_EOM_PAST:
		if (io->io_error == EINVAL && io->io_resid == io->io_bcount)
			sc_set(r, cl, V_PASS, "EINVAL: " ERRFMT, ERRARGS);
		else
			sc_set(r, cl, V_FAIL, "past the end: want EINVAL and "
			    "nothing transferred, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_EOM_CROSS:
		want = 4 * d->d_secsize;
		if (io->io_error == 0 && moved == want)
			sc_set(r, cl, V_PASS, "truncated to %d bytes: " ERRFMT,
			    moved, ERRARGS);
		else
			sc_set(r, cl, V_FAIL, "across the end: want %d bytes "
			    "moved, got %d (" ERRFMT ")", want, moved,
			    ERRARGS);
		break;
	case SC_OP_PARTIAL:
		if (io->io_error == EINVAL && io->io_resid == io->io_bcount)
			sc_set(r, cl, V_PASS, "EINVAL: " ERRFMT, ERRARGS);
		else
			sc_set(r, cl, V_FAIL, "part of a sector: want EINVAL "
			    "and nothing transferred, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_ZERO:
		if (io->io_error == 0 && io->io_resid == 0)
			sc_set(r, cl, V_PASS, ERRFMT, ERRARGS);
		else
			sc_set(r, cl, V_FAIL, "zero length: want b_error=0 "
			    "b_resid=0, got " ERRFMT, ERRARGS);
		break;
	case SC_OP_RDONLY:
		if (aux_error != 0)
			sc_set(r, cl, V_SKIP, "not observed: the checker's own "
			    "set-up write failed, error %d", aux_error);
		else if ((io->io_error == EROFS || io->io_error == EACCES) &&
		    data_ok)
			sc_set(r, cl, V_PASS, ERRFMT " data unchanged",
			    ERRARGS);
		else
			sc_set(r, cl, V_FAIL, "write to a read-only unit: want"
			    " EROFS or EACCES and no change, got " ERRFMT
			    "%s", ERRARGS, data_ok ? "" : " data changed");
		break;
	case SC_OP_NOUNIT:
		if (io->io_error == ENXIO)
			sc_set(r, cl, V_PASS, "ENXIO: " ERRFMT, ERRARGS);
		else
			sc_set(r, cl, V_FAIL, "absent unit: want ENXIO, got "
			    ERRFMT, ERRARGS);
		break;
	default:
		break;
	}
#undef ERRFMT
#undef ERRARGS
}

static int
sc_judge(struct sc_case *c, bool returned, bool all_done, int aux_error,
    bool data_ok, struct sc_result *res)
{
	const struct sc_obs *ob = &c->c_obs;
	const struct sc_dev *d = c->c_dev;
	char ctxd[80], failed[96];
	uint64_t busy;
	u_int i, twice = 0, done = 0, touched = 0;
	int n = 0, k;

	snprintf(ctxd, sizeof(ctxd), "cpu_intr_p=%d cpu_softintr_p=%d ipl=%d%s",
	    ob->ob_intr, ob->ob_softintr, ob->ob_ipl_in,
	    ob->ob_ipl_in == IPL_BIO ? "(IPL_BIO)" : "");
	for (i = 0; i < (u_int)c->c_nio; i++) {
		const struct sc_io *io = &c->c_io[i];
		const buf_t *bp = io->io_bp;

		if (io->io_ndone > 0)
			done++;
		if (io->io_ndone > 1)
			twice++;
		if (io->io_ndone > 0 && (bp->b_error != SC_POISON_ERROR ||
		    bp->b_resid != SC_POISON_RESID))
			touched++;
	}

	/* SC-SLP-1 */
	if (!returned)
		sc_set(&res[n++], SC_SLP_1, V_FAIL, "still inside strategy "
		    "after %d ms (wmesg %s) %s", SC_STUCK_MS,
		    ob->ob_wmesg[0] ? ob->ob_wmesg : "-", ctxd);
	else if (ob->ob_nsleep > 0 || ob->ob_vcsw > ob->ob_nlock ||
	    (!ob->ob_watched && ob->ob_vcsw > 0))
		sc_set(&res[n++], SC_SLP_1, V_FAIL, "slept: vcsw=%llu "
		    "ivcsw=%llu sleeps=%u wmesg=%s us=%llu %s",
		    (unsigned long long)ob->ob_vcsw,
		    (unsigned long long)ob->ob_ivcsw, ob->ob_nsleep,
		    ob->ob_wmesg[0] ? ob->ob_wmesg : "-",
		    (unsigned long long)ob->ob_us, ctxd);
	else
		sc_set(&res[n++], SC_SLP_1, V_PASS, "vcsw=%llu ivcsw=%llu "
		    "locks=%u us=%llu %s", (unsigned long long)ob->ob_vcsw,
		    (unsigned long long)ob->ob_ivcsw, ob->ob_nlock,
		    (unsigned long long)ob->ob_us, ctxd);

	/* SC-SLP-2 */
	if (!ob->ob_watched)
		sc_set(&res[n++], SC_SLP_2, V_SKIP, "needs a second CPU to "
		    "watch the call");
	else if (ob->ob_nlock > 0 && sc_hardint_level(c->c_ctx))
		sc_set(&res[n++], SC_SLP_2, V_FAIL, "blocked on an adaptive "
		    "lock %u time(s) at hardint-safe level %s", ob->ob_nlock,
		    ctxd);
	else if (ob->ob_nlock > 0)
		sc_set(&res[n++], SC_SLP_2, V_PASS, "blocked on an adaptive "
		    "lock %u time(s): tolerated at softint-safe level",
		    ob->ob_nlock);
	else
		sc_set(&res[n++], SC_SLP_2, V_PASS, "no adaptive lock "
		    "blocked");

	/* SC-SLP-3 */
	if (!returned)
		sc_set(&res[n++], SC_SLP_3, V_SKIP, "not observed: the call "
		    "did not return");
	else if (ob->ob_mtx_in != ob->ob_mtx_out ||
	    ob->ob_ipl_out < ob->ob_ipl_in ||
	    (ob->ob_mtx_in == 0 && ob->ob_ipl_out != ob->ob_ipl_in))
		sc_set(&res[n++], SC_SLP_3, V_FAIL, "ipl %d -> %d, spin "
		    "mutexes %d -> %d", ob->ob_ipl_in, ob->ob_ipl_out,
		    -ob->ob_mtx_in, -ob->ob_mtx_out);
	else
		/*
		 * Under a caller's spin mutex the IPL may stay as high as
		 * the highest spin mutex the routine took: mutex(9) lowers
		 * it only when the outermost one is released.
		 */
		sc_set(&res[n++], SC_SLP_3, V_PASS, "ipl %d -> %d, spin "
		    "mutexes %d", ob->ob_ipl_in, ob->ob_ipl_out,
		    -ob->ob_mtx_in);

	/* SC-CTX-6 */
	if (!returned)
		sc_set(&res[n++], SC_CTX_6, V_SKIP, "not observed: the call "
		    "did not return");
	else if (ob->ob_big_in != ob->ob_big_out)
		sc_set(&res[n++], SC_CTX_6, V_FAIL, "kernel lock depth %d -> "
		    "%d (mpsafe=%d)", ob->ob_big_in, ob->ob_big_out,
		    d->d_mpsafe);
	else
		sc_set(&res[n++], SC_CTX_6, V_PASS, "kernel lock depth %d "
		    "unchanged (mpsafe=%d)", ob->ob_big_in, d->d_mpsafe);

	/* SC-CMP-1 */
	if (done == 0)
		sc_set(&res[n++], SC_CMP_1, V_SKIP, "not observed: nothing "
		    "completed");
	else if (twice > 0)
		sc_set(&res[n++], SC_CMP_1, V_FAIL, "%u of %d buf(s) "
		    "completed more than once", twice, c->c_nio);
	else
		sc_set(&res[n++], SC_CMP_1, V_PASS, "%u of %d completed once",
		    done, c->c_nio);

	/* SC-CMP-2 */
	if (!returned && done == 0)
		sc_set(&res[n++], SC_CMP_2, V_SKIP, "not observed: the call "
		    "did not return");
	else if (!all_done)
		sc_set(&res[n++], SC_CMP_2, V_FAIL, "%u of %d buf(s) completed"
		    " within %d ms", done, c->c_nio, sc_args.deadline_ms);
	else
		sc_set(&res[n++], SC_CMP_2, V_PASS, "%d completed, first in "
		    "%s context%s", c->c_nio, c->c_io[0].io_done_intr ?
		    "interrupt" : "thread or softint",
		    c->c_io[0].io_done_early ? ", before strategy returned" :
		    "");

	/* SC-CMP-3 */
	if (done == 0)
		sc_set(&res[n++], SC_CMP_3, V_SKIP, "not observed: nothing "
		    "completed");
	else if (touched > 0)
		sc_set(&res[n++], SC_CMP_3, V_FAIL, "%u buf(s) changed after "
		    "biodone", touched);
	else
		sc_set(&res[n++], SC_CMP_3, V_PASS, "no buf touched after "
		    "biodone");

	/* SC-ADV-1: time on the CPU inside one call. */
	busy = sc_busy_us(c);
	if (!returned)
		sc_set(&res[n++], SC_ADV_1, V_SKIP, "not observed: the call "
		    "did not return");
	else if (!ob->ob_watched && ob->ob_vcsw > 0)
		sc_set(&res[n++], SC_ADV_1, V_SKIP, "the call blocked and no "
		    "second CPU measured for how long");
	else if (busy > (uint64_t)sc_args.adv_us &&
	    c->c_busy_again <= (uint64_t)sc_args.adv_us)
		sc_set(&res[n++], SC_ADV_1, V_PASS, "%llu us on the CPU, but "
		    "%llu us for the same request again: a stall of the "
		    "machine, not of the driver", (unsigned long long)busy,
		    (unsigned long long)c->c_busy_again);
	else if (busy > (uint64_t)sc_args.adv_us)
		sc_set(&res[n++], SC_ADV_1, V_FAIL, "%llu us on the CPU inside"
		    " strategy, %llu us again (limit %d)",
		    (unsigned long long)busy,
		    (unsigned long long)c->c_busy_again, sc_args.adv_us);
	else
		sc_set(&res[n++], SC_ADV_1, V_PASS, "%llu us on the CPU",
		    (unsigned long long)busy);

	sc_judge_op(c, &res[n++], aux_error, data_ok);

	/* The context clause: callable here, all the rest considered. */
	failed[0] = '\0';
	for (k = 0; k < n; k++)
		if (res[k].r_v == V_FAIL && strcmp(res[k].r_clause, SC_ADV_1) != 0) {
			strlcat(failed, failed[0] ? "," : "", sizeof(failed));
			strlcat(failed, res[k].r_clause, sizeof(failed));
		}
	if (failed[0] != '\0')
		sc_set(&res[n++], sc_ctx_clause[c->c_ctx], V_FAIL, "%s: %s "
		    "failed %s", sc_ctx_names[c->c_ctx], failed, ctxd);
	else
		sc_set(&res[n++], sc_ctx_clause[c->c_ctx], V_PASS, "%s %s",
		    sc_ctx_names[c->c_ctx], ctxd);
	KASSERT(n == SC_NCLAUSES);
	return n;
}

static void
sc_case_name(const struct sc_case *c, char *buf, size_t len)
{

	snprintf(buf, len, "%s %s %s", c->c_dev->d_name,
	    sc_ctx_names[c->c_ctx], sc_op_names[c->c_op]);
}

static void
sc_announce(const struct sc_case *c)
{
	char name[64];
	u_int i;

	sc_case_name(c, name, sizeof(name));
	printf("    KTAP version 1\n    # Subtest: %s\n", name);
	/* What a panic in this case breaks: the op's clause, and the
	 * context's (not callable here). */
	if (c->c_op == SC_OP_READ || c->c_op == SC_OP_WRITE)
		printf("    # on-panic: %s\n", sc_ctx_clause[c->c_ctx]);
	else
		printf("    # on-panic: %s,%s\n", sc_op_clause[c->c_op],
		    sc_ctx_clause[c->c_ctx]);
	printf("    # clauses: ");
	for (i = 0; i < SC_NCOMMON; i++)
		printf("%s,", sc_common_clauses[i]);
	printf("%s,%s\n", sc_op_clause[c->c_op], sc_ctx_clause[c->c_ctx]);
	printf("    1..%d\n", (int)SC_NCLAUSES);
}

static void
sc_report(const struct sc_case *c, const struct sc_result *res, int n)
{
	static const char *const dir[] = {
		[V_PASS] = "", [V_FAIL] = "", [V_SKIP] = "SKIP ",
		[V_ERROR] = "ERROR ",
	};
	char name[64];
	bool fail = false, all_skip = true;
	int i;

	for (i = 0; i < n; i++) {
		printf("    %s %d %s # %s%s\n", res[i].r_v == V_PASS ||
		    res[i].r_v == V_SKIP ? "ok" : "not ok", i + 1,
		    res[i].r_clause, dir[res[i].r_v], res[i].r_detail);
		switch (res[i].r_v) {
		case V_PASS:
			sc_tally.pass++;
			all_skip = false;
			break;
		case V_FAIL:
			sc_tally.fail++;
			fail = true;
			all_skip = false;
			break;
		case V_SKIP:
			sc_tally.skip++;
			break;
		case V_ERROR:
			sc_tally.broken++;
			fail = true;
			all_skip = false;
			break;
		}
	}
	sc_case_name(c, name, sizeof(name));
	printf("%s %d %s%s\n", fail ? "not ok" : "ok", c->c_num, name,
	    all_skip ? " # SKIP" : "");
}

/* Every clause of an announced case, with one verdict and reason. */
static void
sc_report_all(const struct sc_case *c, enum sc_verdict v, const char *why)
{
	struct sc_result res[SC_NCLAUSES];
	u_int i;

	for (i = 0; i < SC_NCLAUSES; i++)
		sc_set(&res[i], i < SC_NCOMMON ? sc_common_clauses[i] :
		    i == SC_NCOMMON ? sc_op_clause[c->c_op] :
		    sc_ctx_clause[c->c_ctx], v, "%s", why);
	sc_report(c, res, SC_NCLAUSES);
}

/* A case that is not run at all: one line, no subtests. */
static void
sc_report_skip(const struct sc_case *c, const char *why)
{
	char name[64];

	sc_case_name(c, name, sizeof(name));
	printf("ok %d %s # SKIP %s\n", c->c_num, name, why);
}

/* --- running one case ------------------------------------------------- */

static void
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

static bool
sc_op_applies(enum sc_ctx ctx, enum sc_op op)
{

	/* A burst is the interrupt-context load case. */
	if (op == SC_OP_BURST)
		return ctx == SC_CTX_SOFTINT || ctx == SC_CTX_HARDINTR;
	return true;
}

/* The device and operation of case number num. */
static bool
sc_case_of(int num, int *dev, enum sc_op *op)
{
	int n = 0, i, x, o;

	for (i = 0; i < sc_ndevs; i++)
		for (x = 0; x < SC_NCTX; x++)
			for (o = 0; o < SC_NOP; o++)
				if (sc_op_applies(x, o) && ++n == num) {
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
	struct sc_result res[SC_NCLAUSES];
	const char *why = NULL, *skip = NULL;
	char dead[64];
	size_t len = (size_t)SC_RWLEN * d->d_secsize;
	int64_t rw = SC_RWBASE + (int64_t)c->c_ctx * 2 * SC_RWLEN;
	uint8_t *want = NULL, *got = NULL;
	bool returned, all_done, data_ok = true, leak = false;
	struct sc_case *again;
	int aux_error = 0, n, i;

	if (sc_list_count(sc_args.skip, c->c_num, c->c_num) > 0) {
		sc_report_skip(c, "host: asked to skip this case");
		sc_tally.skip++;
		return;
	}
	if ((why = sc_down_reason(c, group)) != NULL) {
		sc_report_skip(c, why);
		sc_tally.skip++;
		return;
	}
	if (c->c_op == SC_OP_NOUNIT && sc_nounit_owner(d) != d) {
		/* The same I/O to the same absent unit: judged once. */
		sc_report_skip(c, "judged with the driver's lowest unit");
		sc_tally.skip++;
		return;
	}
	if (!d->d_opened) {
		sc_report_skip(c, "the unit could not be opened");
		sc_tally.skip++;
		return;
	}
	if (!sc_ctx_available(c->c_ctx, &why)) {
		sc_report_skip(c, why);
		sc_tally.skip++;
		return;
	}
	if (c->c_op == SC_OP_RDONLY && d->d_rodev == NODEV)
		skip = "no read-only unit of this driver in the profile";

	sc_announce(c);
	want = kmem_alloc(len, KM_SLEEP);
	got = kmem_alloc(len, KM_SLEEP);

	/* Known contents where read, rdonly and write look. */
	if (c->c_op == SC_OP_READ || c->c_op == SC_OP_RDONLY) {
		sc_pattern(want, len, c->c_num + 1000);
		aux_error = sc_aux_io(d, rw, want, len, false);
	}
	if (skip != NULL) {
		/* Judge nothing; report the clauses as not applicable. */
		c->c_nio = 0;
		sc_report_all(c, V_SKIP, skip);
		goto out;
	}

	sc_prepare(c);
	sc_ctx_run(c);
	returned = sc_watch(c);
	if (!c->c_obs.ob_ran) {
		/* The context never came: nothing about the driver. */
		snprintf(dead, sizeof(dead), "the %s context did not run "
		    "within %d ms", sc_ctx_names[c->c_ctx], SC_STUCK_MS);
		sc_report_all(c, V_ERROR, dead);
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
		if (aux_error == 0 && c->c_io[0].io_ndone > 0)
			data_ok = memcmp(c->c_io[0].io_data, want, len) == 0;
		break;
	case SC_OP_WRITE:
		if (c->c_io[0].io_ndone > 0 && c->c_io[0].io_error == 0) {
			aux_error = sc_aux_io(d, rw, got, len, true);
			data_ok = aux_error == 0 &&
			    memcmp(got, c->c_io[0].io_data, len) == 0;
		}
		break;
	case SC_OP_RDONLY:
		if (c->c_io[0].io_ndone > 0 && aux_error == 0) {
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
	 * context once more.  A driver that busy-waits does it every time;
	 * an emulator's or a host's stall of the guest CPU does not.
	 */
	c->c_busy_again = UINT64_MAX;
	if (returned && sc_busy_us(c) > (uint64_t)sc_args.adv_us &&
	    (c->c_obs.ob_watched || c->c_obs.ob_vcsw == 0)) {
		again = kmem_zalloc(sizeof(*again), KM_SLEEP);
		again->c_num = c->c_num;
		again->c_dev = c->c_dev;
		again->c_ctx = c->c_ctx;
		again->c_op = c->c_op;
		sc_prepare(again);
		sc_ctx_run(again);
		if (sc_watch(again)) {
			c->c_busy_again = sc_busy_us(again);
			(void)sc_wait_done(again->c_io, again->c_nio,
			    sc_args.deadline_ms);
			for (i = 0; i < again->c_nio; i++)
				if (!sc_io_release(&again->c_io[i]))
					leak = true;
			if (!leak)
				kmem_free(again, sizeof(*again));
		} else
			returned = false;	/* stuck now: restart below */
	}

	n = sc_judge(c, returned, all_done, aux_error, data_ok, res);
	sc_report(c, res, n);

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

static int
sc_plan(void)
{
	int n = 0, i, x, o;

	for (i = 0; i < sc_ndevs; i++)
		for (x = 0; x < SC_NCTX; x++)
			for (o = 0; o < SC_NOP; o++)
				if (sc_op_applies(x, o))
					n++;
	return n;
}

static void
sc_main(void *arg)
{
	struct sc_case *c;
	int num, group, i, x, o;

	sc_parse_args();
	sc_find_targets();
	sc_open_targets();

	printf("KTAP version 1\n");
	printf("# strategy-checker: version=%d built-for=%d ncpu=%d hz=%d "
	    "watcher=%d deadline=%d args=\"%s\"\n", SC_VERSION,
	    __NetBSD_Version__, ncpu, hz, sc_watcher, sc_args.deadline_ms,
	    sc_args.raw);
	for (i = 0; i < sc_ndevs; i++) {
		const struct sc_dev *d = &sc_devs[i];

		printf("# device %s attach=\"%s\" dev=%llu,%llu secsize=%u "
		    "nsectors=%lld mpsafe=%d ro=%d open=%d\n", d->d_name,
		    d->d_attach, (unsigned long long)major(d->d_dev),
		    (unsigned long long)minor(d->d_dev), d->d_secsize,
		    (long long)d->d_nsectors, d->d_mpsafe,
		    d->d_rodev != NODEV, d->d_opened);
	}
	printf("1..%d\n", sc_plan());

	c = kmem_zalloc(sizeof(*c), KM_SLEEP);
	num = 0;
	for (i = 0; i < sc_ndevs; i++)
		for (x = 0; x < SC_NCTX; x++)
			for (group = num + 1, o = 0; o < SC_NOP; o++) {
				if (!sc_op_applies(x, o))
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

	sc_close_targets();
	printf("# strategy-checker: done pass=%d fail=%d skip=%d broken=%d\n",
	    sc_tally.pass, sc_tally.fail, sc_tally.skip, sc_tally.broken);

	mutex_enter(&sc_done_mtx);
	sc_done = true;
	cv_broadcast(&sc_done_cv);
	mutex_exit(&sc_done_mtx);
	kthread_exit(0);
}

/*
 * Runs once autoconfiguration is over: every disk has attached.  The
 * checker's thread goes to the second CPU, away from the contexts it
 * drives on the first; this thread waits for it and, under QEMU, powers
 * the machine off.
 */
static int
sc_finalize(device_t self)
{
	static bool once;
	struct cpu_info *ci = NULL;
	int error;

	if (once)
		return 0;
	once = true;

	sc_read_args();
	if (ncpu > 1) {
		ci = cpu_lookup(1);
		sc_watcher = true;
	}
	mutex_init(&sc_objlock, MUTEX_DEFAULT, IPL_VM);
	mutex_init(&sc_done_mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&sc_done_cv, "scdone");
	error = kthread_create(PRI_NONE, KTHREAD_MPSAFE, ci, sc_main, NULL,
	    NULL, "scmain");
	if (error != 0) {
		printf("strategy-checker: can't start: error %d\n", error);
		return 0;
	}
	mutex_enter(&sc_done_mtx);
	while (!sc_done)
		cv_wait(&sc_done_cv, &sc_done_mtx);
	mutex_exit(&sc_done_mtx);

	if (sc_args.qemu) {
		printf("strategy-checker: powering off\n");
		cpu_reboot(RB_HALT | RB_POWERDOWN | RB_NOSYNC, NULL);
	}
	return 0;
}

/* --- module glue ---------------------------------------------------- */

CFDRIVER_DECL(sceedu, DV_DULL, NULL);

static struct cfdriver *const sc_cfdrivers[] = { &sceedu_cd, NULL };
static struct cfattach *const sc_edu_attachs[] = { &sceedu_ca, NULL };
static const struct cfattachinit sc_cfattachs[] = {
	{ "sceedu", sc_edu_attachs },
	{ NULL, NULL },
};
static const struct cfparent sc_pci_parent = { "pci", "pci", DVUNIT_ANY };
static int sc_pci_locs[] = { -1, -1 };	/* dev, function: any */
static struct cfdata sc_cfdata[] = {
	{
		.cf_name = "sceedu",
		.cf_atname = "sceedu",
		.cf_unit = 0,
		.cf_fstate = FSTATE_STAR,
		.cf_loc = sc_pci_locs,
		.cf_flags = 0,
		.cf_pspec = &sc_pci_parent,
	},
	{ .cf_name = NULL },
};

static int
strategy_checker_modcmd(modcmd_t cmd, void *arg)
{
	int error;

	switch (cmd) {
	case MODULE_CMD_INIT:
		printf("strategy-checker: %s\n", sc_built_for);
		if ((error = sc_ctx_init()) != 0)
			return error;
		if ((error = sc_ref_init()) != 0) {
			sc_ctx_fini();
			return error;
		}
		error = config_init_component(sc_cfdrivers, sc_cfattachs,
		    sc_cfdata);
		if (error != 0)
			printf("strategy-checker: no edu driver: error %d\n",
			    error);
		return config_finalize_register(NULL, sc_finalize);
	case MODULE_CMD_FINI:
		/* Threads and bufs may still be with the drivers. */
		return EBUSY;
	default:
		return ENOTTY;
	}
}
