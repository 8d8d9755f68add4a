/*
** pressures.h: institutional pressures of seed 000 (coercive mandate,
** mimetic peer pull, normative professional norms).
*/
#ifndef DTSIM_PRESSURES_H
#define DTSIM_PRESSURES_H

#include "params.h"

/* Peers' service maturity in fiscal year `year`: logistic growth from
** peers.maturity_initial in sim.start_year at peers.growth_rate. */
double pressures_peer_maturity(const struct model_params *p, int year);

/* 1 from mandate.start_year to mandate.deadline_year, mandate.after_deadline
** after it, 0 before it or when mandate.active is 0. */
double pressures_mandate_on(const struct model_params *p, int year);

/* The mandate's pull: mandate_on * max(0, mandate.target - maturity). */
double pressures_mandate_gap(const struct model_params *p, double mandate_on, double maturity);

/* Multiplier on the effect of training from professional norms:
** 1 + norms.strength * norms.training_boost. */
double pressures_norm_multiplier(const struct model_params *p);

#endif
