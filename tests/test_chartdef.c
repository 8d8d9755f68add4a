/*
** test_chartdef.c: the chart catalogue names only columns that dtsim
** writes. A chart finds its columns by name when it reads the results, and
** a stack or line whose column is missing is silently left out; so a
** column renamed in models/outvars.def or summary.h, and not in
** chartdef.c, would make a series vanish from every chart without an
** error. Each column the catalogue names must be in the output registry
** (outvars_table: the columns of DIR/ID.csv) or, for the key figures, among
** the KPIs (summary_kpis: the columns of DIR/summary.csv).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "chartdef.h"
#include "domains.h"
#include "outvars.h"
#include "summary.h"

/* 1 when name is a KPI of summary.csv. */
static int is_kpi(const char *name)
{
	for (size_t k = 0; k < KPI_COUNT; k++)
		if (strcmp(summary_kpis[k].name, name) == 0)
			return 1;
	return 0;
}

/* Every column the catalogue names is written by dtsim to its file. */
static void test_columns_exist(void **state)
{
	enum chartdef_file file;
	const char *col;
	size_t i, missing = 0;

	(void)state;
	for (i = 0; (col = chartdef_column(i, &file)) != NULL; i++) {
		int found = file == CHARTDEF_SUMMARY_CSV ? is_kpi(col) : outvars_find(col) >= 0;

		if (!found) {
			print_error("chartdef.c names column '%s', which %s does not have\n", col,
			            file == CHARTDEF_SUMMARY_CSV ? "summary.csv (summary.h)"
			                                     : "a results CSV (models/outvars.def)");
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/*
** The iterator walks every table: as many columns as the tables hold,
** counted here from the tables themselves (the year, the stacks' column
** lists, the 2 + 2 + 2 + 3 + 1 + 1 lines, the lines of the charts beside
** the dashboard, the compared variables, the fan charts' variables, the key figures and
** the histograms' key figures), so a table left
** out of chartdef_column fails.
*/
static void test_iterator_covers_tables(void **state)
{
	enum chartdef_file file;
	size_t want = 1 + 11 + CHARTDEF_NCOMPARE + CHARTDEF_NKPIS + CHARTDEF_NFAN
	              + CHARTDEF_NMC_KPIS, got = 0, summary = 0;

	(void)state;
	for (size_t k = 0; k < CHARTDEF_NFUNDING; k++)
		for (size_t c = 0; c < CHARTDEF_STACK_COLS && chartdef_funding[k].cols[c]; c++)
			want++;
	for (size_t k = 0; k < CHARTDEF_NSPEND; k++)
		for (size_t c = 0; c < CHARTDEF_STACK_COLS && chartdef_spend[k].cols[c]; c++)
			want++;
	for (size_t k = 0; k < CHARTDEF_NCHARTS; k++)
		want += chartdef_charts[k].n;
	while (chartdef_column(got, &file)) {
		summary += file == CHARTDEF_SUMMARY_CSV;
		got++;
	}
	assert_int_equal(got, want);
	assert_int_equal(summary, CHARTDEF_NKPIS + CHARTDEF_NMC_KPIS);
}

/* The spending stack shows each domain of action (an invest_* column of
** the results) exactly once, so a domain added to the model is not left
** out of the chart; and the invest_* columns are the domains of
** models/domains.def (DOM_COUNT of them, invest_KEY_eur for each key),
** no more and no fewer. */
static void test_spend_has_every_domain(void **state)
{
	size_t domains = 0;

	(void)state;
	for (size_t v = 0; v < OV_COUNT; v++) {
		const char *name = outvars_table[v].name;
		size_t seen = 0;

		if (strncmp(name, "invest_", 7) != 0)
			continue;
		domains++;
		for (size_t k = 0; k < CHARTDEF_NSPEND; k++)
			for (size_t c = 0; c < CHARTDEF_STACK_COLS && chartdef_spend[k].cols[c]; c++)
				seen += strcmp(chartdef_spend[k].cols[c], name) == 0;
		if (seen != 1)
			fail_msg("%s is %zu times in the spending stack", name, seen);
	}
	assert_int_equal(domains, DOM_COUNT);
	for (size_t d = 0; d < DOM_COUNT; d++) {
		char col[64];

		assert_true((size_t)snprintf(col, sizeof col, "invest_%s_eur", domain_keys[d]) < sizeof col);
		if (outvars_find(col) < 0)
			fail_msg("domain %s has no column %s", domain_keys[d], col);
	}
}

/* A stack's column list ends with NULL within its room, and every stack
** and panel has a label and a colour or title (template variables). */
static void test_tables_complete(void **state)
{
	(void)state;
	for (size_t k = 0; k < CHARTDEF_NFUNDING; k++) {
		assert_non_null(chartdef_funding[k].cols[0]);
		assert_null(chartdef_funding[k].cols[CHARTDEF_STACK_COLS - 1]);
		assert_true(strncmp(chartdef_funding[k].label, "L_", 2) == 0);
		assert_true(strncmp(chartdef_funding[k].colour, "c_", 2) == 0);
	}
	for (size_t k = 0; k < CHARTDEF_NSPEND; k++) {
		assert_non_null(chartdef_spend[k].cols[0]);
		assert_null(chartdef_spend[k].cols[CHARTDEF_STACK_COLS - 1]);
		assert_true(strncmp(chartdef_spend[k].label, "L_", 2) == 0);
		assert_true(strncmp(chartdef_spend[k].colour, "c_", 2) == 0);
	}
	for (size_t p = 0; p < CHARTDEF_NPANELS; p++) {
		assert_non_null(chartdef_panels[p].suffix);
		assert_true(strncmp(chartdef_panels[p].title, "L_t_", 4) == 0);
	}
	for (size_t k = 0; k < CHARTDEF_NCHARTS; k++) {
		assert_non_null(chartdef_charts[k].suffix);
		assert_true(strncmp(chartdef_charts[k].title, "L_t_", 4) == 0);
		assert_true(chartdef_charts[k].n > 0);
		for (size_t i = 0; i < chartdef_charts[k].n; i++)
			assert_true(strncmp(chartdef_charts[k].lines[i].label, "L_", 2) == 0);
	}
	assert_string_equal(chartdef_compare[CHARTDEF_NCOMPARE - 1].col, "cum_net_benefit_eur");
}

/* The programme's money has a chart of its own (issue 11): loans, grants,
** partner capital, debt service, interest and fees, per year. */
static void test_programme_chart(void **state)
{
	static const char *const cols[] = { "loans_eur", "grants_eur", "partner_eur",
	                                    "debt_service_eur", "interest_eur", "service_fees_eur" };
	const struct chartdef_chart *c = NULL;

	(void)state;
	for (size_t k = 0; k < CHARTDEF_NCHARTS; k++)
		if (strcmp(chartdef_charts[k].suffix, "programme") == 0)
			c = &chartdef_charts[k];
	assert_non_null(c);
	assert_int_equal(c->kind, CHARTDEF_MONEY);
	assert_int_equal(c->flow, 1);
	assert_int_equal(c->n, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < c->n; i++)
		assert_string_equal(c->lines[i].col, cols[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_exist),
		cmocka_unit_test(test_iterator_covers_tables),
		cmocka_unit_test(test_spend_has_every_domain),
		cmocka_unit_test(test_tables_complete),
		cmocka_unit_test(test_programme_chart),
	};

	return cmocka_run_group_tests_name("chartdef", tests, NULL, NULL);
}
