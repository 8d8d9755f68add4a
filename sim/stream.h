/*
** stream.h: the random streams of Monte Carlo runs. Every draw of dtsim
** comes from a stream named by (seed, run index, stream id), never from a
** generator shared between runs, so a run's draws do not depend on the
** thread that runs it, on the runs before it or on how the runs are split
** into shards (PRODUCT.md: "a run is a pure function of (scenario, seed)").
**
** The key of a stream (README, "Random streams"): with f the SplitMix64
** finaliser (Steele, Lea and Flood 2014, "Fast splittable pseudorandom
** number generators"; the constants of Vigna's reference splitmix64.c),
**
**     f(z) = z3, where z1 = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9,
**                      z2 = (z1 ^ (z1 >> 27)) * 0x94d049bb133111eb,
**                      z3 = z2 ^ (z2 >> 31)   (all modulo 2^64),
**
**     key(seed, run, id) = f(f(f(seed + G) ^ run) ^ id), G = 0x9e3779b97f4a7c15.
**
** Each f is a bijection of 64-bit words, so for one seed two (run, id)
** pairs share a key only by a 2^-64 chance. The stream is GSL's taus2
** generator (L'Ecuyer 1996, maximally equidistributed, period 2^88; seeding
** it costs a dozen operations, where mt19937 fills 624 words, which a run
** with 50 draws would pay 50 times) seeded with the key folded to the 32
** bits that GSL seeds take: (key >> 32) ^ (key & 0xffffffff). Two streams
** of a study thus start alike by a 2^-32 chance per pair: each such pair
** repeats one parameter's value in two runs, which changes no estimate
** measurably.
**
** The id of a stream is the name of what it draws: a parameter
** ("legacy.om_rate", "funding.eu.rate") or an event ("security.incident"):
**
**     stream_id(name) = f(FNV-1a-64(the bytes of name))   (digest.h).
**
** Common random numbers: run i of every scenario draws the same parameter
** from the same stream, so strategies are compared on the same draws.
** With `dtsim mc --independent` the id is stream_combine(id,
** stream_id(scenario id)) instead, and each scenario has its own draws.
*/
#ifndef DTSIM_STREAM_H
#define DTSIM_STREAM_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* One stream being drawn from: owns its GSL generator. A run keeps one
** per thread and reseeds it (stream_seed) for every stream it draws. */
struct stream {
	gsl_rng *rng;
};

/* The SplitMix64 finaliser f above: a bijection of 64-bit words. */
uint64_t stream_mix(uint64_t z);

/* The id of the stream named name (a parameter or event name, NUL-ended):
** f(FNV-1a-64(name)). Stable across versions and machines. */
uint64_t stream_id(const char *name);

/* The id of stream id within scenario sid (--independent): f(id ^ f(sid)). */
uint64_t stream_combine(uint64_t id, uint64_t sid);

/* The key of stream id in run `run` of a study with seed `seed`:
** f(f(f(seed + G) ^ run) ^ id). */
uint64_t stream_key(uint64_t seed, uint64_t run, uint64_t id);

/* Allocates the generator of s. Returns 0, or -1 when out of memory. */
int stream_init(struct stream *s);

/* Frees the generator of s; s->rng becomes NULL. An s that was never
** initialised successfully (rng NULL) is a no-op. */
void stream_release(struct stream *s);

/* Starts s at the beginning of stream (seed, run, id). */
void stream_seed(struct stream *s, uint64_t seed, uint64_t run, uint64_t id);

/* The next number of s, uniform on the open interval (0, 1)
** (gsl_rng_uniform_pos): never 0 or 1, so an inverse CDF stays finite. */
double stream_uniform(struct stream *s);

#endif
