/*
** err.h: errors as data. A library function that fails fills a struct err;
** only the command line (main.c) prints it, as "FILE:LINE: message".
** Messages are built in growable buffers (strbuf.h) and then copied here;
** the fields are far larger than any message dtsim makes (a value quoted
** in a message is abbreviated on purpose, setting_message), and a field
** that would still overflow ends with " [...]", so a cut is never silent.
*/
#ifndef DTSIM_ERR_H
#define DTSIM_ERR_H

#include <limits.h>
#include <stdarg.h>

#define ERR_MSG_MAX 4096

struct err {
	char file[PATH_MAX];  /* "" when no file is at fault */
	long line;            /* 0 when no line applies */
	char key[256];        /* the parameter or column at fault, or "" */
	char msg[ERR_MSG_MAX];/* what was found and what is allowed */
};

/* Fills e (if not NULL). file and key may be NULL. Returns -1, so a caller can
** write `return err_set(e, ...);`. */
int err_set(struct err *e, const char *file, long line, const char *key,
            const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The same with the arguments of a variadic caller. */
int err_setv(struct err *e, const char *file, long line, const char *key,
             const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* Clears e. */
void err_clear(struct err *e);

#endif
