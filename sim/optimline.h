/*
** optimline.h: the lines of a scenario's optimiser sections, [optimise],
** [decision.NAME] and [constraint.NAME], and their --set form
** (optimise.KEY=V, decision.NAME.KEY=V, constraint.NAME.KEY=V): each key
** checked against sim/optimkeys.def as a parameter's value is checked
** against the registry, kept in a setting_list beside the values. What the
** lines mean together (a KPI, a parameter, a phase) is optimspec.h's.
*/
#ifndef DTSIM_OPTIMLINE_H
#define DTSIM_OPTIMLINE_H

#include <stddef.h>

#include "err.h"
#include "params.h"
#include "setting.h"
#include "strbuf.h"

/* One line as read: its key (a record of optimline_keys), the NAME of its
** section ("" for [optimise]), its value (a number, a choice's index) or
** text, and where it was written. */
struct optline {
	const struct param_def *def;
	char inst[PARAMS_NAME_LEN];
	double value;
	char *text;  /* TEXT keys only: the value, blanks around it dropped; owned */
	int src;     /* the file's index, or SETTING_SRC_SET */
	long line;   /* 0 for --set */
};

/* The keys of sim/optimkeys.def, as parameter records (offset unused). */
extern const struct param_def optimline_keys[];
extern const size_t optimline_nkeys;
extern const char *const optimline_senses[];
extern const char *const optimline_methods[];
extern const char *const optimline_relations[];
extern const char *const optimline_yesno[];

enum optimline_sense { OPT_MIN, OPT_MAX };
enum optimline_method { OPT_ISRES_COBYLA, OPT_ISRES, OPT_COBYLA };
enum optimline_relation { OPT_LE, OPT_GE };

/* The key `key` of section ("optimise", "decision", "constraint"), or NULL. */
const struct param_def *optimline_key(const char *section, const char *key);

/* 1 when header (a file's "decision.a", or --set's "optimise") is one of
** the optimiser's sections (with or without a NAME or year). */
int optimline_header(const char *header);

/*
** setting_section for an optimiser header s ("optimise", "decision.a"):
** the section into name, its NAME into inst, year 0. [optimise] takes no
** NAME, the others need one; none takes a year. Returns 0, -1 with a
** phrase appended to why, or 1 when s is not an optimiser section.
*/
int optimline_section(const char *s, char *name, size_t len, long *year,
                      char *inst, struct strbuf *why);

/*
** setting_apply for an optimiser line: checks the section, the key and the
** value (registry_parse's checks and phrases for numbers and choices; a
** text must not be empty), and appends it to l with o's source and line.
** A key may appear once per section and file. Returns 0, or -1 with e
** filled ("FILE:LINE" or "--set decision.a.max: ...").
*/
int optimline_apply(struct setting_list *l, const struct setting_origin *o,
                    const char *header, const char *key, const char *raw, struct err *e);

/* The line in effect for section/inst/key (the last of l), or NULL. */
const struct optline *optimline_last(const struct setting_list *l, const char *section,
                                     const char *inst, const char *key);

/* Appends src's lines to dst (their texts move). 0, or -1 out of memory. */
int optimline_take(struct setting_list *dst, struct setting_list *src);

/* Frees l's optimiser lines (setting_list_free calls it). */
void optimline_free(struct setting_list *l);

#endif
