/*
** params.c: the parameter table, generated from params.def.
*/
#include "params.h"

/* Defined here, before the table, so PCHOICE can take its length. */
const char *const params_methods[] = { "euler", "rk4", "rkf45", NULL };

#define REAL PK_REAL
#define INT PK_INT
#define PARAM(s, k, kind, u, d, lo, hi, f, m, src) \
	{ #s "." #k, #s, #k, kind, u, d, lo, hi, NULL, f, m, src, \
	  offsetof(struct model_params, s##_##k) },
#define PCHOICE(s, k, d, ch, f, m, src) \
	{ #s "." #k, #s, #k, PK_CHOICE, "choice", d, 0, \
	  (double)(sizeof ch / sizeof ch[0]) - 2, ch, f, m, src, \
	  offsetof(struct model_params, s##_##k) },
#define PTEXT(s, k, m, src) \
	{ #s "." #k, #s, #k, PK_TEXT, "text", 0, 0, 0, NULL, 0, m, src, (size_t)-1 },

const struct param_def params_table[] = {
#include "params.def"
};
const size_t params_count = sizeof params_table / sizeof params_table[0];

#undef PARAM
#undef PCHOICE
#undef PTEXT
#undef REAL
#undef INT

void params_defaults(struct model_params *p)
{
	for (size_t i = 0; i < params_count; i++) {
		double *v = params_slot(p, &params_table[i]);
		if (v)
			*v = params_table[i].def;
	}
	p->schedule_active = 0;
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
