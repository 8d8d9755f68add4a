/*
** test_council.c: the council tables and the comparison files of dtsim
** compare (sim/council.c): comparison.csv with its differences, the council
** view and its column limit, the transposed tables and their split, the
** burden per budget year, the WiBe table, and comparison.md. Expected values
** are sums and differences of the inputs below, worked out by hand.
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
#include <sys/stat.h>
#include <unistd.h>

#include "council.h"
#include "profile.h"
#include "testcsv.h"
#include "testproc.h"
#include "testutil.h"

#define MAXROWS 9

/* Rows whose KPIs are all distinct (base * (k + 1.385)), all feasible,
** with ids a..i, names A..I, each with the default parameters. */
static struct model_params params;

static void fill(struct compare_entry *rows, size_t n)
{
	static const char *const ids[MAXROWS] = { "a", "b", "c", "d", "e", "f", "g", "h", "i" };
	static const char *const names[MAXROWS] = { "A", "B", "C", "D", "E", "F", "G", "H", "I" };

	assert_true(n <= MAXROWS);
	profile_defaults(&params);
	for (size_t i = 0; i < n; i++) {
		rows[i].id = ids[i];
		rows[i].name = names[i];
		for (int k = 0; k < KPI_COUNT; k++)
			rows[i].kpi.v[k] = (double)(i + 1) * (k + 1.385);
		rows[i].kpi.v[KPI_feasible] = 1;
		rows[i].burden = NULL;
		rows[i].p = &params;
	}
}

/* ---- a scratch directory per test ------------------------------------------------ */

static int setup_dir(void **state)
{
	char *d = malloc(256);

	assert_non_null(d);
	assert_int_equal(testutil_mkdtemp(d, 256, "council"), 0);
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

/* The column of t whose key is key, or fails. */
static size_t col_of(const struct table *t, const char *key)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->col[c].key, key) == 0)
			return c;
	print_error("no column '%s'\n", key);
	fail();
	return 0;
}

/* ---- comparison.csv ------------------------------------------------------------- */

/*
** Ranked by total O&M (lower first): b (1.1e6), c (2.385e6), a (NaN). With
** the reference c, every delta_<kpi> is the row's value less c's, read
** back bit for bit; feasible has no difference.
*/
static void csv_ranked_with_differences(void **state)
{
	struct compare_entry rows[3];
	static const char *const names[] = { "Train first", "Main \"St\", 1", "Pay as we go" };
	static const size_t order[] = { 1, 2, 0 };
	const size_t width = 3 + KPI_COUNT + (KPI_COUNT - 1);
	struct comparison c;
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
	assert_int_equal(compare_init(&c, rows, 3, KPI_total_om_eur, 2, PLOT_EN), 0);
	path_in(state, "comparison.csv", path, sizeof path);
	assert_int_equal(council_write_csv(path, &c, CSVDIALECT_EN, &e), 0);

	testcsv_read(path, &t);
	assert_int_equal(t.nrows, 4);
	assert_int_equal(t.nfields, 4 * width);
	assert_string_equal(t.field[0], "rank");
	assert_string_equal(t.field[1], "scenario");
	assert_string_equal(t.field[2], "name");
	for (int k = 0; k < KPI_COUNT; k++)
		assert_string_equal(t.field[3 + k], summary_kpis[k].name);
	for (int k = 0, d = 0; k < KPI_COUNT; k++) {
		char want[COMPARE_LABEL_LEN];

		if (k == KPI_feasible)
			continue;
		snprintf(want, sizeof want, "delta_%s", summary_kpis[k].name);
		assert_string_equal(t.field[3 + KPI_COUNT + d++], want);
	}
	for (size_t i = 0; i < 3; i++) {
		const struct compare_entry *want = &rows[order[i]];
		char *const *f = &t.field[(i + 1) * width];
		char rank[8];

		snprintf(rank, sizeof rank, "%zu", i + 1);
		assert_string_equal(f[0], rank);
		assert_string_equal(f[1], want->id);
		assert_string_equal(f[2], want->name);
		for (int k = 0, d = 0; k < KPI_COUNT; k++) {
			double delta = want->kpi.v[k] - rows[2].kpi.v[k];

			if (isnan(want->kpi.v[k]))
				assert_string_equal(f[3 + k], "");
			else
				testcsv_same_double(f[3 + k], want->kpi.v[k]);
			if (k == KPI_feasible)
				continue;
			if (isnan(delta))
				assert_string_equal(f[3 + KPI_COUNT + d], "");
			else
				testcsv_same_double(f[3 + KPI_COUNT + d], delta);
			d++;
		}
	}
	testcsv_free(&t);
	compare_free(&c);

	/* Without a reference there are no differences. */
	assert_int_equal(compare_init(&c, rows, 3, KPI_total_om_eur, 3, PLOT_EN), 0);
	assert_int_equal(council_write_csv(path, &c, CSVDIALECT_EN, &e), 0);
	testcsv_read(path, &t);
	assert_int_equal(t.nfields, 4 * (3 + KPI_COUNT));
	testcsv_free(&t);
	compare_free(&c);
}

/* ---- the council view ------------------------------------------------------------ */

/* The default view fits a page for every ranking KPI, with and without a
** reference, and holds rank, name, feasible and the ranking KPI. */
static void default_view_fits_a_page(void **state)
{
	(void)state;
	for (int with_ref = 0; with_ref < 2; with_ref++)
		for (int k = 0; k < KPI_COUNT; k++) {
			struct council_col cols[COUNCIL_MAX_COLUMNS];
			size_t n = 0;

			council_default_columns((enum kpi)k, with_ref, cols, &n);
			assert_true(n <= COUNCIL_MAX_COLUMNS);
			assert_int_equal(n, COUNCIL_MAX_COLUMNS);
			assert_int_equal(cols[0].kind, COUNCIL_RANK);
			assert_int_equal(cols[1].kind, COUNCIL_NAME);
			assert_int_equal(cols[2].kind, COUNCIL_KPI);
			assert_int_equal(cols[2].k, KPI_feasible);
			if (k != KPI_feasible) {
				assert_int_equal(cols[3].kind, COUNCIL_KPI);
				assert_int_equal(cols[3].k, k);
				if (with_ref) {
					assert_int_equal(cols[4].kind, COUNCIL_DELTA);
					assert_int_equal(cols[4].k, k);
				}
			}
		}
}

static void columns_parsed(void **state)
{
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	size_t n = 0;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(council_parse_columns("name,pv_cost_eur,delta_pv_cost_eur,rank", 1,
	                                       cols, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_int_equal(cols[0].kind, COUNCIL_NAME);
	assert_int_equal(cols[1].kind, COUNCIL_KPI);
	assert_int_equal(cols[1].k, KPI_pv_cost_eur);
	assert_int_equal(cols[2].kind, COUNCIL_DELTA);
	assert_int_equal(cols[2].k, KPI_pv_cost_eur);
	assert_int_equal(cols[3].kind, COUNCIL_RANK);

	/* unknown: named, with every allowed name */
	assert_int_equal(council_parse_columns("name,pv_costs", 1, cols, &n, &e), -1);
	assert_string_equal(e.key, "pv_costs");
	assert_non_null(strstr(e.msg, "unknown column 'pv_costs'; allowed: rank, scenario, name"));
	for (int k = 0; k < KPI_COUNT; k++)
		assert_non_null(strstr(e.msg, summary_kpis[k].name));
	/* a difference needs a reference */
	assert_int_equal(council_parse_columns("delta_pv_cost_eur", 0, cols, &n, &e), -1);
	assert_non_null(strstr(e.msg, "needs a reference"));
	/* feasible has no difference */
	assert_int_equal(council_parse_columns("delta_feasible", 1, cols, &n, &e), -1);
	/* twice, empty, too many for a page */
	assert_int_equal(council_parse_columns("rank,name,rank", 0, cols, &n, &e), -1);
	assert_non_null(strstr(e.msg, "named twice"));
	assert_int_equal(council_parse_columns("rank,,name", 0, cols, &n, &e), -1);
	assert_non_null(strstr(e.msg, "empty column name"));
	assert_int_equal(council_parse_columns("rank,scenario,name,feasible,target_year,"
	                                       "pv_cost_eur,end_cash_eur,total_om_eur,"
	                                       "payback_year", 0, cols, &n, &e), -1);
	assert_non_null(strstr(e.msg, "more than 8 columns"));
}

/* The view of the chosen columns: an infeasible row is last and, without a
** feasible column, marked in its name; the reference is marked. */
static void view_marks(void **state)
{
	struct compare_entry rows[3];
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	struct comparison c;
	struct table *t;
	size_t n;
	struct err e;

	(void)state;
	fill(rows, 3);
	rows[2].kpi.v[KPI_feasible] = 0;   /* best by value (highest), yet last */
	assert_int_equal(council_parse_columns("rank,name,delta_end_service_maturity", 1,
	                                       cols, &n, &e), 0);
	assert_int_equal(compare_init(&c, rows, 3, KPI_end_service_maturity, 0, PLOT_EN), 0);
	t = council_view(&c, cols, n);
	assert_non_null(t);
	assert_int_equal(t->ncols, 3);
	assert_string_equal(table_at(t, 0, 1)->text, "B");
	assert_string_equal(table_at(t, 1, 1)->text, "A (reference)");
	assert_string_equal(table_at(t, 2, 1)->text, "C (not feasible)");
	assert_close(table_at(t, 2, 0)->v, 3, 0, 0);
	/* a share's difference is in percentage points: 3 x - x = 2 x */
	assert_string_equal(table_at(t, 2, 2)->unit, "pp");
	assert_close(table_at(t, 2, 2)->v, 2 * (KPI_end_service_maturity + 1.385), 1e-15, 0);
	assert_string_equal(t->col[2].key, "delta_end_service_maturity");
	table_free(t);
	compare_free(&c);
}

/* ---- transposed ------------------------------------------------------------------- */

/*
** Nine strategies and the default columns: KPIs as rows, strategies as
** columns, 7 to a table beside the label column, so two tables of 8 and 3
** columns; rank, feasible and every KPI of the view are rows (not the
** name, which heads the columns).
*/
static void transposed_split(void **state)
{
	struct compare_entry rows[MAXROWS];
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	struct comparison c;
	size_t n;

	(void)state;
	fill(rows, MAXROWS);
	council_default_columns(KPI_total_savings_eur, 0, cols, &n);
	assert_int_equal(compare_init(&c, rows, MAXROWS, KPI_total_savings_eur, MAXROWS,
	                              PLOT_EN), 0);
	assert_int_equal(council_transposed_parts(&c), 2);
	for (size_t p = 0; p < 2; p++) {
		struct table *t = council_transposed(&c, cols, n, p);
		size_t strategies = p == 0 ? 7 : 2;

		assert_non_null(t);
		assert_true(t->ncols <= COUNCIL_MAX_COLUMNS);
		assert_int_equal(t->ncols, 1 + strategies);
		assert_int_equal(t->nrows, n - 1);
		assert_non_null(strstr(t->title, p == 0 ? "(1 of 2)" : "(2 of 2)"));
		/* higher savings first: i (row 8) heads the first table */
		for (size_t s = 0; s < strategies; s++) {
			size_t row = MAXROWS - 1 - (p * 7 + s);

			assert_string_equal(t->col[1 + s].key, rows[row].id);
			assert_string_equal(t->col[1 + s].label, rows[row].name);
			/* the row of the ranking KPI holds the value */
			assert_int_equal(table_at(t, 2, 0)->kind, TABLE_LABEL);
			assert_close(table_at(t, 2, 1 + s)->v, rows[row].kpi.v[KPI_total_savings_eur],
			             0, 0);
			assert_close(table_at(t, 0, 1 + s)->v, (double)(p * 7 + s + 1), 0, 0);
		}
		table_free(t);
	}
	compare_free(&c);
}

/* ---- the burden per budget year --------------------------------------------------- */

/*
** Two scenarios of 7 and 6 fiscal years: the table shows 2026-2030, one by
** one, and each horizon's total; a year a scenario does not have is empty.
*/
static void burden_table(void **state)
{
	struct compare_entry rows[2];
	double v[2][7][BURDEN_ITEMS];
	struct burden b[2] = { { 2026, 7, v[0], { 0 } }, { 2027, 6, v[1], { 0 } } };
	struct comparison c;

	(void)state;
	fill(rows, 2);
	for (int s = 0; s < 2; s++)
		for (int y = 0; y < 7; y++)
			for (int i = 0; i < BURDEN_ITEMS; i++) {
				v[s][y][i] = (s + 1) * 1e5 * (y + 1.385) + i * 2.5e4;
				if ((size_t)y < b[s].nyears)
					b[s].total[i] += v[s][y][i];
			}
	rows[0].burden = &b[0];
	rows[1].burden = &b[1];
	assert_int_equal(compare_init(&c, rows, 2, KPI_end_cash_eur, 2, PLOT_EN), 0);
	for (int i = 0; i < BURDEN_ITEMS; i++) {
		struct table *t = council_burden(&c, (enum burden_item)i);

		assert_non_null(t);
		assert_int_equal(t->ncols, 1 + COUNCIL_BURDEN_YEARS + 1);
		assert_string_equal(t->col[1].key, "2026");
		assert_string_equal(t->col[5].key, "2030");
		assert_string_equal(t->col[6].key, "total");
		/* end cash ranks b (row 1) first */
		assert_string_equal(table_at(t, 0, 0)->text, "B");
		assert_true(isnan(table_at(t, 0, 1)->v));     /* b starts in 2027 */
		assert_close(table_at(t, 0, 2)->v, v[1][0][i], 0, 0);
		assert_close(table_at(t, 0, 5)->v, v[1][3][i], 0, 0);
		assert_close(table_at(t, 0, 6)->v, b[1].total[i], 0, 0);
		assert_close(table_at(t, 1, 1)->v, v[0][0][i], 0, 0);
		assert_close(table_at(t, 1, 5)->v, v[0][4][i], 0, 0);
		assert_close(table_at(t, 1, 6)->v, b[0].total[i], 0, 0);
		assert_true(t->nnotes >= 2);
		assert_non_null(strstr(t->note[t->nnotes - 1], "not discounted"));
		table_free(t);
	}
	/* for machines: every fiscal year of each, b's 6 then a's 7 */
	{
		struct table *t = council_burden_data(&c);

		assert_non_null(t);
		assert_int_equal(t->nrows, 13);
		assert_int_equal(t->ncols, 3 + BURDEN_ITEMS);
		assert_string_equal(t->col[3].key, "own_cost_eur");
		assert_string_equal(t->col[6].key, "grants_eur");
		assert_string_equal(table_at(t, 0, 0)->text, "b");
		assert_close(table_at(t, 0, 2)->v, 2027, 0, 0);
		assert_close(table_at(t, 5, 2)->v, 2032, 0, 0);
		assert_string_equal(table_at(t, 6, 0)->text, "a");
		assert_close(table_at(t, 12, 2)->v, 2032, 0, 0);
		for (int i = 0; i < BURDEN_ITEMS; i++) {
			assert_close(table_at(t, 5, 3 + (size_t)i)->v, v[1][5][i], 0, 0);
			assert_close(table_at(t, 12, 3 + (size_t)i)->v, v[0][6][i], 0, 0);
		}
		table_free(t);
	}
	compare_free(&c);
}

/* ---- the WiBe table ---------------------------------------------------------------- */

/* Its columns are the present-value KPIs under WiBe's names, the
** non-budget-relevant cost has no value, and the difference of the NPV is
** against the reference. */
static void wibe_table(void **state)
{
	struct compare_entry rows[2];
	struct comparison c;
	struct table *t;

	(void)state;
	fill(rows, 2);
	assert_int_equal(compare_init(&c, rows, 2, KPI_end_cash_eur, 0, PLOT_DE), 0);
	t = council_wibe(&c);
	assert_non_null(t);
	assert_true(t->ncols <= COUNCIL_MAX_COLUMNS);
	assert_string_equal(t->title, "Wirtschaftlichkeit (Gliederung nach WiBe 5.0)");
	assert_string_equal(t->col[col_of(t, "pv_cost_eur")].label,
	                    "Barwert haushaltswirksame Kosten");
	assert_string_equal(table_at(t, 0, 0)->text, "B");
	assert_string_equal(table_at(t, 1, 0)->text, "A (Referenz)");
	assert_close(table_at(t, 0, col_of(t, "pv_cost_eur"))->v,
	             rows[1].kpi.v[KPI_pv_cost_eur], 0, 0);
	assert_close(table_at(t, 0, col_of(t, "pv_cash_benefit_eur"))->v,
	             rows[1].kpi.v[KPI_pv_cash_benefit_eur], 0, 0);
	assert_close(table_at(t, 0, col_of(t, "pv_capacity_benefit_eur"))->v,
	             rows[1].kpi.v[KPI_pv_capacity_benefit_eur], 0, 0);
	assert_close(table_at(t, 0, col_of(t, "pv_net_benefit_total_eur"))->v,
	             rows[1].kpi.v[KPI_pv_net_benefit_total_eur], 0, 0);
	assert_true(isnan(table_at(t, 0, col_of(t, "pv_non_budget_cost_eur"))->v));
	assert_close(table_at(t, 0, col_of(t, "delta_pv_net_benefit_total_eur"))->v,
	             rows[1].kpi.v[KPI_pv_net_benefit_total_eur]
	             - rows[0].kpi.v[KPI_pv_net_benefit_total_eur], 0, 0);
	/* the discounting is stated: year-end by default, in German */
	assert_non_null(strstr(t->note[t->nnotes - 1], "Jahresendkonvention"));
	table_free(t);
	compare_free(&c);

	params.finance_discounting = DISCOUNT_WIBE;
	assert_int_equal(compare_init(&c, rows, 2, KPI_end_cash_eur, 2, PLOT_EN), 0);
	t = council_wibe(&c);
	assert_non_null(t);
	assert_non_null(strstr(t->note[t->nnotes - 1], "the first year is undiscounted"));
	assert_null(strstr(t->note[t->nnotes - 1], "For "));   /* both alike */
	table_free(t);
	compare_free(&c);

	/* scenarios that discount differently are named with theirs */
	{
		struct model_params other = params;

		other.finance_discounting = DISCOUNT_YEAR_END;
		rows[1].p = &other;
		assert_int_equal(compare_init(&c, rows, 2, KPI_end_cash_eur, 2, PLOT_EN), 0);
		t = council_wibe(&c);
		assert_non_null(t);
		assert_non_null(strstr(t->note[t->nnotes - 2], "For a: "));
		assert_non_null(strstr(t->note[t->nnotes - 1], "For b: "));
		table_free(t);
		compare_free(&c);
	}
}

/* ---- comparison.md ------------------------------------------------------------------ */

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

static void md_report(void **state)
{
	struct compare_entry rows[3];
	/* a hostile name: a column break, code, HTML, a link, a backslash,
	** blanks around it; a name with an ampersand that is plain text */
	static const char hostile[] = "  Pay | as `we` go <b>[x](y)\\ &amp;  ";
	static const char hostile_shown[] = "Pay \\| as \\`we\\` go \\<b\\>\\[x\\](y)\\\\ \\&amp;";
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	struct comparison c;
	char path[512], cell[512];
	const char *head, *row;
	char *md;
	size_t n, npipes;
	struct err e;

	fill(rows, 3);
	rows[0].name = "Train & hire";
	rows[1].name = hostile;
	rows[2].name = "Status quo";
	/* by end_service_maturity (higher first): b 0.4567, c 0.31, a NaN */
	rows[0].kpi.v[KPI_end_service_maturity] = NAN;
	rows[1].kpi.v[KPI_end_service_maturity] = 0.4567;
	rows[2].kpi.v[KPI_end_service_maturity] = 0.31;
	rows[1].kpi.v[KPI_pv_cost_eur] = 12345678.9;
	rows[1].kpi.v[KPI_target_year] = NAN;
	rows[2].kpi.v[KPI_target_year] = 2031;
	council_default_columns(KPI_end_service_maturity, 0, cols, &n);
	assert_int_equal(compare_init(&c, rows, 3, KPI_end_service_maturity, 3, PLOT_EN), 0);
	path_in(state, "comparison.md", path, sizeof path);
	assert_int_equal(council_write_md(path, &c, cols, n, 0, &e), 0);
	md = proc_read_file(path, NULL);
	assert_non_null(md);

	assert_true(strncmp(md, "# Scenario comparison\n", 22) == 0);
	assert_non_null(strstr(md, "`end_service_maturity`"));
	assert_non_null(strstr(md, "higher is better"));
	assert_non_null(strstr(md, "come last"));
	assert_null(strstr(md, "Not feasible:"));
	assert_null(strstr(md, "reference scenario"));

	/* the council view: header, alignment row, then 3 rows, each with as
	** many cells as the header (no name broke a row apart), 8 columns */
	head = strstr(md, "\n| Rank | Name | Feasible | End service maturity (%) |");
	assert_non_null(head);
	head++;
	npipes = md_pipes(head);
	assert_int_equal(npipes, COUNCIL_MAX_COLUMNS + 1);
	for (size_t i = 1; i <= 4; i++)
		assert_int_equal(md_pipes(line_at(head, i)), npipes);
	assert_int_equal(*line_at(head, 5), '\n');

	row = line_at(head, 2);  /* rank 1: b */
	md_cell(row, 0, cell, sizeof cell);
	assert_string_equal(cell, "1");
	md_cell(row, 1, cell, sizeof cell);
	assert_string_equal(cell, hostile_shown);
	md_cell(row, 2, cell, sizeof cell);
	assert_string_equal(cell, "yes");
	md_cell(row, 3, cell, sizeof cell);
	assert_string_equal(cell, "45.7");
	md_cell(row, 4, cell, sizeof cell);   /* target year */
	assert_string_equal(cell, "never");
	md_cell(row, 5, cell, sizeof cell);   /* PV cost */
	assert_string_equal(cell, "12.35");
	row = line_at(head, 4);  /* rank 3: a, without a value */
	md_cell(row, 1, cell, sizeof cell);
	assert_string_equal(cell, "Train & hire");  /* no entity: left alone */
	md_cell(row, 3, cell, sizeof cell);
	assert_string_equal(cell, "\xe2\x80\x93");
	/* the money notes under the view, then the burden and WiBe tables */
	assert_non_null(strstr(head, "\nAmounts are nominal"));
	assert_non_null(strstr(head, "year-end convention"));
	/* (without burdens, a single column holds a unit: it stays there) */
	assert_non_null(strstr(head, "\n## Own cost per budget year\n"));
	assert_non_null(strstr(head, "\n## Grants received per budget year\n"));
	assert_non_null(strstr(head, "\n## Economic efficiency (structure of WiBe 5.0) (M EUR)\n"));
	free(md);
	compare_free(&c);

	/* an infeasible strategy is named; a reference is named, escaped */
	rows[1].kpi.v[KPI_feasible] = 0;
	assert_int_equal(compare_init(&c, rows, 3, KPI_end_service_maturity, 1, PLOT_EN), 0);
	assert_int_equal(council_write_md(path, &c, cols, n, 1, &e), 0);
	md = proc_read_file(path, NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "Not feasible: Pay \\| as"));
	assert_non_null(strstr(md, "against the reference scenario Pay \\| as"));
	assert_non_null(strstr(md, "\n| Key figure | Status quo | Train & hire | Pay \\|"));
	free(md);
	compare_free(&c);
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
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	char path[512];
	struct err e;
	size_t n;

	fill(rows, 2);
	path_in(state, "comparison.md", path, sizeof path);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct comparison c;
		char *md;

		council_default_columns(cases[i].by, 0, cols, &n);
		assert_int_equal(compare_init(&c, rows, 2, cases[i].by, 2, PLOT_EN), 0);
		assert_int_equal(council_write_md(path, &c, cols, n, 0, &e), 0);
		md = proc_read_file(path, NULL);
		assert_non_null(md);
		assert_non_null(strstr(md, cases[i].says));
		assert_null(strstr(md, "come last"));  /* no NaN here */
		free(md);
		compare_free(&c);
	}
}

/* ---- errors --------------------------------------------------------------------- */

/* Two strategies ranked by total O&M, without a reference, and the
** default columns: what the error cases write. */
struct two {
	struct compare_entry rows[2];
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	size_t n;
	struct comparison c;
};

static void two_init(struct two *w, double savings_b)
{
	fill(w->rows, 2);
	w->rows[1].kpi.v[KPI_total_savings_eur] = savings_b;
	council_default_columns(KPI_total_om_eur, 0, w->cols, &w->n);
	assert_int_equal(compare_init(&w->c, w->rows, 2, KPI_total_om_eur, 2, PLOT_EN), 0);
}

static void unwritable_directory(void **state)
{
	struct two w;
	const struct comparison *c = &w.c;
	const struct council_col *cols = w.cols;
	char path[512];
	struct err e;
	size_t n;

	two_init(&w, 1.385e6);
	n = w.n;
	path_in(state, "missing/comparison.csv", path, sizeof path);
	err_clear(&e);
	assert_int_equal(council_write_csv(path, c, CSVDIALECT_EN, &e), -1);
	assert_non_null(strstr(e.msg, "cannot write "));
	assert_non_null(strstr(e.msg, "No such file or directory"));
	path_in(state, "missing/comparison.md", path, sizeof path);
	err_clear(&e);
	assert_int_equal(council_write_md(path, c, cols, n, 0, &e), -1);
	assert_non_null(strstr(e.msg, "No such file or directory"));

	/* a directory without write permission (root may write anyway) */
	if (geteuid() != 0) {
		char dir[512];

		path_in(state, "ro", dir, sizeof dir);
		assert_int_equal(mkdir(dir, 0555), 0);
		path_in(state, "ro/comparison.md", path, sizeof path);
		assert_int_equal(council_write_md(path, c, cols, n, 0, &e), -1);
		assert_non_null(strstr(e.msg, "Permission denied"));
		assert_int_equal(chmod(dir, 0755), 0);
		testutil_rmdir(dir, NULL);
	}
	compare_free(&w.c);
}

/* An infinite KPI is refused by both writers, and nothing is written. */
static void refuses_infinity(void **state)
{
	struct two w;
	char path[512];
	struct err e;

	two_init(&w, INFINITY);
	path_in(state, "comparison.csv", path, sizeof path);
	assert_int_equal(council_write_csv(path, &w.c, CSVDIALECT_EN, &e), -1);
	assert_string_equal(e.key, "total_savings_eur");
	assert_non_null(strstr(e.msg, "total_savings_eur of b is inf"));
	assert_false(proc_exists(path));
	path_in(state, "comparison.md", path, sizeof path);
	assert_int_equal(council_write_md(path, &w.c, w.cols, w.n, 0, &e), -1);
	assert_string_equal(e.key, "total_savings_eur");
	assert_non_null(strstr(e.msg, "total_savings_eur of b is inf"));
	assert_false(proc_exists(path));
	compare_free(&w.c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(csv_ranked_with_differences, setup_dir, teardown_dir),
		cmocka_unit_test(default_view_fits_a_page),
		cmocka_unit_test(columns_parsed),
		cmocka_unit_test(view_marks),
		cmocka_unit_test(transposed_split),
		cmocka_unit_test(burden_table),
		cmocka_unit_test(wibe_table),
		cmocka_unit_test_setup_teardown(md_report, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(md_direction, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(unwritable_directory, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(refuses_infinity, setup_dir, teardown_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
