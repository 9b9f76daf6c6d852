/*
 * sc-init: the PID 1 of the strategy(9) conformance guest.  Shared
 * declarations of its files; each pseudo-disk has its own file and its
 * own entry here.
 */
#ifndef SC_INIT_H
#define SC_INIT_H

#include <sys/types.h>
#include <stddef.h>

#include "sc_sys.h"

/* The disks the runner attaches, by role (sc_disks.c). */
struct sc_disks {
	char	ffs[16];	/* mounted on /mnt, holds /vnd.img */
	char	ccd[2][16];	/* the ccd's components */
	char	raid[2][16];	/* RAIDframe's components */
	char	cgd[16];	/* under cgd */
	char	swap[16];	/* partitions b and e: swap */
	char	swapfs[16];	/* mounted on SC_SWAPFS, holds the swap file */
};

/* Where the swap file's FFS is mounted: /tmp is tmpfs, / read-only. */
#define SC_SWAPFS	"/tmp/swapfs"

/* The units that configured, for the checker (sc_main.c). */
struct sc_units {
	char	list[256];
};

/* sc_out.c: console lines */
void	sc_msg(const char *, ...) __attribute__((__sentinel__));
void	sc_absent(const char *, const char *, const char *, const char *,
	    long);
void	sc_poweroff(void) __attribute__((__noreturn__));
void	sc_sleep_ms(long);

/* sc_str.c: strings and memory, which gcc may also call by itself */
size_t	sc_strlen(const char *);
int	sc_streq(const char *, const char *);
size_t	sc_strlcpy(char *, const char *, size_t);
size_t	sc_strlcat(char *, const char *, size_t);
char	*sc_ltoa(long, char *, size_t);
const char *sc_errname(long);
void	*memset(void *, int, size_t);
void	*memcpy(void *, const void *, size_t);
int	memcmp(const void *, const void *, size_t);

/* sc_dev.c: device nodes from kern.drivers */
int	sc_drivers_load(void);
long	sc_major(const char *, int);
long	sc_mkdisk(const char *, int, int, char *, size_t);
long	sc_mkchar(const char *, int, const char *);

/* sc_disks.c */
int	sc_disks_find(struct sc_disks *);

/* the pseudo-disks: each returns 0 when its unit configured */
int	sc_vnd_ffs(const struct sc_disks *);
int	sc_vnd_tmpfs(void);
int	sc_cgd(const struct sc_disks *);
int	sc_ccd(const struct sc_disks *);
int	sc_raid(const struct sc_disks *);
int	sc_md(void);
int	sc_fss(const struct sc_disks *);
int	sc_wedge(const char *, const char *, char *, size_t);
int	sc_swap(const struct sc_disks *, void (*)(const char *), char *,
	    size_t);

/* sc_checker.c */
void	sc_checker_run(const char *, const char *);

#endif /* SC_INIT_H */
