/*
 * Stand-in for <sys/disklabel.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_DISKLABEL_H_
#define _SYS_DISKLABEL_H_
#define RAW_PART 3
#define MAXPARTITIONS 16
#define DISKUNIT(dev) ((int)(((dev) >> 8) & 0xfffff) / MAXPARTITIONS)
#define DISKPART(dev) ((int)((dev) & 0xff) % MAXPARTITIONS)
#define MAKEDISKDEV(maj, unit, part) \
	((dev_t)(((maj) << 8) | (((unit) * MAXPARTITIONS + (part)) << 8)))
#endif
