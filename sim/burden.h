/*
** burden.h: a scenario's burden per budget year, for the council tables
** of `dtsim compare`: own cost, debt service, contract fees and grants
** received in each fiscal year, summed from the rows of its run (the
** columns own_cost_eur, debt_service_eur, service_fees_eur and grants_eur
** of ID.csv), and their totals over the horizon.
*/
#ifndef DTSIM_BURDEN_H
#define DTSIM_BURDEN_H

#include <stddef.h>

#include "outvars.h"

/* The items of the burden, in the order of the tables. */
enum burden_item { BURDEN_OWN_COST, BURDEN_DEBT_SERVICE, BURDEN_FEES, BURDEN_GRANTS,
                   BURDEN_ITEMS };

/* The CSV column each item sums. */
extern const enum outvar burden_columns[BURDEN_ITEMS];

/*
** nyears fiscal years from first_year on: v[y][i] is item i in fiscal year
** first_year + y (EUR), total[i] its sum over the horizon (EUR). v is
** owned (burden_free).
*/
struct burden {
	int first_year;
	size_t nyears;
	double (*v)[BURDEN_ITEMS];
	double total[BURDEN_ITEMS];
};

/*
** Sums the rows of s (a run's series, any report step) by fiscal year: a
** row labelled 2027.25 belongs to 2027. Returns 0 with out filled, or -1
** when s has no rows or memory runs out (out is then empty).
*/
int burden_from_series(const struct series *s, struct burden *out);

/* Frees b's years; b is then empty. */
void burden_free(struct burden *b);

#endif
