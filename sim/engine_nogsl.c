/*
** engine_nogsl.c: the engine's GSL seam (engine_gsl.h) for a build without
** GSL (another target, such as WebAssembly): rkf45 and GSL's rk4 are not
** in it, and say so; euler and the engine's own rk4 need neither.
*/
#include <stdlib.h>

#include "engine_gsl.h"

/* Nothing to hold; an object of its own so that engine_new succeeds. */
struct engine_gsl {
	size_t n;
};

static const char engine_nogsl_why[] = "this dtsim is built without GSL; allowed: "
                                        "sim.method = euler or rk4";

struct engine_gsl *engine_gsl_new(size_t n, const double *scale)
{
	struct engine_gsl *g = calloc(1, sizeof *g);

	(void)scale;
	if (g)
		g->n = n;
	return g;
}

void engine_gsl_free(struct engine_gsl *g)
{
	free(g);
}

void engine_gsl_year(struct engine_gsl *g, double atol, double rtol)
{
	(void)g;
	(void)atol;
	(void)rtol;
}

int engine_gsl_rk4(struct engine_gsl *g, engine_gsl_deriv f, void *ctx, double t, double h,
                   double *y, const char **why)
{
	(void)g, (void)f, (void)ctx, (void)t, (void)h, (void)y;
	*why = engine_nogsl_why;
	return -1;
}

int engine_gsl_rkf45(struct engine_gsl *g, engine_gsl_deriv f, void *ctx, double *t, double t1,
                     double *h, double *y, const char **why)
{
	(void)g, (void)f, (void)ctx, (void)t, (void)t1, (void)h, (void)y;
	*why = engine_nogsl_why;
	return -1;
}
