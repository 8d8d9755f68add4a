/*
** sheetname.h: Excel worksheet names made from user text (scenario ids),
** and text made safe for a workbook's XML.
**
** Excel refuses a workbook whose sheet names break its rules: at most 31
** characters (UTF-16 code units), none of [ ] : * ? / \, not starting or
** ending with an apostrophe, not "History" (Excel's own), and no two alike
** when case is ignored. A scenario id is a file name and may break every
** one of them; sheetname_make turns it into a name that keeps them.
*/
#ifndef DTSIM_SHEETNAME_H
#define DTSIM_SHEETNAME_H

#include <stddef.h>

/* The most UTF-16 code units in a sheet name, and the bytes its UTF-8
** takes at most, its NUL included. */
#define SHEETNAME_MAX 31
#define SHEETNAME_BYTES (SHEETNAME_MAX * 3 + 1)

/*
** Writes into out a valid sheet name for text that differs from each of
** taken[0..ntaken) (valid names) when case is ignored. Invalid UTF-8, a
** control character and each of []:*?/\ become '_', as does an apostrophe
** at either end; the name is cut to SHEETNAME_MAX code units, at a
** character's end; an empty text becomes "_". A name that is taken gets
** "~2", "~3", ... at its end (cut further to make room). Letters outside
** ASCII are compared as equal to any such letter, since Excel folds their
** case too: "grün" and "GRÜN" are never both names.
*/
void sheetname_make(const char *text, const char *const *taken, size_t ntaken,
                    char out[SHEETNAME_BYTES]);

/* 1 when a and b would be the same sheet name to Excel (sheetname_make's
** comparison), else 0. */
int sheetname_same(const char *a, const char *b);

/*
** A copy of text (owned by the caller; NULL when out of memory) that XML
** can hold: invalid UTF-8 (also surrogates and overlong forms) and the
** non-characters U+FFFE and U+FFFF become U+FFFD, control characters but
** tab and line feed become a space.
*/
char *sheetname_clean_text(const char *text);

#endif
