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
#include <stddef.h>

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

/* The most errors an errlist keeps (a file with more mistakes is shown with
** its first ERR_LIST_MAX and "... and N more"); later ones are only counted,
** so memory does not depend on how broken a file is. */
#define ERR_LIST_MAX 20

/*
** Every error found in one input (a scenario, its files and its --set
** values), in the order found: the first ERR_LIST_MAX kept, all counted.
** Zero-initialise; free with errlist_free.
*/
struct errlist {
	struct err *a;  /* the kept errors; owned */
	size_t n;       /* how many a holds */
	size_t total;   /* how many were added, kept or not */
};

/* Counts e and keeps a copy of it while fewer than ERR_LIST_MAX are kept.
** Returns -1 (it is called on an error path, `return errlist_add(...)`);
** when memory runs out e is counted but not kept. */
int errlist_add(struct errlist *l, const struct err *e);

/* Copies the first error of l into e: the first kept, or "out of memory"
** when none could be kept. Returns -1. */
int errlist_first(const struct errlist *l, struct err *e);

/* Frees the kept errors; l is left empty. NULL is a no-op. */
void errlist_free(struct errlist *l);

#endif
