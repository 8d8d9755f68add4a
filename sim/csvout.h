/*
** csvout.h: CSV results through libcsv, written whole or not at all.
*/
#ifndef DTSIM_CSVOUT_H
#define DTSIM_CSVOUT_H

#include <stddef.h>

#include "engine.h"
#include "err.h"
#include "summary.h"

/* Writes a header of the output-variable names and one line per row. */
int csvout_write_series(const char *path, const struct series *s, struct err *e);

/* Writes summary.csv: a header "scenario,<kpi names>" and one line per run;
** ids[i] names row i. A NaN KPI is written as an empty field. */
int csvout_write_summary(const char *path, const char *const *ids,
                         const struct summary *rows, size_t n, struct err *e);

#endif
