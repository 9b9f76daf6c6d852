/*
 * results.c - reads result directories (one run, or the shards of one run
 * made on several machines) into one set of cells, refusing shards that
 * disagree: another checker version, another __NetBSD_Version__ for the
 * same release, or the same case judged twice differently.
 */
#include "rpt.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* matrix.tsv: the first nine required; row and cause came later. */
#define MATRIX_HEADER "kernel\tdevice\tattachment\tclause\tcontext\t" \
	"verdict\tregression\tnote\tdetail\trow\tcause"
/* sc-lint's findings.tsv: the columns read, the first six required
   (conformance/static/README describes them all). */
#define FINDINGS_HEADER "driver\troot\tclause\tkind\tchain\tcondition\t" \
	"status\treading\tfile\tverdict\tvia"
/* sc-lint's drivers.tsv: one line per root; the report needs whose. */
#define DRIVERS_HEADER "driver"

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/*
 * The columns of a result file, found by name in its header: want is
 * the names the reader uses, tab-separated, of which the first nreq must
 * be there; others are optional (empty where the file lacks them), and
 * columns the reader does not know are let through, so that a writer may
 * add one without breaking a reader.  idx[i] gets the file's column of
 * want's i-th name, or -1.  -1 with err set when a required one is
 * missing.
 */
#define MAXCOLS	32
static int
map_columns(const char *path, int lineno, char *header, const char *want,
    int nreq, int *idx, int *nwant, char *err, size_t errlen)
{
	char *have[MAXCOLS], *names[MAXCOLS], *w = xstrdup(want);
	int nh = tsv_split(header, have, MAXCOLS), i, j, rc = 0;

	*nwant = tsv_split(w, names, MAXCOLS);
	for (i = 0; i < *nwant; i++) {
		idx[i] = -1;
		for (j = 0; j < nh; j++)
			if (strcmp(names[i], have[j]) == 0)
				idx[i] = j;
		if (idx[i] == -1 && i < nreq && rc == 0)
			rc = errfmt(err, errlen, "%s:%d: not the result "
			    "format: no column \"%s\" in the header",
			    path, lineno, names[i]);
	}
	free(w);
	return rc;
}

/*
 * Calls fn(fields, n, lineno, arg) for every non-blank line of a TSV file
 * after its header, with the fields in the order of the names in want
 * (see map_columns; n is their number).  want NULL: no header, the
 * fields as they are (at most nreq).  fn returns -1 to stop.  -1 with err
 * set on any failure.
 */
static int
each_line(const char *path, const char *want, int nreq,
    int (*fn)(char **, int, int, void *), void *arg, char *err,
    size_t errlen)
{
	char *buf, *line, *next, *f[MAXCOLS], *g[MAXCOLS];
	int lineno = 0, rc = 0, header = want != NULL, idx[MAXCOLS];
	int nwant = 0, n, i;

	if ((buf = read_file(path, NULL)) == NULL)
		return errfmt(err, errlen, "%s: %s", path, strerror(errno));
	for (line = buf; line != NULL && rc == 0; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		rstrip(line);
		if (line[0] == '\0')
			continue;
		if (header) {
			header = 0;
			rc = map_columns(path, lineno, line, want, nreq, idx,
			    &nwant, err, errlen);
			continue;
		}
		n = tsv_split(line, f, MAXCOLS);
		if (want == NULL) {
			rc = (*fn)(f, n < nreq ? n : nreq, lineno, arg);
			continue;
		}
		for (i = 0; i < nwant; i++)
			g[i] = idx[i] >= 0 && idx[i] < n ? f[idx[i]] : "";
		rc = (*fn)(g, nwant, lineno, arg);
	}
	free(buf);
	return rc;
}

/* ---- run.tsv ---- */

struct runin {
	struct kernel *k;
	const char *path;
	char *err;
	size_t errlen;
};

static int
run_line(char **f, int n, int lineno, void *arg)
{
	struct runin *in = arg;
	struct kernel *k = in->k;
	char **slot = NULL, *w, *save = NULL, *v;

	if (n != 2)
		return errfmt(in->err, in->errlen, "%s:%d: need key<TAB>value",
		    in->path, lineno);
	if (strcmp(f[0], "kernel") == 0) slot = &k->release;
	else if (strcmp(f[0], "version") == 0) slot = &k->version;
	else if (strcmp(f[0], "checker") == 0) slot = &k->checker;
	else if (strcmp(f[0], "partial") == 0) slot = &k->partial;
	else if (strcmp(f[0], "incomplete") == 0) slot = &k->incomplete;
	else if (strcmp(f[0], "detectors") == 0) slot = &k->detectors;
	else if (strcmp(f[0], "detectors_guest") == 0) slot = &k->guestdet;
	else if (strcmp(f[0], "devices") == 0) slot = &k->devices;
	else if (strcmp(f[0], "contexts") == 0) slot = &k->contexts;
	else if (strcmp(f[0], "started") == 0) slot = &k->started;
	else if (strcmp(f[0], "accel") == 0) slot = &k->accel;
	else if (strcmp(f[0], "profiles") == 0) {
		v = xstrdup(f[1]);
		for (w = strtok_r(v, " ", &save); w != NULL;
		    w = strtok_r(NULL, " ", &save))
			strvec_push(&k->profiles, w);
		free(v);
		return 0;
	}
	if (slot != NULL) {	/* keys added later are no error */
		free(*slot);
		*slot = xstrdup(f[1]);
	}
	return 0;
}

static int
run_load(const char *dir, struct kernel *k, char *err, size_t errlen)
{
	struct runin in = { k, NULL, err, errlen };
	size_t i;

	memset(k, 0, sizeof(*k));
	k->source = xasprintf("%s/run.tsv", dir);
	in.path = k->source;
	if (each_line(k->source, NULL, 2, run_line, &in, err, errlen) == -1)
		return -1;
	if (k->release == NULL || k->version == NULL || k->checker == NULL)
		return errfmt(err, errlen, "%s: needs the keys kernel, "
		    "version and checker", k->source);
#define DEFAULT(f, s) if (k->f == NULL) k->f = xstrdup(s)
	DEFAULT(partial, "no");
	DEFAULT(incomplete, "-");
	DEFAULT(detectors, "?");
	DEFAULT(devices, "*");
	DEFAULT(contexts, "*");
	DEFAULT(started, "-");
	DEFAULT(accel, "-");
#undef DEFAULT
	/* What the kernel that booted showed of them (strategy-run's
	   confirm_detectors), beside what its file said. */
	if (k->guestdet != NULL && strcmp(k->guestdet, "?") != 0) {
		char *d = xasprintf("%s (the guest's symbols: %s)",
		    k->detectors, k->guestdet);
		free(k->detectors);
		k->detectors = d;
	}
	if (strcmp(k->partial, "yes") != 0)
		for (i = 0; i < k->profiles.n; i++)
			strvec_push(&k->complete, k->profiles.v[i]);
	return 0;
}

/* Appends to a the strings of b it lacks. */
static void
add_new(struct strvec *a, const struct strvec *b)
{
	size_t i, j;

	for (i = 0; i < b->n; i++) {
		for (j = 0; j < a->n; j++)
			if (strcmp(a->v[j], b->v[i]) == 0)
				break;
		if (j == a->n)
			strvec_push(a, b->v[i]);
	}
}

/* Folds shard b into kernel a of the same release. */
static int
kernel_merge(struct kernel *a, struct kernel *b, char *err, size_t errlen)
{
	char *t;

	if (strcmp(a->version, b->version) != 0)
		return errfmt(err, errlen, "shards disagree: kernel %s is "
		    "__NetBSD_Version__ %s in %s but %s in %s", a->release,
		    a->version, a->source, b->version, b->source);
	add_new(&a->profiles, &b->profiles);
	add_new(&a->complete, &b->complete);
	/* Partial while a profile has only partial shards: a retried job
	   for a few devices leaves a complete run complete. */
	free(a->partial);
	a->partial = xstrdup(a->complete.n < a->profiles.n ? "yes" : "no");
#define JOIN(f) if (strcmp(a->f, b->f) != 0 && strstr(a->f, b->f) == NULL) { \
		t = xasprintf("%s, %s", a->f, b->f); free(a->f); a->f = t; }
	if (strcmp(b->incomplete, "-") != 0) {
		t = strcmp(a->incomplete, "-") == 0 ? xstrdup(b->incomplete) :
		    xasprintf("%s; %s", a->incomplete, b->incomplete);
		free(a->incomplete);
		a->incomplete = t;
	}
	JOIN(devices);
	JOIN(detectors);
	JOIN(contexts);
	JOIN(accel);
#undef JOIN
	if (strcmp(a->partial, "no") == 0) {
		free(a->devices);
		free(a->contexts);
		a->devices = xstrdup("*");
		a->contexts = xstrdup("*");
	}
	if (strcmp(b->started, a->started) < 0) {
		free(a->started);
		a->started = xstrdup(b->started);
	}
	t = xasprintf("%s, %s", a->source, b->source);
	free(a->source);
	a->source = t;
	return 0;
}

static void
kernel_free(struct kernel *k)
{
	free(k->release); free(k->version); free(k->checker);
	free(k->partial); free(k->incomplete); free(k->detectors);
	free(k->guestdet); free(k->devices); free(k->contexts);
	free(k->started); free(k->accel); free(k->source);
	strvec_free(&k->profiles);
	strvec_free(&k->complete);
}

/* ---- matrix.tsv, the profiles' cases.tsv ---- */

struct matin {
	struct results *r;
	size_t kernel;
	const struct kernel *k;	/* this shard's run.tsv */
	const char *path;
	char *err;
	size_t errlen;
};

static int
matrix_line(char **f, int n, int lineno, void *arg)
{
	struct matin *in = arg;
	struct cell *c;
	const char *colon;
	enum verdict v;

	if (n != 11)
		return errfmt(in->err, in->errlen, "%s:%d: %d fields, not 11",
		    in->path, lineno, n);
	if (strcmp(f[0], in->k->release) != 0)
		return errfmt(in->err, in->errlen, "%s:%d: kernel %s, but "
		    "run.tsv says %s", in->path, lineno, f[0],
		    in->k->release);
	if ((v = verdict_parse(f[5])) == V_NONE)
		return errfmt(in->err, in->errlen, "%s:%d: unknown verdict "
		    "\"%s\"", in->path, lineno, f[5]);
	colon = strchr(f[1], ':');
	/* Without several profiles, devices carry no "profile:". */
	if (colon == NULL && in->k->profiles.n != 1)
		return errfmt(in->err, in->errlen, "%s:%d: device %s names "
		    "no profile, and run.tsv lists %zu", in->path, lineno,
		    f[1], in->k->profiles.n);
	in->r->c = xrealloc(in->r->c, (in->r->nc + 1) * sizeof(*in->r->c));
	c = &in->r->c[in->r->nc++];
	c->kernel = in->kernel;
	c->profile = colon != NULL ? xstrndup(f[1], colon - f[1]) :
	    xstrdup(in->k->profiles.v[0]);
	c->unit = xstrdup(colon != NULL ? colon + 1 : f[1]);
	c->driver = unit_driver(f[1]);
	c->attach = xstrdup(f[2]);
	c->clause = xstrdup(f[3]);
	c->context = xstrdup(f[4]);
	c->v = v;
	c->regression = xstrdup(f[6]);
	c->note = xstrdup(f[7]);
	c->detail = xstrdup(f[8]);
	/* a row is its profile's ("controllers:usb-xhci"); an older
	   matrix.tsv has none: the unit stands for it */
	c->row = f[9][0] != '\0' ? xstrdup(strchr(f[9], ':') ? strchr(f[9],
	    ':') + 1 : f[9]) : xstrdup(c->unit);
	c->cause = xstrdup(f[10][0] != '\0' ? f[10] : "-");
	c->source = xasprintf("%s:%d", in->path, lineno);
	return 0;
}

#define CASES_HEADER "kernel\tdevice\tcontext\top\tclause\tverdict\tdetail"

static int
cases_line(char **f, int n, int lineno, void *arg)
{
	struct matin *in = arg;
	char *driver, *key;
	size_t i;

	(void)lineno;
	if (n != 7 || strcmp(f[3], "-") == 0)
		return 0;
	driver = unit_driver(f[1]);
	key = xasprintf("%zu\t%s\t%s", in->kernel, driver, f[3]);
	for (i = 0; i < in->r->ran.n; i++)
		if (strcmp(in->r->ran.v[i], key) == 0)
			break;
	if (i == in->r->ran.n)
		strvec_push(&in->r->ran, key);
	free(key);
	free(driver);
	return 0;
}

/*
 * The operations each driver ran, from every profile's cases.tsv (the
 * guest's verdicts, as the runner wrote them): a clause none of whose
 * operations ran for a driver does not apply to it (judge.c).  A kernel
 * none of whose profiles left one is not known to have run anything.
 */
static int
cases_load(struct results *r, const char *dir, struct matin *in,
    char *err, size_t errlen)
{
	char *path;
	size_t p;
	int rc = 0, any = 0;

	for (p = 0; p < in->k->profiles.n && rc == 0; p++) {
		path = xasprintf("%s/%s/cases.tsv", dir, in->k->profiles.v[p]);
		if (exists(path)) {
			any = 1;
			rc = each_line(path, CASES_HEADER, 7, cases_line, in,
			    err, errlen);
		}
		free(path);
	}
	if (rc == 0 && any)
		strvec_pushf(&r->ran_kernels, "%zu", in->kernel);
	return rc;
}

static void
cell_free(struct cell *c)
{
	free(c->profile); free(c->unit); free(c->driver); free(c->attach);
	free(c->clause); free(c->context); free(c->regression);
	free(c->note); free(c->detail); free(c->source);
	free(c->row); free(c->cause);
}

static int
cell_key(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	int d;

	if (x->kernel != y->kernel)
		return x->kernel < y->kernel ? -1 : 1;
	if ((d = strcmp(x->profile, y->profile)) != 0 ||
	    (d = strcmp(x->unit, y->unit)) != 0 ||
	    (d = strcmp(x->clause, y->clause)) != 0 ||
	    (d = strcmp(x->context, y->context)) != 0)
		return d;
	return strcmp(x->source, y->source);
}

/* The same case from two shards: one line if they agree, else refuse. */
static int
cells_dedup(struct results *r, char *err, size_t errlen)
{
	size_t i, o = 0;
	struct cell *a, *b;

	qsort(r->c, r->nc, sizeof(*r->c), cell_key);
	for (i = 0; i < r->nc; i++) {
		b = &r->c[i];
		a = o > 0 ? &r->c[o - 1] : NULL;
		if (a != NULL && a->kernel == b->kernel &&
		    strcmp(a->profile, b->profile) == 0 &&
		    strcmp(a->unit, b->unit) == 0 &&
		    strcmp(a->clause, b->clause) == 0 &&
		    strcmp(a->context, b->context) == 0) {
			if (a->v != b->v ||
			    strcmp(a->regression, b->regression) != 0)
				return errfmt(err, errlen, "shards disagree: "
				    "%s %s:%s %s %s is %s (%s) at %s but %s "
				    "(%s) at %s", r->k[a->kernel].release,
				    a->profile, a->unit, a->context,
				    a->clause, verdict_name(a->v),
				    a->regression, a->source,
				    verdict_name(b->v), b->regression,
				    b->source);
			cell_free(b);
			continue;
		}
		r->c[o++] = *b;
	}
	r->nc = o;
	return 0;
}

/* ---- findings.tsv ---- */

static int
finding_line(char **f, int n, int lineno, void *arg)
{
	struct results *r = arg;
	struct finding *x;
	size_t i;

	(void)lineno;
	for (i = 0; i < r->nf; i++)	/* the same finding from two shards */
		if (strcmp(r->f[i].tree, r->tree) == 0 &&
		    strcmp(r->f[i].driver, f[0]) == 0 &&
		    strcmp(r->f[i].root, f[1]) == 0 &&
		    strcmp(r->f[i].clause, f[2]) == 0 &&
		    strcmp(r->f[i].chain, n > 4 ? f[4] : "") == 0)
			return 0;
	r->f = xrealloc(r->f, (r->nf + 1) * sizeof(*r->f));
	x = &r->f[r->nf++];
	x->driver = xstrdup(f[0]);
	x->root = xstrdup(n > 1 ? f[1] : "");
	x->clause = xstrdup(n > 2 ? f[2] : "");
	x->kind = xstrdup(n > 3 ? f[3] : "");
	x->chain = xstrdup(n > 4 ? f[4] : "");
	x->condition = xstrdup(n > 5 ? f[5] : "");
	x->status = xstrdup(n > 6 && f[6][0] ? f[6] : "-");
	x->reading = xstrdup(n > 7 && f[7][0] ? f[7] : "-");
	x->file = xstrdup(n > 8 && f[8][0] ? f[8] : "-");
	x->verdict = xstrdup(n > 9 && f[9][0] ? f[9] : "-");
	x->via = xstrdup(n > 10 && f[10][0] ? f[10] : "-");
	x->tree = xstrdup(r->tree);
	return 0;
}

/* A driver with a root in the tree being loaded: "<tree>\t<driver>". */
static int
root_line(char **f, int n, int lineno, void *arg)
{
	struct results *r = arg;
	char *key = xasprintf("%s\t%s", r->tree, f[0]);
	size_t i;

	(void)n;
	(void)lineno;
	for (i = 0; i < r->roots.n; i++)
		if (strcmp(r->roots.v[i], key) == 0)
			break;
	if (i == r->roots.n)
		strvec_push(&r->roots, key);
	free(key);
	return 0;
}

/*
 * The static tier's results of a run: <dir>/static/findings.tsv (a tree
 * not named), and <dir>/static/<release>/findings.tsv, one per sys/ tree
 * (make lint RESULTS=<dir>), whose release names the kernel it belongs
 * to; and the drivers each tree has a root of (drivers.tsv).
 */
static int
findings_load(struct results *r, const char *dir, int *found, char *err,
    size_t errlen)
{
	struct strvec trees = { 0 };
	struct dirent *de;
	char *path, *top = xasprintf("%s/static", dir);
	DIR *d = opendir(top);
	size_t i;
	int rc = 0;

	strvec_push(&trees, "");
	while (d != NULL && (de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			strvec_push(&trees, de->d_name);
	if (d != NULL)
		closedir(d);
	for (i = 0; i < trees.n && rc == 0; i++) {
		path = xasprintf("%s/%s%sfindings.tsv", top, trees.v[i],
		    trees.v[i][0] ? "/" : "");
		r->tree = trees.v[i][0] ? trees.v[i] : "-";
		if (exists(path)) {
			*found = r->have_findings = 1;
			rc = each_line(path, FINDINGS_HEADER, 6, finding_line,
			    r, err, errlen);
		}
		free(path);
		/* its roots, for the cross-check (crosscheck.c) */
		path = xasprintf("%s/%s%sdrivers.tsv", top, trees.v[i],
		    trees.v[i][0] ? "/" : "");
		if (rc == 0 && exists(path))
			rc = each_line(path, DRIVERS_HEADER, 1, root_line, r,
			    err, errlen);
		free(path);
	}
	r->tree = NULL;
	strvec_free(&trees);
	free(top);
	return rc;
}

int
finding_counts(const struct finding *f)
{
	return strcmp(f->kind, "unresolved") != 0;
}

/* ---- the whole ---- */

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
kernel_load(struct results *r, const char *dir, char *err, size_t errlen)
{
	struct kernel k;
	struct matin in;
	char *path;
	size_t i;
	int rc;

	if (run_load(dir, &k, err, errlen) == -1) {
		kernel_free(&k);
		return -1;
	}
	if (r->nk > 0 && strcmp(r->k[0].checker, k.checker) != 0) {
		errfmt(err, errlen, "shards disagree: checker version %s in "
		    "%s but %s in %s", r->k[0].checker, r->k[0].source,
		    k.checker, k.source);
		kernel_free(&k);
		return -1;
	}
	for (i = 0; i < r->nk; i++)
		if (strcmp(r->k[i].release, k.release) == 0)
			break;
	in.r = r;
	in.kernel = i;
	in.path = path = xasprintf("%s/matrix.tsv", dir);
	in.err = err;
	in.errlen = errlen;
	in.k = &k;
	rc = each_line(path, MATRIX_HEADER, 9, matrix_line, &in, err, errlen);
	free(path);
	if (rc == 0)
		rc = cases_load(r, dir, &in, err, errlen);
	if (rc == 0 && i < r->nk) {
		rc = kernel_merge(&r->k[i], &k, err, errlen);
		kernel_free(&k);
	} else if (rc == 0) {
		r->k = xrealloc(r->k, (r->nk + 1) * sizeof(*r->k));
		r->k[r->nk++] = k;
	} else
		kernel_free(&k);
	return rc;
}

static int
dir_load(struct results *r, const char *dir, char *err, size_t errlen)
{
	struct strvec names = { 0 };
	struct dirent *e;
	char *path;
	DIR *d;
	size_t i;
	int rc = 0, found = 0;

	path = xasprintf("%s/run.tsv", dir);
	if (exists(path)) {	/* a kernel directory itself */
		free(path);
		return kernel_load(r, dir, err, errlen);
	}
	free(path);
	if ((d = opendir(dir)) == NULL)
		return errfmt(err, errlen, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			strvec_push(&names, e->d_name);
	closedir(d);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof(*names.v), namecmp);
	for (i = 0; i < names.n && rc == 0; i++) {
		path = xasprintf("%s/%s/run.tsv", dir, names.v[i]);
		if (exists(path)) {
			found = 1;
			path[strlen(path) - strlen("/run.tsv")] = '\0';
			rc = kernel_load(r, path, err, errlen);
		}
		free(path);
	}
	strvec_free(&names);
	if (rc == 0)
		rc = findings_load(r, dir, &found, err, errlen);
	if (rc == 0 && !found)
		rc = errfmt(err, errlen, "%s: neither <kernel>/run.tsv nor "
		    "static/findings.tsv: not a result directory", dir);
	return rc;
}

/* Newest kernel first, by __NetBSD_Version__. */
static int
kernel_newer(const void *a, const void *b)
{
	long long x = strtoll(((const struct kernel *)a)->version, NULL, 10);
	long long y = strtoll(((const struct kernel *)b)->version, NULL, 10);

	return x > y ? -1 : x < y;
}

int
results_load(struct results *r, char **dirs, size_t ndirs, char *err,
    size_t errlen)
{
	size_t i, j, k, *map;
	struct kernel *sorted;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < ndirs; i++) {
		strvec_push(&r->inputs, dirs[i]);
		if (dir_load(r, dirs[i], err, errlen) == -1)
			return -1;
	}
	/* Sort the kernels and renumber the cells' references to them. */
	sorted = xcalloc(r->nk, sizeof(*sorted));
	memcpy(sorted, r->k, r->nk * sizeof(*sorted));
	qsort(sorted, r->nk, sizeof(*sorted), kernel_newer);
	map = xcalloc(r->nk + 1, sizeof(*map));
	for (i = 0; i < r->nk; i++)
		for (j = 0; j < r->nk; j++)
			if (sorted[j].release == r->k[i].release)
				map[i] = j;
	for (i = 0; i < r->nc; i++)
		r->c[i].kernel = map[r->c[i].kernel];
	free(r->k);
	free(map);
	r->k = sorted;
	if (cells_dedup(r, err, errlen) == -1)
		return -1;
	for (i = 0; i < r->nc; i++) {
		if (strcmp(r->c[i].driver, UNATTRIBUTED) == 0)
			continue;	/* no driver: unattributed_note() */
		for (j = 0; j < r->drivers.n; j++)
			if (strcmp(r->drivers.v[j], r->c[i].driver) == 0)
				break;
		if (j == r->drivers.n)
			strvec_push(&r->drivers, r->c[i].driver);
	}
	if (r->drivers.n > 0)
		qsort(r->drivers.v, r->drivers.n, sizeof(*r->drivers.v),
		    namecmp);
	/* Drivers the static tier read and no case reached (xbd, dm,
	   pud): their sheets come from it alone. */
	for (i = 0; i < r->nf; i++) {
		for (j = 0; j < r->drivers.n; j++)
			if (strcmp(r->drivers.v[j], r->f[i].driver) == 0)
				break;
		for (k = 0; j == r->drivers.n && k < r->static_only.n; k++)
			if (strcmp(r->static_only.v[k], r->f[i].driver) == 0)
				break;
		if (j == r->drivers.n && k == r->static_only.n)
			strvec_push(&r->static_only, r->f[i].driver);
	}
	if (r->static_only.n > 0)
		qsort(r->static_only.v, r->static_only.n,
		    sizeof(*r->static_only.v), namecmp);
	return 0;
}
