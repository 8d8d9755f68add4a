/*
** cmd_params.c: dtsim params [--markdown]: every parameter of the registry,
** and the rules between keys (docs/PARAMETERS.md is its Markdown).
** dtsim params --json [SCENARIO.ini...]: the registry, the KPIs, the output
** columns and each scenario's resolved parameters as JSON (sim/webdata.c),
** what `make web` builds the what-if page from.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "profile.h"
#include "registry.h"
#include "rules.h"
#include "uncrange.h"
#include "webdata.h"

/* --json has no short form; its code follows the shared ones (cli.h). */
enum { PARAMS_OPT_JSON = CLI_OPT_MARKDOWN + 1000 };

void cmd_params_help(void)
{
	printf("Usage: dtsim params [OPTION]...\n"
	       "   or: dtsim params --json [SCENARIO.ini]...\n"
	       "List every parameter a scenario can set: name, unit, default, allowed\n"
	       "range, default distribution of its uncertainty, meaning and source; then\n"
	       "the rules between keys, the size classes and the uncertainty ranges.\n"
	       "\n"
	       "Options:\n"
	       "      --markdown  print a Markdown table (as in docs/PARAMETERS.md)\n"
	       "      --json      print the registry, the KPIs, the output columns and each\n"
	       "                  SCENARIO's parameters, resolved per fiscal year, as JSON\n"
	       "                  (what make web builds the what-if page from)\n"
	       "  -h, --help      show this help and exit\n"
	       "\n"
	       "%s", cli_exit_table);
}

/* The size classes the auto staff density and services follow
** (models/sizes.def, docs/MODEL.md 1.2). */
static void print_sizes(int markdown)
{
	size_t n;
	const struct profile_size *s = profile_sizes(&n);

	fputs(markdown ? "\n## Size classes\n\nWhen `municipality.staff_per_1000` and"
	      " `services.count` are auto, they follow these\nclasses (models/sizes.def),"
	      " linearly in the logarithm of the inhabitants\nbetween two classes:\n\n"
	      "| inhabitants | staff per 1,000 | services | source |\n|---|---|---|---|\n"
	      : "\nSize classes (auto staff_per_1000 and services.count):\n", stdout);
	for (size_t i = 0; i < n; i++)
		printf(markdown ? "| %.0f | %g | %g | %s |\n" : "  %.0f inhabitants: %g staff per"
		       " 1,000, %g services [%s]\n", s[i].inhabitants, s[i].staff_per_1000,
		       s[i].services, s[i].source);
}

/* The assumption ranges of models/uncertainty.def and what each rests on
** (docs/MODEL.md 17). */
static void print_ranges(int markdown)
{
	fputs(markdown ? "\n## Uncertainty ranges\n\nThe range each assumption's true value lies in"
	      " (models/uncertainty.def). Without\nan `[uncertainty]` line a parameter is drawn"
	      " from PERT(min, value, max) with the\nscenario's value as mode (moved into the"
	      " range when outside it); decisions\n(budgets, allocation shares, funding"
	      " instruments) have no range and are not\nuncertain unless a scenario says so"
	      " (docs/MODEL.md 17):\n\n| name | min | max | basis |\n|---|---|---|---|\n"
	      : "\nUncertainty ranges (default: pert(min, value, max)):\n", stdout);
	for (size_t i = 0; i < params_count; i++) {
		const struct uncrange *r = uncrange_of(i);
		const char *basis;
		if (!r)
			continue;
		basis = strcmp(r->basis, "source") == 0 ? "its source (in the table above) gives the range" : r->basis;
		printf(markdown ? "| %s | %g | %g | %s |\n" : "  %s: %g to %g [%s]\n",
		       params_table[i].name, r->min, r->max, basis);
	}
}

/* dtsim params --json: loads and checks every scenario (printing every
** mistake, exit status 2, nothing written), then writes the document. */
static int write_json(char *const *paths, size_t n)
{
	struct cli_opts o;
	struct cli_batch b = { 0, NULL, NULL, NULL };
	struct cli_diag d = { NULL, 0 };
	struct err e;
	int status = CLI_OK;

	memset(&o, 0, sizeof o);
	if (n > 0)
		status = cli_batch_load(paths, n, &o, &b, &d);
	if (status == CLI_OK && webdata_write(stdout, b.sc, b.n, &e) != 0) {
		cli_diag_err(&d, &e, NULL);
		status = CLI_RUN_FAILED;
	}
	if (status == CLI_OK || status == CLI_RUN_FAILED)
		status = cli_close_stdout(status);
	cli_batch_free(&b);
	cli_opts_free(&o);
	cli_diag_free(&d);
	return status;
}

int cmd_params(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, CLI_OPT_MARKDOWN },
		{ "json", no_argument, NULL, PARAMS_OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int markdown = 0, json = 0, c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cmd_params_help();
			return cli_close_stdout(CLI_OK);
		}
		if (c == PARAMS_OPT_JSON) {
			json = 1;
			continue;
		}
		if (c != CLI_OPT_MARKDOWN)
			return cli_option_error(0, c, argv);
		markdown = 1;
	}
	if (json && markdown)
		return cli_usage_error("params: --json and --markdown exclude each other");
	if (json)
		return write_json(argv + optind, (size_t)(argc - optind));
	if (optind < argc)
		return cli_usage_error("params: unexpected argument '%s'", argv[optind]);
	registry_print(stdout, markdown);
	fputs(markdown ? "\n## Rules between keys\n\nBeyond each key's range, a scenario's values must"
	      " satisfy these together\n(models/rules.def); a broken rule names the value"
	      " set last:\n\n" : "\nRules between keys:\n", stdout);
	rules_print(stdout, markdown);
	print_sizes(markdown);
	print_ranges(markdown);
	return cli_close_stdout(CLI_OK);
}
