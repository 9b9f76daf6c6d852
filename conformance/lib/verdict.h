/*
 * verdict.h - the verdict vocabulary of every host tool, written once:
 * what a case ends with, how it stands against the expectations, the
 * names of both in the result files, and the two orders in which the
 * worst of several wins.  The runner writes these words and the report
 * and the lint read them back, so one copy keeps them from drifting.
 * (The checker module, conformance/kern, has its own enum sc_verdict:
 * it is built for the kernel and links nothing of this.)
 *
 * The two orders exist on purpose:
 *
 * aggregation (verdict_rank): which verdict of several decides a cell
 *   (the ops of a case in matrix.tsv; a driver's units in the report):
 *   fail = xfail > broken > pass > skip > none.  An expected fail is
 *   still a fail; a broken case leaves a clause unjudged unless a fail
 *   decides it; a pass anywhere covers a skip elsewhere.
 *
 * alarm (verdict_letter): which letter a table shows for several cells,
 *   what a reader must look at first: F unexpected fail > ! unexpected
 *   pass = ? unexpected skip > B broken > X expected fail > P pass >
 *   S skip > . nothing.
 */
#ifndef STRATEGY9_VERDICT_H
#define STRATEGY9_VERDICT_H

/* The enum's order is no order of badness: use the functions below. */
enum verdict { V_NONE, V_SKIP, V_PASS, V_XFAIL, V_BROKEN, V_FAIL };
const char *verdict_name(enum verdict);		/* "pass"; "?" if none */
enum verdict verdict_parse(const char *);	/* V_NONE if unknown */

/* The aggregation order: the larger decides (fail and xfail 4, broken
   3, pass 2, skip 1, none 0). */
int verdict_rank(enum verdict);

/*
 * A regression: a fail not expected; a pass where a fail (or a skip) is
 * expected; a skip where a line of the expectations names another
 * verdict (a device without lines may skip where it cannot be judged).
 */
enum regress {
	RG_NONE, RG_UNEXPECTED_FAIL, RG_UNEXPECTED_PASS, RG_UNEXPECTED_SKIP
};
const char *regression_name(enum regress);	/* "-", "unexpected-fail" */
enum regress regression_parse(const char *);	/* RG_NONE if unknown */

/* The alarm order: the letter of a table cell into *c and its badness
   (the larger wins): F unexpected fail (or a fail), ! unexpected pass,
   ? unexpected skip, B broken, X expected fail, P pass, S skip, .
   nothing. */
int verdict_letter(enum verdict, enum regress, char *c);

/* The legend of those letters, worst first, in two halves so that a
   table with letters of its own can put them in their place. */
#define VERDICT_LEGEND_HIGH	"F unexpected fail, ! unexpected pass, " \
	"? unexpected skip, B broken, X expected fail"
#define VERDICT_LEGEND_LOW	"P pass, S skip, . not judged"

#endif
