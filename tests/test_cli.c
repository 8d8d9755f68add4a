/*
** test_cli.c: the command line as a contract (PRODUCT.md, STYLE.md rule 15),
** tested end to end: the binary named by $DTSIM runs in a fresh temporary
** directory, where data/ links to tests/data/cli/ (fixtures that extend a
** small local base, so the bundled scenarios cannot change what is seen).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "compare.h"
#include "modelversion.h"
#include "sensitivity.h"
#include "testproc.h"
#include "testutil.h"
#include "version.h"

#define MAX_ARGS 16

static const char try_line[] = "Try 'dtsim --help' for more information.\n";

struct ctx {
	struct proc_sandbox sb;
};

/* ---- running dtsim ---------------------------------------------------------- */

/*
** Runs dtsim with the arguments that follow (NULL-terminated) in the
** temporary directory; stdout is captured, or written to stdout_path.
** Fails the test when dtsim cannot be started.
*/
static void dt_to(const struct ctx *c, const char *stdout_path, struct proc_result *r, ...)
{
	char *argv[MAX_ARGS + 2];
	size_t n = 0;
	const char *a;
	va_list ap;

	argv[n++] = (char *)c->sb.dtsim;
	va_start(ap, r);
	while ((a = va_arg(ap, const char *)) != NULL && n <= MAX_ARGS)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, stdout_path, r), 0);
}

#define dt(c, r, ...) dt_to((c), NULL, (r), __VA_ARGS__, (const char *)NULL)

/* Fails the test, showing what dtsim printed, unless it exited with status. */
static void expect_status(const struct proc_result *r, int status)
{
	if (r->status != status) {
		print_error("exit status %d, expected %d\n--- stdout:\n%s--- stderr:\n%s---\n",
		            r->status, status, r->out, r->err);
		fail();
	}
}

/* Fails unless s contains sub. */
static void expect_in(const char *s, const char *sub)
{
	if (!strstr(s, sub)) {
		print_error("'%s' not found in:\n%s---\n", sub, s);
		fail();
	}
}

/* Fails unless the files at a and b exist and are byte-identical. */
static void expect_same_file(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	char *sa = proc_read_file(a, &na), *sb = proc_read_file(b, &nb);

	if (!sa || !sb || na != nb || memcmp(sa, sb, na) != 0) {
		print_error("%s and %s differ (or one is missing)\n", a, b);
		free(sa);
		free(sb);
		fail();
	}
	free(sa);
	free(sb);
}

/* A usage error: exit 2, nothing on stdout, exactly one line naming the
** mistake (prefixed "dtsim: ") and the Try line on stderr. `what` names
** the case when it fails. */
static void expect_usage_error(const struct proc_result *r, const char *what)
{
	const char *nl = strchr(r->err, '\n');

	if (r->status != 2 || r->outlen != 0 || proc_count_lines(r->err) != 2
	    || strncmp(r->err, "dtsim: ", 7) != 0 || !nl || strcmp(nl + 1, try_line) != 0) {
		print_error("%s: not a usage error: exit %d\n--- stdout:\n%s--- stderr:\n%s---\n",
		            what, r->status, r->out, r->err);
		fail();
	}
}

/* ---- setup ------------------------------------------------------------------ */

static int group_setup(void **state)
{
	static struct ctx c;
	char data[PATH_MAX + 32];

	if (proc_sandbox_enter(&c.sb, "test-cli") != 0)
		return -1;
	snprintf(data, sizeof data, "%s/tests/data/cli", c.sb.srcdir);
	if (!proc_exists(data) || symlink(data, "data") != 0) {
		fprintf(stderr, "test_cli: run from the source tree (%s not found)\n", data);
		proc_sandbox_leave(&c.sb);
		return -1;
	}
	*state = &c;
	return 0;
}

static int group_teardown(void **state)
{
	struct ctx *c = *state;

	return proc_sandbox_leave(&c->sb);
}

/* ---- help, version, usage errors --------------------------------------------- */

static void test_help(void **state)
{
	static const char *const cmds[][3] = {
		{ "--help", NULL, NULL }, { "-h", NULL, NULL }, { "help", NULL, NULL },
		{ "run", "--help", NULL }, { "check", "--help", NULL },
		{ "params", "--help", NULL }, { "help", "run", NULL },
		{ "compare", "--help", NULL }, { "help", "compare", NULL },
		{ "sensitivity", "--help", NULL }, { "help", "sensitivity", NULL },
		/* --help needs no scenario and ignores the operands */
		{ "run", "--help", "data/no_such_file.ini" },
	};
	const struct ctx *c = *state;

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		struct proc_result r;

		dt(c, &r, cmds[i][0], cmds[i][1], cmds[i][2]);
		expect_status(&r, 0);
		assert_int_equal(r.errlen, 0);
		expect_in(r.out, "Usage: dtsim");
		expect_in(r.out, "Exit status:");
		expect_in(r.out, "  2  bad input or usage");
		proc_result_free(&r);
	}
}

static void test_help_lists_options(void **state)
{
	const struct ctx *c = *state;
	static const char *const run_opts[] = {
		"--output=DIR", "--set=KEY=VALUE", "--years=N", "--dt=D", "--method=M",
		"--report-step=S", "--help",
	};
	struct proc_result r;

	dt(c, &r, "run", "--help");
	for (size_t i = 0; i < sizeof run_opts / sizeof run_opts[0]; i++)
		expect_in(r.out, run_opts[i]);
	proc_result_free(&r);
	dt(c, &r, "params", "--help");
	expect_in(r.out, "--markdown");
	proc_result_free(&r);
	dt(c, &r, "--help");
	expect_in(r.out, "\n  compare ");
	proc_result_free(&r);
	/* compare takes run's options and --rank, and lists the KPIs */
	dt(c, &r, "compare", "--help");
	for (size_t i = 0; i < sizeof run_opts / sizeof run_opts[0]; i++)
		expect_in(r.out, run_opts[i]);
	expect_in(r.out, "--rank=KPI");
	expect_in(r.out, "(default: " COMPARE_RANK_DEFAULT ")");
	expect_in(r.out, "\n  total_om_eur ");
	expect_in(r.out, "\n  target_year ");
	proc_result_free(&r);
	/* sensitivity: its own --method, no integration --method; the global
	** methods' options */
	dt(c, &r, "--help");
	expect_in(r.out, "\n  sensitivity\n");
	proc_result_free(&r);
	dt(c, &r, "sensitivity", "--help");
	for (size_t i = 0; i < sizeof run_opts / sizeof run_opts[0]; i++)
		if (strcmp(run_opts[i], "--method=M") != 0)
			expect_in(r.out, run_opts[i]);
	expect_in(r.out, "--method=M         the analysis: oat (the default), tornado, morris, sobol");
	expect_in(r.out, "--kpi=KPI[,KPI...]");
	expect_in(r.out, "--step=H");
	expect_in(r.out, "-n, --samples=N");
	expect_in(r.out, "--seed=S");
	expect_in(r.out, "--plot ");
	expect_in(r.out, "DIR/tornado.csv");
	expect_in(r.out, "DIR/morris.csv");
	expect_in(r.out, "DIR/sobol.csv");
	expect_in(r.out, "--set sim.method=M");
	proc_result_free(&r);
}

static void test_version(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	dt(c, &r, "--version");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	assert_true(strncmp(r.out, "dtsim " DTSIM_VERSION "\n", strlen("dtsim " DTSIM_VERSION "\n")) == 0);
	/* The model has a version of its own (models/modelversion.h). */
	expect_in(r.out, "\nmodel " MODEL_VERSION "\n");
	expect_in(r.out, "\nCopyright (C) 2026 the dtsim authors\n");
	expect_in(r.out, "\nLicense GPL-3.0-or-later\n");
	proc_result_free(&r);
}

static void test_usage_errors(void **state)
{
	static const char *const cmds[][4] = {
		{ NULL },
		{ "frobnicate" },
		{ "--frobnicate" },
		{ "-x" },
		{ "run" },
		{ "run", "--frobnicate", "data/good.ini" },
		{ "run", "-x", "data/good.ini" },
		{ "run", "data/good.ini", "-o" },
		{ "run", "--set" },
		{ "run", "-o", "", "data/good.ini" },
		{ "check" },
		{ "check", "-o", "x", "data/good.ini" },
		{ "params", "extra" },
		{ "params", "--markdown=yes" },
		{ "help", "frobnicate" },
		{ "compare" },
		{ "compare", "--rank" },
		{ "compare", "--rank", "nonsense", "data/good.ini" },
		{ "compare", "-o", "", "data/good.ini" },
		{ "check", "--rank", "total_om_eur", "data/good.ini" },
		{ "run", "--rank", "total_om_eur", "data/good.ini" },
		/* two inputs with the same id would write the same files */
		{ "run", "data/good.ini", "./data/good.ini" },
	};
	const struct ctx *c = *state;

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		struct proc_result r;
		char what[128];

		snprintf(what, sizeof what, "case %zu (%s %s ...)", i,
		         cmds[i][0] ? cmds[i][0] : "", cmds[i][0] && cmds[i][1] ? cmds[i][1] : "");
		dt(c, &r, cmds[i][0], cmds[i][1], cmds[i][2], cmds[i][3]);
		expect_usage_error(&r, what);
		proc_result_free(&r);
	}
	assert_false(proc_exists("out"));
}

/* ---- bad input: exit 2, a FILE:LINE diagnostic, nothing written --------------- */

struct bad_case {
	const char *args[5];    /* after "run -o bad-out" */
	const char *expect[3];  /* substrings of stderr */
};

static const struct bad_case bad_cases[] = {
	{ { "data/bad_section.ini" }, { "data/bad_section.ini:", "budgett" } },
	{ { "data/bad_key.ini" }, { "data/bad_key.ini:5: ", "it_base_euro", "budget.it_base_eur" } },
	{ { "data/bad_number.ini" }, { "data/bad_number.ini:5: ", "reserve_eur", "lots" } },
	{ { "data/bad_range.ini" }, { "data/bad_range.ini:5: ", "skill_initial", "1.385" } },
	{ { "data/bad_shares.ini" }, { "data/bad_shares.ini", "allocation" } },
	{ { "data/bad_schedule_missing.ini" },
	  { "data/bad_schedule_missing.ini:5: ", "no_such_schedule.csv" } },
	{ { "data/bad_schedule.ini" }, { "bad_schedule.csv:3: ", "literacy", "lots" } },
	{ { "data/cycle_a.ini" }, { "cycle_", "extends" } },
	{ { "data/no_such_file.ini" }, { "data/no_such_file.ini" } },
	{ { "data" }, { "data" } },  /* a directory, not a file */
	{ { "--set", "budget.nope=3", "data/good.ini" }, { "budget.nope" } },
	{ { "--set", "workforce.skill_initial", "data/good.ini" }, { "workforce.skill_initial" } },
	{ { "--set", "workforce.skill_initial=2.385", "data/good.ini" }, { "2.385" } },
	{ { "--years", "many", "data/good.ini" }, { "sim.years", "many" } },
	{ { "--method", "leapfrog", "data/good.ini" }, { "sim.method", "leapfrog", "rkf45" } },
	/* distributions (issue 12): each mistake at its line, what is allowed */
	{ { "data/bad_uncertainty.ini" }, { "data/bad_uncertainty.ini:6: legacy.om_rate = "
	  "triangular(0.15, 0.4, 0.3) has the mode 0.4 outside its bounds; allowed: 0.15 to 0.3",
	  "data/bad_uncertainty.ini:7: legacy.om_multiplier = trian(1.5, 2, 3) has an unknown "
	  "family 'trian'; allowed: off, uniform(a, b)",
	  "data/bad_uncertainty.ini:8: workforce.skill_initial = pert(0.2, 0.4, 1.385) has the "
	  "upper bound 1.385 outside the key's range; allowed: 0 to 1" } },
	{ { "data/bad_uncertainty.ini" }, { "data/bad_uncertainty.ini:9: adoption.q = "
	  "normal(0.3, 0) has sd 0; allowed: a number above 0",
	  "data/bad_uncertainty.ini:10: adoption.p = uniform(0.005) has 1 argument; "
	  "allowed: uniform(a, b)" } },
	{ { "data/bad_uncertainty_rule.ini" }, { "data/bad_uncertainty_rule.ini:10: "
	  "mandate.start_year = choice(2026:3, 2032:1) could break a rule between keys",
	  "mandate.start_year = 2032 is after mandate.deadline_year" } },
	{ { "--set", "uncertainty.legacy.om_rate=pert(0.3, 0.2, 0.1)", "data/good.ini" },
	  { "dtsim: --set uncertainty.legacy.om_rate: pert(0.3, 0.2, 0.1) has the lower bound "
	  "0.3 not below the upper bound 0.1" } },
	{ { "--set", "uncertainty.legacy.om_rat=off", "data/good.ini" },
	  { "--set uncertainty.legacy.om_rat: unknown key in [uncertainty]; did you mean "
	  "'legacy.om_rate'?" } },
	/* the funding instruments' bad inputs (issue 4) */
	{ { "data/bad_loan_rate.ini" }, { "data/bad_loan_rate.ini:7: ", "loan.kfw.interest_rate", "-0.5 to 1" } },
	{ { "data/bad_loan_term.ini" }, { "data/bad_loan_term.ini:7: ", "loan.kfw.term_years", "1 to 50" } },
	{ { "data/bad_grant_years.ini" }, { "data/bad_grant_years.ini:8: ", "grant.eu.last_year", "2029 or later" } },
	{ { "data/bad_cofunding.ini" }, { "data/bad_cofunding.ini:7: ", "grant.eu.cofunding_share", "0 to 0.95" } },
	{ { "--set", "loan.x.term_years=0", "data/good.ini" }, { "loan.x.term_years", "1 to 50" } },
	/* numbers (issue 8): one grammar, hints for common mistakes */
	{ { "data/bad_grouping.ini" }, { "data/bad_grouping.ini:5: budget.reserve_eur = "
	  "1.500 looks like German thousands grouping (1.500 = 1500); write 1500" } },
	{ { "data/bad_grouping_schedule.ini" }, { "data/bad_grouping_schedule.csv:3: column "
	  "'literacy': '1.500' looks like German thousands grouping (1.500 = 1500)" } },
	{ { "--set", "budget.reserve_eur=0x10", "data/good.ini" },
	  { "dtsim: --set budget.reserve_eur: 0x10 is not a number; allowed: " } },
	{ { "--set", "budget.growth_rate=nan", "data/good.ini" },
	  { "dtsim: --set budget.growth_rate: nan is not a number; allowed: " } },
	{ { "--set", "budget.reserve_eur=1e400", "data/good.ini" },
	  { "dtsim: --set budget.reserve_eur: 1e400 is too large; allowed: " } },
	{ { "--set", "budget.growth_rate=1e-400", "data/good.ini" },
	  { "dtsim: --set budget.growth_rate: 1e-400 is too small: rounds to 0; allowed: " } },
	{ { "--set", "budget.growth_rate=2,5", "data/good.ini" },
	  { "dtsim: --set budget.growth_rate: 2,5 is not a number; write a decimal point: 2.5; " } },
	{ { "--set", "allocation.literacy=35%", "data/good.ini" }, { "dtsim: --set "
	  "allocation.literacy: 35% is not a number; shares are fractions: write 0.35 for "
	  "35 %; " } },
	{ { "--set", "allocation.literacy=35", "data/good.ini" }, { "dtsim: --set "
	  "allocation.literacy: 35 is out of range; shares are fractions: write 0.35 for 35 %; " } },
	/* check rejects what run would reject; the key set last is blamed */
	{ { "--set", "sim.dt=1", "data/good.ini" }, { "dtsim: --set sim.dt: 1 is too long "
	  "a step for rk4: budget.drawdown_years = 0.25 gives a time constant of 0.25 yr" } },
	{ { "--set", "procurement.delay_years=0.05", "data/good.ini" }, { "dtsim: --set "
	  "procurement.delay_years: 0.05 is out of range; allowed: 0.25 to 10 (yr)" } },
	{ { "--method=euler", "--dt=0.125", "--set=procurement.delay_years=0.3",
	    "data/good.ini" }, { "dtsim: --set procurement.delay_years: 0.3 is too short "
	    "for sim.dt = 0.125 with euler: it gives 3 stages of 0.1 yr each" } },
	{ { "--set", "mandate.start_year=2200", "data/good.ini" }, { "dtsim: --set "
	  "mandate.start_year: 2200 is after mandate.deadline_year = 2030 (the default); "
	  "allowed: 2030 or earlier\n" } },
	/* one bad file among good ones: nothing is written for any */
	{ { "data/good.ini", "data/bad_range.ini", "data/other.ini" }, { "data/bad_range.ini:5: " } },
};

/* Every line on stderr is a diagnostic: "FILE:..." or "dtsim: ...". */
static void expect_diagnostics(const char *err)
{
	for (const char *s = err; *s; ) {
		const char *nl = strchr(s, '\n');

		if (strncmp(s, "dtsim: ", 7) != 0 && strncmp(s, "data", 4) != 0
		    && strncmp(s, "/", 1) != 0) {
			print_error("not a diagnostic line: %s", s);
			fail();
		}
		if (!nl)
			break;
		s = nl + 1;
	}
}

static void test_bad_input(void **state)
{
	const struct ctx *c = *state;

	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *b = &bad_cases[i];
		struct proc_result r;

		dt(c, &r, "run", "-o", "bad-out/nested", b->args[0], b->args[1], b->args[2],
		   b->args[3], b->args[4]);
		expect_status(&r, 2);
		assert_int_equal(r.outlen, 0);
		assert_true(r.errlen > 0);
		for (size_t k = 0; k < 3 && b->expect[k]; k++)
			expect_in(r.err, b->expect[k]);
		expect_diagnostics(r.err);
		assert_false(proc_exists("bad-out"));
		proc_result_free(&r);
	}
}

static void test_unreadable(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	FILE *f;

	if (geteuid() == 0)
		skip(); /* root reads a file of mode 000; the directory case covers it */
	f = fopen("secret.ini", "w");
	assert_non_null(f);
	fputs("[sim]\nyears = 3\n", f);
	fclose(f);
	assert_int_equal(chmod("secret.ini", 0), 0);
	dt(c, &r, "run", "-o", "bad-out", "secret.ini");
	expect_status(&r, 2);
	expect_in(r.err, "secret.ini");
	assert_false(proc_exists("bad-out"));
	proc_result_free(&r);
	remove("secret.ini");
}

static void test_every_error_reported(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	/* Two bad files: both are named, not only the first. */
	dt(c, &r, "run", "-o", "bad-out", "data/bad_key.ini", "data/bad_range.ini");
	expect_status(&r, 2);
	expect_in(r.err, "data/bad_key.ini:5: ");
	expect_in(r.err, "data/bad_range.ini:5: ");
	proc_result_free(&r);

	/* A bad --set is one mistake, said once, however many scenarios. */
	dt(c, &r, "run", "-o", "bad-out", "--set", "budget.nope=3", "data/good.ini",
	   "data/other.ini");
	expect_status(&r, 2);
	assert_int_equal(proc_count_lines(r.err), 1);
	proc_result_free(&r);
	assert_false(proc_exists("bad-out"));
}

/*
** Every mistake of a scenario, in order (README "Errors"): its lines in
** file order, then --set, then the rules between keys; check and run say
** the same, exit 2 and write nothing. A file with more mistakes than
** ERR_LIST_MAX (20) shows the first 20 and counts the rest.
*/
static void test_all_mistakes(void **state)
{
	static const char three[] =
		"data/bad_three.ini:7: syntax error; allowed: '[section]', 'key = value' "
		"or a comment starting with ';' or '#'\n"
		"data/bad_three.ini:8: budget.cost_inflation = 2,5e-2 is not a number; "
		"write a decimal point: 2.5e-2; allowed: -0.5 to 0.5 (1/yr)\n"
		"data/bad_three.ini:11: allocation.literacy = 12 is out of range; shares "
		"are fractions: write 0.12 for 12 %; allowed: 0 to 1\n"
		"dtsim: --set sim.dt: 0,25 is not a number; write a decimal point: 0.25; "
		"allowed: 0.0001 to 1 (year)\n"
		"dtsim: --set mandate.start_year: 2200 is after mandate.deadline_year = "
		"2030 (the default); allowed: 2030 or earlier\n";
	static const char *const cmds[] = { "check", "run" };
	const struct ctx *c = *state;
	struct proc_result r;
	FILE *f;

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		dt(c, &r, cmds[i], "-o", "bad-out", "--set", "sim.dt=0,25", "--set",
		   "mandate.start_year=2200", "data/bad_three.ini");
		if (strcmp(cmds[i], "check") == 0) {
			proc_result_free(&r);
			dt(c, &r, cmds[i], "--set", "sim.dt=0,25", "--set",
			   "mandate.start_year=2200", "data/bad_three.ini");
		}
		expect_status(&r, 2);
		assert_int_equal(r.outlen, 0);
		assert_string_equal(r.err, three);
		proc_result_free(&r);
	}
	/* 23 lines that are not key = value: 20 shown, 3 counted. */
	f = fopen("many.ini", "w");
	assert_non_null(f);
	fputs("[sim]\n", f);
	for (int i = 0; i < 23; i++)
		fputs("years 2\n", f);
	assert_int_equal(fclose(f), 0);
	dt(c, &r, "run", "-o", "bad-out", "many.ini");
	expect_status(&r, 2);
	assert_int_equal(proc_count_lines(r.err), 21);
	expect_in(r.err, "many.ini:2: syntax error");
	expect_in(r.err, "many.ini:21: syntax error");
	assert_null(strstr(r.err, "many.ini:22:"));
	expect_in(r.err, "\nmany.ini: ... and 3 more mistakes (the first 20 are shown)\n");
	proc_result_free(&r);
	assert_int_equal(unlink("many.ini"), 0);
	assert_false(proc_exists("bad-out"));
}

/* ---- good runs ------------------------------------------------------------------ */

/* The file at path with every double quote removed (owned by the caller):
** CSV text as a reader sees it, whether or not the writer quotes fields
** (none of these fields holds a quote or a comma). */
static char *read_csv_unquoted(const char *path)
{
	char *s = proc_read_file(path, NULL), *w;

	assert_non_null(s);
	w = s;
	for (const char *r = s; *r; r++)
		if (*r != '"')
			*w++ = *r;
	*w = '\0';
	return s;
}

static const char core_header[] =
	"year,cash_eur,workforce_skill,legacy_share,change_resistance,service_maturity,"
	"citizen_adoption,om_share,investment_eur,savings_eur";

static void test_good_run(void **state)
{
	const struct ctx *c = *state;
	static const char *const files[] = {
		"good-out/deeper/good.csv", "good-out/deeper/good.params.ini",
		"good-out/deeper/other.csv", "good-out/deeper/other.params.ini",
		"good-out/deeper/summary.csv",
	};
	struct proc_result r;
	char *csv, *sum;

	dt(c, &r, "run", "-o", "good-out/deeper", "data/good.ini", "data/other.ini");
	expect_status(&r, 0);
	assert_int_equal(r.outlen, 0);
	assert_int_equal(r.errlen, 0); /* no progress: stderr is not a terminal */
	proc_result_free(&r);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		assert_true(proc_exists(files[i]));

	csv = read_csv_unquoted("good-out/deeper/good.csv");
	assert_true(strncmp(csv, core_header, strlen(core_header)) == 0);
	/* six fiscal years, yearly rows, and the header */
	assert_int_equal(proc_count_lines(csv), 7);
	expect_in(csv, "\n2026,");
	expect_in(csv, "\n2031,");
	free(csv);

	sum = read_csv_unquoted("good-out/deeper/summary.csv");
	assert_true(strncmp(sum, "scenario,", 9) == 0);
	assert_int_equal(proc_count_lines(sum), 3);
	expect_in(sum, "\ngood,");
	expect_in(sum, "\nother,");
	free(sum);

	/* Only the files of the run and the lock: no temporary left behind. */
	dt(c, &r, "run", "-o", "good-out/deeper", "data/good.ini", "data/other.ini");
	proc_result_free(&r);
	{
		char *argv[] = { (char *)"/bin/sh", (char *)"-c",
		                 (char *)"LC_ALL=C ls -A good-out/deeper | tr '\\n' ' '", NULL };
		assert_int_equal(proc_run(argv, NULL, &r), 0);
		assert_string_equal(r.out, ".dtsim.lock good.csv good.params.ini manifest.csv"
		                    " other.csv other.params.ini summary.csv ");
		proc_result_free(&r);
	}
}

/*
** The reference scenario: --baseline must name a scenario given (a usage
** error before anything is written); scenario.reference in a file names
** one, recorded in manifest.csv, or none when the run lacks it (with a
** warning at its line when charts are drawn); --baseline wins over the
** files.
*/
static void test_reference(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	char *man;
	FILE *f;

	dt(c, &r, "run", "-o", "ref-bad", "--baseline", "nope", "data/good.ini", "data/other.ini");
	expect_usage_error(&r, "--baseline nope");
	expect_in(r.err, "--baseline nope: no scenario given has that id");
	proc_result_free(&r);
	assert_false(proc_exists("ref-bad"));
	f = fopen("refd.ini", "w");
	assert_non_null(f);
	fputs("[scenario]\nextends = data/good.ini\nreference = other\n", f);
	assert_int_equal(fclose(f), 0);
	dt(c, &r, "run", "-o", "ref-out", "refd.ini", "data/other.ini");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	man = read_csv_unquoted("ref-out/manifest.csv");
	expect_in(man, "\nrefd,");
	expect_in(man, ",other,0.");
	free(man);
	/* Alone: no reference recorded, and a warning at the line when charts
	** are drawn (a replay of a params.ini runs quietly). */
	dt(c, &r, "run", "-o", "ref-alone", "refd.ini");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	man = read_csv_unquoted("ref-alone/manifest.csv");
	assert_null(strstr(man, ",other,"));
	free(man);
	dt(c, &r, "run", "--plot", "-o", "ref-alone", "refd.ini");
	expect_status(&r, 0);
	expect_in(r.err, "refd.ini:3: warning: scenario.reference: 'other' is not among the"
	          " scenarios of this run, so refd's charts have no reference line");
	assert_int_equal(proc_count_lines(r.err), 1);
	proc_result_free(&r);
	/* --baseline for every scenario, the reference itself included. */
	dt(c, &r, "run", "-o", "ref-base", "--baseline", "good", "refd.ini", "data/good.ini");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	man = read_csv_unquoted("ref-base/manifest.csv");
	assert_null(strstr(man, ",other,"));
	assert_int_equal(proc_count_lines(man), 3);
	assert_non_null(strstr(strstr(man, ",good,0.") + 1, ",good,0."));
	free(man);
	/* compare --lang de names each scenario by its name_de. */
	f = fopen("dename.ini", "w");
	assert_non_null(f);
	fputs("[scenario]\nextends = data/good.ini\nname = Plan Alpha\nname_de = Plan Ahorn\n", f);
	assert_int_equal(fclose(f), 0);
	dt(c, &r, "compare", "--lang", "de", "-o", "cmp-de", "dename.ini", "data/other.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	man = proc_read_file("cmp-de/comparison.md", NULL);
	assert_non_null(man);
	expect_in(man, "Plan Ahorn");
	assert_null(strstr(man, "Plan Alpha"));
	free(man);
	/* plot --baseline must name a scenario of DIR; nothing is written. */
	dt(c, &r, "plot", "--baseline", "other", "ref-base");
	expect_usage_error(&r, "plot --baseline other");
	proc_result_free(&r);
	assert_false(proc_exists("ref-base/plots"));
}

static void test_reproducible(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	dt(c, &r, "run", "-o", "rep1", "data/good.ini", "data/other.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	dt(c, &r, "run", "-o", "rep2", "data/other.ini", "data/good.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	/* Two runs are byte-identical, whatever the order of the inputs. */
	expect_same_file("rep1/good.csv", "rep2/good.csv");
	expect_same_file("rep1/other.csv", "rep2/other.csv");
	expect_same_file("rep1/good.params.ini", "rep2/good.params.ini");

	/* The resolved scenario reproduces the run byte for byte (its id is
	** "good.params", so its CSV is good.params.csv). */
	dt(c, &r, "run", "-o", "rep3", "rep1/good.params.ini", "rep1/other.params.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_same_file("rep1/good.csv", "rep3/good.params.csv");
	expect_same_file("rep1/other.csv", "rep3/other.params.csv");
}

static void test_set_and_shorthands(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	char *csv;

	/* --years is --set sim.years: three rows and the header. */
	dt(c, &r, "run", "-o", "short", "--years", "3", "data/good.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	csv = proc_read_file("short/good.csv", NULL);
	assert_non_null(csv);
	assert_int_equal(proc_count_lines(csv), 4);
	free(csv);

	/* The long form gives the same bytes; the last assignment wins. */
	dt(c, &r, "run", "-o", "long", "--set", "sim.years=5", "--set=sim.years=3",
	   "data/good.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_same_file("short/good.csv", "long/good.csv");

	/* Options may follow the operands; a quarterly report step gives 4 rows a year. */
	dt(c, &r, "run", "data/good.ini", "-o", "quarterly", "--years=2", "--report-step",
	   "0.25", "--dt", "0.0625", "--method", "euler");
	expect_status(&r, 0);
	proc_result_free(&r);
	csv = proc_read_file("quarterly/good.csv", NULL);
	assert_non_null(csv);
	assert_int_equal(proc_count_lines(csv), 9);
	free(csv);
}

static void test_failed_run(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	char *sum;

	/* The failed run is named; the good one is still written; exit 1. */
	dt(c, &r, "run", "-o", "fail-out", "data/fail_euler.ini", "data/good.ini");
	expect_status(&r, 1);
	assert_int_equal(r.outlen, 0);
	assert_int_equal(proc_count_lines(r.err), 1);
	expect_in(r.err, "dtsim: fail_euler: ");
	expect_in(r.err, "change_resistance");
	proc_result_free(&r);
	assert_false(proc_exists("fail-out/fail_euler.csv"));
	assert_false(proc_exists("fail-out/fail_euler.params.ini"));
	assert_true(proc_exists("fail-out/good.csv"));
	assert_true(proc_exists("fail-out/good.params.ini"));
	sum = read_csv_unquoted("fail-out/summary.csv");
	assert_int_equal(proc_count_lines(sum), 2);
	expect_in(sum, "\ngood,");
	free(sum);

	/* When every run fails there is no summary either. */
	dt(c, &r, "run", "-o", "fail-all", "data/fail_euler.ini");
	expect_status(&r, 1);
	proc_result_free(&r);
	assert_false(proc_exists("fail-all/summary.csv"));
}

static void test_output_dir_not_creatable(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	FILE *f = fopen("a-file", "w");

	assert_non_null(f);
	fclose(f);
	/* A runtime failure, not bad input: exit 1. */
	dt(c, &r, "run", "-o", "a-file/sub", "data/good.ini");
	expect_status(&r, 1);
	expect_in(r.err, "dtsim: cannot create directory 'a-file/sub'");
	proc_result_free(&r);
}

/* ---- compare ---------------------------------------------------------------------- */

/*
** The value in column `col` of the row whose first field is `id`, in CSV
** text without quotes and commas inside fields (read_csv_unquoted). An
** empty field is NaN. Fails the test when the row or column is missing.
*/
static double csv_value(const char *csv, const char *id, const char *col)
{
	const char *row = NULL;
	size_t idx = 0, idlen = strlen(id), collen = strlen(col);
	char *end;

	for (const char *h = csv; *h && *h != '\n'; idx++) {
		if (strncmp(h, col, collen) == 0 && (h[collen] == ',' || h[collen] == '\n'))
			break;
		h = strchr(h, ',');
		assert_non_null(h);
		h++;
	}
	for (const char *s = strchr(csv, '\n'); s; s = strchr(s + 1, '\n'))
		if (strncmp(s + 1, id, idlen) == 0 && s[1 + idlen] == ',') {
			row = s + 1;
			break;
		}
	assert_non_null(row);
	for (; idx > 0; idx--) {
		row = strchr(row, ',');
		assert_non_null(row);
		row++;
	}
	if (*row == ',' || *row == '\n')
		return NAN;
	return strtod(row, &end);
}

static void test_compare(void **state)
{
	const struct ctx *c = *state;
	static const char *const files[] = {
		"cmp-out/good.csv", "cmp-out/good.params.ini", "cmp-out/other.csv",
		"cmp-out/other.params.ini", "cmp-out/summary.csv", "cmp-out/comparison.csv",
		"cmp-out/comparison.md",
	};
	static const char *const order[][2] = { { "good", "other" }, { "other", "good" } };
	struct proc_result r;
	char *sum, *cmp, *md, line[128];
	double mg, mo;
	size_t first;

	dt(c, &r, "compare", "-o", "cmp-out", "--rank", "end_service_maturity",
	   "data/good.ini", "data/other.ini");
	expect_status(&r, 0);
	assert_int_equal(r.outlen, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		assert_true(proc_exists(files[i]));

	/* The run's part is `dtsim run`'s, byte for byte. */
	dt(c, &r, "run", "-o", "cmp-run", "data/good.ini", "data/other.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_same_file("cmp-out/summary.csv", "cmp-run/summary.csv");
	expect_same_file("cmp-out/good.csv", "cmp-run/good.csv");

	/* The higher end_service_maturity of summary.csv comes first. */
	sum = read_csv_unquoted("cmp-out/summary.csv");
	mg = csv_value(sum, "good", "end_service_maturity");
	mo = csv_value(sum, "other", "end_service_maturity");
	assert_true(mg != mo);
	first = mg > mo ? 0 : 1;
	cmp = read_csv_unquoted("cmp-out/comparison.csv");
	assert_true(strncmp(cmp, "rank,scenario,name,end_cash_eur,", 32) == 0);
	assert_int_equal(proc_count_lines(cmp), 3);
	snprintf(line, sizeof line, "\n1,%s,CLI %s,", order[first][0], order[first][0]);
	expect_in(cmp, line);
	snprintf(line, sizeof line, "\n2,%s,CLI %s,", order[first][1], order[first][1]);
	expect_in(cmp, line);
	assert_true(strstr(cmp, "\n1,") < strstr(cmp, "\n2,"));
	free(cmp);
	free(sum);

	md = proc_read_file("cmp-out/comparison.md", NULL);
	assert_non_null(md);
	expect_in(md, "`end_service_maturity`");
	snprintf(line, sizeof line, "\n| 1 | CLI %s | yes |", order[first][0]);
	expect_in(md, line);
	free(md);

	/* Without --rank: the default KPI, whichever it is. */
	dt(c, &r, "compare", "-o", "cmp-def", "data/good.ini", "data/other.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	dt(c, &r, "compare", "-o", "cmp-def2", "--rank", COMPARE_RANK_DEFAULT, "data/good.ini",
	   "data/other.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_same_file("cmp-def/comparison.csv", "cmp-def2/comparison.csv");
	expect_same_file("cmp-def/comparison.md", "cmp-def2/comparison.md");

	/* The other direction: lower O&M first. */
	dt(c, &r, "compare", "-o", "cmp-om", "--rank=total_om_eur", "data/good.ini",
	   "data/other.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	sum = read_csv_unquoted("cmp-om/summary.csv");
	first = csv_value(sum, "good", "total_om_eur") < csv_value(sum, "other", "total_om_eur")
	        ? 0 : 1;
	free(sum);
	cmp = read_csv_unquoted("cmp-om/comparison.csv");
	snprintf(line, sizeof line, "\n1,%s,", order[first][0]);
	expect_in(cmp, line);
	free(cmp);
	md = proc_read_file("cmp-om/comparison.md", NULL);
	assert_non_null(md);
	expect_in(md, "`total_om_eur`");
	expect_in(md, "lower is better");
	free(md);
}

static void test_compare_bad(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	FILE *f;

	/* An unknown KPI: a usage error that lists the KPIs; nothing written. */
	dt(c, &r, "compare", "-o", "cmp-bad", "--rank", "nonsense", "data/good.ini");
	expect_usage_error(&r, "compare --rank nonsense");
	expect_in(r.err, "'nonsense'");
	expect_in(r.err, "end_service_maturity");
	expect_in(r.err, "total_om_eur");
	proc_result_free(&r);
	assert_false(proc_exists("cmp-bad"));

	/* A bad scenario: FILE:LINE, exit 2, nothing written for any. */
	dt(c, &r, "compare", "-o", "cmp-bad", "data/good.ini", "data/bad_range.ini");
	expect_status(&r, 2);
	assert_int_equal(r.outlen, 0);
	expect_in(r.err, "data/bad_range.ini:5: ");
	expect_diagnostics(r.err);
	proc_result_free(&r);
	assert_false(proc_exists("cmp-bad"));

	/* comparison.ini would write comparison.csv: a usage error, for every
	** command that writes results (the reserved names are one table). */
	f = fopen("comparison.ini", "w");
	assert_non_null(f);
	fputs("[sim]\nyears = 3\n", f);
	fclose(f);
	dt(c, &r, "compare", "-o", "cmp-bad", "comparison.ini");
	expect_usage_error(&r, "compare comparison.ini");
	expect_in(r.err, "comparison.ini: the scenario id 'comparison' is reserved");
	proc_result_free(&r);
	assert_false(proc_exists("cmp-bad"));
	dt(c, &r, "run", "-o", "cmp-bad", "comparison.ini");
	expect_usage_error(&r, "run comparison.ini");
	expect_in(r.err, "reserved for the files of a whole run");
	proc_result_free(&r);
	assert_false(proc_exists("cmp-bad"));
	remove("comparison.ini");

	/* --baseline names a scenario compared; --columns a known column, at
	** most 8: usage errors that say what is allowed, nothing written. */
	dt(c, &r, "compare", "-o", "cmp-bad", "--baseline", "nonsense", "data/good.ini",
	   "data/other.ini");
	expect_usage_error(&r, "compare --baseline nonsense");
	expect_in(r.err, "--baseline nonsense: no scenario given has that id; allowed: good, other");
	proc_result_free(&r);
	assert_false(proc_exists("cmp-bad"));
	dt(c, &r, "compare", "-o", "cmp-bad", "--columns", "rank,nonsense", "data/good.ini");
	expect_usage_error(&r, "compare --columns rank,nonsense");
	expect_in(r.err, "unknown column 'nonsense'; allowed: rank, scenario, name, end_cash_eur");
	proc_result_free(&r);
	assert_false(proc_exists("cmp-bad"));
	dt(c, &r, "compare", "-o", "cmp-bad", "--columns", "delta_pv_cost_eur", "data/good.ini");
	expect_usage_error(&r, "compare --columns delta_pv_cost_eur");
	expect_in(r.err, "needs a reference: --baseline, or scenario.reference");
	proc_result_free(&r);
	assert_false(proc_exists("cmp-bad"));
}

/*
** The funding strategies of the bundled scenarios, against the baseline.
** grant_cofunding has the best PV net benefit of the four but a funding gap
** and shortfall years: it is infeasible (MODEL.md 12.7) and must rank after
** the three feasible ones (dtsim 0.3 ranked it first). Every delta_<kpi> is
** the row's KPI less the baseline's, and the burden tables hold the sums of
** each fiscal year's rows of ID.csv.
*/
static void test_compare_council(void **state)
{
	const struct ctx *c = *state;
	static const char *const ids[] = { "pay_as_you_go", "borrow_to_invest", "grant_cofunding",
	                                   "as_a_service", "baseline" };
	char paths[5][PATH_MAX + 64], line[256];
	struct proc_result r;
	char *cmp, *md, *csv, *sum;

	for (size_t i = 0; i < 5; i++)
		snprintf(paths[i], sizeof paths[i], "%s/scenarios/%s.ini", c->sb.srcdir, ids[i]);
	dt(c, &r, "compare", "-o", "cmp-council", "--baseline", "baseline", paths[0], paths[1],
	   paths[2], paths[3], paths[4]);
	expect_status(&r, 0);
	proc_result_free(&r);
	cmp = read_csv_unquoted("cmp-council/comparison.csv");
	assert_true(csv_value(cmp, "5", "feasible") == 0);
	expect_in(cmp, "\n5,grant_cofunding,");
	assert_null(strstr(cmp, "\n1,grant_cofunding,"));
	assert_true(csv_value(cmp, "5", "total_funding_gap_eur") > 0);
	assert_true(csv_value(cmp, "5", "shortfall_years") > 0);
	for (size_t rank = 1; rank <= 4; rank++) {
		char key[24];

		snprintf(key, sizeof key, "%zu", rank);
		assert_true(csv_value(cmp, key, "feasible") == 1);
	}
	/* by value alone it would come before the other three funding strategies */
	sum = read_csv_unquoted("cmp-council/summary.csv");
	for (size_t i = 0; i < 4; i++)
		if (i != 2)
			assert_true(csv_value(sum, "grant_cofunding", "pv_net_benefit_eur")
			            > csv_value(sum, ids[i], "pv_net_benefit_eur"));
	assert_true(csv_value(sum, "grant_cofunding", "feasible") == 0);
	assert_true(csv_value(sum, "pay_as_you_go", "feasible") == 1);
	free(sum);
	/* the baseline's row: its differences are 0; another's, the difference */
	for (size_t rank = 1; rank <= 5; rank++) {
		char key[24];
		double pv, base;

		snprintf(key, sizeof key, "%zu", rank);
		pv = csv_value(cmp, key, "pv_cost_eur");
		base = csv_value(cmp, "1", "pv_cost_eur");   /* the baseline ranks first */
		assert_true(csv_value(cmp, key, "delta_pv_cost_eur") == pv - base);
	}
	expect_in(cmp, "\n1,baseline,");
	free(cmp);

	md = proc_read_file("cmp-council/comparison.md", NULL);
	assert_non_null(md);
	expect_in(md, "Not feasible: Grant with co-funding.");
	expect_in(md, "\n| 5 | Grant with co-funding | no |");
	expect_in(md, "against the reference scenario Baseline (baseline).");
	expect_in(md, "\n## Debt service per budget year (M EUR)\n");
	free(md);

	/* Burden: each fiscal year's debt service in the table is the sum of
	** that year's rows, rounded as shown (M EUR, 2 decimals). */
	csv = read_csv_unquoted("cmp-council/borrow_to_invest.csv");
	md = proc_read_file("cmp-council/comparison.md", NULL);
	assert_non_null(md);
	{
		const char *t = strstr(md, "## Debt service per budget year");
		const char *row;
		double total = 0;

		assert_non_null(t);
		row = strstr(t, "\n| Borrow to invest |");
		assert_non_null(row);
		for (int y = 2026; y <= 2040; y++) {
			char year[16];

			snprintf(year, sizeof year, "%d", y);
			total += csv_value(csv, year, "debt_service_eur");
		}
		snprintf(line, sizeof line, "\n| Borrow to invest | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |",
		         csv_value(csv, "2026", "debt_service_eur") * 1e-6,
		         csv_value(csv, "2027", "debt_service_eur") * 1e-6,
		         csv_value(csv, "2028", "debt_service_eur") * 1e-6,
		         csv_value(csv, "2029", "debt_service_eur") * 1e-6,
		         csv_value(csv, "2030", "debt_service_eur") * 1e-6, total * 1e-6);
		assert_true(row == strstr(t, line));
		assert_true(total > 0);
	}
	free(md);
	free(csv);

	/* burden.csv with quarterly rows: each fiscal year's value is the sum of
	** that year's four rows of borrow_to_invest.csv, to the bit (the same
	** additions in the same order). */
	dt(c, &r, "compare", "-o", "cmp-burden", "--report-step", "0.25", paths[1], paths[4]);
	expect_status(&r, 0);
	proc_result_free(&r);
	csv = read_csv_unquoted("cmp-burden/borrow_to_invest.csv");
	md = read_csv_unquoted("cmp-burden/burden.csv");
	assert_true(strncmp(md, "scenario,name,year,own_cost_eur,debt_service_eur,"
	                    "service_fees_eur,grants_eur\n", 75) == 0);
	{
		static const char *const cols[] = { "own_cost_eur", "debt_service_eur",
		                                    "service_fees_eur", "grants_eur" };
		size_t years = 0;

		for (const char *l = strchr(md, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
			const char *f = l + 1;
			double year, want[4] = { 0, 0, 0, 0 };
			char *end;

			if (strncmp(f, "borrow_to_invest,Borrow to invest,", 34) != 0)
				continue;
			year = strtod(f + 34, &end);
			for (int q = 0; q < 4; q++) {
				char key[32];

				snprintf(key, sizeof key, "%.2f", year + 0.25 * q);
				/* the quarter's label as the CSV writes it: 2027, 2027.25, ... */
				for (char *z = key + strlen(key) - 1; *z == '0'; z--)
					*z = '\0';
				if (key[strlen(key) - 1] == '.')
					key[strlen(key) - 1] = '\0';
				for (int i = 0; i < 4; i++)
					want[i] += csv_value(csv, key, cols[i]);
			}
			for (int i = 0; i < 4; i++) {
				double got = strtod(end + 1, &end);

				assert_true(got == want[i]);
			}
			years++;
		}
		assert_int_equal(years, 15);
	}
	free(md);
	free(csv);

	/* German, transposed: 5 strategies fit one table beside the labels. */
	dt(c, &r, "compare", "-o", "cmp-council-de", "--lang", "de", "--transpose",
	   "--columns", "rank,name,feasible,pv_cost_eur", paths[0], paths[2]);
	expect_status(&r, 0);
	proc_result_free(&r);
	md = proc_read_file("cmp-council-de/comparison.md", NULL);
	assert_non_null(md);
	expect_in(md, "# Szenarienvergleich\n");
	/* The scenarios' German names (name_de). */
	expect_in(md, "\n| Kennzahl | Aus dem laufenden Haushalt | F\xc3\xb6rderung mit Eigenanteil"
	          " (nicht finanzierbar) |\n");
	expect_in(md, "\n| Finanzierbar | ja | nein |\n");
	expect_in(md, "Jahresendkonvention");
	free(md);

	/* Without --baseline, the reference that the scenarios name
	** (scenario.reference = baseline in the funding strategies). */
	dt(c, &r, "compare", "-o", "cmp-council-ref", paths[0], paths[4]);
	expect_status(&r, 0);
	proc_result_free(&r);
	cmp = read_csv_unquoted("cmp-council-ref/comparison.csv");
	expect_in(cmp, ",delta_pv_cost_eur,");
	assert_true(csv_value(cmp, "2", "delta_pv_cost_eur")
	            == csv_value(cmp, "2", "pv_cost_eur") - csv_value(cmp, "1", "pv_cost_eur"));
	free(cmp);

	/* Scenarios that name different references: none, and a warning. */
	{
		FILE *f = fopen("ref1.ini", "w");

		assert_non_null(f);
		fputs("[scenario]\nextends = data/good.ini\nreference = good\n", f);
		fclose(f);
		f = fopen("ref2.ini", "w");
		assert_non_null(f);
		fputs("[scenario]\nextends = data/good.ini\nreference = ref1\n", f);
		fclose(f);
	}
	dt(c, &r, "compare", "-o", "cmp-council-refs", "data/good.ini", "ref1.ini", "ref2.ini");
	expect_status(&r, 0);
	expect_in(r.err, "dtsim: warning: compare: the scenarios name different references"
	          " (scenario.reference: good, ref1); the comparison has none; give --baseline\n");
	proc_result_free(&r);
	cmp = read_csv_unquoted("cmp-council-refs/comparison.csv");
	assert_null(strstr(cmp, "delta_"));
	free(cmp);
	remove("ref1.ini");
	remove("ref2.ini");

	/* The WiBe convention, set for every scenario: the note says so. */
	dt(c, &r, "compare", "-o", "cmp-council-wibe", "--set", "finance.discounting=wibe",
	   paths[0]);
	expect_status(&r, 0);
	proc_result_free(&r);
	md = proc_read_file("cmp-council-wibe/comparison.md", NULL);
	assert_non_null(md);
	expect_in(md, "the first year is undiscounted (WiBe 5.0 convention");
	free(md);
}

static void test_compare_failed_run(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	char *cmp;

	/* A failed run is left out of the comparison; exit 1. */
	dt(c, &r, "compare", "-o", "cmp-fail", "data/fail_euler.ini", "data/good.ini");
	expect_status(&r, 1);
	expect_in(r.err, "dtsim: fail_euler: ");
	proc_result_free(&r);
	cmp = read_csv_unquoted("cmp-fail/comparison.csv");
	assert_int_equal(proc_count_lines(cmp), 2);
	expect_in(cmp, "\n1,good,");
	free(cmp);
	assert_true(proc_exists("cmp-fail/comparison.md"));

	/* When every run fails there is no comparison either. */
	dt(c, &r, "compare", "-o", "cmp-fail-all", "data/fail_euler.ini");
	expect_status(&r, 1);
	proc_result_free(&r);
	assert_false(proc_exists("cmp-fail-all/comparison.csv"));
	assert_false(proc_exists("cmp-fail-all/comparison.md"));
}

/* ---- versions ------------------------------------------------------------------------ */

/* Every output records which dtsim and which model wrote it: the resolved
** scenario in its second comment line, the manifest in its last two
** columns, in every row. */
static void test_versions_recorded(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	char *ini, *man, line[128];
	const char *row;

	dt(c, &r, "run", "-o", "ver-out", "data/good.ini", "data/other.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	ini = proc_read_file("ver-out/good.params.ini", NULL);
	assert_non_null(ini);
	snprintf(line, sizeof line, "\n; written by dtsim %s, model %s\n", DTSIM_VERSION,
	         MODEL_VERSION);
	expect_in(ini, line);
	assert_true(strstr(ini, line) == strchr(ini, '\n'));
	free(ini);
	man = read_csv_unquoted("ver-out/manifest.csv");
	row = strchr(man, '\n');
	assert_non_null(row);
	assert_true(strncmp(row - strlen(",dtsim_version,model_version"),
	                    ",dtsim_version,model_version", 28) == 0);
	snprintf(line, sizeof line, ",%s,%s\n", DTSIM_VERSION, MODEL_VERSION);
	assert_int_equal(proc_count_lines(man), 3);
	for (int i = 0; i < 2; i++) {
		const char *end = strchr(row + 1, '\n');

		assert_non_null(end);
		assert_true(strncmp(end + 1 - strlen(line), line, strlen(line)) == 0);
		row = end;
	}
	free(man);
	/* The comment does not change what the resolved scenario runs. */
	dt(c, &r, "run", "-o", "ver-replay", "ver-out/good.params.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_same_file("ver-out/good.csv", "ver-replay/good.params.csv");
}

/* ---- sensitivity ------------------------------------------------------------------------ */

/* The fields of line `n` (1 = the header) of CSV text without quotes and
** without commas inside fields, as a new string. */
static char *csv_line(const char *csv, size_t n)
{
	const char *s = csv;
	size_t len;
	char *out;

	for (size_t i = 1; i < n && s; i++) {
		s = strchr(s, '\n');
		s = s ? s + 1 : NULL;
	}
	assert_non_null(s);
	len = strcspn(s, "\n");
	out = malloc(len + 1);
	assert_non_null(out);
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

static void test_sensitivity(void **state)
{
	const struct ctx *c = *state;
	static const char *const files[] = {
		"sens-out/good.csv", "sens-out/good.params.ini", "sens-out/summary.csv",
		"sens-out/manifest.csv", "sens-out/sensitivity.csv", "sens-out/sensitivity.md",
	};
	struct proc_result r;
	char *csv, *md, *head, *first, end[64];

	dt(c, &r, "sensitivity", "--method", "oat", "-o", "sens-out", "--kpi",
	   "total_om_eur,end_service_maturity", "--step", "0.1385", "data/good.ini");
	expect_status(&r, 0);
	assert_int_equal(r.outlen, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		assert_true(proc_exists(files[i]));

	/* The scenario's own files are `dtsim run`'s. */
	dt(c, &r, "run", "-o", "sens-run", "data/good.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_same_file("sens-out/good.csv", "sens-run/good.csv");
	expect_same_file("sens-out/summary.csv", "sens-run/summary.csv");

	csv = read_csv_unquoted("sens-out/sensitivity.csv");
	head = csv_line(csv, 1);
	assert_string_equal(head, "scenario,kpi,rank,parameter,role,unit,base,low,high,kpi_base,"
	                    "kpi_low,kpi_high,elasticity,note,step,dtsim_version,model_version");
	/* The KPIs in the order given, the first one's largest elasticity first. */
	first = csv_line(csv, 2);
	assert_true(strncmp(first, "good,total_om_eur,1,", 20) == 0);
	snprintf(end, sizeof end, ",0.1385,%s,%s", DTSIM_VERSION, MODEL_VERSION);
	assert_true(strcmp(first + strlen(first) - strlen(end), end) == 0);
	expect_in(csv, "\ngood,end_service_maturity,1,");
	assert_true(strstr(csv, "\ngood,total_om_eur,") < strstr(csv, "\ngood,end_service_maturity,"));
	assert_int_equal((proc_count_lines(csv) - 1) % 2, 0);
	free(head);
	free(first);
	free(csv);
	md = proc_read_file("sens-out/sensitivity.md", NULL);
	assert_non_null(md);
	expect_in(md, "# Sensitivity: CLI good\n");
	expect_in(md, "## Total O&M (M EUR)\n");
	expect_in(md, "## End service maturity (%)\n");
	expect_in(md, "13.85 % below and 13.85 % above");
	assert_true(strstr(md, "## Total O&M") < strstr(md, "## End service maturity"));
	free(md);

	/* Without --kpi: the default KPIs, the first of them first. */
	dt(c, &r, "sensitivity", "--method=oat", "-o", "sens-def", "data/good.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	csv = read_csv_unquoted("sens-def/sensitivity.csv");
	first = csv_line(csv, 2);
	snprintf(end, sizeof end, "good,%s,1,", summary_kpis[sens_default_kpis[0]].name);
	assert_true(strncmp(first, end, strlen(end)) == 0);
	free(first);
	free(csv);

	/* A run into the same directory replaces the analysis: `run` removes it. */
	dt(c, &r, "run", "-o", "sens-def", "data/good.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	assert_false(proc_exists("sens-def/sensitivity.csv"));
	assert_false(proc_exists("sens-def/sensitivity.md"));
}

static void test_sensitivity_bad(void **state)
{
	static const struct {
		const char *args[6];
		const char *expect;
	} cases[] = {
		{ { "--method", "rk4", "data/good.ini" },
		  "unknown --method 'rk4'; allowed: oat, tornado, morris, sobol" },
		{ { "--method", "sobol", "--step", "0.2", "data/good.ini" },
		  "--step applies to oat, not sobol" },
		{ { "--method", "tornado", "-n", "16", "data/good.ini" },
		  "-n applies to morris and sobol; a tornado runs each parameter at two" },
		{ { "--method", "morris", "-n", "1", "data/good.ini" },
		  "-n '1' is not allowed; allowed: a whole number from 2 to 1000000" },
		{ { "--method", "sobol", "--samples", "2.5", "data/good.ini" },
		  "-n '2.5' is not allowed; allowed: a whole number from 2 to 1000000" },
		{ { "--method", "sobol", "--seed", "-3", "data/good.ini" },
		  "--seed '-3' is not allowed; allowed: a whole number from 0 to 4294967295" },
		{ { "--method", "morris", "--seed", "4294967296", "data/good.ini" },
		  "--seed '4294967296' is not allowed" },
		{ { "--method", "sobol", "--kpi", "total_om_eur,end_service_maturity", "data/good.ini" },
		  "--method sobol analyses one KPI; 2 given" },
		{ { "-n", "5", "data/good.ini" }, "-n applies to tornado, morris and sobol, not oat" },
		{ { "--seed", "5", "data/good.ini" }, "--seed applies to tornado, morris and sobol" },
		{ { "--method", "tornado", "--format", "svg", "data/good.ini" }, "--format needs --plot" },
		{ { "--method", "oat", "--kpi", "nonsense", "data/good.ini" },
		  "--kpi: unknown KPI 'nonsense'; allowed: end_cash_eur, " },
		{ { "--method", "oat", "--kpi", "total_om_eur,,target_year", "data/good.ini" },
		  "--kpi: unknown KPI ''" },
		{ { "--method", "oat", "--kpi", "total_om_eur,total_om_eur", "data/good.ini" },
		  "--kpi: total_om_eur is named twice" },
		{ { "--method", "oat", "--step", "0", "data/good.ini" },
		  "--step 0 is out of range; allowed: above 0 and at most 0.5" },
		{ { "--method", "oat", "--step", "0.6", "data/good.ini" }, "--step 0.6 is out of range" },
		{ { "--method", "oat", "--step", "10%", "data/good.ini" },
		  "--step '10%' is not a number; allowed: a relative step above 0" },
		{ { "--method", "oat", "--step", "nan", "data/good.ini" }, "is not a number" },
		{ { "--method", "oat" }, "sensitivity: no scenario file given" },
		{ { "--method", "oat", "data/good.ini", "data/other.ini" },
		  "sensitivity: 2 scenario files given; allowed: one" },
		{ { "--method", "oat", "--plot", "data/good.ini" },
		  "--plot applies to tornado, morris and sobol, not oat" },
		{ { "--method", "oat", "--rank", "total_om_eur", "data/good.ini" },
		  "unrecognized option '--rank" },
	};
	const struct ctx *c = *state;
	struct proc_result r;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *const *a = cases[i].args;
		char what[64];

		snprintf(what, sizeof what, "sensitivity case %zu", i);
		dt(c, &r, "sensitivity", "-o", "sens-bad", a[0], a[1], a[2], a[3], a[4], a[5]);
		expect_usage_error(&r, what);
		expect_in(r.err, cases[i].expect);
		proc_result_free(&r);
		assert_false(proc_exists("sens-bad"));
	}
	/* Bad input in the scenario: FILE:LINE, exit 2, nothing written. */
	dt(c, &r, "sensitivity", "--method", "oat", "-o", "sens-bad", "data/bad_range.ini");
	expect_status(&r, 2);
	expect_in(r.err, "data/bad_range.ini:5: ");
	proc_result_free(&r);
	dt(c, &r, "sensitivity", "--method", "oat", "-o", "sens-bad", "data/no_such_file.ini");
	expect_status(&r, 2);
	expect_in(r.err, "data/no_such_file.ini");
	proc_result_free(&r);
	assert_false(proc_exists("sens-bad"));
}

/* The column of header line head (unquoted CSV) called name; fails when
** there is none. */
static size_t col_of(const char *head, const char *name)
{
	size_t i = 0, len = strlen(name);

	for (const char *p = head; ; i++) {
		if (strncmp(p, name, len) == 0 && (p[len] == ',' || p[len] == '\0'))
			return i;
		if (!(p = strchr(p, ',')))
			break;
		p++;
	}
	fail_msg("no column %s in %s", name, head);
	return 0;
}

/* Field k of an unquoted CSV line as a number; NaN when empty. */
static double num_at(const char *line, size_t k)
{
	const char *p = line;

	for (size_t i = 0; i < k && p; i++)
		if ((p = strchr(p, ',')))
			p++;
	assert_non_null(p);
	return *p == ',' || *p == '\0' || *p == '\n' ? NAN : strtod(p, NULL);
}

/*
** Checks a table of dtsim sensitivity (DIR/<file>): its header is want;
** every row has a rank (1 + the rows with a larger value of column by,
** tied rows sharing one) and rows come in rank order; ok(line) holds for
** every row. Returns the rows.
*/
static size_t check_ranked(const char *path, const char *want, const char *by,
                           void (*ok)(const char *head, const char *line))
{
	char *csv = read_csv_unquoted(path), *head = csv_line(csv, 1);
	size_t n = proc_count_lines(csv) - 1, cb = col_of(head, by), cr = col_of(head, "rank");
	double prev = INFINITY;

	assert_string_equal(head, want);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++) {
		char *line = csv_line(csv, i + 2);
		double v = num_at(line, cb), rank = num_at(line, cr);
		size_t larger = 0;

		assert_true(v <= prev);
		for (size_t j = 0; j < n; j++) {
			char *other = csv_line(csv, j + 2);

			larger += num_at(other, cb) > v;
			free(other);
		}
		assert_close(rank, (double)(larger + 1), 0, 0);
		if (ok)
			ok(head, line);
		prev = v;
		free(line);
	}
	free(head);
	free(csv);
	return n;
}

/* A tornado row: P10 below P90, the swing their KPIs' distance. */
static void tornado_row(const char *head, const char *line)
{
	double lo = num_at(line, col_of(head, "low")), hi = num_at(line, col_of(head, "high"));
	double klo = num_at(line, col_of(head, "kpi_low"));
	double khi = num_at(line, col_of(head, "kpi_high"));

	assert_true(lo <= hi);
	assert_close(num_at(line, col_of(head, "swing")), fabs(khi - klo), 1e-12, 1e-15);
	/* the KPI, the scenario and a 16-digit inputs digest (sensprov.h) */
	expect_in(line, ",end_service_maturity,sens_few,");
	assert_int_equal(strlen(strrchr(line, ',') + 1), 16);
}

/* A Morris row: mu* at least |mu| (a mean of absolute values), sigma >= 0. */
static void morris_row(const char *head, const char *line)
{
	double mu = num_at(line, col_of(head, "mu")), ms = num_at(line, col_of(head, "mu_star"));

	assert_true(ms >= fabs(mu) - 1e-12 * fabs(mu));
	assert_true(num_at(line, col_of(head, "sigma")) >= 0);
}

/* A Sobol row: each interval ordered, the total index not below 0. */
static void sobol_row(const char *head, const char *line)
{
	assert_true(num_at(line, col_of(head, "S1_lo")) <= num_at(line, col_of(head, "S1_hi")));
	assert_true(num_at(line, col_of(head, "ST_lo")) <= num_at(line, col_of(head, "ST_hi")));
	assert_true(num_at(line, col_of(head, "ST")) >= 0);
}

/*
** The global methods on data/sens_few.ini (good.ini's 6 fiscal years with 3
** uncertain parameters), with small samples: each writes the run's files
** and its table, ranked; the same seed writes the same table. Sobol with
** the 80-odd uncertain parameters of good.ini needs more base points than
** its Halton sequence's last base: fewer are refused before anything is
** written.
*/
static void test_sensitivity_global(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	size_t d;

	dt(c, &r, "sensitivity", "--method", "tornado", "--kpi", "end_service_maturity", "-o",
	   "sg-tor", "data/sens_few.ini");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	assert_true(proc_exists("sg-tor/sens_few.csv") && proc_exists("sg-tor/manifest.csv"));
	d = check_ranked("sg-tor/tornado.csv", "parameter,low,high,kpi_low,kpi_high,swing,rank,"
	                 "kpi_centre,kpi,scenario,inputs_digest", "swing", tornado_row);

	dt(c, &r, "sensitivity", "--method", "morris", "-n", "3", "--seed", "7", "--kpi",
	   "end_service_maturity", "-o", "sg-mor", "data/sens_few.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	assert_int_equal(check_ranked("sg-mor/morris.csv", "parameter,mu,mu_star,sigma,rank,kpi,scenario,inputs_digest",
	                              "mu_star", morris_row), d);

	dt(c, &r, "sensitivity", "--method", "sobol", "-n", "8", "--kpi", "end_service_maturity",
	   "-o", "sg-sob", "data/sens_few.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	assert_int_equal(check_ranked("sg-sob/sobol.csv", "parameter,S1,S1_lo,S1_hi,ST,ST_lo,"
	                              "ST_hi,rank,kpi,scenario,inputs_digest", "ST", sobol_row), d);
	dt(c, &r, "sensitivity", "--method", "sobol", "-n", "8", "--kpi", "end_service_maturity",
	   "-o", "sg-sob2", "data/sens_few.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_same_file("sg-sob/sobol.csv", "sg-sob2/sobol.csv");
	assert_int_equal(d, 3);
	dt(c, &r, "sensitivity", "--method", "sobol", "-n", "8", "-o", "sg-many", "data/good.ini");
	expect_status(&r, 2);
	expect_in(r.err, "sensitivity: -n 8 is too small for ");
	expect_in(r.err, "come from the Halton sequence, whose last base is ");
	proc_result_free(&r);
	assert_false(proc_exists("sg-many"));

	/* A KPI without a value in some run cannot be apportioned. */
	dt(c, &r, "sensitivity", "--method", "morris", "-n", "2", "--kpi", "target_year", "-o",
	   "sg-ty", "--set", "services.target_maturity=0.99", "data/sens_few.ini");
	expect_status(&r, 1);
	expect_in(r.err, "the KPI target_year has no value in ");
	expect_in(r.err, "choose another --kpi");
	proc_result_free(&r);
	assert_false(proc_exists("sg-ty/morris.csv"));

	/* A new run into the directory leaves the table: it names its scenario
	** and inputs, which dtsim report compares with the run's (sensprov.h;
	** test_cmd_report). */
	dt(c, &r, "run", "-o", "sg-tor", "data/sens_few.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	assert_true(proc_exists("sg-tor/tornado.csv"));
}

/*
** tests/data/cli/sens_fail.ini runs, but 10 % more change-management effect
** does not: the failed run is named on stderr with the value and the
** engine's message, every file is still written, its row says so, and the
** exit status is 1.
*/
static void test_sensitivity_failed_run(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	char *csv;

	dt(c, &r, "sensitivity", "--method", "oat", "-o", "sens-fail", "--kpi",
	   "end_service_maturity", "data/sens_fail.ini");
	expect_status(&r, 1);
	assert_int_equal(r.outlen, 0);
	expect_in(r.err, "dtsim: sens_fail: sensitivity: resistance.cm_effect = 4.235 (high): "
	          "the run failed: t = ");
	expect_in(r.err, "change_resistance");
	expect_in(r.err, "dtsim: sens_fail: sensitivity: 1 run failed");
	assert_int_equal(proc_count_lines(r.err), 2);
	proc_result_free(&r);
	assert_true(proc_exists("sens-fail/manifest.csv"));
	assert_true(proc_exists("sens-fail/sensitivity.md"));
	csv = read_csv_unquoted("sens-fail/sensitivity.csv");
	expect_in(csv, ",resistance.cm_effect,assumption,1/yr,3.85,3.465,4.235,");
	expect_in(csv, "one-sided; high run failed: t = ");
	free(csv);
	csv = proc_read_file("sens-fail/sensitivity.md", NULL);
	assert_non_null(csv);
	expect_in(csv, "\n## Runs that failed\n\n- `resistance.cm_effect` = 4.235 (high): t = ");
	free(csv);

	/* When the scenario's own run fails there is nothing to vary. */
	dt(c, &r, "sensitivity", "--method", "oat", "-o", "sens-fail-all", "data/fail_euler.ini");
	expect_status(&r, 1);
	expect_in(r.err, "dtsim: fail_euler: ");
	proc_result_free(&r);
	assert_false(proc_exists("sens-fail-all/sensitivity.csv"));
	assert_false(proc_exists("sens-fail-all/manifest.csv"));
}

/*
** docs/SENSITIVITY.md is the sensitivity.md that this dtsim writes for
** scenarios/baseline.ini with the defaults: after a change to the model,
** `make docs` regenerates it.
*/
static void test_sensitivity_doc(void **state)
{
	const struct ctx *c = *state;
	char doc[PATH_MAX + 32], scen[PATH_MAX + 32];
	size_t dlen = 0, glen = 0;
	struct proc_result r;
	char *want, *got;

	snprintf(doc, sizeof doc, "%s/docs/SENSITIVITY.md", c->sb.srcdir);
	snprintf(scen, sizeof scen, "%s/scenarios/baseline.ini", c->sb.srcdir);
	dt(c, &r, "sensitivity", "--method", "oat", "-o", "sens-doc", scen);
	expect_status(&r, 0);
	proc_result_free(&r);
	want = proc_read_file(doc, &dlen);
	got = proc_read_file("sens-doc/sensitivity.md", &glen);
	assert_non_null(want);
	assert_non_null(got);
	if (dlen != glen || memcmp(want, got, dlen) != 0) {
		print_error("docs/SENSITIVITY.md differs from what 'dtsim sensitivity --method oat"
		            " scenarios/baseline.ini' writes; regenerate it: make docs\n");
		fail();
	}
	free(want);
	free(got);
}

/* ---- hostile files: refused at once, located, nothing written ---------------------- */

/* Seconds a hostile case may run before SIGALRM ends dtsim: each takes
** milliseconds (seconds under valgrind); a regression that blocks on a
** FIFO or reads /dev/zero for ever fails instead of hanging the suite. */
#define HOSTILE_TIMEOUT_S 60

/* Writes text into the file at path. */
static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/*
** Files that are no files or are far too large, as the scenario, as
** extends and as allocation.schedule: exit 2 with the error at the line
** that names them, nothing written, no hang. (data-hostile/ begins with
** "data", as every diagnostic path here does.)
*/
static void test_hostile_files(void **state)
{
	static const struct { const char *file, *expect; } cases[] = {
		{ "data-hostile/ext_zero.ini", "data-hostile/ext_zero.ini:2: scenario.extends: "
		  "'/dev/zero': not a regular file (a device); allowed: a regular file\n" },
		{ "data-hostile/ext_fifo.ini", "data-hostile/ext_fifo.ini:2: scenario.extends: "
		  "'data-hostile/fifo': not a regular file (a FIFO); allowed: a regular file\n" },
		{ "data-hostile/sch_zero.ini", "data-hostile/sch_zero.ini:3: allocation.schedule: "
		  "'/dev/zero': not a regular file (a device); allowed: a regular file\n" },
		{ "data-hostile/sch_fifo.ini", "data-hostile/sch_fifo.ini:2: allocation.schedule: "
		  "'data-hostile/fifo': not a regular file (a FIFO); allowed: a regular file\n" },
		{ "data-hostile/fifo", "data-hostile/fifo: not a regular file (a FIFO); "
		  "allowed: a regular file\n" },
		{ "/dev/zero", "/dev/zero: not a regular file (a device); allowed: a "
		  "regular file\n" },
		{ "data-hostile", "data-hostile: not a regular file (a directory); "
		  "allowed: a regular file\n" },
		{ "data-hostile/sparse.ini", "data-hostile/sparse.ini: the file has "
		  "100000000 bytes; allowed: at most 1 MiB (1048576 bytes)\n" },
		{ "data-hostile/line.ini", "data-hostile/line.ini:2: the line has more "
		  "than 197 bytes; allowed: at most 197\n" },
		{ "data-hostile/ext_sparse.ini", "data-hostile/ext_sparse.ini:2: "
		  "scenario.extends: 'data-hostile/sparse.ini': the file has 100000000 "
		  "bytes; allowed: at most 1 MiB (1048576 bytes)\n" },
	};
	const struct ctx *c = *state;
	FILE *f;

	assert_int_equal(mkdir("data-hostile", 0700), 0);
	assert_int_equal(mkfifo("data-hostile/fifo", 0600), 0);
	write_text("data-hostile/ext_zero.ini", "[scenario]\nextends = /dev/zero\n");
	write_text("data-hostile/ext_fifo.ini", "[scenario]\nextends = fifo\n");
	write_text("data-hostile/sch_zero.ini", "[allocation]\n\nschedule = /dev/zero\n");
	write_text("data-hostile/sch_fifo.ini", "[allocation]\nschedule = fifo\n");
	write_text("data-hostile/ext_sparse.ini", "[scenario]\nextends = sparse.ini\n");
	write_text("data-hostile/sparse.ini", "");
	assert_int_equal(truncate("data-hostile/sparse.ini", 100000000), 0);
	/* 900,000 bytes without a newline: under the size cap, over the line cap. */
	f = fopen("data-hostile/line.ini", "w");
	assert_non_null(f);
	fputs("[sim]\n", f);
	for (int i = 0; i < 900000; i++)
		fputc('x', f);
	assert_int_equal(fclose(f), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *argv[] = { (char *)c->sb.dtsim, (char *)"run", (char *)"-o",
		                 (char *)"bad-out", (char *)cases[i].file, NULL };
		struct proc_result r;

		assert_int_equal(proc_run_timeout(argv, NULL, &r, HOSTILE_TIMEOUT_S), 0);
		if (r.status != 2 || strcmp(r.err, cases[i].expect) != 0) {
			print_error("%s: exit %d (expected 2)\n--- stderr:\n%s--- expected:\n%s",
			            cases[i].file, r.status, r.err, cases[i].expect);
			fail();
		}
		assert_int_equal(r.outlen, 0);
		expect_diagnostics(r.err);
		assert_false(proc_exists("bad-out"));
		proc_result_free(&r);
	}
}

/* Texts --set accepts come back identical from <id>.params.ini, which
** reproduces the run and has no line over 197 bytes. */
static void test_set_texts_round_trip(void **state)
{
	const struct ctx *c = *state;
	char desc[2000] = "scenario.description=\"  ", *ini, *out;
	struct proc_result r;
	size_t n = strlen(desc);

	for (int i = 0; i < 30; i++)
		n += (size_t)snprintf(desc + n, sizeof desc - n, "part %d; \\\"q\\\" \\\\ # \xe2\x82\xac ", i);
	snprintf(desc + n, sizeof desc - n, "\"");
	dt(c, &r, "run", "-o", "texts", "--set", "scenario.name=;Plan B", "--set", desc,
	   "data/good.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	ini = proc_read_file("texts/good.params.ini", NULL);
	assert_non_null(ini);
	expect_in(ini, "\nname = \";Plan B\"\n");
	expect_in(ini, "\ndescription = \"  part 0; \\\"q\\\" \\\\ # \xe2\x82\xac part 1;");
	for (const char *l = ini; *l; l += strcspn(l, "\n") + 1)
		assert_true(strcspn(l, "\n") <= 197);
	free(ini);
	/* The check listing of the resolved file shows the same texts. */
	dt(c, &r, "check", "texts/good.params.ini");
	expect_status(&r, 0);
	expect_in(r.out, "\nscenario.name = \";Plan B\" ");
	expect_in(r.out, "\nscenario.description = \"  part 0; \\\"q\\\" \\\\ # ");
	proc_result_free(&r);
	/* The resolved file reproduces the run. */
	dt(c, &r, "run", "-o", "texts2", "texts/good.params.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_same_file("texts/good.csv", "texts2/good.params.csv");
	ini = proc_read_file("texts/good.params.ini", NULL);
	out = proc_read_file("texts2/good.params.params.ini", NULL);
	assert_non_null(ini);
	assert_non_null(out);
	assert_string_equal(strchr(ini, '\n'), strchr(out, '\n'));
	free(ini);
	free(out);
}

/* ---- check and params ----------------------------------------------------------- */

static void test_check(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	dt(c, &r, "check", "data/good.ini");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	expect_in(r.out, "skill_initial");
	expect_in(r.out, "data/good.ini:7");    /* skill_initial = 0.385 */
	expect_in(r.out, "data/base.ini:15");   /* it_base_eur, inherited */
	expect_in(r.out, "default");
	proc_result_free(&r);

	dt(c, &r, "check", "--set", "budget.reserve_eur=2.385e6", "data/good.ini");
	expect_status(&r, 0);
	expect_in(r.out, "--set");
	expect_in(r.out, "2385000");
	proc_result_free(&r);

	dt(c, &r, "check", "data/good.ini", "data/bad_key.ini");
	expect_status(&r, 2);
	assert_int_equal(r.outlen, 0);
	expect_in(r.err, "data/bad_key.ini:5: ");
	proc_result_free(&r);

	/* What run would reject, check rejects (issue 8): a step too long for
	** the model's time constants, a rule broken by the key set last. */
	dt(c, &r, "check", "--set", "sim.dt=1", "data/good.ini");
	expect_status(&r, 2);
	assert_int_equal(r.outlen, 0);
	expect_in(r.err, "dtsim: --set sim.dt: 1 is too long a step for rk4");
	proc_result_free(&r);
	dt(c, &r, "check", "--set", "mandate.start_year=2200", "data/good.ini");
	expect_status(&r, 2);
	expect_in(r.err, "dtsim: --set mandate.start_year: 2200 is after "
	          "mandate.deadline_year = 2030");
	proc_result_free(&r);
	dt(c, &r, "check", "data/bad_grouping.ini", "data/bad_grouping_schedule.ini");
	expect_status(&r, 2);
	expect_in(r.err, "data/bad_grouping.ini:5: ");
	expect_in(r.err, "data/bad_grouping_schedule.csv:3: ");
	proc_result_free(&r);
	/* Accepted: a subnormal value, decimals that are not grouping. */
	dt(c, &r, "check", "--set", "budget.reserve_eur=1e-320", "--set",
	   "budget.transformation_eur=1.5000", "data/good.ini");
	expect_status(&r, 0);
	expect_in(r.out, "\nbudget.reserve_eur = 1e-320 ");
	expect_in(r.out, "\nbudget.transformation_eur = 1.5 ");
	proc_result_free(&r);
	assert_false(proc_exists("out"));
}

static void test_params(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	char path[PATH_MAX + 32];
	size_t len = 0;
	char *doc;

	dt(c, &r, "params");
	expect_status(&r, 0);
	expect_in(r.out, "budget.it_base_eur");
	expect_in(r.out, "sim.method");
	proc_result_free(&r);

	/* docs/PARAMETERS.md is `dtsim params --markdown`, kept in step. */
	snprintf(path, sizeof path, "%s/docs/PARAMETERS.md", c->sb.srcdir);
	doc = proc_read_file(path, &len);
	assert_non_null(doc);
	dt(c, &r, "params", "--markdown");
	expect_status(&r, 0);
	if (r.outlen != len || memcmp(r.out, doc, len) != 0) {
		print_error("docs/PARAMETERS.md differs from 'dtsim params --markdown';"
		            " regenerate it: build/dtsim params --markdown > docs/PARAMETERS.md\n");
		fail();
	}
	free(doc);
	proc_result_free(&r);
}

static void test_stdout_write_error(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	if (!proc_exists("/dev/full"))
		skip();
	dt_to(c, "/dev/full", &r, "params", (const char *)NULL);
	expect_status(&r, 1);
	expect_in(r.err, "dtsim: write error");
	proc_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_help_lists_options),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_every_error_reported),
		cmocka_unit_test(test_all_mistakes),
		cmocka_unit_test(test_good_run),
		cmocka_unit_test(test_reference),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_set_and_shorthands),
		cmocka_unit_test(test_failed_run),
		cmocka_unit_test(test_output_dir_not_creatable),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_compare_bad),
		cmocka_unit_test(test_compare_council),
		cmocka_unit_test(test_compare_failed_run),
		cmocka_unit_test(test_versions_recorded),
		cmocka_unit_test(test_sensitivity),
		cmocka_unit_test(test_sensitivity_bad),
		cmocka_unit_test(test_sensitivity_failed_run),
		cmocka_unit_test(test_sensitivity_global),
		cmocka_unit_test(test_sensitivity_doc),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_hostile_files),
		cmocka_unit_test(test_set_texts_round_trip),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_stdout_write_error),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
