/*
** test_events.c: the stochastic mode's incidents and overruns
** (models/events.c, docs/MODEL.md 7.1 and 14.3).
**
** The runs draw from sim/evstreams.h's streams, as dtsim mc does: stream
** (seed, run, stream_id(name)) for each kind of event.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "engine.h"
#include "events.h"
#include "evstreams.h"
#include "outvars.h"
#include "scenario.h"
#include "summary.h"

#define BASELINE "scenarios/baseline.ini"
/* Runs per Monte Carlo check: small, for valgrind; the tolerances below
** are stated for it. */
#define RUNS 400

/* The seed of the studies here. */
#define SEED 2026

struct fixture {
	struct model_params *years;
	size_t n;
	struct engine *en;
	struct event_streams es;
};

/* Starts the streams of run i. */
static void seed_run(struct fixture *fx, uint64_t i)
{
	event_streams_seed(&fx->es, SEED, i, 0);
}

/* The baseline with one --set assignment (NULL: none), resolved. */
static void setup(struct fixture *fx, const char *set)
{
	struct scenario *sc = NULL;
	struct err e;

	gsl_set_error_handler_off();
	if (scenario_load(BASELINE, &sc, &e) != 0 || (set && scenario_set(sc, set, &e) != 0) ||
	    scenario_resolve(sc, &fx->years, &fx->n, &e) != 0)
		fail_msg("%s", e.msg);
	scenario_free(sc);
	assert_non_null(fx->en = engine_new());
	assert_int_equal(event_streams_init(&fx->es), 0);
}

static void teardown(struct fixture *fx)
{
	event_streams_release(&fx->es);
	engine_free(fx->en);
	free(fx->years);
}

static void run(struct fixture *fx, struct series *s)
{
	struct err e;

	if (engine_run(fx->en, fx->years, fx->n, s, &e) != 0)
		fail_msg("%s", e.msg);
}

/* ---- the overrun's distribution ---------------------------------------- */

/*
** X = Z * mean reproduces F2 section 9's shares: P(X <= 0.1) = 0.2 and
** P(X <= 0.5) = 0.82, so the quantiles at 0.2 and 0.82 are 0.1 and 0.5;
** X rises with u and stops at PROJECTS_OVERRUN_MAX; and Z's mean is 1: the
** integral of the quantile function by the midpoint rule (10^6 points; the
** cut tail is bounded, so the rule's error is below 1e-3).
*/
static void test_overrun_shape(void **state)
{
	const double mean = events_overrun_mean();
	const int n = 1000000;
	double sum = 0, last = 0;

	(void)state;
	assert_true(fabs(events_overrun_z(0.2) * mean - 0.1) < 1e-12);
	assert_true(fabs(events_overrun_z(0.82) * mean - 0.5) < 1e-12);
	assert_true(fabs(events_overrun_z(1 - 1e-12) * mean - 10.0) < 1e-12);
	for (int i = 0; i < n; i++) {
		double z = events_overrun_z((i + 0.5) / n);
		assert_true(z >= last);
		last = z;
		sum += z;
	}
	if (fabs(sum / n - 1.0) > 1e-3)
		fail_msg("mean of Z %.6f, not 1", sum / n);
	/* The mean of X: 0.2 * 0.05 + 0.62 * 0.3 + 0.18 * 1.748 (MODEL.md 14.3). */
	assert_true(fabs(mean - 0.5106) < 1e-3);
}

/* ---- the event list ---------------------------------------------------- */

static double fixed_u;
static double fixed(void *ctx, enum model_draw which)
{
	(void)ctx;
	(void)which;
	return fixed_u;
}

/*
** With every uniform e^-1 each gap is 1: incidents at cumulative hazard
** 1, 2, 3, ..., at times interpolated within the step; the intensity
** counts those in recovery, divided by the recovery time.
*/
static void test_event_list(void **state)
{
	static struct model_events ev;
	const struct model_rng rng = { fixed, NULL };

	(void)state;
	fixed_u = exp(-1.0);
	events_begin(&ev, &rng);
	assert_true(fabs(ev.next - 1.0) < 1e-15);
	assert_int_equal(events_step(&ev, 2026.0, 2026.25, 0.0, 0.5), 0);
	/* 0.5 -> 2.5 crosses 1 and 2, at a quarter and three quarters. */
	assert_int_equal(events_step(&ev, 2026.25, 2026.5, 0.5, 2.5), 2);
	assert_int_equal(ev.n, 2);
	assert_true(fabs(ev.at[0] - 2026.3125) < 1e-12);
	assert_true(fabs(ev.at[1] - 2026.4375) < 1e-12);
	assert_true(events_between(&ev, 2026.0, 2026.4) == 1);
	assert_true(events_between(&ev, 2026.0, 2027.0) == 2);
	assert_true(events_between(&ev, 2026.4375, 2027.0) == 1);
	assert_true(fabs(events_intensity(&ev, 2026.4, 0.5) - 2.0) < 1e-15);
	assert_true(fabs(events_intensity(&ev, 2026.5, 0.5) - 4.0) < 1e-15);
	assert_true(fabs(events_intensity(&ev, 2026.85, 0.5) - 2.0) < 1e-15);
	assert_true(events_intensity(&ev, 2027.0, 0.5) == 0);
	assert_true(events_intensity(&ev, 2026.5, 0) == 0);
}

/* ---- runs ------------------------------------------------------------- */

/*
** The deterministic model is untouched by the stochastic mode: a run after
** engine_set_draws(en, NULL) gives the fresh engine's rows bit for bit; the
** same streams give the same stochastic run, another run index or another
** scenario's streams (--independent) another.
*/
static void test_reproducible(void **state)
{
	struct fixture fx;
	struct series d0 = { 0, 0, NULL }, d1 = { 0, 0, NULL }, a = { 0, 0, NULL },
	              b = { 0, 0, NULL }, c = { 0, 0, NULL }, ind = { 0, 0, NULL };
	size_t bytes;

	(void)state;
	setup(&fx, "security.base_incident_rate = 0.1");
	run(&fx, &d0);
	engine_set_draws(fx.en, &fx.es.rng);
	seed_run(&fx, 7);
	run(&fx, &a);
	seed_run(&fx, 7);
	run(&fx, &b);
	seed_run(&fx, 8);
	run(&fx, &c);
	event_streams_seed(&fx.es, SEED, 7, stream_id("baseline"));
	run(&fx, &ind);
	engine_set_draws(fx.en, NULL);
	run(&fx, &d1);
	bytes = d0.rows * d0.cols * sizeof *d0.v;
	assert_int_equal(d1.rows, d0.rows);
	assert_memory_equal(d0.v, d1.v, bytes);
	assert_memory_equal(a.v, b.v, bytes);
	assert_memory_not_equal(a.v, c.v, bytes);
	assert_memory_not_equal(a.v, ind.v, bytes);
	assert_memory_not_equal(a.v, d0.v, bytes);
	series_free(&d0);
	series_free(&d1);
	series_free(&a);
	series_free(&b);
	series_free(&c);
	series_free(&ind);
	teardown(&fx);
}

/*
** The mean over RUNS stochastic runs of the incidents that happened
** approaches the deterministic run's expected incidents (MODEL.md 7.1):
** within 4 standard errors of the mean, plus 2 % for the feedback of
** incidents on the hazard (legacy replaced more slowly while recovering;
** measured 0.1 % over 4,000 runs). The baseline's hazard is raised to 0.1
** a year (about 2.4 incidents in 15 years) so that there are events.
*/
static void test_incidents_mean(void **state)
{
	struct fixture fx;
	struct series s = { 0, 0, NULL };
	struct summary det, su;
	double sum = 0, sq = 0, mean, se;

	(void)state;
	setup(&fx, "security.base_incident_rate = 0.1");
	run(&fx, &s);
	assert_int_equal(summary_compute(&s, fx.years, &det), 0);
	engine_set_draws(fx.en, &fx.es.rng);
	for (uint64_t i = 0; i < RUNS; i++) {
		double x;
		seed_run(&fx, i);
		run(&fx, &s);
		assert_int_equal(summary_compute(&s, fx.years, &su), 0);
		x = su.v[KPI_expected_incidents];
		assert_true(x == floor(x));  /* whole incidents */
		sum += x;
		sq += x * x;
	}
	mean = sum / RUNS;
	se = sqrt((sq / RUNS - mean * mean) / RUNS);
	if (fabs(mean - det.v[KPI_expected_incidents]) > 4 * se + 0.02 * det.v[KPI_expected_incidents])
		fail_msg("mean incidents %.4f, expected %.4f (standard error %.4f)", mean,
		         det.v[KPI_expected_incidents], se);
	series_free(&s);
	teardown(&fx);
}

/*
** Each fiscal year's overrun is the expected one times Z (mean 1): the
** mean over RUNS runs of the first year's project_overrun is the
** deterministic run's within 4 standard errors plus 3 %, the year's state
** at its end having moved with its own draw (measured +1.6 % over 4,000
** runs). No incidents, so the overrun alone varies.
*/
static void test_overrun_mean(void **state)
{
	struct fixture fx;
	struct series s = { 0, 0, NULL };
	double det, sum = 0, sq = 0, mean, se;

	(void)state;
	setup(&fx, "security.base_incident_rate = 0");
	run(&fx, &s);
	det = s.v[OV_project_overrun];
	engine_set_draws(fx.en, &fx.es.rng);
	for (uint64_t i = 0; i < RUNS; i++) {
		double x;
		seed_run(&fx, i);
		run(&fx, &s);
		x = s.v[OV_project_overrun];
		sum += x;
		sq += x * x;
	}
	mean = sum / RUNS;
	se = sqrt((sq / RUNS - mean * mean) / RUNS);
	if (fabs(mean - det) > 4 * se + 0.03 * det)
		fail_msg("mean overrun %.4f, expected %.4f (standard error %.4f)", mean, det, se);
	series_free(&s);
	teardown(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overrun_shape),
		cmocka_unit_test(test_event_list),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_incidents_mean),
		cmocka_unit_test(test_overrun_mean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
