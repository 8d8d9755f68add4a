/*
** core_only.c: the model and the engine's default integrator on their own.
** `make core` builds this with every models/ file, sim/engine.c, sim/engine_nogsl.c
** and sim/err.c and links it with the C library alone: no GSL, libcsv,
** inih or command line, as a build for another target (the WebAssembly
** what-if page) needs them. A symbol from any of those would not link.
**
** It runs the registry's defaults for 15 years with rk4 and with euler,
** checks that every output is finite and that the maturity rises from its
** initial value (services.maturity_initial = 0.25 in params.def), and that
** rkf45, which needs GSL, says so instead of running. Exit status 0 when
** all of this holds.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "params.h"
#include "profile.h"

#define YEARS 15

static int run(int method, struct engine *en, struct series *s, struct err *e)
{
	static struct model_params y[YEARS];

	profile_defaults(&y[0]);
	y[0].sim_method = method;
	y[0].sim_years = YEARS;
	for (size_t k = 1; k < YEARS; k++)
		y[k] = y[0];
	return engine_run(en, y, YEARS, s, e);
}

int main(void)
{
	struct engine *en = engine_new();
	struct series s = { 0, 0, NULL };
	struct err e;
	int bad = 0;

	if (!en)
		return 1;
	for (int m = METHOD_EULER; m <= METHOD_RK4; m++) {
		double first, last;

		err_clear(&e);
		if (run(m, en, &s, &e) != 0) {
			fprintf(stderr, "core_only: %s: %s\n", params_methods[m], e.msg);
			bad = 1;
			continue;
		}
		for (size_t i = 0; i < s.rows * s.cols; i++)
			bad |= !isfinite(s.v[i]);
		first = s.v[OV_service_maturity];
		last = s.v[(s.rows - 1) * s.cols + OV_service_maturity];
		bad |= s.rows != YEARS || !(last > first) || !(first >= 0.25);
		printf("core_only: %s: %zu rows, service maturity %.4f to %.4f\n",
		       params_methods[m], s.rows, first, last);
	}
	err_clear(&e);
	if (run(METHOD_RKF45, en, &s, &e) == 0 || !strstr(e.msg, "built without GSL")) {
		fprintf(stderr, "core_only: rkf45 did not say that GSL is missing: %s\n", e.msg);
		bad = 1;
	}
	series_free(&s);
	engine_free(en);
	puts(bad ? "core_only: FAILED" : "core_only: the model and rk4 run without GSL, libcsv or inih");
	return bad;
}
