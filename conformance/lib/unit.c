/* unit.c - from a unit to its driver, one rule: unit.h */
#include "unit.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define WEDGE_ON	"-on-"

char *
unit_driver(const char *unit)
{
	const char *s = strchr(unit, ':'), *on;
	size_t n;

	s = s != NULL ? s + 1 : unit;
	on = strstr(s, WEDGE_ON);
	n = on != NULL ? (size_t)(on - s) : strlen(s);
	while (n > 1 && s[n - 1] >= '0' && s[n - 1] <= '9')
		n--;
	return xstrndup(s, n);
}

long
unit_number(const char *unit)
{
	size_t n = strlen(unit);

	while (n > 0 && unit[n - 1] >= '0' && unit[n - 1] <= '9')
		n--;
	return strtol(unit + n, NULL, 10);
}
