/* digest.h — SHA-256 (nettle's), for the archive's content hashes and
 * the volume's document ID: the helpers the archive needs around it; and
 * a quick digest for what needs no cryptography (digest_quick).
 *
 *     digest d; digest_init(&d); digest_add(&d, bytes, n); …
 *     digest_hex(&d, hex);   (65 bytes: 64 hex digits and a NUL)
 *
 * digest_hex and digest_bytes finish the digest; add nothing after. */
#ifndef PAIBAN_BASE_DIGEST_H
#define PAIBAN_BASE_DIGEST_H

#include "base/base.h"

#include <nettle/sha2.h>

typedef struct digest {
    struct sha256_ctx ctx;
} digest;

void digest_init(digest *d);
void digest_add(digest *d, const void *data, size_t len);
/* Add a string and its terminating NUL, so "ab"+"c" differs from "a"+"bc". */
void digest_add_str(digest *d, const char *s);
void digest_bytes(digest *d, unsigned char out[32]);
void digest_hex(digest *d, char out[65]);
/* Add the contents of a file, as the quick digests (below) of its 64 KiB
 * windows and its length; false (errno set) when it cannot be read. */
bool digest_add_file(digest *d, const char *path);

/* A quick 128-bit digest of len bytes, for what guards against change,
 * not against an adversary: the name of a cache entry, its check, what a
 * build read.  XXH3's 128 bits (libxxhash), in its canonical byte order:
 * a fraction of an instruction a byte, where SHA-256 takes fifteen and
 * MD5 six, so digesting a photo of megabytes costs next to nothing. */
void digest_quick(const void *data, size_t len, unsigned char out[16]);

#endif
