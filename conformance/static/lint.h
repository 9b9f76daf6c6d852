/*
 * lint.h - the static tier: what the pieces of sc-lint share.
 *
 * The tool works in two steps so that a second run can skip the
 * expensive one: extract (libclang, one translation unit at a time, in
 * worker processes) writes a "facts" file per TU into a cache keyed by
 * the TU's content; link (one process) reads every facts file, builds
 * the call graph and searches it from the roots.
 */
#ifndef SC_LINT_H
#define SC_LINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LINT_VERSION	"sc-lint 19"
#define LINT_MAXARGS	12	/* call arguments recorded (scsipi_command: 9) */

/*
 * The data file (sleepers.tsv): what may sleep, block or spin, and the
 * functions whose callees are not followed.
 */
enum sink_rule {
	RULE_ALWAYS,		/* every call */
	RULE_SET,		/* when (arg & mask) != 0 */
	RULE_CLEAR,		/* when (arg & mask) == 0 */
	RULE_TRUE,		/* when arg != 0 */
	RULE_KMEM,		/* KM_SLEEP sleeps; any call is intr-unsafe */
	RULE_LOCK,		/* lock argument, adaptive by its init */
	RULE_DELAY,		/* in a loop or over the limit */
	RULE_LOCKINIT,		/* mutex_init(lock, type, ipl): no finding */
	RULE_LOCKALLOC,		/* lock = mutex_obj_alloc(type, ipl) */
	RULE_STOP,		/* a call not followed, with the reason */
	RULE_ALIAS		/* a call followed as a call of flag */
};

struct sink {
	char		*name;		/* function, macro or "struct.field" */
	int		 prefix;	/* name ends in '*': a prefix */
	char		*clause;
	char		*kind;
	enum sink_rule	 rule;
	int		 arg;		/* the argument the rule reads */
	long long	 mask;		/* RULE_SET/CLEAR, DELAY's limit */
	char		*flag;		/* the flag's name, for the report */
	char		*why;
};

struct sinks {
	struct sink	*v;
	size_t		 n;
	uint64_t	 hash;		/* of the file: part of the cache key */
	long long	 adaptive_ipl_max;	/* mutex(9): IPL_SOFTSERIAL */
	long long	 mutex_spin;		/* the MUTEX_SPIN constant */
	struct fresh {
		char		*fn;		/* the allocator */
		char		*field;		/* struct.field */
		long long	 v;		/* what it holds on return */
	}		*fresh;			/* @fresh lines */
	size_t		 nfresh;
};

int sinks_load(const char *path, struct sinks *, char *err, size_t errlen);
const struct sink *sinks_find(const struct sinks *, const char *name);

/* extract.c: parse one TU and write its facts to out. */
struct extract_opts {
	const char	*sysdir;	/* the tree: file names are relative */
	char *const	*argv;		/* compiler arguments */
	int		 argc;
	const char	*stubdir;	/* empty generated headers go here */
	const struct sinks *sinks;
};
int extract_tu(const char *path, const struct extract_opts *, FILE *out);

/* config.c: the ports' files.* configuration (NULL: no conf/files). */
#define CONFIG_MAXPORT	128
struct strvec;
struct config;
struct config *config_load(const char *sys, const struct strvec *archdirs);
size_t config_nports(const struct config *);
const char *config_port(const struct config *, int);
int config_amd64(const struct config *);
int config_builds(const struct config *, const char *file, int port);
int config_built(const struct config *, const char *file);
int config_home(const struct config *, const char *file);
uint64_t config_headers(struct config *, const char *dir);

/* hash.c */
uint64_t hash_bytes(uint64_t h, const void *, size_t);
#define HASH_INIT	0xcbf29ce484222325ULL

/* link.c: the call graph; search.c (graph_link): the search, with
   value.c, objects.c, chain.c and dks3.c; report.c: the outputs. */
struct finding {
	char	*driver;
	char	*root;
	char	*rootfile;
	char	*clause;
	char	*kind;
	char	*sink;		/* the sink's name */
	char	*where;		/* the function that calls it */
	char	*chain;
	char	*condition;
	char	*via;		/* generic dispatch slot on the chain, or NULL */
	char	*signature;	/* the chain without its file:line parts */
	int	 expected;	/* a line of accepted.tsv names it */
	char	*reason;	/* that line's pr and reading */
	char	*verdict;	/* and its verdict/read ("real/chain") */
};

struct rootrow {
	char	*driver;
	char	*root;
	char	*file;
	char	*field;		/* d_strategy or d_diskstart */
	char	*dks3;		/* SC-DKS-3: "-", never defers, restarts..., finding */
	size_t	 reached;	/* functions reachable */
	size_t	 nfiles;	/* files they are in */
	int	 resolved;	/* its definition was found */
	int	 built;		/* a port builds its file */
	char	*port;		/* the port whose code it is read with */
	size_t	 ncfiles, nclean;	/* .c files reached, clean parses */
	size_t	 ffirst, fend;	/* its findings in lintresult.f */
};

struct tustat {
	char	*file;
	int	 nerr;		/* errors libclang reported; -1 no AST */
	char	*first;
};

struct lintresult {
	struct finding	*f;
	size_t		 nf;
	struct rootrow	*r;
	size_t		 nr, capr;
	struct tustat	*t;
	size_t		 nt;
	size_t		 nfunc, nlocks;
	size_t		 ndead;		/* calls and sinks no caller reaches */
};

struct graph;
struct graph *graph_new(void);
int graph_load_facts(struct graph *, const char *path,
    const struct sinks *);
void graph_set_config(struct graph *, const struct config *);
void graph_link(struct graph *, const struct sinks *, struct lintresult *);

int accept_apply(const char *path, struct lintresult *, char *err,
    size_t errlen);
int report_write(const char *dir, const struct lintresult *, FILE *tty);

#endif
