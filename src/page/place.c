/* place.c — a module's area, columns and cells; its photo, its placed
 * items and its own column rules, drawn. */
#include "page/place.h"

#include "base/arena.h"
#include "page/flow.h"
#include "page/headband.h"
#include "page/items.h"
#include "page/lines.h"

/* The bounding box of the placement's parts: grid columns [*from, *to],
 * grid lines [m->top, m->bottom). */
static void module_area(module *m, const page_spec *ps, int *from, int *to)
{
    const placement *pl = m->pl;
    const template *t = m->g->t;
    *from = pl->area.col_from, *to = pl->area.col_to;
    m->top = pl->area.top;
    m->bottom = grid_area_bottom(ps, &pl->area, t);
    for (int i = 0; i < pl->part_count; i++) {
        *from = MIN(*from, pl->parts[i].col_from);
        *to = MAX(*to, pl->parts[i].col_to);
        m->top = MIN(m->top, pl->parts[i].top);
        m->bottom = MAX(m->bottom, grid_area_bottom(ps, &pl->parts[i], t));
    }
}

static void set_module_columns(module *m, const template *t, int grid_from, int grid_to)
{
    composer *c = m->c;
    scaled x0 = template_column_x(t, grid_from);
    scaled width = template_column_x(t, grid_to) + t->col_w - x0;
    m->grid_col0 = grid_from;
    m->grid_col1 = grid_to;
    int set = m->pl->set_columns;
    if (set > 0 && set != grid_to - grid_from + 1) {
        /* Its own columns, of whole body characters, with the gutters
         * taking what is left (typography CG-1). */
        scaled em = m->g->m.body;
        int chars = (int)((width - (set - 1) * t->gutter) / set / em);
        m->ncols = set;
        m->col_w = (scaled)((int64_t)chars * em);
        scaled gutter = set > 1 ? (width - set * m->col_w) / (set - 1) : 0;
        m->col_x = arena_alloc(c->a, sizeof(scaled) * (size_t)set);
        for (int i = 0; i < set; i++)
            m->col_x[i] = x0 + i * (m->col_w + gutter);
        m->own_columns = true;
        if (chars < 2)
            diag_error(c->d, m->pl->loc, "%d columns do not fit in this area", set);
        return;
    }
    m->ncols = grid_to - grid_from + 1;
    m->col_w = t->col_w;
    m->col_x = arena_alloc(c->a, sizeof(scaled) * (size_t)m->ncols);
    for (int i = 0; i < m->ncols; i++)
        m->col_x[i] = template_column_x(t, grid_from + i);
}

/* The cells of the flow; when the placement has parts, only the cells
 * inside a part are the module's. */
static void module_cells(module *m, const page_spec *ps)
{
    const placement *pl = m->pl;
    size_t cells = (size_t)m->ncols * (size_t)m->lines;
    m->fixed = arena_alloc(m->c->a, cells);
    m->occ = arena_alloc(m->c->a, cells);
    m->foot = arena_alloc(m->c->a, sizeof(int) * (size_t)m->ncols);
    for (int col = 0; col < m->ncols; col++)
        m->foot[col] = m->bottom;
    /* Parts are grid areas: a module in columns of its own (refused with
     * parts by the loader) has one area. */
    if (pl->part_count == 0 || m->own_columns)
        return;
    memset(m->fixed, 1, cells);
    for (int col = 0; col < m->ncols; col++)
        m->foot[col] = m->top;
    for (int i = 0; i <= pl->part_count; i++) {
        const grid_area *a = grid_part(pl, i);
        int b = grid_area_bottom(ps, a, m->g->t);
        for (int col = a->col_from; col <= a->col_to; col++) {
            for (int ln = a->top; ln < b; ln++)
                *module_cell(m, m->fixed, col - m->grid_col0, ln) = 0;
            m->foot[col - m->grid_col0] = MAX(m->foot[col - m->grid_col0], b);
        }
    }
}

void module_open(module *m, composer *c, const page_grid *g, page_out *page, const page_spec *ps,
                 const placement *pl, int article_index)
{
    *m = (module){.c = c, .g = g, .article = article_index, .a = pl->article, .pl = pl,
                  .page = page, .lines = g->t->lines};
    int grid_from, grid_to;
    module_area(m, ps, &grid_from, &grid_to);
    set_module_columns(m, g->t, grid_from, grid_to);
    module_cells(m, ps);
    module_box *mb = VEC_PUSH(page->modules);
    *mb = (module_box){.article = article_index, .placement = (int)(pl - ps->placements),
                       .columns = m->ncols, .jumps = pl->continue_page >= 0,
                       .planned = pl->planned, .x = m->col_x[0],
                       .y = grid_line_top(g, m->top), .w = module_width(m, m->ncols),
                       .h = (m->bottom - m->top) * g->m.pitch - g->m.line_gap,
                       .col_from = grid_from, .col_to = grid_to, .top = m->top,
                       .lines = m->bottom - m->top};
    m->box = page->modules.n - 1;
}

void place_record_fill(module *m)
{
    int *empty = arena_alloc(m->c->a, sizeof(int) * (size_t)m->ncols);
    for (int col = 0; col < m->ncols; col++)
        empty[col] = module_empty_at_foot(m, m->occ, col);
    m->page->modules.v[m->box].empty_at_foot = empty;
    m->page->modules.v[m->box].last_column = flow_last_column(m);
}

void module_close(module *m)
{
    items_free(m);
    VEC_FREE(m->own_spans);
}

/* The photo's caption and credit, stacked `w` wide (lines 0: none). */
static void photo_caption(module *m, const photo *ph, scaled w, block_out *cap)
{
    memset(cap, 0, sizeof *cap);
    if (!ph->caption.text && !ph->credit.text)
        return;
    const span *parts[2];
    int n = 0;
    if (ph->caption.text)
        parts[n++] = &ph->caption;
    if (ph->credit.text)
        parts[n++] = &ph->credit;
    const style *cs = &m->c->l->styles[parts[0]->style];
    stack_block(m->c, m->g, parts, n, w, cs->size / 4, cs->lines_after, ROLE_CAPTION, cap);
}

/* Fill a frame of aspect w/h without distortion: cut the excess of the
 * longer side evenly, after the crop the desk asked for. */
static void fill_crop(const photo *ph, scaled w, scaled h, double crop[4])
{
    memcpy(crop, ph->crop, sizeof ph->crop);
    double vw = ph->info.width * (1 - crop[0] - crop[2]);
    double vh = ph->info.height * (1 - crop[1] - crop[3]);
    double frame_aspect = (double)w / h, aspect = vw / vh;
    if (aspect > frame_aspect) {
        double cut = (1 - frame_aspect / aspect) * (1 - crop[0] - crop[2]) / 2;
        crop[0] += cut, crop[2] += cut;
    } else {
        double cut = (1 - aspect / frame_aspect) * (1 - crop[1] - crop[3]) / 2;
        crop[1] += cut, crop[3] += cut;
    }
}

/* The photo and its caption from grid line head_end (or where the
 * article puts it), taken from the flow. */
static void photo_at(module *m, const photo *ph, int head_end)
{
    int cols = MAX(1, MIN(ph->columns, m->ncols));
    int c0 = ph->right ? m->ncols - cols : 0;
    scaled x = m->col_x[c0];
    scaled w = m->col_x[c0 + cols - 1] + m->col_w - x;
    scaled h = ph->lines * m->g->m.pitch - m->g->m.line_gap;
    block_out cap;
    photo_caption(m, ph, w, &cap);
    int used = ph->lines + cap.lines;
    int at = head_end;
    if (ph->place == PHOTO_BOTTOM)
        at = m->bottom - used;
    else if (ph->place == PHOTO_MIDDLE)
        at = head_end + ph->at;
    /* Inside the module's own cells: an L-shaped area's bounding box has
     * cells of its neighbours (and of the white above it). */
    bool inside = at >= m->top && at + used <= m->bottom;
    for (int col = c0; inside && col < c0 + cols; col++)
        for (int ln = at; inside && ln < at + used; ln++)
            inside = !*module_cell(m, m->fixed, col, ln);
    if (!inside) {
        diag_error(m->c->d, ph->loc,
                   "the photo (%d lines with its caption) does not fit in the article's area "
                   "there; make it fewer lines or move it",
                   used);
        draw_list_free(&cap.list);
        return;
    }
    double crop[4];
    fill_crop(ph, w, h, crop);
    if (m->own_columns && cols > 1)
        *VEC_PUSH(m->own_spans) = (grid_rect){c0, c0 + cols - 1, at, at + used};
    draw_image(&m->page->list, ph->path, ph->info.width, x, grid_line_top(m->g, at), w, h, crop,
               m->article);
    m->page->list.ops.v[m->page->list.ops.n - 1].src_loc = ph->loc;
    if (cap.lines)
        draw_append(&m->page->list, &cap.list, x, grid_line_top(m->g, at + ph->lines), -1,
                    m->article, -1);
    draw_list_free(&cap.list);
    module_take(m, c0, c0 + cols, at, at + used);
    if (!m->own_columns)
        page_spanner(m->page, m->grid_col0 + c0, m->grid_col0 + c0 + cols - 1, at, at + used);
}

void place_photo(module *m, int head_top, int head_end, int head_cols)
{
    const photo *ph = m->a->photo;
    if (!ph)
        return;
    /* A photo in the columns the headline leaves free rises to the
     * module's top, beside the headline (heads take the first columns). */
    int cols = MAX(1, MIN(ph->columns, m->ncols));
    bool beside = ph->right && m->ncols - cols >= head_cols;
    photo_at(m, ph, beside && ph->place == PHOTO_TOP ? head_top : head_end);
}

void place_flow(module *m, const placed_vec *pv)
{
    composer *c = m->c;
    const template *t = m->g->t;
    for (int i = 0; i < pv->n; i++) {
        const placed *p = &pv->v[i];
        flow_item *it = &m->items.v[p->item];
        scaled x = m->col_x[p->col];
        /* The dump names page grid columns, or the module's own. */
        int column = m->own_columns ? p->col : m->grid_col0 + p->col;
        if (it->kind == FLOW_PARA && c->trial) {
            continue; /* a page set aside to be weighed: its text is not looked at */
        } else if (it->kind == FLOW_PARA) {
            const para_result *pr = flow_variant(m, it, p->variant);
            const para_line *pl = &pr->lines[p->line_index];
            draw_para_line(&m->page->list, c->a, pr, pl, x, template_baseline(t, p->line),
                           it->block < 0 ? ROLE_JUMP : ROLE_BODY, m->article, column, p->line,
                           it->gray, it->para);
            /* The rest of a paragraph begun on another page does not begin it. */
            if (it->continuation && it->block >= 0 && p->line_index == 0)
                m->page->list.lines.v[m->page->list.lines.n - 1].flags &= ~LINE_FIRST;
        } else if (it->kind == FLOW_TABLE) {
            table_draw_piece(&it->tab, &m->g->m, &m->page->list, x, grid_line_top(m->g, p->line),
                             p->line, p->first_row, p->rows, m->article, column);
        } else {
            draw_append(&m->page->list, &it->blk.list, x, grid_line_top(m->g, p->line), p->line,
                        m->article, column);
            if (it->kind == FLOW_BLOCK && !m->own_columns)
                page_spanner(m->page, m->grid_col0 + p->col,
                             m->grid_col0 + p->col + it->span_cols - 1, p->line,
                             p->line + it->blk.lines);
            else if (it->kind == FLOW_BLOCK && it->span_cols > 1)
                *VEC_PUSH(m->own_spans) = (grid_rect){p->col, p->col + it->span_cols - 1, p->line,
                                                      p->line + it->blk.lines};
        }
    }
}

void place_own_rules(module *m, int from)
{
    const template *t = m->g->t;
    page_spanner(m->page, m->grid_col0, m->grid_col1, m->top, m->bottom);
    if (!t->column_rules)
        return;
    for (int col = 0; col + 1 < m->ncols; col++) {
        scaled x = (m->col_x[col] + m->col_w + m->col_x[col + 1]) / 2;
        int start = -1;
        for (int line = from; line <= m->bottom; line++) {
            bool ruled = line < m->bottom &&
                         !grid_spanned(m->own_spans.v, m->own_spans.n, col, line);
            if (ruled && start < 0)
                start = line;
            if (!ruled && start >= 0) {
                grid_gutter_rule(&m->page->list, m->g, x, start, line);
                start = -1;
            }
        }
    }
}
