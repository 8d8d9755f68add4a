/*
** sensitivity.h: one-at-a-time (OAT) sensitivity of a scenario's KPIs to
** its parameters, for `dtsim sensitivity --method oat`: which parameters
** take part, how each one is varied, the runs, and the elasticities.
**
** Every numeric parameter of the registry takes part (sensitivity.c says
** which are left out and why), each varied on its own while every other
** keeps the scenario's values: scaled by 1 - h and 1 + h in every fiscal
** year (h the relative step), within its range. The elasticity of KPI K to
** parameter p is a central difference,
**
**     E = ((K_high - K_low) / |K_base|) / ((p_high - p_low) / p_base),
**
** one-sided (K_base and p_base in place of the missing side) when one side
** could not be run. Nothing here prints: a run that fails is recorded with
** its message, and the caller decides what to say.
**
** Usage: sens_new (runs the scenario as it is), then sens_run for every
** parameter 0 .. sens_count - 1 (the caller owns the loop), then read the
** parameters, elasticities and notes; sens_free.
*/
#ifndef DTSIM_SENSITIVITY_H
#define DTSIM_SENSITIVITY_H

#include <stddef.h>

#include "err.h"
#include "params.h"
#include "scenario.h"
#include "strbuf.h"
#include "summary.h"

/* The relative step when --step is not given, and the largest allowed:
** beyond half the value a difference says little about the neighbourhood
** of the scenario, and 1 - h must stay above 0 to keep each value's sign. */
#define SENS_STEP_DEFAULT 0.1
#define SENS_STEP_MAX 0.5

/* Room for a parameter's full name: "section.key" or "section.NAME.key". */
#define SENS_NAME_LEN 128

/* The KPIs analysed when none are named, from sensitivity.def. */
extern const enum kpi sens_default_kpis[];
extern const size_t sens_default_kpi_count;

/* The two sides of a variation. */
enum sens_dir { SENS_LOW, SENS_HIGH };

/* How a parameter is varied. */
enum sens_mode {
	SENS_SCALED,     /* times 1 - h and 1 + h in every year, within its range */
	SENS_FROM_ZERO,  /* 0 in every year: raised to h x |default| (high side only;
	                 ** an auto key's default: what auto derives to) */
	SENS_FIXED       /* 0 in every year and by default: no scale, not varied */
};

/* What became of one side of a variation. */
enum sens_status {
	SENS_PENDING,    /* not run yet (sens_run) */
	SENS_RAN,        /* run; kpi holds its KPIs */
	SENS_FAILED,     /* run, and the engine stopped: why */
	SENS_AT_BOUND,   /* not run: the value is at this end of its range */
	SENS_REFUSED,    /* not run: the value breaks a rule between keys: why */
	SENS_NO_ROOM,    /* not run: a share cannot fall while every other is 0 */
	SENS_NOT_VARIED  /* not run: the mode has no such side */
};

struct sens_side {
	enum sens_status status;
	double value;        /* the first year's value on this side; NaN if none */
	double rel;          /* SENS_SCALED: the relative change (value - base) / base,
	                     ** the same in every year: -h, +h, or less when cut */
	int clipped;         /* 1 when the range cut the step short */
	struct summary kpi;  /* SENS_RAN: the KPIs of the run */
	char *why;           /* SENS_FAILED, SENS_REFUSED: the message (owned) */
};

/* One parameter that takes part. */
struct sens_param {
	const struct param_def *def;
	size_t slot;              /* of a key of a named section: its section's index */
	char name[SENS_NAME_LEN]; /* "section.key", or "section.NAME.key" */
	int decision;             /* 1 a decision (sensitivity.def), 0 an assumption */
	enum sens_mode mode;
	double base;              /* the first year's value in the scenario (of a
	                          ** key auto in the first years: the first value
	                          ** that a year block sets) */
	struct sens_side side[2]; /* SENS_LOW, SENS_HIGH */
};

struct sens;

/*
** Chooses the parameters of sc that take part and runs the scenario as it
** is: years[0..nyears-1] are its resolved fiscal years with auto values
** kept (scenario_resolve_raw): an auto value does not take part itself, it
** moves with what it is derived from, derived again in every run (derived
** years work too, but then each derived value is varied on its own); step
** the relative step h (0 < h <= SENS_STEP_MAX). sc and years must
** outlive the handle; the handle copies what it changes. On success *out
** owns a new handle (sens_free). Returns -1 with e filled when step is out
** of range, memory runs out, or the scenario's own run fails.
*/
int sens_new(const struct scenario *sc, const struct model_params *years, size_t nyears,
             double step, struct sens **out, struct err *e);

void sens_free(struct sens *s);

/* The parameters that take part, in registry order (named sections' keys
** in the order of their sections). */
size_t sens_count(const struct sens *s);
const struct sens_param *sens_param(const struct sens *s, size_t i);

/* The KPIs of the scenario's own run; the relative step. */
const struct summary *sens_base(const struct sens *s);
double sens_step(const struct sens *s);

/*
** Runs both sides of parameter i (each side's status says what became of
** it). Returns how many of its runs failed (0, 1 or 2); a failed run is
** recorded, and the analysis can go on with the next parameter.
*/
int sens_run(struct sens *s, size_t i);

/*
** Writes into out (nyears records, the caller's) the fiscal years that
** side d of parameter i ran, after sens_run: the scenario's, with that
** parameter varied and, for an allocation share, the other shares of each
** year scaled so that they still sum to 1. Returns 0, or -1 when the side
** has no such years (its status is none of SENS_RAN, SENS_FAILED and
** SENS_REFUSED).
*/
int sens_vary(const struct sens *s, size_t i, enum sens_dir d, struct model_params *out);

/*
** The elasticity of KPI k to parameter i (the formula above), or NaN when
** it has none: the parameter is not varied or is 0, the KPI has no value
** or is 0 in the scenario's run, or no side ran with a value of it. For a
** KPI that is a calendar year (unit "year": target_year, payback_year),
** the KPI in the formula is the time from the start to the end of that
** year, K - sim.start_year + 1. Never infinite.
*/
double sens_elasticity(const struct sens *s, size_t i, enum kpi k);

/*
** Appends to b what a reader needs to know about the elasticity of KPI k
** to parameter i: why it is empty, that it is one-sided and why, that a
** step was cut short by a range, that a run failed. Nothing for a central
** difference of two full steps.
*/
void sens_note(const struct sens *s, size_t i, enum kpi k, struct strbuf *b);

/*
** Orders the parameters by the size of their elasticity to KPI k, the
** largest |E| first; those without one last, in registry order; ties keep
** registry order. order[j] is the index of the j-th, rank[j] its rank
** (1 + the number with a strictly larger |E|), 0 when it has no
** elasticity. order and rank have sens_count entries, the caller's.
*/
void sens_order(const struct sens *s, enum kpi k, size_t *order, size_t *rank);

#endif
