/*
 * stores.c - what is stored where: a function into a slot (S), a value
 * into a parameter's or a local's object (W, Z, L) or a fresh object
 * (O, Q), from initialisers and assignments.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "util.h"

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
void
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

/* A function stored into a slot, and a root if the slot is one. */
void
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
void
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
void
do_binop(struct walk *w, CXCursor c)
{
	struct kids k;
	CXCursor rhs, fn, ref;
	struct local *lo;
	char *slot, *name;
	const struct sink *sk;
	int assign = 0;
	long long v;
	const char *file;
	unsigned line;

	kids_of(c, &k);
	if (k.n != 2)
		goto out;
	/* error = EAGAIN; ... return error: a d_diskstart that defers */
	if (w->fkey != NULL && const_value(k.v[1], &v) && v > 0 && v < 128 &&
	    (name = written_name(w, k.v[1])) != NULL) {
		if (name[0] == 'E' && isupper((unsigned char)name[1]) &&
		    binop_is(w, k.v[0], "=")) {
			/* where() sets line: before line is read */
			file = where(w, c, &line);
			fprintf(w->out, "E\t%s\t%lld\t%s\t%u\n", w->fkey, v,
			    file, line);
		}
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
