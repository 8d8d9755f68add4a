/*
** test_keyfig.c: the key figures and the answer sentence (sim/keyfig.h):
** money in millions with at most three significant digits (keyfig.h), the
** target year or "not by YEAR", the difference from a reference, the
** funding gap, in English and German.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "keyfig.h"
#include "testutil.h"

static char *money(double eur, enum plot_lang lang)
{
	struct strbuf b = STRBUF_INIT;

	keyfig_money(eur, lang, &b);
	return strbuf_take(&b);
}

static void money_reads_as_a_reader_takes_it(void **state)
{
	static const struct {
		double eur;
		const char *en, *de;
	} cases[] = {
		{ 41.2385e6, "EUR 41.2 m", "41,2 Mio. EUR" },        /* one decimal from 10 */
		{ 2.33485e6, "EUR 2.33 m", "2,33 Mio. EUR" },        /* two below 10 */
		{ 0.4615e6, "EUR 0.46 m", "0,46 Mio. EUR" },
		{ 125.385e6, "EUR 125 m", "125 Mio. EUR" },          /* none from 100 */
		{ -17.6045e6, "EUR -17.6 m", "\xe2\x88\x92" "17,6 Mio. EUR" },
		{ 2.3e6, "EUR 2.3 m", "2,3 Mio. EUR" },              /* trailing zero dropped */
		{ 10e6, "EUR 10 m", "10 Mio. EUR" },
		{ 4538.5, "EUR 4.54 k", "4,54 Tsd. EUR" },            /* below 10,000: thousands */
		{ 7.385, "EUR 7", "7 EUR" },                          /* below 1,000: euros */
		{ 10.9705, "EUR 11", "11 EUR" },
		{ 999.4, "EUR 999", "999 EUR" },
		{ 999.6, "EUR 1 k", "1 Tsd. EUR" },
		{ -0.004, "EUR 0", "0 EUR" },                         /* no sign on a zero */
		{ 0, "EUR 0", "0 EUR" },
		{ NAN, "\xe2\x80\x93", "\xe2\x80\x93" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *en = money(cases[i].eur, PLOT_EN), *de = money(cases[i].eur, PLOT_DE);

		assert_string_equal(en, cases[i].en);
		assert_string_equal(de, cases[i].de);
		free(en);
		free(de);
	}
}

/* A run's KPIs: NaN everywhere but what the answer reads. */
static struct summary kpis(double target_year, double maturity, double pv_cost, double pv_net,
                           double gap, double shortfall, double payback)
{
	struct summary s;

	for (int k = 0; k < KPI_COUNT; k++)
		s.v[k] = NAN;
	s.v[KPI_target_year] = target_year;
	s.v[KPI_end_service_maturity] = maturity;
	s.v[KPI_pv_cost_eur] = pv_cost;
	s.v[KPI_pv_net_benefit_eur] = pv_net;
	s.v[KPI_total_funding_gap_eur] = gap;
	s.v[KPI_shortfall_years] = shortfall;
	s.v[KPI_payback_year] = payback;
	return s;
}

static char *answer(const struct summary *s, const struct summary *ref, enum plot_lang lang)
{
	struct keyfig k;
	struct strbuf b = STRBUF_INIT;

	keyfig_from(s, ref, 0.8, 2040, &k);
	keyfig_answer(&k, lang, &b);
	return strbuf_take(&b);
}

static void answer_when_the_target_is_reached(void **state)
{
	struct summary s = kpis(2034, 0.913, 41.2385e6, -3.5e6, 0, 0, NAN);
	char *en = answer(&s, NULL, PLOT_EN), *de = answer(&s, NULL, PLOT_DE);

	(void)state;
	assert_string_equal(en, "Reaches 80 % of services online in 2034, at a present own cost"
	                        " of EUR 41.2 m.");
	assert_string_equal(de, "Erreicht 80 % der Dienste online im Jahr 2034, bei eigenen"
	                        " Kosten mit einem Barwert von 41,2 Mio. EUR.");
	free(en);
	free(de);
}

static void answer_when_it_is_not_and_money_falls_short(void **state)
{
	struct summary s = kpis(NAN, 0.7775, 9.15e6, -18.71e6, 2.33e6, 13, NAN);
	struct summary ref = kpis(NAN, 0.713, 8.21e6, -17.6e6, 0, 0, NAN);
	char *en = answer(&s, &ref, PLOT_EN), *de = answer(&s, &ref, PLOT_DE);

	(void)state;
	/* -18.71 - (-17.6) = -1.11: lower than the reference's */
	assert_string_equal(en, "Does not reach 80 % of services online by 2040 (77.8 % at the"
	                        " end), at a present own cost of EUR 9.15 m and a present net"
	                        " benefit EUR 1.11 m lower than the reference scenario's. Money"
	                        " falls short in 13 years (a funding gap of EUR 2.33 m).");
	assert_string_equal(de, "Erreicht bis 2040 nicht 80 % der Dienste online (am Ende 77,8 %),"
	                        " bei eigenen Kosten mit einem Barwert von 9,15 Mio. EUR und einem"
	                        " Nettonutzen, der im Barwert um 1,11 Mio. EUR niedriger als im"
	                        " Referenzszenario liegt. Das Geld reicht in 13 Jahren nicht"
	                        " (Finanzierungsl\xc3\xbc" "cke 2,33 Mio. EUR).");
	free(en);
	free(de);
}

static void items_of_a_box(void **state)
{
	struct summary s = kpis(NAN, 0.5, 1e6, 2.5e6, 4.6e5, 1, 2031);
	struct keyfig k;
	static const char *const want[KEYFIG_NITEMS][2] = {
		{ "Target 80 %", "not by 2040" },
		{ "Own cost (present value)", "EUR 1 m" },
		{ "Net benefit, budget view (present value)", "EUR 2.5 m" },
		{ NULL, NULL },   /* no reference */
		{ "Payback", "2031" },
		{ "Funding gap", "EUR 0.46 m in 1 year" },
		{ "Cash at the end of the horizon", "\xe2\x80\x93" },  /* not in the KPIs */
		{ NULL, NULL },   /* no loans: no interest, */
		{ NULL, NULL },   /* no loan balance */
	};

	(void)state;
	keyfig_from(&s, NULL, 0.8, 2040, &k);
	for (int i = 0; i < KEYFIG_NITEMS; i++) {
		struct strbuf label = STRBUF_INIT, value = STRBUF_INIT;
		int rc = keyfig_item(&k, (enum keyfig_item)i, PLOT_EN, &label, &value);

		if (!want[i][0]) {
			assert_int_equal(rc, -1);
			assert_string_equal(strbuf_str(&label), "");
		} else {
			assert_int_equal(rc, 0);
			assert_string_equal(strbuf_str(&label), want[i][0]);
			assert_string_equal(strbuf_str(&value), want[i][1]);
		}
		strbuf_free(&label);
		strbuf_free(&value);
	}
}

/* Characters of a UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The box's text of item i of k in lang, or NULL when k has none (owned). */
static char *box(const struct keyfig *k, enum keyfig_item i, enum plot_lang lang)
{
	struct strbuf b = STRBUF_INIT;

	if (keyfig_box_item(k, i, lang, &b) != 0) {
		assert_string_equal(strbuf_str(&b), "");
		strbuf_free(&b);
		return NULL;
	}
	return strbuf_take(&b);
}

static void expect_box(const struct keyfig *k, enum keyfig_item i, const char *en,
                       const char *de)
{
	char *t[2] = { box(k, i, PLOT_EN), box(k, i, PLOT_DE) };
	const char *want[2] = { en, de };

	for (int l = 0; l < 2; l++) {
		if (!want[l])
			assert_null(t[l]);
		else
			assert_string_equal(t[l], want[l]);
		free(t[l]);
	}
}

/*
** A dashboard's box: short labels and the same values. A grant scenario
** whose target is never reached and whose money fell short three years,
** against a reference with a better net benefit (-18,711,955.4 -
** -17,601,681.3 = -1,110,274.1); then one that borrows.
*/
static void box_of_a_dashboard(void **state)
{
	struct summary s = kpis(NAN, 0.78, 9145738.44, -18711955.4, 461549.432, 3, NAN);
	struct summary ref = kpis(2036, 0.81, 8207795.44, -17601681.3, 0, 0, NAN);
	struct keyfig k;

	(void)state;
	s.v[KPI_end_cash_eur] = 10.9705;
	s.v[KPI_peak_loan_balance_eur] = 0;
	s.v[KPI_total_interest_eur] = 0;
	keyfig_from(&s, &ref, 0.8, 2040, &k);
	expect_box(&k, KEYFIG_TARGET, "Target 80 %: not by 2040", "Ziel 80 %: nicht bis 2040");
	expect_box(&k, KEYFIG_PAYBACK, "Payback: not by 2040", "Amortisation: nicht bis 2040");
	expect_box(&k, KEYFIG_FUNDING_GAP, "Funding gap: EUR 0.46 m in 3 years",
	           "Finanzierungsl\xc3\xbc" "cke: 0,46 Mio. EUR in 3 Jahren");
	expect_box(&k, KEYFIG_END_CASH, "Cash at the end: EUR 11", "Liquidit\xc3\xa4t am Ende: 11 EUR");
	expect_box(&k, KEYFIG_PV_COST, "PV own cost: EUR 9.15 m", "Barwert Eigenkosten: 9,15 Mio. EUR");
	expect_box(&k, KEYFIG_PV_NET, "PV net benefit: EUR -18.7 m",
	           "Barwert Nettonutzen: \xe2\x88\x92" "18,7 Mio. EUR");
	expect_box(&k, KEYFIG_PV_NET_REF, "PV net benefit vs. reference: EUR -1.11 m",
	           "Nettonutzen gg\xc3\xbc. Referenz: \xe2\x88\x92" "1,11 Mio. EUR");
	expect_box(&k, KEYFIG_INTEREST, NULL, NULL);
	expect_box(&k, KEYFIG_PEAK_LOAN, NULL, NULL);
	/* Reached, paid back, no gap, borrowed; no reference. */
	s = kpis(2036, 0.82, 10335735.0, -20072755.1, 0, 0, 2033);
	s.v[KPI_end_cash_eur] = 749999.999;
	s.v[KPI_peak_loan_balance_eur] = 2250000;
	s.v[KPI_total_interest_eur] = 387686.3;
	keyfig_from(&s, NULL, 0.725, 2040, &k);
	expect_box(&k, KEYFIG_TARGET, "Target 72.5 %: reached in 2036", "Ziel 72,5 %: erreicht 2036");
	expect_box(&k, KEYFIG_PAYBACK, "Payback: 2033", "Amortisation: 2033");
	expect_box(&k, KEYFIG_FUNDING_GAP, "Funding gap: none", "Finanzierungsl\xc3\xbc" "cke: keine");
	expect_box(&k, KEYFIG_END_CASH, "Cash at the end: EUR 0.75 m",
	           "Liquidit\xc3\xa4t am Ende: 0,75 Mio. EUR");
	expect_box(&k, KEYFIG_PV_NET_REF, NULL, NULL);
	expect_box(&k, KEYFIG_INTEREST, "Loan interest: EUR 0.39 m", "Kreditzinsen: 0,39 Mio. EUR");
	expect_box(&k, KEYFIG_PEAK_LOAN, "Peak loan balance: EUR 2.25 m",
	           "H\xc3\xb6" "chster Kreditstand: 2,25 Mio. EUR");
}

/*
** The longest texts a run can have (amounts of minus EUR 99,999 m,
** 99 shortfall years, a target with a decimal, years not reached) fit their
** column of the box: the left one (target, payback, cash, interest)
** KEYFIG_BOX_CHARS_LEFT characters, the right one KEYFIG_BOX_CHARS_RIGHT.
*/
static void box_texts_fit_their_column(void **state)
{
	struct summary s = kpis(NAN, 0.725, -99999e6, -99999e6, 99999e6, 99, NAN);
	struct summary ref = kpis(NAN, 0.5, 0, 99999e6, 0, 0, NAN);
	struct keyfig k;

	(void)state;
	s.v[KPI_end_cash_eur] = -99999e6;
	s.v[KPI_peak_loan_balance_eur] = 99999e6;
	s.v[KPI_total_interest_eur] = 99999e6;
	keyfig_from(&s, &ref, 0.725, 2040, &k);
	assert_int_equal(keyfig_box_column(KEYFIG_TARGET), 0);
	assert_int_equal(keyfig_box_column(KEYFIG_FUNDING_GAP), 1);
	for (int lang = PLOT_EN; lang <= PLOT_DE; lang++)
		for (int i = 0; i < KEYFIG_NITEMS; i++) {
			char *t = box(&k, (enum keyfig_item)i, (enum plot_lang)lang);
			size_t most = keyfig_box_column((enum keyfig_item)i) ? KEYFIG_BOX_CHARS_RIGHT
			                                                      : KEYFIG_BOX_CHARS_LEFT;

			assert_non_null(t);
			if (chars(t) > most)
				fail_msg("'%s' has %zu characters, more than %zu", t, chars(t), most);
			free(t);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_reads_as_a_reader_takes_it),
		cmocka_unit_test(answer_when_the_target_is_reached),
		cmocka_unit_test(answer_when_it_is_not_and_money_falls_short),
		cmocka_unit_test(items_of_a_box),
		cmocka_unit_test(box_of_a_dashboard),
		cmocka_unit_test(box_texts_fit_their_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
