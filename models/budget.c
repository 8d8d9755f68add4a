/*
** budget.c: the money side of the model (MODEL.md 2).
*/
#include <stddef.h>

#include "budget.h"
#include "finance.h"

/* Offsets of the allocation shares and schedule amounts, in domain order
** (domains.def). */
#define DOMAIN_GROUP(group, label, colour)
#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank) \
	offsetof(struct model_params, allocation_##key),
static const size_t share_offset[DOM_COUNT] = {
#include "domains.def"
};
#undef DOMAIN
#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank) \
	offsetof(struct model_params, schedule_##key),
static const size_t schedule_offset[DOM_COUNT] = {
#include "domains.def"
};
#undef DOMAIN
#undef DOMAIN_GROUP

static double field(const struct model_params *p, size_t offset)
{
	return *(const double *)((const char *)p + offset);
}

double budget_share(const struct model_params *p, int d)
{
	return field(p, share_offset[d]);
}

static double schedule_eur(const struct model_params *p, int d)
{
	return field(p, schedule_offset[d]);
}

void budget_year(const struct model_params *p, const struct model_year *prev,
                 double mandate_gap, double peer_gap, double savings_last,
                 struct model_year *yr)
{
	double own = 0.0, topups, reinvest;
	double cut_base = finance_shock_factor(p, SHOCK_BASE, yr->year);
	double cut_transformation = finance_shock_factor(p, SHOCK_TRANSFORMATION, yr->year);

	/* A shock cuts the year's budget, not the trend it grows along. */
	yr->base_trend = prev ? prev->base_trend * (1.0 + p->budget_growth_rate)
	                      : p->budget_it_base_eur;
	yr->base_budget = yr->base_trend * cut_base;
	yr->price_index = prev ? prev->price_index * (1.0 + p->budget_cost_inflation) : 1.0;
	yr->mandate_topup = mandate_gap * p->mandate_funding_eur;
	yr->peer_topup = peer_gap * p->peers_budget_pull_eur;
	reinvest = p->savings_reinvest_share * savings_last;
	reinvest = reinvest < p->savings_reinvest_cap_eur ? reinvest : p->savings_reinvest_cap_eur;
	yr->reinvest = reinvest > 0.0 ? reinvest : 0.0;
	topups = yr->mandate_topup + yr->peer_topup + yr->reinvest;
	for (int d = 0; d < DOM_COUNT; d++) {
		double base = p->schedule_active > 0.5 ? schedule_eur(p, d)
		                                       : budget_share(p, d) * p->budget_transformation_eur;
		base *= cut_transformation;
		own += base;
		yr->share[d] = budget_share(p, d);
		yr->planned[d] = base + yr->share[d] * topups;
	}
	yr->transformation = own + yr->mandate_topup + yr->peer_topup;
	finance_year(p, yr->year, yr->share, &yr->fin);
	yr->committed = yr->fin.interest + yr->fin.repayment + yr->fin.fees;
	yr->cofunded_total = 0.0;
	for (int d = 0; d < DOM_COUNT; d++)
		yr->cofunded_total += yr->fin.cofunded[d];
}

void budget_constrain(const struct model_coef *k, const struct model_year *yr,
                      double surplus, double income, double cash, double mandatory,
                      double planned[DOM_COUNT], double invest[DOM_COUNT],
                      double real[DOM_COUNT], struct budget_result *r)
{
	const struct finance_year *fin = &yr->fin;
	double desired = 0.0, spent = 0.0, free, available, rest, phi, psi;

	free = income > mandatory ? income - mandatory : 0.0;
	r->topup = mandatory > income ? mandatory - income : 0.0;
	for (int d = 0; d < DOM_COUNT; d++) {
		planned[d] = yr->planned[d] + yr->share[d] * surplus;
		desired += planned[d];
	}
	desired -= planned[DOM_POLICIES];
	available = free + (cash > 0.0 ? cash * k->inv_drawdown : 0.0);
	/* Co-funding first (cut last), then the own plan (cut first). */
	psi = fin->own_cofunding > available && fin->own_cofunding > 0.0
	      ? available / fin->own_cofunding : 1.0;
	rest = available - psi * fin->own_cofunding;
	rest = rest > 0.0 ? rest : 0.0;
	phi = desired > rest && desired > 0.0 ? rest / desired : 1.0;
	for (int d = 0; d < DOM_COUNT; d++) {
		double own = d == DOM_POLICIES ? planned[d] : phi * planned[d];
		invest[d] = own + psi * fin->cofunded[d] + fin->loan_spend[d];
		real[d] = invest[d] * k->to_real;
		if (d != DOM_POLICIES)
			spent += own;
	}
	r->ratio = phi;
	r->cofunded_ratio = psi;
	r->invest_total = spent + planned[DOM_POLICIES] + psi * yr->cofunded_total
	                  + fin->loan_draw;
	r->shortfall = (desired - spent) + (1.0 - psi) * yr->cofunded_total;
	r->cash_rate = free - spent - psi * fin->own_cofunding;
}
