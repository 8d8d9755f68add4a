/*
** webrun.c: one run of the model for the what-if page (webrun.h).
** What scenario_resolve does after reading the files (derive the auto
** values, year by year with the first year's fixed values) and what
** dtsim run does then (engine_run, summary_compute), on parameters the
** page hands over as doubles. The rules between keys are not checked here
** (they live with the scenario files, sim/rules.c): the page keeps its
** controls within them, and `dtsim check` checks a downloaded scenario.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "profile.h"
#include "registry.h"
#include "summary.h"
#include "webrun.h"

/* The most fiscal years a workspace holds (sim.years allows 100). */
#define WEBRUN_YEARS_LIMIT 1000

struct webrun {
	size_t max_years;
	double *in;                  /* max_years x nparam, the caller's */
	struct model_params *years;  /* the derived parameters of the last run */
	size_t nyears;
	size_t named[NAMED_COUNT];
	struct engine *en;
	struct series rows;
	struct summary kpi;
	char error[ERR_MSG_MAX];
};

size_t webrun_nparam(void)
{
	return offsetof(struct model_params, schedule_active) / sizeof(double) + 1;
}

struct webrun *webrun_new(size_t max_years)
{
	struct webrun *w;

	if (max_years < 1 || max_years > WEBRUN_YEARS_LIMIT || !(w = calloc(1, sizeof *w)))
		return NULL;
	w->max_years = max_years;
	w->in = calloc(max_years * webrun_nparam(), sizeof *w->in);
	w->years = calloc(max_years, sizeof *w->years);
	w->en = engine_new();
	if (!w->in || !w->years || !w->en) {
		webrun_free(w);
		return NULL;
	}
	return w;
}

void webrun_free(struct webrun *w)
{
	if (!w)
		return;
	free(w->in);
	free(w->years);
	engine_free(w->en);
	series_free(&w->rows);
	free(w);
}

double *webrun_input(struct webrun *w)
{
	return w->in;
}

int webrun_set_named(struct webrun *w, int k, size_t n)
{
	if (k < 0 || k >= NAMED_COUNT || n > PARAMS_NAMED_MAX)
		return -1;
	w->named[k] = n;
	return 0;
}

/* Copies year k of the input into p and checks every value in use against
** its key's range. Returns 0, or -1 with the message in w->error. */
static int take_year(struct webrun *w, size_t k, struct model_params *p)
{
	struct strbuf why = STRBUF_INIT;

	memcpy(p, w->in + k * webrun_nparam(), webrun_nparam() * sizeof(double));
	memcpy(p->named_count, w->named, sizeof p->named_count);
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		const double *v;
		size_t slots;

		if (d->kind != PK_REAL && d->kind != PK_INT)
			continue;
		v = params_cslot(p, d);
		slots = d->flags & PF_NAMED ? p->named_count[params_named_kind(d->section)] : 1;
		for (size_t s = 0; s < slots; s++) {
			if (params_is_auto(v[s]) && (d->flags & PF_AUTO))
				continue;
			if (!params_is_auto(v[s]) && registry_check(d, v[s], &why) == 0)
				continue;
			snprintf(w->error, sizeof w->error, "%s = %g %s", d->name, v[s],
			         params_is_auto(v[s]) ? "is not a number" : strbuf_str(&why));
			strbuf_free(&why);
			return -1;
		}
	}
	strbuf_free(&why);
	return 0;
}

int webrun_derive(struct webrun *w, size_t nyears)
{
	w->error[0] = '\0';
	w->nyears = 0;
	w->rows.rows = 0;
	if (nyears < 1 || nyears > w->max_years) {
		snprintf(w->error, sizeof w->error, "%zu years; allowed: 1 to %zu", nyears,
		         w->max_years);
		return -1;
	}
	for (size_t k = 0; k < nyears; k++) {
		if (take_year(w, k, &w->years[k]) != 0)
			return -1;
		if (profile_derive(&w->years[k], k ? &w->years[0] : NULL) != 0) {
			snprintf(w->error, sizeof w->error, "the O&M of the digital services alone "
			         "takes budget.om_share_initial of the base IT budget or more: "
			         "the municipality has no room for other IT");
			return -1;
		}
	}
	w->nyears = nyears;
	return 0;
}

int webrun_run(struct webrun *w, size_t nyears)
{
	struct err e;

	if (webrun_derive(w, nyears) != 0)
		return -1;
	err_clear(&e);
	if (engine_run(w->en, w->years, nyears, &w->rows, &e) != 0) {
		snprintf(w->error, sizeof w->error, "%s", e.msg);
		return -1;
	}
	if (summary_compute(&w->rows, &w->years[0], &w->kpi) != 0) {
		snprintf(w->error, sizeof w->error, "the run produced no rows");
		return -1;
	}
	return 0;
}

const char *webrun_error(const struct webrun *w)
{
	return w->error;
}

const double *webrun_series(const struct webrun *w)
{
	return w->rows.v;
}

size_t webrun_rows(const struct webrun *w)
{
	return w->rows.rows;
}

size_t webrun_cols(void)
{
	return OV_COUNT;
}

const double *webrun_kpis(const struct webrun *w)
{
	return w->kpi.v;
}

size_t webrun_kpi_count(void)
{
	return KPI_COUNT;
}

const double *webrun_derived(const struct webrun *w, size_t k)
{
	return k < w->nyears ? (const double *)&w->years[k] : NULL;
}
