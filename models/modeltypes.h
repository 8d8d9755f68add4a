/*
** modeltypes.h: the types the sub-models share: the stocks (the state
** vector's indices), the constants derived from one year's parameters, and
** the quantities fixed for a fiscal year. The sub-models (budget, legacy,
** resistance, services, workforce, ...) include this, not model.h: they
** are parts of the model, below it.
*/
#ifndef DTSIM_MODELTYPES_H
#define DTSIM_MODELTYPES_H

#include "domains.h"
#include "finance.h"
#include "params.h"

/* Stocks. Money in EUR, indices and shares in 0..1. The S_CUM_* stocks are
** running totals (money accounts); a period's flow is their difference. The
** spend of each domain needs no total of its own: within a fiscal year it is
** a fixed combination of the last three, and the budget received is a rate
** fixed for the year times the period (MODEL.md 2.6). */
enum state_index {
	S_CASH, S_SKILL, S_LEGACY, S_RESISTANCE, S_MATURITY, S_ADOPTION,
	S_TRAINED,             /* trained, not yet applied capability, index */
	S_DOUBLE,              /* share of the portfolio replaced but still running */
	S_PLATFORM,            /* reusable platforms and components, 0..1 */
	S_CYNICISM,            /* change fatigue and cynicism, 0..1 */
	S_LEADERSHIP,          /* leadership capacity, index */
	S_COMMITMENT,          /* the council's commitment, index */
	S_MODERN, S_MODERN2, S_MODERN3,  /* the modern share, ageing in three stages */
	S_INFRA_PIPE, S_INFRA_PIPE2, S_INFRA_PIPE3,  /* procurement delay, EUR */
	S_SERV_PIPE, S_SERV_PIPE2, S_SERV_PIPE3,
	S_CUM_TOPUP, S_CUM_OM_LEGACY, S_CUM_OM_MODERN, S_CUM_OM_DIGITAL,
	S_CUM_SAVINGS, S_CUM_INCIDENTS,
	S_CUM_CUT,             /* integral of 1 - phi (own plan cut), yr */
	S_CUM_CUT_SURPLUS,     /* integral of (1 - phi) * surplus, EUR */
	S_CUM_SURPLUS,         /* integral of the base-budget surplus, EUR */
	S_CUM_CUT2,            /* integral of 1 - psi (co-funded projects cut), yr */
	S_CUM_GAPM,            /* integral of (1 - phi_m) * own plan: what money alone cut, EUR */
	S_CUM_CUT2M,           /* integral of 1 - psi_m, yr */
	S_CUM_ADOPTION,        /* integral of adoption, yr */
	S_CUM_LOSS,            /* project money lost to overruns, EUR */
	S_COUNT
};

/* Constants derived from one year's parameters, computed once a year so
** that the flows multiply where the equations divide (MODEL.md 9). */
struct model_coef {
	double to_real;          /* 1 / price index: EUR of the year to first-year EUR */
	double inv_drawdown;     /* 1 / budget.drawdown_years */
	double inv_lifetime;     /* 3 / legacy.lifetime_years: an ageing stage's rate */
	double pipe_rate;        /* 3 / procurement.delay_years: a pipeline stage's rate */
	double inv_mod_cost;     /* 1 / (portfolio value * modernisation_cost_factor) */
	double inv_min_mod;      /* 1 / legacy.min_modernisation_years */
	double inv_run_in;       /* 1 / legacy.double_running_years */
	double om_unit;          /* portfolio value * legacy.om_rate, EUR/yr */
	double inv_min_delivery; /* 1 / services.min_delivery_years */
	double inv_count;        /* 1 / services.count */
	double inv_drop;         /* 1 / adoption.drop_years */
	double courses_per_eur;  /* staff_literacy_share / (staff * training_cost_eur) */
	double decay_rate;       /* ln 2 / workforce.skill_half_life */
	double fade_rate;        /* ln 2 / workforce.unapplied_half_life */
	double inv_transfer;     /* 1 / workforce.transfer_years */
	double inv_staff;        /* 1 / workforce.staff */
	double inv_ref_res;      /* 1 / (1 - effect.reference_resistance) */
	double inv_ref_skill;    /* 1 / effect.reference_skill */
	double inv_cm_cost;      /* 1 / (staff * resistance.cm_cost_eur) */
	double inv_drift;        /* 1 / resistance.drift_years */
	double cynicism_rate;    /* ln 2 / resistance.cynicism_half_life */
	double norm_mult;        /* 1 + norms.strength * norms.training_boost */
	double inv_platform_life;  /* 1 / services.platform_life_years */
	double inv_collab_half;    /* 1 / services.collab_half_eur */
	double inv_lead_cost;      /* 1 / (staff * leadership.half_per_fte_eur) */
	double inv_memory;         /* 1 / politics.memory_years */
	double absorption;         /* EUR/yr in first-year prices at reference skill
	                           ** and leadership: staff * absorption_per_fte / delay */
	double hazard_base;        /* 1/yr: base rate * (inhabitants / 150,000)^size_exponent */
};

struct model_events;

/* Quantities fixed for one fiscal year at its first day (appropriation). */
struct model_year {
	int year;
	/* The stochastic mode (models/events.h): the run's incidents so far
	** and this year's overrun multiplier. NULL (model_year_begin's
	** value): the deterministic model, expected values. */
	const struct model_events *ev;
	double overrun_z;
	double base_trend;      /* EUR/yr: last year's times (1 + budget.growth_rate) */
	double base_budget;     /* EUR/yr: the trend after this year's shocks */
	double price_index;     /* 1 in the first year, then times (1 + budget.cost_inflation) */
	double transformation;  /* EUR/yr received: budget or schedule, plus top-ups */
	double mandate_topup;   /* EUR/yr of it from the mandate (coercive) */
	double peer_topup;      /* EUR/yr of it from peer pull (mimetic) */
	double reinvest;        /* EUR/yr, from last year's savings */
	double peer_maturity;   /* 1 */
	double mandate_on;      /* 1 while the mandate applies, after_deadline after it, else 0 */
	double mandate_gap;     /* the gap to the mandate's target on the first day (0 when off) */
	double planned[DOM_COUNT]; /* EUR/yr planned from transformation and reinvestment */
	double plan_others;        /* EUR/yr: the sum of planned[] but policies (budget_sums) */
	double share_others;       /* the sum of share[] but policies (budget_sums) */
	int instruments;           /* 1 when co-funded projects or loans spend this year */
	double share[DOM_COUNT];   /* allocation shares, for the base-budget surplus */
	double cum_savings_start;  /* S_CUM_SAVINGS on the first day, to measure the year's savings */
	struct finance_year fin;   /* grants, partners, loans, fees (EUR/yr) */
	double committed;          /* EUR/yr: debt service and service fees */
	double cofunded_total;     /* EUR/yr: the co-funded projects, all domains */
	double savings_ref;        /* EUR/yr: savings at the initial adoption, this year's prices */
	double cum_adoption_start; /* S_CUM_ADOPTION on the first day */
	double cut_start[3];       /* S_CUM_CUT, _CUT_SURPLUS and _GAPM then */
	double carry;              /* EUR/yr: last year's own plan not absorbed, planned again */
	double om_ref;             /* EUR/yr: O&M at the first day of the first year, first-year prices */
	double incident_ref;       /* EUR/yr: expected incident cost then, first-year prices */
	double hire_skill;         /* index: skill of this year's hires (recruitment) */
	double recruitment;        /* EUR/yr: recruitment spend, hires * spend per hire */
	double commitment;         /* the transformation budget's factor from commitment (1: none) */
	double capacity;           /* EUR/yr: absorption capacity, from the first day's skill and leadership */
	double inv_capacity;       /* 1 / capacity (0 when there is none) */
	struct model_coef k;       /* this year's derived constants */
};

#endif
