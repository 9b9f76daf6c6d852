/*
 * link.c - the call graph of a whole tree, from every TU's facts file
 * (graph_load_facts): its strings, its nodes and their call sites, its
 * slots, roots and locks; and the resolution of a call to definitions.
 *
 * Every definition is a node of its own: the same external name is
 * defined once per port (fdstrategy, delay), and a call resolves to the
 * definitions of its own port when there are some, so that a sparc
 * driver does not inherit an amd64 routine's sleeps.  A call through a
 * slot (struct field or global pointer) goes to every function ever
 * stored there.  The search over the graph is search.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

uint32_t
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

void
grow(void **p, size_t *cap, size_t n, size_t sz)
{

	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 256;
	*p = xrealloc(*p, *cap * sz);
}

void
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

void
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

const char *
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
