/*
** senscsv.h: the tables of `dtsim sensitivity --method tornado|morris|sobol`
** (tornado.csv, morris.csv, sobol.csv): one row per uncertain parameter,
** its name and numbers, ordered as the caller says, written whole or not at
** all in the en CSV dialect. A NaN is an empty field (a value that does
** not exist); an infinite value is refused. The last columns name the
** KPI analysed, so that a table read alone says what it measures, the
** scenario and the digest of its inputs (sensprov.h).
*/
#ifndef DTSIM_SENSCSV_H
#define DTSIM_SENSCSV_H

#include <stddef.h>

#include "err.h"

/* A table: the header of its number columns (after "parameter", before
** "kpi"), n rows of ncols numbers (vals[i * ncols + j] for parameter i),
** written in the order order[0..n-1]. Nothing is owned. */
struct senscsv_table {
	const char *const *cols;
	size_t ncols;
	const char *const *names;
	const double *vals;
	const size_t *order;
	size_t n;
	const char *kpi;
	const char *scenario;      /* NULL: an empty field */
	const char *inputs_digest; /* NULL: an empty field */
};

/* Writes t to path: "parameter", t->cols, "kpi", "scenario",
** "inputs_digest", then one line per row.
** Returns 0, or -1 with e filled (nothing is left at path). */
int senscsv_write(const char *path, const struct senscsv_table *t, struct err *e);

#endif
