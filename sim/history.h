/*
** history.h: a municipality's observed figures, the HISTORY.csv of
** `dtsim calibrate --data` (docs/CALIBRATE.md): a column `year`, any output
** columns of `dtsim run`'s CSV (models/outvars.def), and for any of them an
** optional weight column w_COLUMN. A row is one fiscal year and means what
** the row of that year in dtsim run's CSV means (a stock at the end of the
** year, a flow over it). An empty cell is a value not observed (or weight
** 1). Either CSV dialect is read (csvdialect.h), through csvtab (libcsv).
*/
#ifndef DTSIM_HISTORY_H
#define DTSIM_HISTORY_H

#include <stddef.h>

#include "err.h"
#include "outvars.h"

/* The prefix of a weight column: w_om_share weighs om_share. */
#define HISTORY_WEIGHT_PREFIX "w_"

/* The observed years, columns and values; arrays owned, free with
** history_free. */
struct history {
	size_t nrows;      /* observed years, in file order */
	long *year;        /* nrows: the year of each row */
	long *line;        /* nrows: its line in the file */
	size_t ncols;      /* observed output columns, in file order */
	enum outvar *col;  /* ncols */
	double *obs;       /* nrows * ncols, row-major: a value, or NaN (empty) */
	double *w;         /* nrows * ncols: its weight (1 unless given; 0 where
	                   ** obs is NaN) */
	size_t nobs;       /* cells with a value and a weight above 0 */
};

/*
** Reads the history at path into *out (owned by the caller). Rejects, with
** e at FILE:LINE naming the column and what is allowed: a file without a
** `year` column or without an observed column, an unknown column, a column
** named twice, a weight column without its column, a year that is not a
** whole number from 1900 to 2200, a year given twice, a value that is not
** a finite number (in the file's dialect), a weight that is not a finite
** number of at least 0, and a file with no observation at all. Returns 0,
** or -1 with *out NULL.
*/
int history_load(const char *path, struct history **out, struct err *e);

/* Checks that every observed year of h (read from path) lies in the run's
** years first..last. Returns 0, or -1 with e at the first row outside. */
int history_check_years(const struct history *h, const char *path, long first, long last,
                        struct err *e);

void history_free(struct history *h);

#endif
