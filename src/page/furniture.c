/* furniture.c — folio, masthead and column rules. */
#include "page/furniture.h"

#include "base/arena.h"
#include "page/folio.h"
#include "page/headband.h"
#include "page/lines.h"

#include <stdio.h>

/* One line of furniture text at (x, baseline) within `width`. */
static void furniture_line(composer *c, page_out *page, const char *text, int style_index,
                           int align, scaled x, scaled width, scaled baseline, src_loc loc)
{
    if (!text || !text[0])
        return;
    span *sp = arena_alloc(c->a, sizeof *sp);
    sp->text = text;
    sp->style = style_index;
    sp->loc = loc;
    para_result *pr = arena_alloc(c->a, sizeof *pr);
    para_options po = {.width = width, .indent_style = -1, .no_indent = true, .align = align};
    para_typeset(c->ts, sp, 1, &po, c->a, pr);
    if (pr->line_count > 0)
        draw_para_line(&page->list, c->a, pr, &pr->lines[0], x, baseline, ROLE_FOLIO, -1, -1, -1,
                       c->l->styles[style_index].gray, composer_new_para(c));
}

void furniture_folio(composer *c, const page_grid *g, page_out *page, const page_spec *ps)
{
    const template *t = g->t;
    const folio_spec *f = &t->folio;
    if (!f->enabled)
        return;
    const char *parts[3] = {f->left, f->center, f->right};
    const int aligns[3] = {ALIGN_START, ALIGN_CENTER, ALIGN_END};
    scaled baseline = t->area_y - f->rise;
    for (int i = 0; i < 3; i++)
        if (parts[i])
            furniture_line(c, page, compose_folio_text(c->e, parts[i], ps, c->a), f->style,
                           aligns[i], t->area_x, t->area_w, baseline, t->loc);
    if (f->rule > 0) {
        scaled y = t->area_y - f->rule_gap;
        draw_rule_inked(&page->list, t->area_x, y, t->area_x + t->area_w, y, f->rule,
                        f->rule_color.ink, f->rule_color.tint);
    }
}

void furniture_masthead(composer *c, const page_grid *g, page_out *page)
{
    const template *t = g->t;
    const masthead_spec *ms = &t->masthead;
    const masthead_info *mi = &c->e->masthead;
    scaled band = ms->lines * g->m.pitch - g->m.line_gap;
    scaled name_w = template_column_x(t, ms->name_columns - 1) + t->col_w - t->area_x;
    span name = {.text = c->e->paper, .style = ms->name_style, .loc = t->loc};
    block_out nb;
    const span *np[1] = {&name};
    stack_block(c, g, np, 1, name_w, 0, 0, ROLE_MASTHEAD, &nb);
    draw_append(&page->list, &nb.list, t->area_x, t->area_y + (band - nb.lines * g->m.pitch +
                                                                g->m.line_gap) / 2, -1, -1, -1);
    draw_list_free(&nb.list);
    char date[64], weekday[32];
    edition_date_strings(c->e, date, sizeof date, weekday, sizeof weekday);
    char line1[160];
    snprintf(line1, sizeof line1, "%s  %s", date, weekday);
    const char *lines[7];
    int n = 0;
    lines[n++] = arena_strdup(c->a, line1);
    if (mi->lunar)
        lines[n++] = mi->lunar;
    if (mi->issue)
        lines[n++] = mi->issue;
    if (mi->serial)
        lines[n++] = mi->serial;
    if (mi->postal)
        lines[n++] = mi->postal;
    if (mi->weather)
        lines[n++] = mi->weather;
    if (mi->publisher)
        lines[n++] = mi->publisher;
    const style *is = &c->l->styles[ms->info_style];
    scaled x = t->area_x + name_w + t->gutter;
    scaled w = t->area_x + t->area_w - x;
    scaled total = (n - 1) * is->leading + is->size;
    scaled first = t->area_y + (band - total) / 2 + scaled_muldiv(is->size, 88, 100);
    for (int i = 0; i < n; i++)
        furniture_line(c, page, lines[i], ms->info_style, ALIGN_END, x, w, first + i * is->leading,
                       t->loc);
    if (ms->rule > 0) {
        scaled y = t->area_y + band + g->m.line_gap / 2;
        draw_rule_inked(&page->list, t->area_x, y, t->area_x + t->area_w, y, ms->rule,
                        ms->rule_color.ink, ms->rule_color.tint);
    }
}

void furniture_column_rules(const page_grid *g, page_out *page)
{
    const template *t = g->t;
    if (!t->column_rules)
        return;
    /* A rule in every gutter, interrupted where something spans it (a
     * headline, a photo, a straddling table) and outside the modules. */
    for (int col = 0; col + 1 < t->columns; col++) {
        scaled x = template_column_x(t, col) + t->col_w + t->gutter / 2;
        int start = -1;
        for (int line = 0; line <= t->lines; line++) {
            bool ruled = false;
            for (int k = 0; k < page->modules.n && line < t->lines; k++) {
                const module_box *mb = &page->modules.v[k];
                if (mb->col_from <= col && mb->col_to > col && line >= mb->top &&
                    line < mb->top + mb->lines)
                    ruled = true;
            }
            if (ruled && grid_spanned(page->spanners.v, page->spanners.n, col, line))
                ruled = false;
            if (ruled && start < 0)
                start = line;
            if (!ruled && start >= 0) {
                grid_gutter_rule(&page->list, g, x, start, line);
                start = -1;
            }
        }
    }
}
