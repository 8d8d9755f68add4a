/*
** finance.c: loans, grants, as-a-service contracts, budget shocks and
** present values (MODEL.md 12). Every instrument works in whole fiscal
** years: its flows are rates fixed for the year, like the budget.
*/
#include <math.h>
#include <string.h>

#include "finance.h"

double finance_annuity(double principal, double rate, int years)
{
	if (rate == 0.0)
		return principal / years;
	/* -expm1(-n log1p(r)) = 1 - (1 + r)^-n without cancellation at small r */
	return principal * rate / -expm1(-years * log1p(rate));
}

void finance_loan_year(double principal, int draw_year, double rate, int term,
                       int grace, int repayment, int year, struct finance_loan *out)
{
	int k = year - draw_year, m = term - grace;
	double balance = principal, annuity = finance_annuity(principal, rate, m);

	memset(out, 0, sizeof *out);
	if (k < 0 || principal <= 0.0)
		return;
	if (k == 0) {
		out->draw = principal;
		out->balance = principal;
		return;
	}
	if (k > term)
		return;
	/* Carry the balance through the years of service up to this one. */
	for (int j = 1; j <= k; j++) {
		double interest = rate * balance, repaid;
		if (j <= grace)
			repaid = 0.0;
		else if (repayment == REPAY_LINEAR)
			repaid = principal / m;
		else
			repaid = annuity - interest;
		out->interest = interest;
		out->repayment = repaid;
		balance -= repaid;
	}
	out->balance = balance;
}

double finance_discount(double rate, double years)
{
	return exp(-years * log1p(rate));
}

double finance_pv(const double *x, size_t n, double rate)
{
	double pv = 0.0;

	for (size_t k = 0; k < n; k++)
		pv += x[k] * finance_discount(rate, (double)(k + 1));
	return pv;
}

void finance_split(unsigned mask, const double share[DOM_COUNT],
                   double w[DOM_COUNT])
{
	double sum = 0.0;
	int count = 0;

	for (int d = 0; d < DOM_COUNT; d++)
		if (mask & DOMAIN_BIT(d)) {
			sum += share[d];
			count++;
		}
	for (int d = 0; d < DOM_COUNT; d++) {
		if (!(mask & DOMAIN_BIT(d)))
			w[d] = 0.0;
		else
			w[d] = sum > 0.0 ? share[d] / sum : 1.0 / count;
	}
}

double finance_shock_factor(const struct model_params *p, int budget, int year)
{
	double f = 1.0;

	for (size_t i = 0; i < p->named_count[NAMED_SHOCK]; i++) {
		int first = (int)p->shock_year[i], which = (int)p->shock_budget[i];
		if (year < first || year >= first + (int)p->shock_years[i])
			continue;
		if (which == SHOCK_BOTH || which == budget)
			f *= 1.0 - p->shock_cut[i];
	}
	return f;
}

/* Adds amount (EUR/yr) spread over the domains in mask to out[]. */
static void spread(double amount, double mask, const double share[DOM_COUNT],
                   double out[DOM_COUNT])
{
	double w[DOM_COUNT];

	finance_split((unsigned)mask, share, w);
	for (int d = 0; d < DOM_COUNT; d++)
		out[d] += amount * w[d];
}

void finance_year(const struct model_params *p, int year,
                  const double share[DOM_COUNT], struct finance_year *f)
{
	memset(f, 0, sizeof *f);
	/* A grant pays amount = (1 - c) P of a project P; the municipality adds c P. */
	for (size_t i = 0; i < p->named_count[NAMED_GRANT]; i++) {
		double c = p->grant_cofunding_share[i], amount = p->grant_amount_eur[i];
		if (year < p->grant_first_year[i] || year > p->grant_last_year[i] || amount <= 0.0)
			continue;
		f->grants += amount;
		f->own_cofunding += amount * c / (1.0 - c);
		spread(amount / (1.0 - c), p->grant_domains[i], share, f->cofunded);
	}
	/* A contract delivers its capital in its first year, the partner paying
	** partner_share of it; the fee runs for `years`, indexed. */
	for (size_t i = 0; i < p->named_count[NAMED_SERVICE]; i++) {
		int k = year - (int)p->service_start_year[i];
		double capital = p->service_capital_eur[i], s = p->service_partner_share[i];
		if (k == 0 && capital > 0.0) {
			f->partner += s * capital;
			f->own_cofunding += (1.0 - s) * capital;
			spread(capital, p->service_domains[i], share, f->cofunded);
		}
		if (k >= 0 && k < p->service_years[i])
			f->fees += p->service_fee_eur[i] * pow(1.0 + p->service_fee_indexation[i], k);
	}
	for (size_t i = 0; i < p->named_count[NAMED_LOAN]; i++) {
		struct finance_loan l;
		finance_loan_year(p->loan_principal_eur[i], (int)p->loan_draw_year[i],
		                  p->loan_interest_rate[i], (int)p->loan_term_years[i],
		                  (int)p->loan_grace_years[i], (int)p->loan_repayment[i],
		                  year, &l);
		f->loan_draw += l.draw;
		spread(l.draw, p->loan_domains[i], share, f->loan_spend);
		f->interest += l.interest;
		f->repayment += l.repayment;
		f->loan_balance += l.balance;
	}
}
