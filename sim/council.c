/*
** council.c: the council tables of `dtsim compare` (council.h): built as
** tables first, then written as Markdown (mdtable.c) or CSV (tablecsv.c).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "council.h"
#include "mdtable.h"
#include "outvars.h"
#include "strbuf.h"
#include "tablecsv.h"

/* A text in the comparison's language. */
#define TR(c, en, de) ((c)->lang == PLOT_DE ? (de) : (en))

/* The unit of a rank: a whole number that needs no unit in a header. */
#define RANK_UNIT "rank"

/* ---- columns -------------------------------------------------------------------- */

/* Strategies per transposed table: the first column holds the labels. */
#define TRANSPOSED_STRATEGIES (COUNCIL_MAX_COLUMNS - 1)

void council_col_key(const struct council_col *col, char buf[COMPARE_LABEL_LEN])
{
	switch (col->kind) {
	case COUNCIL_RANK:
		snprintf(buf, COMPARE_LABEL_LEN, "rank");
		return;
	case COUNCIL_SCENARIO:
		snprintf(buf, COMPARE_LABEL_LEN, "scenario");
		return;
	case COUNCIL_NAME:
		snprintf(buf, COMPARE_LABEL_LEN, "name");
		return;
	case COUNCIL_KPI:
		snprintf(buf, COMPARE_LABEL_LEN, "%s", summary_kpis[col->k].name);
		return;
	case COUNCIL_DELTA:
		snprintf(buf, COMPARE_LABEL_LEN, COMPARE_DELTA_PREFIX "%s", summary_kpis[col->k].name);
		return;
	}
	buf[0] = '\0';
}

/* 1 when cols (n) holds col already. */
static int has_col(const struct council_col *cols, size_t n, struct council_col col)
{
	for (size_t i = 0; i < n; i++)
		if (cols[i].kind == col.kind
		    && (col.kind != COUNCIL_KPI && col.kind != COUNCIL_DELTA ? 1 : cols[i].k == col.k))
			return 1;
	return 0;
}

void council_default_columns(enum kpi by, int with_ref,
                             struct council_col out[COUNCIL_MAX_COLUMNS], size_t *n)
{
	static const enum kpi fill[] = {
		KPI_end_service_maturity, KPI_target_year, KPI_pv_cost_eur, KPI_pv_net_benefit_eur,
		KPI_pv_net_benefit_total_eur, KPI_total_funding_gap_eur,
	};
	const struct council_col lead[] = {
		{ COUNCIL_RANK, KPI_COUNT }, { COUNCIL_NAME, KPI_COUNT },
		{ COUNCIL_KPI, KPI_feasible }, { COUNCIL_KPI, by }, { COUNCIL_DELTA, by },
	};

	*n = 0;
	for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
		if ((lead[i].kind != COUNCIL_DELTA || (with_ref && compare_has_delta(by)))
		    && !has_col(out, *n, lead[i]))
			out[(*n)++] = lead[i];
	for (size_t i = 0; i < sizeof fill / sizeof fill[0] && *n < COUNCIL_MAX_COLUMNS; i++) {
		struct council_col col = { COUNCIL_KPI, fill[i] };

		if (!has_col(out, *n, col))
			out[(*n)++] = col;
	}
}

/* Every name --columns takes, for a message: rank, scenario, name, the
** KPIs and, with a reference, their differences. */
static void allowed_columns(int with_ref, struct strbuf *b)
{
	strbuf_printf(b, "rank, scenario, name");
	for (int k = 0; k < KPI_COUNT; k++)
		strbuf_printf(b, ", %s", summary_kpis[k].name);
	if (with_ref)
		strbuf_printf(b, ", and " COMPARE_DELTA_PREFIX "<KPI> for each KPI but feasible");
	else
		strbuf_printf(b, " (" COMPARE_DELTA_PREFIX "<KPI> needs a reference: --baseline, "
		              "or scenario.reference in the files)");
}

/* The column called name (len bytes) into *col; -1 when there is none. */
static int find_col(const char *name, size_t len, int with_ref, struct council_col *col)
{
	static const struct {
		const char *name;
		enum council_col_kind kind;
	} fixed[] = {
		{ "rank", COUNCIL_RANK }, { "scenario", COUNCIL_SCENARIO }, { "name", COUNCIL_NAME },
	};
	size_t pl = strlen(COMPARE_DELTA_PREFIX);
	int delta = len > pl && strncmp(name, COMPARE_DELTA_PREFIX, pl) == 0;

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (strlen(fixed[i].name) == len && strncmp(fixed[i].name, name, len) == 0) {
			*col = (struct council_col){ fixed[i].kind, KPI_COUNT };
			return 0;
		}
	for (int k = 0; k < KPI_COUNT; k++) {
		const char *kn = summary_kpis[k].name;

		if (strlen(kn) == len && strncmp(kn, name, len) == 0) {
			*col = (struct council_col){ COUNCIL_KPI, (enum kpi)k };
			return 0;
		}
		if (delta && with_ref && compare_has_delta((enum kpi)k) && strlen(kn) == len - pl
		    && strncmp(kn, name + pl, len - pl) == 0) {
			*col = (struct council_col){ COUNCIL_DELTA, (enum kpi)k };
			return 0;
		}
	}
	return -1;
}

int council_parse_columns(const char *list, int with_ref,
                          struct council_col out[COUNCIL_MAX_COLUMNS], size_t *n,
                          struct err *e)
{
	struct strbuf allowed = STRBUF_INIT;
	const char *s = list;
	int rc = 0;

	*n = 0;
	for (;;) {
		size_t len = strcspn(s, ",");
		struct council_col col;
		char name[COMPARE_LABEL_LEN];

		snprintf(name, sizeof name, "%.*s", (int)len, s);
		if (len == 0) {
			rc = err_set(e, NULL, 0, "--columns", "'%s' has an empty column name; "
			             "write names separated by commas, as in rank,name,feasible", list);
			break;
		}
		if (find_col(s, len, with_ref, &col) != 0) {
			allowed_columns(with_ref, &allowed);
			rc = err_set(e, NULL, 0, name, "unknown column '%s'; allowed: %s", name,
			             strbuf_str(&allowed));
			break;
		}
		if (has_col(out, *n, col)) {
			rc = err_set(e, NULL, 0, name, "column '%s' is named twice", name);
			break;
		}
		if (*n == COUNCIL_MAX_COLUMNS) {
			rc = err_set(e, NULL, 0, "--columns", "more than %d columns; a page of a "
			             "council paper holds %d (comparison.csv has them all)",
			             COUNCIL_MAX_COLUMNS, COUNCIL_MAX_COLUMNS);
			break;
		}
		out[(*n)++] = col;
		if (s[len] == '\0')
			break;
		s += len + 1;
	}
	strbuf_free(&allowed);
	return rc;
}

/* ---- cells ---------------------------------------------------------------------- */

/* The label of col into buf, without its unit. */
static void col_label(const struct comparison *c, const struct council_col *col,
                      char buf[COMPARE_LABEL_LEN])
{
	char label[COMPARE_LABEL_LEN];

	switch (col->kind) {
	case COUNCIL_RANK:
		snprintf(buf, COMPARE_LABEL_LEN, "%s", TR(c, "Rank", "Rang"));
		return;
	case COUNCIL_SCENARIO:
		snprintf(buf, COMPARE_LABEL_LEN, "%s", TR(c, "Scenario", "Szenario"));
		return;
	case COUNCIL_NAME:
		snprintf(buf, COMPARE_LABEL_LEN, "Name");
		return;
	case COUNCIL_KPI:
		compare_kpi_label(col->k, c->lang, buf);
		return;
	case COUNCIL_DELTA:
		compare_kpi_label(col->k, c->lang, label);
		/* U+0394, the capital delta; a KPI's label is far shorter than
		** the room (kpis.def), so nothing is cut. */
		snprintf(buf, COMPARE_LABEL_LEN, "\xce\x94 %.*s", COMPARE_LABEL_LEN - 4, label);
		return;
	}
	buf[0] = '\0';
}

/* The unit of col's values, or NULL for text. */
static const char *col_unit(const struct council_col *col)
{
	switch (col->kind) {
	case COUNCIL_RANK:
		return RANK_UNIT;
	case COUNCIL_KPI:
		return summary_kpis[col->k].unit;
	case COUNCIL_DELTA:
		return compare_delta_unit(summary_kpis[col->k].unit);
	default:
		return NULL;
	}
}

/* Sets cell (r, tc) of t to the name of row `row`; with mark, followed by
** what a reader must know of it: the reference, not feasible. */
static void set_name(struct table *t, size_t r, size_t tc, const struct comparison *c,
                     size_t row, int mark)
{
	struct strbuf b = STRBUF_INIT;

	strbuf_printf(&b, "%s", c->rows[row].name);
	if (mark && row == c->ref)
		strbuf_printf(&b, " %s", TR(c, "(reference)", "(Referenz)"));
	if (mark && !compare_feasible(&c->rows[row]))
		strbuf_printf(&b, " %s", TR(c, "(not feasible)", "(nicht finanzierbar)"));
	table_set_text(t, r, tc, strbuf_str(&b));
	if (b.failed)
		t->failed = 1;
	strbuf_free(&b);
}

/* Sets cell (r, tc) of t to column col of the row at place i of the
** ranking; mark as set_name. */
static void set_cell(struct table *t, size_t r, size_t tc, const struct comparison *c,
                     size_t i, const struct council_col *col, int mark)
{
	size_t row = c->order[i];
	const struct summary *kpi = &c->rows[row].kpi;

	switch (col->kind) {
	case COUNCIL_RANK:
		table_set_number(t, r, tc, (double)c->rank[i], RANK_UNIT);
		break;
	case COUNCIL_SCENARIO:
		table_set_text(t, r, tc, c->rows[row].id);
		break;
	case COUNCIL_NAME:
		set_name(t, r, tc, c, row, mark);
		break;
	case COUNCIL_KPI:
		table_set_number(t, r, tc, kpi->v[col->k], col_unit(col));
		break;
	case COUNCIL_DELTA:
		table_set_number(t, r, tc, c->ref < c->n
		                 ? compare_delta(kpi, &c->rows[c->ref].kpi, col->k) : NAN,
		                 col_unit(col));
		break;
	}
}

/* ---- notes ---------------------------------------------------------------------- */

/* rate in percent as a table shows it: "3.1" (German "3,1"). */
static void percent_text(const struct comparison *c, double rate, char buf[MDTABLE_VALUE_LEN])
{
	snprintf(buf, MDTABLE_VALUE_LEN, "%g", rate * 100);
	if (c->lang == PLOT_DE)
		for (char *s = buf; *s; s++)
			if (*s == '.')
				*s = ',';
}

/* 1 when rows a and b discount alike: the same rate, base year and
** convention. A row without parameters discounts like none other. */
static int same_discounting(const struct compare_entry *a, const struct compare_entry *b)
{
	return a->p && b->p && a->p->finance_discount_rate == b->p->finance_discount_rate
	       && a->p->sim_start_year == b->p->sim_start_year
	       && a->p->finance_discounting == b->p->finance_discounting;
}

/* Appends to b the ids of the rows that discount as row r does, when not
** all rows do: "For a, b: ". */
static void discount_group(const struct comparison *c, size_t r, struct strbuf *b)
{
	size_t same = 0, k = 0;

	for (size_t i = 0; i < c->n; i++)
		same += same_discounting(&c->rows[i], &c->rows[r]);
	if (same == c->n)
		return;
	strbuf_printf(b, "%s ", TR(c, "For", "Für"));
	for (size_t i = 0; i < c->n; i++)
		if (same_discounting(&c->rows[i], &c->rows[r]))
			strbuf_printf(b, "%s%s", k++ ? ", " : "", c->rows[i].id);
	strbuf_printf(b, ": ");
}

/*
** Adds to t what its amounts are: nominal, in the prices of each year; and
** with discounted (present values in t), how they are discounted: a note
** per discounting that the rows use (MODEL.md 12.2).
*/
static void money_notes(struct table *t, const struct comparison *c, int discounted)
{
	const struct model_params *p0 = c->n > 0 ? c->rows[0].p : NULL;
	struct strbuf nb = STRBUF_INIT;

	/* The price index is 1 in the first fiscal year (MODEL.md 2.1). */
	strbuf_printf(&nb, "%s", discounted
	              ? TR(c, "Amounts are nominal: EUR in the prices of each year",
	                   "Beträge nominal: EUR in den Preisen des jeweiligen Jahres")
	              : TR(c, "Amounts are nominal and not discounted: EUR in the prices of "
	                      "each year", "Beträge nominal und nicht abgezinst: EUR in den "
	                      "Preisen des jeweiligen Jahres"));
	if (p0)
		strbuf_printf(&nb, TR(c, " (price base %d)", " (Preisbasis %d)"),
		              (int)p0->sim_start_year);
	strbuf_printf(&nb, "%s", discounted ? TR(c, "; totals are not discounted.",
	                                        "; Summen sind nicht abgezinst.") : ".");
	table_add_note(t, "%s", strbuf_str(&nb));
	if (nb.failed)
		t->failed = 1;
	strbuf_free(&nb);
	if (!discounted)
		return;
	for (size_t r = 0; r < c->n; r++) {
		const struct model_params *p = c->rows[r].p;
		struct strbuf b = STRBUF_INIT;
		char rate[MDTABLE_VALUE_LEN];
		int seen = 0;

		for (size_t i = 0; i < r; i++)
			seen |= same_discounting(&c->rows[i], &c->rows[r]);
		if (seen || !p)
			continue;
		percent_text(c, p->finance_discount_rate, rate);
		discount_group(c, r, &b);
		if ((int)p->finance_discounting == DISCOUNT_WIBE)
			strbuf_printf(&b, TR(c, "Present values are discounted at %s %% a year to the "
			                        "base year %d, each fiscal year's flows counted at its "
			                        "start, so the first year is undiscounted (WiBe 5.0 "
			                        "convention, finance.discounting = wibe).",
			                     "Barwerte sind mit %s %% pro Jahr auf das Basisjahr %d "
			                     "abgezinst, die Zahlungen eines Haushaltsjahres zu seinem "
			                     "Beginn gerechnet, das erste Jahr also nicht abgezinst "
			                     "(Konvention der WiBe 5.0, finance.discounting = wibe)."),
			              rate, (int)p->sim_start_year);
		else
			strbuf_printf(&b, TR(c, "Present values are discounted at %s %% a year to "
			                        "1 January %d, each year's flows counted at the year's "
			                        "end (year-end convention, finance.discounting = "
			                        "year_end).",
			                     "Barwerte sind mit %s %% pro Jahr auf den 1. Januar %d "
			                     "abgezinst, die Zahlungen eines Jahres zu seinem Ende "
			                     "gerechnet (Jahresendkonvention, finance.discounting = "
			                     "year_end)."),
			              rate, (int)p->sim_start_year);
		table_add_note(t, "%s", strbuf_str(&b));
		if (b.failed)
			t->failed = 1;
		strbuf_free(&b);
	}
}

/* 1 when any of cols (n) holds money in EUR; with pv, a present value. */
static int has_money(const struct council_col *cols, size_t n, int pv)
{
	for (size_t i = 0; i < n; i++)
		if ((cols[i].kind == COUNCIL_KPI || cols[i].kind == COUNCIL_DELTA)
		    && strcmp(summary_kpis[cols[i].k].unit, "EUR") == 0
		    && (!pv || strncmp(summary_kpis[cols[i].k].name, "pv_", 3) == 0))
			return 1;
	return 0;
}

/* ---- the tables ----------------------------------------------------------------- */

/* Returns t, or NULL having freed it when a setter failed. */
static struct table *finished(struct table *t)
{
	if (t && table_failed(t)) {
		table_free(t);
		return NULL;
	}
	return t;
}

/*
** A table of a row per strategy (in ranked order) and a column per col (n);
** names marked as set_name does when mark_all, the reference's alone when
** mark_ref. NULL when memory runs out.
*/
static struct table *strategy_rows(const struct comparison *c, const struct council_col *cols,
                                   size_t n, int mark_all, int mark_ref)
{
	struct table *t = table_new(c->n, n);

	if (!t)
		return NULL;
	for (size_t j = 0; j < n; j++) {
		char key[COMPARE_LABEL_LEN], label[COMPARE_LABEL_LEN];

		council_col_key(&cols[j], key);
		col_label(c, &cols[j], label);
		table_set_col(t, j, key, label, col_unit(&cols[j]));
	}
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = 0; j < n; j++)
			set_cell(t, i, j, c, i, &cols[j],
			         mark_all || (mark_ref && c->order[i] == c->ref));
	return t;
}

struct table *council_full(const struct comparison *c)
{
	struct council_col cols[3 + 2 * KPI_COUNT];
	size_t n = 0;

	cols[n++] = (struct council_col){ COUNCIL_RANK, KPI_COUNT };
	cols[n++] = (struct council_col){ COUNCIL_SCENARIO, KPI_COUNT };
	cols[n++] = (struct council_col){ COUNCIL_NAME, KPI_COUNT };
	for (int k = 0; k < KPI_COUNT; k++)
		cols[n++] = (struct council_col){ COUNCIL_KPI, (enum kpi)k };
	for (int k = 0; c->ref < c->n && k < KPI_COUNT; k++)
		if (compare_has_delta((enum kpi)k))
			cols[n++] = (struct council_col){ COUNCIL_DELTA, (enum kpi)k };
	return finished(strategy_rows(c, cols, n, 0, 0));
}

/* Without a feasible column, the names say which strategy is not. */
struct table *council_view(const struct comparison *c, const struct council_col *cols,
                           size_t n)
{
	int mark = !has_col(cols, n, (struct council_col){ COUNCIL_KPI, KPI_feasible });
	struct table *t = strategy_rows(c, cols, n, mark, 1);

	if (!t)
		return NULL;
	table_set_title(t, "%s", TR(c, "Key figures", "Kennzahlen"));
	if (has_money(cols, n, 0))
		money_notes(t, c, has_money(cols, n, 1));
	return finished(t);
}

size_t council_transposed_parts(const struct comparison *c)
{
	return (c->n + TRANSPOSED_STRATEGIES - 1) / TRANSPOSED_STRATEGIES;
}

struct table *council_transposed(const struct comparison *c, const struct council_col *cols,
                                 size_t n, size_t part)
{
	size_t first = part * TRANSPOSED_STRATEGIES, nrows = 0, r = 0;
	size_t count = first < c->n ? c->n - first : 0;
	struct table *t;

	if (count > TRANSPOSED_STRATEGIES)
		count = TRANSPOSED_STRATEGIES;
	for (size_t j = 0; j < n; j++)
		nrows += cols[j].kind != COUNCIL_SCENARIO && cols[j].kind != COUNCIL_NAME;
	t = table_new(nrows, 1 + count);
	if (!t)
		return NULL;
	if (council_transposed_parts(c) > 1)
		table_set_title(t, TR(c, "Key figures (%zu of %zu)", "Kennzahlen (%zu von %zu)"),
		                part + 1, council_transposed_parts(c));
	else
		table_set_title(t, "%s", TR(c, "Key figures", "Kennzahlen"));
	table_set_col(t, 0, "key_figure", TR(c, "Key figure", "Kennzahl"), NULL);
	/* The strategies' names head their columns, marked as in the view. */
	for (size_t s = 0; s < count; s++) {
		struct table *one = table_new(1, 1);

		if (!one) {
			t->failed = 1;
			break;
		}
		set_name(one, 0, 0, c, c->order[first + s], 1);
		if (!table_failed(one))
			table_set_col(t, 1 + s, c->rows[c->order[first + s]].id,
			              table_at(one, 0, 0)->text, NULL);
		else
			t->failed = 1;
		table_free(one);
	}
	for (size_t j = 0; j < n; j++) {
		char label[COMPARE_LABEL_LEN];

		if (cols[j].kind == COUNCIL_SCENARIO || cols[j].kind == COUNCIL_NAME)
			continue;
		col_label(c, &cols[j], label);
		table_set_label(t, r, 0, label, col_unit(&cols[j]));
		for (size_t s = 0; s < count; s++)
			set_cell(t, r, 1 + s, c, first + s, &cols[j], 1);
		r++;
	}
	if (has_money(cols, n, 0))
		money_notes(t, c, has_money(cols, n, 1));
	return finished(t);
}

/* The titles and explanations of the burden items. */
static const struct {
	const char *title, *title_de, *note, *note_de;
} burden_texts[BURDEN_ITEMS] = {
	[BURDEN_OWN_COST] = {
		"Own cost per budget year", "Eigene Kosten je Haushaltsjahr",
		"Own cost: investment, debt service and contract fees, less grants, loan "
		"proceeds, partner capital and the routine renewal the base budget pays "
		"(MODEL.md 12.6); a loan counts when it is repaid.",
		"Eigene Kosten: Investitionen, Schuldendienst und Vertragsentgelte abzüglich "
		"Fördermitteln, Kreditaufnahmen, Partnerkapital und der laufenden Erneuerung aus "
		"dem Basisbudget (MODEL.md 12.6); ein Kredit zählt, wenn er getilgt wird." },
	[BURDEN_DEBT_SERVICE] = {
		"Debt service per budget year", "Schuldendienst je Haushaltsjahr",
		"Debt service: loan interest and repayment, which the treasury pays outside the "
		"IT budget (MODEL.md 12.5).",
		"Schuldendienst: Zinsen und Tilgung der Kredite, die die Kämmerei außerhalb des "
		"IT-Budgets zahlt (MODEL.md 12.5)." },
	[BURDEN_FEES] = {
		"Contract fees per budget year", "Vertragsentgelte je Haushaltsjahr",
		"Fees of as-a-service and PPP contracts (MODEL.md 12.4).",
		"Entgelte der As-a-Service- und ÖPP-Verträge (MODEL.md 12.4)." },
	[BURDEN_GRANTS] = {
		"Grants received per budget year", "Erhaltene Fördermittel je Haushaltsjahr",
		"Grants received (MODEL.md 12.3); they lower the own cost.",
		"Erhaltene Fördermittel (MODEL.md 12.3); sie senken die eigenen Kosten." },
};

struct table *council_burden(const struct comparison *c, enum burden_item item)
{
	int first = 0, have = 0;
	size_t years = 0;
	struct table *t;

	for (size_t i = 0; i < c->n; i++) {
		const struct burden *b = c->rows[i].burden;

		if (b && b->nyears > 0 && (!have || b->first_year < first)) {
			first = b->first_year;
			have = 1;
		}
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct burden *b = c->rows[i].burden;

		if (b && b->nyears > 0) {
			size_t end = (size_t)(b->first_year - first) + b->nyears;

			years = end > years ? end : years;
		}
	}
	if (years > COUNCIL_BURDEN_YEARS)
		years = COUNCIL_BURDEN_YEARS;
	t = table_new(c->n, 2 + years);
	if (!t)
		return NULL;
	table_set_title(t, "%s", TR(c, burden_texts[item].title, burden_texts[item].title_de));
	table_set_col(t, 0, "name", "Name", NULL);
	for (size_t y = 0; y < years; y++) {
		char year[24];

		snprintf(year, sizeof year, "%d", first + (int)y);
		table_set_col(t, 1 + y, year, year, "EUR");
	}
	table_set_col(t, 1 + years, "total", TR(c, "Horizon total", "Summe Zeitraum"), "EUR");
	for (size_t i = 0; i < c->n; i++) {
		const struct burden *b = c->rows[c->order[i]].burden;

		set_name(t, i, 0, c, c->order[i], 1);
		for (size_t y = 0; y < years; y++) {
			long k = b ? (long)first + (long)y - b->first_year : -1;

			table_set_number(t, i, 1 + y, b && k >= 0 && (size_t)k < b->nyears
			                 ? b->v[k][item] : NAN, "EUR");
		}
		table_set_number(t, i, 1 + years, b ? b->total[item] : NAN, "EUR");
	}
	table_add_note(t, "%s", TR(c, burden_texts[item].note, burden_texts[item].note_de));
	table_add_note(t, "%s", TR(c, "The horizon total is the sum over every fiscal year of a "
	                              "scenario's horizon.",
	                           "Die Summe umfasst alle Haushaltsjahre des "
	                           "Betrachtungszeitraums eines Szenarios."));
	money_notes(t, c, 0);
	return finished(t);
}

struct table *council_burden_data(const struct comparison *c)
{
	size_t nrows = 0, r = 0;
	struct table *t;

	for (size_t i = 0; i < c->n; i++)
		nrows += c->rows[i].burden ? c->rows[i].burden->nyears : 0;
	t = table_new(nrows, 3 + BURDEN_ITEMS);
	if (!t)
		return NULL;
	table_set_col(t, 0, "scenario", TR(c, "Scenario", "Szenario"), NULL);
	table_set_col(t, 1, "name", "Name", NULL);
	table_set_col(t, 2, "year", TR(c, "Year", "Jahr"), "year");
	for (int i = 0; i < BURDEN_ITEMS; i++)
		table_set_col(t, 3 + (size_t)i, outvars_table[burden_columns[i]].name,
		              TR(c, burden_texts[i].title, burden_texts[i].title_de), "EUR");
	for (size_t k = 0; k < c->n; k++) {
		const struct compare_entry *row = &c->rows[c->order[k]];

		for (size_t y = 0; row->burden && y < row->burden->nyears; y++, r++) {
			table_set_text(t, r, 0, row->id);
			table_set_text(t, r, 1, row->name);
			table_set_number(t, r, 2, row->burden->first_year + (double)y, "year");
			for (int i = 0; i < BURDEN_ITEMS; i++)
				table_set_number(t, r, 3 + (size_t)i, row->burden->v[y][i], "EUR");
		}
	}
	return finished(t);
}

/*
** The columns of the WiBe table: a KPI (or, for a category dtsim does not
** model, KPI_COUNT: no value) under WiBe's name for it.
*/
static const struct {
	const char *key;
	enum kpi k;
	const char *label, *label_de;
} wibe_cols[] = {
	{ "pv_cost_eur", KPI_pv_cost_eur,
	  "PV budget-relevant costs", "Barwert haushaltswirksame Kosten" },
	{ "pv_cash_benefit_eur", KPI_pv_cash_benefit_eur,
	  "PV budget-relevant benefits", "Barwert haushaltswirksamer Nutzen" },
	{ "pv_non_budget_cost_eur", KPI_COUNT,
	  "PV non-budget-relevant costs", "Barwert nicht haushaltswirksame Kosten" },
	{ "pv_capacity_benefit_eur", KPI_pv_capacity_benefit_eur,
	  "PV non-budget-relevant benefits", "Barwert nicht haushaltswirksamer Nutzen" },
	{ "pv_net_benefit_eur", KPI_pv_net_benefit_eur,
	  "NPV budget-relevant", "Kapitalwert haushaltswirksam" },
	{ "pv_net_benefit_total_eur", KPI_pv_net_benefit_total_eur,
	  "NPV (Kapitalwert)", "Kapitalwert" },
};

#define WIBE_NCOLS (sizeof wibe_cols / sizeof wibe_cols[0])

struct table *council_wibe(const struct comparison *c)
{
	int ref = c->ref < c->n;
	struct table *t = table_new(c->n, 1 + WIBE_NCOLS + (size_t)ref);

	if (!t)
		return NULL;
	table_set_title(t, "%s", TR(c, "Economic efficiency (structure of WiBe 5.0)",
	                            "Wirtschaftlichkeit (Gliederung nach WiBe 5.0)"));
	table_set_col(t, 0, "name", "Name", NULL);
	for (size_t j = 0; j < WIBE_NCOLS; j++)
		table_set_col(t, 1 + j, wibe_cols[j].key,
		              TR(c, wibe_cols[j].label, wibe_cols[j].label_de), "EUR");
	if (ref)
		table_set_col(t, 1 + WIBE_NCOLS, COMPARE_DELTA_PREFIX "pv_net_benefit_total_eur",
		              TR(c, "\xce\x94 NPV against the reference",
		                 "\xce\x94 Kapitalwert zur Referenz"), "EUR");
	for (size_t i = 0; i < c->n; i++) {
		const struct summary *kpi = &c->rows[c->order[i]].kpi;

		set_name(t, i, 0, c, c->order[i], 1);
		for (size_t j = 0; j < WIBE_NCOLS; j++)
			table_set_number(t, i, 1 + j,
			                 wibe_cols[j].k < KPI_COUNT ? kpi->v[wibe_cols[j].k] : NAN, "EUR");
		if (ref)
			table_set_number(t, i, 1 + WIBE_NCOLS,
			                 compare_delta(kpi, &c->rows[c->ref].kpi,
			                               KPI_pv_net_benefit_total_eur), "EUR");
	}
	table_add_note(t, "%s", TR(c,
	    "Structure of the monetary part of a WiBe 5.0 (CIO Bund, WiBe Fachkonzept IT 5.0, "
	    "2015): budget-relevant costs are the own cost with the loans left at the end; "
	    "budget-relevant benefits the cash released (O&M, paper and postage, posts, "
	    "incidents avoided); non-budget-relevant benefits the staff time freed and kept; "
	    "dtsim models no non-budget-relevant cost (shown as a dash). The NPV (Kapitalwert) "
	    "is all benefits less all costs. docs/MODEL.md 12.8 maps every column.",
	    "Gliederung des monetären Teils einer WiBe 5.0 (CIO Bund, WiBe Fachkonzept IT 5.0, "
	    "2015): haushaltswirksame Kosten sind die eigenen Kosten samt der am Ende offenen "
	    "Kredite; haushaltswirksamer Nutzen sind die freigesetzten Mittel (Betrieb und "
	    "Wartung, Papier und Porto, Stellen, vermiedene Sicherheitsvorfälle); nicht "
	    "haushaltswirksamer Nutzen ist die freigesetzte und behaltene Arbeitszeit; nicht "
	    "haushaltswirksame Kosten bildet dtsim nicht ab (Strich). Der Kapitalwert ist aller "
	    "Nutzen abzüglich aller Kosten. docs/MODEL.md 12.8 ordnet jede Spalte zu."));
	money_notes(t, c, 1);
	return finished(t);
}

/* ---- comparison.md --------------------------------------------------------------- */

/* The sentences that say how the strategies are ranked, marked and
** compared. */
static void put_intro(FILE *f, const struct comparison *c)
{
	char header[MDTABLE_HEADER_LEN], none[MDTABLE_VALUE_LEN];
	enum kpi by = c->by;
	int better = summary_kpis[by].better;
	size_t nnan = 0, ties = 0, infeasible = 0, k = 0;

	compare_kpi_header(by, c->lang, header);
	mdtable_format_value(summary_kpis[by].unit, NAN, c->lang, none);
	for (size_t i = 0; i < c->n; i++) {
		nnan += isnan(c->rows[c->order[i]].kpi.v[by]) != 0;
		ties += i > 0 && c->rank[i] == c->rank[i - 1];
		infeasible += !compare_feasible(&c->rows[i]);
	}
	fprintf(f, "%s **", TR(c, "Ranked by", "Rangfolge nach"));
	mdtable_text(f, header);
	fprintf(f, "** (`%s`): ", summary_kpis[by].name);
	if (better > 0)
		fputs(TR(c, "higher is better, so the highest comes first.",
		         "höher ist besser, der höchste Wert steht vorn."), f);
	else if (better < 0)
		fputs(TR(c, "lower is better, so the lowest comes first.",
		         "niedriger ist besser, der niedrigste Wert steht vorn."), f);
	else
		fputs(TR(c, "neither higher nor lower is better in itself; "
		            "listed from the highest to the lowest.",
		         "weder höher noch niedriger ist an sich besser; "
		         "vom höchsten zum niedrigsten Wert."), f);
	if (ties)
		fputs(TR(c, " Equal values share a rank.", " Gleiche Werte teilen sich einen Rang."), f);
	if (nnan)
		fprintf(f, TR(c, " Scenarios without a value (%s) come last.",
		              " Szenarien ohne Wert (%s) stehen hinten."), none);
	fputs(TR(c, "\n\nA strategy is feasible when its plan was affordable: no funding gap, no "
	            "year short of money and cash never below zero (`feasible`). Infeasible "
	            "strategies are marked and ranked after every feasible one, whatever their "
	            "value.",
	         "\n\nFinanzierbar ist eine Strategie, wenn ihr Plan bezahlbar war: keine "
	         "Finanzierungslücke, kein Jahr mit fehlenden Mitteln und nie ein negativer "
	         "Kassenstand (`feasible`). Nicht finanzierbare Strategien sind markiert und stehen "
	         "hinter allen finanzierbaren, wie gut ihr Wert auch ist."), f);
	if (infeasible) {
		fprintf(f, " %s ", TR(c, "Not feasible:", "Nicht finanzierbar:"));
		for (size_t i = 0; i < c->n; i++)
			if (!compare_feasible(&c->rows[c->order[i]])) {
				fputs(k++ ? ", " : "", f);
				mdtable_text(f, c->rows[c->order[i]].name);
			}
		fputs(".", f);
	}
	if (c->ref < c->n) {
		fprintf(f, TR(c, "\n\nDifferences (%s) are against the reference scenario ",
		              "\n\nDifferenzen (%s) beziehen sich auf das Referenzszenario "),
		        "\xce\x94");
		mdtable_text(f, c->rows[c->ref].name);
		fputs(" (", f);
		mdtable_text(f, c->rows[c->ref].id);
		fputs(").", f);
	}
	fputs("\n", f);
}

/* Writes t after a blank line and frees it; -1 when t is NULL (memory ran
** out). */
static int put_table(FILE *f, struct table *t, enum plot_lang lang)
{
	if (!t)
		return -1;
	fputs("\n", f);
	mdtable_write(f, t, 2, lang);
	table_free(t);
	return 0;
}

int council_write_md(const char *path, const struct comparison *c,
                     const struct council_col *cols, size_t n, int transpose, struct err *e)
{
	struct afile *af;
	FILE *f;
	int rc = 0;

	for (size_t i = 0; i < c->n; i++)
		for (int k = 0; k < KPI_COUNT; k++)
			if (isinf(c->rows[i].kpi.v[k]))
				return err_set(e, path, 0, summary_kpis[k].name,
				               "cannot write %s: %s of %s is %g; only finite numbers "
				               "or an empty value are shown", path,
				               summary_kpis[k].name, c->rows[i].id, c->rows[i].kpi.v[k]);
	af = afile_open(path, e);
	if (!af)
		return -1;
	f = afile_stream(af);
	fprintf(f, "# %s\n\n", TR(c, "Scenario comparison", "Szenarienvergleich"));
	put_intro(f, c);
	if (transpose) {
		for (size_t p = 0; rc == 0 && p < council_transposed_parts(c); p++)
			rc = put_table(f, council_transposed(c, cols, n, p), c->lang);
	} else {
		rc = put_table(f, council_view(c, cols, n), c->lang);
	}
	for (int item = 0; rc == 0 && item < BURDEN_ITEMS; item++)
		rc = put_table(f, council_burden(c, (enum burden_item)item), c->lang);
	if (rc == 0)
		rc = put_table(f, council_wibe(c), c->lang);
	if (rc != 0) {
		afile_abort(af);
		return err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
	}
	return afile_commit(af, e);
}

/* Writes t (freed here) to path as CSV in dialect d; t NULL means memory
** ran out. key_col names a row in a message. */
static int write_table_csv(const char *path, struct table *t, size_t key_col,
                           enum csvdialect d, struct err *e)
{
	int rc;

	if (!t)
		return err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
	rc = tablecsv_write(path, t, key_col, d, e);
	table_free(t);
	return rc;
}

int council_write_csv(const char *path, const struct comparison *c, enum csvdialect d,
                      struct err *e)
{
	return write_table_csv(path, council_full(c), 1, d, e);
}

int council_write_burden_csv(const char *path, const struct comparison *c,
                             enum csvdialect d, struct err *e)
{
	return write_table_csv(path, council_burden_data(c), 0, d, e);
}
