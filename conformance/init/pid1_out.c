/*
 * Console lines, sleeping and powering off.  The console is fd 1 once
 * pid1_main() has opened it; before that a line goes nowhere, which is
 * all that can be done.  Lines are written whole, with one write(2),
 * so that the kernel's own messages never split one: the runner reads
 * them by their first characters.
 */
#include <sys/types.h>
#include <sys/reboot.h>
#include <sys/time.h>

#include "pid1_init.h"

#define SC_LINEMAX	512

/* Writes the strings given, up to NULL, as one line. */
void
pid1_msg(const char *first, ...)
{
	char line[SC_LINEMAX];
	__builtin_va_list ap;
	const char *s;

	line[0] = '\0';
	__builtin_va_start(ap, first);
	for (s = first; s != NULL; s = __builtin_va_arg(ap, const char *))
		pid1_strlcat(line, s, sizeof(line) - 1);
	__builtin_va_end(ap);
	pid1_strlcat(line, "\n", sizeof(line));
	(void)pid1_write(1, line, pid1_strlen(line));
}

/*
 * The one form of a failure, which the runner turns into an "absent"
 * row: the unit, what it was to be attached to, and the step, the call
 * and the error that stopped it.
 */
void
pid1_absent(const char *dev, const char *attach, const char *step,
    const char *call, long err)
{
	char num[24];

	if (err < 0)
		err = -err;
	pid1_msg("# absent ", dev, " attach=\"", attach, "\" reason=\"", step,
	    ": ", call, " error ", pid1_ltoa(err, num, sizeof(num)), " (",
	    pid1_errname(err), ")\"", NULL);
}

void
pid1_sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	(void)pid1_nanosleep(&ts, NULL);
}

/*
 * PID 1 must not exit: power off, and if the kernel refuses, try again
 * rather than return.
 */
void
pid1_poweroff(void)
{
	for (;;) {
		(void)pid1_sync();
		(void)pid1_reboot(RB_HALT | RB_POWERDOWN, NULL);
		pid1_sleep_ms(1000);
	}
}
