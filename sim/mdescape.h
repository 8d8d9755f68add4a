/*
** mdescape.h: user text (scenario names, descriptions, ids) made safe for
** a Markdown document that pandoc turns into HTML or Word: whatever the
** text holds, it shows as the characters it is and never becomes markup
** (a heading, a link, an image, raw HTML or TeX, maths, a code span, a
** table column, a new line or paragraph).
*/
#ifndef DTSIM_MDESCAPE_H
#define DTSIM_MDESCAPE_H

#include "strbuf.h"

/*
** Appends s to b as inline Markdown text that shows s: every ASCII
** punctuation character (each of !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~) gets a
** backslash in front, which pandoc's Markdown (with every extension) and
** CommonMark read as that character itself; blanks and control characters
** (a tab, a newline, a C1 control, U+2028 and U+2029) become one space per
** run, and those at either end are dropped, so the text stays on its line;
** a byte that is not part of valid UTF-8 becomes U+FFFD (pandoc refuses
** input that is not UTF-8). Letters, digits and other UTF-8 characters pass
** unchanged.
*/
void mdescape_text(struct strbuf *b, const char *s);

/*
** Appends s to b as a link destination (the part in parentheses of
** ![alt](DEST)): every byte but ASCII letters, digits and - . _ / is
** percent-encoded (%XX), so no character of a file name can end the
** destination or start a title; pandoc decodes it back to the file name.
*/
void mdescape_path(struct strbuf *b, const char *s);

#endif
