/* utf8.h — UTF-8 decoding, encoding and validation. */
#ifndef PAIBAN_BASE_UTF8_H
#define PAIBAN_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s[0..len).  Returns the bytes consumed (1–4), or
 * 0 when the bytes there are not well-formed UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF included). */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns the byte count. */
int utf8_encode(uint32_t cp, char *out);
/* True when all of s is well-formed; otherwise *bad is the offset of the
 * first bad byte. */
bool utf8_validate(const char *s, size_t len, size_t *bad);
/* UTF-16BE of well-formed s into out (at least 2 * len bytes); returns the
 * byte count.  Supplementary characters become surrogate pairs. */
size_t utf8_to_utf16be(const char *s, size_t len, unsigned char *out);
/* The single code point s[0..len) holds, or -1 when it holds more or none. */
long utf8_single(const char *s, size_t len);
/* Number of code points in well-formed s. */
size_t utf8_length(const char *s, size_t len);
/* The bytes of the first `chars` code points of the NUL-ended s (all of
 * it when it is shorter): where to cut a quotation. */
size_t utf8_prefix(const char *s, int chars);

#endif
