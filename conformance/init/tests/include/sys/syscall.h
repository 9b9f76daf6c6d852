/*
 * Stand-in <sys/syscall.h> for the host tests: numbers that no NetBSD
 * kernel uses for these calls, so that the tests see in the machine
 * code that each number comes from the header and none from the code.
 */
#define	SYS_read	3001
#define	SYS_write	3002
#define	SYS_open	3003
#define	SYS_close	3004
#define	SYS_ioctl	3005
#define	SYS___mknod50	3006
#define	SYS___mount50	3007
#define	SYS___sysctl	3008
#define	SYS_reboot	3009
#define	SYS___nanosleep50	3010
#define	SYS_sync	3011
#define	SYS_fsync	3012
#define	SYS_swapctl	3013
#define	SYS_mkdir	3014
