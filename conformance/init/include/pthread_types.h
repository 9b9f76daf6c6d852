/*
 * Stand-in for NetBSD's <pthread_types.h>, which <sys/types.h>
 * includes for the pthread types of userland; sc-init has no threads.
 */
