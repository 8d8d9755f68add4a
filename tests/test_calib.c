/*
** test_calib.c: dtsim calibrate (docs/CALIBRATE.md): the history reader
** (sim/history.c), the fit (sim/calib.c) on histories that dtsim itself
** made from known parameters, with and without noise, the warning when
** the history cannot identify the parameters, and the command line: bad
** data is exit 2 with FILE:LINE and nothing written; calibrated.ini
** reproduces the fitted run.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calib.h"
#include "calibout.h"
#include "csvdialect.h"
#include "csvtab.h"
#include "engine.h"
#include "history.h"
#include "scenario.h"
#include "strbuf.h"
#include "testproc.h"
#include "testutil.h"
#include "uncertainty.h"

/* The scenario of every fit: the baseline from 2019, seven years. */
static const char *const sets[] = { "sim.start_year=2019", "sim.years=7" };

/* The parameters of the synthetic history, and those the fit starts from
** (the baseline's: workforce.skill_initial 0.4, legacy.om_rate 0.25). */
static const char *const identified[] = { "workforce.skill_initial", "legacy.om_rate" };
static const double truth[] = { 0.3385, 0.3125 };

/* The observed columns. */
static const enum outvar cols[] = { OV_workforce_skill, OV_om_share, OV_om_legacy_eur };
#define NCOLS (sizeof cols / sizeof cols[0])

struct fx {
	char dir[256], hist[300];
	struct scenario *sc;
	struct model_params *years;
	size_t ny;
	struct unc_set *u;
	struct history *h;
	struct calib_result r;
};

/* Loads the scenario and the set of keys (nk of them). */
static void load(struct fx *f, const char *const *keys, size_t nk)
{
	struct errlist el = { NULL, 0, 0 };
	struct err e;

	memset(f, 0, sizeof *f);
	assert_int_equal(testutil_mkdtemp(f->dir, sizeof f->dir, "calib"), 0);
	snprintf(f->hist, sizeof f->hist, "%s/h.csv", f->dir);
	assert_int_equal(scenario_load("scenarios/baseline.ini", &f->sc, &e), 0);
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		assert_int_equal(scenario_set(f->sc, sets[i], &e), 0);
	assert_int_equal(scenario_resolve(f->sc, &f->years, &f->ny, &e), 0);
	assert_int_equal(unc_build_keys(f->sc, keys, nk, &f->u, &el), 0);
	errlist_free(&el);
}

static void unload(struct fx *f)
{
	calib_result_free(&f->r);
	history_free(f->h);
	unc_free(f->u);
	free(f->years);
	scenario_free(f->sc);
	testutil_rmdir(f->dir, NULL);
}

/*
** Writes f->hist from the run at x: every observed column in every year,
** each value times 1 + sd N(0, 1) from GSL's MT19937 seeded with seed
** (sd 0: the run itself), then reads it back into f->h.
*/
static void make_history(struct fx *f, const double *x, double sd, unsigned long seed)
{
	struct model_params *w = malloc(f->ny * sizeof *w);
	struct engine *en = engine_new();
	struct series s = { 0, 0, NULL };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	FILE *out = fopen(f->hist, "w");
	struct err e;

	assert_non_null(w);
	assert_non_null(en);
	assert_non_null(rng);
	assert_non_null(out);
	gsl_rng_set(rng, seed);
	memcpy(w, f->years, f->ny * sizeof *w);
	assert_int_equal(unc_apply(f->u, x, w, f->ny), 0);
	assert_int_equal(engine_run(en, w, f->ny, &s, &e), 0);
	assert_int_equal(s.rows, f->ny);
	fprintf(out, "year");
	for (size_t j = 0; j < NCOLS; j++)
		fprintf(out, ",%s", outvars_table[cols[j]].name);
	fprintf(out, "\n");
	for (size_t y = 0; y < s.rows; y++) {
		fprintf(out, "%.17g", s.v[y * s.cols + OV_year]);
		for (size_t j = 0; j < NCOLS; j++) {
			double v = s.v[y * s.cols + cols[j]];
			fprintf(out, ",%.17g", sd > 0 ? v * (1.0 + gsl_ran_gaussian(rng, sd)) : v);
		}
		fprintf(out, "\n");
	}
	assert_int_equal(fclose(out), 0);
	assert_int_equal(history_load(f->hist, &f->h, &e), 0);
	gsl_rng_free(rng);
	series_free(&s);
	engine_free(en);
	free(w);
}

static void fit(struct fx *f)
{
	struct calib_in in = { f->u, f->years, f->ny, f->h };
	struct err e;

	err_clear(&e);
	if (calib_fit(&in, &f->r, &e) != 0)
		fail_msg("calib_fit: %s", e.msg);
}

/* ---- the fit -------------------------------------------------------------------- */

/*
** Without noise the fit finds the parameters that made the history, to a
** relative 1e-6, starting from the baseline's values. The pair is
** identifiable from these columns (docs/CALIBRATE.md 5): workforce_skill
** starts from workforce.skill_initial, and with the portfolio value
** derived from the O&M budget (legacy.portfolio_value_eur = auto, MODEL.md
** 3.1) a higher O&M rate means a smaller portfolio, which the same
** modernisation money retires faster: the course of om_share and
** om_legacy_eur over the years tells the rate, and nothing about skill
** moves it the same way. The fit confirms it: condition number and
** correlation within the thresholds.
*/
static void test_zero_noise(void **state)
{
	struct fx f;

	(void)state;
	load(&f, identified, 2);
	make_history(&f, truth, 0.0, 0);
	fit(&f);
	for (size_t i = 0; i < 2; i++)
		assert_close(f.r.x[i], truth[i], 1e-6, 0.0);
	assert_true(f.r.identifiable);
	assert_true(f.r.cond < CALIB_COND_MAX);
	assert_true(fabs(f.r.corr[1]) < CALIB_CORR_MAX);
	assert_close(f.r.chi2, 0.0, 0.0, 1e-20);
	assert_int_equal(f.r.n, f.ny * NCOLS);
	assert_int_equal(f.r.dof, f.ny * NCOLS - 2);
	/* R^2 = 1 - chi^2 / TSS: 1 when the fit is exact. */
	assert_close(f.r.r2, 1.0, 1e-12, 0.0);
	unload(&f);
}

/*
** With noise of 0.5 % (relative, Gaussian, MT19937 seed 2385) on every
** observation the estimates lie within two standard errors of the truth;
** and the standard errors are not 0 (the noise is seen).
*/
static void test_noise(void **state)
{
	struct fx f;

	(void)state;
	load(&f, identified, 2);
	make_history(&f, truth, 0.005, 2385);
	fit(&f);
	for (size_t i = 0; i < 2; i++) {
		assert_true(f.r.se[i] > 0);
		if (!(fabs(f.r.x[i] - truth[i]) <= 2.0 * f.r.se[i]))
			fail_msg("%s = %.6g, truth %.6g, se %.3g", identified[i], f.r.x[i], truth[i],
			         f.r.se[i]);
	}
	assert_true(f.r.chi2 > 0);
	assert_true(f.r.identifiable);
	/* RMSE = sqrt(chi^2 / n). */
	assert_close(f.r.rmse, sqrt(f.r.chi2 / (double)f.r.n), 1e-12, 0.0);
	unload(&f);
}

/*
** finance.discount_rate enters only the present values of the summary
** (MODEL.md, the discounted KPIs), no yearly column: the history cannot
** tell it, so it has no standard error, the Jacobian's column is 0 and the
** pair is flagged.
*/
static void test_not_identifiable(void **state)
{
	static const char *const pair[] = { "workforce.skill_initial", "finance.discount_rate" };
	const double x[] = { 0.3385, 0.031 };
	struct fx f;
	struct calibout_in ci;
	char *text = NULL;
	size_t len = 0;
	FILE *m;

	(void)state;
	load(&f, pair, 2);
	make_history(&f, x, 0.0, 0);
	fit(&f);
	assert_false(f.r.identifiable);
	assert_true(isnan(f.r.se[1]));
	assert_true(isinf(f.r.cond));
	assert_close(f.r.x[0], x[0], 1e-6, 0.0);
	memset(&ci, 0, sizeof ci);
	ci.r = &f.r;
	ci.u = f.u;
	assert_non_null(m = open_memstream(&text, &len));
	calibout_warnings(m, "W: ", &ci, PLOT_EN);
	fclose(m);
	assert_non_null(strstr(text, "W: finance.discount_rate is not identifiable"));
	assert_non_null(strstr(text, "condition number"));
	free(text);
	unload(&f);
}

/* The pair of test_correlated and the truths of its history. */
static const char *const correlated[] = { "workforce.training_gain", "workforce.skill_half_life" };
static const double correlated_truth[] = { 0.3385, 6.15 };

/* What calibout writes of f's fit in lang: the report, or with prefix the
** warnings alone. Owned by the caller. */
static char *written(struct fx *f, enum plot_lang lang, const char *prefix)
{
	struct calibout_in ci;
	char *text = NULL;
	size_t len = 0;
	FILE *m;

	memset(&ci, 0, sizeof ci);
	ci.r = &f->r;
	ci.u = f->u;
	ci.h = f->h;
	ci.history_path = f->hist;
	ci.sc = f->sc;
	ci.lang = lang;
	assert_non_null(m = open_memstream(&text, &len));
	if (prefix)
		calibout_warnings(m, prefix, &ci, lang);
	else
		assert_int_equal(calibout_report(m, &ci), 0);
	assert_int_equal(fclose(m), 0);
	return text;
}

/*
** The correlation path of the warning (docs/CALIBRATE.md 4 and 5): over
** seven years workforce_skill tells the balance of what training adds
** (workforce.training_gain) and what decay takes (workforce.skill_half_life,
** MODEL.md 4), hardly each: a higher gain with a shorter half-life gives
** nearly the same course. The fit of an exact history still finds the
** truths (to a relative 1e-6) and every standard error, but the estimates
** correlate negatively beyond CALIB_CORR_MAX while the condition number
** stays below CALIB_COND_MAX, so the correlation alone raises the warning.
** For two parameters the two are tied (docs/CALIBRATE.md 4):
** cond = sqrt((1 + |corr|) / (1 - |corr|)).
*/
static void test_correlated(void **state)
{
	struct fx f;
	double c;
	char *text, want[256];
	const char *at;

	(void)state;
	load(&f, correlated, 2);
	make_history(&f, correlated_truth, 0.0, 0);
	fit(&f);
	for (size_t i = 0; i < 2; i++) {
		assert_close(f.r.x[i], correlated_truth[i], 1e-6, 0.0);
		assert_true(isfinite(f.r.se[i]));
	}
	c = f.r.corr[1];
	assert_close(f.r.corr[2], c, 1e-12, 0.0);
	assert_true(c < -CALIB_CORR_MAX);
	assert_true(f.r.cond < CALIB_COND_MAX);
	assert_close(f.r.cond, sqrt((1.0 + fabs(c)) / (1.0 - fabs(c))), 1e-9, 0.0);
	assert_false(f.r.identifiable);
	/* One warning line, the pair's, with the correlation as the report
	** writes numbers (6 significant digits). */
	text = written(&f, PLOT_EN, "W: ");
	snprintf(want, sizeof want, "W: workforce.training_gain and workforce.skill_half_life are "
	         "not identifiable apart: their estimates correlate with %.6g (allowed magnitude: "
	         "0.95)\n", c);
	assert_string_equal(text, want);
	free(text);
	text = written(&f, PLOT_EN, NULL);
	snprintf(want, sizeof want, "**Warning:**\n\n- workforce.training_gain and "
	         "workforce.skill_half_life are not identifiable apart: their estimates correlate "
	         "with %.6g (allowed magnitude: 0.95)\n\n## Residuals", c);
	assert_non_null(strstr(text, want));
	assert_null(strstr(text, "condition number (columns"));
	free(text);
	/* In German: the same warning, its number with a decimal comma and the
	** minus sign U+2212. */
	text = written(&f, PLOT_DE, NULL);
	snprintf(want, sizeof want, "%.6g", -c);
	assert_non_null(at = strstr(text, "**Warnung:**\n\n- workforce.training_gain und "
	                            "workforce.skill_half_life sind nicht getrennt identifizierbar: "
	                            "ihre Sch\xc3\xa4tzwerte korrelieren mit \xe2\x88\x92" "0,"));
	at = strstr(at, "0,") + 2;
	assert_int_equal(strncmp(at, want + 2, strlen(want) - 2), 0);
	assert_non_null(strstr(at, " (zul\xc3\xa4ssig ist ein Betrag bis 0,95)\n"));
	free(text);
	/* The writer's warning of a fit that stopped, after one iteration
	** (singular) and two, comes first. */
	f.r.converged = 0;
	for (f.r.iter = 1; f.r.iter <= 2; f.r.iter++) {
		text = written(&f, PLOT_DE, "W: ");
		snprintf(want, sizeof want, "W: das Verfahren hat nach %zu %s angehalten, ohne seine "
		         "Toleranzen zu erreichen (kein Fortschritt mehr oder die Obergrenze von %d "
		         "Iterationen)", f.r.iter, f.r.iter == 1 ? "Iteration" : "Iterationen",
		         CALIB_MAX_ITER);
		assert_int_equal(strncmp(text, want, strlen(want)), 0);
		assert_non_null(strstr(text, "\nW: workforce.training_gain und "));
		free(text);
	}
	unload(&f);
}

/*
** The README's worked example: the synthetic history of 2019 to 2025
** (scenarios/synthetic_history_2019_2025.csv) gives the figures the README
** quotes, to the digits it quotes: skill 0.305 (se 0.004), O&M rate 0.299
** (se 0.012), correlation -0.43, condition number 1.6, R-squared 0.95, 20
** observations, 6 iterations, 54 model runs; and the truths it was made
** from (0.31, 0.29) lie within two standard errors.
*/
static void test_worked_example(void **state)
{
	struct fx f;
	struct err e;

	(void)state;
	load(&f, identified, 2);
	assert_int_equal(history_load("scenarios/synthetic_history_2019_2025.csv", &f.h, &e), 0);
	fit(&f);
	assert_int_equal(f.r.n, 20);
	assert_int_equal(f.r.iter, 6);
	assert_int_equal(f.r.runs, 54);
	assert_close(f.r.x[0], 0.305, 0, 0.0005);
	assert_close(f.r.se[0], 0.004, 0, 0.0005);
	assert_close(f.r.x[1], 0.299, 0, 0.0005);
	assert_close(f.r.se[1], 0.012, 0, 0.0005);
	assert_close(f.r.corr[1], -0.43, 0, 0.005);
	assert_close(f.r.cond, 1.6, 0, 0.05);
	assert_close(f.r.r2, 0.95, 0, 0.005);
	assert_true(fabs(f.r.x[0] - 0.31) <= 2 * f.r.se[0]);
	assert_true(fabs(f.r.x[1] - 0.29) <= 2 * f.r.se[1]);
	assert_true(f.r.identifiable);
	unload(&f);
}

/* ---- the history reader ---------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The German dialect, an empty cell, weights, a blank line. */
static void test_history_read(void **state)
{
	char dir[256], path[300];
	struct history *h;
	struct err e;

	(void)state;
	assert_int_equal(testutil_mkdtemp(dir, sizeof dir, "hist"), 0);
	snprintf(path, sizeof path, "%s/h.csv", dir);
	write_file(path, CSVDIALECT_BOM "year;om_share;w_om_share;cash_eur\n"
	           "2019;0,385;2,5;\n\n2020;;;1,5e6\n");
	assert_int_equal(history_load(path, &h, &e), 0);
	assert_int_equal(h->nrows, 2);
	assert_int_equal(h->ncols, 2);
	assert_int_equal(h->col[0], OV_om_share);
	assert_int_equal(h->col[1], OV_cash_eur);
	assert_int_equal(h->year[1], 2020);
	assert_int_equal(h->line[1], 4);
	assert_close(h->obs[0], 0.385, 0, 0);
	assert_close(h->w[0], 2.5, 0, 0);
	assert_true(isnan(h->obs[1]));
	assert_close(h->w[1], 0.0, 0, 0);
	assert_true(isnan(h->obs[2]));
	assert_close(h->obs[3], 1.5e6, 0, 0);
	assert_close(h->w[3], 1.0, 0, 0);
	assert_int_equal(h->nobs, 2);
	history_free(h);
	testutil_rmdir(dir, NULL);
}

/* Each bad history: the line and the column blamed, and a phrase. */
static const struct bad {
	const char *text;
	long line;
	const char *key, *phrase;
} bad[] = {
	{ "year,om_shar\n2019,0.3\n", 1, "om_shar", "unknown column 'om_shar'; allowed: year" },
	{ "om_share\n0.3\n", 1, "year", "no column 'year'" },
	{ "year\n2019\n", 1, "", "no observed column" },
	{ "year,om_share,om_share\n2019,1,1\n", 1, "om_share", "named twice" },
	{ "year,w_om_share,cash_eur\n2019,1,1\n", 1, "w_om_share", "without the column" },
	{ "year,om_share\n2019,0.3\n2019.5,0.4\n", 3, "year", "whole number" },
	{ "year,om_share\n2019,0.3\n\n2019,0.4\n", 4, "year", "given twice (first at line 2)" },
	{ "year,om_share\n2019,abc\n", 2, "om_share", "'abc' is not a number" },
	{ "year,om_share\n2019,inf\n", 2, "om_share", "is not a number" },
	{ "year,om_share\n2019,\"0,3\"\n", 2, "om_share", "decimal point" },
	{ "year,om_share,w_om_share\n2019,0.3,-1\n", 2, "w_om_share", "negative" },
	{ "year,om_share\n2019,\n2020,\n", 3, "", "no observations" },
	{ "year,om_share,w_om_share\n2019,0.3,0\n", 2, "", "no observations" },
	{ "year,om_share\n2019,0.3,1\n", 2, "", "fields" },
};

static void test_history_bad(void **state)
{
	char dir[256], path[300];

	(void)state;
	assert_int_equal(testutil_mkdtemp(dir, sizeof dir, "hist"), 0);
	snprintf(path, sizeof path, "%s/h.csv", dir);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct history *h = (struct history *)1;
		struct err e;

		write_file(path, bad[i].text);
		err_clear(&e);
		assert_int_equal(history_load(path, &h, &e), -1);
		assert_null(h);
		if (e.line != bad[i].line || strcmp(e.file, path) != 0
		    || strcmp(e.key, bad[i].key) != 0 || !strstr(e.msg, bad[i].phrase))
			fail_msg("case %zu: %s:%ld: [%s] %s", i, e.file, e.line, e.key, e.msg);
	}
	testutil_rmdir(dir, NULL);
}

/* ---- the command line -------------------------------------------------------------- */

/* Runs dtsim calibrate on history (written from text) with the fitted
** pair; r gets the result. */
/* Runs args (NULL-ended, at most 31) and requires exit status 0. */
static void run_ok(const char *const *args)
{
	char *argv[32];
	struct proc_result r;
	size_t n = 0;

	while (args[n] && n < 31) {
		argv[n] = (char *)args[n];
		n++;
	}
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	if (r.status != 0)
		fail_msg("%s %s: status %d: %s", args[0], args[1], r.status, r.err);
	proc_result_free(&r);
}

static void calibrate(const char *dtsim, const char *dir, const char *text,
                      struct proc_result *r)
{
	char hist[300], out[300];
	const char *args[] = { dtsim, "calibrate", "--data", hist, "--fit",
	                       "workforce.skill_initial,legacy.om_rate", "-o", out, "--set",
	                       "sim.start_year=2019", "--years", "7", "scenarios/baseline.ini", NULL };
	char *argv[sizeof args / sizeof args[0]];

	memcpy(argv, args, sizeof args);

	snprintf(hist, sizeof hist, "%s/h.csv", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	if (text)
		write_file(hist, text);
	assert_int_equal(proc_run(argv, NULL, r), 0);
}

/* Bad data: exit 2, FILE:LINE naming the column, nothing written. */
static void test_cli_bad(void **state)
{
	static const struct {
		const char *text;
		const char *where;  /* after the directory */
	} cases[] = {
		{ "year,workforce_skil\n2019,0.3\n", "/h.csv:1: unknown column 'workforce_skil'" },
		{ "year,workforce_skill\n2019,0.3\n2018,0.3\n2020,0.3\n", "/h.csv:3: year 2018 lies "
		  "outside the run (2019 to 2025)" },
		{ "year,workforce_skill\n2019,0.3\n2026,0.3\n2020,0.3\n", "/h.csv:3: year 2026" },
		{ "year,workforce_skill\n2019,x\n", "/h.csv:2: column workforce_skill: 'x' is not a number" },
		{ "year,workforce_skill\n2019,0.3\n2019,0.3\n", "/h.csv:3: year 2019 is given twice" },
		{ "year,workforce_skill\n2019,\n", "/h.csv:2: no observations" },
		{ "year,workforce_skill\n2019,0.3\n2020,0.3\n", "/h.csv: 2 observations for 2 parameters" },
	};
	const char *dtsim = getenv("DTSIM");
	char dir[256], out[300];

	(void)state;
	if (!dtsim)
		skip();
	assert_int_equal(testutil_mkdtemp(dir, sizeof dir, "calcli"), 0);
	snprintf(out, sizeof out, "%s/out", dir);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct proc_result r;
		char want[512];

		calibrate(dtsim, dir, cases[i].text, &r);
		snprintf(want, sizeof want, "%s%s", dir, cases[i].where);
		if (r.status != 2 || strncmp(r.err, want, strlen(want)) != 0 || r.outlen != 0)
			fail_msg("case %zu: status %d, stderr: %s", i, r.status, r.err);
		assert_false(proc_exists(out));
		proc_result_free(&r);
	}
	testutil_rmdir(dir, "h.csv");
}

/*
** handover.ini starts in 2026 with workforce.skill_initial at the fitted
** run's workforce_skill of 2025 (the value at the end of the last observed
** year, calibrated.csv), and dtsim run takes it.
*/
static void check_handover(const char *dtsim, const char *dir)
{
	char ini[300], run[300], plan[300], *text;
	struct csvtab *t;
	struct err e;
	double want = NAN, got;
	const char *at;
	size_t len;

	snprintf(ini, sizeof ini, "%s/out/handover.ini", dir);
	snprintf(run, sizeof run, "%s/out/calibrated.csv", dir);
	snprintf(plan, sizeof plan, "%s/plan", dir);
	assert_int_equal(csvtab_load(run, &t, &e), 0);
	for (size_t i = 0; i < csvtab_rows(t); i++)
		if (csvtab_num(t, i, (size_t)csvtab_find(t, "year")) == 2025)
			want = csvtab_num(t, i, (size_t)csvtab_find(t, "workforce_skill"));
	csvtab_free(t);
	assert_non_null(text = proc_read_file(ini, &len));
	assert_non_null(strstr(text, "extends = calibrated.ini\n"));
	assert_non_null(strstr(text, "[sim]\nstart_year = 2026\n"));
	assert_non_null(at = strstr(text, "[workforce]\nskill_initial = "));
	got = strtod(at + strlen("[workforce]\nskill_initial = "), NULL);
	assert_true(got == want);
	free(text);
	run_ok((const char *const[]){ dtsim, "run", "--years", "2", "-o", plan, ini, NULL });
	snprintf(run, sizeof run, "%s/plan/handover.csv", dir);
	assert_int_equal(csvtab_load(run, &t, &e), 0);
	assert_close(csvtab_num(t, 0, (size_t)csvtab_find(t, "year")), 2026, 0, 0);
	csvtab_free(t);
	assert_int_equal(proc_remove_tree(plan), 0);
}

/* calibrated.ini, run by dtsim run, gives the fitted run byte for byte. */
static void test_cli_reproduces(void **state)
{
	const char *dtsim = getenv("DTSIM");
	char dir[256], ini[300], out[300], again[300], a[300], b[300];
	struct proc_result r;
	struct fx f;

	(void)state;
	if (!dtsim)
		skip();
	load(&f, identified, 2);
	make_history(&f, truth, 0.002, 7);
	snprintf(dir, sizeof dir, "%s", f.dir);
	calibrate(dtsim, dir, NULL, &r);
	if (r.status != 0)
		fail_msg("status %d: %s", r.status, r.err);
	assert_non_null(strstr(r.out, "| workforce.skill_initial | index | 0.4 |"));
	proc_result_free(&r);
	snprintf(ini, sizeof ini, "%s/out/calibrated.ini", dir);
	snprintf(again, sizeof again, "%s/again", dir);
	run_ok((const char *const[]){ dtsim, "run", "-o", again, ini, NULL });
	snprintf(a, sizeof a, "%s/out/calibrated.csv", dir);
	snprintf(b, sizeof b, "%s/again/calibrated.csv", dir);
	assert_true(proc_same_file(a, b));
	check_handover(dtsim, dir);
	snprintf(out, sizeof out, "%s/out", dir);
	assert_int_equal(proc_remove_tree(out), 0);
	assert_int_equal(proc_remove_tree(again), 0);
	unload(&f);
}

/*
** A year-block key moves alike in every year: with workforce.hire_skill
** set to 0.42 (the last of two --set values, the first dropped from
** calibrated.ini, which refuses a key twice) and to 0.45 from 2022, the
** fitted 2022 value is the fitted first-year value plus 0.03; and
** calibrated.ini still reproduces the fitted run byte for byte.
*/
static void test_cli_year_block(void **state)
{
	const char *dtsim = getenv("DTSIM");
	char dir[256], hist[300], out[300], ini[400], again[300], a[400], b[400], *text;
	const char *at;
	double x0, x1;
	struct proc_result r;
	size_t len;
	struct fx f;

	(void)state;
	if (!dtsim)
		skip();
	load(&f, identified, 2);
	make_history(&f, truth, 0.002, 11);
	snprintf(dir, sizeof dir, "%s", f.dir);
	snprintf(hist, sizeof hist, "%s/h.csv", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	{
		const char *args[] = { dtsim, "calibrate", "--data", hist, "--fit",
		                       "workforce.skill_initial,workforce.hire_skill", "-o", out,
		                       "--set", "sim.start_year=2019", "--years", "7", "--set",
		                       "workforce.hire_skill=0.41", "--set", "workforce@2022.hire_skill=0.45",
		                       "--set", "workforce.hire_skill=0.42", "scenarios/baseline.ini", NULL };
		char *argv[sizeof args / sizeof args[0]];
		memcpy(argv, args, sizeof args);
		assert_int_equal(proc_run(argv, NULL, &r), 0);
		if (r.status != 0)
			fail_msg("status %d: %s", r.status, r.err);
		proc_result_free(&r);
	}
	snprintf(ini, sizeof ini, "%s/calibrated.ini", out);
	assert_non_null(text = proc_read_file(ini, &len));
	assert_null(strstr(text, "0.41"));
	assert_null(strstr(text, "= 0.42\n"));
	assert_non_null(at = strstr(text, "\nhire_skill = "));
	x0 = strtod(at + strlen("\nhire_skill = "), NULL);
	assert_non_null(at = strstr(text, "[workforce@2022]\nhire_skill = "));
	x1 = strtod(at + strlen("[workforce@2022]\nhire_skill = "), NULL);
	assert_close(x1 - x0, 0.03, 1e-12, 1e-12);
	free(text);
	snprintf(again, sizeof again, "%s/again", dir);
	run_ok((const char *const[]){ dtsim, "run", "-o", again, ini, NULL });
	snprintf(a, sizeof a, "%s/calibrated.csv", out);
	snprintf(b, sizeof b, "%s/calibrated.csv", again);
	assert_true(proc_same_file(a, b));
	assert_int_equal(proc_remove_tree(out), 0);
	assert_int_equal(proc_remove_tree(again), 0);
	unload(&f);
}

/* Runs dtsim calibrate of the pair correlated on f's history into dir/out,
** with --lang lang unless lang is NULL; r gets the result. */
static void calibrate_lang(const char *dtsim, struct fx *f, const char *out, const char *lang,
                           struct proc_result *r)
{
	const char *args[] = { dtsim, "calibrate", "--data", f->hist, "--fit",
	                       "workforce.training_gain,workforce.skill_half_life", "-o", out,
	                       "--set", "sim.start_year=2019", "--years", "7", "--lang", lang,
	                       "scenarios/baseline.ini", NULL };
	char *argv[sizeof args / sizeof args[0]];
	const size_t n = sizeof args / sizeof args[0];

	memcpy(argv, args, sizeof args);
	if (!lang) {
		/* Without --lang: the scenario takes the option's place. */
		argv[n - 4] = argv[n - 2];
		argv[n - 3] = NULL;
	}
	assert_int_equal(proc_run(argv, NULL, r), 0);
	if (r->status != 0)
		fail_msg("status %d: %s", r->status, r->err);
}

/* Whether file holds every one of the n texts. */
static void assert_holds(const char *file, const char *text, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strstr(text, want[i]))
			fail_msg("%s lacks: %s", file, want[i]);
}

/*
** Runs the fit of calibrate_lang into out and returns calibration.md
** (owned by the caller), having checked that it is the report on stdout
** after a line naming the version, that it holds the n texts of heads, and
** that stderr warns of the pair in English.
*/
static char *report_in(const char *dtsim, struct fx *f, const char *out, const char *lang,
                       const char *const *heads, size_t n)
{
	struct proc_result r;
	char path[400], *text;
	const char *body;
	size_t len;

	calibrate_lang(dtsim, f, out, lang, &r);
	assert_non_null(strstr(r.err, "dtsim: warning: workforce.training_gain and "
	                       "workforce.skill_half_life are not identifiable apart"));
	snprintf(path, sizeof path, "%s/calibration.md", out);
	assert_non_null(text = proc_read_file(path, &len));
	assert_non_null(body = strstr(text, "-->\n"));
	assert_string_equal(body + 4, r.out);
	proc_result_free(&r);
	assert_holds(path, text, heads, n);
	return text;
}

/*
** --lang de writes calibration.md (and the report on stdout) in German:
** German headings and table headers, numbers with a decimal comma and the
** minus sign U+2212 (each number of the English report, rewritten), the
** warning in German; stderr stays English. Without --lang the report is
** English, as before (headings, headers, the warning, decimal points).
*/
static void test_cli_lang(void **state)
{
	static const char *const de_heads[] = {
		"# Kalibrierung: baseline\n\nAngepasst wurden 2 Parameter an 21 beobachtete Werte aus ",
		"## Sch\xc3\xa4tzwerte\n\n| Parameter | Einheit | Startwert | Sch\xc3\xa4tzwert |"
		" Standardfehler | Untergrenze | Obergrenze |\n",
		"## Korrelationen der Sch\xc3\xa4tzwerte\n",
		"## G\xc3\xbcte der Anpassung\n\n| Chi-Quadrat | Freiheitsgrade | RMSE |"
		" Bestimmtheitsma\xc3\x9f R\xc2\xb2 | Konditionszahl |\n",
		"**Warnung:**\n\n- workforce.training_gain und workforce.skill_half_life sind nicht"
		" getrennt identifizierbar",
		"## Residuen\n\n",
		"| Jahr | Spalte | Beobachtet | Modellwert | Gewicht | Bezugsgr\xc3\xb6\xc3\x9f" "e |"
		" Residuum |\n",
		/* training_gain starts from the baseline's 0.3, skill_half_life's
		** range is 0.5 to 100 (dtsim params). */
		"| workforce.training_gain | index | 0,3 | ",
		"| 0,5 | 100 |\n",
	};
	static const char *const en_heads[] = {
		"# Calibration of baseline\n\nWeighted nonlinear least squares (GSL trust region, "
		"Levenberg-Marquardt) of 2 parameters to 21 observations of ",
		"## Estimates\n\n| parameter | unit | start | estimate | std. error | lower | upper |\n",
		"## Correlations of the estimates\n",
		"## Fit\n\n| chi-squared | dof | RMSE | R-squared | condition number |\n",
		"**Warning:**\n\n- workforce.training_gain and workforce.skill_half_life are not"
		" identifiable apart",
		"## Residuals\n\nresidual = sqrt(weight) (fitted - observed) / scale\n\n"
		"| year | column | observed | fitted | weight | scale | residual |\n",
		"| workforce.training_gain | index | 0.3 | ",
		"| 0.5 | 100 |\n",
	};
	const char *dtsim = getenv("DTSIM");
	char de[300], en[300], *tde, *ten;
	struct fx f;
	const char *p;
	struct strbuf want = STRBUF_INIT;

	(void)state;
	if (!dtsim)
		skip();
	load(&f, correlated, 2);
	make_history(&f, correlated_truth, 0.0, 0);
	snprintf(de, sizeof de, "%s/de", f.dir);
	snprintf(en, sizeof en, "%s/en", f.dir);

	tde = report_in(dtsim, &f, de, "de", de_heads, sizeof de_heads / sizeof de_heads[0]);
	ten = report_in(dtsim, &f, en, NULL, en_heads, sizeof en_heads / sizeof en_heads[0]);
	assert_null(strstr(ten, "\xe2\x88\x92"));
	assert_null(strstr(ten, "Sch\xc3\xa4tzwert"));

	/* The German report holds the English one's numbers rewritten, "-" to
	** U+2212 and "." to ",": the first row of residuals, whole. */
	assert_non_null(p = strstr(ten, "|---:|---|---:|---:|---:|---:|---:|\n"));
	p += strlen("|---:|---|---:|---:|---:|---:|---:|\n");
	for (; *p && *p != '\n'; p++)
		strbuf_printf(&want, *p == '-' ? "\xe2\x88\x92" : *p == '.' ? "," : "%c", *p);
	assert_true(strchr(strbuf_str(&want), ',') != NULL);
	assert_holds("de/calibration.md", tde, (const char *const[]){ strbuf_str(&want) }, 1);
	strbuf_free(&want);
	free(tde);
	free(ten);
	assert_int_equal(proc_remove_tree(de), 0);
	assert_int_equal(proc_remove_tree(en), 0);
	unload(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zero_noise),
		cmocka_unit_test(test_noise),
		cmocka_unit_test(test_not_identifiable),
		cmocka_unit_test(test_correlated),
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_history_read),
		cmocka_unit_test(test_history_bad),
		cmocka_unit_test(test_cli_bad),
		cmocka_unit_test(test_cli_reproduces),
		cmocka_unit_test(test_cli_year_block),
		cmocka_unit_test(test_cli_lang),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
