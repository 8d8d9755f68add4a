/*
** mc.h: the runs of a Monte Carlo study of one scenario, for `dtsim mc`
** and `dtsim merge`: which measures a study keeps, the runs (on threads,
** over the blocks of run indices of one shard), and the result that the
** writer (mcwrite.h) and the partial files (mcpart.h) take.
**
** Run r of a study: every uncertain parameter i draws u from its stream
** (seed, r, id_i) (stream.h) and takes the value quantile(i, u); apply sets
** those values in a copy of the scenario's resolved years; the engine runs
** them (sim.report_step is set to 1: the study keeps fiscal years); the
** KPIs are computed. In the stochastic mode the run's engine also draws
** the model's incidents and overruns, from the event streams of (seed, r)
** (evstreams.h). A run that fails is left out of every statistic and
** counted.
**
** Measures, in this order: the KPIs of models/kpis.def; the four
** probabilities (0 or 1 in each run; their mean is the probability);
** then for every fiscal year every core column (MC_CORE) in that year.
**
** Runs are taken in blocks of MC_BLOCK run indices; a shard K of N is the
** blocks floor(B (K-1) / N) .. floor(B K / N) - 1 of the B blocks. Within
** a block, sums are added in run order; across blocks exactly (mcstat.h),
** so results do not depend on which thread took which block.
*/
#ifndef DTSIM_MC_H
#define DTSIM_MC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "mcstat.h"
#include "outvars.h"
#include "params.h"
#include "summary.h"

/* Run indices per block. */
#define MC_BLOCK 64
/* The core columns of <id>.csv that <id>.mc.csv gives per year. */
#define MC_NCORE 9
extern const enum outvar mc_core[MC_NCORE];
/* The probabilities of mc_summary.csv. */
enum mc_prob { MC_P_TARGET, MC_P_PAYBACK, MC_P_FUNDING_GAP, MC_P_RESISTANCE, MC_NPROB };
extern const char *const mc_prob_names[MC_NPROB];
/* The most runs of a study (run indices are 64-bit; this keeps counts,
** blocks and memory within reason) and of shards. */
#define MC_RUNS_MAX UINT64_C(1000000000000)
#define MC_SHARDS_MAX 100000
/* The default threshold of p_resistance_above: the registry's default
** starting resistance, resistance.initial. */
#define MC_RESISTANCE_DEFAULT 0.5

/*
** The uncertain parameters of a scenario as the study draws them: n of
** them, id[i] the stream id of parameter i; quantiles(ctx, i, u, x, m)
** sets x[k] to its value for the uniform u[k] in (0, 1), k < m (at most
** MC_BLOCK); apply(ctx, x, years, nyears) sets the values
** x[0..n-1] in the resolved years (0, or -1 when they cannot be applied:
** the run fails). apply is called on the same copy of the years run after
** run, so it must set everything a draw changes from the draws alone
** (unc_apply does). Both must be safe to call from several threads at
** once (they read ctx only).
*/
struct mc_draws {
	size_t n;
	const uint64_t *id;
	uint64_t sid;         /* the stochastic mode's event streams: 0, or with
	                      ** --independent stream_id(scenario id) (evstreams.h) */
	void (*quantiles)(const void *ctx, size_t i, const double *u, double *x, size_t m);
	int (*apply)(const void *ctx, const double *x, struct model_params *years, size_t nyears);
	const void *ctx;
};

/* What defines a study (the same for every shard of it). */
struct mc_study {
	uint64_t seed;
	uint64_t runs;            /* N */
	double resistance_above;  /* p_resistance_above: end resistance > this */
	double target_by;         /* p_target_reached: target_year <= this
	                          ** (NaN: the last year of the horizon) */
	uint64_t exact_max;       /* percentiles are exact up to this many runs,
	                          ** binned above (dtsim mc: MCSTAT_EXACT_MAX) */
	int stochastic;           /* 1: the runs draw the model's events too
	                          ** (docs/MODEL.md 7.1; evstreams.h) */
};

/* How to run it. */
struct mc_opts {
	unsigned threads;     /* >= 1 */
	unsigned shard, nshards;  /* 1-based shard of nshards (1 of 1: all) */
	FILE *runs_out;       /* with --runs-csv: each run's line (mc_runs_line)
	                      ** is written here in run order (or NULL) */
	int runs_partial;     /* 1: in the form of a partial file (mcpart.h) */
	FILE *progress;       /* a terminal to draw the progress bar on, or NULL */
	const char *label;    /* the scenario id, for the progress bar */
};

/* The result of a study of one scenario (or of one shard of it). */
struct mc_result {
	char *id;                 /* the scenario id (owned) */
	long start_year;          /* sim.start_year */
	size_t nyears;            /* fiscal years */
	struct mc_study st;
	double target_by;         /* resolved: never NaN */
	int exact;                /* 1: runs <= st.exact_max, values kept */
	size_t nmeas;             /* KPI_COUNT + MC_NPROB + nyears * MC_NCORE */
	struct mcstat_bins *bins; /* nmeas */
	double *shift;            /* nmeas: the scenario's own run (0 where NaN) */
	struct mcstat_acc *acc;   /* nmeas */
	double *val;              /* exact: nmeas x runs, value of run r of measure m
	                          ** at val[m * runs + r]; NaN for a run not held;
	                          ** NULL until mc_result_values (no run held) */
	unsigned char *held;      /* with val: runs flags, 1 for a run held (and ran) */
	uint64_t failed;          /* runs that failed */
	uint64_t first_failed;    /* the lowest of them */
	char *why;                /* its message (owned; NULL when none or unknown) */
	unsigned char *shards;    /* nshards flags: the shards this result holds */
	unsigned nshards;
};

/* The index of measure: KPI k, probability p, core column c in year y. */
#define MC_M_KPI(k) ((size_t)(k))
#define MC_M_PROB(p) ((size_t)KPI_COUNT + (size_t)(p))
#define MC_M_CORE(y, c) ((size_t)KPI_COUNT + MC_NPROB + (size_t)(y) * MC_NCORE + (size_t)(c))

/* The run indices of shard k of n (1-based) in a study of runs runs:
** [*first, *end). */
void mc_shard_range(uint64_t runs, unsigned k, unsigned n, uint64_t *first, uint64_t *end);

/*
** Runs the study st of the resolved scenario years[0..nyears-1] (id names
** it) with the draws d and options o: the shard o->shard of o->nshards on
** o->threads threads. On success *out is a new result (mc_result_free).
** Returns 0 (runs that failed are counted in the result), or -1 with e
** filled when the scenario's own run fails, memory runs out or a thread
** cannot be started.
*/
int mc_run(const char *id, const struct model_params *years, size_t nyears,
           const struct mc_study *st, const struct mc_draws *d, const struct mc_opts *o,
           struct mc_result **out, struct err *e);

/*
** A result with no runs yet, for a reader of partial files: the measures of
** a study of nyears years from start_year, nshards shards, the bins and
** shifts to be filled by the reader. Returns NULL when out of memory.
*/
struct mc_result *mc_result_new(const char *id, long start_year, size_t nyears,
                                const struct mc_study *st, unsigned nshards);

/* Adds the shards of b into a (the same study). Returns 0, or -1 with e
** when they are not of the same study, or hold a shard both. */
int mc_result_merge(struct mc_result *a, const struct mc_result *b, struct err *e);

void mc_result_free(struct mc_result *r);

/* Writes run r's line of <id>.mc_runs.csv, "RUN,KPI...\n" with the KPIs
** kpi[0..KPI_COUNT-1] as csvout_number writes numbers; with partial, the
** line of a partial file instead: "r RUN X..." with each KPI as a hex
** float ("%a"), "-" for none. Returns 0, or -1 when the stream failed. */
int mc_runs_line(FILE *f, int partial, uint64_t r, const double *kpi);

/* Allocates the values of an exact result (val, held) when it has none
** yet; a no-op otherwise. Returns 0, or -1 when out of memory. */
int mc_result_values(struct mc_result *r);

/* Sets up the accumulators of a result from mc_result_new once its bins
** are filled. Returns 0, or -1 when out of memory. */
int mc_result_ready(struct mc_result *r);

#endif
