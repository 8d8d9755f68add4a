/*
** profile.h: the municipality profile. Every PF_AUTO parameter that a
** scenario leaves at "auto" is derived here from the inhabitants, the staff
** and the per-unit figures of the registry (MODEL.md 1.2), so that one key,
** municipality.inhabitants, sizes a coherent municipality.
*/
#ifndef DTSIM_PROFILE_H
#define DTSIM_PROFILE_H

#include "params.h"

/* The size the per-inhabitant figures were sourced at (MODEL.md 1.2). */
#define PROFILE_REF_INHABITANTS 150000.0

/*
** Replaces every auto value of p by its derived value. first is NULL for
** the first fiscal year; for a later year it is the first year's derived
** parameters, and the values fixed at the start (staff, base budget,
** portfolio value, ...) are taken from it, so a year block that changes an
** input does not re-derive them. Returns 0, or -1 when the portfolio value
** would not be positive: the first year's O&M of digital services alone
** takes budget.om_share_initial of the base budget or more (p is then left
** with the other values derived and the portfolio value 0).
*/
int profile_derive(struct model_params *p, const struct model_params *first);

/* One size class of models/sizes.def: the staff density and services an
** auto municipality of that size has, and the source. */
struct profile_size {
	double inhabitants, staff_per_1000, services;
	const char *source;
};

/* The size classes, in order of inhabitants; *n gets their count. */
const struct profile_size *profile_sizes(size_t *n);

/* Sets every parameter to its default (params_defaults) and derives the
** auto values: the default municipality, as a scenario file that sets
** nothing gives it. */
void profile_defaults(struct model_params *p);

/* The first year's O&M of digital services as a share of the base budget,
** from derived parameters (MODEL.md 3.1): the smallest O&M share the budget
** can start with. */
double profile_digital_om_share(const struct model_params *p);

#endif
