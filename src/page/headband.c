/* headband.c — stacked text blocks and the headline band. */
#include "page/headband.h"

#include "base/arena.h"
#include "page/lines.h"

/* Where the ink of a set paragraph's widest line begins, and how wide it is. */
static void widest_ink(const para_result *pr, scaled *x, scaled *w)
{
    *x = 0;
    *w = 0;
    for (int i = 0; i < pr->line_count; i++) {
        const para_line *pl = &pr->lines[i];
        if (pl->glyph_count == 0)
            continue;
        scaled from = pr->glyphs[pl->glyph_start].x;
        if (pl->used - from > *w) {
            *x = from;
            *w = pl->used - from;
        }
    }
}

/* stack_block, with the parts after `narrow_after` (when it is >= 0) set
 * no wider than that part's widest line, under it (MU-7). */
static void stack_parts(composer *c, const page_grid *g, const span *const *parts, int nparts,
                        scaled width, scaled part_gap, int extra_after, line_role role,
                        int narrow_after, block_out *out)
{
    memset(out, 0, sizeof *out);
    para_result *pr = arena_alloc(c->a, sizeof(para_result) * (size_t)nparts);
    scaled *x = arena_alloc(c->a, sizeof(scaled) * (size_t)nparts);
    int total_lines = 0;
    scaled measure = width, under = 0;
    for (int p = 0; p < nparts; p++) {
        x[p] = p > narrow_after ? under : 0;
        para_options po = {.width = p > narrow_after ? measure : width, .indent_style = -1,
                           .no_indent = true, .align = -1};
        para_typeset(c->ts, parts[p], 1, &po, c->a, &pr[p]);
        total_lines += pr[p].line_count;
        if (p == narrow_after) {
            widest_ink(&pr[p], &under, &measure);
            if (measure <= 0 || measure >= width)
                measure = width, under = 0;
        }
    }
    /* Baselines relative to the first line's.  A block taller than any
     * page (a headline of a thousand lines) stops growing at `tallest`,
     * well inside what a scaled holds: its module reports that it does not
     * fit. */
    const int64_t tallest = scaled_from_pt(5000);
    scaled *base = arena_alloc(c->a, sizeof(scaled) * (size_t)(total_lines + 1));
    scaled y = 0, top_ascent = 0, bottom = 0;
    int k = 0;
    for (int p = 0; p < nparts; p++) {
        const style *st = &c->l->styles[parts[p]->style];
        for (int i = 0; i < pr[p].line_count; i++) {
            const para_line *pl = &pr[p].lines[i];
            int64_t next = y;
            if (k == 0)
                top_ascent = pl->ascent;
            else if (i == 0)
                next += (int64_t)bottom + part_gap + pl->ascent;
            else
                next += st->leading;
            y = (scaled)MIN(next, tallest);
            base[k++] = y;
            bottom = pl->descent;
        }
    }
    scaled height = top_ascent + y + bottom;
    int lines = grid_lines_for_height(g, height);
    scaled band = lines * g->m.pitch - g->m.line_gap;
    scaled offset = (band - height) / 2 + top_ascent;
    k = 0;
    for (int p = 0; p < nparts; p++) {
        const style *st = &c->l->styles[parts[p]->style];
        int para = composer_new_para(c);
        for (int i = 0; i < pr[p].line_count; i++, k++)
            draw_para_line(&out->list, c->a, &pr[p], &pr[p].lines[i], x[p], offset + base[k],
                           role, -1, -1, -1, st->gray, para);
    }
    out->lines = lines + extra_after;
    out->width = width;
}

void stack_block(composer *c, const page_grid *g, const span *const *parts, int nparts,
                 scaled width, scaled part_gap, int extra_after, line_role role,
                 block_out *out)
{
    stack_parts(c, g, parts, nparts, width, part_gap, extra_after, role, -1, out);
}

void band_styles(const layout *l, const article *a, const placement *pl, int styles[3])
{
    int head = pl->headline_style >= 0 ? pl->headline_style : a->headline.style;
    const style *hs = &l->styles[head];
    const int given[3] = {pl->kicker_style, head, pl->subtitle_style};
    const int companion[3] = {hs->kicker_style, head, hs->subtitle_style};
    const int own[3] = {a->kicker.style, head, a->subtitle.style};
    for (int i = 0; i < 3; i++)
        styles[i] = given[i] >= 0 ? given[i] : companion[i] >= 0 ? companion[i] : own[i];
}

/* A band set at grid line `line` across the module's first `cols`
 * columns: taken from the flow, and spanning the page's gutters there. */
static int band_taken(module *m, const block_out *b, int cols, int line)
{
    module_take(m, 0, cols, line, line + b->lines);
    if (!m->own_columns)
        page_spanner(m->page, m->grid_col0, m->grid_col0 + cols - 1, line, line + b->lines);
    return line + b->lines;
}

int headband_set(module *m, int line, int *cols)
{
    composer *c = m->c;
    const placement *pl = m->pl;
    const span *parts[3];
    span heads[3] = {m->a->kicker, m->a->headline, m->a->subtitle};
    int styles_here[3];
    band_styles(c->l, m->a, pl, styles_here);
    int n = 0, headline = -1;
    for (int i = 0; i < 3; i++) {
        if (!heads[i].text)
            continue;
        heads[i].style = styles_here[i];
        if (i == 1)
            headline = n;
        parts[n++] = &heads[i];
    }
    *cols = m->ncols;
    if (n == 0)
        return line;
    *cols = pl->headline_columns > 0 ? MIN(pl->headline_columns, m->ncols) : m->ncols;
    block_out head;
    const style *hs = &c->l->styles[heads[1].text ? heads[1].style : parts[0]->style];
    /* MU-7: the subtitle no wider than the headline, unless its style says. */
    stack_parts(c, m->g, parts, n, module_width(m, *cols), hs->size / 4, hs->lines_after,
                ROLE_HEADLINE, hs->subtitle_band_wide ? -1 : headline, &head);
    draw_append(&m->page->list, &head.list, m->col_x[0], grid_line_top(m->g, line), -1,
                m->article, -1);
    /* A headline cannot flow on: one taller than its module would be
     * drawn over what lies below. */
    if (line + head.lines > m->bottom)
        diag_error(c->d, m->a->headline.text ? m->a->headline.loc : pl->loc,
                   "the headline takes %d grid lines but the module has %d; shorten it "
                   "or give the article more columns or lines",
                   head.lines, m->bottom - m->top);
    module_box *mb = &m->page->modules.v[m->box];
    mb->head_top = line;
    mb->head_lines = head.lines - hs->lines_after;
    line = band_taken(m, &head, *cols, line);
    draw_list_free(&head.list);
    return line;
}

int headband_repeat(module *m, int style_index, int line)
{
    composer *c = m->c;
    span *head = arena_alloc(c->a, sizeof *head);
    *head = m->a->headline;
    head->style = style_index;
    const span *parts[1] = {head};
    block_out hb;
    stack_block(c, m->g, parts, 1, module_width(m, m->ncols), 0,
                c->l->styles[style_index].lines_after, ROLE_HEADLINE, &hb);
    int repeated = m->page->list.lines.n;
    draw_append(&m->page->list, &hb.list, m->col_x[0], grid_line_top(m->g, line), -1,
                m->article, -1);
    draw_mark_repeat(&m->page->list, repeated);
    /* As on the first page, a headline cannot flow on. */
    if (line + hb.lines > m->bottom)
        diag_error(c->d, m->pl->loc,
                   "the continuation of \"%s\" repeats its headline in %d grid lines but "
                   "its module has %d; give it more lines or columns",
                   m->a->id, hb.lines, m->bottom - m->top);
    module_box *mb = &m->page->modules.v[m->box];
    mb->head_top = line;
    mb->head_lines = hb.lines - c->l->styles[style_index].lines_after;
    line = band_taken(m, &hb, m->ncols, line);
    draw_list_free(&hb.list);
    return line;
}
