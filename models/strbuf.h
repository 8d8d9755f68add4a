/*
** strbuf.h: a growable string for building messages and texts, so that
** nothing dtsim says or writes is cut at a buffer's end. Append with
** strbuf_printf or strbuf_add; read with strbuf_str; free with strbuf_free.
** When memory runs out the buffer keeps what it had and remembers the
** failure: strbuf_str then ends with "[out of memory]", visibly.
*/
#ifndef DTSIM_STRBUF_H
#define DTSIM_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *s;       /* owned; NULL until something is added */
	size_t len;    /* bytes in s, without the NUL */
	size_t cap;    /* bytes allocated */
	int failed;    /* 1 after an allocation failed */
};

#define STRBUF_INIT { NULL, 0, 0, 0 }

/* Appends the formatted text. */
void strbuf_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Appends the n bytes at s (which need not end with a NUL). */
void strbuf_add(struct strbuf *b, const char *s, size_t n);

/* The text so far, owned by b and valid until the next change: "" when
** nothing was added; marked "[out of memory]" after a failure. */
const char *strbuf_str(const struct strbuf *b);

/* Empties b, keeping its memory. */
void strbuf_reset(struct strbuf *b);

/* Frees b's memory; b is then empty. */
void strbuf_free(struct strbuf *b);

/* Takes b's text (owned by the caller, free()), leaving b empty; NULL when
** memory ran out at any point. */
char *strbuf_take(struct strbuf *b);

#endif
