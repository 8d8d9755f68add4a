/*
** reportmc.c: the uncertainty of `dtsim report` (reportmc.h): reading the
** files of dtsim mc and dtsim sensitivity that the results directory
** holds, and their tables. Files are read through csvtab after
** manifest_digest_file has checked that each is a regular file (not a
** link); texts read from them (parameter names) go into the tables as
** text cells, which report.c escapes.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "manifest.h"
#include "mcdata.h"
#include "reportmc.h"
#include "resdir.h"
#include "summary.h"

/* The largest file read, bytes (as the charts' reader, mcdata.c). */
#define REPORTMC_FILE_MAX (64u << 20)

/* The texts of both languages, [0] English, [1] German. */
typedef const char *const text2[2];

static const char *const methods[REPORTMC_NSENS] = { "tornado", "morris", "sobol" };

const char *reportmc_sens_method(enum reportmc_sens k)
{
	return methods[k];
}

/* 1 when dir/rel is a regular file (not a link). */
static int exists(const char *dir, const char *rel)
{
	char *path = resdir_join(dir, rel, "");
	struct stat st;
	int ok = path && lstat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	return ok;
}

/* Reads dir/name into *t when it is there. Returns 0, or -1 with e. */
static int load(const char *dir, const char *name, struct csvtab **t, struct err *e)
{
	char *path = resdir_join(dir, name, "");
	struct manifest_file mf;
	struct stat st;
	int rc = 0;

	if (!path)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (lstat(path, &st) == 0)
		rc = manifest_digest_file(path, REPORTMC_FILE_MAX, &mf, e) != 0
		     || csvtab_load(path, t, e) != 0 ? -1 : 0;
	free(path);
	return rc;
}

void reportmc_chart_file(const char *id, int hist, struct strbuf *b)
{
	strbuf_printf(b, "plots/%s-%s.png", id, hist ? "mc-kpi" : "fan");
}

void reportmc_sens_chart_file(enum reportmc_sens k, struct strbuf *b)
{
	strbuf_printf(b, "plots/sensitivity-%s.png", methods[k]);
}

/* 1 when table t names one of the n scenarios ids and its digest in the
** first row's scenario and inputs_digest (every row has the same). */
static int of_inputs(const struct csvtab *t, const char *const *ids, const char *const *digests,
                     size_t n)
{
	int cs = csvtab_find(t, "scenario"), cd = csvtab_find(t, "inputs_digest");

	if (cs < 0 || cd < 0 || csvtab_rows(t) == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (digests[i] && strcmp(csvtab_text(t, 0, (size_t)cs), ids[i]) == 0
		    && strcmp(csvtab_text(t, 0, (size_t)cd), digests[i]) == 0)
			return 1;
	return 0;
}

int reportmc_load(const char *dir, const char *const *ids, const char *const *digests, size_t n,
                  struct reportmc *m, struct err *e)
{
	struct strbuf file = STRBUF_INIT;
	int rc = 0;

	memset(m, 0, sizeof *m);
	m->fan = calloc(n + 1, sizeof *m->fan);
	m->hist = calloc(n + 1, sizeof *m->hist);
	if (!m->fan || !m->hist)
		return err_set(e, NULL, 0, NULL, "out of memory");
	m->n = n;
	if (load(dir, MCDATA_SUMMARY, &m->summary, e) != 0)
		return -1;
	for (int k = 0; k < REPORTMC_NSENS && rc == 0; k++) {
		strbuf_reset(&file);
		strbuf_printf(&file, "%s.csv", methods[k]);
		rc = load(dir, strbuf_str(&file), &m->sens[k], e);
		if (rc == 0 && m->sens[k] && !of_inputs(m->sens[k], ids, digests, n)) {
			csvtab_free(m->sens[k]);
			m->sens[k] = NULL;
			m->sens_other[k] = 1;
		}
		strbuf_reset(&file);
		reportmc_sens_chart_file((enum reportmc_sens)k, &file);
		m->sens_chart[k] = m->sens[k] && exists(dir, strbuf_str(&file));
	}
	for (size_t i = 0; i < n && m->summary; i++)
		for (int h = 0; h < 2; h++) {
			strbuf_reset(&file);
			reportmc_chart_file(ids[i], h, &file);
			(h ? m->hist : m->fan)[i] = exists(dir, strbuf_str(&file));
		}
	if (file.failed)
		rc = err_set(e, NULL, 0, NULL, "out of memory");
	strbuf_free(&file);
	return rc;
}

void reportmc_free(struct reportmc *m)
{
	if (!m)
		return;
	csvtab_free(m->summary);
	for (int k = 0; k < REPORTMC_NSENS; k++)
		csvtab_free(m->sens[k]);
	free(m->fan);
	free(m->hist);
	memset(m, 0, sizeof *m);
}

/* ---- the study's table ------------------------------------------------------------ */

/* The row of mc_summary.csv for scenario id and measure, or -1. */
static long summary_row(const struct csvtab *t, const char *id, const char *measure)
{
	int cs = csvtab_find(t, "scenario"), cm = csvtab_find(t, "measure");

	for (size_t r = 0; cs >= 0 && cm >= 0 && r < csvtab_rows(t); r++)
		if (strcmp(csvtab_text(t, r, (size_t)cs), id) == 0
		    && strcmp(csvtab_text(t, r, (size_t)cm), measure) == 0)
			return (long)r;
	return -1;
}

/* The statistic stat (mean, p5, ...) of measure for id; NaN when absent. */
static double summary_get(const struct csvtab *t, const char *id, const char *measure,
                          const char *stat)
{
	long r = summary_row(t, id, measure);
	int c = csvtab_find(t, stat);

	return r < 0 || c < 0 ? NAN : csvtab_num(t, (size_t)r, (size_t)c);
}

/* The columns of the study's table after the scenario's name: a measure of
** mc_summary.csv, the statistic shown, its unit and the header. */
static const struct {
	const char *measure, *stat, *unit;
	text2 label;
} mc_cols[] = {
	{ "p_target_reached", "mean", "1",
	  { "Target reached by the target year", "Ziel bis zum Zieljahr erreicht" } },
	{ "target_year", "p50", "year", { "Median target year", "Medianes Zieljahr" } },
	{ "end_service_maturity", "p5", "1",
	  { "Services online at the end, 5th percentile", "Dienste online am Ende, 5. Perzentil" } },
	{ "end_service_maturity", "p50", "1",
	  { "Services online at the end, median", "Dienste online am Ende, Median" } },
	{ "end_service_maturity", "p95", "1",
	  { "Services online at the end, 95th percentile",
	    "Dienste online am Ende, 95. Perzentil" } },
	{ "p_payback", "mean", "1", { "Payback within the horizon", "Amortisation im Zeitraum" } },
	{ "p_funding_gap", "mean", "1", { "Any funding gap", "Eine Finanzierungsl\xc3\xbc" "cke" } },
};
#define NMC_COLS (sizeof mc_cols / sizeof mc_cols[0])

/* The name of cmp's row i: its name, or its id when it has none. */
static const char *row_name(const struct comparison *cmp, size_t i)
{
	const struct compare_entry *row = &cmp->rows[i];

	return row->name && row->name[0] ? row->name : row->id;
}

int reportmc_any(const struct reportmc *m, const struct comparison *cmp)
{
	size_t rows = 0;

	for (size_t i = 0; m->summary && i < cmp->n; i++)
		rows += summary_row(m->summary, cmp->rows[i].id, "p_target_reached") >= 0
		        || summary_row(m->summary, cmp->rows[i].id, "end_service_maturity") >= 0;
	for (int k = 0; k < REPORTMC_NSENS; k++)
		rows += m->sens[k] != NULL;
	return rows > 0;
}

/* A row per scenario of cmp (in its order) that the study has; a note on
** the standard error of the probabilities. */
struct table *reportmc_summary_table(const struct reportmc *m, const struct comparison *cmp,
                                     size_t *rows)
{
	int de = cmp->lang == PLOT_DE;
	struct table *t;
	size_t r = 0;
	double se = 0;

	*rows = 0;
	for (size_t i = 0; m->summary && i < cmp->n; i++)
		*rows += summary_row(m->summary, cmp->rows[i].id, "end_service_maturity") >= 0;
	if (*rows == 0 || !(t = table_new(*rows, NMC_COLS + 1)))
		return NULL;
	table_set_title(t, "%s", de ? "Monte-Carlo-Studie: Wahrscheinlichkeiten und Perzentile"
	                            : "Monte Carlo study: probabilities and percentiles");
	table_set_col(t, 0, "scenario", de ? "Szenario" : "Scenario", NULL);
	for (size_t c = 0; c < NMC_COLS; c++)
		table_set_col(t, c + 1, mc_cols[c].measure, mc_cols[c].label[de], mc_cols[c].unit);
	for (size_t i = 0; i < cmp->n; i++) {
		const char *id = cmp->rows[i].id;

		if (summary_row(m->summary, id, "end_service_maturity") < 0)
			continue;
		table_set_text(t, r, 0, row_name(cmp, i));
		for (size_t c = 0; c < NMC_COLS; c++) {
			double v = summary_get(m->summary, id, mc_cols[c].measure, mc_cols[c].stat);

			table_set_number(t, r, c + 1, v, mc_cols[c].unit);
			if (strcmp(mc_cols[c].stat, "mean") == 0) {
				double s = summary_get(m->summary, id, mc_cols[c].measure, "sd");

				se = isfinite(s) ? fmax(se, s) : se;
			}
		}
		r++;
	}
	if (de)
		table_add_note(t, "Wahrscheinlichkeiten sind Anteile der L\xc3\xa4ufe (dtsim mc,"
		               " mc_summary.csv); ihr Standardfehler ist h\xc3\xb6" "chstens %.1f"
		               " Prozentpunkte. Zieljahr: das erste Jahr, an dessen Ende die Reife das"
		               " Ziel erreicht, der Median der L\xc3\xa4ufe, die es erreichen.",
		               se * 100);
	else
		table_add_note(t, "Probabilities are shares of the runs (dtsim mc, mc_summary.csv);"
		               " their standard error is at most %.1f percentage points. Target"
		               " year: the first year whose end finds maturity at the target, the"
		               " median of the runs that reach it.", se * 100);
	return t;
}

/* ---- the sensitivity tables -------------------------------------------------------- */

/* How a column of a sensitivity table is shown: in the KPI's unit, as an
** index (a Sobol index), or as the number it is, to 4 significant digits. */
enum col_kind { COL_RAW, COL_KPI, COL_INDEX };

static const struct {
	enum reportmc_sens k;
	const char *col;
	enum col_kind kind;
	text2 label;
} sens_cols[] = {
	{ REPORTMC_TORNADO, "rank", COL_RAW, { "Rank", "Rang" } },
	{ REPORTMC_TORNADO, "parameter", COL_RAW, { "Assumption", "Annahme" } },
	{ REPORTMC_TORNADO, "low", COL_RAW, { "10th percentile", "10. Perzentil" } },
	{ REPORTMC_TORNADO, "high", COL_RAW, { "90th percentile", "90. Perzentil" } },
	{ REPORTMC_TORNADO, "kpi_low", COL_KPI, { "Key figure at the 10th", "Kennzahl beim 10." } },
	{ REPORTMC_TORNADO, "kpi_high", COL_KPI, { "Key figure at the 90th", "Kennzahl beim 90." } },
	{ REPORTMC_TORNADO, "swing", COL_KPI, { "Swing", "Spanne" } },
	{ REPORTMC_MORRIS, "rank", COL_RAW, { "Rank", "Rang" } },
	{ REPORTMC_MORRIS, "parameter", COL_RAW, { "Assumption", "Annahme" } },
	{ REPORTMC_MORRIS, "mu_star", COL_KPI, { "mu*", "mu*" } },
	{ REPORTMC_MORRIS, "mu", COL_KPI, { "mu", "mu" } },
	{ REPORTMC_MORRIS, "sigma", COL_KPI, { "sigma", "sigma" } },
	{ REPORTMC_SOBOL, "rank", COL_RAW, { "Rank", "Rang" } },
	{ REPORTMC_SOBOL, "parameter", COL_RAW, { "Assumption", "Annahme" } },
	{ REPORTMC_SOBOL, "S1", COL_INDEX, { "First-order index", "Index erster Ordnung" } },
	{ REPORTMC_SOBOL, "S1_lo", COL_INDEX, { "from", "von" } },
	{ REPORTMC_SOBOL, "S1_hi", COL_INDEX, { "to", "bis" } },
	{ REPORTMC_SOBOL, "ST", COL_INDEX, { "Total index", "Totaler Index" } },
	{ REPORTMC_SOBOL, "ST_lo", COL_INDEX, { "from", "von" } },
	{ REPORTMC_SOBOL, "ST_hi", COL_INDEX, { "to", "bis" } },
};
#define NSENS_COLS (sizeof sens_cols / sizeof sens_cols[0])

static const struct {
	text2 title, what;
} sens_titles[REPORTMC_NSENS] = {
	{ { "Tornado", "Tornado" },
	  { "Each assumption alone at its 10th and 90th percentile, the others at their median.",
	    "Jede Annahme allein auf ihrem 10. und 90. Perzentil, die anderen auf ihrem"
	    " Median." } },
	{ { "Morris elementary effects", "Elementareffekte nach Morris" },
	  { "The mean absolute elementary effect of each assumption (mu*) and its spread"
	    " (sigma).",
	    "Der mittlere absolute Elementareffekt jeder Annahme (mu*) und seine Streuung"
	    " (sigma)." } },
	{ { "Sobol indices", "Sobol-Indizes" },
	  { "The share of the key figure's variance due to each assumption alone (first"
	    " order) and with its interactions (total), with 95 % bootstrap intervals.",
	    "Der Anteil der Varianz der Kennzahl, der auf jede Annahme allein (erster"
	    " Ordnung) und mit ihren Wechselwirkungen (total) zur\xc3\xbc" "ckgeht, mit"
	    " 95-%-Bootstrap-Intervallen." } },
};

/* The unit of the KPI named kpi (kpis.def), or NULL when it is none. */
static const char *kpi_unit(const char *kpi)
{
	for (size_t k = 0; k < KPI_COUNT; k++)
		if (strcmp(summary_kpis[k].name, kpi) == 0)
			return summary_kpis[k].unit;
	return NULL;
}

/* x to 4 significant digits, so that its shortest form is short. */
static double sig4(double x)
{
	char buf[32];

	if (!isfinite(x) || x == 0)
		return x;
	snprintf(buf, sizeof buf, "%.4g", x);
	return strtod(buf, NULL);
}

struct table *reportmc_sens_table(const struct reportmc *m, enum reportmc_sens k,
                                  enum plot_lang lang)
{
	const struct csvtab *s = m->sens[k];
	int de = lang == PLOT_DE, ckpi = s ? csvtab_find(s, "kpi") : -1;
	const char *kpi = s && ckpi >= 0 && csvtab_rows(s) ? csvtab_text(s, 0, (size_t)ckpi) : "";
	const char *unit = kpi_unit(kpi);
	size_t rows, ncols = 0, c = 0;
	struct table *t;

	if (!s)
		return NULL;
	rows = csvtab_rows(s) < REPORTMC_SENS_ROWS ? csvtab_rows(s) : REPORTMC_SENS_ROWS;
	for (size_t j = 0; j < NSENS_COLS; j++)
		ncols += sens_cols[j].k == k && csvtab_find(s, sens_cols[j].col) >= 0;
	if (ncols == 0 || !(t = table_new(rows, ncols)))
		return NULL;
	table_set_title(t, "%s (dtsim sensitivity --method %s): %s", sens_titles[k].title[de],
	                methods[k], kpi);
	for (size_t j = 0; j < NSENS_COLS; j++) {
		int col = sens_cols[j].k == k ? csvtab_find(s, sens_cols[j].col) : -1;
		const char *u = sens_cols[j].kind == COL_KPI ? unit
		                : sens_cols[j].kind == COL_INDEX ? "index" : NULL;

		if (col < 0)
			continue;
		/* (an index needs no unit in its header) */
		table_set_col(t, c, sens_cols[j].col, sens_cols[j].label[de],
		              sens_cols[j].kind == COL_INDEX ? NULL : u);
		for (size_t r = 0; r < rows; r++) {
			double v = csvtab_num(s, r, (size_t)col);

			if (strcmp(sens_cols[j].col, "parameter") == 0)
				table_set_text(t, r, c, csvtab_text(s, r, (size_t)col));
			else
				table_set_number(t, r, c, u ? v : sig4(v), u);
		}
		c++;
	}
	table_add_note(t, "%s", sens_titles[k].what[de]);
	return t;
}
