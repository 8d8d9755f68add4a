/*
** security.c: security incidents (MODEL.md 7).
*/
#include "sd.h"
#include "security.h"

double security_hazard(const struct model_params *p, const struct model_coef *k,
                       double exposed, double policy_spend)
{
	double policy = 1.0 - p->security_policy_max_reduction
	                      * sd_half_fin(policy_spend, p->security_policy_half_eur);

	return k->hazard_base * (1.0 + (p->security_legacy_multiplier - 1.0) * exposed * exposed)
	       * policy;
}

double security_lost_time(const struct model_params *p, double hazard)
{
	double lost = hazard * p->security_recovery_years;

	return lost < 1.0 ? lost : 1.0;
}
