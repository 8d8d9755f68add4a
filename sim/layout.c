/*
** layout.c: the geometry of the charts (layout.h). The numbers below are
** text metrics of gnuplot 5.4's cairo and SVG terminals with Arial
** (Liberation Sans) and the rooms tuned on them; tests/test_layout.c
** derives its expected values from the rules written here.
*/
#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "layout.h"

/* Nominal resolution: gnuplot's points, 72 per inch. */
#define PT_PER_INCH 72.0
#define CM_PER_INCH 2.54

/* Money below 10 M EUR is shown in k EUR (with grouping: 2,500), below
** 10 bn EUR in M EUR, above in bn EUR. */
#define KEUR_BELOW 1e7
#define MEUR_BELOW 1e10

/* Text metrics in cm per point of font size: a text line or key row
** (style.gp's key spacing 1.1), and a character of running text, on
** average, with room for wide letters (used to wrap text). */
#define LINE_CM_PER_PT 0.057
#define CHAR_CM_PER_PT 0.019

/* Room around a plot area, in text lines: above it for its title, below
** it for the year labels and for the axis label, after a row; the title
** of a multi-panel chart. */
#define TITLE_LINES      1.8
#define XTICS_LINES      1.5
#define XLABEL_LINES     1.6
#define GAP_LINES        1.2
#define PAGE_TITLE_LINES 2.4

/* Room left of a plot area for the y tick labels and axis label, and right
** of it for half a year label, in cm per point of font size. */
#define LEFT_CM_PER_PT  0.22
#define RIGHT_CM_PER_PT 0.07

/* The weight of each panel's plot area in the dashboard: the stacked
** charts get more height than the small panels. */
#define WEIGHT_FUNDING 1.2
#define WEIGHT_SPEND   1.4
#define WEIGHT_SMALL   0.8

/* The height of a funding small multiple's plot area, cm. */
#define SMALL_PLOT_CM 3.4

/* The characters a name's width is measured by beyond its own: the two
** quotes of the single-quoted literal the key and name widths were tuned
** with, kept so that plain names are laid out as before. */
#define NAME_QUOTE_CHARS 2

/* gnuplot's width of a key entry's character, and the characters it adds
** to the longest entry for a column (less LAYOUT_KEY_WIDTH_FIX), cm per
** pt; the most columns of scenario names. */
#define KEYCHAR_CM_PER_PT 0.0233
#define KEY_EXTRA_CHARS   3
#define KEY_MAX_COLS      4

/* Key figures: the height at least (relative to a single chart: 3 rows);
** the room of a bar (a scenario name in LAYOUT_PANEL_FONT_PT), the fixed
** room of a panel (title, tick labels, axis label) and of the chart's
** title, cm: the key figures grow with the number of scenarios. The width
** of a scenario name's character at LAYOUT_PANEL_FONT_PT and the most of
** the width the names may take (cm, share); the share of the height kept
** for the chart's title. */
#define KPI_HEIGHT      2.0
#define KPI_BAR_CM      0.42
#define KPI_PANEL_CM    2.6
#define KPI_TITLE_CM    1.2
#define NAME_CHAR_CM    0.16
#define NAME_MAX_SHARE  0.4
#define KPI_TITLE_SHARE 0.05

/* ---- sizes and axes ------------------------------------------------------- */

/*
** A single chart is o->width x o->height when given (cm for vector
** formats; pixels for PNG), else PLOT_DEFAULT_WIDTH_CM x
** PLOT_DEFAULT_HEIGHT_CM and for PNG the same at PLOT_PNG_DPI. The vector
** size without a given one is the default even when a PNG size was given,
** and the PNG's fonts and lines scale with its width against the default.
*/
void layout_dims_for(const struct plot_opts *o, double height_factor, struct layout_dims *d)
{
	int given = o->width > 0 && o->height > 0;
	int png_given = given && (o->formats & PLOT_PNG);
	double default_png_w = PLOT_DEFAULT_WIDTH_CM / CM_PER_INCH * PLOT_PNG_DPI;

	d->w_cm = given && !png_given ? o->width : PLOT_DEFAULT_WIDTH_CM;
	d->h_cm = (given && !png_given ? o->height : PLOT_DEFAULT_HEIGHT_CM) * height_factor;
	d->png_w = png_given ? o->width : round(default_png_w);
	d->png_h = round((png_given ? o->height
	                            : PLOT_DEFAULT_HEIGHT_CM / CM_PER_INCH * PLOT_PNG_DPI)
	                 * height_factor);
	d->png_scale = d->png_w / (PLOT_DEFAULT_WIDTH_CM / CM_PER_INCH) / PT_PER_INCH;
}

/*
** Chooses the unit for money from lo..hi (EUR; lo <= hi) by the larger
** magnitude (KEUR_BELOW, MEUR_BELOW) and a tick step of 1, 2, 2.5, 5 or 10
** times a power of ten: the smallest at least (hi - lo) / ticks in that
** unit. The range is widened to whole steps and always includes 0. A
** label has as many decimals as the step needs (2.5 M: 1; 0.25: 2).
*/
/* The step, whole-step range and decimals of a's axis over lo..hi (in
** the axis' unit), for about ticks ticks. */
static void step_axis(double lo, double hi, int ticks, struct layout_axis *a)
{
	static const double mant[] = { 1, 2, 2.5, 5, 10 };
	double raw, mag;
	size_t i;

	if (hi - lo <= 0)
		hi = lo + 1;
	raw = (hi - lo) / ticks;
	mag = pow(10, floor(log10(raw)));
	for (i = 0; i < sizeof mant / sizeof mant[0] - 1; i++)
		if (mant[i] * mag >= raw)
			break;
	a->step = mant[i] * mag;
	a->lo = floor(lo / a->step + 1e-9) * a->step;
	a->hi = ceil(hi / a->step - 1e-9) * a->step;
	a->dec = a->step >= 1 ? (mant[i] == 2.5 && mag == 1 ? 1 : 0)
	                      : (int)ceil(-log10(a->step) - 1e-9) + (mant[i] == 2.5);
}

void layout_money_axis(double lo, double hi, int ticks, struct layout_axis *a)
{
	double big;

	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	lo = fmin(lo, 0);
	hi = fmax(hi, 0);
	big = fmax(fabs(lo), fabs(hi));
	if (big < KEUR_BELOW) {
		a->scale = 1e3;
		a->unit = "L_keur";
	} else if (big < MEUR_BELOW) {
		a->scale = 1e6;
		a->unit = "L_meur";
	} else {
		a->scale = 1e9;
		a->unit = "L_beur";
	}
	step_axis(lo / a->scale, hi / a->scale, ticks, a);
}

/* The steps of layout_money_axis, without a unit and without 0. */
void layout_plain_axis(double lo, double hi, int ticks, struct layout_axis *a)
{
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	a->scale = 1;
	a->unit = NULL;
	step_axis(lo, hi, ticks, a);
}

/* Labels at multiples of the step (2030, 2035), so the first of the
** steps that shows at most maxticks labels over the span. */
int layout_year_step(double span, int maxticks)
{
	static const int steps[] = { 1, 2, 5, 10, 20, 50 };

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (span / steps[i] + 1 <= maxticks)
			return steps[i];
	return 100;
}

/* ---- rows down the page ---------------------------------------------------- */

double layout_line_cm(double pt)
{
	return LINE_CM_PER_PT * pt;
}

/* CHAR_CM_PER_PT a character: an average with room for wide letters. */
double layout_text_cm(size_t chars, double pt)
{
	return (double)chars * CHAR_CM_PER_PT * pt;
}

/* gnuplot fills a key's columns row by row (maxrows). */
size_t layout_key_rows(size_t n, size_t cols)
{
	return cols ? (n + cols - 1) / cols : n;
}

/* The y tick labels and axis label take LEFT_CM_PER_PT a point of the
** frame's type, half a year label RIGHT_CM_PER_PT. */
void layout_margins(const struct layout_frame *fr, double *left_cm, double *right_cm)
{
	*left_cm = LEFT_CM_PER_PT * fr->pt;
	*right_cm = RIGHT_CM_PER_PT * fr->pt;
}

/* What the fixed room leaves of the page height, per unit of weight, at
** least LAYOUT_MIN_FLEX_CM: the rule gpscript_flex writes into a script. */
double layout_flex(const struct layout_vpos *end, double page_h_cm)
{
	double fl = end->fl > 0 ? end->fl : 1;
	double flex = (page_h_cm - end->cm) / fl;

	return flex < LAYOUT_MIN_FLEX_CM ? LAYOUT_MIN_FLEX_CM : flex;
}

/* What scr_y of style.gp gets for v: its cm and flex per unit of weight. */
double layout_at(const struct layout_vpos *v, double flex)
{
	return v->cm + v->fl * flex;
}

/* The title stands TITLE_LINES above the plot area; the key's rows are
** LAYOUT_KEY_FONT_PT lines from its top. */
void layout_extent(const struct layout_frame *fr, double flex, double *top_cm,
                   double *bottom_cm)
{
	*top_cm = layout_at(&fr->top, flex) - TITLE_LINES * layout_line_cm(fr->pt);
	*bottom_cm = layout_at(&fr->key, flex)
	             + (double)fr->keyrows * layout_line_cm(LAYOUT_KEY_FONT_PT);
}

/*
** Places a row of panels at *pos: a title, a plot area of weight, the year
** labels (and the axis label when xlabel), keyrows key rows and a gap;
** advances *pos below it. Fills the vertical part of fr for the cell
** x0..x1.
*/
static void row_place(struct layout_vpos *pos, double pt, double weight, int xlabel,
                      size_t keyrows, double x0, double x1, struct layout_frame *fr)
{
	double l = layout_line_cm(pt);

	fr->x0 = x0;
	fr->x1 = x1;
	fr->pt = pt;
	pos->cm += TITLE_LINES * l;
	fr->top = *pos;
	pos->fl += weight;
	fr->bottom = *pos;
	pos->cm += (XTICS_LINES + (xlabel ? XLABEL_LINES : 0)) * l;
	fr->key = *pos;
	fr->keyrows = keyrows;
	pos->cm += (double)keyrows * layout_line_cm(LAYOUT_KEY_FONT_PT) + GAP_LINES * l;
}

/* A gap, then one row of weight 1 across the page with the axis label. */
void layout_single(size_t nkeys, size_t cols, double pt, struct layout_frame *fr,
                   struct layout_vpos *end)
{
	struct layout_vpos pos = { GAP_LINES * layout_line_cm(pt), 0 };

	row_place(&pos, pt, 1, 1, layout_key_rows(nkeys, cols), 0, 1, fr);
	pos.cm += LAYOUT_FOOTER_CM;
	*end = pos;
}

/*
** The dashboard's frames, in LAYOUT_PANEL_FONT_PT below the page title:
** about_lines lines of the scenario's question (from *about), the key
** figures across the page (fr[CHARTDEF_NPANELS]: kf_rows lines of text in
** its plot area, no plot weight), funding and spending across the page
** with their keys below in LAYOUT_KEY_COLS columns, then the small panels
** two a row. A small row keeps room for the longer key of its two panels,
** one entry a row, so the two are of one size; a small panel's key has
** keys[p] rows. The end of the rows in *end.
*/
void layout_dashboard(const size_t keys[CHARTDEF_NPANELS], size_t about_lines, size_t kf_rows,
                      struct layout_frame fr[CHARTDEF_NPANELS + 1], struct layout_vpos *about,
                      struct layout_vpos *end)
{
	static const enum chartdef_panel pairs[3][2] = {
		{ CHARTDEF_SERVICES, CHARTDEF_CUMULATIVE }, { CHARTDEF_CASH, CHARTDEF_OM_LEGACY },
		{ CHARTDEF_SKILL, CHARTDEF_RESISTANCE },
	};
	double pt = LAYOUT_PANEL_FONT_PT, l = layout_line_cm(pt);
	struct layout_vpos pos = { PAGE_TITLE_LINES * l, 0 };
	struct layout_frame *kf = &fr[CHARTDEF_NPANELS];

	/* The question, then the key figures' cell (no title of its own). */
	*about = pos;
	pos.cm += (double)about_lines * l;
	kf->x0 = 0;
	kf->x1 = 1;
	kf->pt = pt;
	kf->top = pos;
	pos.cm += (double)kf_rows * l;
	kf->bottom = kf->key = pos;
	kf->keyrows = 0;
	pos.cm += GAP_LINES * l;
	row_place(&pos, pt, WEIGHT_FUNDING, 0, layout_key_rows(keys[CHARTDEF_FUNDING], LAYOUT_KEY_COLS),
	          0, 1, &fr[CHARTDEF_FUNDING]);
	row_place(&pos, pt, WEIGHT_SPEND, 0, layout_key_rows(keys[CHARTDEF_SPEND], LAYOUT_KEY_COLS),
	          0, 1, &fr[CHARTDEF_SPEND]);
	for (size_t r = 0; r < 3; r++) {
		struct layout_vpos start = pos;
		size_t rows = keys[pairs[r][0]] > keys[pairs[r][1]] ? keys[pairs[r][0]] : keys[pairs[r][1]];

		row_place(&pos, pt, WEIGHT_SMALL, 0, rows, 0, 0.5, &fr[pairs[r][0]]);
		pos = start;
		row_place(&pos, pt, WEIGHT_SMALL, 0, rows, 0.5, 1, &fr[pairs[r][1]]);
		fr[pairs[r][0]].keyrows = keys[pairs[r][0]];
		fr[pairs[r][1]].keyrows = keys[pairs[r][1]];
	}
	/* The footer stands in the last row's gap (GAP_LINES of 8 pt, 0.55 cm
	** against its 0.3 cm): the page has no room for a strip of its own. */
	*end = pos;
}

/*
** The funding small multiples of n scenarios, in LAYOUT_PANEL_FONT_PT
** below the page title: two panels a row (fr[0..n), weight 1 each, no
** keys), and below them a key across the page of keys entries in
** LAYOUT_KEY_COLS columns, its top in *key; the end of the rows in *end.
*/
void layout_small_multiples(size_t n, size_t keys, struct layout_frame *fr,
                            struct layout_vpos *key, struct layout_vpos *end)
{
	double pt = LAYOUT_PANEL_FONT_PT;
	struct layout_vpos pos = { PAGE_TITLE_LINES * layout_line_cm(pt), 0 };

	for (size_t i = 0; i < n; i += 2) {
		struct layout_vpos start = pos;

		row_place(&pos, pt, 1, 0, 0, 0, 0.5, &fr[i]);
		if (i + 1 < n) {
			pos = start;
			row_place(&pos, pt, 1, 0, 0, 0.5, 1, &fr[i + 1]);
		}
	}
	*key = pos;
	pos.cm += (double)layout_key_rows(keys, LAYOUT_KEY_COLS) * layout_line_cm(LAYOUT_KEY_FONT_PT)
	          + GAP_LINES * layout_line_cm(pt) + LAYOUT_FOOTER_CM;
	*end = pos;
}

/* As high as the layout with plot areas of SMALL_PLOT_CM, at least a
** single chart. */
double layout_small_multiples_height(const struct layout_vpos *end)
{
	return fmax(1, (end->cm + end->fl * SMALL_PLOT_CM) / PLOT_DEFAULT_HEIGHT_CM);
}

/* The fixed room and LAYOUT_SINGLE_PLOT_CM per unit of weight, at least
** a single chart. */
double layout_single_height(const struct layout_vpos *end)
{
	return fmax(1, (end->cm + end->fl * LAYOUT_SINGLE_PLOT_CM) / PLOT_DEFAULT_HEIGHT_CM);
}

/* ---- pages of scenarios ------------------------------------------------------ */

size_t layout_pages(size_t n)
{
	return n == 0 ? 1 : (n + LAYOUT_PAGE_SCENARIOS - 1) / LAYOUT_PAGE_SCENARIOS;
}

/* n = pages x base + extra: the first extra pages take one more. */
void layout_page(size_t n, size_t k, size_t *first, size_t *count)
{
	size_t pages = layout_pages(n), base = n / pages, extra = n % pages;

	*first = k * base + (k < extra ? k : extra);
	*count = base + (k < extra);
}

/* Point types 4, 6, 8, 10, 12, 14 (squares, circles, triangles,
** diamonds, pentagons, filled) for the rounds after the first. */
void layout_scen_style(size_t i, size_t *lt, size_t *dt, size_t *pt)
{
	size_t round = i / LAYOUT_LINE_TYPES, c = i % LAYOUT_LINE_TYPES;

	*lt = c + 1;
	*dt = 11 + (c + LAYOUT_DASH_SHIFT * round) % LAYOUT_LINE_TYPES;
	*pt = round == 0 ? 0 : 4 + 2 * ((round - 1) % 6);
}

/* gnuplot's fill patterns 4 and 5 are lines slanting one way and the
** other, 1 a crosshatch: solid, \\, crosshatch, //. */
void layout_stack_fill(size_t k, char *buf, size_t len)
{
	static const int pattern[LAYOUT_STACK_FILLS] = { 0, 4, 1, 5 };
	int p = pattern[k % LAYOUT_STACK_FILLS];

	if (p == 0)
		snprintf(buf, len, "solid 1.0");
	else
		snprintf(buf, len, "pattern %d", p);
}

/* ---- keys of names and key figures ------------------------------------------ */

/* A column is the longest name (with NAME_QUOTE_CHARS) plus
** KEY_EXTRA_CHARS key characters wide; as many columns as fit the width
** less the indent on both sides, 1 to KEY_MAX_COLS. */
size_t layout_names_key_cols(size_t name_chars, double width_cm, double pt)
{
	double col = (double)(name_chars + NAME_QUOTE_CHARS + KEY_EXTRA_CHARS) * KEYCHAR_CM_PER_PT * pt;
	double cols = floor((width_cm - 2 * LAYOUT_KEY_INDENT_CM) / col);

	return cols < 1 ? 1 : cols > KEY_MAX_COLS ? KEY_MAX_COLS : (size_t)cols;
}

/* Each row of panels takes a bar a scenario and its fixed room, the chart
** its title; at least KPI_HEIGHT. */
double layout_kpi_height(size_t rows, size_t nscen)
{
	double cm = (double)rows * ((double)nscen * KPI_BAR_CM + KPI_PANEL_CM) + KPI_TITLE_CM;

	return fmax(KPI_HEIGHT, cm / PLOT_DEFAULT_HEIGHT_CM);
}

/* The names (with NAME_QUOTE_CHARS) at NAME_CHAR_CM a character, at most
** NAME_MAX_SHARE of the width. */
double layout_kpi_names(size_t name_chars, double width_cm)
{
	return fmin(NAME_MAX_SHARE, (double)(name_chars + NAME_QUOTE_CHARS) * NAME_CHAR_CM / width_cm);
}

/* Two panels a row between the title's share of the height and the
** footer's, rows of equal height; the names stand left of the left column
** only, so the left cell is the names' share wider and the plot areas of a
** row line up. */
void layout_kpi_cell(size_t cell, size_t rows, double names, double at[4])
{
	double plotw = (1 - names) / 2;
	double h = (1 - KPI_TITLE_SHARE - LAYOUT_FOOTER_SHARE) / (double)rows;

	at[0] = cell % 2 ? names + plotw : 0;
	at[1] = 1 - KPI_TITLE_SHARE - (double)(cell / 2 + 1) * h;
	at[2] = cell % 2 ? plotw : names + plotw;
	at[3] = h;
}
