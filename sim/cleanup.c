/*
** cleanup.c: the signal handler that leaves no temporary file and no
** gnuplot process behind.
**
** The handler calls only async-signal-safe functions (kill, waitpid,
** unlink, unlinkat, rmdir, close, sigaction, sigprocmask, raise). Its order
** matters: the children are killed and reaped first, so that none of them
** can create a file after the handler removed it; then the files and the
** temporary directories go; then the signal is raised again with its
** default action, so the process ends as if it had had no handler (a shell
** sees 128 + the signal). A signal that was ignored when dtsim started
** (nohup ignores SIGHUP) stays ignored.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cleanup.h"

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])

/* The registrations. They change only while the signals are blocked. */
static char files[CLEANUP_MAX_FILES][PATH_MAX];
static int file_used[CLEANUP_MAX_FILES];
static pid_t children[CLEANUP_MAX_CHILDREN];
static struct {
	char path[PATH_MAX];
	int fd;                     /* the directory, open, for unlinkat */
	const char *const *names;
	size_t n;
	int used;
} dirs[CLEANUP_MAX_DIRS];

static void our_signals(sigset_t *s)
{
	sigemptyset(s);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaddset(s, cleanup_signals[i]);
}

void cleanup_block(sigset_t *old)
{
	sigset_t s;

	our_signals(&s);
	sigprocmask(SIG_BLOCK, &s, old);
}

void cleanup_restore(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

void cleanup_child_init(pid_t parent, const sigset_t *old)
{
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	if (getppid() != parent)
		_exit(127);
	sigprocmask(SIG_SETMASK, old, NULL);
}

static void on_signal(int sig)
{
	struct sigaction dfl;
	sigset_t s;

	for (size_t i = 0; i < CLEANUP_MAX_CHILDREN; i++)
		if (children[i] > 0)
			kill(children[i], SIGKILL);
	for (size_t i = 0; i < CLEANUP_MAX_CHILDREN; i++)
		while (children[i] > 0 && waitpid(children[i], NULL, 0) < 0 && errno == EINTR)
			;
	for (size_t i = 0; i < CLEANUP_MAX_FILES; i++)
		if (file_used[i])
			unlink(files[i]);
	for (size_t i = 0; i < CLEANUP_MAX_DIRS; i++) {
		if (!dirs[i].used)
			continue;
		for (size_t k = 0; k < dirs[i].n; k++)
			unlinkat(dirs[i].fd, dirs[i].names[k], 0);
		rmdir(dirs[i].path);
	}
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	raise(sig);
}

int cleanup_install(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	our_signals(&sa.sa_mask);
	sa.sa_flags = 0;
	for (size_t i = 0; i < NSIGNALS; i++) {
		if (sigaction(cleanup_signals[i], NULL, &old) != 0)
			return -1;
		if (old.sa_handler == SIG_IGN)
			continue;
		if (sigaction(cleanup_signals[i], &sa, NULL) != 0)
			return -1;
	}
	return 0;
}

int cleanup_add_file(const char *path)
{
	size_t len = strlen(path);
	sigset_t old;
	int slot = -1;

	if (len >= PATH_MAX)
		return -1;
	cleanup_block(&old);
	for (int i = 0; i < CLEANUP_MAX_FILES; i++)
		if (!file_used[i]) {
			memcpy(files[i], path, len + 1);
			file_used[i] = 1;
			slot = i;
			break;
		}
	cleanup_restore(&old);
	return slot;
}

void cleanup_drop_file(int slot)
{
	sigset_t old;

	if (slot < 0 || slot >= CLEANUP_MAX_FILES)
		return;
	cleanup_block(&old);
	file_used[slot] = 0;
	cleanup_restore(&old);
}

int cleanup_add_child(pid_t pid)
{
	sigset_t old;
	int rc = -1;

	cleanup_block(&old);
	for (size_t i = 0; i < CLEANUP_MAX_CHILDREN; i++)
		if (children[i] <= 0) {
			children[i] = pid;
			rc = 0;
			break;
		}
	cleanup_restore(&old);
	return rc;
}

void cleanup_drop_child(pid_t pid)
{
	sigset_t old;

	cleanup_block(&old);
	for (size_t i = 0; i < CLEANUP_MAX_CHILDREN; i++)
		if (children[i] == pid)
			children[i] = 0;
	cleanup_restore(&old);
}

int cleanup_add_dir(const char *dir, const char *const *names, size_t n)
{
	size_t len = strlen(dir);
	sigset_t old;
	int slot = -1, fd;

	if (len >= PATH_MAX)
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	cleanup_block(&old);
	for (int i = 0; i < CLEANUP_MAX_DIRS; i++)
		if (!dirs[i].used) {
			memcpy(dirs[i].path, dir, len + 1);
			dirs[i].fd = fd;
			dirs[i].names = names;
			dirs[i].n = n;
			dirs[i].used = 1;
			slot = i;
			break;
		}
	cleanup_restore(&old);
	if (slot < 0)
		close(fd);
	return slot;
}

void cleanup_drop_dir(int slot)
{
	sigset_t old;
	int fd;

	if (slot < 0 || slot >= CLEANUP_MAX_DIRS)
		return;
	cleanup_block(&old);
	fd = dirs[slot].used ? dirs[slot].fd : -1;
	dirs[slot].used = 0;
	cleanup_restore(&old);
	if (fd >= 0)
		close(fd);
}
