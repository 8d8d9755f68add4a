/*
** legacy.c: legacy-system debt (MODEL.md 3).
*/
#include "legacy.h"
#include "sd.h"

void legacy_om(const struct model_params *p, const struct model_coef *k, double L, double D,
               double *om_legacy, double *om_modern)
{
	*om_legacy = k->om_unit * p->legacy_om_multiplier * (L + D);
	*om_modern = k->om_unit * (1.0 - L);
}

double legacy_aging(const struct model_coef *k, const double m[3], double modernised,
                    double dm[3])
{
	return sd_delay3_fin(m, modernised, k->inv_lifetime, dm);
}

double legacy_modernisation(const struct model_coef *k, double L, double delivered,
                            double effect)
{
	return sd_saturate_fin(delivered * effect * k->inv_mod_cost, L * k->inv_min_mod);
}

double legacy_decommissioning(const struct model_coef *k, double D)
{
	return D * k->inv_run_in;
}

double legacy_backlog(const struct model_params *p, double L)
{
	return L * p->legacy_portfolio_value_eur * p->legacy_modernisation_cost_factor;
}
