/*
 * link.c - the call graph of a whole tree, and the search from its roots.
 *
 * Every definition is a node of its own: the same external name is
 * defined once per port (fdstrategy, delay), and a call resolves to the
 * definitions of its own port when there are some, so that a sparc
 * driver does not inherit an amd64 routine's sleeps.  A call through a
 * slot (struct field or global pointer) goes to every function ever
 * stored there.  The search is breadth-first: the chain shown for a sink
 * is a shortest one.
 *
 * A call through a slot whose implementations are in two or more files
 * is generic dispatch (scsipi_adapter.adapt_request, ata_bustype.ata_bio,
 * ld_softc.sc_start): which one runs depends on the instance, which the
 * tool does not know.  The search first takes every direct edge, then
 * the generic ones, so that a chain is marked "via <slot>" only when no
 * chain without generic dispatch reaches the sink; the report counts the
 * two apart.
 *
 * A sink whose flag is a parameter of its function (pool_get(pp, flags))
 * is judged after the search, from the callers: every call edge into the
 * function is known then, and each caller's argument is followed back
 * while it is itself a parameter.  A constant decides; a caller that
 * passes something else keeps the finding conditional, with its text.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "util.h"

enum { SITE_CALL, SITE_SLOT, SITE_UNRES, SITE_SINK };

#define QSEED	0x80000000u	/* a Q store: it creates the field */

struct site {
	uint8_t		type;
	uint8_t		loop;
	uint32_t	target;		/* callee key, slot or sink name */
	uint32_t	file, line;
	uint32_t	guard;
	uint32_t	text;		/* callee text, or the sink's args */
	uint32_t	args;		/* a call's arguments: "n\targ..." */
	uint32_t	req;		/* what its guards require of the
					   parameters ("-": nothing known) */
};

/* W: the function stores expr into field of parameter param's object. */
struct wrec {
	uint32_t	field, expr;
	int		param;
	uint32_t	local;		/* L: a local's name; 0 for W */
};

/* A: slot = function(args) */
struct assigned {
	uint32_t	slot, key, args;
};

struct node {
	uint32_t	key, name, file, line;
	struct site	*s;
	uint32_t	ns, cap;
	uint8_t		defers;		/* returns EAGAIN or ENOMEM */
	struct wrec	*w;		/* stores into its parameters' objects */
	uint32_t	 nw;
	struct wrec	*wl;		/* L: into its locals' objects */
	uint32_t	 nwl;
	struct wrec	*wz;		/* Z: unknown values into its
					   parameters' objects */
	uint32_t	 nwz;
	struct wrec	*wr;		/* into the object it returns */
	uint32_t	 nwr;
	uint32_t	 retlocal;	/* V: the local it returns, 0 none */
};

struct list {
	uint32_t	*v;
	uint32_t	 n, cap;
};

struct root {
	uint32_t	kind, var, field, key, name, file, line;
};

struct lock {
	uint32_t	key;
	int		adaptive, spin, maybe;	/* inits seen of each sort */
	uint32_t	text;			/* an init that makes it adaptive */
};

struct graph {
	/* strings: open addressing over an array of owned copies */
	char		**str;
	uint32_t	 nstr, capstr;
	uint32_t	*tab;
	uint32_t	 captab;
	struct node	*n;
	uint32_t	 nn, capn;
	struct list	*defs;		/* by key string: its nodes */
	struct list	*slots;		/* by slot string: stored keys */
	uint32_t	 capidx;
	struct root	*r;
	size_t		 nr, capr;
	struct lock	*l;
	size_t		 nl, capl;
	struct tustat	*t;
	size_t		 nt, capt;
	uint32_t	 empty;
	const struct config *cfg;	/* the ports' files.*, or NULL */
	struct assigned	*as;		/* A facts */
	size_t		 nas, capas;
	const struct sinks *sks;
	int		 home;		/* the port of the root searched */
	struct ostore {
		uint32_t	obj, field, expr;
	}		*os;		/* O: stores into fresh objects */
	size_t		 nos, capos;
	struct ostore	*ys;		/* Y: obj (field 0) is expr's */
	size_t		 nys, capys;
	struct ostore	*ns;		/* N: obj from allocator field
					   ("new:G"), in function expr */
	size_t		 nns, capns;
	uint8_t		*tuerr;		/* by file string: 1 clean, 2 not */
	uint32_t	 ntuerr;
};

static uint32_t
intern(struct graph *g, const char *s)
{
	uint64_t h = hash_bytes(HASH_INIT, s, strlen(s));
	uint32_t i, j, *nt;

	if (g->nstr * 2 >= g->captab) {
		uint32_t cap = g->captab ? g->captab * 2 : 1 << 16;

		nt = xcalloc(cap, sizeof(*nt));
		for (i = 0; i < g->captab; i++) {
			if (g->tab[i] == 0)
				continue;
			j = hash_bytes(HASH_INIT, g->str[g->tab[i]],
			    strlen(g->str[g->tab[i]])) & (cap - 1);
			while (nt[j] != 0)
				j = (j + 1) & (cap - 1);
			nt[j] = g->tab[i];
		}
		free(g->tab);
		g->tab = nt;
		g->captab = cap;
		h = hash_bytes(HASH_INIT, s, strlen(s));
	}
	for (j = h & (g->captab - 1); g->tab[j] != 0; j = (j + 1) & (g->captab - 1))
		if (strcmp(g->str[g->tab[j]], s) == 0)
			return g->tab[j];
	if (g->nstr == g->capstr) {
		g->capstr = g->capstr ? g->capstr * 2 : 1 << 15;
		g->str = xrealloc(g->str, g->capstr * sizeof(*g->str));
	}
	g->str[g->nstr] = xstrdup(s);
	g->tab[j] = g->nstr;
	return g->nstr++;
}

#define S(g, id)	((g)->str[(id)])

static void
grow(void **p, size_t *cap, size_t n, size_t sz)
{

	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 256;
	*p = xrealloc(*p, *cap * sz);
}

static void
list_add(struct list *l, uint32_t v, int unique)
{
	uint32_t i;

	if (unique)
		for (i = 0; i < l->n; i++)
			if (l->v[i] == v)
				return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 2;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = v;
}

/* The per-string index arrays grow with the string table. */
static struct list *
idx(struct graph *g, struct list **a, uint32_t id)
{

	if (id >= g->capidx) {
		uint32_t cap = g->capidx ? g->capidx : 1 << 16;

		while (cap <= id)
			cap *= 2;
		g->defs = xrealloc(g->defs, cap * sizeof(*g->defs));
		g->slots = xrealloc(g->slots, cap * sizeof(*g->slots));
		memset(g->defs + g->capidx, 0,
		    (cap - g->capidx) * sizeof(*g->defs));
		memset(g->slots + g->capidx, 0,
		    (cap - g->capidx) * sizeof(*g->slots));
		g->capidx = cap;
	}
	return &(*a)[id];
}

struct graph *
graph_new(void)
{
	struct graph *g = xcalloc(1, sizeof(*g));

	g->empty = intern(g, "");
	g->home = -1;
	return g;
}

void
graph_set_config(struct graph *g, const struct config *cfg)
{

	g->cfg = cfg;
}

static struct node *
node_for(struct graph *g, uint32_t key, uint32_t name, uint32_t file,
    uint32_t line, int *dup)
{
	struct list *d = idx(g, &g->defs, key);
	uint32_t i;

	/* A header's inline function comes with every TU that has it. */
	for (i = 0; i < d->n; i++)
		if (g->n[d->v[i]].file == file && g->n[d->v[i]].line == line) {
			*dup = 1;
			return &g->n[d->v[i]];
		}
	*dup = 0;
	if (g->nn == g->capn) {
		g->capn = g->capn ? g->capn * 2 : 4096;
		g->n = xrealloc(g->n, g->capn * sizeof(*g->n));
	}
	memset(&g->n[g->nn], 0, sizeof(g->n[0]));
	g->n[g->nn].key = key;
	g->n[g->nn].name = name;
	g->n[g->nn].file = file;
	g->n[g->nn].line = line;
	list_add(idx(g, &g->defs, key), g->nn, 0);
	return &g->n[g->nn++];
}

static void
add_site(struct node *n, const struct site *s)
{

	if (n->ns == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 4;
		n->s = xrealloc(n->s, n->cap * sizeof(*n->s));
	}
	n->s[n->ns++] = *s;
}

static void
add_lock(struct graph *g, char **f, int nf, const struct sinks *sk)
{
	struct lock *l = NULL;
	uint32_t key = intern(g, f[1]);
	size_t i;
	long long type, ipl;

	for (i = 0; i < g->nl; i++)
		if (g->l[i].key == key) {
			l = &g->l[i];
			break;
		}
	if (l == NULL) {
		grow((void **)&g->l, &g->capl, g->nl, sizeof(*g->l));
		l = &g->l[g->nl++];
		memset(l, 0, sizeof(*l));
		l->key = key;
	}
	if (nf < 7)
		return;
	/* mutex(9): MUTEX_SPIN is spin; any other type is adaptive at
	 * IPL_NONE and the soft IPLs, spin above. */
	type = f[2][0] == '=' ? strtoll(f[2] + 1, NULL, 0) : -1;
	ipl = f[3][0] == '=' ? strtoll(f[3] + 1, NULL, 0) : -1;
	if (type == sk->mutex_spin)
		l->spin++;
	else if (ipl < 0) {
		l->maybe++;
		if (l->text == 0 || l->adaptive == 0)
			l->text = intern(g, f[6]);
	} else if (ipl <= sk->adaptive_ipl_max) {
		l->adaptive++;
		l->text = intern(g, f[6]);
	} else
		l->spin++;
}

/* Fields f[from..nf) as one tab-separated string (malloc'd). */
static char *
join_fields(char **f, int from, int nf)
{
	size_t len = 0;
	char *s;
	int i;

	for (i = from; i < nf; i++)
		len += strlen(f[i]) + 1;
	s = xmalloc(len + 1);
	s[0] = '\0';
	for (i = from; i < nf; i++) {
		strcat(s, f[i]);
		if (i + 1 < nf)
			strcat(s, "\t");
	}
	return s;
}

/* The string of fields f[from..nf), interned; "" when there are none. */
static uint32_t
intern_fields(struct graph *g, char **f, int from, int nf)
{
	char *args = join_fields(f, from, nf);
	uint32_t id = intern(g, args);

	free(args);
	return id;
}

/*
 * A site line of the current function: C (a call), P (a call through
 * a slot), U (a call through a local pointer), K (a sink call).  The
 * arguments stay one string until needed.
 */
static void
load_site(struct graph *g, struct node *cur, char **f, int nf)
{
	struct site s;
	int a0 = nf;

	memset(&s, 0, sizeof(s));
	if (f[0][0] == 'C') {
		s.type = SITE_CALL;
		s.target = intern(g, f[2]);
		s.file = intern(g, f[4]);
		s.line = atoi(f[5]);
		s.guard = intern(g, nf > 6 ? f[6] : "");
		s.req = intern(g, nf > 7 ? f[7] : "-");
		a0 = 8;
	} else if (f[0][0] == 'P') {
		s.type = SITE_SLOT;
		s.target = intern(g, f[2]);
		s.file = intern(g, f[3]);
		s.line = atoi(f[4]);
		s.guard = intern(g, f[5]);
		s.text = intern(g, nf > 6 ? f[6] : "");
		s.req = intern(g, nf > 7 ? f[7] : "-");
		a0 = 8;
	} else if (f[0][0] == 'U') {
		s.type = SITE_UNRES;
		s.file = intern(g, f[2]);
		s.line = atoi(f[3]);
		s.guard = intern(g, f[4]);
		s.text = intern(g, f[5]);
		s.req = intern(g, "-");
	} else {
		if (nf < 9)
			return;
		s.type = SITE_SINK;
		s.target = intern(g, f[2]);
		s.file = intern(g, f[3]);
		s.line = atoi(f[4]);
		s.guard = intern(g, f[5]);
		s.req = intern(g, f[6]);
		s.loop = atoi(f[7]);
		s.text = intern_fields(g, f, 8, nf);
	}
	s.args = a0 < nf ? intern_fields(g, f, a0, nf) : g->empty;
	add_site(cur, &s);
}

/* An R line: a root (a d_strategy or d_diskstart). */
static void
load_root(struct graph *g, char **f)
{
	struct root *r;

	grow((void **)&g->r, &g->capr, g->nr, sizeof(*g->r));
	r = &g->r[g->nr++];
	r->kind = intern(g, f[1]);
	r->var = intern(g, f[2]);
	r->field = intern(g, f[3]);
	r->key = intern(g, f[4]);
	r->name = intern(g, f[5]);
	r->file = intern(g, f[6]);
	r->line = atoi(f[7]);
}

/* A T line: one TU's parse errors. */
static void
load_tu(struct graph *g, char **f)
{
	struct tustat *t;

	grow((void **)&g->t, &g->capt, g->nt, sizeof(*g->t));
	t = &g->t[g->nt++];
	t->file = xstrdup(f[1]);
	t->nerr = atoi(f[2]);
	t->first = xstrdup(f[3]);
}

/* A store (W, Z, L) of the current function into an array of them. */
static void
add_store(struct wrec **v, uint32_t *n, int param, uint32_t local,
    uint32_t field, uint32_t expr)
{

	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].param = param;
	(*v)[*n].local = local;
	(*v)[*n].field = field;
	(*v)[(*n)++].expr = expr;
}

/*
 * A line about the current function (W, Z, L, V, E): what it stores
 * into its parameters' or locals' objects, the local it returns,
 * whether it defers.  A line for a duplicate definition is dropped.
 */
static void
load_fnfact(struct graph *g, struct node *cur, int dup, char **f, int nf)
{
	uint32_t local, field;
	long long v;

	switch (f[0][0]) {
	case 'W':
		if (cur == NULL || dup || nf < 5 || cur->key != intern(g, f[1]))
			break;
		field = intern(g, f[3]);
		add_store(&cur->w, &cur->nw, atoi(f[2]), 0, field,
		    intern(g, f[4]));
		break;
	case 'Z':
		if (cur == NULL || dup || nf < 4 || cur->key != intern(g, f[1]))
			break;
		add_store(&cur->wz, &cur->nwz, atoi(f[2]), 0, intern(g, f[3]),
		    0);
		break;
	case 'L':
		if (cur == NULL || dup || nf < 5 || cur->key != intern(g, f[1]))
			break;
		/* interned in the order of the fields, as before */
		local = intern(g, f[2]);
		field = intern(g, f[3]);
		add_store(&cur->wl, &cur->nwl, -1, local, field,
		    intern(g, f[4]));
		break;
	case 'V':
		if (cur != NULL && !dup && nf >= 3 &&
		    cur->key == intern(g, f[1]))
			cur->retlocal = intern(g, f[2]);
		break;
	case 'E':
		/* errno(2) of NetBSD: EAGAIN 35, ENOMEM 12 */
		if (cur == NULL || dup || nf < 3 || cur->key != intern(g, f[1]))
			break;
		v = strtoll(f[2], NULL, 10);
		if (v == 35 || v == 12)
			cur->defers = 1;
		break;
	}
}

/*
 * An object fact (O, Q, N, Y) into one of the graph's arrays: obj,
 * field (none: 0) or'ed with mask, expr.  The strings are interned in
 * that order, which the string ids depend on.
 */
static void
add_objfact(struct graph *g, struct ostore **v, size_t *cap, size_t *n,
    char **f, int field, uint32_t mask)
{

	grow((void **)v, cap, *n, sizeof(**v));
	(*v)[*n].obj = intern(g, f[1]);
	(*v)[*n].field = field ? intern(g, f[2]) | mask : 0;
	(*v)[(*n)++].expr = intern(g, f[field ? 3 : 2]);
}

/*
 * A line about objects (O, Q, N, Y) or about a slot's creating call
 * (A): facts of the whole kernel, not of the current function.
 */
static void
load_objfact(struct graph *g, int dup, char **f, int nf)
{

	switch (f[0][0]) {
	case 'O':
		if (nf >= 4)
			add_objfact(g, &g->os, &g->capos, &g->nos, f, 1, 0);
		break;
	case 'Q':
		/* a local structure's field: seeds its object */
		if (nf >= 4)
			add_objfact(g, &g->os, &g->capos, &g->nos, f, 1,
			    QSEED);
		break;
	case 'N':
		if (nf >= 4 && !dup)
			add_objfact(g, &g->ns, &g->capns, &g->nns, f, 1, 0);
		break;
	case 'Y':
		if (nf >= 3 && !dup)
			add_objfact(g, &g->ys, &g->capys, &g->nys, f, 0, 0);
		break;
	case 'A':
		if (nf < 4)
			break;
		grow((void **)&g->as, &g->capas, g->nas, sizeof(*g->as));
		g->as[g->nas].slot = intern(g, f[1]);
		g->as[g->nas].key = intern(g, f[2]);
		g->as[g->nas++].args = intern_fields(g, f, 3, nf);
		break;
	}
}

/*
 * One facts file (extract.c's output for a TU) into the graph.  A
 * function's lines follow its F line; a definition seen before (the
 * same file and line, from another TU) is a duplicate, and its lines
 * are not added again.
 */
int
graph_load_facts(struct graph *g, const char *path, const struct sinks *sk)
{
	char *text, *line, *next, *f[8 + LINT_MAXARGS + 4];
	size_t len;
	struct node *cur = NULL;
	int nf, dup = 0;

	if ((text = read_file(path, &len)) == NULL)
		return -1;
	for (line = text; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		nf = tsv_split(line, f, 8 + LINT_MAXARGS + 4);
		switch (f[0][0]) {
		case 'T':
			if (nf >= 4)
				load_tu(g, f);
			break;
		case 'F':
			if (nf >= 5)
				cur = node_for(g, intern(g, f[1]),
				    intern(g, f[2]), intern(g, f[3]),
				    atoi(f[4]), &dup);
			break;
		case 'C':
		case 'P':
		case 'U':
		case 'K':
			if (cur != NULL && !dup &&
			    cur->key == intern(g, f[1]) && nf >= 6)
				load_site(g, cur, f, nf);
			break;
		case 'S':
			if (nf >= 3)
				list_add(idx(g, &g->slots, intern(g, f[1])),
				    intern(g, f[2]), 1);
			break;
		case 'R':
			if (nf >= 8)
				load_root(g, f);
			break;
		case 'I':
			add_lock(g, f, nf, sk);
			break;
		default:
			load_fnfact(g, cur, dup, f, nf);
			load_objfact(g, dup, f, nf);
			break;
		}
	}
	free(text);
	return 0;
}

/* The port a file belongs to: arch/<port>/, or "" for the MI tree. */
static size_t
port_len(const char *file)
{
	const char *p;

	if (strncmp(file, "arch/", 5) != 0 ||
	    (p = strchr(file + 5, '/')) == NULL)
		return 0;
	return p - file;
}

/* The ports an amd64 kernel is built from. */
static int
amd64_port(const char *file, size_t pl)
{

	return (pl == 10 && strncmp(file, "arch/amd64", 10) == 0) ||
	    (pl == 8 && strncmp(file, "arch/x86", 8) == 0) ||
	    (pl == 8 && strncmp(file, "arch/xen", 8) == 0);
}

/*
 * The definitions a call from file resolves to: those of its own port,
 * else those of a file the root's port builds (g->home, from the
 * ports' files.*), else the machine-independent ones, else those of
 * the amd64 build when the root is amd64's (or nothing says which port
 * it is); never another port's (a sparc fdstrategy is not amd64's, and
 * the sparc-only xd does not reach x86's bus_dma).
 */
static int
resolve_pass(struct graph *g, int pass, const char *file, size_t pl,
    const char *df)
{
	size_t ql = port_len(df);
	int amd = g->cfg == NULL || g->home < 0 ||
	    g->home == config_amd64(g->cfg);

	switch (pass) {
	case 0:
		return pl > 0 && ql == pl && strncmp(df, file, pl) == 0;
	case 1:
		return g->cfg != NULL && g->home >= 0 &&
		    config_builds(g->cfg, df, g->home);
	case 2:
		return ql == 0;
	default:
		return amd && amd64_port(df, ql) &&
		    (pl == 0 || amd64_port(file, pl));
	}
}

static void
resolve(struct graph *g, uint32_t key, const char *file, struct list *out)
{
	struct list *d;
	size_t pl = port_len(file);
	uint32_t i;
	int pass;

	out->n = 0;
	if (key >= g->capidx)
		return;
	d = &g->defs[key];
	for (pass = 0; pass < 4 && out->n == 0; pass++)
		for (i = 0; i < d->n; i++)
			if (resolve_pass(g, pass, file, pl,
			    S(g, g->n[d->v[i]].file)))
				list_add(out, d->v[i], 0);
}

static const char *
root_driver(struct graph *g, const struct root *r)
{
	static char buf[256];
	const char *v = S(g, r->var);
	size_t i, n;

	if (strcmp(S(g, r->kind), "dkdriver") == 0)
		for (i = 0; i < g->nr; i++)
			if (strcmp(S(g, g->r[i].kind), "bdevsw") == 0 &&
			    g->r[i].file == r->file)
				return root_driver(g, &g->r[i]);
	snprintf(buf, sizeof(buf), "%s", v);
	n = strlen(buf);
	if (n > 7 && strcmp(buf + n - 7, "_bdevsw") == 0)
		buf[n - 7] = '\0';
	else if (n > 6 && strcmp(buf + n - 6, "bdevsw") == 0)
		buf[n - 6] = '\0';
	else if (n > 9 && strcmp(buf + n - 9, "_dkdriver") == 0)
		buf[n - 9] = '\0';
	else if (n > 8 && strcmp(buf + n - 8, "dkdriver") == 0)
		buf[n - 8] = '\0';
	return buf;
}

/* The nth tab-separated field of an argument string ("n\targ..."). */
static const char *
nth_arg(const char *args, int i, char *buf, size_t len)
{
	const char *p = args, *e;
	int k;

	for (k = 0; k < i + 1 && p != NULL; k++)	/* skip the count */
		if ((p = strchr(p, '\t')) != NULL)
			p++;
	if (p == NULL)
		return NULL;
	e = strchr(p, '\t');
	snprintf(buf, len, "%.*s", e ? (int)(e - p) : (int)strlen(p), p);
	return buf;
}

/*
 * A flag's value as the bits it has on every path (must) and on some
 * path (may): a constant has must == may; nothing known is 0 and ~0.
 */
struct val {
	unsigned long long	must, may;
	uint32_t		obj;	/* the object it designates, 0 none */
};

static const struct val val_unknown = { 0, ~0ULL, 0 };

static struct val
val_const(unsigned long long v)
{
	struct val x = { v, v, 0 };

	return x;
}

/* 1 true on every path, 0 on none, -1 it depends. */
static int
truth(struct val v)
{

	if (v.must != 0)
		return 1;
	if (v.may == 0)
		return 0;
	return -1;
}

static struct val
val_bool(int t)
{
	struct val x = { 0, 1, 0 };

	return t < 0 ? x : val_const((unsigned long long)t);
}

/*
 * Evaluate an argument expression (extract.c's prefix form) with
 * parameter p bound to pv and every other one unknown; p == BIND_ALL
 * binds every parameter from bind[] (one caller's arguments).
 */
#define BIND_ALL	(-3)
#define MAXBIND		LINT_MAXARGS
static struct val bind[MAXBIND];
static int nbind;

static struct val eval(const char **, int, struct val);
static struct val objfield_get(uint32_t, const char *);

/* m(expr,H<field>): a field of the object expr designates. */
static struct val
eval_member(const char **pp, int p, struct val pv)
{
	const char *s = *pp + 1;
	struct val o;
	char field[256];
	size_t n = 0;
	unsigned x;

	if (*s++ != '(')
		return val_unknown;
	o = eval(&s, p, pv);
	if (*s == ',')
		s++;
	if (*s == 'H')
		s++;
	while (((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'A' && s[0] <= 'F')) &&
	    n + 1 < sizeof(field) && sscanf(s, "%2X", &x) == 1) {
		field[n++] = (char)x;
		s += 2;
	}
	field[n] = '\0';
	if (*s == ')')
		s++;
	*pp = s;
	return o.obj != 0 ? objfield_get(o.obj, field) : val_unknown;
}

static struct graph *ograph;	/* the graph objects are interned in */

/* The name after a g, in uppercase hex, interned; *pp past it. */
static uint32_t
hex_intern(const char **pp)
{
	const char *s = *pp;
	char name[256];
	size_t n = 0;
	unsigned x;

	while (((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'A' && s[0] <= 'F')) &&
	    n + 1 < sizeof(name) && sscanf(s, "%2X", &x) == 1) {
		name[n++] = (char)x;
		s += 2;
	}
	name[n] = '\0';
	*pp = s;
	return n > 0 && ograph != NULL ? intern(ograph, name) : 0;
}

/*
 * A leaf of an expression (a parameter, a constant, a global, a
 * local's bits, a field, or nothing known): its value in *r and 1,
 * or 0 when op is an operator.
 */
static int
eval_leaf(char op, const char **pp, int p, struct val pv, struct val *r)
{
	const char *s = *pp;
	char *e;
	int n;

	*r = val_unknown;
	switch (op) {
	case 'p':
		n = (int)strtol(s, &e, 10);
		*pp = e;
		if (p == BIND_ALL)
			*r = n < nbind ? bind[n] : val_unknown;
		else
			*r = n == p ? pv : val_unknown;
		return 1;
	case 'c':
		*r = val_const(strtoull(s, &e, 16));
		*pp = e;
		return 1;
	case '\0':
		*pp = s - 1;
		return 1;
	case 'u':
		return 1;
	case 'H':
		/* a field name (in m()): skipped here, read by the m case */
		while ((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'F'))
			s++;
		*pp = s;
		return 1;
	case 'm':
		/* eval_member reads from the operator on */
		(*pp)--;
		*r = eval_member(pp, p, pv);
		return 1;
	case 'g':
		/* a global: its value unknown, the object it is known */
		r->obj = hex_intern(&s);
		*pp = s;
		return 1;
	case 'b':
		/* a local's bits: b<must>.<may> */
		r->must = strtoull(s, &e, 16);
		r->may = *e == '.' ? strtoull(e + 1, &e, 16) : ~0ULL;
		*pp = e;
		return 1;
	}
	return 0;
}

/* An operator applied to its operands' values. */
static struct val
eval_op(char op, struct val a, struct val b, struct val c)
{
	struct val r = val_unknown;
	int ta = truth(a), tb = truth(b);

	switch (op) {
	case '|':
		r.must = a.must | b.must;
		r.may = a.may | b.may;
		break;
	case '&':
		r.must = a.must & b.must;
		r.may = a.may & b.may;
		break;
	case '~':
		r.must = ~a.may;
		r.may = ~a.must;
		break;
	case '!':
		r = val_bool(ta < 0 ? -1 : !ta);
		break;
	case '=':
	case '#':
		/*
		 * One global on both sides (the object a chain passes and
		 * the one the callee tests for) is one value; two objects
		 * of different names may still be one, so that stays open.
		 */
		if (a.obj != 0 && a.obj == b.obj)
			r = val_bool(op == '=');
		else if (a.must == a.may && b.must == b.may)
			r = val_bool((a.must == b.must) == (op == '='));
		else
			r = val_bool(-1);
		break;
	case 'a':
		r = val_bool(ta == 0 || tb == 0 ? 0 : ta == 1 && tb == 1 ? 1 : -1);
		break;
	case 'o':
		r = val_bool(ta == 1 || tb == 1 ? 1 : ta == 0 && tb == 0 ? 0 : -1);
		break;
	case '?':
		if (ta == 1)
			r = b;
		else if (ta == 0)
			r = c;
		else {
			r.must = b.must & c.must;
			r.may = b.may | c.may;
		}
		break;
	default:
		break;
	}
	return r;
}

/*
 * An expression extract.c wrote (op(operands...) in prefix form), with
 * parameter p bound to pv (or every parameter to bind[], BIND_ALL);
 * *pp past it.
 */
static struct val
eval(const char **pp, int p, struct val pv)
{
	const char *s = *pp;
	struct val a, b, c = val_unknown, r;
	char op;

	op = *s++;
	*pp = s;
	if (eval_leaf(op, pp, p, pv, &r))
		return r;
	if (*s != '(')
		return val_unknown;
	s++;
	a = eval(&s, p, pv);
	b = val_unknown;
	if (op != '!' && op != '~') {
		if (*s == ',')
			s++;
		b = eval(&s, p, pv);
		if (op == '?') {
			if (*s == ',')
				s++;
			c = eval(&s, p, pv);
		}
	}
	if (*s == ')')
		s++;
	*pp = s;
	return eval_op(op, a, b, c);
}

static struct val
eval_expr(const char *expr, int p, struct val pv)
{

	return eval(&expr, p, pv);
}


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

static struct val
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
static void
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
			memcpy(bind, cur, sizeof(bind));
			nbind = MAXBIND;
			nxt[i] = eval_expr(expr, BIND_ALL, val_unknown);
			nbind = 0;
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
				memcpy(bind, args, sizeof(bind));
				nbind = MAXBIND;
				objfield_merge(g->as[i].slot, S(g, d->wr[w].field),
				    eval_expr(S(g, d->wr[w].expr), BIND_ALL,
				    val_unknown));
				nbind = 0;
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
				memcpy(bind, args, sizeof(bind));
				nbind = MAXBIND;
				objfield_merge(obj, S(g, d->w[w].field),
				    eval_expr(S(g, d->w[w].expr), BIND_ALL,
				    val_unknown));
				nbind = 0;
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
static void
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
					memcpy(bind, args, sizeof(bind));
					nbind = MAXBIND;
					objfield_merge(args[d->w[w].param].obj,
					    S(g, d->w[w].field), eval_expr(
					    S(g, d->w[w].expr), BIND_ALL,
					    val_unknown));
					nbind = 0;
				}
				break;	/* one definition's stores */
			}
		}
}

/* The one parameter an expression reads; -1 several, -2 none. */
static int
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
static struct val
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
static int
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

/* An edge of the search: node from calls through its site into a node. */
struct edge {
	uint32_t	from, site, next;
	uint8_t		gen;		/* generic dispatch */
};

struct search {
	uint32_t	*seen;		/* stamp per node */
	uint32_t	*from;		/* node it was reached from */
	uint32_t	*via;		/* site index in that node */
	uint8_t		*gen;		/* that edge is generic dispatch */
	uint32_t	*queue;
	uint32_t	 stamp;
	/* every edge between reached nodes, by target: for the callers
	 * of a function whose flag is its parameter */
	uint32_t	*head, *headstamp;
	uint32_t	*deadmark;	/* the node has calls left out */
	struct edge	*e;
	size_t		 ne, cape;
};

static void
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

static uint32_t
edge_first(const struct search *q, uint32_t to)
{

	return q->headstamp[to] == q->stamp ? q->head[to] : UINT32_MAX;
}

/* A path: nodes from the root down, and the site each calls onward by. */
#define MAXPATH	256
struct path {
	uint32_t	node[MAXPATH], site[MAXPATH];
	uint8_t		gen[MAXPATH];	/* the edge into node[i] */
	unsigned	n;
};

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

static void
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

	memcpy(bind, cur, sizeof(bind));
	nbind = MAXBIND;
	v = eval_expr(expr, BIND_ALL, val_unknown);
	nbind = 0;
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
static void
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
static void
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
 * arguments bind them all at once, one call up; the worst caller is
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
		for (nbind = 0; nbind < MAXBIND; nbind++) {
			a = nth_arg(S(g, cs->args), nbind, buf, sizeof(buf));
			if (a == NULL)
				break;
			if (a[0] == '=')
				bind[nbind] = val_const(
				    (unsigned long long)strtoll(a + 1, NULL, 0));
			else if (a[0] == '~' && one_param(a + 1) == -2)
				bind[nbind] = eval_expr(a + 1, -1, val_unknown);
			else
				bind[nbind] = val_unknown;
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
	nbind = 0;
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
static int
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
	memset(&u, 0, sizeof(u));
	u.g = g;
	u.q = q;
	u.sk = sk;
	u.s = s;
	u.sinknode = n;
	u.sexpr = expr;
	u.sp = p;
	u.stext = text;
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
static int
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
	memset(&u, 0, sizeof(u));
	u.g = g;
	u.q = q;
	u.s = s;
	u.sinknode = n;
	u.sexpr = req;
	u.sp = p;
	u.stext = "";
	u.feas = 1;
	up_walk(&u, n, p);
	free(u.bestcond);
	if (u.score == 6 && witness != NULL)
		*witness = u.best;
	return u.score == 6;
}

static int
feasible(struct graph *g, struct search *q, uint32_t n, const struct site *s)
{

	return feasible_path(g, q, n, s, NULL);
}

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

/* Whether node n calls a function of that name directly. */
static const struct site *
calls(struct graph *g, uint32_t n, const char *name)
{
	uint32_t i;

	for (i = 0; i < g->n[n].ns; i++)
		if (g->n[n].s[i].type == SITE_CALL &&
		    strcmp(S(g, g->n[n].s[i].target), name) == 0)
			return &g->n[n].s[i];
	return NULL;
}

/*
 * SC-DKS-3: a d_diskstart that can defer a buf (returns EAGAIN or
 * ENOMEM, itself or through a function of its file that it calls)
 * needs a dk_start() from its driver's completion path or a callout.
 * The completion path: the functions of the root's file that call
 * dk_done() or biodone(), or are a b_iodone, a callout, softint or
 * workqueue handler, and what they call in that file (four calls
 * deep).  Returns the row's status; adds a finding when none is there.
 */
static const char *const restart_slots[] = {
	"*.b_iodone", "callout_reset()#2", "callout_setfunc()#1",
	"softint_establish()#1", "workqueue_create()#2", "kthread_create()#3",
	"*intr_establish*()#*", NULL
};

/*
 * Whether a function is a completion or timer entry: stored into one
 * of restart_slots (an interrupt handler, a b_iodone, a callout, a
 * soft interrupt, a workqueue or a worker thread).  The slots are
 * scanned once, into a mark per key.
 */
static int
entry_key(struct graph *g, uint32_t key)
{
	static uint8_t *mark;
	static uint32_t nmark;
	uint32_t id, j;
	int i;

	if (mark == NULL) {
		nmark = g->nstr;
		mark = xcalloc(nmark + 1, 1);
		for (id = 0; id < g->capidx && id < g->nstr; id++) {
			if (g->slots[id].n == 0)
				continue;
			for (i = 0; restart_slots[i] != NULL; i++)
				if (fnmatch(restart_slots[i], S(g, id), 0) == 0)
					break;
			if (restart_slots[i] == NULL)
				continue;
			for (j = 0; j < g->slots[id].n; j++)
				if (g->slots[id].v[j] < nmark)
					mark[g->slots[id].v[j]] = 1;
		}
	}
	return key < nmark && mark[key];
}

static char *
dks3(struct graph *g, const struct root *r, const struct list *start,
    struct lintresult *res, size_t *fcap, const char *driver)
{
	struct list todo = { 0 }, mark = { 0 }, one = { 0 };
	uint32_t i, j, k, n, file = r->file, dn = UINT32_MAX;
	const struct site *st;
	int defers = 0, depth, in;
	size_t lvl;
	char *chain, *ans = NULL;

	for (i = 0; i < start->n && !defers; i++) {
		n = start->v[i];
		if (g->n[n].defers) {
			defers = 1;
			dn = n;
		}
		for (j = 0; j < g->n[n].ns && !defers; j++) {
			if (g->n[n].s[j].type != SITE_CALL)
				continue;
			resolve(g, g->n[n].s[j].target,
			    S(g, g->n[n].s[j].file), &one);
			for (k = 0; k < one.n; k++)
				if (g->n[one.v[k]].file == file &&
				    g->n[one.v[k]].defers) {
					defers = 1;
					dn = one.v[k];
				}
		}
	}
	if (!defers) {
		free(one.v);
		return xstrdup("never defers");
	}
	/* the completion path's entries in the root's file */
	for (n = 0; n < g->nn; n++) {
		if (g->n[n].file != file)
			continue;
		in = calls(g, n, "dk_done") != NULL ||
		    calls(g, n, "biodone") != NULL ||
		    entry_key(g, g->n[n].key);
		if (in)
			list_add(&todo, n, 1);
	}
	for (i = 0; i < todo.n; i++)
		list_add(&mark, todo.v[i], 1);
	for (depth = 0, lvl = 0; depth < 4; depth++) {
		size_t end = mark.n;

		for (; lvl < end; lvl++) {
			n = mark.v[lvl];
			for (j = 0; j < g->n[n].ns; j++) {
				if (g->n[n].s[j].type != SITE_CALL)
					continue;
				resolve(g, g->n[n].s[j].target,
				    S(g, g->n[n].s[j].file), &one);
				for (k = 0; k < one.n; k++)
					if (g->n[one.v[k]].file == file)
						list_add(&mark, one.v[k], 1);
			}
		}
	}
	for (i = 0; i < mark.n && ans == NULL; i++)
		if ((st = calls(g, mark.v[i], "dk_start")) != NULL)
			ans = xasprintf("restarts: %s (%s:%u)",
			    S(g, g->n[mark.v[i]].name), S(g, st->file),
			    st->line);
	if (ans == NULL) {
		chain = xasprintf("%s (%s:%u) may return EAGAIN or ENOMEM -> "
		    "no dk_start() in a completion path or callout of %s",
		    S(g, g->n[dn].name), S(g, g->n[dn].file), g->n[dn].line,
		    S(g, file));
		add_finding(res, fcap, g, driver, r, "SC-DKS-3", "no-restart",
		    "dk_start", dn, chain, xstrdup(""), NULL);
		ans = xstrdup("finding");
	}
	free(todo.v);
	free(mark.v);
	free(one.v);
	return ans;
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
