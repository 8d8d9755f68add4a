/*
** gnuplot.h: running gnuplot scripts as child processes (fork, execvp, no
** shell) and quoting text for gnuplot scripts. The safety rule is in
** gnuplot.c, above gnuplot_quote.
*/
#ifndef DTSIM_GNUPLOT_H
#define DTSIM_GNUPLOT_H

#include <stddef.h>

/* How gnuplot_quote treats a control byte (below 0x20, or 0x7F). */
enum gnuplot_quoting {
	GNUPLOT_TEXT,  /* display text: each control byte becomes a space */
	GNUPLOT_PATH   /* a file name: a control byte is refused */
};

/* Writes s as a gnuplot double-quoted string literal into *out (owned by
** the caller, free()): letters, digits, space and . , - _ : / ( ) + as
** themselves, every other byte as an octal escape \ooo. Returns 0; -1 when
** s holds a control byte and how is GNUPLOT_PATH, or when out of memory
** (*out is then NULL). */
int gnuplot_quote(const char *s, enum gnuplot_quoting how, char **out);

/* The characters (UTF-8 sequences) of the text that q, a literal made by
** gnuplot_quote, holds: what gnuplot shows of it. */
size_t gnuplot_quoted_chars(const char *q);

/* One script to run: `PROGRAM -d -c SCRIPT ARG...` in directory dir. */
struct gnuplot_job {
	const char *dir;           /* working directory of the child */
	const char *script;        /* relative to dir; begins with "./" */
	const char *const *args;   /* ARG1, ARG2, ...; NULL-terminated */
	/* Filled by gnuplot_run (status, exec_errno and errtext also by
	** gnuplot_pool_start and gnuplot_pool_next): */
	int status;       /* exit status; 128 + signal; -1 when not run */
	int exec_errno;   /* the errno of a failed start (0: started) */
	char *errtext;    /* what the child wrote to stderr, owned; NULL if none */
	size_t marks;     /* the mark lines it wrote (see GNUPLOT_MARK) */
};

/* The most gnuplot processes gnuplot_run keeps running at once. */
#define GNUPLOT_MAX_PARALLEL 8

/*
** A script that draws several charts in one process tells when each is
** done by a line of its own on stderr: `print "\n" . GNUPLOT_MARK`, as
** gnuplot's print writes to stderr. The line cannot come from user text,
** which holds no newline and reaches gnuplot only escaped (gnuplot_quote).
*/
#define GNUPLOT_MARK "dtsim=chart-done"

/*
** Runs the n jobs, at most `parallel` at a time (0 is taken as 1, more than
** GNUPLOT_MAX_PARALLEL as that), with program (a name looked up in PATH, or
** a path). Each child has stdin and stdout on /dev/null; its stderr is kept
** in errtext (the mark lines left out; of a long text, the last 16 KiB). A
** program that is not found executable starts no job: every
** job gets status -1 and that errno. When a job cannot be started (exec or
** chdir fails), no further job is started: those get status -1 and the
** same exec_errno. Reaps only its own children. Returns 0, or -1 when
** the runner itself failed (no pipe, fork failed); the jobs not
** run then have status -1. Free the texts with gnuplot_jobs_clear.
*/
int gnuplot_run(struct gnuplot_job *jobs, size_t n, size_t parallel, const char *program);

/* Frees every errtext of the n jobs and sets them to NULL. */
void gnuplot_jobs_clear(struct gnuplot_job *jobs, size_t n);

/*
** The same one event at a time, for a caller that acts as each chart of a
** job is done (the caller owns the loop): a pool runs at most `parallel`
** jobs at once (as gnuplot_run). gnuplot_pool_new returns NULL when out
** of memory; gnuplot_pool_free(NULL) is a no-op, and it kills (SIGKILL)
** and reaps the children still running.
*/
struct gnuplot_pool;
struct gnuplot_pool *gnuplot_pool_new(const char *program, size_t parallel);
void gnuplot_pool_free(struct gnuplot_pool *p);

/* 1 when gnuplot_pool_start may start a job now: a slot is free and no
** start failed for want of the program. */
int gnuplot_pool_can_start(const struct gnuplot_pool *p);

/* Starts job (which must stay in place until its end is reported), its
** status -1 meanwhile. Returns 0; or -1 when it did not start: with
** job->exec_errno set when the program cannot be run (checked before the
** first start; no job starts after that), else with errno (no pipe, fork
** failed, no free slot). */
int gnuplot_pool_start(struct gnuplot_pool *p, struct gnuplot_job *job);

/* What gnuplot_pool_next reports: a mark line of job (ended 0; text is
** what it wrote to stderr before the mark, since its last mark), or the
** end of job (ended 1; its status and exec_errno are filled, text is what
** it wrote after its last mark). text is the caller's (free()), NULL when
** nothing was written. */
struct gnuplot_event {
	struct gnuplot_job *job;
	int ended;
	char *text;
};

/* Waits for the next event of a running job and fills ev. Returns 1; 0
** when no job runs; -1 (errno set) when waiting failed. */
int gnuplot_pool_next(struct gnuplot_pool *p, struct gnuplot_event *ev);

#endif
