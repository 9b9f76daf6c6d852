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

#include "sc_init.h"

/* Some three hundred drivers of 32 bytes each; room to spare. */
static struct kinfo_drivers sc_drv[2048];
static size_t sc_ndrv;

int
sc_drivers_load(void)
{
	int mib[2] = { CTL_KERN, KERN_DRIVERS };
	unsigned long len = sizeof(sc_drv);
	long r;

	r = sc_sysctl(mib, 2, sc_drv, &len, NULL, 0);
	if (r < 0)
		return (int)r;
	sc_ndrv = len / sizeof(sc_drv[0]);
	return 0;
}

/* The block (blk != 0) or character major of a driver, or -1. */
long
sc_major(const char *name, int blk)
{
	size_t i;

	for (i = 0; i < sc_ndrv; i++) {
		if (!sc_streq(sc_drv[i].d_name, name))
			continue;
		if (blk)
			return sc_drv[i].d_bmajor == NODEVMAJOR ? -1 :
			    (long)sc_drv[i].d_bmajor;
		return sc_drv[i].d_cmajor == NODEVMAJOR ? -1 :
		    (long)sc_drv[i].d_cmajor;
	}
	return -1;
}

static long
sc_mknode(const char *path, int blk, dev_t dev)
{
	long r;

	r = sc_mknod(path, (blk ? S_IFBLK : S_IFCHR) | 0600, dev);
	return r == -EEXIST ? 0 : r;
}

/*
 * The raw partition of a disk unit, /dev/<drv><unit>d (block) or
 * /dev/r<drv><unit>d (character); its path goes to path.  The minor
 * is the disklabel's: unit * MAXPARTITIONS + RAW_PART.
 */
long
sc_mkdisk(const char *drv, int unit, int blk, char *path, size_t size)
{
	char num[24];
	char part[2] = { 'a' + RAW_PART, '\0' };
	long maj;

	maj = sc_major(drv, blk);
	if (maj < 0)
		return -ENXIO;
	sc_strlcpy(path, blk ? "/dev/" : "/dev/r", size);
	sc_strlcat(path, drv, size);
	sc_strlcat(path, sc_ltoa(unit, num, sizeof(num)), size);
	sc_strlcat(path, part, size);
	return sc_mknode(path, blk, MAKEDISKDEV(maj, unit, RAW_PART));
}

/* A character node with a plain minor (the console, fss). */
long
sc_mkchar(const char *drv, int minor, const char *path)
{
	long maj;

	maj = sc_major(drv, 0);
	if (maj < 0)
		return -ENXIO;
	return sc_mknode(path, 0, makedev(maj, minor));
}
