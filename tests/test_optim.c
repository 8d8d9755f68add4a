/*
** test_optim.c: dtsim optimise (sim/optim.c, optimmap.c, optimspec.c,
** optimini.c, cmd_optimise.c) on small problems in tests/data/optim/:
** the stick-breaking map stays on the simplex; a two-variable problem's
** optimum is the brute-force grid's within the grid's resolution and meets
** its constraint; an infeasible problem is reported as such, with the
** least-violating point written; the same seed gives the same roadmap.ini,
** byte for byte; `dtsim run` on roadmap.ini reproduces summary.csv byte
** for byte; bad sections are errors at FILE:LINE, exit 2, nothing written.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "optim.h"
#include "optimmap.h"
#include "optimspec.h"
#include "scenario.h"
#include "uncertainty.h"
#include "testproc.h"
#include "testutil.h"

static struct proc_sandbox sb;

static int setup(void **state)
{
	(void)state;
	return proc_sandbox_enter(&sb, "test_optim");
}

static int teardown(void **state)
{
	(void)state;
	return proc_sandbox_leave(&sb);
}

/* The problem of tests/data/optim/NAME, loaded and resolved. */
struct problem {
	struct scenario *sc;
	struct model_params *years;
	size_t nyears;
	struct optim_spec sp;
	struct optim *op;
	struct unc_set *u;   /* the robust mode's uncertain parameters */
};

static void problem_load(struct problem *p, const char *name)
{
	struct errlist uel = { NULL, 0, 0 };
	char path[PATH_MAX + 64];
	struct errlist el = { NULL, 0, 0 };
	struct err e;

	memset(p, 0, sizeof *p);
	snprintf(path, sizeof path, "%s/tests/data/optim/%s", sb.srcdir, name);
	if (scenario_load(path, &p->sc, &e) != 0 ||
	    scenario_resolve(p->sc, &p->years, &p->nyears, &e) != 0)
		fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
	assert_int_equal(optimspec_build(p->sc, p->years, p->nyears, &p->sp, &el), 0);
	if (p->sp.robust_runs > 0)
		assert_int_equal(unc_build(p->sc, &p->u, &uel), 0);
	assert_non_null(p->op = optim_new(&p->sp, p->years, p->nyears, p->u, &e));
}

static void problem_free(struct problem *p)
{
	optim_free(p->op);
	unc_free(p->u);
	optimspec_free(&p->sp);
	free(p->years);
	scenario_free(p->sc);
}

/* Runs dtsim with the arguments (NULL-ended); "data/X" names
** tests/data/optim/X in the source tree. */
static int dtsim(struct proc_result *r, ...)
{
	char *argv[20] = { sb.dtsim };
	static char buf[16][PATH_MAX + 64];
	va_list ap;
	int n = 1;
	const char *a;

	va_start(ap, r);
	while ((a = va_arg(ap, const char *)) != NULL && n < 16) {
		if (strncmp(a, "data/", 5) == 0)
			snprintf(buf[n], sizeof buf[n], "%s/tests/data/optim/%s", sb.srcdir, a + 5);
		else
			snprintf(buf[n], sizeof buf[n], "%s", a);
		argv[n] = buf[n];
		n++;
	}
	va_end(ap);
	argv[n] = NULL;
	return proc_run(argv, NULL, r);
}

/* Every point of a grid over the unit cube maps to shares >= 0 that sum
** to 1, and the inverse map gives the point back (MODEL: docs/OPTIMISE.md,
** "Shares on the simplex"). */
static void shares_on_simplex(void **state)
{
	double u[DOM_COUNT], s[DOM_COUNT], back[DOM_COUNT];

	(void)state;
	for (int t = 0; t < 200; t++) {
		double sum = 0;
		for (size_t i = 0; i + 1 < DOM_COUNT; i++)
			u[i] = fmod(0.1234 + 0.6180339887 * (double)(t * (int)DOM_COUNT + (int)i), 1.0);
		if (t == 0)
			for (size_t i = 0; i + 1 < DOM_COUNT; i++)
				u[i] = i % 2;  /* corners: all of a share, none of others */
		optimmap_shares(u, s);
		for (size_t i = 0; i < DOM_COUNT; i++) {
			assert_true(s[i] >= 0 && s[i] <= 1);
			sum += s[i];
		}
		assert_close(sum, 1, 0, 1e-15);
		if (t > 0) {
			optimmap_unshares(s, back);
			for (size_t i = 0; i + 1 < DOM_COUNT; i++)
				assert_close(back[i], u[i], 1e-9, 1e-9);
		}
	}
	/* u = 1/2 everywhere: each b_i is 1 - 2^(-1/(K-1-i)) of what is left. */
	for (size_t i = 0; i + 1 < DOM_COUNT; i++)
		u[i] = 0.5;
	optimmap_shares(u, s);
	assert_close(s[0], 1 - pow(0.5, 1.0 / (double)(DOM_COUNT - 1)), 1e-15, 0);
}

/* The two budgets of tests/data/optim/two.ini on a grid of GRID x GRID
** points against the search with 400 evaluations: the search's optimum is
** feasible, at least as good as the grid's best feasible point, better by
** no more than the objective changes from that point to a neighbour, and
** within one grid step of it in each variable. */
#define GRID 20
static void matches_grid(void **state)
{
	struct problem p;
	struct optim_result *r;
	struct optim_opts oo = { NULL, NULL };
	struct optim_point pt;
	double f[GRID + 1][GRID + 1], h = 1.0 / GRID, spread = 0;
	int ok[GRID + 1][GRID + 1], bi = -1, bj = -1;
	struct err e;

	(void)state;
	problem_load(&p, "two.ini");
	assert_int_equal(p.sp.nvar, 2);
	for (int i = 0; i <= GRID; i++)
		for (int j = 0; j <= GRID; j++) {
			double x[2] = { i * h, j * h };
			assert_int_equal(optim_evaluate(p.op, x, &pt), 0);
			f[i][j] = pt.f;
			ok[i][j] = pt.feasible;
			if (pt.feasible && (bi < 0 || pt.f < f[bi][bj])) {
				bi = i;
				bj = j;
			}
			optim_point_free(&pt);
		}
	assert_true(bi >= 0);
	for (int di = -1; di <= 1; di++)
		for (int dj = -1; dj <= 1; dj++) {
			int i = bi + di, j = bj + dj;
			if (i >= 0 && i <= GRID && j >= 0 && j <= GRID)
				spread = fmax(spread, fabs(f[i][j] - f[bi][bj]));
		}
	assert_int_equal(optim_solve(p.op, &oo, &r, &e), 0);
	assert_true(r->best.feasible);
	assert_true(r->best.margin[0] >= -p.sp.tol * fmax(1, fabs(p.sp.c[0].bound)));
	assert_true(r->best.f <= f[bi][bj]);
	assert_true(f[bi][bj] - r->best.f <= spread);
	assert_true(fabs(r->best.x[0] - bi * h) <= h);
	assert_true(fabs(r->best.x[1] - bj * h) <= h);
	assert_true(r->evals <= p.sp.max_evals);
	(void)ok;
	optim_result_free(r);
	problem_free(&p);
}

/* No point is feasible: the result says so, and its point is the one of
** least violation among all evaluated (the convergence log's smallest). */
static void infeasible_least_violating(void **state)
{
	struct problem p;
	struct optim_result *r;
	struct optim_opts oo = { NULL, NULL };
	double least = INFINITY;
	struct err e;

	(void)state;
	problem_load(&p, "infeasible.ini");
	assert_int_equal(optim_solve(p.op, &oo, &r, &e), 0);
	assert_false(r->best.feasible);
	for (long i = 0; i < r->evals; i++)
		least = fmin(least, r->log[i].viol);
	assert_true(least > 0);
	assert_close(r->best.viol, least, 0, 0);
	optim_result_free(r);
	problem_free(&p);
}

/* The robust mode (tests/data/optim/robust.ini, 8 draws, the constraint
** in at least 3 of 4): every point costs 8 runs; a point's value is the
** same at every evaluation (the draws are made once: common random
** numbers); the constraint's value is a share of the 8 draws, at least
** 0.75 at the optimum; and the same seed gives the same optimum. */
static void robust_mode(void **state)
{
	struct problem p, q;
	struct optim_result *r, *r2;
	struct optim_opts oo = { NULL, NULL };
	struct optim_point a, b;
	const double x[2] = { 0.3125, 0.6875 };
	struct err e;

	(void)state;
	problem_load(&p, "robust.ini");
	assert_int_equal(p.sp.robust_runs, 8);
	assert_int_equal(optim_evaluate(p.op, x, &a), 0);
	assert_int_equal(optim_evaluate(p.op, x, &b), 0);
	assert_memory_equal(&a.f, &b.f, sizeof a.f);
	assert_close(a.value[0] * 8, round(a.value[0] * 8), 0, 1e-12);
	optim_point_free(&a);
	optim_point_free(&b);
	assert_int_equal(optim_solve(p.op, &oo, &r, &e), 0);
	assert_int_equal(r->runs, 8 * r->evals);
	assert_true(r->best.feasible);
	assert_true(r->best.value[0] >= 0.75);
	problem_load(&q, "robust.ini");
	assert_int_equal(optim_solve(q.op, &oo, &r2, &e), 0);
	assert_memory_equal(r->best.x, r2->best.x, 2 * sizeof r->best.x[0]);
	optim_result_free(r);
	optim_result_free(r2);
	problem_free(&p);
	problem_free(&q);
}

/* The command's runs take a small budget (they run under valgrind too). */
#define CLI_EVALS "--set=optimise.max_evals=60"

/* The command: roadmap.ini reproduces summary.csv; the same seed gives
** the same roadmap.ini; constraints.csv says met. */
static void command_roadmap(void **state)
{
	struct proc_result r;
	char *a, *b;
	size_t la, lb;

	(void)state;
	long evals = 0;

	assert_int_equal(dtsim(&r, "optimise", "-o", "o1", CLI_EVALS, "data/two.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "feasible: every constraint is met"));
	assert_non_null(a = strstr(r.out, "\n"));
	while (a && sscanf(a + 1, "%ld evaluations", &evals) != 1)
		a = strchr(a + 1, '\n');
	assert_true(evals >= 2 && evals <= 60);
	proc_result_free(&r);
	assert_int_equal(dtsim(&r, "optimise", "-o", "o2", CLI_EVALS, "data/two.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_true(proc_same_file("o1/roadmap.ini", "o2/roadmap.ini"));
	assert_true(proc_same_file("o1/convergence.csv", "o2/convergence.csv"));
	/* Another seed searches other points. */
	assert_int_equal(dtsim(&r, "optimise", "-o", "o3", CLI_EVALS, "--set", "optimise.seed=8",
	                       "data/two.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_false(proc_same_file("o1/convergence.csv", "o3/convergence.csv"));
	assert_int_equal(dtsim(&r, "run", "-o", "run", "o1/roadmap.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_true(proc_same_file("o1/summary.csv", "run/summary.csv"));
	/* The roadmap chart, in the default format (sim/plot.c draws it). */
	assert_true(proc_exists("o1/plots/roadmap.png"));
	/* roadmap.md names the constraint (sim/roadmap.c writes it). */
	assert_non_null(a = proc_read_file("o1/roadmap.md", &la));
	assert_non_null(strstr(a, "service\\_maturity \\>\\= 0\\.6 by 2036"));
	free(a);
	assert_non_null(a = proc_read_file("o1/constraints.csv", &la));
	assert_non_null(strstr(a, "\"maturity\",\"service_maturity >= 0.6 by 2036\",2036,"));
	assert_non_null(strstr(a, ",1,"));
	free(a);
	assert_non_null(b = proc_read_file("o1/convergence.csv", &lb));
	assert_int_equal(strncmp(b, "evaluation,stage,objective,max_violation,best_so_far\n", 53), 0);
	assert_int_equal(proc_count_lines(b), (size_t)evals + 1);
	free(b);
}

/* DIR is the scenario's own directory: roadmap.ini names it as "s.ini"
** (fuzz_optim found a read past the end of the path here). */
static void command_own_dir(void **state)
{
	struct proc_result r;
	char text[PATH_MAX + 128], *a;
	size_t la;
	FILE *f;

	(void)state;
	assert_int_equal(mkdir("own", 0700), 0);
	snprintf(text, sizeof text, "[scenario]\nextends = %s/tests/data/optim/two.ini\n", sb.srcdir);
	assert_non_null(f = fopen("own/s.ini", "w"));
	fputs(text, f);
	fclose(f);
	assert_int_equal(dtsim(&r, "optimise", "-o", "own", CLI_EVALS, "own/s.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_non_null(a = proc_read_file("own/roadmap.ini", &la));
	assert_non_null(strstr(a, "\nextends = s.ini\n"));
	free(a);
	assert_int_equal(dtsim(&r, "run", "-o", "own/run", "own/roadmap.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_true(proc_same_file("own/summary.csv", "own/run/summary.csv"));
}

/* Infeasible on the command line: exit 1, INFEASIBLE said, the
** least-violating roadmap written and reproduced by dtsim run. */
static void command_infeasible(void **state)
{
	struct proc_result r;

	(void)state;
	assert_int_equal(dtsim(&r, "optimise", "-o", "inf", CLI_EVALS, "data/infeasible.ini", NULL), 0);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "INFEASIBLE"));
	assert_non_null(strstr(r.out, "VIOLATED"));
	proc_result_free(&r);
	assert_int_equal(dtsim(&r, "run", "-o", "infrun", "inf/roadmap.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_true(proc_same_file("inf/summary.csv", "infrun/summary.csv"));
}

/* Bad sections: every mistake at its FILE:LINE, exit 2, nothing written
** (by check, run and optimise alike). */
static void bad_sections(void **state)
{
	static const char *const cmds[] = { "optimise", "run", "check" };
	struct proc_result r;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		if (i < 2)
			assert_int_equal(dtsim(&r, cmds[i], "-o", "bad", "data/bad.ini", NULL), 0);
		else
			assert_int_equal(dtsim(&r, cmds[i], "data/bad.ini", NULL), 0);
		assert_int_equal(r.status, 2);
		assert_non_null(strstr(r.err, "bad.ini:6: optimise.objective = pv_costs_eur is not a KPI"));
		assert_non_null(strstr(r.err, "bad.ini:10: decision.mix.years = 2020-2030 is not a phase"));
		assert_non_null(strstr(r.err, "bad.ini:13: constraint.gap.measure = funding_gap_eur "
		                              "is a column; allowed: by_year = YEAR or every_year = yes"));
		assert_false(proc_exists("bad"));
		proc_result_free(&r);
	}
	/* A value that is not one of the key's choices, by --set. */
	assert_int_equal(dtsim(&r, "optimise", "-o", "bad", "--set", "constraint.maturity.relation=<",
	                       "data/two.ini", NULL), 0);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--set constraint.maturity.relation: < is not one of the "
	                              "choices; allowed: <=, >="));
	assert_false(proc_exists("bad"));
	proc_result_free(&r);
	/* An objective-less scenario is nothing to optimise. */
	assert_int_equal(dtsim(&r, "optimise", "-o", "bad", "--set", "optimise.seed=1",
	                       "--set", "decision.x.target=allocation", "--set",
	                       "decision.x.years=2027-2030", "data/../../../scenarios/baseline.ini", NULL), 0);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "nothing to optimise"));
	assert_false(proc_exists("bad"));
	proc_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shares_on_simplex),
		cmocka_unit_test(matches_grid),
		cmocka_unit_test(infeasible_least_violating),
		cmocka_unit_test(robust_mode),
		cmocka_unit_test(command_roadmap),
		cmocka_unit_test(command_own_dir),
		cmocka_unit_test(command_infeasible),
		cmocka_unit_test(bad_sections),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
