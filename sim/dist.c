/*
** dist.c: distribution families of a parameter's uncertainty (dist.h):
** reading them as written, drawing by the inverse distribution function
** (GSL's gsl_cdf_*_Pinv; the triangle's inverse is closed form, which GSL
** lacks), and writing them back.
*/
#include <ctype.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "dist.h"
#include "numfmt.h"
#include "registry.h"

const char dist_families[] = "off, uniform(a, b), triangular(a, mode, b), pert(a, mode, b), "
                             "normal(mean, sd[, lo, hi]), lognormal(mu, sigma[, lo, hi]), "
                             "choice(value:weight, ...)";

/* Each family: its name, how many arguments it takes (least, most) and
** their names for messages. */
static const struct {
	const char *name;
	size_t least, most;
	const char *form;
} families[] = {
	[DIST_OFF] = { "off", 0, 0, "off" },
	[DIST_UNIFORM] = { "uniform", 2, 2, "uniform(a, b)" },
	[DIST_TRIANGULAR] = { "triangular", 3, 3, "triangular(a, mode, b)" },
	[DIST_PERT] = { "pert", 3, 3, "pert(a, mode, b)" },
	[DIST_NORMAL] = { "normal", 2, 4, "normal(mean, sd) or normal(mean, sd, lo, hi)" },
	[DIST_LOGNORMAL] = { "lognormal", 2, 4, "lognormal(mu, sigma) or lognormal(mu, sigma, lo, hi)" },
	[DIST_CHOICE] = { "choice", 1, DIST_CHOICE_MAX, "choice(value:weight, ...)" },
};
#define NFAMILIES (sizeof families / sizeof families[0])

/* ---- preparing ------------------------------------------------------------ */

/* The probability of a normal or lognormal below x (upper: above x). */
static double tail(const struct dist *d, double x, int upper)
{
	if (d->fam == DIST_NORMAL)
		return upper ? gsl_cdf_gaussian_Q(x - d->m, d->b) : gsl_cdf_gaussian_P(x - d->m, d->b);
	if (x <= 0.0)
		return upper ? 1.0 : 0.0;
	return upper ? gsl_cdf_lognormal_Q(x, d->m, d->b) : gsl_cdf_lognormal_P(x, d->m, d->b);
}

/*
** Computes what the draws need from the arguments and the support. The
** truncated families work in whichever tail holds lo's side with more
** precision: below the median from P, above it from Q, so that a range far
** out in the upper tail keeps its digits. Returns 0, or -1 when the support
** holds less than DIST_MIN_MASS of a normal or lognormal.
*/
static int prepare(struct dist *d)
{
	double median;

	switch (d->fam) {
	case DIST_PERT:
		d->alpha = d->hi > d->lo ? 1.0 + 4.0 * (d->m - d->a) / (d->b - d->a) : 1.0;
		d->beta = d->hi > d->lo ? 1.0 + 4.0 * (d->b - d->m) / (d->b - d->a) : 1.0;
		return 0;
	case DIST_NORMAL:
	case DIST_LOGNORMAL:
		median = d->fam == DIST_NORMAL ? d->m : exp(d->m);
		d->upper = d->lo > median;
		d->plo = tail(d, d->lo, d->upper);
		d->pspan = d->upper ? d->plo - tail(d, d->hi, 1) : tail(d, d->hi, 0) - d->plo;
		return d->pspan >= DIST_MIN_MASS ? 0 : -1;
	default:
		return 0;
	}
}

double dist_quantile(const struct dist *d, double q)
{
	double x, p;

	/* The ends of the support exactly, whatever the inverse's rounding. */
	if (d->fam != DIST_CHOICE && d->fam != DIST_OFF && !(q > 0.0))
		return d->lo;
	if (d->fam != DIST_CHOICE && d->fam != DIST_OFF && q >= 1.0)
		return d->hi;
	q = q < 0.0 ? 0.0 : q > 1.0 ? 1.0 : q;
	switch (d->fam) {
	case DIST_UNIFORM:
		x = gsl_cdf_flat_Pinv(q, d->a, d->b);
		break;
	case DIST_TRIANGULAR:
		/* F(x) = (x - a)^2 / ((b - a)(m - a)) up to the mode. */
		if (q * (d->b - d->a) < d->m - d->a)
			x = d->a + sqrt(q * (d->b - d->a) * (d->m - d->a));
		else
			x = d->b - sqrt((1.0 - q) * (d->b - d->a) * (d->b - d->m));
		break;
	case DIST_PERT:
		x = d->hi > d->lo ? d->a + (d->b - d->a) * gsl_cdf_beta_Pinv(q, d->alpha, d->beta)
		                  : d->lo;
		break;
	case DIST_NORMAL:
		p = d->upper ? d->plo - q * d->pspan : d->plo + q * d->pspan;
		x = d->m + (d->upper ? gsl_cdf_gaussian_Qinv(p, d->b) : gsl_cdf_gaussian_Pinv(p, d->b));
		break;
	case DIST_LOGNORMAL:
		p = d->upper ? d->plo - q * d->pspan : d->plo + q * d->pspan;
		x = d->upper ? gsl_cdf_lognormal_Qinv(p, d->m, d->b)
		             : gsl_cdf_lognormal_Pinv(p, d->m, d->b);
		break;
	case DIST_CHOICE: {
		size_t i = 0;
		while (i + 1 < d->nargs && !(q < d->cw[i]))
			i++;
		return d->v[i];
	}
	default:
		return NAN;
	}
	/* Rounding (and the infinite quantiles at p = 0 and 1) stay inside. */
	if (!(x >= d->lo))
		x = d->lo;
	if (x > d->hi)
		x = d->hi;
	return x;
}

int dist_pert(const struct param_def *def, double lo, double mode, double hi,
              struct dist *out)
{
	memset(out, 0, sizeof *out);
	if (!(lo >= def->min && hi <= def->max && lo <= mode && mode <= hi))
		return -1;
	out->fam = DIST_PERT;
	out->nargs = 3;
	out->a = out->lo = lo;
	out->m = mode;
	out->b = out->hi = hi;
	return prepare(out);
}

/* ---- reading -------------------------------------------------------------- */

/* The parse of one text: where it is, and the phrase of its first fault. */
struct rd {
	const char *s;
	const struct param_def *def;
	struct strbuf *why;
};

static const char *skip(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Appends what def allows, as a range phrase, to why. */
static void allowed(const struct rd *r)
{
	registry_allowed(r->def, r->why);
}

/*
** Reads one argument (up to ',' or ')', blanks around it dropped) into
** buf. Returns 0, or -1 with the fault in why.
*/
static int arg_text(struct rd *r, char *buf, size_t len)
{
	const char *s = skip(r->s), *e = s + strcspn(s, ",)");
	size_t n = (size_t)(e - s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (*e == '\0') {
		strbuf_printf(r->why, "has no closing ')'; allowed: %s", dist_families);
		return -1;
	}
	if (n == 0 || n >= len) {
		strbuf_printf(r->why, "has %s argument; allowed: %s", n ? "too long an" : "an empty",
		              dist_families);
		return -1;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	r->s = e;
	return 0;
}

/* Reads the number in text (a numeric argument named what) into *x, in
** def's range unless free is set. Returns 0, or -1 with the fault. */
static int number(struct rd *r, const char *text, const char *what, int any, double *x)
{
	struct strbuf hint = STRBUF_INIT;
	char num[NUMFMT_LEN];

	if (registry_number(r->def, text, x, &hint)) {
		strbuf_printf(r->why, "has %s '%s', which %s", what, text, strbuf_str(&hint));
		strbuf_free(&hint);
		return -1;
	}
	strbuf_free(&hint);
	if (any)
		return 0;
	if (*x < r->def->min || *x > r->def->max) {
		numfmt_double(*x, num);
		strbuf_printf(r->why, "has %s %s outside the key's range; allowed: ", what, num);
		allowed(r);
		return -1;
	}
	if (r->def->kind == PK_INT && *x != floor(*x)) {
		numfmt_double(*x, num);
		strbuf_printf(r->why, "has %s %s, not a whole number; allowed: ", what, num);
		allowed(r);
		return -1;
	}
	return 0;
}

/* Reads one item of a choice: a value (a choice name for a CHOICE key) and
** an optional ":weight". */
static int choice_item(struct rd *r, const char *text, double *v, double *w)
{
	char val[64];
	const char *colon = strchr(text, ':');
	size_t n = colon ? (size_t)(colon - text) : strlen(text);
	char num[NUMFMT_LEN];

	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof val) {
		strbuf_printf(r->why, "has an item '%s' without a value; allowed: "
		              "choice(value:weight, ...)", text);
		return -1;
	}
	memcpy(val, text, n);
	val[n] = '\0';
	*w = 1.0;
	if (r->def->kind == PK_CHOICE) {
		size_t i = 0;
		while (r->def->choices[i] && strcmp(r->def->choices[i], val) != 0)
			i++;
		if (!r->def->choices[i]) {
			strbuf_printf(r->why, "has '%s', not one of the choices; allowed: ", val);
			allowed(r);
			return -1;
		}
		*v = (double)i;
	} else if (number(r, val, "the value", 0, v)) {
		return -1;
	}
	if (colon && number(r, skip(colon + 1), "the weight", 1, w))
		return -1;
	if (!(*w > 0.0)) {
		numfmt_double(*w, num);
		strbuf_printf(r->why, "has the weight %s for %s; allowed: weights above 0", num, val);
		return -1;
	}
	return 0;
}

/* Checks the arguments of the continuous families against each other and
** def's range, and sets the support. */
static int check_args(struct rd *r, struct dist *d, const double *x)
{
	char n1[NUMFMT_LEN], n2[NUMFMT_LEN];
	static const char *const what[] = { "the lower bound", "the mode", "the upper bound" };

	switch (d->fam) {
	case DIST_UNIFORM:
	case DIST_TRIANGULAR:
	case DIST_PERT:
		d->a = x[0];
		d->m = d->fam == DIST_UNIFORM ? x[0] : x[1];
		d->b = x[d->nargs - 1];
		for (size_t i = 0; i < d->nargs; i++) {
			double v = x[i];
			if (v < r->def->min || v > r->def->max) {
				numfmt_double(v, n1);
				strbuf_printf(r->why, "has %s %s outside the key's range; allowed: ",
				              what[d->fam == DIST_UNIFORM && i ? 2 : i], n1);
				allowed(r);
				return -1;
			}
		}
		if (!(d->a < d->b)) {
			numfmt_double(d->a, n1);
			numfmt_double(d->b, n2);
			strbuf_printf(r->why, "has the lower bound %s not below the upper bound %s; "
			              "allowed: %s with a < b", n1, n2, families[d->fam].form);
			return -1;
		}
		if (d->m < d->a || d->m > d->b) {
			numfmt_double(d->m, n1);
			strbuf_printf(r->why, "has the mode %s outside its bounds; allowed: ", n1);
			numfmt_double(d->a, n1);
			numfmt_double(d->b, n2);
			strbuf_printf(r->why, "%s to %s", n1, n2);
			return -1;
		}
		d->lo = d->a;
		d->hi = d->b;
		return prepare(d);
	default:
		break;
	}
	/* normal and lognormal */
	d->m = x[0];
	d->b = x[1];
	if (!(d->b > 0.0)) {
		numfmt_double(d->b, n1);
		strbuf_printf(r->why, "has %s %s; allowed: a number above 0",
		              d->fam == DIST_NORMAL ? "sd" : "sigma", n1);
		return -1;
	}
	d->lo = r->def->min;
	d->hi = r->def->max;
	if (d->nargs == 4) {
		for (size_t i = 2; i < 4; i++)
			if (x[i] < r->def->min || x[i] > r->def->max) {
				numfmt_double(x[i], n1);
				strbuf_printf(r->why, "has %s %s outside the key's range; allowed: ",
				              i == 2 ? "the lower bound" : "the upper bound", n1);
				allowed(r);
				return -1;
			}
		if (!(x[2] < x[3])) {
			numfmt_double(x[2], n1);
			numfmt_double(x[3], n2);
			strbuf_printf(r->why, "has the lower bound %s not below the upper bound %s; "
			              "allowed: lo < hi", n1, n2);
			return -1;
		}
		d->lo = x[2];
		d->hi = x[3];
	} else if (d->nargs != 2) {
		strbuf_printf(r->why, "has %zu arguments; allowed: %s", d->nargs, families[d->fam].form);
		return -1;
	}
	if (prepare(d)) {
		numfmt_double(d->lo, n1);
		numfmt_double(d->hi, n2);
		strbuf_printf(r->why, "keeps less than %g of its mass between %s and %s; allowed: "
		              "a distribution whose mass lies mostly in that range", DIST_MIN_MASS, n1, n2);
		return -1;
	}
	return 0;
}

int dist_parse(const char *text, const struct param_def *def, struct dist *out,
               struct strbuf *why)
{
	struct rd r = { text, def, why };
	char name[16], arg[80];
	double x[DIST_CHOICE_MAX], w[DIST_CHOICE_MAX], sum = 0.0;
	size_t n = 0, fam;
	const char *s;

	memset(out, 0, sizeof *out);
	if (def->kind == PK_TEXT || def->kind == PK_SET || (def->flags & PF_SCHEDULE) ||
	    strcmp(def->section, "sim") == 0) {
		strbuf_printf(why, "cannot be uncertain; allowed: REAL, INT and CHOICE keys "
		              "outside [sim] and [schedule]");
		return -1;
	}
	s = skip(text);
	while (isalpha((unsigned char)s[n]) && n + 1 < sizeof name)
		n++;
	memcpy(name, s, n);
	name[n] = '\0';
	for (fam = 0; fam < NFAMILIES && strcmp(families[fam].name, name) != 0; fam++)
		;
	if (fam == NFAMILIES || n == 0) {
		strbuf_printf(why, "has an unknown family '%.*s'; allowed: %s",
		              (int)strcspn(s, "( \t"), s, dist_families);
		return -1;
	}
	out->fam = (enum dist_family)fam;
	s = skip(s + n);
	if (fam == DIST_OFF) {
		if (*s) {
			strbuf_printf(why, "has text after 'off'; allowed: off");
			return -1;
		}
		return 0;
	}
	if (*s != '(') {
		strbuf_printf(why, "has no '(' after '%s'; allowed: %s", name, families[fam].form);
		return -1;
	}
	if ((def->kind == PK_INT || def->kind == PK_CHOICE) && fam != DIST_CHOICE) {
		strbuf_printf(why, "is not a choice; allowed for a %s key: choice(value:weight, ...)",
		              def->kind == PK_INT ? "whole-number" : "choice");
		return -1;
	}
	r.s = s;
	n = 0;
	do {
		r.s++;
		if (n == families[fam].most) {
			strbuf_printf(why, "has more than %zu arguments; allowed: %s",
			              families[fam].most, families[fam].form);
			return -1;
		}
		if (arg_text(&r, arg, sizeof arg))
			return -1;
		if (fam == DIST_CHOICE ? choice_item(&r, arg, &x[n], &w[n])
		                       : number(&r, arg, "the argument", 1, &x[n]))
			return -1;
		n++;
	} while (*r.s == ',');
	if (*skip(r.s + 1)) {
		strbuf_printf(why, "has text after ')'; allowed: %s", families[fam].form);
		return -1;
	}
	out->nargs = n;
	if (n < families[fam].least) {
		strbuf_printf(why, "has %zu argument%s; allowed: %s", n, n == 1 ? "" : "s",
		              families[fam].form);
		return -1;
	}
	if (fam != DIST_CHOICE)
		return check_args(&r, out, x);
	/* In order of value, so that the quantile rises with q (an inverse
	** CDF); equal values keep their order. The weights are added in that
	** order, so a text and its written form give the same sums. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && x[j - 1] > x[j]; j--) {
			double tv = x[j], tw = w[j];
			x[j] = x[j - 1];
			w[j] = w[j - 1];
			x[j - 1] = tv;
			w[j - 1] = tw;
		}
	out->lo = x[0];
	out->hi = x[n - 1];
	for (size_t i = 0; i < n; i++) {
		sum += w[i];
		out->v[i] = x[i];
		out->w[i] = w[i];
		out->cw[i] = sum;
	}
	if (!isfinite(sum)) {
		strbuf_printf(why, "has weights too large to add; allowed: weights of ordinary size");
		return -1;
	}
	/* A partial sum is at most the total, so no share exceeds 1. */
	for (size_t i = 0; i < n; i++)
		out->cw[i] = i + 1 == n ? 1.0 : out->cw[i] / sum;
	return 0;
}

/* ---- writing -------------------------------------------------------------- */

/* Appends x as it reads back: "9.502" would read as German grouping for a
** key whose range reaches 10,000 (registry_number), so such a form gets a
** trailing 0 ("9.5020", the same double). */
static void num(struct strbuf *b, const char *sep, double x)
{
	char t[NUMFMT_LEN];

	numfmt_double(x, t);
	strbuf_printf(b, "%s%s%s", sep, t, numfmt_grouped(t, '.') ? "0" : "");
}

void dist_format(const struct dist *d, const struct param_def *def, struct strbuf *b)
{
	strbuf_printf(b, "%s", families[d->fam].name);
	switch (d->fam) {
	case DIST_OFF:
		return;
	case DIST_UNIFORM:
		num(b, "(", d->a);
		num(b, ", ", d->b);
		break;
	case DIST_TRIANGULAR:
	case DIST_PERT:
		num(b, "(", d->a);
		num(b, ", ", d->m);
		num(b, ", ", d->b);
		break;
	case DIST_NORMAL:
	case DIST_LOGNORMAL:
		num(b, "(", d->m);
		num(b, ", ", d->b);
		if (d->nargs == 4) {
			num(b, ", ", d->lo);
			num(b, ", ", d->hi);
		}
		break;
	case DIST_CHOICE:
		for (size_t i = 0; i < d->nargs; i++) {
			if (def->kind == PK_CHOICE)
				strbuf_printf(b, "%s%s", i ? ", " : "(", def->choices[(size_t)d->v[i]]);
			else
				num(b, i ? ", " : "(", d->v[i]);
			num(b, ":", d->w[i]);
		}
		break;
	}
	strbuf_printf(b, ")");
}
