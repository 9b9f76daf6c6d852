/* session.c - the results of one profile over one or more boots. */
#include "session.h"
#include "context.h"
#include "ktap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Panics that name what the driver did, beside the clause the running
 * case exists to judge (its on-panic clause).  The text is the panic
 * line and the backtrace, innermost frame first ("panic: ... < f+0x1 <
 * g+0x2").  The first matching row wins; every needle of a row must
 * occur; a row without a clause means "nothing more than on-panic".
 * Order matters: a fault inside the driver explains whatever the trap
 * handler tripped over next; a turnstile (adaptive lock) explains the
 * sleep queue beneath it.
 */
static const struct {
	const char *needle1, *needle2;
	const char *clause;
} panic_table[] = {
	{ "biodone2 already", NULL, "SC-CMP-1" },
	{ "BO_DONE", NULL, "SC-CMP-1" },
	{ "< trap+", NULL, NULL },
	{ "after a fatal fault", NULL, NULL },
	{ "sleep lock from interrupt", NULL, "SC-SLP-2" },
	/* biodone() under a spin mutex: biodone2 takes b_objlock */
	{ "spin lock held", "< biodone", "SC-CMP-5" },
	/*
	 * Any other adaptive lock taken under the driver's own spin mutex
	 * (no caller of the checker holds one): which lock, LOCKDEBUG's
	 * frame walk often does not say (on 7.99.4 it ends at the lock
	 * call), so nothing more than on-panic.
	 */
	{ "spin lock held", NULL, NULL },
	{ "turnstile_block", NULL, "SC-SLP-2" },
	{ "mutex_vector_enter", NULL, "SC-SLP-2" },
	{ "rw_vector_enter", NULL, "SC-SLP-2" },
	{ "!cpu_intr_p()", "kern_mutex.c", "SC-SLP-2" },
	{ "!cpu_intr_p()", "kern_rwlock.c", "SC-SLP-2" },
	{ "assert_sleepable", NULL, "SC-SLP-1" },
	{ "sleepq", NULL, "SC-SLP-1" },
	{ "mi_switch", NULL, "SC-SLP-1" },
	{ "kpause", NULL, "SC-SLP-1" },
	{ "tsleep", NULL, "SC-SLP-1" },
	{ "cv_wait", NULL, "SC-SLP-1" },
	{ "cv_timedwait", NULL, "SC-SLP-1" },
	{ "sleeping", NULL, "SC-SLP-1" },
};

const char *
panic_clause(const char *text)
{
	size_t i;

	for (i = 0; i < sizeof(panic_table) / sizeof(panic_table[0]); i++)
		if (strstr(text, panic_table[i].needle1) != NULL &&
		    (panic_table[i].needle2 == NULL ||
		    strstr(text, panic_table[i].needle2) != NULL))
			return panic_table[i].clause;
	return NULL;
}

/*
 * "wdstrategy() at netbsd:wdstrategy+0x38" -> "< wdstrategy+0x38" on the
 * panic text; the frames of the panic machinery itself are left out.
 */
static void
panic_frame(struct session *s, const char *line)
{
	static const char *const skip[] = {
		"vpanic", "panic", "kern_assert", "lockdebug_abort1",
		"lockdebug_abort", "mutex_abort", "rw_abort",
	};
	const char *at, *colon, *fn;
	size_t i, len, n;

	if ((at = strstr(line, "() at ")) == NULL)
		return;
	for (fn = at; fn > line && (isalnum((unsigned char)fn[-1]) ||
	    fn[-1] == '_' || fn[-1] == '.'); fn--)
		continue;
	n = (size_t)(at - fn);
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strlen(skip[i]) == n && strncmp(fn, skip[i], n) == 0)
			return;
	colon = strchr(at + 6, ':');
	at = colon != NULL ? colon + 1 : at + 6;
	len = strlen(s->panic);
	if (s->nframes++ < 24 && len + 4 < sizeof(s->panic))
		snprintf(s->panic + len, sizeof(s->panic) - len, " < %.*s",
		    (int)strcspn(at, " \r\n"), at);
}

static void
kcase_clear(struct kcase *c)
{
	size_t i;

	free(c->name);
	free(c->device);
	free(c->context);
	free(c->op);
	free(c->on_panic);
	free(c->watch);
	strvec_free(&c->clauses);
	for (i = 0; i < c->nres; i++) {
		free(c->res[i].clause);
		free(c->res[i].detail);
	}
	free(c->res);
	memset(c, 0, sizeof(*c));
}

static void
kcase_setname(struct kcase *c, const char *name)
{
	const char *a, *b;

	free(c->name);
	free(c->device);
	free(c->context);
	free(c->op);
	c->name = xstrdup(name);
	a = strchr(name, ' ');
	b = a ? strchr(a + 1, ' ') : NULL;
	if (a != NULL && b != NULL && strchr(b + 1, ' ') == NULL) {
		c->device = xstrndup(name, (size_t)(a - name));
		c->context = xstrndup(a + 1, (size_t)(b - a - 1));
		c->op = xstrdup(b + 1);
	} else {
		c->device = xstrdup(name);
		c->context = xstrdup("?");
		c->op = xstrdup("?");
	}
}

static struct result *
kcase_result(const struct kcase *c, const char *clause)
{
	size_t i;

	for (i = 0; i < c->nres; i++)
		if (strcmp(c->res[i].clause, clause) == 0)
			return &c->res[i];
	return NULL;
}

/* Did the checker announce clause for case c? */
static int
kcase_announced(const struct kcase *c, const char *clause)
{
	size_t i;

	for (i = 0; i < c->clauses.n; i++)
		if (strcmp(c->clauses.v[i], clause) == 0)
			return 1;
	return 0;
}

/* Set (or overwrite) the result of clause. */
static void
kcase_set(struct kcase *c, const char *clause, enum verdict v,
    const char *detail)
{
	struct result *r = kcase_result(c, clause);

	if (r == NULL) {
		c->res = xrealloc(c->res, (c->nres + 1) * sizeof(*c->res));
		r = &c->res[c->nres++];
		r->clause = xstrdup(clause);
	} else
		free(r->detail);
	r->v = v;
	r->detail = xstrdup(detail ? detail : "");
}

/* Every announced clause without a result gets v / detail; a case that
   announced nothing gets one row with clause "-". */
static void
kcase_fill(struct kcase *c, enum verdict v, const char *detail)
{
	size_t i;

	for (i = 0; i < c->clauses.n; i++)
		if (kcase_result(c, c->clauses.v[i]) == NULL)
			kcase_set(c, c->clauses.v[i], v, detail);
	if (c->nres == 0)
		kcase_set(c, "-", v, detail);
}

static struct kcase *
slot(struct session *s, long num)
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
static void
commit(struct session *s, struct kcase *c, long num)
{
	struct kcase *dst = slot(s, num);

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
static void
mark(struct session *s, long num, enum verdict v, const char *detail)
{
	struct kcase c;

	if (num < 1 || (num <= s->plan && s->cases[num].done))
		return;
	memset(&c, 0, sizeof(c));
	kcase_set(&c, "-", v, detail);
	commit(s, &c, num);
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

static void
add_device(struct session *s, const char *name, const char *attach,
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
	add_device(s, device, attach, NULL);
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
	commit(s, c, k->num);
	s->in_case = 0;
	s->next = k->num + 1;
	s->completed++;
	s->last_done = k->num;
}

/* The running case ends broken, for why; returns its number. */
static long
settle_pending(struct session *s, const char *why)
{
	long n = s->pending.num;

	kcase_fill(&s->pending, V_BROKEN, why);
	commit(s, &s->pending, n);
	s->in_case = 0;
	return n;
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

/* "cpu1: Begin traceback..." (a panic's backtrace) or "db{1}> bt" (the
   ddb prompt of a kernel that stops there): the CPU that panicked. */
static void
note_panic_cpu(struct session *s, const char *line)
{
	const char *p;

	if (s->panic_cpu != -1)
		return;
	if (strncmp(line, "cpu", 3) == 0 && isdigit((unsigned char)line[3]) &&
	    (p = strchr(line, ':')) != NULL &&
	    strncmp(p, ": Begin traceback", 17) == 0)
		s->panic_cpu = atoi(line + 3);
	else if (strncmp(line, "db{", 3) == 0 && isdigit((unsigned char)line[3]))
		s->panic_cpu = atoi(line + 3);
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
 * on which CPU's lines reached the console first.
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

enum session_event
session_feed(struct session *s, const char *line)
{
	struct ktap_line k;
	char *p, *q;
	const char *w;

	/* A console may start lines with stray CRs (7.99.4 does). */
	while (*line == '\r')
		line++;
	line = strip_stamp(line);
	/*
	 * A kernel message without its newline yet ("ld1d: error reading
	 * fsbn 1142 ...") takes the checker's next line onto its own: a
	 * subtest result inside such a line is read as a line of its own.
	 * (Not inside a protocol line: 7.99.4's console sometimes runs
	 * several of those together, and the first is the one to read.)
	 */
	if (*line != '\0' && *line != ' ' && *line != '#' &&
	    strncmp(line, "ok ", 3) != 0 && strncmp(line, "not ok ", 7) != 0 &&
	    ((w = strstr(line + 1, "    ok ")) != NULL ||
	    (w = strstr(line + 1, "    not ok ")) != NULL)) {
		char *head = xstrndup(line, (size_t)(w - line));
		enum session_event e1, e2;

		if (isdigit((unsigned char)w[w[4] == 'o' ? 7 : 11])) {
			e1 = session_feed(s, head);
			free(head);
			e2 = session_feed(s, w);
			return e2 != SE_NONE ? e2 : e1;
		}
		free(head);
	}
	remember(s, line);
	if (!s->ktap && strstr(line, READY_LINE) != NULL)
		return SE_READY;
	if (strstr(line, "fatal ") != NULL && strstr(line, " fault") != NULL)
		s->fault = s->going_down = 1;	/* "fatal page fault in
						   supervisor mode" */
	/* LOCKDEBUG's report comes before its panic line. */
	if (strstr(line, "Mutex error: ") != NULL ||
	    strstr(line, " lock error: ") != NULL)
		s->going_down = 1;
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
	if (s->panicked) {
		/* The watcher, on the other CPU, may say what it saw while
		   this one is already printing its panic. */
		if (s->in_case && s->pending.watch == NULL &&
		    ktap_parse_line(line, &k) == KT_WATCH)
			s->pending.watch = xstrdup(k.text);
		if (strstr(line, "End traceback") != NULL ||
		    strstr(line, "rebooting") != NULL)
			s->panic_over = 1;
		note_panic_cpu(s, line);
		panic_frame(s, line);
		/* the checker, on the other CPU, may still be reporting */
		if (ktap_parse_line(line, &k) == KT_RESULT && k.level == 1)
			take_result(s, &k);
		return SE_NONE;	/* backtrace and reboot chatter */
	}
	switch (ktap_parse_line(line, &k)) {
	case KT_PANIC:
		break;
	case KT_RESULT:
	case KT_WATCH:
		if (s->going_down && s->in_case)
			break;
		/* FALLTHROUGH */
	default:
		/* Going down: the checker on the other CPU may go on to
		   end the case and start the next; the case is this one. */
		if (s->going_down && s->in_case)
			return SE_NONE;
		break;
	}
	switch (ktap_parse_line(line, &k)) {
	case KT_VERSION:
		if (k.level == 0 && !s->ktap) {
			s->ktap = 1;
			return SE_KTAP;
		}
		return SE_NONE;
	case KT_PANIC:
		s->panicked = 1;
		s->nframes = 0;
		snprintf(s->panic, sizeof(s->panic), "%.990s%s", k.text,
		    s->fault ? " (after a fatal fault)" : "");
		return SE_PANIC;
	default:
		break;
	}
	if (!s->ktap) {
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
		return SE_NONE;
	}

	switch (k.kind) {
	case KT_PLAN:
		if (k.level == 0) {
			if (k.num > s->plan)
				slot(s, k.num);
			return SE_PLAN;
		}
		break;
	case KT_HEADER:
		if (k.level == 0) {
			free(s->header);
			s->header = xstrdup(k.text);
			if ((w = strstr(k.text, " intrcpu=")) != NULL)
				s->intr_cpu = atoi(w + 9);
		}
		break;
	case KT_DEVICE:
		add_device(s, k.desc, k.text, k.chain);
		break;
	case KT_DONE:
		if (k.level == 0) {
			s->done = 1;
			return SE_DONE;
		}
		break;
	case KT_SUBTEST:
		if (k.level != 1)
			break;
		if (s->in_case)	/* the previous case never printed its
				   parent line */
			s->next = settle_pending(s, NO_RESULT_LINE) + 1;
		kcase_clear(&s->pending);
		kcase_setname(&s->pending, k.desc);
		s->pending.num = s->next;
		s->in_case = 1;
		return SE_CASE_START;
	case KT_ONPANIC:
		if (s->in_case) {
			free(s->pending.on_panic);
			s->pending.on_panic = xstrdup(k.desc);
		}
		break;
	case KT_WATCH:
		if (s->in_case && s->pending.watch == NULL)
			s->pending.watch = xstrdup(k.text);
		break;
	case KT_CLAUSES:
		if (!s->in_case)
			break;
		for (p = k.text; *p; p = q) {
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
		break;
	case KT_RESULT:
		if (k.level == 1)
			take_result(s, &k);
		else if (k.level == 0 && !s->going_down) {
			case_end(s, &k);
			return SE_CASE_END;
		}
		break;
	default:
		break;
	}
	return SE_NONE;
}

/*
 * Where a panic during a case happened, read from its backtrace
 * (innermost frame first) and the CPU that printed it.  Nothing here
 * races the watcher on the other CPU: its line corroborates, and its
 * absence proves nothing.  That needs whole backtraces, which is why
 * the module keeps the kernel's frame pointers (conformance/kern/
 * Makefile) and the runner reads the console to its end.
 */
enum panic_where {
	PW_CALL,	/* in the call under test: the text names the clause */
	PW_SLEPT,	/* the hard-interrupt case's CPU, in a thread's or a
			   soft interrupt's context with its interrupt depth
			   still raised: the call gave the CPU away inside
			   the interrupt: it slept */
	PW_ELSEWHERE,	/* whole, in another context: a consequence */
	PW_CUT		/* the backtrace did not come out whole */
};

/* Does the backtrace end in a kernel thread's own function? (current's
   ddb stops there, above lwp_trampoline.) */
static int
in_thread(const char *panic)
{
	const char *last = strrchr(panic, '<');
	size_t n, i;

	if (last == NULL)
		return 0;
	n = strcspn(last, "+");
	for (i = 2; i + 6 <= n; i++)
		if (strncasecmp(last + i, "thread", 6) == 0 && i + 6 == n)
			return 1;
	return 0;
}

static int
any_frame(const char *panic, const char *const *frames, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(panic, frames[i]) != NULL)
			return 1;
	return 0;
}

/*
 * A context below a hard interrupt's, from the bottom up: the idle
 * loop, a new LWP, a system call, a kernel thread's function, or a soft
 * interrupt (which runs only once the IPL has come down), with no hard
 * interrupt entry (amd64's Xintr, Xresume, Xrecurse, Xhandle vector
 * stubs) between.  cpu_intr_p() is false there unless a hard interrupt
 * handler below switched away and left its depth raised.
 */
static int
below_hardintr(const char *panic)
{
	static const char *const bottom[] = {
		"< idle_loop+", "< lwp_trampoline+", "< syscall+",
		"< softint_dispatch+", "< Xsoftintr+",
	};
	static const char *const hard[] = {
		"< Xintr", "< Xresume", "< Xrecurse", "< Xhandle",
	};

	if (any_frame(panic, hard, sizeof(hard) / sizeof(hard[0])))
		return 0;
	return any_frame(panic, bottom, sizeof(bottom) / sizeof(bottom[0]))
	    || in_thread(panic);
}

/* The kernel asserted that the CPU was in interrupt context. */
static int
intr_asserted(const char *panic)
{
	return strstr(panic, "from interrupt context") != NULL ||
	    strstr(panic, "!cpu_intr_p()") != NULL;
}

/*
 * The checker's d_diskstart wrapper on the panicking stack, called from
 * a hard interrupt's handler rather than from the case's strategy call
 * (below the wrapper, an interrupt entry comes before any bdev_strategy),
 * and the kernel saying the CPU was in interrupt context: d_diskstart
 * slept or took a sleep lock in the hard interrupt of the driver's
 * completion (SC-DKS-4).  Inline in a hard-interrupt case it is the
 * strategy routine's own context, judged like any call there.  The
 * wrapper is there only for calls with the checker's own bufs.
 */
static int
dks_completion_panic(const char *panic)
{
	static const char *const entry[] = {
		"< intr_wrapper+", "< intr_biglock_wrapper+", "< Xintr",
		"< Xresume", "< Xrecurse", "< Xhandle",
	};
	const char *w = strstr(panic, "< sc_dks_diskstart+"), *call, *e;
	size_t i;

	if (w == NULL || !intr_asserted(panic))
		return 0;
	call = strstr(w, "< bdev_strategy+");
	for (i = 0; i < sizeof(entry) / sizeof(entry[0]); i++)
		if ((e = strstr(w, entry[i])) != NULL &&
		    (call == NULL || e < call))
			return 1;
	return 0;
}

static int
hardintr_case(const struct kcase *c)
{
	return c->context != NULL && strncmp(c->context, "hardintr", 8) == 0;
}

/* A frame of a strategy routine ("< wdstrategy+0x38"): the call under
   test, or a disk below it that the call reached. */
static int
strategy_frame(const char *panic)
{
	const char *p, *plus;

	for (p = strstr(panic, "< "); p != NULL; p = strstr(p + 2, "< ")) {
		plus = p + 2 + strcspn(p + 2, "+ ");
		if (plus - (p + 2) >= 8 && strncmp(plus - 8, "strategy", 8)
		    == 0)
			return 1;
	}
	return 0;
}

static enum panic_where
panic_where(const struct session *s, const struct kcase *c)
{
	static const char *const call[] = {
		"< bdev_strategy+", "< sc_ctx_call+", "< spec_strategy+",
		/* the checker's own frames (older checkers' names too) */
		"< sc_", "< strategy_checker_",
	};
	int whole = s->panic_over && s->nframes > 0 && s->nframes <= 24;

	if (strstr(s->panic, RESTART_PANIC) != NULL ||
	    any_frame(s->panic, call, sizeof(call) / sizeof(call[0])) ||
	    strategy_frame(s->panic))
		return PW_CALL;
	if (!whole)
		return PW_CUT;
	if (hardintr_case(c) && intr_asserted(s->panic) &&
	    below_hardintr(s->panic) && (s->intr_cpu == -1 ||
	    s->panic_cpu == -1 || s->panic_cpu == s->intr_cpu))
		return PW_SLEPT;
	return PW_ELSEWHERE;
}

/* The clause the watcher's evidence names: a sleep, or an adaptive lock
   where the context is at the hardint-safe level. */
static const char *
watch_clause(const struct kcase *c)
{
	if (c->watch == NULL)
		return NULL;
	if (strncmp(c->watch, "sleep", 5) == 0)
		return "SC-SLP-1";
	if (strncmp(c->watch, "adaptive-lock", 13) == 0 &&
	    c->context != NULL && strncmp(c->context, "hardintr", 8) == 0)
		return "SC-SLP-2";
	return NULL;
}

/*
 * What the panic in case c shows of the call under test: the clause it
 * violated, or NULL; *open is set when whether the call slept is left
 * unknown (no evidence either way), so that the clauses about it are
 * not established rather than passed.  The panic text becomes the
 * verdicts' detail, saying how it was read.
 */
static const char *
attribute(struct session *s, const struct kcase *c, const char *cl,
    int *open)
{
	char why[1200];
	enum panic_where where;
	const char *saw = c->watch ? "; the watcher saw " : "";
	const char *what = c->watch ? c->watch : "";

	*open = 0;
	where = panic_where(s, c);
	/* A call that returned (its SC-SLP-1 is out) gave nothing away
	   that it did not get back: the panic came after it. */
	if (where == PW_SLEPT && kcase_result(c, "SC-SLP-1") != NULL)
		where = PW_ELSEWHERE;
	switch (where) {
	case PW_CALL:
		return cl;
	case PW_SLEPT:
		cl = "SC-SLP-1";
		snprintf(why, sizeof(why), "the call slept inside the hard "
		    "interrupt: cpu%d, which ran it, panicked below a hard "
		    "interrupt's context with its interrupt depth still "
		    "raised%s%s: %s",
		    s->panic_cpu, saw, what, s->panic);
		break;
	case PW_CUT:
		cl = watch_clause(c);
		*open = cl == NULL;
		snprintf(why, sizeof(why), "the guest panicked and its "
		    "backtrace did not come out whole, so it names no "
		    "clause%s%s: %s", saw, what, s->panic);
		break;
	case PW_ELSEWHERE:
	default:
		cl = watch_clause(c);
		*open = cl == NULL;
		snprintf(why, sizeof(why), "the guest panicked outside the "
		    "call under test, a consequence of the case%s%s: %s",
		    saw, what, s->panic);
		break;
	}
	snprintf(s->panic, sizeof(s->panic), "%.1000s", why);
	return cl;
}

/* Is clause one that a panic without evidence leaves open in case c:
   whether the call slept, or (in a hard interrupt) took an adaptive
   lock? */
static int
left_open(const struct kcase *c, const char *clause)
{
	return strcmp(clause, "SC-SLP-1") == 0 || (hardintr_case(c) &&
	    strcmp(clause, "SC-SLP-2") == 0);
}

static const char *
open_why(char *buf, size_t len, const char *detail)
{
	snprintf(buf, len, "not established: the guest went down in this "
	    "case with no evidence either way; %s", detail);
	return buf;
}

static long
next_or_stop(const struct session *s, long next)
{
	return (s->plan > 0 && next > s->plan) ? 0 : next;
}

static void
mark_rest(struct session *s, long from, const char *reason)
{
	long n;

	for (n = from; n <= s->plan; n++)
		mark(s, n, V_BROKEN, reason);
}


static void
note_down(struct session *s, long n)
{
	size_t len = strlen(s->down);

	if (n > 0 && len + 24 < sizeof(s->down))
		snprintf(s->down + len, sizeof(s->down) - len, "%s%ld",
		    len ? "," : "", n);
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

long
session_boot_end(struct session *s, enum boot_end how, int hang_secs)
{
	const char *bus;
	char why[1200];
	long n;
	int i;

	if (!s->ktap && how == BE_HANG && s->blocker[0] == '\0' &&
	    (bus = session_pending_bus(s)) != NULL)
		session_autoconf_stuck(s, bus, "nothing more was said");
	if (!s->ktap) {
		size_t len;
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

	if (s->panicked) {
		struct kcase *c = &s->pending;
		const char *cl = panic_clause(s->panic);
		int open = 0, dks = 0;

		if (s->in_case && dks_completion_panic(s->panic) &&
		    kcase_announced(c, "SC-DKS-4")) {
			/* what the panic names is d_diskstart's, not the
			   call's under test */
			kcase_set(c, "SC-DKS-4", V_FAIL, s->panic);
			cl = NULL;
			dks = 1;
		} else if (s->in_case)
			cl = attribute(s, c, cl, &open);
		if (s->in_case) {
			const char *own = c->on_panic, *p;
			char one[64];
			size_t j, len;

			n = c->num;
			if (own == NULL)
				own = c->clauses.n ? c->clauses.v[0] : "-";
			if (dks)
				own = "";	/* the call itself is not at fault */
			/* the case's own clauses (on-panic, a list) fail, and
			   the clause the panic names; announced clauses that
			   were not reported: skip (in announced order) */
			for (j = 0; j < c->clauses.n; j++)
				if (comma_list_has(own, c->clauses.v[j]) ||
				    (cl != NULL &&
				    strcmp(c->clauses.v[j], cl) == 0))
					kcase_set(c, c->clauses.v[j], V_FAIL,
					    s->panic);
				else if (kcase_result(c, c->clauses.v[j]) !=
				    NULL)
					continue;
				else if (open && left_open(c, c->clauses.v[j]))
					kcase_set(c, c->clauses.v[j], V_BROKEN,
					    open_why(why, sizeof(why),
					    s->panic));
				else
					kcase_set(c, c->clauses.v[j], V_SKIP,
					    "not observed: the guest panicked "
					    "in this case");
			for (p = own; *p != '\0'; p += len + (p[len] == ',')) {
				len = strcspn(p, ",");
				snprintf(one, sizeof(one), "%.*s", (int)len, p);
				if (one[0] != '\0')
					kcase_set(c, one, V_FAIL, s->panic);
			}
			if (cl != NULL)
				kcase_set(c, cl, V_FAIL, s->panic);
			commit(s, c, n);
			s->in_case = 0;
			note_down(s, n);
			return next_or_stop(s, n + 1);
		}
		if (s->completed > 0 && strstr(s->panic, RESTART_PANIC)) {
			/* the case reported in full; go on after it */
			note_down(s, s->last_done);
			return next_or_stop(s, s->next);
		}
		if (s->completed > 0) {
			/* after a case's result line: blame that case */
			struct kcase *d = &s->cases[s->last_done];
			char first[64];
			if (cl == NULL && d->on_panic != NULL) {
				snprintf(first, sizeof(first), "%.*s",
				    (int)strcspn(d->on_panic, ","), d->on_panic);
				cl = first;
			}
			if (cl == NULL)
				cl = "-";
			snprintf(why, sizeof(why), "after the case ended: %s",
			    s->panic);
			kcase_set(d, cl, V_FAIL, why);
			return next_or_stop(s, s->next);
		}
		snprintf(why, sizeof(why), "panic before the case was "
		    "announced: %s", s->panic);
		mark(s, s->next, V_BROKEN, why);
		return next_or_stop(s, s->next + 1);
	}

	if (how == BE_HANG && !s->done) {
		snprintf(why, sizeof(why), "hang: no console output for %d s",
		    hang_secs);
		if (s->in_case) {
			n = settle_pending(s, why);
			note_down(s, n);
			return next_or_stop(s, n + 1);
		}
		snprintf(why, sizeof(why), "hang: no console output for %d s "
		    "(before the case was announced)", hang_secs);
		mark(s, s->next, V_BROKEN, why);
		return next_or_stop(s, s->next + 1);
	}

	if (s->done) {
		if (s->in_case)
			settle_pending(s, NO_RESULT_LINE);
		snprintf(why, sizeof(why), "not reported: the checker printed "
		    "done in boot %d without this case", s->boot);
		mark_rest(s, s->first, why);
		return 0;
	}

	/* QEMU exited without "done" and without a panic */
	if (s->in_case) {
		snprintf(why, sizeof(why), "truncated log: QEMU exited during "
		    "the case without \"done\" or a panic (boot %d)", s->boot);
		settle_pending(s, why);
	}
	snprintf(why, sizeof(why), "not run: QEMU exited without \"done\" "
	    "(truncated log, boot %d)", s->boot);
	mark_rest(s, s->next, why);
	return 0;
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
