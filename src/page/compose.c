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
    c->reserved_top = grid_masthead_lines(c->e, t, p);
    if (c->reserved_top > 0)
        masthead_compose(c, &g, page);
    else
        furniture_folio(c, &g, page, ps);
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

long compose_page_aside(const edition *e, const layout *l, typesetter *ts, const page_spec *ps,
                        int p, arena *a, page_out *out, const page_spec **staggered, int *errors)
{
    const template *t = &l->templates[ps->template_index];
    composer c = {.e = e, .l = l, .ts = ts, .d = diag_new(), .a = a};
    c.carries = arena_alloc(a, sizeof(carry) * (size_t)(e->article_count + 1));
    page_grid g = grid_of(l, t);
    c.reserved_top = grid_masthead_lines(e, t, p);
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
        makeup_check(page, p, e, l, d);
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
