/*
** test_cmd_report.c: dtsim report end to end ($DTSIM in a scratch
** directory, the bundled scenarios over three years): report.md is
** written after the manifest, every image it references is a chart file
** in DIR, a Monte Carlo study in DIR is shown with its charts, the German
** report is German, and a --baseline that names no
** scenario writes nothing. With pandoc (CI installs it; without it these
** checks are skipped with a message): report.html and report.docx are
** written; the HTML is accessible (lang attribute, headings, table
** headers, an alt text on every image), embeds exactly the charts of DIR
** and nothing else, also when names and descriptions try to embed
** /etc/passwd; a pandoc that fails or is missing, and a signal while
** pandoc runs, leave no temporary file and no pandoc process.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mdcheck.h"
#include "testproc.h"

#define MAX_ARGS 20

static struct proc_sandbox sb;

/* 1 when pandoc can be run (found in PATH); says once why not. */
static int have_pandoc(void)
{
	static int known = -1;
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (known >= 0)
		return known;
	known = 0;
	for (const char *d = path ? path : "/usr/bin:/bin"; ; ) {
		size_t len = strcspn(d, ":");

		snprintf(buf, sizeof buf, "%.*s/pandoc", (int)len, d);
		if (len && access(buf, X_OK) == 0) {
			known = 1;
			break;
		}
		if (!d[len])
			break;
		d += len + 1;
	}
	if (!known)
		fprintf(stderr, "test_cmd_report: pandoc is not installed: the checks of"
		        " report.html and report.docx are skipped (CI installs pandoc)\n");
	return known;
}

/* How many times sub occurs in s. */
static size_t count(const char *s, const char *sub)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, sub)) != NULL; p += strlen(sub))
		n++;
	return n;
}

/* 1 when dir holds a temporary file of dtsim's (.NAME.dtsim-XXXXXX). */
static int has_temporary(const char *dir)
{
	char cmd[PATH_MAX + 64];
	struct proc_result r;
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", cmd, NULL };
	int found;

	snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -q '[.]dtsim-'", dir);
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	found = r.status == 0;
	proc_result_free(&r);
	return found;
}

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

/*
** Checks dir/report.html (BITV 2.0 and the images): the lang attribute;
** an h1 and at least three h2; a header row in every table; an alt text of
** at least 30 bytes on every image; ntables tables; exactly nimages embedded data: URIs,
** each a PNG; no script; no line of /etc/passwd; and dir/report.docx: a
** zip (Word) with nimages media files.
*/
static void expect_html_and_docx(const char *dir, const char *lang, size_t nimages,
                                 size_t ntables)
{
	char path[PATH_MAX], want[64];
	char *html, *docx, *passwd;
	size_t dlen = 0;

	snprintf(path, sizeof path, "%s/report.html", dir);
	html = proc_read_file(path, NULL);
	assert_non_null(html);
	snprintf(want, sizeof want, " lang=\"%s\"", lang);
	assert_non_null(strstr(html, want));
	assert_int_equal(count(html, "<h1"), 1);
	assert_true(count(html, "<h2") >= 3);
	/* the council view, four burden tables, the WiBe table and the
	** assumptions (7), and a study's table: every table with a header row (at least a name, two
	** years and the total in a burden table of a two-year run) */
	assert_int_equal(count(html, "<table"), ntables);
	assert_int_equal(count(html, "<thead>"), ntables);
	assert_true(count(html, "<th>") + count(html, "<th ") >= ntables * 4);
	assert_int_equal(count(html, "<img "), nimages);
	for (const char *p = html; (p = strstr(p, "<img ")) != NULL; p++) {
		const char *end = strchr(p, '>'), *alt = strstr(p, " alt=\"");

		assert_non_null(end);
		assert_true(alt && alt < end);
		assert_true(strcspn(alt + 6, "\"") >= 30);
	}
	assert_int_equal(count(html, "data:"), nimages);
	assert_int_equal(count(html, "data:image/png;base64,"), nimages);
	assert_null(strstr(html, "<script"));
	passwd = proc_read_file("/etc/passwd", NULL);
	if (passwd) {
		passwd[strcspn(passwd, "\n")] = '\0';
		if (passwd[0])
			assert_null(strstr(html, passwd));
		free(passwd);
	}
	/* base64 of "root:x:0:0" at any of the three alignments */
	assert_null(strstr(html, "cm9vdDp4OjA6MD"));
	assert_null(strstr(html, "Jvb3Q6eDowOjA6"));
	assert_null(strstr(html, "yb290Ong6MDow"));
	free(html);
	snprintf(path, sizeof path, "%s/report.docx", dir);
	docx = proc_read_file(path, &dlen);
	assert_non_null(docx);
	assert_true(dlen > 4 && memcmp(docx, "PK\x03\x04", 4) == 0);
	{
		size_t media = 0;

		/* each member's name is in its local header and the central directory */
		for (size_t i = 0; i + 11 < dlen; i++)
			media += memcmp(docx + i, "word/media/", 11) == 0;
		assert_int_equal(media, 2 * nimages);
	}
	free(docx);
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
	assert_false(has_temporary("r"));
	if (have_pandoc())
		expect_html_and_docx("r", "en", 3 + 5, 7);
}

/*
** A Monte Carlo study in the directory (tests/data/mc: dtsim mc's files for
** balanced and baseline): the report shows its table with the study's
** probabilities (balanced reached the target in all 24 runs, baseline in 2:
** 8.3 %) and each scenario's fan chart and histograms, drawn by the report.
*/
static void report_includes_the_study(void **state)
{
	static const char *const files[] = {
		"mc_summary.csv", "balanced.mc.csv", "balanced.mc_hist.csv", "baseline.mc.csv",
		"baseline.mc_hist.csv",
	};
	char src[PATH_MAX + 64], dst[64], *err, *md;

	(void)state;
	assert_int_equal(mkdir("m", 0777), 0);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *text;
		size_t len = 0;
		FILE *f;

		snprintf(src, sizeof src, "%s/tests/data/mc/%s", sb.srcdir, files[i]);
		snprintf(dst, sizeof dst, "m/%s", files[i]);
		assert_non_null(text = proc_read_file(src, &len));
		assert_non_null(f = fopen(dst, "w"));
		assert_int_equal(fwrite(text, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
		free(text);
	}
	err = dt(0, "report", "-o", "m", "--years", "3", bundled("balanced"), bundled("baseline"),
	         NULL);
	free(err);
	assert_int_equal(expect_images_present("m"), 2 + 5 + 2 * 2);
	md = proc_read_file("m/report.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "\n## Uncertainty\n"));
	assert_non_null(strstr(md, "| Balanced portfolio | 100.0 | 2036 |"));
	assert_non_null(strstr(md, "| Baseline | 8.3 | "));
	assert_non_null(strstr(md, "](plots/balanced-fan.png)"));
	assert_non_null(strstr(md, "](plots/baseline-mc-kpi.png)"));
	free(md);
	if (have_pandoc())
		expect_html_and_docx("m", "en", 2 + 5 + 2 * 2, 8);
}

/*
** A tornado analysis of baseline (dtsim sensitivity --plot) and then a
** report into the same directory: the run leaves tornado.csv there, and
** the report shows its table and chart, as their scenario and inputs
** digest are the run's (sensprov.h). With a distribution set off the
** inputs differ: the report warns and leaves the analysis out.
*/
static void report_includes_the_sensitivity(void **state)
{
	char *err, *md;

	(void)state;
	free(dt(0, "sensitivity", "--method", "tornado", "--plot", "--years", "3", "-o", "s",
	        bundled("baseline"), NULL));
	err = dt(0, "report", "-o", "s", "--years", "3", bundled("baseline"), NULL);
	assert_null(strstr(err, "analysed other inputs"));
	free(err);
	md = proc_read_file("s/report.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "](plots/sensitivity-tornado.png)\n"));
	free(md);
	err = dt(0, "report", "-o", "s", "--years", "3", "--set", "uncertainty.legacy.om_rate=off",
	         bundled("baseline"), NULL);
	assert_non_null(strstr(err, "s/tornado.csv analysed other inputs than this run's"));
	free(err);
	md = proc_read_file("s/report.md", NULL);
	assert_non_null(md);
	assert_null(strstr(md, "sensitivity-tornado"));
	free(md);
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
	/* name_de and description_de; the reference that pay_as_you_go names */
	assert_non_null(strstr(md, "## Basislauf\n"));
	assert_null(strstr(md, "## Baseline\n"));
	assert_non_null(strstr(md, "**Frage.** Wohin f\xc3\xbchrt der bisherige Kurs"));
	assert_non_null(strstr(md, " Referenzszenario: Basislauf."));
	free(md);
	if (have_pandoc())
		expect_html_and_docx("de", "de", 2 + 5, 7);
}

/*
** Names, descriptions and ids that try to embed /etc/passwd, run a script,
** include TeX or break the table: the report holds them as text, the HTML
** embeds the charts and nothing else.
*/
static void hostile_names_stay_text(void **state)
{
	static const char id[] = "a(1) ![b](c) <d> #e";
	char path[PATH_MAX + 64], *err, *md;
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s.ini", id);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "[scenario]\n"
	        "extends = %s\n"
	        "name = ![x](/etc/passwd) <script>alert(1)</script> | col\n"
	        "description = \"[link](javascript:alert(1)) $$x^2$$ `cmd` \\\\input{/etc/passwd} \"\n"
	        "  \"# heading <img src=/etc/passwd> &lt; ![y](file:///etc/passwd)\"\n",
	        bundled("baseline"));
	assert_int_equal(fclose(f), 0);
	err = dt(0, "report", "-o", "h", "--years", "2", path, bundled("big_bang"), NULL);
	free(err);
	assert_int_equal(expect_images_present("h"), 2 + 5);
	md = proc_read_file("h/report.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "## \\!\\[x\\]\\(\\/etc\\/passwd\\) \\<script\\>"));
	assert_non_null(strstr(md, "\\\\input\\{\\/etc\\/passwd\\}"));
	free(md);
	if (have_pandoc()) {
		char *html;

		expect_html_and_docx("h", "en", 2 + 5, 7);
		html = proc_read_file("h/report.html", NULL);
		assert_non_null(html);
		/* the texts are there, as text */
		assert_non_null(strstr(html, "![x](/etc/passwd) &lt;script&gt;alert(1)&lt;/script&gt; | col"));
		assert_non_null(strstr(html, "\\input{/etc/passwd}"));
		assert_non_null(strstr(html, "$$x^2$$"));
		free(html);
	}
}

/* Writes an executable shell script at path. */
static void write_script(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s", body);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, 0755), 0);
}

/* Without pandoc: report.md alone, a note, exit status 0. A pandoc that
** fails: its message, exit status 1, no report.html, no temporary. */
static void missing_or_failing_pandoc(void **state)
{
	char prog[PATH_MAX + 32], *err;

	(void)state;
	setenv("DTSIM_PANDOC", "/nonexistent/pandoc", 1);
	err = dt(0, "report", "-o", "np", "--years", "2", bundled("baseline"), NULL);
	assert_non_null(strstr(err, "dtsim: note: pandoc is not installed (/nonexistent/pandoc:"
	                            " No such file or directory): np/report.md is written"));
	free(err);
	assert_true(proc_exists("np/report.md"));
	assert_false(proc_exists("np/report.html"));
	assert_false(proc_exists("np/report.docx"));
	snprintf(prog, sizeof prog, "%s/fail-pandoc", sb.tmp);
	write_script(prog, "echo 'pandoc: something went wrong' >&2\nexit 3\n");
	setenv("DTSIM_PANDOC", prog, 1);
	err = dt(1, "report", "-o", "fp", "--years", "2", bundled("baseline"), NULL);
	assert_non_null(strstr(err, "cannot write fp/report.html: "));
	assert_non_null(strstr(err, "fail-pandoc exited with status 3: pandoc: something went"
	                            " wrong"));
	free(err);
	unsetenv("DTSIM_PANDOC");
	assert_true(proc_exists("fp/report.md"));
	assert_false(proc_exists("fp/report.html"));
	assert_false(proc_exists("fp/report.docx"));
	assert_false(has_temporary("fp"));
}

/* Sends SIGTERM to a dtsim whose pandoc runs (a script that records its
** pid and sleeps): dtsim ends by the signal, pandoc with it, and no
** temporary file stays. */
static void signal_ends_pandoc(void **state)
{
	char prog[PATH_MAX + 32], *argv[12], *pidtext = NULL;
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	pid_t pid, child = 0;
	int ws;

	(void)state;
	snprintf(prog, sizeof prog, "%s/slow-pandoc", sb.tmp);
	write_script(prog, "echo $$ > pandoc.pid\nexec sleep 60\n");
	setenv("DTSIM_PANDOC", prog, 1);
	argv[0] = sb.dtsim;
	argv[1] = (char *)"report";
	argv[2] = (char *)"-o";
	argv[3] = (char *)"sig";
	argv[4] = (char *)"--years";
	argv[5] = (char *)"2";
	argv[6] = (char *)bundled("baseline");
	argv[7] = NULL;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	for (int i = 0; i < 1200 && !child; i++) {
		free(pidtext);
		pidtext = proc_read_file("sig/pandoc.pid", NULL);
		if (pidtext && strchr(pidtext, '\n'))
			child = (pid_t)atol(pidtext);
		else
			nanosleep(&pause, NULL);
	}
	free(pidtext);
	unsetenv("DTSIM_PANDOC");
	assert_true(child > 0);
	assert_true(has_temporary("sig"));   /* the output's temporary, while pandoc runs */
	assert_int_equal(kill(pid, SIGTERM), 0);
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGTERM);
	/* the sleeping pandoc is gone (killed; init reaps it) */
	for (int i = 0; i < 100 && kill(child, 0) == 0; i++)
		nanosleep(&pause, NULL);
	assert_int_equal(kill(child, 0), -1);
	assert_int_equal(errno, ESRCH);
	assert_false(has_temporary("sig"));
	assert_true(proc_exists("sig/report.md"));
	assert_false(proc_exists("sig/report.html"));
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
		cmocka_unit_test(report_includes_the_study),
		cmocka_unit_test(report_includes_the_sensitivity),
		cmocka_unit_test(bad_baseline_writes_nothing),
		cmocka_unit_test(hostile_names_stay_text),
		cmocka_unit_test(missing_or_failing_pandoc),
		cmocka_unit_test(signal_ends_pandoc),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
