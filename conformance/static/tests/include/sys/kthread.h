/*
 * Stand-in for <sys/kthread.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_KTHREAD_H_
#define _SYS_KTHREAD_H_
#include <sys/types.h>
#define PRI_NONE (-1)
#define PRI_BIO 96
#define KTHREAD_MPSAFE 0x02
#define KTHREAD_MUSTJOIN 0x20
struct cpu_info;
int kthread_create(int, int, struct cpu_info *, void (*)(void *), void *,
    lwp_t **, const char *, ...);
void kthread_exit(int) __attribute__((__noreturn__));
int kthread_join(lwp_t *);
#endif
