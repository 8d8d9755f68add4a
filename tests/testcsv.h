/*
** testcsv.h: reading a CSV file back with libcsv itself, so that a test
** checks what a CSV reader sees, not what the writer meant (test_csvout,
** test_compare). Header-only, static inline. Include after <cmocka.h>.
*/
#ifndef DTSIM_TESTCSV_H
#define DTSIM_TESTCSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#define TESTCSV_MAX_FIELDS 4096

/* Every field of a file in order, and the row each belongs to. */
struct testcsv {
	size_t nfields, nrows;
	char *field[TESTCSV_MAX_FIELDS];    /* owned, NUL-terminated */
	size_t row_of[TESTCSV_MAX_FIELDS];  /* the row each field belongs to */
};

static inline void testcsv_on_field(void *s, size_t len, void *data)
{
	struct testcsv *t = data;
	char *copy = malloc(len + 1);

	assert_non_null(copy);
	assert_true(t->nfields < TESTCSV_MAX_FIELDS);
	memcpy(copy, s, len);
	copy[len] = '\0';
	t->row_of[t->nfields] = t->nrows;
	t->field[t->nfields++] = copy;
}

static inline void testcsv_on_row(int c, void *data)
{
	(void)c;
	((struct testcsv *)data)->nrows++;
}

/* Parses the file at path strictly into t (free with testcsv_free); fails
** the test on any CSV error. */
static inline void testcsv_read(const char *path, struct testcsv *t)
{
	struct csv_parser p;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	memset(t, 0, sizeof *t);
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		assert_int_equal(csv_parse(&p, buf, n, testcsv_on_field, testcsv_on_row, t), n);
	assert_int_equal(csv_fini(&p, testcsv_on_field, testcsv_on_row, t), 0);
	csv_free(&p);
	fclose(f);
}

static inline void testcsv_free(struct testcsv *t)
{
	for (size_t i = 0; i < t->nfields; i++)
		free(t->field[i]);
}

/* Parses a field as a double and requires the identical bits. */
static inline void testcsv_same_double(const char *text, double want)
{
	char *end;
	double got = strtod(text, &end);

	assert_true(*text != '\0' && *end == '\0');
	if (memcmp(&got, &want, sizeof got) != 0) {
		print_error("field \"%s\" reads as %.17g, wrote %.17g\n", text, got, want);
		fail();
	}
}

#endif
