/*
** plotrun.c: running the chart scripts (plotrun.h).
**
** dtsim runs `gnuplot -d -c ./<chart>.gp FORMATS TMP` in DIR/plots, TMP a
** name in a new private directory, DIR/plots/.dtsim-XXXXXX (resdir_tempdir):
** nobody else can have put a file or a link there, and a signal removes it
** with what is in it (cleanup.h). Each chart that gnuplot drew is then
** renamed into DIR/plots (a rename replaces a link there, never writes
** through it); what a failed chart left is removed with the directory.
*/
#include <errno.h>
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

/*
** Renames chart i's files (outs[j..j + b->next)) from tmpdir into place
** once gnuplot has run it, and records in rep what failed or what gnuplot
** warned about. *reported_exec counts the charts that gnuplot could not
** start for: only the first is reported at length. Advances *j.
*/
static void chart_done(const struct plotrun_batch *b, size_t i, const struct gnuplot_job *job,
                       const char *tmpdir, char *const *outs, size_t *j, int *reported_exec,
                       struct plot_report *rep)
{
	const char *program = b->program;
	int ok = job->status == 0 && !job->exec_errno;
	char msg[512];

	last_line(job->errtext, msg, sizeof msg);
	for (size_t k = 0; k < b->next; k++) {
		char *from = resdir_join(tmpdir, outs[*j], "");
		char *to = resdir_join(b->plots, outs[*j], "");

		(*j)++;
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
	if (job->exec_errno) {
		if (!(*reported_exec)++)
			plotrun_issue(rep, 0, "chart %s/%s: cannot run gnuplot ('%s'): %s;"
			              " install gnuplot (Debian: gnuplot-nox) or set DTSIM_GNUPLOT",
			              b->plots, b->names[i], program, strerror(job->exec_errno));
		else
			rep->failed++;
	} else if (job->status < 0) {
		rep->failed++;
	} else if (!ok) {
		plotrun_issue(rep, 0, "chart %s/%s: gnuplot failed (exit status %d): %s",
		              b->plots, b->names[i], job->status, msg[0] ? msg : "no message");
	} else if (msg[0]) {
		plotrun_issue(rep, 1, "chart %s/%s: gnuplot: %s", b->plots, b->names[i], msg);
	}
}

/*
** Makes the private directory (registered for the signal handler from the
** moment it exists, with the names outs[0..nout) gnuplot may write there),
** runs the jobs b->jobs at a time (at most PLOTRUN_MAX_JOBS) and puts what
** each drew into place; then removes what is left and the directory.
*/
void plotrun_charts(const struct plotrun_batch *b, struct plot_report *rep)
{
	size_t n = b->n ? b->n : 1, nout = 0, done = 0;
	struct gnuplot_job *jobs = calloc(n, sizeof *jobs);
	char **scripts = calloc(n, sizeof *scripts);
	char **tmps = calloc(n, sizeof *tmps);
	char **outs = calloc(n * (b->next ? b->next : 1), sizeof *outs);
	const char *(*args)[3] = calloc(n, sizeof *args);
	char *tmpdir = NULL, *tmpbase = NULL;
	size_t parallel = b->jobs;
	int reported_exec = 0, slot = -1;
	sigset_t old;
	struct err e;

	if (!jobs || !scripts || !tmps || !outs || !args) {
		plotrun_issue(rep, 0, "charts in %s: out of memory", b->plots);
		goto done;
	}
	/* The files gnuplot makes are CHART.FMT (terminal.gp: out . '.' . fmt). */
	for (size_t i = 0; i < b->n; i++)
		for (size_t k = 0; k < b->next; k++)
			if (!(outs[nout++] = dotted(b->names[i], b->ext[k]))) {
				plotrun_issue(rep, 0, "charts in %s: out of memory", b->plots);
				goto done;
			}
	err_clear(&e);
	cleanup_block(&old);
	if (resdir_tempdir(b->plots, &tmpdir, &e) == 0)
		slot = cleanup_add_dir(tmpdir, (const char *const *)outs, nout);
	cleanup_restore(&old);
	if (!tmpdir) {
		rep->charts += b->n;
		rep->failed += b->n ? b->n - 1 : 0;
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
	if (!(tmpbase = resdir_join(".", strrchr(tmpdir, '/') + 1, ""))) {
		plotrun_issue(rep, 0, "charts in %s: out of memory", b->plots);
		goto done;
	}
	for (size_t i = 0; i < b->n; i++) {
		scripts[i] = resdir_join(".", b->names[i], ".gp");
		tmps[i] = resdir_join(tmpbase, b->names[i], "");
		if (!scripts[i] || !tmps[i]) {
			plotrun_issue(rep, 0, "charts in %s: out of memory", b->plots);
			goto done;
		}
		args[i][0] = b->formats;
		args[i][1] = tmps[i];
		args[i][2] = NULL;
		jobs[i].dir = b->plots;
		jobs[i].script = scripts[i];
		jobs[i].args = args[i];
	}
	if (gnuplot_run(jobs, b->n, parallel, b->program) != 0)
		plotrun_issue(rep, 0, "charts in %s: cannot start gnuplot: %s", b->plots,
		              strerror(errno));
	for (size_t i = 0; i < b->n; i++)
		chart_done(b, i, &jobs[i], tmpdir, outs, &done, &reported_exec, rep);
done:
	if (tmpdir) {
		/* What a failed chart left, then the directory. */
		for (size_t j = 0; j < nout; j++) {
			char *p = outs[j] ? resdir_join(tmpdir, outs[j], "") : NULL;

			if (p)
				unlink(p);
			free(p);
		}
		rmdir(tmpdir);
		cleanup_drop_dir(slot);
	}
	if (jobs)
		gnuplot_jobs_clear(jobs, b->n);
	for (size_t i = 0; i < b->n; i++) {
		if (scripts)
			free(scripts[i]);
		if (tmps)
			free(tmps[i]);
	}
	for (size_t j = 0; outs && j < nout; j++)
		free(outs[j]);
	free(outs);
	free(tmpdir);
	free(tmpbase);
	free(jobs);
	free(scripts);
	free(tmps);
	free(args);
}
