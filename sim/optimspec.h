/*
** optimspec.h: what a scenario's optimiser sections ask for, checked as a
** whole against the registries and the scenario (optimline.h reads the
** lines): the objective (a KPI), the decisions (a phase's allocation
** shares, or a REAL parameter in a phase or of a named section, with
** bounds) and the constraints (a KPI, or a column by a year or in every
** year). dtsim check and run report every mistake at FILE:LINE; dtsim
** optimise takes the result.
*/
#ifndef DTSIM_OPTIMSPEC_H
#define DTSIM_OPTIMSPEC_H

#include <stddef.h>

#include "err.h"
#include "params.h"
#include "scenario.h"

enum optimspec_target { OPTIM_ALLOCATION, OPTIM_PARAM };

/* One [decision.NAME]. An allocation decision has DOM_COUNT - 1 variables
** (the shares, on the simplex by the map of optimmap.h), a parameter one. */
struct optim_decision {
	char name[PARAMS_NAME_LEN];
	enum optimspec_target kind;
	const struct param_def *def;  /* OPTIM_PARAM: the parameter */
	char inst[PARAMS_NAME_LEN];   /* its named section's NAME, or "" */
	size_t slot;                  /* that section's slot */
	long first, last;             /* the phase (fiscal years), or 0, 0 */
	double lo, hi;                /* OPTIM_PARAM: the bounds */
	size_t nvar;                  /* variables it takes */
};

/* One [constraint.NAME]: measure relation bound, at a year or in every row. */
struct optim_constraint {
	char name[PARAMS_NAME_LEN];
	int kpi;           /* 1: measure is KPI `index`, 0: column `index` */
	int index;
	int relation;      /* OPT_LE or OPT_GE (optimline.h) */
	double bound;
	long by_year;      /* a column's fiscal year, or 0 with every_year */
	int every_year;
	double probability;/* robust mode: the share of draws that must meet it,
	                      or NAN: the mean over the draws must */
	char text[160];    /* "service_maturity >= 0.8 by 2032" */
};

struct optim_spec {
	int present;       /* 1 when [optimise] names an objective */
	int objective;     /* its KPI */
	int sense;         /* OPT_MIN or OPT_MAX */
	int method;        /* enum optimline_method */
	unsigned long seed;
	long max_evals;
	double global_share;
	long robust_runs;
	double tol, binding_tol;
	struct optim_decision *d;  /* owned */
	size_t nd;
	struct optim_constraint *c;/* owned */
	size_t nc;
	size_t nvar;       /* the sum of the decisions' variables */
	long start_year;   /* the scenario's first and last fiscal year */
	long end_year;
};

/*
** Reads the optimiser lines of sc, resolved as years[0..nyears-1], into
** *out (free with optimspec_free, also after a failure). Every mistake is
** added to el at the line at fault: an unknown KPI or column, a target
** that is not decidable, a phase outside the run or overlapping another of
** the same target, bounds outside the parameter's range, a constraint
** without its year. A scenario without these sections gives present = 0.
** Returns 0, or -1 when an error was added.
*/
int optimspec_build(const struct scenario *sc, const struct model_params *years,
                    size_t nyears, struct optim_spec *out, struct errlist *el);

void optimspec_free(struct optim_spec *s);

/* 1 when KPI k may be empty (NaN: never reached); such a KPI counts as
** the year after the horizon in a constraint and cannot be an objective. */
int optimspec_kpi_may_be_empty(int k);

#endif
