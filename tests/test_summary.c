/*
** test_summary.c: KPIs from a hand-made series (sim/summary.c).
** The series is written here, not produced by the model, so every expected
** value is a sum or a row lookup that can be checked by reading this file.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "outvars.h"
#include "params.h"
#include "summary.h"
#include "testutil.h"

#define ROWS 4

/* Quarterly rows from 2026.75 to 2027.5; service maturity crosses 0.8 (the
** default target) in the row of 2027.25. Flow columns use distinct, uneven
** values so a sum that skips or repeats a row cannot match. */
static void fill(double v[ROWS][OV_COUNT])
{
	static const double year[ROWS] = { 2026.75, 2027, 2027.25, 2027.5 };
	static const double maturity[ROWS] = { 0.612, 0.79999, 0.8, 0.835 };

	memset(v, 0, sizeof(double) * ROWS * OV_COUNT);
	for (int r = 0; r < ROWS; r++) {
		double k = r + 1;
		v[r][OV_year] = year[r];
		v[r][OV_service_maturity] = maturity[r];
		v[r][OV_cash_eur] = 1.2345e6 * k;
		v[r][OV_workforce_skill] = 0.41 + 0.013 * k;
		v[r][OV_legacy_share] = 0.3 - 0.017 * k;
		v[r][OV_change_resistance] = 0.5 - 0.023 * k;
		v[r][OV_citizen_adoption] = 0.2 + 0.031 * k;
		v[r][OV_om_share] = 0.6 - 0.0271 * k;
		v[r][OV_investment_eur] = 1.1e6 * k + 3.7;
		v[r][OV_savings_eur] = 2.385e5 * k * k;
		v[r][OV_om_legacy_eur] = 4.1e6 - 1.3e5 * k;
		v[r][OV_om_modern_eur] = 2.9e6 + 7.7e4 * k;
		v[r][OV_om_digital_eur] = 3.3e5 * k;
		v[r][OV_funding_gap_eur] = r == 2 ? 5.5e5 : 0;
		v[r][OV_expected_incidents] = 0.0625 * k;
		v[r][OV_cash_eur + 9] = 1e99; /* a column no KPI reads */
	}
}

/* The KPIs of the hand-made series for a maturity target (NAN: default). */
static void compute(double target, struct summary *out)
{
	double v[ROWS][OV_COUNT];
	struct series s = { ROWS, OV_COUNT, &v[0][0] };
	struct model_params p;

	fill(v);
	params_defaults(&p);
	if (!isnan(target))
		p.services_target_maturity = target;
	assert_int_equal(summary_compute(&s, &p, out), 0);
}

static void kpis_from_rows(void **state)
{
	struct summary out;

	(void)state;
	compute(NAN, &out);

	/* Stocks: the last row (k = 4). */
	assert_close(out.v[KPI_end_cash_eur], 4.938e6, 1e-14, 0);
	assert_close(out.v[KPI_end_workforce_skill], 0.462, 1e-14, 0);
	assert_close(out.v[KPI_end_legacy_share], 0.232, 1e-14, 0);
	assert_close(out.v[KPI_end_change_resistance], 0.408, 1e-14, 0);
	assert_close(out.v[KPI_end_service_maturity], 0.835, 0, 0);
	assert_close(out.v[KPI_end_citizen_adoption], 0.324, 1e-14, 0);
	assert_close(out.v[KPI_end_om_share], 0.4916, 1e-14, 0);
	/* 0.79999 misses, 0.8 meets the target: row 2027.25 -> 2027. */
	assert_close(out.v[KPI_target_year], 2027, 0, 0);
	/* Flows: sums over k = 1..4 (sum k = 10, sum k^2 = 30). */
	assert_close(out.v[KPI_total_investment_eur], 1.1e7 + 4 * 3.7, 1e-14, 0);
	assert_close(out.v[KPI_total_savings_eur], 2.385e5 * 30, 1e-14, 0);
	assert_close(out.v[KPI_total_om_eur],
	             (4 * 4.1e6 - 1.3e6) + (4 * 2.9e6 + 7.7e5) + 3.3e6, 1e-14, 0);
	assert_close(out.v[KPI_total_funding_gap_eur], 5.5e5, 0, 0);
	assert_close(out.v[KPI_expected_incidents], 0.625, 1e-14, 0);
}

/* A target above every row: target_year is NaN (an empty CSV field). */
static void target_never_reached(void **state)
{
	struct summary out;

	(void)state;
	compute(0.8351, &out);
	assert_true(isnan(out.v[KPI_target_year]));
	for (int k = 0; k < KPI_COUNT; k++)
		if (k != KPI_target_year)
			assert_true(isfinite(out.v[k]));
}

/* A target met in the first row gives that row's fiscal year. */
static void target_in_first_row(void **state)
{
	struct summary out;

	(void)state;
	compute(0.612, &out);
	assert_close(out.v[KPI_target_year], 2026, 0, 0);
}

static void no_rows_is_an_error(void **state)
{
	double v[1][OV_COUNT] = { { 0 } };
	struct series s = { 0, OV_COUNT, &v[0][0] };
	struct model_params p;
	struct summary out;

	(void)state;
	params_defaults(&p);
	assert_int_equal(summary_compute(&s, &p, &out), -1);
	assert_int_equal(summary_compute(NULL, &p, &out), -1);
}

/* Every KPI has a distinct, non-empty name, unit and meaning. */
static void kpi_table(void **state)
{
	(void)state;
	assert_string_equal(summary_kpis[0].name, "end_cash_eur");
	assert_string_equal(summary_kpis[KPI_expected_incidents].name, "expected_incidents");
	for (int i = 0; i < KPI_COUNT; i++) {
		assert_true(summary_kpis[i].name[0] && summary_kpis[i].unit[0]
		            && summary_kpis[i].meaning[0]);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(summary_kpis[i].name, summary_kpis[j].name);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kpis_from_rows),
		cmocka_unit_test(target_never_reached),
		cmocka_unit_test(target_in_first_row),
		cmocka_unit_test(no_rows_is_an_error),
		cmocka_unit_test(kpi_table),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
