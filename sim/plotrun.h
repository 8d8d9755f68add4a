/*
** plotrun.h: running the chart scripts written in DIR/plots with gnuplot
** (gnuplot_run) and putting what it drew into place; the report of the
** charts that failed or that gnuplot warned about (plot.h).
*/
#ifndef DTSIM_PLOTRUN_H
#define DTSIM_PLOTRUN_H

#include <stddef.h>
#include <stdio.h>

#include "plot.h"

/* Parallel gnuplot processes at most, whatever the CPU count. */
#define PLOTRUN_MAX_JOBS 8

/* The most charts one gnuplot process draws: a scenario's charts (its
** dashboard and panels) in one, while more batches than processes keep
** the processes evenly busy to the end. */
#define PLOTRUN_BATCH_MAX 8

/* The scripts to run: DIR/plots/NAME.gp for each of names[0..n), each
** drawing the formats `formats` ("png svg", gnuplot's ARG1) into files
** NAME.EXT for ext[0..next). With progress, each chart finished rewrites
** the line "dtsim: charts K/N" there (\r, no newline until the last). */
struct plotrun_batch {
	const char *plots;          /* DIR/plots */
	char *const *names;
	size_t n;
	const char *formats;
	const char *const *ext;
	size_t next;
	const char *program;        /* gnuplot, a name in PATH or a path */
	size_t jobs;                /* at a time; 0: one per CPU */
	FILE *progress;             /* "dtsim: charts K/N" lines; NULL: none */
};

/* Records a failed chart (warning 0) or a warning in rep. Out of memory,
** the record is lost but the failure still counts. */
void plotrun_issue(struct plot_report *rep, int warning, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Runs the scripts of b and renames each chart gnuplot drew into
** b->plots; see plotrun.c. Every failure is recorded in rep. */
void plotrun_charts(const struct plotrun_batch *b, struct plot_report *rep);

#endif
