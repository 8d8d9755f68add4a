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
** Rules (each broken rule is an error "FILE:LINE: message" naming the key;
** every one is reported, in file order, not only the first: see
** scenario_load_all and scenario_check):
** - The file is a regular file (not a FIFO, device or directory) of at most
**   1 MiB (RFILE_SCENARIO_MAX_BYTES), as is every file it extends.
** - Every key belongs to a section; a key may appear once per section of a
**   file. A line may have at most 197 bytes (inih 55 splits longer ones)
**   and must not be indented (inih would append it to the previous value),
**   but for the continuation lines of a quoted text (below).
** - Numbers follow one grammar everywhere (numfmt_parse: values, --set,
**   [schedule@YEAR] and CSV schedule cells, section years):
**     [+|-] digits [. [digits]] [(e|E) [+|-] digits]   or   [+|-] . digits [...]
**   with blanks around allowed: 2.385, -1.5e6, 5., .5. No hex (0x10), nan,
**   inf, decimal comma or other trailing text. A value too small for a
**   normal double is kept as the subnormal it is (1e-320); a non-zero value
**   that rounds to 0 (1e-400, "too small: rounds to 0") and one beyond the
**   largest double (1e400, "too large") are errors. INT keys take whole
**   numbers, CHOICE keys one of their names; every value lies in the range
**   `dtsim params` lists. An empty value is an error.
** - German thousands grouping is an error with a hint where a value in the
**   thousands is likely: a value matching ^[+-]?[1-9][0-9]{0,2}(\.[0-9]{3})+$
**   for a key whose range maximum is 10,000 or more (every EUR key, staff,
**   services, transactions) and in every schedule cell (EUR): 1.500 is
**   "looks like German thousands grouping (1.500 = 1500); write 1500, or
**   1.5 if the point is a decimal point". Elsewhere 1.500 is 1.5; 1.5,
**   1.50, 1.5000 and 0.500 are decimals everywhere; "1.500.000" is no
**   number anywhere. A decimal comma (1,5), a percent sign (35 %) and other
**   grouping (1,500,000 or 1 500) are not numbers, and the message says
**   what to write; a share (unit 1, range within 0 to 1) given as 1 to 100
**   adds "shares are fractions: write 0.35 for 35 %", a yearly rate of at
**   most 1 given as 3 "rates are fractions: write 0.03 for 3 %"
**   (registry_parse).
** - Text values (scenario.name, scenario.description, scenario.extends,
**   allocation.schedule) are read from the line as written, one of:
**     bare text   name = Plan B
**                 blanks around it are dropped; it must not begin with '"'
**                 or ';' and must not hold ';' after a blank (inih reads
**                 " ;" as the start of a comment: `name = ;x` is an error
**                 that says so, never an empty name).
**     quoted text name = "  Plan ; B  "
**                 the bytes between the double quotes, blanks, ';' and '#'
**                 included; \" stands for '"' and \\ for '\', and any other
**                 backslash is an error (room for escapes to come). Only
**                 blanks may follow the closing quote (no comment).
**   A quoted text may continue on the lines right after it: each indented,
**   holding one more quoted piece, and the pieces are joined without
**   separator, as C joins string literals:
**     description = "The first part of a long description that goes on and "
**       "on; it may hold ';', '#', \"quotes\" and leading or trailing spaces."
**   A blank or comment line ends the text. No text may hold a control
**   character; bytes of 0x80 and above pass unchanged (UTF-8). A text has at
**   most 16384 bytes (SETTING_TEXT_MAX) after quotes and escapes are undone.
**   An empty name stands for the id; extends and schedule must not be empty.
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
**   schedule.h; a regular file of at most 16 MiB, lines of at most 1 MiB),
**   relative to the INI file; only the file named by the winning
**   allocation.schedule is read, and its rows count as written in the INI
**   file that names it (a year and domain also in its [schedule@YEAR] is an
**   error). Schedule values merge per year and domain; later files win.
** - --set section.key=value and --set section@YEAR.key=value come last and
**   win; they are checked as file values are. A text takes the same two
**   forms as in a file, but the command line has no comments, so a bare
**   text may begin with ';' and hold " ;": `--set scenario.name=;Plan B`
**   names the scenario ";Plan B". Blanks around a bare text are dropped
**   (`--set 'scenario.name=  x  '` gives "x"); in double quotes they stay
**   (`--set 'scenario.name="  x  "'` gives "  x  "). Whatever --set
**   accepts, the resolved file (scenario_write_resolved) reads back
**   identically: it writes a text bare when that reads back as itself and
**   fits a line, otherwise quoted, continued on lines of at most 197 bytes.
** Resolution for each year: defaults, then plain values (base files first,
** then the file, then --set), then the year blocks up to that year in year
** order, then that year's schedule. Cross-key rules: the allocation shares
** sum to 1 in every year; no year block lies before sim.start_year; 1/sim.dt
** is whole; sim.report_step is a whole multiple of sim.dt and divides a
** year; sim.years / sim.report_step is at most SCENARIO_MAX_ROWS; for euler and rk4, sim.dt is small against the shortest time
** constant of the model (the step rule below); mandate.deadline_year is not
** before mandate.start_year; a grant's last_year not before its
** first_year; a loan's grace_years below its term_years.
** A broken rule between keys blames the value of highest precedence that
** took part (the one set last: --set over files, a file over its base, a
** later line over an earlier one; never a default), at its FILE:LINE or as
** "--set key: value ...", e.g. "--set mandate.start_year: 2200 is after
** mandate.deadline_year = 2030 (the default); allowed: 2030 or earlier".
**
** The step rule (docs/MODEL.md 9.6): the explicit methods are stable on
** y' = -y / tau only for h / tau below 2 (euler, |1 - h/tau| < 1) and
** 2.7853 (rk4, the real root of x^3 - 4x^2 + 12x - 24); a step may use half
** of that: sim.dt <= tau (euler) and sim.dt <= 1.3926 tau (rk4) for every
** time constant tau: budget.drawdown_years, procurement.delay_years / 3
** (each stage of the third-order delay), legacy.lifetime_years,
** legacy.min_modernisation_years, services.min_delivery_years,
** adoption.drop_years, resistance.drift_years and workforce.skill_half_life
** / ln 2. rkf45 controls its own step and has no such rule.
*/
#include <sys/stat.h>

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "modelversion.h"
#include "numfmt.h"
#include "profile.h"
#include "registry.h"
#include "rfile.h"
#include "scenario.h"
#include "scenfile.h"
#include "schedule.h"
#include "rules.h"
#include "setting.h"
#include "strbuf.h"
#include "optimline.h"
#include "uncline.h"
#include "version.h"

/* Deepest chain of extends (a bound on recursion, far beyond real use). */
#define SCENARIO_MAX_EXTENDS 16

/* The most bytes of the id the resolved file's first comment shows, so the
** line stays within SCENFILE_MAX_LINE. */
#define SCENARIO_ID_SHOWN 100

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

/* The files being loaded, outermost first, for cycle detection: a file is
** known by its device and inode, whatever path leads to it. */
struct chain {
	dev_t dev[SCENARIO_MAX_EXTENDS + 1];
	ino_t ino[SCENARIO_MAX_EXTENDS + 1];
	const char *shown[SCENARIO_MAX_EXTENDS + 1];
	size_t n;
};

/*
** Adds an error about the file `file` at `line` to el, and marks every key
** (setting_mark_bad): after a file or its values are missing, no rule
** between keys is checked. Returns -1.
*/
static int lost(struct scenario *sc, struct errlist *el, const char *file, long line,
                const char *key, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int lost(struct scenario *sc, struct errlist *el, const char *file, long line,
                const char *key, const char *fmt, ...)
{
	struct err e;
	va_list ap;

	va_start(ap, fmt);
	err_setv(&e, file, line, key, fmt, ap);
	va_end(ap);
	setting_mark_bad(&sc->as, NULL);
	return errlist_add(el, &e);
}

static int load_file(struct scenario *sc, const char *path, struct chain *ch,
                     const char *from, long from_line, struct errlist *el);

/*
** Loads the file that `path` extends (ext) into sc, with ch holding the
** files already open. Adds its errors to el; returns 0 or -1.
*/
static int load_base(struct scenario *sc, const char *path,
                     const struct setting *ext, struct chain *ch, struct errlist *el)
{
	struct strbuf msg = STRBUF_INIT;
	struct stat st;
	char *base;
	int rc;

	if (!(base = join_dir(path, ext->text)))
		return lost(sc, el, path, ext->line, "scenario.extends", "out of memory");
	for (size_t i = 0; stat(base, &st) == 0 && i < ch->n; i++) {
		if (st.st_dev != ch->dev[i] || st.st_ino != ch->ino[i])
			continue;
		for (size_t j = i; j < ch->n; j++)
			strbuf_printf(&msg, "%s -> ", ch->shown[j]);
		lost(sc, el, path, ext->line, "scenario.extends",
		     "extends cycle: %s%s", strbuf_str(&msg), base);
		strbuf_free(&msg);
		free(base);
		return -1;
	}
	if (ch->n == SCENARIO_MAX_EXTENDS) {
		lost(sc, el, path, ext->line, "scenario.extends", "extends chain "
		     "deeper than %d files; allowed: at most %d",
		     SCENARIO_MAX_EXTENDS, SCENARIO_MAX_EXTENDS);
		free(base);
		return -1;
	}
	rc = load_file(sc, base, ch, path, ext->line, el);
	free(base);
	return rc;
}

/* Appends the values of l to sc in order, and its marks of keys whose
** section had a mistake; l is emptied (its texts move). */
static int take_values(struct scenario *sc, struct setting_list *l)
{
	for (size_t i = 0; i < P_COUNT; i++)
		sc->as.bad[i] |= l->bad[i];
	for (size_t i = 0; i < l->n; i++) {
		if (setting_push(&sc->as, &l->a[i]))
			return -1;
		l->a[i].text = NULL;
	}
	if (uncline_take(&sc->as, l) || optimline_take(&sc->as, l))
		return -1;
	setting_list_free(l);
	return 0;
}

/*
** Loads path and what it extends into sc: the base's values first, then
** this file's. from/from_line name the extends line that led here (NULL for
** the scenario itself), where an error opening the file is reported. Goes
** on after a mistake in the file (its base is still read, when the file
** names one), adding every error to el: this file's in line order, then
** its base's. Returns 0, or -1 when it added an error.
*/
static int load_file(struct scenario *sc, const char *path, struct chain *ch,
                     const char *from, long from_line, struct errlist *el)
{
	struct setting_list own = { 0 };
	const struct setting *ext;
	const struct stat *st;
	struct rfile *f;
	struct err oe;
	int src, rc;

	if (rfile_open(path, RFILE_SCENARIO_MAX_BYTES, SCENFILE_MAX_LINE, &f, &oe)) {
		if (from)
			return lost(sc, el, from, from_line, "scenario.extends",
			            "scenario.extends: '%s': %s", path, oe.msg);
		setting_mark_bad(&sc->as, NULL);
		return errlist_add(el, &oe);
	}
	if ((src = add_file(sc, path)) < 0) {
		rfile_close(f);
		return lost(sc, el, path, 0, "", "out of memory");
	}
	st = rfile_stat(f);
	ch->dev[ch->n] = st->st_dev;
	ch->ino[ch->n] = st->st_ino;
	ch->shown[ch->n++] = path;
	rc = scenfile_read(f, path, src, &own, el);
	rfile_close(f);
	ext = setting_last(&own, PARAM_DEF(P_scenario_extends), "");
	if (ext && load_base(sc, path, ext, ch, el))
		rc = -1;
	if (take_values(sc, &own))
		rc = lost(sc, el, path, 0, "", "out of memory");
	setting_list_free(&own);
	ch->n--;
	return rc;
}

/* ---- the schedule file ------------------------------------------------------ */

/*
** Reads the CSV file named by the winning allocation.schedule (if any) and
** inserts its cells right after that value, with the precedence of the INI
** file that names it. Adds every error to el; returns 0 or -1.
*/
static int load_schedule(struct scenario *sc, struct errlist *el)
{
	const struct setting *at = setting_last(&sc->as, PARAM_DEF(P_allocation_schedule), "");
	struct schedule_cell *cells = NULL;
	struct setting_list tail = { 0 };
	size_t ncells = 0, pos;
	const char *ini;
	struct rfile *f;
	struct err oe;
	char *path;
	int src = 0, rc = 0;
	const size_t before = el->total;

	if (!at)
		return 0;
	ini = sc->files[at->src];
	pos = (size_t)(at - sc->as.a) + 1;
	if (!(path = join_dir(ini, at->text)))
		return lost(sc, el, ini, at->line, "allocation.schedule", "out of memory");
	if (rfile_open(path, RFILE_SCHEDULE_MAX_BYTES, RFILE_CSV_MAX_LINE, &f, &oe)) {
		rc = lost(sc, el, ini, at->line, "allocation.schedule", "allocation."
		          "schedule: '%s': %s", path, oe.msg);
		free(path);
		return rc;
	}
	rc = schedule_read_all(f, path, &cells, &ncells, el);
	rfile_close(f);
	if (rc) {
		setting_mark_bad(&sc->as, "schedule");
	} else if ((src = add_file(sc, path)) < 0) {
		rc = lost(sc, el, path, 0, "", "out of memory");
	}
	/* A year and domain of the CSV also in the file's [schedule@YEAR]:
	** every such cell is an error. */
	for (size_t i = 0; rc == 0 && i < ncells; i++) {
		const struct schedule_cell *c = &cells[i];
		for (size_t j = 0; j < sc->as.n; j++) {
			const struct setting *o = &sc->as.a[j];
			if (o->def == c->def && o->year == c->year && o->src == at->src) {
				struct err e;
				err_set(&e, path, c->line, c->def->name, "column '%s': "
				        "year %ld is also set in [schedule@%ld] at %s:%ld",
				        c->def->key, c->year, c->year, ini, o->line);
				errlist_add(el, &e);
				setting_mark_bad(&sc->as, "schedule");
				break;
			}
		}
	}
	/* Moves the values after pos aside, appends the cells, then them. */
	for (size_t i = pos; rc == 0 && i < sc->as.n; i++)
		if (setting_push(&tail, &sc->as.a[i]))
			rc = lost(sc, el, path, 0, "", "out of memory");
	if (rc == 0)
		sc->as.n = pos;
	for (size_t i = 0; rc == 0 && i < ncells; i++) {
		struct setting a = { cells[i].def, cells[i].year, cells[i].value, NULL,
		                    src, cells[i].line, "" };
		if (setting_push(&sc->as, &a))
			rc = lost(sc, el, path, 0, "", "out of memory");
	}
	if (rc == 0 && take_values(sc, &tail))
		rc = lost(sc, el, path, 0, "", "out of memory");
	free(tail.a);
	free(cells);
	free(path);
	return el->total > before ? -1 : 0;
}

/* ---- the public interface ------------------------------------------------- */

int scenario_load_all(const char *path, struct scenario **out, struct errlist *el)
{
	struct scenario *sc = calloc(1, sizeof *sc);
	struct chain ch = { .n = 0 };
	const char *base = strrchr(path, '/');
	const size_t before = el->total;
	struct err e;
	size_t n;

	*out = NULL;
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
		n -= 4;
	if (!sc || !(sc->id = malloc(n + 1))) {
		free(sc);
		err_set(&e, path, 0, "", "out of memory");
		return errlist_add(el, &e);
	}
	snprintf(sc->id, n + 1, "%s", base);
	load_file(sc, path, &ch, NULL, 0, el);
	load_schedule(sc, el);
	*out = sc;
	return el->total > before ? -1 : 0;
}

int scenario_load(const char *path, struct scenario **out, struct err *e)
{
	struct errlist el = { NULL, 0, 0 };
	struct scenario *sc;

	*out = NULL;
	if (scenario_load_all(path, &sc, &el) == 0) {
		*out = sc;
		return 0;
	}
	errlist_first(&el, e);
	errlist_free(&el);
	scenario_free(sc);
	return -1;
}

/* --set section.key=value, section@YEAR.key=value or kind.NAME.key=value:
** split at the '=' and the last '.' before it, then the one door. */
int scenario_set(struct scenario *sc, const char *assignment, struct err *e)
{
	const struct setting_origin o = { SETTING_SRC_SET, "", 0, 0, NULL };
	const char *eq = strchr(assignment, '='), *lhs;
	char *header = NULL;
	size_t n, dot;
	int rc;

	if (!eq)
		return err_set(e, "", 0, "", "--set %s: expected section.key=value", assignment);
	lhs = assignment + strspn(assignment, " \t");
	n = (size_t)(eq - lhs);
	while (n && (lhs[n - 1] == ' ' || lhs[n - 1] == '\t'))
		n--;
	for (dot = n; dot > 0 && lhs[dot - 1] != '.'; dot--)
		;
	if (!(header = malloc(n + 1)))
		return err_set(e, "", 0, "", "out of memory");
	memcpy(header, lhs, n);
	header[n] = '\0';
	if (dot == 0) {
		err_set(e, "", 0, header, "--set %s: expected section.key=value", header);
		free(header);
		return -1;
	}
	header[dot - 1] = '\0';
	rc = setting_apply(&sc->as, &o, header, header + dot, eq + 1, e);
	free(header);
	return rc;
}

/* ---- resolving ------------------------------------------------------------ */

/* ---- named sections --------------------------------------------------------- */

/* The index of s's NAME among its kind in nm, or -1. */
static int named_index(const struct rules_named *nm, const struct setting *s)
{
	int k = params_named_kind(s->def->section);

	for (size_t i = 0; k >= 0 && i < nm->n[k]; i++)
		if (strcmp(nm->name[k][i], s->inst) == 0)
			return (int)i;
	return -1;
}

/* Collects the NAMEs of sc's named sections into nm; more than
** PARAMS_NAMED_MAX of one kind is an error at the first one too many. */
static int named_collect(const struct scenario *sc, struct rules_named *nm, struct err *e)
{
	memset(nm, 0, sizeof *nm);
	for (size_t i = 0; i < sc->as.n; i++) {
		const struct setting *s = &sc->as.a[i];
		int k;
		if (!s->inst[0] || named_index(nm, s) >= 0)
			continue;
		k = params_named_kind(s->def->section);
		if (nm->n[k] == PARAMS_NAMED_MAX)
			return setting_fail((const char *const *)sc->files, s, e, s->def->section,
			                    "[%s.%s] is one [%s.NAME] section too many; allowed: "
			                    "at most %d", s->def->section, s->inst,
			                    s->def->section, PARAMS_NAMED_MAX);
		snprintf(nm->name[k][nm->n[k]++], PARAMS_NAME_LEN, "%s", s->inst);
	}
	return 0;
}

/* ---- resolving ------------------------------------------------------------ */

/*
** The parameters of every fiscal year. With derive, every auto value is
** replaced by its derived value (models/profile.c); without, auto stays
** (for the resolved scenario's text). The rules are checked on derived
** values either way, and every broken rule is added to el: the first
** year's rules in the order of rules.def, then the shares of each year (a
** sum blamed on the same value as the year before is not added again).
** skip (NULL: none) marks keys whose rules are not checked (rules_scope).
** Returns 0 with *years owned by the caller, or -1 with *years NULL.
*/
static int resolve_all(const struct scenario *sc, struct model_params **years,
                       size_t *nyears, int derive, const unsigned char *skip,
                       struct errlist *el)
{
	struct model_params base, first, *out;
	struct rules_named nm;
	const struct rules_scope scope = { &sc->as, (const char *const *)sc->files, &nm, skip };
	struct err e, last;
	const size_t before = el->total;
	long start;
	size_t n;

	*years = NULL;
	*nyears = 0;
	params_defaults(&base);
	if (named_collect(sc, &nm, &e))
		return errlist_add(el, &e);
	for (int k = 0; k < NAMED_COUNT; k++)
		base.named_count[k] = nm.n[k];
	for (size_t i = 0; i < sc->as.n; i++) {
		const struct setting *s = &sc->as.a[i];
		if (s->year == 0 && s->def->kind != PK_TEXT)
			params_slot(&base, s->def)[s->inst[0] ? named_index(&nm, s) : 0] = s->value;
	}
	first = base;
	profile_derive(&first, NULL);
	/* An unset step is the longest the rules allow (MODEL.md 9.6). */
	if (!setting_last(&sc->as, PARAM_DEF(P_sim_dt), ""))
		base.sim_dt = first.sim_dt = rules_default_dt(&first);
	rules_check(&scope, &first, el);
	start = (long)base.sim_start_year;
	n = (size_t)base.sim_years;
	if (!(out = malloc(n * sizeof *out))) {
		err_set(&e, "", 0, "", "out of memory");
		return errlist_add(el, &e);
	}
	err_clear(&last);
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
		if (derive)
			profile_derive(&out[k], k ? &out[0] : NULL);
		if (rules_check_year(&scope, &out[k], y, &e) &&
		    (strcmp(e.file, last.file) || e.line != last.line || strcmp(e.key, last.key))) {
			errlist_add(el, &e);
			last = e;
		}
	}
	if (el->total > before) {
		free(out);
		return -1;
	}
	*years = out;
	*nyears = n;
	return 0;
}

/* resolve_all with every rule checked, giving its first error in e. */
static int resolve(const struct scenario *sc, struct model_params **years, size_t *nyears,
                   int derive, struct err *e)
{
	struct errlist el = { NULL, 0, 0 };

	if (resolve_all(sc, years, nyears, derive, NULL, &el) == 0)
		return 0;
	errlist_first(&el, e);
	errlist_free(&el);
	return -1;
}

int scenario_resolve(const struct scenario *sc, struct model_params **years,
                     size_t *nyears, struct err *e)
{
	return resolve(sc, years, nyears, 1, e);
}

int scenario_resolve_raw(const struct scenario *sc, struct model_params **years,
                         size_t *nyears, struct err *e)
{
	return resolve(sc, years, nyears, 0, e);
}

int scenario_check(const struct scenario *sc, struct errlist *el)
{
	struct model_params *years;
	size_t n;

	if (resolve_all(sc, &years, &n, 1, sc->as.bad, el) != 0)
		return -1;
	free(years);
	return 0;
}

int scenario_warnings(const struct scenario *sc,
                      void (*emit)(const struct err *w, void *ctx), void *ctx)
{
	struct model_params *yr;
	struct rules_named nm;
	const struct rules_scope scope = { &sc->as, (const char *const *)sc->files, &nm, NULL };
	struct err e;
	size_t n;
	int count;

	if (named_collect(sc, &nm, &e) || resolve(sc, &yr, &n, 1, &e))
		return 0;
	count = rules_warn(&scope, &yr[0], emit, ctx);
	free(yr);
	return count;
}

int scenario_check_years(const struct scenario *sc, const struct model_params *years,
                         size_t n, struct err *e)
{
	struct rules_named nm;
	const struct rules_scope scope = { &sc->as, (const char *const *)sc->files, &nm, NULL };
	struct errlist el = { NULL, 0, 0 };

	if (n == 0)
		return err_set(e, "", 0, "", "no fiscal year to check");
	if (named_collect(sc, &nm, e))
		return -1;
	if (rules_check(&scope, &years[0], &el)) {
		errlist_first(&el, e);
		errlist_free(&el);
		return -1;
	}
	for (size_t k = 0; k < n; k++)
		if (rules_check_year(&scope, &years[k], (long)years[0].sim_start_year + (long)k, e))
			return -1;
	return 0;
}

void scenario_named_name(const struct scenario *sc, enum params_named k, size_t i,
                         char buf[PARAMS_NAME_LEN])
{
	struct rules_named nm;
	struct err e;

	buf[0] = '\0';
	if (named_collect(sc, &nm, &e) == 0 && i < nm.n[k])
		snprintf(buf, PARAMS_NAME_LEN, "%s", nm.name[k][i]);
}

const struct setting_list *scenario_settings(const struct scenario *sc)
{
	return &sc->as;
}

const char *scenario_file(const struct scenario *sc, int src)
{
	return src >= 0 && (size_t)src < sc->nfiles ? sc->files[src] : "";
}

const char *scenario_id(const struct scenario *sc)
{
	return sc->id;
}

/*
** A translated text (scenario.name_de) belongs to the text it translates
** (scenario.name): it is used only when set in the same file as that text
** (or both with --set) or after it (a later file, --set). One set in a base file whose name the
** extending file overrides translates another scenario's name and is
** passed over, so a German chart never shows the base scenario's title.
*/
const char *scenario_text(const struct scenario *sc, enum param_id id)
{
	static const enum param_id translated[][2] = {
		{ P_scenario_name_de, P_scenario_name },
		{ P_scenario_description_de, P_scenario_description },
	};
	const struct setting *s = setting_last(&sc->as, PARAM_DEF(id), "");

	for (size_t k = 0; s && k < sizeof translated / sizeof translated[0]; k++)
		if (id == translated[k][0]) {
			const struct setting *o = setting_last(&sc->as, PARAM_DEF(translated[k][1]), "");

			if (o && o > s && o->src != s->src)
				s = NULL;
		}
	if (s && s->text && s->text[0])
		return s->text;
	return id == P_scenario_name ? sc->id : "";
}

const char *scenario_text_de(const struct scenario *sc, enum param_id id, int de)
{
	const char *t = !de ? "" : id == P_scenario_name ? scenario_text(sc, P_scenario_name_de)
	              : id == P_scenario_description ? scenario_text(sc, P_scenario_description_de)
	              : "";

	return t[0] ? t : scenario_text(sc, id);
}

void scenario_text_where(const struct scenario *sc, enum param_id id, const char **file,
                         long *line)
{
	const struct setting *s = setting_last(&sc->as, PARAM_DEF(id), "");

	*file = s && s->src != SETTING_SRC_SET ? sc->files[s->src] : NULL;
	*line = s ? s->line : 0;
}

/* ---- writing -------------------------------------------------------------- */

/* Writes "key = value" for the numeric parameter d in p (slot i of a
** named one); an auto value is followed by a comment with its derived
** value in dp (when dp is not NULL). */
static void write_value(FILE *f, const struct param_def *d,
                        const struct model_params *p, size_t i,
                        const struct model_params *dp)
{
	struct strbuf v = STRBUF_INIT;
	double x = params_cslot(p, d)[i];

	registry_format(d, x, &v);
	fprintf(f, "%s = %s\n", d->key, strbuf_str(&v));
	if (dp && params_is_auto(x)) {
		strbuf_reset(&v);
		registry_format(d, params_cslot(dp, d)[i], &v);
		fprintf(f, "; derived: %s = %s\n", d->key, strbuf_str(&v));
	}
	strbuf_free(&v);
}

/* Writes the text parameter `key` = text as setting_text_format gives it
** (bare, or quoted and continued on indented lines), then a newline. */
static int write_text(FILE *f, const char *key, const char *text)
{
	char *s = setting_text_format(key, text, SCENFILE_MAX_LINE);

	if (!s)
		return -1;
	fprintf(f, "%s\n", s);
	free(s);
	return 0;
}

/* Copies the id for a comment line into buf (SCENARIO_ID_SHOWN + 4
** bytes): control characters become '?', a long id ends in "...", so the
** line reads back as one comment line of at most SCENFILE_MAX_LINE bytes. */
static void comment_id(const char *id, char *buf)
{
	size_t n = 0;

	for (; id[n] && n < SCENARIO_ID_SHOWN; n++)
		buf[n] = (unsigned char)id[n] < 0x20 || id[n] == 0x7f ? '?' : id[n];
	if (id[n]) {
		while (n && ((unsigned char)id[n] & 0xC0) == 0x80)
			n--;
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
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
	struct model_params *yr, *dy;
	char id[SCENARIO_ID_SHOWN + 4];
	struct rules_named nm;
	struct err e;
	size_t n;

	if (named_collect(sc, &nm, &e) || resolve(sc, &yr, &n, 0, &e))
		return -1;
	if (resolve(sc, &dy, &n, 1, &e)) {
		free(yr);
		return -1;
	}
	comment_id(sc->id, id);
	fprintf(f, "; dtsim scenario '%s', resolved: every parameter, year blocks "
	        "and the schedule inline.\n", id);
	fprintf(f, "; written by dtsim " DTSIM_VERSION ", model " MODEL_VERSION "\n");
	for (size_t i = 0; i < params_count; i++) {
		const char *sec = params_table[i].section;
		if (!first_of_section(i) || strcmp(sec, "schedule") == 0 ||
		    (params_table[i].flags & PF_NAMED))
			continue;
		fprintf(f, "\n[%s]\n", sec);
		for (size_t j = i; j < params_count; j++) {
			const struct param_def *d = &params_table[j];
			const char *t;
			if (strcmp(d->section, sec) != 0 || (d->flags & PF_FILE))
				continue;
			if (d->kind != PK_TEXT)
				write_value(f, d, &yr[0], 0, &dy[0]);
			else if ((t = scenario_text(sc, (enum param_id)(d - params_table)))[0] &&
			         write_text(f, d->key, t)) {
				free(yr);
				free(dy);
				return -1;
			}
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
				write_value(f, d, &yr[k], 0, &dy[k]);
			}
		}
	for (int k = 0; k < NAMED_COUNT; k++)
		for (size_t i = 0; i < nm.n[k]; i++) {
			fprintf(f, "\n[%s.%s]\n", params_named_sections[k], nm.name[k][i]);
			for (size_t j = 0; j < params_count; j++)
				if (strcmp(params_table[j].section, params_named_sections[k]) == 0)
					write_value(f, &params_table[j], &yr[0], i, &dy[0]);
		}
	for (size_t k = 0; k < n; k++) {
		if (!yr[k].schedule_active)
			continue;
		fprintf(f, "\n[schedule@%.0f]\n", yr[0].sim_start_year + (double)k);
		for (size_t i = 0; i < params_count; i++)
			if (params_table[i].flags & PF_SCHEDULE)
				write_value(f, &params_table[i], &yr[k], 0, NULL);
	}
	free(yr);
	free(dy);
	if (uncline_write(f, &sc->as))
		return -1;
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

/* Writes one line "name = value    # source" of the check listing: the
** value of d (v) and where it came from (s, NULL for the default). */
static void check_line(const struct scenario *sc, FILE *f, const char *name,
                       const struct param_def *d, double v, double derived,
                       const struct setting *s)
{
	struct strbuf left = STRBUF_INIT, src = STRBUF_INIT;

	strbuf_printf(&left, "%s = ", name);
	registry_format(d, v, &left);
	if (params_is_auto(v) && !params_is_auto(derived)) {
		strbuf_printf(&left, " (derived: ");
		registry_format(d, derived, &left);
		strbuf_printf(&left, ")");
	}
	setting_source((const char *const *)sc->files, s, &src);
	fprintf(f, "%-47s # %s\n", strbuf_str(&left), strbuf_str(&src));
	strbuf_free(&left);
	strbuf_free(&src);
}

/* Writes the text parameter `name` = text for the check listing as a
** scenario file would hold it, the source after its first line. */
static int check_text(FILE *f, const char *name, const char *text,
                      const char *src)
{
	char *s = setting_text_format(name, text, SCENFILE_MAX_LINE);
	const char *nl;

	if (!s)
		return -1;
	nl = strchr(s, '\n');
	fprintf(f, "%-47.*s # %s\n", (int)(nl ? (size_t)(nl - s) : strlen(s)), s, src);
	if (nl)
		fprintf(f, "%s\n", nl + 1);
	free(s);
	return 0;
}

int scenario_write_check(const struct scenario *sc, FILE *f)
{
	const struct setting **yb;
	struct strbuf src = STRBUF_INIT;
	char name[160];
	struct rules_named nm;
	struct model_params *dy = NULL;
	struct err e;
	size_t n = 0, ny;
	int rc;

	if (named_collect(sc, &nm, &e))
		return -1;
	/* The derived values of auto parameters, when the scenario resolves. */
	if (resolve(sc, &dy, &ny, 1, &e))
		dy = NULL;
	for (size_t i = 0; i < params_count; i++) {
		const struct param_def *d = &params_table[i];
		const struct setting *s = setting_last(&sc->as, d, "");
		int k = params_named_kind(d->section);
		if (d->flags & PF_SCHEDULE)
			continue;
		for (size_t j = 0; k >= 0 && j < nm.n[k]; j++) {
			s = setting_last(&sc->as, d, nm.name[k][j]);
			snprintf(name, sizeof name, "%s.%s.%s", d->section, nm.name[k][j], d->key);
			check_line(sc, f, name, d, s ? s->value : d->def,
			           dy ? params_cslot(dy, d)[j] : PARAMS_AUTO, s);
		}
		if (k >= 0)
			continue;
		if (d->kind == PK_TEXT) {
			strbuf_reset(&src);
			setting_source((const char *const *)sc->files, s, &src);
			rc = check_text(f, d->name, scenario_text(sc, (enum param_id)(d - params_table)), strbuf_str(&src));
			if (rc) {
				strbuf_free(&src);
				free(dy);
				return -1;
			}
		} else {
			/* An unset sim.dt is the step the run takes (rules_default_dt). */
			double v = s ? s->value : d == PARAM_DEF(P_sim_dt) && dy ? dy->sim_dt : d->def;
			check_line(sc, f, d->name, d, v, dy ? *params_cslot(dy, d) : PARAMS_AUTO, s);
		}
	}
	free(dy);
	strbuf_free(&src);
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
		check_line(sc, f, name, yb[i]->def, yb[i]->value, PARAMS_AUTO, yb[i]);
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
