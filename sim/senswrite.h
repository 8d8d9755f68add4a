/*
** senswrite.h: the files of `dtsim sensitivity`: sensitivity.csv (every
** parameter and KPI, exact numbers) and sensitivity.md (the parameters that
** matter most for each KPI, as a Markdown report). Both say which dtsim
** and which model wrote them.
*/
#ifndef DTSIM_SENSWRITE_H
#define DTSIM_SENSWRITE_H

#include <stddef.h>

#include "err.h"
#include "sensitivity.h"

/* The rows per KPI in sensitivity.md: the parameters with the largest
** elasticities, and the decisions named besides them. */
#define SENSWRITE_MD_TOP 10
#define SENSWRITE_MD_DECISIONS 3

/* What the files describe: an analysis after sens_run of every parameter,
** the scenario's id and name, and the KPIs in the order to show them. The
** pointers are the caller's. */
struct senswrite_in {
	const struct sens *s;
	const char *id, *name;
	const enum kpi *kpi;
	size_t nkpi;
};

/*
** Writes sensitivity.csv to path, whole or not at all: a header, then one
** row per KPI and parameter, KPI by KPI in the order of in->kpi and within
** a KPI by rank (sens_order), with the columns
**   scenario, kpi, rank, parameter, role, unit, base, low, high, kpi_base,
**   kpi_low, kpi_high, elasticity, note, step, dtsim_version, model_version
** base, low and high are the parameter's first-year values (low and high
** empty for a side without a value); kpi_* the KPI in the scenario's run
** and in each side's run (empty when it has none); rank and elasticity
** empty when there is no elasticity, and note says why (sens_note).
** Returns 0, or -1 with e filled.
*/
int senswrite_csv(const char *path, const struct senswrite_in *in, struct err *e);

/*
** Writes sensitivity.md to path, whole or not at all: what was done and
** how to read it, then per KPI its value in the scenario, a table of the
** SENSWRITE_MD_TOP parameters with the largest elasticities (rank,
** parameter, decision or assumption, value, unit, elasticity to 3
** significant digits, note) and the largest SENSWRITE_MD_DECISIONS
** decisions; last, the parameters that were not varied and the runs that
** failed. Returns 0, or -1 with e filled.
*/
int senswrite_md(const char *path, const struct senswrite_in *in, struct err *e);

#endif
