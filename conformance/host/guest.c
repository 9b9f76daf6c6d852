/*
 * guest.c - one QEMU process and its serial console.  The console is read
 * line by line into the session, each event shown by progress.c; a
 * ddb(4) prompt (a kernel that stops in the debugger on a panic) is
 * answered so that the backtrace is printed and the guest goes down;
 * every boot's console goes to its own log.
 */
#include "guest.h"
#include "progress.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

volatile pid_t guest_pid = -1;

static void
feed(struct guest *g, struct session *s, char *line)
{
	enum session_event ev = session_feed(s, line);

	if (ev == SE_READY)
		g->ready = 1;
	progress_event(g->prof, s, ev);
}

/* Feed the complete lines of the buffer; keep a partial line. */
static void
feed_buf(struct guest *g, struct session *s)
{
	char *p = g->buf, *nl;

	while ((nl = memchr(p, '\n', g->len - (size_t)(p - g->buf))) !=
	    NULL) {
		*nl = '\0';
		feed(g, s, p);
		p = nl + 1;
	}
	g->len -= (size_t)(p - g->buf);
	memmove(g->buf, p, g->len);
	if (g->len > 8192) {	/* an endless line: take it as it is */
		g->buf[g->len] = '\0';
		feed(g, s, g->buf);
		g->len = 0;
	}
}

/*
 * A kernel that enters ddb(4) on a panic (a release GENERIC does) waits
 * at "db{0}> ", a line without its newline.
 */
static int
ddb_prompt(const char *buf, size_t len)
{
	const char *p;

	if (len < 7 || buf[len - 1] != ' ' || buf[len - 2] != '>' ||
	    buf[len - 3] != '}')
		return 0;
	for (p = buf + len - 4; p > buf && isdigit((unsigned char)*p); p--)
		continue;
	return p - buf >= 2 && p[0] == '{' && p[-1] == 'b' && p[-2] == 'd';
}

static void
say(struct guest *g, const struct session *s, const char *what)
{
	if (write(g->in, what, strlen(what)) != (ssize_t)strlen(what))
		fprintf(stderr, "[%s] boot %d: cannot write to the console\n",
		    g->prof, s->boot);
}

/*
 * The first prompt gets "bt", whose frames the session reads as it
 * reads a backtrace printed on a panic; the next gets "reboot", which
 * ends the boot (QEMU exits or pauses), so that the run goes on at the
 * next case.  ddb's pager waits at "--db_more--" for a key.
 */
static void
ddb(struct guest *g, const struct session *s)
{
	const char *cmd;

	if (g->len >= 11 && memcmp(g->buf + g->len - 11, "--db_more--",
	    11) == 0) {
		say(g, s, " ");
		return;
	}
	if (!ddb_prompt(g->buf, g->len))
		return;
	cmd = ++g->prompts == 1 ? "bt" : g->prompts == 2 ? "reboot" : NULL;
	if (g->prompts >= 2)
		g->ddb_over = 1;
	if (cmd == NULL || (g->ddb_over && g->no_reboot))
		return;
	fprintf(stderr, "[%s] boot %d: ddb prompt: sending \"%s\"\n", g->prof,
	    s->boot, cmd);
	say(g, s, cmd);
	say(g, s, "\r");
}

int
guest_start(struct guest *g, const char *prof, char *const *argv,
    const char *errpath)
{
	int out[2], in[2], errfd;
	pid_t pid;

	memset(g, 0, sizeof(*g));
	g->prof = prof;
	g->pid = -1;
	g->out = g->in = g->logfd = -1;
	if (pipe(out) == -1)
		goto fail;
	if (pipe(in) == -1) {
		close(out[0]);
		close(out[1]);
		goto fail;
	}
	snprintf(g->errpath, sizeof(g->errpath), "%s", errpath);
	errfd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	fflush(NULL);
	if ((pid = fork()) == -1) {
		close(out[0]);
		close(out[1]);
		close(in[0]);
		close(in[1]);
		if (errfd != -1)
			close(errfd);
		goto fail;
	}
	if (pid == 0) {
		/* The serial console: ddb(4)'s prompt is answered. */
		dup2(in[0], 0);
		dup2(out[1], 1);
		if (errfd != -1)
			dup2(errfd, 2);
		close(out[0]);
		close(out[1]);
		close(in[0]);
		close(in[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "strategy-run: %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	close(out[1]);
	close(in[0]);
	if (errfd != -1)
		close(errfd);
	g->pid = guest_pid = pid;
	g->out = out[0];
	g->in = in[1];
	return 0;
fail:
	fprintf(stderr, "strategy-run: cannot start QEMU: %s\n",
	    strerror(errno));
	return -1;
}

int
guest_log(struct guest *g, const char *path)
{
	if (g->logfd != -1)
		close(g->logfd);
	g->prompts = 0;
	g->ddb_over = 0;
	/*
	 * A line the last boot left unfinished (a restore stops the guest
	 * as soon as its backtrace is out) is not the start of this boot's
	 * first line; the old log has its bytes.
	 */
	g->len = 0;
	g->logfd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (g->logfd == -1) {
		fprintf(stderr, "strategy-run: %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

long
guest_read(struct guest *g, struct session *s, int ms)
{
	struct pollfd pf = { .fd = g->out, .events = POLLIN };
	ssize_t n;

	if (poll(&pf, 1, ms) == -1)
		return errno == EINTR ? 0 : -1;
	if (pf.revents == 0)
		return 0;
	n = read(g->out, g->buf + g->len, GUEST_BUFSZ - g->len);
	if (n == -1 && errno == EINTR)
		return 0;
	if (n <= 0) {
		if (g->len > 0) {	/* the last line, unterminated */
			g->buf[g->len] = '\0';
			feed(g, s, g->buf);
			g->len = 0;
		}
		return -1;
	}
	if (g->logfd != -1 && write(g->logfd, g->buf + g->len, (size_t)n) !=
	    n)
		fprintf(stderr, "strategy-run: console log: write error\n");
	g->len += (size_t)n;
	feed_buf(g, s);
	ddb(g, s);
	return (long)n;
}

void
guest_replay(struct guest *g, struct session *s, const char *text,
    size_t len)
{
	size_t k;

	if (g->logfd != -1 && write(g->logfd, text, len) != (ssize_t)len)
		fprintf(stderr, "strategy-run: console log: write error\n");
	while (len > 0) {
		k = GUEST_BUFSZ - g->len < len ? GUEST_BUFSZ - g->len : len;
		memcpy(g->buf + g->len, text, k);
		g->len += k;
		text += k;
		len -= k;
		feed_buf(g, s);
	}
}

/*
 * What a stopped guest printed before it stopped may still be on its
 * way (QEMU's character device, the pipe): read and judge it all, so
 * that a panic is judged from its whole backtrace.  Its serial port
 * hands each byte to the character device as the guest writes it, so
 * once "stop" has returned only the pipe holds any: quiet for
 * GUEST_STOPPED_QUIET_MS ends it (a restore follows every panic, so
 * the quiet is paid hundreds of times a run), REST_MAX_MS at the most.
 */
#define REST_MAX_MS	3000
void
guest_read_rest(struct guest *g, struct session *s)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (guest_read(g, s, GUEST_STOPPED_QUIET_MS) <= 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 +
	    (t.tv_nsec - t0.tv_nsec) / 1000000 < REST_MAX_MS);
}

void
guest_drain(struct guest *g, int ms)
{
	struct pollfd pf = { .fd = g->out, .events = POLLIN };
	char tmp[4096];
	ssize_t n;

	while (poll(&pf, 1, ms) > 0 && (pf.revents & POLLIN) != 0) {
		if ((n = read(g->out, tmp, sizeof(tmp))) <= 0)
			break;
		if (g->logfd != -1 && write(g->logfd, tmp, (size_t)n) != n)
			fprintf(stderr, "strategy-run: console log: write "
			    "error\n");
	}
	g->len = 0;
}

int
guest_stop(struct guest *g, int kill_it)
{
	int st = -1;

	if (g->pid > 0) {
		if (kill_it)
			kill(g->pid, SIGKILL);
		while (waitpid(g->pid, &st, 0) == -1 && errno == EINTR)
			;
	}
	g->pid = guest_pid = -1;
	if (g->out != -1)
		close(g->out);
	if (g->in != -1)
		close(g->in);
	if (g->logfd != -1)
		close(g->logfd);
	g->out = g->in = g->logfd = -1;
	return st;
}
