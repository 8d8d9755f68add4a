/*
** registry.c: looking up, parsing, formatting and listing the parameters of
** models/params.def. Everything here reads params_table; nothing is stored.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "registry.h"
#include "uncrange.h"
#include "strbuf.h"

/* Names longer than this are never close to a registered one (the longest
** registered name has 32 characters); it bounds the edit-distance rows. */
#define NAME_MAX_LEN 127

/* Largest edit distance at which a full name or a section still counts as a
** likely typo ("did you mean"). */
#define SUGGEST_MAX_DIST 3

/* Largest edit distance between a key alone and a registered key (the
** section may be wrong: "[sim] growth_rate"). */
#define SUGGEST_MAX_KEY_DIST 2

/* A key given as this many characters or more matches a registered key it
** begins ("growth" -> "growth_rate"). */
#define SUGGEST_MIN_PREFIX 3

/* Largest magnitude written as a whole number in full (every whole double
** below it is exact); beyond it the shortest round-trip form is shorter. */
#define WHOLE_MAX 1e15

/* Writes x as a whole number in full when it is one (15000000, not
** 1.5e+07), else in its shortest round-trip form; both read back exactly. */
static void fmt_num(double x, char buf[NUMFMT_LEN])
{
	if (fabs(x) < WHOLE_MAX && x == floor(x))
		snprintf(buf, NUMFMT_LEN, "%.0f", x);
	else
		numfmt_double(x, buf);
}

const struct param_def *registry_find(const char *name)
{
	for (size_t i = 0; i < params_count; i++)
		if (strcmp(params_table[i].name, name) == 0)
			return &params_table[i];
	return NULL;
}

const struct param_def *registry_find2(const char *section, const char *key)
{
	for (size_t i = 0; i < params_count; i++)
		if (strcmp(params_table[i].section, section) == 0 &&
		    strcmp(params_table[i].key, key) == 0)
			return &params_table[i];
	return NULL;
}

/*
** The Levenshtein distance between a and b (insertions, deletions and
** substitutions cost 1), or SIZE_MAX when either is longer than
** NAME_MAX_LEN. Two rows on the stack; no library has this.
*/
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[NAME_MAX_LEN + 1], prev_diag, up;

	if (la > NAME_MAX_LEN || lb > NAME_MAX_LEN)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev_diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev_diag + (a[i - 1] != b[j - 1]);
			up = row[j];
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			prev_diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/*
** How far the key part of a query (after the dot) is from a registered key:
** 1 when the query begins the key and is long enough to mean it, else the
** edit distance; SIZE_MAX when neither is close (more than SUGGEST_MAX_KEY_DIST
** edits, or more than one edit per three letters of the query).
*/
static size_t key_distance(const char *qkey, const char *key)
{
	size_t d, n = strlen(qkey);

	if (n >= SUGGEST_MIN_PREFIX && strncmp(qkey, key, n) == 0)
		return 1;
	/* A short word is close to everything: allow one edit per three
	** letters (so "nope" does not suggest "name"). */
	d = edit_distance(qkey, key);
	return d <= SUGGEST_MAX_KEY_DIST && 3 * d <= n + 1 ? d : SIZE_MAX;
}

/*
** Scores every registered name against `name` ("section.key" or a key
** alone): a full-name match within SUGGEST_MAX_DIST scores twice its
** distance; a key match scores twice its key distance plus a penalty of 3
** when the section differs, so "budget.growth" prefers budget.growth_rate to
** peers.growth_rate. The lowest score wins; ties go to the table order.
*/
const char *registry_suggest(const char *name)
{
	const char *dot = strchr(name, '.');
	const char *qkey = dot ? dot + 1 : name;
	size_t qsec_len = dot ? (size_t)(dot - name) : 0;
	const char *best = NULL;
	size_t best_score = SIZE_MAX;

	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		size_t score = SIZE_MAX, full = edit_distance(name, d->name);
		size_t kd = key_distance(qkey, d->key);

		if (full <= SUGGEST_MAX_DIST)
			score = 2 * full;
		if (kd != SIZE_MAX) {
			int same = dot && strlen(d->section) == qsec_len &&
			           strncmp(d->section, name, qsec_len) == 0;
			size_t ks = 2 * kd + (dot && !same ? 3 : 0);
			if (ks < score)
				score = ks;
		}
		if (score < best_score) {
			best_score = score;
			best = d->name;
		}
	}
	return best;
}

const char *registry_suggest_section(const char *section)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, n = strlen(section);
	/* A short word is close to everything: allow at most half its length. */
	size_t limit = n / 2 + 1 < SUGGEST_MAX_DIST ? n / 2 + 1 : SUGGEST_MAX_DIST;

	for (size_t i = 0; i < params_count; i++) {
		size_t d = edit_distance(section, params_table[i].section);
		if (d <= limit && d < best_d) {
			best_d = d;
			best = params_table[i].section;
		}
	}
	return best;
}

/* Appends the choices of d as "a, b, c". */
static void choice_list(const struct param_def *d, struct strbuf *b)
{
	for (size_t i = 0; d->choices[i]; i++)
		strbuf_printf(b, "%s%s", i ? ", " : "", d->choices[i]);
}

void registry_allowed(const struct param_def *d, struct strbuf *b)
{
	char lo[NUMFMT_LEN], hi[NUMFMT_LEN];
	int unit = strcmp(d->unit, "1") != 0;

	fmt_num(d->min, lo);
	fmt_num(d->max, hi);
	switch (d->kind) {
	case PK_REAL:
		strbuf_printf(b, "%s to %s%s%s%s%s", lo, hi, unit ? " (" : "",
		              unit ? d->unit : "", unit ? ")" : "",
		              d->flags & PF_AUTO ? ", or auto (derived from the municipality)" : "");
		break;
	case PK_INT:
		strbuf_printf(b, "whole numbers from %s to %s%s%s%s", lo, hi,
		              unit ? " (" : "", unit ? d->unit : "", unit ? ")" : "");
		break;
	case PK_CHOICE:
		choice_list(d, b);
		break;
	case PK_TEXT:
		strbuf_printf(b, "text without control characters");
		break;
	case PK_SET:
		choice_list(d, b);
		strbuf_printf(b, " (one or more, separated by commas), or all");
		break;
	}
}

/*
** Parses a comma-separated set of d's choices, or "all", into a bit mask.
** Blanks around the names are ignored; a name may not repeat. Returns -1
** with the verdict in why when a name is not a choice.
*/
static int parse_set(const struct param_def *d, const char *text, double *out,
                     const char **verdict)
{
	unsigned mask = 0, all = 0;
	size_t n = 0;

	while (d->choices[n])
		all |= 1u << n++;
	if (strcmp(text, "all") == 0) {
		*out = all;
		return 0;
	}
	for (const char *s = text;;) {
		size_t len, i;
		s += strspn(s, " \t");
		len = strcspn(s, ",");
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		for (i = 0; i < n; i++)
			if (strlen(d->choices[i]) == len && strncmp(s, d->choices[i], len) == 0)
				break;
		if (i == n) {
			*verdict = len ? "names something that is not one of the choices"
			               : "has an empty name";
			return -1;
		}
		if (mask & (1u << i)) {
			*verdict = "names a choice twice";
			return -1;
		}
		mask |= 1u << i;
		s += strcspn(s, ",");
		if (!*s++)
			break;
	}
	*out = mask;
	return 0;
}

/* ---- numbers and the hints for common mistakes ------------------------------ */

/* Keys whose range reaches this far (money, staff, services, transactions)
** take values in the thousands, where German thousands grouping ("1.500"
** for 1500) is a likely mistake and a decimal with three places after a
** single point is not; smaller ranges (shares, rates, years of delay) keep
** "1.500" as the decimal it is. */
#define REGISTRY_GROUPED_MAX 1e4

/* Longest value for which a corrected form is suggested. */
#define HINT_MAX 64

/* Copies s without the blanks around it into buf (len bytes); 0 when it did
** not fit. */
static int trimmed(const char *s, char *buf, size_t len)
{
	size_t n;

	s += strspn(s, " \t\r\n\v\f");
	n = strlen(s);
	while (n && strchr(" \t\r\n\v\f", s[n - 1]))
		n--;
	if (n >= len)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return 1;
}

/* Copies s into buf dropping every `drop` and turning every `point` into
** '.'; whether the result is a number (into *v). */
static int respelled(const char *s, char drop, char point, char *buf, double *v)
{
	size_t n = 0;

	for (; *s && n < HINT_MAX - 1; s++)
		if (*s != drop)
			buf[n++] = *s == point ? '.' : *s;
	buf[n] = '\0';
	return *s == '\0' && numfmt_parse(buf, v) == NUMFMT_OK;
}

/* The hundredth of v, a percentage, as a hint shows it: 15 significant
** digits, so that 2.385 % is 0.02385 (not the 0.023849999999999996 that
** v / 100 rounds to). */
static void hundredth(double v, char buf[NUMFMT_LEN])
{
	snprintf(buf, NUMFMT_LEN, "%.15g", v / 100);
}

/*
** What a key's values are when they are fractions that people also write
** as percentages: "shares are fractions: " for a share (unit 1, range
** within 0 to 1), "rates are fractions: " for a yearly rate of at most 1
** (unit 1/yr: growth, inflation, interest, discount, turnover), else "".
*/
static const char *fraction_kind(const struct param_def *d)
{
	if (strcmp(d->unit, "1") == 0 && d->min >= 0 && d->max <= 1)
		return "shares are fractions: ";
	if (strcmp(d->unit, "1/yr") == 0 && d->max <= 1)
		return "rates are fractions: ";
	return "";
}

/*
** The hint for a text of the wrong form that a person meant as a number
** for d: a percent sign ("35%", "3 %"), a decimal comma ("1,5", "3,5e6"),
** English grouping ("1,500,000"), German grouping with a decimal comma
** ("1.500,5"). Appends the phrase that follows the value to why; 0 when
** none applies.
*/
static int syntax_hint(const struct param_def *d, const char *text, struct strbuf *why)
{
	char t[HINT_MAX], fixed[HINT_MAX], dec[HINT_MAX], alt[NUMFMT_LEN];
	char *comma;
	double v, w;
	size_t n;
	int grouped;

	if (!trimmed(text, t, sizeof t) || (n = strlen(t)) == 0)
		return 0;
	if (t[n - 1] == '%') {                     /* "35%", "3 %" */
		t[n - 1] = '\0';
		if (!trimmed(t, fixed, sizeof fixed) || numfmt_parse(fixed, &v) != NUMFMT_OK)
			return 0;
		hundredth(v, alt);
		strbuf_printf(why, "is not a number; %swrite %s for %s %%",
		              fraction_kind(d), alt, fixed);
		return 1;
	}
	comma = strchr(t, ',');
	for (const char *sep = ", "; *sep; sep++) { /* "1,500,000", "1 500" */
		if (!numfmt_grouped(t, *sep) || !respelled(t, *sep, '\0', fixed, &v))
			continue;
		/* "1,500" may as well be 1.5 with a decimal comma. */
		if (*sep == ',' && !strchr(comma + 1, ',') &&
		    respelled(t, '\0', ',', dec, &w)) {
			numfmt_double(w, alt);
			strbuf_printf(why, "is not a number; write it without grouping, "
			         "%s, or with a decimal point, %s", fixed, alt);
		} else {
			strbuf_printf(why, "is not a number; write it without grouping: %s",
			         fixed);
		}
		return 1;
	}
	if (!comma || strchr(comma + 1, ','))
		return 0;
	if (!strchr(t, '.') && respelled(t, '\0', ',', fixed, &v)) { /* "1,5" */
		strbuf_printf(why, "is not a number; write a decimal point: %s", fixed);
		return 1;
	}
	*comma = '\0';                             /* "1.500,5" */
	grouped = numfmt_grouped(t, '.');
	*comma = ',';
	if (grouped && respelled(t, '.', ',', fixed, &v)) {
		strbuf_printf(why, "is not a number; write a decimal point and no "
		         "grouping: %s", fixed);
		return 1;
	}
	return 0;
}

int registry_number(const struct param_def *d, const char *text, double *out,
                    struct strbuf *why)
{
	char t[HINT_MAX], plain[HINT_MAX], num[NUMFMT_LEN];
	double v, grouped;
	int st = numfmt_parse(text, &v);

	/* German grouping: "1.500.000" is no number at all, and "1.500" is
	** taken as 1.5 only where a value in the thousands is unlikely. */
	if (numfmt_grouped(text, '.') && (st != NUMFMT_OK || d->max >= REGISTRY_GROUPED_MAX) &&
	    trimmed(text, t, sizeof t) && respelled(t, '.', '\0', plain, &grouped)) {
		if (st == NUMFMT_OK)
			numfmt_double(v, num);
		strbuf_printf(why, "looks like German thousands grouping (%s = %s); "
		         "write %s%s%s%s", t, plain, plain,
		         st == NUMFMT_OK ? ", or " : "", st == NUMFMT_OK ? num : "",
		         st == NUMFMT_OK ? " if the point is a decimal point" : "");
		return -1;
	}
	if (st == NUMFMT_OK) {
		*out = v;
		return 0;
	}
	if (st != NUMFMT_SYNTAX || !syntax_hint(d, text, why))
		strbuf_printf(why, "%s", numfmt_why(st));
	return -1;
}

/* Appends to verdict what is wrong with the number v for d, a REAL or INT
** key: not whole, or out of range, with the hint for a fraction written as
** a percentage (a share of 1 to 100, 35 for 0.35; a rate whose hundredth
** is in range, 3 for 0.03 and -1.25 for -0.0125); nothing when v is fine. */
static void range_verdict(const struct param_def *d, double v, struct strbuf *verdict)
{
	char num[NUMFMT_LEN], frac[NUMFMT_LEN];
	const char *kind = fraction_kind(d);

	if (d->kind == PK_INT && v != floor(v)) {
		strbuf_printf(verdict, "is not a whole number");
	} else if (v < d->min || v > d->max) {
		numfmt_double(v, num);
		hundredth(v, frac);
		if (kind[0] == 's' ? v >= 1 && v <= 100 :
		    kind[0] && fabs(v) >= 1 && fabs(v) <= 100 &&
		    v / 100 >= d->min && v / 100 <= d->max)
			strbuf_printf(verdict, "is out of range; %swrite %s for %s %%",
			              kind, frac, num);
		else
			strbuf_printf(verdict, "is out of range");
	}
}

/* Ends a check of d: with a verdict, appends "verdict; allowed: ..." to why
** and returns -1; else returns 0. Frees verdict. */
static int verdict_end(const struct param_def *d, struct strbuf *verdict, struct strbuf *why)
{
	int bad = verdict->len || verdict->failed;

	if (bad) {
		strbuf_printf(why, "%s; allowed: ", strbuf_str(verdict));
		registry_allowed(d, why);
	}
	strbuf_free(verdict);
	return bad ? -1 : 0;
}

int registry_parse(const struct param_def *d, const char *text, double *out,
                   struct strbuf *why)
{
	struct strbuf verdict = STRBUF_INIT;
	double v = 0;

	if (d->kind == PK_CHOICE) {
		for (size_t i = 0; d->choices[i]; i++)
			if (strcmp(text, d->choices[i]) == 0) {
				*out = (double)i;
				return 0;
			}
		strbuf_printf(&verdict, "is not one of the choices");
	} else if (d->kind == PK_SET) {
		const char *phrase = NULL;
		if (parse_set(d, text, out, &phrase) == 0)
			return 0;
		strbuf_printf(&verdict, "%s", phrase);
	} else if (d->kind == PK_TEXT) {
		strbuf_printf(&verdict, "is text, not a number");
	} else if ((d->flags & PF_AUTO) && strcmp(text, "auto") == 0) {
		*out = PARAMS_AUTO;
		return 0;
	} else if (registry_number(d, text, &v, &verdict) == 0) {
		range_verdict(d, v, &verdict);
	}
	if (verdict_end(d, &verdict, why))
		return -1;
	*out = v;
	return 0;
}

int registry_check(const struct param_def *d, double v, struct strbuf *why)
{
	struct strbuf verdict = STRBUF_INIT;

	range_verdict(d, v, &verdict);
	return verdict_end(d, &verdict, why);
}

void registry_format(const struct param_def *d, double v, struct strbuf *b)
{
	char num[NUMFMT_LEN];

	if (d->kind == PK_CHOICE && v >= 0 && v <= d->max && v == floor(v)) {
		strbuf_printf(b, "%s", d->choices[(size_t)v]);
		return;
	}
	if (d->kind == PK_SET) {
		size_t n = 0;
		unsigned mask = (unsigned)v;
		int first = 1;

		while (d->choices[n])
			n++;
		if (mask == (1u << n) - 1) {
			strbuf_printf(b, "all");
			return;
		}
		for (size_t i = 0; i < n; i++)
			if (mask & (1u << i)) {
				strbuf_printf(b, "%s%s", first ? "" : ", ", d->choices[i]);
				first = 0;
			}
		return;
	}
	if ((d->flags & PF_AUTO) && params_is_auto(v)) {
		strbuf_printf(b, "auto");
		return;
	}
	fmt_num(v, num);
	strbuf_printf(b, "%s", num);
}

/* ---- listing --------------------------------------------------------------- */

/* The columns of the listing for one parameter (free with row_free). */
struct row {
	struct strbuf def, range, unc;
};

static void fill_row(const struct param_def *d, struct row *r)
{
	char lo[NUMFMT_LEN], hi[NUMFMT_LEN];
	const struct uncrange *u;

	strbuf_reset(&r->def);
	strbuf_reset(&r->range);
	if (d->kind != PK_TEXT)
		registry_format(d, d->def, &r->def);
	fmt_num(d->min, lo);
	fmt_num(d->max, hi);
	if (d->kind == PK_CHOICE)
		choice_list(d, &r->range);
	else if (d->kind == PK_SET)
		strbuf_printf(&r->range, "allocation keys, or all");
	else if (d->kind == PK_TEXT)
		strbuf_printf(&r->range, "text");
	else
		strbuf_printf(&r->range, "%s to %s%s", lo, hi, d->flags & PF_AUTO ? ", or auto" : "");
	/* The default distribution: PERT over the assumption's range with the
	** default value as mode (models/uncertainty.def, MODEL.md 17). */
	strbuf_reset(&r->unc);
	if ((u = uncrange_of((size_t)(d - params_table))) != NULL) {
		char m[NUMFMT_LEN];
		fmt_num(u->min, lo);
		fmt_num(uncrange_mode(u, d->def), m);
		fmt_num(u->max, hi);
		strbuf_printf(&r->unc, "pert(%s, %s, %s)", lo, m, hi);
	}
}

static void row_free(struct row *r)
{
	strbuf_free(&r->def);
	strbuf_free(&r->range);
	strbuf_free(&r->unc);
}

/* Writes s with every '|' escaped, for a Markdown table cell. */
static void md_cell(FILE *f, const char *s)
{
	fputs("| ", f);
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc(' ', f);
}

void registry_print(FILE *f, int markdown)
{
	int wname = 4, wunit = 4, wdef = 7, wrange = 5, wunc = 11;
	struct row r = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };

	if (markdown) {
		fputs("| name | unit | default | range | uncertainty | meaning | source |\n"
		      "|---|---|---|---|---|---|---|\n", f);
		for (size_t i = 0; i < params_count; i++) {
			const struct param_def *d = &params_table[i];
			fill_row(d, &r);
			md_cell(f, d->name);
			md_cell(f, d->unit);
			md_cell(f, strbuf_str(&r.def));
			md_cell(f, strbuf_str(&r.range));
			md_cell(f, strbuf_str(&r.unc));
			md_cell(f, d->meaning);
			md_cell(f, d->source);
			fputs("|\n", f);
		}
		row_free(&r);
		return;
	}
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		fill_row(d, &r);
		wname = (int)fmax(wname, (double)strlen(d->name));
		wunit = (int)fmax(wunit, (double)strlen(d->unit));
		wdef = (int)fmax(wdef, (double)r.def.len);
		wrange = (int)fmax(wrange, (double)r.range.len);
		wunc = (int)fmax(wunc, (double)r.unc.len);
	}
	fprintf(f, "%-*s  %-*s  %-*s  %-*s  %-*s  %s\n", wname, "name", wunit, "unit",
	        wdef, "default", wrange, "range", wunc, "uncertainty", "meaning [source]");
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		fill_row(d, &r);
		fprintf(f, "%-*s  %-*s  %-*s  %-*s  %-*s  %s [%s]\n", wname, d->name,
		        wunit, d->unit, wdef, strbuf_str(&r.def), wrange,
		        strbuf_str(&r.range), wunc, r.unc.len ? strbuf_str(&r.unc) : "-",
		        d->meaning, d->source);
	}
	row_free(&r);
}
