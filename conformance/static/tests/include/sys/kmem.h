/*
 * Stand-in for <sys/kmem.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_KMEM_H_
#define _SYS_KMEM_H_
#include <sys/types.h>
#define KM_SLEEP 0x00000001
#define KM_NOSLEEP 0x00000002
void *kmem_alloc(size_t, int);
void *kmem_zalloc(size_t, int);
void kmem_free(void *, size_t);
#endif
