/*
 * resume.c - a profile's boots from a saved machine: boot once, save the
 * machine when the checker is ready and has touched no disk, and restore
 * it after every boot that ends before the plan does, telling the checker
 * at which case to go on (conformance/PROTOCOL: resume=1, first=N).
 * Where that cannot be done, the cold boots of machine.c take over.
 * A machine an earlier run saved with the same key (machkey.h) is
 * restored from the cache (machcache.h) instead of the first boot, and
 * the first save of a run is kept there for the next.
 */
#include "runner.h"
#include "machcache.h"
#include "monitor.h"

#include <sys/stat.h>
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
	const char *dir, *iso;
	char key[65];		/* the machine's key, or "": no cache */
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
	rv = start_qemu(r->o, p, r->dir, iso, fw, r->dir, r->s->boot, 0,
	    &r->g);
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

/* The machine just saved, copied into the cache while it is stopped (its
   disks change once it runs), with the console up to now. */
static void
keep_machine(struct resume *r)
{
	const struct profile *p = r->p;
	struct strvec files = { 0 };
	struct stat st;
	char why[512], *cons, *entry, *path;
	double t0 = now_d();
	size_t i;

	if (r->key[0] == '\0' || r->o->mcache_max == 0)
		return;
	for (i = 0; i < p->ndisks; i++) {
		path = profile_disk_path(p, r->dir, i);
		strvec_push(&files, strrchr(path, '/') + 1);
		free(path);
	}
	strvec_push(&files, "vmstate.qcow2");
	cons = xasprintf("%s/console.%d.log", r->dir, r->s->boot);
	if (stat(cons, &st) == -1 || mcache_keep(r->o->mcache, r->key, r->dir,
	    files.v, files.n, cons, (size_t)st.st_size, r->iso, p->name, why,
	    sizeof(why)) == -1)
		fprintf(stderr, "[%s] warning: the saved machine could not be "
		    "kept in the cache: %s\n", p->name, stat(cons, &st) ==
		    -1 ? strerror(errno) : why);
	else {
		entry = xasprintf("%s/%s", r->o->mcache, r->key);
		r->t->keep_s += now_d() - t0;
		fprintf(stderr, "[%s] boot %d: machine kept in the cache as "
		    "%.12s (%lld MiB) in %.1f s\n", p->name, r->s->boot,
		    r->key, mcache_size(entry) >> 20, now_d() - t0);
		mcache_prune(r->o->mcache, r->o->mcache_max, entry, p->name);
		free(entry);
	}
	free(cons);
	strvec_free(&files);
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
			keep_machine(r);
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
	/*
	 * A hung guest's last bytes belong to this boot.  Every other end
	 * has read the console out already (guest_read_rest after a stop,
	 * or QEMU gone).
	 */
	if (how == BE_HANG) {
		if (r->mon != -1)
			mon_do(r->p->name, r->mon, "stop", 10000);
		guest_drain(&r->g, GUEST_STOPPED_QUIET_MS);
	}
	return session_boot_end(r->s, how, r->hang);
}

/* The loaded machine's checker told where to go on, let run, and seen to
   start within RESTORE_KTAP_S.  -1 with why. */
static int
resume_checker(struct resume *r, long first, char *why, size_t whylen)
{
	struct session *s = r->s;

	if (send_args(r->args, s, first) == -1)
		return errfmt(why, whylen, "the arguments could not be sent");
	if (mon_try(r->mon, "cont", 10000, why, whylen) == -1)
		return -1;
	while (!s->ktap && !stop_signal &&
	    now_d() - r->t0 < RESTORE_KTAP_S)
		if (guest_read(&r->g, s, 200) == -1)
			break;
	if (!s->ktap)
		return errfmt(why, whylen, "the restored guest did not start "
		    "the checker within %d s", RESTORE_KTAP_S);
	r->tk = now_d();
	return 0;
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
	char why[512];

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
	if (resume_checker(r, first, why, sizeof(why)) == -1) {
		fprintf(stderr, "[%s] warning: %s: cold boots from case "
		    "%ld\n", p->name, why, first);
		return -1;
	}
	return 0;
}

/* This machine's key, and the cache's entry for it: NULL when the cache
   is not used or holds none (a broken one is removed, and said). */
static char *
cached_entry(struct resume *r)
{
	char why[512], *fw = boot_args(r->o, r->p, "resume=1"), *entry;
	int rv;

	if (r->o->runkey[0] == '\0') {
		free(fw);
		return NULL;
	}
	rv = machine_key(r->o->runkey, &r->o->mrun, r->p, fw, r->key, why,
	    sizeof(why));
	free(fw);
	if (rv == -1) {
		fprintf(stderr, "[%s] warning: no key for the saved machine "
		    "(%s): the cache is not used\n", r->p->name, why);
		r->key[0] = '\0';
		return NULL;
	}
	if (r->o->fresh)
		return NULL;
	entry = mcache_find(r->o->mcache, r->key, why, sizeof(why));
	if (entry == NULL && why[0] != '\0')
		fprintf(stderr, "[%s] warning: the saved machine %.12s in the "
		    "cache was broken (%s): removed; booting afresh\n",
		    r->p->name, r->key, why);
	return entry;
}

/* QEMU started stopped, the entry's machine loaded into it, the console
   up to its save fed to the session as the first boot's.  -1 with why. */
static int
load_entry(struct resume *r, const char *entry, char *why, size_t whylen)
{
	char *iso = xasprintf("%s/%s", entry, MCACHE_ISO), *path, *text;
	char *fw = boot_args(r->o, r->p, "resume=1");
	size_t len;
	int rv;

	rv = start_qemu(r->o, r->p, r->dir, iso, fw, r->dir, r->s->boot, 1,
	    &r->g);
	free(iso);
	free(fw);
	if (rv == -1)
		return errfmt(why, whylen, "QEMU did not start");
	path = xasprintf("%s/%s", entry, MCACHE_CONSOLE);
	text = read_file(path, &len);
	free(path);
	if (text == NULL)
		return errfmt(why, whylen, "no console");
	guest_replay(&r->g, r->s, text, len);
	free(text);
	if (!r->g.ready)
		return errfmt(why, whylen, "its console never said ready");
	path = xasprintf("%s/monitor.sock", r->dir);
	r->mon = mon_open(path, 5000);
	free(path);
	path = xasprintf("%s/args.sock", r->dir);
	r->args = unix_connect(path, 5000);
	free(path);
	if (r->mon == -1 || r->args == -1)
		return errfmt(why, whylen, "no monitor or argument channel");
	return mon_try(r->mon, "loadvm strategy9", 120000, why, whylen);
}

/*
 * The first boot of the profile replaced by a restore of the machine an
 * earlier run saved (entry), told to start at case first.  0 when the
 * checker runs; -1 when it cannot: the entry is removed, everything as
 * before (a one-line warning says why), and the first boot is cold.
 */
static int
warm_start(struct resume *r, const char *entry, long first, int *boots)
{
	const struct profile *p = r->p;
	char why[512], *from, *to;

	session_boot_begin(r->s, first);
	r->t0 = now_d();
	r->tk = 0;
	fprintf(stderr, "[%s] boot %d: restoring the machine an earlier run "
	    "saved (%.12s) at case %ld\n", p->name, r->s->boot, r->key,
	    first);
	if (mcache_take(entry, r->dir, why, sizeof(why)) == 0 &&
	    load_entry(r, entry, why, sizeof(why)) == 0 &&
	    resume_checker(r, first, why, sizeof(why)) == 0) {
		(*boots)++;
		r->saved = r->restored = r->s->restored = 1;
		r->g.no_reboot = 1;
		r->t->cached++;
		return 0;
	}
	fprintf(stderr, "[%s] warning: the saved machine %.12s from the "
	    "cache could not be restored (%s): removed; booting afresh\n",
	    p->name, r->key, why);
	mcache_remove(entry);
	if (r->mon != -1)
		close(r->mon);
	if (r->args != -1)
		close(r->args);
	r->mon = r->args = -1;
	guest_stop(&r->g, 1);
	/* Its console stays for whoever asks why. */
	from = xasprintf("%s/console.%d.log", r->dir, r->s->boot);
	to = xasprintf("%s/console.cache-restore.log", r->dir);
	rename(from, to);
	free(from);
	free(to);
	session_free(r->s);
	session_init(r->s);
	return -1;
}

/* The first boot of the profile, to be saved: from the cache when it
   holds the machine, else cold.  -1 when QEMU cannot run at all. */
static int
start_machine(struct resume *r, long first, int *boots)
{
	char err[256], *entry = cached_entry(r);
	int rv;

	if (entry != NULL) {
		rv = warm_start(r, entry, first, boots);
		free(entry);
		if (rv == 0)
			return 0;
	}
	if (make_snap_disks(r->p, r->dir, err, sizeof(err)) == -1) {
		fprintf(stderr, "[%s] warning: %s (above): cold boots\n",
		    r->p->name, err);
		return 1;
	}
	if (first_boot(r, r->iso, first, boots) == -1)
		return -1;
	wait_ready(r);
	save_machine(r, first);
	return 0;
}

/*
 * Boots once (or restores the machine an earlier run saved), saves the
 * whole machine when the checker is ready and has touched no disk, and
 * restores that state after every boot that ends before the plan does,
 * telling the checker where to go on.  Returns 0 when the profile is
 * over (or failed for good: s->fatal), 1 when the run must go on with
 * cold boots from *firstp (a one-line warning says why), -1 when QEMU
 * cannot run at all.
 */
int
run_resumed(const struct options *o, const struct profile *p,
    const char *dir, const char *iso, struct session *s, long *firstp,
    int hang, int *boots, struct timing *t)
{
	struct resume r;
	long first = *firstp;
	int rv;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.p = p;
	r.dir = dir;
	r.iso = iso;
	r.s = s;
	r.t = t;
	r.hang = hang;
	r.mon = r.args = -1;
	r.g.pid = -1;
	r.g.out = r.g.in = r.g.logfd = -1;
	if ((rv = start_machine(&r, first, boots)) != 0)
		return rv;
	rv = 1;
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
