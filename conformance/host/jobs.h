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
   it does not know first of all, in their own order.  secs, unless
   NULL, gets each one's time (HUGE_VAL: not known). */
void jobs_order(const char *history, const char *release,
    char *const *names, size_t n, size_t *order, double *secs);

/* One profile's wall time, for the next run's order. */
void jobs_record(const char *history, const char *release,
    const char *name, double seconds);

/* A free slot of dir's nslots (slot.0 ...), held by the returned
   descriptor until it is closed (by every process that has it): -1
   when none is free now, or when another process waits in dir for a
   longer profile than this one's secs (jobs_wait_begin).  The lock
   goes with the process that holds it, so a run that is killed frees
   its slots. */
int jobs_slot_try(const char *dir, int nslots, double secs);

/* This process waits in dir for a slot, for a profile of secs, until
   jobs_wait_end: the other processes' jobs_slot_try leave it the next
   free slot if its profile is the longer.  -1 if it cannot be said
   (the slots are then taken in no order). */
int jobs_wait_begin(const char *dir, double secs);
void jobs_wait_end(const char *dir, int fd);

#endif
