/*
 * Console lines, sleeping and powering off.  The console is fd 1 once
 * sc_main() has opened it; before that a line goes nowhere, which is
 * all that can be done.  Lines are written whole, with one write(2),
 * so that the kernel's own messages never split one: the runner reads
 * them by their first characters.
 */
#include <sys/types.h>
#include <sys/reboot.h>
#include <sys/time.h>

#include "sc_init.h"

#define SC_LINEMAX	512

/* Writes the strings given, up to NULL, as one line. */
void
sc_msg(const char *first, ...)
{
	char line[SC_LINEMAX];
	__builtin_va_list ap;
	const char *s;

	line[0] = '\0';
	__builtin_va_start(ap, first);
	for (s = first; s != NULL; s = __builtin_va_arg(ap, const char *))
		sc_strlcat(line, s, sizeof(line) - 1);
	__builtin_va_end(ap);
	sc_strlcat(line, "\n", sizeof(line));
	(void)sc_write(1, line, sc_strlen(line));
}

/*
 * The one form of a failure, which the runner turns into an "absent"
 * row: the unit, what it was to be attached to, and the step, the call
 * and the error that stopped it.
 */
void
sc_absent(const char *dev, const char *attach, const char *step,
    const char *call, long err)
{
	char num[24];

	if (err < 0)
		err = -err;
	sc_msg("# absent ", dev, " attach=\"", attach, "\" reason=\"", step,
	    ": ", call, " error ", sc_ltoa(err, num, sizeof(num)), " (",
	    sc_errname(err), ")\"", NULL);
}

void
sc_sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	(void)sc_nanosleep(&ts, NULL);
}

/*
 * PID 1 must not exit: power off, and if the kernel refuses, try again
 * rather than return.
 */
void
sc_poweroff(void)
{
	for (;;) {
		(void)sc_sync();
		(void)sc_reboot(RB_HALT | RB_POWERDOWN, NULL);
		sc_sleep_ms(1000);
	}
}
