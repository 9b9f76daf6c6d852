/*
 * session.c - the cases of one profile over one or more boots: where each
 * case's results are kept, what a boot's end (a panic, a hang, QEMU's
 * exit, the checker's done) means for the case that was running and for
 * the next boot, and the rows the results become.  The console's lines
 * are read in console.c, a panic is attributed in panic.c.
 */
#include "session.h"
#include "session_int.h"
#include "context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kcase *
session_slot(struct session *s, long num)
{
	size_t n;

	if (num < 1)
		return NULL;
	if ((size_t)num >= s->ncases) {
		n = s->ncases ? s->ncases : 64;
		while (n <= (size_t)num)
			n *= 2;
		s->cases = xrealloc(s->cases, n * sizeof(*s->cases));
		memset(s->cases + s->ncases, 0,
		    (n - s->ncases) * sizeof(*s->cases));
		s->ncases = n;
	}
	if (num > s->plan)
		s->plan = num;
	s->cases[num].num = num;
	return &s->cases[num];
}

/* Store the pending case as case num (the first result of a case wins). */
void
session_commit(struct session *s, struct kcase *c, long num)
{
	struct kcase *dst = session_slot(s, num);

	if (dst == NULL || dst->done) {
		kcase_clear(c);
		return;
	}
	kcase_clear(dst);
	*dst = *c;
	dst->num = num;
	dst->done = 1;
	dst->boot = s->boot;
	memset(c, 0, sizeof(*c));
}

/* A case that produced nothing itself: one row with the reason. */
void
session_mark(struct session *s, long num, enum verdict v, const char *detail)
{
	struct kcase c;

	if (num < 1 || (num <= s->plan && s->cases[num].done))
		return;
	memset(&c, 0, sizeof(c));
	kcase_set(&c, "-", v, detail);
	session_commit(s, &c, num);
}

void
session_init(struct session *s)
{
	memset(s, 0, sizeof(*s));
	s->intr_cpu = s->panic_cpu = -1;
}

void
session_free(struct session *s)
{
	size_t i;

	for (i = 0; i < s->ncases; i++)
		kcase_clear(&s->cases[i]);
	free(s->cases);
	for (i = 0; i < s->ndevs; i++) {
		free(s->devs[i].name);
		free(s->devs[i].attach);
		free(s->devs[i].chain);
		free(s->devs[i].row);
	}
	free(s->devs);
	strvec_free(&s->attached);
	strvec_free(&s->absent);
	free(s->header);
	kcase_clear(&s->pending);
	for (i = 0; i < SESSION_LASTLINES; i++)
		free(s->last[i]);
	memset(s, 0, sizeof(*s));
}

void
session_boot_begin(struct session *s, long first)
{
	int i;

	s->boot++;
	s->first = s->next = first < 1 ? 1 : first;
	s->ktap = s->done = s->panicked = s->in_case = s->stuck = 0;
	s->fault = s->nframes = s->panic_over = s->going_down = 0;
	s->rebooting = 0;
	s->panic_cpu = -1;
	s->stuck_line[0] = '\0';
	s->blocker[0] = '\0';
	s->restored = 0;
	s->completed = s->last_done = 0;
	s->panic[0] = '\0';
	kcase_clear(&s->pending);
	for (i = 0; i < SESSION_LASTLINES; i++) {
		free(s->last[i]);
		s->last[i] = NULL;
	}
	s->nlast = 0;
}

void
session_add_device(struct session *s, const char *name, const char *attach,
    const char *chain)
{
	size_t i;

	for (i = 0; i < s->ndevs; i++)
		if (strcmp(s->devs[i].name, name) == 0) {
			free(s->devs[i].attach);
			s->devs[i].attach = xstrdup(attach);
			if (chain != NULL && *chain != '\0') {
				free(s->devs[i].chain);
				s->devs[i].chain = xstrdup(chain);
			}
			return;
		}
	s->devs = xrealloc(s->devs, (s->ndevs + 1) * sizeof(*s->devs));
	s->devs[s->ndevs].name = xstrdup(name);
	s->devs[s->ndevs].attach = xstrdup(attach);
	s->devs[s->ndevs].chain = chain != NULL && *chain != '\0' ?
	    xstrdup(chain) : NULL;
	s->devs[s->ndevs].row = NULL;
	s->ndevs++;
}

/* "device\tattach\treason\tskip|broken" */
static void
absent_row(struct session *s, const char *device, const char *attach,
    const char *reason, enum verdict v)
{
	char *line;
	size_t i, n = strlen(device);

	for (i = 0; i < s->absent.n; i++)
		if (strncmp(s->absent.v[i], device, n) == 0 &&
		    s->absent.v[i][n] == '\t')
			return;	/* said once: the first reason stands */
	line = xasprintf("%s\t%s\t%s\t%s", device, attach, reason,
	    verdict_name(v));
	strvec_push(&s->absent, line);
	free(line);
	session_add_device(s, device, attach, NULL);
}

void
session_absent(struct session *s, const char *device, const char *attach,
    const char *reason)
{
	absent_row(s, device, attach, reason, V_SKIP);
}

void
session_lost(struct session *s, const char *device, const char *attach,
    const char *reason)
{
	absent_row(s, device, attach, reason, V_BROKEN);
}

/* The running case ends broken, for why; returns its number. */
long
session_settle_pending(struct session *s, const char *why)
{
	long n = s->pending.num;

	kcase_fill(&s->pending, V_BROKEN, why);
	session_commit(s, &s->pending, n);
	s->in_case = 0;
	return n;
}

long
session_next_or_stop(const struct session *s, long next)
{
	return (s->plan > 0 && next > s->plan) ? 0 : next;
}

static void
mark_rest(struct session *s, long from, const char *reason)
{
	long n;

	for (n = from; n <= s->plan; n++)
		session_mark(s, n, V_BROKEN, reason);
}


void
session_note_down(struct session *s, long n)
{
	size_t len = strlen(s->down);

	if (n > 0 && len + 24 < sizeof(s->down))
		snprintf(s->down + len, sizeof(s->down) - len, "%s%ld",
		    len ? "," : "", n);
}

/*
 * A boot that never printed "KTAP version 1": the run cannot go on
 * (s->fatal, with the last console lines in s->error), and every case
 * not yet run says so.
 */
static long
never_started(struct session *s, enum boot_end how)
{
	const char *bus;
	char why[1200];
	size_t len;
	int i;

	if (how == BE_HANG && s->blocker[0] == '\0' &&
	    (bus = session_pending_bus(s)) != NULL)
		session_autoconf_stuck(s, bus, "nothing more was said");
	len = (size_t)snprintf(s->error, sizeof(s->error),
	    "boot %d: the guest never printed \"KTAP version 1\" "
	    "(%s); last console lines:", s->boot,
	    s->panicked ? "it panicked" : s->stuck ? s->stuck_line :
	    how == BE_HANG ? "no console output for the hang "
	    "timeout" : "QEMU exited");
	for (i = 0; i < s->nlast && len < sizeof(s->error); i++)
		len += (size_t)snprintf(s->error + len,
		    sizeof(s->error) - len, "\n    %s", s->last[i]);
	if (s->nlast == 0 && len < sizeof(s->error))
		snprintf(s->error + len, sizeof(s->error) - len,
		    "\n    (none)");
	s->fatal = 1;
	snprintf(why, sizeof(why), "not run: boot %d never started "
	    "the checker (no \"KTAP version 1\")", s->boot);
	mark_rest(s, s->next, why);
	return 0;
}

/* No console output for hang_secs: the running case (or the next one,
   before it was announced) took the boot down. */
static long
settle_hang(struct session *s, int hang_secs)
{
	char why[1200];
	long n;

	snprintf(why, sizeof(why), "hang: no console output for %d s",
	    hang_secs);
	if (s->in_case) {
		n = session_settle_pending(s, why);
		session_note_down(s, n);
		return session_next_or_stop(s, n + 1);
	}
	snprintf(why, sizeof(why), "hang: no console output for %d s "
	    "(before the case was announced)", hang_secs);
	session_mark(s, s->next, V_BROKEN, why);
	return session_next_or_stop(s, s->next + 1);
}

/* The checker said done, or QEMU exited without it: whatever case is
   left was not reported. */
static long
settle_end(struct session *s)
{
	char why[1200];

	if (s->done) {
		if (s->in_case)
			session_settle_pending(s, NO_RESULT_LINE);
		snprintf(why, sizeof(why), "not reported: the checker printed "
		    "done in boot %d without this case", s->boot);
		mark_rest(s, s->first, why);
		return 0;
	}
	/* QEMU exited without "done" and without a panic */
	if (s->in_case) {
		snprintf(why, sizeof(why), "truncated log: QEMU exited during "
		    "the case without \"done\" or a panic (boot %d)", s->boot);
		session_settle_pending(s, why);
	}
	snprintf(why, sizeof(why), "not run: QEMU exited without \"done\" "
	    "(truncated log, boot %d)", s->boot);
	mark_rest(s, s->next, why);
	return 0;
}

long
session_boot_end(struct session *s, enum boot_end how, int hang_secs)
{
	if (!s->ktap)
		return never_started(s, how);
	if (s->panicked)
		return session_settle_panic(s);
	if (how == BE_HANG && !s->done)
		return settle_hang(s, hang_secs);
	return settle_end(s);
}

void
session_finish(struct session *s, const char *reason)
{
	mark_rest(s, 1, reason);
}

void
session_counts(const struct session *s, long counts[V_FAIL + 1])
{
	long n;
	size_t i;

	memset(counts, 0, sizeof(long) * (V_FAIL + 1));
	for (n = 1; n <= s->plan; n++)
		for (i = 0; i < s->cases[n].nres; i++)
			counts[s->cases[n].res[i].v]++;
}

size_t
session_rows(const struct session *s, struct row **out)
{
	struct row *rows = NULL;
	size_t nrows = 0, i;
	long n;

	for (n = 1; n <= s->plan; n++) {
		const struct kcase *c = &s->cases[n];
		for (i = 0; i < c->nres; i++) {
			struct row *r;
			rows = xrealloc(rows, (nrows + 1) * sizeof(*rows));
			r = &rows[nrows++];
			r->num = n;
			r->device = tsv_clean(c->device ? c->device : "?");
			r->context = tsv_clean(c->context ? c->context : "?");
			r->op = tsv_clean(c->op ? c->op : "?");
			r->clause = tsv_clean(c->res[i].clause);
			r->detail = tsv_clean(c->res[i].detail);
			r->v = c->res[i].v;
		}
	}
	for (n = 0; n < (long)s->absent.n; n++) {
		char *dev = xstrdup(s->absent.v[n]), *a, *why, *v;

		a = strchr(dev, '\t');
		*a++ = '\0';
		why = strchr(a, '\t');
		*why++ = '\0';
		v = strchr(why, '\t');
		*v++ = '\0';
		for (i = 0; i < NCONTEXTS; i++) {
			struct row *r;
			rows = xrealloc(rows, (nrows + 1) * sizeof(*rows));
			r = &rows[nrows++];
			r->num = 0;
			r->device = tsv_clean(dev);
			r->context = xstrdup(context_names[i]);
			r->op = xstrdup("-");
			r->clause = xstrdup("-");	/* the whole case */
			r->detail = tsv_clean(why);
			r->v = verdict_parse(v);
		}
		free(dev);
	}
	*out = rows;
	return nrows;
}

void
rows_free(struct row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].device);
		free(rows[i].context);
		free(rows[i].op);
		free(rows[i].clause);
		free(rows[i].detail);
	}
	free(rows);
}
