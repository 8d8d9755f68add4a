/*
** roadmap.c: the roadmap of an optimisation (roadmap.h): loads and runs
** the scenario, finds its phases, and writes roadmap.md (roadmapmd.h) and
** the chart (plot_roadmap).
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "afile.h"
#include "digest.h"
#include "engine.h"
#include "plot.h"
#include "roadmap.h"
#include "roadmapmd.h"
#include "roadmapplan.h"
#include "resdir.h"
#include "scenario.h"

/* The file roadmap_write writes into DIR. */
#define ROADMAP_MD "roadmap.md"
/* What dtsim optimise writes into DIR besides: the roadmap's scenario and
** the log of its search. */
#define ROADMAP_INI "roadmap.ini"
#define ROADMAP_LOG "convergence.csv"

/*
** The fiscal years that start a phase (roadmap.h): each year block of the
** sections allocation and budget, and the years where a schedule begins
** or ends (years[k].schedule_active changes). *out gets them (owned,
** free()), *n how many; years outside the run are kept (roadmapplan_build
** ignores them). Returns -1 when out of memory.
*/
static int phase_starts(const struct scenario *sc, const struct model_params *years,
                        size_t nyears, int **out, size_t *n)
{
	const struct setting_list *l = scenario_settings(sc);
	int *s = malloc((l->n + nyears + 1) * sizeof *s);
	int start = (int)years[0].sim_start_year;

	*out = s;
	*n = 0;
	if (!s)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct setting *x = &l->a[i];

		if (x->year != 0 && (strcmp(x->def->section, "allocation") == 0
		                     || strcmp(x->def->section, "budget") == 0))
			s[(*n)++] = (int)x->year;
	}
	for (size_t k = 1; k < nyears; k++)
		if ((years[k].schedule_active != 0) != (years[k - 1].schedule_active != 0))
			s[(*n)++] = start + (int)k;
	return 0;
}

/* The file name of path, without its directory. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
** Loads, checks and resolves roadmap_ini into *sc and *years (nyears of
** them), both owned by the caller also after a failure. Returns 0, or -1
** with el filled.
*/
static int load_years(const char *roadmap_ini, struct scenario **sc, struct model_params **years,
                      size_t *nyears, struct errlist *el)
{
	struct err e;

	err_clear(&e);
	if (scenario_load_all(roadmap_ini, sc, el) == 0 && *sc && scenario_check(*sc, el) == 0) {
		if (scenario_resolve(*sc, years, nyears, &e) == 0)
			return 0;
		errlist_add(el, &e);
	}
	if (el->total == 0) {
		err_set(&e, roadmap_ini, 0, NULL, "cannot load %s: out of memory", roadmap_ini);
		errlist_add(el, &e);
	}
	return -1;
}

/*
** Loads and runs roadmap_ini into plan (owned by *sc, which the caller
** frees). Returns 0, or -1 with el filled.
*/
static int load_and_run(const char *roadmap_ini, struct scenario **sc, struct roadmap_plan *plan,
                        struct errlist *el)
{
	struct model_params *years = NULL;
	struct series s = { 0, 0, NULL };
	struct engine *en = NULL;
	struct err e;
	size_t nyears = 0, nstarts = 0;
	int *starts = NULL, rc = -1;

	err_clear(&e);
	if (load_years(roadmap_ini, sc, &years, &nyears, el) != 0)
		goto done;
	if (!(en = engine_new())) {
		err_set(&e, NULL, 0, NULL, "out of memory");
		errlist_add(el, &e);
		goto done;
	}
	if (engine_run(en, years, nyears, &s, &e) != 0) {
		errlist_add(el, &e);
		goto done;
	}
	if (phase_starts(*sc, years, nyears, &starts, &nstarts) != 0
	    || roadmapplan_build(&s, years, nyears, starts, nstarts, plan) != 0) {
		err_set(&e, roadmap_ini, 0, NULL, "%s: out of memory, or the run has no rows",
		        roadmap_ini);
		errlist_add(el, &e);
		goto done;
	}
	rc = 0;
done:
	free(starts);
	series_free(&s);
	engine_free(en);
	free(years);
	return rc;
}

/* Writes text to dir/name, whole or not at all. Returns 0, or -1 with e. */
static int write_file(const char *dir, const char *name, const char *text, struct err *e)
{
	char *path = resdir_join(dir, name, "");
	struct afile *af;
	int rc;

	if (!path)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (!(af = afile_open(path, e))) {
		free(path);
		return -1;
	}
	fputs(text, afile_stream(af));
	rc = afile_commit(af, e);
	free(path);
	return rc;
}

/* The digest of the bytes of the file at path (digest.h), into *out.
** Returns 0, or -1 with e filled when it cannot be read. */
static int file_digest(const char *path, uint64_t *out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	char buf[4096];
	size_t got;
	int bad;

	if (!f)
		return err_set(e, path, 0, NULL, "cannot read %s: %s", path, strerror(errno));
	*out = DIGEST_INIT;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		*out = digest_add(*out, buf, got);
	bad = ferror(f);
	fclose(f);
	return bad ? err_set(e, path, 0, NULL, "cannot read %s", path) : 0;
}

/*
** Draws the roadmap chart of plan (plot_roadmap) with o's chart options
** in o's language. Returns 0, or -1 with every failed chart and every
** gnuplot warning added to el.
*/
static int draw_chart(const char *dir, const char *roadmap_ini, const struct roadmap_plan *plan,
                      const struct roadmap_opts *o, struct errlist *el)
{
	struct plot_opts po = o->plot;
	struct plot_report rep;
	uint64_t digest = DIGEST_INIT;
	struct err e;
	int rc;

	err_clear(&e);
	po.lang = o->lang;
	if (file_digest(roadmap_ini, &digest, &e) != 0)
		return errlist_add(el, &e);
	rc = plot_roadmap(dir, plan, digest, &po, &rep, &e);
	if (rc != 0)
		errlist_add(el, &e);
	for (size_t i = 0; i < rep.nissue; i++)
		errlist_add(el, &rep.issue[i].e);
	rc = rc != 0 || rep.failed || rep.nissue ? -1 : 0;
	plot_report_free(&rep);
	return rc;
}

int roadmap_write(const char *dir, const char *roadmap_ini, const struct roadmap_constraint *c,
                  size_t nc, const struct roadmap_opts *o, struct errlist *el)
{
	struct roadmap_opts dflt;
	struct scenario *sc = NULL;
	struct roadmap_plan plan;
	struct strbuf md = STRBUF_INIT;
	struct err e;
	int rc = -1;

	memset(&plan, 0, sizeof plan);
	if (!o) {
		memset(&dflt, 0, sizeof dflt);
		o = &dflt;
	}
	err_clear(&e);
	if (o->lang != PLOT_EN && o->lang != PLOT_DE) {
		err_set(&e, NULL, 0, "--lang", "unknown language; allowed: en, de");
		errlist_add(el, &e);
		return -1;
	}
	if (load_and_run(roadmap_ini, &sc, &plan, el) != 0)
		goto done;
	{
		struct roadmapmd_in in = {
			scenario_text_de(sc, P_scenario_name, o->lang == PLOT_DE),
			scenario_text_de(sc, P_scenario_description, o->lang == PLOT_DE),
			base_name(roadmap_ini), &plan, c, nc, o
		};
		char *text;

		roadmapmd_write(&in, &md);
		if (!(text = strbuf_take(&md))) {
			err_set(&e, NULL, 0, NULL, "out of memory");
			errlist_add(el, &e);
			goto done;
		}
		rc = write_file(dir, ROADMAP_MD, text, &e);
		free(text);
		if (rc != 0) {
			errlist_add(el, &e);
			goto done;
		}
	}
	if (o->chart)
		rc = draw_chart(dir, roadmap_ini, &plan, o, el);
done:
	strbuf_free(&md);
	roadmapplan_free(&plan);
	scenario_free(sc);
	return rc;
}

int roadmap_present(const char *dir)
{
	static const char *const names[] = { ROADMAP_INI, ROADMAP_LOG };
	int found = 0;

	for (size_t i = 0; i < 2; i++) {
		char *path = resdir_join(dir, names[i], "");
		struct stat st;

		found |= path && lstat(path, &st) == 0;
		free(path);
	}
	return found;
}

int roadmap_check(const char *dir, struct errlist *el)
{
	char *ini = resdir_join(dir, ROADMAP_INI, "");
	struct scenario *sc = NULL;
	struct model_params *years = NULL;
	size_t nyears = 0;
	struct err e;
	int rc;

	if (!ini) {
		err_set(&e, NULL, 0, NULL, "out of memory");
		errlist_add(el, &e);
		return -1;
	}
	rc = load_years(ini, &sc, &years, &nyears, el);
	free(years);
	scenario_free(sc);
	free(ini);
	return rc;
}

int roadmap_redraw(const char *dir, const struct plot_opts *o, struct errlist *el)
{
	char *ini = resdir_join(dir, ROADMAP_INI, "");
	struct roadmap_opts ro;
	struct scenario *sc = NULL;
	struct roadmap_plan plan;
	struct err e;
	int rc = -1;

	memset(&plan, 0, sizeof plan);
	memset(&ro, 0, sizeof ro);
	err_clear(&e);
	if (!ini) {
		err_set(&e, NULL, 0, NULL, "out of memory");
		errlist_add(el, &e);
		return -1;
	}
	ro.lang = o->lang;
	ro.chart = 1;
	ro.plot = *o;
	if (load_and_run(ini, &sc, &plan, el) == 0)
		rc = draw_chart(dir, ini, &plan, &ro, el);
	roadmapplan_free(&plan);
	scenario_free(sc);
	free(ini);
	return rc;
}
