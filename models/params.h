/*
** params.h: the parameter registry's records.
** Every parameter is listed once, in params.def; this header turns that list
** into struct model_params (one double per parameter) and declares the table
** (params_table) that describes each one: name, unit, range, meaning, source.
*/
#ifndef DTSIM_PARAMS_H
#define DTSIM_PARAMS_H

#include <stddef.h>

enum param_kind { PK_REAL, PK_INT, PK_CHOICE, PK_TEXT };

#define PF_YEARLY   1u  /* may change from a fiscal year on: [section@YEAR] */
#define PF_SHARE    2u  /* an allocation share; the shares sum to 1 */
#define PF_SCHEDULE 4u  /* only in [schedule@YEAR]; holds for that year only */

/* One parameter. Values of every kind but PK_TEXT are stored as a double
** at `offset` in struct model_params (PK_INT holds a whole number, PK_CHOICE
** an index into `choices`). PK_TEXT values live in the scenario, not there. */
struct param_def {
	const char *name;     /* "section.key" */
	const char *section;
	const char *key;
	enum param_kind kind;
	const char *unit;
	double def, min, max;
	const char *const *choices; /* PK_CHOICE: NULL-terminated names */
	unsigned flags;
	const char *meaning;
	const char *source;
	size_t offset;        /* (size_t)-1 for PK_TEXT */
};

#define PARAM(s, k, kind, u, d, lo, hi, f, m, src) double s##_##k;
#define PCHOICE(s, k, d, ch, f, m, src) double s##_##k;
#define PTEXT(s, k, m, src)
struct model_params {
#include "params.def"
	/* Not a parameter: set by the scenario resolver to 1 in a year that has
	** a schedule row, so the schedule_* fields replace shares that year. */
	double schedule_active;
};
#undef PARAM
#undef PCHOICE
#undef PTEXT

enum sim_method { METHOD_EULER, METHOD_RK4, METHOD_RKF45 };

extern const struct param_def params_table[];
extern const size_t params_count;
extern const char *const params_methods[];

/* Sets every numeric parameter to its default and schedule_active to 0. */
void params_defaults(struct model_params *p);

/* The address of def's value in p; NULL for PK_TEXT. */
double *params_slot(struct model_params *p, const struct param_def *def);
const double *params_cslot(const struct model_params *p, const struct param_def *def);

#endif
