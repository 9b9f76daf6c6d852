/*
 * strategy_checker: the calling contexts.
 *
 * Every context ends in sc_ctx_call(), which issues the case's bufs with
 * bdev_strategy() and records what the calling LWP and CPU looked like
 * before and after.  Triggers come from one worker thread bound to the
 * first CPU, so soft interrupts and callouts run there too; the checker's
 * own thread watches from another CPU.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/atomic.h>
#include <sys/callout.h>
#include <sys/condvar.h>
#include <sys/conf.h>
#include <sys/cpu.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/kthread.h>
#include <sys/lwp.h>
#include <sys/mutex.h>

#include <dev/pci/pcireg.h>
#include <dev/pci/pcivar.h>

#include "sc.h"


/* Hand-off to the worker thread. */
static kmutex_t sc_work_mtx;
static kcondvar_t sc_work_cv;
static struct sc_case *sc_work;
static bool sc_work_exit;
static lwp_t *sc_worker;

static void *sc_sih;
static callout_t sc_callout;
static struct sc_case *volatile sc_pending;	/* for softint/callout/intr */
static volatile int sc_intr_cpu = -1;	/* where the edu interrupt ran */

/* QEMU's "edu" PCI device (1234:11e8): raises INTx when told to. */
#define EDU_VENDOR	0x1234
#define EDU_PRODUCT	0x11e8
#define EDU_INTR_STATUS	0x24
#define EDU_INTR_RAISE	0x60
#define EDU_INTR_ACK	0x64
#define EDU_BIT_MPSAFE	0x01
#define EDU_BIT_KLOCK	0x02
#define EDU_BIT_DONE	0x04	/* a reference disk's completion */

struct sceedu_softc {
	device_t		 sc_dev;
	pci_chipset_tag_t	 sc_pc;
	pcitag_t		 sc_tag;
	pcireg_t		 sc_conf[3];	/* see sc_ctx_restored() */
	bus_space_tag_t		 sc_st;
	bus_space_handle_t	 sc_sh;
	void			*sc_ih_mpsafe;
	void			*sc_ih_klock;
};

static struct sceedu_softc *sc_edu;

static int	sceedu_match(device_t, cfdata_t, void *);
static void	sceedu_attach(device_t, device_t, void *);
static int	sceedu_detach(device_t, int);

CFATTACH_DECL_NEW(sceedu, sizeof(struct sceedu_softc),
    sceedu_match, sceedu_attach, sceedu_detach, NULL);

/*
 * The LWP's run time so far, in microseconds: what mi_switch() has
 * added to l_rtime, and the current stint since l_stime.
 */
static uint64_t
sc_lwp_run_us(const lwp_t *l)
{
	struct bintime bt;

	binuptime(&bt);
	bintime_sub(&bt, &l->l_stime);
	bintime_add(&bt, &l->l_rtime);
	return (uint64_t)bt.sec * 1000000 +
	    (((bt.frac >> 32) * 1000000) >> 32);
}

/*
 * The strategy call itself, in whatever context we were brought to.
 */
void
sc_ctx_call(struct sc_case *c)
{
	struct sc_obs *ob = &c->c_obs;
	struct cpu_info *ci = curcpu();
	lwp_t *l = curlwp;
	uint64_t vcsw, ivcsw, t0, t1, ts, te, r0, rs, re;
	bool timed;
	int i;

	ob->ob_ran = true;
	ob->ob_intr = cpu_intr_p();
	ob->ob_softintr = cpu_softintr_p();
	ob->ob_ipl_in = ci->ci_ilevel;
	ob->ob_mtx_in = ci->ci_mtx_count;
	ob->ob_big_in = ci->ci_biglock_count;
	vcsw = SC_LWP_VCSW(l);
	ivcsw = SC_LWP_IVCSW(l);

	c->c_lwp = l;
	c->c_issue_ci = ci;
	c->c_issue_idepth = SC_CPU_IDEPTH(ci);
	c->c_issuing = true;
	membar_producer();
	/*
	 * A soft interrupt's LWP (softint, callout) is timed only with
	 * softint_timing: time it for the call, as softint_dispatch() does
	 * then (a stint that starts here, and LP_TIMEINTR so that a block
	 * inside the call charges its time to l_rtime), so that the run
	 * time below is exact there too.  l_pflag is the LWP's own.
	 */
	timed = ob->ob_softintr && (l->l_pflag & LP_TIMEINTR) == 0;
	if (timed) {
		binuptime(&l->l_stime);
		l->l_pflag |= LP_TIMEINTR;
	}
	t0 = sc_now_us();
	r0 = sc_lwp_run_us(l);
	for (i = 0; i < c->c_nio; i++) {
		ts = sc_now_us();
		rs = sc_lwp_run_us(l);
		bdev_strategy(c->c_io[i].io_bp);
		re = sc_lwp_run_us(l);
		te = sc_now_us();
		if (te - ts > ob->ob_maxcall_us)
			ob->ob_maxcall_us = te - ts;
		if (c->c_nio > 1 && re - rs > ob->ob_oncpu_us)
			ob->ob_oncpu_us = re - rs;
	}
	t1 = sc_now_us();
	if (c->c_nio == 1)
		ob->ob_oncpu_us = sc_lwp_run_us(l) - r0;
	ob->ob_oncpu_known = true;
	if (timed)
		l->l_pflag &= ~LP_TIMEINTR;
	c->c_issuing = false;

	/* A call that slept may have come back on another CPU. */
	ci = curcpu();
	ob->ob_ipl_out = ci->ci_ilevel;
	ob->ob_mtx_out = ci->ci_mtx_count;
	ob->ob_big_out = ci->ci_biglock_count;
	ob->ob_ivcsw = SC_LWP_IVCSW(l) - ivcsw;
	ob->ob_vcsw = SC_LWP_VCSW(l) - vcsw;
	ob->ob_us = t1 - t0;
	membar_producer();
	ob->ob_returned = true;
}

/*
 * splbio() alone: no caller can hold a spin mutex across a strategy
 * call, since the call may take adaptive locks (v_interlock through
 * specfs, b_objlock in biodone()) on legal paths.
 */
static void
sc_spl_call(struct sc_case *c)
{
	int s;

	s = splbio();
	sc_ctx_call(c);
	splx(s);
}

static struct sc_case *
sc_take_pending(void)
{

	return atomic_swap_ptr(&sc_pending, NULL);
}

static void
sc_softint(void *arg)
{
	struct sc_case *c;

	if ((c = sc_take_pending()) != NULL)
		sc_ctx_call(c);
}

static void
sc_callout_fn(void *arg)
{
	struct sc_case *c;

	if ((c = sc_take_pending()) != NULL)
		sc_ctx_call(c);
}

static int
sceedu_intr(struct sceedu_softc *sc, uint32_t bit)
{
	struct sc_case *c;
	uint32_t st;

	/* The INTx line may be shared: answer only for our own bit. */
	st = bus_space_read_4(sc->sc_st, sc->sc_sh, EDU_INTR_STATUS);
	if ((st & bit) == 0)
		return 0;
	bus_space_write_4(sc->sc_st, sc->sc_sh, EDU_INTR_ACK, bit);
	sc_intr_cpu = (int)cpu_index(curcpu());
	if ((c = sc_take_pending()) != NULL)
		sc_ctx_call(c);
	return 1;
}

/* What a reference disk asked the interrupt to do (sc_ctx_raise_done). */
static void (*volatile sc_done_fn)(void *);
static void *volatile sc_done_arg;

static int
sceedu_intr_mpsafe(void *arg)
{
	struct sceedu_softc *sc = arg;
	void (*fn)(void *);
	int handled;

	handled = sceedu_intr(sc, EDU_BIT_MPSAFE);
	if ((bus_space_read_4(sc->sc_st, sc->sc_sh, EDU_INTR_STATUS) &
	    EDU_BIT_DONE) == 0)
		return handled;
	bus_space_write_4(sc->sc_st, sc->sc_sh, EDU_INTR_ACK, EDU_BIT_DONE);
	if ((fn = atomic_swap_ptr(&sc_done_fn, NULL)) != NULL)
		(*fn)(sc_done_arg);
	return 1;
}

/*
 * A reference disk's transfer ends in a hard interrupt, as a controller's
 * does: fn(arg) runs from the edu device's MPSAFE handler.  One at a time;
 * false without the device (the caller completes the transfer itself).
 */
bool
sc_ctx_raise_done(void (*fn)(void *), void *arg)
{

	if (sc_edu == NULL || sc_edu->sc_ih_mpsafe == NULL)
		return false;
	sc_done_arg = arg;
	membar_producer();
	if (atomic_cas_ptr(&sc_done_fn, NULL, fn) != NULL)
		return false;
	bus_space_write_4(sc_edu->sc_st, sc_edu->sc_sh, EDU_INTR_RAISE,
	    EDU_BIT_DONE);
	return true;
}

static int
sceedu_intr_klock(void *arg)
{

	return sceedu_intr(arg, EDU_BIT_KLOCK);
}

/* Bring case c to its context; runs in the worker thread. */
static void
sc_trigger(struct sc_case *c)
{

	switch (c->c_ctx) {
	case SC_CTX_THREAD:
		sc_ctx_call(c);
		break;
	case SC_CTX_SPL:
		sc_spl_call(c);
		break;
	case SC_CTX_SOFTINT:
		sc_pending = c;
		kpreempt_disable();
		softint_schedule(sc_sih);
		kpreempt_enable();
		break;
	case SC_CTX_CALLOUT:
		sc_pending = c;
		callout_schedule(&sc_callout, 1);
		break;
	case SC_CTX_HARDINTR:
	case SC_CTX_HARDINTR_KLOCK:
		sc_pending = c;
		membar_producer();
		bus_space_write_4(sc_edu->sc_st, sc_edu->sc_sh, EDU_INTR_RAISE,
		    c->c_ctx == SC_CTX_HARDINTR ? EDU_BIT_MPSAFE :
		    EDU_BIT_KLOCK);
		break;
	default:
		panic("strategy_checker: context %d", c->c_ctx);
	}
}

static void
sc_worker_main(void *arg)
{
	struct sc_case *c;

	for (;;) {
		mutex_enter(&sc_work_mtx);
		while (sc_work == NULL && !sc_work_exit)
			cv_wait(&sc_work_cv, &sc_work_mtx);
		if (sc_work_exit) {
			mutex_exit(&sc_work_mtx);
			break;
		}
		c = sc_work;
		sc_work = NULL;
		mutex_exit(&sc_work_mtx);
		sc_trigger(c);
	}
	kthread_exit(0);
}

/*
 * Start case c in its context.  Returns at once: the caller watches
 * c->c_obs.ob_returned.
 */
int
sc_ctx_run(struct sc_case *c)
{

	mutex_enter(&sc_work_mtx);
	KASSERT(sc_work == NULL);
	sc_work = c;
	cv_signal(&sc_work_cv);
	mutex_exit(&sc_work_mtx);
	return 0;
}

/*
 * The index of the CPU that takes the edu interrupt, or -1 without one.
 * A hard-interrupt case runs there; the host needs it to tell a panic
 * of that CPU in another context (the call gave the CPU away, i.e.
 * slept) from one of the other CPU's.  Asked of the interrupt itself:
 * one raised with no case pending, whose handler notes its CPU (struct
 * intrhand's ih_cpu is no module ABI: options XEN, which current's
 * GENERIC has, moves it).
 */
int
sc_ctx_intr_cpu(void)
{
	int i;

	if (sc_edu == NULL)
		return -1;
	if (sc_intr_cpu == -1) {
		bus_space_write_4(sc_edu->sc_st, sc_edu->sc_sh, EDU_INTR_RAISE,
		    EDU_BIT_MPSAFE);
		for (i = 0; i < 10 && sc_intr_cpu == -1; i++)
			kpause("scintr", false, 1, NULL);
	}
	return sc_intr_cpu;
}

/*
 * After the host restored a saved machine.  QEMU's edu device keeps no
 * state across a save (it has no migration description), so the reset
 * that precedes the restore leaves it unconfigured: give it back its
 * BAR, interrupt line and command register, and clear its interrupts.
 */
void
sc_ctx_restored(void)
{
	struct sceedu_softc *sc = sc_edu;

	if (sc == NULL)
		return;
	pci_conf_write(sc->sc_pc, sc->sc_tag, PCI_BAR(0), sc->sc_conf[0]);
	pci_conf_write(sc->sc_pc, sc->sc_tag, PCI_INTERRUPT_REG,
	    sc->sc_conf[1]);
	pci_conf_write(sc->sc_pc, sc->sc_tag, PCI_COMMAND_STATUS_REG,
	    sc->sc_conf[2] & 0xffff);
	bus_space_write_4(sc->sc_st, sc->sc_sh, EDU_INTR_ACK, ~0U);
}

bool
sc_ctx_available(enum sc_ctx ctx, const char **why)
{

	switch (ctx) {
	case SC_CTX_HARDINTR:
	case SC_CTX_HARDINTR_KLOCK:
		if (sc_edu == NULL) {
			*why = "no edu PCI device (QEMU -device edu)";
			return false;
		}
		if ((ctx == SC_CTX_HARDINTR ? sc_edu->sc_ih_mpsafe :
		    sc_edu->sc_ih_klock) == NULL) {
			*why = "edu interrupt handler not established";
			return false;
		}
		return true;
	default:
		return true;
	}
}

int
sc_ctx_init(void)
{
	int error;

	mutex_init(&sc_work_mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&sc_work_cv, "scwork");
	callout_init(&sc_callout, CALLOUT_MPSAFE);
	callout_setfunc(&sc_callout, sc_callout_fn, NULL);
	sc_sih = softint_establish(SOFTINT_BIO | SOFTINT_MPSAFE, sc_softint,
	    NULL);
	if (sc_sih == NULL)
		return ENOMEM;
	error = kthread_create(PRI_NONE, KTHREAD_MPSAFE | KTHREAD_MUSTJOIN,
	    cpu_lookup(0), sc_worker_main, NULL, &sc_worker, "scworker");
	if (error != 0) {
		softint_disestablish(sc_sih);
		return error;
	}
	return 0;
}

void
sc_ctx_fini(void)
{

	mutex_enter(&sc_work_mtx);
	sc_work_exit = true;
	cv_signal(&sc_work_cv);
	mutex_exit(&sc_work_mtx);
	kthread_join(sc_worker);
	callout_halt(&sc_callout, NULL);
	callout_destroy(&sc_callout);
	softint_disestablish(sc_sih);
	cv_destroy(&sc_work_cv);
	mutex_destroy(&sc_work_mtx);
}

static int
sceedu_match(device_t parent, cfdata_t cf, void *aux)
{
	struct pci_attach_args *pa = aux;

	if (PCI_VENDOR(pa->pa_id) == EDU_VENDOR &&
	    PCI_PRODUCT(pa->pa_id) == EDU_PRODUCT)
		return 1;
	return 0;
}

static void
sceedu_attach(device_t parent, device_t self, void *aux)
{
	struct sceedu_softc *sc = device_private(self);
	struct pci_attach_args *pa = aux;
	pci_intr_handle_t ih, ih_mpsafe;
	char buf[PCI_INTRSTR_LEN];
	const char *intrstr;

	sc->sc_dev = self;
	sc->sc_pc = pa->pa_pc;
	sc->sc_tag = pa->pa_tag;
	aprint_naive("\n");
	aprint_normal(": QEMU edu, interrupt source for strategy_checker\n");

	if (pci_mapreg_map(pa, PCI_BAR(0), PCI_MAPREG_TYPE_MEM, 0,
	    &sc->sc_st, &sc->sc_sh, NULL, NULL) != 0) {
		aprint_error_dev(self, "can't map BAR0\n");
		return;
	}
	/* Start from a quiet device: no interrupt pending. */
	bus_space_write_4(sc->sc_st, sc->sc_sh, EDU_INTR_ACK, ~0U);
	sc->sc_conf[0] = pci_conf_read(sc->sc_pc, sc->sc_tag, PCI_BAR(0));
	sc->sc_conf[1] = pci_conf_read(sc->sc_pc, sc->sc_tag,
	    PCI_INTERRUPT_REG);
	sc->sc_conf[2] = pci_conf_read(sc->sc_pc, sc->sc_tag,
	    PCI_COMMAND_STATUS_REG);

	if (pci_intr_map(pa, &ih) != 0) {
		aprint_error_dev(self, "can't map interrupt\n");
		return;
	}
	intrstr = pci_intr_string(pa->pa_pc, ih, buf, sizeof(buf));

	/* The default handler runs with the kernel lock held... */
	sc->sc_ih_klock = pci_intr_establish(pa->pa_pc, ih, IPL_BIO,
	    sceedu_intr_klock, sc);
	/* ...an MPSAFE one on the same line does not. */
	ih_mpsafe = ih;
	pci_intr_setattr(pa->pa_pc, &ih_mpsafe, PCI_INTR_MPSAFE, true);
	sc->sc_ih_mpsafe = pci_intr_establish(pa->pa_pc, ih_mpsafe, IPL_BIO,
	    sceedu_intr_mpsafe, sc);
	if (sc->sc_ih_klock == NULL || sc->sc_ih_mpsafe == NULL) {
		aprint_error_dev(self, "can't establish interrupt at %s\n",
		    intrstr);
		return;
	}
	aprint_normal_dev(self, "interrupting at %s (MPSAFE and kernel-locked"
	    " handlers)\n", intrstr);
	sc_edu = sc;
}

static int
sceedu_detach(device_t self, int flags)
{
	struct sceedu_softc *sc = device_private(self);

	if (sc_edu == sc)
		sc_edu = NULL;
	if (sc->sc_ih_klock != NULL)
		pci_intr_disestablish(sc->sc_pc, sc->sc_ih_klock);
	if (sc->sc_ih_mpsafe != NULL)
		pci_intr_disestablish(sc->sc_pc, sc->sc_ih_mpsafe);
	return 0;
}
