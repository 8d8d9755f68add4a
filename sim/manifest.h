/*
** manifest.h: the results manifest, DIR/manifest.csv. `dtsim run` writes
** it last, after every scenario's files and summary.csv: one row per
** scenario with what charts need to know about it (name, description and
** their German texts, target, mandate, reference scenario) and the size and digest (digest.h) of ID.csv,
** ID.params.ini and summary.csv, and the versions of dtsim and of the model
** (sim/version.h, models/modelversion.h) that wrote them. Its generation is the digest of all of
** these, so two runs that wrote the same files have the same generation.
**
** A directory without a manifest holds no complete run (a run was
** interrupted, or an older dtsim wrote it); one whose files do not match
** their manifest mixes runs (or a file was edited). Commands that read
** results (`dtsim plot`) refuse both, and read nothing but these files:
** no scenario file, no extends, no schedule.
*/
#ifndef DTSIM_MANIFEST_H
#define DTSIM_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* A file as the manifest records it. */
struct manifest_file {
	uint64_t size;    /* bytes */
	uint64_t digest;  /* digest.h of its bytes */
};

/* One scenario. When written, the strings are the caller's; when loaded,
** they belong to the manifest. */
struct manifest_entry {
	const char *id;           /* the scenario id (file names ID.csv, ...) */
	const char *name;         /* scenario.name */
	const char *description;  /* scenario.description */
	double target_maturity;   /* services.target_maturity of the first year */
	int mandate_active;       /* mandate.active */
	double mandate_deadline_year, mandate_target;
	struct manifest_file csv, params;
	/* scenario.name_de and description_de, and the id of the reference
	** scenario (one of the run's, maybe this one): "" (or NULL when
	** written) when none. */
	const char *name_de, *description_de, *reference;
};

struct manifest {
	struct manifest_entry *entry;
	size_t n;
	struct manifest_file summary;
	uint64_t generation;      /* manifest_generation of the above */
	void *owned;              /* what a loaded manifest owns; NULL */
	/* When loaded: the versions of dtsim and of the model that wrote the
	** run, owned by the manifest. manifest_write ignores them and writes
	** DTSIM_VERSION and MODEL_VERSION, the versions of this program. */
	const char *dtsim_version, *model_version;
};

/* The digest of the ids and file digests of m, in order (see manifest.c). */
uint64_t manifest_generation(const struct manifest *m);

/* Writes m (its generation computed here) to path, whole or not at all.
** Returns 0, or -1 with e filled. */
int manifest_write(const char *path, const struct manifest *m, struct err *e);

/*
** Reads DIR/manifest.csv and checks it: every column present, every id
** valid (resdir_check_id) and listed once, one generation that matches its
** rows, and every file it lists (summary.csv, each ID.csv and
** ID.params.ini) a regular file of the recorded size and digest. On
** success *out owns the manifest (manifest_free). Returns -1 with e filled
** otherwise (naming the file at fault and what to do).
*/
int manifest_load(const char *dir, struct manifest **out, struct err *e);

/* Frees a loaded manifest; NULL is a no-op. */
void manifest_free(struct manifest *m);

/* The entry for id in m, or NULL. */
const struct manifest_entry *manifest_find(const struct manifest *m, const char *id);

/*
** The size and digest of the regular file at path (a symbolic link, a
** FIFO or a device is refused), read up to limit bytes: a longer file is
** refused too. Returns 0, or -1 with e filled.
*/
int manifest_digest_file(const char *path, uint64_t limit, struct manifest_file *out,
                         struct err *e);

#endif
