/*
** test_burden.c: a run's burden per budget year (sim/burden.c), from a
** hand-made series: each fiscal year's value is the sum of its rows, the
** total the sum of all rows.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "burden.h"
#include "testutil.h"

/* Quarterly rows from 2027.25 to 2029: 2027 has three, 2028 four, 2029
** one. Values are distinct and uneven, so a row skipped or counted twice
** cannot give the same sum. */
static void quarterly_rows(void **state)
{
	enum { ROWS = 8 };
	double v[ROWS][OV_COUNT], want[3][BURDEN_ITEMS] = { { 0 } }, total[BURDEN_ITEMS] = { 0 };
	struct series s = { ROWS, OV_COUNT, &v[0][0] };
	struct burden b;

	(void)state;
	memset(v, 0, sizeof v);
	for (int r = 0; r < ROWS; r++) {
		int y = r < 3 ? 0 : r < 7 ? 1 : 2;

		v[r][OV_year] = 2027.25 + 0.25 * r;
		for (int i = 0; i < BURDEN_ITEMS; i++) {
			double x = 1.385e5 * (r + 1) * (r + 1) + 1e3 * i - 7.5e4 * (i == BURDEN_OWN_COST);

			v[r][burden_columns[i]] = x;
			want[y][i] += x;
			total[i] += x;
		}
		v[r][OV_cash_eur] = 1e99;   /* a column the burden does not read */
	}
	assert_int_equal(burden_from_series(&s, &b), 0);
	assert_int_equal(b.first_year, 2027);
	assert_int_equal(b.nyears, 3);
	for (int y = 0; y < 3; y++)
		for (int i = 0; i < BURDEN_ITEMS; i++)
			assert_close(b.v[y][i], want[y][i], 0, 0);
	for (int i = 0; i < BURDEN_ITEMS; i++)
		assert_close(b.total[i], total[i], 0, 0);
	assert_int_equal(burden_columns[BURDEN_DEBT_SERVICE], OV_debt_service_eur);
	assert_int_equal(burden_columns[BURDEN_GRANTS], OV_grants_eur);
	burden_free(&b);
	assert_null(b.v);
	assert_int_equal(b.nyears, 0);
}

static void no_rows(void **state)
{
	double v[1][OV_COUNT] = { { 0 } };
	struct series s = { 0, OV_COUNT, &v[0][0] };
	struct burden b;

	(void)state;
	assert_int_equal(burden_from_series(&s, &b), -1);
	assert_int_equal(burden_from_series(NULL, &b), -1);
	assert_null(b.v);
	burden_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quarterly_rows),
		cmocka_unit_test(no_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
