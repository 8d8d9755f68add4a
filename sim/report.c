/*
** report.c: the Markdown text of `dtsim report` (report.h).
**
** User text (ids, names, descriptions) goes through mdescape_text, image
** paths through mdescape_path. The report's own texts (headings, the
** sentences, the numbers, the registry's parameter names and sources) are
** written as they are where they hold no Markdown-active character in an
** active place, and through mdescape_text otherwise, so that the report.md
** a strategy author pastes stays readable. What a line holds in markup
** (its unescaped punctuation) never depends on user text: fuzz_report
** checks that against the same report with every user text replaced.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "mdescape.h"
#include "mdtable.h"
#include "modelversion.h"
#include "report.h"
#include "version.h"

const enum kpi report_sens_kpis[REPORT_SENS_NKPI] = {
	KPI_end_service_maturity, KPI_pv_cost_eur, KPI_pv_net_benefit_eur
};

/* The texts of both languages, [0] English, [1] German. */
typedef const char *const text2[2];

/* The assumptions an analysis chart's alt text names. */
#define REPORT_MC_ALT_NAMES 3

static const char *tx(text2 t, enum plot_lang lang)
{
	return t[lang == PLOT_DE];
}

/* ---- files ------------------------------------------------------------------------ */

/* The comparison charts: file, title and what the chart shows, for its alt
** text (the scenarios' names follow). */
static const struct {
	const char *file;
	text2 title, what;
} charts[REPORT_NCHARTS] = {
	[REPORT_CHART_KPI] = {
		"plots/compare-kpi",
		{ "Key figures by scenario", "Kennzahlen nach Szenario" },
		{ "bars of the key figures of each scenario at the end of the horizon: service"
		  " maturity, citizen adoption, legacy share, change resistance, investment and"
		  " savings",
		  "Balken der Kennzahlen jedes Szenarios am Ende des Zeitraums: Reifegrad der"
		  " Dienste, Nutzung durch die B\xc3\xbcrger, Anteil der Altsysteme,"
		  " Ver\xc3\xa4nderungswiderstand, Investitionen und Einsparungen" } },
	[REPORT_CHART_MATURITY] = {
		"plots/compare-service_maturity",
		{ "Service maturity by scenario", "Reifegrad der Dienste nach Szenario" },
		{ "one line per scenario: the share of services online, in per cent, year by year",
		  "eine Linie je Szenario: der Anteil der Dienste, die online sind, in Prozent,"
		  " Jahr f\xc3\xbcr Jahr" } },
	[REPORT_CHART_CASH] = {
		"plots/compare-cash_eur",
		{ "Cash by scenario", "Kassenbestand nach Szenario" },
		{ "one line per scenario: the cash at the end of each year, in euros",
		  "eine Linie je Szenario: der Kassenbestand am Ende jedes Jahres, in Euro" } },
	[REPORT_CHART_NET_BENEFIT] = {
		"plots/compare-net-benefit",
		{ "Cumulative net benefit by scenario", "Kumulierter Nettonutzen nach Szenario" },
		{ "one line per scenario: the cumulative net benefit, in euros, year by year",
		  "eine Linie je Szenario: der kumulierte Nettonutzen, in Euro, Jahr f\xc3\xbcr"
		  " Jahr" } },
	[REPORT_CHART_FUNDING] = {
		"plots/compare-funding",
		{ "Funding sources by scenario", "Finanzierungsquellen nach Szenario" },
		{ "one panel per scenario: the sources of money stacked per year, in euros",
		  "ein Feld je Szenario: die Finanzierungsquellen je Jahr gestapelt, in Euro" } },
};

void report_chart_file(enum report_chart c, size_t page, struct strbuf *b)
{
	if (page)
		strbuf_printf(b, "%s-%zu.png", charts[c].file, page);
	else
		strbuf_printf(b, "%s.png", charts[c].file);
}

#define DASHBOARD_PREFIX "plots/"
#define DASHBOARD_SUFFIX "-dashboard.png"

void report_dashboard_file(const char *id, struct strbuf *b)
{
	strbuf_printf(b, "%s%s%s", DASHBOARD_PREFIX, id, DASHBOARD_SUFFIX);
}

/* ---- pieces ------------------------------------------------------------------------ */

/* Appends user text (or the report's own text with active characters). */
static void put(struct strbuf *b, const char *s)
{
	mdescape_text(b, s);
}

/* Appends an image: ![alt](path) on a line of its own, then a blank line;
** alt is text already escaped. */
static void put_image(struct strbuf *b, const char *alt, const char *path)
{
	strbuf_printf(b, "![%s](", alt);
	mdescape_path(b, path);
	strbuf_printf(b, ")\n\n");
}

/* Row i's name, or its id when the name is empty. */
static const char *display_name(const struct report_in *in, size_t i)
{
	const struct compare_entry *row = &in->cmp->rows[i];

	return row->name && row->name[0] ? row->name : row->id;
}

/* Writes an elasticity with three significant digits, or a dash. */
static void put_elasticity(double x, enum plot_lang lang, struct strbuf *b)
{
	char buf[MDTABLE_VALUE_LEN];

	if (!isfinite(x)) {
		strbuf_printf(b, "\xe2\x80\x93");
		return;
	}
	snprintf(buf, sizeof buf, "%.3g", x);
	mdtable_localise(buf, lang);
	strbuf_printf(b, "%s", buf);
}

/* Writes a parameter's value: a whole number in full (150000), another
** with four significant digits (0.031), a dash when not finite. */
static void put_number(double x, enum plot_lang lang, struct strbuf *b)
{
	char buf[MDTABLE_VALUE_LEN];

	if (!isfinite(x)) {
		strbuf_printf(b, "\xe2\x80\x93");
		return;
	}
	if (fabs(x) < 1e15 && x == round(x))
		snprintf(buf, sizeof buf, "%.0f", x);
	else
		snprintf(buf, sizeof buf, "%.4g", x);
	mdtable_localise(buf, lang);
	strbuf_printf(b, "%s", buf);
}

/* ---- the sections ------------------------------------------------------------------ */

static void put_head(const struct report_in *in, struct strbuf *b)
{
	const struct report_scenario *s0 = &in->sc[0];
	size_t n = in->cmp->n;
	int de = in->cmp->lang == PLOT_DE;

	strbuf_printf(b, "# %s\n\n", de ? "Szenariobericht" : "Scenario report");
	if (de)
		strbuf_printf(b, "Geschrieben von dtsim %s (Modell %s) aus %zu Szenari%s ab %d."
		              " Jede Zahl stammt aus den Ergebnissen in diesem Verzeichnis"
		              " (summary.csv, die CSV-Dateien der Szenarien, die Diagramme in"
		              " plots). Geldbetr\xc3\xa4ge sind nominal in Euro; Barwerte sind mit"
		              " dem Kalkulationszins jedes Szenarios (finance.discount\\_rate)"
		              " auf das erste Jahr abgezinst.",
		              DTSIM_VERSION, MODEL_VERSION, n, n == 1 ? "o" : "en",
		              s0->start_year);
	else
		strbuf_printf(b, "Written by dtsim %s (model %s) from %zu scenario%s, from %d on."
		              " Every number comes from the results in this directory"
		              " (summary.csv, the scenarios' CSV files, the charts in plots). Money"
		              " is in nominal euros; present values are discounted to the first"
		              " year at each scenario's discount rate (finance.discount\\_rate).",
		              DTSIM_VERSION, MODEL_VERSION, n, n == 1 ? "" : "s",
		              s0->start_year);
	if (in->cmp->ref < n) {
		strbuf_printf(b, de ? " Referenzszenario: " : " The reference scenario: ");
		put(b, display_name(in, in->cmp->ref));
		strbuf_printf(b, ".");
	}
	strbuf_printf(b, "\n\n");
}

/* The alt text of a scenario's dashboard: the chart, the scenario, what
** the panels show and the answer's first figures. */
static void put_dashboard_alt(const struct report_in *in, size_t i, struct strbuf *b)
{
	const struct report_scenario *s = &in->sc[i];
	enum plot_lang lang = in->cmp->lang;
	int de = lang == PLOT_DE;

	strbuf_printf(b, de ? "Dashboard des Szenarios " : "Dashboard of the scenario ");
	put(b, display_name(in, i));
	strbuf_printf(b, de ? ": die Frage und die Kennzahlen, dann Finanzierung, Ausgaben nach"
	                      " Handlungsfeld, Dienste online und Nutzung, kumulierte Investitionen"
	                      " und Einsparungen, Liquidit\xc3\xa4t und Finanzierungsl\xc3\xbc" "cke,"
	                      " Betriebs- und Altsystemanteil, digitale Kompetenz und"
	                      " Ver\xc3\xa4nderungswiderstand,"
	                      " Jahr f\xc3\xbc" "r Jahr bis %d. Ziel "
	                    : ": the question and the key figures, then funding, spending by"
	                      " domain of action, services online and adoption, cumulative"
	                      " investment and savings, cash and funding gap, O&M and legacy"
	                      " share, workforce skill and change resistance, year by year to %d."
	                      " Target ", s->kf.end_year);
	keyfig_percent(s->kf.target, lang, b);
	strbuf_printf(b, " ");
	if (isnan(s->kf.target_year))
		strbuf_printf(b, de ? "bis %d nicht erreicht" : "not reached by %d", s->kf.end_year);
	else
		strbuf_printf(b, de ? "erreicht %.0f" : "reached in %.0f", s->kf.target_year);
	strbuf_printf(b, ".");
}

static void put_scenario(const struct report_in *in, size_t i, struct strbuf *b)
{
	const struct report_scenario *s = &in->sc[i];
	const char *id = in->cmp->rows[i].id;
	enum plot_lang lang = in->cmp->lang;
	int de = lang == PLOT_DE;
	struct strbuf t = STRBUF_INIT, label = STRBUF_INIT, value = STRBUF_INIT;

	strbuf_printf(b, "## ");
	put(b, display_name(in, i));
	strbuf_printf(b, "\n\n%s ", de ? "Szenariodatei:" : "Scenario file:");
	put(b, id);
	put(b, ".ini");
	if (i == in->cmp->ref)
		strbuf_printf(b, de ? " (das Referenzszenario)" : " (the reference scenario)");
	strbuf_printf(b, "\n\n**%s** ", de ? "Frage." : "Question.");
	if (s->description && s->description[0])
		put(b, s->description);
	else
		strbuf_printf(b, de ? "Die Szenariodatei stellt keine Frage (ihre description ist"
		                      " leer)." : "The scenario file asks no question (its"
		                      " description is empty).");
	/* The key figures' texts hold no user text, and no character that is
	** active where it stands: written as they are, readable in report.md. */
	strbuf_printf(b, "\n\n**%s** ", de ? "Antwort." : "Answer.");
	keyfig_answer(&s->kf, lang, b);
	strbuf_printf(b, "\n\n");
	for (int k = 0; k < KEYFIG_NITEMS; k++) {
		strbuf_reset(&label);
		strbuf_reset(&value);
		if (keyfig_item(&s->kf, (enum keyfig_item)k, lang, &label, &value) != 0)
			continue;
		strbuf_printf(b, "- %s: %s\n", strbuf_str(&label), strbuf_str(&value));
	}
	strbuf_printf(b, "\n");
	if (s->dashboard) {
		put_dashboard_alt(in, i, &t);
		strbuf_reset(&value);
		report_dashboard_file(id, &value);
		put_image(b, strbuf_str(&t), strbuf_str(&value));
	} else {
		strbuf_printf(b, "%s\n\n", de ? "Das Dashboard dieses Szenarios wurde nicht gezeichnet."
		                              : "The dashboard of this scenario was not drawn.");
	}
	strbuf_free(&t);
	strbuf_free(&label);
	strbuf_free(&value);
}

/* Appends KPI k's header in the language of the comparison (label and
** unit: compare_kpi_header), escaped. */
static void put_kpi_header(enum kpi k, enum plot_lang lang, struct strbuf *b)
{
	char header[MDTABLE_HEADER_LEN];

	compare_kpi_header(k, lang, header);
	put(b, header);
}

/* 1 when column c of t holds no text: its numbers are right-aligned. */
static int numeric_column(const struct table *t, size_t c)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (table_at(t, r, c)->kind == TABLE_TEXT || table_at(t, r, c)->kind == TABLE_LABEL)
			return 0;
	return 1;
}

/*
** Appends a cell of a council table: a number as mdtable_format_value
** shows it, a text, or a label with its unit (mdtable_header). Texts are
** escaped as user text is: names and ids stand in cells, headers and notes
** alike.
*/
static void put_cell(const struct table_cell *cell, enum plot_lang lang, struct strbuf *b)
{
	char buf[MDTABLE_VALUE_LEN > MDTABLE_HEADER_LEN ? MDTABLE_VALUE_LEN : MDTABLE_HEADER_LEN];

	if (cell->kind == TABLE_NUMBER) {
		/* digits, a point or comma, a sign, "never", a dash: no markup */
		mdtable_format_value(cell->unit ? cell->unit : "", cell->v, lang, buf);
		strbuf_printf(b, "%s", buf);
	} else if (cell->kind == TABLE_TEXT) {
		put(b, cell->text);
	} else if (cell->kind == TABLE_LABEL) {
		mdtable_header(cell->text, cell->unit, lang, buf);
		put(b, buf);
	}
}

/*
** Appends council table t (council.h) as mdtable_write shows it in
** comparison.md, but every text escaped in full (mdescape_text), and its
** title as a heading of level 3, under the comparison's. Frees t. Returns
** -1 when t is NULL or incomplete (memory ran out).
*/
static int put_table(struct table *t, enum plot_lang lang, struct strbuf *b)
{
	char buf[MDTABLE_HEADER_LEN];

	if (!t || table_failed(t)) {
		table_free(t);
		return -1;
	}
	if (t->title) {
		strbuf_printf(b, "### ");
		put(b, t->title);
		strbuf_printf(b, "\n\n");
	}
	strbuf_printf(b, "|");
	for (size_t c = 0; c < t->ncols; c++) {
		mdtable_header(t->col[c].label, t->col[c].unit, lang, buf);
		strbuf_printf(b, " ");
		put(b, buf);
		strbuf_printf(b, " |");
	}
	strbuf_printf(b, "\n|");
	for (size_t c = 0; c < t->ncols; c++)
		strbuf_printf(b, "%s", numeric_column(t, c) ? " ---: |" : " --- |");
	strbuf_printf(b, "\n");
	for (size_t r = 0; r < t->nrows; r++) {
		strbuf_printf(b, "|");
		for (size_t c = 0; c < t->ncols; c++) {
			strbuf_printf(b, " ");
			put_cell(table_at(t, r, c), lang, b);
			strbuf_printf(b, " |");
		}
		strbuf_printf(b, "\n");
	}
	for (size_t i = 0; i < t->nnotes; i++) {
		strbuf_printf(b, "\n");
		put(b, t->note[i]);
		strbuf_printf(b, "\n");
	}
	strbuf_printf(b, "\n");
	table_free(t);
	return 0;
}

/* How the strategies are ranked and marked, as comparison.md says it. */
static void put_ranking(const struct report_in *in, struct strbuf *b)
{
	const struct comparison *c = in->cmp;
	int de = c->lang == PLOT_DE;
	size_t infeasible = 0, k = 0;

	strbuf_printf(b, "%s", de ? "Die Szenarien, geordnet nach " : "The scenarios, ranked by ");
	put_kpi_header(c->by, c->lang, b);
	strbuf_printf(b, "%s", de ? " (das beste zuerst; gleiche Werte teilen einen Rang)."
	                            " Finanzierbar ist eine Strategie, wenn ihr Plan bezahlbar"
	                            " war: keine Finanzierungsl\xc3\xbc" "cke und nie ein negativer"
	                            " Kassenstand; nicht finanzierbare stehen hinter allen"
	                            " finanzierbaren."
	                          : " (the best first; equal values share a rank). A strategy"
	                            " is feasible when its plan was affordable: no funding gap"
	                            " and cash never below zero; infeasible ones rank after"
	                            " every feasible one.");
	for (size_t i = 0; i < c->n; i++)
		infeasible += !compare_feasible(&c->rows[i]);
	if (infeasible) {
		strbuf_printf(b, " %s ", de ? "Nicht finanzierbar:" : "Not feasible:");
		for (size_t i = 0; i < c->n; i++)
			if (!compare_feasible(&c->rows[c->order[i]])) {
				strbuf_printf(b, "%s", k++ ? ", " : "");
				put(b, display_name(in, c->order[i]));
			}
		strbuf_printf(b, ".");
	}
	if (c->ref < c->n) {
		strbuf_printf(b, "%s", de ? " Differenzen beziehen sich auf das Referenzszenario "
		                          : " Differences are against the reference scenario ");
		put(b, display_name(in, c->ref));
		strbuf_printf(b, ".");
	}
	strbuf_printf(b, "\n\n");
}

/* The comparison: the ranking, the council tables (the view of the chosen
** columns, the burden per budget year, the WiBe table), the charts.
** Returns -1 when memory runs out. */
static int put_comparison(const struct report_in *in, struct strbuf *b)
{
	const struct comparison *c = in->cmp;
	enum plot_lang lang = c->lang;
	int de = lang == PLOT_DE, rc;
	struct strbuf alt = STRBUF_INIT, file = STRBUF_INIT;

	strbuf_printf(b, "## %s\n\n", de ? "Vergleich" : "Comparison");
	put_ranking(in, b);
	rc = put_table(council_view(c, in->cols, in->ncols), lang, b);
	for (int item = 0; rc == 0 && item < BURDEN_ITEMS; item++)
		rc = put_table(council_burden(c, (enum burden_item)item), lang, b);
	if (rc == 0)
		rc = put_table(council_wibe(c), lang, b);
	for (int k = 0; rc == 0 && k < REPORT_NCHARTS; k++) {
		size_t pages = in->chart[k].paged ? in->chart[k].files : 0;

		for (size_t page = pages ? 1 : 0; page <= pages && in->chart[k].files; page++) {
			strbuf_reset(&alt);
			strbuf_printf(&alt, "%s: %s", tx(charts[k].title, lang), tx(charts[k].what, lang));
			if (pages)
				strbuf_printf(&alt, de ? " (Seite %zu von %zu)" : " (page %zu of %zu)",
				              page, pages);
			strbuf_printf(&alt, "; %s", de ? "Szenarien: " : "scenarios: ");
			for (size_t i = 0; i < c->n; i++) {
				strbuf_printf(&alt, "%s", i ? ", " : "");
				put(&alt, display_name(in, i));
			}
			strbuf_printf(&alt, ".");
			strbuf_reset(&file);
			report_chart_file((enum report_chart)k, page, &file);
			put_image(b, strbuf_str(&alt), strbuf_str(&file));
		}
	}
	strbuf_free(&alt);
	strbuf_free(&file);
	return rc;
}

/* ---- uncertainty --------------------------------------------------------------- */

/* The alt texts of a scenario's Monte Carlo charts: fan chart, histograms. */
static text2 mc_alt[2] = {
	{ "Fan chart of the scenario %s: for services online, transactions online, workforce"
	  " skill, change resistance, legacy share and cash, the band of the 5th to 95th and"
	  " of the 25th to 75th percentile over the runs and the median, year by year; the"
	  " maturity target dashed.",
	  "F\xc3\xa4" "cherdiagramm des Szenarios %s: f\xc3\xbcr Dienste online, Vorg\xc3\xa4nge"
	  " online, Digitalkompetenz, Ver\xc3\xa4nderungswiderstand, Altsystemanteil und"
	  " Liquidit\xc3\xa4t das Band vom 5. bis 95. und vom 25. bis 75. Perzentil \xc3\xbc" "ber"
	  " die L\xc3\xa4ufe und der Median, Jahr f\xc3\xbcr Jahr; das Reifeziel gestrichelt." },
	{ "Histograms of the scenario %s over the runs: services online and transactions"
	  " online in the last year, the year the target is reached, the payback year, the net"
	  " present value and the funding gap, as the share of the runs in each bin; the"
	  " maturity target and the mandate deadline marked.",
	  "Histogramme des Szenarios %s \xc3\xbc" "ber die L\xc3\xa4ufe: Dienste online und"
	  " Vorg\xc3\xa4nge online im letzten Jahr, das Jahr, in dem das Ziel erreicht wird, das"
	  " Amortisationsjahr, der Kapitalwert und die Finanzierungsl\xc3\xbc" "cke, als Anteil"
	  " der L\xc3\xa4ufe je Klasse; Reifeziel und Frist des Mandats markiert." },
};

/* The alt texts of the tornado, Morris and Sobol charts; the first
** assumptions of the table follow. */
static text2 sens_alt[REPORTMC_NSENS] = {
	{ "Tornado chart: for each assumption a bar from the key figure at its 10th to its"
	  " 90th percentile, the others at their median, the widest on top",
	  "Tornado-Diagramm: f\xc3\xbcr jede Annahme ein Balken von der Kennzahl bei ihrem 10."
	  " bis zu ihrem 90. Perzentil, die anderen auf ihrem Median, der breiteste oben" },
	{ "Morris screening: for each assumption the mean absolute elementary effect (mu*)"
	  " and the spread of its effects (sigma), the largest mu* on top",
	  "Morris-Screening: f\xc3\xbcr jede Annahme der mittlere Betrag ihrer Elementareffekte"
	  " (mu*) und deren Streuung (sigma), das gr\xc3\xb6\xc3\x9f" "te mu* oben" },
	{ "Sobol indices: for each assumption its first-order and total index with their 95 %"
	  " bootstrap intervals, the largest total index on top",
	  "Sobol-Indizes: f\xc3\xbcr jede Annahme ihr Index erster Ordnung und ihr totaler"
	  " Index mit 95-%-Bootstrap-Intervallen, der gr\xc3\xb6\xc3\x9f" "te totale Index oben" },
};

/* Appends alt text fmt (one %s: the name, escaped) to b. */
static void put_alt(struct strbuf *b, const char *fmt, const char *name)
{
	const char *at = strstr(fmt, "%s");

	strbuf_add(b, fmt, (size_t)(at - fmt));
	put(b, name);
	strbuf_printf(b, "%s", at + 2);
}

/* The analyses of DIR: each one's table, and its chart with the first
** assumptions of the table in its alt text. Returns -1 when memory runs
** out. */
static int put_global_sensitivity(const struct report_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->cmp->lang;
	int de = lang == PLOT_DE, rc = 0;
	struct strbuf alt = STRBUF_INIT, file = STRBUF_INIT;

	for (int k = 0; k < REPORTMC_NSENS && rc == 0; k++) {
		struct table *t = reportmc_sens_table(in->mc, (enum reportmc_sens)k, lang);

		/* (NULL: no such analysis, or none of the columns the report knows) */
		if (!t)
			continue;
		strbuf_reset(&alt);
		strbuf_printf(&alt, "%s", tx(sens_alt[k], lang));
		for (size_t r = 0; t && r < t->nrows && r < REPORT_MC_ALT_NAMES; r++)
			for (size_t c = 0; c < t->ncols; c++)
				if (strcmp(t->col[c].key, "parameter") == 0 && table_at(t, r, c)->text) {
					strbuf_printf(&alt, "%s", r ? ", " : de ? ". Vorn: " : ". First: ");
					put(&alt, table_at(t, r, c)->text);
				}
		strbuf_printf(&alt, ".");
		rc = put_table(t, lang, b);
		if (rc == 0 && in->mc->sens_chart[k]) {
			strbuf_reset(&file);
			reportmc_sens_chart_file((enum reportmc_sens)k, &file);
			put_image(b, strbuf_str(&alt), strbuf_str(&file));
		}
	}
	strbuf_free(&alt);
	strbuf_free(&file);
	return rc;
}

/* The study's table and each scenario's charts, then the analyses.
** Returns -1 when memory runs out. */
static int put_uncertainty(const struct report_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->cmp->lang;
	int de = lang == PLOT_DE, rc = 0;
	struct strbuf alt = STRBUF_INIT, file = STRBUF_INIT;
	size_t rows;
	struct table *t = reportmc_summary_table(in->mc, in->cmp, &rows);

	strbuf_printf(b, "## %s\n\n", de ? "Unsicherheit" : "Uncertainty");
	strbuf_printf(b, "%s\n\n", de
	              ? "Die Annahmen des Modells sind unsicher. Was daraus folgt, zeigen die"
	                " Dateien von dtsim mc (jedes Szenario viele Male gerechnet, die"
	                " unsicheren Parameter aus ihren Verteilungen gezogen) und von dtsim"
	                " sensitivity \\-\\-method tornado, morris oder sobol (welche Annahmen die"
	                " Streuung treiben), soweit dieses Verzeichnis sie enth\xc3\xa4lt."
	              : "The model's assumptions are uncertain. What follows from that is shown"
	                " by the files of dtsim mc (each scenario run many times, its uncertain"
	                " parameters drawn from their distributions) and of dtsim sensitivity"
	                " \\-\\-method tornado, morris or sobol (which assumptions drive the"
	                " spread), as far as this directory holds them.");
	if (rows)
		rc = put_table(t, lang, b);
	else
		table_free(t);
	for (size_t i = 0; rc == 0 && i < in->cmp->n; i++)
		for (int h = 0; h < 2; h++) {
			if (!(h ? in->mc->hist : in->mc->fan)[i])
				continue;
			strbuf_reset(&alt);
			put_alt(&alt, tx(mc_alt[h], lang), display_name(in, i));
			strbuf_reset(&file);
			reportmc_chart_file(in->cmp->rows[i].id, h, &file);
			put_image(b, strbuf_str(&alt), strbuf_str(&file));
		}
	if (rc == 0)
		rc = put_global_sensitivity(in, b);
	strbuf_free(&alt);
	strbuf_free(&file);
	return rc;
}

static void put_assumptions(const struct report_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->cmp->lang;
	int de = lang == PLOT_DE;
	char pc[32];

	strbuf_printf(b, "## %s\n\n", de ? "Die wichtigsten Annahmen" : "The assumptions that matter most");
	snprintf(pc, sizeof pc, "%.0f", in->sens_step * 100.0);
	if (de) {
		strbuf_printf(b, "F\xc3\xbcr das Szenario ");
		put(b, display_name(in, in->sens_sc));
		strbuf_printf(b, " wurde jeder Parameter einzeln um %s %% gesenkt und erh\xc3\xb6ht"
		              " (dtsim sensitivity \\-\\-method oat). Die Tabelle zeigt die %zu"
		              " Annahmen, die die Antwort am st\xc3\xa4rksten bewegen, mit ihrer"
		              " Elastizit\xc3\xa4t: der relativen \xc3\x84nderung der Kennzahl je"
		              " relativer \xc3\x84nderung der Annahme (0,5: 10 %% mehr der Annahme"
		              " geben 5 %% mehr der Kennzahl).\n\n", pc, in->nas);
	} else {
		strbuf_printf(b, "Each parameter of the scenario ");
		put(b, display_name(in, in->sens_sc));
		strbuf_printf(b, " was lowered and raised by %s %% on its own (dtsim sensitivity"
		              " \\-\\-method oat). The table shows the %zu assumptions that move the"
		              " answer most, with their elasticity: the relative change of the key"
		              " figure per relative change of the assumption (0.5: 10 %% more of the"
		              " assumption gives 5 %% more of the key figure).\n\n", pc, in->nas);
	}
	strbuf_printf(b, "| %s | %s | %s | %s |", de ? "Annahme" : "Assumption",
	              de ? "Bedeutung" : "Meaning", de ? "Wert" : "Value", de ? "Einheit" : "Unit");
	for (size_t k = 0; k < REPORT_SENS_NKPI; k++) {
		strbuf_printf(b, " %s ", de ? "Elastizit\xc3\xa4t:" : "Elasticity:");
		put_kpi_header(report_sens_kpis[k], lang, b);
		strbuf_printf(b, " |");
	}
	strbuf_printf(b, " %s |\n| --- | --- | ---: | --- |", de ? "Quelle" : "Source");
	for (size_t k = 0; k < REPORT_SENS_NKPI; k++)
		strbuf_printf(b, " ---: |");
	strbuf_printf(b, " --- |\n");
	for (size_t i = 0; i < in->nas; i++) {
		const struct report_assumption *a = &in->as[i];

		strbuf_printf(b, "| ");
		put(b, a->name);
		strbuf_printf(b, " | ");
		put(b, a->meaning);
		strbuf_printf(b, " | ");
		put_number(a->value, lang, b);
		strbuf_printf(b, " | ");
		put(b, a->unit);
		strbuf_printf(b, " |");
		for (size_t k = 0; k < REPORT_SENS_NKPI; k++) {
			strbuf_printf(b, " ");
			put_elasticity(a->elasticity[k], lang, b);
			strbuf_printf(b, " |");
		}
		strbuf_printf(b, " ");
		put(b, a->source);
		strbuf_printf(b, " |\n");
	}
	strbuf_printf(b, "\n");
}

static void put_sources(const struct report_in *in, struct strbuf *b)
{
	int de = in->cmp->lang == PLOT_DE;

	strbuf_printf(b, "## %s\n\n", de ? "Quellen" : "Sources");
	if (de)
		strbuf_printf(b,
		    "- Das Modell, Gleichung f\xc3\xbcr Gleichung mit Einheiten und Quellen:"
		    " docs/MODEL.md in den Quellen von dtsim %s.\n"
		    "- Jeder Parameter mit Einheit, Vorgabe, Bereich, Bedeutung und Quelle:"
		    " docs/PARAMETERS.md (dtsim params).\n"
		    "- Die Belege der Zahlen: docs/EVIDENCE.md; in der Spalte Quelle verweist"
		    " E\xc2\xa7n auf dessen Abschnitt n, F\xc2\xa7n und F2\xc2\xa7n auf die"
		    " Recherchen, auf denen es aufbaut, seed 000 bis 004 auf die Fachartikel, aus"
		    " denen das Modell seine Begriffe nimmt; user bedeutet: ein Wert der"
		    " Szenariodatei.\n"
		    "- Die Empfindlichkeit des Basisszenarios f\xc3\xbcr alle Kennzahlen:"
		    " docs/SENSITIVITY.md.\n\n", DTSIM_VERSION);
	else
		strbuf_printf(b,
		    "- The model, equation by equation with units and sources: docs/MODEL.md in"
		    " the sources of dtsim %s.\n"
		    "- Every parameter with its unit, default, range, meaning and source:"
		    " docs/PARAMETERS.md (dtsim params).\n"
		    "- The evidence behind the figures: docs/EVIDENCE.md; in the column Source,"
		    " E\xc2\xa7n refers to its section n, F\xc2\xa7n and F2\xc2\xa7n to the research it"
		    " builds on, seed 000 to 004 to the articles the model takes its concepts"
		    " from; user means a value of the scenario file.\n"
		    "- The sensitivity of the baseline for every key figure:"
		    " docs/SENSITIVITY.md.\n\n", DTSIM_VERSION);
}

int report_write_md(const struct report_in *in, struct strbuf *out)
{
	if (!in->cmp || in->cmp->n == 0 || in->cmp->ref > in->cmp->n
	    || (in->nas && in->sens_sc >= in->cmp->n) || in->cmp->by >= KPI_COUNT
	    || in->ncols == 0 || in->ncols > COUNCIL_MAX_COLUMNS)
		return -1;
	put_head(in, out);
	for (size_t i = 0; i < in->cmp->n; i++)
		put_scenario(in, i, out);
	if (put_comparison(in, out) != 0)
		return -1;
	if (in->mc && reportmc_any(in->mc, in->cmp) && put_uncertainty(in, out) != 0)
		return -1;
	if (in->nas)
		put_assumptions(in, out);
	put_sources(in, out);
	return 0;
}
