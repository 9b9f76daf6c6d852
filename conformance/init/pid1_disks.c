/*
 * The runner's disks.  It attaches eight virtio-blk disks (ld0..ld7 in
 * the guest); one holds the FFS it made on the host with /vnd.img in
 * it, and it is found by mounting each in turn on /mnt: the one that
 * mounts.  The others, in unit order, are the ccd's two components,
 * RAIDframe's two, cgd's one, swap's partitions' and the FFS of the
 * swap file, mounted on SC_SWAPFS (pid1_swap.c).  Nodes are made for
 * every ld, block (for mount and for the pseudo-disks' component
 * paths) and raw.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/sysctl.h>
#include <sys/mount.h>
#include <ufs/ufs/ufsmount.h>
#include <sys/errno.h>

#include "pid1_init.h"

#define SC_MAXLD	16

static int
pid1_ldunit(const char *name, size_t len)
{
	int unit = 0;
	size_t i;

	if (len < 3 || name[0] != 'l' || name[1] != 'd')
		return -1;
	for (i = 2; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		unit = unit * 10 + (name[i] - '0');
	}
	return unit;
}

/* Tries the FFS on a disk's raw partition, read-write, on dir. */
static long
pid1_try_ffs(const char *blkpath, const char *dir)
{
	struct ufs_args args;

	memset(&args, 0, sizeof(args));
	args.fspec = (char *)(uintptr_t)blkpath;
	return pid1_mount(MOUNT_FFS, dir, 0, &args, sizeof(args));
}

int
pid1_disks_find(struct pid1_disks *d)
{
	static char names[1024];
	int mib[2] = { CTL_HW, HW_DISKNAMES };
	unsigned long len = sizeof(names) - 1;
	int units[SC_MAXLD], n = 0, i, j, other;
	char path[64], num[24];
	long r;

	memset(d, 0, sizeof(*d));
	r = pid1_sysctl(mib, 2, names, &len, NULL, 0);
	if (r < 0) {
		pid1_msg("# init: disks: sysctl hw.disknames error ",
		    pid1_ltoa(-r, num, sizeof(num)), " (", pid1_errname(-r), ")",
		    NULL);
		return (int)r;
	}
	names[len] = '\0';
	pid1_msg("# init: disks: ", names, NULL);

	/* The ld units, in unit order. */
	for (i = 0; names[i] != '\0'; ) {
		int s = i, u;

		while (names[i] != '\0' && names[i] != ' ')
			i++;
		u = pid1_ldunit(names + s, (size_t)(i - s));
		if (u >= 0 && n < SC_MAXLD) {
			for (j = n; j > 0 && units[j - 1] > u; j--)
				units[j] = units[j - 1];
			units[j] = u;
			n++;
		}
		while (names[i] == ' ')
			i++;
	}

	other = 0;
	for (i = 0; i < n; i++) {
		char name[16];

		pid1_strlcpy(name, "ld", sizeof(name));
		pid1_strlcat(name, pid1_ltoa(units[i], num, sizeof(num)),
		    sizeof(name));
		r = pid1_mkdisk("ld", units[i], 0, path, sizeof(path));
		if (r == 0)
			r = pid1_mkdisk("ld", units[i], 1, path, sizeof(path));
		if (r < 0) {
			pid1_msg("# init: disks: ", name, ": mknod error ",
			    pid1_ltoa(-r, num, sizeof(num)), " (",
			    pid1_errname(-r), ")", NULL);
			continue;
		}
		if (d->ffs[0] == '\0') {
			r = pid1_try_ffs(path, "/mnt");
			if (r == 0) {
				pid1_strlcpy(d->ffs, name, sizeof(d->ffs));
				pid1_msg("# init: disks: ", name,
				    ": FFS mounted read-write on /mnt", NULL);
				continue;
			}
		}
		switch (other++) {
		case 0:
		case 1:
			pid1_strlcpy(d->ccd[other - 1], name, sizeof(d->ccd[0]));
			break;
		case 2:
		case 3:
			pid1_strlcpy(d->raid[other - 3], name,
			    sizeof(d->raid[0]));
			break;
		case 4:
			pid1_strlcpy(d->cgd, name, sizeof(d->cgd));
			break;
		case 5:
			pid1_strlcpy(d->swap, name, sizeof(d->swap));
			break;
		case 6:
			/* An FFS of its own, that fss0 never snapshots. */
			r = pid1_mkdir(SC_SWAPFS, 0755);
			if (r == 0 || r == -EEXIST)
				r = pid1_try_ffs(path, SC_SWAPFS);
			if (r == 0)
				pid1_strlcpy(d->swapfs, name, sizeof(d->swapfs));
			else
				pid1_msg("# init: disks: ", name, ": mount on ",
				    SC_SWAPFS, " error ",
				    pid1_ltoa(-r, num, sizeof(num)), " (",
				    pid1_errname(-r), ")", NULL);
			break;
		default:
			break;
		}
	}
	pid1_msg("# init: disks: ffs=", d->ffs, " ccd=", d->ccd[0], ",",
	    d->ccd[1], " raid=", d->raid[0], ",", d->raid[1], " cgd=", d->cgd,
	    " swap=", d->swap, " swapfs=", d->swapfs, NULL);
	return 0;
}
