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

double services_cost(const struct model_params *p, double Pl, double peer_maturity)
{
	return p->services_cost_per_service_eur * (1.0 - p->services_collab_max_reuse * Pl)
	       * (1.0 - p->peers_reuse * peer_maturity);
}

double services_platform_rate(const struct model_params *p, const struct model_coef *k,
                              double Pl, double collab_spend, double delivered)
{
	double x = (p->services_collab_leverage * collab_spend + p->services_platform_share * delivered)
	           * k->inv_collab_half;

	if (x < 0.0)
		x = 0.0;
	return (x / (1.0 + x) - Pl) * k->inv_platform_life;
}

double services_quality_level(const struct model_params *p, double quality_spend)
{
	return sd_half_fin(quality_spend, p->services_quality_half_eur);
}

double services_quality(const struct model_params *p, double q)
{
	double q0 = p->services_quality_base;

	return q0 + (1.0 - q0) * q;
}

double services_delivery(const struct model_params *p, const struct model_coef *k, double M,
                         double L, double delivered, double effect, double cost, double Pl)
{
	/* sat(a / cost, b / g) with one division: a b / (a g + b cost). */
	double a = delivered * effect * (1.0 - p->legacy_interop_drag * L) * k->inv_count;
	double b = (1.0 - M) * k->inv_min_delivery;
	double g = 1.0 - p->services_platform_time_cut * Pl;

	if (a <= 0.0 || b <= 0.0)
		return 0.0;
	return a * b / (a * g + b * cost);
}

double services_obsolescence(const struct model_params *p, double M, double q)
{
	return p->services_obsolescence_rate * M * (1.0 - q);
}

double adoption_inclusion(const struct model_params *p, double spend)
{
	double base = p->adoption_inclusion_base;

	return base + (p->adoption_inclusion_max - base) * sd_half_fin(spend, p->adoption_inclusion_half_eur);
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

double services_satisfaction(const struct model_params *p, double M, double quality,
                             double hazard)
{
	double theta = p->adoption_volume_concentration;
	double cover = M <= 0.0 ? 0.0 : theta == 0.5 ? sqrt(M) : pow(M, theta);
	double q = p->services_quality_base > 0.0 ? quality / p->services_quality_base : 1.0;
	double s = p->satisfaction_base + p->satisfaction_coverage_effect * cover * q
	           - p->satisfaction_incident_effect * hazard;

	return s < 0.0 ? 0.0 : s > 1.0 ? 1.0 : s;
}
