/*
 * graph.h - sc-lint's call graph, private to the files that build it
 * and search it: link.c (the graph from the facts files), value.c (what
 * an argument expression is worth), objects.c (what is stored into the
 * objects a chain passes), chain.c (each chain judged whole, and the
 * walk up the callers), dks3.c (SC-DKS-3's restart) and search.c (the
 * search from each root).  lint.h is the interface of the whole.
 */
#ifndef SC_LINT_GRAPH_H
#define SC_LINT_GRAPH_H

#include <stdint.h>
#include <stdlib.h>

#include "lint.h"

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

#define S(g, id)	((g)->str[(id)])

/*
 * A flag's value as the bits it has on every path (must) and on some
 * path (may): a constant has must == may; nothing known is 0 and ~0.
 */
struct val {
	unsigned long long	must, may;
	uint32_t		obj;	/* the object it designates, 0 none */
};

static const struct val val_unknown = { 0, ~0ULL, 0 };

/*
 * Evaluate an argument expression (extract.c's prefix form) with
 * parameter p bound to pv and every other one unknown; p == BIND_ALL
 * binds every parameter from argbind[] (one caller's arguments).
 */
#define BIND_ALL	(-3)
#define MAXBIND		LINT_MAXARGS
extern struct val argbind[MAXBIND];
extern int nargbind;

extern struct graph *ograph;	/* the graph objects are interned in */

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

/* A path: nodes from the root down, and the site each calls onward by. */
#define MAXPATH	256
struct path {
	uint32_t	node[MAXPATH], site[MAXPATH];
	uint8_t		gen[MAXPATH];	/* the edge into node[i] */
	unsigned	n;
};

/* link.c */
uint32_t intern(struct graph *g, const char *s);
void grow(void **p, size_t *cap, size_t n, size_t sz);
void list_add(struct list *l, uint32_t v, int unique);
void resolve(struct graph *g, uint32_t key, const char *file, struct list *out);
const char *root_driver(struct graph *g, const struct root *r);

/* value.c */
const char *nth_arg(const char *args, int i, char *buf, size_t len);
struct val val_const(unsigned long long v);
int truth(struct val v);
struct val eval_expr(const char *expr, int p, struct val pv);

/* objects.c */
struct val objfield_get(uint32_t obj, const char *field);
void bind_args(struct graph *g, const struct site *st, const struct val *cur,
    struct val *nxt);
void objects_link(struct graph *g);

/* chain.c */
int one_param(const char *e);
struct val sink_arg(const char *a, char *expr, size_t elen, const char **text);
int judge_val(struct graph *g, const struct sink *sk, const struct site *s,
    int have, struct val v, const char *text, char **cond, char **label);
void edge_add(struct search *q, uint32_t to, uint32_t from, uint32_t site,
    int gen);
uint32_t edge_first(const struct search *q, uint32_t to);
void add_finding(struct lintresult *res, size_t *cap, struct graph *g,
    const char *driver, const struct root *r, const char *clause,
    const char *kind, const char *sink, uint32_t where, char *chain,
    char *cond, char *via);
void finding_at(struct graph *g, struct search *q, uint32_t n,
    const struct site *s, const char *label, const char *argcond,
    struct lintresult *res, size_t *fcap, const char *driver,
    const struct root *r, const char *clause, const char *kind,
    const char *sink);
void finding_via(struct graph *g, struct search *q, uint32_t n,
    const struct path *wit, const struct site *s, const char *label,
    const char *argcond, struct lintresult *res, size_t *fcap,
    const char *driver, const struct root *r, const char *clause,
    const char *kind, const char *sink);
int judge_up(struct graph *g, struct search *q, const struct sink *sk,
    uint32_t n, const struct site *s, struct lintresult *res, size_t *fcap,
    const char *driver, const struct root *r);
int feasible_path(struct graph *g, struct search *q, uint32_t n,
    const struct site *s, struct path *witness);
int feasible(struct graph *g, struct search *q, uint32_t n,
    const struct site *s);

/* dks3.c */
const struct site *calls(struct graph *g, uint32_t n, const char *name);
char *dks3(struct graph *g, const struct root *r, const struct list *start,
    struct lintresult *res, size_t *fcap, const char *driver);

#endif
