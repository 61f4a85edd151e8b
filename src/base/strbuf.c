/* strbuf.c — growing text. */
#include "base/strbuf.h"

#include "base/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_printf(strbuf *b, const char *fmt, ...)
{
    /* Formatted into the room the buffer has, which is most often enough;
     * only when it is not, measured and formatted again. */
    size_t room = b->cap > b->n ? (size_t)(b->cap - b->n) : 0;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(room ? b->v + b->n : NULL, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= room) {
        VEC_GROW(*b, b->n + n + 1);
        va_start(ap, fmt);
        vsnprintf(b->v + b->n, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->n += n;
}

void sb_str(strbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

void sb_put(strbuf *b, const char *s, size_t len)
{
    VEC_GROW(*b, b->n + (int)len + 1);
    memcpy(b->v + b->n, s, len);
    b->n += (int)len;
    b->v[b->n] = 0; /* as sb_printf leaves it */
}

void sb_int(strbuf *b, long v)
{
    char digits[24], *end = digits + sizeof digits, *at = end;
    /* Through unsigned, so that LONG_MIN's magnitude is representable. */
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        *--at = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        *--at = '-';
    sb_put(b, at, (size_t)(end - at));
}

void sb_json(strbuf *b, const char *s)
{
    sb_put(b, "\"", 1);
    /* Runs that need no escape go in whole: the archive's index holds
     * every article's text, a printf a byte took most of its time. */
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        const unsigned char *run = p;
        while (*p && *p != '"' && *p != '\\' && *p >= 0x20)
            p++;
        sb_put(b, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        if (*p == '"' || *p == '\\')
            sb_printf(b, "\\%c", *p);
        else if (*p == '\n')
            sb_put(b, "\\n", 2);
        else
            sb_printf(b, "\\u%04x", *p);
        p++;
    }
    sb_put(b, "\"", 1);
}

char *sb_take(strbuf *b)
{
    VEC_GROW(*b, b->n + 1);
    b->v[b->n] = 0;
    char *text = b->v;
    memset(b, 0, sizeof *b);
    return text;
}

void sb_pdf_text_n(strbuf *b, const char *utf8, size_t len)
{
    unsigned char *be = xmalloc(len * 2 + 2);
    size_t n = utf8_to_utf16be(utf8, len, be);
    static const char hex[] = "0123456789ABCDEF";
    VEC_GROW(*b, b->n + (int)n * 2 + 8);
    sb_printf(b, "<FEFF");
    for (size_t i = 0; i < n; i++) {
        b->v[b->n++] = hex[be[i] >> 4];
        b->v[b->n++] = hex[be[i] & 15];
    }
    sb_printf(b, ">");
    free(be);
}

void sb_pdf_text(strbuf *b, const char *utf8) { sb_pdf_text_n(b, utf8, strlen(utf8)); }
