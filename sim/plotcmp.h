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

/* The height of that chart relative to a single chart: higher when the
** key of names would leave the plot too little room. */
double plotcmp_lines_height(const struct chartdata *r, double width_cm);

/* The key figures and the funding small multiples give each scenario a
** bar or a panel, so they come in pages of at most LAYOUT_PAGE_SCENARIOS
** scenarios (layout_page): page k (0-based) of layout_pages(r->n). Every
** page has the axes of all scenarios, so that pages compare. */

/* The height of a page of the key figures of r relative to a single
** chart; writes the body of page k on a page width_cm wide. */
double plotcmp_kpi_height(const struct chartdata *r);
void plotcmp_kpi(FILE *f, const struct chartdata *r, size_t k, double width_cm);

/* The height of the funding small multiples' page k relative to a single
** chart into *height; returns 0, or -1 when out of memory. Writes the
** body of page k. */
int plotcmp_funding_height(const struct chartdata *r, size_t k, double *height);
void plotcmp_funding(FILE *f, const struct chartdata *r, size_t k);

#endif
