/*
 * profile.h - QEMU profiles (qemu-images/profiles/NAME.profile).
 *
 * A profile is a text file of key=value lines; blank lines and lines
 * starting with "#" are ignored.  Keys:
 *   name=<word>          profile name (default: file name without .profile)
 *   description=<text>   free text
 *   machine=<type>       QEMU machine (default pc)
 *   accel=<a[:b...]>     accelerators in order of preference (default tcg)
 *   memory=<MiB>         guest memory (default 512)
 *   smp=<n>              guest CPUs (default 2)
 *   device=<qemu -device argument>   extra device (repeatable), e.g. edu
 *   disk=<bus>:<size>    a fresh raw disk (repeatable); bus is one of
 *                        ide (PIIX IDE -> wd), ahci (-> wd),
 *                        virtio-blk (-> ld), virtio-scsi (-> sd),
 *                        lsi (LSI 53C895A -> sd), nvme (-> ld at nvme);
 *                        size in bytes or with
 *                        K, M or G suffix
 *   args=<checker args>  appended to the fw_cfg argument string
 *                        (e.g. deadline=4000)
 *   hang=<seconds>       hang timeout for this profile (-t overrides)
 *   quiet=<seconds>      before the checker starts, silence this long with
 *                        a SCSI bus that attached nothing (nor did any
 *                        after it) is a hung autoconfiguration (default
 *                        10: healthy boots stay silent at most ~3 s)
 *   qemu=<args>          extra QEMU arguments, split at blanks (repeatable)
 */
#ifndef STRATEGY9_PROFILE_H
#define STRATEGY9_PROFILE_H

#include <stddef.h>
#include "util.h"

/* A disk bus of a profile: see buses[] in profile.c. */
#define BUS_CD		0x01	/* read-only optical medium with data */
#define BUS_POW2	0x02	/* size must be a power of 2 */
#define BUS_FLOPPY	0x04	/* 1440K */
#define BUS_GPT		0x08	/* GPT with two partitions, by sgdisk */
#define BUS_FFS		0x10	/* FFS image by makefs (the guest's PID 1) */
#define BUS_NS		0x20	/* a further namespace: no controller of its own */
#define BUS_LEGACY	0x40	/* IDE at the PC's legacy ports, 0x1f0 and 0x170:
				   a machine without PIIX3 IDE (q35), one such */

struct bus {
	const char *name, *driver, *ctrl, *qemu;
	int flags;
};

const struct bus *bus_lookup(const char *);

struct pdisk {
	char *bus;
	unsigned long long size;
};

struct profile {
	char *path, *name, *description, *machine, *accel, *args;
	int memory, smp, hang, quiet;
	struct strvec devices, qemu;
	struct strvec absent;	/* "<row> <reason>" */
	int init;		/* the guest's PID 1 configures pseudo-disks
				   and starts the run: the disks are its
				   material, rows= are the rows */
	struct strvec rows;	/* init=1: the units it is to configure */
	int machines;		/* machines left behind (strategy-run) */
	struct pdisk *disks;
	size_t ndisks;
};

int profile_load(const char *path, struct profile *, char *err, size_t);
void profile_free(struct profile *);

/* What QEMU's stderr (its text so far, or NULL) says of a controller
   of the profile that refused its driver for good, or NULL; *ctrl then
   names its driver as struct bus does (e.g. "mfi").  See refusals in
   profile.c. */
const char *profile_refusal(const struct profile *, const char *qemu_stderr,
    const char **ctrl);

/* Path of disk i of the profile inside dir. */
char *profile_disk_path(const struct profile *, const char *dir, size_t i);

/* The whole QEMU command line for one boot.  fwargs is the checker's
   argument string (e.g. "first=1"), passed through fw_cfg.  With a
   snapdir, a machine the runner saves and restores: qcow2 disks, a
   drive for the saved state, QMP on snapdir/monitor.sock, the
   second serial port on snapdir/args.sock, and a guest that pauses
   instead of rebooting or powering off. */
/* The driver of the controller the boot CD sits on, for the checker's
   bootctl=, where it is not the PC machine's PIIX IDE (the checker's
   default); NULL there. */
const char *profile_boot_ctl(const struct profile *);

void profile_qemu_argv(const struct profile *, const char *qemu,
    const char *iso, const char *diskdir, const char *fwargs,
    const char *snapdir, struct strvec *argv);

/* Shell-quoted command line, for strategy-run argv and the logs. */
char *argv_shell(char *const *argv);

#endif
