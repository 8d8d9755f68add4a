/*
** test_report.c: the Markdown of dtsim report (sim/report.h) from given
** results: user text cannot change the report's markup (the skeleton of
** mdcheck.h is that of the same report with plain names), every chart it
** is given is an image with an alt text and no other image appears, the
** comparison ranks and differs from the reference as documented, and the
** German report is German.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mdcheck.h"
#include "report.h"
#include "testutil.h"

#define NSC 3

/* Three scenarios with high-entropy KPIs; names and descriptions given. */
static void fill(struct report_scenario sc[NSC], const char *const names[NSC],
                 const char *const descs[NSC], const char *const ids[NSC], int dashboards)
{
	static const double pv_net[NSC] = { -17.6385e6, 2.2385e6, -3.4715e6 };
	static const double target_year[NSC] = { NAN, 2034, 2037 };

	for (size_t i = 0; i < NSC; i++) {
		memset(&sc[i], 0, sizeof sc[i]);
		for (int k = 0; k < KPI_COUNT; k++)
			sc[i].kpi.v[k] = 1.2385e6 * (double)(k + 1) + (double)i;
		sc[i].kpi.v[KPI_pv_net_benefit_eur] = pv_net[i];
		sc[i].kpi.v[KPI_target_year] = target_year[i];
		sc[i].kpi.v[KPI_end_service_maturity] = 0.71385 + 0.05 * (double)i;
		sc[i].kpi.v[KPI_total_funding_gap_eur] = i == 2 ? 2.33e6 : 0;
		sc[i].kpi.v[KPI_shortfall_years] = i == 2 ? 13 : 0;
		sc[i].kpi.v[KPI_payback_year] = i == 1 ? 2031 : NAN;
		sc[i].id = ids[i];
		sc[i].name = names[i];
		sc[i].description = descs[i];
		sc[i].start_year = 2026;
		sc[i].dashboard = dashboards;
		keyfig_from(&sc[i].kpi, NULL, 0.8, 2040, &sc[i].kf);
	}
}

static const struct report_assumption assumptions[2] = {
	{ "budget.om_share_initial", "share of O&M; derives *the* portfolio", "1",
	  "F\xc2\xa7" "1 GAO-16-468: 75-80 %", 0.75, { -2.36, -0.402, -0.3 } },
	{ "municipality.inhabitants", "inhabitants | size", "inhabitants", "user", 150000,
	  { 0.311, NAN, -1.17 } },
};

static char *write_md(const struct report_scenario *sc, size_t ref, enum plot_lang lang, int charts)
{
	struct report_in in;
	struct strbuf b = STRBUF_INIT;

	memset(&in, 0, sizeof in);
	in.lang = lang;
	in.sc = sc;
	in.n = NSC;
	in.ref = ref;
	in.rank_by = KPI_pv_net_benefit_eur;
	for (int c = 0; c < REPORT_NCHARTS; c++)
		in.chart[c] = charts;
	in.sens_sc = ref < NSC ? ref : 0;
	in.as = assumptions;
	in.nas = 2;
	in.sens_step = 0.1;
	assert_int_equal(report_write_md(&in, &b), 0);
	return strbuf_take(&b);
}

static const char *const plain_names[NSC] = { "Alpha", "Beta", "Gamma" };
static const char *const plain_descs[NSC] = { "Question one?", "Question two?", "Three?" };
static const char *const plain_ids[NSC] = { "a", "b", "c" };

/* Every hostile text as name, description and id (ids cannot hold '/' or
** start with '.': resdir_check_id): the skeleton stays that of the plain
** report, and the images are exactly the charts given. */
static void user_text_cannot_change_the_markup(void **state)
{
	struct report_scenario plain[NSC], hostile[NSC];
	char *want[2], *want_sk[2];

	(void)state;
	fill(plain, plain_names, plain_descs, plain_ids, 1);
	for (int lang = 0; lang < 2; lang++) {
		want[lang] = write_md(plain, 0, (enum plot_lang)lang, 1);
		want_sk[lang] = mdcheck_skeleton(want[lang]);
		assert_int_equal(mdcheck_images(want[lang]), NSC + REPORT_NCHARTS);
	}
	for (size_t h = 0; h < MDCHECK_NHOSTILE; h++) {
		const char *t = mdcheck_hostile[h];
		const char *names[NSC] = { t, "Beta", t };
		const char *descs[NSC] = { t, t, "Three?" };
		const char *ids[NSC] = { "x(1) ]) <y> ![z]", "b", "c" };

		fill(hostile, names, descs, ids, 1);
		for (int lang = 0; lang < 2; lang++) {
			char *md = write_md(hostile, 0, (enum plot_lang)lang, 1);
			char *sk = mdcheck_skeleton(md);

			if (strcmp(sk, want_sk[lang]) != 0)
				fail_msg("hostile text %zu changed the markup:\n%s", h, md);
			assert_true(mdcheck_utf8(md));
			assert_int_equal(mdcheck_images(md), NSC + REPORT_NCHARTS);
			assert_null(strstr(md, "](/etc"));
			free(sk);
			free(md);
		}
	}
	for (int lang = 0; lang < 2; lang++) {
		free(want[lang]);
		free(want_sk[lang]);
	}
}

/* Only the charts that exist are images; each image has an alt text that
** names the chart. */
static void images_are_the_charts_given_with_alt_text(void **state)
{
	struct report_scenario sc[NSC];
	char *md;
	const char *p;
	size_t n = 0;

	(void)state;
	fill(sc, plain_names, plain_descs, plain_ids, 0);
	md = write_md(sc, NSC, PLOT_EN, 0);
	assert_int_equal(mdcheck_images(md), 0);
	assert_non_null(strstr(md, "The dashboard of this scenario was not drawn."));
	free(md);
	sc[1].dashboard = 1;
	md = write_md(sc, NSC, PLOT_EN, 1);
	assert_int_equal(mdcheck_images(md), 1 + REPORT_NCHARTS);
	assert_non_null(strstr(md, "![Dashboard of the scenario Beta: "));
	assert_non_null(strstr(md, "](plots/b-dashboard.png)\n"));
	for (int c = 0; c < REPORT_NCHARTS; c++) {
		char dest[128];

		snprintf(dest, sizeof dest, "](%s)\n", report_chart_file((enum report_chart)c));
		assert_non_null(strstr(md, dest));
	}
	for (p = md; (p = strstr(p, "![")) != NULL; p += 2) {
		const char *end = strstr(p, "](");

		assert_non_null(end);
		assert_true(end - p > 40);   /* a title and what the chart shows */
		n++;
	}
	assert_int_equal(n, 1 + REPORT_NCHARTS);
	free(md);
}

/* Ranked by the PV net benefit, higher first: Beta (2.24), Gamma (-3.47),
** Alpha (-17.64); against the reference Alpha the last column is each
** value minus -17.64 in M EUR with 2 decimals. */
static void comparison_ranks_and_differs_from_the_reference(void **state)
{
	struct report_scenario sc[NSC];
	char *md;

	(void)state;
	fill(sc, plain_names, plain_descs, plain_ids, 1);
	md = write_md(sc, 0, PLOT_EN, 1);
	assert_non_null(strstr(md, "| 1 | Beta | 2034 | 76.4 | "));
	assert_non_null(strstr(md, "| 2.24 | 0.00 | 0 | 19.88 |\n"));
	assert_non_null(strstr(md, "| 2 | Gamma | 2037 | 81.4 | "));
	assert_non_null(strstr(md, "| -3.47 | 2.33 | 13 | 14.17 |\n"));
	assert_non_null(strstr(md, "| 3 | Alpha | never | 71.4 | "));
	assert_non_null(strstr(md, "| -17.64 | 0.00 | 0 | 0.00 |\n"));
	assert_true(strstr(md, "| 1 | Beta") < strstr(md, "| 2 | Gamma"));
	assert_true(strstr(md, "| 2 | Gamma") < strstr(md, "| 3 | Alpha"));
	/* the table has at most 8 columns plus the reference's: 9 bars + 1 */
	{
		const char *row = strstr(md, "| 1 | Beta");
		size_t bars = 0;

		for (; *row != '\n'; row++)
			bars += *row == '|' && row[-1] != '\\';
		assert_int_equal(bars, 10);
	}
	/* the answer of Gamma says how it differs from no reference (fill
	** gives none), and that money falls short */
	assert_non_null(strstr(md, "Money falls short in 13 years (a funding gap of EUR 2.33 m)."));
	/* the assumptions table: registry text escaped */
	assert_non_null(strstr(md, "| budget\\.om\\_share\\_initial | share of O\\&M\\; derives"
	                           " \\*the\\* portfolio | 0.75 | 1 | -2.36 | -0.402 | -0.3 |"));
	assert_non_null(strstr(md, "| inhabitants \\| size | 150000 |"));
	free(md);
}

static void german_report(void **state)
{
	struct report_scenario sc[NSC];
	char *md;

	(void)state;
	fill(sc, plain_names, plain_descs, plain_ids, 1);
	md = write_md(sc, 0, PLOT_DE, 1);
	assert_non_null(strstr(md, "# Szenariobericht\n"));
	assert_non_null(strstr(md, "**Frage.** Question one\\?"));
	assert_non_null(strstr(md, "**Antwort.** Erreicht bis 2040 nicht 80 %"));
	assert_non_null(strstr(md, "| 3 | Alpha | nie | 71,4 | "));
	assert_non_null(strstr(md, "| \xe2\x88\x92" "17,64 | 0,00 | 0 | 0,00 |\n"));
	assert_non_null(strstr(md, "## Die wichtigsten Annahmen"));
	assert_non_null(strstr(md, "## Quellen"));
	assert_null(strstr(md, "Answer"));
	free(md);
}

static void bad_input_is_refused(void **state)
{
	struct report_scenario sc[NSC];
	struct report_in in;
	struct strbuf b = STRBUF_INIT;

	(void)state;
	fill(sc, plain_names, plain_descs, plain_ids, 1);
	memset(&in, 0, sizeof in);
	in.sc = sc;
	in.rank_by = KPI_pv_net_benefit_eur;
	assert_int_equal(report_write_md(&in, &b), -1);   /* no scenario */
	in.n = NSC;
	in.ref = NSC + 1;
	assert_int_equal(report_write_md(&in, &b), -1);   /* reference out of range */
	in.ref = NSC;
	in.nas = 1;
	in.as = assumptions;
	in.sens_sc = NSC;
	assert_int_equal(report_write_md(&in, &b), -1);   /* analysed scenario out of range */
	assert_string_equal(strbuf_str(&b), "");
	strbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(user_text_cannot_change_the_markup),
		cmocka_unit_test(images_are_the_charts_given_with_alt_text),
		cmocka_unit_test(comparison_ranks_and_differs_from_the_reference),
		cmocka_unit_test(german_report),
		cmocka_unit_test(bad_input_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
