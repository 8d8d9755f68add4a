/*
** workforce.c: workforce digital skill (MODEL.md 4).
*/
#include "sd.h"
#include "workforce.h"

/* ln 2, for a half-life; LN2 is not in strict C11. */
#define LN2 0.69314718055994530942

double workforce_gain(const struct model_params *p, double S, double literacy_spend,
                      double resist_factor, double norm_mult)
{
	double staff_spend = literacy_spend * p->workforce_staff_literacy_share;
	double courses = staff_spend / (p->workforce_staff * p->workforce_training_cost_eur);

	courses = sd_saturate(courses, p->workforce_max_trainings);
	return courses * p->workforce_training_gain * (1.0 - S) * resist_factor * norm_mult;
}

double workforce_turnover(const struct model_params *p, double S)
{
	return p->workforce_turnover_rate * (p->workforce_hire_skill - S);
}

double workforce_decay(const struct model_params *p, double S, double kt_spend)
{
	double retained = p->workforce_kt_max_reduction
	                  * sd_half(kt_spend / p->workforce_staff, p->workforce_kt_half_eur);

	return S * LN2 / p->workforce_skill_half_life * (1.0 - retained);
}
