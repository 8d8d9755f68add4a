/*
** mcstat.c: the statistics of one measure of a Monte Carlo study
** (mcstat.h).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "mcstat.h"

/* How much a range of one value is widened, relative (and at least
** absolute), so that its bins have a width. */
#define MCSTAT_POINT_WIDEN 1e-6

struct mcstat_bins mcstat_bins_integer(long lo, long hi)
{
	struct mcstat_bins b = { 1, (double)lo - 0.5, (double)hi + 0.5, 0 };

	b.n = hi >= lo ? (size_t)(hi - lo + 1) : 0;
	return b;
}

struct mcstat_bins mcstat_bins_pilot(const double *x, size_t n, size_t stride)
{
	struct mcstat_bins b = { 0, 0, 1, MCSTAT_FINE_BINS };
	double lo = INFINITY, hi = -INFINITY, w;

	for (size_t i = 0; i < n; i++) {
		double v = x[i * stride];

		if (isnan(v))
			continue;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	if (lo > hi)
		return b;
	w = hi - lo;
	if (!(w > MCSTAT_POINT_WIDEN * fmax(1, fabs(lo)))) {
		w = MCSTAT_POINT_WIDEN * fmax(1, fabs(lo));
		b.lo = lo - w;
		b.hi = lo + w;
		return b;
	}
	b.lo = lo - MCSTAT_WIDEN * w;
	b.hi = hi + MCSTAT_WIDEN * w;
	return b;
}

int mcstat_bins_equal(const struct mcstat_bins *a, const struct mcstat_bins *b)
{
	return a->integer == b->integer && memcmp(&a->lo, &b->lo, sizeof a->lo) == 0
	       && memcmp(&a->hi, &b->hi, sizeof a->hi) == 0 && a->n == b->n;
}

int mcstat_acc_init(struct mcstat_acc *a, const struct mcstat_bins *b)
{
	memset(a, 0, sizeof *a);
	a->min = INFINITY;
	a->max = -INFINITY;
	exactsum_init(&a->s1);
	exactsum_init(&a->s2);
	if (b->n && (!(a->bin = calloc(b->n, sizeof *a->bin))
	             || !(a->near = calloc(b->n, sizeof *a->near)))) {
		mcstat_acc_free(a);
		return -1;
	}
	return 0;
}

void mcstat_acc_free(struct mcstat_acc *a)
{
	free(a->bin);
	free(a->near);
	a->bin = NULL;
	a->near = NULL;
}

void mcstat_acc_flush(struct mcstat_acc *a, const struct mcstat_bins *b)
{
	if (!a->pending)
		return;
	for (size_t k = 0; k < b->n; k++)
		a->bin[k] += a->near[k];
	memset(a->near, 0, b->n * sizeof *a->near);
	a->pending = 0;
}

void mcstat_add(struct mcstat_acc *a, const struct mcstat_bins *b, double x)
{
	a->n++;
	if (isnan(x)) {
		a->nan++;
		return;
	}
	a->min = x < a->min ? x : a->min;
	a->max = x > a->max ? x : a->max;
	if (!b->n)
		return;
	if (x < b->lo) {
		a->under++;
	} else if (x >= b->hi) {
		a->over++;
	} else {
		size_t k = b->integer ? (size_t)floor(x - b->lo)
		                      : (size_t)((x - b->lo) / (b->hi - b->lo) * (double)b->n);

		a->near[k < b->n ? k : b->n - 1]++;
		if (++a->pending == UINT16_MAX)
			mcstat_acc_flush(a, b);
	}
}

void mcstat_add_block(struct mcstat_acc *a, double s1, double s2)
{
	exactsum_add(&a->s1, s1);
	exactsum_add(&a->s2, s2);
}

void mcstat_merge(struct mcstat_acc *a, struct mcstat_acc *b,
                  const struct mcstat_bins *bins)
{
	mcstat_acc_flush(a, bins);
	mcstat_acc_flush(b, bins);
	a->n += b->n;
	a->nan += b->nan;
	a->min = b->min < a->min ? b->min : a->min;
	a->max = b->max > a->max ? b->max : a->max;
	a->under += b->under;
	a->over += b->over;
	exactsum_merge(&a->s1, &b->s1);
	exactsum_merge(&a->s2, &b->s2);
	for (size_t k = 0; k < bins->n; k++)
		a->bin[k] += b->bin[k];
}

double mcstat_mean(const struct mcstat_acc *a, double shift)
{
	uint64_t n = a->n - a->nan;

	return n ? shift + exactsum_value(&a->s1) / (double)n : NAN;
}

double mcstat_sd(const struct mcstat_acc *a)
{
	uint64_t n = a->n - a->nan;
	double s1, v;

	if (n < 2)
		return NAN;
	s1 = exactsum_value(&a->s1);
	v = (exactsum_value(&a->s2) - s1 * s1 / (double)n) / (double)(n - 1);
	return isnan(v) ? NAN : sqrt(v > 0 ? v : 0);
}

/* The indices type 7 reads for percentile q of n values: i and, when the
** weight of the next is above 0, i + 1 (*need). */
static size_t q_index(size_t n, double q, size_t *need)
{
	double h = q * (double)(n - 1);
	size_t i = (size_t)h;

	*need = (h - (double)i > 0 && i + 1 < n) ? i + 2 : i + 1;
	return i;
}

double mcstat_quantile_sorted(double *sorted, size_t ndef, size_t ntotal, double q)
{
	size_t need, i;

	if (ntotal == 0)
		return NAN;
	for (size_t k = ndef; k < ntotal; k++)
		sorted[k] = NAN;
	i = q_index(ntotal, q, &need);
	if (need > ndef)
		return NAN;
	/* GSL reads x_(i+1) even when its weight is 0. */
	if (need == i + 1)
		return sorted[i];
	return gsl_stats_quantile_from_sorted_data(sorted, 1, ntotal, q);
}

/* The j-th smallest of c values spread evenly over [left, right]. */
static double spread(double left, double right, uint64_t j, uint64_t c)
{
	return left + ((double)j + 0.5) / (double)c * (right - left);
}

double mcstat_order_binned(const struct mcstat_acc *a, const struct mcstat_bins *b, uint64_t j)
{
	uint64_t cum = 0;
	double w, x;

	if (j >= a->n - a->nan)
		return NAN;
	if (j < a->under)
		return fmin(spread(a->min, b->lo, j, a->under), a->max);
	cum = a->under;
	w = (b->hi - b->lo) / (double)b->n;
	for (size_t k = 0; k < b->n; k++) {
		if (j < cum + mcstat_count(a, k)) {
			if (b->integer)
				return b->lo + (double)k + 0.5;
			x = spread(b->lo + (double)k * w, b->lo + (double)(k + 1) * w, j - cum, mcstat_count(a, k));
			return fmax(a->min, fmin(a->max, x));
		}
		cum += mcstat_count(a, k);
	}
	return fmax(spread(b->hi, a->max, j - cum, a->over), a->min);
}

double mcstat_quantile_binned(const struct mcstat_acc *a, const struct mcstat_bins *b, double q)
{
	size_t need, i;
	double h, d, x0, x1;

	if (a->n == 0)
		return NAN;
	i = q_index(a->n, q, &need);
	x0 = mcstat_order_binned(a, b, i);
	if (need == i + 1)
		return x0;
	x1 = mcstat_order_binned(a, b, i + 1);
	if (isnan(x0) || isnan(x1))
		return NAN;
	/* The interpolation of gsl_stats_quantile_from_sorted_data. */
	h = q * (double)(a->n - 1);
	d = h - (double)i;
	return (1 - d) * x0 + d * x1;
}
