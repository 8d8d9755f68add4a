/*
** plotroad.c: the roadmap chart (plotroad.h). One panel: the names of its
** rows left of the plot area as tick labels (the phases on top, then the
** milestones, then the domains of action), the fiscal years across, the
** colour scale right of it, the footer. Rows are counted from the top
** (a reversed y range), so row r of the data is the r-th from the top.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "gpscript.h"
#include "layout.h"
#include "plotroad.h"

/* A row's height, cm; the half height and width of a cell (rows and
** years apart by the rest); the gap between the milestones and the
** domains, rows. */
#define ROW_CM      0.48
#define CELL_HALF   0.42
#define CELL_HALF_W 0.47
#define DOMAIN_GAP  0.5

/* The room right of the plot area for the colour scale, its tick labels
** and its label, cm; the scale's distance from the plot and its width. */
#define SCALE_ROOM_CM  2.6
#define SCALE_GAP_CM   0.35
#define SCALE_W_CM     0.35

/* The most of the width the row names may take. */
#define NAMES_MAX_SHARE 0.45

/* A milestone's marker: a filled diamond, this size. */
#define MARK_PT   13
#define MARK_SIZE 2.5

/* The rows: the phases, the milestones, then the domains. */
#define ROW_PHASES 0.0
static double row_milestone(int m)
{
	return 1.0 + m;
}

static double row_domain(int d)
{
	return 1.0 + ROADMAP_NMS + DOMAIN_GAP + d;
}

#define ROWS_SPAN (row_domain(DOM_COUNT - 1) + 1.0)

/* The milestones' labels: lang.gp variables, before and after the level
** in per cent (every '%' doubled: a tick label is a format). */
static const char *const ms_label[ROADMAP_NMS][2] = {
	[ROADMAP_MS_HALF] = { "''", "' %% ' . L_ms_online" },
	[ROADMAP_MS_TARGET] = { "L_ms_target", "' %% ' . L_ms_online" },
	[ROADMAP_MS_LEGACY] = { "L_ms_legacy", "' %%'" },
	[ROADMAP_MS_PAYBACK] = { "L_ms_payback", NULL },
};

/* The characters of the longest milestone name with its level (the
** German texts are the longer). */
#define MS_LABEL_CHARS 26

/* The characters of UTF-8 text s: bytes that do not continue one. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The characters of the longest row name in lang. */
static size_t name_chars(enum plot_lang lang)
{
	size_t n = MS_LABEL_CHARS;

	for (int d = 0; d < DOM_COUNT; d++) {
		char label[ROADMAP_LABEL_LEN];

		roadmapplan_domain_label((enum domain)d, lang, label);
		n = chars(label) > n ? chars(label) : n;
	}
	return n;
}

double plotroad_height(void)
{
	struct layout_frame fr;
	struct layout_vpos end;

	layout_single(0, 1, LAYOUT_CHART_FONT_PT, &fr, &end);
	return (end.cm + ROWS_SPAN * ROW_CM) / PLOT_DEFAULT_HEIGHT_CM;
}

int plotroad_data(FILE *f, const struct roadmap_plan *p)
{
	fputs("year,row,eur\n", f);
	for (int y = p->start; y <= p->end; y++)
		for (int d = 0; d < DOM_COUNT; d++)
			fprintf(f, "%d,%g,%.10g\n", y, row_domain(d), roadmapplan_eur(p, y, (enum domain)d));
	return ferror(f) ? -1 : 0;
}

/* The frame: a single chart's rows, the names left, the scale right. */
static void frame(double width_cm, size_t name_chars, struct layout_frame *fr,
                  struct layout_vpos *end)
{
	double left, right;

	layout_single(0, 1, LAYOUT_CHART_FONT_PT, fr, end);
	layout_margins(fr, &left, &right);
	fr->x0 = fmin(fmax(layout_text_cm(name_chars + 2, LAYOUT_CHART_FONT_PT) - left, 0) / width_cm,
	              NAMES_MAX_SHARE);
	fr->x1 = 1 - SCALE_ROOM_CM / width_cm;
}

/* The row names as tick labels: milestones from lang.gp with their
** levels (gnum), domains quoted. Returns -1 when out of memory. */
static int row_names(FILE *f, const struct roadmap_plan *p, enum plot_lang lang)
{
	fprintf(f, "set ytics scale 0 (L_phases %g", ROW_PHASES);
	for (int m = 0; m < ROADMAP_NMS; m++) {
		fprintf(f, ", %s", ms_label[m][0]);
		if (ms_label[m][1]) {
			double pc = 100 * p->level[m];

			fprintf(f, " . gnum(%.10g, %d) . %s", pc, fabs(pc - round(pc)) < 0.05 ? 0 : 1,
			        ms_label[m][1]);
		}
		fprintf(f, " %g", row_milestone(m));
	}
	for (int d = 0; d < DOM_COUNT; d++) {
		char label[ROADMAP_LABEL_LEN];
		char *q;

		roadmapplan_domain_label((enum domain)d, lang, label);
		if (gnuplot_quote(label, GNUPLOT_TEXT, &q) != 0)
			return -1;
		fprintf(f, ", %s %g", q, row_domain(d));
		free(q);
	}
	fputs(")\n", f);
	return 0;
}

/* The phases: a band each in the top row, alternately shaded, with its
** years when they fit ("2026-2028", else "2026-28", else its number), and
** a dotted line down the chart where a phase begins. */
static void phases(FILE *f, const struct roadmap_plan *p, double year_cm)
{
	for (size_t k = 0; k < p->nphase; k++) {
		const struct roadmap_phase *ph = &p->phase[k];
		double a = ph->first - 0.5, b = ph->last + 0.5;
		char text[32];

		if (ph->first == ph->last)
			snprintf(text, sizeof text, "%d", ph->first);
		else
			snprintf(text, sizeof text, "%d-%d", ph->first, ph->last);
		if (layout_text_cm(strlen(text) + 1, LAYOUT_CHART_FONT_PT) > (b - a) * year_cm)
			snprintf(text, sizeof text, "%d-%02d", ph->first, ph->last % 100);
		if (layout_text_cm(strlen(text) + 1, LAYOUT_CHART_FONT_PT) > (b - a) * year_cm)
			snprintf(text, sizeof text, "%zu", k + 1);
		fprintf(f, "set object %zu rect from first %g, first %g to first %g, first %g"
		        " fc rgb %s fs solid 1.0 noborder back\n"
		        "set label %zu '%s' at first %g, first %g center front\n",
		        k + 1, a, ROW_PHASES - CELL_HALF, b, ROW_PHASES + CELL_HALF,
		        k % 2 ? "c_phase_b" : "c_phase_a", k + 1, text, (a + b) / 2, ROW_PHASES);
		if (k > 0)
			fprintf(f, "set arrow %zu from first %g, graph 0 to first %g, graph 1 nohead"
			        " ls 101 front\n", k + 1, a, a);
	}
}

/* The milestones: a marker in the year it is reached, the year beside it
** (right of it in the first half of the run, left in the second); or "not
** by END" at the right end of its row. */
static void milestones(FILE *f, const struct roadmap_plan *p, size_t label0)
{
	double mid = (p->start + p->end) / 2.0;

	for (int m = 0; m < ROADMAP_NMS; m++) {
		double y = p->year[m], r = row_milestone(m);
		size_t id = label0 + 2 * (size_t)m;

		if (isnan(y)) {
			fprintf(f, "set label %zu L_ms_not_by . '%d' at first %g, first %g right"
			        " offset char -0.5, 0 textcolor rgb c_axis front\n", id, p->end,
			        p->end + 0.5, r);
			continue;
		}
		fprintf(f, "set label %zu '' at first %.0f, first %g point pt %d ps %g lc rgb c_vermillion"
		        " front\nset label %zu '%.0f' at first %.0f, first %g %s offset char %s, 0 front\n",
		        id, y, r, MARK_PT, MARK_SIZE, id + 1, y, y, r, y <= mid ? "left" : "right",
		        y <= mid ? "1.2" : "-1.2");
	}
}

/* The colour scale right of the plot area, as tall as it: money from 0 to
** the largest cell, in layout_money_axis's unit per year. Writes the
** factor a cell's EUR are drawn times. */
static double scale(FILE *f, const struct roadmap_plan *p, const struct layout_frame *fr)
{
	struct layout_axis a;
	double hi = 0, left, right;
	size_t n = (size_t)(p->end - p->start + 1) * DOM_COUNT;

	for (size_t i = 0; i < n; i++)
		hi = fmax(hi, p->year_eur[i]);
	layout_money_axis(0, hi > 0 ? hi : 1, LAYOUT_MONEY_TICKS, &a);
	layout_margins(fr, &left, &right);
	fprintf(f, "set palette defined (0 c_heat_lo, 1 c_band_90, 2 c_band_50, 3 c_blue,"
	        " 4 c_heat_hi)\nset colorbox user origin scr_x(%.4g * page_w - %.4g + %g),"
	        " scr_y(%.4g + %.4g * flex) size %g / page_w, (%.4g + %.4g * flex) / page_h\n",
	        fr->x1, right, SCALE_GAP_CM, fr->bottom.cm, fr->bottom.fl, SCALE_W_CM,
	        fr->bottom.cm - fr->top.cm, fr->bottom.fl - fr->top.fl);
	gpscript_money_ticks_axis(f, "cb", &a, a.hi);
	fprintf(f, "set cblabel %s . L_per_year\n", a.unit);
	return 1 / a.scale;
}

int plotroad_chart(FILE *f, const struct roadmap_plan *p, enum plot_lang lang, double width_cm,
                   const char *qfoot)
{
	struct layout_frame fr;
	struct layout_vpos end;
	double left, right, year_cm, factor;

	frame(width_cm, name_chars(lang), &fr, &end);
	layout_margins(&fr, &left, &right);
	year_cm = ((fr.x1 - fr.x0) * width_cm - left - right) / (p->end - p->start + 1);
	gpscript_loop_begin(f);
	gpscript_flex(f, &end);
	fputs("set multiplot\n", f);
	gpscript_panel(f, "L_t_roadmap");
	gpscript_frame(f, &fr);
	fprintf(f, "set yrange [%g:%g]\nunset grid\nset border 1\n", ROWS_SPAN - 0.5, ROW_PHASES - 0.5);
	if (row_names(f, p, lang) != 0)
		return -1;
	gpscript_years(f, p->start - 0.5, p->end + 0.5, LAYOUT_YEAR_TICKS, 1);
	fprintf(f, "set arrow 1 from graph 0, first %g to graph 1, first %g nohead lc rgb c_grid"
	        " back\n", row_domain(0) - (DOMAIN_GAP + 1) / 2,
	        row_domain(0) - (DOMAIN_GAP + 1) / 2);
	phases(f, p, year_cm);
	milestones(f, p, p->nphase + 1);
	factor = scale(f, p, &fr);
	fprintf(f, "plot 'roadmap.csv' using 'year':'row':(%g):(%g):"
	        "(column('eur') > 0 ? column('eur') * %.10g : NaN) with boxxyerror fc palette"
	        " fs solid 1.0 noborder notitle\n", CELL_HALF_W, CELL_HALF, factor);
	gpscript_footer(f, qfoot);
	fputs("unset multiplot\n", f);
	gpscript_loop_end(f);
	return 0;
}
