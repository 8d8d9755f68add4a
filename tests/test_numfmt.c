/*
** test_numfmt.c: numbers as text. Every double written must read back to
** the identical double, in the shortest form, whole numbers without an
** exponent; parsing accepts a whole finite number and nothing else.
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

static void test_parse(void **state)
{
	double v = -1;

	(void)state;
	assert_int_equal(numfmt_parse("2.385", &v), 0);
	assert_close(v, 2.385, 0, 0);
	assert_int_equal(numfmt_parse("  -1.5e6 \t", &v), 0);
	assert_close(v, -1.5e6, 0, 0);
	assert_int_equal(numfmt_parse("2040", &v), 0);
	assert_close(v, 2040, 0, 0);
	v = 7;
	assert_int_equal(numfmt_parse("", &v), -1);
	assert_int_equal(numfmt_parse("   ", &v), -1);
	assert_int_equal(numfmt_parse("12x", &v), -1);
	assert_int_equal(numfmt_parse("0.02 # comment", &v), -1);
	assert_int_equal(numfmt_parse("1,5", &v), -1);
	assert_int_equal(numfmt_parse("inf", &v), -1);
	assert_int_equal(numfmt_parse("nan", &v), -1);
	assert_int_equal(numfmt_parse("1e999", &v), -1);
	assert_close(v, 7, 0, 0);   /* untouched on failure */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shortest_forms),
		cmocka_unit_test(test_whole_numbers_in_full),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse),
	};

	return cmocka_run_group_tests_name("numfmt", tests, NULL, NULL);
}
