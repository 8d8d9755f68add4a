/*
** test_ranges.c: `dtsim check` rejects what `dtsim run` would reject.
**
** Through the library, as the command line does it (scenario_load,
** scenario_set, scenario_resolve, engine_run), every numeric parameter of
** params_table is set to the minimum and to the maximum of its range, one at
** a time, under each integration method (euler, rk4, rkf45): a value the
** checks accept must run to the end with every output finite; a value that
** would fail must be rejected by scenario_resolve as a --set error naming a
** key. The plain keys run on scenarios/baseline.ini; the keys of named
** sections run on the baseline with one grant, loan, contract and shock
** (set with --set, so every instrument pays, lends, charges or cuts within
** the horizon). Every failure is printed before the test fails.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "registry.h"
#include "scenario.h"
#include "testutil.h"

#define BASELINE "scenarios/baseline.ini"

/* The instruments of the named-section runs: each is active within the
** baseline's 15 years from 2026, so every key of theirs takes part. */
static const char *const instruments[] = {
	"grant.x.amount_eur=1.385e6", "grant.x.first_year=2027", "grant.x.last_year=2031",
	"loan.x.principal_eur=2.385e6", "loan.x.draw_year=2028",
	"service.x.capital_eur=1.615e6", "service.x.fee_eur=2.385e5",
	"service.x.start_year=2029",
	"shock.x.year=2030", "shock.x.cut=0.2385", "shock.x.years=2",
};

/* The count of cases and of their outcomes. */
struct outcome {
	size_t runs, rejected, failed, tolerated;
	double long_step;   /* see test_step_rule_bound; 0: none tolerated */
};

/*
** Whether a failed run of the case assign (at step dt) is tolerated: when
** o->long_step is set and dt is at least that, an overshoot of a stock
** whose inflow no time constant of the step rule bounds (MODEL.md 9.6,
** "Not covered").
*/
static int tolerated(struct outcome *o, const char *assign, double dt, const char *msg)
{
	if (o->long_step > 0 && dt >= o->long_step && strstr(msg, "is outside its range") &&
	    (strstr(msg, ": cynicism = ") || strstr(msg, ": political_commitment = "))) {
		print_message("tolerated: %s at dt %g: %s\n", assign, dt, msg);
		o->tolerated++;
		return 1;
	}
	return 0;
}

/* Prints one failure (cmocka cuts long messages, so each has its own
** line) and counts it; the test fails at its end if any was counted. */
static void note(struct outcome *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct outcome *o, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	print_error("%s\n", line);
	o->failed++;
}

/*
** One case: the baseline (with the instruments when named), sim.method =
** method, then name = v, all as --set. Either resolving rejects it as a
** --set error with a key, or the run succeeds with finite output.
*/
static void one_case_dt(struct engine *en, int named, const char *method,
                        const char *const *extra, const char *name,
                        const struct param_def *d, double v, struct outcome *o)
{
	struct scenario *sc = NULL;
	struct model_params *years = NULL;
	struct series s = { 0, 0, NULL };
	char assign[256];
	size_t n = 0;
	struct err e;

	err_clear(&e);
	if (scenario_load(BASELINE, &sc, &e) != 0)
		fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
	for (size_t i = 0; named && i < sizeof instruments / sizeof instruments[0]; i++)
		if (scenario_set(sc, instruments[i], &e) != 0)
			fail_msg("%s: %s", instruments[i], e.msg);
	snprintf(assign, sizeof assign, "sim.method=%s", method);
	assert_int_equal(scenario_set(sc, assign, &e), 0);
	for (size_t i = 0; extra && extra[i]; i++)
		if (scenario_set(sc, extra[i], &e) != 0)
			fail_msg("%s: %s", extra[i], e.msg);
	{
		struct strbuf t = STRBUF_INIT;

		registry_format(d, v, &t);
		snprintf(assign, sizeof assign, "%s=%s", name, strbuf_str(&t));
		strbuf_free(&t);
	}
	o->runs++;
	if (scenario_set(sc, assign, &e) != 0) {
		note(o, "%s (%s): --set rejects a value in range: %s", assign, method, e.msg);
	} else if (scenario_resolve(sc, &years, &n, &e) != 0) {
		/* Rejected by check: it must be a located --set error. */
		if (e.file[0] || e.line || strncmp(e.msg, "--set ", 6) != 0 || !e.key[0])
			note(o, "%s (%s): rejected without a --set location: '%s:%ld: %s'",
			     assign, method, e.file, e.line, e.msg);
		o->rejected++;
	} else if (engine_run(en, years, n, &s, &e) != 0) {
		if (!tolerated(o, assign, years[0].sim_dt, e.msg))
			note(o, "%s (%s): check accepts, run fails: %s", assign, method, e.msg);
	} else {
		for (size_t i = 0; i < s.rows * s.cols; i++)
			if (!isfinite(s.v[i])) {
				note(o, "%s (%s): output %zu is not finite", assign, method, i);
				break;
			}
	}
	series_free(&s);
	free(years);
	scenario_free(sc);
}

/* one_case_dt without the extra assignment. */
static void one_case(struct engine *en, int named, const char *method,
                     const char *name, const struct param_def *d, double v,
                     struct outcome *o)
{
	one_case_dt(en, named, method, NULL, name, d, v, o);
}

/* Every extreme of every numeric parameter under every method. */
static void test_every_extreme(void **state)
{
	struct engine *en = engine_new();
	struct outcome o = { 0 };

	(void)state;
	assert_non_null(en);
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		int named = (d->flags & PF_NAMED) != 0;
		char name[128];

		if (d->kind != PK_REAL && d->kind != PK_INT)
			continue;
		if (d->flags & PF_SCHEDULE)      /* only in [schedule@YEAR] */
			snprintf(name, sizeof name, "schedule@2027.%s", d->key);
		else if (named)
			snprintf(name, sizeof name, "%s.x.%s", d->section, d->key);
		else
			snprintf(name, sizeof name, "%s", d->name);
		for (size_t m = 0; params_methods[m]; m++)
			for (int with = named; with <= 1; with++) {
				one_case(en, with, params_methods[m], name, d, d->min, &o);
				one_case(en, with, params_methods[m], name, d, d->max, &o);
			}
	}
	print_message("%zu runs, %zu rejected by check, %zu failures\n", o.runs, o.rejected,
	              o.failed);
	if (o.failed)
		fail_msg("%zu failures, listed above", o.failed);
	engine_free(en);
}

/* The time constants of the step rule (docs/MODEL.md 9.6, `dtsim params`
** lists them): the key and the factor from its value to its tau (three
** stages of the procurement delay and of the ageing of modern systems; a
** half-life is ln 2 times its time constant). */
#define LN2 0.69314718055994530942
static const struct { const char *key; double per; } tcs[] = {
	{ "budget.drawdown_years", 1 }, { "procurement.delay_years", 3 },
	{ "legacy.lifetime_years", 3 }, { "legacy.min_modernisation_years", 1 },
	{ "services.min_delivery_years", 1 }, { "adoption.drop_years", 1 },
	{ "resistance.drift_years", 1 },
	{ "workforce.skill_half_life", LN2 },
	{ "workforce.unapplied_half_life", LN2 }, { "workforce.transfer_years", 1 },
	{ "legacy.double_running_years", 1 }, { "resistance.cynicism_half_life", LN2 },
	{ "services.platform_life_years", 1 }, { "politics.memory_years", 1 },
};
#define NTC (sizeof tcs / sizeof tcs[0])

/* The keys of the step rule's time constants in models/rules.def. */
static const enum param_id rule_tcs[] = {
#define RULE(kind, a, b, limit, text)
#define TIME_CONSTANT(key, rate, as) key,
#define TIME_CONSTANT_PIPE(key) key,
#include "rules.def"
#undef RULE
#undef TIME_CONSTANT
#undef TIME_CONSTANT_PIPE
};
#define NRULE_TCS (sizeof rule_tcs / sizeof rule_tcs[0])

/* The list above is the rule's: a time constant added to models/rules.def
** must be added here (with its factor), or its bound goes untested. */
static void test_step_rule_keys(void **state)
{
	(void)state;
	assert_int_equal(NTC, NRULE_TCS);
	for (size_t i = 0; i < NRULE_TCS; i++) {
		size_t seen = 0;

		for (size_t j = 0; j < NTC; j++)
			seen += strcmp(tcs[j].key, PARAM_DEF(rule_tcs[i])->name) == 0;
		if (seen != 1)
			fail_msg("%s is %zu times in tcs[]", PARAM_DEF(rule_tcs[i])->name, seen);
	}
}

/* Fills set[] with "key=max" for every time constant but `skip`, sim.dt = dt
** and the method, NULL-terminated; texts in buf. So the key under test is
** the fastest one. */
static void slow_others(size_t skip, double dt, const char *method,
                        char buf[NTC + 2][64], const char *set[NTC + 3])
{
	size_t n = 0;

	for (size_t i = 0; i < NTC; i++)
		if (i != skip) {
			snprintf(buf[n], sizeof buf[n], "%s=%.17g", tcs[i].key,
			         registry_find(tcs[i].key)->max);
			set[n] = buf[n];
			n++;
		}
	snprintf(buf[n], sizeof buf[n], "sim.dt=%.17g", dt);
	set[n] = buf[n];
	n++;
	snprintf(buf[n], sizeof buf[n], "sim.method=%s", method);
	set[n] = buf[n];
	set[++n] = NULL;
}

/*
** The step rule at its bound (docs/MODEL.md 9.6): with a fixed step h, each
** time constant tau must satisfy h <= 0.5 * limit * tau, limit = 2 for
** euler and 2.7852935634052813 for rk4 (the real root of x^3 - 4x^2 + 12x
** - 24). With every other time constant at its slowest, at the smallest
** value the rule allows (rounded up by 1e-6) every run goes through; 2 %
** below it check rejects the value as a --set error naming the key.
** Except at a long step (half a year or more): there a run may stop on a
** stock whose inflow enters through factors the rule does not bound
** (MODEL.md 9.6, "Not covered"), cynicism and political commitment, and
** does at one year with Euler and the skill half-life at its bound (the
** skill falls within a step, overruns and failures pile into cynicism).
** Such a stop is tolerated and printed; any other is not.
*/
static void test_step_rule_bound(void **state)
{
	static const double steps[] = { 1, 0.5, 0.25, 1.0 / 12, 1.0 / 52 };
	static const double limits[] = { 2.0, 2.7852935634052813 };
	struct engine *en = engine_new();
	struct outcome o = { .long_step = 0.5 };
	char buf[NTC + 2][64], assign[128];
	const char *set[NTC + 3];
	size_t tested = 0;

	(void)state;
	assert_non_null(en);
	for (size_t i = 0; i < NTC; i++)
		for (size_t h = 0; h < sizeof steps / sizeof steps[0]; h++)
			for (size_t m = 0; m < 2; m++)
				for (int with = 0; with <= 1; with++) {
					const struct param_def *d = registry_find(tcs[i].key);
					double bound = steps[h] / (0.5 * limits[m]) * tcs[i].per;
					struct scenario *sc = NULL;
					struct model_params *y = NULL;
					size_t n;
					struct err e;

					if (bound * 0.98 < d->min || bound > d->max)
						continue;
					tested++;
					slow_others(i, steps[h], params_methods[m], buf, set);
					one_case_dt(en, with, params_methods[m], set, tcs[i].key,
					            d, bound * (1 + 1e-6), &o);
					/* Just below the bound: rejected, naming the key. */
					assert_int_equal(scenario_load(BASELINE, &sc, &e), 0);
					for (size_t k = 0; set[k]; k++)
						assert_int_equal(scenario_set(sc, set[k], &e), 0);
					snprintf(assign, sizeof assign, "%s=%.17g", tcs[i].key, bound * 0.98);
					assert_int_equal(scenario_set(sc, assign, &e), 0);
					if (scenario_resolve(sc, &y, &n, &e) == 0) {
						note(&o, "%s (%s, dt %g): below the bound, accepted",
						     assign, params_methods[m], steps[h]);
						free(y);
					} else if (strcmp(e.key, tcs[i].key) != 0) {
						note(&o, "%s (%s, dt %g): blames '%s': %s", assign,
						     params_methods[m], steps[h], e.key, e.msg);
					}
					scenario_free(sc);
				}
	print_message("%zu bounds, %zu tolerated at a long step, %zu failures\n", tested,
	              o.tolerated, o.failed);
	assert_true(tested >= 60);
	if (o.failed)
		fail_msg("%zu failures, listed above", o.failed);
	engine_free(en);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_extreme),
		cmocka_unit_test(test_step_rule_keys),
		cmocka_unit_test(test_step_rule_bound),
	};

	return cmocka_run_group_tests_name("ranges", tests, NULL, NULL);
}
