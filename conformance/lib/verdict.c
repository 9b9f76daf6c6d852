/* verdict.c - the verdict vocabulary of the host tools: verdict.h */
#include "verdict.h"

#include <string.h>

static const char *const vnames[] = {
	[V_NONE] = "none", [V_SKIP] = "skip", [V_PASS] = "pass",
	[V_XFAIL] = "xfail", [V_BROKEN] = "broken", [V_FAIL] = "fail"
};

const char *
verdict_name(enum verdict v)
{
	return (v >= V_NONE && v <= V_FAIL) ? vnames[v] : "?";
}

enum verdict
verdict_parse(const char *s)
{
	int i;

	for (i = V_SKIP; i <= V_FAIL; i++)
		if (strcmp(s, vnames[i]) == 0)
			return (enum verdict)i;
	return V_NONE;
}

int
verdict_rank(enum verdict v)
{
	switch (v) {
	case V_FAIL:
	case V_XFAIL:
		return 4;
	case V_BROKEN:
		return 3;
	case V_PASS:
		return 2;
	case V_SKIP:
		return 1;
	default:
		return 0;
	}
}

static const char *const regress_names[] = {
	[RG_NONE] = "-",
	[RG_UNEXPECTED_FAIL] = "unexpected-fail",
	[RG_UNEXPECTED_PASS] = "unexpected-pass",
	[RG_UNEXPECTED_SKIP] = "unexpected-skip",
};

const char *
regression_name(enum regress r)
{
	return r <= RG_UNEXPECTED_SKIP ? regress_names[r] : "-";
}

enum regress
regression_parse(const char *s)
{
	int r;

	for (r = RG_UNEXPECTED_FAIL; r <= RG_UNEXPECTED_SKIP; r++)
		if (strcmp(s, regress_names[r]) == 0)
			return (enum regress)r;
	return RG_NONE;
}

int
verdict_letter(enum verdict v, enum regress r, char *c)
{
	if (r == RG_UNEXPECTED_FAIL)
		return *c = 'F', 6;
	if (r == RG_UNEXPECTED_PASS)
		return *c = '!', 5;
	if (r == RG_UNEXPECTED_SKIP)
		return *c = '?', 5;
	switch (v) {
	case V_FAIL: return *c = 'F', 6;
	case V_BROKEN: return *c = 'B', 4;
	case V_XFAIL: return *c = 'X', 3;
	case V_PASS: return *c = 'P', 2;
	case V_SKIP: return *c = 'S', 1;
	default: return *c = '.', 0;
	}
}
