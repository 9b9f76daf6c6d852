/*
 * strategy-run - boot a NetBSD kernel with the strategy(9) checker under
 * QEMU, one boot (or more, after panics and hangs) per profile, and turn
 * the checker's console into each profile's cases.tsv and the kernel's
 * matrix.tsv.
 *
 * Exit status: 0 no regression and nothing broken; 1 regression, broken
 * result or failed run; 2 bad input (arguments, kernel, module, profile,
 * expectations) or nothing could be started.
 */
#include "runner.h"
#include "detectors.h"
#include "diskimage.h"
#include "kversion.h"
#include "machcache.h"
#include "jobs.h"
#include "tools.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void
usage(void)
{
	fputs(
"usage: strategy-run [run] -k kernel -m module.kmod [-m ...] -p profile [-p ...]\n"
"                    [-o results] [-e expected.tsv] [-t hang-seconds]\n"
"                    [-b max-boots] [-j jobs [-J slots]] [-K] [-I mkimage.sh]\n"
"                    [-D device,...] [-C context,...] [-A checker-args] [-R]\n"
"                    [-Q qemu-system-x86_64] [-i sc-init] [-F]\n"
"       strategy-run argv -p profile [-o results] [-R]  print the QEMU command\n"
"       strategy-run disks -p profile [-o results] [-R]  make the disks only\n"
"       strategy-run check [-k kernel -m module.kmod] [-p profile ...] [-R]\n"
"                    preflight: the module's version, the profiles' tools\n"
"       strategy-run parse [-p name] [-o results] [-e expected.tsv] [-k kernel]\n"
"                    console.1.log ...             replay recorded boots\n"
"       strategy-run compare results/k1 results/k2 ...  kernels side by side\n"
"       strategy-run judge -e expected.tsv results/k1   judge a run again\n"
"       strategy-run machines [-k kernel -m module.kmod [-i sc-init] -p profile ...]\n"
"                    the saved machines kept across runs, bound to their size;\n"
"                    with a kernel, each profile's key\n"
"  -p  a profile file, or a name in qemu-images/profiles/<name>.profile\n"
"  -t  hang timeout: no console output for this long (default 120 s)\n"
"  -b  at most this many boots per profile (default 100)\n"
"  -j  run up to this many profiles at once (default 1), the longest first\n"
"      as earlier runs timed them ($STRATEGY9_DURATIONS or\n"
"      ${XDG_CACHE_HOME:-~/.cache}/strategy9/durations.tsv)\n"
"  -J  and only in one of the -j slots of this directory, which the runs of\n"
"      other kernels at the same time share (run-kernels.sh)\n"
"  -K  keep the disk images (default: deleted after the run)\n"
"  -D  judge only these devices (names or patterns: wd*,ref-sleep)\n"
"  -C  judge only these contexts (thread,spl,softint,callout,hardintr,\n"
"      hardintr-klock); the results say the run was partial\n"
"  -A  more arguments for the checker, e.g. \"onpanic=1\" (conformance/PROTOCOL)\n"
"  -R  cold boots only: never save and restore the machine\n"
"  -F  boot afresh: restore no machine an earlier run saved (this run's\n"
"      first save is still kept in the cache, $STRATEGY9_MACHINES or\n"
"      ${XDG_CACHE_HOME:-~/.cache}/strategy9/machines)\n"
"  -i  the guest's PID 1 (conformance/init) for init=1 profiles: the boot\n"
"      CD becomes their root file system (cd0a)\n",
	    stderr);
	exit(2);
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
tools_check(const struct options *o)
{
	struct strvec missing = { 0 };
	struct profile p;
	char err[4096], *path;
	size_t i;

	for (i = 0; i < o->profiles.n; i++) {
		path = find_profile(o->profiles.v[i]);
		if (profile_load(path, &p, err, sizeof(err)) == -1)
			die2("%s", err);
		free(path);
		tools_missing(&p, o->qemu, o->cold, &missing);
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
 * disks: every profile's disk images with their contents, as the first
 * boot of a run would have them (qcow2 for a saved machine unless -R),
 * into <results>/<profile>/.  Nothing boots: this is how a machine
 * without a kernel proves that every profile can be made.
 */
static int
prepare(const struct options *o, const struct profile *profs, size_t np)
{
	char *dir, why[256] = "its directory could not be made";
	size_t i;
	int rv = 0;

	if (tools_check(o) > 0)
		return 2;
	for (i = 0; i < np; i++) {
		dir = xasprintf("%s/%s", o->outdir, profs[i].name);
		if (mkdirs(dir) == -1 || (o->cold ? make_disks(&profs[i],
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

/* check: the checks of a run that need no boot.  0 when all hold. */
static int
preflight(const struct options *o)
{
	struct kernel_info ki;
	char err[4096];

	if (o->profiles.n == 0 && (o->kernel == NULL ||
	    o->modules.n == 0))
		usage();
	if (tools_check(o) > 0)
		return 2;
	if (o->profiles.n > 0)
		printf("profiles: every program they need is installed\n");
	if (o->kernel == NULL)
		return 0;
	if (o->modules.n == 0)
		usage();
	if (version_check(o->kernel, (const char *const *)o->modules.v,
	    o->modules.n, &ki, err, sizeof(err)) == -1)
		die2("%s", err);
	printf("kernel %s: NetBSD %s (%ld), MODULAR; modules match\n",
	    o->kernel, ki.osrelease, ki.version);
	return 0;
}

/* The mode a first word names, or -1 for a word that names none. */
static int
command(const char *word)
{
	static const char *const words[] = {
		[M_RUN] = "run", [M_ARGV] = "argv", [M_DISKS] = "disks",
		[M_CHECK] = "check", [M_PARSE] = "parse",
		[M_COMPARE] = "compare", [M_JUDGE] = "judge",
		[M_MACHINES] = "machines",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(word, words[i]) == 0)
			return (int)i;
	return -1;
}

/* The operands of the mode: consoles (parse), directories (compare),
   one directory (judge); none for the others. */
static void
operands(struct options *o, char **v, int n)
{
	int i;

	switch (o->mode) {
	case M_PARSE:
	case M_COMPARE:
		if (n < 1)
			usage();
		break;
	case M_JUDGE:
		if (n != 1)
			usage();
		break;
	default:
		if (n != 0)
			usage();
	}
	for (i = 0; i < n; i++)
		strvec_push(&o->args, v[i]);
}

/* The first word names the mode (run when it is an option); the
   options; the mode's operands. */
static void
parse_options(struct options *o, int argc, char **argv)
{
	int ch, m;

	memset(o, 0, sizeof(*o));
	o->mode = M_RUN;
	o->outdir = "results";
	o->maxboots = 100;
	o->jobs = 1;
	o->qemu = getenv("QEMU") ? getenv("QEMU") : "qemu-system-x86_64";
	if (argc > 1 && argv[1][0] != '-') {
		if ((m = command(argv[1])) == -1)
			usage();
		o->mode = m;
		argv[1] = argv[0];	/* getopt's messages name the program */
		argc--;
		argv++;
	}
	while ((ch = getopt(argc, argv, "k:m:p:o:e:t:b:j:J:KI:Q:D:C:A:RFi:h")) != -1) {
		switch (ch) {
		case 'k': o->kernel = optarg; break;
		case 'm': strvec_push(&o->modules, optarg); break;
		case 'p': strvec_push(&o->profiles, optarg); break;
		case 'o': o->outdir = optarg; break;
		case 'e': o->expected = optarg; break;
		case 't': o->hang = parse_num(optarg, 1, 86400, 't'); break;
		case 'b': o->maxboots = parse_num(optarg, 1, 100000, 'b');
			break;
		case 'j': o->jobs = parse_num(optarg, 1, 256, 'j'); break;
		case 'J': o->slots = optarg; break;
		case 'K': o->keep = 1; break;
		case 'I': o->mkimage = optarg; break;
		case 'i': o->init = optarg; break;
		case 'Q': o->qemu = optarg; break;
		case 'D': o->devices = selection(optarg, 'D'); break;
		case 'C': o->contexts = selection(optarg, 'C'); break;
		case 'A': o->extra = optarg; break;
		case 'R': o->cold = 1; break;
		case 'F': o->fresh = 1; break;
		default: usage();
		}
	}
	operands(o, argv + optind, argc - optind);
}

/* parse: recorded consoles replayed as one profile's boots, then
   judged. */
static int
replay_mode(const struct options *o, struct kernel_facts *k,
    struct expects *x)
{
	const char *name = o->profiles.n ? o->profiles.v[0] : "replay";
	int rv;

	if (o->kernel != NULL)
		kernel_detectors(o->kernel, k);
	if (strchr(name, '/') != NULL)
		die2("parse: -p takes a name for the replayed results");
	rv = replay(o, k, name);
	x->kversion = k->version;
	confirm_detectors(o->outdir, (char **)&name, 1, k);
	write_run(o, k, NULL, (char **)&name, 1, "-", 0);
	rv = merge_report(o->outdir, k, (char **)&name, 1, x, rv != 0);
	expects_free(x);
	return rv;
}

/* The profiles of -p, loaded; their names beside them. */
static struct profile *
load_profiles(const struct options *o, size_t np, char ***namesp)
{
	struct profile *profs = xcalloc(np, sizeof(*profs));
	char **names = xcalloc(np, sizeof(*names)), err[4096];
	size_t i, j;

	for (i = 0; i < np; i++) {
		char *path = find_profile(o->profiles.v[i]);
		if (profile_load(path, &profs[i], err, sizeof(err)) == -1)
			die2("%s", err);
		free(path);
		names[i] = profs[i].name;
		for (j = 0; j < i; j++)
			if (strcmp(names[j], names[i]) == 0)
				die2("profile name %s given twice", names[i]);
	}
	*namesp = names;
	return profs;
}

/* argv: each profile's QEMU command line, as its first boot would run. */
static int
print_commands(const struct options *o, const struct profile *profs,
    char **names, size_t np, const char *iso)
{
	size_t i;

	for (i = 0; i < np; i++) {
		struct strvec av = { 0 };
		char *dir = xasprintf("%s/%s", o->outdir, names[i]);
		/* The first boot's, as run_profile starts it. */
		char *fw = boot_args(o, &profs[i], o->cold ? "first=1" :
		    "resume=1");
		char *cmd;
		profile_qemu_argv(&profs[i], o->qemu, iso, dir, fw,
		    o->cold ? NULL : dir, &av);
		cmd = argv_shell(av.v);
		printf("%s\n", cmd);
		free(cmd);
		free(fw);
		free(dir);
		strvec_free(&av);
	}
	return 0;
}

/* The kernel and the modules: the versions match; what it detects. */
static void
check_kernel(const struct options *o, struct kernel_facts *k)
{
	struct kernel_info ki;
	char err[4096];

	if (version_check(o->kernel, (const char *const *)o->modules.v,
	    o->modules.n, &ki, err, sizeof(err)) == -1)
		die2("%s", err);
	fprintf(stderr, "strategy-run: kernel NetBSD %s (%ld), MODULAR; "
	    "module version matches\n", ki.osrelease, ki.version);
	snprintf(k->release, sizeof(k->release), "%s", ki.osrelease);
	k->version = ki.version;
	kernel_detectors(o->kernel, k);
	if (ki.mod_plt32 > 0 && ki.version < 900000000)
		fprintf(stderr, "strategy-run: warning: the modules have %ld "
		    "R_X86_64_PLT32 relocations, which kernels without PLT32 "
		    "support in kobj refuse; run kmod-fixrel on them\n",
		    ki.mod_plt32);
}

/* The boot CD's builder: qemu-images/mkimage.sh, or -I. */
static char *
mkimage_path(const struct options *o)
{
	char *dir, *mk;

	if (o->mkimage != NULL)
		return xstrdup(o->mkimage);
	dir = selfdir();
	mk = xasprintf("%s/../../qemu-images/mkimage.sh", dir);
	free(dir);
	return mk;
}

/* The boot CD, by qemu-images/mkimage.sh (or -I). */
static void
build_iso(const struct options *o, const char *iso)
{
	struct strvec av = { 0 };
	char *mk = mkimage_path(o);
	size_t i;

	strvec_push(&av, mk);
	strvec_push(&av, "-k");
	strvec_push(&av, o->kernel);
	for (i = 0; i < o->modules.n; i++) {
		strvec_push(&av, "-m");
		strvec_push(&av, o->modules.v[i]);
	}
	if (o->init != NULL) {
		/* Only the guest's PID 1 mounts a root: the boot CD */
		strvec_push(&av, "-i");
		strvec_push(&av, o->init);
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
}

/*
 * The saved machines kept across runs: the cache, its bound and the
 * run's part of every key (machkey.h), into *o (main's, which owns
 * it).  Not used with -R (nothing is saved) or STRATEGY9_MACHINES_MAX=0;
 * -F restores none.  quiet: no line on stderr.
 */
static void
machine_cache(struct options *o, int quiet)
{
	char why[512];

	o->runkey[0] = '\0';
	o->mcache = mcache_dir();
	if ((o->mcache_max = mcache_max(why, sizeof(why))) == -1)
		die2("%s", why);
	if (o->cold || o->mcache_max == 0 || o->kernel == NULL)
		return;
	o->mrun.kernel = o->kernel;
	o->mrun.modules = o->modules.v;
	o->mrun.nmodules = o->modules.n;
	o->mrun.init = o->init;
	o->mrun.mkimage = mkimage_path(o);
	o->mrun.qemu = o->qemu;
	o->mrun.mkffs = disk_mkffs;
	if (machine_run_key(&o->mrun, o->runkey, why, sizeof(why)) == -1) {
		fprintf(stderr, "strategy-run: warning: saved machines are "
		    "not kept: %s\n", why);
		o->runkey[0] = '\0';
	} else if (!quiet)
		fprintf(stderr, "strategy-run: saved machines: %s (at most "
		    "%lld MiB)%s\n", o->mcache, o->mcache_max >> 20,
		    o->fresh ? "; -F: none restored" : "");
}

/*
 * machines: the saved machines kept across runs, the least recently
 * used removed down to the bound; with a kernel and modules, each
 * profile's key and whether the cache holds its machine.
 */
static int
machines_mode(struct options *o, const struct profile *profs, size_t np)
{
	char why[512], hex[65], *fw, *entry;
	long long total;
	size_t i;

	machine_cache(o, 1);
	printf("cache: %s (at most %lld MiB)\n", o->mcache,
	    o->mcache_max >> 20);
	mcache_prune(o->mcache, o->mcache_max, NULL, "machines");
	total = mcache_list(o->mcache, stdout);
	printf("total: %lld MiB\n", total >> 20);
	if (o->runkey[0] == '\0')
		return 0;
	for (i = 0; i < np; i++) {
		fw = boot_args(o, &profs[i], "resume=1");
		if (machine_key(o->runkey, &o->mrun, &profs[i], fw, hex, why,
		    sizeof(why)) == -1)
			die2("%s", why);
		free(fw);
		entry = xasprintf("%s/%s", o->mcache, hex);
		printf("%s\t%s\t%s\n", profs[i].name, hex,
		    access(entry, F_OK) == 0 ? "kept" : "not kept");
		free(entry);
	}
	return 0;
}

/* A run's profiles while they run: one child each. */
struct children {
	const char *release, *history;
	char *const *names;
	size_t np, running;
	pid_t *pids;		/* by profile; 0: not running */
	double *t0;		/* when each started */
	int failed;
};

/* Children that ended: counted off, their time kept for the next run's
   order.  flags: 0 waits for one, WNOHANG does not. */
static void
reap(struct children *c, int flags)
{
	pid_t pid;
	size_t i;
	int st;

	while (c->running > 0 && (pid = waitpid(-1, &st, flags)) > 0) {
		c->running--;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			c->failed++;
		/* A profile cut short says nothing of its length. */
		for (i = 0; i < c->np; i++)
			if (c->pids[i] == pid) {
				c->pids[i] = 0;
				if (!stop_signal && WIFEXITED(st))
					jobs_record(c->history, c->release,
					    c->names[i], now_d() - c->t0[i]);
			}
		if (flags == 0)
			break;
	}
}

/* A job slot of o->slots for a profile of secs, waited for (children
   that end meanwhile are reaped); -1 without -J, or when stopped. */
static int
take_slot(const struct options *o, struct children *c, double secs)
{
	int fd, wait, said = 0;

	if (o->slots == NULL)
		return -1;
	wait = jobs_wait_begin(o->slots, secs);
	while ((fd = jobs_slot_try(o->slots, o->jobs, secs)) == -1 &&
	    !stop_signal) {
		if (!said++)
			fprintf(stderr, "strategy-run: waiting for one of the "
			    "%d job slots of %s\n", o->jobs, o->slots);
		reap(c, WNOHANG);
		usleep(100000);
	}
	jobs_wait_end(o->slots, wait);
	return fd;
}

/*
 * Every profile, at most o->jobs at once (one child each), and with -J
 * only in a free slot of the directory the runs of other kernels share;
 * started longest first (jobs.h).  The number that failed.
 */
static int
run_all(const struct options *o, struct kernel_facts *k,
    const struct profile *profs, char *const *names, size_t np,
    const char *iso)
{
	char *history = jobs_history();
	struct children c = { .release = k->release, .history = history,
	    .names = names, .np = np };
	size_t *order = xcalloc(np, sizeof(*order)), i, started;
	double *secs = xcalloc(np, sizeof(*secs));
	int slot;

	c.pids = xcalloc(np, sizeof(*c.pids));
	c.t0 = xcalloc(np, sizeof(*c.t0));
	jobs_order(history, k->release, names, np, order, secs);
	for (started = 0; started < np && !stop_signal; started++) {
		while (c.running >= (size_t)o->jobs)
			reap(&c, 0);
		i = order[started];
		slot = take_slot(o, &c, secs[i]);
		if (stop_signal)
			break;
		c.t0[i] = now_d();
		fflush(NULL);
		if ((c.pids[i] = fork()) == -1)
			die2("fork: %s", strerror(errno));
		if (c.pids[i] == 0)
			_exit(run_profile(o, k, &profs[i], iso));
		c.running++;
		if (slot != -1)
			close(slot);	/* the child holds it now */
	}
	while (c.running > 0)
		reap(&c, 0);
	free(history);
	free(order);
	free(secs);
	free(c.pids);
	free(c.t0);
	return c.failed;
}

/* A run: the kernel checked, the boot CD built, every profile booted,
   the results merged. */
static int
run_mode(const struct options *o, struct kernel_facts *k,
    const struct profile *profs, char **names, size_t np, const char *iso,
    struct expects *x)
{
	char started[32] = "-";
	time_t now;
	int failed, rv;

	if (o->kernel == NULL || o->modules.n == 0)
		usage();
	if (tools_check(o) > 0)
		return 2;
	check_kernel(o, k);
	if (mkdirs(o->outdir) == -1)
		die2("%s: %s", o->outdir, strerror(errno));
	build_iso(o, iso);
	now = time(NULL);
	strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%SZ",
	    gmtime(&now));
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, SIG_IGN);
	failed = run_all(o, k, profs, names, np, iso);
	x->kversion = k->version;
	confirm_detectors(o->outdir, names, np, k);
	write_run(o, k, profs, names, np, started, o->devices != NULL ||
	    o->contexts != NULL);
	rv = merge_report(o->outdir, k, names, np, x, failed);
	if (stop_signal) {
		fprintf(stderr, "strategy-run: interrupted\n");
		rv = 1;
	}
	return rv;
}

int
main(int argc, char **argv)
{
	struct options opt, *o = &opt;
	struct kernel_facts k = { .release = "unknown",
	    .detectors = DET_UNKNOWN, .guestdet = DET_UNKNOWN };
	struct profile *profs;
	struct expects x = { 0 };
	char err[4096], *iso, **names, *dir;
	size_t i, np;
	int rv;

	parse_options(o, argc, argv);
	if (o->mode == M_COMPARE) {
		rv = matrix_compare(stdout, o->args.v, o->args.n);
		return rv == -1 ? 2 : rv;
	}
	if (o->mode == M_CHECK)
		return preflight(o);
	if (o->expected != NULL &&
	    expects_load(o->expected, &x, err, sizeof(err)) == -1)
		die2("expectations: %s", err);
	if (o->mode == M_JUDGE)
		return rejudge(o->args.v[0], &x);
	if (o->mode == M_PARSE)
		return replay_mode(o, &k, &x);
	if (o->profiles.n == 0 && o->mode != M_MACHINES)
		usage();
	np = o->profiles.n;
	profs = load_profiles(o, np, &names);
	iso = xasprintf("%s/%s", o->outdir, ISO_NAME);
	dir = selfdir();
	disk_mkffs = xasprintf("%s/../init/mkffs.sh", dir);
	free(dir);
	if (o->mode == M_DISKS)
		return prepare(o, profs, np);
	if (o->mode == M_ARGV)
		return print_commands(o, profs, names, np, iso);
	if (o->mode == M_MACHINES)
		return machines_mode(o, profs, np);
	machine_cache(o, 0);
	rv = run_mode(o, &k, profs, names, np, iso, &x);
	for (i = 0; i < np; i++)
		profile_free(&profs[i]);
	free(profs);
	free(names);
	free(iso);
	expects_free(&x);
	return rv;
}
