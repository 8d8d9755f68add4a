/*
** keyfig.c: the key figures of a scenario and the sentence that answers
** its question (keyfig.h).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "keyfig.h"

/* What a missing value shows: an en dash. */
#define KEYFIG_NONE "\xe2\x80\x93"
/* The minus sign U+2212 of German number typesetting. */
#define KEYFIG_MINUS_DE "\xe2\x88\x92"

void keyfig_from(const struct summary *s, const struct summary *ref, double target,
                 int end_year, struct keyfig *k)
{
	k->target = target;
	k->end_year = end_year;
	k->target_year = s->v[KPI_target_year];
	k->end_maturity = s->v[KPI_end_service_maturity];
	k->pv_cost_eur = s->v[KPI_pv_cost_eur];
	k->pv_net_benefit_eur = s->v[KPI_pv_net_benefit_eur];
	k->pv_net_vs_ref_eur = ref ? s->v[KPI_pv_net_benefit_eur] - ref->v[KPI_pv_net_benefit_eur]
	                           : NAN;
	k->payback_year = s->v[KPI_payback_year];
	k->funding_gap_eur = s->v[KPI_total_funding_gap_eur];
	k->shortfall_years = s->v[KPI_shortfall_years];
	k->end_cash_eur = s->v[KPI_end_cash_eur];
	k->interest_eur = s->v[KPI_total_interest_eur];
	k->peak_loan_eur = s->v[KPI_peak_loan_balance_eur];
}

/*
** Appends the number text (a C-locale "%.*f" result) in lang: German gets a
** decimal comma and, for a negative number, the minus sign U+2212; a number
** that shows as zero loses its sign.
*/
static void put_number(const char *text, enum plot_lang lang, struct strbuf *b)
{
	const char *t = text;

	if (t[0] == '-') {
		t++;
		if (strspn(t, "0.") != strlen(t))
			strbuf_printf(b, "%s", lang == PLOT_DE ? KEYFIG_MINUS_DE : "-");
	}
	for (; *t; t++)
		strbuf_add(b, *t == '.' && lang == PLOT_DE ? "," : t, 1);
}

void keyfig_money(double eur, enum plot_lang lang, struct strbuf *b)
{
	static const struct {
		double scale;
		const char *en, *de;
	} units[] = { { 1e6, "m", "Mio." }, { 1e3, "k", "Tsd." }, { 1.0, "", "" } };
	double a = fabs(eur), v;
	char text[64];
	size_t u = 0;
	int decimals;

	if (isnan(eur)) {
		strbuf_printf(b, "%s", KEYFIG_NONE);
		return;
	}
	/* Millions from EUR 10,000, thousands from EUR 1,000 (rounded), else
	** whole euros: EUR 10.97 is "EUR 11", not "EUR 0.01 k". */
	u = a >= 1e4 ? 0 : a >= 999.5 ? 1 : 2;
	v = eur / units[u].scale;
	decimals = u == 2 || fabs(v) >= 99.95 ? 0 : fabs(v) >= 9.995 ? 1 : 2;
	snprintf(text, sizeof text, "%.*f", decimals, v);
	if (strchr(text, '.')) {
		char *end = text + strlen(text);

		while (end[-1] == '0')
			*--end = '\0';
		if (end[-1] == '.')
			end[-1] = '\0';
	}
	if (lang == PLOT_DE) {
		put_number(text, lang, b);
		strbuf_printf(b, "%s%s EUR", units[u].de[0] ? " " : "", units[u].de);
	} else {
		strbuf_printf(b, "EUR ");
		put_number(text, lang, b);
		strbuf_printf(b, "%s%s", units[u].en[0] ? " " : "", units[u].en);
	}
}

void keyfig_percent(double share, enum plot_lang lang, struct strbuf *b)
{
	double pc = share * 100.0;
	char text[64];

	if (isnan(share)) {
		strbuf_printf(b, "%s", KEYFIG_NONE);
		return;
	}
	snprintf(text, sizeof text, "%.*f", fabs(pc - round(pc)) < 0.05 ? 0 : 1, pc);
	put_number(text, lang, b);
	strbuf_printf(b, " %%");
}

/* The texts of both languages: [0] English, [1] German. */
#define TR(en, de) { en, de }

static const char *const item_label[KEYFIG_NITEMS][2] = {
	[KEYFIG_TARGET] = TR("Target", "Ziel"),
	[KEYFIG_PV_COST] = TR("Own cost (present value)", "Eigene Kosten (Barwert)"),
	[KEYFIG_PV_NET] = TR("Net benefit, budget view (present value)",
	                     "Nettonutzen, Haushaltssicht (Barwert)"),
	[KEYFIG_PV_NET_REF] = TR("Net benefit against the reference (present value)",
	                         "Nettonutzen gegen\xc3\xbc" "ber der Referenz (Barwert)"),
	[KEYFIG_PAYBACK] = TR("Payback", "Amortisation"),
	[KEYFIG_FUNDING_GAP] = TR("Funding gap", "Finanzierungsl\xc3\xbc" "cke"),
	[KEYFIG_END_CASH] = TR("Cash at the end of the horizon", "Liquidit\xc3\xa4t am Ende des Zeitraums"),
	[KEYFIG_INTEREST] = TR("Loan interest over the horizon", "Kreditzinsen \xc3\xbc" "ber den Zeitraum"),
	[KEYFIG_PEAK_LOAN] = TR("Largest loan balance", "H\xc3\xb6" "chster Kreditstand"),
};

/* The labels of a dashboard's key-figure box, shorter (the target's is
** item_label's). */
static const char *const box_label[KEYFIG_NITEMS][2] = {
	[KEYFIG_TARGET] = TR("Target", "Ziel"),
	[KEYFIG_PV_COST] = TR("PV own cost", "Barwert Eigenkosten"),
	[KEYFIG_PV_NET] = TR("PV net benefit", "Barwert Nettonutzen"),
	[KEYFIG_PV_NET_REF] = TR("PV net benefit vs. reference", "Nettonutzen gg\xc3\xbc. Referenz"),
	[KEYFIG_PAYBACK] = TR("Payback", "Amortisation"),
	[KEYFIG_FUNDING_GAP] = TR("Funding gap", "Finanzierungsl\xc3\xbc" "cke"),
	[KEYFIG_END_CASH] = TR("Cash at the end", "Liquidit\xc3\xa4t am Ende"),
	[KEYFIG_INTEREST] = TR("Loan interest", "Kreditzinsen"),
	[KEYFIG_PEAK_LOAN] = TR("Peak loan balance", "H\xc3\xb6" "chster Kreditstand"),
};

/* "in 2034" / "not by 2040" as a box shows a year that may not come. */
static void put_year_or_not(double year, int end_year, enum plot_lang lang, struct strbuf *b)
{
	if (isnan(year))
		strbuf_printf(b, lang == PLOT_DE ? "nicht bis %d" : "not by %d", end_year);
	else
		strbuf_printf(b, "%.0f", year);
}

/* Whether k has item i: the difference only with a reference, the loan
** figures only with loans. */
static int has_item(const struct keyfig *k, enum keyfig_item i)
{
	switch (i) {
	case KEYFIG_PV_NET_REF:
		return !isnan(k->pv_net_vs_ref_eur);
	case KEYFIG_INTEREST:
	case KEYFIG_PEAK_LOAN:
		return k->peak_loan_eur > 0;
	default:
		return i != KEYFIG_NITEMS;
	}
}

/* Appends the value of item i of k, which k has. */
static void item_value(const struct keyfig *k, enum keyfig_item i, enum plot_lang lang,
                       struct strbuf *value)
{
	switch (i) {
	case KEYFIG_TARGET:
		if (!isnan(k->target_year))
			strbuf_printf(value, lang == PLOT_DE ? "erreicht " : "reached in ");
		put_year_or_not(k->target_year, k->end_year, lang, value);
		break;
	case KEYFIG_PV_COST:
		keyfig_money(k->pv_cost_eur, lang, value);
		break;
	case KEYFIG_PV_NET:
		keyfig_money(k->pv_net_benefit_eur, lang, value);
		break;
	case KEYFIG_PV_NET_REF:
		keyfig_money(k->pv_net_vs_ref_eur, lang, value);
		break;
	case KEYFIG_PAYBACK:
		put_year_or_not(k->payback_year, k->end_year, lang, value);
		break;
	case KEYFIG_FUNDING_GAP:
		if (!(k->funding_gap_eur > 0)) {
			strbuf_printf(value, lang == PLOT_DE ? "keine" : "none");
		} else {
			keyfig_money(k->funding_gap_eur, lang, value);
			strbuf_printf(value, lang == PLOT_DE ? " in %.0f Jahr%s" : " in %.0f year%s",
			              k->shortfall_years,
			              k->shortfall_years == 1 ? "" : lang == PLOT_DE ? "en" : "s");
		}
		break;
	case KEYFIG_END_CASH:
		keyfig_money(k->end_cash_eur, lang, value);
		break;
	case KEYFIG_INTEREST:
		keyfig_money(k->interest_eur, lang, value);
		break;
	case KEYFIG_PEAK_LOAN:
		keyfig_money(k->peak_loan_eur, lang, value);
		break;
	case KEYFIG_NITEMS:
		break;
	}
}

/* Appends the label of item i from labels; the target's names its share. */
static void put_label(const char *const labels[][2], const struct keyfig *k,
                      enum keyfig_item i, enum plot_lang lang, struct strbuf *label)
{
	strbuf_printf(label, "%s", labels[i][lang == PLOT_DE]);
	if (i == KEYFIG_TARGET) {
		strbuf_printf(label, " ");
		keyfig_percent(k->target, lang, label);
	}
}

int keyfig_item(const struct keyfig *k, enum keyfig_item i, enum plot_lang lang,
                struct strbuf *label, struct strbuf *value)
{
	if (!has_item(k, i))
		return -1;
	put_label(item_label, k, i, lang, label);
	item_value(k, i, lang, value);
	return 0;
}

int keyfig_box_item(const struct keyfig *k, enum keyfig_item i, enum plot_lang lang,
                    struct strbuf *text)
{
	if (!has_item(k, i))
		return -1;
	put_label(box_label, k, i, lang, text);
	strbuf_printf(text, ": ");
	item_value(k, i, lang, text);
	return 0;
}

/* Does it work and can we pay, left; what it costs and is worth, right. */
int keyfig_box_column(enum keyfig_item i)
{
	return !(i == KEYFIG_TARGET || i == KEYFIG_PAYBACK || i == KEYFIG_END_CASH
	         || i == KEYFIG_INTEREST);
}

/* German: "Erreicht 80 % der Dienste online im Jahr 2034, bei eigenen
** Kosten mit einem Barwert von 41,2 Mio. EUR." */
void keyfig_answer(const struct keyfig *k, enum plot_lang lang, struct strbuf *b)
{
	int de = lang == PLOT_DE;
	double gap_years = k->shortfall_years;

	if (isnan(k->target_year) && de) {
		strbuf_printf(b, "Erreicht bis %d nicht ", k->end_year);
		keyfig_percent(k->target, lang, b);
		strbuf_printf(b, " der Dienste online (am Ende ");
		keyfig_percent(k->end_maturity, lang, b);
		strbuf_printf(b, "), bei eigenen Kosten mit einem Barwert von ");
	} else if (isnan(k->target_year)) {
		strbuf_printf(b, "Does not reach ");
		keyfig_percent(k->target, lang, b);
		strbuf_printf(b, " of services online by %d (", k->end_year);
		keyfig_percent(k->end_maturity, lang, b);
		strbuf_printf(b, " at the end), at a present own cost of ");
	} else {
		strbuf_printf(b, "%s", de ? "Erreicht " : "Reaches ");
		keyfig_percent(k->target, lang, b);
		strbuf_printf(b, de ? " der Dienste online im Jahr %.0f, bei eigenen Kosten mit"
		                      " einem Barwert von "
		                    : " of services online in %.0f, at a present own cost of ",
		              k->target_year);
	}
	keyfig_money(k->pv_cost_eur, lang, b);
	if (!isnan(k->pv_net_vs_ref_eur) && k->pv_net_vs_ref_eur != 0) {
		strbuf_printf(b, "%s", de ? " und einem Nettonutzen, der im Barwert um "
		                          : " and a present net benefit ");
		keyfig_money(fabs(k->pv_net_vs_ref_eur), lang, b);
		if (de)
			strbuf_printf(b, " %s als im Referenzszenario liegt",
			              k->pv_net_vs_ref_eur > 0 ? "h\xc3\xb6her" : "niedriger");
		else
			strbuf_printf(b, " %s than the reference scenario's",
			              k->pv_net_vs_ref_eur > 0 ? "higher" : "lower");
	}
	strbuf_printf(b, ".");
	if (k->funding_gap_eur > 0) {
		if (de)
			strbuf_printf(b, " Das Geld reicht in %.0f Jahr%s nicht (Finanzierungsl\xc3\xbc"
			              "cke ", gap_years, gap_years == 1 ? "" : "en");
		else
			strbuf_printf(b, " Money falls short in %.0f year%s (a funding gap of ",
			              gap_years, gap_years == 1 ? "" : "s");
		keyfig_money(k->funding_gap_eur, lang, b);
		strbuf_printf(b, ").");
	}
}
