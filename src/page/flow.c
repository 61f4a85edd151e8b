/* flow.c — frames, widows and orphans, floats, filled feet and balanced
 * columns. */
#include "page/flow.h"

#include "base/arena.h"

#include <stdlib.h>

static bool is_free(const module *m, int col, int line, int limit)
{
    return line >= m->top && line < limit && line < m->bottom &&
           !*module_cell(m, m->occ, col, line);
}

/* Where the flow goes on around a box or table across columns
 * [from, to], standing on grid lines [top, bottom) (MU-4): the text after
 * it reads on in the columns beside it above it (ABOVE), then under it
 * from its first column (BELOW), before the columns after it. */
typedef enum { AROUND_NONE, AROUND_ABOVE, AROUND_BELOW } around_phase;

typedef struct cursor {
    int col, line;
    bool fresh;   /* nothing placed yet in the current frame */
    around_phase around;
    int from, to, top, bottom; /* the spanning piece the flow goes around */
} cursor;

/* Whether the cursor may go to `line` of its column: while it reads the
 * columns beside a spanning piece, what lies under the piece waits. */
static bool open_at(const module *m, const cursor *cur, int line, int limit)
{
    if (cur->around == AROUND_ABOVE && cur->col > cur->from && cur->col <= cur->to &&
        line >= cur->top)
        return false;
    return is_free(m, cur->col, line, limit);
}

/* The next column's first line: under the spanning piece while the flow
 * reads under it, else the module's top. */
static void next_column(const module *m, cursor *cur)
{
    if (cur->around == AROUND_ABOVE && cur->col == cur->to) {
        cur->around = AROUND_BELOW;
        cur->col = cur->from;
        cur->line = cur->bottom;
    } else {
        if (cur->around == AROUND_BELOW && cur->col == cur->to)
            cur->around = AROUND_NONE;
        cur->col++;
        cur->line = cur->around == AROUND_BELOW ? cur->bottom : m->top;
    }
    cur->fresh = true;
}

/* Move to the next free line at or after the cursor; false past the
 * module's last column.  Moving past anything starts a new frame. */
static bool next_free(const module *m, cursor *cur, int limit)
{
    while (cur->col < m->ncols) {
        while (cur->line < limit && cur->line < m->bottom) {
            if (open_at(m, cur, cur->line, limit))
                return true;
            if (cur->around == AROUND_ABOVE && cur->col > cur->from && cur->line >= cur->top)
                break;
            cur->line++;
            cur->fresh = true;
        }
        next_column(m, cur);
    }
    return false;
}

/* Free lines from the cursor down, until something is in the way. */
static int room_at(const module *m, cursor cur, int limit)
{
    int n = 0;
    while (open_at(m, &cur, cur.line + n, limit))
        n++;
    return n;
}

/* After a piece across module columns [col, col + span) placed on lines
 * [at, at + lines): when the columns beside it have room above it, the
 * flow reads on there first, then under the piece. */
static void go_around(const module *m, cursor *cur, int cols, int at, int lines, int limit)
{
    cur->line = at + lines;
    cur->fresh = false;
    if (cols < 2 || cur->around != AROUND_NONE)
        return;
    bool room_above = false;
    for (int line = m->top; line < at && !room_above; line++)
        room_above = is_free(m, cur->col + 1, line, limit);
    if (!room_above)
        return;
    cur->around = AROUND_ABOVE;
    cur->from = cur->col;
    cur->to = cur->col + cols - 1;
    cur->top = at;
    cur->bottom = at + lines;
    cur->col++;
    cur->line = m->top;
    cur->fresh = true;
}

static void skip_frame(const module *m, cursor *cur, int limit)
{
    cur->line += room_at(m, *cur, limit);
    cur->fresh = true;
}

void flow_stop_at(const module *m, int *block_index, int *byte)
{
    *block_index = m->first_block;
    *byte = m->first_byte;
    const flow_item *it = m->stop_item >= 0 ? &m->items.v[m->stop_item] : NULL;
    if (!it || it->block < 0)
        return;
    *block_index = it->block;
    *byte = 0;
    /* A paragraph's lines count from byte_base: where this module took it
     * up, not where the paragraph begins. */
    if (it->kind == FLOW_PARA) {
        const para_result *pr = &it->var[m->stop_variant];
        *byte = it->byte_base + (m->stop_lines > 0 ? pr->lines[m->stop_lines - 1].text_end : 0);
    }
}

int flow_last_column(const module *m)
{
    for (int col = m->ncols - 1; col >= 0; col--)
        for (int line = m->top; line < m->bottom; line++)
            if (*module_cell(m, m->occ, col, line) && !*module_cell(m, m->fixed, col, line))
                return col;
    return -1;
}

const para_result *flow_variant(module *m, flow_item *it, int v)
{
    if (!it->have[v]) {
        para_options po = {.width = m->col_w, .indent_style = -1, .align = it->align,
                           .no_indent = it->continuation, .looseness = v - 1};
        it->var[v] = *set_cache_get(m->c->sets, m->c->ts, it->spans, it->span_count, &po);
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

static bool split_ok(const module *m, const para_result *pr, int first, int last, int pieces)
{
    int n = pr->line_count;
    if (pieces <= 1 || n < 2)
        return true;
    /* LB-4 across a column's end as within a column: a number is not
     * parted from its unit where the reader's eye jumps (12380|元). */
    if (first > 0 && (pr->lines[first - 1].flags & LINE_UNIT_SPLIT))
        return false;
    return (first >= 2 || m->lone_lines >= LONE_FIRST) && (last >= 2 || m->lone_lines >= LONE_LAST);
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

/* Where placing a paragraph of n lines in variant v ended: `done` of its
 * lines placed.  Every way out of place_para says it, as the paragraph
 * may be where the flow stops: what is overset and what a jump carries
 * are read from these lines, never from an earlier paragraph's count.
 * Returns the lines not placed. */
static int para_stop(module *m, int v, int done, int n)
{
    m->stop_variant = v;
    m->stop_lines = done;
    return n - done;
}

/* Place a paragraph; returns lines that did not fit. */
static int place_para(module *m, int idx, cursor *cur, int limit, placed_vec *out)
{
    flow_item *it = &m->items.v[idx];
    int v = it->prefer;
    const para_result *pr = flow_variant(m, it, v);
    if (pr->line_count <= 0)
        pr = flow_variant(m, it, v = 1);
    int n = pr->line_count;
    if (!next_free(m, cur, limit))
        return para_stop(m, v, 0, n);
    /* BL-7: what must stand together starts the next frame when this one
     * cannot hold it and a frame can. */
    if (it->keep_lines > 1 && !cur->fresh && room_at(m, *cur, limit) < it->keep_lines &&
        it->keep_lines <= limit - m->top) {
        skip_frame(m, cur, limit);
        if (!next_free(m, cur, limit))
            return para_stop(m, v, 0, n);
    }
    int first, last, pieces;
    simulate(m, *cur, n, limit, &first, &last, &pieces);
    if (!split_ok(m, pr, first, last, pieces)) {
        /* Ask for the paragraph one line shorter, then one line longer. */
        static const int tries[] = {0, 2};
        for (size_t k = 0; k < countof(tries); k++) {
            const para_result *alt = flow_variant(m, it, tries[k]);
            if (alt->line_count <= 0)
                continue;
            int f, l, p;
            simulate(m, *cur, alt->line_count, limit, &f, &l, &p);
            if (split_ok(m, alt, f, l, p)) {
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
    if (pieces > 1 && n >= 2 && first == 1 && m->lone_lines < LONE_FIRST) {
        skip_frame(m, cur, limit);
        if (!next_free(m, cur, limit))
            return para_stop(m, v, 0, n);
        simulate(m, *cur, n, limit, &first, &last, &pieces);
    }
    int give_back =
        pieces > 1 && n >= 3 && last == 1 && first >= 3 && m->lone_lines < LONE_LAST ? 1 : 0;
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
            *module_cell(m, m->occ, cur->col, cur->line + i) = 1;
        }
        done += take;
        cur->line += take;
        cur->fresh = false;
        piece++;
        if (done < n)
            skip_frame(m, cur, limit);
    }
    return para_stop(m, v, done, n);
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
            *module_cell(m, m->occ, c2, ln) = 1;
    go_around(m, cur, span_cols, at, it->blk.lines, limit);
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
        return flow_variant(m, it, 1)->line_count;
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
        cursor where = c;
        where.line += before;
        where.fresh = false;
        *VEC_PUSH(at) = where;
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
            *module_cell(m, m->occ, where.col, ln) = 1;
        *cur = where;
        cur->line += tp->lines;
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
    cursor cur = {.col = 0, .line = m->top, .fresh = true};
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
    const para_result *base = flow_variant(m, it, 1), *alt = flow_variant(m, it, v);
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


/* Lines the last flow run left empty at column feet: before the last
 * column with anything in it (holes: a short middle column) and in that
 * column and any bare one after it (the story's end). */
static void foot_gaps(const module *m, int *holes, int *end)
{
    int last = flow_last_column(m);
    *holes = *end = 0;
    int empty[m->ncols > 0 ? m->ncols : 1];
    for (int col = 0; col < m->ncols; col++)
        empty[col] = module_empty_at_foot(m, m->occ, col);
    for (int col = 0; col < m->ncols; col++) {
        if (col < last)
            *holes += empty[col];
        else
            *end += empty[col];
    }
}

/* What the fill weighs: text set over most, then short middle columns,
 * then each line the story's end leaves empty.  When the rest jumps to
 * another page, neither the text left over nor the end counts: only the
 * columns here must be full. */
static long fill_score(const module *m, int overset)
{
    int holes, end;
    foot_gaps(m, &holes, &end);
    if (m->pl->continue_page >= 0)
        return holes * 10L;
    return overset * 1000L + holes * 10L + end;
}

/* Copy fitting before a column is left short (MU-3): set one paragraph at a
 * time a line longer or shorter (latest first, where its setting reads as
 * well), keeping each change that leaves fewer empty lines, until none
 * helps.  The flow in `out` is the best found. */
static int fill_columns(module *m, placed_vec *out, int overset)
{
    /* Bounds on the work: flow runs, and paragraphs set again (a long
     * paragraph's other settings cost much and change little). */
    enum { MAX_RUNS = 48, MAX_TRIED = 24, MAX_LINES = 40, MAX_OVERSET = 8 };
    long score = fill_score(m, overset);
    int runs = 0, tried = 0;
    bool changed = true, current = true;
    bool jumps = m->pl->continue_page >= 0;
    while (changed && score > 0 && runs < MAX_RUNS && (jumps || overset <= MAX_OVERSET)) {
        changed = false;
        for (int i = m->items.n - 1; i >= 0 && !changed && runs < MAX_RUNS; i--) {
            flow_item *it = &m->items.v[i];
            if (it->kind != FLOW_PARA || it->prefer != 1 || tried >= MAX_TRIED ||
                flow_variant(m, it, 1)->line_count > MAX_LINES)
                continue;
            tried += !it->have[0] || !it->have[2];
            /* Text over: only a shorter setting can help. */
            for (int v = overset > 0 && !jumps ? 0 : 2; v >= 0 && !changed && runs < MAX_RUNS;
                 v -= 2) {
                if (!good_variant(m, it, v, v - 1))
                    continue;
                it->prefer = v;
                int again = flow_once(m, m->bottom, out);
                runs++;
                long s = fill_score(m, again);
                if (s < score) {
                    score = s, overset = again, changed = current = true;
                } else {
                    it->prefer = 1;
                    current = false;
                }
            }
        }
    }
    if (!current)
        overset = flow_once(m, m->bottom, out);
    return overset;
}

/* A short middle column is what a desk chief sees first; a paragraph's
 * first line alone at a column's foot, and then its last line alone at
 * the next one's top, read less badly.  Where copy fitting left a short
 * column, they are allowed in that order, each only if it mends it. */
static int allow_lone_lines(module *m, placed_vec *out, int overset)
{
    for (int allow = LONE_FIRST; allow <= LONE_LAST; allow++) {
        int holes, end;
        foot_gaps(m, &holes, &end);
        if (holes == 0)
            break;
        long score = fill_score(m, overset);
        int before = m->lone_lines;
        m->lone_lines = allow;
        int again = flow_once(m, m->bottom, out);
        if (fill_score(m, again) < score) {
            overset = again;
            continue;
        }
        m->lone_lines = before;
        overset = flow_once(m, m->bottom, out);
    }
    return overset;
}

int flow_set(module *m, placed_vec *pv)
{
    int overset = flow_run(m, m->bottom, pv);
    overset = fill_columns(m, pv, overset);
    return allow_lone_lines(m, pv, overset);
}
