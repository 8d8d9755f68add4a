/*
** mcdata.h: the results of a Monte Carlo study that its charts draw
** (plotmc.h), read from a results directory: DIR/mc_summary.csv names the
** scenarios (its scenario column, in order of first appearance), and for
** each scenario ID DIR/ID.mc.csv (per year: the mean and the 5th, 25th,
** 50th, 75th and 95th percentiles of every core column, COL_mean, COL_p5,
** ...) and, when present, DIR/ID.mc_hist.csv (kpi, bin_lo, bin_hi, count).
** The scenario's name, target and mandate come from DIR/manifest.csv when
** it lists the id (a dtsim run into the same directory), else the id is
** the name and nothing is marked. Nothing else is read. Ids are checked as
** the manifest's are (resdir_check_id) before they become paths; texts
** that go into scripts are quoted once, here, as chartdata.h does.
*/
#ifndef DTSIM_MCDATA_H
#define DTSIM_MCDATA_H

#include <stddef.h>

#include "csvtab.h"
#include "err.h"
#include "plot.h"

/* The file that marks a directory as holding a Monte Carlo study. */
#define MCDATA_SUMMARY "mc_summary.csv"

/* One scenario's study. */
struct mcdata_scen {
	char *id;
	struct csvtab *fan;   /* DIR/<id>.mc.csv */
	struct csvtab *hist;  /* DIR/<id>.mc_hist.csv, or NULL when absent */
	char *qfan, *qhist;   /* their paths for a script in DIR/plots, quoted */
	char *qname;          /* the name in the charts' language, quoted */
	double target;        /* services.target_maturity (manifest), or NaN */
	int mandate;          /* mandate.active (manifest), else 0 */
	double deadline;      /* mandate.deadline_year */
	double y0, y1;        /* first and last year of the fan table */
	char *qfoot;          /* the footer: versions, <id>.mc.csv and its digest */
};

struct mcdata {
	const char *dir;
	struct mcdata_scen *s;
	size_t n;
	struct csvtab *summary;  /* DIR/mc_summary.csv */
};

/* 1 when dir holds MCDATA_SUMMARY (a regular file). */
int mcdata_present(const char *dir);

/*
** Loads the study in dir (mcdata_present must hold): the scenarios of
** mc_summary.csv, their tables, names in lang. Returns 0, or -1 with e
** filled (a file missing or unreadable, a bad id, a fan table without
** years). Free m with mcdata_free in either case; m keeps dir.
*/
int mcdata_load(const char *dir, enum plot_lang lang, struct mcdata *m, struct err *e);

void mcdata_free(struct mcdata *m);

/* Writes the en copies of de tables into plots/data, as
** chartdata_write_copies does. Returns 0, or -1 with e filled. */
int mcdata_write_copies(const struct mcdata *m, const char *plots, struct err *e);

/* 1 when s's fan table has every percentile column of col (COL_p5, COL_p25,
** COL_p50, COL_p75, COL_p95). */
int mcdata_fan_has(const struct mcdata_scen *s, const char *col);

/* Widens *lo..*hi to every finite percentile of col in s. */
void mcdata_fan_extent(const struct mcdata_scen *s, const char *col, double *lo, double *hi);

/* The bins of kpi in s's histogram: how many have finite edges and a
** count; the lowest and highest edge of those that hold runs (the bins
** are fixed in advance, so most may be empty; left when none does), the
** total count and the largest. 0 when s has no histogram or kpi no bins
** (then the others are left). */
size_t mcdata_hist_bins(const struct mcdata_scen *s, const char *kpi, double *lo, double *hi,
                        double *total, double *peak);

#endif
