/*
 * ccd0 interleaved over its two disks: an interleave of 32 sectors
 * makes a transfer of the checker's larger sizes cross components, so
 * that ccd splits it (its component bufs, ccdiodone()).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/ioctl.h>
#include <sys/disk.h>
#include <sys/errno.h>
#include <dev/ccdvar.h>

#include "pid1_init.h"

#define SC_CCD_ILEAVE	32

static const char pid1_ccd_attach[] = "ccd interleaved over two disks";

int
pid1_ccd(const struct pid1_disks *d)
{
	struct ccd_ioctl cio;
	char comp[2][64], *comps[2], path[64];
	long fd, r;
	int i;

	if (d->ccd[1][0] == '\0') {
		pid1_absent("ccd0", pid1_ccd_attach, "disk", "hw.disknames",
		    ENODEV);
		return -1;
	}
	for (i = 0; i < 2; i++) {
		pid1_strlcpy(comp[i], "/dev/", sizeof(comp[i]));
		pid1_strlcat(comp[i], d->ccd[i], sizeof(comp[i]));
		pid1_strlcat(comp[i], "d", sizeof(comp[i]));
		comps[i] = comp[i];
	}
	r = pid1_mkdisk("ccd", 0, 0, path, sizeof(path));
	if (r < 0) {
		pid1_absent("ccd0", pid1_ccd_attach, "node", r == -ENXIO ?
		    "kern.drivers ccd" : "mknod", r);
		return -1;
	}
	fd = pid1_open(path, O_RDWR, 0);
	if (fd < 0) {
		pid1_absent("ccd0", pid1_ccd_attach, "open", "open", fd);
		return -1;
	}
	memset(&cio, 0, sizeof(cio));
	cio.ccio_disks = comps;
	cio.ccio_ndisks = 2;
	cio.ccio_ileave = SC_CCD_ILEAVE;
	cio.ccio_flags = CCDF_UNIFORM;
	r = pid1_ioctl((int)fd, CCDIOCSET, &cio);
	(void)pid1_close((int)fd);
	if (r < 0) {
		pid1_absent("ccd0", pid1_ccd_attach, "configure", "ioctl CCDIOCSET",
		    r);
		return -1;
	}
	pid1_msg("# init: ccd0: interleave 32 over ", comp[0], " ", comp[1],
	    NULL);
	return 0;
}
