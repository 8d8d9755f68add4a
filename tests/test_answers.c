/*
** test_answers.c: the table of what the bundled scenarios answer, in
** README.md between "<!-- answers: begin -->" and "<!-- answers: end -->",
** is what the model gives. Each row names a bundled scenario
** (scenarios/ID.ini); the scenario is run as `dtsim run` runs it, and every
** cell must read as the run's KPI printed at the table's precision:
**   maturity, resistance, legacy share   end_* KPIs, 2 decimals
**   80 % reached                         target_year, or "not by 2040"
**   own cost, net benefits               pv_cost_eur, pv_net_benefit_eur and
**                                        pv_net_benefit_total_eur in M EUR,
**                                        1 decimal
** So the README cannot drift from the model: after a model change, a
** failing cell names the scenario, the column, the README's text and the
** value to write. Run from the source tree.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "engine.h"
#include "scenario.h"
#include "summary.h"

#define README "README.md"
#define BEGIN "<!-- answers: begin -->"
#define END "<!-- answers: end -->"

/* The columns after the scenario's, in the README's order. */
enum col { C_MATURITY, C_TARGET, C_RESISTANCE, C_LEGACY, C_COST, C_NET, C_TOTAL, C_COUNT };

/* Reads the whole of path into a NUL-terminated buffer (owned). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n)
		buf[n] = '\0';
	else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Runs scenarios/id.ini and fills its KPIs. */
static void run_scenario(const char *id, struct summary *kpi)
{
	char path[256];
	struct scenario *sc = NULL;
	struct model_params *years = NULL;
	struct series rows = { 0, 0, NULL };
	struct engine *en = engine_new();
	struct err e;
	size_t n;

	snprintf(path, sizeof path, "scenarios/%s.ini", id);
	assert_non_null(en);
	if (scenario_load(path, &sc, &e) || scenario_resolve(sc, &years, &n, &e) ||
	    engine_run(en, years, n, &rows, &e) || summary_compute(&rows, &years[0], kpi)) {
		print_error("%s: %s\n", path, e.msg);
		fail();
	}
	series_free(&rows);
	free(years);
	scenario_free(sc);
	engine_free(en);
}

/* What the README should say in column c for the KPIs k. */
static void expected(enum col c, const struct summary *k, char *buf, size_t len)
{
	switch (c) {
	case C_MATURITY:   snprintf(buf, len, "%.2f", k->v[KPI_end_service_maturity]); break;
	case C_RESISTANCE: snprintf(buf, len, "%.2f", k->v[KPI_end_change_resistance]); break;
	case C_LEGACY:     snprintf(buf, len, "%.2f", k->v[KPI_end_legacy_share]); break;
	case C_COST:       snprintf(buf, len, "%.1f", k->v[KPI_pv_cost_eur] / 1e6); break;
	case C_NET:        snprintf(buf, len, "%.1f", k->v[KPI_pv_net_benefit_eur] / 1e6); break;
	case C_TOTAL:      snprintf(buf, len, "%.1f", k->v[KPI_pv_net_benefit_total_eur] / 1e6); break;
	case C_TARGET:
		if (isnan(k->v[KPI_target_year]))
			snprintf(buf, len, "not by 2040");
		else
			snprintf(buf, len, "%.0f", k->v[KPI_target_year]);
		break;
	case C_COUNT:
		break;
	}
}

/* Copies the cell that starts after the '|' at *s, trimmed, into cell;
** advances *s to the next '|'. Returns 0, or -1 at the end of the line. */
static int next_cell(const char **s, char *cell, size_t len)
{
	const char *p = *s, *end;
	size_t n;

	if (*p != '|')
		return -1;
	p++;
	end = strchr(p, '|');
	if (!end || (strchr(p, '\n') && strchr(p, '\n') < end))
		return -1;
	while (p < end && *p == ' ')
		p++;
	n = (size_t)(end - p);
	while (n && p[n - 1] == ' ')
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(cell, p, n);
	cell[n] = '\0';
	*s = end;
	return 0;
}

static void test_readme_answers(void **state)
{
	static const char *const names[C_COUNT] = {
		"maturity", "80 % reached", "resistance", "legacy share", "own cost",
		"net, budget view", "net, with staff time"
	};
	char *text = slurp(README);
	const char *p, *stop;
	size_t rows = 0, bad = 0;

	(void)state;
	gsl_set_error_handler_off();
	assert_non_null(text);
	p = strstr(text, BEGIN);
	stop = strstr(text, END);
	assert_non_null(p);
	assert_non_null(stop);
	/* Past the header and its rule. */
	for (int skip = 0; skip < 3 && p; skip++)
		if ((p = strchr(p, '\n')))
			p++;
	while (p && p < stop && *p == '|') {
		char id[128], cell[128], want[64];
		struct summary kpi;

		assert_int_equal(next_cell(&p, cell, sizeof cell), 0);
		assert_true(cell[0] == '`' && strlen(cell) > 2);
		snprintf(id, sizeof id, "%.*s", (int)strlen(cell) - 2, cell + 1);
		run_scenario(id, &kpi);
		for (int c = 0; c < C_COUNT; c++) {
			assert_int_equal(next_cell(&p, cell, sizeof cell), 0);
			expected((enum col)c, &kpi, want, sizeof want);
			/* "-0.0" and "0.0" are the same figure. */
			if (strcmp(cell, want) != 0 && !(strcmp(want, "-0.0") == 0 && strcmp(cell, "0.0") == 0)) {
				print_error("README.md, %s, %s: \"%s\", the model gives %s\n", id, names[c],
				            cell, want);
				bad++;
			}
		}
		rows++;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	free(text);
	/* Every bundled strategy and the two other profiles have a row. */
	assert_true(rows >= 17);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readme_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
