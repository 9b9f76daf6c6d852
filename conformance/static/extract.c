/*
 * extract.c - one translation unit through libclang, out as facts.
 *
 * The facts are what the link step needs and nothing else, one per
 * line, tab-separated (file names relative to the tree):
 *
 *   T file nerrors first-error      the TU, and how well it parsed
 *   X header                        an #include that was not found
 *   F key name file line            a function definition
 *   C caller callee name file line guard nargs arg...   a direct call
 *   P caller slot file line guard text nargs arg...   a call through a slot
 *   U caller file line guard text   a call the tool cannot resolve
 *   K caller sink file line guard loop nargs arg...   a call of a sink
 *   S slot key name                 a function stored into a slot
 *   R bdevsw|dkdriver var field key name file line   a root
 *   I lock type ipl file line text  a mutex given its type
 *   E func value file line          a return of a small constant, or an
 *                                   errno constant (E...) assigned
 *
 * A key is a function's name, or file:name for one with internal
 * linkage (static functions of the same name are many: fdstart).  A slot
 * is record.field for a struct field, or a global variable's name: the
 * places function pointers are read from.  A guard is the source text
 * of the conditions around a call in its function (if, loop, case).
 * An argument of a sink is =value when it is an integer constant, else
 * ?must:may:expr:text.  An argument of any other call is =value, or
 * ~expr:text when it depends on a parameter of the caller, else ?text.
 * expr is how the value derives from the enclosing function's
 * parameters ("-" when it does not), in prefix form: pN parameter N,
 * cHEX a constant, gHEX a global variable (its slot in hex), u
 * unknown, and |(a,b) &(a,b) =(a,b) #(a,b) (!=)
 * a(a,b) (&&) o(a,b) (||) ?(c,a,b) !(a) ~(a).  It is what lets the link
 * follow a flag back to the callers that pass it.  A function given as
 * an argument is stored into the slot "callee()#index" (callout_reset's
 * handler is "callout_reset()#2").
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <clang-c/Index.h>

#include "lint.h"
#include "util.h"

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

static void walk(CXCursor, struct walk *);
static char *param_expr(struct walk *, CXCursor);
static int is_builtin_expect(CXCursor);
static struct local *local_slot(struct walk *, CXCursor);
static char *fresh_of(struct walk *, CXCursor);
static char *local_struct(struct walk *, CXCursor);
static char *call_summary(struct walk *, CXCursor, int);
static char *flag_expr(struct walk *, CXCursor, int);
static int param_base(struct walk *, CXCursor);
static int first_token_is(struct walk *, CXCursor, const char *);
static int binop_is(struct walk *, CXCursor, const char *);
static CXSourceLocation file_loc(struct walk *, CXSourceLocation);

/* A generated header that a configured build would have made. */
static int
generated_header(const char *name)
{
	static const char *const pat[] = {
		"opt_*.h", "locators.h", "ioconf.h", "assym.h", "*devs.h",
		"*devs_data.h", "*_if.h", "bio.h", "*.h.inc", NULL
	};
	int i;

	for (i = 0; pat[i] != NULL; i++)
		if (fnmatch(pat[i], name, 0) == 0)
			return 1;
	return 0;
}

static const char *
file_name(struct walk *w, CXFile f)
{
	CXString s;
	const char *p;

	if (f == NULL)
		return "?";
	if (w->lastfile != NULL && clang_File_isEqual(f, w->lastfile))
		return w->lastname;
	s = clang_getFileName(f);
	p = clang_getCString(s);
	if (p == NULL)
		p = "?";
	free(w->lastname);
	if (strncmp(p, w->o->sysdir, w->syslen) == 0 && p[w->syslen] == '/')
		w->lastname = xstrdup(p + w->syslen + 1);
	else
		w->lastname = xstrdup(p);
	clang_disposeString(s);
	w->lastfile = f;
	return w->lastname;
}

static const char *
where(struct walk *w, CXCursor c, unsigned *line)
{
	CXFile f;

	clang_getExpansionLocation(clang_getCursorLocation(c), &f, line,
	    NULL, NULL);
	return file_name(w, f);
}

static char *
spelling(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *p = xstrdup(clang_getCString(s) ? clang_getCString(s) : "");

	clang_disposeString(s);
	return p;
}

/*
 * The source text of a range, tokens joined by single spaces except
 * around the punctuation that reads better tight; TSV-safe; cut at
 * TEXTMAX.  Macros appear as written, which is what a reviewer reads.
 */
static int
tight_after(const char *t)
{

	return strcmp(t, "(") == 0 || strcmp(t, "[") == 0 ||
	    strcmp(t, "->") == 0 || strcmp(t, ".") == 0 ||
	    strcmp(t, "!") == 0 || strcmp(t, "~") == 0;
}

static int
tight_before(const char *t)
{

	return strcmp(t, ")") == 0 || strcmp(t, "]") == 0 ||
	    strcmp(t, ",") == 0 || strcmp(t, ";") == 0 ||
	    strcmp(t, "->") == 0 || strcmp(t, ".") == 0 ||
	    strcmp(t, "(") == 0 || strcmp(t, "[") == 0;
}

static char *
range_text(struct walk *w, CXSourceRange r, int drop_last)
{
	CXToken *tok;
	unsigned n, ntok, i;
	char buf[TEXTMAX + 8], prev[8] = "";
	size_t len = 0, l;
	const char *t;
	CXString s;

	clang_tokenize(w->tu, r, &tok, &ntok);
	buf[0] = '\0';
	n = drop_last && ntok > 0 ? ntok - 1 : ntok;
	for (i = 0; i < n && len < TEXTMAX; i++) {
		s = clang_getTokenSpelling(w->tu, tok[i]);
		t = clang_getCString(s);
		/* (x) reads "(x)" but "if (x)" keeps its space */
		if (len > 0 && !tight_after(prev) && !tight_before(t))
			buf[len++] = ' ';
		else if (len > 0 && strcmp(t, "(") == 0 &&
		    (strcmp(prev, "if") == 0 || strcmp(prev, "while") == 0 ||
		    strcmp(prev, "for") == 0 || strcmp(prev, "switch") == 0 ||
		    (!tight_after(prev) && strcmp(prev, ")") != 0 &&
		    !isalnum((unsigned char)prev[0]) && prev[0] != '_')))
			buf[len++] = ' ';
		l = strlen(t);
		if (len + l > TEXTMAX)
			l = TEXTMAX - len;
		memcpy(buf + len, t, l);
		len += l;
		buf[len] = '\0';
		snprintf(prev, sizeof(prev), "%s", t);
		clang_disposeString(s);
	}
	if (i < n)
		strcpy(buf + len, "...");
	clang_disposeTokens(w->tu, tok, ntok);
	return tsv_clean(buf);
}

static char *
cursor_text(struct walk *w, CXCursor c)
{

	return range_text(w, clang_getCursorExtent(c), 0);
}

/* The children of a cursor, in order. */
struct kids {
	CXCursor	*v;
	unsigned	 n, cap;
};

static void
kids_push(struct kids *k, CXCursor c)
{

	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 8;
		k->v = xrealloc(k->v, k->cap * sizeof(*k->v));
	}
	k->v[k->n++] = c;
}

static enum CXChildVisitResult
collect(CXCursor c, CXCursor parent, CXClientData d)
{

	(void)parent;
	kids_push(d, c);
	return CXChildVisit_Continue;
}

static void
kids_of(CXCursor c, struct kids *k)
{

	k->v = NULL;
	k->n = k->cap = 0;
	clang_visitChildren(c, collect, k);
}

/* Through the casts, parentheses and dereferences that C puts around. */
static CXCursor
strip(CXCursor c)
{
	struct kids k;
	enum CXCursorKind kind;

	for (;;) {
		kind = clang_getCursorKind(c);
		if (kind != CXCursor_UnexposedExpr &&
		    kind != CXCursor_ParenExpr &&
		    kind != CXCursor_CStyleCastExpr &&
		    kind != CXCursor_UnaryOperator)
			return c;
		kids_of(c, &k);
		if (k.n != 1) {
			free(k.v);
			return c;
		}
		c = k.v[0];
		free(k.v);
	}
}

/* The function a key names: file:name when it has internal linkage. */
static char *
func_key(struct walk *w, CXCursor fn)
{
	CXCursor def;
	unsigned line;
	char *name, *key;

	name = spelling(fn);
	if (clang_getCursorLinkage(fn) != CXLinkage_Internal)
		return name;
	def = clang_getCursorDefinition(fn);
	if (clang_Cursor_isNull(def))
		def = fn;
	key = xasprintf("%s:%s", where(w, def, &line), name);
	free(name);
	return key;
}

/* record.field; an anonymous record is named by its USR. */
static char *
field_slot(CXCursor field)
{
	CXCursor rec = clang_getCursorSemanticParent(field);
	char *r = spelling(rec), *f = spelling(field), *s;
	CXString u;

	if (r[0] == '\0' || strchr(r, ' ') != NULL) {
		free(r);
		u = clang_getCursorUSR(rec);
		r = xstrdup(clang_getCString(u));
		clang_disposeString(u);
	}
	s = xasprintf("%s.%s", r, f);
	free(r);
	free(f);
	return s;
}

/*
 * The slot an lvalue designates: record.field for a member, the name
 * (file:name when static) of a variable with static storage; NULL for a
 * local or anything else, which the tool cannot follow.
 */
static char *
slot_of(struct walk *w, CXCursor c)
{
	CXCursor ref;
	char *field, *s;
	unsigned line;

	c = strip(c);
	switch (clang_getCursorKind(c)) {
	case CXCursor_MemberRefExpr:
	case CXCursor_MemberRef:
		ref = clang_getCursorReferenced(c);
		if (clang_getCursorKind(ref) != CXCursor_FieldDecl)
			return NULL;
		return field_slot(ref);
	case CXCursor_ArraySubscriptExpr:
		{
			struct kids k;

			kids_of(c, &k);
			s = k.n > 0 ? slot_of(w, k.v[0]) : NULL;
			free(k.v);
			return s;
		}
	case CXCursor_DeclRefExpr:
		ref = clang_getCursorReferenced(c);
		if (clang_getCursorKind(ref) != CXCursor_VarDecl ||
		    clang_Cursor_getStorageClass(ref) == CX_SC_Auto ||
		    clang_Cursor_getStorageClass(ref) == CX_SC_Register ||
		    (clang_Cursor_getStorageClass(ref) == CX_SC_None &&
		    clang_getCursorKind(clang_getCursorSemanticParent(ref)) ==
		    CXCursor_FunctionDecl))
			return NULL;
		s = spelling(ref);
		if (clang_getCursorLinkage(ref) == CXLinkage_Internal ||
		    clang_getCursorLinkage(ref) == CXLinkage_NoLinkage) {
			field = s;
			s = xasprintf("%s:%s", where(w, ref, &line), field);
			free(field);
		}
		return s;
	default:
		return NULL;
	}
}

/* The function an expression names (f, &f, (cast)f), or a null cursor. */
static CXCursor
func_ref(CXCursor c)
{
	CXCursor ref;

	c = strip(c);
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	ref = clang_getCursorReferenced(c);
	if (clang_getCursorKind(ref) != CXCursor_FunctionDecl)
		return clang_getNullCursor();
	return ref;
}

static char *
guard_text(struct walk *w)
{
	size_t len = 1;
	int i;
	char *s;

	for (i = 0; i < w->nguard; i++)
		len += strlen(w->guard[i]) + 4;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i < w->nguard; i++) {
		if (i > 0)
			strcat(s, " && ");
		strcat(s, w->guard[i]);
	}
	return s;
}

/*
 * A guard: its text, for the reader, and what it requires of the
 * function's parameters (flag_expr's form, NULL when it reads none),
 * for the link, which drops a call no caller's arguments can reach.
 */
static void
push_req(struct walk *w, char *g, char *req)
{

	if (w->nguard < MAXGUARD) {
		w->req[w->nguard] = req;
		w->guard[w->nguard++] = g;
	} else {
		free(g);
		free(req);
	}
}

static void
push_guard(struct walk *w, char *g)
{

	push_req(w, g, NULL);
}

static void
pop_guards(struct walk *w, int to)
{

	while (w->nguard > to) {
		free(w->guard[--w->nguard]);
		free(w->req[w->nguard]);
	}
}

/* The conjunction of the guards' requirements, or "-". */
static char *
req_text(struct walk *w)
{
	char *s = NULL, *t;
	int i;

	for (i = w->nguard; i-- > 0;) {
		/*
		 * one too long to keep is left out, not all of them, and
		 * the short ones first (_fstrans_start's "if (!wait)
		 * return" before its long grant_lock() loop)
		 */
		if (w->req[i] == NULL || strlen(w->req[i]) > 200 ||
		    (s != NULL ? strlen(s) : 0) + strlen(w->req[i]) > 390)
			continue;
		if (s == NULL)
			s = xstrdup(w->req[i]);
		else {
			t = xasprintf("a(%s,%s)", w->req[i], s);
			free(s);
			s = t;
		}
	}
	if (s != NULL && strlen(s) > 400) {
		free(s);
		s = NULL;
	}
	return s != NULL ? s : xstrdup("-");
}

static int
const_value(CXCursor c, long long *v)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	int ok = 0;

	if (r != NULL) {
		if (clang_EvalResult_getKind(r) == CXEval_Int) {
			*v = clang_EvalResult_getAsLongLong(r);
			ok = 1;
		}
		clang_EvalResult_dispose(r);
	}
	return ok;
}

/* A local whose bits are known, or NULL. */
static const struct local *
local_of(struct walk *w, CXCursor var)
{
	unsigned i;

	if (clang_getCursorKind(var) != CXCursor_VarDecl)
		return NULL;
	for (i = 0; i < w->nlocals; i++)
		if (clang_equalCursors(w->locals[i].var, var))
			return w->locals[i].known ? &w->locals[i] : NULL;
	return NULL;
}

/*
 * The operator of a binary expression: the token after its left side
 * in the file.  Inside a macro's expansion (ISSET(flags, VDEAD_NOWAIT),
 * pp_has_pser(pp)) libclang 14 has only the macro's use, not its text:
 * the token found there is not the operator, and the expression stays
 * unknown (u).
 */
static int
token_after(struct walk *w, CXCursor lhs, char *buf, size_t len)
{
	CXToken *tok;
	CXString s;
	CXFile f;
	unsigned off;

	buf[0] = '\0';
	clang_getExpansionLocation(
	    clang_getRangeEnd(clang_getCursorExtent(lhs)), &f, NULL, NULL, &off);
	if (f == NULL)
		return 0;
	tok = clang_getToken(w->tu, clang_getLocationForOffset(w->tu, f, off));
	if (tok == NULL)
		return 0;
	s = clang_getTokenSpelling(w->tu, *tok);
	snprintf(buf, len, "%s", clang_getCString(s));
	clang_disposeString(s);
	clang_disposeTokens(w->tu, tok, 1);
	return 1;
}

/*
 * Whether token j is inside the group that opens at token open (the
 * whole body when open is not a parenthesis).
 */
static int
group_holds(char **t, unsigned n, unsigned open, unsigned j)
{
	unsigned i;
	int d = 0;

	if (strcmp(t[open], "(") != 0)
		return 1;
	for (i = open; i < n && i <= j; i++) {
		if (strcmp(t[i], "(") == 0)
			d++;
		else if (strcmp(t[i], ")") == 0 && --d == 0)
			return i > j;
	}
	return i > j || d > 0;
}

static int
is_binop_token(const char *t)
{
	static const char *const op[] = { "|", "&", "==", "!=", "&&", "||",
	    "<", ">", "<=", ">=", "^", "+", "-", "*", "/", "%", "<<", ">>",
	    NULL };
	int i;

	for (i = 0; op[i] != NULL; i++)
		if (strcmp(t, op[i]) == 0)
			return 1;
	return 0;
}

/*
 * Where an expression's first token comes from: the use of the macro
 * whose text has it (inside another macro's argument, that argument's
 * place: __predict_false(pp_has_pser(pp)) has two).
 */
static unsigned
expansion_offset(CXCursor c, CXFile *f)
{
	unsigned off;

	clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(c)),
	    f, NULL, NULL, &off);
	return off;
}

/* The binary operators of c's subtree that the same macro use wrote. */
static int
macro_binops(struct walk *w, CXCursor c, unsigned off)
{
	struct kids k;
	char t[8];
	CXFile f;
	int n = 0;
	unsigned i;

	kids_of(c, &k);
	if (clang_getCursorKind(c) == CXCursor_BinaryOperator && k.n == 2 &&
	    expansion_offset(c, &f) == off &&
	    !(token_after(w, k.v[0], t, sizeof(t)) && is_binop_token(t)))
		n++;
	for (i = 0; i < k.n; i++)
		n += macro_binops(w, k.v[i], off);
	free(k.v);
	return n;
}

/*
 * The binary operators of a macro's body (tokens body..n-1): grp[i] is
 * the token that opens operator i's group (its innermost parenthesis,
 * or body), -1 for a token that is not a binary operator; cnt[i] how
 * many operators that group holds.
 */
static void
macro_groups(char **t, unsigned n, unsigned body, int *grp, int *cnt)
{
	unsigned i, j, depth;
	int open, d;

	for (i = body, depth = 0; i < n; i++) {
		grp[i] = -1;
		if (strcmp(t[i], "(") == 0)
			depth++;
		else if (strcmp(t[i], ")") == 0 && depth > 0)
			depth--;
		else if (is_binop_token(t[i]) && i > body &&
		    (isalnum((unsigned char)t[i - 1][0]) || t[i - 1][0] == '_' ||
		    strcmp(t[i - 1], ")") == 0)) {
			for (open = -1, d = 0, j = i; j-- > body;) {
				if (strcmp(t[j], ")") == 0)
					d++;
				else if (strcmp(t[j], "(") == 0 && d-- == 0) {
					open = (int)j;
					break;
				}
			}
			grp[i] = open < 0 ? (int)body : open;
		}
	}
	for (i = body; i < n; i++)
		for (j = body; grp[i] >= 0 && j < n; j++)
			if (grp[j] >= 0 && (int)j > grp[i] &&
			    group_holds(t, n, (unsigned)grp[i], j))
				cnt[i]++;
}

/*
 * The operator of a binary expression a macro's text wrote
 * (ISSET(t, f): ((t) & (f))): the macro's definition is read from the
 * preprocessing record and its operators matched by how many
 * operators their parenthesised group holds, which is how many this
 * expression's subtree holds from the same macro use.  Ambiguous
 * (two different operators fit): none.
 */
static int
macro_op(struct walk *w, CXCursor c, char *buf, size_t len)
{
	CXFile f;
	unsigned off = expansion_offset(c, &f), n, i, body = 1;
	CXCursor mx, def;
	CXToken *tok;
	CXString sp;
	char **t;
	int want, *grp, *cnt, found = 0;

	if (f == NULL)
		return 0;
	mx = clang_getCursor(w->tu, clang_getLocationForOffset(w->tu, f, off));
	if (clang_getCursorKind(mx) != CXCursor_MacroExpansion)
		return 0;
	def = clang_getCursorReferenced(mx);
	if (clang_getCursorKind(def) != CXCursor_MacroDefinition)
		return 0;
	clang_tokenize(w->tu, clang_getCursorExtent(def), &tok, &n);
	t = xcalloc(n + 1, sizeof(*t));
	grp = xcalloc(n + 1, sizeof(*grp));
	cnt = xcalloc(n + 1, sizeof(*cnt));
	for (i = 0; i < n; i++) {
		sp = clang_getTokenSpelling(w->tu, tok[i]);
		t[i] = xstrdup(clang_getCString(sp));
		clang_disposeString(sp);
	}
	/* a function-like macro's body starts after its parameters */
	if (n > 1 && strcmp(t[1], "(") == 0)
		for (body = 2; body < n && strcmp(t[body - 1], ")") != 0; body++)
			;
	want = macro_binops(w, c, off);
	macro_groups(t, n, body, grp, cnt);
	for (i = body; i < n; i++)
		if (grp[i] >= 0 && cnt[i] == want) {
			if (found && strcmp(buf, t[i]) != 0) {
				found = -1;
				break;
			}
			snprintf(buf, len, "%s", t[i]);
			found = 1;
		}
	for (i = 0; i < n; i++)
		free(t[i]);
	free(t);
	free(grp);
	free(cnt);
	clang_disposeTokens(w->tu, tok, n);
	if (found != 1)
		buf[0] = '\0';
	return found == 1;
}

/*
 * The token after lhs where it is written: inside a macro's argument
 * (m_get's pool_cache_get(mb_cache, how == M_WAIT ? ...)) the file
 * location is the argument's own text, where the operator is.
 */
static int
arg_token_after(struct walk *w, CXCursor lhs, char *buf, size_t len)
{
	CXToken *tok;
	CXString s;
	CXFile f;
	CXSourceLocation end;
	unsigned off, eoff, n, i;

	buf[0] = '\0';
	end = clang_getRangeEnd(clang_getCursorExtent(lhs));
	clang_getExpansionLocation(end, NULL, NULL, NULL, &eoff);
	clang_getFileLocation(end, &f, NULL, NULL, &off);
	if (f == NULL || off == eoff)
		return 0;
	/* the end is the lhs's last token here, or just past it */
	clang_tokenize(w->tu, clang_getRange(clang_getLocationForOffset(w->tu,
	    f, off), clang_getLocationForOffset(w->tu, f, off + 8)), &tok, &n);
	for (i = 0; i < n && i < 2; i++) {
		s = clang_getTokenSpelling(w->tu, tok[i]);
		snprintf(buf, len, "%s", clang_getCString(s));
		clang_disposeString(s);
		if (is_binop_token(buf))
			break;
	}
	clang_disposeTokens(w->tu, tok, n);
	return i < n && i < 2;
}

static void
binop_of(struct walk *w, CXCursor c, CXCursor lhs, char *buf, size_t len)
{

	if (token_after(w, lhs, buf, len) && is_binop_token(buf))
		return;
	if (arg_token_after(w, lhs, buf, len) && is_binop_token(buf))
		return;
	if (!macro_op(w, c, buf, len))
		buf[0] = '\0';
}

static int
binop_is(struct walk *w, CXCursor lhs, const char *op)
{
	char t[8];

	return token_after(w, lhs, t, sizeof(t)) && strcmp(t, op) == 0;
}

/*
 * The bits a flags expression sets on every path (*must) and on some
 * path (*may), through | & ?: and parentheses: enough to see that
 * (isread ? READ : WRITE) | NOWAIT always has NOWAIT.
 */
static void
flag_bits(struct walk *w, CXCursor c, long long *must, long long *may)
{
	struct kids k;
	long long m1, y1, m2, y2, v;
	const struct local *lo;
	char optok[8];

	if (const_value(c, &v)) {
		*must = *may = v;
		return;
	}
	*must = 0;
	*may = -1;
	c = strip(c);
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr &&
	    (lo = local_of(w, clang_getCursorReferenced(c))) != NULL) {
		*must = lo->must;
		*may = lo->may;
		return;
	}
	kids_of(c, &k);
	switch (clang_getCursorKind(c)) {
	case CXCursor_ParenExpr:
		if (k.n == 1)
			flag_bits(w, k.v[0], must, may);
		break;
	case CXCursor_ConditionalOperator:
		if (k.n == 3) {
			flag_bits(w, k.v[1], &m1, &y1);
			flag_bits(w, k.v[2], &m2, &y2);
			*must = m1 & m2;
			*may = y1 | y2;
		}
		break;
	case CXCursor_BinaryOperator:
		if (k.n == 2) {
			flag_bits(w, k.v[0], &m1, &y1);
			flag_bits(w, k.v[1], &m2, &y2);
			binop_of(w, c, k.v[0], optok, sizeof(optok));
			if (strcmp(optok, "|") == 0) {
				*must = m1 | m2;
				*may = y1 | y2;
			} else if (strcmp(optok, "&") == 0) {
				*must = m1 & m2;
				*may = y1 & y2;
			}
		}
		break;
	default:
		break;
	}
	free(k.v);
}

/* The first token of an expression: a unary operator's spelling. */
static int
first_token_is(struct walk *w, CXCursor c, const char *op)
{
	CXToken *tok;
	CXString s;
	int yes = 0;

	tok = clang_getToken(w->tu,
	    file_loc(w, clang_getRangeStart(clang_getCursorExtent(c))));
	if (tok != NULL) {
		s = clang_getTokenSpelling(w->tu, *tok);
		yes = strcmp(clang_getCString(s), op) == 0;
		clang_disposeString(s);
		clang_disposeTokens(w->tu, tok, 1);
	}
	return yes;
}

/* The parameter an object expression is based on: p->f. */
static int param_index(struct walk *, CXCursor);

static int
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
static char *
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
static char *
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

/* Q or O: obj's field gets val (a constant, or u); frees obj. */
static void
emit_object_store(struct walk *w, char letter, char *obj, CXCursor field,
    CXCursor val, const char *suffix)
{
	char *slot = field_slot(field), *e;
	long long v;

	e = const_value(val, &v) ? xasprintf("c%llx", (unsigned long long)v) :
	    xstrdup("u");
	fprintf(w->out, "%c\t%s\t%s%s\t%s\n", letter, obj, slot, suffix, e);
	free(slot);
	free(e);
	free(obj);
}

/*
 * A store into a field of a parameter's object: "pp->pr_roflags =
 * flags" in pool_init, or mutex_init(&pp->pr_lock, ..., ipl) (field
 * "pool.pr_lock#ipl"): W func param field expr, with expr over the
 * parameters or a constant.  The link applies it to the objects the
 * function's callers pass.
 */
static void
emit_field_store(struct walk *w, CXCursor lhs, CXCursor val,
    const char *suffix)
{
	CXCursor m = lhs, ref;
	struct kids k;
	char *slot, *e, *lname, *fo;
	long long v;
	int i;

	/* &pp->pr_lock: through the & */
	for (;;) {
		m = strip(m);
		if (clang_getCursorKind(m) != CXCursor_UnaryOperator)
			break;
		kids_of(m, &k);
		if (k.n != 1) {
			free(k.v);
			return;
		}
		m = k.v[0];
		free(k.v);
	}
	if (clang_getCursorKind(m) != CXCursor_MemberRefExpr)
		return;
	ref = clang_getCursorReferenced(m);
	kids_of(m, &k);
	i = k.n == 1 && clang_getCursorKind(ref) == CXCursor_FieldDecl ?
	    param_base(w, k.v[0]) : -1;
	lname = i < 0 && k.n == 1 &&
	    clang_getCursorKind(ref) == CXCursor_FieldDecl ?
	    local_name(w, k.v[0]) : NULL;
	fo = i < 0 && lname != NULL && k.n == 1 ? fresh_of(w, k.v[0]) : NULL;
	if (i < 0 && lname == NULL && k.n == 1 && suffix[0] == '\0' &&
	    clang_getCursorKind(ref) == CXCursor_FieldDecl &&
	    (fo = local_struct(w, k.v[0])) != NULL) {
		/* Q: xa.booting = 0, a field of a local structure */
		emit_object_store(w, 'Q', fo, ref, val, "");
		free(k.v);
		return;
	}
	free(k.v);
	if (i < 0 && lname == NULL)
		return;
	/* O: a store into a fresh object: what it holds is known no more,
	 * unless every store agrees */
	if (fo != NULL)
		emit_object_store(w, 'O', fo, ref, val, suffix);
	if (const_value(val, &v))
		e = xasprintf("c%llx", (unsigned long long)v);
	else if ((e = param_expr(w, val))[0] == '-') {
		/* Z: a value the tool does not know, into a parameter's
		 * object: a fresh object passed here is known no more */
		if (i >= 0 && suffix[0] == '\0') {
			slot = field_slot(ref);
			fprintf(w->out, "Z\t%s\t%d\t%s\n", w->fkey, i, slot);
			free(slot);
		}
		free(e);
		free(lname);
		return;
	}
	slot = field_slot(ref);
	/* L: the same into a local's object (vmem_init's vm) */
	if (lname != NULL)
		fprintf(w->out, "L\t%s\t%s\t%s%s\t%s\n", w->fkey, lname, slot,
		    suffix, e);
	else
		fprintf(w->out, "W\t%s\t%d\t%s%s\t%s\n", w->fkey, i, slot,
		    suffix, e);
	free(slot);
	free(e);
	free(lname);
}

/* The index of a parameter of the function being walked, or -1. */
static int
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
static int param_base(struct walk *, CXCursor);

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
static char *
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
static char *
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
static char *
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

/* ((void *)0), as NULL expands: a 0 cast to a pointer. */
static int
null_pointer(CXCursor a)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(a));
	struct kids k;
	long long v;
	enum CXCursorKind kind;

	if (t.kind != CXType_Pointer)
		return 0;
	for (;;) {
		kind = clang_getCursorKind(a);
		if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr &&
		    kind != CXCursor_CStyleCastExpr)
			break;
		kids_of(a, &k);
		if (k.n != 1) {
			free(k.v);
			return 0;
		}
		a = k.v[0];
		free(k.v);
	}
	return clang_getCursorKind(a) == CXCursor_IntegerLiteral &&
	    const_value(a, &v) && v == 0;
}

/*
 * An object an argument designates, by the slot that holds it: &global,
 * a pointer global, &x->field or x->field (a pointer): the name under
 * which its creating call (pool_init, mutex_init) is seen.  NULL for
 * anything else, a local's address included.
 */
static char *
object_of(struct walk *w, CXCursor a)
{
	CXCursor c = a, ref;
	struct kids k;
	struct local *lo;
	char *slot = NULL;
	int i;
	CXType t = clang_getCanonicalType(clang_getCursorType(a));

	if (t.kind != CXType_Pointer)
		return NULL;
	/* through casts and parentheses, then an & */
	for (;;) {
		enum CXCursorKind kind = clang_getCursorKind(c);

		if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr &&
		    kind != CXCursor_CStyleCastExpr &&
		    !(kind == CXCursor_UnaryOperator && first_token_is(w, c, "&")))
			break;
		kids_of(c, &k);
		if (k.n != 1) {
			free(k.v);
			return NULL;
		}
		c = k.v[0];
		free(k.v);
	}
	switch (clang_getCursorKind(c)) {
	case CXCursor_MemberRefExpr:
		ref = clang_getCursorReferenced(c);
		if (clang_getCursorKind(ref) == CXCursor_FieldDecl)
			slot = field_slot(ref);
		/*
		 * &pc->pc_pool, a structure inside a parameter's object:
		 * "^N>slot", which the link names after the object the
		 * caller passes (each cache's own pool)
		 */
		kids_of(c, &k);
		if (slot != NULL && k.n == 1 && clang_getCanonicalType(
		    clang_getCursorType(c)).kind == CXType_Record &&
		    (i = param_base(w, k.v[0])) >= 0) {
			char *d = xasprintf("^%d>%s", i, slot);

			free(slot);
			slot = d;
		}
		free(k.v);
		break;
	case CXCursor_ArraySubscriptExpr:
		/* &bmempools[n]: every element is the array's object */
		slot = slot_of(w, c);
		break;
	case CXCursor_DeclRefExpr:
		slot = slot_of(w, c);
		/* a local every assignment points at one object */
		if (slot == NULL && (lo = local_slot(w,
		    clang_getCursorReferenced(c))) != NULL &&
		    lo->known != 0 && !lo->returned && lo->obj != NULL)
			slot = xstrdup(lo->obj);
		break;
	default:
		break;
	}
	return slot;
}

/*
 * The fresh object a local holds: assigned once, from a call (bp =
 * geteblk(size)): "new:geteblk@<function>.bp", one per function and
 * local, which the link knows by what the data file says the allocator
 * returns (a fresh buf has no vnode) and what the function stores into
 * it.  NULL for any other local.
 */
static char *
fresh_of(struct walk *w, CXCursor e)
{
	struct local *lo;
	char *n, *s, *v;

	e = strip(e);
	if (w->fkey == NULL ||
	    clang_getCursorKind(e) != CXCursor_DeclRefExpr ||
	    (lo = local_slot(w, clang_getCursorReferenced(e))) == NULL ||
	    lo->nassign != 1 || clang_Cursor_isNull(lo->call))
		return NULL;
	n = spelling(clang_getCursorReferenced(lo->call));
	v = spelling(lo->var);
	s = xasprintf("new:%s@%s.%s", n, w->fkey, v);
	free(n);
	free(v);
	return s;
}

/*
 * An argument of a plain call: =value, ~expr:text, ?text, or
 * @object:text (cut short:
 * it is printed only in a condition).
 */
static char *
call_arg_text(struct walk *w, CXCursor a)
{
	long long v;
	char *s, *t, *e;

	if (const_value(a, &v))
		return xasprintf("=%lld", v);
	t = cursor_text(w, a);
	/* NULL: the callee's "if (obj)" can be judged */
	if (strcmp(t, "NULL") == 0 || null_pointer(a)) {
		free(t);
		return xstrdup("=0");
	}
	if (strlen(t) > 48)
		strcpy(t + 45, "...");
	e = param_expr(w, a);
	if (e[0] == '-' && (s = object_of(w, a)) != NULL) {
		/* an object the link knows by its creating call */
		e = (free(e), xasprintf("@%s %s", s, t));
		free(s);
		free(t);
		return e;
	}
	if (e[0] == '-') {
		/* strip() goes through the & of &xa */
		s = local_struct(w, a);
		if (s != NULL) {
			/* &xa: the local structure's object */
			e = (free(e), xasprintf("@%s %s", s, t));
			free(s);
			free(t);
			return e;
		}
	}
	if (e[0] == '-' && (s = local_name(w, a)) != NULL) {
		/* a local pointer: what a function returns, initialised;
		 * "%bp @new:getnewbuf text" when it holds a fresh object */
		char *fo = fresh_of(w, a);

		e = (free(e), fo != NULL ? xasprintf("%%%s @%s %s", s, fo, t) :
		    xasprintf("%%%s %s", s, t));
		free(fo);
		free(s);
		free(t);
		return e;
	}
	if (e[0] == '-') {
		/* a local, or an expression of locals and constants */
		free(e);
		e = flag_expr(w, a, 0);
		if (strchr(e, 'b') == NULL) {
			free(e);
			e = xstrdup("-");
		}
	}
	s = e[0] != '-' ? xasprintf("~%s:%s", e, t) : xasprintf("?%s", t);
	free(t);
	free(e);
	return s;
}

/* The arguments of a call, as "\tn\targ...". */
static void
emit_call_args(struct walk *w, CXCursor call)
{
	int i, n = clang_Cursor_getNumArguments(call);
	char *t;

	if (n < 0)
		n = 0;
	if (n > LINT_MAXARGS)
		n = LINT_MAXARGS;
	fprintf(w->out, "\t%d", n);
	for (i = 0; i < n; i++) {
		t = call_arg_text(w, clang_Cursor_getArgument(call, i));
		fprintf(w->out, "\t%s", t);
		free(t);
	}
}

static void store(struct walk *, const char *, CXCursor, CXCursor);

/*
 * A function passed as an argument is stored into "callee()#index":
 * callout_reset()#2 holds the callout handlers, which SC-DKS-3 reads.
 */
static void
func_args(struct walk *w, CXCursor call, const char *callee)
{
	int i, n = clang_Cursor_getNumArguments(call);
	CXCursor fn;
	char *slot;

	for (i = 0; i < n; i++) {
		fn = func_ref(clang_Cursor_getArgument(call, i));
		if (clang_Cursor_isNull(fn))
			continue;
		slot = xasprintf("%s()#%d", callee, i);
		store(w, slot, fn, call);
		free(slot);
	}
}

static void
emit_lock(struct walk *w, CXCursor lock, CXCursor type, CXCursor ipl,
    CXCursor at)
{
	char *key, *ts, *is, *text;
	const char *file;
	unsigned line;

	if ((key = slot_of(w, lock)) == NULL)
		return;
	ts = arg_text(w, type);
	is = arg_text(w, ipl);
	text = cursor_text(w, at);
	file = where(w, at, &line);
	fprintf(w->out, "I\t%s\t%s\t%s\t%s\t%u\t%s\n", key, ts, is, file,
	    line, text);
	free(key);
	free(ts);
	free(is);
	free(text);
}

/* The name a call is made by as written: a macro's name (DELAY). */
static char *
written_name(struct walk *w, CXCursor call)
{
	CXToken *t;
	CXString s;
	CXFile f;
	unsigned off;
	char *p = NULL;

	/* Where the call's text starts in the file: for a macro, its
	 * name, as the expansion location is the macro's use. */
	clang_getExpansionLocation(
	    clang_getRangeStart(clang_getCursorExtent(call)), &f, NULL, NULL,
	    &off);
	if (f == NULL)
		return NULL;
	t = clang_getToken(w->tu, clang_getLocationForOffset(w->tu, f, off));
	if (t == NULL)
		return NULL;
	if (clang_getTokenKind(*t) == CXToken_Identifier) {
		s = clang_getTokenSpelling(w->tu, *t);
		p = xstrdup(clang_getCString(s));
		clang_disposeString(s);
	}
	clang_disposeTokens(w->tu, t, 1);
	return p;
}

/* mutex_enter(&pp->pr_lock): the parameter whose object holds it. */
static int
lock_base(struct walk *w, CXCursor a)
{
	struct kids k;
	int i = -1;

	for (;;) {
		a = strip(a);
		if (clang_getCursorKind(a) != CXCursor_UnaryOperator)
			break;
		kids_of(a, &k);
		if (k.n != 1) {
			free(k.v);
			return -1;
		}
		a = k.v[0];
		free(k.v);
	}
	if (clang_getCursorKind(a) != CXCursor_MemberRefExpr)
		return -1;
	kids_of(a, &k);
	if (k.n == 1)
		i = param_base(w, k.v[0]);
	free(k.v);
	return i;
}

/*
 * A call of a sink: its K line with the arguments (and a lock's slot),
 * or, for mutex_init and the like, the lock's I line.
 */
static void
sink_call(struct walk *w, CXCursor call, const struct sink *sk,
    const char *name, const char *file, unsigned line, const char *g,
    const char *rq)
{
	CXCursor a;
	char *text, *lock;
	int i, n;

	if (sk->rule == RULE_LOCKINIT) {
		if (clang_Cursor_getNumArguments(call) >= 3) {
			emit_lock(w, clang_Cursor_getArgument(call, 0),
			    clang_Cursor_getArgument(call, 1),
			    clang_Cursor_getArgument(call, 2), call);
			emit_field_store(w, clang_Cursor_getArgument(call, 0),
			    clang_Cursor_getArgument(call, 2), "#ipl");
		}
		return;
	}
	if (sk->rule == RULE_LOCKALLOC)
		return;		/* at the assignment */
	n = clang_Cursor_getNumArguments(call);
	if (n > LINT_MAXARGS)
		n = LINT_MAXARGS;
	fprintf(w->out, "K\t%s\t%s\t%s\t%u\t%s\t%s\t%d\t%d", w->fkey,
	    name, file, line, g, rq, w->loops > 0, n);
	for (i = 0; i < n; i++) {
		a = clang_Cursor_getArgument(call, i);
		text = arg_text(w, a);
		fprintf(w->out, "\t%s", text);
		free(text);
	}
	if (sk->rule == RULE_LOCK && n > 0) {
		lock = slot_of(w, clang_Cursor_getArgument(call, 0));
		fprintf(w->out, "\tlock=%s", lock ? lock : "?");
		free(lock);
		if ((i = lock_base(w, clang_Cursor_getArgument(call, 0))) >= 0)
			fprintf(w->out, "\tlockobj=p%d", i);
	}
	fputc('\n', w->out);
}

/* A call through a pointer: P with the slot it is read from, else U. */
static void
pointer_call(struct walk *w, CXCursor call, const char *file, unsigned line,
    const char *g, const char *rq)
{
	CXCursor callee;
	struct kids k;
	char *slot, *text;

	kids_of(call, &k);
	callee = k.n > 0 ? k.v[0] : clang_getNullCursor();
	free(k.v);
	slot = clang_Cursor_isNull(callee) ? NULL : slot_of(w, callee);
	text = clang_Cursor_isNull(callee) ? xstrdup("?") :
	    cursor_text(w, callee);
	if (slot != NULL) {
		fprintf(w->out, "P\t%s\t%s\t%s\t%u\t%s\t%s\t%s", w->fkey,
		    slot, file, line, g, text, rq);
		emit_call_args(w, call);
		fputc('\n', w->out);
	} else
		fprintf(w->out, "U\t%s\t%s\t%u\t%s\t%s\n", w->fkey, file, line,
		    g, text);
	free(slot);
	free(text);
}

/* A call in a function: of a sink (K), a function (C), a pointer (P, U). */
static void
do_call(struct walk *w, CXCursor call)
{
	CXCursor ref;
	const struct sink *sk = NULL;
	char *name = NULL, *macro, *key, *g, *file, *rq;
	unsigned line;

	if (w->fkey == NULL)
		return;
	ref = clang_getCursorReferenced(call);
	if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
		name = spelling(ref);
		sk = sinks_find(w->o->sinks, name);
	}
	/* A sink by the name it is written with: DELAY(x) is a call
	 * through delay_func on x86.  The expanded call's arguments are
	 * the ones recorded, which is why kern_malloc is listed too. */
	if (sk == NULL && (macro = written_name(w, call)) != NULL) {
		if ((sk = sinks_find(w->o->sinks, macro)) != NULL) {
			free(name);
			name = macro;
		} else
			free(macro);
	}
	/* a copy: func_key() below may ask where() of another file */
	file = xstrdup(where(w, call, &line));
	g = guard_text(w);
	rq = req_text(w);
	if (sk != NULL && sk->rule != RULE_STOP && sk->rule != RULE_ALIAS)
		sink_call(w, call, sk, name, file, line, g, rq);
	else if (name != NULL &&
	    clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
		key = func_key(w, ref);
		fprintf(w->out, "C\t%s\t%s\t%s\t%s\t%u\t%s\t%s", w->fkey, key,
		    name, file, line, g, rq);
		emit_call_args(w, call);
		fputc('\n', w->out);
		func_args(w, call, name);
		free(key);
	} else
		pointer_call(w, call, file, line, g, rq);
	free(name);
	free(g);
	free(rq);
	free(file);
}

/*
 * The locals' flag bits, read before the body is walked: every plain
 * assignment (and the initialiser) narrows must and widens may, |=
 * widens may, &= keeps both; anything else (++, +=, its address taken
 * as an argument) makes the local unknown.
 */
static struct local *
local_slot(struct walk *w, CXCursor var)
{
	unsigned i;

	for (i = 0; i < w->nlocals; i++)
		if (clang_equalCursors(w->locals[i].var, var))
			return &w->locals[i];
	return NULL;
}

static void
local_assign(struct walk *w, CXCursor var, CXCursor val, int plain)
{
	struct local *lo = local_slot(w, var);
	long long m, y;
	char *o;
	CXCursor v;

	if (lo == NULL)
		return;
	/* the object and the creating call it holds, if one */
	o = plain ? object_of(w, val) : NULL;
	if (lo->nassign++ == 0 && plain) {
		lo->obj = o;
		lo->pexpr = param_expr(w, val);
		if (lo->pexpr[0] == '-') {
			free(lo->pexpr);
			lo->pexpr = NULL;
		}
		v = strip(val);
		if (clang_getCursorKind(v) == CXCursor_CallExpr &&
		    clang_getCursorKind(clang_getCursorReferenced(v)) ==
		    CXCursor_FunctionDecl)
			lo->call = v;
	} else {
		if (o == NULL || lo->obj == NULL || strcmp(o, lo->obj) != 0) {
			free(lo->obj);
			lo->obj = NULL;
		}
		free(o);
		free(lo->pexpr);
		lo->pexpr = NULL;
		lo->call = clang_getNullCursor();
	}
	flag_bits(w, val, &m, &y);
	if (plain) {
		lo->must = lo->known == 2 ? m : (lo->must & m);
		lo->may = lo->known == 2 ? y : (lo->may | y);
		if (lo->known == 2)
			lo->known = 1;
	} else
		lo->may |= y;
}

static enum CXChildVisitResult
scan_locals(CXCursor c, CXCursor parent, CXClientData d)
{
	struct walk *w = d;
	struct kids k;
	CXCursor ref;
	struct local *lo;

	(void)parent;
	switch (clang_getCursorKind(c)) {
	case CXCursor_VarDecl:
		if (clang_Cursor_getStorageClass(c) == CX_SC_Static)
			break;
		w->locals = xrealloc(w->locals,
		    (w->nlocals + 1) * sizeof(*w->locals));
		lo = &w->locals[w->nlocals++];
		lo->var = c;
		lo->must = 0;
		lo->may = -1;
		lo->known = 2;		/* no assignment seen yet */
		lo->nassign = 0;
		lo->pexpr = NULL;
		lo->nand = 0;
		lo->returned = 0;
		lo->obj = NULL;
		lo->call = clang_getNullCursor();
		kids_of(c, &k);
		if (k.n > 0 && clang_isExpression(clang_getCursorKind(
		    k.v[k.n - 1])))
			local_assign(w, c, k.v[k.n - 1], 1);
		free(k.v);
		break;
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		kids_of(c, &k);
		if (k.n == 2 && clang_getCursorKind(strip(k.v[0])) ==
		    CXCursor_DeclRefExpr) {
			ref = clang_getCursorReferenced(strip(k.v[0]));
			if ((lo = local_slot(w, ref)) != NULL) {
				if (binop_is(w, k.v[0], "="))
					local_assign(w, ref, k.v[1], 1);
				else if (binop_is(w, k.v[0], "|="))
					local_assign(w, ref, k.v[1], 0);
				else if (binop_is(w, k.v[0], "&="))
					lo->nand++;
				else if (!binop_is(w, k.v[0], "&=") &&
				    clang_getCursorKind(c) ==
				    CXCursor_CompoundAssignOperator)
					lo->known = 0;
			}
		}
		free(k.v);
		break;
	case CXCursor_ReturnStmt:
		kids_of(c, &k);
		if (k.n == 1 && clang_getCursorKind(strip(k.v[0])) ==
		    CXCursor_DeclRefExpr && (lo = local_slot(w,
		    clang_getCursorReferenced(strip(k.v[0])))) != NULL)
			lo->returned = 1;
		free(k.v);
		break;
	case CXCursor_UnaryOperator:
		/* &flags, flags++: not followed */
		kids_of(c, &k);
		if (k.n == 1 && clang_getCursorKind(k.v[0]) ==
		    CXCursor_DeclRefExpr &&
		    (lo = local_slot(w, clang_getCursorReferenced(k.v[0]))) !=
		    NULL)
			lo->known = 0;
		free(k.v);
		break;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

static void
read_locals(struct walk *w, CXCursor fn)
{
	unsigned i;

	for (i = 0; i < w->nlocals; i++) {
		free(w->locals[i].obj);
		free(w->locals[i].pexpr);
	}
	w->nlocals = 0;
	clang_visitChildren(fn, scan_locals, w);
	for (i = 0; i < w->nlocals; i++)
		if (w->locals[i].known == 2)
			w->locals[i].known = 0;	/* never assigned */
	/* N: each fresh local's object, its allocator and its function */
	for (i = 0; i < w->nlocals; i++) {
		CXCursor ref;
		char *fo, *g;

		if (w->locals[i].nassign != 1 ||
		    clang_Cursor_isNull(w->locals[i].call) ||
		    clang_getCanonicalType(clang_getCursorType(
		    w->locals[i].var)).kind != CXType_Pointer)
			continue;
		ref = clang_getCursorReferenced(w->locals[i].call);
		g = spelling(ref);
		fo = xasprintf("new:%s", g);
		free(g);
		g = spelling(w->locals[i].var);
		fprintf(w->out, "N\t%s@%s.%s\t%s\t%s\n", fo, w->fkey, g, fo,
		    w->fkey);
		free(g);
		free(fo);
	}
}

/* A function stored into a slot, and a root if the slot is one. */
static void
store(struct walk *w, const char *slot, CXCursor fn, CXCursor at)
{
	char *key, *name;
	const char *file, *field;
	unsigned line;

	key = func_key(w, fn);
	name = spelling(fn);
	fprintf(w->out, "S\t%s\t%s\t%s\n", slot, key, name);
	field = strchr(slot, '.');
	if (w->var != NULL && field != NULL &&
	    ((strncmp(slot, "bdevsw.", 7) == 0 &&
	    strcmp(field, ".d_strategy") == 0) ||
	    (strncmp(slot, "dkdriver.", 9) == 0 &&
	    (strcmp(field, ".d_strategy") == 0 ||
	    strcmp(field, ".d_diskstart") == 0)))) {
		file = where(w, at, &line);
		fprintf(w->out, "R\t%.*s\t%s\t%s\t%s\t%s\t%s\t%u\n",
		    (int)(field - slot), slot, w->var, field + 1, key, name,
		    file, line);
	}
	free(key);
	free(name);
}

/* The fields of a record, in order (into a struct kids). */
static enum CXVisitorResult
add_field(CXCursor c, CXClientData d)
{

	kids_push(d, c);
	return CXVisit_Continue;
}

/*
 * An initialiser list of a struct: designated (.f = fn) and positional
 * values both store into the field they land in, as C counts them.
 */
static void
do_initlist(struct walk *w, CXCursor c)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	struct kids k, d;
	struct kids fl = { NULL, 0, 0 };
	CXCursor val, fn, ref;
	unsigned i, j, next = 0;
	char *slot;

	if (t.kind != CXType_Record)
		return;
	clang_Type_visitFields(t, add_field, &fl);
	kids_of(c, &k);
	for (i = 0; i < k.n; i++) {
		val = k.v[i];
		slot = NULL;
		if (clang_getCursorKind(val) == CXCursor_UnexposedExpr) {
			kids_of(val, &d);
			if (d.n == 2 &&
			    clang_getCursorKind(d.v[0]) == CXCursor_MemberRef) {
				ref = clang_getCursorReferenced(d.v[0]);
				slot = field_slot(ref);
				val = d.v[1];
				for (j = 0; j < fl.n; j++)
					if (clang_equalCursors(fl.v[j], ref))
						next = j + 1;
			}
			free(d.v);
		}
		if (slot == NULL && next < fl.n)
			slot = field_slot(fl.v[next++]);
		fn = func_ref(val);
		if (slot != NULL && !clang_Cursor_isNull(fn))
			store(w, slot, fn, val);
		free(slot);
	}
	free(k.v);
	free(fl.v);
}

/*
 * A: slot = F(args), an object F returns (kmem_va_arena =
 * vmem_init(...), mb_cache = pool_cache_init(...)): the link gives
 * the slot's object what F stores into what it returns.
 */
static void
emit_assigned(struct walk *w, CXCursor lhs, CXCursor fn, CXCursor call)
{
	char *slot = slot_of(w, lhs), *key;

	if (slot == NULL)
		return;
	key = func_key(w, fn);
	fprintf(w->out, "A\t%s\t%s", slot, key);
	emit_call_args(w, call);
	fputc('\n', w->out);
	free(key);
	free(slot);
}

/* lhs = fn stores; lhs = mutex_obj_alloc(type, ipl) types a lock. */
static void
do_binop(struct walk *w, CXCursor c)
{
	struct kids k;
	CXCursor rhs, fn, ref;
	struct local *lo;
	char *slot, *name;
	const struct sink *sk;
	int assign = 0;
	long long v;
	unsigned line;

	kids_of(c, &k);
	if (k.n != 2)
		goto out;
	/* error = EAGAIN; ... return error: a d_diskstart that defers */
	if (w->fkey != NULL && const_value(k.v[1], &v) && v > 0 && v < 128 &&
	    (name = written_name(w, k.v[1])) != NULL) {
		if (name[0] == 'E' && isupper((unsigned char)name[1]) &&
		    binop_is(w, k.v[0], "="))
			fprintf(w->out, "E\t%s\t%lld\t%s\t%u\n", w->fkey, v,
			    where(w, c, &line), line);
		free(name);
	}
	if (w->fkey != NULL && binop_is(w, k.v[0], "="))
		emit_field_store(w, k.v[0], k.v[1], "");
	rhs = strip(k.v[1]);
	/* qc->qc_cache = pc, pc = pool_cache_init(...): the slot's creator */
	if (w->fkey != NULL && clang_getCursorKind(rhs) == CXCursor_DeclRefExpr &&
	    binop_is(w, k.v[0], "=") && (lo = local_slot(w,
	    clang_getCursorReferenced(rhs))) != NULL && lo->known != 0 &&
	    !clang_Cursor_isNull(lo->call)) {
		ref = clang_getCursorReferenced(lo->call);
		name = spelling(ref);
		if (sinks_find(w->o->sinks, name) == NULL)
			emit_assigned(w, k.v[0], ref, lo->call);
		free(name);
	}
	fn = func_ref(rhs);
	sk = NULL;
	if (clang_Cursor_isNull(fn) &&
	    clang_getCursorKind(rhs) == CXCursor_CallExpr) {
		ref = clang_getCursorReferenced(rhs);
		name = spelling(ref);
		sk = sinks_find(w->o->sinks, name);
		free(name);
		if (sk == NULL && w->fkey != NULL &&
		    clang_getCursorKind(ref) == CXCursor_FunctionDecl &&
		    binop_is(w, k.v[0], "="))
			emit_assigned(w, k.v[0], ref, rhs);
		if (sk == NULL || sk->rule != RULE_LOCKALLOC)
			goto out;
	} else if (clang_Cursor_isNull(fn))
		goto out;
	assign = binop_is(w, k.v[0], "=");
	if (!assign)
		goto out;
	if (sk != NULL) {
		if (clang_Cursor_getNumArguments(rhs) >= 2)
			emit_lock(w, k.v[0], clang_Cursor_getArgument(rhs, 0),
			    clang_Cursor_getArgument(rhs, 1), c);
	} else if ((slot = slot_of(w, k.v[0])) != NULL) {
		store(w, slot, fn, c);
		free(slot);
	}
out:
	free(k.v);
}

static void
walk_kids(CXCursor c, struct walk *w)
{
	struct kids k;
	unsigned i;

	kids_of(c, &k);
	for (i = 0; i < k.n; i++)
		walk(k.v[i], w);
	free(k.v);
}

/*
 * "if (x)", "while (x)", "switch (x)": the text from the statement to
 * its body.  Not the condition's own extent, which is empty when the
 * condition starts with a macro (curlwp != ...).
 */
static CXSourceLocation
file_loc(struct walk *w, CXSourceLocation l)
{
	CXFile f;
	unsigned off;

	/* A location inside a macro, taken back to where it is used. */
	clang_getExpansionLocation(l, &f, NULL, NULL, &off);
	return f == NULL ? l : clang_getLocationForOffset(w->tu, f, off);
}

static char *
head_text(struct walk *w, CXCursor stmt, CXCursor body)
{

	return range_text(w, clang_getRange(
	    file_loc(w, clang_getRangeStart(clang_getCursorExtent(stmt))),
	    file_loc(w, clang_getRangeStart(clang_getCursorExtent(body)))), 1);
}

static char *
prefixed(const char *pre, struct walk *w, CXCursor c, const char *post)
{
	char *t = cursor_text(w, c), *s;

	s = xasprintf("%s%s%s", pre, t, post);
	free(t);
	return s;
}

/* What a condition requires of the parameters, or NULL. */
static char *
cond_req(struct walk *w, CXCursor cond)
{
	char *e = param_expr(w, cond);

	if (e[0] == '-') {
		free(e);
		return NULL;
	}
	return e;
}

/* Whether a statement always leaves the function (return, or a block
 * that ends in one). */
static int
returns(CXCursor c)
{
	struct kids k;
	int r = 0;

	switch (clang_getCursorKind(c)) {
	case CXCursor_ReturnStmt:
		return 1;
	case CXCursor_CompoundStmt:
		kids_of(c, &k);
		r = k.n > 0 && clang_getCursorKind(k.v[k.n - 1]) ==
		    CXCursor_ReturnStmt;
		free(k.v);
		return r;
	default:
		return 0;
	}
}

/*
 * A block, statement after statement: after "if (x) return;" the rest
 * of the block runs only when !x, which becomes a guard of what follows
 * (scsipi_get_xs returns before its cv_wait when XS_CTL_NOSLEEP is
 * set).  A label ends those guards: a goto may land there.
 */
static void
walk_block(CXCursor c, struct walk *w)
{
	struct kids k, ik;
	unsigned i;
	int base = w->nguard;
	char *t, *e;
	CXCursor s;

	kids_of(c, &k);
	for (i = 0; i < k.n; i++) {
		s = k.v[i];
		if (clang_getCursorKind(s) == CXCursor_LabelStmt)
			pop_guards(w, base);
		walk(s, w);
		/* "label: if (x) return;" guards what follows as well */
		while (clang_getCursorKind(s) == CXCursor_LabelStmt) {
			kids_of(s, &ik);
			if (ik.n == 0) {
				free(ik.v);
				break;
			}
			s = ik.v[ik.n - 1];
			free(ik.v);
		}
		if (clang_getCursorKind(s) != CXCursor_IfStmt)
			continue;
		kids_of(s, &ik);
		if (ik.n == 2 && returns(ik.v[1])) {
			t = head_text(w, s, ik.v[1]);
			e = cond_req(w, ik.v[0]);
			push_req(w, xasprintf("!%s",
			    strncmp(t, "if ", 3) == 0 ? t + 3 : t),
			    e ? xasprintf("!(%s)", e) : NULL);
			free(t);
			free(e);
		}
		free(ik.v);
	}
	pop_guards(w, base);
	free(k.v);
}

/*
 * A switch body: the statements after "case X:" run under that label
 * until a break or return; labels without a break between accumulate,
 * as fallthrough does.
 */
static void
walk_switch(CXCursor body, const char *cond, CXCursor x, struct walk *w)
{
	struct kids k, ck;
	CXCursor s;
	char labels[TEXTMAX + 40] = "", *v, *req = NULL;
	char *sw = cond_req(w, x);
	int base = w->nguard, open = 0;
	unsigned i;
	enum CXCursorKind kind;

	if (clang_getCursorKind(body) != CXCursor_CompoundStmt) {
		walk(body, w);
		free(sw);
		return;
	}
	kids_of(body, &k);
	for (i = 0; i < k.n; i++) {
		s = k.v[i];
		kind = clang_getCursorKind(s);
		while (kind == CXCursor_CaseStmt || kind == CXCursor_DefaultStmt) {
			if (!open) {
				labels[0] = '\0';
				free(req);
				req = xstrdup("c0");	/* false: no label yet */
			}
			open = 1;
			kids_of(s, &ck);
			if (kind == CXCursor_CaseStmt && ck.n == 2) {
				long long cv;

				if (sw != NULL && req != NULL &&
				    const_value(ck.v[0], &cv)) {
					v = xasprintf("o(=(%s,c%llx),%s)", sw,
					    (unsigned long long)cv, req);
					free(req);
					req = v;
				} else {
					free(req);
					req = NULL;
				}
				v = cursor_text(w, ck.v[0]);
				if (strlen(labels) + strlen(v) < TEXTMAX)
					snprintf(labels + strlen(labels),
					    sizeof(labels) - strlen(labels),
					    "%scase %s", labels[0] ? ", " : "", v);
				free(v);
				s = ck.v[1];
			} else if (kind == CXCursor_DefaultStmt && ck.n == 1) {
				free(req);
				req = NULL;
				snprintf(labels + strlen(labels),
				    sizeof(labels) - strlen(labels),
				    "%sdefault", labels[0] ? ", " : "");
				s = ck.v[0];
			} else {
				free(ck.v);
				break;
			}
			free(ck.v);
			kind = clang_getCursorKind(s);
			pop_guards(w, base);
			push_req(w, xasprintf("%s %s", cond, labels),
			    req ? xstrdup(req) : NULL);
		}
		walk(s, w);
		kind = clang_getCursorKind(s);
		if (kind == CXCursor_BreakStmt || kind == CXCursor_ReturnStmt ||
		    kind == CXCursor_GotoStmt) {
			open = 0;
			pop_guards(w, base);
		}
	}
	pop_guards(w, base);
	free(k.v);
	free(req);
	free(sw);
}

/* A function definition: its F line, then its body with its params. */
static void
walk_function(CXCursor c, struct walk *w)
{
	char *saved, *t;
	unsigned line;
	CXCursor *sp = w->params;
	unsigned snp = w->nparams;
	int np, i;

	if (!clang_isCursorDefinition(c))
		return;
	saved = w->fkey;
	w->fkey = func_key(w, c);
	t = spelling(c);
	fprintf(w->out, "F\t%s\t%s\t", w->fkey, t);
	fprintf(w->out, "%s\t", where(w, c, &line));
	fprintf(w->out, "%u\n", line);
	free(t);
	np = clang_Cursor_getNumArguments(c);
	w->nparams = np > 0 ? (unsigned)np : 0;
	w->params = w->nparams ?
	    xcalloc(w->nparams, sizeof(*w->params)) : NULL;
	for (i = 0; i < np; i++)
		w->params[i] = clang_Cursor_getArgument(c, i);
	read_locals(w, c);
	walk_kids(c, w);
	w->nlocals = 0;
	free(w->params);
	w->params = sp;
	w->nparams = snp;
	free(w->fkey);
	w->fkey = saved;
}

/*
 * A return: E when it returns an errno (return EAGAIN: a d_diskstart
 * that defers, SC-DKS-3), V when it returns a local's object or a
 * parameter, Y when that is a fresh object of its own.
 */
static void
walk_return(CXCursor c, struct walk *w)
{
	struct kids k;
	unsigned line;
	long long v;
	char *ln;

	kids_of(c, &k);
	if (k.n == 1 && w->fkey != NULL) {
		if (const_value(k.v[0], &v) && v > 0 && v < 128)
			fprintf(w->out, "E\t%s\t%lld\t%s\t%u\n",
			    w->fkey, v, where(w, c, &line), line);
		/* V: it returns a local's object, or (#N) its parameter
		 * N's (vmem_init returns the vm it is given) */
		if ((ln = local_name(w, k.v[0])) != NULL) {
			char *fo = fresh_of(w, k.v[0]);
			const char *nm = strrchr(w->fkey, ':');

			fprintf(w->out, "V\t%s\t%s\n", w->fkey, ln);
			/* Y: it returns a fresh object of its own */
			if (fo != NULL)
				fprintf(w->out, "Y\tnew:%s\t%s\n",
				    nm != NULL ? nm + 1 : w->fkey, fo);
			free(fo);
		}
		else if (clang_getCursorKind(strip(k.v[0])) ==
		    CXCursor_DeclRefExpr && (v = param_index(w,
		    clang_getCursorReferenced(strip(k.v[0])))) >= 0)
			fprintf(w->out, "V\t%s\t#%lld\n", w->fkey, v);
		free(ln);
	}
	free(k.v);
	walk_kids(c, w);
}

/* A variable: at file scope, a function pointer it is set to. */
static void
walk_vardecl(CXCursor c, struct walk *w)
{
	struct kids k;
	const char *savedvar = w->var;
	char *t = spelling(c), *slot;
	CXCursor fn;
	unsigned l;

	if (w->fkey == NULL)
		w->var = t;
	kids_of(c, &k);
	/* void (*hook)(void) = fn; at file scope or static */
	if (k.n > 0 && w->fkey == NULL &&
	    !clang_Cursor_isNull(fn = func_ref(k.v[k.n - 1]))) {
		slot = slot_of(w, c);
		if (slot == NULL)
			slot = clang_getCursorLinkage(c) == CXLinkage_Internal ?
			    xasprintf("%s:%s", where(w, c, &l), t) :
			    xstrdup(t);
		store(w, slot, fn, c);
		free(slot);
	}
	free(k.v);
	walk_kids(c, w);
	w->var = savedvar;
	free(t);
}

/* if (cond) then [else]: each branch under its guard. */
static void
walk_if(CXCursor c, struct walk *w)
{
	struct kids k;
	int base = w->nguard;
	char *t, *e;

	kids_of(c, &k);
	if (k.n >= 2) {
		walk(k.v[0], w);
		t = head_text(w, c, k.v[1]);
		e = cond_req(w, k.v[0]);
		push_req(w, xstrdup(t), e ? xstrdup(e) : NULL);
		walk(k.v[1], w);
		pop_guards(w, base);
		if (k.n >= 3) {
			push_req(w, xasprintf("!%s",
			    strncmp(t, "if ", 3) == 0 ? t + 3 : t),
			    e ? xasprintf("!(%s)", e) : NULL);
			walk(k.v[2], w);
			pop_guards(w, base);
		}
		free(e);
		free(t);
	}
	free(k.v);
}

/* c ? a : b: each arm under its guard. */
static void
walk_conditional(CXCursor c, struct walk *w)
{
	struct kids k;
	int base = w->nguard;
	char *e;

	kids_of(c, &k);
	if (k.n == 3) {
		walk(k.v[0], w);
		e = cond_req(w, k.v[0]);
		push_req(w, prefixed("(", w, k.v[0], ") ?"),
		    e ? xstrdup(e) : NULL);
		walk(k.v[1], w);
		pop_guards(w, base);
		push_req(w, prefixed("!(", w, k.v[0], ") ?"),
		    e ? xasprintf("!(%s)", e) : NULL);
		walk(k.v[2], w);
		pop_guards(w, base);
		free(e);
	} else
		walk_kids(c, w);
	free(k.v);
}

/* The loops: their bodies are under their heads, and in a loop. */
static void
walk_loop(CXCursor c, struct walk *w)
{
	struct kids k;
	int base = w->nguard;
	unsigned i;

	switch (clang_getCursorKind(c)) {
	case CXCursor_WhileStmt:
		kids_of(c, &k);
		if (k.n == 2) {
			walk(k.v[0], w);
			w->loops++;
			push_req(w, head_text(w, c, k.v[1]), cond_req(w, k.v[0]));
			walk(k.v[1], w);
			pop_guards(w, base);
			w->loops--;
		}
		free(k.v);
		return;
	case CXCursor_DoStmt:
		w->loops++;
		walk_kids(c, w);
		w->loops--;
		return;
	default:
		/* for (init; cond; step): the header is the text up to
		 * the body, which is the last child. */
		kids_of(c, &k);
		if (k.n > 0) {
			w->loops++;
			push_guard(w, head_text(w, c, k.v[k.n - 1]));
			for (i = 0; i < k.n; i++)
				walk(k.v[i], w);
			pop_guards(w, base);
			w->loops--;
		}
		free(k.v);
		return;
	}
}

/* switch (e) body: the cases under their labels (walk_switch). */
static void
walk_switchstmt(CXCursor c, struct walk *w)
{
	struct kids k;
	char *t;

	kids_of(c, &k);
	if (k.n == 2) {
		walk(k.v[0], w);
		t = head_text(w, c, k.v[1]);
		walk_switch(k.v[1], t, k.v[0], w);
		free(t);
	} else
		walk_kids(c, w);
	free(k.v);
}

/*
 * The walk of a TU's cursors: what each kind of cursor writes to the
 * facts file, and the guards and loops it puts its children under.
 */
static void
walk(CXCursor c, struct walk *w)
{

	switch (clang_getCursorKind(c)) {
	case CXCursor_FunctionDecl:
		walk_function(c, w);
		return;
	case CXCursor_ReturnStmt:
		walk_return(c, w);
		return;
	case CXCursor_VarDecl:
		walk_vardecl(c, w);
		return;
	case CXCursor_CallExpr:
		do_call(w, c);
		walk_kids(c, w);
		return;
	case CXCursor_BinaryOperator:
		do_binop(w, c);
		walk_kids(c, w);
		return;
	case CXCursor_InitListExpr:
		do_initlist(w, c);
		walk_kids(c, w);
		return;
	case CXCursor_IfStmt:
		walk_if(c, w);
		return;
	case CXCursor_ConditionalOperator:
		walk_conditional(c, w);
		return;
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_ForStmt:
		walk_loop(c, w);
		return;
	case CXCursor_SwitchStmt:
		walk_switchstmt(c, w);
		return;
	case CXCursor_CompoundStmt:
		if (w->fkey != NULL) {
			walk_block(c, w);
			return;
		}
		walk_kids(c, w);
		return;
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
	case CXCursor_EnumDecl:
	case CXCursor_TypedefDecl:
	case CXCursor_TypeRef:
	case CXCursor_ParmDecl:
	case CXCursor_FieldDecl:
		return;
	default:
		walk_kids(c, w);
		return;
	}
}

/*
 * The missing includes of a TU; the generated ones get an empty stub
 * (created once, by whichever worker gets there first).  Returns the
 * number of stubs that now exist for headers this parse missed.
 */
static int
missing(struct walk *w, int emit, int *nerr, char **first)
{
	unsigned i, n = clang_getNumDiagnostics(w->tu);
	CXDiagnostic d;
	CXString s;
	const char *m, *q;
	char name[PATH_MAX], path[PATH_MAX];
	int stubbed = 0, fd;

	*nerr = 0;
	*first = NULL;
	for (i = 0; i < n; i++) {
		d = clang_getDiagnostic(w->tu, i);
		if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		s = clang_getDiagnosticSpelling(d);
		m = clang_getCString(s);
		if (m[0] == '\'' && (q = strstr(m, "' file not found")) != NULL &&
		    (size_t)(q - m - 1) < sizeof(name)) {
			memcpy(name, m + 1, q - m - 1);
			name[q - m - 1] = '\0';
			if (!emit && generated_header(name) &&
			    strchr(name, '/') == NULL) {
				if (snprintf(path, sizeof(path), "%s/%s",
				    w->o->stubdir, name) >= (int)sizeof(path))
					goto next;
				fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
				if (fd >= 0 || errno == EEXIST)
					stubbed++;
				if (fd >= 0)
					close(fd);
			} else if (emit)
				fprintf(w->out, "X\t%s\n", name);
		}
next:
		(*nerr)++;
		if (*first == NULL)
			*first = tsv_clean(m);
		clang_disposeString(s);
		clang_disposeDiagnostic(d);
	}
	return stubbed;
}

int
extract_tu(const char *path, const struct extract_opts *o, FILE *out)
{
	static CXIndex idx;
	static unsigned ntu;
	struct walk w;
	CXTranslationUnit tu;
	unsigned opts = CXTranslationUnit_KeepGoing |
	    CXTranslationUnit_DetailedPreprocessingRecord;
	int nerr, pass;
	char *first, *rel;

	/* A fresh index now and then: libclang keeps per-index state. */
	if (idx == NULL || ++ntu % 200 == 0) {
		if (idx != NULL)
			clang_disposeIndex(idx);
		idx = clang_createIndex(0, 0);
	}
	memset(&w, 0, sizeof(w));
	w.o = o;
	w.out = out;
	w.syslen = strlen(o->sysdir);
	for (pass = 0; pass < 2; pass++) {
		w.lastfile = NULL;
		if (clang_parseTranslationUnit2(idx, path,
		    (const char *const *)o->argv, o->argc, NULL, 0, opts,
		    &tu) != CXError_Success) {
			fprintf(out, "T\t%s\t-1\tlibclang could not parse it\n",
			    path);
			return -1;
		}
		w.tu = tu;
		if (pass == 1 || missing(&w, 0, &nerr, &first) == 0)
			break;
		/* Stubs exist now for what it missed: once more. */
		free(first);
		clang_disposeTranslationUnit(tu);
		w.lastfile = NULL;
	}
	if (pass == 0)
		free(first);
	rel = strncmp(path, o->sysdir, w.syslen) == 0 ?
	    (char *)path + w.syslen + 1 : (char *)path;
	missing(&w, 1, &nerr, &first);
	fprintf(out, "T\t%s\t%d\t%s\n", rel, nerr, first ? first : "");
	free(first);
	walk(clang_getTranslationUnitCursor(tu), &w);
	clang_disposeTranslationUnit(tu);
	free(w.lastname);
	return 0;
}
