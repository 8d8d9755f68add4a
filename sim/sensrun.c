/*
** sensrun.c: the runs of a global sensitivity analysis on POSIX threads
** (sensrun.h). Thread t takes runs t, t + T, t + 2T, ...: the runs of a
** design are alike in cost, so the threads finish together.
*/
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "sensrun.h"

/* One thread's share and what it found. */
struct worker {
	const struct sensrun_in *in;
	const double *x;
	double *y;
	size_t nruns, first, stride;
	struct sensrun_report rep;
	int oom;
};

unsigned sensrun_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > SENSRUN_THREADS_MAX ? SENSRUN_THREADS_MAX : (unsigned)n;
}

/* Records run r's failure e in rep (the first by run index is kept). */
static void failed(struct sensrun_report *rep, size_t r, const struct err *e)
{
	if (rep->failed++ == 0 || r < rep->first_failed) {
		rep->first_failed = r;
		rep->first = *e;
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	const struct sensrun_in *in = w->in;
	size_t d = unc_count(in->u);
	struct engine *en = engine_new();
	struct model_params *years = malloc(in->nyears * sizeof *years);
	struct series rows;
	struct summary s;
	struct err e;

	memset(&rows, 0, sizeof rows);
	if (!en || !years) {
		w->oom = 1;
		goto done;
	}
	memcpy(years, in->years, in->nyears * sizeof *years);
	for (size_t r = w->first; r < w->nruns; r += w->stride) {
		err_clear(&e);
		w->y[r] = NAN;
		if (unc_apply(in->u, w->x + r * d, years, in->nyears) != 0) {
			err_set(&e, NULL, 0, NULL, "the drawn values cannot be applied (no share or"
			        " portfolio value left above 0)");
			failed(&w->rep, r, &e);
		} else if (engine_run(en, years, in->nyears, &rows, &e) != 0) {
			failed(&w->rep, r, &e);
		} else if (summary_compute(&rows, &years[0], &s) != 0) {
			err_set(&e, NULL, 0, NULL, "the run produced no rows");
			failed(&w->rep, r, &e);
		} else if (!isfinite(s.v[in->kpi])) {
			w->rep.novalue++;
		} else {
			w->y[r] = s.v[in->kpi];
		}
	}
done:
	series_free(&rows);
	free(years);
	engine_free(en);
	return NULL;
}

int sensrun_all(const struct sensrun_in *in, const double *x, size_t nruns, unsigned threads,
                double *y, struct sensrun_report *rep, struct err *e)
{
	struct worker *w;
	pthread_t *tid;
	size_t started = 0;
	int status = 0;

	memset(rep, 0, sizeof *rep);
	if (threads < 1)
		threads = 1;
	if (threads > nruns)
		threads = nruns ? (unsigned)nruns : 1;
	w = calloc(threads, sizeof *w);
	tid = calloc(threads, sizeof *tid);
	if (!w || !tid) {
		free(w);
		free(tid);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	for (unsigned t = 0; t < threads; t++) {
		w[t].in = in;
		w[t].x = x;
		w[t].y = y;
		w[t].nruns = nruns;
		w[t].first = t;
		w[t].stride = threads;
	}
	/* Thread 0's share runs on this thread, the others on new ones. */
	for (unsigned t = 1; t < threads; t++) {
		if (pthread_create(&tid[t], NULL, work, &w[t]) != 0) {
			status = err_set(e, NULL, 0, NULL, "cannot start a thread");
			break;
		}
		started = t;
	}
	if (status == 0)
		work(&w[0]);
	for (size_t t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	for (unsigned t = 0; t < threads && status == 0; t++) {
		if (w[t].oom) {
			status = err_set(e, NULL, 0, NULL, "out of memory");
			break;
		}
		rep->novalue += w[t].rep.novalue;
		if (w[t].rep.failed) {
			size_t before = rep->failed;

			rep->failed += w[t].rep.failed;
			if (before == 0 || w[t].rep.first_failed < rep->first_failed) {
				rep->first_failed = w[t].rep.first_failed;
				rep->first = w[t].rep.first;
			}
		}
	}
	free(w);
	free(tid);
	return status;
}
