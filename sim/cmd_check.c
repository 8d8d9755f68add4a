/*
** cmd_check.c: dtsim check [--set KEY=VALUE]... SCENARIO.ini...: validate
** every scenario and print its resolved parameters with where each value
** came from. Writes no file.
*/
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "uncertainty.h"

void cmd_check_help(void)
{
	printf("Usage: dtsim check [OPTION]... SCENARIO.ini...\n"
	       "Validate every scenario and print its resolved parameters, each with where\n"
	       "its value came from: default, FILE:LINE or --set, then the distribution of\n"
	       "every uncertain parameter (uncertainty.KEY = ...) with where it came from.\n"
	       "Writes no files.\n"
	       "\n"
	       "Options:\n"
	       "      --set=KEY=VALUE    set parameter KEY, as in 'dtsim run'\n"
	       "      --years=N, --dt=D, --method=M, --report-step=S\n"
	       "                         shorthands for --set sim.KEY=VALUE, as in 'dtsim run'\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "%s", cli_exit_table);
}

/* Prints the distribution of every uncertain parameter of sc, aligned as
** scenario_write_check aligns values: "uncertainty.legacy.om_rate = pert(...)
** # default". Returns 0, or -1 when memory runs out. */
static int write_unc(const struct scenario *sc)
{
	struct errlist el = { NULL, 0, 0 };
	struct strbuf line = STRBUF_INIT, from = STRBUF_INIT;
	struct unc_set *u;

	if (unc_build(sc, &u, &el) != 0) {
		errlist_free(&el);
		return -1;
	}
	for (size_t i = 0; i < unc_count(u); i++) {
		strbuf_reset(&line);
		strbuf_reset(&from);
		strbuf_printf(&line, "uncertainty.%s = ", unc_name(u, i));
		unc_format(u, i, &line);
		unc_source(u, i, &from);
		printf("%-47s # %s\n", strbuf_str(&line), strbuf_str(&from));
	}
	strbuf_free(&line);
	strbuf_free(&from);
	unc_free(u);
	return 0;
}

int cmd_check(int argc, char **argv)
{
	struct cli_opts o;
	struct cli_batch b = { 0, NULL, NULL, NULL };
	struct cli_diag d = { NULL, 0 };
	int status;

	memset(&o, 0, sizeof o);
	if (cli_opts_parse(argc, argv, CLI_CHECK, cmd_check_help, &o, &status) != 0)
		goto done;
	status = cli_batch_load(argv + optind, (size_t)(argc - optind), &o, &b, &d);
	if (status != CLI_OK)
		goto done;
	for (size_t i = 0; i < b.n; i++) {
		if (b.n > 1)
			printf("%s# %s\n", i ? "\n" : "", argv[optind + (int)i]);
		if (scenario_write_check(b.sc[i], stdout) != 0 || write_unc(b.sc[i]) != 0) {
			status = CLI_RUN_FAILED;
			break;
		}
	}
	status = cli_close_stdout(status);
done:
	cli_batch_free(&b);
	cli_opts_free(&o);
	cli_diag_free(&d);
	return status;
}
