/* bytes.h — big-endian numbers in byte buffers, as file formats (JPEG,
 * PNG, ICC, OpenType) and paiban's own cache entries store them. */
#ifndef PAIBAN_BASE_BYTES_H
#define PAIBAN_BASE_BYTES_H

#include <stdint.h>

static inline uint16_t be16_get(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static inline uint32_t be32_get(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void be16_put(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static inline void be32_put(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (24 - 8 * i));
}

#endif
