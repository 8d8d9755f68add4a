/*
** pandoc.h: report.md made into a self-contained report.html and a
** report.docx by pandoc, run as a child process as gnuplot is: no shell, a
** fixed argument vector (no user text in it), a fixed environment, in the
** results directory, ended with dtsim (PR_SET_PDEATHSIG, and the signal
** handler of cleanup.h), its output written under a temporary name and
** renamed into place only when pandoc succeeded.
**
** Safety: the Markdown is read with raw HTML, raw attributes and raw TeX
** off (-f markdown-raw_html-raw_attribute-raw_tex), images are looked up
** only in the results directory (--resource-path=. with the directory as
** the working directory), and HOME points nowhere, so no user data
** directory (templates, filters, defaults) of pandoc's takes part. What the
** Markdown holds is safe by construction (report.h, mdescape.h).
*/
#ifndef DTSIM_PANDOC_H
#define DTSIM_PANDOC_H

#include "err.h"
#include "plot.h"

enum pandoc_format { PANDOC_HTML, PANDOC_DOCX, PANDOC_NFORMATS };

/* The file each format is written to in the results directory. */
extern const char *const pandoc_files[PANDOC_NFORMATS];

/* The program: $DTSIM_PANDOC when env is not NULL, else "pandoc". */
const char *pandoc_program(const char *env);

/*
** 0 when program can be run: a path (with a '/') that is executable, or a
** name found executable in a directory of PATH; else the errno (ENOENT
** when found nowhere). The caller says what its absence means.
*/
int pandoc_available(const char *program);

/*
** Turns dir/md (a file name in dir) into dir/pandoc_files[f], in lang
** (the document's language attribute), with program: the output goes to a
** temporary file in dir (afile.h), which is renamed into place when pandoc
** exits with 0 and removed otherwise. Returns 0, or -1 with e filled
** (pandoc could not be started, was ended by a signal, exited with a
** status other than 0: with the first line it wrote to stderr).
*/
int pandoc_convert(const char *dir, const char *md, enum pandoc_format f, enum plot_lang lang,
                   const char *program, struct err *e);

#endif
