/*
** resdir.h: the results directory, DIR of `dtsim run -o DIR`: which names
** dtsim writes there, which scenario ids may become file names, the lock
** that keeps two dtsim processes from writing DIR at once, the removal of
** temporaries that a killed process left, and the directories dtsim makes
** inside DIR (never through a symbolic link).
**
** What DIR holds (README, "The results directory"): per scenario ID the
** files ID.csv and ID.params.ini; for the whole run summary.csv and, written
** last, manifest.csv (manifest.h), which lists every scenario with the size
** and digest of its files; after `compare` comparison.csv and comparison.md,
** after `sensitivity` sensitivity.csv and sensitivity.md;
** charts in DIR/plots; the lock file .dtsim.lock.
*/
#ifndef DTSIM_RESDIR_H
#define DTSIM_RESDIR_H

#include <stddef.h>

#include "err.h"

struct afile;

/* The files of a run, and the lock file, in DIR. */
#define RESDIR_SUMMARY  "summary.csv"
#define RESDIR_MANIFEST "manifest.csv"
#define RESDIR_LOCK     ".dtsim.lock"
#define RESDIR_PLOTS    "plots"
/* In DIR/plots: the en copies of de results that the charts read. */
#define RESDIR_PLOT_DATA "data"

/* The longest scenario id, in bytes: an id becomes file names with
** suffixes ("-dashboard.png", ".params.ini") and a temporary's ".dtsim-"
** tag, which must stay within a file name's 255 bytes. */
#define RESDIR_ID_MAX 128

/* The ids that would collide with what dtsim writes for all scenarios
** together (summary.csv, comparison.csv, report.md, ...), NULL-ended. */
extern const char *const resdir_reserved[];

/*
** Checks that id (a scenario's file name without ".ini") can name its
** result files: not empty, at most RESDIR_ID_MAX bytes, one path component
** (no '/'), not starting with '.' (so neither "." nor ".." nor a hidden
** name that could meet dtsim's temporaries), no control character, not a
** reserved name. Returns 0, or -1 with e filled (key "scenario").
*/
int resdir_check_id(const char *id, struct err *e);

/*
** Takes the lock of DIR: creates DIR/.dtsim.lock when missing (never
** through a symbolic link) and locks it (flock, exclusive, not waiting).
** Another dtsim writing DIR holds it: then fails with a message saying so.
** On success *fd is the lock's descriptor for resdir_unlock. Returns 0, or
** -1 with e filled.
*/
int resdir_lock(const char *dir, int *fd, struct err *e);

/* Releases the lock; -1 is a no-op. */
void resdir_unlock(int fd);

/*
** Removes what an earlier dtsim that was killed (SIGKILL, a crash) left
** in dir, dir/plots and dir/plots/data: temporary files (afile_is_temp_name) and chart
** temporary directories (resdir_is_tempdir_name) with their files. Call it
** only while holding the lock: then no other dtsim is writing there.
** Nothing else is touched. Returns 0, or -1 with e naming what could not
** be removed.
*/
int resdir_clean(const char *dir, struct err *e);

/*
** Makes dir/name a directory when it is missing and checks that it is a
** directory and not a symbolic link (dtsim never writes through a link it
** did not make). *out gets "dir/name", owned by the caller (free()).
** Returns 0, or -1 with e filled and *out NULL.
*/
int resdir_subdir(const char *dir, const char *name, char **out, struct err *e);

/* Makes a new private directory dir/.dtsim-XXXXXX (mkdtemp) for files
** being made; *out owned by the caller. Returns 0, or -1 with e. */
int resdir_tempdir(const char *dir, char **out, struct err *e);

/* 1 when name has the form of resdir_tempdir's directories. */
int resdir_is_tempdir_name(const char *name);

/* A new string dir/name+suffix, owned by the caller; NULL when out of
** memory. */
char *resdir_join(const char *dir, const char *name, const char *suffix);

/* Opens dir/name for writing whole (afile.h). NULL with e filled. */
struct afile *resdir_open(const char *dir, const char *name, struct err *e);

#endif
