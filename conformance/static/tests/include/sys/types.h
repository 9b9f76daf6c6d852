/*
 * Stand-in for <sys/types.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_
typedef __UINT8_TYPE__ uint8_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __UINT64_TYPE__ uint64_t;
typedef __INT32_TYPE__ int32_t;
typedef __INT64_TYPE__ int64_t;
typedef __SIZE_TYPE__ size_t;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef uint64_t dev_t;
typedef int64_t daddr_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
typedef struct lwp lwp_t;
#endif
