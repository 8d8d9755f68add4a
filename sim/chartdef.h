/*
** chartdef.h: the chart catalogue as data: the panels of a scenario's
** charts, the columns each stack and line draws with its label and colour,
** the core variables drawn across scenarios and the key figures drawn from
** summary.csv. Constant tables only: nothing here reads or writes a file.
** Labels, titles and colours are names of variables in the templates
** (lang.gp, style.gp); columns are those of models/outvars.def (DIR/ID.csv)
** and of summary.h's KPIs (DIR/summary.csv), which test_chartdef checks.
*/
#ifndef DTSIM_CHARTDEF_H
#define DTSIM_CHARTDEF_H

#include <stddef.h>

#include "domains.h"

/* What a y axis shows: shares as per cent (0..100), indices (0..1), money
** (scaled to k, M or bn EUR). */
enum chartdef_axis { CHARTDEF_SHARE, CHARTDEF_INDEX, CHARTDEF_MONEY };

/* The panels of a scenario, in dashboard order; each is also a chart. */
enum chartdef_panel {
	CHARTDEF_FUNDING, CHARTDEF_SPEND, CHARTDEF_SERVICES, CHARTDEF_CUMULATIVE, CHARTDEF_CASH,
	CHARTDEF_OM_LEGACY, CHARTDEF_SKILL, CHARTDEF_RESISTANCE, CHARTDEF_NPANELS
};

struct chartdef_panel_def {
	const char *suffix;   /* chart name: <id>-<suffix> */
	const char *title;    /* lang.gp variable */
	const char *what;     /* for the script's comment */
};
extern const struct chartdef_panel_def chartdef_panels[CHARTDEF_NPANELS];

/* A stacked series: the columns it sums (absent ones are skipped; NULL
** ends the list), its label and its fill colour. A group of domains of
** action may hold every domain, and the NULL after them. */
#define CHARTDEF_STACK_COLS (DOM_COUNT + 1)
struct chartdef_stack {
	const char *cols[CHARTDEF_STACK_COLS];
	const char *label;
	const char *colour;
};

/* Funding sources and spending, from the bottom of the stack. */
#define CHARTDEF_NFUNDING 8
#define CHARTDEF_NSPEND   (6 + DGROUP_COUNT)
extern const struct chartdef_stack chartdef_funding[CHARTDEF_NFUNDING];
extern const struct chartdef_stack chartdef_spend[CHARTDEF_NSPEND];

/* A line of a single-scenario panel: its column and label. */
struct chartdef_line {
	const char *col;
	const char *label;
};

/* The lines of the line panels. The cash panel draws its first line
** always, the others (loans outstanding, then the funding gap as bars)
** when the scenario has them. */
extern const struct chartdef_line chartdef_services[2], chartdef_cumulative[2],
                                  chartdef_om_legacy[2], chartdef_skill[1],
                                  chartdef_resistance[1], chartdef_cash[3];

/* A chart of a scenario that is not a panel of its dashboard: a line per
** column of lines[0..n) on an axis of its own (money per year when flow),
** named <id>-<suffix>. */
struct chartdef_chart {
	const char *suffix;
	const char *title;    /* lang.gp variable */
	const char *what;     /* for the script's comment */
	enum chartdef_axis kind;
	int flow;
	const struct chartdef_line *lines;
	size_t n;
};
#define CHARTDEF_NCHARTS 1
extern const struct chartdef_chart chartdef_charts[CHARTDEF_NCHARTS];

/* A core variable drawn across scenarios (compare-<col>): its column, axis,
** whether a money column is a flow (per year), title. The last one, the
** cumulative net benefit, is drawn as compare-net-benefit. */
struct chartdef_compare {
	const char *col;
	enum chartdef_axis kind;
	int flow;
	const char *title;
};
#define CHARTDEF_NCOMPARE 10
extern const struct chartdef_compare chartdef_compare[CHARTDEF_NCOMPARE];

/* A key figure of summary.csv drawn as bars: column, axis, title. */
struct chartdef_kpi {
	const char *col;
	enum chartdef_axis kind;
	const char *title;
};
#define CHARTDEF_NKPIS 6
extern const struct chartdef_kpi chartdef_kpis[CHARTDEF_NKPIS];

/*
** The charts of a Monte Carlo study (dtsim mc, plotmc.h). A fan chart
** (<id>-fan) draws for each core variable below the bands of its 5th to
** 95th and 25th to 75th percentiles and its median over the years, from
** the columns COL_p5, COL_p25, COL_p50, COL_p75, COL_p95 of DIR/<id>.mc.csv
** (COL a column of DIR/<id>.csv); target: the panel marks the scenario's
** maturity target. A histogram chart (<id>-mc-kpi) draws the distribution
** of each key figure below over the runs from DIR/<id>.mc_hist.csv, with
** the target marked where the key figure has one.
*/
struct chartdef_fan {
	const char *col;
	enum chartdef_axis kind;
	const char *title;    /* lang.gp variable */
	int target;           /* 1: the maturity target as a dashed line */
};
#define CHARTDEF_NFAN 6
extern const struct chartdef_fan chartdef_fan[CHARTDEF_NFAN];

/* What a key figure's histogram marks: nothing, the maturity target
** (services.target_maturity), the mandate's deadline (when a mandate
** applies). */
enum chartdef_mark { CHARTDEF_MARK_NONE, CHARTDEF_MARK_TARGET, CHARTDEF_MARK_DEADLINE };

/* A key figure drawn as a histogram: its KPI (the kpi column of
** mc_hist.csv), its axis (years: a year axis, else kind's), title, mark. */
struct chartdef_mc_kpi {
	const char *kpi;
	enum chartdef_axis kind;
	int years;
	const char *title;    /* lang.gp variable */
	enum chartdef_mark mark;
};
#define CHARTDEF_NMC_KPIS 6
extern const struct chartdef_mc_kpi chartdef_mc_kpis[CHARTDEF_NMC_KPIS];

/* The file a column is read from. */
enum chartdef_file { CHARTDEF_RESULTS_CSV, CHARTDEF_SUMMARY_CSV };

/* The i-th (0-based) of every column name the catalogue draws, repeats
** included, with its file in *file; NULL after the last. */
const char *chartdef_column(size_t i, enum chartdef_file *file);

#endif
