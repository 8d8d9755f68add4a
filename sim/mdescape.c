/*
** mdescape.c: escaping user text for Markdown (mdescape.h).
**
** Why every ASCII punctuation character: pandoc's Markdown gives meaning to
** almost all of them somewhere (# headings, * _ emphasis, ` code, $ maths,
** \ raw TeX, < raw HTML and autolinks, [ ] ( ) ! links and images, | table
** cells, ~ ^ sub- and superscripts, @ citations, { } attributes, : fenced
** divs and definition lists, - + . ) lists, ' " -- smart punctuation, &
** entities), and which one is active depends on its neighbours and on the
** extensions. Escaping them all needs no such knowledge: a backslash before
** any ASCII punctuation character makes it a literal in pandoc's Markdown
** and in CommonMark. Line structure is the other way in (a newline could
** start a heading, a list, a table row or a raw block), so a text is
** always one line.
*/
#include <string.h>

#include "mdescape.h"

/* The replacement character U+FFFD, in UTF-8. */
#define MD_REPLACEMENT "\xef\xbf\xbd"

/* 1 for ASCII punctuation: what CommonMark lets a backslash escape. */
static int is_punct(unsigned char c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40)
	       || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/*
** The length of the valid UTF-8 sequence at s (1 to 4), with its code
** point in *cp; 0 when the bytes at s are not one (a stray continuation
** byte, an overlong form, a surrogate, beyond U+10FFFF, cut short).
*/
static size_t utf8_seq(const unsigned char *s, unsigned long *cp)
{
	size_t len, i;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1Fu;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0Fu;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07u;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;   /* also stops at the terminating NUL */
		c = c << 6 | (s[i] & 0x3Fu);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)))
	    || (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return len;
}

/* 1 for the characters that count as a blank: space, the C0 and C1
** controls, DEL, and the line and paragraph separators. */
static int is_blank(unsigned long cp)
{
	return cp <= 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

void mdescape_text(struct strbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int pending = 0;   /* a blank run waits for the next character */
	int started = 0;

	while (*p) {
		unsigned long cp = 0xFFFD;
		size_t len = utf8_seq(p, &cp);

		if (len && is_blank(cp)) {
			pending = started;
			p += len;
			continue;
		}
		if (pending)
			strbuf_add(b, " ", 1);
		pending = 0;
		started = 1;
		if (!len) {
			strbuf_add(b, MD_REPLACEMENT, strlen(MD_REPLACEMENT));
			p++;
			continue;
		}
		if (len == 1 && is_punct(*p))
			strbuf_add(b, "\\", 1);
		strbuf_add(b, (const char *)p, len);
		p += len;
	}
}

void mdescape_path(struct strbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		    || (c != '\0' && strchr("-._/", c))) {
			strbuf_add(b, (const char *)p, 1);
		} else {
			char enc[3] = { '%', hex[c >> 4], hex[c & 15] };

			strbuf_add(b, enc, 3);
		}
	}
}
