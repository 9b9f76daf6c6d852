/*
 * progress.h - the runner's progress on stderr, one call per console
 * event (see progress.c).  Its state (since when, from which case, is the
 * line on the terminal now) is kept in the session.
 */
#ifndef STRATEGY9_PROGRESS_H
#define STRATEGY9_PROGRESS_H

#include "session.h"

/* Says what ev means for profile prof's session s. */
void progress_event(const char *prof, struct session *s,
    enum session_event ev);

#endif
