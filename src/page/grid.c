/* grid.c — grid lines, article areas and gutters of the page grid. */
#include "page/grid.h"

#include <stdlib.h>

page_grid grid_of(const layout *l, const template *t)
{
    page_grid g = {.t = t, .body = &l->styles[t->body_style]};
    g.m.pitch = t->pitch;
    g.m.line_gap = t->line_gap;
    g.m.body = g.body->size;
    g.m.ascent = t->baseline0 - t->area_y;
    return g;
}

scaled grid_line_top(const page_grid *g, int line) { return g->t->area_y + line * g->m.pitch; }

scaled grid_block_baseline(const grid_metrics *m, int line)
{
    const int64_t tallest = scaled_from_pt(8000); /* a page is 7200pt at most */
    return (scaled)MIN((int64_t)line * m->pitch + m->ascent, tallest);
}

/* k lines give k pitches: the em boxes and the gaps between them, plus
 * half a gap above and below, up to the neighbours. */
int grid_lines_for_height(const page_grid *g, scaled h)
{
    int k = (int)((h + g->m.pitch - 1) / g->m.pitch);
    return k < 1 ? 1 : k;
}

const grid_area *grid_part(const placement *pl, int i)
{
    return i == 0 ? &pl->area : &pl->parts[i - 1];
}

/* The bottom (exclusive) of an area with `lines: fill`: down to the next
 * area below it in any of its columns, or the foot of the type area. */
static int fill_bottom(const page_spec *ps, const grid_area *a, const template *t)
{
    int bottom = t->lines;
    for (int k = 0; k < ps->placement_count; k++) {
        const placement *q = &ps->placements[k];
        for (int i = 0; i <= q->part_count; i++) {
            const grid_area *b = grid_part(q, i);
            if (b == a || b->col_to < a->col_from || b->col_from > a->col_to)
                continue;
            if (b->top > a->top && b->top < bottom)
                bottom = b->top;
        }
    }
    return bottom;
}

int grid_masthead_lines(const edition *e, const template *t, int p)
{
    return p == 0 && t->masthead.enabled && e->masthead.present ? t->masthead.lines : 0;
}

int grid_area_bottom(const page_spec *ps, const grid_area *a, const template *t)
{
    return a->lines ? a->top + a->lines : fill_bottom(ps, a, t);
}

bool grid_check_overlaps(const page_spec *ps, const template *t, int reserved_top, diag *d)
{
    size_t cells = (size_t)t->columns * (size_t)t->lines;
    int *owner = xmalloc(sizeof(int) * cells);
    for (size_t i = 0; i < cells; i++)
        owner[i] = -1;
    bool ok = true;
    for (int k = 0; k < ps->placement_count && ok; k++) {
        const placement *pl = &ps->placements[k];
        for (int i = 0; i <= pl->part_count && ok; i++) {
            const grid_area *a = grid_part(pl, i);
            int b = grid_area_bottom(ps, a, t);
            /* The loader keeps an edition's areas on the grid; an area
             * made here (a stagger's move, a plan, a trial of the desk)
             * is held to it too, or the cells below would be indexed
             * off the grid. */
            if (a->col_from < 0 || a->col_to < a->col_from || a->col_to >= t->columns ||
                a->top < 0 || a->lines < 0 || b <= a->top || b > t->lines) {
                ok = diag_error(d, a->loc,
                                "article \"%s\" is placed off the grid: columns %d-%d, grid "
                                "lines %d-%d, where the template has %d columns of %d lines",
                                pl->article->id, a->col_from + 1, a->col_to + 1, a->top + 1, b,
                                t->columns, t->lines);
                break;
            }
            if (a->top < reserved_top && !pl->ear) {
                ok = diag_error(d, a->loc,
                                "article \"%s\" starts at grid line %d, inside the masthead (lines "
                                "1-%d); start it at line %d or lower",
                                pl->article->id, a->top + 1, reserved_top, reserved_top + 1);
                break;
            }
            for (int col = a->col_from; col <= a->col_to && ok; col++)
                for (int ln = a->top; ln < b && ok; ln++) {
                    int *o = &owner[col * t->lines + ln];
                    if (*o >= 0 && *o != k)
                        ok = diag_error(d, a->loc,
                                        "article \"%s\" overlaps article \"%s\" at column %d, grid "
                                        "line %d; move one of them",
                                        pl->article->id, ps->placements[*o].article->id, col + 1,
                                        ln + 1);
                    *o = k;
                }
        }
    }
    free(owner);
    return ok;
}

bool grid_spanned(const grid_rect *v, int n, int col, int line)
{
    for (int k = 0; k < n; k++)
        if (v[k].col_from <= col && v[k].col_to > col && line >= v[k].line_from &&
            line < v[k].line_to)
            return true;
    return false;
}

/* One line of rule (beside a byline alone on its line, over a box across
 * the columns) divides no columns of text and reads as a stray stroke: it
 * is left out. */
void grid_gutter_rule(draw_list *dl, const page_grid *g, scaled x, int from, int to)
{
    const template *t = g->t;
    if (to - from < 2)
        return;
    draw_rule_inked(dl, x, grid_line_top(g, from) - t->line_gap / 2, x,
                    grid_line_top(g, to) - t->line_gap / 2, t->column_rule_weight,
                    t->column_rule_color.ink, t->column_rule_color.tint);
}
