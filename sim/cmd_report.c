/*
** cmd_report.c: dtsim report [-o DIR] [--lang en|de] [--baseline ID]
** [run's options] SCENARIO.ini...: run every scenario as dtsim run does,
** draw every chart, analyse the sensitivity of one scenario, and write
** DIR/report.md (report.h) with each scenario's question and answer, its
** dashboard, the comparison, the assumptions that matter most and the
** sources; with pandoc (pandoc.h) also DIR/report.html and DIR/report.docx.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "batchrun.h"
#include "commands.h"
#include "compare.h"
#include "council.h"
#include "pandoc.h"
#include "report.h"
#include "reportmc.h"
#include "resdir.h"
#include "sensitivity.h"
#include "sensprov.h"

/* The most assumptions the report's table lists: what a page holds. */
#define REPORT_TOP_ASSUMPTIONS 8

/* The file the command writes in DIR. */
#define REPORT_MD "report.md"

void cmd_report_help(void)
{
	printf("Usage: dtsim report [OPTION]... SCENARIO.ini...\n"
	       "Run every scenario as 'dtsim run' does, writing the same files into DIR, draw\n"
	       "every chart as 'dtsim plot' does (PNG, into DIR/plots), and write\n"
	       "  DIR/report.md  for each scenario its question (scenario.description), a\n"
	       "                 one-sentence answer from its key figures and its dashboard;\n"
	       "                 the scenarios compared in a table and in charts; the\n"
	       "                 assumptions that move the answer most (one-at-a-time\n"
	       "                 sensitivity of the reference scenario, or of the first);\n"
	       "                 the uncertainty, when DIR holds it: the study of 'dtsim mc'\n"
	       "                 (mc_summary.csv: the probability of reaching the target,\n"
	       "                 of payback and of a funding gap, percentiles; the fan charts\n"
	       "                 and histograms) and the analyses of 'dtsim sensitivity\n"
	       "                 --method tornado|morris|sobol' (their tables and charts);\n"
	       "                 the sources.\n"
	       "  DIR/report.html, DIR/report.docx\n"
	       "                 the same, self-contained HTML (the charts embedded) and\n"
	       "                 Word, made by pandoc when it is installed (without it,\n"
	       "                 report.md alone, and a note on stderr)\n"
	       "Names and descriptions are shown as the text they are: no character of a\n"
	       "scenario file becomes Markdown markup.\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --lang=L           the report and its charts in en (default) or de\n"
	       "      --baseline=ID      the reference scenario (one of those given, by its\n"
	       "                         id: the file name without .ini): every answer and\n"
	       "                         the table say how far each differs from it\n"
	       "      --rank=KPI         rank the comparison table by KPI, one of those of\n"
	       "                         'dtsim compare --help' (default: %s)\n"
	       "      --format=LIST, --size=W,H\n"
	       "                         chart options, as in 'dtsim plot'; LIST must\n"
	       "                         include png, the charts the report shows\n"
	       "      --plot             accepted: the report always draws its charts\n"
	       "      --xlsx             also write DIR/results.xlsx, as 'dtsim run --xlsx'\n"
	       "      --csv-dialect=D    the CSV dialect of the results, as in 'dtsim run'\n"
	       "      --set=KEY=VALUE    set parameter KEY in every scenario, as in 'dtsim run'\n"
	       "      --years=N, --dt=D, --method=M, --report-step=S\n"
	       "                         shorthands for --set sim.KEY=VALUE, as in 'dtsim run'\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "Environment: DTSIM_PLOTS and DTSIM_GNUPLOT, as for 'dtsim plot';\n"
	       "DTSIM_PANDOC, the pandoc program (default: pandoc, found in PATH).\n"
	       "\n"
	       "%s", COMPARE_RANK_DEFAULT, cli_exit_table);
}

/* 1 when dir/rel is a regular file (not a link to one): a chart that
** gnuplot drew and dtsim renamed into place. */
static int chart_exists(const char *dir, const char *rel)
{
	char *path = resdir_join(dir, rel, "");
	struct stat st;
	int ok = path && lstat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	return ok;
}

/* The most pages of a comparison chart the report looks for. */
#define REPORT_MAX_PAGES 1000

/*
** Finds the files of comparison chart c in dir: the chart in one file, or
** its pages 1, 2, ... (a chart of more scenarios than a page holds), as far
** as they go. Fills *out.
*/
static void find_pages(const char *dir, enum report_chart c, struct report_chart_files *out)
{
	struct strbuf file = STRBUF_INIT;

	out->files = 0;
	out->paged = 0;
	report_chart_file(c, 0, &file);
	if (chart_exists(dir, strbuf_str(&file))) {
		out->files = 1;
	} else {
		for (size_t k = 1; k <= REPORT_MAX_PAGES; k++) {
			strbuf_reset(&file);
			report_chart_file(c, k, &file);
			if (!chart_exists(dir, strbuf_str(&file)))
				break;
			out->files = k;
			out->paged = 1;
		}
	}
	strbuf_free(&file);
}

/* ---- the assumptions that matter most ------------------------------------------ */

/*
** Picks up to REPORT_TOP_ASSUMPTIONS assumptions (not decisions) of s that
** move the report's KPIs most: the largest |elasticity| of each KPI in
** turn, each parameter once. Fills as (room for REPORT_TOP_ASSUMPTIONS).
** Returns how many.
*/
static size_t pick_assumptions(const struct sens *s, struct report_assumption *as)
{
	size_t np = sens_count(s), n = 0;
	size_t *order = calloc(REPORT_SENS_NKPI * np + 1, sizeof *order);
	size_t *rank = calloc(np + 1, sizeof *rank);
	size_t next[REPORT_SENS_NKPI] = { 0 };
	int more = 1;

	if (!order || !rank) {
		free(order);
		free(rank);
		return 0;
	}
	for (size_t k = 0; k < REPORT_SENS_NKPI; k++)
		sens_order(s, report_sens_kpis[k], order + k * np, rank);
	while (n < REPORT_TOP_ASSUMPTIONS && more) {
		more = 0;
		for (size_t k = 0; k < REPORT_SENS_NKPI && n < REPORT_TOP_ASSUMPTIONS; k++) {
			const size_t *ok = order + k * np;

			while (next[k] < np) {
				size_t i = ok[next[k]++];
				const struct sens_param *x = sens_param(s, i);
				int seen = 0;

				if (x->decision || isnan(sens_elasticity(s, i, report_sens_kpis[k])))
					continue;
				for (size_t j = 0; j < n; j++)
					seen |= strcmp(as[j].name, x->name) == 0;
				if (seen)
					continue;
				as[n].name = x->name;
				as[n].meaning = x->def->meaning;
				as[n].unit = x->def->unit;
				as[n].source = x->def->source;
				as[n].value = x->base;
				for (size_t q = 0; q < REPORT_SENS_NKPI; q++)
					as[n].elasticity[q] = sens_elasticity(s, i, report_sens_kpis[q]);
				n++;
				more = 1;
				break;
			}
		}
	}
	free(order);
	free(rank);
	return n;
}

/*
** Runs the one-at-a-time analysis of scenario sc (default step) into *out
** (sens_free by the caller, also on failure; *raw too). A run that fails
** is a warning: its side is left out, as in dtsim sensitivity. Returns 0,
** or -1 having printed why.
*/
static int analyse(const struct scenario *sc, struct sens **out, struct model_params **raw,
                   struct cli_diag *d)
{
	size_t n = 0, failed = 0;
	struct err e;

	err_clear(&e);
	*out = NULL;
	*raw = NULL;
	if (scenario_resolve_raw(sc, raw, &n, &e) != 0
	    || sens_new(sc, *raw, n, SENS_STEP_DEFAULT, out, &e) != 0) {
		cli_diag_err(d, &e, scenario_id(sc));
		return -1;
	}
	for (size_t i = 0; i < sens_count(*out); i++)
		failed += (size_t)sens_run(*out, i);
	if (failed)
		fprintf(stderr, "dtsim: warning: %s: %zu run%s of the sensitivity analysis failed;"
		        " the report's elasticities leave them out (dtsim sensitivity names"
		        " them)\n", scenario_id(sc), failed, failed == 1 ? "" : "s");
	return 0;
}

/*
** Writes the inputs digest (sensprov.h) of the batch's scenario id, run
** into DIR, to hex. Returns hex, or NULL when it cannot be had (then no
** sensitivity table is taken for id).
*/
static const char *inputs_digest(struct batchrun *r, const char *id, char hex[DIGEST_HEX_LEN])
{
	for (size_t j = 0; j < r->b.n; j++) {
		struct errlist el = { NULL, 0, 0 };
		struct unc_set *u = NULL;
		struct err e;
		int ok;

		if (!r->b.sc[j] || strcmp(scenario_id(r->b.sc[j]), id) != 0)
			continue;
		err_clear(&e);
		ok = unc_build(r->b.sc[j], &u, &el) == 0
		     && sensprov_digest(r->o.outdir, id, u, hex, &e) == 0;
		errlist_free(&el);
		unc_free(u);
		return ok ? hex : NULL;
	}
	return NULL;
}

/*
** Reads the Monte Carlo study and global sensitivity analyses that DIR
** holds for the n scenarios of rows into *mc and hands them to in. A file
** there that cannot be read is a warning: the report goes without it, as
** it goes without a sensitivity table of other inputs than this run's.
*/
static void load_uncertainty(struct batchrun *r, const struct compare_entry *rows, size_t n,
                             struct reportmc *mc, struct report_in *in)
{
	const char **ids = calloc(n + 1, sizeof *ids);
	const char **digests = calloc(n + 1, sizeof *digests);
	char (*hex)[DIGEST_HEX_LEN] = calloc(n + 1, sizeof *hex);
	struct err e;

	err_clear(&e);
	for (size_t i = 0; ids && digests && hex && i < n; i++) {
		ids[i] = rows[i].id;
		digests[i] = inputs_digest(r, rows[i].id, hex[i]);
	}
	if (!ids || !digests || !hex) {
		fputs("dtsim: warning: out of memory; the report leaves out the uncertainty\n", stderr);
	} else if (reportmc_load(r->o.outdir, ids, digests, n, mc, &e) != 0) {
		fprintf(stderr, "dtsim: warning: %s%s%s; the report leaves out the uncertainty\n",
		        e.file[0] ? e.file : "", e.file[0] ? ": " : "", e.msg);
	} else {
		for (int k = 0; k < REPORTMC_NSENS; k++)
			if (mc->sens_other[k])
				fprintf(stderr, "dtsim: warning: %s/%s.csv analysed other inputs than"
				        " this run's (another scenario, or changed parameters or"
				        " distributions); the report leaves it out: run 'dtsim"
				        " sensitivity --method %s' on the scenario again\n", r->o.outdir,
				        reportmc_sens_method((enum reportmc_sens)k),
				        reportmc_sens_method((enum reportmc_sens)k));
		in->mc = mc;
	}
	free(ids);
	free(digests);
	free(hex);
}

/* ---- the report ----------------------------------------------------------------- */

/*
** Writes DIR/report.md for the runs of r, ref the index in the batch of
** the reference scenario (or b.n). Returns CLI_OK, or CLI_RUN_FAILED
** having printed why.
*/
static int write_report(struct batchrun *r, size_t ref, enum kpi by)
{
	const struct batchrun_results *res = &r->res;
	struct report_scenario *rs = calloc(res->n + 1, sizeof *rs);
	struct compare_entry *rows = calloc(res->n + 1, sizeof *rows);
	struct report_assumption as[REPORT_TOP_ASSUMPTIONS];
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	struct comparison cmp = { NULL, 0, KPI_COUNT, 0, NULL, NULL, PLOT_EN };
	struct report_in in;
	struct strbuf md = STRBUF_INIT, file = STRBUF_INIT;
	struct sens *s = NULL;
	struct model_params *raw = NULL;
	struct reportmc mc = { 0 };
	char *path = resdir_join(r->o.outdir, REPORT_MD, "");
	struct afile *af = NULL;
	size_t iref = res->n;
	int status = CLI_RUN_FAILED;
	struct err e;

	err_clear(&e);
	memset(&in, 0, sizeof in);
	if (!rs || !rows || !path) {
		fputs("dtsim: out of memory\n", stderr);
		goto done;
	}
	for (size_t i = 0; i < res->n; i++) {
		const struct scenario *sc = r->b.sc[res->index[i]];

		rows[i].id = scenario_id(sc);
		rows[i].name = scenario_text_de(sc, P_scenario_name, r->po.lang == PLOT_DE);
		rows[i].kpi = res->rows[i];
		rows[i].burden = &res->burden[i];
		rows[i].p = &r->b.years[res->index[i]][0];
		rs[i].description = scenario_text_de(sc, P_scenario_description,
		                                     r->po.lang == PLOT_DE);
		if (res->index[i] == ref)
			iref = i;
	}
	if (ref < r->b.n && iref == res->n) {
		fprintf(stderr, "dtsim: report: the reference scenario %s did not run; the report"
		        " has no differences\n", scenario_id(r->b.sc[ref]));
	}
	if (compare_init(&cmp, rows, res->n, by, iref, r->po.lang) != 0) {
		fputs("dtsim: out of memory\n", stderr);
		goto done;
	}
	for (size_t i = 0; i < res->n; i++) {
		const struct model_params *p = rows[i].p;

		rs[i].start_year = (int)p->sim_start_year;
		keyfig_from(&res->rows[i], iref < res->n && iref != i ? &res->rows[iref] : NULL,
		            p->services_target_maturity, (int)(p->sim_start_year + p->sim_years) - 1,
		            &rs[i].kf);
		strbuf_reset(&file);
		report_dashboard_file(rows[i].id, &file);
		rs[i].dashboard = chart_exists(r->o.outdir, strbuf_str(&file));
	}
	council_default_columns(by, iref < res->n, cols, &in.ncols);
	in.cmp = &cmp;
	in.sc = rs;
	in.cols = cols;
	for (int c = 0; c < REPORT_NCHARTS; c++)
		find_pages(r->o.outdir, (enum report_chart)c, &in.chart[c]);
	load_uncertainty(r, rows, res->n, &mc, &in);
	in.sens_sc = iref < res->n ? iref : 0;
	if (analyse(r->b.sc[res->index[in.sens_sc]], &s, &raw, &r->d) == 0) {
		in.as = as;
		in.nas = pick_assumptions(s, as);
		in.sens_step = sens_step(s);
	}
	if (report_write_md(&in, &md) != 0 || md.failed) {
		fputs("dtsim: out of memory\n", stderr);
		goto done;
	}
	if (!(af = afile_open(path, &e)) || fputs(strbuf_str(&md), afile_stream(af)) < 0
	    || afile_commit(af, &e) != 0) {
		af = NULL;
		cli_diag_err(&r->d, &e, NULL);
		goto done;
	}
	af = NULL;
	status = iref == res->n && ref < r->b.n ? CLI_RUN_FAILED : CLI_OK;
done:
	afile_abort(af);
	compare_free(&cmp);
	reportmc_free(&mc);
	sens_free(s);
	free(raw);
	strbuf_free(&md);
	strbuf_free(&file);
	free(path);
	free(rows);
	free(rs);
	return status;
}

/*
** Turns DIR/report.md into report.html and report.docx with pandoc when it
** can be run; without it says so on stderr: pandoc is optional. Returns
** CLI_OK, or CLI_RUN_FAILED having printed why a conversion failed (its
** file is then not written).
*/
static int convert(struct batchrun *r)
{
	const char *program = pandoc_program(getenv("DTSIM_PANDOC"));
	int why = pandoc_available(program), status = CLI_OK;
	struct err e;

	if (why != 0) {
		fprintf(stderr, "dtsim: note: pandoc is not installed (%s: %s): %s/%s is written,"
		        " report.html and report.docx are not; install pandoc for them\n",
		        program, strerror(why), r->o.outdir, REPORT_MD);
		return CLI_OK;
	}
	for (int f = 0; f < PANDOC_NFORMATS; f++) {
		if (isatty(STDERR_FILENO))
			fprintf(stderr, "dtsim: writing %s with pandoc\n", pandoc_files[f]);
		err_clear(&e);
		if (pandoc_convert(r->o.outdir, REPORT_MD, (enum pandoc_format)f, r->po.lang, program,
		                   &e) != 0) {
			cli_diag_err(&r->d, &e, NULL);
			status = CLI_RUN_FAILED;
		}
	}
	return status;
}

/* The options are checked before any scenario is loaded, the reference
** scenario's id with the scenarios (cli_batch_load), so that bad input
** writes nothing. */
int cmd_report(int argc, char **argv)
{
	enum kpi by = KPI_COUNT;
	struct batchrun r;
	struct err e;
	size_t ref;

	if (batchrun_begin(&r, argc, argv, CLI_REPORT, cmd_report_help) != 0)
		return batchrun_end(&r);
	err_clear(&e);
	if (compare_kpi_find(r.o.rank ? r.o.rank : COMPARE_RANK_DEFAULT, &by, &e) != 0) {
		r.status = cli_usage_error("report: --rank: %s", e.msg);
		return batchrun_end(&r);
	}
	if (!(r.po.formats & PLOT_PNG)) {
		r.status = cli_usage_error("report: --format %s: the report shows PNG charts;"
		                           " allowed: a list that includes png", r.o.format);
		return batchrun_end(&r);
	}
	if (batchrun_run(&r, argv + optind, (size_t)(argc - optind)) == 0) {
		batchrun_finish(&r);
		ref = batchrun_reference(&r);
		if (write_report(&r, ref, by) != CLI_OK || convert(&r) != CLI_OK)
			r.status = CLI_RUN_FAILED;
	}
	return batchrun_end(&r);
}
