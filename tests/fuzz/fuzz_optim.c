/*
** fuzz_optim.c: libFuzzer harness for the optimiser's sections
** ([optimise], [decision.NAME], [constraint.NAME]: sim/optimline.c,
** sim/optimspec.c), the search (sim/optim.c) and roadmap.ini
** (sim/optimini.c).
**
** Input: a scenario file and --set lines, as fuzz_scenario's (fuzzscen.h;
** s.ini may extend base.ini, a four-year run with a grant, a loan and a
** schedule block).
**
** For each input: load s.ini and apply the assignments; when it resolves,
** read its optimiser sections (optimspec_build: an error is fine, but it
** must be a complete record, and a spec with errors is not used). When
** there is something to optimise, search with at most MAX_EVALS points
** (and at most 2 draws in the robust mode), write roadmap.ini beside s.ini,
** load it and resolve it. A finding (abort) is: a point whose shares are
** not on the simplex or whose objective is missing though the run
** succeeded; a best point that is not the best of the log; roadmap.ini
** that does not load or resolves to other parameters than the optimum's.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzscen.h"
#include "optim.h"
#include "optimini.h"
#include "optimmap.h"
#include "optimspec.h"
#include "registry.h"
#include "scenario.h"
#include "uncertainty.h"

/* The search's budget per input: enough for both stages to run. */
#define MAX_EVALS 12

/* Checks every allocation decision's shares at the point x. */
static void check_shares(const struct optim_spec *sp, const double *x)
{
	double v[DOM_COUNT], sum = 0;

	for (size_t i = 0; i < sp->nd; i++) {
		if (sp->d[i].kind == OPTIM_ALLOCATION) {
			optimmap_values(&sp->d[i], x, v);
			sum = 0;
			for (size_t k = 0; k < DOM_COUNT; k++) {
				if (!(v[k] >= 0 && v[k] <= 1))
					fuzz_fail("share %zu of decision %s is %g", k, sp->d[i].name, v[k]);
				sum += v[k];
			}
			if (fabs(sum - 1) > 1e-12)
				fuzz_fail("the shares of decision %s sum to %.17g", sp->d[i].name, sum);
		}
		x += sp->d[i].nvar;
	}
}

/* Searches, writes roadmap.ini and loads it back. */
static void search(const struct scenario *sc, struct optim_spec *sp,
                   const struct model_params *yr, size_t n)
{
	struct errlist el = { NULL, 0, 0 };
	struct unc_set *u = NULL;
	struct optim *op;
	struct optim_result *r = NULL;
	struct optim_opts oo = { NULL, NULL };
	struct scenario *back = NULL;
	struct model_params *y2 = NULL;
	size_t n2;
	char *rel;
	FILE *f;
	struct err e;

	if (sp->max_evals > MAX_EVALS)
		sp->max_evals = MAX_EVALS;
	if (sp->robust_runs > 2)
		sp->robust_runs = 2;
	if (sp->robust_runs > 0 && unc_build(sc, &u, &el) != 0) {
		for (size_t i = 0; i < el.n; i++)
			fuzz_check_err(&el.a[i]);
		errlist_free(&el);
		return;
	}
	if (!(op = optim_new(sp, yr, n, u, &e)) || optim_solve(op, &oo, &r, &e) != 0)
		abort();  /* only memory can fail here */
	check_shares(sp, r->best.x);
	for (long i = 0; i < r->evals; i++)
		if (r->log[i].viol < r->best.viol && !r->best.feasible)
			fuzz_fail("evaluation %ld violates less than the best point", i + 1);
	if (r->best.f != r->best.f && r->best.feasible)
		fuzz_fail("a feasible best point without an objective");
	if (!(rel = optimini_relpath(fuzz_scratch(), fuzz_path("s.ini"))) ||
	    !(f = fopen(fuzz_path("roadmap.ini"), "w")))
		abort();
	if (optimini_write(f, sc, sp, rel, optim_years(op, r->best.x), yr, n) != 0)
		fuzz_fail("optimini_write failed");
	fclose(f);
	if (scenario_load(fuzz_path("roadmap.ini"), &back, &e) != 0 ||
	    scenario_resolve(back, &y2, &n2, &e) != 0)
		fuzz_fail("roadmap.ini does not resolve: %s:%ld: %s", e.file, e.line, e.msg);
	if (n2 != n || memcmp(y2, optim_years(op, r->best.x), n * sizeof *y2) != 0)
		fuzz_fail("roadmap.ini resolves to other parameters than the optimum's");
	free(y2);
	scenario_free(back);
	free(rel);
	optim_result_free(r);
	optim_free(op);
	unc_free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_scen in;
	struct scenario *sc = NULL;
	struct model_params *yr = NULL;
	struct optim_spec sp;
	const char *path = fuzz_scen_split(data, size, &in);
	struct errlist el = { NULL, 0, 0 };
	size_t n;
	struct err e;
	int bad = 0;

	memset(&sp, 0, sizeof sp);
	if (scenario_load_all(path, &sc, &el) != 0 || !sc)
		goto done;
	for (size_t i = 0; i < in.nset; i++) {
		err_clear(&e);
		if (scenario_set(sc, in.set[i], &e) != 0) {
			fuzz_check_err(&e);
			bad = 1;
		}
	}
	if (bad || scenario_check(sc, &el) != 0 || scenario_resolve(sc, &yr, &n, &e) != 0)
		goto done;
	if (optimspec_build(sc, yr, n, &sp, &el) != 0) {
		if (el.total == 0)
			fuzz_fail("optimspec_build failed without an error");
		for (size_t i = 0; i < el.n; i++)
			fuzz_check_err(&el.a[i]);
		goto done;
	}
	if (sp.present && sp.nd > 0)
		search(sc, &sp, yr, n);
done:
	optimspec_free(&sp);
	errlist_free(&el);
	free(yr);
	scenario_free(sc);
	free(in.buf);
	return 0;
}
