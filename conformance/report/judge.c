/*
 * judge.c - what the verdicts mean for a driver: its conformance level on
 * a kernel, the answer to each checklist question, the letter of a table
 * cell.  Clause levels come from the spec; the contexts of each level are
 * the spec's definition of the levels (Terminology).
 */
#include "rpt.h"

#include <stdlib.h>
#include <string.h>

const char *
level_name(enum lvl l)
{
	switch (l) {
	case L_NOTRUN: return "not run";
	case L_NONE: return "none";
	case L_SOFTINT: return "softint-safe";
	case L_HARDINT: return "hardint-safe";
	default: return "not established";
	}
}

const char *
answer_name(enum answer a)
{
	return a == A_YES ? "yes" : a == A_NO ? "no" : a == A_NA ?
	    "does not apply" : "not established";
}

static int
is_fail(enum verdict v)
{
	return v == V_FAIL || v == V_XFAIL;	/* an xfail is still a fail */
}

/* Worst last, in the aggregation order (verdict_rank()); an expected
   fail the emulator explains (an artefact) leaves the clause unjudged, as
   a broken case does, and a fail of the driver on another unit still
   decides: it sits between a pass and a broken case. */
enum state { S_NONE, S_SKIP, S_PASS, S_ARTEFACT, S_BROKEN, S_FAIL };

/* A cell's state: its verdict's rank, but for an artefact. */
static enum state
state_of(const struct cell *c)
{
	static const enum state by_rank[] = {
		S_SKIP,		/* none: as a skip */
		S_SKIP, S_PASS, S_BROKEN, S_FAIL
	};

	if (c->v == V_XFAIL && strcmp(c->cause, "emulator") == 0)
		return S_ARTEFACT;
	return by_rank[verdict_rank(c->v)];
}

/*
 * A driver's state for one clause in one context on one kernel: the worst
 * over its units (state_of()), in the order the runner takes the worst
 * over the ops.  So a skip on one unit is covered by a pass on another
 * (nounit runs on the lowest unit only; a profile may have a read-only
 * unit of the driver beside a writable one), while a broken case on any
 * unit leaves the clause unjudged, and a fail on any unit fails it.
 * *why gets the cell that decided.
 */
static enum state
combine(const struct results *r, size_t k, const char *driver,
    const char *row, const char *clause, const char *ctx,
    const struct cell **why)
{
	enum state st = S_NONE, s;
	size_t i;

	*why = NULL;
	for (i = 0; i < r->nc; i++) {
		const struct cell *c = &r->c[i];

		if (c->kernel != k || strcmp(c->driver, driver) != 0 ||
		    (row != NULL && strcmp(c->row, row) != 0) ||
		    strcmp(c->clause, clause) != 0 ||
		    strcmp(c->context, ctx) != 0)
			continue;
		s = state_of(c);
		if (s > st) {
			st = s;
			*why = c;
		}
	}
	return st;
}

int
driver_ran(const struct results *r, size_t k, const char *driver)
{
	size_t i;

	for (i = 0; i < r->nc; i++)
		if (r->c[i].kernel == k && strcmp(r->c[i].driver, driver) == 0)
			return 1;
	return 0;
}

static int
has(const struct strvec *v, const char *s)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return 1;
	return 0;
}

/* Every operation of a is one of b's. */
static int
ops_within(const struct strvec *a, const struct strvec *b)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!has(b, a->v[i]))
			return 0;
	return a->n > 0;
}

/* Did the kernel's results include the cases (its profiles' cases.tsv)? */
static int
ran_known(const struct results *r, size_t k)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%zu", k);
	return has(&r->ran_kernels, buf);
}

/* Did a case of one of the operations (NULL: any) run for the driver?
   A driver none of whose cases ran (a row skipped whole, with no
   device) has every clause unjudged. */
static int
ran_any(const struct results *r, size_t k, const char *driver,
    const struct strvec *ops)
{
	char *key;
	size_t i, n;
	int found = 0;

	if (ops == NULL) {
		key = xasprintf("%zu\t%s\t", k, driver);
		n = strlen(key);
		for (i = 0; i < r->ran.n && !found; i++)
			found = strncmp(r->ran.v[i], key, n) == 0;
		free(key);
		return found;
	}
	for (i = 0; i < ops->n && !found; i++) {
		key = xasprintf("%zu\t%s\t%s", k, driver, ops->v[i]);
		found = has(&r->ran, key);
		free(key);
	}
	return found;
}

int
clause_applies(const struct spec *s, const struct results *r, size_t k,
    const char *driver, const struct clause *c)
{
	const struct clause *o;
	size_t i;

	for (i = 0; i < r->nc; i++)
		if (r->c[i].kernel == k && strcmp(r->c[i].driver, driver) == 0 &&
		    strcmp(r->c[i].clause, c->id) == 0)
			return 1;
	if (!c->observed || c->ops.n == 0)
		return 1;
	/*
	 * The checker plans a case only where its operation has a unit
	 * (rdonly a read-only unit, unconf an unconfigured one): a clause
	 * none of whose operations ran for the driver does not apply.
	 */
	if (ran_known(r, k) && ran_any(r, k, driver, NULL) &&
	    !ran_any(r, k, driver, &c->ops))
		return 0;
	/*
	 * A row of another clause o, in one of c's contexts, comes from a
	 * case that announced its clauses; if every operation that
	 * announces o also announces c, that case would have named c had
	 * the checker judged c for this driver.
	 */
	for (i = 0; i < r->nc; i++) {
		if (r->c[i].kernel != k || strcmp(r->c[i].driver, driver) != 0 ||
		    !has(&c->contexts, r->c[i].context) ||
		    (o = spec_find(s, r->c[i].clause)) == NULL)
			continue;
		if (ops_within(&o->ops, &c->ops))
			return 0;
	}
	return 1;
}

static char *
because(const struct clause *c, const char *ctx, enum state st,
    const struct cell *why)
{
	if (st == S_NONE)
		return xasprintf("%s in %s: no result", c->id, ctx);
	if (st == S_ARTEFACT)
		return xasprintf("%s in %s: QEMU artefact on %s:%s (%s): %s",
		    c->id, ctx, why->profile, why->unit, why->note,
		    why->detail);
	return xasprintf("%s in %s: %s on %s:%s: %s", c->id, ctx,
	    verdict_name(why->v), why->profile, why->unit, why->detail);
}

void
level_judge(const struct spec *s, const struct results *r, size_t k,
    const char *driver, const char *row, struct level *lv)
{
	struct strvec bad = { 0 }, unk = { 0 };
	int softfail = 0, softunk = 0, hardfail = 0, hardunk = 0, soft;
	const struct clause *c;
	const struct cell *why;
	enum state st;
	size_t i, j;
	char *b;

	memset(lv, 0, sizeof(*lv));
	if (!driver_ran(r, k, driver)) {
		lv->l = L_NOTRUN;
		return;
	}
	for (c = s->c; c < s->c + s->n; c++) {
		/* Advisory clauses and clauses the checker does not
		   observe never decide the dynamic level. */
		if (!c->observed || (strcmp(c->level, "softint-safe") != 0 &&
		    strcmp(c->level, "hardint-safe") != 0))
			continue;
		/* Nor do those the checker never announced for it. */
		if (!clause_applies(s, r, k, driver, c))
			continue;
		for (j = 0; j < c->contexts.n; j++) {
			soft = context_soft(c->contexts.v[j]);
			if (soft && strcmp(c->level, "softint-safe") != 0)
				continue;	/* not part of either level */
			st = combine(r, k, driver, row, c->id,
			    c->contexts.v[j], &why);
			if (st == S_PASS)
				continue;
			b = because(c, c->contexts.v[j], st, why);
			if (st == S_FAIL) {
				*(soft ? &softfail : &hardfail) += 1;
				strvec_push(&bad, b);
			} else {
				*(soft ? &softunk : &hardunk) += 1;
				strvec_push(&unk, b);
			}
			free(b);
		}
	}
	if (softfail)
		lv->l = L_NONE;
	else if (softunk)
		lv->l = L_NOTEST;
	else if (hardfail)
		lv->l = L_SOFTINT;
	else if (hardunk) {
		lv->l = L_SOFTINT;
		strvec_push(&lv->why, "hardint-safe not established:");
	} else
		lv->l = L_HARDINT;
	for (i = 0; i < bad.n; i++)
		strvec_push(&lv->why, bad.v[i]);
	for (i = 0; i < unk.n; i++)
		strvec_push(&lv->why, unk.v[i]);
	strvec_free(&bad);
	strvec_free(&unk);
}

void
attachments_of(const struct results *r, size_t k, const char *driver,
    struct strvec *rows)
{
	size_t i;

	for (i = 0; i < r->nc; i++)
		if (r->c[i].kernel == k && strcmp(r->c[i].driver, driver) == 0
		    && !has(rows, r->c[i].row))
			strvec_push(rows, r->c[i].row);
}

char *
attachment_label(const struct results *r, size_t k, const char *driver,
    const char *row)
{
	size_t i;

	for (i = 0; i < r->nc; i++)
		if (r->c[i].kernel == k && strcmp(r->c[i].driver, driver) == 0
		    && strcmp(r->c[i].row, row) == 0)
			return strcmp(r->c[i].unit, row) == 0 ?
			    xasprintf("%s (%s)", row, r->c[i].attach) :
			    xasprintf("%s: %s (%s)", row, r->c[i].unit,
			    r->c[i].attach);
	return xstrdup(row);
}

/* Worse levels rank lower; "not run" ranks above all (it says
   nothing). */
static int
level_rank(enum lvl l)
{
	switch (l) {
	case L_NONE: return 0;
	case L_NOTEST: return 1;
	case L_SOFTINT: return 2;
	case L_HARDINT: return 3;
	default: return 4;
	}
}

const char *
level_text(struct level *lv)
{
	if (lv->not_ruled_out == 0 || lv->l == L_NOTRUN || lv->l == L_NONE)
		return level_name(lv->l);
	snprintf(lv->text, sizeof(lv->text), "%s; %zu static chain%s not "
	    "ruled out", level_name(lv->l), lv->not_ruled_out,
	    lv->not_ruled_out == 1 ? "" : "s");
	return lv->text;
}

/*
 * The static tier's chains of the driver, of a clause that decides a
 * level, that no reading rules out: none covers them ("new"), or the
 * one that does says they are real.  Each is a reason beside the level
 * (which stays the dynamic tier's: no case met the chain), until a
 * reading says why it cannot happen.  Only the tree of this kernel's
 * release, or a tree not named.
 */
static int
ruled_out(const struct finding *f)
{
	return strcmp(f->status, "expected") == 0 &&
	    (strncmp(f->verdict, "false", 5) == 0 ||
	    strncmp(f->verdict, "cannot", 6) == 0);
}

static void
chains_not_ruled_out(const struct spec *s, const struct results *r, size_t k,
    const char *driver, struct level *lv)
{
	const struct clause *c;
	size_t i;

	for (i = 0; i < r->nf; i++) {
		const struct finding *f = &r->f[i];

		if (strcmp(f->driver, driver) != 0 || !finding_counts(f) ||
		    (strcmp(f->status, "new") != 0 &&
		    strcmp(f->status, "expected") != 0) || ruled_out(f) ||
		    (strcmp(f->tree, "-") != 0 &&
		    strcmp(f->tree, r->k[k].release) != 0) ||
		    (c = spec_find(s, f->clause)) == NULL ||
		    (strcmp(c->level, "softint-safe") != 0 &&
		    strcmp(c->level, "hardint-safe") != 0))
			continue;
		lv->not_ruled_out++;
		strvec_pushf(&lv->why, "static, %s: %s %s from %s: %s",
		    strcmp(f->status, "new") == 0 ? "no reading" :
		    "read as real", f->clause, f->kind, f->root, f->chain);
	}
}

void
driver_level(const struct spec *s, const struct results *r, size_t k,
    const char *driver, struct level *lv, char **by)
{
	struct strvec rows = { 0 };
	struct level one;
	size_t i;

	*by = NULL;
	attachments_of(r, k, driver, &rows);
	if (rows.n <= 1) {
		level_judge(s, r, k, driver, NULL, lv);
		chains_not_ruled_out(s, r, k, driver, lv);
		strvec_free(&rows);
		return;
	}
	memset(lv, 0, sizeof(*lv));
	lv->l = L_NOTRUN;
	for (i = 0; i < rows.n; i++) {
		level_judge(s, r, k, driver, rows.v[i], &one);
		if (*by == NULL || level_rank(one.l) < level_rank(lv->l)) {
			level_free(lv);
			*lv = one;
			free(*by);
			*by = attachment_label(r, k, driver, rows.v[i]);
		} else
			level_free(&one);
	}
	chains_not_ruled_out(s, r, k, driver, lv);
	strvec_free(&rows);
}

void
attachment_levels(const struct spec *s, const struct results *r, size_t k,
    const char *driver, struct strvec *out)
{
	struct strvec rows = { 0 };
	struct level one;
	char *label;
	size_t i;

	attachments_of(r, k, driver, &rows);
	for (i = 0; rows.n > 1 && i < rows.n; i++) {
		level_judge(s, r, k, driver, rows.v[i], &one);
		label = attachment_label(r, k, driver, rows.v[i]);
		strvec_pushf(out, "%s: %s", label, level_name(one.l));
		free(label);
		level_free(&one);
	}
	strvec_free(&rows);
}

void
level_free(struct level *lv)
{
	strvec_free(&lv->why);
}

/* A "no": a static chain that counts, or a fail the checker saw; the
   reason, or NULL. */
static char *
violation(const struct results *r, const struct clause *c,
    const char *driver)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (strcmp(r->f[i].driver, driver) == 0 &&
		    strcmp(r->f[i].clause, c->id) == 0 &&
		    finding_counts(&r->f[i]))
			return xasprintf("the static tier found a path "
			    "(%s from %s)", r->f[i].kind, r->f[i].root);
	for (i = 0; i < r->nc; i++)
		if (strcmp(r->c[i].driver, driver) == 0 &&
		    strcmp(r->c[i].clause, c->id) == 0 && is_fail(r->c[i].v))
			return xasprintf("the checker saw a violation "
			    "(%s, %s:%s in %s: %s)",
			    r->k[r->c[i].kernel].release, r->c[i].profile,
			    r->c[i].unit, r->c[i].context,
			    verdict_name(r->c[i].v));
	return NULL;
}

enum answer
answer_judge(const struct spec *s, const struct results *r,
    const struct clause *c, const char *driver, char **reason)
{
	const struct cell *why;
	enum state st;
	size_t k, j;
	struct strvec na = { 0 };
	int ran = 0, applies = 0;
	char *n;

	if ((*reason = violation(r, c, driver)) != NULL)
		return A_NO;
	if (!c->observed) {
		*reason = xstrdup("the checker does not observe this clause "
		    "(see its Test field): read the code");
		return A_UNKNOWN;
	}
	for (k = 0; k < r->nk; k++) {
		if (!driver_ran(r, k, driver))
			continue;
		ran = 1;
		if (!clause_applies(s, r, k, driver, c)) {
			strvec_push(&na, r->k[k].release);
			continue;
		}
		applies = 1;
		for (j = 0; j < c->contexts.n; j++) {
			st = combine(r, k, driver, NULL, c->id,
			    c->contexts.v[j], &why);
			if (st != S_PASS) {
				char *b = because(c, c->contexts.v[j], st,
				    why);
				*reason = xasprintf("%s: %s", r->k[k].release,
				    b);
				free(b);
				strvec_free(&na);
				return A_UNKNOWN;
			}
		}
	}
	if (!ran) {
		*reason = xstrdup("the driver is in no result");
		return A_UNKNOWN;
	}
	if (!applies) {
		strvec_free(&na);
		*reason = xstrdup("the checker announced this clause in no "
		    "case of the driver, on any kernel, although cases that "
		    "would have named it ran: it does not judge it for this "
		    "driver");
		return A_NA;
	}
	if (na.n == 0)
		*reason = xstrdup("every context the clause names passed on "
		    "every kernel");
	else {
		n = join(&na);
		*reason = xasprintf("every context the clause names passed on "
		    "every kernel where it applies; the checker did not "
		    "announce it for this driver on %s", n);
		free(n);
	}
	strvec_free(&na);
	return A_YES;
}

/* Table letters as in strategy-run's table, worst first. */
static int
letter(const struct cell *c, char *l)
{
	int rank = verdict_letter(c->v, regression_parse(c->regression), l);

	if (c->v == V_XFAIL && strcmp(c->cause, "emulator") == 0)
		*l = 'A';	/* ranks as X: a driver's X on a tie wins */
	return rank;
}

char
cell_letter(const struct spec *s, const struct results *r, size_t k,
    const char *driver, const struct clause *c)
{
	char best = '.', l;
	int rank = 0, n;
	size_t i;

	for (i = 0; i < r->nc; i++)
		if (r->c[i].kernel == k && strcmp(r->c[i].driver, driver) == 0 &&
		    strcmp(r->c[i].clause, c->id) == 0 &&
		    (n = letter(&r->c[i], &l)) > rank) {
			rank = n;
			best = l;
		}
	if (best == '.' && c->observed && driver_ran(r, k, driver) &&
	    !clause_applies(s, r, k, driver, c))
		best = 'n';
	return best;
}

const char *
letter_legend(void)
{
	return "worst over contexts and units: " VERDICT_LEGEND_HIGH
	    ", A expected fail the emulator explains (a QEMU artefact: "
	    "it decides no level), " VERDICT_LEGEND_LOW ", n does not "
	    "apply (never announced for the driver)";
}

/* What every report says about the clauses that decide no level. */
void
level_notes(const struct spec *s, struct strvec *out)
{
	struct strvec adv = { 0 }, unobs = { 0 };
	char *a, *u;
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->c[i].level, "softint-safe") != 0 &&
		    strcmp(s->c[i].level, "hardint-safe") != 0)
			strvec_push(&adv, s->c[i].id);
		else if (!s->c[i].observed)
			strvec_push(&unobs, s->c[i].id);
	}
	a = join(&adv);
	u = join(&unobs);
	strvec_pushf(out, "softint-safe: every softint-safe clause passes "
	    "in thread, spl, softint and callout; hardint-safe: in addition "
	    "every softint-safe and hardint-safe clause passes in hardintr "
	    "and hardintr-klock.  An expected fail (xfail) is still a fail; "
	    "a skip, a broken case or a missing result that leaves a "
	    "required clause unjudged gives \"not established\".");
	strvec_pushf(out, "A clause applies to a driver on a kernel when the "
	    "checker announced it (printed it among the clauses of a case "
	    "before running it, so that matrix.tsv has a row for it) in some "
	    "case of the driver.  A clause never announced although a case "
	    "of the driver ran that would have named it (one in the clause's "
	    "contexts whose operation the clause's checker: item lists, "
	    "seen by the rows of another clause) does not apply and decides "
	    "no level: SC-DKS-1 and SC-DKS-2 are announced only for disks "
	    "with a dksubr d_diskstart.  A clause announced and then skipped, "
	    "or whose every announcing case was skipped whole (a row with "
	    "clause \"-\") or not run, leaves the level not established.");
	strvec_pushf(out, "Advisory clauses never decide a level: %s.",
	    adv.n ? a : "none");
	strvec_pushf(out, "Clauses the checker does not observe (their Test "
	    "field has no checker item) do not decide the level, which is "
	    "the dynamic one: %s.", unobs.n ? u : "none in this spec");
	free(a);
	free(u);
	strvec_free(&adv);
	strvec_free(&unobs);
}

char *
join(const struct strvec *v)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < v->n; i++) {
		t = xasprintf("%s%s%s", s, i ? ", " : "", v->v[i]);
		free(s);
		s = t;
	}
	return s;
}

/* A note's items joined and freed, or NULL when there are none. */
static char *
note(struct strvec *p)
{
	char *s;

	if (p->n == 0)
		return NULL;
	s = join(p);
	strvec_free(p);
	return s;
}

char *
unattributed_note(const struct results *r)
{
	struct strvec p = { 0 };
	size_t i;

	for (i = 0; i < r->nc; i++)
		if (strcmp(r->c[i].driver, UNATTRIBUTED) == 0)
			strvec_pushf(&p, "%s (%s): %s %s",
			    r->k[r->c[i].kernel].release, r->c[i].profile,
			    verdict_name(r->c[i].v), r->c[i].detail);
	return note(&p);
}

char *
incomplete_note(const struct results *r)
{
	struct strvec p = { 0 };
	size_t k;

	for (k = 0; k < r->nk; k++)
		if (strcmp(r->k[k].incomplete, "-") != 0)
			strvec_pushf(&p, "%s: %s", r->k[k].release,
			    r->k[k].incomplete);
	return note(&p);
}

/* The kernels that were partial runs, with their selections. */
char *
partial_note(const struct results *r)
{
	struct strvec p = { 0 };
	size_t k;

	for (k = 0; k < r->nk; k++)
		if (strcmp(r->k[k].partial, "yes") == 0)
			strvec_pushf(&p, "%s (devices %s, contexts %s)",
			    r->k[k].release, r->k[k].devices,
			    r->k[k].contexts);
	return note(&p);
}
