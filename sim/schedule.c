/*
** schedule.c: reading an allocation schedule from CSV with libcsv.
**
** libcsv reports no positions and skips blank lines, so the file is fed to
** it one physical line at a time: an error then belongs to the line just
** fed (a quoted field may span lines; its row belongs to the line it ends
** on). The file comes through an rfile, which caps lines and size and
** ends a line at LF; libcsv also ends a row at a lone CR (the line end of
** old Mac spreadsheets), so each piece of an rfile line up to a lone CR is
** fed as a line of its own and counted.
** CSV_STRICT rejects a stray quote, CSV_STRICT_FINI an unclosed quote
** at the end of the file, CSV_APPEND_NULL terminates every field.
**
** Every mistake is reported, not only the first: each unknown or repeated
** column of the header, each bad row (a wrong number of fields, a year
** that is no year or comes twice) and each bad cell. A row whose year is
** wrong is not read further, and with a wrong header no row is (its cells
** would be read as the wrong domains). Malformed CSV ends the read: libcsv
** cannot go on after it.
**
** A file whose first line holds a ';' is German CSV (csvdialect.h): fields
** separated by ';', numbers with a decimal comma ("1,5"). A point in one of
** its numbers is refused with a hint, never guessed: "1.500" is 1500 to a
** German reader.
*/
#include <csv.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvdialect.h"
#include "numfmt.h"
#include "registry.h"
#include "schedule.h"
#include "strbuf.h"

/* The state of one read; the libcsv callbacks see only this. */
struct reader {
	const char *name;
	long line;                     /* the physical line being fed */
	struct errlist *el;            /* every error of the read */
	size_t errors;                 /* how many were added to el */
	int stop;                      /* the file cannot be read further */
	int bad_header, bad_row;       /* no row, or not this row, is read */
	char **fields;                 /* the fields of the current row */
	size_t nfields, capfields;
	size_t rows;                   /* rows seen, the header included */
	const struct param_def **cols; /* one per column; cols[0] (year) NULL */
	size_t ncols;
	struct schedule_cell *cells;
	size_t ncells, capcells;
	long *years, *year_lines;      /* the years seen and their lines */
	size_t nyears, capyears, caplines;
	enum csvdialect dialect;       /* from the first line */
};

/* Grows *p (of *cap elements of size sz) to hold at least need. */
static int grow(void *p, size_t *cap, size_t need, size_t sz)
{
	void **pp = p, *q;
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	q = realloc(*pp, n * sz);
	if (!q)
		return -1;
	*pp = q;
	*cap = n;
	return 0;
}

/* Records an error of the read at the current line. */
static void fail(struct reader *r, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct reader *r, const char *key, const char *fmt, ...)
{
	struct err e;
	va_list ap;

	va_start(ap, fmt);
	err_setv(&e, r->name, r->line, key, fmt, ap);
	va_end(ap);
	errlist_add(r->el, &e);
	r->errors++;
}

/* Records an error after which the file is not read further. */
#define fail_stop(r, ...) ((r)->stop = 1, fail((r), __VA_ARGS__))

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	char *copy;

	if (r->stop || r->bad_row)
		return;
	if (strlen(s) != len) {
		/* The row is not read: its fields no longer line up. */
		fail(r, "", "a field contains a NUL byte");
		r->bad_row = 1;
		return;
	}
	if (grow(&r->fields, &r->capfields, r->nfields + 1, sizeof *r->fields) ||
	    !(copy = malloc(len + 1))) {
		fail_stop(r, "", "out of memory");
		return;
	}
	memcpy(copy, s, len + 1);
	r->fields[r->nfields++] = copy;
}

/* Appends the registered domain columns as "year, process, ...". */
static void column_list(struct strbuf *b)
{
	strbuf_printf(b, "year");
	for (size_t i = 0; i < params_count; i++)
		if (params_table[i].flags & PF_SCHEDULE)
			strbuf_printf(b, ", %s", params_table[i].key);
}

/* Reads the header row: every unknown or repeated column is an error, and
** after one no data row is read. */
static void header(struct reader *r)
{
	struct strbuf list = STRBUF_INIT;
	char full[128];
	const char *sug;

	column_list(&list);
	r->bad_header = 1;
	if (strcmp(r->fields[0], "year") != 0) {
		fail(r, r->fields[0], "the first column must be 'year' (found '%s'); "
		     "allowed columns: %s", r->fields[0], strbuf_str(&list));
		strbuf_free(&list);
		return;
	}
	r->cols = calloc(r->nfields, sizeof *r->cols);
	if (!r->cols) {
		fail_stop(r, "", "out of memory");
		strbuf_free(&list);
		return;
	}
	r->ncols = r->nfields;
	r->bad_header = 0;
	for (size_t i = 1; i < r->nfields; i++) {
		const char *f = r->fields[i];
		const struct param_def *d = registry_find2("schedule", f);
		size_t j = 1;
		if (!d || !(d->flags & PF_SCHEDULE)) {
			snprintf(full, sizeof full, "schedule.%s", f);
			sug = registry_suggest(full);
			if (sug && strncmp(sug, "schedule.", 9) == 0) {
				fail(r, f, "unknown column '%s'; did you mean '%s'?", f,
				     sug + 9);
			} else {
				fail(r, f, "unknown column '%s'; allowed columns: %s", f,
				     strbuf_str(&list));
			}
			r->bad_header = 1;
			continue;
		}
		while (j < i && r->cols[j] != d)
			j++;
		if (j < i) {
			fail(r, f, "column '%s' appears twice", f);
			r->bad_header = 1;
		}
		r->cols[i] = d;
	}
	strbuf_free(&list);
}

/*
** Reads cell f of column d into *v and checks it as every value is checked
** (the registry's range and phrase: "is out of range; allowed: 0 to ...").
** In an English file through registry_parse, with its hints (every cell
** is EUR, so "1.500" is German grouping there, not 1.5); in a German file
** with the comma as the decimal sign ("1,500" is 1.5), where a point in a
** number gets a hint of its own. Returns 0, or -1 with why saying what is
** wrong and what is allowed.
*/
static int cell_number(const struct reader *r, const struct param_def *d, const char *f,
                       double *v, struct strbuf *why)
{
	int st;

	if (r->dialect == CSVDIALECT_EN)
		return registry_parse(d, f, v, why);
	if (strchr(f, '.')) {
		int grouped = numfmt_grouped(f, '.');

		if (grouped)
			strbuf_printf(why, "looks like German thousands grouping; write ");
		else
			strbuf_printf(why, "has a decimal point, but this file separates its"
			              " fields with ';' (German CSV), where the decimal sign is"
			              " the comma: write ");
		for (const char *c = f; *c; c++)
			if (*c != ' ' && *c != '\t' && (*c != '.' || !grouped))
				strbuf_printf(why, "%c", *c == '.' ? ',' : *c);
	} else {
		/* German: "1,500" is one and a half, never grouping; the
		** registry's hints are for English numbers, so only the reason
		** is given. */
		st = csvdialect_number(f, r->dialect, v);
		if (st == NUMFMT_OK)
			return registry_check(d, *v, why);
		strbuf_printf(why, "%s", numfmt_why(st));
		if (st == NUMFMT_SYNTAX && strchr(f, ',') && strchr(strchr(f, ',') + 1, ','))
			strbuf_printf(why, " (German CSV: one decimal comma, no grouping)");
	}
	strbuf_printf(why, "; allowed: ");
	registry_allowed(d, why);
	return -1;
}

static void data_row(struct reader *r)
{
	const struct param_def *yd = PARAM_DEF(P_sim_start_year);
	struct strbuf why = STRBUF_INIT;
	double y, v;
	size_t i;

	if (r->nfields != r->ncols) {
		fail(r, "", "the row has %zu fields; the header has %zu", r->nfields,
		     r->ncols);
		return;
	}
	if (csvdialect_number(r->fields[0], r->dialect, &y) || y != floor(y) || y < yd->min ||
	    y > yd->max) {
		registry_allowed(yd, &why);
		fail(r, "year", "column 'year': '%s' is not a year; allowed: %s",
		     r->fields[0], strbuf_str(&why));
		strbuf_free(&why);
		return;
	}
	for (i = 0; i < r->nyears; i++)
		if (r->years[i] == (long)y) {
			fail(r, "year", "year %ld appears twice (first on line %ld)",
			     (long)y, r->year_lines[i]);
			return;
		}
	/* Each bad cell of the row is an error of its own. */
	for (i = 1; i < r->nfields; i++) {
		const struct param_def *d = r->cols[i];
		const char *f = r->fields[i];
		if (cell_number(r, d, f, &v, &why) != 0) {
			fail(r, d->key, "column '%s': '%s' %s", d->key, f, strbuf_str(&why));
			strbuf_reset(&why);
			continue;
		}
		if (grow(&r->cells, &r->capcells, r->ncells + 1, sizeof *r->cells)) {
			fail_stop(r, "", "out of memory");
			break;
		}
		r->cells[r->ncells++] = (struct schedule_cell){ (long)y, d, v, r->line };
	}
	strbuf_free(&why);
	if (grow(&r->years, &r->capyears, r->nyears + 1, sizeof *r->years) ||
	    grow(&r->year_lines, &r->caplines, r->nyears + 1, sizeof *r->year_lines)) {
		fail_stop(r, "", "out of memory");
		return;
	}
	r->years[r->nyears] = (long)y;
	r->year_lines[r->nyears++] = r->line;
}

static void on_row(int term, void *data)
{
	struct reader *r = data;

	(void)term;
	if (!r->stop && ++r->rows == 1 && !r->bad_row)
		header(r);
	else if (r->rows == 1)
		r->bad_header = 1;
	else if (!r->stop && !r->bad_row && !r->bad_header)
		data_row(r);
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
	r->bad_row = 0;
}

/*
** Feeds one rfile line (len bytes, its line end included) to libcsv as the
** physical lines it holds: a lone CR ends a line as LF and CRLF do, so the
** line after it is r->line + 1. Returns 0, or -1 when libcsv fails (r->line
** is then the line that failed).
*/
static int feed_line(struct reader *r, struct csv_parser *p, const char *s, size_t len)
{
	while (len > 0) {
		const char *cr = memchr(s, '\r', len);
		size_t n = cr ? (size_t)(cr - s) + 1 : len;

		if (cr && n < len && cr[1] == '\n')
			n++; /* CRLF: the end of the rfile line */
		if (csv_parse(p, s, n, on_field, on_row, r) != n)
			return -1;
		s += n;
		len -= n;
		if (len > 0)
			r->line++;
	}
	return 0;
}

/* Frees what the reader holds but the cells. */
static void reader_free(struct reader *r)
{
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	free(r->fields);
	free(r->cols);
	free(r->years);
	free(r->year_lines);
}

int schedule_read_all(struct rfile *f, const char *name, struct schedule_cell **cells,
                      size_t *ncells, struct errlist *el)
{
	struct reader r = { .name = name, .el = el };
	struct csv_parser p;
	const char *line = NULL, *chunk;
	size_t len = 0;
	long lone_crs = 0; /* lines that lone CRs ended before this rfile line */
	struct err e;
	int got;

	*cells = NULL;
	*ncells = 0;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		err_set(&e, name, 0, "", "out of memory");
		return errlist_add(el, &e);
	}
	while (!r.stop && (got = rfile_getline(f, &line, &len, &e)) != 0) {
		if (got < 0) {
			errlist_add(el, &e); /* e says why, at its line */
			r.errors++;
			r.stop = 1;
			break;
		}
		r.line = rfile_lineno(f) + lone_crs;
		chunk = line;
		/* A spreadsheet may begin its export with a UTF-8 byte-order mark;
		** the first line's separator tells the dialect. */
		if (r.line == 1) {
			size_t bom = csvdialect_bom(line, len);

			r.dialect = csvdialect_detect(line, len);
			csv_set_delim(&p, (unsigned char)csvdialect_sep(r.dialect));
			chunk += bom;
			len -= bom;
		}
		if (feed_line(&r, &p, chunk, len) != 0 && !r.stop)
			fail_stop(&r, "", "malformed CSV: %s (check the quotes)",
			          csv_strerror(csv_error(&p)));
		lone_crs = r.line - rfile_lineno(f);
	}
	if (!r.stop && csv_fini(&p, on_field, on_row, &r) != 0 && !r.stop)
		fail(&r, "", "malformed CSV: a quoted field is not closed at the "
		     "end of the file");
	csv_free(&p);
	if (!r.stop && r.rows == 0) {
		r.line = 0;
		fail(&r, "", "the file is empty; expected a header line "
		     "starting with 'year'");
	}
	reader_free(&r);
	if (r.errors) {
		free(r.cells);
		return -1;
	}
	*cells = r.cells;
	*ncells = r.ncells;
	return 0;
}

int schedule_read(struct rfile *f, const char *name, struct schedule_cell **cells,
                  size_t *ncells, struct err *e)
{
	struct errlist el = { NULL, 0, 0 };
	int rc = schedule_read_all(f, name, cells, ncells, &el);

	if (rc)
		errlist_first(&el, e);
	errlist_free(&el);
	return rc;
}
