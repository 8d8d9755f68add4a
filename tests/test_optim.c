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
#include <unistd.h>
#include <cmocka.h>

#include "optim.h"
#include "optimmap.h"
#include "optimspec.h"
#include "summary.h"
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
	va_list ap;
	int rc;

	va_start(ap, r);
	rc = proc_vdtsim(&sb, "data/", "tests/data/optim/", r, ap);
	va_end(ap);
	return rc;
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

/* The command's runs take a small budget (they run under valgrind too);
** those that only need the files written, a smaller one. */
#define CLI_EVALS "--set=optimise.max_evals=60"
#define CLI_FEW "--set=optimise.max_evals=8"

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
/* Runs dtsim optimise -o DIR (the budget evals) on data/NAME, which must exit
** with status, then dtsim run -o DIRrun DIR/roadmap.ini, whose summary.csv
** must be DIR/summary.csv, byte for byte. Returns optimise's stdout
** (free()). */
static char *optimise_reproduced(const char *dir, const char *evals, const char *name,
                                 int status)
{
	struct proc_result r;
	char data[64], ini[64], run[64], a[96], b[96], *out;

	snprintf(data, sizeof data, "data/%s", name);
	snprintf(ini, sizeof ini, "%s/roadmap.ini", dir);
	snprintf(run, sizeof run, "%srun", dir);
	assert_int_equal(dtsim(&r, "optimise", "-o", dir, evals, data, NULL), 0);
	assert_int_equal(r.status, status);
	assert_non_null(out = strdup(r.out));
	proc_result_free(&r);
	assert_int_equal(dtsim(&r, "run", "-o", run, ini, NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	snprintf(a, sizeof a, "%s/summary.csv", dir);
	snprintf(b, sizeof b, "%s/summary.csv", run);
	assert_true(proc_same_file(a, b));
	return out;
}

static void command_infeasible(void **state)
{
	char *out;

	(void)state;
	out = optimise_reproduced("inf", CLI_EVALS, "infeasible.ini", 1);
	assert_non_null(strstr(out, "INFEASIBLE"));
	assert_non_null(strstr(out, "VIOLATED"));
	free(out);
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

/* ---- the robust mode's report over the draws ---------------------------- */

/* The fields of one CSV line (no field holds a comma): quotes dropped,
** field k into f[k] (at most max). Returns how many. */
static size_t split_line(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		char *end = strchr(p, ',');
		if (end)
			*end = '\0';
		if (p[0] == '"') {
			p++;
			p[strlen(p) - (p[0] && p[strlen(p) - 1] == '"')] = '\0';
		}
		if (n < max)
			f[n++] = p;
		if (!end)
			return n;
		p = end + 1;
	}
}

/* A number field, NaN when empty. */
static double num(const char *f)
{
	return f[0] ? strtod(f, NULL) : NAN;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* R's type 7 percentile p of x[0..m), the numbers sorted and the NaNs
** after them (docs/OPTIMISE.md, "Robust mode"): with h = (m - 1) p and
** i = floor(h), (1 - (h - i)) x_i + (h - i) x_(i+1); NaN when a value it
** takes has none. Written here, not with GSL. */
static double pct7(const double *sorted, size_t m, double p)
{
	double h = (double)(m - 1) * p;
	size_t i = (size_t)floor(h);

	if (i + 1 >= m)
		return sorted[i];
	return (1 - (h - (double)i)) * sorted[i] + (h - (double)i) * sorted[i + 1];
}

/* Compares a robust.csv statistic with the recomputed one: both empty,
** or equal within the rounding of two sums in different order. */
static void same_stat(const char *field, double want, const char *what)
{
	if (isnan(want)) {
		if (field[0])
			fail_msg("%s: robust.csv has %s, expected an empty field", what, field);
		return;
	}
	if (!field[0])
		fail_msg("%s: robust.csv is empty, expected %.17g", what, want);
	assert_close(num(field), want, 1e-9, 1e-9);
}

/* tests/data/optim/robust2.ini (8 draws, seed 7): robust.csv holds, for
** every KPI, its nominal value (summary.csv's, which dtsim run on
** roadmap.ini reproduces byte for byte also in the robust mode) and its
** mean, sd, 5th and 95th percentile over the draws, recomputed here from
** the runs that `dtsim mc -n 8 --seed 7 --runs-csv` makes of roadmap.ini
** (the same draws: run r of parameter P from stream (seed, r, P), and no
** decided key is uncertain); each constraint's share of the draws is
** counted again from those runs (constraint.end, a KPI). roadmap.md says
** which figures are over the draws, in English and German. */
static void robust_report(void **state)
{
	struct proc_result r;
	char *rob, *runs, *sum, *md, *line, *save = NULL;
	size_t len;
	double v[8][KPI_COUNT], col[8], sorted[8];
	char *f[KPI_COUNT + 4], *sf[KPI_COUNT + 4], *sl;
	size_t nrun = 0, nrow = 0;

	(void)state;
	/* summary.csv is the nominal run's, which dtsim run reproduces. */
	md = optimise_reproduced("rob", CLI_FEW, "robust2.ini", 0);
	assert_non_null(strstr(md, "robust: over 8 draws"));
	assert_non_null(strstr(md, "pv_cost_eur in the nominal run (summary.csv"));
	free(md);
	/* The same draws, by dtsim mc. */
	assert_int_equal(dtsim(&r, "mc", "-n", "8", "--seed", "7", "--runs-csv", "--threads", "1",
	                       "-o", "robmc", "rob/roadmap.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_non_null(runs = proc_read_file("robmc/roadmap.mc_runs.csv", &len));
	for (line = strtok_r(runs, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "\"run\"", 5) == 0)
			continue;
		assert_int_equal(split_line(line, f, KPI_COUNT + 4), KPI_COUNT + 1);
		assert_true(nrun < 8);
		for (size_t k = 0; k < KPI_COUNT; k++)
			v[nrun][k] = num(f[k + 1]);
		nrun++;
	}
	assert_int_equal(nrun, 8);
	free(runs);
	assert_non_null(sum = proc_read_file("rob/summary.csv", &len));
	assert_non_null(sl = strchr(sum, '\n'));
	if (strchr(sl + 1, '\n'))
		*strchr(sl + 1, '\n') = '\0';
	assert_int_equal(split_line(sl + 1, sf, KPI_COUNT + 4), KPI_COUNT + 1);
	assert_non_null(rob = proc_read_file("rob/robust.csv", &len));
	save = NULL;
	line = strtok_r(rob, "\n", &save);
	assert_string_equal(line, "measure,unit,nominal,mean,sd,p5,p95,runs,probability");
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		size_t nf = split_line(line, f, KPI_COUNT + 4), n = 0;
		double mean = 0, ss = 0;

		assert_int_equal(nf, 9);
		if (nrow == KPI_COUNT) {
			/* constraint.maturity: a column; its share is constraints.csv's value. */
			assert_string_equal(f[0], "constraint.maturity");
			nrow++;
			continue;
		}
		if (nrow == KPI_COUNT + 1) {
			size_t met = 0;
			assert_string_equal(f[0], "constraint.end");
			for (size_t i = 0; i < 8; i++)
				met += v[i][KPI_end_service_maturity] >= 0.55 - 1e-6;
			assert_close(num(f[8]), (double)met / 8, 0, 0);
			nrow++;
			continue;
		}
		assert_true(nrow < KPI_COUNT);
		assert_string_equal(f[0], summary_kpis[nrow].name);
		assert_string_equal(f[1], summary_kpis[nrow].unit);
		/* nominal: summary.csv's field, the same text. */
		assert_string_equal(f[2], sf[nrow + 1]);
		for (size_t i = 0; i < 8; i++) {
			col[i] = v[i][nrow];
			if (!isnan(col[i])) {
				sorted[n++] = col[i];
				mean += col[i];
			}
		}
		mean = n ? mean / (double)n : NAN;
		for (size_t i = 0; i < n; i++)
			ss += (sorted[i] - mean) * (sorted[i] - mean);
		qsort(sorted, n, sizeof sorted[0], cmp_double);
		for (size_t i = n; i < 8; i++)
			sorted[i] = NAN;
		assert_int_equal(strtol(f[7], NULL, 10), (long)n);
		same_stat(f[3], mean, f[0]);
		same_stat(f[4], n > 1 ? sqrt(ss / (double)(n - 1)) : NAN, f[0]);
		same_stat(f[5], pct7(sorted, 8, 0.05), f[0]);
		same_stat(f[6], pct7(sorted, 8, 0.95), f[0]);
		assert_string_equal(f[8], "");
		nrow++;
	}
	assert_int_equal(nrow, KPI_COUNT + 2);
	free(rob);
	free(sum);
	assert_non_null(md = proc_read_file("rob/roadmap.md", &len));
	assert_non_null(strstr(md, "**Robust mode.** The optimiser judged every point over 8 Monte"));
	assert_non_null(strstr(md, "in the nominal run; over the 8 Monte Carlo draws"));
	assert_non_null(strstr(md, "| Holds in the draws |"));
	free(md);
	assert_int_equal(dtsim(&r, "optimise", "-o", "robde", CLI_FEW, "--lang", "de",
	                       "data/robust2.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_non_null(md = proc_read_file("robde/roadmap.md", &len));
	assert_non_null(strstr(md, "**Robuster Modus.**"));
	assert_non_null(strstr(md, "im nominalen Lauf; \xc3\xbc" "ber die 8 Monte-Carlo-Ziehungen"));
	free(md);
	/* A run outside the robust mode into the same directory removes
	** robust.csv, which would no longer be of its roadmap. */
	assert_true(proc_exists("rob/robust.csv"));
	assert_int_equal(dtsim(&r, "optimise", "-o", "rob", CLI_FEW, "data/two.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "robust:"));
	proc_result_free(&r);
	assert_false(proc_exists("rob/robust.csv"));
	assert_non_null(md = proc_read_file("rob/roadmap.md", &len));
	assert_null(strstr(md, "Robust mode"));
	assert_non_null(strstr(md, "dtsim run on this file gives every figure below."));
	free(md);
}

/* ---- dtsim plot DIR after dtsim optimise -o DIR ---------------------------- */

/* dtsim plot redraws the roadmap chart of an optimisation in another
** format and language, from a run of DIR/roadmap.ini: its data is the same
** bytes as the optimiser's; a tampered roadmap.ini is an error at its
** FILE:LINE with exit status 2 and nothing drawn, a missing one too; a
** hostile scenario name runs nothing. */
static void plot_redraw(void **state)
{
	struct proc_result r;
	char *a, *name;
	size_t la;
	FILE *f;

	(void)state;
	assert_int_equal(dtsim(&r, "optimise", "-o", "pl", CLI_FEW, "data/two.ini", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_int_equal(rename("pl/plots/roadmap.csv", "pl/roadmap.csv.first"), 0);
	assert_false(proc_exists("pl/plots/roadmap.svg"));
	assert_int_equal(dtsim(&r, "plot", "--format", "svg", "--lang", "de", "pl", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_true(proc_exists("pl/plots/roadmap.svg"));
	assert_true(proc_same_file("pl/plots/roadmap.csv", "pl/roadmap.csv.first"));
	assert_non_null(a = proc_read_file("pl/plots/lang.gp", &la));
	assert_non_null(strstr(a, "set decimalsign ','"));
	free(a);
	/* Tampered: a line that is no INI. */
	assert_int_equal(system("cp -r pl plt && rm plt/plots/roadmap.svg"), 0);
	assert_non_null(f = fopen("plt/roadmap.ini", "a"));
	fputs("[scenario]\n`touch pwned`\n", f);
	fclose(f);
	assert_int_equal(dtsim(&r, "plot", "--format", "svg", "plt", NULL), 0);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "plt/roadmap.ini:"));
	assert_non_null(strstr(r.err, "syntax error"));
	proc_result_free(&r);
	assert_false(proc_exists("plt/plots/roadmap.svg"));
	assert_false(proc_exists("pwned"));
	/* Hostile text that loads: the chart holds no scenario text; nothing runs. */
	assert_non_null(a = proc_read_file("pl/roadmap.ini", &la));
	assert_non_null(name = strstr(a, "\nname = "));
	*name = '\0';
	assert_non_null(f = fopen("plt/roadmap.ini", "w"));
	fprintf(f, "%s\nname = `touch pwned` $(touch pwned) '; system('touch pwned')%s", a,
	        strchr(name + 1, '\n'));
	fclose(f);
	free(a);
	assert_int_equal(dtsim(&r, "plot", "--format", "svg", "plt", NULL), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	assert_true(proc_exists("plt/plots/roadmap.svg"));
	assert_false(proc_exists("pwned"));
	assert_false(proc_exists("plt/pwned"));
	assert_false(proc_exists("plt/plots/pwned"));
	/* Missing. */
	assert_int_equal(unlink("plt/roadmap.ini"), 0);
	assert_int_equal(dtsim(&r, "plot", "plt", NULL), 0);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "plt/roadmap.ini: cannot open"));
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
		cmocka_unit_test(robust_report),
		cmocka_unit_test(plot_redraw),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
