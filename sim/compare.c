/*
** compare.c: ranking scenarios by a KPI, feasible ones first, and their
** differences from a reference scenario (compare.h).
**
** Nothing here knows a KPI by name but the feasible flag: the direction of
** a ranking comes from summary_kpis[k].better, so a KPI added to
** models/kpis.def is ranked correctly without a change here.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/* ---- finding and ranking ------------------------------------------------------ */

int compare_kpi_find(const char *name, enum kpi *out, struct err *e)
{
	char allowed[sizeof e->msg];
	size_t len = 0;

	for (int k = 0; k < KPI_COUNT; k++) {
		if (strcmp(summary_kpis[k].name, name) == 0) {
			*out = (enum kpi)k;
			return 0;
		}
	}
	allowed[0] = '\0';
	for (int k = 0; k < KPI_COUNT && len < sizeof allowed; k++)
		len += (size_t)snprintf(allowed + len, sizeof allowed - len, "%s%s",
		                        k ? ", " : "", summary_kpis[k].name);
	return err_set(e, NULL, 0, name, "unknown KPI '%s'; allowed: %s", name, allowed);
}

int compare_feasible(const struct compare_entry *row)
{
	return row->kpi.v[KPI_feasible] != 0;
}

/* 1 when a is strictly better than b in direction dir (+1 higher first, -1
** lower first); a NaN is worse than any number and as good as a NaN. */
static int is_better(double a, double b, int dir)
{
	if (isnan(a))
		return 0;
	if (isnan(b))
		return 1;
	return dir < 0 ? a < b : a > b;
}

/* The direction a ranking by k takes: "neither" ranks from the highest. */
static int rank_direction(enum kpi k)
{
	return summary_kpis[k].better < 0 ? -1 : +1;
}

/* 1 when row a ranks strictly before row b by KPI by in direction dir: a
** feasible row before an infeasible one, else the better value. */
static int ranks_before(const struct compare_entry *a, const struct compare_entry *b,
                        enum kpi by, int dir)
{
	if (compare_feasible(a) != compare_feasible(b))
		return compare_feasible(a);
	return is_better(a->kpi.v[by], b->kpi.v[by], dir);
}

/*
** Insertion sort: stable (a row moves only past rows it beats), and the
** number of scenarios a person compares is small.
*/
void compare_rank(const struct compare_entry *rows, size_t n, enum kpi by,
                  size_t *order, size_t *rank)
{
	int dir = rank_direction(by);

	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		while (j > 0 && ranks_before(&rows[i], &rows[order[j - 1]], by, dir)) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	for (size_t i = 0; i < n; i++)
		rank[i] = i > 0 && !ranks_before(&rows[order[i - 1]], &rows[order[i]], by, dir)
		          ? rank[i - 1] : i + 1;
}

/* ---- differences from the reference -------------------------------------------- */

double compare_delta(const struct summary *a, const struct summary *ref, enum kpi k)
{
	if (isnan(a->v[k]) || isnan(ref->v[k]))
		return NAN;
	return a->v[k] - ref->v[k];
}

const char *compare_delta_unit(const char *unit)
{
	if (strcmp(unit, "year") == 0)
		return "years";
	if (strcmp(unit, "1") == 0)
		return "pp";
	return unit;
}

int compare_has_delta(enum kpi k)
{
	return k != KPI_feasible;
}

/* ---- a comparison ------------------------------------------------------------------ */

int compare_init(struct comparison *c, const struct compare_entry *rows, size_t n,
                 enum kpi by, size_t ref, enum plot_lang lang)
{
	memset(c, 0, sizeof *c);
	c->order = calloc(2 * n + 1, sizeof *c->order);
	if (!c->order)
		return -1;
	c->rank = c->order + n;
	c->rows = rows;
	c->n = n;
	c->by = by;
	c->ref = ref < n ? ref : n;
	c->lang = lang;
	compare_rank(rows, n, by, c->order, c->rank);
	return 0;
}

void compare_free(struct comparison *c)
{
	free(c->order);
	memset(c, 0, sizeof *c);
}

/* ---- labels ---------------------------------------------------------------------------- */

/* Words of KPI names written otherwise in an English label. */
static const struct {
	const char *word, *shown;
} label_words[] = {
	{ "om", "O&M" }, { "pv", "PV" }, { "it", "IT" },
};

/* The unit suffix that a KPI name carries and its label leaves to the unit. */
#define NAME_UNIT_SUFFIX "_eur"

void compare_kpi_label(enum kpi k, enum plot_lang lang, char buf[COMPARE_LABEL_LEN])
{
	const char *name = summary_kpis[k].name;
	size_t end = strlen(name), len = 0, sl = strlen(NAME_UNIT_SUFFIX);

	if (lang == PLOT_DE) {
		snprintf(buf, COMPARE_LABEL_LEN, "%s", summary_kpis[k].label_de);
		return;
	}
	buf[0] = '\0';
	if (end > sl && strcmp(name + end - sl, NAME_UNIT_SUFFIX) == 0)
		end -= sl;
	for (size_t i = 0; i < end && len + 1 < COMPARE_LABEL_LEN; ) {
		size_t w = strcspn(name + i, "_");
		const char *word = name + i;
		int wl = (int)(w < end - i ? w : end - i);

		for (size_t h = 0; h < sizeof label_words / sizeof label_words[0]; h++)
			if (strlen(label_words[h].word) == (size_t)wl
			    && strncmp(label_words[h].word, word, (size_t)wl) == 0) {
				word = label_words[h].shown;
				wl = (int)strlen(word);
			}
		len += (size_t)snprintf(buf + len, COMPARE_LABEL_LEN - len, "%s%.*s",
		                        len ? " " : "", wl, word);
		i += w + 1;
	}
	buf[0] = (char)toupper((unsigned char)buf[0]);
}

void compare_kpi_header(enum kpi k, enum plot_lang lang, char buf[MDTABLE_HEADER_LEN])
{
	char label[COMPARE_LABEL_LEN];

	compare_kpi_label(k, lang, label);
	mdtable_header(label, summary_kpis[k].unit, lang, buf);
}
