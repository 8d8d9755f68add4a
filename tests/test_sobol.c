/*
** test_sobol.c: Sobol indices (sim/sobol.h) of functions whose indices are
** known in closed form: the Ishigami function (Ishigami and Homma 1990) on
** Saltelli's design over the Sobol sequence, and a linear function of 21
** inputs, whose design needs 42 dimensions and so the Halton sequence.
** Each estimate lies within its bootstrap interval of the analytic value.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <gsl/gsl_math.h>

#include "qmc.h"
#include "sobol.h"
#include "testutil.h"

/* The design's size and the bootstrap of these tests: 4096 base points
** (20,480 evaluations of the Ishigami function), 500 resamples. */
#define N_BASE 4096
#define N_BOOT 500
#define SEED 20260407UL

/*
** The Ishigami function f = sin x1 + a sin^2 x2 + b x3^4 sin x1 with
** x_i uniform on [-pi, pi], a = 7, b = 0.1, and its variances (Sobol' and
** Levitan 1999; Saltelli et al. 2008, section 4.5 and 4.9):
**   V1 = 1/2 (1 + b pi^4 / 5)^2,  V2 = a^2 / 8,  V3 = 0,
**   V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225,
**   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = V1 + V2 + V13;
** S_i = V_i / V, ST1 = (V1 + V13) / V, ST2 = S2, ST3 = V13 / V.
*/
#define ISHI_A 7.0
#define ISHI_B 0.1

static double ishigami(const double *u)
{
	double x1 = -M_PI + 2 * M_PI * u[0], x2 = -M_PI + 2 * M_PI * u[1];
	double x3 = -M_PI + 2 * M_PI * u[2];

	return sin(x1) + ISHI_A * sin(x2) * sin(x2) + ISHI_B * pow(x3, 4) * sin(x1);
}

static void ishigami_indices(double s1[3], double st[3])
{
	double pi4 = pow(M_PI, 4), pi8 = pow(M_PI, 8);
	double v1 = 0.5 * pow(1 + ISHI_B * pi4 / 5, 2), v2 = ISHI_A * ISHI_A / 8;
	double v13 = 8 * ISHI_B * ISHI_B * pi8 / 225;
	double v = ISHI_A * ISHI_A / 8 + ISHI_B * pi4 / 5 + ISHI_B * ISHI_B * pi8 / 18 + 0.5;

	s1[0] = v1 / v;
	s1[1] = v2 / v;
	s1[2] = 0;
	st[0] = (v1 + v13) / v;
	st[1] = v2 / v;
	st[2] = v13 / v;
}

/* Runs the whole design of s through f. */
static void evaluate(struct sobol *s, double (*f)(const double *))
{
	double x[64];

	assert_true(sobol_inputs(s) <= 64);
	for (size_t k = 0; k < sobol_runs(s); k++) {
		sobol_point(s, k, x);
		sobol_set(s, k, f(x));
	}
}

/* The closed forms give the values usually quoted (to 4 decimals). */
static void ishigami_closed_forms(void **state)
{
	double s1[3], st[3];

	(void)state;
	ishigami_indices(s1, st);
	assert_close(s1[0], 0.3139, 0, 5e-5);
	assert_close(s1[1], 0.4424, 0, 5e-5);
	assert_close(st[0], 0.5576, 0, 5e-5);
	assert_close(st[2], 0.2437, 0, 5e-5);
	assert_close(s1[0] + s1[1] + st[2], 1, 1e-12, 0);
}

/* Checks that est and the analytic value lie within [lo, hi], and that
** the interval is narrow (under width): a test that a wide interval would
** pass says nothing. The widest interval at 4096 points, S1's, is about
** 0.09 wide (0.27 to 0.36). */
#define WIDTH 0.12
static void within(double truth, double est, double lo, double hi, double width,
                   const char *what)
{
	if (!(lo <= truth && truth <= hi && hi - lo < width && lo <= est && est <= hi))
		fail_msg("%s: analytic %.4f, estimate %.4f, interval [%.4f, %.4f]", what, truth,
		         est, lo, hi);
}

/* The most inputs of a design here. */
#define PAD_D 21

/* Estimates the Ishigami function's indices on a design of d inputs (the
** first 3 used) and checks each against its analytic value (within()).
** Asserts the design is of the kind expected. */
static void ishigami_check(size_t d, enum qmc_kind kind)
{
	struct sobol *s = NULL;
	struct sobol_index ix[PAD_D];
	double s1[PAD_D] = { 0 }, st[PAD_D] = { 0 };
	struct err e;

	assert_true(d <= PAD_D);
	ishigami_indices(s1, st);
	assert_int_equal(sobol_new(d, N_BASE, SEED, &s, &e), 0);
	assert_int_equal(sobol_runs(s), N_BASE * (d + 2));
	assert_int_equal(2 * d <= qmc_sobol_max() ? QMC_SOBOL : QMC_HALTON, kind);
	evaluate(s, ishigami);
	assert_int_equal(sobol_estimate(s, N_BOOT, SOBOL_LEVEL_DEFAULT, SEED, ix, &e), 0);
	for (size_t i = 0; i < d; i++) {
		char what[32];

		snprintf(what, sizeof what, "S%zu", i + 1);
		within(s1[i], ix[i].s1, ix[i].s1_lo, ix[i].s1_hi, WIDTH, what);
		snprintf(what, sizeof what, "ST%zu", i + 1);
		within(st[i], ix[i].st, ix[i].st_lo, ix[i].st_hi, WIDTH, what);
	}
	sobol_free(s);
}

static void ishigami_within_bootstrap_intervals(void **state)
{
	(void)state;
	ishigami_check(3, QMC_SOBOL);
}

/* The bootstrap is the seed's: the same seed gives the same intervals,
** another seed others, and the estimates do not depend on it. */
static void seed_moves_only_the_intervals(void **state)
{
	struct sobol *s = NULL;
	struct sobol_index a[3], b[3], c[3];
	struct err e;

	(void)state;
	assert_int_equal(sobol_new(3, 256, SEED, &s, &e), 0);
	evaluate(s, ishigami);
	assert_int_equal(sobol_estimate(s, 200, 0.9, 11, a, &e), 0);
	assert_int_equal(sobol_estimate(s, 200, 0.9, 11, b, &e), 0);
	assert_int_equal(sobol_estimate(s, 200, 0.9, 12, c, &e), 0);
	assert_memory_equal(a, b, sizeof a);
	assert_true(a[0].s1 == c[0].s1 && a[2].st == c[2].st);
	assert_true(a[0].s1_lo != c[0].s1_lo || a[0].s1_hi != c[0].s1_hi);
	sobol_free(s);
}

/* The Ishigami function of the first 3 of 21 inputs: the other 18 do
** nothing (all their indices are 0). The design needs 42 quasi-random
** dimensions, so its points come from the Halton sequence; its bases for
** B (the 22nd to 24th primes, 79 to 89) need some thousand points before
** their digits cover the unit interval evenly, hence 4096 base points
** (94,208 evaluations). */
static void halton_above_forty_dimensions(void **state)
{
	(void)state;
	ishigami_check(PAD_D, QMC_HALTON);
}

static void refusals(void **state)
{
	struct sobol *s = NULL;
	struct sobol_index ix[1];
	struct err e;
	size_t most = qmc_dim_max() / 2;

	(void)state;
	/* 614 inputs need 1228 dimensions: allowed, with at least as many base
	** points as the 1228th prime; 615 are not. */
	assert_int_equal(most, 614);
	assert_int_equal(sobol_min_base(most), 9967);
	assert_int_equal(sobol_min_base(20), SOBOL_N_MIN);
	assert_int_equal(sobol_min_base(21), 181);
	assert_int_equal(sobol_min_base(most + 1), 0);
	err_clear(&e);
	assert_int_equal(sobol_new(21, 180, SEED, &s, &e), -1);
	assert_non_null(strstr(e.msg, "180 base points for Sobol indices of 21 parameters;"
	                       " allowed: at least 181 (their 2d quasi-random dimensions come"
	                       " from the Halton sequence"));
	assert_int_equal(sobol_new(21, 181, SEED, &s, &e), 0);
	assert_int_equal(sobol_runs(s), 181 * 23);
	sobol_free(s);
	err_clear(&e);
	assert_int_equal(sobol_new(most + 1, 10000, SEED, &s, &e), -1);
	assert_null(s);
	assert_non_null(strstr(e.msg, "615 uncertain parameters"));
	assert_non_null(strstr(e.msg, "allowed: 1 to 614"));
	assert_int_equal(sobol_new(0, 16, SEED, &s, &e), -1);
	assert_int_equal(sobol_new(2, 1, SEED, &s, &e), -1);
	assert_non_null(strstr(e.msg, "at least 2"));

	/* A run not recorded, and a function without variance. */
	assert_int_equal(sobol_new(1, 8, SEED, &s, &e), 0);
	for (size_t k = 1; k < sobol_runs(s); k++)
		sobol_set(s, k, 2.385);
	assert_int_equal(sobol_estimate(s, 10, 0.95, 1, ix, &e), -1);
	assert_non_null(strstr(e.msg, "run 1 "));
	sobol_set(s, 0, 2.385);
	assert_int_equal(sobol_estimate(s, 10, 0.95, 1, ix, &e), -1);
	assert_non_null(strstr(e.msg, "no variance"));
	assert_int_equal(sobol_estimate(s, 0, 0.95, 1, ix, &e), -1);
	assert_int_equal(sobol_estimate(s, 10, 1.0, 1, ix, &e), -1);
	sobol_free(s);
	sobol_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ishigami_closed_forms),
		cmocka_unit_test(ishigami_within_bootstrap_intervals),
		cmocka_unit_test(seed_moves_only_the_intervals),
		cmocka_unit_test(halton_above_forty_dimensions),
		cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
