/*
** mdcheck.h: checks of a Markdown text that user text went into escaped
** (sim/mdescape.h), for test_mdescape, test_report and fuzz_report.
** Header-only (static inline).
**
** The skeleton of a Markdown text is, line by line, the ASCII punctuation
** characters that stand without a backslash in front: everything that can
** be markup. Escaped user text contributes nothing to it, so a report made
** with hostile names and the same report made with plain names must have
** the same skeleton: the same lines, the same headings, table columns,
** images and emphasis. '%' is left out: it is no markup in pandoc's
** Markdown without raw TeX, and the percent-encoding of an image's file
** name (mdescape_path) is made of it.
*/
#ifndef DTSIM_MDCHECK_H
#define DTSIM_MDCHECK_H

#include <stdlib.h>
#include <string.h>

static inline int mdcheck_punct(unsigned char c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40)
	       || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* The skeleton of md (a new string, free()); NULL when out of memory. */
static inline char *mdcheck_skeleton(const char *md)
{
	size_t len = strlen(md), n = 0;
	char *out = malloc(len + 1);

	if (!out)
		return NULL;
	for (const char *p = md; *p; p++) {
		if (*p == '\\' && mdcheck_punct((unsigned char)p[1])) {
			p++;
			continue;
		}
		if (*p == '\n' || (mdcheck_punct((unsigned char)*p) && *p != '%'))
			out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

/* 1 when s is valid UTF-8 (no overlong form, surrogate or code point
** beyond U+10FFFF). */
static inline int mdcheck_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t len;
		unsigned long c;

		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF)
			len = 2, c = *p & 0x1Fu;
		else if (*p >= 0xE0 && *p <= 0xEF)
			len = 3, c = *p & 0x0Fu;
		else if (*p >= 0xF0 && *p <= 0xF4)
			len = 4, c = *p & 0x07u;
		else
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (p[i] & 0x3Fu);
		}
		if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)))
		    || (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
			return 0;
		p += len;
	}
	return 1;
}

/* How many times the unescaped two characters "![" (an image) occur. */
static inline size_t mdcheck_images(const char *md)
{
	size_t n = 0;

	for (const char *p = md; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		n += p[0] == '!' && p[1] == '[';
	}
	return n;
}

/* Hostile texts for names and descriptions: Markdown, HTML, TeX and maths
** that would become markup, links and images unescaped; line structure;
** bytes that are not UTF-8. */
static const char *const mdcheck_hostile[] = {
	"![x](/etc/passwd)",
	"<script>alert(1)</script>",
	"$$x^2$$ and $y$",
	"`rm -rf /` and ```fence```",
	"[link](javascript:alert(1))",
	"\\input{/etc/passwd} \\include{x}",
	"# heading",
	"a | b | c",
	"line one\nline two\n\n# heading\n\n![x](/etc/passwd)",
	"<img src=x onerror=alert(1)>",
	"&amp; &#60; &lt;",
	"@cite [@key] ^[note] ~~strike~~ H~2~O x^2^",
	"::: {.warning}\ndiv\n:::",
	"{#id .class key=val}",
	"\\\\ \\ \\",
	"1. list",
	"- item",
	"    indented code",
	"---",
	"***bold italic*** __x__ _y_",
	"<!-- comment -->",
	"\xff\xfe not UTF-8 \xc0\xaf",
	"line\xe2\x80\xa8separator\xc2\x85next",
	"Gr\xc3\xbcn & Co. (Phase 1) -- \"quotes\" 'single' ...",
	"<http://example.org> http://example.org",
	"[^1]: footnote",
	"| a | b |\n|---|---|\n| 1 | 2 |",
	"=== \n--- ",
	"<?php echo 1; ?> <![CDATA[x]]>",
	"\t\r\n",
};
#define MDCHECK_NHOSTILE (sizeof mdcheck_hostile / sizeof mdcheck_hostile[0])

#endif
