/*
** resistance.c: change resistance (MODEL.md 5).
*/
#include "resistance.h"

double resistance_factor(const struct model_coef *k, double R)
{
	return (1.0 - R) * k->inv_ref_res;
}

double resistance_effectiveness(const struct model_coef *k, double S, double R)
{
	return resistance_factor(k, R) * S * k->inv_ref_skill;
}

double resistance_cm_level(const struct model_coef *k, double cm_spend)
{
	double x = cm_spend * k->inv_cm_cost;

	return x > 0.0 ? x / (1.0 + x) : 0.0;
}

void resistance_terms(const struct model_params *p, const struct model_coef *k, double R,
                      double cm_level,
                      double delivery, double pace, double process_level,
                      struct resistance_terms *t)
{
	double excess = pace - p->resistance_pace_norm;

	t->cm = p->resistance_cm_effect * cm_level * R;
	t->wins = p->resistance_wins_effect * delivery * R;
	t->fatigue = excess > 0.0 ? p->resistance_fatigue_effect * excess * (1.0 - R) : 0.0;
	t->fear = p->resistance_fear_effect * process_level * (1.0 - R);
	t->drift = (p->resistance_initial - R) * k->inv_drift;
}
