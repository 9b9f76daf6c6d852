/*
 * monitor.c - a client of QEMU's machine protocol (QMP) on a unix socket.
 * QMP answers every command with one JSON line, {"return": ...} or
 * {"error": ...}, between which it may send {"event": ...} lines; the
 * human monitor's commands (savevm, loadvm, info status) run through
 * "human-monitor-command", whose return is the text HMP would print.
 * QMP rather than HMP because only QMP has set-action: a guest reset must
 * be a reset while the runner restores, and a shutdown otherwise.
 */
#include "monitor.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
unix_connect(const char *path, int ms)
{
	struct sockaddr_un sun;
	long until = now_ms() + ms;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sun.sun_path, path);
	for (;;) {
		if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
			return -1;
		if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
			return fd;
		close(fd);
		if ((errno != ENOENT && errno != ECONNREFUSED) ||
		    now_ms() > until)
			return -1;
		usleep(20000);	/* QEMU is still starting */
	}
}

/* One line from fd (without its end), within the deadline.  -1 if none. */
static int
read_line(int fd, char *buf, size_t len, long until)
{
	size_t n = 0;
	char c;

	for (;;) {
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		long left = until - now_ms();

		if (left <= 0 || poll(&pf, 1, (int)left) <= 0)
			return -1;
		if (read(fd, &c, 1) != 1)
			return -1;
		if (c == '\n') {
			if (n > 0 && buf[n - 1] == '\r')
				n--;
			buf[n] = '\0';
			return 0;
		}
		if (n + 1 < len)
			buf[n++] = c;
	}
}

/*
 * The answer to the command just sent: the first line that is not an
 * event.  Into out goes the error's description, or the return value,
 * a JSON string unescaped.  1 for a return, 0 for an error, -1 if none
 * came in time.
 */
static int
answer(int fd, char *out, size_t len, int ms)
{
	char line[8192], *p, *o;
	long until = now_ms() + ms;
	int ok;

	for (;;) {
		if (read_line(fd, line, sizeof(line), until) == -1)
			return -1;
		if (strncmp(line, "{\"event\"", 8) == 0 ||
		    strncmp(line, "{\"timestamp\"", 12) == 0)
			continue;
		ok = strncmp(line, "{\"return\"", 9) == 0;
		if (!ok && strncmp(line, "{\"error\"", 8) != 0)
			continue;
		break;
	}
	out[0] = '\0';
	if (!ok)
		p = strstr(line, "\"desc\": \"");
	else
		p = strstr(line, "{\"return\": \"");
	if (p == NULL)
		return ok;
	p = strchr(strchr(p, ':') + 1, '"') + 1;
	for (o = out; *p != '\0' && *p != '"' && o + 1 < out + len; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			*o++ = *p == 'n' ? '\n' : *p == 'r' ? '\r' :
			    *p == 't' ? '\t' : *p;
		} else
			*o++ = *p;
	}
	*o = '\0';
	return ok;
}

static int
send_str(int fd, const char *s)
{
	size_t n = strlen(s);

	return write(fd, s, n) == (ssize_t)n ? 0 : -1;
}

int
mon_open(const char *path, int ms)
{
	char line[4096], out[256];
	int fd = unix_connect(path, ms);

	if (fd == -1)
		return -1;
	/* The greeting, then capabilities negotiation. */
	if (read_line(fd, line, sizeof(line), now_ms() + ms) == -1 ||
	    strstr(line, "\"QMP\"") == NULL ||
	    send_str(fd, "{\"execute\": \"qmp_capabilities\"}\n") == -1 ||
	    answer(fd, out, sizeof(out), ms) != 1) {
		close(fd);
		errno = EPROTO;
		return -1;
	}
	return fd;
}

int
mon_qmp(int fd, const char *json, char *out, size_t len, int ms)
{
	int r;

	if (send_str(fd, json) == -1 || send_str(fd, "\n") == -1)
		return -1;
	r = answer(fd, out, len, ms);
	return r == -1 ? -1 : r == 1 ? 0 : 1;
}

int
mon_cmd(int fd, const char *cmd, char *out, size_t len, int ms)
{
	char json[512], esc[256], *e = esc;
	const char *c;

	for (c = cmd; *c != '\0' && e + 2 < esc + sizeof(esc); c++) {
		if (*c == '"' || *c == '\\')
			*e++ = '\\';
		*e++ = *c;
	}
	*e = '\0';
	snprintf(json, sizeof(json), "{\"execute\": \"human-monitor-command\", "
	    "\"arguments\": {\"command-line\": \"%s\"}}", esc);
	switch (mon_qmp(fd, json, out, len, ms)) {
	case -1:
		return -1;
	case 1: {	/* QMP refused the command itself */
		char why[256];

		snprintf(why, sizeof(why), "%s", out);
		snprintf(out, len, "Error: %s", why);
		return 0;
	}
	default:
		return 0;
	}
}

int
mon_failed(const char *out)
{
	return strstr(out, "Error") != NULL || strstr(out, "error") != NULL ||
	    strstr(out, "unknown command") != NULL ||
	    strstr(out, "does not support") != NULL;
}

int
mon_try(int mon, const char *cmd, int ms, char *why, size_t whylen)
{
	char out[4096];

	if (mon_cmd(mon, cmd, out, sizeof(out), ms) == -1) {
		snprintf(why, whylen, "QEMU's monitor did not answer \"%s\" "
		    "within %d s", cmd, ms / 1000);
		return -1;
	}
	if (mon_failed(out)) {
		char *c;
		size_t n;

		for (c = out; *c != '\0'; c++)	/* one line */
			if (*c == '\n' || *c == '\r')
				*c = ' ';
		for (n = strlen(out); n > 0 && out[n - 1] == ' '; n--)
			out[n - 1] = '\0';
		snprintf(why, whylen, "\"%s\": %s", cmd, out);
		return -1;
	}
	return 0;
}

/* One command on the monitor; a failure is reported with its answer. */
int
mon_do(const char *who, int mon, const char *cmd, int ms)
{
	char out[4096];

	if (mon_cmd(mon, cmd, out, sizeof(out), ms) == -1) {
		fprintf(stderr, "[%s] warning: QEMU's monitor did not answer "
		    "\"%s\" within %d s\n", who, cmd, ms / 1000);
		return -1;
	}
	if (mon_failed(out)) {
		fprintf(stderr, "[%s] warning: \"%s\": %s\n", who, cmd,
		    out);
		return -1;
	}
	return 0;
}

/* QEMU's action on a guest reset: "shutdown" (pause) or "reset". */
static int
mon_reboot_action(const char *who, int mon, const char *action)
{
	char json[128], out[256];

	snprintf(json, sizeof(json), "{\"execute\": \"set-action\", "
	    "\"arguments\": {\"reboot\": \"%s\"}}", action);
	if (mon_qmp(mon, json, out, sizeof(out), 10000) != 0) {
		fprintf(stderr, "[%s] warning: set-action reboot=%s: %s\n",
		    who, action, out);
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
int
mon_reset(const char *who, int mon)
{
	char out[256];
	int i;

	if (mon_reboot_action(who, mon, "reset") == -1 ||
	    mon_do(who, mon, "system_reset", 10000) == -1)
		return -1;
	for (i = 0; i < 100; i++) {
		if (mon_cmd(mon, "info status", out, sizeof(out), 2000) == -1)
			return -1;
		if (strstr(out, "shutdown") == NULL)
			return mon_reboot_action(who, mon, "shutdown");
		usleep(20000);
	}
	fprintf(stderr, "[%s] warning: the guest is not reset after 2 s: "
	    "%s\n", who, out);
	return -1;
}
