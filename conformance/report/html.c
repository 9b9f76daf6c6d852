/*
 * html.c - report.html: one self-contained page (inline CSS, no script),
 * kernels side by side, one row per driver, one column per clause, a
 * colour and a letter per verdict, the level per driver; every cell
 * links to its detail further down the same page.
 */
#include "rpt.h"

#include <stdlib.h>
#include <string.h>

/* Cell classes by letter; the colours are what the render test looks
   for in the screenshot (conformance/tests/report_test.sh). */
static const char css[] =
"body{font:13px/1.35 sans-serif;margin:16px;color:#111}\n"
"table{border-collapse:collapse}\n"
"th,td{border:1px solid #999;padding:2px 4px}\n"
"table.m td.v{text-align:center;font:bold 12px monospace;padding:0;"
"min-width:18px}\n"
"table.m th.c{writing-mode:vertical-rl;transform:rotate(180deg);"
"font-size:11px;padding:3px 1px}\n"
"table.m td.v a{display:block;padding:3px 4px;color:inherit;"
"text-decoration:none}\n"
"th.k{background:#37474f;color:#fff}\n"
"td.vP{background:#a5d6a7}td.vX{background:#ffcc80}"
"td.vA{background:#b0bec5}"
"td.vF{background:#e53935;color:#fff}td.vB{background:#7e57c2;color:#fff}"
"td.vS{background:#e0e0e0}td.vQ{background:#f48fb1}"
"td.vE{background:#f48fb1}td.vN{background:#fff;color:#999}\n"
"td.lv{white-space:nowrap;font-weight:bold}"
"td.hardint-safe{background:#43a047;color:#fff}"
"td.softint-safe{background:#c5e1a5}td.none{background:#e53935;color:#fff}"
"td.not-established{background:#bdbdbd}td.not-run{background:#fff}\n"
"td.lv a{color:inherit}\n"
"div.d{margin:6px 0 12px 0}div.d:target{outline:3px solid #1e88e5}\n"
"h3:target{outline:3px solid #1e88e5}\n"
"td.det{font-family:monospace;font-size:12px}\n";

static const char *
vclass(char l)
{
	switch (l) {
	case 'P': return "vP";
	case 'X': return "vX";
	case 'A': return "vA";
	case 'F': return "vF";
	case 'B': return "vB";
	case 'S': return "vS";
	case '?': return "vQ";
	case '!': return "vE";
	default: return "vN";
	}
}

static const char *
lclass(enum lvl l)
{
	switch (l) {
	case L_HARDINT: return "hardint-safe";
	case L_SOFTINT: return "softint-safe";
	case L_NONE: return "none";
	case L_NOTRUN: return "not-run";
	default: return "not-established";
	}
}

static void
table(FILE *fp, const struct spec *s, const struct results *r)
{
	struct level lv;
	char h[16], a[256], l, *by;
	size_t k, d, i;

	fputs("<table class=\"m\">\n<thead><tr><th rowspan=\"2\">driver</th>",
	    fp);
	for (k = 0; k < r->nk; k++) {
		fprintf(fp, "<th class=\"k\" colspan=\"%zu\">kernel ",
		    s->n + 1);
		xml_esc(fp, r->k[k].release);
		fprintf(fp, " (%s)%s</th>", r->k[k].version,
		    strcmp(r->k[k].partial, "yes") == 0 ? ", partial" : "");
	}
	fputs("</tr>\n<tr>", fp);
	for (k = 0; k < r->nk; k++) {
		fputs("<th>level</th>", fp);
		for (i = 0; i < s->n; i++) {
			short_id(s->c[i].id, h, sizeof(h));
			fprintf(fp, "<th class=\"c\" title=\"");
			xml_esc(fp, s->c[i].id);
			fputs(": ", fp);
			xml_esc(fp, s->c[i].title);
			fprintf(fp, " (%s)\">%s</th>", s->c[i].level, h);
		}
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (d = 0; d < r->drivers.n; d++) {
		fputs("<tr><th>", fp);
		xml_esc(fp, r->drivers.v[d]);
		fputs("</th>", fp);
		for (k = 0; k < r->nk; k++) {
			driver_level(s, r, k, r->drivers.v[d], &lv, &by);
			anchor(a, sizeof(a), r, k, r->drivers.v[d], "level");
			fprintf(fp, "<td class=\"lv %s\"><a href=\"#%s\">%s"
			    "</a>", lclass(lv.l), a, level_text(&lv));
			if (by != NULL) {
				fputs("<br><small>set by ", fp);
				xml_esc(fp, by);
				fputs("</small>", fp);
				free(by);
			}
			fputs("</td>", fp);
			for (i = 0; i < s->n; i++) {
				if (lv.l == L_NOTRUN) {
					fputs("<td class=\"v vN\">-</td>", fp);
					continue;
				}
				l = cell_letter(s, r, k, r->drivers.v[d],
				    &s->c[i]);
				anchor(a, sizeof(a), r, k, r->drivers.v[d],
				    s->c[i].id);
				fprintf(fp, "<td class=\"v %s\"><a href=\"#%s\">"
				    "%c</a></td>", vclass(l), a, l);
			}
			level_free(&lv);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
}

/* The verdicts of a driver's clause on kernel k, a row per cell. */
static void
clause_cells(FILE *fp, const struct results *r, size_t k, const char *driver,
    const char *clause)
{
	size_t i, n;

	for (i = n = 0; i < r->nc; i++) {
		const struct cell *c = &r->c[i];

		if (c->kernel != k || strcmp(c->driver, driver) != 0 ||
		    strcmp(c->clause, clause) != 0)
			continue;
		if (n++ == 0)
			fputs("<table><tr><th>unit</th><th>context"
			    "</th><th>verdict</th><th>expectation"
			    "</th><th>detail</th></tr>\n", fp);
		fputs("<tr><td>", fp);
		xml_esc(fp, c->profile);
		fputc(':', fp);
		xml_esc(fp, c->unit);
		fputs("</td><td>", fp);
		xml_esc(fp, c->context);
		fprintf(fp, "</td><td>%s", verdict_name(c->v));
		if (strcmp(c->regression, "-") != 0) {
			fputs(" (", fp);
			xml_esc(fp, c->regression);
			fputc(')', fp);
		}
		fputs("</td><td>", fp);
		xml_esc(fp, c->note);
		fputs("</td><td class=\"det\">", fp);
		xml_esc(fp, c->detail);
		fputs("</td></tr>\n", fp);
	}
	fputs(n ? "</table>" : ": no result in this run", fp);
}

static void
details(FILE *fp, const struct spec *s, const struct results *r, size_t k,
    const char *driver)
{
	struct level lv;
	struct strvec att = { 0 };
	char a[256], *by;
	size_t i, j;

	driver_level(s, r, k, driver, &lv, &by);
	if (lv.l == L_NOTRUN) {
		level_free(&lv);
		free(by);
		return;
	}
	anchor(a, sizeof(a), r, k, driver, "level");
	fprintf(fp, "<h3 id=\"%s\">", a);
	xml_esc(fp, driver);
	fprintf(fp, " on %s: %s", r->k[k].release, level_text(&lv));
	if (by != NULL) {
		fputs(", set by ", fp);
		xml_esc(fp, by);
		free(by);
	}
	fputs("</h3>\n", fp);
	attachment_levels(s, r, k, driver, &att);
	if (att.n > 0) {
		fputs("<p>Per attachment:</p><ul>", fp);
		for (i = 0; i < att.n; i++) {
			fputs("<li>", fp);
			xml_esc(fp, att.v[i]);
			fputs("</li>", fp);
		}
		fputs("</ul>\n", fp);
	}
	strvec_free(&att);
	if (lv.why.n > 0) {
		fputs("<ul>", fp);
		for (i = 0; i < lv.why.n; i++) {
			fputs("<li>", fp);
			xml_esc(fp, lv.why.v[i]);
			fputs("</li>", fp);
		}
		fputs("</ul>\n", fp);
	}
	level_free(&lv);
	for (j = 0; j < s->n; j++) {
		anchor(a, sizeof(a), r, k, driver, s->c[j].id);
		fprintf(fp, "<div class=\"d\" id=\"%s\"><b>", a);
		xml_esc(fp, s->c[j].id);
		fputs(" ", fp);
		xml_esc(fp, s->c[j].title);
		fprintf(fp, "</b> (%s)", s->c[j].level);
		clause_cells(fp, r, k, driver, s->c[j].id);
		fputs("</div>\n", fp);
	}
}

/* The table of kernels: what each ran, and how. */
static void
kernels(FILE *fp, const struct results *r)
{
	size_t k, i;
	char *p;

	fputs("<h2>Kernels</h2>\n<table><tr><th>kernel</th>"
	    "<th>__NetBSD_Version__</th><th>profiles</th><th>accel</th>"
	    "<th>started</th><th>partial</th><th>devices</th>"
	    "<th>contexts</th><th>detectors</th></tr>\n", fp);
	for (k = 0; k < r->nk; k++) {
		const struct kernel *x = &r->k[k];
		const char *f[9];

		p = join(&x->profiles);
		f[0] = x->release; f[1] = x->version; f[2] = p;
		f[3] = x->accel; f[4] = x->started; f[5] = x->partial;
		f[6] = x->devices; f[7] = x->contexts; f[8] = x->detectors;
		fputs("<tr>", fp);
		for (i = 0; i < 9; i++) {
			fputs("<td>", fp);
			xml_esc(fp, f[i]);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
		free(p);
	}
	fputs("</table>\n", fp);
}

int
write_html(const char *path, const struct spec *s, const struct results *r)
{
	struct strvec notes = { 0 };
	size_t k, d, i;
	char *p;
	FILE *fp;

	if ((fp = out_open(path)) == NULL)
		return -1;
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\">\n<title>strategy(9) conformance report"
	    "</title>\n<style>\n%s</style></head>\n<body>\n<h1>strategy(9) "
	    "conformance report</h1>\n<p>Generated by strategy-report from ",
	    css);
	p = join(&r->inputs);
	xml_esc(fp, p);
	free(p);
	fprintf(fp, "; checker version %s.</p>\n",
	    r->nk ? r->k[0].checker : "-");
	if ((p = incomplete_note(r)) != NULL) {
		fputs("<p><b>Incomplete run</b>: ", fp);
		xml_esc(fp, p);
		fputs(".  These profiles could not run to their end; their "
		    "rows are skips with that reason.</p>\n", fp);
		free(p);
	}
	if ((p = partial_note(r)) != NULL) {
		fputs("<p><b>Partial run</b>: ", fp);
		xml_esc(fp, p);
		fputs(".  Devices and contexts outside the selection were "
		    "not judged.</p>\n", fp);
		free(p);
	}
	if ((p = unattributed_note(r)) != NULL) {
		fputs("<p><b>Cases without a device</b>: ", fp);
		xml_esc(fp, p);
		fputs(".  The runner never learnt which cases these were; "
		    "junit.xml counts them as errors; they decide no level, and "
		    "a driver whose clause only they would have judged shows no "
		    "result there.</p>\n", fp);
		free(p);
	}
	table(fp, s, r);
	fputs("<p>", fp);
	xml_esc(fp, letter_legend());
	fputs("; - not run.  Each cell links to its verdicts below.</p>\n",
	    fp);
	level_notes(s, &notes);
	for (i = 0; i < notes.n; i++) {
		fputs("<p>", fp);
		xml_esc(fp, notes.v[i]);
		fputs("</p>\n", fp);
	}
	strvec_free(&notes);
	kernels(fp, r);
	fputs("<h2>Details</h2>\n", fp);
	for (k = 0; k < r->nk; k++)
		for (d = 0; d < r->drivers.n; d++)
			details(fp, s, r, k, r->drivers.v[d]);
	fputs("</body></html>\n", fp);
	return out_close(fp, path);
}
