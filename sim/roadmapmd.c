/*
** roadmapmd.c: the Markdown text of roadmap.md (roadmapmd.h).
**
** User text (the scenario's name, description and file name, the
** constraints' names and conditions) goes through mdescape_text; the
** document's own texts and numbers hold no character that is Markdown
** where it stands and are written as they are, so that roadmap.md stays
** readable as plain text.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "keyfig.h"
#include "mdescape.h"
#include "mdtable.h"
#include "roadmapmd.h"

/* The texts of both languages, [0] English, [1] German. */
typedef const char *const text2[2];

static const char *tx(text2 t, enum plot_lang lang)
{
	return t[lang == PLOT_DE];
}

/* What each milestone is, before its level (as per cent) and after. */
static const struct {
	text2 before, after;
} milestone_text[ROADMAP_NMS] = {
	[ROADMAP_MS_HALF] = { { "", "" }, { " of services online end to end",
	                                    " der Dienste durchg\xc3\xa4ngig online" } },
	[ROADMAP_MS_TARGET] = { { "Target: ", "Ziel: " },
	                        { " of services online end to end",
	                          " der Dienste durchg\xc3\xa4ngig online" } },
	[ROADMAP_MS_LEGACY] = { { "Legacy share of the IT portfolio at or below ",
	                          "Anteil der Altsysteme am IT-Bestand bei h\xc3\xb6" "chstens " },
	                        { "", "" } },
	[ROADMAP_MS_PAYBACK] = { { "Payback: cumulative net benefit (budget view) at or above 0",
	                           "Amortisation: kumulierter Nettonutzen (haushaltswirksam)"
	                           " mindestens 0" }, { "", "" } },
};

const char *roadmapmd_unit(const struct roadmap_constraint *c)
{
	char word[64];
	size_t n;
	int col;

	if (c->unit)
		return c->unit;
	if (!c->text)
		return "";
	n = strspn(c->text, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (n == 0 || n >= sizeof word)
		return "";
	memcpy(word, c->text, n);
	word[n] = '\0';
	if ((col = outvars_find(word)) >= 0)
		return outvars_table[col].unit;
	for (size_t k = 0; k < KPI_COUNT; k++)
		if (strcmp(summary_kpis[k].name, word) == 0)
			return summary_kpis[k].unit;
	return "";
}

/* Appends x in unit as a table shows it, with the unit shown after it
** ("80.4 %", "1.25 M EUR"); a difference of shares (diff) in percentage
** points. */
static void put_value(double x, const char *unit, int diff, enum plot_lang lang,
                      struct strbuf *b)
{
	char buf[MDTABLE_VALUE_LEN];
	const char *u = diff && strcmp(unit, "1") == 0 ? "pp" : unit, *shown;

	mdtable_format_value(u, x, lang, buf);
	strbuf_printf(b, "%s", buf);
	shown = mdtable_unit_shown(u, lang);
	if (!isnan(x) && shown[0] && strcmp(u, "year") != 0 && strcmp(u, "years") != 0)
		strbuf_printf(b, " %s", shown);
}

/* Appends a fiscal year, or "not by END". */
static void put_year(double y, int end, enum plot_lang lang, struct strbuf *b)
{
	if (isnan(y))
		strbuf_printf(b, lang == PLOT_DE ? "nicht bis %d" : "not by %d", end);
	else
		strbuf_printf(b, "%.0f", y);
}

/* Appends the years of phase ph: "2026-2029", or "2030" alone. */
static void put_phase(const struct roadmap_phase *ph, struct strbuf *b)
{
	if (ph->first == ph->last)
		strbuf_printf(b, "%d", ph->first);
	else
		strbuf_printf(b, "%d-%d", ph->first, ph->last);
}

static void put_head(const struct roadmapmd_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->o->lang;
	const struct roadmap_plan *p = in->plan;

	strbuf_printf(b, "# %s", tx((text2){ "Roadmap: ", "Fahrplan: " }, lang));
	mdescape_text(b, in->name);
	strbuf_printf(b, "\n\n");
	if (in->description && in->description[0]) {
		mdescape_text(b, in->description);
		strbuf_printf(b, "\n\n");
	}
	strbuf_printf(b, "%s", tx((text2){ "Scenario file: ", "Szenariodatei: " }, lang));
	mdescape_text(b, in->file);
	if (in->o->robust)
		strbuf_printf(b, lang == PLOT_DE ? "; Haushaltsjahre %d bis %d. dtsim run mit dieser"
		                                   " Datei ergibt den nominalen Lauf: jede Zahl unten"
		                                   " au\xc3\x9f" "er denen \xc3\xbc" "ber die"
		                                   " Monte-Carlo-Ziehungen, die als solche"
		                                   " bezeichnet sind.\n\n"
		                                 : "; fiscal years %d to %d. dtsim run on this file"
		                                   " gives the nominal run: every figure below but"
		                                   " those over the Monte Carlo draws, which are"
		                                   " marked as such.\n\n", p->start, p->end);
	else
		strbuf_printf(b, lang == PLOT_DE ? "; Haushaltsjahre %d bis %d. dtsim run mit dieser"
		                                   " Datei ergibt jede Zahl unten.\n\n"
		                                 : "; fiscal years %d to %d. dtsim run on this file"
		                                   " gives every figure below.\n\n", p->start, p->end);
}

/* The robust mode's objective over the draws, after its nominal value:
** "in the nominal run; over the M Monte Carlo draws, which the optimiser
** minimised: mean ..., standard deviation ..., 5th to 95th percentile ...
** to ...". */
static void put_objective_draws(const struct roadmap_robust *r, const char *unit, int maximise,
                                enum plot_lang lang, struct strbuf *b)
{
	int de = lang == PLOT_DE;

	if (de)
		strbuf_printf(b, " im nominalen Lauf; \xc3\xbc" "ber die %zu Monte-Carlo-Ziehungen,"
		              " \xc3\xbc" "ber die %s wurde: Mittelwert ", r->runs,
		              maximise ? "maximiert" : "minimiert");
	else
		strbuf_printf(b, " in the nominal run; over the %zu Monte Carlo draws, which the"
		              " optimiser %s: mean ", r->runs, maximise ? "maximised" : "minimised");
	put_value(r->mean, unit, 0, lang, b);
	strbuf_printf(b, de ? ", Standardabweichung " : ", standard deviation ");
	put_value(r->sd, unit, 1, lang, b);
	strbuf_printf(b, de ? ", 5. bis 95. Perzentil " : ", 5th to 95th percentile ");
	put_value(r->lo, unit, 0, lang, b);
	strbuf_printf(b, de ? " bis " : " to ");
	put_value(r->hi, unit, 0, lang, b);
}

/* What the robust mode judged over the draws and what is nominal. */
static void put_robust(const struct roadmapmd_in *in, struct strbuf *b)
{
	const struct roadmap_robust *r = in->o->robust;

	if (!r)
		return;
	if (in->o->lang == PLOT_DE)
		strbuf_printf(b, "**Robuster Modus.** Die Optimierung hat jeden Punkt \xc3\xbc" "ber"
		              " %zu Monte-Carlo-Ziehungen der unsicheren Parameter beurteilt, an"
		              " jedem Punkt dieselben Ziehungen. \xc3\x9c" "ber die Ziehungen sind:"
		              " Mittelwert und Streuung der Zielgr\xc3\xb6\xc3\x9f" "e oben und in der"
		              " Tabelle der Nebenbedingungen der Wert (der Mittelwert der Messgr\xc3\xb6"
		              "\xc3\x9f" "e \xc3\xbc" "ber die Ziehungen, bei einer Nebenbedingung mit"
		              " Wahrscheinlichkeit der Anteil der Ziehungen, in denen sie gilt), der"
		              " Spielraum und der Anteil der Ziehungen, in denen jede Nebenbedingung"
		              " gilt. Nominal (der Lauf ohne Ziehungen, den dtsim run mit dieser Datei"
		              " ergibt, wie summary.csv) sind: die erste Zahl der Zielgr\xc3\xb6\xc3\x9f"
		              "e, die Investitionen je Phase und die Meilensteine. robust.csv enth\xc3\xa4"
		              "lt jede Kennzahl \xc3\xbc" "ber die Ziehungen.\n\n", r->runs);
	else
		strbuf_printf(b, "**Robust mode.** The optimiser judged every point over %zu Monte"
		              " Carlo draws of the uncertain parameters, the same draws at every"
		              " point. Over the draws are: the objective's mean and spread above, and"
		              " in the table of constraints the value (the mean of the measure over"
		              " the draws, or for a constraint with a probability the share of the"
		              " draws in which it holds), the margin and the share of the draws in"
		              " which each constraint holds. Nominal (the run without draws, which"
		              " dtsim run on this file gives, as summary.csv) are: the objective's"
		              " first figure, the investment by phase and the milestones. robust.csv"
		              " holds every key figure over the draws.\n\n", r->runs);
}

/* The objective and its value, when the roadmap has one. */
static void put_objective(const struct roadmapmd_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->o->lang;
	char label[COMPARE_LABEL_LEN];

	if (!in->o->objective)
		return;
	for (size_t k = 0; k < KPI_COUNT; k++) {
		if (strcmp(summary_kpis[k].name, in->o->objective) != 0)
			continue;
		strbuf_printf(b, "**%s** %s ", tx((text2){ "Objective.", "Zielgr\xc3\xb6\xc3\x9f" "e." },
		                                  lang),
		              in->o->maximise ? tx((text2){ "Maximise", "Maximiert wird" }, lang)
		                              : tx((text2){ "Minimise", "Minimiert wird" }, lang));
		compare_kpi_label((enum kpi)k, lang, label);
		mdescape_text(b, label);
		strbuf_printf(b, " (");
		mdescape_text(b, summary_kpis[k].name);
		strbuf_printf(b, "): ");
		put_value(in->plan->kpi.v[k], summary_kpis[k].unit, 0, lang, b);
		if (in->o->robust)
			put_objective_draws(in->o->robust, summary_kpis[k].unit, in->o->maximise, lang, b);
		strbuf_printf(b, ".\n\n");
		return;
	}
}

/* The constraints in one sentence: how many are met, which bind, and what
** a violated one means. */
static void put_verdict(const struct roadmapmd_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->o->lang;
	int de = lang == PLOT_DE;
	size_t met = 0, binding = 0, k = 0;

	if (in->nc == 0)
		return;
	for (size_t i = 0; i < in->nc; i++) {
		met += in->c[i].met != 0;
		binding += in->c[i].binding != 0;
	}
	strbuf_printf(b, "**%s** ", de ? "Nebenbedingungen." : "Constraints.");
	if (met == in->nc)
		strbuf_printf(b, de ? "Alle %zu erf\xc3\xbcllt" : "All %zu met", in->nc);
	else
		strbuf_printf(b, de ? "%zu von %zu erf\xc3\xbcllt" : "%zu of %zu met", met, in->nc);
	if (binding) {
		strbuf_printf(b, de ? "; bindend: " : "; binding: ");
		for (size_t i = 0; i < in->nc; i++)
			if (in->c[i].binding) {
				strbuf_printf(b, "%s", k++ ? ", " : "");
				mdescape_text(b, in->c[i].name);
			}
	} else {
		strbuf_printf(b, de ? "; keine bindet" : "; none binds");
	}
	strbuf_printf(b, ".");
	if (met < in->nc)
		strbuf_printf(b, de ? " Dieser Fahrplan ist kein zul\xc3\xa4ssiger Plan, sondern der"
		                      " gefundene Punkt, der die Nebenbedingungen am wenigsten"
		                      " verletzt."
		                    : " This roadmap is not a feasible plan but the point found that"
		                      " violates the constraints least.");
	strbuf_printf(b, "\n\n");
}

/* Appends a cell of money and one of its share of total. */
static void put_money_share(double eur, double total, enum plot_lang lang, struct strbuf *b)
{
	char buf[MDTABLE_VALUE_LEN];

	mdtable_format_value("EUR", eur, lang, buf);
	strbuf_printf(b, " %s |", buf);
	mdtable_format_value("1", total > 0 ? eur / total : NAN, lang, buf);
	strbuf_printf(b, " %s |", buf);
}

/* The table of phases x domains: a row per domain, two columns (M EUR, %)
** per phase and for all years, a row of totals. */
static void put_phases(const struct roadmapmd_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->o->lang;
	int de = lang == PLOT_DE;
	const struct roadmap_plan *p = in->plan;
	const char *meur = mdtable_unit_shown("EUR", lang), *all = de ? "Alle Jahre" : "All years";
	double sum[DOM_COUNT] = { 0 }, total = 0;
	char label[ROADMAP_LABEL_LEN];

	strbuf_printf(b, "## %s\n\n", de ? "Investitionen nach Phase und Handlungsfeld"
	                                 : "Investment by phase and domain of action");
	strbuf_printf(b, "%s\n\n", de ? "Ausgegebene Investitionen (nominal, aus allen"
	                                " Finanzierungsquellen) je Phase, in Mio. EUR und in Prozent"
	                                " der Summe der Phase. Eine Phase beginnt mit jedem Jahresblock"
	                                " der Aufteilung oder des Budgets und mit einem Ausgabenplan."
	                              : "Investment spent (nominal, from every source of money) per"
	                                " phase, in M EUR and in per cent of the phase's total. A phase"
	                                " begins with each year block of the allocation or the budget"
	                                " and with a spending schedule.");
	strbuf_printf(b, "| %s |", de ? "Handlungsfeld" : "Domain of action");
	for (size_t k = 0; k <= p->nphase; k++)
		for (int pc = 0; pc < 2; pc++) {
			strbuf_printf(b, " ");
			if (k < p->nphase)
				put_phase(&p->phase[k], b);
			else
				strbuf_printf(b, "%s", all);
			strbuf_printf(b, " (%s) |", pc ? "%" : meur);
		}
	strbuf_printf(b, "\n| --- |");
	for (size_t k = 0; k <= p->nphase; k++)
		strbuf_printf(b, " ---: | ---: |");
	strbuf_printf(b, "\n");
	for (size_t k = 0; k < p->nphase; k++) {
		total += p->phase[k].total;
		for (int d = 0; d < DOM_COUNT; d++)
			sum[d] += p->phase[k].eur[d];
	}
	for (int d = 0; d < DOM_COUNT; d++) {
		roadmapplan_domain_label((enum domain)d, lang, label);
		strbuf_printf(b, "| %s |", label);
		for (size_t k = 0; k < p->nphase; k++)
			put_money_share(p->phase[k].eur[d], p->phase[k].total, lang, b);
		put_money_share(sum[d], total, lang, b);
		strbuf_printf(b, "\n");
	}
	strbuf_printf(b, "| **%s** |", de ? "Summe" : "Total");
	for (size_t k = 0; k < p->nphase; k++)
		put_money_share(p->phase[k].total, p->phase[k].total, lang, b);
	put_money_share(total, total, lang, b);
	strbuf_printf(b, "\n\n");
}

static void put_milestones(const struct roadmapmd_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->o->lang;
	int de = lang == PLOT_DE;
	const struct roadmap_plan *p = in->plan;

	strbuf_printf(b, "## %s\n\n| %s | %s |\n| --- | ---: |\n", de ? "Meilensteine" : "Milestones",
	              de ? "Meilenstein" : "Milestone", de ? "Haushaltsjahr" : "Fiscal year");
	for (int m = 0; m < ROADMAP_NMS; m++) {
		strbuf_printf(b, "| %s", tx(milestone_text[m].before, lang));
		if (!isnan(p->level[m]))
			keyfig_percent(p->level[m], lang, b);
		strbuf_printf(b, "%s | ", tx(milestone_text[m].after, lang));
		put_year(p->year[m], p->end, lang, b);
		strbuf_printf(b, " |\n");
	}
	strbuf_printf(b, "\n%s\n\n", de ? "Das Jahr eines Meilensteins ist das erste Haushaltsjahr,"
	                                  " an dessen Ende er erreicht ist."
	                                : "A milestone's year is the first fiscal year at whose end"
	                                  " it holds.");
}

static void put_constraints(const struct roadmapmd_in *in, struct strbuf *b)
{
	enum plot_lang lang = in->o->lang;
	int de = lang == PLOT_DE;
	const char *yes = de ? "ja" : "yes", *no = de ? "nein" : "no";

	strbuf_printf(b, "## %s\n\n", de ? "Nebenbedingungen" : "Constraints");
	if (in->nc == 0) {
		strbuf_printf(b, "%s\n", de ? "Die Optimierung hatte keine Nebenbedingungen."
		                            : "The optimisation had no constraints.");
		return;
	}
	strbuf_printf(b, de ? "| Nebenbedingung | Bedingung | Haushaltsjahr | Wert | Grenze |"
	                      " Spielraum | Erf\xc3\xbcllt | Bindend |"
	                    : "| Constraint | Condition | Fiscal year | Value | Bound | Margin |"
	                      " Met | Binding |");
	if (in->o->robust)
		strbuf_printf(b, de ? " Gilt in den Ziehungen |" : " Holds in the draws |");
	strbuf_printf(b, "\n| --- | --- | ---: | ---: | ---: | ---: | --- | --- |%s\n",
	              in->o->robust ? " ---: |" : "");
	for (size_t i = 0; i < in->nc; i++) {
		const struct roadmap_constraint *c = &in->c[i];
		const char *unit = roadmapmd_unit(c);

		strbuf_printf(b, "| ");
		mdescape_text(b, c->name ? c->name : "");
		strbuf_printf(b, " | ");
		mdescape_text(b, c->text ? c->text : "");
		strbuf_printf(b, " | ");
		if (c->year > 0)
			strbuf_printf(b, "%d", c->year);
		else
			strbuf_printf(b, "\xe2\x80\x93");
		strbuf_printf(b, " | ");
		put_value(c->value, unit, 0, lang, b);
		strbuf_printf(b, " | ");
		put_value(c->bound, unit, 0, lang, b);
		strbuf_printf(b, " | ");
		put_value(c->margin, unit, 1, lang, b);
		strbuf_printf(b, " | %s | %s |", c->met ? yes : no, c->binding ? yes : no);
		if (in->o->robust) {
			strbuf_printf(b, " ");
			put_value(in->o->robust->probability[i], "1", 0, lang, b);
			strbuf_printf(b, " |");
		}
		strbuf_printf(b, "\n");
	}
	strbuf_printf(b, "\n%s\n", de ? "Der Spielraum ist der Abstand des Werts zur Grenze, positiv"
	                                " wenn die Nebenbedingung erf\xc3\xbcllt ist; bindend ist"
	                                " sie, wenn er innerhalb der Toleranz der Optimierung liegt."
	                              : "The margin is the distance of the value from the bound,"
	                                " positive when the constraint is met; it binds when the"
	                                " margin is within the optimiser's tolerance.");
}

void roadmapmd_write(const struct roadmapmd_in *in, struct strbuf *b)
{
	put_head(in, b);
	put_objective(in, b);
	put_verdict(in, b);
	put_robust(in, b);
	put_phases(in, b);
	put_milestones(in, b);
	put_constraints(in, b);
}
