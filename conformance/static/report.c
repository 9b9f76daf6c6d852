/*
 * report.c - what a run leaves behind: findings.tsv (one line per chain,
 * to be joined with the dynamic tier's matrix on driver and clause),
 * drivers.tsv (one line per root), tus.tsv (the translation units that
 * did not parse cleanly) and the table on the terminal.
 *
 * The clause counts are of direct chains; a chain through generic
 * dispatch (its "via" column names the slot) is counted apart, in
 * "via", because whether it runs depends on which implementation the
 * instance has: a reviewer reads the direct ones first.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "util.h"

static const char *const clauses[] = {
	"SC-SLP-1", "SC-SLP-2", "SC-ADV-1", "SC-DKS-3"
};
#define NCLAUSE	4
#define NVIA	NCLAUSE		/* n[NVIA]: chains via generic dispatch */

static void
count(const struct lintresult *res, const struct rootrow *r, size_t *n,
    size_t *unres, size_t *fresh)
{
	size_t i, c;

	memset(n, 0, (NCLAUSE + 1) * sizeof(*n));
	*unres = *fresh = 0;
	for (i = r->ffirst; i < r->fend; i++) {
		if (strcmp(res->f[i].kind, "unresolved") == 0) {
			(*unres)++;
			continue;
		}
		if (res->f[i].via != NULL)
			n[NVIA]++;
		else
			for (c = 0; c < NCLAUSE; c++)
				if (strcmp(res->f[i].clause, clauses[c]) == 0)
					n[c]++;
		if (!res->f[i].expected && res->f[i].via == NULL)
			(*fresh)++;
	}
}

static const char *
status(const struct rootrow *r, const size_t *n, size_t fresh)
{
	size_t c, tot = 0;

	if (!r->built)
		return "not-built";
	if (!r->resolved)
		return "no-definition";
	for (c = 0; c <= NCLAUSE; c++)
		tot += n[c];
	if (tot == 0)
		return "clean";
	return fresh > 0 ? "new" : "expected";
}

/* new: a direct chain no reading names; expected; via: counted apart */
static const char *
finding_status(const struct finding *x)
{

	if (strcmp(x->kind, "unresolved") == 0)
		return "-";
	if (x->via != NULL)
		return "via";
	return x->expected ? "expected" : "new";
}

static FILE *
open_out(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	if (f == NULL)
		fprintf(stderr, "sc-lint: %s: %s\n", p, strerror(errno));
	free(p);
	return f;
}

int
report_write(const char *dir, const struct lintresult *res, FILE *tty)
{
	FILE *f, *d, *t, *u;
	size_t i, c, n[NCLAUSE + 1], tot[NCLAUSE + 1] = { 0 }, unres, fresh;
	size_t nclean = 0;
	size_t nnew = 0, nbad = 0;
	const struct finding *x;
	const struct rootrow *r;

	if ((f = open_out(dir, "findings.tsv")) == NULL ||
	    (d = open_out(dir, "drivers.tsv")) == NULL ||
	    (t = open_out(dir, "tus.tsv")) == NULL ||
	    (u = open_out(dir, "uncovered.tsv")) == NULL)
		return -1;
	fprintf(f, "driver\troot\tclause\tkind\tchain\tcondition\tsink\t"
	    "function\tfile\tstatus\tvia\treading\tsignature\tverdict\n");
	fprintf(u, "# The direct chains no line of accepted.tsv reads: fill in\n"
	    "# verdict, read (chain), pr and reading, and add them there.\n");
	for (i = 0; i < res->nf; i++) {
		x = &res->f[i];
		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t"
		    "%s\t%s\n", x->driver, x->root, x->clause, x->kind,
		    x->chain, x->condition, x->sink, x->where, x->rootfile,
		    finding_status(x), x->via ? x->via : "-",
		    x->reason ? x->reason : "-", x->signature,
		    x->verdict ? x->verdict : "-");
		if (strcmp(finding_status(x), "new") == 0)
			fprintf(u, "%s\t%s\t%s\t%s\t%s\t\tchain\t-\t\n",
			    x->driver, x->rootfile, x->root, x->clause,
			    x->signature);
	}
	fprintf(d, "driver\troot\tfile\treached\tfiles\tSC-SLP-1\tSC-SLP-2\t"
	    "SC-ADV-1\tSC-DKS-3\tvia\tunresolved\tstatus\tdks3\tport\t"
	    "cfiles\tclean\n");
	if (tty != NULL)
		fprintf(tty, "%-10s %-20s %6s %6s %6s %6s %6s %6s  %s\n",
		    "driver", "root", "SLP-1", "SLP-2", "ADV-1", "DKS-3", "via",
		    "unres", "status");
	for (i = 0; i < res->nr; i++) {
		r = &res->r[i];
		count(res, r, n, &unres, &fresh);
		fprintf(d, "%s\t%s\t%s\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t"
		    "%zu\t%s\t%s\t%s\t%zu\t%zu\n", r->driver, r->root,
		    r->file, r->reached, r->nfiles, n[0], n[1], n[2], n[3],
		    n[NVIA], unres, status(r, n, fresh),
		    r->dks3 ? r->dks3 : "-", r->port ? r->port : "-",
		    r->ncfiles, r->nclean);
		if (tty != NULL)
			fprintf(tty, "%-10s %-20s %6zu %6zu %6zu %6zu %6zu %6zu  "
			    "%s\n", r->driver, r->root, n[0], n[1], n[2], n[3],
			    n[NVIA], unres, status(r, n, fresh));
		for (c = 0; c <= NCLAUSE; c++)
			tot[c] += n[c];
		if (strcmp(status(r, n, fresh), "clean") == 0)
			nclean++;
		nnew += fresh;
	}
	fprintf(t, "file\terrors\tfirst error\n");
	for (i = 0; i < res->nt; i++)
		if (res->t[i].nerr != 0) {
			fprintf(t, "%s\t%d\t%s\n", res->t[i].file,
			    res->t[i].nerr, res->t[i].first);
			nbad++;
		}
	if (tty != NULL)
		fprintf(tty, "%zu roots, %zu clean; direct findings: SC-SLP-1 "
		    "%zu, SC-SLP-2 %zu, SC-ADV-1 %zu, SC-DKS-3 %zu; via generic "
		    "dispatch %zu; %zu new\n"
		    "%zu TUs, %zu with parse errors (tus.tsv), %zu functions\n",
		    res->nr, nclean, tot[0], tot[1], tot[2], tot[3], tot[NVIA],
		    nnew, res->nt, nbad, res->nfunc);
	if (fclose(f) != 0 || fclose(d) != 0 || fclose(t) != 0 ||
	    fclose(u) != 0) {
		fprintf(stderr, "sc-lint: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return (int)(nnew > 0);
}
