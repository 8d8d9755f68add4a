/*
** test_csvout.c: CSV output through libcsv (sim/csvout.c).
** Files are read back with libcsv itself, so the test checks what a CSV
** reader sees, not what the writer meant: every number must read back to
** the identical double, and user text must survive quoting.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "csvout.h"
#include "outvars.h"
#include "summary.h"
#include "testcsv.h"
#include "testutil.h"

/* The whole file as text (for checks on the raw bytes). */
static void slurp(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* ---- a scratch directory per test -------------------------------------- */

static int setup_dir(void **state)
{
	char *d = malloc(256);

	assert_non_null(d);
	assert_int_equal(testutil_mkdtemp(d, 256, "csvout"), 0);
	*state = d;
	return 0;
}

/* Removes the directory; fails if the test left anything but out.csv. */
static int teardown_dir(void **state)
{
	char *d = *state;
	int stray = testutil_rmdir(d, "out.csv");

	free(d);
	return stray ? -1 : 0;
}

static void out_path(void **state, char *buf, size_t len)
{
	snprintf(buf, len, "%s/out.csv", (const char *)*state);
}

/* ---- series ------------------------------------------------------------ */

#define ROWS 5

/* Values that test the formatter: non-terminating binary fractions, the
** extremes of the double range, a subnormal, negative zero, and uneven
** products that need all 17 digits. */
static double value_at(size_t r, size_t c)
{
	static const double special[] = {
		0.1, 1.0 / 3.0, -2.385e-7, DBL_MAX, -DBL_MIN, 4.9406564584124654e-324,
		-0.0, 15000000, 2026.0833333333333, 1e21, 123456789012345678.0,
	};
	size_t i = r * OV_COUNT + c;

	if (c == OV_year)
		return 2026 + (double)r;
	if (i % 3 == 0)
		return special[(i / 3) % (sizeof special / sizeof special[0])];
	return (double)(i + 1) * 3.14159265358979 / 7.0 * (i % 2 ? -1e5 : 1e-3);
}

static void series_round_trip(void **state)
{
	double v[ROWS * OV_COUNT];
	struct series s = { ROWS, OV_COUNT, v };
	char path[512];
	struct err e;
	struct testcsv t;

	out_path(state, path, sizeof path);
	for (size_t r = 0; r < ROWS; r++)
		for (size_t c = 0; c < OV_COUNT; c++)
			v[r * OV_COUNT + c] = value_at(r, c);
	assert_int_equal(csvout_write_series(path, &s, &e), 0);

	testcsv_read(path, &t);
	assert_int_equal(t.nrows, ROWS + 1);
	assert_int_equal(t.nfields, (ROWS + 1) * OV_COUNT);
	assert_string_equal(t.field[0], "year");
	assert_string_equal(t.field[1], "cash_eur");
	for (size_t c = 0; c < OV_COUNT; c++)
		assert_string_equal(t.field[c], outvars_table[c].name);
	for (size_t r = 0; r < ROWS; r++)
		for (size_t c = 0; c < OV_COUNT; c++) {
			size_t i = (r + 1) * OV_COUNT + c;
			assert_int_equal(t.row_of[i], r + 1);
			testcsv_same_double(t.field[i], value_at(r, c));
		}
	assert_string_equal(t.field[OV_COUNT], "2026");
	testcsv_free(&t);
}

/* A series with no rows is a header alone: every column of the output
** registry (models/outvars.def), in its order, each quoted, starting with
** year, and one line end. */
static void series_header_only(void **state)
{
	double v[1];
	struct series s = { 0, OV_COUNT, v };
	char path[512], raw[8192], want[8192];
	size_t n = 0;
	struct err e;

	out_path(state, path, sizeof path);
	assert_int_equal(csvout_write_series(path, &s, &e), 0);
	slurp(path, raw, sizeof raw);
	assert_int_equal(strncmp(raw, "\"year\",\"cash_eur\",\"workforce_skill\",", 36), 0);
	for (size_t c = 0; c < OV_COUNT; c++) {
		int k = snprintf(want + n, sizeof want - n, "%s\"%s\"", c ? "," : "",
		                 outvars_table[c].name);

		assert_true(k > 0 && (size_t)k < sizeof want - n);
		n += (size_t)k;
	}
	assert_true(n + 1 < sizeof want);
	want[n++] = '\n';
	want[n] = '\0';
	assert_string_equal(raw, want);
}

/* Infinity or NaN anywhere in a series: an error naming the column and
** the row, and no file (teardown checks that no temporary is left). */
static void series_refuses_non_finite(void **state)
{
	double v[ROWS * OV_COUNT];
	struct series s = { ROWS, OV_COUNT, v };
	char path[512];
	struct err e;

	out_path(state, path, sizeof path);
	for (size_t r = 0; r < ROWS; r++)
		for (size_t c = 0; c < OV_COUNT; c++)
			v[r * OV_COUNT + c] = value_at(r, c);
	v[3 * OV_COUNT + OV_savings_eur] = INFINITY;
	assert_int_equal(csvout_write_series(path, &s, &e), -1);
	assert_string_equal(e.key, "savings_eur");
	assert_non_null(strstr(e.msg, "savings_eur is inf in row 4 (year 2029)"));
	assert_int_not_equal(access(path, F_OK), 0);

	v[3 * OV_COUNT + OV_savings_eur] = 1;
	v[0 * OV_COUNT + OV_om_share] = NAN;
	assert_int_equal(csvout_write_series(path, &s, &e), -1);
	assert_string_equal(e.key, "om_share");
	assert_int_not_equal(access(path, F_OK), 0);
}

static void series_wrong_width(void **state)
{
	double v[4];
	struct series s = { 1, 4, v };
	char path[512];
	struct err e;

	out_path(state, path, sizeof path);
	assert_int_equal(csvout_write_series(path, &s, &e), -1);
	assert_non_null(strstr(e.msg, "4 columns"));
	assert_int_not_equal(access(path, F_OK), 0);
}

/* ---- summary ----------------------------------------------------------- */

static void fill_summary(struct summary *s, double base)
{
	for (int k = 0; k < KPI_COUNT; k++)
		s->v[k] = base * (k + 1.385) / 3.0;
}

/* Ids with a comma and quotes come back unchanged; NaN is an empty field;
** numbers round-trip bit-exactly. */
static void summary_round_trip(void **state)
{
	static const char *const ids[] = { "baseline", "Main \"St\", 1", "x" };
	struct summary rows[3];
	char path[512], raw[8192];
	struct err e;
	struct testcsv t;

	out_path(state, path, sizeof path);
	fill_summary(&rows[0], 1e6);
	fill_summary(&rows[1], -0.2385);
	fill_summary(&rows[2], 7.0);
	rows[1].v[KPI_target_year] = NAN;
	rows[2].v[KPI_COUNT - 1] = NAN;
	assert_int_equal(csvout_write_summary(path, ids, rows, 3, &e), 0);

	slurp(path, raw, sizeof raw);
	assert_non_null(strstr(raw, "\n\"Main \"\"St\"\", 1\","));
	assert_non_null(strstr(raw, ",\"\"\n"));  /* the last KPI of row 3 */

	testcsv_read(path, &t);
	assert_int_equal(t.nrows, 4);
	assert_int_equal(t.nfields, 4 * (KPI_COUNT + 1));
	assert_string_equal(t.field[0], "scenario");
	for (int k = 0; k < KPI_COUNT; k++)
		assert_string_equal(t.field[1 + k], summary_kpis[k].name);
	for (size_t i = 0; i < 3; i++) {
		const char *const *f = (const char *const *)&t.field[(i + 1) * (KPI_COUNT + 1)];
		assert_string_equal(f[0], ids[i]);
		for (int k = 0; k < KPI_COUNT; k++) {
			if (isnan(rows[i].v[k]))
				assert_string_equal(f[1 + k], "");
			else
				testcsv_same_double(f[1 + k], rows[i].v[k]);
		}
	}
	testcsv_free(&t);
}

static void summary_refuses_infinity(void **state)
{
	static const char *const ids[] = { "a", "b" };
	struct summary rows[2];
	char path[512];
	struct err e;

	out_path(state, path, sizeof path);
	fill_summary(&rows[0], 1);
	fill_summary(&rows[1], 2);
	rows[1].v[KPI_total_om_eur] = -INFINITY;
	assert_int_equal(csvout_write_summary(path, ids, rows, 2, &e), -1);
	assert_string_equal(e.key, "total_om_eur");
	assert_non_null(strstr(e.msg, "total_om_eur of b is -inf"));
	assert_int_not_equal(access(path, F_OK), 0);
}

/* A directory that does not exist: afile's message, nothing written. */
static void summary_bad_directory(void **state)
{
	struct summary rows[1];
	const char *ids[] = { "a" };
	char path[512];
	struct err e;

	snprintf(path, sizeof path, "%s/missing/summary.csv", (const char *)*state);
	fill_summary(&rows[0], 1);
	assert_int_equal(csvout_write_summary(path, ids, rows, 1, &e), -1);
	assert_non_null(strstr(e.msg, "cannot write "));
	assert_non_null(strstr(e.msg, "No such file or directory"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(series_round_trip, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(series_header_only, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(series_refuses_non_finite, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(series_wrong_width, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(summary_round_trip, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(summary_refuses_infinity, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(summary_bad_directory, setup_dir, teardown_dir),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
