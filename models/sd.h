/*
** sd.h: the system-dynamics building blocks the model uses, as pure
** functions. Delays and smooths are written in derivative form: the caller
** owns their stage stocks and integrates them with everything else.
** Semantics follow Vensim (DELAY N, SMOOTH N) and are tested against the
** SDXorg reference outputs (tests/test_sd.c). Smooths are here for the
** model's memory structures (fatigue, commitment) that model v2 adds.
*/
#ifndef DTSIM_SD_H
#define DTSIM_SD_H

#include <math.h>
#include <stddef.h>

/*
** Material delay of order n (DELAY1: n = 1, DELAY3: n = 3) with mean delay
** `delay` (> 0). s[0..n-1] are the stage contents (quantity, e.g. EUR); the
** stage flows are s[i] * n / delay. Writes ds[0..n-1] (must not alias s)
** and returns the outflow rate s[n-1] * n / delay. The order is fixed by the
** caller's array, as Vensim fixes DELAY N's order at initialisation. n == 0
** or a delay that is not finite and positive gives NaN (ds filled with NaN).
*/
double sd_delay_deriv(const double *s, size_t n, double inflow, double delay, double *ds);

/* Fills s[0..n-1] with the equilibrium for a constant flow: flow * delay / n
** (all derivatives zero). A delay that is not finite and positive gives NaN. */
void sd_delay_init(double *s, size_t n, double flow, double delay);

/*
** Information delay (SMOOTH for n = 1, SMOOTH3 for n = 3) with smoothing
** time `time` (> 0): ds[0] = (input - s[0]) * n / time, ds[i] = (s[i-1] -
** s[i]) * n / time. Returns the output s[n-1]. ds must not alias s; n == 0
** or a time that is not finite and positive gives NaN (ds filled with NaN).
*/
double sd_smooth_deriv(const double *s, size_t n, double input, double time, double *ds);

/* ---- response shapes ---------------------------------------------------
** These two run several times in every evaluation of the model's inner
** loop, so they are defined here, inline, rather than in sd.c. */

/*
** Diminishing return x / (x + half): 0 at x = 0, 1/2 at x = half, below 1
** and rising towards it. Returns 0 for x <= 0 (no effort, no effect), NaN
** for a NaN x or a half that is not finite and positive.
*/
static inline double sd_half(double x, double half)
{
	if (!(half > 0.0 && half < HUGE_VAL)) /* NaN fails both */
		return NAN;
	if (x <= 0.0)
		return 0.0;
	return x / (x + half);
}

/*
** Harmonic saturation potential * capacity / (potential + capacity), in the
** units of its arguments (a rate): close to the potential when it is small,
** never above the capacity. Written as min * (max / (min + max)):
** max / (min + max) <= 1 even after rounding, so the result never exceeds
** either argument, with one division; when min + max overflows, as
** min / (1 + min / max). Returns 0 when either argument is <= 0 and NaN when
** either is NaN; an infinite argument yields the other one.
*/
static inline double sd_saturate(double potential, double capacity)
{
	if (isnan(potential) || isnan(capacity))
		return NAN;
	if (potential <= 0.0 || capacity <= 0.0)
		return 0.0;
	double lo = potential < capacity ? potential : capacity;
	double hi = potential < capacity ? capacity : potential;
	double sum = lo + hi;

	if (hi == HUGE_VAL)
		return lo;
	if (sum == HUGE_VAL) /* both near DBL_MAX */
		return lo / (1.0 + lo / hi);
	return lo * (hi / sum);
}

/*
** The same two shapes for the model's inner loop, where the registry's
** ranges already guarantee finite arguments and a half that is positive:
** without the checks for NaN, infinity and overflow (MODEL.md 9.5), but
** with the same results for such arguments (tests/test_sd.c).
*/
static inline double sd_half_fin(double x, double half)
{
	return x > 0.0 ? x / (x + half) : 0.0;
}

static inline double sd_saturate_fin(double potential, double capacity)
{
	if (potential <= 0.0 || capacity <= 0.0)
		return 0.0;
	double lo = potential < capacity ? potential : capacity;
	double hi = potential < capacity ? capacity : potential;

	return lo * (hi / (lo + hi));
}

/* A third-order material delay for the model's inner loop: sd_delay_deriv
** with n = 3 and the stage rate k = 3 / delay given (the model computes it
** once a year), inline and without the checks. */
static inline double sd_delay3_fin(const double s[3], double inflow, double k, double ds[3])
{
	double o0 = s[0] * k, o1 = s[1] * k, o2 = s[2] * k;

	ds[0] = inflow - o0;
	ds[1] = o0 - o1;
	ds[2] = o1 - o2;
	return o2;
}

#endif
