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

void
sc_report(const struct sc_case *c, const struct sc_result *res, int n)
{
	static const char *const dir[] = {
		[V_PASS] = "", [V_FAIL] = "", [V_SKIP] = "SKIP ",
		[V_ERROR] = "ERROR ",
	};
	char name[64];
	bool fail = false, all_skip = true;
	int i;

	for (i = 0; i < n; i++) {
		printf("    %s %d %s # %s%s\n", res[i].r_v == V_PASS ||
		    res[i].r_v == V_SKIP ? "ok" : "not ok", i + 1,
		    res[i].r_clause, dir[res[i].r_v], res[i].r_detail);
		switch (res[i].r_v) {
		case V_PASS:
			sc_tally.pass++;
			all_skip = false;
			break;
		case V_FAIL:
			sc_tally.fail++;
			fail = true;
			all_skip = false;
			break;
		case V_SKIP:
			sc_tally.skip++;
			break;
		case V_ERROR:
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
	sc_report(c, res, n);
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
