/* strbuf.h — text built up piece by piece: JSON, XMP, reports. */
#ifndef PAIBAN_BASE_STRBUF_H
#define PAIBAN_BASE_STRBUF_H

#include "base/base.h"

typedef VEC(char) strbuf;

/* Append printf-style; the buffer grows as needed. */
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append len bytes of s as they are; sb_str the whole of s. */
void sb_put(strbuf *b, const char *s, size_t len);
void sb_str(strbuf *b, const char *s);
/* Append v in decimal: what sb_printf("%ld") gives, without printf, for
 * the binder's hundreds of thousands of object numbers. */
void sb_int(strbuf *b, long v);
/* Append s as a JSON string, quotes included. */
void sb_json(strbuf *b, const char *s);
/* Append utf8 as a PDF text string: UTF-16BE with its byte order mark,
 * in hex (<FEFF…>); sb_pdf_text_n takes its first `len` bytes. */
void sb_pdf_text(strbuf *b, const char *utf8);
void sb_pdf_text_n(strbuf *b, const char *utf8, size_t len);
/* The text, NUL-terminated; the caller frees it and the buffer is empty. */
char *sb_take(strbuf *b);

#endif
