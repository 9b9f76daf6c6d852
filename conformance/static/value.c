/*
 * value.c - what an argument expression is worth: extract.c writes each
 * flag, guard and argument in a prefix form over the function's
 * parameters (p0, c4, |(p1,c2), m(p0,H<field>), ...); this evaluates it
 * as the bits it has on every path and on some path, with parameters
 * bound to a caller's values.  Apart from the search because every
 * judgement (a flag, a guard, a chain) asks it.
 */
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

/* The nth tab-separated field of an argument string ("n\targ..."). */
const char *
nth_arg(const char *args, int i, char *buf, size_t len)
{
	const char *p = args, *e;
	int k;

	for (k = 0; k < i + 1 && p != NULL; k++)	/* skip the count */
		if ((p = strchr(p, '\t')) != NULL)
			p++;
	if (p == NULL)
		return NULL;
	e = strchr(p, '\t');
	snprintf(buf, len, "%.*s", e ? (int)(e - p) : (int)strlen(p), p);
	return buf;
}



struct val
val_const(unsigned long long v)
{
	struct val x = { v, v, 0 };

	return x;
}

/* 1 true on every path, 0 on none, -1 it depends. */
int
truth(struct val v)
{

	if (v.must != 0)
		return 1;
	if (v.may == 0)
		return 0;
	return -1;
}

static struct val
val_bool(int t)
{
	struct val x = { 0, 1, 0 };

	return t < 0 ? x : val_const((unsigned long long)t);
}



/* One caller's arguments, bound to the parameters (BIND_ALL). */
struct val argbind[MAXBIND];
int nargbind;

static struct val eval(const char **, int, struct val);

/* m(expr,H<field>): a field of the object expr designates. */
static struct val
eval_member(const char **pp, int p, struct val pv)
{
	const char *s = *pp + 1;
	struct val o;
	char field[256];
	size_t n = 0;
	unsigned x;

	if (*s++ != '(')
		return val_unknown;
	o = eval(&s, p, pv);
	if (*s == ',')
		s++;
	if (*s == 'H')
		s++;
	while (((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'A' && s[0] <= 'F')) &&
	    n + 1 < sizeof(field) && sscanf(s, "%2X", &x) == 1) {
		field[n++] = (char)x;
		s += 2;
	}
	field[n] = '\0';
	if (*s == ')')
		s++;
	*pp = s;
	return o.obj != 0 ? objfield_get(o.obj, field) : val_unknown;
}

struct graph *ograph;	/* the graph objects are interned in */

/* The name after a g, in uppercase hex, interned; *pp past it. */
static uint32_t
hex_intern(const char **pp)
{
	const char *s = *pp;
	char name[256];
	size_t n = 0;
	unsigned x;

	while (((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'A' && s[0] <= 'F')) &&
	    n + 1 < sizeof(name) && sscanf(s, "%2X", &x) == 1) {
		name[n++] = (char)x;
		s += 2;
	}
	name[n] = '\0';
	*pp = s;
	return n > 0 && ograph != NULL ? intern(ograph, name) : 0;
}

/*
 * A leaf of an expression (a parameter, a constant, a global, a
 * local's bits, a field, or nothing known): its value in *r and 1,
 * or 0 when op is an operator.
 */
static int
eval_leaf(char op, const char **pp, int p, struct val pv, struct val *r)
{
	const char *s = *pp;
	char *e;
	int n;

	*r = val_unknown;
	switch (op) {
	case 'p':
		n = (int)strtol(s, &e, 10);
		*pp = e;
		if (p == BIND_ALL)
			*r = n < nargbind ? argbind[n] : val_unknown;
		else
			*r = n == p ? pv : val_unknown;
		return 1;
	case 'c':
		*r = val_const(strtoull(s, &e, 16));
		*pp = e;
		return 1;
	case '\0':
		*pp = s - 1;
		return 1;
	case 'u':
		return 1;
	case 'H':
		/* a field name (in m()): skipped here, read by the m case */
		while ((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'F'))
			s++;
		*pp = s;
		return 1;
	case 'm':
		/* eval_member reads from the operator on */
		(*pp)--;
		*r = eval_member(pp, p, pv);
		return 1;
	case 'g':
		/* a global: its value unknown, the object it is known */
		r->obj = hex_intern(&s);
		*pp = s;
		return 1;
	case 'b':
		/* a local's bits: b<must>.<may> */
		r->must = strtoull(s, &e, 16);
		r->may = *e == '.' ? strtoull(e + 1, &e, 16) : ~0ULL;
		*pp = e;
		return 1;
	}
	return 0;
}

/* An operator applied to its operands' values. */
static struct val
eval_op(char op, struct val a, struct val b, struct val c)
{
	struct val r = val_unknown;
	int ta = truth(a), tb = truth(b);

	switch (op) {
	case '|':
		r.must = a.must | b.must;
		r.may = a.may | b.may;
		break;
	case '&':
		r.must = a.must & b.must;
		r.may = a.may & b.may;
		break;
	case '~':
		r.must = ~a.may;
		r.may = ~a.must;
		break;
	case '!':
		r = val_bool(ta < 0 ? -1 : !ta);
		break;
	case '=':
	case '#':
		/*
		 * One global on both sides (the object a chain passes and
		 * the one the callee tests for) is one value; two objects
		 * of different names may still be one, so that stays open.
		 */
		if (a.obj != 0 && a.obj == b.obj)
			r = val_bool(op == '=');
		else if (a.must == a.may && b.must == b.may)
			r = val_bool((a.must == b.must) == (op == '='));
		else
			r = val_bool(-1);
		break;
	case 'a':
		r = val_bool(ta == 0 || tb == 0 ? 0 : ta == 1 && tb == 1 ? 1 : -1);
		break;
	case 'o':
		r = val_bool(ta == 1 || tb == 1 ? 1 : ta == 0 && tb == 0 ? 0 : -1);
		break;
	case '?':
		if (ta == 1)
			r = b;
		else if (ta == 0)
			r = c;
		else {
			r.must = b.must & c.must;
			r.may = b.may | c.may;
		}
		break;
	default:
		break;
	}
	return r;
}

/*
 * An expression extract.c wrote (op(operands...) in prefix form), with
 * parameter p bound to pv (or every parameter to argbind[], BIND_ALL);
 * *pp past it.
 */
static struct val
eval(const char **pp, int p, struct val pv)
{
	const char *s = *pp;
	struct val a, b, c = val_unknown, r;
	char op;

	op = *s++;
	*pp = s;
	if (eval_leaf(op, pp, p, pv, &r))
		return r;
	if (*s != '(')
		return val_unknown;
	s++;
	a = eval(&s, p, pv);
	b = val_unknown;
	if (op != '!' && op != '~') {
		if (*s == ',')
			s++;
		b = eval(&s, p, pv);
		if (op == '?') {
			if (*s == ',')
				s++;
			c = eval(&s, p, pv);
		}
	}
	if (*s == ')')
		s++;
	*pp = s;
	return eval_op(op, a, b, c);
}

struct val
eval_expr(const char *expr, int p, struct val pv)
{

	return eval(&expr, p, pv);
}
