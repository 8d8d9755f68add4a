/*
** compare.c: ranking scenarios by a KPI and writing comparison.csv and
** comparison.md.
**
** Nothing here knows a KPI by name: the direction of a ranking comes from
** summary_kpis[k].better, and the way a value is shown in Markdown from its
** unit (unit_formats below), so a KPI added to models/kpis.def is ranked and
** shown correctly without a change here.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "compare.h"
#include "csvout.h"
#include "numfmt.h"

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

		while (j > 0 && is_better(rows[i].kpi.v[by], rows[order[j - 1]].kpi.v[by], dir)) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	for (size_t i = 0; i < n; i++)
		rank[i] = i > 0 && !is_better(rows[order[i - 1]].kpi.v[by],
		                              rows[order[i]].kpi.v[by], dir)
		          ? rank[i - 1] : i + 1;
}

/*
** A ranking: order and rank from compare_rank, in one allocation owned by
** the caller (ranking_free). Returns -1 with e filled when out of memory.
*/
struct ranking {
	size_t *order, *rank;
};

static int ranking_new(const struct compare_entry *rows, size_t n, enum kpi by,
                       const char *path, struct ranking *r, struct err *e)
{
	r->order = calloc(2 * n + 1, sizeof *r->order);
	if (!r->order)
		return err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
	r->rank = r->order + n;
	compare_rank(rows, n, by, r->order, r->rank);
	return 0;
}

static void ranking_free(struct ranking *r)
{
	free(r->order);
	r->order = r->rank = NULL;
}

/* ---- comparison.csv ------------------------------------------------------------ */

/* Room for a rank written in decimal. */
#define RANK_LEN 24

/* The lead columns of comparison.csv, and the column that names a row. */
enum { LEAD_RANK, LEAD_SCENARIO, LEAD_NAME, LEAD_COUNT };

/*
** Lays the rows out in ranked order as a csvout KPI table (rank, scenario,
** name in front) and lets csvout write it, as it writes summary.csv.
*/
int compare_write_csv(const char *path, const struct compare_entry *rows, size_t n,
                      enum kpi by, enum csvdialect d, struct err *e)
{
	static const char *const lead_names[LEAD_COUNT] = { "rank", "scenario", "name" };
	struct ranking r = { NULL, NULL };
	const char **lead = calloc(n * LEAD_COUNT + 1, sizeof *lead);
	char (*ranks)[RANK_LEN] = calloc(n + 1, sizeof *ranks);
	struct summary *kpis = calloc(n + 1, sizeof *kpis);
	int rc = -1;

	if (!lead || !ranks || !kpis) {
		err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
	} else if (ranking_new(rows, n, by, path, &r, e) == 0) {
		for (size_t i = 0; i < n; i++) {
			const struct compare_entry *row = &rows[r.order[i]];

			snprintf(ranks[i], RANK_LEN, "%zu", r.rank[i]);
			lead[i * LEAD_COUNT + LEAD_RANK] = ranks[i];
			lead[i * LEAD_COUNT + LEAD_SCENARIO] = row->id;
			lead[i * LEAD_COUNT + LEAD_NAME] = row->name;
			kpis[i] = row->kpi;
		}
		{
			const struct csvout_kpi_table t = {
				LEAD_COUNT, lead_names, lead, LEAD_SCENARIO, kpis, n, d
			};
			rc = csvout_write_kpis(path, &t, e);
		}
		ranking_free(&r);
	}
	free(lead);
	free(ranks);
	free(kpis);
	return rc;
}

/* ---- showing a KPI in Markdown ------------------------------------------------- */

/* Money is shown in millions of euros, shares in percent. */
#define MEUR_PER_EUR 1e-6
#define PERCENT_PER_SHARE 100.0

/* What a KPI without a value (NaN) shows: a year that never comes, or a
** dash (an en dash, U+2013, in UTF-8) for anything else. */
#define SHOW_NEVER "never"
#define SHOW_NONE "\xe2\x80\x93"

/*
** How a unit is shown: the unit in the column header, the factor a value
** is multiplied by, its decimals, and what NaN shows. A unit not listed is
** shown as itself in the header, its values in the shortest round-trip
** form (numfmt_double).
*/
static const struct unit_format {
	const char *unit;       /* as in models/kpis.def */
	const char *shown;      /* in the column header */
	double scale;
	int decimals;
	const char *none;
} unit_formats[] = {
	{ "EUR", "M EUR", MEUR_PER_EUR, 2, SHOW_NONE },
	{ "1", "%", PERCENT_PER_SHARE, 1, SHOW_NONE },
	{ "index", "index", 1.0, 2, SHOW_NONE },
	{ "year", "year", 1.0, 0, SHOW_NEVER },
	{ "count", "count", 1.0, 2, SHOW_NONE },
};

/* The format of unit, or NULL when it has none of its own. */
static const struct unit_format *unit_format_find(const char *unit)
{
	for (size_t i = 0; i < sizeof unit_formats / sizeof unit_formats[0]; i++)
		if (strcmp(unit_formats[i].unit, unit) == 0)
			return &unit_formats[i];
	return NULL;
}


/* "-0.00" shows as "0.00": a negative number that rounds to zero says
** nothing about its sign that a reader could use. */
void compare_format_value(const char *unit, double x, char buf[COMPARE_VALUE_LEN])
{
	const struct unit_format *uf = unit_format_find(unit);
	char num[NUMFMT_LEN];

	if (isnan(x)) {
		snprintf(buf, COMPARE_VALUE_LEN, "%s", uf ? uf->none : SHOW_NONE);
		return;
	}
	if (!uf) {
		numfmt_double(x, num);
		snprintf(buf, COMPARE_VALUE_LEN, "%s", num);
		return;
	}
	snprintf(buf, COMPARE_VALUE_LEN, "%.*f", uf->decimals, x * uf->scale);
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
}

const char *compare_unit_shown(const char *unit)
{
	const struct unit_format *uf = unit_format_find(unit);

	return uf ? uf->shown : unit;
}

/* Words of KPI names written otherwise in a header. */
static const struct {
	const char *word, *shown;
} header_words[] = {
	{ "om", "O&M" }, { "pv", "PV" }, { "it", "IT" },
};

/* The unit suffix that a KPI name carries and its header leaves to the unit. */
#define NAME_UNIT_SUFFIX "_eur"

/* Writes KPI k's name as words with its unit shown (compare.h). */
void compare_kpi_header(enum kpi k, char buf[COMPARE_HEADER_LEN])
{
	const char *name = summary_kpis[k].name, *unit = summary_kpis[k].unit;
	const char *shown = compare_unit_shown(unit);
	size_t end = strlen(name), len = 0, sl = strlen(NAME_UNIT_SUFFIX), ul = strlen(shown);

	if (end > sl && strcmp(name + end - sl, NAME_UNIT_SUFFIX) == 0)
		end -= sl;
	for (size_t i = 0; i < end && len + 1 < COMPARE_HEADER_LEN; ) {
		size_t w = strcspn(name + i, "_");
		const char *word = name + i;
		int wl = (int)(w < end - i ? w : end - i);

		for (size_t h = 0; h < sizeof header_words / sizeof header_words[0]; h++)
			if (strlen(header_words[h].word) == (size_t)wl
			    && strncmp(header_words[h].word, word, (size_t)wl) == 0) {
				word = header_words[h].shown;
				wl = (int)strlen(word);
			}
		len += (size_t)snprintf(buf + len, COMPARE_HEADER_LEN - len, "%s%.*s", len ? " " : "", wl, word);
		i += w + 1;
	}
	if (len >= COMPARE_HEADER_LEN)
		len = COMPARE_HEADER_LEN - 1;
	buf[0] = (char)toupper((unsigned char)buf[0]);
	if (len >= ul && strcmp(buf + len - ul, shown) == 0
	    && (len == ul || buf[len - ul - 1] == ' '))
		return;
	snprintf(buf + len, COMPARE_HEADER_LEN - len, " (%s)", shown);
}

/* ---- comparison.md ---------------------------------------------------------------- */

/* 1 for the bytes that separate words in a cell: a blank, or a control
** character (a file name may hold one), which is shown as a blank. */
static int is_blank(unsigned char c)
{
	return c == ' ' || c < 0x20 || c == 0x7f;
}

/* Control characters become blanks; leading and trailing blanks go (a
** table trims them anyway). */
void compare_md_text(FILE *f, const char *s)
{
	size_t a = 0, b = strlen(s);

	while (a < b && is_blank((unsigned char)s[a]))
		a++;
	while (b > a && is_blank((unsigned char)s[b - 1]))
		b--;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_blank(c))
			c = ' ';
		else if (strchr("|\\`<>[]", c)
		         || (c == '&' && (s[i + 1] == '#' || isalpha((unsigned char)s[i + 1]))))
			fputc('\\', f);
		fputc(c, f);
	}
}

/* The sentence that says how the table is ranked. */
static void put_ranked_by(FILE *f, enum kpi by, const struct compare_entry *rows,
                          const struct ranking *r, size_t n)
{
	char header[COMPARE_HEADER_LEN], none[COMPARE_VALUE_LEN];
	int better = summary_kpis[by].better;
	size_t nnan = 0, ties = 0;

	compare_kpi_header(by, header);
	compare_format_value(summary_kpis[by].unit, NAN, none);
	for (size_t i = 0; i < n; i++) {
		nnan += isnan(rows[r->order[i]].kpi.v[by]) != 0;
		ties += i > 0 && r->rank[i] == r->rank[i - 1];
	}
	fprintf(f, "Ranked by **%s** (`%s`): ", header, summary_kpis[by].name);
	if (better > 0)
		fputs("higher is better, so the highest comes first.", f);
	else if (better < 0)
		fputs("lower is better, so the lowest comes first.", f);
	else
		fputs("neither higher nor lower is better in itself; "
		      "listed from the highest to the lowest.", f);
	if (ties)
		fputs(" Equal values share a rank.", f);
	if (nnan)
		fprintf(f, " Scenarios without a value (%s) come last.", none);
	fputs("\n", f);
}

/* The KPIs in the order of the table's columns: the ranking KPI first. */
static void column_order(enum kpi by, enum kpi cols[KPI_COUNT])
{
	size_t c = 0;

	cols[c++] = by;
	for (int k = 0; k < KPI_COUNT; k++)
		if (k != (int)by)
			cols[c++] = (enum kpi)k;
}

/*
** Numbers are right-aligned (`---:`), text left. Every write goes to the
** temporary file's stream; afile_commit reports a write that failed.
*/
int compare_write_md(const char *path, const struct compare_entry *rows, size_t n,
                     enum kpi by, struct err *e)
{
	enum kpi cols[KPI_COUNT];
	char cell[COMPARE_HEADER_LEN], value[COMPARE_VALUE_LEN];
	struct ranking r = { NULL, NULL };
	struct afile *af;
	FILE *f;

	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < KPI_COUNT; k++)
			if (isinf(rows[i].kpi.v[k]))
				return err_set(e, path, 0, summary_kpis[k].name,
				               "cannot write %s: %s of %s is %g; only finite numbers "
				               "or an empty value are shown", path,
				               summary_kpis[k].name, rows[i].id, rows[i].kpi.v[k]);
	if (ranking_new(rows, n, by, path, &r, e) != 0)
		return -1;
	af = afile_open(path, e);
	if (!af) {
		ranking_free(&r);
		return -1;
	}
	f = afile_stream(af);
	column_order(by, cols);

	fputs("# Scenario comparison\n\n", f);
	put_ranked_by(f, by, rows, &r, n);
	fputs("\n| Rank | Scenario | Name |", f);
	for (size_t c = 0; c < KPI_COUNT; c++) {
		compare_kpi_header(cols[c], cell);
		fprintf(f, " %s |", cell);
	}
	fputs("\n| ---: | --- | --- |", f);
	for (size_t c = 0; c < KPI_COUNT; c++)
		fputs(" ---: |", f);
	fputs("\n", f);

	for (size_t i = 0; i < n; i++) {
		const struct compare_entry *row = &rows[r.order[i]];

		fprintf(f, "| %zu | ", r.rank[i]);
		compare_md_text(f, row->id);
		fputs(" | ", f);
		compare_md_text(f, row->name);
		fputs(" |", f);
		for (size_t c = 0; c < KPI_COUNT; c++) {
			compare_format_value(summary_kpis[cols[c]].unit, row->kpi.v[cols[c]], value);
			fprintf(f, " %s |", value);
		}
		fputs("\n", f);
	}
	ranking_free(&r);
	return afile_commit(af, e);
}
