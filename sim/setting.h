/*
** setting.h: one value of a scenario as written (in a file or by --set),
** lists of them in order of precedence, and the checks that a file line and
** a --set share: section headers, keys per block, values, texts.
*/
#ifndef DTSIM_SETTING_H
#define DTSIM_SETTING_H

#include <stddef.h>

#include "dist.h"
#include "err.h"
#include "params.h"
#include "strbuf.h"

/* The source of a value set by --set, in place of a file index. */
#define SETTING_SRC_SET (-1)

/* One value as written: a plain value (year 0), a value of a year block
** [section@YEAR], or a schedule cell. */
struct setting {
	const struct param_def *def;
	long year;   /* 0, or the YEAR of [section@YEAR] */
	double value;
	char *text;  /* PK_TEXT only; owned by the list that holds it */
	int src;     /* index of the file it came from, or SETTING_SRC_SET */
	long line;   /* 0 for --set */
	char inst[PARAMS_NAME_LEN]; /* NAME of [section.NAME], or "" */
};

struct optline;

/* One line of the [uncertainty] section (or --set uncertainty.KEY=...):
** the distribution of a parameter, as written and as read (sim/uncline.c). */
struct setting_unc {
	const struct param_def *def;
	char inst[PARAMS_NAME_LEN]; /* NAME of a named section's key, or "" */
	char *text;  /* the distribution as written, blanks around it dropped; owned */
	struct dist d;
	int src;     /* index of the file it came from, or SETTING_SRC_SET */
	long line;   /* 0 for --set */
};

/* Settings in order of precedence: a later one wins; and the parameters
** whose section had a value rejected, whose rules between keys are then
** not checked (their values are not what the user meant, and a broken rule
** would follow from the mistake already reported). Zero-initialise. */
struct setting_list {
	struct setting *a;
	size_t n, cap;
	unsigned char bad[P_COUNT]; /* 1: a value in this key's section was rejected */
	struct setting_unc *u;      /* the [uncertainty] lines, in order of precedence */
	size_t nu, ucap;
	struct optline *ol;         /* the optimiser's lines (optimline.h), in order */
	size_t nol, olcap;
};

/* Appends a copy of s (the list takes over s->text). -1 when memory runs out. */
int setting_push(struct setting_list *l, const struct setting *s);

/* Frees the settings and their texts; the list is left empty. */
void setting_list_free(struct setting_list *l);

/* Marks every key of `section` (a registry section, "grant" for every
** [grant.NAME]; NULL: every key) as having had a value rejected. */
void setting_mark_bad(struct setting_list *l, const char *section);

/* The last setting of def in l outside year blocks (year 0) and in the
** named section `inst` ("" for a plain section), or NULL: the one in effect. */
const struct setting *setting_last(const struct setting_list *l,
                                   const struct param_def *def, const char *inst);

/* Appends the keys of `section` that have every flag in `flags`, "a, b". */
void setting_keys(const char *section, unsigned flags, struct strbuf *b);

/*
** Splits a section header "budget", "budget@2028" or "grant.eu" into the
** section name (into name), the year (0 when none) and the NAME of a named
** section (into inst, PARAMS_NAME_LEN bytes; "" when none), checking them
** against the registry: a named kind needs a NAME (letters, digits, '_' and
** '-') and takes no year; other sections take no NAME. On failure appends
** a message about the header ("unknown section [bugdet]; did you mean
** [budget]?") to why and returns -1.
*/
int setting_section(const char *s, char *name, size_t len, long *year,
                    char *inst, struct strbuf *why);

/* Writes the full name of the setting's parameter: "budget.growth_rate" or,
** for a named section, "grant.eu.amount_eur". */
void setting_name(const struct setting *s, char *buf, size_t len);

enum { SETTING_BAD_VALUE = 1, SETTING_BAD_KEY = 2 };

/* The longest text value, in bytes, after quotes and escapes are undone:
** about 2,500 words, room for the long description a report needs. */
#define SETTING_TEXT_MAX 16384

/*
** Checks that def may be set in a block of `year` and that its value is
** valid. value is the value as inih cut it (numbers and choices are read
** from it); raw is the value as written after '=' (line end excluded,
** blanks kept), from which texts are read by the grammar in scenario.c's
** header. set != 0 for --set, where ';' starts no comment. On success fills
** *out (def, year, and the number or an owned copy of the text; src and
** line are the caller's) and returns 0. Otherwise appends to why and
** returns SETTING_BAD_VALUE or SETTING_BAD_KEY (see setting_message), or -1
** when memory runs out.
*/
int setting_check(const struct param_def *def, long year, const char *value,
                  const char *raw, int set, struct setting *out, struct strbuf *why);

/* A new copy of s, n bytes, without the blanks at either end (isspace, as
** inih strips); NULL when memory runs out. */
char *setting_strip(const char *s, size_t n);

/* Whether raw, a text value as written, is in double quotes, so that
** indented lines may continue it (setting_text_more). */
int setting_text_quoted(const char *raw);

/*
** Appends to the text of a the quoted piece on the continuation line
** `line` (blanks, "...", blanks; line end excluded). Returns 0,
** SETTING_BAD_VALUE with why appended to (the text of a is left
** unchanged), or -1 when memory runs out.
*/
int setting_text_more(struct setting *a, const char *line, struct strbuf *why);

/*
** Writes text as the value of key in a scenario file, in a new string (the
** caller frees it; NULL when memory runs out), without a final newline:
** "key = text" when that reads back as text and has at most width bytes;
** otherwise "key = \"...\"" with '"' and '\' escaped, continued on lines
** "  \"...\"" so that no line has more than width bytes, split between
** escapes and UTF-8 sequences, never inside one.
*/
char *setting_text_format(const char *key, const char *text, size_t width);

/*
** Appends the message for a setting_check failure of kind k about `name`:
** in a file "name = value why" (or "name why" for a key problem or an empty
** value), for --set (set != 0) "--set name: value why". A long value is
** shown abbreviated, followed by "...".
*/
void setting_message(struct strbuf *msg, int set, const char *name, int k,
                     const char *value, const char *why);

/* Appends where s came from: "FILE:LINE" (files by s->src), "--set", or
** "default" for NULL. */
void setting_source(const char *const *files, const struct setting *s, struct strbuf *b);

/* Fills e for a rule that the value s (NULL: a default) breaks: at its file
** and line, or as "--set name: ..."; the message follows name. Returns -1. */
int setting_fail(const char *const *files, const struct setting *s, struct err *e,
                 const char *name, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Where a value comes from: a line of a scenario file, or --set. */
struct setting_origin {
	int src;            /* the file's index, or SETTING_SRC_SET */
	const char *path;   /* the file, for messages (ignored for --set) */
	long line;          /* its line (ignored for --set) */
	size_t first;       /* the list index of the file's first value, so that
	                       a key set twice in one file is found */
	const char *value;  /* the value as inih cut it from the line (its
	                       inline comment and blanks dropped); NULL for --set */
};

/*
** The one door for a value, from a file line or from --set: checks the
** section header as written ("budget", "budget@2028", "grant.eu"), the key
** in it and the value: a text from raw (everything after '=', blanks
** kept, line end excluded), a number or choice from o->value in a file
** (inih cut its " ;" comment) and from raw on the command line (where
** nothing is a comment); and appends the setting to l with o's source and
** line. Errors say what is wrong and what is allowed, at FILE:LINE in a
** file, as "--set section.key: ..." for --set; a file-valued key (PF_FILE)
** cannot be set by --set, a key cannot repeat within one file. Returns 0,
** or -1 with e filled and, once the section is known, its keys marked in
** l (setting_mark_bad).
*/
int setting_apply(struct setting_list *l, const struct setting_origin *o,
                  const char *header, const char *key, const char *raw, struct err *e);

#endif
