/*
 * Asks the checker module to run: the list of configured units goes to
 * kern.strategy_checker.run, a string node the module creates at load.
 * Dynamic nodes have numbers the kernel picks, so the name is resolved
 * here as libc's sysctlnametomib() does: CTL_QUERY on each parent lists
 * its children, and the child is found by name.  The write returns only
 * when the checker is done, and by then the module has powered the
 * machine off; whatever comes back here is a failure, and this PID 1
 * powers off itself.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/sysctl.h>
#include <sys/errno.h>

#include "pid1_init.h"

/* kern has about a hundred children of some 112 bytes each. */
static struct sysctlnode pid1_nodes[512];

/* The child of the node at mib[0..len) named name, or -errno. */
static long
pid1_sysctl_child(int *mib, unsigned int len, const char *name,
    uint32_t *flags)
{
	struct sysctlnode q;
	unsigned long olen = sizeof(pid1_nodes);
	size_t i;
	long r;

	memset(&q, 0, sizeof(q));
	q.sysctl_flags = SYSCTL_VERSION;
	mib[len] = CTL_QUERY;
	r = pid1_sysctl(mib, len + 1, pid1_nodes, &olen, &q, sizeof(q));
	if (r < 0)
		return r;
	for (i = 0; i < olen / sizeof(pid1_nodes[0]); i++) {
		if (pid1_streq(pid1_nodes[i].sysctl_name, name)) {
			*flags = pid1_nodes[i].sysctl_flags;
			return pid1_nodes[i].sysctl_num;
		}
	}
	return -ENOENT;
}

static void
pid1_checker_fail(const char *what, long err)
{
	char num[24];

	if (err < 0)
		err = -err;
	pid1_msg("# init: checker: ", what, " error ",
	    pid1_ltoa(err, num, sizeof(num)), " (", pid1_errname(err), ")", NULL);
}

void
pid1_checker_run(const char *devices, const char *extra)
{
	static char arg[320];
	int mib[CTL_MAXNAME];
	uint32_t flags = 0;
	long r;

	mib[0] = CTL_KERN;
	r = pid1_sysctl_child(mib, 1, "strategy_checker", &flags);
	if (r < 0) {
		pid1_checker_fail("no node kern.strategy_checker:", r);
		return;
	}
	mib[1] = (int)r;
	r = pid1_sysctl_child(mib, 2, "run", &flags);
	if (r < 0) {
		pid1_checker_fail("no node kern.strategy_checker.run:", r);
		return;
	}
	mib[2] = (int)r;
	if (SYSCTL_TYPE(flags) != CTLTYPE_STRING) {
		pid1_checker_fail("kern.strategy_checker.run is not a string:",
		    EFTYPE);
		return;
	}
	pid1_strlcpy(arg, "devices=", sizeof(arg));
	pid1_strlcat(arg, devices, sizeof(arg));
	if (extra[0] != '\0') {
		pid1_strlcat(arg, " ", sizeof(arg));
		pid1_strlcat(arg, extra, sizeof(arg));
	}
	pid1_msg("# init: checker: kern.strategy_checker.run=", arg, NULL);
	r = pid1_sysctl(mib, 3, NULL, NULL, arg, pid1_strlen(arg) + 1);
	if (r < 0)
		pid1_checker_fail("write kern.strategy_checker.run:", r);
	else
		pid1_msg("# init: checker: the write returned, the machine is "
		    "still up", NULL);
}
