/*
** afile.c: files that appear whole or not at all.
**
** The data goes to ".<name>.dtsim-XXXXXX", created by mkstemp in the
** target's own directory so that the final rename(2) stays within one file
** system and is atomic: a reader sees either the old file (or none) or the
** complete new one, never a prefix. Every failure removes the temporary
** file, and so does a signal (cleanup.h).
**
** The stream is a glibc cookie stream (fopencookie) over the file
** descriptor: every byte written passes through afile_write, which keeps
** the size and the digest of the file and the errno of the first failed
** write(2), so a full disk is reported as "No space left on device", not
** as a bare "write error", whichever writer's fprintf hit it.
*/
#define _GNU_SOURCE  /* fopencookie */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "afile.h"
#include "cleanup.h"
#include "digest.h"

/* What a temporary name adds: a '.' in front, this and six characters
** (mkstemp's XXXXXX: letters and digits) behind. */
#define AFILE_TAG ".dtsim-"
#define AFILE_RAND 6

struct afile {
	FILE *f;
	int fd;
	char *path;     /* the target, owned */
	char *tmp;      /* the temporary file, owned */
	int slot;       /* its registration with cleanup.h, or -1 */
	int werr;       /* errno of the first failed write, or 0 */
	int finished;   /* afile_finish succeeded */
	uint64_t size, digest;
};

/* The cookie stream's write: all of buf to the file, counted and digested.
** A failure is kept in werr and reported to stdio as -1. */
static ssize_t afile_write(void *cookie, const char *buf, size_t size)
{
	struct afile *af = cookie;
	size_t done = 0;

	while (done < size) {
		ssize_t n = write(af->fd, buf + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!af->werr)
				af->werr = n < 0 ? errno : EIO;
			errno = af->werr;
			return -1;
		}
		af->digest = digest_add(af->digest, buf + done, (size_t)n);
		af->size += (uint64_t)n;
		done += (size_t)n;
	}
	return (ssize_t)size;
}

static int afile_close_fd(void *cookie)
{
	struct afile *af = cookie;
	int rc = close(af->fd);

	af->fd = -1;
	return rc;
}

/* Frees af and its strings; does not touch the file system. */
static void afile_release(struct afile *af)
{
	cleanup_drop_file(af->slot);
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

/* A new string: path's directory, '.', its last component, AFILE_TAG and
** XXXXXX for mkstemp; NULL when out of memory. */
static char *temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
	size_t len = strlen(path) + 1 + sizeof AFILE_TAG + AFILE_RAND;
	char *t = malloc(len);

	if (t)
		snprintf(t, len, "%.*s.%s%sXXXXXX", (int)dl, path, path + dl, AFILE_TAG);
	return t;
}

/*
** Creates the temporary file with mode 0600 (mkstemp's), then widens it to
** what a plain fopen would give (0666 less the umask), since result files
** are meant to be read by others like any file the user creates. Signals
** are blocked from mkstemp until the file is registered for removal.
*/
struct afile *afile_open(const char *path, struct err *e)
{
	static const cookie_io_functions_t io = { NULL, afile_write, NULL, afile_close_fd };
	struct afile *af = calloc(1, sizeof *af);
	sigset_t old;
	int saved;

	if (!af || !(af->path = strdup(path)) || !(af->tmp = temp_template(path))) {
		if (af) {
			free(af->path);
			free(af);
		}
		err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
		return NULL;
	}
	af->slot = -1;
	af->digest = DIGEST_INIT;
	cleanup_block(&old);
	af->fd = mkstemp(af->tmp);
	if (af->fd >= 0)
		af->slot = cleanup_add_file(af->tmp);
	cleanup_restore(&old);
	if (af->fd < 0) {
		err_set(e, path, 0, NULL, "cannot write %s: %s", path, strerror(errno));
		afile_release(af);
		return NULL;
	}
	if (fchmod(af->fd, 0666 & ~afile_umask()) != 0
	    || !(af->f = fopencookie(af, "w", io))) {
		saved = errno;
		close(af->fd);
		unlink(af->tmp);
		err_set(e, path, 0, NULL, "cannot write %s: %s", path, strerror(saved));
		afile_release(af);
		return NULL;
	}
	return af;
}

FILE *afile_stream(struct afile *af)
{
	return af->f;
}

const char *afile_temp_path(const struct afile *af)
{
	return af->tmp;
}

uint64_t afile_size(const struct afile *af)
{
	return af->size;
}

uint64_t afile_digest(const struct afile *af)
{
	return af->digest;
}

/*
** fsync before rename: otherwise a crash soon after the rename can leave a
** file that exists under the final name but is empty.
*/
int afile_finish(struct afile *af, struct err *e)
{
	int saved = 0;

	if (af->finished)
		return 0;
	if (fflush(af->f) != 0 || ferror(af->f))
		saved = af->werr ? af->werr : errno ? errno : EIO;
	else if (fsync(af->fd) != 0)
		saved = errno;
	if (saved)
		return err_set(e, af->path, 0, NULL, "cannot write %s: %s", af->path,
		               strerror(saved));
	af->finished = 1;
	return 0;
}

int afile_commit(struct afile *af, struct err *e)
{
	const char *what = NULL;
	sigset_t old;
	int saved = 0;

	if (afile_finish(af, e) != 0) {
		afile_abort(af);
		return -1;
	}
	if (fclose(af->f) != 0) {
		what = "close";
		saved = errno;
	}
	af->f = NULL;
	cleanup_block(&old);
	if (!what && rename(af->tmp, af->path) != 0) {
		what = "rename";
		saved = errno;
	}
	if (!what) {
		cleanup_drop_file(af->slot);
		af->slot = -1;
	}
	cleanup_restore(&old);
	if (what) {
		unlink(af->tmp);
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
	unlink(af->tmp);
	afile_release(af);
}

int afile_is_temp_name(const char *name)
{
	size_t n = strlen(name), tag = sizeof AFILE_TAG - 1;
	const char *r;

	if (n < 1 + 1 + tag + AFILE_RAND || name[0] != '.')
		return 0;
	r = name + n - AFILE_RAND;
	if (strncmp(r - tag, AFILE_TAG, tag) != 0)
		return 0;
	for (size_t i = 0; i < AFILE_RAND; i++)
		if (!((r[i] >= 'a' && r[i] <= 'z') || (r[i] >= 'A' && r[i] <= 'Z')
		      || (r[i] >= '0' && r[i] <= '9')))
			return 0;
	return 1;
}
