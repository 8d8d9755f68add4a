/*
** strbuf.c: a growable string. Capacity doubles, so appending n bytes in
** pieces costs O(n) in all.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* What strbuf_str shows after a failed allocation. */
static const char strbuf_oom[] = "[out of memory]";

/* Makes room for `more` bytes and the NUL. Returns 0, or -1 (failed set). */
static int grow(struct strbuf *b, size_t more)
{
	size_t need = b->len + more + 1, cap = b->cap ? b->cap : 64;
	char *s;

	if (b->failed)
		return -1;
	if (need <= b->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s) {
		b->failed = 1;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void strbuf_vprintf(struct strbuf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n >= 0 && grow(b, (size_t)n) == 0) {
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(b, fmt, ap);
	va_end(ap);
}

void strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	if (grow(b, n) != 0)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

const char *strbuf_str(const struct strbuf *b)
{
	if (b->failed)
		return strbuf_oom;
	return b->s ? b->s : "";
}

void strbuf_reset(struct strbuf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->s)
		b->s[0] = '\0';
}

void strbuf_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

char *strbuf_take(struct strbuf *b)
{
	char *s = b->failed ? NULL : b->s ? b->s : calloc(1, 1);

	if (b->failed)
		free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
	return s;
}
