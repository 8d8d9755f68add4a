/*
** outvars.h: the output-variable registry (CSV columns), from outvars.def.
*/
#ifndef DTSIM_OUTVARS_H
#define DTSIM_OUTVARS_H

#include <stddef.h>

#include "domains.h"

#define OUT(n, u, m) OV_##n,
enum outvar {
#include "outvars.def"
	OV_COUNT
};
#undef OUT

struct outvar_def {
	const char *name;
	const char *unit;
	const char *meaning;
};

extern const struct outvar_def outvars_table[OV_COUNT];

/* A time series of output rows: rows x cols values, row-major, cols =
** OV_COUNT, column c the output variable c. An empty series is
** { 0, 0, NULL }. */
struct series {
	size_t rows, cols;
	double *v;     /* owned; free with series_free */
};

/* Frees s->v and empties s. NULL is a no-op. */
void series_free(struct series *s);

/* The column invest_KEY_eur of each domain of action. */
extern const enum outvar outvars_invest[DOM_COUNT];

/* The index of the column called name, or -1. */
int outvars_find(const char *name);

#endif
