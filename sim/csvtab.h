/*
** csvtab.h: a whole CSV file in memory (libcsv), read by column name.
** For the results dtsim wrote (DIR/<id>.csv, DIR/summary.csv): a header row
** of names, then rows of fields; numbers are parsed on request. Either CSV
** dialect (csvdialect.h) is read, recognised by its separator in the first
** line (a byte-order mark before it is skipped).
*/
#ifndef DTSIM_CSVTAB_H
#define DTSIM_CSVTAB_H

#include <stddef.h>
#include <stdio.h>

#include "csvdialect.h"
#include "err.h"

struct csvtab;

/* Reads the CSV file at path. The first row is the header; every later row
** must have as many fields. On success *out owns a new table (free with
** csvtab_free); on failure returns -1, fills e (FILE:LINE where a line is
** at fault) and *out is NULL. */
int csvtab_load(const char *path, struct csvtab **out, struct err *e);

void csvtab_free(struct csvtab *t);

/* Rows below the header, and columns. */
size_t csvtab_rows(const struct csvtab *t);
size_t csvtab_cols(const struct csvtab *t);

/* The column named name, or -1 when the header has no such column. */
int csvtab_find(const struct csvtab *t, const char *name);

/* The name of column c in the header row; owned by t. */
const char *csvtab_header(const struct csvtab *t, size_t c);

/* The physical line of the file that row r (0 = first row below the
** header) starts on, for FILE:LINE messages (blank lines and quoted line
** breaks counted). */
long csvtab_line(const struct csvtab *t, size_t r);

/* The text of row r (0 = first row below the header), column c; owned by t. */
const char *csvtab_text(const struct csvtab *t, size_t r, size_t c);

/* The dialect the file was read in. */
enum csvdialect csvtab_dialect(const struct csvtab *t);

/* The number in row r, column c (in the table's dialect: a decimal point
** in en, a decimal comma in de); NaN when the field is empty or not a
** finite number. */
double csvtab_num(const struct csvtab *t, size_t r, size_t c);

/*
** Writes t to f as a CSV file of dialect d: the header, then every row; a
** field that reads as a number in t's dialect is written as d writes that
** number (the same double), any other field as it is. Every field is
** quoted (libcsv). Returns 0, or -1 when the stream failed.
*/
int csvtab_write(const struct csvtab *t, FILE *f, enum csvdialect d);

#endif
