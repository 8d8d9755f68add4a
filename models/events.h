/*
** events.h: the stochastic mode's discrete events (MODEL.md 7.1, 14.3):
** major incidents drawn as a Poisson process from the model's hazard, and
** each fiscal year's project overrun drawn around the model's expected
** overrun. The deterministic model uses the expected values and none of
** this (a model_year whose ev is NULL).
**
** The model draws nothing itself: the caller hands in a model_rng whose
** uniform() gives the next number of one named stream of the run (for
** dtsim mc, a stream of (seed, run, name); see sim/stream.h). The draws
** are consumed in a fixed order (one per incident, one per fiscal year),
** whatever the step or method, so a run's events depend on its streams
** alone.
*/
#ifndef DTSIM_EVENTS_H
#define DTSIM_EVENTS_H

#include <stddef.h>

/* The streams a stochastic run draws from, and their names (stable: the
** hash of the name is the stream's id). */
enum model_draw { DRAW_INCIDENT, DRAW_OVERRUN, DRAW_COUNT };
extern const char *const events_draw_names[DRAW_COUNT];

struct model_rng {
	/* The next number of stream `which` of this run, uniform in (0, 1). */
	double (*uniform)(void *ctx, enum model_draw which);
	void *ctx;
};

/* At most this many incidents in one run (a hazard of 40 a year for 100
** years); more stops the run. */
#define EVENTS_MAX 4096

/* One run's events so far. */
struct model_events {
	const struct model_rng *rng;
	double next;             /* cumulative hazard at which the next incident happens */
	size_t n;                /* incidents so far */
	double at[EVENTS_MAX];   /* their times (calendar years), ascending */
};

/* Starts a run: no incidents, the first threshold drawn. */
void events_begin(struct model_events *ev, const struct model_rng *rng);

/*
** After a step from t0 to t1 over which the cumulative hazard (the stock
** S_CUM_INCIDENTS) went from lam0 to lam1: records every incident whose
** threshold the step crossed, at the time interpolated linearly within
** the step, and draws the next threshold (threshold k is the sum of k
** exponential gaps of mean 1). Returns how many incidents it recorded, or
** -1 when the run would hold more than EVENTS_MAX.
*/
int events_step(struct model_events *ev, double t0, double t1, double lam0, double lam1);

/*
** The realised intensity at time t (1/yr): the incidents still in recovery
** (t_e <= t < t_e + recovery) divided by recovery_years, the quantity whose
** expectation is the hazard; 0 when recovery_years is 0.
*/
double events_intensity(const struct model_events *ev, double t, double recovery_years);

/* The incidents with t0 <= t_e < t1. */
double events_between(const struct model_events *ev, double t0, double t1);

/*
** The fiscal year's overrun multiplier Z (mean 1) from one uniform u in
** (0, 1): the overrun X of F2 section 9 (P(X > 0.1) = 0.8, P(X > 0.5) =
** 0.18, the tail Pareto with mean 4.47 above 0.5, cut at
** PROJECTS_OVERRUN_MAX) divided by its mean (MODEL.md 14.3).
*/
double events_overrun_z(double u);

/* The mean of X above, for the documentation and tests. */
double events_overrun_mean(void);

#endif
