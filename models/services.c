/*
** services.c: digital services, citizen adoption and savings (MODEL.md 6).
*/
#include <math.h>

#include "sd.h"
#include "services.h"

double services_om(const struct model_params *p, double M)
{
	return p->services_count * M * p->services_cost_per_service_eur * p->services_om_rate;
}

double services_cost(const struct model_params *p, double collab_spend, double peer_maturity)
{
	double collab = p->services_collab_max_reuse * sd_half(collab_spend, p->services_collab_half_eur);

	return p->services_cost_per_service_eur * (1.0 - collab)
	       * (1.0 - p->peers_reuse * peer_maturity);
}

double services_quality(const struct model_params *p, double quality_spend)
{
	double q0 = p->services_quality_base;

	return q0 + (1.0 - q0) * sd_half(quality_spend, p->services_quality_half_eur);
}

double services_delivery(const struct model_params *p, const struct model_coef *k, double M,
                         double L, double delivered, double effect, double cost)
{
	double drag = 1.0 - p->legacy_interop_drag * L;
	double potential = delivered * effect * drag * k->inv_count / cost;

	return sd_saturate(potential, (1.0 - M) * k->inv_min_delivery);
}

double services_obsolescence(const struct model_params *p, double M, double quality_spend)
{
	return p->services_obsolescence_rate * M
	       * (1.0 - sd_half(quality_spend, p->services_quality_half_eur));
}

double adoption_inclusion(const struct model_params *p, double spend)
{
	double base = p->adoption_inclusion_base;

	return base + (p->adoption_inclusion_max - base) * sd_half(spend, p->adoption_inclusion_half_eur);
}

double adoption_ceiling(const struct model_params *p, double M, double inclusion,
                        double quality)
{
	double theta = p->adoption_volume_concentration;
	/* sqrt is exact for the default exponent 1/2 and far cheaper than pow. */
	double cover = M <= 0.0 ? 0.0 : theta == 0.5 ? sqrt(M) : pow(M, theta);

	return cover * inclusion * quality;
}

double adoption_rate(const struct model_params *p, const struct model_coef *k, double A,
                     double K, double q_eff, double hazard)
{
	double trust = hazard * p->adoption_trust_loss * A;

	if (A < K)
		return (p->adoption_p + q_eff * A / K) * (K - A) - trust;
	return (K - A) * k->inv_drop - trust;
}

double services_savings(const struct model_params *p, double A, double process_level)
{
	double per_txn = p->savings_cost_offline_eur - p->savings_cost_online_eur;

	return p->savings_transactions_per_year * A * per_txn
	       * (1.0 + p->savings_process_gain_max * process_level);
}
