/*
** test_readme.c: the examples in README.md and docs/dtsim.1 work.
**
** Runnable README blocks are fenced ```sh blocks whose first line begins
** with "dtsim "; every non-blank, non-comment line of such a block is run
** with /bin/sh, in order, in a scratch directory where `dtsim` is the binary
** under test ($DTSIM, first on PATH) and scenarios/ is the bundled one.
** In the man page, the lines of .EX/.EE blocks that begin with "dtsim " are
** run the same way. The README's ```ini scenario example and its ```csv
** schedule example must pass `dtsim check`.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testproc.h"

struct ctx {
	struct proc_sandbox sb;
	char path[8192];  /* PATH as it was at start */
};

/* A growable list of owned strings. */
struct lines {
	char **v;
	size_t n;
};

static void lines_add(struct lines *l, const char *s, size_t len)
{
	char **grown = realloc(l->v, (l->n + 1) * sizeof *grown);

	assert_non_null(grown);
	l->v = grown;
	l->v[l->n] = malloc(len + 1);
	assert_non_null(l->v[l->n]);
	memcpy(l->v[l->n], s, len);
	l->v[l->n++][len] = '\0';
}

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* ---- extracting examples --------------------------------------------------- */

/*
** Collects into out the lines of the fenced blocks tagged `tag` in the
** Markdown text md. With runnable: only the blocks whose first line begins
** with "dtsim ", without blank and comment lines, one command a string.
** Otherwise: every line with its newline, and an empty string after each
** block, so blocks can be told apart.
*/
static void md_blocks(const char *md, const char *tag, int runnable, struct lines *out)
{
	size_t taglen = strlen(tag);
	int in = 0;     /* 0 outside a fence, 1 in a block tagged `tag`, 2 in another */
	int first = 0, take = 0;

	for (const char *s = md; *s; ) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (len >= 3 && strncmp(s, "```", 3) == 0) {
			if (in == 1 && take && !runnable)
				lines_add(out, "", 0);
			if (in) {
				in = 0;
			} else {
				in = len - 3 == taglen && strncmp(s + 3, tag, taglen) == 0 ? 1 : 2;
				first = 1;
			}
		} else if (in == 1) {
			if (first)
				take = !runnable || strncmp(s, "dtsim ", len < 6 ? len + 1 : 6) == 0;
			first = 0;
			/* a block's lines keep their newline, so that an empty line
			** differs from the empty string that ends the block */
			if (take && !runnable)
				lines_add(out, s, nl ? len + 1 : len);
			else if (take && len > 0 && s[0] != '#')
				lines_add(out, s, len);
		}
		if (!nl)
			break;
		s = nl + 1;
	}
}

/* Collects the lines beginning with "dtsim " between .EX and .EE in the
** roff text, with the escapes \- and \e turned back into - and \. */
static void man_examples(const char *roff, struct lines *out)
{
	int in_ex = 0;

	for (const char *s = roff; *s; ) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (len >= 3 && strncmp(s, ".EX", 3) == 0)
			in_ex = 1;
		else if (len >= 3 && strncmp(s, ".EE", 3) == 0)
			in_ex = 0;
		else if (in_ex && len > 6 && strncmp(s, "dtsim ", 6) == 0) {
			char buf[1024];
			size_t n = 0;

			for (size_t i = 0; i < len && n + 1 < sizeof buf; i++) {
				if (s[i] == '\\' && i + 1 < len && (s[i + 1] == '-' || s[i + 1] == 'e')) {
					buf[n++] = s[i + 1] == '-' ? '-' : '\\';
					i++;
				} else {
					buf[n++] = s[i];
				}
			}
			lines_add(out, buf, n);
		}
		if (!nl)
			break;
		s = nl + 1;
	}
}

/* ---- running them ------------------------------------------------------------ */

/* Creates dir with bin/dtsim (a link to the binary) and scenarios/ (a link
** to the bundled scenarios). */
static void sandbox(const struct ctx *c, const char *dir)
{
	char link[PATH_MAX + 64], target[PATH_MAX + 64];

	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(link, sizeof link, "%s/bin", dir);
	assert_int_equal(mkdir(link, 0755), 0);
	snprintf(link, sizeof link, "%s/bin/dtsim", dir);
	assert_int_equal(symlink(c->sb.dtsim, link), 0);
	snprintf(link, sizeof link, "%s/scenarios", dir);
	snprintf(target, sizeof target, "%s/scenarios", c->sb.srcdir);
	assert_int_equal(symlink(target, link), 0);
}

/* Runs each command with /bin/sh in dir; fails on the first that does not
** exit 0, showing what it printed. */
static void run_all(const struct ctx *c, const char *dir, const struct lines *cmds)
{
	assert_int_equal(chdir(dir), 0);
	for (size_t i = 0; i < cmds->n; i++) {
		char *argv[] = { (char *)"/bin/sh", (char *)"-c", cmds->v[i], NULL };
		struct proc_result r;

		assert_int_equal(proc_run(argv, NULL, &r), 0);
		if (r.status != 0) {
			print_error("'%s' exited with %d\n--- stderr:\n%s---\n", cmds->v[i],
			            r.status, r.err);
			proc_result_free(&r);
			assert_int_equal(chdir(c->sb.tmp), 0);
			fail();
		}
		proc_result_free(&r);
	}
	assert_int_equal(chdir(c->sb.tmp), 0);
}

/* The contents of srcdir/rel (owned by the caller); fails the test if absent. */
static char *src_file(const struct ctx *c, const char *rel)
{
	char path[PATH_MAX + 64];
	char *s;

	snprintf(path, sizeof path, "%s/%s", c->sb.srcdir, rel);
	s = proc_read_file(path, NULL);
	if (!s) {
		print_error("cannot read %s\n", path);
		fail();
	}
	return s;
}

static int group_setup(void **state)
{
	static struct ctx c;
	const char *path = getenv("PATH");

	if (proc_sandbox_enter(&c.sb, "test-readme") != 0)
		return -1;
	snprintf(c.path, sizeof c.path, "%s", path ? path : "/usr/bin:/bin");
	*state = &c;
	return 0;
}

static int group_teardown(void **state)
{
	struct ctx *c = *state;

	return proc_sandbox_leave(&c->sb);
}

/* Puts dir/bin first on PATH for the commands that follow. */
static void path_first(const struct ctx *c, const char *dir)
{
	char path[sizeof c->path + PATH_MAX + 16];

	snprintf(path, sizeof path, "%s/%s/bin:%s", c->sb.tmp, dir, c->path);
	assert_int_equal(setenv("PATH", path, 1), 0);
}

/* ---- tests -------------------------------------------------------------------- */

static void test_readme_commands(void **state)
{
	const struct ctx *c = *state;
	char *md = src_file(c, "README.md");
	struct lines cmds = { NULL, 0 };

	md_blocks(md, "sh", 1, &cmds);
	free(md);
	/* The README shows check, run, a replay, --set and params. */
	assert_true(cmds.n >= 5);
	sandbox(c, "readme");
	path_first(c, "readme");
	run_all(c, "readme", &cmds);
	lines_free(&cmds);
}

static void test_man_examples(void **state)
{
	const struct ctx *c = *state;
	char *roff = src_file(c, "docs/dtsim.1");
	struct lines cmds = { NULL, 0 };

	man_examples(roff, &cmds);
	free(roff);
	assert_true(cmds.n >= 4);
	sandbox(c, "man");
	path_first(c, "man");
	run_all(c, "man", &cmds);
	lines_free(&cmds);
}

/* Writes the lines of one block (up to its empty-string end, each with its
** newline) to path; returns the index after the block. */
static size_t write_block(const struct lines *l, size_t from, const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	for (; from < l->n && l->v[from][0] != '\0'; from++)
		fputs(l->v[from], f);
	assert_int_equal(fclose(f), 0);
	return from + 1;
}

static void test_readme_scenario_format(void **state)
{
	const struct ctx *c = *state;
	char *md = src_file(c, "README.md");
	struct lines ini = { NULL, 0 }, csv = { NULL, 0 }, cmds = { NULL, 0 };
	char dir[PATH_MAX + 64];
	DIR *d;
	struct dirent *ent;

	md_blocks(md, "ini", 0, &ini);
	md_blocks(md, "csv", 0, &csv);
	free(md);
	assert_true(ini.n > 0);
	assert_true(csv.n > 0);

	/* The examples live beside (links to) the bundled scenarios, which they
	** extend. */
	assert_int_equal(mkdir("format", 0755), 0);
	snprintf(dir, sizeof dir, "%s/scenarios", c->sb.srcdir);
	d = opendir(dir);
	assert_non_null(d);
	while ((ent = readdir(d)) != NULL) {
		char target[sizeof dir + 260], link[sizeof dir + 260];

		if (ent->d_name[0] == '.')
			continue;
		snprintf(target, sizeof target, "%s/%s", dir, ent->d_name);
		snprintf(link, sizeof link, "format/%s", ent->d_name);
		assert_int_equal(symlink(target, link), 0);
	}
	closedir(d);
	write_block(&ini, 0, "format/readme_example.ini");
	write_block(&csv, 0, "format/readme_schedule.csv");
	{
		FILE *f = fopen("format/readme_schedule.ini", "w");

		assert_non_null(f);
		fputs("[scenario]\nextends = baseline.ini\n\n"
		      "[allocation]\nschedule = readme_schedule.csv\n", f);
		assert_int_equal(fclose(f), 0);
	}
	lines_add(&cmds, "\"$DTSIM\" check format/readme_example.ini > /dev/null",
	          strlen("\"$DTSIM\" check format/readme_example.ini > /dev/null"));
	lines_add(&cmds, "\"$DTSIM\" check format/readme_schedule.ini > /dev/null",
	          strlen("\"$DTSIM\" check format/readme_schedule.ini > /dev/null"));
	run_all(c, ".", &cmds);
	lines_free(&cmds);
	lines_free(&ini);
	lines_free(&csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readme_commands),
		cmocka_unit_test(test_man_examples),
		cmocka_unit_test(test_readme_scenario_format),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
