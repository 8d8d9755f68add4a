/*
** fuzz_csvde.c: libFuzzer harness for the German CSV dialect
** (sim/csvdialect.h): ';' between fields, a decimal comma, read by
** csvtab_load (results) and schedule_read (schedules), recognised by a ';'
** in the first line.
**
** Input: the bytes of a CSV file. The harness writes them to g.csv: as
** they are when the first line holds a ';' (German already), else
** "Germanised" (every ',' made ';', every '.' made ',' and every ';' made
** '.'), so that every English seed and mutation reaches the German reader
** too (fuzz_csvtab reads English files as they are). When g.csv loads:
**   - every number of the table, written back in its dialect
**     (csvdialect_format), reads as the same double;
**   - the table written in the other dialect (csvtab_write) loads again
**     with the same shape, the same doubles (bit for bit) where the
**     original had numbers, and the same text elsewhere; and so does that
**     copy written back in the first dialect. (Not the original itself: a
**     text such as "1.5", no number in German, is one in English.)
** and read as a schedule it gives only cells of schedule domains with
** finite values from 0 to the domain's maximum. A finding is a crash, a
** sanitizer report, a hang or a broken promise above.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvdialect.h"
#include "csvtab.h"
#include "fuzzutil.h"
#include "params.h"
#include "rfile.h"
#include "schedule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes t in dialect d to name and loads it back. */
static struct csvtab *rewrite(const struct csvtab *t, enum csvdialect d, const char *name)
{
	const char *path = fuzz_path(name);
	FILE *f = fopen(path, "wb");
	struct csvtab *back = NULL;
	struct err e;

	if (!f)
		fuzz_fail("cannot write %s", path);
	if (csvtab_write(t, f, d) != 0)
		fuzz_fail("csvtab_write to %s failed", name);
	fclose(f);
	err_clear(&e);
	if (csvtab_load(path, &back, &e) != 0)
		fuzz_fail("%s (%s) does not load: %s:%ld: %s", name, csvdialect_name(d), e.file,
		          e.line, e.msg);
	return back;
}

/* The same table, cell for cell: numbers of a bit for bit, texts alike. */
static void same_table(const struct csvtab *a, const struct csvtab *b, const char *what)
{
	if (csvtab_rows(a) != csvtab_rows(b) || csvtab_cols(a) != csvtab_cols(b))
		fuzz_fail("%s: %zu x %zu, then %zu x %zu", what, csvtab_rows(a), csvtab_cols(a),
		          csvtab_rows(b), csvtab_cols(b));
	for (size_t c = 0; c < csvtab_cols(a); c++)
		if (strcmp(csvtab_header(a, c), csvtab_header(b, c)) != 0)
			fuzz_fail("%s: header %zu '%s', then '%s'", what, c, csvtab_header(a, c),
			          csvtab_header(b, c));
	for (size_t r = 0; r < csvtab_rows(a); r++)
		for (size_t c = 0; c < csvtab_cols(a); c++) {
			double x = csvtab_num(a, r, c), y = csvtab_num(b, r, c);

			if (isnan(x) ? strcmp(csvtab_text(a, r, c), csvtab_text(b, r, c)) != 0
			             : memcmp(&x, &y, sizeof x) != 0)
				fuzz_fail("%s: row %zu, column %zu: '%s', then '%s'", what, r, c,
				          csvtab_text(a, r, c), csvtab_text(b, r, c));
		}
}

/* Loads path as a results table and checks its numbers and round trips. */
static void table(const char *path)
{
	struct csvtab *t, *other, *again;
	enum csvdialect d;
	char buf[NUMFMT_LEN];
	struct err e;

	err_clear(&e);
	if (csvtab_load(path, &t, &e) != 0) {
		fuzz_check_err(&e);
		return;
	}
	d = csvtab_dialect(t);
	for (size_t r = 0; r < csvtab_rows(t); r++)
		for (size_t c = 0; c < csvtab_cols(t); c++) {
			double x = csvtab_num(t, r, c), y;

			if (isnan(x))
				continue;
			if (!isfinite(x))
				fuzz_fail("row %zu, column %zu: %g", r, c, x);
			csvdialect_format(x, d, buf);
			if (csvdialect_number(buf, d, &y) != NUMFMT_OK || memcmp(&x, &y, sizeof x))
				fuzz_fail("%g written as '%s' reads back as another number", x, buf);
		}
	other = rewrite(t, d == CSVDIALECT_DE ? CSVDIALECT_EN : CSVDIALECT_DE, "o.csv");
	same_table(t, other, "the other dialect");
	again = rewrite(other, d, "a.csv");
	same_table(other, again, "and back");
	csvtab_free(again);
	csvtab_free(other);
	csvtab_free(t);
}

/* Reads path as a schedule; an error must be complete, cells in range. */
static void schedule(const char *path)
{
	struct schedule_cell *cells;
	size_t ncells;
	struct rfile *f;
	struct err e;

	err_clear(&e);
	if (rfile_open(path, RFILE_SCHEDULE_MAX_BYTES, RFILE_CSV_MAX_LINE, &f, &e) != 0)
		fuzz_fail("%s does not open: %s", path, e.msg);
	if (schedule_read(f, path, &cells, &ncells, &e) != 0) {
		fuzz_check_err(&e);
		rfile_close(f);
		return;
	}
	rfile_close(f);
	for (size_t i = 0; i < ncells; i++)
		if (!cells[i].def || !(cells[i].def->flags & PF_SCHEDULE) || !isfinite(cells[i].value)
		    || cells[i].value < 0 || cells[i].value > cells[i].def->max)
			fuzz_fail("schedule cell %zu: out of range", i);
	free(cells);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *g = malloc(size + 1);
	const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
	int german = size && memchr(data, ';', nl ? (size_t)(nl - data) : size) != NULL;

	if (!g)
		return 0;
	for (size_t i = 0; i < size; i++)
		g[i] = german ? data[i] : data[i] == ',' ? ';' : data[i] == '.' ? ','
		     : data[i] == ';' ? '.' : data[i];
	table(fuzz_write("g.csv", g, size));
	schedule(fuzz_path("g.csv"));
	free(g);
	return 0;
}
