/*
** xlsxout.h: DIR/results.xlsx, a run's results as one Excel workbook
** (libxlsxwriter), for `dtsim run --xlsx` and the commands that take it.
**
** Every sheet is a CSV file of the run read back (csvtab.h, either
** dialect), so a sheet holds the values of its CSV file and nothing else:
** first a sheet for each table of the whole run (summary.csv, then what
** the command adds: comparison.csv, ...), then one sheet for each
** scenario's time series (ID.csv), named after the scenario id as Excel
** allows (sheetname.h). The header row gives each column's name and, in
** brackets, its unit from the registries (outvars.def, kpis.def): "cash_eur
** [EUR]". Cells have number formats by unit (EUR whole with grouping,
** shares as percentages, indices with two decimals, years without
** grouping); the header row and the first column are frozen, the columns
** sized to their headers, and the header carries an autofilter.
*/
#ifndef DTSIM_XLSXOUT_H
#define DTSIM_XLSXOUT_H

#include <stddef.h>

#include "err.h"

/* The workbook's file name in DIR. */
#define XLSXOUT_FILE "results.xlsx"

/* What a workbook shows; nothing is owned. */
struct xlsxout_book {
	const char *const *tables; /* run-wide tables: DIR/<name>.csv, a sheet <name> each */
	size_t ntables;
	const char *const *ids;    /* scenarios: DIR/<id>.csv, a sheet each */
	size_t nids;
};

/*
** Writes dir/results.xlsx from the CSV files b names, whole or not at all:
** libxlsxwriter writes it under a hidden temporary name (afile.h) with its
** own temporary files in dir (its tmpdir), and only a complete workbook is
** renamed into place. The caller holds dir's lock. Returns 0, or -1 with e
** filled (a CSV file that cannot be read, a failed write) and nothing
** written.
*/
int xlsxout_write(const char *dir, const struct xlsxout_book *b, struct err *e);

/*
** The unit of a results column called name, from the registries: an output
** variable's (outvars.def), a KPI's (kpis.def), or for "delta_<kpi>" the
** KPI's; NULL for any other column (text, a rank). A name in both
** registries (expected_incidents) has the output variable's unit in a
** scenario's time series (series), the KPI's in a run-wide table.
*/
const char *xlsxout_unit(const char *name, int series);

#endif
