/*
** cmd_calibrate.c: dtsim calibrate --data HISTORY.csv --fit KEY[,KEY...]
** [-o DIR] [--set K=V]... [--years N] [--format LIST] [--lang L]
** SCENARIO.ini: fits parameters of the scenario to a municipality's
** history (history.h, calib.h) and writes the report, calibrated.ini and
** the chart of observed against fitted (calibout.h, calibplot.h). Every
** input is checked before anything is written.
*/
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calib.h"
#include "calibout.h"
#include "cli.h"
#include "commands.h"
#include "history.h"
#include "resdir.h"
#include "uncertainty.h"

/* The most parameters one calibration fits. */
#define CALIBRATE_FIT_MAX 32

void cmd_calibrate_help(void)
{
	printf("Usage: dtsim calibrate --data HISTORY.csv --fit KEY[,KEY...] [OPTION]... SCENARIO.ini\n"
	       "Fit parameters of the scenario to a municipality's own figures: weighted\n"
	       "nonlinear least squares (GSL, trust region with Levenberg-Marquardt steps),\n"
	       "each parameter kept inside its range by a logistic map. The scenario must\n"
	       "run over the history's years: start it at the first observed year\n"
	       "(--set sim.start_year=YEAR) and run it long enough (--years N).\n"
	       "\n"
	       "HISTORY.csv: a column year, any output columns of 'dtsim run' (cash_eur,\n"
	       "workforce_skill, om_share, ...), and for any of them a weight column\n"
	       "w_COLUMN (default weight 1; 0 leaves a value out). A row is a fiscal year and\n"
	       "means what that year's row of dtsim run's CSV means (a stock at the end of\n"
	       "the year, a flow over it); an empty cell is not observed. Either CSV dialect\n"
	       "(',' and a decimal point, or ';' and a decimal comma).\n"
	       "\n"
	       "Each residual is sqrt(weight) (fitted - observed) / scale, the scale of a\n"
	       "column the root mean square of its observations, so that money and shares\n"
	       "mix. Standard errors: the covariance of the fit scaled by chi-squared / dof,\n"
	       "carried through the logistic map (delta method). A warning says when the\n"
	       "history does not identify the parameters: the Jacobian's condition number\n"
	       "(columns scaled to length 1) above %g, a correlation of two estimates above\n"
	       "%g in magnitude, or a parameter without a standard error.\n"
	       "\n"
	       "Writes the report to stdout and into DIR:\n"
	       "  calibration.md             the report: estimates, standard errors, ranges,\n"
	       "                             correlations, chi-squared, dof, RMSE, R-squared,\n"
	       "                             condition number, warnings, residuals\n"
	       "  calibration.csv            per parameter: start, estimate, std_error, lower,\n"
	       "                             upper, corr_KEY for each parameter\n"
	       "  calibration_residuals.csv  per observation: year, column, observed, fitted,\n"
	       "                             weight, scale, residual\n"
	       "  calibrated.csv             the fitted run, as 'dtsim run' writes it\n"
	       "  calibrated.ini             extends SCENARIO.ini and sets the --set values\n"
	       "                             and the fitted keys: 'dtsim run' on it reproduces\n"
	       "                             the fitted run\n"
	       "  handover.ini               a plan from the year after the last observed\n"
	       "                             one: extends calibrated.ini and starts from the\n"
	       "                             fitted run's state at the end of that year (the\n"
	       "                             stocks that have a first-day key)\n"
	       "  plots/calibration.FORMAT   observed points against the fitted run\n"
	       "\n"
	       "Options:\n"
	       "      --data=FILE        the history (required)\n"
	       "      --fit=KEY[,KEY...] the parameters to fit (required, at most %d): real\n"
	       "                         parameters of 'dtsim params', section.NAME.key for a\n"
	       "                         named section's; a year-block key moves alike in\n"
	       "                         every year (its first year's value is fitted)\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --set=KEY=VALUE    set parameter KEY in the scenario, as in 'dtsim run'\n"
	       "      --years=N          shorthand for --set sim.years=N\n"
	       "      --format=LIST      the chart's formats, as in 'dtsim plot' (default: png)\n"
	       "      --lang=L           the language of calibration.md (and the report on\n"
	       "                         stdout) and of the chart: en (default) or de (German\n"
	       "                         texts, a decimal comma; keys, columns and units stay)\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "%s", CALIB_COND_MAX, CALIB_CORR_MAX, CALIBRATE_FIT_MAX, cli_exit_table);
}

/* The options of the command. */
struct copts {
	struct cli_opts o;
	const char *data, *fit;
	char *keys[CALIBRATE_FIT_MAX];
	size_t nkeys;
	char *buf;  /* the --fit text, split; owned */
};

/* Parses argv into c. Returns -1 with *status when done, else 0. */
static int parse(int argc, char **argv, struct copts *c, int *status)
{
	static const struct option lo[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "fit", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "set", required_argument, NULL, 's' },
		{ "years", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'F' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:h", lo, NULL)) != -1) {
		switch (ch) {
		case 'd': c->data = optarg; break;
		case 'f': c->fit = optarg; break;
		case 'o': c->o.outdir = optarg; break;
		case 'F': c->o.format = optarg; break;
		case 'L': c->o.lang = optarg; break;
		case 's':
		case 'y':
			if (cli_opts_add_set(&c->o, ch == 's' ? "" : "sim.years=", optarg) != 0) {
				fputs("dtsim: out of memory\n", stderr);
				*status = CLI_RUN_FAILED;
				return -1;
			}
			break;
		case 'h':
			cmd_calibrate_help();
			*status = cli_close_stdout(CLI_OK);
			return -1;
		default:
			*status = cli_option_error(0, ch, argv);
			return -1;
		}
	}
	if (!c->data || !c->fit) {
		*status = cli_usage_error("calibrate: %s is required", c->data ? "--fit" : "--data");
		return -1;
	}
	if (argc - optind != 1) {
		*status = cli_usage_error("calibrate: %d scenario files given; allowed: one",
		                          argc - optind);
		return -1;
	}
	if (!(c->buf = strdup(c->fit))) {
		fputs("dtsim: out of memory\n", stderr);
		*status = CLI_RUN_FAILED;
		return -1;
	}
	for (char *p = c->buf, *comma; ; p = comma + 1) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if (!*p || c->nkeys == CALIBRATE_FIT_MAX) {
			*status = cli_usage_error("calibrate: --fit '%s' is not allowed; allowed: 1 to %d "
			                          "parameter names separated by commas", c->fit,
			                          CALIBRATE_FIT_MAX);
			return -1;
		}
		c->keys[c->nkeys++] = p;
		if (!comma)
			break;
	}
	if (!c->o.outdir)
		c->o.outdir = "out";
	return 0;
}

/* Checks what the fit needs of the loaded inputs. Returns CLI_OK, or
** CLI_BAD_INPUT having printed why. */
static int check_inputs(const struct cli_batch *b, const struct history *h, const char *data,
                        const struct unc_set *u, struct cli_diag *d)
{
	const struct model_params *y = b->years[0];
	const long first = (long)y->sim_start_year, last = first + (long)b->nyears[0] - 1;
	struct err e;

	err_clear(&e);
	if (y->sim_report_step != 1.0) {
		fprintf(stderr, "dtsim: %s: calibrate: sim.report_step = %g; allowed: 1 (the history "
		        "has a row per fiscal year)\n", scenario_id(b->sc[0]), y->sim_report_step);
		return CLI_BAD_INPUT;
	}
	if (history_check_years(h, data, first, last, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		return CLI_BAD_INPUT;
	}
	for (size_t i = 0; i < unc_count(u); i++)
		if (unc_def(u, i)->flags & PF_SHARE) {
			fprintf(stderr, "dtsim: calibrate: --fit %s: an allocation share is a decision, "
			        "not a parameter to fit; allowed: the other real parameters\n",
			        unc_name(u, i));
			return CLI_BAD_INPUT;
		}
	if (h->nobs <= unc_count(u)) {
		fprintf(stderr, "%s: %zu observations for %zu parameters; allowed: more observations "
		        "than parameters (the standard errors need at least one degree of freedom)\n",
		        data, h->nobs, unc_count(u));
		return CLI_BAD_INPUT;
	}
	return CLI_OK;
}

/* Writes every output into dir (locked). Returns CLI_OK or CLI_RUN_FAILED. */
static int write_all(const char *dir, const struct calibout_in *ci, struct plot_opts *po,
                     struct cli_diag *d)
{
	int (*const writers[])(const char *, const struct calibout_in *, struct err *) = {
		calibout_write_run, calibout_write_csv, calibout_write_residuals,
		calibout_write_md, calibout_write_ini, calibout_write_handover
	};
	int status = CLI_OK;
	struct err e;

	for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
		err_clear(&e);
		if (writers[i](dir, ci, &e) != 0) {
			cli_diag_err(d, &e, NULL);
			status = CLI_RUN_FAILED;
		}
	}
	if (status == CLI_OK) {
		int st = cli_draw_charts(dir, NULL, 0, po, d);
		if (st != CLI_OK)
			status = st;
	}
	return status;
}

int cmd_calibrate(int argc, char **argv)
{
	struct copts c;
	struct cli_batch b;
	struct cli_diag d = { NULL, 0 };
	struct history *h = NULL;
	struct unc_set *u = NULL;
	struct calib_result r;
	struct plot_opts po;
	struct errlist el = { NULL, 0, 0 };
	struct err e;
	int status = CLI_OK, lock = -1, fitted = 0;

	memset(&c, 0, sizeof c);
	memset(&b, 0, sizeof b);
	memset(&r, 0, sizeof r);
	if (parse(argc, argv, &c, &status) != 0)
		goto done;
	if (cli_chart_opts("calibrate", c.o.format, NULL, c.o.lang, &po, &status) != 0)
		goto done;
	if ((status = cli_batch_load(argv + optind, 1, &c.o, &b, &d)) != CLI_OK)
		goto done;
	err_clear(&e);
	if (history_load(c.data, &h, &e) != 0) {
		cli_diag_err(&d, &e, NULL);
		status = CLI_BAD_INPUT;
		goto done;
	}
	if (unc_build_keys(b.sc[0], (const char *const *)c.keys, c.nkeys, &u, &el) != 0) {
		cli_print_errors(&d, &el, argv[optind]);
		status = CLI_BAD_INPUT;
		goto done;
	}
	if ((status = check_inputs(&b, h, c.data, u, &d)) != CLI_OK)
		goto done;
	{
		struct calib_in in = { u, b.years[0], b.nyears[0], h };
		err_clear(&e);
		if (calib_fit(&in, &r, &e) != 0) {
			fprintf(stderr, "dtsim: %s: calibrate: %s\n", scenario_id(b.sc[0]), e.msg);
			status = CLI_RUN_FAILED;
			goto done;
		}
		fitted = 1;
	}
	{
		struct calibout_in ci = { &r, u, h, c.data, b.sc[0], argv[optind], b.years[0],
		                          b.nyears[0], c.o.set, c.o.nset, po.lang };
		if ((status = cli_results_open(c.o.outdir, 1, &lock, &d)) != CLI_OK)
			goto done;
		status = write_all(c.o.outdir, &ci, &po, &d);
		/* stderr speaks English, as every message of the command line. */
		calibout_warnings(stderr, "dtsim: warning: ", &ci, PLOT_EN);
		if (calibout_report(stdout, &ci) != 0 && status == CLI_OK)
			status = CLI_RUN_FAILED;
	}
done:
	resdir_unlock(lock);
	if (fitted)
		calib_result_free(&r);
	unc_free(u);
	history_free(h);
	errlist_free(&el);
	cli_batch_free(&b);
	cli_opts_free(&c.o);
	cli_diag_free(&d);
	free(c.buf);
	return cli_close_stdout(status);
}
