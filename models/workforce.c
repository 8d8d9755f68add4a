/*
** workforce.c: workforce digital skill (MODEL.md 4).
*/
#include "sd.h"
#include "workforce.h"

double workforce_training(const struct model_params *p, const struct model_coef *k, double S,
                          double T, double literacy_spend, double resist_factor)
{
	double courses = sd_saturate_fin(literacy_spend * k->courses_per_eur, p->workforce_max_trainings);
	double gap = 1.0 - S - T;

	return gap > 0.0 ? courses * p->workforce_training_gain * gap * resist_factor * k->norm_mult
	                 : 0.0;
}

double workforce_use(double M, double kt_level)
{
	return 1.0 - (1.0 - M) * (1.0 - kt_level);
}

double workforce_kt_level(const struct model_params *p, const struct model_coef *k,
                          double kt_spend)
{
	return sd_half_fin(kt_spend * k->inv_staff, p->workforce_kt_half_eur);
}

void workforce_terms(const struct model_params *p, const struct model_coef *k, double S,
                     double T, double use, double hire_skill,
                     struct workforce_terms *w)
{
	double u = p->workforce_turnover_rate;

	w->transfer = T * use * k->inv_transfer;
	w->fade = T * k->fade_rate;
	w->turnover = u * (hire_skill - S);
	w->leavers_trained = u * T;
	w->decay = S * k->decay_rate * (1.0 - p->workforce_kt_max_reduction * use);
}

double workforce_hire_skill(const struct model_params *p, double spend_per_hire, double Ld)
{
	double h = p->workforce_hire_skill, top = p->workforce_hire_skill_max;
	double x = spend_per_hire * (1.0 + p->leadership_recruitment_effect * Ld);

	if (top <= h)
		return h;
	return h + (top - h) * sd_half_fin(x, p->workforce_recruitment_half_eur);
}
