/*
** test_report.c: the Markdown of dtsim report (sim/report.h) from given
** results: user text cannot change the report's markup (the skeleton of
** mdcheck.h is that of the same report with plain names), every chart it
** is given is an image with an alt text and no other image appears, the
** comparison ranks and differs from the reference as documented, and the
** German report is German. The uncertainty section shows the Monte Carlo
** study and the global sensitivity analyses of a results directory (files
** as dtsim mc and dtsim sensitivity write them, in a scratch directory)
** with the values the README defines, and their texts stay text.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mdcheck.h"
#include "report.h"
#include "reportmc.h"
#include "testutil.h"

#define NSC 3

/* Three scenarios with high-entropy KPIs, as the report gets them: rows of
** a comparison (ids, names, KPIs, burden, first year's parameters) and the
** report's own parts (descriptions, key figures, dashboards). */
struct fixture {
	struct compare_entry rows[NSC];
	struct report_scenario sc[NSC];
	struct model_params p;
	struct burden burden[NSC];
	double years[NSC][2][BURDEN_ITEMS];
	struct comparison cmp;
};

static void fill(struct fixture *f, const char *const names[NSC],
                 const char *const descs[NSC], const char *const ids[NSC], int dashboards)
{
	static const double pv_net[NSC] = { -17.6385e6, 2.2385e6, -3.4715e6 };
	static const double target_year[NSC] = { NAN, 2034, 2037 };

	memset(f, 0, sizeof *f);
	params_defaults(&f->p);
	for (size_t i = 0; i < NSC; i++) {
		struct summary *k = &f->rows[i].kpi;

		for (int j = 0; j < KPI_COUNT; j++)
			k->v[j] = 1.2385e6 * (double)(j + 1) + (double)i;
		k->v[KPI_pv_net_benefit_eur] = pv_net[i];
		k->v[KPI_target_year] = target_year[i];
		k->v[KPI_end_service_maturity] = 0.71385 + 0.05 * (double)i;
		k->v[KPI_total_funding_gap_eur] = i == 2 ? 2.33e6 : 0;
		k->v[KPI_shortfall_years] = i == 2 ? 13 : 0;
		k->v[KPI_payback_year] = i == 1 ? 2031 : NAN;
		k->v[KPI_feasible] = i != 2;
		for (size_t y = 0; y < 2; y++)
			for (int b = 0; b < BURDEN_ITEMS; b++)
				f->years[i][y][b] = 0.1385e6 * (double)(b + 1) + 0.01e6 * (double)(y + i);
		f->burden[i] = (struct burden){ 2026, 2, f->years[i], { 0 } };
		f->rows[i].id = ids[i];
		f->rows[i].name = names[i];
		f->rows[i].burden = &f->burden[i];
		f->rows[i].p = &f->p;
		f->sc[i].description = descs[i];
		f->sc[i].start_year = 2026;
		f->sc[i].dashboard = dashboards;
		keyfig_from(k, NULL, 0.8, 2040, &f->sc[i].kf);
	}
}

static const struct report_assumption assumptions[2] = {
	{ "budget.om_share_initial", "share of O&M; derives *the* portfolio", "1",
	  "F\xc2\xa7" "1 GAO-16-468: 75-80 %", 0.75, { -2.36, -0.402, -0.3 } },
	{ "municipality.inhabitants", "inhabitants | size", "inhabitants", "user", 150000,
	  { 0.311, NAN, -1.17 } },
};

/* The report of f ranked by the PV net benefit, reference ref (NSC: none),
** the uncertainty mc (NULL: none). */
static char *write_md_mc(struct fixture *f, size_t ref, enum plot_lang lang, int charts,
                         const struct reportmc *mc);

static char *write_md(struct fixture *f, size_t ref, enum plot_lang lang, int charts)
{
	return write_md_mc(f, ref, lang, charts, NULL);
}

static char *write_md_mc(struct fixture *f, size_t ref, enum plot_lang lang, int charts,
                         const struct reportmc *mc)
{
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	struct report_in in;
	struct strbuf b = STRBUF_INIT;

	memset(&in, 0, sizeof in);
	assert_int_equal(compare_init(&f->cmp, f->rows, NSC, KPI_pv_net_benefit_eur, ref, lang), 0);
	council_default_columns(KPI_pv_net_benefit_eur, ref < NSC, cols, &in.ncols);
	in.cmp = &f->cmp;
	in.sc = f->sc;
	in.cols = cols;
	for (int c = 0; c < REPORT_NCHARTS; c++)
		in.chart[c] = (struct report_chart_files){ charts ? (size_t)charts : 0, charts > 1 };
	in.sens_sc = ref < NSC ? ref : 0;
	in.as = assumptions;
	in.nas = 2;
	in.sens_step = 0.1;
	in.mc = mc;
	assert_int_equal(report_write_md(&in, &b), 0);
	compare_free(&f->cmp);
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
	struct fixture plain, hostile;
	char *want[2], *want_sk[2];

	(void)state;
	fill(&plain, plain_names, plain_descs, plain_ids, 1);
	for (int lang = 0; lang < 2; lang++) {
		want[lang] = write_md(&plain, 0, (enum plot_lang)lang, 1);
		want_sk[lang] = mdcheck_skeleton(want[lang]);
		assert_int_equal(mdcheck_images(want[lang]), NSC + REPORT_NCHARTS);
	}
	for (size_t h = 0; h < MDCHECK_NHOSTILE; h++) {
		const char *t = mdcheck_hostile[h];
		const char *names[NSC] = { t, "Beta", t };
		const char *descs[NSC] = { t, t, "Three?" };
		const char *ids[NSC] = { "x(1) ]) <y> ![z]", "b", "c" };

		fill(&hostile, names, descs, ids, 1);
		for (int lang = 0; lang < 2; lang++) {
			char *md = write_md(&hostile, 0, (enum plot_lang)lang, 1);
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
	struct fixture f;
	char *md;
	const char *p;
	size_t n = 0;

	(void)state;
	fill(&f, plain_names, plain_descs, plain_ids, 0);
	md = write_md(&f, NSC, PLOT_EN, 0);
	assert_int_equal(mdcheck_images(md), 0);
	assert_non_null(strstr(md, "The dashboard of this scenario was not drawn."));
	free(md);
	f.sc[1].dashboard = 1;
	md = write_md(&f, NSC, PLOT_EN, 1);
	assert_int_equal(mdcheck_images(md), 1 + REPORT_NCHARTS);
	assert_non_null(strstr(md, "![Dashboard of the scenario Beta: "));
	assert_non_null(strstr(md, "](plots/b-dashboard.png)\n"));
	for (int c = 0; c < REPORT_NCHARTS; c++) {
		char dest[128];

		struct strbuf file = STRBUF_INIT;

		report_chart_file((enum report_chart)c, 0, &file);
		snprintf(dest, sizeof dest, "](%s)\n", strbuf_str(&file));
		assert_non_null(strstr(md, dest));
		strbuf_free(&file);
	}
	for (p = md; (p = strstr(p, "![")) != NULL; p += 2) {
		const char *end = strstr(p, "](");

		assert_non_null(end);
		assert_true(end - p > 40);   /* a title and what the chart shows */
		n++;
	}
	assert_int_equal(n, 1 + REPORT_NCHARTS);
	free(md);
	/* charts in pages: an image per page, its alt text says which */
	md = write_md(&f, NSC, PLOT_EN, 3);
	assert_int_equal(mdcheck_images(md), 1 + 3 * REPORT_NCHARTS);
	assert_non_null(strstr(md, " (page 2 of 3); scenarios: Alpha, Beta, Gamma.](plots/compare-kpi-2.png)\n"));
	assert_null(strstr(md, "](plots/compare-kpi.png)"));
	free(md);
}

/* The number of unescaped '|' on the line of md that starts with prefix. */
static size_t bars(const char *md, const char *prefix)
{
	const char *row = strstr(md, prefix);
	size_t n = 0;

	assert_non_null(row);
	for (const char *q = row; *q && *q != '\n'; q++)
		n += *q == '|' && (q == row || q[-1] != '\\');
	return n;
}

/* The council view (council_default_columns with a reference: rank, name,
** feasible, the ranking KPI and its difference, maturity at the end, the
** target year, the PV of the own cost), ranked by the PV net benefit,
** higher first, feasible first: Beta (2.24), Alpha (-17.64, the
** reference), then Gamma (-3.47, not feasible: a funding gap). The
** differences from Alpha are 2.2385 + 17.6385 = 19.877 and -3.4715 +
** 17.6385 = 14.167 (M EUR, 2 decimals). */
static void comparison_ranks_and_differs_from_the_reference(void **state)
{
	struct fixture f;
	char *md;

	(void)state;
	fill(&f, plain_names, plain_descs, plain_ids, 1);
	md = write_md(&f, 0, PLOT_EN, 1);
	assert_non_null(strstr(md, "| 1 | Beta | yes | 2.24 | 19.88 | 76.4 | 2034 | "));
	assert_non_null(strstr(md, "| 2 | Alpha \\(reference\\) | yes | -17.64 | 0.00 | 71.4 |"
	                           " never | "));
	assert_non_null(strstr(md, "| 3 | Gamma | no | -3.47 | 14.17 | 81.4 | 2037 | "));
	assert_true(strstr(md, "| 1 | Beta") < strstr(md, "| 2 | Alpha"));
	assert_true(strstr(md, "| 2 | Alpha") < strstr(md, "| 3 | Gamma"));
	assert_non_null(strstr(md, " Not feasible: Gamma. Differences are against the reference"
	                           " scenario Alpha."));
	/* at most 8 columns: 9 bars */
	assert_int_equal(bars(md, "| 1 | Beta"), COUNCIL_MAX_COLUMNS + 1);
	/* the burden tables: a column per fiscal year and the total */
	assert_non_null(strstr(md, "### Own cost per budget year\n"));
	assert_non_null(strstr(md, "### Debt service per budget year\n"));
	assert_non_null(strstr(md, "### Economic efficiency \\(structure of WiBe 5\\.0\\)\n"));
	/* the answer of Gamma says that money falls short */
	assert_non_null(strstr(md, "Money falls short in 13 years (a funding gap of EUR 2.33 m)."));
	/* the assumptions table: registry text escaped */
	assert_non_null(strstr(md, "| budget\\.om\\_share\\_initial | share of O\\&M\\; derives"
	                           " \\*the\\* portfolio | 0.75 | 1 | -2.36 | -0.402 | -0.3 |"));
	assert_non_null(strstr(md, "| inhabitants \\| size | 150000 |"));
	free(md);
}

static void german_report(void **state)
{
	struct fixture f;
	char *md;

	(void)state;
	fill(&f, plain_names, plain_descs, plain_ids, 1);
	md = write_md(&f, 0, PLOT_DE, 1);
	assert_non_null(strstr(md, "# Szenariobericht\n"));
	assert_non_null(strstr(md, "**Frage.** Question one\\?"));
	assert_non_null(strstr(md, "**Antwort.** Erreicht bis 2040 nicht 80 %"));
	assert_non_null(strstr(md, "| 2 | Alpha \\(Referenz\\) | ja | \xe2\x88\x92" "17,64 | 0,00 |"
	                           " 71,4 | nie | "));
	assert_non_null(strstr(md, "## Vergleich\n"));
	assert_non_null(strstr(md, "## Die wichtigsten Annahmen"));
	assert_non_null(strstr(md, "## Quellen"));
	assert_null(strstr(md, "Answer"));
	free(md);
}

static void bad_input_is_refused(void **state)
{
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	struct fixture f;
	struct report_in in;
	struct strbuf b = STRBUF_INIT;

	(void)state;
	fill(&f, plain_names, plain_descs, plain_ids, 1);
	memset(&in, 0, sizeof in);
	in.sc = f.sc;
	assert_int_equal(report_write_md(&in, &b), -1);   /* no comparison */
	assert_int_equal(compare_init(&f.cmp, f.rows, NSC, KPI_pv_net_benefit_eur, NSC, PLOT_EN), 0);
	in.cmp = &f.cmp;
	in.cols = cols;
	assert_int_equal(report_write_md(&in, &b), -1);   /* no column */
	council_default_columns(KPI_pv_net_benefit_eur, 0, cols, &in.ncols);
	in.nas = 1;
	in.as = assumptions;
	in.sens_sc = NSC;
	assert_int_equal(report_write_md(&in, &b), -1);   /* analysed scenario out of range */
	in.sens_sc = 0;
	f.cmp.ref = NSC + 1;
	assert_int_equal(report_write_md(&in, &b), -1);   /* reference out of range */
	f.cmp.ref = NSC;
	assert_string_equal(strbuf_str(&b), "");
	assert_int_equal(report_write_md(&in, &b), 0);
	compare_free(&f.cmp);
	strbuf_free(&b);
}

/* ---- uncertainty --------------------------------------------------------------- */

/* Writes text into dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* text as one CSV field: quoted, each '"' doubled, into buf. */
static void csv_field(const char *text, char *buf, size_t len)
{
	size_t n = 0;

	buf[n++] = '"';
	for (const char *p = text; *p && n + 3 < len; p++) {
		if (*p == '"')
			buf[n++] = '"';
		buf[n++] = *p;
	}
	buf[n++] = '"';
	buf[n] = '\0';
}

/* The inputs digest (sensprov.h) the study's analyses of a name. */
#define STUDY_DIGEST "00000000000000aa"

/*
** A results directory in a scratch place with a study of scenarios a and c
** (not b), a tornado and a Sobol analysis whose first parameter is named
** param and a Morris analysis, all three of a's inputs (STUDY_DIGEST), and
** the charts of a and of the tornado and Sobol analyses (empty files: the
** report only names them). Fills dir.
*/
static void write_study(char dir[64], const char *param)
{
	char q[512], text[2048], plots[96];

	snprintf(dir, 64, "/tmp/test_report-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(plots, sizeof plots, "%s/plots", dir);
	assert_int_equal(mkdir(plots, 0777), 0);
	put_file(dir, "mc_summary.csv",
	         "scenario,measure,mean,sd,p5,p25,p50,p75,p95\n"
	         "a,end_service_maturity,0.81385,0.04,0.7384,0.78,0.8123,0.84,0.8838\n"
	         "a,target_year,2034.5,1.2,2033,2034,2034,2035,2037\n"
	         "a,p_target_reached,0.625,0.0153,,,,,\n"
	         "a,p_payback,0.2386,0.0135,,,,,\n"
	         "a,p_funding_gap,0.1,0.0095,,,,,\n"
	         "c,end_service_maturity,0.6,0.03,0.55,0.58,0.6,0.62,0.65\n"
	         "c,target_year,,,,,,,\n"
	         "c,p_target_reached,0,0,,,,,\n"
	         "c,p_payback,0,0,,,,,\n"
	         "c,p_funding_gap,0.5,0.0158,,,,,\n");
	csv_field(param, q, sizeof q);
	snprintf(text, sizeof text, "parameter,low,high,kpi_low,kpi_high,swing,rank,kpi_centre,kpi,"
	         "scenario,inputs_digest\n"
	         "%s,0.18,0.32,-21000000,-14500000,6500000,1,-17600000,pv_net_benefit_eur,a,"
	         STUDY_DIGEST "\n"
	         "workforce.training_gain,0.2385,0.4,-18000000,-17000000,1000000,2,-17600000,"
	         "pv_net_benefit_eur,a," STUDY_DIGEST "\n", q);
	put_file(dir, "tornado.csv", text);
	snprintf(text, sizeof text, "parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,rank,kpi,scenario,"
	         "inputs_digest\n"
	         "%s,0.4385,0.4,0.47,0.5123,0.48,0.55,1,end_service_maturity,a," STUDY_DIGEST "\n",
	         q);
	put_file(dir, "sobol.csv", text);
	put_file(dir, "morris.csv", "parameter,mu,mu_star,sigma,rank,kpi,scenario,inputs_digest\n"
	         "resistance.initial,-0.05,0.0612,0.01,1,end_service_maturity,a," STUDY_DIGEST "\n");
	put_file(plots, "a-fan.png", "");
	put_file(plots, "a-mc-kpi.png", "");
	put_file(plots, "sensitivity-tornado.png", "");
	put_file(plots, "sensitivity-sobol.png", "");
}

/* Removes what write_study wrote. */
static void remove_study(const char *dir)
{
	static const char *const files[] = {
		"mc_summary.csv", "tornado.csv", "sobol.csv", "morris.csv", "plots/a-fan.png",
		"plots/a-mc-kpi.png", "plots/sensitivity-tornado.png", "plots/sensitivity-sobol.png",
		"plots", "",
	};
	char path[128];

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		assert_int_equal(remove(path), 0);
	}
}

/*
** The study's table: one row per scenario it has (a, c; not b), its
** probabilities and maturity percentiles in per cent with one decimal and
** the median target year (mdtable_format_value), the largest standard
** error of a probability in the note (0.0158: 1.6 points); the tornado's
** amounts in M EUR, the Sobol indices with two decimals; the fan chart and
** histograms of a, the tornado and Sobol charts as images with alt texts.
*/
static void uncertainty_shows_the_study_and_analyses(void **state)
{
	static const char *const ids[NSC] = { "a", "b", "c" };
	static const char *const digests[NSC] = { STUDY_DIGEST, NULL, "0123456789abcdef" };
	struct fixture f;
	struct reportmc mc;
	struct err e;
	char dir[64], *md;

	(void)state;
	write_study(dir, "legacy.om_rate");
	fill(&f, plain_names, plain_descs, plain_ids, 1);
	assert_int_equal(reportmc_load(dir, ids, digests, NSC, &mc, &e), 0);
	md = write_md_mc(&f, 0, PLOT_EN, 1, &mc);
	assert_non_null(strstr(md, "\n## Uncertainty\n"));
	assert_non_null(strstr(md, "| Scenario | Target reached by the target year \\(\\%\\) |"
	                           " Median target year |"));
	assert_non_null(strstr(md, "| Alpha | 62.5 | 2034 | 73.8 | 81.2 | 88.4 | 23.9 | 10.0 |\n"));
	assert_non_null(strstr(md, "| Gamma | 0.0 | never | 55.0 | 60.0 | 65.0 | 0.0 | 50.0 |\n"));
	{
		/* the study has no row of b */
		const char *from = strstr(md, "### Monte Carlo study"), *to = strstr(md, "Probabilities are");
		const char *beta = from ? strstr(from, "| Beta |") : NULL;

		assert_non_null(from);
		assert_non_null(to);
		assert_true(!beta || beta > to);
	}
	assert_non_null(strstr(md, "at most 1\\.6 percentage points"));
	assert_non_null(strstr(md, "| 1 | legacy\\.om\\_rate | 0.18 | 0.32 | -21.00 | -14.50 | 6.50 |"));
	assert_non_null(strstr(md, "| 1 | legacy\\.om\\_rate | 0.44 | 0.40 | 0.47 | 0.51 | 0.48 | 0.55 |"));
	assert_non_null(strstr(md, "| 1 | resistance\\.initial | 6.1 | -5.0 | 1.0 |"));
	assert_int_equal(mdcheck_images(md), NSC + REPORT_NCHARTS + 4);
	assert_non_null(strstr(md, "![Fan chart of the scenario Alpha: "));
	assert_non_null(strstr(md, "](plots/a-fan.png)\n"));
	assert_non_null(strstr(md, "](plots/a-mc-kpi.png)\n"));
	assert_non_null(strstr(md, ". First: legacy\\.om\\_rate, workforce\\.training\\_gain.]"
	                           "(plots/sensitivity-tornado.png)\n"));
	assert_non_null(strstr(md, "](plots/sensitivity-sobol.png)\n"));
	assert_null(strstr(md, "sensitivity-morris"));
	free(md);
	md = write_md_mc(&f, 0, PLOT_DE, 1, &mc);
	assert_non_null(strstr(md, "\n## Unsicherheit\n"));
	assert_non_null(strstr(md, "| Alpha | 62,5 | 2034 | 73,8 | 81,2 | 88,4 | 23,9 | 10,0 |\n"));
	assert_non_null(strstr(md, "| Gamma | 0,0 | nie |"));
	free(md);
	reportmc_free(&mc);
	/* a directory without any of it: no section */
	remove_study(dir);
	assert_non_null(mkdtemp(strcpy(dir, "/tmp/test_report-XXXXXX")));
	assert_int_equal(reportmc_load(dir, ids, digests, NSC, &mc, &e), 0);
	md = write_md_mc(&f, 0, PLOT_EN, 1, &mc);
	assert_null(strstr(md, "Uncertainty"));
	assert_int_equal(mdcheck_images(md), NSC + REPORT_NCHARTS);
	free(md);
	reportmc_free(&mc);
	assert_int_equal(rmdir(dir), 0);
}

/*
** A sensitivity table is shown only beside the run whose inputs it
** analysed: one of another digest of a, of a scenario not in the report
** (ids x, b, c), or of a scenario whose digest could not be had (NULL) is
** left out, and sens_other says so; the study (mc_summary.csv) stays.
*/
static void analyses_of_other_inputs_are_left_out(void **state)
{
	static const char *const ids[NSC] = { "a", "b", "c" }, *const other_ids[NSC] = { "x", "b", "c" };
	static const char *const other[NSC] = { "fedcba9876543210", NULL, NULL };
	static const char *const same[NSC] = { STUDY_DIGEST, NULL, NULL };
	static const char *const none[NSC] = { NULL, NULL, NULL };
	const char *const *cases[][2] = { { ids, other }, { other_ids, same }, { ids, none } };
	struct reportmc mc;
	struct err e;
	char dir[64];

	(void)state;
	write_study(dir, "legacy.om_rate");
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		assert_int_equal(reportmc_load(dir, cases[c][0], cases[c][1], NSC, &mc, &e), 0);
		assert_non_null(mc.summary);
		for (int k = 0; k < REPORTMC_NSENS; k++) {
			assert_null(mc.sens[k]);
			assert_int_equal(mc.sens_other[k], 1);
		}
		reportmc_free(&mc);
	}
	assert_int_equal(reportmc_load(dir, ids, same, NSC, &mc, &e), 0);
	for (int k = 0; k < REPORTMC_NSENS; k++) {
		assert_non_null(mc.sens[k]);
		assert_int_equal(mc.sens_other[k], 0);
	}
	reportmc_free(&mc);
	remove_study(dir);
}

/* Parameter names come from a results file: hostile text there, and in
** the scenarios' names, leaves the section's markup as with plain text. */
static void uncertainty_texts_stay_text(void **state)
{
	static const char *const ids[NSC] = { "a", "b", "c" };
	static const char *const digests[NSC] = { STUDY_DIGEST, NULL, "0123456789abcdef" };
	struct fixture plain, hostile;
	struct reportmc mc;
	struct err e;
	char dir[64], *want, *want_sk;

	(void)state;
	write_study(dir, "legacy.om_rate");
	fill(&plain, plain_names, plain_descs, plain_ids, 1);
	assert_int_equal(reportmc_load(dir, ids, digests, NSC, &mc, &e), 0);
	want = write_md_mc(&plain, 0, PLOT_EN, 1, &mc);
	want_sk = mdcheck_skeleton(want);
	reportmc_free(&mc);
	remove_study(dir);
	for (size_t h = 0; h < MDCHECK_NHOSTILE; h++) {
		const char *t = mdcheck_hostile[h];
		const char *names[NSC] = { t, "Beta", t };
		char *md, *sk;

		/* (a CSV field may not hold a line break: csvtab reads line by line) */
		write_study(dir, strpbrk(t, "\r\n") ? "legacy.om_rate" : t);
		fill(&hostile, names, plain_descs, plain_ids, 1);
		assert_int_equal(reportmc_load(dir, ids, digests, NSC, &mc, &e), 0);
		md = write_md_mc(&hostile, 0, PLOT_EN, 1, &mc);
		sk = mdcheck_skeleton(md);
		if (strcmp(sk, want_sk) != 0)
			fail_msg("hostile text %zu changed the markup:\n%s", h, md);
		assert_int_equal(mdcheck_images(md), NSC + REPORT_NCHARTS + 4);
		assert_null(strstr(md, "](/etc"));
		free(sk);
		free(md);
		reportmc_free(&mc);
		remove_study(dir);
	}
	free(want);
	free(want_sk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(user_text_cannot_change_the_markup),
		cmocka_unit_test(images_are_the_charts_given_with_alt_text),
		cmocka_unit_test(comparison_ranks_and_differs_from_the_reference),
		cmocka_unit_test(german_report),
		cmocka_unit_test(bad_input_is_refused),
		cmocka_unit_test(uncertainty_shows_the_study_and_analyses),
		cmocka_unit_test(uncertainty_texts_stay_text),
		cmocka_unit_test(analyses_of_other_inputs_are_left_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
