/*
** test_rfile.c: reading input files within caps (sim/rfile.c). Lines with
** every kind of end; the line cap exactly and one byte over; a line without
** end far beyond the cap, which must fail after reading no more than the
** cap; the size cap from fstat and, for a file whose size fstat misreports
** (/proc), from the bytes read; a FIFO, a device and a directory, which
** must be refused without blocking. Every test runs under alarm(), so a
** regression that blocks fails instead of hanging.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rfile.h"
#include "testutil.h"

/* Seconds a test may take before SIGALRM ends the program (a blocked open
** or read); every test takes milliseconds. */
#define TEST_ALARM_S 20

static char dir[64];

static int group_setup(void **state)
{
	(void)state;
	return testutil_mkdtemp(dir, sizeof dir, "test-rfile");
}

static int group_teardown(void **state)
{
	(void)state;
	testutil_rmdir(dir, NULL);
	return 0;
}

static int arm(void **state)
{
	(void)state;
	alarm(TEST_ALARM_S);
	return 0;
}

static int disarm(void **state)
{
	(void)state;
	alarm(0);
	return 0;
}

/* Writes n bytes of text to DIR/name; returns the path (static buffer). */
static const char *put(const char *name, const char *text, size_t n)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Expects the next line to be want (len bytes) as line number lineno. */
static void next_is(struct rfile *f, const char *want, size_t len, long lineno)
{
	const char *line = NULL;
	size_t n = 0;
	struct err e;

	assert_int_equal(rfile_getline(f, &line, &n, &e), 1);
	assert_int_equal(n, len);
	assert_memory_equal(line, want, len);
	assert_int_equal(line[n], '\0');
	assert_int_equal(rfile_lineno(f), lineno);
}

/* Opening path with the caps must fail with e.file = path, line 0, msg. */
static void open_fails(const char *path, size_t max_bytes, size_t max_line,
                       const char *msg)
{
	struct rfile *f = (struct rfile *)&f;
	struct err e;

	err_clear(&e);
	assert_int_equal(rfile_open(path, max_bytes, max_line, &f, &e), -1);
	assert_null(f);
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, 0);
	assert_string_equal(e.msg, msg);
}

/* The next read of f must fail at line with msg. */
static void read_fails(struct rfile *f, long line, const char *msg)
{
	const char *l;
	size_t n;
	struct err e;

	err_clear(&e);
	assert_int_equal(rfile_getline(f, &l, &n, &e), -1);
	assert_int_equal(e.line, line);
	assert_string_equal(e.msg, msg);
}

static void test_lines(void **state)
{
	static const char text[] = "a = 1\nb\r\n\nnul\0x\nlast";
	const char *path = put("lines.ini", text, sizeof text - 1);
	struct rfile *f;
	const char *l;
	size_t n;
	struct err e;

	(void)state;
	assert_int_equal(rfile_open(path, 100, 10, &f, &e), 0);
	assert_int_equal(rfile_stat(f)->st_size, sizeof text - 1);
	next_is(f, "a = 1\n", 6, 1);
	next_is(f, "b\r\n", 3, 2);
	next_is(f, "\n", 1, 3);
	next_is(f, "nul\0x\n", 6, 4);
	next_is(f, "last", 4, 5);
	assert_int_equal(rfile_getline(f, &l, &n, &e), 0);
	assert_int_equal(rfile_getline(f, &l, &n, &e), 0);
	assert_int_equal(rfile_bytes(f), sizeof text - 1);
	rfile_close(f);
	rfile_close(NULL);
}

/* A line of max_line bytes passes with any line end; one more fails. */
static void test_line_cap(void **state)
{
	static const char text[] = "12345\n12345\r\n12345\r12345\n123456\n";
	const char *path = put("cap.ini", text, sizeof text - 1);
	struct rfile *f;
	struct err e;

	(void)state;
	assert_int_equal(rfile_open(path, 1000, 5, &f, &e), 0);
	next_is(f, "12345\n", 6, 1);
	next_is(f, "12345\r\n", 7, 2);
	read_fails(f, 3, "the line has more than 5 bytes; allowed: at most 5");
	rfile_close(f);
	path = put("cap2.ini", "ab\n123456", 9);
	assert_int_equal(rfile_open(path, 1000, 5, &f, &e), 0);
	next_is(f, "ab\n", 3, 1);
	read_fails(f, 2, "the line has more than 5 bytes; allowed: at most 5");
	rfile_close(f);
}

/* 100 MB without a newline (a sparse file of NUL bytes): the read stops
** at the cap, having read no more than the line and its end could hold. */
static void test_endless_line(void **state)
{
	const char *path = put("huge.ini", "", 0);
	struct rfile *f;
	struct err e;

	(void)state;
	assert_int_equal(truncate(path, 100L * 1000 * 1000), 0);
	assert_int_equal(rfile_open(path, (size_t)1 << 30, 197, &f, &e), 0);
	read_fails(f, 1, "the line has more than 197 bytes; allowed: at most 197");
	assert_true(rfile_bytes(f) <= 197 + 2);
	rfile_close(f);
}

/* The size cap: from fstat before reading, exactly at the cap and over it. */
static void test_size_cap(void **state)
{
	static const char text[] = "[sim]\nyears = 3\n";
	const char *path = put("size.ini", text, sizeof text - 1);
	struct rfile *f;
	struct err e;
	char msg[128];

	(void)state;
	assert_int_equal(rfile_open(path, sizeof text - 1, 10, &f, &e), 0);
	next_is(f, "[sim]\n", 6, 1);
	next_is(f, "years = 3\n", 10, 2);
	rfile_close(f);
	snprintf(msg, sizeof msg, "the file has %zu bytes; allowed: at most %zu "
	         "bytes", sizeof text - 1, sizeof text - 2);
	open_fails(path, sizeof text - 2, 10, msg);
	/* The caps print in the unit they are written in. */
	path = put("big.ini", "", 0);
	assert_int_equal(truncate(path, (off_t)RFILE_SCENARIO_MAX_BYTES + 1), 0);
	open_fails(path, RFILE_SCENARIO_MAX_BYTES, 197, "the file has 1048577 "
	           "bytes; allowed: at most 1 MiB (1048576 bytes)");
	assert_int_equal(truncate(path, (off_t)RFILE_SCHEDULE_MAX_BYTES + 1), 0);
	open_fails(path, RFILE_SCHEDULE_MAX_BYTES, 197, "the file has 16777217 "
	           "bytes; allowed: at most 16 MiB (16777216 bytes)");
	open_fails(path, 3 * 1024, 197, "the file has 16777217 bytes; allowed: at "
	           "most 3 KiB (3072 bytes)");
}

/* /proc/self/status says it has 0 bytes; the bytes read are still capped. */
static void test_size_misreported(void **state)
{
	struct rfile *f;
	struct err e;
	const char *l;
	size_t n;
	int rc;

	(void)state;
	if (access("/proc/self/status", R_OK) != 0)
		skip();
	assert_int_equal(rfile_open("/proc/self/status", 64, 1000, &f, &e), 0);
	assert_int_equal(rfile_stat(f)->st_size, 0);
	while ((rc = rfile_getline(f, &l, &n, &e)) == 1)
		;
	assert_int_equal(rc, -1);
	assert_string_equal(e.file, "/proc/self/status");
	assert_true(e.line >= 1);
	assert_string_equal(e.msg, "the file has more than 64 bytes; allowed: at "
	                    "most 64 bytes");
	assert_int_equal(rfile_bytes(f), 65);
	rfile_close(f);
}

/* A FIFO without a writer (open would block without O_NONBLOCK), a device
** that never ends, a directory and a missing file. */
static void test_not_regular(void **state)
{
	char fifo[128];

	(void)state;
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	open_fails(fifo, 1000, 100, "not a regular file (a FIFO); allowed: a "
	           "regular file");
	open_fails("/dev/zero", 1000, 100, "not a regular file (a device); "
	           "allowed: a regular file");
	open_fails(dir, 1000, 100, "not a regular file (a directory); allowed: "
	           "a regular file");
	snprintf(fifo, sizeof fifo, "%s/missing", dir);
	open_fails(fifo, 1000, 100, "cannot open: No such file or directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lines, arm, disarm),
		cmocka_unit_test_setup_teardown(test_line_cap, arm, disarm),
		cmocka_unit_test_setup_teardown(test_endless_line, arm, disarm),
		cmocka_unit_test_setup_teardown(test_size_cap, arm, disarm),
		cmocka_unit_test_setup_teardown(test_size_misreported, arm, disarm),
		cmocka_unit_test_setup_teardown(test_not_regular, arm, disarm),
	};
	return cmocka_run_group_tests_name("rfile", tests, group_setup, group_teardown);
}
