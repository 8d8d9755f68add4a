/*
** plot.c: the chart catalogue, the gnuplot scripts and driving gnuplot.
**
** For each chart dtsim writes DIR/plots/<chart>.gp, a script that reads the
** results (../<id>.csv, ../summary.csv) by column name and loads three
** files copied beside it from the templates: style.gp (palette, lines,
** fonts, number formatting), lang.gp (texts, decimal sign, grouping) and
** terminal.gp (the terminal for each format and size). A user can edit any
** of them and run `gnuplot <chart>.gp` in DIR/plots by hand. dtsim runs
** `gnuplot -d -c ./<chart>.gp FORMATS TMP` there, TMP a hidden temporary
** name, and renames TMP.<format> into place when gnuplot succeeded.
**
** User text (scenario names and descriptions, scenario ids in file names)
** reaches a script only through gnuplot_quote (a double-quoted string with
** every byte but letters, digits, space and . , - _ : / ( ) + as an octal
** escape), held in a variable that is only ever used as a value; see the
** safety rule in gnuplot.c and the places checked above gnuplot_quote.
** Numbers are written by printf in the C locale (dtsim never calls
** setlocale); the decimal comma and grouping of --lang de come from
** gnuplot (set decimalsign, and gnum() in style.gp).
*/
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "cleanup.h"
#include "csvtab.h"
#include "gnuplot.h"
#include "manifest.h"
#include "numfmt.h"
#include "plot.h"
#include "resdir.h"

/* Chart heights relative to a single chart: the dashboard (5 rows of
** panels, 16 x 24 cm by default: an A4 text block), the key figures (3
** rows) at least, and one row of the funding small multiples. */
#define PLOT_DASHBOARD_HEIGHT 2.4
#define PLOT_KPI_HEIGHT       2.0
#define PLOT_SMALL_ROW_HEIGHT 0.55

/* Axes: about this many money ticks on a chart, and on a panel of a
** multi-panel chart; labelled year ticks at most this many on a
** full-width chart, and on a panel. Shares and indices on a panel get a
** tick every PLOT_SHARE_STEP_SMALL per cent or PLOT_INDEX_STEP_SMALL. */
#define PLOT_MONEY_TICKS       5
#define PLOT_MONEY_TICKS_SMALL 3
#define PLOT_YEAR_TICKS        8
#define PLOT_YEAR_TICKS_SMALL  4
#define PLOT_SHARE_STEP        20
#define PLOT_SHARE_STEP_SMALL  50
#define PLOT_INDEX_STEP        0.2
#define PLOT_INDEX_STEP_SMALL  0.5

/* The font size of multi-panel charts (dashboards, key figures, small
** multiples), in points; single charts use style.gp's (9 pt). */
#define PLOT_PANEL_FONT_PT 8
/* The font size of single charts, as style.gp sets it. */
#define PLOT_CHART_FONT_PT 9

/* The "About" cell of the dashboard (half of a 16 cm page, in 8 pt):
** characters a line, lines of description at most. */
#define PLOT_ABOUT_CHARS 38
#define PLOT_ABOUT_LINES 5

/* Nominal resolutions: gnuplot's points (72 per inch) and the 96 units per
** inch of SVG pixels and EMF's nominal units. */
#define PT_PER_INCH  72.0
#define PX_PER_INCH  96.0
#define CM_PER_INCH  2.54

/* Parallel gnuplot processes at most, whatever the CPU count. */
#define PLOT_MAX_JOBS 8

/* ---- options ----------------------------------------------------------------- */

static const struct {
	const char *name;
	unsigned bit;
} formats_table[] = {
	{ "png", PLOT_PNG }, { "svg", PLOT_SVG }, { "pdf", PLOT_PDF }, { "emf", PLOT_EMF },
};
#define NFORMATS (sizeof formats_table / sizeof formats_table[0])

int plot_parse_formats(const char *list, unsigned *out, struct err *e)
{
	const char *s = list;

	*out = 0;
	for (;;) {
		size_t len = strcspn(s, ",");
		size_t i;

		for (i = 0; i < NFORMATS; i++)
			if (len == strlen(formats_table[i].name)
			    && strncmp(s, formats_table[i].name, len) == 0)
				break;
		if (i == NFORMATS)
			return err_set(e, NULL, 0, "--format", "unknown format '%.*s' in '%s';"
			               " allowed: png, svg, pdf, emf, comma-separated",
			               (int)len, s, list);
		*out |= formats_table[i].bit;
		if (s[len] == '\0')
			return 0;
		s += len + 1;
	}
}

/* Parses one positive number that ends at end, in the grammar of every
** number dtsim reads (numfmt_parse). */
static int parse_dim(const char *s, const char *end, double *out)
{
	char buf[64];
	size_t len = (size_t)(end - s);

	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return numfmt_parse(buf, out) != NUMFMT_OK || *out <= 0 ? -1 : 0;
}

int plot_parse_size(const char *text, unsigned formats, double *w, double *h, struct err *e)
{
	const char *comma = strchr(text, ',');
	int png = (formats & PLOT_PNG) != 0, vec = (formats & ~PLOT_PNG) != 0;

	if (!comma || parse_dim(text, comma, w) != 0
	    || parse_dim(comma + 1, comma + 1 + strlen(comma + 1), h) != 0)
		return err_set(e, NULL, 0, "--size", "bad size '%s'; expected W,H:"
		               " centimetres for svg, pdf, emf, pixels for png (e.g. 16,10 or 1890,1181)",
		               text);
	if (png && vec)
		return err_set(e, NULL, 0, "--size", "--size %s: png takes pixels, svg, pdf and emf"
		               " centimetres; give --size with png alone or with vector formats alone",
		               text);
	if (png && (*w < PLOT_MIN_PX || *w > PLOT_MAX_PX || *h < PLOT_MIN_PX || *h > PLOT_MAX_PX
	            || *w != floor(*w) || *h != floor(*h)))
		return err_set(e, NULL, 0, "--size", "--size %s: png sizes are whole pixels"
		               " from %g to %g", text, PLOT_MIN_PX, PLOT_MAX_PX);
	if (!png && (*w < PLOT_MIN_CM || *w > PLOT_MAX_CM || *h < PLOT_MIN_CM || *h > PLOT_MAX_CM))
		return err_set(e, NULL, 0, "--size", "--size %s: vector sizes are centimetres"
		               " from %g to %g", text, PLOT_MIN_CM, PLOT_MAX_CM);
	return 0;
}

int plot_parse_lang(const char *text, enum plot_lang *out, struct err *e)
{
	if (strcmp(text, "en") == 0)
		*out = PLOT_EN;
	else if (strcmp(text, "de") == 0)
		*out = PLOT_DE;
	else
		return err_set(e, NULL, 0, "--lang", "unknown language '%s'; allowed: en, de", text);
	return 0;
}

/* ---- templates ------------------------------------------------------------- */

/* The template files; lang_<code>.gp is copied as lang.gp. */
static const char *const template_files[] = { "style.gp", "terminal.gp", "lang_en.gp", "lang_de.gp" };
#define NTEMPLATES (sizeof template_files / sizeof template_files[0])

/* 1 when dir holds every template file. */
static int has_templates(const char *dir)
{
	char p[PATH_MAX];

	for (size_t i = 0; i < NTEMPLATES; i++) {
		if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, template_files[i]) >= sizeof p
		    || access(p, R_OK) != 0)
			return 0;
	}
	return 1;
}

int plot_find_templates(const char *env, char *buf, size_t len, struct err *e)
{
	static const char *const rel[] = { "/../share/dtsim/plots", "/../plots" };
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env) {
		if ((size_t)snprintf(buf, len, "%s", env) < len && has_templates(buf))
			return 0;
		return err_set(e, NULL, 0, "DTSIM_PLOTS", "DTSIM_PLOTS=%s does not hold the chart"
		               " templates (style.gp, terminal.gp, lang_en.gp, lang_de.gp)", env);
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++)
			if ((size_t)snprintf(buf, len, "%s%s", exe, rel[i]) < len && has_templates(buf))
				return 0;
	}
	return err_set(e, NULL, 0, NULL, "cannot find the chart templates (style.gp):"
	               " looked in %s/../share/dtsim/plots and %s/../plots; set DTSIM_PLOTS",
	               n > 0 ? exe : "the program's directory", n > 0 ? exe : "the program's directory");
}

/* ---- results ------------------------------------------------------------------ */

/* One scenario's results and what its charts say about it. */
struct scen {
	char *id;
	struct csvtab *t;    /* DIR/<id>.csv */
	char *qdata;         /* ../<id>.csv, quoted */
	char *qname;         /* the scenario's name, quoted */
	char **qabout;       /* the description, wrapped, each line quoted */
	size_t nabout;
	double target;       /* services.target_maturity; NaN when unknown */
	int mandate;         /* mandate.active */
	double deadline, mandate_target;
	double y0, y1;       /* first and last year in the CSV */
};

struct results {
	const char *dir;
	struct scen *s;
	size_t n;
	struct csvtab *summary;  /* DIR/summary.csv */
};

static void scen_free(struct scen *s)
{
	free(s->id);
	csvtab_free(s->t);
	free(s->qdata);
	free(s->qname);
	for (size_t i = 0; i < s->nabout; i++)
		free(s->qabout[i]);
	free(s->qabout);
}

static void results_free(struct results *r)
{
	for (size_t i = 0; i < r->n; i++)
		scen_free(&r->s[i]);
	free(r->s);
	csvtab_free(r->summary);
}

/* A new string a + b + c, owned by the caller; NULL when out of memory. */
static char *cat3(const char *a, const char *b, const char *c)
{
	size_t len = strlen(a) + strlen(b) + strlen(c) + 1;
	char *s = malloc(len);

	if (s)
		snprintf(s, len, "%s%s%s", a, b, c);
	return s;
}

/* Quotes display text; "]]>" loses its '>' to a space first, because
** gnuplot's SVG terminal escapes '<' and '&' but not '>', and that sequence
** would end the SVG's text early and break the XML. (gnuplot_quote's
** escapes do not help there: gnuplot decodes them before it draws.) */
static int quote_text(const char *text, char **out)
{
	char *copy = strdup(text), *p;
	int rc;

	if (!copy)
		return -1;
	while ((p = strstr(copy, "]]>")) != NULL)
		p[2] = ' ';
	rc = gnuplot_quote(copy, GNUPLOT_TEXT, out);
	free(copy);
	return rc;
}

/*
** Splits text at spaces into lines of at most PLOT_ABOUT_CHARS characters
** (UTF-8 continuation bytes not counted; a longer word is cut), at most
** PLOT_ABOUT_LINES lines (the last ending "..." when text was cut), each
** quoted. Returns 0, or -1 when out of memory.
*/
static int wrap_about(const char *text, struct scen *s)
{
	char line[PLOT_ABOUT_CHARS * 4 + 8];
	const char *p = text;

	s->qabout = calloc(PLOT_ABOUT_LINES, sizeof *s->qabout);
	if (!s->qabout)
		return -1;
	while (*p && s->nabout < PLOT_ABOUT_LINES) {
		size_t len = 0, chars = 0, brk = 0;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		while (p[len] && chars < PLOT_ABOUT_CHARS) {
			if (p[len] == ' ')
				brk = len;
			len++;
			while (((unsigned char)p[len] & 0xC0) == 0x80)
				len++;
			chars++;
		}
		if (p[len] && p[len] != ' ' && brk > 0)
			len = brk;
		memcpy(line, p, len);
		line[len] = '\0';
		p += len;
		if (s->nabout == PLOT_ABOUT_LINES - 1 && *p && len + 4 < sizeof line)
			strcat(line, " ...");
		if (quote_text(line, &s->qabout[s->nabout]) != 0)
			return -1;
		s->nabout++;
	}
	return 0;
}

/*
** Loads the results of the scenario that manifest entry m describes:
** DIR/<id>.csv (it must have a year column and a row), and from the
** manifest its name, description, target and mandate. Returns 0, or -1
** with e filled.
*/
static int scen_load(const char *dir, const struct manifest_entry *m, struct scen *s,
                     struct err *e)
{
	char *path = resdir_join(dir, m->id, ".csv"), *rel = resdir_join("..", m->id, ".csv");
	int ycol, rc = -1;

	s->target = m->target_maturity;
	s->mandate = m->mandate_active;
	s->deadline = m->mandate_deadline_year;
	s->mandate_target = m->mandate_target;
	s->id = strdup(m->id);
	/* manifest_load has refused ids with control characters (resdir_check_id),
	** so quoting the path fails only when memory runs out. */
	if (!s->id || !path || !rel || gnuplot_quote(rel, GNUPLOT_PATH, &s->qdata) != 0) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (csvtab_load(path, &s->t, e) != 0)
		goto done;
	ycol = csvtab_find(s->t, "year");
	if (ycol < 0 || csvtab_rows(s->t) == 0) {
		err_set(e, path, 0, "year", "%s has no year column or no rows", path);
		goto done;
	}
	s->y0 = csvtab_num(s->t, 0, (size_t)ycol);
	s->y1 = csvtab_num(s->t, csvtab_rows(s->t) - 1, (size_t)ycol);
	if (!isfinite(s->y0) || !isfinite(s->y1) || s->y1 < s->y0) {
		err_set(e, path, 0, "year", "%s: the years are not increasing numbers", path);
		goto done;
	}
	if (quote_text(m->name[0] ? m->name : m->id, &s->qname) != 0
	    || wrap_about(m->description, s) != 0) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	rc = 0;
done:
	free(path);
	free(rel);
	return rc;
}

/*
** Loads the results of dir that its manifest lists (manifest_load checks
** that they are the files of one run): with ids (n of them) only those,
** else all of them; and summary.csv. Returns 0, or -1 with e.
*/
static int results_load(const char *dir, const char *const *ids, size_t n, struct results *r,
                        struct err *e)
{
	struct manifest *m = NULL;
	char *path = NULL;
	int rc = -1;

	r->dir = dir;
	if (manifest_load(dir, &m, e) != 0)
		goto done;
	if (!ids)
		n = m->n;
	if (n == 0) {
		err_set(e, NULL, 0, NULL, "%s: no scenarios to plot", dir);
		goto done;
	}
	if (!(r->s = calloc(n, sizeof *r->s))) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const struct manifest_entry *me = ids ? manifest_find(m, ids[i]) : &m->entry[i];

		r->n = i + 1;
		if (!me) {
			err_set(e, NULL, 0, "scenario", "%s/" RESDIR_MANIFEST " does not list the"
			        " scenario '%s'", dir, ids[i]);
			goto done;
		}
		if (scen_load(dir, me, &r->s[i], e) != 0)
			goto done;
	}
	if (!(path = resdir_join(dir, RESDIR_SUMMARY, ""))) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (csvtab_load(path, &r->summary, e) != 0)
		goto done;
	rc = 0;
done:
	free(path);
	manifest_free(m);
	return rc;
}

/* The value of column `name` in row `row` of s, or NaN when absent. */
static double scen_num(const struct scen *s, size_t row, const char *name)
{
	int c = csvtab_find(s->t, name);

	return c < 0 ? NAN : csvtab_num(s->t, row, (size_t)c);
}

static int scen_has(const struct scen *s, const char *name)
{
	return csvtab_find(s->t, name) >= 0;
}

/* ---- axes ------------------------------------------------------------------- */

/* What a y axis shows: shares as per cent (0..100), indices (0..1), money
** (scaled to k, M or bn EUR). */
enum ykind { Y_SHARE, Y_INDEX, Y_MONEY };

/* A money axis: scaled range and tick step, the decimals of a tick label,
** the scale (EUR per unit) and the lang.gp variable naming the unit. */
struct axis {
	double lo, hi, step, scale;
	int dec;
	const char *unit;
};

/* Money below 10 M EUR is shown in k EUR (with grouping: 2,500), below
** 10 bn EUR in M EUR, above in bn EUR. */
#define PLOT_KEUR_BELOW 1e7
#define PLOT_MEUR_BELOW 1e10

/*
** Chooses the unit for money from lo..hi (EUR; lo <= hi) and a tick step of
** 1, 2, 2.5 or 5 times a power of ten giving about `ticks` ticks;
** the range is widened to whole steps and always includes 0.
*/
static void money_axis(double lo, double hi, int ticks, struct axis *a)
{
	static const double mant[] = { 1, 2, 2.5, 5, 10 };
	double big, raw, mag;
	size_t i;

	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	lo = fmin(lo, 0);
	hi = fmax(hi, 0);
	big = fmax(fabs(lo), fabs(hi));
	if (big < PLOT_KEUR_BELOW) {
		a->scale = 1e3;
		a->unit = "L_keur";
	} else if (big < PLOT_MEUR_BELOW) {
		a->scale = 1e6;
		a->unit = "L_meur";
	} else {
		a->scale = 1e9;
		a->unit = "L_beur";
	}
	lo /= a->scale;
	hi /= a->scale;
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

/* Writes the range and ticks of axis ax ('x' or 'y') for a: tick labels by
** gnum() of style.gp, so they get lang.gp's decimal sign and grouping. */
static void gp_money_ticks(FILE *f, char ax, const struct axis *a, double range_hi)
{
	long n = lround((a->hi - a->lo) / a->step);

	fprintf(f, "set %crange [%.10g:%.10g]\nset %ctics (", ax, a->lo, range_hi, ax);
	for (long i = 0; i <= n; i++) {
		double v = a->lo + (double)i * a->step;

		if (fabs(v) < a->step * 1e-9)
			v = 0;
		fprintf(f, "%sgnum(%.10g, %d) %.10g", i ? ", " : "", v, a->dec, v);
	}
	fputs(")\n", f);
}

/* Writes the y axis for kind: money from a (per year when flow), else fixed;
** small: the fewer ticks of a panel in a multi-panel chart. */
static void gp_yaxis(FILE *f, enum ykind kind, const struct axis *a, int flow, int small)
{
	switch (kind) {
	case Y_SHARE:
		fprintf(f, "set yrange [0:100]\nset ytics 0, %d\nset format y '%%.0f'\n"
		        "set ylabel L_percent\n", small ? PLOT_SHARE_STEP_SMALL : PLOT_SHARE_STEP);
		break;
	case Y_INDEX:
		fprintf(f, "set yrange [0:1]\nset ytics 0, %g\nset format y '%%.1f'\n"
		        "set ylabel L_index\n", small ? PLOT_INDEX_STEP_SMALL : PLOT_INDEX_STEP);
		break;
	case Y_MONEY:
		gp_money_ticks(f, 'y', a, a->hi);
		fprintf(f, "set ylabel %s%s\n", a->unit, flow ? " . L_per_year" : "");
		break;
	}
}

/* Writes the year axis from y0 to y1: whole years, labelled every 1, 2, 5
** or 10 years (at multiples of the step: 2030, 2035) so that at most
** maxticks labels show, a minor tick every year; with label, "Fiscal year". */
static void gp_years(FILE *f, double y0, double y1, int maxticks, int label)
{
	static const int steps[] = { 1, 2, 5, 10, 20, 50 };
	double span = y1 - y0;
	int step = 100;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (span / steps[i] + 1 <= maxticks) {
			step = steps[i];
			break;
		}
	if (span <= 0)
		y1 = y0 + 1;
	fprintf(f, "set xrange [%.10g:%.10g]\nset xtics %.10g, %d\nset mxtics %d\n"
	        "set format x '%%.0f'\n%s", y0, y1, floor(y0 / step) * step, step, step,
	        label ? "set xlabel L_year\n" : "");
}

/* The factor from a stored value to the axis: per cent, index, money. */
static double kind_factor(enum ykind kind, const struct axis *a)
{
	return kind == Y_SHARE ? 100 : kind == Y_MONEY ? 1 / a->scale : 1;
}

/* ---- series ----------------------------------------------------------------- */

/* A stacked series: the columns it sums (absent ones are skipped), its
** label (a lang.gp variable) and its fill colour (a style.gp variable). */
struct stack_def {
	const char *cols[4];
	const char *label;
	const char *colour;
};

/* Funding sources, from the bottom of the stack. */
static const struct stack_def funding_stack[] = {
	{ { "base_budget_eur", NULL }, "L_base_budget", "c_blue" },
	{ { "transformation_budget_eur", NULL }, "L_transformation_budget", "c_orange" },
	{ { "reinvested_savings_eur", NULL }, "L_reinvested_savings", "c_green" },
	{ { "topup_eur", NULL }, "L_topup", "c_vermillion" },
	{ { "grants_eur", NULL }, "L_grants", "c_sky" },
	{ { "loans_eur", NULL }, "L_loans", "c_purple" },
	{ { "partner_eur", NULL }, "L_partner", "c_gray" },
	{ { "treasury_eur", NULL }, "L_treasury", "c_gold" },
};

/* Spending: O&M, the ten domains in four groups, incidents and financing. */
static const struct stack_def spend_stack[] = {
	{ { "om_legacy_eur", NULL }, "L_om_legacy", "c_vermillion" },
	{ { "om_modern_eur", NULL }, "L_om_modern", "c_gray" },
	{ { "om_digital_eur", NULL }, "L_om_digital", "c_sky" },
	{ { "invest_literacy_eur", "invest_knowledge_transfer_eur", "invest_communication_eur", NULL },
	  "L_inv_people", "c_green" },
	{ { "invest_process_eur", "invest_collaboration_eur", "invest_quality_eur", NULL },
	  "L_inv_process", "c_orange" },
	{ { "invest_value_creation_eur", "invest_inclusion_eur", NULL }, "L_inv_services", "c_purple" },
	{ { "invest_infrastructure_eur", "invest_policies_eur", NULL }, "L_inv_infra", "c_blue" },
	{ { "incident_cost_eur", NULL }, "L_incidents", "c_black" },
	{ { "debt_service_eur", NULL }, "L_debt_service", "c_gold" },
	{ { "service_fees_eur", NULL }, "L_service_fees", "c_brown" },
};

#define NSTACK(a) (sizeof (a) / sizeof (a)[0])

/* 1 when s has any column of d with a value other than 0 in some row: a
** source or use the scenario never has (no loans, no grants) takes no
** place in the stack or its key. */
static int stack_present(const struct scen *s, const struct stack_def *d)
{
	for (size_t k = 0; d->cols[k]; k++) {
		if (!scen_has(s, d->cols[k]))
			continue;
		for (size_t r = 0; r < csvtab_rows(s->t); r++) {
			double v = scen_num(s, r, d->cols[k]);
			if (isfinite(v) && v != 0)
				return 1;
		}
	}
	return 0;
}

/* The largest stacked total of defs over the rows of s (EUR). */
static double stack_max(const struct scen *s, const struct stack_def *defs, size_t n)
{
	double top = 0;

	for (size_t r = 0; r < csvtab_rows(s->t); r++) {
		double sum = 0;

		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; defs[i].cols[k]; k++) {
				double v = scen_num(s, r, defs[i].cols[k]);

				if (isfinite(v))
					sum += v;
			}
		top = fmax(top, sum);
	}
	return top;
}

/*
** Writes a plot command of the stacked areas of defs (those s has) from
** the data file variable `data`, scaled by 1/scale: the total first, then
** ever smaller partial sums drawn over it, so the key lists the stack from
** the top. With key 0 the areas have no key entries.
*/
static void gp_stack_plot(FILE *f, const char *data, const struct scen *s,
                          const struct stack_def *defs, size_t n, double scale, int key)
{
	size_t present[NSTACK(spend_stack)], m = 0;
	int first = 1;

	for (size_t i = 0; i < n; i++)
		if (stack_present(s, &defs[i]))
			present[m++] = i;
	fputs("plot ", f);
	for (size_t j = m; j-- > 0;) {
		int terms = 0;

		fprintf(f, "%s%s using 'year':((", first ? "" : ", \\\n     ", data);
		for (size_t i = 0; i <= j; i++) {
			const struct stack_def *d = &defs[present[i]];

			for (size_t k = 0; d->cols[k]; k++)
				if (scen_has(s, d->cols[k]))
					fprintf(f, "%scolumn('%s')", terms++ ? " + " : "", d->cols[k]);
		}
		fprintf(f, ") / %.10g) with filledcurves x1 fc rgb %s ", scale, defs[present[j]].colour);
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

/* A line of a single-scenario panel: its column and label variable. */
struct line_def {
	const char *col;
	const char *label;
};

/* ---- scripts ---------------------------------------------------------------- */

/* The sizes written into a script: vector in cm, PNG in pixels with the
** scale of fonts and lines (the PNG is the default-width chart at its dpi). */
struct dims {
	double w_cm, h_cm, png_w, png_h, png_scale;
};

/* The sizes of a chart height_factor times as high as a single chart. */
static void dims_for(const struct plot_opts *o, double height_factor, struct dims *d)
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

/* Writes "png svg ..." for o->formats into buf. */
static void formats_words(unsigned formats, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < NFORMATS; i++)
		if (formats & formats_table[i].bit) {
			if (buf[0])
				strncat(buf, " ", len - strlen(buf) - 1);
			strncat(buf, formats_table[i].name, len - strlen(buf) - 1);
		}
}

/*
** Writes the head of a chart script: how to run it, the formats, the
** output name (qout, quoted, "./"-prefixed) that ARG1 and ARG2 replace,
** the sizes, and loads style.gp and lang.gp.
*/
static void gp_head(FILE *f, const char *chart, const char *what, const char *qout,
                    const struct plot_opts *o, const struct dims *d)
{
	char words[32];

	formats_words(o->formats, words, sizeof words);
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
	        chart, what, chart, chart, chart, words, qout,
	        d->w_cm, d->h_cm, d->png_w, d->png_h, d->png_scale);
}

/* Starts a panel: a clean state with the shared style and texts, and a
** title (a gnuplot string expression). */
static void gp_panel(FILE *f, const char *title)
{
	fprintf(f, "\nreset\nload 'style.gp'\nload 'lang.gp'\nset title %s\n", title);
}

/* ---- layout ----------------------------------------------------------------- */

/*
** Every plot area and key is placed at explicit screen positions (set
** lmargin/rmargin/tmargin/bmargin at screen, set key at screen), so that a
** long key or label can never squash a plot: gnuplot's automatic margins
** give all the room to the key. Positions are centimetres of the page,
** turned into screen coordinates in the script by scr_x and scr_y of
** style.gp with the page size from terminal.gp. Vertically a chart is a
** stack of rows: fixed room in cm for titles, tick labels and keys (from
** the font size), and plot areas sharing what is left of the page height
** by weight (the script variable flex: cm per unit of weight).
*/

/* Text metrics of gnuplot 5.4's cairo and SVG terminals with Arial
** (Liberation Sans), in cm per point of font size: a text line or key row
** (style.gp's key spacing 1.1), and a character of running text, on
** average, with room for wide letters (used to wrap text). */
#define PLOT_LINE_CM_PER_PT 0.057
#define PLOT_CHAR_CM_PER_PT 0.019

/* Room around a plot area, in text lines: above it for its title, below
** it for the year labels and for the axis label, after a row; the title
** of a multi-panel chart. */
#define PLOT_TITLE_LINES      1.8
#define PLOT_XTICS_LINES      1.5
#define PLOT_XLABEL_LINES     1.6
#define PLOT_GAP_LINES        1.2
#define PLOT_PAGE_TITLE_LINES 2.4

/* Room left of a plot area for the y tick labels and axis label, and right
** of it for half a year label, in cm per point of font size. */
#define PLOT_LEFT_CM_PER_PT  0.22
#define PLOT_RIGHT_CM_PER_PT 0.07

/* A key's indent from its cell's left edge (cm). gnuplot reserves about 6
** characters more than the longest entry for a key column; the key's width
** option takes 3 of them back so that two columns of long German entries
** fit the width of an A4 text block. */
#define PLOT_KEY_INDENT_CM 0.3
#define PLOT_KEY_WIDTH_FIX (-3)
/* Entries of a stacked chart's key a row when it spans the page. */
#define PLOT_KEY_COLS 2
/* Keys are set in 8 pt on every chart, so that two columns of the longest
** entries fit 16 cm. */
#define PLOT_KEY_FONT_PT 8

/* However small the page, a plot area gets at least this height per unit
** of weight (cm); the layout then runs off the page, but stays valid. */
#define PLOT_MIN_FLEX_CM 0.8

/* A position down the page: cm fixed room plus fl units of plot weight. */
struct vpos {
	double cm, fl;
};

/* Where a panel goes: its cell across the page (x0..x1, shares of the
** width), its plot area (top, bottom) and the top of its key of keyrows
** rows (0: no key), for text of pt points. */
struct frame {
	double x0, x1;
	struct vpos top, bottom, key;
	size_t keyrows;
	double pt;
};

static double line_cm(double pt)
{
	return PLOT_LINE_CM_PER_PT * pt;
}

/* Rows of a key of n entries in cols columns. */
static size_t key_rows(size_t n, size_t cols)
{
	return cols ? (n + cols - 1) / cols : n;
}

/*
** Places a row of panels at *pos: a title, a plot area of weight, the year
** labels (and the axis label when xlabel), keyrows key rows and a gap;
** advances *pos below it. Fills the vertical part of fr for the cell
** x0..x1.
*/
static void row_place(struct vpos *pos, double pt, double weight, int xlabel, size_t keyrows,
                      double x0, double x1, struct frame *fr)
{
	double l = line_cm(pt);

	fr->x0 = x0;
	fr->x1 = x1;
	fr->pt = pt;
	pos->cm += PLOT_TITLE_LINES * l;
	fr->top = *pos;
	pos->fl += weight;
	fr->bottom = *pos;
	pos->cm += (PLOT_XTICS_LINES + (xlabel ? PLOT_XLABEL_LINES : 0)) * l;
	fr->key = *pos;
	fr->keyrows = keyrows;
	pos->cm += (double)keyrows * line_cm(PLOT_KEY_FONT_PT) + PLOT_GAP_LINES * l;
}

/* Writes flex, the cm per unit of plot weight, for a layout whose rows end
** at end: what the fixed room leaves of the page height. */
static void gp_flex(FILE *f, const struct vpos *end)
{
	double fl = end->fl > 0 ? end->fl : 1;

	fprintf(f, "# The plot areas share what titles, labels and keys leave of the page.\n"
	        "flex = (page_h - %.4g) / %.4g\nif (flex < %g) { flex = %g }\n",
	        end->cm, fl, PLOT_MIN_FLEX_CM, PLOT_MIN_FLEX_CM);
}

/* Writes v as a screen y coordinate expression into buf. */
static void vexpr(char *buf, size_t len, const struct vpos *v)
{
	snprintf(buf, len, "scr_y(%.4g + %.4g * flex)", v->cm, v->fl);
}

/* Writes a key at screen: its left at x0 of the page width plus the
** indent, its top at top, rows rows a column. */
static void gp_key_at(FILE *f, double x0, const struct vpos *top, size_t rows)
{
	char y[64];

	vexpr(y, sizeof y, top);
	fprintf(f, "set key at screen scr_x(%.4g * page_w + %g), %s left top vertical maxrows %zu"
	        " width %d font ',%d'\n", x0, PLOT_KEY_INDENT_CM, y, rows, PLOT_KEY_WIDTH_FIX,
	        PLOT_KEY_FONT_PT);
}

/*
** Turns the panel at fr, just drawn, into the empty panel of its key: the
** same plot command again draws only the key, because no year lies in
** the x range [0:1]. The key needs a panel of its own because gnuplot
** gives a key no more rows than fit the height of its plot area; this
** one reaches from the plot's top to below the key.
*/
static void gp_key_overlay(FILE *f, const struct frame *fr)
{
	struct vpos bottom = fr->key;
	char y[64];

	bottom.cm += ((double)fr->keyrows + 1) * line_cm(PLOT_KEY_FONT_PT);
	vexpr(y, sizeof y, &bottom);
	fprintf(f, "# The key, on an empty panel of its own (see plot.c, gp_key_overlay).\n"
	        "unset border\nunset tics\nunset grid\nunset title\nunset xlabel\nunset ylabel\n"
	        "unset label\nunset arrow\nunset xzeroaxis\nset xrange [0:1]\n"
	        "set bmargin at screen %s\n", y);
	gp_key_at(f, fr->x0, &fr->key, fr->keyrows);
}

/* Places the plot area of the panel being written at fr, without a key
** (gp_key_overlay draws it). */
static void gp_frame(FILE *f, const struct frame *fr)
{
	char y[64];

	fprintf(f, "set lmargin at screen scr_x(%.4g * page_w + %.4g)\n"
	        "set rmargin at screen scr_x(%.4g * page_w - %.4g)\n",
	        fr->x0, PLOT_LEFT_CM_PER_PT * fr->pt, fr->x1, PLOT_RIGHT_CM_PER_PT * fr->pt);
	vexpr(y, sizeof y, &fr->top);
	fprintf(f, "set tmargin at screen %s\n", y);
	vexpr(y, sizeof y, &fr->bottom);
	fprintf(f, "set bmargin at screen %s\nunset key\n", y);
	/* A title over half the page in the size of the text, not larger. */
	if (fr->x1 - fr->x0 < 0.75)
		fputs("set title font ',' . font_size\n", f);
}

/* ---- per-scenario panels --------------------------------------------------- */

/* The panels of a scenario, in dashboard order. */
enum panel {
	P_FUNDING, P_SPEND, P_SERVICES, P_CUMULATIVE, P_OM_LEGACY, P_SKILL, P_RESISTANCE,
	P_COUNT
};

static const struct {
	const char *suffix;   /* chart name: <id>-<suffix> */
	const char *title;    /* lang.gp variable */
	const char *what;     /* for the script's comment */
} panels[P_COUNT] = {
	{ "funding", "L_t_funding", "funding sources per year, stacked" },
	{ "spend", "L_t_spend", "spending by domain of action per year, stacked" },
	{ "services", "L_t_services", "service maturity and citizen adoption, with target and mandate" },
	{ "cumulative", "L_t_cumulative", "cumulative investment against cumulative savings" },
	{ "om-legacy", "L_t_om_legacy", "O&M share of IT spending and legacy share" },
	{ "skill", "L_t_skill", "workforce digital skill" },
	{ "resistance", "L_t_resistance", "change resistance" },
};

/* Writes the "set title" expression for panel p: with the scenario's name
** in a chart of its own, without in the dashboard. */
static void panel_title(char *buf, size_t len, enum panel p, int standalone)
{
	snprintf(buf, len, "%s%s", standalone ? "scenario_name . ': ' . " : "", panels[p].title);
}

/* Writes a line plot of lines[0..n) of s from `data`, each value times
** factor; cumulative sums them up over the years. */
static void gp_lines_plot(FILE *f, const struct scen *s, const struct line_def *lines, size_t n,
                          double factor, int cumulative)
{
	int first = 1;

	fputs("plot ", f);
	for (size_t i = 0; i < n; i++) {
		if (!scen_has(s, lines[i].col))
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
static void gp_marks(FILE *f, const struct scen *s)
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

/* The weight of each panel's plot area in the dashboard: the stacked
** charts get more height than the small panels. */
#define PLOT_WEIGHT_FUNDING 1.2
#define PLOT_WEIGHT_SPEND   1.4
#define PLOT_WEIGHT_SMALL   0.8

/* Places a panel of a multi-panel chart at cell (x, y, width, height). */
static void gp_cell(FILE *f, const double cell[4])
{
	fprintf(f, "set origin %.4g, %.4g\nset size %.4g, %.4g\n", cell[0], cell[1], cell[2], cell[3]);
}

/* The line panels' lines: column and label variable. */
static const struct line_def services_lines[] = {
	{ "service_maturity", "L_maturity" }, { "citizen_adoption", "L_adoption" } };
static const struct line_def cumulative_lines[] = {
	{ "investment_eur", "L_cum_investment" }, { "savings_eur", "L_cum_savings" } };
static const struct line_def om_legacy_lines[] = {
	{ "om_share", "L_om_share" }, { "legacy_share", "L_legacy_share" } };

/* Entries of panel p's key for s: the stacked sources or uses s has, the
** lines of a two-line panel; none for one line, which the title names. */
static size_t panel_keys(const struct scen *s, enum panel p)
{
	const struct stack_def *defs = p == P_FUNDING ? funding_stack : spend_stack;
	size_t n = p == P_FUNDING ? NSTACK(funding_stack) : NSTACK(spend_stack), m = 0;

	switch (p) {
	case P_FUNDING:
	case P_SPEND:
		for (size_t i = 0; i < n; i++)
			m += (size_t)stack_present(s, &defs[i]);
		return m;
	case P_SERVICES:
	case P_CUMULATIVE:
	case P_OM_LEGACY:
		return 2;
	default:
		return 0;
	}
}

/* Writes the plot command of panel p of s; money divided by scale. */
static void gp_scen_plot(FILE *f, const struct scen *s, enum panel p, double scale)
{
	static const struct line_def skill[] = { { "workforce_skill", "L_skill" } };
	static const struct line_def resistance[] = { { "change_resistance", "L_resistance" } };

	switch (p) {
	case P_FUNDING:
		gp_stack_plot(f, "data", s, funding_stack, NSTACK(funding_stack), scale, 1);
		break;
	case P_SPEND:
		gp_stack_plot(f, "data", s, spend_stack, NSTACK(spend_stack), scale, 1);
		break;
	case P_SERVICES:
		gp_lines_plot(f, s, services_lines, 2, 100, 0);
		break;
	case P_CUMULATIVE:
		gp_lines_plot(f, s, cumulative_lines, 2, 1 / scale, 1);
		break;
	case P_OM_LEGACY:
		gp_lines_plot(f, s, om_legacy_lines, 2, 100, 0);
		break;
	case P_SKILL:
		gp_lines_plot(f, s, skill, 1, 1, 0);
		break;
	case P_RESISTANCE:
		gp_lines_plot(f, s, resistance, 1, 1, 0);
		break;
	case P_COUNT:
		break;
	}
}

/*
** Writes panel p of scenario s (data in the variable `data`, its name in
** `scenario_name`) at fr. In a dashboard (standalone 0) the title leaves
** out the name, the year axis its label, and the axes have fewer ticks.
*/
static void gp_scen_panel(FILE *f, const struct scen *s, enum panel p, int standalone,
                          const struct frame *fr)
{
	int small = !standalone;
	char title[96];
	struct axis a;

	panel_title(title, sizeof title, p, standalone);
	gp_panel(f, title);
	gp_frame(f, fr);
	gp_years(f, s->y0, s->y1, fr->x1 - fr->x0 > 0.75 ? PLOT_YEAR_TICKS : PLOT_YEAR_TICKS_SMALL,
	         standalone);
	a.scale = 1;
	switch (p) {
	case P_FUNDING:
	case P_SPEND: {
		const struct stack_def *defs = p == P_FUNDING ? funding_stack : spend_stack;
		size_t n = p == P_FUNDING ? NSTACK(funding_stack) : NSTACK(spend_stack);

		money_axis(0, stack_max(s, defs, n), small ? PLOT_MONEY_TICKS_SMALL : PLOT_MONEY_TICKS, &a);
		gp_yaxis(f, Y_MONEY, &a, 1, small);
		break;
	}
	case P_SERVICES:
		gp_yaxis(f, Y_SHARE, NULL, 0, small);
		gp_marks(f, s);
		break;
	case P_CUMULATIVE: {
		double top = 0;

		for (size_t i = 0; i < 2; i++) {
			double sum = 0;

			for (size_t r = 0; r < csvtab_rows(s->t); r++) {
				double v = scen_num(s, r, cumulative_lines[i].col);

				sum += isfinite(v) ? v : 0;
			}
			top = fmax(top, sum);
		}
		money_axis(0, top, small ? PLOT_MONEY_TICKS_SMALL : PLOT_MONEY_TICKS, &a);
		gp_yaxis(f, Y_MONEY, &a, 0, small);
		break;
	}
	case P_OM_LEGACY:
		gp_yaxis(f, Y_SHARE, NULL, 0, small);
		break;
	case P_SKILL:
	case P_RESISTANCE:
		gp_yaxis(f, Y_INDEX, NULL, 0, small);
		break;
	case P_COUNT:
		break;
	}
	gp_scen_plot(f, s, p, a.scale);
	if (fr->keyrows) {
		gp_key_overlay(f, fr);
		gp_scen_plot(f, s, p, a.scale);
	}
}

/* The frame of a chart of one panel with a key of nkeys entries in cols
** columns and a year axis label, in pt type; the end of its rows in *end. */
static void single_frame(size_t nkeys, size_t cols, double pt, struct frame *fr, struct vpos *end)
{
	struct vpos pos = { PLOT_GAP_LINES * line_cm(pt), 0 };

	row_place(&pos, pt, 1, 1, key_rows(nkeys, cols), 0, 1, fr);
	*end = pos;
}

/*
** The dashboard's frames: funding and spending across the page with their
** keys below in PLOT_KEY_COLS columns, then the small panels two a row,
** the last cell (fr[P_COUNT]) for the text about the scenario. The end of
** the rows in *end.
*/
static void dashboard_frames(const struct scen *s, struct frame fr[P_COUNT + 1], struct vpos *end)
{
	static const enum panel pairs[3][2] = {
		{ P_SERVICES, P_CUMULATIVE }, { P_OM_LEGACY, P_SKILL }, { P_RESISTANCE, P_COUNT },
	};
	double pt = PLOT_PANEL_FONT_PT;
	struct vpos pos = { PLOT_PAGE_TITLE_LINES * line_cm(pt), 0 };

	row_place(&pos, pt, PLOT_WEIGHT_FUNDING, 0, key_rows(panel_keys(s, P_FUNDING), PLOT_KEY_COLS),
	          0, 1, &fr[P_FUNDING]);
	row_place(&pos, pt, PLOT_WEIGHT_SPEND, 0, key_rows(panel_keys(s, P_SPEND), PLOT_KEY_COLS),
	          0, 1, &fr[P_SPEND]);
	/* Every small row keeps room for a key of two lines, one a row, so
	** the panels are of one size and the text cell has room. */
	for (size_t r = 0; r < 3; r++) {
		struct vpos start = pos;

		row_place(&pos, pt, PLOT_WEIGHT_SMALL, 0, 2, 0, 0.5, &fr[pairs[r][0]]);
		pos = start;
		row_place(&pos, pt, PLOT_WEIGHT_SMALL, 0, 2, 0.5, 1, &fr[pairs[r][1]]);
		fr[pairs[r][0]].keyrows = panel_keys(s, pairs[r][0]);
		fr[pairs[r][1]].keyrows = pairs[r][1] == P_COUNT ? 0 : panel_keys(s, pairs[r][1]);
	}
	*end = pos;
}

/* Writes the dashboard's text cell at fr: the description and the target,
** a line each from the top of the cell's plot area. */
static void gp_about(FILE *f, const struct scen *s, const struct frame *fr)
{
	double l = line_cm(fr->pt);
	size_t i;

	gp_panel(f, "L_t_about");
	gp_frame(f, fr);
	fputs("unset border\nunset tics\nunset grid\nunset xlabel\nunset ylabel\n"
	      "set xrange [0:1]\nset yrange [0:1]\n", f);
	for (i = 0; i < s->nabout; i++)
		fprintf(f, "set label %zu about_%zu at screen scr_x(%.4g * page_w + %g),"
		        " scr_y(%.4g + %.4g + %.4g * flex) left\n", i + 1, i + 1, fr->x0,
		        PLOT_KEY_INDENT_CM, fr->top.cm, l * ((double)i + 0.5), fr->top.fl);
	if (isfinite(s->target))
		fprintf(f, "set label %zu L_target . ': ' . gnum(%.10g, 0) . ' %%'"
		        " at screen scr_x(%.4g * page_w + %g), scr_y(%.4g + %.4g + %.4g * flex) left\n",
		        i + 1, s->target * 100, fr->x0, PLOT_KEY_INDENT_CM, fr->top.cm,
		        l * ((double)i + 1.5), fr->top.fl);
	if (s->mandate && isfinite(s->deadline))
		fprintf(f, "set label %zu L_mandate . ' ' . sprintf('%%.0f', %.10g) . ': '"
		        " . gnum(%.10g, 0) . ' %%' at screen scr_x(%.4g * page_w + %g),"
		        " scr_y(%.4g + %.4g + %.4g * flex) left\n", i + 2, s->deadline,
		        s->mandate_target * 100, fr->x0, PLOT_KEY_INDENT_CM, fr->top.cm,
		        l * ((double)i + 2.5), fr->top.fl);
	fputs("plot 2 notitle\n", f);
}

/* ---- cross-scenario charts -------------------------------------------------- */

/* Writes name_<i> and data_<i> for every scenario (1-based). */
static void gp_scen_vars(FILE *f, const struct results *r)
{
	fputs("# Scenario names (from the .params.ini files) and result files.\n", f);
	for (size_t i = 0; i < r->n; i++)
		fprintf(f, "name_%zu = %s\ndata_%zu = %s\n", i + 1, r->s[i].qname, i + 1, r->s[i].qdata);
}

/* The core variables drawn across scenarios: column, y axis, whether a
** money column is a flow (per year), title variable. */
static const struct compare_def {
	const char *col;
	enum ykind kind;
	int flow;
	const char *title;
} compare_defs[] = {
	{ "service_maturity", Y_SHARE, 0, "L_v_service_maturity" },
	{ "citizen_adoption", Y_SHARE, 0, "L_v_citizen_adoption" },
	{ "legacy_share", Y_SHARE, 0, "L_v_legacy_share" },
	{ "om_share", Y_SHARE, 0, "L_v_om_share" },
	{ "workforce_skill", Y_INDEX, 0, "L_v_workforce_skill" },
	{ "change_resistance", Y_INDEX, 0, "L_v_change_resistance" },
	{ "cash_eur", Y_MONEY, 0, "L_v_cash_eur" },
	{ "investment_eur", Y_MONEY, 1, "L_v_investment_eur" },
	{ "savings_eur", Y_MONEY, 1, "L_v_savings_eur" },
	{ "cum_net_benefit_eur", Y_MONEY, 0, "L_v_cum_net_benefit_eur" },
};

/* The years covered by all scenarios of r. */
static void results_years(const struct results *r, double *y0, double *y1)
{
	*y0 = r->s[0].y0;
	*y1 = r->s[0].y1;
	for (size_t i = 1; i < r->n; i++) {
		*y0 = fmin(*y0, r->s[i].y0);
		*y1 = fmax(*y1, r->s[i].y1);
	}
}

/* 1 when any scenario of r has column col. */
static int results_have(const struct results *r, const char *col)
{
	for (size_t i = 0; i < r->n; i++)
		if (scen_has(&r->s[i], col))
			return 1;
	return 0;
}

/* The characters a name's width is measured by beyond its own: the two
** quotes of the single-quoted literal the key and name widths were tuned
** with, kept so that plain names are laid out as before. */
#define PLOT_NAME_QUOTE_CHARS 2

/* The most characters (UTF-8 sequences) of a scenario name of r, as
** gnuplot shows it, plus PLOT_NAME_QUOTE_CHARS. */
static size_t names_chars(const struct results *r)
{
	size_t chars = 0;

	for (size_t i = 0; i < r->n; i++) {
		size_t c = gnuplot_quoted_chars(r->s[i].qname);

		chars = c > chars ? c : chars;
	}
	return chars + PLOT_NAME_QUOTE_CHARS;
}

/* gnuplot's width of a key entry's character, and the characters it adds
** to the longest entry for a column (less PLOT_KEY_WIDTH_FIX), cm per pt;
** the most columns of scenario names. */
#define PLOT_KEYCHAR_CM_PER_PT 0.0233
#define PLOT_KEY_EXTRA_CHARS   3
#define PLOT_KEY_MAX_COLS      4

/* Columns of a key of the scenario names of r across width_cm, in pt type. */
static size_t names_key_cols(const struct results *r, double width_cm, double pt)
{
	double col = (double)(names_chars(r) + PLOT_KEY_EXTRA_CHARS) * PLOT_KEYCHAR_CM_PER_PT * pt;
	double cols = floor((width_cm - 2 * PLOT_KEY_INDENT_CM) / col);

	return cols < 1 ? 1 : cols > PLOT_KEY_MAX_COLS ? PLOT_KEY_MAX_COLS : (size_t)cols;
}

/* The style of scenario i's line (0-based): style.gp's eight line types,
** and from the ninth scenario on, which reuses them, points as well. */
static void gp_scen_line(FILE *f, size_t i)
{
	if (i < 8)
		fprintf(f, "with lines lt %zu", i + 1);
	else
		fprintf(f, "with linespoints lt %zu pt %zu ps 0.6 pi 2", i + 1, 4 + 2 * ((i - 8) / 8 % 4));
}

/* Writes the plot command of a line per scenario of d->col, times factor. */
static void gp_compare_plot(FILE *f, const struct results *r, const struct compare_def *d,
                            double factor)
{
	int first = 1;

	fputs("plot ", f);
	for (size_t i = 0; i < r->n; i++) {
		if (!scen_has(&r->s[i], d->col))
			continue;
		fprintf(f, "%sdata_%zu using 'year':(column('%s') * %.10g) ", first ? "" : ", \\\n     ",
		        i + 1, d->col, factor);
		gp_scen_line(f, i);
		fprintf(f, " title name_%zu", i + 1);
		first = 0;
	}
	fputs(first ? "NaN notitle\n" : "\n", f);
}

/* Writes the body of a chart of d->col with a line per scenario, its key
** of names in cols columns below. */
static void gp_compare_body(FILE *f, const struct results *r, const struct compare_def *d,
                            size_t cols)
{
	double y0, y1, lo = 0, hi = 0;
	struct axis a = { 0, 1, 1, 1, 0, "L_meur" };
	struct frame fr;
	struct vpos end;

	single_frame(r->n, cols, PLOT_CHART_FONT_PT, &fr, &end);
	gp_flex(f, &end);
	fputs("set multiplot\n", f);
	results_years(r, &y0, &y1);
	gp_panel(f, d->title);
	gp_frame(f, &fr);
	gp_years(f, y0, y1, PLOT_YEAR_TICKS, 1);
	if (d->kind == Y_MONEY) {
		for (size_t i = 0; i < r->n; i++)
			for (size_t row = 0; row < csvtab_rows(r->s[i].t); row++) {
				double v = scen_num(&r->s[i], row, d->col);

				if (isfinite(v)) {
					lo = fmin(lo, v);
					hi = fmax(hi, v);
				}
			}
		money_axis(lo, hi, PLOT_MONEY_TICKS, &a);
		if (lo < 0)
			fputs("set xzeroaxis ls 100\n", f);
	}
	gp_yaxis(f, d->kind, &a, d->flow, 0);
	gp_compare_plot(f, r, d, kind_factor(d->kind, &a));
	gp_key_overlay(f, &fr);
	gp_compare_plot(f, r, d, kind_factor(d->kind, &a));
	fputs("unset multiplot\n", f);
}

/* The height of a funding small multiple's plot area, cm. */
#define PLOT_SMALL_PLOT_CM 3.4

/*
** The layout of the funding small multiples of n scenarios: two panels a
** row (fr[0..n)), and below them a key across the page of keys entries in
** PLOT_KEY_COLS columns, its top in *key; the end of the rows in *end.
*/
static void compare_funding_frames(size_t n, size_t keys, struct frame *fr, struct vpos *key,
                                   struct vpos *end)
{
	double pt = PLOT_PANEL_FONT_PT;
	struct vpos pos = { PLOT_PAGE_TITLE_LINES * line_cm(pt), 0 };

	for (size_t i = 0; i < n; i += 2) {
		struct vpos start = pos;

		row_place(&pos, pt, 1, 0, 0, 0, 0.5, &fr[i]);
		if (i + 1 < n) {
			pos = start;
			row_place(&pos, pt, 1, 0, 0, 0.5, 1, &fr[i + 1]);
		}
	}
	*key = pos;
	pos.cm += (double)key_rows(keys, PLOT_KEY_COLS) * line_cm(PLOT_KEY_FONT_PT)
	          + PLOT_GAP_LINES * line_cm(pt);
	*end = pos;
}

/* 1 when funding source k is present in some scenario of r; the count of
** those in *n. */
static int funding_in_any(const struct results *r, size_t k)
{
	for (size_t i = 0; i < r->n; i++)
		if (stack_present(&r->s[i], &funding_stack[k]))
			return 1;
	return 0;
}

static size_t funding_keys(const struct results *r)
{
	size_t m = 0;

	for (size_t k = 0; k < NSTACK(funding_stack); k++)
		m += (size_t)funding_in_any(r, k);
	return m;
}

/* Funding of every scenario stacked, one panel each on a common axis, two
** panels a row, and below them one key of every source any scenario has. */
static void gp_compare_funding(FILE *f, const struct results *r)
{
	struct frame *fr = calloc(r->n, sizeof *fr);
	size_t keys = funding_keys(r);
	double top = 0, y0, y1;
	struct vpos key, end;
	struct frame kf;
	struct axis a;

	if (!fr) {
		fputs("print 'dtsim: out of memory'\nexit status 1\n", f);
		return;
	}
	compare_funding_frames(r->n, keys, fr, &key, &end);
	gp_flex(f, &end);
	for (size_t i = 0; i < r->n; i++)
		top = fmax(top, stack_max(&r->s[i], funding_stack, NSTACK(funding_stack)));
	money_axis(0, top, PLOT_MONEY_TICKS_SMALL, &a);
	results_years(r, &y0, &y1);
	fputs("set multiplot title L_t_compare_funding font ',' . (font_size + 2)\n", f);
	for (size_t i = 0; i < r->n; i++) {
		char title[32], data[32];

		snprintf(title, sizeof title, "name_%zu", i + 1);
		snprintf(data, sizeof data, "data_%zu", i + 1);
		gp_panel(f, title);
		gp_frame(f, &fr[i]);
		gp_years(f, y0, y1, PLOT_YEAR_TICKS_SMALL, 0);
		gp_yaxis(f, Y_MONEY, &a, 1, 1);
		gp_stack_plot(f, data, &r->s[i], funding_stack, NSTACK(funding_stack), a.scale, 0);
	}
	/* The key, on a panel of its own without axes: every source of any
	** scenario, from the top of the stack down. */
	kf = fr[r->n - 1];
	kf.x0 = 0;
	kf.key = key;
	kf.keyrows = key_rows(keys, PLOT_KEY_COLS);
	gp_panel(f, "''");
	gp_frame(f, &kf);
	fputs("set yrange [0:1]\n", f);
	gp_key_overlay(f, &kf);
	fputs("plot 2 notitle", f);
	/* (A plot of key entries alone fails an assertion of gnuplot 5.4; the
	** constant 2 lies outside the range and draws nothing.) */
	for (size_t k = NSTACK(funding_stack); k-- > 0;)
		if (funding_in_any(r, k))
			fprintf(f, ", \\\n     keyentry with filledcurves fc rgb %s title %s",
			        funding_stack[k].colour, funding_stack[k].label);
	fputs("\n", f);
	fputs("unset multiplot\n", f);
	free(fr);
}

/* The key figures drawn from summary.csv: column, axis, label variable. */
static const struct kpi_chart_def {
	const char *col;
	enum ykind kind;
	const char *title;
} kpi_defs[] = {
	{ "end_service_maturity", Y_SHARE, "L_k_end_service_maturity" },
	{ "end_citizen_adoption", Y_SHARE, "L_k_end_citizen_adoption" },
	{ "end_legacy_share", Y_SHARE, "L_k_end_legacy_share" },
	{ "end_change_resistance", Y_INDEX, "L_k_end_change_resistance" },
	{ "total_investment_eur", Y_MONEY, "L_k_total_investment_eur" },
	{ "total_savings_eur", Y_MONEY, "L_k_total_savings_eur" },
};

/* About this many ticks on a key-figure axis (the panels are narrow). */
#define PLOT_KPI_TICKS 3
/* The width of a scenario name's character at PLOT_PANEL_FONT_PT, and the
** most of the width the names may take (cm, share). */
#define PLOT_NAME_CHAR_CM 0.16
#define PLOT_NAME_MAX_SHARE 0.4
/* The share of a multi-panel chart's height kept for its title. */
#define PLOT_TITLE_SHARE 0.05

/* Room right of the longest bar for its value label, as a share of the axis. */
#define PLOT_BAR_LABEL_ROOM 0.25
/* Half the thickness of a bar, in category units. */
#define PLOT_BAR_HALF 0.35

/* Rows of key-figure panels, two a row, for the figures summary.csv has. */
static size_t kpi_rows(const struct results *r)
{
	size_t n = 0;

	for (size_t k = 0; k < sizeof kpi_defs / sizeof kpi_defs[0]; k++)
		n += csvtab_find(r->summary, kpi_defs[k].col) >= 0;
	return (n + 1) / 2;
}

/* The room of a bar (a scenario name in PLOT_PANEL_FONT_PT) and the fixed
** room of a panel (title, tick labels, axis label) and of the chart's
** title, cm: the key figures grow with the number of scenarios. */
#define PLOT_KPI_BAR_CM   0.42
#define PLOT_KPI_PANEL_CM 2.6
#define PLOT_KPI_TITLE_CM 1.2

/* The height of the key figures relative to a single chart. */
static double kpi_height(const struct results *r)
{
	double cm = (double)kpi_rows(r) * ((double)r->n * PLOT_KPI_BAR_CM + PLOT_KPI_PANEL_CM)
	            + PLOT_KPI_TITLE_CM;

	return fmax(PLOT_KPI_HEIGHT, cm / PLOT_DEFAULT_HEIGHT_CM);
}

/* Key figures as horizontal bars, one panel per figure, a bar per scenario
** in the scenario's colour, its value written at its end. */
static void gp_kpi(FILE *f, const struct results *r, double width_cm)
{
	size_t cell = 0, rows = kpi_rows(r);
	double names, plotw;

	/* The names stand left of the left column only; rows line up across. */
	names = fmin(PLOT_NAME_MAX_SHARE, (double)names_chars(r) * PLOT_NAME_CHAR_CM / width_cm);
	plotw = (1 - names) / 2;
	fputs("set multiplot title L_t_kpi font ',' . (font_size + 2)\n", f);
	for (size_t k = 0; k < sizeof kpi_defs / sizeof kpi_defs[0]; k++) {
		const struct kpi_chart_def *d = &kpi_defs[k];
		int c = csvtab_find(r->summary, d->col);
		struct axis a = { 0, 1, 0.2, 1, 1, "L_index" };
		double factor = 1;
		int dec = d->kind == Y_INDEX ? 2 : d->kind == Y_SHARE ? 0 : 1;
		const char *unit = d->kind == Y_SHARE ? "' %'" : "''";

		double h = (1 - PLOT_TITLE_SHARE) / (double)rows;
		double at[4] = { cell % 2 ? names + plotw : 0, 1 - PLOT_TITLE_SHARE - (double)(cell / 2 + 1) * h,
		                 cell % 2 ? plotw : names + plotw, h };

		if (c < 0)
			continue;
		gp_panel(f, d->title);
		gp_cell(f, at);
		if (d->kind == Y_MONEY) {
			double hi = 0;

			for (size_t i = 0; i < csvtab_rows(r->summary); i++) {
				double v = csvtab_num(r->summary, i, (size_t)c);

				if (isfinite(v))
					hi = fmax(hi, v);
			}
			money_axis(0, hi, PLOT_KPI_TICKS, &a);
			fprintf(f, "set xlabel %s\n", a.unit);
			factor = 1 / a.scale;
		} else if (d->kind == Y_SHARE) {
			a.hi = 100;
			a.step = 50;
			a.dec = 0;
			factor = 100;
			fputs("set xlabel L_percent\n", f);
		} else {
			fputs("set xlabel L_index\n", f);
		}
		gp_money_ticks(f, 'x', &a, a.hi * (1 + PLOT_BAR_LABEL_ROOM));
		fprintf(f, "set yrange [%zu - 0.5:-0.5]\nset ytics (", r->n);
		for (size_t i = 0; i < r->n; i++) {
			if (cell % 2)
				fprintf(f, "%s'' %zu", i ? ", " : "", i);
			else
				fprintf(f, "%sname_%zu %zu", i ? ", " : "", i + 1, i);
		}
		fputs(")\nset ytics scale 0\nunset key\nset grid noytics xtics\nset border 1\n", f);
		cell++;
		fprintf(f, "v(c) = column(c) * %.10g\n"
		        "plot '../summary.csv' using (v('%s') / 2):0:(abs(v('%s')) / 2):(%g):($0 + 1)"
		        " with boxxyerror lc variable fs solid 0.85 noborder, \\\n"
		        "     '' using (v('%s')):0:(gnum(v('%s'), %d) . %s) with labels left offset 0.5, 0\n",
		        factor, d->col, d->col, PLOT_BAR_HALF, d->col, d->col, dec, unit);
	}
	fputs("unset multiplot\n", f);
}

/* ---- writing and running ----------------------------------------------------- */

/* A drawing in progress: the results, the options, DIR/plots and the
** charts whose scripts were written (names owned). */
struct drawing {
	const struct results *r;
	const struct plot_opts *o;
	char *plots;
	char **names;
	size_t n;
	struct plot_report *rep;
};

/* Records a failed chart (or a warning) in the report. Out of memory, the
** record is lost but the failure still counts. */
static void report_issue(struct plot_report *rep, int warning, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report_issue(struct plot_report *rep, int warning, const char *fmt, ...)
{
	struct plot_issue *grown;
	va_list ap;

	if (!warning)
		rep->failed++;
	grown = realloc(rep->issue, (rep->nissue + 1) * sizeof *grown);
	if (!grown)
		return;
	rep->issue = grown;
	grown = &rep->issue[rep->nissue++];
	err_clear(&grown->e);
	grown->warning = warning;
	va_start(ap, fmt);
	vsnprintf(grown->e.msg, sizeof grown->e.msg, fmt, ap);
	va_end(ap);
}

void plot_report_free(struct plot_report *r)
{
	if (!r)
		return;
	free(r->issue);
	r->issue = NULL;
	r->nissue = 0;
}

/*
** Opens DIR/plots/<name>.gp for writing (through afile) and writes its head
** for a chart height_factor times a single chart's height (multi: of
** several panels, in PLOT_PANEL_FONT_PT type). Returns the
** handle, or NULL having reported the chart as failed.
*/
static struct afile *chart_open(struct drawing *dw, const char *name, const char *what,
                                double height_factor, int multi)
{
	char *path = cat3(dw->plots, "/", name), *gp = NULL, *out = NULL, *qout = NULL;
	struct afile *af = NULL;
	struct dims d;
	struct err e;

	dw->rep->charts++;
	err_clear(&e);
	gp = path ? cat3(path, ".gp", "") : NULL;
	out = cat3("./", name, "");
	if (!gp || !out || gnuplot_quote(out, GNUPLOT_PATH, &qout) != 0)
		report_issue(dw->rep, 0, "chart %s/%s: out of memory", dw->plots, name);
	else if (!(af = afile_open(gp, &e)))
		report_issue(dw->rep, 0, "chart %s/%s: %s", dw->plots, name, e.msg);
	if (af) {
		dims_for(dw->o, height_factor, &d);
		gp_head(afile_stream(af), name, what, qout, dw->o, &d);
		if (multi)
			fprintf(afile_stream(af), "# Several panels: smaller text.\nfont_size = %d\n"
			        "load 'style.gp'\n\n", PLOT_PANEL_FONT_PT);
	}
	free(path);
	free(gp);
	free(out);
	free(qout);
	return af;
}

/* Begins and ends the loop over the formats in a script. */
static void gp_loop_begin(FILE *f)
{
	fputs("\ndo for [fmt in formats] {\nload 'terminal.gp'\n", f);
}

static void gp_loop_end(FILE *f)
{
	fputs("unset output\n}\n", f);
}

/* Commits the script of chart name and adds it to the charts to run. */
static void chart_close(struct drawing *dw, struct afile *af, const char *name)
{
	char **grown;
	char *copy;
	struct err e;

	err_clear(&e);
	if (afile_commit(af, &e) != 0) {
		report_issue(dw->rep, 0, "chart %s/%s: %s", dw->plots, name, e.msg);
		return;
	}
	grown = realloc(dw->names, (dw->n + 1) * sizeof *grown);
	copy = strdup(name);
	if (!grown || !copy) {
		if (grown)
			dw->names = grown;
		free(copy);
		report_issue(dw->rep, 0, "chart %s/%s: out of memory", dw->plots, name);
		return;
	}
	dw->names = grown;
	dw->names[dw->n++] = copy;
}

/* Writes the scripts of scenario s: each panel alone, and the dashboard. */
static void draw_scenario(struct drawing *dw, const struct scen *s)
{
	char name[NAME_MAX + 1];
	struct frame fr[P_COUNT + 1];
	struct vpos end;
	struct afile *af;
	FILE *f;

	for (int p = 0; p < P_COUNT; p++) {
		snprintf(name, sizeof name, "%s-%s", s->id, panels[p].suffix);
		if (!(af = chart_open(dw, name, panels[p].what, 1, 0)))
			continue;
		f = afile_stream(af);
		fprintf(f, "data = %s\nscenario_name = %s\n", s->qdata, s->qname);
		gp_loop_begin(f);
		single_frame(panel_keys(s, (enum panel)p), PLOT_KEY_COLS, PLOT_CHART_FONT_PT, &fr[0], &end);
		gp_flex(f, &end);
		/* Several plots on one page: the chart and its key's panel. */
		fputs("set multiplot\n", f);
		gp_scen_panel(f, s, (enum panel)p, 1, &fr[0]);
		fputs("unset multiplot\n", f);
		gp_loop_end(f);
		chart_close(dw, af, name);
	}
	snprintf(name, sizeof name, "%s-dashboard", s->id);
	if (!(af = chart_open(dw, name, "every panel of the scenario on one page",
	                      PLOT_DASHBOARD_HEIGHT, 1)))
		return;
	f = afile_stream(af);
	fprintf(f, "data = %s\nscenario_name = %s\n", s->qdata, s->qname);
	fputs("# The description, wrapped by dtsim.\n", f);
	for (size_t i = 0; i < s->nabout; i++)
		fprintf(f, "about_%zu = %s\n", i + 1, s->qabout[i]);
	gp_loop_begin(f);
	dashboard_frames(s, fr, &end);
	gp_flex(f, &end);
	fputs("set multiplot title scenario_name font ',' . (font_size + 3)\n", f);
	for (int p = 0; p < P_COUNT; p++)
		gp_scen_panel(f, s, (enum panel)p, 0, &fr[p]);
	gp_about(f, s, &fr[P_COUNT]);
	fputs("unset multiplot\n", f);
	gp_loop_end(f);
	chart_close(dw, af, name);
}

/* Writes chart compare-<d->col> (or name, when not NULL): a line per
** scenario, when any scenario has the column. */
static void draw_compare_lines(struct drawing *dw, const struct compare_def *d, const char *name,
                               const char *what)
{
	char buf[64];
	struct afile *af;
	struct dims dm;

	if (!results_have(dw->r, d->col))
		return;
	if (!name) {
		snprintf(buf, sizeof buf, "compare-%s", d->col);
		name = buf;
	}
	if (!(af = chart_open(dw, name, what, 1, 0)))
		return;
	dims_for(dw->o, 1, &dm);
	gp_scen_vars(afile_stream(af), dw->r);
	gp_loop_begin(afile_stream(af));
	gp_compare_body(afile_stream(af), dw->r, d,
	                names_key_cols(dw->r, dm.w_cm, PLOT_KEY_FONT_PT));
	gp_loop_end(afile_stream(af));
	chart_close(dw, af, name);
}

/* The chart of cumulative net benefit, one line per scenario. */
static void draw_net_benefit(struct drawing *dw)
{
	draw_compare_lines(dw, &compare_defs[sizeof compare_defs / sizeof compare_defs[0] - 1],
	                   "compare-net-benefit", "cumulative net benefit, one line per scenario");
}

/* The funding sources of every scenario, small multiples: as high as
** their layout with plot areas of PLOT_SMALL_PLOT_CM. */
static void draw_compare_funding(struct drawing *dw)
{
	struct frame *fr = calloc(dw->r->n, sizeof *fr);
	struct vpos key, end;
	struct afile *af = NULL;

	if (fr) {
		compare_funding_frames(dw->r->n, funding_keys(dw->r), fr, &key, &end);
		af = chart_open(dw, "compare-funding", "funding sources per year and scenario",
		                fmax(1, (end.cm + end.fl * PLOT_SMALL_PLOT_CM) / PLOT_DEFAULT_HEIGHT_CM), 1);
	} else {
		dw->rep->charts++;
		report_issue(dw->rep, 0, "chart %s/compare-funding: out of memory", dw->plots);
	}
	free(fr);
	if (!af)
		return;
	gp_scen_vars(afile_stream(af), dw->r);
	gp_loop_begin(afile_stream(af));
	gp_compare_funding(afile_stream(af), dw->r);
	gp_loop_end(afile_stream(af));
	chart_close(dw, af, "compare-funding");
}

/* Every cross-scenario chart: a core variable each, key figures, funding,
** net benefit. */
static void draw_across(struct drawing *dw)
{
	struct afile *af;
	double kh = kpi_height(dw->r);

	for (size_t k = 0; k < sizeof compare_defs / sizeof compare_defs[0] - 1; k++)
		draw_compare_lines(dw, &compare_defs[k], NULL, "one line per scenario");
	if (dw->r->summary && csvtab_find(dw->r->summary, "scenario") >= 0
	    && (af = chart_open(dw, "compare-kpi", "key figures of summary.csv as bars", kh, 1))) {
		struct dims d;

		dims_for(dw->o, kh, &d);
		gp_scen_vars(afile_stream(af), dw->r);
		gp_loop_begin(afile_stream(af));
		gp_kpi(afile_stream(af), dw->r, d.w_cm);
		gp_loop_end(afile_stream(af));
		chart_close(dw, af, "compare-kpi");
	}
	draw_compare_funding(dw);
	draw_net_benefit(dw);
}

/* Copies template src (in dir tmpl) to DIR/plots/dst. Returns 0, or -1
** with e filled. */
static int copy_template(const char *tmpl, const char *src, const char *plots, const char *dst,
                         struct err *e)
{
	char *from = cat3(tmpl, "/", src), *to = cat3(plots, "/", dst);
	struct afile *af = NULL;
	FILE *in = NULL;
	char buf[4096];
	size_t got;
	int rc = -1;

	if (!from || !to) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	in = fopen(from, "r");
	if (!in) {
		err_set(e, from, 0, NULL, "cannot read %s: %s", from, strerror(errno));
		goto done;
	}
	if (!(af = afile_open(to, e)))
		goto done;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, got, afile_stream(af)) != got)
			break;
	if (ferror(in)) {
		afile_abort(af);
		err_set(e, from, 0, NULL, "cannot read %s", from);
		goto done;
	}
	rc = afile_commit(af, e);
done:
	if (in)
		fclose(in);
	free(from);
	free(to);
	return rc;
}

/* The last non-blank line of text (gnuplot's message names the script
** line and what is wrong), copied into buf. */
static void last_line(const char *text, char *buf, size_t len)
{
	const char *end, *start;

	buf[0] = '\0';
	if (!text)
		return;
	end = text + strlen(text);
	while (end > text && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\r'))
		end--;
	start = end;
	while (start > text && start[-1] != '\n')
		start--;
	snprintf(buf, len, "%.*s", (int)(end - start), start);
}

/*
** Runs the scripts written. gnuplot writes every chart into a new private
** directory, DIR/plots/.dtsim-XXXXXX (resdir_tempdir): nobody else can
** have put a file or a link there, and a signal removes it with what is in
** it (cleanup.h). Each chart that gnuplot drew is then renamed into
** DIR/plots (a rename replaces a link there, never writes through it);
** what a failed chart left is removed with the directory.
*/
static void run_charts(struct drawing *dw)
{
	size_t n = dw->n ? dw->n : 1, nout = 0;
	struct gnuplot_job *jobs = calloc(n, sizeof *jobs);
	char **scripts = calloc(n, sizeof *scripts);
	char **tmps = calloc(n, sizeof *tmps);
	char **outs = calloc(n * NFORMATS, sizeof *outs);
	const char *(*args)[3] = calloc(n, sizeof *args);
	const char *program = dw->o->gnuplot ? dw->o->gnuplot : "gnuplot";
	char words[32], msg[512];
	char *tmpdir = NULL, *tmpbase = NULL;
	size_t parallel = dw->o->jobs;
	int reported_exec = 0, slot = -1;
	sigset_t old;
	struct err e;

	if (!jobs || !scripts || !tmps || !outs || !args) {
		report_issue(dw->rep, 0, "charts in %s: out of memory", dw->plots);
		goto done;
	}
	/* The files gnuplot makes are CHART.FMT (terminal.gp: out . '.' . fmt). */
	for (size_t i = 0; i < dw->n; i++)
		for (size_t k = 0; k < NFORMATS; k++)
			if ((dw->o->formats & formats_table[k].bit)
			    && !(outs[nout++] = cat3(dw->names[i], ".", formats_table[k].name))) {
				report_issue(dw->rep, 0, "charts in %s: out of memory", dw->plots);
				goto done;
			}
	/* Registered for the signal handler from the moment it exists. */
	err_clear(&e);
	cleanup_block(&old);
	if (resdir_tempdir(dw->plots, &tmpdir, &e) == 0)
		slot = cleanup_add_dir(tmpdir, (const char *const *)outs, nout);
	cleanup_restore(&old);
	if (!tmpdir) {
		dw->rep->charts += dw->n;
		dw->rep->failed += dw->n ? dw->n - 1 : 0;
		report_issue(dw->rep, 0, "charts in %s: %s", dw->plots, e.msg);
		goto done;
	}
	if (parallel == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		parallel = cpus > 0 ? (size_t)cpus : 1;
	}
	if (parallel > PLOT_MAX_JOBS)
		parallel = PLOT_MAX_JOBS;
	formats_words(dw->o->formats, words, sizeof words);
	/* gnuplot runs in DIR/plots: the output base is ./.dtsim-XXXXXX/CHART. */
	if (!(tmpbase = resdir_join(".", strrchr(tmpdir, '/') + 1, ""))) {
		report_issue(dw->rep, 0, "charts in %s: out of memory", dw->plots);
		goto done;
	}
	for (size_t i = 0; i < dw->n; i++) {
		scripts[i] = resdir_join(".", dw->names[i], ".gp");
		tmps[i] = resdir_join(tmpbase, dw->names[i], "");
		if (!scripts[i] || !tmps[i]) {
			report_issue(dw->rep, 0, "charts in %s: out of memory", dw->plots);
			goto done;
		}
		args[i][0] = words;
		args[i][1] = tmps[i];
		args[i][2] = NULL;
		jobs[i].dir = dw->plots;
		jobs[i].script = scripts[i];
		jobs[i].args = args[i];
	}
	if (gnuplot_run(jobs, dw->n, parallel, program) != 0)
		report_issue(dw->rep, 0, "charts in %s: cannot start gnuplot: %s", dw->plots,
		             strerror(errno));
	for (size_t i = 0, j = 0; i < dw->n; i++) {
		const struct gnuplot_job *job = &jobs[i];
		int ok = job->status == 0 && !job->exec_errno;

		last_line(job->errtext, msg, sizeof msg);
		for (size_t k = 0; k < NFORMATS; k++) {
			char *from, *to;

			if (!(dw->o->formats & formats_table[k].bit))
				continue;
			from = resdir_join(tmpdir, outs[j], "");
			to = resdir_join(dw->plots, outs[j], "");
			j++;
			if (ok && (!from || !to)) {
				ok = 0;
				snprintf(msg, sizeof msg, "out of memory");
			} else if (ok && rename(from, to) != 0) {
				ok = 0;
				snprintf(msg, sizeof msg, "gnuplot wrote no %s file (%s)",
				         formats_table[k].name, strerror(errno));
			}
			free(from);
			free(to);
		}
		if (job->exec_errno) {
			if (!reported_exec++)
				report_issue(dw->rep, 0, "chart %s/%s: cannot run gnuplot ('%s'): %s;"
				             " install gnuplot (Debian: gnuplot-nox) or set DTSIM_GNUPLOT",
				             dw->plots, dw->names[i], program, strerror(job->exec_errno));
			else
				dw->rep->failed++;
		} else if (job->status < 0) {
			dw->rep->failed++;
		} else if (!ok) {
			report_issue(dw->rep, 0, "chart %s/%s: gnuplot failed (exit status %d): %s",
			             dw->plots, dw->names[i], job->status, msg[0] ? msg : "no message");
		} else if (msg[0]) {
			report_issue(dw->rep, 1, "chart %s/%s: gnuplot: %s", dw->plots, dw->names[i], msg);
		}
	}
done:
	if (tmpdir) {
		/* What a failed chart left, then the directory. */
		for (size_t j = 0; j < nout; j++) {
			char *p = outs[j] ? resdir_join(tmpdir, outs[j], "") : NULL;

			if (p)
				unlink(p);
			free(p);
		}
		rmdir(tmpdir);
		cleanup_drop_dir(slot);
	}
	if (jobs)
		gnuplot_jobs_clear(jobs, dw->n);
	for (size_t i = 0; i < dw->n; i++) {
		if (scripts)
			free(scripts[i]);
		if (tmps)
			free(tmps[i]);
	}
	for (size_t j = 0; outs && j < nout; j++)
		free(outs[j]);
	free(outs);
	free(tmpdir);
	free(tmpbase);
	free(jobs);
	free(scripts);
	free(tmps);
	free(args);
}

/*
** Prepares DIR/plots (created when missing) with the templates, writes the
** scripts (all charts, or with compare_only the two comparison charts) and
** runs them. Returns 0, or PLOT_EFAIL with e filled when DIR/plots or the
** templates could not be set up.
*/
static int draw(const struct results *r, const struct plot_opts *o, int compare_only,
                struct plot_report *rep, struct err *e)
{
	static const char *const lang_files[] = { "lang_en.gp", "lang_de.gp" };
	struct drawing dw = { r, o, NULL, NULL, 0, rep };
	char tmpl[PATH_MAX];
	int rc = PLOT_EFAIL;

	if (o->templates) {
		snprintf(tmpl, sizeof tmpl, "%s", o->templates);
	} else if (plot_find_templates(NULL, tmpl, sizeof tmpl, e) != 0) {
		return PLOT_EFAIL;
	}
	if (resdir_subdir(r->dir, RESDIR_PLOTS, &dw.plots, e) != 0)
		return PLOT_EFAIL;
	if (copy_template(tmpl, "style.gp", dw.plots, "style.gp", e) != 0
	    || copy_template(tmpl, "terminal.gp", dw.plots, "terminal.gp", e) != 0
	    || copy_template(tmpl, lang_files[o->lang == PLOT_DE], dw.plots, "lang.gp", e) != 0)
		goto done;
	if (compare_only) {
		draw_compare_funding(&dw);
		draw_net_benefit(&dw);
	} else {
		for (size_t i = 0; i < r->n; i++)
			draw_scenario(&dw, &r->s[i]);
		draw_across(&dw);
	}
	run_charts(&dw);
	rc = 0;
done:
	for (size_t i = 0; i < dw.n; i++)
		free(dw.names[i]);
	free(dw.names);
	free(dw.plots);
	return rc;
}

/* Checks the options that no parser vetted (a program built without the
** command line). Returns 0, or PLOT_EINPUT with e. */
static int opts_check(const struct plot_opts *o, struct plot_opts *fixed, struct err *e)
{
	*fixed = *o;
	if (fixed->formats == 0)
		fixed->formats = PLOT_PNG;
	if (fixed->formats & ~(unsigned)(PLOT_PNG | PLOT_SVG | PLOT_PDF | PLOT_EMF))
		return err_set(e, NULL, 0, "--format", "unknown format bits %#x", fixed->formats);
	if (fixed->lang != PLOT_EN && fixed->lang != PLOT_DE)
		return err_set(e, NULL, 0, "--lang", "unknown language");
	return 0;
}

int plot_draw(const char *dir, const struct plot_opts *o, struct plot_report *rep, struct err *e)
{
	struct results r = { dir, NULL, 0, NULL };
	struct plot_opts fixed;
	struct stat st;
	int rc = PLOT_EINPUT;

	memset(rep, 0, sizeof *rep);
	if (opts_check(o, &fixed, e) != 0)
		goto done;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		err_set(e, NULL, 0, NULL, "no results directory '%s': %s", dir,
		        stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
		goto done;
	}
	if (results_load(dir, NULL, 0, &r, e) != 0)
		goto done;
	rc = draw(&r, &fixed, 0, rep, e);
done:
	results_free(&r);
	return rc;
}

int plot_compare(const char *dir, const char *const *ids, size_t n, const struct plot_opts *o,
                 struct plot_report *rep, struct err *e)
{
	struct results r = { dir, NULL, 0, NULL };
	struct plot_opts fixed;
	int rc = PLOT_EINPUT;

	memset(rep, 0, sizeof *rep);
	if (opts_check(o, &fixed, e) == 0 && results_load(dir, ids, n, &r, e) == 0)
		rc = draw(&r, &fixed, 1, rep, e);
	results_free(&r);
	return rc;
}
