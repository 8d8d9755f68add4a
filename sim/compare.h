/*
** compare.h: ranking scenarios by one KPI, and the comparison files of
** `dtsim compare`: comparison.csv (every KPI, exact numbers) and
** comparison.md (a Markdown table for a report, rounded, with units).
*/
#ifndef DTSIM_COMPARE_H
#define DTSIM_COMPARE_H

#include <stddef.h>

#include "csvdialect.h"
#include "err.h"
#include "summary.h"

/* The KPI that `dtsim compare` ranks by when --rank is not given. */
#define COMPARE_RANK_DEFAULT "pv_net_benefit_eur"

/* One scenario's results. The strings are the caller's, not copied. */
struct compare_entry {
	const char *id;       /* the scenario id (file name without .ini) */
	const char *name;     /* scenario.name, from the user's file */
	struct summary kpi;
};

/* The KPI called name into *out. Returns -1 and fills e (key: the name,
** message: "unknown KPI 'x'; allowed: a, b, ...") when there is none. */
int compare_kpi_find(const char *name, enum kpi *out, struct err *e);

/*
** Orders rows best first by KPI `by`: higher first when summary_kpis[by]
** says higher is better or says neither, lower first when lower is better.
** A NaN (a target never reached) comes after every number. Equal values
** keep their input order and share a rank. order[i] gets the index into
** rows of the i-th best, rank[i] its rank: 1 + the number of rows strictly
** better. order and rank are the caller's, n entries each.
*/
void compare_rank(const struct compare_entry *rows, size_t n, enum kpi by,
                  size_t *order, size_t *rank);

/*
** Writes comparison.csv to path through a temporary file: a header "rank,
** scenario,name,<kpi names in summary_kpis order>", then one line per row,
** ranked by `by` (compare_rank). Numbers are the shortest round-trip
** decimal (in dialect d); a NaN is an empty field. Returns 0, or -1 with e
** filled and nothing written.
*/
int compare_write_csv(const char *path, const struct compare_entry *rows, size_t n,
                      enum kpi by, enum csvdialect d, struct err *e);

/* Room for a value as compare_format_value writes it: a double written
** with %f has up to 309 digits before the point, plus sign and decimals. */
#define COMPARE_VALUE_LEN 352

/*
** Writes x, a value of a KPI whose unit is `unit`, as comparison.md shows
** it: "EUR" in M EUR with 2 decimals (12345678.9 -> "12.35"), "1" (a
** share) in percent with 1 decimal (0.4567 -> "45.7"), "index" and
** "count" with 2 decimals, "year" as a whole number; any other unit in the
** shortest round-trip form (numfmt_double). NaN shows "never" for a year
** and an en dash otherwise.
*/
void compare_format_value(const char *unit, double x, char buf[COMPARE_VALUE_LEN]);

/* The unit in which compare_format_value shows values of a KPI whose unit
** is `unit`: "M EUR" for "EUR", "%" for "1", the unit itself otherwise. */
const char *compare_unit_shown(const char *unit);

/* Room for a KPI's header in a Markdown table. */
#define COMPARE_HEADER_LEN 96

/*
** Writes the header of KPI k as a Markdown table shows it: its name as
** words ("total_om_eur" -> "Total O&M"), then the unit as its values are
** shown (compare_format_value) in parentheses, unless the words already
** end with it ("Target year", not "Target year (year)").
*/
void compare_kpi_header(enum kpi k, char buf[COMPARE_HEADER_LEN]);

/*
** Writes user text s to f as one Markdown table cell (or inline text) that
** shows s as it is: `|` (a column break), backslash, backquote (a code
** span), `<` and `>` (HTML, autolinks), `[` and `]` (links) are escaped
** with a backslash, and so is `&` where it could start an entity; control
** characters show as blanks.
*/
void compare_md_text(FILE *f, const char *s);

/*
** Writes comparison.md to path through a temporary file: a heading, a line
** that names the ranking KPI and its direction, and a table of the rows
** ranked by `by`, whose columns are rank, scenario, name, the ranking KPI
** and then every other KPI. A KPI's unit decides how it is shown (EUR in
** M EUR with 2 decimals, "1" in percent with 1 decimal, ...); user text is
** escaped so that it cannot break the table. Returns 0, or -1 with e
** filled and nothing written.
*/
int compare_write_md(const char *path, const struct compare_entry *rows, size_t n,
                     enum kpi by, struct err *e);

#endif
