/*
** test_sensitivity.c: one-at-a-time sensitivity (sim/sensitivity.c) and
** its files (sim/senswrite.c). Expected elasticities follow from the loan
** schedules of docs/MODEL.md section 12 in closed form, not from runs; the
** other checks follow the rules that sensitivity.h and the README state:
** which parameters take part, how each is varied (ranges, whole numbers,
** shares that keep summing to 1, year blocks), and what an elasticity
** without a value says. Fixtures: tests/data/sens/ and tests/data/cli/.
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
#include <strings.h>
#include <unistd.h>

#include "modelversion.h"
#include "params.h"
#include "registry.h"
#include "scenario.h"
#include "senswrite.h"
#include "sensitivity.h"
#include "testproc.h"
#include "testutil.h"
#include "version.h"

#define DATA "tests/data/sens/"

/* A loaded scenario, its years and an analysis of it. */
struct fixture {
	struct scenario *sc;
	struct model_params *years;
	size_t nyears;
	struct sens *s;
};

/*
** Loads path, applies the assignments (NULL-terminated; "" for none),
** resolves it with auto values kept, as dtsim sensitivity does
** (scenario_resolve_raw), and starts an analysis with step h; runs every
** parameter.
*/
static void open_fixture(struct fixture *fx, const char *path, double h,
                         const char *const *set)
{
	struct err e;

	memset(fx, 0, sizeof *fx);
	err_clear(&e);
	if (scenario_load(path, &fx->sc, &e) != 0) {
		print_error("%s: %s\n", path, e.msg);
		fail();
	}
	for (size_t i = 0; set && set[i]; i++)
		assert_int_equal(scenario_set(fx->sc, set[i], &e), 0);
	assert_int_equal(scenario_resolve_raw(fx->sc, &fx->years, &fx->nyears, &e), 0);
	if (sens_new(fx->sc, fx->years, fx->nyears, h, &fx->s, &e) != 0) {
		print_error("%s: %s\n", path, e.msg);
		fail();
	}
	for (size_t i = 0; i < sens_count(fx->s); i++)
		sens_run(fx->s, i);
}

static void close_fixture(struct fixture *fx)
{
	sens_free(fx->s);
	free(fx->years);
	scenario_free(fx->sc);
}

/* The index of the parameter called name; fails the test when absent. */
static size_t find(const struct sens *s, const char *name)
{
	for (size_t i = 0; i < sens_count(s); i++)
		if (strcmp(sens_param(s, i)->name, name) == 0)
			return i;
	print_error("parameter %s does not take part\n", name);
	fail();
	return 0;
}

/* 1 when the parameter called name takes part. */
static int has(const struct sens *s, const char *name)
{
	for (size_t i = 0; i < sens_count(s); i++)
		if (strcmp(sens_param(s, i)->name, name) == 0)
			return 1;
	return 0;
}

/* The note of parameter i and KPI k (owned by the caller). */
static char *note(const struct sens *s, size_t i, enum kpi k)
{
	struct strbuf b = STRBUF_INIT;
	char *t;

	sens_note(s, i, k, &b);
	t = strbuf_take(&b);
	assert_non_null(t);
	return t;
}

static void expect_note(const struct sens *s, size_t i, enum kpi k, const char *sub)
{
	char *t = note(s, i, k);

	if (!strstr(t, sub)) {
		print_error("note of %s for %s is '%s', expected '%s' in it\n",
		            sens_param(s, i)->name, summary_kpis[k].name, t, sub);
		free(t);
		fail();
	}
	free(t);
}

/* ---- elasticities known in closed form ----------------------------------------------- */

/*
** With equal repayments (MODEL.md 12.2), the balance at the start of each
** year of service is P (1 - (j - 1) / n), whatever the rate r, and the
** interest of that year is r times it. So total_interest_eur = r P c for a
** constant c: exactly proportional to the rate and to the principal, and
** its elasticity to either is 1 for any step. The balances, and so
** peak_loan_balance_eur, are proportional to P and do not depend on r:
** elasticities 1 and 0.
*/
static void linear_loan(void **state)
{
	struct fixture fx;
	size_t rate, principal;

	(void)state;
	open_fixture(&fx, DATA "loan.ini", 0.1385, NULL);
	rate = find(fx.s, "loan.a.interest_rate");
	principal = find(fx.s, "loan.a.principal_eur");
	assert_true(sens_base(fx.s)->v[KPI_total_interest_eur] > 0);
	assert_close(sens_elasticity(fx.s, rate, KPI_total_interest_eur), 1, 1e-12, 0);
	assert_close(sens_elasticity(fx.s, principal, KPI_total_interest_eur), 1, 1e-12, 0);
	assert_close(sens_elasticity(fx.s, principal, KPI_peak_loan_balance_eur), 1, 1e-12, 0);
	assert_close(sens_elasticity(fx.s, rate, KPI_peak_loan_balance_eur), 0, 0, 1e-15);
	/* The values the sides ran: r (1 -/+ h), in the loan's own units. */
	assert_close(sens_param(fx.s, rate)->side[SENS_LOW].value, 0.0385 * (1 - 0.1385), 1e-15, 0);
	assert_close(sens_param(fx.s, rate)->side[SENS_HIGH].value, 0.0385 * (1 + 0.1385), 1e-15, 0);
	assert_true(sens_param(fx.s, rate)->decision);
	close_fixture(&fx);
}

/* Total interest of an annuity loan of P at rate r over n years, all of
** them inside the horizon: n instalments A = P r / (1 - (1 + r)^-n) repay
** P, so the interest is n A - P (MODEL.md 12.2, in closed form). */
static double annuity_interest(double P, double r, int n)
{
	return n * P * r / (1 - pow(1 + r, -n)) - P;
}

/*
** The same loan as an annuity: the central difference of the closed form
** at r (1 -/+ h), over the closed form at r, per 2 h. About 1.04 at these
** figures: a higher rate also slows the repayment, so the balances grow.
*/
static void annuity_loan(void **state)
{
	static const char *const set[] = { "loan.a.repayment=annuity", NULL };
	const double P = 2.385e6, r = 0.0385, h = 0.1385;
	const int n = 8;
	struct fixture fx;
	double want = (annuity_interest(P, r * (1 + h), n) - annuity_interest(P, r * (1 - h), n))
	              / annuity_interest(P, r, n) / (2 * h);

	(void)state;
	open_fixture(&fx, DATA "loan.ini", h, set);
	assert_close(sens_base(fx.s)->v[KPI_total_interest_eur], annuity_interest(P, r, n),
	             1e-12, 0);
	assert_close(sens_elasticity(fx.s, find(fx.s, "loan.a.interest_rate"),
	                             KPI_total_interest_eur), want, 1e-9, 0);
	assert_true(want > 1.01);
	close_fixture(&fx);
}

/* ---- which parameters take part -------------------------------------------------------- */

/* Every number of the registry but simulation control, calendar years,
** switches and thresholds only a report reads (PF_REPORT) takes part, once; a named section's keys once per section; the
** schedule only when a year schedules money; a key that is auto in every
** year of the scenario not itself but through what it is derived from
** (loan.ini sets none but loan.a.principal_eur). Nothing else. */
static void parameter_set(void **state)
{
	struct fixture fx;

	(void)state;
	open_fixture(&fx, DATA "loan.ini", 0.1, NULL);
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		int number = d->kind == PK_REAL || d->kind == PK_INT;
		int control = strcmp(d->section, "sim") == 0;
		int date = strcmp(d->unit, "year") == 0;
		int sw = d->kind == PK_INT && d->min == 0 && d->max == 1;
		int named = (d->flags & PF_NAMED) != 0;
		int autov = (d->flags & PF_AUTO) && !(named && strcmp(d->key, "principal_eur") == 0
		                                      && strcmp(d->section, "loan") == 0);
		int want = number && !control && !date && !sw && !(d->flags & (PF_SCHEDULE | PF_REPORT))
		           && (!named || strcmp(d->section, "loan") == 0) && !autov;
		char name[SENS_NAME_LEN];

		if (named)
			snprintf(name, sizeof name, "%s.a.%s", d->section, d->key);
		else
			snprintf(name, sizeof name, "%s", d->name);
		if (has(fx.s, name) != want) {
			print_error("%s: takes part %d, expected %d\n", name, !want, want);
			fail();
		}
	}
	for (size_t i = 0; i < sens_count(fx.s); i++) {
		const struct sens_param *x = sens_param(fx.s, i);

		assert_true(x->def->kind == PK_REAL || x->def->kind == PK_INT);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(sens_param(fx.s, j)->name, x->name);
	}
	/* The allocation is a decision; an effect size an assumption. */
	assert_true(sens_param(fx.s, find(fx.s, "allocation.literacy"))->decision);
	assert_true(sens_param(fx.s, find(fx.s, "budget.transformation_per_inhabitant_eur"))->decision);
	assert_true(sens_param(fx.s, find(fx.s, "loan.a.principal_eur"))->decision);
	assert_false(sens_param(fx.s, find(fx.s, "workforce.training_gain"))->decision);
	assert_false(sens_param(fx.s, find(fx.s, "legacy.om_rate"))->decision);
	close_fixture(&fx);
}

/* ---- how a parameter is varied ------------------------------------------------------------ */

/* Year blocks keep their proportions; an allocation share moves money to
** or from all other domains in proportion, and the shares of every year
** still sum to 1. budget.transformation_eur is auto until blocks.ini sets
** it from 2028: it is varied in the years that set it, and derived as
** before in the others (inhabitants x the figure per inhabitant). */
static void blocks_and_shares(void **state)
{
	struct fixture fx;
	struct model_params *v;
	size_t tb, lit;

	(void)state;
	open_fixture(&fx, DATA "blocks.ini", 0.1385, NULL);
	v = calloc(fx.nyears, sizeof *v);
	assert_non_null(v);
	tb = find(fx.s, "budget.transformation_eur");
	assert_close(sens_param(fx.s, tb)->base, 2.385e6, 0, 0);
	assert_int_equal(sens_vary(fx.s, tb, SENS_HIGH, v), 0);
	for (size_t y = 0; y < fx.nyears; y++)
		if (y < 2) {
			assert_true(params_is_auto(fx.years[y].budget_transformation_eur));
			assert_close(v[y].budget_transformation_eur,
			             registry_find("municipality.inhabitants")->def *
			             registry_find("budget.transformation_per_inhabitant_eur")->def,
			             1e-15, 0);
		} else {
			assert_close(v[y].budget_transformation_eur,
			             fx.years[y].budget_transformation_eur * 1.1385, 1e-15, 0);
		}
	assert_true(v[0].budget_transformation_eur != v[fx.nyears - 1].budget_transformation_eur);
	/* The figure per inhabitant moves the auto years alone. */
	assert_int_equal(sens_vary(fx.s, find(fx.s, "budget.transformation_per_inhabitant_eur"),
	                           SENS_LOW, v), 0);
	assert_close(v[0].budget_transformation_eur,
	             registry_find("municipality.inhabitants")->def *
	             registry_find("budget.transformation_per_inhabitant_eur")->def * (1 - 0.1385),
	             1e-15, 0);
	assert_close(v[2].budget_transformation_eur, 2.385e6, 0, 0);

	lit = find(fx.s, "allocation.literacy");
	for (int d = SENS_LOW; d <= SENS_HIGH; d++) {
		double f = d == SENS_LOW ? 1 - 0.1385 : 1 + 0.1385;

		assert_int_equal(sens_vary(fx.s, lit, (enum sens_dir)d, v), 0);
		for (size_t y = 0; y < fx.nyears; y++) {
			double s = fx.years[y].allocation_literacy, sum = 0;
			double others = (1 - s * f) / (1 - s);

			assert_close(v[y].allocation_literacy, s * f, 1e-15, 0);
			assert_close(v[y].allocation_infrastructure,
			             fx.years[y].allocation_infrastructure * others, 1e-14, 0);
			for (size_t i = 0; i < params_count; i++)
				if (params_table[i].flags & PF_SHARE)
					sum += params_cslot(&v[y], &params_table[i])[0];
			assert_close(sum, 1, 0, 1e-12);
		}
	}
	free(v);
	close_fixture(&fx);
}

/*
** Ranges: savings.reinvest_cap_eur sits at its maximum (1e11), so its high
** side is not run and the difference is one-sided; adoption.inclusion_max
** (0.98) can rise only to 1, a shorter step. A whole-number key moves to
** whole numbers: a term of 8 years by 13.85 % is 6.892 and 9.108, so 7 and 9.
*/
static void ranges_and_whole_numbers(void **state)
{
	struct fixture fx;
	const struct sens_param *cap, *incl, *term;
	double e;

	(void)state;
	open_fixture(&fx, DATA "loan.ini", 0.1385, NULL);
	cap = sens_param(fx.s, find(fx.s, "savings.reinvest_cap_eur"));
	assert_int_equal(cap->side[SENS_HIGH].status, SENS_AT_BOUND);
	assert_int_equal(cap->side[SENS_LOW].status, SENS_RAN);
	assert_close(cap->side[SENS_LOW].value, 1e11 * (1 - 0.1385), 1e-15, 0);
	expect_note(fx.s, find(fx.s, "savings.reinvest_cap_eur"), KPI_end_cash_eur,
	            "high not run: at the upper end of the range");
	expect_note(fx.s, find(fx.s, "savings.reinvest_cap_eur"), KPI_end_cash_eur, "one-sided");

	incl = sens_param(fx.s, find(fx.s, "adoption.inclusion_max"));
	assert_int_equal(incl->side[SENS_HIGH].status, SENS_RAN);
	assert_true(incl->side[SENS_HIGH].clipped);
	assert_true(incl->side[SENS_HIGH].value == 1);
	assert_close(incl->side[SENS_HIGH].rel, 1 / 0.98 - 1, 1e-15, 0);
	expect_note(fx.s, find(fx.s, "adoption.inclusion_max"), KPI_end_citizen_adoption,
	            "high cut to the upper end of the range");
	/* One-sided and shorter steps still give the documented quotient. */
	e = sens_elasticity(fx.s, find(fx.s, "adoption.inclusion_max"), KPI_end_citizen_adoption);
	assert_close(e, (incl->side[SENS_HIGH].kpi.v[KPI_end_citizen_adoption]
	                 - incl->side[SENS_LOW].kpi.v[KPI_end_citizen_adoption])
	                / fabs(sens_base(fx.s)->v[KPI_end_citizen_adoption])
	                / (1 / 0.98 - 1 + 0.1385), 1e-12, 0);

	term = sens_param(fx.s, find(fx.s, "loan.a.term_years"));
	assert_true(term->side[SENS_LOW].value == 7 && term->side[SENS_HIGH].value == 9);
	assert_close(term->side[SENS_HIGH].rel, 0.125, 1e-15, 0);
	close_fixture(&fx);
}

/*
** A parameter at 0 has no elasticity: it is raised to step x |default|
** alone; at 0 by default too (loan.a.grace_years) it is not varied. The
** default of budget.transformation_eur is auto, which derives to
** municipality.inhabitants x budget.transformation_per_inhabitant_eur
** (docs/PARAMETERS.md; the file sets neither), so it is raised to 0.1385
** times that; a per-inhabitant figure set to 0 is raised from the
** registry's default, and with it the derived EUR. A KPI that is 0 in the
** scenario's run (total_grants_eur without a grant) has no elasticity.
*/
static void zero_values(void **state)
{
	static const char *const set[] = { "budget.transformation_eur=0", NULL };
	struct fixture fx;
	size_t tb, grace, rate;

	(void)state;
	open_fixture(&fx, DATA "loan.ini", 0.1385, set);
	tb = find(fx.s, "budget.transformation_eur");
	assert_int_equal(sens_param(fx.s, tb)->mode, SENS_FROM_ZERO);
	assert_int_equal(sens_param(fx.s, tb)->side[SENS_LOW].status, SENS_NOT_VARIED);
	assert_int_equal(sens_param(fx.s, tb)->side[SENS_HIGH].status, SENS_RAN);
	assert_close(sens_param(fx.s, tb)->side[SENS_HIGH].value,
	             0.1385 * registry_find("municipality.inhabitants")->def
	             * registry_find("budget.transformation_per_inhabitant_eur")->def, 1e-15, 0);
	assert_false(sens_param(fx.s, tb)->side[SENS_HIGH].clipped);
	assert_true(isnan(sens_elasticity(fx.s, tb, KPI_end_service_maturity)));
	expect_note(fx.s, tb, KPI_end_service_maturity, "0 in the scenario: no elasticity");

	grace = find(fx.s, "loan.a.grace_years");
	assert_int_equal(sens_param(fx.s, grace)->mode, SENS_FIXED);
	assert_true(isnan(sens_elasticity(fx.s, grace, KPI_total_interest_eur)));
	expect_note(fx.s, grace, KPI_total_interest_eur, "not varied");

	rate = find(fx.s, "loan.a.interest_rate");
	assert_true(sens_base(fx.s)->v[KPI_total_grants_eur] == 0);
	assert_true(isnan(sens_elasticity(fx.s, rate, KPI_total_grants_eur)));
	expect_note(fx.s, rate, KPI_total_grants_eur, "total_grants_eur is 0 in the scenario's run");
	close_fixture(&fx);
}

/*
** A KPI that is a calendar year enters the formula as the time from the
** start to the end of that year: with the target at 0.3 (reached early),
** E = ((T_high - T_low) / T_base) / (2 h), T = year - 2026 + 1. A KPI
** without a value in the scenario's run (payback never) has none.
*/
static void year_kpis(void **state)
{
	static const char *const set[] = { "services.target_maturity=0.3", NULL };
	struct fixture fx;
	const struct sens_param *x;
	size_t i;
	double tb, tl, th;

	(void)state;
	open_fixture(&fx, DATA "loan.ini", 0.25, set);
	i = find(fx.s, "services.maturity_initial");
	x = sens_param(fx.s, i);
	tb = sens_base(fx.s)->v[KPI_target_year] - 2026 + 1;
	tl = x->side[SENS_LOW].kpi.v[KPI_target_year] - 2026 + 1;
	th = x->side[SENS_HIGH].kpi.v[KPI_target_year] - 2026 + 1;
	assert_true(tb > 0 && !isnan(tl) && !isnan(th));
	assert_close(sens_elasticity(fx.s, i, KPI_target_year), (th - tl) / tb / 0.5, 1e-12, 0);
	assert_true(th < tl);  /* more services online at the start: the target comes sooner */
	if (isnan(sens_base(fx.s)->v[KPI_payback_year])) {
		assert_true(isnan(sens_elasticity(fx.s, i, KPI_payback_year)));
		expect_note(fx.s, i, KPI_payback_year, "payback_year has no value in the scenario's run");
	}
	close_fixture(&fx);
}

/* ---- runs that fail, values the rules refuse ------------------------------------------------ */

/*
** tests/data/cli/sens_fail.ini runs, but resistance.cm_effect 10 % higher
** takes resistance below 0 in one Euler step: that run is recorded as
** failed with the engine's message, the elasticity is one-sided from the
** low side, and every other parameter is analysed. With a quarter-year
** Euler step, budget.drawdown_years 0.25 cannot fall: 0.225 breaks the
** step rule, so that side is refused and not run.
*/
static void failures_recorded(void **state)
{
	struct fixture fx;
	const struct sens_param *x;
	size_t i, failed = 0;

	(void)state;
	open_fixture(&fx, "tests/data/cli/sens_fail.ini", 0.1, NULL);
	for (size_t j = 0; j < sens_count(fx.s); j++)
		for (int d = 0; d < 2; d++)
			failed += sens_param(fx.s, j)->side[d].status == SENS_FAILED;
	assert_int_equal(failed, 1);
	i = find(fx.s, "resistance.cm_effect");
	x = sens_param(fx.s, i);
	assert_int_equal(x->side[SENS_HIGH].status, SENS_FAILED);
	assert_non_null(strstr(x->side[SENS_HIGH].why, "change_resistance"));
	assert_int_equal(x->side[SENS_LOW].status, SENS_RAN);
	assert_close(sens_elasticity(fx.s, i, KPI_end_service_maturity),
	             (sens_base(fx.s)->v[KPI_end_service_maturity]
	              - x->side[SENS_LOW].kpi.v[KPI_end_service_maturity])
	             / fabs(sens_base(fx.s)->v[KPI_end_service_maturity]) / 0.1, 1e-12, 0);
	expect_note(fx.s, i, KPI_end_service_maturity, "high run failed: t = ");
	/* Running it again gives the same record. */
	assert_int_equal(sens_run(fx.s, i), 1);

	x = sens_param(fx.s, find(fx.s, "budget.drawdown_years"));
	assert_int_equal(x->side[SENS_LOW].status, SENS_REFUSED);
	assert_non_null(strstr(x->side[SENS_LOW].why, "too long a step"));
	assert_int_equal(x->side[SENS_HIGH].status, SENS_RAN);
	close_fixture(&fx);
}

static void bad_step(void **state)
{
	static const double bad[] = { 0, -0.1, SENS_STEP_MAX * 1.001, NAN };
	struct scenario *sc;
	struct model_params *years;
	size_t n;
	struct sens *s = (struct sens *)1;
	struct err e;

	(void)state;
	assert_int_equal(scenario_load(DATA "loan.ini", &sc, &e), 0);
	assert_int_equal(scenario_resolve(sc, &years, &n, &e), 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		assert_int_equal(sens_new(sc, years, n, bad[i], &s, &e), -1);
		assert_null(s);
		assert_non_null(strstr(e.msg, "allowed: above 0"));
	}
	assert_int_equal(sens_new(sc, years, n, SENS_STEP_MAX, &s, &e), 0);
	sens_free(s);
	sens_free(NULL);
	free(years);
	scenario_free(sc);
}

/* ---- every parameter of the baseline, and the files ----------------------------------------- */

/* 1 when text holds a word that printf or strtod takes for a number that
** is not finite: nan, inf or infinity, signed or not, in any case. Words
** are runs of letters, digits, '.', '+' and '-' ("cost_inflation" is two
** words, neither of them "inf"). */
static int has_non_finite(const char *text)
{
	static const char *const bad[] = { "nan", "inf", "infinity" };
	const char *p = text;

	while (*p) {
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                     "0123456789.+-");
		const char *w = p + strspn(p, "+-");
		size_t wn = n - (size_t)(w - p);

		for (size_t i = 0; i < sizeof bad / sizeof bad[0] && n; i++)
			if (wn == strlen(bad[i]) && strncasecmp(w, bad[i], wn) == 0)
				return 1;
		p += n ? n : 1;
	}
	return 0;
}

/*
** The bundled baseline, every parameter and every KPI: an elasticity is a
** finite number or empty, and an empty one always has a note; the files
** hold no non-finite number, and record the versions of dtsim and the
** model and the step.
*/
static void baseline_everywhere_finite(void **state)
{
	struct fixture fx;
	enum kpi all[KPI_COUNT];
	char dir[128], *csv, *md, path[256], line[256];
	struct senswrite_in in;
	struct err e;

	(void)state;
	open_fixture(&fx, "scenarios/baseline.ini", SENS_STEP_DEFAULT, NULL);
	assert_true(sens_count(fx.s) > 50);
	for (size_t i = 0; i < sens_count(fx.s); i++)
		for (int k = 0; k < KPI_COUNT; k++) {
			double x = sens_elasticity(fx.s, i, (enum kpi)k);
			char *t = note(fx.s, i, (enum kpi)k);

			assert_false(isinf(x));
			if (isnan(x) && !t[0]) {
				print_error("%s, %s: empty without a note\n", sens_param(fx.s, i)->name,
				            summary_kpis[k].name);
				fail();
			}
			free(t);
		}
	for (int k = 0; k < KPI_COUNT; k++)
		all[k] = (enum kpi)k;
	in = (struct senswrite_in){ fx.s, "baseline", "Baseline", all, KPI_COUNT };
	assert_int_equal(testutil_mkdtemp(dir, sizeof dir, "sens"), 0);
	snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
	assert_int_equal(senswrite_csv(path, &in, &e), 0);
	csv = proc_read_file(path, NULL);
	snprintf(path, sizeof path, "%s/sensitivity.md", dir);
	assert_int_equal(senswrite_md(path, &in, &e), 0);
	md = proc_read_file(path, NULL);
	assert_non_null(csv);
	assert_non_null(md);
	assert_false(has_non_finite(csv));
	assert_false(has_non_finite(md));
	/* A header and a row per KPI and parameter. */
	assert_int_equal(proc_count_lines(csv), 1 + KPI_COUNT * sens_count(fx.s));
	assert_true(strncmp(csv, "\"scenario\",\"kpi\",\"rank\",\"parameter\",", 36) == 0);
	snprintf(line, sizeof line, "\"0.1\",\"%s\",\"%s\"\n", DTSIM_VERSION, MODEL_VERSION);
	assert_non_null(strstr(csv, line));
	snprintf(line, sizeof line, "written by dtsim %s, model %s.", DTSIM_VERSION, MODEL_VERSION);
	assert_non_null(strstr(md, line));
	free(csv);
	free(md);
	assert_int_equal(testutil_rmdir(dir, NULL), 2);
	close_fixture(&fx);
}

/* The order of a KPI: largest |E| first, equal sizes share a rank, those
** without an elasticity last with rank 0. */
static void order_by_size(void **state)
{
	struct fixture fx;
	size_t *order, *rank, n;

	(void)state;
	open_fixture(&fx, DATA "loan.ini", 0.1, NULL);
	n = sens_count(fx.s);
	order = calloc(n, sizeof *order);
	rank = calloc(n, sizeof *rank);
	assert_true(order && rank);
	sens_order(fx.s, KPI_total_interest_eur, order, rank);
	assert_int_equal(rank[0], 1);
	for (size_t j = 1; j < n; j++) {
		double a = sens_elasticity(fx.s, order[j - 1], KPI_total_interest_eur);
		double b = sens_elasticity(fx.s, order[j], KPI_total_interest_eur);

		if (isnan(b)) {
			assert_int_equal(rank[j], 0);
			continue;
		}
		assert_false(isnan(a));
		assert_true(fabs(a) >= fabs(b));
		assert_int_equal(rank[j], fabs(a) == fabs(b) ? rank[j - 1] : j + 1);
	}
	free(order);
	free(rank);
	close_fixture(&fx);
}

/* The default KPIs are KPIs, each once. */
static void default_kpis(void **state)
{
	(void)state;
	assert_true(sens_default_kpi_count > 0);
	for (size_t j = 0; j < sens_default_kpi_count; j++) {
		assert_true(sens_default_kpis[j] < KPI_COUNT);
		for (size_t i = 0; i < j; i++)
			assert_true(sens_default_kpis[i] != sens_default_kpis[j]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linear_loan),
		cmocka_unit_test(annuity_loan),
		cmocka_unit_test(parameter_set),
		cmocka_unit_test(blocks_and_shares),
		cmocka_unit_test(ranges_and_whole_numbers),
		cmocka_unit_test(zero_values),
		cmocka_unit_test(year_kpis),
		cmocka_unit_test(failures_recorded),
		cmocka_unit_test(bad_step),
		cmocka_unit_test(baseline_everywhere_finite),
		cmocka_unit_test(order_by_size),
		cmocka_unit_test(default_kpis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
