/*
** rank.c: ranks by size (rank.h), with the C library's qsort.
*/
#include <stdlib.h>

#include "rank.h"

struct item {
	double v;
	size_t i;
};

/* Larger values first; equal values in their order in the input. */
static int by_size(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

int rank_desc(const double *v, size_t n, size_t *order, size_t *rank)
{
	struct item *it = malloc((n ? n : 1) * sizeof *it);

	if (!it)
		return -1;
	for (size_t i = 0; i < n; i++) {
		it[i].v = v[i];
		it[i].i = i;
	}
	qsort(it, n, sizeof *it, by_size);
	for (size_t j = 0; j < n; j++) {
		order[j] = it[j].i;
		rank[it[j].i] = j > 0 && it[j].v == it[j - 1].v ? rank[it[j - 1].i] : j + 1;
	}
	free(it);
	return 0;
}
