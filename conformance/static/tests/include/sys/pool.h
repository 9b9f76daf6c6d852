/*
 * Stand-in for <sys/pool.h>: only what the static tier's tests parse,
 * written for them (no NetBSD text); constants have NetBSD's values.
 */
#ifndef _SYS_POOL_H_
#define _SYS_POOL_H_
#define PR_WAITOK 0x01
#define PR_NOWAIT 0x02
struct pool;
void *pool_get(struct pool *, int);
#endif
