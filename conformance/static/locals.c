/*
 * locals.c - the locals of the function being walked, read before its
 * body: the flag bits each holds on every path and on some, and the one
 * object, call or parameter expression each is assigned, which expr.c
 * and calls.c then read through.
 */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "util.h"

/*
 * The locals' flag bits, read before the body is walked: every plain
 * assignment (and the initialiser) narrows must and widens may, |=
 * widens may, &= keeps both; anything else (++, +=, its address taken
 * as an argument) makes the local unknown.
 */
struct local *
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

void
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
