/*
 * Stand-in for NetBSD's <inttypes.h>, which the 2015 <sys/rbtree.h>
 * includes outside the kernel: the kernel's own version of it.
 */
#include <sys/inttypes.h>
