/*
** bench.c: how many baseline runs the engine does per second on one core
** (`make bench`). Not a test: speed is measured here, never asserted in a
** timed test. Prints, on stdout:
**   baseline: N runs/s                     the figure the target is set on
**   baseline, GSL rk4 stepper: N runs/s    the alternative, for MODEL.md 9
**   baseline, with series: N runs/s        the same run keeping its rows
**   baseline, euler / rkf45: N runs/s      the other methods, for reference
**   baseline, 15 years: N runs/s           the horizon of dtsim mc's figures
**   baseline, 15 years, with KPIs: N runs/s  and its rows and summary.csv's
**                                          KPIs, what a Monte Carlo run needs
**   peak memory: X MiB                     getrusage ru_maxrss
** The run is scenarios/baseline.ini (loaded, with --set sim.years=30,
** and resolved as `dtsim run` does) for 30 years, RK4 at the default step
** (1/4 year since issue 12; 1/12 before), with no output. Run from the source tree (`make bench`), or pass the scenario's
** path as the only argument.
*/
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "engine.h"
#include "params.h"
#include "scenario.h"
#include "summary.h"

#define BENCH_SCENARIO "scenarios/baseline.ini"
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
                      struct series *out, struct summary *kpi, double seconds)
{
	struct err e;
	double t0 = now(), t;
	long runs = 0;

	do {
		if (engine_run(en, years, n, out, &e) != 0) {
			fprintf(stderr, "bench: run failed: %s\n", e.msg);
			return -1;
		}
		if (kpi && summary_compute(out, years, kpi) != 0) {
			fprintf(stderr, "bench: KPIs failed\n");
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

/* Loads the scenario with sim.years = `horizon` and RK4; prints the error
** and returns -1 on failure. *years is the caller's to free. */
static int load(const char *path, const char *horizon, struct model_params **years, size_t *n)
{
	struct scenario *sc = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = scenario_load(path, &sc, &e);
	if (rc == 0)
		rc = scenario_set(sc, horizon, &e);
	if (rc == 0)
		rc = scenario_set(sc, "sim.method=rk4", &e);
	if (rc == 0)
		rc = scenario_resolve(sc, years, n, &e);
	scenario_free(sc);
	if (rc != 0)
		fprintf(stderr, "%s:%ld: %s\n", e.file[0] ? e.file : path, e.line, e.msg);
	return rc;
}

int main(int argc, char **argv)
{
	struct model_params *years = NULL, *y15 = NULL;
	struct series s = { 0, 0, NULL };
	struct summary kpi;
	const char *path = argc > 1 ? argv[1] : BENCH_SCENARIO;
	struct engine *en;
	struct rusage ru;
	size_t ny, n15;
	double r;
	int rc = 1;

	gsl_set_error_handler_off();
	if (load(path, "sim.years=30", &years, &ny) != 0)
		return 1;
	if (load(path, "sim.years=15", &y15, &n15) != 0) {
		free(years);
		return 1;
	}
	en = engine_new();
	if (!en) {
		fprintf(stderr, "bench: out of memory\n");
		free(years);
		free(y15);
		return 1;
	}

	if ((r = measure(en, years, ny, NULL, NULL, BENCH_SECONDS)) < 0)
		goto done;
	printf("baseline: %.0f runs/s\n", r);

	engine_use_gsl_rk4(en, 1);
	if ((r = measure(en, years, ny, NULL, NULL, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, GSL rk4 stepper: %.0f runs/s\n", r);
	engine_use_gsl_rk4(en, 0);

	if ((r = measure(en, years, ny, &s, NULL, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, with series: %.0f runs/s\n", r);

	set_method(years, ny, METHOD_EULER);
	if ((r = measure(en, years, ny, NULL, NULL, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, euler: %.0f runs/s\n", r);

	set_method(years, ny, METHOD_RKF45);
	if ((r = measure(en, years, ny, NULL, NULL, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, rkf45: %.0f runs/s\n", r);

	if ((r = measure(en, y15, n15, NULL, NULL, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, 15 years: %.0f runs/s\n", r);
	if ((r = measure(en, y15, n15, &s, &kpi, BENCH_COMPARE_SECONDS)) < 0)
		goto done;
	printf("baseline, 15 years, with KPIs: %.0f runs/s\n", r);

	getrusage(RUSAGE_SELF, &ru);
	printf("peak memory: %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
	rc = 0;
done:
	series_free(&s);
	engine_free(en);
	free(years);
	free(y15);
	return rc;
}
