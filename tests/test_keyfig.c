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
		{ 7.385, "EUR 7", "7 EUR" },                          /* below 10: euros */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_reads_as_a_reader_takes_it),
		cmocka_unit_test(answer_when_the_target_is_reached),
		cmocka_unit_test(answer_when_it_is_not_and_money_falls_short),
		cmocka_unit_test(items_of_a_box),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
