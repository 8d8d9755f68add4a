/*
** test_dialect.c: the German CSV dialect end to end (`--csv-dialect de`,
** sim/csvdialect.h): the files a run writes are German CSV holding the
** numbers of an English run exactly, and dtsim reads them back: a replay
** of a params.ini reproduces the CSV byte for byte, `dtsim plot` checks
** the manifest's digests and draws every chart from English copies that
** are byte for byte the English run's files.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvtab.h"
#include "testproc.h"

#define MAX_ARGS 24

static struct proc_sandbox sb;

static int group_setup(void **state)
{
	(void)state;
	return proc_sandbox_enter(&sb, "dialect");
}

static int group_teardown(void **state)
{
	(void)state;
	return proc_sandbox_leave(&sb);
}

/* Runs dtsim with the NULL-terminated arguments; expects exit status 0
** and nothing on stderr. */
static void dtsim_ok(const char *first, ...)
{
	char *argv[MAX_ARGS + 2];
	struct proc_result r;
	size_t n = 0;
	const char *a = first;
	va_list ap;

	argv[n++] = sb.dtsim;
	va_start(ap, first);
	for (; a && n <= MAX_ARGS; a = va_arg(ap, const char *))
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	if (r.status != 0 || r.errlen != 0) {
		print_error("exit status %d\n--- stderr:\n%s---\n", r.status, r.err);
		fail();
	}
	proc_result_free(&r);
}

/* Fails unless the files at a and b exist and are byte-identical. */
static void same_file(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	char *sa = proc_read_file(a, &na), *sb2 = proc_read_file(b, &nb);

	if (!sa || !sb2 || na != nb || memcmp(sa, sb2, na) != 0) {
		print_error("%s and %s differ (or one is missing)\n", a, b);
		fail();
	}
	free(sa);
	free(sb2);
}

/* en/name and de/name: the same table, the German one in the de dialect,
** every number the same double, every text the same. */
static void same_numbers(const char *name)
{
	char a[64], b[64];
	struct csvtab *en, *de;
	struct err e;

	snprintf(a, sizeof a, "en/%s", name);
	snprintf(b, sizeof b, "de/%s", name);
	err_clear(&e);
	assert_int_equal(csvtab_load(a, &en, &e), 0);
	assert_int_equal(csvtab_load(b, &de, &e), 0);
	assert_int_equal(csvtab_dialect(en), CSVDIALECT_EN);
	assert_int_equal(csvtab_dialect(de), CSVDIALECT_DE);
	assert_int_equal(csvtab_rows(en), csvtab_rows(de));
	assert_int_equal(csvtab_cols(en), csvtab_cols(de));
	for (size_t c = 0; c < csvtab_cols(en); c++)
		assert_string_equal(csvtab_header(en, c), csvtab_header(de, c));
	for (size_t r = 0; r < csvtab_rows(en); r++)
		for (size_t c = 0; c < csvtab_cols(en); c++) {
			double x = csvtab_num(en, r, c), y = csvtab_num(de, r, c);

			if (x != x)
				assert_string_equal(csvtab_text(en, r, c), csvtab_text(de, r, c));
			else
				assert_memory_equal(&x, &y, sizeof x);
			/* A number of the German file has no point. */
			if (x == x)
				assert_null(strchr(csvtab_text(de, r, c), '.'));
		}
	csvtab_free(en);
	csvtab_free(de);
}

static void test_round_trip(void **state)
{
	char plan[PATH_MAX + 32];
	size_t len = 0;
	char *text;

	(void)state;
	snprintf(plan, sizeof plan, "%s/scenarios/council_plan.ini", sb.srcdir);
	dtsim_ok("compare", "-o", "en", "--years", "6", plan, (const char *)NULL);
	dtsim_ok("compare", "-o", "de", "--years", "6", "--csv-dialect", "de", plan,
	         (const char *)NULL);
	/* German CSV: a byte-order mark, ';' between quoted fields. */
	text = proc_read_file("de/council_plan.csv", &len);
	assert_non_null(text);
	assert_memory_equal(text, "\xEF\xBB\xBF\"year\";\"cash_eur\";", 21);
	free(text);
	same_numbers("council_plan.csv");
	same_numbers("summary.csv");
	same_numbers("comparison.csv");
	/* The manifest stays English; the comparison's Markdown is alike. */
	same_file("en/comparison.md", "de/comparison.md");
	/* A replay of the resolved scenario in the same dialect reproduces it. */
	dtsim_ok("run", "-o", "replay", "--csv-dialect", "de", "de/council_plan.params.ini",
	         (const char *)NULL);
	same_file("de/council_plan.csv", "replay/council_plan.params.csv");
	/* plot checks the manifest's digests and reads the German files; its
	** charts read English copies, which are the English run's files. */
	dtsim_ok("plot", "--format", "svg", "de", (const char *)NULL);
	same_file("en/council_plan.csv", "de/plots/data/council_plan.csv");
	same_file("en/summary.csv", "de/plots/data/summary.csv");
	assert_int_equal(proc_exists("de/plots/council_plan-dashboard.svg"), 1);
	assert_int_equal(proc_exists("de/plots/compare-kpi.svg"), 1);
	/* English results need no copies. */
	dtsim_ok("plot", "--format", "svg", "en", (const char *)NULL);
	assert_int_equal(proc_exists("en/plots/data"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests_name("dialect", tests, group_setup, group_teardown);
}
