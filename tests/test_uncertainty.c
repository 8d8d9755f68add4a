/*
** test_uncertainty.c: the uncertain parameters of a scenario
** (sim/uncertainty.c, uncline.c; docs/MODEL.md 17): defaults from the
** assumption ranges, [uncertainty] lines and --set, inheritance, the
** year-block shift, share renormalisation, auto values derived again,
** the rules between keys, and the errors at FILE:LINE.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_errno.h>

#include "dist.h"
#include "params.h"
#include "profile.h"
#include "registry.h"
#include "scenario.h"
#include "uncertainty.h"
#include "uncrange.h"
#include "testutil.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	return testutil_mkdtemp(dir, sizeof dir, "unc");
}

static int teardown(void **state)
{
	(void)state;
	testutil_rmdir(dir, NULL);
	return 0;
}

/* Writes text to dir/name; returns the path in a static buffer of its own
** per name slot (0 or 1). */
static const char *file(int slot, const char *name, const char *text)
{
	static char path[2][512];
	FILE *f;

	snprintf(path[slot], sizeof path[slot], "%s/%s", dir, name);
	f = fopen(path[slot], "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path[slot];
}

/* Loads path, applies the --set assignment (NULL: none) and builds its
** uncertain parameters; fails the test on an error. */
static struct unc_set *built(const char *path, const char *set, struct scenario **sc)
{
	struct errlist el = { NULL, 0, 0 };
	struct unc_set *u = NULL;
	struct err e;

	assert_int_equal(scenario_load_all(path, sc, &el), 0);
	if (set)
		assert_int_equal(scenario_set(*sc, set, &e), 0);
	if (unc_build(*sc, &u, &el) != 0)
		for (size_t i = 0; i < el.n; i++)
			print_error("%s:%ld: %s\n", el.a[i].file, el.a[i].line, el.a[i].msg);
	assert_non_null(u);
	errlist_free(&el);
	return u;
}

/* The index of the parameter called name in u, or SIZE_MAX. */
static size_t find(const struct unc_set *u, const char *name)
{
	for (size_t i = 0; i < unc_count(u); i++)
		if (strcmp(unc_name(u, i), name) == 0)
			return i;
	return SIZE_MAX;
}

/* The scenario's values of every uncertain parameter: a draw that changes
** nothing. */
static double *nominal(const struct unc_set *u, const struct model_params *years)
{
	double *x = malloc((unc_count(u) + 1) * sizeof *x);

	assert_non_null(x);
	for (size_t i = 0; i < unc_count(u); i++) {
		const struct param_def *d = NULL;
		char sec[64], key[64];
		const char *name = unc_name(u, i), *dot = strrchr(name, '.');
		/* Named keys are not used below; plain keys by their name. */
		snprintf(sec, sizeof sec, "%.*s", (int)(strchr(name, '.') - name), name);
		snprintf(key, sizeof key, "%s", dot + 1);
		d = registry_find2(sec, key);
		assert_non_null(d);
		x[i] = *params_cslot(&years[0], d);
	}
	return x;
}

/* A scenario ready to draw: its uncertain parameters, the years it
** resolves to, a copy of them to apply draws to, and the draw of its own
** values. */
struct fix {
	struct scenario *sc;
	struct unc_set *u;
	struct model_params *base, *years;
	size_t n;
	double *x;
};

/* Loads text as dir/name into f. */
static void fix_load(struct fix *f, const char *name, const char *text)
{
	struct err e;

	f->u = built(file(0, name, text), NULL, &f->sc);
	assert_int_equal(scenario_resolve(f->sc, &f->base, &f->n, &e), 0);
	f->years = malloc(f->n * sizeof *f->years);
	assert_non_null(f->years);
	memcpy(f->years, f->base, f->n * sizeof *f->years);
	f->x = nominal(f->u, f->base);
}

static void fix_free(struct fix *f)
{
	free(f->x);
	free(f->years);
	free(f->base);
	unc_free(f->u);
	scenario_free(f->sc);
}

/* Every assumption range lies inside its key's range, and no decision of
** sim/sensitivity.def has one: decisions are not uncertain by default. */
static void test_ranges_and_decisions(void **state)
{
	(void)state;
	for (size_t i = 0; i < params_count; i++) {
		const struct uncrange *r = uncrange_of(i);
		if (!r)
			continue;
		assert_true(r->min >= params_table[i].min && r->max <= params_table[i].max);
		assert_true(r->min < r->max);
		assert_true(params_table[i].kind == PK_REAL);
		assert_false(params_table[i].flags & (PF_SHARE | PF_SCHEDULE | PF_NAMED | PF_AUTO));
	}
#define SENS_KPI(name)
#define SENS_DECISION(id) assert_null(uncrange_of(id));
#define SENS_DECISION_FLAG(flag)
#define SENS_DECISION_NAMED(k)
#include "sensitivity.def"
#undef SENS_KPI
#undef SENS_DECISION
#undef SENS_DECISION_FLAG
#undef SENS_DECISION_NAMED
}

/* The defaults: PERT over the range with the scenario's value as mode,
** moved into the range; [uncertainty] lines and --set win, later files
** over their base, and `off` removes a parameter. */
static void test_defaults_lines_inheritance(void **state)
{
	struct scenario *sc;
	struct unc_set *u;
	struct strbuf b = STRBUF_INIT;
	size_t i;

	(void)state;
	file(1, "base.ini", "[uncertainty]\nlegacy.om_rate = uniform(0.2, 0.3)\n"
	     "workforce.hire_skill = off\nadoption.trust_loss = uniform(0.03, 0.07)\n");
	u = built(file(0, "child.ini", "[scenario]\nextends = base.ini\n[workforce]\n"
	               "skill_initial = 0.62\n[uncertainty]\nlegacy.om_rate = triangular(0.15, 0.2, 0.3)\n"),
	          "uncertainty.adoption.trust_loss=pert(0.02, 0.05, 0.09)", &sc);
	/* skill_initial 0.62 is above its range 0.3-0.5: the mode is 0.5. */
	i = find(u, "workforce.skill_initial");
	assert_true(i != SIZE_MAX);
	unc_format(u, i, &b);
	assert_string_equal(strbuf_str(&b), "pert(0.3, 0.5, 0.5)");
	strbuf_reset(&b);
	unc_source(u, i, &b);
	assert_string_equal(strbuf_str(&b), "default");
	strbuf_reset(&b);
	/* The child's line wins over its base's. */
	i = find(u, "legacy.om_rate");
	unc_format(u, i, &b);
	assert_string_equal(strbuf_str(&b), "triangular(0.15, 0.2, 0.3)");
	strbuf_reset(&b);
	unc_source(u, i, &b);
	assert_non_null(strstr(strbuf_str(&b), "child.ini:6"));
	strbuf_reset(&b);
	/* --set wins over the files. */
	i = find(u, "adoption.trust_loss");
	unc_format(u, i, &b);
	assert_string_equal(strbuf_str(&b), "pert(0.02, 0.05, 0.09)");
	assert_close(unc_quantile(u, i, 0.0), 0.02, 0, 0);
	assert_close(unc_quantile(u, i, 1.0), 0.09, 0, 0);
	/* off in the base holds in the child. */
	assert_true(find(u, "workforce.hire_skill") == SIZE_MAX);
	/* Decisions are not uncertain. */
	assert_true(find(u, "savings.reinvest_share") == SIZE_MAX);
	assert_true(find(u, "allocation.process") == SIZE_MAX);
	strbuf_free(&b);
	unc_free(u);
	scenario_free(sc);
}

/* A parameter with year blocks shifts every year alike, clipped to its
** range; applying the scenario's values gives the resolved years back,
** whatever was applied before. */
static void test_year_block_shift(void **state)
{
	struct fix f;
	struct model_params *years;
	double *x;
	size_t n, i;

	(void)state;
	fix_load(&f, "shift.ini", "[sim]\nyears = 6\n[budget]\ngrowth_rate = 0.0285\n"
	         "[budget@2028]\ngrowth_rate = 0.0415\n[budget@2030]\ngrowth_rate = 0.4385\n"
	         "[uncertainty]\nbudget.growth_rate = uniform(0.0085, 0.1285)\n");
	years = f.years;
	x = f.x;
	n = f.n;
	assert_int_equal(n, 6);
	i = find(f.u, "budget.growth_rate");
	x[i] = 0.1285; /* +0.1 on the first year's 0.0285 */
	assert_int_equal(unc_apply(f.u, x, years, n), 0);
	assert_close(years[0].budget_growth_rate, 0.1285, 1e-12, 0);
	assert_close(years[1].budget_growth_rate, 0.1285, 1e-12, 0);
	assert_close(years[2].budget_growth_rate, 0.1415, 1e-12, 0);
	assert_close(years[3].budget_growth_rate, 0.1415, 1e-12, 0);
	/* 0.4385 + 0.1 is above the key's largest 0.5: clipped. */
	assert_close(years[4].budget_growth_rate, 0.5, 0, 0);
	assert_close(years[5].budget_growth_rate, 0.5, 0, 0);
	/* Back to the scenario's values without resetting years. */
	x[i] = 0.0285;
	assert_int_equal(unc_apply(f.u, x, years, n), 0);
	assert_int_equal(memcmp(years, f.base, n * sizeof *years), 0);
	/* The wrong number of years is refused. */
	assert_int_equal(unc_apply(f.u, x, years, n - 1), -1);
	fix_free(&f);
}

/* An uncertain allocation share is drawn and every share of the year
** divided by their sum, so they sum to 1; the other shares keep their
** proportions. */
static void test_share_renormalisation(void **state)
{
	struct fix f;
	struct model_params *base, *years;
	size_t n, i;
	double *x, rest = 0.0, sum = 0.0;

	(void)state;
	fix_load(&f, "share.ini", "[sim]\nyears = 3\n[uncertainty]\n"
	         "allocation.process = uniform(0.02, 0.4)\n");
	base = f.base;
	years = f.years;
	n = f.n;
	x = f.x;
	i = find(f.u, "allocation.process");
	x[i] = 0.385;
	for (size_t id = 0; id < params_count; id++)
		if ((params_table[id].flags & PF_SHARE) && id != P_allocation_process)
			rest += *params_cslot(&base[0], &params_table[id]);
	assert_int_equal(unc_apply(f.u, x, years, n), 0);
	for (size_t y = 0; y < n; y++) {
		sum = 0.0;
		for (size_t id = 0; id < params_count; id++)
			if (params_table[id].flags & PF_SHARE)
				sum += *params_cslot(&years[y], &params_table[id]);
		assert_close(sum, 1.0, 1e-12, 0);
		assert_close(years[y].allocation_process, 0.385 / (0.385 + rest), 1e-12, 0);
		assert_close(years[y].allocation_infrastructure,
		             base[y].allocation_infrastructure / (0.385 + rest), 1e-12, 0);
	}
	/* Twice in a row gives the same (the shares start from the scenario's). */
	memcpy(base, years, n * sizeof *years);
	assert_int_equal(unc_apply(f.u, x, years, n), 0);
	assert_int_equal(memcmp(years, base, n * sizeof *years), 0);
	fix_free(&f);
}

/* An input of an auto value (services.build_fixed_eur of the cost per
** service, MODEL.md 1.2) derives it again in every year. */
static void test_auto_derived_again(void **state)
{
	struct fix f;
	size_t i;

	(void)state;
	fix_load(&f, "auto.ini", "[sim]\nyears = 3\n[municipality]\ninhabitants = 123850\n"
	         "[services]\nbuild_per_inhabitant_eur = 0.2385\n[uncertainty]\n"
	         "services.build_per_inhabitant_eur = off\n");
	i = find(f.u, "services.build_fixed_eur");
	assert_true(i != SIZE_MAX);
	f.x[i] = 43850;
	assert_int_equal(unc_apply(f.u, f.x, f.years, f.n), 0);
	for (size_t y = 0; y < f.n; y++)
		assert_close(f.years[y].services_cost_per_service_eur, 43850 + 123850 * 0.2385, 1e-12, 0);
	fix_free(&f);
}

/* The errors of unc_build, each at FILE:LINE of its line. */
static void test_build_errors(void **state)
{
	static const struct {
		const char *text, *where, *what;
	} cases[] = {
		/* A draw of 2032 would put the start after the deadline 2030. */
		{ "[mandate]\nactive = 1\n[uncertainty]\nmandate.start_year = choice(2026, 2032)\n",
		  ":4", "mandate.start_year = choice(2026:1, 2032:1) could break a rule between keys" },
		/* At euler's quarter-year step a drawdown below 0.25 years is unstable. */
		{ "[sim]\nmethod = euler\ndt = 0.25\n[uncertainty]\nbudget.drawdown_years = uniform(0.1, 0.5)\n",
		  ":5", "budget.drawdown_years = uniform(0.1, 0.5) could break a rule" },
		{ "[uncertainty]\ngrant.x.cofunding_share = uniform(0.2, 0.4)\n",
		  ":2", "the scenario has no [grant.x]" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct errlist el = { NULL, 0, 0 };
		struct scenario *sc;
		struct unc_set *u = (struct unc_set *)&el;
		char line[sizeof el.a[0].file + sizeof el.a[0].msg + 32];
		assert_int_equal(scenario_load_all(file(0, "bad.ini", cases[k].text), &sc, &el), 0);
		assert_int_equal(unc_build(sc, &u, &el), -1);
		assert_null(u);
		assert_true(el.n >= 1);
		snprintf(line, sizeof line, "%s:%ld: %s", el.a[0].file, el.a[0].line, el.a[0].msg);
		if (!strstr(line, cases[k].where) || !strstr(line, cases[k].what))
			print_error("%s\n", line);
		assert_non_null(strstr(line, cases[k].where));
		assert_non_null(strstr(line, cases[k].what));
		errlist_free(&el);
		scenario_free(sc);
	}
}

/* A default range that could break a rule is narrowed towards the
** scenario's value instead: the same drawdown at euler's quarter step. */
static void test_default_narrowed(void **state)
{
	struct scenario *sc;
	struct unc_set *u;
	size_t i;

	(void)state;
	u = built(file(0, "narrow.ini", "[sim]\nmethod = euler\ndt = 0.25\n[budget]\n"
	               "drawdown_years = 0.3\n"), NULL, &sc);
	i = find(u, "budget.drawdown_years");
	/* The range 0.1-0.75 loses the part below the step 0.25. */
	assert_true(unc_quantile(u, i, 0.0) >= 0.25);
	assert_true(unc_quantile(u, i, 0.0) <= 0.3);
	assert_close(unc_quantile(u, i, 1.0), 0.75, 0, 0);
	unc_free(u);
	scenario_free(sc);
}

/* Mistakes in [uncertainty] lines and --set: every one, at its line. */
static void test_line_errors(void **state)
{
	struct errlist el = { NULL, 0, 0 };
	struct scenario *sc;
	struct err e;

	(void)state;
	scenario_load_all(file(0, "lines.ini", "[uncertainty]\nlegacy.om_rat = uniform(0.1, 0.2)\n"
	                       "legacy.om_rate = pert(0.1, 0.4, 0.3)\nlegacy.om_rate = off\n"
	                       "[uncertainty@2028]\n"), &sc, &el);
	assert_int_equal(el.total, 3);
	assert_int_equal(el.a[0].line, 2);
	assert_non_null(strstr(el.a[0].msg, "did you mean 'legacy.om_rate'?"));
	assert_int_equal(el.a[1].line, 3);
	assert_non_null(strstr(el.a[1].msg, "mode 0.4 outside its bounds"));
	assert_int_equal(el.a[2].line, 5);
	assert_non_null(strstr(el.a[2].msg, "takes no year"));
	errlist_free(&el);
	assert_int_equal(scenario_set(sc, "uncertainty.legacy.om_rate=normal(0.2,-1)", &e), -1);
	assert_string_equal(e.file, "");
	assert_non_null(strstr(e.msg, "--set uncertainty.legacy.om_rate: normal(0.2,-1) has sd -1"));
	scenario_free(sc);
}

/* The tabulated PERT of unc_quantile against GSL's exact inverse
** (dist_quantile): within 1e-6 of the range on a grid of 100,001 q, and
** never falling as q rises; unc_quantiles of the grid in batches of 777
** (a dtsim mc block's way) gives the same bits as one q at a time. */
static void test_tabulated_pert(void **state)
{
	static const char *const cases[][2] = {
		{ "legacy.om_rate", "pert(0.137, 0.2385, 0.385)" },
		{ "adoption.q", "pert(0.1, 0.1, 0.4)" },
		{ "adoption.p", "pert(0.001, 0.0385, 0.04)" },
	};
	char text[512] = "[uncertainty]\n";
	struct scenario *sc;
	struct unc_set *u;

	(void)state;
	for (size_t k = 0; k < 3; k++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "%s = %s\n",
		         cases[k][0], cases[k][1]);
	u = built(file(0, "tab.ini", text), NULL, &sc);
	assert_int_equal(unc_tabulate(u), 0);
	for (size_t k = 0; k < 3; k++) {
		struct strbuf why = STRBUF_INIT;
		struct dist d;
		size_t i = find(u, cases[k][0]);
		double prev = -1.0, worst = 0.0;
		double *qs = malloc(100001 * sizeof *qs), *one = malloc(100001 * sizeof *one);
		double *batch = malloc(100001 * sizeof *batch);

		assert_non_null(qs);
		assert_non_null(one);
		assert_non_null(batch);
		assert_int_equal(dist_parse(cases[k][1], registry_find(cases[k][0]), &d, &why), 0);
		for (int j = 0; j <= 100000; j++) {
			double q = j / 100000.0, x = unc_quantile(u, i, q);
			worst = fmax(worst, fabs(x - dist_quantile(&d, q)));
			assert_true(x >= prev);
			prev = x;
			qs[j] = q;
			one[j] = x;
		}
		for (size_t j = 0; j <= 100000; j += 777)
			unc_quantiles(u, i, qs + j, batch + j, 100001 - j < 777 ? 100001 - j : 777);
		assert_memory_equal(one, batch, 100001 * sizeof *one);
		free(qs);
		free(one);
		free(batch);
		if (worst > 1e-6 * (d.hi - d.lo))
			print_error("%s: off by %g\n", cases[k][1], worst);
		assert_true(worst <= 1e-6 * (d.hi - d.lo));
		strbuf_free(&why);
	}
	unc_free(u);
	scenario_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges_and_decisions),
		cmocka_unit_test(test_defaults_lines_inheritance),
		cmocka_unit_test(test_year_block_shift),
		cmocka_unit_test(test_share_renormalisation),
		cmocka_unit_test(test_auto_derived_again),
		cmocka_unit_test(test_build_errors),
		cmocka_unit_test(test_default_narrowed),
		cmocka_unit_test(test_line_errors),
		cmocka_unit_test(test_tabulated_pert),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, setup, teardown);
}
