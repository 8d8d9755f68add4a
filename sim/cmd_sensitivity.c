/*
** cmd_sensitivity.c: dtsim sensitivity --method oat [--kpi KPI[,KPI...]]
** [--step H] [-o DIR] [--set KEY=VALUE]... SCENARIO.ini: run the scenario as
** dtsim run does, then vary each parameter on its own (sensitivity.h) and
** write DIR/sensitivity.csv and DIR/sensitivity.md (senswrite.h) before
** the manifest.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batchrun.h"
#include "commands.h"
#include "compare.h"
#include "numfmt.h"
#include "registry.h"
#include "resdir.h"
#include "senswrite.h"

/* The methods of the command line: those implemented, then those planned
** (the uncertainty issue), which are refused for now. */
static const char *const methods[] = { "oat" };
static const char *const planned[] = { "tornado", "morris", "sobol" };

/* The base name of the files the command writes in DIR. */
#define SENS_FILES "sensitivity"

void cmd_sensitivity_help(void)
{
	printf("Usage: dtsim sensitivity --method oat [OPTION]... SCENARIO.ini\n"
	       "Run the scenario as 'dtsim run' does, writing the same files into DIR; then\n"
	       "vary each parameter on its own and write how much each KPI moves:\n"
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
	       "schedule.* for domains the scenario schedules no money for, and keys of\n"
	       "named sections ([grant.NAME], ...) the scenario does not have. Decisions are\n"
	       "budgets, the allocation over the domains (allocation.*, schedule.*),\n"
	       "savings.reinvest_*, workforce.staff_literacy_share and the funding\n"
	       "instruments (grant, loan, service); every other parameter is an assumption.\n"
	       "A run that fails is reported and left out of that elasticity; the others\n"
	       "go on, and the exit status is 1.\n"
	       "\n"
	       "Options:\n"
	       "      --method=M         the analysis: oat (tornado, morris and sobol are\n"
	       "                         planned); required\n"
	       "      --kpi=KPI[,KPI...] the KPIs to analyse, in this order (default:",
	       SENSWRITE_MD_TOP, SENSWRITE_MD_DECISIONS);
	for (size_t j = 0; j < sens_default_kpi_count; j++)
		printf("%s%s", j % 2 == 0 ? "\n                         " : " ",
		       summary_kpis[sens_default_kpis[j]].name);
	printf(");\n"
	       "                         any KPI of 'dtsim compare --help'\n"
	       "      --step=H           the relative step, above 0 and at most %g\n"
	       "                         (default: %g, that is 10 %%)\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --set=KEY=VALUE    set parameter KEY in the scenario, as in 'dtsim run'\n"
	       "      --years=N, --dt=D, --report-step=S\n"
	       "                         shorthands for --set sim.KEY=VALUE, as in 'dtsim run';\n"
	       "                         the integration method is --set sim.method=M\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "%s", SENS_STEP_MAX, SENS_STEP_DEFAULT, cli_exit_table);
}

/* Checks --method. Returns CLI_OK, or a usage error. */
static int check_method(const char *m)
{
	if (!m)
		return cli_usage_error("sensitivity: --method is required; allowed: oat"
		                       " (tornado, morris and sobol are planned)");
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (strcmp(m, methods[i]) == 0)
			return CLI_OK;
	for (size_t i = 0; i < sizeof planned / sizeof planned[0]; i++)
		if (strcmp(m, planned[i]) == 0)
			return cli_usage_error("sensitivity: --method %s is planned, not implemented"
			                       " yet; allowed: oat", m);
	return cli_usage_error("sensitivity: unknown --method '%s'; allowed: oat (tornado,"
	                       " morris and sobol are planned)", m);
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

/* Method, KPIs and step are checked before the scenario is loaded, so a
** bad option writes nothing. */
int cmd_sensitivity(int argc, char **argv)
{
	enum kpi kpi[KPI_COUNT];
	size_t nkpi = 0;
	struct batchrun r;
	double h;

	if (batchrun_begin(&r, argc, argv, CLI_SENSITIVITY, cmd_sensitivity_help) != 0)
		return batchrun_end(&r);
	if ((r.status = check_method(r.o.analysis)) != CLI_OK
	    || (r.status = parse_kpis(r.o.kpi, kpi, &nkpi)) != CLI_OK
	    || (r.status = parse_step(r.o.step, &h)) != CLI_OK)
		return batchrun_end(&r);
	if (argc - optind > 1) {
		r.status = cli_usage_error("sensitivity: %d scenario files given; allowed: one",
		                           argc - optind);
		return batchrun_end(&r);
	}
	if (batchrun_run(&r, argv + optind, 1) == 0) {
		int st = analyse(&r, h, kpi, nkpi);

		if (st != CLI_OK)
			r.status = st;
	}
	return batchrun_end(&r);
}
