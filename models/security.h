/*
** security.h: incident hazard and its costs (expected values).
*/
#ifndef DTSIM_SECURITY_H
#define DTSIM_SECURITY_H

#include "params.h"

/* Major incidents per year at legacy share L with policy spend (EUR/yr). */
double security_hazard(const struct model_params *p, double L, double policy_spend);

/* Expected share of time lost to incident recovery: min(1, hazard * recovery). */
double security_lost_time(const struct model_params *p, double hazard);

#endif
