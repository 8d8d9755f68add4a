/*
** rules.c: the rules between keys of models/rules.def, checked by one
** table-driven function (rules_check) with one tolerance, PARAMS_WHOLE_TOL.
**
** Every rule names its keys by id. A broken rule blames the value of
** highest precedence that took part (later), and says, in the form of a
** bad value of that key (setting_message), what it may be given the
** others: "--set mandate.start_year: 2200 is after mandate.deadline_year =
** 2030 (the default); allowed: 2030 or earlier".
*/
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "model.h"
#include "numfmt.h"
#include "profile.h"
#include "registry.h"
#include "rules.h"
#include "strbuf.h"

/* ---- the table ------------------------------------------------------------------ */

enum rule_kind {
	DIVIDES_YEAR, MULTIPLE, ROWS, STEP, NOT_AFTER, BELOW, BLOCKS_FROM, SUM_ONE, OM_ROOM,
	CEILING, OM_BUDGET
};

static const struct rule {
	enum rule_kind kind;
	enum param_id a, b;
	unsigned limit;
	const char *text;
} rules[] = {
#define RULE(kind, a, b, limit, text) { kind, a, b, limit, text },
#define TIME_CONSTANT(key, rate, as)
#define TIME_CONSTANT_PIPE(key)
#include "rules.def"
#undef RULE
#undef TIME_CONSTANT
#undef TIME_CONSTANT_PIPE
};
#define NRULES (sizeof rules / sizeof rules[0])

/* Marks the time constant that is not a rate of struct model_coef. */
#define TC_PIPE ((size_t)-1)

/* The time constants of the model that bound the step (rule STEP). */
static const struct {
	enum param_id key;
	size_t rate;     /* offset of the rate in struct model_coef, or TC_PIPE */
	const char *as;  /* how the time constant follows from the key */
} time_constants[] = {
#define RULE(kind, a, b, limit, text)
#define TIME_CONSTANT(key, rate, as) { key, offsetof(struct model_coef, rate), as },
#define TIME_CONSTANT_PIPE(key) { key, TC_PIPE, " / 3 (the stages of its delay)" },
#include "rules.def"
#undef RULE
#undef TIME_CONSTANT
#undef TIME_CONSTANT_PIPE
};
#define NTC (sizeof time_constants / sizeof time_constants[0])

/*
** Real-axis stability limits of the fixed-step methods: the largest h / tau
** for which a step of y' = -y / tau does not let y grow. Euler: |1 - h/tau|
** <= 1, so 2. Classical RK4: |1 - x + x^2/2 - x^3/6 + x^4/24| <= 1 with
** x = h / tau, whose real bound is the root of x^3 - 4x^2 + 12x - 24 = 0.
*/
#define RULES_EULER_LIMIT 2.0
#define RULES_RK4_LIMIT 2.7852935634052813

/*
** The share of its stability limit a step may use (dimensionless). Half of
** it keeps Euler's factor 1 - h/tau >= 0, so a stock that decays never
** changes sign within a step (a pipeline or cash below 0 stops the run),
** and leaves room for the non-linear terms the rule does not see (MODEL.md
** 9.6).
*/
#define RULES_STEP_SAFETY 0.5

/* The procurement pipeline's stages (a third-order delay, MODEL.md 2.5):
** each stage relaxes with delay_years / stages. */
#define RULES_PIPE_STAGES ((double)(S_SERV_PIPE - S_INFRA_PIPE))

/* ---- operands and messages -------------------------------------------------------- */

/* One value taking part in a rule: its full name, parameter, the setting
** that gave it (NULL: the default) and the value. */
struct operand {
	const char *name;
	const struct param_def *def;
	const struct setting *s;
	double v;
};

/* The operand of plain parameter id in sc with value v. */
static struct operand plain(const struct rules_scope *sc, enum param_id id, double v)
{
	const struct param_def *d = PARAM_DEF(id);

	return (struct operand){ d->name, d, setting_last(sc->as, d, ""), v };
}

/*
** Fills e for a rule broken by the operand o, in the form of a bad value
** (setting_message): at the file and line of its setting "name = v why",
** or "--set name: v why"; a default (no setting) has neither file nor line.
*/
static int fail_value(const struct rules_scope *sc, const struct operand *o, struct err *e,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail_value(const struct rules_scope *sc, const struct operand *o, struct err *e,
                      const char *fmt, ...)
{
	struct strbuf why = STRBUF_INIT, msg = STRBUF_INIT, text = STRBUF_INIT;
	const struct setting *s = o->s;
	int set = s && s->src == SETTING_SRC_SET;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&why, fmt, ap);
	va_end(ap);
	registry_format(o->def, o->v, &text);
	setting_message(&msg, set, o->name, SETTING_BAD_VALUE, strbuf_str(&text),
	                strbuf_str(&why));
	err_set(e, s && !set ? sc->files[s->src] : "", s && !set ? s->line : 0, o->name, "%s",
	        strbuf_str(&msg));
	strbuf_free(&why);
	strbuf_free(&msg);
	strbuf_free(&text);
	return -1;
}

/* Of the operands that took part in a broken rule, the one with the higher
** precedence: --set over files, a file over its base, a later line over an
** earlier one (the later in the list); every setting over a default. The
** user changed it last, so it is blamed. a is kept on a tie of defaults. */
static const struct operand *later(const struct operand *a, const struct operand *b)
{
	return b->s && (!a->s || b->s > a->s) ? b : a;
}

/* ---- the kinds of rule -------------------------------------------------------------- */

/* 1/dt, dt multiples and 1/report_step: step sizes that divide a year. */
static int divides_year(const struct rules_scope *sc, const struct rule *r,
                        const struct model_params *b, struct err *e)
{
	const struct operand a = plain(sc, r->a, *params_cslot(b, PARAM_DEF(r->a)));
	char w[NUMFMT_LEN];

	if (params_whole(1 / a.v))
		return 0;
	numfmt_double(1 / a.v, w);
	if (r->a == P_sim_dt)
		return fail_value(sc, &a, e, "does not divide a year (1/dt = %s); "
		                  "allowed: steps whose inverse is a whole number, such "
		                  "as 0.25 or 0.083333333333333329", w);
	return fail_value(sc, &a, e, "does not divide a year; allowed: steps whose "
	                  "inverse is a whole number, such as 1, 0.5 or 0.25");
}

/* a a whole multiple k >= 1 of b (the report step of the step). */
static int multiple(const struct rules_scope *sc, const struct rule *r,
                    const struct model_params *b, struct err *e)
{
	const struct operand a = plain(sc, r->a, *params_cslot(b, PARAM_DEF(r->a)));
	const struct operand o = plain(sc, r->b, *params_cslot(b, PARAM_DEF(r->b)));
	char v[NUMFMT_LEN], w[NUMFMT_LEN];

	if (params_whole(a.v / o.v) && round(a.v / o.v) >= 1)
		return 0;
	numfmt_double(o.v, v);
	numfmt_double(a.v, w);
	if (later(&a, &o) == &o)
		return fail_value(sc, &o, e, "does not divide %s = %s; allowed: %s / k "
		                  "for whole k >= 1, such as %s", a.name, w, a.name, w);
	return fail_value(sc, &a, e, "is not a whole multiple of %s = %s; allowed: "
	                  "k * %s for whole k >= 1", o.name, v, o.name);
}

/* a / b rows at most r->limit. */
static int rows(const struct rules_scope *sc, const struct rule *r,
                const struct model_params *b, struct err *e)
{
	const struct operand a = plain(sc, r->a, *params_cslot(b, PARAM_DEF(r->a)));
	const struct operand o = plain(sc, r->b, *params_cslot(b, PARAM_DEF(r->b)));
	double n = round(a.v / o.v);

	if (n <= r->limit)
		return 0;
	return fail_value(sc, later(&a, &o), e, "gives %.0f rows of results (%s / %s); "
	                  "allowed: at most %u rows, e.g. weekly rows over 100 years "
	                  "or daily rows over 50", n, a.name, o.name, r->limit);
}

/* The rate (1/yr) of time constant i for the parameters b. */
static double tc_rate(const struct model_params *b, const struct model_coef *k, size_t i)
{
	if (time_constants[i].rate == TC_PIPE)
		return RULES_PIPE_STAGES / *params_cslot(b, PARAM_DEF(time_constants[i].key));
	return *(const double *)((const char *)k + time_constants[i].rate);
}

/* x rounded up to 4 significant digits, so that a bound printed with %.4g
** is on the allowed side. */
static double round_up4(double x)
{
	double p = pow(10, floor(log10(x)) - 3);

	return ceil(x / p * (1 - PARAMS_WHOLE_TOL)) * p;
}

/*
** The step rule of the fixed-step methods (MODEL.md 9.6): sim.dt times the
** fastest rate of the model stays within RULES_STEP_SAFETY of the method's
** stability limit. rkf45 chooses its own steps (sim.dt is only its first
** trial), so it has no such rule. Of sim.dt, sim.method and the key of the
** fastest time constant, the one set last is blamed.
*/
static int step(const struct rules_scope *sc, const struct rule *r,
                const struct model_params *b, struct err *e)
{
	const int m = (int)b->sim_method;
	const double limit = RULES_STEP_SAFETY *
	                     (m == METHOD_EULER ? RULES_EULER_LIMIT : RULES_RK4_LIMIT);
	const struct operand dt = plain(sc, r->a, b->sim_dt);
	const struct operand me = plain(sc, r->b, b->sim_method);
	const struct param_def *dk;
	const struct operand *blame;
	struct operand key;
	const char *method = params_methods[m];
	char tau[64];
	struct model_coef k;
	double rate = 0, n;
	size_t worst = 0;

	if (m == METHOD_RKF45)
		return 0;
	model_coef_init(b, 1.0, &k);
	for (size_t i = 0; i < NTC; i++)
		if (tc_rate(b, &k, i) > rate) {
			rate = tc_rate(b, &k, i);
			worst = i;
		}
	if (b->sim_dt * rate <= limit * (1 + PARAMS_WHOLE_TOL))
		return 0;
	dk = PARAM_DEF(time_constants[worst].key);
	key = plain(sc, time_constants[worst].key, *params_cslot(b, dk));
	blame = later(later(&dt, &me), &key);
	if (time_constants[worst].rate == TC_PIPE)
		snprintf(tau, sizeof tau, "%.0f stages of %.4g yr each", RULES_PIPE_STAGES, 1 / rate);
	else
		snprintf(tau, sizeof tau, "a time constant of %.4g yr", 1 / rate);
	if (blame == &key)
		return fail_value(sc, &key, e, "is too short for sim.dt = %.4g with %s: "
		                  "it gives %s, and %s needs time constants of %.4g yr "
		                  "or more at this step; allowed: %.4g to %.4g (%s), or a "
		                  "smaller sim.dt, or sim.method = rkf45", b->sim_dt,
		                  method, tau, method, round_up4(b->sim_dt / limit),
		                  round_up4(key.v * rate * b->sim_dt / limit), dk->max,
		                  dk->unit);
	/* The largest step allowed is 1/n with n = ceil(rate / limit). */
	n = ceil(rate / limit * (1 - PARAMS_WHOLE_TOL));
	if (blame == &me)
		return fail_value(sc, &me, e, "is unstable at sim.dt = %.4g: %s = %.4g "
		                  "gives %s; allowed: %srkf45, or sim.dt = 1/%.0f or "
		                  "smaller", b->sim_dt, dk->name, key.v, tau,
		                  m == METHOD_EULER && b->sim_dt * rate <= RULES_STEP_SAFETY
		                  * RULES_RK4_LIMIT * (1 + PARAMS_WHOLE_TOL) ? "rk4, " : "", n);
	return fail_value(sc, &dt, e, "is too long a step for %s: %s = %.4g gives %s, "
	                  "and %s stays stable with a margin only for steps up to "
	                  "%.4g times the shortest time constant; allowed: 1/n for "
	                  "whole n >= %.0f, or sim.method = rkf45", method, dk->name,
	                  key.v, tau, method, limit, n);
}

/*
** The step of a scenario that does not set sim.dt (MODEL.md 9.4, 9.6): with
** rk4 the registry's default, 1/4 year, where the step rule allows it and
** sim.report_step is a whole multiple of it; otherwise, and with euler and
** rkf45, RULES_FALLBACK_DT, the default of model versions 1 and 2, at which
** the lower end of every time constant's range passes the step rule.
*/
#define RULES_FALLBACK_DT (1.0 / 12.0)

double rules_default_dt(const struct model_params *b)
{
	const double dt = PARAM_DEF(P_sim_dt)->def, rows = b->sim_report_step / dt;
	struct model_coef k;
	double rate = 0;

	if ((int)b->sim_method != METHOD_RK4 || !params_whole(rows) || round(rows) < 1)
		return RULES_FALLBACK_DT;
	model_coef_init(b, 1.0, &k);
	for (size_t i = 0; i < NTC; i++)
		rate = fmax(rate, tc_rate(b, &k, i));
	if (dt * rate > RULES_STEP_SAFETY * RULES_RK4_LIMIT * (1 + PARAMS_WHOLE_TOL))
		return RULES_FALLBACK_DT;
	return dt;
}

/*
** The rule lo <= hi (strict: lo < hi) between two whole-number operands. A
** broken rule blames the operand set later, with the values that key may
** take given the other one.
*/
static int order(const struct rules_scope *sc, const struct operand *lo,
                 const struct operand *hi, int strict, struct err *e)
{
	const char *lo_def = lo->s ? "" : " (the default)";
	const char *hi_def = hi->s ? "" : " (the default)";

	if (strict ? lo->v < hi->v : lo->v <= hi->v)
		return 0;
	if (later(lo, hi) == hi)
		return strict
		    ? fail_value(sc, hi, e, "is not above %s = %.0f%s; allowed: %.0f "
		                 "to %.0f", lo->name, lo->v, lo_def, lo->v + 1, hi->def->max)
		    : fail_value(sc, hi, e, "is before %s = %.0f%s; allowed: %.0f or "
		                 "later", lo->name, lo->v, lo_def, lo->v);
	return strict
	    ? fail_value(sc, lo, e, "is not below %s = %.0f%s; allowed: %.0f to %.0f",
	                 hi->name, hi->v, hi_def, lo->def->min, hi->v - 1)
	    : fail_value(sc, lo, e, "is after %s = %.0f%s; allowed: %.0f or earlier",
	                 hi->name, hi->v, hi_def, hi->v);
}

/* a <= b (strict: a < b) for plain keys, or in every named section of the
** kind the keys belong to; each section that breaks it is added to el. */
static int between(const struct rules_scope *sc, const struct rule *r,
                   const struct model_params *b, int strict, struct errlist *el)
{
	const struct param_def *da = PARAM_DEF(r->a), *db = PARAM_DEF(r->b);
	int k = params_named_kind(da->section), rc = 0;
	struct operand lo, hi;
	struct err e;

	if (k < 0) {
		lo = plain(sc, r->a, *params_cslot(b, da));
		hi = plain(sc, r->b, *params_cslot(b, db));
		return order(sc, &lo, &hi, strict, &e) ? errlist_add(el, &e) : 0;
	}
	for (size_t i = 0; i < sc->nm->n[k]; i++) {
		const char *n = sc->nm->name[k][i];
		char lo_name[128], hi_name[128];

		snprintf(lo_name, sizeof lo_name, "%s.%s.%s", da->section, n, da->key);
		snprintf(hi_name, sizeof hi_name, "%s.%s.%s", db->section, n, db->key);
		lo = (struct operand){ lo_name, da, setting_last(sc->as, da, n), params_cslot(b, da)[i] };
		hi = (struct operand){ hi_name, db, setting_last(sc->as, db, n), params_cslot(b, db)[i] };
		if (order(sc, &lo, &hi, strict, &e))
			rc = errlist_add(el, &e);
	}
	return rc;
}

/*
** No year block before the first year a. Of the earliest block and a, the
** one set last is blamed.
*/
static int blocks_from(const struct rules_scope *sc, const struct rule *r,
                       const struct model_params *b, struct err *e)
{
	const struct operand sy = plain(sc, r->a, *params_cslot(b, PARAM_DEF(r->a)));
	const long start = (long)sy.v;
	const struct setting *first = NULL;
	struct strbuf src = STRBUF_INIT;
	int rc;

	for (size_t i = 0; i < sc->as->n; i++) {
		const struct setting *s = &sc->as->a[i];
		if (s->year != 0 && (!first || s->year < first->year))
			first = s;
	}
	if (!first || first->year >= start)
		return 0;
	if (sy.s && sy.s > first) {
		setting_source(sc->files, first, &src);
		rc = fail_value(sc, &sy, e, "is after the year block [%s@%ld] at %s; "
		                "allowed: %ld or earlier", first->def->section, first->year,
		                strbuf_str(&src), first->year);
		strbuf_free(&src);
		return rc;
	}
	return setting_fail(sc->files, first, e, first->def->name, "[%s@%ld] is before "
	                    "%s = %ld; allowed: years from %ld on", first->def->section,
	                    first->year, sy.name, start, start);
}

/* The keys with flag r->limit sum to 1 in year y (parameters p); the
** setting in effect that changed last is blamed. */
static int sum_one(const struct rules_scope *sc, const struct rule *r,
                   const struct model_params *p, long y, struct err *e)
{
	const struct setting *blame = NULL;
	double sum = 0;

	for (size_t i = 0; i < params_count; i++)
		if (params_table[i].flags & r->limit)
			sum += *params_cslot(p, &params_table[i]);
	if (fabs(sum - 1) <= PARAMS_WHOLE_TOL)
		return 0;
	for (size_t i = 0; i < sc->as->n; i++) {
		const struct setting *s = &sc->as->a[i];
		if ((s->def->flags & r->limit) && s->year <= y &&
		    (!blame || s->year >= blame->year))
			blame = s;
	}
	/* 12 digits show any sum off by more than the tolerance, without the
	** noise of the last bits (1.0125, not 1.0125000000000002). */
	return setting_fail(sc->files, blame, e, blame ? blame->def->name : "allocation",
	                    "allocation shares sum to %.12g in %ld; allowed: 1 (within %g)",
	                    sum, y, PARAMS_WHOLE_TOL);
}

/* 1 when plain parameter id is "auto" as the scenario gives it (its last
** setting, else its default): then its value is derived from others. */
static int raw_auto(const struct rules_scope *sc, enum param_id id)
{
	const struct setting *s = setting_last(sc->as, PARAM_DEF(id), "");

	return params_is_auto(s ? s->value : PARAM_DEF(id)->def);
}

/* How the digital services' O&M share of the base budget moves with a key
** of the rule OM_ROOM: in proportion to it, in inverse proportion, rising,
** falling, or either way (the inhabitants size both the cost per service
** and the base budget). */
enum om_room_way { OMR_PROP, OMR_INVERSE, OMR_RISES, OMR_FALLS, OMR_EITHER };

/* The keys besides budget.om_share_initial that take part in OM_ROOM: the
** four factors of the O&M and the base budget, and the inputs of the auto
** values among them (models/profile.c), each only while the keys `when`
** (P_COUNT: none) are all auto. The inhabitants take part through the cost
** per service, or through the staff of an auto base budget. */
static const struct {
	enum param_id id;
	enum om_room_way way;
	enum param_id when[2];
} om_room_parts[] = {
	{ P_services_maturity_initial, OMR_PROP, { P_COUNT, P_COUNT } },
	{ P_services_count, OMR_PROP, { P_COUNT, P_COUNT } },
	{ P_services_om_rate, OMR_PROP, { P_COUNT, P_COUNT } },
	{ P_services_cost_per_service_eur, OMR_PROP, { P_COUNT, P_COUNT } },
	{ P_services_build_fixed_eur, OMR_RISES, { P_services_cost_per_service_eur, P_COUNT } },
	{ P_services_build_per_inhabitant_eur, OMR_RISES,
	  { P_services_cost_per_service_eur, P_COUNT } },
	{ P_budget_it_base_eur, OMR_INVERSE, { P_COUNT, P_COUNT } },
	{ P_municipality_it_fixed_eur, OMR_FALLS, { P_budget_it_base_eur, P_COUNT } },
	{ P_municipality_it_cost_per_workplace_eur, OMR_FALLS, { P_budget_it_base_eur, P_COUNT } },
	{ P_workforce_staff, OMR_FALLS, { P_budget_it_base_eur, P_COUNT } },
	{ P_municipality_staff_per_1000, OMR_FALLS, { P_budget_it_base_eur, P_workforce_staff } },
	{ P_municipality_workplace_share, OMR_FALLS, { P_budget_it_base_eur, P_workforce_staff } },
	{ P_municipality_inhabitants, OMR_EITHER, { P_services_cost_per_service_eur, P_COUNT } },
	{ P_municipality_inhabitants, OMR_EITHER, { P_budget_it_base_eur, P_workforce_staff } },
};
#define OMR_PARTS (sizeof om_room_parts / sizeof om_room_parts[0])

/*
** The portfolio value is derived from the O&M share of the first year
** (MODEL.md 3.1) when it is auto; the digital services' O&M must leave it
** room. That O&M's share of the base budget is services.count x
** services.maturity_initial x services.cost_per_service_eur x
** services.om_rate / budget.it_base_eur (profile_digital_om_share); when
** the cost per service or the base budget is auto, the keys it is derived
** from take part too (om_room_parts). Of budget.om_share_initial and every
** key that takes part, the one set last is blamed.
*/
static int om_room(const struct rules_scope *sc, const struct rule *r,
                   const struct model_params *b, struct err *e)
{
	const struct setting *v = setting_last(sc->as, PARAM_DEF(P_legacy_portfolio_value_eur), "");
	const struct operand share = plain(sc, r->a, *params_cslot(b, PARAM_DEF(r->a)));
	const double digital = profile_digital_om_share(b);
	const double om = b->services_count * b->services_maturity_initial
	                  * b->services_cost_per_service_eur * b->services_om_rate;
	struct operand o[OMR_PARTS];
	const struct operand *blame = &share;
	const char *way;
	char allowed[160];

	if ((v && !params_is_auto(v->value)) || share.v > digital * (1 + PARAMS_WHOLE_TOL))
		return 0;
	for (size_t i = 0; i < OMR_PARTS; i++) {
		int part = 1;

		for (size_t j = 0; j < 2; j++)
			if (om_room_parts[i].when[j] != P_COUNT)
				part &= raw_auto(sc, om_room_parts[i].when[j]);
		o[i] = plain(sc, om_room_parts[i].id, *params_cslot(b, PARAM_DEF(om_room_parts[i].id)));
		if (part)
			blame = later(blame, &o[i]);
	}
	if (blame == &share) {
		if (digital * (1 + PARAMS_WHOLE_TOL) < share.def->max)
			return fail_value(sc, &share, e, "leaves no O&M for the IT portfolio: the "
			                  "digital services online already take %.3g of the base "
			                  "budget; allowed: above %.3g up to %g, or "
			                  "legacy.portfolio_value_eur in EUR", digital, digital,
			                  share.def->max);
		return fail_value(sc, &share, e, "leaves no O&M for the IT portfolio: the "
		                  "digital services online already take %.3g of the base "
		                  "budget, more than the largest O&M share %g; allowed: no "
		                  "value of it, but lower O&M of the digital services "
		                  "(services.count, services.maturity_initial, "
		                  "services.cost_per_service_eur, services.om_rate), a larger "
		                  "budget.it_base_eur, or legacy.portfolio_value_eur in EUR",
		                  digital, share.def->max);
	}
	way = "another value";
	switch (om_room_parts[blame - o].way) {
	case OMR_PROP:    /* the share falls below share.v at this value */
		if (!isfinite(digital)) {
			way = "no value while the base budget is 0";
			break;
		}
		way = NULL;
		snprintf(allowed, sizeof allowed, "%.4g or less",
		         blame->v * share.v / digital * (1 - 1e-3));
		break;
	case OMR_INVERSE: /* the base budget that holds the O&M below share.v */
		way = NULL;
		snprintf(allowed, sizeof allowed, "more than %.4g", om / share.v * (1 + 1e-3));
		break;
	case OMR_RISES:   way = "a smaller value"; break;
	case OMR_FALLS:   way = "a larger value"; break;
	case OMR_EITHER:  break;
	}
	if (way)
		snprintf(allowed, sizeof allowed, "%s", way);
	return fail_value(sc, blame, e, "puts the O&M of the digital services online "
	                  "(services.count x services.maturity_initial x "
	                  "services.cost_per_service_eur x services.om_rate, EUR %.4g) at "
	                  "%.3g of the base budget (EUR %.4g), not below "
	                  "budget.om_share_initial = %.3g; allowed: %s, or "
	                  "legacy.portfolio_value_eur in EUR", om, digital,
	                  b->budget_it_base_eur, share.v, allowed);
}

/* ---- warnings ------------------------------------------------------------------- */

/* The first instant's flows of the derived parameters b. */
static void first_flows(const struct model_params *b, struct model_year *yr,
                        struct model_flows *f)
{
	double y[S_COUNT];

	model_init(b, y);
	model_year_begin(b, (int)b->sim_start_year, y, NULL, yr);
	model_flows(b->sim_start_year, y, b, yr, f);
}

/* Fills w for a warning about operand o; returns 1. */
static int warn_value(const struct rules_scope *sc, const struct operand *o, struct err *w,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int warn_value(const struct rules_scope *sc, const struct operand *o, struct err *w,
                      const char *fmt, ...)
{
	struct strbuf why = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&why, fmt, ap);
	va_end(ap);
	fail_value(sc, o, w, "%s", strbuf_str(&why));
	strbuf_free(&why);
	return 1;
}

/* adoption.initial above the first year's ceiling. */
static int ceiling(const struct rules_scope *sc, const struct rule *r,
                   const struct model_params *b, struct err *w)
{
	const struct operand a = plain(sc, r->a, *params_cslot(b, PARAM_DEF(r->a)));
	struct model_year yr;
	struct model_flows f;

	first_flows(b, &yr, &f);
	if (a.v <= f.ceiling + 0.005)
		return 0;
	return warn_value(sc, &a, w, "is above the first year's adoption ceiling %.3g "
	                  "(services.maturity_initial ^ adoption.volume_concentration x "
	                  "inclusion x quality): adoption falls to it within about "
	                  "adoption.drop_years = %g yr; consistent: %.3g or less, or more "
	                  "services online", f.ceiling, b->adoption_drop_years, f.ceiling);
}

/* The first year's O&M above the base budget. */
static int om_budget(const struct rules_scope *sc, const struct rule *r,
                     const struct model_params *b, struct err *w)
{
	const struct operand v = plain(sc, r->a, *params_cslot(b, PARAM_DEF(r->a)));
	const struct operand base = plain(sc, r->b, *params_cslot(b, PARAM_DEF(r->b)));
	struct model_year yr;
	struct model_flows f;

	first_flows(b, &yr, &f);
	if (f.om <= yr.base_budget)
		return 0;
	return warn_value(sc, later(&v, &base), w, "gives a first-year O&M of EUR %.4g, "
	                  "above the base budget of EUR %.4g: the general budget tops it up "
	                  "from the first day and nothing is left for renewal", f.om,
	                  yr.base_budget);
}

int rules_warn(const struct rules_scope *sc, const struct model_params *b,
               void (*emit)(const struct err *w, void *ctx), void *ctx)
{
	int n = 0;

	for (size_t i = 0; i < NRULES; i++) {
		const struct rule *r = &rules[i];
		struct err w;
		int hit = 0;

		err_clear(&w);
		switch (r->kind) {
		case CEILING:   hit = ceiling(sc, r, b, &w); break;
		case OM_BUDGET: hit = om_budget(sc, r, b, &w); break;
		default:        break;
		}
		if (hit) {
			n++;
			emit(&w, ctx);
		}
	}
	return n;
}

/* ---- checking and listing -------------------------------------------------------- */

/* Whether a key of rule r is marked in sc->skip: a value of its section
** was rejected, so the rule would judge values the user did not mean. */
static int skipped(const struct rules_scope *sc, const struct rule *r)
{
	const unsigned char *sk = sc->skip;

	if (!sk)
		return 0;
	if ((r->a != P_COUNT && sk[r->a]) || (r->b != P_COUNT && sk[r->b]))
		return 1;
	switch (r->kind) {
	case STEP:
		for (size_t i = 0; i < NTC; i++)
			if (sk[time_constants[i].key])
				return 1;
		break;
	case SUM_ONE:
		for (size_t i = 0; i < params_count; i++)
			if ((params_table[i].flags & r->limit) && sk[i])
				return 1;
		break;
	case OM_ROOM:
		for (size_t i = 0; i < OMR_PARTS; i++)
			if (sk[om_room_parts[i].id])
				return 1;
		return sk[P_legacy_portfolio_value_eur];
	default:
		break;
	}
	return 0;
}

int rules_check(const struct rules_scope *sc, const struct model_params *b,
                struct errlist *el)
{
	int bad = 0;

	for (size_t i = 0; i < NRULES; i++) {
		const struct rule *r = &rules[i];
		struct err e;
		int rc = 0;

		if (skipped(sc, r))
			continue;
		switch (r->kind) {
		case DIVIDES_YEAR: rc = divides_year(sc, r, b, &e); break;
		case MULTIPLE:     rc = multiple(sc, r, b, &e); break;
		case ROWS:         rc = rows(sc, r, b, &e); break;
		case STEP:         rc = step(sc, r, b, &e); break;
		case NOT_AFTER:    bad |= between(sc, r, b, 0, el) != 0; break;
		case BELOW:        bad |= between(sc, r, b, 1, el) != 0; break;
		case BLOCKS_FROM:  rc = blocks_from(sc, r, b, &e); break;
		case OM_ROOM:      rc = om_room(sc, r, b, &e); break;
		case SUM_ONE:      /* every year: rules_check_year */
		case CEILING:      /* warnings: rules_warn */
		case OM_BUDGET:    break;
		}
		if (rc) {
			errlist_add(el, &e);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

int rules_check_year(const struct rules_scope *sc, const struct model_params *p, long y,
                     struct err *e)
{
	for (size_t i = 0; i < NRULES; i++)
		if (rules[i].kind == SUM_ONE && !skipped(sc, &rules[i]) &&
		    sum_one(sc, &rules[i], p, y, e))
			return -1;
	return 0;
}

void rules_print(FILE *f, int markdown)
{
	for (size_t i = 0; i < NRULES; i++)
		fprintf(f, "%s%s\n", markdown ? "- " : "  ", rules[i].text);
	fprintf(f, "%sthe time constants of the step rule: ", markdown ? "- " : "  ");
	for (size_t i = 0; i < NTC; i++)
		fprintf(f, "%s%s%s", i ? ", " : "", PARAM_DEF(time_constants[i].key)->name,
		        time_constants[i].as);
	fputs("\n", f);
}
