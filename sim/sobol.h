/*
** sobol.h: variance-based sensitivity indices (Sobol' 1993) of a function
** of d inputs on the unit cube, independent of the model: first-order
** indices S_i by Saltelli's estimator and total indices ST_i by Jansen's,
** on quasi-random points (qmc.h), with bootstrap confidence intervals.
**
** Design (Saltelli 2002; Saltelli et al. 2010, section 3): the points of a
** 2d-dimensional quasi-random sequence give two n x d matrices, A (the
** first d coordinates) and B (the last d); A_B^i is A with its column i
** taken from B. The function is evaluated at the n (d + 2) rows of A, B and
** every A_B^i. With f0 and V the mean and variance of f over the 2n rows
** of A and B,
**
**   V_i  = 1/n       sum_j (f(B)_j - f0) (f(A_B^i)_j - f(A)_j)   (Saltelli 2010, table 2 (b), f(B) centred)
**   VT_i = 1/(2n)    sum_j (f(A)_j - f(A_B^i)_j)^2        (Jansen 1999; Saltelli 2010, eq. (f))
**   S_i = V_i / V,   ST_i = VT_i / V.
**
** Confidence intervals are bootstrap percentile intervals: the n rows j
** are resampled with replacement (the same rows for every index, A, B and
** A_B^i together) nboot times; the interval at level L runs from the
** (1 - L)/2 to the (1 + L)/2 quantile of the resampled indices.
**
** Usage: sobol_new; for every run 0 .. sobol_runs - 1 (the caller owns the
** loop, in any order, on any thread) sobol_point, evaluate, sobol_set;
** then sobol_estimate; sobol_free.
*/
#ifndef DTSIM_SOBOL_H
#define DTSIM_SOBOL_H

#include <stddef.h>

#include "err.h"

/* Bootstrap resamples and confidence level when the caller has no reason
** to choose others: 1,000 resamples put each end of a 95 % percentile
** interval on 25 resampled values (Efron and Tibshirani 1993, ch. 13 ask
** for 1,000 for percentile intervals). */
#define SOBOL_BOOT_DEFAULT 1000
#define SOBOL_LEVEL_DEFAULT 0.95

/* The fewest base points: the bootstrap needs rows to resample. */
#define SOBOL_N_MIN 2

struct sobol;

/* The fewest base points for d inputs: SOBOL_N_MIN, or when the design's
** 2d dimensions come from the Halton sequence, qmc_min_points(2d) (the
** 2d-th prime: 181 for 21 inputs, 971 for 82), so that every coordinate
** covers (0,1). 0 when d is 0 or above qmc_dim_max() / 2. */
size_t sobol_min_base(size_t d);

/* One input's indices and their confidence intervals (lo <= estimate is not
** guaranteed: the percentile interval of a biased estimator may miss it). */
struct sobol_index {
	double s1, s1_lo, s1_hi;
	double st, st_lo, st_hi;
};

/*
** A design for d inputs and n base points: n (d + 2) runs on the first n
** points of a 2d-dimensional quasi-random sequence (qmc.h: Sobol up to 40
** dimensions, Halton above, each of whose columns is then shuffled on its
** own by GSL's MT19937 seeded with seed, to undo the Halton sequence's
** correlation between high dimensions: see sobol.c). On success *out owns
** it (sobol_free). Returns
** -1 with e filled when d is 0, 2d is above qmc_dim_max() (the message
** names the most inputs, qmc_dim_max() / 2), n is below sobol_min_base(d)
** (the message names it), or memory runs out.
*/
int sobol_new(size_t d, size_t n, unsigned long seed, struct sobol **out, struct err *e);

void sobol_free(struct sobol *s);

size_t sobol_inputs(const struct sobol *s);
size_t sobol_base(const struct sobol *s);

/* The runs of the design, n (d + 2): run j (d + 2) + 0 is row j of A,
** + 1 row j of B, + 2 + i row j of A_B^i. */
size_t sobol_runs(const struct sobol *s);

/* Writes the point of run k into x (d entries, the caller's), every
** coordinate in (0,1). Reads only: threads may call it together. */
void sobol_point(const struct sobol *s, size_t k, double *x);

/* Records f at the point of run k. Threads may record different runs
** together. */
void sobol_set(struct sobol *s, size_t k, double y);

/*
** Estimates every input's indices into out[0 .. d-1] (the caller's) from
** the recorded values, with nboot (>= 1) bootstrap resamples drawn by
** GSL's MT19937 seeded with seed, at confidence level (0 < level < 1).
** Returns -1 with e filled when a run was not recorded or its value is
** not finite, when f has no variance over A and B (no index is defined),
** or memory runs out.
*/
int sobol_estimate(const struct sobol *s, size_t nboot, double level, unsigned long seed,
                   struct sobol_index *out, struct err *e);

#endif
