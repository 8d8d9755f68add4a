/*
** sheetname.c: valid, unique Excel sheet names from user text, and text
** that a workbook's XML can hold (sheetname.h).
**
** Both read their text one UTF-8 character at a time (utf8_next), so that
** a cut never splits a character and a byte that begins no valid character
** is replaced, never passed on: a workbook with invalid UTF-8 in its XML
** does not open.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheetname.h"
#include "utf8.h"

/* The characters Excel refuses in a sheet name, besides control characters. */
static const char sheet_forbidden[] = "[]:*?/\\";

/*
** Writes text as a sheet name of at most max UTF-16 units into out (room
** for SHEETNAME_BYTES), every character Excel refuses made '_'. Returns
** the bytes written.
*/
static size_t sheet_base(const char *text, size_t max, char *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = 0, units = 0;

	while (*s) {
		uint32_t cp;
		size_t n = utf8_next(s, &cp);
		size_t u = n && cp > 0xFFFF ? 2 : 1;

		if (units + u > max)
			break;
		if (n == 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)
		    || cp == 0xFFFE || cp == 0xFFFF
		    || (cp < 0x80 && strchr(sheet_forbidden, (int)cp))) {
			out[len++] = '_';
			s += n ? n : 1;
		} else {
			memcpy(out + len, s, n);
			len += n;
			s += n;
		}
		units += u;
	}
	if (len == 0)
		out[len++] = '_';
	if (out[0] == '\'')
		out[0] = '_';
	if (out[len - 1] == '\'')
		out[len - 1] = '_';
	out[len] = '\0';
	return len;
}

int sheetname_same(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && *q) {
		uint32_t cp, cq;
		size_t np = utf8_next(p, &cp), nq = utf8_next(q, &cq);

		/* A byte that begins no valid character counts as a letter
		** outside ASCII (sheetname_make never leaves one in a name). */
		if (np == 0) {
			np = 1;
			cp = 0x80;
		}
		if (nq == 0) {
			nq = 1;
			cq = 0x80;
		}
		if (cp < 0x80 && cq < 0x80) {
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
			if (cq >= 'A' && cq <= 'Z')
				cq += 'a' - 'A';
			if (cp != cq)
				return 0;
		} else if ((cp < 0x80) != (cq < 0x80)) {
			return 0;
		}
		p += np;
		q += nq;
	}
	return *p == '\0' && *q == '\0';
}

/* 1 when name is one of taken[0..n) or Excel's own "History". */
static int taken_name(const char *name, const char *const *taken, size_t n)
{
	if (sheetname_same(name, "History"))
		return 1;
	for (size_t i = 0; i < n; i++)
		if (sheetname_same(name, taken[i]))
			return 1;
	return 0;
}

/* A sheet name ends with "~K": K up to the number of names taken plus
** two always finds a free one. */
void sheetname_make(const char *text, const char *const *taken, size_t ntaken,
                    char out[SHEETNAME_BYTES])
{
	char suffix[24];

	sheet_base(text, SHEETNAME_MAX, out);
	for (size_t k = 2; taken_name(out, taken, ntaken) && k <= ntaken + 2; k++) {
		size_t slen = (size_t)snprintf(suffix, sizeof suffix, "~%zu", k);
		size_t len = sheet_base(text, SHEETNAME_MAX - slen, out);

		/* The cut may leave an apostrophe at the end, before the suffix:
		** only the very end of a name may not be one. */
		memcpy(out + len, suffix, slen + 1);
	}
}

char *sheetname_clean_text(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	/* Each invalid byte may grow to the three bytes of U+FFFD. */
	char *out = malloc(3 * strlen(text) + 1);
	size_t len = 0;

	if (!out)
		return NULL;
	while (*s) {
		uint32_t cp;
		size_t n = utf8_next(s, &cp);

		if (n == 0 || cp == 0xFFFE || cp == 0xFFFF) {
			memcpy(out + len, "\xEF\xBF\xBD", 3);
			len += 3;
			s += n ? n : 1;
		} else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F) {
			out[len++] = ' ';
			s += n;
		} else {
			memcpy(out + len, s, n);
			len += n;
			s += n;
		}
	}
	out[len] = '\0';
	return out;
}
