/*
** calib.c: the fit of dtsim calibrate (calib.h; docs/CALIBRATE.md). The
** solver works on unbounded values z; parameter i is
**   x_i = lo_i + (hi_i - lo_i) / (1 + exp(-z_i)),
** its range [lo_i, hi_i] that of unc_build_keys. Each residual is
**   r_k = sqrt(w_k) (fitted_k - observed_k) / s_c,
** s_c the root mean square of column c's observations (1 when they are
** all 0), so that money and fractions weigh alike.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit_nlinear.h>

#include "calib.h"
#include "engine.h"

/* How far inside its range a start on a bound is moved (a share of the
** range): the logistic map reaches no bound (dimensionless). */
#define CALIB_START_INSET 1e-3

/* The state of one fit, seen by the residual function. */
struct fit {
	const struct calib_in *in;
	struct calib_result *r;
	struct engine *en;
	struct model_params *work;
	double *x;         /* p: the parameters of the last evaluation */
	struct series rows;
	long start;        /* sim.start_year */
	size_t per_year;   /* rows per fiscal year */
	int failed;
	struct err e;      /* the first failed run */
};

static double to_x(double z, double lo, double hi)
{
	return lo + (hi - lo) / (1.0 + exp(-z));
}

static double to_z(double x, double lo, double hi)
{
	double t = (x - lo) / (hi - lo);
	return log(t / (1.0 - t));
}

/* Runs the scenario at parameters x into f->rows. Returns 0, or -1 with
** f->e (the first failure kept). */
static int run_at(struct fit *f, const double *x)
{
	struct err e;

	f->r->runs++;
	if (unc_apply(f->in->u, x, f->work, f->in->nyears) != 0) {
		err_set(&e, "", 0, "", "the parameters leave no positive allocation share or "
		        "portfolio value");
		goto fail;
	}
	if (engine_run(f->en, f->work, f->in->nyears, &f->rows, &e) != 0)
		goto fail;
	return 0;
fail:
	if (!f->failed) {
		struct strbuf b = STRBUF_INIT;

		strbuf_printf(&b, "a run failed at ");
		for (size_t i = 0; i < f->r->p; i++)
			strbuf_printf(&b, "%s%s = %.17g", i ? ", " : "", unc_name(f->in->u, i), x[i]);
		strbuf_printf(&b, ": %s", e.msg);
		err_set(&f->e, "", 0, e.key, "%s", strbuf_str(&b));
		strbuf_free(&b);
	}
	f->failed = 1;
	return -1;
}

/* The value of the fitted run for observation o. */
static double fitted(const struct fit *f, const struct calib_obs *o)
{
	const struct history *h = f->in->h;
	size_t row = (size_t)(h->year[o->row] - f->start) * f->per_year;

	return f->rows.v[row * f->rows.cols + h->col[o->col]];
}

/* GSL's residual function: r_k at z. */
static int residuals(const gsl_vector *z, void *params, gsl_vector *out)
{
	struct fit *f = params;
	struct calib_result *r = f->r;

	for (size_t i = 0; i < r->p; i++)
		f->x[i] = to_x(gsl_vector_get(z, i), r->lo[i], r->hi[i]);
	if (run_at(f, f->x) != 0)
		return GSL_EBADFUNC;
	for (size_t k = 0; k < r->n; k++) {
		const struct calib_obs *o = &r->o[k];
		gsl_vector_set(out, k, sqrt(o->w) * (fitted(f, o) - o->obs) / r->scale[o->col]);
	}
	return GSL_SUCCESS;
}

void calib_result_free(struct calib_result *r)
{
	free(r->x0);
	free(r->x);
	free(r->lo);
	free(r->hi);
	free(r->se);
	free(r->corr);
	free(r->scale);
	free(r->o);
	series_free(&r->rows);
	memset(r, 0, sizeof *r);
}

/* Fills r's observations, column scales, bounds and start. Returns 0, or
** -1 when memory runs out. */
static int prepare(const struct calib_in *in, struct calib_result *r)
{
	const struct history *h = in->h;
	const size_t p = unc_count(in->u);

	r->p = p;
	r->n = h->nobs;
	r->x0 = calloc(p, sizeof *r->x0);
	r->x = calloc(p, sizeof *r->x);
	r->lo = calloc(p, sizeof *r->lo);
	r->hi = calloc(p, sizeof *r->hi);
	r->se = calloc(p, sizeof *r->se);
	r->corr = calloc(p * p, sizeof *r->corr);
	r->scale = calloc(h->ncols, sizeof *r->scale);
	r->o = calloc(r->n, sizeof *r->o);
	if (!r->x0 || !r->x || !r->lo || !r->hi || !r->se || !r->corr || !r->scale || !r->o)
		return -1;
	for (size_t i = 0; i < p; i++) {
		double lo = unc_quantile(in->u, i, 0.0), hi = unc_quantile(in->u, i, 1.0);
		double in_ = CALIB_START_INSET * (hi - lo);
		r->lo[i] = lo;
		r->hi[i] = hi;
		r->x0[i] = fmin(fmax(unc_base(in->u, i), lo + in_), hi - in_);
	}
	for (size_t j = 0; j < h->ncols; j++) {
		double ss = 0.0, m = 0.0;
		for (size_t i = 0; i < h->nrows; i++)
			if (h->w[i * h->ncols + j] > 0.0) {
				double v = h->obs[i * h->ncols + j];
				ss += v * v;
				m++;
			}
		r->scale[j] = m > 0 && ss > 0 ? sqrt(ss / m) : 1.0;
	}
	for (size_t i = 0, k = 0; i < h->nrows; i++)
		for (size_t j = 0; j < h->ncols; j++)
			if (h->w[i * h->ncols + j] > 0.0) {
				struct calib_obs *o = &r->o[k++];
				o->row = i;
				o->col = j;
				o->obs = h->obs[i * h->ncols + j];
				o->w = h->w[i * h->ncols + j];
			}
	return 0;
}

/*
** The statistics at the estimates: residuals, chi-squared, RMSE, R^2; the
** covariance of z from J (n x p, at the estimates) scaled by chi2 / dof,
** carried to x by the delta method (dx/dz = (x - lo)(hi - x)/(hi - lo));
** the condition number of J with unit columns. Returns 0, or -1 when
** memory runs out.
*/
static int statistics(struct fit *f, const gsl_matrix *J)
{
	struct calib_result *r = f->r;
	const struct history *h = f->in->h;
	const size_t p = r->p, n = r->n;
	gsl_matrix *C = gsl_matrix_alloc(p, p), *A = gsl_matrix_alloc(n, p),
	           *V = gsl_matrix_alloc(p, p);
	gsl_vector *S = gsl_vector_alloc(p), *wk = gsl_vector_alloc(p);
	double tss = 0.0, s2, *d = calloc(p, sizeof *d), *sw = calloc(h->ncols, sizeof *sw),
	       *mean = calloc(h->ncols, sizeof *mean);
	int zero = 0, rc = -1;

	if (!C || !A || !V || !S || !wk || !d || !sw || !mean)
		goto done;
	r->chi2 = 0.0;
	for (size_t k = 0; k < n; k++) {
		struct calib_obs *o = &r->o[k];
		o->fit = fitted(f, o);
		o->resid = sqrt(o->w) * (o->fit - o->obs) / r->scale[o->col];
		r->chi2 += o->resid * o->resid;
		sw[o->col] += o->w;
		mean[o->col] += o->w * o->obs;
	}
	for (size_t j = 0; j < h->ncols; j++)
		mean[j] = sw[j] > 0 ? mean[j] / sw[j] : 0.0;
	for (size_t k = 0; k < n; k++) {
		const struct calib_obs *o = &r->o[k];
		double t = (o->obs - mean[o->col]) / r->scale[o->col];
		tss += o->w * t * t;
	}
	r->dof = n - p;
	r->rmse = sqrt(r->chi2 / (double)n);
	r->r2 = tss > 0 ? 1.0 - r->chi2 / tss : NAN;
	s2 = r->chi2 / (double)r->dof;

	gsl_multifit_nlinear_covar(J, CALIB_COVAR_EPSREL, C);
	for (size_t i = 0; i < p; i++)
		d[i] = (r->x[i] - r->lo[i]) * (r->hi[i] - r->x[i]) / (r->hi[i] - r->lo[i]);
	for (size_t i = 0; i < p; i++) {
		double c = gsl_matrix_get(C, i, i);
		r->se[i] = c > 0 && isfinite(c) ? d[i] * sqrt(c * s2) : NAN;
	}
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++) {
			double ci = gsl_matrix_get(C, i, i), cj = gsl_matrix_get(C, j, j);
			r->corr[i * p + j] = i == j && ci > 0 ? 1.0 : ci > 0 && cj > 0 ?
			                     gsl_matrix_get(C, i, j) / sqrt(ci * cj) : NAN;
		}
	/* The condition number of J with columns of length 1. */
	for (size_t j = 0; j < p; j++) {
		gsl_vector_const_view c = gsl_matrix_const_column(J, j);
		gsl_vector_view a = gsl_matrix_column(A, j);
		double nrm = gsl_blas_dnrm2(&c.vector);
		gsl_vector_memcpy(&a.vector, &c.vector);
		if (nrm > 0)
			gsl_vector_scale(&a.vector, 1.0 / nrm);
		else
			zero = 1;
	}
	if (zero || gsl_linalg_SV_decomp(A, V, S, wk) != 0 || !(gsl_vector_get(S, p - 1) > 0))
		r->cond = INFINITY;
	else
		r->cond = gsl_vector_get(S, 0) / gsl_vector_get(S, p - 1);
	r->identifiable = r->cond <= CALIB_COND_MAX;
	for (size_t i = 0; i < p; i++) {
		r->identifiable &= isfinite(r->se[i]);
		for (size_t j = 0; j < p; j++)
			r->identifiable &= i == j || fabs(r->corr[i * p + j]) <= CALIB_CORR_MAX;
	}
	rc = 0;
done:
	gsl_matrix_free(C);
	gsl_matrix_free(A);
	gsl_matrix_free(V);
	gsl_vector_free(S);
	gsl_vector_free(wk);
	free(d);
	free(sw);
	free(mean);
	return rc;
}

int calib_fit(const struct calib_in *in, struct calib_result *r, struct err *e)
{
	struct fit f;
	gsl_multifit_nlinear_fdf fdf;
	gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
	gsl_multifit_nlinear_workspace *w = NULL;
	gsl_vector *z = NULL, *fz = NULL, *wk = NULL;
	gsl_matrix *J = NULL;
	int status, info = 0, rc = -1;

	memset(r, 0, sizeof *r);
	memset(&f, 0, sizeof f);
	f.in = in;
	f.r = r;
	f.start = (long)in->years[0].sim_start_year;
	if (prepare(in, r) || !(f.en = engine_new())
	    || !(f.work = malloc(in->nyears * sizeof *f.work))
	    || !(f.x = calloc(r->p, sizeof *f.x))) {
		err_set(e, "", 0, "", "out of memory");
		goto done;
	}
	memcpy(f.work, in->years, in->nyears * sizeof *f.work);
	/* The rows per fiscal year, from a run at the start. */
	if (run_at(&f, r->x0) != 0) {
		*e = f.e;
		goto done;
	}
	f.per_year = f.rows.rows / in->nyears;
	par.trs = gsl_multifit_nlinear_trs_lm;
	par.fdtype = GSL_MULTIFIT_NLINEAR_CTRDIFF;
	par.h_df = CALIB_H_DF;
	fdf.f = residuals;
	fdf.df = NULL;
	fdf.fvv = NULL;
	fdf.n = r->n;
	fdf.p = r->p;
	fdf.params = &f;
	if (!(w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, r->n, r->p))
	    || !(z = gsl_vector_alloc(r->p)) || !(fz = gsl_vector_alloc(r->n))
	    || !(wk = gsl_vector_alloc(r->n)) || !(J = gsl_matrix_alloc(r->n, r->p))) {
		err_set(e, "", 0, "", "out of memory");
		goto done;
	}
	for (size_t i = 0; i < r->p; i++)
		gsl_vector_set(z, i, to_z(r->x0[i], r->lo[i], r->hi[i]));
	if (gsl_multifit_nlinear_init(z, &fdf, w) != GSL_SUCCESS) {
		*e = f.e;
		goto done;
	}
	status = gsl_multifit_nlinear_driver(CALIB_MAX_ITER, CALIB_XTOL, CALIB_GTOL, 0.0, NULL,
	                                     NULL, &info, w);
	if (f.failed) {
		*e = f.e;
		goto done;
	}
	if (status != GSL_SUCCESS && status != GSL_EMAXITER && status != GSL_ENOPROG) {
		err_set(e, "", 0, "", "the solver failed: %s", gsl_strerror(status));
		goto done;
	}
	r->converged = status == GSL_SUCCESS;
	r->iter = gsl_multifit_nlinear_niter(w);
	gsl_vector_memcpy(z, gsl_multifit_nlinear_position(w));
	for (size_t i = 0; i < r->p; i++)
		r->x[i] = to_x(gsl_vector_get(z, i), r->lo[i], r->hi[i]);
	/* The Jacobian at the estimates, then the run there (kept). */
	if (residuals(z, &f, fz) != GSL_SUCCESS
	    || gsl_multifit_nlinear_df(par.h_df, par.fdtype, z, NULL, &fdf, fz, J, wk) != 0
	    || run_at(&f, r->x) != 0) {
		*e = f.e;
		goto done;
	}
	if (statistics(&f, J) != 0) {
		err_set(e, "", 0, "", "out of memory");
		goto done;
	}
	r->rows = f.rows;
	memset(&f.rows, 0, sizeof f.rows);
	rc = 0;
done:
	if (rc != 0)
		calib_result_free(r);
	gsl_multifit_nlinear_free(w);
	gsl_vector_free(z);
	gsl_vector_free(fz);
	gsl_vector_free(wk);
	gsl_matrix_free(J);
	engine_free(f.en);
	series_free(&f.rows);
	free(f.work);
	free(f.x);
	return rc;
}
