/*
** profile.c: derived parameters of the municipality profile (MODEL.md 1.2).
*/
#include <math.h>
#include <stddef.h>

#include "profile.h"

/* Sets *v to x when it is auto. */
static void derive(double *v, double x)
{
	if (params_is_auto(*v))
		*v = x;
}

double profile_digital_om_share(const struct model_params *p)
{
	double om = p->services_count * p->services_maturity_initial
	            * p->services_cost_per_service_eur * p->services_om_rate;

	return p->budget_it_base_eur > 0.0 ? om / p->budget_it_base_eur : HUGE_VAL;
}

/* The portfolio value whose O&M, with the digital services', is
** budget.om_share_initial of the base budget (MODEL.md 3.1); <= 0 when
** the digital services' O&M alone is that much. */
static double portfolio_value(const struct model_params *p)
{
	double L = p->legacy_share_initial;
	double room = (p->budget_om_share_initial - profile_digital_om_share(p))
	              * p->budget_it_base_eur;

	return room / (p->legacy_om_rate * (1.0 - L + p->legacy_om_multiplier * L));
}

/* The size classes of models/sizes.def. */
static const struct profile_size sizes[] = {
#define SIZE(n, staff, services, source) { n, staff, services, source },
#include "sizes.def"
#undef SIZE
};
#define NSIZES (sizeof sizes / sizeof sizes[0])

const struct profile_size *profile_sizes(size_t *n)
{
	*n = NSIZES;
	return sizes;
}

/* Member `off` of the size classes at N inhabitants: interpolated linearly
** in ln N between two classes, constant beyond the first and the last. */
static double by_size(double N, size_t off)
{
#define AT(i) (*(const double *)((const char *)&sizes[i] + off))
	size_t i = 0;
	double w;

	if (N <= sizes[0].inhabitants)
		return AT(0);
	while (i + 1 < NSIZES && N > sizes[i + 1].inhabitants)
		i++;
	if (i + 1 == NSIZES)
		return AT(NSIZES - 1);
	w = log(N / sizes[i].inhabitants) / log(sizes[i + 1].inhabitants / sizes[i].inhabitants);
	return AT(i) + w * (AT(i + 1) - AT(i));
#undef AT
}

int profile_derive(struct model_params *p, const struct model_params *first)
{
	const double N = p->municipality_inhabitants;
	double v;

	/* Funding instruments: per inhabitant, in every year alike. */
	for (size_t i = 0; i < p->named_count[NAMED_GRANT]; i++)
		derive(&p->grant_amount_eur[i], N * p->grant_amount_per_inhabitant_eur[i]);
	for (size_t i = 0; i < p->named_count[NAMED_LOAN]; i++)
		derive(&p->loan_principal_eur[i], N * p->loan_principal_per_inhabitant_eur[i]);
	for (size_t i = 0; i < p->named_count[NAMED_SERVICE]; i++) {
		derive(&p->service_capital_eur[i], N * p->service_capital_per_inhabitant_eur[i]);
		derive(&p->service_fee_eur[i], N * p->service_fee_per_inhabitant_eur[i]);
	}
	/* Yearly: derived again in every year from that year's figures. */
	derive(&p->budget_transformation_eur, N * p->budget_transformation_per_inhabitant_eur);
	derive(&p->services_cost_per_service_eur,
	       p->services_build_fixed_eur + N * p->services_build_per_inhabitant_eur);
	if (first) {
		derive(&p->municipality_staff_per_1000, first->municipality_staff_per_1000);
		derive(&p->services_count, first->services_count);
		derive(&p->workforce_staff, first->workforce_staff);
		derive(&p->budget_it_base_eur, first->budget_it_base_eur);
		derive(&p->budget_reserve_eur, first->budget_reserve_eur);
		derive(&p->savings_transactions_per_year, first->savings_transactions_per_year);
		derive(&p->services_quality_half_eur, first->services_quality_half_eur);
		derive(&p->services_collab_half_eur, first->services_collab_half_eur);
		derive(&p->savings_process_half_eur, first->savings_process_half_eur);
		derive(&p->adoption_inclusion_half_eur, first->adoption_inclusion_half_eur);
		derive(&p->security_policy_half_eur, first->security_policy_half_eur);
		derive(&p->security_incident_cost_eur, first->security_incident_cost_eur);
		derive(&p->security_recovery_years, first->security_recovery_years);
		derive(&p->mandate_funding_eur, first->mandate_funding_eur);
		derive(&p->peers_budget_pull_eur, first->peers_budget_pull_eur);
		derive(&p->legacy_portfolio_value_eur, first->legacy_portfolio_value_eur);
		return 0;
	}
	derive(&p->municipality_staff_per_1000, by_size(N, offsetof(struct profile_size, staff_per_1000)));
	derive(&p->services_count, by_size(N, offsetof(struct profile_size, services)));
	derive(&p->workforce_staff,
	       N * p->municipality_staff_per_1000 / 1000.0 * p->municipality_workplace_share);
	derive(&p->budget_it_base_eur,
	       p->municipality_it_fixed_eur + p->workforce_staff * p->municipality_it_cost_per_workplace_eur);
	derive(&p->budget_reserve_eur, N * p->budget_reserve_per_inhabitant_eur);
	derive(&p->savings_transactions_per_year, N * p->savings_transactions_per_inhabitant);
	derive(&p->services_quality_half_eur,
	       p->services_count * p->services_quality_half_per_service_eur);
	derive(&p->services_collab_half_eur,
	       p->services_count * p->services_collab_half_per_service_eur);
	derive(&p->savings_process_half_eur,
	       p->services_count * p->savings_process_half_per_service_eur);
	derive(&p->adoption_inclusion_half_eur, N * p->adoption_inclusion_half_per_inhabitant_eur);
	derive(&p->security_policy_half_eur, p->workforce_staff * p->security_policy_half_per_fte_eur);
	derive(&p->security_incident_cost_eur,
	       p->security_incident_cost_fixed_eur + N * p->security_incident_cost_per_inhabitant_eur);
	derive(&p->security_recovery_years,
	       p->security_recovery_base_years
	       * pow(N / PROFILE_REF_INHABITANTS, p->security_recovery_size_elasticity));
	derive(&p->mandate_funding_eur, N * p->mandate_funding_per_inhabitant_eur);
	derive(&p->peers_budget_pull_eur, N * p->peers_budget_pull_per_inhabitant_eur);
	if (params_is_auto(p->legacy_portfolio_value_eur)) {
		v = portfolio_value(p);
		p->legacy_portfolio_value_eur = v > 0.0 ? v : 0.0;
		if (!(v > 0.0))
			return -1;
	}
	return 0;
}

void profile_defaults(struct model_params *p)
{
	params_defaults(p);
	profile_derive(p, NULL);
}
