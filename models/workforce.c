/*
** workforce.c: workforce digital skill (MODEL.md 4).
*/
#include "sd.h"
#include "workforce.h"

double workforce_gain(const struct model_params *p, const struct model_coef *k, double S,
                      double literacy_spend, double resist_factor)
{
	double courses = sd_saturate(literacy_spend * k->courses_per_eur, p->workforce_max_trainings);

	return courses * p->workforce_training_gain * (1.0 - S) * resist_factor * k->norm_mult;
}

double workforce_turnover(const struct model_params *p, double S)
{
	return p->workforce_turnover_rate * (p->workforce_hire_skill - S);
}

double workforce_decay(const struct model_params *p, const struct model_coef *k, double S,
                       double kt_spend)
{
	double retained = p->workforce_kt_max_reduction
	                  * sd_half(kt_spend * k->inv_staff, p->workforce_kt_half_eur);

	return S * k->decay_rate * (1.0 - retained);
}
