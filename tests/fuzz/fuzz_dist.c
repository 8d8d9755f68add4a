/*
** fuzz_dist.c: libFuzzer harness for the distribution syntax of
** [uncertainty] lines (sim/dist.h: dist_parse, dist_quantile,
** dist_format).
**
** Input: one byte choosing the parameter (its index in params_table,
** modulo the count), then the distribution text (up to a NUL). When the
** text reads:
**   - every quantile at q = 0, 1/64, ..., 1 is finite, inside the support
**     [lo, hi], which lies in the key's range, and never falls as q rises;
**   - a choice gives only its values (for a CHOICE or INT key whole
**     numbers in range);
**   - dist_format's text reads back to the same quantiles, bit for bit,
**     and formats to the same text.
** When it does not, the reason is a non-empty phrase. A finding is a
** crash, a sanitizer report, a hang or a broken promise above.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "fuzzutil.h"
#include "params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The longest text tried: far beyond a scenario line (197 bytes). */
#define FUZZ_DIST_MAX 4096

/* The grid of quantiles checked. */
#define FUZZ_DIST_GRID 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[FUZZ_DIST_MAX + 1];
	struct strbuf why = STRBUF_INIT, out = STRBUF_INIT, again = STRBUF_INIT;
	const struct param_def *def;
	struct dist d, e;
	double prev = -HUGE_VAL;

	if (size < 1 || size > FUZZ_DIST_MAX)
		return 0;
	def = &params_table[data[0] % params_count];
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (dist_parse(text, def, &d, &why) != 0) {
		if (!strbuf_str(&why)[0])
			fuzz_fail("%s = %s: refused without a reason", def->name, text);
		strbuf_free(&why);
		return 0;
	}
	if (d.fam != DIST_OFF && !(d.lo >= def->min && d.hi <= def->max && d.lo <= d.hi))
		fuzz_fail("%s = %s: support %g to %g outside the range", def->name, text, d.lo, d.hi);
	for (int i = 0; d.fam != DIST_OFF && i <= FUZZ_DIST_GRID; i++) {
		double x = dist_quantile(&d, (double)i / FUZZ_DIST_GRID);
		if (!isfinite(x) || x < d.lo || x > d.hi || x < prev)
			fuzz_fail("%s = %s: quantile %d/%d is %.17g (support %g to %g, before %g)",
			          def->name, text, i, FUZZ_DIST_GRID, x, d.lo, d.hi, prev);
		if (d.fam == DIST_CHOICE && def->kind != PK_REAL && x != floor(x))
			fuzz_fail("%s = %s: a choice of %.17g", def->name, text, x);
		prev = x;
	}
	dist_format(&d, def, &out);
	if (dist_parse(strbuf_str(&out), def, &e, &why) != 0)
		fuzz_fail("%s = %s: its form '%s' does not read: %s", def->name, text,
		          strbuf_str(&out), strbuf_str(&why));
	for (int i = 0; d.fam != DIST_OFF && i <= FUZZ_DIST_GRID; i++) {
		double q = (double)i / FUZZ_DIST_GRID;
		if (dist_quantile(&d, q) != dist_quantile(&e, q))
			fuzz_fail("%s = %s: its form '%s' draws otherwise at q = %g", def->name, text,
			          strbuf_str(&out), q);
	}
	dist_format(&e, def, &again);
	if (strcmp(strbuf_str(&out), strbuf_str(&again)) != 0)
		fuzz_fail("%s = %s: formats as '%s', then as '%s'", def->name, text,
		          strbuf_str(&out), strbuf_str(&again));
	strbuf_free(&why);
	strbuf_free(&out);
	strbuf_free(&again);
	return 0;
}
