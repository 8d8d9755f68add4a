/*
** optimmap.h: the optimiser's variables and what they decide. Every
** variable lies in [0, 1]; a decision on a REAL parameter maps its variable
** u linearly onto [min, max]; an allocation decision maps its
** DOM_COUNT - 1 variables onto the simplex of the DOM_COUNT shares by
** stick-breaking with Beta(1, K - 1 - i) quantiles (docs/OPTIMISE.md):
**
**     b_i = 1 - (1 - u_i)^(1 / (K - 1 - i)),  i = 0 .. K - 2,
**     s_i = b_i * (1 - s_0 - ... - s_{i-1}),   s_{K-1} = what is left,
**
** so that every point of the unit cube gives shares that are >= 0 and sum
** to 1 (by construction, not by a penalty), every allocation is reached,
** and a uniform u gives a uniform allocation (the global stage samples
** the simplex evenly).
*/
#ifndef DTSIM_OPTIMMAP_H
#define DTSIM_OPTIMMAP_H

#include <stddef.h>

#include "optimspec.h"
#include "params.h"

/* The shares s[0..DOM_COUNT-1] of the variables u[0..DOM_COUNT-2]. */
void optimmap_shares(const double *u, double *s);

/* The variables u[0..DOM_COUNT-2] that give the shares s (the inverse of
** optimmap_shares; a share's remainder of 0 gives u = 0 for the rest). */
void optimmap_unshares(const double *s, double *u);

/* The values decision d takes for its variables u: DOM_COUNT shares, or
** one value in [lo, hi]. Returns how many were written to v. */
size_t optimmap_values(const struct optim_decision *d, const double *u, double *v);

/*
** Sets in years[0..nyears-1] (a copy of the scenario's resolved years)
** what the variables x[0..sp->nvar-1] decide: each allocation decision's
** shares and each yearly parameter in the years of its phase, each named
** section's parameter in every year. Writes nothing else.
*/
void optimmap_apply(const struct optim_spec *sp, const double *x,
                    struct model_params *years, size_t nyears);

/* The variables that give the values of the scenario as resolved
** (years): the starting point of the local stage when it runs alone;
** values outside a decision's bounds are clipped. */
void optimmap_start(const struct optim_spec *sp, const struct model_params *years,
                    double *x);

#endif
