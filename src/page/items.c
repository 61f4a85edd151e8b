/* items.c — paragraphs, heads, boxes and tables as flow items. */
#include "page/items.h"

#include "base/arena.h"
#include "page/headband.h"
#include "page/lines.h"
#include "page/stack.h"

/* The spans of a block from byte `from` of its text on. */
static const span *slice_spans(arena *a, const span *spans, int count, int from, int *out_count)
{
    span *out = arena_alloc(a, sizeof(span) * (size_t)(count + 1));
    int n = 0, pos = 0;
    for (int i = 0; i < count; i++) {
        int len = (int)strlen(spans[i].text);
        if (pos + len > from) {
            out[n] = spans[i];
            if (from > pos) {
                out[n].text += from - pos;
                out[n].gap_before = 0;
                out[n].loc_exact = false;
            }
            n++;
        }
        pos += len;
    }
    *out_count = n;
    return out;
}

/* Append a flow item of `kind` setting block `block_index`, with a new
 * paragraph id. */
static flow_item *items_add(module *m, flow_kind kind, int block_index, double gray)
{
    flow_item *it = VEC_PUSH(m->items);
    it->kind = kind;
    it->block = block_index;
    it->gray = gray;
    it->align = -1;
    it->para = composer_new_para(m->c);
    return it;
}

flow_item *items_add_para(module *m, int block_index, const span *spans, int count,
                          int style_index, bool continuation, int byte_base)
{
    const style *st = &m->c->l->styles[style_index];
    flow_item *it = items_add(m, FLOW_PARA, block_index, st->gray);
    it->spans = spans;
    it->span_count = count;
    it->continuation = continuation;
    it->byte_base = byte_base;
    return it;
}

/* A paragraph, or its rest from byte `from` on (as paragraph `para`: the
 * rest of a paragraph cut by a jump is still that paragraph). */
static void para_item(module *m, int b, int from, int para)
{
    const block *bl = &m->a->blocks[b];
    int n = bl->span_count;
    const span *spans = from > 0 ? slice_spans(m->c->a, bl->spans, bl->span_count, from, &n)
                                 : bl->spans;
    flow_item *it = items_add_para(m, b, spans, n, bl->style, from > 0, from);
    if (from > 0)
        it->para = para;
    it->align = bl->align - 1; /* a paragraph's own align (0: its style's, -1 here) */
}

/* A head: stacked one column wide, kept with two lines of what follows. */
static void head_item(module *m, int b)
{
    const block *bl = &m->a->blocks[b];
    const style *st = &m->c->l->styles[bl->style];
    flow_item *it = items_add(m, FLOW_HEAD, b, st->gray);
    it->lines_before = st->lines_before;
    const span *parts[1] = {&bl->spans[0]};
    stack_block(m->c, m->g, parts, 1, m->col_w, 0, st->lines_after, ROLE_HEAD, &it->blk);
    it->keep_with_next = 2;
}

/* A box: its paragraphs inside a tinted frame across the columns it spans. */
static void box_item(module *m, int b)
{
    composer *c = m->c;
    const block *bl = &m->a->blocks[b];
    const style *st = &c->l->styles[bl->style];
    flow_item *it = items_add(m, FLOW_BLOCK, b, st->gray);
    it->lines_before = st->lines_before;
    it->span_cols = MAX(1, MIN(bl->span_columns, m->ncols));
    scaled w = module_width(m, it->span_cols);
    scaled pad = st->size;
    block_out *bo = &it->blk;
    memset(bo, 0, sizeof *bo);
    /* The frame runs through the middle of the empty first and last lines,
     * so the text inside stays on the grid.  Drawn first: the tint goes
     * under the text. */
    int line = 1;
    draw_op *frame = VEC_PUSH(bo->list.ops);
    for (int k = 0; k < bl->child_count; k++) {
        const block *ch = &bl->children[k];
        para_result *pr = arena_alloc(c->a, sizeof *pr);
        para_options po = {.width = w - 2 * pad, .indent_style = -1, .align = -1};
        para_typeset(c->ts, ch->spans, ch->span_count, &po, c->a, pr);
        int para = composer_new_para(c);
        for (int i = 0; i < pr->line_count; i++, line++)
            draw_para_line(&bo->list, c->a, pr, &pr->lines[i], pad,
                           grid_block_baseline(&m->g->m, line), ROLE_BOX, -1, -1, line,
                           c->l->styles[ch->style].gray, para);
    }
    bo->lines = line + 1;
    bo->width = w;
    scaled top = m->g->m.body / 2;
    scaled bottom =
        grid_block_baseline(&m->g->m, bo->lines - 1) - m->g->m.ascent + m->g->m.body / 2;
    frame = &bo->list.ops.v[0];
    *frame = (draw_op){.kind = DRAW_RECT, .x = 0, .y = top, .w = w, .h = bottom - top,
                       .fill = 0.08, .weight = scaled_from_pt(0.75), .gray = 1, .article = -1};
    it->floats = true;
}

/* A whole table as one block (for tables across several columns). */
static void whole_table(module *m, const table_out *t, block_out *out)
{
    memset(out, 0, sizeof *out);
    out->lines = table_lines(t, 0);
    /* One taller than the page is never placed (it is overset): drawn, its
     * rows would stand past what a length holds. */
    if (out->lines <= m->lines)
        table_draw_piece(t, &m->g->m, &out->list, 0, 0, 0, 0, t->row_count, -1, -1);
    out->width = t->width;
}

/* A table, from body row `row` on as table `id` (0: a new table).  One
 * that cannot be laid out becomes an empty block (the error is said). */
static void table_item(module *m, int b, int row, int id)
{
    composer *c = m->c;
    const block *bl = &m->a->blocks[b];
    const style *st = &c->l->styles[bl->style];
    int span_cols = MAX(1, MIN(bl->span_columns, m->ncols));
    flow_item *it = items_add(m, span_cols > 1 ? FLOW_BLOCK : FLOW_TABLE, b, st->gray);
    it->span_cols = span_cols;
    it->lines_before = 1;
    table_out tab;
    if (!table_layout(c->ts, c->l, bl->table, module_width(m, span_cols), &m->g->m, c->a, id,
                      &tab, &c->next_para, c->d)) {
        it->kind = FLOW_BLOCK;
        return;
    }
    if (span_cols == 1) {
        it->tab = tab;
        it->first_row = MIN(row, tab.row_count);
        return;
    }
    /* A table across columns does not break: one block that floats. */
    whole_table(m, &tab, &it->blk);
    table_out_free(&tab);
    it->floats = true;
}

/* A poem or a listing: blocks of grid lines, each kept in one column
 * (stack.h). */
static void stack_item(module *m, int b)
{
    block_out *blocks;
    int n = stack_blocks(m, b, &blocks);
    for (int k = 0; k < n; k++) {
        flow_item *it = items_add(m, FLOW_BLOCK, b, m->c->l->styles[m->a->blocks[b].style].gray);
        it->blk = blocks[k];
        it->span_cols = 1;
    }
    free(blocks);
}

void items_build(module *m, const carry *from)
{
    int first = from ? from->block : 0;
    m->first_block = first;
    m->first_byte = from ? from->byte : 0;
    for (int b = first; b < m->a->block_count; b++) {
        bool resumed = from && b == first; /* set in part on an earlier page */
        switch (m->a->blocks[b].kind) {
        case BLOCK_PARA:
            para_item(m, b, resumed ? from->byte : 0, resumed ? from->para : 0);
            break;
        case BLOCK_HEAD:
            head_item(m, b);
            break;
        case BLOCK_BOX:
            box_item(m, b);
            break;
        case BLOCK_TABLE:
            table_item(m, b, resumed ? from->row : 0, resumed && from->row > 0 ? from->table : 0);
            break;
        case BLOCK_VERSE:
        case BLOCK_CODE:
            stack_item(m, b);
            break;
        }
    }
    /* Heads in a row (幸福区域二： over its title) stand together with two
     * lines of what follows the last of them. */
    for (int i = m->items.n - 2; i >= 0; i--) {
        flow_item *it = &m->items.v[i], *next = &m->items.v[i + 1];
        if (it->kind == FLOW_HEAD && next->kind == FLOW_HEAD)
            it->keep_with_next = next->lines_before + next->blk.lines + next->keep_with_next;
    }
    stack_keeps(m);
}

void items_free(module *m)
{
    for (int i = 0; i < m->items.n; i++) {
        if (m->items.v[i].kind == FLOW_TABLE)
            table_out_free(&m->items.v[i].tab);
        else if (m->items.v[i].kind != FLOW_PARA)
            draw_list_free(&m->items.v[i].blk.list);
    }
    VEC_FREE(m->items);
}
