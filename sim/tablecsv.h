/*
** tablecsv.h: a table (table.h) as a CSV file for machines: a header of
** the column keys, then one line per row; numbers exact (the shortest
** decimal that reads back to the same double), a number that does not
** exist (NaN) an empty field. Written whole or not at all.
*/
#ifndef DTSIM_TABLECSV_H
#define DTSIM_TABLECSV_H

#include "csvdialect.h"
#include "err.h"
#include "table.h"

/*
** Writes t to path through a temporary file (afile.h) in CSV dialect d
** (csvdialect.h). A label is written as its text, an empty cell as an
** empty field. Returns 0, or -1 with e
** filled and nothing written: a write failed, or a number is infinite (e
** names its column as key and the row by the text in column key_col).
*/
int tablecsv_write(const char *path, const struct table *t, size_t key_col,
                   enum csvdialect d, struct err *e);

#endif
