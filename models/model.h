/*
** model.h: the dtsim domain model as pure functions.
**
** The model is a set of stocks (the state vector y) whose rates of change
** depend only on (t, y, parameters, the fiscal year's appropriation). It does
** no I/O and keeps no state of its own. The engine owns time: it calls
** model_year_begin() at every fiscal-year boundary, integrates model_deriv()
** within the year, and asks model_outputs() for each CSV row.
** Equations, units and sources: docs/MODEL.md.
*/
#ifndef DTSIM_MODEL_H
#define DTSIM_MODEL_H

#include <stddef.h>

#include "finance.h"
#include "outvars.h"
#include "params.h"

/* Stocks. Money in EUR, indices and shares in 0..1. The S_CUM_* stocks are
** running totals (money accounts); a period's flow is their difference. The
** spend of each domain needs no total of its own: within a fiscal year it is
** a fixed combination of the last three, and the budget received is a rate
** fixed for the year times the period (MODEL.md 2.6). */
enum state_index {
	S_CASH, S_SKILL, S_LEGACY, S_RESISTANCE, S_MATURITY, S_ADOPTION,
	S_INFRA_PIPE, S_INFRA_PIPE2, S_INFRA_PIPE3,  /* procurement delay, EUR */
	S_SERV_PIPE, S_SERV_PIPE2, S_SERV_PIPE3,
	S_CUM_TOPUP, S_CUM_OM_LEGACY, S_CUM_OM_MODERN, S_CUM_OM_DIGITAL,
	S_CUM_INCIDENT_COST, S_CUM_SAVINGS, S_CUM_INCIDENTS,
	S_CUM_CUT,             /* integral of 1 - phi (own plan cut), yr */
	S_CUM_CUT_SURPLUS,     /* integral of (1 - phi) * surplus, EUR */
	S_CUM_SURPLUS,         /* integral of the base-budget surplus, EUR */
	S_CUM_CUT2,            /* integral of 1 - psi (co-funded projects cut), yr */
	S_COUNT
};

/* Constants derived from one year's parameters, computed once a year so
** that the flows multiply where the equations divide (MODEL.md 9). */
struct model_coef {
	double to_real;          /* 1 / price index: EUR of the year to first-year EUR */
	double inv_drawdown;     /* 1 / budget.drawdown_years */
	double inv_lifetime;     /* 1 / legacy.lifetime_years */
	double inv_mod_cost;     /* 1 / (portfolio value * modernisation_cost_factor) */
	double inv_min_mod;      /* 1 / legacy.min_modernisation_years */
	double inv_min_delivery; /* 1 / services.min_delivery_years */
	double inv_count;        /* 1 / services.count */
	double inv_drop;         /* 1 / adoption.drop_years */
	double courses_per_eur;  /* staff_literacy_share / (staff * training_cost_eur) */
	double decay_rate;       /* ln 2 / workforce.skill_half_life */
	double inv_staff;        /* 1 / workforce.staff */
	double inv_ref_res;      /* 1 / (1 - effect.reference_resistance) */
	double inv_ref_skill;    /* 1 / effect.reference_skill */
	double inv_cm_cost;      /* 1 / (staff * resistance.cm_cost_eur) */
	double inv_drift;        /* 1 / resistance.drift_years */
	double norm_mult;        /* 1 + norms.strength * norms.training_boost */
};

/* Fills k from p at price index `price`. */
void model_coef_init(const struct model_params *p, double price, struct model_coef *k);

/* Quantities fixed for one fiscal year at its first day (appropriation). */
struct model_year {
	int year;
	double base_trend;      /* EUR/yr: last year's times (1 + budget.growth_rate) */
	double base_budget;     /* EUR/yr: the trend after this year's shocks */
	double price_index;     /* 1 in the first year, then times (1 + budget.cost_inflation) */
	double transformation;  /* EUR/yr received: budget or schedule, plus top-ups */
	double mandate_topup;   /* EUR/yr of it from the mandate (coercive) */
	double peer_topup;      /* EUR/yr of it from peer pull (mimetic) */
	double reinvest;        /* EUR/yr, from last year's savings */
	double peer_maturity;   /* 1 */
	double mandate_on;      /* 1 while the mandate applies, after_deadline after it, else 0 */
	double planned[DOM_COUNT]; /* EUR/yr planned from transformation and reinvestment */
	double share[DOM_COUNT];   /* allocation shares, for the base-budget surplus */
	double cum_savings_start;  /* S_CUM_SAVINGS on the first day, to measure the year's savings */
	struct finance_year fin;   /* grants, partners, loans, fees (EUR/yr) */
	double committed;          /* EUR/yr: debt service and service fees */
	double cofunded_total;     /* EUR/yr: the co-funded projects, all domains */
	double savings_ref;        /* EUR/yr: savings at the initial adoption, this year's prices */
	struct model_coef k;       /* this year's derived constants */
};

/* Every intermediate quantity of the model at one instant (rates per year).
** model_deriv and model_outputs both compute it; tests read it. */
struct model_flows {
	double income;          /* EUR/yr: base + transformation + reinvestment */
	double om_legacy, om_modern, om_digital, om; /* EUR/yr */
	double surplus;         /* EUR/yr of base budget left after O&M */
	double planned[DOM_COUNT];  /* EUR/yr, transformation plan plus surplus */
	double invest[DOM_COUNT];   /* EUR/yr actually spent */
	double real[DOM_COUNT];     /* invest in first-year prices: what it buys */
	double invest_total, funded_ratio, cofunded_ratio, shortfall, topup;
	double hazard, incident_cost; /* 1/yr, EUR/yr */
	double effectiveness, lost_time, mandate_gap, priority;
	double infra_delivered, serv_delivered; /* EUR/yr leaving procurement */
	double infra_pipe[3], serv_pipe[3];     /* EUR/yr: d/dt of the pipeline stages */
	double aging, modernisation;            /* share/yr */
	double cost_per_service, delivery, obsolescence, quality; /* EUR, share/yr, share/yr, 1 */
	double skill_gain, skill_turnover, skill_decay;   /* index/yr */
	double resist_cm, resist_wins, resist_fatigue, resist_fear, resist_drift; /* index/yr */
	double inclusion_ceiling, ceiling, imitation, adoption_rate; /* 1, 1, 1/yr, share/yr */
	double savings;         /* EUR/yr */
	double cash_rate;       /* EUR/yr */
};

/* Sets y to the initial stocks. */
void model_init(const struct model_params *p, double y[S_COUNT]);

/*
** Fixes the appropriation of fiscal year `year` from the stocks on its first
** day. prev is the previous year's record, or NULL in the first year (then
** the base budget is budget.it_base_eur and last year's savings are taken at
** the initial rate).
*/
void model_year_begin(const struct model_params *p, int year, const double y[S_COUNT],
                      const struct model_year *prev, struct model_year *yr);

/* Computes every flow at (t, y). */
void model_flows(double t, const double y[S_COUNT], const struct model_params *p,
                 const struct model_year *yr, struct model_flows *f);

/* Rates of change of every stock at time t (calendar years). Returns 0. */
int model_deriv(double t, const double y[S_COUNT], double dydt[S_COUNT],
                const struct model_params *p, const struct model_year *yr);

/*
** One CSV row for the period [t0, t1]: stocks from y1 (at t1), flows from
** y1 - y0, running sums (cum_net_benefit_eur) from the previous row prev
** (NULL for the first row). out[OV_year] is t0.
*/
void model_outputs(double t0, double t1, const double y0[S_COUNT], const double y1[S_COUNT],
                   const struct model_params *p, const struct model_year *yr,
                   const double *prev, double out[OV_COUNT]);

/* A stock's name (as in the CSV where it has a column) and physical range. */
const char *model_state_name(size_t i);
void model_state_range(size_t i, double *lo, double *hi);

/* Slack allowed outside a physical range before a run is stopped, to absorb
** rounding in the integrator (MODEL.md section 9). */
#define MODEL_RANGE_SLACK 1e-9

#endif
