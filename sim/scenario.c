/*
** scenario.c: scenario files, validated against the parameter registry.
**
** The scenario file format
** ------------------------
** A scenario is an INI file read by inih 55 (ini_parse_stream):
**   [section]          a registry section: [scenario], [sim], [budget],
**                      [allocation], [workforce], ... (`dtsim params`)
**   key = value        a registry key of that section; `key: value` also works
**   ; comment          full-line comments start with ';' or '#'; after a
**                      number, " ;" starts an inline comment ('#' never does)
** Rules (each broken rule is an error "FILE:LINE: message" naming the key):
** - Every key belongs to a section; a key may appear once per section of a
**   file. A line may have at most 197 characters (inih 55 splits longer ones)
**   and must not be indented (inih would append it to the previous value).
** - Numbers are C-locale decimals read whole (strtod); INT keys take whole
**   numbers, CHOICE keys one of their names; every value lies in the range
**   `dtsim params` lists.
** - Text values (scenario.name, scenario.description) must not contain
**   control characters, nor ';' after a blank (inih would cut the text there
**   as a comment, and the resolved file would not read back the same).
** - [scenario] extends = base.ini: this file builds on base.ini (a path
**   relative to this file), which may extend another; the extending file's
**   values win. A cycle is an error at the extends line that closes it.
** - [section@YEAR], e.g. [allocation@2028]: keys marked yearly in the
**   registry take these values from that fiscal year on, until a later block
**   changes them. Blocks apply after every plain value (of every file and
**   --set); blocks for the same year apply in file order, base files first.
**   A year before sim.start_year is an error; years past the horizon are
**   unused.
** - [schedule@YEAR] process = 250000 ...: EUR per domain for that one year
**   (domains not given are 0); in that year the schedule replaces the
**   allocation shares (model_params.schedule_active = 1).
** - [allocation] schedule = plan.csv: the same rows from a CSV file (see
**   schedule.h), relative to the INI file; only the file named by the winning
**   allocation.schedule is read, and its rows count as written in the INI
**   file that names it (a year and domain also in its [schedule@YEAR] is an
**   error). Schedule values merge per year and domain; later files win.
** - --set section.key=value and --set section@YEAR.key=value come last and
**   win; they are checked as file values are.
** Resolution for each year: defaults, then plain values (base files first,
** then the file, then --set), then the year blocks up to that year in year
** order, then that year's schedule. Cross-key rules: the allocation shares
** sum to 1 in every year; 1/sim.dt is whole; sim.report_step is a whole
** multiple of sim.dt and divides a year; mandate.deadline_year is not before
** mandate.start_year.
*/
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "numfmt.h"
#include "registry.h"
#include "scenario.h"
#include "scenfile.h"
#include "schedule.h"
#include "setting.h"

/* Deepest chain of extends (a bound on recursion, far beyond real use). */
#define SCENARIO_MAX_EXTENDS 16

/* How far the allocation shares may sum from 1, and 1/dt, dt multiples and
** 1/report_step from whole numbers (dimensionless; rounding of decimal
** input such as 0.083333333333333329 stays far below it). */
#define SCENARIO_TOL 1e-9

struct scenario {
	char *id;
	char **files;            /* every file read, as opened; owned */
	size_t nfiles;
	struct setting_list as;  /* every value, in order of precedence */
};

/* ---- loading ------------------------------------------------------------- */

/* Adds a file name to sc->files; its index, or -1 when memory runs out. */
static int add_file(struct scenario *sc, const char *path)
{
	char **f = realloc(sc->files, (sc->nfiles + 1) * sizeof *f);

	if (!f)
		return -1;
	sc->files = f;
	if (!(f[sc->nfiles] = strdup(path)))
		return -1;
	return (int)sc->nfiles++;
}

/* Joins rel to the directory of `from` (rel unchanged when absolute or when
** from has no directory). Returns a new string or NULL. */
static char *join_dir(const char *from, const char *rel)
{
	const char *slash = strrchr(from, '/');
	size_t dl = slash && rel[0] != '/' ? (size_t)(slash - from) + 1 : 0;
	char *p = malloc(dl + strlen(rel) + 1);

	if (p) {
		memcpy(p, from, dl);
		strcpy(p + dl, rel);
	}
	return p;
}

/*
** Opens path for reading only if it is a regular file: a FIFO would block
** and a device such as /dev/zero never ends (issue 8), so neither may be a
** scenario, an extends or a schedule. NULL with errno set when the open
** fails, with errno 0 when the file is not regular (open_error says why).
*/
static FILE *open_regular(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	FILE *f = NULL;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		errno = 0;
	else if (fcntl(fd, F_SETFL, 0) == 0)
		f = fdopen(fd, "r");
	if (!f)
		close(fd);
	return f;
}

/* Why open_regular failed. */
static const char *open_error(void)
{
	return errno ? strerror(errno) : "not a regular file; allowed: a file, not a FIFO, "
	               "a device or a directory";
}

/* The files being loaded, outermost first, for cycle detection: a file is
** known by its device and inode, whatever path leads to it. */
struct chain {
	dev_t dev[SCENARIO_MAX_EXTENDS + 1];
	ino_t ino[SCENARIO_MAX_EXTENDS + 1];
	const char *shown[SCENARIO_MAX_EXTENDS + 1];
	size_t n;
};

static int load_file(struct scenario *sc, const char *path, struct chain *ch,
                     const char *from, long from_line, struct err *e);

/*
** Loads the file that `path` extends (ext) into sc, with ch holding the
** files already open. Fills e on failure.
*/
static int load_base(struct scenario *sc, const char *path,
                     const struct setting *ext, struct chain *ch, struct err *e)
{
	char *base;
	char msg[sizeof e->msg];
	struct stat st;
	size_t used = 0;
	int rc;

	if (!(base = join_dir(path, ext->text)))
		return err_set(e, path, ext->line, "scenario.extends", "out of memory");
	for (size_t i = 0; stat(base, &st) == 0 && i < ch->n; i++) {
		if (st.st_dev != ch->dev[i] || st.st_ino != ch->ino[i])
			continue;
		for (size_t j = i; j < ch->n && used < sizeof msg; j++)
			used += (size_t)snprintf(msg + used, sizeof msg - used, "%s -> ",
			                         ch->shown[j]);
		err_set(e, path, ext->line, "scenario.extends",
		        "extends cycle: %s%s", msg, base);
		free(base);
		return -1;
	}
	if (ch->n == SCENARIO_MAX_EXTENDS) {
		err_set(e, path, ext->line, "scenario.extends", "extends chain "
		        "deeper than %d files; allowed: at most %d",
		        SCENARIO_MAX_EXTENDS, SCENARIO_MAX_EXTENDS);
		free(base);
		return -1;
	}
	rc = load_file(sc, base, ch, path, ext->line, e);
	free(base);
	return rc;
}

/* Appends the values of l to sc in order; l is emptied (its texts move). */
static int take_values(struct scenario *sc, struct setting_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (setting_push(&sc->as, &l->a[i]))
			return -1;
		l->a[i].text = NULL;
	}
	setting_list_free(l);
	return 0;
}

/*
** Loads path and what it extends into sc: the base's values first, then
** this file's. from/from_line name the extends line that led here (NULL for
** the scenario itself), for an error opening the file.
*/
static int load_file(struct scenario *sc, const char *path, struct chain *ch,
                     const char *from, long from_line, struct err *e)
{
	struct setting_list own = { 0 };
	const struct setting *ext;
	struct stat st;
	FILE *f;
	int src, rc;

	if (!(f = open_regular(path))) {
		if (from)
			return err_set(e, from, from_line, "scenario.extends",
			               "scenario.extends: cannot open '%s': %s", path,
			               open_error());
		return err_set(e, path, 0, "", "cannot open: %s", open_error());
	}
	if (fstat(fileno(f), &st) != 0 || (src = add_file(sc, path)) < 0) {
		fclose(f);
		return err_set(e, path, 0, "", "cannot read: %s", strerror(errno));
	}
	ch->dev[ch->n] = st.st_dev;
	ch->ino[ch->n] = st.st_ino;
	ch->shown[ch->n++] = path;
	rc = scenfile_read(f, path, src, &own, e);
	fclose(f);
	ext = setting_last(&own, registry_find("scenario.extends"), "");
	if (rc == 0 && ext)
		rc = load_base(sc, path, ext, ch, e);
	if (rc == 0 && take_values(sc, &own))
		rc = err_set(e, path, 0, "", "out of memory");
	setting_list_free(&own);
	ch->n--;
	return rc;
}

/* ---- the schedule file ------------------------------------------------------ */

/*
** Reads the CSV file named by the winning allocation.schedule (if any) and
** inserts its cells right after that value, with the precedence of the INI
** file that names it.
*/
static int load_schedule(struct scenario *sc, struct err *e)
{
	const struct setting *at = setting_last(&sc->as, registry_find("allocation.schedule"), "");
	struct schedule_cell *cells = NULL;
	struct setting_list tail = { 0 };
	size_t ncells = 0, pos;
	const char *ini;
	char *path;
	FILE *f;
	int src, rc = 0;

	if (!at)
		return 0;
	ini = sc->files[at->src];
	pos = (size_t)(at - sc->as.a) + 1;
	if (!(path = join_dir(ini, at->text)))
		return err_set(e, ini, at->line, "allocation.schedule", "out of memory");
	if (!(f = open_regular(path))) {
		rc = err_set(e, ini, at->line, "allocation.schedule", "allocation."
		             "schedule: cannot open '%s': %s", path, open_error());
		free(path);
		return rc;
	}
	rc = schedule_read(f, path, &cells, &ncells, e);
	fclose(f);
	if (rc == 0 && (src = add_file(sc, path)) < 0)
		rc = err_set(e, path, 0, "", "out of memory");
	for (size_t i = 0; rc == 0 && i < ncells; i++) {
		const struct schedule_cell *c = &cells[i];
		for (size_t j = 0; j < sc->as.n; j++) {
			const struct setting *o = &sc->as.a[j];
			if (o->def == c->def && o->year == c->year && o->src == at->src) {
				rc = err_set(e, path, c->line, c->def->name, "column '%s': "
				             "year %ld is also set in [schedule@%ld] at %s:%ld",
				             c->def->key, c->year, c->year, ini, o->line);
				break;
			}
		}
	}
	/* Moves the values after pos aside, appends the cells, then them. */
	for (size_t i = pos; rc == 0 && i < sc->as.n; i++)
		if (setting_push(&tail, &sc->as.a[i]))
			rc = err_set(e, path, 0, "", "out of memory");
	if (rc == 0)
		sc->as.n = pos;
	for (size_t i = 0; rc == 0 && i < ncells; i++) {
		struct setting a = { cells[i].def, cells[i].year, cells[i].value, NULL,
		                    src, cells[i].line, "" };
		if (setting_push(&sc->as, &a))
			rc = err_set(e, path, 0, "", "out of memory");
	}
	if (rc == 0 && take_values(sc, &tail))
		rc = err_set(e, path, 0, "", "out of memory");
	free(tail.a);
	free(cells);
	free(path);
	return rc;
}

/* ---- the public interface ------------------------------------------------- */

int scenario_load(const char *path, struct scenario **out, struct err *e)
{
	struct scenario *sc = calloc(1, sizeof *sc);
	struct chain ch = { .n = 0 };
	const char *base = strrchr(path, '/');
	size_t n;

	*out = NULL;
	if (!sc)
		return err_set(e, path, 0, "", "out of memory");
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
		n -= 4;
	if (!(sc->id = malloc(n + 1))) {
		free(sc);
		return err_set(e, path, 0, "", "out of memory");
	}
	snprintf(sc->id, n + 1, "%s", base);
	if (load_file(sc, path, &ch, NULL, 0, e) || load_schedule(sc, e)) {
		scenario_free(sc);
		return -1;
	}
	*out = sc;
	return 0;
}

int scenario_set(struct scenario *sc, const char *assignment, struct err *e)
{
	char lhs[128], sec[64], inst[PARAMS_NAME_LEN], why[640], msg[768], full[128];
	const char *eq = strchr(assignment, '='), *dot, *value, *sug;
	const struct param_def *def;
	struct setting a;
	size_t n, vn;
	char *val;
	long year;
	int k;

	if (!eq)
		return err_set(e, "", 0, "", "--set %s: expected section.key=value",
		               assignment);
	assignment += strspn(assignment, " \t");
	eq = strchr(assignment, '=');
	n = (size_t)(eq - assignment);
	while (n && (assignment[n - 1] == ' ' || assignment[n - 1] == '\t'))
		n--;
	snprintf(lhs, sizeof lhs, "%.*s", (int)n, assignment);
	dot = strrchr(lhs, '.');
	if (!dot)
		return err_set(e, "", 0, lhs, "--set %s: expected section.key=value",
		               lhs);
	snprintf(full, sizeof full, "%.*s", (int)(dot - lhs), lhs);
	if (setting_section(full, sec, sizeof sec, &year, inst, why, sizeof why))
		return err_set(e, "", 0, lhs, "--set %s: %s", lhs, why);
	if (!(def = registry_find2(sec, dot + 1))) {
		snprintf(full, sizeof full, "%s.%s", sec, dot + 1);
		if ((sug = registry_suggest(full)) != NULL)
			return err_set(e, "", 0, lhs, "--set %s: unknown key; did you "
			               "mean '%s'?", lhs, sug);
		setting_keys(sec, 0, why, sizeof why);
		return err_set(e, "", 0, lhs, "--set %s: unknown key; allowed keys "
		               "in [%s]: %s", lhs, sec, why);
	}
	if (setting_names_file(def))
		return err_set(e, "", 0, def->name, "--set %s: cannot be set with "
		               "--set (it names a file relative to the scenario); "
		               "allowed: set it in the scenario file", def->name);
	value = eq + 1 + strspn(eq + 1, " \t");
	vn = strlen(value);
	while (vn && (value[vn - 1] == ' ' || value[vn - 1] == '\t'))
		vn--;
	if (!(val = malloc(vn + 1)))
		return err_set(e, "", 0, lhs, "out of memory");
	snprintf(val, vn + 1, "%s", value);
	k = setting_check(def, year, val, val, &a, why, sizeof why);
	if (k > 0) {
		setting_message(msg, sizeof msg, 1, lhs, k, val, why);
		free(val);
		if (inst[0])
			snprintf(full, sizeof full, "%s.%s.%s", sec, inst, def->key);
		return err_set(e, "", 0, inst[0] ? full : def->name, "%s", msg);
	}
	free(val);
	a.src = SETTING_SRC_SET;
	a.line = 0;
	snprintf(a.inst, sizeof a.inst, "%s", inst);
	if (k < 0 || setting_push(&sc->as, &a)) {
		free(a.text);
		return err_set(e, "", 0, def->name, "out of memory");
	}
	return 0;
}

/* ---- resolving ------------------------------------------------------------ */

/* Where s came from: "FILE:LINE", "--set", or "default" for NULL. */
static void source_of(const struct scenario *sc, const struct setting *s,
                      char *buf, size_t len)
{
	if (!s)
		snprintf(buf, len, "default");
	else if (s->src == SETTING_SRC_SET)
		snprintf(buf, len, "--set");
	else
		snprintf(buf, len, "%s:%ld", sc->files[s->src], s->line);
}

/* Fills e for a rule broken by the value s (NULL: a default): at its file
** and line, or as a --set error. The message begins with name. */
static int fail_at(const struct scenario *sc, const struct setting *s,
                   struct err *e, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int fail_at(const struct scenario *sc, const struct setting *s,
                   struct err *e, const char *name, const char *fmt, ...)
{
	char msg[sizeof e->msg];
	int set = s && s->src == SETTING_SRC_SET;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(e, s && !set ? sc->files[s->src] : "", s && !set ? s->line : 0,
	               name, "%s%s%s%s", set ? "--set " : "", set ? name : "",
	               set ? ": " : "", msg);
}

/* ---- named sections --------------------------------------------------------- */

/* The NAMEs of the named sections of each kind, in order of first
** appearance (base files first): the instance index of a NAME. */
struct named {
	char name[NAMED_COUNT][PARAMS_NAMED_MAX][PARAMS_NAME_LEN];
	size_t n[NAMED_COUNT];
};

/* The index of s's NAME among its kind in nm, or -1. */
static int named_index(const struct named *nm, const struct setting *s)
{
	int k = params_named_kind(s->def->section);

	for (size_t i = 0; k >= 0 && i < nm->n[k]; i++)
		if (strcmp(nm->name[k][i], s->inst) == 0)
			return (int)i;
	return -1;
}

static int fail_at(const struct scenario *sc, const struct setting *s,
                   struct err *e, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Collects the NAMEs of sc's named sections into nm; more than
** PARAMS_NAMED_MAX of one kind is an error at the first one too many. */
static int named_collect(const struct scenario *sc, struct named *nm, struct err *e)
{
	memset(nm, 0, sizeof *nm);
	for (size_t i = 0; i < sc->as.n; i++) {
		const struct setting *s = &sc->as.a[i];
		int k;
		if (!s->inst[0] || named_index(nm, s) >= 0)
			continue;
		k = params_named_kind(s->def->section);
		if (nm->n[k] == PARAMS_NAMED_MAX)
			return fail_at(sc, s, e, s->def->section, "[%s.%s] is one [%s.NAME] "
			               "section too many; allowed: at most %d", s->def->section,
			               s->inst, s->def->section, PARAMS_NAMED_MAX);
		snprintf(nm->name[k][nm->n[k]++], PARAMS_NAME_LEN, "%s", s->inst);
	}
	return 0;
}

/* The setting in effect for key `key` of [section.NAME], or NULL. */
static const struct setting *named_last(const struct scenario *sc, const char *section,
                                        const char *key, const char *inst)
{
	return setting_last(&sc->as, registry_find2(section, key), inst);
}

/* The value of key `key` of the i-th section of kind k in p. */
static double named_value(const struct model_params *p, int k, const char *key, size_t i)
{
	return params_cslot(p, registry_find2(params_named_sections[k], key))[i];
}

/*
** One rule between two keys of every section of kind k: key `blamed` lies
** below key `other` (below != 0) or not before it (below == 0). A broken
** rule is reported at the line of `blamed` (or of `other` when blamed is a
** default).
*/
static int check_pair(const struct scenario *sc, const struct named *nm,
                      const struct model_params *b, int k, const char *blamed,
                      const char *other, int below, struct err *e)
{
	const char *sec = params_named_sections[k];

	for (size_t i = 0; i < nm->n[k]; i++) {
		const char *n = nm->name[k][i];
		double v = named_value(b, k, blamed, i), o = named_value(b, k, other, i);
		const struct setting *s = named_last(sc, sec, blamed, n);
		char full[128];
		if (below ? v < o : v >= o)
			continue;
		snprintf(full, sizeof full, "%s.%s.%s", sec, n, blamed);
		if (!s)
			s = named_last(sc, sec, other, n);
		if (below)
			return fail_at(sc, s, e, full, "%s = %.0f is not below %s.%s.%s = "
			               "%.0f; allowed: %.0f to %.0f", full, v, sec, n, other,
			               o, registry_find2(sec, blamed)->min, o - 1);
		return fail_at(sc, s, e, full, "%s = %.0f is before %s.%s.%s = %.0f; "
		               "allowed: %.0f or later", full, v, sec, n, other, o, o);
	}
	return 0;
}

/* The rules within one named section: a grant ends no earlier than it
** starts; a loan's grace years are fewer than its term. */
static int check_named(const struct scenario *sc, const struct named *nm,
                       const struct model_params *b, struct err *e)
{
	return check_pair(sc, nm, b, NAMED_GRANT, "last_year", "first_year", 0, e) ||
	       check_pair(sc, nm, b, NAMED_LOAN, "grace_years", "term_years", 1, e) ? -1 : 0;
}

/* Whether x is a whole number within SCENARIO_TOL. */
static int whole(double x)
{
	return fabs(x - round(x)) <= SCENARIO_TOL;
}

/* The checks on plain values that span keys: dt, report step, mandate. */
static int check_base(const struct scenario *sc, const struct model_params *b,
                      struct err *e)
{
	const struct setting *dt = setting_last(&sc->as, registry_find("sim.dt"), "");
	const struct setting *rs = setting_last(&sc->as, registry_find("sim.report_step"), "");
	const struct setting *ms = setting_last(&sc->as, registry_find("mandate.start_year"), "");
	const struct setting *md = setting_last(&sc->as, registry_find("mandate.deadline_year"), "");
	char v[NUMFMT_LEN], w[NUMFMT_LEN];

	numfmt_double(b->sim_dt, v);
	numfmt_double(1 / b->sim_dt, w);
	if (!whole(1 / b->sim_dt))
		return fail_at(sc, dt, e, "sim.dt", "sim.dt = %s does not divide a "
		               "year (1/dt = %s); allowed: steps whose inverse is a "
		               "whole number, such as 0.25 or 0.083333333333333329", v, w);
	numfmt_double(b->sim_report_step, w);
	if (!whole(b->sim_report_step / b->sim_dt) ||
	    round(b->sim_report_step / b->sim_dt) < 1)
		return fail_at(sc, rs ? rs : dt, e, "sim.report_step", "sim.report_"
		               "step = %s is not a whole multiple of sim.dt = %s; "
		               "allowed: k * sim.dt for whole k >= 1", w, v);
	if (!whole(1 / b->sim_report_step))
		return fail_at(sc, rs, e, "sim.report_step", "sim.report_step = %s "
		               "does not divide a year; allowed: steps whose inverse "
		               "is a whole number, such as 1, 0.5 or 0.25", w);
	if (b->mandate_deadline_year < b->mandate_start_year)
		return fail_at(sc, md ? md : ms, e, "mandate.deadline_year",
		               "mandate.deadline_year = %.0f is before "
		               "mandate.start_year = %.0f; allowed: %.0f or later",
		               b->mandate_deadline_year, b->mandate_start_year,
		               b->mandate_start_year);
	return 0;
}

/* Checks that the shares of p (the year y) sum to 1; the setting in effect
** that changed last is blamed. */
static int check_shares(const struct scenario *sc, const struct model_params *p,
                        long y, struct err *e)
{
	const struct setting *blame = NULL;
	double sum = 0;

	for (size_t i = 0; i < params_count; i++)
		if (params_table[i].flags & PF_SHARE)
			sum += *params_cslot(p, &params_table[i]);
	if (fabs(sum - 1) <= SCENARIO_TOL)
		return 0;
	for (size_t i = 0; i < sc->as.n; i++) {
		const struct setting *s = &sc->as.a[i];
		if ((s->def->flags & PF_SHARE) && s->year <= y &&
		    (!blame || s->year >= blame->year))
			blame = s;
	}
	/* 12 digits show any sum off by more than the tolerance, without the
	** noise of the last bits (1.0125, not 1.0125000000000002). */
	return fail_at(sc, blame, e, blame ? blame->def->name : "allocation",
	               "allocation shares sum to %.12g in %ld; allowed: 1 (within %g)",
	               sum, y, SCENARIO_TOL);
}

int scenario_resolve(const struct scenario *sc, struct model_params **years,
                     size_t *nyears, struct err *e)
{
	struct model_params base, *out;
	struct named nm;
	long start;
	size_t n;

	*years = NULL;
	*nyears = 0;
	params_defaults(&base);
	if (named_collect(sc, &nm, e))
		return -1;
	for (int k = 0; k < NAMED_COUNT; k++)
		base.named_count[k] = nm.n[k];
	for (size_t i = 0; i < sc->as.n; i++) {
		const struct setting *s = &sc->as.a[i];
		if (s->year == 0 && s->def->kind != PK_TEXT)
			params_slot(&base, s->def)[s->inst[0] ? named_index(&nm, s) : 0] = s->value;
	}
	if (check_base(sc, &base, e) || check_named(sc, &nm, &base, e))
		return -1;
	start = (long)base.sim_start_year;
	n = (size_t)base.sim_years;
	for (size_t i = 0; i < sc->as.n; i++) {
		const struct setting *s = &sc->as.a[i];
		if (s->year != 0 && s->year < start)
			return fail_at(sc, s, e, s->def->name, "[%s@%ld] is before "
			               "sim.start_year = %ld; allowed: years from %ld on",
			               s->def->section, s->year, start, start);
	}
	if (!(out = malloc(n * sizeof *out)))
		return err_set(e, "", 0, "", "out of memory");
	for (size_t k = 0; k < n; k++) {
		long y = start + (long)k;
		/* Year blocks hold from their year on: apply this year's to base. */
		for (size_t i = 0; i < sc->as.n; i++) {
			const struct setting *s = &sc->as.a[i];
			if (s->year == y && !(s->def->flags & PF_SCHEDULE))
				*params_slot(&base, s->def) = s->value;
		}
		out[k] = base;
		for (size_t i = 0; i < sc->as.n; i++) {
			const struct setting *s = &sc->as.a[i];
			if (s->year == y && (s->def->flags & PF_SCHEDULE)) {
				*params_slot(&out[k], s->def) = s->value;
				out[k].schedule_active = 1;
			}
		}
		if (check_shares(sc, &out[k], y, e)) {
			free(out);
			return -1;
		}
	}
	*years = out;
	*nyears = n;
	return 0;
}

const char *scenario_id(const struct scenario *sc)
{
	return sc->id;
}

const char *scenario_text(const struct scenario *sc, const char *name)
{
	const struct param_def *d = registry_find(name);
	const struct setting *s = d ? setting_last(&sc->as, d, "") : NULL;

	if (s && s->text && s->text[0])
		return s->text;
	return d && strcmp(name, "scenario.name") == 0 ? sc->id : "";
}

/* ---- writing -------------------------------------------------------------- */

/* Writes "key = value" for the numeric parameter d in p (slot i of a
** named one). */
static void write_value(FILE *f, const struct param_def *d,
                        const struct model_params *p, size_t i)
{
	char v[NUMFMT_LEN + 256];

	registry_format(d, params_cslot(p, d)[i], v, sizeof v);
	fprintf(f, "%s = %s\n", d->key, v);
}

/* Whether the parameter at index i is the first of its section in the
** table (sections are written in the order they first appear). */
static int first_of_section(size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(params_table[j].section, params_table[i].section) == 0)
			return 0;
	return 1;
}

int scenario_write_resolved(const struct scenario *sc, FILE *f)
{
	struct model_params *yr;
	struct named nm;
	struct err e;
	size_t n;

	if (scenario_resolve(sc, &yr, &n, &e) || named_collect(sc, &nm, &e))
		return -1;
	fprintf(f, "; dtsim scenario '%s', resolved: every parameter, year blocks "
	        "and the schedule inline.\n", sc->id);
	for (size_t i = 0; i < params_count; i++) {
		const char *sec = params_table[i].section;
		if (!first_of_section(i) || strcmp(sec, "schedule") == 0 ||
		    (params_table[i].flags & PF_NAMED))
			continue;
		fprintf(f, "\n[%s]\n", sec);
		for (size_t j = i; j < params_count; j++) {
			const struct param_def *d = &params_table[j];
			const char *t;
			if (strcmp(d->section, sec) != 0 || setting_names_file(d))
				continue;
			if (d->kind != PK_TEXT)
				write_value(f, d, &yr[0], 0);
			else if ((t = scenario_text(sc, d->name))[0])
				fprintf(f, "%s = %s\n", d->key, t);
		}
	}
	for (size_t k = 1; k < n; k++)
		for (size_t i = 0; i < params_count; i++) {
			int head = 0;
			if (!first_of_section(i))
				continue;
			for (size_t j = i; j < params_count; j++) {
				const struct param_def *d = &params_table[j];
				if (strcmp(d->section, params_table[i].section) != 0 ||
				    !(d->flags & PF_YEARLY) ||
				    memcmp(params_cslot(&yr[k], d), params_cslot(&yr[k - 1], d),
				           sizeof(double)) == 0)
					continue;
				if (!head++)
					fprintf(f, "\n[%s@%.0f]\n", d->section,
					        yr[0].sim_start_year + (double)k);
				write_value(f, d, &yr[k], 0);
			}
		}
	for (int k = 0; k < NAMED_COUNT; k++)
		for (size_t i = 0; i < nm.n[k]; i++) {
			fprintf(f, "\n[%s.%s]\n", params_named_sections[k], nm.name[k][i]);
			for (size_t j = 0; j < params_count; j++)
				if (strcmp(params_table[j].section, params_named_sections[k]) == 0)
					write_value(f, &params_table[j], &yr[0], i);
		}
	for (size_t k = 0; k < n; k++) {
		if (!yr[k].schedule_active)
			continue;
		fprintf(f, "\n[schedule@%.0f]\n", yr[0].sim_start_year + (double)k);
		for (size_t i = 0; i < params_count; i++)
			if (params_table[i].flags & PF_SCHEDULE)
				write_value(f, &params_table[i], &yr[k], 0);
	}
	free(yr);
	return ferror(f) ? -1 : 0;
}

/* Orders settings by year, then by their place in the registry. */
static int by_year(const void *a, const void *b)
{
	const struct setting *x = *(const struct setting *const *)a;
	const struct setting *y = *(const struct setting *const *)b;

	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return x->def < y->def ? -1 : x->def > y->def;
}

/* Writes one line "name = value    # source" of the check listing. */
static void check_line(FILE *f, const char *name, const char *value,
                       const char *src)
{
	char left[1024];

	snprintf(left, sizeof left, "%s = %s", name, value);
	fprintf(f, "%-47s # %s\n", left, src);
}

int scenario_write_check(const struct scenario *sc, FILE *f)
{
	const struct setting **yb;
	char v[NUMFMT_LEN + 256], src[600], name[160];
	struct named nm;
	struct err e;
	size_t n = 0;

	if (named_collect(sc, &nm, &e))
		return -1;
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		const struct setting *s = setting_last(&sc->as, d, "");
		int k = params_named_kind(d->section);
		if (d->flags & PF_SCHEDULE)
			continue;
		for (size_t j = 0; k >= 0 && j < nm.n[k]; j++) {
			s = named_last(sc, d->section, d->key, nm.name[k][j]);
			snprintf(name, sizeof name, "%s.%s.%s", d->section, nm.name[k][j], d->key);
			source_of(sc, s, src, sizeof src);
			registry_format(d, s ? s->value : d->def, v, sizeof v);
			check_line(f, name, v, src);
		}
		if (k >= 0)
			continue;
		source_of(sc, s, src, sizeof src);
		if (d->kind == PK_TEXT)
			check_line(f, d->name, scenario_text(sc, d->name), src);
		else {
			registry_format(d, s ? s->value : d->def, v, sizeof v);
			check_line(f, d->name, v, src);
		}
	}
	if (!(yb = malloc((sc->as.n + 1) * sizeof *yb)))
		return -1;
	/* Only the value in effect for each key and year: the last one. */
	for (size_t i = 0; i < sc->as.n; i++) {
		const struct setting *s = &sc->as.a[i];
		size_t j = i + 1;
		while (j < sc->as.n && !(sc->as.a[j].def == s->def &&
		                         sc->as.a[j].year == s->year))
			j++;
		if (s->year != 0 && j == sc->as.n)
			yb[n++] = s;
	}
	qsort(yb, n, sizeof *yb, by_year);
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof name, "%s@%ld.%s", yb[i]->def->section,
		         yb[i]->year, yb[i]->def->key);
		registry_format(yb[i]->def, yb[i]->value, v, sizeof v);
		source_of(sc, yb[i], src, sizeof src);
		check_line(f, name, v, src);
	}
	free(yb);
	return ferror(f) ? -1 : 0;
}

void scenario_free(struct scenario *sc)
{
	if (!sc)
		return;
	setting_list_free(&sc->as);
	for (size_t i = 0; i < sc->nfiles; i++)
		free(sc->files[i]);
	free(sc->files);
	free(sc->id);
	free(sc);
}
