/*
** rules.h: the rules between keys (models/rules.def), checked on a
** scenario's values. A broken rule blames the value set last among those
** that take part (--set over the files, a file over the one it extends, a
** later line over an earlier one; never a default), at its FILE:LINE or as
** "--set key: value ...", and says what that key may be given the others.
*/
#ifndef DTSIM_RULES_H
#define DTSIM_RULES_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "params.h"
#include "setting.h"

/* The NAMEs of a scenario's named sections of each kind, in order of first
** appearance (base files first): slot i of a named key is NAME i. */
struct rules_named {
	char name[NAMED_COUNT][PARAMS_NAMED_MAX][PARAMS_NAME_LEN];
	size_t n[NAMED_COUNT];
};

/* What the rules see of a scenario; every pointer is the scenario's. */
struct rules_scope {
	const struct setting_list *as;   /* every value, in order of precedence */
	const char *const *files;        /* the files read, by setting.src */
	const struct rules_named *nm;
	const unsigned char *skip;       /* P_COUNT flags: a rule with a key
	                                    marked here is not checked; NULL:
	                                    every rule is */
};

/*
** Checks every rule but SUM_ONE on b, the values outside year blocks (the
** first year's, with the named sections' slots filled), in the order of
** rules.def, and adds each broken rule to el (a rule between keys of named
** sections once for each section that breaks it). Returns 0, or -1 when a
** rule was broken.
*/
int rules_check(const struct rules_scope *sc, const struct model_params *b,
                struct errlist *el);

/* Checks the rules that hold in every year (SUM_ONE) on p, the parameters
** of fiscal year y. Returns 0, or -1 with e filled. */
int rules_check_year(const struct rules_scope *sc, const struct model_params *p, long y,
                     struct err *e);

/*
** Checks the warnings of the rules (CEILING, OM_BUDGET: starting values
** that contradict each other but can run) on b, the first year's derived
** parameters, and passes each one, as "FILE:LINE: name = value why" in
** an err, to emit. Returns how many there were.
*/
int rules_warn(const struct rules_scope *sc, const struct model_params *b,
               void (*emit)(const struct err *w, void *ctx), void *ctx);

/*
** The step sim.dt takes when no file and no --set gives it: with rk4 the
** registry's default (1/4 year) if the step rule allows it for b's time
** constants and b's sim.report_step is a whole multiple of it; otherwise,
** and with euler and rkf45, 1/12 year (MODEL.md 9.4 and 9.6).
*/
double rules_default_dt(const struct model_params *b);

/* Prints the rules in words: a Markdown list, or one rule a line. */
void rules_print(FILE *f, int markdown);

#endif
