/*
** test_gnuplot.c: quoting user text for gnuplot scripts (exact literals:
** octal escapes, control bytes, paths), and running gnuplot (the real
** program) without a shell: exit status, its message, a program that
** cannot be started. Each attack of the safety rule in gnuplot.c, and
** about a thousand strings combining quotes, macros, backquotes,
** backslashes and command characters, go through the real gnuplot: each
** prints as it was and nothing runs.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gnuplot.h"
#include "testproc.h"
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

/* Fails unless gnuplot_quote(s, how) succeeds and gives exactly want. */
static void expect_quote(const char *s, enum gnuplot_quoting how, const char *want)
{
	char *q = NULL;

	assert_int_equal(gnuplot_quote(s, how, &q), 0);
	assert_non_null(q);
	assert_string_equal(q, want);
	free(q);
}

/* Letters, digits, space and . , - _ : / ( ) + stay as they are. */
static void test_quote_plain(void **state)
{
	(void)state;
	expect_quote("Baseline 2026", GNUPLOT_TEXT, "\"Baseline 2026\"");
	expect_quote("", GNUPLOT_TEXT, "\"\"");
	expect_quote("", GNUPLOT_PATH, "\"\"");
	expect_quote("Pilot 2026: e-Akte (Phase 1), v2.385/x_y+z", GNUPLOT_TEXT,
	             "\"Pilot 2026: e-Akte (Phase 1), v2.385/x_y+z\"");
	expect_quote("../borrow_to_invest.csv", GNUPLOT_PATH, "\"../borrow_to_invest.csv\"");
}

/* Quotes, @, backquotes, $ and the other specials become octal escapes:
** nothing of them reaches gnuplot's scanners. */
static void test_quote_specials(void **state)
{
	(void)state;
	expect_quote("it's \"x\"", GNUPLOT_TEXT, "\"it\\047s \\042x\\042\"");
	expect_quote("@a @scenario_name", GNUPLOT_TEXT, "\"\\100a \\100scenario_name\"");
	/* The exploit of issue 8, name and description. */
	expect_quote("' . system(\"touch PWNED\") . '", GNUPLOT_TEXT,
	             "\"\\047 . system(\\042touch PWNED\\042) . \\047\"");
	expect_quote("' @scenario_name", GNUPLOT_TEXT, "\"\\047 \\100scenario_name\"");
	expect_quote("`id`$1\\;|<!#%&{}^~", GNUPLOT_TEXT,
	             "\"\\140id\\140\\044\\061\\134\\073\\174\\074\\041\\043\\045\\046\\173\\175\\136\\176\"");
	expect_quote("a=b*c?[d]", GNUPLOT_TEXT, "\"a\\075b\\052c\\077\\133d\\135\"");
	expect_quote("\\n \\\\ \\' \\\"", GNUPLOT_TEXT,
	             "\"\\134n \\134\\134 \\134\\047 \\134\\042\"");
}

/* A byte of 0x80 or more is an escape, so UTF-8 arrives byte for byte. */
static void test_quote_utf8(void **state)
{
	(void)state;
	expect_quote("Grün ä €", GNUPLOT_TEXT,
	             "\"Gr\\303\\274n \\303\\244 \\342\\202\\254\"");
	expect_quote("\xff", GNUPLOT_PATH, "\"\\377\"");
}

/* gnuplot reads \0 and up to three more octal digits: a digit 0-7 right
** after an escape is escaped too; 8, 9 and a digit after a plain byte
** are not. */
static void test_quote_digit_after_escape(void **state)
{
	(void)state;
	expect_quote("'7", GNUPLOT_TEXT, "\"\\047\\067\"");
	expect_quote("'07x1", GNUPLOT_TEXT, "\"\\047\\060\\067x1\"");
	expect_quote("@8", GNUPLOT_TEXT, "\"\\1008\"");
	expect_quote("ä1", GNUPLOT_TEXT, "\"\\303\\244\\061\"");
	expect_quote("'9", GNUPLOT_TEXT, "\"\\0479\"");
}

/* Display text turns a control byte into a space; a path refuses it. */
static void test_quote_control_bytes(void **state)
{
	char *q = (char *)"unchanged";

	(void)state;
	expect_quote("a\nb\tc\x7f" "d\re", GNUPLOT_TEXT, "\"a b c d e\"");
	expect_quote("'\n7", GNUPLOT_TEXT, "\"\\047 7\"");
	assert_int_equal(gnuplot_quote("a\nb", GNUPLOT_PATH, &q), -1);
	assert_null(q);
	q = (char *)"unchanged";
	assert_int_equal(gnuplot_quote("a\x7f", GNUPLOT_PATH, &q), -1);
	assert_null(q);
	/* Quotes, backquotes and the rest are escaped in a path as in text. */
	expect_quote("../a `b` \"c\";|d.csv", GNUPLOT_PATH,
	             "\"../a \\140b\\140 \\042c\\042\\073\\174d.csv\"");
}

/* The characters of the text a literal holds: escapes decoded, UTF-8
** sequences counted once, the quotes not counted. */
static void test_quoted_chars(void **state)
{
	static const struct {
		const char *text;
		size_t chars;
	} cases[] = {
		{ "", 0 }, { "Baseline 2026", 13 }, { "Grün ä €", 8 }, { "'7@", 3 },
		{ "it's \"x\"", 8 }, { "a\nb", 3 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *q;

		assert_int_equal(gnuplot_quote(cases[i].text, GNUPLOT_TEXT, &q), 0);
		assert_int_equal(gnuplot_quoted_chars(q), cases[i].chars);
		free(q);
	}
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
	struct gnuplot_job job = { c->dir, "./attack.gp", args, 0, 0, NULL, 0 };
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
		for (const char *s = attacks[i]; *s; s++) {
			size_t n = strlen(expect);

			expect[n] = *s == '\n' ? ' ' : *s;
			expect[n + 1] = '\0';
		}
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

/* 1 when dir holds an entry whose name begins with "MARKER". */
static int marker_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		if (strncmp(de->d_name, "MARKER", 6) == 0) {
			print_error("%s/%s exists: a command ran\n", dir, de->d_name);
			found = 1;
		}
	closedir(d);
	return found;
}

/* The pieces the hostile strings are made of: both quotes, macros of
** variables the script defines (and ARG1), backquotes with a command,
** backslash sequences, the command and pipe characters, newline and CR
** bytes, UTF-8, and octal digits that could extend an escape. */
static const char *const fragments[] = {
	"'", "\"", "''", "@scenario_name", "@ARG1", "@a", "@b ", "`touch MARKER_BQ`",
	"\\", "\\\\", "\\'", "\\\"", "\\n", "$", "$1", ";", "|touch MARKER_P", "<",
	"!touch MARKER_X", "system(\"touch MARKER_S\")", "\n", "\r", "Grün ä", "#", "07", " . ",
};
#define NFRAG (sizeof fragments / sizeof fragments[0])
/* Every ordered pair, and for each i < j the triple i, j, (i + j) mod NFRAG. */
#define NHOSTILE (NFRAG * NFRAG + NFRAG * (NFRAG - 1) / 2)

/* Builds the hostile strings into s (each owned by the caller). */
static void hostile_strings(char **s)
{
	size_t n = 0;

	for (size_t i = 0; i < NFRAG; i++)
		for (size_t j = 0; j < NFRAG; j++) {
			size_t len = strlen(fragments[i]) + strlen(fragments[j]) + 1;

			s[n] = malloc(len);
			assert_non_null(s[n]);
			snprintf(s[n++], len, "%s%s", fragments[i], fragments[j]);
		}
	for (size_t i = 0; i < NFRAG; i++)
		for (size_t j = i + 1; j < NFRAG; j++) {
			const char *k = fragments[(i + j) % NFRAG];
			size_t len = strlen(fragments[i]) + strlen(fragments[j]) + strlen(k) + 1;

			s[n] = malloc(len);
			assert_non_null(s[n]);
			snprintf(s[n++], len, "%s%s%s", fragments[i], fragments[j], k);
		}
	assert_int_equal(n, NHOSTILE);
}

/*
** Every pair and many triples of the fragments, quoted and printed by one
** real gnuplot whose script first defines macros that would run a command
** wherever they were expanded (as code, or breaking out of either kind of
** quote), and ARG1 likewise: gnuplot succeeds without a word on stderr,
** each printed line is its string (control bytes as spaces), and no
** MARKER file appears.
*/
static void test_hostile_strings_through_gnuplot(void **state)
{
	const struct ctx *c = *state;
	const char *const args[] = { "' . system(\"touch MARKER_ARG1\") . '", NULL };
	struct gnuplot_job job = { c->dir, "./hostile.gp", args, 0, 0, NULL, 0 };
	static char *strings[NHOSTILE];
	char p[512], *printed, *line;
	FILE *f;

	hostile_strings(strings);
	snprintf(p, sizeof p, "%s/hostile.gp", c->dir);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("scenario_name = \"' . system(\\\"touch MARKER_SN\\\") . '\"\n"
	      "a = \"\\\" . system(\\\"touch MARKER_A\\\") . \\\"\"\n"
	      "b = \"system(\\\"touch MARKER_B\\\")\"\n"
	      "set print 'printed.txt'\n", f);
	for (size_t i = 0; i < NHOSTILE; i++) {
		char *q, *path;

		assert_int_equal(gnuplot_quote(strings[i], GNUPLOT_TEXT, &q), 0);
		/* Without a control byte, a path is quoted as text is. */
		if (!strpbrk(strings[i], "\n\r")) {
			assert_int_equal(gnuplot_quote(strings[i], GNUPLOT_PATH, &path), 0);
			assert_string_equal(path, q);
			free(path);
		}
		fprintf(f, "s_%zu = %s\n", i, q);
		free(q);
	}
	for (size_t i = 0; i < NHOSTILE; i++)
		fprintf(f, "print s_%zu\n", i);
	assert_int_equal(fclose(f), 0);

	assert_int_equal(gnuplot_run(&job, 1, 1, "gnuplot"), 0);
	if (job.status != 0 || job.errtext)
		print_error("gnuplot (exit %d): %s\n", job.status, job.errtext ? job.errtext : "");
	assert_int_equal(job.status, 0);
	assert_null(job.errtext);
	assert_false(marker_in(c->dir));
	assert_false(marker_in("."));

	snprintf(p, sizeof p, "%s/printed.txt", c->dir);
	printed = proc_read_file(p, NULL);
	assert_non_null(printed);
	line = printed;
	for (size_t i = 0; i < NHOSTILE; i++) {
		char *end = strchr(line, '\n');

		assert_non_null(end);
		*end = '\0';
		for (char *t = strings[i]; *t; t++)
			if (*t == '\n' || *t == '\r')
				*t = ' ';
		if (strcmp(line, strings[i]) != 0) {
			print_error("string %zu: printed [%s], expected [%s]\n", i, line, strings[i]);
			fail();
		}
		line = end + 1;
		free(strings[i]);
	}
	assert_string_equal(line, "");
	free(printed);
	gnuplot_jobs_clear(&job, 1);
}

/* Jobs run in parallel, each in its directory with its arguments; a
** failure gives the exit status and gnuplot's message. */
static void test_run_status_and_message(void **state)
{
	const struct ctx *c = *state;
	const char *const ok_args[] = { "first arg", "2.385", NULL };
	struct gnuplot_job jobs[3] = {
		{ c->dir, "./ok.gp", ok_args, 0, 0, NULL, 0 },
		{ c->dir, "./bad.gp", NULL, 0, 0, NULL, 0 },
		{ c->dir, "./ok.gp", ok_args, 0, 0, NULL, 0 },
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
		{ c->dir, "./ok.gp", NULL, 0, 0, NULL, 0 },
		{ c->dir, "./ok.gp", NULL, 0, 0, NULL, 0 },
		{ c->dir, "./ok.gp", NULL, 0, 0, NULL, 0 },
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
	struct gnuplot_job job = { "/nonexistent/dir-2.385", "./ok.gp", NULL, 0, 0, NULL, 0 };

	(void)state;
	assert_int_equal(gnuplot_run(&job, 1, 0, "gnuplot"), 0);
	assert_int_equal(job.exec_errno, ENOENT);
	gnuplot_jobs_clear(&job, 1);
}

int main(void)
{
	const struct CMUnitTest quoting[] = {
		cmocka_unit_test(test_quote_plain),
		cmocka_unit_test(test_quote_specials),
		cmocka_unit_test(test_quote_utf8),
		cmocka_unit_test(test_quote_digit_after_escape),
		cmocka_unit_test(test_quote_control_bytes),
		cmocka_unit_test(test_quoted_chars),
	};
	const struct CMUnitTest running[] = {
		cmocka_unit_test(test_attacks_run_nothing),
		cmocka_unit_test(test_hostile_strings_through_gnuplot),
		cmocka_unit_test(test_run_status_and_message),
		cmocka_unit_test(test_run_missing_program),
		cmocka_unit_test(test_run_missing_dir),
	};
	int failed = cmocka_run_group_tests_name("gnuplot_quote", quoting, NULL, NULL);

	return failed + cmocka_run_group_tests_name("gnuplot_run", running, setup, teardown);
}
