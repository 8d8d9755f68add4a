/*
** test_rank.c: ranks by size (sim/rank.h): the largest first, ties share a
** rank and keep their input order.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rank.h"

static void largest_first_ties_share(void **state)
{
	const double v[] = { 0.385, 2.71, -1.5, 2.71, 0.0, 9.25 };
	const size_t want_order[] = { 5, 1, 3, 0, 4, 2 };
	const size_t want_rank[] = { 4, 2, 6, 2, 5, 1 };
	size_t order[6], rank[6];

	(void)state;
	assert_int_equal(rank_desc(v, 6, order, rank), 0);
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(order[i], want_order[i]);
		assert_int_equal(rank[i], want_rank[i]);
	}
}

static void nothing_to_rank(void **state)
{
	size_t order[1] = { 7 }, rank[1] = { 7 };

	(void)state;
	assert_int_equal(rank_desc(NULL, 0, order, rank), 0);
	assert_int_equal(order[0], 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(largest_first_ties_share),
		cmocka_unit_test(nothing_to_rank),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
