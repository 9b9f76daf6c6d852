/*
 * sinks.c - the data file of what may sleep, block or spin.
 *
 * Kept out of the code so that a reviewer can add a sleeper, or a call
 * not to follow, without reading C; its hash is part of the cache key
 * because the extractor records arguments only for the names it lists.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "util.h"

static int
parse_rule(struct sink *s, char *rule)
{
	char *eq;

	if (strcmp(rule, "always") == 0)
		s->rule = RULE_ALWAYS;
	else if (strcmp(rule, "true") == 0)
		s->rule = RULE_TRUE;
	else if (strcmp(rule, "kmem") == 0)
		s->rule = RULE_KMEM;
	else if (strcmp(rule, "lock") == 0)
		s->rule = RULE_LOCK;
	else if (strcmp(rule, "lockinit") == 0)
		s->rule = RULE_LOCKINIT;
	else if (strcmp(rule, "lockalloc") == 0)
		s->rule = RULE_LOCKALLOC;
	else if (strcmp(rule, "stop") == 0)
		s->rule = RULE_STOP;
	else if (strncmp(rule, "delay:", 6) == 0) {
		s->rule = RULE_DELAY;
		s->mask = strtoll(rule + 6, NULL, 0);
	} else if (strncmp(rule, "alias:", 6) == 0) {
		s->rule = RULE_ALIAS;
		s->flag = xstrdup(rule + 6);
	} else if (strncmp(rule, "set:", 4) == 0 ||
	    strncmp(rule, "clear:", 6) == 0) {
		s->rule = rule[0] == 's' ? RULE_SET : RULE_CLEAR;
		rule = strchr(rule, ':') + 1;
		if ((eq = strchr(rule, '=')) == NULL)
			return -1;
		*eq = '\0';
		s->flag = xstrdup(rule);
		s->mask = strtoll(eq + 1, NULL, 0);
	} else
		return -1;
	return 0;
}

int
sinks_load(const char *path, struct sinks *sk, char *err, size_t errlen)
{
	char *text, *line, *next, *f[8];
	size_t len, cap = 0;
	int lineno = 0, nf;
	struct sink *s;

	memset(sk, 0, sizeof(*sk));
	sk->adaptive_ipl_max = 5;
	if ((text = read_file(path, &len)) == NULL)
		return errfmt(err, errlen, "%s: %s", path, strerror(errno));
	sk->hash = HASH_INIT;
	for (line = text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		rstrip(line);
		if (line[0] == '#' || line[0] == '\0')
			continue;
		nf = tsv_split(line, f, 8);
		if (line[0] == '@') {
			if (nf < 2)
				goto bad;
			if (strcmp(f[0], "@adaptive-ipl-max") == 0)
				sk->adaptive_ipl_max = strtoll(f[1], NULL, 0);
			else if (strcmp(f[0], "@mutex-spin") == 0)
				sk->mutex_spin = strtoll(f[1], NULL, 0);
			else if (strcmp(f[0], "@fresh") == 0 && nf >= 4) {
				/* @fresh fn struct.field value why: what the
				 * object fn returns holds (link time only) */
				sk->fresh = xrealloc(sk->fresh, (sk->nfresh +
				    1) * sizeof(*sk->fresh));
				sk->fresh[sk->nfresh].fn = xstrdup(f[1]);
				sk->fresh[sk->nfresh].field = xstrdup(f[2]);
				sk->fresh[sk->nfresh++].v =
				    strtoll(f[3], NULL, 0);
			} else
				goto bad;
			continue;
		}
		if (nf < 6)
			goto bad;
		if (sk->n == cap) {
			cap = cap ? cap * 2 : 64;
			sk->v = xrealloc(sk->v, cap * sizeof(*sk->v));
		}
		s = &sk->v[sk->n];
		memset(s, 0, sizeof(*s));
		len = strlen(f[0]);
		s->prefix = len > 1 && f[0][len - 1] == '*';
		s->name = xstrndup(f[0], s->prefix ? len - 1 : len);
		s->clause = xstrdup(f[1]);
		s->kind = xstrdup(f[2]);
		s->arg = strcmp(f[4], "-") == 0 ? -1 : atoi(f[4]);
		s->why = xstrdup(f[5]);
		if (parse_rule(s, f[3]) != 0)
			goto bad;
		/*
		 * The cache key covers what the extractor reads: names whose
		 * arguments it records.  A sleeper called plainly, a stop or
		 * an alias is judged at link time from the call itself.
		 */
		if (s->rule != RULE_ALWAYS && s->rule != RULE_STOP &&
		    s->rule != RULE_ALIAS) {
			sk->hash = hash_bytes(sk->hash, f[0], strlen(f[0]) + 1);
			sk->hash = hash_bytes(sk->hash, f[3], strlen(f[3]) + 1);
		}
		sk->n++;
	}
	free(text);
	return 0;
bad:
	free(text);
	return errfmt(err, errlen, "%s:%d: malformed line", path, lineno);
}

/* An exact name wins over a prefix ("VOP_*"). */
const struct sink *
sinks_find(const struct sinks *sk, const char *name)
{
	const struct sink *best = NULL;
	size_t i;

	for (i = 0; i < sk->n; i++) {
		if (sk->v[i].prefix) {
			if (best == NULL && strncmp(name, sk->v[i].name,
			    strlen(sk->v[i].name)) == 0)
				best = &sk->v[i];
		} else if (strcmp(name, sk->v[i].name) == 0)
			return &sk->v[i];
	}
	return best;
}
