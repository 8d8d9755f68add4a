/*
** optimrobust.h: what the robust mode of dtsim optimise (optimise.robust_runs
** = M > 0) reports over its draws at the optimum, beside the nominal run
** that summary.csv holds: DIR/robust.csv (each KPI's and each constraint's
** measure: its value in the nominal run and its mean, standard deviation,
** 5th and 95th percentile over the M draws; each constraint's share of the
** draws in which it holds), and the lines of the report on stdout.
** docs/OPTIMISE.md, "Robust mode", defines every figure.
*/
#ifndef DTSIM_OPTIMROBUST_H
#define DTSIM_OPTIMROBUST_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "optim.h"
#include "optimspec.h"

/* The file, in DIR. */
#define OPTIMROBUST_FILE "robust.csv"

/* The percentiles reported, as probabilities. */
#define OPTIMROBUST_LO 0.05
#define OPTIMROBUST_HI 0.95

/* A measure over the draws. */
struct optimrobust_stat {
	size_t n;        /* draws in which it has a value */
	double mean, sd; /* over those n (sd: n - 1 in the denominator); NaN
	                    when n is 0 (mean) or below 2 (sd) */
	double lo, hi;   /* the OPTIMROBUST_LO and _HI percentiles over all the
	                    draws, a draw without a value ranked after every
	                    number; NaN when the interpolation needs one */
};

/*
** The statistics of x[0..m) (NaN: no value) into *out, with GSL: the
** numbers sorted (gsl_sort), gsl_stats_mean, gsl_stats_sd and
** gsl_stats_quantile_from_sorted_data (R's type 7) over the numbers
** followed by the NaNs. work holds m doubles (the caller's).
*/
void optimrobust_stat(const double *x, size_t m, double *work, struct optimrobust_stat *out);

/*
** Writes DIR/robust.csv for the draws d at the optimum (d->runs > 0), whole
** or not at all: measure,unit,nominal,mean,sd,p5,p95,runs,probability, a row
** per KPI of summary.csv (probability empty) and a row per constraint
** ("constraint.NAME": its measure; probability: the share of the M draws
** in which it holds). Returns 0, or -1 with e filled.
*/
int optimrobust_write(const char *dir, const struct optim_spec *sp,
                      const struct optim_draws *d, struct err *e);

/* Removes DIR/robust.csv, which an earlier robust run may have left: a
** run outside the robust mode must not stand beside it. Returns 0 (also
** when there was none), or -1 with e filled. */
int optimrobust_remove(const char *dir, struct err *e);

/* The objective's statistics over the draws of d into *out. Returns -1
** when out of memory. */
int optimrobust_objective(const struct optim_spec *sp, const struct optim_draws *d,
                          struct optimrobust_stat *out);

/* Prints to f what the robust mode adds to the report: the objective over
** the draws and in the nominal run, each constraint's share of the draws
** in which it holds, and which file holds which. */
void optimrobust_report(FILE *f, const struct optim_spec *sp, const struct optim_draws *d,
                        const struct optimrobust_stat *obj);

#endif
