/*
 * A dk wedge on a configured pseudo-disk (vnd0, cgd0).  DIOCAWEDGE goes
 * to the parent's raw partition opened for writing; the kernel fills
 * in the parent's name and returns the new wedge's in dkw_devname.  The
 * wedge leaves a margin at both ends of the parent so that its own
 * end-of-media cases are the dk's, not the parent's; its name must be
 * unique among all wedges of the system.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/ioctl.h>
#include <sys/disk.h>
#include <sys/dkio.h>
#include <sys/errno.h>

#include "pid1_init.h"

#define SC_WEDGE_MARGIN	64		/* sectors at each end */

int
pid1_wedge(const char *drv, const char *unitname, char *dkname, size_t size)
{
	struct dkwedge_info dkw;
	char dev[32], attach[64], path[64];
	off_t bytes;
	long fd, r;

	pid1_strlcpy(dev, "dk-on-", sizeof(dev));
	pid1_strlcat(dev, unitname, sizeof(dev));
	pid1_strlcpy(attach, "dk wedge on ", sizeof(attach));
	pid1_strlcat(attach, unitname, sizeof(attach));
	dkname[0] = '\0';

	/* The units are 0: vnd0, cgd0. */
	r = pid1_mkdisk(drv, 0, 0, path, sizeof(path));
	if (r < 0) {
		pid1_absent(dev, attach, "node", "mknod", r);
		return -1;
	}
	fd = pid1_open(path, O_RDWR, 0);
	if (fd < 0) {
		pid1_absent(dev, attach, "open", "open", fd);
		return -1;
	}
	r = pid1_ioctl((int)fd, DIOCGMEDIASIZE, &bytes);
	if (r < 0) {
		pid1_absent(dev, attach, "size", "ioctl DIOCGMEDIASIZE", r);
		goto out;
	}
	if (bytes / DEV_BSIZE <= 4 * SC_WEDGE_MARGIN) {
		r = -ENOSPC;
		pid1_absent(dev, attach, "size", "ioctl DIOCGMEDIASIZE", r);
		goto out;
	}
	memset(&dkw, 0, sizeof(dkw));
	pid1_strlcpy((char *)dkw.dkw_wname, "strategy9-", sizeof(dkw.dkw_wname));
	pid1_strlcat((char *)dkw.dkw_wname, unitname, sizeof(dkw.dkw_wname));
	dkw.dkw_offset = SC_WEDGE_MARGIN;
	dkw.dkw_size = bytes / DEV_BSIZE - 2 * SC_WEDGE_MARGIN;
	pid1_strlcpy(dkw.dkw_ptype, DKW_PTYPE_UNUSED, sizeof(dkw.dkw_ptype));
	r = pid1_ioctl((int)fd, DIOCAWEDGE, &dkw);
	if (r < 0) {
		pid1_absent(dev, attach, "configure", "ioctl DIOCAWEDGE", r);
		goto out;
	}
	pid1_strlcpy(dkname, dkw.dkw_devname, size);
	pid1_msg("# init: ", dev, ": ", dkname, " (wedge ",
	    (const char *)dkw.dkw_wname, ")", NULL);
out:
	(void)pid1_close((int)fd);
	return r < 0 ? -1 : 0;
}
