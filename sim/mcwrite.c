/*
** mcwrite.c: the files of `dtsim mc` and `dtsim merge` (mcwrite.h).
*/
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_sort.h>

#include "csvout.h"
#include "mcwrite.h"
#include "resdir.h"

const double mcwrite_pct[MCWRITE_NPCT] = { 0.05, 0.25, 0.50, 0.75, 0.95 };
const char *const mcwrite_pct_names[MCWRITE_NPCT] = { "p5", "p25", "p50", "p75", "p95" };

int mcwrite_runs_header(FILE *f)
{
	if (csvout_field(f, "run", 1) != 0)
		return -1;
	for (size_t k = 0; k < KPI_COUNT; k++)
		if (csvout_field(f, summary_kpis[k].name, 0) != 0)
			return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}

int mcwrite_failed_text(const struct mc_result *r, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!r->failed)
		return 0;
	snprintf(buf, len, "dtsim: %s: %" PRIu64 " of %" PRIu64 " runs failed and are left out"
	         " (the first, run %" PRIu64 ": %s)\n", r->id, r->failed, r->st.runs,
	         r->first_failed, r->why ? r->why : "no message kept");
	return 1;
}

/* The values of measure m of an exact result that ran, numbers first
** (sorted), into v; *ndef numbers of *ntotal runs. */
static void sorted_values(const struct mc_result *r, size_t m, double *v, size_t *ndef,
                          size_t *ntotal)
{
	size_t nd = 0, nn = 0;

	for (uint64_t i = 0; r->val && i < r->st.runs; i++) {
		double x = r->val[m * r->st.runs + i];

		if (!r->held[i])
			continue;
		if (isnan(x))
			nn++;
		else
			v[nd++] = x;
	}
	gsl_sort(v, 1, nd);
	*ndef = nd;
	*ntotal = nd + nn;
}

void mcwrite_stats(const struct mc_result *r, size_t m, double *scratch,
                   double out[2 + MCWRITE_NPCT])
{
	const struct mcstat_acc *a = &r->acc[m];
	size_t nd = 0, nt = 0;

	if (m >= MC_M_PROB(0) && m < MC_M_PROB(MC_NPROB)) {
		uint64_t n = a->n - a->nan;
		double p = n ? (double)mcstat_count(a, 1) / (double)n : NAN;

		out[0] = p;
		out[1] = n ? sqrt(p * (1 - p) / (double)n) : NAN;
		for (size_t i = 0; i < MCWRITE_NPCT; i++)
			out[2 + i] = NAN;
		return;
	}
	out[0] = mcstat_mean(a, r->shift[m]);
	out[1] = mcstat_sd(a);
	if (r->exact)
		sorted_values(r, m, scratch, &nd, &nt);
	for (size_t i = 0; i < MCWRITE_NPCT; i++)
		out[2 + i] = r->exact ? mcstat_quantile_sorted(scratch, nd, nt, mcwrite_pct[i])
		                      : mcstat_quantile_binned(a, &r->bins[m], mcwrite_pct[i]);
}

/* Writes the fields of a line, NaN as empty; first says whether the
** first starts the line. Returns 0, or -1 when the stream failed. */
static int numbers(FILE *f, const double *x, size_t n, int first)
{
	for (size_t i = 0; i < n; i++)
		if (csvout_number(f, x[i], first && i == 0) != 0)
			return -1;
	return 0;
}

/* <id>.mc.csv. */
static int write_mc(FILE *f, const struct mc_result *r, double *scratch)
{
	char name[128];

	if (csvout_field(f, "year", 1) != 0)
		return -1;
	for (size_t c = 0; c < MC_NCORE; c++) {
		const char *col = outvars_table[mc_core[c]].name;

		snprintf(name, sizeof name, "%s_mean", col);
		if (csvout_field(f, name, 0) != 0)
			return -1;
		for (size_t i = 0; i < MCWRITE_NPCT; i++) {
			snprintf(name, sizeof name, "%s_%s", col, mcwrite_pct_names[i]);
			if (csvout_field(f, name, 0) != 0)
				return -1;
		}
	}
	if (fputc('\n', f) == EOF)
		return -1;
	for (size_t y = 0; y < r->nyears; y++) {
		if (csvout_number(f, (double)(r->start_year + (long)y), 1) != 0)
			return -1;
		for (size_t c = 0; c < MC_NCORE; c++) {
			double s[2 + MCWRITE_NPCT];

			mcwrite_stats(r, MC_M_CORE(y, c), scratch, s);
			if (numbers(f, s, 1, 0) != 0 || numbers(f, s + 2, MCWRITE_NPCT, 0) != 0)
				return -1;
		}
		if (fputc('\n', f) == EOF)
			return -1;
	}
	return 0;
}

/* One line of <id>.mc_hist.csv. */
static int hist_line(FILE *f, const char *kpi, double lo, double hi, uint64_t count)
{
	double x[3] = { lo, hi, (double)count };

	return csvout_field(f, kpi, 1) != 0 || numbers(f, x, 3, 0) != 0
	       || fputc('\n', f) == EOF ? -1 : 0;
}

/* The histogram of KPI k of r: integer KPIs one bin per whole number;
** continuous KPIs MCSTAT_SHOWN_BINS bins over the binned range (and the
** runs below and above it, from the minimum and to the maximum), or over
** [min, max] of an exact result; then the runs without a value. */
static int write_hist_kpi(FILE *f, const struct mc_result *r, size_t k, double *scratch)
{
	const char *name = summary_kpis[k].name;
	const struct mcstat_acc *a = &r->acc[MC_M_KPI(k)];
	const struct mcstat_bins *b = &r->bins[MC_M_KPI(k)];
	size_t nd = 0, nt = 0;

	if (b->n && b->integer) {
		if (a->under && hist_line(f, name, a->min, b->lo, a->under) != 0)
			return -1;
		for (size_t i = 0; i < b->n; i++)
			if (hist_line(f, name, b->lo + (double)i, b->lo + (double)i + 1, mcstat_count(a, i)) != 0)
				return -1;
		if (a->over && hist_line(f, name, b->hi, a->max, a->over) != 0)
			return -1;
	} else if (b->n) {
		double w = (b->hi - b->lo) / MCSTAT_SHOWN_BINS;

		if (a->under && hist_line(f, name, a->min, b->lo, a->under) != 0)
			return -1;
		for (size_t i = 0; i < MCSTAT_SHOWN_BINS; i++) {
			uint64_t c = 0;

			for (size_t j = 0; j < MCSTAT_FINE_PER_SHOWN; j++)
				c += mcstat_count(a, i * MCSTAT_FINE_PER_SHOWN + j);
			if (hist_line(f, name, b->lo + (double)i * w,
			              i + 1 == MCSTAT_SHOWN_BINS ? b->hi : b->lo + (double)(i + 1) * w,
			              c) != 0)
				return -1;
		}
		if (a->over && hist_line(f, name, b->hi, a->max, a->over) != 0)
			return -1;
	} else {
		sorted_values(r, MC_M_KPI(k), scratch, &nd, &nt);
		if (nd && scratch[0] == scratch[nd - 1]) {
			if (hist_line(f, name, scratch[0], scratch[0], nd) != 0)
				return -1;
		} else if (nd) {
			double lo = scratch[0], hi = scratch[nd - 1], w = (hi - lo) / MCSTAT_SHOWN_BINS;
			size_t j = 0;

			for (size_t i = 0; i < MCSTAT_SHOWN_BINS; i++) {
				double top = i + 1 == MCSTAT_SHOWN_BINS ? hi : lo + (double)(i + 1) * w;
				uint64_t c = 0;

				/* The last bin holds the maximum. */
				while (j < nd && (scratch[j] < top || i + 1 == MCSTAT_SHOWN_BINS)) {
					c++;
					j++;
				}
				if (hist_line(f, name, lo + (double)i * w, top, c) != 0)
					return -1;
			}
		}
	}
	if (a->nan && (csvout_field(f, name, 1) != 0 || csvout_field(f, "", 0) != 0
	               || csvout_field(f, "", 0) != 0
	               || csvout_number(f, (double)a->nan, 0) != 0 || fputc('\n', f) == EOF))
		return -1;
	return 0;
}

static int write_hist(FILE *f, const struct mc_result *r, double *scratch)
{
	static const char *const head[] = { "kpi", "bin_lo", "bin_hi", "count" };

	for (size_t i = 0; i < 4; i++)
		if (csvout_field(f, head[i], i == 0) != 0)
			return -1;
	if (fputc('\n', f) == EOF)
		return -1;
	for (size_t k = 0; k < KPI_COUNT; k++)
		if (write_hist_kpi(f, r, k, scratch) != 0)
			return -1;
	return 0;
}

static int write_summary(FILE *f, struct mc_result *const *r, size_t n, double *scratch)
{
	static const char *const head[] = { "scenario", "measure", "mean", "sd" };

	for (size_t i = 0; i < 4; i++)
		if (csvout_field(f, head[i], i == 0) != 0)
			return -1;
	for (size_t i = 0; i < MCWRITE_NPCT; i++)
		if (csvout_field(f, mcwrite_pct_names[i], 0) != 0)
			return -1;
	if (fputc('\n', f) == EOF)
		return -1;
	for (size_t i = 0; i < n; i++) {
		for (size_t m = 0; m < KPI_COUNT + MC_NPROB; m++) {
			double s[2 + MCWRITE_NPCT];

			mcwrite_stats(r[i], m, scratch, s);
			if (csvout_field(f, r[i]->id, 1) != 0
			    || csvout_field(f, m < KPI_COUNT ? summary_kpis[m].name
			                                     : mc_prob_names[m - KPI_COUNT], 0) != 0
			    || numbers(f, s, 2 + MCWRITE_NPCT, 0) != 0 || fputc('\n', f) == EOF)
				return -1;
		}
	}
	return 0;
}

/* Opens dir/name+suffix as a temporary, writes it with one of the writers,
** and finishes it. Returns the handle, or NULL with e. */
static struct afile *write_file(const char *dir, const char *name, const char *suffix,
                                int (*fn)(FILE *, const struct mc_result *, double *),
                                struct mc_result *const *r, size_t n, double *scratch,
                                struct err *e)
{
	char *path = resdir_join(dir, name, suffix);
	struct afile *af = path ? afile_open(path, e) : NULL;
	int rc;

	if (!path)
		err_set(e, NULL, 0, NULL, "out of memory");
	if (!af) {
		free(path);
		return NULL;
	}
	rc = fn ? fn(afile_stream(af), r[0], scratch) : write_summary(afile_stream(af), r, n, scratch);
	if (rc != 0 && afile_finish(af, e) == 0)
		err_set(e, path, 0, NULL, "cannot write %s", path);
	if (rc != 0 || afile_finish(af, e) != 0) {
		afile_abort(af);
		af = NULL;
	}
	free(path);
	return af;
}

int mcwrite_all(const char *dir, struct mc_result *const *r, size_t n, struct afile **runs,
                struct err *e)
{
	size_t nf = 2 * n + 1, k = 0, maxruns = 1;
	struct afile **af = calloc(nf, sizeof *af);
	double *scratch;
	int rc = -1;

	for (size_t i = 0; i < n; i++)
		maxruns = r[i]->st.runs > maxruns ? (size_t)r[i]->st.runs : maxruns;
	scratch = malloc(maxruns * sizeof *scratch);
	if (!af || !scratch) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (!(af[k++] = write_file(dir, r[i]->id, ".mc.csv", write_mc, r + i, 1, scratch, e))
		    || !(af[k++] = write_file(dir, r[i]->id, ".mc_hist.csv", write_hist, r + i, 1,
		                              scratch, e)))
			goto out;
	}
	if (!(af[k++] = write_file(dir, "mc_summary", ".csv", NULL, r, n, scratch, e)))
		goto out;
	for (size_t i = 0; runs && i < n; i++)
		if (runs[i] && afile_finish(runs[i], e) != 0)
			goto out;
	/* Everything is written: only the renames remain. */
	rc = 0;
	for (size_t i = 0; i < nf; i++) {
		if (rc == 0 && afile_commit(af[i], e) != 0)
			rc = -1;
		else if (rc != 0)
			afile_abort(af[i]);
		af[i] = NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (runs && runs[i]) {
			if (rc == 0 && afile_commit(runs[i], e) != 0)
				rc = -1;
			else if (rc != 0)
				afile_abort(runs[i]);
			runs[i] = NULL;
		} else if (rc == 0) {
			/* An earlier study's runs must not stand beside this one's. */
			char *path = resdir_join(dir, r[i]->id, ".mc_runs.csv");

			if (!path || (unlink(path) != 0 && errno != ENOENT))
				rc = err_set(e, path, 0, NULL, "cannot remove %s of an earlier study: %s",
				             path ? path : "a runs file", path ? strerror(errno)
				                                               : "out of memory");
			free(path);
		}
	}
out:
	for (size_t i = 0; af && i < nf; i++)
		afile_abort(af[i]);
	for (size_t i = 0; rc != 0 && runs && i < n; i++) {
		afile_abort(runs[i]);
		runs[i] = NULL;
	}
	free(af);
	free(scratch);
	return rc;
}
