/*
** bench.c: how many baseline runs the engine does per second on one core
** (`make bench`). Not a test: speed is measured here, never asserted in a
** timed test. Prints, on stdout:
**   baseline: N runs/s                     the figure the target is set on
**   baseline, GSL rk4 stepper: N runs/s    the alternative, for MODEL.md 9
**   baseline, with series: N runs/s        the same run keeping its rows
**   baseline, euler / rkf45: N runs/s      the other methods, for reference
**   peak memory: X MiB                     getrusage ru_maxrss
** The run is scenarios/baseline.ini for 30 years, dt 1/12, RK4.
**
** sim/scenario.c is not on this branch yet, so the 30 yearly parameter
** records are built from params_defaults with sim.years = 30 (the registry
** defaults describe the same municipality as baseline.ini; the allocation
** shares differ slightly, which does not change the work per step). Switch
** to scenario_load / scenario_set("sim.years=30") / scenario_resolve when
** it exists.
*/
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "engine.h"
#include "params.h"

#define BENCH_YEARS 30
/* Seconds spent on the headline figure and on each comparison. */
#define BENCH_SECONDS 3.0
#define BENCH_COMPARE_SECONDS 1.0

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/*
** Runs the scenario for about `seconds` and returns runs per second, or -1
** (after printing the error) if a run fails. Time is read every run; one
** run takes far longer than clock_gettime.
*/
static double measure(struct engine *en, const struct model_params *years, size_t n,
                      struct series *out, double seconds)
{
	struct err e;
	double t0 = now(), t;
	long runs = 0;

	do {
		if (engine_run(en, years, n, out, &e) != 0) {
			fprintf(stderr, "bench: run failed: %s\n", e.msg);
			return -1;
		}
		runs++;
		t = now() - t0;
	} while (t < seconds);
	return (double)runs / t;
}

static void set_method(struct model_params *years, size_t n, enum sim_method m)
{
	for (size_t k = 0; k < n; k++)
		years[k].sim_method = m;
}

int main(void)
{
	struct model_params years[BENCH_YEARS];
	struct series s = { 0, 0, NULL };
	struct engine *en;
	struct rusage ru;
	double r;
	int rc = 1;

	gsl_set_error_handler_off();
	for (size_t k = 0; k < BENCH_YEARS; k++) {
		params_defaults(&years[k]);
		years[k].sim_years = BENCH_YEARS;
		years[k].sim_method = METHOD_RK4;
	}
	en = engine_new();
	if (!en) {
		fprintf(stderr, "bench: out of memory\n");
		return 1;
	}

	if ((r = measure(en, years, BENCH_YEARS, NULL, BENCH_SECONDS)) < 0)
		goto done;
	printf("baseline: %.0f runs/s\n", r);

	engine_use_gsl_rk4(en, 1);
	if ((r = measure(en, years, BENCH_YEARS, NULL, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, GSL rk4 stepper: %.0f runs/s\n", r);
	engine_use_gsl_rk4(en, 0);

	if ((r = measure(en, years, BENCH_YEARS, &s, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, with series: %.0f runs/s\n", r);

	set_method(years, BENCH_YEARS, METHOD_EULER);
	if ((r = measure(en, years, BENCH_YEARS, NULL, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, euler: %.0f runs/s\n", r);

	set_method(years, BENCH_YEARS, METHOD_RKF45);
	if ((r = measure(en, years, BENCH_YEARS, NULL, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, rkf45: %.0f runs/s\n", r);

	getrusage(RUSAGE_SELF, &ru);
	printf("peak memory: %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
	rc = 0;
done:
	series_free(&s);
	engine_free(en);
	return rc;
}
