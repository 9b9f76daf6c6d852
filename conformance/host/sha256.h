/*
 * sha256.h - SHA-256 (FIPS 180-4), for the keys of the saved machines
 * (machkey.c): a hash of the files a machine is made from.
 */
#ifndef STRATEGY9_SHA256_H
#define STRATEGY9_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes so far */
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *);
void sha256_update(struct sha256 *, const void *, size_t);
/* The digest as 64 lowercase hex digits and a NUL. */
void sha256_hex(struct sha256 *, char hex[65]);

#endif
