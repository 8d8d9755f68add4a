/*
** err.h: errors as data. A library function that fails fills a struct err;
** only the command line (main.c) prints it, as "FILE:LINE: message".
*/
#ifndef DTSIM_ERR_H
#define DTSIM_ERR_H

struct err {
	char file[512];  /* "" when no file is at fault */
	long line;       /* 0 when no line applies */
	char key[128];   /* the parameter or column at fault, or "" */
	char msg[768];   /* what was found and what is allowed */
};

/* Fills e (if not NULL). file and key may be NULL. Returns -1, so a caller can
** write `return err_set(e, ...);`. */
int err_set(struct err *e, const char *file, long line, const char *key,
            const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Clears e. */
void err_clear(struct err *e);

#endif
