/*
 * jobs.h - when a run's profiles start: the order (the longest first, as
 * the last runs timed them) and the job slots that several runs share
 * (run-kernels.sh runs every kernel at once, in one machine's slots).
 */
#ifndef JOBS_H
#define JOBS_H

#include <stddef.h>

/* Where the durations of earlier runs are kept: STRATEGY9_DURATIONS, or
   durations.tsv in the user's cache (not with the saved machines,
   which a cold run empties). */
char *jobs_history(void);

/* order[0..n-1]: the profiles names[] in the order to start them: the
   longest first as history times them for this kernel release, those
   it does not know first of all, in their own order. */
void jobs_order(const char *history, const char *release,
    char *const *names, size_t n, size_t *order);

/* One profile's wall time, for the next run's order. */
void jobs_record(const char *history, const char *release,
    const char *name, double seconds);

/* A free slot of dir's nslots (slot.0 ...), held by the returned
   descriptor until it is closed (by every process that has it): -1
   when none is free now.  The lock goes with the process that holds
   it, so a run that is killed frees its slots. */
int jobs_slot_try(const char *dir, int nslots);

#endif
