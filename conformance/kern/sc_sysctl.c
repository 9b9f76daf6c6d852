/*
 * strategy_checker: kern.strategy_checker.run, the guest userland's way
 * to start a run.  The pseudo-disks (vnd, cgd, ccd, raid, md, fss) are
 * configured by ioctls whose arguments live in user memory, so under
 * init=1 the checker does not run at the end of autoconfiguration: the
 * project's PID 1 (conformance/init) configures them and writes the
 * arguments of the run here ("devices=vnd0,cgd0,...").  The write
 * returns when the run is over, and under QEMU it does not return: the
 * machine is powered off.  Reading the node tells the state.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/sysctl.h>

#include "sc.h"

static struct sysctllog *sc_sysctl_log;
static const char *sc_sysctl_state = "waiting";

static int
sc_sysctl_run(SYSCTLFN_ARGS)
{
	struct sysctlnode node;
	char buf[256];
	int error;

	strlcpy(buf, sc_sysctl_state, sizeof(buf));
	node = *rnode;
	node.sysctl_data = buf;
	node.sysctl_size = sizeof(buf);
	error = sysctl_lookup(SYSCTLFN_CALL(&node));
	if (error != 0 || newp == NULL)
		return error;
	if (strcmp(sc_sysctl_state, "waiting") != 0)
		return EBUSY;	/* one run per boot */
	buf[sizeof(buf) - 1] = '\0';
	/* The guest's arguments after the host's: the later ones win. */
	if (strlen(sc_args.raw) + 1 + strlen(buf) >= sizeof(sc_args.raw))
		return ENAMETOOLONG;
	strlcat(sc_args.raw, " ", sizeof(sc_args.raw));
	strlcat(sc_args.raw, buf, sizeof(sc_args.raw));
	printf("# strategy-checker: run asked by pid %d: %s\n",
	    (int)l->l_proc->p_pid, buf);
	sc_sysctl_state = "running";
	sc_start_and_wait();
	sc_sysctl_state = "done";
	return 0;
}

int
sc_sysctl_init(void)
{
	const struct sysctlnode *node = NULL;
	int error;

	error = sysctl_createv(&sc_sysctl_log, 0, NULL, &node, 0,
	    CTLTYPE_NODE, "strategy_checker",
	    SYSCTL_DESCR("strategy(9) conformance checker"),
	    NULL, 0, NULL, 0, CTL_KERN, CTL_CREATE, CTL_EOL);
	if (error != 0)
		return error;
	return sysctl_createv(&sc_sysctl_log, 0, &node, NULL,
	    CTLFLAG_READWRITE, CTLTYPE_STRING, "run",
	    SYSCTL_DESCR("write the run's arguments to run the checker"),
	    sc_sysctl_run, 0, NULL, 256, CTL_CREATE, CTL_EOL);
}
