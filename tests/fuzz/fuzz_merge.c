/*
** fuzz_merge.c: libFuzzer harness for the reader of partial results, what
** `dtsim merge` reads (mcpart_read_*, sim/mcpart.h).
**
** Input: the bytes of one partial file (mc-part-K-of-N.txt). It is read as
** merge reads it: the header, every scenario's section (the runs' lines
** written to a scratch file), the last line. A mistake is fine when its
** record is complete. A finding is a crash, a sanitizer report, a hang, or
** a part that reads without error but that the writer then refuses (a
** value that is not finite would be one): what the reader accepts, mcwrite
** must be able to write, and nothing it writes is NaN or infinite.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzzutil.h"
#include "mcpart.h"
#include "mcwrite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int made;
	struct mcpart_reader *rd;
	struct mcpart_head h;
	struct mc_result **r = NULL;
	FILE *runs;
	struct err e;
	size_t n = 0;
	int ok = 0;

	if (!made++ && mkdir(fuzz_path("res"), 0700) != 0)
		abort();
	fuzz_write("part.txt", data, size);
	runs = fopen(fuzz_path("runs.csv"), "w");
	if (!runs)
		abort();
	err_clear(&e);
	rd = mcpart_open(fuzz_path("part.txt"), &e);
	if (!rd)
		fuzz_fail("cannot open the input: %s", e.msg);
	if (mcpart_read_head(rd, &h, &e) == 0 && (r = calloc(h.nscen, sizeof *r)) != NULL) {
		for (n = 0; n < h.nscen; n++)
			if (mcpart_read_scenario(rd, &h, runs, &r[n], &e) != 0)
				break;
		ok = n == h.nscen && mcpart_read_end(rd, &e) == 0;
	}
	if (!ok)
		fuzz_check_err(&e);
	if (ok) {
		double scratch_one;
		double *scratch = r[0]->exact ? calloc((size_t)r[0]->st.runs + 1, sizeof *scratch)
		                              : &scratch_one;

		/* Every statistic is a number or empty, never infinite. */
		for (size_t i = 0; i < n && scratch; i++) {
			if (r[i]->exact && r[i]->st.runs != r[0]->st.runs)
				fuzz_fail("results of one part with different run counts");
			for (size_t m = 0; m < r[i]->nmeas; m++) {
				double s[2 + MCWRITE_NPCT];

				mcwrite_stats(r[i], m, scratch, s);
				for (size_t k = 0; k < 2 + MCWRITE_NPCT; k++)
					if (isinf(s[k]))
						fuzz_fail("measure %zu: statistic %zu is infinite", m, k);
			}
		}
		if (scratch != &scratch_one)
			free(scratch);
		err_clear(&e);
		if (mcwrite_all(fuzz_path("res"), r, n, NULL, &e) != 0)
			fuzz_fail("an accepted part cannot be written: %s", e.msg);
	}
	for (size_t i = 0; r && i < n; i++)
		mc_result_free(r[i]);
	free(r);
	mcpart_close(rd);
	fclose(runs);
	return 0;
}
