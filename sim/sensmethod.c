/*
** sensmethod.c: tornado, Morris and Sobol over a scenario's uncertain
** parameters (sensmethod.h).
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "morris.h"
#include "rank.h"
#include "senscsv.h"
#include "sensmethod.h"
#include "sobol.h"
#include "summary.h"

const char *const sensmethod_files[3] = { "tornado", "morris", "sobol" };

size_t sensmethod_samples(const struct sensmethod_opts *o, size_t d)
{
	size_t n = SENSMETHOD_SOBOL_N, least = sobol_min_base(d);

	if (o->samples)
		return o->samples;
	if (o->method == SENSMETHOD_MORRIS)
		return SENSMETHOD_MORRIS_N;
	while (n < least && n < SIZE_MAX / 2)
		n *= 2;
	return n;
}

size_t sensmethod_runs(const struct sensmethod_opts *o, size_t d)
{
	size_t n = sensmethod_samples(o, d), per = o->method == SENSMETHOD_TORNADO ? 0
	                           : o->method == SENSMETHOD_MORRIS ? d + 1 : d + 2;

	if (o->method == SENSMETHOD_TORNADO)
		return 2 * d + 1;
	return n > SIZE_MAX / per / (d ? d : 1) / sizeof(double) ? 0 : n * per;
}

/* What a method hands to the writer: n parameters' numbers, ncols each,
** ranked by column rank_by (NaN last, unranked). */
struct table {
	const char *const *cols;
	size_t ncols, rank_col, rank_by;
	double *vals;
};

/* Ranks the rows of t by column t->rank_by into column t->rank_col and
** writes the table. Returns 0, or -1 with e. */
static int write_ranked(const struct sensrun_in *in, struct table *t, const char *path,
                        struct err *e)
{
	size_t d = unc_count(in->u), *order = malloc(2 * d * sizeof *order), *rank;
	double *key = malloc(d * sizeof *key);
	const char **names = malloc(d * sizeof *names);
	int status;

	if (!order || !key || !names) {
		free(order);
		free(key);
		free(names);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	rank = order + d;
	for (size_t i = 0; i < d; i++) {
		double v = t->vals[i * t->ncols + t->rank_by];

		key[i] = isfinite(v) ? v : -INFINITY;
		names[i] = unc_name(in->u, i);
	}
	status = rank_desc(key, d, order, rank);
	if (status != 0) {
		err_set(e, NULL, 0, NULL, "out of memory");
	} else {
		struct senscsv_table ct = { t->cols, t->ncols, names, t->vals, order, d,
		                            summary_kpis[in->kpi].name, in->scenario,
		                            in->inputs_digest };

		for (size_t i = 0; i < d; i++)
			t->vals[i * t->ncols + t->rank_col] = isfinite(key[i]) ? (double)rank[i] : NAN;
		status = senscsv_write(path, &ct, e);
	}
	free(order);
	free(key);
	free(names);
	return status;
}

/* ---- tornado ------------------------------------------------------------------ */

/* Run 0: every parameter at its median; run 1 + 2i: parameter i at its
** 10th percentile; run 2 + 2i: at its 90th. */
static void tornado_points(const struct unc_set *u, double *x)
{
	size_t d = unc_count(u);

	for (size_t j = 0; j < d; j++)
		x[j] = unc_quantile(u, j, SENSMETHOD_CENTRE);
	for (size_t r = 1; r <= 2 * d; r++) {
		size_t i = (r - 1) / 2;

		for (size_t j = 0; j < d; j++)
			x[r * d + j] = x[j];
		x[r * d + i] = unc_quantile(u, i, r % 2 ? SENSMETHOD_TORNADO_LO
		                                        : SENSMETHOD_TORNADO_HI);
	}
}

static const char *const tornado_cols[] = {
	"low", "high", "kpi_low", "kpi_high", "swing", "rank", "kpi_centre",
};

static int tornado_table(const struct sensrun_in *in, const double *x, const double *y,
                         const char *path, struct err *e)
{
	size_t d = unc_count(in->u), nc = sizeof tornado_cols / sizeof tornado_cols[0];
	struct table t = { tornado_cols, nc, 5, 4, malloc(d * nc * sizeof *t.vals) };
	int status;

	if (!t.vals)
		return err_set(e, NULL, 0, NULL, "out of memory");
	for (size_t i = 0; i < d; i++) {
		double *v = t.vals + i * nc, lo = y[1 + 2 * i], hi = y[2 + 2 * i];

		v[0] = x[(1 + 2 * i) * d + i];
		v[1] = x[(2 + 2 * i) * d + i];
		v[2] = lo;
		v[3] = hi;
		v[4] = isfinite(lo) && isfinite(hi) ? fabs(hi - lo) : NAN;
		v[6] = y[0];
	}
	status = write_ranked(in, &t, path, e);
	free(t.vals);
	return status;
}

/* ---- Morris and Sobol --------------------------------------------------------------- */

/* The level coordinate c of a Morris point (k / (p - 1)) taken to the
** quantile (k + 1/2) / p of parameter i. */
static double morris_value(const struct unc_set *u, size_t i, double c, unsigned p)
{
	double k = round(c * (p - 1));

	return unc_quantile(u, i, (k + 0.5) / p);
}

static const char *const morris_cols[] = { "mu", "mu_star", "sigma", "rank" };
static const char *const sobol_cols[] = { "S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi", "rank" };

/* Says why Morris or Sobol cannot estimate from runs that failed or gave
** no value. Returns -1. */
static int incomplete(const struct sensrun_in *in, const struct sensrun_report *rep,
                      size_t nruns, struct err *e)
{
	if (rep->failed)
		return err_set(e, NULL, 0, NULL, "%zu of %zu runs failed (run %zu: %s); the method"
		               " needs every run", rep->failed, nruns, rep->first_failed + 1,
		               rep->first.msg);
	return err_set(e, NULL, 0, NULL, "the KPI %s has no value in %zu of %zu runs (%s);"
	               " the method needs a value in every run: choose another --kpi",
	               summary_kpis[in->kpi].name, rep->novalue, nruns,
	               summary_kpis[in->kpi].meaning);
}

/* Runs the nruns points of x into y; Morris and Sobol need the KPI from
** every run. Returns 0, or -1 with e filled. */
static int run_complete(const struct sensrun_in *in, const struct sensmethod_opts *o,
                        const double *x, size_t nruns, double *y,
                        struct sensrun_report *rep, struct err *e)
{
	if (sensrun_all(in, x, nruns, o->threads, y, rep, e) != 0)
		return -1;
	return rep->failed || rep->novalue ? incomplete(in, rep, nruns, e) : 0;
}

static int morris(const struct sensrun_in *in, const struct sensmethod_opts *o, double *x,
                  double *y, const char *path, struct sensrun_report *rep, struct err *e)
{
	size_t d = unc_count(in->u), nc = sizeof morris_cols / sizeof morris_cols[0];
	struct morris *m = NULL;
	struct morris_effect *ef = NULL;
	struct table t = { morris_cols, nc, 3, 1, NULL };
	size_t nruns;
	int status = -1;

	if (morris_new(d, sensmethod_samples(o, d), MORRIS_LEVELS_DEFAULT, o->seed, &m, e) != 0)
		return -1;
	nruns = morris_runs(m);
	for (size_t r = 0; r < nruns; r++) {
		morris_point(m, r, x + r * d);
		for (size_t i = 0; i < d; i++)
			x[r * d + i] = morris_value(in->u, i, x[r * d + i], MORRIS_LEVELS_DEFAULT);
	}
	if (run_complete(in, o, x, nruns, y, rep, e) != 0)
		goto done;
	for (size_t r = 0; r < nruns; r++)
		morris_set(m, r, y[r]);
	ef = malloc(d * sizeof *ef);
	t.vals = malloc(d * nc * sizeof *t.vals);
	if (!ef || !t.vals) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (morris_estimate(m, ef, e) != 0)
		goto done;
	for (size_t i = 0; i < d; i++) {
		t.vals[i * nc] = ef[i].mu;
		t.vals[i * nc + 1] = ef[i].mu_star;
		t.vals[i * nc + 2] = ef[i].sigma;
	}
	status = write_ranked(in, &t, path, e);
done:
	free(ef);
	free(t.vals);
	morris_free(m);
	return status;
}

static int sobol(const struct sensrun_in *in, const struct sensmethod_opts *o, double *x,
                 double *y, const char *path, struct sensrun_report *rep, struct err *e)
{
	size_t d = unc_count(in->u), nc = sizeof sobol_cols / sizeof sobol_cols[0];
	struct sobol *s = NULL;
	struct sobol_index *ix = NULL;
	struct table t = { sobol_cols, nc, 6, 3, NULL };
	size_t nruns;
	int status = -1;

	if (sobol_new(d, sensmethod_samples(o, d), o->seed, &s, e) != 0)
		return -1;
	nruns = sobol_runs(s);
	for (size_t r = 0; r < nruns; r++) {
		sobol_point(s, r, x + r * d);
		for (size_t i = 0; i < d; i++)
			x[r * d + i] = unc_quantile(in->u, i, x[r * d + i]);
	}
	if (run_complete(in, o, x, nruns, y, rep, e) != 0)
		goto done;
	for (size_t r = 0; r < nruns; r++)
		sobol_set(s, r, y[r]);
	ix = malloc(d * sizeof *ix);
	t.vals = malloc(d * nc * sizeof *t.vals);
	if (!ix || !t.vals) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (sobol_estimate(s, SOBOL_BOOT_DEFAULT, SOBOL_LEVEL_DEFAULT, o->seed, ix, e) != 0)
		goto done;
	for (size_t i = 0; i < d; i++) {
		double *v = t.vals + i * nc;

		v[0] = ix[i].s1;
		v[1] = ix[i].s1_lo;
		v[2] = ix[i].s1_hi;
		v[3] = ix[i].st;
		v[4] = ix[i].st_lo;
		v[5] = ix[i].st_hi;
	}
	status = write_ranked(in, &t, path, e);
done:
	free(ix);
	free(t.vals);
	sobol_free(s);
	return status;
}

/* ---- the interface ---------------------------------------------------------------- */

int sensmethod_run(const struct sensrun_in *in, const struct sensmethod_opts *o,
                   const char *path, struct sensrun_report *rep, struct err *e)
{
	size_t d = unc_count(in->u), nruns = sensmethod_runs(o, d);
	double *x, *y;
	int status = -1;

	memset(rep, 0, sizeof *rep);
	if (d == 0)
		return err_set(e, NULL, 0, NULL, "the scenario has no uncertain parameters: every"
		               " one is off in its [uncertainty] section");
	if (nruns == 0)
		return err_set(e, NULL, 0, NULL, "-n %zu is too large for %zu parameters",
		               sensmethod_samples(o, d), d);
	x = malloc(nruns * d * sizeof *x);
	y = malloc(nruns * sizeof *y);
	if (!x || !y) {
		err_set(e, NULL, 0, NULL, "out of memory");
	} else if (o->method == SENSMETHOD_TORNADO) {
		tornado_points(in->u, x);
		if (sensrun_all(in, x, nruns, o->threads, y, rep, e) == 0)
			status = tornado_table(in, x, y, path, e);
	} else if (o->method == SENSMETHOD_MORRIS) {
		status = morris(in, o, x, y, path, rep, e);
	} else {
		status = sobol(in, o, x, y, path, rep, e);
	}
	free(x);
	free(y);
	return status;
}
