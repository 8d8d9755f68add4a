/*
** webdata.c: the JSON document the what-if page is built from (webdata.h),
** written by `dtsim params --json [SCENARIO.ini...]`.
**
** The document (format 1) is one object:
**   "format": 1, "dtsim": version, "model": model version,
**   "nparam": doubles per year (webrun_nparam),
**   "params": every parameter of the registry, in params.def order:
**       name, section, key, kind ("real", "int", "choice", "text", "set"),
**       unit, default (null when auto), min, max, flags (PF_* bits),
**       choices (names; [] when none), meaning, and slot: the index of its
**       (first) double in a year's array; -1 for a text;
**   "named": the kinds of named section ("grant", "loan", ...), in the
**       order of named_count below;
**   "kpis": name, unit, better, meaning, label_de of every KPI (kpis.def);
**   "outvars": name, unit, meaning of every output column (outvars.def);
**   "scenarios": for each scenario given, in order:
**       id, name, name_de, description, description_de, reference (texts
**       as the scenario resolves them);
**       years: its sim.years; start_year; years_max: the years resolved
**       (max(years, WEBDATA_YEARS_MAX), or years when the longer horizon
**       breaks a rule between keys);
**       named_names: per kind, the NAMEs of its named sections in slot
**       order; named_count: their numbers;
**       blocks: for each yearly key that a year block [section@YEAR] sets
**       within years_max, the years it sets it in;
**       first: year 0's nparam values as scenario_resolve_raw gives them
**       (null for auto); diff: for every later year, the [slot, value]
**       pairs that differ from the year before (null for auto).
** Numbers are the shortest decimals that read back to the same double
** (numfmt_double), so JavaScript's JSON.parse gets every bit. Texts are
** escaped for JSON and for a <script> element ('<', '>', '&', U+2028,
** U+2029 as \u escapes), invalid UTF-8 becomes U+FFFD.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "modelversion.h"
#include "numfmt.h"
#include "outvars.h"
#include "summary.h"
#include "utf8.h"
#include "version.h"
#include "webdata.h"
#include "webrun.h"

/* Writes s as a JSON string (quotes included). */
static void json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		uint32_t cp;
		size_t len;

		if (*p < 0x80) {
			if (*p == '"' || *p == '\\')
				fprintf(f, "\\%c", *p);
			else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&' || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
			p++;
			continue;
		}
		len = utf8_next(p, &cp);
		if (len == 0) {
			fputs("\\ufffd", f);
			p++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			fprintf(f, "\\u%04x", (unsigned)cp);
			p += len;
		} else {
			fwrite(p, 1, len, f);
			p += len;
		}
	}
	fputc('"', f);
}

/* Writes ,"key": and s as a JSON string (first: no comma). */
static void json_field(FILE *f, const char *key, const char *s, int first)
{
	fprintf(f, "%s\"%s\":", first ? "" : ",", key);
	json_str(f, s);
}

/* Writes v as a JSON number, or null when it is not finite (auto). */
static void json_num(FILE *f, double v)
{
	char buf[NUMFMT_LEN];

	if (v != v || v - v != 0) {
		fputs("null", f);
		return;
	}
	numfmt_double(v, buf);
	fputs(buf, f);
}

static const char *const kind_names[] = { "real", "int", "choice", "text", "set" };

/* The registry's parameters, for sliders, ranges and units. */
static void write_params(FILE *f)
{
	fputs("\"params\":[", f);
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];

		fputs(i ? ",\n{" : "\n{", f);
		json_field(f, "name", d->name, 1);
		json_field(f, "section", d->section, 0);
		json_field(f, "key", d->key, 0);
		json_field(f, "kind", kind_names[d->kind], 0);
		json_field(f, "unit", d->unit ? d->unit : "", 0);
		fputs(",\"default\":", f);
		json_num(f, d->kind == PK_TEXT ? PARAMS_AUTO : d->def);
		fputs(",\"min\":", f);
		json_num(f, d->kind == PK_TEXT ? PARAMS_AUTO : d->min);
		fputs(",\"max\":", f);
		json_num(f, d->kind == PK_TEXT ? PARAMS_AUTO : d->max);
		fprintf(f, ",\"flags\":%u,\"choices\":[", d->flags);
		for (size_t c = 0; d->choices && d->choices[c]; c++) {
			fputs(c ? "," : "", f);
			json_str(f, d->choices[c]);
		}
		fputc(']', f);
		json_field(f, "meaning", d->meaning, 0);
		if (d->kind == PK_TEXT)
			fputs(",\"slot\":-1}", f);
		else
			fprintf(f, ",\"slot\":%zu}", d->offset / sizeof(double));
	}
	fputs("],\n\"named\":[", f);
	for (int k = 0; k < NAMED_COUNT; k++) {
		fputs(k ? "," : "", f);
		json_str(f, params_named_sections[k]);
	}
	fputs("],\n", f);
}

/* The KPIs and the output columns. */
static void write_outputs(FILE *f)
{
	fputs("\"kpis\":[", f);
	for (size_t i = 0; i < KPI_COUNT; i++) {
		const struct kpi_def *k = &summary_kpis[i];

		fputs(i ? ",\n{" : "\n{", f);
		json_field(f, "name", k->name, 1);
		json_field(f, "unit", k->unit, 0);
		fprintf(f, ",\"better\":%d", k->better);
		json_field(f, "meaning", k->meaning, 0);
		json_field(f, "label_de", k->label_de, 0);
		fputc('}', f);
	}
	fputs("],\n\"outvars\":[", f);
	for (size_t i = 0; i < OV_COUNT; i++) {
		const struct outvar_def *o = &outvars_table[i];

		fputs(i ? ",\n{" : "\n{", f);
		json_field(f, "name", o->name, 1);
		json_field(f, "unit", o->unit, 0);
		json_field(f, "meaning", o->meaning, 0);
		fputc('}', f);
	}
	fputs("],\n", f);
}

/* The yearly keys that year blocks of sc set, with their years in
** [start, start + n): "blocks":{"budget.transformation_eur":[2029],...}. */
static void write_blocks(FILE *f, const struct scenario *sc, long start, size_t n)
{
	const struct setting_list *as = scenario_settings(sc);
	int first_key = 1;

	fputs("\"blocks\":{", f);
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		int any = 0;

		if (!(d->flags & PF_YEARLY) || (d->flags & PF_SCHEDULE))
			continue;
		for (long y = start + 1; y < start + (long)n; y++) {
			int set = 0;

			for (size_t j = 0; j < as->n && !set; j++)
				set = as->a[j].def == d && as->a[j].year == y;
			if (!set)
				continue;
			if (!any) {
				fputs(first_key ? "" : ",", f);
				json_str(f, d->name);
				fputs(":[", f);
				first_key = 0;
			}
			fprintf(f, "%s%ld", any ? "," : "", y);
			any = 1;
		}
		if (any)
			fputc(']', f);
	}
	fputs("},\n", f);
}

/* The per-year values: year 0 in full, later years as changes. */
static void write_years(FILE *f, const struct model_params *yr, size_t n)
{
	const size_t np = webrun_nparam();

	fputs("\"first\":[", f);
	for (size_t i = 0; i < np; i++) {
		fputs(i ? "," : "", f);
		json_num(f, ((const double *)&yr[0])[i]);
	}
	fputs("],\n\"diff\":[", f);
	for (size_t k = 1; k < n; k++) {
		const double *a = (const double *)&yr[k - 1], *b = (const double *)&yr[k];
		int any = 0;

		fputs(k > 1 ? ",[" : "[", f);
		for (size_t i = 0; i < np; i++) {
			/* auto (NaN) equals auto; compare bits otherwise (-0 vs 0). */
			if ((a[i] != a[i] && b[i] != b[i]) || (a[i] == b[i] && memcmp(&a[i], &b[i], sizeof a[i]) == 0))
				continue;
			fprintf(f, "%s[%zu,", any ? "," : "", i);
			json_num(f, b[i]);
			fputc(']', f);
			any = 1;
		}
		fputc(']', f);
	}
	fputs("]}", f);
}

/* One scenario's object. sc gets --set sim.years when its horizon is
** shorter than WEBDATA_YEARS_MAX. */
static int write_scenario(FILE *f, struct scenario *sc, struct err *e)
{
	static const enum param_id texts[] = { P_scenario_name, P_scenario_name_de,
		P_scenario_description, P_scenario_description_de, P_scenario_reference };
	static const char *const text_keys[] = { "name", "name_de", "description",
		"description_de", "reference" };
	struct model_params *yr = NULL;
	size_t n = 0, n0;
	long start;
	char set[64];

	if (scenario_resolve_raw(sc, &yr, &n, e) != 0)
		return -1;
	n0 = n;
	start = (long)yr[0].sim_start_year;
	if (n < WEBDATA_YEARS_MAX) {
		struct model_params *longer = NULL;
		size_t nl = 0;
		struct err le;

		snprintf(set, sizeof set, "sim.years=%d", WEBDATA_YEARS_MAX);
		if (scenario_set(sc, set, &le) == 0 && scenario_resolve_raw(sc, &longer, &nl, &le) == 0) {
			free(yr);
			yr = longer;
			n = nl;
			/* The horizon is the scenario's again in the page's start. */
			for (size_t k = 0; k < n; k++)
				yr[k].sim_years = (double)n0;
		}
	}
	fputc('{', f);
	json_field(f, "id", scenario_id(sc), 1);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		json_field(f, text_keys[i], scenario_text(sc, texts[i]), 0);
	fprintf(f, ",\"years\":%zu,\"start_year\":%ld,\"years_max\":%zu,\n\"named_names\":[", n0,
	        start, n);
	for (int k = 0; k < NAMED_COUNT; k++) {
		fputs(k ? ",[" : "[", f);
		for (size_t i = 0; i < yr[0].named_count[k]; i++) {
			char name[PARAMS_NAME_LEN];

			scenario_named_name(sc, (enum params_named)k, i, name);
			fputs(i ? "," : "", f);
			json_str(f, name);
		}
		fputc(']', f);
	}
	fputs("],\"named_count\":[", f);
	for (int k = 0; k < NAMED_COUNT; k++)
		fprintf(f, "%s%zu", k ? "," : "", yr[0].named_count[k]);
	fputs("],\n", f);
	write_blocks(f, sc, start, n);
	write_years(f, yr, n);
	free(yr);
	return 0;
}

int webdata_write(FILE *f, struct scenario *const *sc, size_t n, struct err *e)
{
	fprintf(f, "{\"format\":1,\"dtsim\":\"%s\",\"model\":\"%s\",\"nparam\":%zu,\n",
	        DTSIM_VERSION, MODEL_VERSION, webrun_nparam());
	write_params(f);
	write_outputs(f);
	fputs("\"scenarios\":[", f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n" : "\n", f);
		if (write_scenario(f, sc[i], e) != 0)
			return -1;
	}
	fputs("]}\n", f);
	return 0;
}
