/*
** plotscen.c: the scripts of one scenario's charts (plotscen.h). A panel
** reads the scenario's results from the script variable `data` and shows
** its name from `scenario_name`; the dashboard also shows the wrapped
** description from about_1, about_2, ... All of them hold quoted literals
** made by chartdata.c.
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

/* Writes a line plot of lines[0..n) of s from `data`, each value times
** factor; cumulative sums them up over the years. */
static void lines_plot(FILE *f, const struct chartdata_scen *s, const struct chartdef_line *lines,
                       size_t n, double factor, int cumulative)
{
	int first = 1;

	fputs("plot ", f);
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
** lines of a two-line panel; none for one line, which the title names. */
static size_t panel_keys(const struct chartdata_scen *s, enum chartdef_panel p)
{
	const struct chartdef_stack *defs = p == CHARTDEF_FUNDING ? chartdef_funding : chartdef_spend;
	size_t n = p == CHARTDEF_FUNDING ? CHARTDEF_NFUNDING : CHARTDEF_NSPEND, m = 0;

	switch (p) {
	case CHARTDEF_FUNDING:
	case CHARTDEF_SPEND:
		for (size_t i = 0; i < n; i++)
			m += (size_t)chartdata_stack_present(s, &defs[i]);
		return m;
	case CHARTDEF_SERVICES:
	case CHARTDEF_CUMULATIVE:
	case CHARTDEF_OM_LEGACY:
		return 2;
	default:
		return 0;
	}
}

/* Writes the plot command of panel p of s; money divided by scale. */
static void scen_plot(FILE *f, const struct chartdata_scen *s, enum chartdef_panel p, double scale)
{
	switch (p) {
	case CHARTDEF_FUNDING:
		gpscript_stack_plot(f, "data", s, chartdef_funding, CHARTDEF_NFUNDING, scale, 1);
		break;
	case CHARTDEF_SPEND:
		gpscript_stack_plot(f, "data", s, chartdef_spend, CHARTDEF_NSPEND, scale, 1);
		break;
	case CHARTDEF_SERVICES:
		lines_plot(f, s, chartdef_services, 2, 100, 0);
		break;
	case CHARTDEF_CUMULATIVE:
		lines_plot(f, s, chartdef_cumulative, 2, 1 / scale, 1);
		break;
	case CHARTDEF_OM_LEGACY:
		lines_plot(f, s, chartdef_om_legacy, 2, 100, 0);
		break;
	case CHARTDEF_SKILL:
		lines_plot(f, s, chartdef_skill, 1, 1, 0);
		break;
	case CHARTDEF_RESISTANCE:
		lines_plot(f, s, chartdef_resistance, 1, 1, 0);
		break;
	case CHARTDEF_NPANELS:
		break;
	}
}

/*
** Writes panel p of scenario s at fr. In a dashboard (standalone 0) the
** title leaves out the name, the year axis its label, and the axes have
** fewer ticks.
*/
static void scen_panel(FILE *f, const struct chartdata_scen *s, enum chartdef_panel p,
                       int standalone, const struct layout_frame *fr)
{
	int small = !standalone;
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
	case CHARTDEF_SPEND: {
		const struct chartdef_stack *defs = p == CHARTDEF_FUNDING ? chartdef_funding : chartdef_spend;
		size_t n = p == CHARTDEF_FUNDING ? CHARTDEF_NFUNDING : CHARTDEF_NSPEND;

		layout_money_axis(0, chartdata_stack_max(s, defs, n),
		                  small ? LAYOUT_MONEY_TICKS_SMALL : LAYOUT_MONEY_TICKS, &a);
		gpscript_yaxis(f, CHARTDEF_MONEY, &a, 1, small);
		break;
	}
	case CHARTDEF_SERVICES:
		gpscript_yaxis(f, CHARTDEF_SHARE, NULL, 0, small);
		marks(f, s);
		break;
	case CHARTDEF_CUMULATIVE: {
		double top = 0;

		for (size_t i = 0; i < 2; i++)
			top = fmax(top, chartdata_total(s, chartdef_cumulative[i].col));
		layout_money_axis(0, top, small ? LAYOUT_MONEY_TICKS_SMALL : LAYOUT_MONEY_TICKS, &a);
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
	scen_plot(f, s, p, a.scale);
	if (fr->keyrows) {
		gpscript_key_overlay(f, fr);
		scen_plot(f, s, p, a.scale);
	}
}

/* Writes the dashboard's text cell at fr: the description and the target,
** a line each from the top of the cell's plot area. */
static void about(FILE *f, const struct chartdata_scen *s, const struct layout_frame *fr)
{
	double l = layout_line_cm(fr->pt);
	size_t i;

	gpscript_panel(f, "L_t_about");
	gpscript_frame(f, fr);
	fputs("unset border\nunset tics\nunset grid\nunset xlabel\nunset ylabel\n"
	      "set xrange [0:1]\nset yrange [0:1]\n", f);
	for (i = 0; i < s->nabout; i++)
		fprintf(f, "set label %zu about_%zu at screen scr_x(%.4g * page_w + %g),"
		        " scr_y(%.4g + %.4g + %.4g * flex) left\n", i + 1, i + 1, fr->x0,
		        LAYOUT_KEY_INDENT_CM, fr->top.cm, l * ((double)i + 0.5), fr->top.fl);
	if (isfinite(s->target))
		fprintf(f, "set label %zu L_target . ': ' . gnum(%.10g, 0) . ' %%'"
		        " at screen scr_x(%.4g * page_w + %g), scr_y(%.4g + %.4g + %.4g * flex) left\n",
		        i + 1, s->target * 100, fr->x0, LAYOUT_KEY_INDENT_CM, fr->top.cm,
		        l * ((double)i + 1.5), fr->top.fl);
	if (s->mandate && isfinite(s->deadline))
		fprintf(f, "set label %zu L_mandate . ' ' . sprintf('%%.0f', %.10g) . ': '"
		        " . gnum(%.10g, 0) . ' %%' at screen scr_x(%.4g * page_w + %g),"
		        " scr_y(%.4g + %.4g + %.4g * flex) left\n", i + 2, s->deadline,
		        s->mandate_target * 100, fr->x0, LAYOUT_KEY_INDENT_CM, fr->top.cm,
		        l * ((double)i + 2.5), fr->top.fl);
	fputs("plot 2 notitle\n", f);
}

/* The panel and the panel of its key, in one multiplot across the page. */
void plotscen_panel(FILE *f, const struct chartdata_scen *s, enum chartdef_panel p)
{
	struct layout_frame fr;
	struct layout_vpos end;

	fprintf(f, "data = %s\nscenario_name = %s\n", s->qdata, s->qname);
	gpscript_loop_begin(f);
	layout_single(panel_keys(s, p), LAYOUT_KEY_COLS, LAYOUT_CHART_FONT_PT, &fr, &end);
	gpscript_flex(f, &end);
	/* Several plots on one page: the chart and its key's panel. */
	fputs("set multiplot\n", f);
	scen_panel(f, s, p, 1, &fr);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
}

/* The panels at the frames of layout_dashboard under the scenario's name,
** and the text cell. */
void plotscen_dashboard(FILE *f, const struct chartdata_scen *s)
{
	struct layout_frame fr[CHARTDEF_NPANELS + 1];
	size_t keys[CHARTDEF_NPANELS];
	struct layout_vpos end;

	fprintf(f, "data = %s\nscenario_name = %s\n", s->qdata, s->qname);
	fputs("# The description, wrapped by dtsim.\n", f);
	for (size_t i = 0; i < s->nabout; i++)
		fprintf(f, "about_%zu = %s\n", i + 1, s->qabout[i]);
	gpscript_loop_begin(f);
	for (int p = 0; p < CHARTDEF_NPANELS; p++)
		keys[p] = panel_keys(s, (enum chartdef_panel)p);
	layout_dashboard(keys, fr, &end);
	gpscript_flex(f, &end);
	fputs("set multiplot title scenario_name font ',' . (font_size + 3)\n", f);
	for (int p = 0; p < CHARTDEF_NPANELS; p++)
		scen_panel(f, s, (enum chartdef_panel)p, 0, &fr[p]);
	about(f, s, &fr[CHARTDEF_NPANELS]);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
}
