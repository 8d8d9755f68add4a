/*
** test_hostile.c: the hostile inputs of tests/hostile/ (README there), run
** on every change through the real program ($DTSIM): scenario files (`dtsim
** check`, `dtsim run --plot`, and `dtsim run` on the params.ini a run
** wrote; the valid ones and hostile ids also through `dtsim report`; hostile
** ids of a scenario and its history through `dtsim calibrate`), schedule CSV
** files (named by a scenario), and results
** directories (`dtsim plot`). Some are made at test time: FIFOs, links to
** /dev/zero, a `plots` link out of DIR, files with a line of megabytes, and
** manifests with the right digests for hostile files (manifest_write).
**
** Each command runs in a fresh directory work/ of a scratch directory,
** under a watchdog (proc_run_timeout), writing into work/out, with the
** inputs in in/. For each the test asserts: no signal (a crash, a hang
** past the watchdog, a runaway file); exit status 0, 1 or 2, and with 1 or
** 2 a diagnostic "FILE:LINE: ..." or "dtsim: ..." on stderr; nothing
** created or removed in work/ outside work/out, in in/ or in outside/ (the
** target of the `plots` link); no marker of an injected command
** (/tmp/dtsim-hostile-PWNED, or a file PWNED anywhere in the scratch
** directory); no NaN or infinity in any CSV file written. And each input
** has its expected outcome (struct expect): the exit status, and for a
** refusal the diagnostic with its FILE:LINE; a valid scenario must run and
** its params.ini must reproduce the run.
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

#define MAX_ARGS 40

static struct proc_sandbox sb;

/* The stderr of the last dt() (cut to this size), for the expectations. */
static char dt_err[8192];

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

/* Whether line (without its '\n') is a whole line of the listing list. */
static int has_line(const char *list, const char *line)
{
	size_t n = strlen(line);

	for (const char *l = list; *l;) {
		size_t k = strcspn(l, "\n");

		if (k == n && strncmp(l, line, n) == 0)
			return 1;
		l += k + (l[k] != '\0');
	}
	return 0;
}

/* Fails when a CSV file in the listing after, not in the listing before
** (new or changed), has a NaN or an infinity in a field. */
static void expect_finite_csv(const char *what, const char *before, char *after)
{
	char *line, *save = NULL;

	for (line = strtok_r(after, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *path = line_path(line);
		size_t n = strlen(path), len = 0;
		char *text;

		if (line[0] != 'f' || n < 4 || strcmp(path + n - 4, ".csv") != 0
		    || has_line(before, line))
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
** Runs dtsim with argv (argv[0] the program, NULL-ended) in work/, as
** described at the top, and checks everything said there. Returns the exit
** status.
*/
static int dtv(const char *what, char *const argv[])
{
	char *in0, *in1, *w0, *w1, *o0, *o1, *found;
	struct proc_result r;

	in0 = listing("in");
	o0 = listing("outside");
	w0 = listing("work");
	assert_int_equal(chdir("work"), 0);
	assert_int_equal(proc_run_timeout(argv, NULL, &r, WATCHDOG_SECONDS), 0);
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
	snprintf(dt_err, sizeof dt_err, "%s", r.err);
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

/* dtv with the arguments that follow (NULL-ended). */
static int dt(const char *what, ...)
{
	char *argv[MAX_ARGS + 2];
	const char *a;
	size_t n = 0;
	va_list ap;

	argv[n++] = sb.dtsim;
	va_start(ap, what);
	while ((a = va_arg(ap, const char *)) != NULL && n <= MAX_ARGS)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	return dtv(what, argv);
}

#define DT(what, ...) dt((what), __VA_ARGS__, (const char *)NULL)

/*
** What a hostile file must give, beyond the promises dt() checks for every
** input: the exit status, and with status 2 a piece of the diagnostic,
** mostly "FILE:LINE: message" from the '/' before the file name, so that a
** wrong line or a wrong reason fails too (NULL: any diagnostic; '*' in it
** stands for any text, such as a path). A scenario
** with status 0 must also run, and its params.ini must reproduce the run.
*/
struct expect {
	const char *file;
	int status;
	const char *diag;
};

/* The expectation for file in table t of n, or NULL. */
static const struct expect *find_expect(const struct expect *t, size_t n, const char *file)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].file, file) == 0)
			return &t[i];
	return NULL;
}

/* Whether text holds the pieces of pattern, split at '*', in that order. */
static int has_pieces(const char *text, const char *pattern)
{
	while (*pattern) {
		size_t n = strcspn(pattern, "*");
		const char *at = text;

		while (*at && strncmp(at, pattern, n) != 0)
			at++;
		if (strncmp(at, pattern, n) != 0)
			return 0;
		text = at + n;
		pattern += n + (pattern[n] == '*');
	}
	return 1;
}

/* Fails unless every entry of dir (but those starting with '.') has its
** line in table t of n; returns how many entries dir has. */
static size_t expect_all_listed(const char *dir, const struct expect *t, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t found = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (!find_expect(t, n, de->d_name)) {
			print_error("%s/%s: no expectation for it in test_hostile.c\n", dir, de->d_name);
			fail();
		}
		found++;
	}
	closedir(d);
	return found;
}

/* Fails unless the last dt() (exit status got) met x; NULL x: anything. */
static void expect_outcome(const char *what, int got, const struct expect *x)
{
	if (!x)
		return;
	if (got != x->status || (x->diag && !has_pieces(dt_err, x->diag))) {
		print_error("%s: exit status %d, expected %d%s%s\n--- stderr:\n%.4000s---\n", what,
		            got, x->status, x->diag ? " with the diagnostic " : "",
		            x->diag ? x->diag : "", dt_err);
		fail();
	}
}

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
** and, when the run wrote it, run again from the resolved params.ini; x
** (NULL: any outcome) is what check and run must give.
*/
static void scenario_case(const char *path, const struct expect *x)
{
	char ini[PATH_MAX], what[PATH_MAX + 32];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);

	fresh_work();
	snprintf(what, sizeof what, "check %s", path);
	expect_outcome(what, DT(what, "check", path), x);
	snprintf(what, sizeof what, "run --plot %s", path);
	expect_outcome(what, DT(what, "run", "--plot", "--format", "svg", "-o", "out", path), x);
	snprintf(ini, sizeof ini, "work/out/%.*s.params.ini", (int)(n > 4 ? n - 4 : n), base);
	if (x && x->status == 0 && !proc_exists(ini)) {
		print_error("%s: no %s\n", what, ini);
		fail();
	}
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

/* What each file in in/scenario/ must give (a new file needs a line here). */
static const struct expect scenario_expect[] = {
	{ "comment_cut.ini", 2, "/comment_cut.ini:3: scenario.name = Plan ; with a comment contains"
	  " ';' after a blank" },
	{ "comment_start.ini", 2, "/comment_start.ini:5: scenario.name = ;touch PWNED begins with"
	  " ';'" },
	{ "crlf_bom.ini", 0, NULL },
	{ "extends_dir.ini", 2, "/extends_dir.ini:2: scenario.extends: '*/scenario/.': not a"
	  " regular file (a directory)" },
	{ "extends_outside.ini", 2, NULL },          /* whatever /etc/passwd holds */
	{ "extends_proc.ini", 2, "/proc/self/mem" },
	{ "extends_self.ini", 2, "/extends_self.ini:2: scenario.extends: extends cycle" },
	{ "extends_zero.ini", 2, "/extends_zero.ini:2: scenario.extends: '/dev/zero': not a"
	  " regular file (a device)" },
	{ "fifo.ini", 2, "/fifo.ini: not a regular file (a FIFO)" },
	{ "german_comma.ini", 2, "/german_comma.ini:5: budget.growth_rate = 0,02 is not a number;"
	  " write a decimal point" },
	{ "german_thousands.ini", 2, "/german_thousands.ini:5: budget.transformation_eur ="
	  " 1.500.000 looks like German thousands grouping" },
	{ "hex.ini", 2, "/hex.ini:5: budget.transformation_eur = 0x1p20 is not a number" },
	{ "indented.ini", 2, "/indented.ini:5: the line is indented" },
	{ "inf.ini", 2, "/inf.ini:5: budget.transformation_eur = inf is not a number" },
	{ "long_continued.ini", 0, NULL },
	{ "long_line.ini", 2, "/long_line.ini:3: the line has more than 197 bytes" },
	{ "long_text.ini", 0, NULL },
	{ "macro.ini", 0, NULL },
	{ "named_traversal.ini", 2, "/named_traversal.ini:4: [grant.a/../../x]: 'a/../../x' is"
	  " not a section name" },
	{ "nan.ini", 2, "/nan.ini:5: budget.transformation_eur = nan is not a number" },
	{ "nine_grants.ini", 2, "/nine_grants.ini:29: [grant.g9] is one [grant.NAME] section"
	  " too many" },
	{ "nul.ini", 2, "/nul.ini:2: the line contains a NUL byte" },
	{ "nul_start.ini", 2, "/nul_start.ini:1: the line contains a NUL byte" },
	{ "one_500.ini", 2, "/one_500.ini:5: budget.transformation_eur = 1.500 looks like German"
	  " thousands grouping" },
	{ "overflow.ini", 2, "/overflow.ini:5: budget.transformation_eur = 1e999 is too large" },
	{ "quotes.ini", 0, NULL },
	{ "schedule_urandom.ini", 2, "/schedule_urandom.ini:5: allocation.schedule:"
	  " '/dev/urandom': not a regular file (a device)" },
	{ "schedule_zero.ini", 2, "/schedule_zero.ini:5: allocation.schedule: '/dev/zero': not a"
	  " regular file (a device)" },
	{ "semicolon_quoted.ini", 0, NULL },
	{ "stiff.ini", 0, NULL },
	{ "underflow.ini", 2, "/underflow.ini:5: budget.transformation_eur = 1e-999 is too small:"
	  " rounds to 0" },
	{ "year_overflow.ini", 2, "/year_overflow.ini:7: [budget@99999999999999999999]:"
	  " '99999999999999999999' is not a year" },
	{ "zero_link.ini", 2, "/zero_link.ini: not a regular file (a device)" },
};

/* Every file in in/scenario/ (the committed ones and those made above). */
static void test_scenarios(void **state)
{
	const size_t nx = sizeof scenario_expect / sizeof scenario_expect[0];
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(expect_all_listed("in/scenario", scenario_expect, nx), nx);
	for (size_t i = 0; i < nx; i++) {
		snprintf(path, sizeof path, "%s/in/scenario/%s", sb.tmp, scenario_expect[i].file);
		scenario_case(path, &scenario_expect[i]);
	}
}

/* A scenario with a line of megabytes, and one whose schedule has one. */
static void test_huge_lines(void **state)
{
	static const struct expect line = { "", 2, "/huge_line.ini: the file has 4194323 bytes;"
	                                    " allowed: at most 1 MiB" };
	static const struct expect csv = { "", 2, "/huge.csv:2: the line has more than" };
	char path[PATH_MAX];

	(void)state;
	write_long("in/huge_line.ini", "[scenario]\nname = ", HUGE_LINE, 'x', "\n");
	write_long("in/huge.csv", "year,literacy\n2027,\"", HUGE_LINE, '9', "\"\n");
	write_text("in/huge_schedule.ini", "[scenario]\nextends = scenario/../base.ini\n"
	           "[allocation]\nschedule = huge.csv\n");
	snprintf(path, sizeof path, "%s/in/huge_line.ini", sb.tmp);
	scenario_case(path, &line);
	snprintf(path, sizeof path, "%s/in/huge_schedule.ini", sb.tmp);
	scenario_case(path, &csv);
}

/* A file of nothing but mistakes, as large as a scenario may be: 74,000
** lines that are not key = value (each a command in backquotes). Every one
** is counted, the first 20 are shown, and none runs. */
static void test_many_mistakes(void **state)
{
	static const struct expect x = { "", 2, "/many_mistakes.ini: ... and 73980 more "
	                                 "mistakes (the first 20 are shown)" };
	char path[PATH_MAX];
	FILE *f = fopen("in/many_mistakes.ini", "wb");

	(void)state;
	assert_non_null(f);
	fputs("[budget]\n", f);
	for (int i = 0; i < 74000; i++)
		fputs("`touch PWNED`\n", f);
	assert_int_equal(fclose(f), 0);
	snprintf(path, sizeof path, "%s/in/many_mistakes.ini", sb.tmp);
	scenario_case(path, &x);
}

/* Scenario ids that would be commands or paths if used as code, or
** Markdown if written into a report unescaped. */
static const char *const hostile_ids[] = {
	"`touch PWNED`", "$(touch PWNED)", "a'b\"c", "@ARG1", "-rf", "|touch PWNED",
	"<x", "a;touch PWNED", "x\\y", "![x](..) [y](javascript:z) #h |c",
};
#define NHOSTILE_IDS (sizeof hostile_ids / sizeof hostile_ids[0])

/* Scenario files whose names would be commands or paths if used as code:
** the id becomes file names and chart paths. Each is a valid id: it runs,
** and its charts are drawn. */
static void test_hostile_ids(void **state)
{
	static const struct expect runs = { "", 0, NULL };
	char path[PATH_MAX];

	(void)state;
	for (size_t i = 0; i < NHOSTILE_IDS; i++) {
		snprintf(path, sizeof path, "%s/in/%s.ini", sb.tmp, hostile_ids[i]);
		write_text(path, "[scenario]\nextends = scenario/../base.ini\n");
		scenario_case(path, &runs);
		unlink(path);
	}
}

/* How many files of chart name are in work/out/plots: name.png, or its
** pages name-1.png, name-2.png, ... */
static size_t chart_files(const char *name)
{
	char path[PATH_MAX];
	size_t n = 0;

	snprintf(path, sizeof path, "work/out/plots/%s.png", name);
	if (proc_exists(path))
		return 1;
	for (;;) {
		snprintf(path, sizeof path, "work/out/plots/%s-%zu.png", name, n + 1);
		if (!proc_exists(path))
			return n;
		n++;
	}
}

/*
** dtsim report on every valid hostile scenario (texts with quotes,
** backquotes, @ macros, semicolons, long and continued texts) and every
** hostile id, in one run over two years: besides what dt() checks, it
** succeeds, and report.md shows each scenario's dashboard and the five
** comparison charts (two of them in pages), each a file in out/plots, and
** no other image
** (test_cmd_report checks the HTML that pandoc makes of it).
*/
static void test_report(void **state)
{
	const size_t nx = sizeof scenario_expect / sizeof scenario_expect[0];
	char *argv[MAX_ARGS + 2], paths[MAX_ARGS][PATH_MAX];
	size_t n = 0, np = 0, nimages = 0;
	char *md;

	(void)state;
	fresh_work();
	argv[n++] = sb.dtsim;
	argv[n++] = (char *)"report";
	argv[n++] = (char *)"-o";
	argv[n++] = (char *)"out";
	argv[n++] = (char *)"--years";
	argv[n++] = (char *)"2";
	for (size_t i = 0; i < nx && np < MAX_ARGS; i++)
		if (scenario_expect[i].status == 0)
			snprintf(paths[np++], PATH_MAX, "%s/in/scenario/%s", sb.tmp,
			         scenario_expect[i].file);
	for (size_t i = 0; i < NHOSTILE_IDS && np < MAX_ARGS; i++) {
		snprintf(paths[np], PATH_MAX, "%s/in/%s.ini", sb.tmp, hostile_ids[i]);
		write_text(paths[np++], "[scenario]\nextends = scenario/../base.ini\n");
	}
	assert_true(n + np <= MAX_ARGS);
	for (size_t i = 0; i < np; i++)
		argv[n++] = paths[i];
	argv[n] = NULL;
	assert_int_equal(dtv("report on hostile scenarios and ids", argv), 0);
	md = proc_read_file("work/out/report.md", NULL);
	assert_non_null(md);
	for (char *p = md; (p = strstr(p, "](")) != NULL; p++) {
		char *end = strchr(p, ')'), path[PATH_MAX], *w = path;
		struct stat st;

		assert_non_null(end);
		assert_true(p[2] != '/');
		w += snprintf(path, sizeof path, "work/out/");
		for (char *c = p + 2; c < end && w < path + sizeof path - 1; c++) {
			unsigned v;

			if (*c == '%' && sscanf(c + 1, "%2x", &v) == 1) {
				*w++ = (char)v;
				c += 2;
			} else {
				*w++ = *c;
			}
		}
		*w = '\0';
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			print_error("report.md shows %s, which is not a chart file\n", path);
			fail();
		}
		nimages++;
	}
	/* a dashboard each, three comparison charts, and compare-kpi and
	** compare-funding in as many pages as were drawn (6 scenarios a page) */
	assert_int_equal(nimages, np + 3 + chart_files("compare-kpi") + chart_files("compare-funding"));
	assert_true(chart_files("compare-kpi") >= (np + 5) / 6);
	free(md);
	for (size_t i = 0; i < NHOSTILE_IDS; i++) {
		char path[PATH_MAX];

		snprintf(path, sizeof path, "%s/in/%s.ini", sb.tmp, hostile_ids[i]);
		unlink(path);
	}
}

/*
** dtsim calibrate with a hostile id for the scenario and for the history
** file, and a hostile description: the id and the path reach
** calibration.md, calibrated.ini and the chart's script (in every format,
** in German). Besides what dtv() checks: the fit succeeds and writes its
** report and chart, and the id and the history's path stay text in the
** report (escaped, never a link or a command).
*/
static void test_calibrate(void **state)
{
	(void)state;
	for (size_t i = 0; i < NHOSTILE_IDS; i++) {
		char ini[PATH_MAX], csv[PATH_MAX], what[128];
		char *argv[] = { sb.dtsim, (char *)"calibrate", (char *)"--data", csv, (char *)"--fit",
		                 (char *)"workforce.skill_initial", (char *)"--format",
		                 (char *)"png,svg,pdf", (char *)"--lang", (char *)"de", (char *)"-o",
		                 (char *)"out", ini, NULL };
		char *md;

		snprintf(ini, sizeof ini, "%s/in/%s.ini", sb.tmp, hostile_ids[i]);
		snprintf(csv, sizeof csv, "%s/in/%s.csv", sb.tmp, hostile_ids[i]);
		write_text(ini, "[scenario]\nextends = scenario/../base.ini\n"
		                "description = `touch PWNED` $(touch PWNED) '; system('touch PWNED')\n");
		write_text(csv, "year,workforce_skill\n2026,0.33\n2027,0.34\n2028,0.35\n");
		snprintf(what, sizeof what, "calibrate %s", hostile_ids[i]);
		fresh_work();
		assert_int_equal(dtv(what, argv), 0);
		assert_true(proc_exists("work/out/calibrated.ini"));
		assert_true(proc_exists("work/out/plots/calibration.png"));
		assert_true(proc_exists("work/out/plots/calibration.svg"));
		assert_true(proc_exists("work/out/plots/calibration.pdf"));
		md = proc_read_file("work/out/calibration.md", NULL);
		assert_non_null(md);
		assert_null(strstr(md, "](javascript"));
		free(md);
		unlink(ini);
		unlink(csv);
	}
}

/* ---- schedule files --------------------------------------------------------- */

/* Runs a scenario that extends base.ini and names csv as its schedule; x
** as for scenario_case. */
static void schedule_case(const char *csv, const struct expect *x)
{
	char path[PATH_MAX], text[PATH_MAX + 128];

	snprintf(path, sizeof path, "%s/in/schedule/plan.ini", sb.tmp);
	snprintf(text, sizeof text, "[scenario]\nextends = ../base.ini\n\n"
	         "[allocation]\nschedule = %s\n", csv);
	write_text(path, text);
	scenario_case(path, x);
	unlink(path);
}

/* What each file in in/schedule/ must give (a new file needs a line here),
** then the files made at test time and devices. */
static const struct expect schedule_expect[] = {
	{ "backquote_header.csv", 2, "/backquote_header.csv:1: unknown column '`touch" },
	{ "blank.csv", 2, "/blank.csv: the file is empty" },
	{ "cr_line_ends.csv", 2, "/cr_line_ends.csv:3: column 'literacy': 'x' is not a number" },
	{ "crlf_bom.csv", 0, NULL },
	{ "empty.csv", 2, "/empty.csv: the file is empty" },
	{ "extra_fields.csv", 2, "/extra_fields.csv:2: the row has 4 fields; the header has 2" },
	{ "german_grouping.csv", 2, "/german_grouping.csv:2: column 'literacy': '1.500' looks"
	  " like German thousands grouping; write 1500" },
	{ "german_point.csv", 2, "/german_point.csv:2: column 'literacy': '2.5' has a decimal"
	  " point, but this file separates its fields with ';' (German CSV), where the decimal"
	  " sign is the comma: write 2,5" },
	{ "german_semicolon.csv", 0, NULL }, /* German CSV: "1,5" is 1.5 */
	{ "german_thousands.csv", 2, "/german_thousands.csv:2: column 'literacy': '1.500.000'"
	  " looks like German thousands grouping" },
	{ "half_year.csv", 2, "/half_year.csv:2: column 'year': '2027.5' is not a year" },
	{ "hex.csv", 2, "/hex.csv:2: column 'literacy': '0x10' is not a number" },
	{ "huge_year.csv", 2, "/huge_year.csv:2: column 'year': '1e300' is not a year" },
	{ "inf.csv", 2, "/inf.csv:2: column 'literacy': '-inf' is not a number" },
	{ "nan.csv", 2, "/nan.csv:2: column 'literacy': 'nan' is not a number" },
	{ "newline_header.csv", 2, "/newline_header.csv:2: unknown column 'lit\neracy'" },
	{ "nul.csv", 2, "/nul.csv:2: a field contains a NUL byte" },
	{ "stray_quote.csv", 2, "/stray_quote.csv:2: malformed CSV" },
	{ "twice.csv", 2, "/twice.csv:1: column 'literacy' appears twice" },
	{ "unclosed_quote.csv", 2, "/unclosed_quote.csv:2: malformed CSV: a quoted field is not"
	  " closed" },
	{ "year_twice.csv", 2, "/year_twice.csv:3: year 2027 appears twice (first on line 2)" },
	{ "../fifo.csv", 2, "/plan.ini:5: allocation.schedule: '*/schedule/../fifo.csv': not a"
	  " regular file (a FIFO)" },
	{ "/dev/zero", 2, "/plan.ini:5: allocation.schedule: '/dev/zero': not a regular file"
	  " (a device)" },
	{ "/dev/null", 2, "/plan.ini:5: allocation.schedule: '/dev/null': not a regular file"
	  " (a device)" },
	{ ".", 2, "/plan.ini:5: allocation.schedule: '*/schedule/.': not a regular file"
	  " (a directory)" },
};

/* Every file in in/schedule/, named by a scenario; a FIFO and devices. */
static void test_schedules(void **state)
{
	const size_t nx = sizeof schedule_expect / sizeof schedule_expect[0];

	(void)state;
	/* Every committed file is listed, and so are the 4 others. */
	assert_int_equal(expect_all_listed("in/schedule", schedule_expect, nx) + 4, nx);
	for (size_t i = 0; i < nx; i++)
		schedule_case(schedule_expect[i].file, &schedule_expect[i]);
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
	struct manifest m = { e, n, { 0, 0 }, 0, NULL, NULL, NULL };
	struct err err;
	char path[PATH_MAX];

	assert_true(n <= 4);
	(void)manifest_digest_file("work/out/summary.csv", UINT64_MAX, &m.summary, &err);
	for (size_t i = 0; i < n; i++) {
		e[i] = (struct manifest_entry){ ids[i], "It's `x` @y", "desc \"q\"", 0.8, 0, 2030,
		                               0.8, { 0, 0 }, { 0, 0 }, NULL, NULL, NULL };
		snprintf(path, sizeof path, "work/out/%s.csv", ids[i]);
		(void)manifest_digest_file(path, UINT64_MAX, &e[i].csv, &err);
		snprintf(path, sizeof path, "work/out/%s.params.ini", ids[i]);
		(void)manifest_digest_file(path, UINT64_MAX, &e[i].params, &err);
	}
	assert_int_equal(manifest_write("work/out/manifest.csv", &m, &err), 0);
}

/* What `dtsim plot` must give for each directory in in/results/ (a new
** one needs a line here). */
static const struct expect results_expect[] = {
	{ "dotdot", 2, "out/manifest.csv:2: the scenario id '..' starts with '.'" },
	{ "german_numbers", 2, "out/manifest.csv:2: out/manifest.csv: row 1: the field"
	  " 'target_maturity' does not hold what dtsim writes there" },
	{ "missing_column", 2, "out/manifest.csv:1: out/manifest.csv has no column" },
	{ "nan_values", 0, NULL },  /* the manifest vouches for them; drawn as gaps */
	{ "no_manifest", 2, "dtsim: out holds no complete results (no manifest.csv)" },
	{ "params_zero", 0, NULL }, /* plot never reads a params.ini */
	{ "traversal", 2, "out/manifest.csv:2: the scenario id 'a/../../x' holds a '/'" },
	{ "valid", 0, NULL },
	{ "wrong_digest", 2, "dtsim: out/a.csv is not the file that the run recorded" },
};

/* What `dtsim run` on a directory's a.params.ini must give: it runs, but
** for the one that extends /dev/zero. */
static const struct expect params_runs = { "", 0, NULL };
static const struct expect params_zero = { "", 2, "out/a.params.ini:2: scenario.extends:"
                                           " '/dev/zero': not a regular file (a device)" };

/* The committed results directories, each with `dtsim plot`; those with a
** file `ids` get a manifest with the right digests for the ids it lists. */
static void test_results(void **state)
{
	const size_t nx = sizeof results_expect / sizeof results_expect[0];
	char what[PATH_MAX + 32], *ids;
	size_t len;

	(void)state;
	assert_int_equal(expect_all_listed("in/results", results_expect, nx), nx);
	for (size_t i = 0; i < nx; i++) {
		const char *name = results_expect[i].file;

		copy_results(name);
		if ((ids = proc_read_file("work/out/ids", &len)) != NULL) {
			const char *list[4];
			size_t k = 0;
			for (char *s = strtok(ids, "\n"); s && k < 4; s = strtok(NULL, "\n"))
				list[k++] = s;
			unlink("work/out/ids");
			write_manifest(list, k);
			free(ids);
		}
		snprintf(what, sizeof what, "plot %s", name);
		expect_outcome(what, DT(what, "plot", "--format", "svg", "out"), &results_expect[i]);
		/* A params.ini shared with the results is a scenario file too. */
		snprintf(what, sizeof what, "run %s/a.params.ini", name);
		expect_outcome(what, DT(what, "run", "-o", "out/again", "out/a.params.ini"),
		               strcmp(name, "params_zero") == 0 ? &params_zero : &params_runs);
	}
}

/* Runs dtsim as DT does and expects status and the diagnostic diag. */
#define DT_EXPECT(status, diag, what, ...) \
	expect_outcome((what), DT((what), __VA_ARGS__), \
	               &(const struct expect){ "", (status), (diag) })

/*
** Results that cannot be committed: manifest.csv a FIFO, a link to
** /dev/zero or a link to a manifest; summary.csv or a scenario's CSV a
** FIFO; plots a link out of DIR (to outside/, which must stay empty); a
** directory that is a FIFO.
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
	DT_EXPECT(2, "out/manifest.csv: not a regular file (a FIFO)",
	          "plot: manifest.csv a FIFO", "plot", "out");

	copy_results("valid");
	unlink("work/out/ids");
	assert_int_equal(symlink("/dev/zero", "work/out/manifest.csv"), 0);
	DT_EXPECT(2, "cannot read out/manifest.csv: it is a symbolic link",
	          "plot: manifest.csv a link to /dev/zero", "plot", "out");

	/* A link to a manifest that is right in every other way. */
	copy_results("valid");
	unlink("work/out/ids");
	write_manifest(one, 1);
	DT_EXPECT(0, NULL, "plot: the manifest itself", "plot", "--format", "svg", "out");
	assert_int_equal(rename("work/out/manifest.csv", "work/out/kept.csv"), 0);
	assert_int_equal(symlink("kept.csv", "work/out/manifest.csv"), 0);
	DT_EXPECT(2, "cannot read out/manifest.csv: it is a symbolic link",
	          "plot: manifest.csv a link to a manifest", "plot", "out");

	copy_results("valid");
	unlink("work/out/ids");
	unlink("work/out/summary.csv");
	assert_int_equal(mkfifo("work/out/summary.csv", 0600), 0);
	write_manifest(one, 1);
	DT_EXPECT(2, "cannot read out/summary.csv: not a regular file",
	          "plot: summary.csv a FIFO", "plot", "out");

	copy_results("valid");
	unlink("work/out/ids");
	assert_int_equal(mkfifo("work/out/fifo.csv", 0600), 0);
	write_text("work/out/fifo.params.ini", "[scenario]\n");
	write_manifest(fifo, 1);
	DT_EXPECT(2, "cannot read out/fifo.csv: not a regular file",
	          "plot: a scenario's CSV a FIFO", "plot", "out");

	copy_results("valid");
	unlink("work/out/ids");
	write_manifest(one, 1);
	assert_int_equal(symlink(outside, "work/out/plots"), 0);
	DT_EXPECT(1, "out/plots is a symbolic link", "plot: plots a link out of DIR",
	          "plot", "--format", "svg", "out");
	DT_EXPECT(1, "out/plots is a symbolic link", "run --plot: plots a link out of DIR",
	          "run", "--plot", "--format", "svg", "-o", "out", quotes);

	fresh_work();
	assert_int_equal(mkfifo("work/out", 0600), 0);
	DT_EXPECT(2, "no results directory 'out': not a directory", "plot: DIR a FIFO",
	          "plot", "out");
	DT_EXPECT(1, "cannot create directory 'out': Not a directory", "run: DIR a FIFO",
	          "run", "-o", "out", quotes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_huge_lines),
		cmocka_unit_test(test_many_mistakes),
		cmocka_unit_test(test_hostile_ids),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_calibrate),
		cmocka_unit_test(test_schedules),
		cmocka_unit_test(test_results),
		cmocka_unit_test(test_results_made),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
