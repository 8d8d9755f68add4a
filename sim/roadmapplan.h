/*
** roadmapplan.h: what a roadmap shows, computed from a run: the investment
** per domain of action and fiscal year, summed per phase, and the
** milestones (docs/MODEL.md 11.1). Numbers only: no file
** is read or written here, so roadmap.md (roadmapmd.h) and the chart
** (plotroad.h) show the same figures.
*/
#ifndef DTSIM_ROADMAPPLAN_H
#define DTSIM_ROADMAPPLAN_H

#include <stddef.h>

#include "domains.h"
#include "outvars.h"
#include "params.h"
#include "plot.h"
#include "summary.h"

/* A phase: the fiscal years first..last and the investment in each domain
** over them (EUR, nominal, every source of money), and its total. */
struct roadmap_phase {
	int first, last;
	double eur[DOM_COUNT];
	double total;
};

/* The milestones, in the order roadmap.md lists them. */
enum roadmap_milestone {
	ROADMAP_MS_HALF,     /* maturity at or above ROADMAP_MATURITY_HALF */
	ROADMAP_MS_TARGET,   /* maturity at or above services.target_maturity */
	ROADMAP_MS_LEGACY,   /* legacy share at or below legacy.target_share */
	ROADMAP_MS_PAYBACK,  /* the payback year (summary.h's KPI) */
	ROADMAP_NMS
};

struct roadmap_plan {
	int start, end;               /* the first and last fiscal year */
	double *year_eur;             /* (end - start + 1) x DOM_COUNT, row-major:
	                                 the investment per fiscal year and domain */
	struct roadmap_phase *phase;  /* in order; they cover start..end */
	size_t nphase;
	double level[ROADMAP_NMS];    /* the share each milestone is about (NaN
	                                 for payback) */
	double year[ROADMAP_NMS];     /* its fiscal year; NaN: not by end */
	struct summary kpi;           /* the run's KPIs */
};

/*
** Fills p from the rows s of a run of the fiscal years years[0..nyears)
** (as scenario_resolve gave them) whose phases start at the fiscal years
** starts[0..nstarts) (any order, repeats and years outside the run
** ignored; the first year always starts one). p owns its arrays
** (roadmapplan_free). Returns 0, or -1 when s has no rows or memory runs
** out.
**
** A row's investment counts in the fiscal year floor(year), so rows finer
** than a year add up; a milestone's year is floor(year) of the first row
** that ends at its level (summary.h reads the target year so).
*/
int roadmapplan_build(const struct series *s, const struct model_params *years, size_t nyears,
                      const int *starts, size_t nstarts, struct roadmap_plan *p);

/* Frees what p owns and empties it; NULL is a no-op. */
void roadmapplan_free(struct roadmap_plan *p);

/* The name of domain d as a roadmap shows it, in lang: domains.def's label
** with a capital letter, or its German name (a domain added to domains.def
** without one in roadmapplan.c shows its English label). Writes into buf. */
#define ROADMAP_LABEL_LEN 96
void roadmapplan_domain_label(enum domain d, enum plot_lang lang, char buf[ROADMAP_LABEL_LEN]);

/* The investment in domain d in fiscal year y of p (0 outside the run). */
double roadmapplan_eur(const struct roadmap_plan *p, int y, enum domain d);

#endif
