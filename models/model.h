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
#include "modeltypes.h"
#include "outvars.h"
#include "params.h"

/* Fills k from p at price index `price`. */
void model_coef_init(const struct model_params *p, double price, struct model_coef *k);

/* Every intermediate quantity of the model at one instant (rates per year).
** model_deriv and model_outputs both compute it; tests read it. */
struct model_flows {
	double income;          /* EUR/yr: base + transformation + reinvestment */
	double om_legacy, om_modern, om_digital, om; /* EUR/yr */
	double surplus;         /* EUR/yr of base budget left after O&M */
	double planned[DOM_COUNT];  /* EUR/yr, transformation plan plus surplus */
	double invest[DOM_COUNT];   /* EUR/yr actually spent */
	double real[DOM_COUNT];     /* invest in first-year prices: what it buys */
	double invest_total, funded_ratio, cofunded_ratio, money_ratio, cofunded_money_ratio;
	double shortfall, topup;
	double capacity, utilisation, load;   /* EUR/yr absorption capacity; its use 0..1; plan / capacity */
	double desired;                       /* EUR/yr: the own plan of the domains but policies */
	double overrun, loss;                 /* expected overrun (share); EUR/yr lost to it */
	double hazard, incident_cost; /* 1/yr, EUR/yr */
	double intensity;       /* 1/yr: what incidents do; the hazard, or in a stochastic
	                        ** run the incidents in recovery / recovery_years */
	double effectiveness, lost_time, mandate_gap, priority;
	double infra_delivered, serv_delivered; /* EUR/yr leaving procurement */
	double infra_pipe[3], serv_pipe[3];     /* EUR/yr: d/dt of the pipeline stages */
	double aging, modernisation, decommissioning; /* share/yr */
	double modern_stage[3];                 /* 1/yr: d/dt of the modern share's ageing stages */
	double platform_rate;                   /* 1/yr */
	double cost_per_service, delivery, obsolescence, quality; /* EUR, share/yr, share/yr, 1 */
	double training, transfer, fade, skill_turnover, leavers_trained, skill_decay; /* index/yr */
	double resist_cm, resist_wins, resist_sponsor, resist_fatigue, resist_fear, resist_drift;
	double cynicism_in, cynicism_out;       /* index/yr */
	double leadership_rate, commitment_rate; /* index/yr */
	double inclusion_ceiling, ceiling, imitation, adoption_rate; /* 1, 1, 1/yr, share/yr */
	double savings;         /* EUR/yr */
	double satisfaction;    /* 1 */
	double cash_rate;       /* EUR/yr */
};

/* Sets y to the initial stocks. */
void model_init(const struct model_params *p, double y[S_COUNT]);

/*
** Fixes the appropriation of fiscal year `year` from the stocks on its first
** day. prev is the previous year's record, or NULL in the first year (then
** the base budget is budget.it_base_eur, nothing is reinvested, and the
** references of the benefits, the O&M and incident cost at y, are taken).
*/
void model_year_begin(const struct model_params *p, int year, const double y[S_COUNT],
                      const struct model_year *prev, struct model_year *yr);

/* Computes every flow at (t, y). */
void model_flows(double t, const double y[S_COUNT], const struct model_params *p,
                 const struct model_year *yr, struct model_flows *f);

/*
** One incident of a stochastic run (MODEL.md 7.1): what the deterministic
** model's rates -incident_effect * hazard * Pc and -trust_loss * hazard * A
** take in expectation, as a jump: commitment times exp(-politics.
** incident_effect), adoption times exp(-adoption.trust_loss).
*/
void model_incident(const struct model_params *p, double y[S_COUNT]);

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

/* 1 when stock i is money (EUR), 0 when it is an index, a share, a count
** or a running integral in years: the engine scales its tolerances and
** range slack by it (MODEL.md 9.2). */
int model_state_is_money(size_t i);

/* A stock's name (as in the CSV where it has a column) and physical range. */
const char *model_state_name(size_t i);
void model_state_range(size_t i, double *lo, double *hi);

/* Slack allowed outside a physical range before a run is stopped, to absorb
** rounding in the integrator (MODEL.md section 9). */
#define MODEL_RANGE_SLACK 1e-9

#endif
