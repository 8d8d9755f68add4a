/*
** main.c: dtsim's command name and global options; each command lives in a
** file of its own (cmd_*.c, commands.h), and what they share in cli.c.
**
**   dtsim run [-o DIR] [--set KEY=VALUE]... [--years N] [--dt D]
**             [--method M] [--report-step S] SCENARIO.ini...
**   dtsim compare [-o DIR] [--rank KPI] [--set KEY=VALUE]... [--years N]
**             [--dt D] [--method M] [--report-step S] SCENARIO.ini...
**   dtsim sensitivity --method oat [--kpi KPI[,KPI...]] [--step H] [-o DIR]
**             [--set KEY=VALUE]... SCENARIO.ini
**   dtsim check [--set KEY=VALUE]... SCENARIO.ini...
**   dtsim params [--markdown]
**   dtsim plot [--format LIST] [--size W,H] [--lang en|de] DIR
**   dtsim report [-o DIR] [--lang en|de] [--baseline ID] [--set KEY=VALUE]...
**             SCENARIO.ini...
**   dtsim mc [-n N] [--seed S] [--threads T] [--independent] [--runs-csv]
**             [--shard K/N] [-o DIR] [--set KEY=VALUE]... SCENARIO.ini...
**   dtsim merge [-o DIR] PART...
**   dtsim calibrate --data HISTORY.csv --fit KEY[,KEY...] [-o DIR]
**             [--set KEY=VALUE]... [--years N] [--format LIST] [--lang L]
**             SCENARIO.ini
**
** Exit status: 0 success, 1 a run failed, 2 bad input or usage (then
** nothing at all is written).
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cleanup.h"
#include "cli.h"
#include "commands.h"
#include "modelversion.h"
#include "version.h"

static void help_main(void)
{
	printf("Usage: dtsim [--help] [--version] COMMAND [ARG]...\n"
	       "Simulate municipal digital-transformation scenarios year by year.\n"
	       "\n"
	       "Commands:\n"
	       "  run      run scenarios; write CSV time series, resolved scenarios, a summary\n"
	       "  compare  run scenarios as 'run' does and rank them by a KPI in a table\n"
	       "  sensitivity\n"
	       "           run a scenario and vary each parameter on its own: which\n"
	       "           assumptions and decisions move the KPIs most (elasticities)\n"
	       "  check    validate scenarios; print every parameter and where it came from\n"
	       "  params   list every parameter: name, unit, default, range, meaning, source\n"
	       "  plot     draw charts (PNG, SVG, PDF, EMF) of the results in a directory\n"
	       "  report   run scenarios, draw their charts and write a report (Markdown;\n"
	       "           HTML and Word too when pandoc is installed)\n"
	       "  mc       Monte Carlo: run scenarios many times with uncertain parameters\n"
	       "           drawn; percentiles per year, KPI distributions, probabilities\n"
	       "  merge    combine the partial results of 'dtsim mc --shard K/N'\n"
	       "  optimise find the roadmap that a scenario's [optimise] section asks for:\n"
	       "           the best allocation and budget per phase under constraints\n"
	       "  calibrate\n"
	       "           fit parameters to a municipality's history (least squares);\n"
	       "           estimates, standard errors, a scenario with the fitted values\n"
	       "  help     show the help of a command\n"
	       "\n"
	       "Options:\n"
	       "  -h, --help     show this help and exit\n"
	       "  -V, --version  show the versions of dtsim and of its model and exit\n"
	       "\n"
	       "'dtsim COMMAND --help' shows the options of a command; 'man dtsim' the manual.\n"
	       "\n"
	       "%s", cli_exit_table);
}

static int cmd_help(int argc, char **argv);

/* The subcommands, git style: name, handler, help. */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	void (*help)(void);
} commands[] = {
	{ "run", cmd_run, cmd_run_help },
	{ "compare", cmd_compare, cmd_compare_help },
	{ "sensitivity", cmd_sensitivity, cmd_sensitivity_help },
	{ "check", cmd_check, cmd_check_help },
	{ "params", cmd_params, cmd_params_help },
	{ "plot", cmd_plot, cmd_plot_help },
	{ "report", cmd_report, cmd_report_help },
	{ "mc", cmd_mc, cmd_mc_help },
	{ "merge", cmd_merge, cmd_merge_help },
	{ "optimise", cmd_optimise, cmd_optimise_help },
	{ "calibrate", cmd_calibrate, cmd_calibrate_help },
	{ "help", cmd_help, help_main },
};

static const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* dtsim help [COMMAND]: the same text as --help. */
static int cmd_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc > 2)
		return cli_usage_error("help: unexpected argument '%s'", argv[2]);
	if (argc < 2) {
		help_main();
		return cli_close_stdout(CLI_OK);
	}
	cmd = command_find(argv[1]);
	if (!cmd)
		return cli_usage_error("help: unknown command '%s'", argv[1]);
	cmd->help();
	return cli_close_stdout(CLI_OK);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command *cmd;
	int c;

	/* GSL reports through return codes; its default handler would abort. */
	gsl_set_error_handler_off();
	/* A signal removes the temporary files and ends the gnuplot children
	** (cleanup.h); without the handler they would stay behind. */
	if (cleanup_install() != 0) {
		fprintf(stderr, "dtsim: cannot install signal handlers: %s\n", strerror(errno));
		return CLI_RUN_FAILED;
	}

	/* '+' stops at the command name, whose own options follow it. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		if (c == 'h') {
			help_main();
			return cli_close_stdout(CLI_OK);
		}
		if (c == 'V') {
			printf("dtsim " DTSIM_VERSION "\n"
			       "model " MODEL_VERSION "\n"
			       "Copyright (C) 2026 the dtsim authors\n"
			       "License GPL-3.0-or-later\n"
			       "This is free software: you are free to change and redistribute it.\n"
			       "There is NO WARRANTY, to the extent permitted by law.\n");
			return cli_close_stdout(CLI_OK);
		}
		return cli_option_error(1, c, argv);
	}
	if (optind >= argc)
		return cli_usage_error("no command given");
	cmd = command_find(argv[optind]);
	if (!cmd)
		return cli_usage_error("unknown command '%s'", argv[optind]);
	return cmd->run(argc - optind, argv + optind);
}
