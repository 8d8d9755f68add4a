/*
** mcwrite.h: the files of `dtsim mc` (and of `dtsim merge`, which writes
** the same bytes) from the results of its studies (mc.h); README, "Monte
** Carlo", documents them:
**   DIR/<id>.mc.csv       year, then C_mean,C_p5,C_p25,C_p50,C_p75,C_p95 for
**                         every core column C (mc_core), one row per year;
**   DIR/<id>.mc_hist.csv  kpi,bin_lo,bin_hi,count: each KPI's histogram;
**   DIR/mc_summary.csv    scenario,measure,mean,sd,p5,p25,p50,p75,p95: the
**                         KPIs, then the probabilities (mean the
**                         probability, sd its standard error).
** Every file is written whole or not at all: all to temporaries first,
** then renamed into place together with the runs files the caller wrote.
*/
#ifndef DTSIM_MCWRITE_H
#define DTSIM_MCWRITE_H

#include <stddef.h>

#include "afile.h"
#include "err.h"
#include "mc.h"

/* The percentiles of the files, in their order, and their column suffixes. */
#define MCWRITE_NPCT 5
extern const double mcwrite_pct[MCWRITE_NPCT];
extern const char *const mcwrite_pct_names[MCWRITE_NPCT];

/*
** Writes the files of the n complete results r[] (every shard held) into
** dir and commits them, and with them runs[i] (the <id>.mc_runs.csv of
** r[i] being written, or NULL; runs may be NULL), which are then the
** function's. Where runs[i] is NULL, a <id>.mc_runs.csv of an earlier
** study is removed, so that it cannot stand beside this study's files.
** Returns 0, or -1 with e: then nothing new is in dir (every temporary,
** runs[] too, is removed).
*/
int mcwrite_all(const char *dir, struct mc_result *const *r, size_t n, struct afile **runs,
                struct err *e);

/* Writes the header line of <id>.mc_runs.csv: "run" and the KPIs. Returns
** 0, or -1 when the stream failed. */
int mcwrite_runs_header(FILE *f);

/* Writes into buf (len bytes) the line that reports r's failed runs:
** "dtsim: ID: K of N runs failed and are left out (the first, run R: WHY)".
** Returns 0 when no run failed (buf is then empty), 1 otherwise. */
int mcwrite_failed_text(const struct mc_result *r, char *buf, size_t len);

/*
** The statistics of measure m of r: out[0] the mean, out[1] the standard
** deviation, out[2 + i] percentile mcwrite_pct[i]; NaN where there is
** none. scratch has room for r->st.runs values (exact results). For a
** probability, out[0] is its estimate and out[1] its standard error.
*/
void mcwrite_stats(const struct mc_result *r, size_t m, double *scratch,
                   double out[2 + MCWRITE_NPCT]);

#endif
