/*
 * accept.c - the accepted findings (accepted.tsv): one reading per
 * chain.
 *
 * A line is driver, file, root, clause, signature, verdict, read, pr,
 * reading (tab-separated); file is the root's (fd has thirteen):
 *   signature  the chain as findings.tsv's signature column has it: the
 *              calls from the root to the sink, without their file:line
 *              ("vndstrategy -> tsleep"), so that a line holds across
 *              edits elsewhere and names exactly one chain
 *   verdict    real (the chain runs on the strategy path), false (it
 *              cannot: why), cannot (it runs, but a condition the
 *              strategy path never meets guards the sink)
 *   read       chain (this chain was read in the code), or driver (the
 *              reading was written for the driver's chains as a group,
 *              before readings were per chain, and waits for its chain
 *              to be read)
 *   pr         the NetBSD PR (kern/34293), or "-"
 *   reading    the reason, with the code behind it (file:line)
 * A direct chain that no line names is new: findings.tsv says so, it
 * goes to uncovered.tsv (in this format, verdict and reading empty, for
 * the reviewer to fill in), and the exit status is 1.  Chains through
 * generic dispatch (via) are counted apart and not judged here.  A line
 * that names no chain of the tree is reported on stderr.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "util.h"

#define NACCEPT	9

static char *
key_of(const char *driver, const char *file, const char *root,
    const char *clause, const char *sig)
{

	return xasprintf("%s\t%s\t%s\t%s\t%s", driver, file, root, clause,
	    sig);
}

/* The findings' keys, sorted with their indices, for the lookups. */
struct fkey {
	char	*key;
	size_t	 i;
};

static int
cmp_fkey(const void *a, const void *b)
{

	return strcmp(((const struct fkey *)a)->key,
	    ((const struct fkey *)b)->key);
}

static int
bad_line(const char *path, int lineno, char *err, size_t errlen)
{

	return errfmt(err, errlen, "%s:%d: want driver, file, root, clause, "
	    "signature, verdict, read, pr, reading", path, lineno);
}

/* Apply one accepted line to the findings it names. */
static int
accept_line(struct lintresult *res, struct fkey *fk, size_t nfk, char **f)
{
	struct fkey want, *hit;
	size_t lo, i;
	int used = 0;

	want.key = key_of(f[0], f[1], f[2], f[3], f[4]);
	hit = bsearch(&want, fk, nfk, sizeof(*fk), cmp_fkey);
	if (hit != NULL) {
		/* back to the first of equal keys */
		for (lo = hit - fk; lo > 0 && strcmp(fk[lo - 1].key,
		    want.key) == 0; lo--)
			;
		for (i = lo; i < nfk && strcmp(fk[i].key, want.key) == 0;
		    i++) {
			struct finding *x = &res->f[fk[i].i];

			if (!x->expected) {
				x->reason = strcmp(f[7], "-") == 0 ?
				    xstrdup(f[8]) :
				    xasprintf("%s: %s", f[7], f[8]);
				x->verdict = xasprintf("%s/%s", f[5], f[6]);
			}
			x->expected = 1;
			used = 1;
		}
	}
	free(want.key);
	return used;
}

int
accept_apply(const char *path, struct lintresult *res, char *err,
    size_t errlen)
{
	char *text, *line, *next, *f[NACCEPT + 1];
	struct fkey *fk;
	size_t len, i, nfk = 0;
	int nf, lineno = 0;

	if ((text = read_file(path, &len)) == NULL)
		return errfmt(err, errlen, "%s: %s", path, strerror(errno));
	fk = xcalloc(res->nf + 1, sizeof(*fk));
	for (i = 0; i < res->nf; i++)
		if (res->f[i].via == NULL && res->f[i].signature != NULL) {
			fk[nfk].key = key_of(res->f[i].driver,
			    res->f[i].rootfile, res->f[i].root,
			    res->f[i].clause, res->f[i].signature);
			fk[nfk++].i = i;
		}
	qsort(fk, nfk, sizeof(*fk), cmp_fkey);
	for (line = text; *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		rstrip(line);
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((nf = tsv_split(line, f, NACCEPT + 1)) != NACCEPT) {
			for (i = 0; i < nfk; i++)
				free(fk[i].key);
			free(fk);
			free(text);
			return bad_line(path, lineno, err, errlen);
		}
		if (!accept_line(res, fk, nfk, f))
			fprintf(stderr, "sc-lint: %s:%d: names no chain of this "
			    "tree\n", path, lineno);
	}
	for (i = 0; i < nfk; i++)
		free(fk[i].key);
	free(fk);
	free(text);
	return 0;
}
