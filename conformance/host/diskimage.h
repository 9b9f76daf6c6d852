/*
 * diskimage.h - the disk images of a profile, made fresh for a run:
 * zeroed disks, optical media with a known pattern, a GPT disk (sgdisk)
 * and an FFS image (makefs, through conformance/init/mkffs.sh).
 */
#ifndef STRATEGY9_DISKIMAGE_H
#define STRATEGY9_DISKIMAGE_H

#include <stddef.h>
#include "profile.h"

/*
 * What disk_image_make writes, as a version: part of a saved machine's
 * key (machkey.h).  Bump it when the contents of a new disk change (a
 * pattern, a layout), so that no machine saved with the old ones is
 * restored.
 */
#define DISK_CONTENTS_VERSION	"1"

/* Disk i of profile p in dir, raw, or qcow2 for a machine that is saved
   (optical media stay raw: they are read-only).  0, or -1 with a
   message on stderr. */
int disk_image_make(const struct profile *p, const char *dir, size_t i,
    int qcow2);

/* An empty qcow2 image of size bytes (qemu-img create). */
int disk_qcow2_create(const char *path, unsigned long long size);

/* Where conformance/init/mkffs.sh is; set by the runner. */
extern const char *disk_mkffs;

#endif
