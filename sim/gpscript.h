/*
** gpscript.h: the pieces every chart script is made of, written as gnuplot
** commands to a stream: the head (formats, output, sizes, templates), the
** loop over formats, a panel's state and title, its place on the page
** (from layout.h), its axes, stacked areas, and keys on panels of their
** own. Only quoted literals (gnuplot_quote) and names of template
** variables go into a script; numbers are printed in the C locale.
*/
#ifndef DTSIM_GPSCRIPT_H
#define DTSIM_GPSCRIPT_H

#include <stdio.h>

#include "chartdata.h"
#include "chartdef.h"
#include "layout.h"

/* Writes the head of chart script `chart` (what it shows: what): how to
** run it, the formats ("png svg"), the output name qout (quoted,
** "./"-prefixed) that ARG1 and ARG2 replace, the sizes d, and loads
** style.gp and lang.gp; multi: several panels, in LAYOUT_PANEL_FONT_PT. */
void gpscript_head(FILE *f, const char *chart, const char *what, const char *qout,
                   const char *formats, const struct layout_dims *d, int multi);

/* Begins and ends the loop over the formats. */
void gpscript_loop_begin(FILE *f);
void gpscript_loop_end(FILE *f);

/* Starts a panel: a clean state with the shared style and texts, and a
** title (a gnuplot string expression). */
void gpscript_panel(FILE *f, const char *title);

/* Writes flex, the cm per unit of plot weight, for rows ending at end. */
void gpscript_flex(FILE *f, const struct layout_vpos *end);

/* Places the plot area of the panel being written at fr, without a key. */
void gpscript_frame(FILE *f, const struct layout_frame *fr);

/* Turns the panel at fr, just drawn, into the empty panel of its key; the
** same plot command again then draws only the key. */
void gpscript_key_overlay(FILE *f, const struct layout_frame *fr);

/* Starts the key of small multiples on a panel of its own without axes,
** placed by kf (its key and keyrows set): the plot command's first term,
** which draws nothing; the caller adds the entries (", keyentry ...") and
** the newline. */
void gpscript_key_panel(FILE *f, const struct layout_frame *kf);

/* Draws the footer qfoot (a gnuplot string expression, chartdata's) on a
** panel of its own in the bottom right corner of the page; the last panel
** of a multiplot. */
void gpscript_footer(FILE *f, const char *qfoot);

/* Writes the range and ticks of axis ax ('x' or 'y') for money axis a,
** the range up to range_hi. */
void gpscript_money_ticks(FILE *f, char ax, const struct layout_axis *a, double range_hi);

/* The same for an axis of any name ("cb": a colour scale). */
void gpscript_money_ticks_axis(FILE *f, const char *ax, const struct layout_axis *a,
                               double range_hi);

/* Writes the y axis for kind: money from a (per year when flow), else
** fixed; small: the fewer ticks of a panel in a multi-panel chart. */
void gpscript_yaxis(FILE *f, enum chartdef_axis kind, const struct layout_axis *a, int flow,
                    int small);

/* Writes the year axis from y0 to y1, at most maxticks labels; with
** label, "Fiscal year". */
void gpscript_years(FILE *f, double y0, double y1, int maxticks, int label);

/* Writes a plot command of the stacked areas of defs[0..n) that s has,
** from the data file variable `data`, money divided by scale; key 0: no
** key entries. */
void gpscript_stack_plot(FILE *f, const char *data, const struct chartdata_scen *s,
                         const struct chartdef_stack *defs, size_t n, double scale, int key);

#endif
