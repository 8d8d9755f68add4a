/*
** schedule.h: an allocation schedule in EUR per domain and year, read from a
** CSV file as a spreadsheet exports it (libcsv): a header "year,process,..."
** whose other columns are keys of the [schedule] section, then one row per
** year. Errors name FILE:LINE (physical lines, blank lines counted).
*/
#ifndef DTSIM_SCHEDULE_H
#define DTSIM_SCHEDULE_H

#include <stddef.h>

#include "err.h"
#include "params.h"
#include "rfile.h"

/* One value of the schedule: EUR for one domain in one year. */
struct schedule_cell {
	long year;
	const struct param_def *def; /* a PF_SCHEDULE parameter */
	double value;                /* EUR, 0 to def->max */
	long line;                   /* the line the row ends on */
};

/*
** Reads the schedule from f, which the caller opened (with the caps
** RFILE_SCHEDULE_MAX_BYTES and RFILE_CSV_MAX_LINE) and closes; `name` is
** the file name used in errors. On success *cells is a new array of *ncells
** cells in file order (row by row, columns left to right), owned by the
** caller (free()). On failure returns -1, fills e, and *cells is NULL.
*/
int schedule_read(struct rfile *f, const char *name, struct schedule_cell **cells,
                  size_t *ncells, struct err *e);

/* As schedule_read, but goes on after a mistake and adds every error to el
** in line order: each unknown or repeated column, each bad row and each bad
** cell (with a wrong header no row is read; malformed CSV ends the read).
** Returns 0, or -1 when it added an error (then *cells is NULL). */
int schedule_read_all(struct rfile *f, const char *name, struct schedule_cell **cells,
                      size_t *ncells, struct errlist *el);

#endif
