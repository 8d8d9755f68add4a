/*
** setting.c: values as written, and the checks a file line and a --set
** share. Messages name the key and say what is allowed.
*/
#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "optimline.h"
#include "registry.h"
#include "setting.h"
#include "strbuf.h"
#include "uncline.h"

/* The most bytes of a value a message shows (the rest becomes "..."). */
#define SETTING_SHOW_MAX 60

int setting_push(struct setting_list *l, const struct setting *a)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;
		struct setting *b = realloc(l->a, cap * sizeof *b);
		if (!b)
			return -1;
		l->a = b;
		l->cap = cap;
	}
	l->a[l->n++] = *a;
	return 0;
}

void setting_list_free(struct setting_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->a[i].text);
	free(l->a);
	l->a = NULL;
	l->n = l->cap = 0;
	memset(l->bad, 0, sizeof l->bad);
	uncline_free(l);
	optimline_free(l);
}

void setting_mark_bad(struct setting_list *l, const char *section)
{
	for (size_t i = 0; i < params_count; i++)
		if (!section || strcmp(params_table[i].section, section) == 0)
			l->bad[i] = 1;
}

/* Appends the section names in registry order, "sim, scenario, ...". */
static void section_list(struct strbuf *b)
{
	int first = 1;

	for (size_t i = 0; i < params_count; i++) {
		size_t j = 0;
		while (j < i && strcmp(params_table[j].section, params_table[i].section))
			j++;
		if (j == i) {
			strbuf_printf(b, "%s%s%s", first ? "" : ", ", params_table[i].section,
			              params_table[i].flags & PF_NAMED ? ".NAME" : "");
			first = 0;
		}
	}
}

/* Appends the keys of `section` that have all of `flags`, "a, b, c". */
void setting_keys(const char *section, unsigned flags, struct strbuf *b)
{
	int first = 1;

	for (size_t i = 0; i < params_count; i++)
		if (strcmp(params_table[i].section, section) == 0 &&
		    (params_table[i].flags & flags) == flags) {
			strbuf_printf(b, "%s%s", first ? "" : ", ", params_table[i].key);
			first = 0;
		}
}

/*
** Splits a section header "budget" or "budget@2028" into the section name
** (into name) and the year (0 when none). On failure appends a phrase
** about the header to why and returns -1.
*/
int setting_section(const char *s, char *name, size_t len, long *year,
                    char *inst, struct strbuf *why)
{
	const struct param_def *yd = PARAM_DEF(P_sim_start_year);
	const char *at = strchr(s, '@'), *dot, *sug;
	size_t nl = at ? (size_t)(at - s) : strlen(s);
	double y;
	int rc;

	snprintf(name, len, "%.*s", (int)nl, s);
	inst[0] = '\0';
	*year = 0;
	if ((rc = optimline_section(s, name, len, year, inst, why)) <= 0)
		return rc;
	if (strcmp(name, UNCLINE_SECTION) == 0) {
		if (!at)
			return 0;
		strbuf_printf(why, "[%s]: [%s] takes no year (a distribution holds for "
		              "every year); allowed: [%s]", s, name, name);
		return -1;
	}
	if (at) {
		/* The one number grammar of numfmt_parse, as for sim.start_year and
		** the schedule's year column: a whole number in the year range. */
		if (numfmt_parse(at + 1, &y) != NUMFMT_OK || y != floor(y) ||
		    y < yd->min || y > yd->max) {
			strbuf_printf(why, "[%s]: '%s' is not a year; allowed: ", s, at + 1);
			registry_allowed(yd, why);
			return -1;
		}
		*year = (long)y;
	}
	if ((dot = strchr(name, '.')) != NULL) {
		size_t il = strlen(dot + 1);
		if (il == 0 || il >= PARAMS_NAME_LEN ||
		    strspn(dot + 1, "abcdefghijklmnopqrstuvwxyz"
		                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != il) {
			strbuf_printf(why, "[%s]: '%s' is not a section name; allowed: 1 "
			         "to %d letters, digits, '_' or '-'", s, dot + 1,
			         PARAMS_NAME_LEN - 1);
			return -1;
		}
		snprintf(inst, PARAMS_NAME_LEN, "%s", dot + 1);
		name[dot - name] = '\0';
	}
	for (size_t i = 0; i < params_count; i++) {
		if (strcmp(params_table[i].section, name) != 0)
			continue;
		if (params_named_kind(name) < 0 && inst[0]) {
			strbuf_printf(why, "[%s]: section [%s] takes no name; allowed: "
			         "[%s]", s, name, name);
			return -1;
		}
		if (params_named_kind(name) >= 0 && !inst[0]) {
			strbuf_printf(why, "[%s] needs a name; allowed: [%s.NAME], "
			         "e.g. [%s.a], one section per %s", s, name, name, name);
			return -1;
		}
		if (params_named_kind(name) >= 0 && at) {
			strbuf_printf(why, "[%s]: a [%s.NAME] section cannot change by "
			         "year (its keys give its years); allowed: [%s.%s]", s,
			         name, name, inst);
			return -1;
		}
		return 0;
	}
	if ((sug = registry_suggest_section(name)) != NULL) {
		strbuf_printf(why, "unknown section [%s]; did you mean [%s%s%s%s]?", s,
		         sug, inst[0] ? "." : "", inst, at ? at : "");
	} else {
		strbuf_printf(why, "unknown section [%s]; allowed: ", s);
		section_list(why);
	}
	return -1;
}

void setting_name(const struct setting *s, char *buf, size_t len)
{
	if (s->inst[0])
		snprintf(buf, len, "%s.%s.%s", s->def->section, s->inst, s->def->key);
	else
		snprintf(buf, len, "%s", s->def->name);
}

/* ---- text values ------------------------------------------------------------ */

/* Whether c separates words on a line: what inih's inline comments follow. */
static int blank(int c)
{
	return c == ' ' || c == '\t';
}

static int control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static const char control_why[] = "contains a control character; allowed: text "
                                  "without control characters";

/*
** Decodes the quoted piece at s (s[0] == '"'), which blanks only may follow,
** and appends its bytes to dst at *n (dst has room for strlen(s) more).
** Inside the quotes \" stands for '"' and \\ for '\'; any other backslash,
** a control character or a missing closing quote is an error. Returns 0, or
** -1 with why filled.
*/
static int unquote(const char *s, char *dst, size_t *n, struct strbuf *why)
{
	for (s++; *s != '"'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\0' || (c == '\\' && s[1] == '\0')) {
			strbuf_printf(why, "has no closing '\"'; allowed: a text in double "
			         "quotes on one line, continued on indented lines that "
			         "each hold one more quoted piece");
			return -1;
		}
		if (c == '\\' && s[1] != '"' && s[1] != '\\') {
			strbuf_printf(why, "has a '\\' that starts no escape; allowed in "
			         "double quotes: \\\" for '\"' and \\\\ for '\\'");
			return -1;
		}
		if (control(c)) {
			strbuf_printf(why, "%s", control_why);
			return -1;
		}
		if (c == '\\')
			c = (unsigned char)*++s;
		dst[(*n)++] = (char)c;
	}
	s++;
	if (s[strspn(s, " \t")] != '\0') {
		strbuf_printf(why, "has text after the closing '\"'; allowed: only "
		         "blanks after it (a comment needs a line of its own)");
		return -1;
	}
	return 0;
}

/* Whether the text at s, n bytes, is a bare text that reads back as itself
** from a scenario file: no blank at either end, no '"' or ';' first, no ';'
** after a blank (a comment), no control character. */
static int bare(const char *s, size_t n)
{
	if (n && (s[0] == '"' || s[0] == ';' || blank(s[0]) || blank(s[n - 1])))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (control((unsigned char)s[i]) || (s[i] == ';' && blank(s[i - 1])))
			return 0;
	return 1;
}

/* Where text is written: a buffer of known room (s), or nothing (s NULL)
** while the length is counted. */
struct wbuf {
	char *s;
	size_t n;
};

static void put(struct wbuf *w, const char *s, size_t n)
{
	if (w->s)
		memcpy(w->s + w->n, s, n);
	w->n += n;
}

/*
** The bytes of the unit of text at t, which a line break must not split,
** and in *enc their length when quoted: an escaped '"' or '\' (1 byte, 2
** quoted), a UTF-8 sequence (its lead byte and the continuation bytes that
** follow, up to its length), or one byte.
*/
static size_t unit(const unsigned char *t, size_t *enc)
{
	size_t n = 1, want = *t >= 0xF0 ? 4 : *t >= 0xE0 ? 3 : *t >= 0xC0 ? 2 : 1;

	if (*t == '"' || *t == '\\') {
		*enc = 2;
		return 1;
	}
	while (n < want && (t[n] & 0xC0) == 0x80)
		n++;
	*enc = n;
	return n;
}

/* Writes t, n bytes, in double quotes with '"' and '\' escaped into w; col
** is the column the opening quote goes to; a line grows to at most width
** bytes before it closes and "\n  \"" continues it (width 0: one line). */
static void quote(struct wbuf *w, const char *t, size_t n, size_t col, size_t width)
{
	int fresh = 1;

	put(w, "\"", 1);
	col++;
	for (size_t i = 0, u, enc; i < n; i += u) {
		u = unit((const unsigned char *)t + i, &enc);
		if (width && !fresh && col + enc + 1 > width) {
			put(w, "\"\n  \"", 5);
			col = 3;
		}
		if (enc > u)
			put(w, "\\", 1);
		put(w, t + i, u);
		col += enc;
		fresh = 0;
	}
	put(w, "\"", 1);
}

static void format_text(struct wbuf *w, const char *key, const char *t, size_t width)
{
	size_t kl = strlen(key), n = strlen(t);

	put(w, key, kl);
	put(w, " = ", 3);
	if (bare(t, n) && kl + 3 + n <= width)
		put(w, t, n);
	else
		quote(w, t, n, kl + 3, width);
}

char *setting_text_format(const char *key, const char *text, size_t width)
{
	struct wbuf w = { NULL, 0 };

	format_text(&w, key, text, width);
	if (!(w.s = malloc(w.n + 1)))
		return NULL;
	w.n = 0;
	format_text(&w, key, text, width);
	w.s[w.n] = '\0';
	return w.s;
}

/* Appends the hint for a bare text that begins with ';' (v, n bytes): the
** same text in double quotes after the key, on one line. */
static void quote_hint(const char *key, const char *v, size_t n, struct strbuf *b)
{
	char q[SETTING_SHOW_MAX * 2 + 8];
	struct wbuf w = { q, 0 };

	if (n > SETTING_SHOW_MAX)
		n = SETTING_SHOW_MAX;
	quote(&w, v, n, 0, 0);
	strbuf_printf(b, "%s = %.*s", key, (int)w.n, q);
}

/*
** Parses the text value raw (as written after '=' or --set's '=', line end
** excluded) by the grammar of scenario.c's header into a new string *out.
** set != 0 for --set: the command line has no comments, so ';' is a
** character like any other there. Returns 0, SETTING_BAD_VALUE with why
** filled, or -1 when memory runs out.
*/
static int parse_text(const struct param_def *def, const char *raw, int set,
                      char **out, struct strbuf *why)
{
	const char *v = raw + strspn(raw, " \t");
	size_t n = strlen(v), k = 0;
	char *t;

	while (n && blank(v[n - 1]))
		n--;
	if (!set && v[0] == ';') {
		strbuf_printf(why, "%s; to start a text with ';' write it in double "
		              "quotes: ", v > raw ? "has no value: ';' after a blank "
		              "starts a comment" : "begins with ';', which after a "
		              "blank starts a comment");
		quote_hint(def->key, v, n, why);
		return SETTING_BAD_VALUE;
	}
	for (size_t i = 0; v[0] != '"' && i < n; i++) {
		if (control((unsigned char)v[i])) {
			strbuf_printf(why, "%s", control_why);
			return SETTING_BAD_VALUE;
		}
		if (!set && v[i] == ';' && blank(v[i - 1])) {
			strbuf_printf(why, "contains ';' after a blank, which starts a "
			         "comment; allowed: ';' right after a non-blank "
			         "character, or the text in double quotes");
			return SETTING_BAD_VALUE;
		}
	}
	if (!(t = malloc(strlen(v) + 1)))
		return -1;
	if (v[0] == '"' && unquote(v, t, &k, why)) {
		free(t);
		return SETTING_BAD_VALUE;
	}
	if (v[0] != '"')
		memcpy(t, v, k = n);
	t[k] = '\0';
	if (k > SETTING_TEXT_MAX) {
		strbuf_printf(why, "is longer than %d bytes (%zu); allowed: at most "
		         "%d bytes", SETTING_TEXT_MAX, k, SETTING_TEXT_MAX);
		free(t);
		return SETTING_BAD_VALUE;
	}
	if (!t[0] && (def->flags & PF_FILE)) {
		strbuf_printf(why, "is empty; allowed: a file name");
		free(t);
		return SETTING_BAD_VALUE;
	}
	*out = t;
	return 0;
}

int setting_text_quoted(const char *raw)
{
	return raw[strspn(raw, " \t")] == '"';
}

int setting_text_more(struct setting *a, const char *line, struct strbuf *why)
{
	const char *v = line + strspn(line, " \t");
	size_t old = strlen(a->text), k = old;
	char *t;

	if (v[0] != '"') {
		strbuf_printf(why, "is not a quoted piece; allowed: \"...\"");
		return SETTING_BAD_VALUE;
	}
	if (!(t = realloc(a->text, old + strlen(v) + 1)))
		return -1;
	a->text = t;
	if (unquote(v, t, &k, why) != 0) {
		t[old] = '\0';
		return SETTING_BAD_VALUE;
	}
	if (k > SETTING_TEXT_MAX) {
		t[old] = '\0';
		strbuf_printf(why, "makes the text longer than %d bytes (%zu); "
		         "allowed: at most %d bytes", SETTING_TEXT_MAX, k,
		         SETTING_TEXT_MAX);
		return SETTING_BAD_VALUE;
	}
	t[k] = '\0';
	return 0;
}

/* ---- checking values ---------------------------------------------------------- */

int setting_check(const struct param_def *def, long year, const char *value,
                  const char *raw, int set, struct setting *a, struct strbuf *why)
{
	struct strbuf list = STRBUF_INIT;
	double num;

	if (year == 0 && (def->flags & PF_SCHEDULE)) {
		strbuf_printf(why, "can only be set for one year; allowed: "
		              "[schedule@YEAR] blocks or allocation.schedule");
		return SETTING_BAD_KEY;
	}
	if (year != 0 && !(def->flags & (PF_YEARLY | PF_SCHEDULE))) {
		setting_keys(def->section, PF_YEARLY, &list);
		strbuf_printf(why, "cannot change by year; set it in [%s]%s%s",
		              def->section, list.len ? "; keys that can: " : "",
		              strbuf_str(&list));
		strbuf_free(&list);
		return SETTING_BAD_KEY;
	}
	*a = (struct setting){ .def = def, .year = year };
	if (def->kind == PK_TEXT)
		return parse_text(def, raw, set, &a->text, why);
	/* "x = ; note": inih saw a comment where the value should be. */
	if (!set && !value[0] && raw[strspn(raw, " \t")] == ';') {
		strbuf_printf(why, "is empty (';' after a blank starts a comment); allowed: ");
		registry_allowed(def, why);
		return SETTING_BAD_VALUE;
	}
	/* "x = 0.02 # two": in a file '#' starts no inline comment. */
	if (!set && strchr(value, '#') && (def->kind == PK_REAL || def->kind == PK_INT) &&
	    numfmt_parse(value, &num) == NUMFMT_SYNTAX) {
		strbuf_printf(why, "is not a number (only ';' after a blank starts a "
		              "comment); allowed: ");
		registry_allowed(def, why);
		return SETTING_BAD_VALUE;
	}
	return registry_parse(def, value, &a->value, why) == 0 ? 0 : SETTING_BAD_VALUE;
}

/* The value as a message shows it: at most SETTING_SHOW_MAX bytes (not
** splitting a UTF-8 sequence), then "...". */
static void shown(const char *value, char *buf, size_t len)
{
	size_t n = strlen(value);

	if (n <= SETTING_SHOW_MAX) {
		snprintf(buf, len, "%s", value);
		return;
	}
	n = SETTING_SHOW_MAX;
	while (n && ((unsigned char)value[n] & 0xC0) == 0x80)
		n--;
	snprintf(buf, len, "%.*s...", (int)n, value);
}

void setting_message(struct strbuf *msg, int set, const char *name,
                     int k, const char *value, const char *why)
{
	char v[SETTING_SHOW_MAX + 8];

	shown(value, v, sizeof v);
	if (k == SETTING_BAD_KEY)
		strbuf_printf(msg, "%s%s%s%s", set ? "--set " : "", name,
		              set ? ": " : " ", why);
	else if (!value[0])
		strbuf_printf(msg, "%s%s%s%s", set ? "--set " : "", name,
		              set ? ": value " : " ", why);
	else
		strbuf_printf(msg, "%s%s%s%s %s", set ? "--set " : "", name,
		              set ? ": " : " = ", v, why);
}

/* ---- the one door -------------------------------------------------------------- */

char *setting_strip(const char *s, size_t n)
{
	char *t;

	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if ((t = malloc(n + 1)) != NULL) {
		memcpy(t, s, n);
		t[n] = '\0';
	}
	return t;
}

int setting_apply(struct setting_list *l, const struct setting_origin *o,
                  const char *header, const char *key, const char *raw, struct err *e)
{
	int set = o->src == SETTING_SRC_SET;
	const char *file = set ? "" : o->path;
	long line = set ? 0 : o->line;
	struct strbuf why = STRBUF_INIT, msg = STRBUF_INIT, name = STRBUF_INIT;
	char sec[64] = "", inst[PARAMS_NAME_LEN], full[256];
	const struct param_def *def;
	char *value = NULL, *shown_text = NULL;
	const char *sug;
	struct setting a;
	long year;
	int k, rc = -1;

	if (uncline_header(header))
		return uncline_apply(l, o, header, key, raw, e);
	if (optimline_header(header))
		return optimline_apply(l, o, header, key, raw, e);
	/* How a message names the key: as written on the command line, by its
	** full name in a file. */
	strbuf_printf(&name, "%s.%s", header, key);
	if (!set && !header[0]) {
		err_set(e, file, line, key, "key '%s' is outside any section; allowed: "
		        "keys under a [section] header", key);
		goto done;
	}
	if (setting_section(header, sec, sizeof sec, &year, inst, &why)) {
		sec[0] = '\0';
		if (set)
			err_set(e, "", 0, strbuf_str(&name), "--set %s: %s", strbuf_str(&name),
			        strbuf_str(&why));
		else
			err_set(e, file, line, key, "%s", strbuf_str(&why));
		goto done;
	}
	if (!(def = registry_find2(sec, key))) {
		snprintf(full, sizeof full, "%s.%s", sec, key);
		sug = registry_suggest(full);
		if (!sug)
			setting_keys(sec, 0, &why);
		if (set && sug)
			err_set(e, "", 0, strbuf_str(&name), "--set %s: unknown key; did you "
			        "mean '%s'?", strbuf_str(&name), sug);
		else if (set)
			err_set(e, "", 0, strbuf_str(&name), "--set %s: unknown key; allowed "
			        "keys in [%s]: %s", strbuf_str(&name), sec, strbuf_str(&why));
		else if (sug)
			err_set(e, file, line, full, "unknown key '%s' in [%s]; did you mean "
			        "'%s'?", key, header, sug);
		else
			err_set(e, file, line, full, "unknown key '%s' in [%s]; allowed: %s",
			        key, header, strbuf_str(&why));
		goto done;
	}
	if (inst[0])
		snprintf(full, sizeof full, "%s.%s.%s", sec, inst, key);
	else
		snprintf(full, sizeof full, "%s", def->name);
	if (set && (def->flags & PF_FILE)) {
		err_set(e, "", 0, def->name, "--set %s: cannot be set with --set (it names "
		        "a file relative to the scenario); allowed: set it in the scenario "
		        "file", def->name);
		goto done;
	}
	for (size_t i = o->first; !set && i < l->n; i++)
		if (l->a[i].def == def && l->a[i].year == year && strcmp(l->a[i].inst, inst) == 0) {
			err_set(e, file, line, full, "duplicate key %s in [%s] (first set on line "
			        "%ld)", full, header, l->a[i].line);
			goto done;
		}
	if (!(value = set ? setting_strip(raw, strlen(raw)) : strdup(o->value)) ||
	    !(shown_text = setting_strip(raw, strlen(raw)))) {
		err_set(e, file, line, full, "out of memory");
		goto done;
	}
	k = setting_check(def, year, value, raw, set, &a, &why);
	if (k > 0) {
		/* A text is shown as written, the cut value when it is empty. */
		setting_message(&msg, set, set ? strbuf_str(&name) : full, k,
		                def->kind == PK_TEXT && value[0] ? shown_text : value,
		                strbuf_str(&why));
		err_set(e, file, line, set && !inst[0] ? def->name : full, "%s", strbuf_str(&msg));
		goto done;
	}
	a.src = o->src;
	a.line = line;
	snprintf(a.inst, sizeof a.inst, "%s", inst);
	if (k < 0 || setting_push(l, &a)) {
		if (k == 0)
			free(a.text);
		err_set(e, file, line, full, "out of memory");
		goto done;
	}
	rc = 0;
done:
	/* The section is known once its header passed. */
	if (rc && sec[0])
		setting_mark_bad(l, sec);
	free(value);
	free(shown_text);
	strbuf_free(&why);
	strbuf_free(&msg);
	strbuf_free(&name);
	return rc;
}

void setting_source(const char *const *files, const struct setting *s, struct strbuf *b)
{
	if (!s)
		strbuf_printf(b, "default");
	else if (s->src == SETTING_SRC_SET)
		strbuf_printf(b, "--set");
	else
		strbuf_printf(b, "%s:%ld", files[s->src], s->line);
}

int setting_fail(const char *const *files, const struct setting *s, struct err *e,
                 const char *name, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	int set = s && s->src == SETTING_SRC_SET;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	err_set(e, s && !set ? files[s->src] : "", s && !set ? s->line : 0, name,
	        "%s%s%s%s", set ? "--set " : "", set ? name : "", set ? ": " : "",
	        strbuf_str(&msg));
	strbuf_free(&msg);
	return -1;
}

/* Latest first: a later setting has the higher precedence. */
const struct setting *setting_last(const struct setting_list *l,
                                   const struct param_def *def, const char *inst)
{
	for (size_t i = l->n; i-- > 0;)
		if (l->a[i].def == def && l->a[i].year == 0 && strcmp(l->a[i].inst, inst) == 0)
			return &l->a[i];
	return NULL;
}
