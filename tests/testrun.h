/*
** testrun.h: running a bundled scenario through the library, as the
** command line does (scenario_load, scenario_set, scenario_resolve,
** engine_run), and the checks every run of the whole model must pass: no
** value that is not finite and the money identity of docs/MODEL.md 2.6
** (test_behaviour.c, test_profiles.c). Header-only, static inline, so a
** program that uses part of it does not warn about the rest. Include after
** <cmocka.h> and testutil.h.
*/
#ifndef DTSIM_TESTRUN_H
#define DTSIM_TESTRUN_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "scenario.h"

/* Every bundled scenario but the three profiles (scenarios/profile_*.ini);
** each extends profile_city.ini through baseline.ini. */
static const char *const testrun_bundled[] = {
	"scenarios/baseline.ini", "scenarios/status_quo.ini", "scenarios/big_bang.ini",
	"scenarios/skills_first.ini", "scenarios/change_first.ini",
	"scenarios/mandate_push.ini", "scenarios/balanced.ini", "scenarios/council_plan.ini",
	"scenarios/pay_as_you_go.ini", "scenarios/borrow_to_invest.ini",
	"scenarios/grant_cofunding.ini", "scenarios/as_a_service.ini",
	"scenarios/invest_to_save.ini", "scenarios/austerity_shock.ini",
};
#define TESTRUN_NBUNDLED (sizeof testrun_bundled / sizeof testrun_bundled[0])

/* --set assignments built at run time (allocation shares computed from a
** scenario's, year blocks). ptr[i] points into v[i], so ptr and n can be
** passed where a list of strings is expected. */
#define TESTRUN_MAX_SETS 96
#define TESTRUN_SET_LEN 96
struct testrun_sets {
	size_t n;
	char v[TESTRUN_MAX_SETS][TESTRUN_SET_LEN];
	const char *ptr[TESTRUN_MAX_SETS];
};

static inline void testrun_add(struct testrun_sets *ss, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends one assignment, printf-style; fails the test when the list or
** the line is full. */
static inline void testrun_add(struct testrun_sets *ss, const char *fmt, ...)
{
	va_list ap;
	int len;

	if (ss->n >= TESTRUN_MAX_SETS)
		fail_msg("more than %d --set assignments", TESTRUN_MAX_SETS);
	va_start(ap, fmt);
	len = vsnprintf(ss->v[ss->n], TESTRUN_SET_LEN, fmt, ap);
	va_end(ap);
	if (len < 0 || len >= TESTRUN_SET_LEN)
		fail_msg("--set assignment too long: %s", ss->v[ss->n]);
	ss->ptr[ss->n] = ss->v[ss->n];
	ss->n++;
}

/* Counts the warnings of scenario_warnings (the ctx is an int). */
static inline void testrun_count_warning(const struct err *w, void *ctx)
{
	print_error("warning: %s:%ld: %s\n", w->file, w->line, w->msg);
	++*(int *)ctx;
}

/*
** Runs path with the --set assignments sets[0..nsets-1] and fails the test
** on any error. Fills *s (the caller frees it with series_free) and, when
** p0 is not NULL, the first year's resolved parameters (every auto value
** derived); when nwarn is not NULL, the number of consistency warnings the
** scenario raises (MODEL.md 15), each printed.
*/
static inline void testrun_run(const char *path, const char *const *sets, size_t nsets,
                               struct series *s, struct model_params *p0, int *nwarn)
{
	struct scenario *sc = NULL;
	struct model_params *years = NULL;
	size_t n = 0;
	struct err e;
	struct engine *en;

	err_clear(&e);
	if (scenario_load(path, &sc, &e) != 0)
		fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
	for (size_t i = 0; i < nsets; i++)
		if (scenario_set(sc, sets[i], &e) != 0)
			fail_msg("%s: %s", sets[i], e.msg);
	if (scenario_resolve(sc, &years, &n, &e) != 0)
		fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
	if (nwarn) {
		*nwarn = 0;
		scenario_warnings(sc, testrun_count_warning, nwarn);
	}
	en = engine_new();
	assert_non_null(en);
	memset(s, 0, sizeof *s);
	if (engine_run(en, years, n, s, &e) != 0)
		fail_msg("%s: %s", path, e.msg);
	if (p0)
		*p0 = years[0];
	engine_free(en);
	free(years);
	scenario_free(sc);
}

static inline double testrun_at(const struct series *s, size_t row, int col)
{
	return s->v[row * s->cols + (size_t)col];
}

static inline double testrun_last(const struct series *s, int col)
{
	return testrun_at(s, s->rows - 1, col);
}

/* The row whose period starts in `year`; fails the test when none does. */
static inline size_t testrun_row_of(const struct series *s, double year)
{
	for (size_t r = 0; r < s->rows; r++)
		if (testrun_at(s, r, OV_year) == year)
			return r;
	fail_msg("no row for %g", year);
	return 0;
}

/* Fails the test when any value of s is not finite (no NaN reaches a CSV
** file, MODEL.md 9.3). */
static inline void testrun_check_finite(const struct series *s, const char *what)
{
	for (size_t r = 0; r < s->rows; r++)
		for (size_t c = 0; c < s->cols; c++)
			if (!isfinite(testrun_at(s, r, (int)c)))
				fail_msg("%s: row %zu %s is not finite", what, r, outvars_table[c].name);
}

/* Every source of money in a row (MODEL.md 2.6). The mandate funding and
** the peer pull are parts of the transformation budget, not sources of
** their own; incidents are paid by the general budget. */
static inline double testrun_sources(const struct series *s, size_t r)
{
	return testrun_at(s, r, OV_base_budget_eur) + testrun_at(s, r, OV_transformation_budget_eur)
	       + testrun_at(s, r, OV_reinvested_savings_eur) + testrun_at(s, r, OV_topup_eur)
	       + testrun_at(s, r, OV_grants_eur) + testrun_at(s, r, OV_loans_eur)
	       + testrun_at(s, r, OV_partner_eur) + testrun_at(s, r, OV_treasury_eur)
	       + testrun_at(s, r, OV_incident_funding_eur);
}

/* Every use of money in a row: O&M, incidents, recruitment, each domain's
** investment, debt service and fees (MODEL.md 2.6). */
static inline double testrun_uses(const struct series *s, size_t r)
{
	double u = testrun_at(s, r, OV_om_legacy_eur) + testrun_at(s, r, OV_om_modern_eur)
	           + testrun_at(s, r, OV_om_digital_eur) + testrun_at(s, r, OV_incident_cost_eur)
	           + testrun_at(s, r, OV_recruitment_eur) + testrun_at(s, r, OV_debt_service_eur)
	           + testrun_at(s, r, OV_service_fees_eur);

	for (int d = 0; d < DOM_COUNT; d++)
		u += testrun_at(s, r, outvars_invest[d]);
	return u;
}

/* Cash may end a tenth of a cent below 0: it decays towards 0 when money
** runs short, and rounding of flows of ~1e7 EUR leaves ~1e-9 EUR
** (MODEL.md 9.3). */
#define TESTRUN_MONEY_SLACK 1e-3
/* The money identity is exact up to rounding: one cent (MODEL.md 2.6). */
#define TESTRUN_CENT 0.01

/*
** The money identity in every row of s, a run that started with cash
** `reserve` (MODEL.md 2.6): sources - uses = change in cash to one cent.
** Also the accounts that make it up: the mandate funding and the peer pull
** are non-negative parts of the transformation budget, the incident
** funding equals the incident cost, the investment columns add up to
** investment_eur, the funding gap is never negative; and the hard budget
** constraint (2.3): no period spends more than its sources and the cash
** it started with, and cash never falls below 0.
*/
static inline void testrun_money_identity(const struct series *s, double reserve, const char *what)
{
	double cash = reserve;

	for (size_t r = 0; r < s->rows; r++) {
		double in = testrun_sources(s, r), out = testrun_uses(s, r);
		double change = testrun_at(s, r, OV_cash_eur) - cash;
		double year = testrun_at(s, r, OV_year), invest = 0;
		double parts = testrun_at(s, r, OV_mandate_funding_eur)
		               + testrun_at(s, r, OV_peer_pull_eur);

		/* One cent; for flows beyond EUR 1e10 (an enormous budget) the
		** rounding of doubles, 1e-12 of the largest amount, is more. */
		if (fabs(in - out - change)
		    > fmax(TESTRUN_CENT, 1e-12 * fmax(in, fabs(testrun_at(s, r, OV_cash_eur)))))
			fail_msg("%s %.4f: sources - uses = %.9f, cash change = %.9f", what, year,
			         in - out, change);
		if (out > in + cash + TESTRUN_CENT || testrun_at(s, r, OV_cash_eur) < -TESTRUN_MONEY_SLACK)
			fail_msg("%s %.4f: spends %.2f of %.2f + cash %.2f", what, year, out, in, cash);
		if (testrun_at(s, r, OV_mandate_funding_eur) < 0 || testrun_at(s, r, OV_peer_pull_eur) < 0
		    || parts > testrun_at(s, r, OV_transformation_budget_eur) + TESTRUN_CENT)
			fail_msg("%s %.4f: mandate funding %.2f + peer pull %.2f not within the "
			         "transformation budget %.2f", what, year,
			         testrun_at(s, r, OV_mandate_funding_eur), testrun_at(s, r, OV_peer_pull_eur),
			         testrun_at(s, r, OV_transformation_budget_eur));
		assert_close(testrun_at(s, r, OV_incident_funding_eur),
		             testrun_at(s, r, OV_incident_cost_eur), 0, 0);
		if (testrun_at(s, r, OV_funding_gap_eur) < 0.0)
			fail_msg("%s %.4f: funding gap %g", what, year, testrun_at(s, r, OV_funding_gap_eur));
		for (int d = 0; d < DOM_COUNT; d++)
			invest += testrun_at(s, r, outvars_invest[d]);
		assert_close(testrun_at(s, r, OV_investment_eur), invest, 1e-12, 1e-6);
		cash = testrun_at(s, r, OV_cash_eur);
	}
}

#endif
