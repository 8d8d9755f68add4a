/*
** csvdialect.c: the CSV dialects en and de (csvdialect.h).
**
** A de number is an en number with a comma for the point: the text is
** respelled (the comma becomes a point) and read by numfmt_parse, the one
** number grammar of dtsim, so both dialects take the same numbers and a de
** file round-trips exactly as an en file does. A point in a de number is
** refused rather than guessed: "1.500" is German thousands grouping
** (1500) to a German reader and 1.5 to strtod.
*/
#include <stdlib.h>
#include <string.h>

#include "csvdialect.h"

int csvdialect_parse(const char *name, enum csvdialect *out, struct err *e)
{
	if (strcmp(name, "en") == 0)
		*out = CSVDIALECT_EN;
	else if (strcmp(name, "de") == 0)
		*out = CSVDIALECT_DE;
	else
		return err_set(e, NULL, 0, "--csv-dialect", "unknown CSV dialect '%s'; allowed:"
		               " en (',' between fields, decimal point; the default) or de"
		               " (';' between fields, decimal comma)", name);
	return 0;
}

const char *csvdialect_name(enum csvdialect d)
{
	return d == CSVDIALECT_DE ? "de" : "en";
}

char csvdialect_sep(enum csvdialect d)
{
	return d == CSVDIALECT_DE ? ';' : ',';
}

char csvdialect_decimal(enum csvdialect d)
{
	return d == CSVDIALECT_DE ? ',' : '.';
}

void csvdialect_format(double x, enum csvdialect d, char buf[NUMFMT_LEN])
{
	char *p;

	numfmt_double(x, buf);
	if (d == CSVDIALECT_DE && (p = strchr(buf, '.')) != NULL)
		*p = ',';
}

/* Room for a de number on the stack; a longer field (a number padded with
** zeros) is respelled in a copy on the heap. */
#define CSVDIALECT_NUM_MAX 64

int csvdialect_number(const char *s, enum csvdialect d, double *out)
{
	char small[CSVDIALECT_NUM_MAX], *buf = small, *comma;
	size_t len;
	int st;

	if (d == CSVDIALECT_EN)
		return numfmt_parse(s, out);
	if (strchr(s, '.'))
		return NUMFMT_SYNTAX;
	len = strlen(s);
	if (len >= sizeof small && !(buf = malloc(len + 1)))
		return NUMFMT_SYNTAX;
	memcpy(buf, s, len + 1);
	if ((comma = strchr(buf, ',')) != NULL)
		*comma = '.';
	st = comma && strchr(comma + 1, ',') ? NUMFMT_SYNTAX : numfmt_parse(buf, out);
	if (buf != small)
		free(buf);
	return st;
}

size_t csvdialect_bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, CSVDIALECT_BOM, 3) == 0 ? 3 : 0;
}

enum csvdialect csvdialect_detect(const char *line, size_t len)
{
	int quoted = 0;

	for (size_t i = csvdialect_bom(line, len); i < len; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == ';' && !quoted)
			return CSVDIALECT_DE;
		else if (line[i] == '\n' && !quoted)
			break;
	}
	return CSVDIALECT_EN;
}
