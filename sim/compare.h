/*
** compare.h: ranking scenarios by one KPI, feasible ones first, and their
** differences from an optional reference scenario: what the comparison
** files of `dtsim compare` (council.h) show.
*/
#ifndef DTSIM_COMPARE_H
#define DTSIM_COMPARE_H

#include <stddef.h>

#include "burden.h"
#include "err.h"
#include "mdtable.h"
#include "params.h"
#include "plot.h"
#include "summary.h"

/* The KPI that `dtsim compare` ranks by when --rank is not given. */
#define COMPARE_RANK_DEFAULT "pv_net_benefit_eur"

/* The prefix of a difference from the reference: delta_<kpi>. */
#define COMPARE_DELTA_PREFIX "delta_"

/* One scenario's results. Everything is the caller's, not copied; burden
** and p may be NULL where a table does not need them. */
struct compare_entry {
	const char *id;       /* the scenario id (file name without .ini) */
	const char *name;     /* scenario.name, from the user's file */
	struct summary kpi;
	const struct burden *burden;    /* its burden per budget year */
	const struct model_params *p;   /* its first year's parameters */
};

/* The KPI called name into *out. Returns -1 and fills e (key: the name,
** message: "unknown KPI 'x'; allowed: a, b, ...") when there is none. */
int compare_kpi_find(const char *name, enum kpi *out, struct err *e);

/* 1 when row's plan was feasible (its KPI feasible is not 0). */
int compare_feasible(const struct compare_entry *row);

/*
** Orders rows best first by KPI `by`: every feasible row before every
** infeasible one (compare_feasible); within each, higher first when
** summary_kpis[by] says higher is better or says neither, lower first when
** lower is better. A NaN (a target never reached) comes after every
** number. Equal values keep their input order and share a rank. order[i]
** gets the index into rows of the i-th best, rank[i] its rank: 1 + the
** number of rows that rank strictly before it. order and rank are the
** caller's, n entries each.
*/
void compare_rank(const struct compare_entry *rows, size_t n, enum kpi by,
                  size_t *order, size_t *rank);

/*
** The difference of KPI k between a row and the reference: a - ref, NaN
** when either is NaN (a target never reached). The unit of a difference
** (compare_delta_unit): "year" becomes "years", a share "1" becomes "pp"
** (percentage points), every other unit stays.
*/
double compare_delta(const struct summary *a, const struct summary *ref, enum kpi k);
const char *compare_delta_unit(const char *unit);

/* 1 when KPI k has a difference column: every KPI but the feasible flag. */
int compare_has_delta(enum kpi k);

/*
** The scenarios of one comparison: rows (n), the KPI they are ranked by,
** the reference row (n when there is none), and the ranking (order, rank:
** compare_rank), owned (compare_free). lang is the language of the tables.
*/
struct comparison {
	const struct compare_entry *rows;
	size_t n;
	enum kpi by;
	size_t ref;
	size_t *order, *rank;
	enum plot_lang lang;
};

/* Ranks rows into c (rows are kept, not copied; ref is an index or n).
** Returns 0, or -1 when out of memory (c is then empty). */
int compare_init(struct comparison *c, const struct compare_entry *rows, size_t n,
                 enum kpi by, size_t ref, enum plot_lang lang);

/* Frees c's ranking; c is then empty. */
void compare_free(struct comparison *c);

/* Room for a KPI's label in a table header. */
#define COMPARE_LABEL_LEN 96

/*
** Writes the label of KPI k as a table heads its column, without the unit:
** in English its name as words ("total_om_eur" -> "Total O&M", the unit
** suffix "_eur" dropped), in German its label_de from models/kpis.def.
*/
void compare_kpi_label(enum kpi k, enum plot_lang lang, char buf[COMPARE_LABEL_LEN]);

/* Writes KPI k's label with its unit as a Markdown header shows it
** (mdtable_header): "Total O&M (M EUR)", "Target year". */
void compare_kpi_header(enum kpi k, enum plot_lang lang, char buf[MDTABLE_HEADER_LEN]);

#endif
