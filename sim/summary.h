/*
** summary.h: key figures of one run, for summary.csv.
*/
#ifndef DTSIM_SUMMARY_H
#define DTSIM_SUMMARY_H

#include "outvars.h"
#include "params.h"

/* The KPIs, from models/kpis.def: KPI_name is each one's index. */
#define KPI(n, u, b, m, de) KPI_##n,
enum kpi {
#include "kpis.def"
	KPI_COUNT
};
#undef KPI

struct kpi_def {
	const char *name, *unit;
	int better;  /* +1 higher is better, -1 lower is better, 0 neither */
	const char *meaning;
	const char *label_de;  /* a short German name, for table headers */
};
extern const struct kpi_def summary_kpis[KPI_COUNT];

/* A KPI that does not exist (target never reached, no payback) is NaN here
** and an empty field in the CSV. */
struct summary {
	double v[KPI_COUNT];
};

/* Computes the KPIs from a run's yearly or finer rows; p (the first year's
** parameters) gives the target, the discount rate, the start year and the
** report step. Returns -1 if s has no rows. */
int summary_compute(const struct series *s, const struct model_params *p, struct summary *out);

#endif
