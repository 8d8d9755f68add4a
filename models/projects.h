/*
** projects.h: what the organisation can absorb in projects a year, and
** what projects overrun (MODEL.md 14).
*/
#ifndef DTSIM_PROJECTS_H
#define DTSIM_PROJECTS_H

#include "modeltypes.h"

/* Project money the organisation can contract and spend (EUR/yr, first-year
** prices): staff * absorption_per_fte_eur / procurement.delay_years, times
** S / S_ref and the leadership factor lead. */
double projects_capacity(const struct model_coef *k, double S, double lead);

/*
** The expected cost overrun of IT projects (share of the estimate, 0..10):
** overrun_reference times max(0.2, 1 + pace_effect (u - u_ref)) for the
** load u the plan puts on the absorption capacity (pace and size: above 1
** when the plan asks for more than the organisation can absorb), S_ref / S
** for skill, and
** max(0.2, 1 - leadership.loss_effect (Ld - Ld_ref)) for leadership.
*/
double projects_overrun(const struct model_params *p, const struct model_coef *k, double u,
                        double S, double Ld);

#endif
