/*
** uncline.h: the lines of a scenario's [uncertainty] section and their
** --set form, uncertainty.KEY=DIST: which parameter each names, its
** distribution (dist.h), kept in a setting_list beside the values.
*/
#ifndef DTSIM_UNCLINE_H
#define DTSIM_UNCLINE_H

#include <stdio.h>

#include "err.h"
#include "setting.h"

/* The section's name: [uncertainty] in a file, uncertainty.KEY for --set. */
#define UNCLINE_SECTION "uncertainty"

/* 1 when header is "uncertainty" (a file's section) or starts with
** "uncertainty." (--set uncertainty.legacy.om_rate splits there). */
int uncline_header(const char *header);

/*
** setting_apply for a line of [uncertainty] (header "uncertainty", key
** "legacy.om_rate") or --set (header "uncertainty.legacy", key "om_rate";
** "uncertainty.grant.eu", "cofunding_share" for a named section's key):
** finds the parameter, reads the distribution (dist_parse) from o->value in
** a file (its comment cut) or raw for --set, and appends the line to l.
** Errors at FILE:LINE (or "--set uncertainty.KEY: ...") name the key and
** what is allowed; a key may appear once per file. Returns 0, or -1 with e
** filled.
*/
int uncline_apply(struct setting_list *l, const struct setting_origin *o,
                  const char *header, const char *key, const char *raw, struct err *e);

/* The line in effect for def (inst: a named section's NAME, or ""): the
** last of l, or NULL. */
const struct setting_unc *uncline_last(const struct setting_list *l,
                                       const struct param_def *def, const char *inst);

/* Appends src's lines to dst (their texts move; src keeps none). Returns 0,
** or -1 when memory runs out. */
int uncline_take(struct setting_list *dst, struct setting_list *src);

/* Writes the lines in effect (the last for each key, `off` included) as an
** [uncertainty] section of a resolved scenario, each distribution as
** dist_format writes it; nothing when l has none. Returns 0, or -1 when f
** has an error. */
int uncline_write(FILE *f, const struct setting_list *l);

/* Frees l's lines (setting_list_free calls it). */
void uncline_free(struct setting_list *l);

#endif
