/*
 * detectors.c - a kernel's detectors and what rests on them: detectors.h.
 * In the library beside kversion.c: both read a kernel file through
 * elf64.c, and spec/detectors.tsv is vocabulary, not the runner's.
 */
#include "detectors.h"
#include "elf64.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int bit;
} names[] = {
	{ "LOCKDEBUG", DET_LOCKDEBUG },
	{ "DIAGNOSTIC", DET_DIAGNOSTIC },
	{ "DEBUG", DET_DEBUG },
	{ "DDB", DET_DDB },
};
#define NNAMES	(sizeof(names) / sizeof(names[0]))

const char *
detector_name(int detector)
{
	size_t i;

	for (i = 0; i < NNAMES; i++)
		if (names[i].bit == detector)
			return names[i].name;
	return "?";
}

/*
 * One line of the embedded configuration, "_CFG_" and any "###> "
 * (a line of an included file) taken off: "options\tLOCKDEBUG",
 * "no options DIAGNOSTIC".  Sets *on and *off for the detector it
 * names.
 */
static void
config_line(const char *l, int *on, int *off)
{
	int no = 0;
	size_t i, n;

	while (strncmp(l, "###> ", 5) == 0)
		l += 5;
	l += strspn(l, " \t");
	if (strncmp(l, "no", 2) == 0 && (l[2] == ' ' || l[2] == '\t')) {
		no = 1;
		l += 2 + strspn(l + 2, " \t");
	}
	if (strncmp(l, "options", 7) != 0 || (l[7] != ' ' && l[7] != '\t'))
		return;
	l += 7 + strspn(l + 7, " \t");
	for (i = 0; i < NNAMES; i++) {
		n = strlen(names[i].name);
		if (strncmp(l, names[i].name, n) == 0 &&
		    strchr(" \t#=", l[n]) != NULL)
			*(no ? off : on) |= names[i].bit;
	}
}

/* The next "_CFG_" at or after p, or NULL (memmem is not POSIX). */
static const unsigned char *
next_cfg(const unsigned char *p, const unsigned char *end)
{
	while ((p = memchr(p, '_', (size_t)(end - p))) != NULL) {
		if (end - p >= 5 && memcmp(p, "_CFG_", 5) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* Every "_CFG_..." string of the file; -1 if there is none. */
static int
from_config(const struct elf64 *e)
{
	const unsigned char *p = e->buf, *end = e->buf + e->size, *q;
	int on = 0, off = 0, found = 0;
	char line[512];
	size_t n, o;

	while ((q = next_cfg(p, end)) != NULL) {
		q += 5;
		/* config(1) writes a tab as the four characters "\011" */
		for (n = o = 0; q + n < end && q[n] != '\0' && q[n] != '\n' &&
		    o < sizeof(line) - 1; n++) {
			if (end - (q + n) >= 4 && memcmp(q + n, "\\011", 4)
			    == 0) {
				line[o++] = '\t';
				n += 3;
			} else
				line[o++] = (char)q[n];
		}
		line[o] = '\0';
		config_line(line, &on, &off);
		found = 1;
		p = q + n;
	}
	return found ? on & ~off : -1;
}

int
detectors_of_kernel(const char *path, const char **how)
{
	struct elf64 e;
	Elf64_Sym sym;
	char err[256];
	int set;

	*how = "-";
	if (elf64_open(&e, path, 0, err, sizeof(err)) == -1) {
		elf64_close(&e);
		return DET_UNKNOWN;
	}
	if ((set = from_config(&e)) != -1)
		*how = "configuration";
	else {
		set = 0;
		if (elf64_findsym(&e, "lockdebug_wantlock", &sym) == 0)
			set |= DET_LOCKDEBUG;
		if (elf64_findsym(&e, "db_trap", &sym) == 0)
			set |= DET_DDB;
		*how = "symbols";
	}
	/* The symbols are the binary's own word for LOCKDEBUG. */
	if (elf64_findsym(&e, "lockdebug_wantlock", &sym) == 0)
		set |= DET_LOCKDEBUG;
	elf64_close(&e);
	return set;
}

const char *
detectors_name(int set, char *buf, size_t len)
{
	size_t i, o = 0;

	if (set == DET_UNKNOWN)
		snprintf(buf, len, "?");
	else if (set == 0)
		snprintf(buf, len, "none");
	else {
		buf[0] = '\0';
		for (i = 0; i < NNAMES; i++)
			if ((set & names[i].bit) && o < len)
				o += (size_t)snprintf(buf + o, len - o, "%s%s",
				    o ? " " : "", names[i].name);
	}
	return buf;
}

int
detectors_parse(const char *s)
{
	size_t i;
	int set = 0;

	if (s == NULL || *s == '\0' || strcmp(s, "?") == 0)
		return DET_UNKNOWN;
	for (i = 0; i < NNAMES; i++) {
		const char *p = strstr(s, names[i].name);
		size_t n = strlen(names[i].name);

		/* DEBUG is not the tail of LOCKDEBUG; the guest says
		   "LOCKDEBUG,DDB" */
		while (p != NULL && ((p > s && p[-1] != ' ' && p[-1] != ',')
		    || (p[n] != ' ' && p[n] != ',' && p[n] != '\0')))
			p = strstr(p + 1, names[i].name);
		if (p != NULL)
			set |= names[i].bit;
	}
	return set;
}

static int
detector_bit(const char *name)
{
	size_t i;

	for (i = 0; i < NNAMES; i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].bit;
	return 0;
}

int
detector_table_load(const char *path, struct detector_table *t,
    char *err, size_t errlen)
{
	char *buf, *line, *next, *f[4];
	int lineno = 0, header = 1;
	struct detector_need *d;

	memset(t, 0, sizeof(*t));
	if ((buf = read_file(path, NULL)) == NULL)
		return errfmt(err, errlen, "%s: cannot read", path);
	for (line = buf; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		rstrip(line);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (header) {
			header = 0;
			if (strcmp(line, "clause\tcontexts\tdetector\tunseen")
			    != 0)
				break;
			continue;
		}
		if (tsv_split(line, f, 4) != 4 || detector_bit(f[2]) == 0) {
			free(buf);
			detector_table_free(t);
			return errfmt(err, errlen, "%s:%d: need clause, "
			    "contexts, a detector (LOCKDEBUG, DIAGNOSTIC, "
			    "DEBUG) and what goes unseen", path, lineno);
		}
		t->n = xrealloc(t->n, (t->count + 1) * sizeof(*t->n));
		d = &t->n[t->count++];
		d->clause = xstrdup(f[0]);
		d->contexts = xstrdup(f[1]);
		d->detector = detector_bit(f[2]);
		d->unseen = xstrdup(f[3]);
	}
	free(buf);
	if (header)
		return errfmt(err, errlen, "%s: no header \"clause\tcontexts\t"
		    "detector\tunseen\"", path);
	return 0;
}

void
detector_table_free(struct detector_table *t)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		free(t->n[i].clause);
		free(t->n[i].contexts);
		free(t->n[i].unseen);
	}
	free(t->n);
	memset(t, 0, sizeof(*t));
}


const struct detector_need *
detector_missing(const struct detector_table *t, int have,
    const char *clause, const char *context)
{
	size_t i;

	if (have == DET_UNKNOWN)
		return NULL;
	for (i = 0; i < t->count; i++)
		if ((have & t->n[i].detector) == 0 &&
		    strcmp(t->n[i].clause, clause) == 0 &&
		    (strcmp(t->n[i].contexts, "*") == 0 ||
		    comma_list_has(t->n[i].contexts, context)))
			return &t->n[i];
	return NULL;
}
