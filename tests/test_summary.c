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
#include "profile.h"

#define ROWS 4

/* Quarterly rows from 2026.75 to 2027.5; service maturity crosses 0.8 (the
** default target) in the row of 2027.25. Flow columns use distinct, uneven
** values so a sum that skips or repeats a row cannot match. */
static void fill(double v[ROWS][OV_COUNT])
{
	static const double year[ROWS] = { 2026.75, 2027, 2027.25, 2027.5 };
	static const double maturity[ROWS] = { 0.612, 0.79999, 0.8, 0.835 };
	static const double cum[ROWS] = { -9e5, -3e5, 1.5e5, 6e5 };

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
		v[r][OV_citizen_satisfaction] = 0.38 + 0.041 * k;
		v[r][OV_leadership_capacity] = 0.35 + 0.037 * k;
		v[r][OV_staff_hours_freed] = 1.25e4 * k + 0.5;
		v[r][OV_grant_lapsed_eur] = r == 1 ? 7.25e4 : 0;
		/* Rows of 2026 and 2027 (twice): two fiscal years. */
		v[r][OV_unabsorbed_eur] = r == 2 ? 0 : 1.5e5 * k;
		v[r][OV_project_loss_eur] = 2.1e4 * k * k;
		/* Money spent, paid back in the row of 2027.25. */
		v[r][OV_own_cost_eur] = 4.5e5 * k;
		v[r][OV_cum_net_benefit_eur] = cum[r];
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
	profile_defaults(&p);
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
	assert_close(out.v[KPI_end_citizen_satisfaction], 0.544, 1e-14, 0);
	assert_close(out.v[KPI_end_leadership_capacity], 0.498, 1e-14, 0);
	/* 0.79999 misses, 0.8 meets the target: row 2027.25 -> 2027. */
	assert_close(out.v[KPI_target_year], 2027, 0, 0);
	/* Flows: sums over k = 1..4 (sum k = 10, sum k^2 = 30). */
	assert_close(out.v[KPI_total_investment_eur], 1.1e7 + 4 * 3.7, 1e-14, 0);
	assert_close(out.v[KPI_total_savings_eur], 2.385e5 * 30, 1e-14, 0);
	assert_close(out.v[KPI_total_om_eur],
	             (4 * 4.1e6 - 1.3e6) + (4 * 2.9e6 + 7.7e5) + 3.3e6, 1e-14, 0);
	assert_close(out.v[KPI_total_funding_gap_eur], 5.5e5, 0, 0);
	assert_close(out.v[KPI_shortfall_years], 1, 0, 0);
	assert_close(out.v[KPI_expected_incidents], 0.625, 1e-14, 0);
	assert_close(out.v[KPI_total_staff_hours_freed], 1.25e5 + 2, 1e-14, 0);
	assert_close(out.v[KPI_total_grant_lapsed_eur], 7.25e4, 0, 0);
	assert_close(out.v[KPI_unabsorbed_years], 2, 0, 0);
	assert_close(out.v[KPI_total_project_loss_eur], 2.1e4 * 30, 1e-14, 0);
	/* No loan owed at the end: the own cost is the sum of the rows'. */
	assert_close(out.v[KPI_total_cost_eur], 4.5e6, 1e-14, 0);
	assert_close(out.v[KPI_payback_year], 2027, 0, 0);
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

/*
** The finance KPIs (MODEL.md 12.7) of three yearly rows from 2026: each
** row's flow is paid at its end and discounted at finance.discount_rate to
** the start of 2026; the loan still owed at the end counts as paid then;
** the net benefit is the budget view, cash-releasing benefits
** (cash_benefit_eur) less own cost, and its total adds the staff time
** freed and kept (capacity_benefit_eur; kpis.def, issue 10);
** payback is the first year whose end finds the cumulative net benefit at
** or above 0; a shortfall year is a fiscal year with a funding gap, counted
** once however many of its rows have one.
*/
static void finance_kpis(void **state)
{
	static const double cost[3] = { 2e6, 1.5e6, 1e6 }, added[3] = { 3e5, 9e5, 1.4e6 };
	static const double capacity[3] = { 1.385e5, 2.77e5, 4.155e5 };
	static const double cum[3] = { -1.7e6, -3e5, 2.5e5 }, balance[3] = { 5e6, 4.5e6, 4e6 };
	static const double service[3] = { 0, 6e5, 6.2e5 }, budget[3] = { 1.6e7, 1.65e7, 1.8e7 };
	double v[3][OV_COUNT], d[4];
	struct series s = { 3, OV_COUNT, &v[0][0] };
	struct model_params p;
	struct summary out;

	(void)state;
	memset(v, 0, sizeof v);
	for (int r = 0; r < 3; r++) {
		v[r][OV_year] = 2026 + r;
		v[r][OV_own_cost_eur] = cost[r];
		v[r][OV_cash_benefit_eur] = added[r];
		v[r][OV_capacity_benefit_eur] = capacity[r];
		/* Savings above the initial are not the cash benefit: they
		** enter neither present value. */
		v[r][OV_added_savings_eur] = 7 * added[r];
		v[r][OV_cum_net_benefit_eur] = cum[r];
		v[r][OV_loan_balance_eur] = balance[r];
		v[r][OV_debt_service_eur] = service[r];
		v[r][OV_interest_eur] = 0.1 * service[r];
		v[r][OV_base_budget_eur] = 0.9 * budget[r];
		v[r][OV_transformation_budget_eur] = 0.1 * budget[r];
		v[r][OV_funding_gap_eur] = r == 1 ? 2e5 : 0;
		v[r][OV_grants_eur] = 1e5 * (r + 1);
	}
	profile_defaults(&p);
	p.finance_discount_rate = 0.0415;
	p.sim_start_year = 2026;
	for (int k = 1; k <= 3; k++)
		d[k] = pow(1.0415, -k);
	assert_int_equal(summary_compute(&s, &p, &out), 0);
	assert_close(out.v[KPI_total_cost_eur], 4.5e6 + 4e6, 1e-14, 0);
	assert_close(out.v[KPI_pv_cost_eur], 2e6 * d[1] + 1.5e6 * d[2] + 1e6 * d[3] + 4e6 * d[3],
	             1e-12, 0);
	assert_close(out.v[KPI_pv_cash_benefit_eur], 3e5 * d[1] + 9e5 * d[2] + 1.4e6 * d[3],
	             1e-12, 0);
	assert_close(out.v[KPI_pv_capacity_benefit_eur],
	             1.385e5 * d[1] + 2.77e5 * d[2] + 4.155e5 * d[3], 1e-12, 0);
	assert_close(out.v[KPI_pv_net_benefit_eur],
	             -1.7e6 * d[1] - 6e5 * d[2] + 4e5 * d[3] - 4e6 * d[3], 1e-12, 0);
	assert_close(out.v[KPI_pv_net_benefit_total_eur],
	             -1.5615e6 * d[1] - 3.23e5 * d[2] + 8.155e5 * d[3] - 4e6 * d[3], 1e-12, 0);
	assert_close(out.v[KPI_payback_year], 2028, 0, 0);
	assert_close(out.v[KPI_peak_loan_balance_eur], 5e6, 0, 0);
	/* 6e5 / 1.65e7 = 0.03636 beats 6.2e5 / 1.8e7 = 0.03444 */
	assert_close(out.v[KPI_max_debt_service_share], 6e5 / 1.65e7, 1e-14, 0);
	assert_close(out.v[KPI_shortfall_years], 1, 0, 0);
	assert_close(out.v[KPI_total_grants_eur], 6e5, 1e-14, 0);
	assert_close(out.v[KPI_total_interest_eur], 1.22e5, 1e-14, 0);
	/* Never back to 0: no payback year. */
	v[2][OV_cum_net_benefit_eur] = -1e-3;
	assert_int_equal(summary_compute(&s, &p, &out), 0);
	assert_true(isnan(out.v[KPI_payback_year]));
}

/*
** The two discounting conventions of MODEL.md 12.2 on a constant stream:
** C = 1.385e6 a year for n = 4 years at rho = 4.15 %. Year-end: PV = C (1 -
** (1 + rho)^-n) / rho; WiBe (each year at its start, the first
** undiscounted): (1 + rho) times that. With quarterly rows (C / 4 each) the
** year-end convention counts each quarter at its end, WiBe each fiscal
** year at its start, so WiBe's PV is the same as with yearly rows.
*/
static void discounting_conventions(void **state)
{
	const double c = 1.385e6, rho = 0.0415;
	const double annuity = c * (1 - pow(1 + rho, -4)) / rho;
	double v[16][OV_COUNT], quarters = 0;
	struct series yearly = { 4, OV_COUNT, &v[0][0] }, quarterly = { 16, OV_COUNT, &v[0][0] };
	struct model_params p;
	struct summary out;

	(void)state;
	profile_defaults(&p);
	p.finance_discount_rate = rho;
	p.sim_start_year = 2026;
	memset(v, 0, sizeof v);
	for (int r = 0; r < 4; r++) {
		v[r][OV_year] = 2026 + r;
		v[r][OV_cash_benefit_eur] = c;
		v[r][OV_capacity_benefit_eur] = 0.5 * c;
	}
	p.finance_discounting = DISCOUNT_YEAR_END;
	assert_int_equal(summary_compute(&yearly, &p, &out), 0);
	assert_close(out.v[KPI_pv_cash_benefit_eur], annuity, 1e-13, 0);
	assert_close(out.v[KPI_pv_capacity_benefit_eur], 0.5 * annuity, 1e-13, 0);
	p.finance_discounting = DISCOUNT_WIBE;
	assert_int_equal(summary_compute(&yearly, &p, &out), 0);
	assert_close(out.v[KPI_pv_cash_benefit_eur], (1 + rho) * annuity, 1e-13, 0);
	/* the first year undiscounted: 1.385e6 of it counts in full */
	assert_close(out.v[KPI_pv_cash_benefit_eur] - c * (1 + 1 / (1 + rho)
	             + pow(1 + rho, -2) + pow(1 + rho, -3)), 0, 0, 1e-6);
	assert_close(out.v[KPI_pv_net_benefit_total_eur], 1.5 * (1 + rho) * annuity, 1e-13, 0);

	memset(v, 0, sizeof v);
	for (int r = 0; r < 16; r++) {
		v[r][OV_year] = 2026 + 0.25 * r;
		v[r][OV_cash_benefit_eur] = c / 4;
		quarters += c / 4 * pow(1 + rho, -0.25 * (r + 1));
	}
	p.sim_report_step = 0.25;
	assert_int_equal(summary_compute(&quarterly, &p, &out), 0);
	assert_close(out.v[KPI_pv_cash_benefit_eur], (1 + rho) * annuity, 1e-13, 0);
	p.finance_discounting = DISCOUNT_YEAR_END;
	assert_int_equal(summary_compute(&quarterly, &p, &out), 0);
	assert_close(out.v[KPI_pv_cash_benefit_eur], quarters, 1e-13, 0);
}

/*
** feasible (MODEL.md 12.7) is 1 only when no row has a funding gap and
** cash is never below zero (half a cent of rounding below zero is zero).
*/
static void feasibility(void **state)
{
	double v[3][OV_COUNT];
	struct series s = { 3, OV_COUNT, &v[0][0] };
	struct model_params p;
	struct summary out;

	(void)state;
	profile_defaults(&p);
	memset(v, 0, sizeof v);
	for (int r = 0; r < 3; r++) {
		v[r][OV_year] = 2026 + r;
		v[r][OV_cash_eur] = 2.385e5 * (2 - r);   /* 0 at the end, as grant_cofunding */
	}
	assert_int_equal(summary_compute(&s, &p, &out), 0);
	assert_close(out.v[KPI_feasible], 1, 0, 0);
	v[2][OV_cash_eur] = -0.004;   /* rounding */
	assert_int_equal(summary_compute(&s, &p, &out), 0);
	assert_close(out.v[KPI_feasible], 1, 0, 0);
	v[1][OV_cash_eur] = -0.006;   /* below zero */
	assert_int_equal(summary_compute(&s, &p, &out), 0);
	assert_close(out.v[KPI_feasible], 0, 0, 0);
	v[1][OV_cash_eur] = 1e5;
	v[2][OV_funding_gap_eur] = 0.01;   /* a gap, however small */
	assert_int_equal(summary_compute(&s, &p, &out), 0);
	assert_close(out.v[KPI_feasible], 0, 0, 0);
	assert_close(out.v[KPI_shortfall_years], 1, 0, 0);
}

static void no_rows_is_an_error(void **state)
{
	double v[1][OV_COUNT] = { { 0 } };
	struct series s = { 0, OV_COUNT, &v[0][0] };
	struct model_params p;
	struct summary out;

	(void)state;
	profile_defaults(&p);
	assert_int_equal(summary_compute(&s, &p, &out), -1);
	assert_int_equal(summary_compute(NULL, &p, &out), -1);
}

/* Every KPI has a distinct, non-empty name, unit, meaning and German label. */
static void kpi_table(void **state)
{
	(void)state;
	assert_string_equal(summary_kpis[0].name, "end_cash_eur");
	assert_string_equal(summary_kpis[KPI_expected_incidents].name, "expected_incidents");
	for (int i = 0; i < KPI_COUNT; i++) {
		assert_true(summary_kpis[i].name[0] && summary_kpis[i].unit[0]
		            && summary_kpis[i].meaning[0] && summary_kpis[i].label_de[0]);
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
		cmocka_unit_test(finance_kpis),
		cmocka_unit_test(discounting_conventions),
		cmocka_unit_test(feasibility),
		cmocka_unit_test(no_rows_is_an_error),
		cmocka_unit_test(kpi_table),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
