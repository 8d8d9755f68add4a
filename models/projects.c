/*
** projects.c: absorption capacity and overruns (MODEL.md 14).
*/
#include "projects.h"

/* The largest overrun: the heavy tail's mean (F2 section 9: 447 % in the
** worst 18 %) capped, for a stable run. */
#define PROJECTS_OVERRUN_MAX 10.0

double projects_capacity(const struct model_coef *k, double S, double lead)
{
	return k->absorption * S * k->inv_ref_skill * lead;
}

double projects_overrun(const struct model_params *p, const struct model_coef *k, double u,
                        double S, double Ld)
{
	double pace = 1.0 + p->projects_pace_effect * (u - p->projects_utilisation_reference);
	double lead = 1.0 - p->leadership_loss_effect * (Ld - p->effect_reference_leadership);
	double o;

	pace = pace > 0.2 ? pace : 0.2;
	lead = lead > 0.2 ? lead : 0.2;
	if (!(S > 0.0))
		return PROJECTS_OVERRUN_MAX;
	o = p->projects_overrun_reference * pace * lead / (S * k->inv_ref_skill);
	return o < PROJECTS_OVERRUN_MAX ? o : PROJECTS_OVERRUN_MAX;
}
