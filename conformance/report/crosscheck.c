/*
 * crosscheck.c - the two tiers side by side where both judge a clause
 * (SC-SLP-1, SC-SLP-2, SC-ADV-1): for every device a kernel's run
 * judged, the static chains the run never triggered ("static only")
 * and the dynamic fails that have no static chain ("dynamic only"),
 * into disagreements.tsv, report.md's "Where the tiers disagree" and
 * each review sheet beside its clause.  It lives here, not in sc-lint, because the
 * report is the one reader of both tiers' results: the lint never reads
 * the dynamic tier's.  Neither kind changes a level or the exit status:
 * they are disagreements to explain, not verdicts.
 *
 * A kernel is compared with the tree of its release (static/<release>/)
 * and a tree not named.  A reference disk of the checker (ref-sleep) is
 * the module's scref driver restricted to the chains whose condition
 * selects its mode (SCREF_SLEEP), since the static tier sees all the
 * modes in one strategy routine.
 */
#include "rpt.h"

#include <ctype.h>
#include <string.h>
#include <stdlib.h>

static const char *const shared[] = { "SC-SLP-1", "SC-SLP-2", "SC-ADV-1" };

/* One device's clause on one kernel, over its contexts. */
struct dyn {
	size_t kernel;
	const struct cell *c;	/* its first cell */
	char *driver, *mode;	/* the source's driver; scref's mode */
	int judged, failed;	/* a pass, fail or xfail; a fail or xfail */
	const char *detail;	/* of the first fail */
	char *contexts;		/* where it failed */
};

/* What the static tier compares the chains of and in which mode (only
   the module's scref has modes).  Named apart from unit_driver()
   because only the lint sees the reference disks as one driver. */
static void
source_driver(const struct cell *c, char **driver, char **mode)
{
	size_t n;
	char *m;

	if (strncmp(c->unit, "ref-", 4) != 0) {
		*driver = xstrdup(c->driver);
		*mode = NULL;
		return;
	}
	*driver = xstrdup("scref");
	m = xasprintf("SCREF_%s", c->unit + 4);
	for (n = 0; m[n] != '\0'; n++)
		m[n] = m[n] == '-' ? '_' : (char)toupper((unsigned char)m[n]);
	*mode = m;
}

/* Whether text names the mode as a word (SCREF_QFULL, not SCREF_Q). */
static int
has_mode(const char *text, const char *mode)
{
	const char *p;
	size_t n = strlen(mode);

	for (p = text; (p = strstr(p, mode)) != NULL; p += n)
		if (!isalnum((unsigned char)p[n]) && p[n] != '_')
			return 1;
	return 0;
}

static int
shared_clause(const char *c)
{
	size_t i;

	for (i = 0; i < sizeof(shared) / sizeof(shared[0]); i++)
		if (strcmp(c, shared[i]) == 0)
			return 1;
	return 0;
}

/* The tree's results apply to kernel k: its release's, or not named. */
static int
tree_of(const struct results *r, size_t k, const char *tree)
{
	return strcmp(tree, "-") == 0 || strcmp(tree, r->k[k].release) == 0;
}

/* The cells of the shared clauses, one dyn per kernel, device and
   clause (the cells are sorted by them); the number. */
static size_t
dyn_collect(const struct results *r, struct dyn **dp)
{
	struct dyn *d = xcalloc(r->nc + 1, sizeof(*d)), *x = NULL;
	size_t i, nd = 0;
	const struct cell *c;
	char *p;

	for (i = 0; i < r->nc; i++) {
		c = &r->c[i];
		if (!shared_clause(c->clause))
			continue;
		if (x == NULL || x->kernel != c->kernel ||
		    strcmp(x->c->profile, c->profile) != 0 ||
		    strcmp(x->c->unit, c->unit) != 0 ||
		    strcmp(x->c->clause, c->clause) != 0) {
			x = &d[nd++];
			x->kernel = c->kernel;
			x->c = c;
			source_driver(c, &x->driver, &x->mode);
			x->contexts = xstrdup("");
		}
		x->judged |= c->v == V_PASS || c->v == V_FAIL ||
		    c->v == V_XFAIL;
		if (c->v != V_FAIL && c->v != V_XFAIL)
			continue;
		x->failed = 1;
		if (x->detail == NULL)
			x->detail = c->detail;
		p = xasprintf("%s%s%s", x->contexts, x->contexts[0] ? "," :
		    "", c->context);
		free(x->contexts);
		x->contexts = p;
	}
	*dp = d;
	return nd;
}

/* Has a tree of kernel k a root of the driver (drivers.tsv)? */
static int
has_root(const struct results *r, size_t k, const char *driver)
{
	char *any = xasprintf("-\t%s", driver);
	char *mine = xasprintf("%s\t%s", r->k[k].release, driver);
	size_t i;
	int found = 0;

	for (i = 0; i < r->roots.n && !found; i++)
		found = strcmp(r->roots.v[i], any) == 0 ||
		    strcmp(r->roots.v[i], mine) == 0;
	free(any);
	free(mine);
	return found;
}

/* The chains of x's driver and clause, counted; the one to read:
   direct before via, unconditional before conditional, the shortest. */
struct chains {
	size_t n, cond, via;
	const struct finding *first;
};

static int
is_via(const struct finding *f)
{
	return f->via[0] != '\0' && strcmp(f->via, "-") != 0;
}

static int
better(const struct finding *a, const struct finding *b)
{
	if (is_via(a) != is_via(b))
		return is_via(a) < is_via(b);
	if ((a->condition[0] != '\0') != (b->condition[0] != '\0'))
		return a->condition[0] == '\0';
	return strlen(a->chain) < strlen(b->chain);
}

static void
chains_of(const struct results *r, const struct dyn *x, struct chains *ch)
{
	const struct finding *f;
	size_t i;

	memset(ch, 0, sizeof(*ch));
	for (i = 0; i < r->nf; i++) {
		f = &r->f[i];
		if (!tree_of(r, x->kernel, f->tree) ||
		    strcmp(f->driver, x->driver) != 0 ||
		    strcmp(f->clause, x->c->clause) != 0 ||
		    (x->mode != NULL && !has_mode(f->condition, x->mode)))
			continue;
		ch->n++;
		ch->cond += f->condition[0] != '\0';
		ch->via += is_via(f);
		if (ch->first == NULL || better(f, ch->first))
			ch->first = f;
	}
}

/* The disagreement of the tiers on x, into *d: 1, or 0 if they agree. */
static int
disagreement(const struct results *r, const struct dyn *x,
    struct tierdiff *d)
{
	struct chains ch;

	chains_of(r, x, &ch);
	memset(d, 0, sizeof(*d));
	d->kernel = r->k[x->kernel].release;
	d->unitdriver = x->c->driver;
	d->clause = x->c->clause;
	if (ch.n > 0 && !x->failed) {
		d->kind = "static only";
		d->stat = xasprintf("%zu chains (%zu conditional, %zu via); "
		    "%s%s%s", ch.n, ch.cond, ch.via, ch.first->chain,
		    ch.first->condition[0] ? " ; when " : "",
		    ch.first->condition);
		d->dyn = xstrdup("pass");
		d->explain = ch.via == ch.n ? "every chain goes through "
		    "generic dispatch: is that implementation attached?" :
		    ch.cond == ch.n ? "every chain is conditional: did the "
		    "run meet the condition?" : "an unconditional direct "
		    "chain the run did not take: read it";
	} else if (ch.n == 0 && x->failed) {
		d->kind = "dynamic only";
		d->stat = xstrdup("-");
		d->dyn = xasprintf("%s: %s", x->contexts,
		    x->detail ? x->detail : "");
		d->explain = "no chain from the strategy routine: a sink "
		    "sleepers.tsv lacks, a call the tool does not resolve, or "
		    "a fault below";
	} else
		return 0;
	d->device = xasprintf("%s:%s", x->c->profile, x->c->unit);
	d->driver = xstrdup(x->driver);
	return 1;
}

size_t
tierdiffs(const struct results *r, struct tierdiff **out)
{
	struct dyn *d;
	struct tierdiff *t;
	size_t nd = dyn_collect(r, &d), i, n = 0;

	t = xcalloc(nd + 1, sizeof(*t));
	for (i = 0; i < nd; i++) {
		/* a driver with no root in the kernel's tree (the module's
		   own reference disks, unless their source was read) */
		if (d[i].judged && has_root(r, d[i].kernel, d[i].driver))
			n += disagreement(r, &d[i], &t[n]);
		free(d[i].driver);
		free(d[i].mode);
		free(d[i].contexts);
	}
	free(d);
	*out = t;
	return n;
}

void
tierdiffs_free(struct tierdiff *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(t[i].device);
		free(t[i].driver);
		free(t[i].stat);
		free(t[i].dyn);
	}
	free(t);
}

int
write_disagreements(const char *path, const struct results *r)
{
	struct tierdiff *t;
	size_t n = tierdiffs(r, &t), i;
	FILE *fp;

	if ((fp = out_open(path)) == NULL) {
		tierdiffs_free(t, n);
		return -1;
	}
	fprintf(fp, "kernel\tdevice\tdriver\tclause\tdisagreement\tstatic\t"
	    "dynamic\tto explain\n");
	for (i = 0; i < n; i++)
		fprintf(fp, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t[i].kernel,
		    t[i].device, t[i].driver, t[i].clause, t[i].kind,
		    t[i].stat, t[i].dyn, t[i].explain);
	tierdiffs_free(t, n);
	return out_close(fp, path);
}
