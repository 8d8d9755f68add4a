/*
** numfmt.c: shortest round-trip formatting and strict parsing of doubles.
** printf and strtod follow LC_NUMERIC, which dtsim never changes from "C".
*/
#include <ctype.h>
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

/* Skips a run of decimal digits; *nonzero is set when one of them is not 0. */
static const char *digits(const char *s, int *nonzero)
{
	for (; *s >= '0' && *s <= '9'; s++)
		*nonzero |= *s != '0';
	return s;
}

/*
** The grammar is checked here, character by character, and only a text that
** passes reaches strtod for the value: strtod alone would also take hex
** ("0x10", "0x1p-1074"), "nan", "inf" and "infinity", and its ERANGE does
** not tell a subnormal result (kept) from one that rounds to 0 (rejected).
*/
int numfmt_parse(const char *s, double *out)
{
	const char *p, *mant, *end;
	char *stop;
	int nonzero = 0, nd;
	double v;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return NUMFMT_EMPTY;
	p = s + (*s == '+' || *s == '-');
	mant = p;
	p = digits(p, &nonzero);
	nd = p > mant;
	if (*p == '.') {
		const char *frac = ++p;
		p = digits(p, &nonzero);
		nd |= p > frac;
	}
	if (!nd)
		return NUMFMT_SYNTAX;
	if (*p == 'e' || *p == 'E') {
		const char *ex;
		int ignored = 0;
		p++;
		p += *p == '+' || *p == '-';
		ex = p;
		p = digits(p, &ignored);
		if (p == ex)
			return NUMFMT_SYNTAX;
	}
	end = p;
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0')
		return NUMFMT_SYNTAX;
	v = strtod(s, &stop);
	/* strtod reads exactly the text checked above; anything else would be
	** a C library that takes more than C11 says. */
	if (stop != end)
		return NUMFMT_SYNTAX;
	if (isinf(v))
		return NUMFMT_TOO_LARGE;
	if (v == 0 && nonzero)
		return NUMFMT_TOO_SMALL;
	*out = v;
	return NUMFMT_OK;
}

const char *numfmt_why(int status)
{
	switch (status) {
	case NUMFMT_OK:
		return "";
	case NUMFMT_EMPTY:
		return "is empty";
	case NUMFMT_TOO_SMALL:
		return "is too small: rounds to 0";
	case NUMFMT_TOO_LARGE:
		return "is too large";
	default:
		return "is not a number";
	}
}

int numfmt_grouped(const char *s, char sep)
{
	const char *p;
	int ignored = 0, groups = 0;

	while (isspace((unsigned char)*s))
		s++;
	s += *s == '+' || *s == '-';
	if (*s < '1' || *s > '9')
		return 0;
	p = digits(s, &ignored);
	if (p - s > 3)
		return 0;
	while (*p == sep) {
		const char *g = p + 1;
		p = digits(g, &ignored);
		if (p - g != 3)
			return 0;
		groups++;
	}
	while (isspace((unsigned char)*p))
		p++;
	return groups > 0 && *p == '\0';
}
