/*
 * Device nodes.  /dev is an empty tmpfs: every node is made here, with
 * the major the running kernel gives its driver in the kern.drivers
 * sysctl, never a number written down (majors differ between kernels
 * and for loaded drivers).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/sysctl.h>
#include <sys/disklabel.h>
#include <sys/stat.h>
#include <sys/errno.h>

#include "pid1_init.h"

/* Some three hundred drivers of 32 bytes each; room to spare. */
static struct kinfo_drivers pid1_drv[2048];
static size_t pid1_ndrv;

int
pid1_drivers_load(void)
{
	int mib[2] = { CTL_KERN, KERN_DRIVERS };
	unsigned long len = sizeof(pid1_drv);
	long r;

	r = pid1_sysctl(mib, 2, pid1_drv, &len, NULL, 0);
	if (r < 0)
		return (int)r;
	pid1_ndrv = len / sizeof(pid1_drv[0]);
	return 0;
}

/* The block (blk != 0) or character major of a driver, or -1. */
long
pid1_major(const char *name, int blk)
{
	size_t i;

	for (i = 0; i < pid1_ndrv; i++) {
		if (!pid1_streq(pid1_drv[i].d_name, name))
			continue;
		if (blk)
			return pid1_drv[i].d_bmajor == NODEVMAJOR ? -1 :
			    (long)pid1_drv[i].d_bmajor;
		return pid1_drv[i].d_cmajor == NODEVMAJOR ? -1 :
		    (long)pid1_drv[i].d_cmajor;
	}
	return -1;
}

static long
pid1_mknode(const char *path, int blk, dev_t dev)
{
	long r;

	r = pid1_mknod(path, (blk ? S_IFBLK : S_IFCHR) | 0600, dev);
	return r == -EEXIST ? 0 : r;
}

/*
 * The raw partition of a disk unit, /dev/<drv><unit>d (block) or
 * /dev/r<drv><unit>d (character); its path goes to path.  The minor
 * is the disklabel's: unit * MAXPARTITIONS + RAW_PART.
 */
long
pid1_mkdisk(const char *drv, int unit, int blk, char *path, size_t size)
{
	char num[24];
	char part[2] = { 'a' + RAW_PART, '\0' };
	long maj;

	maj = pid1_major(drv, blk);
	if (maj < 0)
		return -ENXIO;
	pid1_strlcpy(path, blk ? "/dev/" : "/dev/r", size);
	pid1_strlcat(path, drv, size);
	pid1_strlcat(path, pid1_ltoa(unit, num, sizeof(num)), size);
	pid1_strlcat(path, part, size);
	return pid1_mknode(path, blk, MAKEDISKDEV(maj, unit, RAW_PART));
}

/* A character node with a plain minor (the console, fss). */
long
pid1_mkchar(const char *drv, int minor, const char *path)
{
	long maj;

	maj = pid1_major(drv, 0);
	if (maj < 0)
		return -ENXIO;
	return pid1_mknode(path, 0, makedev(maj, minor));
}
