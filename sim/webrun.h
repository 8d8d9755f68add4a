/*
** webrun.h: one run of the model for the what-if page (web/, make web),
** behind a small interface that JavaScript calls in the WebAssembly build:
** the page writes each fiscal year's parameters into a buffer of doubles,
** as `dtsim params --json` gave them (auto values NaN), changes what the
** user moved, and calls webrun_run, which checks every value against the
** registry, derives the auto values (models/profile.c), runs the engine
** and computes the KPIs, exactly as `dtsim run` does after resolving a
** scenario. Links with the model, the engine (engine_nogsl.c: euler and
** rk4) and the C library alone.
*/
#ifndef DTSIM_WEBRUN_H
#define DTSIM_WEBRUN_H

#include <stddef.h>

struct webrun;

/* A workspace for runs of up to max_years fiscal years (1 to 1000); NULL
** when out of memory or max_years is out of range. Free with webrun_free
** (NULL is a no-op). */
struct webrun *webrun_new(size_t max_years);
void webrun_free(struct webrun *w);

/* Doubles per fiscal year in webrun_input (webdata_nparam: every parameter
** slot and schedule_active, in the order of struct model_params). */
size_t webrun_nparam(void);

/* The input buffer: max_years x webrun_nparam() doubles, year k's values
** from k x webrun_nparam(); owned by w, written by the caller. */
double *webrun_input(struct webrun *w);

/* Sets how many named sections of kind k (enum params_named) every year
** has. Returns 0, or -1 when k or n is out of range. */
int webrun_set_named(struct webrun *w, int k, size_t n);

/*
** Runs the first nyears years of the input: checks every value in use
** against its key's range (registry_check; NaN only for a PF_AUTO key),
** derives the auto values, runs the engine, computes the KPIs. Returns 0,
** or -1 with webrun_error saying what is wrong ("municipality.inhabitants
** = 1e9 is out of range; allowed: ...", or the engine's message).
*/
int webrun_run(struct webrun *w, size_t nyears);

/*
** What webrun_run does before the engine: checks and derives the first
** nyears years of the input, so that webrun_derived gives each year's
** values (the page asks what an auto key comes to in every year, the base
** of a year-block key's shift: README, "The what-if page"). Returns 0, or
** -1 with webrun_error saying what is wrong. Leaves no rows and no KPIs.
*/
int webrun_derive(struct webrun *w, size_t nyears);

/* The message of the last failed webrun_run or webrun_derive ("" after a success). */
const char *webrun_error(const struct webrun *w);

/* The rows of the last successful run: webrun_rows() x webrun_cols()
** doubles, row-major, columns as outvars.def; owned by w. */
const double *webrun_series(const struct webrun *w);
size_t webrun_rows(const struct webrun *w);
size_t webrun_cols(void);

/* The KPIs of the last successful run (kpis.def order, NaN where a KPI
** does not exist); webrun_kpi_count() of them; owned by w. */
const double *webrun_kpis(const struct webrun *w);
size_t webrun_kpi_count(void);

/* The derived parameters of year k of the last run or webrun_derive
** (webrun_nparam() doubles: what the auto values came to), or NULL when k
** is beyond it. */
const double *webrun_derived(const struct webrun *w, size_t k);

#endif
