/*
** optimline.c: the lines of [optimise], [decision.NAME] and
** [constraint.NAME] (optimline.h).
*/
#include <stdlib.h>
#include <string.h>

#include "optimline.h"
#include "registry.h"

const char *const optimline_senses[] = { "min", "max", NULL };
const char *const optimline_methods[] = { "isres_cobyla", "isres", "cobyla", NULL };
const char *const optimline_relations[] = { "<=", ">=", NULL };
const char *const optimline_yesno[] = { "no", "yes", NULL };

#define REAL PK_REAL
#define INT PK_INT
#define CHOICE PK_CHOICE
#define TEXT PK_TEXT
#define OKEY(s, k, kind, u, d, lo, hi, ch, m) \
	{ #s "." #k, #s, #k, kind, u, d, lo, hi, ch, 0, m, "dtsim optimise", (size_t)-1 },
const struct param_def optimline_keys[] = {
#include "optimkeys.def"
};
#undef OKEY
#undef REAL
#undef INT
#undef CHOICE
#undef TEXT
const size_t optimline_nkeys = sizeof optimline_keys / sizeof optimline_keys[0];

/* The sections, and whether each takes a NAME. */
static const struct { const char *name; int named; } sections[] = {
	{ "optimise", 0 }, { "decision", 1 }, { "constraint", 1 },
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

const struct param_def *optimline_key(const char *section, const char *key)
{
	for (size_t i = 0; i < optimline_nkeys; i++)
		if (strcmp(optimline_keys[i].section, section) == 0 &&
		    strcmp(optimline_keys[i].key, key) == 0)
			return &optimline_keys[i];
	return NULL;
}

/* The index in sections of the section that header begins with (up to
** '.', '@' or its end), or -1. */
static int section_of(const char *header)
{
	size_t n = strcspn(header, ".@");

	for (size_t i = 0; i < NSECTIONS; i++)
		if (strlen(sections[i].name) == n && strncmp(header, sections[i].name, n) == 0)
			return (int)i;
	return -1;
}

int optimline_header(const char *header)
{
	return section_of(header) >= 0;
}

/* Appends the keys of section, "a, b, c". */
static void keys_of(const char *section, struct strbuf *b)
{
	int first = 1;

	for (size_t i = 0; i < optimline_nkeys; i++)
		if (strcmp(optimline_keys[i].section, section) == 0) {
			strbuf_printf(b, "%s%s", first ? "" : ", ", optimline_keys[i].key);
			first = 0;
		}
}

int optimline_section(const char *s, char *name, size_t len, long *year,
                      char *inst, struct strbuf *why)
{
	int k = section_of(s);
	size_t n = strcspn(s, ".@"), il;
	const char *dot;

	if (k < 0)
		return 1;
	snprintf(name, len, "%s", sections[k].name);
	inst[0] = '\0';
	*year = 0;
	if (strchr(s, '@')) {
		strbuf_printf(why, "[%s]: [%s] takes no year (the optimiser's sections "
		              "hold for the whole run); allowed: [%s%s]", s, sections[k].name,
		              sections[k].name, sections[k].named ? ".NAME" : "");
		return -1;
	}
	dot = s[n] == '.' ? s + n + 1 : NULL;
	if (!sections[k].named && dot) {
		strbuf_printf(why, "[%s]: section [%s] takes no name; allowed: [%s]", s,
		              sections[k].name, sections[k].name);
		return -1;
	}
	if (sections[k].named && !dot) {
		strbuf_printf(why, "[%s] needs a name; allowed: [%s.NAME], e.g. [%s.a], "
		              "one section per %s", s, sections[k].name, sections[k].name,
		              sections[k].name);
		return -1;
	}
	if (dot) {
		il = strlen(dot);
		if (il == 0 || il >= PARAMS_NAME_LEN ||
		    strspn(dot, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                "0123456789_-") != il) {
			strbuf_printf(why, "[%s]: '%s' is not a section name; allowed: 1 to %d "
			              "letters, digits, '_' or '-'", s, dot, PARAMS_NAME_LEN - 1);
			return -1;
		}
		snprintf(inst, PARAMS_NAME_LEN, "%s", dot);
	}
	return 0;
}

/* Appends a copy of a to l (l takes a->text). -1 when memory runs out. */
static int push(struct setting_list *l, const struct optline *a)
{
	if (l->nol == l->olcap) {
		size_t cap = l->olcap ? 2 * l->olcap : 16;
		struct optline *b = realloc(l->ol, cap * sizeof *b);
		if (!b)
			return -1;
		l->ol = b;
		l->olcap = cap;
	}
	l->ol[l->nol++] = *a;
	return 0;
}

int optimline_apply(struct setting_list *l, const struct setting_origin *o,
                    const char *header, const char *key, const char *raw, struct err *e)
{
	const int set = o->src == SETTING_SRC_SET;
	const char *file = set ? "" : o->path;
	const long line = set ? 0 : o->line;
	struct strbuf why = STRBUF_INIT, name = STRBUF_INIT, allowed = STRBUF_INIT;
	char sec[16], shown[80];
	struct optline a;
	long year;
	int rc = -1;

	memset(&a, 0, sizeof a);
	if (optimline_section(header, sec, sizeof sec, &year, a.inst, &why) != 0) {
		if (set)
			err_set(e, "", 0, header, "--set %s.%s: %s", header, key, strbuf_str(&why));
		else
			err_set(e, file, line, "", "%s", strbuf_str(&why));
		goto done;
	}
	if (a.inst[0])
		strbuf_printf(&name, "%s.%s.%s", sec, a.inst, key);
	else
		strbuf_printf(&name, "%s.%s", sec, key);
	if (!(a.def = optimline_key(sec, key))) {
		keys_of(sec, &allowed);
		err_set(e, file, line, strbuf_str(&name), "%s%s: unknown key in [%s]; "
		        "allowed: %s", set ? "--set " : "", strbuf_str(&name), header,
		        strbuf_str(&allowed));
		goto done;
	}
	if (!(a.text = setting_strip(set ? raw : o->value, strlen(set ? raw : o->value)))) {
		err_set(e, file, line, strbuf_str(&name), "out of memory");
		goto done;
	}
	for (size_t i = 0; !set && i < l->nol; i++)
		if (l->ol[i].def == a.def && l->ol[i].src == o->src &&
		    strcmp(l->ol[i].inst, a.inst) == 0) {
			err_set(e, file, line, strbuf_str(&name), "duplicate key %s in [%s] "
			        "(first set on line %ld)", strbuf_str(&name), header, l->ol[i].line);
			goto done;
		}
	snprintf(shown, sizeof shown, "%s%s", a.text,
	         strlen(a.text) >= sizeof shown - 4 ? "..." : "");
	if (a.def->kind == PK_TEXT) {
		if (!a.text[0]) {
			err_set(e, file, line, strbuf_str(&name), "%s%s: the value is empty; "
			        "allowed: %s", set ? "--set " : "", strbuf_str(&name),
			        a.def->meaning);
			goto done;
		}
	} else {
		if (registry_parse(a.def, a.text, &a.value, &why) != 0) {
			err_set(e, file, line, strbuf_str(&name), "%s%s%s%s %s", set ? "--set " : "",
			        strbuf_str(&name), set ? ": " : " = ", shown, strbuf_str(&why));
			goto done;
		}
		free(a.text);
		a.text = NULL;
	}
	a.src = o->src;
	a.line = line;
	if (push(l, &a)) {
		err_set(e, file, line, strbuf_str(&name), "out of memory");
		goto done;
	}
	a.text = NULL;
	rc = 0;
done:
	free(a.text);
	strbuf_free(&why);
	strbuf_free(&name);
	strbuf_free(&allowed);
	return rc;
}

const struct optline *optimline_last(const struct setting_list *l, const char *section,
                                     const char *inst, const char *key)
{
	for (size_t i = l->nol; i-- > 0;)
		if (strcmp(l->ol[i].def->section, section) == 0 &&
		    strcmp(l->ol[i].def->key, key) == 0 && strcmp(l->ol[i].inst, inst) == 0)
			return &l->ol[i];
	return NULL;
}

int optimline_take(struct setting_list *dst, struct setting_list *src)
{
	for (size_t i = 0; i < src->nol; i++) {
		if (push(dst, &src->ol[i]))
			return -1;
		src->ol[i].text = NULL;
	}
	return 0;
}

void optimline_free(struct setting_list *l)
{
	for (size_t i = 0; i < l->nol; i++)
		free(l->ol[i].text);
	free(l->ol);
	l->ol = NULL;
	l->nol = l->olcap = 0;
}
