/*
** csvdialect.h: the two CSV dialects dtsim writes and reads. "en" (the
** default): fields separated by ',', a decimal point (2.385). "de", as
** German spreadsheet programs write and read CSV: fields separated by ';',
** a decimal comma (2,385), and a UTF-8 byte-order mark in front, so that
** German Excel opens the file in columns with its umlauts intact. Neither
** dialect groups thousands. A reader recognises the dialect of a file by
** its separator (csvdialect_detect).
*/
#ifndef DTSIM_CSVDIALECT_H
#define DTSIM_CSVDIALECT_H

#include <stddef.h>

#include "err.h"
#include "numfmt.h"

enum csvdialect { CSVDIALECT_EN = 0, CSVDIALECT_DE };

/* The UTF-8 byte-order mark that a "de" file starts with. */
#define CSVDIALECT_BOM "\xEF\xBB\xBF"

/* The dialect called name ("en" or "de") into *out. Returns 0, or -1 with
** e filled (key "--csv-dialect", naming what is allowed). */
int csvdialect_parse(const char *name, enum csvdialect *out, struct err *e);

/* The dialect's name ("en", "de"), its field separator (',', ';') and its
** decimal sign ('.', ','). */
const char *csvdialect_name(enum csvdialect d);
char csvdialect_sep(enum csvdialect d);
char csvdialect_decimal(enum csvdialect d);

/* Writes x (finite) as numfmt_double does, with the dialect's decimal sign:
** 2.385 is "2.385" in en and "2,385" in de; whole numbers have no sign. */
void csvdialect_format(double x, enum csvdialect d, char buf[NUMFMT_LEN]);

/*
** Reads the whole of s as a number of dialect d: en exactly as numfmt_parse;
** de with a comma as the decimal sign ("1,5", "-2,4e-3"), where a point is
** no part of a number ("1.5" and "1.500" are NUMFMT_SYNTAX). Returns a
** numfmt_status; *out is set only with NUMFMT_OK.
*/
int csvdialect_number(const char *s, enum csvdialect d, double *out);

/*
** The dialect of a CSV file, from its first line (len bytes; a byte-order
** mark in front is skipped): de when it holds a ';' outside double quotes,
** else en. A one-column file reads alike in both.
*/
enum csvdialect csvdialect_detect(const char *line, size_t len);

/* The length of the byte-order mark at the start of s (len bytes): 3 or 0. */
size_t csvdialect_bom(const char *s, size_t len);

#endif
