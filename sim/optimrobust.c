/*
** optimrobust.c: robust.csv and the robust mode's lines of the report of
** dtsim optimise (optimrobust.h).
*/
#include <errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "csvout.h"
#include "optimrobust.h"
#include "outvars.h"
#include "resdir.h"
#include "summary.h"

void optimrobust_stat(const double *x, size_t m, double *work, struct optimrobust_stat *out)
{
	size_t n = 0;

	for (size_t r = 0; r < m; r++)
		if (!isnan(x[r]))
			work[n++] = x[r];
	gsl_sort(work, 1, n);
	out->n = n;
	out->mean = n > 0 ? gsl_stats_mean(work, 1, n) : NAN;
	out->sd = n > 1 ? gsl_stats_sd(work, 1, n) : NAN;
	for (size_t r = n; r < m; r++)
		work[r] = NAN;
	out->lo = m > 0 ? gsl_stats_quantile_from_sorted_data(work, 1, m, OPTIMROBUST_LO) : NAN;
	out->hi = m > 0 ? gsl_stats_quantile_from_sorted_data(work, 1, m, OPTIMROBUST_HI) : NAN;
}

/* Writes a row's numbers: nominal, then the statistics of s. */
static int put_stats(FILE *f, double nominal, const struct optimrobust_stat *s)
{
	int bad = csvout_number(f, nominal, 0);

	bad |= csvout_number(f, s->mean, 0);
	bad |= csvout_number(f, s->sd, 0);
	bad |= csvout_number(f, s->lo, 0);
	bad |= csvout_number(f, s->hi, 0);
	fprintf(f, ",%zu", s->n);
	return bad;
}

/* The unit of constraint c's measure. */
static const char *measure_unit(const struct optim_constraint *c)
{
	return c->kpi ? summary_kpis[c->index].unit : outvars_table[c->index].unit;
}

int optimrobust_write(const char *dir, const struct optim_spec *sp,
                      const struct optim_draws *d, struct err *e)
{
	size_t m = d->runs;
	double *x = malloc((m + 1) * sizeof *x), *work = malloc((m + 1) * sizeof *work);
	struct optimrobust_stat st;
	struct afile *af = NULL;
	FILE *f;
	int bad = 0;

	if (!x || !work) {
		free(x);
		free(work);
		return err_set(e, "", 0, "", "out of memory");
	}
	if (!(af = resdir_open(dir, OPTIMROBUST_FILE, e))) {
		free(x);
		free(work);
		return -1;
	}
	f = afile_stream(af);
	fputs("measure,unit,nominal,mean,sd,p5,p95,runs,probability\n", f);
	for (size_t k = 0; k < KPI_COUNT; k++) {
		for (size_t r = 0; r < m; r++)
			x[r] = d->kpi[r].v[k];
		optimrobust_stat(x, m, work, &st);
		bad |= csvout_field(f, summary_kpis[k].name, 1);
		bad |= csvout_field(f, summary_kpis[k].unit, 0);
		bad |= put_stats(f, d->nominal_ok ? d->nominal.v[k] : NAN, &st);
		fputs(",\n", f);
	}
	for (size_t k = 0; k < sp->nc; k++) {
		char name[PARAMS_NAME_LEN + 16];
		size_t met = 0;

		for (size_t r = 0; r < m; r++) {
			x[r] = d->value[r * d->nc + k];
			met += d->met[r * d->nc + k] != 0;
		}
		optimrobust_stat(x, m, work, &st);
		snprintf(name, sizeof name, "constraint.%s", sp->c[k].name);
		bad |= csvout_field(f, name, 1);
		bad |= csvout_field(f, measure_unit(&sp->c[k]), 0);
		bad |= put_stats(f, d->nominal_ok ? d->nominal_value[k] : NAN, &st);
		bad |= csvout_number(f, (double)met / (double)m, 0);
		fputc('\n', f);
	}
	free(x);
	free(work);
	if (bad) {
		afile_abort(af);
		return err_set(e, "", 0, "", "cannot write %s", OPTIMROBUST_FILE);
	}
	return afile_commit(af, e);
}

int optimrobust_remove(const char *dir, struct err *e)
{
	char *path = resdir_join(dir, OPTIMROBUST_FILE, "");

	if (!path)
		return err_set(e, "", 0, "", "out of memory");
	if (unlink(path) != 0 && errno != ENOENT) {
		err_set(e, path, 0, "", "cannot remove %s of an earlier robust run: %s", path,
		        strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

int optimrobust_objective(const struct optim_spec *sp, const struct optim_draws *d,
                          struct optimrobust_stat *out)
{
	double *x = malloc((d->runs + 1) * sizeof *x), *work = malloc((d->runs + 1) * sizeof *work);

	if (!x || !work) {
		free(x);
		free(work);
		return -1;
	}
	for (size_t r = 0; r < d->runs; r++)
		x[r] = d->kpi[r].v[sp->objective];
	optimrobust_stat(x, d->runs, work, out);
	free(x);
	free(work);
	return 0;
}

/* Prints x as the report shows a number, or "none" when it has no value. */
static void put_number(FILE *f, const char *before, double x)
{
	if (isnan(x))
		fprintf(f, "%snone", before);
	else
		fprintf(f, "%s%.10g", before, x);
}

void optimrobust_report(FILE *f, const struct optim_spec *sp, const struct optim_draws *d,
                        const struct optimrobust_stat *obj)
{
	const char *kpi = summary_kpis[sp->objective].name;

	fprintf(f, "robust: over %zu draws of the uncertain parameters (seed %lu); the roadmap's"
	        " objective and the constraints above are over the draws\n", d->runs, sp->seed);
	fprintf(f, "  %s over the draws:", kpi);
	put_number(f, " mean ", obj->mean);
	put_number(f, ", sd ", obj->sd);
	put_number(f, ", 5th to 95th percentile ", obj->lo);
	put_number(f, " to ", obj->hi);
	fprintf(f, "\n  %s in the nominal run (summary.csv, 'dtsim run roadmap.ini'):", kpi);
	put_number(f, " ", d->nominal_ok ? d->nominal.v[sp->objective] : NAN);
	fputc('\n', f);
	for (size_t k = 0; k < sp->nc; k++) {
		size_t met = 0;

		for (size_t r = 0; r < d->runs; r++)
			met += d->met[r * d->nc + k] != 0;
		fprintf(f, "  %-12s holds in %zu of %zu draws (%.4g %%)\n", sp->c[k].name, met,
		        d->runs, 100.0 * (double)met / (double)d->runs);
	}
	fprintf(f, "  %s: every key figure and constraint over the draws\n", OPTIMROBUST_FILE);
}
