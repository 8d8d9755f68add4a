/*
** mcstat.h: the statistics of one measure of a Monte Carlo study (a KPI,
** a probability, a core column in one year) over its runs: count, mean and
** standard deviation from exact sums, minimum and maximum, a histogram with
** bins fixed before the runs, and percentiles.
**
** Everything a run adds is order-independent: counts, minimum, maximum and
** bins are whole numbers or exact, and the sums are exact (exactsum.h) of
** block sums that are themselves added in run order. So the statistics of
** a study are the same bits for any thread count and any shards.
**
** Percentiles (README, "Monte Carlo"): the p-th percentile is R's type 7
** (as gsl_stats_quantile_from_sorted_data): with the n values sorted,
** x_0 <= ... <= x_(n-1), h = (n - 1) p, i = floor(h),
** P = (1 - (h - i)) x_i + (h - i) x_(i+1). A value that does not exist (a
** target never reached: NaN) ranks after every number; a percentile that
** needs one is empty.
**  - Exact: up to MCSTAT_EXACT_MAX runs the values are kept and sorted.
**  - Binned: above it every value goes into MCSTAT_FINE_BINS equal bins
**    over a range fixed by a pilot (the first MCSTAT_PILOT_RUNS runs of the
**    study, whatever the threads and shards): their range widened by
**    MCSTAT_WIDEN of itself on each side. An order statistic is placed
**    within its bin as if the bin's values were spread evenly (the k-th of
**    c values at (k + 1/2) / c of its width), and kept within the exact
**    minimum and maximum. Inside the range its error is at most one bin
**    width, (1 + 2 MCSTAT_WIDEN) / MCSTAT_FINE_BINS = 0.03 % of the pilot's
**    range; values outside it are counted below or above the range, and an
**    order statistic among them lies between the range's end and the exact
**    minimum or maximum.
**  - A measure of whole numbers in a known range (a calendar year within
**    the horizon, a count of years, a flag, a probability's 0 or 1) has one
**    bin per number: its percentiles are exact in both cases.
*/
#ifndef DTSIM_MCSTAT_H
#define DTSIM_MCSTAT_H

#include <stddef.h>
#include <stdint.h>

#include "exactsum.h"

/* Runs up to which percentiles are exact order statistics. */
#define MCSTAT_EXACT_MAX 10000
/* The bins of a histogram of mc_hist.csv, and the fine bins of each. */
#define MCSTAT_SHOWN_BINS 40
#define MCSTAT_FINE_PER_SHOWN 100
#define MCSTAT_FINE_BINS (MCSTAT_SHOWN_BINS * MCSTAT_FINE_PER_SHOWN)
/* The pilot of the binned method, and how far its range is widened. */
#define MCSTAT_PILOT_RUNS 1000
#define MCSTAT_WIDEN 0.1

/* The bins of a measure, fixed before the runs. */
struct mcstat_bins {
	int integer;     /* 1: one bin per whole number, [k - 1/2, k + 1/2) */
	double lo, hi;   /* the range the bins cover */
	size_t n;        /* how many bins; 0: none (exact percentiles) */
};

/* What runs added to one measure. The bins belong to the accumulator. */
struct mcstat_acc {
	uint64_t n, nan;        /* values added; of them NaN (no value) */
	double min, max;        /* of the numbers; +inf and -inf before any */
	uint64_t under, over;   /* numbers below lo, at or above hi */
	struct exactsum s1, s2; /* sums of (x - shift) and (x - shift)^2 */
	uint64_t *bin;          /* the bins' counts, NULL when n is 0 */
	uint16_t *near;         /* counts added since bin was last brought up to
	                        ** date (mcstat_acc_flush): a quarter of bin's
	                        ** size, so that the bins of all the measures of a
	                        ** run stay in the cache */
	uint32_t pending;       /* values counted in near */
};

/* The bins of whole numbers lo..hi. */
struct mcstat_bins mcstat_bins_integer(long lo, long hi);

/* The bins of a continuous measure from the pilot's numbers (n of them,
** NaN allowed): MCSTAT_FINE_BINS over their range widened by MCSTAT_WIDEN
** on each side (a range of one value is widened by 1e-6 of it, at least
** 1e-6). */
struct mcstat_bins mcstat_bins_pilot(const double *x, size_t n, size_t stride);

/* 1 when a and b are the same bins (every field alike, bit for bit). */
int mcstat_bins_equal(const struct mcstat_bins *a, const struct mcstat_bins *b);

/* Sets up a with room for b's bins. Returns 0, or -1 when out of memory. */
int mcstat_acc_init(struct mcstat_acc *a, const struct mcstat_bins *b);
void mcstat_acc_free(struct mcstat_acc *a);

/* Adds one value x (NaN: no value) to the counts, extremes and bins. */
void mcstat_add(struct mcstat_acc *a, const struct mcstat_bins *b, double x);

/* Adds the sums of a block of runs: s1 = sum of (x - shift), s2 = sum of
** (x - shift)^2 over its numbers, added in run order. */
void mcstat_add_block(struct mcstat_acc *a, double s1, double s2);

/* The count of bin k (< the bins' n), flushed or not. */
static inline uint64_t mcstat_count(const struct mcstat_acc *a, size_t k)
{
	return a->bin[k] + a->near[k];
}

/* Brings a's bins up to date with what mcstat_add counted since. */
void mcstat_acc_flush(struct mcstat_acc *a, const struct mcstat_bins *b);

/* Adds b into a (both with bins bins; both are flushed first). */
void mcstat_merge(struct mcstat_acc *a, struct mcstat_acc *b,
                  const struct mcstat_bins *bins);

/* The mean and the standard deviation (n - 1 in the denominator) of the
** numbers, with shift the one the sums were taken about; NaN when there
** are none (mean) or fewer than two (sd). */
double mcstat_mean(const struct mcstat_acc *a, double shift);
double mcstat_sd(const struct mcstat_acc *a);

/* Percentile q (0 < q < 1) of values sorted[0..ndef-1] (numbers,
** ascending) among ntotal values, the other ntotal - ndef having none.
** NaN when it needs one of those, or when ntotal is 0. sorted must have
** room for ntotal values: it is filled with NaN beyond ndef. */
double mcstat_quantile_sorted(double *sorted, size_t ndef, size_t ntotal, double q);

/* Percentile q of the binned values of a (the method above); NaN as for
** mcstat_quantile_sorted. */
double mcstat_quantile_binned(const struct mcstat_acc *a, const struct mcstat_bins *b, double q);

/* The (estimated) j-th smallest value (0-based) of the binned values of a,
** NaN when j is among those without a value. */
double mcstat_order_binned(const struct mcstat_acc *a, const struct mcstat_bins *b, uint64_t j);

#endif
