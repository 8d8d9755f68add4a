/*
** test_mdtable.c: values, headers, escaped text and tables as Markdown
** (sim/mdtable.c). Expected texts are worked out by hand from the rules in
** mdtable.h (e.g. 12345678.9 EUR = 12.3456789 M EUR, shown "12.35").
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdtable.h"
#include "table.h"

/* mdtable_format_value of x in unit, in lang. */
static const char *shown(const char *unit, double x, enum plot_lang lang)
{
	static char buf[MDTABLE_VALUE_LEN];

	mdtable_format_value(unit, x, lang, buf);
	return buf;
}

static void format_by_unit(void **state)
{
	(void)state;
	assert_string_equal(shown("EUR", 12345678.9, PLOT_EN), "12.35");
	assert_string_equal(shown("EUR", -2386000, PLOT_EN), "-2.39");
	assert_string_equal(shown("EUR", -1000, PLOT_EN), "0.00");   /* not "-0.00" */
	assert_string_equal(shown("1", 0.4567, PLOT_EN), "45.7");
	assert_string_equal(shown("pp", -0.0385, PLOT_EN), "-3.9");
	assert_string_equal(shown("index", 0.4267, PLOT_EN), "0.43");
	assert_string_equal(shown("year", 2031, PLOT_EN), "2031");
	assert_string_equal(shown("years", 13, PLOT_EN), "13");
	assert_string_equal(shown("count", 0.2815, PLOT_EN), "0.28");
	assert_string_equal(shown("flag", 1, PLOT_EN), "yes");
	assert_string_equal(shown("flag", 0, PLOT_EN), "no");
	assert_string_equal(shown("rank", 3, PLOT_EN), "3");
	assert_string_equal(shown("year", NAN, PLOT_EN), "never");
	assert_string_equal(shown("EUR", NAN, PLOT_EN), "\xe2\x80\x93");
	/* a unit without a format of its own: shortest round-trip form */
	assert_string_equal(shown("h", 3, PLOT_EN), "3");
	assert_string_equal(shown("EUR/yr", 0.1 + 0.2, PLOT_EN), "0.30000000000000004");
	assert_string_equal(shown("EUR/yr", NAN, PLOT_EN), "\xe2\x80\x93");
	/* German: decimal comma, the minus sign U+2212, German words */
	assert_string_equal(shown("EUR", -2386000, PLOT_DE), "\xe2\x88\x92" "2,39");
	assert_string_equal(shown("EUR", -1000, PLOT_DE), "0,00");
	assert_string_equal(shown("1", 0.4567, PLOT_DE), "45,7");
	assert_string_equal(shown("year", 2031, PLOT_DE), "2031");
	assert_string_equal(shown("year", NAN, PLOT_DE), "nie");
	assert_string_equal(shown("flag", 0, PLOT_DE), "nein");
	assert_string_equal(shown("flag", 1, PLOT_DE), "ja");
}

/* mdtable_localise: a C-locale number as the German reports write it
** (calibration.md's numbers, %.6g); English as it is. */
static void localised(void **state)
{
	static const struct {
		const char *c, *de;
	} cases[] = {
		{ "-0.998968", "\xe2\x88\x92" "0,998968" },
		{ "1.03457e+08", "1,03457e+08" },
		{ "2.91084e-13", "2,91084e\xe2\x88\x92" "13" },
		{ "1000", "1000" },
	};
	char buf[MDTABLE_VALUE_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(buf, sizeof buf, "%s", cases[i].c);
		mdtable_localise(buf, PLOT_EN);
		assert_string_equal(buf, cases[i].c);
		mdtable_localise(buf, PLOT_DE);
		assert_string_equal(buf, cases[i].de);
	}
}

static void headers(void **state)
{
	char buf[MDTABLE_HEADER_LEN];

	(void)state;
	mdtable_header("PV cost", "EUR", PLOT_EN, buf);
	assert_string_equal(buf, "PV cost (M EUR)");
	mdtable_header("Barwert eigene Kosten", "EUR", PLOT_DE, buf);
	assert_string_equal(buf, "Barwert eigene Kosten (Mio. EUR)");
	mdtable_header("Target year", "year", PLOT_EN, buf);
	assert_string_equal(buf, "Target year");
	mdtable_header("Zieljahr", "year", PLOT_DE, buf);   /* ends with "jahr" */
	assert_string_equal(buf, "Zieljahr");
	mdtable_header("Feasible", "flag", PLOT_EN, buf);
	assert_string_equal(buf, "Feasible");
	mdtable_header("Rang", "rank", PLOT_DE, buf);
	assert_string_equal(buf, "Rang");
	mdtable_header("Name", NULL, PLOT_EN, buf);
	assert_string_equal(buf, "Name");
	mdtable_header("Difference", "pp", PLOT_DE, buf);
	assert_string_equal(buf, "Difference (%-Pkt.)");
}

/* What mdtable_text writes of s. */
static char *escaped(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	mdtable_text(f, s);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* A hostile name: a column break, code, HTML, a link, a backslash, blanks
** around it, control characters; an ampersand that is plain text. */
static void text_escaped(void **state)
{
	char *s;

	(void)state;
	s = escaped("  Pay | as `we` go <b>[x](y)\\ &amp;  ");
	assert_string_equal(s, "Pay \\| as \\`we\\` go \\<b\\>\\[x\\](y)\\\\ \\&amp;");
	free(s);
	s = escaped("Train & hire\n\tnow\x7f");
	assert_string_equal(s, "Train & hire  now");
	free(s);
}

/* A table: numbers right-aligned, text left; a unit that every column
** shares is said once, in the title; notes follow as paragraphs. */
static void table_written(void **state)
{
	struct table *t = table_new(2, 3);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_non_null(t);
	table_set_title(t, "Own cost per budget year");
	table_set_col(t, 0, "name", "Name", NULL);
	table_set_col(t, 1, "2026", "2026", "EUR");
	table_set_col(t, 2, "total", "Horizon total", "EUR");
	table_set_text(t, 0, 0, "A | B");
	table_set_number(t, 0, 1, 1.2385e6, "EUR");
	table_set_number(t, 0, 2, NAN, "EUR");
	table_set_text(t, 1, 0, "C");
	table_set_number(t, 1, 1, -4e3, "EUR");
	table_set_number(t, 1, 2, 2.5e7, "EUR");
	table_add_note(t, "Not discounted <b>.");
	assert_false(table_failed(t));
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	mdtable_write(f, t, 2, PLOT_EN);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf,
	    "## Own cost per budget year (M EUR)\n\n"
	    "| Name | 2026 | Horizon total |\n"
	    "| --- | ---: | ---: |\n"
	    "| A \\| B | 1.24 | \xe2\x80\x93 |\n"
	    "| C | 0.00 | 25.00 |\n"
	    "\nNot discounted \\<b\\>.\n");
	free(buf);
	table_free(t);
	table_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_by_unit),
		cmocka_unit_test(localised),
		cmocka_unit_test(headers),
		cmocka_unit_test(text_escaped),
		cmocka_unit_test(table_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
