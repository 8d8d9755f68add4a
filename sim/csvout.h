/*
** csvout.h: CSV results through libcsv, written whole or not at all.
*/
#ifndef DTSIM_CSVOUT_H
#define DTSIM_CSVOUT_H

#include <stddef.h>
#include <stdio.h>

#include "csvdialect.h"
#include "outvars.h"
#include "err.h"
#include "summary.h"

/* Writes a header of the output-variable names and one line per row to f
** (name: the file, for messages), in dialect d. A value that is not finite,
** or a failed write, returns -1 with e filled ("cannot write NAME:
** <cause>"); what was written is then the caller's to discard
** (afile_abort). */
int csvout_series(FILE *f, const char *name, const struct series *s, enum csvdialect d,
                  struct err *e);

/* The same in the en dialect, to path, whole or not at all. */
int csvout_write_series(const char *path, const struct series *s, struct err *e);

/* Writes summary.csv (en dialect): a header "scenario,<kpi names>" and one
** line per run; ids[i] names row i. A NaN KPI is written as an empty field. */
int csvout_write_summary(const char *path, const char *const *ids,
                         const struct summary *rows, size_t n, struct err *e);

/*
** A table of KPIs with text columns in front of them (summary.csv has
** "scenario"; comparison.csv has "rank", "scenario" and "name"). Nothing
** here is owned: every pointer is the caller's.
*/
struct csvout_kpi_table {
	size_t nlead;                     /* text columns before the KPIs */
	const char *const *lead_names;    /* their headers, nlead of them */
	const char *const *lead;          /* row i's texts: lead[i * nlead + j] */
	size_t key_col;                   /* the text column that names a row in errors */
	const struct summary *rows;       /* row i's KPIs, in summary_kpis order */
	size_t n;                         /* rows */
	enum csvdialect dialect;          /* how to write it */
};

/* Writes t: a header of the lead names and the KPI names, then one line
** per row. A NaN KPI is an empty field; an infinite one is refused (e names
** the KPI as key and the row by its key column) and nothing is written. */
int csvout_write_kpis(const char *path, const struct csvout_kpi_table *t, struct err *e);

/* Writes one field of a row to f, quoted (libcsv), after a comma unless
** it is the first of its line (en dialect). Returns 0, or -1 when the
** stream failed. */
int csvout_field(FILE *f, const char *text, int first);

/* Writes x as a field (en dialect): the shortest decimal that reads back to x, or an
** empty field for NaN (a value that does not exist). Returns 0, or -1 when
** the stream failed or x is infinite (errno EDOM; nothing is written). */
int csvout_number(FILE *f, double x, int first);

/* The same two in dialect d (csvdialect.h): the separator and the decimal
** sign of d. A writer of another table in d starts the file with
** csvout_begin (de: the byte-order mark), writes fields with these, and
** ends each line with '\n'. Each returns 0, or -1 when the stream failed. */
int csvout_begin(FILE *f, enum csvdialect d);
int csvout_field_d(FILE *f, const char *text, int first, enum csvdialect d);
int csvout_number_d(FILE *f, double x, int first, enum csvdialect d);

/* Writes t to the stream f as csvout_series does. */
int csvout_kpis(FILE *f, const char *name, const struct csvout_kpi_table *t, struct err *e);

#endif
