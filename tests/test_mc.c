/*
** test_mc.c: the runs of a Monte Carlo study (sim/mc.c), its files
** (sim/mcwrite.c), partial results (sim/mcpart.c) and `dtsim merge`
** (sim/cmd_merge.c). The draws here are a stand-in of this test (two
** parameters, uniform over ranges around their defaults), so that the
** machinery is tested apart from the distributions of uncertainty.h:
**  - the files are the same bytes for 1, 2 and 3 threads, and for 1, 2
**    and 5 shards merged by `dtsim merge`, with exact percentiles and with
**    binned ones (a study above its exact limit, in the stochastic mode);
**  - the seed changes the results, the same seed reproduces them;
**  - common random numbers: run r of two scenarios draws the same values;
**  - merge refuses parts of other studies, a missing or repeated shard and
**    a damaged part (FILE:LINE, exit 2) and writes nothing then.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "mc.h"
#include "mcpart.h"
#include "mcwrite.h"
#include "modelversion.h"
#include "scenario.h"
#include "stream.h"
#include "testproc.h"
#include "testutil.h"
#include "version.h"

/* ---- the stand-in draws ------------------------------------------------------- */

/* Two parameters: legacy.om_rate uniform on [0.18, 0.32] (default 0.25),
** workforce.turnover_rate uniform on [0.06, 0.14] (default 0.10). */
static const double lo[2] = { 0.18, 0.06 }, hi[2] = { 0.32, 0.14 };

static void stand_quantiles(const void *ctx, size_t i, const double *u, double *x, size_t m)
{
	(void)ctx;
	for (size_t k = 0; k < m; k++)
		x[k] = lo[i] + u[k] * (hi[i] - lo[i]);
}

static int stand_apply(const void *ctx, const double *x, struct model_params *years, size_t n)
{
	(void)ctx;
	for (size_t y = 0; y < n; y++) {
		years[y].legacy_om_rate = x[0];
		years[y].workforce_turnover_rate = x[1];
	}
	return 0;
}

/* ---- fixture ---------------------------------------------------------------------- */

#define NSCEN 2
static const char *const scen_paths[NSCEN] = { "scenarios/baseline.ini",
                                               "scenarios/balanced.ini" };

struct fx {
	struct proc_sandbox sb;
	struct scenario *sc[NSCEN];
	struct model_params *years[NSCEN];
	size_t nyears[NSCEN];
	uint64_t id[2];
	struct mc_draws d;
};

static void fx_free(struct fx *f)
{
	for (int i = 0; i < NSCEN; i++) {
		scenario_free(f->sc[i]);
		free(f->years[i]);
	}
	free(f);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;

	*state = NULL;
	if (!f)
		return -1;
	for (int i = 0; i < NSCEN; i++) {
		err_clear(&e);
		if (scenario_load(scen_paths[i], &f->sc[i], &e) != 0
		    || scenario_resolve(f->sc[i], &f->years[i], &f->nyears[i], &e) != 0) {
			fprintf(stderr, "%s: %s\n", scen_paths[i], e.msg);
			fx_free(f);
			return -1;
		}
	}
	f->id[0] = stream_id("legacy.om_rate");
	f->id[1] = stream_id("workforce.turnover_rate");
	f->d = (struct mc_draws){ 2, f->id, 0, stand_quantiles, stand_apply, NULL };
	if (proc_sandbox_enter(&f->sb, "test_mc") != 0) {
		fx_free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (!f)   /* setup failed and said why */
		return 0;
	proc_sandbox_leave(&f->sb);
	fx_free(f);
	return 0;
}

/* ---- studies ------------------------------------------------------------------------ */

/* The study of both scenarios on one machine with t threads into dir
** (created), the runs files too. */
static void whole(struct fx *f, const struct mc_study *st, unsigned t, const char *dir)
{
	struct mc_result *r[NSCEN];
	struct afile *runs[NSCEN];
	struct err e;

	assert_int_equal(mkdir(dir, 0755), 0);
	for (int i = 0; i < NSCEN; i++) {
		char path[256];
		struct mc_opts o = { t, 1, 1, NULL, 0, NULL, NULL };

		snprintf(path, sizeof path, "%s/%s.mc_runs.csv", dir, scenario_id(f->sc[i]));
		err_clear(&e);
		runs[i] = afile_open(path, &e);
		assert_non_null(runs[i]);
		o.runs_out = afile_stream(runs[i]);
		assert_int_equal(mcwrite_runs_header(o.runs_out), 0);
		assert_int_equal(mc_run(scenario_id(f->sc[i]), f->years[i], f->nyears[i], st, &f->d,
		                        &o, &r[i], &e), 0);
		assert_int_equal(r[i]->failed, 0);
	}
	assert_int_equal(mcwrite_all(dir, r, NSCEN, runs, &e), 0);
	for (int i = 0; i < NSCEN; i++)
		mc_result_free(r[i]);
}

/* Shard k of n of the study into the partial file of dir (made before);
** inputs is the header's digest of the inputs. */
static void shard(struct fx *f, const struct mc_study *st, unsigned t, unsigned k, unsigned n,
                  const char *dir, uint64_t inputs)
{
	struct mcpart_head h;
	char *path = mcpart_name(dir, k, n);
	FILE *fp = fopen(path, "w");
	struct err e;

	assert_non_null(fp);
	memset(&h, 0, sizeof h);
	snprintf(h.dtsim, sizeof h.dtsim, "%s", DTSIM_VERSION);
	snprintf(h.model, sizeof h.model, "%s", MODEL_VERSION);
	h.inputs = inputs;
	h.st = *st;
	h.runs_csv = 1;
	h.shard = k;
	h.nshards = n;
	h.nscen = NSCEN;
	assert_int_equal(mcpart_write_head(fp, &h), 0);
	for (int i = 0; i < NSCEN; i++) {
		struct mc_opts o = { t, k, n, fp, 1, NULL, NULL };
		struct mc_result *r;

		err_clear(&e);
		assert_int_equal(mcpart_write_scenario(fp, scenario_id(f->sc[i]),
		                                       lround(f->years[i][0].sim_start_year),
		                                       f->nyears[i]), 0);
		assert_int_equal(mc_run(scenario_id(f->sc[i]), f->years[i], f->nyears[i], st, &f->d,
		                        &o, &r, &e), 0);
		assert_int_equal(mcpart_write_result(fp, r), 0);
		mc_result_free(r);
	}
	assert_int_equal(mcpart_write_end(fp), 0);
	assert_int_equal(fclose(fp), 0);
	free(path);
}

/* Runs `dtsim merge -o out PART...`; the parts are dir's shards 1..n
** (those of skip left out, dup given twice). */
static int merge(struct fx *f, const char *out, const char *dir, unsigned n, unsigned skip,
                 unsigned dup, struct proc_result *pr)
{
	char merge_cmd[] = "merge", opt[] = "-o", outdir[64];
	char *argv[16] = { f->sb.dtsim, merge_cmd, opt, outdir };
	char *paths[12];
	int a = 4, np = 0, rc;

	snprintf(outdir, sizeof outdir, "%s", out);

	for (unsigned k = 1; k <= n; k++) {
		if (k == skip)
			continue;
		paths[np] = mcpart_name(dir, k, n);
		argv[a++] = paths[np++];
		if (k == dup)
			argv[a++] = paths[np - 1];
	}
	argv[a] = NULL;
	rc = proc_run(argv, NULL, pr);
	for (int i = 0; i < np; i++)
		free(paths[i]);
	return rc;
}

/* The files of a study's directory. */
static const char *const files[] = { "baseline.mc.csv", "baseline.mc_hist.csv",
                                     "baseline.mc_runs.csv", "balanced.mc.csv",
                                     "balanced.mc_hist.csv", "balanced.mc_runs.csv",
                                     "mc_summary.csv" };

#define same_dirs(a, b) proc_same_files((a), (b), files, sizeof files / sizeof files[0])

/* The shards 1..n of st merged into out equal the study in ref. */
static void shards_equal(struct fx *f, const struct mc_study *st, unsigned n, unsigned t,
                         const char *tag, const char *ref)
{
	char dir[64], out[64];
	struct proc_result pr;

	snprintf(dir, sizeof dir, "parts-%s-%u", tag, n);
	snprintf(out, sizeof out, "merged-%s-%u", tag, n);
	assert_int_equal(mkdir(dir, 0755), 0);
	for (unsigned k = 1; k <= n; k++)
		shard(f, st, t, k, n, dir, 0x5eed);
	assert_int_equal(merge(f, out, dir, n, 0, 0, &pr), 0);
	if (pr.status != 0)
		fprintf(stderr, "%s", pr.err);
	assert_int_equal(pr.status, 0);
	proc_result_free(&pr);
	assert_true(same_dirs(ref, out));
}

/* 200 runs, exact percentiles: 1, 2, 3 threads and 1, 2, 5 shards. */
static void exact_threads_and_shards(void **state)
{
	struct fx *f = *state;
	struct mc_study st = { 20260417, 200, MC_RESISTANCE_DEFAULT, NAN, MCSTAT_EXACT_MAX, 0 };

	whole(f, &st, 1, "t1");
	whole(f, &st, 2, "t2");
	whole(f, &st, 3, "t3");
	assert_true(same_dirs("t1", "t2"));
	assert_true(same_dirs("t1", "t3"));
	shards_equal(f, &st, 1, 2, "exact", "t1");
	shards_equal(f, &st, 2, 2, "exact", "t1");
	shards_equal(f, &st, 5, 1, "exact", "t1");
}

/* 300 runs binned (the exact limit set to 100; the pilot is the first
** 300 runs) in the stochastic mode (each run's engine draws incidents and
** overruns from its event streams): 1 and 3 threads, 2 shards. */
static void binned_threads_and_shards(void **state)
{
	struct fx *f = *state;
	struct mc_study st = { 7, 300, 0.45, 2033, 100, 1 };
	char *text;
	size_t len;

	whole(f, &st, 1, "b1");
	whole(f, &st, 3, "b3");
	assert_true(same_dirs("b1", "b3"));
	shards_equal(f, &st, 2, 2, "binned", "b1");
	/* The histograms of continuous KPIs are the shown bins of the pilot's
	** range: 40 rows for end_cash_eur, with no run outside it. */
	text = proc_read_file("b1/baseline.mc_hist.csv", &len);
	assert_non_null(text);
	{
		size_t rows = 0;

		for (const char *p = text; (p = strstr(p, "\n\"end_cash_eur\",")) != NULL; p++)
			rows++;
		assert_int_equal(rows, MCSTAT_SHOWN_BINS);
	}
	free(text);
}

/* Another seed, other results; the same seed, the same bytes. */
static void seed_changes_results(void **state)
{
	struct fx *f = *state;
	struct mc_study st = { 1, 128, MC_RESISTANCE_DEFAULT, NAN, MCSTAT_EXACT_MAX, 0 };
	char *a, *b;
	size_t la = 0, lb = 0;

	whole(f, &st, 2, "s1");
	whole(f, &st, 1, "s1again");
	st.seed = 2;
	whole(f, &st, 2, "s2");
	assert_true(same_dirs("s1", "s1again"));
	a = proc_read_file("s1/mc_summary.csv", &la);
	b = proc_read_file("s2/mc_summary.csv", &lb);
	assert_non_null(a);
	assert_non_null(b);
	assert_false(la == lb && memcmp(a, b, la) == 0);
	free(a);
	free(b);
}

/*
** Common random numbers: run r of both scenarios draws the same
** legacy.om_rate, so with the stand-in (om_rate applied alike) the two
** runs' values differ only by strategy. Checked on the draws: the first
** number of stream (seed, r, id) is the same whatever scenario asks.
*/
static void common_random_numbers(void **state)
{
	struct fx *f = *state;
	struct stream s;
	double u[2];

	(void)f;
	assert_int_equal(stream_init(&s), 0);
	for (int i = 0; i < 2; i++) {
		stream_seed(&s, 99, 17, stream_id("legacy.om_rate"));
		u[i] = stream_uniform(&s);
	}
	assert_true(u[0] == u[1]);
	stream_seed(&s, 99, 17, stream_combine(stream_id("legacy.om_rate"), stream_id("baseline")));
	u[1] = stream_uniform(&s);
	assert_true(u[0] != u[1]);
	stream_release(&s);
}

/* Expects merge to refuse with status 2, stderr containing want, and out
** not to exist afterwards. */
static void refused(struct proc_result *pr, const char *want, const char *out)
{
	if (pr->status != 2 || !strstr(pr->err, want))
		fprintf(stderr, "status %d, stderr: %s(expected: %s)\n", pr->status, pr->err, want);
	assert_int_equal(pr->status, 2);
	assert_non_null(strstr(pr->err, want));
	assert_false(proc_exists(out));
	proc_result_free(pr);
}

/* Replaces the first occurrence of from in path by to. */
static void edit(const char *path, const char *from, const char *to)
{
	size_t len;
	char *t = proc_read_file(path, &len), *p;
	FILE *fp;

	assert_non_null(t);
	p = strstr(t, from);
	assert_non_null(p);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fwrite(t, 1, (size_t)(p - t), fp);
	fputs(to, fp);
	fputs(p + strlen(from), fp);
	fclose(fp);
	free(t);
}

static void merge_refusals(void **state)
{
	struct fx *f = *state;
	struct mc_study st = { 5, 100, MC_RESISTANCE_DEFAULT, NAN, MCSTAT_EXACT_MAX, 0 };
	struct proc_result pr;
	char *p2;

	assert_int_equal(mkdir("r", 0755), 0);
	assert_int_equal(mkdir("other", 0755), 0);
	for (unsigned k = 1; k <= 3; k++)
		shard(f, &st, 1, k, 3, "r", 0xabc);
	/* Shard 2 of another seed. */
	st.seed = 6;
	shard(f, &st, 1, 2, 3, "other", 0xabc);
	/* Missing, repeated shard. */
	assert_int_equal(merge(f, "out1", "r", 3, 2, 0, &pr), 0);
	refused(&pr, "shard 2/3 is missing", "out1");
	assert_int_equal(merge(f, "out2", "r", 3, 0, 1, &pr), 0);
	refused(&pr, "given twice", "out2");
	/* Another seed: "other/mc-part-2-of-3.txt:1: the seed differs". */
	p2 = mcpart_name("r", 2, 3);
	assert_int_equal(rename(p2, "r/saved.txt"), 0);
	assert_int_equal(rename("other/mc-part-2-of-3.txt", p2), 0);
	assert_int_equal(merge(f, "out3", "r", 3, 0, 0, &pr), 0);
	refused(&pr, "r/mc-part-2-of-3.txt:1: the seed differs", "out3");
	assert_int_equal(rename("r/saved.txt", p2), 0);
	/* Other inputs. */
	edit(p2, "inputs 0000000000000abc", "inputs 0000000000000abd");
	assert_int_equal(merge(f, "out4", "r", 3, 0, 0, &pr), 0);
	refused(&pr, "r/mc-part-2-of-3.txt:1: the inputs", "out4");
	edit(p2, "inputs 0000000000000abd", "inputs 0000000000000abc");
	/* A damaged count on shard 2's first "failed" line: 14 header lines,
	** the scenario line, then its 64 runs (block 0 of the 2 blocks of 100
	** runs; shard 1 holds none, shard 3 block 1), so line 80. */
	edit(p2, "\nfailed 0 0\n", "\nfailed x 0\n");
	assert_int_equal(merge(f, "out5", "r", 3, 0, 0, &pr), 0);
	refused(&pr, "r/mc-part-2-of-3.txt:80: failed: expected a whole number", "out5");
	edit(p2, "\nfailed x 0\n", "\nfailed 0 0\n");
	/* A value changed: the bins no longer add up. */
	edit(p2, "\nm 0 0 ", "\nm 0 1 ");
	assert_int_equal(merge(f, "out6", "r", 3, 0, 0, &pr), 0);
	refused(&pr, "the bins of this measure are not the study's", "out6");
	edit(p2, "\nm 0 1 ", "\nm 0 0 ");
	/* Repaired, it merges. */
	assert_int_equal(merge(f, "out7", "r", 3, 0, 0, &pr), 0);
	assert_int_equal(pr.status, 0);
	proc_result_free(&pr);
	free(p2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exact_threads_and_shards),
		cmocka_unit_test(binned_threads_and_shards),
		cmocka_unit_test(seed_changes_results),
		cmocka_unit_test(common_random_numbers),
		cmocka_unit_test(merge_refusals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
