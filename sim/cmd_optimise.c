/*
** cmd_optimise.c: dtsim optimise [-o DIR] [--set KEY=VALUE]... [--years N]
** [--lang en|de] [--format LIST] [--size W,H] SCENARIO.ini: the roadmap that the
** scenario's [optimise], [decision.NAME] and [constraint.NAME] sections
** ask for (optim.h), written as DIR/roadmap.ini (optimini.h),
** DIR/summary.csv (its KPIs), DIR/constraints.csv and
** DIR/convergence.csv (optimout.h), in the robust mode DIR/robust.csv
** (optimrobust.h), and DIR/roadmap.md with the roadmap chart (roadmap.h).
*/
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "cli.h"
#include "commands.h"
#include "csvout.h"
#include "optim.h"
#include "optimini.h"
#include "optimline.h"
#include "optimout.h"
#include "optimrobust.h"
#include "optimspec.h"
#include "resdir.h"
#include "roadmap.h"
#include "uncertainty.h"

enum { OPT_SET = 300, OPT_YEARS, OPT_LANG, OPT_FORMAT, OPT_SIZE };

void cmd_optimise_help(void)
{
	printf("Usage: dtsim optimise [OPTION]... SCENARIO.ini\n"
	       "Find the decisions of the scenario's [decision.NAME] sections (a phase's\n"
	       "allocation shares, a budget, a loan's size, ...) that minimise or maximise\n"
	       "the KPI of its [optimise] section subject to its [constraint.NAME] sections,\n"
	       "with NLopt: ISRES (global) from the scenario as written, then COBYLA (local)\n"
	       "from the best point found; seeded (optimise.seed), so the same seed gives the\n"
	       "same roadmap. Writes into DIR:\n"
	       "  DIR/roadmap.ini       a scenario that extends SCENARIO.ini and sets the\n"
	       "                        decided values in year blocks; 'dtsim run' on it\n"
	       "                        reproduces the optimum's KPIs exactly\n"
	       "  DIR/summary.csv       the KPIs of the roadmap, as 'dtsim run' writes them\n"
	       "                        (in the robust mode: of the run without draws)\n"
	       "  DIR/robust.csv        robust mode only: each KPI and constraint measure\n"
	       "                        in the nominal run and its mean, sd, 5th and 95th\n"
	       "                        percentile over the draws; each constraint's share\n"
	       "                        of the draws in which it holds\n"
	       "  DIR/constraints.csv   each constraint: value, bound, margin, met, binding\n"
	       "  DIR/convergence.csv   each evaluation: objective, largest relative\n"
	       "                        violation, best feasible objective so far\n"
	       "  DIR/roadmap.md        the roadmap for a council: phases x domains in EUR\n"
	       "                        and %%, milestones, the constraints and which bind\n"
	       "  DIR/plots/roadmap.EXT the roadmap chart: investment by domain and year,\n"
	       "                        phases and milestones (its data: plots/roadmap.csv)\n"

	       "and prints the outcome. When no point meets every constraint the problem is\n"
	       "reported as infeasible, the least-violating point is written, and the exit\n"
	       "status is 1. A progress line is drawn when stderr is a terminal.\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --set=KEY=VALUE    set KEY in the scenario, as in 'dtsim run'; also\n"
	       "                         the optimiser's keys: optimise.max_evals=500,\n"
	       "                         constraint.NAME.bound=0.75, ...\n"
	       "      --years=N          same as --set sim.years=N\n"
	       "      --lang=L           language of roadmap.md and the chart: en or de\n"
	       "      --format=LIST, --size=W,H\n"
	       "                         the roadmap chart's formats and size, as in\n"
	       "                         'dtsim plot' (default: png)\n"

	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "%s", cli_exit_table);
}

/* Parses the options into o. Returns 0 with optind at the scenario, or -1
** with *status set. */
static int parse(int argc, char **argv, struct cli_opts *o, int *status)
{
	static const struct option lo[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "set", required_argument, NULL, OPT_SET },
		{ "years", required_argument, NULL, OPT_YEARS },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	o->outdir = "out";
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:h", lo, NULL)) != -1) {
		switch (ch) {
		case 'h':
			cmd_optimise_help();
			*status = cli_close_stdout(CLI_OK);
			return -1;
		case 'o':
			if (!optarg[0]) {
				*status = cli_usage_error("optimise: the output directory is empty");
				return -1;
			}
			o->outdir = optarg;
			break;
		case OPT_LANG:
			o->lang = optarg;
			break;
		case OPT_FORMAT:
			o->format = optarg;
			break;
		case OPT_SIZE:
			o->size = optarg;
			break;
		case OPT_SET: case OPT_YEARS:
			if (cli_opts_add_set(o, ch == OPT_SET ? "" : "sim.years=", optarg) != 0) {
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
		*status = cli_usage_error("optimise: no scenario file given");
		return -1;
	}
	if (optind + 1 < argc) {
		*status = cli_usage_error("optimise: more than one scenario given ('%s'); "
		                          "allowed: one", argv[optind + 1]);
		return -1;
	}
	return 0;
}

/* Writes DIR/roadmap.ini, then loads it back and checks that it resolves
** to the years of the optimum. Returns CLI_OK or CLI_RUN_FAILED having
** printed why. */
static int write_roadmap(const char *dir, const char *input, const struct scenario *sc,
                         const struct optim_spec *sp, const struct model_params *want,
                         const struct model_params *base, size_t nyears, struct cli_diag *d)
{
	char *path = resdir_join(dir, "roadmap.ini", ""), *rel = optimini_relpath(dir, input);
	struct scenario *back = NULL;
	struct model_params *y = NULL;
	size_t ny = 0;
	struct afile *af = NULL;
	struct err e;
	int status = CLI_RUN_FAILED;

	err_clear(&e);
	if (!path || !rel) {
		fprintf(stderr, "dtsim: %s: cannot name it from %s (%s)\n", input, dir,
		        path ? strerror(errno) : "out of memory");
		goto done;
	}
	if (!(af = afile_open(path, &e)))
		goto fail;
	if (optimini_write(afile_stream(af), sc, sp, rel, want, base, nyears) != 0) {
		afile_abort(af);
		err_set(&e, path, 0, "", "cannot write %s", path);
		goto fail;
	}
	if (afile_commit(af, &e) != 0)
		goto fail;
	if (scenario_load(path, &back, &e) != 0 || scenario_resolve(back, &y, &ny, &e) != 0)
		goto fail;
	if (ny != nyears || memcmp(y, want, nyears * sizeof *y) != 0) {
		fprintf(stderr, "dtsim: %s does not resolve to the optimum's parameters "
		        "(a bug: please report it)\n", path);
		goto done;
	}
	status = CLI_OK;
	goto done;
fail:
	cli_diag_err(d, &e, NULL);
done:
	scenario_free(back);
	free(y);
	free(path);
	free(rel);
	return status;
}

/* Writes DIR/roadmap.md and the roadmap chart (roadmap.h) for the best
** point b, with each constraint as the optimiser judged it and, in the
** robust mode, the figures over the draws (robust; else NULL). Returns
** CLI_OK, or CLI_RUN_FAILED having printed why. */
static int write_report(const char *dir, const struct optim_spec *sp,
                        const struct optim_point *b, const struct roadmap_robust *robust,
                        struct plot_opts *po, struct cli_diag *d)
{
	struct roadmap_constraint *rc = calloc(sp->nc + 1, sizeof *rc);
	struct roadmap_opts ro;
	struct errlist el = { NULL, 0, 0 };
	char tmpl[PATH_MAX], *ini = resdir_join(dir, "roadmap.ini", "");
	struct err e;
	int status = CLI_RUN_FAILED;

	err_clear(&e);
	if (!rc || !ini) {
		fputs("dtsim: out of memory\n", stderr);
		goto done;
	}
	if (plot_find_templates(getenv("DTSIM_PLOTS"), tmpl, sizeof tmpl, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		goto done;
	}
	for (size_t k = 0; k < sp->nc; k++) {
		const struct optim_constraint *c = &sp->c[k];
		int prob = c->probability == c->probability;

		rc[k].name = c->name;
		rc[k].text = c->text;
		rc[k].value = b->value[k];
		rc[k].bound = prob ? c->probability : c->bound;
		rc[k].margin = b->margin[k];
		rc[k].met = b->margin[k] >= -sp->tol * (prob ? 1 : fmax(1, fabs(c->bound)));
		rc[k].binding = optimout_binding(sp, b, k);
		rc[k].year = b->year[k];
		rc[k].unit = prob ? "1" : NULL;
	}
	memset(&ro, 0, sizeof ro);
	ro.lang = po->lang;
	ro.chart = 1;
	ro.plot = *po;
	ro.plot.templates = tmpl;
	ro.objective = summary_kpis[sp->objective].name;
	ro.maximise = sp->sense == OPT_MAX;
	ro.robust = robust;
	if (roadmap_write(dir, ini, rc, sp->nc, &ro, &el) != 0) {
		cli_print_errors(d, &el, ini);
		goto done;
	}
	status = CLI_OK;
done:
	errlist_free(&el);
	free(rc);
	free(ini);
	return status;
}

/* Writes DIR/summary.csv: the roadmap's KPIs kpi (of the run without
** draws), as dtsim run writes them. */
static int write_summary(const char *dir, const struct summary *kpi, struct cli_diag *d)
{
	const char *id = "roadmap";
	char *path = resdir_join(dir, RESDIR_SUMMARY, "");
	struct err e;
	int rc;

	err_clear(&e);
	if (!path) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	rc = csvout_write_summary(path, &id, kpi, 1, &e);
	free(path);
	if (rc != 0) {
		cli_diag_err(d, &e, NULL);
		return CLI_RUN_FAILED;
	}
	return CLI_OK;
}

/*
** The robust mode's files at the best point b: runs it without draws (dr->
** nominal, for summary.csv) and with each draw (optim_draws), writes
** DIR/robust.csv and fills *rr for roadmap.md (its probability array is
** *prob, owned by the caller). First removes a robust.csv of an earlier
** run, which is all it does outside the robust mode. Returns CLI_OK, or
** CLI_RUN_FAILED having printed why.
*/
static int write_robust(const char *dir, struct optim *op, const struct optim_spec *sp,
                        const struct optim_point *b, struct optim_draws *dr,
                        struct optimrobust_stat *obj, struct roadmap_robust *rr,
                        double **prob, struct cli_diag *d)
{
	struct err e;
	int rc;

	err_clear(&e);
	/* An earlier run's robust.csv goes first: whatever follows, it must
	** not stand beside this run's roadmap. */
	if (optimrobust_remove(dir, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		return CLI_RUN_FAILED;
	}
	if (sp->robust_runs <= 0)
		return CLI_OK;
	if ((rc = optim_draws(op, b->x, dr)) < 0 || !(*prob = calloc(sp->nc + 1, sizeof **prob)) ||
	    optimrobust_objective(sp, dr, obj) != 0) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	if (rc > 0) {
		fprintf(stderr, "dtsim: the roadmap's run without draws failed (a stock out of its "
		        "range), so it has no summary.csv; the draws ran\n");
		return CLI_RUN_FAILED;
	}
	if (optimrobust_write(dir, sp, dr, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		return CLI_RUN_FAILED;
	}
	for (size_t k = 0; k < sp->nc; k++) {
		size_t met = 0;
		for (size_t r = 0; r < dr->runs; r++)
			met += dr->met[r * dr->nc + k] != 0;
		(*prob)[k] = (double)met / (double)dr->runs;
	}
	*rr = (struct roadmap_robust){ dr->runs, obj->mean, obj->sd, obj->lo, obj->hi, *prob };
	return CLI_OK;
}

int cmd_optimise(int argc, char **argv)
{
	struct cli_opts o;
	struct cli_batch b = { 0, NULL, NULL, NULL };
	struct cli_diag d = { NULL, 0 };
	struct errlist el = { NULL, 0, 0 };
	struct optim_spec sp;
	struct unc_set *u = NULL;
	struct optim *op = NULL;
	struct optim_result *r = NULL;
	struct timespec t0, t1;
	struct plot_opts po;
	struct optim_draws dr;
	struct optimrobust_stat obj;
	struct roadmap_robust rr;
	double *prob = NULL;
	const char *path;
	int status, lock = -1;
	struct err e;

	memset(&o, 0, sizeof o);
	memset(&sp, 0, sizeof sp);
	memset(&dr, 0, sizeof dr);
	if (parse(argc, argv, &o, &status) != 0 ||
	    cli_chart_opts("optimise", o.format, o.size, o.lang, &po, &status) != 0)
		goto done;
	path = argv[optind];
	status = cli_batch_load(argv + optind, 1, &o, &b, &d);
	if (status != CLI_OK)
		goto done;
	if (optimspec_build(b.sc[0], b.years[0], b.nyears[0], &sp, &el) != 0) {
		cli_print_errors(&d, &el, path);
		status = CLI_BAD_INPUT;
		goto done;
	}
	if (!sp.present || sp.nd == 0) {
		fprintf(stderr, "dtsim: %s: nothing to optimise: %s; allowed: an [optimise] "
		        "section with objective = KPI and at least one [decision.NAME] "
		        "section (README, 'dtsim optimise')\n", path,
		        !sp.present ? "no [optimise] objective" : "no [decision.NAME] section");
		status = CLI_BAD_INPUT;
		goto done;
	}
	if (sp.robust_runs > 0 && unc_build(b.sc[0], &u, &el) != 0) {
		cli_print_errors(&d, &el, path);
		status = CLI_BAD_INPUT;
		goto done;
	}
	err_clear(&e);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!(op = optim_new(&sp, b.years[0], b.nyears[0], u, &e))) {
		cli_diag_err(&d, &e, NULL);
		status = CLI_RUN_FAILED;
		goto done;
	}
	{
		struct optim_opts oo = { isatty(STDERR_FILENO) ? stderr : NULL,
		                         scenario_id(b.sc[0]) };
		if (optim_solve(op, &oo, &r, &e) != 0) {
			cli_diag_err(&d, &e, NULL);
			status = CLI_RUN_FAILED;
			goto done;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (cli_make_dirs(o.outdir) != 0) {
		fprintf(stderr, "dtsim: cannot create directory '%s': %s\n", o.outdir,
		        strerror(errno));
		status = CLI_RUN_FAILED;
		goto done;
	}
	if ((status = cli_results_open(o.outdir, 0, &lock, &d)) != CLI_OK)
		goto done;
	err_clear(&e);
	if (optimout_convergence(o.outdir, r, &e) != 0 ||
	    optimout_constraints(o.outdir, &sp, &r->best, &e) != 0) {
		cli_diag_err(&d, &e, NULL);
		status = CLI_RUN_FAILED;
		goto done;
	}
	if ((status = write_robust(o.outdir, op, &sp, &r->best, &dr, &obj, &rr, &prob, &d)) != CLI_OK
	    || (status = write_summary(o.outdir, sp.robust_runs > 0 ? &dr.nominal : &r->best.kpi,
	                               &d)) != CLI_OK)
		goto done;
	status = write_roadmap(o.outdir, path, b.sc[0], &sp, optim_years(op, r->best.x),
	                       b.years[0], b.nyears[0], &d);
	if (status != CLI_OK || (status = write_report(o.outdir, &sp, &r->best,
	                                               sp.robust_runs > 0 ? &rr : NULL, &po, &d)) != CLI_OK)
		goto done;
	optimout_report(stdout, &sp, r, (double)(t1.tv_sec - t0.tv_sec) +
	                1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
	if (sp.robust_runs > 0)
		optimrobust_report(stdout, &sp, &dr, &obj);
	status = cli_close_stdout(r->best.feasible ? CLI_OK : CLI_RUN_FAILED);
done:
	resdir_unlock(lock);
	optim_draws_free(&dr);
	free(prob);
	optim_result_free(r);
	optim_free(op);
	unc_free(u);
	optimspec_free(&sp);
	errlist_free(&el);
	cli_batch_free(&b);
	cli_opts_free(&o);
	cli_diag_free(&d);
	return status;
}
