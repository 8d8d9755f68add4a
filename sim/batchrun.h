/*
** batchrun.h: what `dtsim run` and `dtsim compare` do with a batch of
** scenarios, in steps that the two commands share: options, loading every
** scenario, opening the results directory, running each scenario into it
** (both files of a scenario or neither), summary.csv; then, after what
** compare adds (comparison.csv, comparison.md), the workbook (--xlsx), the
** manifest and the charts. The results directory is locked from before
** the first file to after the last chart; the manifest is written after
** every other file. Every CSV file is written in the dialect of
** --csv-dialect (csvdialect.h).
*/
#ifndef DTSIM_BATCHRUN_H
#define DTSIM_BATCHRUN_H

#include <stddef.h>

#include "burden.h"
#include "cli.h"
#include "csvdialect.h"
#include "manifest.h"
#include "summary.h"

/*
** The runs of a batch that succeeded: rows[i] is the summary of scenario
** index[i] of the batch, in batch order, files[i] its CSV and params.ini as
** the manifest records them, burden[i] its burden per budget year (for
** compare's council tables); summary is summary.csv. Arrays owned, n
** entries.
*/
struct batchrun_results {
	size_t n, cap;  /* runs that succeeded; entries allocated */
	struct summary *rows;
	struct burden *burden;
	size_t *index;
	struct manifest_file (*files)[2];
	struct manifest_file summary;
};

/* One run or compare command, from its options to its last chart. */
struct batchrun {
	enum cli_kind kind;
	struct cli_opts o;
	struct plot_opts po;
	struct cli_batch b;
	struct batchrun_results res;
	struct cli_diag d;
	const char **ref;  /* each scenario's reference id (one of the batch), or
	                      NULL; the strings are the batch's */
	int lock;     /* the results directory's lock, or -1 */
	int status;   /* the exit status so far */
	int finished; /* 1 after batchrun_finish */
	enum csvdialect dialect;  /* --csv-dialect */
	/* With --xlsx: the run-wide tables (CSV files of DIR, without .csv)
	** that get a sheet of results.xlsx before the scenarios' sheets;
	** batchrun_begin sets summary alone, a command that writes more
	** tables names them all. */
	const char *const *xlsx_tables;
	size_t nxlsx_tables;
};

/*
** Parses the options of run or compare (kind; help prints its --help)
** into r, which needs no initialisation. Returns 0 to go on, or -1 when
** the command is done (--help, or a usage error): r->status holds its
** exit status. Either way finish with batchrun_end.
*/
int batchrun_begin(struct batchrun *r, int argc, char **argv, enum cli_kind kind,
                   void (*help)(void));

/*
** Loads the scenarios paths (n of them), opens the output directory, runs
** each scenario into it and writes summary.csv for those that ran. Returns
** 0 when there are runs to go on with (r->res), -1 when not; r->status
** says how it went.
*/
int batchrun_run(struct batchrun *r, char *const *paths, size_t n);

/* The two halves of batchrun_run, for a command that checks the loaded
** scenarios (r->b) before anything is written: batchrun_load loads them
** (returns -1 when one is bad; r->status says why), batchrun_execute does
** the rest. Each returns as batchrun_run does. */
int batchrun_load(struct batchrun *r, char *const *paths, size_t n);
int batchrun_execute(struct batchrun *r);

/* Writes results.xlsx (with --xlsx) and the manifest (when any scenario
** ran) and draws the charts with --plot, once: for a command that writes
** files made from the results after them (report.md), still under the
** lock. r->status says how it went. */
void batchrun_finish(struct batchrun *r);

/*
** The reference of a comparison or report, after batchrun_load: the index
** in r->b of the scenario that every scenario with a reference (r->ref:
** --baseline for all, else each one's scenario.reference) names, or r->b.n
** when none has one. When they name different ones there is none either,
** and a warning says so.
*/
size_t batchrun_reference(const struct batchrun *r);

/* Finishes r (batchrun_finish) unless that was done, releases the lock and
** frees r. Returns r's exit status. */
int batchrun_end(struct batchrun *r);

#endif
