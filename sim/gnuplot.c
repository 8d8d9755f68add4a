/*
** gnuplot.c: running gnuplot without a shell, and quoting text for it.
**
** The gnuplot safety rule (STYLE.md). A string from a user's file can make
** gnuplot run a command: backquotes are substituted inside double-quoted
** strings and bare text, system() and `!` run commands, a file name that
** starts with '|' or '<' is a pipe, `load`/`call`/`eval` and `@` macros run
** text as commands, and a newline ends an unclosed string so that the next
** line runs. dtsim therefore:
**   1. never writes user text inside double quotes, after `@`, or into a
**      format, eval, load, call or system;
**   2. writes it only as literals made by gnuplot_quote: no control byte
**      (display text has each one replaced by a space, a file name with
**      one is refused); the text between single quotes ' in single quotes,
**      each ' itself as the constant "'" (a double-quoted string of one
**      quote: nothing in it to substitute), joined by the . operator, e.g.
**      it's -> ('it' . "'" . 's'). Inside single quotes gnuplot substitutes
**      nothing (no backquotes, no macros, no backslash escapes), and with no
**      ' inside, the literal ends exactly at its closing quote. (gnuplot's
**      own escape '' is not used: gnuplot 5.4 reads '' right after an
**      opening quote, or after another '', as the end of the string.);
**   3. builds every path itself, relative and prefixed "./" or "../", so no
**      path starts with '|' or '<';
**   4. sets every label noenhanced (the terminals are set noenhanced);
**   5. runs gnuplot with execvp and -d (no shell, no ~/.gnuplot); a non-zero
**      exit is a failed chart.
** tests/test_gnuplot.c and tests/test_plot.c try each attack.
*/
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cleanup.h"
#include "gnuplot.h"

/* The most arguments a job may pass (ARG1..ARG9 is gnuplot's limit). */
#define GNUPLOT_MAX_ARGS 9

/* ---- quoting ---------------------------------------------------------------- */

int gnuplot_quote(const char *s, enum gnuplot_quoting how, char **out)
{
	size_t len = 3, quotes = 0;
	char *q, *p;
	int open = 0;

	*out = NULL;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		if ((*u < 0x20 || *u == 0x7F) && how == GNUPLOT_PATH)
			return -1;
		quotes += *u == '\'';
		len++;
	}
	/* Each quote becomes ' . "'" . ' (10 bytes); the whole is in ( ). */
	len += quotes * 10 + 2;
	q = malloc(len + 1);
	if (!q)
		return -1;
	p = q;
	if (quotes)
		*p++ = '(';
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		if (*u == '\'') {
			if (open) {
				memcpy(p, "' . ", 4);
				p += 4;
				open = 0;
			} else if (p > q + 1) {
				memcpy(p, " . ", 3);
				p += 3;
			}
			memcpy(p, "\"'\"", 3);
			p += 3;
			continue;
		}
		if (!open) {
			if (p > q + (quotes ? 1 : 0)) {
				memcpy(p, " . ", 3);
				p += 3;
			}
			*p++ = '\'';
			open = 1;
		}
		*p++ = (*u < 0x20 || *u == 0x7F) ? ' ' : (char)*u;
	}
	if (open)
		*p++ = '\'';
	else if (!quotes) {
		*p++ = '\'';
		*p++ = '\'';
	}
	if (quotes)
		*p++ = ')';
	*p = '\0';
	*out = q;
	return 0;
}

/* ---- running ---------------------------------------------------------------- */

/* A running child: its job, its stderr file and the pipe that reports a
** failed exec (closed on a successful exec by O_CLOEXEC). */
struct child {
	pid_t pid;
	struct gnuplot_job *job;
	FILE *err;
	int execfd;
};

/* Reads the whole of f from its start into a new string; NULL when f is
** empty or memory runs out. */
static char *slurp(FILE *f)
{
	long size;
	char *s;

	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0)
		return NULL;
	s = malloc((size_t)size + 1);
	if (!s)
		return NULL;
	if (fread(s, 1, (size_t)size, f) != (size_t)size) {
		free(s);
		return NULL;
	}
	s[size] = '\0';
	return s;
}

/*
** In the child: asks to be killed when dtsim dies (Linux: even by
** SIGKILL, which no handler sees), restores the signal mask the parent
** blocked for the fork, redirects stdin and stdout to /dev/null and stderr
** to errfd, enters the job's directory and executes program. Never
** returns: a failure writes errno to execfd and exits with 127.
*/
static void child_exec(const struct gnuplot_job *job, const char *program, int errfd, int execfd,
                       pid_t parent, const sigset_t *mask)
{
	const char *argv[GNUPLOT_MAX_ARGS + 5];
	size_t n = 0;
	int null, saved;

#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	/* The parent died before the request took effect. */
	if (getppid() != parent)
		_exit(127);
	sigprocmask(SIG_SETMASK, mask, NULL);
	null = open("/dev/null", O_RDWR);

	argv[n++] = program;
	argv[n++] = "-d";
	argv[n++] = "-c";
	argv[n++] = job->script;
	for (size_t i = 0; job->args && job->args[i] && i < GNUPLOT_MAX_ARGS; i++)
		argv[n++] = job->args[i];
	argv[n] = NULL;
	if (null >= 0 && dup2(null, 0) >= 0 && dup2(null, 1) >= 0 && dup2(errfd, 2) >= 0
	    && chdir(job->dir) == 0)
		execvp(program, (char *const *)argv);
	saved = errno;
	if (write(execfd, &saved, sizeof saved) != (ssize_t)sizeof saved)
		saved = 0;
	_exit(127);
}

/*
** Starts job; fills c. The signals of cleanup.h are blocked from the fork
** until the child is registered, so a signal in between cannot leave it
** running. Returns 0, or -1 (errno set) when no child started.
*/
static int child_start(struct child *c, struct gnuplot_job *job, const char *program)
{
	pid_t parent = getpid();
	sigset_t old;
	int fds[2];

	c->job = job;
	c->err = tmpfile();
	if (!c->err)
		return -1;
	if (pipe(fds) != 0) {
		fclose(c->err);
		return -1;
	}
	cleanup_block(&old);
	if (fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0 || (c->pid = fork()) < 0) {
		int saved = errno;

		cleanup_restore(&old);
		close(fds[0]);
		close(fds[1]);
		fclose(c->err);
		errno = saved;
		return -1;
	}
	if (c->pid == 0)
		child_exec(job, program, fileno(c->err), fds[1], parent, &old);
	/* More children than the table holds cannot be: GNUPLOT_MAX_PARALLEL
	** is below CLEANUP_MAX_CHILDREN (and PR_SET_PDEATHSIG backs it up). */
	cleanup_add_child(c->pid);
	cleanup_restore(&old);
	close(fds[1]);
	c->execfd = fds[0];
	return 0;
}

/* Records how c ended (wait status ws) in its job and frees c's files. */
static void child_finish(struct child *c, int ws)
{
	struct gnuplot_job *job = c->job;
	int exec_errno = 0;

	if (read(c->execfd, &exec_errno, sizeof exec_errno) != (ssize_t)sizeof exec_errno)
		exec_errno = 0;
	close(c->execfd);
	job->exec_errno = exec_errno;
	job->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	job->errtext = slurp(c->err);
	fclose(c->err);
}

/*
** 0 when program can be run: a path (with a '/') that is executable, or a
** name found executable in one of PATH's directories; else the errno to
** report (ENOENT when found nowhere). Checking before the first fork means a
** missing gnuplot starts no child at all (a child whose exec fails exits
** holding copies of the parent's memory, which valgrind reports as lost).
*/
static int program_errno(const char *program)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (strchr(program, '/'))
		return access(program, X_OK) == 0 ? 0 : errno;
	for (const char *d = path ? path : "/usr/bin:/bin"; ; ) {
		size_t len = strcspn(d, ":");
		int n = snprintf(buf, sizeof buf, "%.*s/%s", (int)len, len ? d : ".", program);
		if (n > 0 && (size_t)n < sizeof buf && access(buf, X_OK) == 0)
			return 0;
		if (!d[len])
			return ENOENT;
		d += len + 1;
	}
}

int gnuplot_run(struct gnuplot_job *jobs, size_t n, size_t parallel, const char *program)
{
	/* On the stack, not the heap: a child whose exec fails exits without
	** returning here, and a heap block would be lost in it (valgrind
	** follows forked children and counts that as a leak). */
	struct child run[GNUPLOT_MAX_PARALLEL];
	size_t next = 0, running = 0;
	int rc = 0, stop_errno = 0;
	siginfo_t info;
	sigset_t old;

	for (size_t i = 0; i < n; i++) {
		jobs[i].status = -1;
		jobs[i].exec_errno = 0;
		jobs[i].errtext = NULL;
	}
	if (parallel == 0)
		parallel = 1;
	if (parallel > GNUPLOT_MAX_PARALLEL)
		parallel = GNUPLOT_MAX_PARALLEL;
	if ((stop_errno = program_errno(program)) != 0) {
		for (size_t i = 0; i < n; i++)
			jobs[i].exec_errno = stop_errno;
		return 0;
	}
	memset(run, 0, sizeof run);
	fflush(NULL);
	while (next < n || running > 0) {
		pid_t pid;
		int ws;
		size_t k;

		while (next < n && running < parallel && !stop_errno && rc == 0) {
			for (k = 0; run[k].job; k++)
				;
			if (child_start(&run[k], &jobs[next], program) != 0) {
				run[k].job = NULL;
				rc = -1;
				break;
			}
			next++;
			running++;
		}
		if (running == 0)
			break;
		/* Which child ended, without reaping it yet: its registration
		** with cleanup.h must go before its pid can be reused. */
		memset(&info, 0, sizeof info);
		if (waitid(P_ALL, 0, &info, WEXITED | WNOWAIT) != 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		pid = info.si_pid;
		for (k = 0; k < parallel; k++)
			if (run[k].job && run[k].pid == pid)
				break;
		cleanup_block(&old);
		if (k < parallel)
			cleanup_drop_child(pid);
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
		cleanup_restore(&old);
		if (k == parallel)
			continue;  /* not one of ours */
		child_finish(&run[k], ws);
		if (run[k].job->exec_errno)
			stop_errno = run[k].job->exec_errno;
		run[k].job = NULL;
		running--;
	}
	for (; next < n; next++)
		jobs[next].exec_errno = stop_errno;
	return rc;
}

void gnuplot_jobs_clear(struct gnuplot_job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].errtext);
		jobs[i].errtext = NULL;
	}
}
