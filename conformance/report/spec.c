/*
 * spec.c - the clauses of the contract, read through
 * spec/parse-clauses.awk beside the spec, so that the report tool and the
 * checklist generator cannot read the spec's format differently.
 */
#include "rpt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct clause *
get(struct spec *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->c[i].id, id) == 0)
			return &s->c[i];
	return NULL;
}

const struct clause *
spec_find(const struct spec *s, const char *id)
{
	return get((struct spec *)s, id);
}

/* A Test field: does it name a checker verdict that exists today?  The
   operations of "checker:ID@op+op" items go to ops. */
static int
observed(const char *tests, struct strvec *ops)
{
	char *at, *op, *save2;

	char *t = xstrdup(tests), *item, *save = NULL;
	int yes = 0;

	for (item = strtok_r(t, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		while (*item == ' ' || *item == '`')
			item++;
		if (strncmp(item, "checker:", 8) != 0 ||
		    strstr(item, "(planned)") != NULL)
			continue;
		yes = 1;
		if ((at = strchr(item, '@')) == NULL)
			continue;
		at[strcspn(at, " `")] = '\0';
		save2 = NULL;
		for (op = strtok_r(at + 1, "+", &save2); op != NULL;
		    op = strtok_r(NULL, "+", &save2))
			strvec_push(ops, op);
	}
	free(t);
	return yes;
}

static void
field(struct clause *c, const char *name, const char *val)
{
	char *v, *w, *save = NULL;

	if (strcmp(name, "Level") == 0)
		c->level = xstrdup(val);
	else if (strcmp(name, "Checklist") == 0)
		c->question = xstrdup(val);
	else if (strcmp(name, "Test") == 0)
		c->observed = observed(val, &c->ops);
	else if (strcmp(name, "Contexts") == 0) {
		v = xstrdup(val);
		for (w = strtok_r(v, ", `", &save); w != NULL;
		    w = strtok_r(NULL, ", `", &save))
			strvec_push(&c->contexts, w);
		free(v);
	}
}

int
spec_load(const char *path, struct spec *s, char *err, size_t errlen)
{
	char *dir, *slash, *cmd, line[8192], *f[6];
	struct clause *c;
	FILE *p;
	int n, rc;

	memset(s, 0, sizeof(*s));
	if (access(path, R_OK) != 0)
		return errfmt(err, errlen, "%s: %s", path, strerror(errno));
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	cmd = xasprintf("awk -f '%s/parse-clauses.awk' '%s'", dir, path);
	free(dir);
	if ((p = popen(cmd, "r")) == NULL) {
		free(cmd);
		return errfmt(err, errlen, "cannot run awk: %s",
		    strerror(errno));
	}
	while (fgets(line, sizeof(line), p) != NULL) {
		rstrip(line);
		n = tsv_split(line, f, 5);
		if (n >= 4 && strcmp(f[0], "clause") == 0 &&
		    get(s, f[2]) == NULL) {
			s->c = xrealloc(s->c, (s->n + 1) * sizeof(*s->c));
			c = &s->c[s->n++];
			memset(c, 0, sizeof(*c));
			c->id = xstrdup(f[2]);
			c->title = xstrdup(f[3]);
		} else if (n == 5 && strcmp(f[0], "field") == 0 &&
		    (c = get(s, f[2])) != NULL)
			field(c, f[3], f[4]);
	}
	rc = pclose(p);
	if (rc != 0) {
		snprintf(err, errlen, "%s failed (status %d)", cmd, rc);
		free(cmd);
		return -1;
	}
	free(cmd);
	if (s->n == 0)
		return errfmt(err, errlen, "%s: no clauses", path);
	/* A clause the tools cannot place would vanish from the levels. */
	for (c = s->c; c < s->c + s->n; c++)
		if (c->level == NULL || c->question == NULL)
			return errfmt(err, errlen, "%s: clause %s has no %s "
			    "field", path, c->id, c->level == NULL ? "Level" :
			    "Checklist");
	return 0;
}
