/*
 * machine.c - one profile run to its end: its disks made and removed, the
 * restores (resume.c) then cold boots (boot.c) from the case where the
 * last boot left off, up to the boot limit; a machine whose
 * autoconfiguration never ends runs again without the disks that hold it
 * up; then the profile's rows and its results.
 */
#include "runner.h"
#include "diskimage.h"
#include "rows.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A profile's disks, raw or (a saved machine) qcow2; -1 with why. */
static int
make_disk_images(const struct profile *p, const char *dir, int qcow2,
    char *why, size_t whylen)
{
	size_t i;

	for (i = 0; i < p->ndisks; i++)
		if (disk_image_make(p, dir, i, qcow2) == -1)
			return errfmt(why, whylen, "disk %zu (%s) could not be "
			    "made", i, p->disks[i].bus);
	return 0;
}

int
make_disks(const struct profile *p, const char *dir, char *why,
    size_t whylen)
{
	return make_disk_images(p, dir, 0, why, whylen);
}

/* QEMU's disk images for a machine that is saved: qcow2, and one more
   drive that holds the saved state. */
int
make_snap_disks(const struct profile *p, const char *dir, char *why,
    size_t whylen)
{
	char *path;
	int rv;

	if (make_disk_images(p, dir, 1, why, whylen) == -1)
		return -1;
	path = xasprintf("%s/vmstate.qcow2", dir);
	rv = disk_qcow2_create(path, 1ULL << 30);
	free(path);
	if (rv == -1)
		return errfmt(why, whylen, "the drive for the saved state "
		    "could not be made");
	return 0;
}

static void
remove_disks(const struct profile *p, const char *dir)
{
	static const char *const snap[] = {
		"vmstate.qcow2", "monitor.sock", "args.sock",
	};
	char *path;
	size_t i;

	for (i = 0; i < p->ndisks; i++) {
		path = profile_disk_path(p, dir, i);
		unlink(path);
		free(path);
	}
	for (i = 0; i < sizeof(snap) / sizeof(snap[0]); i++) {
		path = xasprintf("%s/%s", dir, snap[i]);
		unlink(path);
		free(path);
	}
}

/* The guest's PID 1 crashed or hung before it started the checker: its
   rows say so, by name. */
void
init_rows_crashed(const struct profile *p, struct session *s)
{
	char *why;
	size_t i;

	if (!p->init || s->header != NULL)
		return;
	if (s->panic[0] != '\0')
		why = xasprintf("the guest's PID 1 never started the checker: "
		    "%.*s", (int)strcspn(s->panic, "<"), s->panic);
	else if (s->stuck_line[0] != '\0')
		why = xasprintf("the guest's PID 1 never started the checker: "
		    "%s", s->stuck_line);
	else
		why = xasprintf("the guest's PID 1 never started the checker: "
		    "%.*s", (int)strcspn(s->error, "\n"), s->error);
	for (i = 0; i < p->rows.n; i++)
		session_absent(s, p->rows.v[i], "-", why);
	free(why);
}

/* The logs of a machine left behind, kept as machine<k>-*: the next
   machine of the profile starts its boots at 1 again. */
static void
keep_machine_logs(const char *dir, int k)
{
	static const char *const pfx[] = { "console.", "qemu." };
	struct dirent *de;
	DIR *d = opendir(dir);
	char *from, *to;
	size_t i;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		for (i = 0; i < 2; i++)
			if (strncmp(de->d_name, pfx[i], strlen(pfx[i])) == 0) {
				from = xasprintf("%s/%s", dir, de->d_name);
				to = xasprintf("%s/machine%d-%s", dir, k,
				    de->d_name);
				rename(from, to);
				free(from);
				free(to);
			}
	closedir(d);
	from = xasprintf("%s/error.txt", dir);
	unlink(from);
	free(from);
}

/* A boot that never started the checker: said, and kept in error.txt. */
static int
boot_failed(const struct profile *p, const char *dir,
    const struct session *s)
{
	fprintf(stderr, "strategy-run: [%s] %s\n", p->name, s->error);
	write_error(dir, s->error);
	return 3;
}

/*
 * The restores of a saved machine first (resume.c); *firstp: the case the
 * cold boots go on at, 0 when none is left.  0, or 3 or 4 (run_profile).
 */
static int
restores(const struct options *o, const struct profile *p,
    const char *dir, const char *iso, struct session *s, long *firstp,
    int hang, int *boots, struct timing *t)
{
	int rv = 0, r;

	r = run_resumed(o, p, dir, iso, s, firstp, hang, boots, t);
	if (r == -1)
		rv = 4;
	else if (r == 0)
		*firstp = 0;
	else if (*firstp > 0 && !s->fatal) {
		/* Cold boots go on from where the restores left off:
		   the disks must be fresh raw images again. */
		remove_disks(p, dir);
	}
	if (s->fatal) {
		rv = boot_failed(p, dir, s);
		*firstp = 0;
	}
	return rv;
}

/* Cold boots from case first to the end of the plan, within the boot
   limit (o->maxboots).  0, or 3 or 4 (run_profile). */
static int
cold_boots(const struct options *o, const struct profile *p,
    const char *dir, const char *iso, struct session *s, long first,
    int hang, int boots, struct timing *t)
{
	enum boot_end how;
	char why[256];

	if (make_disks(p, dir, why, sizeof(why)) == -1) {
		char *msg = xasprintf("the profile could not run: %s", why);

		fprintf(stderr, "strategy-run: [%s] %s\n", p->name, msg);
		write_error(dir, msg);
		profile_rows_unrun(p, s, msg);
		free(msg);
		return 4;
	}
	while (first > 0 && !stop_signal) {
		if (boots >= o->maxboots) {
			snprintf(why, sizeof(why), "not run: boot limit "
			    "(-b %d) reached", o->maxboots);
			fprintf(stderr, "[%s] %s\n", p->name, why);
			session_finish(s, why);
			break;
		}
		boots++;
		if (boot_once(o, p, dir, iso, s, first, hang, &how, t) == -1)
			return 4;
		first = session_boot_end(s, how, hang);
		if (s->fatal)
			return boot_failed(p, dir, s);
	}
	return 0;
}

/*
 * Autoconfiguration never ended on a controller of some of p's disks:
 * they leave *p (their rows carried, as lost), and 1 says the rest must
 * run again in a machine without them; 0 when no disk blocked it.
 */
static int
drop_blocked(struct profile *p, const char *dir, struct session *s,
    struct strvec *carried)
{
	int *blocked = xcalloc(p->ndisks + 1, sizeof(int));
	char reason[512];
	size_t i, j;
	int again = 0;

	if (profile_rows_blocked(p, s, blocked, reason,
	    sizeof(reason)) > 0) {
		remove_disks(p, dir);	/* before the list shrinks */
		for (i = j = 0; i < p->ndisks; i++) {
			const struct bus *b = bus_lookup(p->disks[i].bus);
			if (!blocked[i]) {
				p->disks[j++] = p->disks[i];
				continue;
			}
			strvec_pushf(carried, "%s\t%s (%s)\t%s",
			    b->name, b->qemu, b->ctrl, reason);
		}
		p->ndisks = j;
		fprintf(stderr, "[%s] %s; again without %s\n",
		    p->name, reason, "the disks below it");
		keep_machine_logs(dir, ++p->machines);
		again = 1;
	}
	free(blocked);
	return again;
}

/* The last machine of the profile: the rows earlier machines carried
   (lost, unless expected), and a PID 1 that never started the checker. */
static void
machine_rows(const struct profile *p, struct session *s,
    const struct strvec *carried)
{
	for (size_t i = 0; i < carried->n; i++) {
		char *f = xstrdup(carried->v[i]), *a = strchr(f, '\t'), *w;
		*a++ = '\0';
		w = strchr(a, '\t');
		*w++ = '\0';
		session_lost(s, f, a, w);	/* unless expected */
		free(f);
	}
	init_rows_crashed(p, s);
}

/*
 * One machine of a profile to its end.  carried: absent rows of earlier
 * machines of the profile.  *again: autoconfiguration never ended on a
 * controller of some disks of p; they are out of *p (their rows
 * carried), and the rest must run in a machine without them.
 */
static int
run_machine(const struct options *o, struct kernel_facts *k,
    struct profile *p, const char *iso, struct strvec *carried, int *again)
{
	struct session s;
	struct timing t;
	char *dir = xasprintf("%s/%s", o->outdir, p->name);
	int hang = o->hang ? o->hang : p->hang ? p->hang : 120;
	long first = 1;
	int rv = 0, boots = 0;
	double t0 = now_d();

	memset(&t, 0, sizeof(t));
	t.machine = p->machines;
	if (mkdirs(dir) == -1) {
		fprintf(stderr, "strategy-run: %s: %s\n", dir,
		    strerror(errno));
		free(dir);
		return 4;
	}
	session_init(&s);
	if (!o->cold)
		rv = restores(o, p, dir, iso, &s, &first, hang, &boots, &t);
	if (first > 0 && rv == 0)
		rv = cold_boots(o, p, dir, iso, &s, first, hang, boots, &t);
	if (stop_signal)
		session_finish(&s, "not run: the runner was interrupted");
	t.total_s = now_d() - t0;
	write_timing(p, dir, &t);
	*again = 0;
	if (s.fatal && s.header == NULL && !stop_signal &&
	    drop_blocked(p, dir, &s, carried)) {
		rv = 0;
		*again = 1;
	}
	if (!*again)
		machine_rows(p, &s, carried);
	if (s.header != NULL || p->init || (*again == 0 &&
	    carried->n > 0 && p->ndisks == 0))
		profile_rows(p, &s, o->kernel, o->devices);
	if (!*again && write_session(&s, dir, k) == -1 && rv == 0)
		rv = 4;
	if (!o->keep)
		remove_disks(p, dir);
	session_free(&s);
	free(dir);
	return rv;
}

/* Run one profile to its end.  0 ok, 3 a boot never started the checker,
   4 could not run at all. */
int
run_profile(const struct options *o, struct kernel_facts *k,
    const struct profile *p0, const char *iso)
{
	struct profile p = *p0;	/* its disks may shrink, nothing else */
	struct strvec carried = { 0 };
	int again, rv;

	if (!profile_selectable(p0, o->devices)) {
		fprintf(stderr, "[%s] nothing of -D %s here: not booted\n",
		    p0->name, o->devices);
		return 0;
	}
	if (p0->init && o->init == NULL) {
		/* Nothing to boot for: every row is skipped, by name. */
		struct session s;
		char *dir = xasprintf("%s/%s", o->outdir, p0->name);
		size_t i;

		session_init(&s);
		for (i = 0; i < p0->rows.n; i++)
			session_absent(&s, p0->rows.v[i], "-", "no guest PID 1 "
			    "for this kernel (strategy-run -i not given: "
			    "conformance/init did not build)");
		rv = mkdirs(dir) == -1 || write_session(&s, dir, k) == -1 ?
		    4 : 0;
		session_free(&s);
		free(dir);
		return rv;
	}
	p.disks = xcalloc(p0->ndisks + 1, sizeof(*p.disks));
	memcpy(p.disks, p0->disks, p0->ndisks * sizeof(*p.disks));
	do
		rv = run_machine(o, k, &p, iso, &carried, &again);
	while (again && rv == 0);
	strvec_free(&carried);
	free(p.disks);
	return rv;
}
