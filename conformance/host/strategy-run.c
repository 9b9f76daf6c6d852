/*
 * strategy-run - boot a NetBSD kernel with the strategy(9) checker under
 * QEMU, one boot (or more, after panics and hangs) per profile, and turn
 * the checker's console into cases.tsv and matrix.tsv.
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
"                    [-b max-boots] [-j jobs] [-K] [-I mkimage.sh]\n"
"                    [-D device,...] [-C context,...] [-A checker-args] [-R]\n"
"                    [-Q qemu-system-x86_64] [-i sc-init] [-F]\n"
"       strategy-run argv -p profile [-o results] [-R]  print the QEMU command\n"
"       strategy-run disks -p profile [-o results] [-R]  make the disks only\n"
"       strategy-run check [-k kernel -m module.kmod] [-p profile ...] [-R]\n"
"                    preflight: the module's version, the profiles' tools\n"
"       strategy-run parse [-p name] [-o results] [-e expected.tsv] [-k kernel]\n"
"                    console.1.log ...             replay recorded boots\n"
"       strategy-run compare results/k1 results/k2 ...  kernels side by side\n"
"       strategy-run machines [-k kernel -m module.kmod [-i sc-init] -p profile ...]\n"
"                    the saved machines kept across runs, bound to their size;\n"
"                    with a kernel, each profile's key\n"
"       strategy-run judge -e expected.tsv results/k1   judge a run again\n"
"  each mode also by its flag: -n argv, -P disks, -V check, -L log parse,\n"
"  -S dir compare, -J dir judge, -M machines\n"
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

/*
 * The first word may name the mode: run (the default), argv (-n), disks
 * (-P), check (-V), parse (-L: the consoles are its operands), compare
 * (-S: the results directories are its operands) or judge (-J: the
 * directory is its operand).  The flags stay, for the scripts that use
 * them.  The mode's flag, or 0 for a word that names none.
 */
static int
command(const char *word)
{
	static const struct {
		const char *word;
		int flag;
	} cmds[] = {
		{ "run", 'r' }, { "argv", 'n' }, { "disks", 'P' },
		{ "check", 'V' }, { "parse", 'L' }, { "compare", 'S' },
		{ "judge", 'J' }, { "machines", 'M' },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(word, cmds[i].word) == 0)
			return cmds[i].flag;
	return 0;
}

/* The mode the flags chose: its flag, 0 for a run, -1 for several. */
static int
mode_flag(void)
{
	int n = 0, m = 0;

	if (opt.printcmd)
		n++, m = 'n';
	if (opt.prepare)
		n++, m = 'P';
	if (opt.checkonly)
		n++, m = 'V';
	if (opt.logs.n > 0)
		n++, m = 'L';
	if (opt.compare.n > 0)
		n++, m = 'S';
	if (opt.rejudge != NULL)
		n++, m = 'J';
	if (opt.machines)
		n++, m = 'M';
	return n > 1 ? -1 : m;
}

/* The operands v[0..n-1] of the mode cmd (command()); no flag may choose
   another mode.  Without a command word, no operands. */
static void
operands(int cmd, char **v, int n)
{
	int given = mode_flag(), i;

	if (cmd == 0) {
		if (n != 0)
			usage();
		return;
	}
	if (given == -1 || (given != 0 && given != cmd))
		usage();
	switch (cmd) {
	case 'L':
	case 'S':
		for (i = 0; i < n; i++)
			strvec_push(cmd == 'L' ? &opt.logs : &opt.compare,
			    v[i]);
		n = 0;
		break;
	case 'J':
		if (n == 1 && opt.rejudge == NULL) {
			opt.rejudge = v[0];
			n = 0;
		}
		break;
	case 'n': opt.printcmd = 1; break;
	case 'P': opt.prepare = 1; break;
	case 'V': opt.checkonly = 1; break;
	case 'M': opt.machines = 1; break;
	default: break;
	}
	if (n != 0 || mode_flag() != (cmd == 'r' ? 0 : cmd))
		usage();
}

static void
parse_options(int argc, char **argv)
{
	int ch, cmd = 0;

	opt.outdir = "results";
	strcpy(opt.release, "unknown");
	opt.maxboots = 100;
	opt.detectors = DET_UNKNOWN;
	opt.guestdet = DET_UNKNOWN;
	opt.jobs = 1;
	opt.qemu = getenv("QEMU") ? getenv("QEMU") : "qemu-system-x86_64";
	if (argc > 1 && argv[1][0] != '-') {
		if ((cmd = command(argv[1])) == 0)
			usage();
		argv[1] = argv[0];	/* getopt's messages name the program */
		argc--;
		argv++;
	}
	while ((ch = getopt(argc, argv, "k:m:p:o:e:t:b:j:nKI:Q:L:S:D:C:A:RFMVPi:J:h")) != -1) {
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
		case 'F': opt.fresh = 1; break;
		case 'M': opt.machines = 1; break;
		case 'V': opt.checkonly = 1; break;
		case 'P': opt.prepare = 1; break;
		default: usage();
		}
	}
	operands(cmd, argv + optind, argc - optind);
}

/* -L: recorded consoles replayed as one profile's boots, then judged. */
static int
replay_mode(struct expects *x)
{
	const char *name = opt.profiles.n ? opt.profiles.v[0] : "replay";
	int rv;

	if (opt.kernel != NULL)
		kernel_detectors();
	if (strchr(name, '/') != NULL)
		die2("-L: -p takes a name for the replayed results");
	rv = replay(name);
	x->kversion = opt.version;
	confirm_detectors((char **)&name, 1);
	write_run(NULL, (char **)&name, 1, "-", 0);
	rv = merge_report((char **)&name, 1, x, rv != 0);
	expects_free(x);
	return rv;
}

/* The profiles of -p, loaded; their names beside them. */
static struct profile *
load_profiles(size_t np, char ***namesp)
{
	struct profile *profs = xcalloc(np, sizeof(*profs));
	char **names = xcalloc(np, sizeof(*names)), err[4096];
	size_t i, j;

	for (i = 0; i < np; i++) {
		char *path = find_profile(opt.profiles.v[i]);
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

/* -n: each profile's QEMU command line, as its first boot would run. */
static int
print_commands(const struct profile *profs, char **names, size_t np,
    const char *iso)
{
	size_t i;

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

/* The kernel and the modules: the versions match; what it detects. */
static void
check_kernel(void)
{
	struct kernel_info ki;
	char err[4096];

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
}

/* The boot CD's builder: qemu-images/mkimage.sh, or -I. */
static char *
mkimage_path(void)
{
	char *dir, *mk;

	if (opt.mkimage != NULL)
		return xstrdup(opt.mkimage);
	dir = selfdir();
	mk = xasprintf("%s/../../qemu-images/mkimage.sh", dir);
	free(dir);
	return mk;
}

/* The boot CD, by qemu-images/mkimage.sh (or -I). */
static void
build_iso(const char *iso)
{
	struct strvec av = { 0 };
	char *mk = mkimage_path();
	size_t i;

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
}

/*
 * The saved machines kept across runs: the cache, its bound and the
 * run's part of every key (machkey.h).  Not used with -R (nothing is
 * saved) or STRATEGY9_MACHINES_MAX=0; -F restores none.  quiet: no
 * line on stderr.
 */
static void
machine_cache(int quiet)
{
	char why[512];

	opt.runkey[0] = '\0';
	opt.mcache = mcache_dir();
	if ((opt.mcache_max = mcache_max(why, sizeof(why))) == -1)
		die2("%s", why);
	if (opt.cold || opt.mcache_max == 0 || opt.kernel == NULL)
		return;
	opt.mrun.kernel = opt.kernel;
	opt.mrun.modules = opt.modules.v;
	opt.mrun.nmodules = opt.modules.n;
	opt.mrun.init = opt.init;
	opt.mrun.mkimage = mkimage_path();
	opt.mrun.qemu = opt.qemu;
	opt.mrun.mkffs = disk_mkffs;
	if (machine_run_key(&opt.mrun, opt.runkey, why, sizeof(why)) == -1) {
		fprintf(stderr, "strategy-run: warning: saved machines are "
		    "not kept: %s\n", why);
		opt.runkey[0] = '\0';
	} else if (!quiet)
		fprintf(stderr, "strategy-run: saved machines: %s (at most "
		    "%lld MiB)%s\n", opt.mcache, opt.mcache_max >> 20,
		    opt.fresh ? "; -F: none restored" : "");
}

/*
 * -M: the saved machines kept across runs, the least recently used
 * removed down to the bound; with a kernel and modules, each profile's
 * key and whether the cache holds its machine.
 */
static int
machines_mode(const struct profile *profs, size_t np)
{
	char why[512], hex[65], *fw, *entry;
	long long total;
	size_t i;

	machine_cache(1);
	printf("cache: %s (at most %lld MiB)\n", opt.mcache,
	    opt.mcache_max >> 20);
	mcache_prune(opt.mcache, opt.mcache_max, NULL, "machines");
	total = mcache_list(opt.mcache, stdout);
	printf("total: %lld MiB\n", total >> 20);
	if (opt.runkey[0] == '\0')
		return 0;
	for (i = 0; i < np; i++) {
		fw = boot_args(&profs[i], "resume=1");
		if (machine_key(opt.runkey, &opt.mrun, &profs[i], fw, hex, why,
		    sizeof(why)) == -1)
			die2("%s", why);
		free(fw);
		entry = xasprintf("%s/%s", opt.mcache, hex);
		printf("%s\t%s\t%s\n", profs[i].name, hex,
		    access(entry, F_OK) == 0 ? "kept" : "not kept");
		free(entry);
	}
	return 0;
}

/* Every profile, at most opt.jobs at once (one child each); the number
   that failed. */
static int
run_all(const struct profile *profs, size_t np, const char *iso)
{
	size_t i, started = 0, running = 0;
	int st, failed = 0;

	if (opt.jobs == 1 || np == 1) {
		for (i = 0; i < np && !stop_signal; i++)
			if (run_profile(&profs[i], iso) != 0)
				failed++;
		return failed;
	}
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
	return failed;
}

/* A run: the kernel checked, the boot CD built, every profile booted,
   the results merged. */
static int
run_mode(const struct profile *profs, char **names, size_t np,
    const char *iso, struct expects *x)
{
	char started[32] = "-";
	time_t now;
	int failed, rv;

	if (opt.kernel == NULL || opt.modules.n == 0)
		usage();
	if (tools_check() > 0)
		return 2;
	check_kernel();
	if (mkdirs(opt.outdir) == -1)
		die2("%s: %s", opt.outdir, strerror(errno));
	machine_cache(0);
	build_iso(iso);
	now = time(NULL);
	strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%SZ",
	    gmtime(&now));
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, SIG_IGN);
	failed = run_all(profs, np, iso);
	x->kversion = opt.version;
	confirm_detectors(names, np);
	write_run(profs, names, np, started, opt.devices != NULL ||
	    opt.contexts != NULL);
	rv = merge_report(names, np, x, failed);
	if (stop_signal) {
		fprintf(stderr, "strategy-run: interrupted\n");
		rv = 1;
	}
	return rv;
}

int
main(int argc, char **argv)
{
	struct profile *profs;
	struct expects x = { 0 };
	char err[4096], *iso, **names, *dir;
	size_t i, np;
	int rv;

	parse_options(argc, argv);
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
	if (opt.logs.n > 0)
		return replay_mode(&x);
	if (opt.profiles.n == 0 && !opt.machines)
		usage();
	np = opt.profiles.n;
	profs = load_profiles(np, &names);
	iso = xasprintf("%s/%s", opt.outdir, ISO_NAME);
	dir = selfdir();
	disk_mkffs = xasprintf("%s/../init/mkffs.sh", dir);
	free(dir);
	if (opt.machines)
		return machines_mode(profs, np);
	if (opt.prepare)
		return prepare(profs, np);
	if (opt.printcmd)
		return print_commands(profs, names, np, iso);
	rv = run_mode(profs, names, np, iso, &x);
	for (i = 0; i < np; i++)
		profile_free(&profs[i]);
	free(profs);
	free(names);
	free(iso);
	expects_free(&x);
	return rv;
}
