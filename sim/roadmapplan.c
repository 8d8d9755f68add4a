/*
** roadmapplan.c: phases, investment and milestones of a roadmap
** (roadmapplan.h).
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap.h"
#include "roadmapplan.h"

void roadmapplan_free(struct roadmap_plan *p)
{
	if (!p)
		return;
	free(p->year_eur);
	free(p->phase);
	memset(p, 0, sizeof *p);
}

double roadmapplan_eur(const struct roadmap_plan *p, int y, enum domain d)
{
	if (!p->year_eur || y < p->start || y > p->end)
		return 0;
	return p->year_eur[(size_t)(y - p->start) * DOM_COUNT + (size_t)d];
}

/* The German names of the domains, by key (domains.def). */
static const struct {
	const char *key, *de;
} domain_de[] = {
	{ "process", "Prozessdefinition" },
	{ "communication", "Kommunikation und Beteiligung" },
	{ "collaboration", "Zusammenarbeit" },
	{ "literacy", "Digitale Kompetenz" },
	{ "value_creation", "Wertsch\xc3\xb6pfung (neue Dienste)" },
	{ "policies", "Richtlinien (Sicherheit, Compliance)" },
	{ "infrastructure", "Digitale Infrastruktur" },
	{ "quality", "Qualit\xc3\xa4t der Digitalisierung" },
	{ "knowledge_transfer", "Wissenstransfer" },
	{ "inclusion", "Inklusion" },
	{ "leadership", "Digitale F\xc3\xbchrung" },
};

void roadmapplan_domain_label(enum domain d, enum plot_lang lang, char buf[ROADMAP_LABEL_LEN])
{
	if (lang == PLOT_DE)
		for (size_t i = 0; i < sizeof domain_de / sizeof domain_de[0]; i++)
			if (strcmp(domain_de[i].key, domain_keys[d]) == 0) {
				snprintf(buf, ROADMAP_LABEL_LEN, "%s", domain_de[i].de);
				return;
			}
	snprintf(buf, ROADMAP_LABEL_LEN, "%s", domain_labels[d]);
	buf[0] = (char)toupper((unsigned char)buf[0]);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Sorts the phase starts into p->phase: the first year, then every start
** within start + 1..end once, in order. Returns -1 when out of memory. */
static int make_phases(const int *starts, size_t nstarts, struct roadmap_plan *p)
{
	int *s = malloc((nstarts + 1) * sizeof *s);
	size_t n = 0;

	if (!s)
		return -1;
	s[n++] = p->start;
	for (size_t i = 0; i < nstarts; i++)
		if (starts[i] > p->start && starts[i] <= p->end)
			s[n++] = starts[i];
	qsort(s, n, sizeof *s, cmp_int);
	p->phase = calloc(n, sizeof *p->phase);
	if (!p->phase) {
		free(s);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (p->nphase && s[i] == p->phase[p->nphase - 1].first)
			continue;
		if (p->nphase)
			p->phase[p->nphase - 1].last = s[i] - 1;
		p->phase[p->nphase++].first = s[i];
	}
	p->phase[p->nphase - 1].last = p->end;
	free(s);
	return 0;
}

/* The fiscal year of the first row of s whose column col is at or above
** level (above: 1) or at or below it (above: 0); NaN when none is. */
static double first_year(const struct series *s, enum outvar col, double level, int above)
{
	for (size_t r = 0; r < s->rows; r++) {
		const double *row = s->v + r * s->cols;

		if (above ? row[col] >= level : row[col] <= level)
			return floor(row[OV_year]);
	}
	return NAN;
}

int roadmapplan_build(const struct series *s, const struct model_params *years, size_t nyears,
                      const int *starts, size_t nstarts, struct roadmap_plan *p)
{
	size_t ny;

	memset(p, 0, sizeof *p);
	if (!s || s->rows == 0 || s->cols != OV_COUNT || nyears == 0
	    || summary_compute(s, &years[0], &p->kpi) != 0)
		return -1;
	p->start = (int)years[0].sim_start_year;
	p->end = p->start + (int)nyears - 1;
	ny = nyears;
	p->year_eur = calloc(ny * DOM_COUNT, sizeof *p->year_eur);
	if (!p->year_eur || make_phases(starts, nstarts, p) != 0) {
		roadmapplan_free(p);
		return -1;
	}
	for (size_t r = 0; r < s->rows; r++) {
		const double *row = s->v + r * s->cols;
		double y = floor(row[OV_year]);

		if (!(y >= p->start && y <= p->end))
			continue;
		for (int d = 0; d < DOM_COUNT; d++)
			p->year_eur[(size_t)(y - p->start) * DOM_COUNT + (size_t)d]
				+= row[outvars_invest[d]];
	}
	for (size_t k = 0; k < p->nphase; k++) {
		struct roadmap_phase *ph = &p->phase[k];

		for (int y = ph->first; y <= ph->last; y++)
			for (int d = 0; d < DOM_COUNT; d++)
				ph->eur[d] += roadmapplan_eur(p, y, (enum domain)d);
		for (int d = 0; d < DOM_COUNT; d++)
			ph->total += ph->eur[d];
	}
	p->level[ROADMAP_MS_HALF] = ROADMAP_MATURITY_HALF;
	p->level[ROADMAP_MS_TARGET] = years[0].services_target_maturity;
	p->level[ROADMAP_MS_LEGACY] = years[0].legacy_target_share;
	p->level[ROADMAP_MS_PAYBACK] = NAN;
	p->year[ROADMAP_MS_HALF] = first_year(s, OV_service_maturity, ROADMAP_MATURITY_HALF, 1);
	p->year[ROADMAP_MS_TARGET] = p->kpi.v[KPI_target_year];
	p->year[ROADMAP_MS_LEGACY] = first_year(s, OV_legacy_share, years[0].legacy_target_share, 0);
	p->year[ROADMAP_MS_PAYBACK] = p->kpi.v[KPI_payback_year];
	return 0;
}
