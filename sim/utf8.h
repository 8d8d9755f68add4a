/*
** utf8.h: reading UTF-8 one character at a time, strictly (RFC 3629):
** what the Markdown escaper and the Excel sheet names both need.
*/
#ifndef DTSIM_UTF8_H
#define DTSIM_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
** The character at s: its length in bytes (1 to 4) with *cp its code
** point, or 0 when s holds no valid UTF-8 character there (a stray
** continuation byte, a truncated or overlong sequence, a surrogate, a
** code point beyond U+10FFFF). Reads no further than a NUL byte.
*/
size_t utf8_next(const unsigned char *s, uint32_t *cp);

#endif
