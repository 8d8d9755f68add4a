/*
** fuzzutil.h: what the libFuzzer harnesses in tests/fuzz/ share. The APIs
** under test read files by path, so a harness writes its input into a
** private scratch directory: made once per process (mkdtemp under $TMPDIR,
** else /tmp), removed with everything in it when the process exits. File
** names inside it are fixed, so a corpus replays the same way every time.
** Header-only (static), for harnesses only: a harness is one process that
** runs one input at a time, so the scratch directory's name is a global.
*/
#ifndef DTSIM_FUZZUTIL_H
#define DTSIM_FUZZUTIL_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"

static char fuzz_dir[256];

/* Removes the directory tree at path: files, links, FIFOs and directories
** below it (never following a link). */
static inline void fuzz_rmtree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char p[1024];
	struct stat st;

	while (d && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", path, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			fuzz_rmtree(p);
		else
			unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

static inline void fuzz_cleanup(void)
{
	if (fuzz_dir[0])
		fuzz_rmtree(fuzz_dir);
}

/* The scratch directory, made on first use; aborts when it cannot be made
** (nothing can be fuzzed then). */
static inline const char *fuzz_scratch(void)
{
	const char *tmp = getenv("TMPDIR");

	if (fuzz_dir[0])
		return fuzz_dir;
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/dtsim-fuzz-XXXXXX",
	         tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(fuzz_dir)) {
		perror(fuzz_dir);
		abort();
	}
	atexit(fuzz_cleanup);
	return fuzz_dir;
}

/* The path of `name` in the scratch directory, in a static buffer (one of
** four, so that a call may use a few at once). */
static inline const char *fuzz_path(const char *name)
{
	static char buf[4][512];
	static unsigned next;
	char *p = buf[next++ % 4];

	snprintf(p, sizeof buf[0], "%s/%s", fuzz_scratch(), name);
	return p;
}

/* Writes size bytes to the scratch file `name` (replacing it); returns its
** path (as fuzz_path). Aborts when the write fails. */
static inline const char *fuzz_write(const char *name, const void *data, size_t size)
{
	const char *path = fuzz_path(name);
	FILE *f = fopen(path, "wb");

	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

/* Writes a NUL-terminated text to the scratch file `name`. */
static inline const char *fuzz_write_text(const char *name, const char *text)
{
	return fuzz_write(name, text, strlen(text));
}

/* A finding: says what and where on stderr, then aborts (libFuzzer keeps
** the input as a crash). */
#define fuzz_fail(...) \
	(fprintf(stderr, "FINDING %s:%d: ", __FILE__, __LINE__), \
	 fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

/* Checks that an error record is terminated text (an error path that left
** garbage would show here, or to the sanitizers when read). */
static inline void fuzz_check_err(const struct err *e)
{
	if (!memchr(e->file, '\0', sizeof e->file) || !memchr(e->key, '\0', sizeof e->key)
	    || !memchr(e->msg, '\0', sizeof e->msg) || !e->msg[0])
		fuzz_fail("an error without a terminated message");
}

#endif
