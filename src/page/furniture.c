/* furniture.c — folio, masthead and column rules. */
#include "page/furniture.h"

#include "base/arena.h"
#include "page/folio.h"
#include "page/lines.h"

bool furniture_line(composer *c, page_out *page, const span *spans, int nspans, int align,
                    scaled x, scaled width, scaled baseline)
{
    if (nspans == 0 || !spans[0].text || !spans[0].text[0])
        return true;
    para_result *pr = arena_alloc(c->a, sizeof *pr);
    para_options po = {.width = width, .indent_style = -1, .no_indent = true, .align = align};
    para_typeset(c->ts, spans, nspans, &po, c->a, pr);
    if (pr->line_count > 0)
        draw_para_line(&page->list, c->a, pr, &pr->lines[0], x, baseline, ROLE_FOLIO, -1, -1, -1,
                       c->l->styles[spans[0].style].gray, composer_new_para(c));
    return pr->line_count <= 1;
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
    for (int i = 0; i < 3; i++) {
        if (!parts[i])
            continue;
        span sp[FOLIO_MAX_SPANS];
        int n = compose_folio_spans(c->e, f, parts[i], ps, t->loc, c->a, sp);
        if (!furniture_line(c, page, sp, n, aligns[i], t->area_x, t->area_w, baseline))
            diag_error(c->d, t->loc, "the folio's %s does not fit on one line across the type "
                                     "area; shorten it", parts[i]);
    }
    if (f->rule > 0) {
        scaled y = t->area_y - f->rule_gap;
        draw_rule_inked(&page->list, t->area_x, y, t->area_x + t->area_w, y, f->rule,
                        f->rule_color.ink, f->rule_color.tint);
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
