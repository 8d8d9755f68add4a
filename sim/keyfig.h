/*
** keyfig.h: the key figures that answer a scenario's question, from its
** KPIs (summary.h): the year the maturity target is reached (or "not by
** YEAR"), the present value of the own cost, the present value of the net
** benefit and its difference from a reference scenario, the payback year,
** the funding gap and the years with one. As numbers (struct keyfig), as
** labelled items for a key-figure box, and as the one-sentence answer of a
** report, in English or German. No user text passes through here, so the
** texts need no escaping of their own beyond what their medium needs.
*/
#ifndef DTSIM_KEYFIG_H
#define DTSIM_KEYFIG_H

#include "plot.h"
#include "strbuf.h"
#include "summary.h"

struct keyfig {
	double target;             /* services.target_maturity: a share */
	int end_year;              /* the last fiscal year of the horizon */
	double target_year;        /* first year at the target; NaN: not reached */
	double end_maturity;       /* share at the end */
	double pv_cost_eur;        /* present value of the own cost */
	double pv_net_benefit_eur; /* present value of the net benefit (budget view) */
	double pv_net_vs_ref_eur;  /* that minus the reference's; NaN without one */
	double payback_year;       /* NaN: no payback */
	double funding_gap_eur;    /* planned investment the money did not cover */
	double shortfall_years;    /* fiscal years with a funding gap */
	double end_cash_eur;       /* cash at the end of the horizon */
	double interest_eur;       /* loan interest over the horizon */
	double peak_loan_eur;      /* largest loan balance; 0: no loans */
};

/*
** Fills k from the KPIs s of a run whose maturity target is target (a
** share) and whose horizon ends with fiscal year end_year; ref is the
** reference scenario's KPIs, or NULL (then pv_net_vs_ref_eur is NaN).
*/
void keyfig_from(const struct summary *s, const struct summary *ref, double target,
                 int end_year, struct keyfig *k);

/* The items of a key-figure box, in the order a box shows them. */
enum keyfig_item {
	KEYFIG_TARGET,      /* "Target 80 %": "reached in 2034" / "not by 2040" */
	KEYFIG_PV_COST,     /* "Own cost (present value)": "EUR 41.2 m" */
	KEYFIG_PV_NET,      /* "Net benefit (present value)" */
	KEYFIG_PV_NET_REF,  /* "Net benefit against the reference" (only with one) */
	KEYFIG_PAYBACK,     /* "Payback": "2031" / "not by 2040" */
	KEYFIG_FUNDING_GAP, /* "Funding gap": "none" / "EUR 2.33 m in 13 years" */
	KEYFIG_END_CASH,    /* "Cash at the end of the horizon": "EUR 0" */
	KEYFIG_INTEREST,    /* "Loan interest over the horizon" (only with loans) */
	KEYFIG_PEAK_LOAN,   /* "Largest loan balance" (only with loans) */
	KEYFIG_NITEMS
};

/*
** Appends item i of k to label and value (in lang). Returns 0, or -1 (and
** appends nothing) when k has no such figure: KEYFIG_PV_NET_REF without a
** reference, the loan figures without loans.
*/
int keyfig_item(const struct keyfig *k, enum keyfig_item i, enum plot_lang lang,
                struct strbuf *label, struct strbuf *value);

/*
** Appends item i of k as a dashboard's key-figure box shows it, a shorter
** label and the same value: "PV own cost: EUR 9.15 m", "Target 80 %: not
** by 2040", "Barwert Nettonutzen: \u2212 18,7 Mio. EUR". Returns as
** keyfig_item. The box has two columns: keyfig_box_column(i) is 0 for the
** left one (target, payback, cash, interest: at most
** KEYFIG_BOX_CHARS_LEFT characters), 1 for the right one (present values,
** funding gap, loan balance: at most KEYFIG_BOX_CHARS_RIGHT), for any
** amount below EUR 100 bn (test_keyfig).
*/
int keyfig_box_item(const struct keyfig *k, enum keyfig_item i, enum plot_lang lang,
                    struct strbuf *text);
int keyfig_box_column(enum keyfig_item i);
#define KEYFIG_BOX_CHARS_LEFT  36
#define KEYFIG_BOX_CHARS_RIGHT 50

/*
** Appends the answer to a scenario's question in one sentence (two when
** money falls short), without the scenario's name: "Reaches 80 % of
** services online in 2034, at a present own cost of EUR 41.2 m." or "Does
** not reach 80 % of services online by 2040 (71 % at the end), ...".
*/
void keyfig_answer(const struct keyfig *k, enum plot_lang lang, struct strbuf *b);

/*
** Appends an amount of money as a reader takes it in: millions with three
** significant digits at most (two decimals below 10, one below 100, none
** from 100 on; trailing zeros dropped), "EUR 41.2 m", "EUR 2.33 m", "EUR
** 0.46 m", "EUR 125 m" in English; "41,2 Mio. EUR" in German, with a
** decimal comma and the minus sign U+2212. Below EUR 10,000 in thousands
** alike ("EUR 4.5 k", "4,5 Tsd. EUR"), below EUR 1,000 in whole euros; what
** rounds to 0 is "EUR 0" / "0 EUR", without a sign. A NaN appends "–" (an
** en dash).
*/
void keyfig_money(double eur, enum plot_lang lang, struct strbuf *b);

/* Appends a share as per cent: 0.8 -> "80 %", 0.755 -> "75.5 %" ("75,5 %"). */
void keyfig_percent(double share, enum plot_lang lang, struct strbuf *b);

#endif
