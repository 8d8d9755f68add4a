/*
** leadership.c: leadership capacity and political commitment (MODEL.md 13).
*/
#include "leadership.h"
#include "sd.h"

double leadership_rate(const struct model_params *p, const struct model_coef *k, double Ld,
                       double spend)
{
	double build = p->leadership_build_rate
	               * sd_half_fin(spend * k->inv_staff, p->leadership_half_per_fte_eur);

	return build * (1.0 - Ld) + p->leadership_turnover_rate * (p->leadership_initial - Ld);
}

double leadership_factor(const struct model_params *p, double Ld)
{
	double f = 1.0 + p->leadership_effect * (Ld - p->effect_reference_leadership);

	return f > 0.0 ? f : 0.0;
}

double politics_rate(const struct model_params *p, const struct model_coef *k, double Pc,
                     double delivery, double excess_overrun, double hazard)
{
	double gain = p->politics_wins_effect * delivery * (1.0 - Pc);
	double loss = (p->politics_failure_effect * excess_overrun
	               + p->politics_incident_effect * hazard) * Pc;

	return gain - loss + (p->politics_initial - Pc) * k->inv_memory;
}

double politics_budget_factor(const struct model_params *p, double Pc)
{
	double f = 1.0 + p->politics_budget_effect * (Pc - p->politics_initial);

	return f > 0.0 ? f : 0.0;
}
