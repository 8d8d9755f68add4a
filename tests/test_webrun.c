/*
** test_webrun.c: the what-if page's run (sim/webrun.c) and its data
** (sim/webdata.c), natively: a scenario's raw parameters (auto left auto,
** as `dtsim params --json` writes them) run through webrun give exactly
** the rows and KPIs of scenario_resolve + engine_run + summary_compute,
** which is what dtsim run does; a changed input changes the result the
** way the model says; a value out of its range is refused with the
** registry's words; webrun_derive derives every year without a run (the
** base of a ramp the page keeps); the JSON escapes hostile text; dtsim params --json
** writes it, or nothing on a mistake. The WebAssembly build
** of the same code is compared with dtsim run by make test-web.
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
#include "scenario.h"
#include "summary.h"
#include "testproc.h"
#include "testutil.h"
#include "webdata.h"
#include "webrun.h"

#define SRC_DIR "scenarios/"

/* Loads path, or fails the test. */
static struct scenario *load(const char *path)
{
	struct scenario *sc = NULL;
	struct err e;

	if (scenario_load(path, &sc, &e) != 0)
		fail_msg("%s: %s", path, e.msg);
	return sc;
}

/* Copies sc's raw years into w's input; returns the number of years. */
static size_t fill(struct webrun *w, const struct scenario *sc)
{
	struct model_params *raw = NULL;
	size_t n = 0;
	struct err e;

	assert_int_equal(scenario_resolve_raw(sc, &raw, &n, &e), 0);
	for (size_t k = 0; k < n; k++)
		memcpy(webrun_input(w) + k * webrun_nparam(), &raw[k], webrun_nparam() * sizeof(double));
	for (int k = 0; k < NAMED_COUNT; k++)
		assert_int_equal(webrun_set_named(w, k, raw[0].named_count[k]), 0);
	free(raw);
	return n;
}

/* webrun equals the native path bit for bit, on scenarios with a loan, a
** grant, year blocks and a schedule. */
static void same_as_run(void **state)
{
	static const char *const files[] = { "baseline.ini", "borrow_to_invest.ini",
		"grant_cofunding.ini", "big_bang.ini", "council_plan.ini", "profile_town.ini" };
	struct webrun *w = webrun_new(40);
	struct engine *en = engine_new();

	(void)state;
	assert_non_null(w);
	assert_non_null(en);
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		char path[256];
		struct scenario *sc;
		struct model_params *yr = NULL;
		struct series s = { 0, 0, NULL };
		struct summary sum;
		struct err e;
		size_t n, ny;

		snprintf(path, sizeof path, SRC_DIR "%s", files[f]);
		sc = load(path);
		n = fill(w, sc);
		assert_int_equal(webrun_run(w, n), 0);
		assert_string_equal(webrun_error(w), "");
		assert_int_equal(scenario_resolve(sc, &yr, &ny, &e), 0);
		assert_int_equal(ny, n);
		assert_int_equal(engine_run(en, yr, ny, &s, &e), 0);
		assert_int_equal(summary_compute(&s, &yr[0], &sum), 0);
		assert_int_equal(webrun_rows(w), s.rows);
		assert_int_equal(webrun_cols(), s.cols);
		assert_memory_equal(webrun_series(w), s.v, s.rows * s.cols * sizeof(double));
		for (size_t k = 0; k < KPI_COUNT; k++) {
			double a = webrun_kpis(w)[k], b = sum.v[k];
			assert_true((isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0);
		}
		/* The derived first year is scenario_resolve's. */
		assert_memory_equal(webrun_derived(w, 0), &yr[0], webrun_nparam() * sizeof(double));
		assert_null(webrun_derived(w, n));
		series_free(&s);
		free(yr);
		scenario_free(sc);
	}
	engine_free(en);
	webrun_free(w);
}

/* Doubling the inhabitants of the baseline, whose transformation budget is
** auto (inhabitants x budget.transformation_per_inhabitant_eur, MODEL.md
** 1.2), doubles the first year's derived transformation budget. */
static void auto_follows_size(void **state)
{
	struct webrun *w = webrun_new(40);
	struct scenario *sc = load(SRC_DIR "baseline.ini");
	size_t n = fill(w, sc);
	const size_t inh = params_table[P_municipality_inhabitants].offset / sizeof(double);
	const size_t tr = params_table[P_budget_transformation_eur].offset / sizeof(double);
	double before;

	(void)state;
	assert_true(isnan(webrun_input(w)[tr]));
	assert_int_equal(webrun_run(w, n), 0);
	before = webrun_derived(w, 0)[tr];
	assert_true(before > 0);
	for (size_t k = 0; k < n; k++)
		webrun_input(w)[k * webrun_nparam() + inh] *= 2;
	assert_int_equal(webrun_run(w, n), 0);
	assert_close(webrun_derived(w, 0)[tr], 2 * before, 1e-15, 0);
	scenario_free(sc);
	webrun_free(w);
}

/* webrun_derive gives every year as scenario_resolve derives it, without a
** run: big_bang's auto budget is 25 EUR per inhabitant until 2028 and 4.5
** from 2029 (scenarios/big_bang.ini, baseline's 150,000 inhabitants), the
** ramp the page scales when its budget slider moves. */
static void derive_every_year(void **state)
{
	struct webrun *w = webrun_new(40);
	struct scenario *sc = load(SRC_DIR "big_bang.ini");
	size_t n = fill(w, sc), ny;
	const size_t tr = params_table[P_budget_transformation_eur].offset / sizeof(double);
	struct model_params *yr = NULL;
	struct err e;

	(void)state;
	assert_int_equal(webrun_run(w, n), 0);
	assert_true(webrun_rows(w) > 0);
	assert_int_equal(webrun_derive(w, n), 0);
	assert_int_equal(webrun_rows(w), 0);
	assert_int_equal(scenario_resolve(sc, &yr, &ny, &e), 0);
	assert_int_equal(ny, n);
	for (size_t k = 0; k < n; k++)
		assert_memory_equal(webrun_derived(w, k), &yr[k], webrun_nparam() * sizeof(double));
	assert_null(webrun_derived(w, n));
	assert_true(webrun_derived(w, 0)[tr] == 25 * 150000.0);
	assert_true(webrun_derived(w, 2)[tr] == 25 * 150000.0);
	assert_true(webrun_derived(w, 3)[tr] == 4.5 * 150000.0);
	assert_int_equal(webrun_derive(w, 0), -1);
	assert_string_equal(webrun_error(w), "0 years; allowed: 1 to 40");
	assert_null(webrun_derived(w, 0));
	free(yr);
	scenario_free(sc);
	webrun_free(w);
}

/* A value outside its key's range is refused with the registry's phrase;
** so is NaN where the key cannot be auto, and a horizon beyond the
** workspace. No rows are left from the refused run. */
static void refuses(void **state)
{
	struct webrun *w = webrun_new(20);
	struct scenario *sc = load(SRC_DIR "baseline.ini");
	size_t n = fill(w, sc);
	const size_t inh = params_table[P_municipality_inhabitants].offset / sizeof(double);
	const size_t share = params_table[P_finance_discount_rate].offset / sizeof(double);

	(void)state;
	assert_null(webrun_new(0));
	assert_int_equal(webrun_set_named(w, NAMED_COUNT, 1), -1);
	assert_int_equal(webrun_set_named(w, 0, PARAMS_NAMED_MAX + 1), -1);
	webrun_input(w)[(n - 1) * webrun_nparam() + inh] = 2.385e7;
	assert_int_equal(webrun_run(w, n), -1);
	assert_non_null(strstr(webrun_error(w), "municipality.inhabitants = 2.385e+07 is out of range; allowed: 1000 to 10000000"));
	assert_int_equal(webrun_rows(w), 0);
	webrun_input(w)[(n - 1) * webrun_nparam() + inh] = 150000;
	webrun_input(w)[share] = NAN;
	assert_int_equal(webrun_run(w, n), -1);
	assert_non_null(strstr(webrun_error(w), "finance.discount_rate = nan is not a number"));
	assert_int_equal(webrun_run(w, 21), -1);
	assert_string_equal(webrun_error(w), "21 years; allowed: 1 to 20");
	scenario_free(sc);
	webrun_free(w);
}

/* The JSON of a scenario with hostile texts: every quote, backslash,
** control character, '<', '>', '&', U+2028 and invalid UTF-8 escaped. */
static void json_escapes(void **state)
{
	char dir[256], path[512], *buf = NULL;
	size_t len = 0;
	FILE *f;
	struct scenario *sc;
	struct err e;

	(void)state;
	assert_int_equal(testutil_mkdtemp(dir, sizeof dir, "webdata"), 0);
	snprintf(path, sizeof path, "%s/evil.ini", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("[scenario]\nname = \"</script><b a=\\\"x\\\">&\\\\ \xe2\x80\xa8 \xff\"\n"
	      "[budget@2029]\ntransformation_eur = 2385000\n", f);
	fclose(f);
	sc = load(path);
	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(webdata_write(f, &sc, 1, &e), 0);
	fclose(f);
	assert_non_null(strstr(buf, "\"name\":\"\\u003c/script\\u003e\\u003cb a=\\\"x\\\"\\u003e\\u0026\\\\ \\u2028 \\ufffd\""));
	assert_null(strstr(buf, "</script>"));
	for (size_t i = 0; i < len; i++)
		assert_true((unsigned char)buf[i] >= 0x20 || buf[i] == '\n');
	/* The year block's key and year, the horizon lengthened to 40. */
	assert_non_null(strstr(buf, "\"blocks\":{\"budget.transformation_eur\":[2029]}"));
	assert_non_null(strstr(buf, "\"years\":15,\"start_year\":2026,\"years_max\":40"));
	free(buf);
	scenario_free(sc);
	assert_int_equal(testutil_rmdir(dir, "evil.ini"), 0);
}

/* dtsim params --json (the binary of $DTSIM): the document for a
** scenario; a usage error or a bad scenario prints the mistake, exit
** status 2 and nothing on stdout. */
static void cli_json(void **state)
{
	const char *dtsim = getenv("DTSIM");
	char dir[256], bad[512];
	struct proc_result r;
	FILE *f;

	(void)state;
	if (!dtsim || !*dtsim)
		skip();
	{
		char *argv[] = { (char *)dtsim, (char *)"params", (char *)"--json",
		                 (char *)SRC_DIR "baseline.ini", NULL };
		assert_int_equal(proc_run(argv, NULL, &r), 0);
		assert_int_equal(r.status, 0);
		assert_memory_equal(r.out, "{\"format\":1,", 12);
		assert_non_null(strstr(r.out, "\"scenarios\":[\n{\"id\":\"baseline\""));
		assert_string_equal(r.err, "");
		proc_result_free(&r);
	}
	{
		char *argv[] = { (char *)dtsim, (char *)"params", (char *)"--json", (char *)"--markdown", NULL };
		assert_int_equal(proc_run(argv, NULL, &r), 0);
		assert_int_equal(r.status, 2);
		assert_string_equal(r.out, "");
		assert_non_null(strstr(r.err, "--json and --markdown exclude each other"));
		proc_result_free(&r);
	}
	assert_int_equal(testutil_mkdtemp(dir, sizeof dir, "webjson"), 0);
	snprintf(bad, sizeof bad, "%s/bad.ini", dir);
	assert_non_null(f = fopen(bad, "w"));
	fputs("[budget]\ntransformation_eur = 2.385e6\n[allocation]\nliteracy = 35 %\n", f);
	fclose(f);
	{
		char *argv[] = { (char *)dtsim, (char *)"params", (char *)"--json",
		                 (char *)SRC_DIR "baseline.ini", bad, NULL };
		assert_int_equal(proc_run(argv, NULL, &r), 0);
		assert_int_equal(r.status, 2);
		assert_string_equal(r.out, "");
		assert_non_null(strstr(r.err, "bad.ini:4: allocation.literacy"));
		proc_result_free(&r);
	}
	assert_int_equal(testutil_rmdir(dir, "bad.ini"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_as_run),
		cmocka_unit_test(auto_follows_size),
		cmocka_unit_test(derive_every_year),
		cmocka_unit_test(refuses),
		cmocka_unit_test(json_escapes),
		cmocka_unit_test(cli_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
