/*
** uncertainty.c: the uncertain parameters of one scenario (uncertainty.h;
** the rules are docs/MODEL.md 17). Everything unc_apply needs is computed
** by unc_build: the value slots, the first-year values, the resolved and
** the raw years, the share slots and whether auto values must be derived
** again; unc_apply only writes numbers.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "dist.h"
#include "profile.h"
#include "uncertainty.h"
#include "uncline.h"
#include "uncrange.h"
#include "registry.h"

/* How close to its mode an end of a default PERT may come, relative to the
** mode plus 1, while unc_build narrows it to keep the rules between keys;
** closer, and the end becomes the mode, the scenario's own value, which
** keeps them (dimensionless). */
#define UNC_NARROW_MIN 1e-9

/* unc_build_keys: how far inside a key's range (a share of the range) its
** mode is kept, so that a scenario value on a bound still gives a PERT
** (dimensionless). */
#define UNC_KEYS_INSET 1e-6

/* The most rounds of narrowing default ranges (each halves an end). */
#define UNC_NARROW_ROUNDS 100

/*
** A PERT's inverse CDF by GSL (gsl_cdf_beta_Pinv, some 10 us a call) would
** cost more than the run it draws for, so unc_tabulate tabulates each PERT:
** the Beta CDF and density (gsl_cdf_beta_P, gsl_ran_beta_pdf) at
** UNC_TAB_CELLS + 1 points evenly spaced in x; a draw finds the cell of q,
** and inverts the cubic Hermite interpolant of the CDF there by a
** safeguarded Newton iteration (at most UNC_TAB_NEWTON steps, to
** UNC_TAB_TOL in the cell's fraction). The first and last cells, where the
** density may vanish, are drawn by gsl_cdf_beta_Pinv itself. The draw is
** within 1e-6 of the range of GSL's everywhere, far closer in the bulk
** (tests/test_uncertainty.c; MODEL.md 17.2).
*/
#define UNC_TAB_CELLS 1024
#define UNC_TAB_NEWTON 30
#define UNC_TAB_TOL 1e-13

/* One uncertain parameter. */
struct unc_entry {
	const struct param_def *def;
	size_t slot;      /* its value: ((double *)&years[y])[slot] */
	char name[96];    /* "legacy.om_rate", "grant.eu.cofunding_share" */
	struct dist d;
	double v0;        /* its first-year value in the scenario */
	int set;          /* a choice: x is the value of every year (no shift) */
	char *where;      /* "FILE:LINE", "--set" or "default"; owned */
	double *tab;      /* a PERT: at each of the UNC_TAB_CELLS + 1 points the
	                  ** CDF and the density times the cell width, side by
	                  ** side (a cell's four values share a cache line);
	                  ** owned, or NULL */
	unsigned *guide;  /* in tab's block: guide[k], the last cell whose CDF at
	                  ** its left end is at most k / UNC_TAB_CELLS */
};

struct unc_set {
	struct unc_entry *e;
	size_t n, nyears;
	struct model_params *base; /* the resolved years */
	struct model_params *raw;  /* the same with auto values left auto */
	size_t share[P_COUNT];     /* the slots of the allocation shares */
	size_t nshare;
	int shares;                /* an allocation share is uncertain */
	int rederive;              /* a drawn parameter feeds an auto value */
	size_t *autos;             /* y * UNC_SLOTS + slot of every value the
	                           ** scenario leaves auto, in rising order
	                           ** (the first year's, below UNC_SLOTS, first) */
	size_t nauto;
};

/* The doubles of struct model_params (vals). */
#define UNC_SLOTS (sizeof(struct model_params) / sizeof(double))

/* The slot of def's value (slot inst of a named key) in struct model_params
** seen as an array of doubles. */
static size_t slot_of(const struct param_def *def, size_t inst)
{
	return def->offset / sizeof(double) + inst;
}

static double *vals(struct model_params *p)
{
	return (double *)p;
}

static const double *cvals(const struct model_params *p)
{
	return (const double *)p;
}

static int tabulate(struct unc_entry *e);

/* ---- applying -------------------------------------------------------------- */

int unc_apply(const struct unc_set *u, const double *x, struct model_params *years,
              size_t nyears)
{
	if (nyears != u->nyears)
		return -1;
	/* What the last call changed besides the drawn values goes back to
	** the scenario's: the shares it renormalised, and the auto values it
	** derived, back to auto (only those: apply runs once a Monte Carlo
	** run, and copying whole years cost more than the rest of it). */
	if (u->rederive)
		for (size_t k = 0; k < u->nauto; k++) {
			const size_t y = u->autos[k] / UNC_SLOTS, s = u->autos[k] % UNC_SLOTS;

			vals(&years[y])[s] = cvals(&u->raw[y])[s];
		}
	if (u->shares)
		for (size_t y = 0; y < nyears; y++)
			for (size_t k = 0; k < u->nshare; k++)
				vals(&years[y])[u->share[k]] = cvals(&u->base[y])[u->share[k]];
	for (size_t i = 0; i < u->n; i++) {
		const struct unc_entry *e = &u->e[i];
		const double lo = e->def->min, hi = e->def->max, delta = x[i] - e->v0;
		for (size_t y = 0; y < nyears; y++) {
			double v = e->set ? x[i] : cvals(&u->base[y])[e->slot] + delta;
			vals(&years[y])[e->slot] = v < lo ? lo : v > hi ? hi : v;
		}
	}
	if (u->shares)
		for (size_t y = 0; y < nyears; y++) {
			double sum = 0.0;
			for (size_t k = 0; k < u->nshare; k++)
				sum += vals(&years[y])[u->share[k]];
			if (!(sum > 0.0))
				return -1;
			for (size_t k = 0; k < u->nshare; k++)
				vals(&years[y])[u->share[k]] /= sum;
		}
	if (u->rederive)
		for (size_t y = 0; y < nyears; y++)
			if (profile_derive(&years[y], y ? &years[0] : NULL))
				return -1;
	return 0;
}

/* ---- building ---------------------------------------------------------------- */

/* Appends an entry for def (slot inst) with distribution d, from line
** (NULL: the default). Returns 0, or -1 when memory runs out. */
static int add(struct unc_set *u, const struct scenario *sc, const struct param_def *def,
               size_t inst, const char *iname, const struct dist *d,
               const struct setting_unc *line)
{
	struct unc_entry *e, *grown = realloc(u->e, (u->n + 1) * sizeof *grown);
	struct strbuf w = STRBUF_INIT;

	if (!grown)
		return -1;
	u->e = grown;
	e = &u->e[u->n];
	memset(e, 0, sizeof *e);
	e->def = def;
	e->slot = slot_of(def, inst);
	if (iname[0])
		snprintf(e->name, sizeof e->name, "%s.%s.%s", def->section, iname, def->key);
	else
		snprintf(e->name, sizeof e->name, "%s", def->name);
	e->d = *d;
	e->v0 = cvals(&u->base[0])[e->slot];
	e->set = d->fam == DIST_CHOICE;
	if (!line)
		strbuf_printf(&w, "default");
	else if (line->src == SETTING_SRC_SET)
		strbuf_printf(&w, "--set");
	else
		strbuf_printf(&w, "%s:%ld", scenario_file(sc, line->src), line->line);
	if (!(e->where = strbuf_take(&w)))
		return -1;
	u->n++;
	return 0;
}

/* Adds the entries of every parameter, in params.def order (a named key's
** sections in the scenario's order). Returns 0, or -1 with the error in
** el. */
static int collect(struct unc_set *u, const struct scenario *sc, struct errlist *el)
{
	const struct setting_list *as = scenario_settings(sc);
	const size_t before = el->total;
	struct err e;

	/* Lines for a named section the scenario does not have. */
	for (size_t i = 0; i < as->nu; i++) {
		const struct setting_unc *l = &as->u[i];
		int k = params_named_kind(l->def->section), found = 0;
		char nm[PARAMS_NAME_LEN];
		if (!l->inst[0])
			continue;
		for (size_t j = 0; k >= 0 && j < u->base[0].named_count[k]; j++) {
			scenario_named_name(sc, (enum params_named)k, j, nm);
			found |= strcmp(nm, l->inst) == 0;
		}
		if (!found) {
			err_set(&e, scenario_file(sc, l->src), l->line, l->def->name,
			        "%s%s.%s.%s: the scenario has no [%s.%s]; allowed: the named "
			        "sections it has", l->src == SETTING_SRC_SET ? "--set uncertainty." : "",
			        l->def->section, l->inst, l->def->key, l->def->section, l->inst);
			errlist_add(el, &e);
		}
	}
	for (size_t id = 0; id < P_COUNT; id++) {
		const struct param_def *def = &params_table[id];
		const struct setting_unc *l;
		const struct uncrange *r;
		struct dist d;

		if (def->kind == PK_TEXT || def->kind == PK_SET)
			continue;
		if (def->flags & PF_NAMED) {
			int k = params_named_kind(def->section);
			for (size_t j = 0; j < u->base[0].named_count[k]; j++) {
				char nm[PARAMS_NAME_LEN];
				scenario_named_name(sc, (enum params_named)k, j, nm);
				l = uncline_last(as, def, nm);
				if (l && l->d.fam != DIST_OFF && add(u, sc, def, j, nm, &l->d, l))
					goto oom;
			}
			continue;
		}
		if ((l = uncline_last(as, def, "")) != NULL) {
			if (l->d.fam != DIST_OFF && add(u, sc, def, 0, "", &l->d, l))
				goto oom;
			continue;
		}
		if (!(r = uncrange_of(id)))
			continue;
		if (dist_pert(def, r->min, uncrange_mode(r, cvals(&u->base[0])[slot_of(def, 0)]),
		              r->max, &d)) {
			err_set(&e, "", 0, def->name, "%s: the range %g to %g of models/uncertainty.def "
			        "lies outside the key's range", def->name, r->min, r->max);
			errlist_add(el, &e);
			continue;
		}
		if (add(u, sc, def, 0, "", &d, NULL))
			goto oom;
	}
	return el->total > before ? -1 : 0;
oom:
	err_set(&e, "", 0, "", "out of memory");
	return errlist_add(el, &e);
}

/* Whether drawing entry i at either end of its support changes an auto
** value that the scenario leaves auto: then unc_apply derives them again. */
static int feeds_auto(const struct unc_set *u, size_t i)
{
	const struct unc_entry *e = &u->e[i];

	for (int end = 0; end < 2; end++) {
		struct model_params p = u->raw[0];
		double v = cvals(&u->base[0])[e->slot] + dist_quantile(&e->d, end) - e->v0;
		vals(&p)[e->slot] = e->set ? dist_quantile(&e->d, end) : v;
		if (profile_derive(&p, NULL))
			return 1;
		for (size_t k = 0; k < u->nauto && u->autos[k] < UNC_SLOTS; k++) {
			const size_t s = u->autos[k];

			if (s != e->slot && cvals(&p)[s] != cvals(&u->base[0])[s])
				return 1;
		}
	}
	return 0;
}

/* ---- the rules between keys -------------------------------------------------- */

/* The scratch of the rule check: a draw and the years it gives. */
struct probe {
	struct unc_set *u;
	const struct scenario *sc;
	double *x, *lo, *hi, *nom;
	struct model_params *years;
	unsigned char *blamed;
	struct errlist *el;
	struct err e;
	size_t narrowed;  /* default ends moved toward the mode this round */
};

/* Applies p->x and checks the rules; 0 when they hold, else -1 with p->e. */
static int probe_test(struct probe *p)
{
	memcpy(p->years, p->u->base, p->u->nyears * sizeof *p->years);
	if (unc_apply(p->u, p->x, p->years, p->u->nyears))
		return err_set(&p->e, "", 0, "", "no allocation share stays positive, or the "
		               "portfolio value (legacy.portfolio_value_eur auto) is not positive");
	return scenario_check_years(p->sc, p->years, p->u->nyears, &p->e);
}

/* Reports the broken rule in p->e against entry i (once per entry): at its
** [uncertainty] line, or naming its default. */
static void blame_error(struct probe *p, size_t i)
{
	const struct unc_entry *en = &p->u->e[i];
	struct strbuf d = STRBUF_INIT;
	char file[sizeof p->e.file];
	long line = 0;
	struct err e;
	const char *colon = strrchr(en->where, ':');
	char *cut;

	if (p->blamed[i])
		return;
	p->blamed[i] = 1;
	/* The rule's own "allowed" is about values; what is allowed here is
	** a distribution. */
	if ((cut = strstr(p->e.msg, "; allowed:")) != NULL)
		*cut = '\0';
	dist_format(&en->d, en->def, &d);
	snprintf(file, sizeof file, "%s", scenario_file(p->sc, 0));
	if (colon && strcmp(en->where, "--set") != 0) {
		snprintf(file, sizeof file, "%.*s", (int)(colon - en->where), en->where);
		line = strtol(colon + 1, NULL, 10);
	}
	if (strcmp(en->where, "--set") == 0)
		file[0] = '\0';
	err_set(&e, file, line, en->name, "%s%s %s %s could break a rule between keys in "
	        "some draws: %s; allowed: a distribution whose every draw keeps the rule%s%s%s",
	        strcmp(en->where, "--set") == 0 ? "--set uncertainty." : "", en->name,
	        line || !strcmp(en->where, "--set") ? "=" : "(the default)", strbuf_str(&d),
	        p->e.msg, line ? "" : ", set in [uncertainty], or ", line ? "" : en->name,
	        line ? "" : " = off");
	errlist_add(p->el, &e);
	strbuf_free(&d);
}

/*
** Reports the broken rule in p->e against entry i (once per entry) at its
** [uncertainty] line. A default distribution is not an error: its end that
** p->x reached moves half way to the mode (p->narrowed counts it), and the
** corners are tried again.
*/
static void blame(struct probe *p, size_t i)
{
	struct unc_entry *ed = &p->u->e[i];

	if (strcmp(ed->where, "default") == 0) {
		double a = ed->d.a, b = ed->d.b, m = ed->d.m, tol = UNC_NARROW_MIN * (fabs(m) + 1.0);
		int lower = p->x[i] < m;
		if (lower)
			a = m - a <= tol ? m : m + (a - m) / 2.0;
		else
			b = b - m <= tol ? m : m + (b - m) / 2.0;
		if ((lower ? ed->d.a != m : ed->d.b != m) && dist_pert(ed->def, a, m, b, &ed->d) == 0) {
			p->narrowed++;
			return;
		}
	}
	blame_error(p, i);
}

/*
** Blames the parameters that x moves from the scenario's values for the
** rule broken at x (p->e): those which, put back alone, keep the rule; when
** none does, every moved one (defaults are narrowed, lines are errors).
*/
static void blame_rule(struct probe *p)
{
	const size_t n = p->u->n;
	struct err broken = p->e;
	size_t found = 0;

	for (size_t i = 0; i < n; i++) {
		double xi = p->x[i];
		int keeps;
		if (xi == p->nom[i])
			continue;
		p->x[i] = p->nom[i];
		keeps = probe_test(p) == 0;
		p->x[i] = xi;
		if (keeps) {
			p->e = broken;
			blame(p, i);
			found++;
		}
	}
	p->e = broken;
	for (size_t i = 0; i < n && !found; i++)
		if (p->x[i] != p->nom[i])
			blame(p, i);
}

/* The room the first year's O&M share leaves (MODEL.md 3.1) at draw x. */
static double om_room(struct probe *p)
{
	memcpy(p->years, p->u->base, p->u->nyears * sizeof *p->years);
	if (unc_apply(p->u, p->x, p->years, p->u->nyears))
		return -HUGE_VAL;
	return p->years[0].budget_om_share_initial - profile_digital_om_share(&p->years[0]);
}

/*
** Tries the corners of the supports that can break a rule (each rule of
** rules.def is monotone in each key): every parameter alone at either end;
** all at their lower, all at their upper ends, and each flipped from
** those; and the corner that leaves the O&M share least room, found one
** parameter at a time. Adds an error per parameter blamed. Returns 0 when
** every corner keeps the rules, else -1.
*/
static int check_rules(struct unc_set *u, const struct scenario *sc, struct errlist *el)
{
	struct probe p = { u, sc, NULL, NULL, NULL, NULL, NULL, NULL, el, { "", 0, "", "" }, 0 };
	size_t round = 0;
	const size_t n = u->n, before = el->total;
	int rc = 0;

	p.x = malloc((4 * n + 1) * sizeof *p.x);
	p.years = malloc(u->nyears * sizeof *p.years);
	p.blamed = calloc(n + 1, 1);
	if (!p.x || !p.years || !p.blamed) {
		err_set(&p.e, "", 0, "", "out of memory");
		errlist_add(el, &p.e);
		rc = -1;
		goto done;
	}
	p.lo = p.x + n;
	p.hi = p.lo + n;
	p.nom = p.hi + n;
again:
	p.narrowed = 0;
	for (size_t i = 0; i < n; i++) {
		p.lo[i] = dist_quantile(&u->e[i].d, 0.0);
		p.hi[i] = dist_quantile(&u->e[i].d, 1.0);
		p.nom[i] = u->e[i].v0;
	}
	for (size_t i = 0; i < n; i++)
		for (int end = 0; end < 2; end++) {
			memcpy(p.x, p.nom, n * sizeof *p.x);
			p.x[i] = end ? p.hi[i] : p.lo[i];
			if (probe_test(&p))
				blame(&p, i);
		}
	/* The combinations once every parameter alone keeps the rules. */
	if (p.narrowed || el->total > before)
		goto next;
	for (int end = 0; end < 2; end++) {
		const double *all = end ? p.hi : p.lo, *other = end ? p.lo : p.hi;
		memcpy(p.x, all, n * sizeof *p.x);
		if (probe_test(&p))
			blame_rule(&p);
		for (size_t i = 0; i < n; i++) {
			memcpy(p.x, all, n * sizeof *p.x);
			p.x[i] = other[i];
			if (probe_test(&p))
				blame_rule(&p);
		}
	}
	memcpy(p.x, p.nom, n * sizeof *p.x);
	for (size_t i = 0; i < n; i++) {
		double r_lo, r_hi;
		p.x[i] = p.lo[i];
		r_lo = om_room(&p);
		p.x[i] = p.hi[i];
		r_hi = om_room(&p);
		p.x[i] = r_lo < r_hi ? p.lo[i] : p.hi[i];
	}
	if (probe_test(&p))
		blame_rule(&p);
next:
	if (p.narrowed && el->total == before && ++round < UNC_NARROW_ROUNDS)
		goto again;
	if (p.narrowed && el->total == before) {
		err_set(&p.e, scenario_file(sc, 0), 0, "", "the default distributions cannot be "
		        "narrowed to keep the rules between keys; allowed: distributions in "
		        "[uncertainty] whose every draw keeps them");
		errlist_add(el, &p.e);
	}
	rc = el->total > before ? -1 : 0;
done:
	free(p.x);
	free(p.years);
	free(p.blamed);
	return rc;
}

/*
** Completes u, whose entries are collected: the share slots, whether auto
** values must be derived again, the rules between keys (narrowing default
** ranges). Frees u on failure. Returns 0 with *out = u, or -1 with the
** errors in el.
*/
static int finish(struct unc_set *u, const struct scenario *sc, struct unc_set **out,
                  struct errlist *el)
{
	for (size_t id = 0; id < P_COUNT; id++)
		if (params_table[id].flags & PF_SHARE)
			u->share[u->nshare++] = slot_of(&params_table[id], 0);
	for (size_t i = 0; i < u->n; i++) {
		u->shares |= (u->e[i].def->flags & PF_SHARE) != 0;
		u->rederive |= !u->rederive && feeds_auto(u, i);
	}
	if (check_rules(u, sc, el)) {
		unc_free(u);
		return -1;
	}
	*out = u;
	return 0;
}

int unc_tabulate(struct unc_set *u)
{
	for (size_t i = 0; i < u->n; i++)
		if (tabulate(&u->e[i]))
			return -1;
	return 0;
}

/* Lists the values the scenario leaves auto in u->raw (u->autos).
** Returns 0, or -1 when memory runs out. */
static int find_autos(struct unc_set *u)
{
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0;

		for (size_t y = 0; y < u->nyears; y++)
			for (size_t id = 0; id < P_COUNT; id++) {
				const struct param_def *def = &params_table[id];
				size_t ns = def->flags & PF_NAMED ? PARAMS_NAMED_MAX : 1;

				if (!(def->flags & PF_AUTO))
					continue;
				for (size_t j = 0; j < ns; j++) {
					size_t s = slot_of(def, j);

					if (!params_is_auto(cvals(&u->raw[y])[s]))
						continue;
					if (pass)
						u->autos[n] = y * UNC_SLOTS + s;
					n++;
				}
			}
		if (!pass && !(u->autos = malloc((n ? n : 1) * sizeof *u->autos)))
			return -1;
		u->nauto = n;
	}
	return 0;
}

/* A new set with sc's resolved and raw years, or NULL with el filled. */
static struct unc_set *start(const struct scenario *sc, struct errlist *el)
{
	struct unc_set *u = calloc(1, sizeof *u);
	struct err e;
	size_t n;

	if (!u) {
		err_set(&e, "", 0, "", "out of memory");
		errlist_add(el, &e);
		return NULL;
	}
	if (scenario_resolve(sc, &u->base, &u->nyears, &e) ||
	    scenario_resolve_raw(sc, &u->raw, &n, &e)) {
		errlist_add(el, &e);
		unc_free(u);
		return NULL;
	}
	if (find_autos(u) != 0) {
		err_set(&e, "", 0, "", "out of memory");
		errlist_add(el, &e);
		unc_free(u);
		return NULL;
	}
	return u;
}

int unc_build(const struct scenario *sc, struct unc_set **out, struct errlist *el)
{
	struct unc_set *u;

	*out = NULL;
	if (!(u = start(sc, el)))
		return -1;
	if (collect(u, sc, el)) {
		unc_free(u);
		return -1;
	}
	return finish(u, sc, out, el);
}

/* Finds key ("section.key" or "section.NAME.key") of sc: its definition
** and slot instance into *def and *inst, the NAME into iname. Returns 0,
** or -1 with e saying what is allowed (key "--fit"). */
static int find_key(const struct unc_set *u, const struct scenario *sc, const char *key,
                    const struct param_def **def, size_t *inst, char iname[PARAMS_NAME_LEN],
                    struct err *e)
{
	const char *dot = strchr(key, '.'), *last = strrchr(key, '.');
	char section[64];

	*inst = 0;
	iname[0] = '\0';
	*def = NULL;
	if (dot && dot != last && (size_t)(dot - key) < sizeof section
	    && (size_t)(last - dot - 1) < PARAMS_NAME_LEN) {
		int k;

		snprintf(section, sizeof section, "%.*s", (int)(dot - key), key);
		snprintf(iname, PARAMS_NAME_LEN, "%.*s", (int)(last - dot - 1), dot + 1);
		*def = registry_find2(section, last + 1);
		if (*def && (k = params_named_kind(section)) >= 0 && ((*def)->flags & PF_NAMED)) {
			for (size_t j = 0; j < u->base[0].named_count[k]; j++) {
				char nm[PARAMS_NAME_LEN];
				scenario_named_name(sc, (enum params_named)k, j, nm);
				if (strcmp(nm, iname) == 0) {
					*inst = j;
					return 0;
				}
			}
			return err_set(e, "", 0, "--fit", "--fit %s: the scenario has no [%s.%s]; "
			               "allowed: the named sections it has", key, section, iname);
		}
		*def = NULL;
	} else if (dot && dot == last) {
		*def = registry_find(key);
		if (*def && ((*def)->flags & PF_NAMED))
			return err_set(e, "", 0, "--fit", "--fit %s: a key of named sections; allowed: "
			               "%s.NAME.%s for a [%s.NAME] of the scenario", key,
			               (*def)->section, (*def)->key, (*def)->section);
	}
	if (!*def) {
		const char *s = registry_suggest(key);
		return err_set(e, "", 0, "--fit", "--fit: unknown parameter '%s'%s%s%s; allowed: "
		               "the parameters of 'dtsim params' (section.key)", key,
		               s ? " (did you mean " : "", s ? s : "", s ? "?)" : "");
	}
	return 0;
}

int unc_build_keys(const struct scenario *sc, const char *const *keys, size_t nkeys,
                   struct unc_set **out, struct errlist *el)
{
	struct unc_set *u;
	struct err e;

	*out = NULL;
	if (!(u = start(sc, el)))
		return -1;
	for (size_t i = 0; i < nkeys; i++) {
		const struct param_def *def;
		char iname[PARAMS_NAME_LEN];
		size_t inst;
		struct dist d;
		double v0, span;

		if (find_key(u, sc, keys[i], &def, &inst, iname, &e)) {
			errlist_add(el, &e);
			continue;
		}
		if (def->kind != PK_REAL || (def->flags & PF_SCHEDULE) || !strcmp(def->section, "sim")
		    || !strcmp(def->unit, "year")) {
			err_set(&e, "", 0, "--fit", "--fit %s: not a continuous parameter; allowed: "
			        "real-valued parameters (not sim.*, schedule.*, calendar years, whole "
			        "numbers or choices)", keys[i]);
			errlist_add(el, &e);
			continue;
		}
		for (size_t j = 0; j < u->n; j++)
			if (u->e[j].slot == slot_of(def, inst)) {
				err_set(&e, "", 0, "--fit", "--fit %s: named twice; allowed: each key "
				        "once", keys[i]);
				errlist_add(el, &e);
				goto next;
			}
		/* The support is the key's range; its mode (which only unc_build's
		** narrowing uses) the scenario's value, kept off the bounds. */
		v0 = cvals(&u->base[0])[slot_of(def, inst)];
		span = def->max - def->min;
		v0 = fmin(fmax(v0, def->min + UNC_KEYS_INSET * span), def->max - UNC_KEYS_INSET * span);
		if (dist_pert(def, def->min, v0, def->max, &d) || add(u, sc, def, inst, iname, &d, NULL)) {
			err_set(&e, "", 0, "", "out of memory");
			errlist_add(el, &e);
			unc_free(u);
			return -1;
		}
next:;
	}
	if (el->total) {
		unc_free(u);
		return -1;
	}
	return finish(u, sc, out, el);
}

/* ---- the tabulated PERT ------------------------------------------------------ */

/* Tabulates e's PERT (nothing for another family or a point). Returns 0,
** or -1 when memory runs out. */
static int tabulate(struct unc_entry *e)
{
	const struct dist *d = &e->d;
	const double h = 1.0 / UNC_TAB_CELLS;
	double *t;

	free(e->tab);
	e->tab = NULL;
	if (d->fam != DIST_PERT || !(d->hi > d->lo))
		return 0;
	if (!(t = malloc(2 * (UNC_TAB_CELLS + 1) * sizeof *t +
	                 (UNC_TAB_CELLS + 1) * sizeof *e->guide)))
		return -1;
	for (size_t j = 0; j <= UNC_TAB_CELLS; j++) {
		double z = (double)j * h;
		t[2 * j] = j == 0 ? 0.0 : j == UNC_TAB_CELLS ? 1.0 : gsl_cdf_beta_P(z, d->alpha, d->beta);
		t[2 * j + 1] = h * gsl_ran_beta_pdf(z, d->alpha, d->beta);
	}
	/* The guide table: a draw starts its search for q's cell at
	** guide[floor(q N)] and steps right, a step or two on average,
	** instead of a binary search of log2 N steps. */
	e->guide = (unsigned *)(t + 2 * (UNC_TAB_CELLS + 1));
	for (size_t k = 0, j = 0; k <= UNC_TAB_CELLS; k++) {
		while (j + 1 < UNC_TAB_CELLS && t[2 * (j + 1)] <= (double)k / UNC_TAB_CELLS)
			j++;
		e->guide[k] = (unsigned)j;
	}
	e->tab = t;
	return 0;
}

/* The quantiles q[0..m-1] of e's tabulated PERT (tabulate) into x,
** UNC_TAB_BATCH at a time. Each value takes exactly the steps one draw
** alone would (the cell, then the safeguarded Newton iteration until its
** step is below UNC_TAB_TOL), so the values are the same bits in any
** batch; only the order of the work differs: each Newton round steps
** every value still moving, and as the values are independent the
** processor overlaps their divisions instead of waiting on each in turn. */
#define UNC_TAB_BATCH 64

/* c ? a : b, without a branch. */
static inline double pick(int c, double a, double b)
{
	uint64_t x, y, m = -(uint64_t)(c != 0);

	memcpy(&x, &a, sizeof x);
	memcpy(&y, &b, sizeof y);
	x = (x & m) | (y & ~m);
	memcpy(&a, &x, sizeof a);
	return a;
}

static void tab_quantiles(const struct unc_entry *e, const double *q, double *x, size_t m)
{
	const struct dist *d = &e->d;
	const double *T = e->tab; /* F(j) at T[2 j], g(j) at T[2 j + 1] */
	const double qlo = T[2], qhi = T[2 * (UNC_TAB_CELLS - 1)];

	for (size_t k0 = 0; k0 < m; k0 += UNC_TAB_BATCH) {
		const size_t mb = m - k0 < UNC_TAB_BATCH ? m - k0 : UNC_TAB_BATCH;
		double F0[UNC_TAB_BATCH], g0[UNC_TAB_BATCH], F1[UNC_TAB_BATCH], g1[UNC_TAB_BATCH];
		double t[UNC_TAB_BATCH], tl[UNC_TAB_BATCH], th[UNC_TAB_BATCH], qq[UNC_TAB_BATCH];
		size_t cell[UNC_TAB_BATCH], at[UNC_TAB_BATCH], live[UNC_TAB_BATCH], n = 0, nlive;

		/* The first and last cells by GSL itself; the others start at
		** their guide's cell. The loads of a batch are independent: taken
		** in passes, they overlap instead of waiting on each other. */
		for (size_t k = 0; k < mb; k++) {
			const double v = q[k0 + k];

			if (!(v > qlo) || !(v < qhi)) {
				x[k0 + k] = dist_quantile(d, v);
				continue;
			}
			qq[n] = v, at[n] = k0 + k;
			n++;
		}
		for (size_t j = 0; j < n; j++)
			cell[j] = e->guide[(size_t)(qq[j] * UNC_TAB_CELLS)];
		for (size_t j = 0; j < n; j++)
			__builtin_prefetch(&T[2 * cell[j]]);
		for (size_t j = 0; j < n; j++) {
			/* The cell [F[lo], F[lo + 1]] that holds v: F[lo] <= v <
			** F[lo + 1]. The guide's cell has F[lo] <= floor(v N) / N <= v;
			** v < F[N - 1] stops the walk before the last cell. */
			const double v = qq[j];
			size_t lo = cell[j];

			while (T[2 * (lo + 1)] <= v)
				lo++;
			F0[j] = T[2 * lo], g0[j] = T[2 * lo + 1], F1[j] = T[2 * lo + 2], g1[j] = T[2 * lo + 3];
			t[j] = (v - F0[j]) / (F1[j] - F0[j]);
			tl[j] = 0.0, th[j] = 1.0;
			cell[j] = lo, live[j] = j;
		}
		nlive = n;
		for (int it = 0; it < UNC_TAB_NEWTON && nlive; it++) {
			size_t still = 0;

			for (size_t l = 0; l < nlive; l++) {
				/* The cubic Hermite interpolant H(t) of the CDF on the
				** cell, and its derivative. */
				const size_t j = live[l];
				const double tj = t[j], t2 = tj * tj, t3 = t2 * tj, v = qq[j];
				const double H = F0[j] * (2 * t3 - 3 * t2 + 1) + g0[j] * (t3 - 2 * t2 + tj) +
				                 F1[j] * (-2 * t3 + 3 * t2) + g1[j] * (t3 - t2);
				const double dH = F0[j] * (6 * t2 - 6 * tj) + g0[j] * (3 * t2 - 4 * tj + 1) +
				                  F1[j] * (-6 * t2 + 6 * tj) + g1[j] * (3 * t2 - 2 * tj);
				const double newton = tj - (H - v) / dH;
				double lo, hi, next;

				/* The bracket keeps the root; a Newton step that leaves it
				** (or a slope that is not positive) is a bisection. Chosen
				** without branches, which the lanes would mispredict. */
				lo = pick(H < v, tj, tl[j]);
				hi = pick(H < v, th[j], tj);
				tl[j] = lo, th[j] = hi;
				next = pick((dH > 0.0) & (newton > lo) & (newton < hi), newton, 0.5 * (lo + hi));
				t[j] = next;
				live[still] = j;
				still += !(fabs(next - tj) < UNC_TAB_TOL);
			}
			nlive = still;
		}
		for (size_t j = 0; j < n; j++)
			x[at[j]] = d->a + (d->b - d->a) * (((double)cell[j] + t[j]) / UNC_TAB_CELLS);
	}
}

/* ---- queries ------------------------------------------------------------------- */

size_t unc_count(const struct unc_set *u)
{
	return u->n;
}

const char *unc_name(const struct unc_set *u, size_t i)
{
	return u->e[i].name;
}

double unc_base(const struct unc_set *u, size_t i)
{
	return u->e[i].v0;
}

const struct param_def *unc_def(const struct unc_set *u, size_t i)
{
	return u->e[i].def;
}

size_t unc_param_slot(const struct unc_set *u, size_t i)
{
	return u->e[i].slot;
}

double unc_quantile(const struct unc_set *u, size_t i, double q)
{
	double x;

	unc_quantiles(u, i, &q, &x, 1);
	return x;
}

void unc_quantiles(const struct unc_set *u, size_t i, const double *q, double *x, size_t m)
{
	const struct unc_entry *e = &u->e[i];

	if (e->tab)
		tab_quantiles(e, q, x, m);
	else
		for (size_t k = 0; k < m; k++)
			x[k] = dist_quantile(&e->d, q[k]);
}

void unc_format(const struct unc_set *u, size_t i, struct strbuf *b)
{
	dist_format(&u->e[i].d, u->e[i].def, b);
}

void unc_source(const struct unc_set *u, size_t i, struct strbuf *b)
{
	strbuf_printf(b, "%s", u->e[i].where);
}

void unc_free(struct unc_set *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->n; i++) {
		free(u->e[i].where);
		free(u->e[i].tab);
	}
	free(u->e);
	free(u->base);
	free(u->raw);
	free(u->autos);
	free(u);
}
