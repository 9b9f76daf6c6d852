/*
 * text.c - what extract.c reads of the source beside the AST: a
 * cursor's file and line relative to the tree, its spelling and source
 * text, its children, its slot (record.field or a global's name), and
 * the tokens around it, including the operators a macro's expansion
 * hides.  Apart from the walk because every kind of fact asks it.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "util.h"

/* A generated header that a configured build would have made. */
int
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

const char *
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

const char *
where(struct walk *w, CXCursor c, unsigned *line)
{
	CXFile f;

	clang_getExpansionLocation(clang_getCursorLocation(c), &f, line,
	    NULL, NULL);
	return file_name(w, f);
}

char *
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

char *
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

char *
cursor_text(struct walk *w, CXCursor c)
{

	return range_text(w, clang_getCursorExtent(c), 0);
}

void
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

void
kids_of(CXCursor c, struct kids *k)
{

	k->v = NULL;
	k->n = k->cap = 0;
	clang_visitChildren(c, collect, k);
}

/* Through the casts, parentheses and dereferences that C puts around. */
CXCursor
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
char *
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
char *
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
char *
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
CXCursor
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

int
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
const struct local *
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

void
binop_of(struct walk *w, CXCursor c, CXCursor lhs, char *buf, size_t len)
{

	if (token_after(w, lhs, buf, len) && is_binop_token(buf))
		return;
	if (arg_token_after(w, lhs, buf, len) && is_binop_token(buf))
		return;
	if (!macro_op(w, c, buf, len))
		buf[0] = '\0';
}

int
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
void
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
int
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
