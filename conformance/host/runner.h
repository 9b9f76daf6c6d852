/*
 * runner.h - the parts of strategy-run and what they share: the options
 * main sets (one structure, read by the parts), the signal that stops a
 * run, a profile's timing, and each part's entry points.  Not part of
 * librunner.a: these are the program, the library is what it drives.
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

struct options {
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
	int fresh;		/* -F: no machine an earlier run saved */
	int machines;		/* -M: the saved machines kept across runs */
	/* Saved machines kept across runs (machcache.h): the run's part
	   of their keys ("" when the cache is not used), the cache and
	   its bound in bytes. */
	char runkey[65];
	struct machine_run mrun;
	char *mcache;
	long long mcache_max;
};

extern struct options opt;
/* the signal that stops the run (SIGINT, SIGTERM, SIGHUP), or 0 */
extern volatile sig_atomic_t stop_signal;

/* Where a profile's time went. */
struct timing {
	int boots, restores, saves;
	int cached;		/* restores of a machine an earlier run saved */
	int machine;		/* which machine of the profile (0: the first) */
	double boot_s, restore_s, save_s, cases_s, wait_s, total_s;
	double keep_s;		/* copying the saved machine into the cache */
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
char *boot_args(const struct profile *, const char *head);
/* first=N and the cases that took earlier boots down. */
char *case_args(const struct session *, long first);
/* The console of boot N of a profile, into dir/console.N.log. */
int boot_log(struct guest *, const char *dir, int boot);
int autoconf_stuck(const struct profile *, const struct guest *,
    struct session *, long last, long *left);
void follow(const struct profile *, struct guest *, struct session *,
    int hang, int mon, enum boot_end *how, struct timing *,
    double *ktap_at);
int start_qemu(const struct profile *, const char *dir, const char *iso,
    const char *fw, const char *snapdir, int boot, int paused,
    struct guest *);
int boot_once(const struct profile *, const char *dir, const char *iso,
    struct session *, long first, int hang, enum boot_end *how,
    struct timing *);

/* resume.c */
int run_resumed(const struct profile *, const char *dir, const char *iso,
    struct session *, long *firstp, int hang, int *boots,
    struct timing *);

/* machine.c */
int make_disks(const struct profile *, const char *dir, char *why,
    size_t whylen);
int make_snap_disks(const struct profile *, const char *dir, char *why,
    size_t whylen);
/* The guest's PID 1 never started the checker: its rows say so. */
void init_rows_crashed(const struct profile *, struct session *);
/* Run one profile to its end.  0 ok, 3 a boot never started the checker,
   4 could not run at all. */
int run_profile(const struct profile *, const char *iso);

/* results.c */
int write_session(const struct session *, const char *dir);
void write_error(const char *dir, const char *msg);
void write_timing(const struct profile *, const char *dir,
    const struct timing *);
void write_run(const struct profile *, char **names, size_t n,
    const char *started, int partial);

/* merge.c */
void kernel_detectors(void);
void confirm_detectors(char **names, size_t n);
/* Merge the profiles' results, apply expectations, write and print;
   the exit status. */
int merge_report(char **names, size_t n, const struct expects *,
    int failed);
/* -J: a kernel's results judged again. */
int rejudge(const char *dir, struct expects *);

/* replay.c */
/* -L: the recorded consoles as the boots of profile name. */
int replay(const char *name);

#endif
