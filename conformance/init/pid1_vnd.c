/*
 * vnd0 and vnd1: one unit for each of vnd's two I/O paths.
 *
 * vndthread() chooses the path once, when the unit is configured:
 * VOP_BMAP/VOP_STRATEGY on the backing file's own disk when the file
 * system has both operations, vn_rdwr() (VOP_READ/VOP_WRITE through
 * the buffer cache) otherwise.  VNDIOCSET forces vn_rdwr for a sparse
 * file (va_bytes < va_size), and the 2025 kernel also when the file
 * system's smallest I/O is larger than vnd's sector or when asked
 * (VNDIOF_FILEIO).  In the sources:
 *   2025 vnd.c:1262-1263 (VNDIOF_FILEIO), 1277-1279 (sparse),
 *        1429-1435 (pid1_iosize), 643-657 (the choice), 592-600
 *        (vnode_has_large_blocks), 781-797 (vnode_has_op);
 *   2015 vnd.c:1156-1158 (sparse), 594-601 (the choice), 721-737
 *        (vnode_has_op; no large-block test in 2015).
 *
 * vnd0: /mnt/vnd.img on the FFS.  FFS has ufs_bmap and ufs_strategy
 * (ffs_vnops.c); makefs allocates every block of a file it copies (it
 * writes each one, zeros too), so va_bytes >= va_size and the file is
 * not sparse; 2025's pid1_iosize is the ld's sector, 512, which divides
 * vnd's 512-byte sector.  VOP_BMAP/VOP_STRATEGY on both kernels.
 *
 * vnd1: a file on tmpfs /tmp.  tmpfs has no VOP_BMAP/VOP_STRATEGY on
 * either kernel (genfs_eopnotsupp: 2025 tmpfs_vnops.c:102-103; 2015
 * tmpfs_vnops.c:100-101 through tmpfs_vnops.h:79-80), which
 * vnode_has_op() reads as absent: vn_rdwr on both.  Where the header
 * has VNDIOF_FILEIO the flag is set too, so that the path does not
 * depend on tmpfs keeping those entries.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/ioctl.h>
#include <sys/errno.h>
#include <dev/vndvar.h>

#include "pid1_init.h"

#define SC_VND_BYTES	(16L * 1024 * 1024)

static char pid1_zero[64 * 1024];

static int
pid1_vnd_set(int unit, const char *dev, const char *attach, const char *file,
    int flags)
{
	struct vnd_ioctl vio;
	char path[64];
	long fd, r;

	r = pid1_mkdisk("vnd", unit, 0, path, sizeof(path));
	if (r < 0) {
		pid1_absent(dev, attach, "node", r == -ENXIO ?
		    "kern.drivers vnd" : "mknod", r);
		return -1;
	}
	fd = pid1_open(path, O_RDWR, 0);
	if (fd < 0) {
		pid1_absent(dev, attach, "open", "open", fd);
		return -1;
	}
	memset(&vio, 0, sizeof(vio));
	vio.vnd_file = (char *)(uintptr_t)file;
	vio.vnd_flags = flags;
	r = pid1_ioctl((int)fd, VNDIOCSET, &vio);
	(void)pid1_close((int)fd);
	if (r < 0) {
		pid1_absent(dev, attach, "configure", "ioctl VNDIOCSET", r);
		return -1;
	}
	return 0;
}

int
pid1_vnd_ffs(const struct pid1_disks *d)
{
	static const char attach[] =
	    "vnd on an FFS file (VOP_BMAP/VOP_STRATEGY)";

	if (d->ffs[0] == '\0') {
		pid1_absent("vnd0", attach, "disk", "mount ffs on /mnt", ENODEV);
		return -1;
	}
	pid1_msg("# init: vnd0: /mnt/vnd.img on FFS: expect VOP_BMAP/"
	    "VOP_STRATEGY (FFS has both, the file is not sparse, the "
	    "disk's sector is 512)", NULL);
	return pid1_vnd_set(0, "vnd0", attach, "/mnt/vnd.img", 0);
}

int
pid1_vnd_tmpfs(void)
{
	static const char attach[] = "vnd on a tmpfs file (vn_rdwr)";
	static const char file[] = "/tmp/vnd1.img";
	long fd, r = 0, done;
	int flags = 0;

	fd = pid1_open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		pid1_absent("vnd1", attach, "backing file", "open", fd);
		return -1;
	}
	/* Written, not truncated: a sparse file has no blocks to read. */
	for (done = 0; done < SC_VND_BYTES; done += r) {
		r = pid1_write((int)fd, pid1_zero, sizeof(pid1_zero));
		if (r <= 0)
			break;
	}
	(void)pid1_close((int)fd);
	if (r <= 0) {
		pid1_absent("vnd1", attach, "backing file", "write",
		    r < 0 ? r : -ENOSPC);
		return -1;
	}
#ifdef VNDIOF_FILEIO
	flags |= VNDIOF_FILEIO;
#endif
	pid1_msg("# init: vnd1: /tmp/vnd1.img on tmpfs: expect vn_rdwr "
	    "(tmpfs has no VOP_BMAP/VOP_STRATEGY)", NULL);
	return pid1_vnd_set(1, "vnd1", attach, file, flags);
}
