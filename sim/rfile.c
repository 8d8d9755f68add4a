/*
** rfile.c: reading input files within caps.
**
** open() with O_NONBLOCK cannot block on a FIFO without a writer, so the
** file type is known (fstat) before anything waits; O_NONBLOCK is cleared
** again for the reads of a regular file. Lines are read byte by byte with
** getc_unlocked (the stream is never shared) into a buffer that grows to at
** most max_line + 2 bytes (the line end) and a NUL, so a line without end
** costs no more than that before it fails.
** Every byte read counts against max_bytes, whatever fstat said the size was.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rfile.h"

/* The first capacity of the line buffer, in bytes (grown by doubling). */
#define RFILE_FIRST_CAP 256

struct rfile {
	FILE *f;
	char *path;        /* owned copy, for errors */
	struct stat st;
	size_t max_bytes;  /* cap on the bytes read */
	size_t max_line;   /* cap on a line, its end not counted */
	size_t bytes;      /* bytes read so far */
	long line;         /* the line returned last */
	char *buf;         /* the current line, NUL-terminated */
	size_t cap;
};

/* What kind of file st is not: "a FIFO", "a directory", ... */
static const char *file_kind(const struct stat *st)
{
	if (S_ISFIFO(st->st_mode))
		return "a FIFO";
	if (S_ISDIR(st->st_mode))
		return "a directory";
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return "a device";
	if (S_ISSOCK(st->st_mode))
		return "a socket";
	return "not a file";
}

/* Writes the cap n as people read it: "1 MiB (1048576 bytes)", "3 KiB
** (3072 bytes)" or "64 bytes". */
static void cap_text(size_t n, char *buf, size_t len)
{
	if (n >= ((size_t)1 << 20) && n % ((size_t)1 << 20) == 0)
		snprintf(buf, len, "%zu MiB (%zu bytes)", n >> 20, n);
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, len, "%zu KiB (%zu bytes)", n >> 10, n);
	else
		snprintf(buf, len, "%zu bytes", n);
}

int rfile_open(const char *path, size_t max_bytes, size_t max_line,
               struct rfile **out, struct err *e)
{
	struct rfile *f;
	struct stat st;
	char cap[64];
	int fd, flags;

	*out = NULL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, path, 0, "", "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0) {
		err_set(e, path, 0, "", "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, path, 0, "", "not a regular file (%s); allowed: "
		               "a regular file", file_kind(&st));
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > max_bytes) {
		close(fd);
		cap_text(max_bytes, cap, sizeof cap);
		return err_set(e, path, 0, "", "the file has %jd bytes; allowed: at "
		               "most %s", (intmax_t)st.st_size, cap);
	}
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
		err_set(e, path, 0, "", "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!(f = calloc(1, sizeof *f)) || !(f->path = strdup(path)) ||
	    !(f->f = fdopen(fd, "r"))) {
		if (f)
			free(f->path);
		free(f);
		close(fd);
		return err_set(e, path, 0, "", "cannot read: out of memory");
	}
	f->st = st;
	f->max_bytes = max_bytes;
	f->max_line = max_line;
	*out = f;
	return 0;
}

/* Grows f->buf to hold at least need bytes, doubling, but never beyond the
** longest line with its end and a NUL (which the caller never exceeds). */
static int grow(struct rfile *f, size_t need)
{
	size_t cap = f->cap ? f->cap : RFILE_FIRST_CAP, most = f->max_line + 3;
	char *b;

	while (cap < need)
		cap *= 2;
	if (cap > most)
		cap = most;
	if (!(b = realloc(f->buf, cap)))
		return -1;
	f->buf = b;
	f->cap = cap;
	return 0;
}

int rfile_getline(struct rfile *f, const char **line, size_t *len, struct err *e)
{
	size_t n = 0, content;
	char cap[64];
	int c = 0;

	/* Up to max_line + 2 bytes: the content, then "\r\n" at most. */
	while (n < f->max_line + 2 && (c = getc_unlocked(f->f)) != EOF) {
		if (++f->bytes > f->max_bytes) {
			cap_text(f->max_bytes, cap, sizeof cap);
			return err_set(e, f->path, f->line + 1, "", "the file has more "
			               "than %zu bytes; allowed: at most %s", f->max_bytes,
			               cap);
		}
		if (n + 2 > f->cap && grow(f, n + 2))
			return err_set(e, f->path, f->line + 1, "", "out of memory");
		f->buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (c == EOF && ferror(f->f))
		return err_set(e, f->path, f->line + 1, "", "read error: %s",
		               strerror(errno));
	if (n == 0)
		return 0;
	content = n;
	if (content && f->buf[content - 1] == '\n')
		content--;
	if (content && f->buf[content - 1] == '\r')
		content--;
	if (content > f->max_line)
		return err_set(e, f->path, f->line + 1, "", "the line has more than "
		               "%zu bytes; allowed: at most %zu", f->max_line,
		               f->max_line);
	f->buf[n] = '\0';
	f->line++;
	*line = f->buf;
	*len = n;
	return 1;
}

long rfile_lineno(const struct rfile *f)
{
	return f->line;
}

size_t rfile_bytes(const struct rfile *f)
{
	return f->bytes;
}

const struct stat *rfile_stat(const struct rfile *f)
{
	return &f->st;
}

void rfile_close(struct rfile *f)
{
	if (!f)
		return;
	fclose(f->f);
	free(f->buf);
	free(f->path);
	free(f);
}
