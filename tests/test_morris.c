/*
** test_morris.c: Morris's elementary effects (sim/morris.h). The design's
** points lie on the p-level grid and each trajectory moves every input
** once by delta; on a linear function every elementary effect is the
** input's coefficient (mu = c_i, mu* = |c_i|, sigma = 0), so mu* ranks the
** inputs by the size of their coefficients; an interaction shows in sigma.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "morris.h"
#include "rank.h"
#include "testutil.h"

#define D 5
static const double coef[D] = { 3.7, -1.9, 0.45, 2.615, -0.8 };

static double linear(const double *x)
{
	double y = 1.25;

	for (int i = 0; i < D; i++)
		y += coef[i] * x[i];
	return y;
}

/* x1 x2 + 2.5 x3: the effects of x1 and x2 depend on each other (sigma >
** 0), x3's does not; x4 and x5 do nothing. */
static double interacting(const double *x)
{
	return x[0] * x[1] + 2.5 * x[2];
}

static struct morris *evaluated(size_t r, unsigned p, unsigned long seed,
                                double (*f)(const double *))
{
	struct morris *m = NULL;
	struct err e;
	double x[D];

	assert_int_equal(morris_new(D, r, p, seed, &m, &e), 0);
	for (size_t k = 0; k < morris_runs(m); k++) {
		morris_point(m, k, x);
		morris_set(m, k, f(x));
	}
	return m;
}

static void design_on_the_grid(void **state)
{
	const unsigned levels[] = { 2, 4, 6, 10 };

	(void)state;
	for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++) {
		unsigned p = levels[l];
		struct morris *m = evaluated(7, p, 385, linear);
		double delta = (double)p / (2 * (p - 1)), prev[D], x[D];

		assert_close(morris_delta(m), delta, 1e-15, 0);
		assert_int_equal(morris_runs(m), 7 * (D + 1));
		for (size_t t = 0; t < 7; t++) {
			int moved[D] = { 0 };

			for (size_t k = 0; k <= D; k++) {
				morris_point(m, t * (D + 1) + k, x);
				for (int i = 0; i < D; i++) {
					double lv = x[i] * (p - 1);

					assert_true(x[i] >= 0 && x[i] <= 1);
					assert_close(lv, round(lv), 0, 1e-12);
				}
				if (k > 0) {
					int changed = 0;

					for (int i = 0; i < D; i++)
						if (x[i] != prev[i]) {
							changed++;
							moved[i]++;
							assert_close(fabs(x[i] - prev[i]), delta, 1e-12, 0);
						}
					assert_int_equal(changed, 1);
				}
				memcpy(prev, x, sizeof x);
			}
			for (int i = 0; i < D; i++)
				assert_int_equal(moved[i], 1);
		}
		morris_free(m);
	}
}

static void linear_ranks_by_coefficient(void **state)
{
	struct morris *m = evaluated(MORRIS_TRAJ_DEFAULT, MORRIS_LEVELS_DEFAULT, 2026, linear);
	struct morris_effect ef[D];
	double mu_star[D];
	size_t order[D], rank[D];
	const size_t want_rank[D] = { 1, 3, 5, 2, 4 };
	struct err e;

	(void)state;
	assert_int_equal(morris_estimate(m, ef, &e), 0);
	for (int i = 0; i < D; i++) {
		assert_close(ef[i].mu, coef[i], 1e-12, 1e-12);
		assert_close(ef[i].mu_star, fabs(coef[i]), 1e-12, 1e-12);
		assert_close(ef[i].sigma, 0, 0, 1e-12);
		mu_star[i] = ef[i].mu_star;
	}
	assert_int_equal(rank_desc(mu_star, D, order, rank), 0);
	for (int i = 0; i < D; i++)
		assert_int_equal(rank[i], want_rank[i]);
	morris_free(m);
}

/* For x1 x2 the effect of x1 is x2 (at x2's value on the trajectory), so
** its mean over trajectories is near the mean level 1/2 and it varies;
** x3's effect is 2.5 everywhere; x4 and x5 have none. */
static void interaction_shows_in_sigma(void **state)
{
	struct morris *m = evaluated(40, 4, 7, interacting);
	struct morris_effect ef[D];
	struct err e;

	(void)state;
	assert_int_equal(morris_estimate(m, ef, &e), 0);
	assert_true(ef[0].sigma > 0.1 && ef[1].sigma > 0.1);
	assert_close(ef[0].mu, 0.5, 0, 0.2);
	assert_close(ef[2].mu_star, 2.5, 1e-12, 0);
	assert_close(ef[2].sigma, 0, 0, 1e-12);
	assert_close(ef[3].mu_star, 0, 0, 0);
	assert_close(ef[4].sigma, 0, 0, 0);
	morris_free(m);
}

static void seed_gives_the_design(void **state)
{
	struct morris *a = evaluated(5, 4, 99, linear), *b = evaluated(5, 4, 99, linear);
	struct morris *c = evaluated(5, 4, 100, linear);
	double xa[D], xb[D], xc[D];
	int differ = 0;

	(void)state;
	for (size_t k = 0; k < morris_runs(a); k++) {
		morris_point(a, k, xa);
		morris_point(b, k, xb);
		morris_point(c, k, xc);
		assert_memory_equal(xa, xb, sizeof xa);
		differ |= memcmp(xa, xc, sizeof xa) != 0;
	}
	assert_true(differ);
	morris_free(a);
	morris_free(b);
	morris_free(c);
}

static void refusals(void **state)
{
	struct morris *m = (struct morris *)&m;
	struct morris_effect ef[D];
	struct err e;

	(void)state;
	assert_int_equal(morris_new(D, 10, 5, 1, &m, &e), -1);
	assert_null(m);
	assert_non_null(strstr(e.msg, "5 Morris levels; allowed: an even number"));
	assert_int_equal(morris_new(D, 1, 4, 1, &m, &e), -1);
	assert_non_null(strstr(e.msg, "1 Morris trajectories; allowed: at least 2"));
	assert_int_equal(morris_new(0, 10, 4, 1, &m, &e), -1);
	assert_int_equal(morris_new(D, 2, 4, 1, &m, &e), 0);
	for (size_t k = 0; k < morris_runs(m); k++)
		morris_set(m, k, k == 3 ? NAN : 1.5);
	assert_int_equal(morris_estimate(m, ef, &e), -1);
	assert_non_null(strstr(e.msg, "run 4 "));
	morris_free(m);
	morris_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(design_on_the_grid),
		cmocka_unit_test(linear_ranks_by_coefficient),
		cmocka_unit_test(interaction_shows_in_sigma),
		cmocka_unit_test(seed_gives_the_design),
		cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
