/*
 * merge.c - the profiles' results of one kernel merged and judged: the
 * detectors the kernel has (a pass that rests on one it lacks is no
 * pass), the expectations applied, matrix.tsv of the kernel written
 * (each profile's cases.tsv stays the guest's verdicts, as it ran), the table and the tally printed, and the exit status.
 * Also strategy-run judge, which does the same again for a run already
 * made.
 */
#include "runner.h"
#include "detectors.h"
#include "rows.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the kernel can detect, said once: the verdicts rest on it. */
void
kernel_detectors(const char *kernel, struct kernel_facts *k)
{
	const char *how;
	char buf[64];

	k->detectors = detectors_of_kernel(kernel, &how);
	fprintf(stderr, "strategy-run: kernel detectors: %s (from its %s)\n",
	    detectors_name(k->detectors, buf, sizeof(buf)), how);
}

/*
 * What the guest confirmed: the checker's header says which detectors
 * the kernel that booted has in its symbol table (detectors=, in each
 * profile's checker.txt).  The file's reading stands where the guest
 * cannot see (DIAGNOSTIC, DEBUG); where the two disagree on one the
 * guest can see, the kernel that ran is right, and the run says so.
 */
void
confirm_detectors(const char *outdir, char **names, size_t n,
    struct kernel_facts *k)
{
	const int seen = DET_LOCKDEBUG | DET_DDB;
	char *path, *buf, *p, b1[64], b2[64], b3[64];
	size_t i;
	int g;

	k->guestdet = DET_UNKNOWN;
	for (i = 0; i < n && k->guestdet == DET_UNKNOWN; i++) {
		path = xasprintf("%s/%s/checker.txt", outdir, names[i]);
		if ((buf = read_file(path, NULL)) != NULL &&
		    (p = strstr(buf, " detectors=")) != NULL) {
			p[11 + strcspn(p + 11, " \n")] = '\0';
			k->guestdet = strcmp(p + 11, "none") == 0 ? 0 :
			    detectors_parse(p + 11);
		}
		free(buf);
		free(path);
	}
	if (k->guestdet == DET_UNKNOWN || k->detectors == DET_UNKNOWN)
		return;
	if ((k->detectors & seen) == (k->guestdet & seen))
		return;
	g = (k->detectors & ~seen) | (k->guestdet & seen);
	fprintf(stderr, "strategy-run: the kernel file reads %s, but the "
	    "kernel that booted has %s in its symbols: taken as %s\n",
	    detectors_name(k->detectors, b1, sizeof(b1)),
	    detectors_name(k->guestdet & seen, b2, sizeof(b2)),
	    detectors_name(g, b3, sizeof(b3)));
	k->detectors = g;
}

/*
 * A pass that rests on a detector the kernel lacks establishes nothing:
 * it becomes a skip that says so, and is no regression where a pass
 * was expected (spec/detectors.tsv).
 */
static void
undetectable_passes(int detectors, struct mrow *m, size_t nm)
{
	struct detector_table t;
	const struct detector_need *d;
	char err[512], *path, *dir = selfdir(), *det;
	size_t i;
	long n = 0;

	if (detectors == DET_UNKNOWN)
		return;
	path = xasprintf("%s/../../spec/detectors.tsv", dir);
	free(dir);
	if (detector_table_load(path, &t, err, sizeof(err)) == -1)
		die2("%s", err);
	free(path);
	for (i = 0; i < nm; i++) {
		if (m[i].v != V_PASS || (d = detector_missing(&t,
		    detectors, m[i].clause, m[i].context)) == NULL)
			continue;
		det = xasprintf("not established: the kernel lacks %s (%s "
		    "passes unseen without it): %s", detector_name(
		    d->detector), d->unseen, m[i].detail);
		free(m[i].detail);
		m[i].detail = det;
		m[i].v = V_SKIP;
		m[i].undetectable = 1;
		n++;
	}
	if (n > 0)
		printf("run: %ld pass%s not established: the kernel lacks a "
		    "detector they rest on (spec/detectors.tsv)\n", n,
		    n == 1 ? "" : "es");
	detector_table_free(&t);
}

/*
 * SC-DKS-4 judges d_diskstart in the driver's completion interrupt,
 * whatever context the case called the strategy routine from, and a
 * case sees that only when its burst queued bufs behind one in flight.
 * In softint that depends on how fast the emulated controller
 * completes (wd1 on ahci: no completion call in one run, 61 in the
 * next); the hardintr burst, issued with the controller's interrupt
 * masked, queues them every time.  So the clause is one verdict per
 * device: a fail in any context, else a pass in any; each context's
 * cell that saw nothing or passed carries it, with where it was seen.
 */
static void
device_wide_dks4(struct mrow *m, size_t nm)
{
	size_t i, j, *src = xcalloc(nm ? nm : 1, sizeof(*src));
	char *d;

	/* The source of each cell's device, from the verdicts as seen. */
	for (i = 0; i < nm; i++) {
		src[i] = nm;
		if (strcmp(m[i].clause, "SC-DKS-4") != 0)
			continue;
		for (j = 0; j < nm; j++)
			if (strcmp(m[j].clause, "SC-DKS-4") == 0 &&
			    strcmp(m[j].device, m[i].device) == 0 &&
			    (m[j].v == V_FAIL || (m[j].v == V_PASS &&
			    src[i] == nm))) {
				src[i] = j;
				if (m[j].v == V_FAIL)
					break;
			}
	}
	/* A source keeps its verdict, so it is never rewritten. */
	for (i = 0; i < nm; i++) {
		j = src[i];
		if (j == nm || m[i].v == m[j].v ||
		    (m[i].v != V_SKIP && m[i].v != V_PASS))
			continue;
		d = xasprintf("seen in %s, %s", m[j].context,
		    m[j].detail != NULL ? m[j].detail : "");
		free(m[i].detail);
		m[i].detail = d;
		m[i].v = m[j].v;
	}
	free(src);
}

/* Merge the profiles' results, apply expectations, write and print. */
int
merge_report(const char *outdir, const struct kernel_facts *k,
    char **names, size_t n, const struct expects *x0, int failed)
{
	struct expects x1 = *x0, *x = &x1;
	struct row *rows = NULL;
	struct kdevice *devs = NULL;
	struct mrow *m;
	struct tally t;
	size_t nrows = 0, ndevs = 0, nm, i;
	char *path;
	int rv = 0;

	/* One profile: its units carry no "profile:" for the lines that
	   name it to match. */
	x->profile = n == 1 ? names[0] : NULL;
	for (i = 0; i < n; i++) {
		const char *pre = n > 1 ? names[i] : NULL;
		path = xasprintf("%s/%s/cases.tsv", outdir, names[i]);
		if (access(path, R_OK) == 0 &&
		    rows_read(path, pre, &rows, &nrows) == -1)
			rv = 1;
		free(path);
		path = xasprintf("%s/%s/devices.tsv", outdir, names[i]);
		devices_read(path, pre, &devs, &ndevs);
		free(path);
	}
	nm = matrix_build(rows, nrows, devs, ndevs, &m);
	device_wide_dks4(m, nm);
	undetectable_passes(k->detectors, m, nm);
	matrix_apply(x, m, nm, &t);
	path = xasprintf("%s/matrix.tsv", outdir);
	if (matrix_write(path, k->release, m, nm) == -1)
		rv = 1;
	free(path);
	matrix_print(stdout, m, nm);
	if (failed) {
		printf("run: %d profile%s did not complete:\n", failed,
		    failed == 1 ? "" : "s");
		for (i = 0; i < n; i++) {
			char *why;

			path = xasprintf("%s/%s/error.txt", outdir, names[i]);
			why = read_file(path, NULL);
			if (why != NULL) {
				rstrip(why);
				printf("  %s: %s\n", names[i], why);
				free(why);
			}
			free(path);
		}
	}
	tally_print(stdout, &t, failed || nm == 0);
	if (t.unexpected_fail || t.unexpected_pass || t.unexpected_skip ||
	    t.broken || failed ||
	    nm == 0)
		rv = 1;
	rows_free(rows, nrows);
	matrix_free(m, nm);
	for (i = 0; i < ndevs; i++) {
		free(devs[i].name);
		free(devs[i].attach);
		free(devs[i].row);
	}
	free(devs);
	return rv;
}

/*
 * judge: a kernel's results judged again against the expectations given,
 * from the profiles' own cases.tsv and devices.tsv (the guest's verdicts,
 * which no expectation changes): matrix.tsv and the table.
 */
int
rejudge(const char *dir, struct expects *x)
{
	char *path = xasprintf("%s/run.tsv", dir), *buf, *line, *next, *tab;
	struct strvec names = { 0 };
	struct kernel_facts k = { .release = "unknown",
	    .detectors = DET_UNKNOWN, .guestdet = DET_UNKNOWN };
	int rv, failed = 0;
	size_t i;

	if ((buf = read_file(path, NULL)) == NULL)
		die2("%s: %s", path, strerror(errno));
	for (line = buf; line != NULL && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab++ = '\0';
		if (strcmp(line, "kernel") == 0)
			snprintf(k.release, sizeof(k.release), "%s", tab);
		else if (strcmp(line, "version") == 0)
			k.version = strtol(tab, NULL, 10);
		else if (strcmp(line, "detectors") == 0)
			k.detectors = detectors_parse(tab);
		else if (strcmp(line, "profiles") == 0) {
			char *t;
			for (t = strtok(tab, " "); t != NULL;
			    t = strtok(NULL, " "))
				strvec_push(&names, t);
		}
	}
	free(buf);
	free(path);
	if (names.n == 0)
		die2("%s/run.tsv names no profile", dir);
	for (i = 0; i < names.n; i++) {
		path = xasprintf("%s/%s/error.txt", dir, names.v[i]);
		failed += access(path, R_OK) == 0;
		free(path);
	}
	x->kversion = k.version;
	rv = merge_report(dir, &k, names.v, names.n, x, failed);
	strvec_free(&names);
	expects_free(x);
	return rv;
}
