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

#include "sc_init.h"

#define SC_STR(x)	#x
#define SC_XSTR(x)	SC_STR(x)

void	sc_main(void) __attribute__((__noreturn__));

static struct sc_units sc_units;

static void
sc_configured(const char *unit)
{
	if (sc_units.list[0] != '\0')
		sc_strlcat(sc_units.list, ",", sizeof(sc_units.list));
	sc_strlcat(sc_units.list, unit, sizeof(sc_units.list));
}

static long
sc_tmpfs(const char *dir)
{
	struct tmpfs_args ta;

	memset(&ta, 0, sizeof(ta));
	ta.ta_version = TMPFS_ARGS_VERSION;
	ta.ta_root_mode = 01777;	/* size and nodes: tmpfs defaults */
	return sc_mount(MOUNT_TMPFS, dir, 0, &ta, sizeof(ta));
}

/*
 * /dev on tmpfs and the console on fd 0, 1 and 2.  Without them
 * nothing can be said, so the machine goes off.
 */
static void
sc_console(void)
{
	int i;

	if (sc_tmpfs("/dev") < 0 || sc_drivers_load() < 0 ||
	    sc_mkchar("cons", 0, "/dev/console") < 0)
		sc_poweroff();
	for (i = 0; i < 3; i++)
		if (sc_open("/dev/console", O_RDWR, 0) != i)
			sc_poweroff();
}

void
sc_main(void)
{
	struct sc_disks disks;
	static char swaparg[200];
	char dk[16], num[24];
	long r;
	int vnd0, cgd0;

	sc_console();
	sc_msg("# init: sc-init built for __NetBSD_Version__ ",
	    SC_XSTR(__NetBSD_Version__), NULL);
	r = sc_tmpfs("/tmp");
	if (r < 0)
		sc_msg("# init: mount tmpfs on /tmp error ",
		    sc_ltoa(-r, num, sizeof(num)), " (", sc_errname(-r), ")",
		    NULL);
	(void)sc_disks_find(&disks);

	if ((vnd0 = sc_vnd_ffs(&disks) == 0))
		sc_configured("vnd0");
	if (sc_vnd_tmpfs() == 0)
		sc_configured("vnd1");
	if ((cgd0 = sc_cgd(&disks) == 0))
		sc_configured("cgd0");
	if (sc_ccd(&disks) == 0)
		sc_configured("ccd0");
	if (sc_raid(&disks) == 0)
		sc_configured("raid0");
	if (sc_md() == 0)
		sc_configured("md0");
	if (sc_fss(&disks) == 0)
		sc_configured("fss0");
	/* The drum's rows: ranges, not units (sc_swap.c). */
	sc_strlcpy(swaparg, "swap=", sizeof(swaparg));
	if (sc_swap(&disks, sc_configured, swaparg + 5,
	    sizeof(swaparg) - 5) == 0)
		swaparg[0] = '\0';

	/* The wedges need their parents. */
	if (vnd0) {
		if (sc_wedge("vnd", "vnd0", dk, sizeof(dk)) == 0)
			sc_configured(dk);
	} else
		sc_absent("dk-on-vnd0", "dk wedge on vnd0", "parent",
		    "vnd0 not configured", ENXIO);
	if (cgd0) {
		if (sc_wedge("cgd", "cgd0", dk, sizeof(dk)) == 0)
			sc_configured(dk);
	} else
		sc_absent("dk-on-cgd0", "dk wedge on cgd0", "parent",
		    "cgd0 not configured", ENXIO);

	sc_msg("# init: configured: ", sc_units.list, NULL);
	(void)sc_sync();
	sc_checker_run(sc_units.list, swaparg);
	sc_msg("# init: powering off", NULL);
	sc_poweroff();
}
