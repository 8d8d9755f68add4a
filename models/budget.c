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
                 double mandate_gap, double peer_gap, double realised_last,
                 double commitment, double carry, struct model_year *yr)
{
	double own = 0.0, topups, reinvest, moved = 0.0, shift;
	double unit = (int)p->allocation_schedule_unit == SCHEDULE_EUR_PER_INHABITANT
	              ? p->municipality_inhabitants : 1.0;
	double base[DOM_COUNT];
	double cut_base = finance_shock_factor(p, SHOCK_BASE, yr->year);
	double cut_transformation = finance_shock_factor(p, SHOCK_TRANSFORMATION, yr->year);

	/* A shock cuts the year's budget, not the trend it grows along. */
	yr->base_trend = prev ? prev->base_trend * (1.0 + p->budget_growth_rate)
	                      : p->budget_it_base_eur;
	yr->base_budget = yr->base_trend * cut_base;
	yr->price_index = prev ? prev->price_index * (1.0 + p->budget_cost_inflation) : 1.0;
	yr->mandate_topup = mandate_gap * p->mandate_funding_eur;
	yr->peer_topup = peer_gap * p->peers_budget_pull_eur;
	yr->commitment = commitment;
	reinvest = p->savings_reinvest_share * realised_last;
	reinvest = reinvest < p->savings_reinvest_cap_eur ? reinvest : p->savings_reinvest_cap_eur;
	yr->reinvest = reinvest > 0.0 ? reinvest : 0.0;
	topups = yr->mandate_topup + yr->peer_topup + yr->reinvest;
	/* The mandate moves mandate.reallocation * gap of every other domain's
	** plan (and share) to value creation (MODEL.md 8). */
	shift = p->mandate_reallocation * mandate_gap;
	shift = shift < 1.0 ? shift : 1.0;
	for (int d = 0; d < DOM_COUNT; d++) {
		base[d] = p->schedule_active > 0.5 ? schedule_eur(p, d) * unit
		                                   : budget_share(p, d) * p->budget_transformation_eur;
		base[d] *= cut_transformation * commitment;
		yr->share[d] = budget_share(p, d);
	}
	for (int d = 0; d < DOM_COUNT; d++)
		if (d != DOM_VALUE_CREATION) {
			moved += shift * base[d];
			base[d] -= shift * base[d];
			yr->share[DOM_VALUE_CREATION] += shift * yr->share[d];
			yr->share[d] -= shift * yr->share[d];
		}
	base[DOM_VALUE_CREATION] += moved;
	yr->carry = carry > 0.0 ? carry : 0.0;
	for (int d = 0; d < DOM_COUNT; d++) {
		own += base[d];
		yr->planned[d] = base[d] + yr->share[d] * topups;
		/* Carried over to the domains but policies, by their shares (none
		** when policies take every share). */
		if (d != DOM_POLICIES && yr->share[DOM_POLICIES] < 1.0)
			yr->planned[d] += yr->share[d] / (1.0 - yr->share[DOM_POLICIES]) * yr->carry;
	}
	yr->transformation = own + yr->mandate_topup + yr->peer_topup;
	finance_year(p, yr->year, yr->share, &yr->fin);
	yr->committed = yr->fin.interest + yr->fin.repayment + yr->fin.fees;
	yr->cofunded_total = 0.0;
	for (int d = 0; d < DOM_COUNT; d++)
		yr->cofunded_total += yr->fin.cofunded[d];
	budget_sums(yr);
}

void budget_sums(struct model_year *yr)
{
	yr->plan_others = 0.0;
	yr->share_others = 0.0;
	yr->instruments = yr->fin.loan_draw != 0.0 || yr->cofunded_total != 0.0;
	for (int d = 0; d < DOM_COUNT; d++) {
		if (d == DOM_POLICIES)
			continue;
		yr->plan_others += yr->planned[d];
		yr->share_others += yr->share[d];
		yr->instruments |= yr->fin.loan_spend[d] != 0.0 || yr->fin.cofunded[d] != 0.0;
	}
}
