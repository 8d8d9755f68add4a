/*
** fuzz_run.c: libFuzzer harness for a short full run: a fuzzed scenario,
** loaded and resolved as `dtsim run` does, run by the engine
** (engine_new/engine_run, sim/engine.h).
**
** Input: a scenario file and --set lines, as for fuzz_scenario (fuzzscen.h).
** A horizon longer than FUZZ_RUN_YEARS is cut to it (--set sim.years), so a
** run stays short. A scenario that does not load or resolve, and an engine
** error returned as data, are fine. A finding is a crash, a sanitizer
** report, a hang, a series of the wrong shape, a NaN or an infinity in
** any value of the series, or in a KPI of summary.csv (where NaN is not
** "never").
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "csvout.h"
#include "engine.h"
#include "fuzzscen.h"
#include "outvars.h"
#include "scenario.h"
#include "summary.h"

/* The longest horizon run, in years. */
#define FUZZ_RUN_YEARS 3

/* Loads, sets and resolves; the horizon is cut to FUZZ_RUN_YEARS. Returns
** the scenario (owned by the caller) with *yr, *n, or NULL. */
static struct scenario *prepare(const char *path, const struct fuzz_scen *in,
                                struct model_params **yr, size_t *n)
{
	char set[32];
	struct scenario *sc;
	struct err e;

	err_clear(&e);
	if (scenario_load(path, &sc, &e) != 0) {
		fuzz_check_err(&e);
		return NULL;
	}
	for (size_t i = 0; i < in->nset; i++)
		if (scenario_set(sc, in->set[i], &e) != 0) {
			fuzz_check_err(&e);
			scenario_free(sc);
			return NULL;
		}
	if (scenario_resolve(sc, yr, n, &e) == 0 && *n > FUZZ_RUN_YEARS) {
		free(*yr);
		snprintf(set, sizeof set, "sim.years=%d", FUZZ_RUN_YEARS);
		if (scenario_set(sc, set, &e) != 0)
			fuzz_fail("%s: %s", set, e.msg);
		if (scenario_resolve(sc, yr, n, &e) == 0 && *n != FUZZ_RUN_YEARS)
			fuzz_fail("%s gave %zu years", set, *n);
	}
	if (!*yr) {
		fuzz_check_err(&e);
		scenario_free(sc);
		return NULL;
	}
	return sc;
}

/* What a finished run feeds: summary.csv's KPIs (finite, or NaN for "never"
** where a KPI allows it) and the CSV writer. */
static void check_outputs(const struct series *s, const struct model_params *first)
{
	static FILE *null;
	struct summary sum;
	struct err e;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	if (summary_compute(s, first, &sum) != 0)
		fuzz_fail("no summary of a run of %zu rows", s->rows);
	for (size_t k = 0; k < KPI_COUNT; k++)
		if (isinf(sum.v[k]) || (isnan(sum.v[k]) && k != KPI_target_year
		                        && k != KPI_payback_year))
			fuzz_fail("KPI %s = %g", summary_kpis[k].name, sum.v[k]);
	err_clear(&e);
	if (csvout_series(null, "/dev/null", s, CSVDIALECT_EN, &e) != 0)
		fuzz_fail("csvout_series: %s", e.msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct engine *en;
	struct fuzz_scen in;
	struct model_params *yr = NULL;
	struct series s = { 0, 0, NULL };
	struct scenario *sc;
	size_t n = 0;
	struct err e;

	if (!en && !(en = engine_new()))
		abort();
	sc = prepare(fuzz_scen_split(data, size, &in), &in, &yr, &n);
	free(in.buf);
	if (!sc)
		return 0;
	err_clear(&e);
	if (engine_run(en, yr, n, &s, &e) != 0) {
		fuzz_check_err(&e);
	} else {
		double per_year = 1 / yr[0].sim_report_step;

		if (s.cols != OV_COUNT || s.rows != (size_t)llround(per_year * (double)n))
			fuzz_fail("a series of %zu x %zu for %zu years at %g rows a year",
			          s.rows, s.cols, n, per_year);
		check_outputs(&s, &yr[0]);
	}
	/* Rows the engine completed before an error count too. */
	for (size_t i = 0; i < s.rows * s.cols; i++)
		if (!isfinite(s.v[i]))
			fuzz_fail("row %zu: %s = %g", i / s.cols, outvars_table[i % s.cols].name,
			          s.v[i]);
	series_free(&s);
	free(yr);
	scenario_free(sc);
	return 0;
}
