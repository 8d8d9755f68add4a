/*
** csvtab.c: a whole CSV file in memory, through libcsv.
**
** libcsv reports no positions, so the file is fed one physical line at a
** time and an error belongs to the line just fed. CSV_STRICT rejects a stray
** quote, CSV_STRICT_FINI an unclosed quote at the end, CSV_APPEND_NULL ends
** every field with a NUL. Every field is kept as text; the tables are small
** (a row per year, a column per output variable). The dialect (csvdialect.h)
** is taken from the first line, after a byte-order mark: a ';' there makes
** it de, whose separator libcsv is then given and whose numbers
** csvtab_num reads with a decimal comma.
*/
#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvdialect.h"
#include "csvtab.h"
#include "numfmt.h"
#include "rfile.h"

struct csvtab {
	char **cell;    /* rows * cols + cols texts, the header first; owned */
	size_t ncell, capcell;
	size_t cols;    /* fields in the header */
	size_t rows;    /* rows below the header */
	long *line;     /* the physical line each row starts on; owned */
	size_t capline;
	enum csvdialect dialect;
};

/* The state of one read, seen by the libcsv callbacks. */
struct reader {
	struct csvtab *t;
	const char *path;
	long line;       /* the physical line being fed */
	long start;      /* the line the current row started on, 0 before a field */
	size_t fields;   /* fields so far in the current row */
	int failed;
	struct err *e;
};

/* Records the first failure of the read at the current line. */
static void reader_fail(struct reader *r, const char *msg)
{
	if (r->failed)
		return;
	r->failed = 1;
	err_set(r->e, r->path, r->line, NULL, "%s", msg);
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	struct csvtab *t = r->t;
	char *copy;

	if (r->failed)
		return;
	if (!r->start)
		r->start = r->line;
	if (t->ncell == t->capcell) {
		size_t cap = t->capcell ? 2 * t->capcell : 64;
		char **grown = realloc(t->cell, cap * sizeof *grown);

		if (!grown) {
			reader_fail(r, "out of memory");
			return;
		}
		t->cell = grown;
		t->capcell = cap;
	}
	copy = malloc(len + 1);
	if (!copy) {
		reader_fail(r, "out of memory");
		return;
	}
	memcpy(copy, s ? s : "", len);
	copy[len] = '\0';
	t->cell[t->ncell++] = copy;
	r->fields++;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	struct csvtab *t = r->t;
	char msg[128];

	(void)c;
	if (r->failed)
		return;
	if (t->cols == 0) {
		t->cols = r->fields;
	} else if (r->fields != t->cols) {
		snprintf(msg, sizeof msg, "%zu fields, but the header has %zu", r->fields, t->cols);
		reader_fail(r, msg);
		return;
	} else {
		if (t->rows == t->capline) {
			size_t cap = t->capline ? 2 * t->capline : 64;
			long *grown = realloc(t->line, cap * sizeof *grown);

			if (!grown) {
				reader_fail(r, "out of memory");
				return;
			}
			t->line = grown;
			t->capline = cap;
		}
		t->line[t->rows++] = r->start;
	}
	r->fields = 0;
	r->start = 0;
}

void csvtab_free(struct csvtab *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncell; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->line);
	free(t);
}

/*
** Reads path line by line into a new table, within the caps for result
** files (RFILE_RESULT_MAX_BYTES, RFILE_CSV_MAX_LINE): a FIFO, a device or
** an endless line fails instead of blocking or filling memory. A file
** without a header row is an error; a header with no rows below it is a
** table of zero rows.
*/
int csvtab_load(const char *path, struct csvtab **out, struct err *e)
{
	struct csv_parser p;
	struct reader r = { NULL, path, 0, 0, 0, 0, e };
	struct rfile *f;
	const char *line = NULL;
	size_t len = 0;
	int got;

	*out = NULL;
	if (rfile_open(path, RFILE_RESULT_MAX_BYTES, RFILE_CSV_MAX_LINE, &f, e))
		return -1;
	r.t = calloc(1, sizeof *r.t);
	if (!r.t || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(r.t);
		rfile_close(f);
		return err_set(e, path, 0, NULL, "cannot read %s: out of memory", path);
	}
	while (!r.failed && (got = rfile_getline(f, &line, &len, e)) != 0) {
		if (got < 0) {
			r.failed = 1; /* e says why, at its line */
			break;
		}
		r.line = rfile_lineno(f);
		if (r.line == 1) {
			size_t bom = csvdialect_bom(line, len);

			r.t->dialect = csvdialect_detect(line, len);
			csv_set_delim(&p, (unsigned char)csvdialect_sep(r.t->dialect));
			line += bom;
			len -= bom;
		}
		if (csv_parse(&p, line, len, on_field, on_row, &r) != len)
			reader_fail(&r, csv_strerror(csv_error(&p)));
	}
	if (!r.failed && csv_fini(&p, on_field, on_row, &r) != 0)
		reader_fail(&r, csv_strerror(csv_error(&p)));
	if (!r.failed && r.t->cols == 0) {
		r.line = 0;
		reader_fail(&r, "the file is empty (no header row)");
	}
	csv_free(&p);
	rfile_close(f);
	if (r.failed) {
		csvtab_free(r.t);
		return -1;
	}
	*out = r.t;
	return 0;
}

size_t csvtab_rows(const struct csvtab *t)
{
	return t->rows;
}

size_t csvtab_cols(const struct csvtab *t)
{
	return t->cols;
}

int csvtab_find(const struct csvtab *t, const char *name)
{
	for (size_t c = 0; c < t->cols; c++)
		if (strcmp(t->cell[c], name) == 0)
			return (int)c;
	return -1;
}

long csvtab_line(const struct csvtab *t, size_t r)
{
	return t->line[r];
}

const char *csvtab_header(const struct csvtab *t, size_t c)
{
	return t->cell[c];
}

const char *csvtab_text(const struct csvtab *t, size_t r, size_t c)
{
	return t->cell[(r + 1) * t->cols + c];
}

enum csvdialect csvtab_dialect(const struct csvtab *t)
{
	return t->dialect;
}

int csvtab_write(const struct csvtab *t, FILE *f, enum csvdialect d)
{
	char num[NUMFMT_LEN];

	if (d == CSVDIALECT_DE && fputs(CSVDIALECT_BOM, f) == EOF)
		return -1;
	for (size_t r = 0; r <= t->rows; r++) {
		for (size_t c = 0; c < t->cols; c++) {
			const char *text = t->cell[r * t->cols + c];
			double x;

			if (r > 0 && csvdialect_number(text, t->dialect, &x) == NUMFMT_OK) {
				csvdialect_format(x, d, num);
				text = num;
			}
			if ((c > 0 && fputc(csvdialect_sep(d), f) == EOF)
			    || csv_fwrite(f, text, strlen(text)) != 0)
				return -1;
		}
		if (fputc('\n', f) == EOF)
			return -1;
	}
	return 0;
}

/* dtsim's own files are read back through the grammar every reader shares
** (numfmt_parse, in de with a decimal comma), which takes every form
** numfmt_double writes. */
double csvtab_num(const struct csvtab *t, size_t r, size_t c)
{
	double x;

	if (csvdialect_number(csvtab_text(t, r, c), t->dialect, &x) != NUMFMT_OK)
		return NAN;
	return x;
}
