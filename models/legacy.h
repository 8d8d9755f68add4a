/*
** legacy.h: legacy-system debt: O&M cost, ageing and modernisation.
*/
#ifndef DTSIM_LEGACY_H
#define DTSIM_LEGACY_H

#include "modeltypes.h"

/* O&M of the portfolio (EUR/yr) at legacy share L: legacy systems cost
** legacy.om_multiplier times a modern one. */
void legacy_om(const struct model_params *p, double L, double *om_legacy, double *om_modern);

/* Share of the portfolio becoming legacy per year: (1 - L) / lifetime. */
double legacy_aging(const struct model_coef *k, double L);

/*
** Share modernised per year: the delivered infrastructure spend (EUR/yr)
** times the effect factor buys share at V * cost_factor EUR per unit,
** saturated by the capacity L / min_modernisation_years.
*/
double legacy_modernisation(const struct model_coef *k, double L, double delivered,
                            double effect);

/* Cost of modernising what is legacy (EUR). */
double legacy_backlog(const struct model_params *p, double L);

#endif
