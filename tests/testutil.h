/*
** testutil.h: shared helpers for the cmocka test programs.
** Include after <stdarg.h>, <stddef.h>, <setjmp.h>, <stdint.h>, <cmocka.h>.
*/
#ifndef DTSIM_TESTUTIL_H
#define DTSIM_TESTUTIL_H

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
** Creates a fresh, empty directory "$TMPDIR/dtsim-<tag>-XXXXXX" (or under
** /tmp) and writes its path into buf. Returns 0, or -1 when mkdtemp fails.
*/
static inline int testutil_mkdtemp(char *buf, size_t len, const char *tag)
{
	const char *base = getenv("TMPDIR");

	snprintf(buf, len, "%s/dtsim-%s-XXXXXX", base && *base ? base : "/tmp", tag);
	return mkdtemp(buf) ? 0 : -1;
}

/*
** Removes the directory `path` and what a test left in it (files, or empty
** directories). Returns how many entries were there other than one named
** `keep` (NULL: count them all), so a test can insist nothing stray was left.
*/
static inline int testutil_rmdir(const char *path, const char *keep)
{
	DIR *dp = opendir(path);
	struct dirent *de;
	char p[1024];
	int stray = 0;

	while (dp && (de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		stray += !keep || strcmp(de->d_name, keep) != 0;
		snprintf(p, sizeof p, "%s/%s", path, de->d_name);
		if (remove(p) != 0)
			rmdir(p);
	}
	if (dp)
		closedir(dp);
	rmdir(path);
	return stray;
}

#endif
