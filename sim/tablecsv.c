/*
** tablecsv.c: a table as CSV, through csvout's fields (libcsv quoting).
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "afile.h"
#include "csvout.h"
#include "tablecsv.h"

/* Writes cell (r, c) of t as a field; -1 when the stream failed or the
** number is infinite (errno EDOM). */
static int put_cell(FILE *f, const struct table *t, size_t r, size_t c, enum csvdialect d)
{
	const struct table_cell *cell = table_at(t, r, c);

	switch (cell->kind) {
	case TABLE_NUMBER:
		return csvout_number_d(f, cell->v, c == 0, d);
	case TABLE_TEXT:
	case TABLE_LABEL:
		return csvout_field_d(f, cell->text, c == 0, d);
	case TABLE_EMPTY:
		break;
	}
	return csvout_field_d(f, "", c == 0, d);
}

/* The text that names row r in a message: its cell in column key_col. */
static const char *row_name(const struct table *t, size_t r, size_t key_col)
{
	const struct table_cell *cell;

	if (key_col >= t->ncols)
		return "a row";
	cell = table_at(t, r, key_col);
	return cell->text ? cell->text : "a row";
}

int tablecsv_write(const char *path, const struct table *t, size_t key_col,
                   enum csvdialect d, struct err *e)
{
	struct afile *af;
	FILE *f;

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const struct table_cell *cell = table_at(t, r, c);

			if (cell->kind == TABLE_NUMBER && isinf(cell->v))
				return err_set(e, path, 0, t->col[c].key,
				               "cannot write %s: %s of %s is %g; only finite numbers "
				               "or an empty field are written", path, t->col[c].key,
				               row_name(t, r, key_col), cell->v);
		}
	af = afile_open(path, e);
	if (!af)
		return -1;
	f = afile_stream(af);
	errno = 0;
	csvout_begin(f, d);
	for (size_t c = 0; c < t->ncols; c++)
		csvout_field_d(f, t->col[c].key, c == 0, d);
	fputc('\n', f);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			put_cell(f, t, r, c, d);
		fputc('\n', f);
	}
	/* afile keeps the first failed write and reports it here. */
	return afile_commit(af, e);
}
