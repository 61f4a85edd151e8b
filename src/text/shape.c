/* shape.c — runs to glyphs to units. */
#include "text/shape.h"

#include "base/arena.h"

#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct shaper {
    hb_buffer_t *buf;
    hb_language_t zh_hans;
    VEC(hb_feature_t) feats;
};

shaper *shaper_new(void)
{
    shaper *s = xcalloc(1, sizeof *s);
    s->buf = hb_buffer_create();
    if (!hb_buffer_allocation_successful(s->buf)) {
        fprintf(stderr, "paiban: out of memory creating a HarfBuzz buffer\n");
        abort();
    }
    s->zh_hans = hb_language_from_string("zh-Hans", -1);
    return s;
}

void shaper_free(shaper *s)
{
    if (!s)
        return;
    hb_buffer_destroy(s->buf);
    VEC_FREE(s->feats);
    free(s);
}

scaled shape_scale(int font_units, int upem, scaled size)
{
    return scaled_muldiv(size, font_units, upem);
}

typedef VEC(glyph) glyph_vec;

static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* Half-width figures (hwid) over each number of the run: its digits, the
 * separators between them and a % after them, so that a figure takes
 * half an em as in Chinese text set on its grid. */
static void add_half_width_figures(shaper *s, const para_text *t, const text_run *r)
{
    int end = r->start + r->len;
    for (int i = r->start; i < end;) {
        if (!is_digit(t->cp[i])) {
            i++;
            continue;
        }
        int j = i + 1;
        while (j < end && (is_digit(t->cp[j]) || ((t->cp[j] == '.' || t->cp[j] == ',') &&
                                                  j + 1 < end && is_digit(t->cp[j + 1]))))
            j++;
        if (j < end && t->cp[j] == '%')
            j++;
        *VEC_PUSH(s->feats) =
            (hb_feature_t){HB_TAG('h', 'w', 'i', 'd'), 1, (unsigned)i, (unsigned)j};
        i = j;
    }
}

static void shape_run(shaper *s, const para_text *t, const text_run *r, fontset *fonts,
                      figure_style figures, glyph_vec *out)
{
    hb_buffer_t *buf = s->buf;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf32(buf, t->cp, t->n, (unsigned)r->start, r->len);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, (hb_script_t)r->script);
    hb_buffer_set_language(buf, s->zh_hans);
    hb_buffer_flags_t flags = HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES;
    if (r->start == 0)
        flags |= HB_BUFFER_FLAG_BOT;
    if (r->start + r->len == t->n)
        flags |= HB_BUFFER_FLAG_EOT;
    hb_buffer_set_flags(buf, flags);
    /* Quotation marks acting as Latin punctuation take the face's
     * proportional forms (PU-8). */
    s->feats.n = 0;
    /* Punctuation is compressed by hlist.c's rules, once: never let the
     * font's contextual half-width spacing do it too (PU-10). */
    *VEC_PUSH(s->feats) = (hb_feature_t){HB_TAG('c', 'h', 'w', 's'), 0, HB_FEATURE_GLOBAL_START,
                                         HB_FEATURE_GLOBAL_END};
    for (int i = r->start; i < r->start + r->len; i++) {
        if (chars_quote(t->cp[i]) && t->cls[i] == CHAR_LATIN) {
            *VEC_PUSH(s->feats) = (hb_feature_t){HB_TAG('p', 'w', 'i', 'd'), 1, (unsigned)i,
                                                 (unsigned)i + 1};
        }
    }
    /* Figures of one width line up in table columns (where the face has
     * them). */
    if (figures == FIGURES_TABULAR)
        *VEC_PUSH(s->feats) = (hb_feature_t){HB_TAG('t', 'n', 'u', 'm'), 1, (unsigned)r->start,
                                             (unsigned)(r->start + r->len)};
    else if (figures == FIGURES_HALF_WIDTH)
        add_half_width_figures(s, t, r);
    hb_shape(fontset_hb_font(fonts, r->face), buf, s->feats.v, (unsigned)s->feats.n);
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
    VEC_GROW(*out, out->n + (int)count);
    for (unsigned i = 0; i < count; i++) {
        glyph *g = &out->v[out->n++];
        g->gid = info[i].codepoint;
        g->face = r->face;
        g->cluster = (int)info[i].cluster;
        g->x_advance = pos[i].x_advance;
        g->x_offset = pos[i].x_offset;
        g->y_offset = pos[i].y_offset;
    }
}

void shape_para(shaper *s, const para_text *t, const span *spans, const layout *l,
                fontset *fonts, arena *scratch, shaped_para *out)
{
    glyph_vec glyphs = {0};
    for (int r = 0; r < t->run_count; r++)
        shape_run(s, t, &t->runs[r], fonts,
                  l->styles[spans[t->runs[r].span].style].figures, &glyphs);

    out->glyph_count = glyphs.n;
    out->glyphs = arena_memdup(scratch, glyphs.v, sizeof(glyph) * (size_t)glyphs.n);
    VEC_FREE(glyphs);
    out->units = ARENA_NEW_ARRAY(scratch, unit, out->glyph_count + 1);
    out->unit_count = 0;
    const glyph *g = out->glyphs;
    for (int i = 0; i < out->glyph_count;) {
        int j = i + 1;
        while (j < out->glyph_count && g[j].cluster == g[i].cluster)
            j++;
        unit *u = &out->units[out->unit_count++];
        u->glyph_start = i;
        u->glyph_end = j;
        u->cp_start = g[i].cluster;
        u->face = g[i].face;
        u->span = t->span[u->cp_start];
        u->cls = t->cls[u->cp_start];
        u->size = l->styles[spans[u->span].style].size;
        const face_info *fi = fontset_info(fonts, u->face);
        int adv = 0;
        for (int k = i; k < j; k++)
            adv += g[k].x_advance;
        u->width = shape_scale(adv, fi->upem, u->size);
        /* ？ and ！ count as closing: full-width marks whose blank may go
         * at line end (PU-3) and next to another mark (PU-4, PU-6). */
        bool closing = u->cls == CHAR_CLOSE || u->cls == CHAR_EXCL;
        if (j - i == 1 && (u->cls == CHAR_OPEN || closing)) {
            int x0, x1, y0, y1;
            fontset_extents(fonts, u->face, g[i].gid, &x0, &x1, &y0, &y1);
            int half = adv / 2;
            if (u->cls == CHAR_OPEN)
                u->blank_left = shape_scale(MAX(0, MIN(x0, half)), fi->upem, u->size);
            else
                u->blank_right = shape_scale(MAX(0, MIN(adv - x1, half)), fi->upem, u->size);
        }
        i = j;
    }
    /* A unit ends where the next begins (clusters are monotone in LTR). */
    for (int k = 0; k < out->unit_count; k++) {
        unit *u = &out->units[k];
        int end = k + 1 < out->unit_count ? out->units[k + 1].cp_start : t->n;
        /* Never let a unit swallow a '\n' (runs exclude them). */
        for (int c = u->cp_start; c < end; c++)
            if (t->cp[c] == '\n') {
                end = c;
                break;
            }
        u->cp_end = end > u->cp_start ? end : u->cp_start + 1;
        /* Where a word may be hyphenated after this unit, the hyphen it
         * would end its line with, from its own face. */
        unsigned hyphen = u->cp_end < t->n && t->brk[u->cp_end] == BREAK_HYPHEN
                              ? fontset_glyph(fonts, u->face, '-')
                              : 0;
        if (hyphen) {
            u->hyphen_gid = hyphen;
            u->hyphen_width = shape_scale(fontset_advance(fonts, u->face, hyphen),
                                          fontset_info(fonts, u->face)->upem, u->size);
        }
    }
}
