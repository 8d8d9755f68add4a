/*
** registry.h: looking up, parsing, formatting and listing parameters of the
** parameter registry (models/params.def).
*/
#ifndef DTSIM_REGISTRY_H
#define DTSIM_REGISTRY_H

#include <stddef.h>
#include <stdio.h>

#include "params.h"
#include "strbuf.h"

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
** Reads text as a number for d (numfmt_parse's grammar; no range check),
** with a hint for each common mistake. German thousands grouping
** ("1.500.000", and "1.500" for keys whose range reaches 10,000 or more:
** money, staff, services, transactions) is rejected: "looks like German
** thousands grouping (1.500 = 1500); write 1500, or 1.5 if the point is a
** decimal point". A percent sign, a decimal comma and English grouping are
** not numbers, and the phrase says what to write instead: "is not a number;
** write 0.03 for 3 %" ("shares are fractions: write 0.35 for 35 %" for a
** share, "rates are fractions: ..." for a yearly rate of at most 1), "is
** not a number; write a decimal point: 3.5e6". On failure returns -1 with
** the phrase, which follows "name = value ", appended to why; else 0 with
** the number in *out.
*/
int registry_number(const struct param_def *d, const char *text, double *out,
                    struct strbuf *why);

/*
** Parses text as a value of d: a number in range (REAL), a whole number in
** range (INT), or one of the choices (CHOICE); a PK_TEXT d always fails.
** Numbers are read by registry_number, with its hints. On failure returns
** -1 and appends to why a lower-case phrase that says what is wrong and
** what is allowed, to follow "name = value ", e.g.
** "is out of range; allowed: -0.5 to 0.5 (1/yr)",
** "is not a whole number; allowed: whole numbers from 1 to 100 (years)",
** "is not one of the choices; allowed: euler, rk4, rkf45". A fraction
** written as a percentage adds a hint after "is out of range": "shares are
** fractions: write 0.35 for 35 %" for a share (unit 1, range within 0 to
** 1) given as 1 to 100, "rates are fractions: write 0.03 for 3 %" for a
** yearly rate (unit 1/yr) of at most 1 given as 1 to 100 in magnitude
** whose hundredth is in range.
*/
int registry_parse(const struct param_def *d, const char *text, double *out,
                   struct strbuf *why);

/* Checks the number v, read elsewhere (a German CSV cell), as
** registry_parse checks a number for d, a REAL or INT key: whole for INT,
** in range, with the same hints and phrase ("is out of range; allowed: 0
** to 1"). Returns 0, or -1 with the phrase appended to why. */
int registry_check(const struct param_def *d, double v, struct strbuf *why);

/* Appends what d allows: "-0.5 to 0.5 (1/yr)" (the unit is left out when it
** is "1"), "whole numbers from 1 to 100 (years)", "euler, rk4, rkf45". */
void registry_allowed(const struct param_def *d, struct strbuf *b);

/* Appends v as text for d: the choice name, the set of choice names, a
** whole number, or the shortest round-trip decimal. */
void registry_format(const struct param_def *d, double v, struct strbuf *b);

/* Prints every parameter: a plain aligned table, or a Markdown table
** (name, unit, default, range, meaning, source). */
void registry_print(FILE *f, int markdown);

#endif
