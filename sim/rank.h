/*
** rank.h: ranks of values by size, for the sensitivity tables (tornado
** swing, Morris mu*, Sobol total index): the largest first.
*/
#ifndef DTSIM_RANK_H
#define DTSIM_RANK_H

#include <stddef.h>

/*
** Orders v[0 .. n-1] from the largest to the smallest; ties keep their
** order in v. order[j] is the index of the j-th, rank[i] the rank of v[i]:
** 1 + how many values are strictly larger (tied values share a rank).
** order and rank have n entries, the caller's. The values must be
** numbers (no NaN). Returns 0, or -1 when memory runs out.
*/
int rank_desc(const double *v, size_t n, size_t *order, size_t *rank);

#endif
