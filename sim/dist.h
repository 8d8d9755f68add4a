/*
** dist.h: the distributions a parameter's uncertainty can take, written as
** text in a scenario's [uncertainty] section (scenario.c's header, MODEL.md
** 17): reading that text against the parameter it is for, drawing from it
** by the inverse of its distribution function, and writing it back.
**
**   off                          not uncertain
**   uniform(a, b)                flat on [a, b]
**   triangular(a, mode, b)       triangle on [a, b] with its peak at mode
**   pert(a, mode, b)             Beta-PERT: a + (b - a) Beta(1 + 4 (mode - a) /
**                                (b - a), 1 + 4 (b - mode) / (b - a))
**   normal(mean, sd[, lo, hi])   Gaussian truncated to [lo, hi] (default: the
**                                parameter's range)
**   lognormal(mu, sigma[, lo, hi])  ln x Gaussian (mu, sigma), truncated
**   choice(v:w, v:w, ...)        the value v with weight w (a name of the
**                                choices of a CHOICE key); ":w" may be left
**                                out everywhere (equal weights); drawn and
**                                written in order of value (choice index)
**
** Every bound lies in the parameter's range; INT and CHOICE keys take only
** choice() (a whole number or a choice name per item).
*/
#ifndef DTSIM_DIST_H
#define DTSIM_DIST_H

#include <stddef.h>

#include "params.h"
#include "strbuf.h"

/* The most items of a choice(). */
#define DIST_CHOICE_MAX 32

/* The least share of a normal or lognormal's mass that its truncation
** bounds may hold: below it the bounds, not the distribution, decide every
** draw (dimensionless). */
#define DIST_MIN_MASS 1e-6

enum dist_family {
	DIST_OFF, DIST_UNIFORM, DIST_TRIANGULAR, DIST_PERT, DIST_NORMAL,
	DIST_LOGNORMAL, DIST_CHOICE
};

/* A distribution ready to draw from: its arguments as written, its support
** [lo, hi], and what the draws need, computed once (dist_prepare). A plain
** record without pointers: copy it freely. */
struct dist {
	enum dist_family fam;
	size_t nargs;      /* arguments as written (choice: items) */
	double a, m, b;    /* uniform a, b; triangular and pert a, mode, b;
	                   ** normal mean m, sd b; lognormal mu m, sigma b */
	double lo, hi;     /* the support: every draw lies in it */
	double plo, pspan; /* normal, lognormal: the probability below lo, and
	                   ** that between lo and hi (or above lo / between,
	                   ** upper tails, when upper is 1) */
	int upper;
	double alpha, beta; /* pert's Beta shape */
	double v[DIST_CHOICE_MAX];  /* choice: the values (CHOICE: indices) */
	double w[DIST_CHOICE_MAX];  /* choice: the weights as written */
	double cw[DIST_CHOICE_MAX]; /* choice: the cumulative weights, last 1 */
};

/*
** Reads text, the distribution for parameter def as written ("pert(0.6,
** 0.7, 0.8)", blanks anywhere between tokens), into *out, prepared. A
** PK_TEXT or PK_SET key, a schedule key or a key of [sim] cannot be
** uncertain. On failure returns -1 and appends to why a phrase to follow
** "name = text ", saying what is wrong and what is allowed: an unknown
** family, the wrong number of arguments, a bound outside def's range, a
** mode outside the bounds, an sd or sigma not above 0, a weight not
** above 0, a truncation that keeps less than DIST_MIN_MASS.
*/
int dist_parse(const char *text, const struct param_def *def, struct dist *out,
               struct strbuf *why);

/*
** Sets *out to pert(lo, mode, hi) for def, prepared (lo < hi, lo <= mode <=
** hi, all in def's range; lo == hi gives the point lo). Returns 0, or -1
** when they are not so.
*/
int dist_pert(const struct param_def *def, double lo, double mode, double hi,
              struct dist *out);

/* The q-quantile of d (q in [0, 1]; outside it is clamped) by the inverse
** distribution function, in [d->lo, d->hi]; NAN for DIST_OFF. */
double dist_quantile(const struct dist *d, double q);

/* Appends d as text that dist_parse reads back to the same distribution:
** "pert(0.6, 0.7, 0.8)", choice names for a CHOICE key. */
void dist_format(const struct dist *d, const struct param_def *def, struct strbuf *b);

/* The families' names, for messages: "off, uniform, ...". */
extern const char dist_families[];

#endif
