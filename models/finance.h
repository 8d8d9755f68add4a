/*
** finance.h: funding instruments and budget shocks (MODEL.md 12): loan
** schedules, grants, as-a-service contracts, shocks, and present values.
** Closed forms and per-year schedules; pure functions, no state.
*/
#ifndef DTSIM_FINANCE_H
#define DTSIM_FINANCE_H

#include <stddef.h>

#include "params.h"


/*
** The instalment of an annuity loan: principal * r / (1 - (1 + r)^-n) EUR
** per year for n years at rate r per year (r > -1), principal / n at r = 0.
*/
double finance_annuity(double principal, double rate, int years);

/* One fiscal year of a loan: EUR/yr drawn, paid as interest, repaid; the
** balance (EUR) at the end of the year. */
struct finance_loan {
	double draw, interest, repayment, balance;
};

/*
** Fiscal year `year` of a loan of `principal` EUR drawn in draw_year: no
** service in the draw year; then `term` years of service, of which the
** first `grace` pay interest only; then equal instalments (REPAY_ANNUITY,
** finance_annuity over term - grace years) or equal repayments
** (REPAY_LINEAR). Interest is rate times the balance at the start of the
** year. The balance is carried year by year from the draw, so rounding is
** not hidden: it reaches 0 at the end of the term within rounding.
*/
void finance_loan_year(double principal, int draw_year, double rate, int term,
                       int grace, int repayment, int year, struct finance_loan *out);

/* (1 + rate)^-years: the value now of 1 EUR paid `years` from now. */
double finance_discount(double rate, double years);

/* The present value at the start of year 0 of x[0..n-1], each paid at the
** end of its year: sum of x[k] (1 + rate)^-(k + 1). */
double finance_pv(const double *x, size_t n, double rate);

/*
** Splits 1 over the domains in mask in proportion to share[] (the
** allocation), or equally when those shares sum to 0: w[d] = 0 outside
** the mask. mask must not be 0.
*/
void finance_split(unsigned mask, const double share[DOM_COUNT],
                   double w[DOM_COUNT]);

/* The factor (1 - cut) of every shock of p on `budget` (SHOCK_BASE or
** SHOCK_TRANSFORMATION) that holds in fiscal year `year`, multiplied. */
double finance_shock_factor(const struct model_params *p, int budget, int year);

/*
** The instruments' flows in one fiscal year, in EUR/yr (the balance in EUR
** at the end of the year). Projects co-funded from outside (grants and
** partner contracts) are spent at the co-funded ratio psi of the budget
** constraint; loan proceeds are spent as drawn.
*/
struct finance_year {
	double grants;        /* most the grants pay (their amounts) */
	double partner;       /* capital the partners finance */
	double own_cofunding; /* the municipality's part of those projects */
	double cofunded[DOM_COUNT]; /* whole co-funded projects per domain */
	double loan_draw;     /* loan proceeds */
	double loan_spend[DOM_COUNT]; /* loan proceeds per domain */
	double interest, repayment, loan_balance;
	double fees;          /* service-contract fees */
};

/* Fills f for fiscal year `year` from the instruments of p; share[] is the
** allocation that splits an instrument over its domains. */
void finance_year(const struct model_params *p, int year,
                  const double share[DOM_COUNT], struct finance_year *f);

#endif
