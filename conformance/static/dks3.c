/*
 * dks3.c - SC-DKS-3: a d_diskstart that can defer a buf needs a
 * dk_start() in its driver's completion path.  A check of its own, on
 * the graph the search built, with its own notion of entry points
 * (interrupt handlers, callouts, b_iodone, ...).
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

/* Whether node n calls a function of that name directly. */
const struct site *
calls(struct graph *g, uint32_t n, const char *name)
{
	uint32_t i;

	for (i = 0; i < g->n[n].ns; i++)
		if (g->n[n].s[i].type == SITE_CALL &&
		    strcmp(S(g, g->n[n].s[i].target), name) == 0)
			return &g->n[n].s[i];
	return NULL;
}

/*
 * SC-DKS-3: a d_diskstart that can defer a buf (returns EAGAIN or
 * ENOMEM, itself or through a function of its file that it calls)
 * needs a dk_start() from its driver's completion path or a callout.
 * The completion path: the functions of the root's file that call
 * dk_done() or biodone(), or are a b_iodone, a callout, softint or
 * workqueue handler, and what they call in that file (four calls
 * deep).  Returns the row's status; adds a finding when none is there.
 */
static const char *const restart_slots[] = {
	"*.b_iodone", "callout_reset()#2", "callout_setfunc()#1",
	"softint_establish()#1", "workqueue_create()#2", "kthread_create()#3",
	"*intr_establish*()#*", NULL
};

/*
 * Whether a function is a completion or timer entry: stored into one
 * of restart_slots (an interrupt handler, a b_iodone, a callout, a
 * soft interrupt, a workqueue or a worker thread).  The slots are
 * scanned once, into a mark per key.
 */
static int
entry_key(struct graph *g, uint32_t key)
{
	static uint8_t *mark;
	static uint32_t nmark;
	uint32_t id, j;
	int i;

	if (mark == NULL) {
		nmark = g->nstr;
		mark = xcalloc(nmark + 1, 1);
		for (id = 0; id < g->capidx && id < g->nstr; id++) {
			if (g->slots[id].n == 0)
				continue;
			for (i = 0; restart_slots[i] != NULL; i++)
				if (fnmatch(restart_slots[i], S(g, id), 0) == 0)
					break;
			if (restart_slots[i] == NULL)
				continue;
			for (j = 0; j < g->slots[id].n; j++)
				if (g->slots[id].v[j] < nmark)
					mark[g->slots[id].v[j]] = 1;
		}
	}
	return key < nmark && mark[key];
}

char *
dks3(struct graph *g, const struct root *r, const struct list *start,
    struct lintresult *res, size_t *fcap, const char *driver)
{
	struct list todo = { 0 }, mark = { 0 }, one = { 0 };
	uint32_t i, j, k, n, file = r->file, dn = UINT32_MAX;
	const struct site *st;
	int defers = 0, depth, in;
	size_t lvl;
	char *chain, *ans = NULL;

	for (i = 0; i < start->n && !defers; i++) {
		n = start->v[i];
		if (g->n[n].defers) {
			defers = 1;
			dn = n;
		}
		for (j = 0; j < g->n[n].ns && !defers; j++) {
			if (g->n[n].s[j].type != SITE_CALL)
				continue;
			resolve(g, g->n[n].s[j].target,
			    S(g, g->n[n].s[j].file), &one);
			for (k = 0; k < one.n; k++)
				if (g->n[one.v[k]].file == file &&
				    g->n[one.v[k]].defers) {
					defers = 1;
					dn = one.v[k];
				}
		}
	}
	if (!defers) {
		free(one.v);
		return xstrdup("never defers");
	}
	/* the completion path's entries in the root's file */
	for (n = 0; n < g->nn; n++) {
		if (g->n[n].file != file)
			continue;
		in = calls(g, n, "dk_done") != NULL ||
		    calls(g, n, "biodone") != NULL ||
		    entry_key(g, g->n[n].key);
		if (in)
			list_add(&todo, n, 1);
	}
	for (i = 0; i < todo.n; i++)
		list_add(&mark, todo.v[i], 1);
	for (depth = 0, lvl = 0; depth < 4; depth++) {
		size_t end = mark.n;

		for (; lvl < end; lvl++) {
			n = mark.v[lvl];
			for (j = 0; j < g->n[n].ns; j++) {
				if (g->n[n].s[j].type != SITE_CALL)
					continue;
				resolve(g, g->n[n].s[j].target,
				    S(g, g->n[n].s[j].file), &one);
				for (k = 0; k < one.n; k++)
					if (g->n[one.v[k]].file == file)
						list_add(&mark, one.v[k], 1);
			}
		}
	}
	for (i = 0; i < mark.n && ans == NULL; i++)
		if ((st = calls(g, mark.v[i], "dk_start")) != NULL)
			ans = xasprintf("restarts: %s (%s:%u)",
			    S(g, g->n[mark.v[i]].name), S(g, st->file),
			    st->line);
	if (ans == NULL) {
		chain = xasprintf("%s (%s:%u) may return EAGAIN or ENOMEM -> "
		    "no dk_start() in a completion path or callout of %s",
		    S(g, g->n[dn].name), S(g, g->n[dn].file), g->n[dn].line,
		    S(g, file));
		add_finding(res, fcap, g, driver, r, "SC-DKS-3", "no-restart",
		    "dk_start", dn, chain, xstrdup(""), NULL);
		ans = xstrdup("finding");
	}
	free(todo.v);
	free(mark.v);
	free(one.v);
	return ans;
}
