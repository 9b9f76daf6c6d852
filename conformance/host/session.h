/*
 * session.h - the results of one profile: the checker's cases, followed
 * over one or more boots of the guest.
 *
 * The runner feeds every console line of a boot to session_feed(), then
 * tells session_boot_end() how the boot ended (QEMU exited, or a hang).
 * session_boot_end() settles the running case (panic, hang, truncation)
 * and returns the case to start the next boot at (0: no further boot).
 * session_finish() gives every case still without a result a "broken"
 * verdict, so that every case of the plan ends with a verdict and reason.
 */
#ifndef STRATEGY9_SESSION_H
#define STRATEGY9_SESSION_H

#include <stddef.h>
#include "util.h"
#include "verdict.h"

struct result {
	char *clause;
	enum verdict v;
	char *detail;
};

struct kcase {
	long num;
	int done;		/* has its final results */
	int boot;		/* boot that produced them */
	char *name, *device, *context, *op, *on_panic;
	char *watch;		/* what the watcher saw while it ran */
	struct strvec clauses;	/* announced */
	struct result *res;
	size_t nres;
};

struct kdevice {
	char *name, *attach;
	char *chain;		/* "sd0<scsibus0<umass0<...", or NULL */
	char *row;		/* the profile's row it answers: the bus
				   ("usb-xhci"), the PID 1's unit ("vnd1",
				   "dk-on-vnd0"); NULL: its own name.  Stable
				   where unit numbers move with attach order:
				   expectations and levels are keyed by it */
};

/* One line of cases.tsv. */
struct row {
	long num;
	char *device, *context, *op, *clause, *detail;
	enum verdict v;
};

enum boot_end { BE_EXIT, BE_HANG };

/* what session_feed saw */
enum session_event {
	SE_NONE, SE_READY, SE_KTAP, SE_PLAN, SE_CASE_START, SE_CASE_END,
	SE_PANIC,
	SE_DONE
};

#define SESSION_LASTLINES 8

struct session {
	long plan;		/* number of cases (largest plan seen) */
	struct kcase *cases;	/* cases[1..plan] */
	size_t ncases;		/* allocated entries */
	struct kdevice *devs;
	size_t ndevs;
	char *header;		/* "version=1 built-for=..." */

	/* the current boot */
	int boot;
	long first, next;
	int ktap, done, panicked, in_case;
	long completed, last_done;
	struct kcase pending;
	char panic[1024];	/* panic line, then " < frame" ... */
	int nframes;
	int fault;		/* "fatal ... fault" seen in this boot */
	int going_down;		/* a fault, a lock error or a panic began:
				   the case's results that its completions
				   decide are no longer taken */
	int panic_over;		/* the backtrace has ended: the guest has
				   nothing more to say in this boot */
	int rebooting;		/* after the panic: "rebooting...", the
				   last line (no ddb prompt follows it) */
	int panic_cpu;		/* the CPU that printed the backtrace
				   ("cpu1: Begin traceback", "db{1}>"),
				   or -1 */
	int intr_cpu;		/* the CPU the checker's hard interrupt
				   runs on (its header's intrcpu=), or -1 */
	char *last[SESSION_LASTLINES];
	int nlast;

	int stuck;		/* before KTAP: GRUB gave up, or the kernel
				   asks for a root device (see stuck_line) */
	char stuck_line[256];

	/* Cases that took a boot down (a panic or hang in the case, or the
	   checker's request for a fresh boot after it), as "a,b,c": the
	   guest skips the rest of a device/context group that did so
	   twice. */
	char down[1024];

	/* The boot's autoconfiguration: "xhci0" of every "xhci0 at pci0
	   ..." line, and the rows without a device ("# absent" lines of
	   the guest, and the profile's rows that found none), each
	   "device\tattachment\treason". */
	struct strvec attached, absent;	/* attached: "xhci0 pci0" */
	/* Autoconfiguration did not end: the first device it waits for
	   ("waiting for devices: scsibus3 ..."), or "". */
	char blocker[32];

	/* the runner's progress line: since when, from which case; is it
	   on the terminal now; is this boot a restore */
	double progress_t0;
	long progress_n0;
	int progress_line, restored;

	int fatal;		/* a boot never started KTAP */
	char error[4096];
};

/* Before the checker starts: the SCSI bus autoconfiguration is stuck on
   if it is ("scsibus3 mfi0": it and every bus after it attached nothing),
   else NULL. */
const char *session_pending_bus(const struct session *);
/* Autoconfiguration is stuck on bus: the blocker and the stuck line,
   how saying what showed it ("12 s of silence"). */
void session_autoconf_stuck(struct session *, const char *bus,
    const char *how);
/* The checker has not started within secs of the boot: the boot is stuck
   (the runner's clock says so, not the console). */
void session_checker_late(struct session *, int secs);
void session_init(struct session *);
void session_free(struct session *);
void session_boot_begin(struct session *, long first);
enum session_event session_feed(struct session *, const char *line);
long session_boot_end(struct session *, enum boot_end, int hang_secs);
void session_finish(struct session *, const char *reason);
/* Counts of final verdicts over all results. */
void session_counts(const struct session *, long counts[V_FAIL + 1]);
/* A row that has no device: skipped in every context, for reason (the
   kernel lacks its driver, the profile or the guest's PID 1 says why). */
void session_absent(struct session *, const char *device,
    const char *attach, const char *reason);
/* A row that should have had a device and has none, for no reason
   anybody gave (it did not attach, autoconfiguration never ended, the
   PID 1 said nothing): broken in every context, unless an expectation
   says the row is skipped (strategy-run -e). */
void session_lost(struct session *, const char *device,
    const char *attach, const char *reason);
/* All result rows in case order, then the absent rows; returns the
   count. */
size_t session_rows(const struct session *, struct row **);
void rows_free(struct row *, size_t);

/* The clause a panic message names, or NULL (the case's on-panic clause
   applies). */
const char *panic_clause(const char *text);

/* The checker is ready and waits for its arguments on the second serial
   port (resume=1): the moment the host saves the machine. */
#define READY_LINE	"strategy-checker: ready: arguments on com1"

/* The checker's own request for a fresh boot (a stuck call, a dead
   context): not a verdict on the case that precedes it. */
#define RESTART_PANIC	"strategy-checker: restart"

#endif
