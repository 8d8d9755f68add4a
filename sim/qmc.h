/*
** qmc.h: quasi-random points in the unit cube (0,1)^dim, from GSL's
** low-discrepancy sequences, for the Sobol indices (sobol.h).
**
** GSL's Sobol sequence (gsl_qrng_sobol, Bratley and Fox's algorithm 659)
** has direction numbers for at most 40 dimensions; asked for more, it is
** still allocated and returns zeros and garbage without an error. So a
** point set of more than QMC_SOBOL_MAX dimensions comes from the Halton
** sequence (gsl_qrng_halton), which has a prime base for each of at most
** QMC_DIM_MAX dimensions, and more are refused. Both limits are read from
** GSL's own tables (the max_dimension of each generator type), so a GSL
** with more room widens them. Neither sequence returns a coordinate of 0
** or 1: the first point is (1/2, ..., 1/2) in both.
*/
#ifndef DTSIM_QMC_H
#define DTSIM_QMC_H

#include <stddef.h>

#include "err.h"

/* The most dimensions of the Sobol sequence, and of any point set (the
** Halton sequence's): gsl_qrng_sobol->max_dimension (40 in GSL 2.7) and
** gsl_qrng_halton->max_dimension (1229). */
size_t qmc_sobol_max(void);
size_t qmc_dim_max(void);

/*
** The fewest points for which every coordinate of a dim-dimensional point
** set covers (0,1): 1 for the Sobol sequence; for the Halton sequence the
** base of its last dimension, the dim-th prime, since coordinate k's
** first digit runs through 1/b_k, 2/b_k, ... one point at a time, and
** fewer than b_k points leave it below n / b_k. 0 when dim is 0 or above
** qmc_dim_max().
*/
size_t qmc_min_points(size_t dim);

struct qmc;

/* Which sequence a point set draws from. */
enum qmc_kind { QMC_SOBOL, QMC_HALTON };

/*
** A new point set of dim dimensions at its first point: the Sobol
** sequence up to qmc_sobol_max() dimensions, the Halton sequence above.
** On success *out owns it (qmc_free). Returns -1 with e filled when dim is
** 0 or above qmc_dim_max() (the message names the limit), or memory runs
** out.
*/
int qmc_new(size_t dim, struct qmc **out, struct err *e);

void qmc_free(struct qmc *q);

enum qmc_kind qmc_kind(const struct qmc *q);
size_t qmc_dim(const struct qmc *q);

/* Writes the next point into x (qmc_dim entries, the caller's), every
** coordinate in (0,1). */
void qmc_next(struct qmc *q, double *x);

#endif
