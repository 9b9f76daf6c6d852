/*
 * results.c - the files a run writes besides the matrix: a profile's
 * cases.tsv, devices.tsv, checker.txt, error.txt and timing.tsv, and the
 * kernel's run.tsv (what was run, for the reports and for merging
 * shards).  conformance/README describes them.
 */
#include "runner.h"
#include "detectors.h"
#include "kversion.h"
#include "rows.h"

#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The kernel a replayed console came from: the checker's header says
 * "built-for=N", and the version check made sure that is the kernel's.
 */
static void
release_from_header(const struct session *s, struct kernel_facts *k)
{
	const char *p;

	if (k->version > 0 || s->header == NULL ||
	    (p = strstr(s->header, "built-for=")) == NULL)
		return;
	k->version = strtol(p + 10, NULL, 10);
	release_of(k->version, k->release, sizeof(k->release));
}

int
write_session(const struct session *s, const char *dir,
    struct kernel_facts *k)
{
	struct row *rows;
	size_t n = session_rows(s, &rows);
	char *p1 = xasprintf("%s/cases.tsv", dir);
	char *p2 = xasprintf("%s/devices.tsv", dir);
	int rv = 0;

	release_from_header(s, k);
	if (s->header != NULL) {
		char *p3 = xasprintf("%s/checker.txt", dir);
		FILE *fp = fopen(p3, "w");
		if (fp != NULL) {
			fprintf(fp, "%s\n", s->header);
			fclose(fp);
		}
		free(p3);
	}
	if (rows_write(p1, k->release, rows, n) == -1 ||
	    devices_write(p2, k->release, s->devs, s->ndevs) == -1)
		rv = -1;
	rows_free(rows, n);
	free(p1);
	free(p2);
	return rv;
}

void
write_error(const char *dir, const char *msg)
{
	char *path = xasprintf("%s/error.txt", dir);
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fprintf(fp, "%s\n", msg);
		fclose(fp);
	}
	free(path);
}

/* timing.tsv, and where the time went on stderr. */
void
write_timing(const struct profile *p, const char *dir,
    const struct timing *t)
{
	char *path = xasprintf("%s/timing.tsv", dir), from[64] = "";
	char keep[64] = "";
	/* A profile's later machines (autoconfiguration never ended on
	   the first) add their rows to the first's. */
	FILE *fp = fopen(path, t->machine > 0 ? "a" : "w");
	double cases = t->cases_s - t->wait_s;

	if (fp != NULL) {
		if (t->machine == 0)
			fprintf(fp, "profile\tmode\tboots\trestores\tboot_s\t"
			    "restore_s\tsave_s\tcases_s\twait_s\ttotal_s\t"
			    "cached\tkeep_s\n");
		fprintf(fp, "%s\t%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t"
		    "%.1f\t%d\t%.1f\n", p->name, t->restores > 0 ||
		    t->saves > 0 ? "resumed" : "cold", t->boots, t->restores,
		    t->boot_s, t->restore_s, t->save_s, cases, t->wait_s,
		    t->total_s, t->cached, t->keep_s);
		fclose(fp);
	}
	free(path);
	if (t->cached > 0)
		snprintf(from, sizeof(from), "%d from the cache, ", t->cached);
	if (t->keep_s > 0)
		snprintf(keep, sizeof(keep), ", kept in the cache in %.1f s",
		    t->keep_s);
	fprintf(stderr, "[%s] time: %d boot%s (%.1f s each), %d restore%s "
	    "(%s%.2f s each, save %.1f s%s), cases %.1f s, waiting for "
	    "hangs and the end of boots %.1f s, total %.1f s\n", p->name,
	    t->boots, t->boots == 1 ? "" : "s", t->boots ? t->boot_s /
	    t->boots : 0, t->restores, t->restores == 1 ? "" : "s", from,
	    t->restores ? t->restore_s / t->restores : 0, t->save_s,
	    keep, cases, t->wait_s,
	    t->total_s);
}

/*
 * The accelerator QEMU will take from a profile's list: it uses the
 * first that works, and kvm and nvmm work where their device opens.
 */
static const char *
accel_of(const struct profile *p, char *buf, size_t len)
{
	char *acc = xstrdup(p->accel), *a;
	int fd;

	snprintf(buf, len, "tcg");
	for (a = strtok(acc, ":"); a != NULL; a = strtok(NULL, ":")) {
		const char *dev = strcmp(a, "kvm") == 0 ? "/dev/kvm" :
		    strcmp(a, "nvmm") == 0 ? "/dev/nvmm" : NULL;
		if (dev != NULL && (fd = open(dev, O_RDWR)) == -1)
			continue;
		if (dev != NULL)
			close(fd);
		snprintf(buf, len, "%s", a);
		break;
	}
	free(acc);
	return buf;
}

/* The checker's version, from the header a profile's boots printed. */
static long
checker_version(const char *outdir, char **names, size_t n)
{
	char *path, *buf, *p;
	long v = 0;
	size_t i;

	for (i = 0; i < n && v == 0; i++) {
		path = xasprintf("%s/%s/checker.txt", outdir, names[i]);
		if ((buf = read_file(path, NULL)) != NULL &&
		    (p = strstr(buf, "version=")) != NULL)
			v = strtol(p + 8, NULL, 10);
		free(buf);
		free(path);
	}
	return v;
}

/* run.tsv's "incomplete": every profile that failed, with its reason
   (its error.txt), "profile: reason; ..."; "-" when none did. */
static void
write_incomplete(FILE *fp, const char *outdir, char **names, size_t n)
{
	char *path, *why, *clean;
	size_t i;
	int any = 0;

	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s/error.txt", outdir, names[i]);
		why = read_file(path, NULL);
		free(path);
		if (why == NULL)
			continue;
		rstrip(why);
		clean = tsv_clean(why);
		fprintf(fp, "%s%s: %s", any++ ? "; " : "", names[i], clean);
		free(clean);
		free(why);
	}
	if (!any)
		fputs("-", fp);
}

/* run.tsv: what was run, for the reports and for merging shards.
   Partial: a selection the user made (-D, -C); incomplete: a profile
   that could not run to its end. */
void
write_run(const struct options *o, const struct kernel_facts *k,
    const struct profile *profs, char **names, size_t n, const char *started,
    int partial)
{
	char *path = xasprintf("%s/run.tsv", o->outdir), acc[16], det[64];
	FILE *fp = fopen(path, "w");
	size_t i;

	if (fp == NULL) {
		fprintf(stderr, "strategy-run: %s: %s\n", path,
		    strerror(errno));
		free(path);
		return;
	}
	fprintf(fp, "kernel\t%s\nversion\t%ld\nchecker\t%ld\nprofiles\t",
	    k->release, k->version, checker_version(o->outdir, names, n));
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%s", i ? " " : "", names[i]);
	fprintf(fp, "\ndetectors\t%s", detectors_name(k->detectors, det,
	    sizeof(det)));
	fprintf(fp, "\ndetectors_guest\t%s", detectors_name(k->guestdet, det,
	    sizeof(det)));
	fprintf(fp, "\npartial\t%s\nincomplete\t", partial ? "yes" : "no");
	write_incomplete(fp, o->outdir, names, n);
	fprintf(fp, "\ndevices\t%s\ncontexts\t%s\n"
	    "started\t%s\naccel\t%s\n",
	    o->devices ? o->devices : "*", o->contexts ? o->contexts : "*",
	    started, n > 0 && profs != NULL ? accel_of(&profs[0], acc,
	    sizeof(acc)) : "-");
	fclose(fp);
	free(path);
}
