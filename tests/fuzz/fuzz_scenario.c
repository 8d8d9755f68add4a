/*
** fuzz_scenario.c: libFuzzer harness for the scenario loader, --set and the
** resolved file's round trip (sim/scenario.h).
**
** Input: a scenario file and --set lines, split at a line "--set" (see
** fuzzscen.h, which also lists the files beside it that the scenario may
** extend or name as its schedule).
**
** For each input: load s.ini, apply the assignments and resolve, as `dtsim
** run` does (an error is fine: it must only be a complete error record;
** the loader and the rules report every mistake, each record complete, at
** most ERR_LIST_MAX kept and all counted, and the first rule that
** scenario_check reports is the error scenario_resolve gives).
** When it resolves: write the resolved scenario (scenario_write_resolved)
** to rt.ini, load that and resolve it again. A finding (abort) is: the
** resolved file does not load or resolve; it resolves to other parameters
** in any year, to another number of years, or to other texts
** (scenario.name, scenario.description); or writing it again gives other
** lines. The provenance listing (scenario_write_check) runs too.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzscen.h"
#include "params.h"
#include "scenario.h"

/* Whether the parameters of a and b are the same (every numeric
** parameter, every slot in use of a named one, the schedule flag and the
** named counts); on a difference names the parameter. */
static int same_params(const struct model_params *a, const struct model_params *b,
                       const char **which)
{
	*which = "named_count";
	if (memcmp(a->named_count, b->named_count, sizeof a->named_count) != 0)
		return 0;
	*which = "schedule_active";
	if (a->schedule_active != b->schedule_active)
		return 0;
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		int k = params_named_kind(d->section);
		size_t slots = k >= 0 ? a->named_count[k] : 1;
		const double *x, *y;

		if (d->kind == PK_TEXT)
			continue;
		x = params_cslot(a, d);
		y = params_cslot(b, d);
		for (size_t s = 0; s < slots; s++)
			if (x[s] != y[s]) {
				*which = d->name;
				return 0;
			}
	}
	return 1;
}

/* Writes the resolved scenario sc into the scratch file name; aborts when
** a scenario that resolved cannot be written. Returns its contents after
** the first line (the header comment names the id), owned by the caller. */
static char *write_resolved(const struct scenario *sc, const char *name)
{
	const char *path = fuzz_path(name);
	FILE *f = fopen(path, "w+");
	char *text, *nl;
	long n;

	if (!f)
		abort();
	if (scenario_write_resolved(sc, f) != 0)
		fuzz_fail("scenario_write_resolved failed on a scenario that resolved");
	if (fflush(f) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0
	    || !(text = calloc(1, (size_t)n + 1)) || fread(text, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	nl = strchr(text, '\n');
	memmove(text, nl ? nl + 1 : text, strlen(nl ? nl + 1 : text) + 1);
	return text;
}

/* Loads path and resolves it; aborts when that fails (for the round trip,
** whose files dtsim wrote itself). */
static struct scenario *must_load(const char *path, struct model_params **yr, size_t *n)
{
	struct scenario *sc;
	struct err e;

	err_clear(&e);
	if (scenario_load(path, &sc, &e) != 0)
		fuzz_fail("the resolved file does not load: %s:%ld: %s", e.file, e.line, e.msg);
	if (scenario_resolve(sc, yr, n, &e) != 0)
		fuzz_fail("the resolved file does not resolve: %s:%ld: %s", e.file, e.line, e.msg);
	return sc;
}

static void round_trip(const struct scenario *sc, const struct model_params *yr, size_t n)
{
	static const enum param_id texts[] = { P_scenario_name, P_scenario_description };
	struct model_params *yr2 = NULL, *yr3 = NULL;
	struct scenario *rt, *rt2;
	size_t n2, n3;
	const char *which;
	char *once, *twice;

	once = write_resolved(sc, "rt.ini");
	rt = must_load(fuzz_path("rt.ini"), &yr2, &n2);
	if (n2 != n)
		fuzz_fail("the resolved file has %zu years, the scenario %zu", n2, n);
	for (size_t k = 0; k < n; k++)
		if (!same_params(&yr[k], &yr2[k], &which))
			fuzz_fail("year %zu: %s differs after the round trip", k, which);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strcmp(scenario_text(sc, texts[i]), scenario_text(rt, texts[i])) != 0)
			fuzz_fail("%s: '%s' became '%s'", PARAM_DEF(texts[i])->name,
			          scenario_text(sc, texts[i]), scenario_text(rt, texts[i]));
	/* The resolved file of the resolved file is the same file. */
	twice = write_resolved(rt, "rt2.ini");
	if (strcmp(once, twice) != 0)
		fuzz_fail("writing the resolved file again gives other lines");
	rt2 = must_load(fuzz_path("rt2.ini"), &yr3, &n3);
	scenario_free(rt2);
	free(yr3);
	free(once);
	free(twice);
	free(yr2);
	scenario_free(rt);
}

/* Checks every error of el, which rc reported: each record complete, at
** most ERR_LIST_MAX kept, rc -1 exactly when there is one. */
static void check_errors(const struct errlist *el, int rc)
{
	if ((rc != 0) != (el->total != 0))
		fuzz_fail("returned %d with %zu errors", rc, el->total);
	if (el->n != (el->total < ERR_LIST_MAX ? el->total : ERR_LIST_MAX))
		fuzz_fail("%zu errors kept of %zu", el->n, el->total);
	for (size_t i = 0; i < el->n; i++)
		fuzz_check_err(&el->a[i]);
}

/* A file with mistakes: what the command line does next, --set and the
** rules between keys on what was read. */
static void mistakes(struct scenario *sc, const struct fuzz_scen *in, struct errlist *el)
{
	struct err e;
	size_t before;

	for (size_t i = 0; i < in->nset; i++) {
		err_clear(&e);
		if (scenario_set(sc, in->set[i], &e) != 0)
			fuzz_check_err(&e);
	}
	before = el->total;
	if ((scenario_check(sc, el) != 0) != (el->total > before))
		fuzz_fail("scenario_check's result and its errors differ");
	check_errors(el, -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct fuzz_scen in;
	struct scenario *sc = NULL;
	struct model_params *yr = NULL;
	const char *path = fuzz_scen_split(data, size, &in);
	size_t n;
	struct errlist el = { NULL, 0, 0 };
	struct err e;
	int bad = 0, rc;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	rc = scenario_load_all(path, &sc, &el);
	check_errors(&el, rc);
	if (!sc)
		fuzz_fail("scenario_load_all returned no scenario");
	if (rc != 0) {
		mistakes(sc, &in, &el);
		errlist_free(&el);
		scenario_free(sc);
		free(in.buf);
		return 0;
	}
	for (size_t i = 0; i < in.nset; i++) {
		err_clear(&e);
		if (scenario_set(sc, in.set[i], &e) != 0) {
			fuzz_check_err(&e);
			bad = 1;
		}
	}
	scenario_write_check(sc, null);
	err_clear(&e);
	rc = scenario_check(sc, &el);
	check_errors(&el, rc);
	if (!bad && scenario_resolve(sc, &yr, &n, &e) != 0) {
		fuzz_check_err(&e);
		if (rc == 0 || strcmp(e.msg, el.a[0].msg) != 0 || e.line != el.a[0].line)
			fuzz_fail("scenario_resolve says '%s', scenario_check '%s'", e.msg,
			          rc ? el.a[0].msg : "no error");
	} else if (!bad) {
		if (rc != 0)
			fuzz_fail("scenario_check says '%s', but the scenario resolves",
			          el.a[0].msg);
		round_trip(sc, yr, n);
	}
	errlist_free(&el);
	free(yr);
	scenario_free(sc);
	free(in.buf);
	return 0;
}
