/*
 * Stand-in for <sys/device.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_DEVICE_H_
#define _SYS_DEVICE_H_
typedef struct device *device_t;
#endif
