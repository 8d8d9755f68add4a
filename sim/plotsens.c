/*
** plotsens.c: the tornado, Morris and Sobol charts (plotsens.h), in the style of
** the key figures: horizontal bars with the parameter names as tick
** labels left of the plot area, a key below it, the footer.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gnuplot.h"
#include "gpscript.h"
#include "plotsens.h"
#include "resdir.h"
#include "summary.h"

const char *const plotsens_names[PLOTSENS_NKINDS] = { "sensitivity-tornado", "sensitivity-morris",
                                                       "sensitivity-sobol" };
const char *const plotsens_what[PLOTSENS_NKINDS] = {
	"the KPI with each uncertain parameter at its 10th and 90th percentile",
	"the mean absolute elementary effect and the spread of the effects (Morris)",
	"first-order and total Sobol indices with their 95 % bootstrap intervals",
};

/* The table each chart reads, and the columns it needs besides
** "parameter" and "kpi". */
static const char *const tables[PLOTSENS_NKINDS] = { "tornado.csv", "morris.csv", "sobol.csv" };
static const char *const need[PLOTSENS_NKINDS][6] = {
	{ "kpi_low", "kpi_high", "kpi_centre", NULL },
	{ "mu_star", "sigma", NULL },
	{ "S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi" },
};

/* A bar's height (a parameter's row), cm; the fixed room of the chart
** beyond layout_single's (the x axis label of a KPI name); the most of the
** width the names may take. */
#define BAR_CM        0.55
#define SOBOL_BAR_CM  0.8
#define NAMES_MAX_SHARE 0.45

/* A bar's half thickness in a row (category units); the two bars of Sobol
** and Morris sit this far above and below the row's middle. */
#define BAR_HALF   0.32
#define SOBOL_HALF 0.17
#define SOBOL_OFF  0.19

/* Room left and right of the values (share of their extent). */
#define PAD_SHARE 0.06

void plotsens_free(struct plotsens *p)
{
	csvtab_free(p->t);
	free(p->qkpi);
	memset(p, 0, sizeof *p);
}

/* The characters of UTF-8 text s, as gnuplot shows them: bytes that do
** not continue a character. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Widens *lo..*hi to the finite values of column col in the first n rows. */
static void extent(const struct csvtab *t, const char *col, size_t n, double *lo, double *hi)
{
	int c = csvtab_find(t, col);

	for (size_t r = 0; c >= 0 && r < n; r++) {
		double v = csvtab_num(t, r, (size_t)c);

		if (isfinite(v)) {
			*lo = fmin(*lo, v);
			*hi = fmax(*hi, v);
		}
	}
}

int plotsens_load(const char *dir, enum plotsens_kind k, struct plotsens *p, struct err *e)
{
	char *path = resdir_join(dir, tables[k], "");
	struct stat st;
	int c;

	memset(p, 0, sizeof *p);
	p->kind = k;
	p->centre = NAN;
	if (!path)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (stat(path, &st) != 0) {
		free(path);
		return 1;
	}
	if (csvtab_load(path, &p->t, e) != 0) {
		free(path);
		return -1;
	}
	for (size_t j = 0; j < 6 && need[k][j]; j++)
		if (csvtab_find(p->t, need[k][j]) < 0) {
			err_set(e, path, 1, need[k][j], "%s has no column %s", path, need[k][j]);
			free(path);
			return -1;
		}
	if (csvtab_find(p->t, "parameter") < 0 || (c = csvtab_find(p->t, "kpi")) < 0) {
		err_set(e, path, 1, NULL, "%s has no column parameter or kpi", path);
		free(path);
		return -1;
	}
	free(path);
	p->rows = csvtab_rows(p->t) < PLOTSENS_TOP ? csvtab_rows(p->t) : PLOTSENS_TOP;
	{
		const char *kpi = p->rows ? csvtab_text(p->t, 0, (size_t)c) : "";
		const char *unit = "";
		char label[160];
		int pc = csvtab_find(p->t, "parameter");

		for (size_t i = 0; i < KPI_COUNT; i++)
			if (strcmp(summary_kpis[i].name, kpi) == 0)
				unit = summary_kpis[i].unit;
		p->money = strcmp(unit, "EUR") == 0;
		snprintf(label, sizeof label, "%.100s%s%s%s", kpi, *unit && !p->money ? " (" : "",
		         p->money ? "" : unit, *unit && !p->money ? ")" : "");
		if (gnuplot_quote(label, GNUPLOT_TEXT, &p->qkpi) != 0)
			return err_set(e, NULL, 0, NULL, "out of memory");
		for (size_t r = 0; r < p->rows; r++) {
			size_t n = chars(csvtab_text(p->t, r, (size_t)pc));

			p->name_chars = n > p->name_chars ? n : p->name_chars;
		}
	}
	p->lo = INFINITY;
	p->hi = -INFINITY;
	if (k == PLOTSENS_TORNADO) {
		extent(p->t, "kpi_low", p->rows, &p->lo, &p->hi);
		extent(p->t, "kpi_high", p->rows, &p->lo, &p->hi);
		if (p->rows)
			p->centre = csvtab_num(p->t, 0, (size_t)csvtab_find(p->t, "kpi_centre"));
		if (isfinite(p->centre)) {
			p->lo = fmin(p->lo, p->centre);
			p->hi = fmax(p->hi, p->centre);
		}
	} else {
		p->lo = p->hi = 0;
		for (size_t j = 0; j < 6 && need[k][j]; j++)
			extent(p->t, need[k][j], p->rows, &p->lo, &p->hi);
	}
	if (!(p->lo <= p->hi)) {
		p->lo = 0;
		p->hi = 1;
	}
	return 0;
}

/* The fixed room: a single chart's rows (title, tick labels, axis label,
** a key of one entry a row, the footer); the names left of the plot. */
static void frame(const struct plotsens *p, double width_cm, struct layout_frame *fr,
                  struct layout_vpos *end)
{
	double names = layout_text_cm(p->name_chars + 2, LAYOUT_CHART_FONT_PT) / width_cm;

	layout_single(p->kind == PLOTSENS_TORNADO ? 2 : 3, 1, LAYOUT_CHART_FONT_PT, fr, end);
	fr->x0 = fmin(names, NAMES_MAX_SHARE);
}

double plotsens_height(const struct plotsens *p)
{
	struct layout_frame fr;
	struct layout_vpos end;
	double bars = (double)(p->rows ? p->rows : 1) * (p->kind == PLOTSENS_TORNADO ? BAR_CM
	                                                                             : SOBOL_BAR_CM);

	frame(p, PLOT_DEFAULT_WIDTH_CM, &fr, &end);
	return (end.cm + bars) / PLOT_DEFAULT_HEIGHT_CM;
}

/* The x axis of the values lo..hi: money scaled to layout_money_axis's
** unit, other KPIs and indices as they are. Writes the factor a value is
** drawn times. */
static double xaxis(FILE *f, const struct plotsens *p)
{
	double span = p->hi - p->lo, pad = (span > 0 ? span : fabs(p->hi) + 1) * PAD_SHARE;

	if (p->money) {
		struct layout_axis a;

		layout_money_axis(p->lo, p->hi, LAYOUT_MONEY_TICKS, &a);
		gpscript_money_ticks(f, 'x', &a, a.hi);
		fprintf(f, "set xlabel %s . ', ' . %s\n", p->qkpi, a.unit);
		return 1 / a.scale;
	}
	{
		struct layout_axis a;

		/* Nice steps, as a money axis has: gnuplot's own tics crowd
		** (0.02, 0.04, ... on a Morris axis of 0.18). */
		layout_plain_axis(p->lo >= 0 && p->lo - pad < 0 ? 0 : p->lo - pad, p->hi + pad,
		                  LAYOUT_MONEY_TICKS, &a);
		gpscript_money_ticks(f, 'x', &a, a.hi);
	}
	fprintf(f, "set xlabel %s\n", p->kind == PLOTSENS_SOBOL ? "L_share_var" : p->qkpi);
	return 1;
}

/* The rows: the first p->rows, from the top; names as tick labels. */
static void rows_axis(FILE *f, const struct plotsens *p)
{
	fprintf(f, "set yrange [%zu - 0.5:-0.5]\nset ytics scale 0 noenhanced\nunset key\n"
	        "set grid noytics xtics\nset border 1\n", p->rows ? p->rows : 1);
}

static void tornado(FILE *f, const struct plotsens *p, double factor)
{
	double c = isfinite(p->centre) ? p->centre * factor : NAN;

	if (isfinite(c))
		fprintf(f, "set arrow 1 from first %.10g, graph 0 to first %.10g, graph 1 nohead"
		        " ls 100 front\n", c, c);
	fprintf(f, "c = %.10g\nv(k) = column(k) * %.10g\n"
	        "plot '../tornado.csv' every ::0::%zu using ((c + v('kpi_low')) / 2):0:"
	        "(abs(v('kpi_low') - c) / 2):(%g):ytic(strcol('parameter'))"
	        " with boxxyerror fc rgb c_sky fs solid 0.9 noborder, \\\n"
	        "     '' every ::0::%zu using ((c + v('kpi_high')) / 2):0:"
	        "(abs(v('kpi_high') - c) / 2):(%g) with boxxyerror fc rgb c_vermillion"
	        " fs solid 0.9 noborder\n",
	        isfinite(c) ? c : 0, factor, p->rows ? p->rows - 1 : 0, BAR_HALF,
	        p->rows ? p->rows - 1 : 0, BAR_HALF);
}

/* Morris: mu* and sigma of each parameter, two bars a row (both >= 0), in
** the KPI's unit per unit of the grid coordinate (docs/ESTIMATORS.md). */
static void morris(FILE *f, const struct plotsens *p, double factor)
{
	size_t last = p->rows ? p->rows - 1 : 0;

	fprintf(f, "set yzeroaxis ls 100\nv(k) = column(k) * %.10g\n"
	        "plot '../morris.csv' every ::0::%zu using (v('mu_star') / 2):($0 - %g):"
	        "(abs(v('mu_star')) / 2):(%g):ytic(strcol('parameter')) with boxxyerror"
	        " fc rgb c_blue fs solid 0.9 noborder, \\\n"
	        "     '' every ::0::%zu using (v('sigma') / 2):($0 + %g):(abs(v('sigma')) / 2):"
	        "(%g) with boxxyerror fc rgb c_orange fs solid 0.9 noborder\n",
	        factor, last, SOBOL_OFF, SOBOL_HALF, last, SOBOL_OFF, SOBOL_HALF);
}

static void sobol(FILE *f, const struct plotsens *p)
{
	size_t last = p->rows ? p->rows - 1 : 0;

	fputs("set yzeroaxis ls 100\n", f);
	fprintf(f, "plot '../sobol.csv' every ::0::%zu using (column('S1') / 2):($0 - %g):"
	        "(abs(column('S1')) / 2):(%g):ytic(strcol('parameter')) with boxxyerror"
	        " fc rgb c_blue fs solid 0.9 noborder, \\\n"
	        "     '' every ::0::%zu using 'S1':($0 - %g):'S1_lo':'S1_hi' with xerrorbars"
	        " lc rgb c_black dt solid lw 1 ps 0, \\\n"
	        "     '' every ::0::%zu using (column('ST') / 2):($0 + %g):(abs(column('ST')) / 2):"
	        "(%g) with boxxyerror fc rgb c_orange fs solid 0.9 noborder, \\\n"
	        "     '' every ::0::%zu using 'ST':($0 + %g):'ST_lo':'ST_hi' with xerrorbars"
	        " lc rgb c_black dt solid lw 1 ps 0\n",
	        last, SOBOL_OFF, SOBOL_HALF, last, SOBOL_OFF, last, SOBOL_OFF, SOBOL_HALF, last,
	        SOBOL_OFF);
}

/* The key, one entry a row on a panel of its own below the plot and the
** names (gpscript_key_overlay): the constant 2 lies outside its range and
** draws nothing. */
static void key(FILE *f, const struct plotsens *p, const struct layout_frame *fr)
{
	struct layout_frame kf = *fr;

	kf.x0 = 0;
	gpscript_key_overlay(f, &kf);
	/* The plot's zero line and centre line would cross the key panel. */
	fputs("set yrange [0:1]\nunset yzeroaxis\nunset arrow\n", f);
	if (p->kind == PLOTSENS_TORNADO)
		fputs("plot 2 notitle, keyentry with filledcurves fc rgb c_sky fs solid 0.9"
		      " title L_p10, \\\n     keyentry with filledcurves fc rgb c_vermillion"
		      " fs solid 0.9 title L_p90\n", f);
	else if (p->kind == PLOTSENS_MORRIS)
		fputs("plot 2 notitle, keyentry with filledcurves fc rgb c_blue fs solid 0.9"
		      " title L_mustar, \\\n     keyentry with filledcurves fc rgb c_orange"
		      " fs solid 0.9 title L_sigma\n", f);
	else
		fputs("plot 2 notitle, keyentry with filledcurves fc rgb c_blue fs solid 0.9"
		      " title L_s1, \\\n     keyentry with filledcurves fc rgb c_orange fs solid 0.9"
		      " title L_st, \\\n     keyentry with xerrorbars lc rgb c_black dt solid lw 1 ps 0"
		      " title L_ci95\n", f);
}

void plotsens_chart(FILE *f, const struct plotsens *p, double width_cm, const char *qfoot)
{
	struct layout_frame fr;
	struct layout_vpos end;
	double factor;

	frame(p, width_cm, &fr, &end);
	gpscript_loop_begin(f);
	gpscript_flex(f, &end);
	fputs("set multiplot\n", f);
	gpscript_panel(f, p->kind == PLOTSENS_TORNADO  ? "L_t_tornado"
	                  : p->kind == PLOTSENS_MORRIS ? "L_t_morris"
	                                               : "L_t_sobol");
	gpscript_frame(f, &fr);
	rows_axis(f, p);
	factor = xaxis(f, p);
	if (p->kind == PLOTSENS_TORNADO)
		tornado(f, p, factor);
	else if (p->kind == PLOTSENS_MORRIS)
		morris(f, p, factor);
	else
		sobol(f, p);
	key(f, p, &fr);
	gpscript_footer(f, qfoot);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
}
