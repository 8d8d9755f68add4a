/*
** engine.c: time, events and integration.
**
** The engine owns the clock. A run is a loop over fiscal years; at each
** year's first day the model fixes the appropriation (model_year_begin),
** and within the year the parameters are constant, so the integrators
** see a smooth right-hand side and are reset at every boundary. Methods:
**   euler  y += h f(t, y) (GSL has no explicit Euler stepper);
**   rk4    classical fourth-order Runge-Kutta with fixed step sim.dt, by
**          default the engine's own 4-evaluation step (see engine_use_gsl_rk4
**          and docs/MODEL.md section 9 for why not GSL's);
**   rkf45  GSL's embedded Runge-Kutta-Fehlberg 4(5) with step control,
**          driven exactly onto every report time and year boundary.
** GSL sits behind the seam of engine_gsl.h (rkf45 and GSL's rk4); the rest
** needs only the C library, so the model and the default method build for
** other targets too (engine_nogsl.c).
** After every step every stock is checked (engine_check_state); a report
** row is taken every sim.report_step years.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "engine_gsl.h"
#include "events.h"
#include "model.h"
#include "numfmt.h"
#include "outvars.h"

/*
** The absolute tolerance sim.atol applies to indices and shares as given,
** and to money stocks in millions of EUR (MODEL.md section 9): a money stock
** of 15e6 EUR and a share of 0.4 then need similar care. The scale is the
** per-component factor of the step control (engine_gsl_new).
*/
#define ENGINE_MONEY_SCALE_EUR 1e6

struct engine {
	double y[S_COUNT];       /* the state */
	double y_rep[S_COUNT];   /* the state at the last report time */
	double k1[S_COUNT], k2[S_COUNT], k3[S_COUNT], k4[S_COUNT], ytmp[S_COUNT];
	double row[OV_COUNT];
	double lo[S_COUNT], hi[S_COUNT]; /* model_state_range widened by the slack */
	struct engine_gsl *gsl;  /* rkf45 and GSL's rk4 */
	int gsl_rk4;             /* engine_use_gsl_rk4 */
	const struct model_rng *rng;  /* engine_set_draws: NULL, deterministic */
	struct model_events ev;  /* the stochastic run's incidents */
};

/* What the right-hand side needs: one year's fixed inputs. */
struct sysargs {
	const struct model_params *p;
	const struct model_year *yr;
};

/* ---- allocation -------------------------------------------------------- */

/* The absolute-error scale of stock i for rkf45 (see ENGINE_MONEY_SCALE_EUR). */
static double abs_scale(size_t i)
{
	return model_state_is_money(i) ? ENGINE_MONEY_SCALE_EUR : 1.0;
}

/*
** The bounds a stock must stay within: its physical range widened by
** MODEL_RANGE_SLACK in the stock's scaled unit (index, or M EUR for money,
** as for the rkf45 tolerances). A money stock near 0 carries rounding of
** the size of its flows' ulps: Euler runs put cash at -1e-9 EUR, an
** artefact that an absolute slack of 1e-9 EUR would stop; 1e-9 M EUR
** (a thousandth of a cent) absorbs it and is still nothing a report shows.
*/
static void bounds(size_t i, double *lo, double *hi)
{
	model_state_range(i, lo, hi);
	*lo -= MODEL_RANGE_SLACK * abs_scale(i);
	*hi += MODEL_RANGE_SLACK * abs_scale(i);
	/* An unbounded side becomes the largest finite double, so that the
	** two comparisons of check_fast also reject infinities. */
	if (*lo < -DBL_MAX)
		*lo = -DBL_MAX;
	if (*hi > DBL_MAX)
		*hi = DBL_MAX;
}

/*
** Everything a run needs is allocated here, once: the state vectors and
** GSL's steppers for S_COUNT equations (engine_gsl.h).
*/
struct engine *engine_new(void)
{
	struct engine *en = calloc(1, sizeof *en);
	double scale[S_COUNT];

	if (!en)
		return NULL;
	for (size_t i = 0; i < S_COUNT; i++) {
		scale[i] = abs_scale(i);
		bounds(i, &en->lo[i], &en->hi[i]);
	}
	if (!(en->gsl = engine_gsl_new(S_COUNT, scale))) {
		engine_free(en);
		return NULL;
	}
	return en;
}

void engine_free(struct engine *en)
{
	if (!en)
		return;
	engine_gsl_free(en->gsl);
	free(en);
}

void engine_use_gsl_rk4(struct engine *en, int on)
{
	en->gsl_rk4 = on != 0;
}

void engine_set_draws(struct engine *en, const struct model_rng *rng)
{
	en->rng = rng;
}

/* ---- checks ------------------------------------------------------------ */

int engine_check_state(double t, const double *y, struct err *e)
{
	for (size_t i = 0; i < S_COUNT; i++) {
		char v[NUMFMT_LEN];
		double lo, hi;

		if (!isfinite(y[i]))
			return err_set(e, NULL, 0, model_state_name(i), "t = %.3f: %s is not finite (%g)",
			               t, model_state_name(i), y[i]);
		bounds(i, &lo, &hi);
		if (y[i] < lo || y[i] > hi) {
			numfmt_double(y[i], v);
			model_state_range(i, &lo, &hi);
			return err_set(e, NULL, 0, model_state_name(i),
			               "t = %.3f: %s = %s is outside its range [%g, %g]",
			               t, model_state_name(i), v, lo, hi);
		}
	}
	return 0;
}

/*
** The check after every step, on the bounds cached in en: one branch-free
** pass of two comparisons per stock (a NaN fails both; the cached bounds
** are finite, so infinities fail too). Only a state that fails goes through
** engine_check_state for the message. Profiling showed the plain per-stock
** check at a tenth of the run time.
*/
static int check_fast(const struct engine *en, double t, struct err *e)
{
	int ok = 1;

	for (size_t i = 0; i < S_COUNT; i++)
		ok &= (en->y[i] >= en->lo[i]) & (en->y[i] <= en->hi[i]);
	return ok ? 0 : engine_check_state(t, en->y, e);
}

/* An output row may hold a ratio the state check does not cover; no NaN
** may reach a CSV file, so a non-finite column stops the run here. */
static int check_row(double t, const double *row, struct err *e)
{
	for (size_t c = 0; c < OV_COUNT; c++)
		if (!isfinite(row[c]))
			return err_set(e, NULL, 0, outvars_table[c].name,
			               "t = %.3f: output %s is not finite (%g)",
			               t, outvars_table[c].name, row[c]);
	return 0;
}

/*
** The number of times q fits into 1 year when that is a whole number
** within PARAMS_WHOLE_TOL (params_whole, the tolerance the scenario's rules
** check with: the registry stores dt as the double nearest 1/12, whose
** reciprocal is 12 within a few ulps), else 0.
*/
static size_t per_year(double q)
{
	double n = 1.0 / q;
	double r = nearbyint(n);

	return r >= 1 && params_whole(n) ? (size_t)r : 0;
}

/* ---- one step of each method ------------------------------------------- */

/* The right-hand side for engine_gsl.h: model_deriv with this year's inputs. */
static int deriv(double t, const double *y, double *dydt, void *ctx)
{
	const struct sysargs *a = ctx;

	return model_deriv(t, y, dydt, a->p, a->yr);
}

/* The steps return 1 when every new stock lies within its cached bounds
** (check_fast's test, done in the same pass), else 0. */
static int euler_step(struct engine *en, double t, double h, const struct sysargs *a)
{
	int ok = 1;

	model_deriv(t, en->y, en->k1, a->p, a->yr);
	for (size_t i = 0; i < S_COUNT; i++) {
		double v = en->y[i] + h * en->k1[i];
		en->y[i] = v;
		ok &= (v >= en->lo[i]) & (v <= en->hi[i]);
	}
	return ok;
}

/* The classical RK4 step: four evaluations, error O(h^5) per step. */
static int rk4_step(struct engine *en, double t, double h, const struct sysargs *a)
{
	double *y = en->y, *yt = en->ytmp;
	const double h2 = 0.5 * h, h6 = h / 6.0;
	int ok = 1;

	model_deriv(t, y, en->k1, a->p, a->yr);
	for (size_t i = 0; i < S_COUNT; i++)
		yt[i] = y[i] + h2 * en->k1[i];
	model_deriv(t + h2, yt, en->k2, a->p, a->yr);
	for (size_t i = 0; i < S_COUNT; i++)
		yt[i] = y[i] + h2 * en->k2[i];
	model_deriv(t + h2, yt, en->k3, a->p, a->yr);
	for (size_t i = 0; i < S_COUNT; i++)
		yt[i] = y[i] + h * en->k3[i];
	model_deriv(t + h, yt, en->k4, a->p, a->yr);
	for (size_t i = 0; i < S_COUNT; i++) {
		double v = y[i] + h6 * (en->k1[i] + 2.0 * (en->k2[i] + en->k3[i]) + en->k4[i]);
		y[i] = v;
		ok &= (v >= en->lo[i]) & (v <= en->hi[i]);
	}
	return ok;
}

/* ---- the run ----------------------------------------------------------- */

/* In a stochastic run, the incidents of the step from t0 to t1, over which
** the cumulative hazard rose from lam0 (models/events.h), each a jump of
** the state at the step's end (model_incident). */
static int incidents(struct engine *en, const struct model_params *p, double t0, double t1,
                     double lam0, struct err *e)
{
	int k = events_step(&en->ev, t0, t1, lam0, en->y[S_CUM_INCIDENTS]);

	if (k >= 0) {
		while (k-- > 0)
			model_incident(p, en->y);
		return 0;
	}
	return err_set(e, NULL, 0, "security.base_incident_rate", "t = %.3f: the stochastic "
	               "run drew more than %d incidents; the incident hazard is beyond what "
	               "the stochastic mode draws", t1, EVENTS_MAX);
}

/* The run's fixed settings, derived from years[0] and checked once. */
struct plan {
	int method;
	double start;        /* calendar year of the first day */
	size_t steps;        /* fixed steps per year: round(1 / dt) */
	size_t reports;      /* rows per year: round(1 / report_step) */
	size_t per_report;   /* fixed steps per row */
};

static int make_plan(const struct model_params *p0, size_t nyears, struct plan *pl,
                     struct err *e)
{
	pl->method = (int)p0->sim_method;
	pl->start = p0->sim_start_year;
	pl->steps = per_year(p0->sim_dt);
	pl->reports = per_year(p0->sim_report_step);
	if (nyears == 0)
		return err_set(e, NULL, 0, "sim.years", "the run has no years");
	if (pl->method < METHOD_EULER || pl->method > METHOD_RKF45)
		return err_set(e, NULL, 0, "sim.method", "unknown integration method %g",
		               p0->sim_method);
	if (pl->steps == 0)
		return err_set(e, NULL, 0, "sim.dt", "sim.dt = %g does not divide a year "
		               "into a whole number of steps", p0->sim_dt);
	if (pl->reports == 0 || pl->steps % pl->reports != 0)
		return err_set(e, NULL, 0, "sim.report_step", "sim.report_step = %g is not a "
		               "whole multiple of sim.dt = %g that divides a year",
		               p0->sim_report_step, p0->sim_dt);
	pl->per_report = pl->steps / pl->reports;
	return 0;
}

/* Records the row for [t0, t1] into out (row index r), if out is wanted. */
static int report(struct engine *en, const struct sysargs *a, double t0, double t1,
                  struct series *out, size_t r, struct err *e)
{
	model_outputs(t0, t1, en->y_rep, en->y, a->p, a->yr,
	              r ? out->v + (r - 1) * OV_COUNT : NULL, en->row);
	if (check_row(t1, en->row, e) != 0)
		return -1;
	memcpy(out->v + r * OV_COUNT, en->row, sizeof en->row);
	out->rows = r + 1;
	memcpy(en->y_rep, en->y, sizeof en->y);
	return 0;
}

/*
** One fiscal year with a fixed step: pl->steps steps of h = 1 / steps,
** times computed from whole step counts so that no rounding accumulates
** over the years. row0 is the index of the year's first row.
*/
static int run_year_fixed(struct engine *en, const struct plan *pl, double ty,
                          const struct sysargs *a, struct series *out, size_t row0,
                          struct err *e)
{
	const double h = 1.0 / (double)pl->steps;
	const char *why;

	for (size_t i = 0; i < pl->steps; i++) {
		double t = ty + (double)i * h;
		double t1 = ty + (double)(i + 1) * h;
		const double lam0 = en->y[S_CUM_INCIDENTS];
		int ok;

		if (pl->method == METHOD_EULER) {
			ok = euler_step(en, t, t1 - t, a);
		} else if (!en->gsl_rk4) {
			ok = rk4_step(en, t, t1 - t, a);
		} else if (engine_gsl_rk4(en->gsl, deriv, (void *)a, t, t1 - t, en->y, &why) != 0) {
			return err_set(e, NULL, 0, NULL, "t = %.3f: rk4 failed: %s", t, why);
		} else {
			ok = check_fast(en, t1, e) == 0;
		}
		/* Only a state that fails goes through the full check, for the
		** message. */
		if (!ok && engine_check_state(t1, en->y, e) != 0)
			return -1;
		if (a->yr->ev && incidents(en, a->p, t, t1, lam0, e) != 0)
			return -1;
		if (out && (i + 1) % pl->per_report == 0) {
			size_t j = (i + 1) / pl->per_report;   /* 1..reports */
			double t0 = ty + (double)(j - 1) / (double)pl->reports;
			if (report(en, a, t0, t1, out, row0 + j - 1, e) != 0)
				return -1;
		}
	}
	return 0;
}

/*
** One fiscal year with rkf45: evolve from each report time to the next,
** ending exactly on it (engine_gsl_rkf45 clips the last step). The
** steppers were reset for the year (engine_gsl_year) because the
** parameters change at the boundary; the first trial step is sim.dt, and
** later ones carry the step size the control chose.
*/
static int run_year_rkf45(struct engine *en, const struct plan *pl, double ty, double dt,
                          const struct sysargs *a, struct series *out, size_t row0,
                          struct err *e)
{
	double t = ty, h = dt;
	size_t nsteps = 0;
	const char *why;

	for (size_t j = 1; j <= pl->reports; j++) {
		double t0 = ty + (double)(j - 1) / (double)pl->reports;
		double t1 = ty + (double)j / (double)pl->reports;

		while (t < t1) {
			const double t_prev = t, lam0 = en->y[S_CUM_INCIDENTS];

			if (++nsteps > ENGINE_MAX_STEPS_PER_YEAR)
				return err_set(e, NULL, 0, NULL, "t = %.3f: rkf45 needed more than %d steps "
				               "in fiscal year %.0f (step size %g); the model is too stiff "
				               "for these tolerances", t, ENGINE_MAX_STEPS_PER_YEAR, ty, h);
			if (engine_gsl_rkf45(en->gsl, deriv, (void *)a, &t, t1, &h, en->y, &why) != 0)
				return err_set(e, NULL, 0, NULL, "t = %.3f: rkf45 failed: %s", t, why);
			if (check_fast(en, t, e) != 0)
				return -1;
			if (a->yr->ev && incidents(en, a->p, t_prev, t, lam0, e) != 0)
				return -1;
		}
		if (out && report(en, a, t0, t1, out, row0 + j - 1, e) != 0)
			return -1;
	}
	return 0;
}

int engine_run(struct engine *en, const struct model_params *years, size_t nyears,
               struct series *out, struct err *e)
{
	struct model_year yr, prev;
	struct plan pl = { 0 };

	if (make_plan(&years[0], nyears, &pl, e) != 0)
		return -1;
	if (out) {
		size_t n = nyears * pl.reports * OV_COUNT;
		double *v = realloc(out->v, n * sizeof *v);
		if (!v)
			return err_set(e, NULL, 0, NULL, "out of memory for %zu rows",
			               nyears * pl.reports);
		out->v = v;
		out->rows = 0;
		out->cols = OV_COUNT;
	}
	/* rkf45 accepts a step whose error is within its tolerance, so a stock
	** may end up to sim.atol (in its scaled unit) beyond a bound without
	** any instability (MODEL.md 9.3): its bounds are wider by that. */
	for (size_t i = 0; i < S_COUNT; i++) {
		bounds(i, &en->lo[i], &en->hi[i]);
		if (pl.method == METHOD_RKF45 && en->lo[i] > -DBL_MAX)
			en->lo[i] -= years[0].sim_atol * abs_scale(i);
		if (pl.method == METHOD_RKF45 && en->hi[i] < DBL_MAX)
			en->hi[i] += years[0].sim_atol * abs_scale(i);
	}
	model_init(&years[0], en->y);
	if (engine_check_state(pl.start, en->y, e) != 0)
		return -1;
	memcpy(en->y_rep, en->y, sizeof en->y);
	if (en->rng)
		events_begin(&en->ev, en->rng);

	for (size_t k = 0; k < nyears; k++) {
		const struct sysargs a = { &years[k], &yr };
		double ty = pl.start + (double)k;
		int rc;

		model_year_begin(&years[k], (int)ty, en->y, k ? &prev : NULL, &yr);
		if (en->rng) {   /* the stochastic mode (models/events.h) */
			yr.ev = &en->ev;
			yr.overrun_z = events_overrun_z(en->rng->uniform(en->rng->ctx, DRAW_OVERRUN));
		}
		if (pl.method == METHOD_RKF45 || en->gsl_rk4)
			engine_gsl_year(en->gsl, years[0].sim_atol, years[0].sim_rtol);
		if (pl.method == METHOD_RKF45)
			rc = run_year_rkf45(en, &pl, ty, years[0].sim_dt, &a, out, k * pl.reports, e);
		else
			rc = run_year_fixed(en, &pl, ty, &a, out, k * pl.reports, e);
		if (rc != 0)
			return -1;
		prev = yr;
	}
	return 0;
}
