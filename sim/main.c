/*
** main.c: the command line. The only place that prints diagnostics and
** chooses the exit status; everything below it returns errors as data.
**
**   dtsim run [-o DIR] [--set KEY=VALUE]... [--years N] [--dt D]
**             [--method M] [--report-step S] SCENARIO.ini...
**   dtsim compare [-o DIR] [--rank KPI] [--set KEY=VALUE]... [--years N]
**             [--dt D] [--method M] [--report-step S] SCENARIO.ini...
**   dtsim check [--set KEY=VALUE]... SCENARIO.ini...
**   dtsim params [--markdown]
**   dtsim plot [--format LIST] [--size W,H] [--lang en|de] DIR
**
** Exit status: 0 success, 1 a run failed, 2 bad input or usage (then
** nothing at all is written).
*/
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "afile.h"
#include "compare.h"
#include "csvout.h"
#include "cleanup.h"
#include "engine.h"
#include "err.h"
#include "manifest.h"
#include "plot.h"
#include "resdir.h"
#include "rules.h"
#include "registry.h"
#include "scenario.h"
#include "summary.h"
#include "version.h"

enum exit_status { EXIT_OK = 0, EXIT_RUN_FAILED = 1, EXIT_BAD_INPUT = 2 };

static const char try_help[] = "Try 'dtsim --help' for more information.\n";

static const char exit_table[] =
	"Exit status:\n"
	"  0  success\n"
	"  1  a run failed (the solver stopped or a file could not be written);\n"
	"     the other scenarios are still written\n"
	"  2  bad input or usage; nothing was written\n";

/* ---- diagnostics ---------------------------------------------------------- */

/*
** The lines printed so far, so that one mistake reported by every scenario
** (a bad --set applies to each of them) is printed once. Owns its strings.
*/
struct diag {
	char **line;
	size_t n;
};

static void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->line[i]);
	free(d->line);
	d->line = NULL;
	d->n = 0;
}

/* Prints text (one line, newline included) to stderr unless it was printed
** before. Prints it anyway when memory for remembering it runs out. */
static void diag_print(struct diag *d, const char *text)
{
	char **grown;
	char *copy;

	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->line[i], text) == 0)
			return;
	fputs(text, stderr);
	grown = realloc(d->line, (d->n + 1) * sizeof *grown);
	if (!grown)
		return;
	d->line = grown;
	copy = strdup(text);
	if (copy)
		d->line[d->n++] = copy;
}

/*
** Formats e as "FILE:LINE: message" (or "FILE: message" without a line, or
** "dtsim: message" when no file is at fault or the message names the file
** already, as "cannot write out/a.csv: ..." does); `what` (a scenario id,
** or NULL) comes before the message. The key is put in front of the message
** when the message does not already name it.
*/
static void diag_err(struct diag *d, const struct err *e, const char *what)
{
	char text[sizeof e->file + sizeof e->key + sizeof e->msg + 64];
	size_t len = 0;

	if (e->file[0] && e->line > 0)
		len = (size_t)snprintf(text, sizeof text, "%s:%ld: ", e->file, e->line);
	else if (e->file[0] && !strstr(e->msg, e->file))
		len = (size_t)snprintf(text, sizeof text, "%s: ", e->file);
	else
		len = (size_t)snprintf(text, sizeof text, "dtsim: ");
	if (what && len < sizeof text)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s: ", what);
	if (e->key[0] && !strstr(e->msg, e->key) && len < sizeof text)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s: ", e->key);
	if (len < sizeof text)
		snprintf(text + len, sizeof text - len, "%s\n",
		         e->msg[0] ? e->msg : "unknown error");
	diag_print(d, text);
}

/* A usage error: one line naming the mistake, then the pointer to --help.
** Returns EXIT_BAD_INPUT. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("dtsim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(try_help, stderr);
	return EXIT_BAD_INPUT;
}

/* Reports what getopt_long returned for a bad option ('?' unknown, ':'
** missing argument); argv[0] names the subcommand, or is the program for
** the global options (global). Returns EXIT_BAD_INPUT. */
static int option_error(int global, int c, char **argv)
{
	const char *cmd = global ? "" : argv[0];
	const char *sep = global ? "" : ": ";
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	if (c == ':')
		return usage_error("%s%soption '%s' requires an argument", cmd, sep, arg);
	if (optopt && strncmp(arg, "--", 2) != 0)
		return usage_error("%s%sinvalid option -- '%c'", cmd, sep, optopt);
	return usage_error("%s%sunrecognized option '%s'", cmd, sep, arg);
}

/*
** Flushes stdout and reports a write error (a full disk, a closed pipe), so
** that `dtsim params > /dev/full` does not exit 0. Returns status, or
** EXIT_RUN_FAILED when stdout could not be written.
*/
static int close_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "dtsim: write error on standard output: %s\n", strerror(errno));
		return status == EXIT_OK ? EXIT_RUN_FAILED : status;
	}
	return status;
}

/* ---- help texts ------------------------------------------------------------- */

static void help_main(void)
{
	printf("Usage: dtsim [--help] [--version] COMMAND [ARG]...\n"
	       "Simulate municipal digital-transformation scenarios year by year.\n"
	       "\n"
	       "Commands:\n"
	       "  run      run scenarios; write CSV time series, resolved scenarios, a summary\n"
	       "  compare  run scenarios as 'run' does and rank them by a KPI in a table\n"
	       "  check    validate scenarios; print every parameter and where it came from\n"
	       "  params   list every parameter: name, unit, default, range, meaning, source\n"
	       "  plot     draw charts (PNG, SVG, PDF, EMF) of the results in a directory\n"
	       "  help     show the help of a command\n"
	       "\n"
	       "Options:\n"
	       "  -h, --help     show this help and exit\n"
	       "  -V, --version  show the version and exit\n"
	       "\n"
	       "'dtsim COMMAND --help' shows the options of a command; 'man dtsim' the manual.\n"
	       "\n"
	       "%s", exit_table);
}

static void help_run(void)
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
	       "      --plot             then draw the charts into DIR/plots, as 'dtsim plot'\n"
	       "      --format=LIST, --size=W,H, --lang=L\n"
	       "                         chart options, as in 'dtsim plot' (need --plot)\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "%s", exit_table);
}

/* The direction a KPI ranks in, as the compare help shows it. */
static const char *kpi_direction(int better)
{
	return better > 0 ? "higher" : better < 0 ? "lower" : "neither";
}

static void help_compare(void)
{
	printf("Usage: dtsim compare [OPTION]... SCENARIO.ini...\n"
	       "Run every scenario as 'dtsim run' does, writing the same files into DIR,\n"
	       "and rank the scenarios by one KPI of summary.csv, best first. Also write:\n"
	       "  DIR/comparison.csv  rank, scenario (id), name, then every KPI; exact numbers\n"
	       "  DIR/comparison.md   a Markdown table for a report: money in M EUR, shares\n"
	       "                      in percent, units in the headers\n"
	       "A KPI where lower is better ranks the lowest first; one where neither is\n"
	       "better ranks the highest first. A KPI without a value (target_year when the\n"
	       "target is never reached) ranks last; equal values share a rank.\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --rank=KPI         rank by KPI, one of those below\n"
	       "                         (default: %s)\n"
	       "      --plot             also draw compare-funding (funding sources per year,\n"
	       "                         one panel per scenario) and compare-net-benefit into\n"
	       "                         DIR/plots, as 'dtsim plot' draws charts\n"
	       "      --format=LIST, --size=W,H, --lang=L\n"
	       "                         chart options, as in 'dtsim plot' (need --plot)\n"
	       "      --set=KEY=VALUE    set parameter KEY in every scenario, as in 'dtsim run'\n"
	       "      --years=N, --dt=D, --method=M, --report-step=S\n"
	       "                         shorthands for --set sim.KEY=VALUE, as in 'dtsim run'\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "KPIs (name, unit, which is better, meaning):\n", COMPARE_RANK_DEFAULT);
	for (int k = 0; k < KPI_COUNT; k++)
		printf("  %-24s %-6s %-8s %s\n", summary_kpis[k].name, summary_kpis[k].unit,
		       kpi_direction(summary_kpis[k].better), summary_kpis[k].meaning);
	printf("\n%s", exit_table);
}

static void help_plot(void)
{
	printf("Usage: dtsim plot [OPTION]... DIR\n"
	       "Draw charts of the results that 'dtsim run -o DIR' wrote, with gnuplot,\n"
	       "into DIR/plots/. Per scenario ID: ID-dashboard (every panel on one page)\n"
	       "and each panel alone: ID-funding, ID-spend, ID-services, ID-cumulative,\n"
	       "ID-om-legacy, ID-skill, ID-resistance. Across scenarios: compare-VARIABLE\n"
	       "for each core variable, compare-kpi (summary.csv as bars), compare-funding\n"
	       "and, when the results have it, compare-net-benefit. Beside each chart is\n"
	       "its gnuplot script (CHART.gp) with style.gp, lang.gp and terminal.gp:\n"
	       "edit them and run 'gnuplot CHART.gp' in DIR/plots to restyle a chart.\n"
	       "\n"
	       "Options:\n"
	       "      --format=LIST  comma-separated: png, svg, pdf, emf (default: png)\n"
	       "      --size=W,H     a single chart's size: centimetres for svg, pdf and emf\n"
	       "                     (default 16,10), pixels for png (default 1890,1181,\n"
	       "                     16 x 10 cm at 300 dpi); dashboards are 2.4 times as high\n"
	       "      --lang=L       texts and numbers in en (default) or de (decimal comma)\n"
	       "  -h, --help         show this help and exit\n"
	       "\n"
	       "Environment: DTSIM_PLOTS, the directory of the chart templates (default:\n"
	       "../share/dtsim/plots, then ../plots, beside the dtsim program);\n"
	       "DTSIM_GNUPLOT, the gnuplot program (default: gnuplot, found in PATH).\n"
	       "\n"
	       "%s", exit_table);
}

static void help_check(void)
{
	printf("Usage: dtsim check [OPTION]... SCENARIO.ini...\n"
	       "Validate every scenario and print its resolved parameters, each with where\n"
	       "its value came from: default, FILE:LINE or --set. Writes no files.\n"
	       "\n"
	       "Options:\n"
	       "      --set=KEY=VALUE    set parameter KEY, as in 'dtsim run'\n"
	       "      --years=N, --dt=D, --method=M, --report-step=S\n"
	       "                         shorthands for --set sim.KEY=VALUE, as in 'dtsim run'\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "%s", exit_table);
}

static void help_params(void)
{
	printf("Usage: dtsim params [OPTION]...\n"
	       "List every parameter a scenario can set: name, unit, default, allowed\n"
	       "range, meaning and source.\n"
	       "\n"
	       "Options:\n"
	       "      --markdown  print a Markdown table (as in docs/PARAMETERS.md)\n"
	       "  -h, --help      show this help and exit\n"
	       "\n"
	       "%s", exit_table);
}

/* ---- loading scenarios ----------------------------------------------------- */

/* The commands that load scenarios; each takes the options of the one
** before it and more (see opts_parse). */
enum cmd_kind { CMD_CHECK, CMD_RUN, CMD_COMPARE };

/*
** Options shared by check, run and compare: the assignments (--set and its
** shorthands, in command-line order, each owned), the output directory
** (run, compare) and the KPI to rank by (compare).
*/
struct opts {
	char **set;
	size_t nset;
	const char *outdir;
	const char *rank;
	int plot;                          /* run/compare --plot */
	const char *format, *size, *lang;  /* chart options, NULL when not given */
};

static void opts_free(struct opts *o)
{
	for (size_t i = 0; i < o->nset; i++)
		free(o->set[i]);
	free(o->set);
}

/* Appends "prefix" "value" to o->set. Returns -1 when out of memory. */
static int opts_add_set(struct opts *o, const char *prefix, const char *value)
{
	size_t len = strlen(prefix) + strlen(value) + 1;
	char **grown = realloc(o->set, (o->nset + 1) * sizeof *grown);
	char *s;

	if (!grown)
		return -1;
	o->set = grown;
	s = malloc(len);
	if (!s)
		return -1;
	snprintf(s, len, "%s%s", prefix, value);
	o->set[o->nset++] = s;
	return 0;
}

enum {
	OPT_SET = 256, OPT_YEARS, OPT_DT, OPT_METHOD, OPT_REPORT_STEP, OPT_MARKDOWN, OPT_RANK,
	OPT_PLOT, OPT_FORMAT, OPT_SIZE, OPT_LANG
};

/* The shorthands: option code and the parameter it sets. */
static const struct {
	int code;
	const char *prefix;
} shorthands[] = {
	{ OPT_SET, "" },
	{ OPT_YEARS, "sim.years=" },
	{ OPT_DT, "sim.dt=" },
	{ OPT_METHOD, "sim.method=" },
	{ OPT_REPORT_STEP, "sim.report_step=" },
};

/*
** Parses the options of check, run or compare (kind) into o. Returns -1
** and sets *status when the command is done (--help, or a usage error);
** otherwise returns 0 with optind at the first operand.
*/
static int opts_parse(int argc, char **argv, enum cmd_kind kind, struct opts *o, int *status)
{
	/* compare takes them all, run all but --rank, check neither --rank
	** nor --output: each starts further down this table. */
	static const struct option longopts[] = {
		{ "rank", required_argument, NULL, OPT_RANK },
		{ "plot", no_argument, NULL, OPT_PLOT },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "output", required_argument, NULL, 'o' },
		{ "set", required_argument, NULL, OPT_SET },
		{ "years", required_argument, NULL, OPT_YEARS },
		{ "dt", required_argument, NULL, OPT_DT },
		{ "method", required_argument, NULL, OPT_METHOD },
		{ "report-step", required_argument, NULL, OPT_REPORT_STEP },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static void (*const help[])(void) = {
		[CMD_CHECK] = help_check, [CMD_RUN] = help_run, [CMD_COMPARE] = help_compare
	};
	/* compare takes every option; run all but --rank; check neither --rank,
	** the chart options nor --output. */
	const struct option *lo = kind == CMD_COMPARE ? longopts
	                        : kind == CMD_RUN ? longopts + 1 : longopts + 6;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, kind >= CMD_RUN ? ":o:h" : ":h", lo, NULL)) != -1) {
		size_t i;

		if (c == 'h') {
			help[kind]();
			*status = close_stdout(EXIT_OK);
			return -1;
		}
		if (c == OPT_RANK) {
			o->rank = optarg;
			continue;
		}
		if (c == 'o') {
			if (optarg[0] == '\0') {
				*status = usage_error("%s: the output directory is empty", argv[0]);
				return -1;
			}
			o->outdir = optarg;
			continue;
		}
		if (c == OPT_PLOT || c == OPT_FORMAT || c == OPT_SIZE || c == OPT_LANG) {
			o->plot |= c == OPT_PLOT;
			if (c == OPT_FORMAT)
				o->format = optarg;
			else if (c == OPT_SIZE)
				o->size = optarg;
			else if (c == OPT_LANG)
				o->lang = optarg;
			continue;
		}
		for (i = 0; i < sizeof shorthands / sizeof shorthands[0]; i++)
			if (shorthands[i].code == c)
				break;
		if (i == sizeof shorthands / sizeof shorthands[0]) {
			*status = option_error(0, c, argv);
			return -1;
		}
		if (opts_add_set(o, shorthands[i].prefix, optarg) != 0) {
			fputs("dtsim: out of memory\n", stderr);
			*status = EXIT_RUN_FAILED;
			return -1;
		}
	}
	if (!o->plot && (o->format || o->size || o->lang)) {
		*status = usage_error("%s: --%s needs --plot", argv[0],
		                      o->format ? "format" : o->size ? "size" : "lang");
		return -1;
	}
	if (optind >= argc) {
		*status = usage_error("%s: no scenario file given", argv[0]);
		return -1;
	}
	return 0;
}

/* Loaded and resolved scenarios; every array has n entries, owned. */
struct batch {
	size_t n;
	struct scenario **sc;
	struct model_params **years;
	size_t *nyears;
};

static void batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->sc)
			scenario_free(b->sc[i]);
		if (b->years)
			free(b->years[i]);
	}
	free(b->sc);
	free(b->years);
	free(b->nyears);
}

/*
** Loads every path, applies every assignment to each scenario and resolves
** it, printing every error found on the way (not only the first). Then
** checks that every id can name result files (resdir_check_id: one path
** component, not reserved) and that no two scenarios share one. Returns
** EXIT_OK with b filled, or
** EXIT_BAD_INPUT (or EXIT_RUN_FAILED when out of memory); b is freed by
** the caller either way.
*/
static int batch_load(char *const *paths, size_t n, const struct opts *o,
                      struct batch *b, struct diag *d)
{
	struct err e;
	int bad = 0;

	b->n = n;
	b->sc = calloc(n, sizeof *b->sc);
	b->years = calloc(n, sizeof *b->years);
	b->nyears = calloc(n, sizeof *b->nyears);
	if (!b->sc || !b->years || !b->nyears) {
		fputs("dtsim: out of memory\n", stderr);
		return EXIT_RUN_FAILED;
	}
	for (size_t i = 0; i < n; i++) {
		int set_bad = 0;

		err_clear(&e);
		if (scenario_load(paths[i], &b->sc[i], &e) != 0) {
			diag_err(d, &e, NULL);
			bad = 1;
			continue;
		}
		for (size_t k = 0; k < o->nset; k++) {
			err_clear(&e);
			if (scenario_set(b->sc[i], o->set[k], &e) != 0) {
				diag_err(d, &e, NULL);
				set_bad = 1;
			}
		}
		if (set_bad) {
			bad = 1;
			continue;
		}
		err_clear(&e);
		if (scenario_resolve(b->sc[i], &b->years[i], &b->nyears[i], &e) != 0) {
			diag_err(d, &e, NULL);
			bad = 1;
		}
	}
	if (bad)
		return EXIT_BAD_INPUT;
	for (size_t i = 0; i < n; i++) {
		const char *id = scenario_id(b->sc[i]);

		err_clear(&e);
		if (resdir_check_id(id, &e) != 0)
			return usage_error("%s: %s", paths[i], e.msg);
		for (size_t j = 0; j < i; j++)
			if (strcmp(id, scenario_id(b->sc[j])) == 0)
				return usage_error("%s and %s have the same scenario id '%s'",
				                   paths[j], paths[i], id);
	}
	return EXIT_OK;
}

/* ---- writing results ------------------------------------------------------- */

/*
** Creates dir and its missing parents (mkdir -p). Returns 0, or -1 with
** errno set; an existing directory is fine, an existing file is ENOTDIR.
*/
static int make_dirs(const char *dir)
{
	char *p = strdup(dir);
	struct stat st;
	int rc = 0;

	if (!p)
		return -1;
	for (char *s = p + 1; ; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && stat(dir, &st) != 0) {
		rc = -1;
	} else if (rc == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

/* The files of a whole run that a new run replaces: it removes them first,
** so that until it has finished, DIR holds no manifest of an older run
** beside its new scenario files (resdir.h). The manifest goes first. */
static const char *const run_files[] = {
	RESDIR_MANIFEST, RESDIR_SUMMARY, "comparison.csv", "comparison.md"
};

/*
** Prepares dir for writing: creates it, takes its lock (another dtsim
** writing there is refused), removes what a killed dtsim left and the
** previous run's files of the whole run. *lock gets the lock for
** resdir_unlock. Returns EXIT_OK, or EXIT_RUN_FAILED having printed why.
*/
static int results_open(const char *dir, int create, int *lock, struct diag *d)
{
	struct err e;

	err_clear(&e);
	*lock = -1;
	if (create && make_dirs(dir) != 0) {
		fprintf(stderr, "dtsim: cannot create directory '%s': %s\n", dir, strerror(errno));
		return EXIT_RUN_FAILED;
	}
	if (resdir_lock(dir, lock, &e) != 0 || resdir_clean(dir, &e) != 0) {
		diag_err(d, &e, NULL);
		resdir_unlock(*lock);
		*lock = -1;
		return EXIT_RUN_FAILED;
	}
	for (size_t i = 0; create && i < sizeof run_files / sizeof run_files[0]; i++) {
		char *path = resdir_join(dir, run_files[i], "");

		if (!path || (unlink(path) != 0 && errno != ENOENT)) {
			fprintf(stderr, "dtsim: cannot remove %s of the previous run: %s\n",
			        path ? path : run_files[i], path ? strerror(errno) : "out of memory");
			free(path);
			resdir_unlock(*lock);
			*lock = -1;
			return EXIT_RUN_FAILED;
		}
		free(path);
	}
	return EXIT_OK;
}

/* Writes sc resolved to af (path: its name). Returns 0, or -1 with e: the
** cause of a failed write, or that the scenario did not resolve. */
static int write_resolved(const struct scenario *sc, struct afile *af, const char *path,
                          struct err *e)
{
	if (scenario_write_resolved(sc, afile_stream(af)) == 0)
		return 0;
	if (afile_finish(af, e) == 0)
		err_set(e, path, 0, NULL, "cannot write %s: the scenario does not resolve", path);
	return -1;
}

/* Removes dir/ID.csv and dir/ID.params.ini, which a scenario whose run
** failed may have from an earlier run: they must not stand beside this
** run's files. Warns about a file it cannot remove. */
static void remove_scenario_files(const char *dir, const char *id, struct diag *d)
{
	static const char *const suffix[] = { ".csv", ".params.ini" };

	for (size_t k = 0; k < 2; k++) {
		char *path = resdir_join(dir, id, suffix[k]);
		char text[PATH_MAX + 256];

		if (path && unlink(path) != 0 && errno != ENOENT) {
			snprintf(text, sizeof text, "dtsim: warning: cannot remove %s of an earlier"
			         " run: %s\n", path, strerror(errno));
			diag_print(d, text);
		}
		free(path);
	}
}

/*
** Runs scenario i of b with en and writes DIR/ID.csv and DIR/ID.params.ini:
** both are written in full to temporaries first and then renamed into
** place together, so either both are this run's or neither exists (a
** failure removes older files of the id too). Fills *row for summary.csv
** and files[0], files[1] (CSV, params.ini) for the manifest. Returns 0, or
** -1 having printed why.
*/
static int run_one(struct engine *en, const struct batch *b, size_t i, const char *dir,
                   struct summary *row, struct manifest_file files[2], struct diag *d)
{
	const char *id = scenario_id(b->sc[i]);
	char *csv = resdir_join(dir, id, ".csv");
	char *ini = resdir_join(dir, id, ".params.ini");
	struct afile *af[2] = { NULL, NULL };
	struct series s = { 0, 0, NULL };
	struct err e;
	int rc = -1;

	err_clear(&e);
	if (!csv || !ini) {
		fputs("dtsim: out of memory\n", stderr);
	} else if (engine_run(en, b->years[i], b->nyears[i], &s, &e) != 0) {
		diag_err(d, &e, id);
	} else if (summary_compute(&s, &b->years[i][0], row) != 0) {
		fprintf(stderr, "dtsim: %s: the run produced no rows\n", id);
	} else if (!(af[0] = afile_open(csv, &e))
	           || csvout_series(afile_stream(af[0]), csv, &s, &e) != 0
	           || afile_finish(af[0], &e) != 0
	           || !(af[1] = afile_open(ini, &e))
	           || write_resolved(b->sc[i], af[1], ini, &e) != 0
	           || afile_finish(af[1], &e) != 0) {
		diag_err(d, &e, NULL);
	} else {
		for (size_t k = 0; k < 2; k++)
			files[k] = (struct manifest_file){ afile_size(af[k]), afile_digest(af[k]) };
		rc = afile_commit(af[0], &e);
		af[0] = NULL;
		if (rc == 0)
			rc = afile_commit(af[1], &e);
		af[1] = NULL;
		if (rc != 0)
			diag_err(d, &e, NULL);
	}
	afile_abort(af[0]);
	afile_abort(af[1]);
	if (rc != 0 && csv && ini)
		remove_scenario_files(dir, id, d);
	series_free(&s);
	free(csv);
	free(ini);
	return rc;
}

/* ---- charts ----------------------------------------------------------------- */

/*
** Fills po from the chart options (each NULL when not given) of command
** cmd. Returns 0, or -1 with *status set after a usage error.
*/
static int chart_opts(const char *cmd, const char *format, const char *size, const char *lang,
                      struct plot_opts *po, int *status)
{
	struct err e;

	memset(po, 0, sizeof *po);
	po->formats = PLOT_PNG;
	po->lang = PLOT_EN;
	err_clear(&e);
	if ((format && plot_parse_formats(format, &po->formats, &e) != 0)
	    || (size && plot_parse_size(size, po->formats, &po->width, &po->height, &e) != 0)
	    || (lang && plot_parse_lang(lang, &po->lang, &e) != 0)) {
		*status = usage_error("%s: %s", cmd, e.msg);
		return -1;
	}
	po->gnuplot = getenv("DTSIM_GNUPLOT");
	return 0;
}

/*
** The runs of a batch that succeeded: rows[i] is the summary of scenario
** index[i] of the batch, in batch order, files[i] its CSV and params.ini as
** the manifest records them; summary is summary.csv. Arrays owned, n
** entries.
*/
struct results {
	size_t n;
	struct summary *rows;
	size_t *index;
	struct manifest_file (*files)[2];
	struct manifest_file summary;
};

/*
** Draws the charts of the results in dir with po, printing every failed
** chart and every gnuplot warning: for compare the comparison charts of
** the runs in res of batch b (plot_compare), else every chart (plot_draw;
** b and res may be NULL). The caller holds dir's lock. Returns EXIT_OK,
** EXIT_RUN_FAILED (a chart failed, or the templates are missing) or
** EXIT_BAD_INPUT (the results cannot be read; nothing was written).
*/
static int draw_charts(const struct batch *b, const struct results *res, const char *dir,
                       enum cmd_kind kind, struct plot_opts *po, struct diag *d)
{
	char tmpl[PATH_MAX];
	struct plot_report rep = { 0, 0, NULL, 0 };
	const char **ids = NULL;
	struct err e;
	int rc, status;

	err_clear(&e);
	if (plot_find_templates(getenv("DTSIM_PLOTS"), tmpl, sizeof tmpl, &e) != 0) {
		diag_err(d, &e, NULL);
		return EXIT_RUN_FAILED;
	}
	po->templates = tmpl;
	if (kind == CMD_COMPARE) {
		if (!(ids = calloc(res->n, sizeof *ids))) {
			fputs("dtsim: out of memory\n", stderr);
			return EXIT_RUN_FAILED;
		}
		for (size_t i = 0; i < res->n; i++)
			ids[i] = scenario_id(b->sc[res->index[i]]);
		rc = plot_compare(dir, ids, res->n, po, &rep, &e);
		free(ids);
	} else {
		rc = plot_draw(dir, po, &rep, &e);
	}
	if (rc != 0) {
		diag_err(d, &e, NULL);
		status = rc == PLOT_EINPUT ? EXIT_BAD_INPUT : EXIT_RUN_FAILED;
	} else {
		for (size_t i = 0; i < rep.nissue; i++) {
			char text[sizeof rep.issue[i].e.msg + 32];

			snprintf(text, sizeof text, "dtsim: %s%s\n",
			         rep.issue[i].warning ? "warning: " : "", rep.issue[i].e.msg);
			diag_print(d, text);
		}
		status = rep.failed ? EXIT_RUN_FAILED : EXIT_OK;
	}
	plot_report_free(&rep);
	return status;
}

static void results_free(struct results *res)
{
	free(res->rows);
	free(res->index);
	free(res->files);
}

/*
** Runs every scenario of b into dir (prepared by results_open) and writes
** dir/summary.csv for the runs that succeeded, which res gets (freed by
** the caller either way). Returns EXIT_OK, or EXIT_RUN_FAILED having
** printed why when a run or a file failed; the other runs are still
** written.
*/
static int run_batch(const struct batch *b, const char *dir, struct results *res,
                     struct diag *d)
{
	static const char *const lead_names[] = { "scenario" };
	struct engine *en = engine_new();
	const char **ids = calloc(b->n, sizeof *ids);
	char *path = resdir_join(dir, RESDIR_SUMMARY, "");
	struct afile *af = NULL;
	size_t nfailed = 0;
	struct err e;
	int status = EXIT_RUN_FAILED;

	res->rows = calloc(b->n, sizeof *res->rows);
	res->index = calloc(b->n, sizeof *res->index);
	res->files = calloc(b->n, sizeof *res->files);
	if (!en || !ids || !path || !res->rows || !res->index || !res->files) {
		fputs("dtsim: out of memory\n", stderr);
		goto done;
	}
	for (size_t i = 0; i < b->n; i++) {
		if (isatty(STDERR_FILENO))
			fprintf(stderr, "dtsim: [%zu/%zu] running %s\n", i + 1, b->n,
			        scenario_id(b->sc[i]));
		if (run_one(en, b, i, dir, &res->rows[res->n], res->files[res->n], d) != 0) {
			nfailed++;
			continue;
		}
		ids[res->n] = scenario_id(b->sc[i]);
		res->index[res->n++] = i;
	}
	err_clear(&e);
	if (res->n > 0) {
		const struct csvout_kpi_table t = { 1, lead_names, ids, 0, res->rows, res->n };

		if (!(af = afile_open(path, &e)) || csvout_kpis(afile_stream(af), path, &t, &e) != 0
		    || afile_finish(af, &e) != 0) {
			diag_err(d, &e, NULL);
			nfailed++;
			res->n = 0;  /* no summary: nothing for a manifest */
		} else {
			res->summary = (struct manifest_file){ afile_size(af), afile_digest(af) };
			if (afile_commit(af, &e) != 0) {
				diag_err(d, &e, NULL);
				nfailed++;
				res->n = 0;
			}
			af = NULL;
		}
	}
	status = nfailed ? EXIT_RUN_FAILED : EXIT_OK;
done:
	afile_abort(af);
	engine_free(en);
	free(ids);
	free(path);
	return status;
}

/*
** Writes dir/manifest.csv, the last file of a run: every scenario of res
** with what charts need and its files' sizes and digests. Returns EXIT_OK,
** or EXIT_RUN_FAILED having printed why.
*/
static int write_manifest(const struct batch *b, const struct results *res, const char *dir,
                          struct diag *d)
{
	struct manifest m = { calloc(res->n, sizeof *m.entry), res->n, res->summary, 0, NULL };
	char *path = resdir_join(dir, RESDIR_MANIFEST, "");
	int status = EXIT_OK;
	struct err e;

	err_clear(&e);
	if (!m.entry || !path) {
		fputs("dtsim: out of memory\n", stderr);
		status = EXIT_RUN_FAILED;
		goto done;
	}
	for (size_t i = 0; i < res->n; i++) {
		const struct scenario *sc = b->sc[res->index[i]];
		const struct model_params *p = &b->years[res->index[i]][0];

		m.entry[i] = (struct manifest_entry){
			scenario_id(sc), scenario_text(sc, "scenario.name"),
			scenario_text(sc, "scenario.description"), p->services_target_maturity,
			p->mandate_active != 0, p->mandate_deadline_year, p->mandate_target,
			res->files[i][0], res->files[i][1]
		};
	}
	if (manifest_write(path, &m, &e) != 0) {
		diag_err(d, &e, NULL);
		status = EXIT_RUN_FAILED;
	}
done:
	free(m.entry);
	free(path);
	return status;
}

/* The comparison files and the function that writes each. */
static const struct {
	const char *suffix;
	int (*write)(const char *path, const struct compare_entry *rows, size_t n,
	             enum kpi by, struct err *e);
} comparison_files[] = {
	{ ".csv", compare_write_csv },
	{ ".md", compare_write_md },
};

/*
** Writes dir/comparison.csv and dir/comparison.md for the runs in res,
** ranked by `by`. Returns EXIT_OK, or EXIT_RUN_FAILED having printed why
** (each file is written whole or not at all, independently).
*/
static int write_comparison(const struct batch *b, const struct results *res,
                            const char *dir, enum kpi by, struct diag *d)
{
	struct compare_entry *rows = calloc(res->n + 1, sizeof *rows);
	int status = EXIT_OK;

	if (!rows) {
		fputs("dtsim: out of memory\n", stderr);
		return EXIT_RUN_FAILED;
	}
	for (size_t i = 0; i < res->n; i++) {
		const struct scenario *sc = b->sc[res->index[i]];

		rows[i].id = scenario_id(sc);
		rows[i].name = scenario_text(sc, "scenario.name");
		rows[i].kpi = res->rows[i];
	}
	for (size_t f = 0; f < sizeof comparison_files / sizeof comparison_files[0]; f++) {
		char *path = resdir_join(dir, "comparison", comparison_files[f].suffix);
		struct err e;

		err_clear(&e);
		if (!path) {
			fputs("dtsim: out of memory\n", stderr);
			status = EXIT_RUN_FAILED;
		} else if (comparison_files[f].write(path, rows, res->n, by, &e) != 0) {
			diag_err(d, &e, NULL);
			status = EXIT_RUN_FAILED;
		}
		free(path);
	}
	free(rows);
	return status;
}

/* ---- subcommands ------------------------------------------------------------ */

/*
** dtsim run (kind CMD_RUN), and dtsim compare (CMD_COMPARE): the same run,
** then the comparison of the runs that succeeded. The KPI is checked before
** any scenario is loaded, so a bad --rank writes nothing. The output
** directory is locked from before the first file to after the last chart;
** the manifest is written after every other file of the run.
*/
static int run_or_compare(int argc, char **argv, enum cmd_kind kind)
{
	struct opts o = { NULL, 0, "out", COMPARE_RANK_DEFAULT, 0, NULL, NULL, NULL };
	struct plot_opts po;
	struct batch b = { 0, NULL, NULL, NULL };
	struct results res = { 0, NULL, NULL, NULL, { 0, 0 } };
	struct diag d = { NULL, 0 };
	enum kpi by = KPI_COUNT;
	struct err e;
	int status, lock = -1;

	if (opts_parse(argc, argv, kind, &o, &status) != 0
	    || chart_opts(argv[0], o.format, o.size, o.lang, &po, &status) != 0)
		goto done;
	err_clear(&e);
	if (kind == CMD_COMPARE && compare_kpi_find(o.rank, &by, &e) != 0) {
		status = usage_error("compare: --rank: %s", e.msg);
		goto done;
	}
	status = batch_load(argv + optind, (size_t)(argc - optind), &o, &b, &d);
	if (status != EXIT_OK)
		goto done;
	status = results_open(o.outdir, 1, &lock, &d);
	if (status != EXIT_OK)
		goto done;
	status = run_batch(&b, o.outdir, &res, &d);
	if (kind == CMD_COMPARE && res.n > 0
	    && write_comparison(&b, &res, o.outdir, by, &d) != EXIT_OK)
		status = EXIT_RUN_FAILED;
	if (res.n > 0 && write_manifest(&b, &res, o.outdir, &d) != EXIT_OK) {
		status = EXIT_RUN_FAILED;
		res.n = 0;
	}
	/* The charts come last: their failure leaves the CSV results complete.
	** run draws every chart; compare the two comparison charts of its runs. */
	if (o.plot && res.n > 0 && draw_charts(&b, &res, o.outdir, kind, &po, &d) != EXIT_OK)
		status = EXIT_RUN_FAILED;
done:
	resdir_unlock(lock);
	results_free(&res);
	batch_free(&b);
	opts_free(&o);
	diag_free(&d);
	return status;
}

static int cmd_run(int argc, char **argv)
{
	return run_or_compare(argc, argv, CMD_RUN);
}

static int cmd_compare(int argc, char **argv)
{
	return run_or_compare(argc, argv, CMD_COMPARE);
}

static int cmd_check(int argc, char **argv)
{
	struct opts o = { NULL, 0, NULL, NULL, 0, NULL, NULL, NULL };
	struct batch b = { 0, NULL, NULL, NULL };
	struct diag d = { NULL, 0 };
	int status;

	if (opts_parse(argc, argv, CMD_CHECK, &o, &status) != 0)
		goto done;
	status = batch_load(argv + optind, (size_t)(argc - optind), &o, &b, &d);
	if (status != EXIT_OK)
		goto done;
	for (size_t i = 0; i < b.n; i++) {
		if (b.n > 1)
			printf("%s# %s\n", i ? "\n" : "", argv[optind + (int)i]);
		if (scenario_write_check(b.sc[i], stdout) != 0) {
			status = EXIT_RUN_FAILED;
			break;
		}
	}
	status = close_stdout(status);
done:
	batch_free(&b);
	opts_free(&o);
	diag_free(&d);
	return status;
}

static int cmd_params(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, OPT_MARKDOWN },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int markdown = 0, c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == 'h') {
			help_params();
			return close_stdout(EXIT_OK);
		}
		if (c != OPT_MARKDOWN)
			return option_error(0, c, argv);
		markdown = 1;
	}
	if (optind < argc)
		return usage_error("params: unexpected argument '%s'", argv[optind]);
	registry_print(stdout, markdown);
	fputs(markdown ? "\n## Rules between keys\n\nBeyond each key's range, a scenario's values must"
	      " satisfy these together\n(models/rules.def); a broken rule names the value"
	      " set last:\n\n" : "\nRules between keys:\n", stdout);
	rules_print(stdout, markdown);
	return close_stdout(EXIT_OK);
}

/* dtsim plot [--format LIST] [--size W,H] [--lang en|de] DIR */
static int cmd_plot(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = NULL, *size = NULL, *lang = NULL;
	struct diag d = { NULL, 0 };
	struct plot_opts po;
	struct manifest *m = NULL;
	struct stat st;
	struct err e;
	int c, status, lock = -1;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == 'h') {
			help_plot();
			return close_stdout(EXIT_OK);
		}
		if (c == OPT_FORMAT)
			format = optarg;
		else if (c == OPT_SIZE)
			size = optarg;
		else if (c == OPT_LANG)
			lang = optarg;
		else
			return option_error(0, c, argv);
	}
	if (optind >= argc)
		return usage_error("plot: no results directory given");
	if (optind + 1 < argc)
		return usage_error("plot: unexpected argument '%s'", argv[optind + 1]);
	if (chart_opts("plot", format, size, lang, &po, &status) != 0)
		return status;
	if (stat(argv[optind], &st) != 0 || !S_ISDIR(st.st_mode))
		return usage_error("plot: no results directory '%s': %s", argv[optind],
		                   stat(argv[optind], &st) != 0 ? strerror(errno) : "not a directory");
	/* Results that cannot be read are bad input, found before anything is
	** written (not even the lock file); under the lock they are read again. */
	err_clear(&e);
	if (manifest_load(argv[optind], &m, &e) != 0) {
		diag_err(&d, &e, NULL);
		diag_free(&d);
		return EXIT_BAD_INPUT;
	}
	manifest_free(m);
	status = results_open(argv[optind], 0, &lock, &d);
	if (status == EXIT_OK)
		status = draw_charts(NULL, NULL, argv[optind], CMD_RUN, &po, &d);
	resdir_unlock(lock);
	diag_free(&d);
	return status;
}

static int cmd_help(int argc, char **argv);

/* The subcommands, git style: name, handler, help. */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	void (*help)(void);
} commands[] = {
	{ "run", cmd_run, help_run },
	{ "compare", cmd_compare, help_compare },
	{ "check", cmd_check, help_check },
	{ "params", cmd_params, help_params },
	{ "plot", cmd_plot, help_plot },
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
		return usage_error("help: unexpected argument '%s'", argv[2]);
	if (argc < 2) {
		help_main();
		return close_stdout(EXIT_OK);
	}
	cmd = command_find(argv[1]);
	if (!cmd)
		return usage_error("help: unknown command '%s'", argv[1]);
	cmd->help();
	return close_stdout(EXIT_OK);
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
		return EXIT_RUN_FAILED;
	}

	/* '+' stops at the command name, whose own options follow it. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		if (c == 'h') {
			help_main();
			return close_stdout(EXIT_OK);
		}
		if (c == 'V') {
			printf("dtsim " DTSIM_VERSION "\n"
			       "Copyright (C) 2026 the dtsim authors\n"
			       "License GPL-3.0-or-later\n"
			       "This is free software: you are free to change and redistribute it.\n"
			       "There is NO WARRANTY, to the extent permitted by law.\n");
			return close_stdout(EXIT_OK);
		}
		return option_error(1, c, argv);
	}
	if (optind >= argc)
		return usage_error("no command given");
	cmd = command_find(argv[optind]);
	if (!cmd)
		return usage_error("unknown command '%s'", argv[optind]);
	return cmd->run(argc - optind, argv + optind);
}
