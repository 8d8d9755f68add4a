/*
** test_hostile.c: the hostile inputs of tests/hostile/ (README there), run
** on every change through the real program ($DTSIM): scenario files (`dtsim
** check`, `dtsim run --plot`, and `dtsim run` on the params.ini a run
** wrote), schedule CSV files (named by a scenario), and results
** directories (`dtsim plot`). Some are made at test time: FIFOs, links to
** /dev/zero, a `plots` link out of DIR, files with a line of megabytes, and
** manifests with the right digests for hostile files (manifest_write).
**
** Each command runs in a fresh directory work/ of a scratch directory,
** under a watchdog (proc_run_limited), writing into work/out, with the
** inputs in in/. For each the test asserts: no signal (a crash, a hang
** past the watchdog, a runaway file); exit status 0, 1 or 2, and with 1 or
** 2 a diagnostic "FILE:LINE: ..." or "dtsim: ..." on stderr; nothing
** created or removed in work/ outside work/out, in in/ or in outside/ (the
** target of the `plots` link); no marker of an injected command
** (/tmp/dtsim-hostile-PWNED, or a file PWNED anywhere in the scratch
** directory); no NaN or infinity in any CSV file written.
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
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvtab.h"
#include "manifest.h"
#include "testproc.h"

/* Seconds one command may take: far more than any takes, under valgrind
** too, and short enough that a hang fails quickly. */
#define WATCHDOG_SECONDS 120

/* The marker an injected command would create (the hostile inputs name it). */
#define MARKER "/tmp/dtsim-hostile-PWNED"

/* Bytes of the long line of the files made at test time: far beyond any
** line cap, small enough to write quickly. */
#define HUGE_LINE (4u << 20)

#define MAX_ARGS 12

static struct proc_sandbox sb;

/* ---- files and listings -------------------------------------------------------- */

/* Appends to *list (a growing text, owned) the paths below dir, one a
** line "TYPE SIZE MTIME PATH" (TYPE d, l, p or f), never following a
** link; dir itself not listed. */
static void list_tree(const char *dir, char **list, size_t *len)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL) {
		char p[PATH_MAX];
		struct stat st;
		size_t n;
		char *grown;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		if (lstat(p, &st) != 0)
			continue;
		n = strlen(p) + 64;
		grown = realloc(*list, *len + n + 1);
		assert_non_null(grown);
		*list = grown;
		*len += (size_t)snprintf(*list + *len, n + 1, "%c %lld %lld.%09ld %s\n",
		                         S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l'
		                         : S_ISFIFO(st.st_mode) ? 'p' : 'f', (long long)st.st_size,
		                         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, p);
		if (S_ISDIR(st.st_mode))
			list_tree(p, list, len);
	}
	if (d)
		closedir(d);
}

/* The listing of dir (owned; "" for an empty or missing directory). */
static char *listing(const char *dir)
{
	char *list = calloc(1, 1);
	size_t len = 0;

	assert_non_null(list);
	list_tree(dir, &list, &len);
	return list;
}

static void write_bytes(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void write_text(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

/* Writes a file: head, then a line of n bytes c, then tail. */
static void write_long(const char *path, const char *head, size_t n, char c, const char *tail)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(head, f);
	for (size_t i = 0; i < n; i++)
		putc(c, f);
	fputs(tail, f);
	assert_int_equal(fclose(f), 0);
}

static void run_cmd(char *const argv[])
{
	struct proc_result r;

	assert_int_equal(proc_run(argv, NULL, &r), 0);
	if (r.status != 0)
		print_error("%s: %s", argv[0], r.err);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
}

/* ---- checks ------------------------------------------------------------------------ */

/* Whether the CSV field f (quotes removed) is a NaN or an infinity as
** printf writes them. */
static int nonfinite_field(const char *f, size_t n)
{
	static const char *const words[] = { "nan", "-nan", "inf", "-inf", "infinity", "-infinity" };

	if (n >= 2 && f[0] == '"' && f[n - 1] == '"') {
		f++;
		n -= 2;
	}
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && strncasecmp(f, words[i], n) == 0)
			return 1;
	return 0;
}

/* The path of a listing line. */
static const char *line_path(const char *l)
{
	for (int i = 0; i < 3; i++)
		l = strchr(l, ' ') + 1;
	return l;
}

/* Fails when a CSV file in the listing after, not in the listing before
** (new or changed), has a NaN or an infinity in a field. */
static void expect_finite_csv(const char *what, const char *before, char *after)
{
	char *line, *save = NULL;

	for (line = strtok_r(after, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *path = line_path(line), *old = strstr(before, line);
		size_t n = strlen(path), len = 0;
		char *text;

		if (line[0] != 'f' || n < 4 || strcmp(path + n - 4, ".csv") != 0
		    || (old && old[strlen(line)] == '\n' && (old == before || old[-1] == '\n')))
			continue;
		text = proc_read_file(path, &len);
		assert_non_null(text);
		for (size_t i = 0; i < len;) {
			size_t j = i + strcspn(text + i, ",\r\n");
			if (nonfinite_field(text + i, j - i)) {
				print_error("%s: %s has a non-finite field '%.*s'\n", what, path,
				            (int)(j - i), text + i);
				fail();
			}
			i = j + 1;
		}
		free(text);
	}
}

/* Whether stderr has a diagnostic: a line "FILE:LINE: message", "FILE:
** message" (the file as a whole is at fault) or "dtsim: message". */
static int has_diagnostic(const char *err)
{
	for (const char *l = err; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != '\0')) {
		const char *c = strstr(l, ": ");
		if (c && c > l && c < l + strcspn(l, "\n") && c[2] != '\n' && c[2] != '\0')
			return 1;
	}
	return 0;
}

/*
** Runs dtsim with args (NULL-ended) in a fresh work/, as described at the
** top, and checks everything said there. Returns the exit status.
*/
static int dt(const char *what, ...)
{
	char *argv[MAX_ARGS + 2], *in0, *in1, *w0, *w1, *o0, *o1, *found;
	struct proc_result r;
	const char *a;
	size_t n = 0;
	va_list ap;

	argv[n++] = sb.dtsim;
	va_start(ap, what);
	while ((a = va_arg(ap, const char *)) != NULL && n <= MAX_ARGS)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	in0 = listing("in");
	o0 = listing("outside");
	w0 = listing("work");
	assert_int_equal(chdir("work"), 0);
	assert_int_equal(proc_run_limited(argv, NULL, WATCHDOG_SECONDS, &r), 0);
	assert_int_equal(chdir(".."), 0);
	if (r.status < 0 || r.status > 2 || (r.status > 0 && !has_diagnostic(r.err))) {
		print_error("%s: exit status %d (%s), expected 0, 1 or 2 with a diagnostic\n"
		            "--- stderr:\n%.4000s---\n", what, r.status,
		            r.status >= 128 ? "a signal" : "status", r.err);
		fail();
	}
	in1 = listing("in");
	o1 = listing("outside");
	w1 = listing("work");
	if (strcmp(in0, in1) != 0 || strcmp(o0, o1) != 0) {
		print_error("%s: changed the inputs or outside/:\n%s---\n%s---\n%s---\n%s---\n", what,
		            in0, in1, o0, o1);
		fail();
	}
	/* In work/ only out and what is below it. */
	for (char *l = w1; *l; l = strchr(l, '\n') + 1)
		if (strncmp(line_path(l), "work/out\n", 9) != 0
		    && strncmp(line_path(l), "work/out/", 9) != 0) {
			print_error("%s: wrote outside its output directory: %.*s\n", what,
			            (int)strcspn(l, "\n"), l);
			fail();
		}
	found = listing(".");
	if (proc_exists(MARKER) || strstr(found, "/PWNED\n")) {
		print_error("%s: an injected command ran\n", what);
		fail();
	}
	expect_finite_csv(what, w0, w1);
	free(found);
	free(w0);
	free(in0);
	free(in1);
	free(o0);
	free(o1);
	free(w1);
	proc_result_free(&r);
	return r.status;
}

#define DT(what, ...) dt((what), __VA_ARGS__, (const char *)NULL)

/* Empties work/ (and so work/out) for the next case. */
static void fresh_work(void)
{
	assert_int_equal(proc_remove_tree("work"), 0);
	assert_int_equal(mkdir("work", 0700), 0);
}

/* ---- setup --------------------------------------------------------------------- */

static int group_setup(void **state)
{
	char src[PATH_MAX + 32];
	char *cp[] = { (char *)"/bin/cp", (char *)"-R", src, (char *)"in", NULL };
	struct proc_result r;

	(void)state;
	unlink(MARKER);
	if (proc_sandbox_enter(&sb, "hostile") != 0)
		return -1;
	snprintf(src, sizeof src, "%s/tests/hostile", sb.srcdir);
	if (proc_run(cp, NULL, &r) != 0 || r.status != 0 || mkdir("work", 0700) != 0
	    || mkdir("outside", 0700) != 0)
		return -1;
	proc_result_free(&r);
	/* What cannot be committed: FIFOs, links to devices, huge lines. */
	if (mkfifo("in/scenario/fifo.ini", 0600) != 0 || mkfifo("in/fifo.csv", 0600) != 0
	    || symlink("/dev/zero", "in/scenario/zero_link.ini") != 0)
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	unlink(MARKER);
	return proc_sandbox_leave(&sb);
}

/* ---- scenario files ------------------------------------------------------------ */

/* Fails unless the texts of column col of the manifests at a and b are
** the same. */
static void expect_same_column(const char *what, const char *a, const char *b, const char *col)
{
	struct csvtab *ta, *tb;
	struct err e;
	int ca, cb;

	assert_int_equal(csvtab_load(a, &ta, &e), 0);
	assert_int_equal(csvtab_load(b, &tb, &e), 0);
	ca = csvtab_find(ta, col);
	cb = csvtab_find(tb, col);
	assert_true(ca >= 0 && cb >= 0 && csvtab_rows(ta) == 1 && csvtab_rows(tb) == 1);
	if (strcmp(csvtab_text(ta, 0, (size_t)ca), csvtab_text(tb, 0, (size_t)cb)) != 0) {
		print_error("%s: %s '%s' became '%s' in the run of the resolved scenario\n", what,
		            col, csvtab_text(ta, 0, (size_t)ca), csvtab_text(tb, 0, (size_t)cb));
		fail();
	}
	csvtab_free(ta);
	csvtab_free(tb);
}

/* The run of the resolved scenario ID.params.ini (in work/out/again)
** reproduces the run of ID (the id is n bytes of id): the same CSV byte for
** byte, the same name and description in the manifest. */
static void expect_same_run(const char *what, int n, const char *id)
{
	char a[PATH_MAX], b[PATH_MAX];
	size_t la = 0, lb = 0;
	char *ta, *tb;

	snprintf(a, sizeof a, "work/out/%.*s.csv", n, id);
	snprintf(b, sizeof b, "work/out/again/%.*s.params.csv", n, id);
	ta = proc_read_file(a, &la);
	tb = proc_read_file(b, &lb);
	if (!ta || !tb || la != lb || memcmp(ta, tb, la) != 0) {
		print_error("%s: %s and %s differ\n", what, a, b);
		fail();
	}
	free(ta);
	free(tb);
	expect_same_column(what, "work/out/manifest.csv", "work/out/again/manifest.csv", "name");
	expect_same_column(what, "work/out/manifest.csv", "work/out/again/manifest.csv",
	                   "description");
}

/*
** Runs one scenario file: check, run --plot (svg, the quickest format),
** and, when the run wrote it, run again from the resolved params.ini.
*/
static void scenario_case(const char *path)
{
	char ini[PATH_MAX], what[PATH_MAX + 32];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);

	fresh_work();
	snprintf(what, sizeof what, "check %s", path);
	DT(what, "check", path);
	snprintf(what, sizeof what, "run --plot %s", path);
	DT(what, "run", "--plot", "--format", "svg", "-o", "out", path);
	snprintf(ini, sizeof ini, "work/out/%.*s.params.ini", (int)(n > 4 ? n - 4 : n), base);
	if (proc_exists(ini)) {
		snprintf(what, sizeof what, "run %s", ini);
		snprintf(ini, sizeof ini, "out/%.*s.params.ini", (int)(n > 4 ? n - 4 : n), base);
		if (DT(what, "run", "-o", "out/again", ini) != 0) {
			print_error("%s: the resolved scenario of a run does not run\n", what);
			fail();
		}
		expect_same_run(what, (int)(n > 4 ? n - 4 : n), base);
	}
}

/* Every file in in/scenario/ (the committed ones and those made above). */
static void test_scenarios(void **state)
{
	DIR *d = opendir("in/scenario");
	struct dirent *de;
	char path[PATH_MAX];
	size_t n = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/in/scenario/%s", sb.tmp, de->d_name);
		scenario_case(path);
		n++;
	}
	closedir(d);
	assert_true(n >= 20);
}

/* A scenario with a line of megabytes, and one whose schedule has one. */
static void test_huge_lines(void **state)
{
	char path[PATH_MAX];

	(void)state;
	write_long("in/huge_line.ini", "[scenario]\nname = ", HUGE_LINE, 'x', "\n");
	write_long("in/huge.csv", "year,literacy\n2027,\"", HUGE_LINE, '9', "\"\n");
	write_text("in/huge_schedule.ini", "[scenario]\nextends = scenario/../base.ini\n"
	           "[allocation]\nschedule = huge.csv\n");
	snprintf(path, sizeof path, "%s/in/huge_line.ini", sb.tmp);
	scenario_case(path);
	snprintf(path, sizeof path, "%s/in/huge_schedule.ini", sb.tmp);
	scenario_case(path);
}

/* Scenario files whose names would be commands or paths if used as code:
** the id becomes file names and chart paths. */
static void test_hostile_ids(void **state)
{
	static const char *const ids[] = {
		"`touch PWNED`", "$(touch PWNED)", "a'b\"c", "@ARG1", "-rf", "|touch PWNED",
		"<x", "a;touch PWNED", "x\\y",
	};
	char path[PATH_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		snprintf(path, sizeof path, "%s/in/%s.ini", sb.tmp, ids[i]);
		write_text(path, "[scenario]\nextends = scenario/../base.ini\n");
		scenario_case(path);
		unlink(path);
	}
}

/* ---- schedule files --------------------------------------------------------- */

/* Runs a scenario that extends base.ini and names csv as its schedule. */
static void schedule_case(const char *csv)
{
	char path[PATH_MAX], text[PATH_MAX + 128];

	snprintf(path, sizeof path, "%s/in/schedule/plan.ini", sb.tmp);
	snprintf(text, sizeof text, "[scenario]\nextends = ../base.ini\n\n"
	         "[allocation]\nschedule = %s\n", csv);
	write_text(path, text);
	scenario_case(path);
	unlink(path);
}

/* Every file in in/schedule/, named by a scenario; a FIFO and devices. */
static void test_schedules(void **state)
{
	static const char *const extra[] = { "../fifo.csv", "/dev/zero", "/dev/null", "." };
	DIR *d = opendir("in/schedule");
	struct dirent *de;
	char names[64][256];
	size_t n = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL && n < 64)
		if (de->d_name[0] != '.')
			snprintf(names[n++], sizeof names[0], "%s", de->d_name);
	closedir(d);
	assert_true(n >= 15);
	for (size_t i = 0; i < n; i++)
		schedule_case(names[i]);
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		schedule_case(extra[i]);
}

/* ---- results directories ------------------------------------------------------ */

/* Copies the committed results case `name` into work/out. */
static void copy_results(const char *name)
{
	char src[PATH_MAX];
	char *cp[] = { (char *)"/bin/cp", (char *)"-R", src, (char *)"work/out", NULL };

	fresh_work();
	snprintf(src, sizeof src, "in/results/%s", name);
	run_cmd(cp);
}

/*
** Writes work/out/manifest.csv listing ids (n) with the sizes and digests
** of the files present (a missing one as empty), as a run would have.
*/
static void write_manifest(const char *const *ids, size_t n)
{
	struct manifest_entry e[4];
	struct manifest m = { e, n, { 0, 0 }, 0, NULL };
	struct err err;
	char path[PATH_MAX];

	assert_true(n <= 4);
	(void)manifest_digest_file("work/out/summary.csv", UINT64_MAX, &m.summary, &err);
	for (size_t i = 0; i < n; i++) {
		e[i] = (struct manifest_entry){ ids[i], "It's `x` @y", "desc \"q\"", 0.8, 0, 2030,
		                               0.8, { 0, 0 }, { 0, 0 } };
		snprintf(path, sizeof path, "work/out/%s.csv", ids[i]);
		(void)manifest_digest_file(path, UINT64_MAX, &e[i].csv, &err);
		snprintf(path, sizeof path, "work/out/%s.params.ini", ids[i]);
		(void)manifest_digest_file(path, UINT64_MAX, &e[i].params, &err);
	}
	assert_int_equal(manifest_write("work/out/manifest.csv", &m, &err), 0);
}

/* The committed results directories, each with `dtsim plot`; those with a
** file `ids` get a manifest with the right digests for the ids it lists. */
static void test_results(void **state)
{
	DIR *d = opendir("in/results");
	struct dirent *de;
	char what[PATH_MAX + 32], *ids;
	size_t n = 0, len;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		copy_results(de->d_name);
		if ((ids = proc_read_file("work/out/ids", &len)) != NULL) {
			const char *list[4];
			size_t k = 0;
			for (char *s = strtok(ids, "\n"); s && k < 4; s = strtok(NULL, "\n"))
				list[k++] = s;
			unlink("work/out/ids");
			write_manifest(list, k);
			free(ids);
		}
		snprintf(what, sizeof what, "plot %s", de->d_name);
		DT(what, "plot", "--format", "svg", "out");
		/* A params.ini shared with the results is a scenario file too. */
		snprintf(what, sizeof what, "run %s/a.params.ini", de->d_name);
		DT(what, "run", "-o", "out/again", "out/a.params.ini");
		n++;
	}
	closedir(d);
	assert_true(n >= 5);
}

/*
** Results that cannot be committed: manifest.csv or summary.csv a FIFO or
** a link to /dev/zero; plots a link out of DIR (to outside/, which must
** stay empty); a directory that is a FIFO.
*/
static void test_results_made(void **state)
{
	static const char *const one[] = { "a" };
	static const char *const fifo[] = { "fifo" };
	char outside[PATH_MAX], quotes[PATH_MAX];

	(void)state;
	snprintf(outside, sizeof outside, "%s/outside", sb.tmp);
	snprintf(quotes, sizeof quotes, "%s/in/scenario/quotes.ini", sb.tmp);
	copy_results("valid");
	unlink("work/out/ids");
	assert_int_equal(mkfifo("work/out/manifest.csv", 0600), 0);
	DT("plot: manifest.csv a FIFO", "plot", "out");

	copy_results("valid");
	unlink("work/out/ids");
	assert_int_equal(symlink("/dev/zero", "work/out/manifest.csv"), 0);
	DT("plot: manifest.csv a link to /dev/zero", "plot", "out");

	copy_results("valid");
	unlink("work/out/ids");
	unlink("work/out/summary.csv");
	assert_int_equal(mkfifo("work/out/summary.csv", 0600), 0);
	write_manifest(one, 1);
	DT("plot: summary.csv a FIFO", "plot", "out");

	copy_results("valid");
	unlink("work/out/ids");
	assert_int_equal(mkfifo("work/out/fifo.csv", 0600), 0);
	write_text("work/out/fifo.params.ini", "[scenario]\n");
	write_manifest(fifo, 1);
	DT("plot: a scenario's CSV a FIFO", "plot", "out");

	copy_results("valid");
	unlink("work/out/ids");
	write_manifest(one, 1);
	assert_int_equal(symlink(outside, "work/out/plots"), 0);
	DT("plot: plots a link out of DIR", "plot", "--format", "svg", "out");
	DT("run --plot: plots a link out of DIR", "run", "--plot", "--format", "svg", "-o", "out",
	   quotes);

	fresh_work();
	assert_int_equal(mkfifo("work/out", 0600), 0);
	DT("plot: DIR a FIFO", "plot", "out");
	DT("run: DIR a FIFO", "run", "-o", "out", quotes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_huge_lines),
		cmocka_unit_test(test_hostile_ids),
		cmocka_unit_test(test_schedules),
		cmocka_unit_test(test_results),
		cmocka_unit_test(test_results_made),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
