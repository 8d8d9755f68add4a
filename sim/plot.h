/*
** plot.h: the charts of a results directory, drawn by gnuplot.
** For every scenario in DIR/summary.csv: a dashboard (its question, key
** figures and eight panels) and each panel as a chart of its own; across
** scenarios: one chart per core variable, the key figures as bars, funding
** by scenario and the cumulative net benefit. Charts, their scripts and the shared style go to DIR/plots/.
*/
#ifndef DTSIM_PLOT_H
#define DTSIM_PLOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

/* Output formats, as bits of plot_opts.formats. */
enum plot_format { PLOT_PNG = 1u, PLOT_SVG = 2u, PLOT_PDF = 4u, PLOT_EMF = 8u };

enum plot_lang { PLOT_EN, PLOT_DE };

/* Single-chart sizes when none is given: 16 cm x 10 cm (the text width of
** an A4 page), and for PNG the same at 300 dpi. Limits of --size. */
#define PLOT_DEFAULT_WIDTH_CM   16.0
#define PLOT_DEFAULT_HEIGHT_CM  10.0
#define PLOT_PNG_DPI            300.0
#define PLOT_MIN_CM             4.0
#define PLOT_MAX_CM             100.0
#define PLOT_MIN_PX             200.0
#define PLOT_MAX_PX             12000.0

struct plot_opts {
	unsigned formats;       /* PLOT_* bits; 0 means PNG */
	double width, height;   /* a single chart: cm for vector formats, pixels
	                           for PNG; 0 for the defaults */
	enum plot_lang lang;
	const char *templates;  /* the directory with style.gp, terminal.gp and
	                           lang_*.gp; NULL: plot_find_templates */
	const char *gnuplot;    /* the program; NULL: "gnuplot" */
	size_t jobs;            /* gnuplot processes at a time; 0: one per CPU */
	FILE *progress;         /* where to show "dtsim: charts K/N" as charts are
	                           drawn (a terminal); NULL: nowhere */
	const char *baseline;   /* the reference scenario's id (in the results);
	                           NULL: each scenario's in the manifest */
};

/* Parses "png,svg,pdf,emf" (any non-empty subset, comma-separated) into
** PLOT_* bits. Returns -1 and fills e naming what is allowed. */
int plot_parse_formats(const char *list, unsigned *out, struct err *e);

/* Parses "W,H" (two positive numbers) for formats: cm within
** PLOT_MIN_CM..PLOT_MAX_CM for vector formats, whole pixels within
** PLOT_MIN_PX..PLOT_MAX_PX for PNG; both kinds at once cannot share one
** size. Returns -1 and fills e. */
int plot_parse_size(const char *text, unsigned formats, double *w, double *h, struct err *e);

/* Parses "en" or "de". Returns -1 and fills e. */
int plot_parse_lang(const char *text, enum plot_lang *out, struct err *e);

/* Finds the templates: $DTSIM_PLOTS when env is not NULL (it must hold
** them), else DIR/../share/dtsim/plots and then DIR/../plots, where DIR
** holds the running program. Writes the directory into buf. Returns -1 and
** fills e when none holds style.gp. */
int plot_find_templates(const char *env, char *buf, size_t len, struct err *e);

/* What went wrong while drawing: one record per failed chart (warning 0)
** or per chart gnuplot warned about (warning 1). Owned; plot_report_free. */
struct plot_issue {
	int warning;
	struct err e;
};

struct plot_report {
	size_t charts;     /* charts attempted */
	size_t failed;     /* charts not drawn */
	struct plot_issue *issue;
	size_t nissue;
};

void plot_report_free(struct plot_report *r);

/* Return values of plot_draw and plot_compare besides 0. */
#define PLOT_EINPUT (-1)  /* bad input (no results, a bad file); nothing written */
#define PLOT_EFAIL  (-2)  /* could not start (templates, DIR/plots); nothing drawn */

/*
** Draws every chart for the results in dir: the scenarios that
** DIR/manifest.csv lists (with their name, description, target and
** mandate), their DIR/ID.csv and DIR/summary.csv, after manifest_load has
** checked that they are the files of one run. The caller holds dir's lock
** (resdir_lock). Returns 0 when the charts were attempted; rep then
** tells which failed (their files are not left behind) and which gnuplot
** warned about. Returns PLOT_EINPUT or PLOT_EFAIL with e filled otherwise.
** The caller frees rep with plot_report_free in every case.
*/
int plot_draw(const char *dir, const struct plot_opts *o, struct plot_report *rep, struct err *e);

/*
** For dtsim compare: draws, for the n scenarios ids (results in dir, which
** its manifest must list), the
** funding sources stacked per year in one panel per scenario
** (compare-funding) and the cumulative net benefit, one line per scenario
** (compare-net-benefit; skipped when no CSV has cum_net_benefit_eur).
** Returns and reports as plot_draw.
*/
int plot_compare(const char *dir, const char *const *ids, size_t n, const struct plot_opts *o,
                 struct plot_report *rep, struct err *e);

/*
** For dtsim optimise (roadmap.h): draws the roadmap chart of plan p
** (plotroad.h) into DIR/plots/roadmap.EXT, with its data
** DIR/plots/roadmap.csv; its footer names roadmap.ini with digest (of the
** file's bytes). The caller holds dir's lock. Returns and reports as
** plot_draw.
*/
struct roadmap_plan;
int plot_roadmap(const char *dir, const struct roadmap_plan *p, uint64_t digest,
                 const struct plot_opts *o, struct plot_report *rep, struct err *e);

#endif
