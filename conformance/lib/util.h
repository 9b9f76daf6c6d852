/* util.h - small helpers shared by the strategy9 host tools. */
#ifndef STRATEGY9_UTIL_H
#define STRATEGY9_UTIL_H

#include <stddef.h>

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* A path of the user's: $env when set, else name in strategy9/ of the
   user's cache (XDG_CACHE_HOME, else ~/.cache). */
char *user_cache_path(const char *env, const char *name);

/* Growable array of strings (argv-like, NULL-terminated). */
struct strvec {
	char **v;
	size_t n, cap;
};
void strvec_push(struct strvec *, const char *);
void strvec_pushf(struct strvec *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void strvec_free(struct strvec *);

/* Copy s into a TSV field: tabs, CR and LF become spaces. */
char *tsv_clean(const char *s);
/* Remove trailing whitespace (incl. \r\n) in place. */
void rstrip(char *);
/* Is word one of the comma-separated list ("SC-SLP-1,SC-CTX-5")? */
int comma_list_has(const char *list, const char *word);
/* Split s at tabs in place; returns the number of fields (<= max). */
int tsv_split(char *s, char **fields, int max);
/* Read a whole file; NULL with errno set on failure. */
char *read_file(const char *path, size_t *lenp);
/* Format a message into err[errlen]; returns -1, for "return errfmt(...)". */
int errfmt(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* mkdir -p */
int mkdirs(const char *path);

#include <stdio.h>
/* A result file to write; a failure is reported on stderr as "who:
   path: reason".  wclose() also reports a write error; -1 on either. */
FILE *wopen(const char *who, const char *path);
int wclose(const char *who, FILE *, const char *path);

/* Run argv (stdout to stderr) and wait: 0 if it exited 0, else -1
   with a message naming what. */
int run_wait(char *const *argv, const char *what);

#endif
