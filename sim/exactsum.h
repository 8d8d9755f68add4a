/*
** exactsum.h: sums of doubles kept exactly, so that the order in which
** numbers are added does not change a single bit of the result. Monte Carlo
** statistics are sums over runs that threads and shards add in whatever
** order they finish; with an exact sum the mean of a study is the same
** number on one thread, on two, and merged from five machines.
**
** A double is m * 2^e with m a whole number below 2^53 and e >= -1074; the
** sum is a fixed-point number of EXACTSUM_LIMBS signed 64-bit limbs, limb
** i weighing 2^(32 i - 1074), wide enough for every finite double and up
** to 2^30 additions between normalisations (done as needed). Two exact
** sums add limb by limb (exactsum_merge). exactsum_value rounds the exact
** sum to a double by a fixed rule, so equal sums give equal doubles.
** This is the "long accumulator" of Kulisch; none of dtsim's libraries
** has one (GSL sums in floating point).
*/
#ifndef DTSIM_EXACTSUM_H
#define DTSIM_EXACTSUM_H

#include <stdint.h>

/* 2098 bits of finite doubles, 32 per limb, and two limbs of headroom. */
#define EXACTSUM_LIMBS 68
/* The radix of a limb. */
#define EXACTSUM_RADIX_BITS 32

struct exactsum {
	int64_t limb[EXACTSUM_LIMBS];
	uint32_t adds;  /* additions since the last normalisation */
	int overflow;   /* 1 when a non-finite number was added */
};

/* Sets s to 0. */
void exactsum_init(struct exactsum *s);

/* Adds x exactly. A NaN or infinite x sets s->overflow (the sum is then
** undefined: exactsum_value returns NaN). */
void exactsum_add(struct exactsum *s, double x);

/* Adds b to a exactly. */
void exactsum_merge(struct exactsum *a, const struct exactsum *b);

/* Propagates carries: afterwards every limb but the last is in
** [0, 2^32), the last holds the sign; equal sums have equal limbs. */
void exactsum_normalise(struct exactsum *s);

/* The sum rounded to a double (NaN after an overflow): normalised, made
** positive, limbs added from the most significant down. */
double exactsum_value(const struct exactsum *s);

/* Adds limb value v (an integer, |v| < 2^62) at limb index i < EXACTSUM_LIMBS:
** for a reader of a saved sum. */
void exactsum_add_limb(struct exactsum *s, unsigned i, int64_t v);

#endif
