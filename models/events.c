/*
** events.c: the stochastic mode's incidents and overruns (MODEL.md 7.1,
** 14.3).
*/
#include <math.h>

#include "events.h"
#include "projects.h"

const char *const events_draw_names[DRAW_COUNT] = { "security.incident", "projects.overrun" };

/*
** The overrun X (share of the estimate) of F2 section 9, by its inverse
** CDF: P(X <= 0.1) = 0.2 and P(0.1 < X <= 0.5) = 0.62, each uniform
** (assumption: the source gives only the two shares), and P(X > 0.5) =
** 0.18 a Pareto tail from 0.5 whose mean, 4.47, gives its exponent
** alpha = 4.47 / (4.47 - 0.5), cut at PROJECTS_OVERRUN_MAX.
*/
#define OVR_LOW_P 0.2       /* P(X <= 0.1): 8 in 10 deviate by more than 10 % */
#define OVR_LOW_X 0.1
#define OVR_TAIL_P 0.18     /* P(X > 0.5) */
#define OVR_TAIL_X 0.5
#define OVR_TAIL_MEAN 4.47  /* the tail's mean overrun (447 %) */

static double tail_alpha(void)
{
	return OVR_TAIL_MEAN / (OVR_TAIL_MEAN - OVR_TAIL_X);
}

static double overrun_x(double u)
{
	double v;

	if (u <= OVR_LOW_P)
		return OVR_LOW_X * u / OVR_LOW_P;
	if (u <= 1.0 - OVR_TAIL_P)
		return OVR_LOW_X + (OVR_TAIL_X - OVR_LOW_X) * (u - OVR_LOW_P) / (1.0 - OVR_TAIL_P - OVR_LOW_P);
	v = (1.0 - u) / OVR_TAIL_P;  /* in (0, 1) */
	v = OVR_TAIL_X * pow(v, -1.0 / tail_alpha());
	return v < PROJECTS_OVERRUN_MAX ? v : PROJECTS_OVERRUN_MAX;
}

double events_overrun_mean(void)
{
	/* The pieces' means times their shares; the cut tail's mean is
	** E[min(X, c)] = x_m + x_m^a (c^(1-a) - x_m^(1-a)) / (1 - a). */
	const double a = tail_alpha(), xm = OVR_TAIL_X, c = PROJECTS_OVERRUN_MAX;
	double tail = xm + pow(xm, a) * (pow(c, 1.0 - a) - pow(xm, 1.0 - a)) / (1.0 - a);

	return OVR_LOW_P * 0.5 * OVR_LOW_X
	       + (1.0 - OVR_TAIL_P - OVR_LOW_P) * 0.5 * (OVR_LOW_X + OVR_TAIL_X)
	       + OVR_TAIL_P * tail;
}

double events_overrun_z(double u)
{
	return overrun_x(u) / events_overrun_mean();
}

/* An exponential gap of mean 1 from the incident stream. */
static double gap(const struct model_rng *rng)
{
	return -log(rng->uniform(rng->ctx, DRAW_INCIDENT));
}

void events_begin(struct model_events *ev, const struct model_rng *rng)
{
	ev->rng = rng;
	ev->n = 0;
	ev->next = gap(rng);
}

int events_step(struct model_events *ev, double t0, double t1, double lam0, double lam1)
{
	int k = 0;

	while (lam1 >= ev->next) {
		double w = lam1 > lam0 ? (ev->next - lam0) / (lam1 - lam0) : 1.0;

		if (ev->n == EVENTS_MAX)
			return -1;
		w = w < 0.0 ? 0.0 : w;
		ev->at[ev->n++] = t0 + w * (t1 - t0);
		ev->next += gap(ev->rng);
		k++;
	}
	return k;
}

double events_intensity(const struct model_events *ev, double t, double recovery_years)
{
	size_t i = ev->n, n = 0;

	if (recovery_years <= 0.0)
		return 0.0;
	while (i > 0 && ev->at[i - 1] + recovery_years > t) {
		i--;
		n += ev->at[i] <= t;
	}
	return (double)n / recovery_years;
}

double events_between(const struct model_events *ev, double t0, double t1)
{
	size_t i = ev->n, n = 0;

	while (i > 0 && ev->at[i - 1] >= t0) {
		i--;
		n += ev->at[i] < t1;
	}
	return (double)n;
}
