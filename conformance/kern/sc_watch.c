/*
 * strategy_checker: the watcher.  The checker's own thread runs on the
 * second CPU and watches the LWP that makes the strategy calls on the
 * first, so that a block is seen for what it is (turnstile or sleep
 * queue) while it happens.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/atomic.h>
#include <sys/lwp.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/rwlock.h>
#include <sys/syncobj.h>

#include <machine/cpufunc.h>

#include "sc.h"

bool sc_watcher;
volatile u_int sc_watch_seen;	/* blocks the watcher has classified */

/*
 * Says at once what the watcher saw, before the case's result: if the
 * block brings the guest down, the host still has the evidence.
 */
static void __printflike(1, 2)
sc_evidence(const char *fmt, ...)
{
	char buf[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("    # watch: %s\n", buf);
}

/*
 * Waits for the call(s) of case c to return, watching the calling LWP
 * from this CPU: a sleep on a turnstile is an adaptive lock, any other
 * sleep queue is a sleep.  Time the LWP spends off its CPU (asleep, or
 * runnable after a preemption) is not time the driver kept the CPU.
 * False if the call is not back in time.
 */
bool
sc_watch(struct sc_case *c)
{
	struct sc_obs *ob = &c->c_obs;
	uint64_t t0, now, since = 0;
	bool off = false, sleeping;
	bool asleep = false, runnable = false;
	syncobj_t *so;
	const char *wm;
	u_int spins = 0, stat;
	lwp_t *l;

	ob->ob_watched = sc_watcher;
	t0 = now = sc_now_us();
	while (!ob->ob_returned) {
		now = sc_now_us();
		if (now - t0 > (uint64_t)SC_STUCK_MS * 1000)
			break;
		if (!sc_watcher) {
			kpause("scwatch", false, 1, NULL);
			continue;
		}
		l = c->c_lwp;
		if (l != NULL && c->c_issuing) {
			stat = l->l_stat;
			so = l->l_syncobj;
			wm = l->l_wmesg;
			/*
			 * What was read belongs to the call only if the call
			 * is still under way: the calling LWP may have
			 * returned meanwhile and gone to sleep elsewhere (the
			 * checker's worker, on its own condvar).
			 */
			membar_consumer();
			if (!c->c_issuing || ob->ob_returned)
				continue;
			sleeping = stat == LSSLEEP;
			if (sleeping && !asleep) {
				sc_watch_seen++;
				if (so == &mutex_syncobj || so == &rw_syncobj) {
					if (ob->ob_nlock++ == 0)
						sc_evidence("adaptive-lock");
				} else {
					if (wm != NULL &&
					    ob->ob_wmesg[0] == '\0')
						strlcpy(ob->ob_wmesg, wm,
						    sizeof(ob->ob_wmesg));
					if (ob->ob_nsleep++ == 0)
						sc_evidence("sleep wmesg=%s",
						    ob->ob_wmesg[0] ?
						    ob->ob_wmesg : "-");
				}
			}
			if (stat == LSRUN && !runnable)
				ob->ob_npreempt++;
			runnable = stat == LSRUN;
			asleep = sleeping;
			if (stat != LSONPROC && !off) {
				off = true;
				since = now;
			} else if (stat == LSONPROC && off) {
				off = false;
				ob->ob_blocked_us += now - since;
			}
		}
		/* Let this CPU's other threads run now and then. */
		if ((++spins & 1023) == 0)
			preempt();
		else
			x86_pause();
	}
	if (off)
		ob->ob_blocked_us += now - since;
	return ob->ob_returned;
}

