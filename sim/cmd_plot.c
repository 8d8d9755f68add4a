/*
** cmd_plot.c: dtsim plot [--format LIST] [--size W,H] [--lang en|de] DIR:
** the charts of the results that dtsim run wrote into DIR.
*/
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "manifest.h"
#include "mcdata.h"
#include "resdir.h"
#include "roadmap.h"

/* 0 when dir has a manifest.csv (a file or anything else by that name). */
static int access_manifest(const char *dir)
{
	char *path = resdir_join(dir, RESDIR_MANIFEST, "");
	struct stat st;
	int rc = path && lstat(path, &st) == 0 ? 0 : -1;

	free(path);
	return rc;
}

/* The roadmap chart of an optimisation in dir (roadmap_redraw), in po's
** formats, size and language. The caller holds dir's lock. Returns CLI_OK,
** or CLI_RUN_FAILED having printed why. */
static int draw_roadmap(const char *dir, struct plot_opts *po, struct cli_diag *d)
{
	char tmpl[PATH_MAX];
	struct errlist el = { NULL, 0, 0 };
	struct err e;
	int status = CLI_OK;

	err_clear(&e);
	if (plot_find_templates(getenv("DTSIM_PLOTS"), tmpl, sizeof tmpl, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		return CLI_RUN_FAILED;
	}
	po->templates = tmpl;
	if (roadmap_redraw(dir, po, &el) != 0) {
		cli_print_errors(d, &el, dir);
		status = CLI_RUN_FAILED;
	}
	po->templates = NULL;
	errlist_free(&el);
	return status;
}

void cmd_plot_help(void)
{
	printf("Usage: dtsim plot [OPTION]... DIR\n"
	       "Draw charts of the results that 'dtsim run -o DIR' wrote, with gnuplot,\n"
	       "into DIR/plots/. Per scenario ID: ID-dashboard (the question, the key\n"
	       "figures and every panel on one page) and each panel alone: ID-funding,\n"
	       "ID-spend, ID-services, ID-cumulative, ID-cash, ID-om-legacy, ID-skill,\n"
	       "ID-resistance; ID-programme (loans, grants, partner capital, debt service,\n"
	       "interest, fees). Across scenarios: compare-VARIABLE for each core variable,\n"
	       "compare-kpi (summary.csv as bars), compare-funding (these two in pages of\n"
	       "at most 6 scenarios, compare-kpi-1, ..., when there are more) and, when the\n"
	       "results have it, compare-net-benefit. After 'dtsim mc -o DIR' (DIR holds\n"
	       "mc_summary.csv), per scenario also ID-fan (the 5th-95th and 25th-75th\n"
	       "percentile bands and the median of the core variables over the years, from\n"
	       "ID.mc.csv) and ID-mc-kpi (histograms of key figures over the runs, the\n"
	       "target marked, from ID.mc_hist.csv); a study without a run gets these\n"
	       "alone. After 'dtsim optimise -o DIR' (DIR holds roadmap.ini), the roadmap\n"
	       "chart (roadmap: investment by domain and year, phases, milestones), drawn\n"
	       "from a run of DIR/roadmap.ini, as the optimiser drew it; a directory with\n"
	       "an optimisation and no run gets it alone. Every chart has a footer with the versions and the digest from\n"
	       "DIR/manifest.csv (the Monte Carlo charts: of ID.mc.csv), and fits an A4 page.\n"
	       "Beside each chart is its gnuplot script (CHART.gp) with style.gp, lang.gp\n"
	       "and terminal.gp: edit them and run 'gnuplot CHART.gp' in DIR/plots to\n"
	       "restyle a chart.\n"
	       "\n"
	       "Options:\n"
	       "      --format=LIST  comma-separated: png, svg, pdf, emf (default: png)\n"
	       "      --size=W,H     a single chart's size: centimetres for svg, pdf and emf\n"
	       "                     (default 16,10), pixels for png (default 1890,1181,\n"
	       "                     16 x 10 cm at 300 dpi); dashboards are 2.6 times as high\n"
	       "      --lang=L       texts and numbers in en (default) or de (decimal comma,\n"
	       "                     the scenarios' name_de and description_de)\n"
	       "      --baseline=ID  draw scenario ID as the grey reference line on every\n"
	       "                     time chart and compare the key figures with it\n"
	       "                     (default: the reference the run recorded)\n"
	       "  -h, --help         show this help and exit\n"
	       "\n"
	       "Environment: DTSIM_PLOTS, the directory of the chart templates (default:\n"
	       "../share/dtsim/plots, then ../plots, beside the dtsim program);\n"
	       "DTSIM_GNUPLOT, the gnuplot program (default: gnuplot, found in PATH).\n"
	       "\n"
	       "%s", cli_exit_table);
}

/* dtsim plot [--format LIST] [--size W,H] [--lang en|de] [--baseline ID] DIR */
int cmd_plot(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, CLI_OPT_FORMAT },
		{ "size", required_argument, NULL, CLI_OPT_SIZE },
		{ "lang", required_argument, NULL, CLI_OPT_LANG },
		{ "baseline", required_argument, NULL, CLI_OPT_BASELINE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = NULL, *size = NULL, *lang = NULL, *baseline = NULL;
	struct cli_diag d = { NULL, 0 };
	struct plot_opts po;
	struct manifest *m = NULL;
	struct stat st;
	struct err e;
	int c, status, lock = -1, road, runs;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cmd_plot_help();
			return cli_close_stdout(CLI_OK);
		}
		if (c == CLI_OPT_FORMAT)
			format = optarg;
		else if (c == CLI_OPT_SIZE)
			size = optarg;
		else if (c == CLI_OPT_LANG)
			lang = optarg;
		else if (c == CLI_OPT_BASELINE)
			baseline = optarg;
		else
			return cli_option_error(0, c, argv);
	}
	if (optind >= argc)
		return cli_usage_error("plot: no results directory given");
	if (optind + 1 < argc)
		return cli_usage_error("plot: unexpected argument '%s'", argv[optind + 1]);
	if (cli_chart_opts("plot", format, size, lang, &po, &status) != 0)
		return status;
	po.baseline = baseline;
	if (stat(argv[optind], &st) != 0 || !S_ISDIR(st.st_mode))
		return cli_usage_error("plot: no results directory '%s': %s", argv[optind],
		                       stat(argv[optind], &st) != 0 ? strerror(errno) : "not a directory");
	/* Results that cannot be read are bad input, found before anything is
	** written (not even the lock file); under the lock they are read again. */
	err_clear(&e);
	road = roadmap_present(argv[optind]);
	runs = !road || access_manifest(argv[optind]) == 0 || mcdata_present(argv[optind]);
	if (road) {
		struct errlist el = { NULL, 0, 0 };
		int bad = roadmap_check(argv[optind], &el);

		if (bad)
			cli_print_errors(&d, &el, argv[optind]);
		errlist_free(&el);
		if (bad) {
			cli_diag_free(&d);
			return CLI_BAD_INPUT;
		}
		if (!runs && baseline)
			return cli_usage_error("plot: --baseline '%s': %s holds an optimisation and"
			                       " no run (no " RESDIR_MANIFEST ")", baseline, argv[optind]);
	}
	/* A Monte Carlo study without a run (dtsim mc -o DIR) has no manifest,
	** nor has an optimisation alone (its roadmap chart is all it has). */
	if (runs && mcdata_present(argv[optind]) && access_manifest(argv[optind]) != 0) {
		if (baseline)
			return cli_usage_error("plot: --baseline '%s': %s holds a Monte Carlo study"
			                       " and no run (no " RESDIR_MANIFEST ")", baseline,
			                       argv[optind]);
	} else if (runs && manifest_load(argv[optind], &m, &e) != 0) {
		cli_diag_err(&d, &e, NULL);
		cli_diag_free(&d);
		return CLI_BAD_INPUT;
	}
	if (m && baseline && !manifest_find(m, baseline)) {
		manifest_free(m);
		return cli_usage_error("plot: --baseline '%s' is not a scenario of %s/"
		                       RESDIR_MANIFEST, baseline, argv[optind]);
	}
	manifest_free(m);
	if (mcdata_present(argv[optind])) {
		struct mcdata mc;
		int bad = mcdata_load(argv[optind], po.lang, &mc, &e);

		mcdata_free(&mc);
		if (bad) {
			cli_diag_err(&d, &e, NULL);
			cli_diag_free(&d);
			return CLI_BAD_INPUT;
		}
	}
	status = cli_results_open(argv[optind], 0, &lock, &d);
	if (status == CLI_OK && runs)
		status = cli_draw_charts(argv[optind], NULL, 0, &po, &d);
	if (status == CLI_OK && road)
		status = draw_roadmap(argv[optind], &po, &d);
	resdir_unlock(lock);
	cli_diag_free(&d);
	return status;
}
