/*
** stream.c: the random streams of Monte Carlo runs (stream.h): SplitMix64
** keys seeding GSL's taus2 generator.
*/
#include <string.h>

#include "digest.h"
#include "stream.h"

/* The golden-ratio increment of SplitMix64, 2^64 / phi rounded to odd. */
#define STREAM_GAMMA UINT64_C(0x9e3779b97f4a7c15)

uint64_t stream_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint64_t stream_id(const char *name)
{
	return stream_mix(digest_add(DIGEST_INIT, name, strlen(name)));
}

uint64_t stream_combine(uint64_t id, uint64_t sid)
{
	return stream_mix(id ^ stream_mix(sid));
}

uint64_t stream_key(uint64_t seed, uint64_t run, uint64_t id)
{
	return stream_mix(stream_mix(stream_mix(seed + STREAM_GAMMA) ^ run) ^ id);
}

int stream_init(struct stream *s)
{
	s->rng = gsl_rng_alloc(gsl_rng_taus2);
	return s->rng ? 0 : -1;
}

void stream_release(struct stream *s)
{
	gsl_rng_free(s->rng);
	s->rng = NULL;
}

void stream_seed(struct stream *s, uint64_t seed, uint64_t run, uint64_t id)
{
	uint64_t key = stream_key(seed, run, id);

	gsl_rng_set(s->rng, (unsigned long)((key >> 32) ^ (key & UINT64_C(0xffffffff))));
}

double stream_uniform(struct stream *s)
{
	return gsl_rng_uniform_pos(s->rng);
}
