/*
** engine_gsl.h: the engine's GSL part, behind a small seam: rkf45 (GSL's
** embedded Runge-Kutta-Fehlberg 4(5) with step control) and GSL's own rk4,
** kept so that `make bench` can compare it with the engine's. Everything
** else of the engine (its own RK4 and Euler, the fiscal years, the checks)
** and the whole model need no GSL: a build for another target links
** engine_nogsl.c instead of engine_gsl.c, where both methods report that
** the build has no GSL.
*/
#ifndef DTSIM_ENGINE_GSL_H
#define DTSIM_ENGINE_GSL_H

#include <stddef.h>

/* The right-hand side: dydt at (t, y) with the caller's context. Returns 0,
** or non-zero when it cannot be evaluated. */
typedef int (*engine_gsl_deriv)(double t, const double *y, double *dydt, void *ctx);

/* GSL's steppers for n equations; scale[i] is equation i's scale of the
** absolute tolerance (copied). NULL when out of memory; free with
** engine_gsl_free (NULL is a no-op). */
struct engine_gsl *engine_gsl_new(size_t n, const double *scale);
void engine_gsl_free(struct engine_gsl *g);

/* Starts a fiscal year (the right-hand side changes at its boundary):
** resets the steppers; rkf45 then keeps the absolute and relative error
** tolerances atol and rtol. */
void engine_gsl_year(struct engine_gsl *g, double atol, double rtol);

/* One step of GSL's rk4 from t to t + h of y, in place. Returns 0, or -1
** with *why saying what failed. */
int engine_gsl_rk4(struct engine_gsl *g, engine_gsl_deriv f, void *ctx, double t, double h,
                   double *y, const char **why);

/* One accepted step of rkf45 from *t towards t1 (never past it; *h, the
** step size to try, is updated by the step control), y in place. Returns
** 0, or -1 with *why. */
int engine_gsl_rkf45(struct engine_gsl *g, engine_gsl_deriv f, void *ctx, double *t, double t1,
                     double *h, double *y, const char **why);

#endif
