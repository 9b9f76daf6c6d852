/*
 * session_int.h - what the files of the session (session.c, kcase.c,
 * console.c, panic.c) share with one another and nobody else uses: a
 * case's results, storing a case in the session, and the hand-over of
 * panic lines from the console parser to the panic attribution.
 */
#ifndef STRATEGY9_SESSION_INT_H
#define STRATEGY9_SESSION_INT_H

#include "session.h"

#define NO_RESULT_LINE	"no result line for the case (protocol error)"

/* kcase.c: one case's results */
void kcase_clear(struct kcase *);
/* "device context op", else the whole name as the device */
void kcase_setname(struct kcase *, const char *name);
struct result *kcase_result(const struct kcase *, const char *clause);
/* Did the checker announce clause for the case? */
int kcase_announced(const struct kcase *, const char *clause);
/* Drops every result whose clause keep() refuses. */
void kcase_keep(struct kcase *, int (*keep)(const char *clause));
/* Set (or overwrite) the result of clause. */
void kcase_set(struct kcase *, const char *clause, enum verdict,
    const char *detail);
/* Every announced clause without a result gets v / detail; a case that
   announced nothing gets one row with clause "-". */
void kcase_fill(struct kcase *, enum verdict, const char *detail);

/* session.c: the cases over boots */
/* Case num's place, the plan grown to it; NULL for num < 1. */
struct kcase *session_slot(struct session *, long num);
/* Store c as case num (the first result of a case wins); c is emptied. */
void session_commit(struct session *, struct kcase *c, long num);
/* A case that produced nothing itself: one row with the reason. */
void session_mark(struct session *, long num, enum verdict,
    const char *detail);
void session_add_device(struct session *, const char *name,
    const char *attach, const char *chain);
/* The running case ends broken, for why; returns its number. */
long session_settle_pending(struct session *, const char *why);
/* next, or 0 past the plan's end */
long session_next_or_stop(const struct session *, long next);
/* Case n took the boot down (the guest's down= list). */
void session_note_down(struct session *, long n);

/* panic.c: the panic's text, and who is blamed */
/* A backtrace line: its frame onto s->panic. */
void panic_frame(struct session *, const char *line);
/* The CPU that printed the backtrace, from its first line. */
void note_panic_cpu(struct session *, const char *line);
/* The boot ended after a panic: settle the case it is blamed on and
   return the case to start the next boot at (0: none). */
long session_settle_panic(struct session *);

#endif
