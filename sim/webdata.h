/*
** webdata.h: what the what-if page (web/, make web) needs from the native
** dtsim, as one JSON document: the parameter registry (names, units,
** ranges, where each value sits in struct model_params), the KPIs, the
** output variables, and each scenario's parameters as resolved in C, per
** fiscal year, with every "auto" value left auto (null) so the page's
** WebAssembly build derives them from the profile as dtsim run does.
*/
#ifndef DTSIM_WEBDATA_H
#define DTSIM_WEBDATA_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "scenario.h"

/*
** The longest horizon the page offers: each scenario is resolved over
** max(sim.years, WEBDATA_YEARS_MAX) years, so that its year blocks past
** its own horizon are there when the page lengthens the run.
*/
#define WEBDATA_YEARS_MAX 40

/*
** Writes the JSON document (format in webdata.c) for the n scenarios
** sc[0..n-1], loaded and checked, to f. Returns 0, or -1 with e filled
** (out of memory, or a scenario that no longer resolves).
*/
int webdata_write(FILE *f, struct scenario *const *sc, size_t n, struct err *e);

#endif
