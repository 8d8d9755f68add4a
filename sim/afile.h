/*
** afile.h: files that appear whole or not at all. Writes go to a temporary
** file beside the target; afile_commit renames it into place.
**
** A temporary file is named ".<name>.dtsim-XXXXXX" (hidden, in the
** target's directory) while it is written, and registered with cleanup.h,
** so a signal removes it; one that a SIGKILL left behind is recognised by
** afile_is_temp_name and removed by the next run (resdir.h).
*/
#ifndef DTSIM_AFILE_H
#define DTSIM_AFILE_H

#include <stdint.h>
#include <stdio.h>

#include "err.h"

struct afile;

/* Opens a new temporary file beside path (mkstemp). The caller owns the
** handle until afile_commit or afile_abort. Returns NULL and fills e
** ("cannot write PATH: <strerror>") on failure; nothing is left behind. */
struct afile *afile_open(const char *path, struct err *e);

/* The stream to write to; owned by af (do not fclose it). */
FILE *afile_stream(struct afile *af);

/*
** Flushes and syncs what was written, so that only the rename remains.
** Returns -1, fills e ("cannot write PATH: <strerror of the first failed
** write>") and leaves af for afile_abort when a write failed. After it,
** afile_size and afile_digest describe the file.
*/
int afile_finish(struct afile *af, struct err *e);

/* The temporary file's path, owned by af: for a library or a program that
** writes the file by its name (libxlsxwriter, pandoc). Whatever it writes
** there is what afile_commit renames into place, provided nothing is
** written through afile_stream; afile_size and afile_digest then count
** nothing. */
const char *afile_temp_path(const struct afile *af);

/* The bytes written, and their digest (digest.h); final after afile_finish. */
uint64_t afile_size(const struct afile *af);
uint64_t afile_digest(const struct afile *af);

/* Finishes (when afile_finish was not called), closes and renames into
** place; frees af in every case. Returns -1, removes the temporary and
** fills e ("cannot write PATH (STEP failed): <strerror>") on failure. */
int afile_commit(struct afile *af, struct err *e);

/* Removes the temporary file and frees af. NULL is a no-op. */
void afile_abort(struct afile *af);

/* 1 when name (a file name without directory) has the form of an afile
** temporary: ".<name>.dtsim-" and six letters or digits. */
int afile_is_temp_name(const char *name);

#endif
