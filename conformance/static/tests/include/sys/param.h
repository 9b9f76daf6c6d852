/*
 * Stand-in for <sys/param.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_PARAM_H_
#define _SYS_PARAM_H_
#include <sys/types.h>
#define DEV_BSIZE 512
#endif
