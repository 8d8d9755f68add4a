/*
** leadership.h: digital leadership capacity and the council's political
** commitment (seeds 003 and 004; MODEL.md 13).
*/
#ifndef DTSIM_LEADERSHIP_H
#define DTSIM_LEADERSHIP_H

#include "modeltypes.h"

/* dLd/dt (1/yr): leadership spend (EUR/yr, first-year prices) builds
** capacity at build_rate * half(spend per employee, half_per_fte_eur) *
** (1 - Ld); leaders leave at turnover_rate and are replaced at the
** starting capacity leadership.initial. */
double leadership_rate(const struct model_params *p, const struct model_coef *k, double Ld,
                       double spend);

/* 1 + leadership.effect * (Ld - effect.reference_leadership), at least 0:
** how leadership scales what money buys and the absorption capacity. */
double leadership_factor(const struct model_params *p, double Ld);

/* dPc/dt (1/yr): visible wins (delivery, share/yr) raise commitment Pc;
** overruns above the reference (excess overrun times the use of capacity)
** and incidents (hazard, 1/yr) lower it; it returns to politics.initial
** over memory_years. */
double politics_rate(const struct model_params *p, const struct model_coef *k, double Pc,
                     double delivery, double excess_overrun, double hazard);

/* The transformation budget's factor from commitment at the start of a
** year: max(0, 1 + politics.budget_effect * (Pc - politics.initial)). */
double politics_budget_factor(const struct model_params *p, double Pc);

#endif
