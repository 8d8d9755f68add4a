/*
** test_finance.c: loans, present values, grants, contracts and shocks
** (models/finance.c) against the closed forms of docs/MODEL.md section 10.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "finance.h"
#include "params.h"
#include "testutil.h"
#include "profile.h"

/* Rates and terms with "high entropy", a zero and a negative rate among them. */
static const double rates[] = { 0.0, 0.0237, 0.05, -0.0043, 0.1175 };
static const int terms[] = { 1, 7, 10, 30 };
#define NRATES (sizeof rates / sizeof rates[0])
#define NTERMS (sizeof terms / sizeof terms[0])

/* 12.1: A = L r / (1 - (1 + r)^-n), written here with pow; L / n at r = 0. */
static void test_annuity_closed_form(void **state)
{
	const double L = 2.385e6;

	(void)state;
	for (size_t i = 0; i < NRATES; i++)
		for (size_t j = 0; j < NTERMS; j++) {
			double r = rates[i], n = terms[j];
			double want = r == 0.0 ? L / n : L * r / (1.0 - pow(1.0 + r, -n));
			assert_close(finance_annuity(L, r, terms[j]), want, 1e-9, 0);
		}
	/* One year: principal plus one year's interest. */
	assert_close(finance_annuity(1e6, 0.0237, 1), 1.0237e6, 1e-12, 0);
}

/*
** An annuity loan: nothing before the draw; the principal in the draw year;
** then interest + repayment = A each year, interest = r * the balance at
** the start of the year; the balance reaches 0 at the end of the term and
** nothing is paid after it; the repayments sum to the principal.
*/
static void test_annuity_schedule(void **state)
{
	const double L = 4.75e6;
	struct finance_loan l;

	(void)state;
	for (size_t i = 0; i < NRATES; i++)
		for (size_t j = 0; j < NTERMS; j++) {
			double r = rates[i], A = finance_annuity(L, r, terms[j]);
			double balance = L, repaid = 0.0;
			finance_loan_year(L, 2027, r, terms[j], 0, REPAY_ANNUITY, 2026, &l);
			assert_true(l.draw == 0 && l.interest == 0 && l.balance == 0);
			finance_loan_year(L, 2027, r, terms[j], 0, REPAY_ANNUITY, 2027, &l);
			assert_close(l.draw, L, 0, 0);
			assert_close(l.balance, L, 0, 0);
			assert_close(l.interest + l.repayment, 0.0, 0, 0);
			for (int k = 1; k <= terms[j]; k++) {
				finance_loan_year(L, 2027, r, terms[j], 0, REPAY_ANNUITY, 2027 + k, &l);
				assert_close(l.draw, 0.0, 0, 0);
				assert_close(l.interest, r * balance, 1e-9, 1e-6);
				assert_close(l.interest + l.repayment, A, 1e-9, 0);
				balance -= l.repayment;
				repaid += l.repayment;
				assert_close(l.balance, balance, 1e-9, 1e-6);
			}
			/* Zero to a thousandth of a cent on EUR 4.75 m. */
			assert_close(l.balance, 0.0, 0, 1e-5);
			assert_close(repaid, L, 1e-12, 0);
			finance_loan_year(L, 2027, r, terms[j], 0, REPAY_ANNUITY,
			                  2028 + terms[j], &l);
			assert_true(l.interest == 0 && l.repayment == 0 && l.balance == 0);
		}
}

/* Linear repayment: L / n each year, interest r L (1 - (k - 1) / n), the
** balance L (1 - k / n), 0 at the end of the term. */
static void test_linear_schedule(void **state)
{
	const double L = 3.2e6;
	struct finance_loan l;

	(void)state;
	for (size_t i = 0; i < NRATES; i++)
		for (size_t j = 0; j < NTERMS; j++) {
			double r = rates[i], n = terms[j];
			for (int k = 1; k <= terms[j]; k++) {
				finance_loan_year(L, 2030, r, terms[j], 0, REPAY_LINEAR, 2030 + k, &l);
				assert_close(l.repayment, L / n, 1e-12, 0);
				assert_close(l.interest, r * L * (1.0 - (k - 1) / n), 1e-9, 1e-6);
				assert_close(l.balance, L * (1.0 - k / n), 1e-9, 1e-6);
			}
			assert_close(l.balance, 0.0, 0, 1e-5);
		}
}

/* Grace years: interest only on the whole principal, then an annuity over
** the rest of the term; the balance still reaches 0 at the end. */
static void test_grace_years(void **state)
{
	const double L = 1.5e6, r = 0.0315;
	const double A = L * r / (1.0 - pow(1.0 + r, -7.0));
	struct finance_loan l;

	(void)state;
	for (int k = 1; k <= 3; k++) {
		finance_loan_year(L, 2026, r, 10, 3, REPAY_ANNUITY, 2026 + k, &l);
		assert_close(l.interest, r * L, 1e-12, 0);
		assert_close(l.repayment, 0.0, 0, 0);
		assert_close(l.balance, L, 0, 0);
	}
	finance_loan_year(L, 2026, r, 10, 3, REPAY_ANNUITY, 2030, &l);
	assert_close(l.interest + l.repayment, A, 1e-9, 0);
	finance_loan_year(L, 2026, r, 10, 3, REPAY_ANNUITY, 2036, &l);
	assert_close(l.balance, 0.0, 0, 1e-5);
	finance_loan_year(L, 2026, r, 10, 3, REPAY_LINEAR, 2030, &l);
	assert_close(l.repayment, L / 7.0, 1e-12, 0);
}

/* 12.2: the PV of C a year for n years is C (1 - (1 + r)^-n) / r; of
** C (1 + g)^k it is C (1 - ((1 + g) / (1 + r))^n) / (r - g). */
static void test_present_value(void **state)
{
	const double C = 8.25e5, r = 0.031, g = 0.0213;
	double x[40];

	(void)state;
	for (size_t n = 1; n <= 40; n += 13) {
		for (size_t k = 0; k < n; k++)
			x[k] = C;
		assert_close(finance_pv(x, n, r), C * (1.0 - pow(1.0 + r, -(double)n)) / r, 1e-12, 0);
		for (size_t k = 0; k < n; k++)
			x[k] = C * pow(1.0 + g, (double)k);
		assert_close(finance_pv(x, n, r),
		             C * (1.0 - pow((1.0 + g) / (1.0 + r), (double)n)) / (r - g), 1e-12, 0);
	}
	/* A zero rate discounts nothing; a negative one adds value. */
	assert_close(finance_pv(x, 3, 0.0), x[0] + x[1] + x[2], 1e-15, 0);
	assert_close(finance_discount(-0.01, 2.5), pow(0.99, -2.5), 1e-14, 0);
	assert_close(finance_discount(r, 0.0), 1.0, 0, 0);
}

/* An instrument's money goes to its domains in proportion to the
** allocation; equally when those shares are all 0. */
static void test_split(void **state)
{
	double share[DOM_COUNT] = { 0.07, 0.07, 0.04, 0.12, 0.2, 0.07, 0.3, 0.04, 0.05, 0.04 };
	double w[DOM_COUNT];

	(void)state;
	finance_split(DOMAIN_BIT(DOM_VALUE_CREATION) | DOMAIN_BIT(DOM_INFRASTRUCTURE), share, w);
	assert_close(w[4], 0.4, 1e-12, 0);
	assert_close(w[6], 0.6, 1e-12, 0);
	assert_close(w[0] + w[1] + w[2] + w[3] + w[5] + w[7] + w[8] + w[9], 0.0, 0, 0);
	share[2] = share[8] = 0.0;
	finance_split(DOMAIN_BIT(DOM_COLLABORATION) | DOMAIN_BIT(DOM_KNOWLEDGE_TRANSFER), share, w);
	assert_close(w[2], 0.5, 0, 0);
	assert_close(w[8], 0.5, 0, 0);
	finance_split(DOMAINS_ALL, share, w);
	assert_close(w[6], 0.3 / 0.91, 1e-12, 0);
}

/* Defaults plus the instruments the cases below use. */
static struct model_params with_instruments(void)
{
	struct model_params p;

	profile_defaults(&p);
	p.named_count[NAMED_GRANT] = 1;
	p.grant_amount_eur[0] = 6.5e5;
	p.grant_first_year[0] = 2027;
	p.grant_last_year[0] = 2029;
	p.grant_cofunding_share[0] = 0.35;
	p.grant_domains[0] = DOMAIN_BIT(DOM_INFRASTRUCTURE);
	p.named_count[NAMED_SERVICE] = 1;
	p.service_capital_eur[0] = 2e6;
	p.service_partner_share[0] = 0.8;
	p.service_start_year[0] = 2028;
	p.service_years[0] = 4;
	p.service_fee_eur[0] = 3e5;
	p.service_fee_indexation[0] = 0.025;
	p.service_domains[0] = DOMAIN_BIT(DOM_VALUE_CREATION);
	p.named_count[NAMED_SHOCK] = 2;
	p.shock_year[0] = 2028;
	p.shock_years[0] = 2;
	p.shock_cut[0] = 0.2;
	p.shock_budget[0] = SHOCK_BOTH;
	p.shock_year[1] = 2029;
	p.shock_years[1] = 3;
	p.shock_cut[1] = 0.15;
	p.shock_budget[1] = SHOCK_TRANSFORMATION;
	return p;
}

/*
** 12.3 and 12.4: a grant pays its amount in its years only; the project is
** amount / (1 - c) and the municipality's part c / (1 - c) of the amount.
** A contract delivers its capital in its first year (partner share from
** outside) and charges fee (1 + i)^k in its years only.
*/
static void test_grants_and_contracts(void **state)
{
	struct model_params p = with_instruments();
	const double share[DOM_COUNT] = { 0.07, 0.07, 0.04, 0.12, 0.2, 0.07, 0.3, 0.04, 0.05, 0.04 };
	struct finance_year f;

	(void)state;
	finance_year(&p, 2026, share, &f);
	assert_true(f.grants == 0 && f.own_cofunding == 0 && f.partner == 0 && f.fees == 0);
	finance_year(&p, 2027, share, &f);
	assert_close(f.grants, 6.5e5, 0, 0);
	assert_close(f.own_cofunding, 6.5e5 * 0.35 / 0.65, 1e-12, 0);
	assert_close(f.cofunded[6], 1e6, 1e-12, 0);
	finance_year(&p, 2028, share, &f);
	assert_close(f.grants, 6.5e5, 0, 0);
	assert_close(f.partner, 1.6e6, 1e-12, 0);
	assert_close(f.own_cofunding, 3.5e5 + 4e5, 1e-12, 0);
	assert_close(f.cofunded[4], 2e6, 1e-12, 0);
	assert_close(f.fees, 3e5, 0, 0);
	finance_year(&p, 2030, share, &f);   /* the grant has expired */
	assert_close(f.grants, 0.0, 0, 0);
	assert_close(f.partner, 0.0, 0, 0);
	assert_close(f.own_cofunding, 0.0, 0, 0);
	assert_close(f.fees, 3e5 * 1.025 * 1.025, 1e-12, 0);
	finance_year(&p, 2031, share, &f);
	assert_close(f.fees, 3e5 * pow(1.025, 3), 1e-12, 0);
	finance_year(&p, 2032, share, &f);   /* four years of fees: 2028-2031 */
	assert_close(f.fees, 0.0, 0, 0);
}

/* Shocks multiply in the years they share and hold for `years` years. */
static void test_shocks(void **state)
{
	struct model_params p = with_instruments();

	(void)state;
	assert_close(finance_shock_factor(&p, SHOCK_BASE, 2027), 1.0, 0, 0);
	assert_close(finance_shock_factor(&p, SHOCK_BASE, 2028), 0.8, 0, 0);
	assert_close(finance_shock_factor(&p, SHOCK_BASE, 2029), 0.8, 0, 0);
	assert_close(finance_shock_factor(&p, SHOCK_BASE, 2030), 1.0, 0, 0);
	assert_close(finance_shock_factor(&p, SHOCK_TRANSFORMATION, 2029), 0.8 * 0.85, 1e-15, 0);
	assert_close(finance_shock_factor(&p, SHOCK_TRANSFORMATION, 2031), 0.85, 0, 0);
	assert_close(finance_shock_factor(&p, SHOCK_TRANSFORMATION, 2032), 1.0, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_annuity_closed_form),
		cmocka_unit_test(test_annuity_schedule),
		cmocka_unit_test(test_linear_schedule),
		cmocka_unit_test(test_grace_years),
		cmocka_unit_test(test_present_value),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_grants_and_contracts),
		cmocka_unit_test(test_shocks),
	};
	return cmocka_run_group_tests_name("finance", tests, NULL, NULL);
}
