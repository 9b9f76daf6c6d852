/*
 * console.c - the console, line by line, into the session: the KTAP
 * protocol lines of the checker (conformance/PROTOCOL), the kernel's own
 * lines that matter (autoconfiguration, the guest's PID 1, a fault, a
 * lock error, a panic and its backtrace), and the signs that a boot will
 * never start the checker (the stuck-boot rules).  What a line means for
 * a verdict is decided elsewhere (panic.c, session.c).
 */
#include "session.h"
#include "session_int.h"
#include "ktap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Drop terminal escape sequences (GRUB draws its menu with them) and
   control characters. */
static void
strip_escapes(char *s)
{
	char *o = s;

	while (*s) {
		if (*s == '\033') {
			s++;
			if (*s == '[') {
				s++;
				while (*s && !(*s >= '@' && *s <= '~'))
					s++;
			}
			if (*s)
				s++;
			continue;
		}
		if ((unsigned char)*s < ' ' && *s != '\t') {
			s++;
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
}

static void
remember(struct session *s, const char *line)
{
	char *c = tsv_clean(line);
	int i;

	strip_escapes(c);
	rstrip(c);
	if (c[0] == '\0') {
		free(c);
		return;
	}
	if (s->nlast == SESSION_LASTLINES) {
		free(s->last[0]);
		for (i = 1; i < SESSION_LASTLINES; i++)
			s->last[i - 1] = s->last[i];
		s->nlast--;
	}
	s->last[s->nlast++] = c;
}

/* "xhci0 at pci0 dev 4 function 0: ...": xhci0 attached. */
static void
note_attach(struct session *s, const char *line)
{
	const char *p = line, *q;
	size_t i;
	char *name;

	while (*p >= 'a' && *p <= 'z')
		p++;
	if (p == line || !isdigit((unsigned char)*p))
		return;
	while (isdigit((unsigned char)*p))
		p++;
	if (strncmp(p, " at ", 4) != 0)
		return;
	/* "name parent" */
	q = p + 4;
	while (*q >= 'a' && *q <= 'z')
		q++;
	while (isdigit((unsigned char)*q))
		q++;
	name = xasprintf("%.*s %.*s", (int)(p - line), line,
	    (int)(q - p - 4), p + 4);
	for (i = 0; i < s->attached.n; i++)
		if (strcmp(s->attached.v[i], name) == 0)
			break;
	if (i == s->attached.n)
		strvec_push(&s->attached, name);
	free(name);
}

/* key="value" in a line, or "" */
static char *
quoted(const char *line, const char *key)
{
	const char *a = strstr(line, key), *q;

	if (a == NULL || a[strlen(key)] != '"')
		return xstrdup("");
	a += strlen(key) + 1;
	q = strchr(a, '"');
	return xstrndup(a, q != NULL ? (size_t)(q - a) : strlen(a));
}

/* "# absent <dev> attach="..." reason="..."": the guest's PID 1 could not
   make the device. */
static void
note_absent(struct session *s, const char *line)
{
	const char *p = strstr(line, "# absent ") + 9, *e;
	char *dev, *attach, *reason;

	for (e = p; *e != '\0' && *e != ' '; e++)
		continue;
	if (e == p)
		return;
	dev = xstrndup(p, (size_t)(e - p));
	attach = quoted(e, "attach=");
	reason = quoted(e, "reason=");
	session_absent(s, dev, attach, *reason ? reason : "no reason given");
	free(dev);
	free(attach);
	free(reason);
}

/* The parent "ok N name" line of a case. */
static void
case_end(struct session *s, const struct ktap_line *k)
{
	struct kcase *c = &s->pending;
	enum verdict pv;

	if (!s->in_case) {
		/* a case printed without subtests (e.g. skipped by the host) */
		memset(c, 0, sizeof(*c));
		kcase_setname(c, k->desc);
	} else if (c->name == NULL || strcmp(c->name, k->desc) != 0)
		kcase_setname(c, k->desc);
	pv = k->directive == KD_SKIP || k->directive == KD_TODO ? V_SKIP :
	    k->directive == KD_ERROR ? V_BROKEN : k->ok ? V_PASS : V_FAIL;
	if (pv == V_SKIP)
		kcase_fill(c, V_SKIP, k->text[0] ? k->text : "skipped by the "
		    "checker");
	else if (c->nres == 0 && c->clauses.n == 0)
		kcase_set(c, "-", pv, k->text);
	else
		kcase_fill(c, V_BROKEN, "announced but not reported by the "
		    "checker");
	/* Trust the number the checker printed. */
	session_commit(s, c, k->num);
	s->in_case = 0;
	s->next = k->num + 1;
	s->completed++;
	s->last_done = k->num;
}
#define NO_RESULT_LINE	"no result line for the case (protocol error)"

/*
 * Kernels since NetBSD 9 stamp every console line with the time since
 * boot, "[  13.4712689] "; what follows is the line as printed.
 */
static const char *
strip_stamp(const char *line)
{
	const char *p = line;

	if (*p++ != '[')
		return line;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return line;
	while (isdigit((unsigned char)*p) || *p == '.')
		p++;
	if (p[0] != ']' || p[1] != ' ')
		return line;
	return p + 2;
}

/*
 * The clauses the call's own return decides (conformance/PROTOCOL): the
 * checker prints them as soon as the call returns, so they stand even
 * when the guest goes down while the case waits for its completions.
 */
static int
decided_at_return(const char *clause)
{
	return strcmp(clause, "SC-SLP-1") == 0 ||
	    strcmp(clause, "SC-SLP-2") == 0 ||
	    strcmp(clause, "SC-SLP-3") == 0 ||
	    strcmp(clause, "SC-CTX-6") == 0;
}

/*
 * A subtest result of the running case.  Once the guest has begun to go
 * down (a fatal fault, a lock error, a panic), the checker on the other
 * CPU may still print, but what it judged from the bufs then may be the
 * panicking CPU's doing, or not, as the race went: only the results the
 * call's return decided are taken, so that the verdict does not depend
 * on which CPU's lines reached the console first.  The same holds of
 * the results printed just before the first sign (going_down): those
 * are dropped then.
 */
static void
take_result(struct session *s, const struct ktap_line *k)
{
	const char *clause = k->desc[0] ? k->desc : "-";
	enum verdict v = k->directive == KD_NONE ? (k->ok ? V_PASS : V_FAIL) :
	    k->directive == KD_ERROR ? V_BROKEN : V_SKIP;
	char *d;

	if (!s->in_case || ((s->going_down || s->panicked) &&
	    !decided_at_return(clause)))
		return;
	d = k->directive == KD_TODO ? xasprintf("TODO %s", k->text) :
	    xstrdup(k->text);
	kcase_set(&s->pending, clause, v, d);
	free(d);
}

/*
 * A kernel message without its newline yet ("ld1d: error reading
 * fsbn 1142 ...", "    SENSE KEY:  Write Protected") takes the
 * checker's next line onto its own: a
 * subtest result inside such a line is read as a line of its own.
 * (Not inside a protocol line: 7.99.4's console sometimes runs
 * several of those together, and the first is the one to read.)
 * Returns 1 with *ev set when the line was fed as two.
 */
static int
feed_split(struct session *s, const char *line, enum session_event *ev)
{
	const char *w, *t = line + strspn(line, " ");
	struct ktap_line k;
	enum ktap_kind kind;
	char *head;
	enum session_event e1, e2;

	/* A protocol line, indented or not, as the protocol's parser reads
	   it; an indented kernel message (scsipi's "    SENSE KEY:  Write
	   Protected") or a panic message is not one. */
	kind = ktap_parse_line(t, &k);
	if (*t == '\0' || (kind != KT_OTHER && kind != KT_PANIC) ||
	    ((w = strstr(line + 1, "    ok ")) == NULL &&
	    (w = strstr(line + 1, "    not ok ")) == NULL))
		return 0;
	head = xstrndup(line, (size_t)(w - line));
	if (!isdigit((unsigned char)w[w[4] == 'o' ? 7 : 11])) {
		free(head);
		return 0;
	}
	e1 = session_feed(s, head);
	free(head);
	e2 = session_feed(s, w);
	*ev = e2 != SE_NONE ? e2 : e1;
	return 1;
}

/*
 * The guest begins to go down in the running case: its results so far
 * that the call's return did not decide are dropped, as take_result
 * drops those printed later.  The checker prints a case's results
 * together at its end, and the panicking CPU's first line may come
 * before them or after (ref-dkstart's second biodone: SC-CMP-4 was
 * read in one run and not in the next).
 */
static void
begin_going_down(struct session *s)
{
	if (!s->going_down && !s->panicked && s->in_case)
		kcase_keep(&s->pending, decided_at_return);
	s->going_down = 1;
}

/* A fault, a lock error: the guest begins to go down.  The watcher's
   line inside another. */
static void
feed_trouble(struct session *s, const char *line)
{
	const char *w;

	if (strstr(line, "fatal ") != NULL && strstr(line, " fault") !=
	    NULL) {
		begin_going_down(s);	/* "fatal page fault in
					   supervisor mode" */
		s->fault = 1;
	}
	/* LOCKDEBUG's report comes before its panic line. */
	if (strstr(line, "Mutex error: ") != NULL ||
	    strstr(line, " lock error: ") != NULL)
		begin_going_down(s);
	/*
	 * The watcher prints on the other CPU while this one may be
	 * printing a lock error: its line can land inside another
	 * ("initialized  : 0xffff...    # watch: sleep wmesg=scrslp").
	 */
	if (s->in_case && s->pending.watch == NULL &&
	    (w = strstr(line, "# watch: ")) != NULL && w != line &&
	    strncmp(line, "    # watch: ", 13) != 0) {
		s->pending.watch = xstrdup(w + 9);
		rstrip(s->pending.watch);
	}
}

/* After the panic line: the backtrace and reboot chatter. */
static enum session_event
feed_panicked(struct session *s, const char *line)
{
	struct ktap_line k;

	/* The watcher, on the other CPU, may say what it saw while
	   this one is already printing its panic. */
	if (s->in_case && s->pending.watch == NULL &&
	    ktap_parse_line(line, &k) == KT_WATCH)
		s->pending.watch = xstrdup(k.text);
	if (strstr(line, "End traceback") != NULL)
		s->panic_over = 1;
	if (strstr(line, "rebooting") != NULL)
		s->panic_over = s->rebooting = 1;
	note_panic_cpu(s, line);
	panic_frame(s, line);
	/* the checker, on the other CPU, may still be reporting */
	if (ktap_parse_line(line, &k) == KT_RESULT && k.level == 1)
		take_result(s, &k);
	return SE_NONE;
}

/*
 * The kernel's lines before the checker starts: what attached, what
 * the guest's PID 1 could not make, and the signs that the checker
 * will not start in this boot (the stuck-boot rules).
 */
static void
feed_boot(struct session *s, const char *line)
{
	note_attach(s, line);
	if (strncmp(line, "# absent ", 9) == 0)
		note_absent(s, line);
	/*
	 * config_pending never drained: after a minute the kernel
	 * names what it waits for, and would for ever.  The first
	 * named holds the others (scsipi probes one bus at a time).
	 */
	if (!s->stuck && strncmp(line, "waiting for devices: ", 21)
	    == 0) {
		const char *w = line + 21;
		size_t n = strcspn(w, " ");
		s->stuck = 1;
		snprintf(s->blocker, sizeof(s->blocker), "%.*s",
		    (int)(n < sizeof(s->blocker) ? n :
		    sizeof(s->blocker) - 1), w);
		snprintf(s->stuck_line, sizeof(s->stuck_line),
		    "autoconfiguration did not end: %s", line);
	}
	/* A PID 1 that faults is sent its signal again and again:
	   the kernel never panics, and the boot never goes on. */
	if (!s->stuck && strstr(line, "Process (pid 1) got sig") !=
	    NULL) {
		s->stuck = 1;
		snprintf(s->stuck_line, sizeof(s->stuck_line),
		    "the guest's PID 1 died: %.200s", line);
	}
	/* Signs that the checker will not start in this boot. */
	if (!s->stuck && (strstr(line, "Failed to boot both default "
	    "and fallback entries") != NULL ||
	    strstr(line, "root device:") != NULL)) {
		s->stuck = 1;
		const char *l = s->nlast ? s->last[s->nlast - 1] : "";
		while (*l == ' ')
			l++;
		snprintf(s->stuck_line, sizeof(s->stuck_line),
		    "stuck at: %s", l);
	}
}

/* "# clauses: SC-CMP-1,SC-CMP-2": the running case's clauses. */
static void
note_clauses(struct session *s, char *text)
{
	char *p, *q;

	for (p = text; *p; p = q) {
		while (*p == ',' || *p == ' ')
			p++;
		for (q = p; *q && *q != ',' && *q != ' '; q++)
			;
		if (q > p) {
			char *c = xstrndup(p, (size_t)(q - p));
			strvec_push(&s->pending.clauses, c);
			free(c);
		}
	}
}

/* "# Subtest: name" of a case: the previous one, if it never printed
   its parent line, ends broken. */
static enum session_event
case_start(struct session *s, const struct ktap_line *k)
{
	if (s->in_case)
		s->next = session_settle_pending(s, NO_RESULT_LINE) + 1;
	kcase_clear(&s->pending);
	kcase_setname(&s->pending, k->desc);
	s->pending.num = s->next;
	s->in_case = 1;
	return SE_CASE_START;
}

/* A line of the checker's protocol, once it has started. */
static enum session_event
feed_ktap(struct session *s, struct ktap_line *k)
{
	const char *w;

	switch (k->kind) {
	case KT_PLAN:
		if (k->level == 0) {
			if (k->num > s->plan)
				session_slot(s, k->num);
			return SE_PLAN;
		}
		break;
	case KT_HEADER:
		if (k->level == 0) {
			free(s->header);
			s->header = xstrdup(k->text);
			if ((w = strstr(k->text, " intrcpu=")) != NULL)
				s->intr_cpu = atoi(w + 9);
		}
		break;
	case KT_DEVICE:
		session_add_device(s, k->desc, k->text, k->chain);
		break;
	case KT_DONE:
		if (k->level == 0) {
			s->done = 1;
			return SE_DONE;
		}
		break;
	case KT_SUBTEST:
		if (k->level == 1)
			return case_start(s, k);
		break;
	case KT_ONPANIC:
		if (s->in_case) {
			free(s->pending.on_panic);
			s->pending.on_panic = xstrdup(k->desc);
		}
		break;
	case KT_WATCH:
		if (s->in_case && s->pending.watch == NULL)
			s->pending.watch = xstrdup(k->text);
		break;
	case KT_CLAUSES:
		if (s->in_case)
			note_clauses(s, k->text);
		break;
	case KT_RESULT:
		if (k->level == 1)
			take_result(s, k);
		else if (k->level == 0 && !s->going_down) {
			case_end(s, k);
			return SE_CASE_END;
		}
		break;
	default:
		break;
	}
	return SE_NONE;
}

enum session_event
session_feed(struct session *s, const char *line)
{
	struct ktap_line k;
	enum session_event ev;
	enum ktap_kind kind;

	/* A console may start lines with stray CRs (7.99.4 does). */
	while (*line == '\r')
		line++;
	line = strip_stamp(line);
	if (feed_split(s, line, &ev))
		return ev;
	remember(s, line);
	if (!s->ktap && strstr(line, READY_LINE) != NULL)
		return SE_READY;
	feed_trouble(s, line);
	if (s->panicked)
		return feed_panicked(s, line);
	/* Going down: the checker on the other CPU may go on to end the
	   case and start the next; the case is this one.  Only its
	   results, the watcher and the panic line are still read. */
	kind = ktap_parse_line(line, &k);
	if (s->going_down && s->in_case && kind != KT_PANIC &&
	    kind != KT_RESULT && kind != KT_WATCH)
		return SE_NONE;
	switch (kind) {
	case KT_VERSION:
		if (k.level == 0 && !s->ktap) {
			s->ktap = 1;
			return SE_KTAP;
		}
		return SE_NONE;
	case KT_PANIC:
		begin_going_down(s);
		s->panicked = 1;
		s->nframes = 0;
		snprintf(s->panic, sizeof(s->panic), "%.990s%s", k.text,
		    s->fault ? " (after a fatal fault)" : "");
		return SE_PANIC;
	default:
		break;
	}
	if (!s->ktap) {
		feed_boot(s, line);
		return SE_NONE;
	}
	return feed_ktap(s, &k);
}

/*
 * A hung autoconfiguration, from what the console says, on any kernel
 * (7.99.4 never names what it waits for): scsipi probes its buses one
 * at a time, in the order they attach ("scsibus3 at mfi0"), so a bus
 * whose probe never ends leaves itself and every bus after it without
 * a child.  The first bus such that neither it nor any later one has
 * attached anything, or NULL (none, or the last one has a child, or
 * the checker has started).
 */
const char *
session_pending_bus(const struct session *s)
{
	const char *bus = NULL, *sp;
	size_t i, j, n;

	if (s->ktap)
		return NULL;
	for (i = 0; i < s->attached.n; i++) {
		sp = strchr(s->attached.v[i], ' ');
		if (sp == NULL || strncmp(s->attached.v[i], "scsibus", 7) != 0)
			continue;
		n = (size_t)(sp - s->attached.v[i]);
		for (j = 0; j < s->attached.n; j++) {
			const char *q = strchr(s->attached.v[j], ' ');
			if (q != NULL && strlen(q + 1) == n &&
			    strncmp(q + 1, s->attached.v[i], n) == 0)
				break;
		}
		if (j < s->attached.n)
			bus = NULL;	/* it has a child: not stuck */
		else if (bus == NULL)
			bus = s->attached.v[i];
	}
	return bus;
}

void
session_autoconf_stuck(struct session *s, const char *bus, const char *how)
{
	size_t n = strcspn(bus, " ");

	snprintf(s->blocker, sizeof(s->blocker), "%.*s", (int)(n <
	    sizeof(s->blocker) ? n : sizeof(s->blocker) - 1), bus);
	snprintf(s->stuck_line, sizeof(s->stuck_line), "autoconfiguration "
	    "did not end: %s attached nothing (nor did any SCSI bus after "
	    "it), then %s", s->blocker, how);
	s->stuck = 1;
}

void
session_checker_late(struct session *s, int secs)
{
	s->stuck = 1;
	snprintf(s->stuck_line, sizeof(s->stuck_line),
	    "the checker did not start within %d s of the "
	    "boot", secs);
}
