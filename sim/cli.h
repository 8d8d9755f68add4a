/*
** cli.h: what the commands of dtsim share (one file per command: cmd_*.c;
** main.c dispatches). The only modules that print diagnostics and choose
** the exit status; everything below them returns errors as data.
**
** Exit status: CLI_OK (0) success, CLI_RUN_FAILED (1) a run failed or a
** file could not be written, CLI_BAD_INPUT (2) bad input or usage, when
** nothing at all is written.
*/
#ifndef DTSIM_CLI_H
#define DTSIM_CLI_H

#include <stddef.h>

#include "err.h"
#include "params.h"
#include "plot.h"
#include "scenario.h"

enum cli_status { CLI_OK = 0, CLI_RUN_FAILED = 1, CLI_BAD_INPUT = 2 };

/* The exit-status table that every --help ends with. */
extern const char cli_exit_table[];

/* ---- diagnostics ---------------------------------------------------------- */

/* The lines printed so far, so that one mistake reported by every scenario
** (a bad --set applies to each of them) is printed once. Owns its strings;
** zero-initialise, free with cli_diag_free. */
struct cli_diag {
	char **line;
	size_t n;
};

void cli_diag_free(struct cli_diag *d);

/* Prints text (one line, newline included) to stderr unless it was printed
** before. Prints it anyway when memory for remembering it runs out. */
void cli_diag_print(struct cli_diag *d, const char *text);

/* Prints e as "FILE:LINE: message" (or "FILE: message", or "dtsim:
** message" when no file is at fault or the message names it already), with
** `what` (a scenario id, or NULL) and the key in front when the message
** does not name them. */
void cli_diag_err(struct cli_diag *d, const struct err *e, const char *what);

/* A usage error: one line naming the mistake, then the pointer to --help.
** Returns CLI_BAD_INPUT. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reports what getopt_long returned for a bad option ('?' unknown, ':'
** missing argument); argv[0] names the subcommand, or is the program for
** the global options (global). Returns CLI_BAD_INPUT. */
int cli_option_error(int global, int c, char **argv);

/* Flushes stdout and reports a write error (a full disk, a closed pipe).
** Returns status, or CLI_RUN_FAILED when stdout could not be written. */
int cli_close_stdout(int status);

/* Prints the errors of el (an input at path), each as cli_diag_err does,
** then "PATH: ... and N more mistakes" for those not kept. */
void cli_print_errors(struct cli_diag *d, const struct errlist *el, const char *path);

/* ---- options and scenarios ------------------------------------------------------ */

/* The commands that load scenarios; each of check, run and compare takes
** the options of the one before it and more (cli_opts_parse). sensitivity
** takes run's options but --method (the analysis, not the integration
** method: --set sim.method=M gives that), --rank and the output options,
** and its own --method, --kpi, --step, -n and --seed. report takes compare's options (--plot
** is implied: it always draws its charts). */
enum cli_kind { CLI_CHECK, CLI_RUN, CLI_COMPARE, CLI_SENSITIVITY, CLI_REPORT };

/* Long options without a short form. */
enum cli_option {
	CLI_OPT_SET = 256, CLI_OPT_YEARS, CLI_OPT_DT, CLI_OPT_METHOD, CLI_OPT_REPORT_STEP,
	CLI_OPT_MARKDOWN, CLI_OPT_RANK, CLI_OPT_PLOT, CLI_OPT_FORMAT, CLI_OPT_SIZE, CLI_OPT_LANG,
	CLI_OPT_ANALYSIS, CLI_OPT_KPI, CLI_OPT_STEP, CLI_OPT_BASELINE, CLI_OPT_XLSX,
	CLI_OPT_CSV_DIALECT, CLI_OPT_COLUMNS, CLI_OPT_TRANSPOSE, CLI_OPT_SEED
};

/*
** Options shared by check, run, compare and sensitivity: the assignments
** (--set and its shorthands, in command-line order, each owned), the
** output directory (run, compare, sensitivity), the KPI to rank by and
** the council view (compare, report), the reference scenario (run,
** compare, report: --baseline), the chart options, and sensitivity's
** method, KPIs and step (as given, checked by the command).
*/
struct cli_opts {
	char **set;
	size_t nset;
	const char *outdir;
	const char *rank;
	const char *columns;               /* compare --columns */
	int transpose;                     /* compare --transpose */
	int plot;                          /* run/compare --plot */
	const char *format, *size, *lang;  /* chart options, NULL when not given */
	const char *analysis, *kpi, *step; /* sensitivity --method, --kpi, --step */
	const char *samples, *seed;        /* sensitivity -n, --seed */
	const char *baseline;              /* run, compare, report --baseline: a
	                                      scenario id */
	int xlsx;                          /* run/compare --xlsx */
	const char *csv_dialect;           /* run/compare --csv-dialect, NULL when not given */
};

void cli_opts_free(struct cli_opts *o);

/* Appends the assignment prefix + value ("sim.years=" "20") to o->set, as
** --set and its shorthands do. Returns -1 when out of memory. */
int cli_opts_add_set(struct cli_opts *o, const char *prefix, const char *value);

/*
** Parses the options of check, run, compare or sensitivity (kind) into o; help prints
** the command's --help. Returns -1 and sets *status when the command is done
** (--help, or a usage error); otherwise returns 0 with optind at the first
** operand.
*/
int cli_opts_parse(int argc, char **argv, enum cli_kind kind, void (*help)(void),
                   struct cli_opts *o, int *status);

/* Loaded and resolved scenarios; every array has n entries, owned. */
struct cli_batch {
	size_t n;
	struct scenario **sc;
	struct model_params **years;
	size_t *nyears;
};

void cli_batch_free(struct cli_batch *b);

/*
** Loads every path, applies every assignment to each scenario and resolves
** it, printing every error found on the way (not only the first). Then
** checks that every id can name result files (resdir_check_id) and that no
** two scenarios share one. Returns CLI_OK with b filled, or CLI_BAD_INPUT
** (or CLI_RUN_FAILED when out of memory); b is freed by the caller.
*/
int cli_batch_load(char *const *paths, size_t n, const struct cli_opts *o,
                   struct cli_batch *b, struct cli_diag *d);

/* ---- results and charts ---------------------------------------------------------- */

/* Creates dir and its missing parents (mkdir -p). Returns 0, or -1 with
** errno set; an existing directory is fine, an existing file is ENOTDIR. */
int cli_make_dirs(const char *dir);

/*
** Prepares dir for writing: with create, creates it and removes the
** previous run's files of the whole run (resdir.h); takes its lock (another
** dtsim writing there is refused) and removes what a killed dtsim left.
** *lock gets the lock for resdir_unlock. Returns CLI_OK, or CLI_RUN_FAILED
** having printed why.
*/
int cli_results_open(const char *dir, int create, int *lock, struct cli_diag *d);

/* Fills po from the chart options (each NULL when not given) of command
** cmd. Returns 0, or -1 with *status set after a usage error. */
int cli_chart_opts(const char *cmd, const char *format, const char *size, const char *lang,
                   struct plot_opts *po, int *status);

/*
** Draws the charts of the results in dir with po, printing every failed
** chart and every gnuplot warning: with ids (n of them) the comparison
** charts of those scenarios (plot_compare), else every chart (plot_draw).
** The caller holds dir's lock. Returns CLI_OK, CLI_RUN_FAILED (a chart
** failed, or the templates are missing) or CLI_BAD_INPUT (the results
** cannot be read; nothing was written).
*/
int cli_draw_charts(const char *dir, const char *const *ids, size_t n, struct plot_opts *po,
                    struct cli_diag *d);

#endif
