/*
** optim.c: the search of dtsim optimise (optim.h), with NLopt.
*/
#include <math.h>
#include <nlopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "optim.h"
#include "optimline.h"
#include "optimmap.h"
#include "stream.h"

/* How often the progress line is drawn, in seconds. */
#define PROGRESS_EVERY 0.25
/* The local stage stops when a step changes no variable by more than
** this (relative; the variables lie in [0, 1]). */
#define LOCAL_XTOL 1e-9

struct optim {
	const struct optim_spec *sp;
	struct model_params *base, *work;  /* nyears each; owned */
	size_t nyears;
	const struct unc_set *u;
	size_t nunc;
	double *draws;           /* robust: runs x nunc values; owned */
	size_t runs;             /* runs per point: robust_runs, or 1 */
	struct engine *en;
	struct series s;
	/* the search */
	double fscale;           /* the objective's scale for NLopt */
	double *cscale;          /* nc: each constraint's */
	double *cache_x;         /* the last point evaluated, and its point */
	struct optim_point cache;
	int cached;
	struct optim_result *r;
	long cap;                /* the evaluation budget of the search */
	int stage;
	const struct optim_opts *o;
	struct timespec t0, last;
	int oom;
};

static double seconds_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) + 1e-9 * (double)(b.tv_nsec - a->tv_nsec);
}

struct optim *optim_new(const struct optim_spec *sp, const struct model_params *years,
                        size_t nyears, const struct unc_set *u, struct err *e)
{
	struct optim *op = calloc(1, sizeof *op);
	struct stream st = { NULL };

	if (!op)
		goto oom;
	op->sp = sp;
	op->nyears = nyears;
	op->u = sp->robust_runs > 0 ? u : NULL;
	op->nunc = op->u ? unc_count(op->u) : 0;
	op->runs = sp->robust_runs > 0 ? (size_t)sp->robust_runs : 1;
	op->base = malloc(nyears * sizeof *op->base);
	op->work = malloc(nyears * sizeof *op->work);
	op->cscale = calloc(sp->nc + 1, sizeof *op->cscale);
	op->cache_x = calloc(sp->nvar + 1, sizeof *op->cache_x);
	op->en = engine_new();
	if (!op->base || !op->work || !op->cscale || !op->cache_x || !op->en)
		goto oom;
	memcpy(op->base, years, nyears * sizeof *years);
	if (op->u && op->nunc) {
		if (!(op->draws = malloc(op->runs * op->nunc * sizeof *op->draws)) ||
		    stream_init(&st) != 0)
			goto oom;
		for (size_t i = 0; i < op->nunc; i++) {
			uint64_t id = stream_id(unc_name(op->u, i));
			for (size_t r = 0; r < op->runs; r++) {
				stream_seed(&st, sp->seed, r, id);
				op->draws[r * op->nunc + i] = unc_quantile(op->u, i, stream_uniform(&st));
			}
		}
		stream_release(&st);
	}
	return op;
oom:
	stream_release(&st);
	optim_free(op);
	err_set(e, "", 0, "", "out of memory");
	return NULL;
}

void optim_point_free(struct optim_point *pt)
{
	if (!pt)
		return;
	free(pt->x);
	free(pt->value);
	free(pt->margin);
	free(pt->year);
	memset(pt, 0, sizeof *pt);
}

void optim_free(struct optim *op)
{
	if (!op)
		return;
	free(op->base);
	free(op->work);
	free(op->draws);
	free(op->cscale);
	free(op->cache_x);
	optim_point_free(&op->cache);
	engine_free(op->en);
	series_free(&op->s);
	free(op);
}

const struct model_params *optim_years(struct optim *op, const double *x)
{
	memcpy(op->work, op->base, op->nyears * sizeof *op->work);
	optimmap_apply(op->sp, x, op->work, op->nyears);
	return op->work;
}

/* The value of constraint k in the run just made (op->s, KPIs kp) and the
** year it is taken from: a KPI (an empty one counts as the year after the
** horizon), a column's row of by_year, or its worst row. */
static double measure(const struct optim *op, const struct optim_constraint *k,
                      const struct summary *kp, int *year)
{
	const struct series *s = &op->s;
	double step = op->base[0].sim_report_step, worst = NAN;
	size_t per = (size_t)lround(1 / step);

	*year = (int)op->sp->end_year;
	if (k->kpi) {
		double v = kp->v[k->index];
		return v == v ? v : (double)(op->sp->end_year + 1);
	}
	if (!k->every_year) {
		size_t row = (size_t)(k->by_year - op->sp->start_year + 1) * per - 1;
		*year = (int)k->by_year;
		return row < s->rows ? s->v[row * s->cols + (size_t)k->index] : NAN;
	}
	for (size_t i = 0; i < s->rows; i++) {
		double v = s->v[i * s->cols + (size_t)k->index];
		if (worst != worst || (k->relation == OPT_LE ? v > worst : v < worst)) {
			worst = v;
			*year = (int)(op->sp->start_year + (long)(i / per));
		}
	}
	return worst;
}

/* The margin of value for constraint k: >= 0 when met. */
static double margin_of(const struct optim_constraint *k, double v)
{
	return k->relation == OPT_LE ? k->bound - v : v - k->bound;
}

/* Allocates pt's arrays for op. -1 when memory runs out. */
static int point_alloc(const struct optim *op, struct optim_point *pt)
{
	size_t nc = op->sp->nc + 1;

	memset(pt, 0, sizeof *pt);
	pt->x = calloc(op->sp->nvar + 1, sizeof *pt->x);
	pt->value = calloc(nc, sizeof *pt->value);
	pt->margin = calloc(nc, sizeof *pt->margin);
	pt->year = calloc(nc, sizeof *pt->year);
	if (!pt->x || !pt->value || !pt->margin || !pt->year) {
		optim_point_free(pt);
		return -1;
	}
	return 0;
}

/* 1 when constraint c is met by the value v of one run. */
static int met_by(const struct optim_spec *sp, const struct optim_constraint *c, double v)
{
	return margin_of(c, v) >= -sp->tol * fmax(1, fabs(c->bound));
}

/*
** Runs the model at x with the draws of run r (r < 0, or no uncertain
** parameters: without draws): kp gets its KPIs, v[0..nc) each
** constraint's measure and year[0..nc) the year it is taken from.
** Counts the run in op->r when a search is on. Returns 0, or -1 when the
** run failed (a stock out of its range, an objective or a measure that is
** not a number).
*/
static int run_at(struct optim *op, const double *x, long r, struct summary *kp, double *v,
                  int *year)
{
	const struct optim_spec *sp = op->sp;
	struct err e;

	memcpy(op->work, op->base, op->nyears * sizeof *op->work);
	if (r >= 0 && op->draws &&
	    unc_apply(op->u, op->draws + (size_t)r * op->nunc, op->work, op->nyears))
		return -1;
	optimmap_apply(sp, x, op->work, op->nyears);
	if (op->r)
		op->r->runs++;
	if (engine_run(op->en, op->work, op->nyears, &op->s, &e) != 0 ||
	    summary_compute(&op->s, &op->work[0], kp) != 0 || !isfinite(kp->v[sp->objective]))
		return -1;
	for (size_t k = 0; k < sp->nc; k++) {
		v[k] = measure(op, &sp->c[k], kp, &year[k]);
		if (isnan(v[k]))
			return -1;
	}
	return 0;
}

int optim_evaluate(struct optim *op, const double *x, struct optim_point *pt)
{
	const struct optim_spec *sp = op->sp;
	double fsum = 0, *v = calloc(sp->nc + 1, sizeof *v);
	int failed = 0;

	if (!v || point_alloc(op, pt)) {
		free(v);
		return -1;
	}
	memcpy(pt->x, x, sp->nvar * sizeof *x);
	for (size_t r = 0; r < op->runs && !failed; r++) {
		struct summary kp;

		if (run_at(op, x, (long)r, &kp, v, pt->year) != 0) {
			failed = 1;
			break;
		}
		fsum += kp.v[sp->objective];
		if (r == 0 && !op->draws)
			pt->kpi = kp;
		for (size_t k = 0; k < sp->nc; k++) {
			const struct optim_constraint *c = &sp->c[k];
			if (c->probability == c->probability)
				pt->value[k] += met_by(sp, c, v[k]);
			else
				pt->value[k] += v[k];
		}
	}
	free(v);
	if (failed) {
		if (op->r)
			op->r->failed++;
		pt->f = NAN;
		pt->viol = INFINITY;
		pt->feasible = 0;
		for (size_t k = 0; k < sp->nc; k++) {
			pt->value[k] = NAN;
			pt->margin[k] = -INFINITY;
		}
		return 0;
	}
	pt->f = fsum / (double)op->runs;
	pt->viol = 0;
	pt->feasible = 1;
	for (size_t k = 0; k < sp->nc; k++) {
		const struct optim_constraint *c = &sp->c[k];
		double scale;
		pt->value[k] /= (double)op->runs;
		if (c->probability == c->probability) {
			pt->margin[k] = pt->value[k] - c->probability;
			scale = 1;
		} else {
			pt->margin[k] = margin_of(c, pt->value[k]);
			scale = fmax(1, fabs(c->bound));
		}
		if (-pt->margin[k] / scale > pt->viol)
			pt->viol = -pt->margin[k] / scale;
		if (pt->margin[k] < -sp->tol * scale)
			pt->feasible = 0;
	}
	return 0;
}

void optim_draws_free(struct optim_draws *d)
{
	if (!d)
		return;
	free(d->nominal_value);
	free(d->kpi);
	free(d->ok);
	free(d->value);
	free(d->met);
	memset(d, 0, sizeof *d);
}

int optim_draws(struct optim *op, const double *x, struct optim_draws *d)
{
	const struct optim_spec *sp = op->sp;
	size_t nc = sp->nc, m = sp->robust_runs > 0 ? op->runs : 0;
	int *year = calloc(nc + 1, sizeof *year);

	memset(d, 0, sizeof *d);
	d->runs = m;
	d->nc = nc;
	d->nominal_value = calloc(nc + 1, sizeof *d->nominal_value);
	d->kpi = calloc(m + 1, sizeof *d->kpi);
	d->ok = calloc(m + 1, sizeof *d->ok);
	d->value = calloc(m * nc + 1, sizeof *d->value);
	d->met = calloc(m * nc + 1, sizeof *d->met);
	if (!year || !d->nominal_value || !d->kpi || !d->ok || !d->value || !d->met) {
		free(year);
		optim_draws_free(d);
		return -1;
	}
	for (size_t r = 0; r < m; r++) {
		double *v = d->value + r * nc;

		d->ok[r] = run_at(op, x, (long)r, &d->kpi[r], v, year) == 0;
		for (size_t k = 0; k < nc; k++) {
			if (!d->ok[r])
				v[k] = NAN;
			d->met[r * nc + k] = d->ok[r] && met_by(sp, &sp->c[k], v[k]);
		}
		for (size_t k = 0; !d->ok[r] && k < KPI_COUNT; k++)
			d->kpi[r].v[k] = NAN;
	}
	d->nominal_ok = run_at(op, x, -1, &d->nominal, d->nominal_value, year) == 0;
	free(year);
	return d->nominal_ok ? 0 : 1;
}

/* 1 when a is better than b (b may be empty: x NULL). */
static int better(const struct optim_spec *sp, const struct optim_point *a,
                  const struct optim_point *b)
{
	if (!b->x)
		return 1;
	if (a->feasible != b->feasible)
		return a->feasible;
	if (!a->feasible)
		return a->viol < b->viol;
	return sp->sense == OPT_MAX ? a->f > b->f : a->f < b->f;
}

/* Copies the point a into b (b's arrays allocated as for op). */
static int point_copy(const struct optim *op, const struct optim_point *a,
                      struct optim_point *b)
{
	const struct optim_spec *sp = op->sp;

	if (!b->x && point_alloc(op, b))
		return -1;
	memcpy(b->x, a->x, sp->nvar * sizeof *a->x);
	memcpy(b->value, a->value, sp->nc * sizeof *a->value);
	memcpy(b->margin, a->margin, sp->nc * sizeof *a->margin);
	memcpy(b->year, a->year, sp->nc * sizeof *a->year);
	b->f = a->f;
	b->viol = a->viol;
	b->feasible = a->feasible;
	b->kpi = a->kpi;
	return 0;
}

/* Draws the progress line. */
static void progress(struct optim *op, int last)
{
	const struct optim_point *b = &op->r->best;

	if (!op->o->progress || (!last && seconds_since(&op->last) < PROGRESS_EVERY))
		return;
	clock_gettime(CLOCK_MONOTONIC, &op->last);
	fprintf(op->o->progress, "\rdtsim: optimise %s [%s] %ld/%ld evaluations, best %.6g%s   ",
	        op->o->label ? op->o->label : "", op->stage == 1 ? "global" : "local",
	        op->r->evals, op->cap, b->f, b->feasible ? "" : " (infeasible)");
	if (last)
		fputc('\n', op->o->progress);
	fflush(op->o->progress);
}

/* The point x evaluated, from the cache when it was the last one; counts
** and logs a new evaluation. NULL when memory runs out. */
static const struct optim_point *at(struct optim *op, const double *x)
{
	const struct optim_spec *sp = op->sp;
	struct optim_result *r = op->r;
	struct optim_log *lg;

	if (op->cached && memcmp(x, op->cache_x, sp->nvar * sizeof *x) == 0)
		return &op->cache;
	optim_point_free(&op->cache);
	op->cached = 0;
	if (optim_evaluate(op, x, &op->cache) != 0) {
		op->oom = 1;
		return NULL;
	}
	memcpy(op->cache_x, x, sp->nvar * sizeof *x);
	op->cached = 1;
	if (better(sp, &op->cache, &r->best) && point_copy(op, &op->cache, &r->best)) {
		op->oom = 1;
		return NULL;
	}
	lg = &r->log[r->evals++];
	lg->eval = r->evals;
	lg->stage = op->stage;
	lg->f = op->cache.f;
	lg->viol = op->cache.viol;
	lg->best = r->best.feasible ? r->best.f : NAN;
	progress(op, 0);
	return &op->cache;
}

/* NLopt's objective: the KPI, signed to be minimised and scaled. */
static double objective(unsigned n, const double *x, double *grad, void *data)
{
	struct optim *op = data;
	const struct optim_point *pt;

	(void)n;
	(void)grad;
	if (op->r->evals >= op->cap && !(op->cached &&
	    memcmp(x, op->cache_x, op->sp->nvar * sizeof *x) == 0)) {
		return OPTIM_FAILED_PENALTY;
	}
	if (!(pt = at(op, x)) || pt->f != pt->f)
		return OPTIM_FAILED_PENALTY;
	return (op->sp->sense == OPT_MAX ? -pt->f : pt->f) / op->fscale;
}

/* NLopt's constraints: result[k] <= 0 when constraint k is met. */
static void constraints(unsigned m, double *result, unsigned n, const double *x,
                        double *grad, void *data)
{
	struct optim *op = data;
	const struct optim_point *pt = NULL;

	(void)n;
	(void)grad;
	if (op->r->evals < op->cap || (op->cached &&
	    memcmp(x, op->cache_x, op->sp->nvar * sizeof *x) == 0))
		pt = at(op, x);
	for (unsigned k = 0; k < m; k++)
		result[k] = pt && pt->margin[k] == pt->margin[k] && isfinite(pt->margin[k])
		            ? -pt->margin[k] / op->cscale[k] : OPTIM_FAILED_PENALTY;
}

/* Runs one NLopt stage with algorithm alg from x (changed to NLopt's
** result) for at most evals evaluations. Returns NLopt's code, or
** NLOPT_OUT_OF_MEMORY / NLOPT_FAILURE. */
static int stage(struct optim *op, nlopt_algorithm alg, double *x, long evals)
{
	const struct optim_spec *sp = op->sp;
	nlopt_opt opt = nlopt_create(alg, (unsigned)sp->nvar);
	double *lb = calloc(sp->nvar, sizeof *lb), *ub = malloc(sp->nvar * sizeof *ub);
	double *tol = calloc(sp->nc + 1, sizeof *tol), f;
	int rc = NLOPT_OUT_OF_MEMORY;

	if (!opt || !lb || !ub || !tol)
		goto done;
	for (size_t i = 0; i < sp->nvar; i++)
		ub[i] = 1;
	op->cap = op->r->evals + evals;
	if (nlopt_set_lower_bounds(opt, lb) < 0 || nlopt_set_upper_bounds(opt, ub) < 0 ||
	    nlopt_set_min_objective(opt, objective, op) < 0 ||
	    (sp->nc && nlopt_add_inequality_mconstraint(opt, (unsigned)sp->nc, constraints,
	                                                op, tol) < 0) ||
	    nlopt_set_maxeval(opt, (int)(evals > INT32_MAX ? INT32_MAX : evals)) < 0 ||
	    (alg == NLOPT_LN_COBYLA && nlopt_set_xtol_rel(opt, LOCAL_XTOL) < 0)) {
		rc = NLOPT_FAILURE;
		goto done;
	}
	rc = nlopt_optimize(opt, x, &f);
done:
	nlopt_destroy(opt);
	free(lb);
	free(ub);
	free(tol);
	return rc;
}

int optim_solve(struct optim *op, const struct optim_opts *o, struct optim_result **out,
                struct err *e)
{
	const struct optim_spec *sp = op->sp;
	struct optim_result *r = calloc(1, sizeof *r);
	long budget = sp->max_evals, global;
	double *x = calloc(sp->nvar + 1, sizeof *x);
	const struct optim_point *pt;

	*out = NULL;
	if (!r || !x || !(r->log = calloc((size_t)budget + 1, sizeof *r->log)))
		goto oom;
	op->r = r;
	op->o = o;
	op->cached = 0;
	clock_gettime(CLOCK_MONOTONIC, &op->t0);
	op->last = op->t0;
	op->last.tv_sec -= 1;
	/* The start: the scenario as written; it sets the scales. */
	optimmap_start(sp, op->base, x);
	op->stage = 0;
	op->cap = budget;
	if (!(pt = at(op, x)) || point_copy(op, pt, &r->start))
		goto oom;
	op->fscale = pt->f == pt->f && fabs(pt->f) > 1 ? fabs(pt->f) : 1;
	for (size_t k = 0; k < sp->nc; k++)
		op->cscale[k] = sp->c[k].probability == sp->c[k].probability ? 1 :
		                fmax(1, fabs(sp->c[k].bound));
	budget--;
	global = sp->method == OPT_ISRES ? budget : sp->method == OPT_COBYLA ? 0 :
	         (long)floor(sp->global_share * (double)budget);
	if (global > 0) {
		op->stage = 1;
		nlopt_srand(sp->seed);
		r->status_global = stage(op, NLOPT_GN_ISRES, x, global);
		if (op->oom)
			goto oom;
	}
	if (budget - (r->evals - 1) > 0 && sp->method != OPT_ISRES) {
		op->stage = 2;
		memcpy(x, r->best.x, sp->nvar * sizeof *x);
		r->status_local = stage(op, NLOPT_LN_COBYLA, x, budget - (r->evals - 1));
		if (op->oom)
			goto oom;
	}
	progress(op, 1);
	free(x);
	op->r = NULL;
	*out = r;
	return 0;
oom:
	op->r = NULL;
	free(x);
	optim_result_free(r);
	return err_set(e, "", 0, "", "out of memory");
}

void optim_result_free(struct optim_result *r)
{
	if (!r)
		return;
	optim_point_free(&r->best);
	optim_point_free(&r->start);
	free(r->log);
	free(r);
}
