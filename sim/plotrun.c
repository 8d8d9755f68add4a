/*
** plotrun.c: running the chart scripts (plotrun.h).
**
** Each chart script runs as `call "./<chart>.gp" FORMATS TMP` in DIR/plots,
** TMP a name in a new private directory, DIR/plots/.dtsim-XXXXXX
** (resdir_tempdir): nobody else can have put a file or a link there, and a
** signal removes it with what is in it (cleanup.h). Starting gnuplot and
** loading its fonts costs more than many a chart, so one gnuplot process
** draws a batch of charts, one after another: it runs a batch script
** written into the private directory (batch-<first chart>.gp), which
** calls each chart's script in a fresh session (reset session: no
** variable or setting of one chart reaches the next) and prints a mark
** line after it (GNUPLOT_MARK). At each mark the chart that gnuplot drew
** is renamed into DIR/plots (a rename replaces a link there, never writes
** through it), and the progress line counts it. A chart that fails ends
** its process (gnuplot stops at an error): it is reported with gnuplot's
** message, and the charts after it in its batch go to a new process. What
** a failed chart left is removed with the directory.
*/
#include <errno.h>
#include <dirent.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "gnuplot.h"
#include "plotrun.h"
#include "resdir.h"

/* The message is formatted into the record's err (msg only: no file or
** line, since the chart's path is in the text). */
void plotrun_issue(struct plot_report *rep, int warning, const char *fmt, ...)
{
	struct plot_issue *grown;
	va_list ap;

	if (!warning)
		rep->failed++;
	grown = realloc(rep->issue, (rep->nissue + 1) * sizeof *grown);
	if (!grown)
		return;
	rep->issue = grown;
	grown = &rep->issue[rep->nissue++];
	grown->warning = warning;
	va_start(ap, fmt);
	err_setv(&grown->e, NULL, 0, NULL, fmt, ap);
	va_end(ap);
}

/* A new file name name.ext (not a path), owned by the caller; NULL when
** out of memory. */
static char *dotted(const char *name, const char *ext)
{
	size_t len = strlen(name) + strlen(ext) + 2;
	char *s = malloc(len);

	if (s)
		snprintf(s, len, "%s.%s", name, ext);
	return s;
}

/* The last non-blank line of text (gnuplot's message names the script
** line and what is wrong), copied into buf. */
static void last_line(const char *text, char *buf, size_t len)
{
	const char *end, *start;

	buf[0] = '\0';
	if (!text)
		return;
	end = text + strlen(text);
	while (end > text && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\r'))
		end--;
	start = end;
	while (start > text && start[-1] != '\n')
		start--;
	snprintf(buf, len, "%.*s", (int)(end - start), start);
}

/* ---- one drawing ------------------------------------------------------------ */

/* A run of charts first..first + count - 1 that one gnuplot process draws;
** done of them are finished. */
struct segment {
	size_t first, count, done;
	struct gnuplot_job job;
	char *script;         /* ./.dtsim-XXXXXX/batch-<first>.gp */
};

/* The state of plotrun_charts. */
struct run {
	const struct plotrun_batch *b;
	struct plot_report *rep;
	char *tmpdir;         /* DIR/plots/.dtsim-XXXXXX */
	char *tmpbase;        /* ./.dtsim-XXXXXX, as gnuplot sees it in DIR/plots */
	char **outs;          /* chart i's files: outs[i * next .. + next) */
	size_t nout;          /* n * next chart files, then n batch scripts */
	struct segment *seg;  /* the batches, started and queued */
	size_t nseg, started;
	size_t finished;      /* charts reported */
	int reported_exec;    /* charts gnuplot could not start for */
	int progress_shown;
};

/* Writes the progress line (charts finished of all) when asked for. */
static void progress(struct run *r)
{
	if (!r->b->progress)
		return;
	fprintf(r->b->progress, "\rdtsim: charts %zu/%zu", r->finished, r->b->n);
	fflush(r->b->progress);
	r->progress_shown = 1;
}

/*
** Chart i is finished: gnuplot ended it with status (-1: not run) and
** exec_errno, writing text to stderr. Renames its files from the private
** directory into place when it was drawn, and records in rep what failed
** or what gnuplot warned about. Only the first chart that gnuplot could
** not start for is reported at length.
*/
static void chart_done(struct run *r, size_t i, int status, int exec_errno, const char *text)
{
	const struct plotrun_batch *b = r->b;
	int ok = status == 0 && !exec_errno;
	char msg[512];

	last_line(text, msg, sizeof msg);
	for (size_t k = 0; k < b->next; k++) {
		const char *out = r->outs[i * b->next + k];
		char *from = resdir_join(r->tmpdir, out, "");
		char *to = resdir_join(b->plots, out, "");

		if (ok && (!from || !to)) {
			ok = 0;
			snprintf(msg, sizeof msg, "out of memory");
		} else if (ok && rename(from, to) != 0) {
			ok = 0;
			snprintf(msg, sizeof msg, "gnuplot wrote no %s file (%s)", b->ext[k],
			         strerror(errno));
		}
		free(from);
		free(to);
	}
	if (exec_errno) {
		if (!r->reported_exec++)
			plotrun_issue(r->rep, 0, "chart %s/%s: cannot run gnuplot ('%s'): %s;"
			              " install gnuplot (Debian: gnuplot-nox) or set DTSIM_GNUPLOT",
			              b->plots, b->names[i], b->program, strerror(exec_errno));
		else
			r->rep->failed++;
	} else if (status < 0) {
		r->rep->failed++;
	} else if (!ok) {
		plotrun_issue(r->rep, 0, "chart %s/%s: gnuplot failed (exit status %d): %s",
		              b->plots, b->names[i], status, msg[0] ? msg : "no message");
	} else if (msg[0]) {
		plotrun_issue(r->rep, 1, "chart %s/%s: gnuplot: %s", b->plots, b->names[i], msg);
	}
	r->finished++;
	progress(r);
}

/* Writes s's batch script: each chart's script called in a fresh session,
** its output closed, then the mark. Returns 0, or -1 (errno set). */
static int segment_script(struct run *r, struct segment *s)
{
	const struct plotrun_batch *b = r->b;
	char *path = resdir_join(r->tmpdir, r->outs[r->b->n * b->next + s->first], "");
	char *qformats = NULL;
	FILE *f = NULL;
	int rc = -1, saved = ENOMEM;

	if (!path || gnuplot_quote(b->formats, GNUPLOT_PATH, &qformats) != 0)
		goto done;
	if (!(f = fopen(path, "w"))) {
		saved = errno;
		goto done;
	}
	fprintf(f, "# Charts %zu to %zu of %zu, drawn by one gnuplot process;"
	        " written and removed by dtsim.\n", s->first + 1, s->first + s->count, b->n);
	for (size_t i = s->first; i < s->first + s->count; i++) {
		char *script = resdir_join(".", b->names[i], ".gp");
		char *out = resdir_join(r->tmpbase, b->names[i], "");
		char *qs = NULL, *qo = NULL;
		int bad = !script || !out || gnuplot_quote(script, GNUPLOT_PATH, &qs) != 0
		          || gnuplot_quote(out, GNUPLOT_PATH, &qo) != 0;

		if (!bad)
			fprintf(f, "reset session\ncall %s %s %s\nunset output\nprint \"\\n%s\"\n",
			        qs, qformats, qo, GNUPLOT_MARK);
		free(script);
		free(out);
		free(qs);
		free(qo);
		if (bad)
			goto done;
	}
	if (fclose(f) != 0) {
		f = NULL;
		saved = errno;
		goto done;
	}
	f = NULL;
	s->script = resdir_join(r->tmpbase, r->outs[r->b->n * b->next + s->first], "");
	rc = s->script ? 0 : -1;
done:
	if (f)
		fclose(f);
	free(path);
	free(qformats);
	if (rc != 0)
		errno = saved;
	return rc;
}

/* Queues charts first..first + count - 1 as a new segment. */
static void segment_add(struct run *r, size_t first, size_t count)
{
	struct segment *s = &r->seg[r->nseg++];

	memset(s, 0, sizeof *s);
	s->first = first;
	s->count = count;
	s->job.status = -1;
}

/* Finishes the charts of s from its done on with status and exec_errno,
** the first of them with text. */
static void segment_fail_rest(struct run *r, struct segment *s, int status, int exec_errno,
                              const char *text)
{
	for (; s->done < s->count; s->done++) {
		chart_done(r, s->first + s->done, status, exec_errno, text);
		text = NULL;
	}
}

/*
** Starts the queued segments while the pool has room. A segment that
** cannot start is finished as failed: when the program cannot be run, it
** and every queued one (reported once); when a script cannot be written
** or a fork fails, it alone, with the reason.
*/
static void start_segments(struct run *r, struct gnuplot_pool *pool)
{
	while (r->started < r->nseg && gnuplot_pool_can_start(pool)) {
		struct segment *s = &r->seg[r->started++];

		s->job.dir = r->b->plots;
		if (segment_script(r, s) != 0) {
			plotrun_issue(r->rep, 0, "chart %s/%s: cannot write its batch script: %s",
			              r->b->plots, r->b->names[s->first], strerror(errno));
			s->done = 1;
			r->finished++;
			segment_fail_rest(r, s, -1, 0, NULL);
			continue;
		}
		s->job.script = s->script;
		if (gnuplot_pool_start(pool, &s->job) == 0)
			continue;
		if (s->job.exec_errno) {
			for (size_t k = r->started - 1; k < r->nseg; k++)
				segment_fail_rest(r, &r->seg[k], -1, s->job.exec_errno, NULL);
			r->started = r->nseg;
		} else {
			plotrun_issue(r->rep, 0, "chart %s/%s: cannot start gnuplot: %s",
			              r->b->plots, r->b->names[s->first], strerror(errno));
			s->done = 1;
			r->finished++;
			segment_fail_rest(r, s, -1, 0, NULL);
		}
	}
}

/*
** An event of segment s's process: a mark finishes its next chart; its
** end finishes what is left: when gnuplot exited with 0, every chart left
** was drawn (a gnuplot that prints no marks); else the next chart failed
** with gnuplot's message, and the charts after it are queued again.
*/
static void segment_event(struct run *r, struct segment *s, const struct gnuplot_event *ev)
{
	if (!ev->ended) {
		if (s->done < s->count)
			chart_done(r, s->first + s->done++, 0, 0, ev->text);
		return;
	}
	if (s->job.exec_errno || s->job.status == 0 || s->done == s->count) {
		segment_fail_rest(r, s, s->job.status, s->job.exec_errno, ev->text);
		return;
	}
	chart_done(r, s->first + s->done++, s->job.status, 0, ev->text);
	if (s->done < s->count)
		segment_add(r, s->first + s->done, s->count - s->done);
	s->count = s->done;
}

/* The segment whose job is job. */
static struct segment *segment_of(struct run *r, const struct gnuplot_job *job)
{
	for (size_t k = 0; k < r->started; k++)
		if (&r->seg[k].job == job)
			return &r->seg[k];
	return NULL;
}

/* The number of batches for n charts and parallel processes: enough to
** keep every process busy, each of at most PLOTRUN_BATCH_MAX charts. */
static size_t batches_for(size_t n, size_t parallel)
{
	size_t nb = (n + PLOTRUN_BATCH_MAX - 1) / PLOTRUN_BATCH_MAX;

	if (nb < parallel)
		nb = parallel;
	return nb < n ? nb : n;
}

/* Removes every file in the private directory, then the directory. */
static void remove_tmpdir(const char *tmpdir)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL) {
		char *p;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((p = resdir_join(tmpdir, de->d_name, "")) != NULL)
			unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(tmpdir);
}

/* Runs the segments, reporting each chart as it is finished. */
static void run_segments(struct run *r, size_t parallel)
{
	struct gnuplot_pool *pool = gnuplot_pool_new(r->b->program, parallel);
	struct gnuplot_event ev;
	int got;

	if (!pool) {
		plotrun_issue(r->rep, 0, "charts in %s: out of memory", r->b->plots);
		r->rep->failed += r->b->n - 1;
		return;
	}
	for (;;) {
		start_segments(r, pool);
		if ((got = gnuplot_pool_next(pool, &ev)) <= 0)
			break;
		segment_event(r, segment_of(r, ev.job), &ev);
		free(ev.text);
	}
	if (got < 0)
		plotrun_issue(r->rep, 0, "charts in %s: cannot wait for gnuplot: %s", r->b->plots,
		              strerror(errno));
	/* Whatever still runs is killed; its charts count as failed. */
	gnuplot_pool_free(pool);
	for (size_t k = 0; k < r->nseg; k++)
		for (; r->seg[k].done < r->seg[k].count; r->seg[k].done++)
			r->rep->failed++;
}

/*
** Makes the private directory (registered for the signal handler from the
** moment it exists, with the names outs[0..nout) that gnuplot and the
** batch scripts may have there), runs the batches b->jobs at a time (at
** most PLOTRUN_MAX_JOBS) and puts what each chart drew into place; then
** removes what is left and the directory.
*/
void plotrun_charts(const struct plotrun_batch *b, struct plot_report *rep)
{
	struct run r;
	size_t parallel = b->jobs, nb, per, nout = 0;
	int slot = -1;
	sigset_t old;
	struct err e;
	char name[64];

	memset(&r, 0, sizeof r);
	r.b = b;
	r.rep = rep;
	if (b->n == 0)
		return;
	r.outs = calloc(b->n * (b->next + 1), sizeof *r.outs);
	r.seg = calloc(2 * b->n, sizeof *r.seg);
	if (!r.outs || !r.seg) {
		plotrun_issue(rep, 0, "charts in %s: out of memory", b->plots);
		goto done;
	}
	/* The files gnuplot makes are CHART.FMT (terminal.gp: out . '.' . fmt);
	** the batch scripts are named by their first chart. */
	for (size_t i = 0; i < b->n; i++)
		for (size_t k = 0; k < b->next; k++)
			if (!(r.outs[nout++] = dotted(b->names[i], b->ext[k]))) {
				plotrun_issue(rep, 0, "charts in %s: out of memory", b->plots);
				goto done;
			}
	for (size_t i = 0; i < b->n; i++) {
		snprintf(name, sizeof name, "batch-%zu", i);
		if (!(r.outs[nout++] = dotted(name, "gp"))) {
			plotrun_issue(rep, 0, "charts in %s: out of memory", b->plots);
			goto done;
		}
	}
	r.nout = nout;
	err_clear(&e);
	cleanup_block(&old);
	if (resdir_tempdir(b->plots, &r.tmpdir, &e) == 0)
		slot = cleanup_add_dir(r.tmpdir, (const char *const *)r.outs, nout);
	cleanup_restore(&old);
	if (!r.tmpdir) {
		rep->charts += b->n;
		rep->failed += b->n - 1;
		plotrun_issue(rep, 0, "charts in %s: %s", b->plots, e.msg);
		goto done;
	}
	if (parallel == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		parallel = cpus > 0 ? (size_t)cpus : 1;
	}
	if (parallel > PLOTRUN_MAX_JOBS)
		parallel = PLOTRUN_MAX_JOBS;
	/* gnuplot runs in DIR/plots: the output base is ./.dtsim-XXXXXX/CHART. */
	if (!(r.tmpbase = resdir_join(".", strrchr(r.tmpdir, '/') + 1, ""))) {
		plotrun_issue(rep, 0, "charts in %s: out of memory", b->plots);
		goto done;
	}
	/* Batches of consecutive charts (a scenario's are together), as even
	** as the division allows. */
	nb = batches_for(b->n, parallel);
	per = (b->n + nb - 1) / nb;
	for (size_t first = 0; first < b->n; first += per)
		segment_add(&r, first, first + per <= b->n ? per : b->n - first);
	progress(&r);
	run_segments(&r, parallel);
	if (r.progress_shown)
		fputc('\n', b->progress);
done:
	if (r.tmpdir) {
		/* What a failed chart left, the batch scripts, then the directory. */
		remove_tmpdir(r.tmpdir);
		cleanup_drop_dir(slot);
	}
	for (size_t k = 0; r.seg && k < r.nseg; k++)
		free(r.seg[k].script);
	for (size_t j = 0; r.outs && j < nout; j++)
		free(r.outs[j]);
	free(r.outs);
	free(r.seg);
	free(r.tmpdir);
	free(r.tmpbase);
}
