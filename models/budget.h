/*
** budget.h: appropriation, O&M priority, the hard budget constraint and
** the absorption capacity (MODEL.md 2).
*/
#ifndef DTSIM_BUDGET_H
#define DTSIM_BUDGET_H

#include <math.h>

#include "modeltypes.h"

/*
** Fills yr's money fields for fiscal year `year`: base budget (compounded
** from prev, or budget.it_base_eur in the first year), the transformation
** budget or schedule times the commitment factor (1 when politics is
** off), the price index, the mandate and peer top-ups for the gaps (both
** >= 0, in units of maturity), the mandate's reallocation to value
** creation, the reinvestment of last year's realised savings (EUR), the
** carry-over of last year's own plan that was not absorbed (EUR, paid from
** cash), and the plan per domain.
*/
void budget_year(const struct model_params *p, const struct model_year *prev,
                 double mandate_gap, double peer_gap, double realised_last,
                 double commitment, double carry, struct model_year *yr);

/* Sets the year's absorption capacity (EUR/yr, at least 0) and its
** inverse, which budget_constrain reads. */
static inline void budget_capacity(struct model_year *yr, double capacity)
{
	yr->capacity = capacity > 0.0 ? capacity : 0.0;
	yr->inv_capacity = yr->capacity > 0.0 ? 1.0 / yr->capacity : 0.0;
}

/* Sets yr's sums over the domains but policies (plan_others,
** share_others) and whether instruments spend this year, from planned[],
** share[], fin and cofunded_total; budget_year calls it, and so must code
** that fills those by hand. */
void budget_sums(struct model_year *yr);

/* The allocation share of domain d (0..DOM_COUNT-1). */
double budget_share(const struct model_params *p, int d);

/*
** The result of the budget constraint: the funded ratios of the own plan
** (phi) and of co-funded projects (psi), and the ratios money alone would
** have allowed (phi_m >= phi, psi_m >= psi: the rest is what the
** organisation could not absorb), the spend, the shortfall (the plan not
** spent: funding gap and what was not absorbed together), the top-up,
** the rate of change of cash (EUR/yr), the use of the absorption
** capacity (0..1) and the load the plan puts on it (planned project
** money over capacity, above 1 when the plan asks too much).
*/
struct budget_result {
	double ratio, cofunded_ratio, money_ratio, cofunded_money_ratio;
	double invest_total, shortfall, topup, cash_rate, utilisation, load, desired;
};

/*
** The hard budget constraint (MODEL.md 2.3 and 12.5). O&M, security
** policies and recruitment (`mandatory`, EUR/yr) are paid first, with a
** top-up from the general budget when income does not cover them (debt
** service, contract fees and incidents are paid outside this budget).
** What is left, plus cash drawn down over budget.drawdown_years, pays first
** the municipality's part of co-funded projects (grants, partner
** contracts; funded ratio psi, which also scales the outside money) and
** then its own plan for the other domains (funded ratio phi): the own plan
** is cut first. Neither may exceed the year's absorption capacity
** (yr->capacity, set by budget_capacity):
** money the organisation cannot absorb stays in cash, and outside money
** lapses. Loan proceeds are spent as drawn. Writes the own plan
** planned[d] = yr->planned[d] + a_d * surplus, the spend invest[] and
** real[] (in first-year prices). The rate of change of cash is computed as
** (income left after mandatory costs) - (own money spent) so that large
** flows do not cancel. Runs in the model's inner loop, so it is inlined
** (always: as a call it took 12 % of a run, MODEL.md 9.5).
*/
static inline __attribute__((always_inline))
void budget_constrain(const struct model_coef *k, const struct model_year *yr,
                      double surplus, double income, double cash, double mandatory,
                      double planned[DOM_COUNT], double invest[DOM_COUNT],
                      double real[DOM_COUNT], struct budget_result *r)
{
	const struct finance_year *fin = &yr->fin;
	const double own2 = fin->own_cofunding, cof = yr->cofunded_total;
	const double desired = yr->plan_others + yr->share_others * surplus;
	const double capacity = yr->capacity;
	double spent, free, available, rest, room, phi, psi, inv;

	free = income > mandatory ? income - mandatory : 0.0;
	r->topup = mandatory > income ? mandatory - income : 0.0;
	available = free + (cash > 0.0 ? cash * k->inv_drawdown : 0.0);
	/* Co-funding first (cut last), then the own plan (cut first); each
	** within the money left and the capacity left. */
	psi = 1.0;
	r->cofunded_money_ratio = 1.0;
	if (yr->instruments && cof > 0.0) {
		psi = own2 > available ? available / own2 : 1.0;
		r->cofunded_money_ratio = psi;
		if (cof > capacity && capacity / cof < psi)
			psi = capacity / cof;
	}
	rest = available - psi * own2;
	rest = rest > 0.0 ? rest : 0.0;
	room = capacity - psi * cof;
	room = room > 0.0 ? room : 0.0;
	/* phi_m = min(1, rest / desired), phi = min(phi_m, room / desired),
	** with one division, and none in the common year that cuts nothing. */
	phi = 1.0;
	r->money_ratio = 1.0;
	if (desired > rest || desired > room) {
		inv = 1.0 / desired;
		if (desired > rest)
			phi = rest * inv;
		r->money_ratio = phi;
		if (desired > room && room * inv < phi)
			phi = room * inv;
	}
	if (!yr->instruments) {
		for (int d = 0; d < DOM_COUNT; d++) {
			planned[d] = yr->planned[d] + yr->share[d] * surplus;
			invest[d] = phi * planned[d];
			real[d] = invest[d] * k->to_real;
		}
	} else {
		for (int d = 0; d < DOM_COUNT; d++) {
			planned[d] = yr->planned[d] + yr->share[d] * surplus;
			invest[d] = phi * planned[d] + psi * fin->cofunded[d] + fin->loan_spend[d];
		}
	}
	/* Policies are never cut. */
	invest[DOM_POLICIES] = planned[DOM_POLICIES];
	if (yr->instruments) {
		invest[DOM_POLICIES] += psi * fin->cofunded[DOM_POLICIES] + fin->loan_spend[DOM_POLICIES];
		for (int d = 0; d < DOM_COUNT; d++)
			real[d] = invest[d] * k->to_real;
	} else {
		real[DOM_POLICIES] = invest[DOM_POLICIES] * k->to_real;
	}
	spent = phi * desired;
	r->desired = desired;
	r->ratio = phi;
	r->cofunded_ratio = psi;
	r->invest_total = spent + planned[DOM_POLICIES] + psi * cof + fin->loan_draw;
	r->shortfall = (desired - spent) + (1.0 - psi) * cof;
	r->cash_rate = free - spent - psi * own2;
	r->utilisation = capacity > 0.0 ? (spent + psi * cof) * yr->inv_capacity : 1.0;
	r->load = capacity > 0.0 ? (desired + cof) * yr->inv_capacity : HUGE_VAL;
}

#endif
