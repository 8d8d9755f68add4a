/*
** manifest.c: writing, reading and checking DIR/manifest.csv.
**
** The manifest is a CSV file (libcsv, every field quoted, as every result
** file) with a header and one row per scenario; the columns are in
** `columns` below. Fields that are the same for the whole run (summary.csv's
** size and digest, the generation, the versions of dtsim and of the model)
** repeat in every row, so that each row is complete on its own.
**
** The generation is the digest (digest.h) of, for each scenario in order,
** its id, a NUL byte and the 16 hex digits of the digests of its CSV and of
** its params.ini, and then the hex digits of summary.csv's digest.
*/
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "afile.h"
#include "csvtab.h"
#include "digest.h"
#include "manifest.h"
#include "modelversion.h"
#include "numfmt.h"
#include "resdir.h"
#include "version.h"

/* The largest result file whose digest is checked: far beyond a 100-year
** run with monthly rows (about 2 MB). */
#define MANIFEST_FILE_MAX (64u << 20)

enum col {
	C_SCENARIO, C_NAME, C_DESCRIPTION, C_TARGET, C_MANDATE_ACTIVE, C_DEADLINE, C_MANDATE_TARGET,
	C_CSV_BYTES, C_CSV_DIGEST, C_PARAMS_BYTES, C_PARAMS_DIGEST, C_SUMMARY_BYTES,
	C_SUMMARY_DIGEST, C_GENERATION, C_NAME_DE, C_DESCRIPTION_DE, C_REFERENCE, C_VERSION,
	C_MODEL_VERSION, C_COUNT
};

/* The columns C_NAME_DE..C_REFERENCE came with issue 11: a manifest of an
** older dtsim without them still reads (no translations, no reference). */
#define OPTIONAL(c) ((c) >= C_NAME_DE && (c) <= C_REFERENCE)

static const char *const columns[C_COUNT] = {
	"scenario", "name", "description", "target_maturity", "mandate_active",
	"mandate_deadline_year", "mandate_target", "csv_bytes", "csv_digest", "params_bytes",
	"params_digest", "summary_bytes", "summary_digest", "generation", "name_de",
	"description_de", "reference", "dtsim_version",
	"model_version",
};

uint64_t manifest_generation(const struct manifest *m)
{
	uint64_t h = DIGEST_INIT;
	char hex[DIGEST_HEX_LEN];

	for (size_t i = 0; i < m->n; i++) {
		h = digest_add(h, m->entry[i].id, strlen(m->entry[i].id) + 1);
		digest_hex(m->entry[i].csv.digest, hex);
		h = digest_add(h, hex, DIGEST_HEX_LEN - 1);
		digest_hex(m->entry[i].params.digest, hex);
		h = digest_add(h, hex, DIGEST_HEX_LEN - 1);
	}
	digest_hex(m->summary.digest, hex);
	return digest_add(h, hex, DIGEST_HEX_LEN - 1);
}

/* ---- writing ------------------------------------------------------------------ */

/* Writes one field (a comma before it unless first). 0, or -1. */
static int put(FILE *f, const char *text, int first)
{
	if (!first && fputc(',', f) == EOF)
		return -1;
	return csv_fwrite(f, text, strlen(text)) == 0 ? 0 : -1;
}

/* A number field: the shortest round trip, or empty for NaN. */
static int put_num(FILE *f, double x)
{
	char buf[NUMFMT_LEN];

	if (isnan(x))
		return put(f, "", 0);
	numfmt_double(x, buf);
	return put(f, buf, 0);
}

static int put_u64(FILE *f, uint64_t x)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%" PRIu64, x);
	return put(f, buf, 0);
}

static int put_hex(FILE *f, uint64_t x)
{
	char buf[DIGEST_HEX_LEN];

	digest_hex(x, buf);
	return put(f, buf, 0);
}

#define OR_EMPTY(s) ((s) ? (s) : "")

static int put_row(FILE *f, const struct manifest_entry *r, const struct manifest *m,
                   uint64_t generation)
{
	return put(f, r->id, 1) || put(f, r->name, 0) || put(f, r->description, 0)
	       || put_num(f, r->target_maturity) || put_num(f, r->mandate_active)
	       || put_num(f, r->mandate_deadline_year) || put_num(f, r->mandate_target)
	       || put_u64(f, r->csv.size) || put_hex(f, r->csv.digest)
	       || put_u64(f, r->params.size) || put_hex(f, r->params.digest)
	       || put_u64(f, m->summary.size) || put_hex(f, m->summary.digest)
	       || put_hex(f, generation) || put(f, OR_EMPTY(r->name_de), 0)
	       || put(f, OR_EMPTY(r->description_de), 0) || put(f, OR_EMPTY(r->reference), 0)
	       || put(f, DTSIM_VERSION, 0) || put(f, MODEL_VERSION, 0)
	       || fputc('\n', f) == EOF
	       ? -1 : 0;
}

int manifest_write(const char *path, const struct manifest *m, struct err *e)
{
	struct afile *af = afile_open(path, e);
	uint64_t generation = manifest_generation(m);
	FILE *f;
	int bad = 0;

	if (!af)
		return -1;
	f = afile_stream(af);
	for (size_t c = 0; c < C_COUNT && !bad; c++)
		bad = put(f, columns[c], c == 0);
	bad = bad || fputc('\n', f) == EOF;
	for (size_t i = 0; i < m->n && !bad; i++)
		bad = put_row(f, &m->entry[i], m, generation);
	/* A failed write is reported with its cause by afile_commit. */
	return afile_commit(af, e);
}

/* ---- checking files ------------------------------------------------------------ */

int manifest_digest_file(const char *path, uint64_t limit, struct manifest_file *out,
                         struct err *e)
{
	char buf[65536];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);

	out->size = 0;
	out->digest = DIGEST_INIT;
	if (fd < 0)
		return err_set(e, path, 0, NULL, "cannot read %s: %s", path,
		               errno == ELOOP ? "it is a symbolic link, not a file dtsim wrote"
		                              : strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, path, 0, NULL, "cannot read %s: not a regular file", path);
	}
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;

			close(fd);
			return err_set(e, path, 0, NULL, "cannot read %s: %s", path, strerror(saved));
		}
		out->digest = digest_add(out->digest, buf, (size_t)n);
		out->size += (uint64_t)n;
		if (out->size > limit) {
			close(fd);
			return err_set(e, path, 0, NULL, "cannot read %s: larger than %" PRIu64
			               " bytes; allowed: result files up to that size", path, limit);
		}
	}
	close(fd);
	return 0;
}

/* Checks that the file dir/name+suffix is the one recorded in want. */
static int check_file(const char *dir, const char *name, const char *suffix,
                      const struct manifest_file *want, struct err *e)
{
	char *path = resdir_join(dir, name, suffix);
	char whex[DIGEST_HEX_LEN], ghex[DIGEST_HEX_LEN];
	struct manifest_file got;
	int rc = 0;

	if (!path)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (manifest_digest_file(path, MANIFEST_FILE_MAX, &got, e) != 0) {
		rc = -1;
	} else if (got.size != want->size || got.digest != want->digest) {
		digest_hex(want->digest, whex);
		digest_hex(got.digest, ghex);
		rc = err_set(e, path, 0, NULL, "%s is not the file that the run recorded in %s/"
		             RESDIR_MANIFEST " wrote (%" PRIu64 " bytes, digest %s; it has %" PRIu64
		             " bytes, digest %s): another run wrote it, or it was edited; run the"
		             " scenarios again", path, dir, want->size, whex, got.size, ghex);
	}
	free(path);
	return rc;
}

/* ---- reading ------------------------------------------------------------------- */

/* What a loaded manifest owns. */
struct owned {
	struct csvtab *t;
};

void manifest_free(struct manifest *m)
{
	if (!m)
		return;
	if (m->owned)
		csvtab_free(((struct owned *)m->owned)->t);
	free(m->owned);
	free(m->entry);
	free(m);
}

const struct manifest_entry *manifest_find(const struct manifest *m, const char *id)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->entry[i].id, id) == 0)
			return &m->entry[i];
	return NULL;
}

/* Parses text (digits only) into *out; base 10 or 16 (exactly 16 digits). */
static int parse_u64(const char *text, int base, uint64_t *out)
{
	size_t n = strlen(text);
	char *end;

	if (n == 0 || n > 20 || (base == 16 && n != DIGEST_HEX_LEN - 1)
	    || strspn(text, base == 16 ? "0123456789abcdef" : "0123456789") != n)
		return -1;
	errno = 0;
	*out = (uint64_t)strtoull(text, &end, base);
	return errno || *end ? -1 : 0;
}

/* A number field, or NaN when empty; -1 when neither. */
static int parse_num(const char *text, double *out)
{
	if (!text[0]) {
		*out = NAN;
		return 0;
	}
	return numfmt_parse(text, out);
}

/* Reads row r of t (columns at col[]) into x; the run-wide fields into
** run (row 0) or checks them against it. Returns 0, or -1 with the column
** at fault in *bad. */
static int read_row(const struct csvtab *t, size_t r, const int col[C_COUNT],
                    struct manifest_entry *x, struct manifest *run, uint64_t *generation,
                    int *bad)
{
	double active;
	struct manifest_file sum;
	uint64_t gen;

#define TEXT(c) (col[c] < 0 ? "" : csvtab_text(t, r, (size_t)col[c]))
#define FAIL(c) return (*bad = (c), -1)
	x->id = TEXT(C_SCENARIO);
	x->name = TEXT(C_NAME);
	x->description = TEXT(C_DESCRIPTION);
	x->name_de = TEXT(C_NAME_DE);
	x->description_de = TEXT(C_DESCRIPTION_DE);
	x->reference = TEXT(C_REFERENCE);
	if (parse_num(TEXT(C_TARGET), &x->target_maturity))
		FAIL(C_TARGET);
	if (parse_num(TEXT(C_MANDATE_ACTIVE), &active) || !(active == 0 || active == 1))
		FAIL(C_MANDATE_ACTIVE);
	x->mandate_active = active == 1;
	if (parse_num(TEXT(C_DEADLINE), &x->mandate_deadline_year))
		FAIL(C_DEADLINE);
	if (parse_num(TEXT(C_MANDATE_TARGET), &x->mandate_target))
		FAIL(C_MANDATE_TARGET);
	if (parse_u64(TEXT(C_CSV_BYTES), 10, &x->csv.size))
		FAIL(C_CSV_BYTES);
	if (parse_u64(TEXT(C_CSV_DIGEST), 16, &x->csv.digest))
		FAIL(C_CSV_DIGEST);
	if (parse_u64(TEXT(C_PARAMS_BYTES), 10, &x->params.size))
		FAIL(C_PARAMS_BYTES);
	if (parse_u64(TEXT(C_PARAMS_DIGEST), 16, &x->params.digest))
		FAIL(C_PARAMS_DIGEST);
	if (parse_u64(TEXT(C_SUMMARY_BYTES), 10, &sum.size))
		FAIL(C_SUMMARY_BYTES);
	if (parse_u64(TEXT(C_SUMMARY_DIGEST), 16, &sum.digest))
		FAIL(C_SUMMARY_DIGEST);
	if (parse_u64(TEXT(C_GENERATION), 16, &gen))
		FAIL(C_GENERATION);
	if (!TEXT(C_VERSION)[0])
		FAIL(C_VERSION);
	if (!TEXT(C_MODEL_VERSION)[0])
		FAIL(C_MODEL_VERSION);
	if (r == 0) {
		run->summary = sum;
		*generation = gen;
		run->dtsim_version = TEXT(C_VERSION);
		run->model_version = TEXT(C_MODEL_VERSION);
	} else if (sum.size != run->summary.size || sum.digest != run->summary.digest) {
		FAIL(C_SUMMARY_DIGEST);
	} else if (gen != *generation) {
		FAIL(C_GENERATION);
	} else if (strcmp(TEXT(C_VERSION), run->dtsim_version) != 0) {
		FAIL(C_VERSION);
	} else if (strcmp(TEXT(C_MODEL_VERSION), run->model_version) != 0) {
		FAIL(C_MODEL_VERSION);
	}
#undef TEXT
#undef FAIL
	return 0;
}

int manifest_load(const char *dir, struct manifest **out, struct err *e)
{
	char *path = resdir_join(dir, RESDIR_MANIFEST, "");
	struct manifest *m = calloc(1, sizeof *m);
	struct owned *own = calloc(1, sizeof *own);
	int col[C_COUNT], bad = -1, rc = -1, stat_rc;
	uint64_t generation = 0;
	struct stat st;

	*out = NULL;
	if (m)
		m->owned = own;
	else
		free(own);
	if (!path || !m || !own) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if ((stat_rc = lstat(path, &st)) != 0 && errno == ENOENT) {
		err_set(e, NULL, 0, NULL, "%s holds no complete results (no " RESDIR_MANIFEST "):"
		        " run 'dtsim run -o %s SCENARIO.ini...' first (a run that was interrupted,"
		        " or an older dtsim, leaves none)", dir, dir);
		goto done;
	}
	/* As every file the manifest lists (check_file): dtsim never writes a
	** link, so one leads to a manifest of another directory. csvtab_load's
	** rfile refuses a FIFO, a device or a directory. */
	if (stat_rc == 0 && S_ISLNK(st.st_mode)) {
		err_set(e, path, 0, NULL, "cannot read %s: it is a symbolic link, not a file"
		        " dtsim wrote; run the scenarios again", path);
		goto done;
	}
	if (csvtab_load(path, &own->t, e) != 0)
		goto done;
	for (size_t c = 0; c < C_COUNT; c++)
		if ((col[c] = csvtab_find(own->t, columns[c])) < 0 && !OPTIONAL(c)) {
			err_set(e, path, 1, columns[c], "%s has no column '%s'; it was not written by"
			        " this dtsim: run the scenarios again", path, columns[c]);
			goto done;
		}
	m->n = csvtab_rows(own->t);
	if (m->n == 0) {
		err_set(e, path, 0, NULL, "%s lists no scenario; run the scenarios again", path);
		goto done;
	}
	if (!(m->entry = calloc(m->n, sizeof *m->entry))) {
		err_set(e, NULL, 0, NULL, "out of memory");
		goto done;
	}
	for (size_t r = 0; r < m->n; r++) {
		struct err idl;

		if (read_row(own->t, r, col, &m->entry[r], m, &generation, &bad) != 0) {
			err_set(e, path, (long)r + 2, columns[bad], "%s: row %zu: the field '%s' does"
			        " not hold what dtsim writes there (or differs from the first row);"
			        " run the scenarios again", path, r + 1, columns[bad]);
			goto done;
		}
		if (resdir_check_id(m->entry[r].id, &idl) != 0) {
			err_set(e, path, (long)r + 2, "scenario", "%s", idl.msg);
			goto done;
		}
		for (size_t j = 0; j < r; j++)
			if (strcmp(m->entry[j].id, m->entry[r].id) == 0) {
				err_set(e, path, (long)r + 2, "scenario", "the scenario id '%s' is listed"
				        " twice (rows %zu and %zu)", m->entry[r].id, j + 1, r + 1);
				goto done;
			}
	}
	for (size_t r = 0; r < m->n; r++)
		if (m->entry[r].reference[0] && !manifest_find(m, m->entry[r].reference)) {
			err_set(e, path, (long)r + 2, "reference", "%s: row %zu: the reference"
			        " scenario is not one of the run's; run the scenarios again", path, r + 1);
			goto done;
		}
	m->generation = manifest_generation(m);
	if (m->generation != generation) {
		err_set(e, path, 2, "generation", "%s: the generation does not match the files it"
		        " lists: the manifest was edited; run the scenarios again", path);
		goto done;
	}
	if (check_file(dir, RESDIR_SUMMARY, "", &m->summary, e) != 0)
		goto done;
	for (size_t r = 0; r < m->n; r++)
		if (check_file(dir, m->entry[r].id, ".csv", &m->entry[r].csv, e) != 0
		    || check_file(dir, m->entry[r].id, ".params.ini", &m->entry[r].params, e) != 0)
			goto done;
	*out = m;
	m = NULL;
	rc = 0;
done:
	manifest_free(m);
	free(path);
	return rc;
}
