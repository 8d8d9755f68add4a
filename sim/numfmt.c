/*
** numfmt.c: shortest round-trip formatting and strict parsing of doubles.
** printf and strtod follow LC_NUMERIC, which dtsim never changes from "C".
*/
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "numfmt.h"

/* 2^53: above it not every whole number is a double. */
#define NUMFMT_WHOLE_MAX 9007199254740992.0

void numfmt_double(double x, char buf[NUMFMT_LEN])
{
	/* A whole number below 2^53 is written in full (2040, 15000000), not
	** as %g's 2.04e+03: every such number is exact in a double. */
	if (x == nearbyint(x) && fabs(x) < NUMFMT_WHOLE_MAX) {
		snprintf(buf, NUMFMT_LEN, "%.0f", x);
		return;
	}
	/* 17 significant digits always round-trip; fewer are tried first so
	** that 0.1 prints as 0.1 and not 0.10000000000000001. */
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, NUMFMT_LEN, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return;
	}
}

int numfmt_parse(const char *s, double *out)
{
	char *end;
	double v;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(v))
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}
