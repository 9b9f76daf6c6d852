/*
 * Stand-in for NetBSD's userland <limits.h>, which the kernel's
 * <sys/ucred.h> includes outside the kernel: the limits themselves.
 */
#include <sys/syslimits.h>
#include <machine/limits.h>
