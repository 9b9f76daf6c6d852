/*
 * Stand-in for <sys/atomic.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_ATOMIC_H_
#define _SYS_ATOMIC_H_
void atomic_inc_uint(volatile unsigned int *);
void atomic_dec_uint(volatile unsigned int *);
#endif
