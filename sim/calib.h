/*
** calib.h: fitting parameters of a scenario to a municipality's history
** (dtsim calibrate; the method is docs/CALIBRATE.md): weighted nonlinear
** least squares by GSL's trust-region solver (gsl_multifit_nlinear,
** Levenberg-Marquardt), each parameter kept inside its range by a logistic
** map, standard errors by the delta method, and the checks that say when
** the history cannot tell the parameters apart.
*/
#ifndef DTSIM_CALIB_H
#define DTSIM_CALIB_H

#include <stddef.h>

#include "err.h"
#include "history.h"
#include "outvars.h"
#include "params.h"
#include "uncertainty.h"

/* The most iterations of the solver (each one model run per trial step,
** and 2 per parameter for the Jacobian). */
#define CALIB_MAX_ITER 200
/* The solver stops when no parameter moves by more than this share of its
** transformed value (GSL's xtol), or the gradient falls below CALIB_GTOL
** relative to the sum of squares (GSL's gtol). */
#define CALIB_XTOL 1e-12
#define CALIB_GTOL 1e-14
/* The step of the central-difference Jacobian, relative to the
** transformed parameter (GSL's h_df): about the cube root of the double
** precision. */
#define CALIB_H_DF 6e-6
/* Columns of the Jacobian that gsl_multifit_nlinear_covar drops as
** linearly dependent: a diagonal of its QR below this share of the
** largest (GSL's epsrel). */
#define CALIB_COVAR_EPSREL 1e-10
/* The warnings of docs/CALIBRATE.md 4: the condition number of the
** Jacobian with its columns scaled to length 1 above CALIB_COND_MAX, or a
** correlation of two estimates above CALIB_CORR_MAX in magnitude. */
#define CALIB_COND_MAX 1e3
#define CALIB_CORR_MAX 0.95

/* What a fit is given: the fitted parameters (u, their ranges and how
** they apply), the scenario's resolved years and the history. */
struct calib_in {
	const struct unc_set *u;
	const struct model_params *years;
	size_t nyears;
	const struct history *h;
};

/* One observation: row and column of the history, the value observed and
** fitted, its weight and column scale, its scaled residual. */
struct calib_obs {
	size_t row, col;
	double obs, fit, w, resid;
};

/* The result of a fit; arrays owned (calib_result_free). */
struct calib_result {
	size_t p, n;        /* parameters, observations */
	double *x0, *x;     /* p: start and estimates, in the parameters' units */
	double *lo, *hi;    /* p: the bounds */
	double *se;         /* p: standard errors; NaN when not estimable */
	double *corr;       /* p * p: correlations; NaN when not estimable */
	double *scale;      /* per history column: the scale of its residuals */
	struct calib_obs *o;/* n observations */
	double chi2;        /* sum of squared scaled residuals */
	size_t dof;         /* n - p */
	double rmse;        /* sqrt(chi2 / n) */
	double r2;          /* 1 - chi2 / (weighted total sum of squares); NaN
	                       when the history has no spread */
	double cond;        /* condition number of the scaled Jacobian; inf when
	                       a column is 0 */
	int identifiable;   /* 0: the warning of docs/CALIBRATE.md 4 */
	size_t iter, runs;  /* solver iterations, model runs */
	int converged;      /* 1: a tolerance was met; 0: stopped (no progress,
	                       or CALIB_MAX_ITER) */
	struct series rows; /* the run at the estimates */
};

/*
** Fits the parameters of in->u to in->h, starting from the scenario's
** values. Returns 0 with r filled (free with calib_result_free), or -1
** with e saying why: a run failed at some trial point (e holds the
** engine's message), or memory ran out. r is empty on failure.
*/
int calib_fit(const struct calib_in *in, struct calib_result *r, struct err *e);

void calib_result_free(struct calib_result *r);

#endif
