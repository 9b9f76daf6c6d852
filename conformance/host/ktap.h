/*
 * ktap.h - line classifier for the checker's console protocol (KTAP
 * version 1 with the strategy-checker extensions, see
 * conformance/KTAP-FORMAT.draft).  Stateless: one call per console line;
 * the session layer (session.h) gives the lines their meaning.
 */
#ifndef STRATEGY9_KTAP_H
#define STRATEGY9_KTAP_H

enum ktap_kind {
	KT_OTHER,	/* not part of the protocol (kernel message, noise) */
	KT_VERSION,	/* "KTAP version 1" */
	KT_PLAN,	/* "1..N" */
	KT_RESULT,	/* "ok N desc # directive" / "not ok ..." */
	KT_SUBTEST,	/* "# Subtest: <name>" */
	KT_ONPANIC,	/* "# on-panic: <clause>" */
	KT_WATCH,	/* "# watch: <what the watcher saw>", during a case */
	KT_CLAUSES,	/* "# clauses: a,b,c" */
	KT_DEVICE,	/* "# device <xname> attach="..." ..." */
	KT_HEADER,	/* "# strategy-checker: version=..." */
	KT_DONE,	/* "# strategy-checker: done ..." */
	KT_DIAG,	/* any other "# ..." protocol comment */
	KT_PANIC	/* a line containing "panic: " */
};

/* SKIP and TODO are TAP's; ERROR (the checker could not judge) is the
   checker's own. */
enum ktap_directive { KD_NONE, KD_SKIP, KD_TODO, KD_ERROR };

#define KTAP_MAXTEXT 1024

struct ktap_line {
	enum ktap_kind kind;
	int level;		/* 0 = top level, 1 = subtest (4 spaces) */
	int ok;			/* KT_RESULT */
	long num;		/* KT_RESULT number, KT_PLAN count */
	enum ktap_directive directive;
	char desc[KTAP_MAXTEXT];	/* description / name / clause / xname */
	char text[KTAP_MAXTEXT];	/* detail, skip reason, clause list,
					   attach string, panic text */
	char chain[256];	/* KT_DEVICE: the device and its ancestors */
};

/* Classify one console line (trailing \r\n allowed).  Returns kind. */
enum ktap_kind ktap_parse_line(const char *line, struct ktap_line *out);

#endif
