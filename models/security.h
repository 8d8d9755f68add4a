/*
** security.h: incident hazard and its costs (expected values).
*/
#ifndef DTSIM_SECURITY_H
#define DTSIM_SECURITY_H

#include "modeltypes.h"

/*
** Major incidents per year (a Poisson intensity: a stochastic run can draw
** events from it) with legacy systems running on share `exposed` of the
** portfolio (legacy plus double running) and policy spend (EUR/yr, first-
** year prices): k->hazard_base * (1 + (legacy_multiplier - 1) exposed^2),
** cut by policy spend by up to policy_max_reduction (MODEL.md 7).
*/
double security_hazard(const struct model_params *p, const struct model_coef *k,
                       double exposed, double policy_spend);

/* Expected share of time lost to incident recovery: min(1, hazard * recovery). */
double security_lost_time(const struct model_params *p, double hazard);

#endif
