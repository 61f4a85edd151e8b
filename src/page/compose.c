/* compose.c — an edition's pages, page by page, module by module. */
#include "page/compose.h"

#include "base/arena.h"
#include "page/composer.h"
#include "page/furniture.h"
#include "page/grid.h"
#include "page/makeup.h"
#include "page/masthead.h"
#include "page/module.h"
#include "page/separate.h"
#include "page/stagger.h"

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
        masthead_compose(c, &g, page);
    else
        furniture_folio(c, &g, page, ps);
    c->reserved_top = masthead ? t->masthead.lines : 0;
    if (!grid_check_overlaps(ps, t, c->reserved_top, c->d))
        return 0;
    c->sets = set_cache_new();
    ps = stagger_page(c, &g, ps, p);
    modules_compose(c, &g, page, ps, p);
    set_cache_free(c->sets);
    c->sets = NULL;
    furniture_column_rules(&g, page);
    separate_sides(&g, page, ps);
    int overset = 0;
    for (int k = 0; k < page->modules.n; k++)
        overset += page->modules.v[k].overset_lines;
    /* The page is done: its lists grow no more; an edition of many
     * pages should not carry their growth room to the end. */
    draw_list_fit(&page->list);
    return overset;
}

/* A warning for every placed line the breaker set beyond the rules: too
 * loose, overfull, or broken where a rule forbids — the last once for a
 * whole run of such lines (a long URL), since rewording it is one job.  A
 * tight line (a 。 compressed inside it) is clreq's own last reduction
 * step: the dump and the proof show it, composition does not warn. */
static void warn_flagged_lines(const edition_out *eo, diag *d)
{
    for (int p = 0; p < eo->page_count; p++) {
        const draw_list *dl = &eo->pages[p].list;
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
                para_warn_line(d, flags, tl->loc, tl->text);
        }
    }
}

long compose_page_aside(const edition *e, const layout *l, typesetter *ts, const page_spec *ps,
                        int p, arena *a, page_out *out, const page_spec **staggered, int *errors)
{
    const template *t = &l->templates[ps->template_index];
    composer c = {.e = e, .l = l, .ts = ts, .d = diag_new(), .a = a};
    c.carries = arena_alloc(a, sizeof(carry) * (size_t)(e->article_count + 1));
    page_grid g = grid_of(l, t);
    bool masthead = p == 0 && t->masthead.enabled && e->masthead.present;
    c.reserved_top = masthead ? t->masthead.lines : 0;
    long cost = 0;
    *out = (page_out){.index = p, .label = ps->label, .name = ps->name};
    if (!grid_check_overlaps(ps, t, c.reserved_top, c.d)) {
        cost = 1000000L;
    } else {
        c.sets = set_cache_new();
        if (staggered)
            ps = stagger_page(&c, &g, ps, p);
        cost = stagger_try(&c, &g, ps, p, out, a);
        set_cache_free(c.sets);
    }
    if (staggered)
        *staggered = ps;
    if (errors)
        *errors = diag_error_count(c.d) + c.trial_errors + (cost >= 1000000L);
    diag_free(c.d);
    return cost;
}

bool compose_edition(const edition *e, const layout *l, typesetter *ts, edition_out *out,
                     diag *d)
{
    memset(out, 0, sizeof *out);
    out->arena = arena_new();
    composer c = {.e = e, .l = l, .ts = ts, .d = d, .a = out->arena};
    c.carries = arena_alloc(out->arena, sizeof(carry) * (size_t)(e->article_count + 1));
    out->pages = arena_alloc(out->arena, sizeof(page_out) * (size_t)e->page_count);
    out->page_count = e->page_count;
    for (int p = 0; p < e->page_count; p++)
        out->overset_lines += compose_page(&c, p, &out->pages[p]);
    makeup_check(out, e, l, d);
    warn_flagged_lines(out, d);
    return diag_error_count(d) == 0;
}
