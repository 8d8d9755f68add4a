/*
** afile.h: files that appear whole or not at all. Writes go to a temporary
** file in the target's directory; afile_commit renames it into place.
*/
#ifndef DTSIM_AFILE_H
#define DTSIM_AFILE_H

#include <stdio.h>

#include "err.h"

struct afile;

/* Opens a temporary file beside path. Returns NULL and fills e on failure. */
struct afile *afile_open(const char *path, struct err *e);

/* The stream to write to. */
FILE *afile_stream(struct afile *af);

/* Flushes, closes and renames into place; frees af. Returns -1 and fills e
** (and removes the temporary) when any write failed. */
int afile_commit(struct afile *af, struct err *e);

/* Removes the temporary file and frees af. NULL is a no-op. */
void afile_abort(struct afile *af);

#endif
