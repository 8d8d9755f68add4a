/*
** qmc.c: quasi-random points from GSL's Sobol and Halton sequences (qmc.h).
*/
#include <stdlib.h>

#include <gsl/gsl_qrng.h>

#include "qmc.h"

struct qmc {
	gsl_qrng *g;
	enum qmc_kind kind;
	size_t dim;
};

size_t qmc_sobol_max(void)
{
	return gsl_qrng_sobol->max_dimension;
}

size_t qmc_dim_max(void)
{
	return gsl_qrng_halton->max_dimension;
}

/* The k-th prime (k >= 1), by trial division: k is at most 1229 here. */
static size_t kth_prime(size_t k)
{
	size_t p = 1;

	while (k > 0) {
		int prime = 1;

		p++;
		for (size_t q = 2; q * q <= p && prime; q++)
			prime = p % q != 0;
		k -= (size_t)prime;
	}
	return p;
}

size_t qmc_min_points(size_t dim)
{
	if (dim == 0 || dim > qmc_dim_max())
		return 0;
	return dim <= qmc_sobol_max() ? 1 : kth_prime(dim);
}

int qmc_new(size_t dim, struct qmc **out, struct err *e)
{
	struct qmc *q;

	*out = NULL;
	if (dim == 0 || dim > qmc_dim_max())
		return err_set(e, NULL, 0, NULL, "%zu quasi-random dimensions asked for; allowed:"
		               " 1 to %zu (GSL's Sobol sequence up to %zu, its Halton sequence"
		               " above)", dim, qmc_dim_max(), qmc_sobol_max());
	q = malloc(sizeof *q);
	if (!q)
		return err_set(e, NULL, 0, NULL, "out of memory");
	q->kind = dim <= qmc_sobol_max() ? QMC_SOBOL : QMC_HALTON;
	q->dim = dim;
	q->g = gsl_qrng_alloc(q->kind == QMC_SOBOL ? gsl_qrng_sobol : gsl_qrng_halton,
	                      (unsigned)dim);
	if (!q->g) {
		free(q);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	*out = q;
	return 0;
}

void qmc_free(struct qmc *q)
{
	if (!q)
		return;
	gsl_qrng_free(q->g);
	free(q);
}

enum qmc_kind qmc_kind(const struct qmc *q)
{
	return q->kind;
}

size_t qmc_dim(const struct qmc *q)
{
	return q->dim;
}

/* gsl_qrng_get fails only for a dimension above the type's maximum, which
** qmc_new refuses. */
void qmc_next(struct qmc *q, double *x)
{
	(void)gsl_qrng_get(q->g, x);
}
