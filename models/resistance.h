/*
** resistance.h: change resistance and the effectiveness of every investment.
*/
#ifndef DTSIM_RESISTANCE_H
#define DTSIM_RESISTANCE_H

#include "modeltypes.h"

/* (1 - R) / (1 - R_ref): how resistance scales every effort, 1 at the
** reference, 0 at R = 1. */
double resistance_factor(const struct model_coef *k, double R);

/* resistance_factor * S / S_ref: the effect of skill and resistance on what
** money buys (modernisation, new services). */
double resistance_effectiveness(const struct model_coef *k, double S, double R);

/* Change-management level in 0..1: x / (1 + x), x = spend / (staff * cm_cost_eur). */
double resistance_cm_level(const struct model_coef *k, double cm_spend);

/* The five terms of dR/dt (index/yr), each >= 0: lowered by change
** management and visible wins (delivery, share/yr); raised by fatigue when
** the pace (share/yr) exceeds the norm and by fear of automation (process
** level 0..1); drift back to the initial level (signed). */
struct resistance_terms {
	double cm, wins, fatigue, fear, drift;
};
void resistance_terms(const struct model_params *p, const struct model_coef *k, double R,
                      double cm_level,
                      double delivery, double pace, double process_level,
                      struct resistance_terms *t);

#endif
