/*
** services.h: digital service maturity, citizen adoption and savings.
*/
#ifndef DTSIM_SERVICES_H
#define DTSIM_SERVICES_H

#include "modeltypes.h"

/* O&M of the digital services (EUR/yr) at maturity M. */
double services_om(const struct model_params *p, double M);

/* Cost of bringing one service online (EUR), lowered by collaboration
** spend (EUR/yr) and by reuse of peers' solutions (peer maturity). */
double services_cost(const struct model_params *p, double collab_spend, double peer_maturity);

/* Service quality (0..1) from quality spend (EUR/yr). */
double services_quality(const struct model_params *p, double quality_spend);

/*
** Maturity gained per year: delivered value-creation spend (EUR/yr) times
** the effect factor, less the interoperability drag of legacy share L,
** buys services at `cost` each out of services.count; saturated by the
** capacity (1 - M) / min_delivery_years.
*/
double services_delivery(const struct model_params *p, const struct model_coef *k, double M,
                         double L, double delivered, double effect, double cost);

/* Maturity lost per year: obsolescence_rate * M, cut by quality spend. */
double services_obsolescence(const struct model_params *p, double M, double quality_spend);

/* The inclusion ceiling (share of citizens able to use online services)
** from inclusion and citizen-literacy spend (EUR/yr). */
double adoption_inclusion(const struct model_params *p, double spend);

/* Adoption ceiling: M^volume_concentration * inclusion * quality. */
double adoption_ceiling(const struct model_params *p, double M, double inclusion,
                        double quality);

/*
** dA/dt: Bass diffusion (p + q_eff A / K)(K - A) below the ceiling K, a
** first-order fall back to K above it, less the trust lost to incidents
** (hazard, 1/yr).
*/
double adoption_rate(const struct model_params *p, const struct model_coef *k, double A,
                     double K, double q_eff, double hazard);

/* Savings (EUR/yr) at adoption A with process-definition level 0..1. */
double services_savings(const struct model_params *p, double A, double process_level);

#endif
