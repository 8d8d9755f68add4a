/*
** test_resdir.c: the results directory (sim/resdir.c) and its manifest
** (sim/manifest.c): which ids may name result files, the lock, the removal
** of what a killed run left (and of nothing else), directories that are
** never symbolic links, and a manifest that refuses files of another run.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "digest.h"
#include "manifest.h"
#include "modelversion.h"
#include "resdir.h"
#include "version.h"
#include "testutil.h"

struct dir {
	char path[256];
};

static int setup_dir(void **state)
{
	struct dir *d = calloc(1, sizeof *d);

	assert_non_null(d);
	assert_int_equal(testutil_mkdtemp(d->path, sizeof d->path, "resdir"), 0);
	*state = d;
	return 0;
}

/* Removes d and everything below it (two levels are all a test makes). */
static int teardown_dir(void **state)
{
	struct dir *d = *state;
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->path);
	assert_int_equal(system(cmd), 0);
	free(d);
	return 0;
}

/* d/name (owned by the caller). */
static char *at(const struct dir *d, const char *name)
{
	char *p = resdir_join(d->path, name, "");

	assert_non_null(p);
	return p;
}

static void put(const struct dir *d, const char *name, const char *text)
{
	char *p = at(d, name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	free(p);
}

static int exists(const struct dir *d, const char *name)
{
	char *p = at(d, name);
	struct stat st;
	int rc = lstat(p, &st) == 0;

	free(p);
	return rc;
}

/* ---- ids ------------------------------------------------------------------------ */

static void ids(void **state)
{
	static const char *const good[] = {
		"baseline", "roadmap", "Plan B", "q'uote `x`", "|pipe", "<in", "äöü", "a.b", "x..y",
	};
	static const char *const bad[] = {
		"", "a/b", "a/../../x", "..", ".", ".hidden", "a\nb", "tab\tid", "del\x7f",
		"summary", "comparison", "burden", "manifest", "sensitivity", "report",
	};
	char longid[RESDIR_ID_MAX + 2];
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		err_clear(&e);
		if (resdir_check_id(good[i], &e) != 0) {
			print_error("'%s' refused: %s\n", good[i], e.msg);
			fail();
		}
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		if (resdir_check_id(bad[i], &e) != -1) {
			print_error("'%s' accepted\n", bad[i]);
			fail();
		}
		assert_string_equal(e.key, "scenario");
		assert_non_null(strstr(e.msg, "allowed") ? e.msg : strstr(e.msg, "reserved"));
	}
	memset(longid, 'a', sizeof longid);
	longid[RESDIR_ID_MAX] = '\0';
	assert_int_equal(resdir_check_id(longid, &e), 0);
	longid[RESDIR_ID_MAX] = 'a';
	longid[RESDIR_ID_MAX + 1] = '\0';
	assert_int_equal(resdir_check_id(longid, &e), -1);
	assert_non_null(strstr(e.msg, "129 bytes"));
}

/* ---- the lock ---------------------------------------------------------------------- */

/* A second lock on the same directory is refused with a message that
** says another dtsim is writing there; after unlock it is free again. */
static void lock_is_exclusive(void **state)
{
	struct dir *d = *state;
	int a = -1, b = -1;
	struct err e;

	assert_int_equal(resdir_lock(d->path, &a, &e), 0);
	assert_true(a >= 0);
	assert_true(exists(d, RESDIR_LOCK));
	err_clear(&e);
	assert_int_equal(resdir_lock(d->path, &b, &e), -1);
	assert_int_equal(b, -1);
	assert_non_null(strstr(e.msg, "another dtsim is writing to"));
	assert_non_null(strstr(e.msg, RESDIR_LOCK));
	resdir_unlock(a);
	assert_int_equal(resdir_lock(d->path, &b, &e), 0);
	resdir_unlock(b);
	resdir_unlock(-1);
}

/* A lock file that is a symbolic link is not followed. */
static void lock_link_refused(void **state)
{
	struct dir *d = *state;
	char *lock = at(d, RESDIR_LOCK), *target = at(d, "elsewhere");
	struct err e;
	int fd;

	assert_int_equal(symlink(target, lock), 0);
	err_clear(&e);
	assert_int_equal(resdir_lock(d->path, &fd, &e), -1);
	assert_non_null(strstr(e.msg, "symbolic link"));
	assert_false(exists(d, "elsewhere"));
	free(lock);
	free(target);
}

/* ---- stale temporaries --------------------------------------------------------- */

/* What a killed run left goes: temporary files in DIR and DIR/plots (a
** link with such a name as a link, its target kept) and the charts'
** temporary directories. Everything else stays. */
static void clean_removes_only_temporaries(void **state)
{
	struct dir *d = *state;
	char *keep_target = at(d, "target.txt"), *link = at(d, ".c.csv.dtsim-LINK01");
	struct err e;

	put(d, "a.csv", "kept\n");
	put(d, ".a.csv.dtsim-Ab12cD", "stale\n");
	put(d, ".summary.csv.dtsim-000000", "stale\n");
	put(d, ".hidden", "kept\n");
	put(d, "a.csv.XYZ123", "kept: not our name\n");
	put(d, "target.txt", "kept: a link's target\n");
	assert_int_equal(symlink(keep_target, link), 0);
	assert_int_equal(mkdir(strcat(strcpy((char[512]){ 0 }, d->path), "/plots"), 0777), 0);
	put(d, "plots/x.png", "kept\n");
	put(d, "plots/.x.gp.dtsim-q1w2e3", "stale\n");
	assert_int_equal(mkdir(strcat(strcpy((char[512]){ 0 }, d->path), "/plots/.dtsim-Zz9Yy8"), 0700), 0);
	put(d, "plots/.dtsim-Zz9Yy8/x-funding.png", "half a chart\n");
	assert_int_equal(mkdir(strcat(strcpy((char[512]){ 0 }, d->path), "/plots/.dtsim-keep"), 0700), 0);
	put(d, "plots/.dtsim-keep/note", "kept: not our name\n");

	err_clear(&e);
	assert_int_equal(resdir_clean(d->path, &e), 0);
	assert_true(exists(d, "a.csv"));
	assert_false(exists(d, ".a.csv.dtsim-Ab12cD"));
	assert_false(exists(d, ".summary.csv.dtsim-000000"));
	assert_true(exists(d, ".hidden"));
	assert_true(exists(d, "a.csv.XYZ123"));
	assert_false(exists(d, ".c.csv.dtsim-LINK01"));
	assert_true(exists(d, "target.txt"));
	assert_true(exists(d, "plots/x.png"));
	assert_false(exists(d, "plots/.x.gp.dtsim-q1w2e3"));
	assert_false(exists(d, "plots/.dtsim-Zz9Yy8"));
	assert_true(exists(d, "plots/.dtsim-keep/note"));
	free(keep_target);
	free(link);
}

/* DIR/plots as a link: its target is not cleaned either. */
static void clean_does_not_follow_plots_link(void **state)
{
	struct dir *d = *state;
	char *other = at(d, "other"), *plots = at(d, "plots");
	struct err e;

	assert_int_equal(mkdir(other, 0777), 0);
	put(d, "other/.x.gp.dtsim-q1w2e3", "not dtsim's to touch here\n");
	assert_int_equal(symlink(other, plots), 0);
	assert_int_equal(resdir_clean(d->path, &e), 0);
	assert_true(exists(d, "other/.x.gp.dtsim-q1w2e3"));
	free(other);
	free(plots);
}

/* ---- directories inside DIR ---------------------------------------------------- */

static void subdir_made_and_checked(void **state)
{
	struct dir *d = *state;
	char *out = NULL, *other = at(d, "other"), *plots = at(d, "plots");
	struct err e;

	assert_int_equal(resdir_subdir(d->path, "plots", &out, &e), 0);
	assert_string_equal(out, plots);
	free(out);
	/* An existing directory is fine. */
	assert_int_equal(resdir_subdir(d->path, "plots", &out, &e), 0);
	free(out);
	assert_int_equal(rmdir(plots), 0);

	/* A link to a directory is refused, and nothing is written there. */
	assert_int_equal(mkdir(other, 0777), 0);
	assert_int_equal(symlink(other, plots), 0);
	err_clear(&e);
	assert_int_equal(resdir_subdir(d->path, "plots", &out, &e), -1);
	assert_null(out);
	assert_non_null(strstr(e.msg, "is a symbolic link"));
	assert_int_equal(unlink(plots), 0);

	/* So is a file. */
	put(d, "plots", "a file\n");
	err_clear(&e);
	assert_int_equal(resdir_subdir(d->path, "plots", &out, &e), -1);
	assert_non_null(strstr(e.msg, "is not a directory"));
	free(other);
	free(plots);
}

static void tempdir_names(void **state)
{
	struct dir *d = *state;
	char *t = NULL;
	struct err e;

	assert_int_equal(resdir_tempdir(d->path, &t, &e), 0);
	assert_true(resdir_is_tempdir_name(strrchr(t, '/') + 1));
	assert_int_equal(rmdir(t), 0);
	free(t);
	assert_true(resdir_is_tempdir_name(".dtsim-a1B2c3"));
	assert_false(resdir_is_tempdir_name(".dtsim-a1B2c"));
	assert_false(resdir_is_tempdir_name(".dtsim-a1B2c34"));
	assert_false(resdir_is_tempdir_name(".dtsim-a1B2c!"));
	assert_false(resdir_is_tempdir_name("dtsim-a1B2c3"));
}

/* ---- the manifest ----------------------------------------------------------------- */

/* Writes files a.csv, a.params.ini and summary.csv into d, and a manifest
** of them (one scenario "a"; with a name and description that need
** quoting in CSV). */
static void write_run(const struct dir *d)
{
	static const char *const files[][2] = {
		{ "a.csv", "year,x\n2026,2.385\n" },
		{ "a.params.ini", "[scenario]\nname = A\n" },
		{ "summary.csv", "scenario,x\na,2.385\n" },
	};
	struct manifest_file f[3];
	struct manifest_entry me;
	struct manifest m;
	struct err e;
	char *path;

	for (size_t i = 0; i < 3; i++) {
		put(d, files[i][0], files[i][1]);
		f[i].size = strlen(files[i][1]);
		f[i].digest = digest_add(DIGEST_INIT, files[i][1], f[i].size);
	}
	me = (struct manifest_entry){ "a", "Plan \"A\", revised", "Why; and how?\n", 0.8, 1,
	                              2030, 0.75, f[0], f[1], NULL, NULL, NULL };
	m = (struct manifest){ &me, 1, f[2], 0, NULL, NULL, NULL };
	path = at(d, RESDIR_MANIFEST);
	assert_int_equal(manifest_write(path, &m, &e), 0);
	free(path);
}

/* What is written is read back, with the checks passing; the generation
** is the digest that manifest.c defines, recomputed here from its parts. */
static void manifest_round_trip(void **state)
{
	struct dir *d = *state;
	struct manifest *m = NULL;
	const struct manifest_entry *a;
	char hex[DIGEST_HEX_LEN];
	uint64_t g = DIGEST_INIT;
	struct err e;

	write_run(d);
	err_clear(&e);
	if (manifest_load(d->path, &m, &e) != 0) {
		print_error("%s\n", e.msg);
		fail();
	}
	assert_int_equal(m->n, 1);
	a = manifest_find(m, "a");
	assert_non_null(a);
	assert_null(manifest_find(m, "b"));
	assert_string_equal(a->name, "Plan \"A\", revised");
	assert_string_equal(a->description, "Why; and how?\n");
	assert_true(a->target_maturity == 0.8 && a->mandate_active == 1);
	assert_true(a->mandate_deadline_year == 2030 && a->mandate_target == 0.75);
	assert_true(a->csv.size == strlen("year,x\n2026,2.385\n"));
	g = digest_add(g, "a", 2);
	digest_hex(a->csv.digest, hex);
	g = digest_add(g, hex, 16);
	digest_hex(a->params.digest, hex);
	g = digest_add(g, hex, 16);
	digest_hex(m->summary.digest, hex);
	g = digest_add(g, hex, 16);
	assert_true(m->generation == g);
	/* The versions that wrote the run: this dtsim's and this model's. */
	assert_string_equal(m->dtsim_version, DTSIM_VERSION);
	assert_string_equal(m->model_version, MODEL_VERSION);
	manifest_free(m);
	manifest_free(NULL);
}

/* A file of the run changed after it: refused, naming the file and what
** to do; so is a file that is gone, or a link in its place, and a link in
** the place of the manifest. */
static void manifest_refuses_other_files(void **state)
{
	struct dir *d = *state;
	struct manifest *m = NULL;
	char *csv = at(d, "a.csv"), *other = at(d, "other.csv");
	char *man = at(d, RESDIR_MANIFEST), *moved = at(d, "moved.csv");
	struct err e;

	write_run(d);
	put(d, "a.csv", "year,x\n2026,2.386\n");  /* one byte differs */
	err_clear(&e);
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_null(m);
	assert_non_null(strstr(e.msg, "a.csv is not the file that the run"));
	assert_non_null(strstr(e.msg, "run the scenarios again"));

	put(d, "a.csv", "year,x\n2026,2.385\n");
	assert_int_equal(manifest_load(d->path, &m, &e), 0);
	manifest_free(m);

	put(d, "summary.csv", "scenario,x\nb,1\n");
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_non_null(strstr(e.msg, "summary.csv is not the file"));
	put(d, "summary.csv", "scenario,x\na,2.385\n");

	assert_int_equal(rename(csv, other), 0);
	assert_int_equal(symlink(other, csv), 0);
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_non_null(strstr(e.msg, "symbolic link"));
	assert_int_equal(unlink(csv), 0);
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_non_null(strstr(e.msg, "a.csv"));

	/* manifest.csv itself a link, here to this run's own manifest moved
	** aside: refused as a listed file is. */
	write_run(d);
	assert_int_equal(rename(man, moved), 0);
	assert_int_equal(symlink(moved, man), 0);
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_null(m);
	assert_non_null(strstr(e.msg, RESDIR_MANIFEST ": it is a symbolic link"));
	assert_int_equal(unlink(man), 0);
	assert_int_equal(rename(moved, man), 0);
	assert_int_equal(manifest_load(d->path, &m, &e), 0);
	manifest_free(m);
	free(csv);
	free(other);
	free(man);
	free(moved);
}

/* A FIFO in place of a result file is refused at once, not waited on. */
static void manifest_refuses_fifo(void **state)
{
	struct dir *d = *state;
	struct manifest *m = NULL;
	char *ini = at(d, "a.params.ini");
	struct err e;

	write_run(d);
	assert_int_equal(unlink(ini), 0);
	assert_int_equal(mkfifo(ini, 0600), 0);
	alarm(10);  /* a hang fails the test */
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	alarm(0);
	assert_non_null(strstr(e.msg, "not a regular file"));
	free(ini);
}

/* Rewrites the manifest of d with field `col` of its first row replaced
** by "value" (every field is quoted; the header is the first line). */
static void edit_manifest(const struct dir *d, size_t col, const char *value)
{
	char *path = at(d, RESDIR_MANIFEST), buf[8192], out[8192];
	FILE *f = fopen(path, "r");
	size_t n, used, field = 0;
	const char *start;
	int quoted = 0;

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	start = strchr(buf, '\n') + 1;
	used = (size_t)(start - buf);
	memcpy(out, buf, used);
	/* Copy the row field by field, the one at col replaced. */
	for (const char *p = start; *p; p++) {
		const char *q = p;

		while (*q && (quoted || (*q != ',' && *q != '\n'))) {
			if (*q == '"')
				quoted = !quoted;
			q++;
		}
		if (field == col)
			used += (size_t)snprintf(out + used, sizeof out - used, "\"%s\"", value);
		else {
			memcpy(out + used, p, (size_t)(q - p));
			used += (size_t)(q - p);
		}
		field++;
		if (*q != ',') {
			used += (size_t)snprintf(out + used, sizeof out - used, "%s", q);
			break;
		}
		out[used++] = ',';
		p = q;
	}
	out[used] = '\0';
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(out, f);
	fclose(f);
	free(path);
}

/* Ids that would lead outside DIR, or that are not file names, are
** refused at the manifest's line; so is a damaged field or generation. */
static void manifest_refuses_bad_rows(void **state)
{
	static const char *const bad_ids[] = { "a/../../x", "..", "../a", ".a", "summary" };
	struct dir *d = *state;
	struct manifest *m = NULL;
	struct err e;

	for (size_t i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
		write_run(d);
		edit_manifest(d, 0, bad_ids[i]);
		err_clear(&e);
		assert_int_equal(manifest_load(d->path, &m, &e), -1);
		assert_int_equal(e.line, 2);
		assert_string_equal(e.key, "scenario");
	}
	write_run(d);
	edit_manifest(d, 8, "not-a-digest");
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_string_equal(e.key, "csv_digest");
	write_run(d);
	edit_manifest(d, 13, "0123456789abcdef");
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_string_equal(e.key, "generation");
	write_run(d);
	edit_manifest(d, 4, "2");
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_string_equal(e.key, "mandate_active");
	/* A reference scenario must be one of the run's. */
	write_run(d);
	edit_manifest(d, 16, "b");
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_string_equal(e.key, "reference");
	write_run(d);
	edit_manifest(d, 16, "a");
	assert_int_equal(manifest_load(d->path, &m, &e), 0);
	assert_string_equal(m->entry[0].reference, "a");
	manifest_free(m);
	m = NULL;
	/* The versions are the last two columns, and never empty. */
	write_run(d);
	edit_manifest(d, 18, "");
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_string_equal(e.key, "model_version");
	write_run(d);
	edit_manifest(d, 17, "");
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_string_equal(e.key, "dtsim_version");
}

/* No manifest: a message that says the directory holds no complete run. */
static void manifest_missing(void **state)
{
	struct dir *d = *state;
	struct manifest *m = NULL;
	struct err e;

	put(d, "summary.csv", "scenario\na\n");
	assert_int_equal(manifest_load(d->path, &m, &e), -1);
	assert_non_null(strstr(e.msg, "holds no complete results (no manifest.csv)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids),
		cmocka_unit_test_setup_teardown(lock_is_exclusive, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(lock_link_refused, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(clean_removes_only_temporaries, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(clean_does_not_follow_plots_link, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(subdir_made_and_checked, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(tempdir_names, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(manifest_round_trip, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(manifest_refuses_other_files, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(manifest_refuses_fifo, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(manifest_refuses_bad_rows, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(manifest_missing, setup_dir, teardown_dir),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
