/*
** plotscen.c: the scripts of one scenario's charts (plotscen.h). A panel
** reads the scenario's results from the script variable `data` and shows
** its name from `scenario_name`; with a reference scenario, `ref` and
** `ref_name` hold its results and name, drawn as grey lines (c_ref in
** style.gp) under the scenario's own: each line's counterpart, and over a
** stack the reference's total. The dashboard also shows the wrapped
** question from about_1, about_2, ... and the key figures (keyfig.h). All
** of them hold quoted literals made by chartdata.c.
*/
#include <math.h>
#include <stdio.h>

#include "gpscript.h"
#include "layout.h"
#include "plotscen.h"

/* Writes the "set title" expression for panel p: with the scenario's name
** in a chart of its own, without in the dashboard. */
static void panel_title(char *buf, size_t len, enum chartdef_panel p, int standalone)
{
	snprintf(buf, len, "%s%s", standalone ? "scenario_name . ': ' . " : "",
	         chartdef_panels[p].title);
}

/* The style of the reference's counterpart of line lt: its dash, in grey. */
#define REF_STYLE "lt %zu lc rgb c_ref lw ref_lw"

/* Writes the reference's lines of lines[0..n), as lines_plot draws the
** scenario's: in a chart of its own (key) the first one titled with the
** reference's name. Returns whether it wrote one. */
static int ref_lines(FILE *f, const struct chartdata_scen *s, const struct chartdef_line *lines,
                     size_t n, double factor, int cumulative, int key)
{
	int first = 1;

	for (size_t i = 0; s->ref && i < n; i++) {
		if (!chartdata_has(s->ref, lines[i].col) || !chartdata_has(s, lines[i].col))
			continue;
		fprintf(f, "%sref using 'year':(column('%s') * %.10g)%s with lines " REF_STYLE " %s",
		        first ? "" : ", \\\n     ", lines[i].col, factor,
		        cumulative ? " smooth cumulative" : "", i + 1,
		        first && key ? "title ref_name . L_reference" : "notitle");
		first = 0;
	}
	return !first;
}

/* Writes a line plot of lines[0..n) of s from `data`, each value times
** factor; cumulative sums them up over the years; the reference's lines
** first (key: with a key entry). */
static void lines_plot(FILE *f, const struct chartdata_scen *s, const struct chartdef_line *lines,
                       size_t n, double factor, int cumulative, int key)
{
	int first;

	fputs("plot ", f);
	first = !ref_lines(f, s, lines, n, factor, cumulative, key);
	for (size_t i = 0; i < n; i++) {
		if (!chartdata_has(s, lines[i].col))
			continue;
		fprintf(f, "%sdata using 'year':(column('%s') * %.10g)%s with lines lt %zu title %s",
		        first ? "" : ", \\\n     ", lines[i].col, factor,
		        cumulative ? " smooth cumulative" : "", i + 1, lines[i].label);
		first = 0;
	}
	if (first)
		fputs("NaN notitle", f);
	fputs("\n", f);
}

/* The cash panel: the funding gap as bars, the reference's cash, the
** cash and the loans outstanding; money divided by scale. */
static void cash_plot(FILE *f, const struct chartdata_scen *s, double scale, int key)
{
	const struct chartdef_line *c = chartdef_cash;
	int first;

	fputs("set boxwidth 0.6\nplot ", f);
	first = !ref_lines(f, s, c, 1, 1 / scale, 0, key);
	if (chartdata_nonzero(s, c[2].col)) {
		fprintf(f, "%sdata using 'year':(column('%s') / %.10g) with boxes fc rgb c_vermillion"
		        " title %s", first ? "" : ", \\\n     ", c[2].col, scale, c[2].label);
		first = 0;
	}
	for (size_t i = 0; i < 2; i++) {
		if (!chartdata_has(s, c[i].col) || (i > 0 && !chartdata_nonzero(s, c[i].col)))
			continue;
		fprintf(f, "%sdata using 'year':(column('%s') / %.10g) with lines lt %d title %s",
		        first ? "" : ", \\\n     ", c[i].col, scale, i ? 4 : 1, c[i].label);
		first = 0;
	}
	if (first)
		fputs("NaN notitle", f);
	fputs("\n", f);
}

/* The lowest and highest value the cash panel of s draws (EUR). */
static void cash_extent(const struct chartdata_scen *s, double *lo, double *hi)
{
	*lo = 0;
	*hi = 0;
	for (size_t i = 0; i < 3; i++)
		chartdata_scen_extent(s, chartdef_cash[i].col, lo, hi);
	if (s->ref)
		chartdata_scen_extent(s->ref, chartdef_cash[0].col, lo, hi);
}

/*
** Draws the reference's total of the stack defs[0..n) as a grey line over
** the stack just drawn, on a panel of its own at the same place and scale
** (the stack's plot command is gpscript's), money divided by scale.
*/
static void ref_stack_total(FILE *f, const struct chartdata_scen *s,
                            const struct chartdef_stack *defs, size_t n, double scale)
{
	int terms = 0;

	if (!s->ref)
		return;
	fputs("# The reference's total, over the stack.\nunset border\nunset tics\nunset grid\n"
	      "unset title\nunset xlabel\nunset ylabel\nunset label\nunset arrow\n"
	      "plot ref using 'year':((", f);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < CHARTDEF_STACK_COLS && defs[i].cols[k]; k++)
			if (chartdata_has(s->ref, defs[i].cols[k]))
				fprintf(f, "%scolumn('%s')", terms++ ? " + " : "", defs[i].cols[k]);
	fprintf(f, "%s) / %.10g) with lines lt 1 lc rgb c_ref lw ref_lw notitle\n",
	        terms ? "" : "NaN", scale);
}

/* Marks the maturity target and the mandate's deadline and target on a
** per-cent axis over years y0..y1. */
static void marks(FILE *f, const struct chartdata_scen *s)
{
	int tag = 1;

	if (isfinite(s->target)) {
		fprintf(f, "set arrow %d from graph 0, first %.10g to graph 1, first %.10g nohead"
		        " ls 100 front\nset label %d L_target . ' ' . gnum(%.10g, 0) . ' %%'"
		        " at graph 0.99, first %.10g right offset 0, 0.7 front\n",
		        tag, s->target * 100, s->target * 100, tag, s->target * 100, s->target * 100);
		tag++;
	}
	if (s->mandate && isfinite(s->deadline) && s->deadline >= s->y0 && s->deadline <= s->y1 + 1) {
		fprintf(f, "set arrow %d from first %.10g, graph 0 to first %.10g, graph 1 nohead"
		        " ls 101 front\nset label %d L_mandate . ' ' . sprintf('%%.0f', %.10g)"
		        " at first %.10g, graph 0.04 left offset 0.4, 0 front\n",
		        tag, s->deadline, s->deadline, tag, s->deadline, s->deadline);
		tag++;
		if (isfinite(s->mandate_target) && (!isfinite(s->target)
		                                    || fabs(s->mandate_target - s->target) > 1e-12))
			fprintf(f, "set arrow %d from graph 0, first %.10g to first %.10g, first %.10g"
			        " nohead ls 101 front\n", tag, s->mandate_target * 100, s->deadline,
			        s->mandate_target * 100);
	}
}

/* Entries of panel p's key for s: the stacked sources or uses s has, the
** lines of a two-line panel (none for one line, which the title names),
** the cash panel's lines and bars; in a chart of its own (key) one more
** for a reference's lines (and then the one line too). */
static size_t panel_keys(const struct chartdata_scen *s, enum chartdef_panel p, int key)
{
	const struct chartdef_stack *defs = p == CHARTDEF_FUNDING ? chartdef_funding : chartdef_spend;
	size_t n = p == CHARTDEF_FUNDING ? CHARTDEF_NFUNDING : CHARTDEF_NSPEND, m = 0;
	int ref = key && s->ref;

	switch (p) {
	case CHARTDEF_FUNDING:
	case CHARTDEF_SPEND:
		for (size_t i = 0; i < n; i++)
			m += (size_t)chartdata_stack_present(s, &defs[i]);
		return m;
	case CHARTDEF_CASH:
		return 1 + (size_t)chartdata_nonzero(s, chartdef_cash[1].col)
		       + (size_t)chartdata_nonzero(s, chartdef_cash[2].col) + (size_t)ref;
	case CHARTDEF_SERVICES:
	case CHARTDEF_CUMULATIVE:
	case CHARTDEF_OM_LEGACY:
		return 2 + (size_t)ref;
	case CHARTDEF_SKILL:
	case CHARTDEF_RESISTANCE:
		return ref ? 2 : 0;
	case CHARTDEF_NPANELS:
		break;
	}
	return 0;
}

/* Writes the plot command of panel p of s; money divided by scale; key:
** in a chart of its own. */
static void scen_plot(FILE *f, const struct chartdata_scen *s, enum chartdef_panel p, double scale,
                      int key)
{
	switch (p) {
	case CHARTDEF_FUNDING:
		gpscript_stack_plot(f, "data", s, chartdef_funding, CHARTDEF_NFUNDING, scale, 1);
		break;
	case CHARTDEF_SPEND:
		gpscript_stack_plot(f, "data", s, chartdef_spend, CHARTDEF_NSPEND, scale, 1);
		break;
	case CHARTDEF_SERVICES:
		lines_plot(f, s, chartdef_services, 2, 100, 0, key);
		break;
	case CHARTDEF_CUMULATIVE:
		lines_plot(f, s, chartdef_cumulative, 2, 1 / scale, 1, key);
		break;
	case CHARTDEF_CASH:
		cash_plot(f, s, scale, key);
		break;
	case CHARTDEF_OM_LEGACY:
		lines_plot(f, s, chartdef_om_legacy, 2, 100, 0, key);
		break;
	case CHARTDEF_SKILL:
		lines_plot(f, s, chartdef_skill, 1, 1, 0, key);
		break;
	case CHARTDEF_RESISTANCE:
		lines_plot(f, s, chartdef_resistance, 1, 1, 0, key);
		break;
	case CHARTDEF_NPANELS:
		break;
	}
}

/*
** Writes panel p of scenario s at fr. In a dashboard (standalone 0) the
** title leaves out the name, the year axis its label, the reference's
** lines their key entry, and the axes have fewer ticks.
*/
static void scen_panel(FILE *f, const struct chartdata_scen *s, enum chartdef_panel p,
                       int standalone, const struct layout_frame *fr)
{
	int small = !standalone, ticks = small ? LAYOUT_MONEY_TICKS_SMALL : LAYOUT_MONEY_TICKS;
	const struct chartdef_stack *defs = p == CHARTDEF_FUNDING ? chartdef_funding : chartdef_spend;
	size_t n = p == CHARTDEF_FUNDING ? CHARTDEF_NFUNDING : CHARTDEF_NSPEND;
	char title[96];
	struct layout_axis a;

	panel_title(title, sizeof title, p, standalone);
	gpscript_panel(f, title);
	gpscript_frame(f, fr);
	gpscript_years(f, s->y0, s->y1,
	               fr->x1 - fr->x0 > 0.75 ? LAYOUT_YEAR_TICKS : LAYOUT_YEAR_TICKS_SMALL, standalone);
	a.scale = 1;
	switch (p) {
	case CHARTDEF_FUNDING:
	case CHARTDEF_SPEND:
		layout_money_axis(0, fmax(chartdata_stack_max(s, defs, n),
		                          s->ref ? chartdata_stack_max(s->ref, defs, n) : 0), ticks, &a);
		gpscript_yaxis(f, CHARTDEF_MONEY, &a, 1, small);
		break;
	case CHARTDEF_SERVICES:
		gpscript_yaxis(f, CHARTDEF_SHARE, NULL, 0, small);
		marks(f, s);
		break;
	case CHARTDEF_CUMULATIVE: {
		double top = 0;

		for (size_t i = 0; i < 2; i++) {
			top = fmax(top, chartdata_total(s, chartdef_cumulative[i].col));
			if (s->ref)
				top = fmax(top, chartdata_total(s->ref, chartdef_cumulative[i].col));
		}
		layout_money_axis(0, top, ticks, &a);
		gpscript_yaxis(f, CHARTDEF_MONEY, &a, 0, small);
		break;
	}
	case CHARTDEF_CASH: {
		double lo, hi;

		cash_extent(s, &lo, &hi);
		layout_money_axis(lo, hi, ticks, &a);
		gpscript_yaxis(f, CHARTDEF_MONEY, &a, 0, small);
		break;
	}
	case CHARTDEF_OM_LEGACY:
		gpscript_yaxis(f, CHARTDEF_SHARE, NULL, 0, small);
		break;
	case CHARTDEF_SKILL:
	case CHARTDEF_RESISTANCE:
		gpscript_yaxis(f, CHARTDEF_INDEX, NULL, 0, small);
		break;
	case CHARTDEF_NPANELS:
		break;
	}
	scen_plot(f, s, p, a.scale, standalone);
	if (p == CHARTDEF_FUNDING || p == CHARTDEF_SPEND)
		ref_stack_total(f, s, defs, n, a.scale);
	if (fr->keyrows) {
		gpscript_key_overlay(f, fr);
		scen_plot(f, s, p, a.scale, standalone);
	}
}

/* Writes label tag's text (a script expression) at x0 of the page width
** plus the key's indent and at v plus lines text lines down. */
static void text_at(FILE *f, size_t tag, const char *text, double x0,
                    const struct layout_vpos *v, double lines)
{
	fprintf(f, "set label %zu %s at screen scr_x(%.4g * page_w + %g),"
	        " scr_y(%.4g + %.4g + %.4g * flex) left\n", tag, text, x0, LAYOUT_KEY_INDENT_CM, v->cm,
	        lines * layout_line_cm(LAYOUT_PANEL_FONT_PT), v->fl);
}

/* The rows of key figures of s, and the column of the note on the grey
** lines (the shorter one; none without a reference). */
static size_t keyfig_rows(const struct chartdata_scen *s, size_t *note)
{
	size_t rows[2] = { s->nkeyfig[0], s->nkeyfig[1] };

	*note = rows[1] <= rows[0];
	rows[*note] += s->ref != NULL;
	return rows[0] > rows[1] ? rows[0] : rows[1];
}

/*
** Writes the dashboard's text: the question (about_1, ...) from about,
** and in the cell at fr the key figures (kf_L_1, ..., kf_R_1, ...) in two
** columns, a line each from the top of the cell's plot area, and below
** the shorter column what the grey lines show.
*/
static void keyfig_cell(FILE *f, const struct chartdata_scen *s, const struct layout_vpos *about,
                        const struct layout_frame *fr)
{
	static const char side[2] = { 'L', 'R' };
	char var[32];
	size_t tag = 1, note;

	gpscript_panel(f, "''");
	gpscript_frame(f, fr);
	fputs("unset border\nunset tics\nunset grid\nunset xlabel\nunset ylabel\n"
	      "set xrange [0:1]\nset yrange [0:1]\n", f);
	for (size_t i = 0; i < s->nabout; i++) {
		snprintf(var, sizeof var, "about_%zu", i + 1);
		text_at(f, tag++, var, 0, about, (double)i + 0.5);
	}
	for (size_t c = 0; c < 2; c++)
		for (size_t i = 0; i < s->nkeyfig[c]; i++) {
			snprintf(var, sizeof var, "kf_%c_%zu", side[c], i + 1);
			text_at(f, tag++, var, LAYOUT_KEYFIG_SPLIT * (double)c, &fr->top, (double)i + 0.5);
		}
	keyfig_rows(s, &note);
	if (s->ref)
		text_at(f, tag, "L_ref_lines . ref_name", LAYOUT_KEYFIG_SPLIT * (double)note, &fr->top,
		        (double)s->nkeyfig[note] + 0.5);
	fputs("plot 2 notitle\n", f);
}

/* Writes the variables of s's results, name and reference. */
static void scen_vars(FILE *f, const struct chartdata_scen *s)
{
	fprintf(f, "data = %s\nscenario_name = %s\n", s->qdata, s->qname);
	if (s->ref)
		fprintf(f, "# The reference scenario, drawn in grey.\nref = %s\nref_name = %s\n",
		        s->ref->qdata, s->ref->qname);
}

/* The panel and the panel of its key, in one multiplot across the page. */
void plotscen_panel(FILE *f, const struct chartdata_scen *s, enum chartdef_panel p)
{
	struct layout_frame fr;
	struct layout_vpos end;

	scen_vars(f, s);
	gpscript_loop_begin(f);
	layout_single(panel_keys(s, p, 1), LAYOUT_KEY_COLS, LAYOUT_CHART_FONT_PT, &fr, &end);
	gpscript_flex(f, &end);
	/* Several plots on one page: the chart and its key's panel. */
	fputs("set multiplot\n", f);
	scen_panel(f, s, p, 1, &fr);
	gpscript_footer(f, s->qfoot);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
}

/* The question and the key figures under the scenario's name, then the
** panels at the frames of layout_dashboard. */
void plotscen_dashboard(FILE *f, const struct chartdata_scen *s)
{
	struct layout_frame fr[CHARTDEF_NPANELS + 1];
	size_t keys[CHARTDEF_NPANELS];
	struct layout_vpos about, end;
	size_t note, kf_rows = keyfig_rows(s, &note);

	scen_vars(f, s);
	fputs("# The question (the description), wrapped by dtsim.\n", f);
	for (size_t i = 0; i < s->nabout; i++)
		fprintf(f, "about_%zu = %s\n", i + 1, s->qabout[i]);
	fputs("# The key figures, from summary.csv (see keyfig.c).\n", f);
	for (size_t c = 0; c < 2; c++)
		for (size_t i = 0; i < s->nkeyfig[c]; i++)
			fprintf(f, "kf_%c_%zu = %s\n", c ? 'R' : 'L', i + 1, s->qkeyfig[c][i]);
	gpscript_loop_begin(f);
	for (int p = 0; p < CHARTDEF_NPANELS; p++)
		keys[p] = panel_keys(s, (enum chartdef_panel)p, 0);
	layout_dashboard(keys, s->nabout, kf_rows, fr, &about, &end);
	gpscript_flex(f, &end);
	fputs("set multiplot title scenario_name font ',' . (font_size + 3)\n", f);
	keyfig_cell(f, s, &about, &fr[CHARTDEF_NPANELS]);
	for (int p = 0; p < CHARTDEF_NPANELS; p++)
		scen_panel(f, s, (enum chartdef_panel)p, 0, &fr[p]);
	gpscript_footer(f, s->qfoot);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
}

/* Widens *lo..*hi to the finite values of col in s. */
static void col_extent(const struct chartdata_scen *s, const char *col, double *lo, double *hi)
{
	for (size_t row = 0; row < csvtab_rows(s->t); row++) {
		double v = chartdata_num(s, row, col);

		if (isfinite(v)) {
			*lo = fmin(*lo, v);
			*hi = fmax(*hi, v);
		}
	}
}

/* The lines s has (and the reference's, in grey, with a key entry of its
** own), on a money axis from 0 to the largest value of any of them (or the
** fixed axis of a share or index), the year axis labelled. */
void plotscen_chart(FILE *f, const struct chartdata_scen *s, const struct chartdef_chart *c)
{
	struct layout_axis a = { 0, 1, 1, 1, 0, "L_meur" };
	double lo = 0, hi = 0;
	size_t keys = 0;
	int ref = 0;
	char title[96];
	struct layout_frame fr;
	struct layout_vpos end;

	for (size_t i = 0; i < c->n; i++)
		if (chartdata_has(s, c->lines[i].col)) {
			keys++;
			col_extent(s, c->lines[i].col, &lo, &hi);
			if (s->ref && chartdata_has(s->ref, c->lines[i].col)) {
				col_extent(s->ref, c->lines[i].col, &lo, &hi);
				ref = 1;
			}
		}
	keys += (size_t)ref;
	if (c->kind == CHARTDEF_MONEY)
		layout_money_axis(lo, hi, LAYOUT_MONEY_TICKS, &a);
	scen_vars(f, s);
	gpscript_loop_begin(f);
	layout_single(keys, LAYOUT_KEY_COLS, LAYOUT_CHART_FONT_PT, &fr, &end);
	gpscript_flex(f, &end);
	fputs("set multiplot\n", f);
	snprintf(title, sizeof title, "scenario_name . ': ' . %s", c->title);
	gpscript_panel(f, title);
	gpscript_frame(f, &fr);
	gpscript_years(f, s->y0, s->y1, LAYOUT_YEAR_TICKS, 1);
	gpscript_yaxis(f, c->kind, &a, c->flow, 0);
	lines_plot(f, s, c->lines, c->n, c->kind == CHARTDEF_SHARE ? 100 : 1 / a.scale, 0, 1);
	gpscript_key_overlay(f, &fr);
	lines_plot(f, s, c->lines, c->n, c->kind == CHARTDEF_SHARE ? 100 : 1 / a.scale, 0, 1);
	gpscript_footer(f, s->qfoot);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
}
