/*
** test_schedule.c: reading an allocation schedule in either CSV dialect
** (sim/schedule.h, sim/csvdialect.h): a file whose first line holds a ';'
** is German CSV, where "1,5" is a number and a point in a number is
** refused with a hint; an English file reads as before.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvdialect.h"
#include "rfile.h"
#include "scenario.h"
#include "schedule.h"
#include "testutil.h"

#define DATA "tests/data/scenario/"

static char dir[256];

static int group_setup(void **state)
{
	(void)state;
	return testutil_mkdtemp(dir, sizeof dir, "schedule");
}

static int group_teardown(void **state)
{
	(void)state;
	return testutil_rmdir(dir, "s.csv");
}

/* Reads text as a schedule file; returns schedule_read's status, with the
** cells in *cells (freed by the caller) and e filled. */
static int read_text(const char *text, struct schedule_cell **cells, size_t *n, struct err *e)
{
	char path[300];
	struct rfile *f;
	FILE *out;
	int rc;

	snprintf(path, sizeof path, "%s/s.csv", dir);
	out = fopen(path, "w");
	assert_non_null(out);
	assert_int_equal(fputs(text, out) >= 0, 1);
	assert_int_equal(fclose(out), 0);
	err_clear(e);
	assert_int_equal(rfile_open(path, RFILE_SCHEDULE_MAX_BYTES, RFILE_CSV_MAX_LINE, &f, e), 0);
	rc = schedule_read(f, "s.csv", cells, n, e);
	rfile_close(f);
	return rc;
}

/* Expects text to fail at line with key and message msg. */
static void fails(const char *text, long line, const char *key, const char *msg)
{
	struct schedule_cell *cells;
	struct err e;
	size_t n;

	assert_int_equal(read_text(text, &cells, &n, &e), -1);
	assert_null(cells);
	assert_int_equal(e.line, line);
	assert_string_equal(e.key, key);
	assert_string_equal(e.msg, msg);
}

/* German cells: a decimal comma, quoted or not, a byte-order mark and CRLF
** line ends; the values are those the English spelling gives. */
static void test_german_numbers(void **state)
{
	struct schedule_cell *cells;
	struct err e;
	size_t n;

	(void)state;
	assert_int_equal(read_text("\xEF\xBB\xBFyear;process;quality\r\n"
	                           "2027;125000,5;\"2,385e6\"\r\n"
	                           "\"2028\";0,25;-0\r\n"
	                           "2029;1,500;35\r\n", &cells, &n, &e), 0);
	assert_int_equal(n, 6);
	assert_int_equal(cells[0].year, 2027);
	assert_string_equal(cells[0].def->key, "process");
	assert_close(cells[0].value, 125000.5, 0, 0);
	assert_string_equal(cells[1].def->key, "quality");
	assert_close(cells[1].value, 2385000, 0, 0);
	assert_int_equal(cells[2].year, 2028);
	assert_close(cells[2].value, 0.25, 0, 0);
	assert_int_equal(cells[2].line, 3);
	/* "1,500" is one and a half in German, not grouping. */
	assert_close(cells[4].value, 1.5, 0, 0);
	assert_close(cells[5].value, 35, 0, 0);
	free(cells);

	/* The same text with commas as separators is English: "125000,5"
	** would be two fields. */
	assert_int_equal(read_text("year,process\n2027,125000.5\n", &cells, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_close(cells[0].value, 125000.5, 0, 0);
	free(cells);
}

/* A point in a German number is refused: German grouping with the number
** to write instead, a decimal point with its comma spelling; two commas
** and an English cell in a German file are no numbers. */
static void test_german_errors(void **state)
{
	(void)state;
	fails("year;process\n2027;1.500\n", 2, "process",
	      "column 'process': '1.500' looks like German thousands grouping; write 1500;"
	      " allowed: 0 to 100000000000 (EUR/yr)");
	fails("year;process\n2027;12.345.678\n", 2, "process",
	      "column 'process': '12.345.678' looks like German thousands grouping; write"
	      " 12345678; allowed: 0 to 100000000000 (EUR/yr)");
	fails("year;process\n2027;1.5\n", 2, "process",
	      "column 'process': '1.5' has a decimal point, but this file separates its"
	      " fields with ';' (German CSV), where the decimal sign is the comma: write 1,5;"
	      " allowed: 0 to 100000000000 (EUR/yr)");
	fails("year;process\n2027;1,500,000\n", 2, "process",
	      "column 'process': '1,500,000' is not a number (German CSV: one decimal comma, no"
	      " grouping); allowed: 0 to 100000000000 (EUR/yr)");
	fails("year;process\n2027;12x\n", 2, "process",
	      "column 'process': '12x' is not a number; allowed: 0 to 100000000000 (EUR/yr)");
	fails("year;process\n2027;-1,5\n", 2, "process",
	      "column 'process': '-1,5' is out of range; allowed: 0 to 100000000000 (EUR/yr)");
	fails("year;process\n2027,5;1\n", 2, "year",
	      "column 'year': '2027,5' is not a year; allowed: whole numbers from 1900 to"
	      " 2200 (year)");
	/* A row split by commas in a German file has too few fields. */
	fails("year;process;quality\n2027,1,2\n", 2, "",
	      "the row has 1 fields; the header has 3");
}

/* A scenario with the German schedule resolves to the parameters of the
** same scenario with the English one (tests/data/scenario/plan.csv). */
static void test_german_equals_english(void **state)
{
	struct scenario *a = NULL, *b = NULL;
	struct model_params *ya = NULL, *yb = NULL;
	size_t na = 0, nb = 0;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(scenario_load(DATA "planned.ini", &a, &e), 0);
	assert_int_equal(scenario_load(DATA "planned_de.ini", &b, &e), 0);
	assert_int_equal(scenario_resolve(a, &ya, &na, &e), 0);
	assert_int_equal(scenario_resolve(b, &yb, &nb, &e), 0);
	assert_int_equal(na, 5);
	assert_int_equal(nb, 5);
	assert_memory_equal(ya, yb, 5 * sizeof *ya);
	assert_close(yb[1].schedule_process, 125000.5, 0, 0);
	assert_close(yb[3].schedule_literacy, 42.1875, 0, 0);
	free(ya);
	free(yb);
	scenario_free(a);
	scenario_free(b);
}

/* The dialect's number reader and writer (csvdialect.h). */
static void test_dialect_numbers(void **state)
{
	static const double xs[] = { 2.385, -0.1, 15000000, 4.9406564584124654e-324, -0.0,
	                             1.7976931348623157e308, 125000.5 };
	char buf[NUMFMT_LEN];
	double x;

	(void)state;
	assert_int_equal(csvdialect_number("1,5", CSVDIALECT_DE, &x), NUMFMT_OK);
	assert_close(x, 1.5, 0, 0);
	assert_int_equal(csvdialect_number(" -2,385e-3 ", CSVDIALECT_DE, &x), NUMFMT_OK);
	assert_close(x, -2.385e-3, 0, 0);
	assert_int_equal(csvdialect_number("1.5", CSVDIALECT_DE, &x), NUMFMT_SYNTAX);
	assert_int_equal(csvdialect_number("1.500", CSVDIALECT_DE, &x), NUMFMT_SYNTAX);
	assert_int_equal(csvdialect_number("1,500,0", CSVDIALECT_DE, &x), NUMFMT_SYNTAX);
	assert_int_equal(csvdialect_number(",", CSVDIALECT_DE, &x), NUMFMT_SYNTAX);
	assert_int_equal(csvdialect_number("", CSVDIALECT_DE, &x), NUMFMT_EMPTY);
	assert_int_equal(csvdialect_number("1,5", CSVDIALECT_EN, &x), NUMFMT_SYNTAX);
	assert_int_equal(csvdialect_number("1.5", CSVDIALECT_EN, &x), NUMFMT_OK);
	/* A long field (zeros in front) reads as in en. */
	assert_int_equal(csvdialect_number("0000000000000000000000000000000000000000000000000"
	                                   "0000000000000000000000000000000002,5", CSVDIALECT_DE,
	                                   &x), NUMFMT_OK);
	assert_close(x, 2.5, 0, 0);
	for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
		csvdialect_format(xs[i], CSVDIALECT_DE, buf);
		assert_null(strchr(buf, '.'));
		assert_int_equal(csvdialect_number(buf, CSVDIALECT_DE, &x), NUMFMT_OK);
		assert_memory_equal(&x, &xs[i], sizeof x);
	}
	csvdialect_format(2.385, CSVDIALECT_DE, buf);
	assert_string_equal(buf, "2,385");
	csvdialect_format(2040, CSVDIALECT_DE, buf);
	assert_string_equal(buf, "2040");
	assert_int_equal(csvdialect_detect("\"a;b\",c\n", 8), CSVDIALECT_EN);
	assert_int_equal(csvdialect_detect("\xEF\xBB\xBF" "a;b\n", 7), CSVDIALECT_DE);
	assert_int_equal(csvdialect_detect("year\n2027;1\n", 12), CSVDIALECT_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_german_numbers),
		cmocka_unit_test(test_german_errors),
		cmocka_unit_test(test_german_equals_english),
		cmocka_unit_test(test_dialect_numbers),
	};
	return cmocka_run_group_tests_name("schedule", tests, group_setup, group_teardown);
}
