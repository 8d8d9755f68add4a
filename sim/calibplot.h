/*
** calibplot.h: the chart of dtsim calibrate (plots/calibration.FORMAT),
** drawn whenever a results directory holds calibration_residuals.csv and
** calibrated.csv (so `dtsim plot DIR` draws it again): one panel per
** observed column, the observations as points over the fitted run's line,
** two panels a row as the Monte Carlo fan chart, its key below, the
** footer. Column names reach the script only through gnuplot_quote, and
** only names of the output-variable registry are accepted.
*/
#ifndef DTSIM_CALIBPLOT_H
#define DTSIM_CALIBPLOT_H

#include <stddef.h>
#include <stdio.h>

#include "csvtab.h"
#include "err.h"
#include "outvars.h"

/* The chart's name in DIR/plots (plus the format's extension). */
#define CALIBPLOT_NAME "calibration"
#define CALIBPLOT_WHAT "the history's observations against the fitted run"

/* What the chart needs; free with calibplot_free in every case. */
struct calibplot {
	struct csvtab *res, *run; /* calibration_residuals.csv, calibrated.csv */
	size_t n;                 /* the columns drawn */
	enum outvar *col;         /* n: in the order of the residuals */
	double *lo, *hi;          /* n: the extent of the values drawn */
	double y0, y1;            /* the years of the run */
	char *qres, *qrun, *qfoot;/* quoted for the script */
	char **qname;             /* n: the columns' names, quoted */
};

/* Loads the tables of dir into p. Returns 1 when dir has no
** calibration_residuals.csv (no chart), 0 when loaded, -1 with e when a
** table cannot be read or names a column that is not an output variable. */
int calibplot_load(const char *dir, struct calibplot *p, struct err *e);

void calibplot_free(struct calibplot *p);

/* The chart's height relative to a single chart. */
double calibplot_height(const struct calibplot *p);

/* Writes the body of the chart's script (after gpscript_head). */
void calibplot_write(FILE *f, const struct calibplot *p);

#endif
