/*
 * strategy_checker: d_diskstart, the per-buf hook of dksubr(9) disks
 * (ld, cgd, xbd, ...).  dk_start() calls it in the caller's context with
 * dksubr's queue lock dropped; on EAGAIN or ENOMEM it keeps the buf and
 * tries it again later, on any other error it completes the buf itself.
 * So a d_diskstart must not complete a buf it refuses (SC-DKS-1) and
 * must leave a deferred buf as it was (SC-DKS-2).
 *
 * dk_start() also runs from the driver's completion, which for wd, sd and
 * most of ld's back-ends is the controller's hard interrupt, and from a
 * case's own hard interrupt: a call there must not sleep or block
 * (SC-DKS-4).  Each call with a checker's buf in a hard interrupt is
 * counted, whether it ran inline in the case's context (same CPU, same
 * interrupt depth, while the case issues: SC-CTX-5's business) or from a
 * completion, and whether the LWP gave up the CPU across the latter.
 *
 * For every target whose disk(9) has a d_diskstart, the disk's dkdriver
 * is replaced, for the run, by a copy whose d_diskstart wraps the
 * driver's own and watches the checker's bufs.  dk_start() reads
 * dk_driver afresh on every call, and the original stays valid for a
 * call already under way.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/buf.h>
#include <sys/device.h>
#include <sys/disk.h>
#include <sys/cpu.h>
#include <sys/errno.h>
#include <sys/lwp.h>

#include "sc.h"

#ifdef SC_HAVE_DISKSTART

struct sc_dkwrap {
	device_t		 w_dv;
	struct disk		*w_dk;
	const struct dkdriver	*w_orig;
	struct dkdriver		 w_copy;
};

static struct sc_dkwrap sc_dkwraps[SC_MAXDEVS];
static int sc_ndkwraps;

/* What d_diskstart may not change on a buf it defers. */
struct sc_bufkey {
	void	*data;
	int	 bcount, error, resid, flags;
	daddr_t	 blkno, rawblkno;
};

static void
sc_bufkey(const buf_t *bp, struct sc_bufkey *k)
{

	memset(k, 0, sizeof(*k));	/* padding too: compared whole */
	k->data = bp->b_data;
	k->bcount = bp->b_bcount;
	k->error = bp->b_error;
	k->resid = bp->b_resid;
	k->flags = bp->b_flags;
	k->blkno = bp->b_blkno;
	k->rawblkno = bp->b_rawblkno;
}

static int
sc_dks_diskstart(device_t dv, struct buf *bp)
{
	const struct dkdriver *orig = NULL;
	struct sc_bufkey before, after;
	struct sc_io *io;
	struct sc_ioobs *o;
	struct sc_case *c = NULL;
	struct cpu_info *ci = NULL;
	lwp_t *l = NULL;
	uint64_t csw = 0;
	unsigned ndone;
	bool hard, inl = false;
	int error, i;

	for (i = 0; i < sc_ndkwraps; i++)
		if (sc_dkwraps[i].w_dv == dv) {
			orig = sc_dkwraps[i].w_orig;
			break;
		}
	KASSERT(orig != NULL);
	if (bp->b_iodone != sc_iodone)
		return orig->d_diskstart(dv, bp);

	io = bp->b_private;
	o = &io->io_o;
	ndone = o->ndone;
	sc_bufkey(bp, &before);
	if ((hard = cpu_intr_p())) {
		c = io->io_case;
		ci = curcpu();
		inl = c->c_issuing && c->c_issue_ci == ci &&
		    c->c_issue_idepth == SC_CPU_IDEPTH(ci);
		l = curlwp;
		csw = SC_LWP_VCSW(l) + SC_LWP_IVCSW(l);
	}
	error = orig->d_diskstart(dv, bp);
	o->dks_calls++;
	if (hard) {
		o->dks_hard++;
		if (inl)
			o->dks_hard_inline++;
		else if (curcpu() != ci ||
		    SC_LWP_VCSW(l) + SC_LWP_IVCSW(l) != csw)
			o->dks_hard_switched++;	/* from a completion */
	}
	if (error == 0)
		return 0;
	o->dks_last_error = error;
	if (o->ndone != ndone) {
		/* Completed, then refused: dk_start() will do it again. */
		o->dks_refused_done++;
	} else if (error == EAGAIN || error == ENOMEM) {
		sc_bufkey(bp, &after);
		if (memcmp(&before, &after, sizeof(before)) != 0)
			o->dks_deferred_touched++;
	}
	return error;
}

bool
sc_dks_wrap(struct sc_dev *d)
{
	struct sc_dkwrap *w;
	struct disk *dk;
	device_t dv;

	if (sc_ndkwraps >= SC_MAXDEVS || d->d_xname[0] == '\0' ||
	    (dk = disk_find(d->d_xname)) == NULL || dk->dk_driver == NULL ||
	    dk->dk_driver->d_diskstart == NULL ||
	    (dv = device_find_by_xname(d->d_xname)) == NULL)
		return false;
	w = &sc_dkwraps[sc_ndkwraps];
	memset(w, 0, sizeof(*w));
	w->w_dv = dv;
	w->w_dk = dk;
	w->w_orig = dk->dk_driver;
	w->w_copy = *dk->dk_driver;
	w->w_copy.d_diskstart = sc_dks_diskstart;
	sc_ndkwraps++;
	dk->dk_driver = &w->w_copy;
	return true;
}

void
sc_dks_unwrap_all(void)
{
	int i;

	for (i = 0; i < sc_ndkwraps; i++)
		sc_dkwraps[i].w_dk->dk_driver = sc_dkwraps[i].w_orig;
}

#else /* !SC_HAVE_DISKSTART */

/* This kernel's dksubr has no d_diskstart: SC-DKS is not judged. */
bool
sc_dks_wrap(struct sc_dev *d)
{

	return false;
}

void
sc_dks_unwrap_all(void)
{
}

#endif /* SC_HAVE_DISKSTART */
