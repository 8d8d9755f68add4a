/*
** test_xlsxout.c: the workbook of `dtsim run|compare --xlsx`
** (sim/xlsxout.h) and its sheet names (sim/sheetname.h).
**
** The workbook is read back by an independent reader, tests/xlsx_check.py
** (Python's zipfile and xml.etree only), which compares every cell with
** the CSV file the sheet was made from and every header with the units of
** the registries that this test writes for it from outvars_table and
** summary_kpis; see the checks listed at the top of that script. The test
** also shows that the checker fails on a sheet whose header misses the
** unit it expects.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outvars.h"
#include "sheetname.h"
#include "summary.h"
#include "testproc.h"
#include "xlsxout.h"

#define MAX_ARGS 40

static struct proc_sandbox sb;
static char python[PATH_MAX];

/* Finds python3 on PATH. */
static int find_python(void)
{
	const char *path = getenv("PATH");
	char *copy = strdup(path ? path : "/usr/bin:/bin"), *save = NULL;
	int found = 0;

	for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		snprintf(python, sizeof python, "%s/python3", d);
		found = access(python, X_OK) == 0;
	}
	free(copy);
	return found ? 0 : -1;
}

static int group_setup(void **state)
{
	(void)state;
	if (find_python() != 0) {
		fprintf(stderr, "test_xlsxout: python3 is not on PATH\n");
		return -1;
	}
	return proc_sandbox_enter(&sb, "xlsxout");
}

static int group_teardown(void **state)
{
	(void)state;
	return proc_sandbox_leave(&sb);
}

/* Runs prog (argv[0]) with the NULL-terminated arguments into r. */
static void run(struct proc_result *r, const char *prog, ...)
{
	char *argv[MAX_ARGS + 2];
	size_t n = 0;
	const char *a;
	va_list ap;

	argv[n++] = (char *)prog;
	va_start(ap, prog);
	while ((a = va_arg(ap, const char *)) != NULL && n <= MAX_ARGS)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, NULL, r), 0);
}

static void expect_status(const struct proc_result *r, int status)
{
	if (r->status != status) {
		print_error("exit status %d, expected %d\n--- stdout:\n%s--- stderr:\n%s---\n",
		            r->status, status, r->out, r->err);
		fail();
	}
}

/* Writes the units file of xlsx_check.py from the registries: for a
** scenario's sheet the output variables' units, for a run-wide table the
** KPIs' (and an output variable's where no KPI has the name). With
** cash_unit, cash_eur of a time series gets that unit instead. */
static void write_units(const char *path, const char *cash_unit)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	for (size_t i = 0; i < OV_COUNT; i++)
		fprintf(f, "series,%s,%s\n", outvars_table[i].name,
		        cash_unit && i == OV_cash_eur ? cash_unit : outvars_table[i].unit);
	/* a KPI and its difference from the reference (delta_<kpi>, compare's
	** comparison.csv) are in the same unit */
	for (size_t k = 0; k < KPI_COUNT; k++)
		fprintf(f, "table,%s,%s\ntable,delta_%s,%s\n", summary_kpis[k].name,
		        summary_kpis[k].unit, summary_kpis[k].name, summary_kpis[k].unit);
	for (size_t i = 0; i < OV_COUNT; i++) {
		size_t k = 0;

		while (k < KPI_COUNT && strcmp(summary_kpis[k].name, outvars_table[i].name) != 0)
			k++;
		if (k == KPI_COUNT)
			fprintf(f, "table,%s,%s\n", outvars_table[i].name, outvars_table[i].unit);
	}
	assert_int_equal(fclose(f), 0);
}

static void writefile(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* ---- sheet names ------------------------------------------------------------- */

static void test_sheet_names(void **state)
{
	const char *taken[8] = { "summary", "comparison" };
	char a[SHEETNAME_BYTES], b[SHEETNAME_BYTES], c[SHEETNAME_BYTES], d[SHEETNAME_BYTES];

	(void)state;
	sheetname_make("big_bang", taken, 2, a);
	assert_string_equal(a, "big_bang");
	/* Excel ignores case: "Summary" is taken, and so is "HISTORY". */
	sheetname_make("Summary", taken, 2, a);
	assert_string_equal(a, "Summary~2");
	sheetname_make("HISTORY", taken, 2, a);
	assert_string_equal(a, "HISTORY~2");
	sheetname_make("a[1]:b*c?d/e\\f", taken, 2, a);
	assert_string_equal(a, "a_1__b_c_d_e_f");
	sheetname_make("'quoted'", taken, 2, a);
	assert_string_equal(a, "_quoted_");
	sheetname_make("", taken, 2, a);
	assert_string_equal(a, "_");
	sheetname_make("tab\there\x7f", taken, 2, a);
	assert_string_equal(a, "tab_here_");
	/* Invalid UTF-8 (a stray continuation byte, an overlong '/', a
	** surrogate) becomes '_'; valid UTF-8 stays. */
	sheetname_make("Gr\xC3\xBCn\x80\xC0\xAF\xED\xA0\x80", taken, 2, a);
	assert_string_equal(a, "Gr\xC3\xBCn______");
	/* 31 UTF-16 units: a character beyond the BMP counts two, and a cut
	** never splits one. */
	sheetname_make("abcdefghijklmnopqrstuvwxyz0123456789", taken, 2, a);
	assert_string_equal(a, "abcdefghijklmnopqrstuvwxyz01234");
	sheetname_make("abcdefghijklmnopqrstuvwxyz0123\xF0\x9F\x98\x80", taken, 2, a);
	assert_string_equal(a, "abcdefghijklmnopqrstuvwxyz0123");
	sheetname_make("\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4"
	               "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4"
	               "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4"
	               "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4", taken, 2,
	               a);
	assert_int_equal(strlen(a), 62);
	/* Two long ids alike in their first 31 characters: the second is cut
	** further to make room for its suffix. */
	sheetname_make("abcdefghijklmnopqrstuvwxyz0123456789ABCD", taken, 2, a);
	taken[2] = a;
	sheetname_make("abcdefghijklmnopqrstuvwxyz0123456789WXYZ", taken, 3, b);
	assert_string_equal(b, "abcdefghijklmnopqrstuvwxyz012~2");
	taken[3] = b;
	/* Letters outside ASCII compare alike whatever their case. */
	sheetname_make("gr\xC3\xBCn", taken, 4, c);
	taken[4] = c;
	sheetname_make("GR\xC3\x9CN", taken, 5, d);
	assert_string_equal(d, "GR\xC3\x9CN~2");
	assert_int_equal(sheetname_same("Grün", "GRÜN"), 1);
	assert_int_equal(sheetname_same("Grün", "Grüne"), 0);
	assert_int_equal(sheetname_same("a~2", "A~2"), 1);
}

static void test_clean_text(void **state)
{
	char *s;

	(void)state;
	s = sheetname_clean_text("a\x01" "b\tc\nd\x80" "e\xEF\xBF\xBF" "f=1+2");
	assert_non_null(s);
	assert_string_equal(s, "a b\tc\nd\xEF\xBF\xBD" "e\xEF\xBF\xBD" "f=1+2");
	free(s);
}

/* ---- the workbook, read back ------------------------------------------------- */

/* Runs xlsx_check.py on dir with units file units and the sheets
** (name, file, kind triples, NULL-ended); returns its result in r. */
static void check_book(struct proc_result *r, const char *dir, const char *units, ...)
{
	char script[PATH_MAX + 32];
	char *argv[MAX_ARGS + 2];
	size_t n = 0;
	const char *a;
	va_list ap;

	snprintf(script, sizeof script, "%s/tests/xlsx_check.py", sb.srcdir);
	argv[n++] = python;
	argv[n++] = script;
	argv[n++] = (char *)dir;
	argv[n++] = (char *)units;
	va_start(ap, units);
	while ((a = va_arg(ap, const char *)) != NULL && n <= MAX_ARGS)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, NULL, r), 0);
}

/* compare --xlsx in both dialects: every sheet equals its CSV file and
** carries the registries' units. */
static void test_book_equals_csv(void **state)
{
	char base[PATH_MAX + 32], plan[PATH_MAX + 32];
	struct proc_result r;

	(void)state;
	snprintf(base, sizeof base, "%s/scenarios/baseline.ini", sb.srcdir);
	snprintf(plan, sizeof plan, "%s/scenarios/council_plan.ini", sb.srcdir);
	write_units("units.csv", NULL);
	for (int de = 0; de < 2; de++) {
		const char *dir = de ? "de" : "en";

		run(&r, sb.dtsim, "compare", "--xlsx", "--csv-dialect", de ? "de" : "en", "-o", dir,
		    base, plan, (const char *)NULL);
		expect_status(&r, 0);
		proc_result_free(&r);
		check_book(&r, dir, "units.csv", "summary", "summary.csv", "table",
		           "comparison", "comparison.csv", "table", "burden", "burden.csv", "series",
		           "baseline", "baseline.csv", "series", "council_plan", "council_plan.csv",
		           "series", (const char *)NULL);
		expect_status(&r, 0);
		assert_non_null(strstr(r.out, "xlsx_check: 5 sheets"));
		proc_result_free(&r);
	}
	/* The checker fails where a header does not carry the unit it must:
	** here the registries are told cash_eur is in USD. */
	write_units("units-usd.csv", "USD");
	check_book(&r, "en", "units-usd.csv", "summary", "summary.csv", "table",
	           "comparison", "comparison.csv", "table", "burden", "burden.csv", "series",
	           "baseline", "baseline.csv", "series", "council_plan", "council_plan.csv",
	           "series", (const char *)NULL);
	expect_status(&r, 1);
	assert_non_null(strstr(r.out, "baseline: column 2: header 'cash_eur [EUR]', want"
	                              " 'cash_eur [USD]' (its unit is missing)"));
	proc_result_free(&r);

	/* run --xlsx has the summary and the scenarios; a run without --xlsx
	** removes the workbook of the run before it. */
	run(&r, sb.dtsim, "run", "--xlsx", "-o", "en", base, (const char *)NULL);
	expect_status(&r, 0);
	proc_result_free(&r);
	check_book(&r, "en", "units.csv", "summary", "summary.csv", "table", "baseline",
	           "baseline.csv", "series", (const char *)NULL);
	expect_status(&r, 0);
	proc_result_free(&r);
	run(&r, sb.dtsim, "run", "-o", "en", base, (const char *)NULL);
	expect_status(&r, 0);
	proc_result_free(&r);
	assert_int_equal(proc_exists("en/results.xlsx"), 0);
}

/* Hostile ids and names: sheet names Excel takes, unique; names with
** markup and formula signs as plain strings. */
static void test_hostile_ids(void **state)
{
	static const char *const ids[] = {
		"Summary", "History", "a[1]b:c", "a_1_b_c", "'quoted'", "what?*",
		"abcdefghijklmnopqrstuvwxyz0123456789ABCD",
		"abcdefghijklmnopqrstuvwxyz0123456789WXYZ", "gr\xC3\xBCn", "GR\xC3\x9CN",
	};
	static const char *const sheets[] = {
		"Summary~2", "History~2", "a_1_b_c", "a_1_b_c~2", "_quoted_", "what__",
		"abcdefghijklmnopqrstuvwxyz01234", "abcdefghijklmnopqrstuvwxyz012~2",
		"gr\xC3\xBCn", "GR\xC3\x9CN~2",
	};
	enum { N = sizeof ids / sizeof ids[0] };
	char paths[N][256], csvs[N][256], script[PATH_MAX + 32];
	char *argv[8 + 3 * (N + 3)];
	struct proc_result r;
	size_t n = 0;

	(void)state;
	assert_int_equal(mkdir("h", 0777), 0);
	argv[n++] = (char *)sb.dtsim;
	argv[n++] = (char *)"compare";
	argv[n++] = (char *)"--xlsx";
	argv[n++] = (char *)"-o";
	argv[n++] = (char *)"hout";
	for (size_t i = 0; i < N; i++) {
		snprintf(paths[i], sizeof paths[i], "h/%s.ini", ids[i]);
		writefile(paths[i], i % 2 ? "[scenario]\nname = =HYPERLINK(\"http://x\";\"y\")\n"
		                            "[sim]\nyears = 3\n"
		                          : "[scenario]\nname = <b>&amp; \xC3\xBC</b>\n"
		                            "[sim]\nyears = 3\n");
		argv[n++] = paths[i];
	}
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	expect_status(&r, 0);
	proc_result_free(&r);

	write_units("units.csv", NULL);
	snprintf(script, sizeof script, "%s/tests/xlsx_check.py", sb.srcdir);
	n = 0;
	argv[n++] = python;
	argv[n++] = script;
	argv[n++] = (char *)"hout";
	argv[n++] = (char *)"units.csv";
	argv[n++] = (char *)"summary";
	argv[n++] = (char *)"summary.csv";
	argv[n++] = (char *)"table";
	argv[n++] = (char *)"comparison";
	argv[n++] = (char *)"comparison.csv";
	argv[n++] = (char *)"table";
	argv[n++] = (char *)"burden";
	argv[n++] = (char *)"burden.csv";
	argv[n++] = (char *)"series";
	for (size_t i = 0; i < N; i++) {
		snprintf(csvs[i], sizeof csvs[i], "%s.csv", ids[i]);
		argv[n++] = (char *)sheets[i];
		argv[n++] = csvs[i];
		argv[n++] = (char *)"series";
	}
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	expect_status(&r, 0);
	proc_result_free(&r);
}

/* A workbook that cannot be made leaves nothing: no results.xlsx, no
** temporary of its own or of libxlsxwriter's. */
static void test_write_fails(void **state)
{
	static const char *const tables[] = { "summary" };
	static const char *const ids[] = { "a", "missing" };
	const struct xlsxout_book book = { tables, 1, ids, 2 };
	struct proc_result r;
	struct err e;

	(void)state;
	assert_int_equal(mkdir("wf", 0777), 0);
	writefile("wf/summary.csv", "\"scenario\",\"end_cash_eur\"\n\"a\",\"2.385\"\n");
	writefile("wf/a.csv", "\"year\",\"cash_eur\"\n\"2026\",\"15000000\"\n");
	err_clear(&e);
	assert_int_equal(xlsxout_write("wf", &book, &e), -1);
	assert_non_null(strstr(e.file, "wf/missing.csv"));
	run(&r, "/bin/ls", "-A", "wf", (const char *)NULL);
	expect_status(&r, 0);
	assert_string_equal(r.out, "a.csv\nsummary.csv\n");
	proc_result_free(&r);
	/* With every file there, the workbook appears, and nothing else. */
	writefile("wf/missing.csv", "\"year\",\"cash_eur\"\n\"2026\",\"1\"\n");
	assert_int_equal(xlsxout_write("wf", &book, &e), 0);
	run(&r, "/bin/ls", "-A", "wf", (const char *)NULL);
	expect_status(&r, 0);
	assert_string_equal(r.out, "a.csv\nmissing.csv\nresults.xlsx\nsummary.csv\n");
	proc_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_clean_text),
		cmocka_unit_test(test_book_equals_csv),
		cmocka_unit_test(test_hostile_ids),
		cmocka_unit_test(test_write_fails),
	};
	return cmocka_run_group_tests_name("xlsxout", tests, group_setup, group_teardown);
}
