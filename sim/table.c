/*
** table.c: a table of texts and numbers, apart from its rendering (table.h).
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "table.h"

struct table *table_new(size_t nrows, size_t ncols)
{
	struct table *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->nrows = nrows;
	t->ncols = ncols;
	t->col = calloc(ncols + 1, sizeof *t->col);
	t->cell = calloc(nrows * ncols + 1, sizeof *t->cell);
	if (!t->col || !t->cell) {
		table_free(t);
		return NULL;
	}
	return t;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t c = 0; t->col && c < t->ncols; c++) {
		free(t->col[c].key);
		free(t->col[c].label);
	}
	for (size_t i = 0; t->cell && i < t->nrows * t->ncols; i++)
		free(t->cell[i].text);
	for (size_t i = 0; i < t->nnotes; i++)
		free(t->note[i]);
	free(t->note);
	free(t->col);
	free(t->cell);
	free(t->title);
	free(t);
}

int table_failed(const struct table *t)
{
	return t->failed;
}

const struct table_cell *table_at(const struct table *t, size_t r, size_t c)
{
	return &t->cell[r * t->ncols + c];
}

/* A copy of s, or NULL having marked t failed. */
static char *copy(struct table *t, const char *s)
{
	char *d = strdup(s);

	if (!d)
		t->failed = 1;
	return d;
}

/* The text fmt formats with ap, owned by the caller; NULL having marked t
** failed when memory ran out. */
static char *vformat(struct table *t, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static char *vformat(struct table *t, const char *fmt, va_list ap)
{
	struct strbuf b = STRBUF_INIT;
	char *s;

	strbuf_vprintf(&b, fmt, ap);
	s = strbuf_take(&b);
	if (!s)
		t->failed = 1;
	return s;
}

void table_set_col(struct table *t, size_t c, const char *key, const char *label,
                   const char *unit)
{
	struct table_col *col = &t->col[c];

	free(col->key);
	free(col->label);
	col->key = copy(t, key);
	col->label = copy(t, label);
	col->unit = unit;
}

void table_set_title(struct table *t, const char *fmt, ...)
{
	va_list ap;

	free(t->title);
	va_start(ap, fmt);
	t->title = vformat(t, fmt, ap);
	va_end(ap);
}

void table_add_note(struct table *t, const char *fmt, ...)
{
	char **grown = realloc(t->note, (t->nnotes + 1) * sizeof *grown);
	va_list ap;
	char *s;

	if (!grown) {
		t->failed = 1;
		return;
	}
	t->note = grown;
	va_start(ap, fmt);
	s = vformat(t, fmt, ap);
	va_end(ap);
	if (s)
		t->note[t->nnotes++] = s;
}

/* Empties cell (r, c) and returns it. */
static struct table_cell *cell_reset(struct table *t, size_t r, size_t c)
{
	struct table_cell *cell = &t->cell[r * t->ncols + c];

	free(cell->text);
	memset(cell, 0, sizeof *cell);
	return cell;
}

void table_set_text(struct table *t, size_t r, size_t c, const char *s)
{
	struct table_cell *cell = cell_reset(t, r, c);

	cell->text = copy(t, s);
	cell->kind = cell->text ? TABLE_TEXT : TABLE_EMPTY;
}

void table_set_label(struct table *t, size_t r, size_t c, const char *s, const char *unit)
{
	struct table_cell *cell = cell_reset(t, r, c);

	cell->text = copy(t, s);
	cell->kind = cell->text ? TABLE_LABEL : TABLE_EMPTY;
	cell->unit = unit;
}

void table_set_number(struct table *t, size_t r, size_t c, double v, const char *unit)
{
	struct table_cell *cell = cell_reset(t, r, c);

	cell->kind = TABLE_NUMBER;
	cell->v = v;
	cell->unit = unit;
}
