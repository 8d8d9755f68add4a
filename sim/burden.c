/*
** burden.c: a run's burden per budget year (burden.h).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "burden.h"

const enum outvar burden_columns[BURDEN_ITEMS] = {
	OV_own_cost_eur, OV_debt_service_eur, OV_service_fees_eur, OV_grants_eur,
};

/*
** The rows are in time order and never cross a year boundary (MODEL.md
** 2.6), so the fiscal years run from floor(first row's year) to
** floor(last row's year); a year is whole numbers of a double below 2^53.
*/
int burden_from_series(const struct series *s, struct burden *out)
{
	double first, last;

	memset(out, 0, sizeof *out);
	if (!s || s->rows == 0 || s->cols != OV_COUNT)
		return -1;
	first = floor(s->v[OV_year]);
	last = floor(s->v[(s->rows - 1) * s->cols + OV_year]);
	if (!(last >= first) || last - first > (double)s->rows)
		return -1;
	out->first_year = (int)first;
	out->nyears = (size_t)(last - first) + 1;
	out->v = calloc(out->nyears, sizeof *out->v);
	if (!out->v) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	for (size_t r = 0; r < s->rows; r++) {
		const double *row = s->v + r * s->cols;
		double y = floor(row[OV_year]) - first;

		if (!(y >= 0) || y >= (double)out->nyears)
			continue;
		for (int i = 0; i < BURDEN_ITEMS; i++) {
			out->v[(size_t)y][i] += row[burden_columns[i]];
			out->total[i] += row[burden_columns[i]];
		}
	}
	return 0;
}

void burden_free(struct burden *b)
{
	free(b->v);
	memset(b, 0, sizeof *b);
}
