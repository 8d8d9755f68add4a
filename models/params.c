/*
** params.c: the parameter table, generated from params.def.
*/
#include <math.h>
#include <string.h>

#include "params.h"

/* Defined here, before the table, so PCHOICE can take its length. */
const char *const params_methods[] = { "euler", "rk4", "rkf45", NULL };
const char *const params_repayments[] = { "annuity", "linear", NULL };
const char *const params_shock_budgets[] = { "both", "base", "transformation", NULL };
const char *const params_schedule_units[] = { "eur", "eur_per_inhabitant", NULL };
const char *const params_discountings[] = { "year_end", "wibe", NULL };
const char *const params_named_sections[NAMED_COUNT] = { "grant", "loan", "service", "shock" };

#define REAL PK_REAL
#define INT PK_INT
#define AUTO PARAMS_AUTO
#define PARAM(s, k, kind, u, d, lo, hi, f, m, src) \
	{ #s "." #k, #s, #k, kind, u, d, lo, hi, NULL, f, m, src, \
	  offsetof(struct model_params, s##_##k) },
#define PCHOICE(s, k, d, ch, f, m, src) \
	{ #s "." #k, #s, #k, PK_CHOICE, "choice", d, 0, \
	  (double)(sizeof ch / sizeof ch[0]) - 2, ch, f, m, src, \
	  offsetof(struct model_params, s##_##k) },
#define PTEXT(s, k, f, m, src) \
	{ #s "." #k, #s, #k, PK_TEXT, "text", 0, 0, 0, NULL, f, m, src, (size_t)-1 },
#define PNAMED(s, k, kind, u, d, lo, hi, f, m, src) \
	{ #s ".NAME." #k, #s, #k, kind, u, d, lo, hi, NULL, PF_NAMED | (f), m, src, \
	  offsetof(struct model_params, s##_##k) },
#define PNCHOICE(s, k, d, ch, m, src) \
	{ #s ".NAME." #k, #s, #k, PK_CHOICE, "choice", d, 0, \
	  (double)(sizeof ch / sizeof ch[0]) - 2, ch, PF_NAMED, m, src, \
	  offsetof(struct model_params, s##_##k) },
#define PNSET(s, k, d, ch, m, src) \
	{ #s ".NAME." #k, #s, #k, PK_SET, "set", d, 0, 0, ch, PF_NAMED, m, src, \
	  offsetof(struct model_params, s##_##k) },

/* Sized by its initialiser, so that a table and an enum param_id that did
** not come from the same list could not compile (params.h declares it with
** P_COUNT entries). */
const struct param_def params_table[] = {
#include "params.def"
};
const size_t params_count = P_COUNT;

#undef PARAM
#undef PCHOICE
#undef PTEXT
#undef PNAMED
#undef PNCHOICE
#undef PNSET
#undef REAL
#undef INT
#undef AUTO

void params_defaults(struct model_params *p)
{
	for (size_t i = 0; i < params_count; i++) {
		double *v = params_slot(p, &params_table[i]);
		size_t n = params_table[i].flags & PF_NAMED ? PARAMS_NAMED_MAX : 1;
		for (size_t j = 0; v && j < n; j++)
			v[j] = params_table[i].def;
	}
	p->schedule_active = 0;
	for (int k = 0; k < NAMED_COUNT; k++)
		p->named_count[k] = 0;
}

int params_whole(double x)
{
	return fabs(x - round(x)) <= PARAMS_WHOLE_TOL * fmax(1, fabs(x));
}

int params_named_kind(const char *section)
{
	for (int k = 0; k < NAMED_COUNT; k++)
		if (strcmp(section, params_named_sections[k]) == 0)
			return k;
	return -1;
}

double *params_slot(struct model_params *p, const struct param_def *def)
{
	if (def->kind == PK_TEXT)
		return NULL;
	return (double *)((char *)p + def->offset);
}

const double *params_cslot(const struct model_params *p, const struct param_def *def)
{
	if (def->kind == PK_TEXT)
		return NULL;
	return (const double *)((const char *)p + def->offset);
}
