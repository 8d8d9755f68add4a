/*
** sensmethod.h: the global methods of `dtsim sensitivity` over a
** scenario's uncertain parameters (uncertainty.h): their designs, the runs
** (sensrun.h) and the table each writes (senscsv.h).
**
**   tornado  every parameter alone at its distribution's 10th and 90th
**            percentile, every other at its median (the 50th): 2d + 1 runs;
**            the swing |K(P90) - K(P10)| ranks them. tornado.csv.
**   morris   Morris's elementary effects (morris.h) on r trajectories of
**            a 4-level grid, level k taken to the quantile (k + 1/2) / 4:
**            r (d + 1) runs; mu* ranks them. morris.csv.
**   sobol    first-order and total Sobol indices (sobol.h) on n base points
**            of a quasi-random sequence, coordinate u taken to the
**            u-quantile, with 95 % bootstrap intervals of 1,000 resamples:
**            n (d + 2) runs; ST ranks them. sobol.csv.
**
** docs/ESTIMATORS.md derives the estimators; the README names the columns.
*/
#ifndef DTSIM_SENSMETHOD_H
#define DTSIM_SENSMETHOD_H

#include <stddef.h>

#include "err.h"
#include "sensrun.h"

enum sensmethod { SENSMETHOD_TORNADO, SENSMETHOD_MORRIS, SENSMETHOD_SOBOL };

/* The percentiles of a tornado's low and high runs, and of the value every
** other parameter keeps. */
#define SENSMETHOD_TORNADO_LO 0.10
#define SENSMETHOD_TORNADO_HI 0.90
#define SENSMETHOD_CENTRE     0.50

/* The base sample when -n is not given: Morris trajectories, Sobol base
** points (a power of 2, as the Sobol sequence balances best in those; for
** more than 20 parameters the smallest power of 2 from it up to at least
** sobol_min_base, the Halton sequence's last base). */
#define SENSMETHOD_MORRIS_N 10
#define SENSMETHOD_SOBOL_N  256
/* The bootstrap seed when --seed is not given. */
#define SENSMETHOD_SEED_DEFAULT 1

/* The file each method writes in DIR, without ".csv". */
extern const char *const sensmethod_files[3];

struct sensmethod_opts {
	enum sensmethod method;
	size_t samples;       /* -n: trajectories or base points; 0: the default */
	unsigned long seed;   /* Morris's trajectories, Sobol's bootstrap */
	unsigned threads;
};

/* The base sample of o for d parameters: o->samples, or the default. */
size_t sensmethod_samples(const struct sensmethod_opts *o, size_t d);

/* The runs method m makes for d parameters and samples (0: the default),
** or 0 when that count overflows. */
size_t sensmethod_runs(const struct sensmethod_opts *o, size_t d);

/*
** Runs method o->method over the parameters of in->u and writes its table
** to path. rep says how the runs went. A tornado writes its table whatever
** runs failed (their fields are empty); Morris and Sobol need every run's
** KPI. Returns 0, or -1 with e filled: no uncertain parameters, more than
** the method allows (sobol: qmc_dim_max() / 2), a run failed or gave the
** KPI no value (morris, sobol), the KPI did not vary (sobol), out of
** memory, or the file could not be written.
*/
int sensmethod_run(const struct sensrun_in *in, const struct sensmethod_opts *o,
                   const char *path, struct sensrun_report *rep, struct err *e);

#endif
