/*
** mdtable.c: tables and values as Markdown (mdtable.h).
**
** Nothing here knows a KPI: the way a value is shown comes from its unit
** (unit_formats below), so a KPI added to models/kpis.def is shown
** correctly without a change here.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mdtable.h"
#include "numfmt.h"

/* Money is shown in millions of euros, shares in percent. */
#define MEUR_PER_EUR 1e-6
#define PERCENT_PER_SHARE 100.0

/* What a value that does not exist (NaN) shows: a year that never comes,
** or a dash (an en dash, U+2013, in UTF-8) for anything else. */
#define SHOW_NEVER "never"
#define SHOW_NEVER_DE "nie"
#define SHOW_NONE "\xe2\x80\x93"

/* The minus sign of German typesetting (U+2212, in UTF-8). */
#define MINUS_DE "\xe2\x88\x92"

/*
** How a unit is shown: the unit in the header (English, German), the
** factor a value is multiplied by, its decimals, and whether NaN means a
** year that never comes. A unit not listed is shown as itself in the
** header, its values in the shortest round-trip form (numfmt_double).
*/
static const struct unit_format {
	const char *unit;            /* as in models/kpis.def */
	const char *shown, *shown_de;
	double scale;
	int decimals;
	int never;                   /* NaN is "never" */
} unit_formats[] = {
	{ "EUR", "M EUR", "Mio. EUR", MEUR_PER_EUR, 2, 0 },
	{ "1", "%", "%", PERCENT_PER_SHARE, 1, 0 },
	{ "pp", "pp", "%-Pkt.", PERCENT_PER_SHARE, 1, 0 },
	{ "index", "index", "Index", 1.0, 2, 0 },
	{ "year", "year", "Jahr", 1.0, 0, 1 },
	{ "years", "years", "Jahre", 1.0, 0, 0 },
	{ "count", "count", "Anzahl", 1.0, 2, 0 },
	{ "flag", "", "", 1.0, 0, 0 },
	{ "rank", "", "", 1.0, 0, 0 },
};

/* The format of unit, or NULL when it has none of its own. */
static const struct unit_format *unit_format_find(const char *unit)
{
	for (size_t i = 0; i < sizeof unit_formats / sizeof unit_formats[0]; i++)
		if (strcmp(unit_formats[i].unit, unit) == 0)
			return &unit_formats[i];
	return NULL;
}

void mdtable_localise(char buf[MDTABLE_VALUE_LEN], enum plot_lang lang)
{
	char out[MDTABLE_VALUE_LEN];
	size_t o = 0;

	if (lang != PLOT_DE)
		return;
	for (const char *s = buf; *s && o + 4 < sizeof out; s++) {
		if (*s == '-') {
			memcpy(out + o, MINUS_DE, strlen(MINUS_DE));
			o += strlen(MINUS_DE);
		} else {
			out[o++] = *s == '.' ? ',' : *s;
		}
	}
	out[o] = '\0';
	memcpy(buf, out, o + 1);
}

void mdtable_format_value(const char *unit, double x, enum plot_lang lang,
                          char buf[MDTABLE_VALUE_LEN])
{
	const struct unit_format *uf = unit_format_find(unit);
	char num[NUMFMT_LEN];

	if (isnan(x)) {
		snprintf(buf, MDTABLE_VALUE_LEN, "%s", !uf || !uf->never ? SHOW_NONE
		         : lang == PLOT_DE ? SHOW_NEVER_DE : SHOW_NEVER);
		return;
	}
	if (uf && strcmp(uf->unit, "flag") == 0) {
		snprintf(buf, MDTABLE_VALUE_LEN, "%s", x != 0 ? (lang == PLOT_DE ? "ja" : "yes")
		                                                : (lang == PLOT_DE ? "nein" : "no"));
		return;
	}
	if (!uf) {
		numfmt_double(x, num);
		snprintf(buf, MDTABLE_VALUE_LEN, "%s", num);
	} else {
		snprintf(buf, MDTABLE_VALUE_LEN, "%.*f", uf->decimals, x * uf->scale);
		/* "-0.00" shows as "0.00": a negative number that rounds to
		** zero says nothing about its sign that a reader could use. */
		if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
			memmove(buf, buf + 1, strlen(buf));
	}
	mdtable_localise(buf, lang);
}

const char *mdtable_unit_shown(const char *unit, enum plot_lang lang)
{
	const struct unit_format *uf = unit_format_find(unit);

	return !uf ? unit : lang == PLOT_DE ? uf->shown_de : uf->shown;
}

void mdtable_header(const char *label, const char *unit, enum plot_lang lang,
                    char buf[MDTABLE_HEADER_LEN])
{
	const char *shown = unit ? mdtable_unit_shown(unit, lang) : "";
	size_t len = strlen(label), ul = strlen(shown);

	snprintf(buf, MDTABLE_HEADER_LEN, "%s", label);
	if (ul == 0)
		return;
	/* "Target year" and "Zieljahr" end with their unit: no "(year)". */
	if (len >= ul && strcasecmp(label + len - ul, shown) == 0)
		return;
	len = strlen(buf);
	snprintf(buf + len, MDTABLE_HEADER_LEN - len, " (%s)", shown);
}

/* ---- text ---------------------------------------------------------------------- */

/* 1 for the bytes that separate words in a cell: a blank, or a control
** character (a file name may hold one), which is shown as a blank. */
static int is_blank(unsigned char c)
{
	return c == ' ' || c < 0x20 || c == 0x7f;
}

/* Control characters become blanks; leading and trailing blanks go (a
** table trims them anyway). */
void mdtable_text(FILE *f, const char *s)
{
	size_t a = 0, b = strlen(s);

	while (a < b && is_blank((unsigned char)s[a]))
		a++;
	while (b > a && is_blank((unsigned char)s[b - 1]))
		b--;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_blank(c))
			c = ' ';
		else if (strchr("|\\`<>[]", c)
		         || (c == '&' && (s[i + 1] == '#' || isalpha((unsigned char)s[i + 1]))))
			fputc('\\', f);
		fputc(c, f);
	}
}

/* ---- tables -------------------------------------------------------------------- */

/* 1 when column c holds numbers only (or nothing): it is right-aligned. */
static int numeric_column(const struct table *t, size_t c)
{
	for (size_t r = 0; r < t->nrows; r++) {
		enum table_kind k = table_at(t, r, c)->kind;

		if (k == TABLE_TEXT || k == TABLE_LABEL)
			return 0;
	}
	return 1;
}

/* Writes cell (r, c) of t. */
static void put_cell(FILE *f, const struct table *t, size_t r, size_t c, enum plot_lang lang)
{
	const struct table_cell *cell = table_at(t, r, c);
	char buf[MDTABLE_VALUE_LEN > MDTABLE_HEADER_LEN ? MDTABLE_VALUE_LEN : MDTABLE_HEADER_LEN];

	switch (cell->kind) {
	case TABLE_NUMBER:
		mdtable_format_value(cell->unit ? cell->unit : "", cell->v, lang, buf);
		fputs(buf, f);
		break;
	case TABLE_TEXT:
		mdtable_text(f, cell->text);
		break;
	case TABLE_LABEL:
		mdtable_header(cell->text, cell->unit, lang, buf);
		mdtable_text(f, buf);
		break;
	case TABLE_EMPTY:
		break;
	}
}

/* The unit that every column with a unit has, when there are at least
** two such columns and all share it; else NULL. */
static const char *common_unit(const struct table *t)
{
	const char *unit = NULL;
	size_t n = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		if (!t->col[c].unit)
			continue;
		if (unit && strcmp(unit, t->col[c].unit) != 0)
			return NULL;
		unit = t->col[c].unit;
		n++;
	}
	return n >= 2 ? unit : NULL;
}

/* A unit that all columns share is said once, in the title, not in every
** header: "Own cost per budget year (M EUR)". */
void mdtable_write(FILE *f, const struct table *t, int level, enum plot_lang lang)
{
	char header[MDTABLE_HEADER_LEN];
	const char *shared = t->title ? common_unit(t) : NULL;

	if (t->title) {
		fprintf(f, "%.*s ", level < 1 ? 1 : level > 6 ? 6 : level, "######");
		mdtable_header(t->title, shared, lang, header);
		mdtable_text(f, header);
		fputs("\n\n", f);
	}
	fputs("|", f);
	for (size_t c = 0; c < t->ncols; c++) {
		mdtable_header(t->col[c].label, shared ? NULL : t->col[c].unit, lang, header);
		fputs(" ", f);
		mdtable_text(f, header);
		fputs(" |", f);
	}
	fputs("\n|", f);
	for (size_t c = 0; c < t->ncols; c++)
		fputs(numeric_column(t, c) ? " ---: |" : " --- |", f);
	fputs("\n", f);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("|", f);
		for (size_t c = 0; c < t->ncols; c++) {
			fputs(" ", f);
			put_cell(f, t, r, c, lang);
			fputs(" |", f);
		}
		fputs("\n", f);
	}
	for (size_t i = 0; i < t->nnotes; i++) {
		fputs("\n", f);
		mdtable_text(f, t->note[i]);
		fputs("\n", f);
	}
}
