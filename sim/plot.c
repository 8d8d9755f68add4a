/*
** plot.c: which charts dtsim draws, and drawing them (plot.h).
**
** For each chart dtsim writes DIR/plots/<chart>.gp, a script that reads the
** results (../<id>.csv, ../summary.csv) by column name and loads three
** files copied beside it from the templates: style.gp (palette, lines,
** fonts, number formatting), lang.gp (texts, decimal sign, grouping) and
** terminal.gp (the terminal for each format and size). A user can edit any
** of them and run `gnuplot <chart>.gp` in DIR/plots by hand.
**
** The work is split by what each part may touch:
**   chartdata.c  reads the results (manifest, summary.csv, ID.csv) only;
**   chartdef.c   the catalogue's tables: panels, stacks, lines, columns;
**   layout.c     page geometry, numbers only;
**   gpscript.c, plotscen.c, plotcmp.c  write script text to a stream;
**   plotrun.c    runs gnuplot and renames its output into DIR/plots;
**   plot.c       (this file) the options, the templates, which charts each
**                command draws, and each script's file in DIR/plots.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "calibout.h"
#include "calibplot.h"
#include "chartdata.h"
#include "chartdef.h"
#include "gnuplot.h"
#include "gpscript.h"
#include "layout.h"
#include "manifest.h"
#include "mcdata.h"
#include "modelversion.h"
#include "numfmt.h"
#include "plot.h"
#include "plotcmp.h"
#include "plotmc.h"
#include "plotroad.h"
#include "plotrun.h"
#include "plotscen.h"
#include "plotsens.h"
#include "resdir.h"
#include "version.h"

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

/* Copies template src (in dir tmpl) to DIR/plots/dst. Returns 0, or -1
** with e filled. */
static int copy_template(const char *tmpl, const char *src, const char *plots, const char *dst,
                         struct err *e)
{
	char *from = resdir_join(tmpl, src, ""), *to = resdir_join(plots, dst, "");
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

/* ---- writing the scripts ---------------------------------------------------- */

/* Writes "png svg ..." for formats into buf. */
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

/* A drawing in progress: the results, the options, DIR/plots and the
** charts whose scripts were written (names owned). */
struct drawing {
	const struct chartdata *r;
	const struct plot_opts *o;
	char *plots;
	char **names;
	size_t n;
	struct plot_report *rep;
};

/*
** Opens DIR/plots/<name>.gp for writing (through afile) and writes its head
** for a chart height_factor times a single chart's height (multi: of
** several panels, in LAYOUT_PANEL_FONT_PT type). Returns the handle, or
** NULL having reported the chart as failed.
*/
static struct afile *chart_open(struct drawing *dw, const char *name, const char *what,
                                double height_factor, int multi)
{
	char *gp = resdir_join(dw->plots, name, ".gp"), *out = resdir_join(".", name, "");
	char *qout = NULL, words[32];
	struct afile *af = NULL;
	struct layout_dims d;
	struct err e;

	dw->rep->charts++;
	err_clear(&e);
	if (!gp || !out || gnuplot_quote(out, GNUPLOT_PATH, &qout) != 0)
		plotrun_issue(dw->rep, 0, "chart %s/%s: out of memory", dw->plots, name);
	else if (!(af = afile_open(gp, &e)))
		plotrun_issue(dw->rep, 0, "chart %s/%s: %s", dw->plots, name, e.msg);
	if (af) {
		layout_dims_for(dw->o, height_factor, &d);
		formats_words(dw->o->formats, words, sizeof words);
		gpscript_head(afile_stream(af), name, what, qout, words, &d, multi);
	}
	free(gp);
	free(out);
	free(qout);
	return af;
}

/* Commits the script of chart name and adds it to the charts to run. */
static void chart_close(struct drawing *dw, struct afile *af, const char *name)
{
	char **grown;
	char *copy;
	struct err e;

	err_clear(&e);
	if (afile_commit(af, &e) != 0) {
		plotrun_issue(dw->rep, 0, "chart %s/%s: %s", dw->plots, name, e.msg);
		return;
	}
	grown = realloc(dw->names, (dw->n + 1) * sizeof *grown);
	copy = strdup(name);
	if (!grown || !copy) {
		if (grown)
			dw->names = grown;
		free(copy);
		plotrun_issue(dw->rep, 0, "chart %s/%s: out of memory", dw->plots, name);
		return;
	}
	dw->names = grown;
	dw->names[dw->n++] = copy;
}

/* ---- the catalogue ------------------------------------------------------------ */

/* The scripts of scenario s: each panel alone, and the dashboard. */
static void draw_scenario(struct drawing *dw, const struct chartdata_scen *s)
{
	char name[NAME_MAX + 1];
	struct afile *af;

	for (int p = 0; p < CHARTDEF_NPANELS; p++) {
		snprintf(name, sizeof name, "%s-%s", s->id, chartdef_panels[p].suffix);
		if (!(af = chart_open(dw, name, chartdef_panels[p].what, 1, 0)))
			continue;
		plotscen_panel(afile_stream(af), s, (enum chartdef_panel)p);
		chart_close(dw, af, name);
	}
	for (size_t c = 0; c < CHARTDEF_NCHARTS; c++) {
		snprintf(name, sizeof name, "%s-%s", s->id, chartdef_charts[c].suffix);
		if (!(af = chart_open(dw, name, chartdef_charts[c].what, 1, 0)))
			continue;
		plotscen_chart(afile_stream(af), s, &chartdef_charts[c]);
		chart_close(dw, af, name);
	}
	snprintf(name, sizeof name, "%s-dashboard", s->id);
	if (!(af = chart_open(dw, name, "every panel of the scenario on one page",
	                      LAYOUT_DASHBOARD_HEIGHT, 1)))
		return;
	plotscen_dashboard(afile_stream(af), s);
	chart_close(dw, af, name);
}

/* Chart compare-<d->col> (or name, when not NULL): a line per scenario,
** when any scenario has the column. */
static void draw_compare_lines(struct drawing *dw, const struct chartdef_compare *d,
                               const char *name, const char *what)
{
	char buf[64];
	struct afile *af;
	struct layout_dims dm;

	if (!chartdata_any(dw->r, d->col))
		return;
	if (!name) {
		snprintf(buf, sizeof buf, "compare-%s", d->col);
		name = buf;
	}
	layout_dims_for(dw->o, 1, &dm);
	if (!(af = chart_open(dw, name, what, plotcmp_lines_height(dw->r, dm.w_cm), 0)))
		return;
	plotcmp_lines(afile_stream(af), dw->r, d, dm.w_cm);
	chart_close(dw, af, name);
}

/* The chart of cumulative net benefit, one line per scenario. */
static void draw_net_benefit(struct drawing *dw)
{
	draw_compare_lines(dw, &chartdef_compare[CHARTDEF_NCOMPARE - 1], "compare-net-benefit",
	                   "cumulative net benefit, one line per scenario");
}

/* The name of page k of chart base: base itself when it has one page,
** else base-1, base-2, ... */
static void page_name(char *buf, size_t len, const char *base, size_t k, size_t pages)
{
	if (pages > 1)
		snprintf(buf, len, "%s-%zu", base, k + 1);
	else
		snprintf(buf, len, "%s", base);
}

/* The funding sources of every scenario, small multiples, in pages. */
static void draw_compare_funding(struct drawing *dw)
{
	size_t pages = layout_pages(dw->r->n);

	for (size_t k = 0; k < pages; k++) {
		char name[64];
		struct afile *af;
		double h;

		page_name(name, sizeof name, "compare-funding", k, pages);
		if (plotcmp_funding_height(dw->r, k, &h) != 0) {
			dw->rep->charts++;
			plotrun_issue(dw->rep, 0, "chart %s/%s: out of memory", dw->plots, name);
			continue;
		}
		if (!(af = chart_open(dw, name, "funding sources per year and scenario", h, 1)))
			continue;
		plotcmp_funding(afile_stream(af), dw->r, k);
		chart_close(dw, af, name);
	}
}

/* The key figures as bars, in pages. */
static void draw_kpi(struct drawing *dw)
{
	size_t pages = layout_pages(dw->r->n);
	double kh = plotcmp_kpi_height(dw->r);
	struct layout_dims d;

	layout_dims_for(dw->o, kh, &d);
	for (size_t k = 0; k < pages; k++) {
		char name[64];
		struct afile *af;

		page_name(name, sizeof name, "compare-kpi", k, pages);
		if (!(af = chart_open(dw, name, "key figures of summary.csv as bars", kh, 1)))
			continue;
		plotcmp_kpi(afile_stream(af), dw->r, k, d.w_cm);
		chart_close(dw, af, name);
	}
}

/* Every cross-scenario chart: a core variable each, key figures (when
** summary.csv has scenarios), funding, net benefit. */
static void draw_across(struct drawing *dw)
{
	for (size_t k = 0; k < CHARTDEF_NCOMPARE - 1; k++)
		draw_compare_lines(dw, &chartdef_compare[k], NULL, "one line per scenario");
	if (chartdata_summary_has(dw->r, "scenario"))
		draw_kpi(dw);
	draw_compare_funding(dw);
	draw_net_benefit(dw);
}

/* The charts of a Monte Carlo study (plotmc.h): each scenario's fan chart
** and histograms of the key figures, when it has their data. */
static void draw_mc(struct drawing *dw, const struct mcdata *mc)
{
	char name[NAME_MAX + 1];
	struct afile *af;

	for (size_t i = 0; i < mc->n; i++)
		for (int c = 0; c < PLOTMC_NCHARTS; c++) {
			const struct mcdata_scen *s = &mc->s[i];

			snprintf(name, sizeof name, "%s-%s", s->id, plotmc_charts[c].suffix);
			if (!plotmc_has(s, (enum plotmc_chart)c)
			    || !(af = chart_open(dw, name, plotmc_charts[c].what,
			                         plotmc_height(s, (enum plotmc_chart)c), 1)))
				continue;
			plotmc_write(afile_stream(af), s, (enum plotmc_chart)c);
			chart_close(dw, af, name);
		}
}

/* The charts of dtsim sensitivity's tables, when DIR has them (plotsens.h):
** such a directory holds the one scenario analysed, whose footer they
** carry. */
static void draw_sens(struct drawing *dw)
{
	for (int k = 0; k < PLOTSENS_NKINDS; k++) {
		struct plotsens p;
		struct layout_dims d;
		struct afile *af;
		struct err e;
		int rc;

		err_clear(&e);
		rc = plotsens_load(dw->r->dir, (enum plotsens_kind)k, &p, &e);
		if (rc < 0) {
			dw->rep->charts++;
			plotrun_issue(dw->rep, 0, "chart %s/%s: %s", dw->plots, plotsens_names[k], e.msg);
		} else if (rc == 0) {
			layout_dims_for(dw->o, 1, &d);
			af = chart_open(dw, plotsens_names[k], plotsens_what[k], plotsens_height(&p), 0);
			if (af) {
				plotsens_chart(afile_stream(af), &p, d.w_cm, dw->r->s[0].qfoot);
				chart_close(dw, af, plotsens_names[k]);
			}
		}
		plotsens_free(&p);
	}
}

/* The chart of dtsim calibrate, when DIR has its tables (calibplot.h). */
static void draw_calib(struct drawing *dw, const char *dir)
{
	struct calibplot p;
	struct afile *af;
	struct err e;
	int rc;

	err_clear(&e);
	rc = calibplot_load(dir, &p, &e);
	if (rc < 0) {
		dw->rep->charts++;
		plotrun_issue(dw->rep, 0, "chart %s/%s: %s", dw->plots, CALIBPLOT_NAME, e.msg);
	} else if (rc == 0 && (af = chart_open(dw, CALIBPLOT_NAME, CALIBPLOT_WHAT,
	                                       calibplot_height(&p), 1)) != NULL) {
		calibplot_write(afile_stream(af), &p);
		chart_close(dw, af, CALIBPLOT_NAME);
	}
	calibplot_free(&p);
}

/*
** Prepares DIR/plots (created when missing) with the templates, writes the
** scripts (all charts of the run r and of the study mc, either NULL when
** dir has none, or with compare_only the two comparison charts) and runs
** them. Returns 0, or PLOT_EFAIL with e filled when DIR/plots or the
** templates could not be set up.
*/
/*
** Makes DIR/plots (created when missing) into dw->plots and copies the
** templates of o there (lang.gp in o's language). Returns 0, or -1 with e
** filled.
*/
static int setup(const char *dir, const struct plot_opts *o, struct drawing *dw, struct err *e)
{
	static const char *const lang_files[] = { "lang_en.gp", "lang_de.gp" };
	char tmpl[PATH_MAX];

	if (o->templates) {
		snprintf(tmpl, sizeof tmpl, "%s", o->templates);
	} else if (plot_find_templates(NULL, tmpl, sizeof tmpl, e) != 0) {
		return -1;
	}
	if (resdir_subdir(dir, RESDIR_PLOTS, &dw->plots, e) != 0)
		return -1;
	if (copy_template(tmpl, "style.gp", dw->plots, "style.gp", e) != 0
	    || copy_template(tmpl, "terminal.gp", dw->plots, "terminal.gp", e) != 0
	    || copy_template(tmpl, lang_files[o->lang == PLOT_DE], dw->plots, "lang.gp", e) != 0)
		return -1;
	return 0;
}

/* Runs the scripts written for dw with gnuplot (plotrun_charts). */
static void run_scripts(struct drawing *dw)
{
	const struct plot_opts *o = dw->o;
	const char *ext[NFORMATS];
	struct plotrun_batch b;
	char words[32];
	size_t next = 0;

	for (size_t k = 0; k < NFORMATS; k++)
		if (o->formats & formats_table[k].bit)
			ext[next++] = formats_table[k].name;
	formats_words(o->formats, words, sizeof words);
	b = (struct plotrun_batch){ dw->plots, dw->names, dw->n, words, ext, next,
	                            o->gnuplot ? o->gnuplot : "gnuplot", o->jobs, o->progress };
	plotrun_charts(&b, dw->rep);
}

/* Frees what dw owns. */
static void drawing_free(struct drawing *dw)
{
	for (size_t i = 0; i < dw->n; i++)
		free(dw->names[i]);
	free(dw->names);
	free(dw->plots);
}

static int draw(const char *dir, const struct chartdata *r, const struct mcdata *mc,
                const struct plot_opts *o, int compare_only, struct plot_report *rep,
                struct err *e)
{
	struct drawing dw = { r, o, NULL, NULL, 0, rep };
	int rc = PLOT_EFAIL;

	if (setup(dir, o, &dw, e) != 0
	    || (r && chartdata_write_copies(r, dw.plots, e) != 0)
	    || (mc && mcdata_write_copies(mc, dw.plots, e) != 0))
		goto done;
	if (compare_only) {
		draw_compare_funding(&dw);
		draw_net_benefit(&dw);
	} else if (r) {
		for (size_t i = 0; i < r->n; i++)
			draw_scenario(&dw, &r->s[i]);
		draw_across(&dw);
		if (r->n == 1)
			draw_sens(&dw);
	}
	if (mc && !compare_only)
		draw_mc(&dw, mc);
	if (!compare_only)
		draw_calib(&dw, dir);
	run_scripts(&dw);
	rc = 0;
done:
	drawing_free(&dw);
	return rc;
}

/* ---- the interface ------------------------------------------------------------- */

void plot_report_free(struct plot_report *r)
{
	if (!r)
		return;
	free(r->issue);
	r->issue = NULL;
	r->nissue = 0;
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

/* 1 when dir holds a file name (not a link, not a directory). */
static int has_file(const char *dir, const char *name)
{
	char *path = resdir_join(dir, name, "");
	struct stat st;
	int ok = path && lstat(path, &st) == 0;

	free(path);
	return ok;
}

/* A directory with a Monte Carlo study (mc_summary.csv) and no run
** (manifest.csv) gets the study's charts alone; with both, both. */
int plot_draw(const char *dir, const struct plot_opts *o, struct plot_report *rep, struct err *e)
{
	struct chartdata r = { .dir = dir };
	struct mcdata mc = { 0 };
	struct plot_opts fixed;
	struct stat st;
	int rc = PLOT_EINPUT, run, study;

	memset(rep, 0, sizeof *rep);
	if (opts_check(o, &fixed, e) != 0)
		goto done;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		err_set(e, NULL, 0, NULL, "no results directory '%s': %s", dir,
		        stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
		goto done;
	}
	study = mcdata_present(dir);
	/* dtsim calibrate's directory holds no run but the chart of its fit. */
	run = (!study && !has_file(dir, CALIBOUT_RESIDUALS)) || has_file(dir, RESDIR_MANIFEST);
	if (run && chartdata_load(dir, NULL, 0, fixed.lang, fixed.baseline, &r, e) != 0)
		goto done;
	if (study && mcdata_load(dir, fixed.lang, &mc, e) != 0)
		goto done;
	rc = draw(dir, run ? &r : NULL, study ? &mc : NULL, &fixed, 0, rep, e);
done:
	chartdata_free(&r);
	mcdata_free(&mc);
	return rc;
}

int plot_compare(const char *dir, const char *const *ids, size_t n, const struct plot_opts *o,
                 struct plot_report *rep, struct err *e)
{
	struct chartdata r = { .dir = dir };
	struct plot_opts fixed;
	int rc = PLOT_EINPUT;

	memset(rep, 0, sizeof *rep);
	if (opts_check(o, &fixed, e) == 0 && chartdata_load(dir, ids, n, fixed.lang, fixed.baseline, &r, e) == 0)
		rc = draw(dir, &r, NULL, &fixed, 1, rep, e);
	chartdata_free(&r);
	return rc;
}

/* The roadmap chart's data and script go into DIR/plots, whole or not at
** all; the script reads the data by its name there. */
int plot_roadmap(const char *dir, const struct roadmap_plan *p, uint64_t digest,
                 const struct plot_opts *o, struct plot_report *rep, struct err *e)
{
	struct manifest versions = { .dtsim_version = DTSIM_VERSION,
	                             .model_version = MODEL_VERSION };
	struct drawing dw = { NULL, NULL, NULL, NULL, 0, rep };
	struct plot_opts fixed;
	struct layout_dims d;
	struct afile *af;
	char *qfoot = NULL, *csv = NULL;
	int rc = PLOT_EINPUT;

	memset(rep, 0, sizeof *rep);
	if (opts_check(o, &fixed, e) != 0)
		return PLOT_EINPUT;
	dw.o = &fixed;
	rc = PLOT_EFAIL;
	if (chartdata_footer(&versions, "roadmap.ini", digest, &qfoot) != 0) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (setup(dir, &fixed, &dw, e) != 0)
		goto done;
	if (!(csv = resdir_join(dw.plots, PLOTROAD_NAME, ".csv"))) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (!(af = afile_open(csv, e)))
		goto done;
	if (plotroad_data(afile_stream(af), p) != 0) {
		afile_abort(af);
		err_set(e, csv, 0, NULL, "cannot write %s", csv);
		goto done;
	}
	if (afile_commit(af, e) != 0)
		goto done;
	layout_dims_for(&fixed, 1, &d);
	if ((af = chart_open(&dw, PLOTROAD_NAME, PLOTROAD_WHAT, plotroad_height(), 0))) {
		if (plotroad_chart(afile_stream(af), p, fixed.lang, d.w_cm, qfoot) != 0) {
			afile_abort(af);
			plotrun_issue(rep, 0, "chart %s/%s: out of memory", dw.plots, PLOTROAD_NAME);
		} else {
			chart_close(&dw, af, PLOTROAD_NAME);
		}
	}
	run_scripts(&dw);
	rc = 0;
done:
	free(qfoot);
	free(csv);
	drawing_free(&dw);
	return rc;
}
