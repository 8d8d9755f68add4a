/*
** testutil.h: shared helpers for the cmocka test programs.
** Include after <stdarg.h>, <stddef.h>, <setjmp.h>, <stdint.h>, <cmocka.h>.
*/
#ifndef DTSIM_TESTUTIL_H
#define DTSIM_TESTUTIL_H

#include <math.h>
#include <stdio.h>

/*
** cmocka 1.1.5 has no double comparison (assert_float_equal casts to float).
** Passes when |a - b| <= abs_tol + rel_tol * |b|; otherwise prints both values
** with 17 digits and fails the test at the caller's line.
*/
#define assert_close(a, b, rel_tol, abs_tol) \
	testutil_close((a), (b), (rel_tol), (abs_tol), #a, __FILE__, __LINE__)

static inline void testutil_close(double a, double b, double rel, double abs_tol,
                                  const char *expr, const char *file, int line)
{
	if (isfinite(a) && isfinite(b) && fabs(a - b) <= abs_tol + rel * fabs(b))
		return;
	print_error("%s = %.17g, expected %.17g (rel %g, abs %g)\n", expr, a, b, rel, abs_tol);
	_fail(file, line);
}

#endif
