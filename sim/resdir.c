/*
** resdir.c: the results directory: ids, reserved names, the lock, stale
** temporaries, and directories made inside it.
**
** Every check that decides what to remove or where to write uses lstat, so
** a symbolic link planted in a shared results directory is never followed:
** a link where DIR/plots should be is refused, a link with a temporary's
** name is removed as a link (its target is untouched).
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "resdir.h"

/* The tag of a temporary directory, and the characters mkdtemp adds. */
#define RESDIR_TMP_TAG ".dtsim-"
#define RESDIR_TMP_RAND 6

/* Ids that would collide with the files of a whole run, of every command
** (planned ones included, so a scenario file keeps working when they
** come): summary.csv, comparison.csv/.md, burden.csv, manifest.csv, sensitivity.csv/.md,
** tornado.csv, morris.csv, sobol.csv, report.md, mc_summary.csv, calibration.md/.csv (calibrate), results.xlsx.
** Not calibrated or roadmap: DIR/calibrated.ini and DIR/roadmap.ini are
** scenarios, and dtsim run on them writes calibrated.csv or roadmap.csv. */
const char *const resdir_reserved[] = {
	"summary", "comparison", "burden", "manifest", "sensitivity", "report", "mc_summary", "calibration",
	"results", "tornado", "morris", "sobol", NULL
};

char *resdir_join(const char *dir, const char *name, const char *suffix)
{
	size_t len = strlen(dir) + strlen(name) + strlen(suffix) + 2;
	char *p = malloc(len);

	if (p)
		snprintf(p, len, "%s/%s%s", dir, name, suffix);
	return p;
}

struct afile *resdir_open(const char *dir, const char *name, struct err *e)
{
	char *path = resdir_join(dir, name, "");
	struct afile *af;

	if (!path) {
		err_set(e, "", 0, "", "out of memory");
		return NULL;
	}
	af = afile_open(path, e);
	free(path);
	return af;
}

int resdir_check_id(const char *id, struct err *e)
{
	static const char rule[] = "allowed: a file name of 1 to 128 bytes without '/' or"
	                           " control characters, not starting with '.'";
	size_t n = strlen(id);

	if (n == 0)
		return err_set(e, NULL, 0, "scenario", "the scenario id is empty; %s", rule);
	if (n > RESDIR_ID_MAX)
		return err_set(e, NULL, 0, "scenario", "the scenario id has %zu bytes; %s", n, rule);
	if (strchr(id, '/'))
		return err_set(e, NULL, 0, "scenario", "the scenario id '%s' holds a '/'; %s", id, rule);
	if (id[0] == '.')
		return err_set(e, NULL, 0, "scenario", "the scenario id '%s' starts with '.'; %s",
		               id, rule);
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return err_set(e, NULL, 0, "scenario", "the scenario id holds a control"
			               " character (byte %u); %s", *p, rule);
	for (size_t i = 0; resdir_reserved[i]; i++)
		if (strcmp(id, resdir_reserved[i]) == 0)
			return err_set(e, NULL, 0, "scenario", "the scenario id '%s' is reserved for"
			               " the files of a whole run (%s.*); rename the scenario file",
			               id, id);
	return 0;
}

int resdir_lock(const char *dir, int *fd, struct err *e)
{
	char *path = resdir_join(dir, RESDIR_LOCK, "");
	int saved;

	*fd = -1;
	if (!path)
		return err_set(e, NULL, 0, NULL, "out of memory");
	*fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (*fd < 0) {
		saved = errno;
		err_set(e, path, 0, NULL, "cannot lock the results directory %s: %s%s", dir,
		        strerror(saved), saved == ELOOP ? " (the lock file is a symbolic link;"
		        " remove it)" : "");
		free(path);
		return -1;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		saved = errno;
		close(*fd);
		*fd = -1;
		if (saved == EWOULDBLOCK)
			err_set(e, NULL, 0, NULL, "another dtsim is writing to %s (it holds %s);"
			        " wait until it ends, or write elsewhere with -o", dir, path);
		else
			err_set(e, path, 0, NULL, "cannot lock the results directory %s: %s", dir,
			        strerror(saved));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

void resdir_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

int resdir_is_tempdir_name(const char *name)
{
	size_t tag = sizeof RESDIR_TMP_TAG - 1;

	if (strlen(name) != tag + RESDIR_TMP_RAND || strncmp(name, RESDIR_TMP_TAG, tag) != 0)
		return 0;
	for (const char *r = name + tag; *r; r++)
		if (!((*r >= 'a' && *r <= 'z') || (*r >= 'A' && *r <= 'Z') || (*r >= '0' && *r <= '9')))
			return 0;
	return 1;
}

/* 1 when dir/name is a regular file or a symbolic link (lstat): what a
** temporary's name may be removed as. */
static int removable(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode));
}

/* 1 when path is a directory, not a link to one. */
static int real_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Removes path when removable; the first failure goes into e. Returns -1
** when it could not be removed. */
static int remove_stale(const char *path, struct err *e, int *failed)
{
	if (!removable(path))
		return 0;
	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	if (!*failed)
		err_set(e, path, 0, NULL, "cannot remove the stale temporary file %s: %s", path,
		        strerror(errno));
	*failed = 1;
	return -1;
}

/*
** Removes the stale temporaries in dir: files with a temporary's name and,
** when dirs, temporary directories with every file in them (nothing in
** them is kept: only dtsim makes them). Returns 0, or -1 with e.
*/
static int clean_one(const char *dir, int dirs, struct err *e)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int failed = 0;

	if (!dp)
		return errno == ENOENT ? 0 : err_set(e, dir, 0, NULL, "cannot read %s: %s", dir,
		                                     strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		char *p = resdir_join(dir, de->d_name, "");

		if (!p) {
			failed = 1;
			err_set(e, NULL, 0, NULL, "out of memory");
			break;
		}
		if (afile_is_temp_name(de->d_name)) {
			remove_stale(p, e, &failed);
		} else if (dirs && resdir_is_tempdir_name(de->d_name) && real_dir(p)) {
			DIR *tp = opendir(p);
			struct dirent *te;

			while (tp && (te = readdir(tp)) != NULL) {
				char *q = resdir_join(p, te->d_name, "");

				if (q)
					remove_stale(q, e, &failed);
				free(q);
			}
			if (tp)
				closedir(tp);
			if (rmdir(p) != 0 && !failed) {
				failed = 1;
				err_set(e, p, 0, NULL, "cannot remove the stale temporary directory %s: %s",
				        p, strerror(errno));
			}
		}
		free(p);
	}
	closedir(dp);
	return failed ? -1 : 0;
}

int resdir_clean(const char *dir, struct err *e)
{
	char *plots = resdir_join(dir, RESDIR_PLOTS, "");
	char *data = resdir_join(dir, RESDIR_PLOTS "/" RESDIR_PLOT_DATA, "");
	int rc;

	if (!plots || !data) {
		free(plots);
		free(data);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	rc = clean_one(dir, 0, e);
	if (rc == 0 && real_dir(plots))
		rc = clean_one(plots, 1, e);
	if (rc == 0 && real_dir(plots) && real_dir(data))
		rc = clean_one(data, 0, e);
	free(plots);
	free(data);
	return rc;
}

int resdir_subdir(const char *dir, const char *name, char **out, struct err *e)
{
	char *p = resdir_join(dir, name, "");
	struct stat st;

	*out = NULL;
	if (!p)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (mkdir(p, 0777) != 0 && errno != EEXIST) {
		err_set(e, p, 0, NULL, "cannot create directory %s: %s", p, strerror(errno));
		free(p);
		return -1;
	}
	if (lstat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		int link = lstat(p, &st) == 0 && S_ISLNK(st.st_mode);

		err_set(e, p, 0, NULL, "%s is %s; dtsim writes only into a directory it can"
		        " make there: remove or rename it", p,
		        link ? "a symbolic link" : "not a directory");
		free(p);
		return -1;
	}
	*out = p;
	return 0;
}

int resdir_tempdir(const char *dir, char **out, struct err *e)
{
	char *p = resdir_join(dir, RESDIR_TMP_TAG, "XXXXXX");

	*out = NULL;
	if (!p)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (!mkdtemp(p)) {
		err_set(e, dir, 0, NULL, "cannot create a temporary directory in %s: %s", dir,
		        strerror(errno));
		free(p);
		return -1;
	}
	*out = p;
	return 0;
}
