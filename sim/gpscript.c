/*
** gpscript.c: the pieces of chart scripts (gpscript.h).
**
** Each chart script loads three templates copied beside it: style.gp
** (palette, lines, fonts, number formatting: gnum), lang.gp (texts,
** decimal sign, grouping) and terminal.gp (the terminal for each format
** and size). Positions on the page are centimetres from its top, turned
** into screen coordinates by scr_x and scr_y of style.gp with the page
** size (page_w, page_h) from terminal.gp; see layout.h.
*/
#include <math.h>
#include <stdio.h>

#include "gpscript.h"

/* ---- head and panels ---------------------------------------------------------- */

void gpscript_head(FILE *f, const char *chart, const char *what, const char *qout,
                   const char *formats, const struct layout_dims *d, int multi)
{
	fprintf(f, "# %s.gp: %s.\n"
	        "# Written by dtsim plot. Run it by hand in this folder:\n"
	        "#   gnuplot %s.gp              writes %s.<format> for each format below\n"
	        "#   gnuplot -c %s.gp 'pdf svg' writes only those formats\n"
	        "# The look is in style.gp, texts and number format in lang.gp, the\n"
	        "# terminals and sizes in terminal.gp; edit them or this file to restyle.\n"
	        "# (dtsim plot overwrites these files.)\n\n"
	        "formats = '%s'\nout = %s\n"
	        "if (ARGC >= 1) { formats = ARG1 }\nif (ARGC >= 2) { out = ARG2 }\n\n"
	        "# Vector formats in cm; PNG in pixels, fonts and lines scaled to its dpi.\n"
	        "width_cm = %.4g\nheight_cm = %.4g\n"
	        "png_width = %.0f\npng_height = %.0f\npng_scale = %.6g\n\n"
	        "load 'style.gp'\nload 'lang.gp'\n\n",
	        chart, what, chart, chart, chart, formats, qout,
	        d->w_cm, d->h_cm, d->png_w, d->png_h, d->png_scale);
	if (multi)
		fprintf(f, "# Several panels: smaller text.\nfont_size = %d\n"
		        "load 'style.gp'\n\n", LAYOUT_PANEL_FONT_PT);
}

/* A script draws its chart once for each format, with terminal.gp setting
** the terminal, size and output file of fmt. */
void gpscript_loop_begin(FILE *f)
{
	fputs("\ndo for [fmt in formats] {\nload 'terminal.gp'\n", f);
}

/* Closes the format's file before the next one. */
void gpscript_loop_end(FILE *f)
{
	fputs("unset output\n}\n", f);
}

/* reset forgets the previous panel's ranges, labels and margins; it also
** forgets the templates' settings, so they are loaded again. */
void gpscript_panel(FILE *f, const char *title)
{
	fprintf(f, "\nreset\nload 'style.gp'\nload 'lang.gp'\nset title %s\n", title);
}

/* ---- places on the page ---------------------------------------------------------- */

/* The script's flex: the rule of layout_flex, with the page height that
** terminal.gp sets for the format. */
void gpscript_flex(FILE *f, const struct layout_vpos *end)
{
	double fl = end->fl > 0 ? end->fl : 1;

	fprintf(f, "# The plot areas share what titles, labels and keys leave of the page.\n"
	        "flex = (page_h - %.4g) / %.4g\nif (flex < %g) { flex = %g }\n",
	        end->cm, fl, LAYOUT_MIN_FLEX_CM, LAYOUT_MIN_FLEX_CM);
}

/* Writes v as a screen y coordinate expression into buf. */
static void vexpr(char *buf, size_t len, const struct layout_vpos *v)
{
	snprintf(buf, len, "scr_y(%.4g + %.4g * flex)", v->cm, v->fl);
}

/* Writes a key at screen: its left at x0 of the page width plus the
** indent, its top at top, rows rows a column. */
static void key_at(FILE *f, double x0, const struct layout_vpos *top, size_t rows)
{
	char y[64];

	vexpr(y, sizeof y, top);
	fprintf(f, "set key at screen scr_x(%.4g * page_w + %g), %s left top vertical maxrows %zu"
	        " width %d font ',%d'\n", x0, LAYOUT_KEY_INDENT_CM, y, rows, LAYOUT_KEY_WIDTH_FIX,
	        LAYOUT_KEY_FONT_PT);
}

/*
** The plot area is placed by margins at screen positions (set
** lmargin/rmargin/tmargin/bmargin at screen), because gnuplot's automatic
** margins give all the room to a key and can squash a plot.
*/
void gpscript_frame(FILE *f, const struct layout_frame *fr)
{
	double left, right;
	char y[64];

	layout_margins(fr, &left, &right);
	fprintf(f, "set lmargin at screen scr_x(%.4g * page_w + %.4g)\n"
	        "set rmargin at screen scr_x(%.4g * page_w - %.4g)\n",
	        fr->x0, left, fr->x1, right);
	vexpr(y, sizeof y, &fr->top);
	fprintf(f, "set tmargin at screen %s\n", y);
	vexpr(y, sizeof y, &fr->bottom);
	fprintf(f, "set bmargin at screen %s\nunset key\n", y);
	/* A title over half the page in the size of the text, not larger. */
	if (fr->x1 - fr->x0 < 0.75)
		fputs("set title font ',' . font_size\n", f);
}

/*
** No year lies in the x range [0:1] of the key's panel, so the plot
** command repeated there draws only the key. The key needs a panel of its
** own because gnuplot gives a key no more rows than fit the height of its
** plot area; this one reaches from the plot's top to below the key. (The
** scripts' comment names this function by its former place, plot.c's
** gp_key_overlay: the scripts stay as they were.)
*/
void gpscript_key_overlay(FILE *f, const struct layout_frame *fr)
{
	struct layout_vpos bottom = fr->key;
	char y[64];

	bottom.cm += ((double)fr->keyrows + 1) * layout_line_cm(LAYOUT_KEY_FONT_PT);
	vexpr(y, sizeof y, &bottom);
	fprintf(f, "# The key, on an empty panel of its own (see plot.c, gp_key_overlay).\n"
	        "unset border\nunset tics\nunset grid\nunset title\nunset xlabel\nunset ylabel\n"
	        "unset label\nunset arrow\nunset xzeroaxis\nset xrange [0:1]\n"
	        "set bmargin at screen %s\n", y);
	key_at(f, fr->x0, &fr->key, fr->keyrows);
}

/* The panel's range [0:1] holds no year and the constant 2 lies above
** it: only the key entries show. (A plot of key entries alone fails an
** assertion of gnuplot 5.4.) */
void gpscript_key_panel(FILE *f, const struct layout_frame *kf)
{
	gpscript_panel(f, "''");
	gpscript_frame(f, kf);
	fputs("set yrange [0:1]\n", f);
	gpscript_key_overlay(f, kf);
	fputs("plot 2 notitle", f);
}

/* An empty panel that draws nothing but the footer, a label on the
** screen, in the colour of the axes. */
void gpscript_footer(FILE *f, const char *qfoot)
{
	fputs("\n# The footer: what drew the chart (manifest.csv).\n", f);
	gpscript_panel(f, "''");
	fprintf(f, "unset border\nunset tics\nunset grid\nunset key\nset xrange [0:1]\n"
	        "set yrange [0:1]\nset label 1 %s at screen scr_x(page_w - %g), scr_y(page_h - %g)"
	        " right font ',%d' textcolor rgb c_axis\nplot 2 notitle\n", qfoot,
	        LAYOUT_FOOTER_INSET_CM, LAYOUT_FOOTER_INSET_CM, LAYOUT_FOOTER_PT);
}

/* ---- axes ------------------------------------------------------------------------ */

/* Tick labels by gnum() of style.gp, so they get lang.gp's decimal sign
** and grouping; a tick within a billionth of a step of 0 is 0. */
void gpscript_money_ticks(FILE *f, char ax, const struct layout_axis *a, double range_hi)
{
	char name[2] = { ax, '\0' };

	gpscript_money_ticks_axis(f, name, a, range_hi);
}

void gpscript_money_ticks_axis(FILE *f, const char *ax, const struct layout_axis *a,
                               double range_hi)
{
	long n = lround((a->hi - a->lo) / a->step);

	fprintf(f, "set %srange [%.10g:%.10g]\nset %stics (", ax, a->lo, range_hi, ax);
	for (long i = 0; i <= n; i++) {
		double v = a->lo + (double)i * a->step;

		if (fabs(v) < a->step * 1e-9)
			v = 0;
		fprintf(f, "%sgnum(%.10g, %d) %.10g", i ? ", " : "", v, a->dec, v);
	}
	fputs(")\n", f);
}

/* Shares 0..100 % and indices 0..1 have fixed ticks (layout.h); money
** has a's. */
void gpscript_yaxis(FILE *f, enum chartdef_axis kind, const struct layout_axis *a, int flow,
                    int small)
{
	switch (kind) {
	case CHARTDEF_SHARE:
		fprintf(f, "set yrange [0:100]\nset ytics 0, %d\nset format y '%%.0f'\n"
		        "set ylabel L_percent\n", small ? LAYOUT_SHARE_STEP_SMALL : LAYOUT_SHARE_STEP);
		break;
	case CHARTDEF_INDEX:
		fprintf(f, "set yrange [0:1]\nset ytics 0, %g\nset format y '%%.1f'\n"
		        "set ylabel L_index\n", small ? LAYOUT_INDEX_STEP_SMALL : LAYOUT_INDEX_STEP);
		break;
	case CHARTDEF_MONEY:
		gpscript_money_ticks(f, 'y', a, a->hi);
		fprintf(f, "set ylabel %s%s\n", a->unit, flow ? " . L_per_year" : "");
		break;
	}
}

/* Whole years, labelled every layout_year_step years at its multiples, a
** minor tick every year; a range of one year at least. */
void gpscript_years(FILE *f, double y0, double y1, int maxticks, int label)
{
	double span = y1 - y0;
	int step = layout_year_step(span, maxticks);

	if (span <= 0)
		y1 = y0 + 1;
	fprintf(f, "set xrange [%.10g:%.10g]\nset xtics %.10g, %d\nset mxtics %d\n"
	        "set format x '%%.0f'\n%s", y0, y1, floor(y0 / step) * step, step, step,
	        label ? "set xlabel L_year\n" : "");
}

/* ---- stacked areas ------------------------------------------------------------------ */

/* The sum of the present layers 0 to j (present[] indexes defs), as a
** gnuplot expression over the data's columns; "0" when none is in the data. */
static void stack_sum(FILE *f, const struct chartdata_scen *s, const struct chartdef_stack *defs,
                      const size_t *present, size_t j)
{
	int terms = 0;

	fputs("(", f);
	for (size_t i = 0; i <= j; i++) {
		const struct chartdef_stack *d = &defs[present[i]];

		for (size_t k = 0; k < CHARTDEF_STACK_COLS && d->cols[k]; k++)
			if (chartdata_has(s, d->cols[k]))
				fprintf(f, "%scolumn('%s')", terms++ ? " + " : "", d->cols[k]);
	}
	fputs(terms ? ")" : "0)", f);
}

/* The top layer first, so the key lists the stack from the top. Each
** layer fills only the band between the partial sum below it and its own
** (filledcurves with two y columns), so every pixel is painted once: the
** pattern fills cost a PNG about 3 times less than painting each partial
** sum down to the axis over the ones before (README, Speed). */
void gpscript_stack_plot(FILE *f, const char *data, const struct chartdata_scen *s,
                         const struct chartdef_stack *defs, size_t n, double scale, int key)
{
	size_t present[CHARTDEF_NSPEND > CHARTDEF_NFUNDING ? CHARTDEF_NSPEND : CHARTDEF_NFUNDING];
	size_t m = 0;
	int first = 1;

	for (size_t i = 0; i < n && m < sizeof present / sizeof present[0]; i++)
		if (chartdata_stack_present(s, &defs[i]))
			present[m++] = i;
	fputs("plot ", f);
	for (size_t j = m; j-- > 0;) {
		char fill[32];

		fprintf(f, "%s%s using 'year':(", first ? "" : ", \\\n     ", data);
		if (j > 0)
			stack_sum(f, s, defs, present, j - 1);
		else
			fputs("0", f);
		fprintf(f, " / %.10g):(", scale);
		stack_sum(f, s, defs, present, j);
		layout_stack_fill(present[j], fill, sizeof fill);
		fprintf(f, " / %.10g) with filledcurves fc rgb %s fs %s ", scale,
		        defs[present[j]].colour, fill);
		if (key)
			fprintf(f, "title %s", defs[present[j]].label);
		else
			fputs("notitle", f);
		first = 0;
	}
	if (m == 0)
		fputs("NaN notitle", f);
	fputs("\n", f);
}
