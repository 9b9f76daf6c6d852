/*
 * Stand-in for <sys/systm.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_SYSTM_H_
#define _SYS_SYSTM_H_
#include <sys/types.h>
void panic(const char *, ...) __attribute__((__noreturn__));
int printf(const char *, ...);
int snprintf(char *, size_t, const char *, ...);
void *memset(void *, int, size_t);
void *memcpy(void *, const void *, size_t);
struct kmutex;
int kpause(const char *, bool, int, struct kmutex *);
int tsleep(const void *, int, const char *, int);
void wakeup(const void *);
/* As on x86: a call through a pointer that the macro hides. */
extern void (*delay_func)(unsigned int);
#define DELAY(x) (*delay_func)(x)
#define delay(x) (*delay_func)(x)
#define KASSERT(e) ((void)0)
extern int ncpu;
#endif
