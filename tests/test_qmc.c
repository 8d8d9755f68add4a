/*
** test_qmc.c: quasi-random points (sim/qmc.h): the Sobol sequence up to
** GSL's 40 dimensions, the Halton sequence above (up to 1,229), and a
** clear refusal beyond; every coordinate in (0,1), none left at zero.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "qmc.h"
#include "testutil.h"

/* GSL 2.7's tables: 40 Sobol dimensions (Bratley and Fox), 1229 Halton
** bases (the first 1229 primes). */
static void limits_are_gsls(void **state)
{
	(void)state;
	assert_int_equal(qmc_sobol_max(), 40);
	assert_int_equal(qmc_dim_max(), 1229);
}

/* Draws npts points of dim dimensions from a new point set of the expected
** kind and checks every coordinate is in (0,1); returns the mean of the
** last coordinate, which is near 1/2 for a working sequence and 0 (or
** garbage) for the Sobol sequence past its tables. */
static double last_mean(size_t dim, enum qmc_kind kind, size_t npts)
{
	struct qmc *q = NULL;
	struct err e;
	double *x = malloc(dim * sizeof *x), sum = 0;

	assert_non_null(x);
	assert_int_equal(qmc_new(dim, &q, &e), 0);
	assert_int_equal(qmc_kind(q), kind);
	assert_int_equal(qmc_dim(q), dim);
	for (size_t k = 0; k < npts; k++) {
		qmc_next(q, x);
		for (size_t i = 0; i < dim; i++)
			assert_true(x[i] > 0 && x[i] < 1);
		sum += x[dim - 1];
	}
	qmc_free(q);
	free(x);
	return sum / npts;
}

static void sobol_up_to_40_halton_above(void **state)
{
	(void)state;
	/* GSL's Sobol sequence leaves out its zero point: its first 255
	** points are the rest of a (0,8,s)-net in base 2, every multiple of
	** 1/256 but 0 once in each coordinate, so the mean is exactly 1/2. The Halton sequence's bases at 41 and
	** 42 dimensions are 179 and 181: 4096 points are 22 full cycles of the
	** first digit and part of the next, a mean within 0.02 of 1/2. */
	assert_close(last_mean(1, QMC_SOBOL, 255), 0.5, 0, 1e-12);
	assert_close(last_mean(40, QMC_SOBOL, 255), 0.5, 0, 1e-12);
	assert_close(last_mean(41, QMC_HALTON, 4096), 0.5, 0, 0.02);
	assert_close(last_mean(42, QMC_HALTON, 4096), 0.5, 0, 0.02);
	/* The last of 1229 bases is 9973, the largest prime below 10,000: the
	** coordinates of its first 16 points are n / 9973. */
	assert_close(last_mean(1229, QMC_HALTON, 16), 8.5 / 9973, 1e-9, 0);
}

/* The Halton sequence's last base: the 41st prime is 179, the 42nd 181, the
** 1229th 9973; the Sobol sequence needs no minimum. */
static void fewest_points(void **state)
{
	(void)state;
	assert_int_equal(qmc_min_points(1), 1);
	assert_int_equal(qmc_min_points(40), 1);
	assert_int_equal(qmc_min_points(41), 179);
	assert_int_equal(qmc_min_points(42), 181);
	assert_int_equal(qmc_min_points(1229), 9973);
	assert_int_equal(qmc_min_points(1230), 0);
	assert_int_equal(qmc_min_points(0), 0);
}

static void refuses_beyond_the_tables(void **state)
{
	struct qmc *q = (struct qmc *)&q;   /* not NULL: qmc_new must clear it */
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(qmc_new(1230, &q, &e), -1);
	assert_null(q);
	assert_non_null(strstr(e.msg, "1230 quasi-random dimensions"));
	assert_non_null(strstr(e.msg, "1 to 1229"));
	err_clear(&e);
	assert_int_equal(qmc_new(0, &q, &e), -1);
	assert_non_null(strstr(e.msg, "allowed: 1 to 1229"));
	qmc_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limits_are_gsls),
		cmocka_unit_test(sobol_up_to_40_halton_above),
		cmocka_unit_test(fewest_points),
		cmocka_unit_test(refuses_beyond_the_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
