/*
** fuzz_csvtab.c: libFuzzer harness for the CSV table reader that `dtsim
** plot` uses for every results file (csvtab_load, sim/csvtab.h).
**
** Input: the bytes of a CSV file, written to t.csv in the scratch
** directory. An error is fine when its record is complete. On success
** every cell is read as text and as a number, and every header name is
** looked up: a finding is a crash, a sanitizer report, a hang, a row of
** another width, or a number that is not finite.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvtab.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("t.csv", data, size);
	struct csvtab *t;
	struct err e;
	size_t rows, cols;

	err_clear(&e);
	if (csvtab_load(path, &t, &e) != 0) {
		fuzz_check_err(&e);
		if (t)
			fuzz_fail("a failed load returned a table");
		return 0;
	}
	rows = csvtab_rows(t);
	cols = csvtab_cols(t);
	if (cols == 0)
		fuzz_fail("a table without columns");
	/* The header is reached only by name: look up those that results
	** have, and the texts of the first row. */
	for (size_t c = 0; c < cols + 3; c++) {
		static const char *const names[] = { "year", "scenario", "" };
		const char *name = c < 3 ? names[c] : rows ? csvtab_text(t, 0, c - 3) : "year";
		int found = csvtab_find(t, name);
		if (found < -1 || found >= (int)cols)
			fuzz_fail("csvtab_find('%s') = %d of %zu columns", name, found, cols);
	}
	for (size_t r = 0; r < rows; r++)
		for (size_t c = 0; c < cols; c++) {
			double x = csvtab_num(t, r, c);
			if (!csvtab_text(t, r, c) || !(isnan(x) || isfinite(x)))
				fuzz_fail("row %zu, column %zu: %g", r, c, x);
		}
	csvtab_free(t);
	return 0;
}
