/*
** legacy.c: legacy-system debt (MODEL.md 3).
*/
#include "legacy.h"
#include "sd.h"

void legacy_om(const struct model_params *p, double L, double *om_legacy, double *om_modern)
{
	double unit = p->legacy_portfolio_value_eur * p->legacy_om_rate;

	*om_legacy = unit * p->legacy_om_multiplier * L;
	*om_modern = unit * (1.0 - L);
}

double legacy_aging(const struct model_coef *k, double L)
{
	return (1.0 - L) * k->inv_lifetime;
}

double legacy_modernisation(const struct model_coef *k, double L, double delivered,
                            double effect)
{
	return sd_saturate(delivered * effect * k->inv_mod_cost, L * k->inv_min_mod);
}

double legacy_backlog(const struct model_params *p, double L)
{
	return L * p->legacy_portfolio_value_eur * p->legacy_modernisation_cost_factor;
}
