/* pdfread.c — the cross-reference table, objects and references of the
 * PDFs paiban wrote (PDF 32000-1:2008, 7.2 lexical conventions, 7.5.4
 * cross-reference table, 7.5.5 trailer). */
#include "archive/pdfread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum {
    TOK_END,       /* end of the span */
    TOK_DICT_OPEN, /* << */
    TOK_DICT_CLOSE,
    TOK_ARRAY_OPEN,
    TOK_ARRAY_CLOSE,
    TOK_NAME,      /* /Name */
    TOK_STRING,    /* (…) */
    TOK_HEX,       /* <…> */
    TOK_WORD,      /* numbers, true, false, null, R, obj, stream … */
    TOK_BAD,
} tok_kind;

typedef struct token {
    tok_kind kind;
    size_t start, end;
} token;

static bool is_space(unsigned char c)
{
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static bool is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}

/* The token at *pos (before `end`), moving *pos past it. */
static token next_token(const unsigned char *p, size_t *pos, size_t end)
{
    size_t i = *pos;
    for (;;) {
        while (i < end && is_space(p[i]))
            i++;
        if (i < end && p[i] == '%') {
            while (i < end && p[i] != '\n' && p[i] != '\r')
                i++;
            continue;
        }
        break;
    }
    token t = {TOK_END, i, i};
    if (i >= end) {
        *pos = i;
        return t;
    }
    unsigned char c = p[i];
    if (c == '<' && i + 1 < end && p[i + 1] == '<') {
        t.kind = TOK_DICT_OPEN;
        i += 2;
    } else if (c == '>' && i + 1 < end && p[i + 1] == '>') {
        t.kind = TOK_DICT_CLOSE;
        i += 2;
    } else if (c == '[' || c == ']') {
        t.kind = c == '[' ? TOK_ARRAY_OPEN : TOK_ARRAY_CLOSE;
        i++;
    } else if (c == '<') {
        t.kind = TOK_HEX;
        while (i < end && p[i] != '>')
            i++;
        if (i >= end)
            t.kind = TOK_BAD;
        i++;
    } else if (c == '(') {
        /* Balanced parentheses; a backslash escapes the next byte. */
        int depth = 0;
        t.kind = TOK_BAD;
        for (; i < end; i++) {
            if (p[i] == '\\')
                i++;
            else if (p[i] == '(')
                depth++;
            else if (p[i] == ')' && --depth == 0) {
                t.kind = TOK_STRING;
                i++;
                break;
            }
        }
    } else if (c == '/') {
        t.kind = TOK_NAME;
        i++;
        while (i < end && !is_space(p[i]) && !is_delim(p[i]))
            i++;
    } else if (is_delim(c)) {
        t.kind = TOK_BAD;
        i++;
    } else {
        t.kind = TOK_WORD;
        while (i < end && !is_space(p[i]) && !is_delim(p[i]))
            i++;
    }
    t.end = MIN(i, end);
    *pos = t.end;
    return t;
}

static bool word_is(const unsigned char *p, token t, const char *w)
{
    size_t n = strlen(w);
    return t.kind == TOK_WORD && t.end - t.start == n && memcmp(p + t.start, w, n) == 0;
}

/* A non-negative integer word; -1 otherwise. */
static long word_int(const unsigned char *p, token t)
{
    if (t.kind != TOK_WORD || t.end == t.start || t.end - t.start > 18)
        return -1;
    long v = 0;
    for (size_t i = t.start; i < t.end; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

static bool not_ours(const pdf_file *f, const char *what, diag *d)
{
    return diag_error(d, (src_loc){f->path, 0, 0},
                      "not a PDF that paiban wrote (%s); remove it and run the archive again",
                      what);
}

/* Arrays and dictionaries inside one another: paiban writes a few
 * levels; a deeper file is not ours, and is refused before the recursion
 * below could exhaust the stack. */
enum { MAX_NESTING = 32 };

static bool skip_nested(const unsigned char *p, token t, size_t *pos, size_t end, int depth)
{
    switch (t.kind) {
    case TOK_DICT_OPEN:
    case TOK_ARRAY_OPEN: {
        if (depth == MAX_NESTING)
            return false;
        tok_kind close = t.kind == TOK_DICT_OPEN ? TOK_DICT_CLOSE : TOK_ARRAY_CLOSE;
        for (;;) {
            token u = next_token(p, pos, end);
            if (u.kind == close)
                return true;
            if (u.kind == TOK_END || u.kind == TOK_BAD || u.kind == TOK_DICT_CLOSE ||
                u.kind == TOK_ARRAY_CLOSE)
                return false;
            if (!skip_nested(p, u, pos, end, depth + 1))
                return false;
        }
    }
    case TOK_WORD: {
        /* An integer may begin "n g R". */
        if (word_int(p, t) < 0)
            return true;
        size_t save = *pos;
        token g = next_token(p, pos, end);
        token r = next_token(p, pos, end);
        if (word_int(p, g) >= 0 && word_is(p, r, "R"))
            return true;
        *pos = save;
        return true;
    }
    case TOK_NAME:
    case TOK_STRING:
    case TOK_HEX:
        return true;
    default:
        return false;
    }
}

/* Skip one value starting with token t (already read); "n g R" counts as
 * one value.  *pos is after the value; false when malformed. */
static bool skip_value(const unsigned char *p, token t, size_t *pos, size_t end)
{
    return skip_nested(p, t, pos, end, 0);
}

static bool parse_xref(pdf_file *f, diag *d)
{
    const unsigned char *p = f->data;
    size_t len = f->len;
    /* "startxref\n<offset>\n%%EOF" within the last bytes. */
    size_t tail = len > 1024 ? len - 1024 : 0, at = 0;
    for (size_t i = len >= 9 ? len - 9 : 0; i + 1 > tail + 1; i--) {
        if (memcmp(p + i, "startxref", 9) == 0) {
            at = i + 9;
            break;
        }
    }
    if (!at)
        return not_ours(f, "no startxref", d);
    token t = next_token(p, &at, len);
    long xref = word_int(p, t);
    if (xref <= 0 || (size_t)xref + 4 > len || memcmp(p + xref, "xref", 4) != 0)
        return not_ours(f, "no cross-reference table where startxref points", d);
    size_t pos = (size_t)xref + 4;
    for (;;) {
        size_t save = pos;
        token a = next_token(p, &pos, len);
        if (word_is(p, a, "trailer"))
            break;
        token b = next_token(p, &pos, len);
        long first = word_int(p, a), n = word_int(p, b);
        if (first < 0 || n < 0 || first + n > 8388607)
            return not_ours(f, "a cross-reference subsection is malformed", d);
        if (first + n > f->count) {
            f->offsets = xrealloc(f->offsets, sizeof(size_t) * (size_t)(first + n));
            memset(f->offsets + f->count, 0, sizeof(size_t) * (size_t)(first + n - f->count));
            f->count = (int)(first + n);
        }
        while (pos < len && is_space(p[pos]))
            pos++;
        for (long i = 0; i < n; i++, pos += 20) {
            if (pos + 20 > len)
                return not_ours(f, "the cross-reference table is cut short", d);
            long off = 0;
            for (int k = 0; k < 10; k++)
                off = off * 10 + (p[pos + k] - '0');
            f->offsets[first + i] = p[pos + 17] == 'n' ? (size_t)off : 0;
        }
        if (pos == save)
            break;
    }
    token open = next_token(p, &pos, len);
    size_t dict_start = open.start, end = pos;
    if (open.kind != TOK_DICT_OPEN || !skip_value(p, open, &end, len))
        return not_ours(f, "no trailer dictionary", d);
    pdf_span trailer = {dict_start, end}, v;
    if (pdf_dict_lookup(f, trailer, "Prev", &v) || pdf_dict_lookup(f, trailer, "Encrypt", &v))
        return not_ours(f, "an updated or encrypted file", d);
    if (!pdf_dict_lookup(f, trailer, "Root", &v) || !(f->root = pdf_span_ref(f, v)))
        return not_ours(f, "the trailer names no catalog", d);
    return true;
}

bool pdf_file_open(pdf_file *f, const char *path, diag *d)
{
    memset(f, 0, sizeof *f);
    f->path = xstrdup(path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        diag_env_error(d, (src_loc){path, 0, 0}, "cannot read: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    f->len = (size_t)st.st_size;
    void *m = f->len ? mmap(NULL, f->len, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (m == MAP_FAILED)
        return f->len ? diag_env_error(d, (src_loc){path, 0, 0}, "cannot map: %s", strerror(errno))
                      : not_ours(f, "empty", d);
    f->data = m;
    if (f->len < 8 || memcmp(f->data, "%PDF-", 5) != 0)
        return not_ours(f, "no %PDF header", d);
    return parse_xref(f, d);
}

void pdf_file_close(pdf_file *f)
{
    if (f->data)
        munmap((void *)f->data, f->len);
    free(f->offsets);
    free(f->path);
    memset(f, 0, sizeof *f);
}

/* Object n's value: what follows "n g obj", a stream's dictionary
 * without its data.  NULL, or why the object is not one paiban wrote. */
static const char *object_value(const pdf_file *f, int n, pdf_span *value)
{
    const unsigned char *p = f->data;
    if (n <= 0 || n >= f->count || !f->offsets[n] || f->offsets[n] >= f->len)
        return "a reference to a missing object";
    size_t pos = f->offsets[n];
    token num = next_token(p, &pos, f->len), gen = next_token(p, &pos, f->len),
          obj = next_token(p, &pos, f->len);
    if (word_int(p, num) != n || word_int(p, gen) < 0 || !word_is(p, obj, "obj"))
        return "an object is not where the table says";
    token first = next_token(p, &pos, f->len);
    value->start = first.start;
    if (!skip_value(p, first, &pos, f->len))
        return "a malformed object";
    value->end = pos;
    return NULL;
}

bool pdf_file_object(const pdf_file *f, int n, pdf_object *o, diag *d)
{
    memset(o, 0, sizeof *o);
    const unsigned char *p = f->data;
    const char *why = object_value(f, n, &o->value);
    if (why)
        return not_ours(f, why, d);
    size_t at = o->value.start, after = o->value.end;
    token first = next_token(p, &at, after), kw = next_token(p, &after, f->len);
    if (word_is(p, kw, "endobj"))
        return true;
    if (!word_is(p, kw, "stream") || first.kind != TOK_DICT_OPEN)
        return not_ours(f, "an object without endobj", d);
    /* "stream" then CRLF or LF, then exactly /Length bytes (7.3.8.1). */
    if (after < f->len && p[after] == '\r')
        after++;
    if (after < f->len && p[after] == '\n')
        after++;
    pdf_span lv;
    long length;
    if (!pdf_dict_lookup(f, o->value, "Length", &lv) || !pdf_span_int(f, lv, &length) ||
        length < 0 || after + (size_t)length > f->len)
        return not_ours(f, "a stream without a usable /Length", d);
    o->is_stream = true;
    o->data = (pdf_span){after, after + (size_t)length};
    size_t check = o->data.end;
    token es = next_token(p, &check, f->len);
    if (!word_is(p, es, "endstream"))
        return not_ours(f, "a stream longer or shorter than its /Length", d);
    return true;
}

bool pdf_dict_lookup(const pdf_file *f, pdf_span dict, const char *key, pdf_span *value)
{
    const unsigned char *p = f->data;
    size_t pos = dict.start;
    token open = next_token(p, &pos, dict.end);
    if (open.kind != TOK_DICT_OPEN)
        return false;
    size_t klen = strlen(key);
    for (;;) {
        token k = next_token(p, &pos, dict.end);
        if (k.kind != TOK_NAME)
            return false;
        token v = next_token(p, &pos, dict.end);
        size_t vstart = v.start;
        if (!skip_value(p, v, &pos, dict.end))
            return false;
        if (k.end - k.start == klen + 1 && memcmp(p + k.start + 1, key, klen) == 0) {
            *value = (pdf_span){vstart, pos};
            return true;
        }
    }
}

int pdf_span_ref(const pdf_file *f, pdf_span value)
{
    const unsigned char *p = f->data;
    size_t pos = value.start;
    token n = next_token(p, &pos, value.end), g = next_token(p, &pos, value.end),
          r = next_token(p, &pos, value.end);
    long num = word_int(p, n);
    if (num <= 0 || num > 8388607 || word_int(p, g) < 0 || !word_is(p, r, "R"))
        return 0;
    return (int)num;
}

bool pdf_span_int(const pdf_file *f, pdf_span value, long *out)
{
    /* The object's value alone: a stream's /Length that named its own
     * stream must not send us round for ever. */
    int ref = pdf_span_ref(f, value);
    if (ref && object_value(f, ref, &value))
        return false;
    size_t pos = value.start;
    token t = next_token(f->data, &pos, value.end);
    *out = word_int(f->data, t);
    return *out >= 0;
}

bool pdf_array_items(const pdf_file *f, pdf_span array, pdf_span_vec *items)
{
    const unsigned char *p = f->data;
    size_t pos = array.start;
    token open = next_token(p, &pos, array.end);
    if (open.kind != TOK_ARRAY_OPEN)
        return false;
    for (;;) {
        token t = next_token(p, &pos, array.end);
        if (t.kind == TOK_ARRAY_CLOSE)
            return true;
        size_t start = t.start;
        if (!skip_value(p, t, &pos, array.end))
            return false;
        *VEC_PUSH(*items) = (pdf_span){start, pos};
    }
}

bool pdf_span_is_name(const pdf_file *f, pdf_span value, const char *name)
{
    size_t pos = value.start;
    token t = next_token(f->data, &pos, value.end);
    size_t n = strlen(name);
    return t.kind == TOK_NAME && t.end - t.start == n + 1 &&
           memcmp(f->data + t.start + 1, name, n) == 0;
}

bool pdf_copy_value(const pdf_file *f, pdf_span value, pdf_ref_map map, void *ctx, strbuf *out)
{
    const unsigned char *p = f->data;
    size_t pos = value.start, copied = value.start;
    /* The last two tokens when they were integers: "n g" before an R. */
    token prev2 = {TOK_BAD, 0, 0}, prev1 = {TOK_BAD, 0, 0};
    for (;;) {
        token t = next_token(p, &pos, value.end);
        if (t.kind == TOK_END)
            break;
        if (t.kind == TOK_BAD)
            return false;
        if (word_is(p, t, "R") && word_int(p, prev2) > 0 && word_int(p, prev1) >= 0) {
            int n = map(ctx, (int)word_int(p, prev2));
            if (n <= 0)
                return false;
            VEC_GROW(*out, out->n + (int)(prev2.start - copied) + 1);
            memcpy(out->v + out->n, p + copied, prev2.start - copied);
            out->n += (int)(prev2.start - copied);
            sb_int(out, n);
            sb_put(out, " 0 R", 4);
            copied = t.end;
            prev2 = prev1 = (token){TOK_BAD, 0, 0};
            continue;
        }
        prev2 = prev1;
        prev1 = t;
    }
    VEC_GROW(*out, out->n + (int)(value.end - copied) + 1);
    memcpy(out->v + out->n, p + copied, value.end - copied);
    out->n += (int)(value.end - copied);
    return true;
}
