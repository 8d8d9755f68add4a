/*
** test_afile.c: files appear whole or not at all (sim/afile.c), their
** digest (sim/digest.c), and a signal leaves no temporary (sim/cleanup.c).
** Every test works in its own fresh directory and checks, at the end, which
** names exist there, so a leftover temporary file fails the test.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "afile.h"
#include "cleanup.h"
#include "digest.h"
#include "testutil.h"

struct dir {
	char path[256];
};

/* A fresh, empty directory under $TMPDIR (or /tmp). */
static int setup_dir(void **state)
{
	struct dir *d = calloc(1, sizeof *d);

	assert_non_null(d);
	assert_int_equal(testutil_mkdtemp(d->path, sizeof d->path, "afile"), 0);
	*state = d;
	return 0;
}

/* Removes the directory and anything the test left in it. */
static int teardown_dir(void **state)
{
	struct dir *d = *state;

	testutil_rmdir(d->path, NULL);
	free(d);
	return 0;
}

/* The names in d (without . and ..), sorted, joined by spaces. */
static void listing(const struct dir *d, char *buf, size_t len)
{
	struct dirent **names;
	int n = scandir(d->path, &names, NULL, alphasort);
	size_t used = 0;

	assert_true(n >= 0);
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0) {
			int w = snprintf(buf + used, len - used, "%s%s", used ? " " : "", names[i]->d_name);
			assert_true(w >= 0 && (size_t)w < len - used);
			used += (size_t)w;
		}
		free(names[i]);
	}
	free(names);
}

/* Reads the whole file into buf (NUL-terminated); returns its length. */
static size_t slurp(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
	return n;
}

static void join(char *out, size_t len, const struct dir *d, const char *name)
{
	int w = snprintf(out, len, "%s/%s", d->path, name);
	assert_true(w > 0 && (size_t)w < len);
}

/* ---- tests ------------------------------------------------------------- */

/* Before commit only a temporary name exists; after it, exactly the target
** with every byte written and the mode a plain fopen would give. */
static void commit_makes_file_whole(void **state)
{
	struct dir *d = *state;
	char path[512], buf[4096], names[1024];
	struct err e;
	struct stat st;
	struct afile *af;
	mode_t mask = umask(022);

	umask(mask);
	join(path, sizeof path, d, "result.csv");
	af = afile_open(path, &e);
	assert_non_null(af);
	for (int i = 0; i < 100; i++)
		fprintf(afile_stream(af), "line %d: 2.385\n", i);
	listing(d, names, sizeof names);
	assert_int_equal(strncmp(names, ".result.csv.dtsim-", 18), 0);
	assert_int_equal(strlen(names), strlen(".result.csv.dtsim-XXXXXX"));
	assert_true(afile_is_temp_name(names));
	assert_int_not_equal(access(path, F_OK), 0);

	assert_int_equal(afile_commit(af, &e), 0);
	listing(d, names, sizeof names);
	assert_string_equal(names, "result.csv");
	assert_int_equal(slurp(path, buf, sizeof buf), 100 * strlen("line 0: 2.385\n") + 90);
	assert_int_equal(strncmp(buf, "line 0: 2.385\nline 1: 2.385\n", 28), 0);
	assert_non_null(strstr(buf, "line 99: 2.385\n"));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
}

/* Commit replaces an existing file in one step. */
static void commit_replaces_old_file(void **state)
{
	struct dir *d = *state;
	char path[512], buf[256], names[1024];
	struct err e;
	struct afile *af;
	FILE *f;

	join(path, sizeof path, d, "a.csv");
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("old contents that are longer than the new ones\n", f);
	fclose(f);

	af = afile_open(path, &e);
	assert_non_null(af);
	fputs("new\n", afile_stream(af));
	assert_int_equal(afile_commit(af, &e), 0);
	slurp(path, buf, sizeof buf);
	assert_string_equal(buf, "new\n");
	listing(d, names, sizeof names);
	assert_string_equal(names, "a.csv");
}

/* Abort leaves nothing behind, and an existing target untouched. */
static void abort_leaves_nothing(void **state)
{
	struct dir *d = *state;
	char path[512], path2[512], buf[256], names[1024];
	struct err e;
	struct afile *af;
	FILE *f;

	join(path, sizeof path, d, "gone.csv");
	af = afile_open(path, &e);
	assert_non_null(af);
	fputs("half a row,", afile_stream(af));
	afile_abort(af);
	listing(d, names, sizeof names);
	assert_string_equal(names, "");

	join(path2, sizeof path2, d, "kept.csv");
	f = fopen(path2, "w");
	assert_non_null(f);
	fputs("kept\n", f);
	fclose(f);
	af = afile_open(path2, &e);
	assert_non_null(af);
	fputs("replacement", afile_stream(af));
	afile_abort(af);
	slurp(path2, buf, sizeof buf);
	assert_string_equal(buf, "kept\n");
	listing(d, names, sizeof names);
	assert_string_equal(names, "kept.csv");

	afile_abort(NULL);
}

/* A directory that does not exist: a message naming the path and the cause. */
static void missing_directory_fails(void **state)
{
	struct dir *d = *state;
	char path[512], want[1024], names[1024];
	struct err e;

	join(path, sizeof path, d, "no-such-dir/out.csv");
	err_clear(&e);
	assert_null(afile_open(path, &e));
	snprintf(want, sizeof want, "cannot write %s: %s", path, strerror(ENOENT));
	assert_string_equal(e.msg, want);
	assert_string_equal(e.file, path);
	listing(d, names, sizeof names);
	assert_string_equal(names, "");
}

/* The target is a directory: the rename fails, the temporary is removed,
** and the message names the path and the failing step. */
static void rename_failure_cleans_up(void **state)
{
	struct dir *d = *state;
	char path[512], want[1024], names[1024];
	struct err e;
	struct afile *af;

	join(path, sizeof path, d, "taken");
	assert_int_equal(mkdir(path, 0700), 0);
	af = afile_open(path, &e);
	assert_non_null(af);
	fputs("data\n", afile_stream(af));
	assert_int_equal(afile_commit(af, &e), -1);
	snprintf(want, sizeof want, "cannot write %s (rename failed): %s", path, strerror(EISDIR));
	assert_string_equal(e.msg, want);
	listing(d, names, sizeof names);
	assert_string_equal(names, "taken");
}

/* A write that fails (file-size limit, EFBIG) makes commit fail; the
** target never appears and the temporary is removed. */
static void write_failure_cleans_up(void **state)
{
	struct dir *d = *state;
	char path[512], want[1024], names[1024];
	struct err e;
	struct afile *af;
	struct rlimit old, lim;
	void (*oldsig)(int);

	join(path, sizeof path, d, "big.csv");
	af = afile_open(path, &e);
	assert_non_null(af);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 1000;
	oldsig = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	for (int i = 0; i < 2000; i++)
		fputs("0123456789", afile_stream(af));
	assert_int_equal(afile_commit(af, &e), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, oldsig);

	snprintf(want, sizeof want, "cannot write %s: %s", path, strerror(EFBIG));
	assert_string_equal(e.msg, want);
	listing(d, names, sizeof names);
	assert_string_equal(names, "");
}

/* FNV-1a 64 against the published test vectors (the FNV reference
** code's test suite): "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c,
** "foobar" -> 85944171f73967e8; the hex form has 16 digits. */
static void digest_vectors(void **state)
{
	char hex[DIGEST_HEX_LEN];

	(void)state;
	assert_true(digest_add(DIGEST_INIT, "", 0) == UINT64_C(0xcbf29ce484222325));
	assert_true(digest_add(DIGEST_INIT, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
	assert_true(digest_add(DIGEST_INIT, "foobar", 6) == UINT64_C(0x85944171f73967e8));
	/* Continuing a digest over a second part is the digest of the whole. */
	assert_true(digest_add(digest_add(DIGEST_INIT, "foo", 3), "bar", 3)
	            == UINT64_C(0x85944171f73967e8));
	digest_hex(UINT64_C(0xaf63dc4c8601ec8c), hex);
	assert_string_equal(hex, "af63dc4c8601ec8c");
	digest_hex(1, hex);
	assert_string_equal(hex, "0000000000000001");
}

/* afile_finish gives the size and digest of exactly the bytes written,
** through stdio's buffering; the file on disk holds them. */
static void finish_gives_size_and_digest(void **state)
{
	struct dir *d = *state;
	char path[512], buf[64];
	struct err e;
	struct afile *af;

	join(path, sizeof path, d, "f.txt");
	af = afile_open(path, &e);
	assert_non_null(af);
	fputs("foo", afile_stream(af));
	fprintf(afile_stream(af), "%s", "bar");
	assert_int_equal(afile_finish(af, &e), 0);
	assert_true(afile_size(af) == 6);
	assert_true(afile_digest(af) == UINT64_C(0x85944171f73967e8));
	assert_int_equal(afile_commit(af, &e), 0);
	assert_int_equal(slurp(path, buf, sizeof buf), 6);
	assert_string_equal(buf, "foobar");
}

/* Only names of the form ".<name>.dtsim-" + six letters or digits are
** temporaries, so the cleanup of a later run touches nothing else. */
static void temp_names(void **state)
{
	(void)state;
	assert_true(afile_is_temp_name(".a.csv.dtsim-Ab12cD"));
	assert_true(afile_is_temp_name(".x.dtsim-abcdef"));
	assert_false(afile_is_temp_name("a.csv.dtsim-Ab12cD"));
	assert_false(afile_is_temp_name(".a.csv.dtsim-Ab12c"));
	assert_false(afile_is_temp_name(".a.csv.dtsim-Ab12c!"));
	assert_false(afile_is_temp_name(".a.csv.dtsim-Ab12cDE"));
	assert_false(afile_is_temp_name(".dtsim-abcdef"));
	assert_false(afile_is_temp_name("..dtsim-abcdef"));
	assert_false(afile_is_temp_name(".a.csv.XXXXXX"));
	assert_false(afile_is_temp_name(""));
}

/* A signal while a file is being written removes its temporary: a child
** installs the handler, starts a file, writes and is killed by SIGTERM;
** it ends by that signal (the handler re-raises it) and leaves nothing. */
static void signal_removes_temporary(void **state)
{
	struct dir *d = *state;
	char path[512], names[1024];
	pid_t pid;
	int ws;

	join(path, sizeof path, d, "interrupted.csv");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct err e;
		struct afile *af;

		if (cleanup_install() != 0 || !(af = afile_open(path, &e)))
			_exit(3);
		fputs("half a file", afile_stream(af));
		fflush(afile_stream(af));
		kill(getpid(), SIGTERM);
		_exit(4);  /* not reached: SIGTERM ends the child */
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFSIGNALED(ws));
	assert_int_equal(WTERMSIG(ws), SIGTERM);
	listing(d, names, sizeof names);
	assert_string_equal(names, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(commit_makes_file_whole, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(commit_replaces_old_file, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(abort_leaves_nothing, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(missing_directory_fails, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(rename_failure_cleans_up, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(write_failure_cleans_up, setup_dir, teardown_dir),
		cmocka_unit_test(digest_vectors),
		cmocka_unit_test_setup_teardown(finish_gives_size_and_digest, setup_dir, teardown_dir),
		cmocka_unit_test(temp_names),
		cmocka_unit_test_setup_teardown(signal_removes_temporary, setup_dir, teardown_dir),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
