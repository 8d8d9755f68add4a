/*
** csvout.c: CSV results through libcsv, written whole or not at all.
**
** Every field goes through csv_fwrite, which always quotes (libcsv has no
** minimal-quoting writer); gnuplot and spreadsheet programs read quoted
** numbers as numbers. Numbers are the shortest decimal that reads back to
** the identical double (numfmt_double), in the C locale. A value that is
** not finite is refused: the file is then not written at all (afile_abort).
** In the de dialect (csvdialect.h) fields are separated by ';', numbers
** have a decimal comma, and the file starts with a UTF-8 byte-order mark.
** The stream writers (csvout_series, csvout_kpis) leave the file to the
** caller, who may write several before committing any (dtsim run commits
** a scenario's CSV and params.ini together).
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "afile.h"
#include "csvdialect.h"
#include "csvout.h"
#include "numfmt.h"
#include "outvars.h"

/* Writes one field, preceded by the separator sep unless it starts the
** line. Returns 0, or -1 when the stream failed. */
static int put_field_sep(FILE *f, const char *text, int first, char sep)
{
	if (!first && fputc(sep, f) == EOF)
		return -1;
	return csv_fwrite(f, text, strlen(text)) == 0 ? 0 : -1;
}

static int put_field(FILE *f, const char *text, int first)
{
	return put_field_sep(f, text, first, ',');
}

int csvout_field(FILE *f, const char *text, int first)
{
	return put_field(f, text, first);
}

int csvout_number(FILE *f, double x, int first)
{
	return csvout_number_d(f, x, first, CSVDIALECT_EN);
}

int csvout_field_d(FILE *f, const char *text, int first, enum csvdialect d)
{
	return put_field_sep(f, text, first, csvdialect_sep(d));
}

int csvout_number_d(FILE *f, double x, int first, enum csvdialect d)
{
	char buf[NUMFMT_LEN];

	if (isnan(x))
		return put_field_sep(f, "", first, csvdialect_sep(d));
	if (isinf(x)) {
		errno = EDOM;
		return -1;
	}
	csvdialect_format(x, d, buf);
	return put_field_sep(f, buf, first, csvdialect_sep(d));
}

/* Writes a finite number as a field of dialect d; as put_field. */
static int put_number(FILE *f, double x, int first, enum csvdialect d)
{
	char buf[NUMFMT_LEN];

	csvdialect_format(x, d, buf);
	return put_field_sep(f, buf, first, csvdialect_sep(d));
}

int csvout_begin(FILE *f, enum csvdialect d)
{
	return d == CSVDIALECT_DE && fputs(CSVDIALECT_BOM, f) == EOF ? -1 : 0;
}

static int put_eol(FILE *f)
{
	return fputc('\n', f) == EOF ? -1 : 0;
}

/* Reports a failed write to name with its cause (errno of the failed
** stream call: afile's streams keep it). Returns -1. */
static int write_failed(const char *name, struct err *e)
{
	return err_set(e, name, 0, NULL, "cannot write %s: %s", name,
	               strerror(errno ? errno : EIO));
}

/*
** The header is outvars_table's names in column order; each row is s->cols
** numbers. A non-finite value stops the write with an error naming the
** column (as key) and the row's year.
*/
int csvout_series(FILE *f, const char *name, const struct series *s, enum csvdialect d,
                  struct err *e)
{
	char sep = csvdialect_sep(d);

	if (s->cols != OV_COUNT)
		return err_set(e, name, 0, NULL, "cannot write %s: the series has %zu columns, not %d",
		               name, s->cols, OV_COUNT);
	errno = 0;
	if (csvout_begin(f, d) != 0)
		return write_failed(name, e);
	for (size_t c = 0; c < s->cols; c++)
		if (put_field_sep(f, outvars_table[c].name, c == 0, sep) != 0)
			return write_failed(name, e);
	if (put_eol(f) != 0)
		return write_failed(name, e);

	for (size_t r = 0; r < s->rows; r++) {
		const double *row = s->v + r * s->cols;
		for (size_t c = 0; c < s->cols; c++) {
			if (!isfinite(row[c]))
				return err_set(e, name, 0, outvars_table[c].name,
				               "cannot write %s: %s is %g in row %zu (year %.17g); "
				               "only finite numbers are written",
				               name, outvars_table[c].name, row[c], r + 1, row[OV_year]);
			if (put_number(f, row[c], c == 0, d) != 0)
				return write_failed(name, e);
		}
		if (put_eol(f) != 0)
			return write_failed(name, e);
	}
	return 0;
}

/*
** One line per row: the lead texts, then the KPIs in summary_kpis order.
** NaN means "does not exist" (a target never reached) and becomes an empty
** field; an infinity has no such meaning and is refused like in a series.
*/
int csvout_kpis(FILE *f, const char *name, const struct csvout_kpi_table *t, struct err *e)
{
	char sep = csvdialect_sep(t->dialect);

	errno = 0;
	if (csvout_begin(f, t->dialect) != 0)
		return write_failed(name, e);
	for (size_t j = 0; j < t->nlead; j++)
		if (put_field_sep(f, t->lead_names[j], j == 0, sep) != 0)
			return write_failed(name, e);
	for (size_t k = 0; k < KPI_COUNT; k++)
		if (put_field_sep(f, summary_kpis[k].name, t->nlead == 0 && k == 0, sep) != 0)
			return write_failed(name, e);
	if (put_eol(f) != 0)
		return write_failed(name, e);

	for (size_t i = 0; i < t->n; i++) {
		const char *const *lead = t->lead + i * t->nlead;

		for (size_t j = 0; j < t->nlead; j++)
			if (put_field_sep(f, lead[j], j == 0, sep) != 0)
				return write_failed(name, e);
		for (size_t k = 0; k < KPI_COUNT; k++) {
			double x = t->rows[i].v[k];
			int first = t->nlead == 0 && k == 0;
			int rc;

			if (isnan(x)) {
				rc = put_field_sep(f, "", first, sep);
			} else if (isinf(x)) {
				return err_set(e, name, 0, summary_kpis[k].name,
				               "cannot write %s: %s of %s is %g; "
				               "only finite numbers or an empty field are written",
				               name, summary_kpis[k].name,
				               t->key_col < t->nlead ? lead[t->key_col] : "a row", x);
			} else {
				rc = put_number(f, x, first, t->dialect);
			}
			if (rc != 0)
				return write_failed(name, e);
		}
		if (put_eol(f) != 0)
			return write_failed(name, e);
	}
	return 0;
}

/* Writes path through a temporary file with write(f, name, x, e): whole,
** or not at all. */
static int write_whole(const char *path, const void *x,
                       int (*write)(FILE *, const char *, const void *, struct err *),
                       struct err *e)
{
	struct afile *af = afile_open(path, e);

	if (!af)
		return -1;
	if (write(afile_stream(af), path, x, e) != 0) {
		afile_abort(af);
		return -1;
	}
	return afile_commit(af, e);
}

static int series_writer(FILE *f, const char *name, const void *x, struct err *e)
{
	return csvout_series(f, name, x, CSVDIALECT_EN, e);
}

static int kpis_writer(FILE *f, const char *name, const void *x, struct err *e)
{
	return csvout_kpis(f, name, x, e);
}

int csvout_write_series(const char *path, const struct series *s, struct err *e)
{
	return write_whole(path, s, series_writer, e);
}

int csvout_write_kpis(const char *path, const struct csvout_kpi_table *t, struct err *e)
{
	return write_whole(path, t, kpis_writer, e);
}

/* summary.csv is the KPI table with the scenario id in front. */
int csvout_write_summary(const char *path, const char *const *ids,
                         const struct summary *rows, size_t n, struct err *e)
{
	static const char *const lead_names[] = { "scenario" };
	const struct csvout_kpi_table t = { 1, lead_names, ids, 0, rows, n, CSVDIALECT_EN };

	return csvout_write_kpis(path, &t, e);
}
