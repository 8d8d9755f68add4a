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
*/
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "scenfile.h"

/* The state of one file's parse, shared by the reader and the handler. */
struct parse {
	struct rfile *f;
	const char *path;
	int src;
	long line;             /* the physical line last read */
	char raw[SCENFILE_MAX_LINE + 1]; /* that line without its end */
	int more;              /* it continues the quoted text at out->a[text] */
	int quoted;            /* the line before may be continued so */
	size_t text;
	struct setting_list *out; /* where this file's values go */
	size_t first;          /* the index of this file's first value */
	struct err err;        /* the first error found by reader or handler */
	int failed;
};

static int parse_fail(struct parse *p, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int parse_fail(struct parse *p, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (!p->failed) {
		va_start(ap, fmt);
		err_setv(&p->err, p->path, p->line, key, fmt, ap);
		va_end(ap);
		p->failed = 1;
	}
	return 0;
}

/*
** The ini_reader: hands inih one physical line at a time, counting lines
** for the handler, and rejects what inih 55 would misread (long lines,
** indented lines but a quoted piece after a quoted text, NUL bytes) and
** unknown section headers, even empty ones. Returns NULL at the end of the
** file or after the first error, which ends the parse.
*/
static char *reader(char *str, int num, void *stream)
{
	struct parse *p = stream;
	char head[48], name[48], inst[PARAMS_NAME_LEN];
	struct strbuf why = STRBUF_INIT;
	const char *s, *line = NULL;
	size_t n = 0, content;
	long year;
	int rc, quoted = p->quoted;

	if (p->failed)
		return NULL;
	/* The handler takes every continuation line; were one left, a piece
	** of a text would be lost. */
	if (p->more)
		return parse_fail(p, "", "inih did not pass on the continuation "
		                  "line; allowed: a quoted text on one line"), NULL;
	if ((rc = rfile_getline(p->f, &line, &n, &p->err)) <= 0) {
		p->failed = rc < 0;
		return NULL;
	}
	p->line = rfile_lineno(p->f);
	p->more = p->quoted = 0;
	if (strlen(line) != n)
		return parse_fail(p, "", "the line contains a NUL byte"), NULL;
	content = n - (n && line[n - 1] == '\n');
	content -= content && line[content - 1] == '\r';
	snprintf(p->raw, sizeof p->raw, "%.*s", (int)content, line);
	s = line;
	if (p->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	/* rfile caps the line; a byte-order mark may still overfill inih's. */
	if (n + 1 > (size_t)num)
		return parse_fail(p, "", "the line has %zu bytes with its byte-order "
		                  "mark; allowed: at most %d", content, num - 3), NULL;
	if ((s[0] == ' ' || s[0] == '\t') && s[strspn(s, " \t\r\n")] != '\0') {
		if (quoted && s[strspn(s, " \t")] == '"')
			p->more = 1;
		else
			return parse_fail(p, "", "the line is indented, which inih "
			                  "reads as part of the previous value; allowed: "
			                  "lines that start in the first column%s",
			                  quoted ? ", or a quoted piece \"...\" that "
			                  "continues the quoted text above" : ""), NULL;
	}
	if (s[0] == '[' && (n = strcspn(s, "]")) != strlen(s)) {
		if (n - 1 >= sizeof head)
			return parse_fail(p, "", "the section name is too long; allowed: "
			                  "at most %zu characters", sizeof head - 1), NULL;
		snprintf(head, sizeof head, "%.*s", (int)(n - 1), s + 1);
		if (setting_section(head, name, sizeof name, &year, inst, &why)) {
			parse_fail(p, "", "%s", strbuf_str(&why));
			strbuf_free(&why);
			return NULL;
		}
	}
	memcpy(str, line, strlen(line) + 1);
	return str;
}

/* The value part of the raw line, as written: after the first '=' or ':',
** blanks kept. */
static const char *raw_value(const char *line)
{
	const char *v = line + strcspn(line, "=:");

	return v + (*v != '\0');
}

/* Appends the continuation line p->raw to the quoted text it continues. */
static int continue_text(struct parse *p)
{
	struct setting *a = &p->out->a[p->text];
	struct strbuf why = STRBUF_INIT;
	char name[128];
	int k;

	p->more = 0;
	setting_name(a, name, sizeof name);
	if ((k = setting_text_more(a, p->raw, &why)) != 0)
		parse_fail(p, name, "%s: the continuation %s %s", name,
		           p->raw + strspn(p->raw, " \t"),
		           k < 0 ? "needs memory that ran out" : strbuf_str(&why));
	else
		p->quoted = 1;
	strbuf_free(&why);
	return k == 0;
}

/* The ini_handler: hands one key = value to the one door (setting_apply),
** which adds it to p->out, or appends a continuation line to the quoted
** text it continues. inih's value is not used: the door reads the value
** from the raw line as written, as it reads a --set assignment. */
static int handler(void *user, const char *section, const char *key,
                   const char *value)
{
	struct parse *p = user;
	const struct setting_origin o = { p->src, p->path, p->line, p->first };
	const char *raw = raw_value(p->raw);

	(void)value;
	if (p->failed)
		return 0;
	if (p->more)
		return continue_text(p);
	if (setting_apply(p->out, &o, section, key, raw, &p->err) != 0) {
		p->failed = 1;
		return 0;
	}
	if (p->out->a[p->out->n - 1].def->kind == PK_TEXT && setting_text_quoted(raw)) {
		p->quoted = 1;
		p->text = p->out->n - 1;
	}
	return 1;
}

int scenfile_read(struct rfile *f, const char *path, int src,
                  struct setting_list *out, struct err *e)
{
	struct parse p = { .f = f, .path = path, .src = src, .out = out,
	                   .first = out->n };
	int rc = ini_parse_stream(reader, &p, handler, &p);

	/* inih counts lines as the reader does (no line is split); its first
	** error (a line that is neither a section nor key = value) may come
	** before the error that stopped the parse. */
	if (rc > 0 && (!p.failed || rc < p.err.line)) {
		p.failed = 0;
		p.line = rc;
		parse_fail(&p, "", "syntax error; allowed: '[section]', 'key = value' "
		           "or a comment starting with ';' or '#'");
	} else if (rc == -2) {
		parse_fail(&p, "", "out of memory");
	}
	if (!p.failed)
		return 0;
	*e = p.err;
	return -1;
}
