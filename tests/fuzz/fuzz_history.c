/*
** fuzz_history.c: libFuzzer harness for the history reader of `dtsim
** calibrate --data` (history_load, history_check_years; sim/history.h).
**
** Input: the bytes of a history CSV file, written to h.csv in the scratch
** directory. An error is fine when its record is complete. On success the
** table must keep the reader's promises: at least one observed column
** and one observation; every year whole, in 1900..2200 and given once;
** lines that grow with the rows; every value finite or NaN (not observed),
** every weight finite and at least 0, 0 where nothing is observed; nobs the
** count of cells with a value and a weight above 0. history_check_years
** must accept the span of the years and refuse one that leaves a year out.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("h.csv", data, size);
	struct history *h;
	struct err e;
	size_t nobs = 0;
	long lo = 2200, hi = 1900;

	err_clear(&e);
	if (history_load(path, &h, &e) != 0) {
		fuzz_check_err(&e);
		if (h)
			fuzz_fail("a failed load returned a history");
		return 0;
	}
	if (h->ncols == 0 || h->nobs == 0)
		fuzz_fail("%zu columns, %zu observations", h->ncols, h->nobs);
	for (size_t j = 0; j < h->ncols; j++)
		if (h->col[j] <= OV_year || h->col[j] >= OV_COUNT)
			fuzz_fail("column %zu is output variable %d", j, (int)h->col[j]);
	for (size_t r = 0; r < h->nrows; r++) {
		if (h->year[r] < 1900 || h->year[r] > 2200)
			fuzz_fail("row %zu: year %ld", r, h->year[r]);
		if (h->line[r] < 2 || (r && h->line[r] <= h->line[r - 1]))
			fuzz_fail("row %zu: line %ld", r, h->line[r]);
		for (size_t k = 0; k < r; k++)
			if (h->year[k] == h->year[r])
				fuzz_fail("year %ld twice", h->year[r]);
		lo = h->year[r] < lo ? h->year[r] : lo;
		hi = h->year[r] > hi ? h->year[r] : hi;
		for (size_t j = 0; j < h->ncols; j++) {
			double v = h->obs[r * h->ncols + j], w = h->w[r * h->ncols + j];
			if (!(isnan(v) || isfinite(v)) || !isfinite(w) || w < 0 || (isnan(v) && w != 0))
				fuzz_fail("row %zu, column %zu: value %g, weight %g", r, j, v, w);
			nobs += w > 0;
		}
	}
	if (nobs != h->nobs)
		fuzz_fail("nobs %zu, counted %zu", h->nobs, nobs);
	if (history_check_years(h, path, lo, hi, &e) != 0)
		fuzz_fail("the span %ld..%ld of the years refused: %s", lo, hi, e.msg);
	err_clear(&e);
	if (history_check_years(h, path, lo + 1, hi, &e) == 0)
		fuzz_fail("year %ld outside %ld..%ld accepted", lo, lo + 1, hi);
	fuzz_check_err(&e);
	history_free(h);
	return 0;
}
