/*
 * runner.h - the parts of strategy-run and what they share: the options
 * main parsed and the kernel under test (each passed to the parts that
 * need them), the signal that stops a run, a profile's timing, and each
 * part's entry points.  Not part of librunner.a: these are the program,
 * the library is what it drives.
 */
#ifndef STRATEGY9_RUNNER_H
#define STRATEGY9_RUNNER_H

#include <signal.h>
#include <stddef.h>

#include "guest.h"
#include "machkey.h"
#include "profile.h"
#include "report.h"
#include "session.h"
#include "util.h"

#define ISO_NAME "strategy9.iso"

/*
 * What main parsed from the command line.  main owns it; each part is
 * given a pointer to it (or the few fields it needs) and never changes
 * it, so that a function's signature says what it depends on.
 */
enum mode {
	M_RUN,		/* boot the profiles (the default) */
	M_ARGV,		/* print each profile's QEMU command */
	M_DISKS,	/* make each profile's disks, boot nothing */
	M_CHECK,	/* the preflight: versions, programs */
	M_PARSE,	/* replay recorded consoles (the operands) */
	M_COMPARE,	/* kernels' results side by side (the operands) */
	M_JUDGE,	/* a kernel's results judged again (operand) */
	M_MACHINES	/* the saved machines kept across runs */
};

struct options {
	enum mode mode;		/* the first word */
	struct strvec args;	/* its operands: consoles or directories */
	const char *kernel, *outdir, *expected, *mkimage, *qemu;
	const char *init;	/* -i: the guest's PID 1 (conformance/init) */
	const char *devices, *contexts;	/* the selection, or NULL: all */
	const char *extra;	/* -A: more arguments for the checker */
	struct strvec modules, profiles;
	int hang, maxboots, jobs, keep;
	const char *slots;	/* -J: job slots shared with other runs */
	int cold;		/* -R: cold boots only, no restores */
	int fresh;		/* -F: no machine an earlier run saved */
	/* Saved machines kept across runs (machcache.h): the run's part
	   of their keys ("" when the cache is not used), the cache and
	   its bound in bytes. */
	char runkey[65];
	struct machine_run mrun;
	char *mcache;
	long long mcache_max;
};

/*
 * The kernel under test, as the run learns it: from the kernel file
 * (a run), the checker's header (a replay without -k) or run.tsv (a run
 * judged again).  Its release names the results.
 */
struct kernel_facts {
	char release[64];	/* the kernel's, e.g. 10.99.12 */
	long version;		/* its __NetBSD_Version__, 0: not known */
	int detectors;		/* its DET_* (detectors.h), or DET_UNKNOWN */
	int guestdet;		/* what the guest confirmed, or that */
};

/* the signal that stops the run (SIGINT, SIGTERM, SIGHUP), or 0 */
extern volatile sig_atomic_t stop_signal;

/* Where a profile's time went. */
struct timing {
	int boots, restores, saves;
	int cached;		/* restores of a machine an earlier run saved */
	int machine;		/* which machine of the profile (0: the first) */
	double boot_s, restore_s, save_s, cases_s, wait_s, total_s;
	double keep_s;		/* copying the saved machine into the cache */
	/* follow's last wait: a boot's, when the checker never started
	   (its callers keep it out of the boot's time) */
	double last_wait_s;
};

/* runner.c */
void die2(const char *fmt, ...) __attribute__((format(printf, 1, 2),
    noreturn));
void on_signal(int);
/* Directory of this executable, for the default mkimage.sh / profiles. */
char *selfdir(void);
/* A profile file, or a name in qemu-images/profiles/<name>.profile. */
char *find_profile(const char *arg);
long now_s(void);
double now_d(void);

/* boot.c */
/* The checker's arguments of one boot, beside the profile's own. */
char *boot_args(const struct options *, const struct profile *,
    const char *head);
/* first=N and the cases that took earlier boots down. */
char *case_args(const struct session *, long first);
/* The console of boot N of a profile, into dir/console.N.log. */
int boot_log(struct guest *, const char *dir, int boot);
int autoconf_stuck(const struct profile *, const struct guest *,
    struct session *, long last, long *left);
void follow(const struct profile *, struct guest *, struct session *,
    int hang, int mon, enum boot_end *how, struct timing *,
    double *ktap_at);
int start_qemu(const struct options *, const struct profile *,
    const char *dir, const char *iso, const char *fw, const char *snapdir,
    int boot, int paused, struct guest *);
int boot_once(const struct options *, const struct profile *,
    const char *dir, const char *iso, struct session *, long first,
    int hang, enum boot_end *how, struct timing *);

/* resume.c */
int run_resumed(const struct options *, const struct profile *,
    const char *dir, const char *iso, struct session *, long *firstp,
    int hang, int *boots, struct timing *);

/* machine.c */
int make_disks(const struct profile *, const char *dir, char *why,
    size_t whylen);
int make_snap_disks(const struct profile *, const char *dir, char *why,
    size_t whylen);
/* The guest's PID 1 never started the checker: its rows say so. */
void init_rows_crashed(const struct profile *, struct session *);
/* Run one profile to its end.  0 ok, 3 a boot never started the checker,
   4 could not run at all. */
int run_profile(const struct options *, struct kernel_facts *,
    const struct profile *, const char *iso);

/* results.c */
/* A session's cases.tsv and devices.tsv; the kernel's release, when
   not known yet, from the checker's header. */
int write_session(const struct session *, const char *dir,
    struct kernel_facts *);
void write_error(const char *dir, const char *msg);
void write_timing(const struct profile *, const char *dir,
    const struct timing *);
void write_run(const struct options *, const struct kernel_facts *,
    const struct profile *, char **names, size_t n, const char *started,
    int partial);

/* merge.c */
/* What the kernel file says it can detect, into k->detectors. */
void kernel_detectors(const char *kernel, struct kernel_facts *);
/* What the profiles' guests saw, from outdir/<name>/checker.txt. */
void confirm_detectors(const char *outdir, char **names, size_t n,
    struct kernel_facts *);
/* Merge the profiles' results, apply expectations, write and print;
   the exit status. */
int merge_report(const char *outdir, const struct kernel_facts *,
    char **names, size_t n, const struct expects *, int failed);
/* judge: a kernel's results judged again. */
int rejudge(const char *dir, struct expects *);

/* replay.c */
/* parse: the recorded consoles (o->args) as the boots of profile name. */
int replay(const struct options *, struct kernel_facts *, const char *name);

#endif
