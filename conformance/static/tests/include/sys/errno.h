/*
 * Stand-in for <sys/errno.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_ERRNO_H_
#define _SYS_ERRNO_H_
#define EIO 5
#define ENXIO 6
#define ENOMEM 12
#define EBUSY 16
#define EINVAL 22
#define EROFS 30
#define EAGAIN 35
#endif
