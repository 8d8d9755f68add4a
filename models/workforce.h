/*
** workforce.h: workforce digital skill in two stages: training creates
** trained capability T that is applied (becoming skill S) or fades; applied
** skill is lost to obsolescence and turnover (MODEL.md 4).
*/
#ifndef DTSIM_WORKFORCE_H
#define DTSIM_WORKFORCE_H

#include "modeltypes.h"

/*
** Trained capability gained per year: courses per employee (staff part of
** the literacy spend over staff * course cost, saturated at max_trainings)
** times training_gain times the gap (1 - S - T) times the resistance factor
** and the norm multiplier k->norm_mult.
*/
double workforce_training(const struct model_params *p, const struct model_coef *k, double S,
                          double T, double literacy_spend, double resist_factor);

/* The opportunity to apply trained capability, 0..1: 1 - (1 - M)(1 - kt),
** from the share of work on digital services M and the knowledge-transfer
** level kt (0..1). */
double workforce_use(double M, double kt_level);

/* Knowledge-transfer level 0..1: half(spend per employee, kt_half_eur). */
double workforce_kt_level(const struct model_params *p, const struct model_coef *k,
                          double kt_spend);

/* The terms of dT/dt and dS/dt (index/yr, each >= 0 but turnover, which is
** signed): transfer T -> S at the opportunity to use it, fade of unapplied
** T, turnover of S (hires at hire_skill replace leavers at S), leavers' T,
** obsolescence of S, which use lowers by up to kt_max_reduction. */
struct workforce_terms {
	double transfer, fade, turnover, leavers_trained, decay;
};
void workforce_terms(const struct model_params *p, const struct model_coef *k, double S,
                     double T, double use, double hire_skill,
                     struct workforce_terms *w);

/* The skill of this year's hires: hire_skill, raised towards hire_skill_max
** by recruitment spend per hire (first-year prices), whose effect
** leadership capacity Ld raises. */
double workforce_hire_skill(const struct model_params *p, double spend_per_hire, double Ld);

#endif
