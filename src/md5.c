/* md5.c — MD5 as RFC 1321 gives it, a 64-byte block at a time. */
#include "md5.h"

/* The four rounds, written out: a loop over the 64 steps with the
 * round's function chosen inside runs at a third of the speed. */
#define STEP(f, a, b, c, d, x, t, s) ((a) += f((b), (c), (d)) + (x) + (t), (a) = rotl((a), (s)) + (b))
#define F(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define G(x, y, z) ((y) ^ ((z) & ((x) ^ (y))))
#define H(x, y, z) ((x) ^ (y) ^ (z))
#define I(x, y, z) ((y) ^ ((x) | ~(z)))

static inline uint32_t rotl(uint32_t x, unsigned n) { return x << n | x >> (32 - n); }

static void transform(uint32_t state[4], const unsigned char *p)
{
    uint32_t w[16];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
               (uint32_t)p[4 * i + 3] << 24;
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    STEP(F, a, b, c, d, w[0], 0xd76aa478, 7);
    STEP(F, d, a, b, c, w[1], 0xe8c7b756, 12);
    STEP(F, c, d, a, b, w[2], 0x242070db, 17);
    STEP(F, b, c, d, a, w[3], 0xc1bdceee, 22);
    STEP(F, a, b, c, d, w[4], 0xf57c0faf, 7);
    STEP(F, d, a, b, c, w[5], 0x4787c62a, 12);
    STEP(F, c, d, a, b, w[6], 0xa8304613, 17);
    STEP(F, b, c, d, a, w[7], 0xfd469501, 22);
    STEP(F, a, b, c, d, w[8], 0x698098d8, 7);
    STEP(F, d, a, b, c, w[9], 0x8b44f7af, 12);
    STEP(F, c, d, a, b, w[10], 0xffff5bb1, 17);
    STEP(F, b, c, d, a, w[11], 0x895cd7be, 22);
    STEP(F, a, b, c, d, w[12], 0x6b901122, 7);
    STEP(F, d, a, b, c, w[13], 0xfd987193, 12);
    STEP(F, c, d, a, b, w[14], 0xa679438e, 17);
    STEP(F, b, c, d, a, w[15], 0x49b40821, 22);
    STEP(G, a, b, c, d, w[1], 0xf61e2562, 5);
    STEP(G, d, a, b, c, w[6], 0xc040b340, 9);
    STEP(G, c, d, a, b, w[11], 0x265e5a51, 14);
    STEP(G, b, c, d, a, w[0], 0xe9b6c7aa, 20);
    STEP(G, a, b, c, d, w[5], 0xd62f105d, 5);
    STEP(G, d, a, b, c, w[10], 0x02441453, 9);
    STEP(G, c, d, a, b, w[15], 0xd8a1e681, 14);
    STEP(G, b, c, d, a, w[4], 0xe7d3fbc8, 20);
    STEP(G, a, b, c, d, w[9], 0x21e1cde6, 5);
    STEP(G, d, a, b, c, w[14], 0xc33707d6, 9);
    STEP(G, c, d, a, b, w[3], 0xf4d50d87, 14);
    STEP(G, b, c, d, a, w[8], 0x455a14ed, 20);
    STEP(G, a, b, c, d, w[13], 0xa9e3e905, 5);
    STEP(G, d, a, b, c, w[2], 0xfcefa3f8, 9);
    STEP(G, c, d, a, b, w[7], 0x676f02d9, 14);
    STEP(G, b, c, d, a, w[12], 0x8d2a4c8a, 20);
    STEP(H, a, b, c, d, w[5], 0xfffa3942, 4);
    STEP(H, d, a, b, c, w[8], 0x8771f681, 11);
    STEP(H, c, d, a, b, w[11], 0x6d9d6122, 16);
    STEP(H, b, c, d, a, w[14], 0xfde5380c, 23);
    STEP(H, a, b, c, d, w[1], 0xa4beea44, 4);
    STEP(H, d, a, b, c, w[4], 0x4bdecfa9, 11);
    STEP(H, c, d, a, b, w[7], 0xf6bb4b60, 16);
    STEP(H, b, c, d, a, w[10], 0xbebfbc70, 23);
    STEP(H, a, b, c, d, w[13], 0x289b7ec6, 4);
    STEP(H, d, a, b, c, w[0], 0xeaa127fa, 11);
    STEP(H, c, d, a, b, w[3], 0xd4ef3085, 16);
    STEP(H, b, c, d, a, w[6], 0x04881d05, 23);
    STEP(H, a, b, c, d, w[9], 0xd9d4d039, 4);
    STEP(H, d, a, b, c, w[12], 0xe6db99e5, 11);
    STEP(H, c, d, a, b, w[15], 0x1fa27cf8, 16);
    STEP(H, b, c, d, a, w[2], 0xc4ac5665, 23);
    STEP(I, a, b, c, d, w[0], 0xf4292244, 6);
    STEP(I, d, a, b, c, w[7], 0x432aff97, 10);
    STEP(I, c, d, a, b, w[14], 0xab9423a7, 15);
    STEP(I, b, c, d, a, w[5], 0xfc93a039, 21);
    STEP(I, a, b, c, d, w[12], 0x655b59c3, 6);
    STEP(I, d, a, b, c, w[3], 0x8f0ccc92, 10);
    STEP(I, c, d, a, b, w[10], 0xffeff47d, 15);
    STEP(I, b, c, d, a, w[1], 0x85845dd1, 21);
    STEP(I, a, b, c, d, w[8], 0x6fa87e4f, 6);
    STEP(I, d, a, b, c, w[15], 0xfe2ce6e0, 10);
    STEP(I, c, d, a, b, w[6], 0xa3014314, 15);
    STEP(I, b, c, d, a, w[13], 0x4e0811a1, 21);
    STEP(I, a, b, c, d, w[4], 0xf7537e82, 6);
    STEP(I, d, a, b, c, w[11], 0xbd3af235, 10);
    STEP(I, c, d, a, b, w[2], 0x2ad7d2bb, 15);
    STEP(I, b, c, d, a, w[9], 0xeb86d391, 21);
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
}

void md5_init(md5 *m)
{
    *m = (md5){.state = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}};
}

void md5_update(md5 *m, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t have = (size_t)(m->bytes & 63);
    m->bytes += len;
    if (have) {
        size_t take = MIN(64 - have, len);
        memcpy(m->block + have, p, take);
        p += take;
        len -= take;
        if (have + take < 64)
            return;
        transform(m->state, m->block);
    }
    for (; len >= 64; p += 64, len -= 64)
        transform(m->state, p);
    memcpy(m->block, p, len);
}

void md5_final(md5 *m, unsigned char digest[16])
{
    uint64_t bits = m->bytes * 8;
    static const unsigned char pad[64] = {0x80};
    size_t have = (size_t)(m->bytes & 63);
    md5_update(m, pad, have < 56 ? 56 - have : 120 - have);
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (8 * i));
    md5_update(m, len, 8);
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 4; k++)
            digest[4 * i + k] = (unsigned char)(m->state[i] >> (8 * k));
}
