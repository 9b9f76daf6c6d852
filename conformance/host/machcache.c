/* machcache.c - saved machines kept across runs: see machcache.h. */
#include "machcache.h"
#include "util.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MANIFEST_HEAD	"strategy9 saved machine 1"

char *
mcache_dir(void)
{

	return user_cache_path("STRATEGY9_MACHINES", "machines");
}

long long
mcache_max(char *why, size_t whylen)
{
	const char *e = getenv("STRATEGY9_MACHINES_MAX");
	char *end;
	long long v;

	if (e == NULL || *e == '\0')
		return (long long)MCACHE_MAX_DEFAULT;
	errno = 0;
	v = strtoll(e, &end, 10);
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	else if (*end == 'G' || *end == 'g')
		v <<= 30, end++;
	if (end == e || *end != '\0' || v < 0 || errno != 0)
		return errfmt(why, whylen, "STRATEGY9_MACHINES_MAX=%s: need "
		    "a number of bytes, with K, M or G", e);
	return v;
}

/* src into dst, holes where src has blocks of zeros.  -1 on failure. */
static int
copy_file(const char *src, const char *dst, off_t len)
{
	static char buf[1 << 20];
	int in = open(src, O_RDONLY), out;
	off_t done = 0;
	ssize_t n = 0, k;

	if (in == -1)
		return -1;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (out == -1) {
		close(in);
		return -1;
	}
	while (len < 0 || done < len) {
		size_t want = len < 0 || len - done > (off_t)sizeof(buf) ?
		    sizeof(buf) : (size_t)(len - done);
		if ((n = read(in, buf, want)) <= 0)
			break;
		for (k = 0; k < n && buf[k] == 0; k++)
			continue;
		if (k == n ? lseek(out, n, SEEK_CUR) == -1 :
		    write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
		done += n;
	}
	if (n == -1 || ftruncate(out, done) == -1 || close(out) == -1) {
		close(in);
		unlink(dst);
		return -1;
	}
	close(in);
	return 0;
}

/* A directory of files (no subdirectories), gone. */
void
mcache_remove(const char *entry)
{
	DIR *d = opendir(entry);
	struct dirent *de;
	char *path;

	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			path = xasprintf("%s/%s", entry, de->d_name);
			unlink(path);
			free(path);
		}
		closedir(d);
	}
	rmdir(entry);
}

long long
mcache_size(const char *entry)
{
	DIR *d = opendir(entry);
	struct dirent *de;
	struct stat st;
	long long sum = 0;
	char *path;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		path = xasprintf("%s/%s", entry, de->d_name);
		if (de->d_name[0] != '.' && stat(path, &st) == 0)
			sum += (long long)st.st_blocks * 512;
		free(path);
	}
	closedir(d);
	return sum;
}

/* Each "file\t<name>\t<size>" line of the manifest, in fn; 0 when the
   manifest is whole (its head, its end) and fn took every line. */
static int
manifest_files(const char *entry, int (*fn)(const char *, const char *,
    long long, void *), void *arg)
{
	char *path = xasprintf("%s/%s", entry, MCACHE_MANIFEST);
	char *text = read_file(path, NULL), *line, *next, *f[3];
	int rv = -1, head = 0;

	free(path);
	if (text == NULL)
		return -1;
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (!head) {
			if (strcmp(line, MANIFEST_HEAD) != 0)
				break;
			head = 1;
		} else if (strcmp(line, "end") == 0) {
			rv = 0;
			break;
		} else if (strncmp(line, "file\t", 5) == 0) {
			if (tsv_split(line, f, 3) != 3 ||
			    fn(entry, f[1], atoll(f[2]), arg) == -1)
				break;
		}
	}
	free(text);
	return rv;
}

/* A file of the entry that is not there, or not of its size. */
static int
file_whole(const char *entry, const char *name, long long size, void *arg)
{
	char *path = xasprintf("%s/%s", entry, name), **bad = arg;
	struct stat st;
	int rv = stat(path, &st) == 0 && st.st_size == size ? 0 : -1;

	if (rv == -1 && *bad == NULL)
		*bad = xasprintf("%s %s", name, errno == ENOENT ?
		    "is missing" : "has the wrong size");
	free(path);
	return rv;
}

char *
mcache_find(const char *root, const char *key, char *why, size_t whylen)
{
	char *entry = xasprintf("%s/%s", root, key), *bad = NULL;
	struct stat st;

	why[0] = '\0';
	if (stat(entry, &st) == -1 || !S_ISDIR(st.st_mode)) {
		free(entry);
		return NULL;
	}
	if (manifest_files(entry, file_whole, &bad) == -1) {
		snprintf(why, whylen, "%s", bad != NULL ? bad :
		    "its manifest is not whole");
		free(bad);
		mcache_remove(entry);
		free(entry);
		return NULL;
	}
	utimensat(AT_FDCWD, entry, NULL, 0);	/* used now */
	return entry;
}

/* One file of the entry into the run's directory (arg). */
static int
take_one(const char *entry, const char *name, long long size, void *arg)
{
	char *src, *dst;
	int rv;

	if (strcmp(name, MCACHE_CONSOLE) == 0 ||
	    strcmp(name, MCACHE_ISO) == 0)
		return 0;
	src = xasprintf("%s/%s", entry, name);
	dst = xasprintf("%s/%s", (const char *)arg, name);
	rv = copy_file(src, dst, (off_t)size);
	free(src);
	free(dst);
	return rv;
}

int
mcache_take(const char *entry, const char *dir, char *why, size_t whylen)
{
	if (manifest_files(entry, take_one, (void *)dir) == -1)
		return errfmt(why, whylen, "its files could not be copied "
		    "into %s: %s", dir, strerror(errno));
	return 0;
}

/* Copy dir/name into tmp, its size onto the manifest m. */
static int
keep_file(FILE *m, const char *dir, const char *tmp, const char *name,
    const char *src, off_t len)
{
	char *from = src != NULL ? xstrdup(src) : xasprintf("%s/%s", dir,
	    name), *to = xasprintf("%s/%s", tmp, name);
	struct stat st;
	int rv = copy_file(from, to, len) == -1 || stat(to, &st) == -1 ?
	    -1 : 0;

	if (rv == 0)
		fprintf(m, "file\t%s\t%lld\n", name, (long long)st.st_size);
	free(from);
	free(to);
	return rv;
}

int
mcache_keep(const char *root, const char *key, const char *dir,
    char *const *files, size_t nfiles, const char *console, size_t conslen,
    const char *iso, const char *profile, char *why, size_t whylen)
{
	char *tmp = xasprintf("%s/.new-%s-%ld", root, key, (long)getpid());
	char *final = xasprintf("%s/%s", root, key), *mpath = NULL;
	FILE *m = NULL;
	time_t now = time(NULL);
	int rv = -1;
	size_t i;

	if (access(final, F_OK) == 0) {
		rv = 0;		/* another run kept it first */
		goto out;
	}
	if (mkdirs(root) == -1 || mkdir(tmp, 0777) == -1) {
		errfmt(why, whylen, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	mpath = xasprintf("%s/%s", tmp, MCACHE_MANIFEST);
	if ((m = fopen(mpath, "w")) == NULL) {
		errfmt(why, whylen, "%s: %s", mpath, strerror(errno));
		goto out;
	}
	fprintf(m, "%s\nkey\t%s\nprofile\t%s\nmade\t%s", MANIFEST_HEAD, key,
	    profile, ctime(&now));
	for (i = 0; i < nfiles; i++)
		if (keep_file(m, dir, tmp, files[i], NULL, -1) == -1)
			break;
	if (i < nfiles || keep_file(m, dir, tmp, MCACHE_CONSOLE, console,
	    (off_t)conslen) == -1 || keep_file(m, dir, tmp, MCACHE_ISO, iso,
	    -1) == -1) {
		errfmt(why, whylen, "a copy into %s failed: %s", tmp,
		    strerror(errno));
		goto out;
	}
	fprintf(m, "end\n");
	if (fclose(m) == EOF) {
		m = NULL;
		errfmt(why, whylen, "%s: %s", mpath, strerror(errno));
		goto out;
	}
	m = NULL;
	if (rename(tmp, final) == -1 && errno != EEXIST &&
	    errno != ENOTEMPTY) {
		errfmt(why, whylen, "%s: %s", final, strerror(errno));
		goto out;
	}
	rv = 0;
out:
	if (m != NULL)
		fclose(m);
	if (access(tmp, F_OK) == 0)
		mcache_remove(tmp);	/* failed, or another run's won */
	free(mpath);
	free(tmp);
	free(final);
	return rv;
}

struct entry {
	char *path, *name;
	time_t used;
	long long size;
};

static int
by_use(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->used < y->used ? -1 : x->used > y->used;
}

/* The cache's entries, least recently used first; leftovers of runs
   that died while keeping one (.new-*, a day old) are removed. */
static struct entry *
entries(const char *root, size_t *np)
{
	DIR *d = opendir(root);
	struct dirent *de;
	struct entry *v = NULL;
	struct stat st;
	size_t n = 0;
	char *path;

	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			path = xasprintf("%s/%s", root, de->d_name);
			if (de->d_name[0] == '.' || stat(path, &st) == -1 ||
			    !S_ISDIR(st.st_mode)) {
				if (strncmp(de->d_name, ".new-", 5) == 0 &&
				    stat(path, &st) == 0 &&
				    st.st_mtime < time(NULL) - 86400)
					mcache_remove(path);
				free(path);
				continue;
			}
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n].path = path;
			v[n].name = xstrdup(de->d_name);
			v[n].used = st.st_mtime;
			v[n].size = mcache_size(path);
			n++;
		}
		closedir(d);
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), by_use);
	*np = n;
	return v;
}

static void
entries_free(struct entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].name);
	}
	free(v);
}

int
mcache_prune(const char *root, long long max, const char *keep,
    const char *who)
{
	size_t n, i, pass;
	struct entry *v = entries(root, &n);
	long long total = 0;
	int gone = 0;

	for (i = 0; i < n; i++)
		total += v[i].size;
	/* the others, oldest first; then, if still too much, keep too */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n && total > max; i++) {
			int is_keep = keep != NULL &&
			    strcmp(v[i].path, keep) == 0;
			if (v[i].size < 0 || is_keep != (pass == 1))
				continue;
			fprintf(stderr, "[%s] saved machine %.12s removed "
			    "from the cache (%lld MiB; the cache is bound to "
			    "%lld MiB)\n", who, v[i].name, v[i].size >> 20,
			    max >> 20);
			mcache_remove(v[i].path);
			total -= v[i].size;
			v[i].size = -1;
			gone++;
		}
	entries_free(v, n);
	return gone;
}

/* The manifest's line "key\tvalue", or "?". */
static char *
manifest_value(const char *entry, const char *key)
{
	char *path = xasprintf("%s/%s", entry, MCACHE_MANIFEST);
	char *text = read_file(path, NULL), *p, *v;
	size_t n = strlen(key);

	free(path);
	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n') ?
	    strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, key, n) == 0 && p[n] == '\t') {
			v = xstrndup(p + n + 1, strcspn(p + n + 1, "\n"));
			free(text);
			return v;
		}
	free(text);
	return xstrdup("?");
}

long long
mcache_list(const char *root, FILE *fp)
{
	size_t n, i;
	struct entry *v = entries(root, &n);
	long long total = 0;
	char *prof;

	for (i = 0; i < n; i++) {
		prof = manifest_value(v[i].path, "profile");
		fprintf(fp, "%s\t%s\t%lld MiB\tused %ld min ago\n",
		    v[i].name, prof, v[i].size >> 20,
		    (long)(time(NULL) - v[i].used) / 60);
		free(prof);
		total += v[i].size;
	}
	entries_free(v, n);
	return total;
}
