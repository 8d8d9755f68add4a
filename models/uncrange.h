/*
** uncrange.h: the uncertainty ranges of the assumptions
** (models/uncertainty.def): the default distribution of a parameter that a
** scenario's [uncertainty] section does not name is PERT(min, value, max).
*/
#ifndef DTSIM_UNCRANGE_H
#define DTSIM_UNCRANGE_H

#include <stddef.h>

#include "params.h"

struct uncrange {
	double min, max;    /* in the parameter's unit */
	const char *basis;  /* "source", or the argument for the range */
};

/* The range of parameter id (enum param_id), or NULL when it has none. */
const struct uncrange *uncrange_of(size_t id);

/* The mode of a default PERT for a scenario value v: v, moved into the
** range when outside it (the range holds the assumption, and a value
** beyond it is drawn as the nearer end's PERT). */
double uncrange_mode(const struct uncrange *r, double v);

#endif
