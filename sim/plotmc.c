/*
** plotmc.c: the scripts of the Monte Carlo charts (plotmc.h). Each script
** sets scenario_name (quoted, from mcdata.c) and reads its table by the
** quoted path mcdata.c made; only the catalogue's column and KPI names
** (chartdef.c) and numbers are written into the script besides.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chartdef.h"
#include "gpscript.h"
#include "layout.h"
#include "plotmc.h"

/* A histogram's axis reaches this share of its range beyond the outer
** bars (and the mark), a year axis a year. */
#define PLOTMC_PAD 0.1

/* The fill of a histogram's bars (density of c_blue on white). */
#define PLOTMC_BAR_FILL "solid 0.75 noborder"

/* ---- small multiples ------------------------------------------------------------ */

/* The key below the panels fr[0..n): on a panel of its own without axes,
** keys entries given as "keyentry ..." texts. */
static void key_panel(FILE *f, const struct layout_frame *last, const struct layout_vpos *key,
                      const char *const *entries, size_t keys)
{
	struct layout_frame kf = *last;

	kf.x0 = 0;
	kf.x1 = 1;
	kf.key = *key;
	kf.keyrows = layout_key_rows(keys, LAYOUT_KEY_COLS);
	gpscript_key_panel(f, &kf);
	for (size_t k = 0; k < keys; k++)
		fprintf(f, ", \\\n     keyentry %s", entries[k]);
	fputs("\n", f);
}

/* The height of small multiples of n panels with a key of keys entries. */
static double multiples_height(size_t n, size_t keys)
{
	struct layout_frame *fr = calloc(n ? n : 1, sizeof *fr);
	struct layout_vpos key, end;
	double h;

	if (!fr)
		return 1;
	layout_small_multiples(n, keys, fr, &key, &end);
	h = layout_small_multiples_height(&end);
	free(fr);
	return h;
}

/* ---- fan charts ----------------------------------------------------------------- */

/* 1 when s's fan panel d is drawn. */
static int fan_drawn(const struct mcdata_scen *s, const struct chartdef_fan *d)
{
	return mcdata_fan_has(s, d->col);
}

/* The panels drawn, and whether one of them marks the target. */
static size_t fan_panels(const struct mcdata_scen *s, int *target)
{
	size_t n = 0;

	*target = 0;
	for (size_t k = 0; k < CHARTDEF_NFAN; k++)
		if (fan_drawn(s, &chartdef_fan[k])) {
			n++;
			*target |= chartdef_fan[k].target && isfinite(s->target);
		}
	return n;
}

/* One panel: the two bands, then the median over them, the target dashed. */
static void fan_panel(FILE *f, const struct mcdata_scen *s, const struct chartdef_fan *d,
                      const struct layout_frame *fr)
{
	struct layout_axis a = { 0, 1, 1, 1, 0, "L_meur" };
	double factor = 1, lo = 0, hi = 0;
	const char *c = d->col;

	gpscript_panel(f, d->title);
	gpscript_frame(f, fr);
	gpscript_years(f, s->y0, s->y1, LAYOUT_YEAR_TICKS_SMALL, 0);
	if (d->kind == CHARTDEF_MONEY) {
		mcdata_fan_extent(s, c, &lo, &hi);
		layout_money_axis(lo, hi, LAYOUT_MONEY_TICKS_SMALL, &a);
		factor = 1 / a.scale;
		if (lo < 0)
			fputs("set xzeroaxis ls 100\n", f);
	} else if (d->kind == CHARTDEF_SHARE) {
		factor = 100;
	}
	gpscript_yaxis(f, d->kind, &a, 0, 1);
	fprintf(f, "F = %.10g\n"
	        "plot data using 'year':(column('%s_p5') * F):(column('%s_p95') * F)"
	        " with filledcurves fc rgb c_band_90 fs solid 1.0 notitle, \\\n"
	        "     '' using 'year':(column('%s_p25') * F):(column('%s_p75') * F)"
	        " with filledcurves fc rgb c_band_50 fs solid 1.0 notitle, \\\n"
	        "     '' using 'year':(column('%s_p50') * F) with lines lt 1 notitle",
	        factor, c, c, c, c, c);
	if (d->target && isfinite(s->target))
		fprintf(f, ", \\\n     %.10g with lines ls 100 notitle", s->target * factor);
	fputs("\n", f);
}

/* ---- histograms of the key figures ------------------------------------------------ */

/* The value d marks for s (NaN: none). */
static double hist_mark(const struct mcdata_scen *s, const struct chartdef_mc_kpi *d)
{
	if (d->mark == CHARTDEF_MARK_TARGET)
		return s->target;
	if (d->mark == CHARTDEF_MARK_DEADLINE && s->mandate)
		return s->deadline;
	return NAN;
}

/* 1 when the histogram of d is drawn: bins that hold runs. */
static int hist_drawn(const struct mcdata_scen *s, const struct chartdef_mc_kpi *d)
{
	double lo, hi, total = 0, peak;

	return mcdata_hist_bins(s, d->kpi, &lo, &hi, &total, &peak) > 0 && total > 0;
}

/* The panels drawn; which marks they show (bits 1: target, 2: deadline). */
static size_t hist_panels(const struct mcdata_scen *s, unsigned *marks)
{
	size_t n = 0;

	*marks = 0;
	for (size_t k = 0; k < CHARTDEF_NMC_KPIS; k++) {
		const struct chartdef_mc_kpi *d = &chartdef_mc_kpis[k];

		if (!hist_drawn(s, d))
			continue;
		n++;
		if (isfinite(hist_mark(s, d)))
			*marks |= d->mark == CHARTDEF_MARK_TARGET ? 1u : 2u;
	}
	return n;
}

/*
** One panel: the share of the runs in each bin of d's key figure, bars as
** wide as the bins, on an axis of the figure's kind (years, per cent, an
** index, money) that reaches the mark too.
*/
static void hist_panel(FILE *f, const struct mcdata_scen *s, const struct chartdef_mc_kpi *d,
                       const struct layout_frame *fr)
{
	double lo = 0, hi = 0, total = 0, peak = 0, mark = hist_mark(s, d), factor = 1, pad;
	struct layout_axis a, y;

	mcdata_hist_bins(s, d->kpi, &lo, &hi, &total, &peak);
	if (isfinite(mark)) {
		lo = fmin(lo, mark);
		hi = fmax(hi, mark);
	}
	/* Room beside the outer bars and the mark, so neither lies on an axis. */
	pad = d->years ? 1 : PLOTMC_PAD * (hi - lo);
	lo -= pad;
	hi += pad;
	gpscript_panel(f, d->title);
	gpscript_frame(f, fr);
	if (d->years) {
		gpscript_years(f, floor(lo), ceil(hi), LAYOUT_YEAR_TICKS_SMALL, 0);
	} else if (d->kind == CHARTDEF_MONEY) {
		layout_money_axis(lo, hi, LAYOUT_KPI_TICKS, &a);
		factor = 1 / a.scale;
		gpscript_money_ticks(f, 'x', &a, a.hi);
		fprintf(f, "set xlabel %s\n", a.unit);
	} else {
		factor = d->kind == CHARTDEF_SHARE ? 100 : 1;
		layout_plain_axis(lo * factor, hi * factor, LAYOUT_KPI_TICKS, &a);
		gpscript_money_ticks(f, 'x', &a, a.hi);
		fprintf(f, "set xlabel %s\n", d->kind == CHARTDEF_SHARE ? "L_percent" : "L_index");
	}
	layout_plain_axis(0, peak / total * 100, LAYOUT_MONEY_TICKS_SMALL, &y);
	gpscript_money_ticks(f, 'y', &y, y.hi);
	fputs("set ylabel L_runs_share\n", f);
	if (isfinite(mark))
		fprintf(f, "set arrow 1 from %.10g, graph 0 to %.10g, graph 1 nohead ls %d front\n",
		        mark * factor, mark * factor, d->mark == CHARTDEF_MARK_TARGET ? 100 : 101);
	fprintf(f, "F = %.10g\nY = %.10g\n"
	        "plot data using (strcol('kpi') eq '%s' ? (column('bin_lo') + column('bin_hi')) / 2 * F"
	        " : NaN):(column('count') * Y):((column('bin_hi') - column('bin_lo')) * F)"
	        " with boxes fc rgb c_blue fs " PLOTMC_BAR_FILL " notitle\n",
	        factor, 100 / total, d->kpi);
}

/* ---- the charts --------------------------------------------------------------- */

const struct plotmc_def plotmc_charts[PLOTMC_NCHARTS] = {
	[PLOTMC_FAN] = { "fan", "percentile bands of the core variables over the runs of dtsim mc",
	                 "L_t_fan" },
	[PLOTMC_HIST] = { "mc-kpi", "histograms of key figures over the runs of dtsim mc, the"
	                  " target marked", "L_t_mc_kpi" },
};

/* The panels of chart c of s; its key entries ("with ... title ...") into
** entries (room for 4) and their count into *keys. */
static size_t panels(const struct mcdata_scen *s, enum plotmc_chart c, const char **entries,
                     size_t *keys)
{
	size_t n;
	unsigned marks;
	int target;

	*keys = 0;
	if (c == PLOTMC_FAN) {
		n = fan_panels(s, &target);
		entries[(*keys)++] = "with filledcurves fc rgb c_band_90 fs solid 1.0 title L_band_90";
		entries[(*keys)++] = "with filledcurves fc rgb c_band_50 fs solid 1.0 title L_band_50";
		entries[(*keys)++] = "with lines lt 1 title L_median";
		if (target)
			entries[(*keys)++] = "with lines ls 100 title L_target";
		return n;
	}
	n = hist_panels(s, &marks);
	entries[(*keys)++] = "with boxes fc rgb c_blue fs " PLOTMC_BAR_FILL " title L_runs";
	if (marks & 1u)
		entries[(*keys)++] = "with lines ls 100 title L_target";
	if (marks & 2u)
		entries[(*keys)++] = "with lines ls 101 title L_mandate";
	return n;
}

int plotmc_has(const struct mcdata_scen *s, enum plotmc_chart c)
{
	const char *entries[4];
	size_t keys;

	return panels(s, c, entries, &keys) > 0;
}

double plotmc_height(const struct mcdata_scen *s, enum plotmc_chart c)
{
	const char *entries[4];
	size_t keys, n = panels(s, c, entries, &keys);

	return multiples_height(n, keys);
}

/* The panels two a row, the key below them, the footer; the scenario's
** name in the page title. */
void plotmc_write(FILE *f, const struct mcdata_scen *s, enum plotmc_chart c)
{
	const char *entries[4];
	size_t keys, n = panels(s, c, entries, &keys), i = 0;
	struct layout_frame *fr = calloc(n ? n : 1, sizeof *fr);
	struct layout_vpos key, end;
	const char *data = c == PLOTMC_FAN ? s->qfan : s->qhist;

	fprintf(f, "data = %s\nscenario_name = %s\n", data ? data : "''", s->qname);
	gpscript_loop_begin(f);
	if (!fr || n == 0) {
		fputs("print 'dtsim: out of memory'\nexit status 1\n", f);
		free(fr);
		gpscript_loop_end(f);
		return;
	}
	layout_small_multiples(n, keys, fr, &key, &end);
	gpscript_flex(f, &end);
	fprintf(f, "set multiplot title %s . scenario_name font ',' . (font_size + 2)\n",
	        plotmc_charts[c].title);
	for (size_t k = 0; c == PLOTMC_FAN && k < CHARTDEF_NFAN; k++)
		if (fan_drawn(s, &chartdef_fan[k]))
			fan_panel(f, s, &chartdef_fan[k], &fr[i++]);
	for (size_t k = 0; c == PLOTMC_HIST && k < CHARTDEF_NMC_KPIS; k++)
		if (hist_drawn(s, &chartdef_mc_kpis[k]))
			hist_panel(f, s, &chartdef_mc_kpis[k], &fr[i++]);
	key_panel(f, &fr[n - 1], &key, entries, keys);
	gpscript_footer(f, s->qfoot);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
	free(fr);
}
