/*
** optimini.h: DIR/roadmap.ini, the scenario that an optimisation found: it
** extends the input scenario and sets, in year blocks, what the decisions
** decided, so that `dtsim run DIR/roadmap.ini` resolves to exactly the
** years the optimiser evaluated (and so reproduces its KPIs bit for bit).
*/
#ifndef DTSIM_OPTIMINI_H
#define DTSIM_OPTIMINI_H

#include <stdio.h>

#include "optimspec.h"
#include "scenario.h"

/*
** Writes roadmap.ini to f: "[scenario] extends = base" (base: the input's
** path as roadmap.ini must name it), its name and German name with
** "(optimised)", "(optimiert)", the command's --set values, then each
** decided key in a block for every year where its value must be set:
** the first decided year, every year its value changes, and every year in
** which the input sets it in a block of its own (so the input's blocks
** cannot override it). Numbers in the registry's round-trip form. want is
** the optimum's years, base the input's as resolved (nyears each).
** Returns 0, or -1 when memory runs out or f has an error.
*/
int optimini_write(FILE *f, const struct scenario *sc, const struct optim_spec *sp,
                   const char *base, const struct model_params *want,
                   const struct model_params *basey, size_t nyears);

/* The path of `to` relative to the directory `dir` (both existing), for an
** extends line; a new string (free()), or NULL when a path cannot be
** resolved or memory runs out. */
char *optimini_relpath(const char *dir, const char *to);

#endif
