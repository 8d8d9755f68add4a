/*
** rfile.h: reading an input file that may be hostile or broken. Opens only
** regular files (a FIFO would block, a device such as /dev/zero never ends),
** refuses files above a size cap, and reads lines with a bound that fails as
** soon as a line is too long, so neither time nor memory depends on what the
** file holds beyond its cap. Errors name FILE:LINE.
*/
#ifndef DTSIM_RFILE_H
#define DTSIM_RFILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "err.h"

/*
** The caps, in bytes. Each is far above real use and far below what would
** strain memory: a bundled scenario file has about 2 KiB; a schedule has a
** row of about 150 bytes per year (at most 301 years); a result CSV has a
** row of about 1 KiB per reported period, so daily rows over the longest
** horizon (100 years) take about 40 MiB. A field of a result CSV may hold a
** scenario name (SETTING_TEXT_MAX, its quotes doubled), hence the CSV line cap.
*/
#define RFILE_SCENARIO_MAX_BYTES ((size_t)1 << 20)  /* 1 MiB: scenario INI */
#define RFILE_SCHEDULE_MAX_BYTES ((size_t)16 << 20) /* 16 MiB: schedule CSV */
#define RFILE_RESULT_MAX_BYTES   ((size_t)64 << 20) /* 64 MiB: result CSV */
#define RFILE_CSV_MAX_LINE       ((size_t)1 << 20)  /* 1 MiB: one CSV line */

struct rfile;

/*
** Opens path for reading if it is a regular file of at most max_bytes bytes
** whose lines will be read with at most max_line bytes each (the line end,
** "\n" or "\r\n", not counted). The open does not block on a FIFO. On
** success *out owns a new handle (free with rfile_close). On failure returns
** -1, *out is NULL and e names path (line 0) with a message that reads after
** the path: "cannot open: <strerror>", "not a regular file (a FIFO); ...",
** "the file has N bytes; allowed: at most ...".
*/
int rfile_open(const char *path, size_t max_bytes, size_t max_line,
               struct rfile **out, struct err *e);

/*
** Reads the next line: *line points to its bytes, line end included, with a
** NUL after them (the line may hold NUL bytes: *len counts them all). The
** bytes are owned by f and valid until the next call. Returns 1 for a line,
** 0 at the end of the file, -1 with e filled (FILE:LINE) when the line is
** longer than max_line, when the bytes read pass max_bytes (a file whose
** size fstat misreported, as under /proc), or on a read error. The read
** stops at the first byte past a cap.
*/
int rfile_getline(struct rfile *f, const char **line, size_t *len, struct err *e);

/* The number of the line rfile_getline returned last (1 for the first). */
long rfile_lineno(const struct rfile *f);

/* The bytes read so far: what max_bytes caps. */
size_t rfile_bytes(const struct rfile *f);

/* The file's status from fstat at open (device and inode name the file). */
const struct stat *rfile_stat(const struct rfile *f);

/* Closes f and frees it; NULL is a no-op. */
void rfile_close(struct rfile *f);

#endif
