/* loader.c — text, spans, styles and files for the readers of an edition. */
#include "input/loader.h"

#include "base/arena.h"
#include "base/chars.h"
#include "base/files.h"
#include "base/utf8.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

field_reader loader_fields(loader *ld)
{
    return (field_reader){.d = ld->d, .arena = ld->arena, .user = ld};
}

/* ---- text ---------------------------------------------------------- */

static bool is_space_cp(uint32_t c) { return c == ' ' || c == '\t'; }

unsigned norm_flags(const style *st)
{
    return (st->preserve_spaces ? NORM_PRE : 0) | (st->keep_fullwidth ? NORM_FULLWIDTH : 0) |
           (st->ascii_minus ? NORM_ASCII_MINUS : 0);
}

/* TX-2: a full-width ASCII digit or letter (０–９, Ａ–Ｚ, ａ–ｚ) as the ASCII one
 * (GB/T 15835—2011: numbers in Arabic digits are half-width). */
static uint32_t halfwidth(uint32_t c)
{
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
        (c >= 0xFF41 && c <= 0xFF5A))
        return c - 0xFEE0;
    return c;
}

/* TX-3: a hyphen that stands for the sign of a negative number — a digit
 * after it, and before it the start, a space, or anything but a letter, a
 * digit or a closing bracket (not 1-2, S233-S315, CN 41-0099) — is the
 * minus sign U+2212. */
static bool is_minus(uint32_t prev, const char *next, size_t left)
{
    uint32_t a = 0, b = 0;
    int k = left ? utf8_decode(next, left, &a) : 0;
    if (k > 0 && a == '.' && (size_t)k < left)
        utf8_decode(next + k, left - (size_t)k, &b);
    bool number = chars_is_digit(halfwidth(a)) || (a == '.' && chars_is_digit(b));
    bool word = chars_is_digit(prev) || (prev | 0x20) - 'a' < 26u || prev == ')' ||
                prev == 0xFF09 || prev == '-' || (prev >= 0xFF10 && prev <= 0xFF5A);
    return number && !word;
}

/* A tab in text kept as written: spaces to the next fourth column. */
static size_t expand_tab(char **out, size_t n, size_t *cap, size_t line_start)
{
    size_t col = n - line_start, to = (col / 4 + 1) * 4;
    *cap += to - col;
    *out = xrealloc(*out, *cap);
    while (col++ < to)
        (*out)[n++] = ' ';
    return n;
}

const char *normalize(loader *ld, const char *in, size_t len, unsigned flags, src_loc loc,
                      const char *what)
{
    size_t cap = 3 * len + 1; /* a "-" may become the three bytes of U+2212 */
    char *out = xmalloc(cap);
    size_t line_start = 0; /* where the current line starts in out (NORM_PRE) */
    bool keep_breaks = flags & (NORM_KEEP_BREAKS | NORM_PRE);
    size_t n = 0;
    size_t i = 0;
    uint32_t prev = 0; /* last character written, 0 at start */
    while (i < len) {
        uint32_t c;
        int k = utf8_decode(in + i, len - i, &c);
        if (k == 0) { /* cannot happen: yml validated the file */
            i++;
            continue;
        }
        i += (size_t)k;
        if (c == '\r')
            continue;
        if (c == '\n') {
            /* Drop spaces written before the break, and those after it. */
            while (n > 0 && out[n - 1] == ' ')
                n--;
            while (i < len && !(flags & NORM_PRE) &&
                   (in[i] == ' ' || in[i] == '\t' || in[i] == '\n' || in[i] == '\r'))
                i++;
            if (n == 0 || i >= len)
                continue;
            if (keep_breaks) {
                out[n++] = '\n';
                prev = '\n';
                line_start = n;
                continue;
            }
            /* The characters either side, looking past quotation marks:
             * they are as wide as the text they stand in (PU-8). */
            uint32_t before = 0, after = 0;
            for (size_t end = n; end > 0;) {
                size_t start = end - 1;
                while (start > 0 && ((unsigned char)out[start] & 0xC0) == 0x80)
                    start--;
                uint32_t b;
                if (utf8_decode(out + start, end - start, &b) == 0)
                    break;
                before = b;
                if (!chars_quote(b))
                    break;
                end = start;
            }
            for (size_t at = i; at < len;) {
                uint32_t a;
                int m = utf8_decode(in + at, len - at, &a);
                if (m == 0)
                    break;
                after = a;
                if (!chars_quote(a))
                    break;
                at += (size_t)m;
            }
            /* A digit beside a Chinese character counts as wide too: a
             * number is set against the characters around it with no
             * space (MX-2), so a line wrapped inside 10|月 or 30|元 joins
             * up as the writer meant, where CSS would put a space. */
            bool wide_before = chars_is_wide(before), wide_after = chars_is_wide(after);
            bool vanish = (wide_before || (chars_is_digit(before) && wide_after)) &&
                          (wide_after || (chars_is_digit(after) && wide_before)) &&
                          !chars_is_hangul(before) && !chars_is_hangul(after);
            if (before == 0x200B || after == 0x200B)
                vanish = true;
            if (!vanish) {
                out[n++] = ' ';
                prev = ' ';
            }
            continue;
        }
        if (is_space_cp(c) && (flags & NORM_PRE)) {
            if (c == '\t')
                n = expand_tab(&out, n, &cap, line_start);
            else
                out[n++] = ' ';
            prev = ' ';
            continue;
        }
        if (is_space_cp(c)) {
            if (n > 0 && prev != ' ' && prev != '\n') {
                out[n++] = ' ';
                prev = ' ';
            }
            continue;
        }
        if (chars_is_control(c)) {
            diag_warn(ld->d, loc, "control-char",
                      "control character U+%04X in the text of %s was dropped; "
                      "remove it from "
                      "the file",
                      c, what);
            continue;
        }
        if (!(flags & NORM_FULLWIDTH))
            c = halfwidth(c);
        if (c == '-' && !(flags & NORM_ASCII_MINUS) && is_minus(prev, in + i, len - i))
            c = 0x2212;
        n += (size_t)utf8_encode(c, out + n);
        prev = c;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = 0;
    char *kept = arena_strdup(ld->arena, out);
    free(out);
    return kept;
}

bool make_span(loader *ld, const yml_node *node, int style_ix, const char *what, span *out)
{
    const char *s;
    if (!yml_read_string(node, ld->d, what, &s) || !text_fits(ld, node->len, node->loc, what))
        return false;
    const style *st = &ld->l->styles[style_ix];
    const char *text = node->lines ? node->lines : node->str;
    const char *norm = normalize(ld, text, strlen(text),
                                 norm_flags(st) | (st->keep_breaks ? NORM_KEEP_BREAKS : 0),
                                 node->loc, what);
    *out = (span){.text = norm, .style = style_ix, .loc = node->loc,
                  .loc_exact = node->plain && strcmp(norm, node->str) == 0};
    return true;
}

bool make_lines_span(loader *ld, const yml_node *node, int style_ix, const char *what,
                     span *out)
{
    if (node->kind != YML_SEQ)
        return make_span(ld, node, style_ix, what, out);
    /* The lines as normalized, which may be longer than as written (a
     * character made full-width takes three bytes for one). */
    const char **lines = ARENA_NEW_ARRAY(ld->arena, const char *, node->count + 1);
    size_t total = 1;
    for (int i = 0; i < node->count; i++) {
        span line;
        if (!yml_expect_kind(node->items[i], ld->d, YML_SCALAR, "a line of a head") ||
            !make_span(ld, node->items[i], style_ix, what, &line))
            return false;
        lines[i] = line.text;
        total += strlen(line.text) + 1;
    }
    char *joined = arena_alloc(ld->arena, total);
    size_t n = 0;
    for (int i = 0; i < node->count; i++) {
        if (n > 0)
            joined[n++] = '\n';
        size_t l = strlen(lines[i]);
        memcpy(joined + n, lines[i], l);
        n += l;
    }
    joined[n] = 0;
    *out = (span){.text = joined, .style = style_ix, .loc = node->loc};
    return true;
}

/* ---- styles and files --------------------------------------------- */

int style_named(loader *ld, const char *name, src_loc loc)
{
    int s = layout_style(ld->l, name);
    if (s < 0)
        diag_error(ld->d, loc,
                   "style \"%s\" is needed here but %s/styles.yaml does not define it", name,
                   ld->l->dir);
    return s;
}

int style_of(loader *ld, const yml_node *v, const char *what, const char *fallback,
             const yml_node *map)
{
    const char *name;
    if (!v)
        return fallback ? style_named(ld, fallback, map->loc) : -1;
    if (!yml_read_string(v, ld->d, what, &name))
        return -1;
    return style_named(ld, name, v->loc);
}

bool read_style(field_reader *r, yml_node *v, void *dest)
{
    int *slot = fields_slot(r, dest);
    if (!v && !r->row->arg)
        return true;
    *slot = style_of(r->user, v, r->name, r->row->arg, r->map);
    return *slot >= 0;
}

const char *content_path(loader *ld, const yml_node *node, const char *what)
{
    const char *given = node->str;
    if (!given[0]) {
        diag_error(ld->d, node->loc, "%s is empty", what);
        return NULL;
    }
    if (!ld->opt.allow_outside_root && given[0] == '/') {
        diag_error(ld->d, node->loc,
                   "%s \"%s\" is an absolute path; name it relative to the edition "
                   "folder %s, or "
                   "run with --allow-outside-root",
                   what, given, ld->e->dir);
        return NULL;
    }
    char *joined = given[0] == '/' ? xstrdup(given) : xasprintf("%s/%s", ld->e->dir, given);
    const char *result = arena_strdup(ld->e->arena, joined);
    free(joined);
    return result;
}

/* Where the edition's files are read: the keeper's source reads what it
 * holds again, and everything else as the options say. */
static bool read_counted(loader *ld, const char *path, size_t limit, bool held, char **data,
                         size_t *len, char *real)
{
    if (held)
        return files_keep(ld->e->kept, path, limit, data, len, real);
    return files_read_real(ld->opt.files, path, limit, data, len, real);
}

bool content_read(loader *ld, const yml_node *node, const char *what, const char *path,
                  size_t limit, bool held, char **data, size_t *len)
{
    src_loc where = node ? node->loc : (src_loc){path, 0, 0};
    const char *given = node ? node->str : path;
    if (held && ld->e->kept->count >= EDITION_MAX_PHOTOS) {
        errno = 0;
        return diag_error(ld->d, where,
                          "the edition names more than %d photo files; an "
                          "edition may have %d at most",
                          EDITION_MAX_PHOTOS, EDITION_MAX_PHOTOS);
    }
    char real[PATH_MAX];
    if (!read_counted(ld, path, limit, held, data, len, real)) {
        int err = errno;
        if (!node || err == EISDIR || err == EINVAL || err == EFBIG)
            return false;
        diag_error(ld->d, where, "%s \"%s\" cannot be found (%s)", what, given, strerror(err));
        errno = 0;
        return false;
    }
    /* Checked where the descriptor leads, not where the name did before. */
    if (!ld->opt.allow_outside_root && !files_inside(ld->root_real, real)) {
        free(*data);
        *data = NULL;
        errno = 0;
        if (!node)
            return diag_error(ld->d, where,
                              "%s lies outside the edition folder (it leads to %s); "
                              "copy it into %s or run with --allow-outside-root",
                              what, real, ld->e->dir);
        return diag_error(ld->d, where,
                          "%s \"%s\" lies outside the edition folder; copy the file into %s or "
                          "run with --allow-outside-root",
                          what, given, ld->e->dir);
    }
    if (held)
        return true;
    ld->yaml_bytes += *len;
    if (ld->yaml_bytes > EDITION_MAX_YAML_BYTES) {
        free(*data);
        *data = NULL;
        errno = 0;
        return diag_error(ld->d, where,
                          "with %s the edition's YAML files hold more than %d MiB, the limit for "
                          "an edition; split it",
                          given, EDITION_MAX_YAML_BYTES >> 20);
    }
    return true;
}

bool text_fits(loader *ld, size_t len, src_loc loc, const char *what)
{
    if (len <= EDITION_MAX_TEXT_BYTES)
        return true;
    return diag_error(ld->d, loc,
                      "%s is %zu bytes long; one text may hold %d KiB at most (a blank line "
                      "starts a new paragraph), so split it",
                      what, len, EDITION_MAX_TEXT_BYTES >> 10);
}

src_loc span_char_loc(const span *s, int index)
{
    src_loc loc = s->loc;
    if (s->loc_exact)
        loc.col += index;
    return loc;
}

char *content_one_line(const char *s)
{
    char *out = xstrdup(s ? s : "");
    char *w = out;
    for (const char *r = out; *r; r++)
        if (*r != '\n')
            *w++ = *r;
    *w = 0;
    return out;
}
