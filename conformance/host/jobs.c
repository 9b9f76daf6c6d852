/*
 * jobs.c - the order and the slots in which a run's profiles start
 * (jobs.h).  Both kernels' runs start together and share the machine's
 * JOBS slots, and each starts its longest profile first: the last
 * profile to start, not the first, should be the short one, or one
 * core idles while a long profile ends (on 2 cores, two kernels one
 * after the other left a core idle for a minute at each kernel's end).
 * A slot that frees goes to whichever run waits for the longest
 * profile: the run whose own profile ended is the first to see it free,
 * and took every slot until its profiles were all started (the warm
 * matrix's 7.99.4 ran all seven before 10.99.12 started one).
 */
#include "jobs.h"
#include "util.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <dirent.h>
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
    size_t n, size_t *order, double *secs)
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
	if (secs != NULL)
		memcpy(secs, d, n * sizeof(*d));
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

/*
 * Does a process other than this one wait in dir for a profile longer
 * than secs (or as long, and started before it)?  A waiter holds its
 * file's lock while it waits: a file nobody holds is a killed run's,
 * and is removed.
 */
static int
longer_waiter(const char *dir, double secs)
{
	struct dirent *e;
	char *path, buf[64];
	double theirs;
	ssize_t n;
	long pid;
	int fd, longer = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!longer && (e = readdir(d)) != NULL) {
		if (sscanf(e->d_name, "wait.%ld", &pid) != 1 ||
		    pid == (long)getpid())
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
			if (flock(fd, LOCK_SH | LOCK_NB) == 0)
				(void)unlink(path);
			else if ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
				buf[n] = '\0';
				theirs = strtod(buf, NULL);
				longer = theirs > secs ||
				    (theirs == secs && pid < (long)getpid());
			}
			close(fd);
		}
		free(path);
	}
	closedir(d);
	return longer;
}

int
jobs_wait_begin(const char *dir, double secs)
{
	char *tmp, *path;
	FILE *f;
	int fd;

	(void)mkdirs(dir);
	tmp = xasprintf("%s/.wait.%ld", dir, (long)getpid());
	path = xasprintf("%s/wait.%ld", dir, (long)getpid());
	/* Locked before it has its name: no one sees it unheld. */
	fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd != -1 && (flock(fd, LOCK_EX) == -1 ||
	    (f = fdopen(dup(fd), "w")) == NULL)) {
		close(fd);
		fd = -1;
	}
	if (fd != -1) {
		fprintf(f, "%g\n", secs);
		if (fclose(f) == EOF || rename(tmp, path) == -1) {
			close(fd);
			fd = -1;
		}
	}
	if (fd == -1)
		(void)unlink(tmp);
	free(tmp);
	free(path);
	return fd;
}

void
jobs_wait_end(const char *dir, int fd)
{
	char *path;

	if (fd == -1)
		return;
	path = xasprintf("%s/wait.%ld", dir, (long)getpid());
	(void)unlink(path);
	free(path);
	close(fd);
}

int
jobs_slot_try(const char *dir, int nslots, double secs)
{
	char *path;
	int i, fd;

	(void)mkdirs(dir);
	if (longer_waiter(dir, secs))
		return -1;
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
