/*
 * guest.h - one QEMU process and its serial console: start it, read the
 * console into a session (with progress on stderr and answers to a ddb
 * prompt), log every boot's console to its own file, stop it.
 */
#ifndef STRATEGY9_GUEST_H
#define STRATEGY9_GUEST_H

#include <sys/types.h>
#include "session.h"

#define GUEST_BUFSZ	16384

struct guest {
	const char *prof;	/* profile name, for messages */
	pid_t pid;
	int out;		/* QEMU's stdout: the console */
	int in;			/* QEMU's stdin: console input */
	int logfd;		/* console.N.log of the current boot */
	int prompts;		/* ddb prompts answered in this boot */
	int ddb_over;		/* ddb printed the backtrace and waits */
	int no_reboot;		/* leave ddb waiting: the boot is restored */
	int ready;		/* the checker's ready line was seen */
	char errpath[1024];	/* QEMU's stderr: its trace events */
	char buf[GUEST_BUFSZ + 1];
	size_t len;
};

/* The QEMU being run, for a signal handler to kill. */
extern volatile pid_t guest_pid;

/* Starts argv with its console on pipes; QEMU's stderr to errpath.
   -1 on failure. */
int guest_start(struct guest *, const char *prof, char *const *argv,
    const char *errpath);
/* Console of a new boot to path (the previous one is closed).  -1 on
   failure. */
int guest_log(struct guest *, const char *path);
/* Reads what the console has within ms milliseconds and feeds its lines
   to s.  Bytes read, 0 if nothing came, -1 at the end of the console. */
long guest_read(struct guest *, struct session *, int ms);
/* What an earlier boot printed (a saved machine's console up to its
   save), as if the console said it now: into the log and the session. */
void guest_replay(struct guest *, struct session *, const char *text,
    size_t len);
/* What a stopped guest printed and the console has not yet given, read
   into the session like the rest, until the console is quiet. */
void guest_read_rest(struct guest *, struct session *);
/* A stopped guest's last bytes are in the pipe already (guest.c): this
   long without one, there is none. */
#define GUEST_STOPPED_QUIET_MS	50
/* What the console still has of a boot that ended (a stopped guest's last
   bytes in the pipe): into its log, not into the session.  Waits up to ms
   for the console to fall silent. */
void guest_drain(struct guest *, int ms);
/* Kills QEMU if it still runs, and reaps it.  Returns its wait status,
   or -1. */
int guest_stop(struct guest *, int kill_it);

#endif
