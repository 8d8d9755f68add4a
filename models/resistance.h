/*
** resistance.h: change resistance, its memory (fatigue and cynicism) and
** the effectiveness of every investment (MODEL.md 5).
*/
#ifndef DTSIM_RESISTANCE_H
#define DTSIM_RESISTANCE_H

#include "modeltypes.h"

/* (1 - R) / (1 - R_ref): how resistance scales every effort, 1 at the
** reference, 0 at R = 1. */
double resistance_factor(const struct model_coef *k, double R);

/* resistance_factor * S / S_ref * (1 + leadership.effect (Ld - Ld_ref)),
** at least 0: the effect of skill, resistance and leadership on what money
** buys (modernisation, new services). */
double resistance_effectiveness(const struct model_params *p, const struct model_coef *k,
                                double S, double R, double Ld);

/* Change-management level in 0..1: x / (1 + x), x = spend / (staff * cm_cost_eur). */
double resistance_cm_level(const struct model_coef *k, double cm_spend);

/*
** The terms of dR/dt and dY/dt (index/yr). R is lowered by change
** management, visible wins (delivery, share/yr) and leadership above the
** reference (sponsorship, signed); raised by fatigue when the pace
** (share/yr) exceeds the norm and by fear of automation (process level
** 0..1); it drifts to its initial level raised by cynicism Y (signed). Y
** is built by excess pace and by overruns above the reference (excess
** overrun times the use of capacity) and fades with its half-life.
** Inline: it runs in the model's inner loop.
*/
struct resistance_terms {
	double cm, wins, sponsor, fatigue, fear, drift;
	double cynicism_in, cynicism_out;
};
static inline void resistance_terms(const struct model_params *p, const struct model_coef *k,
                                    double R, double Y, double Ld, double cm_level,
                                    double delivery, double pace, double process_level,
                                    double excess_overrun, struct resistance_terms *t)
{
	double excess = pace - p->resistance_pace_norm;
	double target = p->resistance_initial + (1.0 - p->resistance_initial) * Y;
	double strain = excess > 0.0 ? p->resistance_fatigue_effect * excess : 0.0;

	/* Cynics discount what management tells them (Reichers, Wanous & Austin
	** 1997): change management works on the share 1 - Y not yet cynical. */
	t->cm = p->resistance_cm_effect * cm_level * R * (1.0 - Y);
	t->wins = p->resistance_wins_effect * delivery * R;
	/* Above the reference leadership lowers R (factor R), below it lets R
	** rise (factor 1 - R), so R stays in 0..1. */
	t->sponsor = p->leadership_sponsor_effect * (Ld - p->effect_reference_leadership)
	             * (Ld > p->effect_reference_leadership ? R : 1.0 - R);
	t->fatigue = strain * (1.0 - R);
	t->fear = p->resistance_fear_effect * process_level * (1.0 - R);
	t->drift = (target - R) * k->inv_drift;
	t->cynicism_in = (strain + p->resistance_failure_effect * excess_overrun) * (1.0 - Y);
	t->cynicism_out = Y * k->cynicism_rate;
}

#endif
