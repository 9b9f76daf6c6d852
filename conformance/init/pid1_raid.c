/*
 * raid0: RAIDframe level 1 over its two disks, as "raidctl -C" (a
 * forced configuration: the fresh components have no labels yet), "-I"
 * (labels with a serial number) and "-i" (parity rewritten) would
 * make it.
 *
 * The configure ioctl takes a pointer to an RF_Config_t in both
 * kernels, but the structure and the ioctl changed between them:
 * 7.99.4 has numRow first and RAIDFRAME_CONFIGURE is _IOW('r', 35);
 * 2025 has no rows and the command is 43, with 35 kept as
 * RAIDFRAME_CONFIGURE80 for old binaries (rf_compat80.c).  The header
 * gives the command; the version gives the field.  The rows went in
 * the 8.99 series (the kernel's compat80 still takes them); 8.99
 * kernels older than that change are not known here and are taken as
 * row-less.
 */
#include <stdio.h>
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/ioctl.h>
#include <sys/errno.h>
#include <dev/raidframe/raidframevar.h>
#include <dev/raidframe/raidframeio.h>

#include "pid1_init.h"

#if __NetBSD_Version__ < 899000000
#define SC_RAID_ROWS	1
#endif

#define SC_RAID_SERIAL	2009		/* any: labels carry it */
#define SC_RAID_SECS	300		/* parity rewrite's time limit */
#define SC_RAID_CLEAN	1		/* RF_RAID_CLEAN, rf_raid.h */

static const char pid1_raid_attach[] = "raid level 1 over two disks";

/* Some 24 KiB: static rather than on the stack. */
static RF_Config_t pid1_raid_cfg;

static void
pid1_raid_config(const struct pid1_disks *d)
{
	RF_Config_t *c = &pid1_raid_cfg;
	int i;

	memset(c, 0, sizeof(*c));
#ifdef SC_RAID_ROWS
	c->numRow = 1;
#endif
	c->numCol = 2;
	c->numSpare = 0;
	for (i = 0; i < 2; i++) {
		pid1_strlcpy(c->devnames[0][i], "/dev/",
		    sizeof(c->devnames[0][i]));
		pid1_strlcat(c->devnames[0][i], d->raid[i],
		    sizeof(c->devnames[0][i]));
		pid1_strlcat(c->devnames[0][i], "d", sizeof(c->devnames[0][i]));
	}
	c->sectPerSU = 32;
	c->SUsPerPU = 1;
	c->SUsPerRU = 1;
	c->parityConfig = '1';
	pid1_strlcpy(c->diskQueueType, "fifo", sizeof(c->diskQueueType));
	c->maxOutstandingDiskReqs = 100;
	c->layoutSpecificSize = 0;
	c->layoutSpecific = NULL;
	/* Fresh components have no labels: configure anyway, as -C. */
	c->force = 1;
}

/* Is the parity clean?  <0 (said as the row's reason) if it cannot tell. */
static long
pid1_raid_check(int fd, int *clean)
{
	long r = pid1_ioctl(fd, RAIDFRAME_CHECK_PARITY, clean);

	if (r < 0)
		pid1_absent("raid0", pid1_raid_attach, "parity",
		    "ioctl RAIDFRAME_CHECK_PARITY", r);
	return r;
}

/*
 * Rewrites the parity and waits for the rewrite thread to set the
 * clean flag, which it sets only when done (rf_RewriteParityThread()).
 * The percentage is printed as it goes so that the runner sees life.
 */
static long
pid1_raid_parity(int fd)
{
	char num[24];
	long r;
	int clean = 0, pct, t;

	if ((r = pid1_raid_check(fd, &clean)) < 0 || clean == SC_RAID_CLEAN)
		return r < 0 ? r : 0;
	r = pid1_ioctl(fd, RAIDFRAME_REWRITEPARITY, NULL);
	if (r < 0) {
		pid1_absent("raid0", pid1_raid_attach, "parity",
		    "ioctl RAIDFRAME_REWRITEPARITY", r);
		return r;
	}
	for (t = 0; t < SC_RAID_SECS * 4; t++) {
		pid1_sleep_ms(250);
		if ((r = pid1_raid_check(fd, &clean)) < 0)
			return r;
		if (clean == SC_RAID_CLEAN)
			return 0;
		if (t % 40 == 39 && pid1_ioctl(fd,
		    RAIDFRAME_CHECK_PARITYREWRITE_STATUS, &pct) == 0)
			pid1_msg("# init: raid0: parity rewrite ",
			    pid1_ltoa(pct, num, sizeof(num)), "%", NULL);
	}
	pid1_absent("raid0", pid1_raid_attach, "parity",
	    "wait for RAIDFRAME_CHECK_PARITY clean", ETIMEDOUT);
	return -ETIMEDOUT;
}

int
pid1_raid(const struct pid1_disks *d)
{
	RF_ComponentLabel_t label;
	RF_Config_t *cfgp = &pid1_raid_cfg;
	char path[64];
	long fd, r;

	if (d->raid[1][0] == '\0') {
		pid1_absent("raid0", pid1_raid_attach, "disk", "hw.disknames",
		    ENODEV);
		return -1;
	}
	r = pid1_mkdisk("raid", 0, 0, path, sizeof(path));
	if (r < 0) {
		pid1_absent("raid0", pid1_raid_attach, "node", r == -ENXIO ?
		    "kern.drivers raid" : "mknod", r);
		return -1;
	}
	fd = pid1_open(path, O_RDWR, 0);
	if (fd < 0) {
		pid1_absent("raid0", pid1_raid_attach, "open", "open", fd);
		return -1;
	}
	pid1_raid_config(d);
	/* The argument is a pointer to the pointer to the config. */
	r = pid1_ioctl((int)fd, RAIDFRAME_CONFIGURE, &cfgp);
	if (r < 0) {
		pid1_absent("raid0", pid1_raid_attach, "configure",
		    "ioctl RAIDFRAME_CONFIGURE", r);
		goto out;
	}
	memset(&label, 0, sizeof(label));
	label.serial_number = SC_RAID_SERIAL;
	r = pid1_ioctl((int)fd, RAIDFRAME_INIT_LABELS, &label);
	if (r < 0) {
		pid1_absent("raid0", pid1_raid_attach, "labels",
		    "ioctl RAIDFRAME_INIT_LABELS", r);
		goto out;
	}
	r = pid1_raid_parity((int)fd);
	if (r == 0)
		pid1_msg("# init: raid0: level 1 over ",
		    pid1_raid_cfg.devnames[0][0], " ",
		    pid1_raid_cfg.devnames[0][1], ", parity clean", NULL);
out:
	(void)pid1_close((int)fd);
	return r < 0 ? -1 : 0;
}
