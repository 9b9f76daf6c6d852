/*
 * expect.c - the expectations file: findings known and accepted.
 *
 * A line is driver, clause, function, sink, pr, reading (tab-separated;
 * "*" matches anything):
 *   function  the function that calls the sink, or "via:<slot>" for
 *             every chain through that generic dispatch slot
 *   sink      the sink as findings.tsv names it (tsleep, mutex_enter,
 *             dk_start for SC-DKS-3)
 *   pr        the NetBSD PR (kern/34293), or "-"
 *   reading   why it is accepted: a real violation known and filed, a
 *             condition that cannot hold on the strategy path, or why
 *             the chain is false
 * An older five-column line (no pr) is read as driver, clause,
 * function, sink, reading.  No line numbers: an expectation must
 * survive edits elsewhere in the file and hold for both trees.  What is
 * left unmatched is new, and only that makes the exit status non-zero;
 * a matched finding carries "pr: reading" into findings.tsv.
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
	char *text, *line, *next, *f[7];
	const char *pr, *reading;
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
		if ((nf = tsv_split(line, f, 7)) < 5) {
			free(text);
			return errfmt(err, errlen, "%s:%d: want driver, clause, "
			    "function, sink, pr, reading", path, lineno);
		}
		pr = nf >= 6 ? f[4] : "-";
		reading = nf >= 6 ? f[5] : f[4];
		used = 0;
		for (i = 0; i < res->nf; i++)
			if (field_match(f[0], res->f[i].driver) &&
			    field_match(f[1], res->f[i].clause) &&
			    (strncmp(f[2], "via:", 4) == 0 ?
			    res->f[i].via != NULL &&
			    field_match(f[2] + 4, res->f[i].via) :
			    field_match(f[2], res->f[i].where)) &&
			    field_match(f[3], res->f[i].sink)) {
				if (!res->f[i].expected)
					res->f[i].reason = strcmp(pr, "-") == 0 ?
					    xstrdup(reading) :
					    xasprintf("%s: %s", pr, reading);
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
