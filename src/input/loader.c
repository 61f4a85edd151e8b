/* loader.c — text, spans, styles and files for the readers of an edition. */
#include "input/loader.h"

#include "base/arena.h"
#include "base/chars.h"
#include "base/utf8.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

field_reader loader_fields(loader *ld)
{
    return (field_reader){.d = ld->d, .arena = ld->e->arena, .user = ld};
}

/* ---- text ---------------------------------------------------------- */

static bool is_space_cp(uint32_t c) { return c == ' ' || c == '\t'; }

const char *normalize(loader *ld, const char *in, size_t len, bool keep_breaks, src_loc loc,
                      const char *what)
{
    char *out = arena_alloc(ld->e->arena, len + 1);
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
            while (i < len && (in[i] == ' ' || in[i] == '\t' || in[i] == '\n' || in[i] == '\r'))
                i++;
            if (n == 0 || i >= len)
                continue;
            if (keep_breaks) {
                out[n++] = '\n';
                prev = '\n';
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
        if (is_space_cp(c)) {
            if (n > 0 && prev != ' ' && prev != '\n') {
                out[n++] = ' ';
                prev = ' ';
            }
            continue;
        }
        if (chars_is_control(c)) {
            diag_warn(ld->d, loc, "control-char",
                      "control character U+%04X in the text of %s was dropped; remove it from "
                      "the file",
                      c, what);
            continue;
        }
        n += (size_t)utf8_encode(c, out + n);
        prev = c;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = 0;
    return out;
}

bool make_span(loader *ld, const yml_node *node, int style_ix, const char *what, span *out)
{
    const char *s;
    if (!yml_read_string(node, ld->d, what, &s))
        return false;
    const style *st = &ld->l->styles[style_ix];
    const char *text = node->lines ? node->lines : node->str;
    out->text = normalize(ld, text, strlen(text), st->keep_breaks, node->loc, what);
    out->style = style_ix;
    out->loc = node->loc;
    out->loc_exact = node->plain && strcmp(out->text, node->str) == 0;
    return true;
}

bool make_lines_span(loader *ld, const yml_node *node, int style_ix, const char *what,
                     span *out)
{
    if (node->kind != YML_SEQ)
        return make_span(ld, node, style_ix, what, out);
    size_t total = 1;
    for (int i = 0; i < node->count; i++) {
        if (!yml_expect_kind(node->items[i], ld->d, YML_SCALAR, "a line of a head"))
            return false;
        total += node->items[i]->len + 1;
    }
    char *joined = arena_alloc(ld->e->arena, total);
    size_t n = 0;
    for (int i = 0; i < node->count; i++) {
        span line;
        if (!make_span(ld, node->items[i], style_ix, what, &line))
            return false;
        if (n > 0)
            joined[n++] = '\n';
        size_t l = strlen(line.text);
        memcpy(joined + n, line.text, l);
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

const char *resolve_path(loader *ld, const yml_node *node, const char *what)
{
    const char *given = node->str;
    if (!given[0]) {
        diag_error(ld->d, node->loc, "%s is empty", what);
        return NULL;
    }
    if (!ld->opt.allow_outside_root && given[0] == '/') {
        diag_error(ld->d, node->loc,
                   "%s \"%s\" is an absolute path; name it relative to the edition folder %s, or "
                   "run with --allow-outside-root",
                   what, given, ld->e->dir);
        return NULL;
    }
    char *joined = given[0] == '/' ? xstrdup(given) : xasprintf("%s/%s", ld->e->dir, given);
    char real[PATH_MAX];
    if (!files_resolve(ld->opt.files, joined, real)) {
        diag_error(ld->d, node->loc, "%s \"%s\" cannot be found (%s)", what, given,
                   strerror(errno));
        free(joined);
        return NULL;
    }
    if (!ld->opt.allow_outside_root) {
        size_t rl = strlen(ld->root_real);
        if (strncmp(real, ld->root_real, rl) != 0 || (real[rl] != '/' && real[rl] != 0)) {
            diag_error(ld->d, node->loc,
                       "%s \"%s\" lies outside the edition folder; copy the file into %s or "
                       "run with --allow-outside-root",
                       what, given, ld->e->dir);
            free(joined);
            return NULL;
        }
    }
    const char *result = arena_strdup(ld->e->arena, joined);
    free(joined);
    return result;
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
