/*
** test_plot.c: dtsim plot and dtsim run --plot end to end, with the real
** gnuplot: every chart of every bundled scenario in every format with its
** format's signature and size and no gnuplot warning; hostile scenario
** names, descriptions and file names (among them issue 8's quote and
** macro) run nothing and write nothing outside DIR; German labels and
** decimal commas; usage errors write nothing; a missing or failing gnuplot
** is an error naming the chart, exit 1, and the CSV results stay complete;
** the progress line shows on a terminal (a pseudo-terminal here) and
** nowhere else. $DTSIM runs in a scratch directory.
*/
/* posix_openpt, grantpt, unlockpt and ptsname are XSI. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csvtab.h"
#include "testproc.h"

#define MAX_ARGS (MAX_SCEN + 16)

/* The bundled scenarios, found in scenarios/ (every .ini file) by group_setup, so that
** a scenario added there is drawn by the test without editing it. */
#define MAX_SCEN 64
static char scenarios[MAX_SCEN][PROC_ID_LEN];
static size_t nscen;

static const char *const panels[] = {
	"dashboard", "funding", "spend", "services", "cumulative", "cash", "om-legacy", "skill",
	"resistance",
	"programme",
};
#define NPANELS (sizeof panels / sizeof panels[0])

static const char *const across[] = {
	"compare-service_maturity", "compare-citizen_adoption", "compare-legacy_share",
	"compare-om_share", "compare-workforce_skill", "compare-change_resistance",
	"compare-cash_eur", "compare-investment_eur", "compare-savings_eur",
	"compare-net-benefit",
};
#define NACROSS (sizeof across / sizeof across[0])

/* The charts with a bar or a panel per scenario come in pages of at most 6
** scenarios (README, Charts): compare-kpi and compare-funding for up to 6,
** else compare-kpi-1, compare-kpi-2, ... */
static const char *const paged[] = { "compare-kpi", "compare-funding" };
#define NPAGED (sizeof paged / sizeof paged[0])
#define PAGE_SCENARIOS 6

static const char *const formats[] = { "png", "svg", "pdf", "emf" };

struct ctx {
	struct proc_sandbox sb;
};

/* Runs dtsim with the NULL-terminated arguments; fails when it cannot start. */
static void dt_v(const struct ctx *c, struct proc_result *r, const char *const *args)
{
	char *argv[MAX_ARGS + 2];
	size_t n = 0;

	argv[n++] = (char *)c->sb.dtsim;
	while (*args && n <= MAX_ARGS)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, NULL, r), 0);
}

#define dt(c, r, ...) do { \
		const char *const a_[] = { __VA_ARGS__, NULL }; \
		dt_v((c), (r), a_); \
	} while (0)

static void expect_status(const struct proc_result *r, int status)
{
	if (r->status != status) {
		print_error("exit status %d, expected %d\n--- stderr:\n%s---\n", r->status, status, r->err);
		fail();
	}
}

static void expect_in(const char *s, const char *sub)
{
	if (!strstr(s, sub)) {
		print_error("'%s' not found in:\n%s---\n", sub, s);
		fail();
	}
}

/* Fails unless the file at path holds each of the NULL-terminated subs. */
static void expect_file_has(const char *path, const char *const *subs)
{
	char *text = proc_read_file(path, NULL);

	if (!text) {
		print_error("cannot read %s\n", path);
		fail();
	}
	for (; *subs; subs++)
		expect_in(text, *subs);
	free(text);
}

#define expect_file(path, ...) do { \
		const char *const s_[] = { __VA_ARGS__, NULL }; \
		expect_file_has((path), s_); \
	} while (0)

/* The big-endian 32-bit number at p. */
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* The little-endian 32-bit number at p. */
static unsigned long le32(const unsigned char *p)
{
	return (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

/* Fails unless path is a PNG of w x h pixels (w 0: any size). */
static void expect_png(const char *path, unsigned long w, unsigned long h)
{
	static const unsigned char magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	size_t len = 0;
	unsigned char *b = (unsigned char *)proc_read_file(path, &len);

	if (!b || len < 24 || memcmp(b, magic, 8) != 0 || memcmp(b + 12, "IHDR", 4) != 0
	    || (w && (be32(b + 16) != w || be32(b + 20) != h))) {
		print_error("%s: not a PNG of %lu x %lu (%lu x %lu)\n", path, w, h,
		            b && len >= 24 ? be32(b + 16) : 0, b && len >= 24 ? be32(b + 20) : 0);
		free(b);
		fail();
	}
	free(b);
}

/* Fails unless path has format fmt's signature (SVG: well-formed XML). */
static void expect_format(const char *path, const char *fmt)
{
	size_t len = 0;
	unsigned char *b = (unsigned char *)proc_read_file(path, &len);
	int ok = b != NULL;

	if (ok && strcmp(fmt, "png") == 0)
		ok = len > 8 && b[0] == 0x89 && memcmp(b + 1, "PNG", 3) == 0;
	else if (ok && strcmp(fmt, "pdf") == 0)
		ok = len > 5 && memcmp(b, "%PDF-", 5) == 0;
	else if (ok && strcmp(fmt, "emf") == 0)
		ok = len > 44 && le32(b) == 1 && memcmp(b + 40, " EMF", 4) == 0;
	else if (ok && strcmp(fmt, "svg") == 0) {
		char *argv[] = { (char *)"/usr/bin/xmllint", (char *)"--noout", (char *)path, NULL };
		struct proc_result r;

		ok = proc_run(argv, NULL, &r) == 0 && r.status == 0 && r.errlen == 0
		     && strstr((char *)b, "<svg") != NULL;
		if (!ok)
			print_error("xmllint %s: %s\n", path, r.err ? r.err : "");
		proc_result_free(&r);
	}
	free(b);
	if (!ok) {
		print_error("%s: not a valid %s file\n", path, fmt);
		fail();
	}
}

/* Counts the entries of dir (without . and ..). */
static size_t count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	while (d && (de = readdir(d)))
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	if (d)
		closedir(d);
	return n;
}

/* ---- setup: one run with every format ---------------------------------------- */

static int group_setup(void **state)
{
	static struct ctx c;
	char scen[PATH_MAX + 32];

	if (proc_sandbox_enter(&c.sb, "test-plot") != 0)
		return -1;
	snprintf(scen, sizeof scen, "%s/scenarios", c.sb.srcdir);
	if (symlink(scen, "scenarios") != 0 || proc_find_ids("scenarios", scenarios, MAX_SCEN, &nscen) != 0) {
		proc_sandbox_leave(&c.sb);
		return -1;
	}
	*state = &c;
	return 0;
}

static int group_teardown(void **state)
{
	struct ctx *c = *state;

	return proc_sandbox_leave(&c->sb);
}

/* The number in column col of scenario id's row of dir/summary.csv (NaN
** when empty); fails when there is no such row or column. */
static double summary_num(const char *dir, const char *id, const char *col)
{
	char path[PATH_MAX];
	struct csvtab *t = NULL;
	struct err e;
	int s, c;
	double v = NAN;

	snprintf(path, sizeof path, "%s/summary.csv", dir);
	assert_int_equal(csvtab_load(path, &t, &e), 0);
	s = csvtab_find(t, "scenario");
	c = csvtab_find(t, col);
	assert_true(s >= 0 && c >= 0);
	for (size_t r = 0; r < csvtab_rows(t); r++)
		if (strcmp(csvtab_text(t, r, (size_t)s), id) == 0) {
			v = csvtab_num(t, r, (size_t)c);
			csvtab_free(t);
			return v;
		}
	csvtab_free(t);
	fail_msg("%s has no row '%s'", path, id);
	return v;
}

/* The target sentence of a scenario with target 80 % over 2026-2040 whose
** summary has target_year ty (docs/dtsim.1, KEY FIGURES). */
static void target_text(char *buf, size_t len, double ty, int de)
{
	if (isnan(ty))
		snprintf(buf, len, de ? "Ziel 80 %%: nicht bis 2040" : "Target 80 %%: not by 2040");
	else
		snprintf(buf, len, de ? "Ziel 80 %%: erreicht %.0f" : "Target 80 %%: reached in %.0f", ty);
}

/*
** The key figures of the dashboards of run dir (SVG) answer each question
** from summary.csv: the target reached or "not by 2040", loan interest only
** with loans, a funding gap with its amount only when there is one, and
** the reference's name under the grey lines when the scenario has one.
*/
static void expect_key_figures(const char *dir, const char *id, const char *ref)
{
	double ty = summary_num(dir, id, "target_year");
	double gap = summary_num(dir, id, "total_funding_gap_eur");
	double loans = summary_num(dir, id, "peak_loan_balance_eur");
	char path[PATH_MAX], want[128];
	char *svg;

	snprintf(path, sizeof path, "%s/plots/%s-dashboard.svg", dir, id);
	svg = proc_read_file(path, NULL);
	assert_non_null(svg);
	target_text(want, sizeof want, ty, 0);
	expect_in(svg, want);
	expect_in(svg, "PV own cost: EUR ");
	if (gap > 0) {
		expect_in(svg, "Funding gap: EUR ");
	} else {
		expect_in(svg, "Funding gap: none");
	}
	if (loans > 0) {
		expect_in(svg, "Loan interest: EUR ");
		expect_in(svg, "Peak loan balance: EUR ");
	} else {
		assert_null(strstr(svg, "Loan interest"));
	}
	if (ref) {
		snprintf(want, sizeof want, "Grey lines: %s", ref);
		expect_in(svg, want);
		expect_in(svg, "PV net benefit vs. reference: EUR ");
	} else {
		assert_null(strstr(svg, "Grey lines"));
		assert_null(strstr(svg, "vs. reference"));
	}
	free(svg);
}

/* Every chart of every bundled scenario in every format, in one run. */
static void test_every_chart_every_format(void **state)
{
	const struct ctx *c = *state;
	static char paths[MAX_SCEN][96];
	const char *args[MAX_ARGS + 1];
	struct proc_result r;
	size_t n = 0, pages = (nscen + PAGE_SCENARIOS - 1) / PAGE_SCENARIOS;
	char p[512];

	args[n++] = "run";
	args[n++] = "--plot";
	args[n++] = "--format";
	args[n++] = "png,svg,pdf,emf";
	args[n++] = "-o";
	args[n++] = "all";
	for (size_t s = 0; s < nscen; s++) {
		assert_true((size_t)snprintf(paths[s], sizeof paths[s], "scenarios/%s.ini",
		                             scenarios[s]) < sizeof paths[s]);
		args[n++] = paths[s];
	}
	args[n] = NULL;
	dt_v(c, &r, args);
	expect_status(&r, 0);
	/* No gnuplot warning (dtsim passes each on as "dtsim: warning: ..."). */
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	for (size_t s = 0; s < nscen; s++)
		for (size_t k = 0; k < NPANELS; k++)
			for (size_t f = 0; f < 4; f++) {
				assert_true((size_t)snprintf(p, sizeof p, "all/plots/%s-%s.%s", scenarios[s],
				                             panels[k], formats[f]) < sizeof p);
				expect_format(p, formats[f]);
				if (f == 0)
					expect_png(p, 1890, k == 0 ? 3071 : 1181);
			}
	for (size_t k = 0; k < NACROSS; k++)
		for (size_t f = 0; f < 4; f++) {
			snprintf(p, sizeof p, "all/plots/%s.%s", across[k], formats[f]);
			expect_format(p, formats[f]);
		}
	assert_true(pages > 1);
	for (size_t k = 0; k < NPAGED; k++)
		for (size_t g = 1; g <= pages; g++)
			for (size_t f = 0; f < 4; f++) {
				snprintf(p, sizeof p, "all/plots/%s-%zu.%s", paged[k], g, formats[f]);
				expect_format(p, formats[f]);
			}
	snprintf(p, sizeof p, "all/plots/compare-kpi-%zu.svg", pages + 1);
	assert_false(proc_exists(p));
	/* Nothing half-written is left: scripts, charts, the three templates. */
	assert_int_equal(count_entries("all/plots"),
	                 (nscen * NPANELS + NACROSS + NPAGED * pages) * 5 + 3);
	/* The bundled strategies name the baseline as their reference; the
	** baseline and the municipality profiles have none. */
	expect_key_figures("all", "grant_cofunding", "Baseline");
	expect_key_figures("all", "borrow_to_invest", "Baseline");
	expect_key_figures("all", "baseline", NULL);
	expect_key_figures("all", "profile_town", NULL);
	/* Every scenario that has a reference has the baseline: the charts
	** across scenarios draw its line grey. */
	expect_file("all/plots/compare-cash_eur.gp", "lc rgb c_ref lw ref_lw");
}

/* A script run by hand in DIR/plots draws its chart again. */
static void test_script_runs_by_hand(void **state)
{
	char *argv[] = { (char *)"/usr/bin/gnuplot", (char *)"baseline-funding.gp", NULL };
	struct proc_result r;

	(void)state;
	assert_int_equal(chdir("all/plots"), 0);
	assert_int_equal(remove("baseline-funding.png"), 0);
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	assert_int_equal(chdir("../.."), 0);
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	expect_png("all/plots/baseline-funding.png", 1890, 1181);
	expect_format("all/plots/baseline-funding.pdf", "pdf");
}

/*
** dtsim compare --plot draws the funding small multiples and the net
** benefit of the scenarios compared (PNG at the default width), and no
** other chart: DIR/plots holds those two, their scripts and the templates.
*/
static void test_compare_plot(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	dt(c, &r, "compare", "--plot", "-o", "cmp", "scenarios/baseline.ini",
	   "scenarios/borrow_to_invest.ini", "scenarios/as_a_service.ini");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	expect_png("cmp/plots/compare-net-benefit.png", 1890, 1181);
	expect_format("cmp/plots/compare-funding.png", "png");
	assert_true(proc_exists("cmp/plots/compare-funding.gp"));
	assert_true(proc_exists("cmp/plots/compare-net-benefit.gp"));
	assert_true(proc_exists("cmp/plots/style.gp"));
	assert_true(proc_exists("cmp/plots/lang.gp"));
	assert_true(proc_exists("cmp/plots/terminal.gp"));
	assert_int_equal(count_entries("cmp/plots"), 2 * 2 + 3);
}

/* --size is pixels for png; a dashboard is 2.6 times as high. */
static void test_png_size(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	dt(c, &r, "plot", "--format", "png", "--size", "800,500", "all");
	expect_status(&r, 0);
	proc_result_free(&r);
	expect_png("all/plots/council_plan-skill.png", 800, 500);
	expect_png("all/plots/council_plan-dashboard.png", 800, 1300);
}

/* Fails when a text of svg (between '>' and '<') holds a number with a
** hyphen-minus for its sign: a '-' before a digit, not after a letter or
** digit (2026-2030 is a range). */
static void expect_no_hyphen_minus(const char *svg)
{
	int in_text = 0;

	for (const char *p = svg; *p; p++) {
		if (*p == '>' || *p == '<')
			in_text = *p == '>';
		else if (in_text && *p == '-' && p[1] >= '0' && p[1] <= '9'
		         && !(p > svg && ((p[-1] >= '0' && p[-1] <= '9')
		                          || (p[-1] >= 'A' && p[-1] <= 'z'))))
			fail_msg("a hyphen as minus sign: '%.40s'", p > svg + 20 ? p - 20 : svg);
	}
}

/* --lang de: German labels and decimal commas in the SVG text; German
** scenario names, questions and key figures, and the minus sign. */
static void test_lang_de(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	char *svg, *gp, want[128];

	dt(c, &r, "run", "--plot", "--lang", "de", "--format", "svg", "-o", "de",
	   "scenarios/baseline.ini", "scenarios/mandate_push.ini");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	svg = proc_read_file("de/plots/baseline-skill.svg", NULL);
	assert_non_null(svg);
	expect_in(svg, "Haushaltsjahr");
	expect_in(svg, "Digitalkompetenz der Beschäftigten");
	expect_in(svg, ">0,4<");
	assert_null(strstr(svg, ">0.4<"));
	free(svg);
	expect_file("de/plots/compare-kpi.svg", "Mio. EUR", "Kennzahlen nach Szenario");
	expect_file("de/plots/mandate_push-services.svg", "Gesetzliche Frist 2030", "Ziel 80 %");
	/* name_de and description_de: neither the script nor the chart holds
	** the English name or question, and the reference is named in German. */
	gp = proc_read_file("de/plots/mandate_push-dashboard.gp", NULL);
	assert_non_null(gp);
	assert_null(strstr(gp, "Mandate push"));
	assert_null(strstr(gp, "If a law requires"));
	assert_null(strstr(gp, "Baseline"));
	free(gp);
	svg = proc_read_file("de/plots/mandate_push-dashboard.svg", NULL);
	assert_non_null(svg);
	expect_in(svg, "Gesetzlicher Druck");
	expect_in(svg, "Wenn ein Gesetz bis 2030 80 % der Dienste online verlangt");
	expect_in(svg, "Graue Linien: Basislauf");
	assert_null(strstr(svg, "Mandate push"));
	assert_null(strstr(svg, "Baseline"));
	/* The key figures in German, from summary.csv; a negative amount with
	** the minus sign U+2212, and no number with a hyphen for a minus. */
	target_text(want, sizeof want, summary_num("de", "mandate_push", "target_year"), 1);
	expect_in(svg, want);
	expect_in(svg, summary_num("de", "mandate_push", "pv_net_benefit_eur") < 0
	               ? "Barwert Nettonutzen: \xe2\x88\x92" : "Barwert Nettonutzen: ");
	expect_no_hyphen_minus(svg);
	free(svg);
	svg = proc_read_file("de/plots/mandate_push-services.svg", NULL);
	assert_non_null(svg);
	expect_in(svg, "Basislauf (Referenz)");
	free(svg);
}

/* ---- hostile input ----------------------------------------------------------- */

/* Fails when a file MARKER_<letter> of letters is here, in dir or in
** dir/plots: a hostile text ran a command. */
static void expect_no_markers(const char *dir, const char *letters)
{
	char p[512];

	for (const char *m = letters; *m; m++) {
		snprintf(p, sizeof p, "MARKER_%c", *m);
		assert_false(proc_exists(p));
		snprintf(p, sizeof p, "%s/MARKER_%c", dir, *m);
		assert_false(proc_exists(p));
		snprintf(p, sizeof p, "%s/plots/MARKER_%c", dir, *m);
		assert_false(proc_exists(p));
	}
}

/* Writes a scenario extending the bundled baseline with name and description. */
static void write_scenario(const struct ctx *c, const char *path, const char *name,
                           const char *desc)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "[scenario]\nname = %s\ndescription = %s\nextends = %s/scenarios/baseline.ini\n",
	        name, desc, c->sb.srcdir);
	assert_int_equal(fclose(f), 0);
}

/*
** Names, descriptions and file names with backquotes, system(), quotes of
** both kinds, semicolons, a leading | or <, an @ macro, and a directory
** with spaces: charts are drawn, nothing runs, nothing is written outside
** DIR. (A newline cannot reach a name through an INI file; test_gnuplot
** sends one through gnuplot.)
*/
static void test_hostile_names(void **state)
{
	const struct ctx *c = *state;
	static const char *const files[] = {
		"in/hostile one.ini", "in/|touch MARKER_P.ini", "in/<touch MARKER_L.ini",
		"in/q'uote `touch MARKER_F`.ini",
	};
	static const char *const names[] = {
		"`touch MARKER_A` \"dq\" 'sq'", "system(\"touch MARKER_B\")",
		"x'; system('touch MARKER_C'); '", "@x; ! touch MARKER_D",
	};
	static const char *const descs[] = {
		"|touch MARKER_E; `touch MARKER_G` & <b> ]]>", "<touch MARKER_H", "'\"'\"", "a\\",
	};
	static const char *const ids[] = {
		"hostile one", "|touch MARKER_P", "<touch MARKER_L", "q'uote `touch MARKER_F`",
	};
	struct proc_result r;
	size_t before;
	char p[512];

	assert_int_equal(mkdir("in", 0777), 0);
	for (size_t i = 0; i < 4; i++)
		write_scenario(c, files[i], names[i], descs[i]);
	before = count_entries(".");
	dt(c, &r, "run", "--plot", "--format", "png,svg", "-o", "out dir/with spaces",
	   files[0], files[1], files[2], files[3]);
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	/* The only new entry here is the output directory. */
	assert_int_equal(count_entries("."), before + 1);
	assert_int_equal(count_entries("in"), 4);
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "out dir/with spaces/plots/%s-dashboard.png", ids[i]);
		expect_png(p, 1890, 3071);
		snprintf(p, sizeof p, "out dir/with spaces/plots/%s-services.svg", ids[i]);
		expect_format(p, "svg");
	}
	expect_file("out dir/with spaces/plots/compare-kpi.svg", "system(\"touch MARKER_B\")");
	/* 4 x 9 charts + the across charts (one page each of the paged ones),
	** each .gp + png + svg, and 3 templates. */
	assert_int_equal(count_entries("out dir/with spaces/plots"),
	                 (4 * NPANELS + NACROSS + NPAGED) * 3 + 3);
	/* Per scenario its CSV and params.ini; summary.csv, manifest.csv, plots/
	** and the lock. */
	assert_int_equal(count_entries("out dir/with spaces"), 4 * 2 + 4);
	expect_no_markers("out dir/with spaces", "ABCDEFGHLP");
}

/*
** German texts are hostile text too: with --lang de, name_de and
** description_de (and the reference's German name under the grey lines)
** reach the scripts only as quoted literals: the charts are drawn, nothing
** runs, and the SVG shows the texts as written.
*/
static void test_hostile_german(void **state)
{
	const struct ctx *c = *state;
	static const char *const texts[][2] = {
		{ "`touch MARKER_D1` ' . system(\\\"touch MARKER_D2\\\") . '",
		  "@ref_name ]]> <b> `touch MARKER_D3`" },
		{ "x'; system('touch MARKER_D4'); '", "|touch MARKER_D5" },
	};
	struct proc_result r;
	char p[PATH_MAX], *svg;
	FILE *f;

	for (size_t i = 0; i < 2; i++) {
		snprintf(p, sizeof p, "hde%zu.ini", i + 1);
		f = fopen(p, "w");
		assert_non_null(f);
		fprintf(f, "[scenario]\nname = Plain %zu\nname_de = \"%s\"\ndescription_de = \"%s\"\n"
		        "reference = hde%zu\nextends = %s/scenarios/baseline.ini\n", i + 1, texts[i][0],
		        texts[i][1], 2 - i, c->sb.srcdir);
		assert_int_equal(fclose(f), 0);
	}
	dt(c, &r, "run", "--plot", "--lang", "de", "--format", "svg", "-o", "hde", "hde1.ini",
	   "hde2.ini");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	expect_file("hde/plots/hde1-dashboard.svg", "touch MARKER_D1", "system(",
	            "touch MARKER_D3", "Graue Linien: x", "touch MARKER_D4");
	svg = proc_read_file("hde/plots/hde1-dashboard.svg", NULL);
	assert_non_null(svg);
	assert_null(strstr(svg, "Plain 1"));
	free(svg);
	for (const char *m = "12345"; *m; m++) {
		snprintf(p, sizeof p, "MARKER_D%c", *m);
		assert_false(proc_exists(p));
		snprintf(p, sizeof p, "hde/MARKER_D%c", *m);
		assert_false(proc_exists(p));
		snprintf(p, sizeof p, "hde/plots/MARKER_D%c", *m);
		assert_false(proc_exists(p));
	}
}

/* 1 when dir/PWNED exists. */
static int pwned_in(const char *dir)
{
	char p[PATH_MAX + 16];

	snprintf(p, sizeof p, "%s/PWNED", dir);
	return proc_exists(p);
}

/*
** Issue 8: a quote and a macro together. gnuplot 5.4's macro scanner flips
** its quote state on any ', so a name written as ('x' . "'" . ...) let
** @scenario_name in the description run the name as code. The exact
** scenario file of the issue, and one whose file name (so the chart names
** and output paths) does the same: charts drawn, the texts shown as they
** are, no PWNED anywhere.
*/
static void test_quote_and_macro(void **state)
{
	const struct ctx *c = *state;
	static const char exploit[] = "[scenario]\n"
	                              "name = ' . system(\"touch PWNED\") . '\n"
	                              "description = ' @scenario_name\n";
	struct proc_result r;
	FILE *f;

	assert_int_equal(mkdir("pwn", 0777), 0);
	f = fopen("pwn/that.ini", "w");
	assert_non_null(f);
	fputs(exploit, f);
	assert_int_equal(fclose(f), 0);
	write_scenario(c, "pwn/q' @scenario_name.ini", "' . system(\"touch PWNED\") . '",
	               "' @scenario_name @a");
	dt(c, &r, "run", "--plot", "--format", "png,svg", "-o", "pwnout", "pwn/that.ini",
	   "pwn/q' @scenario_name.ini");
	assert_false(pwned_in("."));
	assert_false(pwned_in("pwn"));
	assert_false(pwned_in("pwnout"));
	assert_false(pwned_in("pwnout/plots"));
	assert_false(pwned_in(c->sb.srcdir));
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	expect_png("pwnout/plots/that-dashboard.png", 1890, 3071);
	expect_png("pwnout/plots/q' @scenario_name-dashboard.png", 1890, 3071);
	expect_format("pwnout/plots/that-dashboard.svg", "svg");
	expect_file("pwnout/plots/that-dashboard.svg", "' . system(\"touch PWNED\") . '",
	            "' @scenario_name");
	expect_file("pwnout/plots/compare-kpi.svg", "' . system(\"touch PWNED\") . '");
}

/* ---- errors ---------------------------------------------------------------------- */

/* Bad usage: one line and the Try line, exit 2, nothing written. */
static void test_usage_errors(void **state)
{
	static const char *const cases[][8] = {
		{ "plot", "--format", "bmp", "all" },
		{ "plot", "--format", "png,", "all" },
		{ "plot", "--size", "x", "all" },
		{ "plot", "--size", "16,10", "--format", "png", "all" },
		{ "plot", "--size", "1890,1181", "--format", "pdf", "all" },
		{ "plot", "--size", "16,10", "--format", "png,pdf", "all" },
		{ "plot", "--lang", "fr", "all" },
		{ "plot" },
		{ "plot", "no_such_dir" },
		{ "plot", "all", "extra" },
		{ "plot", "--frobnicate", "all" },
		{ "run", "--format", "png", "scenarios/baseline.ini" },
		{ "run", "--plot", "--lang", "fr", "-o", "never", "scenarios/baseline.ini" },
	};
	const struct ctx *c = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *const *a = cases[i];
		struct proc_result r;

		dt_v(c, &r, a);
		if (r.status != 2 || proc_count_lines(r.err) != 2
		    || !strstr(r.err, "Try 'dtsim --help'") || strncmp(r.err, "dtsim: ", 7) != 0) {
			print_error("case %zu: exit %d\n%s", i, r.status, r.err);
			fail();
		}
		proc_result_free(&r);
	}
	assert_false(proc_exists("never"));
	assert_false(proc_exists("out"));
}

/* A directory without results is bad input: exit 2, nothing written. */
static void test_no_results(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	assert_int_equal(mkdir("empty", 0777), 0);
	dt(c, &r, "plot", "empty");
	expect_status(&r, 2);
	expect_in(r.err, "no manifest.csv");
	proc_result_free(&r);
	assert_int_equal(count_entries("empty"), 0);
}

/* Writes a Monte Carlo study into dir (made here) for the ids (n of them),
** each with the fan table and histograms of tests/data/mc's balanced. */
static void write_study(const struct ctx *c, const char *dir, const char *const *ids, size_t n)
{
	static const char *const tables[] = { "mc", "mc_hist" };
	char path[PATH_MAX + 64];
	FILE *f;

	assert_int_equal(mkdir(dir, 0777), 0);
	snprintf(path, sizeof path, "%s/mc_summary.csv", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("scenario,measure,mean,sd,p5,p25,p50,p75,p95\n", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "\"%s\",p_target_reached,0.25,0.05,,,,,\n", ids[i]);
	assert_int_equal(fclose(f), 0);
	for (size_t i = 0; i < n; i++)
		for (size_t t = 0; t < 2; t++) {
			size_t len = 0;
			char *text;

			snprintf(path, sizeof path, "%s/tests/data/mc/balanced.%s.csv", c->sb.srcdir,
			         tables[t]);
			assert_non_null(text = proc_read_file(path, &len));
			snprintf(path, sizeof path, "%s/%s.%s.csv", dir, ids[i], tables[t]);
			assert_non_null(f = fopen(path, "w"));
			assert_int_equal(fwrite(text, 1, len, f), len);
			assert_int_equal(fclose(f), 0);
			free(text);
		}
}

/*
** A Monte Carlo study alone (dtsim mc -o DIR, no run): its ids come from
** mc_summary.csv, a results file, and are hostile text as names are: the
** fan charts and histograms are drawn, nothing runs; the title shows the
** id as written.
*/
static void test_mc_hostile_ids(void **state)
{
	const struct ctx *c = *state;
	static const char *const ids[] = {
		"|touch MARKER_M", "q'uote `touch MARKER_N`", "@x; system('touch MARKER_Q') ]]>",
	};
	struct proc_result r;
	char p[512];

	write_study(c, "study", ids, 3);
	dt(c, &r, "plot", "--format", "png,svg", "study");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "study/plots/%s-fan.svg", ids[i]);
		expect_format(p, "svg");
		snprintf(p, sizeof p, "study/plots/%s-mc-kpi.png", ids[i]);
		expect_format(p, "png");
	}
	expect_file("study/plots/q'uote `touch MARKER_N`-fan.svg", "q'uote `touch MARKER_N`");
	/* 3 x 2 charts, each .gp + png + svg, and 3 templates. */
	assert_int_equal(count_entries("study/plots"), 3 * 2 * 3 + 3);
	expect_no_markers("study", "MNQ");
}

/* A study whose mc_summary.csv names an id that cannot be a file name, or
** a scenario without its fan table, is bad input: exit 2 naming the file,
** nothing written. */
static void test_mc_bad_study(void **state)
{
	const struct ctx *c = *state;
	static const char *const bad[] = { "../up" };
	static const char *const ok[] = { "fine" };
	struct proc_result r;

	write_study(c, "bad-id", ok, 1);
	{
		FILE *f = fopen("bad-id/mc_summary.csv", "a");

		assert_non_null(f);
		fprintf(f, "\"%s\",p_payback,0,0,,,,,\n", bad[0]);
		assert_int_equal(fclose(f), 0);
	}
	dt(c, &r, "plot", "bad-id");
	expect_status(&r, 2);
	expect_in(r.err, "bad-id/mc_summary.csv:3:");
	proc_result_free(&r);
	assert_false(proc_exists("bad-id/plots"));
	assert_false(proc_exists("bad-id/.dtsim.lock"));

	write_study(c, "no-fan", ok, 1);
	assert_int_equal(unlink("no-fan/fine.mc.csv"), 0);
	dt(c, &r, "plot", "no-fan");
	expect_status(&r, 2);
	expect_in(r.err, "no-fan/fine.mc.csv");
	proc_result_free(&r);
	assert_false(proc_exists("no-fan/plots"));
}

/* gnuplot missing: an error naming the chart, exit 1, CSV complete, no chart. */
static void test_gnuplot_missing(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;

	setenv("DTSIM_GNUPLOT", "/nonexistent/gnuplot", 1);
	dt(c, &r, "run", "--plot", "-o", "nognuplot", "scenarios/baseline.ini");
	unsetenv("DTSIM_GNUPLOT");
	expect_status(&r, 1);
	expect_in(r.err, "nognuplot/plots/baseline-");
	expect_in(r.err, "cannot run gnuplot ('/nonexistent/gnuplot'): No such file or directory");
	assert_int_equal(proc_count_lines(r.err), 1);
	proc_result_free(&r);
	assert_true(proc_exists("nognuplot/baseline.csv"));
	assert_true(proc_exists("nognuplot/baseline.params.ini"));
	assert_true(proc_exists("nognuplot/summary.csv"));
	assert_false(proc_exists("nognuplot/plots/baseline-funding.png"));
	/* Only scripts and templates: 9 + the across charts' .gp (one page of
	** each paged one), 3 templates. */
	assert_int_equal(count_entries("nognuplot/plots"), NPANELS + NACROSS + NPAGED + 3);
}

/* gnuplot failing: its message with the chart's name, exit 1, no half chart. */
static void test_gnuplot_failing(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	FILE *f = fopen("fakeplot", "w");
	char prog[PATH_MAX + 16];

	assert_non_null(f);
	/* Called as PROGRAM -d -c BATCH in DIR/plots: half of its first chart. */
	fputs("#!/bin/sh\nout=$(sed -n 's/^call \"[^\"]*\" \"[^\"]*\" \"\\(.*\\)\"$/\\1/p' \"$3\""
	      " | head -n 1)\n: > \"$out.png\"\necho 'line 7: boom 2.385' >&2\nexit 1\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod("fakeplot", 0755), 0);
	snprintf(prog, sizeof prog, "%s/fakeplot", c->sb.tmp);
	setenv("DTSIM_GNUPLOT", prog, 1);
	dt(c, &r, "plot", "de");
	unsetenv("DTSIM_GNUPLOT");
	expect_status(&r, 1);
	expect_in(r.err, "dtsim: chart de/plots/baseline-funding: gnuplot failed (exit status 1): line 7: boom 2.385\n");
	proc_result_free(&r);
	/* The SVG charts of the earlier run stay; no temporary file is left. */
	assert_true(proc_exists("de/plots/baseline-funding.svg"));
	assert_false(proc_exists("de/plots/baseline-funding.png"));
	{
		DIR *d = opendir("de/plots");
		struct dirent *de;

		assert_non_null(d);
		while ((de = readdir(d)))
			assert_null(strstr(de->d_name, ".tmp"));
		closedir(d);
	}
}

/*
** One gnuplot process draws a batch of charts and marks each as done; a
** chart that fails ends the process. A fake gnuplot that follows the batch
** script warns about baseline-spend, fails at baseline-skill and draws
** every other chart: the warning is that chart's alone, the failure names
** baseline-skill with its message, and the charts after it in its batch
** are drawn by a new process (so every other chart is there), exit 1.
*/
static void test_batch_failure_midway(void **state)
{
	const struct ctx *c = *state;
	struct proc_result r;
	FILE *f = fopen("fakebatch", "w");
	char prog[PATH_MAX + 16], p[256];

	assert_non_null(f);
	fputs("#!/bin/sh\n"
	      "sed -n 's/^call \"\\([^\"]*\\)\" \"\\([^\"]*\\)\" \"\\([^\"]*\\)\"$/\\1 \\3 \\2/p' \"$3\" | {\n"
	      "while read -r script out formats; do\n"
	      "  case $script in\n"
	      "  *-skill.gp) echo \"\\\"$script\\\" line 3: boom 2.385\" >&2; exit 1 ;;\n"
	      "  *-spend.gp) echo 'warning: 2.385 is odd' >&2 ;;\n"
	      "  esac\n"
	      "  for f in $formats; do printf x > \"$out.$f\"; done\n"
	      "  printf '\\n%s\\n' 'dtsim=chart-done' >&2\n"
	      "done; }\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod("fakebatch", 0755), 0);
	snprintf(prog, sizeof prog, "%s/fakebatch", c->sb.tmp);
	dt(c, &r, "run", "-o", "batch", "scenarios/baseline.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	setenv("DTSIM_GNUPLOT", prog, 1);
	dt(c, &r, "plot", "batch");
	unsetenv("DTSIM_GNUPLOT");
	expect_status(&r, 1);
	assert_string_equal(r.err,
	                    "dtsim: warning: chart batch/plots/baseline-spend: gnuplot: warning: 2.385 is odd\n"
	                    "dtsim: chart batch/plots/baseline-skill: gnuplot failed (exit status 1):"
	                    " \"./baseline-skill.gp\" line 3: boom 2.385\n");
	proc_result_free(&r);
	for (size_t k = 0; k < NPANELS; k++) {
		snprintf(p, sizeof p, "batch/plots/baseline-%s.png", panels[k]);
		assert_int_equal(proc_exists(p), strcmp(panels[k], "skill") != 0);
	}
	for (size_t k = 0; k < NACROSS; k++) {
		snprintf(p, sizeof p, "batch/plots/%s.png", across[k]);
		assert_true(proc_exists(p));
	}
	for (size_t k = 0; k < NPAGED; k++) {
		snprintf(p, sizeof p, "batch/plots/%s.png", paged[k]);
		assert_true(proc_exists(p));
	}
	/* Scripts, the charts but one, the templates: nothing temporary. */
	assert_int_equal(count_entries("batch/plots"), (NPANELS + NACROSS + NPAGED) * 2 - 1 + 3);
}

/*
** Runs dtsim with args and its stderr on a new pseudo-terminal (stdin and
** stdout on /dev/null); returns its exit status, with what the terminal
** showed in *out (owned, NUL-terminated).
*/
static int dt_on_terminal(const struct ctx *c, const char *const *args, char **out)
{
	char *argv[MAX_ARGS + 2];
	size_t n = 0, len = 0, cap = 4096;
	int master = posix_openpt(O_RDWR | O_NOCTTY), ws = 0;
	char *buf = malloc(cap);
	pid_t pid;

	assert_true(master >= 0);
	assert_non_null(buf);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	argv[n++] = (char *)c->sb.dtsim;
	while (*args && n <= MAX_ARGS)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
		int null = open("/dev/null", O_RDWR);

		if (slave < 0 || null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0
		    || dup2(slave, 2) < 0)
			_exit(126);
		close(master);
		execv(argv[0], argv);
		_exit(127);
	}
	/* Read until the child's end closes the terminal (EIO on Linux). */
	for (;;) {
		ssize_t got;

		if (len + 1024 > cap) {
			char *grown = realloc(buf, cap *= 2);

			assert_non_null(grown);
			buf = grown;
		}
		got = read(master, buf + len, cap - len - 1);
		if (got > 0)
			len += (size_t)got;
		else if (got < 0 && errno == EINTR)
			continue;
		else
			break;
	}
	close(master);
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	buf[len] = '\0';
	*out = buf;
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

/*
** On a terminal, dtsim counts the charts as they are drawn, on one line
** rewritten in place: "dtsim: charts K/N" after a carriage return, K from
** 0 to N one at a time, a newline after the last. Without a terminal
** (stderr a file) it says nothing.
*/
static void test_progress_on_terminal(void **state)
{
	const struct ctx *c = *state;
	const char *const args[] = { "plot", "tty", NULL };
	const size_t total = NPANELS + NACROSS + NPAGED;
	struct proc_result r;
	char *shown = NULL, want[64];
	const char *at;

	dt(c, &r, "run", "-o", "tty", "scenarios/baseline.ini");
	expect_status(&r, 0);
	proc_result_free(&r);
	assert_int_equal(dt_on_terminal(c, args, &shown), 0);
	at = shown;
	for (size_t k = 0; k <= total; k++) {
		snprintf(want, sizeof want, "\rdtsim: charts %zu/%zu", k, total);
		at = strstr(at, want);
		if (!at) {
			print_error("'%s' not shown in order; the terminal showed:\n%s\n", want + 1, shown);
			fail();
		}
		at += strlen(want);
	}
	/* The terminal turns the last newline into \r\n; nothing follows. */
	assert_string_equal(at, "\r\n");
	free(shown);
	expect_png("tty/plots/baseline-skill.png", 1890, 1181);

	/* stderr a file: nothing at all. */
	dt(c, &r, "plot", "tty");
	expect_status(&r, 0);
	assert_int_equal(r.errlen, 0);
	proc_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_chart_every_format),
		cmocka_unit_test(test_script_runs_by_hand),
		cmocka_unit_test(test_png_size),
		cmocka_unit_test(test_compare_plot),
		cmocka_unit_test(test_lang_de),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_quote_and_macro),
		cmocka_unit_test(test_hostile_german),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_no_results),
		cmocka_unit_test(test_mc_hostile_ids),
		cmocka_unit_test(test_mc_bad_study),
		cmocka_unit_test(test_gnuplot_missing),
		cmocka_unit_test(test_gnuplot_failing),
		cmocka_unit_test(test_batch_failure_midway),
		cmocka_unit_test(test_progress_on_terminal),
	};

	return cmocka_run_group_tests_name("plot", tests, group_setup, group_teardown);
}
