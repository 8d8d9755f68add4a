/*
** table.h: a table of texts and numbers, built apart from the way it is
** shown, so that one table goes into Markdown (mdtable.c), CSV
** (tablecsv.c) or a spreadsheet alike. The council tables of `dtsim
** compare` (council.c) are built as tables.
**
** A number keeps its exact value and its unit as models/kpis.def writes
** units ("EUR", "1", "year", "flag", ...); how it is rounded and in which
** unit it is shown (M EUR, percent) is the renderer's choice. A label cell
** is a heading inside the table (a row of a transposed table): its text
** and the unit of the values it heads, shown as a column header is.
*/
#ifndef DTSIM_TABLE_H
#define DTSIM_TABLE_H

#include <stddef.h>

enum table_kind {
	TABLE_EMPTY,   /* nothing; a renderer shows an empty cell */
	TABLE_TEXT,    /* text (from a user's file or dtsim's own) */
	TABLE_NUMBER,  /* a value v in unit; NaN when it does not exist */
	TABLE_LABEL    /* a heading: text, and the unit of the values it heads (or NULL) */
};

struct table_cell {
	enum table_kind kind;
	char *text;        /* TEXT, LABEL: owned */
	double v;          /* NUMBER */
	const char *unit;  /* NUMBER, LABEL: a static string, or NULL */
};

/* A column: key names it for machines ("pv_cost_eur", "2027"), label for
** readers; unit is that of its numbers, or NULL (text, or numbers of
** several units as in a transposed table). key and label are owned. */
struct table_col {
	char *key, *label;
	const char *unit;
};

/*
** nrows x ncols cells (row-major), a title and notes (sentences shown under
** the table: how amounts are discounted, priced, marked). Build with the
** setters below; each one that runs out of memory marks the table failed
** (table_failed) and leaves it valid, so a builder checks once at its end.
*/
struct table {
	char *title;
	size_t nrows, ncols;
	struct table_col *col;
	struct table_cell *cell;
	char **note;
	size_t nnotes;
	int failed;
};

/* A table of nrows x ncols empty cells, owned by the caller (table_free);
** NULL when out of memory. */
struct table *table_new(size_t nrows, size_t ncols);

/* Frees t and everything it owns; NULL is a no-op. */
void table_free(struct table *t);

/* 1 when a setter ran out of memory (the table is then incomplete). */
int table_failed(const struct table *t);

/* The cell at row r, column c (both in range). */
const struct table_cell *table_at(const struct table *t, size_t r, size_t c);

/* Sets column c: its key, label (copied) and unit (kept as given). */
void table_set_col(struct table *t, size_t c, const char *key, const char *label,
                   const char *unit);

/* Sets the title, as printf formats it. */
void table_set_title(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends a note, as printf formats it. */
void table_add_note(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Sets cell (r, c) to the text s (copied). */
void table_set_text(struct table *t, size_t r, size_t c, const char *s);

/* Sets cell (r, c) to the label s (copied) over values in unit (or NULL). */
void table_set_label(struct table *t, size_t r, size_t c, const char *s, const char *unit);

/* Sets cell (r, c) to the number v in unit. */
void table_set_number(struct table *t, size_t r, size_t c, double v, const char *unit);

#endif
