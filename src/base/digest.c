/* digest.c — SHA-256 through nettle, and what the archive hashes with it;
 * the quick digest. */
#include "base/digest.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

void digest_init(digest *d) { sha256_init(&d->ctx); }

void digest_add(digest *d, const void *data, size_t len) { sha256_update(&d->ctx, len, data); }

void digest_add_str(digest *d, const char *s) { digest_add(d, s, strlen(s) + 1); }

void digest_bytes(digest *d, unsigned char out[32])
{
    sha256_digest(&d->ctx, SHA256_DIGEST_SIZE, out);
}

void digest_hex(digest *d, char out[65])
{
    unsigned char b[32];
    digest_bytes(d, b);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", b[i]);
}

bool digest_add_file(digest *d, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    unsigned char buf[1 << 16];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        digest_add(d, buf, (size_t)n);
    close(fd);
    return n == 0;
}

/* xxHash64 (Yann Collet's, under the two-clause BSD licence): its rounds and avalanche. */
enum { QUICK_STRIPE = 32 };
static const uint64_t P1 = 0x9E3779B185EBCA87ULL, P2 = 0xC2B2AE3D27D4EB4FULL,
                      P3 = 0x165667B19E3779F9ULL, P4 = 0x85EBCA77C2B2AE63ULL,
                      P5 = 0x27D4EB2F165667C5ULL;

static uint64_t rotl(uint64_t x, int r) { return x << r | x >> (64 - r); }

static uint64_t read64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint64_t round64(uint64_t acc, uint64_t in) { return rotl(acc + in * P2, 31) * P1; }

static uint64_t merge64(uint64_t h, uint64_t v) { return (h ^ round64(0, v)) * P1 + P4; }

/* The bytes after the last whole stripe, into h, and the avalanche. */
static uint64_t finish64(uint64_t h, const unsigned char *p, const unsigned char *end,
                         size_t len)
{
    h += (uint64_t)len;
    for (; end - p >= 8; p += 8)
        h = rotl(h ^ round64(0, read64(p)), 27) * P1 + P4;
    if (end - p >= 4) {
        uint32_t w;
        memcpy(&w, p, 4);
        h = rotl(h ^ (uint64_t)w * P1, 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; p++)
        h = rotl(h ^ *p * P5, 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    return h ^ h >> 32;
}

/* One pass over the data, four lanes; two halves made from the lanes
 * merged two ways: xxHash64's own, and the lanes in the other order with
 * other rotations. */
void digest_quick(const void *data, size_t len, unsigned char out[16])
{
    const unsigned char *p = data, *end = p + len;
    uint64_t a, b;
    if (len >= QUICK_STRIPE) {
        uint64_t v[4] = {P1 + P2, P2, 0, -P1};
        for (; end - p >= QUICK_STRIPE; p += QUICK_STRIPE)
            for (int i = 0; i < 4; i++)
                v[i] = round64(v[i], read64(p + 8 * i));
        a = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18);
        b = rotl(v[3], 5) + rotl(v[2], 17) + rotl(v[1], 29) + rotl(v[0], 43);
        for (int i = 0; i < 4; i++) {
            a = merge64(a, v[i]);
            b = merge64(b, v[3 - i]);
        }
    } else {
        a = P5;
        b = P5 + P3;
    }
    a = finish64(a, p, end, len);
    b = finish64(b ^ P4, p, end, len);
    memcpy(out, &a, 8);
    memcpy(out + 8, &b, 8);
}
