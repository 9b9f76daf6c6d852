/*
 * expect.c - the expectations file: findings known and accepted.
 *
 * A line is driver, clause, the function that calls the sink, the sink,
 * and the reason (a PR, or why it cannot happen); "*" matches anything.
 * No line numbers: an expectation must survive edits elsewhere in the
 * file and hold for both trees.  What is left unmatched is new, and
 * only that makes the exit status non-zero.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "util.h"

static int
field_match(const char *pat, const char *s)
{

	return strcmp(pat, "*") == 0 || strcmp(pat, s) == 0;
}

int
expect_apply(const char *path, struct lintresult *res, char *err,
    size_t errlen)
{
	char *text, *line, *next, *f[6];
	size_t len, i;
	int nf, lineno = 0, used;

	if ((text = read_file(path, &len)) == NULL)
		return errfmt(err, errlen, "%s: %s", path, strerror(errno));
	for (line = text; *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		rstrip(line);
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((nf = tsv_split(line, f, 6)) < 5) {
			free(text);
			return errfmt(err, errlen, "%s:%d: want driver, clause, "
			    "function, sink, reason", path, lineno);
		}
		used = 0;
		for (i = 0; i < res->nf; i++)
			if (field_match(f[0], res->f[i].driver) &&
			    field_match(f[1], res->f[i].clause) &&
			    field_match(f[2], res->f[i].where) &&
			    field_match(f[3], res->f[i].sink)) {
				res->f[i].expected = 1;
				used = 1;
			}
		if (!used)
			fprintf(stderr, "sc-lint: %s:%d: matches nothing in "
			    "this tree\n", path, lineno);
	}
	free(text);
	return 0;
}
