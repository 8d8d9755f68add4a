/*
** test_cmd_report.c: dtsim report end to end ($DTSIM in a scratch
** directory, the bundled scenarios over three years): report.md is
** written after the manifest, every image it references is a chart file
** in DIR, the German report is German, and a --baseline that names no
** scenario writes nothing.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mdcheck.h"
#include "testproc.h"

#define MAX_ARGS 20

static struct proc_sandbox sb;

/* Runs dtsim with the arguments (NULL-terminated); fails the test unless
** it exits with status. Returns its stderr (owned). */
static char *dt(int status, ...)
{
	char *argv[MAX_ARGS + 2];
	struct proc_result r;
	size_t n = 0;
	const char *a;
	va_list ap;

	argv[n++] = sb.dtsim;
	va_start(ap, status);
	while ((a = va_arg(ap, const char *)) != NULL && n <= MAX_ARGS)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	assert_int_equal(proc_run_timeout(argv, NULL, &r, 300), 0);
	if (r.status != status) {
		print_error("exit status %d, expected %d\n--- stderr:\n%s---\n", r.status, status,
		            r.err);
		fail();
	}
	free(r.out);
	return r.err;
}

/* A bundled scenario's absolute path (static buffer, one of four). */
static const char *bundled(const char *id)
{
	static char buf[4][PATH_MAX + 64];
	static unsigned next;
	char *p = buf[next++ % 4];

	snprintf(p, sizeof buf[0], "%.*s/scenarios/%.32s.ini", PATH_MAX - 1, sb.srcdir, id);
	return p;
}

/* Decodes the percent-encoding of mdescape_path in place. */
static void percent_decode(char *s)
{
	char *w = s;

	for (; *s; s++) {
		unsigned v;

		if (*s == '%' && sscanf(s + 1, "%2x", &v) == 1) {
			*w++ = (char)v;
			s += 2;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/*
** Checks every image of the Markdown file dir/report.md: its destination
** is a relative path without "..", and dir holds it as a regular file.
** Returns how many images there are.
*/
static size_t expect_images_present(const char *dir)
{
	char path[PATH_MAX];
	char *md, *p;
	size_t n = 0, images;

	snprintf(path, sizeof path, "%s/report.md", dir);
	md = proc_read_file(path, NULL);
	assert_non_null(md);
	images = mdcheck_images(md);
	for (p = md; (p = strstr(p, "](")) != NULL; ) {
		char *end = strchr(p, ')');
		struct stat st;

		assert_non_null(end);
		*end = '\0';
		percent_decode(p + 2);
		assert_true(p[2] != '/');
		assert_null(strstr(p + 2, ".."));
		snprintf(path, sizeof path, "%s/%s", dir, p + 2);
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			print_error("report.md shows %s, which is not a file in %s\n", p + 2, dir);
			fail();
		}
		n++;
		p = end + 1;
	}
	assert_int_equal(n, images);
	free(md);
	return n;
}

/* Two scenarios against a reference: report.md with a dashboard each and
** the five comparison charts, after the run's other files. */
static void report_is_built_with_every_image(void **state)
{
	char *err, *md;
	struct stat md_st, man_st;

	(void)state;
	err = dt(0, "report", "-o", "r", "--years", "3", "--baseline", "baseline",
	         bundled("baseline"), bundled("big_bang"), bundled("grant_cofunding"), NULL);
	free(err);
	assert_int_equal(expect_images_present("r"), 3 + 5);
	md = proc_read_file("r/report.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "# Scenario report\n"));
	assert_non_null(strstr(md, "## Big\\-bang modernisation\n"));
	assert_non_null(strstr(md, "**Question.** If we replace the core systems in three years\\,"));
	assert_non_null(strstr(md, "**Answer.** Does not reach 80 % of services online by 2028"));
	assert_non_null(strstr(md, "Scenario file: baseline\\.ini (the reference scenario)"));
	assert_non_null(strstr(md, "## The assumptions that matter most"));
	assert_non_null(strstr(md, "## Sources"));
	free(md);
	/* the report comes after the manifest, as charts do */
	assert_int_equal(stat("r/report.md", &md_st), 0);
	assert_int_equal(stat("r/manifest.csv", &man_st), 0);
	assert_true(proc_exists("r/summary.csv"));
	assert_true(md_st.st_mtim.tv_sec > man_st.st_mtim.tv_sec
	            || (md_st.st_mtim.tv_sec == man_st.st_mtim.tv_sec
	                && md_st.st_mtim.tv_nsec >= man_st.st_mtim.tv_nsec));
}

static void german_report(void **state)
{
	char *err, *md;

	(void)state;
	err = dt(0, "report", "-o", "de", "--years", "3", "--lang", "de", bundled("baseline"),
	         bundled("pay_as_you_go"), NULL);
	free(err);
	assert_int_equal(expect_images_present("de"), 2 + 5);
	md = proc_read_file("de/report.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "# Szenariobericht\n"));
	assert_non_null(strstr(md, "**Antwort.** Erreicht bis 2028 nicht 80 % der Dienste online"));
	assert_non_null(strstr(md, "## Vergleich\n"));
	assert_null(strstr(md, "**Answer.**"));
	free(md);
}

/* Bad input writes nothing: not even the directory. */
static void bad_baseline_writes_nothing(void **state)
{
	char *err;

	(void)state;
	err = dt(2, "report", "-o", "bad", "--baseline", "nosuch", bundled("baseline"), NULL);
	assert_non_null(strstr(err, "dtsim: --baseline nosuch: no scenario given has that id"));
	free(err);
	assert_false(proc_exists("bad"));
	err = dt(2, "report", "-o", "bad", "--lang", "fr", bundled("baseline"), NULL);
	assert_non_null(strstr(err, "report: "));
	free(err);
	assert_false(proc_exists("bad"));
	err = dt(2, "report", "-o", "bad", "--format", "svg", bundled("baseline"), NULL);
	assert_non_null(strstr(err, "dtsim: report: --format svg: the report shows PNG charts"));
	free(err);
	assert_false(proc_exists("bad"));
	err = dt(2, "report", "-o", "bad", "--rank", "nosuch", bundled("baseline"), NULL);
	assert_non_null(strstr(err, "dtsim: report: --rank: unknown KPI 'nosuch'"));
	free(err);
	assert_false(proc_exists("bad"));
}

static int setup(void **state)
{
	(void)state;
	return proc_sandbox_enter(&sb, "test-cmd-report");
}

static int teardown(void **state)
{
	(void)state;
	return proc_sandbox_leave(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_is_built_with_every_image),
		cmocka_unit_test(german_report),
		cmocka_unit_test(bad_baseline_writes_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
