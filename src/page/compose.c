/* compose.c — an edition's pages, page by page, module by module. */
#include "page/compose.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "input/parts.h"
#include "page/composer.h"
#include "page/flow.h"
#include "page/furniture.h"
#include "page/grid.h"
#include "page/headband.h"
#include "page/items.h"
#include "page/jump.h"
#include "page/place.h"

/* The top of an article's first module: its headline band, then its
 * photo.  Returns the grid line below the band, where the body starts. */
static int article_top(module *m)
{
    int head_cols;
    int line = headband_set(m, m->top, &head_cols);
    place_photo(m, m->top, line, head_cols);
    return line;
}

/* The text the flow could not place: from where it stopped (a
 * paragraph's first line not set, or a whole block) to the article's end. */
static char *overset_text(const module *m)
{
    int from = m->first_block, byte = 0;
    if (m->stop_item >= 0) {
        const flow_item *it = &m->items.v[m->stop_item];
        from = it->block >= 0 ? it->block : m->first_block;
        if (it->kind == FLOW_PARA) {
            const para_result *pr = &it->var[m->stop_variant];
            byte = it->byte_base + (m->stop_lines > 0 ? pr->lines[m->stop_lines - 1].text_end : 0);
        }
    }
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
    if (overset <= 0)
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
static void compose_module(composer *c, const page_grid *g, page_out *page, const page_spec *ps,
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
    int body_top = pl->continued ? jump_continued_top(&m, cr) : article_top(&m);
    if (body_top < 0) {
        module_close(&m);
        return;
    }
    items_build(&m, pl->continued ? cr : NULL);
    bool jumps = pl->continue_page >= 0;
    jump_spot spot = jumps ? jump_reserve(&m) : (jump_spot){-1, -1};
    placed_vec pv = {0};
    int overset = flow_set(&m, !jumps, &pv);
    place_flow(&m, &pv);
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

/* Page p: the masthead or the folio, its modules, its column rules.
 * Returns the grid lines overset on it. */
static int compose_page(composer *c, int p, page_out *page)
{
    const page_spec *ps = &c->e->pages[p];
    const template *t = &c->l->templates[ps->template_index];
    page_grid g = grid_of(c->l, t);
    page->index = p;
    page->label = ps->label;
    page->name = ps->name;
    page->width = t->page_w;
    page->height = t->page_h;
    bool masthead = p == 0 && t->masthead.enabled && c->e->masthead.present;
    if (masthead)
        furniture_masthead(c, &g, page);
    else
        furniture_folio(c, &g, page, ps);
    if (!grid_check_overlaps(ps, t, masthead ? t->masthead.lines : 0, c->d))
        return 0;
    for (int k = 0; k < ps->placement_count; k++) {
        const placement *pl = &ps->placements[k];
        compose_module(c, &g, page, ps, p, pl, article_index(c->e, pl->article));
    }
    furniture_column_rules(&g, page);
    int overset = 0;
    for (int k = 0; k < page->modules.n; k++)
        overset += page->modules.v[k].overset_lines;
    /* The page is done: its lists grow no more; an edition of many
     * pages should not carry their growth room to the end. */
    draw_list_fit(&page->list);
    return overset;
}

/* A line the breaker set beyond the rules, to be warned of when the
 * edition is composed: its text copied, as its page may be gone by then. */
typedef struct flagged_line {
    unsigned flags;
    src_loc loc;
    char *text;
} flagged_line;

typedef VEC(flagged_line) flagged_vec;

/* The lines of a page to warn of: too loose, overfull, or broken where a
 * rule forbids — the last once for a whole run of such lines (a long
 * URL), since rewording it is one job.  A tight line (a 。 compressed
 * inside it) is clreq's own last reduction step: the dump and the proof
 * show it, composition does not warn. */
static void flag_lines(const page_out *po, flagged_vec *out)
{
    const draw_list *dl = &po->list;
    for (int i = 0; i < dl->lines.n; i++) {
        const text_line *tl = &dl->lines.v[i];
        /* A repeated line was warned where it first stood. */
        unsigned flags = tl->repeat ? 0 : tl->flags & LINE_WARNED;
        if (flags & LINE_EMERGENCY) {
            bool run_goes_on = i > 0 && (dl->lines.v[i - 1].flags & LINE_EMERGENCY) &&
                               dl->lines.v[i - 1].para == tl->para;
            /* Inside such a run, spacing and width are the run's doing. */
            flags = run_goes_on ? 0 : LINE_EMERGENCY;
        }
        if (flags)
            *VEC_PUSH(*out) = (flagged_line){flags, tl->loc, tl->text ? xstrdup(tl->text) : NULL};
    }
}

bool compose_edition_each(const edition *e, const layout *l, typesetter *ts, edition_out *out,
                          page_done_fn done, void *ctx, diag *d)
{
    memset(out, 0, sizeof *out);
    out->arena = arena_new();
    composer c = {.e = e, .l = l, .ts = ts, .d = d, .a = out->arena};
    c.carries = arena_alloc(out->arena, sizeof(carry) * (size_t)(e->article_count + 1));
    out->pages = arena_alloc(out->arena, sizeof(page_out) * (size_t)e->page_count);
    out->page_count = e->page_count;
    flagged_vec flagged = {0};
    bool ok = true;
    for (int p = 0; p < e->page_count && ok; p++) {
        page_out *page = &out->pages[p];
        /* A page to be let go keeps what it alone needs in an arena of its
         * own; what goes on to later pages (the carries) is the edition's. */
        if (done)
            c.a = page->arena = arena_new();
        out->overset_lines += compose_page(&c, p, page);
        flag_lines(page, &flagged);
        if (done) {
            ok = done(ctx, out, p);
            edition_out_release_page(out, p);
        }
    }
    /* The warnings of lines come after those of composition, page by page,
     * whether the pages were let go or not. */
    for (int i = 0; i < flagged.n; i++) {
        para_warn_line(d, flagged.v[i].flags, flagged.v[i].loc, flagged.v[i].text);
        free(flagged.v[i].text);
    }
    VEC_FREE(flagged);
    return ok && diag_error_count(d) == 0;
}

bool compose_edition(const edition *e, const layout *l, typesetter *ts, edition_out *out,
                     diag *d)
{
    return compose_edition_each(e, l, ts, out, NULL, NULL, d);
}
