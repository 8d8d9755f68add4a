/*
** uncrange.c: the table of models/uncertainty.def, indexed by parameter id.
*/
#include "uncrange.h"

/* One slot per parameter; basis NULL where it has no range. */
static const struct uncrange ranges[P_COUNT] = {
#define UNC_RANGE(id, lo, hi, basis) [id] = { lo, hi, basis },
#include "uncertainty.def"
#undef UNC_RANGE
};

const struct uncrange *uncrange_of(size_t id)
{
	return id < P_COUNT && ranges[id].basis ? &ranges[id] : NULL;
}

double uncrange_mode(const struct uncrange *r, double v)
{
	return v < r->min ? r->min : v > r->max ? r->max : v;
}
