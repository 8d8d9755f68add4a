/*
** sd.c: system-dynamics building blocks (delays and smooths; the response
** shapes are inline in sd.h). Every function is pure: delays and smooths return
** derivatives and leave the integration to the caller, so they integrate with
** whatever method integrates the rest of the model. Invalid arguments give
** NaN, which the engine's finiteness check turns into an error with context;
** nothing here prints or aborts.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
