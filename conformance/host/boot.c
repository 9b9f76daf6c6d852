/*
 * boot.c - one boot of a profile's machine: the checker's arguments,
 * QEMU started with its command and console logged, and the console
 * followed until the boot ends (QEMU exits, the guest is paused after
 * its panic or its done, a hang, or a boot that will never start the
 * checker).  The cold-boot loop and the restores (resume.c) both boot
 * through here.
 */
#include "runner.h"
#include "monitor.h"
#include "rows.h"

#include <sys/wait.h>
#include <time.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BOOT_LIMIT 300	/* seconds from QEMU's start to the checker's */

/* The checker's arguments of one boot, beside the profile's own. */
char *
boot_args(const struct options *o, const struct profile *p,
    const char *head)
{
	const char *bc = profile_boot_ctl(p);

	return xasprintf("%s%s%s%s%s%s%s%s%s%s%s%s", head, p->args[0] ? " " : "",
	    p->args, bc ? " bootctl=" : "", bc ? bc : "",
	    p->init ? " init=1" : "", o->devices ? " devices=" : "",
	    o->devices ? o->devices : "", o->contexts ? " contexts=" : "",
	    o->contexts ? o->contexts : "", o->extra ? " " : "",
	    o->extra ? o->extra : "");
}

/* first=N and the cases that took earlier boots down. */
char *
case_args(const struct session *s, long first)
{
	return xasprintf("first=%ld%s%s", first, s->down[0] ? " down=" : "",
	    s->down);
}

static void
log_cmd(const char *dir, int boot, char *const *argv)
{
	char *cmd = argv_shell(argv), *path = xasprintf("%s/qemu.cmd", dir);
	FILE *cf;

	if ((cf = fopen(path, "a")) != NULL) {
		fprintf(cf, "# boot %d\n%s\n", boot, cmd);
		fclose(cf);
	}
	free(path);
	free(cmd);
}

/* The console of boot N of a profile. */
int
boot_log(struct guest *g, const char *dir, int boot)
{
	char *path = xasprintf("%s/console.%d.log", dir, boot);
	int rv = guest_log(g, path);

	free(path);
	return rv;
}

/*
 * Seconds a SCSI bus's probe may go without console output before it
 * counts as hung.  A probe that goes on is silent while its commands
 * wait for their timeouts, and scsipi bounds that: the discovery of a
 * target sends at most two INQUIRYs and a REPORT LUNS with four
 * retries (scsi_report_luns), then two INQUIRYs (scsi_probe_device),
 * each given 10 s: 90 s.  QEMU's LSI 53C895A loses commands at random
 * on current (no register access for 20 s, then the driver's timeout
 * and a new INQUIRY; sd1 came 20 s and 28 s after the bus settled in
 * two boots), so a shorter limit cut rows at random.  Neither the
 * controller's interrupts nor its register accesses tell such a wait
 * from a hang; a controller that refused its driver for good says so
 * in QEMU's trace (profile_refusal), and is not waited for.
 */
#define AUTOCONF_QUIET_S	100

/*
 * The SCSI bus attached at a controller of driver ctrl (alternatives
 * as in struct bus, "esiop|siop"), as session's attached list has it:
 * "scsibus3 mfi0" for "mfi".  NULL if none has attached.
 */
static const char *
bus_at_ctrl(const struct session *s, const char *ctrl)
{
	const char *a, *at;
	size_t i;

	for (i = 0; i < s->attached.n; i++) {
		a = s->attached.v[i];
		if (strncmp(a, "scsibus", 7) != 0 ||
		    (at = strchr(a, ' ')) == NULL)
			continue;
		at++;
		if (driver_in_set(at, strcspn(at, " "), ctrl))
			return a;
	}
	return NULL;
}

/*
 * Before the checker starts: a SCSI bus whose probe never ends, then
 * either QEMU's trace of its controller refusing the driver
 * (profile_refusal) or the profile's quiet= seconds of silence since
 * last (the time of the last console output): autoconfiguration will
 * not end (session_pending_bus).  Marks the session stuck and says
 * so; else lowers *left, the seconds the caller may wait, to when it
 * would be.
 */
int
autoconf_stuck(const struct profile *p, const struct guest *g,
    struct session *s, long last, long *left)
{
	long quiet_s = p->quiet ? p->quiet : AUTOCONF_QUIET_S;
	const char *bus, *rbus, *refused, *ctrl = NULL;
	char how[256], *err;

	if (s->ktap || s->stuck || (bus = session_pending_bus(s)) == NULL)
		return 0;
	err = read_file(g->errpath, NULL);
	refused = profile_refusal(p, err, &ctrl);
	free(err);
	if (refused != NULL && (rbus = bus_at_ctrl(s, ctrl)) != NULL)
		bus = rbus;	/* the bus that waits, not one before it */
	else
		refused = NULL;
	if (refused != NULL || now_s() - last >= quiet_s) {
		if (refused != NULL)
			snprintf(how, sizeof(how), "%s", refused);
		else
			snprintf(how, sizeof(how), "%ld s of silence",
			    now_s() - last);
		session_autoconf_stuck(s, bus, how);
		fprintf(stderr, "[%s] boot %d: %s\n", p->name, s->boot,
		    s->stuck_line);
		return 1;
	}
	if (quiet_s - (now_s() - last) < *left)
		*left = quiet_s - (now_s() - last);
	return 0;
}

/*
 * Follows the console of a boot until it ends: QEMU exits; or, with a
 * monitor (a machine the runner restores), the checker is done or the
 * guest went down and QEMU paused it; or a hang.  Sets how it ended.
 * The time from the last console output to the end is waiting.
 */
void
follow(const struct profile *p, struct guest *g, struct session *s,
    int hang, int mon, enum boot_end *how, struct timing *t,
    double *ktap_at)
{
	int grace = hang < 30 ? hang : 30;
	long last = now_s(), stuck_at = 0, r, boot_t0 = now_s();
	double quiet = now_d();
	char st[256];

	*how = BE_EXIT;
	for (;;) {
		int limit = (s->done || s->panicked) ? grace : hang;
		long left = limit - (now_s() - last);

		/* A boot has at most 5 minutes to start the checker:
		   output alone does not prove progress (a PID 1 faulting
		   for ever, a driver's message every second). */
		if (!s->ktap && !s->stuck && boot_t0 > 0 &&
		    now_s() - boot_t0 > BOOT_LIMIT)
			session_checker_late(s, BOOT_LIMIT);
		if (autoconf_stuck(p, g, s, last, &left)) {
			*how = BE_HANG;
			break;
		}
		/* GRUB gave up or the kernel wants a root device: the
		   checker will not run; give it 3 s to prove otherwise. */
		if (!s->ktap && s->stuck) {
			if (stuck_at == 0)
				stuck_at = now_s();
			if (3 - (now_s() - stuck_at) < left)
				left = 3 - (now_s() - stuck_at);
		}
		if (stop_signal)
			break;
		if (left <= 0) {
			if (!s->done && !s->panicked) {
				*how = BE_HANG;
				if (!s->stuck)
					fprintf(stderr, "[%s] boot %d: no "
					    "console output for %d s\n",
					    p->name, s->boot, hang);
			}
			break;
		}
		/*
		 * A machine that is restored need not go down by itself:
		 * once the backtrace is out, nothing more is to come.
		 */
		if (mon != -1 && s->panicked && (s->panic_over ||
		    g->ddb_over)) {
			mon_do(p->name, mon, "stop", 10000);
			guest_read_rest(g, s);
			break;
		}
		/*
		 * Nor does a cold boot's guest that said it is rebooting
		 * after a panic; its reset may take a second more (QEMU
		 * exits then): its caller stops QEMU instead.
		 */
		if (mon == -1 && s->panicked && s->rebooting) {
			guest_read_rest(g, s);
			break;
		}
		/*
		 * Nor one whose checker is done: every result is in, and
		 * the power-off that follows takes a second (ACPI's S5
		 * waits one before it enters the state), a second that
		 * every profile's last boot spent here.  Its last lines
		 * come at once: read, then stopped.
		 */
		if (s->done) {
			guest_read_rest(g, s);
			if (mon != -1) {
				mon_do(p->name, mon, "stop", 10000);
				guest_read_rest(g, s);
			}
			break;
		}
		/* A paused machine prints nothing more, once what it
		   printed before is read: ask QEMU. */
		if (mon != -1 && s->panicked &&
		    mon_cmd(mon, "info status", st, sizeof(st), 2000) == 0 &&
		    strstr(st, "paused") != NULL) {
			guest_read_rest(g, s);
			break;
		}
		r = guest_read(g, s, mon != -1 && s->panicked ?
		    200 : (int)(left > 5 ? 5000 : left * 1000));
		if (r == -1)
			break;	/* QEMU exited */
		if (r > 0) {
			last = now_s();
			quiet = now_d();
			if (s->ktap && *ktap_at == 0)
				*ktap_at = quiet;
		}
	}
	t->last_wait_s = now_d() - quiet;
	t->wait_s += t->last_wait_s;
}

/* QEMU for boot N of a profile, its command logged, its console logged
   in console.N.log; paused: stopped before the guest runs (-S), for a
   saved machine to be loaded into it.  -1 if it cannot start. */
int
start_qemu(const struct options *o, const struct profile *p,
    const char *dir, const char *iso, const char *fw, const char *snapdir,
    int boot, int paused, struct guest *g)
{
	struct strvec av = { 0 };
	char *path = xasprintf("%s/qemu.%d.stderr", dir, boot);
	int rv = 0;

	profile_qemu_argv(p, o->qemu, iso, dir, fw, snapdir, &av);
	if (paused)
		strvec_push(&av, "-S");
	log_cmd(dir, boot, av.v);
	if (guest_start(g, p->name, av.v, path) == -1 ||
	    boot_log(g, dir, boot) == -1) {
		guest_stop(g, 1);
		rv = -1;
	}
	free(path);
	strvec_free(&av);
	return rv;
}

/* One cold boot: start QEMU, follow the console.  Returns how it ended. */
int
boot_once(const struct options *o, const struct profile *p,
    const char *dir, const char *iso, struct session *s, long first,
    int hang, enum boot_end *how, struct timing *t)
{
	double t0 = now_d(), tk = 0;
	struct guest g;
	char *fw, *ca;
	int st, rv;

	ca = case_args(s, first);
	fw = boot_args(o, p, ca);
	free(ca);
	session_boot_begin(s, first);
	fprintf(stderr, "[%s] boot %d: starting QEMU at case %ld\n", p->name,
	    s->boot, first);
	rv = start_qemu(o, p, dir, iso, fw, NULL, s->boot, 0, &g);
	free(fw);
	if (rv == -1)
		return -1;
	follow(p, &g, s, hang, -1, how, t, &tk);
	/* Until the checker starts: the boot's cost; then the cases.  A
	   checker that never started leaves the boot's last wait out:
	   it is waiting. */
	t->boots++;
	if (tk == 0)
		tk = now_d() - t->last_wait_s;
	t->boot_s += tk - t0;
	t->cases_s += now_d() - tk;
	st = guest_stop(&g, 1);
	if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 127 && !s->ktap) {
		fprintf(stderr, "strategy-run: could not start %s\n",
		    o->qemu);
		return -1;
	}
	return 0;
}
