/*
 * strategy_checker: calls disk strategy routines in each calling context
 * and reports, clause by clause, whether they keep the strategy(9)
 * contract (spec/strategy-contract.md).  Shared declarations.
 */

#ifndef _SC_H_
#define _SC_H_

#include <sys/types.h>
#include <sys/buf.h>
#include <sys/device.h>
#include <sys/time.h>

#define SC_VERSION	1

/* Calling contexts, in the order the cases run them. */
enum sc_ctx {
	SC_CTX_THREAD,		/* a kernel thread that did not open the unit */
	SC_CTX_SPL,		/* thread at splbio() holding an IPL_VM spin mutex */
	SC_CTX_SOFTINT,		/* SOFTINT_BIO handler */
	SC_CTX_CALLOUT,		/* callout handler */
	SC_CTX_HARDINTR,	/* MPSAFE PCI interrupt handler at IPL_BIO */
	SC_CTX_HARDINTR_KLOCK,	/* kernel-locked PCI interrupt handler */
	SC_NCTX
};

/* Operations: one case is (device, context, operation). */
enum sc_op {
	SC_OP_READ,
	SC_OP_WRITE,
	SC_OP_EOM_AT,
	SC_OP_EOM_PAST,
	SC_OP_EOM_CROSS,
	SC_OP_PARTIAL,
	SC_OP_ZERO,
	SC_OP_RDONLY,
	SC_OP_NOUNIT,
	SC_OP_BURST,
	SC_NOP
};

#define SC_BURST	64	/* bufs issued back to back by a burst */
#define SC_MAXBUFS	SC_BURST
#define SC_WMESGLEN	16

struct sc_case;

/* One buf the checker issued, and what its b_iodone saw. */
struct sc_io {
	struct sc_case	*io_case;
	buf_t		*io_bp;
	void		*io_data;
	size_t		 io_len;
	int		 io_bcount;	/* b_bcount as issued */
	volatile u_int	 io_ndone;	/* b_iodone calls */
	int		 io_error;	/* b_error at the first b_iodone */
	int		 io_resid;	/* b_resid at the first b_iodone */
	int		 io_bcount_done; /* b_bcount at the first b_iodone */
	bool		 io_done_intr;	/* first b_iodone ran in a hard intr */
	bool		 io_done_early;	/* ... before strategy returned */
	struct timespec	 io_tdone;
};

/* What the calling context saw across the strategy call(s). */
struct sc_obs {
	bool		 ob_ran;	/* the context ran the call */
	volatile bool	 ob_returned;	/* strategy returned */
	bool		 ob_intr;	/* cpu_intr_p() inside the context */
	bool		 ob_softintr;	/* cpu_softintr_p() */
	int		 ob_ipl_in, ob_ipl_out;
	int		 ob_mtx_in, ob_mtx_out;	/* ci_mtx_count */
	int		 ob_big_in, ob_big_out;	/* ci_biglock_count */
	uint64_t	 ob_vcsw, ob_ivcsw;	/* switches of the calling LWP */
	uint64_t	 ob_us;		/* wall time inside the call(s) */
	uint64_t	 ob_maxcall_us;	/* longest single call */
	/* Filled by the watcher on another CPU. */
	u_int		 ob_nsleep;	/* sleep-queue episodes */
	u_int		 ob_nlock;	/* turnstile (adaptive lock) episodes */
	uint64_t	 ob_blocked_us;	/* time seen off the CPU */
	char		 ob_wmesg[SC_WMESGLEN];
	bool		 ob_watched;
};

struct sc_dev;

struct sc_case {
	int		 c_num;		/* KTAP test number */
	struct sc_dev	*c_dev;
	enum sc_ctx	 c_ctx;
	enum sc_op	 c_op;
	int		 c_nio;
	struct sc_io	 c_io[SC_MAXBUFS];
	struct sc_obs	 c_obs;
	volatile bool	 c_issuing;	/* strategy call(s) in progress */
	uint64_t	 c_busy_again;	/* SC-ADV-1 measured a second time */
	struct lwp	*volatile c_lwp;	/* the LWP making the calls */
};

/* A target: a disk the kernel attached or a reference pseudo-disk. */
struct sc_dev {
	char		 d_name[16];
	char		 d_attach[64];
	dev_t		 d_dev;		/* raw partition of the unit */
	dev_t		 d_nounit;	/* a unit of the same driver that is absent */
	dev_t		 d_rodev;	/* a read-only unit, or NODEV */
	u_int		 d_secsize;
	int64_t		 d_nsectors;
	bool		 d_mpsafe;
	bool		 d_opened;
	bool		 d_ref;
};

/* sc_context.c */
int	sc_ctx_init(void);
void	sc_ctx_fini(void);
bool	sc_ctx_available(enum sc_ctx, const char **);
int	sc_ctx_run(struct sc_case *);
void	sc_ctx_call(struct sc_case *);
extern const char *const sc_ctx_names[SC_NCTX];
extern struct cfdriver sceedu_cd;
extern struct cfattach sceedu_ca;

/* sc_refdisk.c */
int	sc_ref_init(void);
int	sc_ref_fini(void);
int	sc_ref_count(void);
void	sc_ref_describe(int, struct sc_dev *);

/* sc_main.c */
uint64_t sc_now_us(void);

#endif /* _SC_H_ */
