/*
** plotmc.h: the scripts of a Monte Carlo study's charts (mcdata.h), per
** scenario: the fan chart (<id>-fan: for each core variable of
** chartdef_fan that DIR/<id>.mc.csv has, the bands of its 5th to 95th and
** 25th to 75th percentiles and its median over the years, the maturity
** target dashed) and the histograms of the key figures (<id>-mc-kpi: for
** each key figure of chartdef_mc_kpis that DIR/<id>.mc_hist.csv has, the
** share of the runs in each bin, the target or mandate deadline marked).
** Both are small multiples, two panels a row, with one key below. They
** write the body of a script, after gpscript_head.
*/
#ifndef DTSIM_PLOTMC_H
#define DTSIM_PLOTMC_H

#include <stdio.h>

#include "mcdata.h"

/* The two charts: the name's suffix (<id>-<suffix>), what it shows (for
** the script's comment), its page title (a lang.gp variable, the name
** follows). */
enum plotmc_chart { PLOTMC_FAN, PLOTMC_HIST, PLOTMC_NCHARTS };
struct plotmc_def {
	const char *suffix, *what, *title;
};
extern const struct plotmc_def plotmc_charts[PLOTMC_NCHARTS];

/* 1 when chart c of s has a panel (else it is not drawn); its height
** relative to a single chart; its body. */
int plotmc_has(const struct mcdata_scen *s, enum plotmc_chart c);
double plotmc_height(const struct mcdata_scen *s, enum plotmc_chart c);
void plotmc_write(FILE *f, const struct mcdata_scen *s, enum plotmc_chart c);

#endif
