/*
** fuzz_schedule.c: libFuzzer harness for the schedule reader
** (schedule_read, sim/schedule.h).
**
** Input: the bytes of a schedule CSV file, as a spreadsheet exports it.
** They are written to plan.csv in the scratch directory and read from
** there. An error is fine when its record is complete; a finding is a
** crash, a sanitizer report, a hang, or cells that break the reader's
** promise: a PF_SCHEDULE domain, a whole year in the registry's range, a
** value from 0 to the domain's maximum, a line within the file (lines
** end at LF, CRLF or a lone CR), and no year and domain twice; an error's
** line is within the file too.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzzutil.h"
#include "params.h"
#include "rfile.h"
#include "schedule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct param_def *yd = PARAM_DEF(P_sim_start_year);
	const char *path = fuzz_write("plan.csv", data, size);
	struct schedule_cell *cells;
	size_t ncells, lines = 1;
	struct rfile *f;
	struct err e;

	err_clear(&e);
	if (rfile_open(path, RFILE_SCHEDULE_MAX_BYTES, RFILE_CSV_MAX_LINE, &f, &e) != 0)
		fuzz_fail("plan.csv does not open: %s", e.msg);
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	if (schedule_read(f, path, &cells, &ncells, &e) != 0) {
		fuzz_check_err(&e);
		if (cells || ncells)
			fuzz_fail("a failed read returned cells");
		if (e.line < 0 || (size_t)e.line > lines)
			fuzz_fail("an error on line %ld of a file of %zu lines", e.line, lines);
		rfile_close(f);
		return 0;
	}
	rfile_close(f);
	for (size_t i = 0; i < ncells; i++) {
		const struct schedule_cell *c = &cells[i];

		if (!c->def || !(c->def->flags & PF_SCHEDULE))
			fuzz_fail("cell %zu: not a schedule domain", i);
		if (c->year < yd->min || c->year > yd->max)
			fuzz_fail("cell %zu: year %ld out of range", i, c->year);
		if (!isfinite(c->value) || c->value < 0 || c->value > c->def->max)
			fuzz_fail("cell %zu: value %g out of range", i, c->value);
		/* A data row is below the header: line 2 at least. */
		if (c->line < 2 || (size_t)c->line > lines)
			fuzz_fail("cell %zu: line %ld outside the file", i, c->line);
		for (size_t j = 0; j < i; j++)
			if (cells[j].year == c->year && cells[j].def == c->def)
				fuzz_fail("cell %zu: year %ld and %s twice", i, c->year, c->def->key);
	}
	free(cells);
	return 0;
}
