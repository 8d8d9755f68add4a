/*
** plotroad.h: the roadmap chart of `dtsim optimise` (plot_roadmap): the
** investment of each domain of action per fiscal year as a heat map (a
** cell a domain and year, darker for more money, blank for none, a colour
** scale in EUR per year beside it), the phases marked by vertical lines
** and labelled above, and above the domains a row per milestone
** (roadmapplan.h) with a marker in its year, or "not by YEAR". Its data is
** DIR/plots/roadmap.csv (year, row, eur), numbers only; the texts are
** lang.gp's and the domains' labels (roadmapplan_domain_label), quoted.
*/
#ifndef DTSIM_PLOTROAD_H
#define DTSIM_PLOTROAD_H

#include <stdio.h>

#include "plot.h"
#include "roadmapplan.h"

/* The chart's name in DIR/plots, and what it shows. */
#define PLOTROAD_NAME "roadmap"
#define PLOTROAD_WHAT "investment by domain of action and year, phases and milestones"

/* The chart's height relative to a single chart. */
double plotroad_height(void);

/* Writes the data of p for the chart: "year,row,eur", a line per fiscal
** year and domain (row: its place from the top of the chart). Returns 0,
** or -1 when the stream failed. */
int plotroad_data(FILE *f, const struct roadmap_plan *p);

/* Writes the body of the chart's script (after gpscript_head) for p in
** lang, a page width_cm wide, with the footer qfoot (gpscript_footer).
** Returns 0, or -1 when out of memory. */
int plotroad_chart(FILE *f, const struct roadmap_plan *p, enum plot_lang lang, double width_cm,
                   const char *qfoot);

#endif
