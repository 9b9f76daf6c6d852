/*
 * Stand-in for NetBSD's <stdio.h>: RAIDframe's <raidframevar.h> names
 * FILE in a userland-only prototype, nothing more.
 */
#ifndef SC_STDIO_H
#define SC_STDIO_H
typedef struct __sc_FILE FILE;
#endif
