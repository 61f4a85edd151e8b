/* compose.c — page furniture, article modules and the column flow. */
#include "compose.h"

#include "arena.h"
#include "fontset.h"
#include "image.h"
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the page grid ---------------------------------------------------- */

typedef struct grid {
    const template *t;
    const style *body;
    grid_metrics m;
} grid;

static grid grid_of(const layout *l, const template *t)
{
    grid g = {.t = t, .body = &l->styles[t->body_style]};
    g.m.pitch = t->pitch;
    g.m.line_gap = t->line_gap;
    g.m.body = g.body->size;
    g.m.ascent = t->baseline0 - t->area_y;
    return g;
}

static scaled line_top(const grid *g, int line) { return g->t->area_y + line * g->m.pitch; }

/* Grid lines a block of height h (top of the first em box to the bottom
 * of the last) takes.  k lines give k pitches: the em boxes and the gaps
 * between them, plus half a gap above and below, up to the neighbours. */
static int lines_for_height(const grid *g, scaled h)
{
    int k = (int)((h + g->m.pitch - 1) / g->m.pitch);
    return k < 1 ? 1 : k;
}

typedef struct composer {
    const edition *e;
    const layout *l;
    typesetter *ts;
    fontset *fonts;
    diag *d;
    arena *a;
} composer;

/* ---- stacked text blocks (headline band, heads, captions) -------------- */

/* Set spans as lines stacked at their style's leading, centred in whole
 * grid lines, into a block_out.  `extra_after` adds grid lines below. */
static void stack_block(composer *c, const grid *g, const span *const *parts, int nparts,
                        scaled width, scaled part_gap, int extra_after, const char *frame,
                        block_out *out)
{
    memset(out, 0, sizeof *out);
    para_result *pr = arena_alloc(c->a, sizeof(para_result) * (size_t)nparts);
    scaled y = 0; /* baseline of the previous line, relative to the stack top */
    scaled top_ascent = 0, bottom = 0;
    bool first = true;
    /* First pass: baselines relative to the first line's baseline. */
    scaled *base = NULL;
    int total_lines = 0;
    for (int p = 0; p < nparts; p++) {
        para_options po = {.width = width, .indent_style = -1, .no_indent = true, .align = -1};
        para_typeset(c->ts, parts[p], 1, &po, c->a, &pr[p]);
        total_lines += pr[p].line_count;
    }
    base = arena_alloc(c->a, sizeof(scaled) * (size_t)(total_lines + 1));
    int k = 0;
    for (int p = 0; p < nparts; p++) {
        const style *st = &c->l->styles[parts[p]->style];
        for (int i = 0; i < pr[p].line_count; i++) {
            const para_line *pl = &pr[p].lines[i];
            if (first) {
                y = 0;
                top_ascent = pl->ascent;
                first = false;
            } else if (i == 0) {
                y += bottom + part_gap + pl->ascent;
            } else {
                y += st->leading;
            }
            base[k++] = y;
            bottom = pl->descent;
        }
    }
    scaled height = top_ascent + y + bottom;
    int lines = lines_for_height(g, height);
    scaled band = lines * g->m.pitch - g->m.line_gap;
    scaled offset = (band - height) / 2 + top_ascent;
    k = 0;
    for (int p = 0; p < nparts; p++) {
        const style *st = &c->l->styles[parts[p]->style];
        for (int i = 0; i < pr[p].line_count; i++, k++)
            draw_para_line(&out->list, c->a, &pr[p], &pr[p].lines[i], 0, offset + base[k], frame,
                           -1, -1, -1, st->gray);
    }
    out->lines = lines + extra_after;
    out->width = width;
}

static void add_spanner(page_out *page, int col_from, int col_to, int line_from, int line_to);

/* ---- article modules --------------------------------------------------- */

typedef enum { FLOW_PARA, FLOW_HEAD, FLOW_BLOCK } flow_kind;

typedef struct flow_item {
    flow_kind kind;
    const block *src;
    const span *spans;
    int span_count;
    para_result var[3];   /* looseness -1, 0, +1 */
    bool have[3];
    block_out blk;
    int span_cols;        /* FLOW_BLOCK: module columns */
    int lines_before;     /* dropped at a column top */
    int keep_with_next;   /* lines of what follows that must stand in the same column */
    double gray;
} flow_item;

typedef struct placed {
    int item;
    int variant;          /* FLOW_PARA: 0, 1, 2 for looseness -1, 0, +1 */
    int line_index;       /* FLOW_PARA: line of the paragraph */
    int col;              /* module column */
    int line;             /* page grid line */
} placed;

typedef VEC(placed) placed_vec;

typedef struct module {
    composer *c;
    const grid *g;
    int article;          /* index into the edition's articles */
    const article *a;
    int col0, ncols;
    int top, bottom;      /* grid lines [top, bottom) */
    unsigned char *fixed; /* ncols × template lines: taken by headline, photo */
    unsigned char *occ;   /* working copy during a flow run */
    scaled col_w;
    flow_item *items;
    int item_count;
    page_out *page;
} module;

static unsigned char *occ_at(const module *m, unsigned char *occ, int col, int line)
{
    return &occ[col * m->g->t->lines + line];
}

static bool is_free(const module *m, int col, int line, int limit)
{
    return line >= m->top && line < limit && line < m->bottom && !*occ_at(m, m->occ, col, line);
}

typedef struct cursor {
    int col, line;
    bool fresh;   /* nothing placed yet in the current frame */
} cursor;

/* Move to the next free line at or after the cursor; false past the
 * module's last column.  Moving past anything starts a new frame. */
static bool next_free(const module *m, cursor *cur, int limit)
{
    while (cur->col < m->ncols) {
        while (cur->line < limit && cur->line < m->bottom) {
            if (is_free(m, cur->col, cur->line, limit))
                return true;
            cur->line++;
            cur->fresh = true;
        }
        cur->col++;
        cur->line = m->top;
        cur->fresh = true;
    }
    return false;
}

/* Free lines from the cursor down, until something is in the way. */
static int room_at(const module *m, cursor cur, int limit)
{
    int n = 0;
    while (is_free(m, cur.col, cur.line + n, limit))
        n++;
    return n;
}

static void skip_frame(const module *m, cursor *cur, int limit)
{
    cur->line += room_at(m, *cur, limit);
    cur->fresh = true;
}

static const para_result *variant(module *m, flow_item *it, int v)
{
    if (!it->have[v]) {
        para_options po = {.width = m->col_w, .indent_style = -1, .align = -1,
                           .looseness = v - 1};
        para_typeset(m->c->ts, it->spans, it->span_count, &po, m->c->a, &it->var[v]);
        it->have[v] = true;
    }
    return &it->var[v];
}

/* How n lines would split over the frames from the cursor: sizes of the
 * first and the last piece, and the number of pieces. */
static void simulate(const module *m, cursor cur, int n, int limit, int *first, int *last,
                     int *pieces)
{
    *first = *last = 0;
    *pieces = 0;
    while (n > 0 && next_free(m, &cur, limit)) {
        int room = room_at(m, cur, limit);
        int take = room < n ? room : n;
        if (*pieces == 0)
            *first = take;
        *last = take;
        (*pieces)++;
        n -= take;
        cur.line += take;
        if (n > 0)
            skip_frame(m, &cur, limit);
    }
    if (n > 0) /* overset: the rest counts as a last piece of n */
        *last = n, (*pieces)++;
}

static bool split_ok(int n, int first, int last, int pieces)
{
    if (pieces <= 1 || n < 2)
        return true;
    return first >= 2 && last >= 2;
}

/* Place a paragraph; returns lines that did not fit. */
static int place_para(module *m, int idx, cursor *cur, int limit, placed_vec *out)
{
    flow_item *it = &m->items[idx];
    if (!next_free(m, cur, limit))
        return variant(m, it, 1)->line_count;
    int v = 1;
    int first, last, pieces;
    const para_result *pr = variant(m, it, 1);
    int n = pr->line_count;
    simulate(m, *cur, n, limit, &first, &last, &pieces);
    if (!split_ok(n, first, last, pieces)) {
        /* Ask for the paragraph one line shorter, then one line longer. */
        static const int tries[] = {0, 2};
        for (size_t k = 0; k < countof(tries); k++) {
            const para_result *alt = variant(m, it, tries[k]);
            if (alt->line_count <= 0)
                continue;
            int f, l, p;
            simulate(m, *cur, alt->line_count, limit, &f, &l, &p);
            if (split_ok(alt->line_count, f, l, p)) {
                v = tries[k];
                pr = alt;
                n = alt->line_count;
                first = f, last = l, pieces = p;
                break;
            }
        }
    }
    /* What gives way when no variant helps: a lone first line moves to the
     * next frame; a lone last line takes one more line with it. Each
     * leaves one empty line at a column foot. */
    if (pieces > 1 && n >= 2 && first == 1) {
        skip_frame(m, cur, limit);
        if (!next_free(m, cur, limit))
            return n;
        simulate(m, *cur, n, limit, &first, &last, &pieces);
    }
    int give_back = pieces > 1 && n >= 3 && last == 1 && first >= 3 ? 1 : 0;
    int placed_lines = 0;
    int piece = 0;
    while (placed_lines < n && next_free(m, cur, limit)) {
        int room = room_at(m, *cur, limit);
        int take = MIN(room, n - placed_lines);
        if (piece == pieces - 2 && give_back && take > 1 && take == room)
            take--;
        for (int i = 0; i < take; i++) {
            placed *p = VEC_PUSH(*out);
            *p = (placed){.item = idx, .variant = v, .line_index = placed_lines + i,
                          .col = cur->col, .line = cur->line + i};
            *occ_at(m, m->occ, cur->col, cur->line + i) = 1;
        }
        placed_lines += take;
        cur->line += take;
        cur->fresh = false;
        piece++;
        if (placed_lines < n)
            skip_frame(m, cur, limit);
    }
    return n - placed_lines;
}

/* Place a head or a block; returns lines that did not fit. */
static int place_block(module *m, int idx, cursor *cur, int limit, placed_vec *out)
{
    flow_item *it = &m->items[idx];
    int span_cols = it->kind == FLOW_BLOCK ? it->span_cols : 1;
    for (;;) {
        if (!next_free(m, cur, limit))
            return it->blk.lines;
        if (cur->col + span_cols > m->ncols)
            span_cols = m->ncols - cur->col;
        int before = cur->fresh ? 0 : it->lines_before;
        int need = before + it->blk.lines;
        int room = room_at(m, *cur, limit);
        bool others_free = true;
        for (int c2 = cur->col + 1; c2 < cur->col + span_cols && others_free; c2++)
            for (int ln = cur->line + before; ln < cur->line + need; ln++)
                if (!is_free(m, c2, ln, limit))
                    others_free = false;
        if (room >= need + it->keep_with_next && others_free) {
            int at = cur->line + before;
            placed *p = VEC_PUSH(*out);
            *p = (placed){.item = idx, .col = cur->col, .line = at};
            for (int c2 = cur->col; c2 < cur->col + span_cols; c2++)
                for (int ln = at; ln < at + it->blk.lines; ln++)
                    *occ_at(m, m->occ, c2, ln) = 1;
            cur->line = at + it->blk.lines;
            cur->fresh = false;
            return 0;
        }
        /* A block taller than any frame would never fit: let it overset
         * rather than loop. */
        int col_height = limit - m->top;
        if (need > col_height)
            return it->blk.lines;
        skip_frame(m, cur, limit);
    }
}

/* One flow of all items with columns cut at `limit`; returns overset lines. */
static int flow_run(module *m, int limit, placed_vec *out)
{
    size_t cells = (size_t)m->ncols * (size_t)m->g->t->lines;
    memcpy(m->occ, m->fixed, cells);
    out->n = 0;
    cursor cur = {0, m->top, true};
    int overset = 0;
    for (int i = 0; i < m->item_count; i++) {
        if (overset) {
            overset += m->items[i].kind == FLOW_PARA ? variant(m, &m->items[i], 1)->line_count
                                                      : m->items[i].blk.lines;
            continue;
        }
        if (m->items[i].kind == FLOW_PARA)
            overset += place_para(m, i, &cur, limit, out);
        else
            overset += place_block(m, i, &cur, limit, out);
    }
    return overset;
}

static void build_items(module *m)
{
    composer *c = m->c;
    const article *a = m->a;
    const layout *l = c->l;
    m->items = arena_alloc(c->a, sizeof(flow_item) * (size_t)(a->block_count + 1));
    for (int b = 0; b < a->block_count; b++) {
        const block *bl = &a->blocks[b];
        flow_item *it = &m->items[m->item_count++];
        it->src = bl;
        const style *st = &l->styles[bl->style];
        it->gray = st->gray;
        it->lines_before = st->lines_before;
        switch (bl->kind) {
        case BLOCK_PARA:
            it->kind = FLOW_PARA;
            it->spans = bl->spans;
            it->span_count = bl->span_count;
            break;
        case BLOCK_HEAD: {
            it->kind = FLOW_HEAD;
            const span *parts[1] = {&bl->spans[0]};
            stack_block(c, m->g, parts, 1, m->col_w, 0, st->lines_after, "head", &it->blk);
            it->keep_with_next = 2;
            break;
        }
        case BLOCK_BOX: {
            it->kind = FLOW_BLOCK;
            it->span_cols = MAX(1, MIN(bl->span_columns, m->ncols));
            scaled w = it->span_cols * m->col_w + (it->span_cols - 1) * m->g->t->gutter;
            scaled pad = st->size;
            block_out *bo = &it->blk;
            memset(bo, 0, sizeof *bo);
            int line = 1;
            for (int k = 0; k < bl->child_count; k++) {
                const block *ch = &bl->children[k];
                para_result *pr = arena_alloc(c->a, sizeof *pr);
                para_options po = {.width = w - 2 * pad, .indent_style = -1, .align = -1};
                para_typeset(c->ts, ch->spans, ch->span_count, &po, c->a, pr);
                for (int i = 0; i < pr->line_count; i++, line++)
                    draw_para_line(&bo->list, c->a, pr, &pr->lines[i], pad,
                                   line * m->g->m.pitch + m->g->m.ascent, "box", -1, -1, line,
                                   l->styles[ch->style].gray);
            }
            bo->lines = line + 1;
            bo->width = w;
            /* The frame runs through the middle of the empty first and last
             * lines, so the text inside stays on the grid. */
            scaled top = m->g->m.body / 2;
            scaled bottom = (bo->lines - 1) * m->g->m.pitch + m->g->m.body / 2;
            draw_op frame = {.kind = DRAW_RECT, .x = 0, .y = top, .w = w, .h = bottom - top,
                             .fill = 0.08, .weight = scaled_from_pt(0.75), .gray = 1,
                             .article = -1};
            /* The tint goes under the text: insert the frame first. */
            draw_op *op = VEC_PUSH(bo->list.ops);
            memmove(bo->list.ops.v + 1, bo->list.ops.v, sizeof(draw_op) * (size_t)(bo->list.ops.n - 1));
            (void)op;
            bo->list.ops.v[0] = frame;
            it->keep_with_next = 0;
            break;
        }
        case BLOCK_TABLE: {
            it->kind = FLOW_BLOCK;
            it->span_cols = MAX(1, MIN(bl->span_columns, m->ncols));
            scaled w = it->span_cols * m->col_w + (it->span_cols - 1) * m->g->t->gutter;
            if (!table_layout(c->ts, l, bl->table, w, &m->g->m, c->a, &it->blk, c->d))
                it->blk.lines = 0;
            it->lines_before = 1;
            break;
        }
        }
    }
}

static void draw_flow(module *m, const placed_vec *pv)
{
    composer *c = m->c;
    const template *t = m->g->t;
    for (int i = 0; i < pv->n; i++) {
        const placed *p = &pv->v[i];
        flow_item *it = &m->items[p->item];
        scaled x = template_column_x(t, m->col0 + p->col);
        if (it->kind == FLOW_PARA) {
            const para_result *pr = variant(m, it, p->variant);
            const para_line *pl = &pr->lines[p->line_index];
            draw_para_line(&m->page->list, c->a, pr, pl, x, template_baseline(t, p->line), "body",
                           m->article, p->col, p->line, it->gray);
        } else {
            draw_append(&m->page->list, &it->blk.list, x, line_top(m->g, p->line), p->line,
                        m->article, p->col);
            if (it->kind == FLOW_BLOCK)
                add_spanner(m->page, m->col0 + p->col, m->col0 + p->col + it->span_cols - 1,
                            p->line, p->line + it->blk.lines);
        }
    }
}

/* Mark grid lines [from, to) of module columns [c0, c1) as taken. */
static void take(module *m, int c0, int c1, int from, int to)
{
    for (int col = c0; col < c1; col++)
        for (int ln = from; ln < to && ln < m->bottom; ln++)
            *occ_at(m, m->fixed, col, ln) = 1;
}

static void compose_photo(module *m, int at_line)
{
    composer *c = m->c;
    const photo *ph = m->a->photo;
    const template *t = m->g->t;
    int cols = MAX(1, MIN(ph->columns, m->ncols));
    scaled x = template_column_x(t, m->col0);
    scaled w = cols * m->col_w + (cols - 1) * t->gutter;
    scaled h = ph->lines * m->g->m.pitch - m->g->m.line_gap;
    scaled y = line_top(m->g, at_line);
    image_info info;
    double crop[4];
    memcpy(crop, ph->crop, sizeof crop);
    if (image_probe(c->e->files, ph->path, &info, ph->loc, c->d)) {
        /* Fill the frame without distortion: cut the excess of the longer
         * side evenly, after the crop the desk asked for. */
        double vw = info.width * (1 - crop[0] - crop[2]);
        double vh = info.height * (1 - crop[1] - crop[3]);
        double frame_aspect = (double)w / h, aspect = vw / vh;
        if (aspect > frame_aspect) {
            double cut = (1 - frame_aspect / aspect) * (1 - crop[0] - crop[2]) / 2;
            crop[0] += cut, crop[2] += cut;
        } else {
            double cut = (1 - aspect / frame_aspect) * (1 - crop[1] - crop[3]) / 2;
            crop[1] += cut, crop[3] += cut;
        }
        draw_image(&m->page->list, ph->path, x, y, w, h, crop, m->article);
    }
    int used = ph->lines;
    if (ph->caption.text || ph->credit.text) {
        const span *parts[2];
        int n = 0;
        if (ph->caption.text)
            parts[n++] = &ph->caption;
        if (ph->credit.text)
            parts[n++] = &ph->credit;
        block_out cap;
        const style *cs = &c->l->styles[parts[0]->style];
        stack_block(c, m->g, parts, n, w, 0, cs->lines_after, "caption", &cap);
        draw_append(&m->page->list, &cap.list, x, line_top(m->g, at_line + used), -1, m->article,
                    0);
        used += cap.lines;
        draw_list_free(&cap.list);
    }
    /* Unlike text, a photo cannot flow on: one that does not fit would be
     * drawn over what lies below the module. */
    if (at_line + used > m->bottom)
        diag_error(c->d, ph->loc,
                   "the photo and its caption take %d grid lines but %d are left in the module; "
                   "give the photo fewer lines or the article more",
                   used, m->bottom - at_line);
    take(m, 0, cols, at_line, at_line + used);
    add_spanner(m->page, m->col0, m->col0 + cols - 1, at_line, at_line + used);
}

static void compose_module(composer *c, const grid *g, page_out *page, const placement *pl,
                           int article_index)
{
    const template *t = g->t;
    module m = {.c = c, .g = g, .article = article_index, .a = pl->article, .page = page};
    m.col0 = pl->col_from;
    m.ncols = pl->col_to - pl->col_from + 1;
    m.top = pl->top;
    m.bottom = pl->lines ? pl->top + pl->lines : t->lines;
    m.col_w = t->col_w;
    size_t cells = (size_t)m.ncols * (size_t)t->lines;
    m.fixed = arena_alloc(c->a, cells);
    m.occ = arena_alloc(c->a, cells);
    scaled x0 = template_column_x(t, m.col0);
    scaled width = template_column_x(t, pl->col_to) + t->col_w - x0;
    module_box *mb = VEC_PUSH(page->modules);
    *mb = (module_box){.article = article_index, .x = x0, .y = line_top(g, m.top), .w = width,
                       .h = (m.bottom - m.top) * g->m.pitch - g->m.line_gap,
                       .col_from = m.col0, .col_to = pl->col_to, .top = m.top,
                       .lines = m.bottom - m.top};
    int mb_index = page->modules.n - 1;

    /* The headline block across the module. */
    int line = m.top;
    const span *parts[3];
    int n = 0;
    if (pl->article->kicker.text)
        parts[n++] = &pl->article->kicker;
    if (pl->article->headline.text)
        parts[n++] = &pl->article->headline;
    if (pl->article->subtitle.text)
        parts[n++] = &pl->article->subtitle;
    if (n > 0) {
        block_out head;
        const style *hs = &c->l->styles[pl->article->headline.style];
        stack_block(c, g, parts, n, width, hs->size / 4, hs->lines_after, "headline", &head);
        draw_append(&page->list, &head.list, x0, line_top(g, line), -1, article_index, -1);
        if (line + head.lines > m.bottom)
            diag_error(c->d, pl->article->headline.text ? pl->article->headline.loc : pl->loc,
                       "the headline takes %d grid lines but the module has %d; shorten it or "
                       "give the article more columns or lines",
                       head.lines, m.bottom - m.top);
        take(&m, 0, m.ncols, line, line + head.lines);
        add_spanner(page, m.col0, pl->col_to, line, line + head.lines);
        line += head.lines;
        draw_list_free(&head.list);
    }
    if (pl->article->photo)
        compose_photo(&m, line);

    build_items(&m);
    placed_vec pv = {0};
    int overset = flow_run(&m, m.bottom, &pv);
    if (overset == 0 && pv.n > 0) {
        /* Balance: the lowest common foot that still holds everything. */
        int lo = m.top + 1, hi = m.bottom;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (flow_run(&m, mid, &pv) == 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        flow_run(&m, lo, &pv);
    }
    draw_flow(&m, &pv);
    VEC_FREE(pv);
    page->modules.v[mb_index].overset_lines = overset;
    if (overset > 0)
        diag_warn(c->d, pl->loc, "overset",
                  "article \"%s\" does not fit its module: %d lines are overset; cut the text, "
                  "or give the module more columns or lines",
                  pl->article->id, overset);
    for (int i = 0; i < m.item_count; i++)
        if (m.items[i].kind != FLOW_PARA)
            draw_list_free(&m.items[i].blk.list);
}

/* ---- furniture --------------------------------------------------------- */

void compose_date_strings(const edition *e, char *date, size_t date_size, char *weekday,
                          size_t weekday_size)
{
    static const char *const days[] = {"日", "一", "二", "三", "四", "五", "六"};
    snprintf(date, date_size, "%d年%d月%d日", e->year, e->month, e->day);
    snprintf(weekday, weekday_size, "星期%s", days[e->weekday]);
}

char *compose_folio_text(const edition *e, const char *tmpl, const page_spec *ps, arena *a)
{
    char date[64], weekday[32];
    compose_date_strings(e, date, sizeof date, weekday, sizeof weekday);
    const struct {
        const char *key, *value;
    } vars[] = {{"{paper}", e->paper},   {"{date}", date},
                {"{weekday}", weekday},     {"{page}", ps->label},
                {"{name}", ps->name ? ps->name : ""}, {"{editor}", ps->editor ? ps->editor : ""}};
    size_t cap = strlen(tmpl) + 1;
    for (size_t i = 0; i < countof(vars); i++)
        cap += strlen(vars[i].value) * 4;
    char *out = arena_alloc(a, cap);
    size_t n = 0;
    for (const char *p = tmpl; *p;) {
        bool hit = false;
        for (size_t i = 0; i < countof(vars); i++) {
            size_t kl = strlen(vars[i].key);
            if (strncmp(p, vars[i].key, kl) == 0) {
                size_t vl = strlen(vars[i].value);
                if (n + vl < cap) {
                    memcpy(out + n, vars[i].value, vl);
                    n += vl;
                }
                p += kl;
                hit = true;
                break;
            }
        }
        if (!hit && n + 1 < cap)
            out[n++] = *p++;
        else if (!hit)
            p++;
    }
    out[n] = 0;
    return out;
}

static void compose_folio(composer *c, const grid *g, page_out *page, const page_spec *ps)
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
        span *sp = arena_alloc(c->a, sizeof *sp);
        sp->text = compose_folio_text(c->e, parts[i], ps, c->a);
        sp->style = f->style;
        sp->loc = t->loc;
        if (!sp->text[0])
            continue;
        para_result *pr = arena_alloc(c->a, sizeof *pr);
        para_options po = {.width = t->area_w, .indent_style = -1, .no_indent = true,
                           .align = aligns[i]};
        para_typeset(c->ts, sp, 1, &po, c->a, pr);
        if (pr->line_count > 0)
            draw_para_line(&page->list, c->a, pr, &pr->lines[0], t->area_x, baseline, "folio", -1,
                           -1, -1, c->l->styles[f->style].gray);
    }
    if (f->rule > 0) {
        scaled y = t->area_y - f->rule_gap;
        draw_rule(&page->list, t->area_x, y, t->area_x + t->area_w, y, f->rule, 1);
    }
}

static void compose_column_rules(const grid *g, page_out *page)
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
            bool ruled = line < t->lines;
            if (ruled) {
                bool in_module = false;
                for (int k = 0; k < page->modules.n; k++) {
                    const module_box *mb = &page->modules.v[k];
                    if (mb->col_from <= col && mb->col_to > col && line >= mb->top &&
                        line < mb->top + mb->lines)
                        in_module = true;
                }
                ruled = in_module;
                for (int k = 0; k < page->spanners.n && ruled; k++) {
                    const grid_rect *r = &page->spanners.v[k];
                    if (r->col_from <= col && r->col_to > col && line >= r->line_from &&
                        line < r->line_to)
                        ruled = false;
                }
            }
            if (ruled && start < 0)
                start = line;
            if (!ruled && start >= 0) {
                draw_rule(&page->list, x, line_top(g, start) - t->line_gap / 2, x,
                          line_top(g, line) - t->line_gap / 2, t->column_rule_weight, 1);
                start = -1;
            }
        }
    }
}

static void add_spanner(page_out *page, int col_from, int col_to, int line_from, int line_to)
{
    if (col_to <= col_from)
        return;
    *VEC_PUSH(page->spanners) = (grid_rect){col_from, col_to, line_from, line_to};
}

bool compose_edition(const edition *e, const layout *l, typesetter *ts, edition_out *out,
                     diag *d)
{
    memset(out, 0, sizeof *out);
    out->arena = arena_new();
    composer c = {.e = e, .l = l, .ts = ts, .fonts = typesetter_fonts(ts), .d = d,
                  .a = out->arena};
    out->pages = arena_alloc(out->arena, sizeof(page_out) * (size_t)e->page_count);
    out->page_count = e->page_count;
    int article_index = 0;
    for (int p = 0; p < e->page_count; p++) {
        const page_spec *ps = &e->pages[p];
        const template *t = &l->templates[ps->template_index];
        grid g = grid_of(l, t);
        page_out *page = &out->pages[p];
        page->index = p;
        page->label = ps->label;
        page->name = ps->name;
        page->width = t->page_w;
        page->height = t->page_h;
        compose_folio(&c, &g, page, ps);
        for (int k = 0; k < ps->placement_count; k++) {
            int idx = -1;
            for (int a = 0; a < e->article_count; a++)
                if (e->articles[a] == ps->placements[k].article)
                    idx = a;
            compose_module(&c, &g, page, &ps->placements[k], idx >= 0 ? idx : article_index);
            article_index++;
        }
        compose_column_rules(&g, page);
        for (int k = 0; k < page->modules.n; k++)
            out->overset_lines += page->modules.v[k].overset_lines;
    }
    return diag_error_count(d) == 0;
}

void edition_out_free(edition_out *out)
{
    if (!out)
        return;
    for (int p = 0; p < out->page_count; p++) {
        draw_list_free(&out->pages[p].list);
        VEC_FREE(out->pages[p].modules);
        VEC_FREE(out->pages[p].spanners);
    }
    arena_free(out->arena);
    memset(out, 0, sizeof *out);
}
