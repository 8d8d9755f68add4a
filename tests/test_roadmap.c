/*
** test_roadmap.c: roadmap.md (roadmap.h), against the CSV that `dtsim run`
** writes for the same scenario ($DTSIM, in a scratch directory):
**   - the phases are the scenario's year blocks of allocation and budget
**     and its schedule (pay_as_you_go: 2026, 2027-2031, 2032-2040;
**     council_plan: the schedule 2026-2030, then 2031-2040; baseline: one
**     phase), and each phase's total in M EUR is the sum of the CSV's
**     investment_eur over its years, as is each domain's invest_KEY_eur;
**   - the milestones are the first fiscal years whose rows reach 50 % and
**     the target maturity, fall to legacy.target_share, and the payback
**     year of summary.csv (docs/MODEL.md 11.1);
**   - the constraints table shows each constraint's value, bound and
**     margin in its unit, met and binding; the verdict counts them;
**   - German: the same figures with a decimal comma, German texts;
**   - hostile names and descriptions stay text (mdescape);
**   - a scenario that does not load writes nothing and names FILE:LINE.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvtab.h"
#include "domains.h"
#include "mdescape.h"
#include "roadmap.h"
#include "testproc.h"

static struct proc_sandbox sb;

/* Writes text to path. */
static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Writes DIR/roadmap.ini: extends the bundled scenario id, with the given
** extra lines. */
static void make_roadmap(const char *dir, const char *id, const char *extra)
{
	char path[PATH_MAX], text[2 * PATH_MAX];

	mkdir(dir, 0777);
	snprintf(path, sizeof path, "%s/roadmap.ini", dir);
	snprintf(text, sizeof text, "[scenario]\nextends = %s/scenarios/%s.ini\n%s", sb.srcdir, id,
	         extra);
	put_file(path, text);
}

/* Runs `dtsim run -o DIR/run DIR/roadmap.ini`'s scenario as the bundled
** file id and loads DIR/run/ID.csv. */
static struct csvtab *run_csv(const char *dir, const char *id)
{
	char out[PATH_MAX], ini[2 * PATH_MAX], csv[2 * PATH_MAX], run[] = "run", o[] = "-o";
	char *argv[] = { sb.dtsim, run, o, out, ini, NULL };
	struct proc_result r;
	struct csvtab *t = NULL;
	struct err e;

	snprintf(out, sizeof out, "%s/run", dir);
	snprintf(ini, sizeof ini, "%s/scenarios/%s.ini", sb.srcdir, id);
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	if (r.status != 0)
		fprintf(stderr, "%s", r.err);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	snprintf(csv, sizeof csv, "%s/%s.csv", out, id);
	assert_int_equal(csvtab_load(csv, &t, &e), 0);
	return t;
}

/* The sum of column col of t over the rows of fiscal years first..last. */
static double sum_years(const struct csvtab *t, const char *col, int first, int last)
{
	int y = csvtab_find(t, "year"), c = csvtab_find(t, col);
	double s = 0;

	assert_true(y >= 0 && c >= 0);
	for (size_t r = 0; r < csvtab_rows(t); r++) {
		double yr = floor(csvtab_num(t, r, (size_t)y));

		if (yr >= first && yr <= last)
			s += csvtab_num(t, r, (size_t)c);
	}
	return s;
}

/* The fiscal year of the first row whose col is at or above (or at or
** below) level; 0 when none. */
static int first_row(const struct csvtab *t, const char *col, double level, int above)
{
	int y = csvtab_find(t, "year"), c = csvtab_find(t, col);

	for (size_t r = 0; r < csvtab_rows(t); r++) {
		double v = csvtab_num(t, r, (size_t)c);

		if (above ? v >= level : v <= level)
			return (int)floor(csvtab_num(t, r, (size_t)y));
	}
	return 0;
}

/* Reads DIR/roadmap.md (owned by the caller). */
static char *read_md(const char *dir)
{
	char path[PATH_MAX];
	char *s;

	snprintf(path, sizeof path, "%s/roadmap.md", dir);
	s = proc_read_file(path, NULL);
	assert_non_null(s);
	return s;
}

/* The line of md that begins with start, copied into buf; fails when none. */
static void line_of(const char *md, const char *start, char *buf, size_t len)
{
	const char *p = md;

	for (;;) {
		if (strncmp(p, start, strlen(start)) == 0) {
			size_t n = strcspn(p, "\n");

			assert_true(n < len);
			memcpy(buf, p, n);
			buf[n] = '\0';
			return;
		}
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	print_error("no line begins with '%s' in:\n%s\n", start, md);
	fail();
}

/* Cell k (0-based, after the leading '|') of a table line, trimmed. */
static void cell(const char *line, size_t k, char *buf, size_t len)
{
	const char *p = line;

	for (size_t i = 0; i <= k; i++) {
		p = strchr(p, '|');
		assert_non_null(p);
		p++;
	}
	while (*p == ' ')
		p++;
	{
		size_t n = strcspn(p, "|");

		while (n && p[n - 1] == ' ')
			n--;
		assert_true(n < len);
		memcpy(buf, p, n);
		buf[n] = '\0';
	}
}

/* Money as roadmap.md shows it: M EUR with 2 decimals, German with a
** decimal comma. */
static void meur(double eur, int de, char *buf, size_t len)
{
	snprintf(buf, len, "%.2f", eur / 1e6);
	if (de && strchr(buf, '.'))
		*strchr(buf, '.') = ',';
}

/* Checks the phase table of md against the CSV t: phases[0..n) are the
** first years of the phases, end the last year. */
static void check_phases(const char *md, const struct csvtab *t, const int *phases, size_t n,
                         int end, int de)
{
	char line[8192], got[128], want[128], head[64];

	line_of(md, de ? "| Handlungsfeld |" : "| Domain of action |", line, sizeof line);
	for (size_t k = 0; k < n; k++) {
		int last = k + 1 < n ? phases[k + 1] - 1 : end;

		if (last == phases[k])
			snprintf(head, sizeof head, "%d (%s)", last, de ? "Mio. EUR" : "M EUR");
		else
			snprintf(head, sizeof head, "%d-%d (%s)", phases[k], last, de ? "Mio. EUR" : "M EUR");
		cell(line, 1 + 2 * k, got, sizeof got);
		assert_string_equal(got, head);
	}
	cell(line, 1 + 2 * n, got, sizeof got);
	assert_string_equal(got, de ? "Alle Jahre (Mio. EUR)" : "All years (M EUR)");
	line_of(md, de ? "| **Summe** |" : "| **Total** |", line, sizeof line);
	for (size_t k = 0; k < n; k++) {
		int last = k + 1 < n ? phases[k + 1] - 1 : end;

		meur(sum_years(t, "investment_eur", phases[k], last), de, want, sizeof want);
		cell(line, 1 + 2 * k, got, sizeof got);
		assert_string_equal(got, want);
		cell(line, 2 + 2 * k, got, sizeof got);
		assert_string_equal(got, de ? "100,0" : "100.0");
	}
	meur(sum_years(t, "investment_eur", phases[0], end), de, want, sizeof want);
	cell(line, 1 + 2 * n, got, sizeof got);
	assert_string_equal(got, want);
	/* Digital infrastructure's row: its own column of the CSV. */
	line_of(md, de ? "| Digitale Infrastruktur |" : "| Digital infrastructure |", line,
	        sizeof line);
	for (size_t k = 0; k < n; k++) {
		int last = k + 1 < n ? phases[k + 1] - 1 : end;
		double eur = sum_years(t, "invest_infrastructure_eur", phases[k], last);
		double total = sum_years(t, "investment_eur", phases[k], last);

		meur(eur, de, want, sizeof want);
		cell(line, 1 + 2 * k, got, sizeof got);
		assert_string_equal(got, want);
		snprintf(want, sizeof want, "%.1f", 100 * eur / total);
		if (de)
			*strchr(want, '.') = ',';
		cell(line, 2 + 2 * k, got, sizeof got);
		assert_string_equal(got, want);
	}
}

/* Checks that the milestone line of md beginning with start shows year,
** or "not by END" for 0. */
static void check_milestone(const char *md, const char *start, int year, int end, int de)
{
	char line[1024], got[128], want[64];

	line_of(md, start, line, sizeof line);
	cell(line, 1, got, sizeof got);
	if (year)
		snprintf(want, sizeof want, "%d", year);
	else
		snprintf(want, sizeof want, de ? "nicht bis %d" : "not by %d", end);
	assert_string_equal(got, want);
}

/* A KPI of dir/run/summary.csv. */
static double summary_kpi(const char *dir, const char *kpi)
{
	char path[PATH_MAX];
	struct csvtab *t;
	struct err e;
	double v;

	snprintf(path, sizeof path, "%s/run/summary.csv", dir);
	assert_int_equal(csvtab_load(path, &t, &e), 0);
	v = csvtab_num(t, 0, (size_t)csvtab_find(t, kpi));
	csvtab_free(t);
	return v;
}

/* The payback year of dir/run/summary.csv, 0 when empty. */
static int payback(const char *dir)
{
	double v = summary_kpi(dir, "payback_year");

	return isnan(v) ? 0 : (int)v;
}

/* Writes the roadmap of bundled scenario id in dir and checks its phases
** (first years phases[0..n)) and milestones against dtsim run's CSV. */
static void check_scenario(const char *dir, const char *id, const int *phases, size_t n, int de)
{
	struct roadmap_opts o = { .lang = de ? PLOT_DE : PLOT_EN };
	struct errlist el = { 0 };
	struct csvtab *t;
	char ini[PATH_MAX];
	char *md;
	int end;

	make_roadmap(dir, id, "");
	snprintf(ini, sizeof ini, "%s/roadmap.ini", dir);
	assert_int_equal(roadmap_write(dir, ini, NULL, 0, &o, &el), 0);
	assert_int_equal(el.total, 0);
	md = read_md(dir);
	t = run_csv(dir, id);
	end = (int)csvtab_num(t, csvtab_rows(t) - 1, (size_t)csvtab_find(t, "year"));
	check_phases(md, t, phases, n, end, de);
	check_milestone(md, de ? "| 50 % der Dienste" : "| 50 % of services",
	                first_row(t, "service_maturity", 0.5, 1), end, de);
	check_milestone(md, de ? "| Ziel: 80 %" : "| Target: 80 %",
	                first_row(t, "service_maturity", 0.8, 1), end, de);
	check_milestone(md, de ? "| Anteil der Altsysteme am IT-Bestand bei h\xc3\xb6" "chstens 15 %"
	                       : "| Legacy share of the IT portfolio at or below 15 %",
	                first_row(t, "legacy_share", 0.15, 0), end, de);
	check_milestone(md, de ? "| Amortisation" : "| Payback", payback(dir), end, de);
	assert_non_null(strstr(md, de ? "Die Optimierung hatte keine Nebenbedingungen."
	                              : "The optimisation had no constraints."));
	free(md);
	csvtab_free(t);
}

static void test_council_plan(void **state)
{
	static const int phases[] = { 2026, 2031 };

	(void)state;
	check_scenario("cp", "council_plan", phases, 2, 0);
}

static void test_year_blocks(void **state)
{
	static const int phases[] = { 2026, 2027, 2032 };

	(void)state;
	check_scenario("payg", "pay_as_you_go", phases, 3, 0);
}

static void test_one_phase_german(void **state)
{
	static const int phases[] = { 2026 };

	(void)state;
	check_scenario("base", "baseline", phases, 1, 1);
}

static void test_council_plan_german(void **state)
{
	static const int phases[] = { 2026, 2031 };

	(void)state;
	check_scenario("cpde", "council_plan", phases, 2, 1);
}

/* Constraints as the optimiser reports them: a met and binding maturity
** constraint (a share: per cent, margin in percentage points), a violated
** money constraint (M EUR), and one of unit given. */
static const struct roadmap_constraint cons[] = {
	{ "maturity", "service_maturity >= 0.8 by 2032", 0.80412, 0.8, 0.00412, 1, 1, 2032, NULL },
	{ "gap", "funding_gap_eur <= 1 every_year", 2385000, 1, -2384999, 0, 0, 2029, NULL },
	{ "cost", "pv_cost_eur <= 5e7", 41234567.8, 5e7, 8765432.2, 1, 0, 0, "EUR" },
};

/* Checks the cells of md's table line that begins with start against
** want[0..n) (cells 1.., NULL: not checked). */
static void check_row(const char *md, const char *start, const char *const *want, size_t n)
{
	char line[1024], got[256];

	line_of(md, start, line, sizeof line);
	for (size_t k = 0; k < n; k++)
		if (want[k]) {
			cell(line, k + 1, got, sizeof got);
			assert_string_equal(got, want[k]);
		}
}

static void test_constraints(void **state)
{
	static const char *const maturity[] = {
		"service\\_maturity \\>\\= 0\\.8 by 2032", "2032", "80.4 %", "80.0 %", "0.4 pp", "yes", "yes"
	};
	static const char *const gap[] = { NULL, "2029", "2.38 M EUR", "0.00 M EUR", "-2.38 M EUR",
	                                   "no", "no" };
	static const char *const cost[] = { NULL, "\xe2\x80\x93", "41.23 M EUR", "50.00 M EUR",
	                                    "8.77 M EUR", "yes", "no" };
	static const char *const gap_de[] = { NULL, NULL, "2,38 Mio. EUR", NULL,
	                                      "\xe2\x88\x92" "2,38 Mio. EUR", "nein", "nein" };
	static const char *const maturity_de[] = { NULL, NULL, "80,4 %", NULL, "0,4 %-Pkt.", "ja" };
	struct roadmap_opts o = { .lang = PLOT_EN, .objective = "pv_cost_eur" };
	struct errlist el = { 0 };
	char want[128];
	char *md;

	(void)state;
	make_roadmap("cons", "balanced", "");
	assert_int_equal(roadmap_write("cons", "cons/roadmap.ini", cons, 3, &o, &el), 0);
	md = read_md("cons");
	check_row(md, "| maturity |", maturity, 7);
	check_row(md, "| gap |", gap, 7);
	check_row(md, "| cost |", cost, 7);
	assert_non_null(strstr(md, "**Constraints.** 2 of 3 met; binding: maturity. This roadmap"
	                           " is not a feasible plan"));
	/* The objective's value is the run's KPI (summary.csv of dtsim run). */
	csvtab_free(run_csv("cons", "balanced"));
	snprintf(want, sizeof want, "**Objective.** Minimise PV cost (pv\\_cost\\_eur): %.2f M EUR.",
	         summary_kpi("cons", "pv_cost_eur") / 1e6);
	assert_non_null(strstr(md, want));
	free(md);

	o.lang = PLOT_DE;
	o.maximise = 1;
	assert_int_equal(roadmap_write("cons", "cons/roadmap.ini", cons, 3, &o, &el), 0);
	md = read_md("cons");
	check_row(md, "| gap |", gap_de, 7);
	check_row(md, "| maturity |", maturity_de, 6);
	assert_non_null(strstr(md, "**Nebenbedingungen.** 2 von 3 erf\xc3\xbcllt; bindend: maturity."));
	assert_non_null(strstr(md, "**Zielgr\xc3\xb6\xc3\x9f" "e.** Maximiert wird Barwert eigene Kosten"));
	free(md);
	assert_int_equal(el.total, 0);
}

/* Names and descriptions that try to be Markdown or HTML stay text: the
** heading and the question are exactly mdescape's text of them. */
static void test_hostile(void **state)
{
	static const char name[] = "# A | <b>x</b> [l](http://e/) `c` *e* \\ &amp;";
	static const char desc[] = "![i](/etc/passwd)\n\n| x |";
	struct roadmap_opts o = { .lang = PLOT_EN };
	struct errlist el = { 0 };
	struct strbuf want = STRBUF_INIT;
	char extra[512];
	char *md;

	(void)state;
	snprintf(extra, sizeof extra, "name = \"%s\"\ndescription = ![i](/etc/passwd) | x |\n"
	         "name_de = Gr\xc3\xbcn <script>\n", "# A | <b>x</b> [l](http://e/) `c` *e* \\\\ &amp;");
	make_roadmap("hostile", "baseline", extra);
	assert_int_equal(roadmap_write("hostile", "hostile/roadmap.ini", NULL, 0, &o, &el), 0);
	md = read_md("hostile");
	strbuf_printf(&want, "# Roadmap: ");
	mdescape_text(&want, name);
	strbuf_printf(&want, "\n\n");
	mdescape_text(&want, "![i](/etc/passwd) | x |");
	strbuf_printf(&want, "\n\n");
	assert_int_equal(strncmp(md, strbuf_str(&want), want.len), 0);
	assert_null(strstr(md, "<b>"));
	assert_null(strstr(md, "](/etc"));
	free(md);
	(void)desc;
	strbuf_free(&want);
	o.lang = PLOT_DE;
	assert_int_equal(roadmap_write("hostile", "hostile/roadmap.ini", NULL, 0, &o, &el), 0);
	md = read_md("hostile");
	assert_non_null(strstr(md, "# Fahrplan: Gr\xc3\xbcn \\<script\\>\n"));
	free(md);
}

/* A roadmap.ini with a mistake: the error names its file and line, and no
** roadmap.md appears. A missing file likewise. */
static void test_bad_input(void **state)
{
	struct roadmap_opts o = { .lang = PLOT_EN };
	struct errlist el = { 0 };

	(void)state;
	make_roadmap("bad", "baseline", "[budget]\ngrowth_rate = 7x\n");
	assert_int_equal(roadmap_write("bad", "bad/roadmap.ini", NULL, 0, &o, &el), -1);
	assert_true(el.total >= 1);
	assert_string_equal(el.a[0].file, "bad/roadmap.ini");
	assert_int_equal(el.a[0].line, 4);
	assert_non_null(strstr(el.a[0].msg, "growth_rate"));
	assert_int_equal(proc_exists("bad/roadmap.md"), 0);
	errlist_free(&el);
	assert_int_equal(roadmap_write("bad", "bad/none.ini", NULL, 0, &o, &el), -1);
	assert_true(el.total >= 1);
	assert_int_equal(proc_exists("bad/roadmap.md"), 0);
	errlist_free(&el);
	o.lang = (enum plot_lang)7;
	assert_int_equal(roadmap_write("bad", "bad/roadmap.ini", NULL, 0, &o, &el), -1);
	errlist_free(&el);
}

/* Fails unless text holds each of the NULL-ended subs. */
static void expect_all(const char *text, const char *const *subs)
{
	for (; *subs; subs++)
		if (!strstr(text, *subs)) {
			print_error("no '%s'\n", *subs);
			fail();
		}
}

/* The roadmap chart (plotroad.h): drawn in SVG and PNG, in the language
** asked; its data, DIR/plots/roadmap.csv, holds each domain's investment
** per fiscal year as the run's CSV has it; the milestones as the SVG shows
** them. test_drawn checks its geometry in every format. */
static void test_chart(void **state)
{
	struct roadmap_opts o = { .lang = PLOT_EN, .chart = 1 };
	struct errlist el = { 0 };
	char tmpl[PATH_MAX + 16];
	struct csvtab *run, *data;
	struct err e;
	char *svg;
	int ry, rc, dy, dr, de;
	double sum = 0;

	(void)state;
	snprintf(tmpl, sizeof tmpl, "%s/plots", sb.srcdir);
	o.plot.formats = PLOT_SVG | PLOT_PNG;
	o.plot.templates = tmpl;
	make_roadmap("chart", "council_plan", "");
	assert_int_equal(roadmap_write("chart", "chart/roadmap.ini", NULL, 0, &o, &el), 0);
	assert_true(proc_exists("chart/plots/roadmap.png"));
	svg = proc_read_file("chart/plots/roadmap.svg", NULL);
	assert_non_null(svg);
	expect_all(svg, (const char *const[]){ "Roadmap: investment by domain of action and year",
	                                       ">Digital infrastructure<", ">2026-2030<",
	                                       ">2031-2040<", ">not by 2040<", NULL });
	run = run_csv("chart", "council_plan");
	{
		char want[32];

		snprintf(want, sizeof want, ">%d<", first_row(run, "service_maturity", 0.5, 1));
		assert_non_null(strstr(svg, want));
	}
	free(svg);
	assert_int_equal(csvtab_load("chart/plots/roadmap.csv", &data, &e), 0);
	dy = csvtab_find(data, "year");
	dr = csvtab_find(data, "row");
	de = csvtab_find(data, "eur");
	assert_true(dy >= 0 && dr >= 0 && de >= 0);
	assert_int_equal(csvtab_rows(data), 15 * DOM_COUNT);
	/* Digital infrastructure is domain 6 (domains.def), row 6 + 5.5. */
	for (size_t r = 0; r < csvtab_rows(data); r++)
		if (csvtab_num(data, r, (size_t)dr) == DOM_INFRASTRUCTURE + 5.5)
			sum += csvtab_num(data, r, (size_t)de);
	ry = csvtab_find(run, "year");
	rc = csvtab_find(run, "invest_infrastructure_eur");
	assert_true(ry >= 0 && rc >= 0 && sum > 0);
	{
		double want = 0;

		for (size_t r = 0; r < csvtab_rows(run); r++)
			want += csvtab_num(run, r, (size_t)rc);
		assert_true(fabs(sum - want) <= 1e-9 * want);
	}
	csvtab_free(data);
	csvtab_free(run);

	/* German. */
	o.lang = PLOT_DE;
	o.plot.formats = PLOT_SVG;
	assert_int_equal(roadmap_write("chart", "chart/roadmap.ini", NULL, 0, &o, &el), 0);
	svg = proc_read_file("chart/plots/roadmap.svg", NULL);
	assert_non_null(svg);
	expect_all(svg, (const char *const[]){ "Fahrplan: Investitionen nach Handlungsfeld und Jahr",
	                                       ">Digitale Infrastruktur<", ">nicht bis 2040<", NULL });
	free(svg);
	assert_int_equal(el.total, 0);
}

/* A chart that cannot be drawn (no gnuplot): roadmap_write says so and
** returns -1; roadmap.md is written, no chart and no temporary file. */
static void test_chart_fails(void **state)
{
	struct roadmap_opts o = { .lang = PLOT_EN, .chart = 1 };
	struct errlist el = { 0 };
	char tmpl[PATH_MAX + 16];

	(void)state;
	snprintf(tmpl, sizeof tmpl, "%s/plots", sb.srcdir);
	o.plot.formats = PLOT_SVG;
	o.plot.templates = tmpl;
	o.plot.gnuplot = "/nonexistent/gnuplot";
	make_roadmap("nochart", "baseline", "");
	assert_int_equal(roadmap_write("nochart", "nochart/roadmap.ini", NULL, 0, &o, &el), -1);
	assert_true(el.total >= 1);
	assert_non_null(strstr(el.a[0].msg, "roadmap"));
	assert_true(proc_exists("nochart/roadmap.md"));
	assert_false(proc_exists("nochart/plots/roadmap.svg"));
	errlist_free(&el);
	/* Templates that are missing: nothing drawn, said so. */
	o.plot.templates = "/nonexistent";
	o.plot.gnuplot = NULL;
	assert_int_equal(roadmap_write("nochart", "nochart/roadmap.ini", NULL, 0, &o, &el), -1);
	assert_true(el.total >= 1);
	errlist_free(&el);
}

static int setup(void **state)
{
	(void)state;
	return proc_sandbox_enter(&sb, "test-roadmap");
}

static int teardown(void **state)
{
	(void)state;
	return proc_sandbox_leave(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_council_plan),
		cmocka_unit_test(test_council_plan_german),
		cmocka_unit_test(test_year_blocks),
		cmocka_unit_test(test_one_phase_german),
		cmocka_unit_test(test_constraints),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_chart),
		cmocka_unit_test(test_chart_fails),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
