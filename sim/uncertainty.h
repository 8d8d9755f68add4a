/*
** uncertainty.h: the uncertain parameters of one scenario, ready for
** Monte Carlo and sensitivity runs: each with its distribution (its
** [uncertainty] line, or the default PERT over its assumption range,
** models/uncertainty.def), drawn by inverse CDF and applied to the
** resolved years by the rules of docs/MODEL.md 17.
*/
#ifndef DTSIM_UNCERTAINTY_H
#define DTSIM_UNCERTAINTY_H

#include <stddef.h>

#include "err.h"
#include "params.h"
#include "scenario.h"
#include "strbuf.h"

struct unc_set;

/*
** Builds the uncertain parameters of sc (loaded and resolving): those its
** [uncertainty] section names (but `off`), and every parameter with a
** range in models/uncertainty.def that the section leaves alone, drawn
** from PERT(min, value, max) with the scenario's first-year value as mode
** (moved into [min, max] when outside). Checks that no draw can break a
** rule between keys (models/rules.def): the corners of the supports are
** tried (MODEL.md 17). Every error is added to el: a line naming a named
** section sc does not have, a distribution that could break a rule (at its
** [uncertainty] line, or naming the default). Returns 0 with *out owned by
** the caller (unc_free), or -1 with *out NULL.
*/
int unc_build(const struct scenario *sc, struct unc_set **out, struct errlist *el);

/* Tabulates the inverse CDF of every PERT in u, so that unc_quantile
** costs a table search and a few Newton steps instead of GSL's beta
** inverse (about 11 us a call; MODEL.md 17). Only the commands that draw
** many times call it (mc, sensitivity, optimise); the tables would cost
** more than check or run uses them. Returns 0, or -1 when memory runs
** out (u still answers, untabulated). */
int unc_tabulate(struct unc_set *u);

/*
** Builds a set of the parameters named by keys[0..nkeys-1] of sc alone
** ("section.key", or "section.NAME.key" for a named section's key): real
** parameters (not sim.*, schedule.* or calendar years), each over its
** whole registry range narrowed, as unc_build narrows a default range,
** until every corner keeps the rules between keys (the support,
** unc_quantile at 0 and 1, is what a fit may explore). dtsim calibrate
** fits them; unc_apply moves them as it moves drawn values. Errors (key
** "--fit": an unknown key, a key named twice, one that is not real) are
** added to el. Returns 0 with *out owned by the caller, or -1.
*/
int unc_build_keys(const struct scenario *sc, const char *const *keys, size_t nkeys,
                   struct unc_set **out, struct errlist *el);

/* How many uncertain parameters u holds. */
size_t unc_count(const struct unc_set *u);

/* The name of parameter i, "legacy.om_rate" or "grant.eu.cofunding_share":
** stable (the order is params.def's, named sections by their order in the
** scenario), and its hash is the stream id; owned by u. */
const char *unc_name(const struct unc_set *u, size_t i);

/* Parameter i's value in the scenario's first year, and its registry
** entry (owned by the registry). */
double unc_base(const struct unc_set *u, size_t i);
const struct param_def *unc_def(const struct unc_set *u, size_t i);

/* The slot of parameter i's value: ((double *)&years[y])[slot]. */
size_t unc_param_slot(const struct unc_set *u, size_t i);

/* The q-quantile (q in (0, 1); 0 and 1 give the ends of the support) of
** parameter i's distribution by its inverse CDF, in the parameter's unit,
** inside its range; a choice returns the chosen value (a CHOICE key: the
** index of the choice). */
double unc_quantile(const struct unc_set *u, size_t i, double q);

/* unc_quantile of each of q[0..m-1] into x[0..m-1], the same bits, faster
** for many (a block of runs). */
void unc_quantiles(const struct unc_set *u, size_t i, const double *q, double *x, size_t m);

/*
** Sets parameter i to x[i] for every i in years[0..nyears-1] (the years
** sc resolved to, nyears of them): a parameter that changes in year blocks
** shifts every year's value by x[i] minus its first-year value, clipped to
** its range; a choice sets every year. Allocation shares are renormalised
** to sum to 1 when one is uncertain, and the auto values that depend on a
** drawn parameter are derived again (models/profile.c). Only the drawn
** parameters, the shares and the derived values are written, each from
** what u holds: years need not be reset between calls. No allocation.
** Returns 0, or -1 when nyears differs from the scenario's or the draw
** leaves no positive share or no positive portfolio value (unc_build
** rejects distributions that could).
*/
int unc_apply(const struct unc_set *u, const double *x, struct model_params *years,
              size_t nyears);

/* Appends parameter i's distribution as text, "pert(0.6, 0.7, 0.8)". */
void unc_format(const struct unc_set *u, size_t i, struct strbuf *b);

/* Where parameter i's distribution comes from: its [uncertainty] line
** ("FILE:LINE"), "--set", or "default". */
void unc_source(const struct unc_set *u, size_t i, struct strbuf *b);

void unc_free(struct unc_set *u);

#endif
