/*
 * report.h - strategy-report: conformance levels, review sheets,
 * report.html, report.md and junit.xml from the result files of one or
 * more runs (shards), with nothing measured again.
 *
 * Input, per result directory (results/<run>/):
 *   <kernel>/run.tsv      key<TAB>value: kernel version checker profiles
 *                         partial devices contexts started accel
 *   <kernel>/matrix.tsv   kernel device attachment clause context verdict
 *                         regression note detail
 *   static/findings.tsv   optional: driver root clause kind chain condition
 * and the clauses of spec/strategy-contract.md, read through
 * spec/parse-clauses.awk so that the spec's format is parsed in one place.
 */
#ifndef STRATEGY9_RPT_H
#define STRATEGY9_RPT_H

#include <stdio.h>
#include "context.h"
#include "unit.h"
#include "util.h"
#include "verdict.h"

struct clause {
	char *id, *title, *level, *question;
	struct strvec contexts;
	struct strvec ops;	/* the operations of its checker: items */
	int observed;		/* has a checker: item that is not planned */
};

struct spec {
	struct clause *c;
	size_t n;
};

struct kernel {
	char *release, *version, *checker, *partial, *devices, *contexts;
	char *incomplete;	/* "profile: reason; ..." or "-" */
	char *detectors;	/* "LOCKDEBUG DIAGNOSTIC DDB", "none", "?" */
	char *guestdet;		/* detectors_guest: "LOCKDEBUG DDB" or NULL */
	char *started, *accel, *source;	/* source: its run.tsv */
	struct strvec profiles;
	struct strvec complete;	/* profiles some shard ran whole */
};

/* One line of a matrix.tsv. */
struct cell {
	size_t kernel;		/* index into results.k */
	char *profile, *unit, *driver, *attach, *clause, *context;
	char *regression, *note, *detail, *source;
	char *row;		/* the profile's row the unit answers (its
				   attachment: "usb-xhci", "vnd1"), stable
				   across kernels where unit numbers move */
	char *cause;		/* an xfail's: "driver", "emulator", "-" */
	enum verdict v;
};

/* One finding of the static tier (sc-lint's findings.tsv). */
struct finding {
	char *driver, *root, *clause, *kind, *chain, *condition;
	char *status;		/* "new", "expected" (a reading accepts it),
				   "-" (unresolved, or not said) */
	char *reading;		/* the accepted reading's text, or "-" */
	char *file;		/* the root's file, or "-" */
	char *verdict;		/* the reading's: "real/chain", "false/...",
				   "cannot/...", or "-" (none) */
	char *tree;		/* the release of the sys/ tree read (its
				   static/<release>/), or "-" */
	char *via;		/* the generic dispatch slot the chain goes
				   through, or "-" (a direct chain) */
};

struct results {
	struct kernel *k;
	size_t nk;
	struct cell *c;
	size_t nc;
	struct finding *f;
	size_t nf;
	int have_findings;	/* a findings.tsv was given */
	const char *tree;	/* while loading: the tree of the file */
	struct strvec drivers;	/* sorted */
	struct strvec static_only;	/* drivers with findings and no
					   case: sorted */
	/* "<kernel>\t<driver>\t<op>" of every case that ran (each
	   profile's cases.tsv),
	   and "<kernel>" of each kernel that gave one */
	struct strvec ran, ran_kernels;
	struct strvec roots;	/* "<tree>\t<driver>" of every root the
				   static tier read (drivers.tsv) */
	struct strvec inputs;	/* the directories, as given */
};

int spec_load(const char *path, struct spec *, char *err, size_t errlen);
const struct clause *spec_find(const struct spec *, const char *id);

/* Loads and merges the result directories: 0, or -1 with err set (a
   shard that disagrees with another, a file not in the result format). */
int results_load(struct results *, char **dirs, size_t ndirs, char *err,
    size_t errlen);

/* A conformance level of one driver on one kernel, with its reasons. */
enum lvl { L_NOTEST, L_NOTRUN, L_NONE, L_SOFTINT, L_HARDINT };
struct level {
	enum lvl l;
	struct strvec why;	/* violations, then what is unjudged */
	size_t not_ruled_out;	/* static chains of a clause of the level
				   that no reading rules out: none covers
				   them, or it says they are real
				   (driver_level) */
	char text[96];		/* level_text(): the name, and the chains */
};
/* "hardint-safe", or "hardint-safe; 2 static chains unreviewed": a level
   a static chain no run met and no reading explains may not stand high
   silently. */
const char *level_text(struct level *);
const char *level_name(enum lvl);
/* The level of a driver's attachment (row: its cells of that row only;
   NULL: all of them). */
void level_judge(const struct spec *, const struct results *, size_t kernel,
    const char *driver, const char *row, struct level *);
/* A driver's headline level: the worst of its attachments', and *by the
   attachment that set it when it has several (else NULL; free it). */
void driver_level(const struct spec *, const struct results *, size_t kernel,
    const char *driver, struct level *, char **by);
/* "<attachment label>: <level>" for each attachment of a driver that has
   several (none for a driver with one). */
void attachment_levels(const struct spec *, const struct results *,
    size_t kernel, const char *driver, struct strvec *out);
/* The attachments (rows) of a driver's cells on a kernel. */
void attachments_of(const struct results *, size_t kernel,
    const char *driver, struct strvec *rows);
/* "usb-xhci: sd3 (scsibus4 at umass0 on xhci0)" */
char *attachment_label(const struct results *, size_t kernel,
    const char *driver, const char *row);
void level_free(struct level *);

/*
 * Whether a clause applies to a driver on a kernel, from what the checker
 * announced (it prints every clause a case judges before the case runs,
 * and the runner writes a row for each): 1 if a row of the driver names
 * the clause; 0 if a case of the driver that ran in one of the clause's
 * contexts, with an operation that the clause's checker: item lists,
 * announced others but not it (the checker does not judge it there, as
 * SC-DKS-1/2 on a disk without d_diskstart); otherwise 1, since the cases
 * that would have announced it were skipped whole or not run.
 */
int clause_applies(const struct spec *, const struct results *,
    size_t kernel, const char *driver, const struct clause *);

/* A checklist answer for one driver over every kernel. */
enum answer { A_UNKNOWN, A_YES, A_NO, A_NA };
const char *answer_name(enum answer);
enum answer answer_judge(const struct spec *, const struct results *,
    const struct clause *, const char *driver, char **reason);
/* The driver has results on that kernel. */
int driver_ran(const struct results *, size_t kernel, const char *driver);

/* Worst verdict letter of a driver's clause on a kernel, over contexts
   and units ('.' if not judged), and its cells' regression if any. */
char cell_letter(const struct spec *, const struct results *, size_t kernel,
    const char *driver, const struct clause *);
const char *letter_legend(void);
/* The sentences every report carries about the levels. */
void level_notes(const struct spec *, struct strvec *);
/* The profiles that could not run, with their reasons, or NULL. */
char *incomplete_note(const struct results *);
/* The partial kernels with their selections, or NULL when none was. */
char *partial_note(const struct results *);
char *join(const struct strvec *);	/* "a, b, c" */
/* Rows of cases the runner could not name (device "?": never run, after
   a truncated log), per kernel with their details, or NULL if none. */
char *unattributed_note(const struct results *);
#define UNATTRIBUTED	"?"
/* A finding that says the driver breaks the clause (not "unresolved"). */
int finding_counts(const struct finding *);

/* Writers: 0, or -1 with a message on standard error. */
int write_html(const char *path, const struct spec *, const struct results *);
int write_md(const char *path, const struct spec *, const struct results *);
int write_review(const char *dir, const struct spec *,
    const struct results *);
int write_junit(const char *path, const struct results *);
/*
 * Where the tiers disagree on a clause both judge (crosscheck.c): a
 * device's clause with static chains that the run passed ("static
 * only"), or that the run failed with no chain ("dynamic only").
 */
struct tierdiff {
	const char *kernel;	/* its release */
	char *device;		/* profile:unit */
	const char *unitdriver;	/* the unit's driver: whose sheet */
	char *driver;		/* the static tier's (scref for ref-*) */
	const char *clause, *kind;	/* kind: "static only", ... */
	char *stat, *dyn;	/* what each tier says */
	const char *explain;	/* what a reader is to explain */
};
size_t tierdiffs(const struct results *, struct tierdiff **);
void tierdiffs_free(struct tierdiff *, size_t);
int write_disagreements(const char *path, const struct results *);

/* Output helpers (out.c). */
FILE *out_open(const char *path);
int out_close(FILE *, const char *path);
void xml_esc(FILE *, const char *);	/* & < > " ' */
void md_esc(FILE *, const char *);	/* | and newlines in a table */
/* "SC-SLP-1" -> "SLP1", the short column heading */
void short_id(const char *id, char *buf, size_t len);
/* An anchor name for the cells of (kernel, driver, clause). */
void anchor(char *buf, size_t len, const struct results *, size_t kernel,
    const char *driver, const char *clause);

#endif
