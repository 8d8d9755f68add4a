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
#include "utf8.h"

/* The replacement character U+FFFD, in UTF-8. */
#define MD_REPLACEMENT "\xef\xbf\xbd"

/* 1 for ASCII punctuation: what CommonMark lets a backslash escape. */
static int is_punct(unsigned char c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40)
	       || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* 1 for the characters that count as a blank: space, the C0 and C1
** controls, DEL, and the line and paragraph separators. */
static int is_blank(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

void mdescape_text(struct strbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int pending = 0;   /* a blank run waits for the next character */
	int started = 0;

	while (*p) {
		uint32_t cp = 0xFFFD;
		size_t len = utf8_next(p, &cp);

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
