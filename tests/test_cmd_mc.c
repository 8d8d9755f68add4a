/*
** test_cmd_mc.c: `dtsim mc` on the command line (sim/cmd_mc.c) with the
** bundled scenarios and their default distributions: the files it
** writes, the same bytes for 1 and 2 threads and for two shards merged,
** the seed and --independent, and usage errors that write nothing. (The
** machinery under it is tested in test_mc and test_mcstat.)
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testproc.h"
#include "testutil.h"

static struct proc_sandbox sb;

static int setup(void **state)
{
	(void)state;
	return proc_sandbox_enter(&sb, "test_cmd_mc");
}

static int teardown(void **state)
{
	(void)state;
	return proc_sandbox_leave(&sb);
}

/* Runs dtsim with up to 15 arguments (NULL-ended) in the sandbox; the
** scenarios are named relative to the source tree. */
static int dtsim(struct proc_result *r, ...)
{
	va_list ap;
	int rc;

	va_start(ap, r);
	rc = proc_vdtsim(&sb, "scenarios/", "scenarios/", r, ap);
	va_end(ap);
	return rc;
}

/* The contents of path (owned), or a failed test. */
static char *slurp(const char *path, size_t *len)
{
	char *t = proc_read_file(path, len);

	if (!t)
		fail_msg("cannot read %s", path);
	return t;
}

static const char *const files[] = { "baseline.mc.csv", "baseline.mc_hist.csv",
                                     "baseline.mc_runs.csv", "balanced.mc.csv",
                                     "balanced.mc_hist.csv", "balanced.mc_runs.csv",
                                     "mc_summary.csv" };

#define same_dirs(a, b) proc_same_files((a), (b), files, sizeof files / sizeof files[0])
#define same_file(a, b) proc_same_file((a), (b))

#define OK(r) do { if ((r).status != 0) fprintf(stderr, "%s", (r).err); \
	assert_int_equal((r).status, 0); proc_result_free(&(r)); } while (0)

/* The files, their shape, and the same bytes for 1 and 2 threads and for
** two shards merged. */
static void threads_and_shards(void **state)
{
	struct proc_result r;
	size_t len;
	char *t;

	(void)state;
	assert_int_equal(dtsim(&r, "mc", "-n", "150", "--years", "6", "--threads", "1",
	                       "--runs-csv", "-o", "t1", "scenarios/baseline.ini",
	                       "scenarios/balanced.ini", NULL), 0);
	OK(r);
	assert_int_equal(dtsim(&r, "mc", "-n", "150", "--years", "6", "--threads", "2",
	                       "--runs-csv", "-o", "t2", "scenarios/baseline.ini",
	                       "scenarios/balanced.ini", NULL), 0);
	OK(r);
	assert_true(same_dirs("t1", "t2"));
	for (int k = 1; k <= 2; k++) {
		char shard[16];

		snprintf(shard, sizeof shard, "%d/2", k);
		assert_int_equal(dtsim(&r, "mc", "-n", "150", "--years", "6", "--runs-csv",
		                       "--shard", shard, "-o", "parts", "scenarios/baseline.ini",
		                       "scenarios/balanced.ini", NULL), 0);
		OK(r);
	}
	assert_int_equal(dtsim(&r, "merge", "-o", "merged", "parts/mc-part-2-of-2.txt",
	                       "parts/mc-part-1-of-2.txt", NULL), 0);
	OK(r);
	assert_true(same_dirs("t1", "merged"));
	/* 6 years: a header and 6 rows; 150 runs: a header and 150 rows;
	** mc_summary: a header and (32 KPIs + 4 probabilities) x 2 rows. */
	t = slurp("t1/baseline.mc.csv", &len);
	assert_int_equal(proc_count_lines(t), 7);
	assert_non_null(strstr(t, "\"year\",\"cash_eur_mean\",\"cash_eur_p5\",\"cash_eur_p25\""));
	assert_null(strstr(t, "nan"));
	free(t);
	t = slurp("t1/baseline.mc_runs.csv", &len);
	assert_int_equal(proc_count_lines(t), 151);
	free(t);
	t = slurp("t1/mc_summary.csv", &len);
	assert_int_equal(proc_count_lines(t), 1 + 2 * 36);
	assert_non_null(strstr(t, "\"scenario\",\"measure\",\"mean\",\"sd\",\"p5\",\"p25\","
	                          "\"p50\",\"p75\",\"p95\"\n"));
	assert_non_null(strstr(t, "\"balanced\",\"p_resistance_above\","));
	assert_null(strstr(t, "nan"));
	assert_null(strstr(t, "inf"));
	free(t);
}

/* The same command writes the same bytes; another seed changes the
** results, and so do --independent (each stream id then includes the
** scenario id: stream.h) and --stochastic (the runs draw events too). */
static void seed_and_independent(void **state)
{
	struct proc_result r;

	(void)state;
	assert_int_equal(dtsim(&r, "mc", "-n", "60", "--years", "4", "--runs-csv", "-o", "s1",
	                       "scenarios/baseline.ini", NULL), 0);
	OK(r);
	assert_true(proc_exists("s1/baseline.mc_runs.csv"));
	/* The same study again without --runs-csv: the earlier runs file goes. */
	assert_int_equal(dtsim(&r, "mc", "-n", "60", "--years", "4", "-o", "s1",
	                       "scenarios/baseline.ini", NULL), 0);
	OK(r);
	assert_false(proc_exists("s1/baseline.mc_runs.csv"));
	assert_int_equal(dtsim(&r, "mc", "-n", "60", "--years", "4", "-o", "s1b",
	                       "scenarios/baseline.ini", NULL), 0);
	OK(r);
	assert_int_equal(dtsim(&r, "mc", "-n", "60", "--years", "4", "--seed", "2", "-o", "s2",
	                       "scenarios/baseline.ini", NULL), 0);
	OK(r);
	assert_int_equal(dtsim(&r, "mc", "-n", "60", "--years", "4", "--independent", "-o", "si",
	                       "scenarios/baseline.ini", NULL), 0);
	OK(r);
	assert_int_equal(dtsim(&r, "mc", "-n", "60", "--years", "4", "--stochastic", "-o", "st",
	                       "scenarios/baseline.ini", NULL), 0);
	OK(r);
	assert_true(same_file("s1/mc_summary.csv", "s1b/mc_summary.csv"));
	assert_false(same_file("s1/mc_summary.csv", "st/mc_summary.csv"));
	assert_false(same_file("s1/mc_summary.csv", "s2/mc_summary.csv"));
	assert_false(same_file("s1/mc_summary.csv", "si/mc_summary.csv"));
}

/* A study reads its per-year measures from yearly rows whatever the
** scenario's report step: with sim.report_step = 0.25 (and the default
** draws, which derive auto values again in every run) the files are the
** same bytes as with yearly reports. */
static void report_step_changes_nothing(void **state)
{
	struct proc_result r;

	(void)state;
	assert_int_equal(dtsim(&r, "mc", "-n", "60", "--years", "4", "-o", "rs1",
	                       "scenarios/baseline.ini", NULL), 0);
	OK(r);
	assert_int_equal(dtsim(&r, "mc", "-n", "60", "--years", "4", "--set", "sim.report_step=0.25",
	                       "-o", "rs4", "scenarios/baseline.ini", NULL), 0);
	OK(r);
	assert_true(same_file("rs1/baseline.mc.csv", "rs4/baseline.mc.csv"));
	assert_true(same_file("rs1/baseline.mc_hist.csv", "rs4/baseline.mc_hist.csv"));
	assert_true(same_file("rs1/mc_summary.csv", "rs4/mc_summary.csv"));
}

/* Usage errors: exit 2, one line and the pointer to --help, nothing
** written (the output directory is not even made). */
static void usage_errors(void **state)
{
	static const char *const bad[][2] = {
		{ "-n", "0" }, { "-n", "1e3" }, { "--threads", "0" }, { "--threads", "257" },
		{ "--shard", "3/2" }, { "--shard", "0/2" }, { "--shard", "1/2x" },
		{ "--seed", "-1" }, { "--resistance-above", "1.5" }, { "--target-by", "1990" },
		{ "--format", "svg" }, { "--lang", "de" }, { "--shard", "1/2 --plot" },
	};
	struct proc_result r;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		/* "1/2 --plot": --shard 1/2 and --plot */
		int plot = strstr(bad[i][1], " --plot") != NULL;

		if (plot)
			assert_int_equal(dtsim(&r, "mc", bad[i][0], "1/2", "--plot", "-o", "never",
			                       "scenarios/baseline.ini", NULL), 0);
		else
			assert_int_equal(dtsim(&r, "mc", bad[i][0], bad[i][1], "-o", "never",
			                       "scenarios/baseline.ini", NULL), 0);
		if (r.status != 2)
			fprintf(stderr, "%s %s: status %d\n", bad[i][0], bad[i][1], r.status);
		assert_int_equal(r.status, 2);
		assert_non_null(strstr(r.err, bad[i][0]));
		assert_false(proc_exists("never"));
		proc_result_free(&r);
	}
	assert_int_equal(dtsim(&r, "mc", "--set", "legacy.om_rate=99", "-o", "never",
	                       "scenarios/baseline.ini", NULL), 0);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "legacy.om_rate"));
	assert_false(proc_exists("never"));
	proc_result_free(&r);
	assert_int_equal(dtsim(&r, "merge", "-o", "never", NULL), 0);
	assert_int_equal(r.status, 2);
	assert_false(proc_exists("never"));
	proc_result_free(&r);
	assert_int_equal(dtsim(&r, "merge", "-o", "never", "missing.txt", NULL), 0);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "missing.txt"));
	assert_false(proc_exists("never"));
	proc_result_free(&r);
}

/* --plot draws the study's charts into DIR/plots: each scenario's fan
** chart and KPI histograms, in the formats asked. */
static void plot_draws_the_charts(void **state)
{
	struct proc_result r;

	(void)state;
	assert_int_equal(dtsim(&r, "mc", "-n", "40", "--years", "4", "--plot", "--format",
	                       "png,svg", "--lang", "de", "-o", "drawn", "scenarios/baseline.ini",
	                       "scenarios/balanced.ini", NULL), 0);
	OK(r);
	assert_true(proc_exists("drawn/mc_summary.csv"));
	assert_true(proc_exists("drawn/plots/baseline-fan.png"));
	assert_true(proc_exists("drawn/plots/baseline-fan.svg"));
	assert_true(proc_exists("drawn/plots/balanced-mc-kpi.png"));
	assert_true(proc_exists("drawn/plots/balanced-mc-kpi.svg"));
}

/*
** The README's worked example ("Monte Carlo", "A worked example"): how
** likely balanced reaches 80 % of services online by 2032, and which three
** assumptions matter most. The figures the README quotes are asserted here,
** so a change of the model that moves them fails until the README follows.
*/
static void readme_worked_example(void **state)
{
	struct proc_result r;
	char *t, *row;
	double v[7];
	size_t len;

	(void)state;
	dtsim(&r, "mc", "-n", "1000", "--years", "7", "-o", "we/mc", "scenarios/balanced.ini",
	      NULL);
	OK(r);
	t = slurp("we/mc/mc_summary.csv", &len);
	assert_non_null(strstr(t, "\"balanced\",\"p_target_reached\",\"0.043\","));
	row = strstr(t, "\"balanced\",\"end_service_maturity\",");
	assert_non_null(row);
	row += strlen("\"balanced\",\"end_service_maturity\",");
	assert_int_equal(sscanf(row, "\"%lf\",\"%lf\",\"%lf\",\"%lf\",\"%lf\",\"%lf\",\"%lf\"",
	                        &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]), 7);
	/* mean, sd, p5, p25, p50, p75, p95: the README rounds to 2 decimals. */
	assert_int_equal((int)lround(v[2] * 100), 42);
	assert_int_equal((int)lround(v[4] * 100), 58);
	assert_int_equal((int)lround(v[6] * 100), 79);
	free(t);

	dtsim(&r, "sensitivity", "--method", "tornado", "--kpi", "end_service_maturity",
	      "--years", "7", "-o", "we/sens", "scenarios/balanced.ini", NULL);
	OK(r);
	t = slurp("we/sens/tornado.csv", &len);
	row = strchr(t, '\n');
	assert_non_null(row);
	assert_int_equal(strncmp(row + 1, "\"services.build_per_inhabitant_eur\",", 36), 0);
	row = strchr(row + 1, '\n');
	assert_non_null(row);
	assert_int_equal(strncmp(row + 1, "\"effect.reference_skill\",", 25), 0);
	row = strchr(row + 1, '\n');
	assert_non_null(row);
	assert_int_equal(strncmp(row + 1, "\"services.build_fixed_eur\",", 27), 0);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(threads_and_shards),
		cmocka_unit_test(seed_and_independent),
		cmocka_unit_test(report_step_changes_nothing),
		cmocka_unit_test(usage_errors),
		cmocka_unit_test(plot_draws_the_charts),
		cmocka_unit_test(readme_worked_example),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
