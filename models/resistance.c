/*
** resistance.c: change resistance (MODEL.md 5).
*/
#include "resistance.h"

double resistance_factor(const struct model_params *p, double R)
{
	return (1.0 - R) / (1.0 - p->effect_reference_resistance);
}

double resistance_effectiveness(const struct model_params *p, double S, double R)
{
	return resistance_factor(p, R) * S / p->effect_reference_skill;
}

double resistance_cm_level(const struct model_params *p, double cm_spend)
{
	double x = cm_spend / (p->workforce_staff * p->resistance_cm_cost_eur);

	return x > 0.0 ? x / (1.0 + x) : 0.0;
}

void resistance_terms(const struct model_params *p, double R, double cm_level,
                      double delivery, double pace, double process_level,
                      struct resistance_terms *t)
{
	double excess = pace - p->resistance_pace_norm;

	t->cm = p->resistance_cm_effect * cm_level * R;
	t->wins = p->resistance_wins_effect * delivery * R;
	t->fatigue = excess > 0.0 ? p->resistance_fatigue_effect * excess * (1.0 - R) : 0.0;
	t->fear = p->resistance_fear_effect * process_level * (1.0 - R);
	t->drift = (p->resistance_initial - R) / p->resistance_drift_years;
}
