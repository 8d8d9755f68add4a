/*
** chartdata.c: reading the results the charts draw (chartdata.h), and the
** sums and extremes of their columns that axes and keys need.
**
** User text (scenario names and descriptions, ids in paths) is quoted here
** by gnuplot_quote, once, as it is read: a chart script writes only the
** quoted literals (see the safety rule above gnuplot_quote in gnuplot.c).
*/
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "chartdata.h"
#include "gnuplot.h"
#include "layout.h"
#include "manifest.h"
#include "resdir.h"
#include "strbuf.h"
#include "summary.h"

/* ---- loading -------------------------------------------------------------- */

static void scen_free(struct chartdata_scen *s)
{
	free(s->id);
	csvtab_free(s->t);
	free(s->qdata);
	free(s->qname);
	for (size_t i = 0; i < s->nabout; i++)
		free(s->qabout[i]);
	free(s->qabout);
	for (size_t c = 0; c < 2; c++)
		for (size_t i = 0; i < s->nkeyfig[c]; i++)
			free(s->qkeyfig[c][i]);
	free(s->qfoot);
}

/* Frees what r holds (not r); r may be half loaded. */
void chartdata_free(struct chartdata *r)
{
	for (size_t i = 0; i < r->n; i++)
		scen_free(&r->s[i]);
	free(r->s);
	csvtab_free(r->summary);
	free(r->qsummary);
	free(r->qfoot);
}

/* Where a chart script (in DIR/plots) finds the table name.csv of t, quoted
** into *out: the results beside DIR/plots, or their en copy in
** DIR/plots/data. Returns 0, or -1 when out of memory. */
int chartdata_data_path(const struct csvtab *t, const char *name, char **out)
{
	int de = csvtab_dialect(t) != CSVDIALECT_EN;
	char *rel = resdir_join(de ? RESDIR_PLOT_DATA : "..", name, ".csv");
	int rc = rel ? gnuplot_quote(rel, GNUPLOT_PATH, out) : -1;

	free(rel);
	return rc;
}

/* Writes the en copy of t, which was read from name.csv, into dir. */
int chartdata_write_copy(const struct csvtab *t, const char *dir, const char *name,
                         struct err *e)
{
	char *path = resdir_join(dir, name, ".csv");
	struct afile *af = path ? afile_open(path, e) : NULL;
	int rc = -1;

	if (!path)
		err_set(e, NULL, 0, NULL, "out of memory");
	else if (af && csvtab_write(t, afile_stream(af), CSVDIALECT_EN) != 0)
		afile_finish(af, e);
	else if (af)
		rc = afile_commit(af, e);
	if (rc != 0 && af)
		afile_abort(af);
	free(path);
	return rc;
}

int chartdata_write_copies(const struct chartdata *r, const char *plots, struct err *e)
{
	char *dir = NULL;
	int rc = 0;

	if (!r->summary || csvtab_dialect(r->summary) == CSVDIALECT_EN)
		return 0;
	if (resdir_subdir(plots, RESDIR_PLOT_DATA, &dir, e) != 0)
		return -1;
	for (size_t i = 0; i < r->n && rc == 0; i++)
		rc = chartdata_write_copy(r->s[i].t, dir, r->s[i].id, e);
	if (rc == 0)
		rc = chartdata_write_copy(r->summary, dir, "summary", e);
	free(dir);
	return rc;
}

/* Quotes display text; "]]>" loses its '>' to a space first, because
** gnuplot's SVG terminal escapes '<' and '&' but not '>', and that sequence
** would end the SVG's text early and break the XML. (gnuplot_quote's
** escapes do not help there: gnuplot decodes them before it draws.) */
int chartdata_quote_text(const char *text, char **out)
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
** Splits text at spaces into lines of at most LAYOUT_ABOUT_CHARS characters
** (UTF-8 continuation bytes not counted; a longer word is cut), at most
** LAYOUT_ABOUT_LINES lines less the mandate's (the last ending "..." when
** text was cut), each quoted, into s->qabout. Returns 0, or -1 when out of
** memory.
*/
static int wrap_about(const char *text, struct chartdata_scen *s)
{
	char line[LAYOUT_ABOUT_CHARS * 4 + 8];
	const char *p = text;
	size_t most = LAYOUT_ABOUT_LINES - (s->mandate ? 1 : 0);

	s->qabout = calloc(LAYOUT_ABOUT_LINES, sizeof *s->qabout);
	if (!s->qabout)
		return -1;
	while (*p && s->nabout < most) {
		size_t len = 0, chars = 0, brk = 0;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		while (p[len] && chars < LAYOUT_ABOUT_CHARS) {
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
		if (s->nabout == most - 1 && *p && len + 4 < sizeof line)
			strcat(line, " ...");
		if (chartdata_quote_text(line, &s->qabout[s->nabout]) != 0)
			return -1;
		s->nabout++;
	}
	return 0;
}

/*
** The footer of a chart, so that a printed chart can be traced to what drew
** it: the versions of dtsim and of the model that wrote the run (from the
** manifest, so quoted), then what (a file name, quoted; or lang.gp's L_run)
** and its digest from the manifest. Sets *out to a gnuplot string
** expression (owned by the caller), e.g. 'dtsim ' . "0.3.0" . ' \302\267 '
** . L_model . ' ' . "2" . ' \302\267 ' . "a.params.ini" . ' 0123456789abcdef'.
** Returns 0, or -1 when out of memory.
*/
int chartdata_footer(const struct manifest *m, const char *file, uint64_t digest, char **out)
{
	char *qd = NULL, *qm = NULL, *qf = NULL;
	FILE *mem;
	size_t len;
	int rc = -1;

	*out = NULL;
	if (chartdata_quote_text(m->dtsim_version ? m->dtsim_version : "", &qd) != 0
	    || chartdata_quote_text(m->model_version ? m->model_version : "", &qm) != 0
	    || (file && chartdata_quote_text(file, &qf) != 0))
		goto done;
	if (!(mem = open_memstream(out, &len)))
		goto done;
	fprintf(mem, "'dtsim ' . %s . ' \302\267 ' . L_model . ' ' . %s . ' \302\267 ' . %s"
	        " . ' %016" PRIx64 "'", qd, qm, qf ? qf : "L_run", digest);
	rc = fclose(mem) == 0 ? 0 : -1;
done:
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	free(qd);
	free(qm);
	free(qf);
	return rc;
}

/*
** Loads the results of the scenario that manifest entry m describes:
** DIR/<id>.csv (it must have a year column and a row), and from the
** manifest its name and description in lang, target and mandate. Returns
** 0, or -1 with e filled.
*/
static int scen_load(const char *dir, const struct manifest *run, const struct manifest_entry *m,
                     enum plot_lang lang, struct chartdata_scen *s, struct err *e)
{
	const char *name = lang == PLOT_DE && m->name_de[0] ? m->name_de : m->name;
	const char *about = lang == PLOT_DE && m->description_de[0] ? m->description_de
	                                                           : m->description;
	char *path = resdir_join(dir, m->id, ".csv");
	char *params = resdir_join("", m->id, ".params.ini");
	int ycol, rc = -1;

	s->target = m->target_maturity;
	s->mandate = m->mandate_active;
	s->deadline = m->mandate_deadline_year;
	s->mandate_target = m->mandate_target;
	s->id = strdup(m->id);
	/* manifest_load has refused ids with control characters (resdir_check_id),
	** so quoting the path fails only when memory runs out. */
	if (!s->id || !path) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (csvtab_load(path, &s->t, e) != 0)
		goto done;
	if (chartdata_data_path(s->t, m->id, &s->qdata) != 0) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
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
	if (chartdata_quote_text(name[0] ? name : m->id, &s->qname) != 0 || wrap_about(about, s) != 0
	    || !params || chartdata_footer(run, params + 1, m->params.digest, &s->qfoot) != 0) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	rc = 0;
done:
	free(path);
	free(params);
	return rc;
}

/* The loaded scenario of r whose id is id, or NULL. */
static const struct chartdata_scen *find_scen(const struct chartdata *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->s[i].id, id) == 0)
			return &r->s[i];
	return NULL;
}

/*
** Fills out with the KPIs of summary.csv's row id (t), NaN where a column
** is missing or empty. Returns 0, or -1 when t has no row id.
*/
static int summary_row(const struct csvtab *t, const char *id, struct summary *out)
{
	int scol = csvtab_find(t, "scenario");

	for (size_t r = 0; scol >= 0 && r < csvtab_rows(t); r++) {
		if (strcmp(csvtab_text(t, r, (size_t)scol), id) != 0)
			continue;
		for (size_t k = 0; k < KPI_COUNT; k++) {
			int c = csvtab_find(t, summary_kpis[k].name);

			out->v[k] = c < 0 ? NAN : csvtab_num(t, r, (size_t)c);
		}
		return 0;
	}
	return -1;
}

/* Quotes the key-figure box of s (in lang) from its KPIs and its
** reference's (NULL: none) into s->qkeyfig. Returns 0, or -1 when out of
** memory. */
static int keyfig_box(struct chartdata_scen *s, const struct summary *kpi,
                      const struct summary *ref, enum plot_lang lang)
{
	struct strbuf text = STRBUF_INIT;
	struct keyfig kf;
	int rc = 0;

	keyfig_from(kpi, ref, s->target, (int)floor(s->y1), &kf);
	for (int k = 0; k < KEYFIG_NITEMS && rc == 0; k++) {
		size_t c = (size_t)keyfig_box_column((enum keyfig_item)k);

		strbuf_reset(&text);
		if (keyfig_box_item(&kf, (enum keyfig_item)k, lang, &text) != 0)
			continue;
		rc = chartdata_quote_text(strbuf_str(&text), &s->qkeyfig[c][s->nkeyfig[c]]);
		s->nkeyfig[c] += rc == 0;
	}
	strbuf_free(&text);
	return rc;
}

/*
** Sets each scenario's reference (baseline, or what manifest m records; a
** scenario is not its own reference, and one not loaded is none) and
** writes its key figures from summary.csv. Returns 0, or -1 with e filled.
*/
static int scen_finish(struct chartdata *r, const struct manifest *m, const char *baseline,
                       enum plot_lang lang, struct err *e)
{
	for (size_t i = 0; i < r->n; i++) {
		struct chartdata_scen *s = &r->s[i];
		const char *ref = baseline ? baseline : manifest_find(m, s->id)->reference;
		struct summary kpi, rkpi;

		s->ref = ref[0] && strcmp(ref, s->id) != 0 ? find_scen(r, ref) : NULL;
		if (summary_row(r->summary, s->id, &kpi) != 0
		    || (s->ref && summary_row(r->summary, s->ref->id, &rkpi) != 0))
			return err_set(e, NULL, 0, "scenario", "%s/" RESDIR_SUMMARY " has no row for"
			               " '%s'%s%s; run the scenarios again", r->dir, s->id,
			               s->ref ? " or " : "", s->ref ? s->ref->id : "");
		if (keyfig_box(s, &kpi, s->ref ? &rkpi : NULL, lang) != 0)
			return err_set(e, NULL, 0, NULL, "out of memory");
	}
	/* One reference for the run, when the scenarios that have one agree. */
	for (size_t i = 0; i < r->n && !r->ref; i++)
		r->ref = r->s[i].ref;
	for (size_t i = 0; r->ref && i < r->n; i++)
		if (r->s[i].ref && r->s[i].ref != r->ref)
			r->ref = NULL;
	return 0;
}

/* The manifest first: it names the scenarios and vouches for their files
** (and summary.csv's); then each ID.csv, then summary.csv, then the
** references and key figures. */
int chartdata_load(const char *dir, const char *const *ids, size_t n, enum plot_lang lang,
                   const char *baseline, struct chartdata *r, struct err *e)
{
	struct manifest *m = NULL;
	char *path = NULL;
	int rc = -1;

	memset(r, 0, sizeof *r);
	r->dir = dir;
	if (manifest_load(dir, &m, e) != 0)
		goto done;
	if (baseline && !manifest_find(m, baseline)) {
		err_set(e, NULL, 0, "--baseline", "--baseline '%s' is not a scenario of %s/"
		        RESDIR_MANIFEST, baseline, dir);
		goto done;
	}
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
		if (scen_load(dir, m, me, lang, &r->s[i], e) != 0)
			goto done;
	}
	if (!(path = resdir_join(dir, RESDIR_SUMMARY, ""))
	    || chartdata_footer(m, NULL, m->generation, &r->qfoot) != 0) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (csvtab_load(path, &r->summary, e) != 0 || scen_finish(r, m, baseline, lang, e) != 0)
		goto done;
	/* English results: the literal the scripts have always had. */
	if (csvtab_dialect(r->summary) == CSVDIALECT_EN)
		r->qsummary = strdup("'../summary.csv'");
	else
		chartdata_data_path(r->summary, "summary", &r->qsummary);
	if (!r->qsummary) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	rc = 0;
done:
	free(path);
	manifest_free(m);
	return rc;
}

/* ---- columns ---------------------------------------------------------------- */

double chartdata_num(const struct chartdata_scen *s, size_t row, const char *col)
{
	int c = csvtab_find(s->t, col);

	return c < 0 ? NAN : csvtab_num(s->t, row, (size_t)c);
}

/* Whether the header of s's CSV names col. */
int chartdata_has(const struct chartdata_scen *s, const char *col)
{
	return csvtab_find(s->t, col) >= 0;
}

/* A missing or empty value counts as 0. */
double chartdata_total(const struct chartdata_scen *s, const char *col)
{
	double sum = 0;

	for (size_t r = 0; r < csvtab_rows(s->t); r++) {
		double v = chartdata_num(s, r, col);

		sum += isfinite(v) ? v : 0;
	}
	return sum;
}

/* A chart across scenarios is drawn when one of them has its column. */
int chartdata_any(const struct chartdata *r, const char *col)
{
	for (size_t i = 0; i < r->n; i++)
		if (chartdata_has(&r->s[i], col))
			return 1;
	return 0;
}

/* Every scenario's chartdata_scen_extent. */
void chartdata_extent(const struct chartdata *r, const char *col, double *lo, double *hi)
{
	for (size_t i = 0; i < r->n; i++)
		chartdata_scen_extent(&r->s[i], col, lo, hi);
}

/* The earliest first year and the latest last year; r has a scenario. */
void chartdata_years(const struct chartdata *r, double *y0, double *y1)
{
	*y0 = r->s[0].y0;
	*y1 = r->s[0].y1;
	for (size_t i = 1; i < r->n; i++) {
		*y0 = fmin(*y0, r->s[i].y0);
		*y1 = fmax(*y1, r->s[i].y1);
	}
}

/* Counted on the quoted names, as gnuplot decodes them. */
size_t chartdata_name_chars(const struct chartdata *r)
{
	size_t chars = 0;

	for (size_t i = 0; i < r->n; i++) {
		size_t c = gnuplot_quoted_chars(r->s[i].qname);

		chars = c > chars ? c : chars;
	}
	return chars;
}

/* 0 as well when summary.csv was not loaded. */
int chartdata_summary_has(const struct chartdata *r, const char *col)
{
	return r->summary && csvtab_find(r->summary, col) >= 0;
}

/* Bars start at 0, so the axis reaches from 0 to the largest value. */
double chartdata_summary_max(const struct chartdata *r, const char *col)
{
	int c = r->summary ? csvtab_find(r->summary, col) : -1;
	double hi = 0;

	for (size_t i = 0; c >= 0 && i < csvtab_rows(r->summary); i++) {
		double v = csvtab_num(r->summary, i, (size_t)c);

		if (isfinite(v))
			hi = fmax(hi, v);
	}
	return hi;
}

/* ---- stacks ------------------------------------------------------------------- */

int chartdata_nonzero(const struct chartdata_scen *s, const char *col)
{
	if (!chartdata_has(s, col))
		return 0;
	for (size_t r = 0; r < csvtab_rows(s->t); r++) {
		double v = chartdata_num(s, r, col);

		if (isfinite(v) && v != 0)
			return 1;
	}
	return 0;
}

int chartdata_stack_present(const struct chartdata_scen *s, const struct chartdef_stack *d)
{
	for (size_t k = 0; k < CHARTDEF_STACK_COLS && d->cols[k]; k++)
		if (chartdata_nonzero(s, d->cols[k]))
			return 1;
	return 0;
}

/* Empty fields (NaN) are passed over; lo and hi stay when s lacks col. */
void chartdata_scen_extent(const struct chartdata_scen *s, const char *col, double *lo,
                           double *hi)
{
	for (size_t row = 0; row < csvtab_rows(s->t); row++) {
		double v = chartdata_num(s, row, col);

		if (isfinite(v)) {
			*lo = fmin(*lo, v);
			*hi = fmax(*hi, v);
		}
	}
}

/* The totals add every column of every series in order, row by row. */
double chartdata_stack_max(const struct chartdata_scen *s, const struct chartdef_stack *defs,
                           size_t n)
{
	double top = 0;

	for (size_t r = 0; r < csvtab_rows(s->t); r++) {
		double sum = 0;

		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < CHARTDEF_STACK_COLS && defs[i].cols[k]; k++) {
				double v = chartdata_num(s, r, defs[i].cols[k]);

				if (isfinite(v))
					sum += v;
			}
		top = fmax(top, sum);
	}
	return top;
}
