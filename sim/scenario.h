/*
** scenario.h: scenario files. Loads an INI file (inih) and the files it
** extends, year blocks ([section@YEAR]), an allocation schedule (CSV, libcsv)
** and --set assignments; validates them against the parameter registry; and
** resolves the parameters for every fiscal year. Errors name FILE:LINE.
*/
#ifndef DTSIM_SCENARIO_H
#define DTSIM_SCENARIO_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "params.h"
#include "setting.h"

struct scenario;

/* Loads path and everything it extends. On success *out owns a new scenario
** (free with scenario_free); on failure returns -1, fills e, *out is NULL. */
int scenario_load(const char *path, struct scenario **out, struct err *e);

/*
** Loads path and everything it extends as scenario_load does, but goes on
** after a mistake and adds every error to el, in file order: the file's
** lines, then the file it extends, then the schedule CSV. *out gets the
** scenario as far as it was read (NULL only when memory ran out), for
** scenario_set and scenario_check to find the mistakes that remain; free it
** with scenario_free. Returns 0, or -1 when an error was added.
*/
int scenario_load_all(const char *path, struct scenario **out, struct errlist *el);

/*
** Checks the rules between keys (models/rules.def) on sc as
** scenario_resolve does, and adds every broken rule to el: the first
** year's in the order of rules.def, then the allocation shares of every
** year (a sum blamed on the same value as in the year before counts once).
** A rule with a key whose section had a value rejected (by the file or
** --set) is not checked: its values are not what the user meant. Returns
** 0, or -1 when a rule is broken.
*/
int scenario_check(const struct scenario *sc, struct errlist *el);

/* Applies "section.key=value" or "section@YEAR.key=value" with the highest
** precedence (source "--set"). A text value is bare (blanks around it
** dropped, ';' taken literally) or in double quotes, as scenario.c's header
** describes. Returns -1 and fills e on bad input. */
int scenario_set(struct scenario *sc, const char *assignment, struct err *e);

/*
** The parameters of every fiscal year: *years gets sim.years records (one
** per year from sim.start_year), owned by the caller (free()). Checks the
** rules that span keys (shares sum to 1, dt and report step fit a year).
*/
int scenario_resolve(const struct scenario *sc, struct model_params **years,
                     size_t *nyears, struct err *e);

/* As scenario_resolve, but every value a scenario leaves at "auto" stays
** auto (PARAMS_AUTO): the inputs a sensitivity analysis varies before
** models/profile.c derives the rest. */
int scenario_resolve_raw(const struct scenario *sc, struct model_params **years,
                         size_t *nyears, struct err *e);

/*
** Checks the starting values for contradictions that still run (an
** adoption above its ceiling, an O&M the base budget cannot pay) and passes
** each warning, "FILE:LINE: name = value why" in an err, to emit. Returns
** how many; 0 also when the scenario does not resolve (scenario_resolve
** reports that).
*/
int scenario_warnings(const struct scenario *sc,
                      void (*emit)(const struct err *w, void *ctx), void *ctx);

/*
** Checks years[0..n-1], the parameters of every fiscal year as
** scenario_resolve gave them for sc but changed since (a sensitivity
** analysis varies one parameter), against the rules between keys that
** scenario_resolve checks: those on the first year's values, and those that
** hold in every year. Each value's own range is not checked here. Returns
** 0, or -1 with e filled for the first rule broken (blaming the setting of
** sc that gave the key, with the changed value).
*/
int scenario_check_years(const struct scenario *sc, const struct model_params *years,
                         size_t n, struct err *e);

/* The NAME of the i-th named section of kind k ([grant.NAME], ...) in sc,
** in the order of first appearance (slot i of its keys), copied into buf
** (PARAMS_NAME_LEN bytes); "" when sc has no such section. */
void scenario_named_name(const struct scenario *sc, enum params_named k, size_t i,
                         char buf[PARAMS_NAME_LEN]);

/* The values of sc as written, in order of precedence, and its
** [uncertainty] lines (setting.h); owned by sc. */
const struct setting_list *scenario_settings(const struct scenario *sc);

/* The name of the file with index src (setting.src), as opened; "" for
** --set (SETTING_SRC_SET). */
const char *scenario_file(const struct scenario *sc, int src);

/* The scenario's id: its file name without directory and ".ini". */
const char *scenario_id(const struct scenario *sc);

/* The value of the text parameter id (P_scenario_name, ...) after
** extends; "" when unset. scenario.name defaults to the id; a translation
** (scenario.name_de, description_de) is "" when it was set in a base file
** whose text the scenario overrides (see scenario.c). */
const char *scenario_text(const struct scenario *sc, enum param_id id);

/* The scenario's name (P_scenario_name) or description
** (P_scenario_description) in German when de and the scenario has it
** (scenario.name_de, description_de), else as scenario_text gives it. */
const char *scenario_text_de(const struct scenario *sc, enum param_id id, int de);

/* Where the value of text parameter id comes from: its file and line, or
** NULL and 0 (--set, or unset). */
void scenario_text_where(const struct scenario *sc, enum param_id id, const char **file,
                         long *line);

/* Writes the fully resolved scenario as INI: every parameter, every year
** block and the schedule inline, no extends; texts bare or quoted, so that
** each reads back identically, in lines of at most 197 bytes. Running it
** reproduces the run. */
int scenario_write_resolved(const struct scenario *sc, FILE *f);

/* Writes every resolved parameter with where its value came from:
** "default", "FILE:LINE" or "--set". */
int scenario_write_check(const struct scenario *sc, FILE *f);

void scenario_free(struct scenario *sc);

#endif
