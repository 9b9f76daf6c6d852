/*
 * search.c - the search from each root: breadth-first, twice (once to
 * find every call edge, once without the calls no caller's arguments can
 * reach), direct edges before generic dispatch; the sinks it meets are
 * judged by chain.c, and each root gets its row of drivers.tsv.
 * graph_link is the entry: it links the objects and searches every root.
 *
 * The search is breadth-first: the chain shown for a sink is a shortest
 * one.  A call through a slot whose implementations are in two or more
 * files is generic dispatch (scsipi_adapter.adapt_request,
 * ata_bustype.ata_bio, ld_softc.sc_start): which one runs depends on the
 * instance, which the tool does not know.  The search first takes every
 * direct edge, then the generic ones, so that a chain is marked "via
 * <slot>" only when no chain without generic dispatch reaches the sink;
 * the report counts the two apart.
 *
 * A sink whose flag is a parameter of its function (pool_get(pp, flags))
 * is judged after the search, from the callers: every call edge into the
 * function is known then, and each caller's argument is followed back
 * while it is itself a parameter.  A constant decides; a caller that
 * passes something else keeps the finding conditional, with its text.
 */
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

/*
 * dk_strategy() calls the d_diskstart of the disk it was given, not of
 * every dksubr driver: through a dkdriver field, a root reaches only
 * the functions its own driver's dkdriver holds (from the R facts).
 */
static int
own_dkdriver(struct graph *g, const struct root *r, const char *driver,
    uint32_t slot, struct list *to)
{
	const char *sl = S(g, slot);
	struct list one = { 0 };
	size_t i;
	uint32_t t;
	char name[256];

	if (strncmp(sl, "dkdriver.", 9) != 0)
		return 0;
	snprintf(name, sizeof(name), "%s", driver);
	for (i = 0; i < g->nr; i++)
		if (strcmp(S(g, g->r[i].kind), "dkdriver") == 0 &&
		    strcmp(S(g, g->r[i].field), sl + 9) == 0 &&
		    strcmp(root_driver(g, &g->r[i]), name) == 0) {
			resolve(g, g->r[i].key, S(g, g->r[i].file), &one);
			for (t = 0; t < one.n; t++)
				list_add(to, one.v[t], 1);
		}
	free(one.v);
	(void)r;
	return to->n > 0;
}

static int
stopped(struct graph *g, const struct sinks *sks, uint32_t name)
{
	const struct sink *sk = sinks_find(sks, S(g, name));

	return sk != NULL && sk->rule == RULE_STOP;
}

/*
 * The name a call's key is known by: a static function's key is
 * "file:name", and sleepers.tsv names functions (_bus_dma_uiomove).
 */
static const char *
call_name(const char *key)
{
	const char *p = strrchr(key, ':');

	return p != NULL ? p + 1 : key;
}

/* Whether the functions a call resolved to are in two or more files. */
static int
spans_files(struct graph *g, const struct list *to)
{
	uint32_t i;

	for (i = 1; i < to->n; i++)
		if (g->n[to->v[i]].file != g->n[to->v[0]].file)
			return 1;
	return 0;
}


struct pending {
	uint32_t	node, site;
};

static int
is_dead(const struct pending *d, size_t n, uint32_t node, uint32_t site)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (d[i].node == node && d[i].site == site)
			return 1;
	return 0;
}

/* How many of the .c files reached parsed, and how many cleanly. */
static void
files_clean(struct graph *g, const struct list *files, size_t *nc,
    size_t *nclean)
{
	uint32_t i, id;
	const char *f;
	size_t l;

	*nc = *nclean = 0;
	for (i = 0; i < files->n; i++) {
		id = files->v[i];
		f = S(g, id);
		l = strlen(f);
		if (l < 2 || strcmp(f + l - 2, ".c") != 0 || id >= g->ntuerr ||
		    g->tuerr[id] == 0)
			continue;
		(*nc)++;
		if (g->tuerr[id] == 1)
			(*nclean)++;
	}
}

/* A root in a file that no port builds: a row, and no search. */
static void
unbuilt_row(struct graph *g, const struct root *r, struct lintresult *res)
{
	struct rootrow *row;

	grow((void **)&res->r, &res->capr, res->nr, sizeof(*res->r));
	row = &res->r[res->nr++];
	memset(row, 0, sizeof(*row));
	row->driver = xstrdup(root_driver(g, r));
	row->root = xstrdup(S(g, r->name));
	row->file = xstrdup(S(g, r->file));
	row->field = xstrdup(S(g, r->field));
	row->dks3 = xstrdup("-");
	row->port = xstrdup("-");
	row->resolved = 1;
	row->ffirst = row->fend = res->nf;
}

/*
 * One root's search: what the steps below share.  The search runs
 * twice (pass 0, pass 1); within a pass it takes the direct edges
 * first (phase 1) and generic dispatch after (phase 2).
 */
struct rsearch {
	struct graph		*g;
	const struct sinks	*sks;
	struct search		*q;
	const struct root	*r;
	struct lintresult	*res;
	size_t			*fcap;
	char			*driver;	/* a copy of root_driver() */
	struct list		 start, to, files;
	uint32_t		 head, tail;
	int			 pass, phase;
	/* sinks judged after the search, when every caller is known */
	struct pending		*pend;
	size_t			 npend, cappend;
	/* nodes reached through generic dispatch in phase 1 */
	struct pending		*def;
	size_t			 ndef, capdef;
	/* the calls no caller's arguments can reach (pass 1) */
	struct pending		*dead;
	size_t			 ndead, capdead;
	struct path		*wit;	/* the caller that lets it run */
};

static void
pending_add(struct pending **v, size_t *cap, size_t *n, uint32_t node,
    uint32_t site)
{

	grow((void **)v, cap, *n, sizeof(**v));
	(*v)[*n].node = node;
	(*v)[(*n)++].site = site;
}

/* After pass 0: the calls no caller's arguments can meet are dead. */
static void
find_dead(struct rsearch *w)
{
	struct graph *g = w->g;
	struct search *q = w->q;
	struct site *s;
	uint32_t n, i;
	size_t k;

	w->ndead = 0;
	for (k = 0; k < w->tail; k++) {
		n = q->queue[k];
		for (i = 0; i < g->n[n].ns; i++) {
			s = &g->n[n].s[i];
			if ((s->type != SITE_CALL && s->type != SITE_SLOT) ||
			    S(g, s->req)[0] == '-' || feasible(g, q, n, s))
				continue;
			pending_add(&w->dead, &w->capdead, &w->ndead, n, i);
		}
	}
	w->res->ndead += w->ndead;
	for (k = 0; k < w->ndead; k++)
		q->deadmark[w->dead[k].node] = q->stamp + 1;
}

/* A new pass: the queue holds the root's definitions. */
static void
pass_start(struct rsearch *w)
{
	struct search *q = w->q;
	uint32_t i, v;

	q->stamp++;
	q->ne = 0;
	w->head = w->tail = 0;
	w->phase = 1;
	w->ndef = 0;
	w->files.n = 0;
	resolve(w->g, w->r->key, S(w->g, w->r->file), &w->start);
	for (i = 0; i < w->start.n; i++) {
		v = w->start.v[i];
		q->seen[v] = q->stamp;
		q->from[v] = UINT32_MAX;
		q->gen[v] = 0;
		q->queue[w->tail++] = v;
	}
}

/* A call site: a sink, an alias, or the callee's definitions. */
static void
site_call(struct rsearch *w, uint32_t n, struct site *s)
{
	struct graph *g = w->g;
	const struct sink *sk;
	const char *nm;

	nm = call_name(S(g, s->target));
	sk = sinks_find(w->sks, nm);
	if (sk != NULL && sk->rule == RULE_ALWAYS) {
		if (w->pass == 1)
			finding_at(g, w->q, n, s, nm, NULL, w->res, w->fcap,
			    w->driver, w->r, sk->clause, sk->kind, nm);
	}
	else if (sk != NULL && sk->rule == RULE_ALIAS)
		/* VOP_STRATEGY on a device vnode */
		resolve(g, intern(g, sk->flag), S(g, s->file), &w->to);
	else if (sk == NULL || sk->rule != RULE_STOP)
		resolve(g, s->target, S(g, s->file), &w->to);
}

/*
 * A call through a slot: every function stored there.  Returns
 * whether that is generic dispatch (implementations in two files).
 */
static int
site_slot(struct rsearch *w, uint32_t n, struct site *s)
{
	struct graph *g = w->g;
	struct list one = { 0 };
	char *argcond;
	uint32_t j, t;

	if (stopped(g, w->sks, s->target))
		return 0;
	if (s->target >= g->capidx || g->slots[s->target].n == 0) {
		if (w->pass == 0)
			return 0;
		argcond = xasprintf("nothing stored into %s",
		    S(g, s->target));
		finding_at(g, w->q, n, s, S(g, s->text), argcond, w->res,
		    w->fcap, w->driver, w->r, "-", "unresolved",
		    S(g, s->text));
		free(argcond);
		return 0;
	}
	if (own_dkdriver(g, w->r, w->driver, s->target, &w->to))
		return 0;
	for (j = 0; j < g->slots[s->target].n; j++) {
		one.n = 0;
		resolve(g, g->slots[s->target].v[j], S(g, s->file), &one);
		for (t = 0; t < one.n; t++)
			list_add(&w->to, one.v[t], 0);
	}
	free(one.v);
	return spans_files(g, &w->to);
}

/* A sink site: judged now, or after the search if its flag is a
 * parameter. */
static void
site_sink(struct rsearch *w, uint32_t n, uint32_t i, struct site *s)
{
	struct graph *g = w->g;
	const struct sink *sk;
	char *argcond, *label, buf[256], expr[96];
	const char *a, *text;
	struct val v;

	sk = sinks_find(w->sks, S(g, s->target));
	if (sk == NULL)
		return;
	/* a flag that is a parameter: after the search, when every
	 * caller is known */
	if (sk->arg >= 0 && sk->rule != RULE_LOCK &&
	    (a = nth_arg(S(g, s->text), sk->arg, buf, sizeof(buf))) != NULL &&
	    a[0] == '?') {
		(void)sink_arg(a, expr, sizeof(expr), &text);
		if (expr[0] != '-' && one_param(expr) != -2) {
			pending_add(&w->pend, &w->cappend, &w->npend, n, i);
			return;
		}
	}
	a = sk->arg >= 0 ? nth_arg(S(g, s->text), sk->arg, buf,
	    sizeof(buf)) : NULL;
	v = a != NULL ? sink_arg(a, expr, sizeof(expr), &text) : val_unknown;
	if (!judge_val(g, sk, s, a != NULL, v, a != NULL ? text : "",
	    &argcond, &label))
		return;
	finding_at(g, w->q, n, s, label, argcond, w->res, w->fcap, w->driver,
	    w->r, sk->clause, sk->kind, S(g, s->target));
	free(argcond);
	free(label);
}

/*
 * Whether a site waits for the end of the search: a sink (or a call
 * of one) under a guard over the parameters, judged when every caller
 * is known.
 */
static int
site_waits(struct rsearch *w, const struct site *s)
{
	struct graph *g = w->g;
	const struct sink *sk;

	return w->pass == 1 && S(g, s->req)[0] != '-' &&
	    (s->type == SITE_SINK || (s->type == SITE_CALL &&
	    (sk = sinks_find(w->sks, call_name(S(g, s->target)))) != NULL &&
	    sk->rule == RULE_ALWAYS));
}

/* The callees of a site join the queue; generic ones wait for phase 2. */
static void
enqueue(struct rsearch *w, uint32_t n, uint32_t i, int gen)
{
	struct search *q = w->q;
	uint32_t j, t;

	for (j = 0; j < w->to.n; j++) {
		t = w->to.v[j];
		edge_add(q, t, n, i, gen);
		if (q->seen[t] == q->stamp)
			continue;
		if (gen && w->phase == 1) {
			pending_add(&w->def, &w->capdef, &w->ndef, t, i);
			continue;
		}
		q->seen[t] = q->stamp;
		q->from[t] = n;
		q->via[t] = i;
		q->gen[t] = (uint8_t)gen;
		q->queue[w->tail++] = t;
	}
}

/* One site of a reached node. */
static void
visit_site(struct rsearch *w, uint32_t n, uint32_t i)
{
	struct graph *g = w->g;
	struct site *s = &g->n[n].s[i];
	int gen = 0;

	w->to.n = 0;
	if (w->pass == 1 && w->q->deadmark[n] == w->q->stamp &&
	    is_dead(w->dead, w->ndead, n, i))
		return;
	/* the first pass only follows the calls */
	if (w->pass == 0 && s->type != SITE_CALL && s->type != SITE_SLOT)
		return;
	if (site_waits(w, s)) {
		pending_add(&w->pend, &w->cappend, &w->npend, n, i);
		return;
	}
	switch (s->type) {
	case SITE_CALL:
		site_call(w, n, s);
		break;
	case SITE_SLOT:
		gen = site_slot(w, n, s);
		break;
	case SITE_UNRES:
		finding_at(g, w->q, n, s, S(g, s->text),
		    "a call through a local pointer", w->res, w->fcap,
		    w->driver, w->r, "-", "unresolved", S(g, s->text));
		break;
	case SITE_SINK:
		site_sink(w, n, i, s);
		break;
	}
	enqueue(w, n, i, gen);
}

/*
 * Phase 2: the direct graph is done; each node first reached through
 * generic dispatch joins by its first generic edge, in the order seen.
 */
static void
generic_phase(struct rsearch *w)
{
	struct search *q = w->q;
	uint32_t j, t;
	size_t k;

	w->phase = 2;
	for (k = 0; k < w->ndef; k++) {
		t = w->def[k].node;
		if (q->seen[t] == q->stamp)
			continue;
		for (j = edge_first(q, t); j != UINT32_MAX; j = q->e[j].next)
			if (q->e[j].gen)
				break;
		if (j == UINT32_MAX)
			continue;
		q->seen[t] = q->stamp;
		q->from[t] = q->e[j].from;
		q->via[t] = q->e[j].site;
		q->gen[t] = 1;
		q->queue[w->tail++] = t;
	}
}

/* One pass: breadth-first, direct edges then generic dispatch. */
static void
search_pass(struct rsearch *w)
{
	struct graph *g = w->g;
	uint32_t n, i;

	pass_start(w);
	for (;;) {
		while (w->head < w->tail) {
			n = w->q->queue[w->head++];
			list_add(&w->files, g->n[n].file, 1);
			for (i = 0; i < g->n[n].ns; i++)
				visit_site(w, n, i);
		}
		if (w->phase == 2 || w->ndef == 0)
			break;
		generic_phase(w);
	}
}

/* The sinks that waited: judged by the chains that reach them. */
static void
judge_pending(struct rsearch *w)
{
	struct graph *g = w->g;
	const struct sink *sk;
	struct site *s;
	char *argcond, *label, buf[256], expr[96];
	const char *a, *text, *nm;
	struct val v;
	uint32_t n;
	size_t k;

	for (k = 0; k < w->npend; k++) {
		n = w->pend[k].node;
		s = &g->n[n].s[w->pend[k].site];
		if (!feasible_path(g, w->q, n, s, w->wit)) {
			w->res->ndead++;
			continue;
		}
		if (s->type == SITE_CALL) {
			nm = call_name(S(g, s->target));
			sk = sinks_find(w->sks, nm);
			finding_via(g, w->q, n, w->wit, s, nm, NULL, w->res,
			    w->fcap, w->driver, w->r, sk->clause, sk->kind, nm);
			continue;
		}
		sk = sinks_find(w->sks, S(g, s->target));
		if (judge_up(g, w->q, sk, n, s, w->res, w->fcap, w->driver,
		    w->r))
			continue;
		/* not decided by the callers after all: as usual */
		a = nth_arg(S(g, s->text), sk->arg, buf, sizeof(buf));
		v = a != NULL ? sink_arg(a, expr, sizeof(expr), &text) :
		    val_unknown;
		if (judge_val(g, sk, s, a != NULL, v, a != NULL ? text : "",
		    &argcond, &label))
			finding_via(g, w->q, n, w->wit, s, label, argcond,
			    w->res, w->fcap, w->driver, w->r, sk->clause,
			    sk->kind, S(g, s->target));
		free(argcond);
		free(label);
	}
}

/* drivers.tsv's row of a searched root. */
static void
root_row(struct rsearch *w, size_t first)
{
	struct graph *g = w->g;
	const struct root *r = w->r;
	struct lintresult *res = w->res;
	struct rootrow *row;
	char *dks;

	dks = strcmp(S(g, r->field), "d_diskstart") == 0 ?
	    dks3(g, r, &w->start, res, w->fcap, w->driver) : xstrdup("-");
	grow((void **)&res->r, &res->capr, res->nr, sizeof(*res->r));
	row = &res->r[res->nr++];
	memset(row, 0, sizeof(*row));
	row->driver = xstrdup(w->driver);
	row->root = xstrdup(S(g, r->name));
	row->file = xstrdup(S(g, r->file));
	row->field = xstrdup(S(g, r->field));
	row->dks3 = dks;
	row->reached = w->tail;
	row->nfiles = w->files.n;
	row->resolved = w->start.n > 0;
	row->ffirst = first;
	row->fend = res->nf;
	row->port = xstrdup(config_port(g->cfg, g->home));
	row->built = 1;
	files_clean(g, &w->files, &row->ncfiles, &row->nclean);
}

static void
search_root(struct graph *g, const struct sinks *sks, struct search *q,
    const struct root *r, struct lintresult *res, size_t *fcap)
{
	static struct path witbuf;
	struct rsearch w;
	size_t first = res->nf;

	memset(&w, 0, sizeof(w));
	w.g = g;
	w.sks = sks;
	w.q = q;
	w.r = r;
	w.res = res;
	w.fcap = fcap;
	w.wit = &witbuf;
	/* root_driver() answers in a buffer of its own: keep a copy */
	w.driver = xstrdup(root_driver(g, r));
	/*
	 * Twice: the first search finds every edge, from which the calls
	 * that no caller's arguments can reach are known (dead); the second
	 * leaves them out and reports.
	 */
	for (w.pass = 0; w.pass < 2; w.pass++) {
		if (w.pass == 1)
			find_dead(&w);
		search_pass(&w);
	}
	judge_pending(&w);
	root_row(&w, first);
	free(w.start.v);
	free(w.to.v);
	free(w.files.v);
	free(w.pend);
	free(w.def);
	free(w.dead);
	free(w.driver);
}

/* Each TU's parse errors by its file's string: 1 clean, 2 errors. */
static void
tu_index(struct graph *g)
{
	size_t i;
	uint32_t id;

	for (i = 0; i < g->nt; i++)
		(void)intern(g, g->t[i].file);
	g->ntuerr = g->nstr;
	g->tuerr = xcalloc(g->ntuerr + 1, 1);
	for (i = 0; i < g->nt; i++) {
		id = intern(g, g->t[i].file);
		g->tuerr[id] = g->t[i].nerr == 0 ? 1 : 2;
	}
}

void
graph_link(struct graph *g, const struct sinks *sks, struct lintresult *res)
{
	struct search q;
	size_t i, j, fcap = 0;
	int dup;

	memset(res, 0, sizeof(*res));
	memset(&q, 0, sizeof(q));
	tu_index(g);
	g->sks = sks;
	objects_link(g);
	q.seen = xcalloc(g->nn + 1, sizeof(*q.seen));
	q.from = xcalloc(g->nn + 1, sizeof(*q.from));
	q.via = xcalloc(g->nn + 1, sizeof(*q.via));
	q.gen = xcalloc(g->nn + 1, sizeof(*q.gen));
	q.queue = xcalloc(g->nn + 1, sizeof(*q.queue));
	q.head = xcalloc(g->nn + 1, sizeof(*q.head));
	q.headstamp = xcalloc(g->nn + 1, sizeof(*q.headstamp));
	q.deadmark = xcalloc(g->nn + 1, sizeof(*q.deadmark));
	q.stamp = 0;
	for (i = 0; i < g->nr; i++) {
		/* one function given by a bdevsw and its dkdriver */
		for (dup = 0, j = 0; j < i; j++)
			if (g->r[j].key == g->r[i].key &&
			    g->r[j].file == g->r[i].file &&
			    strcmp(root_driver(g, &g->r[j]),
			    root_driver(g, &g->r[i])) == 0)
				dup = 1;
		if (dup)
			continue;
		g->home = config_home(g->cfg, S(g, g->r[i].file));
		if (g->cfg != NULL && g->home < 0)
			unbuilt_row(g, &g->r[i], res);
		else
			search_root(g, sks, &q, &g->r[i], res, &fcap);
	}
	res->t = g->t;
	res->nt = g->nt;
	res->nfunc = g->nn;
	for (i = 0; i < g->nl; i++)
		res->nlocks += 1;
	free(q.seen);
	free(q.from);
	free(q.via);
	free(q.gen);
	free(q.queue);
	free(q.head);
	free(q.headstamp);
	free(q.deadmark);
	free(q.e);
}
