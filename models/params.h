/*
** params.h: the parameter registry's records.
** Every parameter is listed once, in params.def; this header turns that list
** into struct model_params (one double per parameter) and declares the table
** (params_table) that describes each one: name, unit, range, meaning, source.
*/
#ifndef DTSIM_PARAMS_H
#define DTSIM_PARAMS_H

#include <math.h>
#include <stddef.h>

#include "domains.h"

enum param_kind { PK_REAL, PK_INT, PK_CHOICE, PK_TEXT, PK_SET };

#define PF_YEARLY   1u  /* may change from a fiscal year on: [section@YEAR] */
#define PF_SHARE    2u  /* an allocation share; the shares sum to 1 */
#define PF_SCHEDULE 4u  /* only in [schedule@YEAR]; holds for that year only */
#define PF_NAMED    8u  /* a key of a named section [section.NAME] */
#define PF_FILE     16u /* a text naming a file relative to its scenario file */
#define PF_AUTO     32u /* may be "auto" (the default): derived from the
                        ** municipality profile (models/profile.c) */
#define PF_REPORT   64u /* read only by a report (roadmap.md's milestones):
                        ** it changes no run, so sensitivity leaves it out */

/* Named sections of one kind a scenario may hold, and the longest NAME. */
#define PARAMS_NAMED_MAX 8
#define PARAMS_NAME_LEN 32

/* The kinds of named section, in params.def order. */
enum params_named { NAMED_GRANT, NAMED_LOAN, NAMED_SERVICE, NAMED_SHOCK, NAMED_COUNT };
extern const char *const params_named_sections[NAMED_COUNT];

/* A set of domains of action (PK_SET) is a bit mask (domains.h). */

/* One parameter. Values of every kind but PK_TEXT are stored as a double
** at `offset` in struct model_params (PK_INT holds a whole number, PK_CHOICE
** an index into `choices`, PK_SET a bit mask of `choices`). PK_TEXT values
** live in the scenario, not there. A PF_NAMED parameter has one double per
** named section, PARAMS_NAMED_MAX in a row from `offset`; its name is
** "section.NAME.key". */
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
#define PTEXT(s, k, f, m, src)
#define PNAMED(s, k, kind, u, d, lo, hi, f, m, src) double s##_##k[PARAMS_NAMED_MAX];
#define PNCHOICE(s, k, d, ch, m, src) double s##_##k[PARAMS_NAMED_MAX];
#define PNSET(s, k, d, ch, m, src) double s##_##k[PARAMS_NAMED_MAX];
struct model_params {
#include "params.def"
	/* Not a parameter: set by the scenario resolver to 1 in a year that has
	** a schedule row, so the schedule_* fields replace shares that year. */
	double schedule_active;
	/* Not parameters: how many named sections of each kind the scenario
	** holds (the first named_count[k] slots of their keys are in use). */
	size_t named_count[NAMED_COUNT];
};
#undef PARAM
#undef PCHOICE
#undef PTEXT
#undef PNAMED
#undef PNCHOICE
#undef PNSET

/* The id of every parameter: P_section_key, its index in params_table, in
** params.def order (P_grant_amount_eur for a key of a named section). */
#define PARAM(s, k, kind, u, d, lo, hi, f, m, src) P_##s##_##k,
#define PCHOICE(s, k, d, ch, f, m, src) P_##s##_##k,
#define PTEXT(s, k, f, m, src) P_##s##_##k,
#define PNAMED(s, k, kind, u, d, lo, hi, f, m, src) P_##s##_##k,
#define PNCHOICE(s, k, d, ch, m, src) P_##s##_##k,
#define PNSET(s, k, d, ch, m, src) P_##s##_##k,
enum param_id {
#include "params.def"
	P_COUNT
};
#undef PARAM
#undef PCHOICE
#undef PTEXT
#undef PNAMED
#undef PNCHOICE
#undef PNSET

enum sim_method { METHOD_EULER, METHOD_RK4, METHOD_RKF45 };

extern const struct param_def params_table[P_COUNT];
extern const size_t params_count;

/* The parameter with id `id` (enum param_id). */
#define PARAM_DEF(id) (&params_table[(id)])
extern const char *const params_methods[];
extern const char *const params_repayments[];
extern const char *const params_shock_budgets[];
extern const char *const params_schedule_units[];
extern const char *const params_discountings[];

enum loan_repayment { REPAY_ANNUITY, REPAY_LINEAR };
enum shock_budget { SHOCK_BOTH, SHOCK_BASE, SHOCK_TRANSFORMATION };
enum schedule_unit { SCHEDULE_EUR, SCHEDULE_EUR_PER_INHABITANT };
enum discounting { DISCOUNT_YEAR_END, DISCOUNT_WIBE };

/* Sets every numeric parameter (every slot of a named one) to its default,
** schedule_active to 0 and the named counts to 0. */
void params_defaults(struct model_params *p);

/* The address of def's value in p (of its first slot when PF_NAMED); NULL
** for PK_TEXT. */
double *params_slot(struct model_params *p, const struct param_def *def);
const double *params_cslot(const struct model_params *p, const struct param_def *def);

/*
** How far a number may be from a whole number and still count as one
** (dimensionless, relative to the number when it is above 1): 1/sim.dt,
** the report step as a multiple of the step, steps a year, a sum of shares
** against 1. Decimal input such as 0.083333333333333329 is far closer;
** scenario checking and the engine use this one value.
*/
#define PARAMS_WHOLE_TOL 1e-9

/* The value "auto" of a PF_AUTO parameter, until models/profile.c derives
** it: scenario_resolve hands the engine only derived numbers. */
#define PARAMS_AUTO NAN
static inline int params_is_auto(double v)
{
	return v != v;
}

/* 1 when x is a whole number within PARAMS_WHOLE_TOL * max(1, |x|). */
int params_whole(double x);

/* The kind of named section `section` is ("grant", ...), or -1. */
int params_named_kind(const char *section);

#endif
