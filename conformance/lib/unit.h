/*
 * unit.h - the one rule from a unit of a result file to its driver, for
 * every host tool: the runner matches a kernel's device names against a
 * profile's controllers, the report files each unit's verdicts under a
 * driver, the lint compares a driver's findings with its verdicts.  Three
 * copies of this rule gave three answers for a wedge the guest's PID 1
 * makes ("dk-on-vnd0": "dk-on-vnd" in the report, "dk" in the lint).
 *
 * The rule: a "profile:" prefix goes ("base:wd0" is the unit wd0); a
 * wedge row "dk-on-<unit>" is dk, since the wedge's own device when it
 * attaches is dk<n> and a row must have the same driver whether it ran
 * or was absent; then the unit number at the end goes, leaving at least
 * one character ("sd3" is sd, "xhci12" xhci, "ref-sleep" stays
 * "ref-sleep", "gpt:dk0" is dk).
 */
#ifndef STRATEGY9_UNIT_H
#define STRATEGY9_UNIT_H

/* The driver of unit, allocated. */
char *unit_driver(const char *unit);

/* The unit number at the end of a device name ("pcscp1": 1; none: 0),
   the part unit_driver() takes off. */
long unit_number(const char *unit);

#endif
