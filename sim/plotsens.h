/*
** plotsens.h: the charts of `dtsim sensitivity --method
** tornado|morris|sobol`, drawn from DIR/tornado.csv, DIR/morris.csv and
** DIR/sobol.csv when a results directory has them: the tornado
** (sensitivity-tornado: a bar per parameter from the KPI at its median run
** to the KPI at the parameter's 10th and 90th percentile, the widest swing
** on top), the Morris screening (sensitivity-morris: mu* and sigma of each
** parameter's elementary effects, the largest mu* on top) and the Sobol indices
** (sensitivity-sobol: first-order and total index per parameter with
** their bootstrap intervals, the largest total index on top). At most
** PLOTSENS_TOP parameters, in the files' order (by rank). The scripts read
** the CSV files by column name; parameter names reach the chart only as
** data (tick labels read by gnuplot, never script text).
*/
#ifndef DTSIM_PLOTSENS_H
#define DTSIM_PLOTSENS_H

#include <stddef.h>
#include <stdio.h>

#include "csvtab.h"
#include "err.h"
#include "layout.h"

/* The most parameters a chart shows: 15 bars fit an A4 page's chart. */
#define PLOTSENS_TOP 15

enum plotsens_kind { PLOTSENS_TORNADO, PLOTSENS_MORRIS, PLOTSENS_SOBOL, PLOTSENS_NKINDS };

/* A sensitivity table as a chart needs it. */
struct plotsens {
	enum plotsens_kind kind;
	struct csvtab *t;
	size_t rows;        /* the parameters shown: the first min(rows, PLOTSENS_TOP) */
	size_t name_chars;  /* the longest of their names, in characters */
	char *qkpi;         /* the KPI's name and unit, quoted for a script */
	int money;          /* the KPI is in EUR */
	double lo, hi;      /* the extent of the values drawn */
	double centre;      /* tornado: the KPI at the median run (NaN: none) */
};

/* The chart's name (its file name without extension) and what it shows. */
extern const char *const plotsens_names[PLOTSENS_NKINDS];
extern const char *const plotsens_what[PLOTSENS_NKINDS];

/*
** Loads DIR/<table>.csv of kind k into p. Returns 1 when the file does not
** exist (no chart), 0 when loaded, -1 with e filled when it cannot be read
** or lacks a column the chart needs. Free p with plotsens_free in every
** case.
*/
int plotsens_load(const char *dir, enum plotsens_kind k, struct plotsens *p, struct err *e);

void plotsens_free(struct plotsens *p);

/* The chart's height relative to a single chart: its fixed room and a
** bar's height per parameter. */
double plotsens_height(const struct plotsens *p);

/* Writes the body of the chart's script (after gpscript_head) for a page
** width_cm wide, with footer qfoot (gpscript_footer). */
void plotsens_chart(FILE *f, const struct plotsens *p, double width_cm, const char *qfoot);

#endif
