/*
** sobol.c: first-order (Saltelli) and total (Jansen) Sobol indices with
** bootstrap intervals (sobol.h).
*/
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "qmc.h"
#include "sobol.h"

struct sobol {
	size_t d, n;
	double *ab;   /* n rows of 2d coordinates: A's d, then B's d */
	double *y;    /* n (d + 2) values, by run; NaN until recorded */
};

/*
** The Halton sequence's coordinates in neighbouring high dimensions are
** strongly correlated until the points number the product of their bases
** (for n below a base b, coordinate k is about k / b in every such
** dimension), which would tie the columns of A and B together and bias
** every index. So each of the 2d columns is shuffled on its own (GSL's
** MT19937 seeded with seed, gsl_ran_shuffle): every column keeps its
** values, evenly spread over (0,1), and the columns become independent, as
** Saltelli's design assumes: a Latin-hypercube-like design with the
** error of random sampling, which the bootstrap intervals then measure.
** Returns 0, or -1 when out of memory.
*/
static int shuffle_columns(struct sobol *s, unsigned long seed)
{
	size_t n = s->n, w = 2 * s->d;
	double *col = malloc(n * sizeof *col);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	if (!col || !rng) {
		free(col);
		gsl_rng_free(rng);
		return -1;
	}
	gsl_rng_set(rng, seed);
	for (size_t c = 0; c < w; c++) {
		for (size_t j = 0; j < n; j++)
			col[j] = s->ab[j * w + c];
		gsl_ran_shuffle(rng, col, n, sizeof *col);
		for (size_t j = 0; j < n; j++)
			s->ab[j * w + c] = col[j];
	}
	free(col);
	gsl_rng_free(rng);
	return 0;
}

size_t sobol_min_base(size_t d)
{
	size_t m;

	if (d == 0 || d > qmc_dim_max() / 2)
		return 0;
	m = qmc_min_points(2 * d);
	return m > SOBOL_N_MIN ? m : SOBOL_N_MIN;
}

int sobol_new(size_t d, size_t n, unsigned long seed, struct sobol **out, struct err *e)
{
	struct sobol *s;
	struct qmc *q = NULL;

	*out = NULL;
	if (d == 0 || d > qmc_dim_max() / 2)
		return err_set(e, NULL, 0, NULL, "%zu uncertain parameters for Sobol indices;"
		               " allowed: 1 to %zu (Saltelli's design needs 2 quasi-random"
		               " dimensions per parameter, and GSL's sequences have at most %zu)",
		               d, qmc_dim_max() / 2, qmc_dim_max());
	if (n < sobol_min_base(d))
		return err_set(e, NULL, 0, NULL, "%zu base points for Sobol indices of %zu"
		               " parameters; allowed: at least %zu%s", n, d, sobol_min_base(d),
		               2 * d > qmc_sobol_max() ? " (their 2d quasi-random dimensions come"
		               " from the Halton sequence, whose last base is that prime: fewer"
		               " points leave that coordinate short of 1)" : "");
	if (n > (size_t)-1 / (2 * d) / sizeof(double) || n > (size_t)-1 / (d + 2) / sizeof(double))
		return err_set(e, NULL, 0, NULL, "%zu base points for %zu parameters: too many"
		               " to hold", n, d);
	if (qmc_new(2 * d, &q, e) != 0)
		return -1;
	s = malloc(sizeof *s);
	if (s) {
		s->d = d;
		s->n = n;
		s->ab = malloc(n * 2 * d * sizeof *s->ab);
		s->y = malloc(n * (d + 2) * sizeof *s->y);
	}
	if (!s || !s->ab || !s->y) {
		sobol_free(s);
		qmc_free(q);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	for (size_t j = 0; j < n; j++)
		qmc_next(q, s->ab + j * 2 * d);
	if (qmc_kind(q) == QMC_HALTON && shuffle_columns(s, seed) != 0) {
		sobol_free(s);
		qmc_free(q);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	for (size_t k = 0; k < n * (d + 2); k++)
		s->y[k] = NAN;
	qmc_free(q);
	*out = s;
	return 0;
}

void sobol_free(struct sobol *s)
{
	if (!s)
		return;
	free(s->ab);
	free(s->y);
	free(s);
}

size_t sobol_inputs(const struct sobol *s)
{
	return s->d;
}

size_t sobol_base(const struct sobol *s)
{
	return s->n;
}

size_t sobol_runs(const struct sobol *s)
{
	return s->n * (s->d + 2);
}

void sobol_point(const struct sobol *s, size_t k, double *x)
{
	size_t d = s->d, j = k / (d + 2), c = k % (d + 2);
	const double *a = s->ab + j * 2 * d, *b = a + d;

	for (size_t i = 0; i < d; i++)
		x[i] = c == 1 ? b[i] : a[i];
	if (c >= 2)
		x[c - 2] = b[c - 2];
}

void sobol_set(struct sobol *s, size_t k, double y)
{
	s->y[k] = y;
}

/* The value of row j of A, B, or A_B^i (c = 0, 1, 2 + i). */
static double val(const struct sobol *s, size_t j, size_t c)
{
	return s->y[j * (s->d + 2) + c];
}

/*
** The indices of every input over the rows row[0 .. n-1] (a bootstrap
** resample, or every row once) into s1[i], st[i]; buf has room for 2n
** (the values of A and B, for their variance).
** Returns -1 when f has no variance over these rows.
*/
static int indices(const struct sobol *s, const size_t *row, double *buf, double *s1,
                   double *st)
{
	size_t n = s->n;
	double v, f0;

	for (size_t j = 0; j < n; j++) {
		buf[j] = val(s, row[j], 0);
		buf[n + j] = val(s, row[j], 1);
	}
	f0 = gsl_stats_mean(buf, 1, 2 * n);
	v = gsl_stats_variance_m(buf, 1, 2 * n, f0);
	if (!(v > 0))
		return -1;
	/* Plain sums: gsl_stats_mean's running mean divides at every value,
	** and the bootstrap calls this nboot times. f(B) enters centred (f0
	** taken off): the estimator's expectation is the same, since the mean
	** of f(A_B^i) - f(A) is 0, and its variance no longer grows with f0^2,
	** which for a KPI far from 0 (a share of 0.6 varying by 0.05) would
	** swamp V_i. */
	for (size_t i = 0; i < s->d; i++) {
		double sv = 0, svt = 0;

		for (size_t j = 0; j < n; j++) {
			double ya = val(s, row[j], 0), yb = val(s, row[j], 1) - f0;
			double yab = val(s, row[j], 2 + i);

			sv += yb * (yab - ya);
			svt += (ya - yab) * (ya - yab);
		}
		s1[i] = sv / n / v;
		st[i] = svt / (2.0 * n) / v;
	}
	return 0;
}

int sobol_estimate(const struct sobol *s, size_t nboot, double level, unsigned long seed,
                   struct sobol_index *out, struct err *e)
{
	size_t d = s->d, n = s->n, *row;
	double *buf, *s1, *st, *bs1, *bst, *col, lo = (1 - level) / 2, hi = (1 + level) / 2;
	gsl_rng *rng;
	int status = 0;

	if (nboot < 1 || !(level > 0 && level < 1))
		return err_set(e, NULL, 0, NULL, "bootstrap of %zu resamples at level %g; allowed:"
		               " at least 1 resample, a level above 0 and below 1", nboot, level);
	for (size_t k = 0; k < sobol_runs(s); k++)
		if (!isfinite(s->y[k]))
			return err_set(e, NULL, 0, NULL, "run %zu of the Sobol design has no finite"
			               " value; every run needs one", k + 1);
	if (nboot > (size_t)-1 / sizeof(double) / d)
		return err_set(e, NULL, 0, NULL, "%zu bootstrap resamples: too many to hold", nboot);
	row = malloc(n * sizeof *row);
	buf = malloc(2 * n * sizeof *buf);
	s1 = malloc(d * sizeof *s1);
	st = malloc(d * sizeof *st);
	bs1 = malloc(nboot * d * sizeof *bs1);
	bst = malloc(nboot * d * sizeof *bst);
	col = malloc(nboot * sizeof *col);
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!row || !buf || !s1 || !st || !bs1 || !bst || !col || !rng) {
		status = err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	for (size_t j = 0; j < n; j++)
		row[j] = j;
	if (indices(s, row, buf, s1, st) != 0) {
		status = err_set(e, NULL, 0, NULL, "the function has the same value at every"
		                 " point of the Sobol design: it has no variance to apportion,"
		                 " and no index is defined");
		goto done;
	}
	gsl_rng_set(rng, seed);
	/* A resample whose rows happen to hold one value has no variance (it
	** needs all n draws alike); it is drawn again, up to a cap. */
	for (size_t b = 0, tries = 0; b < nboot; ) {
		for (size_t j = 0; j < n; j++)
			row[j] = (size_t)gsl_rng_uniform_int(rng, (unsigned long)n);
		if (indices(s, row, buf, bs1 + b * d, bst + b * d) == 0) {
			b++;
			continue;
		}
		if (++tries > nboot) {
			status = err_set(e, NULL, 0, NULL, "the bootstrap resamples of the Sobol"
			                 " design have no variance: too few points vary");
			goto done;
		}
	}
	/* Each index's resampled values, gathered and sorted, give its interval. */
	for (size_t i = 0; i < d; i++) {
		out[i].s1 = s1[i];
		out[i].st = st[i];
		for (int t = 0; t < 2; t++) {
			const double *src = t ? bst : bs1;

			for (size_t b = 0; b < nboot; b++)
				col[b] = src[b * d + i];
			gsl_sort(col, 1, nboot);
			*(t ? &out[i].st_lo : &out[i].s1_lo) =
				gsl_stats_quantile_from_sorted_data(col, 1, nboot, lo);
			*(t ? &out[i].st_hi : &out[i].s1_hi) =
				gsl_stats_quantile_from_sorted_data(col, 1, nboot, hi);
		}
	}
done:
	gsl_rng_free(rng);
	free(row);
	free(buf);
	free(s1);
	free(st);
	free(bs1);
	free(bst);
	free(col);
	return status;
}
