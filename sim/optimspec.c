/*
** optimspec.c: the optimiser's sections taken together (optimspec.h).
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "optimline.h"
#include "optimspec.h"
#include "outvars.h"
#include "registry.h"
#include "summary.h"

/* What a check needs: the scenario (for file names), the list that gets
** the errors and how many were added. */
struct ctx {
	const struct scenario *sc;
	const struct setting_list *l;
	struct errlist *el;
	size_t errors;
};

static void fail(struct ctx *c, const struct optline *ln, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Adds an error at the line ln (its file and line; "--set NAME: " for a
** --set value), the message following the key's full name. */
static void fail(struct ctx *c, const struct optline *ln, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	char name[128];
	struct err e;
	int set = ln->src == SETTING_SRC_SET;
	va_list ap;

	if (ln->inst[0])
		snprintf(name, sizeof name, "%s.%s.%s", ln->def->section, ln->inst, ln->def->key);
	else
		snprintf(name, sizeof name, "%s", ln->def->name);
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	/* "--set name: value ...", as setting_message words it. */
	err_set(&e, set ? "" : scenario_file(c->sc, ln->src), set ? 0 : ln->line, name,
	        "%s%s%s%s", set ? "--set " : "", name,
	        set && strncmp(strbuf_str(&msg), " = ", 3) == 0 ? ": " : "",
	        set && strncmp(strbuf_str(&msg), " = ", 3) == 0 ? strbuf_str(&msg) + 3 :
	        strbuf_str(&msg));
	errlist_add(c->el, &e);
	c->errors++;
	strbuf_free(&msg);
}

static const struct optline *last(struct ctx *c, const char *sec, const char *inst,
                                  const char *key)
{
	return optimline_last(c->l, sec, inst, key);
}

/* The first line of section sec/inst in effect (for an error about a key
** that is missing), or NULL. */
static const struct optline *any_line(struct ctx *c, const char *sec, const char *inst)
{
	const struct optline *best = NULL;

	for (size_t i = 0; i < optimline_nkeys; i++) {
		const struct optline *ln;
		if (strcmp(optimline_keys[i].section, sec) != 0)
			continue;
		ln = last(c, sec, inst, optimline_keys[i].key);
		if (ln && (!best || ln < best))
			best = ln;
	}
	return best;
}

int optimspec_kpi_may_be_empty(int k)
{
	return k == KPI_target_year || k == KPI_payback_year;
}

static int find_kpi(const char *name)
{
	for (int k = 0; k < KPI_COUNT; k++)
		if (strcmp(summary_kpis[k].name, name) == 0)
			return k;
	return -1;
}

/* The NAMEs of the sections of kind sec, in order of first appearance:
** names[0..*n-1] point into the lines. At most cap. */
static size_t instances(const struct setting_list *l, const char *sec,
                        const char **names, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nol; i++) {
		size_t j = 0;
		if (strcmp(l->ol[i].def->section, sec) != 0)
			continue;
		while (j < n && strcmp(names[j], l->ol[i].inst) != 0)
			j++;
		if (j == n && n < cap)
			names[n++] = l->ol[i].inst;
	}
	return n;
}

/* Reads "FIRST-LAST" or "YEAR" into *a, *b. Returns 0, or -1. */
static int parse_years(const char *s, long *a, long *b)
{
	char *end;

	*a = strtol(s, &end, 10);
	if (end == s)
		return -1;
	if (*end == '\0') {
		*b = *a;
		return 0;
	}
	if (*end != '-')
		return -1;
	s = end + 1;
	*b = strtol(s, &end, 10);
	return end == s || *end != '\0' || s[0] == '-' || s[0] == '+' ? -1 : 0;
}

/* The parameter a decision's target names, with its named slot. NULL and
** why appended when it is not decidable. */
static const struct param_def *find_target(struct ctx *c, const struct model_params *y0,
                                           const char *t, char *inst, size_t *slot,
                                           struct strbuf *why)
{
	const char *d1 = strchr(t, '.'), *d2 = strrchr(t, '.');
	const struct param_def *def = NULL;
	char sec[64], buf[PARAMS_NAME_LEN];
	int k;

	inst[0] = '\0';
	*slot = 0;
	if (d1 && d1 == d2) {
		def = registry_find(t);
	} else if (d1 && (size_t)(d1 - t) < sizeof sec && (size_t)(d2 - d1 - 1) < PARAMS_NAME_LEN) {
		snprintf(sec, sizeof sec, "%.*s", (int)(d1 - t), t);
		def = registry_find2(sec, d2 + 1);
		if (def && !(def->flags & PF_NAMED))
			def = NULL;
		if (def) {
			snprintf(inst, PARAMS_NAME_LEN, "%.*s", (int)(d2 - d1 - 1), d1 + 1);
			k = params_named_kind(sec);
			for (*slot = 0; *slot < y0->named_count[k]; (*slot)++) {
				scenario_named_name(c->sc, (enum params_named)k, *slot, buf);
				if (strcmp(buf, inst) == 0)
					break;
			}
			if (*slot == y0->named_count[k]) {
				strbuf_printf(why, "names no section [%s.%s] of the scenario", sec, inst);
				return NULL;
			}
		}
	}
	if (!def) {
		strbuf_printf(why, "is not a parameter");
	} else if (def->kind != PK_REAL || (def->flags & (PF_SHARE | PF_SCHEDULE)) ||
	           (!(def->flags & PF_YEARLY) && !(def->flags & PF_NAMED))) {
		strbuf_printf(why, "cannot be decided (%s)",
		              def->kind != PK_REAL ? "not a real number" :
		              def->flags & PF_SHARE ? "a share: decide allocation" :
		              def->flags & PF_SCHEDULE ? "a schedule amount" :
		              "neither yearly nor a named section's key");
		def = NULL;
	} else if ((def->flags & PF_NAMED) && !inst[0]) {
		strbuf_printf(why, "needs its section's NAME: %s.NAME.%s", def->section, def->key);
		def = NULL;
	}
	return def;
}

/* Checks [decision.NAME] into *d. Returns 0, or -1 having added errors. */
static int decision(struct ctx *c, const char *name, const struct model_params *years,
                    size_t nyears, long y0, long y1, struct optim_decision *d)
{
	const struct optline *t = last(c, "decision", name, "target");
	const struct optline *ys = last(c, "decision", name, "years");
	const struct optline *lo = last(c, "decision", name, "min");
	const struct optline *hi = last(c, "decision", name, "max");
	struct strbuf why = STRBUF_INIT;
	size_t before = c->errors;

	memset(d, 0, sizeof *d);
	snprintf(d->name, sizeof d->name, "%s", name);
	if (!t) {
		fail(c, any_line(c, "decision", name), ": [decision.%s] has no target; "
		     "allowed: target = allocation, or a parameter such as "
		     "budget.transformation_eur", name);
		return -1;
	}
	if (strcmp(t->text, "allocation") == 0) {
		d->kind = OPTIM_ALLOCATION;
		d->nvar = DOM_COUNT - 1;
		if (lo || hi)
			fail(c, lo ? lo : hi, ": an allocation decision takes no bounds (its "
			     "shares lie between 0 and 1 and sum to 1); allowed: min and max "
			     "for a parameter");
	} else {
		d->kind = OPTIM_PARAM;
		d->nvar = 1;
		if (!(d->def = find_target(c, &years[0], t->text, d->inst, &d->slot, &why))) {
			fail(c, t, " = %s %s; allowed: allocation, a yearly REAL parameter "
			     "(budget.transformation_eur) or a named section's "
			     "(loan.NAME.principal_eur, grant.NAME.amount_eur)", t->text,
			     strbuf_str(&why));
			strbuf_free(&why);
			return -1;
		}
		d->lo = lo ? lo->value : d->def->min;
		if (!hi)
			fail(c, t, ": [decision.%s] has no max; allowed: max = an upper bound "
			     "in %s, at most %g", name, d->def->unit, d->def->max);
		else
			d->hi = hi->value;
		if (lo && (lo->value < d->def->min || lo->value > d->def->max))
			fail(c, lo, " = %g is outside %s's range; allowed: %g to %g", lo->value,
			     d->def->name, d->def->min, d->def->max);
		if (hi && (hi->value < d->def->min || hi->value > d->def->max))
			fail(c, hi, " = %g is outside %s's range; allowed: %g to %g", hi->value,
			     d->def->name, d->def->min, d->def->max);
		else if (hi && d->lo > d->hi)
			fail(c, hi, " = %g is below min = %g; allowed: min <= max", d->hi, d->lo);
	}
	if (d->kind == OPTIM_ALLOCATION || (d->def->flags & PF_YEARLY)) {
		if (!ys) {
			fail(c, t, ": [decision.%s] has no years; allowed: years = FIRST-LAST "
			     "(fiscal years from %ld to %ld)", name, y0, y1);
		} else if (parse_years(ys->text, &d->first, &d->last) != 0 ||
		           d->first < y0 || d->last > y1 || d->first > d->last) {
			fail(c, ys, " = %s is not a phase of the run; allowed: FIRST-LAST or "
			     "YEAR with %ld <= FIRST <= LAST <= %ld", ys->text, y0, y1);
		} else if (d->kind == OPTIM_ALLOCATION) {
			for (long y = d->first; y <= d->last; y++)
				if (years[y - y0].schedule_active) {
					fail(c, ys, " = %s: the allocation schedule sets %ld's spending "
					     "in EUR, so shares decide nothing there; allowed: a phase "
					     "without schedule rows", ys->text, y);
					break;
				}
		}
	} else if (ys) {
		fail(c, ys, ": %s holds for the whole run; allowed: years only for "
		     "allocation and yearly parameters", d->def->name);
	}
	(void)nyears;
	strbuf_free(&why);
	return c->errors > before ? -1 : 0;
}

/* Checks [constraint.NAME] into *k. Returns 0, or -1 having added errors. */
static int constraint(struct ctx *c, const char *name, long y0, long y1, long robust,
                      struct optim_constraint *k)
{
	const struct optline *m = last(c, "constraint", name, "measure");
	const struct optline *r = last(c, "constraint", name, "relation");
	const struct optline *b = last(c, "constraint", name, "bound");
	const struct optline *by = last(c, "constraint", name, "by_year");
	const struct optline *ev = last(c, "constraint", name, "every_year");
	const struct optline *p = last(c, "constraint", name, "probability");
	const struct optline *any = any_line(c, "constraint", name);
	size_t before = c->errors;
	char num_text[NUMFMT_LEN];
	int every = ev && ev->value != 0;
	int n;

	memset(k, 0, sizeof *k);
	snprintf(k->name, sizeof k->name, "%s", name);
	k->probability = NAN;
	if (!m)
		fail(c, any, ": [constraint.%s] has no measure; allowed: a KPI "
		     "(pv_cost_eur) or a column (service_maturity)", name);
	if (!r)
		fail(c, any, ": [constraint.%s] has no relation; allowed: <= or >=", name);
	if (!b)
		fail(c, any, ": [constraint.%s] has no bound; allowed: a number", name);
	if (!m || !r || !b)
		return -1;
	k->relation = (int)r->value;
	k->bound = b->value;
	if ((k->index = find_kpi(m->text)) >= 0) {
		k->kpi = 1;
		if (by || every)
			fail(c, by ? by : ev, ": %s is a KPI of the whole run; allowed: by_year "
			     "and every_year for a column", m->text);
	} else if ((k->index = outvars_find(m->text)) >= 0) {
		if (!by && !every)
			fail(c, m, " = %s is a column; allowed: by_year = YEAR or every_year = "
			     "yes with it", m->text);
		else if (by && every)
			fail(c, by, ": by_year and every_year = yes both given; allowed: one");
		else if (by && (by->value < y0 || by->value > y1))
			fail(c, by, " = %.0f is outside the run; allowed: %ld to %ld",
			     by->value, y0, y1);
		k->by_year = by ? (long)by->value : 0;
		k->every_year = every;
	} else {
		fail(c, m, " = %s is neither a KPI nor a column; allowed: a column of "
		     "summary.csv (pv_cost_eur, ...) or of the scenario's CSV "
		     "(service_maturity, ...)", m->text);
		return -1;
	}
	if (p && robust == 0)
		fail(c, p, ": a probability needs the robust mode; allowed: with "
		     "optimise.robust_runs > 0");
	else if (p)
		k->probability = p->value;
	numfmt_double(k->bound, num_text);
	n = snprintf(k->text, sizeof k->text, "%s %s %s", m->text,
	             optimline_relations[k->relation], num_text);
	if (n > 0 && (size_t)n < sizeof k->text && !k->kpi)
		snprintf(k->text + n, sizeof k->text - (size_t)n, k->every_year ? " every year" :
		         " by %ld", k->by_year);
	return c->errors > before ? -1 : 0;
}

/* A number of [optimise]: its line's value, or the key's default. */
static double num(struct ctx *c, const char *key)
{
	const struct optline *ln = last(c, "optimise", "", key);

	return ln ? ln->value : optimline_key("optimise", key)->def;
}

/* 1 when decisions a and b decide the same values in a common year. */
static int overlap(const struct optim_decision *a, const struct optim_decision *b)
{
	if (a->kind != b->kind || (a->kind == OPTIM_PARAM &&
	    (a->def != b->def || a->slot != b->slot)))
		return 0;
	if (!a->first || !b->first)
		return 1;
	return a->first <= b->last && b->first <= a->last;
}

int optimspec_build(const struct scenario *sc, const struct model_params *years,
                    size_t nyears, struct optim_spec *out, struct errlist *el)
{
	struct ctx c = { sc, scenario_settings(sc), el, 0 };
	const char **dn = NULL, **cn = NULL;
	const struct optline *obj = last(&c, "optimise", "", "objective");
	size_t nd, nc;

	memset(out, 0, sizeof *out);
	if (c.l->nol == 0)
		return 0;
	/* At most one section per line. */
	if (!(dn = malloc(c.l->nol * sizeof *dn)) || !(cn = malloc(c.l->nol * sizeof *cn))) {
		struct err e;
		free(dn);
		err_set(&e, scenario_file(sc, 0), 0, "", "out of memory");
		return errlist_add(el, &e);
	}
	out->start_year = (long)years[0].sim_start_year;
	out->end_year = out->start_year + (long)nyears - 1;
	out->sense = (int)num(&c, "sense");
	out->method = (int)num(&c, "method");
	out->seed = (unsigned long)num(&c, "seed");
	out->max_evals = (long)num(&c, "max_evals");
	out->global_share = num(&c, "global_share");
	out->robust_runs = (long)num(&c, "robust_runs");
	out->tol = num(&c, "tolerance");
	out->binding_tol = num(&c, "binding_tolerance");
	if (obj) {
		out->present = 1;
		if ((out->objective = find_kpi(obj->text)) < 0)
			fail(&c, obj, " = %s is not a KPI; allowed: a column of summary.csv "
			     "such as pv_cost_eur or pv_net_benefit_eur", obj->text);
		else if (optimspec_kpi_may_be_empty(out->objective))
			fail(&c, obj, " = %s may be empty (never reached); allowed: a KPI that "
			     "every run has, e.g. pv_cost_eur", obj->text);
	}
	nd = instances(c.l, "decision", dn, c.l->nol);
	nc = instances(c.l, "constraint", cn, c.l->nol);
	if ((nd && !(out->d = calloc(nd, sizeof *out->d))) ||
	    (nc && !(out->c = calloc(nc, sizeof *out->c)))) {
		struct err e;
		free(dn);
		free(cn);
		err_set(&e, scenario_file(sc, 0), 0, "", "out of memory");
		return errlist_add(el, &e);
	}
	for (size_t i = 0; i < nd; i++) {
		if (decision(&c, dn[i], years, nyears, out->start_year, out->end_year,
		             &out->d[out->nd]) != 0)
			continue;
		for (size_t j = 0; j < out->nd; j++)
			if (overlap(&out->d[j], &out->d[out->nd])) {
				const struct optline *ln = last(&c, "decision", dn[i], "years");
				fail(&c, ln ? ln : last(&c, "decision", dn[i], "target"),
				     ": [decision.%s] decides what [decision.%s] decides, in a "
				     "common year; allowed: phases of one target that do not "
				     "overlap", dn[i], out->d[j].name);
				break;
			}
		out->nvar += out->d[out->nd].nvar;
		out->nd++;
	}
	for (size_t i = 0; i < nc; i++)
		if (constraint(&c, cn[i], out->start_year, out->end_year, out->robust_runs,
		               &out->c[out->nc]) == 0)
			out->nc++;
	free(dn);
	free(cn);
	return c.errors ? -1 : 0;
}

void optimspec_free(struct optim_spec *s)
{
	if (!s)
		return;
	free(s->d);
	free(s->c);
	memset(s, 0, sizeof *s);
}
