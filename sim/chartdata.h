/*
** chartdata.h: the results the charts draw, read from a results directory:
** the scenarios DIR/manifest.csv lists (manifest_load checks that their
** files are those of one run), each one's DIR/ID.csv, and DIR/summary.csv.
** Nothing else is read: no scenario file, no params.ini. Texts that go
** into scripts (names, the wrapped description, paths) are kept quoted by
** gnuplot_quote, ready to be written.
*/
#ifndef DTSIM_CHARTDATA_H
#define DTSIM_CHARTDATA_H

#include <stddef.h>
#include <stdint.h>

#include "chartdef.h"
#include "csvtab.h"
#include "err.h"
#include "keyfig.h"
#include "plot.h"

/* One scenario's results and what its charts say about it. */
struct chartdata_scen {
	char *id;
	struct csvtab *t;    /* DIR/<id>.csv */
	char *qdata;         /* ../<id>.csv (de results: data/<id>.csv), quoted */
	char *qname;         /* the scenario's name in the charts' language (its
	                        English name when it has none there, its id when
	                        it has no name), quoted */
	char **qabout;       /* the description likewise, wrapped, each line
	                        quoted */
	size_t nabout;
	const struct chartdata_scen *ref;  /* the reference scenario (another
	                        one of the same chartdata), or NULL */
	char *qkeyfig[2][KEYFIG_NITEMS]; /* the key figures (keyfig_box_item), quoted:
	                        left column, then the right */
	size_t nkeyfig[2];
	double target;       /* services.target_maturity; NaN when unknown */
	int mandate;         /* mandate.active */
	double deadline, mandate_target;
	double y0, y1;       /* first and last year in the CSV */
	char *qfoot;         /* the footer (gpscript_footer): a gnuplot string
	                        expression of quoted literals and lang.gp's L_model */
};

struct chartdata {
	const char *dir;
	struct chartdata_scen *s;
	size_t n;
	struct csvtab *summary;  /* DIR/summary.csv */
	char *qsummary;          /* ../summary.csv (de results: data/summary.csv), quoted */
	const struct chartdata_scen *ref;  /* the reference of every scenario
	                           that has one, when they share it (charts
	                           across scenarios draw it grey); else NULL */
	char *qfoot;             /* the footer of charts across scenarios */
};

/*
** Loads the results of dir that its manifest lists: with ids (n of them)
** only those, in that order, else all of them; and summary.csv. Each
** ID.csv must have a year column, a row and increasing years. Texts are in
** lang; each scenario's reference is baseline when not NULL (it must be
** listed in the manifest), else the one the manifest records, when loaded.
** Returns 0, or -1 with e filled. Free r with chartdata_free in either
** case; r keeps dir, which must outlive it.
*/
int chartdata_load(const char *dir, const char *const *ids, size_t n, enum plot_lang lang,
                   const char *baseline, struct chartdata *r, struct err *e);

void chartdata_free(struct chartdata *r);

/*
** gnuplot reads numbers with a decimal point only: when the results are in
** the de CSV dialect (csvdialect.h), the charts read copies of them in the
** en dialect, which this writes into plots/data (plots: DIR/plots; each
** file whole or not at all). For en results it does nothing. Returns 0, or
** -1 with e filled.
*/
int chartdata_write_copies(const struct chartdata *r, const char *plots, struct err *e);

/* The pieces chartdata_load builds, for other results (plotmc.h's):
** display text quoted for a script (gnuplot_quote, with "]]>" broken for
** SVG), into *out (owned); the footer of a chart (a gnuplot string
** expression: dtsim and model versions of m, file or L_run when NULL, and
** digest); the quoted path by which a script in DIR/plots reads table t
** of DIR/name.csv (its en copy in plots/data for de results). Each returns
** 0, or -1 when out of memory. chartdata_write_copy writes t as an en CSV
** dir/name.csv, whole or not at all; 0, or -1 with e filled. */
struct manifest;
int chartdata_quote_text(const char *text, char **out);
int chartdata_footer(const struct manifest *m, const char *file, uint64_t digest, char **out);
int chartdata_data_path(const struct csvtab *t, const char *name, char **out);
int chartdata_write_copy(const struct csvtab *t, const char *dir, const char *name,
                         struct err *e);

/* The value of column col in row of s, or NaN when absent; whether s has col. */
double chartdata_num(const struct chartdata_scen *s, size_t row, const char *col);
int chartdata_has(const struct chartdata_scen *s, const char *col);

/* The sum of col's finite values over the rows of s. */
double chartdata_total(const struct chartdata_scen *s, const char *col);

/* 1 when any scenario of r has col. */
int chartdata_any(const struct chartdata *r, const char *col);

/* Widens *lo..*hi to every finite value of col in every scenario of r. */
void chartdata_extent(const struct chartdata *r, const char *col, double *lo, double *hi);

/* The years covered by all scenarios of r. */
void chartdata_years(const struct chartdata *r, double *y0, double *y1);

/* The most characters (UTF-8 sequences) of a scenario name of r, as
** gnuplot shows it. */
size_t chartdata_name_chars(const struct chartdata *r);

/* 1 when summary.csv has col; the largest of its finite values and 0. */
int chartdata_summary_has(const struct chartdata *r, const char *col);
double chartdata_summary_max(const struct chartdata *r, const char *col);

/* 1 when s has col with a value other than 0 in some row. */
int chartdata_nonzero(const struct chartdata_scen *s, const char *col);

/* Widens *lo..*hi to every finite value of col in s. */
void chartdata_scen_extent(const struct chartdata_scen *s, const char *col, double *lo,
                           double *hi);

/* 1 when s has any column of d with a value other than 0 in some row: a
** source or use the scenario never has (no loans) takes no place in a
** stack or its key. */
int chartdata_stack_present(const struct chartdata_scen *s, const struct chartdef_stack *d);

/* The largest stacked total of defs[0..n) over the rows of s (EUR). */
double chartdata_stack_max(const struct chartdata_scen *s, const struct chartdef_stack *defs,
                           size_t n);

#endif
