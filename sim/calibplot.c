/*
** calibplot.c: the chart of dtsim calibrate (calibplot.h), in the layout
** of the Monte Carlo fan chart (plotmc.c): small multiples of a panel per
** observed column, its key below them, the footer.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calibout.h"
#include "calibplot.h"
#include "chartdata.h"
#include "digest.h"
#include "gnuplot.h"
#include "gpscript.h"
#include "layout.h"
#include "manifest.h"
#include "modelversion.h"
#include "resdir.h"
#include "rfile.h"
#include "version.h"

/* The key's entries: the fitted line, the observed points. */
static const char *const entries[] = {
	"with lines lt 1 title L_fitted",
	"with points pt 7 ps 0.8 lc rgb c_vermillion title L_observed",
};
#define NENTRIES (sizeof entries / sizeof entries[0])

void calibplot_free(struct calibplot *p)
{
	csvtab_free(p->res);
	csvtab_free(p->run);
	for (size_t i = 0; p->qname && i < p->n; i++)
		free(p->qname[i]);
	free(p->qname);
	free(p->col);
	free(p->lo);
	free(p->hi);
	free(p->qres);
	free(p->qrun);
	free(p->qfoot);
	memset(p, 0, sizeof *p);
}

/* The digest of the file at path (0 when it cannot be read). */
static uint64_t file_digest(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint64_t h = DIGEST_INIT;
	char buf[4096];
	size_t got;

	if (!f)
		return 0;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		h = digest_add(h, buf, got);
	fclose(f);
	return h;
}

/* Adds column v to p unless it is there; widens its extent by x. */
static int add_col(struct calibplot *p, enum outvar v, double x)
{
	size_t i;

	for (i = 0; i < p->n && p->col[i] != v; i++)
		;
	if (i == p->n) {
		enum outvar *c = realloc(p->col, (p->n + 1) * sizeof *c);
		double *lo, *hi;
		char **q;

		if (c)
			p->col = c;
		lo = realloc(p->lo, (p->n + 1) * sizeof *lo);
		if (lo)
			p->lo = lo;
		hi = realloc(p->hi, (p->n + 1) * sizeof *hi);
		if (hi)
			p->hi = hi;
		q = realloc(p->qname, (p->n + 1) * sizeof *q);
		if (q)
			p->qname = q;
		if (!c || !lo || !hi || !q)
			return -1;
		p->col[i] = v;
		p->lo[i] = INFINITY;
		p->hi[i] = -INFINITY;
		if (gnuplot_quote(outvars_table[v].name, GNUPLOT_TEXT, &p->qname[i]) != 0)
			return -1;
		p->n++;
	}
	if (isfinite(x)) {
		p->lo[i] = fmin(p->lo[i], x);
		p->hi[i] = fmax(p->hi[i], x);
	}
	return 0;
}

int calibplot_load(const char *dir, struct calibplot *p, struct err *e)
{
	char *rp = resdir_join(dir, CALIBOUT_RESIDUALS, ""), *up = resdir_join(dir, CALIBOUT_RUN, "");
	struct manifest versions = { .dtsim_version = DTSIM_VERSION, .model_version = MODEL_VERSION };
	struct stat st;
	int rc = -1, cc, oc, yc;

	memset(p, 0, sizeof *p);
	if (!rp || !up) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (stat(rp, &st) != 0) {
		rc = 1;
		goto done;
	}
	if (csvtab_load(rp, &p->res, e) != 0 || csvtab_load(up, &p->run, e) != 0)
		goto done;
	cc = csvtab_find(p->res, "column");
	oc = csvtab_find(p->res, "observed");
	yc = csvtab_find(p->run, "year");
	if (cc < 0 || oc < 0 || csvtab_find(p->res, "year") < 0 || yc < 0
	    || csvtab_rows(p->run) == 0) {
		err_set(e, rp, 1, NULL, "%s or %s lacks a column (year, column, observed) or rows; "
		        "run dtsim calibrate again", rp, up);
		goto done;
	}
	p->y0 = csvtab_num(p->run, 0, (size_t)yc);
	p->y1 = csvtab_num(p->run, csvtab_rows(p->run) - 1, (size_t)yc);
	for (size_t r = 0; r < csvtab_rows(p->res); r++) {
		const char *name = csvtab_text(p->res, r, (size_t)cc);
		int v = outvars_find(name), rc2;

		if (v <= 0 || csvtab_find(p->run, name) < 0) {
			err_set(e, rp, csvtab_line(p->res, r), "column", "column '%.60s' is not an "
			        "output column of %s", name, up);
			goto done;
		}
		rc2 = add_col(p, (enum outvar)v, csvtab_num(p->res, r, (size_t)oc));
		for (size_t k = 0; rc2 == 0 && k < csvtab_rows(p->run); k++)
			rc2 = add_col(p, (enum outvar)v, csvtab_num(p->run, k, (size_t)csvtab_find(p->run, name)));
		if (rc2 != 0) {
			err_set(e, NULL, 0, NULL, "out of memory");
			goto done;
		}
	}
	if (!isfinite(p->y0) || !isfinite(p->y1) || p->n == 0
	    || chartdata_data_path(p->res, "calibration_residuals", &p->qres) != 0
	    || chartdata_data_path(p->run, "calibrated", &p->qrun) != 0
	    || chartdata_footer(&versions, CALIBOUT_RUN, file_digest(up), &p->qfoot) != 0) {
		err_set(e, rp, 0, NULL, "%s: no observation or year to draw, or out of memory", rp);
		goto done;
	}
	rc = 0;
done:
	free(rp);
	free(up);
	return rc;
}

double calibplot_height(const struct calibplot *p)
{
	struct layout_frame *fr = calloc(p->n ? p->n : 1, sizeof *fr);
	struct layout_vpos key, end;
	double h;

	if (!fr)
		return 1;
	layout_small_multiples(p->n, NENTRIES, fr, &key, &end);
	h = layout_small_multiples_height(&end);
	free(fr);
	return h;
}

/* Panel i: the fitted line and the observed points of its column; money
** in the axis's unit, shares in per cent, indices as they are, other
** units on a plain axis. */
static void panel(FILE *f, const struct calibplot *p, size_t i, const struct layout_frame *fr)
{
	const char *unit = outvars_table[p->col[i]].unit;
	struct layout_axis a = { 0, 1, 1, 1, 0, "L_meur" };
	double factor = 1, lo = fmin(p->lo[i], 0), hi = p->hi[i];

	gpscript_panel(f, p->qname[i]);
	gpscript_frame(f, fr);
	gpscript_years(f, p->y0, p->y1, LAYOUT_YEAR_TICKS_SMALL, 0);
	if (strcmp(unit, "EUR") == 0) {
		layout_money_axis(lo, hi, LAYOUT_MONEY_TICKS_SMALL, &a);
		factor = 1 / a.scale;
		gpscript_yaxis(f, CHARTDEF_MONEY, &a, 0, 1);
	} else if (strcmp(unit, "1") == 0 && lo >= 0 && hi <= 1) {
		factor = 100;
		gpscript_yaxis(f, CHARTDEF_SHARE, &a, 0, 1);
	} else if (strcmp(unit, "index") == 0 && lo >= 0 && hi <= 1) {
		gpscript_yaxis(f, CHARTDEF_INDEX, &a, 0, 1);
	} else {
		layout_plain_axis(lo, hi, LAYOUT_MONEY_TICKS_SMALL, &a);
		fprintf(f, "set yrange [%.10g:%.10g]\nset ytics %.10g\n", a.lo, a.hi, a.step);
	}
	if (lo < 0)
		fputs("set xzeroaxis ls 100\n", f);
	fprintf(f, "F = %.10g\nname = %s\n"
	        "plot run using 'year':(column(name) * F) with lines lt 1 notitle, \\\n"
	        "     res using 'year':(strcol('column') eq name ? column('observed') * F : NaN)"
	        " with points pt 7 ps 0.8 lc rgb c_vermillion notitle\n", factor, p->qname[i]);
}

void calibplot_write(FILE *f, const struct calibplot *p)
{
	struct layout_frame *fr = calloc(p->n ? p->n : 1, sizeof *fr), kf;
	struct layout_vpos key, end;

	fprintf(f, "run = %s\nres = %s\n", p->qrun, p->qres);
	gpscript_loop_begin(f);
	if (!fr || p->n == 0) {
		fputs("print 'dtsim: out of memory'\nexit status 1\n", f);
		free(fr);
		gpscript_loop_end(f);
		return;
	}
	layout_small_multiples(p->n, NENTRIES, fr, &key, &end);
	gpscript_flex(f, &end);
	fputs("set multiplot title L_t_calibration font ',' . (font_size + 2)\n", f);
	for (size_t i = 0; i < p->n; i++)
		panel(f, p, i, &fr[i]);
	kf = fr[p->n - 1];
	kf.x0 = 0;
	kf.x1 = 1;
	kf.key = key;
	kf.keyrows = layout_key_rows(NENTRIES, LAYOUT_KEY_COLS);
	gpscript_key_panel(f, &kf);
	for (size_t k = 0; k < NENTRIES; k++)
		fprintf(f, ", \\\n     keyentry %s", entries[k]);
	fputs("\n", f);
	gpscript_footer(f, p->qfoot);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
	free(fr);
}
