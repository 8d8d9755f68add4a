/*
** morris.c: Morris's trajectory design and elementary effects (morris.h).
*/
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "morris.h"

struct morris {
	size_t d, r;
	unsigned p;
	double delta;
	double *x;      /* r (d + 1) points of d coordinates */
	size_t *moved;  /* per trajectory, the input moved at step 1 .. d: r d */
	double *y;      /* r (d + 1) values, by run; NaN until recorded */
};

int morris_new(size_t d, size_t r, unsigned p, unsigned long seed, struct morris **out,
               struct err *e)
{
	struct morris *m;
	gsl_rng *rng;
	unsigned long *to;   /* per input, the level it moves to */
	size_t np;

	*out = NULL;
	if (d == 0)
		return err_set(e, NULL, 0, NULL, "no inputs for Morris's design; allowed: at least 1");
	if (r < MORRIS_TRAJ_MIN)
		return err_set(e, NULL, 0, NULL, "%zu Morris trajectories; allowed: at least %d",
		               r, MORRIS_TRAJ_MIN);
	if (p % 2 != 0 || p < MORRIS_LEVELS_MIN || p > MORRIS_LEVELS_MAX)
		return err_set(e, NULL, 0, NULL, "%u Morris levels; allowed: an even number from"
		               " %d to %d", p, MORRIS_LEVELS_MIN, MORRIS_LEVELS_MAX);
	if (r > (size_t)-1 / (d + 1) / (d + 1) / sizeof(double))
		return err_set(e, NULL, 0, NULL, "%zu trajectories over %zu inputs: too many to"
		               " hold", r, d);
	np = r * (d + 1);
	m = calloc(1, sizeof *m);
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	to = malloc(d * sizeof *to);
	if (m) {
		m->x = malloc(np * d * sizeof *m->x);
		m->moved = malloc(r * d * sizeof *m->moved);
		m->y = malloc(np * sizeof *m->y);
	}
	if (!m || !rng || !to || !m->x || !m->moved || !m->y) {
		morris_free(m);
		gsl_rng_free(rng);
		free(to);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	m->d = d;
	m->r = r;
	m->p = p;
	m->delta = (double)p / (2.0 * (p - 1));
	gsl_rng_set(rng, seed);
	for (size_t t = 0; t < r; t++) {
		double *x0 = m->x + t * (d + 1) * d;
		size_t *order = m->moved + t * d;

		/* Start: each input on one of the p/2 lowest levels, moved up by
		** p/2 levels (delta) when it will step down. Levels are counted as
		** whole numbers, so every coordinate is exactly level / (p - 1). */
		for (size_t i = 0; i < d; i++) {
			unsigned long lvl = gsl_rng_uniform_int(rng, p / 2);
			int down = gsl_rng_uniform_int(rng, 2) == 1;

			x0[i] = (double)(lvl + (down ? p / 2 : 0)) / (p - 1);
			to[i] = lvl + (down ? 0 : p / 2);
			order[i] = i;
		}
		gsl_ran_shuffle(rng, order, d, sizeof *order);
		for (size_t k = 1; k <= d; k++) {
			const double *prev = x0 + (k - 1) * d;
			double *cur = x0 + k * d;
			size_t i = order[k - 1];

			for (size_t c = 0; c < d; c++)
				cur[c] = prev[c];
			cur[i] = (double)to[i] / (p - 1);
		}
	}
	for (size_t k = 0; k < np; k++)
		m->y[k] = NAN;
	gsl_rng_free(rng);
	free(to);
	*out = m;
	return 0;
}

void morris_free(struct morris *m)
{
	if (!m)
		return;
	free(m->x);
	free(m->moved);
	free(m->y);
	free(m);
}

size_t morris_inputs(const struct morris *m)
{
	return m->d;
}

size_t morris_trajectories(const struct morris *m)
{
	return m->r;
}

unsigned morris_levels(const struct morris *m)
{
	return m->p;
}

double morris_delta(const struct morris *m)
{
	return m->delta;
}

size_t morris_runs(const struct morris *m)
{
	return m->r * (m->d + 1);
}

void morris_point(const struct morris *m, size_t k, double *x)
{
	const double *src = m->x + k * m->d;

	for (size_t c = 0; c < m->d; c++)
		x[c] = src[c];
}

void morris_set(struct morris *m, size_t k, double y)
{
	m->y[k] = y;
}

int morris_estimate(const struct morris *m, struct morris_effect *out, struct err *e)
{
	size_t d = m->d, r = m->r;
	double *ee, *abs_ee;

	for (size_t k = 0; k < morris_runs(m); k++)
		if (!isfinite(m->y[k]))
			return err_set(e, NULL, 0, NULL, "run %zu of the Morris design has no finite"
			               " value; every run needs one", k + 1);
	ee = malloc(d * r * sizeof *ee);
	abs_ee = malloc(r * sizeof *abs_ee);
	if (!ee || !abs_ee) {
		free(ee);
		free(abs_ee);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	/* ee[i r + t]: input i's effect on trajectory t. */
	for (size_t t = 0; t < r; t++) {
		const double *x = m->x + t * (d + 1) * d, *y = m->y + t * (d + 1);

		for (size_t k = 1; k <= d; k++) {
			size_t i = m->moved[t * d + k - 1];
			double dx = x[k * d + i] - x[(k - 1) * d + i];

			ee[i * r + t] = (y[k] - y[k - 1]) / dx;
		}
	}
	for (size_t i = 0; i < d; i++) {
		const double *v = ee + i * r;

		for (size_t t = 0; t < r; t++)
			abs_ee[t] = fabs(v[t]);
		out[i].mu = gsl_stats_mean(v, 1, r);
		out[i].mu_star = gsl_stats_mean(abs_ee, 1, r);
		out[i].sigma = gsl_stats_sd_m(v, 1, r, out[i].mu);
	}
	free(ee);
	free(abs_ee);
	return 0;
}
