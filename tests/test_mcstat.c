/*
** test_mcstat.c: the statistics of Monte Carlo measures (sim/mcstat.c)
** and the exact sums under them (sim/exactsum.c): sums that do not depend
** on the order of the numbers, mean and sd, percentiles against exact
** order statistics (GSL's), the treatment of runs without a value, and
** the binned method's stated accuracy (mcstat.h: within one bin width,
** (1 + 2 x 0.1) / 4000 of the pilot's range).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "exactsum.h"
#include "mcstat.h"
#include "testutil.h"

/* 1e16 + 1 - 1e16 is 1 exactly, in any order; a double sum loses the 1
** in the first order. */
static void exact_sum_any_order(void **state)
{
	const double x[] = { 1e16, 1.0, -1e16, 3.5e-300, -2.75, 2.75, DBL_MIN / 8, 1e300 };
	const int order[3][8] = { { 0, 1, 2, 3, 4, 5, 6, 7 }, { 7, 6, 5, 4, 3, 2, 1, 0 },
	                          { 3, 0, 6, 1, 7, 2, 5, 4 } };
	double v[3];

	(void)state;
	for (int o = 0; o < 3; o++) {
		struct exactsum s;

		exactsum_init(&s);
		for (int i = 0; i < 8; i++)
			exactsum_add(&s, x[order[o][i]]);
		v[o] = exactsum_value(&s);
	}
	assert_memory_equal(&v[0], &v[1], sizeof v[0]);
	assert_memory_equal(&v[0], &v[2], sizeof v[0]);
	/* 1e300 dominates; without it the sum is 1 + 3.5e-300 + DBL_MIN/8. */
	assert_true(v[0] == 1e300);
	{
		struct exactsum s;

		exactsum_init(&s);
		exactsum_add(&s, 1e16);
		exactsum_add(&s, 1.0);
		exactsum_add(&s, -1e16);
		assert_true(exactsum_value(&s) == 1.0);
		exactsum_add(&s, -3.0);
		assert_true(exactsum_value(&s) == -2.0);
		exactsum_add(&s, INFINITY);
		assert_true(isnan(exactsum_value(&s)));
	}
}

/* Two halves merged are the whole, limb for limb. */
static void exact_sum_merge(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	struct exactsum all, a, b;

	(void)state;
	exactsum_init(&all);
	exactsum_init(&a);
	exactsum_init(&b);
	for (int i = 0; i < 5000; i++) {
		double x = (gsl_rng_uniform(r) - 0.3) * pow(10, (double)(i % 40) - 20);

		exactsum_add(&all, x);
		exactsum_add(i % 3 ? &a : &b, x);
	}
	exactsum_merge(&b, &a);
	exactsum_normalise(&all);
	exactsum_normalise(&b);
	assert_memory_equal(all.limb, b.limb, sizeof all.limb);
	assert_true(exactsum_value(&all) == exactsum_value(&b));
	gsl_rng_free(r);
}

/* Mean and sd from block sums about a shift agree with GSL's two-pass
** values (to 1e-12) for numbers of size 1e7 and spread 1e3. */
static void mean_and_sd(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	struct mcstat_bins none = { 0, 0, 0, 0 };
	struct mcstat_acc a;
	double x[1000], shift = 1.2345e7, b1 = 0, b2 = 0;

	(void)state;
	assert_int_equal(mcstat_acc_init(&a, &none), 0);
	for (int i = 0; i < 1000; i++) {
		x[i] = 1.2e7 + 1e3 * gsl_ran_gaussian(r, 1.0);
		mcstat_add(&a, &none, x[i]);
		b1 += x[i] - shift;
		b2 += (x[i] - shift) * (x[i] - shift);
		if (i % 64 == 63 || i == 999) {
			mcstat_add_block(&a, b1, b2);
			b1 = b2 = 0;
		}
	}
	mcstat_add(&a, &none, NAN);
	assert_int_equal(a.n, 1001);
	assert_int_equal(a.nan, 1);
	assert_close(mcstat_mean(&a, shift), gsl_stats_mean(x, 1, 1000), 1e-12, 0);
	assert_close(mcstat_sd(&a), gsl_stats_sd(x, 1, 1000), 1e-9, 0);
	mcstat_acc_free(&a);
	gsl_rng_free(r);
}

/* Without runs lacking a value, the percentiles are GSL's; with them,
** they rank last and a percentile that needs one is empty. */
static void sorted_percentiles(void **state)
{
	double x[13] = { 4.25, 1.5, 9.125, 2.0, 7.75, 3.5, 6.0, 8.5, 5.25, 0.75 };
	double s[13];
	const double q[] = { 0.05, 0.25, 0.5, 0.75, 0.95 };

	(void)state;
	gsl_sort(x, 1, 10);
	for (int i = 0; i < 5; i++) {
		memcpy(s, x, sizeof x);
		assert_true(mcstat_quantile_sorted(s, 10, 10, q[i])
		            == gsl_stats_quantile_from_sorted_data(x, 1, 10, q[i]));
	}
	/* 10 numbers and 3 runs without one: 13 values. p50: h = 6, x_6 = 6.0.
	** p75: h = 9, x_9 = 9.125 (the largest number). p95: h = 11.4 needs
	** x_11 and x_12: empty. p5: h = 0.6, 0.4 x_0 + 0.6 x_1 = 1.2. */
	memcpy(s, x, sizeof x);
	assert_true(mcstat_quantile_sorted(s, 10, 13, 0.5) == 6.0);
	assert_true(mcstat_quantile_sorted(s, 10, 13, 0.75) == 9.125);
	assert_true(isnan(mcstat_quantile_sorted(s, 10, 13, 0.95)));
	assert_close(mcstat_quantile_sorted(s, 10, 13, 0.05), 1.2, 1e-15, 0);
	assert_true(isnan(mcstat_quantile_sorted(s, 0, 0, 0.5)));
}

/*
** 50000 lognormal numbers binned over the range of the first 1000 (the
** pilot) widened by 10 %: every percentile 1..99 is within one bin width
** of the exact order statistic (mcstat.h's stated accuracy), and the
** extremes are exact.
*/
static void binned_accuracy(void **state)
{
	enum { N = 50000 };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	double *x = malloc(N * sizeof *x), *s = malloc(N * sizeof *s);
	struct mcstat_bins b;
	struct mcstat_acc a;
	double w;

	(void)state;
	assert_non_null(x);
	assert_non_null(s);
	for (int i = 0; i < N; i++)
		x[i] = 2.5e6 * gsl_ran_lognormal(r, 0, 0.6);
	b = mcstat_bins_pilot(x, 1000, 1);
	assert_int_equal(b.n, MCSTAT_FINE_BINS);
	w = (b.hi - b.lo) / (double)b.n;
	assert_int_equal(mcstat_acc_init(&a, &b), 0);
	for (int i = 0; i < N; i++)
		mcstat_add(&a, &b, x[i]);
	/* The lognormal's tail leaves the pilot's range. */
	assert_true(a.over > 0);
	memcpy(s, x, N * sizeof *x);
	gsl_sort(s, 1, N);
	for (int p = 1; p <= 99; p++) {
		double q = p / 100.0, exact = gsl_stats_quantile_from_sorted_data(s, 1, N, q);
		double est = mcstat_quantile_binned(&a, &b, q);

		if (exact >= b.lo && exact < b.hi)
			assert_close(est, exact, 0, w);
	}
	assert_true(mcstat_order_binned(&a, &b, 0) >= s[0]);
	assert_true(mcstat_order_binned(&a, &b, N - 1) <= s[N - 1]);
	assert_true(a.min == s[0] && a.max == s[N - 1]);
	mcstat_acc_free(&a);
	free(x);
	free(s);
	gsl_rng_free(r);
}

/* Whole numbers in one bin each: the binned percentiles are the exact
** ones; a value without one ranks last. */
static void integer_bins_exact(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	struct mcstat_bins b = mcstat_bins_integer(2026, 2040);
	struct mcstat_acc a;
	double x[777], s[777];
	size_t nd = 0;
	const double q[] = { 0.05, 0.25, 0.5, 0.75, 0.95 };

	(void)state;
	assert_int_equal(b.n, 15);
	assert_int_equal(mcstat_acc_init(&a, &b), 0);
	for (int i = 0; i < 777; i++) {
		x[i] = i % 9 == 0 ? NAN : 2026 + (double)gsl_rng_uniform_int(r, 15);
		mcstat_add(&a, &b, x[i]);
		if (!isnan(x[i]))
			s[nd++] = x[i];
	}
	gsl_sort(s, 1, nd);
	for (int i = 0; i < 5; i++) {
		double t[777];
		double exact;

		memcpy(t, s, nd * sizeof *s);
		exact = mcstat_quantile_sorted(t, nd, 777, q[i]);
		if (isnan(exact))
			assert_true(isnan(mcstat_quantile_binned(&a, &b, q[i])));
		else
			assert_true(mcstat_quantile_binned(&a, &b, q[i]) == exact);
	}
	mcstat_acc_free(&a);
	gsl_rng_free(r);
}

/* Merging accumulators is adding: two halves equal the whole. */
static void merge_is_whole(void **state)
{
	struct mcstat_bins b = { 0, -1, 3, MCSTAT_FINE_BINS };
	struct mcstat_acc all, h[2];

	(void)state;
	assert_int_equal(mcstat_acc_init(&all, &b), 0);
	assert_int_equal(mcstat_acc_init(&h[0], &b), 0);
	assert_int_equal(mcstat_acc_init(&h[1], &b), 0);
	for (int i = 0; i < 300; i++) {
		double x = sin(i * 0.37) * 2.2 + 0.4;

		mcstat_add(&all, &b, x);
		mcstat_add(&h[i % 2], &b, x);
	}
	mcstat_merge(&h[0], &h[1], &b);
	mcstat_acc_flush(&all, &b);
	assert_int_equal(h[0].n, all.n);
	assert_int_equal(h[0].under, all.under);
	assert_int_equal(h[0].over, all.over);
	assert_memory_equal(h[0].bin, all.bin, MCSTAT_FINE_BINS * sizeof *all.bin);
	assert_true(h[0].min == all.min && h[0].max == all.max);
	assert_true(mcstat_quantile_binned(&h[0], &b, 0.25) == mcstat_quantile_binned(&all, &b, 0.25));
	for (int i = 0; i < 2; i++)
		mcstat_acc_free(&h[i]);
	mcstat_acc_free(&all);
}

/* A run's count goes first into a 16-bit bin (mcstat.h, near), which is
** carried into the 64-bit one before it can overflow: 200,000 values in
** one bin and 3 in another count as many, flushed or not. */
static void counts_carry_past_16_bits(void **state)
{
	struct mcstat_bins b = { 0, 0, 1, MCSTAT_FINE_BINS };
	struct mcstat_acc a;

	(void)state;
	assert_int_equal(mcstat_acc_init(&a, &b), 0);
	for (int i = 0; i < 200000; i++)
		mcstat_add(&a, &b, 0.5);
	for (int i = 0; i < 3; i++)
		mcstat_add(&a, &b, 0.9);
	assert_int_equal(mcstat_count(&a, MCSTAT_FINE_BINS / 2), 200000);
	assert_int_equal(mcstat_count(&a, (size_t)(0.9 * MCSTAT_FINE_BINS)), 3);
	assert_true(mcstat_quantile_binned(&a, &b, 1.0) > 0.89);
	mcstat_acc_flush(&a, &b);
	assert_int_equal(a.bin[MCSTAT_FINE_BINS / 2], 200000);
	assert_int_equal(a.near[MCSTAT_FINE_BINS / 2], 0);
	assert_int_equal(a.pending, 0);
	mcstat_acc_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exact_sum_any_order),
		cmocka_unit_test(exact_sum_merge),
		cmocka_unit_test(mean_and_sd),
		cmocka_unit_test(sorted_percentiles),
		cmocka_unit_test(binned_accuracy),
		cmocka_unit_test(integer_bins_exact),
		cmocka_unit_test(merge_is_whole),
		cmocka_unit_test(counts_carry_past_16_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
