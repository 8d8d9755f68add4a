/*
** scenfile.c: one scenario INI file, read with inih's ini_parse_stream.
**
** inih 55 as packaged by Debian splits lines of 200 bytes or more (and
** shifts later line numbers), appends an indented line to the previous
** value and cannot report lines to the handler without an ABI break. So the
** reader below hands inih one physical line at a time, counts lines itself,
** and rejects long and indented lines before inih sees them. Debian's global
** knobs (ini_max_line, ...) are left alone: no mutable globals.
*/
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "scenfile.h"

/* The state of one file's parse, shared by the reader and the handler. */
struct parse {
	FILE *f;
	const char *path;
	int src;
	long line;             /* the physical line last read */
	char *buf;             /* getline's buffer */
	size_t cap;
	struct setting_list *out; /* where this file's values go */
	size_t first;          /* the index of this file's first value */
	struct err err;        /* the first error found by reader or handler */
	int failed;
};

static int parse_fail(struct parse *p, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int parse_fail(struct parse *p, const char *key, const char *fmt, ...)
{
	char msg[sizeof p->err.msg];
	va_list ap;

	if (!p->failed) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		err_set(&p->err, p->path, p->line, key, "%s", msg);
		p->failed = 1;
	}
	return 0;
}

/*
** The ini_reader: hands inih one physical line at a time, counting lines
** for the handler, and rejects what inih 55 would misread (long and
** indented lines, NUL bytes) and unknown section headers, even empty ones.
** Returns NULL at the end of the file or after the first error, which
** ends the parse.
*/
static char *reader(char *str, int num, void *stream)
{
	struct parse *p = stream;
	char head[48], name[48], inst[PARAMS_NAME_LEN], why[640];
	const char *s;
	size_t n, content;
	ssize_t len;
	long year;

	if (p->failed || (len = getline(&p->buf, &p->cap, p->f)) < 0)
		return NULL;
	p->line++;
	n = (size_t)len;
	content = n;
	while (content && (p->buf[content - 1] == '\n' || p->buf[content - 1] == '\r'))
		content--;
	s = p->buf;
	if (p->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	if (strlen(p->buf) != n)
		return parse_fail(p, "", "the line contains a NUL byte"), NULL;
	if (content > SCENFILE_MAX_LINE || n + 1 > (size_t)num)
		return parse_fail(p, "", "the line has %zu characters; allowed: at "
		                  "most %d", content, SCENFILE_MAX_LINE), NULL;
	if ((s[0] == ' ' || s[0] == '\t') && s[strspn(s, " \t\r\n")] != '\0')
		return parse_fail(p, "", "the line is indented, which inih reads as "
		                  "part of the previous value; allowed: lines that "
		                  "start in the first column"), NULL;
	if (s[0] == '[' && (n = strcspn(s, "]")) != strlen(s)) {
		if (n - 1 >= sizeof head)
			return parse_fail(p, "", "the section name is too long; allowed: "
			                  "at most %zu characters", sizeof head - 1), NULL;
		snprintf(head, sizeof head, "%.*s", (int)(n - 1), s + 1);
		if (setting_section(head, name, sizeof name, &year, inst, why, sizeof why))
			return parse_fail(p, "", "%s", why), NULL;
	}
	memcpy(str, p->buf, (size_t)len + 1);
	return str;
}

/* The value part of the raw line, as written: after the first '=' or ':',
** without leading blanks and the line end. Writes into buf. */
static void raw_value(const char *line, char *buf, size_t len)
{
	const char *v = line + strcspn(line, "=:");
	size_t n;

	v += *v != '\0';
	v += strspn(v, " \t");
	n = strcspn(v, "\r\n");
	snprintf(buf, len, "%.*s", (int)n, v);
}

/* The ini_handler: validates one key = value and adds it to p->out. */
static int handler(void *user, const char *section, const char *key,
                   const char *value)
{
	struct parse *p = user;
	char sec[64], inst[PARAMS_NAME_LEN], why[640], full[128], raw[256], msg[768];
	const struct param_def *def;
	const char *sug;
	struct setting a;
	long year;
	int k;

	if (p->failed)
		return 0;
	if (!section[0])
		return parse_fail(p, key, "key '%s' is outside any section; allowed: "
		                  "keys under a [section] header", key);
	if (setting_section(section, sec, sizeof sec, &year, inst, why, sizeof why))
		return parse_fail(p, key, "%s", why);
	if (!(def = registry_find2(sec, key))) {
		snprintf(full, sizeof full, "%s.%s", sec, key);
		if ((sug = registry_suggest(full)) != NULL)
			return parse_fail(p, full, "unknown key '%s' in [%s]; did you "
			                  "mean '%s'?", key, section, sug);
		setting_keys(sec, 0, why, sizeof why);
		return parse_fail(p, full, "unknown key '%s' in [%s]; allowed: %s",
		                  key, section, why);
	}
	if (inst[0])
		snprintf(full, sizeof full, "%s.%s.%s", sec, inst, key);
	else
		snprintf(full, sizeof full, "%s", def->name);
	for (size_t i = p->first; i < p->out->n; i++)
		if (p->out->a[i].def == def && p->out->a[i].year == year &&
		    strcmp(p->out->a[i].inst, inst) == 0)
			return parse_fail(p, full, "duplicate key %s in [%s] (first "
			                  "set on line %ld)", full, section,
			                  p->out->a[i].line);
	raw_value(p->buf, raw, sizeof raw);
	k = setting_check(def, year, value, raw, &a, why, sizeof why);
	if (k > 0) {
		setting_message(msg, sizeof msg, 0, full, k, value, why);
		return parse_fail(p, full, "%s", msg);
	}
	a.src = p->src;
	a.line = p->line;
	snprintf(a.inst, sizeof a.inst, "%s", inst);
	if (k < 0 || setting_push(p->out, &a)) {
		free(a.text);
		return parse_fail(p, full, "out of memory");
	}
	return 1;
}

/* The files being loaded, outermost first: for cycle detection. */

int scenfile_read(FILE *f, const char *path, int src, struct setting_list *out,
                  struct err *e)
{
	struct parse p = { .f = f, .path = path, .src = src, .out = out,
	                   .first = out->n };
	int rc = ini_parse_stream(reader, &p, handler, &p);

	if (!p.failed && ferror(f))
		parse_fail(&p, "", "read error: %s", strerror(errno));
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
	free(p.buf);
	if (!p.failed)
		return 0;
	*e = p.err;
	return -1;
}
