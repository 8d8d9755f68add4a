/*
** summary.c: the key figures of one run, from its time series.
** The KPI table comes from models/kpis.def, as the enum in summary.h does,
** so the names in summary.csv, the docs and the enum cannot drift apart.
*/
#include <math.h>

#include "finance.h"
#include "outvars.h"
#include "summary.h"

#define KPI(n, u, b, m, de) { #n, u, b, m, de },
const struct kpi_def summary_kpis[] = {
#include "kpis.def"
};
#undef KPI

/*
** Cash below this is below zero for the feasibility flag: the model keeps
** cash at or above zero (MODEL.md 2.3), so only rounding could take it
** lower, and what is below half a cent counts as none (as for the
** unabsorbed money, MODEL.md 2.3).
*/
#define SUMMARY_CASH_TOLERANCE_EUR 0.005

/* The sum of column c over every row of s. */
static double column_total(const struct series *s, enum outvar c)
{
	double t = 0;

	for (size_t r = 0; r < s->rows; r++)
		t += s->v[r * s->cols + c];
	return t;
}

/* The fiscal years with column c above 0 in any of their rows. */
static double years_with(const struct series *s, enum outvar c)
{
	double last = NAN, n = 0;

	for (size_t r = 0; r < s->rows; r++) {
		const double *row = s->v + r * s->cols;
		if (row[c] > 0 && floor(row[OV_year]) != last) {
			last = floor(row[OV_year]);
			n++;
		}
	}
	return n;
}

/*
** The years from the start of sim.start_year at which the flows of row
** (labelled year, report step `step`) are counted in present values
** (MODEL.md 12.2): at the end of its period (year_end), or at the start of
** its fiscal year (wibe: the first fiscal year is undiscounted).
*/
static double discount_time(double year, double step, const struct model_params *p)
{
	if ((int)p->finance_discounting == DISCOUNT_WIBE)
		return floor(year) - p->sim_start_year;
	return year + step - p->sim_start_year;
}

/*
** The finance KPIs (MODEL.md 12.7). Each row's flows are discounted to the
** start of sim.start_year from the time discount_time gives. Loans still
** owed at the end of the horizon count as paid then, so that borrowing late
** does not look free. A shortfall year is a fiscal year with a funding gap
** in any of its rows; the gap is exactly 0 when nothing was cut.
*/
static void finance_kpis(const struct series *s, const struct model_params *p,
                         struct summary *out)
{
	const double *last = s->v + (s->rows - 1) * s->cols;
	double rate = p->finance_discount_rate, step = p->sim_report_step;
	double cost = 0, pv_cost = 0, pv_cash = 0, pv_capacity = 0, peak = 0, share = 0, end_t, debt;
	double gap_year = NAN;
	size_t years = 0;

	out->v[KPI_payback_year] = NAN;
	for (size_t r = 0; r < s->rows; r++) {
		const double *row = s->v + r * s->cols;
		double df = finance_discount(rate, discount_time(row[OV_year], step, p)), budget;
		cost += row[OV_own_cost_eur];
		pv_cost += row[OV_own_cost_eur] * df;
		pv_cash += row[OV_cash_benefit_eur] * df;
		pv_capacity += row[OV_capacity_benefit_eur] * df;
		if (row[OV_loan_balance_eur] > peak)
			peak = row[OV_loan_balance_eur];
		budget = row[OV_base_budget_eur] + row[OV_transformation_budget_eur];
		if (budget > 0 && row[OV_debt_service_eur] / budget > share)
			share = row[OV_debt_service_eur] / budget;
		if (row[OV_funding_gap_eur] > 0 && floor(row[OV_year]) != gap_year) {
			gap_year = floor(row[OV_year]);
			years++;
		}
		/* Something must have been spent to be paid back. */
		if (isnan(out->v[KPI_payback_year]) && cost > 0 && row[OV_cum_net_benefit_eur] >= 0)
			out->v[KPI_payback_year] = floor(row[OV_year]);
	}
	debt = last[OV_loan_balance_eur];
	end_t = last[OV_year] + step - p->sim_start_year;
	out->v[KPI_total_cost_eur] = cost + debt;
	out->v[KPI_pv_cost_eur] = pv_cost + debt * finance_discount(rate, end_t);
	out->v[KPI_pv_cash_benefit_eur] = pv_cash;
	out->v[KPI_pv_capacity_benefit_eur] = pv_capacity;
	out->v[KPI_pv_net_benefit_eur] = pv_cash - out->v[KPI_pv_cost_eur];
	out->v[KPI_pv_net_benefit_total_eur] = pv_cash + pv_capacity - out->v[KPI_pv_cost_eur];
	out->v[KPI_peak_loan_balance_eur] = peak;
	out->v[KPI_max_debt_service_share] = share;
	out->v[KPI_shortfall_years] = (double)years;
}

/*
** 1 when the plan was affordable (MODEL.md 12.7): no funding gap in any
** row (so no shortfall year) and cash never below zero; else 0.
*/
static double feasible(const struct series *s, const struct summary *k)
{
	if (k->v[KPI_total_funding_gap_eur] > 0 || k->v[KPI_shortfall_years] > 0)
		return 0;
	for (size_t r = 0; r < s->rows; r++)
		if (s->v[r * s->cols + OV_cash_eur] < -SUMMARY_CASH_TOLERANCE_EUR)
			return 0;
	return 1;
}

/*
** Stocks are read from the last row (the state at the end of the horizon);
** flows are summed over the rows, which works for any report step because
** each row holds the flow over its own period. target_year is the fiscal
** year of the first row that ends with maturity at the target: floor(year),
** so a monthly row of 2031.5 counts as 2031. NaN when it is never reached.
*/
int summary_compute(const struct series *s, const struct model_params *p, struct summary *out)
{
	const double *last;

	if (!s || s->rows == 0 || s->cols != OV_COUNT)
		return -1;
	last = s->v + (s->rows - 1) * s->cols;

	out->v[KPI_end_cash_eur] = last[OV_cash_eur];
	out->v[KPI_end_workforce_skill] = last[OV_workforce_skill];
	out->v[KPI_end_legacy_share] = last[OV_legacy_share];
	out->v[KPI_end_change_resistance] = last[OV_change_resistance];
	out->v[KPI_end_service_maturity] = last[OV_service_maturity];
	out->v[KPI_end_citizen_adoption] = last[OV_citizen_adoption];
	out->v[KPI_end_om_share] = last[OV_om_share];
	out->v[KPI_end_citizen_satisfaction] = last[OV_citizen_satisfaction];
	out->v[KPI_end_leadership_capacity] = last[OV_leadership_capacity];

	out->v[KPI_target_year] = NAN;
	for (size_t r = 0; r < s->rows; r++) {
		const double *row = s->v + r * s->cols;
		if (row[OV_service_maturity] >= p->services_target_maturity) {
			out->v[KPI_target_year] = floor(row[OV_year]);
			break;
		}
	}

	out->v[KPI_total_investment_eur] = column_total(s, OV_investment_eur);
	out->v[KPI_total_savings_eur] = column_total(s, OV_savings_eur);
	out->v[KPI_total_om_eur] = column_total(s, OV_om_legacy_eur)
	                           + column_total(s, OV_om_modern_eur)
	                           + column_total(s, OV_om_digital_eur);
	out->v[KPI_total_funding_gap_eur] = column_total(s, OV_funding_gap_eur);
	out->v[KPI_expected_incidents] = column_total(s, OV_expected_incidents);
	out->v[KPI_total_grants_eur] = column_total(s, OV_grants_eur);
	out->v[KPI_total_interest_eur] = column_total(s, OV_interest_eur);
	out->v[KPI_total_staff_hours_freed] = column_total(s, OV_staff_hours_freed);
	out->v[KPI_total_grant_lapsed_eur] = column_total(s, OV_grant_lapsed_eur);
	out->v[KPI_unabsorbed_years] = years_with(s, OV_unabsorbed_eur);
	out->v[KPI_total_project_loss_eur] = column_total(s, OV_project_loss_eur);
	finance_kpis(s, p, out);
	out->v[KPI_feasible] = feasible(s, out);
	return 0;
}
