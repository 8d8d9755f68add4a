/*
** cli.c: what the commands share: diagnostics, usage errors, the options
** and scenario loading of check, run and compare, opening a results
** directory and drawing its charts (cli.h).
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

#include "cli.h"
#include "optimspec.h"
#include "uncertainty.h"
#include "resdir.h"
#include "strbuf.h"

static const char cli_try_help[] = "Try 'dtsim --help' for more information.\n";

const char cli_exit_table[] =
	"Exit status:\n"
	"  0  success\n"
	"  1  a run failed (the solver stopped or a file could not be written);\n"
	"     the other scenarios are still written\n"
	"  2  bad input or usage; nothing was written\n";

/* ---- diagnostics ---------------------------------------------------------- */

void cli_diag_free(struct cli_diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->line[i]);
	free(d->line);
	d->line = NULL;
	d->n = 0;
}

/* Prints text (one line, newline included) to stderr unless it was printed
** before. Prints it anyway when memory for remembering it runs out. */
void cli_diag_print(struct cli_diag *d, const char *text)
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
void cli_diag_err(struct cli_diag *d, const struct err *e, const char *what)
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
	cli_diag_print(d, text);
}

/* A usage error: one line naming the mistake, then the pointer to --help.
** Returns CLI_BAD_INPUT. */
int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("dtsim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(cli_try_help, stderr);
	return CLI_BAD_INPUT;
}

/* Reports what getopt_long returned for a bad option ('?' unknown, ':'
** missing argument); argv[0] names the subcommand, or is the program for
** the global options (global). Returns CLI_BAD_INPUT. */
int cli_option_error(int global, int c, char **argv)
{
	const char *cmd = global ? "" : argv[0];
	const char *sep = global ? "" : ": ";
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	if (c == ':')
		return cli_usage_error("%s%soption '%s' requires an argument", cmd, sep, arg);
	if (optopt && strncmp(arg, "--", 2) != 0)
		return cli_usage_error("%s%sinvalid option -- '%c'", cmd, sep, optopt);
	return cli_usage_error("%s%sunrecognized option '%s'", cmd, sep, arg);
}

/*
** Flushes stdout and reports a write error (a full disk, a closed pipe), so
** that `dtsim params > /dev/full` does not exit 0. Returns status, or
** CLI_RUN_FAILED when stdout could not be written.
*/
int cli_close_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "dtsim: write error on standard output: %s\n", strerror(errno));
		return status == CLI_OK ? CLI_RUN_FAILED : status;
	}
	return status;
}

/* ---- loading scenarios ----------------------------------------------------- */

void cli_opts_free(struct cli_opts *o)
{
	for (size_t i = 0; i < o->nset; i++)
		free(o->set[i]);
	free(o->set);
}

/* Appends "prefix" "value" to o->set. Returns -1 when out of memory. */
int cli_opts_add_set(struct cli_opts *o, const char *prefix, const char *value)
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

/* The shorthands: option code and the parameter it sets. */
static const struct {
	int code;
	const char *prefix;
} shorthands[] = {
	{ CLI_OPT_SET, "" },
	{ CLI_OPT_YEARS, "sim.years=" },
	{ CLI_OPT_DT, "sim.dt=" },
	{ CLI_OPT_METHOD, "sim.method=" },
	{ CLI_OPT_REPORT_STEP, "sim.report_step=" },
};

int cli_opts_parse(int argc, char **argv, enum cli_kind kind, void (*help)(void),
                   struct cli_opts *o, int *status)
{
	/* compare takes them all, report all but the council view's layout
	** (--columns, --transpose), run all but --rank too, check neither
	** --baseline, the output options, the chart options nor --output: each
	** starts further down this table. */
	static const struct option longopts[] = {
		{ "columns", required_argument, NULL, CLI_OPT_COLUMNS },
		{ "transpose", no_argument, NULL, CLI_OPT_TRANSPOSE },
		{ "rank", required_argument, NULL, CLI_OPT_RANK },
		{ "baseline", required_argument, NULL, CLI_OPT_BASELINE },
		{ "xlsx", no_argument, NULL, CLI_OPT_XLSX },
		{ "csv-dialect", required_argument, NULL, CLI_OPT_CSV_DIALECT },
		{ "plot", no_argument, NULL, CLI_OPT_PLOT },
		{ "format", required_argument, NULL, CLI_OPT_FORMAT },
		{ "size", required_argument, NULL, CLI_OPT_SIZE },
		{ "lang", required_argument, NULL, CLI_OPT_LANG },
		{ "output", required_argument, NULL, 'o' },
		{ "set", required_argument, NULL, CLI_OPT_SET },
		{ "years", required_argument, NULL, CLI_OPT_YEARS },
		{ "dt", required_argument, NULL, CLI_OPT_DT },
		{ "method", required_argument, NULL, CLI_OPT_METHOD },
		{ "report-step", required_argument, NULL, CLI_OPT_REPORT_STEP },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	/* sensitivity: its --method names the analysis. */
	static const struct option sens_longopts[] = {
		{ "method", required_argument, NULL, CLI_OPT_ANALYSIS },
		{ "kpi", required_argument, NULL, CLI_OPT_KPI },
		{ "step", required_argument, NULL, CLI_OPT_STEP },
		{ "samples", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, CLI_OPT_SEED },
		{ "plot", no_argument, NULL, CLI_OPT_PLOT },
		{ "format", required_argument, NULL, CLI_OPT_FORMAT },
		{ "size", required_argument, NULL, CLI_OPT_SIZE },
		{ "lang", required_argument, NULL, CLI_OPT_LANG },
		{ "output", required_argument, NULL, 'o' },
		{ "set", required_argument, NULL, CLI_OPT_SET },
		{ "years", required_argument, NULL, CLI_OPT_YEARS },
		{ "dt", required_argument, NULL, CLI_OPT_DT },
		{ "report-step", required_argument, NULL, CLI_OPT_REPORT_STEP },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct option *lo = kind == CLI_SENSITIVITY ? sens_longopts
	                        : kind == CLI_COMPARE ? longopts
	                        : kind == CLI_REPORT ? longopts + 2
	                        : kind == CLI_RUN ? longopts + 3 : longopts + 11;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, kind == CLI_SENSITIVITY ? ":o:n:h" : kind >= CLI_RUN ? ":o:h"
	                        : ":h", lo, NULL)) != -1) {
		size_t i;

		if (c == 'h') {
			help();
			*status = cli_close_stdout(CLI_OK);
			return -1;
		}
		if (c == CLI_OPT_RANK || c == CLI_OPT_ANALYSIS || c == CLI_OPT_KPI
		    || c == CLI_OPT_STEP || c == CLI_OPT_BASELINE) {
			*(c == CLI_OPT_RANK ? &o->rank : c == CLI_OPT_ANALYSIS ? &o->analysis
			  : c == CLI_OPT_KPI ? &o->kpi : c == CLI_OPT_STEP ? &o->step
			  : &o->baseline) = optarg;
			continue;
		}
		if (c == 'n' || c == CLI_OPT_SEED) {
			*(c == 'n' ? &o->samples : &o->seed) = optarg;
			continue;
		}
		if (c == CLI_OPT_XLSX) {
			o->xlsx = 1;
			continue;
		}
		if (c == CLI_OPT_CSV_DIALECT) {
			o->csv_dialect = optarg;
			continue;
		}
		if (c == CLI_OPT_COLUMNS || c == CLI_OPT_TRANSPOSE) {
			if (c == CLI_OPT_TRANSPOSE)
				o->transpose = 1;
			else
				o->columns = optarg;
			continue;
		}
		if (c == 'o') {
			if (optarg[0] == '\0') {
				*status = cli_usage_error("%s: the output directory is empty", argv[0]);
				return -1;
			}
			o->outdir = optarg;
			continue;
		}
		if (c == CLI_OPT_PLOT || c == CLI_OPT_FORMAT || c == CLI_OPT_SIZE || c == CLI_OPT_LANG) {
			o->plot |= c == CLI_OPT_PLOT;
			if (c == CLI_OPT_FORMAT)
				o->format = optarg;
			else if (c == CLI_OPT_SIZE)
				o->size = optarg;
			else if (c == CLI_OPT_LANG)
				o->lang = optarg;
			continue;
		}
		for (i = 0; i < sizeof shorthands / sizeof shorthands[0]; i++)
			if (shorthands[i].code == c)
				break;
		if (i == sizeof shorthands / sizeof shorthands[0]) {
			*status = cli_option_error(0, c, argv);
			return -1;
		}
		if (cli_opts_add_set(o, shorthands[i].prefix, optarg) != 0) {
			fputs("dtsim: out of memory\n", stderr);
			*status = CLI_RUN_FAILED;
			return -1;
		}
	}
	o->plot |= kind == CLI_REPORT;
	/* compare's --lang is also the language of its tables. */
	if (!o->plot && (o->format || o->size || (o->lang && kind != CLI_COMPARE))) {
		*status = cli_usage_error("%s: --%s needs --plot", argv[0],
		                          o->format ? "format" : o->size ? "size" : "lang");
		return -1;
	}
	if (optind >= argc) {
		*status = cli_usage_error("%s: no scenario file given", argv[0]);
		return -1;
	}
	return 0;
}

void cli_batch_free(struct cli_batch *b)
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

/* Prints a warning about starting values that contradict each other
** (scenario_warnings) as "FILE:LINE: warning: ...". */
static void warn(const struct err *w, void *ctx)
{
	cli_diag_err(ctx, w, "warning");
}

/* Prints the errors of the scenario `path` (el), each as cli_diag_err
** does, and "PATH: ... and N more mistakes" for those not kept. */
void cli_print_errors(struct cli_diag *d, const struct errlist *el, const char *path)
{
	char text[PATH_MAX + 128];
	size_t more = el->total - el->n;

	for (size_t i = 0; i < el->n; i++)
		cli_diag_err(d, &el->a[i], NULL);
	if (more == 0)
		return;
	if (el->n)
		snprintf(text, sizeof text, "%s: ... and %zu more mistake%s (the first %zu "
		         "are shown)\n", path, more, more == 1 ? "" : "s", el->n);
	else
		snprintf(text, sizeof text, "%s: %zu mistakes, and no memory to show "
		         "them\n", path, more);
	cli_diag_print(d, text);
}

/* CLI_OK when id names a scenario of b; else a usage error that lists the
** ids allowed. */
static int check_baseline(const struct cli_batch *b, const char *id)
{
	struct strbuf ids = STRBUF_INIT;
	int rc;

	for (size_t i = 0; i < b->n; i++)
		if (strcmp(scenario_id(b->sc[i]), id) == 0)
			return CLI_OK;
	for (size_t i = 0; i < b->n; i++)
		strbuf_printf(&ids, "%s%s", i ? ", " : "", scenario_id(b->sc[i]));
	rc = cli_usage_error("--baseline %s: no scenario given has that id; allowed: %s"
	                     " (the ids: file names without .ini)", id, strbuf_str(&ids));
	strbuf_free(&ids);
	return rc;
}

int cli_batch_load(char *const *paths, size_t n, const struct cli_opts *o,
                   struct cli_batch *b, struct cli_diag *d)
{
	struct optim_spec spec;
	struct err e;
	int bad = 0;

	b->n = n;
	b->sc = calloc(n, sizeof *b->sc);
	b->years = calloc(n, sizeof *b->years);
	b->nyears = calloc(n, sizeof *b->nyears);
	if (!b->sc || !b->years || !b->nyears) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	/* Every mistake of a scenario, in order: its files' lines, --set, the
	** rules between keys (those its other mistakes leave standing). */
	for (size_t i = 0; i < n; i++) {
		struct errlist el = { NULL, 0, 0 };

		scenario_load_all(paths[i], &b->sc[i], &el);
		for (size_t k = 0; b->sc[i] && k < o->nset; k++) {
			err_clear(&e);
			if (scenario_set(b->sc[i], o->set[k], &e) != 0)
				errlist_add(&el, &e);
		}
		if (b->sc[i] && scenario_check(b->sc[i], &el) == 0 && el.total == 0) {
			/* The distributions of [uncertainty] and the defaults: no
			** draw may break a rule between keys (uncertainty.h). */
			struct unc_set *u = NULL;
			if (unc_build(b->sc[i], &u, &el) == 0)
				unc_free(u);
		}
		if (el.total) {
			cli_print_errors(d, &el, paths[i]);
			errlist_free(&el);
			bad = 1;
			continue;
		}
		err_clear(&e);
		if (scenario_resolve(b->sc[i], &b->years[i], &b->nyears[i], &e) != 0) {
			cli_diag_err(d, &e, NULL);
			bad = 1;
			continue;
		}
		/* The optimiser's sections: checked here, used by dtsim optimise. */
		if (optimspec_build(b->sc[i], b->years[i], b->nyears[i], &spec, &el) != 0) {
			cli_print_errors(d, &el, paths[i]);
			errlist_free(&el);
			bad = 1;
		}
		optimspec_free(&spec);
		scenario_warnings(b->sc[i], warn, d);
	}
	if (bad)
		return CLI_BAD_INPUT;
	if (o->baseline && check_baseline(b, o->baseline) != CLI_OK)
		return CLI_BAD_INPUT;
	for (size_t i = 0; i < n; i++) {
		const char *id = scenario_id(b->sc[i]);

		err_clear(&e);
		if (resdir_check_id(id, &e) != 0)
			return cli_usage_error("%s: %s", paths[i], e.msg);
		for (size_t j = 0; j < i; j++)
			if (strcmp(id, scenario_id(b->sc[j])) == 0)
				return cli_usage_error("%s and %s have the same scenario id '%s'",
				                       paths[j], paths[i], id);
	}
	return CLI_OK;
}

/*
** Creates dir and its missing parents (mkdir -p). Returns 0, or -1 with
** errno set; an existing directory is fine, an existing file is ENOTDIR.
*/
int cli_make_dirs(const char *dir)
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
** beside its new scenario files (resdir.h). The manifest goes first. The
** tables of dtsim sensitivity --method tornado|morris|sobol stay, as the
** files of dtsim mc do: each names the scenario and the digest of the
** inputs it analysed (sensprov.h), and dtsim report shows it only when
** they are the run's. */
static const char *const run_files[] = {
	RESDIR_MANIFEST, RESDIR_SUMMARY, "comparison.csv", "comparison.md", "burden.csv",
	"sensitivity.csv", "sensitivity.md", "report.md", "report.html", "report.docx",
	"results.xlsx"
};

int cli_results_open(const char *dir, int create, int *lock, struct cli_diag *d)
{
	struct err e;

	err_clear(&e);
	*lock = -1;
	if (create && cli_make_dirs(dir) != 0) {
		fprintf(stderr, "dtsim: cannot create directory '%s': %s\n", dir, strerror(errno));
		return CLI_RUN_FAILED;
	}
	if (resdir_lock(dir, lock, &e) != 0 || resdir_clean(dir, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		resdir_unlock(*lock);
		*lock = -1;
		return CLI_RUN_FAILED;
	}
	for (size_t i = 0; create && i < sizeof run_files / sizeof run_files[0]; i++) {
		char *path = resdir_join(dir, run_files[i], "");

		if (!path || (unlink(path) != 0 && errno != ENOENT)) {
			fprintf(stderr, "dtsim: cannot remove %s of the previous run: %s\n",
			        path ? path : run_files[i], path ? strerror(errno) : "out of memory");
			free(path);
			resdir_unlock(*lock);
			*lock = -1;
			return CLI_RUN_FAILED;
		}
		free(path);
	}
	return CLI_OK;
}

/* ---- charts ----------------------------------------------------------------- */

int cli_chart_opts(const char *cmd, const char *format, const char *size, const char *lang,
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
		*status = cli_usage_error("%s: %s", cmd, e.msg);
		return -1;
	}
	po->gnuplot = getenv("DTSIM_GNUPLOT");
	/* Progress only where someone watches. */
	po->progress = isatty(STDERR_FILENO) ? stderr : NULL;
	return 0;
}

int cli_draw_charts(const char *dir, const char *const *ids, size_t n, struct plot_opts *po,
                    struct cli_diag *d)
{
	char tmpl[PATH_MAX];
	const char *was = po->templates;
	struct plot_report rep = { 0, 0, NULL, 0 };
	struct err e;
	int rc, status;

	err_clear(&e);
	if (plot_find_templates(getenv("DTSIM_PLOTS"), tmpl, sizeof tmpl, &e) != 0) {
		cli_diag_err(d, &e, NULL);
		return CLI_RUN_FAILED;
	}
	po->templates = tmpl;   /* for these charts only: tmpl ends with the call */
	rc = ids ? plot_compare(dir, ids, n, po, &rep, &e) : plot_draw(dir, po, &rep, &e);
	if (rc != 0) {
		cli_diag_err(d, &e, NULL);
		status = rc == PLOT_EINPUT ? CLI_BAD_INPUT : CLI_RUN_FAILED;
	} else {
		for (size_t i = 0; i < rep.nissue; i++) {
			char text[sizeof rep.issue[i].e.msg + 32];

			snprintf(text, sizeof text, "dtsim: %s%s\n",
			         rep.issue[i].warning ? "warning: " : "", rep.issue[i].e.msg);
			cli_diag_print(d, text);
		}
		status = rep.failed ? CLI_RUN_FAILED : CLI_OK;
	}
	plot_report_free(&rep);
	po->templates = was;
	return status;
}

