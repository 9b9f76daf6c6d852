/*
 * strategy-run - boot a NetBSD kernel with the strategy(9) checker under
 * QEMU, one boot (or more, after panics and hangs) per profile, and turn
 * the checker's console into cases.tsv and matrix.tsv.
 *
 * Exit status: 0 no regression and nothing broken; 1 regression, broken
 * result or failed run; 2 bad input (arguments, kernel, module, profile,
 * expectations) or nothing could be started.
 */
#include "guest.h"
#include "kversion.h"
#include "monitor.h"
#include "profile.h"
#include "diskimage.h"
#include "tools.h"
#include "detectors.h"
#include "rows.h"
#include "report.h"
#include "session.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ISO_NAME "strategy9.iso"
#define BOOT_LIMIT 300	/* seconds from QEMU's start to the checker's */

static struct {
	const char *kernel, *outdir, *expected, *mkimage, *qemu;
	const char *init;	/* -i: the guest's PID 1 (conformance/init) */
	const char *rejudge;	/* -J: a results directory to judge again */
	char release[64];	/* the kernel's, e.g. 10.99.12 */
	const char *devices, *contexts;	/* the selection, or NULL: all */
	const char *extra;	/* -A: more arguments for the checker */
	long version;		/* its __NetBSD_Version__ */
	int detectors;		/* its DET_* (detectors.h) or DET_UNKNOWN */
	int guestdet;		/* what the guest confirmed, or DET_UNKNOWN */
	struct strvec modules, profiles, logs, compare;
	int hang, maxboots, jobs, printcmd, keep, checkonly, prepare;
	int cold;		/* -R: cold boots only, no restores */
} opt;

static volatile sig_atomic_t stop_signal;

static void
usage(void)
{
	fputs(
"usage: strategy-run -k kernel -m module.kmod [-m ...] -p profile [-p ...]\n"
"                    [-o results] [-e expected.tsv] [-t hang-seconds]\n"
"                    [-b max-boots] [-j jobs] [-K] [-I mkimage.sh]\n"
"                    [-D device,...] [-C context,...] [-A checker-args] [-R]\n"
"                    [-Q qemu-system-x86_64] [-i sc-init]\n"
"       strategy-run -n -p profile [-o results]     print the QEMU command\n"
"       strategy-run -P -p profile [-o results] [-R]  make the disks only\n"
"       strategy-run -V [-k kernel -m module.kmod] [-p profile ...] [-R]\n"
"                    preflight: the module's version, the profiles' tools\n"
"       strategy-run -L console.1.log [-L ...] [-p name] [-o results]\n"
"                    [-e expected.tsv]             replay recorded boots\n"
"       strategy-run -S results/k1 -S results/k2 ...  kernels side by side\n"
"       strategy-run -J results/k1 -e expected.tsv     judge a run again\n"
"  -p  a profile file, or a name in qemu-images/profiles/<name>.profile\n"
"  -t  hang timeout: no console output for this long (default 120 s)\n"
"  -b  at most this many boots per profile (default 100)\n"
"  -j  run up to this many profiles at once (default 1)\n"
"  -K  keep the disk images (default: deleted after the run)\n"
"  -D  judge only these devices (names or patterns: wd*,ref-sleep)\n"
"  -C  judge only these contexts (thread,spl,softint,callout,hardintr,\n"
"      hardintr-klock); the results say the run was partial\n"
"  -A  more arguments for the checker, e.g. \"onpanic=1\" (conformance/PROTOCOL)\n"
"  -R  cold boots only: never save and restore the machine\n"
"  -i  the guest's PID 1 (conformance/init) for init=1 profiles: the boot\n"
"      CD becomes their root file system (cd0a)\n",
	    stderr);
	exit(2);
}

static void
die2(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
die2(const char *fmt, ...)
{
	va_list ap;

	fputs("strategy-run: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void
on_signal(int sig)
{
	stop_signal = sig;
	if (guest_pid > 0)
		kill(guest_pid, SIGKILL);
}

/* Directory of this executable, for the default mkimage.sh / profiles. */
static char *
selfdir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *s;

	if (n <= 0)
		return xstrdup(".");
	buf[n] = '\0';
	s = strrchr(buf, '/');
	if (s != NULL)
		*s = '\0';
	return xstrdup(buf);
}

static char *
find_profile(const char *arg)
{
	char *dir, *p;

	if (strchr(arg, '/') != NULL || access(arg, R_OK) == 0)
		return xstrdup(arg);
	dir = selfdir();
	p = xasprintf("%s/../../qemu-images/profiles/%s.profile", dir, arg);
	free(dir);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return xstrdup(arg);	/* profile_load reports it */
}

static long
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec;
}

static double
now_d(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int mon_do(const struct profile *, int, const char *, int);

/* Where a profile's time went. */
struct timing {
	int boots, restores, saves;
	double boot_s, restore_s, save_s, cases_s, wait_s, total_s;
};

/* A profile's disks, raw or (a saved machine) qcow2; -1 with why. */
static int
make_disk_images(const struct profile *p, const char *dir, int qcow2,
    char *why, size_t whylen)
{
	size_t i;

	for (i = 0; i < p->ndisks; i++)
		if (disk_image_make(p, dir, i, qcow2) == -1)
			return errfmt(why, whylen, "disk %zu (%s) could not be "
			    "made", i, p->disks[i].bus);
	return 0;
}

static int
make_disks(const struct profile *p, const char *dir, char *why,
    size_t whylen)
{
	return make_disk_images(p, dir, 0, why, whylen);
}

static void
remove_disks(const struct profile *p, const char *dir)
{
	static const char *const snap[] = {
		"vmstate.qcow2", "monitor.sock", "args.sock",
	};
	char *path;
	size_t i;

	for (i = 0; i < p->ndisks; i++) {
		path = profile_disk_path(p, dir, i);
		unlink(path);
		free(path);
	}
	for (i = 0; i < sizeof(snap) / sizeof(snap[0]); i++) {
		path = xasprintf("%s/%s", dir, snap[i]);
		unlink(path);
		free(path);
	}
}

/* timing.tsv, and where the time went on stderr. */
static void
write_timing(const struct profile *p, const char *dir,
    const struct timing *t)
{
	char *path = xasprintf("%s/timing.tsv", dir);
	FILE *fp = fopen(path, "w");
	double cases = t->cases_s - t->wait_s;

	if (fp != NULL) {
		fprintf(fp, "profile\tmode\tboots\trestores\tboot_s\t"
		    "restore_s\tsave_s\tcases_s\twait_s\ttotal_s\n"
		    "%s\t%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n",
		    p->name, t->restores > 0 || t->saves > 0 ? "resumed" :
		    "cold", t->boots, t->restores, t->boot_s, t->restore_s,
		    t->save_s, cases, t->wait_s, t->total_s);
		fclose(fp);
	}
	free(path);
	fprintf(stderr, "[%s] time: %d boot%s (%.1f s each), %d restore%s "
	    "(%.2f s each, save %.1f s), cases %.1f s, waiting for hangs and "
	    "the end of boots %.1f s, total %.1f s\n", p->name, t->boots,
	    t->boots == 1 ? "" : "s", t->boots ? t->boot_s / t->boots : 0,
	    t->restores, t->restores == 1 ? "" : "s",
	    t->restores ? t->restore_s / t->restores : 0, t->save_s, cases,
	    t->wait_s, t->total_s);
}

/* The checker's arguments of one boot, beside the profile's own. */
static char *
boot_args(const struct profile *p, const char *head)
{
	return xasprintf("%s%s%s%s%s%s%s%s%s%s", head, p->args[0] ? " " : "",
	    p->args, p->init ? " init=1" : "", opt.devices ? " devices=" : "",
	    opt.devices ? opt.devices : "", opt.contexts ? " contexts=" : "",
	    opt.contexts ? opt.contexts : "", opt.extra ? " " : "",
	    opt.extra ? opt.extra : "");
}

/* first=N and the cases that took earlier boots down. */
static char *
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
static int
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
	const char *a, *at, *c;
	size_t i, n;

	for (i = 0; i < s->attached.n; i++) {
		a = s->attached.v[i];
		if (strncmp(a, "scsibus", 7) != 0 ||
		    (at = strchr(a, ' ')) == NULL)
			continue;
		at++;
		n = strcspn(at, "0123456789");
		for (c = ctrl; *c != '\0'; c += strcspn(c, "|"),
		    c += *c == '|')
			if (strcspn(c, "|") == n && strncmp(c, at, n) == 0)
				return a;
	}
	return NULL;
}

/*
 * Before the checker starts: a SCSI bus whose probe never ends, then
 * the profile's quiet= seconds of silence since last (the time of the
 * last console output): autoconfiguration will not end
 * (session_pending_bus).  Marks the session stuck and says so; else
 * lowers *left, the seconds the caller may wait, to when it would be.
 */
static int
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
static void
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
		    now_s() - boot_t0 > BOOT_LIMIT) {
			s->stuck = 1;
			snprintf(s->stuck_line, sizeof(s->stuck_line),
			    "the checker did not start within %d s of the "
			    "boot", BOOT_LIMIT);
		}
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
			mon_do(p, mon, "stop", 10000);
			guest_read_rest(g, s);
			break;
		}
		/* A paused machine prints nothing more, once what it
		   printed before is read: ask QEMU. */
		if (mon != -1 && (s->done || s->panicked) &&
		    mon_cmd(mon, "info status", st, sizeof(st), 2000) == 0 &&
		    strstr(st, "paused") != NULL) {
			guest_read_rest(g, s);
			break;
		}
		r = guest_read(g, s, mon != -1 && (s->done || s->panicked) ?
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
	t->wait_s += now_d() - quiet;
}

/* QEMU for boot N of a profile, its command logged, its console logged
   in console.N.log.  -1 if it cannot start. */
static int
start_qemu(const struct profile *p, const char *dir, const char *iso,
    const char *fw, const char *snapdir, int boot, struct guest *g)
{
	struct strvec av = { 0 };
	char *path = xasprintf("%s/qemu.%d.stderr", dir, boot);
	int rv = 0;

	profile_qemu_argv(p, opt.qemu, iso, dir, fw, snapdir, &av);
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
static int
boot_once(const struct profile *p, const char *dir, const char *iso,
    struct session *s, long first, int hang, enum boot_end *how,
    struct timing *t)
{
	double t0 = now_d(), tk = 0;
	struct guest g;
	char *fw, *ca;
	int st, rv;

	ca = case_args(s, first);
	fw = boot_args(p, ca);
	free(ca);
	session_boot_begin(s, first);
	fprintf(stderr, "[%s] boot %d: starting QEMU at case %ld\n", p->name,
	    s->boot, first);
	rv = start_qemu(p, dir, iso, fw, NULL, s->boot, &g);
	free(fw);
	if (rv == -1)
		return -1;
	follow(p, &g, s, hang, -1, how, t, &tk);
	/* Until the checker starts: the boot's cost; then the cases. */
	t->boots++;
	if (tk == 0)
		tk = now_d();
	t->boot_s += tk - t0;
	t->cases_s += now_d() - tk;
	st = guest_stop(&g, 1);
	if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 127 && !s->ktap) {
		fprintf(stderr, "strategy-run: could not start %s\n",
		    opt.qemu);
		return -1;
	}
	return 0;
}

/*
 * The kernel a replayed console came from: the checker's header says
 * "built-for=N", and the version check made sure that is the kernel's.
 */
static void
release_from_header(const struct session *s)
{
	const char *p;

	if (opt.version > 0 || s->header == NULL ||
	    (p = strstr(s->header, "built-for=")) == NULL)
		return;
	opt.version = strtol(p + 10, NULL, 10);
	release_of(opt.version, opt.release, sizeof(opt.release));
}

static int
write_session(const struct session *s, const char *dir)
{
	struct row *rows;
	size_t n = session_rows(s, &rows);
	char *p1 = xasprintf("%s/cases.tsv", dir);
	char *p2 = xasprintf("%s/devices.tsv", dir);
	int rv = 0;

	release_from_header(s);
	if (s->header != NULL) {
		char *p3 = xasprintf("%s/checker.txt", dir);
		FILE *fp = fopen(p3, "w");
		if (fp != NULL) {
			fprintf(fp, "%s\n", s->header);
			fclose(fp);
		}
		free(p3);
	}
	if (rows_write(p1, opt.release, rows, n) == -1 ||
	    devices_write(p2, opt.release, s->devs, s->ndevs) == -1)
		rv = -1;
	rows_free(rows, n);
	free(p1);
	free(p2);
	return rv;
}

static void
write_error(const char *dir, const char *msg)
{
	char *path = xasprintf("%s/error.txt", dir);
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fprintf(fp, "%s\n", msg);
		fclose(fp);
	}
	free(path);
}

/* Run one profile to its end.  0 ok, 3 a boot never started the checker,
   4 could not run at all. */
/* QEMU's disk images for a machine that is saved: qcow2, and one more
   drive that holds the saved state. */
static int
make_snap_disks(const struct profile *p, const char *dir, char *why,
    size_t whylen)
{
	char *path;
	int rv;

	if (make_disk_images(p, dir, 1, why, whylen) == -1)
		return -1;
	path = xasprintf("%s/vmstate.qcow2", dir);
	rv = disk_qcow2_create(path, 1ULL << 30);
	free(path);
	if (rv == -1)
		return errfmt(why, whylen, "the drive for the saved state "
		    "could not be made");
	return 0;
}

/* One command on the monitor; a failure is reported with its answer. */
static int
mon_do(const struct profile *p, int mon, const char *cmd, int ms)
{
	char out[4096];

	if (mon_cmd(mon, cmd, out, sizeof(out), ms) == -1) {
		fprintf(stderr, "[%s] warning: QEMU's monitor did not answer "
		    "\"%s\" within %d s\n", p->name, cmd, ms / 1000);
		return -1;
	}
	if (mon_failed(out)) {
		fprintf(stderr, "[%s] warning: \"%s\": %s\n", p->name, cmd,
		    out);
		return -1;
	}
	return 0;
}

/* QEMU's action on a guest reset: "shutdown" (pause) or "reset". */
static int
mon_reboot_action(const struct profile *p, int mon, const char *action)
{
	char json[128], out[256];

	snprintf(json, sizeof(json), "{\"execute\": \"set-action\", "
	    "\"arguments\": {\"reboot\": \"%s\"}}", action);
	if (mon_qmp(mon, json, out, sizeof(out), 10000) != 0) {
		fprintf(stderr, "[%s] warning: set-action reboot=%s: %s\n",
		    p->name, action, out);
		return -1;
	}
	return 0;
}

/*
 * A guest that shut down (a reboot after a panic, the power-off at the
 * end) stays so until it is reset, and while a reset means shutdown (as
 * it must while cases run) a reset from the monitor is one too.  So: a
 * reset that resets, wait until QEMU's main loop has done it, and load
 * the saved machine over it.
 */
static int
mon_reset(const struct profile *p, int mon)
{
	char out[256];
	int i;

	if (mon_reboot_action(p, mon, "reset") == -1 ||
	    mon_do(p, mon, "system_reset", 10000) == -1)
		return -1;
	for (i = 0; i < 100; i++) {
		if (mon_cmd(mon, "info status", out, sizeof(out), 2000) == -1)
			return -1;
		if (strstr(out, "shutdown") == NULL)
			return mon_reboot_action(p, mon, "shutdown");
		usleep(20000);
	}
	fprintf(stderr, "[%s] warning: the guest is not reset after 2 s: "
	    "%s\n", p->name, out);
	return -1;
}

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

/*
 * Boots once, saves the whole machine when the checker is ready and has
 * touched no disk, and restores that state after every boot that ends
 * before the plan does, telling the checker where to go on.  Returns 0
 * when the profile is over (or failed for good: s->fatal), 1 when the
 * run must go on with cold boots from *firstp (a one-line warning says
 * why), -1 when QEMU cannot run at all.
 */
static int
run_resumed(const struct profile *p, const char *dir, const char *iso,
    struct session *s, long *firstp, int hang, int *boots,
    struct timing *t)
{
	struct guest g;
	enum boot_end how;
	char *fw, *path, err[256];
	int mon = -1, args = -1, rv = 1, saved = 0, restored = 0;
	long first = *firstp, last, r;
	double t0, tk = 0;

	if (make_snap_disks(p, dir, err, sizeof(err)) == -1) {
		fprintf(stderr, "[%s] warning: %s (above): cold boots\n",
		    p->name, err);
		return 1;
	}
	fw = boot_args(p, "resume=1");
	session_boot_begin(s, first);
	(*boots)++;
	fprintf(stderr, "[%s] boot %d: starting QEMU at case %ld, to be "
	    "saved when the checker is ready\n", p->name, s->boot, first);
	t0 = now_d();
	rv = start_qemu(p, dir, iso, fw, dir, s->boot, &g);
	free(fw);
	if (rv == -1)
		return -1;
	rv = 1;

	/* The checker says it is ready before anything else. */
	for (last = now_s(); !g.ready && !s->ktap && !s->panicked &&
	    !s->stuck && !stop_signal && now_d() - t0 < hang; ) {
		long left = 1;

		if (autoconf_stuck(p, &g, s, last, &left))
			break;
		if ((r = guest_read(&g, s, 1000)) == -1)
			break;
		if (r > 0)
			last = now_s();
	}
	if (g.ready) {
		path = xasprintf("%s/monitor.sock", dir);
		mon = mon_open(path, 5000);
		free(path);
		path = xasprintf("%s/args.sock", dir);
		args = unix_connect(path, 5000);
		free(path);
	}
	if (mon != -1 && args != -1) {
		double ts = now_d();

		saved = mon_do(p, mon, "stop", 10000) == 0 &&
		    mon_do(p, mon, "savevm strategy9", 120000) == 0;
		if (saved) {
			t->saves++;
			t->save_s += now_d() - ts;
			fprintf(stderr, "[%s] boot %d: machine saved in %.1f "
			    "s\n", p->name, s->boot, now_d() - ts);
		}
		if (send_args(args, s, first) == -1 ||
		    mon_do(p, mon, "cont", 10000) == -1)
			saved = 0;
	}
	/* ddb: a restore, not a reboot, ends the boot. */
	g.no_reboot = saved;
	if (!saved && !s->stuck)
		fprintf(stderr, "[%s] warning: %s: cold boots\n", p->name,
		    !g.ready ? "the checker never said it was ready to be "
		    "saved" : mon == -1 || args == -1 ? "no monitor or "
		    "argument channel" : "the machine could not be saved");

	for (;;) {
		follow(p, &g, s, hang, mon, &how, t, &tk);
		if (tk == 0)
			tk = now_d();
		if (!restored) {
			t->boots++;
			t->boot_s += tk - t0;
		} else {
			t->restores++;
			t->restore_s += tk - t0;
		}
		t->cases_s += now_d() - tk;
		if (how == BE_HANG && mon != -1)
			mon_do(p, mon, "stop", 10000);
		/* The stopped guest's last bytes belong to this boot. */
		guest_drain(&g, 100);
		first = session_boot_end(s, how, hang);
		if (s->fatal || first == 0 || stop_signal) {
			rv = 0;
			break;
		}
		if (!saved || !g.ready) {
			rv = 1;
			break;
		}
		if (*boots >= opt.maxboots) {
			rv = 1;		/* the cold loop says so */
			break;
		}
		/*
		 * Back to the saved machine, at the next case.  A guest that
		 * shut down must be reset before QEMU lets it run again;
		 * loadvm then replaces all of its state.
		 */
		t0 = now_d();
		tk = 0;
		if (mon_reset(p, mon) == -1 ||
		    mon_do(p, mon, "loadvm strategy9", 120000) == -1) {
			fprintf(stderr, "[%s] warning: the saved machine could "
			    "not be loaded: cold boots from case %ld\n",
			    p->name, first);
			rv = 1;
			break;
		}
		session_boot_begin(s, first);
		s->restored = 1;
		(*boots)++;
		restored = 1;
		if (boot_log(&g, dir, s->boot) == -1)
			break;
		fprintf(stderr, "[%s] boot %d: restored at case %ld\n",
		    p->name, s->boot, first);
		if (send_args(args, s, first) == -1 ||
		    mon_do(p, mon, "cont", 10000) == -1) {
			rv = 1;
			break;
		}
		while (!s->ktap && !stop_signal &&
		    now_d() - t0 < RESTORE_KTAP_S)
			if (guest_read(&g, s, 200) == -1)
				break;
		if (!s->ktap) {
			fprintf(stderr, "[%s] warning: the restored guest did "
			    "not start the checker within %d s: cold boots "
			    "from case %ld\n", p->name, RESTORE_KTAP_S, first);
			rv = 1;
			break;
		}
		tk = now_d();
	}
	if (mon != -1) {
		char out[64];

		(void)mon_cmd(mon, "quit", out, sizeof(out), 2000);
		close(mon);
	}
	if (args != -1)
		close(args);
	guest_stop(&g, 1);
	*firstp = first;
	return rv;
}

/* Run one profile to its end.  0 ok, 3 a boot never started the checker,
   4 could not run at all. */
/*
 * One machine of a profile to its end.  carried: absent rows of earlier
 * machines of the profile.  *again: autoconfiguration never ended on a
 * controller of some disks of p; they are out of *p (their rows
 * carried), and the rest must run in a machine without them.
 */
/* The guest's PID 1 crashed or hung before it started the checker: its
   rows say so, by name. */
static void
init_rows_crashed(const struct profile *p, struct session *s)
{
	char *why;
	size_t i;

	if (!p->init || s->header != NULL)
		return;
	if (s->panic[0] != '\0')
		why = xasprintf("the guest's PID 1 never started the checker: "
		    "%.*s", (int)strcspn(s->panic, "<"), s->panic);
	else if (s->stuck_line[0] != '\0')
		why = xasprintf("the guest's PID 1 never started the checker: "
		    "%s", s->stuck_line);
	else
		why = xasprintf("the guest's PID 1 never started the checker: "
		    "%.*s", (int)strcspn(s->error, "\n"), s->error);
	for (i = 0; i < p->rows.n; i++)
		session_absent(s, p->rows.v[i], "-", why);
	free(why);
}

/* The logs of a machine left behind, kept as machine<k>-*: the next
   machine of the profile starts its boots at 1 again. */
static void
keep_machine_logs(const char *dir, int k)
{
	static const char *const pfx[] = { "console.", "qemu." };
	struct dirent *de;
	DIR *d = opendir(dir);
	char *from, *to;
	size_t i;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		for (i = 0; i < 2; i++)
			if (strncmp(de->d_name, pfx[i], strlen(pfx[i])) == 0) {
				from = xasprintf("%s/%s", dir, de->d_name);
				to = xasprintf("%s/machine%d-%s", dir, k,
				    de->d_name);
				rename(from, to);
				free(from);
				free(to);
			}
	closedir(d);
	from = xasprintf("%s/error.txt", dir);
	unlink(from);
	free(from);
}

static int
run_machine(struct profile *p, const char *iso, struct strvec *carried,
    int *again)
{
	struct session s;
	struct timing t;
	char *dir = xasprintf("%s/%s", opt.outdir, p->name);
	int hang = opt.hang ? opt.hang : p->hang ? p->hang : 120;
	enum boot_end how;
	long first = 1;
	int rv = 0, boots = 0, r;
	double t0 = now_d();
	char why[256];

	memset(&t, 0, sizeof(t));
	if (mkdirs(dir) == -1) {
		fprintf(stderr, "strategy-run: %s: %s\n", dir,
		    strerror(errno));
		free(dir);
		return 4;
	}
	session_init(&s);
	if (!opt.cold) {
		r = run_resumed(p, dir, iso, &s, &first, hang, &boots, &t);
		if (r == -1)
			rv = 4;
		else if (r == 0)
			first = 0;
		else if (first > 0 && !s.fatal) {
			/* Cold boots go on from where the restores left off:
			   the disks must be fresh raw images again. */
			remove_disks(p, dir);
		}
		if (s.fatal) {
			fprintf(stderr, "strategy-run: [%s] %s\n", p->name,
			    s.error);
			write_error(dir, s.error);
			rv = 3;
			first = 0;
		}
	}
	if (first > 0 && rv == 0 && make_disks(p, dir, why,
	    sizeof(why)) == -1) {
		char *msg = xasprintf("the profile could not run: %s", why);

		fprintf(stderr, "strategy-run: [%s] %s\n", p->name, msg);
		write_error(dir, msg);
		profile_rows_unrun(p, &s, msg);
		free(msg);
		rv = 4;
	}
	while (first > 0 && rv == 0 && !stop_signal) {
		if (boots >= opt.maxboots) {
			snprintf(why, sizeof(why), "not run: boot limit "
			    "(-b %d) reached", opt.maxboots);
			fprintf(stderr, "[%s] %s\n", p->name, why);
			session_finish(&s, why);
			break;
		}
		boots++;
		if (boot_once(p, dir, iso, &s, first, hang, &how, &t) == -1) {
			rv = 4;
			break;
		}
		first = session_boot_end(&s, how, hang);
		if (s.fatal) {
			fprintf(stderr, "strategy-run: [%s] %s\n", p->name,
			    s.error);
			write_error(dir, s.error);
			rv = 3;
			break;
		}
	}
	if (stop_signal)
		session_finish(&s, "not run: the runner was interrupted");
	t.total_s = now_d() - t0;
	write_timing(p, dir, &t);
	*again = 0;
	if (s.fatal && s.header == NULL && !stop_signal) {
		int *blocked = xcalloc(p->ndisks + 1, sizeof(int));
		char reason[512];
		size_t i, j;

		if (profile_rows_blocked(p, &s, blocked, reason,
		    sizeof(reason)) > 0) {
			remove_disks(p, dir);	/* before the list shrinks */
			for (i = j = 0; i < p->ndisks; i++) {
				const struct bus *b = bus_lookup(
				    p->disks[i].bus);
				if (!blocked[i]) {
					p->disks[j++] = p->disks[i];
					continue;
				}
				strvec_pushf(carried, "%s\t%s (%s)\t%s",
				    b->name, b->qemu, b->ctrl, reason);
			}
			p->ndisks = j;
			fprintf(stderr, "[%s] %s; again without %s\n",
			    p->name, reason, "the disks below it");
			keep_machine_logs(dir, ++p->machines);
			rv = 0;
			*again = 1;
		}
		free(blocked);
	}
	for (size_t i = 0; i < carried->n && !*again; i++) {
		char *f = xstrdup(carried->v[i]), *a = strchr(f, '\t'), *w;
		*a++ = '\0';
		w = strchr(a, '\t');
		*w++ = '\0';
		session_lost(&s, f, a, w);	/* unless expected */
		free(f);
	}
	if (!*again)
		init_rows_crashed(p, &s);
	if (s.header != NULL || p->init || (*again == 0 &&
	    carried->n > 0 && p->ndisks == 0))
		profile_rows(p, &s, opt.kernel, opt.devices);
	if (!*again && write_session(&s, dir) == -1 && rv == 0)
		rv = 4;
	if (!opt.keep)
		remove_disks(p, dir);
	session_free(&s);
	free(dir);
	return rv;
}

static int
run_profile(const struct profile *p0, const char *iso)
{
	struct profile p = *p0;	/* its disks may shrink, nothing else */
	struct strvec carried = { 0 };
	int again, rv;

	if (!profile_selectable(p0, opt.devices)) {
		fprintf(stderr, "[%s] nothing of -D %s here: not booted\n",
		    p0->name, opt.devices);
		return 0;
	}
	if (p0->init && opt.init == NULL) {
		/* Nothing to boot for: every row is skipped, by name. */
		struct session s;
		char *dir = xasprintf("%s/%s", opt.outdir, p0->name);
		size_t i;

		session_init(&s);
		for (i = 0; i < p0->rows.n; i++)
			session_absent(&s, p0->rows.v[i], "-", "no guest PID 1 "
			    "for this kernel (strategy-run -i not given: "
			    "conformance/init did not build)");
		rv = mkdirs(dir) == -1 || write_session(&s, dir) == -1 ?
		    4 : 0;
		session_free(&s);
		free(dir);
		return rv;
	}
	p.disks = xcalloc(p0->ndisks + 1, sizeof(*p.disks));
	memcpy(p.disks, p0->disks, p0->ndisks * sizeof(*p.disks));
	do
		rv = run_machine(&p, iso, &carried, &again);
	while (again && rv == 0);
	strvec_free(&carried);
	free(p.disks);
	return rv;
}

/* Replay recorded console logs as successive boots of one profile. */
static int
replay(const char *name)
{
	struct session s;
	char *dir = xasprintf("%s/%s", opt.outdir, name);
	long first = 1;
	size_t i;
	int rv = 0;

	if (mkdirs(dir) == -1)
		die2("%s: %s", dir, strerror(errno));
	session_init(&s);
	for (i = 0; i < opt.logs.n && first > 0; i++) {
		char *buf = read_file(opt.logs.v[i], NULL), *line, *next;
		if (buf == NULL)
			die2("%s: %s", opt.logs.v[i], strerror(errno));
		session_boot_begin(&s, first);
		for (line = buf; line != NULL && *line; line = next) {
			next = strchr(line, '\n');
			if (next != NULL)
				*next++ = '\0';
			session_feed(&s, line);
		}
		free(buf);
		first = session_boot_end(&s, BE_EXIT, 0);
		if (s.fatal) {
			fprintf(stderr, "strategy-run: [%s] %s\n", name,
			    s.error);
			write_error(dir, s.error);
			rv = 3;
			break;
		}
	}
	if (first > 0 && rv == 0)
		session_finish(&s, "not run: no further recorded boot");
	{
		/* A profile of that name gives the rows (-k: the kernel
		   whose symbols tell a missing driver). */
		char *path = find_profile(name), err[512];
		struct profile p;

		if (access(path, R_OK) == 0 &&
		    profile_load(path, &p, err, sizeof(err)) == 0) {
			init_rows_crashed(&p, &s);
			profile_rows(&p, &s, opt.kernel, opt.devices);
			profile_free(&p);
		}
		free(path);
	}
	if (write_session(&s, dir) == -1)
		rv = 4;
	session_free(&s);
	free(dir);
	return rv;
}

static int report(char **, size_t, const struct expects *, int);

/*
 * -J: a kernel's results judged again against the expectations given,
 * from the profiles' own cases.tsv and devices.tsv (the guest's verdicts,
 * which no expectation changes): matrix.tsv, cases.tsv and the table.
 */
static int
rejudge(const char *dir, struct expects *x)
{
	char *path = xasprintf("%s/run.tsv", dir), *buf, *line, *next, *tab;
	struct strvec names = { 0 };
	int rv, failed = 0;
	size_t i;

	if ((buf = read_file(path, NULL)) == NULL)
		die2("%s: %s", path, strerror(errno));
	for (line = buf; line != NULL && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab++ = '\0';
		if (strcmp(line, "kernel") == 0)
			snprintf(opt.release, sizeof(opt.release), "%s", tab);
		else if (strcmp(line, "version") == 0)
			opt.version = strtol(tab, NULL, 10);
		else if (strcmp(line, "detectors") == 0)
			opt.detectors = detectors_parse(tab);
		else if (strcmp(line, "profiles") == 0) {
			char *t;
			for (t = strtok(tab, " "); t != NULL;
			    t = strtok(NULL, " "))
				strvec_push(&names, t);
		}
	}
	free(buf);
	free(path);
	if (names.n == 0)
		die2("%s/run.tsv names no profile", dir);
	opt.outdir = dir;
	for (i = 0; i < names.n; i++) {
		path = xasprintf("%s/%s/error.txt", dir, names.v[i]);
		failed += access(path, R_OK) == 0;
		free(path);
	}
	x->kversion = opt.version;
	rv = report(names.v, names.n, x, failed);
	strvec_free(&names);
	expects_free(x);
	return rv;
}

/*
 * The accelerator QEMU will take from a profile's list: it uses the
 * first that works, and kvm and nvmm work where their device opens.
 */
static const char *
accel_of(const struct profile *p, char *buf, size_t len)
{
	char *acc = xstrdup(p->accel), *a;
	int fd;

	snprintf(buf, len, "tcg");
	for (a = strtok(acc, ":"); a != NULL; a = strtok(NULL, ":")) {
		const char *dev = strcmp(a, "kvm") == 0 ? "/dev/kvm" :
		    strcmp(a, "nvmm") == 0 ? "/dev/nvmm" : NULL;
		if (dev != NULL && (fd = open(dev, O_RDWR)) == -1)
			continue;
		if (dev != NULL)
			close(fd);
		snprintf(buf, len, "%s", a);
		break;
	}
	free(acc);
	return buf;
}

/* The checker's version, from the header a profile's boots printed. */
static long
checker_version(char **names, size_t n)
{
	char *path, *buf, *p;
	long v = 0;
	size_t i;

	for (i = 0; i < n && v == 0; i++) {
		path = xasprintf("%s/%s/checker.txt", opt.outdir, names[i]);
		if ((buf = read_file(path, NULL)) != NULL &&
		    (p = strstr(buf, "version=")) != NULL)
			v = strtol(p + 8, NULL, 10);
		free(buf);
		free(path);
	}
	return v;
}

/* run.tsv's "incomplete": every profile that failed, with its reason
   (its error.txt), "profile: reason; ..."; "-" when none did. */
static void
write_incomplete(FILE *fp, char **names, size_t n)
{
	char *path, *why, *clean;
	size_t i;
	int any = 0;

	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s/error.txt", opt.outdir, names[i]);
		why = read_file(path, NULL);
		free(path);
		if (why == NULL)
			continue;
		rstrip(why);
		clean = tsv_clean(why);
		fprintf(fp, "%s%s: %s", any++ ? "; " : "", names[i], clean);
		free(clean);
		free(why);
	}
	if (!any)
		fputs("-", fp);
}

/* run.tsv: what was run, for the reports and for merging shards.
   Partial: a selection the user made (-D, -C); incomplete: a profile
   that could not run to its end. */
static void
write_run(const struct profile *profs, char **names, size_t n,
    const char *started, int partial)
{
	char *path = xasprintf("%s/run.tsv", opt.outdir), acc[16], det[64];
	FILE *fp = fopen(path, "w");
	size_t i;

	if (fp == NULL) {
		fprintf(stderr, "strategy-run: %s: %s\n", path,
		    strerror(errno));
		free(path);
		return;
	}
	fprintf(fp, "kernel\t%s\nversion\t%ld\nchecker\t%ld\nprofiles\t",
	    opt.release, opt.version, checker_version(names, n));
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%s", i ? " " : "", names[i]);
	fprintf(fp, "\ndetectors\t%s", detectors_name(opt.detectors, det,
	    sizeof(det)));
	fprintf(fp, "\ndetectors_guest\t%s", detectors_name(opt.guestdet, det,
	    sizeof(det)));
	fprintf(fp, "\npartial\t%s\nincomplete\t", partial ? "yes" : "no");
	write_incomplete(fp, names, n);
	fprintf(fp, "\ndevices\t%s\ncontexts\t%s\n"
	    "started\t%s\naccel\t%s\n",
	    opt.devices ? opt.devices : "*", opt.contexts ? opt.contexts : "*",
	    started, n > 0 && profs != NULL ? accel_of(&profs[0], acc,
	    sizeof(acc)) : "-");
	fclose(fp);
	free(path);
}

/* What the kernel can detect, said once: the verdicts rest on it. */
static void
kernel_detectors(void)
{
	const char *how;
	char buf[64];

	opt.detectors = detectors_of_kernel(opt.kernel, &how);
	fprintf(stderr, "strategy-run: kernel detectors: %s (from its %s)\n",
	    detectors_name(opt.detectors, buf, sizeof(buf)), how);
}

/*
 * What the guest confirmed: the checker's header says which detectors
 * the kernel that booted has in its symbol table (detectors=, in each
 * profile's checker.txt).  The file's reading stands where the guest
 * cannot see (DIAGNOSTIC, DEBUG); where the two disagree on one the
 * guest can see, the kernel that ran is right, and the run says so.
 */
static void
confirm_detectors(char **names, size_t n)
{
	const int seen = DET_LOCKDEBUG | DET_DDB;
	char *path, *buf, *p, b1[64], b2[64], b3[64];
	size_t i;
	int g;

	opt.guestdet = DET_UNKNOWN;
	for (i = 0; i < n && opt.guestdet == DET_UNKNOWN; i++) {
		path = xasprintf("%s/%s/checker.txt", opt.outdir, names[i]);
		if ((buf = read_file(path, NULL)) != NULL &&
		    (p = strstr(buf, " detectors=")) != NULL) {
			p[11 + strcspn(p + 11, " \n")] = '\0';
			opt.guestdet = strcmp(p + 11, "none") == 0 ? 0 :
			    detectors_parse(p + 11);
		}
		free(buf);
		free(path);
	}
	if (opt.guestdet == DET_UNKNOWN || opt.detectors == DET_UNKNOWN)
		return;
	if ((opt.detectors & seen) == (opt.guestdet & seen))
		return;
	g = (opt.detectors & ~seen) | (opt.guestdet & seen);
	fprintf(stderr, "strategy-run: the kernel file reads %s, but the "
	    "kernel that booted has %s in its symbols: taken as %s\n",
	    detectors_name(opt.detectors, b1, sizeof(b1)),
	    detectors_name(opt.guestdet & seen, b2, sizeof(b2)),
	    detectors_name(g, b3, sizeof(b3)));
	opt.detectors = g;
}

/*
 * A pass that rests on a detector the kernel lacks establishes nothing:
 * it becomes a skip that says so, and is no regression where a pass
 * was expected (spec/detectors.tsv).
 */
static void
undetectable_passes(struct mrow *m, size_t nm)
{
	struct detector_table t;
	const struct detector_need *d;
	char err[512], *path, *dir = selfdir(), *det;
	size_t i;
	long n = 0;

	if (opt.detectors == DET_UNKNOWN)
		return;
	path = xasprintf("%s/../../spec/detectors.tsv", dir);
	free(dir);
	if (detector_table_load(path, &t, err, sizeof(err)) == -1)
		die2("%s", err);
	free(path);
	for (i = 0; i < nm; i++) {
		if (m[i].v != V_PASS || (d = detector_missing(&t,
		    opt.detectors, m[i].clause, m[i].context)) == NULL)
			continue;
		det = xasprintf("not established: the kernel lacks %s (%s "
		    "passes unseen without it): %s", detector_name(
		    d->detector), d->unseen, m[i].detail);
		free(m[i].detail);
		m[i].detail = det;
		m[i].v = V_SKIP;
		m[i].undetectable = 1;
		n++;
	}
	if (n > 0)
		printf("run: %ld pass%s not established: the kernel lacks a "
		    "detector they rest on (spec/detectors.tsv)\n", n,
		    n == 1 ? "" : "es");
	detector_table_free(&t);
}

/* Merge the profiles' results, apply expectations, write and print. */
static int
report(char **names, size_t n, const struct expects *x0, int failed)
{
	struct expects x1 = *x0, *x = &x1;
	struct row *rows = NULL;
	struct kdevice *devs = NULL;
	struct mrow *m;
	struct tally t;
	size_t nrows = 0, ndevs = 0, nm, i;
	char *path;
	int rv = 0;

	/* One profile: its units carry no "profile:" for the lines that
	   name it to match. */
	x->profile = n == 1 ? names[0] : NULL;
	for (i = 0; i < n; i++) {
		const char *pre = n > 1 ? names[i] : NULL;
		path = xasprintf("%s/%s/cases.tsv", opt.outdir, names[i]);
		if (access(path, R_OK) == 0 &&
		    rows_read(path, pre, &rows, &nrows) == -1)
			rv = 1;
		free(path);
		path = xasprintf("%s/%s/devices.tsv", opt.outdir, names[i]);
		devices_read(path, pre, &devs, &ndevs);
		free(path);
	}
	nm = matrix_build(rows, nrows, devs, ndevs, &m);
	undetectable_passes(m, nm);
	matrix_apply(x, m, nm, &t);
	expects_apply_rows(x, rows, nrows);
	path = xasprintf("%s/cases.tsv", opt.outdir);
	if (rows_write(path, opt.release, rows, nrows) == -1)
		rv = 1;
	free(path);
	path = xasprintf("%s/matrix.tsv", opt.outdir);
	if (matrix_write(path, opt.release, m, nm) == -1)
		rv = 1;
	free(path);
	matrix_print(stdout, m, nm);
	if (failed) {
		printf("run: %d profile%s did not complete:\n", failed,
		    failed == 1 ? "" : "s");
		for (i = 0; i < n; i++) {
			char *why;

			path = xasprintf("%s/%s/error.txt", opt.outdir,
			    names[i]);
			why = read_file(path, NULL);
			if (why != NULL) {
				rstrip(why);
				printf("  %s: %s\n", names[i], why);
				free(why);
			}
			free(path);
		}
	}
	tally_print(stdout, &t, failed || nm == 0);
	if (t.unexpected_fail || t.unexpected_pass || t.unexpected_skip ||
	    t.broken || failed ||
	    nm == 0)
		rv = 1;
	rows_free(rows, nrows);
	matrix_free(m, nm);
	for (i = 0; i < ndevs; i++) {
		free(devs[i].name);
		free(devs[i].attach);
		free(devs[i].row);
	}
	free(devs);
	return rv;
}

/* A -D or -C list goes to the checker as one word: no blanks. */
static const char *
selection(const char *s, char o)
{
	if (*s == '\0' || strpbrk(s, " \t\n=") != NULL)
		die2("-%c: need a comma-separated list without blanks", o);
	return s;
}

static int
parse_num(const char *s, int min, int max, char o)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < min || v > max)
		die2("-%c: need a number %d..%d", o, min, max);
	return (int)v;
}

/*
 * Every program the profiles will run, looked up before anything is
 * built or booted: one line per missing one, with its package.  Returns
 * the number missing.
 */
static size_t
tools_check(void)
{
	struct strvec missing = { 0 };
	struct profile p;
	char err[4096], *path;
	size_t i;

	for (i = 0; i < opt.profiles.n; i++) {
		path = find_profile(opt.profiles.v[i]);
		if (profile_load(path, &p, err, sizeof(err)) == -1)
			die2("%s", err);
		free(path);
		tools_missing(&p, opt.qemu, opt.cold, &missing);
		profile_free(&p);
	}
	for (i = 0; i < missing.n; i++)
		fprintf(stderr, "strategy-run: missing %s\n", missing.v[i]);
	if (missing.n > 0)
		fprintf(stderr, "strategy-run: %zu program%s missing: make "
		    "deps (as root) installs them; nothing was booted\n",
		    missing.n, missing.n == 1 ? "" : "s");
	i = missing.n;
	strvec_free(&missing);
	return i;
}

/*
 * -P: every profile's disk images with their contents, as the first
 * boot of a run would have them (qcow2 for a saved machine unless -R),
 * into <results>/<profile>/.  Nothing boots: this is how a machine
 * without a kernel proves that every profile can be made.
 */
static int
prepare(const struct profile *profs, size_t np)
{
	char *dir, why[256] = "its directory could not be made";
	size_t i;
	int rv = 0;

	if (tools_check() > 0)
		return 2;
	for (i = 0; i < np; i++) {
		dir = xasprintf("%s/%s", opt.outdir, profs[i].name);
		if (mkdirs(dir) == -1 || (opt.cold ? make_disks(&profs[i],
		    dir, why, sizeof(why)) : make_snap_disks(&profs[i], dir,
		    why, sizeof(why))) == -1) {
			fprintf(stderr, "strategy-run: [%s] %s in %s\n",
			    profs[i].name, why, dir);
			rv = 1;
		} else
			printf("%s: %zu disk%s in %s\n", profs[i].name,
			    profs[i].ndisks, profs[i].ndisks == 1 ? "" : "s",
			    dir);
		free(dir);
	}
	return rv;
}

/* -V: the checks of a run that need no boot.  0 when all hold. */
static int
preflight(void)
{
	struct kernel_info ki;
	char err[4096];

	if (opt.profiles.n == 0 && (opt.kernel == NULL ||
	    opt.modules.n == 0))
		usage();
	if (tools_check() > 0)
		return 2;
	if (opt.profiles.n > 0)
		printf("profiles: every program they need is installed\n");
	if (opt.kernel == NULL)
		return 0;
	if (opt.modules.n == 0)
		usage();
	if (version_check(opt.kernel, (const char *const *)opt.modules.v,
	    opt.modules.n, &ki, err, sizeof(err)) == -1)
		die2("%s", err);
	printf("kernel %s: NetBSD %s (%ld), MODULAR; modules match\n",
	    opt.kernel, ki.osrelease, ki.version);
	return 0;
}

int
main(int argc, char **argv)
{
	struct profile *profs;
	struct expects x = { 0 };
	struct kernel_info ki;
	char err[4096], *iso, **names, started[32] = "-";
	size_t i, np;
	int ch, failed = 0, rv;

	opt.outdir = "results";
	strcpy(opt.release, "unknown");
	opt.maxboots = 100;
	opt.detectors = DET_UNKNOWN;
	opt.guestdet = DET_UNKNOWN;
	opt.jobs = 1;
	opt.qemu = getenv("QEMU") ? getenv("QEMU") : "qemu-system-x86_64";
	while ((ch = getopt(argc, argv, "k:m:p:o:e:t:b:j:nKI:Q:L:S:D:C:A:RVPi:J:h")) != -1) {
		switch (ch) {
		case 'k': opt.kernel = optarg; break;
		case 'm': strvec_push(&opt.modules, optarg); break;
		case 'p': strvec_push(&opt.profiles, optarg); break;
		case 'o': opt.outdir = optarg; break;
		case 'e': opt.expected = optarg; break;
		case 't': opt.hang = parse_num(optarg, 1, 86400, 't'); break;
		case 'b': opt.maxboots = parse_num(optarg, 1, 100000, 'b');
			break;
		case 'j': opt.jobs = parse_num(optarg, 1, 256, 'j'); break;
		case 'n': opt.printcmd = 1; break;
		case 'K': opt.keep = 1; break;
		case 'I': opt.mkimage = optarg; break;
		case 'i': opt.init = optarg; break;
		case 'J': opt.rejudge = optarg; break;
		case 'Q': opt.qemu = optarg; break;
		case 'L': strvec_push(&opt.logs, optarg); break;
		case 'S': strvec_push(&opt.compare, optarg); break;
		case 'D': opt.devices = selection(optarg, 'D'); break;
		case 'C': opt.contexts = selection(optarg, 'C'); break;
		case 'A': opt.extra = optarg; break;
		case 'R': opt.cold = 1; break;
		case 'V': opt.checkonly = 1; break;
		case 'P': opt.prepare = 1; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();

	if (opt.compare.n > 0) {
		rv = matrix_compare(stdout, opt.compare.v, opt.compare.n);
		return rv == -1 ? 2 : rv;
	}

	if (opt.checkonly)
		return preflight();

	if (opt.expected != NULL &&
	    expects_load(opt.expected, &x, err, sizeof(err)) == -1)
		die2("expectations: %s", err);

	if (opt.rejudge != NULL)
		return rejudge(opt.rejudge, &x);

	if (opt.logs.n > 0) {
		const char *name = opt.profiles.n ? opt.profiles.v[0] :
		    "replay";
		if (opt.kernel != NULL)
			kernel_detectors();
		if (strchr(name, '/') != NULL)
			die2("-L: -p takes a name for the replayed results");
		rv = replay(name);
		x.kversion = opt.version;
		confirm_detectors((char **)&name, 1);
		write_run(NULL, (char **)&name, 1, "-", 0);
		rv = report((char **)&name, 1, &x, rv != 0);
		expects_free(&x);
		return rv;
	}

	if (opt.profiles.n == 0)
		usage();
	np = opt.profiles.n;
	profs = xcalloc(np, sizeof(*profs));
	names = xcalloc(np, sizeof(*names));
	for (i = 0; i < np; i++) {
		char *path = find_profile(opt.profiles.v[i]);
		size_t j;
		if (profile_load(path, &profs[i], err, sizeof(err)) == -1)
			die2("%s", err);
		free(path);
		names[i] = profs[i].name;
		for (j = 0; j < i; j++)
			if (strcmp(names[j], names[i]) == 0)
				die2("profile name %s given twice", names[i]);
	}
	iso = xasprintf("%s/%s", opt.outdir, ISO_NAME);

	{
		char *dir = selfdir();

		disk_mkffs = xasprintf("%s/../init/mkffs.sh", dir);
		free(dir);
	}
	if (opt.prepare)
		return prepare(profs, np);

	if (opt.printcmd) {
		for (i = 0; i < np; i++) {
			struct strvec av = { 0 };
			char *dir = xasprintf("%s/%s", opt.outdir, names[i]);
			/* The first boot's, as run_profile starts it. */
			char *fw = boot_args(&profs[i], opt.cold ? "first=1" :
			    "resume=1");
			char *cmd;
			profile_qemu_argv(&profs[i], opt.qemu, iso, dir, fw,
			    opt.cold ? NULL : dir, &av);
			cmd = argv_shell(av.v);
			printf("%s\n", cmd);
			free(cmd);
			free(fw);
			free(dir);
			strvec_free(&av);
		}
		return 0;
	}

	if (opt.kernel == NULL || opt.modules.n == 0)
		usage();
	if (tools_check() > 0)
		return 2;
	if (version_check(opt.kernel, (const char *const *)opt.modules.v,
	    opt.modules.n, &ki, err, sizeof(err)) == -1)
		die2("%s", err);
	fprintf(stderr, "strategy-run: kernel NetBSD %s (%ld), MODULAR; "
	    "module version matches\n", ki.osrelease, ki.version);
	snprintf(opt.release, sizeof(opt.release), "%s", ki.osrelease);
	opt.version = ki.version;
	kernel_detectors();
	if (ki.mod_plt32 > 0 && ki.version < 900000000)
		fprintf(stderr, "strategy-run: warning: the modules have %ld "
		    "R_X86_64_PLT32 relocations, which kernels without PLT32 "
		    "support in kobj refuse; run kmod-fixrel on them\n",
		    ki.mod_plt32);

	if (mkdirs(opt.outdir) == -1)
		die2("%s: %s", opt.outdir, strerror(errno));
	{
		struct strvec av = { 0 };
		char *dir = selfdir();
		char *mk = opt.mkimage ? xstrdup(opt.mkimage) :
		    xasprintf("%s/../../qemu-images/mkimage.sh", dir);
		strvec_push(&av, mk);
		strvec_push(&av, "-k");
		strvec_push(&av, opt.kernel);
		for (i = 0; i < opt.modules.n; i++) {
			strvec_push(&av, "-m");
			strvec_push(&av, opt.modules.v[i]);
		}
		if (opt.init != NULL) {
			/* Only the guest's PID 1 mounts a root: the boot CD */
			strvec_push(&av, "-i");
			strvec_push(&av, opt.init);
			strvec_push(&av, "-r");
			strvec_push(&av, "cd0a");
		}
		strvec_push(&av, "-o");
		strvec_push(&av, iso);
		if (access(mk, X_OK) == -1)
			die2("image builder %s: %s (use -I)", mk,
			    strerror(errno));
		if (run_wait(av.v, "image builder") == -1)
			die2("cannot build the boot image %s", iso);
		strvec_free(&av);
		free(mk);
		free(dir);
	}

	{
		time_t t = time(NULL);
		strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%SZ",
		    gmtime(&t));
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, SIG_IGN);

	if (opt.jobs == 1 || np == 1) {
		for (i = 0; i < np && !stop_signal; i++)
			if (run_profile(&profs[i], iso) != 0)
				failed++;
	} else {
		/* one child per profile, at most opt.jobs at a time */
		size_t started = 0, running = 0;
		int st;
		while (started < np || running > 0) {
			while (started < np && running < (size_t)opt.jobs &&
			    !stop_signal) {
				pid_t pid;
				fflush(NULL);
				pid = fork();
				if (pid == -1)
					die2("fork: %s", strerror(errno));
				if (pid == 0)
					_exit(run_profile(&profs[started], iso));
				started++;
				running++;
			}
			if (running == 0)
				break;
			if (wait(&st) == -1) {
				if (errno == EINTR)
					continue;
				break;
			}
			running--;
			if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
				failed++;
		}
	}
	x.kversion = opt.version;
	confirm_detectors(names, np);
	write_run(profs, names, np, started, opt.devices != NULL ||
	    opt.contexts != NULL);
	rv = report(names, np, &x, failed);
	if (stop_signal) {
		fprintf(stderr, "strategy-run: interrupted\n");
		rv = 1;
	}
	for (i = 0; i < np; i++)
		profile_free(&profs[i]);
	free(profs);
	free(names);
	free(iso);
	expects_free(&x);
	return rv;
}
