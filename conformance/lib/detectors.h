/*
 * detectors.h - which of the kernel's own detectors a kernel has, and
 * which verdicts rest on one it lacks.
 *
 * Some violations show only through an assertion the kernel is built
 * with: an uncontended adaptive lock taken in a hard interrupt is seen by
 * LOCKDEBUG alone.  On a kernel without it (every release GENERIC) such
 * a case passes whatever the driver does, so its pass must read "not
 * established", never pass.  spec/detectors.tsv says which clause and
 * context rests on which detector; the kernel binary says what it has.
 */
#ifndef STRATEGY9_DETECTORS_H
#define STRATEGY9_DETECTORS_H

#include <stddef.h>

/* Detectors a kernel may have, as its options name them. */
#define DET_LOCKDEBUG	0x01
#define DET_DIAGNOSTIC	0x02
#define DET_DEBUG	0x04
#define DET_DDB		0x08
#define DET_UNKNOWN	(-1)	/* the kernel could not be read */

/*
 * The detectors of a kernel binary: from its embedded configuration
 * (options INCLUDE_CONFIG_FILE, which GENERIC has) where present, else
 * from its symbols (LOCKDEBUG: lockdebug_wantlock; DDB: db_trap), with
 * DIAGNOSTIC and DEBUG then unknown and so taken as absent.  *how gets
 * "configuration" or "symbols".  DET_UNKNOWN if the file cannot be read.
 */
int detectors_of_kernel(const char *path, const char **how);

/* "LOCKDEBUG DIAGNOSTIC DDB" into buf ("none" when 0, "?" unknown). */
const char *detectors_name(int set, char *buf, size_t len);
/* The set named by such a string; DET_UNKNOWN for "?" or "". */
int detectors_parse(const char *s);

/* spec/detectors.tsv: one line per clause, contexts and detector. */
struct detector_need {
	char *clause, *contexts, *unseen;
	int detector;
};
struct detector_table {
	struct detector_need *n;
	size_t count;
};

int detector_table_load(const char *path, struct detector_table *,
    char *err, size_t errlen);
void detector_table_free(struct detector_table *);

/* The need a pass of clause in context rests on that the kernel with
   detectors have lacks, or NULL (an unknown kernel lacks none). */
const struct detector_need *detector_missing(const struct detector_table *,
    int have, const char *clause, const char *context);
const char *detector_name(int detector);

#endif
