/* md5.h — the MD5 digest (RFC 1321), for the PDF's document ID and the
 * names of cached photos.
 *
 * libharu has one, but it copies its input a byte at a time and took a
 * quarter of a page's time over a file with a photo of megabytes. */
#ifndef PAIBAN_MD5_H
#define PAIBAN_MD5_H

#include "base.h"

typedef struct md5 {
    uint32_t state[4];
    uint64_t bytes;
    unsigned char block[64];
} md5;

void md5_init(md5 *m);
void md5_update(md5 *m, const void *data, size_t len);
void md5_final(md5 *m, unsigned char digest[16]);

#endif
