/*
 * machkey.h - the key of a saved machine: what makes the machine, hashed
 * (SHA-256), so that a machine an earlier run saved is restored only
 * where booting again would make the same one (machcache.c keeps them).
 *
 * What makes it: the kernel, the modules and the guest's PID 1 (their
 * bytes, not their paths); the boot image's other contents (mkimage.sh,
 * which writes its grub.cfg, and GRUB and xorriso, which make it); the
 * profile's text, and the QEMU command line it gives with the run's paths
 * replaced by placeholders; the recipe of its disks' first contents (the
 * buses and sizes, DISK_CONTENTS_VERSION, and the programs that write
 * them: sgdisk, makefs with mkffs.sh, qemu-img); and QEMU's binary.
 * Files that change every run without changing the machine (the boot
 * image's timestamps, a GPT's random GUIDs, makefs's times) are not
 * hashed: their inputs are.  A file's time stamp is not part of it.
 */
#ifndef STRATEGY9_MACHKEY_H
#define STRATEGY9_MACHKEY_H

#include <stddef.h>
#include "profile.h"

/* Bump when what a key covers, or what a cache entry holds, changes. */
#define MACHINE_KEY_FORMAT	"1"

/* What every machine of a run is made from. */
struct machine_run {
	const char *kernel;
	char *const *modules;
	size_t nmodules;
	const char *init;	/* the guest's PID 1, or NULL */
	const char *mkimage;	/* the boot image's builder */
	const char *qemu;	/* QEMU, a path or a name in PATH */
	const char *mkffs;	/* conformance/init/mkffs.sh, or NULL */
};

/* The run's part of every key, into hex.  -1 with why when an input
   cannot be read. */
int machine_run_key(const struct machine_run *, char hex[65], char *why,
    size_t whylen);

/* The key of the machine of profile p (its disks as they are now) whose
   first boot gets fwargs through fw_cfg, into hex.  -1 with why when the
   profile's text cannot be read. */
int machine_key(const char *runkey, const struct machine_run *,
    const struct profile *p, const char *fwargs, char hex[65], char *why,
    size_t whylen);

#endif
