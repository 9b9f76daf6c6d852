/*
 * sc-init's system-call layer: one raw NetBSD/amd64 system call per
 * function, no libc.  Only plain C types appear here so that the layer
 * builds against a stand-in <sys/syscall.h> (tests/include) as well as
 * a real one.  Every call returns the kernel's result, or -errno.
 */
#ifndef SC_SYS_H
#define SC_SYS_H

long	pid1_read(int, void *, unsigned long);
long	pid1_write(int, const void *, unsigned long);
long	pid1_open(const char *, int, int);
long	pid1_close(int);
long	pid1_ioctl(int, unsigned long, void *);
long	pid1_mknod(const char *, unsigned int, unsigned long long);
long	pid1_mount(const char *, const char *, int, void *, unsigned long);
long	pid1_sysctl(const int *, unsigned int, void *, unsigned long *,
	    const void *, unsigned long);
long	pid1_reboot(int, char *);
long	pid1_nanosleep(const void *, void *);
long	pid1_sync(void);
long	pid1_fsync(int);
long	pid1_swapctl(int, void *, int);
long	pid1_mkdir(const char *, int);

#endif /* SC_SYS_H */
