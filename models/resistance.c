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

