/*
** cleanup.h: what a signal must not leave behind. When SIGINT, SIGTERM or
** SIGHUP stops dtsim, the handler that cleanup_install sets ends the
** registered children (gnuplot), removes the registered temporary files
** and directories, and then lets the signal end the process as it would
** have without a handler (so the exit status says which signal it was).
**
** The registrations are the only mutable state of dtsim with static
** storage: a signal handler can reach nothing else. Every function here
** blocks those signals while it changes the tables, so the handler never
** sees half a registration.
*/
#ifndef DTSIM_CLEANUP_H
#define DTSIM_CLEANUP_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* How many temporary files, children and directories may be registered at
** once: dtsim holds at most two result files and one script open at a
** time, and runs at most 8 gnuplot processes. */
#define CLEANUP_MAX_FILES    16
#define CLEANUP_MAX_CHILDREN 16
#define CLEANUP_MAX_DIRS     4

/* Installs the handler for SIGINT, SIGTERM and SIGHUP (without SA_RESTART).
** Returns 0, or -1 with errno set. Without it, registrations do nothing. */
int cleanup_install(void);

/* Registers path (copied; at most PATH_MAX bytes) for removal. Returns its
** slot (>= 0), or -1 when the table is full or path too long. */
int cleanup_add_file(const char *path);

/* Forgets the file in slot (from cleanup_add_file); -1 is a no-op. */
void cleanup_drop_file(int slot);

/* Registers a running child to be killed (SIGKILL) and reaped. Returns 0,
** or -1 when the table is full. */
int cleanup_add_child(pid_t pid);

/* Forgets pid (reaped by its owner). */
void cleanup_drop_child(pid_t pid);

/*
** Registers a temporary directory dir whose files are listed in names
** (n of them, names relative to dir; the array and its strings stay the
** caller's and must not change until cleanup_drop_dir): the handler
** removes each listed file and then the directory. Returns its slot, or -1.
*/
int cleanup_add_dir(const char *dir, const char *const *names, size_t n);

/* Forgets the directory in slot; -1 is a no-op. */
void cleanup_drop_dir(int slot);

/* Blocks the signals the handler takes, saving the previous mask in *old,
** and restores it: for a caller that must not be interrupted between two
** steps (a fork and the registration of its child; a child restores the
** mask before exec). */
void cleanup_block(sigset_t *old);
void cleanup_restore(const sigset_t *old);

/*
** For a child just forked while the signals were blocked (cleanup_block,
** old the mask it saved), before it executes its program: asks to be
** killed when dtsim dies (Linux PR_SET_PDEATHSIG: even by SIGKILL, which
** no handler sees), ends at once (_exit 127) when dtsim died before the
** request took effect, and restores the mask.
*/
void cleanup_child_init(pid_t parent, const sigset_t *old);

#endif
