/*
 * expr.c - how a value derives from the parameters of the function
 * being walked, in the prefix form of extract.c's head comment: flags,
 * guards and arguments, through locals, fields, globals and the
 * results of small functions (their summaries).  This is what lets the
 * link follow a flag back to the callers that pass it.
 */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "util.h"

static int is_builtin_expect(CXCursor);
static char *call_summary(struct walk *, CXCursor, int);

int
param_base(struct walk *w, CXCursor base)
{
	struct local *lo;
	char *end;
	long n;

	base = strip(base);
	if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
		return -1;
	/* xa = aux: a local assigned once from a parameter is it */
	if ((lo = local_slot(w, clang_getCursorReferenced(base))) != NULL &&
	    lo->known && lo->nassign == 1 && lo->pexpr != NULL &&
	    lo->pexpr[0] == 'p' && (n = strtol(lo->pexpr + 1, &end, 10)) >= 0 &&
	    *end == '\0')
		return (int)n;
	return param_index(w, clang_getCursorReferenced(base));
}

/*
 * A local structure of the function (xystrategy's "struct
 * xyc_attach_args xa"), as the fresh object "new:&<function>.<name>":
 * what the function stores into its fields is known, the rest not.
 * NULL for anything else.
 */
char *
local_struct(struct walk *w, CXCursor e)
{
	CXCursor ref;
	char *n, *s;

	e = strip(e);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr || w->fkey == NULL)
		return NULL;
	ref = clang_getCursorReferenced(e);
	if (clang_getCursorKind(ref) != CXCursor_VarDecl ||
	    local_slot(w, ref) == NULL ||
	    clang_getCanonicalType(clang_getCursorType(ref)).kind !=
	    CXType_Record)
		return NULL;
	n = spelling(ref);
	s = xasprintf("new:&%s.%s", w->fkey, n);
	free(n);
	return s;
}

/*
 * The name of a local pointer an expression is (vm in vm->vm_lock),
 * or NULL: what a function returns and hands to the callee that
 * initialises it (pool_cache_init's pc).
 */
char *
local_name(struct walk *w, CXCursor e)
{
	CXCursor ref;

	(void)w;
	e = strip(e);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return NULL;
	ref = clang_getCursorReferenced(e);
	if (clang_getCursorKind(ref) != CXCursor_VarDecl ||
	    clang_Cursor_getStorageClass(ref) == CX_SC_Static ||
	    clang_Cursor_getStorageClass(ref) == CX_SC_Extern ||
	    clang_getCursorKind(clang_getCursorSemanticParent(ref)) !=
	    CXCursor_FunctionDecl ||
	    clang_getCanonicalType(clang_getCursorType(ref)).kind !=
	    CXType_Pointer)
		return NULL;
	return spelling(ref);
}

/* The index of a parameter of the function being walked, or -1. */
int
param_index(struct walk *w, CXCursor ref)
{
	unsigned i;

	if (clang_getCursorKind(ref) != CXCursor_ParmDecl)
		return -1;
	for (i = 0; i < w->nparams; i++)
		if (clang_equalCursors(w->params[i], ref))
			return (int)i;
	return -1;
}

/*
 * A field name in an expression: uppercase hex after H, so that no
 * letter of it reads as an operator or a parameter (pool.pr_roflags
 * has a p).
 */
static char *
hex_name(const char *name)
{
	char *h = xmalloc(2 * strlen(name) + 2), *o = h;

	*o++ = 'H';
	for (; *name != '\0'; name++, o += 2)
		snprintf(o, 3, "%02X", (unsigned char)*name);
	*o = '\0';
	return h;
}

/*
 * A global variable read in an expression (pmap_kernel() is the global
 * kernel_pmap_ptr): g<slot in hex>, the object the link compares with
 * the one a chain passes, so that pmap_unmap_ptes()'s "if (pmap ==
 * pmap_kernel()) return" is judged for uvm_km_kmem_alloc()'s
 * pmap_extract(pmap_kernel(), ...).  NULL when c is no global.
 */
static char *
global_expr(struct walk *w, CXCursor c)
{
	char *slot, *h, *s;

	if ((slot = slot_of(w, c)) == NULL)
		return NULL;
	h = hex_name(slot);
	h[0] = 'g';
	s = h;
	free(slot);
	return s;
}

/* The parameter an object expression is based on: p->f, p->f.g. */

/*
 * A field read off a parameter (pp->pr_roflags, pc->pc_pool.pr_roflags
 * is not followed): m(pN,H<field>), which the link evaluates against
 * what the object's creating call stored there.
 */
static char *
member_expr(struct walk *w, CXCursor c, CXCursor base)
{
	CXCursor ref = clang_getCursorReferenced(c);
	char *slot, *h, *s;
	int i;

	if (clang_Cursor_isNull(base) ||
	    clang_getCursorKind(ref) != CXCursor_FieldDecl ||
	    (i = param_base(w, base)) < 0)
		return NULL;
	slot = field_slot(ref);
	h = hex_name(slot);
	s = xasprintf("m(p%d,%s)", i, h);
	free(slot);
	free(h);
	return s;
}

/* A name's value: a parameter, a local, or a global (flag_expr). */
static char *
flag_ref(struct walk *w, CXCursor c)
{
	const struct local *lo;
	int i;

	if ((i = param_index(w, clang_getCursorReferenced(c))) >= 0)
		return xasprintf("p%d", i);
	if ((lo = local_of(w, clang_getCursorReferenced(c))) != NULL &&
	    lo->nassign == 1 && lo->pexpr != NULL)
		/* ppflags = flags; ppflags &= ~PR_PSERIALIZE */
		return lo->nand ? xasprintf("&(%s,u)", lo->pexpr) :
		    xstrdup(lo->pexpr);
	if (lo != NULL)
		return xasprintf("b%llx.%llx", (unsigned long long)lo->must,
		    (unsigned long long)lo->may);
	return global_expr(w, c);
}

/* A binary operator of flag_expr's, or the value of an assignment. */
static char *
flag_binop(struct walk *w, CXCursor c, const struct kids *k, int depth)
{
	static const struct { const char *tok; char op; } bin[] = {
		{ "|", '|' }, { "&", '&' }, { "==", '=' }, { "!=", '#' },
		{ "&&", 'a' }, { "||", 'o' }, { NULL, 0 }
	};
	char *a, *b, *s, optok[8];
	int i;

	if (k->n != 2)
		return NULL;
	binop_of(w, c, k->v[0], optok, sizeof(optok));
	for (i = 0; bin[i].tok != NULL; i++)
		if (strcmp(optok, bin[i].tok) == 0)
			break;
	if (bin[i].tok == NULL) {
		/* (vp = bp->b_vp) != NULL: the value assigned */
		if (binop_is(w, k->v[0], "="))
			return flag_expr(w, k->v[1], depth + 1);
		return NULL;
	}
	a = flag_expr(w, k->v[0], depth + 1);
	b = flag_expr(w, k->v[1], depth + 1);
	s = xasprintf("%c(%s,%s)", bin[i].op, a, b);
	free(a);
	free(b);
	return s;
}

/*
 * How an expression derives from the parameters (prefix form, see the
 * top of the file); the caller frees it.  Casts and parentheses are
 * transparent; anything else that is not a constant is "u".
 */
char *
flag_expr(struct walk *w, CXCursor c, int depth)
{
	struct kids k;
	long long v;
	char *a, *b, *e, *s = NULL;
	enum CXCursorKind kind;

	/* deep enough for __predict_false(pp_has_pser(pp)) */
	if (depth > 24)
		return xstrdup("u");
	if (const_value(c, &v))
		return xasprintf("c%llx", (unsigned long long)v);
	kind = clang_getCursorKind(c);
	kids_of(c, &k);
	switch (kind) {
	case CXCursor_UnexposedExpr:
	case CXCursor_ParenExpr:
	case CXCursor_CStyleCastExpr:
		if (k.n == 1)
			s = flag_expr(w, k.v[k.n - 1], depth + 1);
		break;
	case CXCursor_MemberRefExpr:
		s = member_expr(w, c, k.n == 1 ? k.v[0] : clang_getNullCursor());
		break;
	case CXCursor_CallExpr:
		/* __predict_false(x): __builtin_expect((x) != 0, 0) */
		if (clang_Cursor_getNumArguments(c) == 2 &&
		    is_builtin_expect(c))
			s = flag_expr(w, clang_Cursor_getArgument(c, 0),
			    depth + 1);
		else
			s = call_summary(w, c, depth + 1);
		break;
	case CXCursor_DeclRefExpr:
		s = flag_ref(w, c);
		break;
	case CXCursor_UnaryOperator:
		if (k.n == 1 && (first_token_is(w, c, "!") ||
		    first_token_is(w, c, "~"))) {
			a = flag_expr(w, k.v[0], depth + 1);
			s = xasprintf("%c(%s)", first_token_is(w, c, "!") ?
			    '!' : '~', a);
			free(a);
		}
		break;
	case CXCursor_ConditionalOperator:
		if (k.n == 3) {
			a = flag_expr(w, k.v[0], depth + 1);
			b = flag_expr(w, k.v[1], depth + 1);
			e = flag_expr(w, k.v[2], depth + 1);
			s = xasprintf("?(%s,%s,%s)", a, b, e);
			free(a);
			free(b);
			free(e);
		}
		break;
	case CXCursor_BinaryOperator:
		s = flag_binop(w, c, &k, depth);
		break;
	default:
		break;
	}
	free(k.v);
	return s != NULL ? s : xstrdup("u");
}

/*
 * A small function's result in its parameters' terms, from a body of
 * "if (c) return r;" statements and a last "return e;" (wapbl_vphaswapbl:
 * "if (vp == NULL) return false; ... return ...;"), where an if/else
 * that sets the returned local to one value each way counts as
 * ?(c,a,b) (vmem's vmf_to_prf: "if (vmflags & VM_SLEEP) prflags =
 * PR_WAITOK; else prflags = PR_NOWAIT; return prflags;").  NULL when
 * the body has another shape, or writes a parameter.
 */
static char *summary_body(struct walk *, CXCursor, int);

static enum CXChildVisitResult
writes_param(CXCursor c, CXCursor parent, CXClientData d)
{
	struct walk *w = d;
	struct kids k;
	enum CXCursorKind kind = clang_getCursorKind(c);
	int bad = 0;

	(void)parent;
	if (kind != CXCursor_BinaryOperator &&
	    kind != CXCursor_CompoundAssignOperator &&
	    kind != CXCursor_UnaryOperator)
		return CXChildVisit_Recurse;
	kids_of(c, &k);
	if (k.n >= 1 && param_base(w, k.v[0]) >= 0 &&
	    (kind != CXCursor_BinaryOperator || binop_is(w, k.v[0], "=")) &&
	    (kind != CXCursor_UnaryOperator || first_token_is(w, c, "++") ||
	    first_token_is(w, c, "--") || binop_is(w, k.v[0], "++") ||
	    binop_is(w, k.v[0], "--")))
		bad = 1;
	free(k.v);
	if (bad) {
		w->loops = -1;		/* the mark: see call_summary */
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult
has_return(CXCursor c, CXCursor parent, CXClientData d)
{

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt) {
		*(int *)d = 1;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/* The one statement of a branch (itself, or a block's only one). */
static CXCursor
only_stmt(CXCursor c)
{
	struct kids k;
	CXCursor r = c;

	if (clang_getCursorKind(c) != CXCursor_CompoundStmt)
		return c;
	kids_of(c, &k);
	r = k.n == 1 ? k.v[0] : clang_getNullCursor();
	free(k.v);
	return r;
}

/* x = e as a statement: x's declaration and e, or 0. */
static int
assign_stmt(struct walk *w, CXCursor c, CXCursor *var, CXCursor *val)
{
	struct kids k;
	int ok = 0;

	if (clang_Cursor_isNull(c) ||
	    clang_getCursorKind(c) != CXCursor_BinaryOperator)
		return 0;
	kids_of(c, &k);
	if (k.n == 2 && clang_getCursorKind(strip(k.v[0])) ==
	    CXCursor_DeclRefExpr && binop_is(w, k.v[0], "=")) {
		*var = clang_getCursorReferenced(strip(k.v[0]));
		*val = k.v[1];
		ok = 1;
	}
	free(k.v);
	return ok;
}

/* The "if (c) return r;" and if/else steps of a summary, in order. */
struct summ {
	char		*cond[8];	/* NULL: an if/else setting var */
	char		*res[8];
	unsigned	 n;
	CXCursor	 var;		/* the local the if/else sets */
};

/* One if statement of a summary's body: 0 when it has another shape. */
static int
summary_if(struct walk *w, CXCursor ifs, struct summ *sm, int depth)
{
	struct kids ik, rk;
	CXCursor v1, v2, x1, x2, rv;
	char *c, *a, *b;
	int ok = 0;

	kids_of(ifs, &ik);
	if (sm->n == 8 || ik.n < 2 || ik.n > 3)
		goto out;
	rv = only_stmt(ik.v[1]);
	if (ik.n == 2 && !clang_Cursor_isNull(rv) &&
	    clang_getCursorKind(rv) == CXCursor_ReturnStmt) {
		kids_of(rv, &rk);
		if (rk.n == 1) {
			sm->cond[sm->n] = flag_expr(w, ik.v[0], depth + 1);
			sm->res[sm->n++] = flag_expr(w, rk.v[0], depth + 1);
			ok = 1;
		}
		free(rk.v);
	} else if (ik.n == 3 && clang_Cursor_isNull(sm->var) &&
	    assign_stmt(w, only_stmt(ik.v[1]), &v1, &x1) &&
	    assign_stmt(w, only_stmt(ik.v[2]), &v2, &x2) &&
	    clang_equalCursors(v1, v2)) {
		sm->var = v1;
		c = flag_expr(w, ik.v[0], depth + 1);
		a = flag_expr(w, x1, depth + 1);
		b = flag_expr(w, x2, depth + 1);
		sm->cond[sm->n] = NULL;
		sm->res[sm->n++] = xasprintf("?(%s,%s,%s)", c, a, b);
		free(c);
		free(a);
		free(b);
		ok = 1;
	}
out:
	free(ik.v);
	return ok;
}

/* The steps folded around the last return's value s: ?(c1,r1,...s). */
static char *
summary_fold(struct summ *sm, char *s)
{
	char *t;
	unsigned i;

	/* a long result (a static global's name) is not worth its room */
	if (strlen(s) > 60) {
		free(s);
		s = xstrdup("u");
	}
	for (i = 0; i < sm->n; i++) {
		if (sm->cond[i] != NULL && strlen(sm->cond[i]) > 60) {
			free(s);
			return NULL;
		}
		if (strlen(sm->res[i]) > 60) {
			free(sm->res[i]);
			sm->res[i] = xstrdup("u");
		}
	}
	while (sm->n > 0) {
		i = --sm->n;
		if (sm->cond[i] == NULL) {
			free(sm->res[i]);	/* an if/else not returned */
			continue;
		}
		t = xasprintf("?(%s,%s,%s)", sm->cond[i], sm->res[i], s);
		free(sm->cond[i]);
		free(sm->res[i]);
		free(s);
		s = t;
	}
	return s;
}

static char *
summary_body(struct walk *w, CXCursor body, int depth)
{
	struct kids k, ik;
	struct summ sm;
	char *s = NULL;
	unsigned i;
	int ret;

	memset(&sm, 0, sizeof(sm));
	sm.var = clang_getNullCursor();
	kids_of(body, &k);
	if (k.n > 12)
		goto fail;	/* small functions only */
	for (i = 0; i < k.n && s == NULL; i++) {
		switch (clang_getCursorKind(k.v[i])) {
		case CXCursor_ReturnStmt:
			kids_of(k.v[i], &ik);
			if (ik.n == 1 && !clang_Cursor_isNull(sm.var) &&
			    clang_getCursorKind(strip(ik.v[0])) ==
			    CXCursor_DeclRefExpr && clang_equalCursors(sm.var,
			    clang_getCursorReferenced(strip(ik.v[0]))))
				s = sm.n > 0 && sm.cond[sm.n - 1] == NULL ?
				    sm.res[--sm.n] : NULL;	/* the if/else */
			else if (ik.n == 1)
				s = flag_expr(w, ik.v[0], depth + 1);
			free(ik.v);
			if (s == NULL)
				goto fail;
			break;
		case CXCursor_IfStmt:
			if (!summary_if(w, k.v[i], &sm, depth))
				goto fail;
			break;
		default:
			ret = 0;
			clang_visitChildren(k.v[i], has_return, &ret);
			if (ret)
				goto fail;
			break;
		}
	}
	if (s == NULL)
		goto fail;
	free(k.v);
	if ((s = summary_fold(&sm, s)) == NULL)
		goto fail2;
	return s;
fail:
	free(s);
	free(k.v);
fail2:
	while (sm.n > 0) {
		sm.n--;
		free(sm.cond[sm.n]);
		free(sm.res[sm.n]);
	}
	return NULL;
}

/* pN of the callee's summary replaced by the call's arguments. */
static char *
summary_subst(struct walk *w, CXCursor call, const char *sum, int depth)
{
	char *out = xstrdup(""), *t, *a, *end;
	const char *p = sum;
	int n, nargs = clang_Cursor_getNumArguments(call);

	while (*p != '\0') {
		if (*p == 'p' && p[1] >= '0' && p[1] <= '9') {
			n = (int)strtol(p + 1, &end, 10);
			a = n < nargs ? flag_expr(w,
			    clang_Cursor_getArgument(call, n), depth + 1) :
			    xstrdup("u");
			t = xasprintf("%s%s", out, a);
			free(a);
			p = end;
		} else
			t = xasprintf("%s%c", out, *p++);
		free(out);
		out = t;
	}
	return out;
}

static char *
call_summary(struct walk *w, CXCursor call, int depth)
{
	CXCursor fn, body;
	struct walk sub;
	struct kids k;
	char *sum, *s;
	int i, n;

	fn = clang_getCursorDefinition(clang_getCursorReferenced(call));
	if (depth > 16 || clang_Cursor_isNull(fn) ||
	    clang_getCursorKind(fn) != CXCursor_FunctionDecl)
		return NULL;
	kids_of(fn, &k);
	body = k.n > 0 ? k.v[k.n - 1] : clang_getNullCursor();
	free(k.v);
	if (clang_Cursor_isNull(body) ||
	    clang_getCursorKind(body) != CXCursor_CompoundStmt)
		return NULL;
	/* the callee's own parameters, no locals known */
	sub = *w;
	n = clang_Cursor_getNumArguments(fn);
	if (n < 0)
		return NULL;
	sub.params = xcalloc((size_t)n + 1, sizeof(*sub.params));
	for (i = 0; i < n; i++)
		sub.params[i] = clang_Cursor_getArgument(fn, (unsigned)i);
	sub.nparams = (unsigned)n;
	sub.locals = NULL;
	sub.nlocals = 0;
	sub.loops = 0;
	clang_visitChildren(body, writes_param, &sub);
	sum = sub.loops < 0 ? NULL : summary_body(&sub, body, depth);
	free(sub.params);
	/* file_name() may have replaced the name it keeps: it is w's */
	w->lastfile = sub.lastfile;
	w->lastname = sub.lastname;
	if (sum == NULL)
		return NULL;
	s = summary_subst(w, call, sum, depth);
	free(sum);
	if (strlen(s) > 120) {
		/* the link's buffers hold short expressions only */
		free(s);
		return NULL;
	}
	return s;
}

static int
is_builtin_expect(CXCursor call)
{
	char *n = spelling(clang_getCursorReferenced(call));
	int yes = strcmp(n, "__builtin_expect") == 0;

	free(n);
	return yes;
}

/* flag_expr, or "-" when no parameter is in it. */
char *
param_expr(struct walk *w, CXCursor c)
{
	char *e;

	if (w->nparams == 0)
		return xstrdup("-");
	e = flag_expr(w, c, 0);
	if (strchr(e, 'p') == NULL) {
		free(e);
		return xstrdup("-");
	}
	return e;
}

/*
 * An argument of a sink: =value when it is an integer constant, else
 * ?must:may:expr:text with the bits it sets always and sometimes.
 */
char *
arg_text(struct walk *w, CXCursor a)
{
	long long v, must, may;
	char *s, *t, *e;

	if (const_value(a, &v))
		return xasprintf("=%lld", v);
	flag_bits(w, a, &must, &may);
	t = cursor_text(w, a);
	e = param_expr(w, a);
	s = xasprintf("?%llx:%llx:%s:%s", (unsigned long long)must,
	    (unsigned long long)may, e, t[0] ? t : "(macro)");
	free(t);
	free(e);
	return s;
}
