/*
** mc.c: the runs of a Monte Carlo study of one scenario (mc.h): the
** measures of a run, the threads that take blocks of runs, the pilot of
** the binned percentiles, and merging results.
*/
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvout.h"
#include "engine.h"
#include "evstreams.h"
#include "mc.h"
#include "stream.h"

const enum outvar mc_core[MC_NCORE] = {
	OV_cash_eur, OV_workforce_skill, OV_legacy_share, OV_change_resistance,
	OV_service_maturity, OV_citizen_adoption, OV_om_share, OV_investment_eur,
	OV_savings_eur
};

const char *const mc_prob_names[MC_NPROB] = {
	"p_target_reached", "p_payback", "p_funding_gap", "p_resistance_above"
};

/* The width of the progress bar, in characters; how often it is drawn. */
#define MC_BAR_WIDTH 30
#define MC_PROGRESS_NS 250000000L

/* ---- measures ------------------------------------------------------------- */

void mc_shard_range(uint64_t runs, unsigned k, unsigned n, uint64_t *first, uint64_t *end)
{
	uint64_t nb = (runs + MC_BLOCK - 1) / MC_BLOCK;
	uint64_t b0 = nb * (k - 1) / n, b1 = nb * k / n;

	*first = b0 * MC_BLOCK;
	*end = b1 * MC_BLOCK < runs ? b1 * MC_BLOCK : runs;
	if (*first > *end)
		*first = *end;
}

/* The measures of a run: its KPIs k and its yearly rows s, into v. */
static void measures(const struct mc_result *r, const struct series *s, const struct summary *k,
                     double *v)
{
	for (size_t j = 0; j < KPI_COUNT; j++)
		v[MC_M_KPI(j)] = k->v[j];
	v[MC_M_PROB(MC_P_TARGET)] = !isnan(k->v[KPI_target_year])
	                            && k->v[KPI_target_year] <= r->target_by;
	v[MC_M_PROB(MC_P_PAYBACK)] = !isnan(k->v[KPI_payback_year]);
	v[MC_M_PROB(MC_P_FUNDING_GAP)] = k->v[KPI_total_funding_gap_eur] > 0;
	v[MC_M_PROB(MC_P_RESISTANCE)] = k->v[KPI_end_change_resistance] > r->st.resistance_above;
	for (size_t y = 0; y < r->nyears; y++)
		for (size_t c = 0; c < MC_NCORE; c++)
			v[MC_M_CORE(y, c)] = y < s->rows ? s->v[y * s->cols + mc_core[c]] : NAN;
}

/* The bins of the measures whose range the scenario fixes: calendar
** years within the horizon, counts of years, flags and probabilities;
** the others get none (bins.n 0) until the pilot. */
static void fixed_bins(struct mc_result *r)
{
	long y0 = r->start_year, y1 = r->start_year + (long)r->nyears - 1;

	for (size_t m = 0; m < r->nmeas; m++)
		r->bins[m] = (struct mcstat_bins){ 0, 0, 0, 0 };
	for (size_t k = 0; k < KPI_COUNT; k++) {
		const char *u = summary_kpis[k].unit;

		if (strcmp(u, "year") == 0)
			r->bins[MC_M_KPI(k)] = mcstat_bins_integer(y0, y1);
		else if (strcmp(u, "years") == 0)
			r->bins[MC_M_KPI(k)] = mcstat_bins_integer(0, (long)r->nyears);
		else if (strcmp(u, "flag") == 0)
			r->bins[MC_M_KPI(k)] = mcstat_bins_integer(0, 1);
	}
	for (size_t p = 0; p < MC_NPROB; p++)
		r->bins[MC_M_PROB(p)] = mcstat_bins_integer(0, 1);
}

int mc_runs_line(FILE *f, int partial, uint64_t r, const double *kpi)
{
	if (partial) {
		if (fprintf(f, "r %" PRIu64, r) < 0)
			return -1;
		for (size_t k = 0; k < KPI_COUNT; k++)
			if ((isnan(kpi[k]) ? fputs(" -", f) : fprintf(f, " %a", kpi[k])) < 0)
				return -1;
	} else {
		if (csvout_number(f, (double)r, 1) != 0)
			return -1;
		for (size_t k = 0; k < KPI_COUNT; k++)
			if (csvout_number(f, kpi[k], 0) != 0)
				return -1;
	}
	return fputc('\n', f) == EOF ? -1 : 0;
}

/* ---- results ----------------------------------------------------------------- */

void mc_result_free(struct mc_result *r)
{
	if (!r)
		return;
	for (size_t m = 0; r->acc && m < r->nmeas; m++)
		mcstat_acc_free(&r->acc[m]);
	free(r->acc);
	free(r->bins);
	free(r->shift);
	free(r->val);
	free(r->held);
	free(r->why);
	free(r->shards);
	free(r->id);
	free(r);
}

struct mc_result *mc_result_new(const char *id, long start_year, size_t nyears,
                                const struct mc_study *st, unsigned nshards)
{
	struct mc_result *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->id = strdup(id);
	r->start_year = start_year;
	r->nyears = nyears;
	r->st = *st;
	r->target_by = isnan(st->target_by) ? (double)(start_year + (long)nyears - 1)
	                                    : st->target_by;
	r->exact = st->runs <= st->exact_max;
	r->nmeas = KPI_COUNT + MC_NPROB + nyears * MC_NCORE;
	r->nshards = nshards;
	r->bins = calloc(r->nmeas, sizeof *r->bins);
	r->shift = calloc(r->nmeas, sizeof *r->shift);
	r->acc = calloc(r->nmeas, sizeof *r->acc);
	r->shards = calloc(nshards, 1);
	if (!r->id || !r->bins || !r->shift || !r->acc || !r->shards) {
		mc_result_free(r);
		return NULL;
	}
	fixed_bins(r);
	return r;
}

int mc_result_values(struct mc_result *r)
{
	size_t n = r->nmeas * (size_t)r->st.runs;

	if (!r->exact || r->val)
		return 0;
	r->val = malloc(n * sizeof *r->val + 1);
	r->held = calloc((size_t)r->st.runs + 1, 1);
	if (!r->val || !r->held) {
		free(r->val);
		free(r->held);
		r->val = NULL;
		r->held = NULL;
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		r->val[i] = NAN;
	return 0;
}

int mc_result_ready(struct mc_result *r)
{
	for (size_t m = 0; m < r->nmeas; m++)
		if (mcstat_acc_init(&r->acc[m], &r->bins[m]) != 0)
			return -1;
	return 0;
}

int mc_result_merge(struct mc_result *a, const struct mc_result *b, struct err *e)
{
	if (strcmp(a->id, b->id) != 0 || a->nyears != b->nyears || a->start_year != b->start_year
	    || a->st.runs != b->st.runs || a->st.seed != b->st.seed || a->nshards != b->nshards
	    || a->nmeas != b->nmeas)
		return err_set(e, NULL, 0, NULL, "%s: the results are of different studies", a->id);
	for (size_t m = 0; m < a->nmeas; m++)
		if (!mcstat_bins_equal(&a->bins[m], &b->bins[m])
		    || memcmp(&a->shift[m], &b->shift[m], sizeof a->shift[m]) != 0)
			return err_set(e, NULL, 0, NULL, "%s: the results have different bins", a->id);
	for (unsigned k = 0; k < a->nshards; k++)
		if (a->shards[k] && b->shards[k])
			return err_set(e, NULL, 0, NULL, "%s: shard %u/%u is given twice", a->id, k + 1,
			               a->nshards);
	for (size_t m = 0; m < a->nmeas; m++)
		mcstat_merge(&a->acc[m], &b->acc[m], &a->bins[m]);
	for (unsigned k = 0; k < a->nshards; k++)
		a->shards[k] |= b->shards[k];
	if (b->failed && (!a->failed || b->first_failed < a->first_failed)) {
		free(a->why);
		a->why = b->why ? strdup(b->why) : NULL;
		a->first_failed = b->first_failed;
	}
	a->failed += b->failed;
	if (b->val && mc_result_values(a) != 0)
		return err_set(e, NULL, 0, NULL, "out of memory");
	for (uint64_t i = 0; b->val && i < a->st.runs; i++) {
		if (!b->held[i])
			continue;
		a->held[i] = 1;
		for (size_t m = 0; m < a->nmeas; m++)
			a->val[m * a->st.runs + i] = b->val[m * b->st.runs + i];
	}
	return 0;
}

/* ---- the runs ------------------------------------------------------------------ */

/* What the threads of one pass share. */
struct job {
	const struct model_params *years;
	size_t nyears;
	const struct mc_draws *d;
	const uint64_t *id;         /* the stream ids, --independent applied */
	struct mc_result *r;
	const struct mc_opts *o;
	int pilot;                  /* 1: the pilot pass (values into pv) */
	double *pv;                 /* pilot: npilot x nmeas values */
	uint64_t first, end;        /* the runs of the pass */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint64_t next_block, end_block, first_block;
	uint64_t done;              /* runs finished */
	char **text;                /* runs lines of finished blocks not yet written */
	size_t *textlen;
	uint64_t next_text;         /* the next block (from first_block) to write */
	int write_failed;
	int oom;
};

/* One thread's workspace. */
struct worker {
	struct job *j;
	double u[MC_BLOCK], q[MC_BLOCK]; /* one parameter's draws in a block */
	pthread_t th;
	struct engine *en;
	struct series s;
	struct model_params *years;
	double *x, *v;              /* the block's draws and measures */
	unsigned char ok[MC_BLOCK]; /* run k of the block gave its measures */
	struct stream st;
	struct event_streams es;    /* the stochastic mode's */
	int es_held;
	struct mcstat_acc *acc;
	FILE *mem;                  /* the block's runs lines */
	char *membuf;
	size_t memlen;
	uint64_t failed, first_failed;
	char *why;
};

/* Draws the parameters of runs r0 to r1 - 1 (at most MC_BLOCK of them)
** into w->x, run k's at x[(k - r0) * n]. Parameter by parameter, so that
** one parameter's quantile table stays in the cache across the block's
** runs (run by run, the 82 tables of the default set, 1.6 MB, missed it
** on every draw), and its quantiles are taken together (mc_draws); each
** draw has its own stream, so the order changes no value. */
static void draw_block(struct worker *w, uint64_t r0, uint64_t r1)
{
	const struct job *j = w->j;
	const size_t n = j->d->n, m = (size_t)(r1 - r0);

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < m; k++) {
			stream_seed(&w->st, j->r->st.seed, r0 + k, j->id[i]);
			w->u[k] = stream_uniform(&w->st);
		}
		j->d->quantiles(j->d->ctx, i, w->u, w->q, m);
		for (size_t k = 0; k < m; k++)
			w->x[k * n + i] = w->q[k];
	}
}

/* Runs run r of the job in w with the draws x (draw_block); v gets its
** measures. Returns 0, or -1 with e when the run failed. */
static int one_run(struct worker *w, uint64_t r, const double *x, double *v, struct err *e)
{
	const struct job *j = w->j;
	struct summary k;

	if (w->es_held)
		event_streams_seed(&w->es, j->r->st.seed, r, j->d->sid);
	/* The thread's copy of the years was made once (worker_init): apply
	** sets everything a draw changes, from the draws alone. */
	if (j->d->n && j->d->apply(j->d->ctx, x, w->years, j->nyears) != 0)
		return err_set(e, NULL, 0, NULL, "the drawn values could not be applied");
	if (engine_run(w->en, w->years, j->nyears, &w->s, e) != 0)
		return -1;
	if (summary_compute(&w->s, &w->years[0], &k) != 0)
		return err_set(e, NULL, 0, NULL, "the run produced no rows");
	measures(j->r, &w->s, &k, v);
	return 0;
}

/* Hands the runs lines of block b (text, owned) to the job and writes
** every block that is next in order. Called with the lock held. */
static void put_text(struct job *j, uint64_t b, char *text, size_t len)
{
	uint64_t i = b - j->first_block;

	j->text[i] = text;
	j->textlen[i] = len;
	while (j->next_text < j->end_block - j->first_block && j->text[j->next_text]) {
		size_t n = j->textlen[j->next_text];

		if (n && fwrite(j->text[j->next_text], 1, n, j->o->runs_out) != n)
			j->write_failed = 1;
		free(j->text[j->next_text]);
		j->text[j->next_text] = NULL;
		j->next_text++;
	}
}

/* Adds the values of the block's good runs (ok[k] set; run k's
** measures at V[k * nmeas]) to the worker's statistics, measure by
** measure: one measure's bins stay in the cache across the block (run by
** run, the bins of all the measures, 32 KiB each, did not). Each
** measure's values are added in run order as before, so no bit changes. */
static void add_block(struct worker *w, size_t nruns, uint64_t r0)
{
	struct mc_result *r = w->j->r;
	const size_t nm = r->nmeas;

	for (size_t m = 0; m < nm; m++) {
		struct mcstat_acc *a = &w->acc[m];
		const struct mcstat_bins *bins = &r->bins[m];
		const double shift = r->shift[m];
		double b1 = 0, b2 = 0;

		for (size_t k = 0; k < nruns; k++) {
			double x;

			if (!w->ok[k])
				continue;
			x = w->v[k * nm + m];
			mcstat_add(a, bins, x);
			if (!isnan(x)) {
				double dx = x - shift;

				b1 += dx;
				b2 += dx * dx;
			}
			if (r->exact)
				r->val[m * r->st.runs + r0 + k] = x;
		}
		mcstat_add_block(a, b1, b2);
	}
	if (r->exact)
		for (size_t k = 0; k < nruns; k++)
			if (w->ok[k])
				r->held[r0 + k] = 1;
}

/* Runs the runs of block b. */
static void run_block(struct worker *w, uint64_t b)
{
	struct job *j = w->j;
	struct mc_result *r = j->r;
	const size_t nm = r->nmeas;
	uint64_t r0 = b * MC_BLOCK, r1 = r0 + MC_BLOCK;
	char *text = NULL;
	size_t len = 0;
	int bad_line = 0;

	r0 = r0 > j->first ? r0 : j->first;
	r1 = r1 < j->end ? r1 : j->end;
	if (w->mem)
		fseeko(w->mem, 0, SEEK_SET);
	draw_block(w, r0, r1);
	for (uint64_t i = r0; i < r1; i++) {
		double *v = w->v + (i - r0) * nm;
		struct err e;

		err_clear(&e);
		w->ok[i - r0] = 0;
		if (one_run(w, i, w->x + (i - r0) * j->d->n, v, &e) != 0) {
			if (j->pilot) {
				for (size_t m = 0; m < nm; m++)
					j->pv[i * nm + m] = NAN;
			} else if (!w->failed++ || i < w->first_failed) {
				w->first_failed = i;
				free(w->why);
				w->why = strdup(e.msg);
			}
			continue;
		}
		if (j->pilot) {
			memcpy(j->pv + i * nm, v, nm * sizeof *v);
			continue;
		}
		w->ok[i - r0] = 1;
		if (w->mem && mc_runs_line(w->mem, j->o->runs_partial, i, v) != 0)
			bad_line = 1;
	}
	if (!j->pilot)
		add_block(w, (size_t)(r1 - r0), r0);
	if (w->mem) {
		fflush(w->mem);
		len = (size_t)ftello(w->mem);
		text = malloc(len + 1);
		if (text)
			memcpy(text, w->membuf, len);
	}
	pthread_mutex_lock(&j->mu);
	j->done += r1 - r0;
	j->write_failed |= bad_line;
	if (w->mem) {
		if (!text)
			j->oom = 1;
		put_text(j, b, text ? text : calloc(1, 1), text ? len : 0);
	}
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct job *j = w->j;

	for (;;) {
		uint64_t b;

		pthread_mutex_lock(&j->mu);
		b = j->next_block++;
		pthread_mutex_unlock(&j->mu);
		if (b >= j->end_block)
			return NULL;
		run_block(w, b);
	}
}

static void worker_free(struct worker *w)
{
	engine_free(w->en);
	series_free(&w->s);
	free(w->years);
	free(w->x);
	free(w->v);
	stream_release(&w->st);
	if (w->es_held)
		event_streams_release(&w->es);
	for (size_t m = 0; w->acc && m < w->j->r->nmeas; m++)
		mcstat_acc_free(&w->acc[m]);
	free(w->acc);
	if (w->mem)
		fclose(w->mem);
	free(w->membuf);
	free(w->why);
}

static int worker_init(struct worker *w, struct job *j)
{
	size_t nm = j->r->nmeas;

	memset(w, 0, sizeof *w);
	w->j = j;
	w->en = engine_new();
	w->years = malloc(j->nyears * sizeof *w->years);
	w->x = malloc((MC_BLOCK * j->d->n + 1) * sizeof *w->x);
	w->v = malloc(MC_BLOCK * nm * sizeof *w->v);
	w->acc = calloc(nm, sizeof *w->acc);
	if (!w->en || !w->years || !w->x || !w->v || !w->acc
	    || stream_init(&w->st) != 0)
		return -1;
	memcpy(w->years, j->years, j->nyears * sizeof *w->years);
	w->years[0].sim_report_step = 1;
	if (j->r->st.stochastic) {
		if (event_streams_init(&w->es) != 0)
			return -1;
		w->es_held = 1;
		engine_set_draws(w->en, &w->es.rng);
	}
	for (size_t m = 0; !j->pilot && m < nm; m++)
		if (mcstat_acc_init(&w->acc[m], &j->r->bins[m]) != 0)
			return -1;
	if (!j->pilot && j->o->runs_out && !(w->mem = open_memstream(&w->membuf, &w->memlen)))
		return -1;
	return 0;
}

/* Draws the progress bar of the job (done of its runs) on o->progress. */
static void draw_progress(const struct job *j, uint64_t done, const struct timespec *t0)
{
	uint64_t total = j->end - j->first;
	struct timespec now;
	double el, frac = total ? (double)done / (double)total : 1;
	char bar[MC_BAR_WIDTH + 1];
	size_t fill = (size_t)(frac * MC_BAR_WIDTH);

	clock_gettime(CLOCK_MONOTONIC, &now);
	el = (double)(now.tv_sec - t0->tv_sec) + 1e-9 * (double)(now.tv_nsec - t0->tv_nsec);
	memset(bar, '#', fill);
	memset(bar + fill, '.', MC_BAR_WIDTH - fill);
	bar[MC_BAR_WIDTH] = '\0';
	fprintf(j->o->progress, "\rdtsim: mc %s%s [%s] %3.0f%% %" PRIu64 "/%" PRIu64 " runs",
	        j->o->label ? j->o->label : "", j->pilot ? " (pilot)" : "", bar, 100 * frac,
	        done, total);
	if (done > 0 && done < total)
		fprintf(j->o->progress, ", about %.0f s left ", el / (double)done
		        * (double)(total - done));
	else
		fputs("                 ", j->o->progress);
	fflush(j->o->progress);
}

/*
** Runs the runs [first, end) of j on o->threads threads; the main thread
** draws the progress bar meanwhile. In the main pass the workers'
** accumulators and failures are added into j->r. Returns 0, or -1 with e.
*/
static int run_pass(struct job *j, struct err *e)
{
	unsigned nt = j->o->threads, started = 0;
	struct worker *w = calloc(nt, sizeof *w);
	uint64_t nblocks;
	int rc = 0;

	j->first_block = j->first / MC_BLOCK;
	j->end_block = j->end > j->first ? (j->end + MC_BLOCK - 1) / MC_BLOCK : j->first_block;
	j->next_block = j->first_block;
	nblocks = j->end_block - j->first_block;
	j->done = 0;
	j->next_text = 0;
	j->text = NULL;
	j->textlen = NULL;
	if (!w || ((j->text = calloc(nblocks + 1, sizeof *j->text)) == NULL)
	    || ((j->textlen = calloc(nblocks + 1, sizeof *j->textlen)) == NULL)) {
		free(w);
		free(j->text);
		free(j->textlen);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	for (unsigned t = 0; t < nt; t++) {
		if (worker_init(&w[t], j) != 0) {
			rc = err_set(e, NULL, 0, NULL, "out of memory");
			break;
		}
	}
	for (unsigned t = 0; rc == 0 && t < nt; t++) {
		int err = pthread_create(&w[t].th, NULL, work, &w[t]);

		if (err) {
			rc = err_set(e, NULL, 0, NULL, "cannot start a thread: %s", strerror(err));
			/* The threads started take every block. */
			break;
		}
		started++;
	}
	if (j->o->progress && started) {
		struct timespec t0;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		pthread_mutex_lock(&j->mu);
		while (j->done < j->end - j->first) {
			struct timespec until;
			uint64_t done = j->done;

			pthread_mutex_unlock(&j->mu);
			draw_progress(j, done, &t0);
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += MC_PROGRESS_NS;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_mutex_lock(&j->mu);
			if (j->done < j->end - j->first)
				pthread_cond_timedwait(&j->cv, &j->mu, &until);
		}
		pthread_mutex_unlock(&j->mu);
		draw_progress(j, j->end - j->first, &t0);
		fputc('\n', j->o->progress);
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(w[t].th, NULL);
	if (rc == 0 && (j->oom || j->write_failed))
		rc = err_set(e, NULL, 0, NULL, j->oom ? "out of memory"
		             : "cannot write the runs' lines: %s", strerror(errno));
	for (unsigned t = 0; rc == 0 && !j->pilot && t < nt; t++) {
		struct mc_result *r = j->r;

		for (size_t m = 0; m < r->nmeas; m++)
			mcstat_merge(&r->acc[m], &w[t].acc[m], &r->bins[m]);
		if (w[t].failed && (!r->failed || w[t].first_failed < r->first_failed)) {
			free(r->why);
			r->why = w[t].why ? strdup(w[t].why) : NULL;
			r->first_failed = w[t].first_failed;
		}
		r->failed += w[t].failed;
	}
	for (unsigned t = 0; t < nt; t++)
		worker_free(&w[t]);
	for (uint64_t b = 0; b < nblocks; b++)
		free(j->text[b]);
	free(j->text);
	free(j->textlen);
	free(w);
	pthread_cond_destroy(&j->cv);
	pthread_mutex_destroy(&j->mu);
	return rc;
}

/* The scenario's own run, without draws: its measures are the shifts of
** the sums (0 where it has none). Returns 0, or -1 with e. */
static int base_run(struct mc_result *r, const struct model_params *years, size_t nyears,
                    struct err *e)
{
	struct model_params *y = malloc(nyears * sizeof *y);
	struct engine *en = engine_new();
	struct series s = { 0, 0, NULL };
	struct summary k;
	int rc = -1;

	if (!y || !en) {
		err_set(e, NULL, 0, NULL, "out of memory");
	} else {
		memcpy(y, years, nyears * sizeof *y);
		y[0].sim_report_step = 1;
		if (engine_run(en, y, nyears, &s, e) == 0) {
			if (summary_compute(&s, &y[0], &k) != 0) {
				err_set(e, NULL, 0, NULL, "the run produced no rows");
			} else {
				measures(r, &s, &k, r->shift);
				for (size_t m = 0; m < r->nmeas; m++)
					if (isnan(r->shift[m]))
						r->shift[m] = 0;
				rc = 0;
			}
		}
	}
	series_free(&s);
	engine_free(en);
	free(y);
	return rc;
}

int mc_run(const char *id, const struct model_params *years, size_t nyears,
           const struct mc_study *st, const struct mc_draws *d, const struct mc_opts *o,
           struct mc_result **out, struct err *e)
{
	struct mc_result *r;
	struct job j;
	int rc;

	*out = NULL;
	r = mc_result_new(id, lround(years[0].sim_start_year), nyears, st, o->nshards);
	if (!r)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (base_run(r, years, nyears, e) != 0) {
		mc_result_free(r);
		return -1;
	}
	memset(&j, 0, sizeof j);
	j.years = years;
	j.nyears = nyears;
	j.d = d;
	j.id = d->id;
	j.r = r;
	j.o = o;
	if (!r->exact) {
		/* The pilot: the first runs of the study, whatever the shard. */
		uint64_t np = st->runs < MCSTAT_PILOT_RUNS ? st->runs : MCSTAT_PILOT_RUNS;

		j.pilot = 1;
		j.first = 0;
		j.end = np;
		j.pv = malloc((size_t)np * r->nmeas * sizeof *j.pv + 1);
		if (!j.pv || run_pass(&j, e) != 0) {
			if (!j.pv)
				err_set(e, NULL, 0, NULL, "out of memory");
			free(j.pv);
			mc_result_free(r);
			return -1;
		}
		for (size_t m = 0; m < r->nmeas; m++)
			if (r->bins[m].n == 0)
				r->bins[m] = mcstat_bins_pilot(j.pv + m, (size_t)np, r->nmeas);
		free(j.pv);
		j.pv = NULL;
		j.pilot = 0;
	}
	if (mc_result_ready(r) != 0 || mc_result_values(r) != 0) {
		mc_result_free(r);
		return err_set(e, NULL, 0, NULL, "out of memory");
	}
	mc_shard_range(st->runs, o->shard, o->nshards, &j.first, &j.end);
	r->shards[o->shard - 1] = 1;
	rc = run_pass(&j, e);
	if (rc != 0) {
		mc_result_free(r);
		return -1;
	}
	*out = r;
	return 0;
}
