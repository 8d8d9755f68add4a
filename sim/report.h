/*
** report.h: the Markdown text of `dtsim report` (DIR/report.md): each
** scenario's question and answer with its key figures and dashboard, the
** comparison of the scenarios as a table and charts, the uncertainty when
** the directory holds a Monte Carlo study or global sensitivity analyses
** (reportmc.h), the assumptions that matter most, and the sources. A pure function of its input: the caller
** runs the scenarios, draws the charts, computes the sensitivity and says
** which chart files exist; pandoc.h turns the text into HTML and Word.
**
** Safety: names, descriptions and ids are user text. Every piece of text,
** user text and the report's own, goes through mdescape_text, and every
** image path through mdescape_path; the only markup is the report's own
** (headings, bold, tables, lists and the images of the charts it is
** given), so a scenario file cannot add an image, a link, raw HTML or TeX,
** maths or a line of its own. tests/fuzz/fuzz_report.c checks that.
**
** Accessibility (BITV 2.0): every image has an alt text that names the
** chart and says what it shows; headings structure the text; tables have
** a header row.
*/
#ifndef DTSIM_REPORT_H
#define DTSIM_REPORT_H

#include <stddef.h>

#include "compare.h"
#include "council.h"
#include "keyfig.h"
#include "plot.h"
#include "reportmc.h"
#include "strbuf.h"
#include "summary.h"

/* One scenario of the report: what its section shows besides its row of
** the comparison (report_in.cmp->rows[i] for sc[i]). Strings are the
** caller's. */
struct report_scenario {
	const char *description;  /* scenario.description, its question (user text) */
	struct keyfig kf;
	int start_year;           /* the first fiscal year */
	int dashboard;            /* 1 when DIR/plots/ID-dashboard.png exists */
};

/* The comparison charts a report shows, when they exist. */
enum report_chart {
	REPORT_CHART_KPI, REPORT_CHART_MATURITY, REPORT_CHART_CASH, REPORT_CHART_NET_BENEFIT,
	REPORT_CHART_FUNDING, REPORT_NCHARTS
};

/*
** Appends the file of comparison chart c, relative to DIR: page 0 is the
** chart in one file ("plots/compare-kpi.png"), page k from 1 on the k-th
** page of a chart split into pages ("plots/compare-kpi-2.png").
*/
void report_chart_file(enum report_chart c, size_t page, struct strbuf *b);

/* Which files of a comparison chart exist: none (files 0), the chart in
** one file (files 1, paged 0), or pages 1 to files (paged 1). */
struct report_chart_files {
	size_t files;
	int paged;
};

/* The file of a scenario's dashboard, relative to DIR, appended to b
** unescaped: "plots/ID-dashboard.png". */
void report_dashboard_file(const char *id, struct strbuf *b);

/* The KPIs whose elasticities the table of assumptions shows. */
#define REPORT_SENS_NKPI 3
extern const enum kpi report_sens_kpis[REPORT_SENS_NKPI];

/* One assumption of the table: a parameter, its value in the reference
** scenario and the elasticities of report_sens_kpis to it (NaN: none).
** Strings are the caller's (the registry's). */
struct report_assumption {
	const char *name, *meaning, *unit, *source;
	double value;
	double elasticity[REPORT_SENS_NKPI];
};

/*
** The report's input. cmp holds the scenarios' rows (id, name, KPIs,
** burden, first year's parameters; user text in id and name), their
** ranking, the reference (cmp->ref, or cmp->n) and the language; sc[i]
** belongs to cmp->rows[i]. The comparison shows the council tables
** (council.h): the view of the columns cols (ncols), the burden tables and
** the WiBe table, every text in them escaped as user text is.
*/
struct report_in {
	const struct comparison *cmp;
	const struct report_scenario *sc;
	const struct council_col *cols;
	size_t ncols;
	struct report_chart_files chart[REPORT_NCHARTS];
	size_t sens_sc;                 /* the scenario analysed for the assumptions */
	const struct report_assumption *as;
	size_t nas;                     /* 0: no table of assumptions */
	double sens_step;               /* the relative step of the analysis */
	const struct reportmc *mc;      /* the uncertainty DIR holds (dtsim mc,
	                                   global sensitivity), or NULL: none */
};

/*
** Appends the report to out. Returns 0, or -1 when in cannot be shown
** (no scenario, an index out of range, no column) or memory runs out. An
** amount that is not finite shows as a dash.
*/
int report_write_md(const struct report_in *in, struct strbuf *out);

#endif
