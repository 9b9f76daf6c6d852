/*
 * Stand-in for NetBSD's <time.h>, which <sys/time.h> includes for
 * libc's prototypes; sc-init calls the kernel directly.
 */
