/*
** test_mdescape.c: escaping user text for Markdown (sim/mdescape.h):
** every ASCII punctuation character gets a backslash, blanks and line
** breaks become one space, bytes that are not UTF-8 become U+FFFD, paths
** are percent-encoded. With pandoc installed, the hostile texts of
** mdcheck.h go through pandoc and come out as the same plain text.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mdcheck.h"
#include "mdescape.h"
#include "testproc.h"
#include "testutil.h"

/* mdescape_text(s) as a new string. */
static char *esc(const char *s)
{
	struct strbuf b = STRBUF_INIT;

	mdescape_text(&b, s);
	return strbuf_take(&b);
}

static void every_ascii_punctuation_is_escaped(void **state)
{
	(void)state;
	for (int c = 0x21; c < 0x7F; c++) {
		char in[4] = { 'a', (char)c, 'b', '\0' }, want[5];
		char *out = esc(in);

		if (mdcheck_punct((unsigned char)c))
			snprintf(want, sizeof want, "a\\%cb", c);
		else
			snprintf(want, sizeof want, "a%cb", c);
		assert_string_equal(out, want);
		free(out);
	}
}

static void blanks_and_breaks_become_one_space(void **state)
{
	char *out = esc("  \t# one\n\n  two\r\nthree\xe2\x80\xa8" "four\xc2\x85" "five \x7f ");

	(void)state;
	assert_string_equal(out, "\\# one two three four five");
	free(out);
	out = esc("\n\n\t ");
	assert_string_equal(out, "");
	free(out);
}

static void utf8_passes_and_broken_bytes_are_replaced(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Gr\xc3\xbcn \xe2\x82\xac \xf0\x9f\x98\x80", "Gr\xc3\xbcn \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "a\xff" "b", "a\xef\xbf\xbd" "b" },
		/* an overlong '/' is two bad bytes: no '/' may come through */
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },
		/* a surrogate: three bad bytes */
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		/* cut short at the end */
		{ "x\xe2\x82", "x\xef\xbf\xbd\xef\xbf\xbd" },
		/* beyond U+10FFFF */
		{ "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *out = esc(cases[i].in);

		assert_string_equal(out, cases[i].out);
		assert_true(mdcheck_utf8(out));
		free(out);
	}
}

/* No hostile text leaves a character of markup: its skeleton is empty,
** and it stays on one line. */
static void hostile_texts_have_no_markup(void **state)
{
	(void)state;
	for (size_t i = 0; i < MDCHECK_NHOSTILE; i++) {
		char *out = esc(mdcheck_hostile[i]);
		char *sk = mdcheck_skeleton(out);

		assert_string_equal(sk, "");
		assert_null(strchr(out, '\n'));
		assert_true(mdcheck_utf8(out));
		assert_int_equal(mdcheck_images(out), 0);
		free(sk);
		free(out);
	}
}

static void paths_are_percent_encoded(void **state)
{
	struct strbuf b = STRBUF_INIT;

	(void)state;
	mdescape_path(&b, "plots/a b(1)-x_y.z/Gr\xc3\xbcn)\"<>%.png");
	assert_string_equal(strbuf_str(&b), "plots/a%20b%281%29-x_y.z/Gr%C3%BCn%29%22%3C%3E%25.png");
	strbuf_free(&b);
}

/* ---- through pandoc, when it is installed ------------------------------------- */

/* The text pandoc shows for t: blanks collapsed and trimmed, as
** mdescape_text does, broken bytes as U+FFFD. */
static char *expected_plain(const char *t)
{
	struct strbuf b = STRBUF_INIT;
	char *e = esc(t), *out;

	/* unescape: drop each backslash that escapes punctuation */
	for (const char *p = e; *p; p++) {
		if (*p == '\\' && mdcheck_punct((unsigned char)p[1]))
			p++;
		strbuf_add(&b, p, 1);
	}
	free(e);
	out = strbuf_take(&b);
	return out;
}

/* Each hostile text, escaped, is a paragraph of a document that pandoc
** turns into plain text: every paragraph must come out as the text itself.
** Skipped (with a message) without pandoc. */
static void pandoc_shows_the_text_itself(void **state)
{
	char dir[256], md[300], out[300];
	char *argv[] = { (char *)"/usr/bin/pandoc",
	                 (char *)"-f", (char *)"markdown-raw_html-raw_attribute-raw_tex",
	                 (char *)"-t", (char *)"plain", (char *)"--wrap=none",
	                 (char *)"-o", out, md, NULL };
	struct proc_result r;
	struct strbuf doc = STRBUF_INIT;
	FILE *f;
	char *text, *line;

	(void)state;
	if (access(argv[0], X_OK) != 0) {
		fprintf(stderr, "test_mdescape: pandoc is not installed: the pandoc round trip"
		        " is skipped (CI installs it)\n");
		skip();
	}
	assert_int_equal(testutil_mkdtemp(dir, sizeof dir, "mdescape"), 0);
	snprintf(md, sizeof md, "%s/in.md", dir);
	snprintf(out, sizeof out, "%s/out.txt", dir);
	for (size_t i = 0; i < MDCHECK_NHOSTILE; i++) {
		strbuf_printf(&doc, "P%zu: ", i);
		mdescape_text(&doc, mdcheck_hostile[i]);
		strbuf_printf(&doc, "\n\n");
	}
	f = fopen(md, "w");
	assert_non_null(f);
	fputs(strbuf_str(&doc), f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	text = proc_read_file(out, NULL);
	assert_non_null(text);
	line = text;
	for (size_t i = 0; i < MDCHECK_NHOSTILE; i++) {
		char *want = expected_plain(mdcheck_hostile[i]);
		char full[1024], *end;

		/* an empty text leaves "P29:" (pandoc drops the trailing blank) */
		snprintf(full, sizeof full, "P%zu:%s%s", i, want[0] ? " " : "", want);
		while (*line == '\n')
			line++;
		end = strchr(line, '\n');
		assert_non_null(end);
		*end = '\0';
		if (strcmp(line, full) != 0)
			fail_msg("text %zu: pandoc shows '%s', expected '%s'", i, line, full);
		line = end + 1;
		free(want);
	}
	free(text);
	strbuf_free(&doc);
	unlink(md);
	unlink(out);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_ascii_punctuation_is_escaped),
		cmocka_unit_test(blanks_and_breaks_become_one_space),
		cmocka_unit_test(utf8_passes_and_broken_bytes_are_replaced),
		cmocka_unit_test(hostile_texts_have_no_markup),
		cmocka_unit_test(paths_are_percent_encoded),
		cmocka_unit_test(pandoc_shows_the_text_itself),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
