/*
 * tools.h - the host programs a run needs, each with its Debian package.
 *
 * A profile whose disks or boot image cannot be made loses every row,
 * and a run that finds that out after an hour of boots has wasted the
 * hour.  So every program a selected profile will run is looked up in
 * PATH before the first boot, and a missing one stops the run with the
 * package that provides it.
 */
#ifndef STRATEGY9_TOOLS_H
#define STRATEGY9_TOOLS_H

#include "profile.h"
#include "util.h"

/*
 * Add to missing one line per program that profile p needs and PATH
 * lacks, "program (Debian package pkg): why", unless an equal line is
 * there already; qemu is the QEMU binary, cold nonzero when no machine
 * is saved (no qemu-img then).  Returns the number of lines added.
 */
size_t tools_missing(const struct profile *p, const char *qemu, int cold,
    struct strvec *missing);

/* Nonzero when program is an executable file in PATH (or a path). */
int tool_in_path(const char *program);

/* The file program is in PATH (or program itself, a path), or NULL. */
char *tool_path(const char *program);

#endif
