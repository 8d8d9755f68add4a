/*
** numfmt.h: numbers as text, in the C locale, that read back exactly.
*/
#ifndef DTSIM_NUMFMT_H
#define DTSIM_NUMFMT_H

#define NUMFMT_LEN 32

/* Writes the shortest decimal form of x (finite) that strtod reads back to
** the identical double, e.g. 0.1 -> "0.1"; whole numbers below 2^53 in full,
** without an exponent: 2040 -> "2040", 15000000 -> "15000000". */
void numfmt_double(double x, char buf[NUMFMT_LEN]);

/* Parses a whole string as a finite double (C locale, no trailing text but
** blanks). Returns 0 on success, -1 otherwise. */
int numfmt_parse(const char *s, double *out);

#endif
