/*
** council.h: the council tables of `dtsim compare`, built as tables
** (table.h) so that Markdown (comparison.md), CSV and spreadsheets show the
** same data:
**   - the council view: one row per strategy, at most 8 columns chosen
**     from rank, scenario, name, the KPIs and their differences from the
**     reference (--columns), or transposed (--transpose: the same figures
**     as rows, the strategies as columns, split into tables of at most 8
**     columns);
**   - the burden per budget year: own cost, debt service, fees and grants
**     of the first five fiscal years and over the horizon;
**   - the economic efficiency in the structure of WiBe 5.0: budget-relevant
**     and non-budget-relevant costs and benefits as present values, and
**     the net present value (Kapitalwert); docs/MODEL.md 12.8 maps dtsim's
**     money to it.
** Every money table says how amounts are discounted and priced. Texts are
** English or German (the comparison's lang).
*/
#ifndef DTSIM_COUNCIL_H
#define DTSIM_COUNCIL_H

#include <stddef.h>

#include "compare.h"
#include "csvdialect.h"
#include "err.h"
#include "table.h"

/* The columns a page of a council paper holds. */
#define COUNCIL_MAX_COLUMNS 8

/* The fiscal years the burden table shows one by one. */
#define COUNCIL_BURDEN_YEARS 5

/* A column of the council view. */
enum council_col_kind { COUNCIL_RANK, COUNCIL_SCENARIO, COUNCIL_NAME, COUNCIL_KPI,
                        COUNCIL_DELTA };

struct council_col {
	enum council_col_kind kind;
	enum kpi k;   /* COUNCIL_KPI, COUNCIL_DELTA */
};

/*
** The default council view (COUNCIL_MAX_COLUMNS columns): rank, name,
** feasible, the ranking KPI `by`, with a reference its difference, then
** maturity at the end, the target year, the PV of the own cost and the PV
** net benefit, skipping any already chosen, until the page is full.
*/
void council_default_columns(enum kpi by, int with_ref,
                             struct council_col out[COUNCIL_MAX_COLUMNS], size_t *n);

/*
** Parses --columns: names separated by commas, each "rank", "scenario",
** "name", a KPI or "delta_<kpi>" (only with a reference, with_ref), at most
** COUNCIL_MAX_COLUMNS, none twice. Returns 0 with out and *n, or -1 with e
** filled (key: the name at fault; the message says what is allowed).
*/
int council_parse_columns(const char *list, int with_ref,
                          struct council_col out[COUNCIL_MAX_COLUMNS], size_t *n,
                          struct err *e);

/* The name of column col as --columns and comparison.csv write it, into
** buf (COMPARE_LABEL_LEN bytes). */
void council_col_key(const struct council_col *col, char buf[COMPARE_LABEL_LEN]);

/*
** The tables below are the caller's (table_free); each returns NULL when
** memory runs out. Strategies come in ranked order.
*/

/* Every KPI and, with a reference, every difference: comparison.csv. */
struct table *council_full(const struct comparison *c);

/* The council view of the columns cols (n of them). */
struct table *council_view(const struct comparison *c, const struct council_col *cols,
                           size_t n);

/* How many transposed tables the strategies need: COUNCIL_MAX_COLUMNS - 1
** strategies each. */
size_t council_transposed_parts(const struct comparison *c);

/* Transposed table `part` (from 0): a row per column of cols but rank,
** scenario and name (rank is a row when it is chosen), a column per
** strategy of that part. */
struct table *council_transposed(const struct comparison *c, const struct council_col *cols,
                                 size_t n, size_t part);

/* The burden table of item: a row per strategy, a column per fiscal year
** of the first COUNCIL_BURDEN_YEARS and the total over the horizon. Rows
** without a burden (compare_entry.burden NULL) show no values. */
struct table *council_burden(const struct comparison *c, enum burden_item item);

/* The burden of every fiscal year for machines (burden.csv): a row per
** strategy (in ranked order) and fiscal year, with the columns scenario,
** name, year and the CSV columns of the items (burden_columns). Rows
** without a burden have none. */
struct table *council_burden_data(const struct comparison *c);

/* The economic efficiency in WiBe 5.0's structure (docs/MODEL.md 12.8). */
struct table *council_wibe(const struct comparison *c);

/*
** Writes comparison.csv to path through a temporary file: the table of
** council_full (rank, scenario, name, every KPI in summary_kpis order, and
** with a reference "delta_<kpi>" for each KPI but feasible), one line per
** strategy in ranked order, in CSV dialect d; numbers exact, a NaN an empty
** field. Returns 0, or -1 with e filled and nothing written.
*/
int council_write_csv(const char *path, const struct comparison *c, enum csvdialect d,
                      struct err *e);

/* Writes council_burden_data as CSV to path in dialect d, as
** council_write_csv writes its table. */
int council_write_burden_csv(const char *path, const struct comparison *c,
                             enum csvdialect d, struct err *e);

/*
** Writes comparison.md to path through a temporary file: the heading, how
** the strategies are ranked and marked, the council view of cols (or its
** transposed tables), the burden tables and the WiBe table. Returns 0, or
** -1 with e filled and nothing written (a write failed, memory ran out, or
** a value is infinite).
*/
int council_write_md(const char *path, const struct comparison *c,
                     const struct council_col *cols, size_t n, int transpose, struct err *e);

#endif
