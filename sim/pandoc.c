/*
** pandoc.c: running pandoc on the report (pandoc.h).
**
** The child is started as gnuplot's are (gnuplot.c): the signals of
** cleanup.h are blocked from the fork until the child is registered, so a
** signal in between cannot leave it running; the child asks to be killed
** when dtsim dies (cleanup_child_init); its end is seen without reaping
** it (waitid WNOWAIT) so that its registration goes before its pid can be
** reused. It runs with execve:
** the program resolved to a path beforehand, a fixed argument vector, and
** a fixed environment (PATH, a UTF-8 locale, HOME that does not exist),
** so nothing of the user's environment or pandoc's user data directory
** changes what it does.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "afile.h"
#include "cleanup.h"
#include "pandoc.h"

const char *const pandoc_files[PANDOC_NFORMATS] = { "report.html", "report.docx" };

/* The Markdown dialect: pandoc's, without raw HTML, raw attributes and raw
** TeX, so that nothing in the text reaches the output unconverted. */
#define PANDOC_FROM "markdown-raw_html-raw_attribute-raw_tex"

/* The environment of the child. */
static char *const pandoc_env[] = {
	(char *)"PATH=/usr/bin:/bin", (char *)"LANG=C.UTF-8", (char *)"LC_ALL=C.UTF-8",
	(char *)"HOME=/nonexistent", NULL
};

/* What the child writes to stderr that dtsim keeps, at most. */
#define PANDOC_ERR_MAX 512

const char *pandoc_program(const char *env)
{
	return env && env[0] ? env : "pandoc";
}

/*
** Writes into buf (len bytes) the path to run program by: program itself
** when it holds a '/', else the first executable PATH entry/program.
** Returns 0, or the errno why there is none (ENOENT: found nowhere).
*/
static int resolve(const char *program, char *buf, size_t len)
{
	const char *path = getenv("PATH");

	if (strchr(program, '/')) {
		if ((size_t)snprintf(buf, len, "%s", program) >= len)
			return ENAMETOOLONG;
		return access(buf, X_OK) == 0 ? 0 : errno;
	}
	for (const char *d = path ? path : "/usr/bin:/bin"; ; ) {
		size_t dl = strcspn(d, ":");
		int n = snprintf(buf, len, "%.*s/%s", (int)dl, dl ? d : ".", program);

		if (n > 0 && (size_t)n < len && access(buf, X_OK) == 0)
			return 0;
		if (!d[dl])
			return ENOENT;
		d += dl + 1;
	}
}

int pandoc_available(const char *program)
{
	char buf[PATH_MAX];

	return resolve(program, buf, sizeof buf);
}

/* In the child: never returns (exit status 127 when exec fails). */
static void child_exec(const char *path, char *const argv[], const char *dir, int errfd,
                       pid_t parent, const sigset_t *mask)
{
	int null;

	cleanup_child_init(parent, mask);
	null = open("/dev/null", O_RDWR);
	if (null >= 0 && dup2(null, 0) >= 0 && dup2(null, 1) >= 0 && dup2(errfd, 2) >= 0
	    && chdir(dir) == 0)
		execve(path, argv, pandoc_env);
	_exit(127);
}

/*
** Runs argv (argv[0] the program's path) in dir; *status gets its exit
** status (128 + the signal that ended it); err (a file) what it wrote to
** stderr. Returns 0, or -1 with errno when it could not be started or
** waited for.
*/
static int run(char *const argv[], const char *dir, FILE *err, int *status)
{
	pid_t parent = getpid(), pid;
	siginfo_t info;
	sigset_t old;
	int ws;

	fflush(NULL);
	cleanup_block(&old);
	pid = fork();
	if (pid < 0) {
		int saved = errno;

		cleanup_restore(&old);
		errno = saved;
		return -1;
	}
	if (pid == 0)
		child_exec(argv[0], argv, dir, fileno(err), parent, &old);
	/* One child: the table of cleanup.h has room for it. */
	cleanup_add_child(pid);
	cleanup_restore(&old);
	for (;;) {
		memset(&info, 0, sizeof info);
		if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) == 0)
			break;
		if (errno != EINTR)
			return -1;
	}
	cleanup_block(&old);
	cleanup_drop_child(pid);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	cleanup_restore(&old);
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return 0;
}

/* The first line of what err holds (at most PANDOC_ERR_MAX bytes) into buf. */
static void first_line(FILE *err, char buf[PANDOC_ERR_MAX])
{
	size_t n;

	buf[0] = '\0';
	if (fseek(err, 0, SEEK_SET) != 0)
		return;
	n = fread(buf, 1, PANDOC_ERR_MAX - 1, err);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
}

int pandoc_convert(const char *dir, const char *md, enum pandoc_format f, enum plot_lang lang,
                   const char *program, struct err *e)
{
	const char *out = pandoc_files[f];
	char path[PATH_MAX], msg[PANDOC_ERR_MAX];
	char *target = NULL;
	const char *tmp;
	struct afile *af = NULL;
	FILE *err = NULL;
	int status = -1, rc = -1, started;
	int rerr = resolve(program, path, sizeof path);

	if (rerr != 0)
		return err_set(e, NULL, 0, NULL, "cannot run %s: %s", program, strerror(rerr));
	if ((size_t)snprintf(NULL, 0, "%s/%s", dir, out) >= PATH_MAX
	    || !(target = malloc(strlen(dir) + strlen(out) + 2)))
		return err_set(e, NULL, 0, NULL, "cannot write %s/%s: out of memory", dir, out);
	sprintf(target, "%s/%s", dir, out);
	if (!(af = afile_open(target, e)))
		goto done;
	tmp = afile_temp_path(af);
	tmp = strrchr(tmp, '/') ? strrchr(tmp, '/') + 1 : tmp;
	{
		/* Every argument is a constant of dtsim's or a name it made, in
		** dir: the temporary's ("./.report.html.dtsim-XXXXXX") and md's. */
		char outarg[PATH_MAX], inarg[PATH_MAX];
		char *argv[] = {
			path, (char *)"-f", (char *)PANDOC_FROM,
			(char *)"-t", (char *)(f == PANDOC_HTML ? "html5" : "docx"),
			(char *)(f == PANDOC_HTML ? "--self-contained" : "--standalone"),
			(char *)"--resource-path=.",
			(char *)(lang == PLOT_DE ? "--metadata=lang:de" : "--metadata=lang:en"),
			(char *)(lang == PLOT_DE ? "--metadata=pagetitle:Szenariobericht"
			                         : "--metadata=pagetitle:Scenario report"),
			(char *)"-o", outarg, inarg, NULL
		};

		snprintf(outarg, sizeof outarg, "./%s", tmp);
		snprintf(inarg, sizeof inarg, "./%s", md);
		err = tmpfile();
		started = err && run(argv, dir, err, &status) == 0;
		if (!started) {
			err_set(e, NULL, 0, NULL, "cannot run %s: %s", path, strerror(errno));
			goto done;
		}
	}
	if (status != 0) {
		first_line(err, msg);
		if (status > 128)
			err_set(e, NULL, 0, NULL, "cannot write %s: %s was ended by signal %d",
			        target, program, status - 128);
		else
			err_set(e, NULL, 0, NULL, "cannot write %s: %s exited with status %d%s%s",
			        target, program, status, msg[0] ? ": " : "", msg);
		goto done;
	}
	rc = afile_commit(af, e);
	af = NULL;
done:
	afile_abort(af);
	if (err)
		fclose(err);
	free(target);
	return rc;
}
