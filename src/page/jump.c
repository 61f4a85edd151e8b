/* jump.c — continuations: （下转） and （上接） lines, and the rest carried. */
#include "page/jump.h"

#include "base/arena.h"
#include "page/flow.h"
#include "page/headband.h"
#include "page/items.h"
#include "page/lines.h"

#include <stdio.h>

/* The （下转A3版） or （上接A1版） line, as a paragraph. */
static span *jump_span(composer *c, const char *fmt, const char *label, int style_index)
{
    span *s = arena_alloc(c->a, sizeof *s);
    size_t n = strlen(fmt) + strlen(label) + 1;
    char *text = arena_alloc(c->a, n);
    snprintf(text, n, fmt, label);
    s->text = text;
    s->style = style_index;
    return s;
}

int jump_continued_top(module *m, const carry *from, int top)
{
    composer *c = m->c;
    int hs = composer_style(c, "jump-head", m->pl->loc);
    int js = composer_style(c, "jump-line", m->pl->loc);
    if (hs < 0 || js < 0)
        return -1;
    int line = headband_repeat(m, hs, top);
    const char *label = c->e->pages[from->from_page].label;
    flow_item *it = items_add_para(m, -1, jump_span(c, "（上接%s版）", label, js), 1, js, true, 0);
    it->align = ALIGN_START;
    return line;
}

jump_spot jump_reserve(module *m)
{
    jump_spot at = {-1, -1};
    for (int col = m->ncols - 1; col >= 0 && at.line < 0; col--)
        for (int ln = m->bottom - 1; ln >= m->top; ln--)
            if (!*module_cell(m, m->fixed, col, ln)) {
                at = (jump_spot){col, ln};
                break;
            }
    if (at.line >= 0)
        module_take(m, at.col, at.col + 1, at.line, at.line + 1);
    return at;
}

/* Remember where the rest of the article goes on: the item where the flow
 * stopped, from its first body row not placed (a table, as the same
 * table) or its first byte not set (a paragraph, as the same paragraph). */
static void carry_rest(module *m, const placed_vec *pv, int page_index, carry *cr)
{
    const flow_item *it = &m->items.v[m->stop_item];
    cr->active = true;
    cr->from_page = page_index;
    /* Nothing of the article set here (the flow stopped at the （上接）
     * line): it goes on from where it came in, paragraph byte, table row
     * and ids as they were. */
    if (it->block < 0)
        return;
    flow_stop_at(m, &cr->block, &cr->byte);
    cr->row = 0;
    if (it->kind == FLOW_TABLE) {
        cr->row = it->first_row;
        cr->table = it->tab.id;
        for (int k = 0; k < pv->n; k++)
            if (pv->v[k].item == m->stop_item)
                cr->row = MAX(cr->row, pv->v[k].first_row + pv->v[k].rows);
    }
    if (it->kind == FLOW_PARA)
        cr->para = it->para;
}

/* （下转…版） at the reserved line, against the column's end. */
static void jump_to_line(module *m, jump_spot at)
{
    composer *c = m->c;
    int js = composer_style(c, "jump-line", m->pl->loc);
    if (js < 0)
        return;
    const char *label = c->e->pages[m->pl->continue_page].label;
    span *s = jump_span(c, "（下转%s版）", label, js);
    para_result *pr = arena_alloc(c->a, sizeof *pr);
    para_options po = {.width = m->col_w, .indent_style = -1, .no_indent = true,
                       .align = ALIGN_END};
    para_typeset(c->ts, s, 1, &po, c->a, pr);
    if (pr->line_count > 0)
        draw_para_line(&m->page->list, c->a, pr, &pr->lines[0], m->col_x[at.col],
                       template_baseline(m->g->t, at.line), ROLE_JUMP, m->article,
                       m->own_columns ? at.col : m->grid_col0 + at.col, at.line,
                       c->l->styles[js].gray, composer_new_para(c));
}

int jump_onward(module *m, const placed_vec *pv, jump_spot at, int page_index, int overset)
{
    carry *cr = &m->c->carries[m->article];
    if (overset > 0 && at.line >= 0 && m->stop_item >= 0) {
        carry_rest(m, pv, page_index, cr);
        jump_to_line(m, at);
        return 0;
    }
    diag_warn(m->c->d, m->pl->loc, "jump-unused",
              "article \"%s\" fits on this page; its \"continue-on\" is not needed and "
              "its continuation stays empty",
              m->a->id);
    cr->active = false;
    cr->block = m->a->block_count;
    return overset;
}
