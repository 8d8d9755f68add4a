/*
** test_layout.c: the charts' page geometry (layout.c), without gnuplot.
** Expected values are derived by hand from the rules and the numbers
** written in layout.c's comments: a text line is 0.057 cm a point (0.456 cm
** in 8 pt, 0.513 cm in 9 pt); a row is 1.8 lines of title, its plot area,
** 1.5 lines of year labels (1.6 more with the axis label), its key rows
** and a gap of 1.2 lines; a chart of several panels starts below a title
** of 2.4 lines; money ticks are 1, 2, 2.5, 5 or 10 times a power of ten.
** The page is the default 16 cm wide, 10 cm high for a single chart and
** 2.6 times that (26 cm) for the dashboard.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "keyfig.h"
#include "layout.h"
#include "testutil.h"

#define TOL 1e-12
#define PAGE_W 16.0
#define DASH_H 26.0

static void expect_vpos(const struct layout_vpos *v, double cm, double fl)
{
	assert_close(v->cm, cm, TOL, TOL);
	assert_close(v->fl, fl, TOL, TOL);
}

static void expect_axis(double lo, double hi, int ticks, double scale, const char *unit,
                        double step, double alo, double ahi, int dec)
{
	struct layout_axis a;

	layout_money_axis(lo, hi, ticks, &a);
	assert_close(a.scale, scale, TOL, 0);
	assert_string_equal(a.unit, unit);
	assert_close(a.step, step, TOL, TOL);
	assert_close(a.lo, alo, TOL, TOL);
	assert_close(a.hi, ahi, TOL, TOL);
	assert_int_equal(a.dec, dec);
}

/* Entries fill the columns row by row: n entries take ceil(n / cols) rows. */
static void test_key_rows(void **state)
{
	(void)state;
	assert_int_equal(layout_key_rows(7, 2), 4);
	assert_int_equal(layout_key_rows(8, 2), 4);
	assert_int_equal(layout_key_rows(9, 2), 5);
	assert_int_equal(layout_key_rows(1, 2), 1);
	assert_int_equal(layout_key_rows(0, 2), 0);
	assert_int_equal(layout_key_rows(5, 0), 5);   /* no columns given: one */
	assert_int_equal(layout_key_rows(10, 3), 4);
}

/*
** 0..12.3 M EUR with about 5 ticks: M EUR (12.3 M is at least 10 M);
** 12.3 / 5 = 2.46, the next step up is 2.5; the top widens to 12.5; a label
** 2.5 needs 1 decimal. 0..2.385 M: k EUR (below 10 M); 2,385 / 3 = 795,
** past 5 x 100 the step is 10 x 100 = 1,000, the top 3,000, no decimals.
** -3.7 bn..12 bn: bn EUR; 15.7 / 5 = 3.14 -> 5; -5..15. 0..2,385 EUR in
** 10 ticks: k EUR, 0.2385 -> 0.25, top 2.5, 2 decimals. -4.2 M..-1 M:
** the range always includes 0: -4,200..0 k EUR, 840 -> 1,000, -5,000..0.
** Exactly 10 M EUR is shown in M EUR: 10 / 5 = 2. An empty range (0..0)
** is widened to one unit: 0..1 k EUR, 1 / 5 = 0.2, one decimal. A range
** that is not a number is taken as 0..1 EUR: 0..0.001 k EUR, 0.0002 / 5
** -> steps of 0.0002 k EUR, 4 decimals.
*/
static void test_money_axis(void **state)
{
	(void)state;
	expect_axis(0, 12.3e6, 5, 1e6, "L_meur", 2.5, 0, 12.5, 1);
	expect_axis(0, 2.385e6, 3, 1e3, "L_keur", 1000, 0, 3000, 0);
	expect_axis(-3.7e9, 1.2e10, 5, 1e9, "L_beur", 5, -5, 15, 0);
	expect_axis(0, 2385, 10, 1e3, "L_keur", 0.25, 0, 2.5, 2);
	expect_axis(-4.2e6, -1e6, 5, 1e3, "L_keur", 1000, -5000, 0, 0);
	expect_axis(0, 1e7, 5, 1e6, "L_meur", 2, 0, 10, 0);
	expect_axis(0, 0, 5, 1e3, "L_keur", 0.2, 0, 1, 1);
	expect_axis(NAN, 5e6, 5, 1e3, "L_keur", 0.0002, 0, 0.001, 4);
}

/*
** A plain axis (per cent, an index: the Monte Carlo histograms) has the
** money axis' steps but neither a unit nor 0 in its range: 82.3..97.1 for
** 3 ticks is 4.93 a tick, so steps of 5 from 80 to 100; 0.41..0.47 is
** 0.02 a tick, from 0.40 to 0.48 with 2 decimals; 2.385..2.385 gets a
** range of 1 (0.333 a tick, so steps of 0.5) from 2 to 3.5.
*/
static void test_plain_axis(void **state)
{
	struct layout_axis a;

	(void)state;
	layout_plain_axis(82.3, 97.1, 3, &a);
	assert_close(a.step, 5, TOL, TOL);
	assert_close(a.lo, 80, TOL, TOL);
	assert_close(a.hi, 100, TOL, TOL);
	assert_int_equal(a.dec, 0);
	assert_close(a.scale, 1, TOL, 0);
	assert_null(a.unit);
	layout_plain_axis(0.41, 0.47, 3, &a);
	assert_close(a.step, 0.02, TOL, TOL);
	assert_close(a.lo, 0.4, TOL, TOL);
	assert_close(a.hi, 0.48, TOL, TOL);
	assert_int_equal(a.dec, 2);
	layout_plain_axis(2.385, 2.385, 3, &a);
	assert_close(a.step, 0.5, TOL, TOL);
	assert_close(a.lo, 2, TOL, TOL);
	assert_close(a.hi, 3.5, TOL, TOL);
	assert_int_equal(a.dec, 1);
}

/* At most maxticks labels: span / step + 1 of them. 2026..2040 (14 years)
** on a full chart (8): every 2 years gives 8; on a panel (4): 2 gives 8,
** 5 gives 3.8. 7 years: every year gives 8. 100 years on a panel: 50. */
static void test_year_step(void **state)
{
	(void)state;
	assert_int_equal(layout_year_step(14, LAYOUT_YEAR_TICKS), 2);
	assert_int_equal(layout_year_step(14, LAYOUT_YEAR_TICKS_SMALL), 5);
	assert_int_equal(layout_year_step(7, 8), 1);
	assert_int_equal(layout_year_step(0, 8), 1);
	assert_int_equal(layout_year_step(100, 4), 50);
	assert_int_equal(layout_year_step(1000, 8), 100);
}

/* Fails unless layout_dims_for gives the sizes w x h cm and pw x ph px
** (the PNG's fonts scaled by pw against 16 cm at 72 pt an inch) for a
** chart of the given formats and --size (0, 0: none) factor times as high
** as a single chart. */
static void expect_dims(unsigned formats, double width, double height, double factor,
                        double w, double h, double pw, double ph)
{
	struct plot_opts o;
	struct layout_dims d;

	memset(&o, 0, sizeof o);
	o.formats = formats;
	o.width = width;
	o.height = height;
	layout_dims_for(&o, factor, &d);
	assert_close(d.w_cm, w, TOL, 0);
	assert_close(d.h_cm, h, TOL, 0);
	assert_close(d.png_w, pw, TOL, 0);
	assert_close(d.png_h, ph, TOL, 0);
	assert_close(d.png_scale, pw / (16 / 2.54) / 72, TOL, 0);
}

/* Default: 16 x 10 cm; PNG 16 cm at 300 dpi: 1889.76 -> 1890 px wide,
** 1181.1 -> 1181 px high (3070.9 -> 3071 for the dashboard), fonts scaled
** by 1890 px / 6.2992 in / 72 pt = 4.16719. A vector size keeps the PNG's
** defaults; a PNG size keeps the vector defaults and scales the fonts. */
static void test_dims(void **state)
{
	(void)state;
	expect_dims(PLOT_PNG | PLOT_SVG, 0, 0, 1, 16, 10, 1890, 1181);
	expect_dims(PLOT_PNG, 0, 0, LAYOUT_DASHBOARD_HEIGHT, 16, 26, 1890, 3071);
	expect_dims(PLOT_SVG, 21.5, 13.7, 2, 21.5, 27.4, 1890, 2362);
	expect_dims(PLOT_PNG, 1000, 700, 1.5, 16, 15, 1000, 1050);
	assert_close(1890 / (16 / 2.54) / 72, 4.16719, 1e-6, 0);
}

/*
** A single chart in 9 pt (line 0.513 cm) with a key of 7 entries in 2
** columns (4 rows of 0.456 cm): a gap of 1.2 lines, the title 1.8 lines,
** so the plot area's top at 3 x 0.513 = 1.539 cm; its bottom 1 unit of
** weight lower; the key below 1.5 + 1.6 lines of labels: 1.539 + 1.5903
** = 3.1293 cm; the end after 4 key rows and a gap: 3.1293 + 1.824 +
** 0.6156 = 5.5689 cm, and the footer's strip of 0.4 cm: 5.9689 cm. On a
** 10 cm page the plot area is 4.0311 cm high.
*/
static void test_single(void **state)
{
	struct layout_frame fr;
	struct layout_vpos end;
	double left, right;

	(void)state;
	layout_single(7, 2, LAYOUT_CHART_FONT_PT, &fr, &end);
	assert_close(fr.x0, 0, TOL, TOL);
	assert_close(fr.x1, 1, TOL, TOL);
	assert_close(fr.pt, 9, TOL, TOL);
	expect_vpos(&fr.top, 1.539, 0);
	expect_vpos(&fr.bottom, 1.539, 1);
	expect_vpos(&fr.key, 3.1293, 1);
	assert_int_equal(fr.keyrows, 4);
	expect_vpos(&end, 5.9689, 1);
	assert_close(layout_flex(&end, 10), 4.0311, TOL, TOL);
	/* Left of the plot 0.22 cm a point, right 0.07. */
	layout_margins(&fr, &left, &right);
	assert_close(left, 1.98, TOL, TOL);
	assert_close(right, 0.63, TOL, TOL);
	/* A page too small for the fixed room still gives 0.8 cm a weight. */
	assert_close(layout_flex(&end, 5), LAYOUT_MIN_FLEX_CM, TOL, 0);
	/* The plot area of 4.0311 cm is more than 4 cm: the chart keeps its
	** height. A key of 19 names a row (19 rows of 0.456 cm) ends the fixed
	** room at 5.9689 - 1.824 + 8.664 = 12.8089 cm; with 4 cm of plot area
	** the chart is 16.8089 cm, 1.68089 single charts, high. */
	assert_close(layout_single_height(&end), 1, TOL, 0);
	layout_single(19, 1, LAYOUT_CHART_FONT_PT, &fr, &end);
	expect_vpos(&end, 12.8089, 1);
	assert_close(layout_single_height(&end), 1.68089, TOL, TOL);
}

/*
** Checks the frames fr[0..n) on a page PAGE_W x page_h cm: each plot area has
** a positive height and width; frames whose cells overlap across the page
** take disjoint heights (title to key); with within, all lie on the page.
*/
static void expect_frames(const struct layout_frame *fr, size_t n, const struct layout_vpos *end,
                          double page_h, int within)
{
	double flex = layout_flex(end, page_h);

	for (size_t i = 0; i < n; i++) {
		double top, bottom, left, right;

		layout_margins(&fr[i], &left, &right);
		assert_true(layout_at(&fr[i].bottom, flex) - layout_at(&fr[i].top, flex) > 0);
		assert_true((fr[i].x1 * PAGE_W - right) - (fr[i].x0 * PAGE_W + left) > 0);
		assert_true(fr[i].x0 >= 0 && fr[i].x1 <= 1 && fr[i].x0 < fr[i].x1);
		layout_extent(&fr[i], flex, &top, &bottom);
		assert_true(top < bottom);
		if (within) {
			assert_true(top >= 0);
			assert_true(bottom <= page_h + TOL);
		}
		for (size_t j = 0; j < i; j++) {
			double top2, bottom2;

			if (!(fr[i].x0 < fr[j].x1 && fr[j].x0 < fr[i].x1))
				continue;
			layout_extent(&fr[j], flex, &top2, &bottom2);
			if (!(bottom2 <= top || bottom <= top2))
				fail_msg("frames %zu and %zu overlap: %g..%g and %g..%g cm", j, i,
				         top2, bottom2, top, bottom);
		}
	}
	if (within)
		assert_true(layout_at(end, flex) <= page_h + TOL);
}

/*
** The dashboard in 8 pt with every funding source (8 entries: 4 rows) and
** every use (10: 5 rows), the two-line panels' keys 2 rows each, the cash
** panel's 3 (cash, loans, gap), skill and resistance none; 3 lines of
** question and 5 rows of key figures. Below the page title (2.4 lines =
** 1.0944 cm) the question (1.368 cm) and the key figures (2.28 cm) end at
** 4.7424 cm, and a gap (0.5472 cm) later the funding row starts: its plot
** area 1.8 lines (0.8208 cm) lower, at 6.1104 cm. Then five rows of 4.5
** lines of fixed room (10.26 cm) and 4 + 5 + 2 + 3 + 0 key rows
** (6.384 cm): the end at 21.9336 cm; weights 1.2 + 1.4 + 3 x 0.8 = 5; on
** 26 cm, flex = 4.0664 / 5 = 0.81328 cm, just above LAYOUT_MIN_FLEX_CM.
*/
static void test_dashboard(void **state)
{
	size_t keys[CHARTDEF_NPANELS] = { 0 };
	struct layout_frame fr[CHARTDEF_NPANELS + 1];
	const struct layout_frame *kf = &fr[CHARTDEF_NPANELS];
	struct layout_vpos about, end;

	(void)state;
	keys[CHARTDEF_FUNDING] = CHARTDEF_NFUNDING;
	keys[CHARTDEF_SPEND] = CHARTDEF_NSPEND;
	keys[CHARTDEF_SERVICES] = keys[CHARTDEF_CUMULATIVE] = keys[CHARTDEF_OM_LEGACY] = 2;
	keys[CHARTDEF_CASH] = 3;
	layout_dashboard(keys, LAYOUT_ABOUT_LINES, 5, fr, &about, &end);
	expect_vpos(&about, 1.0944, 0);
	expect_vpos(&kf->top, 2.4624, 0);
	expect_vpos(&kf->bottom, 4.7424, 0);
	assert_close(kf->x0, 0, TOL, 0);
	assert_close(kf->x1, 1, TOL, 0);
	expect_vpos(&end, 21.9336, 5);
	assert_close(layout_flex(&end, DASH_H), 0.81328, TOL, TOL);
	assert_int_equal(fr[CHARTDEF_FUNDING].keyrows, 4);
	assert_int_equal(fr[CHARTDEF_SPEND].keyrows, 5);
	assert_int_equal(fr[CHARTDEF_CASH].keyrows, 3);
	assert_int_equal(fr[CHARTDEF_SKILL].keyrows, 0);
	assert_int_equal(kf->keyrows, 0);
	expect_vpos(&fr[CHARTDEF_FUNDING].top, 6.1104, 0);
	/* The pairs share a row: the same heights, the two halves; the cash
	** panel's row keeps room for its three key rows beside O&M's two. */
	expect_vpos(&fr[CHARTDEF_OM_LEGACY].top, fr[CHARTDEF_CASH].top.cm, fr[CHARTDEF_CASH].top.fl);
	expect_vpos(&fr[CHARTDEF_SKILL].top, fr[CHARTDEF_CASH].top.cm + 3.42, fr[CHARTDEF_CASH].top.fl + 0.8);
	assert_close(fr[CHARTDEF_CASH].x1, 0.5, TOL, 0);
	assert_close(fr[CHARTDEF_OM_LEGACY].x0, 0.5, TOL, 0);
	expect_frames(fr, CHARTDEF_NPANELS + 1, &end, DASH_H, 1);
	/* No keys at all: the plot areas get the room. */
	memset(keys, 0, sizeof keys);
	layout_dashboard(keys, 1, 3, fr, &about, &end);
	expect_frames(fr, CHARTDEF_NPANELS + 1, &end, DASH_H, 1);
	/* A page 4 cm high (the least --size allows; the dashboard 10.4 cm) is
	** too small: the layout runs off it but stays valid. */
	expect_frames(fr, CHARTDEF_NPANELS + 1, &end, 4 * LAYOUT_DASHBOARD_HEIGHT, 0);
	assert_close(layout_flex(&end, 4 * LAYOUT_DASHBOARD_HEIGHT), LAYOUT_MIN_FLEX_CM, TOL, 0);
}

/*
** The question's lines and the key figures' columns fit the 16 cm page in
** 8 pt (0.019 cm a character a point: 0.152 cm) after the key indent:
** LAYOUT_ABOUT_CHARS (84: 12.768 cm) across the page, KEYFIG_BOX_CHARS_LEFT
** (36: 5.472 cm) left of LAYOUT_KEYFIG_SPLIT (6.72 cm) and
** KEYFIG_BOX_CHARS_RIGHT (50: 7.6 cm) right of it (9.28 cm).
*/
static void test_about_cell(void **state)
{
	(void)state;
	assert_close(layout_text_cm(LAYOUT_ABOUT_CHARS, LAYOUT_PANEL_FONT_PT), 12.768, TOL, TOL);
	assert_true(LAYOUT_KEY_INDENT_CM + layout_text_cm(LAYOUT_ABOUT_CHARS, LAYOUT_PANEL_FONT_PT)
	            <= PAGE_W);
	assert_close(layout_text_cm(KEYFIG_BOX_CHARS_LEFT, LAYOUT_PANEL_FONT_PT), 5.472, TOL, TOL);
	assert_true(LAYOUT_KEY_INDENT_CM + layout_text_cm(KEYFIG_BOX_CHARS_LEFT, LAYOUT_PANEL_FONT_PT)
	            <= LAYOUT_KEYFIG_SPLIT * PAGE_W);
	assert_close(layout_text_cm(KEYFIG_BOX_CHARS_RIGHT, LAYOUT_PANEL_FONT_PT), 7.6, TOL, TOL);
	assert_true(LAYOUT_KEY_INDENT_CM + layout_text_cm(KEYFIG_BOX_CHARS_RIGHT, LAYOUT_PANEL_FONT_PT)
	            <= (1 - LAYOUT_KEYFIG_SPLIT) * PAGE_W);
}

/*
** Three scenarios' funding in 8 pt with 5 sources: two panels a row of
** weight 1 and 4.5 lines of fixed room (2.052 cm) below the title
** (1.0944 cm); the key (3 rows, 1.368 cm) at 1.0944 + 2 x 2.052 =
** 5.1984 cm; the end after it, a gap and the footer's strip: 7.5136 cm
** and 2 weights. With plot areas of 3.4 cm, (7.5136 + 6.8) / 10 = 1.43136
** single charts high.
*/
static void test_small_multiples(void **state)
{
	struct layout_frame fr[3];
	struct layout_vpos key, end;

	(void)state;
	layout_small_multiples(3, 5, fr, &key, &end);
	expect_vpos(&fr[0].top, 1.9152, 0);
	expect_vpos(&fr[1].top, 1.9152, 0);
	expect_vpos(&fr[2].top, 3.9672, 1);
	assert_close(fr[2].x1, 0.5, TOL, 0);
	expect_vpos(&key, 5.1984, 2);
	expect_vpos(&end, 7.5136, 2);
	assert_close(layout_small_multiples_height(&end), 1.43136, TOL, TOL);
	expect_frames(fr, 3, &end, 14.3136, 1);
	/* One scenario: never lower than a single chart. */
	layout_small_multiples(1, 1, fr, &key, &end);
	assert_close(layout_small_multiples_height(&end), 1, TOL, 0);
}

/*
** A key column of names is (chars + 2 quotes + 3) characters of 0.0233 cm
** a point; in 8 pt on 16 cm less twice the 0.3 cm indent (15.4 cm): 10
** characters give 2.796 cm, 5 columns, at most 4; 20 give 4.66 cm, 3; 60
** give 12.116 cm, 1; 100 do not fit, still 1.
*/
static void test_names_key_cols(void **state)
{
	(void)state;
	assert_int_equal(layout_names_key_cols(10, PAGE_W, LAYOUT_KEY_FONT_PT), 4);
	assert_int_equal(layout_names_key_cols(20, PAGE_W, LAYOUT_KEY_FONT_PT), 3);
	assert_int_equal(layout_names_key_cols(60, PAGE_W, LAYOUT_KEY_FONT_PT), 1);
	assert_int_equal(layout_names_key_cols(100, PAGE_W, LAYOUT_KEY_FONT_PT), 1);
}

/*
** Key figures: each of 3 rows takes 0.42 cm a scenario and 2.6 cm, the
** title 1.2 cm: 14 scenarios, 26.64 cm = 2.664 charts; 3 scenarios,
** 12.78 cm, less than the least (2). Names of 10 characters (+2) at 0.16 cm
** take 1.92 / 16 = 0.12 of the width, 60 characters at most 0.4. Cells: the
** left column the names' share wider (0.12 + 0.44), the right 0.44; each
** row 0.93 / 3 = 0.31 high between the title's 0.05 and the footer's 0.02.
*/
static void test_kpi(void **state)
{
	double at[4], h = 0.31;

	(void)state;
	assert_close(layout_kpi_height(3, 14), 2.664, TOL, TOL);
	assert_close(layout_kpi_height(3, 3), 2.0, TOL, 0);
	assert_close(layout_kpi_names(10, PAGE_W), 0.12, TOL, TOL);
	assert_close(layout_kpi_names(60, PAGE_W), 0.4, TOL, 0);
	layout_kpi_cell(0, 3, 0.12, at);
	assert_close(at[0], 0, TOL, TOL);
	assert_close(at[1], 0.95 - h, TOL, TOL);
	assert_close(at[2], 0.56, TOL, TOL);
	assert_close(at[3], h, TOL, TOL);
	layout_kpi_cell(1, 3, 0.12, at);
	assert_close(at[0], 0.56, TOL, TOL);
	assert_close(at[0] + at[2], 1, TOL, TOL);
	layout_kpi_cell(5, 3, 0.12, at);
	assert_close(at[1], 0.02, TOL, TOL);
}

/*
** Pages of scenarios: at most 6 a page, the pages' counts differing by
** one at most: 6 scenarios, one page; 7, two of 4 and 3; 14, three of 5,
** 5 and 4; 19, four of 5, 5, 5 and 4 (from 0, 5, 10, 15).
*/
static void test_pages(void **state)
{
	static const size_t cases[][3] = {
		{ 6, 1, 6 }, { 7, 2, 4 }, { 14, 3, 5 }, { 19, 4, 5 }, { 1, 1, 1 },
	};
	size_t first, count;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = cases[i][0], pages = layout_pages(n), sum = 0;

		assert_int_equal(pages, cases[i][1]);
		layout_page(n, 0, &first, &count);
		assert_int_equal(first, 0);
		assert_int_equal(count, cases[i][2]);
		for (size_t k = 0; k < pages; k++) {
			layout_page(n, k, &first, &count);
			assert_int_equal(first, sum);
			assert_true(count <= LAYOUT_PAGE_SCENARIOS && count + 1 >= cases[i][2]);
			sum += count;
		}
		assert_int_equal(sum, n);
	}
	layout_page(19, 3, &first, &count);
	assert_int_equal(first, 15);
	assert_int_equal(count, 4);
	layout_page(7, 1, &first, &count);
	assert_int_equal(first, 4);
	assert_int_equal(count, 3);
}

/*
** Lines across scenarios: the first 8 scenarios are line types 1..8 with
** their own dashes (11..18) and no points; the 9th is line type 1 (blue)
** with dash 14 (shifted by 3) and squares (4), the 14th line type 6 with
** dash 11 + (5 + 3) % 8 = 11; the 17th line type 1 with dash 17 and
** circles (6). No two of the first 64 share line type and dash.
*/
static void test_scen_style(void **state)
{
	size_t lt, dt, pt;

	(void)state;
	for (size_t i = 0; i < 8; i++) {
		layout_scen_style(i, &lt, &dt, &pt);
		assert_int_equal(lt, i + 1);
		assert_int_equal(dt, 11 + i);
		assert_int_equal(pt, 0);
	}
	layout_scen_style(8, &lt, &dt, &pt);
	assert_int_equal(lt, 1);
	assert_int_equal(dt, 14);
	assert_int_equal(pt, 4);
	layout_scen_style(13, &lt, &dt, &pt);
	assert_int_equal(lt, 6);
	assert_int_equal(dt, 11);
	layout_scen_style(16, &lt, &dt, &pt);
	assert_int_equal(lt, 1);
	assert_int_equal(dt, 17);
	assert_int_equal(pt, 6);
	for (size_t i = 0; i < 64; i++)
		for (size_t j = 0; j < i; j++) {
			size_t lt2, dt2, pt2;

			layout_scen_style(i, &lt, &dt, &pt);
			layout_scen_style(j, &lt2, &dt2, &pt2);
			if (lt == lt2 && dt == dt2)
				fail_msg("scenarios %zu and %zu share line type %zu and dash %zu", j, i, lt, dt);
		}
}

/*
** Stacked areas: solid, hatch \\ (4), crosshatch (1), hatch // (5), then
** again; so areas 0 to 3 apart in a table differ, 4 apart repeat.
*/
static void test_stack_fill(void **state)
{
	char a[32], b[32];

	(void)state;
	layout_stack_fill(0, a, sizeof a);
	assert_string_equal(a, "solid 1.0");
	layout_stack_fill(1, a, sizeof a);
	assert_string_equal(a, "pattern 4");
	layout_stack_fill(2, a, sizeof a);
	assert_string_equal(a, "pattern 1");
	layout_stack_fill(7, a, sizeof a);
	assert_string_equal(a, "pattern 5");
	for (size_t k = 0; k < CHARTDEF_NSPEND; k++)
		for (size_t d = 1; d < LAYOUT_STACK_FILLS; d++) {
			layout_stack_fill(k, a, sizeof a);
			layout_stack_fill(k + d, b, sizeof b);
			assert_string_not_equal(a, b);
		}
	layout_stack_fill(4, b, sizeof b);
	layout_stack_fill(0, a, sizeof a);
	assert_string_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_rows),
		cmocka_unit_test(test_money_axis),
		cmocka_unit_test(test_plain_axis),
		cmocka_unit_test(test_year_step),
		cmocka_unit_test(test_dims),
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_dashboard),
		cmocka_unit_test(test_about_cell),
		cmocka_unit_test(test_small_multiples),
		cmocka_unit_test(test_names_key_cols),
		cmocka_unit_test(test_kpi),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_scen_style),
		cmocka_unit_test(test_stack_fill),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
