/*
** optimini.c: writing DIR/roadmap.ini (optimini.h).
*/
/* realpath() is X/Open. */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "optimini.h"
#include "registry.h"
#include "scenfile.h"
#include "strbuf.h"

char *optimini_relpath(const char *dir, const char *to)
{
	char *a = realpath(dir, NULL), *b = realpath(to, NULL), *out = NULL;
	struct strbuf s = STRBUF_INIT;
	size_t common = 0, i;

	if (!a || !b)
		goto done;
	/* The longest common prefix that ends at a '/' (or a's end). */
	for (i = 0; a[i] && a[i] == b[i]; i++)
		if (a[i] == '/')
			common = i + 1;
	if (!a[i] && b[i] == '/')
		common = i + 1;
	/* The components of dir below the common part: one "../" each. */
	for (const char *p = common > strlen(a) ? "" : a + common; *p;) {
		strbuf_printf(&s, "../");
		p += strcspn(p, "/");
		p += *p == '/';
	}
	if (strcmp(a, "/") == 0)
		strbuf_reset(&s);
	strbuf_printf(&s, "%s", b + common);
	out = strdup(strbuf_str(&s));
done:
	free(a);
	free(b);
	strbuf_free(&s);
	return out;
}

/* Writes "key = text" as a scenario file reads it back. -1 out of memory. */
static int text_line(FILE *f, const char *key, const char *text)
{
	char *line = setting_text_format(key, text, SCENFILE_MAX_LINE);

	if (!line)
		return -1;
	fprintf(f, "%s\n", line);
	free(line);
	return 0;
}

/* Writes "key = value" for def's slot `slot` in p. */
static void value_line(FILE *f, const struct param_def *def, const struct model_params *p,
                       size_t slot)
{
	struct strbuf b = STRBUF_INIT;

	registry_format(def, params_cslot(p, def)[slot], &b);
	fprintf(f, "%s = %s\n", def->key, strbuf_str(&b));
	strbuf_free(&b);
}

/* 1 when a file of sc sets def (NAME inst) in a block of year y. */
static int base_block(const struct scenario *sc, const struct param_def *def, long y)
{
	const struct setting_list *l = scenario_settings(sc);

	for (size_t i = 0; i < l->n; i++)
		if (l->a[i].def == def && l->a[i].year == y)
			return 1;
	return 0;
}

/* The --set values of the command, each in its block. -1 out of memory. */
static int write_sets(FILE *f, const struct scenario *sc)
{
	const struct setting_list *l = scenario_settings(sc);

	for (size_t i = 0; i < l->n; i++) {
		const struct setting *s = &l->a[i];
		size_t j;
		if (s->src != SETTING_SRC_SET)
			continue;
		for (j = i + 1; j < l->n; j++)
			if (l->a[j].src == SETTING_SRC_SET && l->a[j].def == s->def &&
			    l->a[j].year == s->year && strcmp(l->a[j].inst, s->inst) == 0)
				break;
		if (j < l->n)
			continue;
		fprintf(f, "\n[%s%s%s", s->def->section, s->inst[0] ? "." : "", s->inst);
		if (s->year)
			fprintf(f, "@%ld", s->year);
		fputs("]\n", f);
		if (s->def->kind == PK_TEXT) {
			if (text_line(f, s->def->key, s->text))
				return -1;
		} else {
			struct strbuf b = STRBUF_INIT;
			registry_format(s->def, s->value, &b);
			fprintf(f, "%s = %s\n", s->def->key, strbuf_str(&b));
			strbuf_free(&b);
		}
	}
	return 0;
}

/* 1 when decision d's keys differ between years a and b of p. */
static int differs(const struct optim_decision *d, const struct model_params *p,
                   size_t a, size_t b)
{
	if (d->kind == OPTIM_PARAM)
		return params_cslot(&p[a], d->def)[d->slot] != params_cslot(&p[b], d->def)[d->slot];
	for (size_t k = 0; k < DOM_COUNT; k++) {
		const struct param_def *s = registry_find2("allocation", domain_keys[k]);
		if (*params_cslot(&p[a], s) != *params_cslot(&p[b], s))
			return 1;
	}
	return 0;
}

/* 1 when a file of sc sets one of d's keys in a block of year y. */
static int d_block(const struct scenario *sc, const struct optim_decision *d, long y)
{
	if (d->kind == OPTIM_PARAM)
		return base_block(sc, d->def, y);
	for (size_t k = 0; k < DOM_COUNT; k++)
		if (base_block(sc, registry_find2("allocation", domain_keys[k]), y))
			return 1;
	return 0;
}

/* Writes the blocks of decision d (see optimini.h). A decision of an
** earlier phase of the same target has written them already. */
static void write_decision(FILE *f, const struct scenario *sc, const struct optim_spec *sp,
                           size_t i, const struct model_params *want, size_t nyears)
{
	const struct optim_decision *d = &sp->d[i];
	const char *sec = d->kind == OPTIM_ALLOCATION ? "allocation" : d->def->section;

	for (size_t j = 0; j < i; j++)
		if (sp->d[j].kind == d->kind && sp->d[j].def == d->def && sp->d[j].slot == d->slot)
			return;
	if (!d->first) {
		/* A named section's key: one value for the whole run. */
		fprintf(f, "\n[%s.%s]\n", sec, d->inst);
		value_line(f, d->def, &want[0], d->slot);
		return;
	}
	for (size_t y = 0; y < nyears; y++) {
		long year = sp->start_year + (long)y;
		int first = 1;
		/* From the earliest phase of this target on. */
		for (size_t j = 0; j < sp->nd; j++)
			if (sp->d[j].kind == d->kind && sp->d[j].def == d->def &&
			    sp->d[j].first && sp->d[j].first < year)
				first = 0;
		if (first) {
			int starts = 0;
			for (size_t j = 0; j < sp->nd; j++)
				if (sp->d[j].kind == d->kind && sp->d[j].def == d->def &&
				    sp->d[j].first == year)
					starts = 1;
			if (!starts)
				continue;
		} else if (!differs(d, want, y, y - 1) && !d_block(sc, d, year)) {
			continue;
		}
		fprintf(f, "\n[%s@%ld]\n", sec, year);
		if (d->kind == OPTIM_PARAM) {
			value_line(f, d->def, &want[y], d->slot);
		} else {
			for (size_t k = 0; k < DOM_COUNT; k++)
				value_line(f, registry_find2("allocation", domain_keys[k]), &want[y], 0);
		}
	}
}

int optimini_write(FILE *f, const struct scenario *sc, const struct optim_spec *sp,
                   const char *base, const struct model_params *want,
                   const struct model_params *basey, size_t nyears)
{
	struct strbuf b = STRBUF_INIT;
	const char *de = scenario_text_de(sc, P_scenario_name, 1);
	int rc = -1;

	(void)basey;
	fprintf(f, "; The roadmap that dtsim optimise found for '%s': it extends that\n"
	        "; scenario and sets the decided values in year blocks. 'dtsim run' on\n"
	        "; this file reproduces the optimum's key figures.\n", scenario_id(sc));
	fputs("[scenario]\n", f);
	if (text_line(f, "extends", base))
		goto done;
	strbuf_printf(&b, "%s (optimised)", scenario_text(sc, P_scenario_name));
	if (text_line(f, "name", strbuf_str(&b)))
		goto done;
	strbuf_reset(&b);
	strbuf_printf(&b, "%s (optimiert)", de);
	if (text_line(f, "name_de", strbuf_str(&b)) || write_sets(f, sc))
		goto done;
	for (size_t i = 0; i < sp->nd; i++)
		write_decision(f, sc, sp, i, want, nyears);
	rc = ferror(f) ? -1 : 0;
done:
	strbuf_free(&b);
	return rc;
}
