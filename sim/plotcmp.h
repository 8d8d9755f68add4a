/*
** plotcmp.h: the scripts of the charts across scenarios: a line per
** scenario of a core variable (compare-<col>, compare-net-benefit), the key
** figures of summary.csv as bars (compare-kpi) and the funding sources of
** every scenario as small multiples (compare-funding). They write the body
** of a script, after gpscript_head.
*/
#ifndef DTSIM_PLOTCMP_H
#define DTSIM_PLOTCMP_H

#include <stdio.h>

#include "chartdata.h"
#include "chartdef.h"

/* Writes the body of the chart of d->col, a line per scenario of r, on a
** page width_cm wide. */
void plotcmp_lines(FILE *f, const struct chartdata *r, const struct chartdef_compare *d,
                   double width_cm);

/* The height of the key figures of r relative to a single chart; writes
** their body on a page width_cm wide. */
double plotcmp_kpi_height(const struct chartdata *r);
void plotcmp_kpi(FILE *f, const struct chartdata *r, double width_cm);

/* The height of the funding small multiples of r relative to a single
** chart into *height; returns 0, or -1 when out of memory. Writes their
** body. */
int plotcmp_funding_height(const struct chartdata *r, double *height);
void plotcmp_funding(FILE *f, const struct chartdata *r);

#endif
