/*
** testproc.h: running a program from a test and capturing what it prints,
** for the end-to-end tests of the command line (test_cli.c, test_readme.c).
** Header-only, static inline, so a test program that uses part of it does
** not warn about the rest. Needs -D_POSIX_C_SOURCE=200809L.
*/
#ifndef DTSIM_TESTPROC_H
#define DTSIM_TESTPROC_H

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* What a finished program left: its exit status (128 + the signal when a
** signal ended it, -1 when it could not be started) and its output, each
** NUL-terminated and owned (free with proc_result_free). */
struct proc_result {
	int status;
	char *out, *err;
	size_t outlen, errlen;
};

/* Reads the whole of f from its start into a new NUL-terminated buffer
** (owned by the caller); *len gets its length. NULL on failure. */
static inline char *proc_slurp(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);

	if (!buf || fseek(f, 0, SEEK_SET) != 0) {
		free(buf);
		return NULL;
	}
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		char *grown;

		n += got;
		if (got == 0)
			break;
		if (cap - n - 1 > 0)
			continue;
		grown = realloc(buf, cap * 2);
		if (!grown) {
			free(buf);
			return NULL;
		}
		buf = grown;
		cap *= 2;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* The contents of the file at path (owned by the caller), or NULL. */
static inline char *proc_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;

	if (!f)
		return NULL;
	s = proc_slurp(f, len);
	fclose(f);
	return s;
}

/* 1 when the files a and b exist and hold the same bytes; otherwise 0,
** having said on stderr which differ. */
static inline int proc_same_file(const char *a, const char *b)
{
	size_t la = 0, lb = 0;
	char *ca = proc_read_file(a, &la), *cb = proc_read_file(b, &lb);
	int same = ca && cb && la == lb && memcmp(ca, cb, la) == 0;

	if (!same)
		fprintf(stderr, "%s and %s differ (or one is missing)\n", a, b);
	free(ca);
	free(cb);
	return same;
}

/* 1 when dir a and dir b hold the same bytes in each of names[0..n-1]. */
static inline int proc_same_files(const char *a, const char *b, const char *const *names,
                                  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char pa[PATH_MAX], pb[PATH_MAX];

		snprintf(pa, sizeof pa, "%s/%s", a, names[i]);
		snprintf(pb, sizeof pb, "%s/%s", b, names[i]);
		if (!proc_same_file(pa, pb))
			return 0;
	}
	return 1;
}

/*
** Runs the program argv[0] (a path, no PATH search) with argv in the
** current directory, stdin from /dev/null, stdout into stdout_path (or
** captured when NULL), stderr captured. With seconds > 0 the program gets
** SIGALRM after that long (an alarm survives exec), so one that hangs ends
** with status 128 + SIGALRM instead of hanging the test, and no file it
** writes may grow past PROC_FSIZE_MAX bytes (SIGXFSZ), so a runaway write
** ends as a signal too. Returns 0 with r filled, -1 when the program could
** not be run at all.
*/
#define PROC_FSIZE_MAX ((rlim_t)256 << 20)

static inline int proc_run_timeout(char *const argv[], const char *stdout_path,
                                   struct proc_result *r, unsigned seconds)
{
	FILE *out = stdout_path ? NULL : tmpfile();
	FILE *err = tmpfile();
	pid_t pid;
	int ws;

	memset(r, 0, sizeof *r);
	r->status = -1;
	if ((!stdout_path && !out) || !err)
		goto fail;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = stdout_path ? open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644)
		                    : fileno(out);
		struct rlimit fsize = { PROC_FSIZE_MAX, PROC_FSIZE_MAX };

		if (in < 0 || o < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0
		    || dup2(fileno(err), 2) < 0
		    || (seconds && setrlimit(RLIMIT_FSIZE, &fsize) != 0))
			_exit(126);
		if (seconds)
			alarm(seconds);
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &ws, 0) != pid)
		goto fail;
	r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	r->out = out ? proc_slurp(out, &r->outlen) : calloc(1, 1);
	r->err = proc_slurp(err, &r->errlen);
	if (out)
		fclose(out);
	fclose(err);
	return r->out && r->err ? 0 : -1;
fail:
	if (out)
		fclose(out);
	if (err)
		fclose(err);
	return -1;
}

/* proc_run_timeout without limits. */
static inline int proc_run(char *const argv[], const char *stdout_path, struct proc_result *r)
{
	return proc_run_timeout(argv, stdout_path, r, 0);
}

static inline void proc_result_free(struct proc_result *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

/* 1 when something (file or directory) is at path. */
static inline int proc_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Removes a directory tree (rm -rf). Returns rm's exit status. */
static inline int proc_remove_tree(const char *path)
{
	char *argv[] = { (char *)"/bin/rm", (char *)"-rf", (char *)path, NULL };
	struct proc_result r;
	int status;

	if (proc_run(argv, NULL, &r) != 0)
		return -1;
	status = r.status;
	proc_result_free(&r);
	return status;
}

/* Counts the newline characters in s. */
static inline size_t proc_count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Where an end-to-end test runs: the binary under test, the source tree
** and a scratch directory. */
struct proc_sandbox {
	char dtsim[PATH_MAX];   /* $DTSIM, an absolute path */
	char srcdir[PATH_MAX];  /* the current directory at start: make runs tests there */
	char tmp[64];           /* /tmp/dtsim-NAME-XXXXXX, the current directory */
};

/* Fills sb and enters a new scratch directory named after the test
** program. Returns 0, or -1 having said why on stderr. */
static inline int proc_sandbox_enter(struct proc_sandbox *sb, const char *name)
{
	const char *dtsim = getenv("DTSIM");

	if (!dtsim || dtsim[0] != '/') {
		fprintf(stderr, "%s: set DTSIM to the absolute path of build/dtsim\n", name);
		return -1;
	}
	snprintf(sb->dtsim, sizeof sb->dtsim, "%s", dtsim);
	snprintf(sb->tmp, sizeof sb->tmp, "/tmp/dtsim-%.20s-XXXXXX", name);
	if (!getcwd(sb->srcdir, sizeof sb->srcdir) || !mkdtemp(sb->tmp) || chdir(sb->tmp) != 0) {
		fprintf(stderr, "%s: cannot make a scratch directory\n", name);
		return -1;
	}
	return 0;
}

/* Returns to the source tree and removes the scratch directory. */
static inline int proc_sandbox_leave(const struct proc_sandbox *sb)
{
	if (chdir(sb->srcdir) != 0)
		return -1;
	return proc_remove_tree(sb->tmp);
}

/* Runs sb's dtsim with the arguments in ap (NULL-ended, at most 15); an
** argument that begins with from is taken as to followed by the rest,
** under the source tree ("scenarios/", "scenarios/": the bundled ones).
** Returns what proc_run returns. */
static inline int proc_vdtsim(const struct proc_sandbox *sb, const char *from, const char *to,
                              struct proc_result *r, va_list ap)
{
	char *argv[20] = { (char *)sb->dtsim };
	static char buf[16][2 * PATH_MAX];
	const size_t lf = strlen(from);
	const char *a;
	int n = 1;

	while ((a = va_arg(ap, const char *)) != NULL && n < 16) {
		if (strncmp(a, from, lf) == 0)
			snprintf(buf[n], sizeof buf[n], "%s/%s%s", sb->srcdir, to, a + lf);
		else
			snprintf(buf[n], sizeof buf[n], "%s", a);
		argv[n] = buf[n];
		n++;
	}
	argv[n] = NULL;
	return proc_run(argv, NULL, r);
}

/* The length of the id strings of proc_find_ids. */
#define PROC_ID_LEN 64

static inline int proc_by_name(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* Lists the ids of the .ini files in dir (their names less ".ini"), sorted,
** into ids[0..*n). Returns 0, or -1 when dir cannot be read, holds none or
** more than cap, or a name is too long. */
static inline int proc_find_ids(const char *dir, char (*ids)[PROC_ID_LEN], size_t cap, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return -1;
	*n = 0;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len <= 4 || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		if (*n == cap || len - 4 >= PROC_ID_LEN) {
			closedir(d);
			return -1;
		}
		snprintf(ids[(*n)++], PROC_ID_LEN, "%.*s", (int)(len - 4), de->d_name);
	}
	closedir(d);
	qsort(ids, *n, PROC_ID_LEN, proc_by_name);
	return *n > 0 ? 0 : -1;
}

#endif
