/*
** optimout.h: the files of dtsim optimise besides roadmap.ini, each written
** whole or not at all (afile.h): DIR/convergence.csv (every evaluation:
** its objective, its largest relative violation, the best feasible
** objective so far) and DIR/constraints.csv (each constraint at the
** optimum: value, bound, margin, met, binding), and the report on stdout.
*/
#ifndef DTSIM_OPTIMOUT_H
#define DTSIM_OPTIMOUT_H

#include <stdio.h>

#include "err.h"
#include "optim.h"
#include "optimspec.h"

/* Writes DIR/convergence.csv: evaluation,stage,objective,max_violation,
** best_so_far (stage: start, global or local; an empty field for a value
** that does not exist). Returns 0, or -1 with e filled. */
int optimout_convergence(const char *dir, const struct optim_result *r, struct err *e);

/* Writes DIR/constraints.csv: constraint,text,year,value,bound,margin,met,
** binding, one row per constraint of sp at the point pt. */
int optimout_constraints(const char *dir, const struct optim_spec *sp,
                         const struct optim_point *pt, struct err *e);

/* 1 when constraint k is binding at pt: |margin| <= binding_tol x
** max(1, |bound|) (probability constraints: x 1). */
int optimout_binding(const struct optim_spec *sp, const struct optim_point *pt, size_t k);

/* Prints the outcome to f: the objective at the start and at the best
** point, feasible or not, each constraint met or violated with its
** margin, the evaluations and runs made. */
void optimout_report(FILE *f, const struct optim_spec *sp, const struct optim_result *r,
                     double seconds);

#endif
