/*
 * objects.c - the objects a chain passes down, and what is stored into
 * them: the O, Q, N and Y facts and the stores of each function into its
 * parameters' objects (W, Z, L), linked once after loading (objects_link)
 * and read by value.c when an expression names an object's field.
 */
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

/*
 * The objects a chain passes down (pool_put(&scsipi_xfer_pool, xs)),
 * and what their creating calls stored into them: pool_init(pp, ...,
 * flags, ..., ipl) stores flags into pool.pr_roflags and gives
 * pool.pr_lock the IPL (field "pool.pr_lock#ipl").  An object is the
 * slot that holds it (a global, or a struct field for all the objects
 * kept there); two creating calls that disagree leave it unknown.
 */
struct objent {
	uint32_t	key;		/* interned "obj\tfield", 0 free */
	struct val	v;
};

static struct objent *otab;
static size_t notab, capotab;

static uint32_t
obj_key(uint32_t obj, const char *field)
{
	/* "cache>pool_cache.pc_pool", pool.pr_roflags: a field of cache */
	const char *o = S(ograph, obj), *gt = strchr(o, '>');
	char *k = gt != NULL ? xasprintf("%.*s\t%s>%s", (int)(gt - o), o,
	    gt + 1, field) : xasprintf("%s\t%s", o, field);
	uint32_t id = intern(ograph, k);

	free(k);
	return id;
}

static struct objent *
objent_find(uint32_t key, int add)
{
	size_t i, j, cap;
	struct objent *nt;

	if (add && (notab + 1) * 2 >= capotab) {
		cap = capotab ? capotab * 2 : 1024;
		nt = xcalloc(cap, sizeof(*nt));
		for (i = 0; i < capotab; i++)
			if (otab[i].key != 0) {
				for (j = otab[i].key & (cap - 1); nt[j].key != 0;
				    j = (j + 1) & (cap - 1))
					;
				nt[j] = otab[i];
			}
		free(otab);
		otab = nt;
		capotab = cap;
	}
	if (capotab == 0)
		return NULL;
	for (j = key & (capotab - 1); otab[j].key != 0; j = (j + 1) & (capotab - 1))
		if (otab[j].key == key)
			return &otab[j];
	if (!add)
		return NULL;
	otab[j].key = key;
	otab[j].v.must = ~0ULL;		/* nothing merged yet */
	otab[j].v.may = 0;
	notab++;
	return &otab[j];
}

struct val
objfield_get(uint32_t obj, const char *field)
{
	struct objent *e;

	const char *gt;

	if (ograph == NULL)
		return val_unknown;
	if ((e = objent_find(obj_key(obj, field), 0)) != NULL)
		return e->v;
	/* a structure inside an object nothing stored into: all of them */
	if ((gt = strrchr(S(ograph, obj), '>')) != NULL)
		return objfield_get(intern(ograph, gt + 1), field);
	return val_unknown;
}

static void
objfield_merge(uint32_t obj, const char *field, struct val v)
{
	/* a fresh object knows only the fields the data file names */
	struct objent *e = objent_find(obj_key(obj, field),
	    strncmp(S(ograph, obj), "new:", 4) != 0);

	if (e == NULL)
		return;
	e->v.must &= v.must;
	e->v.may |= v.may;
	e->v.obj = 0;
}

/*
 * The values of a callee's parameters at a call site, from the
 * caller's (cur): constants, objects (@slot text), and expressions of
 * the caller's parameters (~expr:text).
 */
void
bind_args(struct graph *g, const struct site *st, const struct val *cur,
    struct val *nxt)
{
	char buf[256], expr[256], *end;
	const char *a, *colon;
	int i, k;
	size_t l;

	for (i = 0; i < MAXBIND; i++) {
		nxt[i] = val_unknown;
		if ((a = nth_arg(S(g, st->args), i, buf, sizeof(buf))) == NULL)
			continue;
		if (a[0] == '=')
			nxt[i] = val_const((unsigned long long)strtoll(a + 1,
			    NULL, 0));
		else if (a[0] == '@' && a[1] == '^') {
			/* ^N>slot: a structure in parameter N's object */
			k = (int)strtol(a + 2, &end, 10);
			l = strcspn(end + 1, " ");
			if (cur != NULL && k >= 0 && k < MAXBIND &&
			    cur[k].obj != 0 && *end == '>') {
				snprintf(expr, sizeof(expr), "%s>%.*s",
				    S(g, cur[k].obj), (int)l, end + 1);
				nxt[i].obj = intern(g, expr);
			} else if (*end == '>') {
				snprintf(expr, sizeof(expr), "%.*s", (int)l,
				    end + 1);
				nxt[i].obj = intern(g, expr);
			}
		} else if (a[0] == '@') {
			l = strcspn(a + 1, " ");
			snprintf(expr, sizeof(expr), "%.*s", (int)l, a + 1);
			nxt[i].obj = intern(g, expr);
		} else if (a[0] == '%' && (colon = strstr(a, " @new:")) !=
		    NULL) {
			/* %bp @new:getnewbuf: a returned fresh local */
			l = strcspn(colon + 2, " ");
			snprintf(expr, sizeof(expr), "%.*s", (int)l, colon + 2);
			nxt[i].obj = intern(g, expr);
		} else if (a[0] == '~' && cur != NULL) {
			colon = strchr(a + 1, ':');
			snprintf(expr, sizeof(expr), "%.*s", colon ?
			    (int)(colon - a - 1) : (int)strlen(a + 1), a + 1);
			memcpy(argbind, cur, sizeof(argbind));
			nargbind = MAXBIND;
			nxt[i] = eval_expr(expr, BIND_ALL, val_unknown);
			nargbind = 0;
		}
	}
}

/*
 * An expression of a callee's parameters rewritten in its caller's:
 * each pN becomes what the call passes (a constant, the caller's own
 * expression, or u).
 */
static char *
expr_subst(struct graph *g, const char *expr, const struct site *st)
{
	char *out = xstrdup(""), *t, *end, buf[256], sub[160];
	const char *p = expr, *a, *colon;
	int n;

	while (*p != '\0') {
		if (*p == 'p' && p[1] >= '0' && p[1] <= '9') {
			n = (int)strtol(p + 1, &end, 10);
			a = nth_arg(S(g, st->args), n, buf, sizeof(buf));
			if (a != NULL && a[0] == '=')
				snprintf(sub, sizeof(sub), "c%llx",
				    (unsigned long long)strtoll(a + 1, NULL, 0));
			else if (a != NULL && a[0] == '~') {
				colon = strchr(a + 1, ':');
				snprintf(sub, sizeof(sub), "%.*s", colon ?
				    (int)(colon - a - 1) : (int)strlen(a + 1),
				    a + 1);
			} else
				snprintf(sub, sizeof(sub), "u");
			t = xasprintf("%s%s", out, sub);
			p = end;
		} else {
			t = xasprintf("%s%c", out, *p);
			p++;
		}
		free(out);
		out = t;
	}
	return out;
}

static void
wr_add(struct graph *g, struct node *f, uint32_t field, const char *expr)
{

	f->wr = xrealloc(f->wr, (f->nwr + 1) * sizeof(*f->wr));
	f->wr[f->nwr].param = -1;
	f->wr[f->nwr].local = 0;
	f->wr[f->nwr].field = field;
	f->wr[f->nwr++].expr = intern(g, expr);
}

/*
 * What a function stores into the object it returns: its own stores
 * into that local (vmem_init's mutex_init(&vm->vm_lock, ..., ipl)),
 * and those of the callees it hands the local to (pool_cache_init's
 * pool_cache_bootstrap(pc, ..., flags, ...)), in its parameters' terms.
 */
static void
return_summaries(struct graph *g)
{
	struct node *f;
	const struct site *st;
	const struct node *d;
	char buf[256], *e;
	const char *a;
	uint32_t n, i, j, w;
	int k;

	for (n = 0; n < g->nn; n++) {
		f = &g->n[n];
		if (f->retlocal == 0)
			continue;
		/* #N: it returns its parameter N, with what it stored */
		if (S(g, f->retlocal)[0] == '#') {
			k = atoi(S(g, f->retlocal) + 1);
			for (i = 0; i < f->nw; i++)
				if (f->w[i].param == k)
					wr_add(g, f, f->w[i].field,
					    S(g, f->w[i].expr));
			continue;
		}
		for (i = 0; i < f->nwl; i++)
			if (f->wl[i].local == f->retlocal)
				wr_add(g, f, f->wl[i].field, S(g, f->wl[i].expr));
		for (i = 0; i < f->ns; i++) {
			st = &f->s[i];
			if (st->type != SITE_CALL || st->target >= g->capidx ||
			    g->defs[st->target].n == 0)
				continue;
			d = &g->n[g->defs[st->target].v[0]];
			for (k = 0; k < MAXBIND; k++) {
				a = nth_arg(S(g, st->args), k, buf, sizeof(buf));
				if (a == NULL)
					break;
				if (a[0] != '%' || strncmp(a + 1,
				    S(g, f->retlocal), strlen(S(g,
				    f->retlocal))) != 0 ||
				    a[1 + strlen(S(g, f->retlocal))] != ' ')
					continue;
				for (w = 0; w < d->nw; w++) {
					if (d->w[w].param != k)
						continue;
					e = expr_subst(g, S(g, d->w[w].expr), st);
					wr_add(g, f, d->w[w].field, e);
					free(e);
				}
			}
			(void)j;
		}
	}
}

/* slot = F(args): the slot's object gets what F stores into its return. */
static void
assigned_link(struct graph *g)
{
	struct val args[MAXBIND];
	struct site st;
	const struct node *d;
	size_t i;
	uint32_t k, w;

	for (i = 0; i < g->nas; i++) {
		if (g->as[i].key >= g->capidx)
			continue;
		memset(&st, 0, sizeof(st));
		st.args = g->as[i].args;
		for (k = 0; k < g->defs[g->as[i].key].n; k++) {
			d = &g->n[g->defs[g->as[i].key].v[k]];
			if (d->nwr == 0)
				continue;
			bind_args(g, &st, NULL, args);
			for (w = 0; w < d->nwr; w++) {
				memcpy(argbind, args, sizeof(argbind));
				nargbind = MAXBIND;
				objfield_merge(g->as[i].slot, S(g, d->wr[w].field),
				    eval_expr(S(g, d->wr[w].expr), BIND_ALL,
				    val_unknown));
				nargbind = 0;
			}
			break;
		}
	}
}

/*
 * A function that hands its parameter on to one that stores into it
 * (raidframe's rf_pool_init(raidPtr, ..., p, ...) calls pool_init(p,
 * ...)) stores the same, in its own parameters' terms: its callers'
 * objects get the stores.  A few rounds reach wrappers of wrappers.
 */
static void
wrapper_summaries(struct graph *g)
{
	struct node *f;
	const struct node *d;
	const struct site *st;
	char buf[256], pre[200], *e, *end;
	const char *a;
	uint32_t n, i, w, x, ex, fx, nw;
	int k, par, round, changed;

	for (round = 0, changed = 1; changed && round < 4; round++) {
		changed = 0;
		for (n = 0; n < g->nn; n++) {
			f = &g->n[n];
			for (i = 0; i < f->ns; i++) {
				st = &f->s[i];
				if (st->type != SITE_CALL ||
				    st->target >= g->capidx ||
				    g->defs[st->target].n == 0)
					continue;
				d = &g->n[g->defs[st->target].v[0]];
				if (d == f || d->nw == 0)
					continue;
				for (k = 0; k < MAXBIND; k++) {
					a = nth_arg(S(g, st->args), k, buf,
					    sizeof(buf));
					if (a == NULL)
						break;
					/* the parameter itself: ~pN:text, or a
					   structure in its object: @^N>slot */
					pre[0] = '\0';
					if (a[0] == '~' && a[1] == 'p') {
						par = (int)strtol(a + 2, &end,
						    10);
						if (end == a + 2 || *end != ':')
							continue;
					} else if (a[0] == '@' && a[1] == '^') {
						par = (int)strtol(a + 2, &end,
						    10);
						if (end == a + 2 || *end != '>')
							continue;
						snprintf(pre, sizeof(pre),
						    "%.*s>", (int)strcspn(end +
						    1, " "), end + 1);
					} else
						continue;
					nw = d->nw;	/* d may be f's callee only */
					for (w = 0; w < nw; w++) {
						if (d->w[w].param != k)
							continue;
						e = expr_subst(g, S(g,
						    d->w[w].expr), st);
						ex = intern(g, e);
						free(e);
						e = xasprintf("%s%s", pre, S(g,
						    d->w[w].field));
						fx = intern(g, e);
						free(e);
						for (x = 0; x < f->nw; x++)
							if (f->w[x].param == par &&
							    f->w[x].field == fx &&
							    f->w[x].expr == ex)
								break;
						if (x < f->nw)
							continue;
						f->w = xrealloc(f->w, (f->nw +
						    1) * sizeof(*f->w));
						/* d's w may have moved: f != d */
						f->w[f->nw].param = par;
						f->w[f->nw].local = 0;
						f->w[f->nw].field = fx;
						f->w[f->nw++].expr = ex;
						changed = 1;
					}
				}
			}
		}
	}
}

/*
 * Fresh objects.  A local assigned once from a call (readdisklabel's bp
 * = geteblk(size)) is an object of its own, "new:geteblk@<function>.bp"
 * (N facts): it holds what the allocator's object holds on return (the
 * data file's @fresh lines: getnewbuf's buf has no vnode), less what
 * its function stores into it (O facts) or has stored by the functions
 * it passes it to (their W stores).  A function that returns such a
 * local (geteblk's from getnewbuf: Y facts) returns "new:geteblk", with
 * what the local holds at the end.  The allocators are taken in rounds,
 * so that a wrapper's wrapper is known too.
 */
static int
fresh_field(const struct sinks *sk, size_t upto, const char *field)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (strcmp(sk->fresh[i].field, field) == 0)
			return 1;
	return 0;
}

/* The stores one function makes into a fresh object it holds. */
static void
fresh_stores(struct graph *g, uint32_t obj, uint32_t fkey)
{
	struct val args[MAXBIND];
	const struct site *st;
	const struct node *f, *d;
	size_t i;
	uint32_t k, s, w;

	for (i = 0; i < g->nos; i++)
		if (g->os[i].obj == obj)
			objfield_merge(obj, S(g, g->os[i].field & ~QSEED),
			    eval_expr(S(g, g->os[i].expr), -1, val_unknown));
	if (fkey >= g->capidx)
		return;
	for (k = 0; k < g->defs[fkey].n; k++) {
		f = &g->n[g->defs[fkey].v[k]];
		for (s = 0; s < f->ns; s++) {
			st = &f->s[s];
			if (st->type != SITE_CALL || st->target >= g->capidx ||
			    g->defs[st->target].n == 0)
				continue;
			d = &g->n[g->defs[st->target].v[0]];
			if (d->nw == 0 && d->nwz == 0)
				continue;
			bind_args(g, st, NULL, args);
			for (w = 0; w < d->nwz; w++)
				if (d->wz[w].param < MAXBIND &&
				    args[d->wz[w].param].obj == obj)
					objfield_merge(obj, S(g,
					    d->wz[w].field), val_unknown);
			for (w = 0; w < d->nw; w++) {
				if (d->w[w].param >= MAXBIND ||
				    args[d->w[w].param].obj != obj)
					continue;
				memcpy(argbind, args, sizeof(argbind));
				nargbind = MAXBIND;
				objfield_merge(obj, S(g, d->w[w].field),
				    eval_expr(S(g, d->w[w].expr), BIND_ALL,
				    val_unknown));
				nargbind = 0;
			}
		}
	}
}

/* Copy the fresh fields from one object to another; 1 if any. */
static int
fresh_copy(struct graph *g, uint32_t to, uint32_t from)
{
	const struct sinks *sk = g->sks;
	struct objent *e;
	struct val v;
	size_t i;
	int any = 0;

	for (i = 0; i < sk->nfresh; i++) {
		if (fresh_field(sk, i, sk->fresh[i].field))
			continue;	/* the same field twice */
		if ((e = objent_find(obj_key(from, sk->fresh[i].field), 0)) ==
		    NULL)
			continue;
		v = e->v;
		if ((e = objent_find(obj_key(to, sk->fresh[i].field), 0)) ==
		    NULL) {
			e = objent_find(obj_key(to, sk->fresh[i].field), 1);
			e->v = v;
		} else
			objfield_merge(to, sk->fresh[i].field, v);
		any = 1;
	}
	return any;
}

static void
fresh_seed(struct graph *g)
{
	const struct sinks *sk = g->sks;
	uint8_t *done, *ydone;
	char *o;
	size_t i, j;
	struct objent *e;
	int round, changed;

	/* a local structure's stores make its known fields (Q) */
	for (i = 0; i < g->nos; i++)
		if (g->os[i].field & QSEED)
			(void)objent_find(obj_key(g->os[i].obj, S(g,
			    g->os[i].field & ~QSEED)), 1);
	for (i = 0; i < g->nos; i++)
		if (g->os[i].field & QSEED)
			objfield_merge(g->os[i].obj, S(g, g->os[i].field &
			    ~QSEED), eval_expr(S(g, g->os[i].expr), -1,
			    val_unknown));
	if (sk == NULL || sk->nfresh == 0)
		return;
	for (i = 0; i < sk->nfresh; i++) {
		o = xasprintf("new:%s", sk->fresh[i].fn);
		e = objent_find(obj_key(intern(g, o), sk->fresh[i].field), 1);
		e->v = val_const((unsigned long long)sk->fresh[i].v);
		free(o);
	}
	done = xcalloc(g->nns + 1, 1);
	ydone = xcalloc(g->nys + 1, 1);
	for (round = 0, changed = 1; changed && round < 6; round++) {
		changed = 0;
		for (j = 0; j < g->nns; j++)
			if (!done[j] && fresh_copy(g, g->ns[j].obj,
			    g->ns[j].field)) {
				fresh_stores(g, g->ns[j].obj, g->ns[j].expr);
				done[j] = changed = 1;
			}
		for (j = 0; j < g->nys; j++)
			if (!ydone[j] && fresh_copy(g, g->ys[j].obj,
			    g->ys[j].expr))
				ydone[j] = changed = 1;
	}
	free(done);
	free(ydone);
}

/* Every call of a function that stores into its parameters' objects. */
void
objects_link(struct graph *g)
{
	struct val args[MAXBIND];
	const struct site *st;
	const struct node *d;
	struct list *defs;
	uint32_t n, i, k, w;

	ograph = g;
	wrapper_summaries(g);
	return_summaries(g);
	fresh_seed(g);
	assigned_link(g);
	for (n = 0; n < g->nn; n++)
		for (i = 0; i < g->n[n].ns; i++) {
			st = &g->n[n].s[i];
			if (st->type != SITE_CALL || st->target >= g->capidx)
				continue;
			defs = &g->defs[st->target];
			for (k = 0; k < defs->n; k++) {
				d = &g->n[defs->v[k]];
				if (d->nw == 0)
					continue;
				bind_args(g, st, NULL, args);
				for (w = 0; w < d->nw; w++) {
					if (d->w[w].param >= MAXBIND ||
					    args[d->w[w].param].obj == 0)
						continue;
					memcpy(argbind, args, sizeof(argbind));
					nargbind = MAXBIND;
					objfield_merge(args[d->w[w].param].obj,
					    S(g, d->w[w].field), eval_expr(
					    S(g, d->w[w].expr), BIND_ALL,
					    val_unknown));
					nargbind = 0;
				}
				break;	/* one definition's stores */
			}
		}
}
