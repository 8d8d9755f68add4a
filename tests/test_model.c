/*
** test_model.c: every flow equation of docs/MODEL.md against values computed
** by hand from the formula (the arithmetic is in the comment beside each).
** Inputs are "high entropy" so that a missing factor cannot pass.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "budget.h"
#include "legacy.h"
#include "model.h"
#include "pressures.h"
#include "resistance.h"
#include "security.h"
#include "services.h"
#include "testutil.h"
#include "workforce.h"

#define REL 1e-12

static struct model_params defaults(void)
{
	struct model_params p;

	params_defaults(&p);
	return p;
}

/* The year's derived constants for p, at price index 1. */
static struct model_coef coef(const struct model_params *p)
{
	struct model_coef k;

	model_coef_init(p, 1.0, &k);
	return k;
}

/* ---- 2. budget -------------------------------------------------------------- */

static void test_budget_year(void **state)
{
	struct model_params p = defaults();
	struct model_year prev, yr;
	double topups = 889110.0 + 153140.0 + 238700.0;

	(void)state;
	p.budget_it_base_eur = 1.2345e7;
	p.budget_growth_rate = 0.0275;
	p.budget_cost_inflation = 0.0215;
	p.budget_transformation_eur = 2.385e6;
	p.savings_reinvest_share = 0.31;
	p.mandate_funding_eur = 3.7e6;
	p.peers_budget_pull_eur = 1.9e6;
	memset(&prev, 0, sizeof prev);
	prev.base_trend = 1.3e7;
	prev.price_index = 1.05;

	/* First year: B = it_base, P = 1. */
	budget_year(&p, NULL, 0.0, 0.0, 0.0, &yr);
	assert_close(yr.base_budget, 1.2345e7, REL, 0);
	assert_close(yr.price_index, 1.0, REL, 0);
	assert_close(yr.transformation, 2.385e6, REL, 0);

	/* Later year, equation [1] and 2.2: B = 1.3e7 * 1.0275, P = 1.05 * 1.0215,
	** F_mandate = 0.2403 * 3.7e6 = 889110, F_peer = 0.0806 * 1.9e6 = 153140,
	** F_reinv = 0.31 * 7.7e5 = 238700, plan_d = a_d (2.385e6 + all three). */
	budget_year(&p, &prev, 0.2403, 0.0806, 7.7e5, &yr);
	assert_close(yr.base_budget, 13357500.0, REL, 0);
	assert_close(yr.price_index, 1.072575, REL, 0);
	assert_close(yr.mandate_topup, 889110.0, REL, 0);
	assert_close(yr.peer_topup, 153140.0, REL, 0);
	assert_close(yr.reinvest, 238700.0, REL, 0);
	assert_close(yr.transformation, 2.385e6 + 889110.0 + 153140.0, REL, 0);
	assert_close(yr.planned[DOM_INFRASTRUCTURE], 0.30 * (2.385e6 + topups), REL, 0);
	assert_close(yr.planned[DOM_LITERACY], 0.12 * (2.385e6 + topups), REL, 0);

	/* Negative savings never reinvest a negative amount. */
	budget_year(&p, &prev, 0.0, 0.0, -5e5, &yr);
	assert_close(yr.reinvest, 0.0, 0, 0);

	/* A schedule row replaces a_d * transformation_eur with its EUR. */
	p.schedule_active = 1;
	p.schedule_infrastructure = 1.1e6;
	budget_year(&p, &prev, 0.2403, 0.0806, 7.7e5, &yr);
	assert_close(yr.planned[DOM_INFRASTRUCTURE], 1.1e6 + 0.30 * topups, REL, 0);
	assert_close(yr.planned[DOM_LITERACY], 0.12 * topups, REL, 0);
	assert_close(yr.transformation, 1.1e6 + 889110.0 + 153140.0, REL, 0);
}

static const double planned[DOM_COUNT] = { 1e5, 2e5, 3e5, 4e5, 5e5, 6e5, 7e5, 8e5, 9e5, 1e6 };

/* A year whose plan is planned[], with the surplus shared at 0.1 a domain:
** the surplus passed to budget_constrain adds 0.1 * surplus to each plan. */
static struct model_year plan_year(void)
{
	struct model_year yr;

	memset(&yr, 0, sizeof yr);
	for (int d = 0; d < DOM_COUNT; d++) {
		yr.planned[d] = planned[d];
		yr.share[d] = 0.1;
	}
	return yr;
}
/* Desired spend of the nine domains other than policies: 5.5e6 - 6e5. */
#define DESIRED 4.9e6

static void test_budget_constrain_ample(void **state)
{
	struct model_params p = defaults();
	struct model_coef k;
	double plan[DOM_COUNT], inv[DOM_COUNT], real[DOM_COUNT];
	struct model_year yr = plan_year();
	struct budget_result r;

	(void)state;
	p.budget_drawdown_years = 0.25;
	k = coef(&p);
	/* free = 2e7 - 1.2e7 = 8e6 >= desired: everything funded;
	** cash rate = 8e6 - 4.9e6. */
	budget_constrain(&k, &yr, 0.0, 2e7, 1e6, 1.2e7, plan, inv, real, &r);
	assert_close(r.ratio, 1.0, 0, 0);
	assert_close(r.topup, 0.0, 0, 0);
	assert_close(r.shortfall, 0.0, 0, 1e-9);
	assert_close(r.cash_rate, 3.1e6, REL, 0);
	for (int d = 0; d < DOM_COUNT; d++)
		assert_close(inv[d], planned[d], REL, 0);
	assert_close(r.invest_total, 5.5e6, REL, 0);

	/* A surplus of 1e6 adds 0.1 * 1e6 to each plan: desired 4.9e6 + 9e5;
	** free 8e6 still covers it; real spend at price index 1.25 is spend / 1.25. */
	k.to_real = 1.0 / 1.25;
	budget_constrain(&k, &yr, 1e6, 2e7, 1e6, 1.2e7, plan, inv, real, &r);
	assert_close(plan[DOM_QUALITY], 8e5 + 1e5, REL, 0);
	assert_close(inv[DOM_QUALITY], 9e5, REL, 0);
	assert_close(real[DOM_QUALITY], 9e5 / 1.25, REL, 0);
	assert_close(real[DOM_POLICIES], 7e5 / 1.25, REL, 0);
	assert_close(r.cash_rate, 8e6 - 5.8e6, REL, 0);
}

static void test_budget_constrain_cash_limited(void **state)
{
	struct model_params p = defaults();
	struct model_coef k;
	double plan[DOM_COUNT], inv[DOM_COUNT], real[DOM_COUNT];
	struct model_year yr = plan_year();
	struct budget_result r;
	double phi = 3e6 / DESIRED;

	(void)state;
	p.budget_drawdown_years = 0.25;
	k = coef(&p);
	/* free = 1.5e7 - 1.3e7 = 2e6, cash 2.5e5 / 0.25 = 1e6 more:
	** phi = 3e6 / 4.9e6; cash falls at 2e6 - 3e6 = -1e6 EUR/yr. */
	budget_constrain(&k, &yr, 0.0, 1.5e7, 2.5e5, 1.3e7, plan, inv, real, &r);
	assert_close(r.ratio, phi, REL, 0);
	assert_close(r.shortfall, 1.9e6, 1e-9, 0);
	assert_close(r.cash_rate, -1e6, 1e-9, 0);
	assert_close(r.topup, 0.0, 0, 0);
	assert_close(inv[DOM_POLICIES], 6e5, REL, 0);
	assert_close(inv[DOM_INFRASTRUCTURE], phi * 7e5, REL, 0);
}

static void test_budget_constrain_topup(void **state)
{
	struct model_params p = defaults();
	struct model_coef k = coef(&p);
	double plan[DOM_COUNT], inv[DOM_COUNT], real[DOM_COUNT];
	struct model_year yr = plan_year();
	struct budget_result r;

	(void)state;
	/* Mandatory 1.25e7 > income 1e7: the general budget adds 2.5e6, nothing
	** is free, no cash: only policies are paid. */
	budget_constrain(&k, &yr, 0.0, 1e7, 0.0, 1.25e7, plan, inv, real, &r);
	assert_close(r.topup, 2.5e6, REL, 0);
	assert_close(r.ratio, 0.0, 0, 0);
	assert_close(r.cash_rate, 0.0, 0, 0);
	assert_close(r.shortfall, DESIRED, REL, 0);
	assert_close(inv[DOM_POLICIES], 6e5, REL, 0);
	assert_close(inv[DOM_VALUE_CREATION], 0.0, 0, 0);
}

/* ---- 3. legacy --------------------------------------------------------------- */

static struct model_params legacy_params(void)
{
	struct model_params p = defaults();

	p.legacy_portfolio_value_eur = 2.385e7;
	p.legacy_om_rate = 0.2385;
	p.legacy_om_multiplier = 2.3;
	p.legacy_lifetime_years = 17.3;
	p.legacy_modernisation_cost_factor = 1.45;
	p.legacy_min_modernisation_years = 3.7;
	return p;
}

static void test_legacy(void **state)
{
	struct model_params p = legacy_params();
	struct model_coef k = coef(&p);
	double oml, omm;

	(void)state;
	/* 3.1: 2.385e7 * 0.2385 * 2.3 * 0.3719 and 2.385e7 * 0.2385 * (1 - 0.3719). */
	legacy_om(&p, 0.3719, &oml, &omm);
	assert_close(oml, 4865537.01825, REL, 0);
	assert_close(omm, 3572774.1225, REL, 0);
	/* [3]: (1 - 0.3719) / 17.3 */
	assert_close(legacy_aging(&k, 0.3719), 0.03630635838150289, REL, 0);
	/* potential = 1.234e6 * 1.1385 / (2.385e7 * 1.45) = 0.0406249,
	** capacity = 0.3719 / 3.7; sat = P C / (P + C). */
	assert_close(legacy_modernisation(&k, 0.3719, 1.234e6, 1.1385), 0.028931514906973585, 1e-12, 0);
	/* An enormous spend saturates near the capacity 0.3719 / 3.7 = 0.100514. */
	assert_close(legacy_modernisation(&k, 0.3719, 1e12, 1.1385), 0.10051320663185452, 1e-12, 0);
	assert_true(legacy_modernisation(&k, 0.3719, 1e15, 1.1385) <= 0.3719 / 3.7);
	/* Nothing to modernise, nothing modernised. */
	assert_close(legacy_modernisation(&k, 0.0, 1e6, 1.0), 0.0, 0, 0);
	/* 0.3719 * 2.385e7 * 1.45 */
	assert_close(legacy_backlog(&p, 0.3719), 12861231.75, REL, 0);
}

/* ---- 4. workforce -------------------------------------------------------------- */

static void test_workforce(void **state)
{
	struct model_params p = defaults();
	struct model_coef k;

	(void)state;
	p.workforce_staff = 1234;
	p.workforce_training_cost_eur = 987;
	p.workforce_staff_literacy_share = 0.7;
	p.workforce_max_trainings = 1.85;
	p.workforce_training_gain = 0.2;
	p.workforce_turnover_rate = 0.0935;
	p.workforce_hire_skill = 0.4731;
	p.workforce_skill_half_life = 4.7;
	p.workforce_kt_max_reduction = 0.45;
	p.workforce_kt_half_eur = 123;
	p.norms_strength = 0.3;
	p.norms_training_boost = 0.5;
	k = coef(&p);
	/* [4]: courses = sat(5.55e5 * 0.7 / (1234 * 987), 1.85);
	** gain = courses * 0.2 * (1 - 0.4135) * 0.9 * (1 + 0.3 * 0.5) */
	assert_close(workforce_gain(&p, &k, 0.4135, 5.55e5, 0.9), 0.03303040898261714, 1e-12, 0);
	/* No training, no gain; a full skill gains nothing. */
	assert_close(workforce_gain(&p, &k, 0.4135, 0.0, 0.9), 0.0, 0, 0);
	assert_close(workforce_gain(&p, &k, 1.0, 5.55e5, 0.9), 0.0, 0, 0);
	/* 0.0935 * (0.4731 - 0.4135) */
	assert_close(workforce_turnover(&p, 0.4135), 0.0055726, 1e-12, 0);
	/* 0.4135 ln2 / 4.7 * (1 - 0.45 half(2.2e5 / 1234, 123)) */
	assert_close(workforce_decay(&p, &k, 0.4135, 2.2e5), 0.04474355292217258, 1e-12, 0);
	p.workforce_turnover_rate = 0;
	assert_close(workforce_turnover(&p, 0.4135), 0.0, 0, 0);
}

/* ---- 5. resistance --------------------------------------------------------------- */

static void test_resistance(void **state)
{
	struct model_params p = defaults();
	struct model_coef k;
	struct resistance_terms t;
	double cl;

	(void)state;
	p.effect_reference_resistance = 0.45;
	p.effect_reference_skill = 0.37;
	p.workforce_staff = 1234;
	p.resistance_cm_cost_eur = 187.5;
	p.resistance_cm_effect = 0.27;
	p.resistance_wins_effect = 1.9;
	p.resistance_pace_norm = 0.061;
	p.resistance_fatigue_effect = 1.3;
	p.resistance_fear_effect = 0.115;
	p.resistance_initial = 0.5234;
	p.resistance_drift_years = 7.7;
	k = coef(&p);
	/* [6]: f_R = (1 - 0.3851) / (1 - 0.45); E = f_R * 0.4135 / 0.37 */
	assert_close(resistance_factor(&k, 0.3851), 1.118, 1e-12, 0);
	assert_close(resistance_effectiveness(&k, 0.4135, 0.3851), 1.2494405405405404, 1e-12, 0);
	assert_close(resistance_effectiveness(&k, 0.4135, 1.0), 0.0, 0, 0);
	/* x = 2.1e5 / (1234 * 187.5); level x / (1 + x) */
	cl = resistance_cm_level(&k, 2.1e5);
	assert_close(cl, 0.475785896346644, 1e-12, 0);
	assert_close(resistance_cm_level(&k, 0.0), 0.0, 0, 0);
	/* [5] term by term at R = 0.3851, delivery 0.0473, pace 0.1123, process 0.612 */
	resistance_terms(&p, &k, 0.3851, cl, 0.0473, 0.1123, 0.612, &t);
	assert_close(t.cm, 0.049470790144435, 1e-12, 0);
	assert_close(t.wins, 0.034608937, 1e-12, 0);
	assert_close(t.fatigue, 0.041007681, 1e-12, 0);
	assert_close(t.fear, 0.043276662, 1e-12, 0);
	assert_close(t.drift, 0.01796103896103896, 1e-12, 0);
	/* Pace below the norm brings no fatigue. */
	resistance_terms(&p, &k, 0.3851, cl, 0.0473, 0.05, 0.612, &t);
	assert_close(t.fatigue, 0.0, 0, 0);
}

/* ---- 6. services, adoption, savings ------------------------------------------------ */

static struct model_params service_params(void)
{
	struct model_params p = defaults();

	p.services_count = 211;
	p.services_cost_per_service_eur = 1.6e5;
	p.services_om_rate = 0.137;
	p.services_collab_max_reuse = 0.27;
	p.services_collab_half_eur = 3.1e5;
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
	return p;
}

static void test_services(void **state)
{
	struct model_params p = service_params();
	struct model_coef k = coef(&p);
	double c, q, inc, K;

	(void)state;
	/* 6.1: 211 * 0.3317 * 1.6e5 * 0.137 */
	assert_close(services_om(&p, 0.3317), 1534152.304, REL, 0);
	/* 6.2: 1.6e5 (1 - 0.27 half(2.3e5, 3.1e5)) (1 - 0.19 * 0.4421) */
	c = services_cost(&p, 2.3e5, 0.4421);
	assert_close(c, 129705.7416, 1e-12, 0);
	/* 6.4: 0.77 + 0.23 half(1.3e5, 2.9e5) */
	q = services_quality(&p, 1.3e5);
	assert_close(q, 0.8411904761904763, 1e-12, 0);
	/* [7]: potential = 8.8e5 * 1.2345 * (1 - 0.45 * 0.3719) / (c * 211),
	** capacity (1 - 0.3317) / 2.3 */
	assert_close(services_delivery(&p, &k, 0.3317, 0.3719, 8.8e5, 1.2345, c), 0.029675946679808676, 1e-12, 0);
	assert_close(services_delivery(&p, &k, 1.0, 0.3719, 8.8e5, 1.2345, c), 0.0, 0, 0);
	/* 0.0321 * 0.3317 * (1 - half(1.3e5, 2.9e5)) */
	assert_close(services_obsolescence(&p, 0.3317, 1.3e5), 0.00735189357142857, 1e-12, 0);
	/* 0.7345 + (0.9712 - 0.7345) half(3.3e5, 4.7e5) */
	inc = adoption_inclusion(&p, 3.3e5);
	assert_close(inc, 0.83213875, 1e-12, 0);
	/* [8]: 0.3317^0.55 * inc * q */
	K = adoption_ceiling(&p, 0.3317, inc, q);
	assert_close(K, 0.38150488435335095, 1e-12, 0);
	assert_close(adoption_ceiling(&p, 0.0, inc, q), 0.0, 0, 0);
	/* [9] below the ceiling: (0.0123 + 0.3345 * 0.2215 / K)(K - 0.2215)
	** - 0.0213 * 0.0487 * 0.2215 */
	assert_close(adoption_rate(&p, &k, 0.2215, K, 0.3345, 0.0213), 0.03281271298162682, 1e-12, 0);
	/* above it: (K - 0.6) / 1.35 - 0.0213 * 0.0487 * 0.6 */
	assert_close(adoption_rate(&p, &k, 0.6, K, 0.3345, 0.0213), -0.1624706198123326, 1e-12, 0);
	/* 6.6: 2.87e5 * 0.2215 * (9.35 - 1.15) * (1 + 0.31 * 0.5723) */
	assert_close(services_savings(&p, 0.2215, 0.5723), 613759.6115553, 1e-12, 0);
}

/* ---- 7. security, 8. pressures ---------------------------------------------------- */

static void test_security(void **state)
{
	struct model_params p = defaults();

	(void)state;
	p.security_base_incident_rate = 0.0213;
	p.security_legacy_multiplier = 2.15;
	p.security_policy_max_reduction = 0.57;
	p.security_policy_half_eur = 3.2e5;
	p.security_recovery_years = 0.55;
	/* [10]: 0.0213 (1 + 1.15 * 0.3719)(1 - 0.57 half(2.6e5, 3.2e5)) */
	assert_close(security_hazard(&p, 0.3719, 2.6e5), 0.022639490272241377, 1e-12, 0);
	assert_close(security_lost_time(&p, 0.0213), 0.011715, 1e-12, 0);
	assert_close(security_lost_time(&p, 3.0), 1.0, 0, 0);
}

static void test_pressures(void **state)
{
	struct model_params p = defaults();

	(void)state;
	p.peers_maturity_initial = 0.3123;
	p.peers_growth_rate = 0.1437;
	p.sim_start_year = 2026;
	/* [11]: 1 / (1 + (1 - 0.3123)/0.3123 e^(-0.1437 * 3)) */
	assert_close(pressures_peer_maturity(&p, 2029), 0.41137395133156324, 1e-12, 0);
	assert_close(pressures_peer_maturity(&p, 2026), 0.3123, 1e-12, 0);

	p.mandate_active = 1;
	p.mandate_start_year = 2027;
	p.mandate_deadline_year = 2031;
	p.mandate_after_deadline = 0.5;
	p.mandate_target = 0.8123;
	assert_close(pressures_mandate_on(&p, 2026), 0.0, 0, 0);
	assert_close(pressures_mandate_on(&p, 2027), 1.0, 0, 0);
	assert_close(pressures_mandate_on(&p, 2031), 1.0, 0, 0);
	assert_close(pressures_mandate_on(&p, 2032), 0.5, 0, 0);
	/* 0.5 * (0.8123 - 0.3317) */
	assert_close(pressures_mandate_gap(&p, 0.5, 0.3317), 0.2403, 1e-12, 0);
	assert_close(pressures_mandate_gap(&p, 1.0, 0.9), 0.0, 0, 0);
	p.mandate_active = 0;
	assert_close(pressures_mandate_on(&p, 2028), 0.0, 0, 0);
	p.norms_strength = 0.31;
	p.norms_training_boost = 0.55;
	assert_close(pressures_norm_multiplier(&p), 1.1705, 1e-12, 0);
}

/* ---- the model as a whole ------------------------------------------------------------ */

static void test_init_equilibrium(void **state)
{
	struct model_params p = defaults();
	struct model_year yr;
	double y[S_COUNT], dy[S_COUNT];

	(void)state;
	model_init(&p, y);
	assert_close(y[S_CASH], p.budget_reserve_eur, 0, 0);
	assert_close(y[S_LEGACY], p.legacy_share_initial, 0, 0);
	/* 2.5: the pipelines start at the equilibrium of the first year's spend,
	** so their stages do not change at first. */
	model_year_begin(&p, 2026, y, NULL, &yr);
	model_deriv(2026.0, y, dy, &p, &yr);
	for (int i = S_INFRA_PIPE; i <= S_SERV_PIPE3; i++)
		assert_close(dy[i], 0.0, 0, 1e-6);
	assert_true(y[S_INFRA_PIPE] > 0.0);
}

static void test_cash_identity(void **state)
{
	struct model_params p = defaults();
	struct model_year yr;
	struct model_flows f;
	double y[S_COUNT];

	(void)state;
	model_init(&p, y);
	y[S_LEGACY] = 0.6385;
	y[S_MATURITY] = 0.4172;
	y[S_CASH] = 3.1e5;
	model_year_begin(&p, 2026, y, NULL, &yr);
	model_flows(2026.25, y, &p, &yr, &f);
	/* 2.4: [2] equals sources minus uses. */
	assert_close(f.cash_rate, f.income + f.topup - f.om - f.invest_total - f.incident_cost,
	             1e-12, 1e-6);
	assert_close(f.om, f.om_legacy + f.om_modern + f.om_digital, 1e-15, 0);
}

static void test_full_resistance_blocks(void **state)
{
	struct model_params p = defaults();
	struct model_year yr;
	struct model_flows f;
	double y[S_COUNT];

	(void)state;
	model_init(&p, y);
	y[S_RESISTANCE] = 1.0;
	model_year_begin(&p, 2026, y, NULL, &yr);
	model_flows(2026.0, y, &p, &yr, &f);
	/* 5.2: at R = 1 money buys nothing. */
	assert_close(f.effectiveness, 0.0, 0, 0);
	assert_close(f.modernisation, 0.0, 0, 0);
	assert_close(f.delivery, 0.0, 0, 0);
	assert_close(f.skill_gain, 0.0, 0, 0);
}

static void test_outputs(void **state)
{
	struct model_params p = defaults();
	struct model_year yr;
	double y0[S_COUNT], y1[S_COUNT], out[OV_COUNT], prev[OV_COUNT] = { 0 };

	(void)state;
	model_init(&p, y0);
	model_year_begin(&p, 2026, y0, NULL, &yr);
	memcpy(y1, y0, sizeof y1);
	y1[S_CUM_OM_LEGACY] += 3.1e6;
	y1[S_CUM_OM_MODERN] += 2.2e6;
	y1[S_CUM_OM_DIGITAL] += 1.3e6;
	/* Spend of domain d = plan_d * (period - cut integral) + a_d *
	** (surplus - cut surplus integral) + cofunded_d * (period - co-funding
	** cut integral); policies: plan * period + a * surplus integral. */
	memset(yr.planned, 0, sizeof yr.planned);
	memset(yr.share, 0, sizeof yr.share);
	yr.planned[DOM_QUALITY] = 2e6;
	yr.share[DOM_INCLUSION] = 0.25;
	yr.base_budget = 1.25e7;
	yr.fin.cofunded[DOM_INFRASTRUCTURE] = 1e6;
	yr.cofunded_total = 1e6;
	yr.fin.grants = 6.5e5;
	y1[S_CUM_CUT] += 0.15;              /* quality: 2e6 * 0.85 = 1.7e6 */
	y1[S_CUM_CUT_SURPLUS] += 1e6;       /* inclusion: 0.25 * (3e6 - 1e6) = 5e5 */
	y1[S_CUM_SURPLUS] += 3e6;
	y1[S_CUM_CUT2] += 0.2;              /* infrastructure: 1e6 * 0.8 = 8e5 */
	y1[S_CUM_SAVINGS] += 8.25e5;
	y1[S_MATURITY] = 0.4321;
	model_outputs(2026.0, 2027.0, y0, y1, &p, &yr, NULL, out);
	assert_close(out[OV_year], 2026.0, 0, 0);
	assert_close(out[OV_service_maturity], 0.4321, 0, 0);
	assert_close(out[OV_investment_eur], 3.0e6, 1e-12, 0);
	assert_close(out[OV_savings_eur], 8.25e5, 1e-12, 0);
	/* 2.6: om_share = 6.6e6 / (6.6e6 + 3.0e6) = 0.6875 */
	assert_close(out[OV_om_share], 0.6875, 1e-12, 0);
	assert_close(out[OV_invest_infrastructure_eur], 8e5, 1e-12, 0);
	/* 12.5: the grant pays at the co-funded ratio: 6.5e5 * 0.8 */
	assert_close(out[OV_grants_eur], 5.2e5, 1e-12, 0);
	/* 12.6: own cost = investment - grants - renewal from the surplus
	** = 3.0e6 - 5.2e5 - 0.25 * (3e6 - 1e6) */
	assert_close(out[OV_own_cost_eur], 1.98e6, 1e-12, 0);
	/* 12.6: the first row's running net benefit is its own: added
	** savings (8.25e5 - the reference rate for a year) - own cost. */
	assert_close(out[OV_cum_net_benefit_eur],
	             8.25e5 - yr.savings_ref - 1.98e6, 1e-12, 0);
	prev[OV_cum_net_benefit_eur] = -2.385e6;
	model_outputs(2026.0, 2027.0, y0, y1, &p, &yr, prev, out);
	assert_close(out[OV_cum_net_benefit_eur],
	             -2.385e6 + 8.25e5 - yr.savings_ref - 1.98e6, 1e-12, 0);
	assert_close(out[OV_services_online], 0.4321 * 237, 1e-12, 0);
	assert_close(out[OV_invest_quality_eur], 1.7e6, 1e-12, 0);
	assert_close(out[OV_invest_inclusion_eur], 5e5, 1e-12, 0);
	/* Rates fixed for the year: base budget 1.25e7 over the whole year. */
	assert_close(out[OV_base_budget_eur], 1.25e7, 1e-12, 0);
	/* Funding gap = D0 * cut + (1 - a_pol) * cut surplus + cofunded total
	** * co-funding cut = 2e6 * 0.15 + 1 * 1e6 + 1e6 * 0.2, D0 the plan of
	** the domains other than policies. */
	assert_close(out[OV_funding_gap_eur], 1.5e6, 1e-12, 0);
}

static void test_state_ranges(void **state)
{
	double lo, hi;

	(void)state;
	model_state_range(S_SKILL, &lo, &hi);
	assert_close(lo, 0.0, 0, 0);
	assert_close(hi, 1.0, 0, 0);
	model_state_range(S_CASH, &lo, &hi);
	assert_true(lo == 0.0 && isinf(hi));
	model_state_range(S_CUM_SAVINGS, &lo, &hi);
	assert_true(isinf(lo) && lo < 0.0);
	assert_string_equal(model_state_name(S_LEGACY), "legacy_share");
	assert_string_equal(model_state_name(S_COUNT - 1), "cumulative_cofunding_cut_ratio_yr");
	assert_string_equal(model_state_name(S_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budget_year),
		cmocka_unit_test(test_budget_constrain_ample),
		cmocka_unit_test(test_budget_constrain_cash_limited),
		cmocka_unit_test(test_budget_constrain_topup),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_workforce),
		cmocka_unit_test(test_resistance),
		cmocka_unit_test(test_services),
		cmocka_unit_test(test_security),
		cmocka_unit_test(test_pressures),
		cmocka_unit_test(test_init_equilibrium),
		cmocka_unit_test(test_cash_identity),
		cmocka_unit_test(test_full_resistance_blocks),
		cmocka_unit_test(test_outputs),
		cmocka_unit_test(test_state_ranges),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
