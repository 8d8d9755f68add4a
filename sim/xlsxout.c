/*
** xlsxout.c: the workbook of a run (xlsxout.h), written by libxlsxwriter.
**
** libxlsxwriter writes the file itself, by name: it gets the name of an
** afile temporary (hidden, registered for removal on a signal, removed by
** the next run if a SIGKILL left it), and afile_commit renames the
** complete file into place. Its own temporaries go to DIR (tmpdir), so a
** workbook never needs room elsewhere, and it removes them as it closes.
**
** User text (scenario names, ids) reaches the XML only through
** sheetname_clean_text or sheetname_make: valid UTF-8 without control
** characters; libxlsxwriter escapes XML's own characters. A string is
** always written as a string: a name starting with '=' is no formula.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "afile.h"
#include "csvtab.h"
#include "modelversion.h"
#include "outvars.h"
#include "resdir.h"
#include "sheetname.h"
#include "summary.h"
#include "version.h"
#include "xlsxout.h"

/* The number format of each unit a column can have, as Excel writes them
** (its codes always use ',' for grouping and '.' for the decimal sign;
** Excel shows each in the reader's locale). */
static const struct {
	const char *unit;
	const char *format;
} unit_formats[] = {
	{ "EUR", "#,##0 \"EUR\"" },
	{ "1", "0.0%" },
	{ "index", "0.00" },
	{ "year", "0" },
	{ "services", "#,##0" },
	{ "h", "#,##0" },
};
#define NUNITS (sizeof unit_formats / sizeof unit_formats[0])

/* Column widths, in characters of the default font. */
#define XLSXOUT_WIDTH_MIN 10
#define XLSXOUT_WIDTH_MAX 48

/* The unit of KPI name, or of the KPI a "delta_<kpi>" column differs in;
** NULL when there is none. */
static const char *kpi_unit(const char *name)
{
	static const char delta[] = "delta_";

	if (strncmp(name, delta, sizeof delta - 1) == 0)
		name += sizeof delta - 1;
	for (size_t k = 0; k < KPI_COUNT; k++)
		if (strcmp(summary_kpis[k].name, name) == 0)
			return summary_kpis[k].unit;
	return NULL;
}

const char *xlsxout_unit(const char *name, int series)
{
	int v = outvars_find(name);
	const char *k = kpi_unit(name);

	if (series)
		return v >= 0 ? outvars_table[v].unit : k;
	return k ? k : v >= 0 ? outvars_table[v].unit : NULL;
}

/* The formats of one workbook: the header, text, numbers of no unit, and
** one per unit of unit_formats. */
struct formats {
	lxw_format *header, *plain, *unit[NUNITS];
};

static void formats_make(lxw_workbook *wb, struct formats *f)
{
	f->header = workbook_add_format(wb);
	format_set_bold(f->header);
	format_set_bottom(f->header, LXW_BORDER_THIN);
	format_set_bg_color(f->header, 0xE8E8E8);
	f->plain = NULL;
	for (size_t u = 0; u < NUNITS; u++) {
		f->unit[u] = workbook_add_format(wb);
		format_set_num_format(f->unit[u], unit_formats[u].format);
	}
}

/* The format for a column of unit (NULL: none). */
static lxw_format *unit_format(const struct formats *f, const char *unit)
{
	for (size_t u = 0; unit && u < NUNITS; u++)
		if (strcmp(unit, unit_formats[u].unit) == 0)
			return f->unit[u];
	return f->plain;
}

/* Reports a failed libxlsxwriter call on the sheet of path. Returns -1. */
static int lxw_failed(const char *xlsx, const char *path, lxw_error rc, struct err *e)
{
	return err_set(e, xlsx, 0, NULL, "cannot write %s: the sheet of %s: %s", xlsx, path,
	               lxw_strerror(rc));
}

/* The number of characters (not bytes) of UTF-8 text s. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/*
** Writes table t (read from path) on ws: the header row with units, then
** every row; a field that reads as a number (in t's dialect) is a number
** cell with its column's format, an empty one stays empty, any other is a
** string. Returns 0, or -1 with e filled.
*/
static int write_sheet(lxw_worksheet *ws, const struct csvtab *t, int series, const char *path,
                       const char *xlsx, const struct formats *f, struct err *e)
{
	size_t rows = csvtab_rows(t), cols = csvtab_cols(t);
	lxw_error rc = LXW_NO_ERROR;

	if (rows >= LXW_ROW_MAX || cols > LXW_COL_MAX)
		return err_set(e, xlsx, 0, NULL, "cannot write %s: %s has %zu rows and %zu"
		               " columns, more than a sheet holds", xlsx, path, rows, cols);
	for (size_t c = 0; c < cols && rc == LXW_NO_ERROR; c++) {
		const char *name = csvtab_header(t, c);
		const char *unit = xlsxout_unit(name, series);
		lxw_format *fmt = unit_format(f, unit);
		size_t width = 0;
		char *head = malloc(strlen(name) + (unit ? strlen(unit) : 0) + 4), *clean;

		if (!head)
			return err_set(e, xlsx, 0, NULL, "cannot write %s: out of memory", xlsx);
		sprintf(head, unit ? "%s [%s]" : "%s", name, unit);
		clean = sheetname_clean_text(head);
		free(head);
		if (!clean)
			return err_set(e, xlsx, 0, NULL, "cannot write %s: out of memory", xlsx);
		rc = worksheet_write_string(ws, 0, (lxw_col_t)c, clean, f->header);
		width = chars(clean) + 2;
		free(clean);
		for (size_t r = 0; r < rows && rc == LXW_NO_ERROR; r++) {
			const char *text = csvtab_text(t, r, c);
			double x = csvtab_num(t, r, c);

			if (text[0] == '\0')
				continue;
			if (x == x) {
				rc = worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, x, fmt);
			} else {
				if (!(clean = sheetname_clean_text(text)))
					return err_set(e, xlsx, 0, NULL, "cannot write %s: out of memory",
					               xlsx);
				rc = worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, clean,
				                            NULL);
				if (chars(clean) + 2 > width)
					width = chars(clean) + 2;
				free(clean);
			}
		}
		if (width < XLSXOUT_WIDTH_MIN)
			width = XLSXOUT_WIDTH_MIN;
		if (width > XLSXOUT_WIDTH_MAX)
			width = XLSXOUT_WIDTH_MAX;
		if (rc == LXW_NO_ERROR)
			rc = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)width, NULL);
	}
	if (rc == LXW_NO_ERROR && cols > 0)
		rc = worksheet_autofilter(ws, 0, 0, (lxw_row_t)rows, (lxw_col_t)(cols - 1));
	if (rc != LXW_NO_ERROR)
		return lxw_failed(xlsx, path, rc, e);
	worksheet_freeze_panes(ws, 1, 1);
	return 0;
}

/*
** Adds a sheet for dir/<name>.csv, named sheet (a valid name, not yet
** taken): a scenario's time series (series) or a run-wide table. Returns
** 0, or -1 with e filled.
*/
static int add_sheet(lxw_workbook *wb, const char *dir, const char *name, const char *sheet,
                     int series, const char *xlsx, const struct formats *f, struct err *e)
{
	char *path = resdir_join(dir, name, ".csv");
	struct csvtab *t = NULL;
	lxw_worksheet *ws;
	int rc = -1;

	if (!path)
		return err_set(e, xlsx, 0, NULL, "cannot write %s: out of memory", xlsx);
	if (csvtab_load(path, &t, e) != 0)
		goto done;
	if (!(ws = workbook_add_worksheet(wb, sheet))) {
		err_set(e, xlsx, 0, NULL, "cannot write %s: libxlsxwriter refused the sheet"
		        " name '%s' for %s", xlsx, sheet, path);
		goto done;
	}
	rc = write_sheet(ws, t, series, path, xlsx, f, e);
done:
	csvtab_free(t);
	free(path);
	return rc;
}

/* The sheets: the tables first, then the scenarios; each name made valid
** and unique among those before it. */
static int add_sheets(lxw_workbook *wb, const char *dir, const struct xlsxout_book *b,
                      const char *xlsx, struct err *e)
{
	size_t n = b->ntables + b->nids;
	char (*names)[SHEETNAME_BYTES] = calloc(n + 1, sizeof *names);
	const char **taken = calloc(n + 1, sizeof *taken);
	struct formats f;
	int rc = 0;

	if (!names || !taken) {
		free(names);
		free(taken);
		return err_set(e, xlsx, 0, NULL, "cannot write %s: out of memory", xlsx);
	}
	formats_make(wb, &f);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *name = i < b->ntables ? b->tables[i] : b->ids[i - b->ntables];

		sheetname_make(name, taken, i, names[i]);
		taken[i] = names[i];
		rc = add_sheet(wb, dir, name, names[i], i >= b->ntables, xlsx, &f, e);
	}
	free(names);
	free(taken);
	return rc;
}

int xlsxout_write(const char *dir, const struct xlsxout_book *b, struct err *e)
{
	char *path = resdir_join(dir, XLSXOUT_FILE, "");
	char *tmpdir = strdup(dir);
	lxw_workbook_options opts = { LXW_FALSE, tmpdir, LXW_FALSE };
	lxw_doc_properties props;
	struct afile *af = NULL;
	lxw_workbook *wb = NULL;
	lxw_error rc;
	char comments[128], title[] = "dtsim results";

	if (!path || !tmpdir) {
		err_set(e, NULL, 0, NULL, "cannot write %s/%s: out of memory", dir, XLSXOUT_FILE);
		goto fail;
	}
	if (!(af = afile_open(path, e)))
		goto fail;
	if (!(wb = workbook_new_opt(afile_temp_path(af), &opts))) {
		err_set(e, path, 0, NULL, "cannot write %s: libxlsxwriter could not start it", path);
		goto fail;
	}
	snprintf(comments, sizeof comments, "written by dtsim %s, model %s", DTSIM_VERSION,
	         MODEL_VERSION);
	memset(&props, 0, sizeof props);
	props.title = title;
	props.comments = comments;
	if (workbook_set_properties(wb, &props) != LXW_NO_ERROR) {
		err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
		goto fail;
	}
	if (add_sheets(wb, dir, b, path, e) != 0)
		goto fail;
	rc = workbook_close(wb);
	wb = NULL;
	if (rc != LXW_NO_ERROR) {
		err_set(e, path, 0, NULL, "cannot write %s: %s", path, lxw_strerror(rc));
		goto fail;
	}
	free(tmpdir);
	tmpdir = NULL;
	if (afile_commit(af, e) != 0) {
		free(path);
		return -1;
	}
	free(path);
	return 0;
fail:
	/* workbook_close frees the workbook; what it writes goes to the
	** temporary, which afile_abort removes. */
	if (wb)
		workbook_close(wb);
	afile_abort(af);
	free(tmpdir);
	free(path);
	return -1;
}
