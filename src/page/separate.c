/* separate.c — white and rules between stories. */
#include "page/separate.h"

#include "base/arena.h"

/* The gutter's half beside a module, unless it stands at the type
 * area's edge: a story rule reaches the one in the gutter. */
static scaled half_gutter_left(const module *m)
{
    return m->grid_col0 > 0 ? m->g->t->gutter / 2 : 0;
}

static scaled half_gutter_right(const module *m)
{
    return m->grid_col1 < m->g->t->columns - 1 ? m->g->t->gutter / 2 : 0;
}

int separate_top(module *m)
{
    const template *t = m->g->t;
    int white = t->makeup.head_space;
    if (m->top <= m->c->reserved_top || white == 0)
        return m->top;
    white = MIN(white, m->bottom - m->top);
    module_take(m, 0, m->ncols, m->top, m->top + white);
    page_spanner(m->page, m->grid_col0, m->grid_col1, m->top, m->top + white);
    m->white = white;
    m->page->modules.v[m->box].white_lines = white;
    if (t->makeup.story_rule > 0) {
        scaled y = grid_line_top(m->g, m->top) - t->line_gap / 2 + white * t->pitch / 2;
        scaled x0 = m->col_x[0] - half_gutter_left(m);
        scaled x1 = m->col_x[m->ncols - 1] + m->col_w + half_gutter_right(m);
        draw_rule(&m->page->list, x0, y, x1, y, t->makeup.story_rule, 1);
    }
    return m->top + white;
}

/* Which placement of page ps takes each grid cell (column × line), -1
 * for none; parts count, not a placement's bounding box. */
static int *cell_owners(const page_spec *ps, const template *t)
{
    size_t cells = (size_t)t->columns * (size_t)t->lines;
    int *owner = xmalloc(sizeof(int) * (cells ? cells : 1));
    for (size_t i = 0; i < cells; i++)
        owner[i] = -1;
    for (int k = 0; k < ps->placement_count; k++) {
        const placement *pl = &ps->placements[k];
        for (int i = 0; i <= pl->part_count; i++) {
            const grid_area *a = grid_part(pl, i);
            int bottom = MIN(grid_area_bottom(ps, a, t), t->lines);
            for (int col = MAX(a->col_from, 0); col <= a->col_to && col < t->columns; col++)
                for (int line = MAX(a->top, 0); line < bottom; line++)
                    owner[col * t->lines + line] = k;
        }
    }
    return owner;
}

void separate_sides(const page_grid *g, page_out *page, const page_spec *ps)
{
    const template *t = g->t;
    if (t->makeup.story_rule <= 0 || t->columns < 2)
        return;
    int *owner = cell_owners(ps, t);
    for (int col = 0; col + 1 < t->columns; col++) {
        scaled x = template_column_x(t, col) + t->col_w + t->gutter / 2;
        int start = -1;
        for (int line = 0; line <= t->lines; line++) {
            bool ruled = false;
            if (line < t->lines) {
                int a = owner[col * t->lines + line], b = owner[(col + 1) * t->lines + line];
                ruled = a >= 0 && b >= 0 && ps->placements[a].article != ps->placements[b].article;
            }
            if (ruled && start < 0)
                start = line;
            if (!ruled && start >= 0) {
                draw_rule(&page->list, x, grid_line_top(g, start) - t->line_gap / 2, x,
                          grid_line_top(g, line) - t->line_gap / 2, t->makeup.story_rule, 1);
                start = -1;
            }
        }
    }
    free(owner);
}
