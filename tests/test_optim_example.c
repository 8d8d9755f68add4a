/*
** test_optim_example.c: the bundled optimisations (scenarios/best_mix.ini,
** scenarios/cheapest_80.ini) against every bundled scenario, as README
** "Optimising a roadmap" compares them. A scenario's transformation money
** is the sum over its years of transformation_budget_eur (mandate and peer
** top-ups included), grants_eur, loans_eur and partner_eur: nominal, all
** sources. best_mix's roadmap meets its constraints and has more services
** online at the end (end_service_maturity) than every bundled scenario
** that spends no more; at least one such scenario exists. cheapest_80's
** roadmap reaches 80 % by 2032 and costs less (pv_cost_eur) than every
** bundled scenario that meets its three constraints, and README's worked
** example shows what it prints. README's table of best_mix's roadmap
** beside the scenarios that spend no more shows what the runs give.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testcsv.h"
#include "testproc.h"
#include "testutil.h"

static struct proc_sandbox sb;

static int setup(void **state)
{
	(void)state;
	return proc_sandbox_enter(&sb, "test_optim_example");
}

static int teardown(void **state)
{
	(void)state;
	return proc_sandbox_leave(&sb);
}

#define MAXS 40

/* What a run of a scenario shows: its money, its worst resistance and
** funding gap, its maturity in 2032, its KPIs of interest. */
struct seen {
	char id[64];
	double money, max_resistance, max_gap, maturity_2032, end_maturity, pv_cost;
};

/* The column index of name in a CSV's header (fields of row 0). */
static size_t col(const struct testcsv *t, const char *name)
{
	for (size_t i = 0; i < t->nfields && t->row_of[i] == 0; i++)
		if (strcmp(t->field[i], name) == 0)
			return i;
	fail_msg("no column %s", name);
	return 0;
}

/* Reads DIR/ID.csv into s. */
static void read_run(const char *dir, const char *id, struct seen *s)
{
	char path[PATH_MAX];
	struct testcsv t;
	size_t ncol, y, tb, gr, lo, pa, cr, fg, sm;

	snprintf(path, sizeof path, "%s/%s.csv", dir, id);
	testcsv_read(path, &t);
	for (ncol = 0; ncol < t.nfields && t.row_of[ncol] == 0; ncol++)
		;
	y = col(&t, "year");
	tb = col(&t, "transformation_budget_eur");
	gr = col(&t, "grants_eur");
	lo = col(&t, "loans_eur");
	pa = col(&t, "partner_eur");
	cr = col(&t, "change_resistance");
	fg = col(&t, "funding_gap_eur");
	sm = col(&t, "service_maturity");
	s->money = 0;
	s->max_resistance = s->max_gap = -INFINITY;
	s->maturity_2032 = NAN;
	for (size_t r = 1; r < t.nrows; r++) {
		char **f = &t.field[r * ncol];
		s->money += atof(f[tb]) + atof(f[gr]) + atof(f[lo]) + atof(f[pa]);
		s->max_resistance = fmax(s->max_resistance, atof(f[cr]));
		s->max_gap = fmax(s->max_gap, atof(f[fg]));
		if (strcmp(f[y], "2032") == 0)
			s->maturity_2032 = atof(f[sm]);
	}
	testcsv_free(&t);
}

/* Reads the KPIs of every row of DIR/summary.csv into seen[0..n). */
static void read_summary(const char *dir, struct seen *seen, size_t n)
{
	char path[PATH_MAX];
	struct testcsv t;
	size_t ncol, em, pc;

	snprintf(path, sizeof path, "%s/summary.csv", dir);
	testcsv_read(path, &t);
	for (ncol = 0; ncol < t.nfields && t.row_of[ncol] == 0; ncol++)
		;
	em = col(&t, "end_service_maturity");
	pc = col(&t, "pv_cost_eur");
	for (size_t r = 1; r < t.nrows; r++)
		for (size_t i = 0; i < n; i++)
			if (strcmp(seen[i].id, t.field[r * ncol]) == 0) {
				seen[i].end_maturity = atof(t.field[r * ncol + em]);
				seen[i].pv_cost = atof(t.field[r * ncol + pc]);
			}
	testcsv_free(&t);
}

/* Optimises scenarios/NAME.ini into opt-NAME, then runs its roadmap with
** every bundled scenario into run-NAME; seen[0] is the roadmap. Returns
** how many were seen. */
static char *optimise_out;  /* what the last dtsim optimise printed; owned */

static size_t optimise_and_compare(const char *name, struct seen *seen)
{
	char *argv[MAXS + 8];
	static char buf[MAXS + 8][PATH_MAX + 300];
	char out[64], run[64];
	struct proc_result r;
	struct dirent *de;
	DIR *dp;
	size_t n = 0, a = 0;

	snprintf(out, sizeof out, "opt-%s", name);
	snprintf(run, sizeof run, "run-%s", name);
	argv[a++] = sb.dtsim;
	argv[a++] = (char *)"optimise";
	argv[a++] = (char *)"-o";
	argv[a++] = out;
	snprintf(buf[0], sizeof buf[0], "%s/scenarios/%s.ini", sb.srcdir, name);
	argv[a++] = buf[0];
	argv[a] = NULL;
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	if (r.status != 0)
		fail_msg("dtsim optimise %s: status %d\n%s%s", name, r.status, r.out, r.err);
	free(optimise_out);
	optimise_out = r.out;
	r.out = NULL;
	proc_result_free(&r);
	a = 1;
	argv[a++] = (char *)"run";
	argv[a++] = (char *)"-o";
	argv[a++] = run;
	snprintf(buf[1], sizeof buf[1], "%s/roadmap.ini", out);
	argv[a++] = buf[1];
	snprintf(seen[n++].id, sizeof seen[0].id, "roadmap");
	snprintf(buf[2], sizeof buf[2], "%s/scenarios", sb.srcdir);
	assert_non_null(dp = opendir(buf[2]));
	while ((de = readdir(dp)) != NULL && n < MAXS) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".ini") != 0)
			continue;
		snprintf(buf[a], sizeof buf[a], "%s/scenarios/%s", sb.srcdir, de->d_name);
		argv[a] = buf[a];
		a++;
		snprintf(seen[n++].id, sizeof seen[0].id, "%.*s", (int)(l - 4), de->d_name);
	}
	closedir(dp);
	argv[a] = NULL;
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	if (r.status != 0)
		fail_msg("dtsim run: status %d\n%s", r.status, r.err);
	proc_result_free(&r);
	for (size_t i = 0; i < n; i++)
		read_run(run, seen[i].id, &seen[i]);
	read_summary(run, seen, n);
	return n;
}

/*
** README's table of best_mix's roadmap against the bundled scenarios
** (between "<!-- best_mix: begin -->" and "<!-- best_mix: end -->"): a row
** for the roadmap and for every bundled scenario that spends no more
** transformation money, each once, in falling order of the objective; in
** each, the first text in backquotes names the scenario (`roadmap` the
** optimum), then its transformation money in M EUR (2 decimals) and its
** services online at the end of 2040 in per cent (1 decimal), as the runs
** in seen[0..n) give them.
*/
static void readme_table(const struct seen *seen, size_t n)
{
	char path[PATH_MAX + 16], cells[3][128], want[64];
	const char *p, *stop;
	double last = INFINITY;
	size_t rows = 0, expect = 0;
	int shown[MAXS] = { 0 };
	char *readme;

	snprintf(path, sizeof path, "%s/README.md", sb.srcdir);
	assert_non_null(readme = proc_read_file(path, NULL));
	assert_non_null(p = strstr(readme, "<!-- best_mix: begin -->"));
	assert_non_null(stop = strstr(p, "<!-- best_mix: end -->"));
	for (int skip = 0; skip < 3; skip++)
		assert_non_null(p = strchr(p, '\n') + 1);
	for (size_t i = 0; i < n; i++)
		expect += seen[i].money <= seen[0].money * (1 + 1e-12);
	for (; p < stop && *p == '|'; p = strchr(p, '\n') + 1) {
		const struct seen *s = NULL;
		const char *q = p;
		char id[64];

		for (int c = 0; c < 3; c++) {
			const char *end = strchr(q + 1, '|');
			size_t len;

			assert_non_null(end);
			q++;
			while (*q == ' ')
				q++;
			len = (size_t)(end - q);
			while (len && q[len - 1] == ' ')
				len--;
			snprintf(cells[c], sizeof cells[c], "%.*s", (int)len, q);
			q = end;
		}
		if (sscanf(cells[0], "`%63[^`]`", id) != 1)
			fail_msg("README.md, best_mix's table: no `id` in '%s'", cells[0]);
		for (size_t i = 0; i < n; i++)
			if (strcmp(seen[i].id, id) == 0 && !shown[i]++)
				s = &seen[i];
		if (!s)
			fail_msg("README.md, best_mix's table: %s is not a bundled scenario, or"
			         " shown twice", id);
		if (s->money > seen[0].money * (1 + 1e-12))
			fail_msg("README.md, best_mix's table: %s spends more than the roadmap", id);
		snprintf(want, sizeof want, "%.2f", s->money / 1e6);
		if (strcmp(cells[1], want) != 0)
			fail_msg("README.md, best_mix's table, %s: money '%s', the run gives %s", id,
			         cells[1], want);
		snprintf(want, sizeof want, "%.1f", 100 * s->end_maturity);
		if (strcmp(cells[2], want) != 0)
			fail_msg("README.md, best_mix's table, %s: '%s' online, the run gives %s", id,
			         cells[2], want);
		assert_true(s->end_maturity <= last);
		last = s->end_maturity;
		rows++;
	}
	assert_int_equal(rows, expect);
	free(readme);
}

/* best_mix: the most services online for no more money. */
static void best_mix_beats_same_money(void **state)
{
	struct seen seen[MAXS];
	size_t n = optimise_and_compare("best_mix", seen), cheaper = 0;

	(void)state;
	assert_true(seen[0].max_resistance <= 0.5);
	assert_true(seen[0].max_gap <= 1);
	for (size_t i = 1; i < n; i++) {
		if (seen[i].money > seen[0].money * (1 + 1e-12))
			continue;
		cheaper++;
		if (!(seen[0].end_maturity > seen[i].end_maturity))
			fail_msg("%s spends %.0f <= %.0f EUR and has end maturity %.6f >= %.6f",
			         seen[i].id, seen[i].money, seen[0].money, seen[i].end_maturity,
			         seen[0].end_maturity);
	}
	assert_true(cheaper >= 1);
	readme_table(seen, n);
}

/* README's worked example shows what dtsim optimise printed: every line
** but the last (evaluations, runs and seconds, which depend on the
** machine's speed), in a line of its own. */
static void readme_shows(const char *out)
{
	char path[PATH_MAX + 16], line[512];
	size_t len;
	char *readme;

	snprintf(path, sizeof path, "%s/README.md", sb.srcdir);
	assert_non_null(readme = proc_read_file(path, &len));
	while (*out) {
		size_t n = strcspn(out, "\n");
		if (n + 3 > sizeof line)
			fail_msg("a long line");
		snprintf(line, sizeof line, "\n%.*s\n", (int)n, out);
		if (!strstr(line, " evaluations, ") && !strstr(readme, line))
			fail_msg("README.md does not show the line%s", line);
		out += n + (out[n] == '\n');
	}
	free(readme);
}

/* cheapest_80: 80 % by 2032, cheaper than every scenario that gets there
** within the same constraints. */
static void cheapest_80_beats_feasible(void **state)
{
	struct seen seen[MAXS];
	size_t n = optimise_and_compare("cheapest_80", seen);

	(void)state;
	assert_true(seen[0].maturity_2032 >= 0.8 - 1e-6 * 0.8);
	assert_true(seen[0].max_resistance <= 0.5);
	assert_true(seen[0].max_gap <= 1);
	for (size_t i = 1; i < n; i++) {
		if (!(seen[i].maturity_2032 >= 0.8 && seen[i].max_resistance <= 0.5 &&
		      seen[i].max_gap <= 1))
			continue;
		if (!(seen[0].pv_cost < seen[i].pv_cost))
			fail_msg("%s meets the constraints at pv_cost %.0f <= %.0f", seen[i].id,
			         seen[i].pv_cost, seen[0].pv_cost);
	}
	readme_shows(optimise_out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(best_mix_beats_same_money),
		cmocka_unit_test(cheapest_80_beats_feasible),
	};

	int rc = cmocka_run_group_tests(tests, setup, teardown);

	free(optimise_out);
	return rc;
}
