/* context.c - the six calling contexts: context.h */
#include "context.h"

#include <string.h>

const char *const context_names[NCONTEXTS] = {
	"thread", "spl", "softint", "callout", "hardintr", "hardintr-klock"
};
/* The first NSOFT of context_names are the softint-safe level's. */
#define NSOFT	4

int
context_soft(const char *ctx)
{
	size_t i;

	for (i = 0; i < NSOFT; i++)
		if (strcmp(ctx, context_names[i]) == 0)
			return 1;
	return 0;
}
