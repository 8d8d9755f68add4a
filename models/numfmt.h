/*
** numfmt.h: numbers as text, in the C locale, that read back exactly.
*/
#ifndef DTSIM_NUMFMT_H
#define DTSIM_NUMFMT_H

#define NUMFMT_LEN 32

/* Writes the shortest decimal form of x (finite) that strtod reads back to
** the identical double, e.g. 0.1 -> "0.1"; whole numbers below 2^53 in full,
** without an exponent: 2040 -> "2040", 15000000 -> "15000000". Every form
** it writes (also 4.9406564584124654e-324 and -0) is a number of the
** grammar numfmt_parse reads. */
void numfmt_double(double x, char buf[NUMFMT_LEN]);

/* Why a text is not a number (numfmt_parse), 0 when it is one. */
enum numfmt_status {
	NUMFMT_OK = 0,
	NUMFMT_EMPTY,     /* nothing but blanks */
	NUMFMT_SYNTAX,    /* not of the grammar (letters, hex, nan, a comma...) */
	NUMFMT_TOO_SMALL, /* a non-zero number that rounds to 0 */
	NUMFMT_TOO_LARGE  /* beyond the largest double */
};

/*
** Parses a whole string as a finite double, in one grammar for every number
** dtsim reads (scenario values, --set, schedule cells, section years, result
** CSV files):
**     blanks [+|-] digits [. [digits]] [(e|E) [+|-] digits] blanks
**   | blanks [+|-] . digits [(e|E) [+|-] digits] blanks
** digits are 0-9; blanks are isspace() characters. So "2.385", "-1.5e6",
** "5.", ".5" and "1E-3" are numbers; "0x10", "nan", "inf", "1,5", "35%",
** "1_000" and "2 3" are not. A value too small for a normal double is read
** as the subnormal it rounds to (1e-320); a non-zero value that rounds to 0
** (1e-400) and one beyond the largest double (1e400) are rejected. Returns
** NUMFMT_OK with *out set, or the status saying why (*out untouched).
*/
int numfmt_parse(const char *s, double *out);

/* The phrase for a status of numfmt_parse, to follow a value: "is empty",
** "is not a number", "is too small: rounds to 0", "is too large"; "" for
** NUMFMT_OK. */
const char *numfmt_why(int status);

/* Whether s, blanks around it aside, is a whole number grouped by sep in
** threes, as German writes thousands (sep '.': "1.500", "-12.345.678") or
** English does (sep ','): [+|-] one to three digits, the first not 0, then
** one or more groups of sep and three digits. */
int numfmt_grouped(const char *s, char sep);

#endif
