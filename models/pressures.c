/*
** pressures.c: coercive, mimetic and normative pressures (MODEL.md 8).
*/
#include <math.h>

#include "pressures.h"

double pressures_peer_maturity(const struct model_params *p, int year)
{
	double m0 = p->peers_maturity_initial;
	double k = year - p->sim_start_year;

	return 1.0 / (1.0 + (1.0 - m0) / m0 * exp(-p->peers_growth_rate * k));
}

double pressures_mandate_on(const struct model_params *p, int year)
{
	if (p->mandate_active < 0.5 || year < p->mandate_start_year)
		return 0.0;
	return year <= p->mandate_deadline_year ? 1.0 : p->mandate_after_deadline;
}

double pressures_mandate_gap(const struct model_params *p, double mandate_on, double maturity)
{
	double gap = p->mandate_target - maturity;

	return gap > 0.0 ? mandate_on * gap : 0.0;
}

double pressures_norm_multiplier(const struct model_params *p)
{
	return 1.0 + p->norms_strength * p->norms_training_boost;
}
