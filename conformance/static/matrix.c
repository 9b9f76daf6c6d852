/*
 * matrix.c - the cross-check with the dynamic tier: for every driver the
 * checker judged under QEMU (matrix.tsv: kernel device attachment clause
 * context verdict regression note detail), the static findings the run
 * never triggered and the dynamic fails that have no static chain.
 * Neither makes the exit status non-zero: they are disagreements to
 * explain in the report, not verdicts.
 *
 * A device is its driver's name and a unit ("base:wd0" is wd, a wedge
 * "dk-on-cgd0" is dk); a
 * reference disk of the checker ("reference:ref-sleep") is the module's
 * scref driver restricted to the chains whose condition selects its
 * mode (SCREF_SLEEP), since the static tier sees all ten modes in one
 * strategy routine.  Only the clauses both tiers judge are compared.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "unit.h"
#include "util.h"

static const char *const shared[] = { "SC-SLP-1", "SC-SLP-2", "SC-ADV-1" };
#define NSHARED	3

struct dyn {
	char	*kernel, *device, *driver, *mode, *clause;
	int	 judged, failed;	/* rows pass/fail/xfail; fail/xfail */
	char	*detail;		/* of the first fail */
	char	*contexts;		/* where it failed */
};

/*
 * The driver whose source the static tier read, for a unit of matrix.tsv:
 * the unit's driver by the host tools' one rule (unit_driver(): "base:wd0"
 * is wd, "dk-on-cgd0" dk), except that the checker's reference disks
 * ("reference:ref-sleep") are all the module's scref driver, in the mode
 * that selects their behaviour (SCREF_SLEEP).  Named apart from
 * unit_driver() because only the lint sees the ten modes as one driver.
 */
static void
source_driver(const char *dev, char **driver, char **mode)
{
	const char *p = strchr(dev, ':');
	size_t n;
	char *m;

	p = p ? p + 1 : dev;
	if (strncmp(p, "ref-", 4) == 0) {
		*driver = xstrdup("scref");
		m = xasprintf("SCREF_%s", p + 4);
		for (n = 0; m[n] != '\0'; n++)
			m[n] = m[n] == '-' ? '_' :
			    (char)toupper((unsigned char)m[n]);
		*mode = m;
		return;
	}
	*driver = unit_driver(dev);
	*mode = NULL;
}

/* Whether text names the mode as a word (SCREF_QFULL, not SCREF_Q). */
static int
has_mode(const char *text, const char *mode)
{
	const char *p;
	size_t n = strlen(mode);

	for (p = text; (p = strstr(p, mode)) != NULL; p += n)
		if (!isalnum((unsigned char)p[n]) && p[n] != '_')
			return 1;
	return 0;
}

static int
shared_clause(const char *c)
{
	int i;

	for (i = 0; i < NSHARED; i++)
		if (strcmp(c, shared[i]) == 0)
			return 1;
	return 0;
}

static int
cmpdyn(const void *a, const void *b)
{
	const struct dyn *x = a, *y = b;
	int c;

	if ((c = strcmp(x->kernel, y->kernel)) != 0)
		return c;
	if ((c = strcmp(x->device, y->device)) != 0)
		return c;
	return strcmp(x->clause, y->clause);
}

int
matrix_check(const char *path, const char *outdir,
    const struct lintresult *res, FILE *tty, char *err, size_t errlen)
{
	char *text, *line, *next, *f[10], *p;
	struct dyn *d = NULL, *x;
	size_t nd = 0, cap = 0, len, i, j, nstat, ncond, nvia, ndis = 0;
	size_t nabsent = 0;
	const struct finding *fi, *first;
	FILE *out;
	int nf, lineno = 0, judged, failed;

	if ((text = read_file(path, &len)) == NULL)
		return errfmt(err, errlen, "%s: %s", path, strerror(errno));
	for (line = text; *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		rstrip(line);
		if (line[0] == '\0' || line[0] == '#' ||
		    strncmp(line, "kernel\t", 7) == 0)
			continue;
		if ((nf = tsv_split(line, f, 10)) < 6) {
			free(text);
			return errfmt(err, errlen, "%s:%d: want kernel, device, "
			    "attachment, clause, context, verdict, ...", path,
			    lineno);
		}
		if (!shared_clause(f[3]))
			continue;
		judged = strcmp(f[5], "pass") == 0 ||
		    strcmp(f[5], "fail") == 0 || strcmp(f[5], "xfail") == 0;
		failed = strcmp(f[5], "fail") == 0 || strcmp(f[5], "xfail") == 0;
		for (i = 0; i < nd; i++)
			if (strcmp(d[i].kernel, f[0]) == 0 &&
			    strcmp(d[i].device, f[1]) == 0 &&
			    strcmp(d[i].clause, f[3]) == 0)
				break;
		if (i == nd) {
			if (nd == cap) {
				cap = cap ? cap * 2 : 64;
				d = xrealloc(d, cap * sizeof(*d));
			}
			memset(&d[nd], 0, sizeof(d[nd]));
			d[nd].kernel = xstrdup(f[0]);
			d[nd].device = xstrdup(f[1]);
			d[nd].clause = xstrdup(f[3]);
			source_driver(f[1], &d[nd].driver, &d[nd].mode);
			d[nd].contexts = xstrdup("");
			nd++;
		}
		x = &d[i];
		x->judged |= judged;
		if (failed) {
			x->failed = 1;
			if (x->detail == NULL)
				x->detail = xstrdup(nf > 8 ? f[8] : f[5]);
			p = xasprintf("%s%s%s", x->contexts,
			    x->contexts[0] ? "," : "", f[4]);
			free(x->contexts);
			x->contexts = p;
		}
	}
	free(text);
	qsort(d, nd, sizeof(*d), cmpdyn);

	if ((out = wopen("sc-lint", p = xasprintf("%s/disagreements.tsv",
	    outdir))) == NULL) {
		free(p);
		return errfmt(err, errlen, "cannot write disagreements.tsv");
	}
	fprintf(out, "kernel\tdevice\tdriver\tclause\tdisagreement\tstatic\t"
	    "dynamic\tto explain\n");
	if (tty != NULL)
		fprintf(tty, "\nCross-check with %s (clauses both tiers "
		    "judge):\n%-10s %-22s %-9s %-16s %s\n", path, "kernel",
		    "device", "clause", "disagreement", "to explain");
	for (i = 0; i < nd; i++) {
		x = &d[i];
		if (!x->judged)
			continue;
		/* a driver with no root in this tree (the module's own
		 * reference disks, unless their source was given) */
		for (j = 0; j < res->nr; j++)
			if (strcmp(res->r[j].driver, x->driver) == 0)
				break;
		if (j == res->nr) {
			nabsent++;
			continue;
		}
		nstat = ncond = nvia = 0;
		first = NULL;
		for (j = 0; j < res->nf; j++) {
			fi = &res->f[j];
			if (strcmp(fi->driver, x->driver) != 0 ||
			    strcmp(fi->clause, x->clause) != 0 ||
			    (x->mode != NULL && !has_mode(fi->condition,
			    x->mode)))
				continue;
			nstat++;
			if (fi->condition[0] != '\0')
				ncond++;
			if (fi->via != NULL)
				nvia++;
			/* the one to read: direct before via, unconditional
			 * before conditional, then the shortest */
			if (first == NULL ||
			    (first->via != NULL) > (fi->via != NULL) ||
			    ((first->via != NULL) == (fi->via != NULL) &&
			    ((first->condition[0] != '\0') >
			    (fi->condition[0] != '\0') ||
			    ((first->condition[0] != '\0') ==
			    (fi->condition[0] != '\0') &&
			    strlen(fi->chain) < strlen(first->chain)))))
				first = fi;
		}
		if (nstat > 0 && !x->failed) {
			const char *why = nvia == nstat ?
			    "every chain goes through generic dispatch: "
			    "is that implementation attached?" :
			    ncond == nstat ? "every chain is conditional: "
			    "did the run meet the condition?" :
			    "an unconditional direct chain the run did not "
			    "take: read it";

			fprintf(out, "%s\t%s\t%s\t%s\tstatic only\t%zu chains "
			    "(%zu conditional, %zu via); %s%s%s\tpass\t%s\n",
			    x->kernel, x->device, x->driver, x->clause, nstat,
			    ncond, nvia, first->chain,
			    first->condition[0] ? " ; when " : "",
			    first->condition, why);
			if (tty != NULL)
				fprintf(tty, "%-10s %-22s %-9s %-16s %s\n",
				    x->kernel, x->device, x->clause,
				    "static only", why);
			ndis++;
		} else if (nstat == 0 && x->failed) {
			const char *why = "no chain from the strategy "
			    "routine: a sink sleepers.tsv lacks, a call "
			    "the tool does not resolve, or a fault below";

			fprintf(out, "%s\t%s\t%s\t%s\tdynamic only\t-\t%s: "
			    "%s\t%s\n", x->kernel, x->device, x->driver,
			    x->clause, x->contexts, x->detail ? x->detail : "",
			    why);
			if (tty != NULL)
				fprintf(tty, "%-10s %-22s %-9s %-16s %s\n",
				    x->kernel, x->device, x->clause,
				    "dynamic only", x->detail ? x->detail : "");
			ndis++;
		}
	}
	if (tty != NULL)
		fprintf(tty, "%zu disagreements (disagreements.tsv); %zu device "
		    "clauses of drivers this tree has no root for\n", ndis,
		    nabsent);
	free(p);
	for (i = 0; i < nd; i++) {
		free(d[i].kernel);
		free(d[i].device);
		free(d[i].driver);
		free(d[i].mode);
		free(d[i].clause);
		free(d[i].detail);
		free(d[i].contexts);
	}
	free(d);
	return wclose("sc-lint", out, "disagreements.tsv") == 0 ? 0 :
	    errfmt(err, errlen, "disagreements.tsv: write error");
}
