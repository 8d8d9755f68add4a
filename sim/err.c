/*
** err.c: filling error records.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

int err_set(struct err *e, const char *file, long line, const char *key,
            const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	snprintf(e->key, sizeof e->key, "%s", key ? key : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void err_clear(struct err *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}
