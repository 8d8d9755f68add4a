/*
** summary.h: key figures of one run, for summary.csv.
*/
#ifndef DTSIM_SUMMARY_H
#define DTSIM_SUMMARY_H

#include "engine.h"
#include "params.h"

/* KPI(name, unit, better, meaning): better is +1 when a higher value is
** better for the municipality, -1 when a lower one is, 0 when neither
** (dtsim compare ranks by it). */
#define SUMMARY_KPIS(KPI) \
	KPI(end_cash_eur, "EUR", 0, "cash at the end of the horizon") \
	KPI(end_workforce_skill, "index", +1, "workforce skill at the end") \
	KPI(end_legacy_share, "1", -1, "legacy share at the end") \
	KPI(end_change_resistance, "index", -1, "change resistance at the end") \
	KPI(end_service_maturity, "1", +1, "service maturity at the end") \
	KPI(end_citizen_adoption, "1", +1, "citizen adoption at the end") \
	KPI(end_om_share, "1", -1, "O&M share of IT spending in the last year") \
	KPI(target_year, "year", -1, "first year whose end finds maturity at the target (empty: never)") \
	KPI(total_investment_eur, "EUR", 0, "investment over the horizon") \
	KPI(total_savings_eur, "EUR", +1, "savings over the horizon") \
	KPI(total_om_eur, "EUR", -1, "O&M over the horizon") \
	KPI(total_funding_gap_eur, "EUR", -1, "planned investment not spent for lack of money") \
	KPI(shortfall_years, "years", -1, "fiscal years with a funding gap") \
	KPI(expected_incidents, "count", -1, "expected major incidents over the horizon") \
	KPI(total_cost_eur, "EUR", -1, "own cost over the horizon, loans still owed at its end included") \
	KPI(pv_cost_eur, "EUR", -1, "present value of the own cost at finance.discount_rate") \
	KPI(pv_net_benefit_eur, "EUR", +1, "present value of added savings minus own cost") \
	KPI(payback_year, "year", -1, "first year whose end finds the cumulative net benefit at or above 0 (empty: never)") \
	KPI(total_grants_eur, "EUR", +1, "grants received over the horizon") \
	KPI(total_interest_eur, "EUR", -1, "loan interest paid over the horizon") \
	KPI(peak_loan_balance_eur, "EUR", -1, "largest loan balance at the end of a period") \
	KPI(max_debt_service_share, "1", -1, "largest debt service as a share of the IT budget (base + transformation)")

#define SUMMARY_ENUM(n, u, b, m) KPI_##n,
enum kpi { SUMMARY_KPIS(SUMMARY_ENUM) KPI_COUNT };
#undef SUMMARY_ENUM

struct kpi_def {
	const char *name, *unit;
	int better;  /* +1 higher is better, -1 lower is better, 0 neither */
	const char *meaning;
};
extern const struct kpi_def summary_kpis[KPI_COUNT];

/* A KPI that does not exist (target never reached, no payback) is NaN here
** and an empty field in the CSV. */
struct summary {
	double v[KPI_COUNT];
};

/* Computes the KPIs from a run's yearly or finer rows; p (the first year's
** parameters) gives the target, the discount rate, the start year and the
** report step. Returns -1 if s has no rows. */
int summary_compute(const struct series *s, const struct model_params *p, struct summary *out);

#endif
