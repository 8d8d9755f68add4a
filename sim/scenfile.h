/*
** scenfile.h: reading one scenario INI file with inih 55, line by line, into
** settings checked against the registry. Extends and schedule files are the
** caller's (scenario.c); the file format is described there.
*/
#ifndef DTSIM_SCENFILE_H
#define DTSIM_SCENFILE_H

#include "err.h"
#include "rfile.h"
#include "setting.h"

/* Longest line accepted, in bytes: inih 55 reads lines into 200 bytes that
** must also hold "\r\n" and the terminating NUL, and splits longer lines
** silently. Open scenario files with this as rfile_open's max_line. */
#define SCENFILE_MAX_LINE 197

/*
** Reads the INI file f (opened and closed by the caller, with max_line
** SCENFILE_MAX_LINE; `path` names it in errors) and appends its settings,
** in file order, with source src, to *out. Goes on after a mistake: every
** error, with path, line, key and message, is added to el in line order,
** and the section it lies in is marked in out (setting_mark_bad). Returns
** 0, or -1 when it added an error; what was appended stays for the caller
** to free either way.
*/
int scenfile_read(struct rfile *f, const char *path, int src,
                  struct setting_list *out, struct errlist *el);

#endif
