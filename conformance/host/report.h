/*
 * report.h - from result rows to the device x clause x context matrix,
 * expectations, and the files and table of a run.
 *
 * cases.tsv    kernel device context op clause verdict detail
 *              (one per subtest, a profile's: the guest's verdicts, no
 *              expectation applied)
 * devices.tsv  kernel device attachment
 * matrix.tsv   kernel device attachment clause context verdict regression
 *              note detail
 *              (one per device, context, clause; worst over the ops
 *              in verdict_rank()'s order: fail > broken > pass >
 *              skip; detail "<op>: ..." of the op that decided;
 *              regression "-" or unexpected-fail, unexpected-pass,
 *              unexpected-skip; note the expectation's)
 * expected.tsv device context clause kernels expected note
 *              ("*" matches any device, context, clause or kernel;
 *              kernels is a list of versions and ranges, "7.99.4",
 *              "10.99.0-", "-9.99.99", "799000400-999999999"; "#"
 *              comments; the first matching line wins; absent = expected
 *              pass)
 * The kernel column holds the kernel's release, e.g. 10.99.12; files
 * without it (older runs) are read as well.
 */
#ifndef STRATEGY9_REPORT_H
#define STRATEGY9_REPORT_H

#include <stdio.h>
#include "session.h"

struct expect {
	char *device, *context, *clause, *kernels, *note;
	enum verdict v;
	int artefact;	/* "artefact": a fail the emulator explains, not
			   the driver; it decides no level */
};

struct expects {
	struct expect *e;
	size_t n;
	long kversion;	/* __NetBSD_Version__ of the kernel judged; 0:
			   unknown, only lines for every kernel apply */
	const char *profile;	/* the run's one profile, whose units and
				   rows carry no "profile:"; NULL */
};

struct mrow {
	char *device, *attach, *clause, *context, *op, *detail;
	const char *note;	/* the matching expectation's, or NULL */
	char *row;		/* the device's row (kdevice.row), or NULL */
	const char *cause;	/* an expected fail's: "driver", "emulator"
				   (an artefact expectation), or "-" */
	enum verdict v;
	enum regress regression;
	int undetectable;	/* a pass the kernel's detectors cannot
				   establish, now a skip: no regression */
};

struct tally {
	long pass, fail, xfail, skip, broken;
	long unexpected_fail, unexpected_pass, unexpected_skip;
};

int expects_load(const char *path, struct expects *, char *err, size_t);
/* Does a kernels field ("*", "7.99.4", "10.99.0-", ...) take version v?
   -1 if the field is malformed. */
int kernels_match(const char *field, long v);
/* "10.99.12" from 1099001200; buf of at least 16 bytes. */
const char *release_of(long version, char *buf, size_t len);
/* 1099001200 from "10.99.12" or "1099001200"; -1 if neither. */
long version_of(const char *);
void expects_free(struct expects *);
/* The expected verdict for (device, context, clause); V_PASS when no line
   matches.  *note gets the matching line's note or NULL. */
enum verdict expects_lookup(const struct expects *, const char *device,
    const char *context, const char *clause, const char **note);

size_t matrix_build(const struct row *, size_t, const struct kdevice *,
    size_t ndevs, struct mrow **);
void matrix_apply(const struct expects *, struct mrow *, size_t,
    struct tally *);
void matrix_free(struct mrow *, size_t);

/* kernel: the release to put in the kernel column. */
int rows_write(const char *path, const char *kernel, const struct row *,
    size_t);
/* Append the rows of a cases.tsv; device names get prefix (if not NULL)
   and ":".  -1 on error. */
int rows_read(const char *path, const char *prefix, struct row **,
    size_t *);
int devices_write(const char *path, const char *kernel,
    const struct kdevice *, size_t);
int devices_read(const char *path, const char *prefix, struct kdevice **,
    size_t *);
int matrix_write(const char *path, const char *kernel, const struct mrow *,
    size_t);

/* The matrix.tsv of several kernels' results, side by side: one row per
   device, one column per clause, one letter per kernel in each cell.
   Returns 1 if any has a regression or a broken cell, 0 if none, -1 if
   a file cannot be read. */
int matrix_compare(FILE *, char *const *dirs, size_t n);

/* Device x clause table (worst over contexts) and the summary line. */
void matrix_print(FILE *, const struct mrow *, size_t);
/* incomplete: profiles that did not run to their end */
void tally_print(FILE *, const struct tally *, int incomplete);

#endif
