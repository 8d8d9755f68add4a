/*
** test_results.c: the results directory end to end, through build/dtsim
** ($DTSIM): all or nothing per scenario and per run, whatever fails or
** stops it. A failed params.ini write, a directory another dtsim holds,
** two runs at once, a full disk (a file-size limit), SIGINT/SIGTERM/SIGHUP
** to dtsim alone while gnuplot runs, SIGKILL during a run, a symbolic link
** where DIR/plots goes, and files planted in a results directory. After
** each: no temporary file, no gnuplot child, and a directory whose
** manifest describes its files (or none, and plot says so).
*/
#define _XOPEN_SOURCE 700  /* realpath */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "afile.h"
#include "manifest.h"
#include "resdir.h"
#include "testproc.h"

/* The longest a dtsim run of these tests may take before it counts as a
** hang (s). */
#define WATCHDOG_S 120

struct ctx {
	struct proc_sandbox sb;
};

/* ---- running dtsim ---------------------------------------------------------------- */

/*
** Starts dtsim with args (NULL-ended) in the background, stdin and stdout
** on /dev/null, stderr into errfile. The child gets the default action
** for the signals dtsim handles (a test run from a shell in the
** background would pass them on ignored), SIGXFSZ ignored, and with
** fsize > 0 that file-size limit. Returns the pid.
*/
static pid_t spawn(const struct ctx *c, const char *const *args, const char *errfile,
                   rlim_t fsize)
{
	const char *argv[24];
	size_t n = 0;
	pid_t pid;

	argv[n++] = c->sb.dtsim;
	for (; args[n - 1] && n < 23; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY), out = open("/dev/null", O_WRONLY);
		int err = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		struct rlimit lim;

		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGXFSZ, SIG_IGN);
		if (fsize > 0) {
			lim.rlim_cur = lim.rlim_max = fsize;
			setrlimit(RLIMIT_FSIZE, &lim);
		}
		alarm(WATCHDOG_S);
		if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0
		    || dup2(err, 2) < 0)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	return pid;
}

/* Waits for pid; its wait status. */
static int reap(pid_t pid)
{
	int ws;

	assert_int_equal(waitpid(pid, &ws, 0), pid);
	return ws;
}

/* Runs dtsim to its end: its exit status (a signal fails the test) and its
** stderr in *err (owned; may be NULL when not wanted). */
static int dt(const struct ctx *c, char **err, const char *const *args)
{
	int ws = reap(spawn(c, args, "stderr.txt", 0));

	if (!WIFEXITED(ws)) {
		print_error("dtsim ended by signal %d\n", WTERMSIG(ws));
		fail();
	}
	if (err)
		*err = proc_read_file("stderr.txt", NULL);
	return WEXITSTATUS(ws);
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

static void expect_in(const char *s, const char *sub)
{
	if (!s || !strstr(s, sub)) {
		print_error("expected '%s' in:\n%s\n", sub, s ? s : "(null)");
		fail();
	}
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* ---- what a directory holds ------------------------------------------------------- */

/* The number of temporaries (files or directories) in dir and dir/plots. */
static int temporaries(const char *dir)
{
	static const char *const sub[] = { "", "/plots" };
	int n = 0;

	for (size_t k = 0; k < 2; k++) {
		char p[PATH_MAX];
		DIR *dp;
		struct dirent *de;

		snprintf(p, sizeof p, "%s%s", dir, sub[k]);
		if (!(dp = opendir(p)))
			continue;
		while ((de = readdir(dp)) != NULL)
			if (afile_is_temp_name(de->d_name) || resdir_is_tempdir_name(de->d_name)) {
				print_error("left behind: %s/%s\n", p, de->d_name);
				n++;
			}
		closedir(dp);
	}
	return n;
}

/* The number of processes whose working directory is dir/plots (gnuplot
** runs there). */
static int processes_in(const char *dir)
{
	char want[PATH_MAX], rel[PATH_MAX + 16];
	DIR *dp = opendir("/proc");
	struct dirent *de;
	int n = 0;

	snprintf(rel, sizeof rel, "%s/plots", dir);
	if (!realpath(rel, want) || !dp) {
		if (dp)
			closedir(dp);
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		char link[300], cwd[PATH_MAX];
		ssize_t len;

		if (strspn(de->d_name, "0123456789") != strlen(de->d_name))
			continue;
		snprintf(link, sizeof link, "/proc/%s/cwd", de->d_name);
		len = readlink(link, cwd, sizeof cwd - 1);
		if (len <= 0)
			continue;
		cwd[len] = '\0';
		if (strcmp(cwd, want) == 0) {
			print_error("process %s still runs in %s\n", de->d_name, want);
			n++;
		}
	}
	closedir(dp);
	return n;
}

/* 1 when dir's manifest describes its files (what plot checks). */
static int consistent(const char *dir)
{
	struct manifest *m = NULL;
	struct err e;
	int ok = manifest_load(dir, &m, &e) == 0;

	if (!ok)
		print_error("%s: %s\n", dir, e.msg);
	manifest_free(m);
	return ok;
}

/* ---- fake gnuplot programs -------------------------------------------------------- */

/* A gnuplot that draws instantly: an empty file per format of each chart.
** It is called as PROGRAM -d -c BATCH in DIR/plots, BATCH a script with a
** line `call "./CHART.gp" "FORMATS" "OUT"` for each chart. */
#define FAKE_CHARTS \
	"sed -n 's/^call \"[^\"]*\" \"\\([^\"]*\\)\" \"\\([^\"]*\\)\"$/\\2 \\1/p' \"$3\" |\n" \
	"while read -r out formats; do for f in $formats; do printf x > \"$out.$f\"; done; done\n"
static const char fake_fast[] = "#!/bin/sh\n" FAKE_CHARTS;

/* A gnuplot that starts its files, says its pid in $PIDDIR and then
** draws for a minute (as sleep, under the same pid). */
static const char fake_slow[] =
	"#!/bin/sh\necho $$ > \"$PIDDIR/gp.$$\"\n" FAKE_CHARTS "exec sleep 60\n";

static void install_fake(const char *name, const char *text)
{
	char abs[PATH_MAX];

	write_text(name, text);
	assert_int_equal(chmod(name, 0755), 0);
	assert_non_null(realpath(name, abs));
	setenv("DTSIM_GNUPLOT", abs, 1);
}

/* ---- setup ------------------------------------------------------------------------ */

static int group_setup(void **state)
{
	static struct ctx c;
	char data[PATH_MAX + 32];

	if (proc_sandbox_enter(&c.sb, "test-results") != 0)
		return -1;
	snprintf(data, sizeof data, "%s/tests/data/cli", c.sb.srcdir);
	if (!proc_exists(data) || symlink(data, "data") != 0) {
		fprintf(stderr, "test_results: run from the source tree (%s not found)\n", data);
		proc_sandbox_leave(&c.sb);
		return -1;
	}
	/* Templates from the source tree for every chart test. */
	snprintf(data, sizeof data, "%s/plots", c.sb.srcdir);
	setenv("DTSIM_PLOTS", data, 1);
	*state = &c;
	return 0;
}

static int group_teardown(void **state)
{
	struct ctx *c = *state;

	return proc_sandbox_leave(&c->sb);
}

/* ---- failures while writing ------------------------------------------------------- */

/*
** When a scenario's params.ini cannot be written (a directory stands in
** its way), neither of its files stays: not the new CSV, not the CSV of
** the earlier good run. summary.csv and the manifest list only the other
** scenario; the message names the file and the cause; exit 1.
*/
static void test_failed_params_write(void **state)
{
	const struct ctx *c = *state;
	static const char *const run[] = { "run", "-o", "pw", "data/good.ini", "data/other.ini", NULL };
	char *err = NULL, *sum;

	assert_int_equal(dt(c, NULL, run), 0);
	assert_true(proc_exists("pw/good.csv"));
	assert_int_equal(unlink("pw/good.params.ini"), 0);
	assert_int_equal(mkdir("pw/good.params.ini", 0777), 0);
	write_text("pw/good.params.ini/keep", "a file in the way\n");

	assert_int_equal(dt(c, &err, run), 1);
	expect_in(err, "pw/good.params.ini");
	expect_in(err, strerror(EISDIR));
	assert_false(proc_exists("pw/good.csv"));
	assert_true(proc_exists("pw/other.csv"));
	sum = proc_read_file("pw/summary.csv", NULL);
	assert_non_null(sum);
	assert_null(strstr(sum, "\"good\""));
	expect_in(sum, "\"other\"");
	assert_true(consistent("pw"));
	assert_int_equal(temporaries("pw"), 0);
	free(sum);
	free(err);

	/* The failing scenario alone: no summary.csv of an older run may still
	** list it; the directory holds no complete run, and plot says so. */
	{
		static const char *const only[] = { "run", "-o", "pw", "data/good.ini", NULL };
		static const char *const plot[] = { "plot", "pw", NULL };

		assert_int_equal(dt(c, &err, only), 1);
		free(err);
		assert_false(proc_exists("pw/good.csv"));
		sum = proc_read_file("pw/summary.csv", NULL);
		assert_true(!sum || !strstr(sum, "\"good\""));
		free(sum);
		assert_int_equal(dt(c, &err, plot), 2);
		expect_in(err, "holds no complete results");
		free(err);
		assert_int_equal(temporaries("pw"), 0);
	}
}

/* A full disk (here a file-size limit): the message says why, nothing of
** the scenario is left, no temporary either. */
static void test_write_error_reason(void **state)
{
	const struct ctx *c = *state;
	static const char *const run[] = { "run", "-o", "full", "data/good.ini", NULL };
	char *err;
	int ws;

	ws = reap(spawn(c, run, "stderr.txt", 3000));
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 1);
	err = proc_read_file("stderr.txt", NULL);
	expect_in(err, "cannot write full/good.csv: ");
	expect_in(err, strerror(EFBIG));
	assert_false(proc_exists("full/good.csv"));
	assert_false(proc_exists("full/manifest.csv"));
	assert_int_equal(temporaries("full"), 0);
	free(err);
}

/* ---- the lock ------------------------------------------------------------------------ */

/* While another process holds DIR's lock, run is refused with a message
** that says so, exit 1, and writes nothing. */
static void test_lock_held(void **state)
{
	const struct ctx *c = *state;
	static const char *const run[] = { "run", "-o", "held", "data/good.ini", NULL };
	char *err = NULL;
	int fd;

	assert_int_equal(mkdir("held", 0777), 0);
	fd = open("held/" RESDIR_LOCK, O_RDWR | O_CREAT, 0666);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(dt(c, &err, run), 1);
	expect_in(err, "another dtsim is writing to held");
	{
		DIR *dp = opendir("held");
		struct dirent *de;
		int n = 0;

		while ((de = readdir(dp)) != NULL)
			n += de->d_name[0] != '.';
		closedir(dp);
		assert_int_equal(n, 0);
	}
	close(fd);
	assert_int_equal(dt(c, NULL, run), 0);
	assert_true(consistent("held"));
	free(err);
}

/* Two runs started at once into one directory: one waits for nothing and
** is refused, or they come one after the other; either way the directory
** ends with the files of one run and a manifest that matches them. */
static void test_concurrent_runs(void **state)
{
	const struct ctx *c = *state;
	static const char *const a[] = { "run", "-o", "both", "data/good.ini", NULL };
	static const char *const b[] = { "run", "-o", "both", "data/other.ini", NULL };

	for (int round = 0; round < 6; round++) {
		pid_t pa = spawn(c, a, "a.txt", 0), pb = spawn(c, b, "b.txt", 0);
		int wa = reap(pa), wb = reap(pb);
		char *ea = proc_read_file("a.txt", NULL), *eb = proc_read_file("b.txt", NULL);

		assert_true(WIFEXITED(wa) && WIFEXITED(wb));
		assert_true(WEXITSTATUS(wa) == 0 || WEXITSTATUS(wb) == 0);
		if (WEXITSTATUS(wa) != 0)
			expect_in(ea, "another dtsim is writing to both");
		if (WEXITSTATUS(wb) != 0)
			expect_in(eb, "another dtsim is writing to both");
		assert_true(consistent("both"));
		assert_int_equal(temporaries("both"), 0);
		free(ea);
		free(eb);
	}
}

/* ---- signals ------------------------------------------------------------------------ */

/* Waits up to 30 s for a file in dir; 1 when one came. */
static int wait_for_file(const char *dir)
{
	for (int i = 0; i < 3000; i++) {
		DIR *dp = opendir(dir);
		struct dirent *de;
		int found = 0;

		while (dp && (de = readdir(dp)) != NULL)
			found |= de->d_name[0] != '.';
		if (dp)
			closedir(dp);
		if (found)
			return 1;
		sleep_ms(10);
	}
	return 0;
}

/*
** SIGINT, SIGTERM and SIGHUP sent to dtsim alone while its gnuplot
** children draw: dtsim ends by that signal, every gnuplot child (each
** recorded its pid) is gone, and neither DIR nor DIR/plots holds a
** temporary file or directory.
*/
static void test_signal_during_charts(void **state)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	const struct ctx *c = *state;
	char abs[PATH_MAX];

	install_fake("gnuplot-slow", fake_slow);
	for (size_t k = 0; k < 3; k++) {
		const char *const run[] = { "run", "--plot", "-o", "sig", "data/good.ini",
		                            "data/other.ini", NULL };
		pid_t pid;
		int ws;
		DIR *dp;
		struct dirent *de;

		proc_remove_tree("pids");
		assert_int_equal(mkdir("pids", 0777), 0);
		assert_non_null(realpath("pids", abs));
		setenv("PIDDIR", abs, 1);
		pid = spawn(c, run, "stderr.txt", 0);
		assert_true(wait_for_file("pids"));
		sleep_ms(100);  /* let more of them start */
		assert_int_equal(kill(pid, sigs[k]), 0);
		ws = reap(pid);
		assert_true(WIFSIGNALED(ws));
		assert_int_equal(WTERMSIG(ws), sigs[k]);
		dp = opendir("pids");
		while ((de = readdir(dp)) != NULL) {
			char p[PATH_MAX + 8];
			char *text;
			long gp;

			if (de->d_name[0] == '.')
				continue;
			snprintf(p, sizeof p, "pids/%s", de->d_name);
			text = proc_read_file(p, NULL);
			gp = text ? atol(text) : 0;
			free(text);
			assert_true(gp > 0);
			if (kill((pid_t)gp, 0) == 0) {
				print_error("gnuplot %ld still runs after signal %d\n", gp, sigs[k]);
				fail();
			}
		}
		closedir(dp);
		assert_int_equal(temporaries("sig"), 0);
		assert_int_equal(processes_in("sig"), 0);
	}
	unsetenv("DTSIM_GNUPLOT");
	unsetenv("PIDDIR");
}

/*
** The same with the real gnuplot and the signal at different moments, from
** the first scenario to the last chart: whenever it comes, nothing is left.
** (A run that finished before its signal exits 0; its directory is
** complete.)
*/
static void test_signal_any_time(void **state)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	const struct ctx *c = *state;
	const char *const run[] = { "run", "--plot", "--format", "png,svg", "-o", "any",
	                            "data/good.ini", "data/other.ini", NULL };

	unsetenv("DTSIM_GNUPLOT");
	for (int round = 0; round < 9; round++) {
		pid_t pid = spawn(c, run, "stderr.txt", 0);
		int ws;

		sleep_ms(round * 150L);
		kill(pid, sigs[round % 3]);
		ws = reap(pid);
		assert_true(WIFSIGNALED(ws) ? WTERMSIG(ws) == sigs[round % 3]
		                            : WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
		assert_int_equal(temporaries("any"), 0);
		assert_int_equal(processes_in("any"), 0);
		if (WIFEXITED(ws))
			assert_true(consistent("any"));
	}
}

/*
** SIGKILL in the middle of a run leaves what no handler could remove; the
** directory holds no manifest, so plot refuses it and says why; the next
** run removes the temporaries and completes it. The kill comes once the run
** has removed the previous manifest (a run's first step), during its first
** scenario: slow ones, with a step of 1/10,000 year over 100 years (about
** 0.4 s each here, much longer under valgrind). The complete runs set a
** coarse step instead.
*/
static void test_killed_run(void **state)
{
	const struct ctx *c = *state;
	static const char *const plot[] = { "plot", "killed", NULL };
	static char names[4][32];
	const char *run[16] = { "run", "-o", "killed" };
	const char *fast[16] = { "run", "--set", "sim.dt=0.25", "-o", "killed" };
	char *err = NULL;
	size_t n = 3;
	pid_t pid;
	int ws, i;

	for (i = 0; i < 4; i++) {
		snprintf(names[i], sizeof names[i], "slow%d.ini", i);
		write_text(names[i], "[scenario]\nextends = data/good.ini\n"
		           "[sim]\ndt = 0.0001\nyears = 100\n");
		run[n] = fast[n + 2] = names[i];
		n++;
	}
	run[n] = fast[n + 2] = NULL;
	assert_int_equal(dt(c, NULL, fast), 0);  /* a complete run first */
	assert_true(consistent("killed"));
	pid = spawn(c, run, "stderr.txt", 0);
	for (i = 0; i < 6000 && proc_exists("killed/manifest.csv"); i++)
		sleep_ms(10);
	assert_false(proc_exists("killed/manifest.csv"));
	sleep_ms(100);
	kill(pid, SIGKILL);
	ws = reap(pid);
	assert_true(WIFSIGNALED(ws));
	assert_false(proc_exists("killed/manifest.csv"));
	assert_false(proc_exists("killed/summary.csv"));
	assert_int_equal(dt(c, &err, plot), 2);
	expect_in(err, "holds no complete results (no manifest.csv)");
	free(err);
	/* A temporary as SIGKILL can leave one. */
	write_text("killed/.slow0.csv.dtsim-AbC123", "half\n");
	assert_int_equal(dt(c, NULL, fast), 0);
	assert_int_equal(temporaries("killed"), 0);
	assert_true(consistent("killed"));
}

/* ---- what a results directory may hold ------------------------------------------------- */

/* A symbolic link where DIR/plots goes: the charts are refused (exit 1),
** nothing is written where it points; the CSV results are complete. */
static void test_plots_symlink(void **state)
{
	const struct ctx *c = *state;
	static const char *const run[] = { "run", "--plot", "-o", "ln", "data/good.ini", NULL };
	char *err = NULL, abs[PATH_MAX];
	DIR *dp;
	struct dirent *de;

	install_fake("gnuplot-fast", fake_fast);
	assert_int_equal(mkdir("ln", 0777), 0);
	assert_int_equal(mkdir("elsewhere", 0777), 0);
	assert_non_null(realpath("elsewhere", abs));
	assert_int_equal(symlink(abs, "ln/plots"), 0);
	assert_int_equal(dt(c, &err, run), 1);
	expect_in(err, "ln/plots is a symbolic link");
	dp = opendir("elsewhere");
	while ((de = readdir(dp)) != NULL)
		assert_true(de->d_name[0] == '.' && (!de->d_name[1] || !strcmp(de->d_name, "..")));
	closedir(dp);
	assert_true(consistent("ln"));
	free(err);
	unsetenv("DTSIM_GNUPLOT");
}

/*
** plot reads no scenario file: an extends of /dev/zero or a FIFO planted in
** a params.ini of the results, or a FIFO in its place, is never followed
** or waited on. The file no longer matches the manifest: exit 2 with a
** message naming it, and nothing written.
*/
static void test_planted_params(void **state)
{
	const struct ctx *c = *state;
	static const char *const run[] = { "run", "-o", "pl", "data/good.ini", NULL };
	static const char *const plot[] = { "plot", "pl", NULL };
	static const char *const planted[] = {
		"[scenario]\nextends = /dev/zero\n", "[scenario]\nextends = fifo\n",
		"[allocation]\nschedule = /dev/zero\n",
	};
	char *err = NULL;

	assert_int_equal(mkfifo("pl-fifo", 0600), 0);
	for (size_t i = 0; i <= sizeof planted / sizeof planted[0]; i++) {
		assert_int_equal(dt(c, NULL, run), 0);
		unlink("pl/good.params.ini");
		if (i < sizeof planted / sizeof planted[0])
			write_text("pl/good.params.ini", planted[i]);
		else
			assert_int_equal(mkfifo("pl/good.params.ini", 0600), 0);
		assert_int_equal(symlink("../pl-fifo", "pl/fifo"), 0);
		assert_int_equal(dt(c, &err, plot), 2);
		expect_in(err, "pl/good.params.ini");
		expect_in(err, i < 3 ? "is not the file that the run" : "not a regular file");
		assert_false(proc_exists("pl/plots"));
		free(err);
		unlink("pl/fifo");
	}
}

/*
** Ids in a manifest that lead outside DIR, and an edited CSV: refused
** before anything is written (exit 2), with the manifest's line.
*/
static void test_manifest_ids(void **state)
{
	const struct ctx *c = *state;
	static const char *const run[] = { "run", "-o", "ids", "data/good.ini", NULL };
	static const char *const plot[] = { "plot", "ids", NULL };
	char *text, *err = NULL, *p;

	assert_int_equal(dt(c, NULL, run), 0);
	text = proc_read_file("ids/manifest.csv", NULL);
	assert_non_null(text);
	p = strstr(text, "\n\"good\"");
	assert_non_null(p);
	{
		FILE *f = fopen("ids/manifest.csv", "w");

		fprintf(f, "%.*s\n\"a/../../x\"%s", (int)(p - text), text, p + 7);
		fclose(f);
	}
	assert_int_equal(dt(c, &err, plot), 2);
	expect_in(err, "ids/manifest.csv:2: ");
	expect_in(err, "holds a '/'");
	assert_false(proc_exists("ids/plots"));
	assert_false(proc_exists("../x.csv"));
	free(err);
	free(text);

	assert_int_equal(dt(c, NULL, run), 0);
	write_text("ids/good.csv", "year\n2026\n");
	assert_int_equal(dt(c, &err, plot), 2);
	expect_in(err, "ids/good.csv is not the file that the run recorded");
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failed_params_write),
		cmocka_unit_test(test_write_error_reason),
		cmocka_unit_test(test_lock_held),
		cmocka_unit_test(test_concurrent_runs),
		cmocka_unit_test(test_signal_during_charts),
		cmocka_unit_test(test_signal_any_time),
		cmocka_unit_test(test_killed_run),
		cmocka_unit_test(test_plots_symlink),
		cmocka_unit_test(test_planted_params),
		cmocka_unit_test(test_manifest_ids),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
