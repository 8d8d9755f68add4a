/*
** fuzz_manifest.c: libFuzzer harness for the results reader of `dtsim plot`
** (manifest_load, sim/manifest.h): DIR/manifest.csv read with csvtab_load,
** then every file it lists checked against its size and digest.
**
** Input: the bytes of manifest.csv, written into the results directory
** res/ of the scratch directory. res/ also holds fixed results that a
** manifest may list: summary.csv, a.csv, a.params.ini, b.csv, b.params.ini
** (tiny files; their sizes and digests are in the seed corpus), and what a
** hostile directory may hold: link.csv (a symbolic link to a.csv),
** fifo.csv (a FIFO), dir.csv (a directory) with link.params.ini,
** fifo.params.ini and dir.params.ini, and plots (a link to /).
**
** An error is fine when its record is complete. A finding is a crash, a
** sanitizer report, a hang (a FIFO opened for reading blocks), or a loaded
** manifest that breaks its promise: ids that are one path component and
** listed once; names and descriptions that gnuplot_quote turns into
** literals of safe characters and octal escapes only.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzzutil.h"
#include "gnuplot.h"
#include "manifest.h"

/* The fixed result files: name, contents. */
static const char *const fixed[][2] = {
	{ "res/summary.csv", "\"scenario\",\"final_cash_eur\"\n\"a\",\"1.5\"\n\"b\",\"2.385\"\n" },
	{ "res/a.csv", "\"year\",\"cash_eur\"\n\"2026\",\"15000000\"\n\"2027\",\"14615000\"\n" },
	{ "res/a.params.ini", "[scenario]\nname = A\n" },
	{ "res/b.csv", "\"year\",\"cash_eur\"\n\"2026\",\"1\"\n" },
	{ "res/b.params.ini", "[scenario]\nname = B\n" },
	{ "res/link.params.ini", "[scenario]\n" },
	{ "res/fifo.params.ini", "[scenario]\n" },
	{ "res/dir.params.ini", "[scenario]\n" },
};

static void make_dir(void)
{
	static int done;

	if (done++)
		return;
	if (mkdir(fuzz_path("res"), 0700) != 0 || mkdir(fuzz_path("res/dir.csv"), 0700) != 0
	    || symlink("a.csv", fuzz_path("res/link.csv")) != 0
	    || symlink("/", fuzz_path("res/plots")) != 0
	    || mkfifo(fuzz_path("res/fifo.csv"), 0600) != 0)
		abort();
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		fuzz_write_text(fixed[i][0], fixed[i][1]);
}

/* Checks that q is a literal as gnuplot_quote promises: "...", with only
** safe characters and \ooo escapes inside. */
static void check_literal(const char *q)
{
	size_t n = strlen(q);

	if (n < 2 || q[0] != '"' || q[n - 1] != '"')
		fuzz_fail("gnuplot literal not double-quoted: %s", q);
	for (size_t i = 1; i < n - 1; i++) {
		if (q[i] == '\\') {
			if (i + 3 >= n || strspn(q + i + 1, "01234567") < 3)
				fuzz_fail("bad escape in gnuplot literal: %s", q);
			i += 3;
		} else if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                   "0123456789 .,-_:/()+", q[i]) || !q[i]) {
			fuzz_fail("unsafe byte 0x%02x in gnuplot literal: %s", (unsigned char)q[i], q);
		}
	}
}

static void check_text(const char *s, enum gnuplot_quoting how)
{
	char *q;

	if (gnuplot_quote(s, how, &q) != 0)
		fuzz_fail("gnuplot_quote refused '%s'", s);
	check_literal(q);
	free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest *m;
	struct err e;

	make_dir();
	fuzz_write("res/manifest.csv", data, size);
	err_clear(&e);
	if (manifest_load(fuzz_path("res"), &m, &e) != 0) {
		fuzz_check_err(&e);
		if (m)
			fuzz_fail("a failed load returned a manifest");
		return 0;
	}
	for (size_t i = 0; i < m->n; i++) {
		const struct manifest_entry *x = &m->entry[i];

		if (!x->id[0] || strchr(x->id, '/') || x->id[0] == '.')
			fuzz_fail("id '%s' is not one plain path component", x->id);
		if (manifest_find(m, x->id) != x)
			fuzz_fail("id '%s' listed twice", x->id);
		check_text(x->id, GNUPLOT_PATH);
		check_text(x->name, GNUPLOT_TEXT);
		check_text(x->description, GNUPLOT_TEXT);
	}
	manifest_free(m);
	return 0;
}
