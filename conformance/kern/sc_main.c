/*
 * strategy_checker: module glue.  Starts once autoconfiguration is over,
 * runs the plan in a thread of its own and, under QEMU, powers the
 * machine off.  Results go to the console as KTAP version 1
 * (conformance/PROTOCOL); one case is (device, context, operation), its
 * subtests are the clauses of spec/strategy-contract.md it judges.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/condvar.h>
#include <sys/cpu.h>
#include <sys/device.h>
#include <sys/kernel.h>
#include <sys/ksyms.h>
#include <sys/kthread.h>
#include <sys/module.h>
#include <sys/mutex.h>
#include <sys/reboot.h>

#include "sc.h"

MODULE(MODULE_CLASS_DRIVER, strategy_checker, NULL);

/* The runner reads this to refuse a module built for another kernel. */
__used const char sc_built_for[] =
    "strategy-checker built-for=" ___STRING(__NetBSD_Version__);

/* ddb(4)'s switch: enter the debugger on a panic, or not. */
extern int db_onpanic;

static kmutex_t sc_done_mtx;
static kcondvar_t sc_done_cv;
static bool sc_done;

/*
 * The detectors of the kernel that booted, from its own symbol table:
 * LOCKDEBUG by lockdebug_wantlock (subr_lockdebug.c defines it only
 * with the option), DDB by db_trap.  The host read the kernel file
 * before the boot and takes a detector this does not confirm as absent.
 * DIAGNOSTIC leaves no symbol of its own in either tree, so it rests
 * on the host's reading of the embedded configuration.
 */
static const char *
sc_detectors(char *buf, size_t len)
{
	static const char *const syms[][2] = {
		{ "LOCKDEBUG", "lockdebug_wantlock" },
		{ "DDB", "db_trap" },
	};
	unsigned long val;
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < __arraycount(syms); i++) {
		if (ksyms_getval(NULL, syms[i][1], &val, KSYMS_EXTERN) != 0)
			continue;
		o += snprintf(buf + o, len - o, "%s%s", o > 0 ? "," : "",
		    syms[i][0]);
		if (o >= len)
			break;
	}
	return o > 0 ? buf : "none";
}

static void
sc_main(void *arg)
{
	char det[32];
	int i;

	sc_parse_args();
	/*
	 * A kernel that enters ddb(4) on a panic stops there; the host
	 * answers the prompt (conformance/PROTOCOL).  onpanic= lets a run
	 * show that path on a kernel that would reboot.
	 */
	if (sc_args.onpanic >= 0)
		db_onpanic = sc_args.onpanic;
	sc_find_targets();
	sc_open_targets();
	if (sc_args.resume) {
		/*
		 * Ready, and no case has touched a disk: the host saves the
		 * machine now and comes back here after every case that
		 * takes it down, with the arguments of the next boot.
		 */
		printf("# strategy-checker: ready: arguments on com1\n");
		sc_read_resume_args();
		sc_ctx_restored();
	}

	printf("KTAP version 1\n");
	printf("# strategy-checker: version=%d built-for=%d ncpu=%d hz=%d "
	    "watcher=%d deadline=%d onpanic=%d intrcpu=%d detectors=%s "
	    "args=\"%s\"\n",
	    SC_VERSION, __NetBSD_Version__, ncpu, hz, sc_watcher,
	    sc_args.deadline_ms, db_onpanic, sc_ctx_intr_cpu(),
	    sc_detectors(det, sizeof(det)), sc_args.raw);
	for (i = 0; i < sc_ndevs; i++) {
		const struct sc_dev *d = &sc_devs[i];

		printf("# device %s attach=\"%s\" chain=\"%s\" dev=%llu,%llu "
		    "secsize=%u nsectors=%lld mpsafe=%d ro=%d unconf=%d "
		    "diskstart=%d open=%d\n", d->d_name, d->d_attach,
		    d->d_chain,
		    (unsigned long long)major(d->d_dev),
		    (unsigned long long)minor(d->d_dev), d->d_secsize,
		    (long long)d->d_nsectors, d->d_mpsafe,
		    d->d_rodev != NODEV, d->d_unconf != NODEV, d->d_dks,
		    d->d_opened);
	}
	printf("1..%d\n", sc_plan());

	sc_run_all();

	sc_close_targets();
	sc_tally_print();

	mutex_enter(&sc_done_mtx);
	sc_done = true;
	cv_broadcast(&sc_done_cv);
	mutex_exit(&sc_done_mtx);
	kthread_exit(0);
}

/*
 * The run: the checker's thread goes to the second CPU, away from the
 * contexts it drives on the first; the caller waits for it and, under
 * QEMU, powers the machine off.
 */
void
sc_start_and_wait(void)
{
	struct cpu_info *ci = NULL;
	int error;

	if (ncpu > 1) {
		ci = cpu_lookup(1);
		sc_watcher = true;
	}
	mutex_init(&sc_done_mtx, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&sc_done_cv, "scdone");
	error = kthread_create(PRI_NONE, KTHREAD_MPSAFE, ci, sc_main, NULL,
	    NULL, "scmain");
	if (error != 0) {
		printf("strategy-checker: can't start: error %d\n", error);
		return;
	}
	mutex_enter(&sc_done_mtx);
	while (!sc_done)
		cv_wait(&sc_done_cv, &sc_done_mtx);
	mutex_exit(&sc_done_mtx);

	if (sc_args.qemu) {
		printf("strategy-checker: powering off\n");
		cpu_reboot(RB_HALT | RB_POWERDOWN | RB_NOSYNC, NULL);
	}
}

/*
 * Runs once autoconfiguration is over: every disk has attached.  With
 * init=1 the guest's PID 1 starts the run instead (sc_sysctl.c), once it
 * has configured the pseudo-disks; the boot goes on to mount its root.
 */
static int
sc_finalize(device_t self)
{
	static bool once;
	int error;

	if (once)
		return 0;
	once = true;

	sc_read_args();
	if (strstr(sc_args.raw, "init=1") != NULL) {
		if ((error = sc_sysctl_init()) != 0)
			printf("strategy-checker: no kern.strategy_checker: "
			    "error %d\n", error);
		else
			printf("strategy-checker: waiting for the guest's "
			    "PID 1 (kern.strategy_checker.run)\n");
		return 0;
	}
	sc_start_and_wait();
	return 0;
}

/* --- module glue ---------------------------------------------------- */

CFDRIVER_DECL(sceedu, DV_DULL, NULL);

static struct cfdriver *const sc_cfdrivers[] = { &sceedu_cd, NULL };
static struct cfattach *const sc_edu_attachs[] = { &sceedu_ca, NULL };
static const struct cfattachinit sc_cfattachs[] = {
	{ "sceedu", sc_edu_attachs },
	{ NULL, NULL },
};
static const struct cfparent sc_pci_parent = { "pci", "pci", DVUNIT_ANY };
static int sc_pci_locs[] = { -1, -1 };	/* dev, function: any */
static struct cfdata sc_cfdata[] = {
	{
		.cf_name = "sceedu",
		.cf_atname = "sceedu",
		.cf_unit = 0,
		.cf_fstate = FSTATE_STAR,
		.cf_loc = sc_pci_locs,
		.cf_flags = 0,
		.cf_pspec = &sc_pci_parent,
	},
	{ .cf_name = NULL },
};

static int
strategy_checker_modcmd(modcmd_t cmd, void *arg)
{
	int error;

	switch (cmd) {
	case MODULE_CMD_INIT:
		printf("strategy-checker: %s\n", sc_built_for);
		sc_io_init();
		if ((error = sc_ctx_init()) != 0) {
			sc_io_fini();
			return error;
		}
		if ((error = sc_ref_init()) != 0) {
			sc_ctx_fini();
			sc_io_fini();
			return error;
		}
		error = config_init_component(sc_cfdrivers, sc_cfattachs,
		    sc_cfdata);
		if (error != 0)
			printf("strategy-checker: no edu driver: error %d\n",
			    error);
		if ((error = sc_dkref_init()) != 0)
			printf("strategy-checker: no reference dksubr disk: "
			    "error %d\n", error);
		return config_finalize_register(NULL, sc_finalize);
	case MODULE_CMD_FINI:
		/* Threads and bufs may still be with the drivers. */
		return EBUSY;
	default:
		return ENOTTY;
	}
}
