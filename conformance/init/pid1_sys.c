/*
 * Raw system calls of NetBSD/amd64: the number in %rax, arguments in
 * %rdi %rsi %rdx %r10 %r8 %r9, the syscall instruction; on error the
 * kernel sets the carry flag and leaves errno in %rax.  The numbers come
 * from the <sys/syscall.h> of the kernel the program is built for: some
 * calls were renumbered over the years (mount is SYS___mount50), so
 * none is written down here.
 */
#include <sys/syscall.h>

#include "pid1_sys.h"

static inline long
pid1_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	unsigned char failed;

	/*
	 * The kernel returns a second value in %rdx and may change the
	 * other argument registers: all are in-out.  %rcx and %r11 hold
	 * the return address and flags across the instruction.
	 */
	__asm__ volatile("syscall"
	    : "+a" (n), "=@ccc" (failed), "+D" (a1), "+S" (a2), "+d" (a3),
	      "+r" (r10), "+r" (r8), "+r" (r9)
	    :
	    : "rcx", "r11", "memory");
	return failed ? -n : n;
}

long
pid1_read(int fd, void *buf, unsigned long len)
{
	return pid1_syscall(SYS_read, fd, (long)buf, (long)len, 0, 0, 0);
}

long
pid1_write(int fd, const void *buf, unsigned long len)
{
	return pid1_syscall(SYS_write, fd, (long)buf, (long)len, 0, 0, 0);
}

long
pid1_open(const char *path, int flags, int mode)
{
	return pid1_syscall(SYS_open, (long)path, flags, mode, 0, 0, 0);
}

long
pid1_close(int fd)
{
	return pid1_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
}

long
pid1_ioctl(int fd, unsigned long cmd, void *arg)
{
	return pid1_syscall(SYS_ioctl, fd, (long)cmd, (long)arg, 0, 0, 0);
}

long
pid1_mknod(const char *path, unsigned int mode, unsigned long long dev)
{
	return pid1_syscall(SYS___mknod50, (long)path, mode, (long)dev,
	    0, 0, 0);
}

long
pid1_mount(const char *type, const char *dir, int flags, void *data,
    unsigned long len)
{
	return pid1_syscall(SYS___mount50, (long)type, (long)dir, flags,
	    (long)data, (long)len, 0);
}

long
pid1_sysctl(const int *name, unsigned int namelen, void *oldp,
    unsigned long *oldlenp, const void *newp, unsigned long newlen)
{
	return pid1_syscall(SYS___sysctl, (long)name, namelen, (long)oldp,
	    (long)oldlenp, (long)newp, (long)newlen);
}

long
pid1_reboot(int how, char *bootstr)
{
	return pid1_syscall(SYS_reboot, how, (long)bootstr, 0, 0, 0, 0);
}

long
pid1_nanosleep(const void *req, void *rem)
{
	return pid1_syscall(SYS___nanosleep50, (long)req, (long)rem,
	    0, 0, 0, 0);
}

long
pid1_sync(void)
{
	return pid1_syscall(SYS_sync, 0, 0, 0, 0, 0, 0);
}

long
pid1_fsync(int fd)
{
	return pid1_syscall(SYS_fsync, fd, 0, 0, 0, 0, 0);
}

long
pid1_swapctl(int cmd, void *arg, int misc)
{
	return pid1_syscall(SYS_swapctl, cmd, (long)arg, misc, 0, 0, 0);
}

long
pid1_mkdir(const char *path, int mode)
{
	return pid1_syscall(SYS_mkdir, (long)path, mode, 0, 0, 0, 0);
}
