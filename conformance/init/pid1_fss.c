/*
 * fss0: a snapshot of the FFS mounted on /mnt.
 *
 * fss_create_files() (fss.c of 2015 and 2025 alike) takes two kinds of
 * backing store.  A regular file on the snapshotted file system itself
 * makes an FFS-internal snapshot (VFS_SNAPSHOT, ffs_snapshot()): it
 * needs the kernel's FFS snapshot support, turns the file into a
 * persistent snapshot inode inside the very FFS that also backs vnd0,
 * and copies blocks through FFS's own code.  A file on another file
 * system is fss's own copy-on-write store, written with vn_rdwr; it
 * needs only a suspendable file system under the snapshot (FFS is).
 * The second works the same way on both kernels and keeps the strategy
 * under test fss's own: the store is a file on tmpfs /tmp.  It must
 * exist (vn_open without O_CREAT); it is left linked, which costs
 * nothing on a tmpfs that dies with the guest.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/mount.h>
#include <sys/errno.h>
#include <dev/fssvar.h>

#include "pid1_init.h"

static const char pid1_fss_attach[] =
    "fss snapshot of FFS /mnt, store on tmpfs";

int
pid1_fss(const struct pid1_disks *d)
{
	static const char store[] = "/tmp/fss0.store";
	struct fss_set fs;
	long fd, r;

	if (d->ffs[0] == '\0') {
		pid1_absent("fss0", pid1_fss_attach, "disk", "mount ffs on /mnt",
		    ENODEV);
		return -1;
	}
	fd = pid1_open(store, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		pid1_absent("fss0", pid1_fss_attach, "backing store", "open", fd);
		return -1;
	}
	(void)pid1_close((int)fd);
	/* fss has no partitions: the minor is the unit. */
	r = pid1_mkchar("fss", 0, "/dev/rfss0");
	if (r < 0) {
		pid1_absent("fss0", pid1_fss_attach, "node", r == -ENXIO ?
		    "kern.drivers fss" : "mknod", r);
		return -1;
	}
	fd = pid1_open("/dev/rfss0", O_RDWR, 0);
	if (fd < 0) {
		pid1_absent("fss0", pid1_fss_attach, "open", "open", fd);
		return -1;
	}
	memset(&fs, 0, sizeof(fs));
	fs.fss_mount = "/mnt";
	fs.fss_bstore = (char *)(uintptr_t)store;
	fs.fss_csize = 0;		/* fss's default cluster size */
	fs.fss_flags = 0;		/* kept after the close below */
	r = pid1_ioctl((int)fd, FSSIOCSET, &fs);
	(void)pid1_close((int)fd);
	if (r < 0) {
		pid1_absent("fss0", pid1_fss_attach, "configure", "ioctl FSSIOCSET",
		    r);
		return -1;
	}
	pid1_msg("# init: fss0: snapshot of /mnt, store ", store, NULL);
	return 0;
}
