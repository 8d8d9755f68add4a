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
	/* Filled by gnuplot_run: */
	int status;       /* exit status; 128 + signal; -1 when not run */
	int exec_errno;   /* the errno of a failed start (0: started) */
	char *errtext;    /* what the child wrote to stderr, owned; NULL if none */
};

/* The most gnuplot processes gnuplot_run keeps running at once. */
#define GNUPLOT_MAX_PARALLEL 8

/*
** Runs the n jobs, at most `parallel` at a time (0 is taken as 1, more than
** GNUPLOT_MAX_PARALLEL as that), with program (a name looked up in PATH, or
** a path). Each child has stdin and stdout on /dev/null; its stderr is kept
** in errtext. A program that is not found executable starts no job: every
** job gets status -1 and that errno. When a job cannot be started (exec or
** chdir fails), no further job is started: those get status -1 and the
** same exec_errno. Reaps only its own children. Returns 0, or -1 when
** the runner itself failed (no temporary file, fork failed); the jobs not
** run then have status -1. Free the texts with gnuplot_jobs_clear.
*/
int gnuplot_run(struct gnuplot_job *jobs, size_t n, size_t parallel, const char *program);

/* Frees every errtext of the n jobs and sets them to NULL. */
void gnuplot_jobs_clear(struct gnuplot_job *jobs, size_t n);

#endif
