/*
** digest.c: FNV-1a, 64 bits (Fowler, Noll, Vo): for each byte, xor it into
** the state, then multiply by the FNV prime 2^40 + 2^8 + 0xb3.
*/
#include <inttypes.h>
#include <stdio.h>

#include "digest.h"

#define DIGEST_PRIME UINT64_C(0x100000001b3)

uint64_t digest_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= DIGEST_PRIME;
	}
	return h;
}

void digest_hex(uint64_t h, char buf[DIGEST_HEX_LEN])
{
	snprintf(buf, DIGEST_HEX_LEN, "%016" PRIx64, h);
}
