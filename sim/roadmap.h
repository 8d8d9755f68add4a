/*
** roadmap.h: the roadmap that `dtsim optimise` hands to a council: from a
** scenario (DIR/roadmap.ini, the optimum), DIR/roadmap.md (phases x
** domains of action in EUR and per cent, the milestones, the constraints
** met or violated with their margins and which bind), in English or
** German, and the roadmap chart (DIR/plots/roadmap.EXT: the investment
** by domain and year as a heat map, phases and milestones marked; its
** data DIR/plots/roadmap.csv), drawn as `dtsim plot` draws charts.
**
** A phase is a span of fiscal years with one plan: the scenario's year
** blocks [allocation@YEAR] and [budget@YEAR] each start one, and so do the
** first year of a schedule (allocation.schedule, [schedule@YEAR]) and the
** year after its last; a scenario with none of them is one phase over the
** whole run. docs/MODEL.md 11.1 defines phases and milestones.
*/
#ifndef DTSIM_ROADMAP_H
#define DTSIM_ROADMAP_H

#include <stddef.h>

#include "err.h"
#include "plot.h"

/* The share of services online of the first maturity milestone (the
** second is the scenario's services.target_maturity). */
#define ROADMAP_MATURITY_HALF 0.5

/* One constraint of the optimisation ([constraint.NAME]) at the optimum,
** as the optimiser judged it. The strings are the caller's. */
struct roadmap_constraint {
	const char *name;   /* NAME of [constraint.NAME] */
	const char *text;   /* e.g. "service_maturity >= 0.8 by 2032" */
	double value;       /* achieved value (worst year for every_year) */
	double bound;
	double margin;      /* >= 0 when met, in the constraint's unit */
	int met;            /* 1 met, 0 violated */
	int binding;        /* |margin| within the optimiser's tolerance */
	int year;           /* year the value is taken from */
	const char *unit;   /* the unit of value, bound and margin as
	                       models/outvars.def and kpis.def write units ("1",
	                       "EUR", "index"); NULL: the unit of the KPI or
	                       column that text begins with, else none */
};

/* The robust mode's figures over the draws: roadmap.md shows them beside
** the nominal run's and says which is which. */
struct roadmap_robust {
	size_t runs;              /* M, the draws */
	double mean, sd, lo, hi;  /* the objective over them: mean, standard
	                             deviation, 5th and 95th percentile (NaN:
	                             none) */
	const double *probability;/* nc: the share of the draws in which each
	                             constraint holds (the caller's) */
};

/* How the roadmap is written. Zero-initialised: English, no chart, no
** objective. */
struct roadmap_opts {
	enum plot_lang lang;    /* PLOT_EN or PLOT_DE: roadmap.md and the chart */
	int chart;              /* 1: draw the roadmap chart */
	struct plot_opts plot;  /* the chart's formats, size, templates, gnuplot
	                           program, jobs, progress line (as `dtsim plot`
	                           takes them: cli_chart_opts); its lang is
	                           ignored, lang above counts */
	const char *objective;  /* the KPI optimised (summary.h's name, e.g.
	                           "pv_cost_eur"), or NULL */
	int maximise;           /* 1: the objective was maximised */
	const struct roadmap_robust *robust;  /* the robust mode's figures,
	                           or NULL outside it */
};

/*
** Loads roadmap_ini (an ordinary scenario whose allocation and budget
** year blocks are the phases; normally DIR/roadmap.ini), runs it, and
** writes DIR/roadmap.md and, with o->chart, the roadmap chart in the
** formats of o->plot, with the constraints c[0..nc) (nc may be 0). Every
** file appears whole or not at all; the caller holds DIR's lock
** (resdir_lock). Returns 0, or -1 with el filled: the scenario does not
** load or run (every error, FILE:LINE), a file cannot be written, or a
** chart failed (gnuplot's message; roadmap.md is written then).
*/
int roadmap_write(const char *dir, const char *roadmap_ini, const struct roadmap_constraint *c,
                  size_t nc, const struct roadmap_opts *o, struct errlist *el);

/* 1 when dir holds what dtsim optimise writes (roadmap.ini or
** convergence.csv), so `dtsim plot DIR` redraws its roadmap chart. */
int roadmap_present(const char *dir);

/*
** Loads, checks and resolves DIR/roadmap.ini without running it or writing
** anything: `dtsim plot DIR` finds bad input before it writes. Returns 0,
** or -1 with every error added to el (FILE:LINE; a missing file too).
*/
int roadmap_check(const char *dir, struct errlist *el);

/*
** Redraws the roadmap chart of DIR from DIR/roadmap.ini, the scenario of
** the optimum (run again, as dtsim optimise ran it), in the formats, size
** and language of o (o->templates set), as roadmap_write draws it; the
** chart's data DIR/plots/roadmap.csv is written anew from the run, never
** read. The caller holds dir's lock. Returns 0, or -1 with el filled (the
** scenario does not load or run, or the chart failed).
*/
int roadmap_redraw(const char *dir, const struct plot_opts *o, struct errlist *el);

#endif
