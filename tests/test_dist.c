/*
** test_dist.c: the distribution families of sim/dist.c. Each family's mean
** and variance, computed from its quantiles at the midpoints of a uniform
** grid of N = 20,000 points (the midpoint rule of the integral of the
** quantile function over (0, 1)), against the closed forms of docs/MODEL.md
** 17.1: the mean within 1e-5 and the variance within 1e-3 of their value,
** relative. Truncation, choices, and every error of the syntax.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>

#include "dist.h"
#include "registry.h"
#include "testutil.h"

/* The grid's points and the tolerances stated above. */
#define GRID_N 20000
#define MEAN_TOL 1e-5
#define VAR_TOL 1e-3

/* Reads text for the key name; fails the test when it does not read. */
static struct dist parsed(const char *name, const char *text)
{
	struct strbuf why = STRBUF_INIT;
	struct dist d;
	int rc = dist_parse(text, registry_find(name), &d, &why);

	if (rc)
		print_error("%s = %s: %s\n", name, text, strbuf_str(&why));
	strbuf_free(&why);
	assert_int_equal(rc, 0);
	return d;
}

/* The mean and variance of d over the grid's quantiles. */
static void moments(const struct dist *d, double *mean, double *var)
{
	double s = 0.0, s2 = 0.0;

	for (size_t i = 0; i < GRID_N; i++)
		s += dist_quantile(d, (i + 0.5) / GRID_N);
	*mean = s / GRID_N;
	for (size_t i = 0; i < GRID_N; i++) {
		double x = dist_quantile(d, (i + 0.5) / GRID_N) - *mean;
		s2 += x * x;
	}
	*var = s2 / GRID_N;
}

static void check_moments(const struct dist *d, double mean, double var)
{
	double m, v;

	moments(d, &m, &v);
	assert_close(m, mean, MEAN_TOL, 0);
	assert_close(v, var, VAR_TOL, 0);
}

static void test_uniform(void **state)
{
	struct dist d = parsed("legacy.om_rate", "uniform(0.137, 0.385)");

	(void)state;
	check_moments(&d, (0.137 + 0.385) / 2, (0.385 - 0.137) * (0.385 - 0.137) / 12);
	assert_close(dist_quantile(&d, 0.0), 0.137, 0, 0);
	assert_close(dist_quantile(&d, 1.0), 0.385, 0, 0);
}

static void test_triangular(void **state)
{
	const double a = 0.137, m = 0.2385, b = 0.385;
	struct dist d = parsed("legacy.om_rate", "triangular( 0.137 ,0.2385, 0.385 )");

	(void)state;
	check_moments(&d, (a + m + b) / 3, (a * a + m * m + b * b - a * m - a * b - m * b) / 18);
	/* F(mode) = (m - a) / (b - a): the quantile there is the mode. */
	assert_close(dist_quantile(&d, (m - a) / (b - a)), m, 1e-12, 0);
}

static void test_pert(void **state)
{
	const double a = 0.137, m = 0.2385, b = 0.385;
	const double al = 1 + 4 * (m - a) / (b - a), be = 1 + 4 * (b - m) / (b - a);
	struct dist d = parsed("legacy.om_rate", "pert(0.137, 0.2385, 0.385)");

	(void)state;
	/* Mean (a + 4m + b) / 6; variance of a + (b - a) Beta(al, be). */
	check_moments(&d, (a + 4 * m + b) / 6,
	              al * be * (b - a) * (b - a) / ((al + be) * (al + be) * (al + be + 1)));
	/* A mode at an end is Beta(1, 5). */
	d = parsed("legacy.om_rate", "pert(0.1, 0.1, 0.4)");
	check_moments(&d, 0.1 + 0.3 / 6, 5.0 * 0.09 / (36 * 7));
}

static void test_normal_truncated(void **state)
{
	/* Truncated to the key's range [0, 1]: a = (0 - mu) / s, b = (1 - mu) / s. */
	const double mu = 0.385, s = 0.3, al = -mu / s, be = (1 - mu) / s;
	const double Z = gsl_cdf_ugaussian_P(be) - gsl_cdf_ugaussian_P(al);
	const double pa = gsl_ran_ugaussian_pdf(al), pb = gsl_ran_ugaussian_pdf(be);
	struct dist d = parsed("workforce.skill_initial", "normal(0.385, 0.3)");

	(void)state;
	check_moments(&d, mu + s * (pa - pb) / Z,
	              s * s * (1 + (al * pa - be * pb) / Z - (pa - pb) * (pa - pb) / (Z * Z)));
	assert_close(dist_quantile(&d, 0.0), 0.0, 0, 0);
	assert_close(dist_quantile(&d, 1.0), 1.0, 0, 0);
	/* Bounds of its own, far in the upper tail: drawn through Q. */
	d = parsed("workforce.skill_initial", "normal(0.2, 0.1, 0.6, 0.7)");
	for (int i = 1; i < 10; i++) {
		double x = dist_quantile(&d, i / 10.0);
		assert_true(x > 0.6 && x < 0.7);
		assert_close(gsl_cdf_gaussian_Q(0.4, 0.1) - gsl_cdf_gaussian_Q(x - 0.2, 0.1),
		             i / 10.0 * (gsl_cdf_gaussian_Q(0.4, 0.1) - gsl_cdf_gaussian_Q(0.5, 0.1)),
		             1e-9, 0);
	}
}

static void test_lognormal(void **state)
{
	/* it_fixed_eur's range, 0 to 1e9, cuts off less than 1e-200. */
	const double mu = 12.2385, s = 0.3;
	struct dist d = parsed("municipality.it_fixed_eur", "lognormal(12.2385, 0.3)");

	(void)state;
	check_moments(&d, exp(mu + s * s / 2), (exp(s * s) - 1) * exp(2 * mu + s * s));
}

static void test_choice(void **state)
{
	struct dist d = parsed("legacy.om_rate", "choice(0.1:0.3, 0.2:0.5, 0.3:0.2)");
	const double mean = 0.1 * 0.3 + 0.2 * 0.5 + 0.3 * 0.2;

	(void)state;
	check_moments(&d, mean, 0.01 * 0.3 + 0.04 * 0.5 + 0.09 * 0.2 - mean * mean);
	assert_close(dist_quantile(&d, 0.29), 0.1, 0, 0);
	assert_close(dist_quantile(&d, 0.31), 0.2, 0, 0);
	assert_close(dist_quantile(&d, 0.81), 0.3, 0, 0);
	/* Equal weights when none are given; names for a CHOICE key. */
	/* Items are drawn in order of value (year_end is choice 0). */
	d = parsed("finance.discounting", "choice(wibe, year_end)");
	assert_close(dist_quantile(&d, 0.25), 0.0, 0, 0);
	assert_close(dist_quantile(&d, 0.75), 1.0, 0, 0);
	d = parsed("legacy.om_rate", "choice(0.3:0.2, 0.1:0.3, 0.2:0.5)");
	assert_close(dist_quantile(&d, 0.29), 0.1, 0, 0);
	assert_close(dist_quantile(&d, 0.81), 0.3, 0, 0);
	d = parsed("mandate.deadline_year", "choice(2030:3, 2032:1)");
	assert_close(dist_quantile(&d, 0.74), 2030, 0, 0);
	assert_close(dist_quantile(&d, 0.76), 2032, 0, 0);
	d = parsed("legacy.om_rate", "off");
	assert_int_equal(d.fam, DIST_OFF);
	assert_true(isnan(dist_quantile(&d, 0.5)));
}

/* Each text reads back from its formatted form to the same quantiles. */
static void test_format_round_trip(void **state)
{
	static const char *const cases[][2] = {
		{ "legacy.om_rate", "uniform(0.137, 0.385)" },
		{ "legacy.om_rate", "triangular(0.137, 0.2385, 0.385)" },
		{ "legacy.om_rate", "pert(0.1, 0.1, 0.4)" },
		{ "workforce.skill_initial", "normal(0.2, 0.1, 0.6, 0.7)" },
		{ "municipality.it_fixed_eur", "lognormal(12.2385, 0.3)" },
		{ "legacy.om_rate", "choice(0.1:0.3, 0.2:0.5, 0.3:0.2)" },
		{ "finance.discounting", "choice(year_end:3, wibe:1)" },
		{ "legacy.om_rate", "off" },
		/* 9.502 would read as German grouping for a EUR key (fuzz_dist). */
		{ "legacy.portfolio_value_eur", "choice(3:1, 9.5020:1)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf b = STRBUF_INIT;
		struct dist d = parsed(cases[i][0], cases[i][1]), e;
		dist_format(&d, registry_find(cases[i][0]), &b);
		assert_string_equal(strbuf_str(&b), cases[i][1]);
		e = parsed(cases[i][0], strbuf_str(&b));
		for (int k = 1; k < 20 && d.fam != DIST_OFF; k++)
			assert_true(dist_quantile(&d, k / 20.0) == dist_quantile(&e, k / 20.0));
		strbuf_free(&b);
	}
}

/* Every mistake is refused with a phrase naming what is allowed. */
static void test_errors(void **state)
{
	static const char *const cases[][3] = {
		{ "legacy.om_rate", "trian(0.1, 0.2, 0.3)", "unknown family 'trian'; allowed: off, uniform(a, b)" },
		{ "legacy.om_rate", "triangular(0.1, 0.3)", "has 2 arguments; allowed: triangular(a, mode, b)" },
		{ "legacy.om_rate", "uniform(0.1, 0.2, 0.3)", "more than 2 arguments" },
		{ "legacy.om_rate", "normal(0.2, 0.1, 0.3)", "has 3 arguments; allowed: normal(mean, sd)" },
		{ "legacy.om_rate", "triangular(0.001, 0.2, 0.3)", "the lower bound 0.001 outside the key's range; allowed: 0.01 to 5 (1/yr)" },
		{ "legacy.om_rate", "pert(0.1, 0.2, 7)", "the upper bound 7 outside the key's range" },
		{ "legacy.om_rate", "pert(0.1, 0.4, 0.3)", "the mode 0.4 outside its bounds; allowed: 0.1 to 0.3" },
		{ "legacy.om_rate", "uniform(0.3, 0.1)", "not below the upper bound" },
		{ "legacy.om_rate", "normal(0.2, 0)", "sd 0; allowed: a number above 0" },
		{ "legacy.om_rate", "lognormal(-1, -0.5)", "sigma -0.5; allowed: a number above 0" },
		{ "legacy.om_rate", "normal(0.2, 0.01, 3, 4)", "keeps less than 1e-06 of its mass" },
		{ "legacy.om_rate", "choice(0.1:0.5, 0.2:0)", "the weight 0 for 0.2; allowed: weights above 0" },
		{ "legacy.om_rate", "choice(0.1:-1)", "weights above 0" },
		{ "legacy.om_rate", "choice(9)", "the value 9 outside the key's range" },
		{ "finance.discounting", "choice(wibe, monthly)", "'monthly', not one of the choices; allowed: year_end, wibe" },
		{ "finance.discounting", "uniform(0, 1)", "is not a choice; allowed for a choice key" },
		{ "mandate.deadline_year", "choice(2030.5)", "not a whole number" },
		{ "legacy.om_rate", "uniform(0.1, 0.3) x", "text after ')'" },
		{ "legacy.om_rate", "uniform(0.1, 0.3", "no closing ')'" },
		{ "legacy.om_rate", "uniform 0.1, 0.3", "no '(' after 'uniform'" },
		{ "legacy.om_rate", "uniform(0.1, )", "an empty argument" },
		{ "legacy.om_rate", "uniform(10 %, 0.3)", "'10 %', which is not a number" },
		{ "legacy.om_rate", "off now", "text after 'off'" },
		{ "legacy.om_rate", "", "unknown family ''" },
		{ "sim.dt", "uniform(0.1, 0.2)", "cannot be uncertain" },
		{ "scenario.name", "off", "cannot be uncertain" },
		{ "schedule.process", "uniform(0, 1)", "cannot be uncertain" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf why = STRBUF_INIT;
		struct dist d;
		assert_int_equal(dist_parse(cases[i][1], registry_find(cases[i][0]), &d, &why), -1);
		if (!strstr(strbuf_str(&why), cases[i][2]))
			print_error("%s = %s: '%s' lacks '%s'\n", cases[i][0], cases[i][1],
			            strbuf_str(&why), cases[i][2]);
		assert_non_null(strstr(strbuf_str(&why), cases[i][2]));
		strbuf_free(&why);
	}
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uniform),
		cmocka_unit_test(test_triangular),
		cmocka_unit_test(test_pert),
		cmocka_unit_test(test_normal_truncated),
		cmocka_unit_test(test_lognormal),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
