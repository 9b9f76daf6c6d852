/* report.c - matrix, expectations, result files and the table. */
#include "report.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
match(const char *pat, const char *s)
{
	return strcmp(pat, "*") == 0 || strcmp(pat, s) == 0;
}

long
version_of(const char *s)
{
	long part[3] = { 0, 0, 0 }, v;
	char *end;
	int i;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (*end == '\0')
		return v >= 100000000 ? v : -1;
	for (i = 0; i < 3; i++) {
		part[i] = strtol(s, &end, 10);
		if (end == s || part[i] < 0)
			return -1;
		s = end;
		if (*s == '\0')
			break;
		if (*s++ != '.' || i == 2)
			return -1;
	}
	if (i < 1 || part[1] > 99 || part[2] > 9999)
		return -1;
	return part[0] * 100000000 + part[1] * 1000000 + part[2] * 100;
}

const char *
release_of(long v, char *buf, size_t len)
{
	snprintf(buf, len, "%ld.%ld.%ld", v / 100000000, v / 1000000 % 100,
	    v / 100 % 10000);
	return buf;
}

int
kernels_match(const char *field, long v)
{
	char item[64], *dash;
	const char *p = field;
	long lo, hi;
	size_t len;
	int hit = 0;

	if (strcmp(field, "*") == 0)
		return 1;
	if (*field == '\0' || field[strlen(field) - 1] == ',')
		return -1;
	for (; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(item))
			return -1;
		memcpy(item, p, len);
		item[len] = '\0';
		if ((dash = strchr(item, '-')) != NULL) {
			*dash = '\0';
			lo = item[0] ? version_of(item) : 0;
			hi = dash[1] ? version_of(dash + 1) : LONG_MAX;
		} else
			lo = hi = version_of(item);
		if (lo < 0 || hi < 0 || lo > hi)
			return -1;
		if (v >= lo && v <= hi)
			hit = 1;
	}
	return hit;
}

int
expects_load(const char *path, struct expects *x, char *err, size_t errlen)
{
	char *buf, *line, *next, *f[7];
	int lineno = 0, n;
	long kv = x->kversion;

	memset(x, 0, sizeof(*x));
	x->kversion = kv;
	if ((buf = read_file(path, NULL)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (line = buf; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		rstrip(line);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		n = tsv_split(line, f, 6);
		if (n >= 1 && strcmp(f[0], "device") == 0)
			continue;	/* header */
		if (n < 5 || f[0][0] == '\0' || f[1][0] == '\0' ||
		    f[2][0] == '\0' || f[3][0] == '\0') {
			snprintf(err, errlen, "%s:%d: need tab-separated "
			    "device, context, clause, kernels, expected "
			    "verdict[, note]", path, lineno);
			goto bad;
		}
		if (kernels_match(f[3], 0) == -1) {
			snprintf(err, errlen, "%s:%d: kernels \"%s\" is not "
			    "\"*\" or a list of versions and ranges (7.99.4, "
			    "10.99.0-, -9.99.99)", path, lineno, f[3]);
			goto bad;
		}
		x->e = xrealloc(x->e, (x->n + 1) * sizeof(*x->e));
		x->e[x->n].artefact = strcmp(f[4], "artefact") == 0;
		x->e[x->n].v = x->e[x->n].artefact ? V_FAIL :
		    verdict_parse(f[4]);
		if (x->e[x->n].v != V_PASS && x->e[x->n].v != V_FAIL &&
		    x->e[x->n].v != V_SKIP) {
			snprintf(err, errlen, "%s:%d: expected verdict \"%s\" "
			    "is not pass, fail, artefact or skip", path,
			    lineno, f[4]);
			goto bad;
		}
		x->e[x->n].device = xstrdup(f[0]);
		x->e[x->n].context = xstrdup(f[1]);
		x->e[x->n].clause = xstrdup(f[2]);
		x->e[x->n].kernels = xstrdup(f[3]);
		x->e[x->n].note = xstrdup(n > 5 ? f[5] : "");
		x->n++;
	}
	free(buf);
	return 0;
bad:
	free(buf);
	expects_free(x);
	return -1;
}

void
expects_free(struct expects *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free(x->e[i].device);
		free(x->e[i].context);
		free(x->e[i].clause);
		free(x->e[i].kernels);
		free(x->e[i].note);
	}
	free(x->e);
	memset(x, 0, sizeof(*x));
}

/* Does an expectation's device field name this device ("sd3",
   "controllers:sd3"), or its row ("controllers:usb-xhci")?  "ref-ok"
   also names "reference:ref-ok" of a multi-profile run, and
   "controllers:sd3" names sd3 of a run of controllers alone. */
static int
names_device(const char *pat, const char *device, const char *profile)
{
	const char *bare = strchr(device, ':'), *pbare = strchr(pat, ':');
	size_t n;

	if (bare == NULL && pbare != NULL && profile != NULL) {
		n = (size_t)(pbare - pat);
		return strlen(profile) == n && strncmp(pat, profile, n) == 0 &&
		    match(pbare + 1, device);
	}
	bare = bare != NULL ? bare + 1 : device;
	return match(pat, device) || (pbare == NULL && match(pat, bare));
}

/* The first line that matches, or NULL.  row: the device's row, by
   which an expectation holds however the units are numbered. */
static const struct expect *
expects_find(const struct expects *x, const char *device, const char *row,
    const char *context, const char *clause)
{
	size_t i;

	for (i = 0; x != NULL && i < x->n; i++)
		if ((names_device(x->e[i].device, device, x->profile) ||
		    (row != NULL && names_device(x->e[i].device, row,
		    x->profile))) &&
		    match(x->e[i].context, context) &&
		    match(x->e[i].clause, clause) &&
		    (strcmp(x->e[i].kernels, "*") == 0 ||
		    (x->kversion > 0 &&
		    kernels_match(x->e[i].kernels, x->kversion) == 1)))
			return &x->e[i];
	return NULL;
}

enum verdict
expects_lookup(const struct expects *x, const char *device,
    const char *context, const char *clause, const char **note)
{
	const struct expect *e = expects_find(x, device, NULL, context,
	    clause);

	if (note)
		*note = e != NULL ? e->note : NULL;
	return e != NULL ? e->v : V_PASS;
}

static const struct kdevice *
device_of(const struct kdevice *d, size_t nd, const char *name)
{
	size_t i;

	for (i = 0; i < nd; i++)
		if (strcmp(d[i].name, name) == 0)
			return &d[i];
	return NULL;
}

size_t
matrix_build(const struct row *r, size_t n, const struct kdevice *devs,
    size_t nd, struct mrow **out)
{
	struct mrow *m = NULL;
	size_t nm = 0, i, j;

	for (i = 0; i < n; i++) {
		enum verdict v = r[i].v == V_XFAIL ? V_FAIL : r[i].v;

		for (j = nm; j-- > 0; )
			if (strcmp(m[j].device, r[i].device) == 0 &&
			    strcmp(m[j].context, r[i].context) == 0 &&
			    strcmp(m[j].clause, r[i].clause) == 0)
				break;
		if (j == (size_t)-1) {
			const struct kdevice *kd = device_of(devs, nd,
			    r[i].device);

			m = xrealloc(m, (nm + 1) * sizeof(*m));
			j = nm++;
			m[j].device = xstrdup(r[i].device);
			m[j].attach = tsv_clean(kd != NULL ? kd->attach : "");
			m[j].row = kd != NULL && kd->row != NULL ?
			    xstrdup(kd->row) : NULL;
			m[j].cause = "-";
			m[j].clause = xstrdup(r[i].clause);
			m[j].context = xstrdup(r[i].context);
			m[j].op = NULL;
			m[j].detail = NULL;
			m[j].v = V_NONE;
			m[j].regression = RG_NONE;
			m[j].note = NULL;
			m[j].undetectable = 0;
		}
		/* the op that decides: the aggregation order */
		if (verdict_rank(v) > verdict_rank(m[j].v)) {
			free(m[j].op);
			free(m[j].detail);
			m[j].v = v;
			m[j].op = xstrdup(r[i].op);
			m[j].detail = xasprintf("%s: %s", r[i].op,
			    r[i].detail);
		}
	}
	*out = m;
	return nm;
}

void
matrix_apply(const struct expects *x, struct mrow *m, size_t n,
    struct tally *t)
{
	const struct expect *e;
	const char *note;
	enum verdict ev;
	char *d;
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++) {
		e = expects_find(x, m[i].device, m[i].row, m[i].context,
		    m[i].clause);
		ev = e != NULL ? e->v : V_PASS;
		note = e != NULL ? e->note : NULL;
		m[i].note = note;
		if (note == NULL || note[0] == '\0')
			note = "no note";
		d = NULL;
		/* a row that lost its device, where that is expected */
		if (m[i].v == V_BROKEN && e != NULL && ev == V_SKIP &&
		    strcmp(m[i].clause, "-") == 0)
			m[i].v = V_SKIP;
		if (m[i].v == V_FAIL && ev == V_FAIL) {
			m[i].v = V_XFAIL;
			m[i].cause = e->artefact ? "emulator" : "driver";
			d = xasprintf("%s [expected fail%s: %s]", m[i].detail,
			    e->artefact ? ", an emulator artefact" : "", note);
		} else if (m[i].v == V_FAIL) {
			m[i].regression = RG_UNEXPECTED_FAIL;
		} else if (m[i].v == V_PASS && ev != V_PASS) {
			m[i].regression = RG_UNEXPECTED_PASS;
			d = xasprintf("%s [unexpected pass: expected %s: %s]",
			    m[i].detail, verdict_name(ev), note);
		} else if (m[i].v == V_SKIP && e != NULL && ev != V_SKIP &&
		    !m[i].undetectable) {
			m[i].regression = RG_UNEXPECTED_SKIP;
			d = xasprintf("%s [unexpected skip: expected %s: %s]",
			    m[i].detail, verdict_name(ev), note);
		}
		if (d != NULL) {
			free(m[i].detail);
			m[i].detail = d;
		}
		switch (m[i].v) {
		case V_PASS: t->pass++; break;
		case V_FAIL: t->fail++; break;
		case V_XFAIL: t->xfail++; break;
		case V_SKIP: t->skip++; break;
		case V_BROKEN: t->broken++; break;
		default: break;
		}
		if (m[i].regression == RG_UNEXPECTED_FAIL)
			t->unexpected_fail++;
		if (m[i].regression == RG_UNEXPECTED_PASS)
			t->unexpected_pass++;
		if (m[i].regression == RG_UNEXPECTED_SKIP)
			t->unexpected_skip++;
	}
}

void
matrix_free(struct mrow *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(m[i].device);
		free(m[i].attach);
		free(m[i].clause);
		free(m[i].context);
		free(m[i].op);
		free(m[i].detail);
		free(m[i].row);
	}
	free(m);
}

int
rows_write(const char *path, const char *kernel, const struct row *r,
    size_t n)
{
	FILE *fp = wopen("strategy-run", path);
	size_t i;

	if (fp == NULL)
		return -1;
	fputs("kernel\tdevice\tcontext\top\tclause\tverdict\tdetail\n", fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", kernel,
		    r[i].device, r[i].context, r[i].op, r[i].clause,
		    verdict_name(r[i].v), r[i].detail);
	return wclose("strategy-run", fp, path);
}

static char *
prefixed(const char *prefix, const char *s)
{
	return prefix ? xasprintf("%s:%s", prefix, s) : xstrdup(s);
}

/*
 * Calls fn for every line of a result file with nmin to nf fields (the
 * later ones added since: a file of an older run lacks them), header and
 * blank lines left out.  -1 if the file cannot be read.
 */
static int
tsv_each(const char *path, int nmin, int nf,
    void (*fn)(char **, int, void *), void *arg)
{
	char *buf, *line, *next, *f[12];
	int off = 0, n;

	if ((buf = read_file(path, NULL)) == NULL)
		return -1;
	for (line = buf; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		rstrip(line);
		/* The header says whether a kernel column comes first. */
		if (strncmp(line, "kernel\t", 7) == 0) {
			off = 1;
			continue;
		}
		if (line[0] == '\0' || strncmp(line, "device\t", 7) == 0)
			continue;
		n = tsv_split(line, f, nf + off);
		if (n >= nmin + off)
			(*fn)(f + off, n - off, arg);
	}
	free(buf);
	return 0;
}

struct rows_in {
	const char *prefix;
	struct row *r;
	size_t n;
};

static void
row_in(char **f, int n, void *arg)
{
	struct rows_in *in = arg;
	struct row *r;

	(void)n;
	in->r = xrealloc(in->r, (in->n + 1) * sizeof(*in->r));
	r = &in->r[in->n++];
	r->num = (long)in->n;
	r->device = prefixed(in->prefix, f[0]);
	r->context = xstrdup(f[1]);
	r->op = xstrdup(f[2]);
	r->clause = xstrdup(f[3]);
	r->v = verdict_parse(f[4]);
	r->detail = xstrdup(f[5]);
}

int
rows_read(const char *path, const char *prefix, struct row **rp, size_t *np)
{
	struct rows_in in = { prefix, *rp, *np };

	if (tsv_each(path, 6, 6, row_in, &in) == -1) {
		fprintf(stderr, "strategy-run: %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	*rp = in.r;
	*np = in.n;
	return 0;
}

int
devices_write(const char *path, const char *kernel, const struct kdevice *d,
    size_t n)
{
	FILE *fp = wopen("strategy-run", path);
	size_t i;

	if (fp == NULL)
		return -1;
	fputs("kernel\tdevice\tattachment\trow\n", fp);
	for (i = 0; i < n; i++) {
		char *a = tsv_clean(d[i].attach), *nm = tsv_clean(d[i].name);
		fprintf(fp, "%s\t%s\t%s\t%s\n", kernel, nm, a,
		    d[i].row != NULL ? d[i].row : "-");
		free(a);
		free(nm);
	}
	return wclose("strategy-run", fp, path);
}

struct devs_in {
	const char *prefix;
	struct kdevice *d;
	size_t n;
};

static void
dev_in(char **f, int n, void *arg)
{
	struct devs_in *in = arg;

	in->d = xrealloc(in->d, (in->n + 1) * sizeof(*in->d));
	in->d[in->n].name = prefixed(in->prefix, f[0]);
	in->d[in->n].attach = xstrdup(f[1]);
	in->d[in->n].row = n > 2 && strcmp(f[2], "-") != 0 ?
	    prefixed(in->prefix, f[2]) : NULL;
	in->d[in->n++].chain = NULL;
}

int
devices_read(const char *path, const char *prefix, struct kdevice **dp,
    size_t *np)
{
	struct devs_in in = { prefix, *dp, *np };

	if (tsv_each(path, 2, 3, dev_in, &in) == -1)
		return -1;
	*dp = in.d;
	*np = in.n;
	return 0;
}

int
matrix_write(const char *path, const char *kernel, const struct mrow *m,
    size_t n)
{
	FILE *fp = wopen("strategy-run", path);
	size_t i;
	char *note;

	if (fp == NULL)
		return -1;
	fputs("kernel\tdevice\tattachment\tclause\tcontext\tverdict\t"
	    "regression\tnote\tdetail\trow\tcause\n", fp);
	for (i = 0; i < n; i++) {
		note = tsv_clean(m[i].note != NULL && m[i].note[0] != '\0' ?
		    m[i].note : "-");
		fprintf(fp, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		    kernel, m[i].device, m[i].attach, m[i].clause,
		    m[i].context, verdict_name(m[i].v),
		    regression_name(m[i].regression), note, m[i].detail,
		    m[i].row != NULL ? m[i].row : m[i].device,
		    m[i].cause != NULL ? m[i].cause : "-");
		free(note);
	}
	return wclose("strategy-run", fp, path);
}

static size_t
index_of(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return (size_t)-1;
}

/* Columns in clause order; "-" (a case skipped whole) last. */
static void
sort_clauses(struct strvec *cls)
{
	size_t i, j;

	for (i = 1; i < cls->n; i++)
		for (j = i; j > 0 && (strcmp(cls->v[j - 1], "-") == 0 ||
		    (strcmp(cls->v[j], "-") != 0 &&
		    strcmp(cls->v[j - 1], cls->v[j]) > 0)); j--) {
			char *t = cls->v[j];
			cls->v[j] = cls->v[j - 1];
			cls->v[j - 1] = t;
		}
}

/* A column head: SC-SLP-1 -> SLP1; "-" (a whole case) -> case. */
static const char *
clause_head(const char *s)
{
	static char h[8];
	size_t o = 0;

	if (strncmp(s, "SC-", 3) == 0)
		s += 3;
	for (; *s && o < sizeof(h) - 1; s++)
		if (*s != '-')
			h[o++] = *s;
	h[o] = '\0';
	return o ? h : "case";
}

void
matrix_print(FILE *fp, const struct mrow *m, size_t n)
{
	struct strvec devs = { 0 }, cls = { 0 };
	char *cell, c;
	int *rk, r;
	size_t i, j, w = 6;

	for (i = 0; i < n; i++) {
		if (index_of(devs.v, devs.n, m[i].device) == (size_t)-1)
			strvec_push(&devs, m[i].device);
		if (index_of(cls.v, cls.n, m[i].clause) == (size_t)-1)
			strvec_push(&cls, m[i].clause);
		if (strlen(m[i].device) > w)
			w = strlen(m[i].device);
	}
	if (devs.n == 0 || cls.n == 0) {
		fputs("(no results)\n", fp);
		return;
	}
	sort_clauses(&cls);
	cell = xcalloc(devs.n * cls.n, 1);
	rk = xcalloc(devs.n * cls.n, sizeof(*rk));
	memset(cell, '.', devs.n * cls.n);
	for (i = 0; i < n; i++) {
		size_t d = index_of(devs.v, devs.n, m[i].device);
		size_t k = index_of(cls.v, cls.n, m[i].clause);
		r = verdict_letter(m[i].v, m[i].regression, &c);
		if (r > rk[d * cls.n + k] || cell[d * cls.n + k] == '.') {
			rk[d * cls.n + k] = r;
			cell[d * cls.n + k] = c;
		}
	}
	fprintf(fp, "%-*s", (int)w, "device");
	for (j = 0; j < cls.n; j++)
		fprintf(fp, " %-5s", clause_head(cls.v[j]));
	fputc('\n', fp);
	for (i = 0; i < devs.n; i++) {
		fprintf(fp, "%-*s", (int)w, devs.v[i]);
		for (j = 0; j < cls.n; j++)
			fprintf(fp, " %-5c", cell[i * cls.n + j]);
		fputc('\n', fp);
	}
	fputs("(worst over contexts: " VERDICT_LEGEND_HIGH ", "
	    VERDICT_LEGEND_LOW ")\n", fp);
	free(cell);
	free(rk);
	strvec_free(&devs);
	strvec_free(&cls);
}

void
tally_print(FILE *fp, const struct tally *t, int incomplete)
{
	long reg = t->unexpected_fail + t->unexpected_pass +
	    t->unexpected_skip;

	fprintf(fp, "summary: %ld pass, %ld fail, %ld xfail, %ld skip, "
	    "%ld broken; regressions: %ld (%ld unexpected fail, %ld "
	    "unexpected pass, %ld unexpected skip) => %s\n", t->pass,
	    t->fail, t->xfail, t->skip, t->broken, reg, t->unexpected_fail,
	    t->unexpected_pass, t->unexpected_skip,
	    reg != 0 ? "REGRESSION" : incomplete ? "INCOMPLETE" :
	    t->broken != 0 ? "BROKEN" : "OK");
}

/* --- several kernels side by side ------------------------------------- */

struct cmp_in {
	struct mrow *m;
	size_t n;
	char **kernel;		/* per row */
};

static void
cmp_row(char **f, int n, void *arg)
{
	struct cmp_in *in = arg;
	struct mrow *r;

	(void)n;
	in->m = xrealloc(in->m, (in->n + 1) * sizeof(*in->m));
	in->kernel = xrealloc(in->kernel, (in->n + 1) * sizeof(char *));
	r = &in->m[in->n];
	memset(r, 0, sizeof(*r));
	r->device = xstrdup(f[0]);
	r->attach = xstrdup(f[1]);
	r->clause = xstrdup(f[2]);
	r->context = xstrdup(f[3]);
	r->v = verdict_parse(f[4]);
	r->regression = regression_parse(f[5]);
	r->detail = xstrdup(f[7]);
	in->kernel[in->n] = NULL;
	in->n++;
}

/* The table: a device a line, one letter per kernel in each clause's
   column. */
static void
cmp_print(FILE *fp, const struct strvec *devs, const struct strvec *cls,
    const char *cell, size_t nk, size_t w)
{
	size_t i, j, k;

	fprintf(fp, "%-*s", (int)w, "device");
	for (j = 0; j < cls->n; j++)
		fprintf(fp, " %-*s", (int)(nk > 5 ? nk : 5),
		    clause_head(cls->v[j]));
	fputc('\n', fp);
	for (i = 0; i < devs->n; i++) {
		fprintf(fp, "%-*s", (int)w, devs->v[i]);
		for (j = 0; j < cls->n; j++) {
			fputc(' ', fp);
			for (k = 0; k < nk; k++)
				fputc(cell[(i * cls->n + j) * nk + k], fp);
			fprintf(fp, "%*s", (int)(nk > 5 ? 0 : 5 - nk), "");
		}
		fputc('\n', fp);
	}
	fputs("(worst over contexts: " VERDICT_LEGEND_HIGH ", "
	    VERDICT_LEGEND_LOW ")\n", fp);
}

static void
cmp_free(struct cmp_in *in, size_t nk)
{
	size_t i, k;

	for (k = 0; k < nk; k++) {
		for (i = 0; i < in[k].n; i++) {
			free(in[k].m[i].device);
			free(in[k].m[i].attach);
			free(in[k].m[i].clause);
			free(in[k].m[i].context);
			free(in[k].m[i].detail);
		}
		free(in[k].m);
		free(in[k].kernel);
	}
	free(in);
}

int
matrix_compare(FILE *fp, char *const *dirs, size_t nk)
{
	struct cmp_in *in = xcalloc(nk, sizeof(*in));
	struct strvec devs = { 0 }, cls = { 0 };
	size_t i, k, w = 6;
	char *path, c;
	int bad = 0, rv = 0, *rk, r;
	char *cell;

	for (k = 0; k < nk; k++) {
		path = xasprintf("%s/matrix.tsv", dirs[k]);
		if (tsv_each(path, 8, 10, cmp_row, &in[k]) == -1) {
			fprintf(stderr, "strategy-run: %s: %s\n", path,
			    strerror(errno));
			rv = -1;
		}
		free(path);
		for (i = 0; i < in[k].n; i++) {
			const struct mrow *m = &in[k].m[i];

			if (index_of(devs.v, devs.n, m->device) == (size_t)-1)
				strvec_push(&devs, m->device);
			if (index_of(cls.v, cls.n, m->clause) == (size_t)-1)
				strvec_push(&cls, m->clause);
			if (strlen(m->device) > w)
				w = strlen(m->device);
			if (m->regression != RG_NONE || m->v == V_BROKEN)
				bad = 1;
		}
	}
	sort_clauses(&cls);
	fputs("kernels side by side, one letter each in this order:", fp);
	for (k = 0; k < nk; k++)
		fprintf(fp, " %s", dirs[k]);
	fputc('\n', fp);
	cell = xcalloc(devs.n * cls.n * nk, 1);
	rk = xcalloc(devs.n * cls.n * nk, sizeof(*rk));
	memset(cell, '.', devs.n * cls.n * nk);
	for (k = 0; k < nk; k++)
		for (i = 0; i < in[k].n; i++) {
			size_t d = index_of(devs.v, devs.n, in[k].m[i].device);
			size_t q = index_of(cls.v, cls.n, in[k].m[i].clause);
			size_t at = (d * cls.n + q) * nk + k;

			r = verdict_letter(in[k].m[i].v,
			    in[k].m[i].regression, &c);
			if (r > rk[at] || cell[at] == '.') {
				rk[at] = r;
				cell[at] = c;
			}
		}
	cmp_print(fp, &devs, &cls, cell, nk, w);
	cmp_free(in, nk);
	free(cell);
	free(rk);
	strvec_free(&devs);
	strvec_free(&cls);
	return rv == -1 ? -1 : bad;
}
