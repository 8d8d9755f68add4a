/*
** sd.h: system-dynamics building blocks, as pure functions the model and
** the engine combine. Delays and smooths are written in derivative form: the
** caller owns their stage stocks and integrates them with everything else.
** Semantics follow Vensim (DELAY N, SMOOTH N, lookups, STEP, PULSE, RAMP)
** and are tested against the SDXorg reference outputs (tests/test_sd.c).
*/
#ifndef DTSIM_SD_H
#define DTSIM_SD_H

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

/* The delay's outflow rate without derivatives (NaN on the same bad input). */
double sd_delay_outflow(const double *s, size_t n, double delay);

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

/* Lookup table with linear interpolation between points and the end values
** held outside them (Vensim lookup semantics). Opaque; uses GSL interp. */
struct sd_lookup;

/* Copies x[0..n-1] (strictly increasing) and y; n >= 2. Returns NULL on bad
** input (also NaN or infinite values) or no memory. Free with
** sd_lookup_free (NULL is a no-op). sd_lookup_eval gives NaN for a NULL
** table or a NaN x. */
struct sd_lookup *sd_lookup_new(const double *x, const double *y, size_t n);
void sd_lookup_free(struct sd_lookup *t);
double sd_lookup_eval(const struct sd_lookup *t, double x);

/* Test inputs, Vensim semantics (t in model time units):
** STEP(height, t0): height from t0 on.
** PULSE(start, width): 1 for start <= t < start + width.
** PULSE TRAIN(start, width, repeat, end): pulses every `repeat` while t < end
** (NaN when repeat is not positive).
** RAMP(slope, start, end): 0 before start, slope*(t-start) up to end, then held.
** Comparisons are exact: compute t as t0 + k * dt, do not accumulate it. */
double sd_step(double t, double height, double t0);
double sd_pulse(double t, double start, double width);
double sd_pulse_train(double t, double start, double width, double repeat, double end);
double sd_ramp(double t, double slope, double start, double end);

/* x / (x + half) for x >= 0, half > 0: a diminishing return reaching 1/2 at
** x = half. Returns 0 for x <= 0; NaN when half is not finite and positive. */
double sd_half(double x, double half);

/* Harmonic saturation of a potential rate by a capacity (both >= 0):
** potential * capacity / (potential + capacity). Close to the potential when
** it is small, never above the capacity. Returns 0 when either is <= 0. */
double sd_saturate(double potential, double capacity);

#endif
