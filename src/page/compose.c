/* compose.c — page furniture, article modules and the column flow. */
#include "page/compose.h"

#include "base/arena.h"
#include "input/fontset.h"
#include "page/lines.h"
#include "page/table.h"

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

/* The rest of an article that jumps to a later page (转版). */
typedef struct carry {
    bool active;
    int block;            /* first block not set yet */
    int byte;             /* bytes of that paragraph already set (0: none) */
    int row;              /* or body rows of that table already set */
    int table;            /* and that table's id, which its rest keeps */
    int para;             /* its paragraph id, which its rest keeps */
    int from_page;
} carry;

typedef struct composer {
    const edition *e;
    const layout *l;
    typesetter *ts;
    fontset *fonts;
    diag *d;
    arena *a;
    int next_para;        /* paragraph ids for the text lines */
    carry *carries;       /* per article */
} composer;

static int new_para(composer *c) { return c->next_para++; }

static int style_or_error(composer *c, const char *name, src_loc loc)
{
    int s = layout_style(c->l, name);
    if (s < 0)
        diag_error(c->d, loc, "style \"%s\" is needed here but %s/styles.yaml does not define it",
                   name, c->l->dir);
    return s;
}

/* ---- stacked text blocks (headline band, heads, captions) -------------- */

/* Set spans as lines stacked at their style's leading, centred in whole
 * grid lines, into a block_out.  `extra_after` adds grid lines below. */
static void stack_block(composer *c, const grid *g, const span *const *parts, int nparts,
                        scaled width, scaled part_gap, int extra_after, line_role role,
                        block_out *out)
{
    memset(out, 0, sizeof *out);
    para_result *pr = arena_alloc(c->a, sizeof(para_result) * (size_t)nparts);
    int total_lines = 0;
    for (int p = 0; p < nparts; p++) {
        para_options po = {.width = width, .indent_style = -1, .no_indent = true, .align = -1};
        para_typeset(c->ts, parts[p], 1, &po, c->a, &pr[p]);
        total_lines += pr[p].line_count;
    }
    /* Baselines relative to the first line's.  A block taller than any
     * page (a headline of a thousand lines) stops growing at `tallest`,
     * well inside what a scaled holds: its module reports that it does not
     * fit. */
    const int64_t tallest = scaled_from_pt(5000);
    scaled *base = arena_alloc(c->a, sizeof(scaled) * (size_t)(total_lines + 1));
    scaled y = 0, top_ascent = 0, bottom = 0;
    int k = 0;
    for (int p = 0; p < nparts; p++) {
        const style *st = &c->l->styles[parts[p]->style];
        for (int i = 0; i < pr[p].line_count; i++) {
            const para_line *pl = &pr[p].lines[i];
            int64_t next = y;
            if (k == 0)
                top_ascent = pl->ascent;
            else if (i == 0)
                next += (int64_t)bottom + part_gap + pl->ascent;
            else
                next += st->leading;
            y = (scaled)MIN(next, tallest);
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
        int para = new_para(c);
        for (int i = 0; i < pr[p].line_count; i++, k++)
            draw_para_line(&out->list, c->a, &pr[p], &pr[p].lines[i], 0, offset + base[k], role,
                           -1, -1, -1, st->gray, para);
    }
    out->lines = lines + extra_after;
    out->width = width;
}

/* ---- article modules --------------------------------------------------- */

typedef enum { FLOW_PARA, FLOW_HEAD, FLOW_BLOCK, FLOW_TABLE } flow_kind;

typedef struct flow_item {
    flow_kind kind;
    int block;            /* index of the article block it sets, -1 for a jump line */
    const span *spans;
    int span_count;
    bool continuation;    /* the rest of a paragraph begun elsewhere: no indent */
    int align;            /* -1: the style's */
    int byte_base;        /* bytes of the block's text before these spans */
    para_result var[3];   /* looseness -1, 0, +1 */
    bool have[3];
    int para;             /* id of its text lines */
    block_out blk;        /* FLOW_HEAD, FLOW_BLOCK */
    table_out tab;        /* FLOW_TABLE: broken between body rows */
    int first_row;        /* FLOW_TABLE: its body rows before this were set before a jump */
    int span_cols;        /* FLOW_BLOCK: module columns */
    int lines_before;     /* dropped at a column top */
    int keep_with_next;   /* lines of what follows that must stand in the same column */
    bool floats;          /* may move past text to the next frame (boxes, tables) */
    double gray;
    int prefer;           /* FLOW_PARA: the variant to try first (1: as set) */
} flow_item;

typedef struct placed {
    int item;
    int variant;          /* FLOW_PARA: 0, 1, 2 for looseness -1, 0, +1 */
    int line_index;       /* FLOW_PARA: line of the paragraph */
    int col;              /* module column */
    int line;             /* page grid line */
    int first_row;        /* FLOW_TABLE: the piece's body rows */
    int rows;
} placed;

typedef VEC(placed) placed_vec;
typedef VEC(flow_item) item_vec;

typedef struct module {
    composer *c;
    const grid *g;
    int article;          /* index into the edition's articles */
    const article *a;
    const placement *pl;
    int ncols;            /* module columns */
    scaled *col_x;        /* x of each module column */
    scaled col_w;
    int grid_col0;        /* first page grid column (for rules and the dump) */
    bool own_columns;     /* set in columns of its own, not the page grid's */
    int top, bottom;      /* grid lines [top, bottom) of its bounding box */
    int lines;            /* page grid lines (the occupancy stride) */
    arena *settings;      /* the paragraphs' settings, tried and chosen: they die
                             with the module, their lines live on as copies */
    unsigned char *fixed; /* ncols × lines: 1 where the flow may not go */
    unsigned char *occ;   /* working copy during a flow run */
    item_vec items;
    page_out *page;
    /* where the last flow run stopped, when text was left over */
    int stop_item, stop_variant, stop_lines;
    /* floats waiting for the top of a frame, in order */
    int pending[16];
    int npending;
    /* heads that had to leave a frame with room at its foot */
    struct {
        int item, col, line, room;
    } gaps[8];
    int ngaps;
    /* modules in columns of their own: what spans their gutters */
    VEC(grid_rect) own_spans;
} module;

static unsigned char *occ_at(const module *m, unsigned char *occ, int col, int line)
{
    return &occ[col * m->lines + line];
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
        para_options po = {.width = m->col_w, .indent_style = -1, .align = it->align,
                           .no_indent = it->continuation, .looseness = v - 1};
        if (!m->settings)
            m->settings = arena_new();
        para_typeset(m->c->ts, it->spans, it->span_count, &po, m->settings, &it->var[v]);
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
    /* Floats waiting for a frame will take the top of the next one. */
    int floated = 0;
    for (int k = 0; k < m->npending; k++)
        floated += m->items.v[m->pending[k]].blk.lines;
    while (n > 0 && next_free(m, &cur, limit)) {
        if (*pieces > 0 && floated > 0) {
            int room0 = room_at(m, cur, limit);
            if (room0 > floated) {
                cur.line += floated;
                floated = 0;
            }
        }
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
    if (n > 0) /* what does not fit continues elsewhere: count it as a piece */
        *last = n, (*pieces)++;
}

static bool split_ok(int n, int first, int last, int pieces)
{
    if (pieces <= 1 || n < 2)
        return true;
    return first >= 2 && last >= 2;
}

static bool try_block_here(module *m, int idx, cursor *cur, int limit, placed_vec *out);

/* At the top of a frame, the floats that wait for one come first. */
static void place_floats(module *m, cursor *cur, int limit, placed_vec *out)
{
    while (m->npending > 0 && next_free(m, cur, limit) && cur->fresh &&
           try_block_here(m, m->pending[0], cur, limit, out)) {
        m->npending--;
        memmove(m->pending, m->pending + 1, sizeof(int) * (size_t)m->npending);
        cur->fresh = true; /* the text below still starts its frame */
    }
}

/* Place a paragraph; returns lines that did not fit. */
static int place_para(module *m, int idx, cursor *cur, int limit, placed_vec *out)
{
    flow_item *it = &m->items.v[idx];
    int v = it->prefer;
    const para_result *pr = variant(m, it, v);
    if (pr->line_count <= 0)
        pr = variant(m, it, v = 1);
    int n = pr->line_count;
    if (!next_free(m, cur, limit)) {
        m->stop_variant = v;
        return n;
    }
    int first, last, pieces;
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
        if (!next_free(m, cur, limit)) {
            m->stop_variant = v;
            return n;
        }
        simulate(m, *cur, n, limit, &first, &last, &pieces);
    }
    int give_back = pieces > 1 && n >= 3 && last == 1 && first >= 3 ? 1 : 0;
    int done = 0;
    int piece = 0;
    while (done < n && next_free(m, cur, limit)) {
        if (done > 0)
            place_floats(m, cur, limit, out);
        if (!next_free(m, cur, limit))
            break;
        int room = room_at(m, *cur, limit);
        int take = MIN(room, n - done);
        if (piece == pieces - 2 && give_back && take > 1 && take == room)
            take--;
        for (int i = 0; i < take; i++) {
            placed *p = VEC_PUSH(*out);
            *p = (placed){.item = idx, .variant = v, .line_index = done + i, .col = cur->col,
                          .line = cur->line + i};
            *occ_at(m, m->occ, cur->col, cur->line + i) = 1;
        }
        done += take;
        cur->line += take;
        cur->fresh = false;
        piece++;
        if (done < n)
            skip_frame(m, cur, limit);
    }
    m->stop_variant = v;
    m->stop_lines = done;
    return n - done;
}

/* Try to place a head or block at the cursor's frame; false when it does
 * not fit there. */
static bool try_block_here(module *m, int idx, cursor *cur, int limit, placed_vec *out)
{
    flow_item *it = &m->items.v[idx];
    int span_cols = it->kind == FLOW_BLOCK ? it->span_cols : 1;
    if (cur->col + span_cols > m->ncols)
        return false; /* it would stick out of the module */
    int before = cur->fresh ? 0 : it->lines_before;
    int need = before + it->blk.lines;
    int room = room_at(m, *cur, limit);
    if (room < need + it->keep_with_next)
        return false;
    for (int c2 = cur->col + 1; c2 < cur->col + span_cols; c2++)
        for (int ln = cur->line + before; ln < cur->line + need; ln++)
            if (!is_free(m, c2, ln, limit))
                return false;
    int at = cur->line + before;
    placed *p = VEC_PUSH(*out);
    *p = (placed){.item = idx, .col = cur->col, .line = at};
    for (int c2 = cur->col; c2 < cur->col + span_cols; c2++)
        for (int ln = at; ln < at + it->blk.lines; ln++)
            *occ_at(m, m->occ, c2, ln) = 1;
    cur->line = at + it->blk.lines;
    cur->fresh = false;
    return true;
}

/* Place a head or block, moving to later frames as needed; returns lines
 * that did not fit. */
static int place_block(module *m, int idx, cursor *cur, int limit, placed_vec *out)
{
    flow_item *it = &m->items.v[idx];
    for (;;) {
        if (!next_free(m, cur, limit))
            return it->blk.lines;
        if (try_block_here(m, idx, cur, limit, out))
            return 0;
        /* A block taller than any frame would never fit: let it overset
         * rather than loop. */
        if (it->blk.lines > limit - m->top)
            return it->blk.lines;
        if (it->kind == FLOW_HEAD && !cur->fresh && m->ngaps < (int)countof(m->gaps)) {
            m->gaps[m->ngaps].item = idx;
            m->gaps[m->ngaps].col = cur->col;
            m->gaps[m->ngaps].line = cur->line;
            m->gaps[m->ngaps].room = room_at(m, *cur, limit);
            m->ngaps++;
        }
        skip_frame(m, cur, limit);
    }
}

static int item_lines(module *m, flow_item *it)
{
    if (it->kind == FLOW_PARA)
        return variant(m, it, 1)->line_count;
    if (it->kind != FLOW_TABLE)
        return it->blk.lines;
    return table_lines(&it->tab, it->first_row);
}

/* Place a table in pieces over the frames from the cursor on, the header
 * again at the top of each, where table_plan breaks it best.  Its rules
 * (no lone row of a row group, no piece of one row) are kept strictly;
 * only at the module's full depth, where no taller column could help,
 * do they give way, and only when that sets the whole table.  Returns
 * lines not placed. */
static int place_table(module *m, int idx, cursor *cur, int limit, placed_vec *out)
{
    flow_item *it = &m->items.v[idx];
    const table_out *t = &it->tab;
    VEC(table_frame) frames = {0};
    VEC(cursor) at = {0};
    cursor c = *cur;
    while (next_free(m, &c, limit)) {
        int before = c.fresh ? 0 : it->lines_before;
        int room = room_at(m, c, limit);
        *VEC_PUSH(frames) = (table_frame){.room = MAX(0, room - before), .fresh = c.fresh};
        *VEC_PUSH(at) = (cursor){c.col, c.line + before, false};
        skip_frame(m, &c, limit);
    }
    table_piece *pieces = xmalloc(sizeof(table_piece) * (size_t)(frames.n + 1));
    table_plan_options o = {.strict = true, .even_last = idx == m->items.n - 1,
                            .first_row = it->first_row};
    int left;
    int n = table_plan(t, frames.v, frames.n, &o, pieces, &left);
    if (left > 0 && limit >= m->bottom) {
        table_piece *loose = xmalloc(sizeof(table_piece) * (size_t)(frames.n + 1));
        o.strict = false;
        int loose_left;
        int ln = table_plan(t, frames.v, frames.n, &o, loose, &loose_left);
        if (loose_left == 0) {
            free(pieces);
            pieces = loose, n = ln, left = loose_left;
        } else {
            free(loose);
        }
    }
    for (int k = 0; k < n; k++) {
        const table_piece *tp = &pieces[k];
        cursor where = at.v[tp->frame];
        placed *p = VEC_PUSH(*out);
        *p = (placed){.item = idx, .col = where.col, .line = where.line,
                      .first_row = tp->first_row, .rows = tp->rows};
        for (int ln = where.line; ln < where.line + tp->lines; ln++)
            *occ_at(m, m->occ, where.col, ln) = 1;
        *cur = (cursor){where.col, where.line + tp->lines, false};
    }
    free(pieces);
    VEC_FREE(frames);
    VEC_FREE(at);
    return left;
}

/* One flow of all items with columns cut at `limit`; returns the lines
 * that did not fit.  A box or table that does not fit where it comes
 * floats: the text after it fills the frame, and it takes the top of the
 * next one, so no column is left with a hole at its foot. */
static int flow_once(module *m, int limit, placed_vec *out)
{
    m->ngaps = 0;
    size_t cells = (size_t)m->ncols * (size_t)m->lines;
    memcpy(m->occ, m->fixed, cells);
    out->n = 0;
    cursor cur = {0, m->top, true};
    int overset = 0;
    m->npending = 0;
    m->stop_item = -1;
    for (int i = 0; i < m->items.n; i++) {
        flow_item *it = &m->items.v[i];
        if (overset) {
            overset += item_lines(m, it);
            continue;
        }
        place_floats(m, &cur, limit, out);
        int left = 0;
        if (it->kind == FLOW_PARA) {
            left = place_para(m, i, &cur, limit, out);
        } else if (it->kind == FLOW_TABLE) {
            left = place_table(m, i, &cur, limit, out);
        } else if (!it->floats) {
            left = place_block(m, i, &cur, limit, out);
        } else if (!next_free(m, &cur, limit)) {
            left = it->blk.lines;
        } else if (!try_block_here(m, i, &cur, limit, out)) {
            if (!cur.fresh && m->npending < (int)countof(m->pending))
                m->pending[m->npending++] = i;
            else
                left = place_block(m, i, &cur, limit, out);
        }
        if (left) {
            if (it->kind != FLOW_PARA)
                m->stop_variant = 1, m->stop_lines = 0;
            overset = left;
            m->stop_item = i;
        }
    }
    /* Floats still waiting: the next frames, or overset. */
    for (int k = 0; k < m->npending; k++) {
        int idx = m->pending[k];
        if (!overset && place_block(m, idx, &cur, limit, out) == 0)
            continue;
        overset += m->items.v[idx].blk.lines;
        if (m->stop_item < 0 || idx < m->stop_item) {
            m->stop_item = idx;
            m->stop_variant = 1;
            m->stop_lines = 0;
        }
    }
    m->npending = 0;
    return overset;
}

/* Whether a paragraph's variant v exists, differs from the paragraph as
 * set by `delta` lines, and reads well. */
static bool good_variant(module *m, flow_item *it, int v, int delta)
{
    const para_result *base = variant(m, it, 1), *alt = variant(m, it, v);
    if (alt->line_count <= 0 || alt->line_count != base->line_count + delta)
        return false;
    for (int i = 0; i < alt->line_count; i++)
        if (alt->lines[i].flags & LINE_WARNED)
            return false;
    return true;
}

/* A head that must stand with what follows left the foot of a column
 * empty.  Fill it as a make-up editor would: set paragraphs before the
 * head one line shorter, so the head and its lines fit the column (try
 * 0), or one paragraph before it a line longer, so the column is fuller
 * (try k: the k-th such paragraph, those in the head's column first,
 * latest first).  The change for gap g goes to the items' `prefer`;
 * false when there is no such try. */
static bool fill_column_foot(module *m, const placed_vec *pv, int g, int try)
{
    int at = m->gaps[g].item, col = m->gaps[g].col, line = m->gaps[g].line;
    int room = m->gaps[g].room;
    const flow_item *head = &m->items.v[at];
    if (try == 0) {
        int shorten = head->lines_before + head->blk.lines + head->keep_with_next - room;
        int shorter[8], ns = 0;
        for (int i = at - 1; i >= 0 && ns < shorten && ns < 8; i--) {
            flow_item *it = &m->items.v[i];
            if (it->kind == FLOW_PARA && it->prefer == 1 && good_variant(m, it, 0, -1))
                shorter[ns++] = i;
        }
        if (shorten <= 0 || ns < shorten)
            return false;
        for (int k = 0; k < ns; k++)
            m->items.v[shorter[k]].prefer = 0;
        return true;
    }
    int found = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int k = pv->n - 1; k >= 0; k--) {
            const placed *p = &pv->v[k];
            flow_item *it = &m->items.v[p->item];
            bool here = p->col == col && p->line < line;
            if (p->item >= at || (pass == 0) != here || it->kind != FLOW_PARA ||
                p->line_index != 0 || it->prefer != 1 || !good_variant(m, it, 2, +1))
                continue;
            if (++found == try) {
                it->prefer = 2;
                return true;
            }
        }
    return false;
}

/* What a flow run leaves to wish for: text set over weighs most, then
 * lines left empty at column feet by heads. */
static long flow_score(const module *m, int overset)
{
    long empty = 0;
    for (int g = 0; g < m->ngaps; g++)
        empty += m->gaps[g].room;
    return overset * 1000L + empty;
}

/* flow_once, then again while a column foot left empty by a head can be
 * filled without setting more lines over.  Each gap is tried in turn; a
 * try that makes things worse is undone. */
static int flow_run(module *m, int limit, placed_vec *out)
{
    for (int i = 0; i < m->items.n; i++)
        m->items.v[i].prefer = 1;
    int overset = flow_once(m, limit, out);
    long score = flow_score(m, overset);
    int *saved = xmalloc(sizeof(int) * (size_t)(m->items.n + 1));
    int runs = 0, g = 0, try = 0;
    while (g < m->ngaps && runs < 16) {
        for (int i = 0; i < m->items.n; i++)
            saved[i] = m->items.v[i].prefer;
        if (!fill_column_foot(m, out, g, try)) {
            if (try == 0) {
                try = 1;
            } else {
                g++;
                try = 0;
            }
            continue;
        }
        int again = flow_once(m, limit, out);
        runs++;
        long better = flow_score(m, again);
        if (better < score) {
            overset = again;
            score = better;
            g = try = 0; /* the gaps are new */
            continue;
        }
        for (int i = 0; i < m->items.n; i++)
            m->items.v[i].prefer = saved[i];
        overset = flow_once(m, limit, out);
        try++;
    }
    free(saved);
    return overset;
}

/* The spans of a block from byte `from` of its text on. */
static const span *slice_spans(arena *a, const span *spans, int count, int from, int *out_count)
{
    span *out = arena_alloc(a, sizeof(span) * (size_t)(count + 1));
    int n = 0, pos = 0;
    for (int i = 0; i < count; i++) {
        int len = (int)strlen(spans[i].text);
        if (pos + len > from) {
            out[n] = spans[i];
            if (from > pos) {
                out[n].text += from - pos;
                out[n].gap_before = 0;
                out[n].loc_exact = false;
            }
            n++;
        }
        pos += len;
    }
    *out_count = n;
    return out;
}

static void add_spanner(page_out *page, int col_from, int col_to, int line_from, int line_to)
{
    if (col_to <= col_from)
        return;
    *VEC_PUSH(page->spanners) = (grid_rect){col_from, col_to, line_from, line_to};
}

static scaled span_width(const module *m, int cols)
{
    return m->col_x[cols - 1] + m->col_w - m->col_x[0];
}

static flow_item *add_item(module *m, flow_kind kind, int block_index, double gray)
{
    flow_item *it = VEC_PUSH(m->items);
    it->kind = kind;
    it->block = block_index;
    it->gray = gray;
    it->align = -1;
    it->para = new_para(m->c);
    return it;
}

static void add_para_item(module *m, int block_index, const span *spans, int count,
                          int style_index, bool continuation, int byte_base)
{
    const style *st = &m->c->l->styles[style_index];
    flow_item *it = add_item(m, FLOW_PARA, block_index, st->gray);
    it->spans = spans;
    it->span_count = count;
    it->continuation = continuation;
    it->byte_base = byte_base;
}

static void build_box(module *m, flow_item *it, const block *bl)
{
    composer *c = m->c;
    const style *st = &c->l->styles[bl->style];
    it->span_cols = MAX(1, MIN(bl->span_columns, m->ncols));
    scaled w = span_width(m, it->span_cols);
    scaled pad = st->size;
    block_out *bo = &it->blk;
    memset(bo, 0, sizeof *bo);
    /* The frame runs through the middle of the empty first and last lines,
     * so the text inside stays on the grid.  Drawn first: the tint goes
     * under the text. */
    int line = 1;
    draw_op *frame = VEC_PUSH(bo->list.ops);
    for (int k = 0; k < bl->child_count; k++) {
        const block *ch = &bl->children[k];
        para_result *pr = arena_alloc(c->a, sizeof *pr);
        para_options po = {.width = w - 2 * pad, .indent_style = -1, .align = -1};
        para_typeset(c->ts, ch->spans, ch->span_count, &po, c->a, pr);
        int para = new_para(c);
        for (int i = 0; i < pr->line_count; i++, line++)
            draw_para_line(&bo->list, c->a, pr, &pr->lines[i], pad,
                           line * m->g->m.pitch + m->g->m.ascent, ROLE_BOX, -1, -1, line,
                           c->l->styles[ch->style].gray, para);
    }
    bo->lines = line + 1;
    bo->width = w;
    scaled top = m->g->m.body / 2;
    scaled bottom = (bo->lines - 1) * m->g->m.pitch + m->g->m.body / 2;
    frame = &bo->list.ops.v[0];
    *frame = (draw_op){.kind = DRAW_RECT, .x = 0, .y = top, .w = w, .h = bottom - top,
                       .fill = 0.08, .weight = scaled_from_pt(0.75), .gray = 1, .article = -1};
    it->floats = true;
}

/* A whole table as one block (for tables across several columns). */
static void whole_table(module *m, const table_out *t, block_out *out)
{
    memset(out, 0, sizeof *out);
    table_draw_piece(t, &m->g->m, &out->list, 0, 0, 0, 0, t->row_count, -1, -1);
    out->lines = table_lines(t, 0);
    out->width = t->width;
}

/* The flow items of an article from block `first` on (the first one set
 * from byte `byte` of its text, then as paragraph `para`, or from body row
 * `row` of its table, then as table `table_id`). */
static void build_items(module *m, int first, int byte, int row, int table_id, int para)
{
    composer *c = m->c;
    const article *a = m->a;
    const layout *l = c->l;
    for (int b = first; b < a->block_count; b++) {
        const block *bl = &a->blocks[b];
        const style *st = &l->styles[bl->style];
        switch (bl->kind) {
        case BLOCK_PARA: {
            int from = b == first ? byte : 0;
            int n = bl->span_count;
            const span *spans = from > 0 ? slice_spans(c->a, bl->spans, bl->span_count, from, &n)
                                         : bl->spans;
            add_para_item(m, b, spans, n, bl->style, from > 0, from);
            /* The rest of a paragraph cut by a jump is still that paragraph. */
            if (from > 0)
                m->items.v[m->items.n - 1].para = para;
            break;
        }
        case BLOCK_HEAD: {
            flow_item *it = add_item(m, FLOW_HEAD, b, st->gray);
            it->lines_before = st->lines_before;
            const span *parts[1] = {&bl->spans[0]};
            stack_block(c, m->g, parts, 1, m->col_w, 0, st->lines_after, ROLE_HEAD, &it->blk);
            it->keep_with_next = 2;
            break;
        }
        case BLOCK_BOX: {
            flow_item *it = add_item(m, FLOW_BLOCK, b, st->gray);
            it->lines_before = st->lines_before;
            build_box(m, it, bl);
            break;
        }
        case BLOCK_TABLE: {
            int span_cols = MAX(1, MIN(bl->span_columns, m->ncols));
            flow_item *it = add_item(m, span_cols > 1 ? FLOW_BLOCK : FLOW_TABLE, b, st->gray);
            it->span_cols = span_cols;
            it->lines_before = 1;
            table_out tab;
            int id = b == first && row > 0 ? table_id : 0;
            if (!table_layout(c->ts, l, bl->table, span_width(m, span_cols), &m->g->m, c->a, id,
                              &tab, &c->next_para, c->d)) {
                it->kind = FLOW_BLOCK;
                break;
            }
            if (span_cols == 1) {
                it->tab = tab;
                it->first_row = b == first ? MIN(row, tab.row_count) : 0;
                break;
            }
            /* A table across columns does not break: one block that floats. */
            whole_table(m, &tab, &it->blk);
            table_out_free(&tab);
            it->floats = true;
            break;
        }
        }
    }
    /* Heads in a row (幸福区域二： over its title) stand together with two
     * lines of what follows the last of them. */
    for (int i = m->items.n - 2; i >= 0; i--) {
        flow_item *it = &m->items.v[i], *next = &m->items.v[i + 1];
        if (it->kind == FLOW_HEAD && next->kind == FLOW_HEAD)
            it->keep_with_next = next->lines_before + next->blk.lines + next->keep_with_next;
    }
}

static void draw_flow(module *m, const placed_vec *pv)
{
    composer *c = m->c;
    const template *t = m->g->t;
    for (int i = 0; i < pv->n; i++) {
        const placed *p = &pv->v[i];
        flow_item *it = &m->items.v[p->item];
        scaled x = m->col_x[p->col];
        /* The dump names page grid columns, or the module's own. */
        int column = m->own_columns ? p->col : m->grid_col0 + p->col;
        if (it->kind == FLOW_PARA) {
            const para_result *pr = variant(m, it, p->variant);
            const para_line *pl = &pr->lines[p->line_index];
            draw_para_line(&m->page->list, c->a, pr, pl, x, template_baseline(t, p->line),
                           it->block < 0 ? ROLE_JUMP : ROLE_BODY, m->article, column, p->line, it->gray,
                           it->para);
            /* The rest of a paragraph begun on another page does not begin it. */
            if (it->continuation && it->block >= 0 && p->line_index == 0)
                m->page->list.lines.v[m->page->list.lines.n - 1].flags &= ~LINE_FIRST;
        } else if (it->kind == FLOW_TABLE) {
            table_draw_piece(&it->tab, &m->g->m, &m->page->list, x, line_top(m->g, p->line),
                             p->line, p->first_row, p->rows, m->article, column);
        } else {
            draw_append(&m->page->list, &it->blk.list, x, line_top(m->g, p->line), p->line,
                        m->article, column);
            if (it->kind == FLOW_BLOCK && !m->own_columns)
                add_spanner(m->page, m->grid_col0 + p->col,
                            m->grid_col0 + p->col + it->span_cols - 1, p->line,
                            p->line + it->blk.lines);
            else if (it->kind == FLOW_BLOCK && it->span_cols > 1)
                *VEC_PUSH(m->own_spans) = (grid_rect){p->col, p->col + it->span_cols - 1, p->line,
                                                      p->line + it->blk.lines};
        }
    }
}

/* Mark grid lines [from, to) of module columns [c0, c1) as taken. */
static void take(module *m, int c0, int c1, int from, int to)
{
    for (int col = c0; col < c1; col++)
        for (int ln = from; ln < to && ln < m->lines; ln++)
            if (ln >= 0)
                *occ_at(m, m->fixed, col, ln) = 1;
}

static void compose_photo(module *m, int head_end)
{
    composer *c = m->c;
    const photo *ph = m->a->photo;
    int cols = MAX(1, MIN(ph->columns, m->ncols));
    int c0 = ph->right ? m->ncols - cols : 0;
    scaled x = m->col_x[c0];
    scaled w = m->col_x[c0 + cols - 1] + m->col_w - x;
    scaled h = ph->lines * m->g->m.pitch - m->g->m.line_gap;
    block_out cap = {0};
    if (ph->caption.text || ph->credit.text) {
        const span *parts[2];
        int n = 0;
        if (ph->caption.text)
            parts[n++] = &ph->caption;
        if (ph->credit.text)
            parts[n++] = &ph->credit;
        const style *cs = &c->l->styles[parts[0]->style];
        stack_block(c, m->g, parts, n, w, cs->size / 4, cs->lines_after, ROLE_CAPTION, &cap);
    }
    int used = ph->lines + cap.lines;
    int at = head_end;
    if (ph->place == PHOTO_BOTTOM)
        at = m->bottom - used;
    else if (ph->place == PHOTO_MIDDLE)
        at = head_end + ph->at;
    if (at < m->top || at + used > m->bottom) {
        diag_error(c->d, ph->loc,
                   "the photo (%d lines with its caption) does not fit in the article's area "
                   "there; make it fewer lines or move it",
                   used);
        draw_list_free(&cap.list);
        return;
    }
    double crop[4];
    memcpy(crop, ph->crop, sizeof crop);
    scaled y = line_top(m->g, at);
    if (m->own_columns && cols > 1)
        *VEC_PUSH(m->own_spans) = (grid_rect){c0, c0 + cols - 1, at, at + used};
    /* Fill the frame without distortion: cut the excess of the longer
     * side evenly, after the crop the desk asked for. */
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
    draw_image(&m->page->list, ph->path, ph->info.width, x, y, w, h, crop, m->article);
    m->page->list.ops.v[m->page->list.ops.n - 1].src_loc = ph->loc;
    if (cap.lines)
        draw_append(&m->page->list, &cap.list, x, line_top(m->g, at + ph->lines), -1, m->article,
                    -1);
    draw_list_free(&cap.list);
    take(m, c0, c0 + cols, at, at + used);
    if (!m->own_columns)
        add_spanner(m->page, m->grid_col0 + c0, m->grid_col0 + c0 + cols - 1, at, at + used);
}

/* The bottom (exclusive) of an area with `lines: fill`: down to the next
 * module below it in any of its columns, or the foot of the type area. */
/* Part i of a placement: 0 is its area, then the parts that shape it. */
static const grid_area *part_area(const placement *pl, int i)
{
    return i == 0 ? &pl->area : &pl->parts[i - 1];
}

static int fill_bottom(const page_spec *ps, const grid_area *a, const template *t)
{
    int bottom = t->lines;
    for (int k = 0; k < ps->placement_count; k++) {
        const placement *q = &ps->placements[k];
        for (int i = 0; i <= q->part_count; i++) {
            const grid_area *b = part_area(q, i);
            if (b == a || b->col_to < a->col_from || b->col_from > a->col_to)
                continue;
            if (b->top > a->top && b->top < bottom)
                bottom = b->top;
        }
    }
    return bottom;
}

static int area_bottom(const page_spec *ps, const grid_area *a, const template *t)
{
    return a->lines ? a->top + a->lines : fill_bottom(ps, a, t);
}

static void set_module_columns(module *m, const template *t, int grid_from, int grid_to)
{
    composer *c = m->c;
    scaled x0 = template_column_x(t, grid_from);
    scaled width = template_column_x(t, grid_to) + t->col_w - x0;
    m->grid_col0 = grid_from;
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

/* The （下转A3版） or （上接A1版） line, as a paragraph. */
static span *jump_span(composer *c, const char *fmt, const char *label, int style_index)
{
    span *s = arena_alloc(c->a, sizeof *s);
    size_t n = strlen(fmt) + strlen(label) + 1;
    char *text = arena_alloc(c->a, n);
    snprintf(text, n, fmt, label);
    s->text = text;
    s->style = style_index;
    return s;
}

/* A module in columns of its own: the page's column rules stay out of it
 * (its gutters are elsewhere), and it draws its own, in its gutters from
 * `from` (below its headline) down, interrupted where a box spans them. */
/* Whether something in v spans the gutter right of grid column `col` at
 * grid line `line`. */
static bool spanned(const grid_rect *v, int n, int col, int line)
{
    for (int k = 0; k < n; k++)
        if (v[k].col_from <= col && v[k].col_to > col && line >= v[k].line_from &&
            line < v[k].line_to)
            return true;
    return false;
}

/* A column rule at x from grid line `from` down to `to`, centred in the
 * line gaps at both ends.  One line of rule (beside a byline alone on its
 * line, over a box across the columns) divides no columns of text and
 * reads as a stray stroke: it is left out. */
static void gutter_rule(draw_list *dl, const grid *g, scaled x, int from, int to)
{
    const template *t = g->t;
    if (to - from < 2)
        return;
    draw_rule(dl, x, line_top(g, from) - t->line_gap / 2, x, line_top(g, to) - t->line_gap / 2,
              t->column_rule_weight, 1);
}

static void own_column_rules(module *m, int grid_from, int grid_to, int from)
{
    const template *t = m->g->t;
    add_spanner(m->page, grid_from, grid_to, m->top, m->bottom);
    if (!t->column_rules)
        return;
    for (int col = 0; col + 1 < m->ncols; col++) {
        scaled x = (m->col_x[col] + m->col_w + m->col_x[col + 1]) / 2;
        int start = -1;
        for (int line = from; line <= m->bottom; line++) {
            bool ruled = line < m->bottom &&
                         !spanned(m->own_spans.v, m->own_spans.n, col, line);
            if (ruled && start < 0)
                start = line;
            if (!ruled && start >= 0) {
                gutter_rule(&m->page->list, m->g, x, start, line);
                start = -1;
            }
        }
    }
}

static void compose_module(composer *c, const grid *g, page_out *page, const page_spec *ps,
                           int page_index, const placement *pl, int article_index)
{
    const template *t = g->t;
    module m = {.c = c, .g = g, .article = article_index, .a = pl->article, .pl = pl,
                .page = page, .lines = t->lines};
    /* The bounding box of the module's parts. */
    int grid_from = pl->area.col_from, grid_to = pl->area.col_to;
    m.top = pl->area.top;
    m.bottom = area_bottom(ps, &pl->area, t);
    for (int i = 0; i < pl->part_count; i++) {
        grid_from = MIN(grid_from, pl->parts[i].col_from);
        grid_to = MAX(grid_to, pl->parts[i].col_to);
        m.top = MIN(m.top, pl->parts[i].top);
        m.bottom = MAX(m.bottom, area_bottom(ps, &pl->parts[i], t));
    }
    set_module_columns(&m, t, grid_from, grid_to);
    size_t cells = (size_t)m.ncols * (size_t)m.lines;
    m.fixed = arena_alloc(c->a, cells);
    m.occ = arena_alloc(c->a, cells);
    if (pl->part_count > 0) {
        /* Only the cells inside a part are the module's. */
        memset(m.fixed, 1, cells);
        for (int i = 0; i <= pl->part_count; i++) {
            const grid_area *a = part_area(pl, i);
            int b = area_bottom(ps, a, t);
            for (int col = a->col_from; col <= a->col_to; col++)
                for (int ln = a->top; ln < b; ln++)
                    *occ_at(&m, m.fixed, col - grid_from, ln) = 0;
        }
    }
    scaled x0 = m.col_x[0];
    scaled width = span_width(&m, m.ncols);
    module_box *mb = VEC_PUSH(page->modules);
    *mb = (module_box){.article = article_index, .x = x0, .y = line_top(g, m.top), .w = width,
                       .h = (m.bottom - m.top) * g->m.pitch - g->m.line_gap,
                       .col_from = grid_from, .col_to = grid_to, .top = m.top,
                       .lines = m.bottom - m.top};
    int mb_index = page->modules.n - 1;

    carry *cr = &c->carries[article_index];
    int line = m.top;
    int first_block = 0, first_byte = 0, first_row = 0;
    if (pl->continued && !cr->active) {
        /* Everything fitted before the jump (jump-unused said so): the
         * continuation stays empty rather than show a head with no text. */
        VEC_FREE(m.items);
        return;
    }
    if (pl->continued) {
        /* A continuation: the headline again, small, then （上接A1版）. */
        first_block = cr->block;
        first_byte = cr->byte;
        first_row = cr->row;
        int hs = style_or_error(c, "jump-head", pl->loc);
        int js = style_or_error(c, "jump-line", pl->loc);
        if (hs < 0 || js < 0)
            return;
        span *head = arena_alloc(c->a, sizeof *head);
        *head = pl->article->headline;
        head->style = hs;
        const span *parts[1] = {head};
        block_out hb;
        stack_block(c, g, parts, 1, width, 0, c->l->styles[hs].lines_after, ROLE_HEADLINE, &hb);
        int repeated = page->list.lines.n;
        draw_append(&page->list, &hb.list, x0, line_top(g, line), -1, article_index, -1);
        draw_mark_repeat(&page->list, repeated);
        /* As on the first page, a headline cannot flow on. */
        if (line + hb.lines > m.bottom)
            diag_error(c->d, pl->loc,
                       "the continuation of \"%s\" repeats its headline in %d grid lines but "
                       "its module has %d; give it more lines or columns",
                       pl->article->id, hb.lines, m.bottom - m.top);
        take(&m, 0, m.ncols, line, line + hb.lines);
        if (!m.own_columns)
            add_spanner(page, grid_from, grid_to, line, line + hb.lines);
        line += hb.lines;
        draw_list_free(&hb.list);
        add_para_item(&m, -1, jump_span(c, "（上接%s版）", c->e->pages[cr->from_page].label, js),
                      1, js, true, 0);
        m.items.v[m.items.n - 1].align = ALIGN_START;
    } else {
        /* The headline block across the module, or its first columns. */
        const span *parts[3];
        span heads[3] = {pl->article->kicker, pl->article->headline, pl->article->subtitle};
        const int styles_here[3] = {pl->kicker_style, pl->headline_style, pl->subtitle_style};
        int n = 0;
        for (int i = 0; i < 3; i++) {
            if (!heads[i].text)
                continue;
            if (styles_here[i] >= 0)
                heads[i].style = styles_here[i];
            parts[n++] = &heads[i];
        }
        int hcols = m.ncols, head_top = line;
        if (n > 0) {
            hcols = pl->headline_columns > 0 ? MIN(pl->headline_columns, m.ncols) : m.ncols;
            block_out head;
            const style *hs = &c->l->styles[heads[1].text ? heads[1].style : parts[0]->style];
            stack_block(c, g, parts, n, span_width(&m, hcols), hs->size / 4, hs->lines_after,
                        ROLE_HEADLINE, &head);
            draw_append(&page->list, &head.list, x0, line_top(g, line), -1, article_index, -1);
            /* A headline cannot flow on: one taller than its module would be
             * drawn over what lies below. */
            if (line + head.lines > m.bottom)
                diag_error(c->d,
                           pl->article->headline.text ? pl->article->headline.loc : pl->loc,
                           "the headline takes %d grid lines but the module has %d; shorten it "
                           "or give the article more columns or lines",
                           head.lines, m.bottom - m.top);
            take(&m, 0, hcols, line, line + head.lines);
            if (!m.own_columns)
                add_spanner(page, grid_from, grid_from + hcols - 1, line, line + head.lines);
            line += head.lines;
            draw_list_free(&head.list);
        }
        /* A photo in the columns the headline leaves free rises to the
         * module's top, beside the headline. */
        const photo *ph = pl->article->photo;
        if (ph) {
            int pcols = MAX(1, MIN(ph->columns, m.ncols));
            bool beside = ph->right && m.ncols - pcols >= hcols; /* heads take the first columns */
            compose_photo(&m, beside && ph->place == PHOTO_TOP ? head_top : line);
        }
    }
    int body_top = line;
    build_items(&m, first_block, first_byte, first_row, cr->table, cr->para);

    /* A jump out keeps the last line of the last column the text reaches
     * (a photo may fill the module's last columns) for （下转A3版）. */
    bool jumps = pl->continue_page >= 0;
    int jump_line = -1, jump_col = -1;
    for (int col = m.ncols - 1; jumps && col >= 0 && jump_line < 0; col--)
        for (int ln = m.bottom - 1; ln >= m.top; ln--)
            if (!*occ_at(&m, m.fixed, col, ln)) {
                jump_line = ln;
                jump_col = col;
                break;
            }
    if (jump_line >= 0)
        take(&m, jump_col, jump_col + 1, jump_line, jump_line + 1);
    placed_vec pv = {0};
    int overset = flow_run(&m, m.bottom, &pv);
    if (overset == 0 && pv.n > 0 && !jumps) {
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
    if (m.own_columns)
        own_column_rules(&m, grid_from, grid_to, body_top);
    if (jumps && overset > 0 && jump_line >= 0 && m.stop_item >= 0) {
        /* The rest goes on: remember where, and say where. */
        const flow_item *it = &m.items.v[m.stop_item];
        cr->active = true;
        cr->from_page = page_index;
        cr->block = it->block >= 0 ? it->block : first_block;
        cr->byte = cr->row = 0;
        if (it->kind == FLOW_TABLE) {
            /* The rest of a table goes on from its first row not placed,
             * as the same table. */
            cr->row = it->first_row;
            cr->table = it->tab.id;
            for (int k = 0; k < pv.n; k++)
                if (pv.v[k].item == m.stop_item)
                    cr->row = MAX(cr->row, pv.v[k].first_row + pv.v[k].rows);
        }
        if (it->kind == FLOW_PARA && m.stop_lines > 0) {
            const para_result *pr = &it->var[m.stop_variant];
            cr->byte = it->byte_base + pr->lines[m.stop_lines - 1].text_end;
            cr->para = it->para;
        }
        int js = style_or_error(c, "jump-line", pl->loc);
        if (js >= 0) {
            span *s = jump_span(c, "（下转%s版）", c->e->pages[pl->continue_page].label, js);
            para_result *pr = arena_alloc(c->a, sizeof *pr);
            para_options po = {.width = m.col_w, .indent_style = -1, .no_indent = true,
                               .align = ALIGN_END};
            para_typeset(c->ts, s, 1, &po, c->a, pr);
            if (pr->line_count > 0)
                draw_para_line(&page->list, c->a, pr, &pr->lines[0], m.col_x[jump_col],
                               template_baseline(t, jump_line), ROLE_JUMP, article_index,
                               m.own_columns ? jump_col : m.grid_col0 + jump_col, jump_line,
                               c->l->styles[js].gray, new_para(c));
        }
        overset = 0;
    } else if (jumps) {
        diag_warn(c->d, pl->loc, "jump-unused",
                  "article \"%s\" fits on this page; its \"continue-on\" is not needed and "
                  "its continuation stays empty",
                  pl->article->id);
        cr->active = false;
        cr->block = pl->article->block_count;
    }
    VEC_FREE(pv);
    page->modules.v[mb_index].overset_lines = overset;
    if (overset > 0)
        diag_warn(c->d, pl->loc, "overset",
                  "article \"%s\" does not fit its module: %d lines are overset; cut the text, "
                  "or give the module more columns or lines",
                  pl->article->id, overset);
    for (int i = 0; i < m.items.n; i++) {
        if (m.items.v[i].kind == FLOW_TABLE)
            table_out_free(&m.items.v[i].tab);
        else if (m.items.v[i].kind != FLOW_PARA)
            draw_list_free(&m.items.v[i].blk.list);
    }
    VEC_FREE(m.items);
    VEC_FREE(m.own_spans);
    if (m.settings)
        arena_free(m.settings);
}

/* ---- furniture --------------------------------------------------------- */

char *compose_folio_text(const edition *e, const char *tmpl, const page_spec *ps, arena *a)
{
    char date[64], weekday[32];
    edition_date_strings(e, date, sizeof date, weekday, sizeof weekday);
    const struct {
        const char *key, *value;
    } vars[] = {{"{paper}", e->paper},
                {"{date}", date},
                {"{weekday}", weekday},
                {"{page}", ps->label},
                {"{name}", ps->name ? ps->name : ""},
                {"{editor}", ps->editor ? ps->editor : ""}};
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

/* One line of furniture text at (x, baseline) within `width`. */
static void furniture_line(composer *c, page_out *page, const char *text, int style_index,
                           int align, scaled x, scaled width, scaled baseline, src_loc loc)
{
    if (!text || !text[0])
        return;
    span *sp = arena_alloc(c->a, sizeof *sp);
    sp->text = text;
    sp->style = style_index;
    sp->loc = loc;
    para_result *pr = arena_alloc(c->a, sizeof *pr);
    para_options po = {.width = width, .indent_style = -1, .no_indent = true, .align = align};
    para_typeset(c->ts, sp, 1, &po, c->a, pr);
    if (pr->line_count > 0)
        draw_para_line(&page->list, c->a, pr, &pr->lines[0], x, baseline, ROLE_FOLIO, -1, -1, -1,
                       c->l->styles[style_index].gray, new_para(c));
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
    for (int i = 0; i < 3; i++)
        if (parts[i])
            furniture_line(c, page, compose_folio_text(c->e, parts[i], ps, c->a), f->style,
                           aligns[i], t->area_x, t->area_w, baseline, t->loc);
    if (f->rule > 0) {
        scaled y = t->area_y - f->rule_gap;
        draw_rule(&page->list, t->area_x, y, t->area_x + t->area_w, y, f->rule, 1);
    }
}

/* 报头: the paper's name large at the left, the date and the paper's
 * numbers at the right, over the first page's top grid lines. */
static void compose_masthead(composer *c, const grid *g, page_out *page)
{
    const template *t = g->t;
    const masthead_spec *ms = &t->masthead;
    const masthead_info *mi = &c->e->masthead;
    scaled band = ms->lines * g->m.pitch - g->m.line_gap;
    scaled name_w = template_column_x(t, ms->name_columns - 1) + t->col_w - t->area_x;
    span name = {.text = c->e->paper, .style = ms->name_style, .loc = t->loc};
    block_out nb;
    const span *np[1] = {&name};
    stack_block(c, g, np, 1, name_w, 0, 0, ROLE_MASTHEAD, &nb);
    draw_append(&page->list, &nb.list, t->area_x, t->area_y + (band - nb.lines * g->m.pitch +
                                                                g->m.line_gap) / 2, -1, -1, -1);
    draw_list_free(&nb.list);
    char date[64], weekday[32];
    edition_date_strings(c->e, date, sizeof date, weekday, sizeof weekday);
    char line1[160];
    snprintf(line1, sizeof line1, "%s  %s", date, weekday);
    const char *lines[7];
    int n = 0;
    lines[n++] = arena_strdup(c->a, line1);
    if (mi->lunar)
        lines[n++] = mi->lunar;
    if (mi->issue)
        lines[n++] = mi->issue;
    if (mi->serial)
        lines[n++] = mi->serial;
    if (mi->postal)
        lines[n++] = mi->postal;
    if (mi->weather)
        lines[n++] = mi->weather;
    if (mi->publisher)
        lines[n++] = mi->publisher;
    const style *is = &c->l->styles[ms->info_style];
    scaled x = t->area_x + name_w + t->gutter;
    scaled w = t->area_x + t->area_w - x;
    scaled total = (n - 1) * is->leading + is->size;
    scaled first = t->area_y + (band - total) / 2 + scaled_muldiv(is->size, 88, 100);
    for (int i = 0; i < n; i++)
        furniture_line(c, page, lines[i], ms->info_style, ALIGN_END, x, w, first + i * is->leading,
                       t->loc);
    if (ms->rule > 0) {
        scaled y = t->area_y + band + g->m.line_gap / 2;
        draw_rule(&page->list, t->area_x, y, t->area_x + t->area_w, y, ms->rule, 1);
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
            bool ruled = false;
            for (int k = 0; k < page->modules.n && line < t->lines; k++) {
                const module_box *mb = &page->modules.v[k];
                if (mb->col_from <= col && mb->col_to > col && line >= mb->top &&
                    line < mb->top + mb->lines)
                    ruled = true;
            }
            if (ruled && spanned(page->spanners.v, page->spanners.n, col, line))
                ruled = false;
            if (ruled && start < 0)
                start = line;
            if (!ruled && start >= 0) {
                gutter_rule(&page->list, g, x, start, line);
                start = -1;
            }
        }
    }
}

/* Two modules may not share a grid cell; articles must not cover the
 * masthead. */
static bool check_overlaps(composer *c, const page_spec *ps, const template *t, int reserved_top)
{
    size_t cells = (size_t)t->columns * (size_t)t->lines;
    int *owner = xmalloc(sizeof(int) * cells);
    for (size_t i = 0; i < cells; i++)
        owner[i] = -1;
    bool ok = true;
    for (int k = 0; k < ps->placement_count && ok; k++) {
        const placement *pl = &ps->placements[k];
        for (int i = 0; i <= pl->part_count && ok; i++) {
            const grid_area *a = part_area(pl, i);
            if (a->top < reserved_top) {
                ok = diag_error(c->d, a->loc,
                                "article \"%s\" starts at grid line %d, inside the masthead (lines "
                                "1-%d); start it at line %d or lower",
                                pl->article->id, a->top + 1, reserved_top, reserved_top + 1);
                break;
            }
            int b = area_bottom(ps, a, t);
            for (int col = a->col_from; col <= a->col_to && ok; col++)
                for (int ln = a->top; ln < b && ok; ln++) {
                    int *o = &owner[col * t->lines + ln];
                    if (*o >= 0 && *o != k)
                        ok = diag_error(c->d, a->loc,
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

bool compose_edition(const edition *e, const layout *l, typesetter *ts, edition_out *out,
                     diag *d)
{
    memset(out, 0, sizeof *out);
    out->arena = arena_new();
    composer c = {.e = e, .l = l, .ts = ts, .fonts = typesetter_fonts(ts), .d = d,
                  .a = out->arena};
    c.carries = arena_alloc(out->arena, sizeof(carry) * (size_t)(e->article_count + 1));
    out->pages = arena_alloc(out->arena, sizeof(page_out) * (size_t)e->page_count);
    out->page_count = e->page_count;
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
        bool masthead = p == 0 && t->masthead.enabled && e->masthead.present;
        if (masthead)
            compose_masthead(&c, &g, page);
        else
            compose_folio(&c, &g, page, ps);
        if (!check_overlaps(&c, ps, t, masthead ? t->masthead.lines : 0))
            continue;
        for (int k = 0; k < ps->placement_count; k++) {
            int idx = 0;
            for (int a = 0; a < e->article_count; a++)
                if (e->articles[a] == ps->placements[k].article)
                    idx = a;
            compose_module(&c, &g, page, ps, p, &ps->placements[k], idx);
        }
        compose_column_rules(&g, page);
        for (int k = 0; k < page->modules.n; k++)
            out->overset_lines += page->modules.v[k].overset_lines;
        /* The page is done: its lists grow no more; an edition of many
         * pages should not carry their growth room to the end. */
        draw_list_fit(&page->list);
    }
    warn_flagged_lines(out, d);
    return diag_error_count(d) == 0;
}
