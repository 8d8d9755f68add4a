/*
** test_stream.c: the random streams of Monte Carlo runs (sim/stream.c):
** the SplitMix64 finaliser and FNV-1a against their published vectors, the
** key as stream.h composes it, the GSL seed, reproducibility, and that
** streams of other runs, ids and seeds differ.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "stream.h"
#include "testutil.h"

/* Vigna's splitmix64.c started at state 0 first returns f(G): the
** finaliser of the first increment. */
static void mix_vector(void **state)
{
	(void)state;
	assert_true(stream_mix(UINT64_C(0x9e3779b97f4a7c15)) == UINT64_C(0xe220a8397b1dcdaf));
	assert_true(stream_mix(0) == 0);
}

/* FNV-1a-64("a") is 0xaf63dc4c8601ec8c (the FNV test vectors); the id is
** its finaliser. */
static void id_is_fnv_then_mix(void **state)
{
	(void)state;
	assert_true(stream_id("a") == stream_mix(UINT64_C(0xaf63dc4c8601ec8c)));
	assert_true(stream_id("legacy.om_rate") != stream_id("legacy.om_rate "));
	assert_true(stream_combine(stream_id("a"), stream_id("baseline"))
	            == stream_mix(stream_id("a") ^ stream_mix(stream_id("baseline"))));
}

/* key(seed, run, id) = f(f(f(seed + G) ^ run) ^ id). */
static void key_composition(void **state)
{
	uint64_t seed = 20260417, run = 7351, id = stream_id("budget.cost_inflation");
	uint64_t g = UINT64_C(0x9e3779b97f4a7c15);

	(void)state;
	assert_true(stream_key(seed, run, id)
	            == stream_mix(stream_mix(stream_mix(seed + g) ^ run) ^ id));
	assert_true(stream_key(0, 0, 0) == stream_mix(stream_mix(UINT64_C(0xe220a8397b1dcdaf))));
}

/* The stream is GSL's taus2 seeded with the key folded to 32 bits. */
static void seeds_taus2_with_folded_key(void **state)
{
	struct stream s;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	uint64_t key = stream_key(42, 3, stream_id("legacy.om_rate"));

	(void)state;
	assert_non_null(r);
	assert_int_equal(stream_init(&s), 0);
	stream_seed(&s, 42, 3, stream_id("legacy.om_rate"));
	gsl_rng_set(r, (unsigned long)((key >> 32) ^ (key & 0xffffffffu)));
	for (int i = 0; i < 50; i++)
		assert_true(stream_uniform(&s) == gsl_rng_uniform_pos(r));
	gsl_rng_free(r);
	stream_release(&s);
	stream_release(&s);  /* released twice: a no-op */
}

/* Reseeding gives the same numbers; another run, id or seed other ones. */
static void reproducible_and_distinct(void **state)
{
	struct stream s;
	double a[8], b[8];
	uint64_t id = stream_id("services.adoption_imitation");

	(void)state;
	assert_int_equal(stream_init(&s), 0);
	stream_seed(&s, 1, 11, id);
	for (int i = 0; i < 8; i++)
		a[i] = stream_uniform(&s);
	/* Other streams in between do not matter. */
	stream_seed(&s, 1, 12, id);
	(void)stream_uniform(&s);
	stream_seed(&s, 1, 11, id);
	for (int i = 0; i < 8; i++)
		b[i] = stream_uniform(&s);
	assert_memory_equal(a, b, sizeof a);
	stream_seed(&s, 1, 12, id);
	assert_true(stream_uniform(&s) != a[0]);
	stream_seed(&s, 2, 11, id);
	assert_true(stream_uniform(&s) != a[0]);
	stream_seed(&s, 1, 11, stream_id("legacy.om_rate"));
	assert_true(stream_uniform(&s) != a[0]);
	stream_release(&s);
}

/*
** The first number of 20000 streams (runs 0..19999 of one id), as a Monte
** Carlo study draws them: uniform on (0, 1), so their mean is within 4
** standard errors (sqrt(1/12/20000) = 0.00204) of 1/2 and each tenth of
** the interval holds 2000 +- 4 sqrt(2000 * 0.9) = 2000 +- 170.
*/
static void first_draws_uniform(void **state)
{
	struct stream s;
	size_t n = 20000, bins[10] = { 0 };
	double sum = 0;

	(void)state;
	assert_int_equal(stream_init(&s), 0);
	for (size_t run = 0; run < n; run++) {
		double u;

		stream_seed(&s, 2026, run, stream_id("legacy.om_rate"));
		u = stream_uniform(&s);
		assert_true(u > 0 && u < 1);
		sum += u;
		bins[(size_t)(u * 10)]++;
	}
	assert_close(sum / (double)n, 0.5, 0, 4 * 0.00204);
	for (int k = 0; k < 10; k++)
		assert_true(bins[k] > 2000 - 170 && bins[k] < 2000 + 170);
	stream_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mix_vector),
		cmocka_unit_test(id_is_fnv_then_mix),
		cmocka_unit_test(key_composition),
		cmocka_unit_test(seeds_taus2_with_folded_key),
		cmocka_unit_test(reproducible_and_distinct),
		cmocka_unit_test(first_draws_uniform),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
