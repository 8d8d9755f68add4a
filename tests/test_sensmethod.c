/*
** test_sensmethod.c: the runs of the global sensitivity methods
** (sim/sensrun.h, sim/sensmethod.h): the results of a set of runs are the
** same bits whatever the number of threads; the sample sizes and run
** counts are those the README and --help state.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "scenario.h"
#include "sensmethod.h"
#include "sensrun.h"
#include "testutil.h"

/* good.ini with three uncertain parameters (tests/data/cli). */
#define FEW "tests/data/cli/sens_few.ini"

static void same_bits_on_any_threads(void **state)
{
	struct scenario *sc = NULL;
	struct model_params *years = NULL;
	struct unc_set *u = NULL;
	struct errlist el = { NULL, 0, 0 };
	size_t ny = 0, d, nruns = 11;
	double *x, y1[11], y3[11];
	struct sensrun_report r1, r3;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(scenario_load(FEW, &sc, &e), 0);
	assert_int_equal(scenario_resolve(sc, &years, &ny, &e), 0);
	assert_int_equal(unc_build(sc, &u, &el), 0);
	d = unc_count(u);
	assert_int_equal(d, 3);
	x = malloc(nruns * d * sizeof *x);
	assert_non_null(x);
	/* Run r: parameter i at the quantile (r + 1/2) / 11, shifted by i. */
	for (size_t r = 0; r < nruns; r++)
		for (size_t i = 0; i < d; i++)
			x[r * d + i] = unc_quantile(u, i, fmod((r + 0.5 + 3.85 * i) / nruns, 1.0));
	{
		struct sensrun_in in = { u, years, ny, KPI_end_service_maturity, "s", "0123456789abcdef" };

		assert_int_equal(sensrun_all(&in, x, nruns, 1, y1, &r1, &e), 0);
		assert_int_equal(sensrun_all(&in, x, nruns, 3, y3, &r3, &e), 0);
	}
	assert_int_equal(r1.failed + r1.novalue + r3.failed + r3.novalue, 0);
	assert_memory_equal(y1, y3, sizeof y1);
	for (size_t r = 1; r < nruns; r++)
		assert_true(isfinite(y1[r]) && y1[r] != y1[0]);
	free(x);
	unc_free(u);
	free(years);
	scenario_free(sc);
}

/* Defaults: 10 Morris trajectories; 256 Sobol base points up to 20
** parameters, above them the first power of 2 from the Halton sequence's
** last base on (the 42nd prime 181 for 21: 256; the 164th, 971, for 82:
** 1024). Runs: 2d + 1, n (d + 1), n (d + 2). */
static void samples_and_runs(void **state)
{
	struct sensmethod_opts t = { SENSMETHOD_TORNADO, 0, 1, 1 };
	struct sensmethod_opts m = { SENSMETHOD_MORRIS, 0, 1, 1 };
	struct sensmethod_opts s = { SENSMETHOD_SOBOL, 0, 1, 1 };

	(void)state;
	assert_int_equal(sensmethod_samples(&m, 82), SENSMETHOD_MORRIS_N);
	assert_int_equal(sensmethod_samples(&s, 3), 256);
	assert_int_equal(sensmethod_samples(&s, 21), 256);
	assert_int_equal(sensmethod_samples(&s, 82), 1024);
	assert_int_equal(sensmethod_runs(&t, 82), 165);
	assert_int_equal(sensmethod_runs(&m, 82), 10 * 83);
	assert_int_equal(sensmethod_runs(&s, 82), 1024 * 84);
	s.samples = 300;
	assert_int_equal(sensmethod_samples(&s, 82), 300);
	assert_int_equal(sensmethod_runs(&s, 3), 300 * 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_bits_on_any_threads),
		cmocka_unit_test(samples_and_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
