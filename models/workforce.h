/*
** workforce.h: workforce digital skill: training, turnover, obsolescence.
*/
#ifndef DTSIM_WORKFORCE_H
#define DTSIM_WORKFORCE_H

#include "modeltypes.h"

/*
** Skill gained per year from training: courses per employee (staff part of
** the literacy spend over staff * course cost, saturated at max_trainings)
** times training_gain times the gap (1 - S) times the resistance factor
** and the norm multiplier k->norm_mult.
*/
double workforce_gain(const struct model_params *p, const struct model_coef *k, double S,
                      double literacy_spend, double resist_factor);

/* Skill change per year from staff turnover: rate * (hire_skill - S). */
double workforce_turnover(const struct model_params *p, double S);

/* Skill lost per year to obsolescence: S * ln 2 / half-life, lowered by
** knowledge transfer (spend per employee) up to kt_max_reduction. */
double workforce_decay(const struct model_params *p, const struct model_coef *k, double S,
                       double kt_spend);

#endif
