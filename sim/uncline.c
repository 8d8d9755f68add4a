/*
** uncline.c: the lines of [uncertainty] and --set uncertainty.KEY=DIST
** (uncline.h).
*/
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "scenfile.h"
#include "uncline.h"

int uncline_header(const char *header)
{
	size_t n = strlen(UNCLINE_SECTION);

	return strncmp(header, UNCLINE_SECTION, n) == 0 && (header[n] == '\0' || header[n] == '.');
}

/* Appends a copy of u to l (l takes u->text). -1 when memory runs out. */
static int push(struct setting_list *l, const struct setting_unc *u)
{
	if (l->nu == l->ucap) {
		size_t cap = l->ucap ? 2 * l->ucap : 8;
		struct setting_unc *b = realloc(l->u, cap * sizeof *b);
		if (!b)
			return -1;
		l->u = b;
		l->ucap = cap;
	}
	l->u[l->nu++] = *u;
	return 0;
}

/* The parameter that name ("legacy.om_rate" or "grant.eu.cofunding_share")
** names, with the NAME of a named section into inst; NULL when none. */
static const struct param_def *find(const char *name, char inst[PARAMS_NAME_LEN])
{
	const char *d1 = strchr(name, '.'), *d2 = strrchr(name, '.');
	const struct param_def *def;
	char sec[64];

	inst[0] = '\0';
	if (!d1)
		return NULL;
	if (d1 == d2) {
		def = registry_find(name);
		return def && !(def->flags & PF_NAMED) ? def : NULL;
	}
	if ((size_t)(d1 - name) >= sizeof sec || (size_t)(d2 - d1 - 1) >= PARAMS_NAME_LEN ||
	    d2 == d1 + 1)
		return NULL;
	snprintf(sec, sizeof sec, "%.*s", (int)(d1 - name), name);
	def = registry_find2(sec, d2 + 1);
	if (!def || !(def->flags & PF_NAMED))
		return NULL;
	snprintf(inst, PARAMS_NAME_LEN, "%.*s", (int)(d2 - d1 - 1), d1 + 1);
	if (strspn(inst, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
	    != strlen(inst))
		return NULL;
	return def;
}

/* A copy of s without the blanks around it; NULL when memory runs out. */
static char *trimmed(const char *s)
{
	size_t n;
	char *t;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	if ((t = malloc(n + 1)) != NULL) {
		memcpy(t, s, n);
		t[n] = '\0';
	}
	return t;
}

int uncline_apply(struct setting_list *l, const struct setting_origin *o,
                  const char *header, const char *key, const char *raw, struct err *e)
{
	const int set = o->src == SETTING_SRC_SET;
	const char *file = set ? "" : o->path;
	const long line = set ? 0 : o->line;
	const size_t hl = strlen(UNCLINE_SECTION);
	struct strbuf name = STRBUF_INIT, why = STRBUF_INIT, shown = STRBUF_INIT;
	struct setting_unc u;
	const char *sug;
	int rc = -1;

	memset(&u, 0, sizeof u);
	/* A file has "[uncertainty]" and "legacy.om_rate"; --set splits
	** "uncertainty.legacy.om_rate" at its last dot. */
	if (header[hl] == '.')
		strbuf_printf(&name, "%s.%s", header + hl + 1, key);
	else
		strbuf_printf(&name, "%s", key);
	strbuf_printf(&shown, "%s%s", set ? "--set uncertainty." : "", strbuf_str(&name));
	if (!(u.def = find(strbuf_str(&name), u.inst))) {
		sug = registry_suggest(strbuf_str(&name));
		if (sug)
			err_set(e, file, line, strbuf_str(&name), "%s: unknown key in [%s]; did "
			        "you mean '%s'?", strbuf_str(&shown), UNCLINE_SECTION, sug);
		else
			err_set(e, file, line, strbuf_str(&name), "%s: unknown key in [%s]; allowed: "
			        "a parameter's name, section.key or section.NAME.key (dtsim params)",
			        strbuf_str(&shown), UNCLINE_SECTION);
		goto done;
	}
	if (!(u.text = trimmed(set ? raw : o->value))) {
		err_set(e, file, line, strbuf_str(&name), "out of memory");
		goto done;
	}
	for (size_t i = 0; !set && i < l->nu; i++)
		if (l->u[i].def == u.def && strcmp(l->u[i].inst, u.inst) == 0 && l->u[i].src == o->src) {
			err_set(e, file, line, strbuf_str(&name), "duplicate key %s in [%s] (first "
			        "set on line %ld)", strbuf_str(&name), UNCLINE_SECTION, l->u[i].line);
			goto done;
		}
	if (dist_parse(u.text, u.def, &u.d, &why)) {
		err_set(e, file, line, strbuf_str(&name), "%s%s%s %s", strbuf_str(&shown),
		        set ? ": " : " = ", u.text, strbuf_str(&why));
		goto done;
	}
	/* The resolved file writes it on one line, as dist_format gives it. */
	strbuf_reset(&why);
	dist_format(&u.d, u.def, &why);
	if (strlen(strbuf_str(&name)) + 3 + why.len > SCENFILE_MAX_LINE) {
		err_set(e, file, line, strbuf_str(&name), "%s%s%s is too long; allowed: at most "
		        "%d bytes for the key, ' = ' and the distribution as dtsim writes it (%s)",
		        strbuf_str(&shown), set ? ": " : " = ", u.text, SCENFILE_MAX_LINE,
		        strbuf_str(&why));
		goto done;
	}
	u.src = o->src;
	u.line = line;
	if (push(l, &u)) {
		err_set(e, file, line, strbuf_str(&name), "out of memory");
		goto done;
	}
	u.text = NULL;
	rc = 0;
done:
	free(u.text);
	strbuf_free(&name);
	strbuf_free(&why);
	strbuf_free(&shown);
	return rc;
}

const struct setting_unc *uncline_last(const struct setting_list *l,
                                       const struct param_def *def, const char *inst)
{
	for (size_t i = l->nu; i-- > 0;)
		if (l->u[i].def == def && strcmp(l->u[i].inst, inst) == 0)
			return &l->u[i];
	return NULL;
}

int uncline_take(struct setting_list *dst, struct setting_list *src)
{
	for (size_t i = 0; i < src->nu; i++) {
		if (push(dst, &src->u[i]))
			return -1;
		src->u[i].text = NULL;
	}
	return 0;
}

void uncline_free(struct setting_list *l)
{
	for (size_t i = 0; i < l->nu; i++)
		free(l->u[i].text);
	free(l->u);
	l->u = NULL;
	l->nu = l->ucap = 0;
}

int uncline_write(FILE *f, const struct setting_list *l)
{
	struct strbuf b = STRBUF_INIT;
	int head = 0;

	for (size_t i = 0; i < l->nu; i++) {
		const struct setting_unc *u = &l->u[i];
		if (uncline_last(l, u->def, u->inst) != u)
			continue;
		if (!head++)
			fprintf(f, "\n[%s]\n", UNCLINE_SECTION);
		strbuf_reset(&b);
		dist_format(&u->d, u->def, &b);
		if (u->inst[0])
			fprintf(f, "%s.%s.%s = %s\n", u->def->section, u->inst, u->def->key, strbuf_str(&b));
		else
			fprintf(f, "%s = %s\n", u->def->name, strbuf_str(&b));
	}
	strbuf_free(&b);
	return ferror(f) ? -1 : 0;
}
