/*
 * progress.c - what the runner says on stderr while a boot's console is
 * read: one line per event (the checker started, its plan, a panic, done)
 * and, on a terminal only, one line that rewrites itself with the running
 * case, the counts so far and an estimate of the time left.  A log gets
 * the events and not the rewritten line.
 */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
progress_event(const char *prof, struct session *s, enum session_event ev)
{
	long c[V_FAIL + 1];
	const struct kcase *k = &s->pending;
	char eta[64];
	double now;

	if (ev != SE_CASE_START && ev != SE_NONE && s->progress_line) {
		fputc('\n', stderr);	/* events below the progress line */
		s->progress_line = 0;
	}
	switch (ev) {
	case SE_KTAP:
		fprintf(stderr, "[%s] boot %d: checker started\n", prof,
		    s->boot);
		break;
	case SE_PLAN:
		fprintf(stderr, "[%s] boot %d: %ld cases, starting at %ld\n",
		    prof, s->boot, s->plan, s->first);
		break;
	case SE_CASE_START:
		/* One line that rewrites itself on a terminal; nothing for
		   a log, which has the events and the results. */
		if (!isatty(2))
			break;
		now = now_mono();
		if (s->progress_t0 == 0 || k->num < s->progress_n0) {
			s->progress_t0 = now;
			s->progress_n0 = k->num;
		}
		session_counts(s, c);
		eta[0] = '\0';
		if (k->num > s->progress_n0 && s->plan >= k->num)
			snprintf(eta, sizeof(eta), ", about %.0f s left",
			    (now - s->progress_t0) / (double)(k->num -
			    s->progress_n0) * (double)(s->plan - k->num));
		fprintf(stderr, "\r[%s] %s %d: case %ld of %ld, %.0f s%s "
		    "(%ld pass, %ld fail, %ld skip, %ld broken) %s\033[K",
		    prof, s->restored ? "restore" : "boot", s->boot, k->num,
		    s->plan, now - s->progress_t0, eta, c[V_PASS], c[V_FAIL],
		    c[V_SKIP], c[V_BROKEN], k->name);
		s->progress_line = 1;
		break;
	case SE_PANIC:
		fprintf(stderr, "[%s] boot %d: guest %s\n", prof, s->boot,
		    s->panic);
		break;
	case SE_DONE:
		fprintf(stderr, "[%s] boot %d: checker done\n", prof, s->boot);
		break;
	default:
		break;
	}
}
