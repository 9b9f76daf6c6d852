/*
 * strategy-report - the reports of a conformance run, from its result
 * files alone: nothing is measured again.
 *
 *	strategy-report -s spec/strategy-contract.md -o outdir dir...
 *
 * Each dir is a results/<run>/ directory (or one <kernel>/ directory of
 * one); several are the shards of one run, made on different machines,
 * merged into one set of reports.  Writes outdir/report.html,
 * report.md, junit.xml and review/<driver>.md (and, where the static
 * tier's results are there too, disagreements.tsv), and prints the
 * level of every driver on every kernel.  Exits 2, writing nothing, when the
 * shards disagree or a file is not in the result format.
 */
#include "rpt.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fputs("usage: strategy-report -s spec.md -o outdir resultdir...\n",
	    stderr);
	exit(2);
}

/* Every report into outdir: 0, 1 when one could not be written, 2 when
   the review directory cannot be made. */
static int
write_all(const char *outdir, const struct spec *s, const struct results *r)
{
	char *path = xasprintf("%s/review", outdir);
	int rc = 0;

	if (mkdirs(path) == -1) {
		fprintf(stderr, "strategy-report: cannot create %s\n", path);
		free(path);
		return 2;
	}
	rc |= write_review(path, s, r);
	free(path);
#define WRITE(name, fn) path = xasprintf("%s/%s", outdir, name); \
	rc |= fn; free(path)
	WRITE("report.html", write_html(path, s, r));
	WRITE("report.md", write_md(path, s, r));
	WRITE("junit.xml", write_junit(path, r));
	if (r->have_findings) {
		WRITE("disagreements.tsv", write_disagreements(path, r));
	}
#undef WRITE
	return rc != 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
	const char *specpath = NULL, *outdir = NULL;
	struct results r;
	struct spec s;
	struct level lv;
	char err[4096];
	size_t k, d, w = 12;
	int ch, rc = 0;

	while ((ch = getopt(argc, argv, "s:o:")) != -1)
		switch (ch) {
		case 's': specpath = optarg; break;
		case 'o': outdir = optarg; break;
		default: usage();
		}
	argc -= optind;
	argv += optind;
	if (specpath == NULL || outdir == NULL || argc == 0)
		usage();
	if (spec_load(specpath, &s, err, sizeof(err)) == -1 ||
	    results_load(&r, argv, (size_t)argc, err, sizeof(err)) == -1) {
		fprintf(stderr, "strategy-report: %s\n", err);
		return 2;
	}
	if ((rc = write_all(outdir, &s, &r)) != 0)
		return rc;
	for (d = 0; d < r.drivers.n; d++)
		if (strlen(r.drivers.v[d]) > w)
			w = strlen(r.drivers.v[d]);
	for (k = 0; k < r.nk; k++) {
		printf("kernel %s (%s)", r.k[k].release, r.k[k].version);
		if (strcmp(r.k[k].partial, "yes") == 0)
			printf(", partial run (devices %s, contexts %s)",
			    r.k[k].devices, r.k[k].contexts);
		if (strcmp(r.k[k].incomplete, "-") != 0)
			printf(", incomplete (%s)", r.k[k].incomplete);
		printf(":\n");
		for (d = 0; d < r.drivers.n; d++) {
			struct strvec att = { 0 };
			char *by;
			size_t a;

			driver_level(&s, &r, k, r.drivers.v[d], &lv, &by);
			if (lv.l != L_NOTRUN) {
				printf("  %-*s %s", (int)w, r.drivers.v[d],
				    level_text(&lv));
				if (by != NULL)
					printf(" (set by %s)", by);
				printf("\n");
				attachment_levels(&s, &r, k, r.drivers.v[d],
				    &att);
				for (a = 0; a < att.n; a++)
					printf("  %-*s   %s\n", (int)w, "",
					    att.v[a]);
				strvec_free(&att);
			}
			free(by);
			level_free(&lv);
		}
	}
	printf("reports: %s/report.html report.md junit.xml review/\n",
	    outdir);
	return 0;
}
