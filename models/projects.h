/*
** projects.h: what the organisation can absorb in projects a year, and
** what projects overrun (MODEL.md 14).
*/
#ifndef DTSIM_PROJECTS_H
#define DTSIM_PROJECTS_H

#include "modeltypes.h"

/* The largest overrun: the heavy tail's mean (F2 section 9: 447 % in the
** worst 18 %) capped, for a stable run. */
#define PROJECTS_OVERRUN_MAX 10.0

/* Project money the organisation can contract and spend (EUR/yr, first-year
** prices): staff * absorption_per_fte_eur / procurement.delay_years, times
** S / S_ref and the leadership factor lead. */
double projects_capacity(const struct model_coef *k, double S, double lead);

/*
** The expected cost overrun of IT projects (share of the estimate, 0..10):
** overrun_reference times max(0.2, 1 + pace_effect (u - u_ref)) for the
** use u of the absorption capacity (0..1: pace and size), max(0.2, 2 -
** S / S_ref) for skill (twice the reference with no skill), and max(0.2,
** 1 - leadership.loss_effect (Ld - Ld_ref)) for leadership. Inline: it runs
** in the model's inner loop.
*/
static inline double projects_overrun(const struct model_params *p, const struct model_coef *k,
                                      double u, double S, double Ld)
{
	double pace = 1.0 + p->projects_pace_effect * (u - p->projects_utilisation_reference);
	double lead = 1.0 - p->leadership_loss_effect * (Ld - p->effect_reference_leadership);
	double skill = 2.0 - S * k->inv_ref_skill;
	double o;

	pace = pace > 0.2 ? pace : 0.2;
	lead = lead > 0.2 ? lead : 0.2;
	skill = skill > 0.2 ? skill : 0.2;
	o = p->projects_overrun_reference * pace * lead * skill;
	return o < PROJECTS_OVERRUN_MAX ? o : PROJECTS_OVERRUN_MAX;
}

#endif
