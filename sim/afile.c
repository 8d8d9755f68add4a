/*
** afile.c: files that appear whole or not at all.
**
** The data goes to "<path>.XXXXXX", created by mkstemp in the target's own
** directory so that the final rename(2) stays within one file system and is
** atomic: a reader sees either the old file (or none) or the complete new
** one, never a prefix. Every failure removes the temporary file.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "afile.h"

/* The suffix mkstemp replaces with a unique name. */
#define AFILE_SUFFIX ".XXXXXX"

struct afile {
	FILE *f;
	char *path;  /* the target, owned */
	char *tmp;   /* the temporary file, owned */
};

/* Frees af and its strings; does not touch the file system. */
static void afile_release(struct afile *af)
{
	free(af->path);
	free(af->tmp);
	free(af);
}

/*
** The process's file-creation mask. Linux shows it in /proc/self/status
** (since 4.7), which reads it without changing it; elsewhere it is read by
** setting and restoring it, which is safe only while no other thread
** creates files at the same moment.
*/
static mode_t afile_umask(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long m;
	mode_t mask;

	if (f) {
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "Umask: %lo", &m) == 1) {
				fclose(f);
				return (mode_t)m;
			}
		fclose(f);
	}
	mask = umask(022);
	umask(mask);
	return mask;
}

/*
** Creates the temporary file with mode 0600 (mkstemp's), then widens it to
** what a plain fopen would give (0666 less the umask), since result files
** are meant to be read by others like any file the user creates. The
** caller owns the returned handle until afile_commit or afile_abort.
*/
struct afile *afile_open(const char *path, struct err *e)
{
	struct afile *af;
	size_t len = strlen(path);
	int fd;

	af = calloc(1, sizeof *af);
	if (!af) {
		err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
		return NULL;
	}
	af->path = malloc(len + 1);
	af->tmp = malloc(len + sizeof AFILE_SUFFIX);
	if (!af->path || !af->tmp) {
		afile_release(af);
		err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
		return NULL;
	}
	memcpy(af->path, path, len + 1);
	memcpy(af->tmp, path, len);
	memcpy(af->tmp + len, AFILE_SUFFIX, sizeof AFILE_SUFFIX);

	fd = mkstemp(af->tmp);
	if (fd < 0) {
		err_set(e, path, 0, NULL, "cannot write %s: %s", path, strerror(errno));
		afile_release(af);
		return NULL;
	}
	if (fchmod(fd, 0666 & ~afile_umask()) != 0 || !(af->f = fdopen(fd, "w"))) {
		err_set(e, path, 0, NULL, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		remove(af->tmp);
		afile_release(af);
		return NULL;
	}
	return af;
}

FILE *afile_stream(struct afile *af)
{
	return af->f;
}

/*
** fsync before rename: otherwise a crash soon after the rename can leave a
** file that exists under the final name but is empty. Each step is checked
** in turn; the first failure (with its errno) is the one reported.
*/
int afile_commit(struct afile *af, struct err *e)
{
	const char *what = NULL;
	int saved = 0;

	if (fflush(af->f) != 0) {
		what = "write";
		saved = errno;
	} else if (ferror(af->f)) {
		what = "write";
		saved = EIO;
	} else if (fsync(fileno(af->f)) != 0) {
		what = "sync";
		saved = errno;
	}
	if (fclose(af->f) != 0 && !what) {
		what = "close";
		saved = errno;
	}
	af->f = NULL;
	if (!what && rename(af->tmp, af->path) != 0) {
		what = "rename";
		saved = errno;
	}
	if (what) {
		remove(af->tmp);
		err_set(e, af->path, 0, NULL, "cannot write %s (%s failed): %s",
		        af->path, what, strerror(saved));
		afile_release(af);
		return -1;
	}
	afile_release(af);
	return 0;
}

void afile_abort(struct afile *af)
{
	if (!af)
		return;
	if (af->f)
		fclose(af->f);
	remove(af->tmp);
	afile_release(af);
}
