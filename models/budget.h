/*
** budget.h: appropriation, O&M priority and the hard budget constraint.
*/
#ifndef DTSIM_BUDGET_H
#define DTSIM_BUDGET_H

#include "modeltypes.h"

/*
** Fills yr's money fields for fiscal year `year`: base budget (compounded
** from prev, or budget.it_base_eur in the first year), the transformation
** budget or schedule, the price index, the mandate and peer top-ups for the gaps (both >= 0,
** in units of maturity), the reinvestment of last year's savings, and the
** plan per domain. yr->peer_maturity and yr->mandate_on must be set.
*/
void budget_year(const struct model_params *p, const struct model_year *prev,
                 double mandate_gap, double peer_gap, double savings_last,
                 struct model_year *yr);

/* The allocation share of domain d (0..DOM_COUNT-1). */
double budget_share(const struct model_params *p, int d);

/*
** The hard budget constraint (MODEL.md 2.3 and 12.5). O&M, security
** policies and incident costs (`mandatory`, EUR/yr) are paid first, with a
** top-up from the general budget when income does not cover them (debt
** service and contract fees are the treasury's, outside this constraint). What is left, plus cash drawn down over
** budget.drawdown_years, pays first the municipality's part of co-funded
** projects (grants, partner contracts; funded ratio psi, which also scales
** the outside money) and then its own plan for the other nine domains
** (funded ratio phi): the own plan is cut first. Loan proceeds are spent as
** drawn. Writes the own plan planned[d] = yr->planned[d] + a_d * surplus,
** the spend invest[] and real[] (in first-year prices), and in r: phi, psi,
** the total spend, the funding gap (plan not spent, outside money
** included), the top-up and the rate of change of cash (EUR/yr), computed
** as (income left after mandatory costs) - (own money spent) so that large
** flows do not cancel. Runs in the model's inner loop.
*/
struct budget_result {
	double ratio, cofunded_ratio, invest_total, shortfall, topup, cash_rate;
};
void budget_constrain(const struct model_coef *k, const struct model_year *yr,
                      double surplus, double income, double cash, double mandatory,
                      double planned[DOM_COUNT], double invest[DOM_COUNT],
                      double real[DOM_COUNT], struct budget_result *r);

#endif
