/*
 * sc-init: the PID 1 of the strategy(9) conformance guest.  Shared
 * declarations of its files; each pseudo-disk has its own file and its
 * own entry here.
 */
#ifndef SC_INIT_H
#define SC_INIT_H

#include <sys/types.h>
#include <stddef.h>

#include "pid1_sys.h"

/* The disks the runner attaches, by role (pid1_disks.c). */
struct pid1_disks {
	char	ffs[16];	/* mounted on /mnt, holds /vnd.img */
	char	ccd[2][16];	/* the ccd's components */
	char	raid[2][16];	/* RAIDframe's components */
	char	cgd[16];	/* under cgd */
	char	swap[16];	/* partitions b and e: swap */
	char	swapfs[16];	/* mounted on SC_SWAPFS, holds the swap file */
};

/* Where the swap file's FFS is mounted: /tmp is tmpfs, / read-only. */
#define SC_SWAPFS	"/tmp/swapfs"

/* The units that configured, for the checker (pid1_main.c). */
struct pid1_units {
	char	list[256];
};

/* pid1_out.c: console lines */
void	pid1_msg(const char *, ...) __attribute__((__sentinel__));
void	pid1_absent(const char *, const char *, const char *, const char *,
	    long);
void	pid1_poweroff(void) __attribute__((__noreturn__));
void	pid1_sleep_ms(long);

/* pid1_str.c: strings and memory, which gcc may also call by itself */
size_t	pid1_strlen(const char *);
int	pid1_streq(const char *, const char *);
size_t	pid1_strlcpy(char *, const char *, size_t);
size_t	pid1_strlcat(char *, const char *, size_t);
char	*pid1_ltoa(long, char *, size_t);
const char *pid1_errname(long);
void	*memset(void *, int, size_t);
void	*memcpy(void *, const void *, size_t);
int	memcmp(const void *, const void *, size_t);

/* pid1_dev.c: device nodes from kern.drivers */
int	pid1_drivers_load(void);
long	pid1_major(const char *, int);
long	pid1_mkdisk(const char *, int, int, char *, size_t);
long	pid1_mkchar(const char *, int, const char *);

/* pid1_disks.c */
int	pid1_disks_find(struct pid1_disks *);

/* the pseudo-disks: each returns 0 when its unit configured */
int	pid1_vnd_ffs(const struct pid1_disks *);
int	pid1_vnd_tmpfs(void);
int	pid1_cgd(const struct pid1_disks *);
int	pid1_ccd(const struct pid1_disks *);
int	pid1_raid(const struct pid1_disks *);
int	pid1_md(void);
int	pid1_fss(const struct pid1_disks *);
int	pid1_wedge(const char *, const char *, char *, size_t);
int	pid1_swap(const struct pid1_disks *, void (*)(const char *), char *,
	    size_t);

/* pid1_checker.c */
void	pid1_checker_run(const char *, const char *);

#endif /* SC_INIT_H */
