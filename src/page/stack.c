/* stack.c — poems and listings line by line on the grid; keeps. */
#include "page/stack.h"

#include "base/arena.h"
#include "page/flow.h"
#include "page/lines.h"

/* A line of the block: line li of paragraph pr (NULL for an empty line),
 * the paragraph id it belongs to. */
typedef struct stack_line {
    const para_result *pr;
    int li;
    int para;
    line_role role;
    double gray;
} stack_line;

typedef VEC(stack_line) stack_lines;

/* The children of block b set in the module's column, a line each, as
 * stack_lines; the widest of the lines of the block's own style. */
static scaled set_lines(module *m, const block *bl, stack_lines *out)
{
    composer *c = m->c;
    scaled widest = 0;
    for (int k = 0; k < bl->child_count; k++) {
        const block *ch = &bl->children[k];
        if (ch->span_count == 0) {
            *VEC_PUSH(*out) = (stack_line){.pr = NULL};
            continue;
        }
        para_result *pr = arena_alloc(c->a, sizeof *pr);
        para_options po = {.width = m->col_w, .indent_style = -1, .align = -1};
        para_typeset(c->ts, ch->spans, ch->span_count, &po, c->a, pr);
        int para = composer_new_para(c);
        /* A poem's title and author are its heads; its lines and a
         * listing's are text. */
        line_role role = ch->style == bl->style ? ROLE_BODY : ROLE_HEAD;
        for (int i = 0; i < pr->line_count; i++) {
            *VEC_PUSH(*out) = (stack_line){pr, i, para, role, c->l->styles[ch->style].gray};
            if (ch->style == bl->style)
                widest = MAX(widest, pr->lines[i].used);
        }
    }
    return widest;
}

/* Before a listing's wrapped line, in its hang: the wrap mark ↪ (→ where
 * the face lacks it), a glyph that shows no text (draw_glyph.added). */
static void wrap_mark(module *m, draw_list *dl, const para_line *pl, scaled baseline)
{
    composer *c = m->c;
    const style *st = &c->l->styles[pl->style];
    fontset *fonts = typesetter_fonts(c->ts);
    unsigned gid = fontset_glyph(fonts, st->face, 0x21AA);
    if (!gid)
        gid = fontset_glyph(fonts, st->face, 0x2192);
    if (!gid || st->hang <= 0)
        return;
    scaled w = scaled_muldiv(st->size, fontset_advance(fonts, st->face, gid),
                             fontset_info(fonts, st->face)->upem);
    draw_glyph *g = arena_alloc(c->a, sizeof *g);
    *g = (draw_glyph){.gid = gid, .added = true};
    draw_op *op = VEC_PUSH(dl->ops);
    *op = (draw_op){.kind = DRAW_GLYPHS, .x = MAX(0, (st->hang - w) / 2), .y = baseline,
                    .face = st->face, .style = pl->style, .size = st->size, .glyphs = g,
                    .glyph_count = 1, .text = "", .gray = st->gray, .article = -1, .fill = -1,
                    .line = -1}; /* an artifact: no reader takes it for text */
}

/* Lines [from, to) of the block as one block of grid lines, the poem's
 * lines shifted by `shift` (centred). */
static void push_block(module *m, const block *bl, const stack_lines *lines, int from, int to,
                       scaled shift, block_out *bo)
{
    memset(bo, 0, sizeof *bo);
    for (int i = from; i < to; i++) {
        const stack_line *sl = &lines->v[i];
        if (!sl->pr)
            continue;
        const para_line *pl = &sl->pr->lines[sl->li];
        scaled baseline = (i - from) * m->g->m.pitch + m->g->m.ascent;
        draw_para_line(&bo->list, m->c->a, sl->pr, pl, sl->role == ROLE_BODY ? shift : 0,
                       baseline, sl->role, -1, -1, i - from, sl->gray, sl->para);
        if (bl->kind == BLOCK_CODE && sl->li > 0)
            wrap_mark(m, &bo->list, pl, baseline);
    }
    bo->lines = to - from;
    bo->width = m->col_w;
}

int stack_blocks(module *m, int b, block_out **out)
{
    const block *bl = &m->a->blocks[b];
    stack_lines lines = {0};
    scaled widest = set_lines(m, bl, &lines);
    scaled shift = bl->kind == BLOCK_VERSE && bl->align == ALIGN_CENTER + 1
                       ? MAX(0, (m->col_w - widest) / 2)
                       : 0;
    VEC(block_out) blocks = {0};
    /* As tall as the module at most: cut at the last stanza's end that
     * fits, else where the module's depth ends. */
    int most = MAX(1, m->bottom - m->top);
    for (int from = 0; from < lines.n;) {
        int to = MIN(lines.n, from + most);
        if (to < lines.n)
            for (int k = to - 1; k > from; k--)
                if (!lines.v[k].pr) {
                    to = k + 1;
                    break;
                }
        push_block(m, bl, &lines, from, to, shift, VEC_PUSH(blocks));
        from = to;
        while (from < lines.n && !lines.v[from].pr)
            from++; /* a stanza's end at the top of a block is no space */
    }
    VEC_FREE(lines);
    *out = blocks.v;
    return blocks.n;
}

void stack_keeps(module *m)
{
    for (int i = 0; i < m->items.n; i++) {
        flow_item *it = &m->items.v[i];
        if (it->kind != FLOW_PARA || it->block < 0 || it->continuation)
            continue;
        int keep = m->a->blocks[it->block].keep, lines = 0;
        for (int k = i; k < m->items.n && k < i + keep; k++)
            if (m->items.v[k].kind == FLOW_PARA)
                lines += flow_variant(m, &m->items.v[k], 1)->line_count;
        it->keep_lines = keep > 0 ? lines : 0;
    }
}
