/*
** senswrite.c: sensitivity.csv and sensitivity.md (senswrite.h).
**
** Nothing here knows a parameter or a KPI by name: the rows come from the
** analysis (sensitivity.h), KPI headers and values are shown by their unit
** as in comparison.md (compare.h), parameter values as the registry writes
** them. Every write goes to a temporary file's stream; afile_commit
** reports a write that failed, and only then does the file appear.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "compare.h"
#include "csvout.h"
#include "mdtable.h"
#include "modelversion.h"
#include "registry.h"
#include "senswrite.h"
#include "version.h"

/* Significant digits of an elasticity in sensitivity.md. */
#define SENSWRITE_DIGITS 3

/* What a side's value shows: the value it ran (or was refused, or could
** not make room for), NaN when it has none. */
static double side_value(const struct sens_side *sd)
{
	switch (sd->status) {
	case SENS_RAN:
	case SENS_FAILED:
	case SENS_REFUSED:
	case SENS_NO_ROOM:
		return sd->value;
	default:
		return NAN;
	}
}

/* The KPI k of a side's run, NaN when it did not run. */
static double side_kpi(const struct sens_side *sd, enum kpi k)
{
	return sd->status == SENS_RAN ? sd->kpi.v[k] : NAN;
}

/*
** Starts writing path: a temporary file (afile.h) and the order and rank
** arrays of sens_order for s, in one allocation (*order, freed by the
** caller). Returns the file, or NULL with e filled and nothing allocated.
*/
static struct afile *begin(const char *path, const struct sens *s, size_t **order,
                           size_t **rank, struct err *e)
{
	size_t n = sens_count(s);
	struct afile *af;

	*order = calloc(2 * n + 1, sizeof **order);
	*rank = *order ? *order + n : NULL;
	if (!*order) {
		err_set(e, path, 0, NULL, "cannot write %s: out of memory", path);
		return NULL;
	}
	if (!(af = afile_open(path, e))) {
		free(*order);
		*order = NULL;
	}
	return af;
}

/* ---- sensitivity.csv ---------------------------------------------------------------- */

static const char *const csv_columns[] = {
	"scenario", "kpi", "rank", "parameter", "role", "unit", "base", "low", "high",
	"kpi_base", "kpi_low", "kpi_high", "elasticity", "note", "step", "dtsim_version",
	"model_version",
};

/* Writes the row of parameter i for KPI k (rank 0: none) to f. Returns 0,
** or -1 when a write failed or a number is infinite (errno EDOM). */
static int csv_row(FILE *f, const struct senswrite_in *in, enum kpi k, size_t i,
                   size_t rank, struct strbuf *note)
{
	const struct sens_param *x = sens_param(in->s, i);
	char num[32];

	snprintf(num, sizeof num, "%zu", rank);
	strbuf_reset(note);
	sens_note(in->s, i, k, note);
	return csvout_field(f, in->id, 1) || csvout_field(f, summary_kpis[k].name, 0)
	       || csvout_field(f, rank ? num : "", 0) || csvout_field(f, x->name, 0)
	       || csvout_field(f, x->decision ? "decision" : "assumption", 0)
	       || csvout_field(f, x->def->unit, 0) || csvout_number(f, x->base, 0)
	       || csvout_number(f, side_value(&x->side[SENS_LOW]), 0)
	       || csvout_number(f, side_value(&x->side[SENS_HIGH]), 0)
	       || csvout_number(f, sens_base(in->s)->v[k], 0)
	       || csvout_number(f, side_kpi(&x->side[SENS_LOW], k), 0)
	       || csvout_number(f, side_kpi(&x->side[SENS_HIGH], k), 0)
	       || csvout_number(f, sens_elasticity(in->s, i, k), 0)
	       || csvout_field(f, strbuf_str(note), 0) || csvout_number(f, sens_step(in->s), 0)
	       || csvout_field(f, DTSIM_VERSION, 0) || csvout_field(f, MODEL_VERSION, 0)
	       || fputc('\n', f) == EOF ? -1 : 0;
}

int senswrite_csv(const char *path, const struct senswrite_in *in, struct err *e)
{
	struct strbuf note = STRBUF_INIT;
	size_t *order, *rank;
	struct afile *af;
	int bad = 0;
	FILE *f;

	if (!(af = begin(path, in->s, &order, &rank, e)))
		return -1;
	f = afile_stream(af);
	errno = 0;
	for (size_t c = 0; c < sizeof csv_columns / sizeof csv_columns[0]; c++)
		bad = bad || csvout_field(f, csv_columns[c], c == 0);
	bad = bad || fputc('\n', f) == EOF;
	for (size_t j = 0; j < in->nkpi && !bad; j++) {
		sens_order(in->s, in->kpi[j], order, rank);
		for (size_t r = 0; r < sens_count(in->s) && !bad; r++)
			bad = csv_row(f, in, in->kpi[j], order[r], rank[r], &note);
	}
	strbuf_free(&note);
	free(order);
	if (bad && errno == EDOM) {
		afile_abort(af);
		return err_set(e, path, 0, NULL, "cannot write %s: a value is not a finite"
		               " number; only finite numbers or an empty field are written", path);
	}
	/* A failed write is reported with its cause by afile_commit. */
	return afile_commit(af, e);
}

/* ---- sensitivity.md ------------------------------------------------------------------ */

/* Writes an elasticity to SENSWRITE_DIGITS significant digits; "-0" shows
** as "0". */
static void put_elasticity(FILE *f, double x)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%.*g", SENSWRITE_DIGITS, x);
	fputs(strcmp(buf, "-0") == 0 ? "0" : buf, f);
}

/* Writes v, a value of parameter d, as the registry writes it. */
static void put_value(FILE *f, const struct param_def *d, double v)
{
	struct strbuf b = STRBUF_INIT;

	registry_format(d, v, &b);
	fputs(strbuf_str(&b), f);
	strbuf_free(&b);
}

/* The introduction: what was done, and how to read it. */
static void md_intro(FILE *f, const struct senswrite_in *in)
{
	size_t runs = 0, n = sens_count(in->s);
	double pct = 100 * sens_step(in->s);

	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < 2; d++) {
			enum sens_status st = sens_param(in->s, i)->side[d].status;

			runs += st == SENS_RAN || st == SENS_FAILED;
		}
	fputs("# Sensitivity: ", f);
	mdtable_text(f, in->name);
	fputs("\n\nOne-at-a-time sensitivity of the scenario `", f);
	mdtable_text(f, in->id);
	fprintf(f, "`, written by dtsim %s, model %s.\n\n", DTSIM_VERSION, MODEL_VERSION);
	fprintf(f, "Each of %zu parameters was varied on its own, to %g %% below and %g %% above"
	        " its value in every year, all others kept at the scenario's values (%zu runs"
	        " besides the scenario's own). The elasticity of a KPI is its relative change"
	        " per relative change of the parameter,"
	        " ((K_high - K_low) / |K_base|) / ((p_high - p_low) / p_base): an elasticity"
	        " of 0.5 means that 10 %% more of the parameter gives 5 %% more of the KPI, and"
	        " a negative one that the KPI falls as the parameter rises. For a KPI that is a"
	        " year, K is the time from the start to the end of that year.\n\n",
	        n, pct, pct, runs);
	fputs("*Decisions* are what the municipality chooses: its budgets, the allocation"
	      " over the domains of action, the funding instruments it takes up. *Assumptions*"
	      " are everything else: starting values, costs, effect sizes, the behaviour of"
	      " staff, citizens and peers, outside events. Which parameters take part and how"
	      " each one is varied: `dtsim sensitivity --help`. Every parameter and KPI, with"
	      " the values of each run, is in `sensitivity.csv`, which `dtsim sensitivity`"
	      " writes beside this file.\n", f);
}

/* The table of KPI k: the parameters with the largest elasticities, and
** the largest decisions besides them. */
static void md_kpi(FILE *f, const struct senswrite_in *in, enum kpi k, const size_t *order,
                   const size_t *rank, struct strbuf *note)
{
	char header[MDTABLE_HEADER_LEN], value[MDTABLE_VALUE_LEN];
	size_t n = sens_count(in->s), with = 0, shown = 0, decisions = 0;

	for (size_t r = 0; r < n; r++)
		with += rank[r] > 0;
	compare_kpi_header(k, PLOT_EN, header);
	mdtable_format_value(summary_kpis[k].unit, sens_base(in->s)->v[k], PLOT_EN, value);
	fprintf(f, "\n## %s\n\n`%s`: %s. In the scenario: %s", header, summary_kpis[k].name,
	        summary_kpis[k].meaning, value);
	if (!isnan(sens_base(in->s)->v[k]) && strcmp(summary_kpis[k].unit, "year") != 0)
		fprintf(f, " %s", mdtable_unit_shown(summary_kpis[k].unit, PLOT_EN));
	fputs(".", f);
	if (with == 0) {
		fputs(" No parameter has an elasticity of it", f);
		strbuf_reset(note);
		if (n > 0) {
			sens_note(in->s, order[0], k, note);
			fprintf(f, " (%s)", strbuf_str(note));
		}
		fputs(".\n", f);
		return;
	}
	shown = with < SENSWRITE_MD_TOP ? with : SENSWRITE_MD_TOP;
	fprintf(f, " The %zu largest of %zu elasticities:\n\n", shown, with);
	fputs("| Rank | Parameter | Role | Value | Unit | Elasticity | Note |\n"
	      "| ---: | --- | --- | ---: | --- | ---: | --- |\n", f);
	for (size_t r = 0; r < shown; r++) {
		const struct sens_param *x = sens_param(in->s, order[r]);

		strbuf_reset(note);
		sens_note(in->s, order[r], k, note);
		fprintf(f, "| %zu | `%s` | %s | ", rank[r], x->name,
		        x->decision ? "decision" : "assumption");
		put_value(f, x->def, x->base);
		fprintf(f, " | %s | ", x->def->unit);
		put_elasticity(f, sens_elasticity(in->s, order[r], k));
		fputs(" | ", f);
		mdtable_text(f, strbuf_str(note));
		fputs(" |\n", f);
	}
	for (size_t r = 0; r < with && decisions < SENSWRITE_MD_DECISIONS; r++) {
		const struct sens_param *x = sens_param(in->s, order[r]);

		if (!x->decision)
			continue;
		fputs(decisions++ ? ", " : "\nThe decisions with the largest elasticities: ", f);
		fprintf(f, "`%s` (rank %zu, ", x->name, rank[r]);
		put_elasticity(f, sens_elasticity(in->s, order[r], k));
		fputs(")", f);
	}
	fputs(decisions ? ".\n" : "\nNo decision has an elasticity of it.\n", f);
}

/* The parameters that were not varied, and the runs that failed. */
static void md_left_out(FILE *f, const struct sens *s)
{
	size_t n = sens_count(s), fixed = 0, failed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct sens_param *x = sens_param(s, i);

		if (x->mode == SENS_FIXED) {
			fputs(fixed++ ? ", " : "\n## Not varied\n\n0 in the scenario and by default,"
			      " so a relative step has nothing to scale: ", f);
			fprintf(f, "`%s`", x->name);
		}
	}
	if (fixed)
		fputs(".\n", f);
	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < 2; d++) {
			const struct sens_param *x = sens_param(s, i);
			const struct sens_side *sd = &x->side[d];

			if (sd->status != SENS_FAILED)
				continue;
			if (!failed++)
				fputs("\n## Runs that failed\n\n", f);
			fprintf(f, "- `%s` = ", x->name);
			put_value(f, x->def, sd->value);
			fprintf(f, " (%s): ", d == SENS_LOW ? "low" : "high");
			mdtable_text(f, sd->why ? sd->why : "out of memory");
			fputs("\n", f);
		}
}

int senswrite_md(const char *path, const struct senswrite_in *in, struct err *e)
{
	struct strbuf note = STRBUF_INIT;
	size_t *order, *rank;
	struct afile *af;
	FILE *f;

	if (!(af = begin(path, in->s, &order, &rank, e)))
		return -1;
	f = afile_stream(af);
	md_intro(f, in);
	for (size_t j = 0; j < in->nkpi; j++) {
		sens_order(in->s, in->kpi[j], order, rank);
		md_kpi(f, in, in->kpi[j], order, rank, &note);
	}
	md_left_out(f, in->s);
	strbuf_free(&note);
	free(order);
	return afile_commit(af, e);
}
