/*
** morris.h: Morris's elementary effects (Morris 1991) of a function of d
** inputs on the unit cube, independent of the model: a screening that
** ranks inputs by mu* (Campolongo et al. 2007) in r (d + 1) runs.
**
** Design (Morris 1991, section 3; Saltelli et al. 2008, section 3.3): the
** inputs move on a grid of p levels 0, 1/(p-1), ..., 1 (p even), in steps
** of delta = p / (2 (p - 1)), that is p/2 levels, so that every level is
** visited equally often. A trajectory starts at a random grid point from
** which each input can move by delta (each coordinate drawn uniformly
** from the p/2 levels 0 .. 1 - delta, then shifted up by delta when its
** direction is down), and moves one input at a time, in a random order
** and each in a random direction (up or down with probability 1/2), by
** delta: d + 1 points. Input i's elementary effect on a trajectory is
**
**   EE_i = (f(x after the move of i) - f(x before)) / (+-delta),
**
** the change of f per unit change of input i. Over the r trajectories:
**
**   mu    = mean of EE_i         (Morris 1991)
**   mu*   = mean of |EE_i|       (Campolongo, Cariboni, Saltelli 2007)
**   sigma = standard deviation of EE_i, with r - 1 in the denominator
**           (Morris 1991: interactions and non-linearity).
**
** The trajectories are drawn at random (GSL's MT19937, seeded), not chosen
** for spread (Campolongo et al.'s optimisation is not done).
**
** Usage: morris_new; for every run 0 .. morris_runs - 1 (the caller owns
** the loop, in any order, on any thread) morris_point, evaluate,
** morris_set; then morris_estimate; morris_free.
*/
#ifndef DTSIM_MORRIS_H
#define DTSIM_MORRIS_H

#include <stddef.h>

#include "err.h"

/* Levels and trajectories when the caller has no reason to choose others:
** p = 4 and r = 10 (Saltelli et al. 2008, section 3.3, find p = 4 with
** r = 10 to give valuable results; Campolongo et al. 2007 use r = 10 to 20). */
#define MORRIS_LEVELS_DEFAULT 4
#define MORRIS_TRAJ_DEFAULT 10

/* The fewest trajectories (sigma needs two) and the level limits. */
#define MORRIS_TRAJ_MIN 2
#define MORRIS_LEVELS_MIN 2
#define MORRIS_LEVELS_MAX 1000

struct morris;

struct morris_effect {
	double mu, mu_star, sigma;
};

/*
** A design of r trajectories over d inputs on a grid of p levels (p even,
** MORRIS_LEVELS_MIN to MORRIS_LEVELS_MAX), drawn by GSL's MT19937 seeded
** with seed: r (d + 1) runs. On success *out owns it (morris_free).
** Returns -1 with e filled when d is 0, r is below MORRIS_TRAJ_MIN, p is
** odd or out of its limits, or memory runs out.
*/
int morris_new(size_t d, size_t r, unsigned p, unsigned long seed, struct morris **out,
               struct err *e);

void morris_free(struct morris *m);

size_t morris_inputs(const struct morris *m);
size_t morris_trajectories(const struct morris *m);
unsigned morris_levels(const struct morris *m);
double morris_delta(const struct morris *m);

/* The runs of the design, r (d + 1): run t (d + 1) + k is point k of
** trajectory t. */
size_t morris_runs(const struct morris *m);

/* Writes the point of run k into x (d entries, the caller's), each
** coordinate one of the levels 0, 1/(p-1), ..., 1. Reads only. */
void morris_point(const struct morris *m, size_t k, double *x);

/* Records f at the point of run k. */
void morris_set(struct morris *m, size_t k, double y);

/* Estimates every input's mu, mu* and sigma into out[0 .. d-1] (the
** caller's). Returns -1 with e filled when a run was not recorded or its
** value is not finite, or memory runs out. */
int morris_estimate(const struct morris *m, struct morris_effect *out, struct err *e);

#endif
