/*
** sd.c: system-dynamics building blocks (delays, smooths, lookups, test
** inputs, saturation). Every function is pure: delays and smooths return
** derivatives and leave the integration to the caller, so they integrate with
** whatever method integrates the rest of the model. Invalid arguments give
** NaN, which the engine's finiteness check turns into an error with context;
** nothing here prints or aborts.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>

#include "sd.h"

/* ------------------------------------------------------------------------
** Delays and smooths
** --------------------------------------------------------------------- */

/*
** Whether (n, time) describe a usable chain of n stages with a total
** residence (or smoothing) time `time`: n >= 1 and time finite and > 0. The
** stage rate n / time is then finite and positive.
*/
static int sd_chain_ok(size_t n, double time)
{
	return n >= 1 && isfinite(time) && time > 0.0;
}

/* Writes NaN into ds[0..n-1], so that a contract violation cannot pass for
** a derivative of zero. */
static void sd_fill_nan(double *ds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ds[i] = NAN;
}

/*
** Material delay of order n in derivative form (Vensim DELAY1, DELAY3,
** DELAY N). Stage i holds s[i] units of material and drains at s[i] * n /
** delay into stage i + 1; the last stage drains out of the delay. Writes
** ds[0..n-1] (units per time unit; ds must not alias s) and returns the
** outflow. Material is conserved: sum(ds) = inflow - outflow. The delay
** time is read afresh at every call, as in Vensim's DELAY1/DELAY3, so a
** change of delay time changes every stage rate at once. The order is the
** caller's array length: Vensim also fixes the order of DELAY N at
** initialisation (tests/test_sd.c, delays model). Returns NaN (and fills ds
** with NaN) when n == 0 or delay is not finite and positive.
*/
double sd_delay_deriv(const double *s, size_t n, double inflow, double delay, double *ds)
{
	if (!sd_chain_ok(n, delay)) {
		sd_fill_nan(ds, n);
		return NAN;
	}
	double k = (double)n / delay;
	double in = inflow;
	for (size_t i = 0; i < n; i++) {
		double out = s[i] * k;
		ds[i] = in - out;
		in = out;
	}
	return in;
}

/*
** The outflow rate of the delay, s[n-1] * n / delay, without derivatives:
** for reporting, or when the caller needs the outflow before the flows.
** Returns NaN when n == 0 or delay is not finite and positive.
*/
double sd_delay_outflow(const double *s, size_t n, double delay)
{
	if (!sd_chain_ok(n, delay))
		return NAN;
	return s[n - 1] * (double)n / delay;
}

/*
** Fills s[0..n-1] with the steady state of a delay that has carried the
** constant flow `flow` for ever: each stage holds flow * delay / n, so every
** stage rate equals flow and every derivative is zero. This is Vensim's
** initialisation of DELAY1/DELAY3 (flow = initial input) and of DELAY1I,
** DELAY3I and DELAY N (flow = the given initial value). Writes NaN when
** delay is not finite and positive; does nothing when n == 0.
*/
void sd_delay_init(double *s, size_t n, double flow, double delay)
{
	if (!sd_chain_ok(n, delay)) {
		sd_fill_nan(s, n);
		return;
	}
	double each = flow * delay / (double)n;
	for (size_t i = 0; i < n; i++)
		s[i] = each;
}

/*
** Information delay of order n in derivative form (Vensim SMOOTH, SMOOTH3,
** SMOOTH N; the I variants differ only in the caller's initial s). Each
** stage moves towards its predecessor at rate n / time: ds[0] = (input -
** s[0]) * n / time, ds[i] = (s[i-1] - s[i]) * n / time. Writes ds[0..n-1]
** (units of the input per time unit; ds must not alias s) and returns the
** smoothed output s[n-1], the value at the start of the step. Unlike a
** material delay nothing is conserved, which is why a change of `time`
** leaves the output continuous. Returns NaN (and fills ds with NaN) when n
** == 0 or time is not finite and positive.
*/
double sd_smooth_deriv(const double *s, size_t n, double input, double time, double *ds)
{
	if (!sd_chain_ok(n, time)) {
		sd_fill_nan(ds, n);
		return NAN;
	}
	double k = (double)n / time;
	double prev = input;
	for (size_t i = 0; i < n; i++) {
		ds[i] = (prev - s[i]) * k;
		prev = s[i];
	}
	return s[n - 1];
}

/* ------------------------------------------------------------------------
** Lookup tables
** --------------------------------------------------------------------- */

/*
** A lookup table owns copies of its points and a GSL linear interpolation
** object. No gsl_interp_accel is kept: the accelerator is mutable state,
** which a const evaluation could not update, and GSL's binary search over
** the few points of an SD table costs less than a cache miss.
*/
struct sd_lookup {
	size_t n;
	double *x;
	double *y;
	gsl_interp *interp;
};

/*
** Builds a lookup table from n points (x[i], y[i]). Requires n >= 2, every
** value finite and x strictly increasing; GSL's own check would let a NaN
** through (every comparison with NaN is false), so the points are checked
** here first. The caller keeps x and y; the table copies them. Returns the
** new table, owned by the caller and freed with sd_lookup_free, or NULL on
** bad input, a size that overflows, or no memory (everything half-built is
** freed).
*/
struct sd_lookup *sd_lookup_new(const double *x, const double *y, size_t n)
{
	if (x == NULL || y == NULL || n < 2 || n > SIZE_MAX / sizeof(double))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(y[i]))
			return NULL;
		if (i > 0 && !(x[i] > x[i - 1]))
			return NULL;
	}

	struct sd_lookup *t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->n = n;
	t->x = malloc(n * sizeof *t->x);
	t->y = malloc(n * sizeof *t->y);
	t->interp = gsl_interp_alloc(gsl_interp_linear, n);
	if (t->x == NULL || t->y == NULL || t->interp == NULL) {
		sd_lookup_free(t);
		return NULL;
	}
	memcpy(t->x, x, n * sizeof *t->x);
	memcpy(t->y, y, n * sizeof *t->y);
	if (gsl_interp_init(t->interp, t->x, t->y, n) != GSL_SUCCESS) {
		sd_lookup_free(t);
		return NULL;
	}
	return t;
}

/* Frees a table from sd_lookup_new and everything it owns; NULL is a no-op. */
void sd_lookup_free(struct sd_lookup *t)
{
	if (t == NULL)
		return;
	gsl_interp_free(t->interp);
	free(t->x);
	free(t->y);
	free(t);
}

/*
** The table's value at x: linear interpolation between neighbouring points,
** the exact y at a point, and the first or last y held for x outside the
** points (Vensim semantics). x is clamped to the points' range before GSL
** sees it, because gsl_interp_eval refuses to extrapolate. Returns NaN for a
** NULL table or a NaN x (fmin/fmax would silently clamp a NaN).
*/
double sd_lookup_eval(const struct sd_lookup *t, double x)
{
	if (t == NULL || isnan(x))
		return NAN;
	double lo = t->x[0], hi = t->x[t->n - 1];
	double xc = x < lo ? lo : (x > hi ? hi : x);
	double y;
	if (gsl_interp_eval_e(t->interp, t->x, t->y, xc, NULL, &y) != GSL_SUCCESS)
		return NAN;
	return y;
}

/* ------------------------------------------------------------------------
** Test inputs
**
** Vensim compares TIME with exact inequalities at the time points it
** computes, and the reference outputs (input_functions model, dt = 1/16)
** agree with that exactly; some tools add a half-step tolerance, which only
** matters when t carries rounding error. These functions have no dt, so
** they compare exactly: the caller should compute t as t0 + k * dt rather
** than accumulate t += dt, which drifts when dt is not a binary fraction.
** --------------------------------------------------------------------- */

/* STEP(height, t0): 0 before t0, `height` from t0 on (t0 included). */
double sd_step(double t, double height, double t0)
{
	return t >= t0 ? height : 0.0;
}

/*
** PULSE(start, width): 1 on the half-open interval start <= t < start +
** width, else 0. A width <= 0 gives no pulse; Vensim would substitute TIME
** STEP, which this function does not know, so the model layer rejects it.
*/
double sd_pulse(double t, double start, double width)
{
	return (t >= start && t < start + width) ? 1.0 : 0.0;
}

/*
** PULSE TRAIN(start, width, repeat, end): pulses of `width` beginning at
** start, start + repeat, start + 2 repeat, ... and only while t < end (end
** excluded, like the end of each pulse; the reference output cannot tell,
** since no pulse begins exactly at its end). Returns NaN when repeat is not
** finite and positive, since the phase (t - start) mod repeat is then
** undefined.
*/
double sd_pulse_train(double t, double start, double width, double repeat, double end)
{
	if (!(isfinite(repeat) && repeat > 0.0))
		return NAN;
	if (!(t >= start && t < end))
		return 0.0;
	return fmod(t - start, repeat) < width ? 1.0 : 0.0;
}

/*
** RAMP(slope, start, end): 0 up to start, slope * (t - start) between start
** and end, held at slope * (end - start) from end on. An end <= start gives
** no ramp (0 throughout) rather than a negative jump.
*/
double sd_ramp(double t, double slope, double start, double end)
{
	if (!(t > start) || !(end > start))
		return 0.0;
	return slope * ((t < end ? t : end) - start);
}
