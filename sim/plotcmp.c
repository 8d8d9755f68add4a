/*
** plotcmp.c: the scripts of the charts across scenarios (plotcmp.h). Each
** script first sets name_<i> and data_<i> for every scenario (1-based):
** its quoted name and result file, made by chartdata.c. Scenario i draws
** in line type i (style.gp's eight, then with points) and, in the key
** figures, in colour i.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gpscript.h"
#include "layout.h"
#include "plotcmp.h"

/* Writes name_<i> and data_<i> for count scenarios from first (i from 1). */
static void scen_vars(FILE *f, const struct chartdata *r, size_t first, size_t count)
{
	fputs("# Scenario names (from the .params.ini files) and result files.\n", f);
	for (size_t i = 0; i < count; i++)
		fprintf(f, "name_%zu = %s\ndata_%zu = %s\n", i + 1, r->s[first + i].qname, i + 1,
		        r->s[first + i].qdata);
}

/* ---- a line per scenario -------------------------------------------------------- */

/* The factor from a stored value to the axis: per cent, index, money. */
static double kind_factor(enum chartdef_axis kind, const struct layout_axis *a)
{
	return kind == CHARTDEF_SHARE ? 100 : kind == CHARTDEF_MONEY ? 1 / a->scale : 1;
}

/* The style of scenario i's line (0-based): layout_scen_style's line
** type, dash and points. */
static void scen_line(FILE *f, size_t i)
{
	size_t lt, dt, pt;

	layout_scen_style(i, &lt, &dt, &pt);
	if (pt == 0)
		fprintf(f, "with lines lt %zu dt %zu", lt, dt);
	else
		fprintf(f, "with linespoints lt %zu dt %zu pt %zu ps 0.6 pi 2", lt, dt, pt);
}

/* Writes the plot command of a line per scenario of d->col, times factor. */
static void compare_plot(FILE *f, const struct chartdata *r, const struct chartdef_compare *d,
                         double factor)
{
	int first = 1;

	fputs("plot ", f);
	for (size_t i = 0; i < r->n; i++) {
		if (!chartdata_has(&r->s[i], d->col))
			continue;
		fprintf(f, "%sdata_%zu using 'year':(column('%s') * %.10g) ", first ? "" : ", \\\n     ",
		        i + 1, d->col, factor);
		scen_line(f, i);
		/* The run's reference, grey and wide as on the scenarios' charts. */
		if (&r->s[i] == r->ref)
			fputs(" lc rgb c_ref lw ref_lw", f);
		fprintf(f, " title name_%zu", i + 1);
		first = 0;
	}
	fputs(first ? "NaN notitle\n" : "\n", f);
}

/* Writes the body of a chart of d->col with a line per scenario, its key
** of names in cols columns below. */
static void compare_body(FILE *f, const struct chartdata *r, const struct chartdef_compare *d,
                         size_t cols)
{
	double y0, y1, lo = 0, hi = 0;
	struct layout_axis a = { 0, 1, 1, 1, 0, "L_meur" };
	struct layout_frame fr;
	struct layout_vpos end;

	layout_single(r->n, cols, LAYOUT_CHART_FONT_PT, &fr, &end);
	gpscript_flex(f, &end);
	fputs("set multiplot\n", f);
	chartdata_years(r, &y0, &y1);
	gpscript_panel(f, d->title);
	gpscript_frame(f, &fr);
	gpscript_years(f, y0, y1, LAYOUT_YEAR_TICKS, 1);
	if (d->kind == CHARTDEF_MONEY) {
		chartdata_extent(r, d->col, &lo, &hi);
		layout_money_axis(lo, hi, LAYOUT_MONEY_TICKS, &a);
		if (lo < 0)
			fputs("set xzeroaxis ls 100\n", f);
	}
	gpscript_yaxis(f, d->kind, &a, d->flow, 0);
	compare_plot(f, r, d, kind_factor(d->kind, &a));
	gpscript_key_overlay(f, &fr);
	compare_plot(f, r, d, kind_factor(d->kind, &a));
	gpscript_footer(f, r->qfoot);
	fputs("unset multiplot\n", f);
}

/* The layout of plotcmp_lines, for its end only. */
double plotcmp_lines_height(const struct chartdata *r, double width_cm)
{
	struct layout_frame fr;
	struct layout_vpos end;

	layout_single(r->n, layout_names_key_cols(chartdata_name_chars(r), width_cm,
	                                          LAYOUT_KEY_FONT_PT), LAYOUT_CHART_FONT_PT, &fr, &end);
	return layout_single_height(&end);
}

/* The names' key gets as many columns as the longest name allows. */
void plotcmp_lines(FILE *f, const struct chartdata *r, const struct chartdef_compare *d,
                   double width_cm)
{
	scen_vars(f, r, 0, r->n);
	gpscript_loop_begin(f);
	compare_body(f, r, d, layout_names_key_cols(chartdata_name_chars(r), width_cm,
	                                            LAYOUT_KEY_FONT_PT));
	gpscript_loop_end(f);
}

/* ---- funding, small multiples ----------------------------------------------------- */

/* 1 when funding source k is present in some of count scenarios of r
** from first. */
static int funding_in_any(const struct chartdata *r, size_t first, size_t count, size_t k)
{
	for (size_t i = first; i < first + count; i++)
		if (chartdata_stack_present(&r->s[i], &chartdef_funding[k]))
			return 1;
	return 0;
}

/* The funding sources present in some of count scenarios from first. */
static size_t funding_keys(const struct chartdata *r, size_t first, size_t count)
{
	size_t m = 0;

	for (size_t k = 0; k < CHARTDEF_NFUNDING; k++)
		m += (size_t)funding_in_any(r, first, count, k);
	return m;
}

/* The layout of page k of the small multiples, for its end only. */
int plotcmp_funding_height(const struct chartdata *r, size_t k, double *height)
{
	size_t first, count;
	struct layout_frame *fr;
	struct layout_vpos key, end;

	layout_page(r->n, k, &first, &count);
	if (!(fr = calloc(count ? count : 1, sizeof *fr)))
		return -1;
	layout_small_multiples(count, funding_keys(r, first, count), fr, &key, &end);
	*height = layout_small_multiples_height(&end);
	free(fr);
	return 0;
}

/* Funding of count scenarios from first stacked, one panel each on the
** axis of all scenarios, two panels a row, and below them one key of every
** source any of them has. */
static void compare_funding(FILE *f, const struct chartdata *r, size_t first, size_t count)
{
	struct layout_frame *fr = calloc(count ? count : 1, sizeof *fr);
	size_t keys = funding_keys(r, first, count);
	double top = 0, y0, y1;
	struct layout_vpos key, end;
	struct layout_frame kf;
	struct layout_axis a;

	if (!fr) {
		fputs("print 'dtsim: out of memory'\nexit status 1\n", f);
		return;
	}
	layout_small_multiples(count, keys, fr, &key, &end);
	gpscript_flex(f, &end);
	for (size_t i = 0; i < r->n; i++)
		top = fmax(top, chartdata_stack_max(&r->s[i], chartdef_funding, CHARTDEF_NFUNDING));
	layout_money_axis(0, top, LAYOUT_MONEY_TICKS_SMALL, &a);
	chartdata_years(r, &y0, &y1);
	fputs("set multiplot title L_t_compare_funding font ',' . (font_size + 2)\n", f);
	for (size_t i = 0; i < count; i++) {
		char title[32], data[32];

		snprintf(title, sizeof title, "name_%zu", i + 1);
		snprintf(data, sizeof data, "data_%zu", i + 1);
		gpscript_panel(f, title);
		gpscript_frame(f, &fr[i]);
		gpscript_years(f, y0, y1, LAYOUT_YEAR_TICKS_SMALL, 0);
		gpscript_yaxis(f, CHARTDEF_MONEY, &a, 1, 1);
		gpscript_stack_plot(f, data, &r->s[first + i], chartdef_funding, CHARTDEF_NFUNDING,
		                    a.scale, 0);
	}
	/* The key, on a panel of its own without axes: every source of any
	** scenario, from the top of the stack down. */
	kf = fr[count - 1];
	kf.x0 = 0;
	kf.key = key;
	kf.keyrows = layout_key_rows(keys, LAYOUT_KEY_COLS);
	gpscript_key_panel(f, &kf);
	for (size_t k = CHARTDEF_NFUNDING; k-- > 0;)
		if (funding_in_any(r, first, count, k)) {
			char fill[32];

			layout_stack_fill(k, fill, sizeof fill);
			fprintf(f, ", \\\n     keyentry with filledcurves fc rgb %s fs %s title %s",
			        chartdef_funding[k].colour, fill, chartdef_funding[k].label);
		}
	fputs("\n", f);
	gpscript_footer(f, r->qfoot);
	fputs("unset multiplot\n", f);
	free(fr);
}

/* The page's scenarios' variables, then its small multiples in each
** format. */
void plotcmp_funding(FILE *f, const struct chartdata *r, size_t k)
{
	size_t first, count;

	layout_page(r->n, k, &first, &count);
	scen_vars(f, r, first, count);
	gpscript_loop_begin(f);
	compare_funding(f, r, first, count);
	gpscript_loop_end(f);
}

/* ---- key figures ------------------------------------------------------------------ */

/* Rows of key-figure panels, two a row, for the figures summary.csv has. */
static size_t kpi_rows(const struct chartdata *r)
{
	size_t n = 0;

	for (size_t k = 0; k < CHARTDEF_NKPIS; k++)
		n += (size_t)chartdata_summary_has(r, chartdef_kpis[k].col);
	return (n + 1) / 2;
}

/* Grows with the figures summary.csv has and the scenarios of the first
** (the fullest) page. */
double plotcmp_kpi_height(const struct chartdata *r)
{
	size_t first, count;

	layout_page(r->n, 0, &first, &count);
	return layout_kpi_height(kpi_rows(r), count);
}

/* Places a panel of a multi-panel chart at cell (x, y, width, height). */
static void cell_at(FILE *f, const double cell[4])
{
	fprintf(f, "set origin %.4g, %.4g\nset size %.4g, %.4g\n", cell[0], cell[1], cell[2], cell[3]);
}

/* Key figures as horizontal bars, one panel per figure, a bar per scenario
** of the count from first in the scenario's colour, its value written at
** its end. summary.csv's rows are the scenarios in r's order; the rows of
** other pages are NaN (page()), so draw nothing. */
static void kpi(FILE *f, const struct chartdata *r, size_t first, size_t count, double width_cm)
{
	size_t cell = 0, rows = kpi_rows(r);
	double names = layout_kpi_names(chartdata_name_chars(r), width_cm);

	fprintf(f, "# The rows of summary.csv on this page.\n"
	        "page(x) = column(0) >= %zu && column(0) < %zu ? x : NaN\n", first, first + count);
	fputs("set multiplot title L_t_kpi font ',' . (font_size + 2)\n", f);
	for (size_t k = 0; k < CHARTDEF_NKPIS; k++) {
		const struct chartdef_kpi *d = &chartdef_kpis[k];
		struct layout_axis a = { 0, 1, 0.2, 1, 1, "L_index" };
		double factor = 1, at[4];
		int dec = d->kind == CHARTDEF_INDEX ? 2 : d->kind == CHARTDEF_SHARE ? 0 : 1;
		const char *unit = d->kind == CHARTDEF_SHARE ? "' %'" : "''";

		if (!chartdata_summary_has(r, d->col))
			continue;
		layout_kpi_cell(cell, rows, names, at);
		gpscript_panel(f, d->title);
		cell_at(f, at);
		if (d->kind == CHARTDEF_MONEY) {
			layout_money_axis(0, chartdata_summary_max(r, d->col), LAYOUT_KPI_TICKS, &a);
			fprintf(f, "set xlabel %s\n", a.unit);
			factor = 1 / a.scale;
		} else if (d->kind == CHARTDEF_SHARE) {
			a.hi = 100;
			a.step = 50;
			a.dec = 0;
			factor = 100;
			fputs("set xlabel L_percent\n", f);
		} else {
			fputs("set xlabel L_index\n", f);
		}
		gpscript_money_ticks(f, 'x', &a, a.hi * (1 + LAYOUT_BAR_LABEL_ROOM));
		fprintf(f, "set yrange [%zu - 0.5:-0.5]\nset ytics (", count);
		for (size_t i = 0; i < count; i++) {
			if (cell % 2)
				fprintf(f, "%s'' %zu", i ? ", " : "", i);
			else
				fprintf(f, "%sname_%zu %zu", i ? ", " : "", i + 1, i);
		}
		fputs(")\nset ytics scale 0\nunset key\nset grid noytics xtics\nset border 1\n", f);
		cell++;
		fprintf(f, "v(c) = page(column(c) * %.10g)\n"
		        "plot %s using (v('%s') / 2):($0 - %zu):(abs(v('%s')) / 2):(%g):($0 + 1)"
		        " with boxxyerror lc variable fs solid 0.85 noborder, \\\n"
		        "     '' using (v('%s')):($0 - %zu):(gnum(v('%s'), %d) . %s) with labels left"
		        " offset 0.5, 0\n",
		        factor, r->qsummary, d->col, first, d->col, LAYOUT_BAR_HALF, d->col, first, d->col,
		        dec, unit);
	}
	gpscript_footer(f, r->qfoot);
	fputs("unset multiplot\n", f);
}

/* The page's scenarios' variables, then its key figures in each format. */
void plotcmp_kpi(FILE *f, const struct chartdata *r, size_t k, double width_cm)
{
	size_t first, count;

	layout_page(r->n, k, &first, &count);
	scen_vars(f, r, first, count);
	gpscript_loop_begin(f);
	kpi(f, r, first, count, width_cm);
	gpscript_loop_end(f);
}
