/*
** test_numfmt.c: numbers as text. Every double written must read back to
** the identical double, in the shortest form, whole numbers without an
** exponent; parsing accepts the one number grammar of dtsim (decimal, no
** hex, no nan or inf, subnormals kept, underflow to 0 and overflow
** rejected) and nothing else, and reads every form numfmt_double writes.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "testutil.h"

static void expect(double x, const char *text)
{
	char buf[NUMFMT_LEN];

	numfmt_double(x, buf);
	assert_string_equal(buf, text);
}

static void test_shortest_forms(void **state)
{
	(void)state;
	expect(0.1, "0.1");
	expect(2.385, "2.385");
	expect(-0.02385, "-0.02385");
	expect(1.0 / 3.0, "0.3333333333333333");
	expect(0.083333333333333329, "0.08333333333333333");
	expect(1e-300, "1e-300");
	expect(2.385e-7, "2.385e-07");
	expect(1.5e300, "1.5e+300");
}

/* Years, counts and whole euros are written in full. */
static void test_whole_numbers_in_full(void **state)
{
	(void)state;
	expect(2040.0, "2040");
	expect(2026.0, "2026");
	expect(15000000.0, "15000000");
	expect(15918120.0, "15918120");
	expect(-237.0, "-237");
	expect(0.0, "0");
	expect(-0.0, "-0");
	expect(9007199254740991.0, "9007199254740991");
	/* Above 2^53 the shortest form with an exponent is used again. */
	expect(1e17, "1e+17");
	expect(2040.5, "2040.5");
}

/* 20,000 doubles of every magnitude read back bit for bit. */
static void test_round_trip(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	char buf[NUMFMT_LEN];

	(void)state;
	assert_non_null(r);
	gsl_rng_set(r, 2385);
	for (int i = 0; i < 20000; i++) {
		double mant = gsl_rng_uniform(r) * 2.0 - 1.0;
		int ex = (int)gsl_rng_uniform_int(r, 600) - 300;
		double x = ldexp(mant, (int)(ex * 3.3219));
		double back;

		if (i % 4 == 0)
			x = nearbyint(x);
		numfmt_double(x, buf);
		assert_true(strlen(buf) < NUMFMT_LEN);
		back = strtod(buf, NULL);
		if (memcmp(&back, &x, sizeof x) != 0)
			fail_msg("%.17g written as %s reads back as %.17g", x, buf, back);
	}
	gsl_rng_free(r);
}

/*
** Everything numfmt_double writes reads back through numfmt_parse (the
** grammar every reader uses), bit for bit: random doubles of every
** magnitude, and the edges: the subnormals down to the smallest
** (4.9406564584124654e-324), the smallest normal, the largest double,
** whole numbers up to 2^53 and beyond, and negative zero.
*/
static void test_written_reads_back(void **state)
{
	static const double edges[] = {
		4.9406564584124654e-324, 9.8813129168249309e-324, 1e-320, 1.5e-315,
		2.2250738585072009e-308, 2.2250738585072014e-308, 1e-300, 1e-100,
		0.083333333333333329, 0.1, 1.0 / 3.0, 2.385, 1e15, 9007199254740991.0,
		9007199254740992.0, 9007199254740994.0, 1e17, 1e22, 1e100, 1.5e300,
		1.7976931348623157e308, 0.0,
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	char buf[NUMFMT_LEN];
	double x, back;

	(void)state;
	assert_non_null(r);
	gsl_rng_set(r, 2385);
	for (int i = 0; i < 40000 + 4 * (int)(sizeof edges / sizeof edges[0]); i++) {
		if (i < 4 * (int)(sizeof edges / sizeof edges[0])) {
			x = edges[i / 4];
			x = i % 2 ? -x : x;
			x = i % 4 >= 2 ? nextafter(x, 2 * x + 1) : x;
		} else if (i % 5 == 0) {
			/* A subnormal: a random mantissa of up to 52 bits. */
			x = ldexp((double)gsl_rng_uniform_int(r, 1ul << 31) *
			          (double)(1 + gsl_rng_uniform_int(r, 1ul << 21)), -1074);
		} else {
			x = ldexp(gsl_rng_uniform(r) * 2.0 - 1.0,
			          (int)gsl_rng_uniform_int(r, 2098) - 1074);
			if (i % 4 == 0)
				x = nearbyint(x);
		}
		if (!isfinite(x))
			continue;
		numfmt_double(x, buf);
		assert_true(strlen(buf) < NUMFMT_LEN);
		back = 7;
		if (numfmt_parse(buf, &back) != NUMFMT_OK || memcmp(&back, &x, sizeof x) != 0)
			fail_msg("%.17g written as %s reads back as %.17g", x, buf, back);
	}
	gsl_rng_free(r);
}

static void test_parse(void **state)
{
	static const struct { const char *text; double v; } good[] = {
		{ "2.385", 2.385 }, { "  -1.5e6 \t", -1.5e6 }, { "2040", 2040 },
		{ "+2.385", 2.385 }, { "5.", 5 }, { ".5", 0.5 }, { "-.25", -0.25 },
		{ "1E-3", 1e-3 }, { "1e+3", 1e3 }, { "007", 7 }, { "0", 0 },
		{ "1.500", 1.5 }, { "0.500", 0.5 }, { "1.5000", 1.5 },
		{ "\n2.385\r\n", 2.385 }, { "1e-0", 1 },
		/* Subnormal values are read as the subnormal they round to. */
		{ "1e-320", 9.9998886718268301e-321 },
		{ "4.9406564584124654e-324", 4.9406564584124654e-324 },
		{ "3e-324", 4.9406564584124654e-324 },
		{ "1.7976931348623157e308", 1.7976931348623157e308 },
		/* Zero with any exponent is zero, not an underflow. */
		{ "0e-999999", 0 }, { "0.000e99999", 0 }, { "-0", 0 },
	};
	static const struct { const char *text; int status; } bad[] = {
		{ "", NUMFMT_EMPTY }, { "   ", NUMFMT_EMPTY }, { "\t\n", NUMFMT_EMPTY },
		{ "12x", NUMFMT_SYNTAX }, { "0.02 # comment", NUMFMT_SYNTAX },
		{ "1,5", NUMFMT_SYNTAX }, { "35%", NUMFMT_SYNTAX }, { "1 500", NUMFMT_SYNTAX },
		{ "inf", NUMFMT_SYNTAX }, { "-inf", NUMFMT_SYNTAX },
		{ "infinity", NUMFMT_SYNTAX }, { "nan", NUMFMT_SYNTAX },
		{ "NAN(123)", NUMFMT_SYNTAX }, { "0x10", NUMFMT_SYNTAX },
		{ "0x1p-1074", NUMFMT_SYNTAX }, { "0X1.8P1", NUMFMT_SYNTAX },
		{ ".", NUMFMT_SYNTAX }, { "-", NUMFMT_SYNTAX }, { "+-1", NUMFMT_SYNTAX },
		{ "e5", NUMFMT_SYNTAX }, { "1e", NUMFMT_SYNTAX }, { "1e+", NUMFMT_SYNTAX },
		{ "1.2.3", NUMFMT_SYNTAX }, { "1.500.000", NUMFMT_SYNTAX },
		{ "1_000", NUMFMT_SYNTAX }, { "--1", NUMFMT_SYNTAX }, { "1d", NUMFMT_SYNTAX },
		{ "1f", NUMFMT_SYNTAX },
		{ "1e-400", NUMFMT_TOO_SMALL }, { "2e-324", NUMFMT_TOO_SMALL },
		{ "-1e-400", NUMFMT_TOO_SMALL }, { "0.0001e-320", NUMFMT_TOO_SMALL },
		{ "1e400", NUMFMT_TOO_LARGE }, { "-1e999", NUMFMT_TOO_LARGE },
		{ "1.7976931348623159e308", NUMFMT_TOO_LARGE },
	};
	double v;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		v = -7;
		if (numfmt_parse(good[i].text, &v) != NUMFMT_OK)
			fail_msg("'%s' is not read", good[i].text);
		assert_close(v, good[i].v, 0, 0);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = 7;
		if (numfmt_parse(bad[i].text, &v) != bad[i].status)
			fail_msg("'%s': status %d, expected %d", bad[i].text,
			         numfmt_parse(bad[i].text, &v), bad[i].status);
		assert_close(v, 7, 0, 0);   /* untouched on failure */
	}
	assert_string_equal(numfmt_why(NUMFMT_EMPTY), "is empty");
	assert_string_equal(numfmt_why(NUMFMT_SYNTAX), "is not a number");
	assert_string_equal(numfmt_why(NUMFMT_TOO_SMALL), "is too small: rounds to 0");
	assert_string_equal(numfmt_why(NUMFMT_TOO_LARGE), "is too large");
}

/* German and English thousands grouping, as the hints recognise it. */
static void test_grouped(void **state)
{
	(void)state;
	assert_true(numfmt_grouped("1.500", '.'));
	assert_true(numfmt_grouped(" -12.345.678 ", '.'));
	assert_true(numfmt_grouped("+999.000", '.'));
	assert_true(numfmt_grouped("1,500,000", ','));
	assert_false(numfmt_grouped("1.5", '.'));
	assert_false(numfmt_grouped("1.50", '.'));
	assert_false(numfmt_grouped("1.5000", '.'));
	assert_false(numfmt_grouped("0.500", '.'));
	assert_false(numfmt_grouped("1500", '.'));
	assert_false(numfmt_grouped("1234.567", '.'));
	assert_false(numfmt_grouped("1.500e3", '.'));
	assert_false(numfmt_grouped("1.500,5", '.'));
	assert_false(numfmt_grouped(".500", '.'));
	assert_false(numfmt_grouped("1.500", ','));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shortest_forms),
		cmocka_unit_test(test_whole_numbers_in_full),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_written_reads_back),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_grouped),
	};

	return cmocka_run_group_tests_name("numfmt", tests, NULL, NULL);
}
