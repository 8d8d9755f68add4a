/*
** optimmap.c: from the optimiser's unit cube to decided values
** (optimmap.h).
*/
#include <math.h>

#include "optimmap.h"
#include "registry.h"

void optimmap_shares(const double *u, double *s)
{
	double rest = 1;

	for (size_t i = 0; i + 1 < DOM_COUNT; i++) {
		double ui = u[i] < 0 ? 0 : u[i] > 1 ? 1 : u[i];
		double b = 1 - pow(1 - ui, 1.0 / (double)(DOM_COUNT - 1 - i));
		double left = rest * (1 - b);

		s[i] = rest - left;
		rest = left;
	}
	s[DOM_COUNT - 1] = rest;
}

void optimmap_unshares(const double *s, double *u)
{
	double rest = 1;

	for (size_t i = 0; i + 1 < DOM_COUNT; i++) {
		double b = rest > 0 ? s[i] / rest : 0;

		b = b < 0 ? 0 : b > 1 ? 1 : b;
		u[i] = 1 - pow(1 - b, (double)(DOM_COUNT - 1 - i));
		rest -= s[i];
	}
}

size_t optimmap_values(const struct optim_decision *d, const double *u, double *v)
{
	if (d->kind == OPTIM_ALLOCATION) {
		optimmap_shares(u, v);
		return DOM_COUNT;
	}
	v[0] = d->lo + (u[0] < 0 ? 0 : u[0] > 1 ? 1 : u[0]) * (d->hi - d->lo);
	return 1;
}

/* The share parameter of domain k. */
static const struct param_def *share_def(size_t k)
{
	return registry_find2("allocation", domain_keys[k]);
}

void optimmap_apply(const struct optim_spec *sp, const double *x,
                    struct model_params *years, size_t nyears)
{
	double v[DOM_COUNT];

	for (size_t i = 0; i < sp->nd; i++) {
		const struct optim_decision *d = &sp->d[i];
		size_t y0 = 0, y1 = nyears;

		optimmap_values(d, x, v);
		x += d->nvar;
		if (d->first) {
			y0 = (size_t)(d->first - sp->start_year);
			y1 = (size_t)(d->last - sp->start_year) + 1;
		}
		for (size_t y = y0; y < y1 && y < nyears; y++) {
			if (d->kind == OPTIM_ALLOCATION)
				for (size_t k = 0; k < DOM_COUNT; k++)
					*params_slot(&years[y], share_def(k)) = v[k];
			else
				params_slot(&years[y], d->def)[d->slot] = v[0];
		}
	}
}

void optimmap_start(const struct optim_spec *sp, const struct model_params *years,
                    double *x)
{
	for (size_t i = 0; i < sp->nd; i++) {
		const struct optim_decision *d = &sp->d[i];
		const struct model_params *p = &years[d->first ? d->first - sp->start_year : 0];

		if (d->kind == OPTIM_ALLOCATION) {
			double s[DOM_COUNT];
			for (size_t k = 0; k < DOM_COUNT; k++)
				s[k] = *params_cslot(p, share_def(k));
			optimmap_unshares(s, x);
		} else {
			double v = params_cslot(p, d->def)[d->slot];
			x[0] = d->hi > d->lo ? (v - d->lo) / (d->hi - d->lo) : 0;
			x[0] = x[0] < 0 || x[0] != x[0] ? 0 : x[0] > 1 ? 1 : x[0];
		}
		x += d->nvar;
	}
}
