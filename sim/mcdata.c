/*
** mcdata.c: reading a Monte Carlo study for its charts (mcdata.h).
**
** The files are dtsim mc's (their columns are fixed: README, "dtsim mc");
** every id read from mc_summary.csv is checked before it names a file, and
** every file is read through manifest_digest_file first, which refuses a
** symbolic link or anything but a regular file and gives the digest the
** footer shows.
*/
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chartdata.h"
#include "manifest.h"
#include "mcdata.h"
#include "modelversion.h"
#include "resdir.h"
#include "version.h"

/* The largest study file read, bytes: a fan table of 30 core columns x 6
** statistics over 200 years is about 1 MB. */
#define MCDATA_FILE_MAX (64u << 20)

/* The percentile columns of a fan (COL_pNN). */
static const char *const pcts[] = { "p5", "p25", "p50", "p75", "p95" };
#define NPCTS (sizeof pcts / sizeof pcts[0])

int mcdata_present(const char *dir)
{
	char *path = resdir_join(dir, MCDATA_SUMMARY, "");
	struct stat st;
	int ok = path && lstat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	return ok;
}

static void scen_free(struct mcdata_scen *s)
{
	free(s->id);
	csvtab_free(s->fan);
	csvtab_free(s->hist);
	free(s->qfan);
	free(s->qhist);
	free(s->qname);
	free(s->qfoot);
}

void mcdata_free(struct mcdata *m)
{
	for (size_t i = 0; i < m->n; i++)
		scen_free(&m->s[i]);
	free(m->s);
	csvtab_free(m->summary);
	memset(m, 0, sizeof *m);
}

/* Reads dir/id+suffix into *t (digest into *digest when not NULL); a
** missing file is 1 when optional. Returns 0, 1 or -1 with e filled. */
static int load_table(const char *dir, const char *id, const char *suffix, int optional,
                      struct csvtab **t, uint64_t *digest, struct err *e)
{
	char *path = resdir_join(dir, id, suffix);
	struct manifest_file mf;
	struct stat st;
	int rc = -1;

	if (!path)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (optional && lstat(path, &st) != 0)
		rc = 1;
	else if (manifest_digest_file(path, MCDATA_FILE_MAX, &mf, e) == 0
	         && csvtab_load(path, t, e) == 0)
		rc = 0;
	if (rc == 0 && digest)
		*digest = mf.digest;
	free(path);
	return rc;
}

/* The ids of mc_summary.csv's scenario column, each once, in order, into
** m->s (ids only). Returns 0, or -1 with e filled. */
static int list_ids(struct mcdata *m, const char *path, struct err *e)
{
	int c = csvtab_find(m->summary, "scenario");
	size_t rows = csvtab_rows(m->summary);

	if (c < 0 || rows == 0)
		return err_set(e, path, 0, "scenario", "%s has no scenario column or no rows;"
		               " run dtsim mc again", path);
	if (!(m->s = calloc(rows, sizeof *m->s)))
		return err_set(e, NULL, 0, NULL, "out of memory");
	for (size_t r = 0; r < rows; r++) {
		const char *id = csvtab_text(m->summary, r, (size_t)c);
		int seen = 0;

		for (size_t i = 0; i < m->n && !seen; i++)
			seen = strcmp(m->s[i].id, id) == 0;
		if (seen)
			continue;
		if (resdir_check_id(id, e) != 0) {
			/* Row r is line r + 2 of the file (after the header). */
			e->line = (int)r + 2;
			snprintf(e->file, sizeof e->file, "%s", path);
			return -1;
		}
		if (!(m->s[m->n].id = strdup(id)))
			return err_set(e, NULL, 0, NULL, "out of memory");
		m->n++;
	}
	return 0;
}

/* Loads scenario s's tables and texts; man is the run's manifest or NULL. */
static int scen_load(const char *dir, const struct manifest *man, enum plot_lang lang,
                     struct mcdata_scen *s, struct err *e)
{
	const struct manifest_entry *me = man ? manifest_find(man, s->id) : NULL;
	struct manifest versions = { 0 };
	const char *name = s->id;
	/* "/ID.mc", "/ID.mc_hist": the tables' names without ".csv" */
	char *fan = resdir_join("", s->id, ".mc"), *hist = resdir_join("", s->id, ".mc_hist");
	char *file = resdir_join("", s->id, ".mc.csv");
	uint64_t digest = 0;
	int ycol, rc = -1;

	s->target = NAN;
	s->deadline = NAN;
	if (!fan || !hist || !file) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (load_table(dir, s->id, ".mc.csv", 0, &s->fan, &digest, e) != 0
	    || load_table(dir, s->id, ".mc_hist.csv", 1, &s->hist, NULL, e) < 0)
		goto done;
	ycol = csvtab_find(s->fan, "year");
	if (ycol < 0 || csvtab_rows(s->fan) == 0
	    || !isfinite(s->y0 = csvtab_num(s->fan, 0, (size_t)ycol))
	    || !isfinite(s->y1 = csvtab_num(s->fan, csvtab_rows(s->fan) - 1, (size_t)ycol))
	    || s->y1 < s->y0) {
		err_set(e, NULL, 0, "year", "%s/%s has no year column, no rows, or years that"
		        " are not increasing; run dtsim mc again", dir, file + 1);
		goto done;
	}
	if (me) {
		name = lang == PLOT_DE && me->name_de[0] ? me->name_de : me->name[0] ? me->name : s->id;
		s->target = me->target_maturity;
		s->mandate = me->mandate_active;
		s->deadline = me->mandate_deadline_year;
	}
	/* The versions of the run that named the scenario, else this program's:
	** a study without a run records none. */
	versions.dtsim_version = man ? man->dtsim_version : DTSIM_VERSION;
	versions.model_version = man ? man->model_version : MODEL_VERSION;
	if (chartdata_data_path(s->fan, fan + 1, &s->qfan) != 0
	    || (s->hist && chartdata_data_path(s->hist, hist + 1, &s->qhist) != 0)
	    || chartdata_quote_text(name, &s->qname) != 0
	    || chartdata_footer(&versions, file + 1, digest, &s->qfoot) != 0) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	rc = 0;
done:
	free(fan);
	free(hist);
	free(file);
	return rc;
}

int mcdata_load(const char *dir, enum plot_lang lang, struct mcdata *m, struct err *e)
{
	char *path = resdir_join(dir, MCDATA_SUMMARY, "");
	struct manifest *man = NULL;
	char *mpath = resdir_join(dir, RESDIR_MANIFEST, "");
	struct stat st;
	int rc = -1;

	memset(m, 0, sizeof *m);
	m->dir = dir;
	if (!path || !mpath) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (lstat(mpath, &st) == 0 && manifest_load(dir, &man, e) != 0)
		goto done;
	if (load_table(dir, MCDATA_SUMMARY, "", 0, &m->summary, NULL, e) != 0
	    || list_ids(m, path, e) != 0)
		goto done;
	for (size_t i = 0; i < m->n; i++)
		if (scen_load(dir, man, lang, &m->s[i], e) != 0)
			goto done;
	rc = 0;
done:
	manifest_free(man);
	free(path);
	free(mpath);
	return rc;
}

int mcdata_write_copies(const struct mcdata *m, const char *plots, struct err *e)
{
	char *dir = NULL, *name = NULL;
	int rc = 0, any = 0;

	for (size_t i = 0; i < m->n; i++)
		any |= csvtab_dialect(m->s[i].fan) != CSVDIALECT_EN
		       || (m->s[i].hist && csvtab_dialect(m->s[i].hist) != CSVDIALECT_EN);
	if (!any)
		return 0;
	if (resdir_subdir(plots, RESDIR_PLOT_DATA, &dir, e) != 0)
		return -1;
	for (size_t i = 0; i < m->n && rc == 0; i++) {
		free(name);
		if (!(name = resdir_join("", m->s[i].id, ".mc"))) {
			rc = err_set(e, NULL, 0, NULL, "out of memory");
			break;
		}
		rc = chartdata_write_copy(m->s[i].fan, dir, name + 1, e);
		if (rc == 0 && m->s[i].hist) {
			free(name);
			if (!(name = resdir_join("", m->s[i].id, ".mc_hist")))
				rc = err_set(e, NULL, 0, NULL, "out of memory");
			else
				rc = chartdata_write_copy(m->s[i].hist, dir, name + 1, e);
		}
	}
	free(name);
	free(dir);
	return rc;
}

/* ---- columns ------------------------------------------------------------------ */

/* The column col_pct of s's fan table, or -1. */
static int fan_col(const struct mcdata_scen *s, const char *col, const char *pct)
{
	char name[128];

	if ((size_t)snprintf(name, sizeof name, "%s_%s", col, pct) >= sizeof name)
		return -1;
	return csvtab_find(s->fan, name);
}

int mcdata_fan_has(const struct mcdata_scen *s, const char *col)
{
	for (size_t k = 0; k < NPCTS; k++)
		if (fan_col(s, col, pcts[k]) < 0)
			return 0;
	return 1;
}

void mcdata_fan_extent(const struct mcdata_scen *s, const char *col, double *lo, double *hi)
{
	for (size_t k = 0; k < NPCTS; k++) {
		int c = fan_col(s, col, pcts[k]);

		for (size_t r = 0; c >= 0 && r < csvtab_rows(s->fan); r++) {
			double v = csvtab_num(s->fan, r, (size_t)c);

			if (isfinite(v)) {
				*lo = fmin(*lo, v);
				*hi = fmax(*hi, v);
			}
		}
	}
}

size_t mcdata_hist_bins(const struct mcdata_scen *s, const char *kpi, double *lo, double *hi,
                        double *total, double *peak)
{
	int ck, cl, ch, cc;
	size_t n = 0;

	if (!s->hist)
		return 0;
	ck = csvtab_find(s->hist, "kpi");
	cl = csvtab_find(s->hist, "bin_lo");
	ch = csvtab_find(s->hist, "bin_hi");
	cc = csvtab_find(s->hist, "count");
	if (ck < 0 || cl < 0 || ch < 0 || cc < 0)
		return 0;
	for (size_t r = 0; r < csvtab_rows(s->hist); r++) {
		double a = csvtab_num(s->hist, r, (size_t)cl), b = csvtab_num(s->hist, r, (size_t)ch);
		double c = csvtab_num(s->hist, r, (size_t)cc);

		if (strcmp(csvtab_text(s->hist, r, (size_t)ck), kpi) != 0 || !isfinite(a)
		    || !isfinite(b) || !isfinite(c) || c < 0 || b < a)
			continue;
		if (n++ == 0) {
			*total = 0;
			*peak = 0;
		}
		if (c > 0) {
			*lo = *total > 0 ? fmin(*lo, a) : a;
			*hi = *total > 0 ? fmax(*hi, b) : b;
		}
		*total += c;
		*peak = fmax(*peak, c);
	}
	return n;
}
