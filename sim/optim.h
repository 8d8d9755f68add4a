/*
** optim.h: dtsim optimise's search. A problem (optim_new) is a scenario's
** resolved years, what its optimiser sections ask (optimspec.h) and, in
** the robust mode, its uncertain parameters (uncertainty.h). A point is a
** vector x in the unit cube [0, 1]^nvar that optimmap.h turns into
** decided values. optim_evaluate runs the model at a point; optim_solve
** searches with NLopt: a global stage (ISRES, which handles the
** constraints itself) from the scenario as written, then a local stage
** (COBYLA) from the best point found, seeded with nlopt_srand, so the same
** seed gives the same points. The best point is kept here, not taken from
** NLopt: a feasible point beats an infeasible one, two feasible points
** compare by the objective, two infeasible ones by their largest relative
** violation (docs/OPTIMISE.md).
*/
#ifndef DTSIM_OPTIM_H
#define DTSIM_OPTIM_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "optimspec.h"
#include "params.h"
#include "summary.h"
#include "uncertainty.h"

/* The value a run that fails (a stock out of its range) gives the search,
** in the scaled units NLopt sees: far worse than any run that succeeds. */
#define OPTIM_FAILED_PENALTY 1e10

struct optim;

/* An evaluated point. */
struct optim_point {
	double *x;       /* nvar variables; owned */
	double f;        /* the objective KPI (the mean over the draws in the
	                    robust mode); NaN when the run failed */
	double *value;   /* nc: each constraint's value: the measure (the mean
	                    over the draws), or the share of draws that meet it */
	double *margin;  /* nc: >= 0 when met, in the measure's unit (bound
	                    minus value for <=, value minus bound for >=) */
	int *year;       /* nc: the fiscal year the value is taken from */
	double viol;     /* the largest -margin / max(1, |bound|), 0 when none */
	int feasible;    /* every margin >= -tol x max(1, |bound|) */
	struct summary kpi; /* the KPIs of the run outside the robust mode; in
	                    it, not set (optim_draws gives the nominal run) */
};

/* One line of the convergence log. */
struct optim_log {
	long eval;
	int stage;       /* 0 start, 1 global, 2 local */
	double f, viol, best;  /* best: the best feasible objective so far, NaN
	                          while none is feasible */
};

struct optim_result {
	struct optim_point best, start;
	struct optim_log *log;  /* evals rows; owned */
	long evals;             /* points evaluated */
	long runs;              /* model runs made */
	long failed;            /* runs that failed */
	int status_global, status_local;  /* NLopt's return codes (0: not run) */
};

/* How to run the search. */
struct optim_opts {
	FILE *progress;         /* a terminal for the progress line, or NULL */
	const char *label;      /* the scenario id, for it */
};

/*
** A new problem: sp (which must outlive it; nvar > 0), the resolved years
** (copied), and u, the uncertain parameters (needed when
** sp->robust_runs > 0; it must outlive the problem), whose draws are made
** here once, run r of parameter i from stream (sp->seed, r, stream id of
** its name), and used at every point: common random numbers. Returns
** NULL with e filled when out of memory.
*/
struct optim *optim_new(const struct optim_spec *sp, const struct model_params *years,
                        size_t nyears, const struct unc_set *u, struct err *e);
void optim_free(struct optim *op);

/* Evaluates the point x into pt (whose arrays it allocates; free with
** optim_point_free). Returns 0, or -1 when out of memory. A run that fails
** gives f = NaN and an infeasible point. */
int optim_evaluate(struct optim *op, const double *x, struct optim_point *pt);

/* The runs of one point, draw by draw (the robust mode's report). */
struct optim_draws {
	size_t runs;             /* M = robust_runs (0 outside the robust mode) */
	size_t nc;               /* constraints */
	struct summary nominal;  /* the KPIs of the run without draws, which
	                            `dtsim run DIR/roadmap.ini` gives */
	double *nominal_value;   /* nc: each constraint's measure in that run */
	int nominal_ok;          /* 1 when that run succeeded */
	struct summary *kpi;     /* runs: the KPIs of draw r (all NaN when its
	                            run failed) */
	int *ok;                 /* runs: 1 when draw r's run succeeded */
	double *value;           /* runs x nc: constraint k's measure in draw r
	                            at [r * nc + k] (NaN when the run failed) */
	int *met;                /* runs x nc: 1 when it is met in draw r */
};

/*
** Runs the point x once without draws and, in the robust mode, once with
** each of the M draws that the search used, into *d (its arrays owned;
** optim_draws_free). Returns 0; 1 when the run without draws failed
** (d->nominal_ok 0, the draws filled); -1 when out of memory (d empty).
*/
int optim_draws(struct optim *op, const double *x, struct optim_draws *d);
void optim_draws_free(struct optim_draws *d);

/* The years of the point x: the scenario's with what x decides. Owned by
** op, valid until the next call. */
const struct model_params *optim_years(struct optim *op, const double *x);

/* Searches; *out is owned by the caller (optim_result_free). Returns 0,
** or -1 with e filled when NLopt cannot be set up or memory runs out. */
int optim_solve(struct optim *op, const struct optim_opts *o, struct optim_result **out,
                struct err *e);

void optim_point_free(struct optim_point *pt);
void optim_result_free(struct optim_result *r);

#endif
