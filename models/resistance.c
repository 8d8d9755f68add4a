/*
** resistance.c: change resistance (MODEL.md 5).
*/
#include "resistance.h"

double resistance_factor(const struct model_coef *k, double R)
{
	return (1.0 - R) * k->inv_ref_res;
}

double resistance_effectiveness(const struct model_params *p, const struct model_coef *k,
                                double S, double R, double Ld)
{
	double lead = 1.0 + p->leadership_effect * (Ld - p->effect_reference_leadership);

	return lead > 0.0 ? resistance_factor(k, R) * S * k->inv_ref_skill * lead : 0.0;
}

double resistance_cm_level(const struct model_coef *k, double cm_spend)
{
	double x = cm_spend * k->inv_cm_cost;

	return x > 0.0 ? x / (1.0 + x) : 0.0;
}

void resistance_terms(const struct model_params *p, const struct model_coef *k, double R,
                      double Y, double Ld, double cm_level, double delivery, double pace,
                      double process_level, double excess_overrun,
                      struct resistance_terms *t)
{
	double excess = pace - p->resistance_pace_norm;
	double target = p->resistance_initial + (1.0 - p->resistance_initial) * Y;
	double strain = excess > 0.0 ? p->resistance_fatigue_effect * excess : 0.0;

	/* Cynics discount what management tells them (Reichers, Wanous & Austin
	** 1997): change management works on the share 1 - Y not yet cynical. */
	t->cm = p->resistance_cm_effect * cm_level * R * (1.0 - Y);
	t->wins = p->resistance_wins_effect * delivery * R;
	/* Above the reference leadership lowers R (factor R), below it lets R
	** rise (factor 1 - R), so R stays in 0..1. */
	t->sponsor = p->leadership_sponsor_effect * (Ld - p->effect_reference_leadership)
	             * (Ld > p->effect_reference_leadership ? R : 1.0 - R);
	t->fatigue = strain * (1.0 - R);
	t->fear = p->resistance_fear_effect * process_level * (1.0 - R);
	t->drift = (target - R) * k->inv_drift;
	t->cynicism_in = (strain + p->resistance_failure_effect * excess_overrun) * (1.0 - Y);
	t->cynicism_out = Y * k->cynicism_rate;
}
