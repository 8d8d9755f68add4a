/*
** senscsv.c: the sensitivity tables (senscsv.h), through csvout's fields
** and an afile.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "afile.h"
#include "csvout.h"
#include "senscsv.h"

int senscsv_write(const char *path, const struct senscsv_table *t, struct err *e)
{
	struct afile *af = afile_open(path, e);
	FILE *f;
	int bad;

	if (!af)
		return -1;
	f = afile_stream(af);
	bad = csvout_field(f, "parameter", 1);
	for (size_t j = 0; j < t->ncols; j++)
		bad = bad || csvout_field(f, t->cols[j], 0);
	bad = bad || csvout_field(f, "kpi", 0) || csvout_field(f, "scenario", 0)
	      || csvout_field(f, "inputs_digest", 0) || fputc('\n', f) == EOF;
	for (size_t r = 0; r < t->n && !bad; r++) {
		size_t i = t->order[r];

		bad = csvout_field(f, t->names[i], 1);
		for (size_t j = 0; j < t->ncols; j++)
			bad = bad || csvout_number(f, t->vals[i * t->ncols + j], 0);
		bad = bad || csvout_field(f, t->kpi, 0)
		      || csvout_field(f, t->scenario ? t->scenario : "", 0)
		      || csvout_field(f, t->inputs_digest ? t->inputs_digest : "", 0)
		      || fputc('\n', f) == EOF;
	}
	if (bad) {
		int infinite = errno == EDOM;

		afile_abort(af);
		return err_set(e, path, 0, NULL, "cannot write %s: %s", path,
		               infinite ? "a value is infinite" : strerror(errno));
	}
	return afile_commit(af, e);
}
