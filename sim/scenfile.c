/*
** scenfile.c: one scenario INI file, read with inih's ini_parse_stream.
**
** inih 55 as packaged by Debian splits lines of 200 bytes or more (and
** shifts later line numbers), appends an indented line to the previous
** value and cannot report lines to the handler without an ABI break. So the
** reader below hands inih one physical line at a time (from an rfile, which
** caps the line and the file), counts lines itself, and rejects long lines
** and indented lines before inih sees them, but for the one indented line
** this format has: a quoted piece continuing a quoted text (scenario.c's
** header). inih passes such a line to the handler with the previous key;
** the handler reads it from the raw line, as it reads every text, since
** inih cuts values at " ;". Debian's global knobs (ini_max_line, ...) are
** left alone: no mutable globals.
**
** Every mistake is reported, not only the first: a line that is wrong is
** recorded and handed to inih as an empty line (so inih's line count stays
** the file's), and reading goes on. Which lines inih cannot read (neither
** a section, a key = value nor a comment) inih itself says: each line is
** first parsed on its own with ini_parse_string. A broken section header
** makes the keys under it unread (they would land in the wrong section or
** repeat its error); a text whose value is wrong takes its continuation
** lines with it. Only a line that the rfile cannot deliver (too long, a
** read error) ends the file.
*/
#include <ini.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optimline.h"
#include "registry.h"
#include "scenfile.h"
#include "uncline.h"

/* The index of the text whose continuation lines are skipped: its value
** was wrong, and the error names it already. */
#define SKIP_TEXT SIZE_MAX

/* The state of one file's parse, shared by the reader and the handler. */
struct parse {
	struct rfile *f;
	const char *path;
	int src;
	long line;             /* the physical line last read */
	char raw[SCENFILE_MAX_LINE + 1]; /* that line without its end */
	int more;              /* it continues the quoted text at out->a[text] */
	int quoted;            /* the line before may be continued so */
	size_t text;           /* or SKIP_TEXT */
	char section[48];      /* the registry section of the last header, or "" */
	int bad_section;       /* the last header was wrong: skip its keys */
	struct setting_list *out; /* where this file's values go */
	size_t first;          /* the index of this file's first value */
	struct errlist *el;    /* every error found by reader or handler */
	size_t errors;         /* how many of them are this file's */
	int stop;              /* the file cannot be read further */
};

static void parse_fail(struct parse *p, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records an error at the current line; the keys of the section it is in
** are marked (setting_mark_bad), so that no rule between keys is checked
** on what the mistake left out. */
static void parse_fail(struct parse *p, const char *key, const char *fmt, ...)
{
	struct err e;
	va_list ap;

	va_start(ap, fmt);
	err_setv(&e, p->path, p->line, key, fmt, ap);
	va_end(ap);
	errlist_add(p->el, &e);
	p->errors++;
	if (p->section[0] && !p->bad_section)
		setting_mark_bad(p->out, p->section);
}

/* The ini_handler of the syntax probe: every key = value is fine. */
static int probe(void *user, const char *section, const char *key, const char *value)
{
	(void)user;
	(void)section;
	(void)key;
	(void)value;
	return 1;
}

/*
** Checks a line that is not a continuation (the line as read, its end
** included): whether inih reads it, and whether a section header names a
** registry section. Returns 0, or -1 having recorded the error.
*/
static int check_line(struct parse *p, const char *s)
{
	char head[sizeof p->section], name[sizeof p->section], inst[PARAMS_NAME_LEN];
	struct strbuf why = STRBUF_INIT;
	size_t n;
	long year;
	int rc = ini_parse_string(s, probe, NULL);

	if (rc == -2) {
		parse_fail(p, "", "out of memory");
		return -1;
	}
	if (rc != 0) {
		/* A header that inih cannot read ("[sim") leaves the section open. */
		if (s[0] == '[')
			p->bad_section = 1;
		parse_fail(p, "", "syntax error; allowed: '[section]', 'key = value' "
		           "or a comment starting with ';' or '#'");
		return -1;
	}
	if (s[0] != '[' || (n = strcspn(s, "]")) == strlen(s))
		return 0;
	p->section[0] = '\0';
	p->bad_section = 1;
	if (n - 1 >= sizeof head) {
		parse_fail(p, "", "the section name is too long; allowed: at most %zu "
		           "characters", sizeof head - 1);
		return -1;
	}
	snprintf(head, sizeof head, "%.*s", (int)(n - 1), s + 1);
	if (setting_section(head, name, sizeof name, &year, inst, &why)) {
		parse_fail(p, "", "%s", strbuf_str(&why));
		strbuf_free(&why);
		return -1;
	}
	snprintf(p->section, sizeof p->section, "%s", name);
	p->bad_section = 0;
	return 0;
}

/*
** The ini_reader: hands inih one physical line at a time, counting lines
** for the handler. What inih 55 would misread (long lines, indented lines
** but a quoted piece after a quoted text, NUL bytes), lines inih cannot
** read and unknown section headers, even empty ones, are recorded as errors
** and handed on as empty lines. Returns NULL at the end of the file or when
** the file cannot be read further.
*/
static char *reader(char *str, int num, void *stream)
{
	struct parse *p = stream;
	const char *s, *line = NULL;
	size_t n = 0, content;
	struct err e;
	int rc, quoted = p->quoted;

	if (p->stop)
		return NULL;
	/* The handler takes every continuation line; were one left, a piece
	** of a text would be lost. */
	if (p->more) {
		parse_fail(p, "", "inih did not pass on the continuation line; "
		           "allowed: a quoted text on one line");
		p->stop = 1;
		return NULL;
	}
	if ((rc = rfile_getline(p->f, &line, &n, &e)) <= 0) {
		if (rc < 0) {
			errlist_add(p->el, &e);
			p->errors++;
		}
		p->stop = 1;
		return NULL;
	}
	p->line = rfile_lineno(p->f);
	p->more = p->quoted = 0;
	content = n - (n && line[n - 1] == '\n');
	content -= content && line[content - 1] == '\r';
	snprintf(p->raw, sizeof p->raw, "%.*s", (int)content, line);
	s = line;
	if (p->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	if (strlen(line) != n) {
		parse_fail(p, "", "the line contains a NUL byte");
	} else if (n + 1 > (size_t)num) {
		/* rfile caps the line; a byte-order mark may still overfill inih's. */
		parse_fail(p, "", "the line has %zu bytes with its byte-order mark; "
		           "allowed: at most %d", content, num - 3);
	} else if ((s[0] == ' ' || s[0] == '\t') && s[strspn(s, " \t\r\n")] != '\0') {
		if (quoted && s[strspn(s, " \t")] == '"') {
			p->more = 1;
			memcpy(str, line, n + 1);
			return str;
		}
		parse_fail(p, "", "the line is indented, which inih reads as part "
		           "of the previous value; allowed: lines that start in the "
		           "first column%s", quoted ? ", or a quoted piece \"...\" "
		           "that continues the quoted text above" : "");
	} else if (check_line(p, s) == 0) {
		memcpy(str, line, n + 1);
		return str;
	}
	/* The line was wrong: inih gets an empty line in its place. */
	str[0] = '\n';
	str[1] = '\0';
	return str;
}

/* The value part of the raw line, as written: after the first '=' or ':',
** blanks kept. */
static const char *raw_value(const char *line)
{
	const char *v = line + strcspn(line, "=:");

	return v + (*v != '\0');
}

/* Appends the continuation line p->raw to the quoted text it continues
** (none when that text was wrong). */
static void continue_text(struct parse *p)
{
	struct setting *a;
	struct strbuf why = STRBUF_INIT;
	char name[128];
	int k;

	p->more = 0;
	p->quoted = 1;
	if (p->text == SKIP_TEXT)
		return;
	a = &p->out->a[p->text];
	setting_name(a, name, sizeof name);
	if ((k = setting_text_more(a, p->raw, &why)) != 0) {
		parse_fail(p, name, "%s: the continuation %s %s", name,
		           p->raw + strspn(p->raw, " \t"),
		           k < 0 ? "needs memory that ran out" : strbuf_str(&why));
		p->text = SKIP_TEXT;
	}
	strbuf_free(&why);
}

/* The ini_handler: hands one key = value to the one door (setting_apply),
** which adds it to p->out, or appends a continuation line to the quoted
** text it continues. The door reads numbers and choices from inih's value
** (its inline comment cut) and texts from the raw line as written, as it
** reads a --set assignment. An error is recorded and the parse goes on. */
static int handler(void *user, const char *section, const char *key,
                   const char *value)
{
	struct parse *p = user;
	const struct setting_origin o = { p->src, p->path, p->line, p->first, value };
	const char *raw = raw_value(p->raw);
	struct err e;

	if (p->more) {
		continue_text(p);
		return 1;
	}
	p->quoted = setting_text_quoted(raw);
	p->text = SKIP_TEXT;
	if (p->bad_section)
		return 1;
	if (setting_apply(p->out, &o, section, key, raw, &e) != 0) {
		errlist_add(p->el, &e);
		p->errors++;
		return 1;
	}
	/* An [uncertainty] or optimiser line adds no value (uncline.h,
	** optimline.h). */
	if (!uncline_header(section) && !optimline_header(section) &&
	    p->out->a[p->out->n - 1].def->kind == PK_TEXT)
		p->text = p->out->n - 1;
	else
		p->quoted = 0;
	return 1;
}

int scenfile_read(struct rfile *f, const char *path, int src,
                  struct setting_list *out, struct errlist *el)
{
	struct parse p = { .f = f, .path = path, .src = src, .out = out,
	                   .first = out->n, .el = el, .text = SKIP_TEXT };
	int rc = ini_parse_stream(reader, &p, handler, &p);

	/* Every line inih cannot read was found by the probe and handed on
	** empty, and the handler takes every value: inih finds no error of
	** its own, but for memory. */
	if (rc == -2) {
		parse_fail(&p, "", "out of memory");
	} else if (rc > 0) {
		p.line = rc;
		parse_fail(&p, "", "syntax error; allowed: '[section]', 'key = value' "
		           "or a comment starting with ';' or '#'");
	}
	return p.errors ? -1 : 0;
}
