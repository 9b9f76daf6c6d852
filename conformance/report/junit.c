/*
 * junit.xml: one testsuite per kernel and profile, one testcase per
 * device, context and clause.  An expected fail is a skipped test that
 * says so (never a plain pass); a fail, an unexpected pass and an
 * unexpected skip are failures, because each makes the run red; a broken
 * case is an error; a skip is skipped.  The detail is the message.
 */
#include "rpt.h"

#include <stdlib.h>
#include <string.h>

enum jkind { J_PASS, J_FAIL, J_ERROR, J_SKIP };

static enum jkind
kind(const struct cell *c)
{
	if (c->v == V_FAIL || strcmp(c->regression, "-") != 0)
		return J_FAIL;
	if (c->v == V_BROKEN)
		return J_ERROR;
	if (c->v == V_SKIP || c->v == V_XFAIL)
		return J_SKIP;
	return J_PASS;
}

static void
prop(FILE *fp, const char *name, const char *value)
{
	fprintf(fp, "<property name=\"%s\" value=\"", name);
	xml_esc(fp, value);
	fputs("\"/>", fp);
}

static void
testcase(FILE *fp, const struct cell *c)
{
	static const char *const tag[] = { NULL, "failure", "error",
	    "skipped" };
	enum jkind j = kind(c);
	char *msg;

	fputs("  <testcase classname=\"", fp);
	xml_esc(fp, c->profile);
	fputc('.', fp);
	xml_esc(fp, c->unit);
	fputs("\" name=\"", fp);
	xml_esc(fp, c->context);
	fputc(' ', fp);
	xml_esc(fp, c->clause);
	fputs("\">\n   <properties>", fp);
	prop(fp, "verdict", verdict_name(c->v));
	prop(fp, "regression", c->regression);
	prop(fp, "note", c->note);
	prop(fp, "attachment", c->attach);
	prop(fp, "row", c->row);
	prop(fp, "cause", c->cause);
	fputs("</properties>\n", fp);
	if (j != J_PASS) {
		if (c->v == V_XFAIL && strcmp(c->cause, "emulator") == 0)
			msg = xasprintf("QEMU artefact, not the driver: %s: %s",
			    c->note, c->detail);
		else if (c->v == V_XFAIL)
			msg = xasprintf("expected failure: %s: %s", c->note,
			    c->detail);
		else if (strcmp(c->regression, "-") != 0)
			msg = xasprintf("%s: %s", c->regression, c->detail);
		else
			msg = xstrdup(c->detail);
		fprintf(fp, "   <%s message=\"", tag[j]);
		xml_esc(fp, msg);
		fprintf(fp, "\" type=\"%s\"/>\n", c->v == V_XFAIL &&
		    strcmp(c->cause, "emulator") == 0 ? "artefact" :
		    c->v == V_XFAIL ? "xfail" :
		    strcmp(c->regression, "-") != 0 ? c->regression :
		    verdict_name(c->v));
		free(msg);
	}
	fputs("  </testcase>\n", fp);
}

int
write_junit(const char *path, const struct results *r)
{
	long n[4], total[4] = { 0 };
	size_t k, p, i;
	FILE *fp;

	if ((fp = out_open(path)) == NULL)
		return -1;
	for (i = 0; i < r->nc; i++)
		total[kind(&r->c[i])]++;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"strategy9\" tests=\"%zu\" failures=\"%ld\" "
	    "errors=\"%ld\" skipped=\"%ld\">\n", r->nc, total[J_FAIL],
	    total[J_ERROR], total[J_SKIP]);
	for (k = 0; k < r->nk; k++)
		for (p = 0; p < r->k[k].profiles.n; p++) {
			const char *prof = r->k[k].profiles.v[p];
			size_t tests = 0;

			memset(n, 0, sizeof(n));
			for (i = 0; i < r->nc; i++)
				if (r->c[i].kernel == k &&
				    strcmp(r->c[i].profile, prof) == 0) {
					tests++;
					n[kind(&r->c[i])]++;
				}
			fputs(" <testsuite name=\"", fp);
			xml_esc(fp, r->k[k].release);
			fputc('/', fp);
			xml_esc(fp, prof);
			fprintf(fp, "\" tests=\"%zu\" failures=\"%ld\" "
			    "errors=\"%ld\" skipped=\"%ld\" timestamp=\"",
			    tests, n[J_FAIL], n[J_ERROR], n[J_SKIP]);
			xml_esc(fp, r->k[k].started);
			fputs("\">\n  <properties>", fp);
			prop(fp, "kernel", r->k[k].release);
			prop(fp, "version", r->k[k].version);
			prop(fp, "checker", r->k[k].checker);
			prop(fp, "profile", prof);
			prop(fp, "partial", r->k[k].partial);
			prop(fp, "incomplete", r->k[k].incomplete);
			prop(fp, "detectors", r->k[k].detectors);
			prop(fp, "accel", r->k[k].accel);
			fputs("</properties>\n", fp);
			for (i = 0; i < r->nc; i++)
				if (r->c[i].kernel == k &&
				    strcmp(r->c[i].profile, prof) == 0)
					testcase(fp, &r->c[i]);
			fputs(" </testsuite>\n", fp);
		}
	fputs("</testsuites>\n", fp);
	return out_close(fp, path);
}
