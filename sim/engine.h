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
#include "events.h"
#include "outvars.h"
#include "params.h"

/*
** Steps rkf45 may take in one fiscal year before the run is stopped as
** stuck (a stiff or discontinuous model drives the step size towards 0).
** At the default tolerances the baseline needs a few dozen per year; the
** fixed-step methods take round(1 / sim.dt) <= 10000 per year by the
** registry's range of sim.dt. See docs/MODEL.md section 9.
*/
#define ENGINE_MAX_STEPS_PER_YEAR 100000

/* A reusable workspace (GSL steppers, state vectors). Allocate once, run
** many times. NULL when out of memory; engine_free(NULL) is a no-op. */
struct engine *engine_new(void);
void engine_free(struct engine *en);

/*
** Runs the scenario whose per-year parameters are years[0..nyears-1]
** (years[0] also gives sim.start_year, sim.dt, sim.method, sim.report_step,
** sim.rtol and sim.atol; the other years' sim.* values are not read).
** Fiscal year k covers [start_year + k, start_year + k + 1) in calendar
** years; its parameters and appropriation are fixed on its first day.
**
** When out is not NULL it receives nyears * (1 / report_step) rows
** (replacing what it held; out->v is reallocated as needed and stays owned
** by the caller). With out NULL no rows are computed at all, which is what
** a search over many runs that needs only the final state wants.
**
** Returns 0, or -1 with e saying what went wrong: a stock that left its
** range or turned non-finite ("t = 2031.250: workforce_skill = 1.2 is
** outside its range [0, 1]", key = the stock's name), an output column
** that is not finite, rkf45 exceeding ENGINE_MAX_STEPS_PER_YEAR or
** failing in GSL, or sim.dt / sim.report_step not dividing a year. On
** failure out holds the rows completed before it.
*/
int engine_run(struct engine *en, const struct model_params *years, size_t nyears,
               struct series *out, struct err *e);

/*
** Checks a state vector y[0..S_COUNT-1] at time t: every stock finite and
** within model_state_range widened by MODEL_RANGE_SLACK in the stock's
** scaled unit (1 for indices and shares, 1e6 EUR for money, as for the
** rkf45 tolerances). Returns 0, or -1 with e as for engine_run (key = the
** stock's name). engine_run does the same check after every step.
*/
int engine_check_state(double t, const double *y, struct err *e);

/*
** Selects the implementation of sim.method = rk4: 0 (the default) the
** engine's classical RK4 step (4 evaluations), 1 GSL's gsl_odeiv2_step_rk4,
** which also estimates its error by step doubling and so takes two half
** steps (about three times the work, and a smaller error). Kept so that
** `make bench` can measure both; the choice is in docs/MODEL.md section 9.
*/
void engine_use_gsl_rk4(struct engine *en, int on);

/*
** The stochastic mode (docs/MODEL.md 7.1 and 14.3): with rng, every later
** run draws its incidents as events of the model's hazard and each fiscal
** year's project overrun around the expected one, from rng's streams
** (events_draw_names; the caller gives each run its own streams); rng
** must outlive those runs. NULL (the default) is the deterministic model.
*/
void engine_set_draws(struct engine *en, const struct model_rng *rng);

#endif
