/*
** gnuplot.c: running gnuplot without a shell, and quoting text for it.
**
** The gnuplot safety rule (STYLE.md). A string from a user's file can make
** gnuplot run a command: backquotes are substituted inside double-quoted
** strings and bare text, system() and `!` run commands, a file name that
** starts with '|' or '<' is a pipe, `load`/`call`/`eval` and `@` macros run
** text as commands, and a newline ends an unclosed string so that the next
** line runs. gnuplot 5.4 cannot switch macros off (`unset macros` does not
** stop @a), and its macro scanner tracks quotes badly: it flips its
** single-quote state on every ', even one inside double quotes, so after
** "'" an @name later on the line is expanded inside what is a single-quoted
** string to the parser, and the expansion is parsed as code. dtsim
** therefore:
**   1. writes user text only as literals made by gnuplot_quote, in which
**      nothing of the text can reach gnuplot's scanners: a double-quoted
**      string holding letters, digits, space and . , - _ : / ( ) + as
**      themselves and every other byte as a three-digit octal escape \ooo
**      (see gnuplot_quote). No ', ", @, backquote, $, #, ;, !, | or <, no
**      backslash other than that of an escape, no newline and no byte of
**      0x80 or more is ever written, so gnuplot's macro, backquote and
**      comment scanners find nothing to act on between the quotes, and the
**      string ends exactly at its closing quote, on its line. (Control
**      bytes: display text has each one replaced by a space, a file name
**      with one is refused.)
**   2. holds user text only in string variables that are used as values
**      (titles, labels, keys, tic labels, data file names), never after @,
**      as a format of sprintf or gprintf, or in eval, load, call or system;
**   3. builds every path itself, relative and prefixed "./" or "../", so no
**      path starts with '|' or '<';
**   4. sets every label noenhanced (the terminals are set noenhanced);
**   5. runs gnuplot with execvp and -d (no shell, no ~/.gnuplot); a non-zero
**      exit is a failed chart.
** tests/test_gnuplot.c and tests/test_plot.c try each attack, and
** test_gnuplot sends about a thousand hostile strings through the real
** gnuplot.
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "gnuplot.h"

/* The most arguments a job may pass (ARG1..ARG9 is gnuplot's limit). */
#define GNUPLOT_MAX_ARGS 9

/* ---- quoting ---------------------------------------------------------------- */

/* 1 when byte c is written as itself: ASCII letters and digits, space, and
** . , - _ : / ( ) +, which mean nothing inside a gnuplot string or to any
** of its scanners and keep names ("Pilot 2026: e-Akte (Phase 1)") and
** paths ("../base_line.csv") readable in a script a user may edit. */
static int quote_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
	       || (c != '\0' && strchr(" .,-_:/()+", c) != NULL);
}

/* 1 when c is a control byte (below 0x20, or 0x7F). */
static int quote_control(unsigned char c)
{
	return c < 0x20 || c == 0x7F;
}

/*
** Writes the literal of s (control bytes as spaces) to p when p is not
** NULL; returns its length either way, without the terminating NUL.
*/
static size_t quote_into(const unsigned char *s, char *p)
{
	size_t len = 2;
	int escaped = 0;

	if (p)
		p[0] = '"';
	for (; *s; s++) {
		unsigned char c = quote_control(*s) ? ' ' : *s;

		escaped = !quote_plain(c) || (escaped && c >= '0' && c <= '7');
		if (p && escaped) {
			p[len - 1] = '\\';
			p[len] = (char)('0' + (c >> 6));
			p[len + 1] = (char)('0' + ((c >> 3) & 7));
			p[len + 2] = (char)('0' + (c & 7));
		} else if (p) {
			p[len - 1] = (char)c;
		}
		len += escaped ? 4 : 1;
	}
	if (p) {
		p[len - 1] = '"';
		p[len] = '\0';
	}
	return len;
}

/*
** The literal is a double-quoted string with each byte outside quote_plain
** written as a three-digit octal escape \ooo, e.g. Grün 'x' @a ->
** "Gr\303\274n \047x\047 \100a". gnuplot 5.4 turns \ooo into the byte
** (parse_esc), so UTF-8 arrives byte for byte; but after \0 it reads up to
** four digits ("%4o"), so \047 followed by 7 would be the one byte 0477:
** a digit 0-7 right after an escape is escaped as well ('7 -> \047\067).
** What gnuplot's scanners then see between the quotes are plain bytes,
** backslashes and digits: the macro scanner (which flips its quote state
** on any ', toggles its backslash state on \ inside double quotes, and
** expands @name outside quotes) finds no ', " or @ and leaves the line as
** it was; backquote substitution finds no backquote; the comment scanner
** no #; the string ends at its closing quote, on the same line.
**
** What the literals may go into was checked in the script writers
** (sim/gpscript.c, plotscen.c, plotcmp.c, plot.c) and the templates in
** plots/ for gnuplot 5.4: the variables that hold user text (scenario_name,
** name_N, about_N: names and descriptions; data_N, data, out: paths) are
** used only as values: in set title, set multiplot title, set label,
** title of a plot element, set ytics (name_N pos), plot data_N/data as a
** file name (built "../<id>.csv"), and set output out . '.' . fmt in
** terminal.gp (out is "./<chart>" or ARG2, a "./." name dtsim builds; ARG1
** and ARG2 are read as values, never as @ARG1). No script or template uses
** @ at all, or eval, load or call with anything but the fixed template
** names, or system; the only sprintf and gprintf formats are constants in
** those writers and style.gp (gnum, gint, gfrac); lang.gp's texts are
** constants. The batch scripts of plotrun.c call each chart's script as
** `call "./<chart>.gp" FORMATS OUT`: the script's path, the formats and
** OUT are literals made by gnuplot_quote (GNUPLOT_PATH), so the call names
** a file dtsim wrote in DIR/plots and passes strings; their only other
** commands are reset session, unset output and print of GNUPLOT_MARK.
** Scenario ids also stand as they are in the comment lines at the head of
** a script (in the chart's name): gnuplot drops a line from its # on
** before it parses it, and an id holds no control byte (manifest_load
** refuses one), so such a comment cannot end early; test_plot draws an id with
** ' and @scenario_name.
*/
int gnuplot_quote(const char *s, enum gnuplot_quoting how, char **out)
{
	const unsigned char *u = (const unsigned char *)s;

	*out = NULL;
	if (how == GNUPLOT_PATH)
		for (const unsigned char *c = u; *c; c++)
			if (quote_control(*c))
				return -1;
	*out = malloc(quote_into(u, NULL) + 1);
	if (!*out)
		return -1;
	quote_into(u, *out);
	return 0;
}

size_t gnuplot_quoted_chars(const char *q)
{
	size_t chars = 0;

	for (const char *p = q; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"')
			continue;
		if (c == '\\' && p[1] && p[2] && p[3]) {
			c = (unsigned char)((p[1] - '0') << 6 | (p[2] - '0') << 3 | (p[3] - '0'));
			p += 3;
		}
		chars += (c & 0xC0) != 0x80;
	}
	return chars;
}

/* ---- running ---------------------------------------------------------------- */

/* What the pool keeps of a child's stderr: the last GNUPLOT_TEXT_KEEP bytes
** once it holds more than twice that (a message names the script line
** and what is wrong in its last lines). */
#define GNUPLOT_TEXT_KEEP 16384

/* A running child: its job, the read end of its stderr, the pipe that
** reports a failed exec (closed on a successful exec by FD_CLOEXEC), and
** what it wrote to stderr since its last mark. */
struct child {
	pid_t pid;
	struct gnuplot_job *job;
	int errfd, execfd;
	int eof;           /* its stderr reached its end */
	char *text;
	size_t len, cap;
};

struct gnuplot_pool {
	const char *program;
	size_t parallel, running;
	int checked;       /* program_errno was asked */
	int stop_errno;    /* a start failed with it: no further starts */
	struct child run[GNUPLOT_MAX_PARALLEL];
};

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

	cleanup_child_init(parent, mask);
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

/* Closes both ends of each pipe in fds that is open (-1: not). */
static void close_pipes(int fds[2][2])
{
	for (int i = 0; i < 2; i++)
		for (int k = 0; k < 2; k++)
			if (fds[i][k] >= 0)
				close(fds[i][k]);
}

/*
** Starts job; fills c. The signals of cleanup.h are blocked from the fork
** until the child is registered, so a signal in between cannot leave it
** running. The parent's ends of the pipes are close-on-exec, so no later
** child holds them. Returns 0, or -1 (errno set) when no child started.
*/
static int child_start(struct child *c, struct gnuplot_job *job, const char *program)
{
	pid_t parent = getpid();
	int fds[2][2] = { { -1, -1 }, { -1, -1 } };  /* stderr, exec report */
	sigset_t old;

	memset(c, 0, sizeof *c);
	c->job = job;
	if (pipe(fds[0]) != 0 || pipe(fds[1]) != 0 || fcntl(fds[0][0], F_SETFD, FD_CLOEXEC) != 0
	    || fcntl(fds[1][0], F_SETFD, FD_CLOEXEC) != 0
	    || fcntl(fds[1][1], F_SETFD, FD_CLOEXEC) != 0) {
		int saved = errno;

		close_pipes(fds);
		c->job = NULL;
		errno = saved;
		return -1;
	}
	fflush(NULL);
	cleanup_block(&old);
	if ((c->pid = fork()) < 0) {
		int saved = errno;

		cleanup_restore(&old);
		close_pipes(fds);
		c->job = NULL;
		errno = saved;
		return -1;
	}
	if (c->pid == 0)
		child_exec(job, program, fds[0][1], fds[1][1], parent, &old);
	/* More children than the table holds cannot be: GNUPLOT_MAX_PARALLEL
	** is below CLEANUP_MAX_CHILDREN (and PR_SET_PDEATHSIG backs it up). */
	cleanup_add_child(c->pid);
	cleanup_restore(&old);
	close(fds[0][1]);
	close(fds[1][1]);
	c->errfd = fds[0][0];
	c->execfd = fds[1][0];
	return 0;
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

struct gnuplot_pool *gnuplot_pool_new(const char *program, size_t parallel)
{
	struct gnuplot_pool *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->program = program;
	p->parallel = parallel == 0 ? 1 : parallel > GNUPLOT_MAX_PARALLEL ? GNUPLOT_MAX_PARALLEL
	                                                                 : parallel;
	return p;
}

int gnuplot_pool_can_start(const struct gnuplot_pool *p)
{
	return !p->stop_errno && p->running < p->parallel;
}

int gnuplot_pool_start(struct gnuplot_pool *p, struct gnuplot_job *job)
{
	size_t k;

	job->status = -1;
	job->exec_errno = 0;
	job->errtext = NULL;
	if (!p->checked) {
		p->checked = 1;
		p->stop_errno = program_errno(p->program);
	}
	if (p->stop_errno) {
		job->exec_errno = p->stop_errno;
		return -1;
	}
	if (p->running >= p->parallel) {
		errno = EAGAIN;
		return -1;
	}
	for (k = 0; p->run[k].job; k++)
		;
	if (child_start(&p->run[k], job, p->program) != 0)
		return -1;
	p->running++;
	return 0;
}

/* Reads what child c wrote to stderr into its text (keeping the last
** GNUPLOT_TEXT_KEEP bytes at least); marks its end. */
static void child_read(struct child *c)
{
	char buf[4096];
	ssize_t got = read(c->errfd, buf, sizeof buf);

	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (got <= 0) {
		c->eof = 1;
		return;
	}
	if (c->len + (size_t)got + 1 > c->cap) {
		size_t cap = c->cap ? c->cap : 4096;
		char *grown;

		while (cap < c->len + (size_t)got + 1)
			cap *= 2;
		if (c->len > 2 * GNUPLOT_TEXT_KEEP) {
			/* Drop all but the last GNUPLOT_TEXT_KEEP bytes. */
			memmove(c->text, c->text + c->len - GNUPLOT_TEXT_KEEP, GNUPLOT_TEXT_KEEP);
			c->len = GNUPLOT_TEXT_KEEP;
		}
		if (c->len + (size_t)got + 1 > c->cap) {
			grown = realloc(c->text, cap);
			if (!grown)
				return;  /* lost; the child still ends */
			c->text = grown;
			c->cap = cap;
		}
	}
	memcpy(c->text + c->len, buf, (size_t)got);
	c->len += (size_t)got;
	c->text[c->len] = '\0';
}

/* The first n bytes of c's text as a new string (NULL when n is 0 or
** memory runs out), removed from it with the following skip bytes. */
static char *child_take(struct child *c, size_t n, size_t skip)
{
	char *s = NULL;

	if (n > 0 && (s = malloc(n + 1)) != NULL) {
		memcpy(s, c->text, n);
		s[n] = '\0';
	}
	if (c->text) {
		memmove(c->text, c->text + n + skip, c->len - n - skip);
		c->len -= n + skip;
		c->text[c->len] = '\0';
	}
	return s;
}

/*
** Reaps child c, whose stderr has ended: without reaping it first, it
** waits for its end, so that its registration with cleanup.h goes before
** its pid can be reused. Records how it ended in its job and frees c.
*/
static void child_reap(struct gnuplot_pool *p, struct child *c)
{
	struct gnuplot_job *job = c->job;
	int exec_errno = 0, ws = 0;
	siginfo_t info;
	sigset_t old;

	memset(&info, 0, sizeof info);
	while (waitid(P_PID, (id_t)c->pid, &info, WEXITED | WNOWAIT) != 0 && errno == EINTR)
		;
	cleanup_block(&old);
	cleanup_drop_child(c->pid);
	while (waitpid(c->pid, &ws, 0) < 0 && errno == EINTR)
		;
	cleanup_restore(&old);
	if (read(c->execfd, &exec_errno, sizeof exec_errno) != (ssize_t)sizeof exec_errno)
		exec_errno = 0;
	close(c->execfd);
	close(c->errfd);
	job->exec_errno = exec_errno;
	job->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	if (exec_errno)
		p->stop_errno = exec_errno;
	free(c->text);
	memset(c, 0, sizeof *c);
	p->running--;
}

/* The offset in c's text of the first mark line ("\n" GNUPLOT_MARK "\n"),
** or -1. */
static long child_mark(const struct child *c)
{
	static const char mark[] = "\n" GNUPLOT_MARK "\n";
	const char *at;

	if (!c->text || c->len < sizeof mark - 1)
		return -1;
	at = strstr(c->text, mark);
	return at ? (long)(at - c->text) : -1;
}

int gnuplot_pool_next(struct gnuplot_pool *p, struct gnuplot_event *ev)
{
	struct pollfd fds[GNUPLOT_MAX_PARALLEL];
	size_t which[GNUPLOT_MAX_PARALLEL];

	memset(ev, 0, sizeof *ev);
	for (;;) {
		size_t n = 0;

		for (size_t k = 0; k < GNUPLOT_MAX_PARALLEL; k++) {
			struct child *c = &p->run[k];
			long at;

			if (!c->job)
				continue;
			if ((at = child_mark(c)) >= 0) {
				ev->job = c->job;
				ev->job->marks++;
				ev->text = child_take(c, (size_t)at, sizeof GNUPLOT_MARK + 1);
				return 1;
			}
			if (c->eof) {
				ev->job = c->job;
				ev->ended = 1;
				ev->text = child_take(c, c->len, 0);
				child_reap(p, c);
				return 1;
			}
			fds[n].fd = c->errfd;
			fds[n].events = POLLIN;
			fds[n].revents = 0;
			which[n++] = k;
		}
		if (n == 0)
			return 0;
		if (poll(fds, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			if (fds[i].revents)
				child_read(&p->run[which[i]]);
	}
}

void gnuplot_pool_free(struct gnuplot_pool *p)
{
	if (!p)
		return;
	for (size_t k = 0; k < GNUPLOT_MAX_PARALLEL; k++)
		if (p->run[k].job) {
			kill(p->run[k].pid, SIGKILL);
			child_reap(p, &p->run[k]);
		}
	free(p);
}

int gnuplot_run(struct gnuplot_job *jobs, size_t n, size_t parallel, const char *program)
{
	struct gnuplot_pool *p = gnuplot_pool_new(program, parallel);
	struct gnuplot_event ev;
	size_t next = 0;
	int rc = 0, got;

	for (size_t i = 0; i < n; i++) {
		jobs[i].status = -1;
		jobs[i].exec_errno = 0;
		jobs[i].errtext = NULL;
		jobs[i].marks = 0;
	}
	if (!p)
		return -1;
	for (;;) {
		while (next < n && rc == 0 && gnuplot_pool_can_start(p)) {
			if (gnuplot_pool_start(p, &jobs[next]) != 0) {
				if (!jobs[next].exec_errno)
					rc = -1;
				break;
			}
			next++;
		}
		if ((got = gnuplot_pool_next(p, &ev)) <= 0) {
			if (got < 0)
				rc = -1;
			break;
		}
		/* A job's text is all it wrote, marks left out. */
		if (ev.text && ev.job->errtext) {
			size_t len = strlen(ev.job->errtext) + strlen(ev.text) + 1;
			char *both = malloc(len);

			if (both)
				snprintf(both, len, "%s%s", ev.job->errtext, ev.text);
			free(ev.job->errtext);
			free(ev.text);
			ev.job->errtext = both;
		} else if (ev.text) {
			ev.job->errtext = ev.text;
		}
	}
	for (; next < n; next++)
		jobs[next].exec_errno = p->stop_errno;
	gnuplot_pool_free(p);
	return rc;
}

void gnuplot_jobs_clear(struct gnuplot_job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].errtext);
		jobs[i].errtext = NULL;
	}
}
