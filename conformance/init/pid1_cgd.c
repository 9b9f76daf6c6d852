/*
 * cgd0 on its raw disk.  aes-cbc with a 128-bit key and the encblkno1
 * IV method is in both kernels (cgd_crypto.c: "aes-cbc" in 2015 and
 * 2025; encblkno1 in cgd.c's encblkno[] table of both); the cipher's
 * own block size is taken ((size_t)-1 means 128 bits to both).  The key
 * is fixed: the checker needs a working unit, not secrecy.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/ioctl.h>
#include <sys/errno.h>
#include <dev/cgdvar.h>

#include "pid1_init.h"

#define SC_CGD_KEYBITS	128

static const char pid1_cgd_attach[] = "cgd aes-cbc 128 encblkno1 on a disk";

/*
 * cgd copies ci_keylen / 8 + 1 bytes of key (cgd_ioctl_set()), one
 * more than the key: the buffer is bigger.
 */
static const char pid1_cgd_key[SC_CGD_KEYBITS / 8 + 16] =
    "strategy9-cgdkey";

int
pid1_cgd(const struct pid1_disks *d)
{
	struct cgd_ioctl ci;
	char comp[64], path[64];
	long fd, r;

	if (d->cgd[0] == '\0') {
		pid1_absent("cgd0", pid1_cgd_attach, "disk", "hw.disknames",
		    ENODEV);
		return -1;
	}
	pid1_strlcpy(comp, "/dev/", sizeof(comp));
	pid1_strlcat(comp, d->cgd, sizeof(comp));
	pid1_strlcat(comp, "d", sizeof(comp));
	r = pid1_mkdisk("cgd", 0, 0, path, sizeof(path));
	if (r < 0) {
		pid1_absent("cgd0", pid1_cgd_attach, "node", r == -ENXIO ?
		    "kern.drivers cgd" : "mknod", r);
		return -1;
	}
	fd = pid1_open(path, O_RDWR, 0);
	if (fd < 0) {
		pid1_absent("cgd0", pid1_cgd_attach, "open", "open", fd);
		return -1;
	}
	memset(&ci, 0, sizeof(ci));
	ci.ci_disk = comp;
	ci.ci_alg = "aes-cbc";
	ci.ci_ivmethod = "encblkno1";
	ci.ci_keylen = SC_CGD_KEYBITS;
	ci.ci_key = pid1_cgd_key;
	ci.ci_blocksize = (size_t)-1;
	r = pid1_ioctl((int)fd, CGDIOCSET, &ci);
	(void)pid1_close((int)fd);
	if (r < 0) {
		pid1_absent("cgd0", pid1_cgd_attach, "configure", "ioctl CGDIOCSET",
		    r);
		return -1;
	}
	pid1_msg("# init: cgd0: aes-cbc 128 encblkno1 on ", comp, NULL);
	return 0;
}
