/*
** cmd_sensitivity.c: dtsim sensitivity [--method oat] [--kpi KPI[,KPI...]]
** [--step H] [-o DIR] [--set KEY=VALUE]... SCENARIO.ini: run the scenario as
** dtsim run does, then vary each parameter on its own (sensitivity.h) and
** write DIR/sensitivity.csv and DIR/sensitivity.md (senswrite.h) before
** the manifest. With --method tornado, morris or sobol it varies the
** scenario's uncertain parameters over their distributions instead
** (sensmethod.h) and writes DIR/tornado.csv, morris.csv or sobol.csv;
** --plot draws their charts with the run's (plotsens.h).
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batchrun.h"
#include "commands.h"
#include "compare.h"
#include "morris.h"
#include "numfmt.h"
#include "qmc.h"
#include "registry.h"
#include "resdir.h"
#include "sensmethod.h"
#include "sensprov.h"
#include "senswrite.h"
#include "sobol.h"
#include "uncertainty.h"

/* The methods of the command line: oat, then the global methods in the
** order of enum sensmethod. */
static const char *const methods[] = { "oat", "tornado", "morris", "sobol" };
#define NMETHODS (sizeof methods / sizeof methods[0])
#define METHODS_ALLOWED "oat, tornado, morris, sobol"

/* The largest -n: a study beyond it belongs on a cluster, not one call. */
#define SENS_SAMPLES_MAX 1000000

/* The base name of the files the command writes in DIR. */
#define SENS_FILES "sensitivity"

/* What the global methods do, for --help. */
static const char global_help[] =
	"Methods tornado, morris and sobol vary the scenario's uncertain parameters\n"
	"(its [uncertainty] section and the default ranges: 'dtsim params') over\n"
	"their distributions and analyse one KPI (--kpi; default: the first above):\n"
	"  tornado  each parameter alone at its 10th and 90th percentile, the others\n"
	"           at their median; DIR/tornado.csv: parameter, low, high, kpi_low,\n"
	"           kpi_high, swing (|kpi_high - kpi_low|), rank, kpi_centre, kpi\n"
	"  morris   Morris's elementary effects on N trajectories of a 4-level grid;\n"
	"           DIR/morris.csv: parameter, mu, mu_star, sigma, rank (by mu_star), kpi\n"
	"  sobol    first-order (Saltelli) and total (Jansen) Sobol indices on N base\n"
	"           points of a quasi-random sequence (Sobol up to 20 parameters,\n"
	"           Halton up to 614, more refused), 95 % bootstrap intervals of 1000\n"
	"           resamples; DIR/sobol.csv: parameter, S1, S1_lo, S1_hi, ST, ST_lo,\n"
	"           ST_hi, rank (by ST), kpi\n"
	"The runs use every CPU; their results do not depend on how many.\n"
	"docs/ESTIMATORS.md derives the estimators.\n";

void cmd_sensitivity_help(void)
{
	printf("Usage: dtsim sensitivity [--method oat] [OPTION]... SCENARIO.ini\n"
	       "       dtsim sensitivity --method tornado|morris|sobol [OPTION]... SCENARIO.ini\n"
	       "Run the scenario as 'dtsim run' does, writing the same files into DIR; then\n"
	       "vary its parameters and write how much a KPI moves. Method oat (the default)\n"
	       "varies each parameter on its own and writes:\n"
	       "  DIR/sensitivity.csv  one row per KPI and parameter: rank, parameter, role\n"
	       "                       (decision or assumption), unit, base, low and high\n"
	       "                       values, the KPI in each run, the elasticity, a note\n"
	       "  DIR/sensitivity.md   per KPI the %d parameters with the largest elasticities\n"
	       "                       and the %d largest decisions, as a Markdown report\n"
	       "Both record the dtsim and the model version; manifest.csv comes last.\n"
	       "\n"
	       "Method oat (one at a time): every parameter is scaled by 1 - H and 1 + H in\n"
	       "every fiscal year, all others kept, and the elasticity of KPI K is\n"
	       "  ((K_high - K_low) / |K_base|) / ((p_high - p_low) / p_base),\n"
	       "the relative change of K per relative change of p (for a KPI that is a\n"
	       "year, K is the time from the start to the end of that year). A step that\n"
	       "would leave the parameter's range is cut to the bound; at a bound, or when\n"
	       "a value breaks a rule between keys, that side is not run and the difference\n"
	       "is one-sided. An allocation share moves money from or to the other domains:\n"
	       "they are scaled so that the shares still sum to 1. A whole-number parameter\n"
	       "moves by at least 1. A parameter that is 0 has no elasticity: it is raised\n"
	       "to H times its default alone (not at all when the default is 0 too), and the\n"
	       "KPIs at that value are in sensitivity.csv. A KPI that has no value in the\n"
	       "scenario's run (a target never reached) or is 0 there has no elasticity\n"
	       "either. An empty elasticity always has a note that says why.\n"
	       "\n"
	       "Parameters that take part: every number of 'dtsim params' but simulation\n"
	       "control (sim.*), calendar years (unit year), switches (mandate.active),\n"
	       "thresholds only roadmap.md reads (legacy.target_share), schedule.* for\n"
	       "domains the scenario schedules no money for, and keys of named sections\n"
	       "([grant.NAME], ...) the scenario does not have. Decisions are\n"
	       "budgets, the allocation over the domains (allocation.*, schedule.*),\n"
	       "savings.reinvest_*, workforce.staff_literacy_share and the funding\n"
	       "instruments (grant, loan, service); every other parameter is an assumption.\n"
	       "A run that fails is reported and left out of that elasticity; the others\n"
	       "go on, and the exit status is 1.\n"
	       "\n"
	       "Options:\n"
	       "      --method=M         the analysis: oat (the default), tornado, morris, sobol\n"
	       "      --kpi=KPI[,KPI...] the KPIs to analyse, in this order (default:",
	       SENSWRITE_MD_TOP, SENSWRITE_MD_DECISIONS);
	for (size_t j = 0; j < sens_default_kpi_count; j++)
		printf("%s%s", j % 2 == 0 ? "\n                         " : " ",
		       summary_kpis[sens_default_kpis[j]].name);
	printf(");\n"
	       "                         any KPI of 'dtsim compare --help'\n"
	       "      --step=H           the relative step, above 0 and at most %g\n"
	       "                         (default: %g, that is 10 %%)\n"
	       "  -n, --samples=N        morris: trajectories (default: %d); sobol: base points\n"
	       "                         (default: %d; above 20 parameters the first power of 2\n"
	       "                         from the Halton sequence's last base on, 1024 for 82);\n"
	       "                         the runs are N (d + 2) for d parameters\n"
	       "      --seed=S           morris: the trajectories; sobol: the bootstrap; a whole\n"
	       "                         number from 0 to 4294967295 (default: %d)\n"
	       "      --plot             tornado, sobol: draw their chart and the run's charts\n"
	       "                         into DIR/plots, as 'dtsim run --plot' does\n"
	       "      --format=F, --size=W,H, --lang=L\n"
	       "                         the charts' formats, size and language, as in 'dtsim plot'\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --set=KEY=VALUE    set parameter KEY in the scenario, as in 'dtsim run'\n"
	       "      --years=N, --dt=D, --report-step=S\n"
	       "                         shorthands for --set sim.KEY=VALUE, as in 'dtsim run';\n"
	       "                         the integration method is --set sim.method=M\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "%s\n"
	       "%s", SENS_STEP_MAX, SENS_STEP_DEFAULT, SENSMETHOD_MORRIS_N, SENSMETHOD_SOBOL_N,
	       SENSMETHOD_SEED_DEFAULT, global_help, cli_exit_table);
}

/* Reads --method into *m (0 oat, 1 + enum sensmethod); oat without it.
** Returns CLI_OK, or a usage error. */
static int check_method(const char *text, size_t *m)
{
	*m = 0;
	if (!text)
		return CLI_OK;
	for (size_t i = 0; i < NMETHODS; i++)
		if (strcmp(text, methods[i]) == 0) {
			*m = i;
			return CLI_OK;
		}
	return cli_usage_error("sensitivity: unknown --method '%s'; allowed: " METHODS_ALLOWED, text);
}

/* Reads -n and --seed of a global method into o (the defaults without
** them). Returns CLI_OK, or a usage error. */
static int parse_global(const char *samples, const char *seed, struct sensmethod_opts *o)
{
	double v;

	o->samples = 0;
	o->seed = SENSMETHOD_SEED_DEFAULT;
	o->threads = sensrun_threads();
	if (samples) {
		size_t least = o->method == SENSMETHOD_MORRIS ? MORRIS_TRAJ_MIN : SOBOL_N_MIN;

		if (o->method == SENSMETHOD_TORNADO)
			return cli_usage_error("sensitivity: -n applies to morris and sobol; a tornado"
			                       " runs each parameter at two percentiles");
		if (numfmt_parse(samples, &v) != NUMFMT_OK || v != floor(v) || v < (double)least
		    || v > SENS_SAMPLES_MAX)
			return cli_usage_error("sensitivity: -n '%s' is not allowed; allowed: a whole"
			                       " number from %zu to %d", samples, least, SENS_SAMPLES_MAX);
		o->samples = (size_t)v;
	}
	if (seed) {
		char *end;
		unsigned long long x;

		errno = 0;
		x = strtoull(seed, &end, 10);
		if (seed[0] < '0' || seed[0] > '9' || *end || errno || x > 4294967295ULL)
			return cli_usage_error("sensitivity: --seed '%s' is not allowed; allowed: a whole"
			                       " number from 0 to 4294967295", seed);
		o->seed = (unsigned long)x;
	}
	return CLI_OK;
}

/* Reads --step into *step (the default without it). Returns CLI_OK, or a
** usage error. */
static int parse_step(const char *text, double *step)
{
	*step = SENS_STEP_DEFAULT;
	if (!text)
		return CLI_OK;
	if (numfmt_parse(text, step) != NUMFMT_OK)
		return cli_usage_error("sensitivity: --step '%s' is not a number; allowed: a"
		                       " relative step above 0 and at most %g (0.1 for 10 %%)",
		                       text, SENS_STEP_MAX);
	if (!(*step > 0 && *step <= SENS_STEP_MAX))
		return cli_usage_error("sensitivity: --step %s is out of range; allowed: above 0"
		                       " and at most %g (0.1 for 10 %%)", text, SENS_STEP_MAX);
	return CLI_OK;
}

/* Reads --kpi (a comma-separated list, each named once) into kpi[] (room
** for KPI_COUNT), *n of them; the default list without it. Returns CLI_OK,
** or a usage error. */
static int parse_kpis(const char *text, enum kpi kpi[KPI_COUNT], size_t *n)
{
	struct err e;

	*n = 0;
	if (!text) {
		for (size_t j = 0; j < sens_default_kpi_count; j++)
			kpi[(*n)++] = sens_default_kpis[j];
		return CLI_OK;
	}
	for (const char *p = text; ; ) {
		size_t len = strcspn(p, ",");
		char name[COMPARE_LABEL_LEN];
		enum kpi k = KPI_COUNT;   /* set by compare_kpi_find on success */

		snprintf(name, sizeof name, "%.*s", (int)len, p);
		err_clear(&e);
		if (compare_kpi_find(name, &k, &e) != 0)
			return cli_usage_error("sensitivity: --kpi: %s", e.msg);
		for (size_t j = 0; j < *n; j++)
			if (kpi[j] == k)
				return cli_usage_error("sensitivity: --kpi: %s is named twice; allowed:"
				                       " each KPI once", name);
		kpi[(*n)++] = k;
		if (!p[len])
			return CLI_OK;
		p += len + 1;
	}
}

/* Prints the failed runs of parameter i of s (scenario id). */
static void report_failures(const struct sens *s, size_t i, const char *id, struct cli_diag *d)
{
	const struct sens_param *x = sens_param(s, i);
	struct strbuf b = STRBUF_INIT;

	for (int k = 0; k < 2; k++) {
		const struct sens_side *sd = &x->side[k];

		if (sd->status != SENS_FAILED)
			continue;
		strbuf_reset(&b);
		strbuf_printf(&b, "dtsim: %s: sensitivity: %s = ", id, x->name);
		registry_format(x->def, sd->value, &b);
		strbuf_printf(&b, " (%s): the run failed: %s\n", k == SENS_LOW ? "low" : "high",
		              sd->why ? sd->why : "out of memory");
		cli_diag_print(d, strbuf_str(&b));
	}
	strbuf_free(&b);
}

/*
** Varies every parameter of the batch's one scenario with step h and writes
** DIR/sensitivity.csv and .md. Returns CLI_OK, or CLI_RUN_FAILED having
** printed why (a run failed: the files are still written).
*/
static int analyse(struct batchrun *r, double h, const enum kpi *kpi, size_t nkpi)
{
	const struct scenario *sc = r->b.sc[0];
	struct sens *s = NULL;
	struct senswrite_in in = { NULL, scenario_id(sc), scenario_text(sc, P_scenario_name),
	                           kpi, nkpi };
	size_t failed = 0, n = 0;
	int status = CLI_OK;
	struct model_params *raw = NULL;
	struct err e;

	err_clear(&e);
	/* The analysis varies the inputs as the scenario gives them; auto
	** values are derived again from them (models/profile.c). */
	if (scenario_resolve_raw(sc, &raw, &n, &e) != 0 ||
	    sens_new(sc, raw, n, h, &s, &e) != 0) {
		free(raw);
		cli_diag_err(&r->d, &e, in.id);
		return CLI_RUN_FAILED;
	}
	in.s = s;
	for (size_t i = 0; i < sens_count(s); i++) {
		int nf = sens_run(s, i);

		if (nf) {
			failed += (size_t)nf;
			report_failures(s, i, in.id, &r->d);
		}
	}
	if (failed) {
		fprintf(stderr, "dtsim: %s: sensitivity: %zu run%s failed; the elasticities that"
		        " need %s are one-sided or empty, as the notes in %s.csv say\n", in.id,
		        failed, failed == 1 ? "" : "s", failed == 1 ? "it" : "them", SENS_FILES);
		status = CLI_RUN_FAILED;
	}
	for (int f = 0; f < 2; f++) {
		char *path = resdir_join(r->o.outdir, SENS_FILES, f ? ".md" : ".csv");

		err_clear(&e);
		if (!path) {
			fputs("dtsim: out of memory\n", stderr);
			status = CLI_RUN_FAILED;
		} else if ((f ? senswrite_md : senswrite_csv)(path, &in, &e) != 0) {
			cli_diag_err(&r->d, &e, NULL);
			status = CLI_RUN_FAILED;
		}
		free(path);
	}
	sens_free(s);
	free(raw);
	return status;
}

/*
** Checks that method o can take the uncertain parameters of the batch's
** one scenario (loaded from path, nothing written yet) and builds them
** into *u.
** Returns CLI_OK, or CLI_BAD_INPUT having printed why: a distribution that
** unc_build rejects, no uncertain parameter, more than Sobol's design
** allows, or fewer Sobol base points than its Halton sequence needs.
*/
static int build_uncertain(struct batchrun *r, const char *path,
                           const struct sensmethod_opts *o, struct unc_set **u)
{
	const struct scenario *sc = r->b.sc[0];
	struct errlist el = { NULL, 0, 0 };
	size_t d;

	if (unc_build(sc, u, &el) != 0) {
		cli_print_errors(&r->d, &el, path);
		errlist_free(&el);
		return CLI_BAD_INPUT;
	}
	errlist_free(&el);
	if (unc_tabulate(*u) != 0) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	d = unc_count(*u);
	if (d == 0) {
		fprintf(stderr, "dtsim: %s: sensitivity: the scenario has no uncertain parameter"
		        " (every one is off in its [uncertainty] section); allowed: at least one\n",
		        scenario_id(sc));
		return CLI_BAD_INPUT;
	}
	if (o->method == SENSMETHOD_SOBOL && d > qmc_dim_max() / 2) {
		fprintf(stderr, "dtsim: %s: sensitivity: %zu uncertain parameters; --method sobol"
		        " allows at most %zu (Saltelli's design needs 2 quasi-random dimensions per"
		        " parameter, GSL's sequences at most %zu): set some off in [uncertainty]\n",
		        scenario_id(sc), d, qmc_dim_max() / 2, qmc_dim_max());
		return CLI_BAD_INPUT;
	}
	if (o->method == SENSMETHOD_SOBOL && o->samples && o->samples < sobol_min_base(d)) {
		fprintf(stderr, "dtsim: %s: sensitivity: -n %zu is too small for %zu uncertain"
		        " parameters; allowed: at least %zu (their %zu quasi-random dimensions come"
		        " from the Halton sequence, whose last base is %zu: fewer points leave"
		        " that coordinate short of 1)\n", scenario_id(sc), o->samples, d,
		        sobol_min_base(d), 2 * d, sobol_min_base(d));
		return CLI_BAD_INPUT;
	}
	return CLI_OK;
}

/*
** Runs method o over u for KPI k of the batch's scenario (run into DIR
** already) and writes DIR/<method>.csv. Returns CLI_OK, or CLI_RUN_FAILED
** having printed why.
*/
static int analyse_global(struct batchrun *r, const struct unc_set *u,
                          const struct sensmethod_opts *o, enum kpi k)
{
	const char *id = scenario_id(r->b.sc[0]);
	char digest[DIGEST_HEX_LEN];
	struct sensrun_in in = { u, r->b.years[0], r->b.nyears[0], k, id, digest };
	struct sensrun_report rep;
	char *path = resdir_join(r->o.outdir, sensmethod_files[o->method], ".csv");
	int status = CLI_OK;
	struct err e;

	err_clear(&e);
	if (!path) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	if (sensprov_digest(r->o.outdir, id, u, digest, &e) != 0) {
		cli_diag_err(&r->d, &e, id);
		free(path);
		return CLI_RUN_FAILED;
	}
	if (sensmethod_run(&in, o, path, &rep, &e) != 0) {
		char text[sizeof e.msg + 128];

		snprintf(text, sizeof text, "dtsim: %s: sensitivity --method %s: %s\n", id,
		         methods[1 + o->method], e.msg);
		cli_diag_print(&r->d, text);
		status = CLI_RUN_FAILED;
	} else if (rep.failed) {
		fprintf(stderr, "dtsim: %s: sensitivity --method %s: %zu run%s failed (the first, run"
		        " %zu: %s); %s.csv leaves their fields empty\n", id, methods[1 + o->method],
		        rep.failed, rep.failed == 1 ? "" : "s", rep.first_failed + 1, rep.first.msg,
		        sensmethod_files[o->method]);
		status = CLI_RUN_FAILED;
	}
	free(path);
	return status;
}

/* Refuses the options that belong to the other kind of method. */
static int check_fit(const struct batchrun *r, size_t m, size_t nkpi)
{
	if (m == 0 && (r->o.samples || r->o.seed))
		return cli_usage_error("sensitivity: %s applies to tornado, morris and sobol, not"
		                       " oat", r->o.samples ? "-n" : "--seed");
	if (m == 0 && r->o.plot)
		return cli_usage_error("sensitivity: --plot applies to tornado, morris and sobol,"
		                       " not oat");
	if (m > 0 && r->o.step)
		return cli_usage_error("sensitivity: --step applies to oat, not %s", methods[m]);
	if (m > 0 && nkpi != 1)
		return cli_usage_error("sensitivity: --method %s analyses one KPI; %zu given",
		                       methods[m], nkpi);
	return CLI_OK;
}

/* The method, KPIs, step and sample are checked before the scenario is
** loaded, and the uncertain parameters before anything is written, so a
** bad option or distribution writes nothing. */
int cmd_sensitivity(int argc, char **argv)
{
	enum kpi kpi[KPI_COUNT];
	size_t nkpi = 0, m = 0;
	struct batchrun r;
	struct sensmethod_opts so = { SENSMETHOD_TORNADO, 0, 0, 1 };
	struct unc_set *u = NULL;
	double h;

	if (batchrun_begin(&r, argc, argv, CLI_SENSITIVITY, cmd_sensitivity_help) != 0)
		return batchrun_end(&r);
	if ((r.status = check_method(r.o.analysis, &m)) != CLI_OK
	    || (r.status = parse_kpis(r.o.kpi, kpi, &nkpi)) != CLI_OK)
		return batchrun_end(&r);
	if (m > 0 && !r.o.kpi)
		nkpi = 1;
	so.method = m > 0 ? (enum sensmethod)(m - 1) : SENSMETHOD_TORNADO;
	if ((r.status = check_fit(&r, m, nkpi)) != CLI_OK
	    || (r.status = parse_step(r.o.step, &h)) != CLI_OK
	    || (m > 0 && (r.status = parse_global(r.o.samples, r.o.seed, &so)) != CLI_OK))
		return batchrun_end(&r);
	if (argc - optind > 1) {
		r.status = cli_usage_error("sensitivity: %d scenario files given; allowed: one",
		                           argc - optind);
		return batchrun_end(&r);
	}
	if (m == 0) {
		if (batchrun_run(&r, argv + optind, 1) == 0) {
			int st = analyse(&r, h, kpi, nkpi);

			if (st != CLI_OK)
				r.status = st;
		}
		return batchrun_end(&r);
	}
	if (batchrun_load(&r, argv + optind, 1) == 0
	    && (r.status = build_uncertain(&r, argv[optind], &so, &u)) == CLI_OK
	    && batchrun_execute(&r) == 0) {
		int st = analyse_global(&r, u, &so, kpi[0]);

		if (st != CLI_OK)
			r.status = st;
	}
	unc_free(u);
	return batchrun_end(&r);
}
