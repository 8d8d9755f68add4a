/*
** engine.h: time, events and integration. Runs the model over the fiscal
** years of a resolved scenario with GSL odeiv2 (rk4, rkf45) or Euler,
** applies each year's parameters and appropriation at its first day, checks
** every stock after every step, and records a row per report step.
*/
#ifndef DTSIM_ENGINE_H
#define DTSIM_ENGINE_H

#include <stddef.h>

#include "err.h"
#include "params.h"

/* A time series: rows x cols values, row-major, cols = OV_COUNT. */
struct series {
	size_t rows, cols;
	double *v;     /* owned; free with series_free */
};

void series_free(struct series *s);

/* A reusable workspace (GSL steppers, state vectors). Allocate once, run
** many times. NULL when out of memory; engine_free(NULL) is a no-op. */
struct engine *engine_new(void);
void engine_free(struct engine *en);

/*
** Runs the scenario whose per-year parameters are years[0..nyears-1]
** (years[0] also gives sim.dt, sim.method, sim.report_step). When out is not
** NULL it receives the rows (replacing what it held). Returns 0, or -1 with
** e saying which stock left its range or turned non-finite, and when.
*/
int engine_run(struct engine *en, const struct model_params *years, size_t nyears,
               struct series *out, struct err *e);

#endif
