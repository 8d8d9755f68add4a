/*
** test_gnuplot.c: quoting user text for gnuplot scripts, and running
** gnuplot (the real program) without a shell: exit status, its message,
** a program that cannot be started. Each attack of the safety rule in
** gnuplot.c goes through the real gnuplot and must run nothing.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gnuplot.h"
#include "testutil.h"

/* Writes text to dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char p[1024];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void test_quote_plain(void **state)
{
	char *q;

	(void)state;
	assert_int_equal(gnuplot_quote("Baseline 2026", GNUPLOT_TEXT, &q), 0);
	assert_string_equal(q, "'Baseline 2026'");
	free(q);
	assert_int_equal(gnuplot_quote("", GNUPLOT_PATH, &q), 0);
	assert_string_equal(q, "''");
	free(q);
}

static void test_quote_single_quotes(void **state)
{
	char *q;

	(void)state;
	assert_int_equal(gnuplot_quote("it's 'x'", GNUPLOT_TEXT, &q), 0);
	assert_string_equal(q, "('it' . \"'\" . 's ' . \"'\" . 'x' . \"'\")");
	free(q);
	assert_int_equal(gnuplot_quote("''a", GNUPLOT_TEXT, &q), 0);
	assert_string_equal(q, "(\"'\" . \"'\" . 'a')");
	free(q);
	assert_int_equal(gnuplot_quote("'", GNUPLOT_PATH, &q), 0);
	assert_string_equal(q, "(\"'\")");
	free(q);
}

static void test_quote_control_bytes(void **state)
{
	char *q = (char *)"unchanged";

	(void)state;
	assert_int_equal(gnuplot_quote("a\nb\tc\x7f" "d\re", GNUPLOT_TEXT, &q), 0);
	assert_string_equal(q, "'a b c d e'");
	free(q);
	assert_int_equal(gnuplot_quote("a\nb", GNUPLOT_PATH, &q), -1);
	assert_null(q);
	assert_int_equal(gnuplot_quote("a\x7f", GNUPLOT_PATH, &q), -1);
	assert_null(q);
	/* Quotes, backquotes and the rest are fine in a path: they are inert. */
	assert_int_equal(gnuplot_quote("../a `b` \"c\";|d.csv", GNUPLOT_PATH, &q), 0);
	assert_string_equal(q, "'../a `b` \"c\";|d.csv'");
	free(q);
}

/* A scratch directory for the running tests. */
struct ctx {
	char dir[256];
};

static int setup(void **state)
{
	static struct ctx c;

	if (testutil_mkdtemp(c.dir, sizeof c.dir, "gnuplot") != 0)
		return -1;
	*state = &c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", c->dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* 1 when dir/name exists. */
static int exists_in(const char *dir, const char *name)
{
	char p[1024];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return access(p, F_OK) == 0;
}

/*
** Every attack of the safety rule, quoted and printed by the real gnuplot:
** the printed text is the input (control bytes as spaces) and no MARKER
** file appears.
*/
static void test_attacks_run_nothing(void **state)
{
	static const char *const attacks[] = {
		"`touch MARKER1`",
		"system(\"touch MARKER2\")",
		"x' . system('touch MARKER3') . '",
		"\"; system(\"touch MARKER4\"); \"",
		"a; system('touch MARKER5')",
		"line\nsystem('touch MARKER6')",
		"@x ! touch MARKER7",
		"|touch MARKER8",
		"<touch MARKER9",
		"a\\' b \\",
		"'leading quote",
		"''' . system('touch MARKERX') . '",
		"'",
		"x''",
		"ab'",
	};
	const struct ctx *c = *state;
	char script[8192] = "set print 'printed.txt'\nx = 'system(\"touch MARKERX\")'\n";
	char expect[4096] = "";
	const char *const args[] = { NULL };
	struct gnuplot_job job = { c->dir, "./attack.gp", args, 0, 0, NULL };
	char p[512];
	char *printed;
	size_t len;

	for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
		char *q;

		assert_int_equal(gnuplot_quote(attacks[i], GNUPLOT_TEXT, &q), 0);
		strcat(script, "print ");
		strcat(script, q);
		strcat(script, "\n");
		free(q);
		for (const char *s = attacks[i]; *s; s++)
			strncat(expect, *s == '\n' ? " " : s, 1);
		strcat(expect, "\n");
	}
	put_file(c->dir, "attack.gp", script);
	assert_int_equal(gnuplot_run(&job, 1, 1, "gnuplot"), 0);
	if (job.status != 0)
		print_error("gnuplot: %s\n", job.errtext ? job.errtext : "");
	assert_int_equal(job.status, 0);
	assert_null(job.errtext);
	snprintf(p, sizeof p, "%s/printed.txt", c->dir);
	{
		FILE *f = fopen(p, "r");

		assert_non_null(f);
		printed = calloc(1, 8192);
		assert_non_null(printed);
		len = fread(printed, 1, 8191, f);
		fclose(f);
	}
	assert_true(len > 0);
	assert_string_equal(printed, expect);
	free(printed);
	for (int i = 1; i <= 9; i++) {
		char m[24];  /* "MARKER" and any int */

		snprintf(m, sizeof m, "MARKER%d", i);
		assert_false(exists_in(c->dir, m));
	}
	assert_false(exists_in(c->dir, "MARKERX"));
	gnuplot_jobs_clear(&job, 1);
}

/* Jobs run in parallel, each in its directory with its arguments; a
** failure gives the exit status and gnuplot's message. */
static void test_run_status_and_message(void **state)
{
	const struct ctx *c = *state;
	const char *const ok_args[] = { "first arg", "2.385", NULL };
	struct gnuplot_job jobs[3] = {
		{ c->dir, "./ok.gp", ok_args, 0, 0, NULL },
		{ c->dir, "./bad.gp", NULL, 0, 0, NULL },
		{ c->dir, "./ok.gp", ok_args, 0, 0, NULL },
	};

	put_file(c->dir, "ok.gp", "set print 'args.txt'\nprint ARGC, ' ', ARG1, ' ', ARG2\n");
	put_file(c->dir, "bad.gp", "x = 1\nplot no_such_variable\n");
	assert_int_equal(gnuplot_run(jobs, 3, 2, "gnuplot"), 0);
	assert_int_equal(jobs[0].status, 0);
	assert_int_equal(jobs[2].status, 0);
	assert_int_equal(jobs[0].exec_errno, 0);
	assert_true(jobs[1].status != 0);
	assert_non_null(jobs[1].errtext);
	assert_non_null(strstr(jobs[1].errtext, "line 2"));
	assert_non_null(strstr(jobs[1].errtext, "undefined variable"));
	assert_true(exists_in(c->dir, "args.txt"));
	gnuplot_jobs_clear(jobs, 3);
	assert_null(jobs[1].errtext);
}

/* A program that cannot be started stops the batch with its errno. */
static void test_run_missing_program(void **state)
{
	const struct ctx *c = *state;
	struct gnuplot_job jobs[3] = {
		{ c->dir, "./ok.gp", NULL, 0, 0, NULL },
		{ c->dir, "./ok.gp", NULL, 0, 0, NULL },
		{ c->dir, "./ok.gp", NULL, 0, 0, NULL },
	};

	assert_int_equal(gnuplot_run(jobs, 3, 1, "/nonexistent/gnuplot-2.385"), 0);
	assert_int_equal(jobs[0].exec_errno, ENOENT);
	assert_int_equal(jobs[0].status, -1);   /* found missing before any start */
	assert_int_equal(jobs[1].status, -1);
	assert_int_equal(jobs[1].exec_errno, ENOENT);
	assert_int_equal(jobs[2].exec_errno, ENOENT);
	gnuplot_jobs_clear(jobs, 3);
}

/* A directory that does not exist is a failed start as well. */
static void test_run_missing_dir(void **state)
{
	struct gnuplot_job job = { "/nonexistent/dir-2.385", "./ok.gp", NULL, 0, 0, NULL };

	(void)state;
	assert_int_equal(gnuplot_run(&job, 1, 0, "gnuplot"), 0);
	assert_int_equal(job.exec_errno, ENOENT);
	gnuplot_jobs_clear(&job, 1);
}

int main(void)
{
	const struct CMUnitTest quoting[] = {
		cmocka_unit_test(test_quote_plain),
		cmocka_unit_test(test_quote_single_quotes),
		cmocka_unit_test(test_quote_control_bytes),
	};
	const struct CMUnitTest running[] = {
		cmocka_unit_test(test_attacks_run_nothing),
		cmocka_unit_test(test_run_status_and_message),
		cmocka_unit_test(test_run_missing_program),
		cmocka_unit_test(test_run_missing_dir),
	};
	int failed = cmocka_run_group_tests_name("gnuplot_quote", quoting, NULL, NULL);

	return failed + cmocka_run_group_tests_name("gnuplot_run", running, setup, teardown);
}
