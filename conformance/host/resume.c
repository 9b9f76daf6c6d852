/*
 * resume.c - a profile's boots from a saved machine: boot once, save the
 * machine when the checker is ready and has touched no disk, and restore
 * it after every boot that ends before the plan does, telling the checker
 * at which case to go on (conformance/PROTOCOL: resume=1, first=N).
 * Where that cannot be done, the cold boots of machine.c take over.
 */
#include "runner.h"
#include "monitor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The next boot's case arguments, a line on the guest's second serial
   port. */
static int
send_args(int fd, const struct session *s, long first)
{
	char *a = case_args(s, first), *line = xasprintf("%s\n", a);
	ssize_t n = write(fd, line, strlen(line));
	int rv = n == (ssize_t)strlen(line) ? 0 : -1;

	free(a);
	free(line);
	return rv;
}

#define RESTORE_KTAP_S	30	/* a restored guest is back within this */

/* A profile's machine while it is saved and restored. */
struct resume {
	const struct options *o;
	const struct profile *p;
	const char *dir;
	struct session *s;
	struct timing *t;
	struct guest g;
	int hang;
	int mon, args;		/* QMP, the checker's argument channel */
	int saved, restored;
	double t0, tk;		/* the boot's start, the checker's */
};

/* The first boot, to be saved: QEMU started with resume=1.  -1 when QEMU
   cannot start. */
static int
first_boot(struct resume *r, const char *iso, long first, int *boots)
{
	const struct profile *p = r->p;
	char *fw = boot_args(r->o, p, "resume=1");
	int rv;

	session_boot_begin(r->s, first);
	(*boots)++;
	fprintf(stderr, "[%s] boot %d: starting QEMU at case %ld, to be "
	    "saved when the checker is ready\n", p->name, r->s->boot, first);
	r->t0 = now_d();
	rv = start_qemu(r->o, p, r->dir, iso, fw, r->dir, r->s->boot, &r->g);
	free(fw);
	return rv;
}

/*
 * The checker says it is ready before anything else: read the console
 * until it does, or the boot goes nowhere: a stuck autoconfiguration,
 * or no console output for the hang timeout, as in a case; at most
 * READY_MAX_S in all, for a guest that prints for ever.  Not the hang
 * timeout on the boot's whole time: scsipi's discovery of controllers
 * that lose commands may print for minutes (controllers on 10.99.12
 * once reached the ready line after 62 s of guest time, its longest
 * silence 23 s; the profile's 60 s on the whole boot cut it, and the
 * profile was lost).
 */
#define READY_MAX_S	600
static void
wait_ready(struct resume *r)
{
	struct session *s = r->s;
	long last, n;

	for (last = now_s(); !r->g.ready && !s->ktap && !s->panicked &&
	    !s->stuck && !stop_signal && now_s() - last < r->hang &&
	    now_d() - r->t0 < READY_MAX_S; ) {
		long left = 1;

		if (autoconf_stuck(r->p, &r->g, s, last, &left))
			break;
		if ((n = guest_read(&r->g, s, 1000)) == -1)
			break;
		if (n > 0)
			last = now_s();
	}
}

/* Save the ready machine, then let the checker go on at case first. */
static void
save_machine(struct resume *r, long first)
{
	const struct profile *p = r->p;
	char *path;

	if (r->g.ready) {
		path = xasprintf("%s/monitor.sock", r->dir);
		r->mon = mon_open(path, 5000);
		free(path);
		path = xasprintf("%s/args.sock", r->dir);
		r->args = unix_connect(path, 5000);
		free(path);
	}
	if (r->mon != -1 && r->args != -1) {
		double ts = now_d();

		r->saved = mon_do(p->name, r->mon, "stop", 10000) == 0 &&
		    mon_do(p->name, r->mon, "savevm strategy9", 120000) == 0;
		if (r->saved) {
			r->t->saves++;
			r->t->save_s += now_d() - ts;
			fprintf(stderr, "[%s] boot %d: machine saved in %.1f "
			    "s\n", p->name, r->s->boot, now_d() - ts);
		}
		if (send_args(r->args, r->s, first) == -1 ||
		    mon_do(p->name, r->mon, "cont", 10000) == -1)
			r->saved = 0;
	}
	/* ddb: a restore, not a reboot, ends the boot. */
	r->g.no_reboot = r->saved;
	if (!r->saved && !r->s->stuck)
		fprintf(stderr, "[%s] warning: %s: cold boots\n", p->name,
		    !r->g.ready ? "the checker never said it was ready to be "
		    "saved" : r->mon == -1 || r->args == -1 ? "no monitor or "
		    "argument channel" : "the machine could not be saved");
}

/* Follow a boot (or a restore) to its end; where its time went.  The case
   to go on at (0: none). */
static long
follow_boot(struct resume *r)
{
	struct timing *t = r->t;
	enum boot_end how;

	follow(r->p, &r->g, r->s, r->hang, r->mon, &how, t, &r->tk);
	/* no checker: the last wait is waiting, not booting (boot_once) */
	if (r->tk == 0)
		r->tk = now_d() - t->last_wait_s;
	if (!r->restored) {
		t->boots++;
		t->boot_s += r->tk - r->t0;
	} else {
		t->restores++;
		t->restore_s += r->tk - r->t0;
	}
	t->cases_s += now_d() - r->tk;
	if (how == BE_HANG && r->mon != -1)
		mon_do(r->p->name, r->mon, "stop", 10000);
	/* The stopped guest's last bytes belong to this boot. */
	guest_drain(&r->g, 100);
	return session_boot_end(r->s, how, r->hang);
}

/*
 * Back to the saved machine, at case first.  A guest that shut down must
 * be reset before QEMU lets it run again; loadvm then replaces all of its
 * state.  0 when the checker runs again, -1 when cold boots must go on.
 */
static int
restore(struct resume *r, long first, int *boots)
{
	const struct profile *p = r->p;
	struct session *s = r->s;

	r->t0 = now_d();
	r->tk = 0;
	if (mon_reset(p->name, r->mon) == -1 ||
	    mon_do(p->name, r->mon, "loadvm strategy9", 120000) == -1) {
		fprintf(stderr, "[%s] warning: the saved machine could "
		    "not be loaded: cold boots from case %ld\n",
		    p->name, first);
		return -1;
	}
	session_boot_begin(s, first);
	s->restored = 1;
	(*boots)++;
	r->restored = 1;
	if (boot_log(&r->g, r->dir, s->boot) == -1)
		return -1;
	fprintf(stderr, "[%s] boot %d: restored at case %ld\n",
	    p->name, s->boot, first);
	if (send_args(r->args, s, first) == -1 ||
	    mon_do(p->name, r->mon, "cont", 10000) == -1)
		return -1;
	while (!s->ktap && !stop_signal &&
	    now_d() - r->t0 < RESTORE_KTAP_S)
		if (guest_read(&r->g, s, 200) == -1)
			break;
	if (!s->ktap) {
		fprintf(stderr, "[%s] warning: the restored guest did "
		    "not start the checker within %d s: cold boots "
		    "from case %ld\n", p->name, RESTORE_KTAP_S, first);
		return -1;
	}
	r->tk = now_d();
	return 0;
}

/*
 * Boots once, saves the whole machine when the checker is ready and has
 * touched no disk, and restores that state after every boot that ends
 * before the plan does, telling the checker where to go on.  Returns 0
 * when the profile is over (or failed for good: s->fatal), 1 when the
 * run must go on with cold boots from *firstp (a one-line warning says
 * why), -1 when QEMU cannot run at all.
 */
int
run_resumed(const struct options *o, const struct profile *p,
    const char *dir, const char *iso, struct session *s, long *firstp,
    int hang, int *boots, struct timing *t)
{
	struct resume r;
	char err[256];
	long first = *firstp;
	int rv = 1;

	if (make_snap_disks(p, dir, err, sizeof(err)) == -1) {
		fprintf(stderr, "[%s] warning: %s (above): cold boots\n",
		    p->name, err);
		return 1;
	}
	memset(&r, 0, sizeof(r));
	r.o = o;
	r.p = p;
	r.dir = dir;
	r.s = s;
	r.t = t;
	r.hang = hang;
	r.mon = r.args = -1;
	if (first_boot(&r, iso, first, boots) == -1)
		return -1;
	wait_ready(&r);
	save_machine(&r, first);
	for (;;) {
		first = follow_boot(&r);
		if (s->fatal || first == 0 || stop_signal) {
			rv = 0;
			break;
		}
		/* not saved: cold boots; at the boot limit: the cold loop
		   says so */
		if (!r.saved || !r.g.ready || *boots >= r.o->maxboots ||
		    restore(&r, first, boots) == -1)
			break;
	}
	if (r.mon != -1) {
		char out[64];

		(void)mon_cmd(r.mon, "quit", out, sizeof(out), 2000);
		close(r.mon);
	}
	if (r.args != -1)
		close(r.args);
	guest_stop(&r.g, 1);
	*firstp = first;
	return rv;
}
