/*
** model.c: the stocks and flows of dtsim, put together from the sub-models
** (budget, workforce, legacy, resistance, services, security, pressures).
** Equations and their sources: docs/MODEL.md.
*/
#include <math.h>
#include <string.h>

#include "profile.h"

#include "budget.h"
#include "events.h"
#include "leadership.h"
#include "legacy.h"
#include "model.h"
#include "pressures.h"
#include "projects.h"
#include "resistance.h"
#include "sd.h"
#include "security.h"
#include "services.h"
#include "workforce.h"

/* The procurement pipeline is a third-order material delay (MODEL.md 2.5). */
#define PIPE_ORDER 3
_Static_assert(PIPE_ORDER == sizeof ((struct model_flows *)0)->infra_pipe / sizeof(double),
               "struct model_flows holds one rate per pipeline stage");

/* model_init's secant search for the first year's double running: it
** stops when D is within MODEL_INIT_TOL of its equilibrium, or after
** MODEL_INIT_ROUNDS rounds (three or four are needed). */
#define MODEL_INIT_ROUNDS 20
#define MODEL_INIT_TOL 1e-15

/* ln 2, for a half-life; M_LN2 is not in strict C11. */
#define LN2 0.69314718055994530942

void model_coef_init(const struct model_params *p, double price, struct model_coef *k)
{
	k->to_real = 1.0 / price;
	k->inv_drawdown = 1.0 / p->budget_drawdown_years;
	k->inv_lifetime = 3.0 / p->legacy_lifetime_years;
	k->pipe_rate = PIPE_ORDER / p->procurement_delay_years;
	k->inv_mod_cost = 1.0 / (p->legacy_portfolio_value_eur * p->legacy_modernisation_cost_factor);
	k->inv_min_mod = 1.0 / p->legacy_min_modernisation_years;
	k->inv_run_in = 1.0 / p->legacy_double_running_years;
	k->om_unit = p->legacy_portfolio_value_eur * p->legacy_om_rate;
	k->inv_min_delivery = 1.0 / p->services_min_delivery_years;
	k->inv_count = 1.0 / p->services_count;
	k->inv_drop = 1.0 / p->adoption_drop_years;
	k->courses_per_eur = p->workforce_staff_literacy_share
	                     / (p->workforce_staff * p->workforce_training_cost_eur);
	k->decay_rate = LN2 / p->workforce_skill_half_life;
	k->fade_rate = LN2 / p->workforce_unapplied_half_life;
	k->inv_transfer = 1.0 / p->workforce_transfer_years;
	k->inv_staff = 1.0 / p->workforce_staff;
	k->inv_ref_res = 1.0 / (1.0 - p->effect_reference_resistance);
	k->inv_ref_skill = 1.0 / p->effect_reference_skill;
	k->inv_cm_cost = 1.0 / (p->workforce_staff * p->resistance_cm_cost_eur);
	k->inv_drift = 1.0 / p->resistance_drift_years;
	k->cynicism_rate = LN2 / p->resistance_cynicism_half_life;
	k->norm_mult = pressures_norm_multiplier(p);
	k->inv_platform_life = 1.0 / p->services_platform_life_years;
	k->inv_collab_half = 1.0 / p->services_collab_half_eur;
	k->inv_lead_cost = 1.0 / (p->workforce_staff * p->leadership_half_per_fte_eur);
	k->inv_memory = 1.0 / p->politics_memory_years;
	k->absorption = p->workforce_staff * p->projects_absorption_per_fte_eur
	                / p->procurement_delay_years;
	k->hazard_base = p->security_base_incident_rate
	                 * pow(p->municipality_inhabitants / PROFILE_REF_INHABITANTS,
	                       p->security_size_exponent);
}

/* The cash the previous fiscal year released outside the IT budget (EUR):
** paper, print and postage avoided and the posts released (MODEL.md
** 12.6), from its running totals of adoption (dA, yr) and savings (dSav,
** EUR) and its record prev. */
static double realised_outside(const struct model_params *p, const struct model_year *prev,
                               double dA, double dSav)
{
	double P = prev->price_index;
	double paper = p->savings_postage_per_transaction_eur * p->savings_transactions_per_year
	               * (dA - p->adoption_initial) * P;
	double added = dSav - prev->savings_ref;

	return paper + p->savings_posts_released_share * p->savings_realisation_share
	               * (added - paper);
}

/* The own plan of the year of record prev that the organisation could not
** absorb (EUR), from the running totals on its last day y: the part of
** the funding gap beyond what money alone cut (MODEL.md 14). */
static double unabsorbed_own(const struct model_year *prev, const double y[S_COUNT])
{
	double desired = 0.0;

	for (int d = 0; d < DOM_COUNT; d++)
		if (d != DOM_POLICIES)
			desired += prev->planned[d];
	return desired * (y[S_CUM_CUT] - prev->cut_start[0])
	       + (1.0 - prev->share[DOM_POLICIES]) * (y[S_CUM_CUT_SURPLUS] - prev->cut_start[1])
	       - (y[S_CUM_GAPM] - prev->cut_start[2]);
}

void model_year_begin(const struct model_params *p, int year, const double y[S_COUNT],
                      const struct model_year *prev, struct model_year *yr)
{
	double M = y[S_MATURITY];
	double peer_gap, realised_last = 0.0, carry = 0.0;

	memset(yr, 0, sizeof *yr);
	yr->year = year;
	yr->peer_maturity = pressures_peer_maturity(p, year);
	yr->mandate_on = pressures_mandate_on(p, year);
	yr->mandate_gap = pressures_mandate_gap(p, yr->mandate_on, M);
	peer_gap = yr->peer_maturity > M ? yr->peer_maturity - M : 0.0;
	if (prev) {
		realised_last = realised_outside(p, prev, y[S_CUM_ADOPTION] - prev->cum_adoption_start,
		                                 y[S_CUM_SAVINGS] - prev->cum_savings_start);
		carry = unabsorbed_own(prev, y);
	}
	budget_year(p, prev, yr->mandate_gap, peer_gap, realised_last,
	            politics_budget_factor(p, y[S_COMMITMENT]), carry, yr);
	yr->savings_ref = services_savings(p, p->adoption_initial, 0.0) * yr->price_index;
	model_coef_init(p, yr->price_index, &yr->k);
	yr->cum_savings_start = y[S_CUM_SAVINGS];
	yr->cum_adoption_start = y[S_CUM_ADOPTION];
	yr->cut_start[0] = y[S_CUM_CUT];
	yr->cut_start[1] = y[S_CUM_CUT_SURPLUS];
	yr->cut_start[2] = y[S_CUM_GAPM];
	yr->hire_skill = workforce_hire_skill(p, p->workforce_recruitment_eur / yr->price_index,
	                                      y[S_LEADERSHIP]);
	yr->recruitment = p->workforce_staff * p->workforce_turnover_rate * p->workforce_recruitment_eur;
	/* The year's absorption capacity, planned with its staff (MODEL.md 14.1). */
	budget_capacity(yr, projects_capacity(&yr->k, y[S_SKILL], leadership_factor(p, y[S_LEADERSHIP]))
	                    * yr->price_index);
	if (prev) {
		yr->om_ref = prev->om_ref;
		yr->incident_ref = prev->incident_ref;
	} else {
		/* The benefits' references: the first day's O&M and expected
		** incident cost, in first-year prices (price index 1). */
		struct model_flows f;
		model_flows(p->sim_start_year, y, p, yr, &f);
		yr->om_ref = f.om;
		yr->incident_ref = f.incident_cost;
	}
}

/*
** The body of model_flows. Inlined into model_deriv (which runs four times
** per RK4 step), the compiler keeps the flows record in registers and drops
** what the derivative does not read; this makes a run about 10 % faster.
*/
static inline __attribute__((always_inline))
void flows(double t, const double y[S_COUNT], const struct model_params *p,
           const struct model_year *yr, struct model_flows *f)
{
	const double S = y[S_SKILL], L = y[S_LEGACY], R = y[S_RESISTANCE];
	const double M = y[S_MATURITY], A = y[S_ADOPTION], T = y[S_TRAINED];
	const double D = y[S_DOUBLE], Pl = y[S_PLATFORM], Y = y[S_CYNICISM];
	const double Ld = y[S_LEADERSHIP], Pc = y[S_COMMITMENT];
	double policy, effect, process_level, cm_level, inclusion, excess, kt, use, inv_over;
	double quality_level, blows;
	struct resistance_terms rt;
	struct workforce_terms wt;

	/* Money: O&M first, then the plan, then the hard budget constraint
	** and the absorption capacity. Unit costs rise with the price index P;
	** effects are computed from spend in first-year prices (MODEL.md 2.1). */
	const struct model_coef *k = &yr->k;
	const double P = yr->price_index, to_real = k->to_real;
	struct budget_result br;

	legacy_om(p, k, L, D, &f->om_legacy, &f->om_modern);
	f->om_legacy *= P;
	f->om_modern *= P;
	f->om_digital = services_om(p, M) * P;
	f->om = f->om_legacy + f->om_modern + f->om_digital;
	f->surplus = yr->base_budget > f->om ? yr->base_budget - f->om : 0.0;
	policy = yr->planned[DOM_POLICIES] + yr->share[DOM_POLICIES] * f->surplus;
	f->hazard = security_hazard(p, k, L + D, policy * to_real);
	f->incident_cost = f->hazard * p->security_incident_cost_eur * P;
	/* What incidents do: the hazard's expected effect, or in a stochastic
	** run the incidents in recovery; their blow to commitment and trust is
	** then a jump at each incident (model_incident), not a rate (MODEL.md
	** 7.1). */
	f->intensity = yr->ev ? events_intensity(yr->ev, t, p->security_recovery_years) : f->hazard;
	blows = yr->ev ? 0.0 : f->hazard;
	f->income = yr->base_budget + yr->transformation + yr->reinvest;
	f->capacity = yr->capacity;
	budget_constrain(k, yr, f->surplus, f->income, y[S_CASH], f->om + policy + yr->recruitment,
	                 f->planned, f->invest, f->real, &br);
	f->funded_ratio = br.ratio;
	f->cofunded_ratio = br.cofunded_ratio;
	f->money_ratio = br.money_ratio;
	f->cofunded_money_ratio = br.cofunded_money_ratio;
	f->invest_total = br.invest_total;
	f->shortfall = br.shortfall;
	f->topup = br.topup;
	f->cash_rate = br.cash_rate;
	f->utilisation = br.utilisation;
	f->desired = br.desired;

	/* What the money buys depends on skill, resistance, leadership,
	** incidents, overruns and the mandate's priority. */
	f->effectiveness = resistance_effectiveness(p, k, S, R, Ld);
	f->lost_time = security_lost_time(p, f->intensity);
	f->mandate_gap = pressures_mandate_gap(p, yr->mandate_on, M);
	f->priority = 1.0 + p->mandate_priority * f->mandate_gap;
	f->load = br.load;
	f->overrun = projects_overrun(p, k, f->utilisation, S, Ld);
	if (yr->ev)   /* this year's drawn overrun (MODEL.md 14.3) */
		f->overrun = fmin(f->overrun * yr->overrun_z, PROJECTS_OVERRUN_MAX);
	inv_over = 1.0 / (1.0 + f->overrun);
	effect = f->effectiveness * (1.0 - f->lost_time)
	         * (1.0 + p->projects_overrun_reference) * inv_over;
	excess = f->overrun > p->projects_overrun_reference
	         ? (f->overrun - p->projects_overrun_reference) * f->utilisation : 0.0;

	f->infra_delivered = sd_delay3_fin(&y[S_INFRA_PIPE], f->invest[DOM_INFRASTRUCTURE],
	                                   k->pipe_rate, f->infra_pipe);
	f->serv_delivered = sd_delay3_fin(&y[S_SERV_PIPE], f->invest[DOM_VALUE_CREATION],
	                                  k->pipe_rate, f->serv_pipe);
	f->loss = (f->infra_delivered + f->serv_delivered) * f->overrun * inv_over;
	f->modernisation = legacy_modernisation(k, L, f->infra_delivered * to_real, effect);
	f->aging = legacy_aging(k, &y[S_MODERN], f->modernisation, f->modern_stage);
	f->decommissioning = legacy_decommissioning(k, D);

	f->platform_rate = services_platform_rate(p, k, Pl, f->real[DOM_COLLABORATION],
	                                          f->serv_delivered * to_real);
	f->cost_per_service = services_cost(p, Pl, yr->peer_maturity);
	f->delivery = services_delivery(p, k, M, L, f->serv_delivered * to_real, effect * f->priority,
	                                f->cost_per_service, Pl);
	quality_level = services_quality_level(p, f->real[DOM_QUALITY]);
	f->obsolescence = services_obsolescence(p, M, quality_level);
	f->quality = services_quality(p, quality_level);

	kt = workforce_kt_level(p, k, f->real[DOM_KNOWLEDGE_TRANSFER]);
	use = workforce_use(M, kt);
	f->training = workforce_training(p, k, S, T, f->real[DOM_LITERACY], resistance_factor(k, R));
	workforce_terms(p, k, S, T, use, yr->hire_skill, &wt);
	f->transfer = wt.transfer;
	f->fade = wt.fade;
	f->skill_turnover = wt.turnover;
	f->leavers_trained = wt.leavers_trained;
	f->skill_decay = wt.decay;

	cm_level = resistance_cm_level(k, f->real[DOM_COMMUNICATION]);
	process_level = sd_half_fin(f->real[DOM_PROCESS], p->savings_process_half_eur);
	resistance_terms(p, k, R, Y, Ld, cm_level, f->delivery, f->modernisation + f->delivery,
	                 process_level, excess, &rt);
	f->resist_cm = rt.cm;
	f->resist_wins = rt.wins;
	f->resist_sponsor = rt.sponsor;
	f->resist_fatigue = rt.fatigue;
	f->resist_fear = rt.fear;
	f->resist_drift = rt.drift;
	f->cynicism_in = rt.cynicism_in;
	f->cynicism_out = rt.cynicism_out;
	f->leadership_rate = leadership_rate(p, k, Ld, f->real[DOM_LEADERSHIP]);
	f->commitment_rate = politics_rate(p, k, Pc, f->delivery, excess, blows);

	inclusion = f->real[DOM_INCLUSION]
	            + (1.0 - p->workforce_staff_literacy_share) * f->real[DOM_LITERACY];
	f->inclusion_ceiling = adoption_inclusion(p, inclusion);
	f->ceiling = adoption_ceiling(p, M, f->inclusion_ceiling, f->quality);
	f->imitation = p->adoption_q * (1.0 + p->adoption_comm_boost * cm_level);
	f->adoption_rate = adoption_rate(p, k, A, f->ceiling, f->imitation, blows);
	f->savings = services_savings(p, A, process_level) * P;
}

void model_flows(double t, const double y[S_COUNT], const struct model_params *p,
                 const struct model_year *yr, struct model_flows *f)
{
	flows(t, y, p, yr, f);
	/* Outputs only: the derivative does not read it. */
	f->satisfaction = services_satisfaction(p, y[S_MATURITY], f->quality, f->intensity);
}

int model_deriv(double t, const double y[S_COUNT], double dydt[S_COUNT],
                const struct model_params *p, const struct model_year *yr)
{
	struct model_flows f;

	flows(t, y, p, yr, &f);
	dydt[S_CASH] = f.cash_rate;
	dydt[S_SKILL] = f.transfer + f.skill_turnover - f.skill_decay;
	dydt[S_TRAINED] = f.training - f.transfer - f.fade - f.leavers_trained;
	dydt[S_LEGACY] = f.aging - f.modernisation;
	dydt[S_DOUBLE] = f.modernisation - f.decommissioning;
	dydt[S_RESISTANCE] = f.resist_fatigue + f.resist_fear + f.resist_drift
	                     - f.resist_cm - f.resist_wins - f.resist_sponsor;
	dydt[S_CYNICISM] = f.cynicism_in - f.cynicism_out;
	dydt[S_MATURITY] = f.delivery - f.obsolescence;
	dydt[S_ADOPTION] = f.adoption_rate;
	dydt[S_PLATFORM] = f.platform_rate;
	dydt[S_LEADERSHIP] = f.leadership_rate;
	dydt[S_COMMITMENT] = f.commitment_rate;
	for (int i = 0; i < PIPE_ORDER; i++) {
		dydt[S_INFRA_PIPE + i] = f.infra_pipe[i];
		dydt[S_SERV_PIPE + i] = f.serv_pipe[i];
		dydt[S_MODERN + i] = f.modern_stage[i];
	}
	dydt[S_CUM_TOPUP] = f.topup;
	dydt[S_CUM_OM_LEGACY] = f.om_legacy;
	dydt[S_CUM_OM_MODERN] = f.om_modern;
	dydt[S_CUM_OM_DIGITAL] = f.om_digital;
	dydt[S_CUM_SAVINGS] = f.savings;
	dydt[S_CUM_INCIDENTS] = f.hazard;
	dydt[S_CUM_CUT] = 1.0 - f.funded_ratio;
	dydt[S_CUM_CUT_SURPLUS] = (1.0 - f.funded_ratio) * f.surplus;
	dydt[S_CUM_SURPLUS] = f.surplus;
	dydt[S_CUM_CUT2] = 1.0 - f.cofunded_ratio;
	dydt[S_CUM_GAPM] = (1.0 - f.money_ratio) * f.desired;
	dydt[S_CUM_CUT2M] = 1.0 - f.cofunded_money_ratio;
	dydt[S_CUM_ADOPTION] = y[S_ADOPTION];
	dydt[S_CUM_LOSS] = f.loss;
	return 0;
}

void model_incident(const struct model_params *p, double y[S_COUNT])
{
	y[S_COMMITMENT] *= exp(-p->politics_incident_effect);
	y[S_ADOPTION] *= exp(-p->adoption_trust_loss);
}

/* For model_init: the flows f at double running D (with y's other stocks)
** and how far D is from its equilibrium, modernisation x
** double_running_years - D, with the modernisation the year's
** infrastructure spend buys once it is delivered (MODEL.md 3.2). */
static double double_running_gap(const struct model_params *p, const struct model_year *yr,
                                 double y[S_COUNT], double D, struct model_flows *f)
{
	double effect, m;

	y[S_DOUBLE] = D;
	model_flows(p->sim_start_year, y, p, yr, f);
	effect = f->effectiveness * (1.0 - f->lost_time)
	         * (1.0 + p->projects_overrun_reference) / (1.0 + f->overrun);
	m = legacy_modernisation(&yr->k, y[S_LEGACY], f->invest[DOM_INFRASTRUCTURE] * yr->k.to_real,
	                         effect);
	return m * p->legacy_double_running_years - D;
}

void model_init(const struct model_params *p, double y[S_COUNT])
{
	struct model_year yr;
	struct model_flows f;
	double out, gap, c, x;

	memset(y, 0, S_COUNT * sizeof y[0]);
	y[S_CASH] = p->budget_reserve_eur;
	y[S_SKILL] = p->workforce_skill_initial;
	y[S_LEGACY] = p->legacy_share_initial;
	y[S_RESISTANCE] = p->resistance_initial;
	y[S_MATURITY] = p->services_maturity_initial;
	y[S_ADOPTION] = p->adoption_initial;
	y[S_LEADERSHIP] = p->leadership_initial;
	y[S_COMMITMENT] = p->politics_initial;
	/* The modern share has aged evenly: equal stages, ageing at
	** (1 - L) / lifetime, as a portfolio in steady state. */
	sd_delay_init(&y[S_MODERN], PIPE_ORDER, (1.0 - y[S_LEGACY]) / p->legacy_lifetime_years,
	              p->legacy_lifetime_years);
	/* The municipality has been investing, training and replacing systems
	** before the first year: the procurement pipelines, the trained
	** capability, the double running and the platforms start at the
	** equilibrium of the first year's flows (MODEL.md 1.1). The double
	** running changes those flows (it costs O&M), so its equilibrium, D =
	** modernisation(D) x double_running_years with modernisation at the
	** spend it comes from (delivered = invest), is found first by the
	** secant method; the year's record depends on none of these stocks
	** but through the benefits' references, which the flows do not read. */
	model_year_begin(p, (int)p->sim_start_year, y, NULL, &yr);
	{
		double d0 = 0.0, g0, d1, g1;

		g0 = double_running_gap(p, &yr, y, d0, &f);
		d1 = d0 + g0;
		g1 = double_running_gap(p, &yr, y, d1, &f);
		for (int round = 0; round < MODEL_INIT_ROUNDS && fabs(g1) > MODEL_INIT_TOL
		                    && g1 != g0; round++) {
			double d2 = d1 - g1 * (d1 - d0) / (g1 - g0);
			d0 = d1;
			g0 = g1;
			d1 = d2 > 0.0 ? d2 : 0.0;
			g1 = double_running_gap(p, &yr, y, d1, &f);
		}
		y[S_DOUBLE] = d1;
	}
	/* f holds the flows at that D: the rest follows from them. */
	sd_delay_init(&y[S_INFRA_PIPE], PIPE_ORDER, f.invest[DOM_INFRASTRUCTURE],
	              p->procurement_delay_years);
	sd_delay_init(&y[S_SERV_PIPE], PIPE_ORDER, f.invest[DOM_VALUE_CREATION],
	              p->procurement_delay_years);
	/* Trained capability: training c (1 - S - T) in, (use / transfer +
	** fade + turnover) T out, so T = c (1 - S) / (out + c) (f at T = 0). */
	gap = 1.0 - y[S_SKILL];
	c = gap > 0.0 ? f.training / gap : 0.0;
	out = workforce_use(p->services_maturity_initial,
	                    workforce_kt_level(p, &yr.k, f.real[DOM_KNOWLEDGE_TRANSFER]))
	      * yr.k.inv_transfer + yr.k.fade_rate + p->workforce_turnover_rate;
	y[S_TRAINED] = out + c > 0.0 ? c * gap / (out + c) : 0.0;
	/* Platforms settle at x / (1 + x) (services_platform_rate). */
	x = (p->services_collab_leverage * f.real[DOM_COLLABORATION]
	     + p->services_platform_share * f.real[DOM_VALUE_CREATION]) * yr.k.inv_collab_half;
	y[S_PLATFORM] = x > 0.0 ? x / (1.0 + x) : 0.0;
}

void model_outputs(double t0, double t1, const double y0[S_COUNT], const double y1[S_COUNT],
                   const struct model_params *p, const struct model_year *yr,
                   const double *prev, double out[OV_COUNT])
{
	const struct finance_year *fin = &yr->fin;
	struct model_flows f;
	const double period = t1 - t0, P = yr->price_index;
	double om, invest = 0.0, desired = 0.0, renewal = 0.0, own_cost, cofunded, loan_balance;
	double money_gap, paper, capacity, realised, released, cash, incident_cost, unabsorbed;
	double incidents;

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
	out[OV_legacy_backlog_eur] = legacy_backlog(p, y1[S_LEGACY]) * P;
	out[OV_services_online] = y1[S_MATURITY] * p->services_count;
	out[OV_base_budget_eur] = yr->base_budget * period;
	out[OV_transformation_budget_eur] = yr->transformation * period;
	out[OV_mandate_funding_eur] = yr->mandate_topup * period;
	out[OV_peer_pull_eur] = yr->peer_topup * period;
	out[OV_reinvested_savings_eur] = yr->reinvest * period;
	out[OV_topup_eur] = FLOW(S_CUM_TOPUP);
	/* hazard * incident cost * P, the last two fixed for the year; in a
	** stochastic run the incidents that happened (MODEL.md 7.1). */
	incidents = yr->ev ? events_between(yr->ev, t0, t1) : FLOW(S_CUM_INCIDENTS);
	incident_cost = p->security_incident_cost_eur * P * incidents;
	out[OV_incident_funding_eur] = incident_cost;
	out[OV_grants_eur] = fin->grants * cofunded;
	out[OV_loans_eur] = fin->loan_draw * period;
	out[OV_partner_eur] = fin->partner * cofunded;
	out[OV_om_legacy_eur] = FLOW(S_CUM_OM_LEGACY);
	out[OV_om_modern_eur] = FLOW(S_CUM_OM_MODERN);
	out[OV_om_digital_eur] = FLOW(S_CUM_OM_DIGITAL);
	out[OV_incident_cost_eur] = incident_cost;
	out[OV_recruitment_eur] = yr->recruitment * period;
	out[OV_debt_service_eur] = (fin->interest + fin->repayment) * period;
	out[OV_interest_eur] = fin->interest * period;
	out[OV_service_fees_eur] = fin->fees * period;
	/* The balance moves evenly through the year, as the flows do. */
	loan_balance = fin->loan_balance + (fin->repayment - fin->loan_draw)
	               * ((double)yr->year + 1.0 - t1);
	out[OV_loan_balance_eur] = loan_balance > 0.0 ? loan_balance : 0.0;
	/* gap = (1 - phi)(D0 + (1 - a_pol) surplus) + (1 - psi) cofunded total,
	** D0 the plan of the domains other than policies; the part money
	** alone would have cut uses phi_m and psi_m, the rest is capacity. */
	money_gap = FLOW(S_CUM_GAPM) + yr->cofunded_total * FLOW(S_CUM_CUT2M);
	out[OV_funding_gap_eur] = money_gap;
	/* The difference of two totals carries their rounding: what is below
	** half a cent is none. */
	unabsorbed = desired * FLOW(S_CUM_CUT)
	             + (1.0 - yr->share[DOM_POLICIES]) * FLOW(S_CUM_CUT_SURPLUS)
	             + yr->cofunded_total * FLOW(S_CUM_CUT2) - money_gap;
	out[OV_unabsorbed_eur] = unabsorbed > 0.005 ? unabsorbed : 0.0;
	out[OV_grant_lapsed_eur] = fin->grants * FLOW(S_CUM_CUT2);
	out[OV_treasury_eur] = yr->committed * period;
	own_cost = invest + out[OV_debt_service_eur] + out[OV_service_fees_eur]
	           - out[OV_grants_eur] - out[OV_loans_eur] - out[OV_partner_eur] - renewal;
	/* 12.6: the strategy's cost leaves out the renewal the base budget
	** pays from its surplus, and outside money; debt service and fees (paid
	** by the treasury) are in. */
	out[OV_own_cost_eur] = own_cost;
	out[OV_added_savings_eur] = FLOW(S_CUM_SAVINGS) - yr->savings_ref * period;
	/* 12.6: benefits against the first day's state, split as public
	** finance splits them. */
	paper = p->savings_postage_per_transaction_eur * p->savings_transactions_per_year
	        * (FLOW(S_CUM_ADOPTION) - p->adoption_initial * period) * P;
	realised = p->savings_realisation_share * (out[OV_added_savings_eur] - paper);
	released = p->savings_posts_released_share * realised;
	capacity = realised - released;
	out[OV_om_avoided_eur] = yr->om_ref * P * period - om;
	out[OV_paper_avoided_eur] = paper;
	out[OV_posts_released_eur] = released;
	out[OV_incidents_avoided_eur] = yr->incident_ref * P * period - incident_cost;
	cash = out[OV_om_avoided_eur] + paper + released + out[OV_incidents_avoided_eur];
	out[OV_cash_benefit_eur] = cash;
	out[OV_capacity_benefit_eur] = capacity;
	out[OV_staff_hours_freed] = realised / (p->workforce_hour_cost_eur * P);
	out[OV_cum_net_benefit_eur] = (prev ? prev[OV_cum_net_benefit_eur] : 0.0) + cash - own_cost;
	out[OV_expected_incidents] = incidents;
	out[OV_adoption_ceiling] = f.ceiling;
	out[OV_peer_maturity] = yr->peer_maturity;
	out[OV_mandate_pressure] = f.mandate_gap;
	out[OV_effectiveness] = f.effectiveness;
	out[OV_workforce_trained] = y1[S_TRAINED];
	out[OV_double_running_share] = y1[S_DOUBLE];
	out[OV_platform_level] = y1[S_PLATFORM];
	out[OV_cynicism] = y1[S_CYNICISM];
	out[OV_leadership_capacity] = y1[S_LEADERSHIP];
	out[OV_political_commitment] = y1[S_COMMITMENT];
	out[OV_citizen_satisfaction] = f.satisfaction;
	out[OV_absorption_capacity_eur] = f.capacity * period;
	out[OV_project_loss_eur] = FLOW(S_CUM_LOSS);
	out[OV_project_overrun] = f.overrun;
#undef FLOW
}

/* ---------------------------------------------------------------------- */

static const char *const state_names[S_COUNT] = {
	"cash_eur", "workforce_skill", "legacy_share", "change_resistance",
	"service_maturity", "citizen_adoption",
	"workforce_trained", "double_running_share", "platform_level", "cynicism",
	"leadership_capacity", "political_commitment",
	"modern_stage_1", "modern_stage_2", "modern_stage_3",
	"infrastructure_pipeline_1_eur", "infrastructure_pipeline_2_eur",
	"infrastructure_pipeline_3_eur",
	"services_pipeline_1_eur", "services_pipeline_2_eur", "services_pipeline_3_eur",
	"cumulative_topup_eur",
	"cumulative_om_legacy_eur", "cumulative_om_modern_eur", "cumulative_om_digital_eur",
	"cumulative_savings_eur",
	"cumulative_expected_incidents", "cumulative_cut_ratio_yr",
	"cumulative_cut_surplus_eur", "cumulative_surplus_eur",
	"cumulative_cofunding_cut_ratio_yr",
	"cumulative_money_gap_eur", "cumulative_cofunding_money_cut_ratio_yr",
	"cumulative_adoption_yr", "cumulative_project_loss_eur",
};

int model_state_is_money(size_t i)
{
	switch (i) {
	case S_CASH: case S_INFRA_PIPE: case S_INFRA_PIPE2: case S_INFRA_PIPE3:
	case S_SERV_PIPE: case S_SERV_PIPE2: case S_SERV_PIPE3:
	case S_CUM_TOPUP: case S_CUM_OM_LEGACY: case S_CUM_OM_MODERN: case S_CUM_OM_DIGITAL:
	case S_CUM_SAVINGS: case S_CUM_CUT_SURPLUS:
	case S_CUM_SURPLUS: case S_CUM_GAPM: case S_CUM_LOSS:
		return 1;
	default:
		return 0;
	}
}

const char *model_state_name(size_t i)
{
	return i < S_COUNT ? state_names[i] : "?";
}

void model_state_range(size_t i, double *lo, double *hi)
{
	switch (i) {
	case S_SKILL: case S_LEGACY: case S_RESISTANCE: case S_MATURITY: case S_ADOPTION:
	case S_TRAINED: case S_DOUBLE: case S_PLATFORM: case S_CYNICISM: case S_LEADERSHIP:
	case S_COMMITMENT: case S_MODERN: case S_MODERN2: case S_MODERN3:
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
	case S_CUM_OM_DIGITAL: case S_CUM_SAVINGS:
	case S_CUM_INCIDENTS: case S_CUM_CUT: case S_CUM_CUT_SURPLUS:
	case S_CUM_SURPLUS: case S_CUM_CUT2: case S_CUM_GAPM:
	case S_CUM_CUT2M: case S_CUM_ADOPTION: case S_CUM_LOSS:
		*lo = -HUGE_VAL;
		*hi = HUGE_VAL;
		break;
	default:            /* cash and the procurement pipelines */
		*lo = 0.0;
		*hi = HUGE_VAL;
	}
}
