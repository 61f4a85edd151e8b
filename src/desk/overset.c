/* overset.c — modules set again to find what would hold their text. */
#include "desk/overset.h"

/* A trial: the edition with page p alone, holding placement pl alone, in
 * `area`.  Whether the article then fits (no error, no overset). */
static bool fits(const edition *e, const layout *l, typesetter *ts, int p, const placement *pl,
                 grid_area area)
{
    placement one = *pl;
    one.area = area;
    one.continue_page = -1;
    page_spec ps = e->pages[p];
    ps.placements = &one;
    ps.placement_count = 1;
    edition trial = *e;
    trial.pages = &ps;
    trial.page_count = 1;
    if (p != 0)
        trial.masthead.present = false; /* the page stays as it is: no masthead */
    diag *d = diag_new();
    edition_out out;
    bool ok = compose_edition(&trial, l, ts, &out, d) && out.overset_lines == 0;
    edition_out_free(&out);
    diag_free(d);
    return ok;
}

static const placement *placement_of(const edition *e, int p, int index)
{
    const page_spec *ps = &e->pages[p];
    for (int k = 0; k < ps->placement_count; k++)
        if (ps->placements[k].article == e->articles[index])
            return &ps->placements[k];
    return NULL;
}

/* The module's area as it was set: a build's staggering may have moved
 * its top and lines from the placement's, and a top of one with the
 * lines of the other would run past the foot of the grid. */
static grid_area set_area(const placement *pl, const module_box *mb)
{
    grid_area a = pl->area;
    a.col_from = mb->col_from;
    a.col_to = mb->col_to;
    a.top = mb->top;
    a.lines = mb->lines;
    return a;
}

/* The fewest grid lines in the same columns, or 0. */
static int fit_lines(const edition *e, const layout *l, typesetter *ts, int p,
                     const placement *pl, const module_box *mb, int max_lines)
{
    grid_area a = set_area(pl, mb);
    a.lines = max_lines;
    if (max_lines <= mb->lines || !fits(e, l, ts, p, pl, a))
        return 0;
    int lo = mb->lines + 1, hi = max_lines;
    while (lo < hi) {
        a.lines = (lo + hi) / 2;
        if (fits(e, l, ts, p, pl, a))
            hi = a.lines;
        else
            lo = a.lines + 1;
    }
    return lo;
}

/* The narrowest columns in the same lines, widened right then left;
 * false when none hold it. */
static bool fit_columns(const edition *e, const layout *l, typesetter *ts, int p,
                        const placement *pl, const module_box *mb, int columns, grid_area *out)
{
    grid_area a = set_area(pl, mb);
    int width = a.col_to - a.col_from + 1;
    /* The page's whole width first: what does not fit there fits in no
     * narrower columns, and the text is set once, not once a width. */
    a.col_from = 0;
    a.col_to = columns - 1;
    if (width >= columns || !fits(e, l, ts, p, pl, a))
        return false;
    for (int w = width + 1; w <= columns; w++) {
        a.col_from = MIN(mb->col_from, columns - w);
        a.col_to = a.col_from + w - 1;
        if (fits(e, l, ts, p, pl, a)) {
            *out = a;
            return true;
        }
    }
    return false;
}

void overset_fits(edition_out *eo, const edition *e, const layout *l, fontset *fonts)
{
    if (eo->overset_lines == 0)
        return;
    diag *d = diag_new();
    typesetter *ts = typesetter_new(fonts, l, d);
    for (int p = 0; p < eo->page_count; p++) {
        const template *t = &l->templates[e->pages[p].template_index];
        for (int k = 0; k < eo->pages[p].modules.n; k++) {
            module_box *mb = &eo->pages[p].modules.v[k];
            const placement *pl = mb->overset_lines > 0 && mb->article >= 0
                                      ? placement_of(e, p, mb->article)
                                      : NULL;
            if (!pl || pl->continued || pl->part_count > 0)
                continue;
            /* Lines that would not fill the rest of the page in every
             * column even were each a quarter of a grid line (text smaller
             * than the body's) fit nowhere on it: no trial is set (each
             * would set the whole text again). */
            long room = 4L * t->columns * (t->lines - mb->top);
            if (!pl->set_columns && mb->overset_lines > room)
                continue;
            mb->fit_lines = fit_lines(e, l, ts, p, pl, mb, t->lines - mb->top);
            grid_area wide;
            if (fit_columns(e, l, ts, p, pl, mb, t->columns, &wide)) {
                mb->fit_col_from = wide.col_from;
                mb->fit_col_to = wide.col_to;
            }
        }
    }
    typesetter_free(ts);
    diag_free(d);
}
