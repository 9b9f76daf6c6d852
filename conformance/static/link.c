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
 */
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "util.h"

enum { SITE_CALL, SITE_SLOT, SITE_UNRES, SITE_SINK };

struct site {
	uint8_t		type;
	uint8_t		loop;
	uint32_t	target;		/* callee key, slot or sink name */
	uint32_t	file, line;
	uint32_t	guard;
	uint32_t	text;		/* callee text, or the sink's args */
};

struct node {
	uint32_t	key, name, file, line;
	struct site	*s;
	uint32_t	ns, cap;
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
	return g;
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

int
graph_load_facts(struct graph *g, const char *path, const struct sinks *sk)
{
	char *text, *line, *next, *f[8 + LINT_MAXARGS + 2];
	size_t len;
	struct node *cur = NULL;
	struct site s;
	struct root *r;
	struct tustat *t;
	int nf, dup = 0, i;
	char *args;

	if ((text = read_file(path, &len)) == NULL)
		return -1;
	for (line = text; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		nf = tsv_split(line, f, 8 + LINT_MAXARGS + 2);
		memset(&s, 0, sizeof(s));
		switch (f[0][0]) {
		case 'T':
			if (nf < 4)
				break;
			grow((void **)&g->t, &g->capt, g->nt, sizeof(*g->t));
			t = &g->t[g->nt++];
			t->file = xstrdup(f[1]);
			t->nerr = atoi(f[2]);
			t->first = xstrdup(f[3]);
			break;
		case 'F':
			if (nf < 5)
				break;
			cur = node_for(g, intern(g, f[1]), intern(g, f[2]),
			    intern(g, f[3]), atoi(f[4]), &dup);
			break;
		case 'C':
		case 'P':
		case 'U':
		case 'K':
			if (cur == NULL || dup ||
			    cur->key != intern(g, f[1]) || nf < 6)
				break;
			if (f[0][0] == 'C') {
				s.type = SITE_CALL;
				s.target = intern(g, f[2]);
				s.file = intern(g, f[4]);
				s.line = atoi(f[5]);
				s.guard = intern(g, nf > 6 ? f[6] : "");
			} else if (f[0][0] == 'P') {
				s.type = SITE_SLOT;
				s.target = intern(g, f[2]);
				s.file = intern(g, f[3]);
				s.line = atoi(f[4]);
				s.guard = intern(g, f[5]);
				s.text = intern(g, nf > 6 ? f[6] : "");
			} else if (f[0][0] == 'U') {
				s.type = SITE_UNRES;
				s.file = intern(g, f[2]);
				s.line = atoi(f[3]);
				s.guard = intern(g, f[4]);
				s.text = intern(g, f[5]);
			} else {
				if (nf < 8)
					break;
				s.type = SITE_SINK;
				s.target = intern(g, f[2]);
				s.file = intern(g, f[3]);
				s.line = atoi(f[4]);
				s.guard = intern(g, f[5]);
				s.loop = atoi(f[6]);
				/* the arguments stay one string until needed */
				len = 0;
				for (i = 7; i < nf; i++)
					len += strlen(f[i]) + 1;
				args = xmalloc(len + 1);
				args[0] = '\0';
				for (i = 7; i < nf; i++) {
					strcat(args, f[i]);
					if (i + 1 < nf)
						strcat(args, "\t");
				}
				s.text = intern(g, args);
				free(args);
			}
			add_site(cur, &s);
			break;
		case 'S':
			if (nf >= 3)
				list_add(idx(g, &g->slots, intern(g, f[1])),
				    intern(g, f[2]), 1);
			break;
		case 'R':
			if (nf < 8)
				break;
			grow((void **)&g->r, &g->capr, g->nr, sizeof(*g->r));
			r = &g->r[g->nr++];
			r->kind = intern(g, f[1]);
			r->var = intern(g, f[2]);
			r->field = intern(g, f[3]);
			r->key = intern(g, f[4]);
			r->name = intern(g, f[5]);
			r->file = intern(g, f[6]);
			r->line = atoi(f[7]);
			break;
		case 'I':
			add_lock(g, f, nf, sk);
			break;
		default:
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
 * else the machine-independent ones, else those of the amd64 build;
 * never another port's (a sparc fdstrategy is not amd64's, and an x86
 * caller does not reach powerpc's softint_trigger).
 */
static void
resolve(struct graph *g, uint32_t key, const char *file, struct list *out)
{
	struct list *d;
	size_t pl = port_len(file), ql;
	uint32_t i;
	int pass;
	const char *df;

	out->n = 0;
	if (key >= g->capidx)
		return;
	d = &g->defs[key];
	for (pass = 0; pass < 3 && out->n == 0; pass++)
		for (i = 0; i < d->n; i++) {
			df = S(g, g->n[d->v[i]].file);
			ql = port_len(df);
			if ((pass == 0 && pl > 0 && ql == pl &&
			    strncmp(df, file, pl) == 0) ||
			    (pass == 1 && ql == 0) ||
			    (pass == 2 && amd64_port(df, ql) &&
			    (pl == 0 || amd64_port(file, pl))))
				list_add(out, d->v[i], 0);
		}
}

static const char *
driver_of(struct graph *g, const struct root *r)
{
	static char buf[256];
	const char *v = S(g, r->var);
	size_t i, n;

	if (strcmp(S(g, r->kind), "dkdriver") == 0)
		for (i = 0; i < g->nr; i++)
			if (strcmp(S(g, g->r[i].kind), "bdevsw") == 0 &&
			    g->r[i].file == r->file)
				return driver_of(g, &g->r[i]);
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

/* The nth tab-separated field of a sink's argument string. */
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
 * Whether a sink call is a finding: 0 no, 1 yes; *cond gets the
 * argument condition when it decides only at run time.
 */
static int
judge(struct graph *g, const struct sink *sk, const struct site *s,
    char **cond, char **label)
{
	char buf[256], lbuf[256];
	const char *a = NULL, *args = S(g, s->text), *lk;
	long long v = 0;
	unsigned long long must = 0, may = ~0ULL;
	char *e;
	int known = 0;
	size_t i;

	*cond = NULL;
	*label = xstrdup(S(g, s->target));
	if (sk->arg >= 0 && (a = nth_arg(args, sk->arg, buf, sizeof(buf)))) {
		known = a[0] == '=';
		if (known)
			v = strtoll(a + 1, NULL, 0);
		else {
			/* ?must:may:text */
			must = strtoull(a + 1, &e, 16);
			may = *e == ':' ? strtoull(e + 1, &e, 16) : ~0ULL;
			a = *e == ':' ? e : a;
		}
	}
	/* The bits decide when they are the same on every path. */
	if (!known && a != NULL && sk->mask != 0 &&
	    (sk->rule == RULE_SET || sk->rule == RULE_CLEAR)) {
		if ((must & sk->mask) != 0) {
			known = 1;
			v = sk->mask;
		} else if ((may & sk->mask) == 0) {
			known = 1;
			v = 0;
		}
	}
	switch (sk->rule) {
	case RULE_ALWAYS:
		return 1;
	case RULE_SET:
	case RULE_CLEAR:
	case RULE_TRUE:
		if (a == NULL)
			return 0;
		if (!known) {
			*cond = sk->rule == RULE_TRUE ?
			    xasprintf("%s: %s true", S(g, s->target), a + 1) :
			    xasprintf("%s: %s %s %s", S(g, s->target), a + 1,
			    sk->rule == RULE_SET ? "has" : "lacks", sk->flag);
			return 1;
		}
		if (sk->rule == RULE_TRUE)
			return v != 0;
		return sk->rule == RULE_SET ? (v & sk->mask) != 0 :
		    (v & sk->mask) == 0;
	case RULE_KMEM:
		if (a != NULL && known && (v & 1) != 0)
			return 1;
		if (a != NULL && !known)
			*cond = xasprintf("%s: %s has KM_SLEEP; any call is "
			    "unsafe in interrupt context", S(g, s->target),
			    a + 1);
		else
			*cond = xasprintf("in interrupt context: kmem(9) "
			    "asserts !cpu_intr_p() && !cpu_softintr_p()");
		return 1;
	case RULE_LOCK:
		lk = strstr(args, "lock=");
		lk = lk ? lk + 5 : "?";
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
		if (a == NULL)
			return 0;
		if (s->loop)
			return 1;
		if (known)
			return v >= sk->mask;
		*cond = xasprintf("%s(%s) of %lld us or more", S(g, s->target),
		    a + 1, sk->mask);
		return 1;
	default:
		return 0;
	}
}

struct search {
	uint32_t	*seen;		/* stamp per node */
	uint32_t	*from;		/* node it was reached from */
	uint32_t	*via;		/* site index in that node */
	uint32_t	*queue;
	uint32_t	 stamp;
};

/* "f (file:line) -> g (file:line) -> sink"; guards go to *cond. */
static void
chain_of(struct graph *g, struct search *q, uint32_t n, const struct site *s,
    const char *label, const char *argcond, char **chain, char **cond)
{
	uint32_t path[256], sites[256], k, m = 0, i;
	const struct site *e, *in;
	size_t len = 1, clen = 1;
	int slot;
	char *c, *d, *part;

	path[m] = n;
	sites[m++] = UINT32_MAX;
	for (k = n; q->from[k] != UINT32_MAX && m < 256; k = q->from[k]) {
		path[m] = q->from[k];
		sites[m++] = q->via[k];
	}
	c = xstrdup("");
	d = xstrdup("");
	for (i = m; i-- > 0;) {
		e = i == 0 ? s : &g->n[path[i]].s[sites[i]];
		in = i + 1 < m ? &g->n[path[i + 1]].s[sites[i + 1]] : NULL;
		slot = in != NULL && in->type == SITE_SLOT;
		part = xasprintf("%s%s%s%s (%s:%u)", slot ? "[" : "",
		    slot ? S(g, in->target) : "", slot ? "] " : "",
		    S(g, g->n[path[i]].name), S(g, e->file), e->line);
		len += strlen(part) + 4;
		c = xrealloc(c, len);
		if (c[0] != '\0')
			strcat(c, " -> ");
		strcat(c, part);
		free(part);
		if (S(g, e->guard)[0] != '\0') {
			part = xasprintf("%s: %s", S(g, g->n[path[i]].name),
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

static void
add_finding(struct lintresult *res, size_t *cap, struct graph *g,
    const char *driver, const struct root *r, const char *clause,
    const char *kind, const char *sink, uint32_t where, char *chain,
    char *cond)
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
		    strcmp(driver_of(g, &g->r[i]), name) == 0) {
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

static void
search_root(struct graph *g, const struct sinks *sks, struct search *q,
    const struct root *r, struct lintresult *res, size_t *fcap)
{
	struct list start = { 0 }, to = { 0 }, files = { 0 };
	uint32_t head = 0, tail = 0, n, i, j, t;
	struct site *s;
	const struct sink *sk;
	char *chain, *cond, *argcond, *label;
	struct rootrow *row;
	/* driver_of() answers in a buffer of its own: keep a copy */
	char *driver = xstrdup(driver_of(g, r));
	size_t first = res->nf;

	q->stamp++;
	resolve(g, r->key, S(g, r->file), &start);
	for (i = 0; i < start.n; i++) {
		q->seen[start.v[i]] = q->stamp;
		q->from[start.v[i]] = UINT32_MAX;
		q->queue[tail++] = start.v[i];
	}
	while (head < tail) {
		n = q->queue[head++];
		list_add(&files, g->n[n].file, 1);
		for (i = 0; i < g->n[n].ns; i++) {
			s = &g->n[n].s[i];
			to.n = 0;
			switch (s->type) {
			case SITE_CALL:
				sk = sinks_find(sks, S(g, s->target));
				if (sk != NULL && sk->rule == RULE_ALWAYS) {
					chain_of(g, q, n, s, S(g, s->target),
					    NULL, &chain, &cond);
					add_finding(res, fcap, g, driver, r,
					    sk->clause, sk->kind,
					    S(g, s->target), n, chain, cond);
				} else if (sk == NULL || sk->rule != RULE_STOP)
					resolve(g, s->target, S(g, s->file), &to);
				break;
			case SITE_SLOT:
				if (stopped(g, sks, s->target))
					break;
				if (s->target >= g->capidx ||
				    g->slots[s->target].n == 0) {
					argcond = xasprintf("nothing stored "
					    "into %s", S(g, s->target));
					chain_of(g, q, n, s, S(g, s->text),
					    argcond, &chain, &cond);
					free(argcond);
					add_finding(res, fcap, g, driver, r, "-",
					    "unresolved", S(g, s->text), n,
					    chain, cond);
					break;
				}
				if (own_dkdriver(g, r, driver, s->target, &to))
					break;
				for (j = 0; j < g->slots[s->target].n; j++) {
					struct list one = { 0 };

					resolve(g, g->slots[s->target].v[j],
					    S(g, s->file), &one);
					for (t = 0; t < one.n; t++)
						list_add(&to, one.v[t], 0);
					free(one.v);
				}
				break;
			case SITE_UNRES:
				chain_of(g, q, n, s, S(g, s->text),
				    "a call through a local pointer", &chain,
				    &cond);
				add_finding(res, fcap, g, driver, r, "-",
				    "unresolved", S(g, s->text), n, chain, cond);
				break;
			case SITE_SINK:
				sk = sinks_find(sks, S(g, s->target));
				if (sk == NULL || !judge(g, sk, s,
				    &argcond, &label))
					break;
				chain_of(g, q, n, s, label, argcond, &chain,
				    &cond);
				add_finding(res, fcap, g, driver, r, sk->clause,
				    sk->kind, S(g, s->target), n, chain, cond);
				free(argcond);
				free(label);
				break;
			}
			for (j = 0; j < to.n; j++) {
				t = to.v[j];
				if (q->seen[t] == q->stamp)
					continue;
				q->seen[t] = q->stamp;
				q->from[t] = n;
				q->via[t] = i;
				q->queue[tail++] = t;
			}
		}
	}
	grow((void **)&res->r, &res->capr, res->nr, sizeof(*res->r));
	row = &res->r[res->nr++];
	memset(row, 0, sizeof(*row));
	row->driver = xstrdup(driver);
	row->root = xstrdup(S(g, r->name));
	row->file = xstrdup(S(g, r->file));
	row->reached = tail;
	row->nfiles = files.n;
	row->resolved = start.n > 0;
	row->ffirst = first;
	row->fend = res->nf;
	free(start.v);
	free(to.v);
	free(files.v);
	free(driver);
}

void
graph_link(struct graph *g, const struct sinks *sks, struct lintresult *res)
{
	struct search q;
	size_t i, j, fcap = 0;
	int dup;

	memset(res, 0, sizeof(*res));
	q.seen = xcalloc(g->nn + 1, sizeof(*q.seen));
	q.from = xcalloc(g->nn + 1, sizeof(*q.from));
	q.via = xcalloc(g->nn + 1, sizeof(*q.via));
	q.queue = xcalloc(g->nn + 1, sizeof(*q.queue));
	q.stamp = 0;
	for (i = 0; i < g->nr; i++) {
		/* one function given by a bdevsw and its dkdriver */
		for (dup = 0, j = 0; j < i; j++)
			if (g->r[j].key == g->r[i].key &&
			    g->r[j].file == g->r[i].file &&
			    strcmp(driver_of(g, &g->r[j]),
			    driver_of(g, &g->r[i])) == 0)
				dup = 1;
		if (!dup)
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
	free(q.queue);
}
