/*
** setting.c: values as written, and the checks a file line and a --set
** share. Messages name the key and say what is allowed.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "registry.h"
#include "scenfile.h"
#include "setting.h"

static char *dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = malloc(n);

	if (c)
		memcpy(c, s, n);
	return c;
}

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
}

/* Writes the section names in registry order, "sim, scenario, ...". */
static void section_list(char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < params_count && used < len; i++) {
		size_t j = 0;
		while (j < i && strcmp(params_table[j].section, params_table[i].section))
			j++;
		if (j == i)
			used += (size_t)snprintf(buf + used, len - used, "%s%s%s",
			                         used ? ", " : "", params_table[i].section,
			                         params_table[i].flags & PF_NAMED ? ".NAME" : "");
	}
}

/* Writes the keys of `section` that have all of `flags`, "a, b, c". */
void setting_keys(const char *section, unsigned flags, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < params_count && used < len; i++)
		if (strcmp(params_table[i].section, section) == 0 &&
		    (params_table[i].flags & flags) == flags)
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
			                         used ? ", " : "", params_table[i].key);
}

/*
** Splits a section header "budget" or "budget@2028" into the section name
** (into name) and the year (0 when none). On failure writes a phrase about
** the header into why and returns -1.
*/
int setting_section(const char *s, char *name, size_t len, long *year,
                    char *inst, char *why, size_t wl)
{
	const struct param_def *yd = registry_find("sim.start_year");
	const char *at = strchr(s, '@'), *dot, *sug;
	size_t nl = at ? (size_t)(at - s) : strlen(s);
	char list[512];
	double y;

	snprintf(name, len, "%.*s", (int)nl, s);
	inst[0] = '\0';
	*year = 0;
	if (at) {
		if (!at[1] || strspn(at + 1, "0123456789") != strlen(at + 1) ||
		    numfmt_parse(at + 1, &y) || y < yd->min || y > yd->max) {
			registry_allowed(yd, list, sizeof list);
			snprintf(why, wl, "[%s]: '%s' is not a year; allowed: %s", s,
			         at + 1, list);
			return -1;
		}
		*year = (long)y;
	}
	if ((dot = strchr(name, '.')) != NULL) {
		size_t il = strlen(dot + 1);
		if (il == 0 || il >= PARAMS_NAME_LEN ||
		    strspn(dot + 1, "abcdefghijklmnopqrstuvwxyz"
		                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != il) {
			snprintf(why, wl, "[%s]: '%s' is not a section name; allowed: 1 "
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
			snprintf(why, wl, "[%s]: section [%s] takes no name; allowed: "
			         "[%s]", s, name, name);
			return -1;
		}
		if (params_named_kind(name) >= 0 && !inst[0]) {
			snprintf(why, wl, "[%s] needs a name; allowed: [%s.NAME], "
			         "e.g. [%s.a], one section per %s", s, name, name, name);
			return -1;
		}
		if (params_named_kind(name) >= 0 && at) {
			snprintf(why, wl, "[%s]: a [%s.NAME] section cannot change by "
			         "year (its keys give its years); allowed: [%s.%s]", s,
			         name, name, inst);
			return -1;
		}
		return 0;
	}
	if ((sug = registry_suggest_section(name)) != NULL) {
		snprintf(why, wl, "unknown section [%s]; did you mean [%s%s%s%s]?", s,
		         sug, inst[0] ? "." : "", inst, at ? at : "");
	} else {
		section_list(list, sizeof list);
		snprintf(why, wl, "unknown section [%s]; allowed: %s", s, list);
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

/* The phrase saying what is wrong with text as a text value, or NULL. */
static const char *text_problem(const char *s)
{
	/* The text follows "key = " in the resolved file: a blank before it. */
	int blank = 1;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			return "contains a control character; allowed: text without "
			       "control characters";
		if (blank && c == ';')
			return "contains ';' after a blank, which starts a comment; "
			       "allowed: ';' only right after a non-blank character";
		blank = c == ' ';
	}
	return NULL;
}

/* Whether the text parameter def names a file (extends, schedule): such a
** value is relative to its INI file, so --set cannot give it. */
int setting_names_file(const struct param_def *def)
{
	return strcmp(def->name, "scenario.extends") == 0 ||
	       strcmp(def->name, "allocation.schedule") == 0;
}

/* Kinds of problem check_value finds: about the value, or about the key. */

/*
** Checks that def may be set in a block of `year` and that `value` is valid
** for it (raw is the text as written, for the comment check of texts). On
** success fills a (def, year, value or an owned copy of the text) and
** returns 0; otherwise writes why and returns SETTING_BAD_VALUE (why follows
** "name = value ") or SETTING_BAD_KEY (why follows "name "), or -1 on no memory.
*/
int setting_check(const struct param_def *def, long year, const char *value,
                       const char *raw, struct setting *a, char *why, size_t wl)
{
	char list[512];
	const char *tp;

	if (year == 0 && (def->flags & PF_SCHEDULE)) {
		snprintf(why, wl, "can only be set for one year; allowed: "
		         "[schedule@YEAR] blocks or allocation.schedule");
		return SETTING_BAD_KEY;
	}
	if (year != 0 && !(def->flags & (PF_YEARLY | PF_SCHEDULE))) {
		setting_keys(def->section, PF_YEARLY, list, sizeof list);
		snprintf(why, wl, "cannot change by year; set it in [%s]%s%s",
		         def->section, list[0] ? "; keys that can: " : "", list);
		return SETTING_BAD_KEY;
	}
	*a = (struct setting){ .def = def, .year = year };
	if (def->kind != PK_TEXT)
		return registry_parse(def, value, &a->value, why, wl) ? SETTING_BAD_VALUE : 0;
	if ((tp = text_problem(raw)) != NULL) {
		snprintf(why, wl, "%s", tp);
		return SETTING_BAD_VALUE;
	}
	/* The resolved file writes it as "key = text", one line (scenfile.h). */
	if (strlen(def->key) + 3 + strlen(value) > SCENFILE_MAX_LINE) {
		snprintf(why, wl, "is too long; allowed: at most %zu characters",
		         SCENFILE_MAX_LINE - strlen(def->key) - 3);
		return SETTING_BAD_VALUE;
	}
	if (!value[0] && setting_names_file(def)) {
		snprintf(why, wl, "is empty; allowed: a file name");
		return SETTING_BAD_VALUE;
	}
	return (a->text = dupstr(value)) ? 0 : -1;
}

/* Writes the message for a check_value failure of kind k; `set` selects the
** --set form ("--set name: value why") over the file form. */
void setting_message(char *msg, size_t len, int set, const char *name,
                          int k, const char *value, const char *why)
{
	if (k == SETTING_BAD_KEY)
		snprintf(msg, len, "%s%s%s%s", set ? "--set " : "", name,
		         set ? ": " : " ", why);
	else if (!value[0])
		snprintf(msg, len, "%s%s%s%s", set ? "--set " : "", name,
		         set ? ": value " : " ", why);
	else
		snprintf(msg, len, "%s%s%s%s %s", set ? "--set " : "", name,
		         set ? ": " : " = ", value, why);
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
