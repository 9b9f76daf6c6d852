/*
 * report.h - from result rows to the device x clause x context matrix,
 * expectations, and the files and table of a run.
 *
 * cases.tsv    device context op clause verdict detail     (one per subtest)
 * devices.tsv  device attachment
 * matrix.tsv   device attachment clause context verdict detail
 *              (one per device, context, clause; worst over the ops:
 *              fail > broken > pass > skip; detail "<op>: ..." of the op
 *              that decided)
 * expected.tsv device context clause expected note
 *              ("*" matches any device, context or clause; "#" comments;
 *              the first matching line wins; absent = expected pass)
 */
#ifndef STRATEGY9_REPORT_H
#define STRATEGY9_REPORT_H

#include <stdio.h>
#include "session.h"

struct expect {
	char *device, *context, *clause, *note;
	enum verdict v;
};

struct expects {
	struct expect *e;
	size_t n;
};

/*
 * A regression: a fail not expected; a pass where a fail (or a skip) is
 * expected; a skip where a line of the expectations names another
 * verdict (a device without lines may skip where it cannot be judged).
 */
enum regress {
	RG_NONE, RG_UNEXPECTED_FAIL, RG_UNEXPECTED_PASS, RG_UNEXPECTED_SKIP
};

struct mrow {
	char *device, *attach, *clause, *context, *op, *detail;
	enum verdict v;
	enum regress regression;
};

struct tally {
	long pass, fail, xfail, skip, broken;
	long unexpected_fail, unexpected_pass, unexpected_skip;
};

int expects_load(const char *path, struct expects *, char *err, size_t);
void expects_free(struct expects *);
/* The expected verdict for (device, context, clause); V_PASS when no line
   matches.  *note gets the matching line's note or NULL. */
enum verdict expects_lookup(const struct expects *, const char *device,
    const char *context, const char *clause, const char **note);

/* Case rows: a fail that is expected becomes xfail. */
void expects_apply_rows(const struct expects *, struct row *, size_t);

size_t matrix_build(const struct row *, size_t, const struct kdevice *,
    size_t ndevs, struct mrow **);
void matrix_apply(const struct expects *, struct mrow *, size_t,
    struct tally *);
void matrix_free(struct mrow *, size_t);

int rows_write(const char *path, const struct row *, size_t);
/* Append the rows of a cases.tsv; device names get prefix (if not NULL)
   and ":".  -1 on error. */
int rows_read(const char *path, const char *prefix, struct row **,
    size_t *);
int devices_write(const char *path, const struct kdevice *, size_t);
int devices_read(const char *path, const char *prefix, struct kdevice **,
    size_t *);
int matrix_write(const char *path, const struct mrow *, size_t);

/* Device x clause table (worst over contexts) and the summary line. */
void matrix_print(FILE *, const struct mrow *, size_t);
/* incomplete: profiles that did not run to their end */
void tally_print(FILE *, const struct tally *, int incomplete);

#endif
