/*
** calibout.c: the report and the files of dtsim calibrate (calibout.h).
*/
/* realpath (X/Open): the path from DIR to the scenario. */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "calibout.h"
#include "csvout.h"
#include "mdescape.h"
#include "mdtable.h"
#include "registry.h"
#include "resdir.h"
#include "strbuf.h"
#include "version.h"
#include "modelversion.h"

/* The longest line calibrated.ini may hold: inih splits longer ones
** (STYLE.md). */
#define CALIBOUT_LINE_MAX 197

/* ---- the report ----------------------------------------------------------------- */

/*
** The report is written in English or German (calibout_in.lang, the
** command's --lang), as the other reports of dtsim are (report.c,
** roadmapmd.c): each text in both languages side by side, numbers in C
** locale and then localised by mdtable_localise (a decimal comma and the
** minus sign U+2212 in German). Keys, column names and units stay as
** dtsim params and dtsim run's CSV write them.
*/

/* A number for the report: 6 significant digits in lang; "-" (German an
** en dash, as in the other German reports) when it does not exist (NaN),
** "inf" ("unendlich") when it is infinite. */
static const char *num(double x, enum plot_lang lang, char buf[MDTABLE_VALUE_LEN])
{
	const int de = lang == PLOT_DE;

	if (isnan(x))
		return de ? "\xe2\x80\x93" : "-";
	if (isinf(x))
		return de ? "unendlich" : "inf";
	snprintf(buf, MDTABLE_VALUE_LEN, "%.6g", x);
	mdtable_localise(buf, lang);
	return buf;
}

void calibout_warnings(FILE *f, const char *prefix, const struct calibout_in *in,
                       enum plot_lang lang)
{
	const struct calib_result *r = in->r;
	const int de = lang == PLOT_DE;
	char a[MDTABLE_VALUE_LEN], b[MDTABLE_VALUE_LEN];

	if (!r->converged && de)
		fprintf(f, "%sdas Verfahren hat nach %zu %s angehalten, ohne seine Toleranzen zu "
		        "erreichen (kein Fortschritt mehr oder die Obergrenze von %d Iterationen): die "
		        "Sch\xc3\xa4tzwerte sind der beste gefundene Punkt\n", prefix, r->iter,
		        r->iter == 1 ? "Iteration" : "Iterationen", CALIB_MAX_ITER);
	else if (!r->converged)
		fprintf(f, "%sthe solver stopped after %zu iterations without meeting its "
		        "tolerances (no further progress, or the cap of %d): the estimates are "
		        "the best point found\n", prefix, r->iter, CALIB_MAX_ITER);
	if (r->identifiable)
		return;
	for (size_t i = 0; i < r->p; i++)
		if (isnan(r->se[i]))
			fprintf(f, de ? "%s%s ist nicht identifizierbar: die beobachteten Werte \xc3\xa4ndern "
			                "sich nicht mit diesem Parameter (seine Spalte der Jacobi-Matrix ist 0 "
			                "oder von den anderen linear abh\xc3\xa4ngig), daher hat er keinen "
			                "Standardfehler\n"
			              : "%s%s is not identifiable: the history does not move with it "
			                "(its column of the Jacobian is dependent on the others or 0), so it "
			                "has no standard error\n", prefix, unc_name(in->u, i));
	for (size_t i = 0; i < r->p; i++)
		for (size_t j = i + 1; j < r->p; j++)
			if (fabs(r->corr[i * r->p + j]) > CALIB_CORR_MAX)
				fprintf(f, de ? "%s%s und %s sind nicht getrennt identifizierbar: ihre "
				                "Sch\xc3\xa4tzwerte korrelieren mit %s (zul\xc3\xa4ssig ist ein "
				                "Betrag bis %s)\n"
				              : "%s%s and %s are not identifiable apart: their estimates "
				                "correlate with %s (allowed magnitude: %s)\n", prefix,
				        unc_name(in->u, i), unc_name(in->u, j),
				        num(r->corr[i * r->p + j], lang, a), num(CALIB_CORR_MAX, lang, b));
	if (r->cond > CALIB_COND_MAX)
		fprintf(f, de ? "%sdie Jacobi-Matrix ist nahezu singul\xc3\xa4r: ihre Konditionszahl "
		                "(Spalten auf die L\xc3\xa4nge 1 skaliert) ist %s und liegt \xc3\xbc" "ber %s\n"
		              : "%sthe Jacobian is near singular: its condition number (columns "
		                "scaled to length 1) is %s, above %s\n", prefix, num(r->cond, lang, a),
		        num(CALIB_COND_MAX, lang, b));
}

/* The first paragraph: what was fitted to what, and how the solver ended. */
static void put_intro(FILE *f, const struct calibout_in *in)
{
	const struct calib_result *r = in->r;
	struct strbuf id = STRBUF_INIT, hp = STRBUF_INIT;

	/* The id and the path are the user's text: escaped as Markdown. */
	mdescape_text(&id, scenario_id(in->sc));
	mdescape_text(&hp, in->history_path);
	if (in->lang == PLOT_DE)
		fprintf(f, "# Kalibrierung: %s\n\nAngepasst %s %zu Parameter an %zu beobachtete Werte "
		        "aus %s, nach der Methode der gewichteten nichtlinearen kleinsten Quadrate (GSL, "
		        "Trust-Region-Verfahren mit Levenberg-Marquardt-Schritten): %zu %s, %zu %s; das "
		        "Verfahren %s.\n\n", strbuf_str(&id), r->p == 1 ? "wurde" : "wurden", r->p, r->n,
		        strbuf_str(&hp), r->iter, r->iter == 1 ? "Iteration" : "Iterationen", r->runs,
		        r->runs == 1 ? "Modelllauf" : "Modelll\xc3\xa4ufe",
		        r->converged ? "ist konvergiert" : "hat ohne Konvergenz angehalten");
	else
		fprintf(f, "# Calibration of %s\n\nWeighted nonlinear least squares (GSL trust region, "
		        "Levenberg-Marquardt) of %zu parameter%s to %zu observations of %s: %zu "
		        "iterations, %zu model runs, %s.\n\n", strbuf_str(&id), r->p,
		        r->p == 1 ? "" : "s", r->n, strbuf_str(&hp), r->iter, r->runs,
		        r->converged ? "converged" : "stopped without converging");
	strbuf_free(&id);
	strbuf_free(&hp);
}

int calibout_report(FILE *f, const struct calibout_in *in)
{
	const struct calib_result *r = in->r;
	const struct history *h = in->h;
	const enum plot_lang lang = in->lang;
	const int de = lang == PLOT_DE;
	char a[MDTABLE_VALUE_LEN], b[MDTABLE_VALUE_LEN], c[MDTABLE_VALUE_LEN],
	     d[MDTABLE_VALUE_LEN], g[MDTABLE_VALUE_LEN];

	put_intro(f, in);
	fprintf(f, "%s\n|---|---|---:|---:|---:|---:|---:|\n",
	        de ? "## Sch\xc3\xa4tzwerte\n\n| Parameter | Einheit | Startwert | Sch\xc3\xa4tzwert |"
	             " Standardfehler | Untergrenze | Obergrenze |"
	           : "## Estimates\n\n| parameter | unit | start | estimate | std. error | lower |"
	             " upper |");
	for (size_t i = 0; i < r->p; i++)
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s |\n", unc_name(in->u, i),
		        unc_def(in->u, i)->unit, num(r->x0[i], lang, a), num(r->x[i], lang, b),
		        num(r->se[i], lang, c), num(r->lo[i], lang, d), num(r->hi[i], lang, g));
	fprintf(f, "\n## %s\n\n|  |", de ? "Korrelationen der Sch\xc3\xa4tzwerte"
	                                 : "Correlations of the estimates");
	for (size_t j = 0; j < r->p; j++)
		fprintf(f, " %s |", unc_name(in->u, j));
	fprintf(f, "\n|---|");
	for (size_t j = 0; j < r->p; j++)
		fprintf(f, "---:|");
	fprintf(f, "\n");
	for (size_t i = 0; i < r->p; i++) {
		fprintf(f, "| %s |", unc_name(in->u, i));
		for (size_t j = 0; j < r->p; j++)
			fprintf(f, " %s |", num(r->corr[i * r->p + j], lang, a));
		fprintf(f, "\n");
	}
	fprintf(f, "\n%s\n|---:|---:|---:|---:|---:|\n| %s | %zu | %s | %s | %s |\n\n",
	        de ? "## G\xc3\xbcte der Anpassung\n\n| Chi-Quadrat | Freiheitsgrade | RMSE |"
	             " Bestimmtheitsma\xc3\x9f R\xc2\xb2 | Konditionszahl |"
	           : "## Fit\n\n| chi-squared | dof | RMSE | R-squared | condition number |",
	        num(r->chi2, lang, a), r->dof, num(r->rmse, lang, b), num(r->r2, lang, c),
	        num(r->cond, lang, d));
	if (!r->identifiable || !r->converged) {
		fprintf(f, "**%s:**\n\n", de ? "Warnung" : "Warning");
		calibout_warnings(f, "- ", in, lang);
		fprintf(f, "\n");
	}
	fprintf(f, "%s\n|---:|---|---:|---:|---:|---:|---:|\n",
	        de ? "## Residuen\n\nResiduum = Wurzel(Gewicht) \xc2\xb7 (Modellwert \xe2\x88\x92"
	             " beobachteter Wert) / Bezugsgr\xc3\xb6\xc3\x9f" "e der Spalte (quadratisches"
	             " Mittel ihrer beobachteten Werte)\n\n| Jahr | Spalte | Beobachtet | Modellwert |"
	             " Gewicht | Bezugsgr\xc3\xb6\xc3\x9f" "e | Residuum |"
	           : "## Residuals\n\nresidual = sqrt(weight) (fitted - observed) / scale\n\n"
	             "| year | column | observed | fitted | weight | scale | residual |");
	for (size_t k = 0; k < r->n; k++) {
		const struct calib_obs *o = &r->o[k];
		fprintf(f, "| %ld | %s | %s | %s | %s | %s | %s |\n", h->year[o->row],
		        outvars_table[h->col[o->col]].name, num(o->obs, lang, a),
		        num(o->fit, lang, b), num(o->w, lang, c), num(r->scale[o->col], lang, d),
		        num(o->resid, lang, g));
	}
	return ferror(f) ? -1 : 0;
}

/* ---- files ------------------------------------------------------------------------ */

/* Commits af, or aborts it when failed. Returns 0, or -1 with e. */
static int close_af(struct afile *af, int failed, const char *name, struct err *e)
{
	if (failed || ferror(afile_stream(af))) {
		afile_abort(af);
		if (!e->msg[0])
			err_set(e, "", 0, "", "cannot write %s", name);
		return -1;
	}
	return afile_commit(af, e);
}

int calibout_write_md(const char *dir, const struct calibout_in *in, struct err *e)
{
	struct afile *af = resdir_open(dir, CALIBOUT_MD, e);

	if (!af)
		return -1;
	fprintf(afile_stream(af), "<!-- dtsim %s, model %s -->\n", DTSIM_VERSION, MODEL_VERSION);
	return close_af(af, calibout_report(afile_stream(af), in) != 0, CALIBOUT_MD, e);
}

int calibout_write_csv(const char *dir, const struct calibout_in *in, struct err *e)
{
	const struct calib_result *r = in->r;
	struct afile *af = resdir_open(dir, CALIBOUT_CSV, e);
	FILE *f;
	int bad = 0;

	if (!af)
		return -1;
	f = afile_stream(af);
	bad |= csvout_field(f, "parameter", 1) | csvout_field(f, "unit", 0)
	     | csvout_field(f, "start", 0) | csvout_field(f, "estimate", 0)
	     | csvout_field(f, "std_error", 0) | csvout_field(f, "lower", 0)
	     | csvout_field(f, "upper", 0);
	for (size_t j = 0; j < r->p; j++) {
		struct strbuf b = STRBUF_INIT;
		strbuf_printf(&b, "corr_%s", unc_name(in->u, j));
		bad |= csvout_field(f, strbuf_str(&b), 0);
		strbuf_free(&b);
	}
	fputc('\n', f);
	for (size_t i = 0; i < r->p; i++) {
		bad |= csvout_field(f, unc_name(in->u, i), 1)
		     | csvout_field(f, unc_def(in->u, i)->unit, 0)
		     | csvout_number(f, r->x0[i], 0) | csvout_number(f, r->x[i], 0)
		     | csvout_number(f, r->se[i], 0) | csvout_number(f, r->lo[i], 0)
		     | csvout_number(f, r->hi[i], 0);
		for (size_t j = 0; j < r->p; j++)
			bad |= csvout_number(f, r->corr[i * r->p + j], 0);
		fputc('\n', f);
	}
	return close_af(af, bad != 0, CALIBOUT_CSV, e);
}

int calibout_write_residuals(const char *dir, const struct calibout_in *in, struct err *e)
{
	const struct calib_result *r = in->r;
	struct afile *af = resdir_open(dir, CALIBOUT_RESIDUALS, e);
	static const char *const head[] = { "year", "column", "observed", "fitted", "weight",
	                                    "scale", "residual" };
	FILE *f;
	int bad = 0;

	if (!af)
		return -1;
	f = afile_stream(af);
	for (size_t j = 0; j < sizeof head / sizeof head[0]; j++)
		bad |= csvout_field(f, head[j], j == 0);
	fputc('\n', f);
	for (size_t k = 0; k < r->n; k++) {
		const struct calib_obs *o = &r->o[k];
		bad |= csvout_number(f, (double)in->h->year[o->row], 1)
		     | csvout_field(f, outvars_table[in->h->col[o->col]].name, 0)
		     | csvout_number(f, o->obs, 0) | csvout_number(f, o->fit, 0)
		     | csvout_number(f, o->w, 0) | csvout_number(f, r->scale[o->col], 0)
		     | csvout_number(f, o->resid, 0);
		fputc('\n', f);
	}
	return close_af(af, bad != 0, CALIBOUT_RESIDUALS, e);
}

int calibout_write_run(const char *dir, const struct calibout_in *in, struct err *e)
{
	char *path = resdir_join(dir, CALIBOUT_RUN, "");
	int rc;

	if (!path)
		return err_set(e, "", 0, "", "out of memory");
	rc = csvout_write_series(path, &in->r->rows, e);
	free(path);
	return rc;
}

/* ---- calibrated.ini ------------------------------------------------------------- */

/*
** The path of file relative to directory dir (both made absolute by
** realpath), into *out (owned by the caller). Returns 0, or -1 with e.
*/
static int relative(const char *dir, const char *file, char **out, struct err *e)
{
	char d[PATH_MAX], t[PATH_MAX];
	struct strbuf b = STRBUF_INIT;
	size_t common = 0, i;

	*out = NULL;
	if (!realpath(dir, d) || !realpath(file, t))
		return err_set(e, "", 0, "", "cannot resolve the path of %s", file);
	/* common: the end of the longest prefix of whole components of d that
	** t's directory shares ("/" alone: 0). */
	for (i = 0; d[i] && d[i] == t[i]; i++)
		if (d[i] == '/')
			common = i;
	if (!d[i] && t[i] == '/')
		common = i;
	if (common > 0 || d[1])
		for (const char *p = d + common; *p; p++)
			if (*p == '/')
				strbuf_printf(&b, "../");
	strbuf_printf(&b, "%s", t + common + 1);
	if (!(*out = strbuf_take(&b)))
		return err_set(e, "", 0, "", "out of memory");
	return 0;
}

/* Appends "key = value" under header (written when it differs from the
** last header, *last). Fails when the line would be too long or holds a
** control character. */
static int line(struct strbuf *b, char last[256], const char *header, const char *key,
                const char *value, struct err *e)
{
	if (strcmp(last, header) != 0) {
		strbuf_printf(b, "\n[%s]\n", header);
		snprintf(last, 256, "%s", header);
	}
	if (strlen(key) + strlen(value) + 3 > CALIBOUT_LINE_MAX)
		return err_set(e, "", 0, key, "%s = %s: too long for a line of %s; allowed: at "
		               "most %d bytes", key, value, CALIBOUT_INI, CALIBOUT_LINE_MAX);
	for (const char *p = value; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return err_set(e, "", 0, key, "%s: a control character cannot be written "
			               "to %s", key, CALIBOUT_INI);
	strbuf_printf(b, "%s = %s\n", key, value);
	return 0;
}

/* Appends the --set assignment a as an INI line. */
static int set_line(struct strbuf *b, char last[256], const char *a, struct err *e)
{
	const char *eq = strchr(a, '='), *dot;
	char header[256], key[256];

	if (!eq)
		return 0;
	if (strncmp(a, "uncertainty.", 12) == 0) {
		snprintf(header, sizeof header, "uncertainty");
		snprintf(key, sizeof key, "%.*s", (int)(eq - a - 12), a + 12);
	} else {
		for (dot = eq; dot > a && *dot != '.'; dot--)
			;
		snprintf(header, sizeof header, "%.*s", (int)(dot - a), a);
		snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
	}
	return line(b, last, header, key, eq + 1, e);
}

/* The left side of assignment a ("section@YEAR.key" of "...=value") into
** buf without its "@YEAR", so that the year blocks of a key compare equal. */
static void set_key(const char *a, char buf[256], int keep_year)
{
	size_t n = strcspn(a, "="), at = strcspn(a, "@");

	if (!keep_year && at < n) {
		size_t dot = at + strcspn(a + at, ".");
		snprintf(buf, 256, "%.*s%.*s", (int)at, a, (int)(n - dot), a + dot);
	} else {
		snprintf(buf, 256, "%.*s", (int)n, a);
	}
}

/*
** Whether --set assignment i goes into calibrated.ini: not when a later one
** sets the same key (the scenario reader refuses a key twice; the last
** wins, as on the command line), nor when it sets a fitted key (in any
** year), whose fitted values are written instead.
*/
static int set_wanted(const struct calibout_in *in, size_t i)
{
	char k[256], o[256];

	set_key(in->set[i], k, 1);
	for (size_t j = i + 1; j < in->nset; j++) {
		set_key(in->set[j], o, 1);
		if (strcmp(k, o) == 0)
			return 0;
	}
	set_key(in->set[i], k, 0);
	for (size_t j = 0; j < unc_count(in->u); j++)
		if (strcmp(k, unc_name(in->u, j)) == 0)
			return 0;
	return 1;
}

/* Whether the scenario sets def (instance iname) in a year block of year. */
static int has_block(const struct scenario *sc, const struct param_def *def, const char *iname,
                     long year)
{
	const struct setting_list *l = scenario_settings(sc);

	for (size_t i = 0; i < l->n; i++)
		if (l->a[i].def == def && l->a[i].year == year && strcmp(l->a[i].inst, iname) == 0)
			return 1;
	return 0;
}

/* Appends the fitted key i: its value in every year where it changes or
** the scenario has a block (fitted holds the fitted years). */
static int fitted_lines(struct strbuf *b, char last[256], const struct calibout_in *in,
                        size_t i, const struct model_params *fitted, struct err *e)
{
	const struct param_def *def = unc_def(in->u, i);
	const char *name = unc_name(in->u, i);
	const size_t slot = (size_t)(unc_param_slot(in->u, i));
	char header[256], iname[PARAMS_NAME_LEN] = "";
	const long y0 = (long)in->years[0].sim_start_year;

	if (def->flags & PF_NAMED) {
		size_t ls = strlen(def->section), lk = strlen(def->key);
		snprintf(iname, sizeof iname, "%.*s", (int)(strlen(name) - ls - lk - 2), name + ls + 1);
		snprintf(header, sizeof header, "%s.%s", def->section, iname);
	} else {
		snprintf(header, sizeof header, "%s", def->section);
	}
	for (size_t y = 0; y < in->nyears; y++) {
		double v = ((const double *)&fitted[y])[slot];
		struct strbuf val = STRBUF_INIT;
		char hy[256];
		int rc;

		if (y > 0 && v == ((const double *)&fitted[y - 1])[slot]
		    && !has_block(in->sc, def, iname, y0 + (long)y))
			continue;
		if (y > 0)
			snprintf(hy, sizeof hy, "%s@%ld", def->section, y0 + (long)y);
		registry_format(def, v, &val);
		rc = line(b, last, y ? hy : header, def->key, strbuf_str(&val), e);
		strbuf_free(&val);
		if (rc)
			return -1;
	}
	return 0;
}

int calibout_write_ini(const char *dir, const struct calibout_in *in, struct err *e)
{
	struct strbuf b = STRBUF_INIT;
	struct model_params *fitted = malloc(in->nyears * sizeof *fitted);
	struct afile *af = NULL;
	char last[256] = "", *ext = NULL;
	int rc = -1;

	if (!fitted) {
		err_set(e, "", 0, "", "out of memory");
		goto done;
	}
	memcpy(fitted, in->years, in->nyears * sizeof *fitted);
	if (unc_apply(in->u, in->r->x, fitted, in->nyears) != 0) {
		err_set(e, "", 0, "", "the estimates cannot be applied to the scenario");
		goto done;
	}
	if (relative(dir, in->scenario_path, &ext, e))
		goto done;
	/* Comment lines stay short: inih splits a line of over 200 bytes. */
	strbuf_printf(&b, "; %s: the scenario %.60s with the parameters fitted\n"
	              "; to %.100s\n; by dtsim calibrate (dtsim %s, model %s); %s holds the fit.\n",
	              CALIBOUT_INI, scenario_id(in->sc), in->history_path, DTSIM_VERSION,
	              MODEL_VERSION, CALIBOUT_MD);
	/* The history path is a user's text: only printable bytes in comments. */
	for (char *p = (char *)strbuf_str(&b); *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n')
			*p = '?';
	if (line(&b, last, "scenario", "extends", ext, e))
		goto done;
	for (size_t i = 0; i < in->nset; i++)
		if (set_wanted(in, i) && set_line(&b, last, in->set[i], e))
			goto done;
	for (size_t i = 0; i < unc_count(in->u); i++)
		if (fitted_lines(&b, last, in, i, fitted, e))
			goto done;
	if (!(af = resdir_open(dir, CALIBOUT_INI, e)))
		goto done;
	fputs(strbuf_str(&b), afile_stream(af));
	rc = close_af(af, 0, CALIBOUT_INI, e);
done:
	strbuf_free(&b);
	free(fitted);
	free(ext);
	return rc;
}

/* ---- handover.ini --------------------------------------------------------------- */

/* The stocks a plan can start from: the key that sets a stock's value on
** the first day, and the column of dtsim run's CSV that holds it at the
** end of a year. The model's other stocks have no such key (docs/CALIBRATE.md
** 6): they start from their usual first-day values. */
static const struct {
	const char *key;
	enum outvar col;
} handover_keys[] = {
	{ "budget.reserve_eur", OV_cash_eur },
	{ "workforce.skill_initial", OV_workforce_skill },
	{ "legacy.share_initial", OV_legacy_share },
	{ "resistance.initial", OV_change_resistance },
	{ "services.maturity_initial", OV_service_maturity },
	{ "adoption.initial", OV_citizen_adoption },
	{ "leadership.initial", OV_leadership_capacity },
	{ "politics.initial", OV_political_commitment },
};

int calibout_write_handover(const char *dir, const struct calibout_in *in, struct err *e)
{
	const struct series *s = &in->r->rows;
	const long y0 = (long)in->years[0].sim_start_year;
	long last = in->h->year[0];
	struct strbuf b = STRBUF_INIT;
	struct afile *af;
	char hdr[256] = "";
	size_t row;
	int rc = -1;

	for (size_t i = 1; i < in->h->nrows; i++)
		last = in->h->year[i] > last ? in->h->year[i] : last;
	row = (size_t)(last - y0) * (s->rows / in->nyears);
	strbuf_printf(&b, "; %s: a plan from %ld on, with the parameters of %s and the\n"
	              "; state the fitted run reached at the end of %ld (the last observed year)\n"
	              "; as its first day. Only the stocks below have a key that sets them; the\n"
	              "; model's other stocks (trained capability, double running, platforms,\n"
	              "; cynicism, the ages of modern systems, the procurement pipelines) start\n"
	              "; from their first-day values, as in any scenario (docs/CALIBRATE.md 6).\n"
	              "; Set sim.years for the plan's horizon.\n",
	              CALIBOUT_HANDOVER, last + 1, CALIBOUT_INI, last);
	if (line(&b, hdr, "scenario", "extends", CALIBOUT_INI, e))
		goto done;
	{
		char v[32];
		snprintf(v, sizeof v, "%ld", last + 1);
		if (line(&b, hdr, "sim", "start_year", v, e))
			goto done;
	}
	for (size_t k = 0; k < sizeof handover_keys / sizeof handover_keys[0]; k++) {
		const struct param_def *def = registry_find(handover_keys[k].key);
		struct strbuf val = STRBUF_INIT;
		double x = s->v[row * s->cols + handover_keys[k].col];
		int bad;

		x = fmin(fmax(x, def->min), def->max);
		registry_format(def, x, &val);
		bad = line(&b, hdr, def->section, def->key, strbuf_str(&val), e);
		strbuf_free(&val);
		if (bad)
			goto done;
	}
	if (!(af = resdir_open(dir, CALIBOUT_HANDOVER, e)))
		goto done;
	fputs(strbuf_str(&b), afile_stream(af));
	rc = close_af(af, 0, CALIBOUT_HANDOVER, e);
done:
	strbuf_free(&b);
	return rc;
}
