/*
** exactsum.c: exact sums of doubles in a fixed-point long accumulator
** (exactsum.h).
*/
#include <math.h>
#include <string.h>

#include "exactsum.h"

/* The exponent of the lowest bit of a double (the least subnormal). */
#define EXACTSUM_EMIN (-1074)
#define EXACTSUM_MASK ((int64_t)0xffffffff)
/* Additions that each put less than 2^32 into a limb: 2^30 of them stay
** far within an int64. */
#define EXACTSUM_MAX_ADDS (UINT32_C(1) << 30)

void exactsum_init(struct exactsum *s)
{
	memset(s, 0, sizeof *s);
}

/* The carry of limb value v: floor(v / 2^32), for negative v too. */
static int64_t carry_of(int64_t v)
{
	return v >= 0 ? v / ((int64_t)1 << 32)
	              : -((-v + EXACTSUM_MASK) / ((int64_t)1 << 32));
}

void exactsum_normalise(struct exactsum *s)
{
	for (unsigned i = 0; i + 1 < EXACTSUM_LIMBS; i++) {
		int64_t c = carry_of(s->limb[i]);

		s->limb[i] -= c * ((int64_t)1 << 32);
		s->limb[i + 1] += c;
	}
	s->adds = 0;
}

/* Adds sign * (m << off) at limb i, m < 2^53, off < 32: three limbs. */
static void add_shifted(struct exactsum *s, unsigned i, uint64_t m, unsigned off, int neg)
{
	uint64_t a = (m & 0xffffffffu) << off;  /* < 2^63 */
	uint64_t b = (m >> 32) << off;          /* < 2^53 */
	int64_t p0 = (int64_t)(a & 0xffffffffu);
	int64_t p1 = (int64_t)(a >> 32) + (int64_t)(b & 0xffffffffu);
	int64_t p2 = (int64_t)(b >> 32);

	if (neg) {
		p0 = -p0;
		p1 = -p1;
		p2 = -p2;
	}
	s->limb[i] += p0;
	s->limb[i + 1] += p1;
	if (i + 2 < EXACTSUM_LIMBS)
		s->limb[i + 2] += p2;
}

void exactsum_add(struct exactsum *s, double x)
{
	int e;
	double f;
	uint64_t m;
	long p;

	if (!isfinite(x)) {
		s->overflow = 1;
		return;
	}
	if (x == 0)
		return;
	if (s->adds >= EXACTSUM_MAX_ADDS)
		exactsum_normalise(s);
	s->adds++;
	/* x = f * 2^e, 0.5 <= |f| < 1; m = |f| * 2^53 is exact. */
	f = frexp(fabs(x), &e);
	m = (uint64_t)ldexp(f, 53);
	p = (long)e - 53 - EXACTSUM_EMIN;
	if (p < 0) {
		/* A subnormal: its low bits are zeros, shifted out exactly. */
		m >>= (unsigned)-p;
		p = 0;
	}
	add_shifted(s, (unsigned)(p / EXACTSUM_RADIX_BITS), m, (unsigned)(p % EXACTSUM_RADIX_BITS),
	            x < 0);
}

void exactsum_add_limb(struct exactsum *s, unsigned i, int64_t v)
{
	if (s->adds >= EXACTSUM_MAX_ADDS)
		exactsum_normalise(s);
	s->adds++;
	s->limb[i] += v;
}

void exactsum_merge(struct exactsum *a, const struct exactsum *b)
{
	struct exactsum c = *b;

	exactsum_normalise(a);
	exactsum_normalise(&c);
	for (unsigned i = 0; i < EXACTSUM_LIMBS; i++)
		a->limb[i] += c.limb[i];
	a->adds = 1;
	a->overflow |= b->overflow;
}

double exactsum_value(const struct exactsum *s)
{
	struct exactsum c = *s;
	int neg;
	double v = 0;

	if (s->overflow)
		return NAN;
	exactsum_normalise(&c);
	neg = c.limb[EXACTSUM_LIMBS - 1] < 0;
	if (neg) {
		for (unsigned i = 0; i < EXACTSUM_LIMBS; i++)
			c.limb[i] = -c.limb[i];
		exactsum_normalise(&c);
	}
	for (unsigned i = EXACTSUM_LIMBS; i-- > 0; )
		if (c.limb[i])
			v += ldexp((double)c.limb[i], (int)(EXACTSUM_RADIX_BITS * i) + EXACTSUM_EMIN);
	return neg ? -v : v;
}
