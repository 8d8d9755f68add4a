/*
** mdtable.h: tables (table.h) and values as Markdown for a report or a
** council paper: money in M EUR with 2 decimals, shares in percent, units in
** the headers, user text escaped so that it cannot break a table; English,
** or German with a decimal comma and a proper minus sign.
*/
#ifndef DTSIM_MDTABLE_H
#define DTSIM_MDTABLE_H

#include <stdio.h>

#include "plot.h"
#include "table.h"

/* Room for a value as mdtable_format_value writes it: a double written
** with %f has up to 309 digits before the point, plus sign and decimals. */
#define MDTABLE_VALUE_LEN 352

/*
** Writes x, a value in `unit` (as models/kpis.def writes units), as a table
** shows it: "EUR" in M EUR with 2 decimals (12345678.9 -> "12.35"), "1" (a
** share) in percent and "pp" (a difference of shares) in percentage points
** with 1 decimal (0.4567 -> "45.7"), "index" and "count" with 2 decimals,
** "year" and "years" as whole numbers, "flag" as yes or no; any other unit
** in the shortest round-trip form (numfmt_double). NaN shows "never" for a
** year and an en dash otherwise. A negative number that rounds to zero
** shows without its sign. German (PLOT_DE) writes a decimal comma, the
** minus sign U+2212 and "ja", "nein", "nie".
*/
void mdtable_format_value(const char *unit, double x, enum plot_lang lang,
                          char buf[MDTABLE_VALUE_LEN]);

/*
** Rewrites the C-locale number in buf (as printf writes it: "-0.996815",
** "1.5e+06") for lang: unchanged in English; German (PLOT_DE) with a
** decimal comma and the minus sign U+2212, as mdtable_format_value writes
** it: "-0.996815" becomes U+2212 then "0,996815". buf holds a short
** number (each minus grows by 2 bytes).
*/
void mdtable_localise(char buf[MDTABLE_VALUE_LEN], enum plot_lang lang);

/* The unit in which mdtable_format_value shows values in `unit`: "M EUR"
** for "EUR", "%" for "1", "pp" for "pp" (German "%-Pkt."), the unit itself
** otherwise; "" for "flag", which needs none. */
const char *mdtable_unit_shown(const char *unit, enum plot_lang lang);

/* Room for a header: a label and its unit. */
#define MDTABLE_HEADER_LEN 160

/*
** Writes the header of values in unit labelled `label`: the label, then the
** unit as its values are shown in parentheses, unless the label already
** ends with it, in any case ("Target year", not "Target year (year)";
** "Zieljahr") or unit is NULL or needs none.
*/
void mdtable_header(const char *label, const char *unit, enum plot_lang lang,
                    char buf[MDTABLE_HEADER_LEN]);

/*
** Writes text s to f as one Markdown table cell (or inline text) that
** shows s as it is: `|` (a column break), backslash, backquote (a code
** span), `<` and `>` (HTML, autolinks), `[` and `]` (links) are escaped
** with a backslash, and so is `&` where it could start an entity; control
** characters show as blanks, and blanks around s go.
*/
void mdtable_text(FILE *f, const char *s);

/*
** Writes t to f: its title as a heading of `level` (1 to 6) hashes when it
** has one, the table (a header from the column labels and units; numbers
** right-aligned), then its notes, each a paragraph. When a titled table's
** columns with a unit (two or more) all share one, the title shows it once
** instead of every header. Every text in t is
** escaped (mdtable_text). Write errors are the stream's (afile reports
** them).
*/
void mdtable_write(FILE *f, const struct table *t, int level, enum plot_lang lang);

#endif
