/*
** plotscen.h: the scripts of one scenario's charts: each panel of
** chartdef_panels as a chart of its own (<id>-<suffix>) and the dashboard
** (<id>-dashboard), every panel on one page with the text about the
** scenario. They write the body of a script, after gpscript_head.
*/
#ifndef DTSIM_PLOTSCEN_H
#define DTSIM_PLOTSCEN_H

#include <stdio.h>

#include "chartdata.h"
#include "chartdef.h"

/* Writes the body of panel p's chart of s. */
void plotscen_panel(FILE *f, const struct chartdata_scen *s, enum chartdef_panel p);

/* Writes the body of chart c of s (chartdef_charts): a line per column
** on an axis of its own, a key of two columns below. */
void plotscen_chart(FILE *f, const struct chartdata_scen *s, const struct chartdef_chart *c);

/* Writes the body of the dashboard of s. */
void plotscen_dashboard(FILE *f, const struct chartdata_scen *s);

#endif
