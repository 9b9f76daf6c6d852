/*
 * Stand-in for <sys/time.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_TIME_H_
#define _SYS_TIME_H_
#include <sys/types.h>
struct timespec {
	int64_t	tv_sec;
	long	tv_nsec;
};
#endif
