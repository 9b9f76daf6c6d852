/*
 * rows.h - the rows a profile promises.  Every disk= line of a profile
 * is a row: it finds its device among those the checker listed (by the
 * disk driver and a controller in the device's chain), or it becomes an
 * absent row whose reason says why (the kernel has no driver for the
 * controller; the controller attached but no disk appeared).  absent=
 * lines of the profile are rows no QEMU machine can give.
 */
#ifndef STRATEGY9_ROWS_H
#define STRATEGY9_ROWS_H

#include "profile.h"
#include "session.h"

/* Is the driver of the device xname (its first xlen chars: "xhci0") one
   of set ("esiop|siop"), a bus's controllers? */
int driver_in_set(const char *xname, size_t xlen, const char *set);

/* kernel: the kernel's ELF, to tell a missing driver from one that did
   not attach (NULL: not told apart); selection: a partial run's devices
   (strategy-run -D), whose rows alone count (NULL: all). */
void profile_rows(const struct profile *, struct session *,
    const char *kernel, const char *selection);

/* Autoconfiguration waited for ever on a device (s->blocker): which
   disks of p sit below it (blocked[i] = 1), the count, and the reason
   for their rows. */
int profile_rows_blocked(const struct profile *, const struct session *,
    int *blocked, char *why, size_t whylen);

/* Can a device of the selection (strategy-run -D) be in this profile?
   A partial run boots only the profiles where one can. */
int profile_selectable(const struct profile *, const char *selection);

/* Every row of a profile that could not run at all: a skip with why
   (the first reason a row gets is the one it keeps). */
void profile_rows_unrun(const struct profile *, struct session *,
    const char *why);

#endif
