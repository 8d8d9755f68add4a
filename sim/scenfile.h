/*
** scenfile.h: reading one scenario INI file with inih 55, line by line, into
** settings checked against the registry. Extends and schedule files are the
** caller's (scenario.c); the file format is described there.
*/
#ifndef DTSIM_SCENFILE_H
#define DTSIM_SCENFILE_H

#include <stdio.h>

#include "err.h"
#include "setting.h"

/* Longest line accepted: inih 55 reads lines into 200 bytes that must also
** hold "\r\n" and the terminating NUL, and splits longer lines silently. */
#define SCENFILE_MAX_LINE 197

/*
** Reads the INI file f (opened and closed by the caller; `path` names it in
** errors) and appends its settings, in file order, with source src, to
** *out. Stops at the first error: returns -1 and fills e with path, line,
** key and message; what was appended stays for the caller to free.
*/
int scenfile_read(FILE *f, const char *path, int src, struct setting_list *out,
                  struct err *e);

#endif
