/*
 * replay.c - strategy-run parse: recorded consoles fed to the session
 * as the successive boots of one profile, as if they were being read
 * from QEMU, so that a run can be judged again from its logs and the
 * parser tested on real consoles (conformance/tests/replay-compare.sh).
 */
#include "runner.h"
#include "rows.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Replay recorded console logs as successive boots of one profile. */
int
replay(const struct options *o, struct kernel_facts *k, const char *name)
{
	struct session s;
	char *dir = xasprintf("%s/%s", o->outdir, name);
	long first = 1;
	size_t i;
	int rv = 0;

	if (mkdirs(dir) == -1)
		die2("%s: %s", dir, strerror(errno));
	session_init(&s);
	for (i = 0; i < o->args.n && first > 0; i++) {
		char *buf = read_file(o->args.v[i], NULL), *line, *next;
		if (buf == NULL)
			die2("%s: %s", o->args.v[i], strerror(errno));
		session_boot_begin(&s, first);
		for (line = buf; line != NULL && *line; line = next) {
			next = strchr(line, '\n');
			if (next != NULL)
				*next++ = '\0';
			session_feed(&s, line);
		}
		free(buf);
		first = session_boot_end(&s, BE_EXIT, 0);
		if (s.fatal) {
			fprintf(stderr, "strategy-run: [%s] %s\n", name,
			    s.error);
			write_error(dir, s.error);
			rv = 3;
			break;
		}
	}
	if (first > 0 && rv == 0)
		session_finish(&s, "not run: no further recorded boot");
	{
		/* A profile of that name gives the rows (-k: the kernel
		   whose symbols tell a missing driver). */
		char *path = find_profile(name), err[512];
		struct profile p;

		if (access(path, R_OK) == 0 &&
		    profile_load(path, &p, err, sizeof(err)) == 0) {
			init_rows_crashed(&p, &s);
			profile_rows(&p, &s, o->kernel, o->devices);
			profile_free(&p);
		}
		free(path);
	}
	if (write_session(&s, dir, k) == -1)
		rv = 4;
	session_free(&s);
	free(dir);
	return rv;
}
