/*
 * runner.c - what the parts of strategy-run share: the signal that stops
 * a run, the clock, the error exit, and where a profile named without a
 * path is found.
 */
#include "runner.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t stop_signal;

long
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec;
}

double
now_d(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Directory of this executable, for the default mkimage.sh / profiles. */
char *
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

char *
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

void
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

void
on_signal(int sig)
{
	stop_signal = sig;
	if (guest_pid > 0)
		kill(guest_pid, SIGKILL);
}
