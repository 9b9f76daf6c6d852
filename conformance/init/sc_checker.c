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

#include "sc_init.h"

/* kern has about a hundred children of some 112 bytes each. */
static struct sysctlnode sc_nodes[512];

/* The child of the node at mib[0..len) named name, or -errno. */
static long
sc_sysctl_child(int *mib, unsigned int len, const char *name,
    uint32_t *flags)
{
	struct sysctlnode q;
	unsigned long olen = sizeof(sc_nodes);
	size_t i;
	long r;

	memset(&q, 0, sizeof(q));
	q.sysctl_flags = SYSCTL_VERSION;
	mib[len] = CTL_QUERY;
	r = sc_sysctl(mib, len + 1, sc_nodes, &olen, &q, sizeof(q));
	if (r < 0)
		return r;
	for (i = 0; i < olen / sizeof(sc_nodes[0]); i++) {
		if (sc_streq(sc_nodes[i].sysctl_name, name)) {
			*flags = sc_nodes[i].sysctl_flags;
			return sc_nodes[i].sysctl_num;
		}
	}
	return -ENOENT;
}

static void
sc_checker_fail(const char *what, long err)
{
	char num[24];

	if (err < 0)
		err = -err;
	sc_msg("# init: checker: ", what, " error ",
	    sc_ltoa(err, num, sizeof(num)), " (", sc_errname(err), ")", NULL);
}

void
sc_checker_run(const char *devices, const char *extra)
{
	static char arg[320];
	int mib[CTL_MAXNAME];
	uint32_t flags = 0;
	long r;

	mib[0] = CTL_KERN;
	r = sc_sysctl_child(mib, 1, "strategy_checker", &flags);
	if (r < 0) {
		sc_checker_fail("no node kern.strategy_checker:", r);
		return;
	}
	mib[1] = (int)r;
	r = sc_sysctl_child(mib, 2, "run", &flags);
	if (r < 0) {
		sc_checker_fail("no node kern.strategy_checker.run:", r);
		return;
	}
	mib[2] = (int)r;
	if (SYSCTL_TYPE(flags) != CTLTYPE_STRING) {
		sc_checker_fail("kern.strategy_checker.run is not a string:",
		    EFTYPE);
		return;
	}
	sc_strlcpy(arg, "devices=", sizeof(arg));
	sc_strlcat(arg, devices, sizeof(arg));
	if (extra[0] != '\0') {
		sc_strlcat(arg, " ", sizeof(arg));
		sc_strlcat(arg, extra, sizeof(arg));
	}
	sc_msg("# init: checker: kern.strategy_checker.run=", arg, NULL);
	r = sc_sysctl(mib, 3, NULL, NULL, arg, sc_strlen(arg) + 1);
	if (r < 0)
		sc_checker_fail("write kern.strategy_checker.run:", r);
	else
		sc_msg("# init: checker: the write returned, the machine is "
		    "still up", NULL);
}
