/*
** layout.h: the geometry of the charts, as numbers: page sizes, rows of
** plot areas and keys down the page, key rows and columns, tick steps of
** money and year axes, the key figures' cells, the text metrics behind
** them. Pure functions: nothing here reads results or writes a script
** (gpscript.h turns these numbers into gnuplot commands).
**
** Every plot area and key is placed at explicit positions, so that a long
** key or label can never squash a plot. Positions down the page are
** centimetres from its top: fixed room for titles, tick labels and keys
** (from the font size) plus plot areas that share what is left of the page
** height by weight (flex: cm per unit of weight, computed by the script
** from the page height, as layout_flex does here). Across the page a cell
** is a share of the width.
*/
#ifndef DTSIM_LAYOUT_H
#define DTSIM_LAYOUT_H

#include <stddef.h>

#include "chartdef.h"
#include "plot.h"

/* The dashboard's height relative to a single chart (the question, the
** key figures and 5 rows of panels, 16 x 26 cm by default: an A4 page with
** margins of 2.5 cm left and right, 1.85 cm top and bottom). */
#define LAYOUT_DASHBOARD_HEIGHT 2.6

/* Axes: about this many money ticks on a chart, on a panel of a
** multi-panel chart and on a key figure's narrow panel; labelled year
** ticks at most this many on a full-width chart and on a panel. Shares
** get a tick every LAYOUT_SHARE_STEP per cent (_SMALL on a panel), indices
** every LAYOUT_INDEX_STEP. */
#define LAYOUT_MONEY_TICKS       5
#define LAYOUT_MONEY_TICKS_SMALL 3
#define LAYOUT_KPI_TICKS         3
#define LAYOUT_YEAR_TICKS        8
#define LAYOUT_YEAR_TICKS_SMALL  4
#define LAYOUT_SHARE_STEP        20
#define LAYOUT_SHARE_STEP_SMALL  50
#define LAYOUT_INDEX_STEP        0.2
#define LAYOUT_INDEX_STEP_SMALL  0.5

/* Font sizes in points: multi-panel charts (dashboards, key figures, small
** multiples); single charts, as style.gp sets it; keys on every chart, so
** that two columns of the longest entries fit 16 cm. */
#define LAYOUT_PANEL_FONT_PT 8
#define LAYOUT_CHART_FONT_PT 9
#define LAYOUT_KEY_FONT_PT   8

/* The footer in the bottom right corner of every chart (gpscript_footer):
** its size in points, its distance from the right edge and its baseline's
** from the bottom edge, cm. A single chart and the small multiples end
** LAYOUT_FOOTER_CM above the bottom of the page (the key figures
** LAYOUT_FOOTER_SHARE of the page height), and the footer stands in that
** strip; the dashboard, whose page is full, keeps it in its last gap. */
#define LAYOUT_FOOTER_PT       6
#define LAYOUT_FOOTER_INSET_CM 0.15
#define LAYOUT_FOOTER_CM       0.4
#define LAYOUT_FOOTER_SHARE    0.02

/* The dashboard's question (the scenario's description) under its title,
** across the 16 cm page in 8 pt: characters a line, lines at most. The key
** figures below it take two columns of half the page (test_layout). */
#define LAYOUT_ABOUT_CHARS 84
#define LAYOUT_ABOUT_LINES 3

/* Where the right column of the dashboard's key figures starts, a share of
** the width: the left one holds the shorter texts (keyfig.h). */
#define LAYOUT_KEYFIG_SPLIT 0.42

/* A key's indent from its cell's left edge (cm). gnuplot reserves about 6
** characters more than the longest entry for a key column; the key's width
** option takes 3 of them back so that two columns of long German entries
** fit the width of an A4 text block. Entries of a stacked chart's key a
** row when it spans the page. */
#define LAYOUT_KEY_INDENT_CM 0.3
#define LAYOUT_KEY_WIDTH_FIX (-3)
#define LAYOUT_KEY_COLS      2

/* Charts across scenarios that give each scenario a panel or a bar (the
** funding small multiples, the key figures) show at most this many on a
** page, so that each page fits A4; more make pages of equal size. */
#define LAYOUT_PAGE_SCENARIOS 6

/* However small the page, a plot area gets at least this height per unit
** of weight (cm); the layout then runs off the page, but stays valid. */
#define LAYOUT_MIN_FLEX_CM 0.8

/* Key figures: room right of the longest bar for its value label, as a
** share of the axis; half the thickness of a bar, in category units. */
#define LAYOUT_BAR_LABEL_ROOM 0.25
#define LAYOUT_BAR_HALF       0.35

/* The sizes written into a script: vector in cm, PNG in pixels with the
** scale of fonts and lines (the PNG is the default-width chart at its dpi). */
struct layout_dims {
	double w_cm, h_cm, png_w, png_h, png_scale;
};

/* The sizes of a chart height_factor times as high as a single chart of
** o's size (the defaults when o gives none). */
void layout_dims_for(const struct plot_opts *o, double height_factor, struct layout_dims *d);

/* A money axis: scaled range and tick step, the decimals of a tick label,
** the scale (EUR per unit) and the lang.gp variable naming the unit. */
struct layout_axis {
	double lo, hi, step, scale;
	int dec;
	const char *unit;
};

/* Chooses a money axis for lo..hi (EUR; non-finite: 0..1); see layout.c. */
void layout_money_axis(double lo, double hi, int ticks, struct layout_axis *a);

/* An axis of plain numbers (shares in per cent, an index) over lo..hi:
** the steps and decimals of layout_money_axis, scale 1, no unit, and the
** range not widened to 0. */
void layout_plain_axis(double lo, double hi, int ticks, struct layout_axis *a);

/* The step in years between labelled year ticks over span years, so that
** at most maxticks labels show: 1, 2, 5, 10, 20, 50, else 100. */
int layout_year_step(double span, int maxticks);

/* A position down the page: cm fixed room plus fl units of plot weight. */
struct layout_vpos {
	double cm, fl;
};

/* Where a panel goes: its cell across the page (x0..x1, shares of the
** width), its plot area (top, bottom) and the top of its key of keyrows
** rows (0: no key), for text of pt points. */
struct layout_frame {
	double x0, x1;
	struct layout_vpos top, bottom, key;
	size_t keyrows;
	double pt;
};

/* The height of a text line (or key row) in pt type, cm. */
double layout_line_cm(double pt);

/* The width of chars characters of running text in pt type, cm. */
double layout_text_cm(size_t chars, double pt);

/* Rows of a key of n entries in cols columns (0 columns: one column). */
size_t layout_key_rows(size_t n, size_t cols);

/* Room left and right of fr's plot area within its cell, cm. */
void layout_margins(const struct layout_frame *fr, double *left_cm, double *right_cm);

/* flex for a page page_h_cm high whose rows end at end; and where v then
** lies, cm from the top of the page. */
double layout_flex(const struct layout_vpos *end, double page_h_cm);
double layout_at(const struct layout_vpos *v, double flex);

/* The top of fr's title and the bottom of its key (or of its tick labels
** when it has none), cm from the top of a page with flex: what the panel
** takes of the page. */
void layout_extent(const struct layout_frame *fr, double flex, double *top_cm,
                   double *bottom_cm);

/* A chart of one panel across the page, with a key of nkeys entries in
** cols columns and a year axis label, in pt type; the end of its rows in
** *end. */
void layout_single(size_t nkeys, size_t cols, double pt, struct layout_frame *fr,
                   struct layout_vpos *end);

/* The dashboard: keys[p] entries in the key of panel p, about_lines lines
** of the question from *about, kf_rows rows of key figures in
** fr[CHARTDEF_NPANELS]; see layout.c. */
void layout_dashboard(const size_t keys[CHARTDEF_NPANELS], size_t about_lines, size_t kf_rows,
                      struct layout_frame fr[CHARTDEF_NPANELS + 1], struct layout_vpos *about,
                      struct layout_vpos *end);

/* The funding small multiples of n scenarios with a key of keys entries;
** see layout.c. */
void layout_small_multiples(size_t n, size_t keys, struct layout_frame *fr,
                            struct layout_vpos *key, struct layout_vpos *end);

/* The height, relative to a single chart, of the small multiples whose
** rows end at end. */
double layout_small_multiples_height(const struct layout_vpos *end);

/* The height, relative to a single chart, of a chart of one panel whose
** rows end at end (layout_single): as high as a single chart, or higher
** so that its plot area keeps LAYOUT_SINGLE_PLOT_CM when a long key (the
** names of many scenarios) takes the room. */
#define LAYOUT_SINGLE_PLOT_CM 4.0
double layout_single_height(const struct layout_vpos *end);

/* Pages of n scenarios, at most LAYOUT_PAGE_SCENARIOS each, and the first
** scenario (0-based) and count of page k (0-based): the pages' counts
** differ by one at most, the larger first. */
size_t layout_pages(size_t n);
void layout_page(size_t n, size_t k, size_t *first, size_t *count);

/* The line of scenario i (0-based) in a chart across scenarios: line type
** *lt (1..LAYOUT_LINE_TYPES, its colour: style.gp), dash pattern *dt
** (style.gp's 11..10 + LAYOUT_LINE_TYPES) and point type *pt (0: none).
** The first LAYOUT_LINE_TYPES scenarios get their line type's own dash and
** no points; each further round of LAYOUT_LINE_TYPES shifts the dashes by
** LAYOUT_DASH_SHIFT (prime to LAYOUT_LINE_TYPES, so no colour meets a dash
** twice in the first LAYOUT_LINE_TYPES squared scenarios) and adds points. */
#define LAYOUT_LINE_TYPES 8
#define LAYOUT_DASH_SHIFT 3
void layout_scen_style(size_t i, size_t *lt, size_t *dt, size_t *pt);

/* The fill of the k-th (0-based) area of a stack table (chartdef_funding,
** chartdef_spend), so that stacked areas stay apart in greyscale print,
** where their colours may look alike: solid, or a hatch in the area's
** colour on white. Writes the gnuplot fill style ("solid 1.0", "pattern
** 4") into buf. The fills cycle through LAYOUT_STACK_FILLS kinds, so two
** areas apart by fewer than that in the table (neighbours, also when one
** or two between them are absent) never share a fill. */
#define LAYOUT_STACK_FILLS 4
void layout_stack_fill(size_t k, char *buf, size_t len);

/* Columns of a key of scenario names across width_cm in pt type, the
** longest name name_chars characters as shown. */
size_t layout_names_key_cols(size_t name_chars, double width_cm, double pt);

/* The key figures: their height relative to a single chart for rows rows
** of panels and nscen scenarios; the share of the width the names take,
** the longest name_chars characters on a page width_cm wide; the cell
** (x, y, width, height, shares of the page) of the cell-th panel. */
double layout_kpi_height(size_t rows, size_t nscen);
double layout_kpi_names(size_t name_chars, double width_cm);
void layout_kpi_cell(size_t cell, size_t rows, double names, double at[4]);

#endif
