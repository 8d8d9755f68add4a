/*
** test_scenario.c: scenario files (sim/scenario.c, scenfile.c, setting.c):
** loading, extends, year blocks, schedules, --set, resolution, provenance,
** the resolved file's round trip, and every error with its FILE:LINE.
** Fixtures live in tests/data/scenario/; error cases are written to a
** temporary directory and removed.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "numfmt.h"
#include "params.h"
#include "registry.h"
#include "rfile.h"
#include "scenario.h"
#include "scenfile.h"
#include "setting.h"
#include "testutil.h"
#include "profile.h"

#define DATA "tests/data/scenario/"

/* The temporary directory of the group and the files written into it. */
static char tmpdir[] = "/tmp/dtsim-test-scenario-XXXXXX";
static char made[256][128];
static size_t nmade;

static int group_setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < nmade; i++)
		unlink(made[i]);
	return rmdir(tmpdir);
}

/* Seconds a test that opens FIFOs and devices may take before SIGALRM ends
** the program: a regression that blocks fails instead of hanging. */
#define TEST_ALARM_S 20

/* Registers the path of `name` in the temporary directory for removal;
** returns it (valid until the end of the group). */
static const char *made_path(const char *name)
{
	char path[128];
	size_t i;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	for (i = 0; i < nmade && strcmp(made[i], path) != 0; i++)
		;
	if (i == nmade) {
		assert_true(nmade < sizeof made / sizeof made[0]);
		snprintf(made[nmade++], sizeof made[0], "%s", path);
	}
	return made[i];
}

/* Writes text to the file `name` in the temporary directory; returns its
** path (valid until the end of the group). */
static const char *put(const char *name, const char *text)
{
	const char *path = made_path(name);
	FILE *f;

	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Loads path, which must succeed. */
static struct scenario *load(const char *path)
{
	struct scenario *sc = NULL;
	struct err e;

	err_clear(&e);
	if (scenario_load(path, &sc, &e) != 0)
		fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
	return sc;
}

/* Resolves sc, which must succeed, and checks the number of years. */
static struct model_params *resolve(const struct scenario *sc, size_t want)
{
	struct model_params *y = NULL;
	size_t n = 0;
	struct err e;

	if (scenario_resolve(sc, &y, &n, &e) != 0)
		fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
	assert_int_equal(n, want);
	return y;
}

/* Checks an error record: file (NULL: the temporary file `name`), line,
** key and the exact message. */
static void check_err(const struct err *e, const char *file, long line,
                      const char *key, const char *msg)
{
	assert_string_equal(e->file, file);
	assert_int_equal(e->line, line);
	assert_string_equal(e->key, key);
	assert_string_equal(e->msg, msg);
}

/* Writes `text` as `name`, loads it, and expects the load to fail at line
** with key and message. */
static void load_fails(const char *name, const char *text, long line,
                       const char *key, const char *msg)
{
	const char *path = put(name, text);
	struct scenario *sc = (struct scenario *)&sc;
	struct err e;

	assert_int_equal(scenario_load(path, &sc, &e), -1);
	assert_null(sc);
	check_err(&e, path, line, key, msg);
}

/* Writes `text`, loads it, and expects resolving to fail at line (0 for
** none, with file "") with key and message. */
static void resolve_fails(const char *text, long line, const char *key,
                          const char *msg)
{
	const char *path = put("r.ini", text);
	struct scenario *sc = load(path);
	struct model_params *y = (struct model_params *)&y;
	size_t n = 99;
	struct err e;

	assert_int_equal(scenario_resolve(sc, &y, &n, &e), -1);
	assert_null(y);
	assert_int_equal(n, 0);
	check_err(&e, line ? path : "", line, key, msg);
	scenario_free(sc);
}

/* Reads what fn writes for sc into a new string (caller frees). */
static char *written(int (*fn)(const struct scenario *, FILE *),
                     const struct scenario *sc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(fn(sc, f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Checks that the check listing out has the line "left    # src". */
static void has_line(const char *out, const char *left, const char *src)
{
	char line[512];

	snprintf(line, sizeof line, "\n%-47s # %s\n", left, src);
	if (!strstr(out, line))
		fail_msg("no line '%s' in:\n%s", line + 1, out);
}

/* ---- loading and resolving --------------------------------------------- */

static void test_defaults(void **state)
{
	struct scenario *sc = load(put("plain.ini", "[sim]\nyears = 3\n"));
	struct model_params *y = resolve(sc, 3), d;

	(void)state;
	profile_defaults(&d);
	d.sim_years = 3;
	for (size_t k = 0; k < 3; k++)
		assert_memory_equal(&y[k], &d, sizeof d);
	assert_string_equal(scenario_id(sc), "plain");
	assert_string_equal(scenario_text(sc, P_scenario_name), "plain");
	assert_string_equal(scenario_text(sc, P_scenario_description), "");
	free(y);
	scenario_free(sc);
	scenario_free(NULL);
}

static void test_extends_three_levels(void **state)
{
	struct scenario *sc = load(DATA "sub/top.ini");
	struct model_params *y = resolve(sc, 6);

	(void)state;
	assert_string_equal(scenario_id(sc), "top");
	assert_string_equal(scenario_text(sc, P_scenario_name), "Base city");
	assert_string_equal(scenario_text(sc, P_scenario_description), "Mid level");
	for (size_t k = 0; k < 6; k++) {
		long yr = 2026 + (long)k;
		/* top's plain value wins over base's until base's block of 2029. */
		assert_close(y[k].budget_growth_rate, yr < 2029 ? 0.0285 : 0.0415, 0, 0);
		assert_close(y[k].budget_reserve_eur, 3115000, 0, 0);   /* mid */
		assert_close(y[k].budget_it_base_eur, 14250000, 0, 0);  /* base */
		assert_close(y[k].workforce_turnover_rate, 0.1175, 0, 0);
		assert_close(y[k].allocation_process, yr < 2028 ? 0.115 : 0.065, 0, 0);
		assert_close(y[k].allocation_value_creation, yr < 2028 ? 0.2 : 0.25, 0, 0);
		assert_close(y[k].allocation_infrastructure, 0.215, 0, 0);
		assert_close(y[k].schedule_active, 0, 0, 0);
	}
	free(y);
	scenario_free(sc);
}

/*
** The step of a scenario that does not set sim.dt (MODEL.md 9.4): RK4 at
** 1/4 year; 1/12 where 1/4 breaks the step rule (a procurement delay of
** 0.5 yr: stages of 1/6 yr need h <= 0.232 with RK4), where the report step
** is not a whole multiple of 1/4 (monthly rows), and with euler and rkf45.
** A step the scenario sets is kept.
*/
static void test_default_step(void **state)
{
	static const struct {
		const char *set;
		double dt;
	} cases[] = {
		{ NULL, 0.25 },
		{ "procurement.delay_years = 0.75", 0.25 },
		{ "procurement.delay_years = 0.5", 1.0 / 12.0 },
		{ "sim.report_step = 0.083333333333333329", 1.0 / 12.0 },
		{ "sim.report_step = 0.5", 0.25 },
		{ "sim.method = euler", 1.0 / 12.0 },
		{ "sim.method = rkf45", 1.0 / 12.0 },
		{ "sim.dt = 0.125", 0.125 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct scenario *sc = load("scenarios/baseline.ini");
		struct model_params *y = NULL;
		size_t n;
		struct err e;

		if (cases[i].set)
			assert_int_equal(scenario_set(sc, cases[i].set, &e), 0);
		if (scenario_resolve(sc, &y, &n, &e) != 0)
			fail_msg("%s: %s", cases[i].set, e.msg);
		if (y[0].sim_dt != cases[i].dt)
			fail_msg("%s: dt %.17g, expected %.17g", cases[i].set ? cases[i].set : "(none)",
			         y[0].sim_dt, cases[i].dt);
		free(y);
		scenario_free(sc);
	}
}

static void test_check_provenance(void **state)
{
	struct scenario *sc = load(DATA "sub/top.ini");
	struct err e;
	char *out;

	(void)state;
	assert_int_equal(scenario_set(sc, "workforce.hire_skill = 0.4625", &e), 0);
	out = written(scenario_write_check, sc);
	has_line(out, "budget.growth_rate = 0.0285", DATA "sub/top.ini:6");
	has_line(out, "budget.reserve_eur = 3115000", DATA "sub/../mid.ini:7");
	has_line(out, "budget.it_base_eur = 14250000", DATA "sub/../base.ini:12");
	has_line(out, "sim.dt = 0.25", "default");
	has_line(out, "sim.method = rk4", "default");
	has_line(out, "workforce.hire_skill = 0.4625", "--set");
	has_line(out, "scenario.extends = ../mid.ini", DATA "sub/top.ini:3");
	assert_non_null(strstr(out, "\nscenario.name = Base city"));
	has_line(out, "allocation@2028.process = 0.065", DATA "sub/../mid.ini:14");
	has_line(out, "allocation@2028.value_creation = 0.25", DATA "sub/../mid.ini:15");
	assert_non_null(strstr(out, "\nbudget@2029.growth_rate = 0.0415"));
	assert_null(strstr(out, "schedule.process"));
	free(out);
	scenario_free(sc);
}

/*
** Year blocks hold from their year on. budget.transformation_eur is auto
** by default: each year it is derived again from that year's figures as
** municipality.inhabitants x budget.transformation_per_inhabitant_eur
** (MODEL.md 1.2; the registry's defaults, 150,000 x 4.5 EUR), so a block
** that changes the figure per inhabitant changes it, and one that gives
** it in EUR replaces it from then on.
*/
static void test_year_blocks(void **state)
{
	struct scenario *sc = load(put("years.ini",
		"[sim]\nstart_year = 2030\nyears = 5\n"
		"[budget@2034]\ngrowth_rate = -0.0125\n"
		"[budget@2032]\ngrowth_rate = 0.0415\ntransformation_eur = 2385000\n"
		"[budget@2031]\ntransformation_per_inhabitant_eur = 7.25\n"
		"[budget@2040]\ngrowth_rate = 0.3\n"
		"[norms@2031]\nstrength = 0.6125\n"));
	struct model_params *y = resolve(sc, 5);
	static const double growth[5] = { 0.02, 0.02, 0.0415, 0.0415, -0.0125 };
	const double inhabitants = registry_find("municipality.inhabitants")->def;
	const double per = registry_find("budget.transformation_per_inhabitant_eur")->def;
	const double transformation[5] = { inhabitants * per, inhabitants * 7.25, 2385000,
	                                   2385000, 2385000 };

	(void)state;
	assert_true(params_is_auto(registry_find("budget.transformation_eur")->def));
	for (size_t k = 0; k < 5; k++) {
		assert_close(y[k].budget_growth_rate, growth[k], 0, 0);
		assert_close(y[k].budget_transformation_eur, transformation[k], 1e-15, 0);
		assert_close(y[k].norms_strength, k < 1 ? 0.3 : 0.6125, 0, 0);
	}
	free(y);
	scenario_free(sc);
}

/* The schedule from plan.csv equals the one from [schedule@YEAR] blocks. */
static void test_schedule_csv_equals_blocks(void **state)
{
	struct scenario *a = load(DATA "planned.ini"), *b = load(DATA "blocks.ini");
	struct model_params *ya = resolve(a, 5), *yb = resolve(b, 5);

	(void)state;
	assert_memory_equal(ya, yb, 5 * sizeof *ya);
	assert_close(ya[1].schedule_active, 1, 0, 0);
	assert_close(ya[1].schedule_process, 125000.5, 0, 0);
	assert_close(ya[1].schedule_infrastructure, 2385000, 0, 0);
	assert_close(ya[1].schedule_quality, 0, 0, 0);
	assert_close(ya[3].schedule_literacy, 42.1875, 0, 0);
	assert_close(ya[3].schedule_infrastructure, 1e6, 0, 0);
	for (size_t k = 0; k < 5; k += 2) {
		assert_close(ya[k].schedule_active, 0, 0, 0);
		assert_close(ya[k].schedule_process, 0, 0, 0);
	}
	/* Shares stay as they were in schedule years. */
	assert_close(ya[1].allocation_process, 0.08, 0, 0);
	free(ya);
	free(yb);
	scenario_free(a);
	scenario_free(b);
}

static void test_schedule_provenance(void **state)
{
	struct scenario *sc = load(DATA "planned.ini");
	char *out = written(scenario_write_check, sc);

	(void)state;
	has_line(out, "allocation.schedule = plan.csv", DATA "planned.ini:5");
	has_line(out, "schedule@2029.infrastructure = 1000000", DATA "plan.csv:3");
	has_line(out, "schedule@2027.process = 125000.5", DATA "plan.csv:2");
	free(out);
	scenario_free(sc);
}

/* A later file overrides a schedule cell; the rest of the row stays. */
static void test_schedule_merge(void **state)
{
	const char *csv = put("m.csv", "year,process,quality\n2027,11.5,23.75\n");
	struct scenario *sc;
	struct model_params *y;

	(void)state;
	(void)csv;
	put("mbase.ini", "[sim]\nyears = 2\n[allocation]\nschedule = m.csv\n");
	sc = load(put("mtop.ini", "[scenario]\nextends = mbase.ini\n"
	                          "[schedule@2027]\nquality = 31.25\n"));
	y = resolve(sc, 2);
	assert_close(y[1].schedule_process, 11.5, 0, 0);
	assert_close(y[1].schedule_quality, 31.25, 0, 0);
	free(y);
	scenario_free(sc);
}

static void test_set(void **state)
{
	struct scenario *sc = load(DATA "sub/top.ini");
	struct model_params *y;
	struct err e;

	(void)state;
	assert_int_equal(scenario_set(sc, "budget.growth_rate=0.0335", &e), 0);
	assert_int_equal(scenario_set(sc, " budget@2030.growth_rate = -0.0215 ", &e), 0);
	assert_int_equal(scenario_set(sc, "sim.method=euler", &e), 0);
	assert_int_equal(scenario_set(sc, "scenario.name= Plan B ", &e), 0);
	assert_string_equal(scenario_text(sc, P_scenario_name), "Plan B");
	/* The command line has no comments: ';' is taken as written. */
	assert_int_equal(scenario_set(sc, "scenario.description=  a ; b  ", &e), 0);
	assert_string_equal(scenario_text(sc, P_scenario_description), "a ; b");
	assert_int_equal(scenario_set(sc, "scenario.description=;Plan C", &e), 0);
	assert_string_equal(scenario_text(sc, P_scenario_description), ";Plan C");
	/* Double quotes keep the blanks; \" and \\ are the escapes. */
	assert_int_equal(scenario_set(sc, "scenario.description= \"  \\\"x\\\" \\\\ # ;y  \" ", &e), 0);
	assert_string_equal(scenario_text(sc, P_scenario_description), "  \"x\" \\ # ;y  ");
	assert_int_equal(scenario_set(sc, "schedule@2027.policies=8125", &e), 0);
	y = resolve(sc, 6);
	assert_close(y[0].budget_growth_rate, 0.0335, 0, 0);
	assert_close(y[3].budget_growth_rate, 0.0415, 0, 0); /* base's 2029 block */
	assert_close(y[4].budget_growth_rate, -0.0215, 0, 0);
	assert_close(y[5].budget_growth_rate, -0.0215, 0, 0);
	assert_close(y[0].sim_method, METHOD_EULER, 0, 0);
	assert_close(y[1].schedule_policies, 8125, 0, 0);
	assert_close(y[1].schedule_active, 1, 0, 0);
	assert_string_equal(scenario_text(sc, P_scenario_name), "Plan B");
	free(y);
	scenario_free(sc);
}

static void test_set_errors(void **state)
{
	struct scenario *sc = load(put("s.ini", "[sim]\nyears = 2\n"));
	static const struct { const char *in, *key, *msg; } cases[] = {
		{ "budget.growth_rate", "", "--set budget.growth_rate: expected "
		  "section.key=value" },
		{ "growth=1", "growth", "--set growth: expected section.key=value" },
		{ "budget.growth=0.1", "budget.growth", "--set budget.growth: unknown "
		  "key; did you mean 'budget.growth_rate'?" },
		{ "budget.zzzzzzzz=0.1", "budget.zzzzzzzz", "--set budget.zzzzzzzz: "
		  "unknown key; allowed keys in [budget]: it_base_eur, om_share_initial, "
		  "growth_rate, cost_inflation, transformation_eur, "
		  "transformation_per_inhabitant_eur, reserve_eur, "
		  "reserve_per_inhabitant_eur, drawdown_years" },
		{ "bugdet.growth_rate=0.1", "bugdet.growth_rate", "--set bugdet.growth_"
		  "rate: unknown section [bugdet]; did you mean [budget]?" },
		{ "budget@20x8.growth_rate=0.1", "budget@20x8.growth_rate", "--set "
		  "budget@20x8.growth_rate: [budget@20x8]: '20x8' is not a year; "
		  "allowed: whole numbers from 1900 to 2200 (year)" },
		{ "budget.growth_rate=0.9", "budget.growth_rate", "--set budget.growth_"
		  "rate: 0.9 is out of range; allowed: -0.5 to 0.5 (1/yr)" },
		{ "budget.growth_rate=", "budget.growth_rate", "--set budget.growth_"
		  "rate: value is empty; allowed: -0.5 to 0.5 (1/yr)" },
		{ "budget@2027.reserve_eur=5", "budget.reserve_eur", "--set budget@2027"
		  ".reserve_eur: cannot change by year; set it in [budget]; keys that "
		  "can: growth_rate, cost_inflation, transformation_eur, "
		  "transformation_per_inhabitant_eur" },
		{ "schedule.process=5", "schedule.process", "--set schedule.process: "
		  "can only be set for one year; allowed: [schedule@YEAR] blocks or "
		  "allocation.schedule" },
		{ "scenario.extends=x.ini", "scenario.extends", "--set scenario.extends:"
		  " cannot be set with --set (it names a file relative to the "
		  "scenario); allowed: set it in the scenario file" },
		{ "allocation.schedule=x.csv", "allocation.schedule", "--set allocation"
		  ".schedule: cannot be set with --set (it names a file relative to the "
		  "scenario); allowed: set it in the scenario file" },
		{ "scenario.description=\"a ; b", "scenario.description", "--set "
		  "scenario.description: \"a ; b has no closing '\"'; allowed: a text "
		  "in double quotes on one line, continued on indented lines that each "
		  "hold one more quoted piece" },
		{ "scenario.name=\"Plan\" B", "scenario.name", "--set scenario.name: "
		  "\"Plan\" B has text after the closing '\"'; allowed: only blanks "
		  "after it (a comment needs a line of its own)" },
		{ "scenario.name=\"C:\\dir\"", "scenario.name", "--set scenario.name: "
		  "\"C:\\dir\" has a '\\' that starts no escape; allowed in double "
		  "quotes: \\\" for '\"' and \\\\ for '\\'" },
		{ "scenario.name=\"a\tb\"", "scenario.name", "--set scenario.name: "
		  "\"a\tb\" contains a control character; allowed: text without "
		  "control characters" },
		{ "scenario.name=a\tb", "scenario.name", "--set scenario.name: a\tb "
		  "contains a control character; allowed: text without control "
		  "characters" },
	};
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err_clear(&e);
		assert_int_equal(scenario_set(sc, cases[i].in, &e), -1);
		check_err(&e, "", 0, cases[i].key, cases[i].msg);
	}
	scenario_free(sc);
}

/* ---- load errors ---------------------------------------------------------- */

static void test_load_errors(void **state)
{
	static const struct { const char *text; long line; const char *key, *msg; } cases[] = {
		{ "[bugdet]\n", 1, "", "unknown section [bugdet]; did you mean [budget]?" },
		{ "[sim]\n[weather@2030]\n", 2, "", "unknown section [weather@2030]; "
		  "allowed: sim, scenario, allocation, municipality, budget, savings, finance, "
		  "schedule, effect, workforce, legacy, resistance, services, adoption, "
		  "security, procurement, mandate, peers, norms, leadership, politics, "
		  "projects, satisfaction, grant.NAME, loan.NAME, service.NAME, "
		  "shock.NAME" },
		{ "[budget@1800]\n", 1, "", "[budget@1800]: '1800' is not a year; "
		  "allowed: whole numbers from 1900 to 2200 (year)" },
		{ "[budget]\n\n; c\n# c\ngrowth = 0.1\n", 5, "budget.growth",
		  "unknown key 'growth' in [budget]; did you mean 'budget.growth_rate'?" },
		{ "[sim]\nzzzzzzzz = 1\n", 2, "sim.zzzzzzzz", "unknown key 'zzzzzzzz' "
		  "in [sim]; allowed: start_year, years, dt, method, report_step, rtol, atol" },
		{ "[budget]\ngrowth_rate = 0.01\nreserve_eur = 5\ngrowth_rate = 0.02\n",
		  4, "budget.growth_rate", "duplicate key budget.growth_rate in "
		  "[budget] (first set on line 2)" },
		{ "[budget]\ngrowth_rate = 2x\n", 2, "budget.growth_rate",
		  "budget.growth_rate = 2x is not a number; allowed: -0.5 to 0.5 (1/yr)" },
		{ "[budget]\ngrowth_rate = 0.02 # two\n", 2, "budget.growth_rate",
		  "budget.growth_rate = 0.02 # two is not a number (only ';' after a "
		  "blank starts a comment); allowed: -0.5 to 0.5 (1/yr)" },
		{ "[budget]\n\n\n\n\ngrowth_rate = 0.9 ; high\n", 6, "budget.growth_rate",
		  "budget.growth_rate = 0.9 is out of range; allowed: -0.5 to 0.5 (1/yr)" },
		{ "[budget]\ngrowth_rate =\n", 2, "budget.growth_rate",
		  "budget.growth_rate is empty; allowed: -0.5 to 0.5 (1/yr)" },
		{ "[sim]\nyears = 12.5\n", 2, "sim.years", "sim.years = 12.5 is not a "
		  "whole number; allowed: whole numbers from 1 to 100 (years)" },
		{ "[sim]\nmethod = rk5\n", 2, "sim.method", "sim.method = rk5 is not one "
		  "of the choices; allowed: euler, rk4, rkf45" },
		{ "years = 3\n", 1, "years", "key 'years' is outside any section; "
		  "allowed: keys under a [section] header" },
		{ "[scenario]\nname = Plan\tB\n", 2, "scenario.name", "scenario.name = "
		  "Plan\tB contains a control character; allowed: text without control "
		  "characters" },
		{ "[scenario]\ndescription = Plan ; B\n", 2, "scenario.description",
		  "scenario.description = Plan ; B contains ';' after a blank, which "
		  "starts a comment; allowed: ';' right after a non-blank character, "
		  "or the text in double quotes" },
		/* ';' after a blank where the text should start: inih reads "". */
		{ "[scenario]\nname = ;x\n", 2, "scenario.name", "scenario.name has no "
		  "value: ';' after a blank starts a comment; to start a text with ';' "
		  "write it in double quotes: name = \";x\"" },
		{ "[scenario]\n\nname =;Plan \"B\"\n", 3, "scenario.name", "scenario."
		  "name = ;Plan \"B\" begins with ';', which after a blank starts a "
		  "comment; to start a text with ';' write it in double quotes: name = "
		  "\";Plan \\\"B\\\"\"" },
		{ "[budget]\ngrowth_rate = ; 0.1\n", 2, "budget.growth_rate",
		  "budget.growth_rate is empty (';' after a blank starts a comment); "
		  "allowed: -0.5 to 0.5 (1/yr)" },
		/* Quoted texts. */
		{ "[scenario]\nname = \"Plan B\n", 2, "scenario.name", "scenario.name "
		  "= \"Plan B has no closing '\"'; allowed: a text in double quotes on "
		  "one line, continued on indented lines that each hold one more quoted "
		  "piece" },
		{ "[scenario]\nname = \"Plan \\\"\n", 2, "scenario.name", "scenario.name "
		  "= \"Plan \\\" has no closing '\"'; allowed: a text in double quotes on "
		  "one line, continued on indented lines that each hold one more quoted "
		  "piece" },
		{ "[scenario]\nname = \"Plan\" B\n", 2, "scenario.name", "scenario.name "
		  "= \"Plan\" B has text after the closing '\"'; allowed: only blanks "
		  "after it (a comment needs a line of its own)" },
		{ "[scenario]\nname = \"Plan B\" ; the second\n", 2, "scenario.name",
		  "scenario.name = \"Plan B\" ; the second has text after the closing "
		  "'\"'; allowed: only blanks after it (a comment needs a line of its "
		  "own)" },
		{ "[scenario]\nname = \"a\\nb\"\n", 2, "scenario.name", "scenario.name "
		  "= \"a\\nb\" has a '\\' that starts no escape; allowed in double "
		  "quotes: \\\" for '\"' and \\\\ for '\\'" },
		{ "[scenario]\nextends = \"\"\n", 2, "scenario.extends", "scenario."
		  "extends = \"\" is empty; allowed: a file name" },
		/* Continuation lines: only a quoted piece, right after a quoted text. */
		{ "[scenario]\ndescription = \"a\"\n  \"b\" c\n", 3,
		  "scenario.description", "scenario.description: the continuation "
		  "\"b\" c has text after the closing '\"'; allowed: only blanks after "
		  "it (a comment needs a line of its own)" },
		{ "[scenario]\ndescription = \"a\"\n  \"b\"\n\t\"c\\x\"\n", 4,
		  "scenario.description", "scenario.description: the continuation "
		  "\"c\\x\" has a '\\' that starts no escape; allowed in double "
		  "quotes: \\\" for '\"' and \\\\ for '\\'" },
		{ "[scenario]\ndescription = \"a\"\n  b\n", 3, "", "the line is "
		  "indented, which inih reads as part of the previous value; allowed: "
		  "lines that start in the first column, or a quoted piece \"...\" that "
		  "continues the quoted text above" },
		{ "[scenario]\ndescription = \"a\"\n\n  \"b\"\n", 4, "", "the line is "
		  "indented, which inih reads as part of the previous value; allowed: "
		  "lines that start in the first column" },
		{ "[scenario]\ndescription = \"a\"\n; note\n  \"b\"\n", 4, "", "the "
		  "line is indented, which inih reads as part of the previous value; "
		  "allowed: lines that start in the first column" },
		{ "[scenario]\ndescription = a\n  \"b\"\n", 3, "", "the line is "
		  "indented, which inih reads as part of the previous value; allowed: "
		  "lines that start in the first column" },
		{ "[sim]\nyears = 3\n  \"4\"\n", 3, "", "the line is indented, which "
		  "inih reads as part of the previous value; allowed: lines that start "
		  "in the first column" },
		{ "[scenario]\nname = \"a\"\n  \"b\"\n[sim]\n  \"c\"\n", 5, "",
		  "the line is indented, which inih reads as part of the previous "
		  "value; allowed: lines that start in the first column" },
		/* Line numbers stay right after continued texts. */
		{ "[scenario]\ndescription = \"a\"\n  \"b\"\r\n  \"c\"\nname = x\n"
		  "[sim]\nyears = 0\n", 7, "sim.years", "sim.years = 0 is out of range; "
		  "allowed: whole numbers from 1 to 100 (years)" },
		{ "[scenario]\nextends =\n", 2, "scenario.extends", "scenario.extends "
		  "is empty; allowed: a file name" },
		{ "[sim]\nyears = 3\n  dt = 0.5\n", 3, "", "the line is indented, which "
		  "inih reads as part of the previous value; allowed: lines that start "
		  "in the first column" },
		{ "[sim]\nyears\n", 2, "", "syntax error; allowed: '[section]', "
		  "'key = value' or a comment starting with ';' or '#'" },
		{ "[sim\nyears = 2\n", 1, "", "syntax error; allowed: '[section]', "
		  "'key = value' or a comment starting with ';' or '#'" },
		{ "[sim]\nyears\n[bugdet]\n", 2, "", "syntax error; allowed: '[section]', "
		  "'key = value' or a comment starting with ';' or '#'" },
		{ "[budget]\nreserve_eur = 1\n[budget@2028]\nreserve_eur = 2\n", 4,
		  "budget.reserve_eur", "budget.reserve_eur cannot change by year; set "
		  "it in [budget]; keys that can: growth_rate, cost_inflation, "
		  "transformation_eur, transformation_per_inhabitant_eur" },
		{ "[sim@2028]\ndt = 0.5\n", 2, "sim.dt", "sim.dt cannot change by year; "
		  "set it in [sim]" },
		{ "[schedule]\nprocess = 5\n", 2, "schedule.process", "schedule.process "
		  "can only be set for one year; allowed: [schedule@YEAR] blocks or "
		  "allocation.schedule" },
		/* Funding instruments (MODEL.md 12): the bad inputs of issue 4. */
		{ "[loan.kfw]\nprincipal_eur = 5e6\ninterest_rate = -1.25\n", 3,
		  "loan.kfw.interest_rate", "loan.kfw.interest_rate = -1.25 is out of "
		  "range; rates are fractions: write -0.0125 for -1.25 %; allowed: "
		  "-0.5 to 1 (1/yr)" },
		{ "[loan.kfw]\nterm_years = 0\n", 2, "loan.kfw.term_years",
		  "loan.kfw.term_years = 0 is out of range; allowed: whole numbers from "
		  "1 to 50 (yr)" },
		{ "[grant.eu]\ncofunding_share = 1.5\n", 2, "grant.eu.cofunding_share",
		  "grant.eu.cofunding_share = 1.5 is out of range; shares are fractions: "
		  "write 0.015 for 1.5 %; allowed: 0 to 0.95" },
		{ "[grant.eu]\ncofunding_share = -0.1\n", 2, "grant.eu.cofunding_share",
		  "grant.eu.cofunding_share = -0.1 is out of range; allowed: 0 to 0.95" },
		{ "[grant.eu]\ndomains = infrastructure, roads\n", 2, "grant.eu.domains",
		  "grant.eu.domains = infrastructure, roads names something that is not "
		  "one of the choices; allowed: process, communication, collaboration, "
		  "literacy, value_creation, policies, infrastructure, quality, "
		  "knowledge_transfer, inclusion, leadership (one or more, separated by "
		  "commas), or all" },
		{ "[loan.a]\nterm_years = 5\n[loan.a]\nterm_years = 6\n", 4,
		  "loan.a.term_years", "duplicate key loan.a.term_years in [loan.a] "
		  "(first set on line 2)" },
		{ "[grant]\namount_eur = 1\n", 1, "", "[grant] needs a name; allowed: "
		  "[grant.NAME], e.g. [grant.a], one section per grant" },
		{ "[grant.eu@2028]\namount_eur = 1\n", 1, "", "[grant.eu@2028]: a "
		  "[grant.NAME] section cannot change by year (its keys give its years); "
		  "allowed: [grant.eu]" },
		{ "[grant.e u]\namount_eur = 1\n", 1, "", "[grant.e u]: 'e u' is not a "
		  "section name; allowed: 1 to 31 letters, digits, '_' or '-'" },
		{ "[budget.x]\nreserve_eur = 1\n", 1, "", "[budget.x]: section [budget] "
		  "takes no name; allowed: [budget]" },
		{ "[grnat.eu]\namount_eur = 1\n", 1, "", "unknown section [grnat.eu]; "
		  "did you mean [grant.eu]?" },
	};
	char name[32];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(name, sizeof name, "e%zu.ini", i);
		load_fails(name, cases[i].text, cases[i].line, cases[i].key, cases[i].msg);
	}
}

/* A NUL byte cannot pass through put(), so that case is written here. */
static void test_nul_byte(void **state)
{
	const char *path = put("nul.ini", "");
	struct scenario *sc;
	struct err e;
	FILE *f = fopen(path, "w");

	(void)state;
	assert_non_null(f);
	fwrite("[sim]\nye\0ars = 2\n", 1, 17, f);
	fclose(f);
	assert_int_equal(scenario_load(path, &sc, &e), -1);
	check_err(&e, path, 2, "", "the line contains a NUL byte");
}

/* Lines of 197 characters pass; 198 are an error. */
static void test_long_line(void **state)
{
	char text[400];
	struct scenario *sc;

	(void)state;
	snprintf(text, sizeof text, "[scenario]\ndescription = %0183d\n", 7);
	assert_int_equal(strlen(strchr(text, '\n') + 1), 197 + 1);
	sc = load(put("long.ini", text));
	assert_int_equal(strlen(scenario_text(sc, P_scenario_description)), 183);
	scenario_free(sc);
	snprintf(text, sizeof text, "[scenario]\ndescription = %0184d\n[sim]\n", 7);
	load_fails("long2.ini", text, 2, "", "the line has more than 197 bytes; "
	           "allowed: at most 197");
}

static void test_open_errors(void **state)
{
	struct scenario *sc;
	struct err e;
	const char *a;

	(void)state;
	assert_int_equal(scenario_load(DATA "missing.ini", &sc, &e), -1);
	check_err(&e, DATA "missing.ini", 0, "", "cannot open: No such file or directory");
	a = put("ext.ini", "; extends a missing file\n[scenario]\nextends = gone.ini\n");
	assert_int_equal(scenario_load(a, &sc, &e), -1);
	assert_string_equal(e.file, a);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.key, "scenario.extends");
	assert_non_null(strstr(e.msg, "scenario.extends: '"));
	assert_non_null(strstr(e.msg, "/gone.ini': cannot open: No such file or directory"));
	/* An error in a base file names the base file. */
	put("badbase.ini", "[sim]\n\nyears = 0\n");
	a = put("good.ini", "[scenario]\nextends = badbase.ini\n");
	assert_int_equal(scenario_load(a, &sc, &e), -1);
	assert_non_null(strstr(e.file, "/badbase.ini"));
	assert_int_equal(e.line, 3);
	assert_string_equal(e.msg, "sim.years = 0 is out of range; allowed: whole "
	                    "numbers from 1 to 100 (years)");
}

static void test_extends_cycle(void **state)
{
	struct scenario *sc;
	struct err e;

	(void)state;
	assert_int_equal(scenario_load(DATA "cyc_a.ini", &sc, &e), -1);
	check_err(&e, DATA "cyc_b.ini", 2, "scenario.extends", "extends cycle: "
	          DATA "cyc_a.ini -> " DATA "cyc_b.ini -> " DATA "cyc_a.ini");
	put("self.ini", "[scenario]\nextends = self.ini\n");
	assert_int_equal(scenario_load(made[nmade - 1], &sc, &e), -1);
	assert_int_equal(e.line, 2);
	assert_non_null(strstr(e.msg, "extends cycle: "));
}

/* ---- every mistake ------------------------------------------------------------ */

/* One error expected: its line in the file (0: none, as for --set), key
** and message. */
struct want {
	long line;
	const char *key, *msg;
};

/*
** Writes text as `name`, loads it with scenario_load_all, applies the
** --set assignments `set` (NULL-terminated, or NULL), checks the rules
** between keys, as the command line does, and expects exactly the errors
** w[0..n-1] in that order (each at the file `name` when it has a line).
*/
static void mistakes_are(const char *name, const char *text, const char *const *set,
                         const struct want *w, size_t n)
{
	const char *path = put(name, text);
	struct errlist el = { NULL, 0, 0 };
	struct scenario *sc = NULL;
	size_t before;
	struct err e;
	int rc;

	rc = scenario_load_all(path, &sc, &el);
	assert_int_equal(rc, el.total ? -1 : 0);
	assert_non_null(sc);
	for (size_t i = 0; set && set[i]; i++)
		if (scenario_set(sc, set[i], &e) != 0)
			errlist_add(&el, &e);
	before = el.total;
	rc = scenario_check(sc, &el);
	assert_int_equal(rc, el.total > before ? -1 : 0);
	for (size_t i = 0; i < el.n; i++)
		if (i >= n || el.a[i].line != w[i].line || strcmp(el.a[i].msg, w[i].msg))
			print_message("%s: error %zu: %s:%ld: %s\n", name, i, el.a[i].file,
			              el.a[i].line, el.a[i].msg);
	assert_int_equal(el.total, n);
	for (size_t i = 0; i < n; i++)
		check_err(&el.a[i], w[i].line ? path : "", w[i].line, w[i].key, w[i].msg);
	errlist_free(&el);
	scenario_free(sc);
}

#define MISTAKES(name, text, set, ...) do { \
	static const struct want w_[] = { __VA_ARGS__ }; \
	mistakes_are(name, text, set, w_, sizeof w_ / sizeof w_[0]); \
} while (0)

static const char syntax_msg[] = "syntax error; allowed: '[section]', 'key = "
                                 "value' or a comment starting with ';' or '#'";

/* Every kind of mistake in one file is reported at its line, in file
** order, and the rules between keys after them; scenario_load still gives
** the first. */
static void test_every_mistake(void **state)
{
	static const char text[] =
		"[scenario]\n"              /* 1 */
		"name = ok\n"
		"[sim]\n"
		"years 12\n"                /* 4: no '=' */
		"yeras = 12\n"              /* 5: unknown key */
		"method = rk5\n"            /* 6: not a choice */
		"[budget]\n"
		"growth_rate = 3%\n"        /* 8: a percent sign */
		"it_base_eur = 3,5e6\n"     /* 9: a decimal comma */
		"[allocation]\n"
		"literacy = 12\n"           /* 11: a share as a percentage */
		"[mandate]\n"
		"start_year = 2035\n"
		"deadline_year = 2030\n";   /* 14: before the start */
	struct scenario *sc;
	struct err e;

	(void)state;
	MISTAKES("all.ini", text, NULL,
		{ 4, "", syntax_msg },
		{ 5, "sim.yeras", "unknown key 'yeras' in [sim]; did you mean 'sim.years'?" },
		{ 6, "sim.method", "sim.method = rk5 is not one of the choices; allowed: "
		  "euler, rk4, rkf45" },
		{ 8, "budget.growth_rate", "budget.growth_rate = 3% is not a number; rates "
		  "are fractions: write 0.03 for 3 %; allowed: -0.5 to 0.5 (1/yr)" },
		{ 9, "budget.it_base_eur", "budget.it_base_eur = 3,5e6 is not a number; "
		  "write a decimal point: 3.5e6; allowed: 0 to 100000000000 (EUR/yr), or "
		  "auto (derived from the municipality)" },
		{ 11, "allocation.literacy", "allocation.literacy = 12 is out of range; "
		  "shares are fractions: write 0.12 for 12 %; allowed: 0 to 1" },
		{ 14, "mandate.deadline_year", "mandate.deadline_year = 2030 is before "
		  "mandate.start_year = 2035; allowed: 2035 or later" });
	assert_int_equal(scenario_load(made_path("all.ini"), &sc, &e), -1);
	assert_null(sc);
	check_err(&e, made_path("all.ini"), 4, "", syntax_msg);
}

/* A mistake does not bring others that follow from it: the keys under a
** broken header are not read, a wrong text takes its continuation lines
** with it, and a rule is not checked on a section with a mistake (its
** values are not what the user meant). */
static void test_no_follow_on_mistakes(void **state)
{
	static const char *const bad_set[] = { "allocation.process=x", NULL };

	(void)state;
	MISTAKES("c1.ini", "[sim\nyears = 2\n[budget]\ngrowth_rate = 0.9\n", NULL,
		{ 1, "", syntax_msg },
		{ 4, "budget.growth_rate", "budget.growth_rate = 0.9 is out of range; "
		  "allowed: -0.5 to 0.5 (1/yr)" });
	MISTAKES("c2.ini", "[bugdet]\ngrowth_rate = 0.1\nreserve = x\n[sim]\nyears = 0\n",
	         NULL,
		{ 1, "", "unknown section [bugdet]; did you mean [budget]?" },
		{ 5, "sim.years", "sim.years = 0 is out of range; allowed: whole numbers "
		  "from 1 to 100 (years)" });
	MISTAKES("c3.ini", "[scenario]\ndescription = \"a\\x\"\n  \"b\"\n  \"c\"\n"
	         "[sim]\nyears = 0\n", NULL,
		{ 2, "scenario.description", "scenario.description = \"a\\x\" has a '\\' "
		  "that starts no escape; allowed in double quotes: \\\" for '\"' and "
		  "\\\\ for '\\'" },
		{ 6, "sim.years", "sim.years = 0 is out of range; allowed: whole numbers "
		  "from 1 to 100 (years)" });
	MISTAKES("c4.ini", "[scenario]\ndescription = \"a\"\n  \"b\" c\n  \"d\"\n"
	         "name = \"x\" y\n", NULL,
		{ 3, "scenario.description", "scenario.description: the continuation "
		  "\"b\" c has text after the closing '\"'; allowed: only blanks after it "
		  "(a comment needs a line of its own)" },
		{ 5, "scenario.name", "scenario.name = \"x\" y has text after the closing "
		  "'\"'; allowed: only blanks after it (a comment needs a line of its "
		  "own)" });
	MISTAKES("c5.ini", "[sim]\n  years = 2\nyears = 0\n", NULL,
		{ 2, "", "the line is indented, which inih reads as part of the previous "
		  "value; allowed: lines that start in the first column" },
		{ 3, "sim.years", "sim.years = 0 is out of range; allowed: whole numbers "
		  "from 1 to 100 (years)" });
	/* literacy 0.5 for 0.12 makes the shares sum to 1.38: an error alone,
	** but not beside a mistake in [allocation], in the file or by --set. */
	MISTAKES("c6.ini", "[allocation]\nliteracy = 0.5\n", NULL,
		{ 2, "allocation.literacy", "allocation shares sum to "
		  "1.38 in 2026; allowed: 1 (within 1e-09)" });
	MISTAKES("c7.ini", "[allocation]\nproces = 0.3\nliteracy = 0.5\n", NULL,
		{ 2, "allocation.proces", "unknown key 'proces' in [allocation]; did you "
		  "mean 'allocation.process'?" });
	MISTAKES("c8.ini", "[allocation]\nliteracy = 0.5\n", bad_set,
		{ 0, "allocation.process", "--set allocation.process: x is not a number; "
		  "allowed: 0 to 1" });
}

/* Every rule broken is reported, in the order of rules.def, each named
** section on its own; the shares of a year once per value blamed. */
static void test_every_rule(void **state)
{
	(void)state;
	MISTAKES("r1.ini", "[loan.a]\nterm_years = 5\ngrace_years = 6\n[mandate]\n"
	         "start_year = 2035\ndeadline_year = 2030\n[loan.b]\nterm_years = 3\n"
	         "grace_years = 3\n", NULL,
		{ 6, "mandate.deadline_year", "mandate.deadline_year = 2030 is before "
		  "mandate.start_year = 2035; allowed: 2035 or later" },
		{ 3, "loan.a.grace_years", "loan.a.grace_years = 6 is not below "
		  "loan.a.term_years = 5; allowed: 0 to 4" },
		{ 9, "loan.b.grace_years", "loan.b.grace_years = 3 is not below "
		  "loan.b.term_years = 3; allowed: 0 to 2" });
	/* From 2027 on the shares sum to 1.38 (line 2), from 2029 to 1.48
	** (line 4): two values to blame, two errors, not one per year. */
	MISTAKES("r2.ini", "[allocation@2027]\nliteracy = 0.5\n[allocation@2029]\n"
	         "literacy = 0.6\n", NULL,
		{ 2, "allocation.literacy", "allocation shares sum to "
		  "1.38 in 2027; allowed: 1 (within 1e-09)" },
		{ 4, "allocation.literacy", "allocation shares sum to "
		  "1.48 in 2029; allowed: 1 (within 1e-09)" });
}

/* A file's mistakes come before those of the file it extends, and those
** of the schedule CSV last. */
static void test_mistakes_across_files(void **state)
{
	struct errlist el = { NULL, 0, 0 };
	struct scenario *sc;
	const char *base, *csv, *ini;

	(void)state;
	base = put("mb.ini", "[sim]\nyears = 0\n");
	csv = put("mc.csv", "year,process\n2027,-5\n");
	ini = put("ma.ini", "[scenario]\nextends = mb.ini\n[allocation]\nschedule = "
	          "mc.csv\n[budget]\ngrowth_rate = 0.9\n");
	assert_int_equal(scenario_load_all(ini, &sc, &el), -1);
	assert_int_equal(el.total, 3);
	check_err(&el.a[0], ini, 6, "budget.growth_rate", "budget.growth_rate = 0.9 "
	          "is out of range; allowed: -0.5 to 0.5 (1/yr)");
	check_err(&el.a[1], base, 2, "sim.years", "sim.years = 0 is out of range; "
	          "allowed: whole numbers from 1 to 100 (years)");
	check_err(&el.a[2], csv, 2, "process", "column 'process': '-5' is out of range; "
	          "allowed: 0 to 100000000000 (EUR/yr)");
	errlist_free(&el);
	scenario_free(sc);
}

/* Every mistake of a schedule CSV, in line order: each bad column of the
** header (then no row is read), each bad row and each bad cell. */
static void test_schedule_mistakes(void **state)
{
	static const struct {
		const char *csv;
		size_t n;
		struct want w[7];
	} cases[] = {
		{ "year,process,literac,process\n2027,1,2,x\n", 2, {
			{ 1, "literac", "unknown column 'literac'; did you mean 'literacy'?" },
			{ 1, "process", "column 'process' appears twice" } } },
		{ "year,process,literacy\n2027,-1,1.500\n2027,5,5\n20x,1,1\n2028,1\n"
		  "2029,3%,\"3,5\"\n", 7, {
			{ 2, "process", "column 'process': '-1' is out of range; "
			                "allowed: 0 to 100000000000 (EUR/yr)" },
			{ 2, "literacy", "column 'literacy': '1.500' looks like German thousands "
			  "grouping (1.500 = 1500); write 1500, or 1.5 if the point is a "
			  "decimal point; allowed: 0 to 100000000000 (EUR/yr)" },
			{ 3, "year", "year 2027 appears twice (first on line 2)" },
			{ 4, "year", "column 'year': '20x' is not a year; allowed: whole "
			  "numbers from 1900 to 2200 (year)" },
			{ 5, "", "the row has 2 fields; the header has 3" },
			{ 6, "process", "column 'process': '3%' is not a number; write 0.03 "
			  "for 3 %; allowed: 0 to 100000000000 (EUR/yr)" },
			{ 6, "literacy", "column 'literacy': '3,5' is not a number; write a "
			  "decimal point: 3.5; allowed: 0 to 100000000000 (EUR/yr)" } } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *csv = put("sm.csv", cases[i].csv);
		const char *ini = put("sm.ini", "[allocation]\nschedule = sm.csv\n");
		struct errlist el = { NULL, 0, 0 };
		struct scenario *sc;

		assert_int_equal(scenario_load_all(ini, &sc, &el), -1);
		assert_int_equal(el.total, cases[i].n);
		for (size_t k = 0; k < cases[i].n; k++)
			check_err(&el.a[k], csv, cases[i].w[k].line, cases[i].w[k].key,
			          cases[i].w[k].msg);
		errlist_free(&el);
		scenario_free(sc);
	}
}

/* At most ERR_LIST_MAX errors are kept, in order; every one is counted. */
static void test_mistake_limit(void **state)
{
	char text[512] = "[sim]\n";
	struct errlist el = { NULL, 0, 0 };
	struct scenario *sc;
	const char *path;

	(void)state;
	for (int i = 0; i < 25; i++)
		strcat(text, "years 2\n");
	path = put("limit.ini", text);
	assert_int_equal(scenario_load_all(path, &sc, &el), -1);
	assert_int_equal(ERR_LIST_MAX, 20);
	assert_int_equal(el.n, 20);
	assert_int_equal(el.total, 25);
	for (size_t i = 0; i < el.n; i++)
		check_err(&el.a[i], path, (long)i + 2, "", syntax_msg);
	errlist_free(&el);
	scenario_free(sc);
}

/* ---- schedule errors --------------------------------------------------------- */

/* Writes csv as c.csv and an INI naming it on line 3, loads, and expects an
** error in c.csv at line with key and message. */
static void csv_fails(const char *csv, long line, const char *key, const char *msg)
{
	const char *cpath = put("c.csv", csv), *ipath;
	struct scenario *sc;
	struct err e;

	ipath = put("c.ini", "[allocation]\n; the plan\nschedule = c.csv\n");
	assert_int_equal(scenario_load(ipath, &sc, &e), -1);
	check_err(&e, cpath, line, key, msg);
}

static void test_schedule_errors(void **state)
{
	struct scenario *sc;
	struct err e;
	const char *ipath;

	(void)state;
	csv_fails("year,process\n2027,5\n2028,7\n2029,12x\n", 4, "process",
	          "column 'process': '12x' is not a number; "
	          "allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,infrastructure\n2027,-2.5\n", 2, "infrastructure",
	          "column 'infrastructure': '-2.5' is out of range; "
	          "allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,infrastructure\n2027,2e11\n", 2, "infrastructure",
	          "column 'infrastructure': '2e11' is out of range; allowed: 0 to "
	          "100000000000 (EUR/yr)");
	csv_fails("year,process\n2027,\n", 2, "process",
	          "column 'process': '' is empty; allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("", 0, "", "the file is empty; expected a header line starting "
	          "with 'year'");
	csv_fails("year,infrastucture\n", 1, "infrastucture",
	          "unknown column 'infrastucture'; did you mean 'infrastructure'?");
	csv_fails("year,weather\n", 1, "weather", "unknown column 'weather'; "
	          "allowed columns: year, process, communication, collaboration, "
	          "literacy, value_creation, policies, infrastructure, quality, "
	          "knowledge_transfer, inclusion, leadership");
	csv_fails("year,process,quality,process\n", 1, "process",
	          "column 'process' appears twice");
	csv_fails("process,year\n", 1, "process", "the first column must be 'year' "
	          "(found 'process'); allowed columns: year, process, communication, "
	          "collaboration, literacy, value_creation, policies, infrastructure, "
	          "quality, knowledge_transfer, inclusion, leadership");
	csv_fails("year,process,quality\n2027,1,2\n\n2028,1\n", 4, "",
	          "the row has 2 fields; the header has 3");
	csv_fails("year,process\n2027.5,1\n", 2, "year", "column 'year': '2027.5' "
	          "is not a year; allowed: whole numbers from 1900 to 2200 (year)");
	csv_fails("year,process\n2027,1\n2028,2\n2027,3\n", 4, "year",
	          "year 2027 appears twice (first on line 2)");
	csv_fails("year,process\n2027,\"1\"2\n", 2, "", "malformed CSV: error "
	          "parsing data while strict checking enabled (check the quotes)");
	csv_fails("year,process\n2027,\"1\n", 2, "", "malformed CSV: a quoted field "
	          "is not closed at the end of the file");
	/* Lone CR line ends (old Mac spreadsheets) end lines as LF and CRLF do:
	** errors name the line as an editor shows it. */
	csv_fails("year,process\r2027,5\r2028,7\r2029,12x\r", 4, "process",
	          "column 'process': '12x' is not a number; "
	          "allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,process\r\n2027,5\r\r\n2028,7\n2027,3\r", 5, "year",
	          "year 2027 appears twice (first on line 2)");
	csv_fails("year,process\r2027,\"5\"\r\r2028,\"1\"2\n", 4, "",
	          "malformed CSV: error parsing data while strict checking enabled "
	          "(check the quotes)");
	/* A year and domain both in the CSV and in the same file's block. */
	put("c.csv", "year,process\n2027,1\n");
	ipath = put("c.ini", "[allocation]\nschedule = c.csv\n[schedule@2027]\n"
	                     "process = 2\n");
	assert_int_equal(scenario_load(ipath, &sc, &e), -1);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.key, "schedule.process");
	assert_non_null(strstr(e.msg, "column 'process': year 2027 is also set in "
	                       "[schedule@2027] at "));
	/* The CSV file cannot be opened: the INI line is at fault. */
	ipath = put("c2.ini", "[allocation]\n\nschedule = nothere.csv\n");
	assert_int_equal(scenario_load(ipath, &sc, &e), -1);
	assert_string_equal(e.file, ipath);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.key, "allocation.schedule");
	assert_non_null(strstr(e.msg, "allocation.schedule: '"));
	assert_non_null(strstr(e.msg, "/nothere.csv': cannot open: No such file or directory"));
}

/* ---- numbers (issue 8) ---------------------------------------------------------- */

/*
** One grammar for every number a scenario holds (numfmt_parse): values in
** the INI file, [schedule@YEAR] cells, section years and CSV schedule cells.
** No hex, nan or inf; a subnormal value is kept, a non-zero value that
** rounds to 0 and one beyond the largest double are rejected. German
** thousands grouping is rejected in EUR keys and every schedule cell, with
** the common mistakes' hints.
*/
static void test_numbers(void **state)
{
	static const struct { const char *text; long line; const char *key, *msg; } ini[] = {
		{ "[budget]\nreserve_eur = 1.500\n", 2, "budget.reserve_eur",
		  "budget.reserve_eur = 1.500 looks like German thousands grouping "
		  "(1.500 = 1500); write 1500, or 1.5 if the point is a decimal point; "
		  "allowed: 0 to 100000000000 (EUR), or auto (derived from the "
		  "municipality)" },
		{ "[schedule@2027]\nprocess = 2.385\n", 2, "schedule.process",
		  "schedule.process = 2.385 looks like German thousands grouping "
		  "(2.385 = 2385); write 2385, or 2.385 if the point is a decimal "
		  "point; allowed: 0 to 100000000000 (EUR/yr)" },
		{ "[budget]\nreserve_eur = 0x10\n", 2, "budget.reserve_eur",
		  "budget.reserve_eur = 0x10 is not a number; allowed: 0 to "
		  "100000000000 (EUR), or auto (derived from the municipality)" },
		{ "[budget]\ngrowth_rate = 0x1p-1074\n", 2, "budget.growth_rate",
		  "budget.growth_rate = 0x1p-1074 is not a number; allowed: -0.5 to 0.5 "
		  "(1/yr)" },
		{ "[budget]\ngrowth_rate = nan\n", 2, "budget.growth_rate",
		  "budget.growth_rate = nan is not a number; allowed: -0.5 to 0.5 (1/yr)" },
		{ "[budget]\ngrowth_rate = -inf\n", 2, "budget.growth_rate",
		  "budget.growth_rate = -inf is not a number; allowed: -0.5 to 0.5 (1/yr)" },
		{ "[budget]\ngrowth_rate = 1e-400\n", 2, "budget.growth_rate",
		  "budget.growth_rate = 1e-400 is too small: rounds to 0; allowed: -0.5 "
		  "to 0.5 (1/yr)" },
		{ "[budget]\nreserve_eur = 1e400\n", 2, "budget.reserve_eur",
		  "budget.reserve_eur = 1e400 is too large; allowed: 0 to 100000000000 "
		  "(EUR), or auto (derived from the municipality)" },
		{ "[budget]\ngrowth_rate = 2,5e-2\n", 2, "budget.growth_rate",
		  "budget.growth_rate = 2,5e-2 is not a number; write a decimal point: "
		  "2.5e-2; allowed: -0.5 to 0.5 (1/yr)" },
		{ "[allocation]\nliteracy = 12 %\n", 2, "allocation.literacy",
		  "allocation.literacy = 12 % is not a number; shares are fractions: "
		  "write 0.12 for 12 %; allowed: 0 to 1" },
		{ "[allocation]\nliteracy = 12\n", 2, "allocation.literacy",
		  "allocation.literacy = 12 is out of range; shares are fractions: "
		  "write 0.12 for 12 %; allowed: 0 to 1" },
		{ "[budget@0x7EC]\n", 1, "", "[budget@0x7EC]: '0x7EC' is not a year; "
		  "allowed: whole numbers from 1900 to 2200 (year)" },
		{ "[budget@2028.5]\n", 1, "", "[budget@2028.5]: '2028.5' is not a year; "
		  "allowed: whole numbers from 1900 to 2200 (year)" },
	};
	struct scenario *sc;
	struct model_params *y;

	(void)state;
	for (size_t i = 0; i < sizeof ini / sizeof ini[0]; i++)
		load_fails("n.ini", ini[i].text, ini[i].line, ini[i].key, ini[i].msg);
	/* Schedule cells are EUR: "1.500" is grouping; a comma only in quotes. */
	csv_fails("year,process\n2027,1.500\n", 2, "process", "column 'process': "
	          "'1.500' looks like German thousands grouping (1.500 = 1500); write "
	          "1500, or 1.5 if the point is a decimal point; "
	          "allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,process\n2027,1.500.000\n", 2, "process", "column 'process': "
	          "'1.500.000' looks like German thousands grouping (1.500.000 = "
	          "1500000); write 1500000; allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,process\n2027,\"1,5\"\n", 2, "process", "column 'process': "
	          "'1,5' is not a number; write a decimal point: 1.5; "
	          "allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,process\n2027,\"250.000,50\"\n", 2, "process", "column "
	          "'process': '250.000,50' is not a number; write a decimal point and "
	          "no grouping: 250000.50; allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,process\n2027,0x10\n", 2, "process", "column 'process': "
	          "'0x10' is not a number; allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,process\n2027,inf\n", 2, "process", "column 'process': "
	          "'inf' is not a number; allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,process\n2027,1e-400\n", 2, "process", "column 'process': "
	          "'1e-400' is too small: rounds to 0; allowed: 0 to 100000000000 (EUR/yr)");
	csv_fails("year,process\n2027,1e400\n", 2, "process", "column 'process': "
	          "'1e400' is too large; allowed: 0 to 100000000000 (EUR/yr)");
	/* Accepted: decimals that are not grouping, a subnormal value, a year in
	** any form of the grammar. */
	put("n.csv", "year,process,quality,inclusion\n2027,1.5,0.500,1e-320\n"
	    "2028.0,1.5000,2.50,1500\n");
	sc = load(put("n.ini", "[sim]\nyears = 3\n[allocation]\nschedule = n.csv\n"
	              "[budget]\nreserve_eur = 4.9406564584124654e-324\n"
	              "[budget@2.028e3]\ngrowth_rate = .5\n"));
	y = resolve(sc, 3);
	assert_close(y[1].schedule_process, 1.5, 0, 0);
	assert_close(y[1].schedule_quality, 0.5, 0, 0);
	assert_true(y[1].schedule_inclusion == 1e-320 && y[1].schedule_inclusion > 0);
	assert_close(y[2].schedule_process, 1.5, 0, 0);
	assert_close(y[2].schedule_quality, 2.5, 0, 0);
	assert_close(y[2].schedule_inclusion, 1500, 0, 0);
	assert_true(y[0].budget_reserve_eur == 4.9406564584124654e-324);
	assert_close(y[2].budget_growth_rate, 0.5, 0, 0);
	free(y);
	scenario_free(sc);
}

/* ---- resolve errors ---------------------------------------------------------- */

static void test_resolve_errors(void **state)
{
	(void)state;
	/* The registry's default shares sum to 1 (process 0.07, quality 0.04,
	** inclusion 0.04); each case moves one of them. */
	resolve_fails("[sim]\nyears = 4\n[allocation@2028]\nprocess = 0.1\n", 4,
	              "allocation.process", "allocation shares sum to 1.03 in 2028; "
	              "allowed: 1 (within 1e-09)");
	resolve_fails("[allocation]\nquality = 0.0725\n", 2, "allocation.quality",
	              "allocation shares sum to 1.0325 in 2026; allowed: 1 (within 1e-09)");
	resolve_fails("[sim]\nstart_year = 2027\n[budget@2026]\ngrowth_rate = 0.01\n",
	              4, "budget.growth_rate", "[budget@2026] is before sim.start_year "
	              "= 2027; allowed: years from 2027 on");
	resolve_fails("[sim]\ndt = 0.3\n", 2, "sim.dt", "sim.dt = 0.3 does not divide "
	              "a year (1/dt = 3.3333333333333335); allowed: steps whose inverse "
	              "is a whole number, such as 0.25 or 0.083333333333333329");
	resolve_fails("[sim]\ndt = 0.25\nreport_step = 0.3\n", 3, "sim.report_step",
	              "sim.report_step = 0.3 is not a whole multiple of sim.dt = 0.25; "
	              "allowed: k * sim.dt for whole k >= 1");
	resolve_fails("[sim]\ndt = 0.0625\nreport_step = 0.375\n", 3,
	              "sim.report_step", "sim.report_step = 0.375 does not divide a "
	              "year; allowed: steps whose inverse is a whole number, such as "
	              "1, 0.5 or 0.25");
	resolve_fails("[mandate]\nstart_year = 2027\ndeadline_year = 2026\n", 3,
	              "mandate.deadline_year", "mandate.deadline_year = 2026 is before "
	              "mandate.start_year = 2027; allowed: 2027 or later");
	/* The deadline is a default: the start the file set is blamed. */
	resolve_fails("[mandate]\nstart_year = 2031\n", 2, "mandate.start_year",
	              "mandate.start_year = 2031 is after mandate.deadline_year = "
	              "2030 (the default); allowed: 2030 or earlier");
	/* A grant ending before it starts; a loan whose grace fills its term. */
	resolve_fails("[grant.eu]\nfirst_year = 2029\nlast_year = 2028\n", 3,
	              "grant.eu.last_year", "grant.eu.last_year = 2028 is before "
	              "grant.eu.first_year = 2029; allowed: 2029 or later");
	resolve_fails("[grant.eu]\nfirst_year = 2029\n", 2, "grant.eu.first_year",
	              "grant.eu.first_year = 2029 is after grant.eu.last_year = 2026 "
	              "(the default); allowed: 2026 or earlier");
	resolve_fails("[loan.b]\ngrace_years = 4\nterm_years = 4\n", 3,
	              "loan.b.term_years", "loan.b.term_years = 4 is not above "
	              "loan.b.grace_years = 4; allowed: 5 to 50");
	resolve_fails("[loan.b]\nterm_years = 4\ngrace_years = 4\n", 3,
	              "loan.b.grace_years", "loan.b.grace_years = 4 is not below "
	              "loan.b.term_years = 4; allowed: 0 to 3");
	resolve_fails("[shock.a]\ncut = 0.1\n[shock.b]\ncut = 0.1\n[shock.c]\ncut = 0.1\n"
	              "[shock.d]\ncut = 0.1\n[shock.e]\ncut = 0.1\n[shock.f]\ncut = 0.1\n"
	              "[shock.g]\ncut = 0.1\n[shock.h]\ncut = 0.1\n[shock.i]\ncut = 0.1\n",
	              18, "shock", "[shock.i] is one [shock.NAME] section too many; "
	              "allowed: at most 8");
}

/*
** Named sections: values land in the slot of their NAME, in order of first
** appearance with base files first; an extending file changes a key of the
** base's section of the same NAME; --set reaches them; the rest keep their
** defaults; sets of domains are bit masks.
*/
static void test_named_sections(void **state)
{
	struct scenario *sc;
	struct model_params *y;
	struct err e;
	size_t n;

	(void)state;
	put("nb.ini", "[loan.kfw]\nprincipal_eur = 2.385e6\ninterest_rate = 0.0237\n"
	    "[grant.eu]\namount_eur = 7.5e5\ndomains = literacy, inclusion\n");
	sc = load(put("nx.ini", "[scenario]\nextends = nb.ini\n[grant.land]\n"
	              "amount_eur = 1.25e5\n[loan.kfw]\ninterest_rate = 0.0413\n"));
	assert_int_equal(scenario_set(sc, "grant.eu.cofunding_share=0.2", &e), 0);
	assert_int_equal(scenario_set(sc, "loan.new.principal_eur=1e6", &e), 0);
	assert_int_equal(scenario_resolve(sc, &y, &n, &e), 0);
	assert_int_equal(y[0].named_count[NAMED_LOAN], 2);
	assert_int_equal(y[0].named_count[NAMED_GRANT], 2);
	assert_int_equal(y[0].named_count[NAMED_SHOCK], 0);
	assert_close(y[0].loan_principal_eur[0], 2.385e6, 0, 0);
	assert_close(y[0].loan_interest_rate[0], 0.0413, 0, 0);
	assert_close(y[0].loan_term_years[0], 10, 0, 0);       /* default */
	assert_close(y[0].loan_principal_eur[1], 1e6, 0, 0);
	assert_close(y[0].grant_amount_eur[0], 7.5e5, 0, 0);
	assert_close(y[0].grant_cofunding_share[0], 0.2, 0, 0);
	assert_close(y[0].grant_domains[0], DOMAIN_BIT(DOM_LITERACY) | DOMAIN_BIT(DOM_INCLUSION), 0, 0);
	assert_close(y[0].grant_amount_eur[1], 1.25e5, 0, 0);
	assert_close(y[0].grant_cofunding_share[1], 0.35, 0, 0); /* default */
	assert_close(y[0].grant_domains[1], DOMAINS_ALL, 0, 0);
	assert_close(y[n - 1].loan_interest_rate[0], 0.0413, 0, 0);
	free(y);
	scenario_free(sc);
}

static void test_resolve_error_from_set(void **state)
{
	struct scenario *sc = load(put("rs.ini", "[sim]\nyears = 2\n"));
	struct model_params *y;
	size_t n;
	struct err e;

	(void)state;
	assert_int_equal(scenario_set(sc, "allocation.inclusion=0.0625", &e), 0);
	assert_int_equal(scenario_resolve(sc, &y, &n, &e), -1);
	check_err(&e, "", 0, "allocation.inclusion", "--set allocation.inclusion: "
	          "allocation shares sum to 1.0225 in 2026; allowed: 1 (within 1e-09)");
	assert_int_equal(scenario_write_resolved(sc, stdout), -1);
	scenario_free(sc);
}

/* Sets one assignment on sc, resolves (which must succeed) and frees sc. */
static void resolve_ok_set(struct scenario *sc, const char *set)
{
	struct model_params *y = NULL;
	size_t n;
	struct err e;

	if (scenario_set(sc, set, &e) != 0 || scenario_resolve(sc, &y, &n, &e) != 0)
		fail_msg("%s: %s", set, e.msg);
	free(y);
	scenario_free(sc);
}

/* Sets each assignment on sc (they must be accepted) and expects resolving
** to fail at file:line (file "" for --set) with key and message. */
static void blame_is(struct scenario *sc, const char *const *set, const char *file,
                     long line, const char *key, const char *msg)
{
	struct model_params *y = NULL;
	size_t n;
	struct err e;

	for (size_t i = 0; set[i]; i++)
		if (scenario_set(sc, set[i], &e) != 0)
			fail_msg("%s: %s", set[i], e.msg);
	assert_int_equal(scenario_resolve(sc, &y, &n, &e), -1);
	check_err(&e, file, line, key, msg);
	scenario_free(sc);
}

/*
** A rule between keys blames the value set last that took part: --set over
** the files, the extending file over its base, a later line over an earlier
** one; a default never (issue 8).
*/
static void test_blame_set_last(void **state)
{
	const char *base, *top, *path;
	char msg[512];

	(void)state;
	base = put("bl_base.ini", "[mandate]\ndeadline_year = 2031\nstart_year = 2027\n"
	           "[sim]\ndt = 0.25\nreport_step = 0.5\n");
	top = put("bl_top.ini", "[scenario]\nextends = bl_base.ini\n[mandate]\n"
	          "start_year = 2033\n");
	/* The start year alone, by --set, against the default deadline. */
	blame_is(load(put("bl_plain.ini", "[sim]\nyears = 2\n")),
	         (const char *const[]){ "mandate.start_year=2200", NULL }, "", 0,
	         "mandate.start_year", "--set mandate.start_year: 2200 is after "
	         "mandate.deadline_year = 2030 (the default); allowed: 2030 or earlier");
	/* The extending file's start year over the base's deadline. */
	blame_is(load(top), (const char *const[]){ NULL }, top, 4,
	         "mandate.start_year", "mandate.start_year = 2033 is after "
	         "mandate.deadline_year = 2031; allowed: 2031 or earlier");
	/* --set of the deadline over the file's start year. */
	blame_is(load(top), (const char *const[]){ "mandate.deadline_year=2032", NULL },
	         "", 0, "mandate.deadline_year", "--set mandate.deadline_year: 2032 "
	         "is before mandate.start_year = 2033; allowed: 2033 or later");
	/* Of two --set, the later. */
	blame_is(load(base), (const char *const[]){ "mandate.deadline_year=2040",
	         "mandate.start_year=2041", NULL }, "", 0, "mandate.start_year",
	         "--set mandate.start_year: 2041 is after mandate.deadline_year = "
	         "2040; allowed: 2040 or earlier");
	/* dt and the report step: whichever was set last. */
	blame_is(load(base), (const char *const[]){ "sim.dt=0.3333333333333333", NULL },
	         "", 0, "sim.dt", "--set sim.dt: 0.3333333333333333 does not divide "
	         "sim.report_step = 0.5; allowed: sim.report_step / k for whole k >= 1, "
	         "such as 0.5");
	blame_is(load(base), (const char *const[]){ "sim.report_step=0.125", NULL },
	         "", 0, "sim.report_step", "--set sim.report_step: 0.125 is not a "
	         "whole multiple of sim.dt = 0.25; allowed: k * sim.dt for whole k >= 1");
	path = put("bl_rs.ini", "[sim]\nreport_step = 0.125\n");
	blame_is(load(path), (const char *const[]){ NULL }, path, 2, "sim.report_step",
	         "sim.report_step = 0.125 is not a whole multiple of sim.dt = "
	         "0.08333333333333333; allowed: k * sim.dt for whole k >= 1");
	/* A year block and the first year: the later of the two. */
	path = put("bl_y.ini", "[sim]\nyears = 4\n[budget@2027]\ngrowth_rate = 0.0385\n");
	snprintf(msg, sizeof msg, "--set sim.start_year: 2028 is after the year "
	         "block [budget@2027] at %s:4; allowed: 2027 or earlier", path);
	blame_is(load(path), (const char *const[]){ "sim.start_year=2028", NULL }, "", 0,
	         "sim.start_year", msg);
	/* The step rule (MODEL.md 9.6): sim.dt, sim.method or the time constant,
	** whichever was set last. rk4 allows h <= 0.5 * 2.785 * tau: 1/3 for
	** the default drawdown of 0.25 yr; euler h <= tau. */
	blame_is(load(base), (const char *const[]){ "sim.dt=0.5", NULL }, "", 0,
	         "sim.dt", "--set sim.dt: 0.5 is too long a step for rk4: "
	         "budget.drawdown_years = 0.25 gives a time constant of 0.25 yr, "
	         "and rk4 stays stable with a margin only for steps up to 1.393 "
	         "times the shortest time constant; allowed: 1/n for whole n >= 3, "
	         "or sim.method = rkf45");
	blame_is(load(put("bl_m.ini", "[sim]\ndt = 0.25\n[budget]\ndrawdown_years = 0.2\n")),
	         (const char *const[]){ "sim.method=euler", NULL }, "", 0, "sim.method",
	         "--set sim.method: euler is unstable at sim.dt = 0.25: "
	         "budget.drawdown_years = 0.2 gives a time constant of 0.2 yr; "
	         "allowed: rk4, rkf45, or sim.dt = 1/5 or smaller");
	path = put("bl_k.ini", "[sim]\nmethod = euler\ndt = 0.125\n"
	           "[procurement]\ndelay_years = 0.3\n");
	blame_is(load(path), (const char *const[]){ NULL }, path, 5,
	         "procurement.delay_years", "procurement.delay_years = 0.3 is too "
	         "short for sim.dt = 0.125 with euler: it gives 3 stages of 0.1 yr "
	         "each, and euler needs time constants of 0.125 yr or more at this "
	         "step; allowed: 0.375 to 10 (yr), or a smaller sim.dt, or "
	         "sim.method = rkf45");
	/* rkf45 chooses its own steps: no rule. */
	resolve_ok_set(load(put("bl_r.ini", "[sim]\nmethod = rkf45\ndt = 1\n")),
	               "budget.drawdown_years=0.1");
	/* At most 20,000 rows (SCENARIO_MAX_ROWS): 100 years of 1/365 year
	** is 36,500; the key set last is blamed. 50 years of 1/365 is 18,250. */
	path = put("bl_rows.ini", "[sim]\nyears = 100\nmethod = rkf45\n");
	blame_is(load(path), (const char *const[]){ "sim.dt=0.0027397260273972603",
	         "sim.report_step=0.0027397260273972603", NULL }, "", 0, "sim.report_step",
	         "--set sim.report_step: 0.0027397260273972603 gives 36500 rows of results"
	         " (sim.years / sim.report_step); allowed: at most 20000 rows, e.g. weekly"
	         " rows over 100 years or daily rows over 50");
	blame_is(load(path), (const char *const[]){ "sim.dt=0.0027397260273972603",
	         "sim.report_step=0.0027397260273972603", "sim.years=55", NULL }, "", 0,
	         "sim.years", "--set sim.years: 55 gives 20075 rows of results (sim.years"
	         " / sim.report_step); allowed: at most 20000 rows, e.g. weekly rows over"
	         " 100 years or daily rows over 50");
	resolve_ok_set(load(put("bl_rows50.ini", "[sim]\nmethod = rkf45\n"
	                        "dt = 0.0027397260273972603\n"
	                        "report_step = 0.0027397260273972603\n")), "sim.years=50");
}

/* The default of the registry's key name. */
static double def_of(const char *name)
{
	const struct param_def *d = registry_find(name);

	assert_non_null(d);
	return d->def;
}

/* The message of OM_ROOM that blames `who` (its "--set key: value" or
** "key = value"): the digital services' O&M om against the base budget
** base (EUR), the O&M share, and what is allowed. */
static void om_room_msg(char msg[768], const char *who, double om, double base,
                        double share, const char *allowed)
{
	snprintf(msg, 768, "%s puts the O&M of the digital services online "
	         "(services.count x services.maturity_initial x "
	         "services.cost_per_service_eur x services.om_rate, EUR %.4g) at %.3g of "
	         "the base budget (EUR %.4g), not below budget.om_share_initial = %.3g; "
	         "allowed: %s, or legacy.portfolio_value_eur in EUR", who, om, om / base,
	         base, share, allowed);
}

/*
** The rule OM_ROOM (models/rules.def): when legacy.portfolio_value_eur is
** auto, the first year's O&M of the digital services online, services.count
** x services.maturity_initial x services.cost_per_service_eur x
** services.om_rate, must stay below budget.om_share_initial of the base
** budget. The cost per service is auto by default, build_fixed_eur +
** inhabitants x build_per_inhabitant_eur, and so is the base budget,
** municipality.it_fixed_eur + staff x municipality.it_cost_per_workplace_eur
** with staff = inhabitants x staff_per_1000 / 1000 x workplace_share
** (docs/PARAMETERS.md). Of the O&M share and every key that takes part
** (an input of an auto value only while that value is auto), the one set
** last is blamed, and told what it may be.
*/
static void test_om_room(void **state)
{
	struct model_params d;
	const double N = def_of("municipality.inhabitants");
	const double share = def_of("budget.om_share_initial");
	const double mat = def_of("services.maturity_initial");
	const double rate = def_of("services.om_rate");
	const double cost = def_of("services.build_fixed_eur")
	                    + N * def_of("services.build_per_inhabitant_eur");
	/* The staff density and services are auto: the default city's. */
	const double staff = N * (profile_defaults(&d), d.municipality_staff_per_1000) / 1000
	                     * def_of("municipality.workplace_share");
	const double base = def_of("municipality.it_fixed_eur")
	                    + staff * def_of("municipality.it_cost_per_workplace_eur");
	const double om = d.services_count * mat * cost * rate;
	const char *path;
	char msg[768], allowed[64];

	(void)state;
	/* --set services.count: the O&M is in proportion to it. */
	snprintf(allowed, sizeof allowed, "%.4g or less",
	         100000 * share / (100000 * mat * cost * rate / base) * (1 - 1e-3));
	om_room_msg(msg, "--set services.count: 100000", 100000 * mat * cost * rate, base,
	            share, allowed);
	blame_is(load(put("om_plain.ini", "[sim]\nyears = 2\n")),
	         (const char *const[]){ "services.count=100000", NULL }, "", 0,
	         "services.count", msg);
	/* --set workforce.staff (auto before): the base budget follows it. */
	om_room_msg(msg, "--set workforce.staff: 1", om, def_of("municipality.it_fixed_eur")
	            + def_of("municipality.it_cost_per_workplace_eur"), share, "a larger value");
	blame_is(load(put("om_plain.ini", "[sim]\nyears = 2\n")),
	         (const char *const[]){ "workforce.staff=1", NULL }, "", 0,
	         "workforce.staff", msg);
	/* A base budget in EUR: the cost per workplace no longer takes part,
	** so the budget's line is blamed although the cost was set later. */
	path = put("om_base.ini", "[budget]\nit_base_eur = 400000\n");
	snprintf(allowed, sizeof allowed, "more than %.4g", om / share * (1 + 1e-3));
	om_room_msg(msg, "budget.it_base_eur = 400000", om, 400000, share, allowed);
	blame_is(load(path), (const char *const[]){
	         "municipality.it_cost_per_workplace_eur=5000", NULL }, path, 2,
	         "budget.it_base_eur", msg);
	/* No base budget: no number of services fits (the share is inf). */
	path = put("om_zero.ini", "[budget]\nit_base_eur = 0\n");
	om_room_msg(msg, "--set services.count: 300", 300 * mat * cost * rate, 0, share,
	            "no value while the base budget is 0");
	blame_is(load(path), (const char *const[]){ "services.count=300", NULL }, "", 0,
	         "services.count", msg);
	/* The O&M share set last, below what the services take. */
	path = put("om_share.ini", "[budget]\nom_share_initial = 0.06\n");
	snprintf(msg, sizeof msg, "budget.om_share_initial = 0.06 leaves no O&M for the "
	         "IT portfolio: the digital services online already take %.3g of the "
	         "base budget; allowed: above %.3g up to 0.99, or "
	         "legacy.portfolio_value_eur in EUR", om / base, om / base);
	blame_is(load(path), (const char *const[]){ NULL }, path, 2,
	         "budget.om_share_initial", msg);
	/* ... and when they take more than any share may be. */
	path = put("om_none.ini", "[services]\ncount = 100000\n[budget]\n"
	           "om_share_initial = 0.75\n");
	snprintf(msg, sizeof msg, "budget.om_share_initial = 0.75 leaves no O&M for the "
	         "IT portfolio: the digital services online already take %.3g of the "
	         "base budget, more than the largest O&M share 0.99; allowed: no value "
	         "of it, but lower O&M of the digital services (services.count, "
	         "services.maturity_initial, services.cost_per_service_eur, "
	         "services.om_rate), a larger budget.it_base_eur, or "
	         "legacy.portfolio_value_eur in EUR", 100000 * mat * cost * rate / base);
	blame_is(load(path), (const char *const[]){ NULL }, path, 4,
	         "budget.om_share_initial", msg);
	/* A portfolio value in EUR: no such rule. */
	resolve_ok_set(load(path), "legacy.portfolio_value_eur=2.385e7");
}

/* ---- round trip ---------------------------------------------------------------- */

/* Writes sc resolved, loads that, and expects identical years. */
static void round_trip(struct scenario *sc, size_t n)
{
	struct model_params *a = resolve(sc, n), *b;
	char *text = written(scenario_write_resolved, sc);
	struct scenario *back = load(put("back.ini", text));

	b = resolve(back, n);
	assert_memory_equal(a, b, n * sizeof *a);
	assert_string_equal(scenario_text(back, P_scenario_name),
	                    scenario_text(sc, P_scenario_name));
	assert_string_equal(scenario_text(back, P_scenario_description),
	                    scenario_text(sc, P_scenario_description));
	assert_null(strstr(text, "extends"));
	assert_null(strstr(text, "schedule ="));
	free(a);
	free(b);
	free(text);
	scenario_free(back);
}

static void test_round_trip(void **state)
{
	struct scenario *sc = load(DATA "sub/top.ini");
	struct err e;
	const char *rt;
	char *text, src[160], want[256], num[NUMFMT_LEN];

	(void)state;
	assert_int_equal(scenario_set(sc, "sim.dt=0.0625", &e), 0);
	assert_int_equal(scenario_set(sc, "budget.it_base_eur=14250000.1", &e), 0);
	assert_int_equal(scenario_set(sc, "savings@2030.reinvest_share=0.1", &e), 0);
	assert_int_equal(scenario_set(sc, "schedule@2031.quality=0.3", &e), 0);
	round_trip(sc, 6);
	text = written(scenario_write_resolved, sc);
	/* An auto value is written as auto, with what it derives to in a
	** comment below it (MODEL.md 1.2: inhabitants x the figure per
	** inhabitant, both at their defaults here). */
	numfmt_double(registry_find("budget.om_share_initial")->def, num);
	snprintf(want, sizeof want, "\n[budget]\nit_base_eur = 14250000.1\n"
	         "om_share_initial = %s\ngrowth_rate = 0.0285\n", num);
	assert_non_null(strstr(text, want));
	numfmt_double(registry_find("municipality.inhabitants")->def *
	              registry_find("budget.transformation_per_inhabitant_eur")->def, num);
	snprintf(want, sizeof want, "\ntransformation_eur = auto\n; derived: "
	         "transformation_eur = %s\ntransformation_per_inhabitant_eur = ", num);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "\nreserve_eur = 3115000\nreserve_per_inhabitant_eur = "));
	assert_non_null(strstr(text, "\n[budget@2029]\ngrowth_rate = 0.0415\n"));
	assert_non_null(strstr(text, "\n[allocation@2028]\nprocess = 0.065\n"
	                       "value_creation = 0.25\n"));
	assert_non_null(strstr(text, "\n[schedule@2031]\nprocess = 0\n"));
	assert_non_null(strstr(text, "\nname = Base city\n"));
	free(text);
	scenario_free(sc);
	sc = load(DATA "planned.ini");
	round_trip(sc, 5);
	scenario_free(sc);
	/* Named sections are written whole, with sets of domains. */
	rt = put("rt.ini", "[sim]\nyears = 3\n[loan.kfw]\nprincipal_eur = 2.5e6\n"
	         "repayment = linear\ndomains = quality, process\n[shock.x]\nyear = 2027\n"
	         "[loan.city]\nprincipal_per_inhabitant_eur = 12.5\n");
	sc = load(rt);
	round_trip(sc, 3);
	text = written(scenario_write_resolved, sc);
	assert_non_null(strstr(text, "\n[loan.kfw]\nprincipal_eur = 2500000\n"
	                       "principal_per_inhabitant_eur = 0\ndraw_year = 2026\n"));
	assert_non_null(strstr(text, "\nrepayment = linear\ndomains = process, quality\n"));
	/* A named section's auto value too: the principal is inhabitants x
	** principal_per_inhabitant_eur (the default inhabitants). */
	numfmt_double(registry_find("municipality.inhabitants")->def * 12.5, num);
	snprintf(want, sizeof want, "\n[loan.city]\nprincipal_eur = auto\n; derived: "
	         "principal_eur = %s\nprincipal_per_inhabitant_eur = 12.5\n", num);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "\n[shock.x]\nyear = 2027\ncut = 0.1\n"));
	free(text);
	text = written(scenario_write_check, sc);
	snprintf(src, sizeof src, "%s:4", rt);
	has_line(text, "loan.kfw.principal_eur = 2500000", src);
	has_line(text, "loan.kfw.interest_rate = 0.03", "default");
	free(text);
	scenario_free(sc);
}


/* ---- texts: quotes, continuation lines, the round trip ------------------------ */

/* A quoted text keeps ';', '#', '"' and its blanks; indented quoted pieces
** continue it (any line end); line numbers stay right after it. */
static void test_quoted_texts(void **state)
{
	struct scenario *sc;
	struct model_params *y;
	char *out, src[160];
	const char *path;

	(void)state;
	put("q base.ini", "[budget]\ngrowth_rate = 0.0285\n");
	path = put("q.ini", "[scenario]\n"
	           "description = \"The first part of a long description that goes on and \"\n"
	           "  \"on; it may hold ';', '#', \\\"quotes\\\" and leading or trailing spaces.\"\r\n"
	           "\t\"\"\n"
	           "  \" \\\\ end \"   \n"
	           "name = \"  Plan ; B # 2  \"\n"
	           "extends = \"q base.ini\"\n"
	           "[sim]\n"
	           "years = 2\n");
	sc = load(path);
	assert_string_equal(scenario_text(sc, P_scenario_description),
	                    "The first part of a long description that goes on and "
	                    "on; it may hold ';', '#', \"quotes\" and leading or "
	                    "trailing spaces. \\ end ");
	assert_string_equal(scenario_text(sc, P_scenario_name), "  Plan ; B # 2  ");
	assert_string_equal(scenario_text(sc, P_scenario_extends), "q base.ini");
	y = resolve(sc, 2);
	assert_close(y[0].budget_growth_rate, 0.0285, 0, 0);
	free(y);
	out = written(scenario_write_check, sc);
	snprintf(src, sizeof src, "%s:9", path);
	has_line(out, "sim.years = 2", src);
	snprintf(src, sizeof src, "%s:6", path);
	has_line(out, "scenario.name = \"  Plan ; B # 2  \"", src);
	free(out);
	round_trip(sc, 2);
	scenario_free(sc);
	/* An empty quoted name is unset: the id stands in. */
	sc = load(put("qe.ini", "[scenario]\nname = \"\"\n"));
	assert_string_equal(scenario_text(sc, P_scenario_name), "qe");
	scenario_free(sc);
}

/* Reads the resolved file of sc and checks that no line is longer than
** SCENFILE_MAX_LINE and, with utf8 != 0 (for texts of valid UTF-8), that
** no continuation line starts inside a UTF-8 sequence. Returns the text
** (owned by the caller). */
static char *resolved_utf8(const struct scenario *sc, int utf8)
{
	char *text = written(scenario_write_resolved, sc);

	for (const char *l = text; *l;) {
		size_t n = strcspn(l, "\n");
		if (n > SCENFILE_MAX_LINE)
			fail_msg("a line of %zu bytes: %.60s...", n, l);
		if (utf8 && strncmp(l, "  \"", 3) == 0 && ((unsigned char)l[3] & 0xC0) == 0x80)
			fail_msg("a continuation line starts inside UTF-8: %.60s", l);
		l += n + (l[n] == '\n');
	}
	return text;
}

static char *resolved_checked(const struct scenario *sc)
{
	return resolved_utf8(sc, 1);
}

/* The writer: bare where that reads back, quoted and split into lines of
** at most 197 bytes otherwise, never inside an escape or a UTF-8 sequence. */
static void test_writer_splits(void **state)
{
	static const struct { const char *piece; size_t times; const char *want; } cases[] = {
		/* "description = " is 14 bytes: 183 more fill a line bare. */
		{ "a", 183, "\ndescription = aaaa" },
		/* 184 do not: 181 in quotes on the first line, then 3. */
		{ "a", 184, "aaa\"\n  \"aaa\"\n" },
		/* 3-byte sequences: 60 of them (180 bytes) on the first line. */
		{ "\xe2\x82\xac", 70, "\xe2\x82\xac\"\n  \"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\"\n" },
		/* escapes: 90 (180 bytes) on the first line, 10 on the next. */
		{ "\"", 100, "\\\"\"\n  \"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\"\n" },
		{ " lead", 1, "\ndescription = \" lead\"\n" },
		{ "trail ", 1, "\ndescription = \"trail \"\n" },
		{ "a ;b", 1, "\ndescription = \"a ;b\"\n" },
		{ "\"x\" y", 1, "\ndescription = \"\\\"x\\\" y\"\n" },
		{ "a;b # \\ \"c\"", 1, "\ndescription = a;b # \\ \"c\"\n" },
	};
	char text[1024], set[1100];
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct scenario *sc = load(put("w.ini", "[sim]\nyears = 1\n"));
		struct scenario *back;
		size_t n = 0;
		char *out;
		text[0] = '\0';
		for (size_t k = 0; k < cases[i].times; k++)
			n += (size_t)snprintf(text + n, sizeof text - n, "%s", cases[i].piece);
		snprintf(set, sizeof set, "scenario.description=\"");
		for (size_t k = 0, m = strlen(set); text[k]; k++) {
			if (text[k] == '"' || text[k] == '\\')
				set[m++] = '\\';
			set[m++] = text[k];
			set[m] = '\0';
		}
		strcat(set, "\"");
		assert_int_equal(scenario_set(sc, set, &e), 0);
		assert_string_equal(scenario_text(sc, P_scenario_description), text);
		out = resolved_checked(sc);
		if (!strstr(out, cases[i].want))
			fail_msg("case %zu: '%s' not in:\n%s", i, cases[i].want, out);
		back = load(put("wb.ini", out));
		assert_string_equal(scenario_text(back, P_scenario_description), text);
		scenario_free(back);
		free(out);
		scenario_free(sc);
	}
}

/* Bytes that are not UTF-8 (stray continuation bytes, cut sequences) pass
** unchanged too: the writer splits them where it must. */
static void test_not_utf8(void **state)
{
	struct scenario *sc = load(put("u.ini", "[sim]\nyears = 1\n")), *back;
	char set[600] = "scenario.description=", *out;
	size_t n = strlen(set);
	struct err e;

	(void)state;
	for (int i = 0; i < 60; i++)
		n += (size_t)snprintf(set + n, sizeof set - n, "\x80\xe2\x82\xf0 \xff;");
	assert_int_equal(scenario_set(sc, set, &e), 0);
	out = resolved_utf8(sc, 0);
	back = load(put("ub.ini", out));
	assert_string_equal(scenario_text(back, P_scenario_description), set + 21);
	scenario_free(back);
	scenario_free(sc);
	free(out);
}

/*
** A translation belongs to the text it translates: inherited with it, or
** set beside it or later; not when the extending file overrides the name
** (or description) but not its translation, so that the base scenario's
** German title never stands over another scenario.
*/
static void test_translations(void **state)
{
	struct scenario *sc;
	const char *file;
	long line;
	struct err e;

	(void)state;
	put("tbase.ini", "[scenario]\nname_de = Basis\nname = Base\ndescription = Why?\n"
	                 "description_de = Warum?\nreference = tbase\n");
	sc = load(put("tkeep.ini", "[scenario]\nextends = tbase.ini\n"));
	assert_string_equal(scenario_text(sc, P_scenario_name_de), "Basis");
	assert_string_equal(scenario_text(sc, P_scenario_description_de), "Warum?");
	assert_string_equal(scenario_text(sc, P_scenario_reference), "tbase");
	scenario_text_where(sc, P_scenario_reference, &file, &line);
	assert_non_null(strstr(file, "tbase.ini"));
	assert_int_equal(line, 6);
	scenario_free(sc);
	sc = load(put("tname.ini", "[scenario]\nextends = tbase.ini\nname = Plan B\n"));
	assert_string_equal(scenario_text(sc, P_scenario_name_de), "");
	assert_string_equal(scenario_text(sc, P_scenario_description_de), "Warum?");
	/* In German: the English name stands in; the German description. */
	assert_string_equal(scenario_text_de(sc, P_scenario_name, 1), "Plan B");
	assert_string_equal(scenario_text_de(sc, P_scenario_description, 1), "Warum?");
	assert_string_equal(scenario_text_de(sc, P_scenario_description, 0), "Why?");
	/* Both given with --set: they belong together, in either order. */
	assert_int_equal(scenario_set(sc, "scenario.name_de=Plan Be", &e), 0);
	assert_string_equal(scenario_text(sc, P_scenario_name_de), "Plan Be");
	assert_int_equal(scenario_set(sc, "scenario.name=Plan C", &e), 0);
	assert_string_equal(scenario_text(sc, P_scenario_name_de), "Plan Be");
	scenario_text_where(sc, P_scenario_name, &file, &line);
	assert_null(file);
	assert_int_equal(line, 0);
	scenario_free(sc);
	/* A name given with --set drops the files' translation. */
	sc = load(made_path("tkeep.ini"));
	assert_int_equal(scenario_set(sc, "scenario.name=Plan D", &e), 0);
	assert_string_equal(scenario_text(sc, P_scenario_name_de), "");
	scenario_free(sc);
	sc = load(put("tboth.ini", "[scenario]\nextends = tbase.ini\nname_de = Plan B (de)\n"
	                           "description = How?\n"));
	assert_string_equal(scenario_text(sc, P_scenario_name_de), "Plan B (de)");
	assert_string_equal(scenario_text(sc, P_scenario_description_de), "");
	scenario_free(sc);
}

/* The check listing shows a long text as a file holds it, its source after
** the first line. */
static void test_check_long_text(void **state)
{
	struct scenario *sc = load(put("cl.ini", "[sim]\nyears = 1\n"));
	char set[400], *out;
	struct err e;

	(void)state;
	snprintf(set, sizeof set, "scenario.description=%0300d", 5);
	assert_int_equal(scenario_set(sc, set, &e), 0);
	out = written(scenario_write_check, sc);
	assert_non_null(strstr(out, "\nscenario.description = \"000"));
	assert_non_null(strstr(out, "000\" # --set\n  \"000"));
	assert_non_null(strstr(out, "005\"\nscenario.extends = "));
	free(out);
	scenario_free(sc);
}

/* Texts up to SETTING_TEXT_MAX bytes pass, from --set and from a file of
** continuation lines; one byte more is an error naming the limit. */
static void test_text_limit(void **state)
{
	char *big = malloc(SETTING_TEXT_MAX + 64), *file, *text;
	struct scenario *sc = load(put("lim.ini", "[sim]\nyears = 1\n")), *back;
	size_t used, lines = 0;
	struct err e;

	(void)state;
	assert_non_null(big);
	memcpy(big, "scenario.description=", 21);
	memset(big + 21, 'd', SETTING_TEXT_MAX);
	big[21 + SETTING_TEXT_MAX] = '\0';
	assert_int_equal(scenario_set(sc, big, &e), 0);
	assert_int_equal(strlen(scenario_text(sc, P_scenario_description)), SETTING_TEXT_MAX);
	text = resolved_checked(sc);
	back = load(put("limb.ini", text));
	assert_string_equal(scenario_text(back, P_scenario_description), big + 21);
	scenario_free(back);
	free(text);
	strcat(big, "e");
	assert_int_equal(scenario_set(sc, big, &e), -1);
	check_err(&e, "", 0, "scenario.description", "--set scenario.description: "
	          "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd... "
	          "is longer than 16384 bytes (16385); allowed: at most 16384 bytes");
	scenario_free(sc);
	/* In a file: 100 bytes a line; the line that passes the limit fails. */
	file = malloc(200 * 120);
	assert_non_null(file);
	used = (size_t)sprintf(file, "[scenario]\ndescription = \"\"\n");
	for (lines = 0; lines * 100 <= SETTING_TEXT_MAX; lines++)
		used += (size_t)sprintf(file + used, "  \"%0100d\"\n", 1);
	load_fails("limf.ini", file, 2 + (long)lines, "scenario.description",
	           "scenario.description: the continuation \"000000000000000000000"
	           "0000000000000000000000000000000000000000000000000000000000000000"
	           "000000000000001\" makes the text longer than 16384 bytes (16400); "
	           "allowed: at most 16384 bytes");
	free(file);
	free(big);
}

/* Appends "\"" + s escaped + "\"" (or s when bare) to buf at *n. */
static void append_value(char *buf, size_t *n, const char *s, int quoted)
{
	if (quoted)
		buf[(*n)++] = '"';
	for (; *s; s++) {
		if (quoted && (*s == '"' || *s == '\\'))
			buf[(*n)++] = '\\';
		buf[(*n)++] = *s;
	}
	if (quoted)
		buf[(*n)++] = '"';
	buf[*n] = '\0';
}

/* Whether s has a control character. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/*
** One generated text through --set: applies "scenario.KEY=" + the value
** (t bare or in quotes, with blanks around) and checks acceptance and the
** text against what the grammar says. Returns whether it was accepted.
*/
static int set_generated(struct scenario *sc, const char *key, const char *t,
                         int quoted, size_t pad1, size_t pad2, char *buf)
{
	char want[12000];
	const char *w = t;
	size_t n, wn;
	int ok, rc;
	struct err e;

	n = (size_t)sprintf(buf, "scenario.%s=%*s", key, (int)pad1, "");
	append_value(buf, &n, t, quoted);
	n += (size_t)sprintf(buf + n, "%*s", (int)pad2, "");
	if (!quoted)
		w += strspn(w, " \t");
	wn = strlen(w);
	while (!quoted && wn && (w[wn - 1] == ' ' || w[wn - 1] == '\t'))
		wn--;
	snprintf(want, sizeof want, "%.*s", (int)wn, w);
	rc = scenario_set(sc, buf, &e);
	if (!quoted && want[0] == '"')
		return rc == 0;  /* read as quoted: no oracle but the round trip */
	ok = !has_control(want) && wn <= SETTING_TEXT_MAX;
	if (ok != (rc == 0))
		fail_msg("scenario_set('%.80s...') returned %d: %s", buf, rc, e.msg);
	if (rc != 0) {
		assert_true(strncmp(e.msg, "--set scenario.", 15) == 0);
		return 0;
	}
	if (!want[0] && strcmp(key, "name") == 0)
		snprintf(want, sizeof want, "%s", scenario_id(sc));
	assert_string_equal(scenario_text(sc, strcmp(key, "name") == 0 ?
	                    P_scenario_name : P_scenario_description), want);
	return 1;
}

/* Builds a text of about len bytes from pieces (valid UTF-8) into buf; one
** text in 20 gets a control character somewhere, which --set must refuse. */
static void generate(gsl_rng *r, size_t len, char *buf)
{
	static const char *const pieces[] = {
		";", "#", "\"", "\\", " ", "   ", "=", "[", "]", "a", "Plan", "B",
		"x y", " ;", "; ", "\\\"", "\"\"", "\xc3\xa4", "\xe2\x82\xac",
		"\xf0\x9d\x84\x9e", "0.5", "'", ",", ":", "@", ".", "[sim]", "k = v",
	};
	static const char *const rare[] = { "\t", "\x7f", "\x01" };
	size_t n = 0, bad = gsl_rng_uniform(r) < 0.05 ? gsl_rng_uniform_int(r, len + 1) : (size_t)-1;

	buf[0] = '\0';
	while (n < len || bad != (size_t)-1) {
		const char *p = pieces[gsl_rng_uniform_int(r, sizeof pieces / sizeof pieces[0])];
		if (n >= bad) {
			p = rare[gsl_rng_uniform_int(r, 3)];
			bad = (size_t)-1;
		}
		n += (size_t)sprintf(buf + n, "%s", p);
	}
}

/*
** The round trip of every text --set accepts: many generated texts (fixed
** seed), bare and quoted, of 0 to 10,000 bytes, as name and description;
** each accepted one is written in the resolved file (no line over the
** limit), read back, and must come back byte for byte.
*/
static void test_text_round_trip(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	static char t[12000], buf[25000];
	size_t accepted = 0, rejected = 0, long_ok = 0;

	(void)state;
	assert_non_null(r);
	gsl_rng_set(r, 20260405);
	for (int i = 0; i < 400; i++) {
		struct scenario *sc = load(put("p.ini", "[sim]\nyears = 1\n")), *back;
		double u = gsl_rng_uniform(r);
		size_t len = u < 0.5 ? gsl_rng_uniform_int(r, 60) :
		             u < 0.8 ? gsl_rng_uniform_int(r, 400) :
		             gsl_rng_uniform_int(r, 10001);
		int any = 0;
		char *text;
		for (int k = 0; k < 2; k++) {
			int quoted = gsl_rng_uniform(r) < 0.5, ok;
			size_t p1 = gsl_rng_uniform_int(r, 3), p2 = gsl_rng_uniform_int(r, 3);
			generate(r, k ? len : gsl_rng_uniform_int(r, 120), t);
			ok = set_generated(sc, k ? "description" : "name", t, quoted, p1, p2, buf);
			any |= ok;
			long_ok += (size_t)(ok && k && len > 2000);
			accepted += (size_t)ok;
			rejected += (size_t)!ok;
		}
		if (!any) {
			scenario_free(sc);
			continue;
		}
		text = resolved_checked(sc);
		back = load(put("pb.ini", text));
		assert_string_equal(scenario_text(back, P_scenario_name),
		                    scenario_text(sc, P_scenario_name));
		assert_string_equal(scenario_text(back, P_scenario_description),
		                    scenario_text(sc, P_scenario_description));
		scenario_free(back);
		scenario_free(sc);
		free(text);
	}
	/* The generator reaches both sides, and long texts. */
	assert_true(accepted > 600);
	assert_true(rejected > 20);
	assert_true(long_ok > 40);
	gsl_rng_free(r);
}

/* ---- files that are no files, and files over the caps --------------------------- */

/*
** A FIFO (a regression would block in open or read), a device that never
** ends and a directory, as the scenario, as extends and as the schedule:
** each is an error at the line that names it, and nothing blocks.
*/
static void test_not_regular(void **state)
{
	const char *fifo = made_path("fifo");
	static const struct { const char *target, *kind; } cases[] = {
		{ "fifo", "a FIFO" }, { "/dev/zero", "a device" }, { ".", "a directory" },
	};
	char text[160], msg[400], shown[256];
	struct scenario *sc;
	struct err e;

	(void)state;
	alarm(TEST_ALARM_S);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *t = cases[i].target;
		if (t[0] == '/')
			snprintf(shown, sizeof shown, "%s", t);
		else
			snprintf(shown, sizeof shown, "%s/%s", tmpdir, t);
		snprintf(text, sizeof text, "[scenario]\n; base\nextends = %s\n", t);
		snprintf(msg, sizeof msg, "scenario.extends: '%s': not a regular file "
		         "(%s); allowed: a regular file", shown, cases[i].kind);
		load_fails("nr.ini", text, 3, "scenario.extends", msg);
		snprintf(text, sizeof text, "[allocation]\nschedule = %s\n", t);
		snprintf(msg, sizeof msg, "allocation.schedule: '%s': not a regular "
		         "file (%s); allowed: a regular file", shown, cases[i].kind);
		load_fails("ns.ini", text, 2, "allocation.schedule", msg);
		snprintf(msg, sizeof msg, "not a regular file (%s); allowed: a "
		         "regular file", cases[i].kind);
		assert_int_equal(scenario_load(shown, &sc, &e), -1);
		check_err(&e, shown, 0, "", msg);
	}
	alarm(0);
}

/* Writes a file of `size` bytes: `head`, then lines of '#' comments (or,
** with nl 0, one line without end) up to size. Returns its path. */
static const char *put_sized(const char *name, const char *head, size_t size, int nl)
{
	const char *path = made_path(name);
	FILE *f = fopen(path, "w");
	size_t n = strlen(head);

	assert_non_null(f);
	fputs(head, f);
	for (; n < size; n++)
		fputc(nl && (n % 100 == 99 || n + 1 == size) ? '\n' : '#', f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/*
** The caps: a scenario of 1 MiB loads, one byte more is refused unread
** (as the scenario and as extends); a line of 500,000 bytes in a scenario
** and of 2 MiB in a schedule fail at their line; a sparse schedule of
** 16 MiB + 1 is refused at the INI line naming it.
*/
static void test_caps(void **state)
{
	struct scenario *sc;
	struct err e;
	const char *p, *csv;
	char msg[400];

	(void)state;
	alarm(TEST_ALARM_S);
	p = put_sized("cap.ini", "[sim]\nyears = 2\n", RFILE_SCENARIO_MAX_BYTES, 1);
	sc = load(p);
	scenario_free(sc);
	p = put_sized("cap.ini", "[sim]\nyears = 2\n", RFILE_SCENARIO_MAX_BYTES + 1, 1);
	assert_int_equal(scenario_load(p, &sc, &e), -1);
	check_err(&e, p, 0, "", "the file has 1048577 bytes; allowed: at most "
	          "1 MiB (1048576 bytes)");
	snprintf(msg, sizeof msg, "scenario.extends: '%s': the file has 1048577 "
	         "bytes; allowed: at most 1 MiB (1048576 bytes)", p);
	load_fails("capx.ini", "[scenario]\nextends = cap.ini\n", 2,
	           "scenario.extends", msg);
	put_sized("capl.ini", "[sim]\nyears = 2\n", 500000, 0);
	assert_int_equal(scenario_load(made_path("capl.ini"), &sc, &e), -1);
	check_err(&e, made_path("capl.ini"), 3, "", "the line has more than 197 "
	          "bytes; allowed: at most 197");
	csv = put_sized("capl.csv", "year,process\n", 2 << 20, 0);
	p = put("capc.ini", "[allocation]\nschedule = capl.csv\n");
	assert_int_equal(scenario_load(p, &sc, &e), -1);
	check_err(&e, csv, 2, "", "the line has more than 1048576 bytes; allowed: "
	          "at most 1048576");
	assert_int_equal(truncate(csv, (off_t)RFILE_SCHEDULE_MAX_BYTES + 1), 0);
	snprintf(msg, sizeof msg, "allocation.schedule: '%s': the file has 16777217 "
	         "bytes; allowed: at most 16 MiB (16777216 bytes)", csv);
	load_fails("capc.ini", "[allocation]\n\nschedule = capl.csv\n", 3,
	           "allocation.schedule", msg);
	alarm(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_extends_three_levels),
		cmocka_unit_test(test_default_step),
		cmocka_unit_test(test_check_provenance),
		cmocka_unit_test(test_year_blocks),
		cmocka_unit_test(test_schedule_csv_equals_blocks),
		cmocka_unit_test(test_schedule_provenance),
		cmocka_unit_test(test_schedule_merge),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_set_errors),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_extends_cycle),
		cmocka_unit_test(test_every_mistake),
		cmocka_unit_test(test_no_follow_on_mistakes),
		cmocka_unit_test(test_every_rule),
		cmocka_unit_test(test_mistakes_across_files),
		cmocka_unit_test(test_schedule_mistakes),
		cmocka_unit_test(test_mistake_limit),
		cmocka_unit_test(test_schedule_errors),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_resolve_errors),
		cmocka_unit_test(test_resolve_error_from_set),
		cmocka_unit_test(test_blame_set_last),
		cmocka_unit_test(test_om_room),
		cmocka_unit_test(test_named_sections),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_quoted_texts),
		cmocka_unit_test(test_writer_splits),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_check_long_text),
		cmocka_unit_test(test_translations),
		cmocka_unit_test(test_text_limit),
		cmocka_unit_test(test_text_round_trip),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_caps),
	};
	return cmocka_run_group_tests_name("scenario", tests, group_setup,
	                                   group_teardown);
}
