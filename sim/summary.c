/*
** summary.c: the key figures of one run, from its time series.
** The KPI table comes from SUMMARY_KPIS in summary.h, so the names in
** summary.csv, the docs and the enum cannot drift apart.
*/
#include <math.h>

#include "outvars.h"
#include "summary.h"

#define SUMMARY_ROW(n, u, b, m) { #n, u, b, m },
const struct kpi_def summary_kpis[KPI_COUNT] = {
	SUMMARY_KPIS(SUMMARY_ROW)
};
#undef SUMMARY_ROW

/* The sum of column c over every row of s. */
static double column_total(const struct series *s, enum outvar c)
{
	double t = 0;

	for (size_t r = 0; r < s->rows; r++)
		t += s->v[r * s->cols + c];
	return t;
}

/*
** Stocks are read from the last row (the state at the end of the horizon);
** flows are summed over the rows, which works for any report step because
** each row holds the flow over its own period. target_year is the fiscal
** year of the first row that ends with maturity at the target: floor(year),
** so a monthly row of 2031.5 counts as 2031. NaN when it is never reached.
*/
int summary_compute(const struct series *s, const struct model_params *p, struct summary *out)
{
	const double *last;

	if (!s || s->rows == 0 || s->cols != OV_COUNT)
		return -1;
	last = s->v + (s->rows - 1) * s->cols;

	out->v[KPI_end_cash_eur] = last[OV_cash_eur];
	out->v[KPI_end_workforce_skill] = last[OV_workforce_skill];
	out->v[KPI_end_legacy_share] = last[OV_legacy_share];
	out->v[KPI_end_change_resistance] = last[OV_change_resistance];
	out->v[KPI_end_service_maturity] = last[OV_service_maturity];
	out->v[KPI_end_citizen_adoption] = last[OV_citizen_adoption];
	out->v[KPI_end_om_share] = last[OV_om_share];

	out->v[KPI_target_year] = NAN;
	for (size_t r = 0; r < s->rows; r++) {
		const double *row = s->v + r * s->cols;
		if (row[OV_service_maturity] >= p->services_target_maturity) {
			out->v[KPI_target_year] = floor(row[OV_year]);
			break;
		}
	}

	out->v[KPI_total_investment_eur] = column_total(s, OV_investment_eur);
	out->v[KPI_total_savings_eur] = column_total(s, OV_savings_eur);
	out->v[KPI_total_om_eur] = column_total(s, OV_om_legacy_eur)
	                           + column_total(s, OV_om_modern_eur)
	                           + column_total(s, OV_om_digital_eur);
	out->v[KPI_total_shortfall_eur] = column_total(s, OV_shortfall_eur);
	out->v[KPI_expected_incidents] = column_total(s, OV_expected_incidents);
	return 0;
}
