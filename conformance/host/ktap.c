/* ktap.c - line classifier for the checker's console protocol. */
#include "ktap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void
copy(char *dst, const char *src, size_t n)
{
	if (n >= KTAP_MAXTEXT)
		n = KTAP_MAXTEXT - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	/* trim trailing blanks */
	while (n > 0 && isspace((unsigned char)dst[n - 1]))
		dst[--n] = '\0';
}

static int
prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* "ok N desc # directive" or "not ok N desc # directive" */
static int
parse_result(const char *s, struct ktap_line *o)
{
	const char *p, *hash;
	char *end;

	if (prefix(s, "ok ")) {
		o->ok = 1;
		s += 3;
	} else if (prefix(s, "not ok ")) {
		o->ok = 0;
		s += 7;
	} else
		return 0;
	if (!isdigit((unsigned char)*s))
		return 0;
	o->num = strtol(s, &end, 10);
	s = end;
	if (*s != '\0' && *s != ' ')
		return 0;
	while (*s == ' ')
		s++;
	if (*s == '-' && s[1] == ' ')	/* TAP's optional "- " */
		s += 2;
	hash = strstr(s, " # ");
	if (hash == NULL && prefix(s, "# "))
		hash = s - 1;
	if (hash == NULL) {
		copy(o->desc, s, strlen(s));
		return 1;
	}
	copy(o->desc, s, (size_t)(hash - s));
	p = hash + 3;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "SKIP", 4) == 0 &&
	    (p[4] == '\0' || p[4] == ' ' || p[4] == ':')) {
		o->directive = KD_SKIP;
		p += 4;
		while (*p == ' ' || *p == ':')
			p++;
	} else if (strncmp(p, "ERROR", 5) == 0 &&
	    (p[5] == '\0' || p[5] == ' ' || p[5] == ':')) {
		o->directive = KD_ERROR;
		p += 5;
		while (*p == ' ' || *p == ':')
			p++;
	} else if (strncasecmp(p, "TODO", 4) == 0 &&
	    (p[4] == '\0' || p[4] == ' ')) {
		o->directive = KD_TODO;
		p += 4;
		while (*p == ' ')
			p++;
	}
	copy(o->text, p, strlen(p));
	return 1;
}

/* # device <xname> attach="..." rest */
static void
parse_device(const char *s, struct ktap_line *o)
{
	const char *p = s, *a, *q;
	size_t n;

	while (*p && *p != ' ')
		p++;
	copy(o->desc, s, (size_t)(p - s));
	o->text[0] = '\0';
	a = strstr(p, "attach=\"");
	if (a != NULL) {
		a += 8;
		q = strchr(a, '"');
		copy(o->text, a, q ? (size_t)(q - a) : strlen(a));
		p = q != NULL ? q + 1 : p;
	}
	o->chain[0] = '\0';
	a = strstr(p, "chain=\"");
	if (a != NULL) {
		a += 7;
		q = strchr(a, '"');
		n = q ? (size_t)(q - a) : strlen(a);
		if (n >= sizeof(o->chain))
			n = sizeof(o->chain) - 1;
		memcpy(o->chain, a, n);
		o->chain[n] = '\0';
	}
}

/* "# <p>": a protocol comment (the checker's extensions of KTAP). */
static enum ktap_kind
parse_comment(const char *p, struct ktap_line *o)
{
	if (prefix(p, "Subtest: ")) {
		copy(o->desc, p + 9, strlen(p + 9));
		return KT_SUBTEST;
	}
	if (prefix(p, "on-panic: ")) {
		copy(o->desc, p + 10, strlen(p + 10));
		return KT_ONPANIC;
	}
	if (prefix(p, "watch: ")) {
		copy(o->text, p + 7, strlen(p + 7));
		return KT_WATCH;
	}
	if (prefix(p, "clauses: ")) {
		copy(o->text, p + 9, strlen(p + 9));
		return KT_CLAUSES;
	}
	if (prefix(p, "device ")) {
		parse_device(p + 7, o);
		return KT_DEVICE;
	}
	if (prefix(p, "strategy-checker: done")) {
		copy(o->text, p + 22, strlen(p + 22));
		return KT_DONE;
	}
	if (prefix(p, "strategy-checker: ")) {
		copy(o->text, p + 18, strlen(p + 18));
		return KT_HEADER;
	}
	copy(o->text, p, strlen(p));
	return KT_DIAG;
}

enum ktap_kind
ktap_parse_line(const char *line, struct ktap_line *o)
{
	char buf[KTAP_MAXTEXT * 2];
	const char *s, *p;
	size_t n = strlen(line);

	memset(o, 0, sizeof(*o));
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, line, n);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' ||
	    buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	/* A console may prefix lines with stray CRs. */
	s = buf;
	while (*s == '\r')
		s++;

	if (strncmp(s, "    ", 4) == 0 && s[4] != ' ') {
		o->level = 1;
		s += 4;
	} else if (*s == ' ' || *s == '\t')
		goto other;

	if (strcmp(s, "KTAP version 1") == 0)
		return o->kind = KT_VERSION;
	if (isdigit((unsigned char)s[0]) && prefix(s, "1..")) {
		char *end;
		o->num = strtol(s + 3, &end, 10);
		if (*end == '\0')
			return o->kind = KT_PLAN;
		goto other;
	}
	if (parse_result(s, o))
		return o->kind = KT_RESULT;
	n = (size_t)o->level;
	memset(o, 0, sizeof(*o));
	o->level = (int)n;
	if (prefix(s, "# "))
		return o->kind = parse_comment(s + 2, o);
other:
	memset(o, 0, sizeof(*o));
	p = strstr(buf, "panic: ");
	if (p != NULL) {
		copy(o->text, p, strlen(p));
		return o->kind = KT_PANIC;
	}
	return o->kind = KT_OTHER;
}
