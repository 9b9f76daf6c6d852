/*
 * context.h - the six calling contexts a case runs in, written once for
 * the host tools: the runner names them in the rows of an absent
 * device, the report judges levels over them.  The checker module keeps
 * its own list (conformance/kern sc_judge.c sc_ctx_names, built for the
 * kernel) in the same order; the guest prints the names, so a rename
 * there shows here as contexts no table knows.
 */
#ifndef STRATEGY9_CONTEXT_H
#define STRATEGY9_CONTEXT_H

#include <stddef.h>

#define NCONTEXTS	6
/* In the order the cases run them, which is the spec's order. */
extern const char *const context_names[NCONTEXTS];

/* Is ctx one of the contexts a softint-safe driver must survive
   (thread, spl, softint, callout)?  The others are the hard interrupt
   contexts that hardint-safe adds (spec, Terminology). */
int context_soft(const char *ctx);

#endif
