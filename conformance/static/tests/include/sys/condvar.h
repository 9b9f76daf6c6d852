/*
 * Stand-in for <sys/condvar.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_CONDVAR_H_
#define _SYS_CONDVAR_H_
typedef struct kcondvar { void *cv_opaque[3]; } kcondvar_t;
struct kmutex;
void cv_init(kcondvar_t *, const char *);
void cv_destroy(kcondvar_t *);
void cv_wait(kcondvar_t *, struct kmutex *);
void cv_signal(kcondvar_t *);
void cv_broadcast(kcondvar_t *);
#endif
