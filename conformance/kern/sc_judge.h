/*
 * strategy_checker: the judge.  Observations of one case in, one verdict
 * per clause out.  Nothing here calls the kernel: the same file is
 * compiled into the module and into a host test program
 * (conformance/tests/judge_test.c) that feeds it made-up and recorded
 * observations.
 */

#ifndef _SC_JUDGE_H_
#define _SC_JUDGE_H_

#ifdef _KERNEL
#include <sys/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

/* Calling contexts, in the order the cases run them. */
enum sc_ctx {
	SC_CTX_THREAD,		/* a kernel thread that did not open the unit */
	SC_CTX_SPL,		/* the same thread after splbio() */
	SC_CTX_SOFTINT,		/* SOFTINT_BIO | SOFTINT_MPSAFE handler */
	SC_CTX_CALLOUT,		/* MP-safe callout handler */
	SC_CTX_HARDINTR,	/* MP-safe PCI interrupt handler at IPL_BIO */
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
	SC_OP_UNCONF,		/* a unit attached but not configured */
	SC_OP_NOUNIT,		/* a unit with no softc at all */
	SC_OP_BURST,
	SC_NOP
};

enum sc_verdict { SCV_PASS, SCV_FAIL, SCV_SKIP, SCV_ERROR };

/*
 * errno values as the guest reports them.  They are NetBSD's, which are
 * not the host's; the module checks at compile time that they match.
 */
#define SC_EIO		5
#define SC_ENXIO	6
#define SC_ENOMEM	12
#define SC_EACCES	13
#define SC_ENODEV	19
#define SC_EINVAL	22
#define SC_EROFS	30
#define SC_EAGAIN	35

#define SC_BURST	64	/* bufs issued back to back by a burst */
#define SC_MAXBUFS	SC_BURST
#define SC_WMESGLEN	16
#define SC_DETAILLEN	160
#define SC_MAXCLAUSES	16

/* What the checker saw of one buf it issued. */
struct sc_ioobs {
	unsigned	 ndone;		/* b_iodone calls begun */
	unsigned	 nsettled;	/* ... and finished: buf poisoned */
	int		 bcount;	/* b_bcount as issued */
	int		 error;		/* b_error at the first b_iodone */
	int		 resid;		/* b_resid at the first b_iodone */
	int		 bcount_done;	/* b_bcount at the first b_iodone */
	int		 done_mtx;	/* spin mutexes held at the first */
	bool		 done_intr;	/* ... cpu_intr_p() there */
	bool		 done_early;	/* ... before strategy returned */
	bool		 touched;	/* b_error/b_resid changed after it */
	/* d_diskstart of a dksubr(9) disk, when the checker wraps it. */
	unsigned	 dks_calls;
	unsigned	 dks_refused_done;	/* non-zero return, completed */
	unsigned	 dks_deferred_touched;	/* EAGAIN/ENOMEM, buf changed */
	int		 dks_last_error;
	/* ... of them in a hard interrupt (SC-DKS-4): inline in the
	   case's own context, or from the driver's completion */
	unsigned	 dks_hard;
	unsigned	 dks_hard_inline;
	unsigned	 dks_hard_switched;	/* ... that gave up the CPU */
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
	/* The calling LWP's own run time across the call(s) (the longest
	   single call for a burst), from its l_rtime: time it was blocked
	   is out of it whether or not the watcher saw the block (a soft
	   interrupt's LWP is timed by the checker for the call, as
	   softint_timing would: sc_ctx_call). */
	bool		 ob_oncpu_known;
	uint64_t	 ob_oncpu_us;
	/* Filled by the watcher on another CPU. */
	unsigned	 ob_nsleep;	/* sleep-queue episodes */
	unsigned	 ob_nlock;	/* turnstile (adaptive lock) episodes */
	unsigned	 ob_npreempt;	/* runnable but off its CPU: preempted */
	uint64_t	 ob_blocked_us;	/* time seen off the CPU */
	char		 ob_wmesg[SC_WMESGLEN];
	bool		 ob_watched;
};

/* Everything a verdict may depend on. */
struct sc_jin {
	enum sc_ctx	 ctx;
	enum sc_op	 op;
	int		 nio;
	const struct sc_ioobs *io;	/* nio entries */
	const struct sc_obs *obs;
	bool		 returned;	/* every call came back */
	bool		 all_done;	/* every buf completed in time */
	bool		 data_ok;	/* read/write/rdonly data as expected */
	int		 aux_error;	/* the checker's own I/O, or 0 */
	uint64_t	 busy_again;	/* SC-ADV-1 measured again: the least */
	bool		 mpsafe;	/* D_MPSAFE */
	bool		 dks;		/* d_diskstart wrapped: judge SC-DKS */
	unsigned	 secsize;
	int		 adv_us;	/* SC-ADV-1 limit */
	int		 deadline_ms;
	int		 stuck_ms;
	int		 ipl_bio;	/* the kernel's IPL_BIO, for details */
};

struct sc_result {
	const char	*r_clause;
	enum sc_verdict	 r_v;
	char		 r_detail[SC_DETAILLEN];
};

extern const char *const sc_ctx_names[SC_NCTX];
extern const char *const sc_op_names[SC_NOP];

/* The clauses case (ctx, op) judges, in report order; returns the count. */
int	sc_case_clauses(enum sc_ctx, enum sc_op, bool dks,
	    const char **, int);
/* What a panic during the case breaks, as "SC-A,SC-B". */
const char *sc_op_clause(enum sc_op);
const char *sc_ctx_clause(enum sc_ctx);
bool	sc_op_applies(enum sc_ctx, enum sc_op);
/* Time on the CPU inside one call, not counting time off it. */
uint64_t sc_busy_us(const struct sc_obs *, int nio);
/* Judges a case; res has room for SC_MAXCLAUSES.  Returns the count. */
int	sc_judge(const struct sc_jin *, struct sc_result *);

#endif /* _SC_JUDGE_H_ */
