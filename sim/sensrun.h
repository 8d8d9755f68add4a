/*
** sensrun.h: the model runs of a global sensitivity analysis (tornado,
** Morris, Sobol): each run sets the uncertain parameters of a scenario to
** given values (unc_apply, uncertainty.h) in a copy of its resolved years,
** runs the engine and keeps one KPI. The runs are independent, so they are
** shared among threads, each with its own engine and copy of the years;
** run r's result lands in y[r] whichever thread ran it, so the results do
** not depend on the number of threads.
*/
#ifndef DTSIM_SENSRUN_H
#define DTSIM_SENSRUN_H

#include <stddef.h>

#include "err.h"
#include "params.h"
#include "strbuf.h"
#include "summary.h"
#include "uncertainty.h"

/* The most threads, whatever the CPU count. */
#define SENSRUN_THREADS_MAX 64

/* What the runs share: the uncertain parameters, the scenario's resolved
** years (nyears of them), the KPI kept. Nothing is owned. */
struct sensrun_in {
	const struct unc_set *u;
	const struct model_params *years;
	size_t nyears;
	enum kpi kpi;
	/* What the table records of its inputs (sensprov.h); NULL: empty. */
	const char *scenario, *inputs_digest;
};

/* How the runs went: how many failed (unc_apply or the engine refused;
** their y is NaN), how many gave the KPI no value (a target never reached;
** NaN too), and the first failure (by run index) with its message. */
struct sensrun_report {
	size_t failed, novalue;
	size_t first_failed;   /* its run index, when failed > 0 */
	struct err first;
};

/* The threads to use: the CPUs online, at most SENSRUN_THREADS_MAX. */
unsigned sensrun_threads(void);

/*
** Runs the points x[r d .. r d + d - 1] (d = unc_count(in->u) values, in
** the parameters' units) for r = 0 .. nruns - 1 on threads threads (at
** least 1) and writes the KPI of run r into y[r] (nruns entries, the
** caller's). Returns 0 having filled rep (runs that fail do not stop the
** others), or -1 with e filled when out of memory or a thread cannot be
** started (nothing in y is then meaningful).
*/
int sensrun_all(const struct sensrun_in *in, const double *x, size_t nruns, unsigned threads,
                double *y, struct sensrun_report *rep, struct err *e);

#endif
