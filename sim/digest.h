/*
** digest.h: a 64-bit FNV-1a digest of bytes, written as 16 hex digits.
** It tells whether a results file is the one a run wrote (results
** manifest): it detects accidental mixing and editing, not forgery (anyone
** who can change a file can change the manifest too). None of dtsim's
** libraries offers a hash; FNV-1a is a published, public-domain function of
** a dozen lines (http://www.isthe.com/chongo/tech/comp/fnv/).
*/
#ifndef DTSIM_DIGEST_H
#define DTSIM_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* The digest of no bytes (the FNV-1a 64 offset basis). */
#define DIGEST_INIT UINT64_C(0xcbf29ce484222325)

/* Room for the hex form and its NUL. */
#define DIGEST_HEX_LEN 17

/* The digest h continued over the n bytes at p. */
uint64_t digest_add(uint64_t h, const void *p, size_t n);

/* Writes h as 16 lower-case hex digits. */
void digest_hex(uint64_t h, char buf[DIGEST_HEX_LEN]);

#endif
