/*
 * sc-init's main: /dev and the console, /tmp, the disks, each
 * pseudo-disk in turn, then the checker, then power off.  Every
 * pseudo-disk is independent: a failure prints its "# absent" line and
 * the next one is tried.  Nothing here returns or exits.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/mount.h>
#include <fs/tmpfs/tmpfs_args.h>
#include <sys/errno.h>

#include "pid1_init.h"

#define SC_STR(x)	#x
#define SC_XSTR(x)	SC_STR(x)

void	pid1_main(void) __attribute__((__noreturn__));

static struct pid1_units pid1_units;

static void
pid1_configured(const char *unit)
{
	if (pid1_units.list[0] != '\0')
		pid1_strlcat(pid1_units.list, ",", sizeof(pid1_units.list));
	pid1_strlcat(pid1_units.list, unit, sizeof(pid1_units.list));
}

static long
pid1_tmpfs(const char *dir)
{
	struct tmpfs_args ta;

	memset(&ta, 0, sizeof(ta));
	ta.ta_version = TMPFS_ARGS_VERSION;
	ta.ta_root_mode = 01777;	/* size and nodes: tmpfs defaults */
	return pid1_mount(MOUNT_TMPFS, dir, 0, &ta, sizeof(ta));
}

/*
 * /dev on tmpfs and the console on fd 0, 1 and 2.  Without them
 * nothing can be said, so the machine goes off.
 */
static void
pid1_console(void)
{
	int i;

	if (pid1_tmpfs("/dev") < 0 || pid1_drivers_load() < 0 ||
	    pid1_mkchar("cons", 0, "/dev/console") < 0)
		pid1_poweroff();
	for (i = 0; i < 3; i++)
		if (pid1_open("/dev/console", O_RDWR, 0) != i)
			pid1_poweroff();
}

void
pid1_main(void)
{
	struct pid1_disks disks;
	static char swaparg[200];
	char dk[16], num[24];
	long r;
	int vnd0, cgd0;

	pid1_console();
	pid1_msg("# init: sc-init built for __NetBSD_Version__ ",
	    SC_XSTR(__NetBSD_Version__), NULL);
	r = pid1_tmpfs("/tmp");
	if (r < 0)
		pid1_msg("# init: mount tmpfs on /tmp error ",
		    pid1_ltoa(-r, num, sizeof(num)), " (", pid1_errname(-r), ")",
		    NULL);
	(void)pid1_disks_find(&disks);

	if ((vnd0 = pid1_vnd_ffs(&disks) == 0))
		pid1_configured("vnd0");
	if (pid1_vnd_tmpfs() == 0)
		pid1_configured("vnd1");
	if ((cgd0 = pid1_cgd(&disks) == 0))
		pid1_configured("cgd0");
	if (pid1_ccd(&disks) == 0)
		pid1_configured("ccd0");
	if (pid1_raid(&disks) == 0)
		pid1_configured("raid0");
	if (pid1_md() == 0)
		pid1_configured("md0");
	if (pid1_fss(&disks) == 0)
		pid1_configured("fss0");
	/* The drum's rows: ranges, not units (pid1_swap.c). */
	pid1_strlcpy(swaparg, "swap=", sizeof(swaparg));
	if (pid1_swap(&disks, pid1_configured, swaparg + 5,
	    sizeof(swaparg) - 5) == 0)
		swaparg[0] = '\0';

	/* The wedges need their parents. */
	if (vnd0) {
		if (pid1_wedge("vnd", "vnd0", dk, sizeof(dk)) == 0)
			pid1_configured(dk);
	} else
		pid1_absent("dk-on-vnd0", "dk wedge on vnd0", "parent",
		    "vnd0 not configured", ENXIO);
	if (cgd0) {
		if (pid1_wedge("cgd", "cgd0", dk, sizeof(dk)) == 0)
			pid1_configured(dk);
	} else
		pid1_absent("dk-on-cgd0", "dk wedge on cgd0", "parent",
		    "cgd0 not configured", ENXIO);

	pid1_msg("# init: configured: ", pid1_units.list, NULL);
	(void)pid1_sync();
	pid1_checker_run(pid1_units.list, swaparg);
	pid1_msg("# init: powering off", NULL);
	pid1_poweroff();
}
