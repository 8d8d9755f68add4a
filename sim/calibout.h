/*
** calibout.h: what dtsim calibrate writes (docs/CALIBRATE.md): the report
** (stdout and DIR/calibration.md), the estimates (DIR/calibration.csv),
** the residuals (DIR/calibration_residuals.csv) and DIR/calibrated.ini, a
** scenario that extends the input and sets the fitted keys (and the
** command's --set values), so that dtsim run reproduces the fitted run.
** Files appear whole or not at all (afile.h).
*/
#ifndef DTSIM_CALIBOUT_H
#define DTSIM_CALIBOUT_H

#include <stdio.h>

#include "calib.h"
#include "err.h"
#include "history.h"
#include "plot.h"
#include "scenario.h"
#include "uncertainty.h"

#define CALIBOUT_CSV       "calibration.csv"
#define CALIBOUT_RESIDUALS "calibration_residuals.csv"
#define CALIBOUT_MD        "calibration.md"
#define CALIBOUT_INI       "calibrated.ini"
/* The fitted run, as dtsim run writes a scenario's CSV: for the chart and
** for the starting state of a plan (README). */
#define CALIBOUT_RUN       "calibrated.csv"
/* A plan from the year after the last observed one, starting from the
** fitted run's state at its end (README, docs/CALIBRATE.md 6). */
#define CALIBOUT_HANDOVER  "handover.ini"

/* What the writers need: the fit and what it was made of. */
struct calibout_in {
	const struct calib_result *r;
	const struct unc_set *u;
	const struct history *h;
	const char *history_path;   /* as given */
	const struct scenario *sc;
	const char *scenario_path;  /* as given */
	const struct model_params *years; /* the scenario's resolved years */
	size_t nyears;
	char *const *set;           /* the command's --set assignments */
	size_t nset;
	enum plot_lang lang;        /* of the report (--lang; 0: English) */
};

/* Writes the report as Markdown to f, in in->lang (English, or German
** with a decimal comma and the minus sign U+2212). Returns 0, or -1 when f
** failed. */
int calibout_report(FILE *f, const struct calibout_in *in);

/* Writes the warning lines of the report ("... are not identifiable
** apart ...") to f in lang, each after prefix; nothing when the fit
** converged and the parameters are identifiable. */
void calibout_warnings(FILE *f, const char *prefix, const struct calibout_in *in,
                       enum plot_lang lang);

/* The writers of the files in dir; each returns 0, or -1 with e. */
int calibout_write_csv(const char *dir, const struct calibout_in *in, struct err *e);
int calibout_write_residuals(const char *dir, const struct calibout_in *in, struct err *e);
int calibout_write_md(const char *dir, const struct calibout_in *in, struct err *e);
int calibout_write_run(const char *dir, const struct calibout_in *in, struct err *e);

/* Writes dir/calibrated.ini: "extends" the input by a path relative to
** dir, the command's --set values, and each fitted key (year blocks where
** a year-block key's value changes or the scenario sets one). Returns 0,
** or -1 with e (a path that no scenario line can hold). */
int calibout_write_ini(const char *dir, const struct calibout_in *in, struct err *e);

/* Writes dir/handover.ini: extends calibrated.ini, starts the year after
** the last observed one, and sets the first-day keys of the stocks that
** have one (budget.reserve_eur, workforce.skill_initial, ...) to the
** fitted run's values at the end of the last observed year, each kept in
** its key's range. Returns 0, or -1 with e. */
int calibout_write_handover(const char *dir, const struct calibout_in *in, struct err *e);

#endif
