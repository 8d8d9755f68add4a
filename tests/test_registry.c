/*
** test_registry.c: lookups, "did you mean", parsing, formatting and the
** parameter listing of sim/registry.c.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "testutil.h"

static void test_find(void **state)
{
	const struct param_def *d = registry_find("budget.growth_rate");

	(void)state;
	assert_non_null(d);
	assert_string_equal(d->section, "budget");
	assert_string_equal(d->key, "growth_rate");
	assert_ptr_equal(registry_find2("budget", "growth_rate"), d);
	assert_null(registry_find("budget.growth"));
	assert_null(registry_find2("budget", "nope"));
	assert_null(registry_find2("nosection", "growth_rate"));
}

static void test_suggest(void **state)
{
	(void)state;
	/* A key that begins a registered key, in its own section. */
	assert_string_equal(registry_suggest("budget.growth"), "budget.growth_rate");
	/* The same key under peers prefers peers. */
	assert_string_equal(registry_suggest("peers.growth"), "peers.growth_rate");
	/* Typos in the full name. */
	assert_string_equal(registry_suggest("sim.methd"), "sim.method");
	assert_string_equal(registry_suggest("bugdet.reserve_eur"), "budget.reserve_eur");
	/* The right key in the wrong section. */
	assert_string_equal(registry_suggest("sim.turnover_rate"), "workforce.turnover_rate");
	assert_null(registry_suggest("budget.zzzzzzzz"));
	/* A short unknown key is close to many: no suggestion for two edits in
	** four letters ("nope" is two edits from "name"). */
	assert_null(registry_suggest("budget.nope"));
	assert_null(registry_suggest("qqqqqqqqqqqqqqqqqqqqqqqqqq"));
	assert_string_equal(registry_suggest_section("bugdet"), "budget");
	assert_string_equal(registry_suggest_section("alocation"), "allocation");
	assert_null(registry_suggest_section("x"));
	assert_null(registry_suggest_section("weather"));
}

/* Parses text as a value of name; returns what registry_parse returned and
** leaves the phrase in why. */
static int parse(const char *name, const char *text, double *v, char *why)
{
	struct strbuf b = STRBUF_INIT;
	int rc = registry_parse(registry_find(name), text, v, &b);

	snprintf(why, 256, "%s", strbuf_str(&b));
	strbuf_free(&b);
	return rc;
}

static void test_parse_ok(void **state)
{
	char why[256];
	double v = -1;

	(void)state;
	assert_int_equal(parse("budget.growth_rate", "0.02385", &v, why), 0);
	assert_close(v, 0.02385, 0, 0);
	assert_int_equal(parse("budget.growth_rate", " -0.5 ", &v, why), 0);
	assert_close(v, -0.5, 0, 0);
	assert_int_equal(parse("sim.years", "37", &v, why), 0);
	assert_close(v, 37, 0, 0);
	assert_int_equal(parse("sim.method", "rkf45", &v, why), 0);
	assert_close(v, 2, 0, 0);
	assert_int_equal(parse("budget.it_base_eur", "2.385e7", &v, why), 0);
	assert_close(v, 23850000, 0, 0);
}

static void test_parse_errors(void **state)
{
	char why[256];
	double v = 7.25;

	(void)state;
	assert_int_equal(parse("budget.growth_rate", "0.9", &v, why), -1);
	assert_string_equal(why, "is out of range; allowed: -0.5 to 0.5 (1/yr)");
	assert_int_equal(parse("budget.growth_rate", "2x", &v, why), -1);
	assert_string_equal(why, "is not a number; allowed: -0.5 to 0.5 (1/yr)");
	/* '#' is no comment anywhere; a scenario file says so (setting.c), a
	** schedule cell and --set need not. */
	assert_int_equal(parse("budget.growth_rate", "0.1 # note", &v, why), -1);
	assert_string_equal(why, "is not a number; allowed: -0.5 to 0.5 (1/yr)");
	assert_int_equal(parse("budget.growth_rate", "  ", &v, why), -1);
	assert_string_equal(why, "is empty; allowed: -0.5 to 0.5 (1/yr)");
	assert_int_equal(parse("budget.growth_rate", "nan", &v, why), -1);
	assert_string_equal(why, "is not a number; allowed: -0.5 to 0.5 (1/yr)");
	assert_int_equal(parse("sim.years", "2.5", &v, why), -1);
	assert_string_equal(why, "is not a whole number; allowed: whole numbers "
	                    "from 1 to 100 (years)");
	assert_int_equal(parse("sim.years", "101", &v, why), -1);
	assert_string_equal(why, "is out of range; allowed: whole numbers from 1 "
	                    "to 100 (years)");
	assert_int_equal(parse("sim.method", "rk5", &v, why), -1);
	assert_string_equal(why, "is not one of the choices; allowed: euler, rk4, rkf45");
	/* A unit of "1" is left out. */
	assert_int_equal(parse("allocation.process", "-0.5", &v, why), -1);
	assert_string_equal(why, "is out of range; allowed: 0 to 1");
	assert_int_equal(parse("allocation.process", "101", &v, why), -1);
	assert_string_equal(why, "is out of range; allowed: 0 to 1");
	assert_int_equal(parse("scenario.name", "x", &v, why), -1);
	assert_string_equal(why, "is text, not a number; allowed: text without "
	                    "control characters");
	assert_close(v, 7.25, 0, 0); /* untouched on failure */
}

/* Expects registry_parse of text for name to fail with why. */
static void parse_fails(const char *name, const char *text, const char *want)
{
	struct strbuf why = STRBUF_INIT;
	double v = 7.25;

	if (registry_parse(registry_find(name), text, &v, &why) != -1)
		fail_msg("%s = %s accepted as %.17g", name, text, v);
	assert_string_equal(strbuf_str(&why), want);
	assert_close(v, 7.25, 0, 0);
	strbuf_free(&why);
}

/* Expects registry_check of v for name to fail with want ("" for none). */
static void check_gives(const char *name, double v, const char *want)
{
	struct strbuf why = STRBUF_INIT;

	assert_int_equal(registry_check(registry_find(name), v, &why), want[0] ? -1 : 0);
	assert_string_equal(strbuf_str(&why), want);
	strbuf_free(&why);
}

/* registry_check, for numbers read elsewhere (German CSV cells), judges
** as registry_parse does: the same phrases and hints. */
static void test_check_number(void **state)
{
	(void)state;
	check_gives("allocation.literacy", 0.385, "");
	check_gives("allocation.literacy", 38.5, "is out of range; shares are fractions: "
	            "write 0.385 for 38.5 %; allowed: 0 to 1");
	check_gives("sim.years", 12.5, "is not a whole number; allowed: whole numbers "
	            "from 1 to 100 (years)");
	check_gives("schedule.process", -2.5, "is out of range; allowed: 0 to "
	            "100000000000 (EUR/yr)");
	parse_fails("schedule.process", "-2.5", "is out of range; allowed: 0 to "
	            "100000000000 (EUR/yr)");
}

/* Expects registry_parse of text for name to give want. */
static void parse_gives(const char *name, const char *text, double want)
{
	struct strbuf why = STRBUF_INIT;
	double v = 7.25;

	if (registry_parse(registry_find(name), text, &v, &why) != 0)
		fail_msg("%s = %s: %s", name, text, strbuf_str(&why));
	assert_close(v, want, 0, 0);
	strbuf_free(&why);
}

/*
** The hints for common mistakes (issue 8). German thousands grouping is
** rejected for the keys whose range reaches 10,000 (money, staff, services,
** transactions) and taken as a decimal elsewhere; "1.500.000" is no number
** anywhere.
*/
static void test_hints(void **state)
{
	(void)state;
	/* The grammar's own verdicts: no hex, nan or inf; underflow, overflow. */
	parse_fails("budget.growth_rate", "0x10", "is not a number; allowed: -0.5 "
	            "to 0.5 (1/yr)");
	parse_fails("budget.growth_rate", "inf", "is not a number; allowed: -0.5 "
	            "to 0.5 (1/yr)");
	parse_fails("budget.growth_rate", "1e400", "is too large; allowed: -0.5 to "
	            "0.5 (1/yr)");
	parse_fails("budget.growth_rate", "1e-400", "is too small: rounds to 0; "
	            "allowed: -0.5 to 0.5 (1/yr)");
	parse_gives("budget.growth_rate", "1e-320", 1e-320);
	parse_fails("budget.reserve_eur", "1.500", "looks like German thousands "
	            "grouping (1.500 = 1500); write 1500, or 1.5 if the point is a "
	            "decimal point; allowed: 0 to 100000000000 (EUR)"
	            ", or auto (derived from the municipality)");
	parse_fails("budget.reserve_eur", " 2.385.000 ", "looks like German thousands "
	            "grouping (2.385.000 = 2385000); write 2385000; allowed: 0 to "
	            "100000000000 (EUR)"
	            ", or auto (derived from the municipality)");
	parse_fails("workforce.staff", "1.500", "looks like German thousands "
	            "grouping (1.500 = 1500); write 1500, or 1.5 if the point is a "
	            "decimal point; allowed: 1 to 1000000 (FTE)"
	            ", or auto (derived from the municipality)");
	parse_fails("services.count", "2.385", "looks like German thousands "
	            "grouping (2.385 = 2385); write 2385, or 2.385 if the point is a "
	            "decimal point; allowed: 1 to 100000 (services), or auto (derived from the municipality)");
	parse_fails("savings.transactions_per_year", "300.000", "looks like German "
	            "thousands grouping (300.000 = 300000); write 300000, or 300 if "
	            "the point is a decimal point; allowed: 0 to 10000000000 (1/yr)"
	            ", or auto (derived from the municipality)");
	parse_fails("legacy.om_multiplier", "1.500.000", "looks like German thousands "
	            "grouping (1.500.000 = 1500000); write 1500000; allowed: 1 to 10");
	/* Not grouping: a decimal, for every key. */
	parse_gives("budget.reserve_eur", "1.5", 1.5);
	parse_gives("budget.reserve_eur", "1.50", 1.5);
	parse_gives("budget.reserve_eur", "1.5000", 1.5);
	parse_gives("budget.reserve_eur", "0.500", 0.5);
	parse_gives("budget.reserve_eur", "1500", 1500);
	parse_gives("budget.reserve_eur", "1.500e3", 1500);
	parse_gives("legacy.om_multiplier", "2.385", 2.385);
	parse_gives("resistance.drift_years", "1.500", 1.5);
	/* A decimal comma, a percent sign, other grouping. */
	parse_fails("legacy.om_multiplier", "1,5", "is not a number; write a decimal "
	            "point: 1.5; allowed: 1 to 10");
	parse_fails("budget.reserve_eur", "3,5e6", "is not a number; write a decimal "
	            "point: 3.5e6; allowed: 0 to 100000000000 (EUR)"
	            ", or auto (derived from the municipality)");
	parse_fails("budget.reserve_eur", "1.500,25", "is not a number; write a "
	            "decimal point and no grouping: 1500.25; allowed: 0 to "
	            "100000000000 (EUR)"
	            ", or auto (derived from the municipality)");
	parse_fails("budget.reserve_eur", "2,385,000", "is not a number; write it "
	            "without grouping: 2385000; allowed: 0 to 100000000000 (EUR)"
	            ", or auto (derived from the municipality)");
	parse_fails("budget.reserve_eur", "1,500", "is not a number; write it "
	            "without grouping, 1500, or with a decimal point, 1.5; allowed: "
	            "0 to 100000000000 (EUR)"
	            ", or auto (derived from the municipality)");
	parse_fails("budget.reserve_eur", "1 500", "is not a number; write it "
	            "without grouping: 1500; allowed: 0 to 100000000000 (EUR)"
	            ", or auto (derived from the municipality)");
	parse_fails("allocation.literacy", "35%", "is not a number; shares are "
	            "fractions: write 0.35 for 35 %; allowed: 0 to 1");
	parse_fails("allocation.literacy", "3 %", "is not a number; shares are "
	            "fractions: write 0.03 for 3 %; allowed: 0 to 1");
	parse_fails("budget.growth_rate", "2.5%", "is not a number; rates are "
	            "fractions: write 0.025 for 2.5 %; allowed: -0.5 to 0.5 (1/yr)");
	/* Neither a share nor a rate: the fraction alone. */
	parse_fails("budget.reserve_eur", "3%", "is not a number; write 0.03 for "
	            "3 %; allowed: 0 to 100000000000 (EUR), or auto (derived from "
	            "the municipality)");
	/* A share written as a percentage: unit 1, range within 0..1. */
	parse_fails("allocation.literacy", "35", "is out of range; shares are "
	            "fractions: write 0.35 for 35 %; allowed: 0 to 1");
	parse_fails("grant.NAME.cofunding_share", "100", "is out of range; shares "
	            "are fractions: write 1 for 100 %; allowed: 0 to 0.95");
	parse_gives("allocation.literacy", "1", 1);
	/* A yearly rate written as a percentage, when its hundredth is in
	** range: 3 for 0.03 and -2.385 for -0.02385, not 60 (0.6 > 0.5). */
	parse_fails("budget.growth_rate", "3", "is out of range; rates are "
	            "fractions: write 0.03 for 3 %; allowed: -0.5 to 0.5 (1/yr)");
	parse_fails("budget.cost_inflation", "-2.385", "is out of range; rates "
	            "are fractions: write -0.02385 for -2.385 %; allowed: -0.5 to "
	            "0.5 (1/yr)");
	parse_fails("budget.growth_rate", "60", "is out of range; allowed: -0.5 "
	            "to 0.5 (1/yr)");
	/* A rate whose range passes 1 is no fraction. */
	parse_fails("peers.growth_rate", "35", "is out of range; allowed: 0 to 5 "
	            "(1/yr)");
	/* Not a share: no percent hint. */
	parse_fails("workforce.skill_initial", "35", "is out of range; allowed: 0 "
	            "to 1 (index)");
	parse_fails("legacy.om_multiplier", "35", "is out of range; allowed: 1 to 10");
}

/* registry_format of v for name, as a string (static, until the next call). */
static const char *formatted(const char *name, double v)
{
	static char buf[256];
	struct strbuf b = STRBUF_INIT;

	registry_format(registry_find(name), v, &b);
	snprintf(buf, sizeof buf, "%s", strbuf_str(&b));
	strbuf_free(&b);
	return buf;
}

static void test_format(void **state)
{
	(void)state;
	assert_string_equal(formatted("sim.method", 2), "rkf45");
	assert_string_equal(formatted("sim.years", 37), "37");
	assert_string_equal(formatted("budget.it_base_eur", 23850000), "23850000");
	assert_string_equal(formatted("sim.dt", 1.0 / 12), "0.08333333333333333");
	assert_string_equal(formatted("budget.growth_rate", 0.02385), "0.02385");
	assert_string_equal(formatted("grant.NAME.domains", DOMAINS_ALL), "all");
	assert_string_equal(formatted("grant.NAME.domains",
	                              DOMAIN_BIT(DOM_LITERACY) | DOMAIN_BIT(DOM_INCLUSION)),
	                    "literacy, inclusion");
}

/*
** "auto" is a value of the keys the municipality profile derives (PF_AUTO),
** stored as PARAMS_AUTO until models/profile.c replaces it, and written
** back as auto; their allowed values say so. Other keys, and other
** spellings, are not numbers.
*/
static void test_auto(void **state)
{
	char why[256];
	double v = 7.25;

	(void)state;
	assert_int_equal(parse("budget.it_base_eur", "auto", &v, why), 0);
	assert_true(params_is_auto(v));
	v = 7.25;
	assert_int_equal(parse("workforce.staff", "auto", &v, why), 0);
	assert_true(params_is_auto(v));
	assert_string_equal(formatted("budget.it_base_eur", PARAMS_AUTO), "auto");
	assert_string_equal(formatted("budget.it_base_eur", 2.385e6), "2385000");
	parse_fails("budget.growth_rate", "auto", "is not a number; allowed: -0.5 to 0.5 (1/yr)");
	parse_fails("budget.reserve_eur", "Auto", "is not a number; allowed: 0 to "
	            "100000000000 (EUR), or auto (derived from the municipality)");
	parse_fails("budget.reserve_eur", "-1", "is out of range; allowed: 0 to "
	            "100000000000 (EUR), or auto (derived from the municipality)");
}

/* Reads what registry_print writes into a new string (caller frees). */
static char *printed(int markdown)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	registry_print(f, markdown);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* The number of '|' in the line at s not escaped by a backslash. */
static int cells(const char *s)
{
	int n = 0;

	for (const char *c = s; *c && *c != '\n'; c++)
		n += *c == '|' && (c == s || c[-1] != '\\');
	return n;
}

static void test_print(void **state)
{
	char *plain = printed(0), *md = printed(1), *line;
	size_t lines = 0;

	(void)state;
	assert_true(strncmp(plain, "name ", 5) == 0);
	assert_non_null(strstr(plain, "\nbudget.growth_rate "));
	assert_non_null(strstr(plain, " 0.02 "));
	assert_non_null(strstr(plain, "-0.5 to 0.5"));
	assert_non_null(strstr(plain, "euler, rk4, rkf45"));
	assert_true(strncmp(md, "| name | unit | default | range | uncertainty | meaning | "
	                    "source |\n|---|---|---|---|---|---|---|\n", 82) == 0);
	/* The uncertainty column: PERT over models/uncertainty.def's range
	** (0 to 0.04) with the default as mode; none for a decision. */
	assert_non_null(strstr(md, "\n| budget.growth_rate | 1/yr | 0.02 | -0.5 to "
	                       "0.5 | pert(0, 0.02, 0.04) | yearly nominal growth of the base IT budget | "));
	assert_non_null(strstr(md, "\n| savings.reinvest_share | 1 | 0.25 | 0 to 1 |  | "));
	for (line = md; *line; line = strchr(line, '\n') + 1) {
		assert_int_equal(cells(line), 8);
		lines++;
	}
	assert_int_equal(lines, params_count + 2);
	free(plain);
	free(md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_hints),
		cmocka_unit_test(test_check_number),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_auto),
		cmocka_unit_test(test_print),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
