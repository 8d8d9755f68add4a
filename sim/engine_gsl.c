/*
** engine_gsl.c: rkf45 and GSL's rk4 through gsl_odeiv2 (engine_gsl.h).
*/
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

#include "engine_gsl.h"

struct engine_gsl {
	size_t n;
	gsl_odeiv2_step *rk4, *rkf45;
	gsl_odeiv2_control *control;
	gsl_odeiv2_evolve *evolve;
	double *yerr, *dydt_in, *dydt_out;
	int have_dydt;           /* dydt_in holds the derivative at the step's start */
};

/* What the odeiv2 system function needs: the caller's function and context. */
struct call {
	engine_gsl_deriv f;
	void *ctx;
};

static int sys_func(double t, const double y[], double dydt[], void *params)
{
	const struct call *c = params;

	return c->f(t, y, dydt, c->ctx) == 0 ? GSL_SUCCESS : GSL_EBADFUNC;
}

struct engine_gsl *engine_gsl_new(size_t n, const double *scale)
{
	struct engine_gsl *g = calloc(1, sizeof *g);

	if (!g)
		return NULL;
	g->n = n;
	g->rk4 = gsl_odeiv2_step_alloc(gsl_odeiv2_step_rk4, n);
	g->rkf45 = gsl_odeiv2_step_alloc(gsl_odeiv2_step_rkf45, n);
	/* The tolerances are set per year (gsl_odeiv2_control_init keeps the scales). */
	g->control = gsl_odeiv2_control_scaled_new(1e-6, 1e-8, 1, 0, scale, n);
	g->evolve = gsl_odeiv2_evolve_alloc(n);
	g->yerr = calloc(n, sizeof *g->yerr);
	g->dydt_in = calloc(n, sizeof *g->dydt_in);
	g->dydt_out = calloc(n, sizeof *g->dydt_out);
	if (!g->rk4 || !g->rkf45 || !g->control || !g->evolve || !g->yerr || !g->dydt_in
	    || !g->dydt_out) {
		engine_gsl_free(g);
		return NULL;
	}
	return g;
}

void engine_gsl_free(struct engine_gsl *g)
{
	if (!g)
		return;
	if (g->rk4)
		gsl_odeiv2_step_free(g->rk4);
	if (g->rkf45)
		gsl_odeiv2_step_free(g->rkf45);
	if (g->control)
		gsl_odeiv2_control_free(g->control);
	if (g->evolve)
		gsl_odeiv2_evolve_free(g->evolve);
	free(g->yerr);
	free(g->dydt_in);
	free(g->dydt_out);
	free(g);
}

void engine_gsl_year(struct engine_gsl *g, double atol, double rtol)
{
	gsl_odeiv2_step_reset(g->rk4);
	gsl_odeiv2_step_reset(g->rkf45);
	gsl_odeiv2_evolve_reset(g->evolve);
	gsl_odeiv2_control_init(g->control, atol, rtol, 1, 0);
	g->have_dydt = 0;
}

/*
** Within a year the derivative at the end of one step is the derivative
** at the start of the next, so dydt_out is handed on as dydt_in, saving
** one evaluation per step.
*/
int engine_gsl_rk4(struct engine_gsl *g, engine_gsl_deriv f, void *ctx, double t, double h,
                   double *y, const char **why)
{
	struct call c = { f, ctx };
	gsl_odeiv2_system sys = { sys_func, NULL, g->n, &c };
	int status;

	if (!g->have_dydt && (status = GSL_ODEIV_FN_EVAL(&sys, t, y, g->dydt_in)) != GSL_SUCCESS) {
		*why = gsl_strerror(status);
		return -1;
	}
	status = gsl_odeiv2_step_apply(g->rk4, t, h, y, g->yerr, g->dydt_in, g->dydt_out, &sys);
	if (status != GSL_SUCCESS) {
		*why = gsl_strerror(status);
		return -1;
	}
	memcpy(g->dydt_in, g->dydt_out, g->n * sizeof *g->dydt_in);
	g->have_dydt = 1;
	return 0;
}

int engine_gsl_rkf45(struct engine_gsl *g, engine_gsl_deriv f, void *ctx, double *t, double t1,
                     double *h, double *y, const char **why)
{
	struct call c = { f, ctx };
	gsl_odeiv2_system sys = { sys_func, NULL, g->n, &c };
	int status = gsl_odeiv2_evolve_apply(g->evolve, g->control, g->rkf45, &sys, t, t1, h, y);

	if (status != GSL_SUCCESS) {
		*why = gsl_strerror(status);
		return -1;
	}
	return 0;
}
