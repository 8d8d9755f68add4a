/*
** cmd_run.c: dtsim run [-o DIR] [--set KEY=VALUE]... [--years N] [--dt D]
** [--method M] [--report-step S] [--baseline ID] [--xlsx] [--csv-dialect en|de]
** [--plot ...] SCENARIO.ini...: run every scenario into DIR (batchrun.h).
*/
#include <stdio.h>
#include <unistd.h>

#include "batchrun.h"
#include "commands.h"

void cmd_run_help(void)
{
	printf("Usage: dtsim run [OPTION]... SCENARIO.ini...\n"
	       "Run every scenario over its planning horizon. For each scenario ID (the\n"
	       "file name without .ini) write DIR/ID.csv (one row per report step),\n"
	       "DIR/ID.params.ini (the resolved scenario; running it reproduces ID.csv)\n"
	       "and, for all of them, DIR/summary.csv (one row per scenario) and last\n"
	       "DIR/manifest.csv (what each file holds, for 'dtsim plot').\n"
	       "Every scenario is checked before anything is written; DIR is locked\n"
	       "while dtsim writes it (another dtsim writing there is refused).\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --set=KEY=VALUE    set parameter KEY (section.key, or section@YEAR.key\n"
	       "                         from fiscal year YEAR on) in every scenario;\n"
	       "                         may be repeated, the last one wins\n"
	       "      --years=N          same as --set sim.years=N\n"
	       "      --dt=D             same as --set sim.dt=D (years)\n"
	       "      --method=M         same as --set sim.method=M (euler, rk4, rkf45)\n"
	       "      --report-step=S    same as --set sim.report_step=S (years)\n"
	       "      --xlsx             also write DIR/results.xlsx: a sheet for summary.csv\n"
	       "                         and one for each scenario's time series, with units\n"
	       "      --csv-dialect=D    write the CSV files in dialect D: en (',' between\n"
	       "                         fields, decimal point; the default) or de (';',\n"
	       "                         decimal comma, for German spreadsheets)\n"
	       "      --baseline=ID      scenario ID (one of those given) is every\n"
	       "                         scenario's reference: the grey line on its\n"
	       "                         charts, and what its key figures compare with\n"
	       "                         (default: each file's scenario.reference)\n"
	       "      --plot             then draw the charts into DIR/plots, as 'dtsim plot'\n"
	       "      --format=LIST, --size=W,H, --lang=L\n"
	       "                         chart options, as in 'dtsim plot' (need --plot)\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "%s", cli_exit_table);
}

int cmd_run(int argc, char **argv)
{
	struct batchrun r;

	if (batchrun_begin(&r, argc, argv, CLI_RUN, cmd_run_help) == 0)
		batchrun_run(&r, argv + optind, (size_t)(argc - optind));
	return batchrun_end(&r);
}
