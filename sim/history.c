/*
** history.c: reading HISTORY.csv (history.h) on top of csvtab, which reads
** the CSV (libcsv, either dialect) and knows the line of every row; this
** file checks the columns, years, values and weights.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvtab.h"
#include "history.h"
#include "strbuf.h"

/* The range of an observed year (that of sim.start_year). */
#define HISTORY_YEAR_MIN 1900
#define HISTORY_YEAR_MAX 2200

/* What a history's header may hold, for messages. */
#define HISTORY_ALLOWED "year, an output column of 'dtsim run' (docs/dtsim.1: " \
	"cash_eur, workforce_skill, om_share, ...) or w_COLUMN, the weights of a column"

void history_free(struct history *h)
{
	if (!h)
		return;
	free(h->year);
	free(h->line);
	free(h->col);
	free(h->obs);
	free(h->w);
	free(h);
}

/* The column of the table that each header names: *ycol the year's, kind[c]
** 0 for year, 1 an observed column (its index in h->col in idx[c]), 2 a
** weight (idx[c] the observed column it weighs). Returns 0, or -1 with e. */
static int read_header(const struct csvtab *t, const char *path, struct history *h,
                       int *kind, size_t *idx, size_t *ycol, struct err *e)
{
	const size_t nc = csvtab_cols(t), np = strlen(HISTORY_WEIGHT_PREFIX);
	int found = 0;

	for (size_t c = 0; c < nc; c++) {
		const char *name = csvtab_header(t, c);
		int v;

		for (size_t k = 0; k < c; k++)
			if (strcmp(name, csvtab_header(t, k)) == 0)
				return err_set(e, path, 1, name, "column '%s' is named twice; allowed: "
				               "each column once", name);
		if (strcmp(name, "year") == 0) {
			kind[c] = 0;
			*ycol = c;
			found = 1;
		} else if ((v = outvars_find(name)) > 0) {
			kind[c] = 1;
			idx[c] = h->ncols;
			h->col[h->ncols++] = (enum outvar)v;
		} else if (strncmp(name, HISTORY_WEIGHT_PREFIX, np) == 0
		           && outvars_find(name + np) > 0) {
			kind[c] = 2;
		} else {
			return err_set(e, path, 1, name, "unknown column '%s'; allowed: " HISTORY_ALLOWED,
			               name);
		}
	}
	if (!found)
		return err_set(e, path, 1, "year", "no column 'year'; allowed: a column year and "
		               "observed columns");
	if (h->ncols == 0)
		return err_set(e, path, 1, NULL, "no observed column; allowed: " HISTORY_ALLOWED);
	/* Each weight column weighs an observed column of the file. */
	for (size_t c = 0; c < nc; c++) {
		const char *name = csvtab_header(t, c);
		int v;

		if (kind[c] != 2)
			continue;
		v = outvars_find(name + np);
		for (idx[c] = 0; idx[c] < h->ncols && (int)h->col[idx[c]] != v; idx[c]++)
			;
		if (idx[c] == h->ncols)
			return err_set(e, path, 1, name, "weight column '%s' without the column '%s'; "
			               "allowed: w_COLUMN beside COLUMN", name, name + np);
	}
	return 0;
}

/* Reads the number in text (dialect d) into *x; empty is NaN. Returns 0,
** or -1 when it is not a finite number. */
static int cell(const char *text, enum csvdialect d, double *x)
{
	if (!text[0]) {
		*x = NAN;
		return 0;
	}
	return csvdialect_number(text, d, x) == 0 && isfinite(*x) ? 0 : -1;
}

/* Reads row r of t into h (row r of h). Returns 0, or -1 with e. */
static int read_row(const struct csvtab *t, const char *path, size_t r, const int *kind,
                    const size_t *idx, size_t ycol, struct history *h, struct err *e)
{
	const enum csvdialect d = csvtab_dialect(t);
	const long line = csvtab_line(t, r);
	const char *dec = d == CSVDIALECT_DE ? "a decimal comma" : "a decimal point";
	const char *ytext = csvtab_text(t, r, ycol);
	double y;

	h->line[r] = line;
	if (cell(ytext, d, &y) || !ytext[0] || y != floor(y) || y < HISTORY_YEAR_MIN
	    || y > HISTORY_YEAR_MAX)
		return err_set(e, path, line, "year", "year '%.40s' is not allowed; allowed: a "
		               "whole number from %d to %d", ytext, HISTORY_YEAR_MIN, HISTORY_YEAR_MAX);
	h->year[r] = (long)y;
	for (size_t k = 0; k < r; k++)
		if (h->year[k] == h->year[r])
			return err_set(e, path, line, "year", "year %ld is given twice (first at line "
			               "%ld); allowed: each year once", h->year[r], h->line[k]);
	for (size_t j = 0; j < h->ncols; j++) {
		h->obs[r * h->ncols + j] = NAN;
		h->w[r * h->ncols + j] = 1.0;
	}
	for (size_t c = 0; c < csvtab_cols(t); c++) {
		const char *text = csvtab_text(t, r, c), *name = csvtab_header(t, c);
		double x;

		if (kind[c] == 0)
			continue;
		if (cell(text, d, &x))
			return err_set(e, path, line, name, "column %s: '%.40s' is not a %snumber; "
			               "allowed: a finite number with %s, or an empty cell for %s",
			               name, text, kind[c] == 2 ? "weight " : "", dec,
			               kind[c] == 2 ? "weight 1" : "a value not observed");
		if (kind[c] == 1) {
			h->obs[r * h->ncols + idx[c]] = x;
		} else if (!isnan(x)) {
			if (x < 0)
				return err_set(e, path, line, name, "column %s: weight %.40s is negative; "
				               "allowed: 0 or more (0 leaves the value out)", name, text);
			h->w[r * h->ncols + idx[c]] = x;
		}
	}
	for (size_t j = 0; j < h->ncols; j++) {
		if (isnan(h->obs[r * h->ncols + j]))
			h->w[r * h->ncols + j] = 0.0;
		h->nobs += h->w[r * h->ncols + j] > 0.0;
	}
	return 0;
}

int history_load(const char *path, struct history **out, struct err *e)
{
	struct csvtab *t = NULL;
	struct history *h;
	int *kind = NULL;
	size_t *idx = NULL, ycol = 0, nc, nr;

	*out = NULL;
	if (csvtab_load(path, &t, e))
		return -1;
	nc = csvtab_cols(t);
	nr = csvtab_rows(t);
	h = calloc(1, sizeof *h);
	kind = calloc(nc, sizeof *kind);
	idx = calloc(nc, sizeof *idx);
	if (!h || !kind || !idx || !(h->col = calloc(nc, sizeof *h->col))
	    || !(h->year = calloc(nr + 1, sizeof *h->year))
	    || !(h->line = calloc(nr + 1, sizeof *h->line))
	    || !(h->obs = calloc(nr * nc + 1, sizeof *h->obs))
	    || !(h->w = calloc(nr * nc + 1, sizeof *h->w))) {
		err_set(e, path, 0, NULL, "cannot read %s: out of memory", path);
		goto fail;
	}
	if (read_header(t, path, h, kind, idx, &ycol, e))
		goto fail;
	h->nrows = nr;
	for (size_t r = 0; r < nr; r++)
		if (read_row(t, path, r, kind, idx, ycol, h, e))
			goto fail;
	if (h->nobs == 0) {
		err_set(e, path, nr ? h->line[nr - 1] : 1, NULL, "no observations: every observed "
		        "cell is empty or has weight 0; allowed: at least one value");
		goto fail;
	}
	csvtab_free(t);
	free(kind);
	free(idx);
	*out = h;
	return 0;
fail:
	csvtab_free(t);
	free(kind);
	free(idx);
	history_free(h);
	return -1;
}

int history_check_years(const struct history *h, const char *path, long first, long last,
                        struct err *e)
{
	for (size_t r = 0; r < h->nrows; r++)
		if (h->year[r] < first || h->year[r] > last)
			return err_set(e, path, h->line[r], "year", "year %ld lies outside the run "
			               "(%ld to %ld); allowed: the run's years (start the scenario at "
			               "the first observed year: --set sim.start_year=YEAR, and make "
			               "it long enough: --years N)", h->year[r], first, last);
	return 0;
}
