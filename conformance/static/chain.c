/*
 * chain.c - a finding's chain, judged whole: the sink's flag or lock
 * (judge_val), the chain's text and signature, every guard on the chain
 * evaluated with the arguments each call passes (chain_eval), and, when
 * the search's shortest chain is false, the walk up the callers to one
 * that holds (judge_up, feasible_path).  Apart from the search, which
 * only finds the chains.
 */
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

/* The one parameter an expression reads; -1 several, -2 none. */
int
one_param(const char *e)
{
	int p = -2, n;
	char *end;

	for (; *e != '\0'; e++)
		if (*e == 'p') {
			n = (int)strtol(e + 1, &end, 10);
			if (p >= 0 && n != p)
				return -1;
			p = n;
			e = end - 1;
		}
	return p;
}

/*
 * A sink's argument: =v, or ?must:may:expr:text.  *expr gets the
 * parameter expression ("-" none) and *text the source text.
 */
struct val
sink_arg(const char *a, char *expr, size_t elen, const char **text)
{
	struct val v;
	char *e;
	const char *x;

	snprintf(expr, elen, "-");
	*text = a;
	if (a[0] == '=')
		return val_const((unsigned long long)strtoll(a + 1, NULL, 0));
	v.must = strtoull(a + 1, &e, 16);
	v.may = *e == ':' ? strtoull(e + 1, &e, 16) : ~0ULL;
	if (*e == ':' && (x = strchr(e + 1, ':')) != NULL) {
		snprintf(expr, elen, "%.*s", (int)(x - e - 1), e + 1);
		*text = x + 1;
	} else if (*e == ':')
		*text = e + 1;
	return v;
}

/*
 * Whether a sink call is a finding, given its argument's value: 0 no,
 * 1 yes; *cond gets the condition when it decides only at run time.
 */
int
judge_val(struct graph *g, const struct sink *sk, const struct site *s,
    int have, struct val v, const char *text, char **cond, char **label)
{
	char lbuf[600], kbuf[256];
	const char *args = S(g, s->text), *lk;
	int known = v.must == v.may;
	size_t i;

	*cond = NULL;
	*label = xstrdup(S(g, s->target));
	switch (sk->rule) {
	case RULE_ALWAYS:
		return 1;
	case RULE_SET:
	case RULE_CLEAR:
		if (!have)
			return 0;
		if ((v.must & sk->mask) != 0)
			return sk->rule == RULE_SET;
		if ((v.may & sk->mask) == 0)
			return sk->rule == RULE_CLEAR;
		*cond = xasprintf("%s: %s %s %s", S(g, s->target), text,
		    sk->rule == RULE_SET ? "has" : "lacks", sk->flag);
		return 1;
	case RULE_TRUE:
		if (!have)
			return 0;
		if (truth(v) >= 0)
			return truth(v);
		*cond = xasprintf("%s: %s true", S(g, s->target), text);
		return 1;
	case RULE_KMEM:
		if (have && (v.must & 1) != 0)
			return 1;
		if (have && (v.may & 1) != 0)
			*cond = xasprintf("%s: %s has KM_SLEEP; any call is "
			    "unsafe in interrupt context", S(g, s->target),
			    text);
		else
			*cond = xasprintf("in interrupt context: kmem(9) "
			    "asserts !cpu_intr_p() && !cpu_softintr_p()");
		return 1;
	case RULE_LOCK:
		lk = strstr(args, "lock=");
		lk = lk ? lk + 5 : "?";
		/* lock=slot, then maybe lockobj=pN */
		snprintf(kbuf, sizeof(kbuf), "%.*s", (int)strcspn(lk, "\t"),
		    lk);
		lk = kbuf;
		snprintf(lbuf, sizeof(lbuf), "%s(%s)", S(g, s->target), lk);
		free(*label);
		*label = xstrdup(lbuf);
		for (i = 0; i < g->nl; i++)
			if (strcmp(S(g, g->l[i].key), lk) == 0)
				break;
		if (i == g->nl || (g->l[i].adaptive == 0 &&
		    g->l[i].maybe == 0))
			return 0;	/* spin, or never seen initialised */
		if (g->l[i].adaptive == 0 || g->l[i].spin > 0)
			*cond = xasprintf("%s initialised both ways or at a "
			    "run-time IPL: %s", lk, S(g, g->l[i].text));
		return 1;
	case RULE_DELAY:
		if (!have)
			return 0;
		if (s->loop)
			return 1;
		if (known)
			return v.must >= (unsigned long long)sk->mask;
		*cond = xasprintf("%s(%s) of %lld us or more", S(g, s->target),
		    text, sk->mask);
		return 1;
	default:
		return 0;
	}
}



void
edge_add(struct search *q, uint32_t to, uint32_t from, uint32_t site,
    int gen)
{
	struct edge *e;

	if (q->headstamp[to] != q->stamp) {
		q->headstamp[to] = q->stamp;
		q->head[to] = UINT32_MAX;
	}
	grow((void **)&q->e, &q->cape, q->ne, sizeof(*q->e));
	e = &q->e[q->ne];
	e->from = from;
	e->site = site;
	e->gen = (uint8_t)gen;
	e->next = q->head[to];
	q->head[to] = (uint32_t)q->ne++;
}

uint32_t
edge_first(const struct search *q, uint32_t to)
{

	return q->headstamp[to] == q->stamp ? q->head[to] : UINT32_MAX;
}


/* The search's chain to node n. */
static void
bfs_path(const struct search *q, uint32_t n, struct path *p)
{
	uint32_t tmp[MAXPATH], k;
	unsigned m = 0, i;

	for (k = n; m < MAXPATH; k = q->from[k]) {
		tmp[m++] = k;
		if (q->from[k] == UINT32_MAX)
			break;
	}
	p->n = 0;
	for (i = m; i-- > 0;) {
		p->node[p->n] = tmp[i];
		p->gen[p->n] = i + 1 < m ? q->gen[tmp[i]] : 0;
		if (p->n > 0)
			p->site[p->n - 1] = q->via[tmp[i]];
		p->n++;
	}
}

/*
 * "f (file:line) -> g (file:line) -> sink"; guards go to *cond; *via
 * gets the first generic slot on the way, or NULL.
 */
static void
chain_fmt(struct graph *g, const struct path *p, const struct site *s,
    const char *label, const char *argcond, char **chain, char **cond,
    char **via)
{
	const struct site *e, *in;
	size_t len = 1, clen = 1;
	unsigned i;
	int slot;
	char *c, *d, *part;

	*via = NULL;
	c = xstrdup("");
	d = xstrdup("");
	for (i = 0; i < p->n; i++) {
		e = i + 1 == p->n ? s : &g->n[p->node[i]].s[p->site[i]];
		in = i > 0 ? &g->n[p->node[i - 1]].s[p->site[i - 1]] : NULL;
		slot = in != NULL && in->type == SITE_SLOT;
		if (slot && p->gen[i] && *via == NULL)
			*via = xstrdup(S(g, in->target));
		part = xasprintf("%s%s%s%s (%s:%u)", slot ? "[" : "",
		    slot ? S(g, in->target) : "", slot ? "] " : "",
		    S(g, g->n[p->node[i]].name), S(g, e->file), e->line);
		len += strlen(part) + 4;
		c = xrealloc(c, len);
		if (c[0] != '\0')
			strcat(c, " -> ");
		strcat(c, part);
		free(part);
		if (S(g, e->guard)[0] != '\0') {
			part = xasprintf("%s: %s", S(g, g->n[p->node[i]].name),
			    S(g, e->guard));
			clen += strlen(part) + 4;
			d = xrealloc(d, clen);
			if (d[0] != '\0')
				strcat(d, " ; ");
			strcat(d, part);
			free(part);
		}
	}
	len += strlen(label) + 4;
	c = xrealloc(c, len);
	strcat(c, " -> ");
	strcat(c, label);
	if (argcond != NULL) {
		clen += strlen(argcond) + 4;
		d = xrealloc(d, clen);
		if (d[0] != '\0')
			strcat(d, " ; ");
		strcat(d, argcond);
	}
	*chain = c;
	*cond = d;
}

/* "f (file:line) -> g (file:line) -> sink" -> "f -> g -> sink". */
static char *
chain_signature(const char *chain)
{
	char *sig = xmalloc(strlen(chain) + 1), *o = sig;
	const char *p = chain, *close;

	while (*p != '\0') {
		if (p[0] == ' ' && p[1] == '(' &&
		    (close = strchr(p, ')')) != NULL &&
		    memchr(p, ':', close - p) != NULL &&
		    (close[1] == '\0' || close[1] == ' ')) {
			p = close + 1;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return sig;
}

void
add_finding(struct lintresult *res, size_t *cap, struct graph *g,
    const char *driver, const struct root *r, const char *clause,
    const char *kind, const char *sink, uint32_t where, char *chain,
    char *cond, char *via)
{
	struct finding *f;

	grow((void **)&res->f, cap, res->nf, sizeof(*res->f));
	f = &res->f[res->nf++];
	memset(f, 0, sizeof(*f));
	f->driver = xstrdup(driver);
	f->root = xstrdup(S(g, r->name));
	f->rootfile = xstrdup(S(g, r->file));
	f->clause = xstrdup(clause);
	f->kind = xstrdup(kind);
	f->sink = xstrdup(sink);
	f->where = xstrdup(S(g, g->n[where].name));
	f->chain = chain;
	f->condition = cond;
	f->via = via;
	f->signature = chain_signature(chain);
}


/*
 * A chain judged as a whole: the constants and objects each call
 * passes are carried down (bind_args), and every call's guards are
 * evaluated against them, and so is the sink's flag or lock at the
 * end.  uvm_km_kmem_alloc's uvm_pagealloc(NULL, ...) never runs
 * uvm_pagealloc_strat's "if (obj)" branch; spec_io_enter's
 * vdead_check(vp, VDEAD_NOWAIT) never waits; scsipi_xfer_pool is not
 * PR_PSERIALIZE, so pool_allocator_free does not reach xc_barrier.
 * Returns 0 when some guard or the sink's rule is false on it.
 */
static struct val
eval_bound(const char *expr, const struct val *cur)
{
	struct val v;

	memcpy(argbind, cur, sizeof(argbind));
	nargbind = MAXBIND;
	v = eval_expr(expr, BIND_ALL, val_unknown);
	nargbind = 0;
	return v;
}

static int
sink_holds(struct graph *g, const struct site *s, const struct sink *sk,
    const struct val *cur)
{
	char buf[256], expr[128], field[300];
	const char *a, *text, *lo, *lk;
	char *cond, *label;
	struct val v, b, iv;
	int r, pn;

	if (sk == NULL || s->type != SITE_SINK)
		return 1;
	if (sk->rule == RULE_LOCK) {
		if ((lo = strstr(S(g, s->text), "lockobj=p")) == NULL ||
		    (lk = strstr(S(g, s->text), "lock=")) == NULL)
			return 1;
		pn = atoi(lo + 9);
		if (pn < 0 || pn >= MAXBIND || cur[pn].obj == 0)
			return 1;
		snprintf(field, sizeof(field), "%.*s#ipl",
		    (int)strcspn(lk + 5, "\t"), lk + 5);
		iv = objfield_get(cur[pn].obj, field);
		if (iv.must != iv.may)
			return 1;
		return (long long)iv.must <= g->sks->adaptive_ipl_max;
	}
	if (sk->arg < 0 || (a = nth_arg(S(g, s->text), sk->arg, buf,
	    sizeof(buf))) == NULL || a[0] != '?')
		return 1;
	v = sink_arg(a, expr, sizeof(expr), &text);
	if (expr[0] == '-')
		return 1;
	b = eval_bound(expr, cur);
	v.must |= b.must;
	v.may &= b.may;
	r = judge_val(g, sk, s, 1, v, text, &cond, &label);
	free(cond);
	free(label);
	return r;
}

static int
chain_eval(struct graph *g, const struct path *p, const struct site *s,
    const struct sink *sk)
{
	struct val cur[MAXBIND], nxt[MAXBIND];
	const struct site *e;
	const char *req;
	unsigned i;

	for (i = 0; i < MAXBIND; i++)
		cur[i] = val_unknown;
	for (i = 0; i < p->n; i++) {
		e = i + 1 == p->n ? s : &g->n[p->node[i]].s[p->site[i]];
		req = S(g, e->req);
		if (req[0] != '-' && req[0] != '\0' &&
		    truth(eval_bound(req, cur)) == 0)
			return 0;
		if (i + 1 < p->n) {
			bind_args(g, e, cur, nxt);
			memcpy(cur, nxt, sizeof(cur));
		}
	}
	return sink_holds(g, s, sk, cur);
}

/*
 * Another chain to the same sink call when the search's own is false:
 * the callers are walked up from the sink's function to the root
 * (direct calls first, then generic dispatch too), and the first chain
 * that holds is taken.  The walk has a budget: when it runs out, the
 * finding is kept on the search's chain, as before.
 */
#define CHAIN_BUDGET	20000

struct chainctx {
	struct graph		*g;
	struct search		*q;
	const struct site	*s;
	const struct sink	*sk;
	uint32_t		 node[MAXPATH], site[MAXPATH];
	uint8_t			 gen[MAXPATH];
	unsigned		 steps;
	int			 found, truncated, allowgen;
	struct path		 best;
};

static void
chain_top(struct chainctx *c, unsigned depth)
{
	struct path p;
	unsigned i;

	p.n = depth + 1;
	for (i = 0; i <= depth; i++) {
		p.node[i] = c->node[depth - i];
		if (i < depth)
			p.site[i] = c->site[depth - i];
		p.gen[i] = i > 0 ? c->gen[depth - i] : 0;
	}
	if (chain_eval(c->g, &p, c->s, c->sk)) {
		c->found = 1;
		c->best = p;
	}
}

static void
chain_up(struct chainctx *c, uint32_t node, unsigned depth)
{
	const struct edge *e;
	uint32_t ei;
	unsigned k;

	if (c->found)
		return;
	if (++c->steps > CHAIN_BUDGET) {
		c->truncated = 1;
		return;
	}
	c->node[depth] = node;
	if (c->q->from[node] == UINT32_MAX) {
		chain_top(c, depth);
		if (c->found)
			return;
	}
	if (depth + 2 >= MAXPATH) {
		c->truncated = 1;
		return;
	}
	for (ei = edge_first(c->q, node); ei != UINT32_MAX && !c->found;
	    ei = e->next) {
		e = &c->q->e[ei];
		if (e->gen && !c->allowgen)
			continue;
		for (k = 0; k <= depth; k++)
			if (c->node[k] == e->from)
				break;
		if (k <= depth)
			continue;
		c->site[depth + 1] = e->site;
		c->gen[depth] = e->gen;
		chain_up(c, e->from, depth + 1);
	}
}

/* 1: keep the finding, on *p (replaced by a chain that holds); 0: none. */
static int
chain_pick(struct graph *g, struct search *q, uint32_t n,
    const struct site *s, struct path *p)
{
	struct chainctx *c;
	const struct sink *sk = s->type == SITE_SINK ?
	    sinks_find(g->sks, S(g, s->target)) : NULL;
	int keep;

	if (chain_eval(g, p, s, sk))
		return 1;
	c = xcalloc(1, sizeof(*c));
	c->g = g;
	c->q = q;
	c->s = s;
	c->sk = sk;
	for (c->allowgen = 0; c->allowgen < 2 && !c->found; c->allowgen++)
		chain_up(c, n, 0);
	if (c->found)
		*p = c->best;
	keep = c->found || c->truncated;
	free(c);
	return keep;
}

/* A finding at the end of the search's own chain to node n. */
void
finding_at(struct graph *g, struct search *q, uint32_t n,
    const struct site *s, const char *label, const char *argcond,
    struct lintresult *res, size_t *fcap, const char *driver,
    const struct root *r, const char *clause, const char *kind,
    const char *sink)
{
	struct path p;
	char *chain, *cond, *via;

	bfs_path(q, n, &p);
	if (strcmp(kind, "unresolved") != 0 && !chain_pick(g, q, n, s, &p)) {
		res->ndead++;
		return;
	}
	chain_fmt(g, &p, s, label, argcond, &chain, &cond, &via);
	add_finding(res, fcap, g, driver, r, clause, kind, sink, n, chain,
	    cond, via);
}

/*
 * A finding at the end of a given chain (the caller whose arguments
 * let the guards hold), or of the search's own when there is none.
 */
void
finding_via(struct graph *g, struct search *q, uint32_t n,
    const struct path *wit, const struct site *s, const char *label,
    const char *argcond, struct lintresult *res, size_t *fcap,
    const char *driver, const struct root *r, const char *clause,
    const char *kind, const char *sink)
{
	char *chain, *cond, *via;
	struct path p;

	if (wit == NULL || wit->n == 0) {
		finding_at(g, q, n, s, label, argcond, res, fcap, driver, r,
		    clause, kind, sink);
		return;
	}
	/*
	 * The search's own chain when it holds: it takes direct calls
	 * before generic dispatch, which the callers' witness need not
	 * (scsipi_complete's kpause, through cd_diskstart's own
	 * scsipi_execute_xs, not an adapter's completion)
	 */
	bfs_path(q, n, &p);
	if (chain_eval(g, &p, s, s->type == SITE_SINK ?
	    sinks_find(g->sks, S(g, s->target)) : NULL)) {
		chain_fmt(g, &p, s, label, argcond, &chain, &cond, &via);
		add_finding(res, fcap, g, driver, r, clause, kind, sink, n,
		    chain, cond, via);
		return;
	}
	p = *wit;
	if (!chain_pick(g, q, n, s, &p)) {
		res->ndead++;
		return;
	}
	chain_fmt(g, &p, s, label, argcond, &chain, &cond, &via);
	add_finding(res, fcap, g, driver, r, clause, kind, sink, n, chain,
	    cond, via);
}

/*
 * Following a flag back through the callers.  A frame is one call edge
 * upward: the edge, and the caller's argument expression over the
 * caller's parameter q.  The best witness found is kept: a definite
 * sleep before a conditional one, a direct chain before a generic one.
 */
#define MAXUP		8
#define MAXLEAVES	512

struct upframe {
	uint32_t	 edge;
	char		 expr[96];
	char		 text[64];	/* the argument as written */
	int		 q;
};

struct upctx {
	struct graph		*g;
	struct search		*q;
	const struct sink	*sk;
	const struct site	*s;		/* the sink call */
	uint32_t		 sinknode;
	const char		*sexpr;		/* the sink arg's expression */
	int			 sp;		/* and its parameter */
	const char		*stext;
	struct upframe		 fr[MAXUP];
	int			 nfr;
	unsigned		 leaves;
	/* the best so far */
	int			 score;
	struct path		 best;
	char			*bestcond;
	/* feasibility instead: some caller lets the guards hold */
	int			 feas;
};

/* A walk up from sink site s at node n, for its argument expr, which is
   parameter p of the function there (text: the site's own). */
static void
up_begin(struct upctx *u, struct graph *g, struct search *q,
    const struct site *s, uint32_t n, const char *expr, int p,
    const char *text)
{

	memset(u, 0, sizeof(*u));
	u->g = g;
	u->q = q;
	u->s = s;
	u->sinknode = n;
	u->sexpr = expr;
	u->sp = p;
	u->stext = text;
}

/* The path of the current frames, topped by edge top (or none). */
static void
up_path(struct upctx *u, uint32_t topnode, uint32_t topedge, struct path *p)
{
	int k;
	const struct edge *e;

	bfs_path(u->q, topnode, p);
	/* frames: fr[nfr-1] is the edge from topnode down, if any */
	if (topedge != UINT32_MAX) {
		e = &u->q->e[topedge];
		(void)e;
	}
	for (k = u->nfr - 1; k >= 0 && p->n < MAXPATH; k--) {
		e = &u->q->e[u->fr[k].edge];
		p->site[p->n - 1] = e->site;
		p->gen[p->n] = e->gen;
		/* the node this edge goes into */
		p->node[p->n] = k > 0 ? u->q->e[u->fr[k - 1].edge].from :
		    u->sinknode;
		p->n++;
	}
}

/* A leaf: the caller at the top passes v (text: how it reads). */
static void
up_leaf(struct upctx *u, uint32_t topnode, struct val v, const char *how)
{
	struct val x = v;
	struct path p;
	char *cond, *label, *via, *chain, *dcond, *desc, *t;
	int k, r, score, have = 1;
	unsigned i;
	const struct edge *e;

	u->leaves++;
	for (k = u->nfr - 1; k >= 0; k--)
		x = eval_expr(u->fr[k].expr, u->fr[k].q, x);
	x = eval_expr(u->sexpr, u->sp, x);
	if (u->feas) {
		/* sexpr is the requirement: can it hold?  The caller
		 * that lets it is the chain to show. */
		if (truth(x) != 0) {
			u->score = 6;
			up_path(u, topnode, UINT32_MAX, &u->best);
		}
		return;
	}
	r = judge_val(u->g, u->sk, u->s, have, x, u->stext, &cond, &label);
	free(label);
	if (r == 0) {
		free(cond);
		return;
	}
	up_path(u, topnode, UINT32_MAX, &p);
	chain_fmt(u->g, &p, u->s, "", NULL, &chain, &dcond, &via);
	score = (cond == NULL ? 4 : 2) + (via == NULL ? 1 : 0);
	free(chain);
	free(dcond);
	free(via);
	if (score <= u->score) {
		free(cond);
		return;
	}
	u->score = score;
	u->best = p;
	free(u->bestcond);
	/* say where the value comes from, from the sink's function up */
	desc = xstrdup("");
	for (i = 0; i < (unsigned)u->nfr; i++) {
		e = &u->q->e[u->fr[i].edge];
		if (u->fr[i].text[0] == '\0')
			continue;
		t = xasprintf("%s%s%s passes %s (%s:%u)", desc,
		    desc[0] ? ", " : "", S(u->g, u->g->n[e->from].name),
		    u->fr[i].text, S(u->g, u->g->n[e->from].s[e->site].file),
		    u->g->n[e->from].s[e->site].line);
		free(desc);
		desc = t;
	}
	u->bestcond = cond != NULL ?
	    xasprintf("%s (passed down: %s%s%s)", cond, how,
	    desc[0] ? "; " : "", desc) : NULL;
	free(desc);
	free(cond);
}

/* The caller of edge ei passes what (a constant, or nothing known):
   a leaf one frame up. */
static void
up_caller_leaf(struct upctx *u, const struct edge *e, uint32_t ei,
    const struct site *cs, const char *what, struct val v)
{
	char *how = xasprintf("%s passes %s at %s:%u",
	    S(u->g, u->g->n[e->from].name), what, S(u->g, cs->file),
	    cs->line);

	if (u->nfr < MAXUP) {
		u->fr[u->nfr].edge = ei;
		snprintf(u->fr[u->nfr].expr, sizeof(u->fr[0].expr), "p0");
		u->fr[u->nfr].text[0] = '\0';
		u->fr[u->nfr].q = 0;
		u->nfr++;
		up_leaf(u, e->from, v, how);
		u->nfr--;
	}
	free(how);
}

static void
up_walk(struct upctx *u, uint32_t node, int p)
{
	uint32_t ei;
	const struct edge *e;
	const struct site *cs;
	char buf[256], expr[96], *how;
	const char *a, *colon;
	struct val v;
	int q, k, onpath;

	if ((ei = edge_first(u->q, node)) == UINT32_MAX) {
		how = xasprintf("%s is called with it by the root",
		    S(u->g, u->g->n[node].name));
		up_leaf(u, node, val_unknown, how);
		free(how);
		return;
	}
	for (; ei != UINT32_MAX && u->leaves < MAXLEAVES && u->score < 5;
	    ei = e->next) {
		e = &u->q->e[ei];
		cs = &u->g->n[e->from].s[e->site];
		a = nth_arg(S(u->g, cs->args), p, buf, sizeof(buf));
		if (a == NULL || a[0] == '?' || a[0] == '@' || a[0] == '%') {
			/* @slot text: the object as written */
			up_caller_leaf(u, e, ei, cs, a == NULL ?
			    "nothing known" : a[0] == '@' && strchr(a, ' ') ?
			    strchr(a, ' ') + 1 : a + 1, val_unknown);
			continue;
		}
		if (a[0] == '=') {
			v = val_const((unsigned long long)strtoll(a + 1, NULL,
			    0));
			up_caller_leaf(u, e, ei, cs, a + 1, v);
			continue;
		}
		/* ~expr:text: the caller's own parameter, further up */
		colon = strchr(a + 1, ':');
		snprintf(expr, sizeof(expr), "%.*s",
		    colon ? (int)(colon - a - 1) : (int)strlen(a + 1), a + 1);
		q = one_param(expr);
		for (onpath = 0, k = 0; k < u->nfr; k++)
			if (u->q->e[u->fr[k].edge].from == e->from)
				onpath = 1;
		if (u->nfr >= MAXUP)
			continue;
		u->fr[u->nfr].edge = ei;
		snprintf(u->fr[u->nfr].expr, sizeof(u->fr[0].expr), "%s", expr);
		snprintf(u->fr[u->nfr].text, sizeof(u->fr[0].text), "%s",
		    colon ? colon + 1 : "");
		u->fr[u->nfr].q = q;
		u->nfr++;
		if (q < 0 || onpath || e->from == u->sinknode ||
		    u->nfr >= MAXUP) {
			how = xasprintf("%s passes %s at %s:%u",
			    S(u->g, u->g->n[e->from].name),
			    colon ? colon + 1 : a, S(u->g, cs->file), cs->line);
			up_leaf(u, e->from, val_unknown, how);
			free(how);
		} else
			up_walk(u, e->from, q);
		u->nfr--;
	}
}

/*
 * A sink whose flag reads several parameters (_isa_dmastart's
 * "busdmaflags | (flags & DMAMODE_READ ? ...)"): each caller's
 * arguments argbind them all at once, one call up; the worst caller is
 * reported.
 */
static int
judge_multi(struct graph *g, struct search *q, const struct sink *sk,
    uint32_t n, const struct site *s, const char *expr, const char *text,
    struct lintresult *res, size_t *fcap, const char *driver,
    const struct root *r)
{
	uint32_t ei, best = UINT32_MAX;
	const struct edge *e;
	const struct site *cs;
	char buf[256], *cond, *label, *bcond = NULL, *chain, *dcond, *via;
	const char *a;
	struct val v;
	struct path p;
	int rr, score, bscore = 0;

	if ((ei = edge_first(q, n)) == UINT32_MAX)
		return 0;	/* the root's own: judged as usual */
	for (; ei != UINT32_MAX; ei = e->next) {
		e = &q->e[ei];
		cs = &g->n[e->from].s[e->site];
		for (nargbind = 0; nargbind < MAXBIND; nargbind++) {
			a = nth_arg(S(g, cs->args), nargbind, buf, sizeof(buf));
			if (a == NULL)
				break;
			if (a[0] == '=')
				argbind[nargbind] = val_const(
				    (unsigned long long)strtoll(a + 1, NULL, 0));
			else if (a[0] == '~' && one_param(a + 1) == -2)
				argbind[nargbind] = eval_expr(a + 1, -1, val_unknown);
			else
				argbind[nargbind] = val_unknown;
		}
		v = eval_expr(expr, BIND_ALL, val_unknown);
		rr = judge_val(g, sk, s, 1, v, text, &cond, &label);
		free(label);
		score = rr == 0 ? 0 : cond == NULL ? 2 : 1;
		if (score > bscore) {
			bscore = score;
			best = ei;
			free(bcond);
			bcond = cond;
		} else
			free(cond);
		if (bscore == 2)
			break;
	}
	nargbind = 0;
	if (bscore > 0) {
		e = &q->e[best];
		bfs_path(q, e->from, &p);
		p.site[p.n - 1] = e->site;
		p.gen[p.n] = e->gen;
		p.node[p.n++] = n;
		if (!chain_pick(g, q, n, s, &p)) {
			res->ndead++;
			free(bcond);
			return 1;
		}
		(void)judge_val(g, sk, s, 1, val_unknown, text, &cond, &label);
		free(cond);
		chain_fmt(g, &p, s, label, bcond, &chain, &dcond, &via);
		add_finding(res, fcap, g, driver, r, sk->clause, sk->kind,
		    S(g, s->target), n, chain, dcond, via);
		free(label);
	}
	free(bcond);
	return 1;
}

/*
 * A sink whose flag is a parameter of its function: a finding through
 * the worst caller, or none when every caller passes a flag that does
 * not sleep.  Returns 0 when the sink's argument is not of that kind.
 */
int
judge_up(struct graph *g, struct search *q, const struct sink *sk,
    uint32_t n, const struct site *s, struct lintresult *res, size_t *fcap,
    const char *driver, const struct root *r)
{
	struct upctx u;
	char buf[256], expr[96], *cond, *label, *chain, *dcond, *via;
	const char *a, *text;
	struct val v;
	int p;

	if (sk->arg < 0 || sk->rule == RULE_LOCK || sk->rule == RULE_ALWAYS ||
	    (a = nth_arg(S(g, s->text), sk->arg, buf, sizeof(buf))) == NULL ||
	    a[0] != '?')
		return 0;
	v = sink_arg(a, expr, sizeof(expr), &text);
	if (expr[0] == '-' || (p = one_param(expr)) == -2)
		return 0;
	if (p == -1)
		return judge_multi(g, q, sk, n, s, expr, text, res, fcap,
		    driver, r);
	/* decided whatever the parameter is: judge as usual */
	if (judge_val(g, sk, s, 1, v, text, &cond, &label) == 0 ||
	    cond == NULL) {
		free(cond);
		free(label);
		return 0;
	}
	free(cond);
	up_begin(&u, g, q, s, n, expr, p, text);
	u.sk = sk;
	up_walk(&u, n, p);
	if (u.score > 0 && !chain_pick(g, q, n, s, &u.best)) {
		res->ndead++;
		u.score = 0;
	}
	if (u.score > 0) {
		chain_fmt(g, &u.best, s, label, u.bestcond, &chain, &dcond,
		    &via);
		add_finding(res, fcap, g, driver, r, sk->clause, sk->kind,
		    S(g, s->target), n, chain, dcond, via);
	}
	free(label);
	free(u.bestcond);
	return 1;
}

/*
 * Whether a site can run: its guards' requirement over the function's
 * parameters (one of them; several are not judged) holds for the
 * arguments of some caller in this search.  scsipi_get_xs's cv_wait
 * needs !(flags & XS_CTL_NOSLEEP); sd_diskstart passes XS_CTL_NOSLEEP.
 */
int
feasible_path(struct graph *g, struct search *q, uint32_t n,
    const struct site *s, struct path *witness)
{
	struct upctx u;
	const char *req = S(g, s->req);
	int p;

	if (witness != NULL)
		witness->n = 0;
	if (req[0] == '-' || req[0] == '\0')
		return 1;
	if ((p = one_param(req)) == -1)
		return 1;
	if (p == -2)
		return truth(eval_expr(req, -1, val_unknown)) != 0;
	up_begin(&u, g, q, s, n, req, p, "");
	u.feas = 1;
	up_walk(&u, n, p);
	free(u.bestcond);
	if (u.score == 6 && witness != NULL)
		*witness = u.best;
	return u.score == 6;
}

int
feasible(struct graph *g, struct search *q, uint32_t n, const struct site *s)
{

	return feasible_path(g, q, n, s, NULL);
}
