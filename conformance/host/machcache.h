/*
 * machcache.h - saved machines kept across runs: the cache
 * ${XDG_CACHE_HOME:-~/.cache}/strategy9/machines/<key>/ (or
 * $STRATEGY9_MACHINES), one directory per machine key (machkey.h).
 *
 * An entry holds what restores the machine in a new QEMU: its qcow2
 * disks with the internal snapshot "strategy9", the drive that holds the
 * saved state (vmstate.qcow2), its read-only media, the boot image it
 * booted from (strategy9.iso), the first boot's console up to the save
 * (console.log: the session learns the devices and their chains from
 * it), and a manifest that lists every file with its size, written last.
 * An entry is made in a temporary directory and renamed into place, so
 * that a half-made one is never found.  Its time is when it was last
 * used; the cache is kept under $STRATEGY9_MACHINES_MAX bytes (default
 * MCACHE_MAX_DEFAULT; 0: keep nothing), the least recently used out
 * first.
 */
#ifndef STRATEGY9_MACHCACHE_H
#define STRATEGY9_MACHCACHE_H

#include <stddef.h>
#include <stdio.h>

#define MCACHE_MAX_DEFAULT	(4ULL << 30)
#define MCACHE_CONSOLE		"console.log"
#define MCACHE_ISO		"strategy9.iso"
#define MCACHE_MANIFEST		"manifest"

/* The cache's directory (not made here). */
char *mcache_dir(void);
/* Its bound in bytes, from STRATEGY9_MACHINES_MAX ("4G", "512M", "0");
   -1 with why when that cannot be read. */
long long mcache_max(char *why, size_t whylen);

/* The entry of key, when its manifest is whole and every file it lists
   has its size: its directory, its time set to now.  NULL when there is
   none; a broken one is removed and *why says what was wrong. */
char *mcache_find(const char *root, const char *key, char *why,
    size_t whylen);

/* The entry's files (not its console, ISO or manifest) copied into dir.
   -1 with why. */
int mcache_take(const char *entry, const char *dir, char *why,
    size_t whylen);

/* Keeps the machine saved in dir as key's entry: the files (names in
   dir), the first conslen bytes of console, the boot image iso.  0, or
   -1 with why (nothing is left behind then).  An entry of key that is
   there already stays. */
int mcache_keep(const char *root, const char *key, const char *dir,
    char *const *files, size_t nfiles, const char *console, size_t conslen,
    const char *iso, const char *profile, char *why, size_t whylen);

/* An entry and its files, gone. */
void mcache_remove(const char *entry);

/* Bytes an entry takes on the disk. */
long long mcache_size(const char *entry);

/* The least recently used entries removed until the cache holds at most
   max bytes; keep (an entry's directory, or NULL) goes last.  Each
   removal is said on stderr, under who.  Returns how many went. */
int mcache_prune(const char *root, long long max, const char *keep,
    const char *who);

/* Every entry, one line each on fp: key, profile, size, age.  Returns
   the bytes they take. */
long long mcache_list(const char *root, FILE *fp);

#endif
