/*
** afile.h: files that appear whole or not at all. Writes go to a temporary
** file in the target's directory; afile_commit renames it into place.
*/
#ifndef DTSIM_AFILE_H
#define DTSIM_AFILE_H

#include <stdio.h>

#include "err.h"

struct afile;

/* Opens a temporary file "<path>.XXXXXX" beside path (mkstemp). The caller
** owns the handle until afile_commit or afile_abort. Returns NULL and fills
** e ("cannot write PATH: <strerror>") on failure; nothing is left behind. */
struct afile *afile_open(const char *path, struct err *e);

/* The stream to write to; owned by af (do not fclose it). */
FILE *afile_stream(struct afile *af);

/* Flushes, checks ferror, fsyncs, closes and renames into place; frees af
** in every case. Returns -1, removes the temporary and fills e ("cannot
** write PATH (STEP failed): <strerror>") when any of these failed. */
int afile_commit(struct afile *af, struct err *e);

/* Removes the temporary file and frees af. NULL is a no-op. */
void afile_abort(struct afile *af);

#endif
