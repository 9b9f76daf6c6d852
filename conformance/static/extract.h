/*
 * extract.h - the walk of one TU, private to the files that make its
 * facts: extract.c (the walk and extract_tu), text.c (the source beside
 * the AST), expr.c (values in the parameters' terms), calls.c (a call's
 * facts), locals.c (the locals' bits and objects) and stores.c (what is
 * stored where).  lint.h is the interface of the whole.
 */
#ifndef SC_LINT_EXTRACT_H
#define SC_LINT_EXTRACT_H

#include <clang-c/Index.h>

#include "lint.h"

#define MAXGUARD	32
#define TEXTMAX		160

/*
 * A local of the function being walked, with the bits it holds on every
 * path (must: the AND of its plain assignments) and on some (may: the
 * OR of all of them): "flags = XS_CTL_NOSLEEP | XS_CTL_ASYNC; if (read)
 * flags |= XS_CTL_DATA_IN;" always has XS_CTL_NOSLEEP.
 */
struct local {
	CXCursor	var;
	long long	must, may;
	int		known;		/* no assignment the tool cannot read */
	int		nassign;	/* plain assignments seen */
	char		*obj;		/* every one is this object (pp =
					   &bmempools[i]), or NULL */
	CXCursor	call;		/* the one is this call (pc =
					   pool_cache_init(...)), or null */
	char		*pexpr;		/* the one is this expression of the
					   parameters (ppflags = flags), or
					   NULL */
	int		nand;		/* &= seen: bits it may lose */
	int		returned;	/* returned: its callee's stores are
					   the function's (%local), not the
					   object's */
};

struct walk {
	CXTranslationUnit	 tu;
	const struct extract_opts *o;
	FILE			*out;
	size_t			 syslen;
	char			*fkey;		/* function being walked */
	CXCursor		*params;	/* its parameters, in order */
	unsigned		 nparams;
	const char		*var;		/* file-scope variable */
	char			*guard[MAXGUARD];
	char			*req[MAXGUARD];	/* the guard over parameters */
	int			 nguard;
	struct local		*locals;	/* flag bits of the locals */
	unsigned		 nlocals;
	int			 loops;
	/* The last file seen, as a relative name: locations come in runs. */
	CXFile			 lastfile;
	char			*lastname;
};

/* The children of a cursor, in order. */
struct kids {
	CXCursor	*v;
	unsigned	 n, cap;
};

/* extract.c */
char *guard_text(struct walk *w);
char *req_text(struct walk *w);
CXSourceLocation file_loc(struct walk *w, CXSourceLocation l);
int returns(CXCursor c);
void walk(CXCursor c, struct walk *w);

/* text.c */
int generated_header(const char *name);
const char *file_name(struct walk *w, CXFile f);
const char *where(struct walk *w, CXCursor c, unsigned *line);
char *spelling(CXCursor c);
char *range_text(struct walk *w, CXSourceRange r, int drop_last);
char *cursor_text(struct walk *w, CXCursor c);
void kids_push(struct kids *k, CXCursor c);
void kids_of(CXCursor c, struct kids *k);
CXCursor strip(CXCursor c);
char *func_key(struct walk *w, CXCursor fn);
char *field_slot(CXCursor field);
char *slot_of(struct walk *w, CXCursor c);
CXCursor func_ref(CXCursor c);
int const_value(CXCursor c, long long *v);
const struct local *local_of(struct walk *w, CXCursor var);
void binop_of(struct walk *w, CXCursor c, CXCursor lhs, char *buf, size_t len);
int binop_is(struct walk *w, CXCursor lhs, const char *op);
void flag_bits(struct walk *w, CXCursor c, long long *must, long long *may);
int first_token_is(struct walk *w, CXCursor c, const char *op);

/* expr.c */
int param_base(struct walk *w, CXCursor base);
char *local_struct(struct walk *w, CXCursor e);
char *local_name(struct walk *w, CXCursor e);
int param_index(struct walk *w, CXCursor ref);
char *flag_expr(struct walk *w, CXCursor c, int depth);
char *param_expr(struct walk *w, CXCursor c);
char *arg_text(struct walk *w, CXCursor a);

/* calls.c */
char *object_of(struct walk *w, CXCursor a);
char *fresh_of(struct walk *w, CXCursor e);
void emit_call_args(struct walk *w, CXCursor call);
void emit_lock(struct walk *w, CXCursor lock, CXCursor type, CXCursor ipl,
    CXCursor at);
char *written_name(struct walk *w, CXCursor call);
void do_call(struct walk *w, CXCursor call);

/* locals.c */
struct local *local_slot(struct walk *w, CXCursor var);
void read_locals(struct walk *w, CXCursor fn);

/* stores.c */
void emit_field_store(struct walk *w, CXCursor lhs, CXCursor val,
    const char *suffix);
void store(struct walk *w, const char *slot, CXCursor fn, CXCursor at);
void do_initlist(struct walk *w, CXCursor c);
void do_binop(struct walk *w, CXCursor c);

#endif
