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
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "util.h"

char *
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
char *
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
CXSourceLocation
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
int
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
	const char *file;
	unsigned line;
	long long v;
	char *ln;

	kids_of(c, &k);
	if (k.n == 1 && w->fkey != NULL) {
		if (const_value(k.v[0], &v) && v > 0 && v < 128) {
			/* where() sets line: before line is read */
			file = where(w, c, &line);
			fprintf(w->out, "E\t%s\t%lld\t%s\t%u\n",
			    w->fkey, v, file, line);
		}
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
void
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
