/*
 * sc-init's system-call layer: one raw NetBSD/amd64 system call per
 * function, no libc.  Only plain C types appear here so that the layer
 * builds against a stand-in <sys/syscall.h> (tests/include) as well as
 * a real one.  Every call returns the kernel's result, or -errno.
 */
#ifndef SC_SYS_H
#define SC_SYS_H

long	sc_read(int, void *, unsigned long);
long	sc_write(int, const void *, unsigned long);
long	sc_open(const char *, int, int);
long	sc_close(int);
long	sc_ioctl(int, unsigned long, void *);
long	sc_mknod(const char *, unsigned int, unsigned long long);
long	sc_mount(const char *, const char *, int, void *, unsigned long);
long	sc_sysctl(const int *, unsigned int, void *, unsigned long *,
	    const void *, unsigned long);
long	sc_reboot(int, char *);
long	sc_nanosleep(const void *, void *);
long	sc_sync(void);
long	sc_fsync(int);
long	sc_swapctl(int, void *, int);
long	sc_mkdir(const char *, int);

#endif /* SC_SYS_H */
