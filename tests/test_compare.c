/*
** test_compare.c: ranking scenarios and the comparison files (sim/compare.c).
** Expected orders and shown values are worked out by hand from the inputs
** below (e.g. 12345678.9 EUR = 12.3456789 M EUR, shown "12.35").
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
#include <unistd.h>

#include "compare.h"
#include "testcsv.h"
#include "testproc.h"
#include "testutil.h"

#define NROWS 4

/* Rows whose KPIs are all distinct (base * (k + 1.385)), with ids a..d. */
static void fill(struct compare_entry *rows, size_t n)
{
	static const char *const ids[] = { "a", "b", "c", "d", "e", "f" };

	assert_true(n <= sizeof ids / sizeof ids[0]);
	for (size_t i = 0; i < n; i++) {
		rows[i].id = ids[i];
		rows[i].name = ids[i];
		for (int k = 0; k < KPI_COUNT; k++)
			rows[i].kpi.v[k] = (double)(i + 1) * (k + 1.385);
	}
}

/* ---- ranking ------------------------------------------------------------------ */

/* A ranking case: four values of one KPI, and the order (indices) and
** ranks that follow from its direction, worked out by hand. */
static const struct rank_case {
	const char *what;
	enum kpi by;
	int better;             /* the direction the case relies on */
	double v[NROWS];
	size_t order[NROWS], rank[NROWS];
} rank_cases[] = {
	{ "higher is better; NaN last, though 'higher'", KPI_end_service_maturity, +1,
	  { 0.385, 0.7385, NAN, 0.52 }, { 1, 3, 0, 2 }, { 1, 2, 3, 4 } },
	{ "lower is better", KPI_total_om_eur, -1,
	  { 2.385e6, 1.1e6, 3.7e6, -0.25e6 }, { 3, 1, 0, 2 }, { 1, 2, 3, 4 } },
	{ "neither: from the highest", KPI_end_cash_eur, 0,
	  { 0.385e6, -1.2e6, 2.9e6, 0 }, { 2, 0, 3, 1 }, { 1, 2, 3, 4 } },
	{ "ties keep input order and share a rank", KPI_end_citizen_adoption, +1,
	  { 0.4385, 0.615, 0.4385, 0.615 }, { 1, 3, 0, 2 }, { 1, 1, 3, 3 } },
	{ "lower is better, but never (NaN) is last; two nevers tie", KPI_target_year, -1,
	  { 2031, NAN, 2029, NAN }, { 2, 0, 1, 3 }, { 1, 2, 3, 3 } },
};

static void rank_cases_hold(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof rank_cases / sizeof rank_cases[0]; c++) {
		const struct rank_case *rc = &rank_cases[c];
		struct compare_entry rows[NROWS];
		size_t order[NROWS], rank[NROWS];

		fill(rows, NROWS);
		for (size_t i = 0; i < NROWS; i++)
			rows[i].kpi.v[rc->by] = rc->v[i];
		assert_int_equal(summary_kpis[rc->by].better, rc->better);
		compare_rank(rows, NROWS, rc->by, order, rank);
		for (size_t i = 0; i < NROWS; i++) {
			if (order[i] != rc->order[i] || rank[i] != rc->rank[i]) {
				print_error("%s: place %zu holds row %zu with rank %zu, expected row %zu"
				            " with rank %zu\n", rc->what, i, order[i], rank[i],
				            rc->order[i], rc->rank[i]);
				fail();
			}
		}
	}
}

static void kpi_find(void **state)
{
	enum kpi k = KPI_COUNT;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(compare_kpi_find("total_savings_eur", &k, &e), 0);
	assert_int_equal(k, KPI_total_savings_eur);
	assert_int_equal(compare_kpi_find(COMPARE_RANK_DEFAULT, &k, &e), 0);

	assert_int_equal(compare_kpi_find("total_saving", &k, &e), -1);
	assert_string_equal(e.key, "total_saving");
	assert_non_null(strstr(e.msg, "unknown KPI 'total_saving'"));
	/* the list of allowed names holds every KPI */
	for (int i = 0; i < KPI_COUNT; i++)
		assert_non_null(strstr(e.msg, summary_kpis[i].name));
}

/* ---- a scratch directory per test ------------------------------------------------ */

static int setup_dir(void **state)
{
	char *d = malloc(256);

	assert_non_null(d);
	assert_int_equal(testutil_mkdtemp(d, 256, "compare"), 0);
	*state = d;
	return 0;
}

static int teardown_dir(void **state)
{
	char *d = *state;

	testutil_rmdir(d, NULL);
	free(d);
	return 0;
}

static void path_in(void **state, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", (const char *)*state, name);
}

/* ---- comparison.csv ------------------------------------------------------------- */

static void csv_ranked(void **state)
{
	struct compare_entry rows[3];
	static const char *const names[] = { "Train first", "Main \"St\", 1", "Pay as we go" };
	/* lower O&M is better: b (1.1e6), c (2.385e6), a (NaN) */
	static const size_t order[] = { 1, 2, 0 };
	static const char *const ranks[] = { "1", "2", "3" };
	const size_t width = 3 + KPI_COUNT;
	char path[512];
	struct testcsv t;
	struct err e;

	fill(rows, 3);
	for (size_t i = 0; i < 3; i++)
		rows[i].name = names[i];
	rows[0].kpi.v[KPI_total_om_eur] = NAN;
	rows[1].kpi.v[KPI_total_om_eur] = 1.1e6;
	rows[2].kpi.v[KPI_total_om_eur] = 2.385e6;
	rows[2].kpi.v[KPI_target_year] = NAN;
	path_in(state, "comparison.csv", path, sizeof path);
	assert_int_equal(compare_write_csv(path, rows, 3, KPI_total_om_eur, CSVDIALECT_EN, &e), 0);

	testcsv_read(path, &t);
	assert_int_equal(t.nrows, 4);
	assert_int_equal(t.nfields, 4 * width);
	assert_string_equal(t.field[0], "rank");
	assert_string_equal(t.field[1], "scenario");
	assert_string_equal(t.field[2], "name");
	for (int k = 0; k < KPI_COUNT; k++)
		assert_string_equal(t.field[3 + k], summary_kpis[k].name);
	for (size_t i = 0; i < 3; i++) {
		const struct compare_entry *want = &rows[order[i]];
		char *const *f = &t.field[(i + 1) * width];

		assert_string_equal(f[0], ranks[i]);
		assert_string_equal(f[1], want->id);
		assert_string_equal(f[2], want->name);
		for (int k = 0; k < KPI_COUNT; k++) {
			if (isnan(want->kpi.v[k]))
				assert_string_equal(f[3 + k], "");
			else
				testcsv_same_double(f[3 + k], want->kpi.v[k]);
		}
	}
	testcsv_free(&t);
}

/* ---- comparison.md -------------------------------------------------------------- */

static void format_by_unit(void **state)
{
	char buf[COMPARE_VALUE_LEN];

	(void)state;
	compare_format_value("EUR", 12345678.9, buf);
	assert_string_equal(buf, "12.35");
	compare_format_value("EUR", -2386000, buf);
	assert_string_equal(buf, "-2.39");
	compare_format_value("EUR", -1000, buf);
	assert_string_equal(buf, "0.00");   /* not "-0.00" */
	compare_format_value("1", 0.4567, buf);
	assert_string_equal(buf, "45.7");
	compare_format_value("index", 0.4267, buf);
	assert_string_equal(buf, "0.43");
	compare_format_value("year", 2031, buf);
	assert_string_equal(buf, "2031");
	compare_format_value("count", 0.2815, buf);
	assert_string_equal(buf, "0.28");
	compare_format_value("year", NAN, buf);
	assert_string_equal(buf, "never");
	compare_format_value("EUR", NAN, buf);
	assert_string_equal(buf, "\xe2\x80\x93");
	/* a unit without a format of its own: shortest round-trip form */
	compare_format_value("years", 3, buf);
	assert_string_equal(buf, "3");
	compare_format_value("EUR/yr", 0.1 + 0.2, buf);
	assert_string_equal(buf, "0.30000000000000004");
	compare_format_value("EUR/yr", NAN, buf);
	assert_string_equal(buf, "\xe2\x80\x93");
}

/* The text between the n-th and (n+1)-th unescaped '|' of line (n from 0),
** trimmed, into buf. Fails when the line has fewer cells. */
static void md_cell(const char *line, size_t n, char *buf, size_t len)
{
	const char *s = line, *start = NULL;
	size_t seen = 0;

	for (; *s && *s != '\n'; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (*s != '|')
			continue;
		if (seen == n)
			start = s + 1;
		else if (seen == n + 1)
			break;
		seen++;
	}
	assert_non_null(start);
	assert_true(*s == '|');
	while (*start == ' ')
		start++;
	while (s > start && s[-1] == ' ')
		s--;
	assert_true((size_t)(s - start) < len);
	memcpy(buf, start, (size_t)(s - start));
	buf[s - start] = '\0';
}

/* How many unescaped '|' the line starting at s holds. */
static size_t md_pipes(const char *s)
{
	size_t n = 0;

	for (; *s && *s != '\n'; s++) {
		if (*s == '\\' && s[1])
			s++;
		else
			n += *s == '|';
	}
	return n;
}

/* The start of line i (from 0) of text. */
static const char *line_at(const char *text, size_t i)
{
	for (; i > 0; i--) {
		text = strchr(text, '\n');
		assert_non_null(text);
		text++;
	}
	return text;
}

/* The column of the table whose header is `header`, or fails. */
static size_t md_column(const char *header_line, const char *header)
{
	char cell[256];

	for (size_t c = 0; c + 1 < md_pipes(header_line); c++) {
		md_cell(header_line, c, cell, sizeof cell);
		if (strcmp(cell, header) == 0)
			return c;
	}
	print_error("no column '%s' in: %.200s\n", header, header_line);
	fail();
	return 0;
}

static void md_report(void **state)
{
	struct compare_entry rows[3];
	/* a hostile name: a column break, code, HTML, a link, a backslash,
	** blanks around it; a name with an ampersand that is plain text */
	static const char hostile[] = "  Pay | as `we` go <b>[x](y)\\ &amp;  ";
	static const char hostile_shown[] = "Pay \\| as \\`we\\` go \\<b\\>\\[x\\](y)\\\\ \\&amp;";
	char path[512], cell[512];
	const char *head, *row;
	char *md;
	size_t npipes;
	struct err e;

	fill(rows, 3);
	rows[0].name = "Train & hire";
	rows[1].name = hostile;
	rows[2].name = "Status quo";
	/* by end_service_maturity (higher first): b 0.4567, c 0.31, a NaN */
	rows[0].kpi.v[KPI_end_service_maturity] = NAN;
	rows[1].kpi.v[KPI_end_service_maturity] = 0.4567;
	rows[2].kpi.v[KPI_end_service_maturity] = 0.31;
	rows[1].kpi.v[KPI_total_investment_eur] = 12345678.9;
	rows[1].kpi.v[KPI_target_year] = NAN;
	rows[2].kpi.v[KPI_target_year] = 2031;
	rows[1].kpi.v[KPI_end_workforce_skill] = 0.4267;
	path_in(state, "comparison.md", path, sizeof path);
	assert_int_equal(compare_write_md(path, rows, 3, KPI_end_service_maturity, &e), 0);
	md = proc_read_file(path, NULL);
	assert_non_null(md);

	assert_true(strncmp(md, "# ", 2) == 0);
	assert_non_null(strstr(md, "`end_service_maturity`"));
	assert_non_null(strstr(md, "higher is better"));
	assert_non_null(strstr(md, "come last"));

	/* the table: header, alignment row, then 3 rows, each with as many
	** cells as the header (no name broke a row apart) */
	head = strstr(md, "\n| Rank |");
	assert_non_null(head);
	head++;
	npipes = md_pipes(head);
	assert_int_equal(npipes, 3 + KPI_COUNT + 1);
	for (size_t i = 1; i <= 4; i++)
		assert_int_equal(md_pipes(line_at(head, i)), npipes);
	assert_int_equal(*line_at(head, 5), '\0');

	/* units in the headers; the ranking KPI is the first KPI column */
	assert_int_equal(md_column(head, "End service maturity (%)"), 3);
	md_column(head, "Total investment (M EUR)");
	md_column(head, "End workforce skill (index)");
	md_column(head, "Target year");
	md_column(head, "Total O&M (M EUR)");

	row = line_at(head, 2);  /* rank 1: b */
	md_cell(row, 0, cell, sizeof cell);
	assert_string_equal(cell, "1");
	md_cell(row, 1, cell, sizeof cell);
	assert_string_equal(cell, "b");
	assert_non_null(strstr(row, hostile_shown));
	md_cell(row, md_column(head, "End service maturity (%)"), cell, sizeof cell);
	assert_string_equal(cell, "45.7");
	md_cell(row, md_column(head, "Total investment (M EUR)"), cell, sizeof cell);
	assert_string_equal(cell, "12.35");
	md_cell(row, md_column(head, "End workforce skill (index)"), cell, sizeof cell);
	assert_string_equal(cell, "0.43");
	md_cell(row, md_column(head, "Target year"), cell, sizeof cell);
	assert_string_equal(cell, "never");

	row = line_at(head, 3);  /* rank 2: c */
	md_cell(row, 1, cell, sizeof cell);
	assert_string_equal(cell, "c");
	md_cell(row, md_column(head, "Target year"), cell, sizeof cell);
	assert_string_equal(cell, "2031");

	row = line_at(head, 4);  /* rank 3: a, without a value */
	md_cell(row, 1, cell, sizeof cell);
	assert_string_equal(cell, "a");
	md_cell(row, 2, cell, sizeof cell);
	assert_string_equal(cell, "Train & hire");  /* no entity: left alone */
	md_cell(row, 3, cell, sizeof cell);
	assert_string_equal(cell, "\xe2\x80\x93");
	free(md);
}

/* The sentence under the heading follows the KPI's direction. */
static void md_direction(void **state)
{
	static const struct {
		enum kpi by;
		const char *says;
	} cases[] = {
		{ KPI_total_om_eur, "lower is better" },
		{ KPI_total_investment_eur, "from the highest to the lowest" },
		{ KPI_total_savings_eur, "higher is better" },
	};
	struct compare_entry rows[2];
	char path[512];
	struct err e;

	fill(rows, 2);
	path_in(state, "comparison.md", path, sizeof path);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *md;

		assert_int_equal(compare_write_md(path, rows, 2, cases[i].by, &e), 0);
		md = proc_read_file(path, NULL);
		assert_non_null(md);
		assert_non_null(strstr(md, cases[i].says));
		assert_null(strstr(md, "come last"));  /* no NaN here */
		free(md);
	}
}

/* ---- errors --------------------------------------------------------------------- */

static void unwritable_directory(void **state)
{
	struct compare_entry rows[2];
	char path[512];
	struct err e;

	fill(rows, 2);
	path_in(state, "missing/comparison.csv", path, sizeof path);
	err_clear(&e);
	assert_int_equal(compare_write_csv(path, rows, 2, KPI_total_om_eur, CSVDIALECT_EN, &e), -1);
	assert_non_null(strstr(e.msg, "cannot write "));
	assert_non_null(strstr(e.msg, "No such file or directory"));
	path_in(state, "missing/comparison.md", path, sizeof path);
	err_clear(&e);
	assert_int_equal(compare_write_md(path, rows, 2, KPI_total_om_eur, &e), -1);
	assert_non_null(strstr(e.msg, "cannot write "));
	assert_non_null(strstr(e.msg, "No such file or directory"));

	/* a directory without write permission (root may write anyway) */
	if (geteuid() != 0) {
		char dir[512];

		path_in(state, "ro", dir, sizeof dir);
		assert_int_equal(mkdir(dir, 0555), 0);
		path_in(state, "ro/comparison.md", path, sizeof path);
		assert_int_equal(compare_write_md(path, rows, 2, KPI_total_om_eur, &e), -1);
		assert_non_null(strstr(e.msg, "Permission denied"));
		assert_int_equal(chmod(dir, 0755), 0);
		testutil_rmdir(dir, NULL);
	}
}

/* An infinite KPI is refused by both writers, and nothing is written. */
static void refuses_infinity(void **state)
{
	struct compare_entry rows[2];
	char path[512];
	struct err e;

	fill(rows, 2);
	rows[1].kpi.v[KPI_total_savings_eur] = INFINITY;
	path_in(state, "comparison.csv", path, sizeof path);
	assert_int_equal(compare_write_csv(path, rows, 2, KPI_total_om_eur, CSVDIALECT_EN, &e), -1);
	assert_string_equal(e.key, "total_savings_eur");
	assert_non_null(strstr(e.msg, "total_savings_eur of b is inf"));
	assert_false(proc_exists(path));
	path_in(state, "comparison.md", path, sizeof path);
	assert_int_equal(compare_write_md(path, rows, 2, KPI_total_om_eur, &e), -1);
	assert_string_equal(e.key, "total_savings_eur");
	assert_non_null(strstr(e.msg, "total_savings_eur of b is inf"));
	assert_false(proc_exists(path));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rank_cases_hold),
		cmocka_unit_test(kpi_find),
		cmocka_unit_test(format_by_unit),
		cmocka_unit_test_setup_teardown(csv_ranked, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(md_report, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(md_direction, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(unwritable_directory, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(refuses_infinity, setup_dir, teardown_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
