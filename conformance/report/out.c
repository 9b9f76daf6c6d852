/* out.c - what the writers share: files, escaping, names. */
#include "rpt.h"

#include <errno.h>
#include <string.h>

FILE *
out_open(const char *path)
{
	return wopen("strategy-report", path);
}

int
out_close(FILE *fp, const char *path)
{
	return wclose("strategy-report", fp, path);
}

void
xml_esc(FILE *fp, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default:
			/* XML 1.0 has no place for other control bytes */
			if ((unsigned char)*s < 0x20 && *s != '\t')
				fputc(' ', fp);
			else
				fputc(*s, fp);
		}
}

void
md_esc(FILE *fp, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			fputs("\\|", fp);
		else if (*s == '\n')
			fputc(' ', fp);
		else
			fputc(*s, fp);
}

void
short_id(const char *id, char *buf, size_t len)
{
	size_t o = 0;

	if (strncmp(id, "SC-", 3) == 0)
		id += 3;
	for (; *id && o + 1 < len; id++)
		if (*id != '-')
			buf[o++] = *id;
	buf[o] = '\0';
}

void
anchor(char *buf, size_t len, const struct results *r, size_t k,
    const char *driver, const char *clause)
{
	char *p;

	snprintf(buf, len, "%s--%s--%s", r->k[k].release, driver, clause);
	for (p = buf; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_'))
			*p = '_';
}
