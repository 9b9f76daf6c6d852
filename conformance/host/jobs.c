/*
 * jobs.c - the order and the slots in which a run's profiles start
 * (jobs.h).  Both kernels' runs start together and share the machine's
 * JOBS slots, and each starts its longest profile first: the last
 * profile to start, not the first, should be the short one, or one
 * core idles while a long profile ends (on 2 cores, two kernels one
 * after the other left a core idle for a minute at each kernel's end).
 */
#include "jobs.h"
#include "util.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define JOBS_HISTORY_MAX	(256 * 1024)

char *
jobs_history(void)
{

	return user_cache_path("STRATEGY9_DURATIONS", "durations.tsv");
}

/* The last duration history has for release's profile name, or -1. */
static double
last_duration(FILE *f, const char *release, const char *name)
{
	char line[512], *rel, *prof, *secs, *end;
	double d = -1, v;

	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		rel = strtok(line, "\t\n");
		prof = strtok(NULL, "\t\n");
		secs = strtok(NULL, "\t\n");
		if (rel == NULL || prof == NULL || secs == NULL ||
		    strcmp(rel, release) != 0 || strcmp(prof, name) != 0)
			continue;
		v = strtod(secs, &end);
		if (*end == '\0' && v >= 0)
			d = v;
	}
	return d;
}

void
jobs_order(const char *history, const char *release, char *const *names,
    size_t n, size_t *order)
{
	FILE *f = history != NULL ? fopen(history, "r") : NULL;
	double *d = xcalloc(n ? n : 1, sizeof(*d)), t;
	size_t i, j, k;

	/* What history does not know counts as the longest. */
	for (i = 0; i < n; i++) {
		d[i] = f != NULL ? last_duration(f, release, names[i]) : -1;
		if (d[i] < 0)
			d[i] = HUGE_VAL;
		order[i] = i;
	}
	if (f != NULL)
		fclose(f);
	/* Insertion sort, stable: equal ones keep their order. */
	for (i = 1; i < n; i++) {
		k = order[i];
		t = d[k];
		for (j = i; j > 0 && d[order[j - 1]] < t; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	free(d);
}

void
jobs_record(const char *history, const char *release, const char *name,
    double seconds)
{
	char *dir = xstrdup(history), *slash = strrchr(dir, '/');
	struct stat st;
	FILE *f;

	if (slash != NULL) {
		*slash = '\0';
		(void)mkdirs(dir);
	}
	free(dir);
	/* One short line with O_APPEND: runs at once do not mix theirs.
	   Past JOBS_HISTORY_MAX bytes the history starts again (a run in
	   the profiles' own order, once). */
	if (stat(history, &st) == 0 && st.st_size > JOBS_HISTORY_MAX)
		(void)truncate(history, 0);
	if ((f = fopen(history, "a")) == NULL)
		return;
	fprintf(f, "%s\t%s\t%.1f\n", release, name, seconds);
	fclose(f);
}

int
jobs_slot_try(const char *dir, int nslots)
{
	char *path;
	int i, fd;

	(void)mkdirs(dir);
	for (i = 0; i < nslots; i++) {
		path = xasprintf("%s/slot.%d", dir, i);
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		free(path);
		if (fd == -1)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		close(fd);
	}
	return -1;
}
