/*
 * hash.c - the content hash that keys the facts cache.
 */
#include "lint.h"

uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	/* FNV-1a: a content key, not a defence against anyone. */
	while (n-- > 0) {
		h ^= *c++;
		h *= 0x100000001b3ULL;
	}
	return h;
}
