/*
** batchrun.c: running a batch of scenarios into a results directory, for
** dtsim run and dtsim compare (batchrun.h).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "batchrun.h"
#include "csvout.h"
#include "engine.h"
#include "resdir.h"
#include "xlsxout.h"

/* Writes sc resolved to af (path: its name). Returns 0, or -1 with e: the
** cause of a failed write, or that the scenario did not resolve. */
static int write_resolved(const struct scenario *sc, struct afile *af, const char *path,
                          struct err *e)
{
	if (scenario_write_resolved(sc, afile_stream(af)) == 0)
		return 0;
	if (afile_finish(af, e) == 0)
		err_set(e, path, 0, NULL, "cannot write %s: the scenario does not resolve", path);
	return -1;
}

/* Removes dir/ID.csv and dir/ID.params.ini, which a scenario whose run
** failed may have from an earlier run: they must not stand beside this
** run's files. Warns about a file it cannot remove. */
static void remove_scenario_files(const char *dir, const char *id, struct cli_diag *d)
{
	static const char *const suffix[] = { ".csv", ".params.ini" };

	for (size_t k = 0; k < 2; k++) {
		char *path = resdir_join(dir, id, suffix[k]);
		char text[PATH_MAX + 256];

		if (path && unlink(path) != 0 && errno != ENOENT) {
			snprintf(text, sizeof text, "dtsim: warning: cannot remove %s of an earlier"
			         " run: %s\n", path, strerror(errno));
			cli_diag_print(d, text);
		}
		free(path);
	}
}

/*
** Runs scenario i of b with en and writes DIR/ID.csv and DIR/ID.params.ini:
** both are written in full to temporaries first and then renamed into
** place together, so either both are this run's or neither exists (a
** failure removes older files of the id too). Fills *row for summary.csv
** and files[0], files[1] (CSV, params.ini) for the manifest. Returns 0, or
** -1 having printed why.
*/
static int run_one(struct engine *en, const struct cli_batch *b, size_t i, const char *dir,
                   enum csvdialect dialect, struct summary *row, struct burden *burden,
                   struct manifest_file files[2],
                   struct cli_diag *d)
{
	const char *id = scenario_id(b->sc[i]);
	char *csv = resdir_join(dir, id, ".csv");
	char *ini = resdir_join(dir, id, ".params.ini");
	struct afile *af[2] = { NULL, NULL };
	struct series s = { 0, 0, NULL };
	struct err e;
	int rc = -1;

	err_clear(&e);
	if (!csv || !ini) {
		fputs("dtsim: out of memory\n", stderr);
	} else if (engine_run(en, b->years[i], b->nyears[i], &s, &e) != 0) {
		cli_diag_err(d, &e, id);
	} else if (summary_compute(&s, &b->years[i][0], row) != 0) {
		fprintf(stderr, "dtsim: %s: the run produced no rows\n", id);
	} else if (burden_from_series(&s, burden) != 0) {
		fputs("dtsim: out of memory\n", stderr);
	} else if (!(af[0] = afile_open(csv, &e))
	           || csvout_series(afile_stream(af[0]), csv, &s, dialect, &e) != 0
	           || afile_finish(af[0], &e) != 0
	           || !(af[1] = afile_open(ini, &e))
	           || write_resolved(b->sc[i], af[1], ini, &e) != 0
	           || afile_finish(af[1], &e) != 0) {
		cli_diag_err(d, &e, NULL);
	} else {
		for (size_t k = 0; k < 2; k++)
			files[k] = (struct manifest_file){ afile_size(af[k]), afile_digest(af[k]) };
		rc = afile_commit(af[0], &e);
		af[0] = NULL;
		if (rc == 0)
			rc = afile_commit(af[1], &e);
		af[1] = NULL;
		if (rc != 0)
			cli_diag_err(d, &e, NULL);
	}
	afile_abort(af[0]);
	afile_abort(af[1]);
	if (rc != 0)
		burden_free(burden);
	if (rc != 0 && csv && ini)
		remove_scenario_files(dir, id, d);
	series_free(&s);
	free(csv);
	free(ini);
	return rc;
}

static void results_free(struct batchrun_results *res)
{
	for (size_t i = 0; res->burden && i < res->cap; i++)
		burden_free(&res->burden[i]);
	free(res->burden);
	free(res->rows);
	free(res->index);
	free(res->files);
}

/*
** Runs every scenario of b into dir (prepared by cli_results_open) and writes
** dir/summary.csv for the runs that succeeded, which res gets (freed by
** the caller either way). Returns CLI_OK, or CLI_RUN_FAILED having
** printed why when a run or a file failed; the other runs are still
** written.
*/
static int run_batch(const struct cli_batch *b, const char *dir, enum csvdialect dialect,
                     struct batchrun_results *res, struct cli_diag *d)
{
	static const char *const lead_names[] = { "scenario" };
	struct engine *en = engine_new();
	const char **ids = calloc(b->n, sizeof *ids);
	char *path = resdir_join(dir, RESDIR_SUMMARY, "");
	struct afile *af = NULL;
	size_t nfailed = 0;
	struct err e;
	int status = CLI_RUN_FAILED;

	res->rows = calloc(b->n, sizeof *res->rows);
	res->burden = calloc(b->n, sizeof *res->burden);
	res->cap = b->n;
	res->index = calloc(b->n, sizeof *res->index);
	res->files = calloc(b->n, sizeof *res->files);
	if (!en || !ids || !path || !res->rows || !res->burden || !res->index || !res->files) {
		fputs("dtsim: out of memory\n", stderr);
		goto done;
	}
	for (size_t i = 0; i < b->n; i++) {
		if (isatty(STDERR_FILENO))
			fprintf(stderr, "dtsim: [%zu/%zu] running %s\n", i + 1, b->n,
			        scenario_id(b->sc[i]));
		if (run_one(en, b, i, dir, dialect, &res->rows[res->n], &res->burden[res->n],
		            res->files[res->n], d) != 0) {
			nfailed++;
			continue;
		}
		ids[res->n] = scenario_id(b->sc[i]);
		res->index[res->n++] = i;
	}
	err_clear(&e);
	if (res->n > 0) {
		const struct csvout_kpi_table t = { 1, lead_names, ids, 0, res->rows, res->n,
		                                    dialect };

		if (!(af = afile_open(path, &e)) || csvout_kpis(afile_stream(af), path, &t, &e) != 0
		    || afile_finish(af, &e) != 0) {
			cli_diag_err(d, &e, NULL);
			nfailed++;
			res->n = 0;  /* no summary: nothing for a manifest */
		} else {
			res->summary = (struct manifest_file){ afile_size(af), afile_digest(af) };
			if (afile_commit(af, &e) != 0) {
				cli_diag_err(d, &e, NULL);
				nfailed++;
				res->n = 0;
			}
			af = NULL;
		}
	}
	status = nfailed ? CLI_RUN_FAILED : CLI_OK;
done:
	afile_abort(af);
	engine_free(en);
	free(ids);
	free(path);
	return status;
}

/* The scenario of b whose id is id, or -1. */
static long batch_find(const struct cli_batch *b, const char *id)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(scenario_id(b->sc[i]), id) == 0)
			return (long)i;
	return -1;
}

/*
** Chooses each scenario's reference (r->ref): --baseline for all (which
** cli_batch_load has found among the scenarios), else its
** scenario.reference. A scenario.reference that names none of the batch
** leaves the scenario without one, for a file may well be run (or its
** params.ini replayed) without its reference; when the command draws
** charts, a warning at its line says so. Returns 0, or -1 with r->status
** set when out of memory.
*/
static int choose_references(struct batchrun *r)
{
	const struct cli_batch *b = &r->b;

	if (!(r->ref = calloc(b->n ? b->n : 1, sizeof *r->ref))) {
		fputs("dtsim: out of memory\n", stderr);
		r->status = CLI_RUN_FAILED;
		return -1;
	}
	for (size_t i = 0; i < b->n; i++) {
		const char *ref = r->o.baseline ? r->o.baseline
		                                : scenario_text(b->sc[i], P_scenario_reference);
		struct err w;
		const char *file;
		long line;

		if (!ref[0])
			continue;
		if (batch_find(b, ref) >= 0) {
			r->ref[i] = ref;
			continue;
		}
		if (!r->o.plot)
			continue;
		scenario_text_where(b->sc[i], P_scenario_reference, &file, &line);
		err_set(&w, file, line, "scenario.reference", "scenario.reference: '%s' is not"
		        " among the scenarios of this run, so %s's charts have no reference line;"
		        " run it too, or give --baseline", ref, scenario_id(b->sc[i]));
		cli_diag_err(&r->d, &w, "warning");
	}
	return 0;
}

/*
** Writes dir/manifest.csv, the last file of a run: every scenario of res
** with what charts need and its files' sizes and digests. Returns CLI_OK,
** or CLI_RUN_FAILED having printed why.
*/
static int write_manifest(const struct cli_batch *b, const struct batchrun_results *res,
                          const char *const *ref, const char *dir, struct cli_diag *d)
{
	struct manifest m = { calloc(res->n, sizeof *m.entry), res->n, res->summary, 0, NULL,
	                      NULL, NULL };
	char *path = resdir_join(dir, RESDIR_MANIFEST, "");
	int status = CLI_OK;
	struct err e;

	err_clear(&e);
	if (!m.entry || !path) {
		fputs("dtsim: out of memory\n", stderr);
		status = CLI_RUN_FAILED;
		goto done;
	}
	for (size_t i = 0; i < res->n; i++) {
		const struct scenario *sc = b->sc[res->index[i]];
		const struct model_params *p = &b->years[res->index[i]][0];

		m.entry[i] = (struct manifest_entry){
			scenario_id(sc), scenario_text(sc, P_scenario_name),
			scenario_text(sc, P_scenario_description), p->services_target_maturity,
			p->mandate_active != 0, p->mandate_deadline_year, p->mandate_target,
			res->files[i][0], res->files[i][1], scenario_text(sc, P_scenario_name_de),
			scenario_text(sc, P_scenario_description_de), ""
		};
	}
	/* A reference whose run failed is not in the manifest: none then. */
	for (size_t i = 0; i < res->n; i++)
		for (size_t j = 0; ref[res->index[i]] && j < res->n; j++)
			if (strcmp(m.entry[j].id, ref[res->index[i]]) == 0)
				m.entry[i].reference = m.entry[j].id;
	if (manifest_write(path, &m, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		status = CLI_RUN_FAILED;
	}
done:
	free(m.entry);
	free(path);
	return status;
}


/*
** Writes dir/results.xlsx from the CSV files of r's run: a sheet for each
** of r's tables, then one for each scenario that ran. Returns CLI_OK, or
** CLI_RUN_FAILED having printed why.
*/
static int write_xlsx(struct batchrun *r)
{
	const char **ids = calloc(r->res.n, sizeof *ids);
	const struct xlsxout_book book = { r->xlsx_tables, r->nxlsx_tables, ids, r->res.n };
	struct cli_diag *d = &r->d;
	struct err e;
	int status = CLI_OK;

	err_clear(&e);
	if (!ids) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	for (size_t i = 0; i < r->res.n; i++)
		ids[i] = scenario_id(r->b.sc[r->res.index[i]]);
	if (xlsxout_write(r->o.outdir, &book, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		status = CLI_RUN_FAILED;
	}
	free(ids);
	return status;
}

/* ---- the steps of the command ----------------------------------------------------- */

int batchrun_begin(struct batchrun *r, int argc, char **argv, enum cli_kind kind,
                   void (*help)(void))
{
	static const char *const summary_only[] = { "summary" };
	struct err e;

	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->lock = -1;
	r->o.outdir = "out";
	r->xlsx_tables = summary_only;
	r->nxlsx_tables = 1;
	if (cli_opts_parse(argc, argv, kind, help, &r->o, &r->status) != 0
	    || cli_chart_opts(argv[0], r->o.format, r->o.size, r->o.lang, &r->po, &r->status) != 0)
		return -1;
	err_clear(&e);
	if (r->o.csv_dialect && csvdialect_parse(r->o.csv_dialect, &r->dialect, &e) != 0) {
		r->status = cli_usage_error("%s: %s", argv[0], e.msg);
		return -1;
	}
	return 0;
}

int batchrun_run(struct batchrun *r, char *const *paths, size_t n)
{
	if (batchrun_load(r, paths, n) != 0)
		return -1;
	return batchrun_execute(r);
}

int batchrun_load(struct batchrun *r, char *const *paths, size_t n)
{
	r->status = cli_batch_load(paths, n, &r->o, &r->b, &r->d);
	return r->status == CLI_OK && choose_references(r) == 0 ? 0 : -1;
}

int batchrun_execute(struct batchrun *r)
{
	r->status = cli_results_open(r->o.outdir, 1, &r->lock, &r->d);
	if (r->status != CLI_OK)
		return -1;
	r->status = run_batch(&r->b, r->o.outdir, r->dialect, &r->res, &r->d);
	return r->res.n > 0 ? 0 : -1;
}

void batchrun_finish(struct batchrun *r)
{
	const char **ids = NULL;

	if (r->finished)
		return;
	r->finished = 1;
	if (r->o.xlsx && r->res.n > 0 && write_xlsx(r) != CLI_OK)
		r->status = CLI_RUN_FAILED;
	if (r->res.n > 0 && write_manifest(&r->b, &r->res, r->ref, r->o.outdir, &r->d) != CLI_OK) {
		r->status = CLI_RUN_FAILED;
		r->res.n = 0;
	}
	/* The charts come last: their failure leaves the CSV results complete.
	** run draws every chart; compare the two comparison charts of its runs. */
	if (r->o.plot && r->res.n > 0) {
		if (r->kind == CLI_COMPARE && !(ids = calloc(r->res.n, sizeof *ids))) {
			fputs("dtsim: out of memory\n", stderr);
			r->status = CLI_RUN_FAILED;
		} else {
			for (size_t i = 0; ids && i < r->res.n; i++)
				ids[i] = scenario_id(r->b.sc[r->res.index[i]]);
			if (cli_draw_charts(r->o.outdir, ids, r->res.n, &r->po, &r->d) != CLI_OK)
				r->status = CLI_RUN_FAILED;
		}
		free(ids);
	}
}

int batchrun_end(struct batchrun *r)
{
	batchrun_finish(r);
	resdir_unlock(r->lock);
	results_free(&r->res);
	free(r->ref);
	cli_batch_free(&r->b);
	cli_opts_free(&r->o);
	cli_diag_free(&r->d);
	return r->status;
}

size_t batchrun_reference(const struct batchrun *r)
{
	const char *ref = NULL;
	size_t k = r->b.n;

	for (size_t i = 0; r->ref && i < r->b.n; i++) {
		if (!r->ref[i])
			continue;
		if (ref && strcmp(ref, r->ref[i]) != 0) {
			fprintf(stderr, "dtsim: warning: %s: the scenarios name different references"
			        " (scenario.reference: %s, %s); the %s has none; give --baseline\n",
			        r->kind == CLI_REPORT ? "report" : "compare", ref, r->ref[i],
			        r->kind == CLI_REPORT ? "report" : "comparison");
			return r->b.n;
		}
		ref = r->ref[i];
	}
	for (size_t i = 0; ref && i < r->b.n; i++)
		if (strcmp(scenario_id(r->b.sc[i]), ref) == 0)
			k = i;
	return k;
}
