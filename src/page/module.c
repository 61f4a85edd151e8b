/* module.c — one article's module, and a page's modules. */
#include "page/module.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "input/parts.h"
#include "page/flow.h"
#include "page/headband.h"
#include "page/items.h"
#include "page/jump.h"
#include "page/place.h"
#include "page/separate.h"

/* The top of an article's first module: its headline band, then its
 * photo.  Returns the grid line below the band, where the body starts. */
static int article_top(module *m, int top)
{
    int head_cols;
    int line = headband_set(m, top, &head_cols);
    place_photo(m, top, line, head_cols);
    return line;
}

/* The text the flow could not place: from where it stopped (a
 * paragraph's first line not set, or a whole block) to the article's end. */
static char *overset_text(const module *m)
{
    int from, byte;
    flow_stop_at(m, &from, &byte);
    return article_text_from(m->a, m->c->l, from, byte);
}

/* The grid lines that did not fit and were not carried on: kept on the
 * module's module_box with the text they hold (the dump, the report and
 * the proof read them) and warned of, with the words they begin with. */
static void report_overset(module *m, int overset)
{
    module_box *mb = &m->page->modules.v[m->box];
    mb->overset_lines = overset;
    mb->fit_col_from = mb->fit_col_to = -1;
    /* A page set aside weighs its overset by the lines alone; its
     * diagnostics are thrown away. */
    if (overset <= 0 || m->c->trial)
        return;
    char *text = overset_text(m);
    mb->overset_text = arena_strdup(m->c->a, text);
    mb->overset_chars = article_characters(text);
    /* The first words: a dozen characters, on one line. */
    size_t cut = utf8_prefix(text, 12);
    for (char *c = text; *c; c++)
        if (*c == '\n')
            *c = ' ';
    diag_warn(m->c->d, m->pl->loc, "overset",
              "article \"%s\" does not fit its module: %d lines are overset, %d characters "
              "from 「%.*s%s」; cut the text, or give the module more columns or lines",
              m->a->id, overset, mb->overset_chars, (int)cut, text, text[cut] ? "…" : "");
    free(text);
}

/* One article's module: the top (headline band and photo, or the top of
 * a continuation), the body's items flowed through what is left and
 * drawn, then the jump onward or what did not fit. */
static void module_compose(composer *c, const page_grid *g, page_out *page, const page_spec *ps,
                           int page_index, const placement *pl, int article_index)
{
    module m;
    module_open(&m, c, g, page, ps, pl, article_index);
    const carry *cr = &c->carries[article_index];
    /* Everything fitted before the jump (jump-unused said so): the
     * continuation stays empty rather than show a head with no text. */
    if (pl->continued && !cr->active) {
        module_close(&m);
        return;
    }
    int top = separate_top(&m);
    int body_top = pl->continued ? jump_continued_top(&m, cr, top) : article_top(&m, top);
    if (body_top < 0) {
        module_close(&m);
        return;
    }
    items_build(&m, pl->continued ? cr : NULL);
    bool jumps = pl->continue_page >= 0;
    jump_spot spot = jumps ? jump_reserve(&m) : (jump_spot){-1, -1};
    placed_vec pv = {0};
    int overset = flow_set(&m, &pv);
    place_flow(&m, &pv);
    place_record_fill(&m);
    if (m.own_columns)
        place_own_rules(&m, body_top);
    if (jumps)
        overset = jump_onward(&m, &pv, spot, page_index, overset);
    VEC_FREE(pv);
    report_overset(&m, overset);
    module_close(&m);
}

/* The index of article a in the edition (the last that is a; 0 if none). */
static int article_index(const edition *e, const article *a)
{
    int idx = 0;
    for (int k = 0; k < e->article_count; k++)
        if (e->articles[k] == a)
            idx = k;
    return idx;
}

void modules_compose(composer *c, const page_grid *g, page_out *page, const page_spec *ps,
                     int page_index)
{
    for (int k = 0; k < ps->placement_count; k++) {
        const placement *pl = &ps->placements[k];
        module_compose(c, g, page, ps, page_index, pl, article_index(c->e, pl->article));
    }
}
