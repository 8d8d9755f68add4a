/*
** err.c: filling error records.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

/* What ends a field that did not fit. */
static const char err_cut[] = " [...]";

/* Copies the formatted text into buf (len bytes); a text that does not
** fit ends with err_cut. */
static void put(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void put(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= len)
		memcpy(buf + len - sizeof err_cut, err_cut, sizeof err_cut);
}

int err_setv(struct err *e, const char *file, long line, const char *key,
             const char *fmt, va_list ap)
{
	int n;

	if (!e)
		return -1;
	put(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	put(e->key, sizeof e->key, "%s", key ? key : "");
	n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	if (n >= 0 && (size_t)n >= sizeof e->msg)
		memcpy(e->msg + sizeof e->msg - sizeof err_cut, err_cut, sizeof err_cut);
	return -1;
}

int err_set(struct err *e, const char *file, long line, const char *key,
            const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_setv(e, file, line, key, fmt, ap);
	va_end(ap);
	return -1;
}

void err_clear(struct err *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}

int errlist_add(struct errlist *l, const struct err *e)
{
	struct err *a;

	l->total++;
	if (l->n == ERR_LIST_MAX || !(a = realloc(l->a, (l->n + 1) * sizeof *a)))
		return -1;
	l->a = a;
	l->a[l->n++] = *e;
	return -1;
}

int errlist_first(const struct errlist *l, struct err *e)
{
	if (l->n)
		*e = l->a[0];
	else
		err_set(e, "", 0, "", "out of memory");
	return -1;
}

void errlist_free(struct errlist *l)
{
	if (!l)
		return;
	free(l->a);
	l->a = NULL;
	l->n = l->total = 0;
}
