/*
 * calls.c - the facts of a call: C (a direct call), P (through a slot),
 * U (through a local pointer) and K (a sink, with its arguments and its
 * lock), the I line of a mutex_init, and the functions and objects the
 * call passes as arguments.
 */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "util.h"

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
char *
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
char *
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
void
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

void
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
char *
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
void
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
