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

#include "sc_init.h"

#define SC_CCD_ILEAVE	32

static const char sc_ccd_attach[] = "ccd interleaved over two disks";

int
sc_ccd(const struct sc_disks *d)
{
	struct ccd_ioctl cio;
	char comp[2][64], *comps[2], path[64];
	long fd, r;
	int i;

	if (d->ccd[1][0] == '\0') {
		sc_absent("ccd0", sc_ccd_attach, "disk", "hw.disknames",
		    ENODEV);
		return -1;
	}
	for (i = 0; i < 2; i++) {
		sc_strlcpy(comp[i], "/dev/", sizeof(comp[i]));
		sc_strlcat(comp[i], d->ccd[i], sizeof(comp[i]));
		sc_strlcat(comp[i], "d", sizeof(comp[i]));
		comps[i] = comp[i];
	}
	r = sc_mkdisk("ccd", 0, 0, path, sizeof(path));
	if (r < 0) {
		sc_absent("ccd0", sc_ccd_attach, "node", r == -ENXIO ?
		    "kern.drivers ccd" : "mknod", r);
		return -1;
	}
	fd = sc_open(path, O_RDWR, 0);
	if (fd < 0) {
		sc_absent("ccd0", sc_ccd_attach, "open", "open", fd);
		return -1;
	}
	memset(&cio, 0, sizeof(cio));
	cio.ccio_disks = comps;
	cio.ccio_ndisks = 2;
	cio.ccio_ileave = SC_CCD_ILEAVE;
	cio.ccio_flags = CCDF_UNIFORM;
	r = sc_ioctl((int)fd, CCDIOCSET, &cio);
	(void)sc_close((int)fd);
	if (r < 0) {
		sc_absent("ccd0", sc_ccd_attach, "configure", "ioctl CCDIOCSET",
		    r);
		return -1;
	}
	sc_msg("# init: ccd0: interleave 32 over ", comp[0], " ", comp[1],
	    NULL);
	return 0;
}
