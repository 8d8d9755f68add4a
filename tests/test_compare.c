/*
** test_compare.c: ranking scenarios, feasible ones first, differences from
** a reference and KPI labels (sim/compare.c). Expected orders are worked
** out by hand from the inputs below.
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
		rows[i].kpi.v[KPI_feasible] = 1;
		rows[i].burden = NULL;
		rows[i].p = NULL;
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

/*
** Feasibility comes first: the funding strategies as dtsim 0.3 ranked them
** by pv_net_benefit_eur (M EUR), with grant_cofunding (row 2) best by value
** but infeasible (a funding gap, shortfall years). It must rank last, after
** every feasible one, and no tie with a feasible row is possible.
*/
static void infeasible_ranks_last(void **state)
{
	static const double pv_net[NROWS] = { -19.75e6, -20.07e6, -18.71e6, -21.06e6 };
	struct compare_entry rows[NROWS];
	size_t order[NROWS], rank[NROWS];

	(void)state;
	fill(rows, NROWS);
	for (size_t i = 0; i < NROWS; i++)
		rows[i].kpi.v[KPI_pv_net_benefit_eur] = pv_net[i];
	rows[2].kpi.v[KPI_feasible] = 0;
	compare_rank(rows, NROWS, KPI_pv_net_benefit_eur, order, rank);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 2);
	assert_int_equal(rank[3], 4);
	assert_false(compare_feasible(&rows[2]));
	assert_true(compare_feasible(&rows[0]));

	/* Two infeasible rows rank among themselves by value; equal values
	** tie, but never with a feasible row of the same value. */
	rows[0].kpi.v[KPI_feasible] = 0;
	rows[1].kpi.v[KPI_pv_net_benefit_eur] = -19.75e6;
	compare_rank(rows, NROWS, KPI_pv_net_benefit_eur, order, rank);
	assert_int_equal(order[0], 1);   /* feasible, -19.75 */
	assert_int_equal(order[1], 3);   /* feasible, -21.06 */
	assert_int_equal(order[2], 2);   /* infeasible, -18.71 */
	assert_int_equal(order[3], 0);   /* infeasible, -19.75: no tie with row 1 */
	assert_int_equal(rank[3], 4);
}

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

/* ---- differences and labels ------------------------------------------------------ */

/* A difference is a row's value less the reference's, in the unit of a
** difference: a year becomes years, a share percentage points. */
static void deltas(void **state)
{
	struct compare_entry rows[2];

	(void)state;
	fill(rows, 2);
	rows[0].kpi.v[KPI_pv_cost_eur] = 10.21e6;
	rows[1].kpi.v[KPI_pv_cost_eur] = 8.2385e6;
	rows[0].kpi.v[KPI_target_year] = NAN;
	assert_close(compare_delta(&rows[0].kpi, &rows[1].kpi, KPI_pv_cost_eur),
	             10.21e6 - 8.2385e6, 0, 0);
	assert_close(compare_delta(&rows[1].kpi, &rows[1].kpi, KPI_pv_cost_eur), 0, 0, 0);
	assert_true(isnan(compare_delta(&rows[0].kpi, &rows[1].kpi, KPI_target_year)));
	assert_true(isnan(compare_delta(&rows[1].kpi, &rows[0].kpi, KPI_target_year)));
	assert_string_equal(compare_delta_unit("year"), "years");
	assert_string_equal(compare_delta_unit("1"), "pp");
	assert_string_equal(compare_delta_unit("EUR"), "EUR");
	assert_false(compare_has_delta(KPI_feasible));
	assert_true(compare_has_delta(KPI_pv_cost_eur));
}

/* A KPI's label, and its header with the unit (M EUR, %, none for a year
** or a flag), in each language. */
static void labels(void **state)
{
	static const struct {
		enum kpi k;
		enum plot_lang lang;
		const char *label, *header;
	} cases[] = {
		{ KPI_total_om_eur, PLOT_EN, "Total O&M", "Total O&M (M EUR)" },
		{ KPI_pv_net_benefit_total_eur, PLOT_EN, "PV net benefit total",
		  "PV net benefit total (M EUR)" },
		{ KPI_pv_net_benefit_eur, PLOT_DE, "Kapitalwert haushaltswirksam",
		  "Kapitalwert haushaltswirksam (Mio. EUR)" },
		{ KPI_target_year, PLOT_EN, "Target year", "Target year" },
		{ KPI_target_year, PLOT_DE, "Zieljahr", "Zieljahr" },
		{ KPI_end_service_maturity, PLOT_DE, "Online-Reife am Ende",
		  "Online-Reife am Ende (%)" },
		{ KPI_feasible, PLOT_EN, "Feasible", "Feasible" },
	};
	char buf[COMPARE_LABEL_LEN], header[MDTABLE_HEADER_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		compare_kpi_label(cases[i].k, cases[i].lang, buf);
		assert_string_equal(buf, cases[i].label);
		compare_kpi_header(cases[i].k, cases[i].lang, header);
		assert_string_equal(header, cases[i].header);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rank_cases_hold),
		cmocka_unit_test(infeasible_ranks_last),
		cmocka_unit_test(kpi_find),
		cmocka_unit_test(deltas),
		cmocka_unit_test(labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
