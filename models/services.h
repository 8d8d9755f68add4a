/*
** services.h: digital service maturity, citizen adoption and savings.
*/
#ifndef DTSIM_SERVICES_H
#define DTSIM_SERVICES_H

#include "modeltypes.h"

/* O&M of the digital services (EUR/yr, first-year prices) at maturity M:
** services.count * M * cost_per_service_eur * om_rate (MODEL.md 6.1). */
double services_om(const struct model_params *p, double M);

/* Cost of bringing one service online (EUR), lowered by reusable
** platforms Pl (0..1) and by reuse of peers' solutions (peer maturity). */
double services_cost(const struct model_params *p, double Pl, double peer_maturity);

/*
** dPl/dt (1/yr): platforms relax over their life towards the level
** x / (1 + x) that collaboration spend (times collab_leverage) and the
** platform share of own delivered service development (EUR/yr, first-year
** prices) keep in place, x = spend / collab_half_eur; so at a constant
** spend Pl settles at x / (1 + x), and no spend moves it faster than its
** life allows.
*/
double services_platform_rate(const struct model_params *p, const struct model_coef *k,
                              double Pl, double collab_spend, double delivered);

/* The quality level 0..1: half(quality spend (EUR/yr, first-year prices),
** quality_half_eur). */
double services_quality_level(const struct model_params *p, double quality_spend);

/* Service quality (0..1) at quality level q: quality_base + (1 -
** quality_base) q. */
double services_quality(const struct model_params *p, double q);

/*
** Maturity gained per year: delivered value-creation spend (EUR/yr) times
** the effect factor, less the interoperability drag of legacy share L,
** buys services at `cost` each out of services.count; saturated by the
** capacity (1 - M) / min_delivery_years, which platforms Pl raise by up to
** 1 / (1 - platform_time_cut).
*/
double services_delivery(const struct model_params *p, const struct model_coef *k, double M,
                         double L, double delivered, double effect, double cost, double Pl);

/* Maturity lost per year: obsolescence_rate * M * (1 - q), q the quality
** level. */
double services_obsolescence(const struct model_params *p, double M, double q);

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

/* Savings (EUR/yr, first-year prices) at adoption A with
** process-definition level 0..1: the full cost saved per transaction,
** paper and postage included. */
double services_savings(const struct model_params *p, double A, double process_level);

/* Citizens satisfied with the digital offer (0..1): satisfaction.base +
** coverage_effect * M^volume_concentration * quality / quality_base, less
** incident_effect * hazard, within 0..1. */
double services_satisfaction(const struct model_params *p, double M, double quality,
                             double hazard);

#endif
