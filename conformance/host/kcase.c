/*
 * kcase.c - one case's results: its name split into device, context and
 * operation, the clauses it announced, and a verdict with its detail per
 * clause.  The console parser, the panic attribution and the boot
 * settlement all set results through these.
 */
#include "session.h"
#include "session_int.h"

#include <stdlib.h>
#include <string.h>

void
kcase_clear(struct kcase *c)
{
	size_t i;

	free(c->name);
	free(c->device);
	free(c->context);
	free(c->op);
	free(c->on_panic);
	free(c->watch);
	strvec_free(&c->clauses);
	for (i = 0; i < c->nres; i++) {
		free(c->res[i].clause);
		free(c->res[i].detail);
	}
	free(c->res);
	memset(c, 0, sizeof(*c));
}

void
kcase_setname(struct kcase *c, const char *name)
{
	const char *a, *b;

	free(c->name);
	free(c->device);
	free(c->context);
	free(c->op);
	c->name = xstrdup(name);
	a = strchr(name, ' ');
	b = a ? strchr(a + 1, ' ') : NULL;
	if (a != NULL && b != NULL && strchr(b + 1, ' ') == NULL) {
		c->device = xstrndup(name, (size_t)(a - name));
		c->context = xstrndup(a + 1, (size_t)(b - a - 1));
		c->op = xstrdup(b + 1);
	} else {
		c->device = xstrdup(name);
		c->context = xstrdup("?");
		c->op = xstrdup("?");
	}
}

struct result *
kcase_result(const struct kcase *c, const char *clause)
{
	size_t i;

	for (i = 0; i < c->nres; i++)
		if (strcmp(c->res[i].clause, clause) == 0)
			return &c->res[i];
	return NULL;
}

/* Did the checker announce clause for case c? */
int
kcase_announced(const struct kcase *c, const char *clause)
{
	size_t i;

	for (i = 0; i < c->clauses.n; i++)
		if (strcmp(c->clauses.v[i], clause) == 0)
			return 1;
	return 0;
}

/* Set (or overwrite) the result of clause. */
void
kcase_set(struct kcase *c, const char *clause, enum verdict v,
    const char *detail)
{
	struct result *r = kcase_result(c, clause);

	if (r == NULL) {
		c->res = xrealloc(c->res, (c->nres + 1) * sizeof(*c->res));
		r = &c->res[c->nres++];
		r->clause = xstrdup(clause);
	} else
		free(r->detail);
	r->v = v;
	r->detail = xstrdup(detail ? detail : "");
}

/* Every announced clause without a result gets v / detail; a case that
   announced nothing gets one row with clause "-". */
void
kcase_fill(struct kcase *c, enum verdict v, const char *detail)
{
	size_t i;

	for (i = 0; i < c->clauses.n; i++)
		if (kcase_result(c, c->clauses.v[i]) == NULL)
			kcase_set(c, c->clauses.v[i], v, detail);
	if (c->nres == 0)
		kcase_set(c, "-", v, detail);
}

/* Drops every result whose clause keep() refuses. */
void
kcase_keep(struct kcase *c, int (*keep)(const char *clause))
{
	size_t i, n = 0;

	for (i = 0; i < c->nres; i++) {
		if (keep(c->res[i].clause)) {
			c->res[n++] = c->res[i];
			continue;
		}
		free(c->res[i].clause);
		free(c->res[i].detail);
	}
	c->nres = n;
}
