/*
** test_sensmethod.c: the runs of the global sensitivity methods
** (sim/sensrun.h, sim/sensmethod.h): the results of a set of runs are the
** same bits whatever the number of threads; the sample sizes and run
** counts are those the README and --help state.
*/
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scenario.h"
#include "sensmethod.h"
#include "sensrun.h"
#include "sobol.h"
#include "testutil.h"
#include "uncertainty.h"

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

/* The README's figures of the bundled scenarios' Sobol study (README,
** "Sensitivity") follow from the scenarios: every file in scenarios/ has
** the same number d of uncertain parameters, and the README names d, the
** Halton sequence's last base (the 2d-th prime), the default base points
** and the runs n (d + 2) of the example. So a new default range or key
** that changes d fails here until the README is updated. */
static void readme_sobol_figures(void **state)
{
	struct sensmethod_opts s = { SENSMETHOD_SOBOL, 0, 1, 1 };
	DIR *dir = opendir("scenarios");
	struct dirent *de;
	size_t d = 0, files = 0, n, len;
	char want[4][160], *readme;
	FILE *f;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		char path[512];
		struct scenario *sc = NULL;
		struct unc_set *u = NULL;
		struct errlist el = { NULL, 0, 0 };
		struct err e;
		size_t l = strlen(de->d_name);

		if (l < 5 || strcmp(de->d_name + l - 4, ".ini") != 0)
			continue;
		snprintf(path, sizeof path, "scenarios/%s", de->d_name);
		err_clear(&e);
		assert_int_equal(scenario_load(path, &sc, &e), 0);
		assert_int_equal(unc_build(sc, &u, &el), 0);
		if (!files++)
			d = unc_count(u);
		if (unc_count(u) != d)
			fail_msg("%s has %zu uncertain parameters, the others %zu", path, unc_count(u), d);
		unc_free(u);
		scenario_free(sc);
	}
	closedir(dir);
	assert_true(files >= 2);
	n = sensmethod_samples(&s, d);
	snprintf(want[0], sizeof want[0], "(%zu,%03zu × %zu for the %zu uncertain parameters", n / 1000,
	         n % 1000, d + 2, d);
	snprintf(want[1], sizeof want[1], "(the 2d-th prime: %zu for the\n  %zu default uncertain",
	         sobol_min_base(d), d);
	snprintf(want[2], sizeof want[2], "first power of 2 from that base on (%zu,%03zu)", n / 1000,
	         n % 1000);
	snprintf(want[3], sizeof want[3], "# %zu,%03zu runs", sensmethod_runs(&s, d) / 1000,
	         sensmethod_runs(&s, d) % 1000);
	assert_non_null(f = fopen("README.md", "rb"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = (size_t)ftell(f);
	rewind(f);
	assert_non_null(readme = malloc(len + 1));
	assert_int_equal(fread(readme, 1, len, f), len);
	readme[len] = 0;
	fclose(f);
	for (int i = 0; i < 4; i++)
		if (!strstr(readme, want[i]))
			fail_msg("README.md does not say \"%s\"", want[i]);
	free(readme);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_bits_on_any_threads),
		cmocka_unit_test(samples_and_runs),
		cmocka_unit_test(readme_sobol_figures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
