/*
** test_csvtab.c: reading a whole CSV file by column name (sim/csvtab.c).
** Every error path: a missing file, an empty file, a row with too few or
** too many fields, a stray quote, an unclosed quote at the end; a missing
** column; a cell that is not a number; and values read back exactly.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "csvtab.h"
#include "rfile.h"

static char dir[] = "/tmp/test-csvtab-XXXXXX";

/* Writes text to DIR/name and returns the path (static buffer). */
static const char *write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Loads text (NULL: bad.csv as it is), expecting failure at line with msg
** in the message. */
static void expect_error(const char *text, long line, const char *msg)
{
	struct csvtab *t = (struct csvtab *)1;
	struct err e;
	char path[256];

	if (text)
		snprintf(path, sizeof path, "%s", write_file("bad.csv", text));
	else
		snprintf(path, sizeof path, "%s/bad.csv", dir);
	err_clear(&e);
	assert_int_equal(csvtab_load(path, &t, &e), -1);
	assert_null(t);
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, line);
	if (!strstr(e.msg, msg)) {
		print_error("'%s' not in '%s'\n", msg, e.msg);
		fail();
	}
}

static void test_values_read_back(void **state)
{
	const char *path = write_file("ok.csv", "year,cash_eur,name\n"
	                              "2026,2.385e6,\"Base, \"\"IT\"\"\"\n"
	                              "2027,-1234.5625,x\n");
	struct csvtab *t = NULL;
	struct err e;

	(void)state;
	assert_int_equal(csvtab_load(path, &t, &e), 0);
	assert_int_equal(csvtab_rows(t), 2);
	assert_int_equal(csvtab_cols(t), 3);
	assert_int_equal(csvtab_find(t, "year"), 0);
	assert_int_equal(csvtab_find(t, "name"), 2);
	assert_true(csvtab_num(t, 0, 1) == 2.385e6);
	assert_true(csvtab_num(t, 1, 1) == -1234.5625);
	assert_true(csvtab_num(t, 1, 0) == 2027);
	assert_string_equal(csvtab_text(t, 0, 2), "Base, \"IT\"");
	csvtab_free(t);
	csvtab_free(NULL);
}

static void test_header_only(void **state)
{
	const char *path = write_file("head.csv", "year,cash_eur\n");
	struct csvtab *t = NULL;
	struct err e;

	(void)state;
	assert_int_equal(csvtab_load(path, &t, &e), 0);
	assert_int_equal(csvtab_rows(t), 0);
	assert_int_equal(csvtab_cols(t), 2);
	csvtab_free(t);
}

static void test_missing_file(void **state)
{
	struct csvtab *t = NULL;
	struct err e;
	char path[256];

	(void)state;
	snprintf(path, sizeof path, "%s/no_such.csv", dir);
	err_clear(&e);
	assert_int_equal(csvtab_load(path, &t, &e), -1);
	assert_null(t);
	assert_non_null(strstr(e.msg, "No such file"));
	assert_string_equal(e.file, path);
}

static void test_empty_file(void **state)
{
	(void)state;
	expect_error("", 0, "empty");
}

static void test_bad_rows(void **state)
{
	(void)state;
	expect_error("a,b,c\n1,2,3\n4,5\n", 3, "2 fields, but the header has 3");
	expect_error("a,b\n1,2\n3,4,5\n", 3, "3 fields, but the header has 2");
	expect_error("a,b\n1,x\"y\n", 2, "");
}

static void test_unclosed_quote(void **state)
{
	(void)state;
	expect_error("a,b\n1,\"open\n", 2, "");
}

static void test_missing_column_and_non_number(void **state)
{
	const char *path = write_file("nan.csv", "year,x\n2026,abc\n2027,\n2028,1e999\n");
	struct csvtab *t = NULL;
	struct err e;

	(void)state;
	assert_int_equal(csvtab_load(path, &t, &e), 0);
	assert_int_equal(csvtab_find(t, "cash_eur"), -1);
	assert_int_equal(csvtab_find(t, ""), -1);
	assert_true(isnan(csvtab_num(t, 0, 1)));
	assert_true(isnan(csvtab_num(t, 1, 1)));
	assert_true(isnan(csvtab_num(t, 2, 1)));
	assert_string_equal(csvtab_text(t, 0, 1), "abc");
	csvtab_free(t);
}

/* What dtsim plot may be pointed at: a FIFO (a regression would block),
** a device that never ends, a directory; each fails at once, naming it. */
static void test_not_regular(void **state)
{
	char fifo[256];
	const char *const paths[] = { fifo, "/dev/zero", dir };
	static const char *const kinds[] = { "a FIFO", "a device", "a directory" };
	struct csvtab *t = NULL;
	struct err e;
	char msg[128];

	(void)state;
	snprintf(fifo, sizeof fifo, "%s/fifo.csv", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(20);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(csvtab_load(paths[i], &t, &e), -1);
		assert_null(t);
		assert_string_equal(e.file, paths[i]);
		assert_int_equal(e.line, 0);
		snprintf(msg, sizeof msg, "not a regular file (%s); allowed: a regular "
		         "file", kinds[i]);
		assert_string_equal(e.msg, msg);
	}
	alarm(0);
}

/* A line longer than RFILE_CSV_MAX_LINE fails at its line, unread beyond. */
static void test_line_cap(void **state)
{
	char path[256];
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s/bad.csv", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("year,cash_eur\n2026,", f);
	for (size_t i = 0; i < RFILE_CSV_MAX_LINE; i++)
		fputc('1', f);
	fputs("\n", f);
	assert_int_equal(fclose(f), 0);
	expect_error(NULL, 2, "the line has more than 1048576 bytes; allowed: at "
	             "most 1048576");
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	static const char *const files[] = { "ok.csv", "head.csv", "bad.csv", "nan.csv",
	                                     "fifo.csv" };
	char path[256];

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		remove(path);
	}
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_read_back),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_unclosed_quote),
		cmocka_unit_test(test_missing_column_and_non_number),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_line_cap),
	};

	return cmocka_run_group_tests_name("csvtab", tests, setup, teardown);
}
