/*
 * strategy_checker: KTAP version 1 on the console.  Every case is
 * announced before it runs, with the clauses a panic in it would break,
 * so that the host can give a verdict to a case that took the guest
 * down (conformance/PROTOCOL).
 */

#include <sys/param.h>
#include <sys/systm.h>

#include "sc.h"

static struct { int pass, fail, skip, broken; } sc_tally;

static void
sc_case_name(const struct sc_case *c, char *buf, size_t len)
{

	snprintf(buf, len, "%s %s %s", c->c_dev->d_name,
	    sc_ctx_names[c->c_ctx], sc_op_names[c->c_op]);
}

void
sc_announce(const struct sc_case *c)
{
	const char *cl[SC_MAXCLAUSES];
	char name[64];
	int i, n;

	n = sc_case_clauses(c->c_ctx, c->c_op, c->c_dev->d_dks, cl,
	    SC_MAXCLAUSES);
	sc_case_name(c, name, sizeof(name));
	printf("    KTAP version 1\n    # Subtest: %s\n", name);
	/*
	 * What a panic in this case breaks: the op's clause, and the
	 * context's (not callable here).  An absent unit is the one op
	 * whose failure says nothing about the context: its clause is
	 * advisory (no caller reaches a unit without a softc).
	 */
	if (c->c_op == SC_OP_NOUNIT)
		printf("    # on-panic: %s\n", sc_op_clause(c->c_op));
	else if (c->c_op == SC_OP_READ || c->c_op == SC_OP_WRITE)
		printf("    # on-panic: %s\n", sc_ctx_clause(c->c_ctx));
	else
		printf("    # on-panic: %s,%s\n", sc_op_clause(c->c_op),
		    sc_ctx_clause(c->c_ctx));
	printf("    # clauses: ");
	for (i = 0; i < n; i++)
		printf("%s%s", cl[i], i + 1 < n ? "," : "\n");
	printf("    1..%d\n", n);
}

/* The clauses the call's return decides: nothing after it changes them. */
static bool
sc_decided_at_return(const char *clause)
{

	return strcmp(clause, "SC-SLP-1") == 0 ||
	    strcmp(clause, "SC-SLP-2") == 0 ||
	    strcmp(clause, "SC-SLP-3") == 0 ||
	    strcmp(clause, "SC-CTX-6") == 0;
}

static void
sc_result_line(const struct sc_result *r, int num)
{
	static const char *const dir[] = {
		[SCV_PASS] = "", [SCV_FAIL] = "", [SCV_SKIP] = "SKIP ",
		[SCV_ERROR] = "ERROR ",
	};

	printf("    %s %d %s # %s%s\n", r->r_v == SCV_PASS ||
	    r->r_v == SCV_SKIP ? "ok" : "not ok", num, r->r_clause,
	    dir[r->r_v], r->r_detail);
}

/*
 * As soon as the call has returned, the results it decides (the leading
 * SC-SLP-1, SC-SLP-2, SC-SLP-3, SC-CTX-6): a panic while the case waits
 * for its completions (another context tripping over them) then leaves
 * whether the call slept established, not open.  Returns how many were
 * printed; sc_report() prints the rest.
 */
int
sc_report_returned(const struct sc_case *c, const struct sc_result *res,
    int n)
{
	int i;

	for (i = 0; i < n && sc_decided_at_return(res[i].r_clause); i++)
		sc_result_line(&res[i], i + 1);
	return i;
}

void
sc_report(const struct sc_case *c, const struct sc_result *res, int n,
    int printed)
{
	char name[64];
	bool fail = false, all_skip = true;
	int i;

	for (i = 0; i < n; i++) {
		if (i >= printed)
			sc_result_line(&res[i], i + 1);
		switch (res[i].r_v) {
		case SCV_PASS:
			sc_tally.pass++;
			all_skip = false;
			break;
		case SCV_FAIL:
			sc_tally.fail++;
			fail = true;
			all_skip = false;
			break;
		case SCV_SKIP:
			sc_tally.skip++;
			break;
		case SCV_ERROR:
			sc_tally.broken++;
			fail = true;
			all_skip = false;
			break;
		}
	}
	sc_case_name(c, name, sizeof(name));
	printf("%s %d %s%s\n", fail ? "not ok" : "ok", c->c_num, name,
	    all_skip ? " # SKIP" : "");
}

/* Every clause of an announced case, with one verdict and reason. */
void
sc_report_all(const struct sc_case *c, enum sc_verdict v, const char *why)
{
	struct sc_result res[SC_MAXCLAUSES];
	const char *cl[SC_MAXCLAUSES];
	int i, n;

	n = sc_case_clauses(c->c_ctx, c->c_op, c->c_dev->d_dks, cl,
	    SC_MAXCLAUSES);
	for (i = 0; i < n; i++) {
		res[i].r_clause = cl[i];
		res[i].r_v = v;
		strlcpy(res[i].r_detail, why, sizeof(res[i].r_detail));
	}
	sc_report(c, res, n, 0);
}

/* A case that is not run at all: one line, no subtests. */
void
sc_report_skip(const struct sc_case *c, const char *why)
{
	char name[64];

	sc_case_name(c, name, sizeof(name));
	printf("ok %d %s # SKIP %s\n", c->c_num, name, why);
	sc_tally.skip++;
}

void
sc_tally_print(void)
{

	printf("# strategy-checker: done pass=%d fail=%d skip=%d broken=%d\n",
	    sc_tally.pass, sc_tally.fail, sc_tally.skip, sc_tally.broken);
}
