/*
** legacy.h: legacy-system debt: O&M cost, ageing, modernisation and the
** double running of replaced systems until they are switched off.
*/
#ifndef DTSIM_LEGACY_H
#define DTSIM_LEGACY_H

#include "modeltypes.h"

/* O&M of the portfolio (EUR/yr, first-year prices) at legacy share L with
** share D replaced but still running: legacy systems (L + D) cost
** legacy.om_multiplier times a modern one, modern systems (1 - L) cost
** V * om_rate per unit; D is paid twice. */
void legacy_om(const struct model_params *p, const struct model_coef *k, double L, double D,
               double *om_legacy, double *om_modern);

/*
** Share of the portfolio becoming legacy per year: the modern share ages
** through three stages (a third-order delay of mean legacy.lifetime_years,
** stocks m[0..2] summing to 1 - L), so that a system replaced today
** becomes legacy over its service life, not at once. Writes the stages'
** rates of change into dm; modernised is the share replaced per year.
*/
double legacy_aging(const struct model_coef *k, const double m[3], double modernised,
                    double dm[3]);

/*
** Share replaced per year: the delivered infrastructure spend (EUR/yr,
** first-year prices) times the effect factor buys share at V * cost_factor
** EUR per unit, saturated by the capacity L / min_modernisation_years.
*/
double legacy_modernisation(const struct model_coef *k, double L, double delivered,
                            double effect);

/* Share switched off per year after double running: D / double_running_years. */
double legacy_decommissioning(const struct model_coef *k, double D);

/* Cost of modernising what is legacy (EUR, first-year prices). */
double legacy_backlog(const struct model_params *p, double L);

#endif
