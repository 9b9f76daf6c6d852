/*
 * Stand-in <sys/param.h> for the host tests: a version no NetBSD has
 * (12.34.56), which the ELF note must carry.
 */
#define	__NetBSD_Version__	1234567800	/* NetBSD 12.34.56 */
