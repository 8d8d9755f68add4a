/*
** model.c: the stocks and flows of dtsim, put together from the sub-models
** (budget, workforce, legacy, resistance, services, security, pressures).
** Equations and their sources: docs/MODEL.md.
*/
#include <math.h>
#include <string.h>

#include "budget.h"
#include "legacy.h"
#include "model.h"
#include "pressures.h"
#include "resistance.h"
#include "sd.h"
#include "security.h"
#include "services.h"
#include "workforce.h"

/* The procurement pipeline is a third-order material delay (MODEL.md 2.5). */
#define PIPE_ORDER 3
_Static_assert(PIPE_ORDER == sizeof ((struct model_flows *)0)->infra_pipe / sizeof(double),
               "struct model_flows holds one rate per pipeline stage");

/* ln 2, for a half-life; M_LN2 is not in strict C11. */
#define LN2 0.69314718055994530942

void model_coef_init(const struct model_params *p, double price, struct model_coef *k)
{
	k->to_real = 1.0 / price;
	k->inv_drawdown = 1.0 / p->budget_drawdown_years;
	k->inv_lifetime = 1.0 / p->legacy_lifetime_years;
	k->inv_mod_cost = 1.0 / (p->legacy_portfolio_value_eur * p->legacy_modernisation_cost_factor);
	k->inv_min_mod = 1.0 / p->legacy_min_modernisation_years;
	k->inv_min_delivery = 1.0 / p->services_min_delivery_years;
	k->inv_count = 1.0 / p->services_count;
	k->inv_drop = 1.0 / p->adoption_drop_years;
	k->courses_per_eur = p->workforce_staff_literacy_share
	                     / (p->workforce_staff * p->workforce_training_cost_eur);
	k->decay_rate = LN2 / p->workforce_skill_half_life;
	k->inv_staff = 1.0 / p->workforce_staff;
	k->inv_ref_res = 1.0 / (1.0 - p->effect_reference_resistance);
	k->inv_ref_skill = 1.0 / p->effect_reference_skill;
	k->inv_cm_cost = 1.0 / (p->workforce_staff * p->resistance_cm_cost_eur);
	k->inv_drift = 1.0 / p->resistance_drift_years;
	k->norm_mult = pressures_norm_multiplier(p);
}

void model_year_begin(const struct model_params *p, int year, const double y[S_COUNT],
                      const struct model_year *prev, struct model_year *yr)
{
	double M = y[S_MATURITY];
	double peer_gap, savings_last;

	memset(yr, 0, sizeof *yr);
	yr->year = year;
	yr->peer_maturity = pressures_peer_maturity(p, year);
	yr->mandate_on = pressures_mandate_on(p, year);
	peer_gap = yr->peer_maturity > M ? yr->peer_maturity - M : 0.0;
	/* Before the first year there is no record of savings: take a year at
	** the initial adoption, without process gains (MODEL.md 2.2). */
	savings_last = prev ? y[S_CUM_SAVINGS] - prev->cum_savings_start
	                    : services_savings(p, y[S_ADOPTION], 0.0);
	budget_year(p, prev, pressures_mandate_gap(p, yr->mandate_on, M), peer_gap,
	            savings_last, yr);
	yr->savings_ref = services_savings(p, p->adoption_initial, 0.0) * yr->price_index;
	model_coef_init(p, yr->price_index, &yr->k);
	yr->cum_savings_start = y[S_CUM_SAVINGS];
}

/*
** The body of model_flows. Inlined into model_deriv (which runs four times
** per RK4 step), the compiler keeps the flows record in registers and drops
** what the derivative does not read; this makes a run about 10 % faster.
*/
static inline __attribute__((always_inline))
void flows(const double y[S_COUNT], const struct model_params *p,
           const struct model_year *yr, struct model_flows *f)
{
	const double S = y[S_SKILL], L = y[S_LEGACY], R = y[S_RESISTANCE];
	const double M = y[S_MATURITY], A = y[S_ADOPTION];
	double policy, effect, process_level, cm_level, inclusion;
	struct resistance_terms rt;

	/* Money: O&M first, then the plan, then the hard budget constraint.
	** Unit costs rise with the price index P; effects are computed from
	** spend in first-year prices (MODEL.md 2.1). */
	const struct model_coef *k = &yr->k;
	const double P = yr->price_index, to_real = k->to_real;
	struct budget_result br;

	legacy_om(p, L, &f->om_legacy, &f->om_modern);
	f->om_legacy *= P;
	f->om_modern *= P;
	f->om_digital = services_om(p, M) * P;
	f->om = f->om_legacy + f->om_modern + f->om_digital;
	f->surplus = yr->base_budget > f->om ? yr->base_budget - f->om : 0.0;
	policy = yr->planned[DOM_POLICIES] + yr->share[DOM_POLICIES] * f->surplus;
	f->hazard = security_hazard(p, L, policy * to_real);
	f->incident_cost = f->hazard * p->security_incident_cost_eur * P;
	f->income = yr->base_budget + yr->transformation + yr->reinvest;
	budget_constrain(k, yr, f->surplus, f->income, y[S_CASH], f->om + policy + f->incident_cost,
	                 f->planned, f->invest, f->real, &br);
	f->funded_ratio = br.ratio;
	f->cofunded_ratio = br.cofunded_ratio;
	f->invest_total = br.invest_total;
	f->shortfall = br.shortfall;
	f->topup = br.topup;
	f->cash_rate = br.cash_rate;

	/* What the money buys depends on skill, resistance, incidents and the
	** mandate's priority. */
	f->effectiveness = resistance_effectiveness(k, S, R);
	f->lost_time = security_lost_time(p, f->hazard);
	f->mandate_gap = pressures_mandate_gap(p, yr->mandate_on, M);
	f->priority = 1.0 + p->mandate_priority * f->mandate_gap;
	effect = f->effectiveness * (1.0 - f->lost_time);

	f->infra_delivered = sd_delay_deriv(&y[S_INFRA_PIPE], PIPE_ORDER, f->invest[DOM_INFRASTRUCTURE],
	                                    p->procurement_delay_years, f->infra_pipe);
	f->serv_delivered = sd_delay_deriv(&y[S_SERV_PIPE], PIPE_ORDER, f->invest[DOM_VALUE_CREATION],
	                                   p->procurement_delay_years, f->serv_pipe);
	f->aging = legacy_aging(k, L);
	f->modernisation = legacy_modernisation(k, L, f->infra_delivered * to_real, effect);

	f->cost_per_service = services_cost(p, f->real[DOM_COLLABORATION], yr->peer_maturity);
	f->delivery = services_delivery(p, k, M, L, f->serv_delivered * to_real, effect * f->priority,
	                                f->cost_per_service);
	f->obsolescence = services_obsolescence(p, M, f->real[DOM_QUALITY]);
	f->quality = services_quality(p, f->real[DOM_QUALITY]);

	f->skill_gain = workforce_gain(p, k, S, f->real[DOM_LITERACY], resistance_factor(k, R));
	f->skill_turnover = workforce_turnover(p, S);
	f->skill_decay = workforce_decay(p, k, S, f->real[DOM_KNOWLEDGE_TRANSFER]);

	cm_level = resistance_cm_level(k, f->real[DOM_COMMUNICATION]);
	process_level = sd_half(f->real[DOM_PROCESS], p->savings_process_half_eur);
	resistance_terms(p, k, R, cm_level, f->delivery, f->modernisation + f->delivery,
	                 process_level, &rt);
	f->resist_cm = rt.cm;
	f->resist_wins = rt.wins;
	f->resist_fatigue = rt.fatigue;
	f->resist_fear = rt.fear;
	f->resist_drift = rt.drift;

	inclusion = f->real[DOM_INCLUSION]
	            + (1.0 - p->workforce_staff_literacy_share) * f->real[DOM_LITERACY];
	f->inclusion_ceiling = adoption_inclusion(p, inclusion);
	f->ceiling = adoption_ceiling(p, M, f->inclusion_ceiling, f->quality);
	f->imitation = p->adoption_q * (1.0 + p->adoption_comm_boost * cm_level);
	f->adoption_rate = adoption_rate(p, k, A, f->ceiling, f->imitation, f->hazard);
	f->savings = services_savings(p, A, process_level) * P;
}

void model_flows(double t, const double y[S_COUNT], const struct model_params *p,
                 const struct model_year *yr, struct model_flows *f)
{
	(void)t; /* time enters only through the fiscal year's record */
	flows(y, p, yr, f);
}

int model_deriv(double t, const double y[S_COUNT], double dydt[S_COUNT],
                const struct model_params *p, const struct model_year *yr)
{
	struct model_flows f;

	(void)t;
	flows(y, p, yr, &f);
	dydt[S_CASH] = f.cash_rate;
	dydt[S_SKILL] = f.skill_gain + f.skill_turnover - f.skill_decay;
	dydt[S_LEGACY] = f.aging - f.modernisation;
	dydt[S_RESISTANCE] = f.resist_fatigue + f.resist_fear + f.resist_drift
	                     - f.resist_cm - f.resist_wins;
	dydt[S_MATURITY] = f.delivery - f.obsolescence;
	dydt[S_ADOPTION] = f.adoption_rate;
	for (int i = 0; i < PIPE_ORDER; i++) {
		dydt[S_INFRA_PIPE + i] = f.infra_pipe[i];
		dydt[S_SERV_PIPE + i] = f.serv_pipe[i];
	}
	dydt[S_CUM_TOPUP] = f.topup;
	dydt[S_CUM_OM_LEGACY] = f.om_legacy;
	dydt[S_CUM_OM_MODERN] = f.om_modern;
	dydt[S_CUM_OM_DIGITAL] = f.om_digital;
	dydt[S_CUM_INCIDENT_COST] = f.incident_cost;
	dydt[S_CUM_SAVINGS] = f.savings;
	dydt[S_CUM_INCIDENTS] = f.hazard;
	dydt[S_CUM_CUT] = 1.0 - f.funded_ratio;
	dydt[S_CUM_CUT_SURPLUS] = (1.0 - f.funded_ratio) * f.surplus;
	dydt[S_CUM_SURPLUS] = f.surplus;
	dydt[S_CUM_CUT2] = 1.0 - f.cofunded_ratio;
	return 0;
}

void model_init(const struct model_params *p, double y[S_COUNT])
{
	struct model_year yr;
	struct model_flows f;

	memset(y, 0, S_COUNT * sizeof y[0]);
	y[S_CASH] = p->budget_reserve_eur;
	y[S_SKILL] = p->workforce_skill_initial;
	y[S_LEGACY] = p->legacy_share_initial;
	y[S_RESISTANCE] = p->resistance_initial;
	y[S_MATURITY] = p->services_maturity_initial;
	y[S_ADOPTION] = p->adoption_initial;
	/* The municipality has been investing before the first year: fill the
	** procurement pipelines at equilibrium with the first year's spend. */
	model_year_begin(p, (int)p->sim_start_year, y, NULL, &yr);
	model_flows(p->sim_start_year, y, p, &yr, &f);
	sd_delay_init(&y[S_INFRA_PIPE], PIPE_ORDER, f.invest[DOM_INFRASTRUCTURE],
	              p->procurement_delay_years);
	sd_delay_init(&y[S_SERV_PIPE], PIPE_ORDER, f.invest[DOM_VALUE_CREATION],
	              p->procurement_delay_years);
}

void model_outputs(double t0, double t1, const double y0[S_COUNT], const double y1[S_COUNT],
                   const struct model_params *p, const struct model_year *yr,
                   const double *prev, double out[OV_COUNT])
{
	const struct finance_year *fin = &yr->fin;
	struct model_flows f;
	const double period = t1 - t0;
	double om, invest = 0.0, desired = 0.0, renewal = 0.0, own_cost, cofunded, loan_balance;

#define FLOW(s) (y1[s] - y0[s])
	model_flows(t1, y1, p, yr, &f);
	/* 2.6: invest_d = phi (plan_d + a_d surplus) + psi cofunded_d + loan_d,
	** policies' own plan unscaled; plan_d, a_d, cofunded_d and loan_d are
	** fixed within the year, so the period's spend follows from integrals
	** of 1 - phi, (1 - phi) surplus, surplus and 1 - psi. */
	cofunded = period - FLOW(S_CUM_CUT2);
	for (int d = 0; d < DOM_COUNT; d++) {
		double from_surplus = d == DOM_POLICIES
		    ? yr->share[d] * FLOW(S_CUM_SURPLUS)
		    : yr->share[d] * (FLOW(S_CUM_SURPLUS) - FLOW(S_CUM_CUT_SURPLUS));
		double spend = from_surplus + yr->planned[d]
		    * (d == DOM_POLICIES ? period : period - FLOW(S_CUM_CUT));
		spend += fin->cofunded[d] * cofunded + fin->loan_spend[d] * period;
		out[outvars_invest[d]] = spend;
		invest += spend;
		renewal += from_surplus;
		if (d != DOM_POLICIES)
			desired += yr->planned[d];
	}
	om = FLOW(S_CUM_OM_LEGACY) + FLOW(S_CUM_OM_MODERN) + FLOW(S_CUM_OM_DIGITAL);
	out[OV_year] = t0;
	out[OV_cash_eur] = y1[S_CASH];
	out[OV_workforce_skill] = y1[S_SKILL];
	out[OV_legacy_share] = y1[S_LEGACY];
	out[OV_change_resistance] = y1[S_RESISTANCE];
	out[OV_service_maturity] = y1[S_MATURITY];
	out[OV_citizen_adoption] = y1[S_ADOPTION];
	out[OV_om_share] = om + invest > 0.0 ? om / (om + invest) : 0.0;
	out[OV_investment_eur] = invest;
	out[OV_savings_eur] = FLOW(S_CUM_SAVINGS);
	out[OV_legacy_backlog_eur] = legacy_backlog(p, y1[S_LEGACY]);
	out[OV_services_online] = y1[S_MATURITY] * p->services_count;
	out[OV_base_budget_eur] = yr->base_budget * period;
	out[OV_transformation_budget_eur] = yr->transformation * period;
	out[OV_reinvested_savings_eur] = yr->reinvest * period;
	out[OV_topup_eur] = FLOW(S_CUM_TOPUP);
	out[OV_grants_eur] = fin->grants * cofunded;
	out[OV_loans_eur] = fin->loan_draw * period;
	out[OV_partner_eur] = fin->partner * cofunded;
	out[OV_om_legacy_eur] = FLOW(S_CUM_OM_LEGACY);
	out[OV_om_modern_eur] = FLOW(S_CUM_OM_MODERN);
	out[OV_om_digital_eur] = FLOW(S_CUM_OM_DIGITAL);
	out[OV_incident_cost_eur] = FLOW(S_CUM_INCIDENT_COST);
	out[OV_debt_service_eur] = (fin->interest + fin->repayment) * period;
	out[OV_interest_eur] = fin->interest * period;
	out[OV_service_fees_eur] = fin->fees * period;
	/* The balance moves evenly through the year, as the flows do. */
	loan_balance = fin->loan_balance + (fin->repayment - fin->loan_draw)
	               * ((double)yr->year + 1.0 - t1);
	out[OV_loan_balance_eur] = loan_balance > 0.0 ? loan_balance : 0.0;
	/* gap = (1 - phi)(D0 + (1 - a_pol) surplus) + (1 - psi) cofunded total,
	** D0 the plan of the domains other than policies */
	out[OV_funding_gap_eur] = desired * FLOW(S_CUM_CUT)
	                          + (1.0 - yr->share[DOM_POLICIES]) * FLOW(S_CUM_CUT_SURPLUS)
	                          + yr->cofunded_total * FLOW(S_CUM_CUT2);
	out[OV_treasury_eur] = yr->committed * period;
	own_cost = invest + out[OV_debt_service_eur] + out[OV_service_fees_eur]
	           - out[OV_grants_eur] - out[OV_loans_eur] - out[OV_partner_eur] - renewal;
	/* 12.6: the strategy's cost leaves out the renewal the base budget
	** pays from its surplus, and outside money; debt service and fees (paid
	** by the treasury) are in. */
	out[OV_own_cost_eur] = own_cost;
	out[OV_added_savings_eur] = FLOW(S_CUM_SAVINGS) - yr->savings_ref * period;
	out[OV_cum_net_benefit_eur] = (prev ? prev[OV_cum_net_benefit_eur] : 0.0)
	                              + out[OV_added_savings_eur] - own_cost;
	out[OV_expected_incidents] = FLOW(S_CUM_INCIDENTS);
	out[OV_adoption_ceiling] = f.ceiling;
	out[OV_peer_maturity] = yr->peer_maturity;
	out[OV_mandate_pressure] = f.mandate_gap;
	out[OV_effectiveness] = f.effectiveness;
#undef FLOW
}

/* ---------------------------------------------------------------------- */

static const char *const state_names[S_COUNT] = {
	"cash_eur", "workforce_skill", "legacy_share", "change_resistance",
	"service_maturity", "citizen_adoption",
	"infrastructure_pipeline_1_eur", "infrastructure_pipeline_2_eur",
	"infrastructure_pipeline_3_eur",
	"services_pipeline_1_eur", "services_pipeline_2_eur", "services_pipeline_3_eur",
	"cumulative_topup_eur",
	"cumulative_om_legacy_eur", "cumulative_om_modern_eur", "cumulative_om_digital_eur",
	"cumulative_incident_cost_eur", "cumulative_savings_eur",
	"cumulative_expected_incidents", "cumulative_cut_ratio_yr",
	"cumulative_cut_surplus_eur", "cumulative_surplus_eur",
	"cumulative_cofunding_cut_ratio_yr",
};

const char *model_state_name(size_t i)
{
	return i < S_COUNT ? state_names[i] : "?";
}

void model_state_range(size_t i, double *lo, double *hi)
{
	switch (i) {
	case S_SKILL: case S_LEGACY: case S_RESISTANCE: case S_MATURITY: case S_ADOPTION:
		*lo = 0.0;
		*hi = 1.0;
		break;
	/* Running totals are read only as differences (a period's flow) and,
	** but savings, feed nothing back, so no instability shows first in
	** them; a bound would only catch rkf45's error: its negative stage
	** weight may carry the total of a flow that is mostly 0 (a cut, a
	** top-up) a tolerance's width below 0 across a kink (docs/MODEL.md 9.3).
	** Savings are negative when online costs more than offline. */
	case S_CUM_TOPUP: case S_CUM_OM_LEGACY: case S_CUM_OM_MODERN:
	case S_CUM_OM_DIGITAL: case S_CUM_INCIDENT_COST: case S_CUM_SAVINGS:
	case S_CUM_INCIDENTS: case S_CUM_CUT: case S_CUM_CUT_SURPLUS:
	case S_CUM_SURPLUS: case S_CUM_CUT2:
		*lo = -HUGE_VAL;
		*hi = HUGE_VAL;
		break;
	default:            /* cash and the procurement pipelines */
		*lo = 0.0;
		*hi = HUGE_VAL;
	}
}
