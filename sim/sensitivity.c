/*
** sensitivity.c: one-at-a-time sensitivity (sensitivity.h).
**
** Which parameters take part: every parameter of kind REAL or INT in the
** registry, except
**   - simulation control (section sim: horizon, step, tolerances);
**   - calendar years (unit "year": mandate.start_year, a grant's
**     first_year, ...): a relative change of a date has no meaning;
**   - switches (INT from 0 to 1, mandate.active);
**   - thresholds that only a report reads (PF_REPORT: legacy.target_share);
**   - schedule.KEY unless some year of the scenario schedules money for
**     that domain, and the keys of named sections ([grant.NAME], ...) but
**     those of the sections the scenario has, one entry per section.
** Choices, sets and texts are not numbers and never take part.
**
** How a parameter is varied (SENS_SCALED): its value in every fiscal year
** is multiplied by 1 - h (low) and 1 + h (high), so that year blocks keep
** their proportions. A step that would take a year's value out of the
** registry's range is cut to the bound (the step is then shorter, and said
** so); at a bound that side is not run and the difference is one-sided. A
** value that is auto does not take part: it is derived again, in every run,
** from what it follows (municipality.inhabitants and the figures per
** inhabitant, models/profile.c), which take part; a key that is auto in
** some years and set in others (a year block) is varied in the years that
** set it. An
** INT value moves to the nearest whole number, at least by 1. A parameter
** that is 0 in every year has no elasticity (SENS_FROM_ZERO): it is raised
** to h x |its default| alone, so that the KPIs at that value show what it
** does; with a default of 0 too it is not varied (SENS_FIXED). The default
** of a key whose default is auto is what auto derives to in the scenario.
**
** The allocation shares sum to 1 in every year: varying one share scales
** the others of the same year by (1 - s') / (1 - s), so money moves
** between this domain and all the others in proportion. A share cannot
** fall in a year whose other shares are all 0 (SENS_NO_ROOM).
**
** A varied scenario must pass the rules between keys (the step rule, a
** loan's grace years below its term, ...): a side that breaks one is not
** run (SENS_REFUSED), as at a bound.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "profile.h"
#include "sensitivity.h"

/* ---- the lists of sensitivity.def ----------------------------------------------- */

#define SENS_KPI(name) KPI_##name,
#define SENS_DECISION(id)
#define SENS_DECISION_FLAG(flag)
#define SENS_DECISION_NAMED(k)
const enum kpi sens_default_kpis[] = {
#include "sensitivity.def"
};
#undef SENS_KPI
#undef SENS_DECISION
#undef SENS_DECISION_FLAG
#undef SENS_DECISION_NAMED
const size_t sens_default_kpi_count = sizeof sens_default_kpis / sizeof sens_default_kpis[0];

/* 1 when d is a decision of sensitivity.def (for every slot of a named key). */
static int is_decision(const struct param_def *d)
{
#define SENS_KPI(name)
#define SENS_DECISION(id) if (d == PARAM_DEF(id)) return 1;
#define SENS_DECISION_FLAG(flag) if (d->flags & (flag)) return 1;
#define SENS_DECISION_NAMED(k) \
	if ((d->flags & PF_NAMED) && params_named_kind(d->section) == (int)(k)) return 1;
#include "sensitivity.def"
#undef SENS_KPI
#undef SENS_DECISION
#undef SENS_DECISION_FLAG
#undef SENS_DECISION_NAMED
	return 0;
}

/* ---- the handle ------------------------------------------------------------------ */

struct sens {
	const struct scenario *sc;
	const struct model_params *years;  /* the scenario's, not owned */
	size_t nyears;
	double step;
	struct sens_param *param;
	size_t n;
	struct summary base;
	struct engine *en;
	struct model_params *work;  /* nyears records: the years being run */
	struct series rows;
};

/* The value of parameter x (its slot) in the fiscal year p. */
static double value_in(const struct model_params *p, const struct sens_param *x)
{
	return params_cslot(p, x->def)[x->slot];
}

static double *slot_in(struct model_params *p, const struct sens_param *x)
{
	return &params_slot(p, x->def)[x->slot];
}

/* 1 when d is a number that a relative step can vary (the header above). */
static int takes_part(const struct param_def *d)
{
	if (d->kind != PK_REAL && d->kind != PK_INT)
		return 0;
	if (strcmp(d->section, "sim") == 0 || strcmp(d->unit, "year") == 0
	    || (d->flags & PF_REPORT))
		return 0;
	return !(d->kind == PK_INT && d->min == 0 && d->max == 1);
}

/*
** The default of x that a parameter at 0 is raised from (SENS_FROM_ZERO):
** the registry's, or for a key whose default is auto, what auto derives to
** in the scenario's first year (models/profile.c), the value the scenario
** would have had without setting it. NaN never: an auto that derives to
** nothing usable counts as 0.
*/
static double default_of(const struct sens *s, const struct sens_param *x)
{
	struct model_params p;
	double v;

	if (!params_is_auto(x->def->def))
		return x->def->def;
	p = s->years[0];
	*slot_in(&p, x) = PARAMS_AUTO;
	profile_derive(&p, NULL);
	v = value_in(&p, x);
	return isfinite(v) ? v : 0;
}

/* Appends parameter d (slot) to s->param, which has room for it, unless it
** is a schedule key that no year uses. */
static void add_param(struct sens *s, const struct param_def *d, size_t slot)
{
	struct sens_param *x = &s->param[s->n];
	int nonzero = 0;
	char inst[PARAMS_NAME_LEN];

	memset(x, 0, sizeof *x);
	x->def = d;
	x->slot = slot;
	x->base = NAN;
	for (size_t y = 0; y < s->nyears; y++) {
		double v = value_in(&s->years[y], x);

		/* An auto value is varied through what it is derived from; a
		** key auto in some years and set in others (a year block) is
		** varied in the years that set it. */
		if (params_is_auto(v))
			continue;
		if (isnan(x->base))
			x->base = v;
		nonzero |= v != 0;
	}
	if (isnan(x->base) || ((d->flags & PF_SCHEDULE) && !nonzero))
		return;
	s->n++;
	if (d->flags & PF_NAMED) {
		scenario_named_name(s->sc, (enum params_named)params_named_kind(d->section), slot, inst);
		snprintf(x->name, sizeof x->name, "%s.%s.%s", d->section, inst, d->key);
	} else {
		snprintf(x->name, sizeof x->name, "%s", d->name);
	}
	x->decision = is_decision(d);
	x->mode = nonzero ? SENS_SCALED : default_of(s, x) != 0 ? SENS_FROM_ZERO : SENS_FIXED;
	for (int k = 0; k < 2; k++) {
		x->side[k].status = SENS_PENDING;
		x->side[k].value = NAN;
		x->side[k].rel = NAN;
	}
}

/* The slots of d in use in p that take part: 1, or a named section's
** count, or 0 when d does not take part. */
static size_t slots_of(const struct param_def *d, const struct model_params *p)
{
	if (!takes_part(d))
		return 0;
	return d->flags & PF_NAMED ? p->named_count[params_named_kind(d->section)] : 1;
}

/* The slots of every parameter that take part in p. */
static size_t slots(const struct model_params *p)
{
	size_t n = 0;

	for (size_t i = 0; i < params_count; i++)
		n += slots_of(&params_table[i], p);
	return n;
}

/* Replaces the auto values of years[0..n-1] by their derived values, as
** scenario_resolve does (models/profile.c). */
static void derive(struct model_params *years, size_t n)
{
	for (size_t y = 0; y < n; y++)
		profile_derive(&years[y], y ? &years[0] : NULL);
}

/* Runs s->work into *out. Returns 0, or -1 with e. */
static int run_work(struct sens *s, struct summary *out, struct err *e)
{
	if (engine_run(s->en, s->work, s->nyears, &s->rows, e) != 0)
		return -1;
	if (summary_compute(&s->rows, &s->work[0], out) != 0)
		return err_set(e, "", 0, "", "the run produced no rows");
	return 0;
}

int sens_new(const struct scenario *sc, const struct model_params *years, size_t nyears,
             double step, struct sens **out, struct err *e)
{
	struct sens *s;

	*out = NULL;
	if (!(step > 0 && step <= SENS_STEP_MAX))
		return err_set(e, "", 0, "step", "the step %g is out of range; allowed: above 0"
		               " and at most %g", step, SENS_STEP_MAX);
	if (nyears == 0)
		return err_set(e, "", 0, "", "the scenario has no fiscal year");
	s = calloc(1, sizeof *s);
	if (!s)
		return err_set(e, "", 0, "", "out of memory");
	s->sc = sc;
	s->years = years;
	s->nyears = nyears;
	s->step = step;
	s->en = engine_new();
	s->work = malloc(nyears * sizeof *s->work);
	/* Room for every slot in use of every parameter that takes part. */
	s->param = malloc((slots(&years[0]) + 1) * sizeof *s->param);
	if (!s->en || !s->work || !s->param) {
		sens_free(s);
		return err_set(e, "", 0, "", "out of memory");
	}
	for (size_t i = 0; i < params_count; i++)
		for (size_t j = 0; j < slots_of(&params_table[i], &years[0]); j++)
			add_param(s, &params_table[i], j);
	memcpy(s->work, years, nyears * sizeof *s->work);
	derive(s->work, nyears);
	if (run_work(s, &s->base, e) != 0) {
		sens_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void sens_free(struct sens *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		for (int k = 0; k < 2; k++)
			free(s->param[i].side[k].why);
	free(s->param);
	engine_free(s->en);
	free(s->work);
	series_free(&s->rows);
	free(s);
}

size_t sens_count(const struct sens *s)
{
	return s->n;
}

const struct sens_param *sens_param(const struct sens *s, size_t i)
{
	return &s->param[i];
}

const struct summary *sens_base(const struct sens *s)
{
	return &s->base;
}

double sens_step(const struct sens *s)
{
	return s->step;
}

/* ---- the variation of one parameter ------------------------------------------------ */

/*
** The relative change of side d of a scaled REAL parameter: -/+ h, cut so
** that every year's value v + v r stays within [min, max] (a value v > 0
** allows r up to max / v - 1, a value below 0 up to min / v - 1). Sets
** *clipped when cut. A value moves by v r, not to v (1 + r), so that
** 15000000 +10 % is 16500000, not 16500000.000000002.
*/
static double real_rel(const struct sens *s, const struct sens_param *x, enum sens_dir d,
                       int *clipped)
{
	double want = d == SENS_HIGH ? s->step : -s->step, r = want;

	for (size_t y = 0; y < s->nyears; y++) {
		double v = value_in(&s->years[y], x);
		double lo, hi;

		if (v == 0 || params_is_auto(v))
			continue;
		lo = (v > 0 ? x->def->min : x->def->max) / v - 1;
		hi = (v > 0 ? x->def->max : x->def->min) / v - 1;
		r = d == SENS_HIGH ? fmin(r, hi) : fmax(r, lo);
	}
	*clipped = r != want;
	return r;
}

/*
** The value of side d of a scaled INT parameter whose first-year value is
** v: v (1 -/+ h) to the nearest whole number, at least 1 away from v (in
** size: up is away from 0), within [min, max].
*/
static double int_value(const struct sens *s, const struct sens_param *x, enum sens_dir d,
                        double v, int *clipped)
{
	double want = round(v * (d == SENS_HIGH ? 1 + s->step : 1 - s->step));
	double away = (d == SENS_HIGH) == (v > 0) ? 1 : -1;

	if (fabs(want - v) < 1)
		want = v + away;
	*clipped = want < x->def->min || want > x->def->max;
	return fmin(fmax(want, x->def->min), x->def->max);
}

/* Sets every year of out to side d of x (status decided by the caller):
** the value, and for a share the other shares of the year scaled. Returns
** 0, or -1 when a share has no room (every other share 0). */
static int apply_side(const struct sens *s, const struct sens_param *x, enum sens_dir d,
                      struct model_params *out)
{
	const struct sens_side *sd = &x->side[d];

	memcpy(out, s->years, s->nyears * sizeof *out);
	for (size_t y = 0; y < s->nyears; y++) {
		double v = value_in(&s->years[y], x), nv;

		if (params_is_auto(v))   /* derived below from what it follows */
			continue;
		if (x->mode == SENS_FROM_ZERO)
			nv = sd->value;
		else if (x->def->kind == PK_INT)
			nv = round(v + v * sd->rel);
		else
			nv = v + v * sd->rel;
		nv = fmin(fmax(nv, x->def->min), x->def->max);
		*slot_in(&out[y], x) = nv;
		if (!(x->def->flags & PF_SHARE) || nv == v)
			continue;
		if (1 - v <= 0)
			return -1;
		for (size_t j = 0; j < params_count; j++) {
			const struct param_def *o = &params_table[j];

			if ((o->flags & PF_SHARE) && o != x->def)
				params_slot(&out[y], o)[0] *= (1 - nv) / (1 - v);
		}
	}
	derive(out, s->nyears);
	return 0;
}

/* Decides side d of x: its value and relative change, or why it has none. */
static void plan_side(const struct sens *s, struct sens_param *x, enum sens_dir d)
{
	struct sens_side *sd = &x->side[d];
	double v = x->base;

	if (x->mode == SENS_FIXED || (x->mode == SENS_FROM_ZERO && d == SENS_LOW)) {
		sd->status = SENS_NOT_VARIED;
		return;
	}
	if (x->mode == SENS_FROM_ZERO) {
		double z = s->step * fabs(default_of(s, x));

		if (x->def->kind == PK_INT)
			z = fmax(1, round(z));
		sd->clipped = z > x->def->max;
		sd->value = fmin(z, x->def->max);
		if (sd->value <= 0)
			sd->status = SENS_AT_BOUND;
		return;
	}
	if (x->def->kind == PK_INT && v != 0) {
		sd->value = int_value(s, x, d, v, &sd->clipped);
		sd->rel = (sd->value - v) / v;
	} else {
		sd->rel = real_rel(s, x, d, &sd->clipped);
		sd->value = fmin(fmax(v + v * sd->rel, x->def->min), x->def->max);
	}
	if (d == SENS_HIGH ? sd->rel <= 0 : sd->rel >= 0)
		sd->status = SENS_AT_BOUND;
}

int sens_vary(const struct sens *s, size_t i, enum sens_dir d, struct model_params *out)
{
	const struct sens_param *x = &s->param[i];
	enum sens_status st = x->side[d].status;

	if (st != SENS_RAN && st != SENS_FAILED && st != SENS_REFUSED)
		return -1;
	return apply_side(s, x, d, out);
}

/* Plans, checks and runs side d of parameter i. Returns 1 when its run
** failed, else 0. */
static int run_side(struct sens *s, size_t i, enum sens_dir d)
{
	struct sens_param *x = &s->param[i];
	struct sens_side *sd = &x->side[d];
	struct err e;

	free(sd->why);
	sd->why = NULL;
	sd->status = SENS_PENDING;
	plan_side(s, x, d);
	if (sd->status != SENS_PENDING)
		return 0;
	if (apply_side(s, x, d, s->work) != 0) {
		sd->status = SENS_NO_ROOM;
		return 0;
	}
	err_clear(&e);
	if (scenario_check_years(s->sc, s->work, s->nyears, &e) != 0) {
		sd->status = SENS_REFUSED;
		sd->why = strdup(e.msg);
		return 0;
	}
	err_clear(&e);
	if (run_work(s, &sd->kpi, &e) != 0) {
		sd->status = SENS_FAILED;
		sd->why = strdup(e.msg);
		return 1;
	}
	sd->status = SENS_RAN;
	return 0;
}

int sens_run(struct sens *s, size_t i)
{
	return run_side(s, i, SENS_LOW) + run_side(s, i, SENS_HIGH);
}

/* ---- elasticities -------------------------------------------------------------------- */

/* What KPI k measures, for the formula: a calendar year becomes the time
** from the start to the end of that year. NaN stays NaN. */
static double measure(const struct sens *s, enum kpi k, double v)
{
	if (strcmp(summary_kpis[k].unit, "year") == 0)
		return v - s->years[0].sim_start_year + 1;
	return v;
}

/* Why an elasticity is empty, or how it was computed. */
enum why {
	W_CENTRAL, W_ONE_SIDED, W_FIXED, W_ZERO_PARAM, W_KPI_NONE, W_KPI_ZERO, W_NO_SIDE,
	W_NOT_FINITE
};

/* 1 when side d of x ran and has a value of KPI k. */
static int usable(const struct sens_param *x, enum sens_dir d, enum kpi k)
{
	return x->side[d].status == SENS_RAN && !isnan(x->side[d].kpi.v[k]);
}

/* The elasticity and why it is what it is. */
static double elasticity(const struct sens *s, size_t i, enum kpi k, enum why *why)
{
	const struct sens_param *x = &s->param[i];
	double kb = measure(s, k, s->base.v[k]), klo, khi, rlo, rhi, e;
	int lo = usable(x, SENS_LOW, k), hi = usable(x, SENS_HIGH, k);

	if (x->mode == SENS_FIXED)
		return *why = W_FIXED, NAN;
	if (x->mode == SENS_FROM_ZERO)
		return *why = W_ZERO_PARAM, NAN;
	if (isnan(kb))
		return *why = W_KPI_NONE, NAN;
	if (kb == 0)
		return *why = W_KPI_ZERO, NAN;
	if (!lo && !hi)
		return *why = W_NO_SIDE, NAN;
	klo = lo ? measure(s, k, x->side[SENS_LOW].kpi.v[k]) : kb;
	khi = hi ? measure(s, k, x->side[SENS_HIGH].kpi.v[k]) : kb;
	rlo = lo ? x->side[SENS_LOW].rel : 0;
	rhi = hi ? x->side[SENS_HIGH].rel : 0;
	e = ((khi - klo) / fabs(kb)) / (rhi - rlo);
	if (!isfinite(e))
		return *why = W_NOT_FINITE, NAN;
	*why = lo && hi ? W_CENTRAL : W_ONE_SIDED;
	return e;
}

double sens_elasticity(const struct sens *s, size_t i, enum kpi k)
{
	enum why why;

	return elasticity(s, i, k, &why);
}

/* Appends "; " unless b is empty. */
static void sep(struct strbuf *b)
{
	if (b->len)
		strbuf_add(b, "; ", 2);
}

/* Appends what became of side d of x, when that is worth saying for KPI
** k; with kpi_gaps, also that the side's run has no value of k. */
static void side_note(const struct sens_param *x, enum sens_dir d, enum kpi k, int kpi_gaps,
                      struct strbuf *b)
{
	const struct sens_side *sd = &x->side[d];
	const char *name = d == SENS_LOW ? "low" : "high";

	switch (sd->status) {
	case SENS_RAN:
		if (sd->clipped) {
			sep(b);
			strbuf_printf(b, "%s cut to the %s end of the range", name,
			              d == SENS_LOW ? "lower" : "upper");
		}
		if (kpi_gaps && isnan(sd->kpi.v[k])) {
			sep(b);
			strbuf_printf(b, "%s: no value of %s", name, summary_kpis[k].name);
		}
		break;
	case SENS_FAILED:
		sep(b);
		strbuf_printf(b, "%s run failed: %s", name, sd->why ? sd->why : "out of memory");
		break;
	case SENS_AT_BOUND:
		sep(b);
		strbuf_printf(b, "%s not run: at the %s end of the range", name,
		              d == SENS_LOW ? "lower" : "upper");
		break;
	case SENS_REFUSED:
		sep(b);
		strbuf_printf(b, "%s not run: %s", name, sd->why ? sd->why : "out of memory");
		break;
	case SENS_NO_ROOM:
		sep(b);
		strbuf_printf(b, "%s not run: every other share is 0", name);
		break;
	case SENS_PENDING:
		sep(b);
		strbuf_printf(b, "%s not run yet", name);
		break;
	case SENS_NOT_VARIED:
		break;
	}
}

void sens_note(const struct sens *s, size_t i, enum kpi k, struct strbuf *b)
{
	const struct sens_param *x = &s->param[i];
	enum why why;

	elasticity(s, i, k, &why);
	switch (why) {
	case W_FIXED:
		sep(b);
		strbuf_printf(b, "0 in the scenario and by default: not varied");
		return;
	case W_ZERO_PARAM:
		sep(b);
		strbuf_printf(b, "0 in the scenario: no elasticity; high is step x |default|");
		break;
	case W_KPI_NONE:
		sep(b);
		strbuf_printf(b, "%s has no value in the scenario's run", summary_kpis[k].name);
		break;
	case W_KPI_ZERO:
		sep(b);
		strbuf_printf(b, "%s is 0 in the scenario's run: no elasticity",
		              summary_kpis[k].name);
		break;
	case W_NO_SIDE:
		sep(b);
		strbuf_printf(b, "no side ran with a value of %s", summary_kpis[k].name);
		break;
	case W_NOT_FINITE:
		sep(b);
		strbuf_printf(b, "the quotient is not a finite number");
		break;
	case W_ONE_SIDED:
		sep(b);
		strbuf_printf(b, "one-sided");
		break;
	case W_CENTRAL:
		break;
	}
	/* Without a value in the scenario's run, a side's lack of one is no news. */
	side_note(x, SENS_LOW, k, why != W_KPI_NONE, b);
	side_note(x, SENS_HIGH, k, why != W_KPI_NONE, b);
}

/* 1 when elasticity a ranks strictly before b: the larger size first, an
** elasticity before none. */
static int ranks_before(double a, double b)
{
	if (isnan(a))
		return 0;
	return isnan(b) || fabs(a) > fabs(b);
}

/* Insertion sort: stable (a parameter moves only past those it strictly
** beats), and a few hundred parameters sort at once. */
void sens_order(const struct sens *s, enum kpi k, size_t *order, size_t *rank)
{
	for (size_t i = 0; i < s->n; i++) {
		double ei = sens_elasticity(s, i, k);
		size_t j = i;

		while (j > 0) {
			double ej = sens_elasticity(s, order[j - 1], k);

			if (!ranks_before(ei, ej))
				break;
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	for (size_t j = 0; j < s->n; j++) {
		double e = sens_elasticity(s, order[j], k);

		if (isnan(e))
			rank[j] = 0;
		else if (j > 0 && fabs(sens_elasticity(s, order[j - 1], k)) == fabs(e))
			rank[j] = rank[j - 1];
		else
			rank[j] = j + 1;
	}
}
