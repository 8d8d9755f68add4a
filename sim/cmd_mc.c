/*
** cmd_mc.c: dtsim mc [-n N] [--seed S] [--threads T] [--independent]
** [--runs-csv] [--shard K/N] [--resistance-above X] [--target-by YEAR]
** [-o DIR] [--set KEY=VALUE]... SCENARIO.ini...: a Monte Carlo study of
** each scenario (mc.h) over the distributions of its uncertain parameters
** (uncertainty.h), written as mcwrite.h says; with --shard, a partial
** result (mcpart.h) for `dtsim merge`.
*/
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "cli.h"
#include "commands.h"
#include "digest.h"
#include "mc.h"
#include "mcpart.h"
#include "mcwrite.h"
#include "modelversion.h"
#include "numfmt.h"
#include "resdir.h"
#include "stream.h"
#include "uncertainty.h"
#include "version.h"

/* The runs when -n is not given; the most threads. */
#define MC_RUNS_DEFAULT 1000
#define MC_THREADS_MAX 256

enum {
	OPT_SEED = 300, OPT_THREADS, OPT_INDEPENDENT, OPT_RUNS_CSV, OPT_SHARD,
	OPT_RESISTANCE, OPT_TARGET_BY, OPT_SET, OPT_YEARS, OPT_DT, OPT_METHOD, OPT_STOCHASTIC,
	OPT_PLOT, OPT_FORMAT, OPT_SIZE, OPT_LANG
};

void cmd_mc_help(void)
{
	printf("Usage: dtsim mc [OPTION]... SCENARIO.ini...\n"
	       "Run each scenario N times, each run with its uncertain parameters drawn from\n"
	       "their distributions ('dtsim params', [uncertainty]), and write into DIR:\n"
	       "  DIR/ID.mc.csv       per year the mean and the percentiles 5, 25, 50, 75 and\n"
	       "                      95 of every core column of ID.csv\n"
	       "  DIR/mc_summary.csv  per scenario each KPI's mean, sd and percentiles, and\n"
	       "                      the probabilities p_target_reached (maturity target\n"
	       "                      reached by --target-by), p_payback (payback within the\n"
	       "                      horizon), p_funding_gap (any funding gap) and\n"
	       "                      p_resistance_above (resistance at the end above\n"
	       "                      --resistance-above); their sd is the standard error\n"
	       "  DIR/ID.mc_hist.csv  each KPI's histogram: kpi,bin_lo,bin_hi,count\n"
	       "  DIR/ID.mc_runs.csv  with --runs-csv: one row per run, its KPIs\n"
	       "Run i draws parameter P from a stream named by (seed, i, P), so the files are\n"
	       "the same bytes for any thread count and any split into shards; run i of every\n"
	       "scenario sees the same draws (common random numbers). Percentiles are exact\n"
	       "up to %d runs; above that they are binned, within 0.03 %% of the range of\n"
	       "the first %d runs. A run that fails is left out and reported, and the exit\n"
	       "status is 1.\n"
	       "\n"
	       "Options:\n"
	       "  -n, --runs=N             runs per scenario, 1 to 10^12 (default: %d)\n"
	       "      --seed=S             the study's seed, 0 to 2^64-1 (default: 1)\n"
	       "      --threads=T          threads, 1 to %d (default: the cores online)\n"
	       "      --independent        draws of their own for each scenario instead of\n"
	       "                           common random numbers\n"
	       "      --stochastic         each run also draws the model's incidents and\n"
	       "                           project overruns (docs/MODEL.md 7.1)\n"
	       "      --runs-csv           write DIR/ID.mc_runs.csv too\n"
	       "      --shard=K/N          run shard K of N (1 <= K <= N <= %d) and write\n"
	       "                           DIR/mc-part-K-of-N.txt for 'dtsim merge' instead\n"
	       "      --resistance-above=X the threshold of p_resistance_above, 0 to 1\n"
	       "                           (default: %g, the default starting resistance)\n"
	       "      --target-by=YEAR     the year of p_target_reached (default: the last\n"
	       "                           year of the horizon)\n"
	       "  -o, --output=DIR         write into DIR, created if missing (default: out)\n"
	       "      --plot               then draw DIR's charts, as 'dtsim plot DIR' does:\n"
	       "                           each scenario's fan chart (ID-fan) and KPI\n"
	       "                           histograms (ID-mc-kpi); not with --shard (draw\n"
	       "                           them after 'dtsim merge')\n"
	       "      --format=LIST, --size=W,H, --lang=L\n"
	       "                           chart options, as in 'dtsim plot' (need --plot)\n"
	       "      --set=KEY=VALUE      set parameter KEY in every scenario, as in 'dtsim run'\n"
	       "      --years=N, --dt=D, --method=M\n"
	       "                           shorthands for --set sim.KEY=VALUE\n"
	       "  -h, --help               show this help and exit\n"
	       "\n"
	       "%s", MCSTAT_EXACT_MAX, MCSTAT_PILOT_RUNS, MC_RUNS_DEFAULT, MC_THREADS_MAX,
	       MC_SHARDS_MAX, MC_RESISTANCE_DEFAULT, cli_exit_table);
}

/* The options of the command. */
struct mc_cmd {
	struct cli_opts o;
	struct mc_study st;
	unsigned threads, shard, nshards;
	int independent, runs_csv;
	int sharded;  /* --shard was given */
	struct plot_opts po; /* --plot's chart options */
};

/* A whole number lo..hi from text (decimal digits only). */
static int parse_u64(const char *text, uint64_t lo, uint64_t hi, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!text[0] || strspn(text, "0123456789") != strlen(text))
		return -1;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Parses the options into c. Returns 0 with optind at the first scenario,
** or -1 with *status set. */
static int parse(int argc, char **argv, struct mc_cmd *c, int *status)
{
	static const struct option lo[] = {
		{ "runs", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "independent", no_argument, NULL, OPT_INDEPENDENT },
		{ "stochastic", no_argument, NULL, OPT_STOCHASTIC },
		{ "runs-csv", no_argument, NULL, OPT_RUNS_CSV },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "resistance-above", required_argument, NULL, OPT_RESISTANCE },
		{ "target-by", required_argument, NULL, OPT_TARGET_BY },
		{ "output", required_argument, NULL, 'o' },
		{ "set", required_argument, NULL, OPT_SET },
		{ "years", required_argument, NULL, OPT_YEARS },
		{ "dt", required_argument, NULL, OPT_DT },
		{ "method", required_argument, NULL, OPT_METHOD },
		{ "plot", no_argument, NULL, OPT_PLOT },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int ch;

	c->o.outdir = "out";
	c->st.seed = 1;
	c->st.runs = MC_RUNS_DEFAULT;
	c->st.resistance_above = MC_RESISTANCE_DEFAULT;
	c->st.target_by = NAN;
	c->st.exact_max = MCSTAT_EXACT_MAX;
	c->threads = cores < 1 ? 1 : cores > MC_THREADS_MAX ? MC_THREADS_MAX : (unsigned)cores;
	c->shard = c->nshards = 1;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":n:o:h", lo, NULL)) != -1) {
		uint64_t v, k;
		double x;
		int used = 0;

		switch (ch) {
		case 'h':
			cmd_mc_help();
			*status = cli_close_stdout(CLI_OK);
			return -1;
		case 'n':
			if (parse_u64(optarg, 1, MC_RUNS_MAX, &c->st.runs) != 0) {
				*status = cli_usage_error("mc: -n '%s': allowed: a whole number from 1 to"
				                          " 10^12", optarg);
				return -1;
			}
			break;
		case OPT_SEED:
			if (parse_u64(optarg, 0, UINT64_MAX, &c->st.seed) != 0) {
				*status = cli_usage_error("mc: --seed '%s': allowed: a whole number from 0"
				                          " to 18446744073709551615", optarg);
				return -1;
			}
			break;
		case OPT_THREADS:
			if (parse_u64(optarg, 1, MC_THREADS_MAX, &v) != 0) {
				*status = cli_usage_error("mc: --threads '%s': allowed: a whole number from"
				                          " 1 to %d", optarg, MC_THREADS_MAX);
				return -1;
			}
			c->threads = (unsigned)v;
			break;
		case OPT_INDEPENDENT:
			c->independent = 1;
			break;
		case OPT_RUNS_CSV:
			c->runs_csv = 1;
			break;
		case OPT_STOCHASTIC:
			c->st.stochastic = 1;
			break;
		case OPT_SHARD:
			if (sscanf(optarg, "%" SCNu64 "/%" SCNu64 "%n", &k, &v, &used) != 2
			    || (size_t)used != strlen(optarg) || strspn(optarg, "0123456789/") != strlen(optarg)
			    || v < 1 || v > MC_SHARDS_MAX || k < 1 || k > v) {
				*status = cli_usage_error("mc: --shard '%s': allowed: K/N with 1 <= K <= N"
				                          " <= %d, such as 2/5", optarg, MC_SHARDS_MAX);
				return -1;
			}
			c->sharded = 1;
			c->shard = (unsigned)k;
			c->nshards = (unsigned)v;
			break;
		case OPT_RESISTANCE:
			if (numfmt_parse(optarg, &x) != NUMFMT_OK || !(x >= 0 && x <= 1)) {
				*status = cli_usage_error("mc: --resistance-above '%s': allowed: a number"
				                          " from 0 to 1", optarg);
				return -1;
			}
			c->st.resistance_above = x;
			break;
		case OPT_TARGET_BY:
			if (parse_u64(optarg, 1, 99999, &v) != 0) {
				*status = cli_usage_error("mc: --target-by '%s': allowed: a calendar year"
				                          " such as 2032", optarg);
				return -1;
			}
			c->st.target_by = (double)v;
			break;
		case 'o':
			if (!optarg[0]) {
				*status = cli_usage_error("mc: the output directory is empty");
				return -1;
			}
			c->o.outdir = optarg;
			break;
		case OPT_PLOT:
			c->o.plot = 1;
			break;
		case OPT_FORMAT:
			c->o.format = optarg;
			break;
		case OPT_SIZE:
			c->o.size = optarg;
			break;
		case OPT_LANG:
			c->o.lang = optarg;
			break;
		case OPT_SET: case OPT_YEARS: case OPT_DT: case OPT_METHOD:
			if (cli_opts_add_set(&c->o, ch == OPT_SET ? "" : ch == OPT_YEARS ? "sim.years="
			                     : ch == OPT_DT ? "sim.dt=" : "sim.method=", optarg) != 0) {
				fputs("dtsim: out of memory\n", stderr);
				*status = CLI_RUN_FAILED;
				return -1;
			}
			break;
		default:
			*status = cli_option_error(0, ch, argv);
			return -1;
		}
	}
	if (optind >= argc) {
		*status = cli_usage_error("mc: no scenario file given");
		return -1;
	}
	if (!c->o.plot && (c->o.format || c->o.size || c->o.lang)) {
		*status = cli_usage_error("mc: --%s needs --plot", c->o.format ? "format"
		                          : c->o.size ? "size" : "lang");
		return -1;
	}
	if (c->o.plot && c->sharded) {
		*status = cli_usage_error("mc: --plot draws a whole study; with --shard, draw the"
		                          " charts after 'dtsim merge' (dtsim plot DIR)");
		return -1;
	}
	if (c->o.plot && cli_chart_opts("mc", c->o.format, c->o.size, c->o.lang, &c->po,
	                                status) != 0)
		return -1;
	return 0;
}

/* The draws of one scenario: unc_* behind mc_draws. */
static void draw_quantiles(const void *ctx, size_t i, const double *u, double *x, size_t m)
{
	unc_quantiles(ctx, i, u, x, m);
}

static int draw_apply(const void *ctx, const double *x, struct model_params *years, size_t n)
{
	return unc_apply(ctx, x, years, n);
}

/* The digest of what a study's results depend on besides the header's
** numbers: every scenario resolved and its uncertain parameters with
** their distributions. Returns 0, or -1 when out of memory. */
static int inputs_digest(const struct cli_batch *b, struct unc_set *const *u, uint64_t *out)
{
	uint64_t h = DIGEST_INIT;
	struct strbuf s = STRBUF_INIT;

	for (size_t i = 0; i < b->n; i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);

		if (!f)
			return -1;
		if (scenario_write_resolved(b->sc[i], f) != 0 || fclose(f) != 0) {
			free(text);
			return -1;
		}
		h = digest_add(h, scenario_id(b->sc[i]), strlen(scenario_id(b->sc[i])) + 1);
		h = digest_add(h, text, len);
		free(text);
		for (size_t k = 0; k < unc_count(u[i]); k++) {
			strbuf_reset(&s);
			strbuf_printf(&s, "%s=", unc_name(u[i], k));
			unc_format(u[i], k, &s);
			h = digest_add(h, strbuf_str(&s), strlen(strbuf_str(&s)) + 1);
		}
	}
	strbuf_free(&s);
	*out = h;
	return 0;
}

/* Reports the failed runs of r. Returns CLI_OK, or CLI_RUN_FAILED. */
static int report_failed(const struct mc_result *r, struct cli_diag *d)
{
	char text[1024];

	if (!mcwrite_failed_text(r, text, sizeof text))
		return CLI_OK;
	cli_diag_print(d, text);
	return CLI_RUN_FAILED;
}

/* Everything a study of the batch needs, per scenario. */
struct mc_batch {
	struct cli_batch b;
	struct unc_set **u;
	uint64_t **id;
	struct mc_result **r;
	struct afile **runs;
	size_t n;
};

static void batch_free(struct mc_batch *mb)
{
	for (size_t i = 0; i < mb->n; i++) {
		if (mb->u)
			unc_free(mb->u[i]);
		if (mb->id)
			free(mb->id[i]);
		if (mb->r)
			mc_result_free(mb->r[i]);
		if (mb->runs)
			afile_abort(mb->runs[i]);
	}
	free(mb->u);
	free(mb->id);
	free(mb->r);
	free(mb->runs);
	cli_batch_free(&mb->b);
}

/* Loads the scenarios and their uncertain parameters. Returns CLI_OK, or
** the exit status having printed why. */
static int load(struct mc_batch *mb, struct mc_cmd *c, char *const *paths, size_t n,
                struct cli_diag *d)
{
	int st = cli_batch_load(paths, n, &c->o, &mb->b, d);

	mb->n = n;
	if (st != CLI_OK)
		return st;
	mb->u = calloc(n, sizeof *mb->u);
	mb->id = calloc(n, sizeof *mb->id);
	mb->r = calloc(n, sizeof *mb->r);
	mb->runs = calloc(n, sizeof *mb->runs);
	if (!mb->u || !mb->id || !mb->r || !mb->runs) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	for (size_t i = 0; i < n; i++) {
		struct errlist el = { NULL, 0, 0 };
		uint64_t sid = stream_id(scenario_id(mb->b.sc[i]));

		if (unc_build(mb->b.sc[i], &mb->u[i], &el) != 0) {
			for (size_t k = 0; k < el.n; k++)
				cli_diag_err(d, &el.a[k], NULL);
			errlist_free(&el);
			st = CLI_BAD_INPUT;
			continue;
		}
		errlist_free(&el);
		if (unc_tabulate(mb->u[i]) != 0) {
			fputs("dtsim: out of memory\n", stderr);
			return CLI_RUN_FAILED;
		}
		mb->id[i] = malloc((unc_count(mb->u[i]) + 1) * sizeof *mb->id[i]);
		if (!mb->id[i]) {
			fputs("dtsim: out of memory\n", stderr);
			return CLI_RUN_FAILED;
		}
		for (size_t k = 0; k < unc_count(mb->u[i]); k++) {
			uint64_t id = stream_id(unc_name(mb->u[i], k));

			mb->id[i][k] = c->independent ? stream_combine(id, sid) : id;
		}
	}
	return st;
}

/* Runs study i of the batch; with runs lines to f. Returns CLI_OK, or
** CLI_RUN_FAILED having printed why. */
static int study(struct mc_batch *mb, size_t i, const struct mc_cmd *c, FILE *f, int partial,
                 struct cli_diag *d)
{
	struct mc_draws dr = { unc_count(mb->u[i]), mb->id[i],
	                       c->independent ? stream_id(scenario_id(mb->b.sc[i])) : 0,
	                       draw_quantiles, draw_apply, mb->u[i] };
	struct mc_opts mo = { c->threads, c->shard, c->nshards, f, partial,
	                      isatty(STDERR_FILENO) ? stderr : NULL, scenario_id(mb->b.sc[i]) };
	struct err e;

	err_clear(&e);
	if (mc_run(scenario_id(mb->b.sc[i]), mb->b.years[i], mb->b.nyears[i], &c->st, &dr, &mo,
	           &mb->r[i], &e) != 0) {
		cli_diag_err(d, &e, scenario_id(mb->b.sc[i]));
		return CLI_RUN_FAILED;
	}
	return CLI_OK;
}

/* The whole study on this machine: the files of mcwrite.h. */
static int run_all(struct mc_batch *mb, const struct mc_cmd *c, struct cli_diag *d)
{
	int status = CLI_OK;
	struct err e;

	for (size_t i = 0; i < mb->n; i++) {
		FILE *f = NULL;

		err_clear(&e);
		if (c->runs_csv) {
			char *path = resdir_join(c->o.outdir, scenario_id(mb->b.sc[i]), ".mc_runs.csv");

			mb->runs[i] = path ? afile_open(path, &e) : NULL;
			free(path);
			if (!mb->runs[i]) {
				cli_diag_err(d, &e, NULL);
				return CLI_RUN_FAILED;
			}
			f = afile_stream(mb->runs[i]);
			mcwrite_runs_header(f);
		}
		if (study(mb, i, c, f, 0, d) != CLI_OK)
			return CLI_RUN_FAILED;
		if (report_failed(mb->r[i], d) != CLI_OK)
			status = CLI_RUN_FAILED;
	}
	err_clear(&e);
	if (mcwrite_all(c->o.outdir, mb->r, mb->n, mb->runs, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		return CLI_RUN_FAILED;
	}
	return status;
}

/* One shard: DIR/mc-part-K-of-N.txt. */
static int run_shard(struct mc_batch *mb, const struct mc_cmd *c, struct cli_diag *d)
{
	struct mcpart_head h;
	char *path = mcpart_name(c->o.outdir, c->shard, c->nshards);
	struct afile *af;
	FILE *f;
	struct err e;
	int status = CLI_OK;

	err_clear(&e);
	memset(&h, 0, sizeof h);
	snprintf(h.dtsim, sizeof h.dtsim, "%s", DTSIM_VERSION);
	snprintf(h.model, sizeof h.model, "%s", MODEL_VERSION);
	h.st = c->st;
	h.independent = c->independent;
	h.runs_csv = c->runs_csv;
	h.shard = c->shard;
	h.nshards = c->nshards;
	h.nscen = mb->n;
	if (!path || inputs_digest(&mb->b, mb->u, &h.inputs) != 0) {
		free(path);
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	af = afile_open(path, &e);
	free(path);
	if (!af) {
		cli_diag_err(d, &e, NULL);
		return CLI_RUN_FAILED;
	}
	f = afile_stream(af);
	mcpart_write_head(f, &h);
	for (size_t i = 0; i < mb->n; i++) {
		const struct scenario *sc = mb->b.sc[i];

		mcpart_write_scenario(f, scenario_id(sc), lround(mb->b.years[i][0].sim_start_year),
		                      mb->b.nyears[i]);
		if (study(mb, i, c, c->runs_csv ? f : NULL, 1, d) != CLI_OK) {
			afile_abort(af);
			return CLI_RUN_FAILED;
		}
		if (report_failed(mb->r[i], d) != CLI_OK)
			status = CLI_RUN_FAILED;
		mcpart_write_result(f, mb->r[i]);
	}
	mcpart_write_end(f);
	if (afile_commit(af, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		return CLI_RUN_FAILED;
	}
	return status;
}

int cmd_mc(int argc, char **argv)
{
	struct mc_cmd c;
	struct mc_batch mb;
	struct cli_diag d = { NULL, 0 };
	int status = CLI_OK, lock = -1;

	memset(&c, 0, sizeof c);
	memset(&mb, 0, sizeof mb);
	if (parse(argc, argv, &c, &status) != 0) {
		cli_opts_free(&c.o);
		return status;
	}
	status = load(&mb, &c, argv + optind, (size_t)(argc - optind), &d);
	if (status == CLI_OK && !isnan(c.st.target_by)) {
		for (size_t i = 0; i < mb.n; i++) {
			long y0 = lround(mb.b.years[i][0].sim_start_year);

			if (c.st.target_by < (double)y0) {
				status = cli_usage_error("mc: --target-by %.0f is before the start of %s"
				                         " (%ld); allowed: a year from %ld on", c.st.target_by,
				                         scenario_id(mb.b.sc[i]), y0, y0);
				break;
			}
		}
	}
	if (status == CLI_OK) {
		if (cli_make_dirs(c.o.outdir) != 0) {
			fprintf(stderr, "dtsim: cannot create directory '%s': %s\n", c.o.outdir,
			        strerror(errno));
			status = CLI_RUN_FAILED;
		} else {
			status = cli_results_open(c.o.outdir, 0, &lock, &d);
		}
	}
	if (status == CLI_OK)
		status = c.sharded ? run_shard(&mb, &c, &d) : run_all(&mb, &c, &d);
	/* The charts of the study just written, under the directory's lock. */
	if (c.o.plot && status == CLI_OK)
		status = cli_draw_charts(c.o.outdir, NULL, 0, &c.po, &d);
	resdir_unlock(lock);
	batch_free(&mb);
	cli_opts_free(&c.o);
	cli_diag_free(&d);
	return status;
}
