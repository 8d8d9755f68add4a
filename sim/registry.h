/*
** registry.h: looking up, parsing, formatting and listing parameters of the
** parameter registry (models/params.def).
*/
#ifndef DTSIM_REGISTRY_H
#define DTSIM_REGISTRY_H

#include <stddef.h>
#include <stdio.h>

#include "params.h"

/* The parameter called "section.key", or NULL. */
const struct param_def *registry_find(const char *name);

/* The parameter with this section and key, or NULL. */
const struct param_def *registry_find2(const char *section, const char *key);

/* The registered name closest to `name` (edit distance at most 3, sections
** included), or NULL: the "did you mean" of an unknown key. */
const char *registry_suggest(const char *name);

/* The registered section closest to `section`, or NULL. */
const char *registry_suggest_section(const char *section);

/*
** Parses text as a value of d: a number in range (REAL), a whole number in
** range (INT), or one of the choices (CHOICE). On failure returns -1 and
** writes into why (a lower-case phrase saying what is allowed, e.g. "must be
** a number between 0 and 1").
*/
int registry_parse(const struct param_def *d, const char *text, double *out,
                   char *why, size_t whylen);

/* Writes v as text for d: the choice name, a whole number, or the shortest
** round-trip decimal. */
void registry_format(const struct param_def *d, double v, char *buf, size_t len);

/* Prints every parameter: a plain aligned table, or a Markdown table
** (name, unit, default, range, meaning, source). */
void registry_print(FILE *f, int markdown);

#endif
