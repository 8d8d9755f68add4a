/*
** test_behaviour.c: the model as a whole, run by the engine on the bundled
** scenarios. Invariants at every step, extreme conditions, integration error,
** reproducibility, and the behaviour the seed articles argue for (MODEL.md 10).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "finance.h"
#include "model.h"
#include "scenario.h"
#include "summary.h"
#include "testutil.h"

static const char *const bundled[] = {
	"scenarios/baseline.ini", "scenarios/status_quo.ini", "scenarios/big_bang.ini",
	"scenarios/skills_first.ini", "scenarios/change_first.ini",
	"scenarios/mandate_push.ini", "scenarios/balanced.ini", "scenarios/council_plan.ini",
	"scenarios/pay_as_you_go.ini", "scenarios/borrow_to_invest.ini",
	"scenarios/grant_cofunding.ini", "scenarios/as_a_service.ini",
	"scenarios/invest_to_save.ini", "scenarios/austerity_shock.ini",
};
#define NBUNDLED (sizeof bundled / sizeof bundled[0])

/* Runs path with the --set assignments sets[0..nsets-1]; fails the test on
** any error. Fills *s (caller frees) and, if p0 is not NULL, the first
** year's parameters. */
static void run(const char *path, const char *const *sets, size_t nsets,
                struct series *s, struct model_params *p0)
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

static double at(const struct series *s, size_t row, int col)
{
	return s->v[row * s->cols + (size_t)col];
}

/* The row whose period starts in `year`. */
static size_t row_of(const struct series *s, double year)
{
	for (size_t r = 0; r < s->rows; r++)
		if (at(s, r, OV_year) == year)
			return r;
	fail_msg("no row for %g", year);
	return 0;
}

static double last(const struct series *s, int col)
{
	return at(s, s->rows - 1, col);
}

/* ---- invariants ---------------------------------------------------------------- */

static const int indices[] = {
	OV_workforce_skill, OV_legacy_share, OV_change_resistance, OV_service_maturity,
	OV_citizen_adoption, OV_om_share, OV_adoption_ceiling,
};

/* Every value finite; indices in [0, 1]; money stocks and flows >= 0 (savings
** may be negative when online costs more, added savings when adoption falls
** below its start, the net benefit until the strategy pays back). Cash decays towards 0 when money
** runs short, where rounding of flows of ~1e7 EUR leaves ~1e-9 EUR: money
** may be a tenth of a cent below 0. */
#define MONEY_SLACK 1e-3
static void check_invariants(const struct series *s, const char *what)
{
	for (size_t r = 0; r < s->rows; r++) {
		for (size_t c = 0; c < s->cols; c++)
			if (!isfinite(at(s, r, (int)c)))
				fail_msg("%s: row %zu column %zu is not finite", what, r, c);
		for (size_t i = 0; i < sizeof indices / sizeof indices[0]; i++) {
			double v = at(s, r, indices[i]);
			if (v < -1e-9 || v > 1 + 1e-9)
				fail_msg("%s: row %zu %s = %g outside [0, 1]", what, r,
				         outvars_table[indices[i]].name, v);
		}
		for (int c = OV_cash_eur; c < OV_COUNT; c++) {
			const char *name = outvars_table[c].name;
			size_t len = strlen(name);
			if (c == OV_savings_eur || c == OV_added_savings_eur ||
			    c == OV_cum_net_benefit_eur || len < 4 || strcmp(name + len - 4, "_eur") != 0)
				continue;
			if (at(s, r, c) < -MONEY_SLACK)
				fail_msg("%s: row %zu %s = %g is negative", what, r, name, at(s, r, c));
		}
	}
}

static void test_invariants_every_step(void **state)
{
	/* report_step = dt gives one row per integration step. */
	static const char *const sets[] = { "sim.report_step=0.083333333333333329" };

	(void)state;
	for (size_t i = 0; i < NBUNDLED; i++) {
		struct series s;
		run(bundled[i], sets, 1, &s, NULL);
		assert_int_equal(s.rows, 15 * 12);
		check_invariants(&s, bundled[i]);
		series_free(&s);
	}
}

/* Every source of money in a row (MODEL.md 12.5). */
static double sources(const struct series *s, size_t r)
{
	return at(s, r, OV_base_budget_eur) + at(s, r, OV_transformation_budget_eur)
	       + at(s, r, OV_reinvested_savings_eur) + at(s, r, OV_topup_eur)
	       + at(s, r, OV_grants_eur) + at(s, r, OV_loans_eur) + at(s, r, OV_partner_eur)
	       + at(s, r, OV_treasury_eur);
}

/* Every use of money in a row: O&M, incidents, each domain's investment,
** debt service and fees. */
static double uses(const struct series *s, size_t r)
{
	double u = at(s, r, OV_om_legacy_eur) + at(s, r, OV_om_modern_eur)
	           + at(s, r, OV_om_digital_eur) + at(s, r, OV_incident_cost_eur)
	           + at(s, r, OV_debt_service_eur) + at(s, r, OV_service_fees_eur);

	for (int d = 0; d < DOM_COUNT; d++)
		u += at(s, r, OV_invest_process_eur + d);
	return u;
}

/*
** Sources - uses = change in cash, to one cent, every year of every bundled
** scenario (MODEL.md 2.6); and the hard budget constraint: no year spends
** more than its sources and the cash it started with, cash never falls
** below 0 (a tenth of a cent of rounding, as in check_invariants), the
** funding gap is never negative, and the investment columns add up.
*/
static void test_money_identity(void **state)
{
	(void)state;
	for (size_t i = 0; i < NBUNDLED; i++) {
		struct series s;
		struct model_params p;
		double cash = 0, invest;

		run(bundled[i], NULL, 0, &s, &p);
		cash = p.budget_reserve_eur;
		for (size_t r = 0; r < s.rows; r++) {
			double in = sources(&s, r), out = uses(&s, r);
			double change = at(&s, r, OV_cash_eur) - cash;
			if (fabs(in - out - change) > 0.01)
				fail_msg("%s %g: sources - uses = %.9f, cash change = %.9f", bundled[i],
				         at(&s, r, OV_year), in - out, change);
			if (out > in + cash + 0.01 || at(&s, r, OV_cash_eur) < -MONEY_SLACK)
				fail_msg("%s %g: spends %.2f of %.2f + cash %.2f", bundled[i],
				         at(&s, r, OV_year), out, in, cash);
			assert_true(at(&s, r, OV_funding_gap_eur) >= 0.0);
			invest = 0;
			for (int d = 0; d < DOM_COUNT; d++)
				invest += at(&s, r, OV_invest_process_eur + d);
			assert_close(at(&s, r, OV_investment_eur), invest, 1e-12, 1e-6);
			cash = at(&s, r, OV_cash_eur);
		}
		series_free(&s);
	}
}

/* ---- funding instruments (MODEL.md 12) ------------------------------------------------ */

/*
** A grant of 6.5e5 a year for 2028-2030 with a 35 % match. With money to
** spare (the baseline's reserve of EUR 1 m and a raised base budget) it
** pays its full amount in its years and nothing outside them. With no own
** money at all (no base budget, no transformation budget, no reserve) it
** pays nothing: never without its co-funding. With some money it pays part,
** and the match is then exactly c / (1 - c) of what it paid.
*/
static void test_grant_rules(void **state)
{
	static const char *const grant[] = {
		"grant.g.amount_eur=6.5e5", "grant.g.first_year=2028", "grant.g.last_year=2030",
		"grant.g.cofunding_share=0.35", "grant.g.domains=inclusion",
		"budget.it_base_eur=2.5e7",
	};
	static const char *const broke[] = {
		"grant.g.amount_eur=6.5e5", "grant.g.first_year=2028", "grant.g.last_year=2030",
		"grant.g.cofunding_share=0.35", "grant.g.domains=inclusion",
		"budget.it_base_eur=0", "budget.transformation_eur=0", "budget.reserve_eur=0",
		"savings.reinvest_share=0", "peers.budget_pull_eur=0",
	};
	static const char *const tight[] = {
		"grant.g.amount_eur=6.5e5", "grant.g.first_year=2028", "grant.g.last_year=2030",
		"grant.g.cofunding_share=0.35", "grant.g.domains=inclusion",
		"budget.it_base_eur=0", "budget.transformation_eur=0", "budget.reserve_eur=3e5",
		"savings.reinvest_share=0", "peers.budget_pull_eur=0",
		"allocation.inclusion=0", "allocation.infrastructure=0.34",
	};
	struct series s;

	(void)state;
	run("scenarios/baseline.ini", grant, sizeof grant / sizeof grant[0], &s, NULL);
	for (size_t r = 0; r < s.rows; r++) {
		double y = at(&s, r, OV_year);
		double want = y >= 2028 && y <= 2030 ? 6.5e5 : 0.0;
		assert_close(at(&s, r, OV_grants_eur), want, 1e-12, 1e-9);
	}
	series_free(&s);
	run("scenarios/baseline.ini", broke, sizeof broke / sizeof broke[0], &s, NULL);
	for (size_t r = 0; r < s.rows; r++)
		assert_close(at(&s, r, OV_grants_eur), 0.0, 0, 1e-6);
	assert_true(at(&s, row_of(&s, 2028), OV_funding_gap_eur) >= 1e6 - 1);
	series_free(&s);
	/* Only a reserve of 3e5 to match with (O&M is topped up, the own plan
	** is empty): the grant pays part, the reserve pays c / (1 - c) of it,
	** and the only inclusion spend is the project: grant / (1 - c). */
	run("scenarios/baseline.ini", tight, sizeof tight / sizeof tight[0], &s, NULL);
	for (int y = 2028; y <= 2030; y++) {
		size_t r = row_of(&s, y);
		double g = at(&s, r, OV_grants_eur);
		assert_true(g > 0.0 && g < 6.5e5);
		assert_close(at(&s, r - 1, OV_cash_eur) - at(&s, r, OV_cash_eur), g * 0.35 / 0.65,
		             1e-9, 1e-6);
		assert_close(at(&s, r, OV_invest_inclusion_eur), g / 0.65, 1e-9, 1e-6);
	}
	series_free(&s);
}

/*
** A shock lowers the budgets in its years by its cut and leaves every
** other year as it was: the trend the budget grows along is not cut.
** Investment falls in its years.
*/
static void test_shock_years(void **state)
{
	static const char *const shock[] = {
		"shock.s.year=2029", "shock.s.years=2", "shock.s.cut=0.2375",
	};
	struct series a, b;

	(void)state;
	run("scenarios/baseline.ini", NULL, 0, &a, NULL);
	run("scenarios/baseline.ini", shock, 3, &b, NULL);
	for (size_t r = 0; r < a.rows; r++) {
		double y = at(&a, r, OV_year), f = y == 2029 || y == 2030 ? 0.7625 : 1.0;
		assert_close(at(&b, r, OV_base_budget_eur), f * at(&a, r, OV_base_budget_eur), 1e-12, 0);
		if (y < 2029)
			assert_close(at(&b, r, OV_investment_eur), at(&a, r, OV_investment_eur), 1e-12, 0);
		if (f < 1.0)
			assert_true(at(&b, r, OV_investment_eur) < at(&a, r, OV_investment_eur));
	}
	series_free(&a);
	series_free(&b);
}

/*
** Borrowing: the loan's proceeds appear in its draw year, debt service from
** the next year for its term; the balance is the principal after the draw
** and 0 at the end of the term; the summary's peak balance and interest
** agree with the columns; the debt service share uses the IT budget.
*/
static void test_borrow_to_invest(void **state)
{
	struct series s;
	struct model_params p;
	struct summary k;
	double interest = 0, A = finance_annuity(5e6, 0.03, 10);

	(void)state;
	run("scenarios/borrow_to_invest.ini", NULL, 0, &s, &p);
	assert_int_equal(summary_compute(&s, &p, &k), 0);
	assert_close(at(&s, row_of(&s, 2027), OV_loans_eur), 5e6, 1e-12, 0);
	assert_close(at(&s, row_of(&s, 2027), OV_loan_balance_eur), 5e6, 1e-12, 0);
	assert_close(at(&s, row_of(&s, 2027), OV_debt_service_eur), 0.0, 0, 0);
	for (int y = 2028; y <= 2037; y++)
		assert_close(at(&s, row_of(&s, y), OV_debt_service_eur), A, 1e-9, 0);
	assert_close(at(&s, row_of(&s, 2037), OV_loan_balance_eur), 0.0, 0, 1e-5);
	assert_close(at(&s, row_of(&s, 2038), OV_debt_service_eur), 0.0, 0, 0);
	for (size_t r = 0; r < s.rows; r++)
		interest += at(&s, r, OV_interest_eur);
	/* Ten instalments repay the principal; the rest was interest. */
	assert_close(interest, 10 * A - 5e6, 1e-9, 0);
	assert_close(k.v[KPI_total_interest_eur], interest, 1e-12, 0);
	assert_close(k.v[KPI_peak_loan_balance_eur], 5e6, 1e-12, 0);
	assert_close(k.v[KPI_max_debt_service_share], A / (at(&s, row_of(&s, 2028), OV_base_budget_eur)
	             + at(&s, row_of(&s, 2028), OV_transformation_budget_eur)), 1e-12, 0);
	series_free(&s);
}

/* ---- extreme conditions ------------------------------------------------------------ */

static void test_zero_transformation_budget(void **state)
{
	static const char *const none[] = {
		"budget.transformation_eur=0", "savings.reinvest_share=0",
	};
	/* No money at all: no transformation budget, no reinvestment, no base
	** budget and no top-up from peer pull (mimetic funding is money too). */
	static const char *const nothing[] = {
		"budget.transformation_eur=0", "savings.reinvest_share=0", "budget.it_base_eur=0",
		"peers.budget_pull_eur=0",
	};
	struct series s;
	struct model_params p;

	(void)state;
	/* Without a transformation budget legacy grows. */
	run("scenarios/baseline.ini", none, 2, &s, &p);
	check_invariants(&s, "zero transformation budget");
	assert_true(last(&s, OV_legacy_share) > p.legacy_share_initial + 0.05);
	series_free(&s);
	/* Without any money beyond O&M (paid by top-up) nothing improves. */
	run("scenarios/baseline.ini", nothing, 4, &s, &p);
	check_invariants(&s, "no money");
	for (size_t r = 0; r < s.rows; r++) {
		assert_true(at(&s, r, OV_investment_eur) <= at(&s, r, OV_invest_policies_eur) + 1e-6);
		assert_true(at(&s, r, OV_service_maturity) <= p.services_maturity_initial);
		assert_true(at(&s, r, OV_legacy_share) > p.legacy_share_initial);
	}
	assert_true(last(&s, OV_workforce_skill) < p.workforce_skill_initial);
	series_free(&s);
}

static void test_enormous_budget(void **state)
{
	static const char *const sets[] = { "budget.transformation_eur=1e11" };
	struct series s;
	struct model_params p;

	(void)state;
	run("scenarios/baseline.ini", sets, 1, &s, &p);
	check_invariants(&s, "enormous budget");
	/* Saturation, not explosion: maturity approaches 1, legacy settles at
	** the capacity equilibrium (1/20) / (1/3 + 1/20) = 0.13 (MODEL.md 3.2),
	** not below it. */
	assert_true(last(&s, OV_service_maturity) > 0.95);
	assert_true(last(&s, OV_legacy_share) > 0.12);
	assert_true(last(&s, OV_legacy_share) < 0.2);
	series_free(&s);
}

static void test_resistance_fixed_at_one(void **state)
{
	static const char *const sets[] = {
		"resistance.initial=1", "resistance.cm_effect=0", "resistance.wins_effect=0",
	};
	struct series s;
	struct model_params p;

	(void)state;
	run("scenarios/balanced.ini", sets, 3, &s, &p);
	check_invariants(&s, "resistance 1");
	for (size_t r = 0; r < s.rows; r++) {
		assert_close(at(&s, r, OV_change_resistance), 1.0, 0, 1e-12);
		assert_close(at(&s, r, OV_effectiveness), 0.0, 0, 1e-12);
		assert_true(at(&s, r, OV_service_maturity) <= p.services_maturity_initial);
		assert_true(at(&s, r, OV_legacy_share) >= p.legacy_share_initial);
	}
	series_free(&s);
}

static void test_zero_turnover(void **state)
{
	static const char *const sets[] = { "workforce.turnover_rate=0" };
	struct series s, base;

	(void)state;
	run("scenarios/baseline.ini", sets, 1, &s, NULL);
	run("scenarios/baseline.ini", NULL, 0, &base, NULL);
	check_invariants(&s, "zero turnover");
	/* Hires are more skilled than the average (0.45 > 0.4), so without
	** turnover the skill ends lower. */
	assert_true(last(&s, OV_workforce_skill) < last(&base, OV_workforce_skill));
	series_free(&s);
	series_free(&base);
}

static void test_hundred_years(void **state)
{
	static const char *const sets[] = { "sim.years=100" };
	struct series s;

	(void)state;
	for (size_t i = 0; i < NBUNDLED; i++) {
		run(bundled[i], sets, 1, &s, NULL);
		assert_int_equal(s.rows, 100);
		assert_close(last(&s, OV_year), 2125.0, 0, 0);
		check_invariants(&s, bundled[i]);
		series_free(&s);
	}
}

/* ---- numerical accuracy and reproducibility ------------------------------------------ */

static void test_halving_dt(void **state)
{
	static const char *const half[] = { "sim.dt=0.041666666666666664" };

	(void)state;
	for (size_t i = 0; i < NBUNDLED; i++) {
		struct series a, b;
		struct model_params p;
		struct summary sa, sb;

		run(bundled[i], NULL, 0, &a, &p);
		run(bundled[i], half, 1, &b, NULL);
		assert_int_equal(summary_compute(&a, &p, &sa), 0);
		assert_int_equal(summary_compute(&b, &p, &sb), 0);
		for (int k = 0; k < KPI_COUNT; k++) {
			if (isnan(sa.v[k]) || isnan(sb.v[k])) {
				assert_true(isnan(sa.v[k]) && isnan(sb.v[k]));
				continue;
			}
			if (fabs(sa.v[k] - sb.v[k]) > 0.005 * fabs(sa.v[k]) + 1e-9)
				fail_msg("%s: %s %.9g at dt 1/12, %.9g at 1/24", bundled[i],
				         summary_kpis[k].name, sa.v[k], sb.v[k]);
		}
		series_free(&a);
		series_free(&b);
	}
}

static void test_reproducible(void **state)
{
	struct series a, b;

	(void)state;
	run("scenarios/big_bang.ini", NULL, 0, &a, NULL);
	run("scenarios/big_bang.ini", NULL, 0, &b, NULL);
	assert_int_equal(a.rows, b.rows);
	assert_memory_equal(a.v, b.v, a.rows * a.cols * sizeof a.v[0]);
	series_free(&a);
	series_free(&b);
}

/* ---- behaviour the seeds argue (MODEL.md 10) ---------------------------------------- */

/* Legacy trap (seed 001, GAO F§1): maintenance only lets O&M take a rising
** share of IT spending. */
static void test_status_quo_om_share_rises(void **state)
{
	struct series s;

	(void)state;
	run("scenarios/status_quo.ini", NULL, 0, &s, NULL);
	for (size_t r = 1; r < s.rows; r++)
		assert_true(at(&s, r, OV_om_share) > at(&s, r - 1, OV_om_share));
	assert_true(last(&s, OV_om_share) > at(&s, 0, OV_om_share) + 0.05);
	series_free(&s);
}

/* Skills and success, change fatigue: the same money spent on people first
** ends with lower resistance than a big bang. */
static void test_skills_first_beats_big_bang_on_resistance(void **state)
{
	struct series skills, bang;

	(void)state;
	run("scenarios/skills_first.ini", NULL, 0, &skills, NULL);
	run("scenarios/big_bang.ini", NULL, 0, &bang, NULL);
	assert_true(last(&skills, OV_change_resistance) < last(&bang, OV_change_resistance));
	assert_true(last(&skills, OV_workforce_skill) > last(&bang, OV_workforce_skill));
	series_free(&skills);
	series_free(&bang);
}

/* Change management lowers resistance (seed 001, Prosci F§6). */
static void test_more_change_management(void **state)
{
	static const char *const more[] = {
		"allocation.communication=0.17", "allocation.infrastructure=0.20",
	};
	struct series base, cm;

	(void)state;
	run("scenarios/baseline.ini", NULL, 0, &base, NULL);
	run("scenarios/baseline.ini", more, 2, &cm, NULL);
	for (size_t r = 0; r < base.rows; r++)
		assert_true(at(&cm, r, OV_change_resistance) < at(&base, r, OV_change_resistance));
	series_free(&base);
	series_free(&cm);
}

/* Coercive pressure (seed 000, OZG F§4): a mandate raises maturity by its
** deadline. */
static void test_mandate_raises_maturity_by_deadline(void **state)
{
	static const char *const off[] = { "mandate.active=0" };
	struct series on, no;
	size_t r;

	(void)state;
	run("scenarios/mandate_push.ini", NULL, 0, &on, NULL);
	run("scenarios/mandate_push.ini", off, 1, &no, NULL);
	r = row_of(&on, 2030);   /* the row whose end is the deadline's end */
	assert_true(at(&on, r, OV_service_maturity) > at(&no, r, OV_service_maturity) + 0.05);
	assert_true(at(&on, 0, OV_transformation_budget_eur) > at(&no, 0, OV_transformation_budget_eur));
	series_free(&on);
	series_free(&no);
}

/* Invest-to-save: without reinvesting savings maturity grows more slowly. */
static void test_no_reinvestment_slows_maturity(void **state)
{
	static const char *const off[] = { "savings.reinvest_share=0" };
	struct series with, without;

	(void)state;
	run("scenarios/baseline.ini", NULL, 0, &with, NULL);
	run("scenarios/baseline.ini", off, 1, &without, NULL);
	assert_true(at(&with, 0, OV_reinvested_savings_eur) > 0);
	assert_close(at(&without, 0, OV_reinvested_savings_eur), 0, 0, 0);
	assert_true(last(&without, OV_service_maturity) < last(&with, OV_service_maturity) - 0.01);
	series_free(&with);
	series_free(&without);
}

/* Peer pull (mimetic, seed 000): peers far ahead raise the budget. */
static void test_peer_pull(void **state)
{
	static const char *const ahead[] = { "peers.maturity_initial=0.9" };
	static const char *const behind[] = { "peers.maturity_initial=0.01" };
	struct series a, b;

	(void)state;
	run("scenarios/baseline.ini", ahead, 1, &a, NULL);
	run("scenarios/baseline.ini", behind, 1, &b, NULL);
	assert_true(at(&a, 0, OV_transformation_budget_eur) > at(&b, 0, OV_transformation_budget_eur));
	assert_true(last(&a, OV_service_maturity) > last(&b, OV_service_maturity));
	series_free(&a);
	series_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invariants_every_step),
		cmocka_unit_test(test_money_identity),
		cmocka_unit_test(test_grant_rules),
		cmocka_unit_test(test_shock_years),
		cmocka_unit_test(test_borrow_to_invest),
		cmocka_unit_test(test_zero_transformation_budget),
		cmocka_unit_test(test_enormous_budget),
		cmocka_unit_test(test_resistance_fixed_at_one),
		cmocka_unit_test(test_zero_turnover),
		cmocka_unit_test(test_hundred_years),
		cmocka_unit_test(test_halving_dt),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_status_quo_om_share_rises),
		cmocka_unit_test(test_skills_first_beats_big_bang_on_resistance),
		cmocka_unit_test(test_more_change_management),
		cmocka_unit_test(test_mandate_raises_maturity_by_deadline),
		cmocka_unit_test(test_no_reinvestment_slows_maturity),
		cmocka_unit_test(test_peer_pull),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests_name("behaviour", tests, NULL, NULL);
}
