/*
** reportmc.h: what `dtsim report` shows of uncertainty when the results
** directory holds it: a Monte Carlo study (dtsim mc: mc_summary.csv and
** the charts <id>-fan and <id>-mc-kpi) and the global sensitivity analyses
** (dtsim sensitivity --method tornado|morris|sobol: tornado.csv,
** morris.csv, sobol.csv and the charts sensitivity-tornado,
** sensitivity-morris and sensitivity-sobol). reportmc_load reads them; the rest builds their
** tables (table.h) for report.c, which writes them with every text escaped.
*/
#ifndef DTSIM_REPORTMC_H
#define DTSIM_REPORTMC_H

#include <stddef.h>

#include "compare.h"
#include "csvtab.h"
#include "err.h"
#include "strbuf.h"
#include "table.h"

/* The most parameters a sensitivity table of the report lists. */
#define REPORTMC_SENS_ROWS 10

enum reportmc_sens { REPORTMC_TORNADO, REPORTMC_MORRIS, REPORTMC_SOBOL, REPORTMC_NSENS };

/* What DIR holds of uncertainty, for the scenarios of a comparison. */
struct reportmc {
	struct csvtab *summary;              /* DIR/mc_summary.csv, or NULL */
	struct csvtab *sens[REPORTMC_NSENS]; /* DIR/tornado.csv, ..., or NULL */
	int sens_chart[REPORTMC_NSENS];      /* 1: DIR/plots/sensitivity-KIND.png exists */
	int sens_other[REPORTMC_NSENS];      /* 1: DIR/KIND.csv was there but of other
	                                        inputs (left out: sens[k] is NULL) */
	int *fan, *hist;                     /* per scenario of the comparison: 1 when
	                                        DIR/plots/<id>-fan.png (-mc-kpi.png) exists */
	size_t n;                            /* the comparison's scenarios */
};

/*
** Reads what dir holds for the n scenarios ids[0..n): files that are
** missing are left NULL (0). A sensitivity table is kept only when its
** columns scenario and inputs_digest name one of the scenarios and its
** digest digests[i] (sensprov.h; NULL: none matches); otherwise it is
** left out and sens_other says so. Returns 0, or -1 with e filled when a
** file is there but cannot be read (then m holds what was read before
** it). Free m with reportmc_free in either case.
*/
int reportmc_load(const char *dir, const char *const *ids, const char *const *digests, size_t n,
                  struct reportmc *m, struct err *e);

void reportmc_free(struct reportmc *m);

/* 1 when m holds anything to show for cmp. */
int reportmc_any(const struct reportmc *m, const struct comparison *cmp);

/* The study's table for the scenarios of cmp that it has (the names of
** cmp's rows, in its language): probabilities and percentiles; NULL when
** it has none of them or memory runs out (*rows says which: 0 rows). */
struct table *reportmc_summary_table(const struct reportmc *m, const struct comparison *cmp,
                                     size_t *rows);

/* The first REPORTMC_SENS_ROWS rows of analysis k (by its rank), the KPI
** in its title, in lang; NULL when m lacks it or memory runs out. */
struct table *reportmc_sens_table(const struct reportmc *m, enum reportmc_sens k,
                                  enum plot_lang lang);

/* The method's name (tornado, morris, sobol). */
const char *reportmc_sens_method(enum reportmc_sens k);

/* Appends the file, relative to DIR, of scenario id's fan chart (hist 0)
** or histograms (hist 1), or of the chart of analysis k. */
void reportmc_chart_file(const char *id, int hist, struct strbuf *b);
void reportmc_sens_chart_file(enum reportmc_sens k, struct strbuf *b);

#endif
