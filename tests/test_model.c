/*
** test_model.c: every equation of docs/MODEL.md (model version 2) against
** values computed by hand from the formula, one test per sub-model and a
** few for the model as a whole. The arithmetic is in the comment beside
** each assertion, or written out in the expected value itself with the
** numbers of the fixture. Inputs are "high entropy" (2.385, not 1) so that
** a missing factor cannot pass.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "budget.h"
#include "leadership.h"
#include "legacy.h"
#include "model.h"
#include "pressures.h"
#include "profile.h"
#include "projects.h"
#include "resistance.h"
#include "security.h"
#include "services.h"
#include "testutil.h"
#include "workforce.h"

#define REL 1e-12
#define LN2 0.69314718055994530942

/* The shapes of MODEL.md 1, written out for the expected values. */
static double half(double x, double h)
{
	return x > 0.0 ? x / (x + h) : 0.0;
}

static double sat(double pot, double cap)
{
	return pot * cap / (pot + cap);
}

/* The default municipality (150,000 inhabitants, MODEL.md 1.2). */
static struct model_params city(void)
{
	struct model_params p;

	profile_defaults(&p);
	return p;
}

/* The city's portfolio value (3.1): O&M is 0.75 of B_0 = 6.92e6, the
** digital services' O&M 237 x 0.25 x 50,000 x 0.15 = 444,375, so
** V = (5.19e6 - 444,375) / (0.25 (1 - 0.3 + 2 x 0.3)) = 4,745,625 / 0.325
** = 14,601,923.08 EUR. */
#define CITY_V (4745625.0 / 0.325)

/* The year's derived constants for p at price index `price`. */
static struct model_coef coef(const struct model_params *p, double price)
{
	struct model_coef k;

	model_coef_init(p, price, &k);
	return k;
}

/* ---- 1.2 the municipality profile ---------------------------------------- */

static void test_profile_city(void **state)
{
	struct model_params p = city();

	(void)state;
	/* W = 150,000 x 16 / 1,000 x 0.7; B_0 = 200,000 + 1,680 x 4,000 */
	assert_close(p.workforce_staff, 1680.0, REL, 0);
	assert_close(p.budget_it_base_eur, 6.92e6, REL, 0);
	assert_close(p.budget_transformation_eur, 150000.0 * 4.5, REL, 0);
	assert_close(p.budget_reserve_eur, 150000.0 * 5.0, REL, 0);
	assert_close(p.services_cost_per_service_eur, 20000.0 + 150000.0 * 0.2, REL, 0);
	assert_close(p.savings_transactions_per_year, 150000.0 * 2.0, REL, 0);
	/* services.count x 1,300 = 308,100 */
	assert_close(p.services_quality_half_eur, 237.0 * 1300.0, REL, 0);
	assert_close(p.services_collab_half_eur, 237.0 * 1300.0, REL, 0);
	assert_close(p.savings_process_half_eur, 237.0 * 1300.0, REL, 0);
	assert_close(p.adoption_inclusion_half_eur, 150000.0 * 3.3, REL, 0);
	assert_close(p.security_policy_half_eur, 1680.0 * 200.0, REL, 0);
	/* 300,000 + 150,000 x 15 = 2.55e6; 0.6 (150,000 / 150,000)^0.1 = 0.6 */
	assert_close(p.security_incident_cost_eur, 2.55e6, REL, 0);
	assert_close(p.security_recovery_years, 0.6, REL, 0);
	assert_close(p.mandate_funding_eur, 0.0, 0, 0);
	assert_close(p.peers_budget_pull_eur, 0.0, 0, 0);
	/* 3.1: "V = (5.19 M - 0.44 M) / 0.325 = 14.6 M EUR" */
	assert_close(p.legacy_portfolio_value_eur, CITY_V, REL, 0);
	/* 444,375 / 6.92e6 = 0.0642 */
	assert_close(profile_digital_om_share(&p), 444375.0 / 6.92e6, REL, 0);
}

static void test_profile_resized(void **state)
{
	struct model_params p;
	const double N = 23850.0, W = 23850.0 * 8.3 / 1000.0 * 0.7;   /* 138.5685 */
	const double B0 = 200000.0 + W * 4000.0;                       /* 754,274 */
	const double cost = 20000.0 + N * 0.2;                         /* 24,770 */

	(void)state;
	params_defaults(&p);
	p.municipality_inhabitants = N;
	p.municipality_staff_per_1000 = 8.3;
	p.services_count = 150;
	p.mandate_funding_per_inhabitant_eur = 2.5;
	p.peers_budget_pull_per_inhabitant_eur = 1.3;
	p.named_count[NAMED_GRANT] = 1;
	p.grant_amount_per_inhabitant_eur[0] = 3.7;
	p.named_count[NAMED_LOAN] = 1;
	p.loan_principal_per_inhabitant_eur[0] = 12.5;
	p.named_count[NAMED_SERVICE] = 1;
	p.service_capital_per_inhabitant_eur[0] = 8.0;
	p.service_fee_per_inhabitant_eur[0] = 1.1;
	assert_int_equal(profile_derive(&p, NULL), 0);
	assert_close(p.workforce_staff, W, REL, 0);
	assert_close(p.budget_it_base_eur, B0, REL, 0);
	assert_close(p.budget_transformation_eur, N * 4.5, REL, 0);
	assert_close(p.budget_reserve_eur, N * 5.0, REL, 0);
	assert_close(p.services_cost_per_service_eur, cost, REL, 0);
	assert_close(p.savings_transactions_per_year, N * 2.0, REL, 0);
	assert_close(p.services_quality_half_eur, 150.0 * 1300.0, REL, 0);
	assert_close(p.services_collab_half_eur, 150.0 * 1300.0, REL, 0);
	assert_close(p.savings_process_half_eur, 150.0 * 1300.0, REL, 0);
	assert_close(p.adoption_inclusion_half_eur, N * 3.3, REL, 0);
	assert_close(p.security_policy_half_eur, W * 200.0, REL, 0);
	assert_close(p.security_incident_cost_eur, 300000.0 + N * 15.0, REL, 0);
	/* 0.6 (23,850 / 150,000)^0.1 = 0.6 x 0.159^0.1 = 0.4992 */
	assert_close(p.security_recovery_years, 0.6 * pow(0.159, 0.1), REL, 0);
	assert_close(p.mandate_funding_eur, N * 2.5, REL, 0);
	assert_close(p.peers_budget_pull_eur, N * 1.3, REL, 0);
	assert_close(p.grant_amount_eur[0], N * 3.7, REL, 0);
	assert_close(p.loan_principal_eur[0], N * 12.5, REL, 0);
	assert_close(p.service_capital_eur[0], N * 8.0, REL, 0);
	assert_close(p.service_fee_eur[0], N * 1.1, REL, 0);
	/* 3.1: digital O&M 150 x 0.25 x 24,770 x 0.15 = 139,331.25;
	** V = (0.75 x 754,274 - 139,331.25) / 0.325 = 426,374.25 / 0.325 */
	assert_close(profile_digital_om_share(&p), 139331.25 / B0, REL, 0);
	assert_close(p.legacy_portfolio_value_eur, 426374.25 / 0.325, REL, 0);

	/* A number in the scenario overrides auto, and what follows from it
	** uses the number: B_0 = 200,000 + 1,234 x 4,000, policy half 1,234 x 200. */
	params_defaults(&p);
	p.workforce_staff = 1234;
	p.legacy_portfolio_value_eur = 9.9e6;
	assert_int_equal(profile_derive(&p, NULL), 0);
	assert_close(p.workforce_staff, 1234.0, 0, 0);
	assert_close(p.budget_it_base_eur, 5.136e6, REL, 0);
	assert_close(p.security_policy_half_eur, 246800.0, REL, 0);
	assert_close(p.legacy_portfolio_value_eur, 9.9e6, 0, 0);
}

/* 1.2: values fixed at the start come from the first year; the yearly
** keys (transformation budget, cost per service) are derived again. */
static void test_profile_later_year(void **state)
{
	struct model_params first = city(), q;

	(void)state;
	params_defaults(&q);
	q.municipality_inhabitants = 30000;
	q.municipality_staff_per_1000 = 9.1;
	q.budget_transformation_per_inhabitant_eur = 6.1;
	q.services_build_per_inhabitant_eur = 0.35;
	q.services_count = 150;
	q.budget_om_share_initial = 0.7;
	assert_int_equal(profile_derive(&q, &first), 0);
	assert_close(q.budget_transformation_eur, 30000.0 * 6.1, REL, 0);
	assert_close(q.services_cost_per_service_eur, 20000.0 + 30000.0 * 0.35, REL, 0);
	assert_close(q.workforce_staff, 1680.0, REL, 0);
	assert_close(q.budget_it_base_eur, 6.92e6, REL, 0);
	assert_close(q.budget_reserve_eur, 750000.0, REL, 0);
	assert_close(q.savings_transactions_per_year, 300000.0, REL, 0);
	assert_close(q.services_quality_half_eur, 308100.0, REL, 0);
	assert_close(q.services_collab_half_eur, 308100.0, REL, 0);
	assert_close(q.savings_process_half_eur, 308100.0, REL, 0);
	assert_close(q.adoption_inclusion_half_eur, 495000.0, REL, 0);
	assert_close(q.security_policy_half_eur, 336000.0, REL, 0);
	assert_close(q.security_incident_cost_eur, 2.55e6, REL, 0);
	assert_close(q.security_recovery_years, 0.6, REL, 0);
	assert_close(q.legacy_portfolio_value_eur, CITY_V, REL, 0);
}

/* 3.1 and 15: no portfolio value fits when the digital services' O&M
** takes budget.om_share_initial of the base budget or more. */
static void test_profile_no_portfolio(void **state)
{
	struct model_params p;

	(void)state;
	/* 237 x 0.25 x 50,000 x 0.5 = 1,481,250 = 0.75 x 1,975,000: exactly
	** the whole share, V would be 0. */
	params_defaults(&p);
	p.budget_it_base_eur = 1.975e6;
	p.services_om_rate = 0.5;
	assert_int_equal(profile_derive(&p, NULL), -1);
	assert_close(p.legacy_portfolio_value_eur, 0.0, 0, 0);
	assert_close(profile_digital_om_share(&p), 0.75, REL, 0);
	/* The other auto values are still derived. */
	assert_close(p.budget_transformation_eur, 675000.0, REL, 0);
	assert_close(p.workforce_staff, 1680.0, REL, 0);
	/* More than the share. */
	params_defaults(&p);
	p.budget_it_base_eur = 1.975e6;
	p.services_om_rate = 0.6;
	assert_int_equal(profile_derive(&p, NULL), -1);
	assert_close(p.legacy_portfolio_value_eur, 0.0, 0, 0);
	/* With om_share_initial 0.875 there is room for 0.125 x 1,975,000 =
	** 246,875 EUR of portfolio O&M: V = 246,875 / 0.325. */
	params_defaults(&p);
	p.budget_it_base_eur = 1.975e6;
	p.services_om_rate = 0.5;
	p.budget_om_share_initial = 0.875;
	assert_int_equal(profile_derive(&p, NULL), 0);
	assert_close(p.legacy_portfolio_value_eur, 246875.0 / 0.325, REL, 0);
}

/* ---- 2. budget ----------------------------------------------------------- */

static struct model_year year_record(int year)
{
	struct model_year yr;

	memset(&yr, 0, sizeof yr);
	yr.year = year;
	return yr;
}

/* Adds a budget shock (12.5): `cut` of `budget` from `year` for `years` years. */
static void add_shock(struct model_params *p, int budget, int year, int years, double cut)
{
	size_t i = p->named_count[NAMED_SHOCK]++;

	p->shock_budget[i] = budget;
	p->shock_year[i] = year;
	p->shock_years[i] = years;
	p->shock_cut[i] = cut;
}

static struct model_params budget_params(void)
{
	struct model_params p = city();

	p.budget_it_base_eur = 1.2345e7;
	p.budget_growth_rate = 0.0275;
	p.budget_cost_inflation = 0.0215;
	p.budget_transformation_eur = 2.385e6;
	p.savings_reinvest_share = 0.31;
	p.mandate_funding_eur = 3.7e6;
	p.peers_budget_pull_eur = 1.9e6;
	/* Shocks (12.5): transformation -15 % 2029-2030, both -20 % 2028-2030,
	** base -30 % in 2029. */
	add_shock(&p, SHOCK_TRANSFORMATION, 2029, 2, 0.15);
	add_shock(&p, SHOCK_BOTH, 2028, 3, 0.2);
	add_shock(&p, SHOCK_BASE, 2029, 1, 0.3);
	return p;
}

static double share_sum(const struct model_year *yr)
{
	double s = 0.0;

	for (int d = 0; d < DOM_COUNT; d++)
		s += yr->share[d];
	return s;
}

static double plan_sum(const struct model_year *yr)
{
	double s = 0.0;

	for (int d = 0; d < DOM_COUNT; d++)
		s += yr->planned[d];
	return s;
}

static void test_budget_year(void **state)
{
	struct model_params p = budget_params();
	struct model_year prev = year_record(2028), yr = year_record(2026);
	/* Later year: shift = 0.5 x 0.2403 = 0.12015 of every other share moves
	** to value creation: a'_infra = 0.87985 x 0.30 = 0.263955, a'_lit =
	** 0.87985 x 0.12 = 0.105582, a'_pol = 0.87985 x 0.07 = 0.0615895,
	** a'_vc = 0.20 + 0.12015 x 0.80 = 0.29612 (the defaults sum to 1).
	** Own plan: s_tr c T = 0.85 x 0.8 x 0.9137 x 2.385e6 = 1,481,838.66;
	** top-ups 0.2403 x 3.7e6 = 889,110, 0.0806 x 1.9e6 = 153,140,
	** 0.31 x 7.7e5 = 238,700, together 1,280,950; carry 4.1e5 over
	** a'_d / (1 - 0.0615895). */
	const double own = 0.85 * 0.8 * 0.9137 * 2.385e6, tops = 889110.0 + 153140.0 + 238700.0;
	const double notpol = 1.0 - 0.0615895;

	(void)state;
	/* First year: B = it_base, P = 1, plan_d = a_d T. */
	budget_year(&p, NULL, 0.0, 0.0, 0.0, 1.0, 0.0, &yr);
	assert_close(yr.base_trend, 1.2345e7, REL, 0);
	assert_close(yr.base_budget, 1.2345e7, REL, 0);
	assert_close(yr.price_index, 1.0, REL, 0);
	assert_close(yr.transformation, 2.385e6, REL, 0);
	assert_close(yr.planned[DOM_INFRASTRUCTURE], 0.30 * 2.385e6, REL, 0);
	assert_close(yr.planned[DOM_POLICIES], 0.07 * 2.385e6, REL, 0);
	assert_close(yr.planned[DOM_LEADERSHIP], 0.0, 0, 0);
	assert_close(yr.share[DOM_LITERACY], 0.12, REL, 0);
	assert_close(yr.reinvest, 0.0, 0, 0);
	assert_close(yr.carry, 0.0, 0, 0);

	/* 2029, [1] and 2.2: trend 1.3e7 x 1.0275 = 13,357,500, the base cut
	** by 0.8 x 0.7 = 0.56; P = 1.05 x 1.0215. */
	prev.base_trend = 1.3e7;
	prev.price_index = 1.05;
	yr = year_record(2029);
	budget_year(&p, &prev, 0.2403, 0.0806, 7.7e5, 0.9137, 4.1e5, &yr);
	assert_close(yr.base_trend, 13357500.0, REL, 0);
	assert_close(yr.base_budget, 13357500.0 * 0.56, REL, 0);
	assert_close(yr.price_index, 1.05 * 1.0215, REL, 0);
	assert_close(yr.mandate_topup, 889110.0, REL, 0);
	assert_close(yr.peer_topup, 153140.0, REL, 0);
	assert_close(yr.reinvest, 238700.0, REL, 0);
	assert_close(yr.commitment, 0.9137, 0, 0);
	assert_close(yr.carry, 4.1e5, 0, 0);
	assert_close(yr.transformation, own + 889110.0 + 153140.0, REL, 0);
	assert_close(yr.share[DOM_INFRASTRUCTURE], 0.263955, REL, 0);
	assert_close(yr.share[DOM_VALUE_CREATION], 0.29612, REL, 0);
	assert_close(yr.share[DOM_POLICIES], 0.0615895, REL, 0);
	assert_close(share_sum(&yr), 1.0, 0, 1e-12);
	assert_close(yr.planned[DOM_INFRASTRUCTURE],
	             0.263955 * (own + tops) + 0.263955 / notpol * 4.1e5, REL, 0);
	assert_close(yr.planned[DOM_LITERACY],
	             0.105582 * (own + tops) + 0.105582 / notpol * 4.1e5, REL, 0);
	assert_close(yr.planned[DOM_VALUE_CREATION],
	             0.29612 * (own + tops) + 0.29612 / notpol * 4.1e5, REL, 0);
	/* Policies get no carry-over: it is spread over the other domains. */
	assert_close(yr.planned[DOM_POLICIES], 0.0615895 * (own + tops), REL, 0);
	assert_close(plan_sum(&yr), own + tops + 4.1e5, REL, 0);
	/* budget_sums, for budget_constrain (2.3): the plan and the shares of
	** the domains but policies, 0.9384105 of own + tops and all the carry;
	** no grant, loan or contract this year. */
	assert_close(yr.plan_others, notpol * (own + tops) + 4.1e5, REL, 0);
	assert_close(yr.share_others, notpol, REL, 0);
	assert_int_equal(yr.instruments, 0);

	/* 2030: base cut 0.8 only, transformation 0.85 x 0.8; 2031: no shock,
	** the base back on its trend. */
	yr = year_record(2030);
	budget_year(&p, &prev, 0.0, 0.0, 0.0, 1.0, 0.0, &yr);
	assert_close(yr.base_budget, 13357500.0 * 0.8, REL, 0);
	assert_close(yr.transformation, 0.68 * 2.385e6, REL, 0);
	yr = year_record(2031);
	budget_year(&p, &prev, 0.0, 0.0, 0.0, 1.0, 0.0, &yr);
	assert_close(yr.base_budget, 13357500.0, REL, 0);
	assert_close(yr.transformation, 2.385e6, REL, 0);

	/* Reinvestment: capped at savings.reinvest_cap_eur, never negative. */
	p.savings_reinvest_cap_eur = 2e5;
	budget_year(&p, &prev, 0.0, 0.0, 7.7e5, 1.0, 0.0, &yr);
	assert_close(yr.reinvest, 2e5, 0, 0);
	budget_year(&p, &prev, 0.0, 0.0, -5e5, 1.0, 0.0, &yr);
	assert_close(yr.reinvest, 0.0, 0, 0);
	/* Commitment 0 leaves only the top-ups (13.2: c_k scales T only). */
	budget_year(&p, &prev, 0.2403, 0.0806, 0.0, 0.0, 0.0, &yr);
	assert_close(yr.transformation, 889110.0 + 153140.0, REL, 0);
	assert_close(yr.planned[DOM_POLICIES], 0.0615895 * (889110.0 + 153140.0), REL, 0);

	/* allocation.policies = 1: the carry-over's a_d / (1 - a_pol) is 0 / 0
	** for every other domain; it is planned nowhere (not NaN). 2031 has no
	** shock: policies plan 0.9137 x 2.385e6 + 153,140 = 2,332,314.5. */
	p.allocation_process = p.allocation_communication = p.allocation_collaboration = 0.0;
	p.allocation_literacy = p.allocation_value_creation = p.allocation_infrastructure = 0.0;
	p.allocation_quality = p.allocation_knowledge_transfer = p.allocation_inclusion = 0.0;
	p.allocation_leadership = 0.0;
	p.allocation_policies = 1.0;
	yr = year_record(2031);
	budget_year(&p, &prev, 0.0, 0.0806, 0.0, 0.9137, 4.1e5, &yr);
	assert_close(yr.carry, 4.1e5, 0, 0);
	assert_close(yr.planned[DOM_POLICIES], 0.9137 * 2.385e6 + 153140.0, REL, 0);
	for (int d = 0; d < DOM_COUNT; d++)
		if (d != DOM_POLICIES)
			assert_close(yr.planned[d], 0.0, 0, 0);
	assert_close(plan_sum(&yr), 2332314.5, REL, 0);
	assert_close(yr.plan_others, 0.0, 0, 0);
	assert_close(yr.share_others, 0.0, 0, 0);
}

/* 2.2 with a schedule row, and a mandate that moves the whole plan. */
static void test_budget_year_schedule(void **state)
{
	struct model_params p = budget_params();
	struct model_year prev = year_record(2031), yr;

	(void)state;
	prev.base_trend = 1.3e7;
	prev.price_index = 1.05;
	p.schedule_active = 1;
	p.schedule_infrastructure = 1.1e6;
	p.schedule_value_creation = 4.3e5;
	/* EUR: plan_infra = c x 1.1e6 + a_infra F_peer, F_peer = 153,140;
	** T = 0.9137 x (1.1e6 + 4.3e5) + 153,140. */
	yr = year_record(2032);
	budget_year(&p, &prev, 0.0, 0.0806, 0.0, 0.9137, 0.0, &yr);
	assert_close(yr.planned[DOM_INFRASTRUCTURE], 0.9137 * 1.1e6 + 0.30 * 153140.0, REL, 0);
	assert_close(yr.planned[DOM_VALUE_CREATION], 0.9137 * 4.3e5 + 0.20 * 153140.0, REL, 0);
	assert_close(yr.planned[DOM_LITERACY], 0.12 * 153140.0, REL, 0);
	assert_close(yr.transformation, 0.9137 * 1.53e6 + 153140.0, REL, 0);

	/* EUR per inhabitant: 3.85 x 150,000 = 577,500 and 1.25 x 150,000 =
	** 187,500. A mandate gap of 0.6 at reallocation 2.5 asks a shift of
	** 1.5, capped at 1 (8): everything goes to value creation, which then
	** holds the whole share, the mandate money 0.6 x 3.7e6 = 2.22e6 and the
	** carry-over 4.1e5 (a_vc / (1 - 0) = 1). */
	p.allocation_schedule_unit = SCHEDULE_EUR_PER_INHABITANT;
	p.schedule_infrastructure = 3.85;
	p.schedule_value_creation = 1.25;
	p.mandate_reallocation = 2.5;
	yr = year_record(2032);
	budget_year(&p, &prev, 0.6, 0.0, 0.0, 1.0, 4.1e5, &yr);
	assert_close(yr.share[DOM_VALUE_CREATION], 1.0, 0, 1e-12);
	assert_close(yr.share[DOM_INFRASTRUCTURE], 0.0, 0, 0);
	assert_close(yr.share[DOM_POLICIES], 0.0, 0, 0);
	assert_close(share_sum(&yr), 1.0, 0, 1e-12);
	assert_close(yr.planned[DOM_INFRASTRUCTURE], 0.0, 0, 0);
	assert_close(yr.planned[DOM_POLICIES], 0.0, 0, 0);
	assert_close(yr.planned[DOM_VALUE_CREATION], 577500.0 + 187500.0 + 2.22e6 + 4.1e5, REL, 0);
	assert_close(yr.transformation, 577500.0 + 187500.0 + 2.22e6, REL, 0);
}

/* The own plans of the budget-constraint tests (EUR/yr): the ten domains
** other than policies plan 2.66e6 together, policies 1.9e5. */
static const double plans[DOM_COUNT] = {
	[DOM_PROCESS] = 1.1e5, [DOM_COMMUNICATION] = 2.3e5, [DOM_COLLABORATION] = 0.9e5,
	[DOM_LITERACY] = 3.7e5, [DOM_VALUE_CREATION] = 6.1e5, [DOM_POLICIES] = 1.9e5,
	[DOM_INFRASTRUCTURE] = 8.3e5, [DOM_QUALITY] = 1.3e5, [DOM_KNOWLEDGE_TRANSFER] = 1.7e5,
	[DOM_INCLUSION] = 0.7e5, [DOM_LEADERSHIP] = 0.5e5,
};
#define DESIRED 2.66e6

/* A year planning plans[] with the default shares (0.93 outside policies),
** filled by hand and so summed by budget_sums. */
static struct model_year plan_year(const struct model_params *p)
{
	struct model_year yr = year_record(2026);

	for (int d = 0; d < DOM_COUNT; d++) {
		yr.planned[d] = plans[d];
		yr.share[d] = budget_share(p, d);
	}
	budget_sums(&yr);
	return yr;
}

/* budget_constrain on yr at the year's absorption capacity `capacity`,
** results into r, spend into inv and real. */
#define CONSTRAIN(surplus, income, cash, mandatory, capacity) \
	(budget_capacity(&yr, (capacity)), \
	 budget_constrain(&k, &yr, (surplus), (income), (cash), (mandatory), plan, inv, real, &r))

/* budget_sums' instruments flag for plan_year with one instrument of
** kind 0..3 spending: a loan drawn, loan money in a domain, co-funded
** projects in total, a co-funded project in a domain. */
static int instruments_with(const struct model_params *p, int kind)
{
	struct model_year yr = plan_year(p);

	if (kind == 0)
		yr.fin.loan_draw = 4e5;
	else if (kind == 1)
		yr.fin.loan_spend[DOM_VALUE_CREATION] = 4e5;
	else if (kind == 2)
		yr.cofunded_total = 1e6;
	else
		yr.fin.cofunded[DOM_INFRASTRUCTURE] = 1e6;
	budget_sums(&yr);
	return yr.instruments;
}

static void test_budget_sums(void **state)
{
	struct model_params p = city();
	struct model_year yr = plan_year(&p);

	(void)state;
	/* 2.3: the plan and the shares of the ten domains but policies. */
	assert_close(yr.plan_others, DESIRED, REL, 0);
	assert_close(yr.share_others, 0.93, REL, 0);
	assert_int_equal(yr.instruments, 0);
	/* Any grant, loan or contract that spends this year counts. */
	for (int kind = 0; kind < 4; kind++)
		assert_int_equal(instruments_with(&p, kind), 1);

	/* budget_capacity: the capacity, at least 0, and its inverse (0 when
	** there is none). */
	budget_capacity(&yr, 2.5e6);
	assert_close(yr.capacity, 2.5e6, 0, 0);
	assert_close(yr.inv_capacity, 4e-7, REL, 0);
	budget_capacity(&yr, -3.7e5);
	assert_close(yr.capacity, 0.0, 0, 0);
	assert_close(yr.inv_capacity, 0.0, 0, 0);
}

static void test_budget_constrain(void **state)
{
	struct model_params p = city();
	struct model_coef k;
	struct model_year yr = plan_year(&p);
	double plan[DOM_COUNT], inv[DOM_COUNT], real[DOM_COUNT];
	struct budget_result r;

	(void)state;
	p.budget_drawdown_years = 0.25;
	k = coef(&p, 1.0);
	/* Ample: free = 2e7 - 1.2e7 = 8e6 >= 2.66e6, capacity 1e9; cash rate
	** 8e6 - 2.66e6; use of capacity 2.66e6 / 1e9. */
	CONSTRAIN(0.0, 2e7, 1e6, 1.2e7, 1e9);
	assert_close(r.ratio, 1.0, 0, 0);
	assert_close(r.money_ratio, 1.0, 0, 0);
	assert_close(r.cofunded_ratio, 1.0, 0, 0);
	assert_close(r.topup, 0.0, 0, 0);
	assert_close(r.shortfall, 0.0, 0, 1e-9);
	assert_close(r.cash_rate, 5.34e6, REL, 0);
	for (int d = 0; d < DOM_COUNT; d++)
		assert_close(inv[d], plans[d], REL, 0);
	assert_close(r.invest_total, 2.85e6, REL, 0);
	assert_close(r.utilisation, 2.66e-3, REL, 0);
	assert_close(r.load, 2.66e-3, REL, 0);
	assert_close(r.desired, DESIRED, REL, 0);

	/* A surplus of 1e6 is invested by the shares (2.3): quality 1.3e5 +
	** 0.04e6, policies 1.9e5 + 0.07e6; desired 2.66e6 + 0.93e6. What it
	** buys is spend / P at P = 1.25. */
	k = coef(&p, 1.25);
	CONSTRAIN(1e6, 2e7, 1e6, 1.2e7, 1e9);
	assert_close(plan[DOM_QUALITY], 1.7e5, REL, 0);
	assert_close(inv[DOM_QUALITY], 1.7e5, REL, 0);
	assert_close(real[DOM_QUALITY], 1.7e5 / 1.25, REL, 0);
	assert_close(real[DOM_POLICIES], 2.6e5 / 1.25, REL, 0);
	assert_close(r.invest_total, 3.59e6 + 2.6e5, REL, 0);
	assert_close(r.cash_rate, 8e6 - 3.59e6, REL, 0);
	assert_close(r.desired, 3.59e6, REL, 0);

	/* Money binds: free 1.5e7 - 1.4e7 = 1e6, cash 2.5e5 / 0.25 = 1e6 more:
	** phi = phi_m = 2e6 / 2.66e6; cash falls at 1e6 - 2e6. */
	k = coef(&p, 1.0);
	CONSTRAIN(0.0, 1.5e7, 2.5e5, 1.4e7, 1e9);
	assert_close(r.ratio, 2e6 / DESIRED, REL, 0);
	assert_close(r.money_ratio, 2e6 / DESIRED, REL, 0);
	assert_close(r.shortfall, 0.66e6, 1e-9, 0);
	assert_close(r.cash_rate, -1e6, 1e-9, 0);
	assert_close(inv[DOM_POLICIES], 1.9e5, REL, 0);
	assert_close(inv[DOM_INFRASTRUCTURE], 2e6 / DESIRED * 8.3e5, REL, 0);
	/* Negative cash is not drawn: phi = 1e6 / 2.66e6. */
	CONSTRAIN(0.0, 1.5e7, -5.0, 1.4e7, 1e9);
	assert_close(r.ratio, 1e6 / DESIRED, REL, 0);

	/* Capacity binds (14.1): money for all, capacity 1.995e6: phi = 0.75,
	** phi_m = 1; the capacity is used in full; the plan asks 2.66 / 1.995. */
	CONSTRAIN(0.0, 2e7, 1e6, 1.2e7, 1.995e6);
	assert_close(r.ratio, 0.75, REL, 0);
	assert_close(r.money_ratio, 1.0, 0, 0);
	assert_close(r.utilisation, 1.0, REL, 0);
	assert_close(r.load, DESIRED / 1.995e6, REL, 0);
	assert_close(r.cash_rate, 8e6 - 1.995e6, REL, 0);
	assert_close(inv[DOM_VALUE_CREATION], 0.75 * 6.1e5, REL, 0);
	assert_close(inv[DOM_POLICIES], 1.9e5, REL, 0);
	/* Not spent: (1 - phi) x 2.66e6, all of it unabsorbed, no funding gap. */
	assert_close(r.shortfall, 0.665e6, REL, 0);

	/* Top-up: mandatory 1.25e7 > income 1e7, the general budget adds
	** 2.5e6; nothing is free and there is no cash: only policies are paid. */
	CONSTRAIN(0.0, 1e7, 0.0, 1.25e7, 1e9);
	assert_close(r.topup, 2.5e6, REL, 0);
	assert_close(r.ratio, 0.0, 0, 0);
	assert_close(r.cash_rate, 0.0, 0, 0);
	assert_close(r.shortfall, DESIRED, REL, 0);
	assert_close(inv[DOM_POLICIES], 1.9e5, REL, 0);
	assert_close(inv[DOM_VALUE_CREATION], 0.0, 0, 0);
	assert_close(r.utilisation, 0.0, 0, 0);

	/* No capacity at all: nothing of the own plan is spent although the
	** money is there (phi = 0, phi_m = 1); the capacity counts as used,
	** the load is infinite. */
	CONSTRAIN(0.0, 2e7, 1e6, 1.2e7, 0.0);
	assert_close(r.ratio, 0.0, 0, 0);
	assert_close(r.money_ratio, 1.0, 0, 0);
	assert_close(r.shortfall, DESIRED, REL, 0);
	assert_close(r.utilisation, 1.0, 0, 0);
	assert_true(isinf(r.load));

	/* Nothing planned outside policies: phi = phi_m = 1 (no 0 / 0). */
	for (int d = 0; d < DOM_COUNT; d++)
		if (d != DOM_POLICIES)
			yr.planned[d] = yr.share[d] = 0.0;
	yr.share[DOM_POLICIES] = 1.0;
	budget_sums(&yr);
	CONSTRAIN(0.0, 1e7, 0.0, 1.25e7, 1e6);
	assert_close(r.ratio, 1.0, 0, 0);
	assert_close(r.money_ratio, 1.0, 0, 0);
	assert_close(r.desired, 0.0, 0, 0);
	assert_close(r.shortfall, 0.0, 0, 0);
	assert_close(inv[DOM_POLICIES], 1.9e5, REL, 0);
}

/* 2.3 with co-funded projects (grant 6.5e5 at c = 0.35: project 1e6, own
** part 3.5e5) on infrastructure and a loan of 4e5 spent on value creation. */
static void test_budget_constrain_cofunded(void **state)
{
	struct model_params p = city();
	struct model_coef k;
	struct model_year yr = plan_year(&p);
	double plan[DOM_COUNT], inv[DOM_COUNT], real[DOM_COUNT];
	struct budget_result r;

	(void)state;
	p.budget_drawdown_years = 0.25;
	k = coef(&p, 1.0);
	yr.fin.grants = 6.5e5;
	yr.fin.own_cofunding = 3.5e5;
	yr.fin.cofunded[DOM_INFRASTRUCTURE] = 1e6;
	yr.cofunded_total = 1e6;
	yr.fin.loan_draw = 4e5;
	yr.fin.loan_spend[DOM_VALUE_CREATION] = 4e5;
	budget_sums(&yr);

	/* Money binds the match: free 1e5 + cash 2.5e4 / 0.25 = 2e5 < 3.5e5:
	** psi = psi_m = 2e5 / 3.5e5 = 4/7, nothing left for the own plan. */
	CONSTRAIN(0.0, 1.21e7, 2.5e4, 1.2e7, 1e9);
	assert_close(r.cofunded_money_ratio, 4.0 / 7.0, REL, 0);
	assert_close(r.cofunded_ratio, 4.0 / 7.0, REL, 0);
	assert_close(r.ratio, 0.0, 0, 1e-12);
	assert_close(inv[DOM_INFRASTRUCTURE], 4.0 / 7.0 * 1e6, REL, 0);
	assert_close(inv[DOM_VALUE_CREATION], 4e5, REL, 0);
	assert_close(inv[DOM_POLICIES], 1.9e5, REL, 0);
	assert_close(r.invest_total, 1.9e5 + 4.0 / 7.0 * 1e6 + 4e5, REL, 0);
	/* [2]: 1e5 - 0 - 4/7 x 3.5e5 */
	assert_close(r.cash_rate, -1e5, REL, 0);
	assert_close(r.shortfall, DESIRED + 3.0 / 7.0 * 1e6, REL, 0);

	/* Capacity binds the projects: capacity 8e5 < 1e6: psi = 0.8, psi_m =
	** 1, no room for the own plan (phi = 0, phi_m = 1). */
	CONSTRAIN(0.0, 2e7, 1e6, 1.2e7, 8e5);
	assert_close(r.cofunded_ratio, 0.8, REL, 0);
	assert_close(r.cofunded_money_ratio, 1.0, 0, 0);
	assert_close(r.ratio, 0.0, 0, 1e-12);
	assert_close(r.money_ratio, 1.0, 0, 0);
	assert_close(inv[DOM_INFRASTRUCTURE], 8e5, REL, 0);
	assert_close(r.utilisation, 1.0, REL, 0);
	assert_close(r.cash_rate, 8e6 - 0.8 * 3.5e5, REL, 0);

	/* Both: free 1.435e7 - 1.2e7 = 2.35e6, no cash: psi = 1, rest 2e6,
	** phi_m = 2e6 / 2.66e6; capacity 2.33e6 leaves 1.33e6: phi = 0.5.
	** Funding gap (1 - phi_m) 2.66e6 = 6.6e5, unabsorbed (phi_m - phi)
	** 2.66e6 = 6.7e5; not spent 1.33e6. */
	CONSTRAIN(0.0, 1.435e7, 0.0, 1.2e7, 2.33e6);
	assert_close(r.cofunded_ratio, 1.0, 0, 0);
	assert_close(r.money_ratio, 2e6 / DESIRED, REL, 0);
	assert_close(r.ratio, 0.5, REL, 0);
	assert_close((1.0 - r.money_ratio) * DESIRED, 6.6e5, 1e-9, 0);
	assert_close((r.money_ratio - r.ratio) * DESIRED, 6.7e5, 1e-9, 0);
	assert_close(r.shortfall, 1.33e6, REL, 0);
	assert_close(inv[DOM_INFRASTRUCTURE], 0.5 * 8.3e5 + 1e6, REL, 0);
	assert_close(inv[DOM_VALUE_CREATION], 0.5 * 6.1e5 + 4e5, REL, 0);
	/* 2.35e6 - 0.5 x 2.66e6 - 3.5e5 */
	assert_close(r.cash_rate, 6.7e5, REL, 0);
	assert_close(r.utilisation, 1.0, REL, 0);
}

/* ---- 3. legacy ----------------------------------------------------------- */

static void test_legacy(void **state)
{
	struct model_params p = city();
	struct model_coef k;
	double oml, omm, aging, dm[3], pot, cap;
	const double m[3] = { 0.2131, 0.1987, 0.2163 };   /* sum 0.6281 = 1 - 0.3719 */
	const double even[3] = { 0.6281 / 3, 0.6281 / 3, 0.6281 / 3 };

	(void)state;
	p.legacy_portfolio_value_eur = 2.385e7;
	p.legacy_om_rate = 0.2385;
	p.legacy_om_multiplier = 2.3;
	p.legacy_lifetime_years = 17.3;
	p.legacy_modernisation_cost_factor = 1.45;
	p.legacy_min_modernisation_years = 3.7;
	p.legacy_double_running_years = 0.83;
	k = coef(&p, 1.0);

	/* 3.1: legacy and double running at the multiplier, modern at 1. */
	legacy_om(&p, &k, 0.3719, 0.0213, &oml, &omm);
	assert_close(oml, 2.385e7 * 0.2385 * 2.3 * (0.3719 + 0.0213), REL, 0);
	assert_close(omm, 2.385e7 * 0.2385 * (1.0 - 0.3719), REL, 0);

	/* 3.2: three stages, each emptying at 3 / 17.3 a year. */
	aging = legacy_aging(&k, m, 0.0289, dm);
	assert_close(aging, 0.2163 * 3.0 / 17.3, REL, 0);
	assert_close(dm[0], 0.0289 - 0.2131 * 3.0 / 17.3, REL, 0);
	assert_close(dm[1], (0.2131 - 0.1987) * 3.0 / 17.3, REL, 0);
	assert_close(dm[2], (0.1987 - 0.2163) * 3.0 / 17.3, REL, 0);
	/* Conservation: the stages gain modernisation and lose ageing. */
	assert_close(dm[0] + dm[1] + dm[2], 0.0289 - aging, 1e-12, 1e-15);
	/* Equal stages age at (1 - L) / lifetime. */
	assert_close(legacy_aging(&k, even, 0.0, dm), 0.6281 / 17.3, REL, 0);

	/* potential = 1.234e6 x 1.1385 / (2.385e7 x 1.45) = 0.040625,
	** capacity 0.3719 / 3.7 = 0.100514; sat = P C / (P + C) = 0.028932. */
	pot = 1.234e6 * 1.1385 / (2.385e7 * 1.45);
	cap = 0.3719 / 3.7;
	assert_close(legacy_modernisation(&k, 0.3719, 1.234e6, 1.1385), sat(pot, cap), REL, 0);
	/* Saturation: an enormous spend approaches the capacity, never above. */
	pot = 1e12 * 1.1385 / (2.385e7 * 1.45);
	assert_close(legacy_modernisation(&k, 0.3719, 1e12, 1.1385), sat(pot, cap), REL, 0);
	assert_true(legacy_modernisation(&k, 0.3719, 1e15, 1.1385) <= cap);
	assert_true(legacy_modernisation(&k, 0.3719, 1e15, 1.1385) > 0.9999 * cap);
	assert_close(legacy_modernisation(&k, 0.0, 1e6, 1.0), 0.0, 0, 0);

	/* Decommissioning after double running: 0.0213 / 0.83. */
	assert_close(legacy_decommissioning(&k, 0.0213), 0.0213 / 0.83, REL, 0);
	/* Backlog, first-year prices: 0.3719 x 2.385e7 x 1.45 */
	assert_close(legacy_backlog(&p, 0.3719), 0.3719 * 2.385e7 * 1.45, REL, 0);
}

/* ---- 4. workforce -------------------------------------------------------- */

static void test_workforce(void **state)
{
	struct model_params p = city();
	struct model_coef k;
	struct workforce_terms w;
	double courses, kt, use, x;

	(void)state;
	p.workforce_staff = 1234;
	p.workforce_training_cost_eur = 987;
	p.workforce_staff_literacy_share = 0.7;
	p.workforce_max_trainings = 1.85;
	p.workforce_training_gain = 0.2;
	p.workforce_turnover_rate = 0.0935;
	p.workforce_transfer_years = 0.37;
	p.workforce_unapplied_half_life = 0.83;
	p.workforce_skill_half_life = 4.7;
	p.workforce_kt_max_reduction = 0.45;
	p.workforce_kt_half_eur = 123;
	p.workforce_hire_skill = 0.4731;
	p.workforce_hire_skill_max = 0.7215;
	p.workforce_recruitment_half_eur = 4800;
	p.leadership_recruitment_effect = 0.85;
	p.norms_strength = 0.3;
	p.norms_training_boost = 0.5;
	k = coef(&p, 1.0);

	/* [4a] training: courses = sat(0.7 x 5.55e5 / (1,234 x 987), 1.85)
	** = sat(0.31898, 1.85) = 0.27206; times 0.2, the gap 1 - 0.4135 -
	** 0.0371, f_R = 0.9 and n_norm = 1 + 0.3 x 0.5. */
	courses = sat(0.7 * 5.55e5 / (1234.0 * 987.0), 1.85);
	assert_close(workforce_training(&p, &k, 0.4135, 0.0371, 5.55e5, 0.9),
	             courses * 0.2 * (1.0 - 0.4135 - 0.0371) * 0.9 * 1.15, REL, 0);
	/* No training, no gain; no gap (S + T = 1, or above), no gain. */
	assert_close(workforce_training(&p, &k, 0.4135, 0.0371, 0.0, 0.9), 0.0, 0, 0);
	assert_close(workforce_training(&p, &k, 0.75, 0.25, 5.55e5, 0.9), 0.0, 0, 0);
	assert_close(workforce_training(&p, &k, 0.8, 0.3, 5.55e5, 0.9), 0.0, 0, 0);

	/* kt = half(2.2e5 / 1,234, 123) = 178.28 / 301.28; use = 1 - (1 - M)(1 - kt) */
	kt = workforce_kt_level(&p, &k, 2.2e5);
	assert_close(kt, half(2.2e5 / 1234.0, 123.0), REL, 0);
	use = workforce_use(0.3317, kt);
	assert_close(use, 1.0 - (1.0 - 0.3317) * (1.0 - kt), REL, 0);
	assert_close(workforce_use(0.0, 0.0), 0.0, 0, 0);
	assert_close(workforce_use(1.0, 0.0), 1.0, 0, 0);

	/* The terms at S = 0.4135, T = 0.0371, use 0.6212, hires at 0.4731. */
	workforce_terms(&p, &k, 0.4135, 0.0371, 0.6212, 0.4731, &w);
	assert_close(w.transfer, 0.0371 * 0.6212 / 0.37, REL, 0);
	assert_close(w.fade, 0.0371 * LN2 / 0.83, REL, 0);
	assert_close(w.turnover, 0.0935 * (0.4731 - 0.4135), REL, 0);
	assert_close(w.leavers_trained, 0.0935 * 0.0371, REL, 0);
	assert_close(w.decay, 0.4135 * LN2 / 4.7 * (1.0 - 0.45 * 0.6212), REL, 0);
	/* Hires at the staff's skill leave S unchanged (exactly) but drain T;
	** hires below it lower S. */
	workforce_terms(&p, &k, 0.4135, 0.0371, 0.6212, 0.4135, &w);
	assert_close(w.turnover, 0.0, 0, 0);
	assert_close(w.leavers_trained, 0.0935 * 0.0371, REL, 0);
	workforce_terms(&p, &k, 0.4135, 0.0371, 0.6212, 0.3, &w);
	assert_close(w.turnover, 0.0935 * (0.3 - 0.4135), REL, 0);

	/* h = 0.4731 + (0.7215 - 0.4731) half(3,100 (1 + 0.85 x 0.4123), 4,800) */
	x = 3100.0 * (1.0 + 0.85 * 0.4123);
	assert_close(workforce_hire_skill(&p, 3100.0, 0.4123),
	             0.4731 + (0.7215 - 0.4731) * half(x, 4800.0), REL, 0);
	assert_close(workforce_hire_skill(&p, 3100.0, 0.0),
	             0.4731 + 0.2484 * half(3100.0, 4800.0), REL, 0);
	assert_close(workforce_hire_skill(&p, 0.0, 0.4123), 0.4731, 0, 0);
	/* hire_skill_max below hire_skill: recruitment does not lower hires'
	** skill (workforce.h: "raised towards hire_skill_max"). */
	p.workforce_hire_skill_max = 0.35;
	assert_close(workforce_hire_skill(&p, 3100.0, 0.4123), 0.4731, 0, 0);
}

/* ---- 5. resistance ------------------------------------------------------- */

static struct model_params resistance_params(void)
{
	struct model_params p = city();

	p.effect_reference_resistance = 0.45;
	p.effect_reference_skill = 0.37;
	p.effect_reference_leadership = 0.3712;
	p.leadership_effect = 0.61;
	p.leadership_sponsor_effect = 0.23;
	p.workforce_staff = 1234;
	p.resistance_cm_cost_eur = 187.5;
	p.resistance_cm_effect = 0.27;
	p.resistance_wins_effect = 1.9;
	p.resistance_pace_norm = 0.061;
	p.resistance_fatigue_effect = 1.3;
	p.resistance_fear_effect = 0.115;
	p.resistance_initial = 0.5234;
	p.resistance_drift_years = 7.7;
	p.resistance_cynicism_half_life = 3.3;
	p.resistance_failure_effect = 0.55;
	return p;
}

static void test_resistance(void **state)
{
	struct model_params p = resistance_params();
	struct model_coef k = coef(&p, 1.0);
	struct resistance_terms t;
	double cl, x;

	(void)state;
	/* [6]: f_R = (1 - 0.3851) / (1 - 0.45) = 1.118 */
	assert_close(resistance_factor(&k, 0.3851), 0.6149 / 0.55, REL, 0);
	assert_close(resistance_factor(&k, 1.0), 0.0, 0, 0);
	/* E = 1.118 x 0.4135 / 0.37 x (1 + 0.61 (0.4712 - 0.3712)) */
	assert_close(resistance_effectiveness(&p, &k, 0.4135, 0.3851, 0.4712),
	             0.6149 / 0.55 * 0.4135 / 0.37 * 1.061, REL, 0);
	/* At the references E = 1. */
	assert_close(resistance_effectiveness(&p, &k, 0.37, 0.45, 0.3712), 1.0, REL, 0);
	assert_close(resistance_effectiveness(&p, &k, 0.4135, 1.0, 0.4712), 0.0, 0, 0);
	/* The leadership factor's floor: 1 + 3.1 (0.02 - 0.3712) < 0 gives 0. */
	p.leadership_effect = 3.1;
	assert_close(resistance_effectiveness(&p, &k, 0.4135, 0.3851, 0.02), 0.0, 0, 0);
	p.leadership_effect = 0.61;

	/* 5.1: x = 2.1e5 / (1,234 x 187.5) = 0.90762; level x / (1 + x) */
	x = 2.1e5 / (1234.0 * 187.5);
	cl = resistance_cm_level(&k, 2.1e5);
	assert_close(cl, x / (1.0 + x), REL, 0);
	assert_close(resistance_cm_level(&k, 0.0), 0.0, 0, 0);

	/* [5] and [5a] at R = 0.3851, Y = 0.1234, Ld = 0.4712 (above the
	** reference), delivery 0.0473, pace 0.1123, process level 0.612,
	** excess overrun 0.0871. */
	resistance_terms(&p, &k, 0.3851, 0.1234, 0.4712, cl, 0.0473, 0.1123, 0.612, 0.0871, &t);
	assert_close(t.cm, 0.27 * cl * 0.3851 * (1.0 - 0.1234), REL, 0);
	assert_close(t.wins, 1.9 * 0.0473 * 0.3851, REL, 0);
	assert_close(t.sponsor, 0.23 * (0.4712 - 0.3712) * 0.3851, REL, 0);
	assert_close(t.fatigue, 1.3 * (0.1123 - 0.061) * (1.0 - 0.3851), REL, 0);
	assert_close(t.fear, 0.115 * 0.612 * (1.0 - 0.3851), REL, 0);
	/* drift to the raised target 0.5234 + (1 - 0.5234) 0.1234 = 0.58221 */
	assert_close(t.drift, (0.5234 + 0.4766 * 0.1234 - 0.3851) / 7.7, REL, 0);
	assert_close(t.cynicism_in, (1.3 * (0.1123 - 0.061) + 0.55 * 0.0871) * (1.0 - 0.1234), REL, 0);
	assert_close(t.cynicism_out, 0.1234 * LN2 / 3.3, REL, 0);

	/* Leadership below the reference lets resistance rise: sponsor < 0,
	** with the factor 1 - R. At the reference it does nothing. */
	resistance_terms(&p, &k, 0.3851, 0.1234, 0.2917, cl, 0.0473, 0.1123, 0.612, 0.0871, &t);
	assert_close(t.sponsor, 0.23 * (0.2917 - 0.3712) * (1.0 - 0.3851), REL, 0);
	assert_true(t.sponsor < 0.0);
	resistance_terms(&p, &k, 0.3851, 0.1234, 0.3712, cl, 0.0473, 0.1123, 0.612, 0.0871, &t);
	assert_close(t.sponsor, 0.0, 0, 0);

	/* Pace below the norm: no fatigue, and overruns alone feed cynicism. */
	resistance_terms(&p, &k, 0.3851, 0.1234, 0.4712, cl, 0.0473, 0.05, 0.612, 0.0871, &t);
	assert_close(t.fatigue, 0.0, 0, 0);
	assert_close(t.cynicism_in, 0.55 * 0.0871 * (1.0 - 0.1234), REL, 0);
	/* Without cynicism: change management on all of R, drift to R_0,
	** nothing fades. */
	resistance_terms(&p, &k, 0.3851, 0.0, 0.4712, cl, 0.0473, 0.05, 0.612, 0.0, &t);
	assert_close(t.cm, 0.27 * cl * 0.3851, REL, 0);
	assert_close(t.drift, (0.5234 - 0.3851) / 7.7, REL, 0);
	assert_close(t.cynicism_in, 0.0, 0, 0);
	assert_close(t.cynicism_out, 0.0, 0, 0);
	/* All cynics: change management works on nobody, the target is 1. */
	resistance_terms(&p, &k, 0.3851, 1.0, 0.4712, cl, 0.0473, 0.1123, 0.612, 0.0871, &t);
	assert_close(t.cm, 0.0, 0, 0);
	assert_close(t.drift, (1.0 - 0.3851) / 7.7, REL, 0);
	assert_close(t.cynicism_in, 0.0, 0, 0);
}

/* ---- 6. services, adoption, savings, satisfaction ------------------------ */

static struct model_params service_params(void)
{
	struct model_params p = city();

	p.services_count = 211;
	p.services_cost_per_service_eur = 1.6e5;
	p.services_om_rate = 0.137;
	p.services_collab_max_reuse = 0.27;
	p.services_collab_half_eur = 3.1e5;
	p.services_collab_leverage = 2.7;
	p.services_platform_share = 0.23;
	p.services_platform_life_years = 7.3;
	p.services_platform_time_cut = 0.37;
	p.peers_reuse = 0.19;
	p.services_quality_base = 0.77;
	p.services_quality_half_eur = 2.9e5;
	p.legacy_interop_drag = 0.45;
	p.services_min_delivery_years = 2.3;
	p.services_obsolescence_rate = 0.0321;
	p.adoption_inclusion_base = 0.7345;
	p.adoption_inclusion_max = 0.9712;
	p.adoption_inclusion_half_eur = 4.7e5;
	p.adoption_volume_concentration = 0.55;
	p.adoption_p = 0.0123;
	p.adoption_drop_years = 1.35;
	p.adoption_trust_loss = 0.0487;
	p.savings_transactions_per_year = 2.87e5;
	p.savings_cost_offline_eur = 9.35;
	p.savings_cost_online_eur = 1.15;
	p.savings_process_gain_max = 0.31;
	p.satisfaction_base = 0.3712;
	p.satisfaction_coverage_effect = 0.4231;
	p.satisfaction_incident_effect = 0.3317;
	return p;
}

static void test_services(void **state)
{
	struct model_params p = service_params();
	struct model_coef k = coef(&p, 1.0);
	double c, ql, q, x, pot, cap;

	(void)state;
	/* 6.1: 211 x 0.3317 x 1.6e5 x 0.137 */
	assert_close(services_om(&p, 0.3317), 211.0 * 0.3317 * 1.6e5 * 0.137, REL, 0);
	/* 6.2: 1.6e5 (1 - 0.27 x 0.4421)(1 - 0.19 x 0.3871) = 130,538 */
	c = services_cost(&p, 0.4421, 0.3871);
	assert_close(c, 1.6e5 * (1.0 - 0.27 * 0.4421) * (1.0 - 0.19 * 0.3871), REL, 0);
	assert_close(services_cost(&p, 0.0, 0.0), 1.6e5, REL, 0);

	/* [7a]: x = (2.7 x 1.15e5 + 0.23 x 6.3e5) / 3.1e5 = 455,400 / 310,000;
	** dPl/dt = (x / (1 + x) - Pl) / 7.3 */
	x = 455400.0 / 310000.0;
	assert_close(services_platform_rate(&p, &k, 0.4421, 1.15e5, 6.3e5),
	             (x / (1.0 + x) - 0.4421) / 7.3, REL, 0);
	/* The steady state x / (1 + x) = 455,400 / 765,400. */
	assert_close(services_platform_rate(&p, &k, 455400.0 / 765400.0, 1.15e5, 6.3e5), 0.0, 0, 1e-15);
	/* Without spend platforms wear out at Pl / 7.3. */
	assert_close(services_platform_rate(&p, &k, 0.4421, 0.0, 0.0), -0.4421 / 7.3, REL, 0);

	/* 6.4: the quality level half(1.3e5, 2.9e5) = 13 / 42; quality 0.77 +
	** 0.23 x 13 / 42 */
	ql = services_quality_level(&p, 1.3e5);
	assert_close(ql, 13.0 / 42.0, REL, 0);
	assert_close(services_quality_level(&p, 0.0), 0.0, 0, 0);
	q = services_quality(&p, ql);
	assert_close(q, 0.77 + 0.23 * 13.0 / 42.0, REL, 0);
	assert_close(services_quality(&p, 0.0), 0.77, REL, 0);
	assert_close(services_quality(&p, 1.0), 1.0, REL, 0);

	/* [7]: potential = 8.8e5 x 1.2345 x (1 - 0.45 x 0.3719) / (211 c),
	** capacity (1 - 0.3317) / 2.3 / (1 - 0.37 x 0.4421) */
	pot = 8.8e5 * 1.2345 * (1.0 - 0.45 * 0.3719) / (211.0 * c);
	cap = (1.0 - 0.3317) / 2.3 / (1.0 - 0.37 * 0.4421);
	assert_close(services_delivery(&p, &k, 0.3317, 0.3719, 8.8e5, 1.2345, c, 0.4421),
	             sat(pot, cap), REL, 0);
	/* The platform time cut: an enormous spend approaches the capacity,
	** above the 0.66830 / 2.3 = 0.29057 it has without platforms. */
	pot = 1e13 * 1.2345 * (1.0 - 0.45 * 0.3719) / (211.0 * c);
	assert_close(services_delivery(&p, &k, 0.3317, 0.3719, 1e13, 1.2345, c, 0.4421),
	             sat(pot, cap), REL, 0);
	assert_true(services_delivery(&p, &k, 0.3317, 0.3719, 1e13, 1.2345, c, 0.4421) > 0.6683 / 2.3);
	/* All services online, or nothing delivered: no delivery. */
	assert_close(services_delivery(&p, &k, 1.0, 0.3719, 8.8e5, 1.2345, c, 0.4421), 0.0, 0, 0);
	assert_close(services_delivery(&p, &k, 0.3317, 0.3719, 0.0, 1.2345, c, 0.4421), 0.0, 0, 0);
	/* 0.0321 x 0.3317 x (1 - 13 / 42) at the quality level of 1.3e5 */
	assert_close(services_obsolescence(&p, 0.3317, ql), 0.0321 * 0.3317 * (1.0 - 13.0 / 42.0),
	             REL, 0);
	assert_close(services_obsolescence(&p, 0.3317, 0.0), 0.0321 * 0.3317, REL, 0);
}

static void test_adoption(void **state)
{
	struct model_params p = service_params();
	struct model_coef k = coef(&p, 1.0);
	const double q = 0.77 + 0.23 * 13.0 / 42.0;   /* quality at 1.3e5 of quality spend */
	double inc, K;

	(void)state;
	/* 6.4: 0.7345 + (0.9712 - 0.7345) half(3.3e5, 4.7e5) = 0.7345 + 0.2367 x 33 / 80 */
	inc = adoption_inclusion(&p, 3.3e5);
	assert_close(inc, 0.7345 + 0.2367 * 33.0 / 80.0, REL, 0);
	assert_close(adoption_inclusion(&p, 0.0), 0.7345, REL, 0);
	/* [8]: 0.3317^0.55 x inc x q; M^0.5 by the square root */
	K = adoption_ceiling(&p, 0.3317, inc, q);
	assert_close(K, pow(0.3317, 0.55) * inc * q, REL, 0);
	assert_close(adoption_ceiling(&p, 0.0, inc, q), 0.0, 0, 0);
	p.adoption_volume_concentration = 0.5;
	assert_close(adoption_ceiling(&p, 0.3317, inc, q), sqrt(0.3317) * inc * q, REL, 0);
	p.adoption_volume_concentration = 0.55;

	/* [9] below the ceiling (K = 0.3815): (0.0123 + 0.3345 x 0.2215 / K)
	** (K - 0.2215) - 0.0213 x 0.0487 x 0.2215 */
	assert_close(adoption_rate(&p, &k, 0.2215, K, 0.3345, 0.0213),
	             (0.0123 + 0.3345 * 0.2215 / K) * (K - 0.2215) - 0.0213 * 0.0487 * 0.2215, REL, 0);
	/* above it: (K - 0.6) / 1.35 - 0.0213 x 0.0487 x 0.6 */
	assert_close(adoption_rate(&p, &k, 0.6, K, 0.3345, 0.0213),
	             (K - 0.6) / 1.35 - 0.0213 * 0.0487 * 0.6, REL, 0);
	/* At the ceiling, only trust is lost. */
	assert_close(adoption_rate(&p, &k, K, K, 0.3345, 0.0213), -0.0213 * 0.0487 * K, REL, 0);

	/* 6.6: 2.87e5 x 0.2215 x (9.35 - 1.15) x (1 + 0.31 x 0.5723) */
	assert_close(services_savings(&p, 0.2215, 0.5723),
	             2.87e5 * 0.2215 * 8.2 * (1.0 + 0.31 * 0.5723), REL, 0);

	/* [9a]: 0.3712 + 0.4231 x 0.3317^0.55 x q / 0.77 - 0.3317 x 0.0213 */
	assert_close(services_satisfaction(&p, 0.3317, q, 0.0213),
	             0.3712 + 0.4231 * pow(0.3317, 0.55) * q / 0.77 - 0.3317 * 0.0213, REL, 0);
	/* Clamped to 0..1: 5 incidents a year take 0.3317 x 5 = 1.66 off;
	** with base 0.7, full coverage at quality 0.924 gives 0.7 + 0.4231 x
	** 0.924 / 0.77 = 1.21. */
	assert_close(services_satisfaction(&p, 0.3317, q, 5.0), 0.0, 0, 0);
	p.satisfaction_base = 0.7;
	assert_close(services_satisfaction(&p, 1.0, 0.924, 0.0), 1.0, 0, 0);
}

/* ---- 7. security --------------------------------------------------------- */

static void test_security(void **state)
{
	struct model_params p = city();
	struct model_coef k;
	double base, h0, h5, h1;

	(void)state;
	p.municipality_inhabitants = 238500;
	p.security_size_exponent = 0.47;
	p.security_base_incident_rate = 0.0213;
	p.security_legacy_multiplier = 6.35;
	p.security_policy_max_reduction = 0.57;
	p.security_policy_half_eur = 3.2e5;
	p.security_recovery_years = 0.55;
	k = coef(&p, 1.0);
	/* [10]: 0.0213 (238,500 / 150,000)^0.47 (1 + 5.35 x 0.3932^2)
	** (1 - 0.57 half(2.6e5, 3.2e5)) */
	base = 0.0213 * pow(1.59, 0.47);
	assert_close(security_hazard(&p, &k, 0.3932, 2.6e5),
	             base * (1.0 + 5.35 * 0.3932 * 0.3932) * (1.0 - 0.57 * 26.0 / 58.0), REL, 0);
	assert_close(security_hazard(&p, &k, 0.0, 0.0), base, REL, 0);
	/* Convex in the exposed share, and all legacy is 6.35 times none. */
	h0 = security_hazard(&p, &k, 0.0, 2.6e5);
	h5 = security_hazard(&p, &k, 0.5, 2.6e5);
	h1 = security_hazard(&p, &k, 1.0, 2.6e5);
	assert_true(h5 < (h0 + h1) / 2.0);
	assert_close(h1 / h0, 6.35, REL, 0);
	assert_close(h5 / h0, 1.0 + 5.35 * 0.25, REL, 0);
	/* lost time: 0.0213 x 0.55, at most 1 */
	assert_close(security_lost_time(&p, 0.0213), 0.0213 * 0.55, REL, 0);
	assert_close(security_lost_time(&p, 3.0), 1.0, 0, 0);
}

/* ---- 8. pressures -------------------------------------------------------- */

static void test_pressures(void **state)
{
	struct model_params p = city();

	(void)state;
	p.peers_maturity_initial = 0.3123;
	p.peers_growth_rate = 0.1437;
	p.sim_start_year = 2026;
	/* [11]: 1 / (1 + (1 - 0.3123) / 0.3123 e^(-0.1437 x 3)) */
	assert_close(pressures_peer_maturity(&p, 2029), 1.0 / (1.0 + 0.6877 / 0.3123 * exp(-0.4311)),
	             REL, 0);
	assert_close(pressures_peer_maturity(&p, 2026), 0.3123, REL, 0);

	p.mandate_active = 1;
	p.mandate_start_year = 2027;
	p.mandate_deadline_year = 2031;
	p.mandate_after_deadline = 0.5;
	p.mandate_target = 0.8123;
	assert_close(pressures_mandate_on(&p, 2026), 0.0, 0, 0);
	assert_close(pressures_mandate_on(&p, 2027), 1.0, 0, 0);
	assert_close(pressures_mandate_on(&p, 2031), 1.0, 0, 0);
	assert_close(pressures_mandate_on(&p, 2032), 0.5, 0, 0);
	assert_close(pressures_mandate_on(&p, 2040), 0.5, 0, 0);
	/* g_m = 0.5 (0.8123 - 0.3317); 0 above the target */
	assert_close(pressures_mandate_gap(&p, 0.5, 0.3317), 0.5 * 0.4806, REL, 0);
	assert_close(pressures_mandate_gap(&p, 1.0, 0.9), 0.0, 0, 0);
	assert_close(pressures_mandate_gap(&p, 0.0, 0.3317), 0.0, 0, 0);
	p.mandate_active = 0;
	assert_close(pressures_mandate_on(&p, 2028), 0.0, 0, 0);
	/* 1 + 0.31 x 0.55 */
	p.norms_strength = 0.31;
	p.norms_training_boost = 0.55;
	assert_close(pressures_norm_multiplier(&p), 1.1705, REL, 0);
}

/* ---- 13. leadership and political commitment ----------------------------- */

static void test_leadership(void **state)
{
	struct model_params p = city();
	struct model_coef k;

	(void)state;
	p.workforce_staff = 1234;
	p.leadership_build_rate = 0.47;
	p.leadership_half_per_fte_eur = 113;
	p.leadership_turnover_rate = 0.23;
	p.leadership_initial = 0.3712;
	p.effect_reference_leadership = 0.3456;
	p.leadership_effect = 0.61;
	p.politics_initial = 0.5123;
	p.politics_memory_years = 4.3;
	p.politics_wins_effect = 2.1;
	p.politics_failure_effect = 1.15;
	p.politics_incident_effect = 1.85;
	p.politics_budget_effect = 0.75;
	k = coef(&p, 1.0);
	/* [15]: 0.47 half(1.5e5 / 1,234, 113) (1 - 0.4321) + 0.23 (0.3712 - 0.4321) */
	assert_close(leadership_rate(&p, &k, 0.4321, 1.5e5),
	             0.47 * half(1.5e5 / 1234.0, 113.0) * (1.0 - 0.4321) + 0.23 * (0.3712 - 0.4321),
	             REL, 0);
	assert_close(leadership_rate(&p, &k, 0.4321, 0.0), 0.23 * (0.3712 - 0.4321), REL, 0);
	/* 1 + 0.61 (0.4321 - 0.3456); below 0 it is 0: 1 + 3.3 (0 - 0.3456) < 0 */
	assert_close(leadership_factor(&p, 0.4321), 1.0 + 0.61 * (0.4321 - 0.3456), REL, 0);
	assert_close(leadership_factor(&p, 0.3456), 1.0, REL, 0);
	p.leadership_effect = 3.3;
	assert_close(leadership_factor(&p, 0.0), 0.0, 0, 0);

	/* [16]: 2.1 x 0.0473 (1 - 0.4711) - (1.15 x 0.0871 + 1.85 x 0.0213) 0.4711
	** + (0.5123 - 0.4711) / 4.3 */
	assert_close(politics_rate(&p, &k, 0.4711, 0.0473, 0.0871, 0.0213),
	             2.1 * 0.0473 * (1.0 - 0.4711) - (1.15 * 0.0871 + 1.85 * 0.0213) * 0.4711
	             + (0.5123 - 0.4711) / 4.3, REL, 0);
	/* c_k = 1 + 0.75 (Pc - 0.5123), at least 0; 1 when the effect is off. */
	assert_close(politics_budget_factor(&p, 0.4711), 1.0 + 0.75 * (0.4711 - 0.5123), REL, 0);
	assert_close(politics_budget_factor(&p, 0.7), 1.0 + 0.75 * (0.7 - 0.5123), REL, 0);
	p.politics_budget_effect = 3.2;
	assert_close(politics_budget_factor(&p, 0.1), 0.0, 0, 0);
	p.politics_budget_effect = 0.0;
	assert_close(politics_budget_factor(&p, 0.1), 1.0, 0, 0);
}

/* ---- 14. projects -------------------------------------------------------- */

static void test_projects(void **state)
{
	struct model_params p = city();
	struct model_coef k;
	/* The leadership factor 1 - 0.93 (0.4712 - 0.3456) = 0.883192; the
	** skill factor 2 - 0.4135 / 0.37 = 0.882432 (MODEL.md 14.2). */
	const double lead = 1.0 - 0.93 * (0.4712 - 0.3456), skill = 2.0 - 0.4135 / 0.37;

	(void)state;
	p.workforce_staff = 1234;
	p.projects_absorption_per_fte_eur = 2150;
	p.procurement_delay_years = 1.3;
	p.effect_reference_skill = 0.37;
	p.effect_reference_leadership = 0.3456;
	p.projects_overrun_reference = 0.4512;
	p.projects_utilisation_reference = 0.7123;
	p.projects_pace_effect = 1.55;
	p.leadership_loss_effect = 0.93;
	k = coef(&p, 1.0);
	/* 2.5: each pipeline stage empties at 3 / 1.3 a year. */
	assert_close(k.pipe_rate, 3.0 / 1.3, REL, 0);
	/* 14.1: 1,234 x 2,150 / 1.3 x 0.4135 / 0.37 x 1.061 (first-year prices) */
	assert_close(projects_capacity(&k, 0.4135, 1.061), 1234.0 * 2150.0 / 1.3 * 0.4135 / 0.37 * 1.061,
	             REL, 0);
	assert_close(projects_capacity(&k, 0.0, 1.061), 0.0, 0, 0);
	/* 14.2: 0.4512 (1 + 1.55 (0.8123 - 0.7123)) (2 - 0.4135 / 0.37)
	** (1 - 0.93 (0.4712 - 0.3456)) = 0.4512 x 1.155 x 0.882432 x 0.883192 */
	assert_close(projects_overrun(&p, &k, 0.8123, 0.4135, 0.4712),
	             0.4512 * 1.155 * skill * lead, REL, 0);
	/* At the references o = overrun_reference. */
	assert_close(projects_overrun(&p, &k, 0.7123, 0.37, 0.3456), 0.4512, REL, 0);
	/* With no skill twice the reference (14.2). */
	assert_close(projects_overrun(&p, &k, 0.7123, 0.0, 0.3456), 2.0 * 0.4512, REL, 0);
	/* The skill floor: 2 - 0.7 / 0.37 = 0.108 becomes 0.2. */
	assert_close(projects_overrun(&p, &k, 0.7123, 0.7, 0.3456), 0.4512 * 0.2, REL, 0);
	/* The pace floor: 1 + 1.55 (0 - 0.7123) = -0.104 becomes 0.2. */
	assert_close(projects_overrun(&p, &k, 0.0, 0.4135, 0.4712),
	             0.4512 * 0.2 * skill * lead, REL, 0);
	/* The leadership floor: 1 - 1.5 (1 - 0.3456) = 0.018 becomes 0.2. */
	p.leadership_loss_effect = 1.5;
	assert_close(projects_overrun(&p, &k, 0.8123, 0.4135, 1.0), 0.4512 * 1.155 * skill * 0.2,
	             REL, 0);
	/* At most 10: a reference of 4.5 with no skill at full use gives 4.5 x
	** (1 + 1.55 x 0.2877) x 2 = 13.01; just below the cap it is not cut:
	** 3.4 x 1.445935 x 2 = 9.83. */
	p.projects_overrun_reference = 4.5;
	assert_close(projects_overrun(&p, &k, 1.0, 0.0, 0.3456), 10.0, 0, 0);
	p.projects_overrun_reference = 3.4;
	assert_close(projects_overrun(&p, &k, 1.0, 0.0, 0.3456), 3.4 * (1.0 + 1.55 * 0.2877) * 2.0,
	             REL, 0);
}

/* ---- the model as a whole ------------------------------------------------ */

static void test_model_init(void **state)
{
	struct model_params p = city();
	struct model_year yr;
	struct model_flows f;
	double y[S_COUNT], dy[S_COUNT];

	(void)state;
	model_init(&p, y);
	assert_close(y[S_CASH], 750000.0, 0, 0);
	assert_close(y[S_SKILL], 0.4, 0, 0);
	assert_close(y[S_LEGACY], 0.3, 0, 0);
	assert_close(y[S_RESISTANCE], 0.5, 0, 0);
	assert_close(y[S_MATURITY], 0.25, 0, 0);
	assert_close(y[S_ADOPTION], 0.25, 0, 0);
	assert_close(y[S_LEADERSHIP], 0.35, 0, 0);
	assert_close(y[S_COMMITMENT], 0.5, 0, 0);
	assert_close(y[S_CYNICISM], 0.0, 0, 0);
	/* 3.2: the modern share aged evenly, (1 - 0.3) / 3 a stage. */
	for (int i = S_MODERN; i <= S_MODERN3; i++)
		assert_close(y[i], 0.7 / 3.0, REL, 0);
	/* 1.1: the pipelines, the trained capability, the double running and
	** the platforms start at the equilibrium of the first year's flows
	** (model_init repeats flows and stocks until none moves by 1e-13):
	** at y their rates are 0 (to the pipelines' size, EUR 2e5, times
	** 1e-13 a stage), D = modernisation x 0.75 (3.2), T = c (1 - 0.4) /
	** (out + c) (4), and Pl = x / (1 + x) (6.2) of the flows at y. */
	model_year_begin(&p, 2026, y, NULL, &yr);
	model_flows(2026.0, y, &p, &yr, &f);
	model_deriv(2026.0, y, dy, &p, &yr);
	for (int i = S_INFRA_PIPE; i <= S_SERV_PIPE3; i++)
		assert_close(dy[i], 0.0, 0, 1e-7);
	assert_close(dy[S_TRAINED], 0.0, 0, 1e-12);
	assert_close(dy[S_DOUBLE], 0.0, 0, 1e-12);
	assert_close(dy[S_PLATFORM], 0.0, 0, 1e-12);
	assert_close(y[S_DOUBLE], f.modernisation * 0.75, 1e-11, 0);
	/* The pipelines hold a year of the first year's spend, a third a
	** stage: 0.30 and 0.20 of the plan (2.5). */
	for (int i = 0; i < 3; i++) {
		assert_close(y[S_INFRA_PIPE + i], f.invest[DOM_INFRASTRUCTURE] / 3.0, 1e-11, 0);
		assert_close(y[S_SERV_PIPE + i], f.invest[DOM_VALUE_CREATION] / 3.0, 1e-11, 0);
	}
	/* 3.1: the first day's O&M is 0.75 of the base budget by construction
	** of V, plus the double running: V x 0.25 x 2 x D. */
	assert_close(f.om, 0.75 * 6.92e6 + CITY_V * 0.25 * 2.0 * y[S_DOUBLE], 1e-12, 0);
	/* 14.1: the year's capacity from the first day's S = 0.4 and Ld = 0.35. */
	assert_close(yr.capacity, 3.36e6, REL, 0);
	/* The running totals start at 0. */
	for (int i = S_CUM_TOPUP; i < S_COUNT; i++)
		assert_close(y[i], 0.0, 0, 0);
}

/* A state away from every equilibrium, in the default city. */
static void off_state(const struct model_params *p, double y[S_COUNT])
{
	model_init(p, y);
	y[S_CASH] = 3.1e5;
	y[S_SKILL] = 0.4512;
	y[S_TRAINED] = 0.0371;
	y[S_LEGACY] = 0.3319;
	y[S_DOUBLE] = 0.0213;
	y[S_MODERN] = 0.2131;
	y[S_MODERN2] = 0.2387;
	y[S_MODERN3] = 0.2163;   /* the stages sum to 1 - 0.3319 */
	y[S_RESISTANCE] = 0.4623;
	y[S_CYNICISM] = 0.1234;
	y[S_MATURITY] = 0.3117;
	y[S_ADOPTION] = 0.2789;
	y[S_PLATFORM] = 0.4421;
	y[S_LEADERSHIP] = 0.4123;
	y[S_COMMITMENT] = 0.5312;
}

static void test_model_deriv(void **state)
{
	struct model_params p = city();
	struct model_year yr;
	struct model_flows f;
	double y[S_COUNT], dy[S_COUNT], om, policy, stages = 0.0, pipes = 0.0;
	double eff, u, o, cost;

	(void)state;
	off_state(&p, y);
	model_year_begin(&p, 2026, y, NULL, &yr);
	model_flows(2026.0, y, &p, &yr, &f);
	model_deriv(2026.0, y, dy, &p, &yr);
	/* How the sub-models are wired, by hand: 3.1 and 6.1 at P = 1. */
	assert_close(f.om_legacy, CITY_V * 0.25 * 2.0 * (0.3319 + 0.0213), REL, 0);
	assert_close(f.om_modern, CITY_V * 0.25 * (1.0 - 0.3319), REL, 0);
	assert_close(f.om_digital, 237.0 * 0.3117 * 50000.0 * 0.15, REL, 0);
	om = f.om_legacy + f.om_modern + f.om_digital;
	assert_close(f.om, om, REL, 0);
	assert_close(f.surplus, 6.92e6 - om, REL, 0);
	assert_close(f.income, 6.92e6 + 675000.0, REL, 0);
	/* 14.1: 1,680 x 2,000 / 1 x 0.4512 / 0.4 x (1 + 0.5 (0.4123 - 0.35)) */
	assert_close(f.capacity, 1680.0 * 2000.0 * 0.4512 / 0.4 * (1.0 + 0.5 * 0.0623), REL, 0);
	/* 7: exposed L + D = 0.3532; policies 0.07 (675,000 + surplus) */
	policy = 0.07 * (675000.0 + 6.92e6 - om);
	assert_close(f.hazard, 0.01 * (1.0 + 5.0 * 0.3532 * 0.3532) * (1.0 - 0.6 * half(policy, 336000.0)),
	             REL, 0);
	assert_close(f.incident_cost, f.hazard * 2.55e6, REL, 0);

	/* 2.3: the own plan outside policies, 0.93 (675,000 + surplus). */
	assert_close(f.desired, 0.93 * (675000.0 + f.surplus), REL, 0);

	/* What money buys (3.2, 5.2, 6.3, 14): E = (1 - 0.4623) / 0.5 x
	** 0.4512 / 0.4 x 1.03115; the capacity's use u = 0.93 (675,000 +
	** surplus) / capacity (phi = 1); o = 0.45 max(0.2, 1 + 1.5 (u - 0.7))
	** max(0.2, 2 - 0.4512 / 0.4) max(0.2, 1 - (0.4123 - 0.35)), the skill
	** factor 0.872; lost time 0.6 x hazard; E_eff = E (1 - lost) 1.45 /
	** (1 + o). The pipelines deliver 3 Q_3 / 1. */
	eff = 1.0754 * 1.128 * 1.03115;
	assert_close(f.effectiveness, eff, REL, 0);
	u = 0.93 * (675000.0 + f.surplus) / f.capacity;
	assert_close(f.utilisation, u, 1e-12, 0);
	o = 0.45 * fmax(0.2, 1.0 + 1.5 * (u - 0.7)) * 0.872 * (1.0 - 0.0623);
	assert_close(f.overrun, o, 1e-12, 0);
	assert_close(f.lost_time, 0.6 * f.hazard, REL, 0);
	eff *= (1.0 - 0.6 * f.hazard) * 1.45 / (1.0 + o);
	assert_close(f.infra_delivered, 3.0 * y[S_INFRA_PIPE3], REL, 0);
	assert_close(f.serv_delivered, 3.0 * y[S_SERV_PIPE3], REL, 0);
	assert_close(f.loss, 3.0 * (y[S_INFRA_PIPE3] + y[S_SERV_PIPE3]) * o / (1.0 + o), 1e-12, 0);
	assert_close(f.modernisation, sat(3.0 * y[S_INFRA_PIPE3] * eff / (CITY_V * 1.45), 0.3319 / 3.0),
	             1e-12, 0);
	/* 6.2-6.3: c = 50,000 (1 - 0.6 x 0.4421)(1 - 0.2 x 0.3), the peers at
	** 0.3 in the first year; no mandate, priority 1. */
	cost = 50000.0 * (1.0 - 0.6 * 0.4421) * (1.0 - 0.2 * 0.3);
	assert_close(f.cost_per_service, cost, REL, 0);
	assert_close(f.delivery, sat(3.0 * y[S_SERV_PIPE3] * eff * (1.0 - 0.5 * 0.3319) / (cost * 237.0),
	                             (1.0 - 0.3117) / 2.0 / (1.0 - 0.3 * 0.4421)), 1e-12, 0);
	/* 5.1: wins from delivery; cynicism from the pace above 0.06 and the
	** overrun above 0.45 (none here: o < 0.45). */
	assert_true(o < 0.45);
	assert_close(f.resist_wins, 2.0 * f.delivery * 0.4623, REL, 0);
	assert_close(f.cynicism_in, fmax(0.0, f.modernisation + f.delivery - 0.06) * (1.0 - 0.1234),
	             1e-12, 0);

	/* Each stock's rate is the sum of its flow terms. */
	assert_close(dy[S_CASH], f.cash_rate, 0, 0);
	assert_close(dy[S_SKILL], f.transfer + f.skill_turnover - f.skill_decay, REL, 1e-15);
	assert_close(dy[S_TRAINED], f.training - f.transfer - f.fade - f.leavers_trained, REL, 1e-15);
	assert_close(dy[S_LEGACY], f.aging - f.modernisation, REL, 1e-15);
	assert_close(dy[S_DOUBLE], f.modernisation - f.decommissioning, REL, 1e-15);
	assert_close(dy[S_RESISTANCE], f.resist_fatigue + f.resist_fear + f.resist_drift
	             - f.resist_cm - f.resist_wins - f.resist_sponsor, REL, 1e-15);
	assert_close(dy[S_CYNICISM], f.cynicism_in - f.cynicism_out, REL, 1e-15);
	assert_close(dy[S_MATURITY], f.delivery - f.obsolescence, REL, 1e-15);
	assert_close(dy[S_ADOPTION], f.adoption_rate, 0, 0);
	assert_close(dy[S_PLATFORM], f.platform_rate, 0, 0);
	assert_close(dy[S_LEADERSHIP], f.leadership_rate, 0, 0);
	assert_close(dy[S_COMMITMENT], f.commitment_rate, 0, 0);
	/* Decommissioning at D / 0.75, ageing out of the last stage at
	** 0.2163 x 3 / 20; the modern stages gain what is modernised. */
	assert_close(f.decommissioning, 0.0213 / 0.75, REL, 0);
	assert_close(f.aging, 0.2163 * 3.0 / 20.0, REL, 0);
	for (int i = 0; i < 3; i++) {
		stages += dy[S_MODERN + i];
		pipes += dy[S_INFRA_PIPE + i];
	}
	assert_close(stages, f.modernisation - f.aging, 1e-12, 1e-15);
	/* Legacy and the modern stages keep summing to 1. */
	assert_close(dy[S_LEGACY] + stages, 0.0, 0, 1e-15);
	assert_close(pipes, f.invest[DOM_INFRASTRUCTURE] - f.infra_delivered, 1e-12, 1e-6);
	/* The running totals integrate the flows. */
	assert_close(dy[S_CUM_OM_LEGACY], f.om_legacy, 0, 0);
	assert_close(dy[S_CUM_SURPLUS], f.surplus, 0, 0);
	assert_close(dy[S_CUM_INCIDENTS], f.hazard, 0, 0);
	assert_close(dy[S_CUM_ADOPTION], 0.2789, 0, 0);
	assert_close(dy[S_CUM_CUT], 1.0 - f.funded_ratio, 0, 0);
	assert_close(dy[S_CUM_GAPM], (1.0 - f.money_ratio) * f.desired, 0, 0);
	assert_close(dy[S_CUM_CUT2M], 1.0 - f.cofunded_money_ratio, 0, 0);
	assert_close(dy[S_CUM_LOSS], f.loss, 0, 0);

	/* 14.1: the capacity is planned for the year from its first day's
	** skill and leadership; within the year it does not follow them. At
	** S = 0.3 and Ld = 0.5 on a first day it would be 1,680 x 2,000 x
	** 0.3 / 0.4 x (1 + 0.5 x 0.15) = 2,709,000. */
	y[S_SKILL] = 0.3;
	y[S_LEADERSHIP] = 0.5;
	model_flows(2026.0, y, &p, &yr, &f);
	assert_close(f.capacity, 1680.0 * 2000.0 * 0.4512 / 0.4 * (1.0 + 0.5 * 0.0623), REL, 0);
	assert_close(f.capacity, yr.capacity, 0, 0);
	model_year_begin(&p, 2026, y, NULL, &yr);
	assert_close(yr.capacity, 2709000.0, REL, 0);
	y[S_SKILL] = 0.4512;
	y[S_LEADERSHIP] = 0.4123;

	/* 2.3, O&M first: a base budget cut to 3.46e6 does not cover the O&M;
	** no surplus, the general budget tops up O&M + 0.07 x 675,000 - (3.46e6
	** + 675,000); the plan 0.93 x 675,000 is paid from cash (3.1e5 / 0.25
	** = 1.24e6 available), which falls at that rate. */
	add_shock(&p, SHOCK_BASE, 2026, 1, 0.5);
	model_year_begin(&p, 2026, y, NULL, &yr);
	model_flows(2026.0, y, &p, &yr, &f);
	assert_close(f.surplus, 0.0, 0, 0);
	assert_close(f.om, om, REL, 0);
	assert_close(f.topup, om + 47250.0 - 4.135e6, 1e-12, 0);
	assert_close(f.funded_ratio, 1.0, 0, 0);
	assert_close(f.cash_rate, -627750.0, 1e-12, 0);

	/* 8, the mandate (target 0.8 from 2026): gap 0.8 - 0.3117 = 0.4883,
	** delivery at priority 1 + 1 x 0.4883, value creation's share 0.20 +
	** 0.5 x 0.4883 x 0.80. */
	p.named_count[NAMED_SHOCK] = 0;
	p.mandate_active = 1;
	p.mandate_start_year = 2026;
	p.mandate_target = 0.8;
	model_year_begin(&p, 2026, y, NULL, &yr);
	model_flows(2026.0, y, &p, &yr, &f);
	assert_close(yr.mandate_gap, 0.4883, REL, 0);
	assert_close(yr.share[DOM_VALUE_CREATION], 0.20 + 0.5 * 0.4883 * 0.80, REL, 0);
	assert_close(f.priority, 1.4883, REL, 0);
	eff = f.effectiveness * (1.0 - f.lost_time) * 1.45 / (1.0 + f.overrun);
	assert_close(f.delivery, sat(3.0 * y[S_SERV_PIPE3] * eff * 1.4883 * (1.0 - 0.5 * 0.3319)
	                             / (cost * 237.0), (1.0 - 0.3117) / 2.0 / (1.0 - 0.3 * 0.4421)),
	             1e-12, 0);
}

static void test_full_resistance_blocks(void **state)
{
	struct model_params p = city();
	struct model_year yr;
	struct model_flows f;
	double y[S_COUNT];

	(void)state;
	model_init(&p, y);
	y[S_RESISTANCE] = 1.0;
	model_year_begin(&p, 2026, y, NULL, &yr);
	model_flows(2026.0, y, &p, &yr, &f);
	/* 5.2: at R = 1 money buys nothing, and training teaches nothing. */
	assert_close(f.effectiveness, 0.0, 0, 0);
	assert_close(f.modernisation, 0.0, 0, 0);
	assert_close(f.delivery, 0.0, 0, 0);
	assert_close(f.training, 0.0, 0, 0);
}

/* The default city on its first day, with some double running, written
** out by hand (not model_init) so that the references below are known. */
static void first_day(double y[S_COUNT])
{
	memset(y, 0, S_COUNT * sizeof y[0]);
	y[S_CASH] = 7.5e5;
	y[S_SKILL] = 0.4;
	y[S_LEGACY] = 0.3;
	y[S_DOUBLE] = 0.0213;
	y[S_MODERN] = y[S_MODERN2] = y[S_MODERN3] = 0.7 / 3.0;
	y[S_RESISTANCE] = 0.5;
	y[S_MATURITY] = 0.25;
	y[S_ADOPTION] = 0.25;
	y[S_PLATFORM] = 0.55;
	y[S_LEADERSHIP] = 0.35;
	y[S_COMMITMENT] = 0.5;
}

static void test_model_outputs(void **state)
{
	struct model_params p = city();
	struct model_year yr1, yr2;
	double y0[S_COUNT], y1[S_COUNT], out[OV_COUNT], prev[OV_COUNT] = { 0 };
	/* References of 12.6 on the first day: O&M V x 0.25 (2 (0.3 + 0.0213)
	** + 0.7) + 444,375 = 5,345,510.48; surplus 6.92e6 - that; policies
	** 0.07 (675,000 + surplus) = 157,464.27; hazard 0.01 x 6^0.3213 x
	** (1 - 0.6 half(policy, 336,000)) = 0.0143788; x 2.55e6 = 36,665.85. */
	const double om_ref = CITY_V * 0.25 * 1.3426 + 444375.0;
	const double pol = 0.07 * (675000.0 + 6.92e6 - om_ref);
	const double inc_ref = 0.01 * (1.0 + 5.0 * 0.3213 * 0.3213) * (1.0 - 0.6 * half(pol, 336000.0))
	                       * 2.55e6;
	/* The quarter [2027.25, 2027.5] at P = 1.02: added savings 4.3e5 -
	** 300,000 x 0.25 x 20 x 1.02 x 0.25 = 47,500; paper 1.5 x 300,000 x
	** (0.0689 - 0.25 x 0.25) x 1.02 = 2,937.6; staff time 0.6 (47,500 -
	** 2,937.6) = 26,737.44; posts released 0.35 of it = 9,358.104. */
	const double paper = 2937.6, staff = 0.6 * (47500.0 - 2937.6), posts = 0.35 * staff;
	const double om = 0.61e6 + 0.65e6 + 0.12e6;
	/* Spend: plan_d (0.25 - 0.05) + a_d (3.8e5 - 2e4) outside policies,
	** 0.07 x 675,000 x 0.25 + 0.07 x 3.8e5 = 38,412.5 in policies; the
	** co-funded project 1e6 x (0.25 - 0.05) on infrastructure, the loan
	** 4e5 x 0.25 on value creation. Outside policies the plans sum to
	** 0.93 x 675,000 = 627,750. */
	const double invest = 627750.0 * 0.2 + 0.93 * 3.6e5 + 38412.5 + 2e5 + 1e5;
	const double renewal = 0.93 * 3.6e5 + 0.07 * 3.8e5;
	/* 12.6: own cost = invest + debt service 25,000 + fees 5,000 - grants
	** 6.5e5 x 0.2 - loans 1e5 - partner 2e5 x 0.2 - renewal. */
	const double own_cost = invest + 25000.0 + 5000.0 - 1.3e5 - 1e5 - 4e4 - renewal;
	/* 7: the period's incident cost, 2.55e6 x 1.02 x 0.0035 expected
	** incidents = 9,103.5. */
	const double incidents = 9103.5;
	const double cash = (om_ref * 1.02 * 0.25 - om) + paper + posts
	                    + (inc_ref * 1.02 * 0.25 - incidents);

	(void)state;
	p.savings_posts_released_share = 0.35;
	p.workforce_recruitment_eur = 2385;
	first_day(y0);
	model_year_begin(&p, 2026, y0, NULL, &yr1);
	assert_close(yr1.om_ref, om_ref, REL, 0);
	assert_close(yr1.incident_ref, inc_ref, REL, 0);
	/* 2.2 in the second year (nothing to reinvest: the running totals say
	** adoption never reached its start); the references carry over. */
	model_year_begin(&p, 2027, y0, &yr1, &yr2);
	assert_close(yr2.price_index, 1.02, REL, 0);
	assert_close(yr2.om_ref, yr1.om_ref, 0, 0);
	assert_close(yr2.incident_ref, yr1.incident_ref, 0, 0);
	assert_close(yr2.savings_ref, 300000.0 * 0.25 * 20.0 * 1.02, REL, 0);
	/* 4: 1,680 x 0.1 x 2,385 a year; hires at 0.4 + 0.3 half(2,385 / 1.02
	** x (1 + 1 x 0.35), 5,000), leadership on the first day 0.35. */
	assert_close(yr2.recruitment, 400680.0, REL, 0);
	assert_close(yr2.hire_skill, 0.4 + 0.3 * half(2385.0 / 1.02 * 1.35, 5000.0), REL, 0);
	yr2.fin.grants = 6.5e5;
	yr2.fin.partner = 2e5;
	yr2.fin.cofunded[DOM_INFRASTRUCTURE] = 1e6;
	yr2.cofunded_total = 1e6;
	yr2.fin.loan_draw = 4e5;
	yr2.fin.loan_spend[DOM_VALUE_CREATION] = 4e5;
	yr2.fin.interest = 3e4;
	yr2.fin.repayment = 7e4;
	yr2.fin.fees = 2e4;
	yr2.fin.loan_balance = 1e6;
	yr2.committed = 1.2e5;
	budget_sums(&yr2);

	memcpy(y1, y0, sizeof y1);
	y1[S_CUM_OM_LEGACY] += 0.61e6;
	y1[S_CUM_OM_MODERN] += 0.65e6;
	y1[S_CUM_OM_DIGITAL] += 0.12e6;
	y1[S_CUM_INCIDENTS] += 0.0035;
	y1[S_CUM_SAVINGS] += 4.3e5;
	y1[S_CUM_ADOPTION] += 0.0689;
	y1[S_CUM_TOPUP] += 1.7e4;
	y1[S_CUM_CUT] += 0.05;
	y1[S_CUM_CUT_SURPLUS] += 2e4;
	y1[S_CUM_SURPLUS] += 3.8e5;
	y1[S_CUM_CUT2] += 0.05;
	y1[S_CUM_GAPM] += 19995.0;   /* 627,750 x 0.02 + 0.93 x 8e3: what money alone cut */
	y1[S_CUM_CUT2M] += 0.01;
	y1[S_CUM_LOSS] += 3e4;
	y1[S_LEGACY] = 0.3051;
	y1[S_MATURITY] = 0.2712;
	model_outputs(2027.25, 2027.5, y0, y1, &p, &yr2, NULL, out);
	assert_close(out[OV_year], 2027.25, 0, 0);
	assert_close(out[OV_service_maturity], 0.2712, 0, 0);
	assert_close(out[OV_services_online], 0.2712 * 237.0, REL, 0);
	/* 3.2: 0.3051 x V x 1.45 x 1.02 */
	assert_close(out[OV_legacy_backlog_eur], 0.3051 * CITY_V * 1.45 * 1.02, REL, 0);
	/* 2.6: rates fixed for the year times the period */
	assert_close(out[OV_base_budget_eur], 6.92e6 * 1.02 * 0.25, REL, 0);
	assert_close(out[OV_transformation_budget_eur], 675000.0 * 0.25, REL, 0);
	assert_close(out[OV_recruitment_eur], 400680.0 * 0.25, REL, 0);
	assert_close(out[OV_topup_eur], 1.7e4, REL, 0);
	assert_close(out[OV_invest_infrastructure_eur],
	             0.30 * 675000.0 * 0.2 + 0.30 * 3.6e5 + 1e6 * 0.2, REL, 0);
	assert_close(out[OV_invest_value_creation_eur],
	             0.20 * 675000.0 * 0.2 + 0.20 * 3.6e5 + 4e5 * 0.25, REL, 0);
	assert_close(out[OV_invest_policies_eur], 38412.5, REL, 0);
	assert_close(out[OV_investment_eur], invest, REL, 0);
	assert_close(out[OV_om_share], om / (om + invest), REL, 0);
	assert_close(out[OV_grants_eur], 6.5e5 * 0.2, REL, 0);
	assert_close(out[OV_grant_lapsed_eur], 6.5e5 * 0.05, REL, 0);
	assert_close(out[OV_partner_eur], 2e5 * 0.2, REL, 0);
	assert_close(out[OV_loans_eur], 1e5, REL, 0);
	assert_close(out[OV_debt_service_eur], 25000.0, REL, 0);
	assert_close(out[OV_interest_eur], 7500.0, REL, 0);
	assert_close(out[OV_service_fees_eur], 5000.0, REL, 0);
	assert_close(out[OV_treasury_eur], 30000.0, REL, 0);
	/* 12.1: the balance moves evenly: 1e6 + (7e4 - 4e5) x (2028 - 2027.5) */
	assert_close(out[OV_loan_balance_eur], 835000.0, REL, 0);
	/* funding gap = dGAPM + 1e6 x 0.01 = 19,995 + 10,000 = 29,995;
	** unabsorbed = 627,750 x 0.05 + 0.93 x 2e4 + 1e6 x 0.05 - 29,995 */
	assert_close(out[OV_funding_gap_eur], 29995.0, REL, 0);
	assert_close(out[OV_unabsorbed_eur], 31387.5 + 18600.0 + 50000.0 - 29995.0, REL, 0);
	assert_close(out[OV_own_cost_eur], own_cost, REL, 0);
	assert_close(out[OV_savings_eur], 4.3e5, REL, 0);
	assert_close(out[OV_added_savings_eur], 47500.0, REL, 0);
	/* 12.6, the split */
	assert_close(out[OV_paper_avoided_eur], paper, 1e-9, 0);
	assert_close(out[OV_posts_released_eur], posts, 1e-9, 0);
	assert_close(out[OV_om_avoided_eur], om_ref * 1.02 * 0.25 - om, REL, 0);
	assert_close(out[OV_incidents_avoided_eur], inc_ref * 1.02 * 0.25 - incidents, 1e-9, 0);
	assert_close(out[OV_cash_benefit_eur], cash, 1e-9, 0);
	assert_close(out[OV_capacity_benefit_eur], staff - posts, 1e-9, 0);
	/* 26,737.44 / (75 x 1.02) = 349.51 hours */
	assert_close(out[OV_staff_hours_freed], staff / (75.0 * 1.02), 1e-9, 0);
	assert_close(out[OV_incident_cost_eur], incidents, REL, 0);
	assert_close(out[OV_incident_funding_eur], incidents, REL, 0);
	assert_close(out[OV_expected_incidents], 0.0035, REL, 0);
	assert_close(out[OV_project_loss_eur], 3e4, REL, 0);
	/* 14.1: the year's capacity at P = 1.02 from the first day's S = 0.4
	** and Ld = 0.35, 3.36e6 x 1.02, for the quarter. */
	assert_close(out[OV_absorption_capacity_eur], 3.36e6 * 1.02 * 0.25, REL, 0);
	/* The running net benefit: this row's, then added to the last row's. */
	assert_close(out[OV_cum_net_benefit_eur], cash - own_cost, 1e-9, 1e-6);
	prev[OV_cum_net_benefit_eur] = -2.385e6;
	model_outputs(2027.25, 2027.5, y0, y1, &p, &yr2, prev, out);
	assert_close(out[OV_cum_net_benefit_eur], -2.385e6 + cash - own_cost, 1e-9, 0);
}

/* ---- the money identity of 2.6 over whole years -------------------------- */

#define STEPS 12

/* Fiscal year `year` from y (advanced to its end) by Euler steps of 1/12
** year; its record into yr and its row into out. */
static void run_year(const struct model_params *p, int year, double y[S_COUNT],
                     const struct model_year *prev, struct model_year *yr, double out[OV_COUNT])
{
	double y0[S_COUNT], dy[S_COUNT];

	model_year_begin(p, year, y, prev, yr);
	memcpy(y0, y, sizeof y0);
	for (int i = 0; i < STEPS; i++) {
		model_deriv(year + (double)i / STEPS, y, dy, p, yr);
		for (int j = 0; j < S_COUNT; j++)
			y[j] += dy[j] / STEPS;
	}
	model_outputs(year, year + 1.0, y0, y, p, yr, NULL, out);
}

/* sources - uses of a row (2.6) */
static double sources_less_uses(const double *o)
{
	double invest = 0.0;

	for (int d = 0; d < DOM_COUNT; d++)
		invest += o[outvars_invest[d]];
	assert_close(invest, o[OV_investment_eur], 1e-12, 1e-6);
	return o[OV_base_budget_eur] + o[OV_transformation_budget_eur]
	       + o[OV_reinvested_savings_eur] + o[OV_topup_eur] + o[OV_grants_eur]
	       + o[OV_loans_eur] + o[OV_partner_eur] + o[OV_treasury_eur]
	       + o[OV_incident_funding_eur]
	       - (o[OV_om_legacy_eur] + o[OV_om_modern_eur] + o[OV_om_digital_eur]
	          + o[OV_incident_cost_eur] + o[OV_recruitment_eur] + invest
	          + o[OV_debt_service_eur] + o[OV_service_fees_eur]);
}

/* 12.6: the benefit split's identities in a row. */
static void check_benefits(const struct model_params *p, const struct model_year *yr,
                           const double *o)
{
	double staff = o[OV_staff_hours_freed] * p->workforce_hour_cost_eur * yr->price_index;

	assert_close(o[OV_cash_benefit_eur], o[OV_om_avoided_eur] + o[OV_paper_avoided_eur]
	             + o[OV_posts_released_eur] + o[OV_incidents_avoided_eur], 1e-12, 1e-6);
	assert_close(staff, 0.6 * (o[OV_added_savings_eur] - o[OV_paper_avoided_eur]), 1e-12, 1e-6);
	assert_close(o[OV_posts_released_eur], 0.35 * staff, 1e-12, 1e-6);
	assert_close(o[OV_capacity_benefit_eur], staff - o[OV_posts_released_eur], 1e-12, 1e-6);
	assert_close(o[OV_om_avoided_eur], yr->om_ref * yr->price_index
	             - (o[OV_om_legacy_eur] + o[OV_om_modern_eur] + o[OV_om_digital_eur]), 1e-12, 1e-6);
}

static void test_money_identity(void **state)
{
	struct model_params p = city();
	struct model_year yr1, yr2;
	struct model_flows f;
	double y[S_COUNT], out1[OV_COUNT], out2[OV_COUNT], cash0;

	(void)state;
	/* A plan above the absorption capacity (3.1e6 of transformation money),
	** recruitment, posts released, a grant (4e5 a year at c = 0.35), a
	** loan (1.2e6 drawn in 2026, one grace year), a contract (capital 5e5,
	** partner 60 %, fee 9e4 indexed 2 %) and a shock of 60 % on both
	** budgets in 2027 that needs a top-up. */
	p.budget_transformation_eur = 3.1e6;
	p.workforce_recruitment_eur = 2385;
	p.savings_posts_released_share = 0.35;
	p.named_count[NAMED_GRANT] = 1;
	p.grant_amount_eur[0] = 4e5;
	p.grant_cofunding_share[0] = 0.35;
	p.grant_first_year[0] = 2026;
	p.grant_last_year[0] = 2027;
	p.grant_domains[0] = DOMAIN_BIT(DOM_INFRASTRUCTURE) | DOMAIN_BIT(DOM_VALUE_CREATION);
	p.named_count[NAMED_LOAN] = 1;
	p.loan_principal_eur[0] = 1.2e6;
	p.loan_draw_year[0] = 2026;
	p.loan_interest_rate[0] = 0.031;
	p.loan_term_years[0] = 8;
	p.loan_grace_years[0] = 1;
	p.named_count[NAMED_SERVICE] = 1;
	p.service_capital_eur[0] = 5e5;
	p.service_partner_share[0] = 0.6;
	p.service_fee_eur[0] = 9e4;
	p.service_domains[0] = DOMAIN_BIT(DOM_VALUE_CREATION);
	add_shock(&p, SHOCK_BOTH, 2027, 1, 0.6);
	model_init(&p, y);

	/* 14.2 on the first day: the plan asks more than the capacity, which
	** is used in full (u = 1, the load above it); at S = 0.4 and Ld = 0.35
	** o = 0.45 (1 + 1.5 (1 - 0.7)) = 0.6525, and o / (1 + o) = 0.395 of
	** what is delivered is lost ("at full use of capacity 40 %"). */
	model_year_begin(&p, 2026, y, NULL, &yr1);
	model_flows(2026.0, y, &p, &yr1, &f);
	assert_close(f.utilisation, 1.0, 1e-12, 0);
	assert_true(f.load > 1.2);
	assert_close(f.overrun, 0.6525, 1e-12, 0);
	assert_close(f.loss, (f.infra_delivered + f.serv_delivered) * 0.6525 / 1.6525, 1e-12, 0);
	/* The overrun above the reference, (0.6525 - 0.45) x 1 = 0.2025, feeds
	** cynicism [5a] (Y = 0) and costs commitment [16] (Pc = Pc_0 = 0.5). */
	assert_close(f.cynicism_in, fmax(0.0, f.modernisation + f.delivery - 0.06) + 0.5 * 0.2025,
	             1e-12, 0);
	assert_close(f.commitment_rate, 2.0 * f.delivery * 0.5 - (0.2025 + 2.0 * f.hazard) * 0.5,
	             1e-12, 0);

	cash0 = y[S_CASH];
	run_year(&p, 2026, y, NULL, &yr1, out1);
	assert_close(sources_less_uses(out1), y[S_CASH] - cash0, 0, 0.01);
	/* 12.1, 12.3, 12.4 by hand: the loan drawn, the grant and the partner's
	** 60 % of 5e5 paid in full (within money and capacity), the first fee. */
	assert_close(out1[OV_loans_eur], 1.2e6, REL, 0);
	assert_close(out1[OV_grants_eur], 4e5, 1e-9, 0);
	assert_close(out1[OV_partner_eur], 3e5, 1e-9, 0);
	assert_close(out1[OV_service_fees_eur], 9e4, REL, 0);
	assert_close(out1[OV_debt_service_eur], 0.0, 0, 0);
	/* The plan asks more than the capacity: some of it is carried over. */
	assert_true(out1[OV_unabsorbed_eur] > 1e5);
	assert_close(out1[OV_funding_gap_eur], 0.0, 0, 0.01);
	check_benefits(&p, &yr1, out1);
	assert_true(out1[OV_paper_avoided_eur] > 0.0);

	cash0 = y[S_CASH];
	run_year(&p, 2027, y, &yr1, &yr2, out2);
	assert_close(sources_less_uses(out2), y[S_CASH] - cash0, 0, 0.01);
	/* 2.2: reinvested 0.25 of the cash released outside the IT budget the
	** year before (paper and posts); carried over, the own plan not
	** absorbed (the co-funded projects were). */
	assert_close(yr2.reinvest, 0.25 * (out1[OV_paper_avoided_eur] + out1[OV_posts_released_eur]),
	             1e-9, 0);
	assert_close(yr2.carry, out1[OV_unabsorbed_eur], 1e-9, 0);
	/* Interest only in the grace year, 0.031 x 1.2e6; the fee 9e4 x 1.02. */
	assert_close(out2[OV_debt_service_eur], 37200.0, REL, 0);
	assert_close(out2[OV_service_fees_eur], 91800.0, REL, 0);
	assert_close(out2[OV_treasury_eur], 37200.0 + 91800.0, REL, 0);
	assert_true(out2[OV_topup_eur] > 1e5);
	check_benefits(&p, &yr2, out2);
}

static void test_state_ranges(void **state)
{
	double lo, hi;

	(void)state;
	model_state_range(S_SKILL, &lo, &hi);
	assert_close(lo, 0.0, 0, 0);
	assert_close(hi, 1.0, 0, 0);
	model_state_range(S_TRAINED, &lo, &hi);
	assert_true(lo == 0.0 && hi == 1.0);
	model_state_range(S_CASH, &lo, &hi);
	assert_true(lo == 0.0 && isinf(hi));
	model_state_range(S_SERV_PIPE3, &lo, &hi);
	assert_true(lo == 0.0 && isinf(hi));
	model_state_range(S_CUM_SAVINGS, &lo, &hi);
	assert_true(isinf(lo) && lo < 0.0);
	assert_true(model_state_is_money(S_CASH) && !model_state_is_money(S_CUM_CUT));
	/* The money gap's integral is in EUR (2.3), the co-funded one in yr. */
	assert_true(model_state_is_money(S_CUM_GAPM) && !model_state_is_money(S_CUM_CUT2M));
	assert_string_equal(model_state_name(S_CUM_GAPM), "cumulative_money_gap_eur");
	model_state_range(S_CUM_GAPM, &lo, &hi);
	assert_true(isinf(lo) && isinf(hi));
	assert_string_equal(model_state_name(S_LEGACY), "legacy_share");
	assert_string_equal(model_state_name(S_COUNT - 1), "cumulative_project_loss_eur");
	assert_string_equal(model_state_name(S_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile_city),
		cmocka_unit_test(test_profile_resized),
		cmocka_unit_test(test_profile_later_year),
		cmocka_unit_test(test_profile_no_portfolio),
		cmocka_unit_test(test_budget_year),
		cmocka_unit_test(test_budget_year_schedule),
		cmocka_unit_test(test_budget_sums),
		cmocka_unit_test(test_budget_constrain),
		cmocka_unit_test(test_budget_constrain_cofunded),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_workforce),
		cmocka_unit_test(test_resistance),
		cmocka_unit_test(test_services),
		cmocka_unit_test(test_adoption),
		cmocka_unit_test(test_security),
		cmocka_unit_test(test_pressures),
		cmocka_unit_test(test_leadership),
		cmocka_unit_test(test_projects),
		cmocka_unit_test(test_model_init),
		cmocka_unit_test(test_model_deriv),
		cmocka_unit_test(test_full_resistance_blocks),
		cmocka_unit_test(test_model_outputs),
		cmocka_unit_test(test_money_identity),
		cmocka_unit_test(test_state_ranges),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
