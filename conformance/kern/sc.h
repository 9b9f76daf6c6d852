/*
 * strategy_checker: calls disk strategy routines in each calling context
 * and reports, clause by clause, whether they keep the strategy(9)
 * contract (spec/strategy-contract.md).  Shared declarations of the
 * module's files; the judge's own types are in sc_judge.h.
 */

#ifndef _SC_H_
#define _SC_H_

#include <sys/types.h>
#include <sys/buf.h>
#include <sys/device.h>
#include <sys/time.h>

#include "sc_compat.h"
#include "sc_judge.h"

#define SC_VERSION	2
#define SC_MAXDEVS	32
#define SC_STUCK_MS	5000	/* a call not back by then is stuck */
#define SC_ADV_US	5000	/* default limit on time inside strategy */
#define SC_ADV_AGAIN	2	/* ... measured again at most this often */
#define SC_POISON_ERROR	0x5ca1
#define SC_POISON_RESID	0x5ca1ab1e
#define SC_RWBASE	64	/* first sector of the read/write regions */
#define SC_RWLEN	8	/* sectors per read/write */

struct sc_case;

/* One buf the checker issued, and what was seen of it. */
struct sc_io {
	struct sc_case	*io_case;
	buf_t		*io_bp;
	void		*io_data;
	size_t		 io_len;
	struct sc_ioobs	 io_o;
};

/* A target: a disk the kernel attached or a reference pseudo-disk. */
struct sc_dev {
	char		 d_name[16];
	char		 d_xname[16];	/* its device and disk(9) name, if any */
	char		 d_driver[16];
	char		 d_attach[64];
	char		 d_chain[96];	/* the device and its ancestors */
	dev_t		 d_dev;		/* raw partition of the unit */
	dev_t		 d_nounit;	/* a unit of the driver with no softc */
	dev_t		 d_unconf;	/* attached, not configured, or NODEV */
	dev_t		 d_rodev;	/* a read-only unit, or NODEV */
	int64_t		 d_base;	/* its sector 0 in d_dev (the drum) */
	u_int		 d_secsize;
	int64_t		 d_nsectors;
	bool		 d_mpsafe;
	bool		 d_opened;
	int		 d_oflags;	/* FREAD, and FWRITE unless read-only */
	int		 d_open_error;
	bool		 d_unconf_open;	/* d_unconf opened: to be closed */
	bool		 d_small;	/* too small to judge */
	bool		 d_readonly;	/* read-only media: cd, fss */
	bool		 d_ref;
	bool		 d_dks;		/* its d_diskstart is wrapped */
	bool		 d_noopen;	/* never opened: the drum (sc_swap.c) */
};

struct sc_case {
	int		 c_num;		/* KTAP test number */
	struct sc_dev	*c_dev;
	enum sc_ctx	 c_ctx;
	enum sc_op	 c_op;
	int		 c_nio;
	struct sc_io	 c_io[SC_MAXBUFS];
	struct sc_obs	 c_obs;
	volatile bool	 c_issuing;	/* strategy call(s) in progress */
	uint64_t	 c_busy_again;	/* SC-ADV-1 measured again: the least */
	struct lwp	*volatile c_lwp;	/* the LWP making the calls */
	/* Where the calls run: a d_diskstart at the same CPU and interrupt
	   depth while c_issuing ran inline in the case's context. */
	struct cpu_info	*volatile c_issue_ci;
	int		 c_issue_idepth;
};

/* Arguments from the host (sc_args.c). */
struct sc_args {
	int	first;
	int	deadline_ms;
	int	opstrikes;	/* see sc_down_reason() */
	int	adv_us;		/* SC-ADV-1: limit on the CPU inside a call */
	int	onpanic;	/* -1: leave ddb.onpanic; else set it */
	bool	disks;		/* the disks the kernel attached */
	bool	refs;		/* the reference pseudo-disks */
	bool	resume;		/* wait for arguments on com1 when ready */
	char	devices[128];	/* "wd*,ref-sleep": only these, or all */
	char	devices2[128];	/* and these: the guest PID 1's units */
	char	contexts[128];	/* "thread,softint": only these, or all */
	char	bootctl[32];	/* the boot CD's controller driver */
	char	swap[160];	/* the PID 1's swap devices (sc_swap.c) */
	char	skip[256];
	char	down[256];	/* cases that brought earlier boots down */
	char	raw[600];
	bool	qemu;
};
extern struct sc_args sc_args;

/* sc_main.c */
void	sc_start_and_wait(void);

/* sc_sysctl.c */
int	sc_sysctl_init(void);

/* sc_args.c */
void	sc_read_args(void);
void	sc_parse_args(void);
void	sc_read_resume_args(void);
long	sc_atol(const char *, const char **);
int	sc_list_count(const char *, int, int);
bool	sc_selected(const char *, const char *);
bool	sc_device_selected(const char *);

/* sc_targets.c */
extern struct sc_dev sc_devs[SC_MAXDEVS];
extern int sc_ndevs;
void	sc_find_targets(void);
void	sc_open_targets(void);
void	sc_close_targets(void);

/* sc_swap.c */
void	sc_swap_targets(void);

/* sc_io.c */
void	sc_io_init(void);
void	sc_io_fini(void);
uint64_t sc_now_us(void);
void	sc_iodone(buf_t *);
void	sc_prepare(struct sc_case *);
bool	sc_io_release(struct sc_io *);
bool	sc_wait_done(struct sc_io *, int, int);
int	sc_aux_io(const struct sc_dev *, int64_t, void *, size_t, bool);
void	sc_pattern(void *, size_t, u_int);

/* sc_watch.c */
extern bool sc_watcher;		/* a second CPU watches the calls */
extern volatile u_int sc_watch_seen;	/* blocks it has classified */
bool	sc_watch(struct sc_case *);

/* sc_ktap.c */
void	sc_announce(const struct sc_case *);
int	sc_report_returned(const struct sc_case *, const struct sc_result *,
	    int);
void	sc_report(const struct sc_case *, const struct sc_result *, int, int);
void	sc_report_all(const struct sc_case *, enum sc_verdict, const char *);
void	sc_report_skip(const struct sc_case *, const char *);
void	sc_tally_print(void);

/* sc_run.c */
int	sc_plan(void);
void	sc_run_all(void);

/* sc_context.c */
int	sc_ctx_init(void);
void	sc_ctx_fini(void);
bool	sc_ctx_available(enum sc_ctx, const char **);
int	sc_ctx_run(struct sc_case *);
void	sc_ctx_call(struct sc_case *);
void	sc_ctx_restored(void);
int	sc_ctx_intr_cpu(void);
bool	sc_ctx_raise_done(void (*)(void *), void *);
extern struct cfdriver sceedu_cd;
extern struct cfattach sceedu_ca;

/* sc_dks.c */
bool	sc_dks_wrap(struct sc_dev *);
void	sc_dks_unwrap_all(void);

/* sc_dkref.c */
int	sc_dkref_init(void);
bool	sc_dkref_describe(int, struct sc_dev *);

/* sc_refdisk.c */
int	sc_ref_init(void);
int	sc_ref_fini(void);
int	sc_ref_count(void);
void	sc_ref_describe(int, struct sc_dev *);

#endif /* _SC_H_ */
